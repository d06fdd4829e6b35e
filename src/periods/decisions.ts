/**
 * The periods family's decisions (RULES §I, §J, CLM-QUOTA,
 * COM-SALARY-GRADES) and their sentences.
 */
import { ownEntry } from '../kernel/list.js';
import { z } from 'zod';
import { decisionBase, type Args, type Wording } from '../kernel/decision.js';
import { decimalSchema } from '../events/common.js';

const periodKind = z.enum(['day', 'week', 'month', 'quarter']);
const period = {
  period: periodKind.describe('The kind of period judged.'),
  start: z.string().describe('Its first day, YYYY-MM-DD (a month: YYYY-MM).'),
};

/**
 * A period's figure judged against its target when the period closed:
 * KPI-CLOSE-RATE (deals / receptions), KPI-INVITE-RATE (invited visits /
 * calls), KPI-CALLS (connected calls a day, invited visits a week).
 *
 * @example
 * ```ts
 * // { kind: 'kpi', staff: 'S02', period: 'week', start: '2026-11-02', measure: 'closeRate', value: 0, of: 14,
 * //   target: 10, met: false, rules: ['KPI-CLOSE-RATE'], ... }
 * ```
 */
export const kpiDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('kpi'),
  staff: z.string(),
  ...period,
  measure: z.enum(['closeRate', 'inviteRate', 'dailyCalls', 'weeklyInvitedVisits']),
  value: z.number().describe('The count (a rate: its numerator).'),
  of: z.number().nullable().describe("A rate's denominator; null for a count."),
  target: z.number().describe('A rate: the percentage to reach; a count: the quota.'),
  met: z.boolean(),
});

/**
 * A person flagged when a period closed: for elimination (KPI-ELIMINATION)
 * or dismissal (KPI-CALLS, every week of a month missed).
 *
 * @example
 * ```ts
 * // { kind: 'flag', staff: 'S07', period: 'quarter', start: '2007-12-01', flag: 'elimination', args: { value: '0.00', rank: 18, of: 18 }, ... }
 * ```
 */
export const flagDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('flag'),
  staff: z.string(),
  ...period,
  flag: z.enum(['elimination', 'dismissal']),
});

/**
 * An entry of the fines ledger (PEN-FINES): who is fined, how much, for
 * which violation, and whether it is deducted from the month's pay or kept
 * as a separate payable. Every fine is one entry, with its trace.
 *
 * @example
 * ```ts
 * // { kind: 'penalty', id: 'e88#1', staff: 'S02', client: 'e2', amount: '400.00', violation: 'appealFailed',
 * //   settlement: 'deductFromPay', month: '2026-11', day: '2026-11-05', rules: ['DSP-PROCESS', 'PEN-FINES'], ... }
 * ```
 */
export const penaltyDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('penalty'),
  id: z.string().describe('The entry id: the event id and its number in the event.'),
  client: z.string().optional(),
  staff: z.string(),
  amount: decimalSchema.describe('The fine, exact to the cent.'),
  violation: z.string().describe('The violation of the policy schedule, or appealFailed, overturned, alteredBook (REG-DISCIPLINE), missingCalls.'),
  settlement: z.enum(['deductFromPay', 'separatePayable']),
  month: z.string().describe('The pay month, YYYY-MM.'),
  day: z.string().describe('The local day the fine is for, YYYY-MM-DD (a missed quota: the day judged; otherwise the violation).'),
});

/**
 * A violation recorded (PEN-FINES, PEN-CANCEL): fined now, fined when the
 * month closes (a share of the month's bonus), or only cancelling a claim.
 *
 * @example
 * ```ts
 * // { kind: 'violation', staff: 'S03', client: 'e2', violation: 'exposeRewardConflict', outcome: 'fined', cancelsClaim: true, ... }
 * ```
 */
export const violationDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('violation'),
  client: z.string().optional(),
  staff: z.string(),
  violation: z.string(),
  outcome: z.enum(['fined', 'pending', 'noFine']),
  cancelsClaim: z.boolean(),
});

/**
 * A salary grade set, kept or moved (COM-SALARY-GRADES), with the months
 * that moved it.
 *
 * @example
 * ```ts
 * // { kind: 'grade', staff: 'S01', change: 'promoted', grade: '正式业务员', base: '800', previous: '试用业务员',
 * //   args: { months: ['2026-09', '2026-10', '2026-11'] }, rules: ['COM-SALARY-GRADES'], ... }
 * ```
 */
export const gradeDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('grade'),
  staff: z.string(),
  change: z.enum(['set', 'promoted', 'demoted', 'kept']),
  grade: z.string(),
  base: decimalSchema.describe('The monthly base salary of the grade (or the personal one).'),
  previous: z.string().nullable(),
});

/**
 * A reward earned (KPI-REWARD-DAYOFF): paid days off for invited visits.
 *
 * @example
 * ```ts
 * // { kind: 'reward', staff: 'T1', period: 'month', start: '2026-11', days: '0.5', visits: 10, ... }
 * ```
 */
export const rewardDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('reward'),
  staff: z.string(),
  ...period,
  days: decimalSchema.describe('Paid days off this reward gives.'),
  visits: z.number().describe('Invited visits counted in the period so far.'),
});

/**
 * An invitation made, or an invited client's arrival confirmed or not
 * (KPI-INVITE-CONFIRM).
 *
 * @example
 * ```ts
 * // { kind: 'invitation', staff: 'T1', invitation: 'e40', client: 'e52', step: 'confirmed', ... }
 * ```
 */
export const invitationDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('invitation'),
  staff: z.string().describe('The inviter.'),
  invitation: z.string().describe('The id of the invitation event.'),
  client: z.string().optional(),
  step: z.enum(['invited', 'confirmed', 'unconfirmed']),
});

/**
 * A month's called numbers recycled (KPI-CALL-GRADES): A-C numbers come
 * back for another call, D numbers are dropped.
 *
 * @example
 * ```ts
 * // { kind: 'recycle', staff: 'T1', period: 'month', start: '2026-11', recycled: 240, dropped: 1800, ... }
 * ```
 */
export const recycleDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('recycle'),
  staff: z.string(),
  ...period,
  recycled: z.number(),
  dropped: z.number(),
});

/**
 * A period's KPI judged when it closed, from {@link kpiDecisionSchema} (KPI-CLOSE-RATE, KPI-INVITE-RATE, KPI-CALLS).
 *
 * @example
 * ```ts
 * const missed = step.decisions.filter((d): d is KpiDecision => d.kind === 'kpi' && !d.met);
 * ```
 */
export type KpiDecision = z.infer<typeof kpiDecisionSchema>;
/**
 * A flag raised when a period closed, from {@link flagDecisionSchema} (KPI-ELIMINATION, KPI-CALLS).
 *
 * @example
 * ```ts
 * const flagged = step.decisions.filter((d): d is FlagDecision => d.kind === 'flag').map((d) => d.staff);
 * ```
 */
export type FlagDecision = z.infer<typeof flagDecisionSchema>;
/**
 * A fines ledger entry, from {@link penaltyDecisionSchema} (PEN-FINES).
 *
 * @example
 * ```ts
 * const total = finesLedger(state).filter((f: PenaltyDecision) => f.staff === 'S02').length;
 * ```
 */
export type PenaltyDecision = z.infer<typeof penaltyDecisionSchema>;
/**
 * A violation recorded, from {@link violationDecisionSchema} (PEN-FINES, PEN-CANCEL).
 *
 * @example
 * ```ts
 * const cancels = step.decisions.some((d) => d.kind === 'violation' && (d as ViolationDecision).cancelsClaim);
 * ```
 */
export type ViolationDecision = z.infer<typeof violationDecisionSchema>;
/**
 * A salary grade set or moved, from {@link gradeDecisionSchema} (COM-SALARY-GRADES).
 *
 * @example
 * ```ts
 * const moves = step.decisions.filter((d): d is GradeDecision => d.kind === 'grade' && d.change !== 'kept');
 * ```
 */
export type GradeDecision = z.infer<typeof gradeDecisionSchema>;
/**
 * A reward earned, from {@link rewardDecisionSchema} (KPI-REWARD-DAYOFF).
 *
 * @example
 * ```ts
 * const days = step.decisions.filter((d): d is RewardDecision => d.kind === 'reward').map((d) => d.days); // ['0.5']
 * ```
 */
export type RewardDecision = z.infer<typeof rewardDecisionSchema>;
/**
 * An invitation made or an invited client's arrival, from {@link invitationDecisionSchema} (KPI-INVITE-CONFIRM).
 *
 * @example
 * ```ts
 * const confirmed = step.decisions.some((d) => d.kind === 'invitation' && (d as InvitationDecision).step === 'confirmed');
 * ```
 */
export type InvitationDecision = z.infer<typeof invitationDecisionSchema>;
/**
 * The numbers a month's close recycles, from {@link recycleDecisionSchema} (KPI-CALL-GRADES).
 *
 * @example
 * ```ts
 * const recycled = step.decisions.filter((d): d is RecycleDecision => d.kind === 'recycle').map((d) => d.recycled);
 * ```
 */
export type RecycleDecision = z.infer<typeof recycleDecisionSchema>;

/**
 * Every decision of the periods family (RULES §I, §J, CLM-QUOTA, COM-SALARY-GRADES).
 *
 * @example
 * ```ts
 * const mine = step.decisions.filter((d) => ['kpi', 'flag', 'penalty', 'grade'].includes(d.kind)) as PeriodsDecision[];
 * ```
 */
export type PeriodsDecision = KpiDecision | FlagDecision | PenaltyDecision | ViolationDecision | GradeDecision | RewardDecision | InvitationDecision | RecycleDecision;

const str = (a: Args | undefined, k: string): string => {
  const v = a?.[k];
  return v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v);
};

const MEASURES: Record<KpiDecision['measure'], string> = {
  closeRate: 'closing rate (deals / receptions)',
  inviteRate: 'invitation rate (invited visits / calls)',
  dailyCalls: 'connected outbound calls',
  weeklyInvitedVisits: 'invited visits',
};

const FINE_WHY: Record<string, string> = {
  appealFailed: 'an appeal that failed',
  overturned: 'a ruling overturned on appeal',
  alteredBook: 'altering the paper book, treated as grabbing the client (恶意抢单)',
  missingCalls: 'calls missing from the daily quota',
};

function kpi(d: KpiDecision, w: Wording): string {
  const of = d.of === null ? `${d.value} against a quota of ${d.target}` : `${d.value} of ${d.of}${d.of > 0 ? ` (${((100 * d.value) / d.of).toFixed(1)}%)` : ''} against ${d.target}%`;
  const consequence = str(d.args, 'consequence');
  return `${w.who(d.staff)}, ${d.period} of ${d.start}: ${MEASURES[d.measure]} ${of}: ${d.met ? 'met' : 'missed'}${consequence ? `; ${consequence}` : ''}`;
}

/** The sentence of a periods decision. @internal */
export function describePeriods(d: PeriodsDecision, w: Wording): string {
  const a = d.args;
  switch (d.kind) {
    case 'kpi':
      return kpi(d, w);
    case 'flag':
      return d.flag === 'elimination'
        ? `${w.who(d.staff)} flagged for elimination after the ${d.period} of ${d.start}: ${str(a, 'why') === 'outsideTop' ? `ranked ${str(a, 'rank')} of ${str(a, 'of')}, outside the top ${str(a, 'top')}` : `the last performer (${str(a, 'value')}), ties included`} on ${str(a, 'rankBy')}`
        : `${w.who(d.staff)} flagged for dismissal: the weekly quota of invited visits was missed in every week of ${d.start} (${str(a, 'weeks')} weeks)`;
    case 'penalty':
      return `${w.who(d.staff)} fined ${d.amount} for ${ownEntry(FINE_WHY, d.violation) ?? `the violation "${d.violation}"`}${str(a, 'how') ? ` (${str(a, 'how')})` : ''}; ${d.settlement === 'deductFromPay' ? `deducted from the pay of ${d.month}` : `payable separately, ${d.month}`}`;
    case 'violation':
      return `${w.who(d.staff)}: violation "${d.violation}"${d.outcome === 'pending' ? ', fined when the month closes (its bonus is known then)' : d.outcome === 'noFine' ? ', no fine in the schedule' : ''}${d.cancelsClaim ? `; the claim on the client is ${a?.cancelled === true ? 'cancelled' : 'not theirs to cancel'}` : ''}`;
    case 'grade': {
      const months = str(a, 'months');
      switch (d.change) {
        case 'set':
          return `${w.who(d.staff)} starts at grade ${d.grade}, base salary ${d.base}`;
        case 'promoted':
          return `${w.who(d.staff)} promoted from ${d.previous ?? '?'} to ${d.grade} (base ${d.base}): both the red and the green line met in ${months}`;
        case 'demoted':
          return `${w.who(d.staff)} demoted from ${d.previous ?? '?'} to ${d.grade} (base ${d.base}): neither line met in ${months}`;
        case 'kept':
          return `${w.who(d.staff)} stays at ${d.grade}: ${str(a, 'why') === 'top' ? 'the top of the ladder' : 'the bottom of the ladder'} (${months})`;
      }
      return d.grade;
    }
    case 'reward':
      return `${w.who(d.staff)} earns ${d.days} paid day${d.days === '1' ? '' : 's'} off: ${d.visits} invited visits in the ${d.period} of ${d.start}`;
    case 'invitation':
      return d.step === 'invited'
        ? `${w.who(d.staff)} invited a client to visit${str(a, 'expected') ? ` (expected ${w.time(Number(a?.expected))})` : ''}`
        : d.step === 'confirmed'
          ? `the client invited by ${w.who(d.staff)} arrived, contacted the inviter and ${w.who(str(a, 'signedBy'))} ${str(a, 'visit') ? 'received them' : 'signed'}: a confirmed invited visit`
          : `the client invited by ${w.who(d.staff)} arrived but ${a?.contacted === true ? 'no receiving salesperson signed' : 'did not contact the inviter'}: not an invited visit (a new walk-in)`;
    case 'recycle':
      return `${w.who(d.staff)}, ${d.start}: ${d.recycled} A-C numbers come back for another call; ${d.dropped} D numbers are dropped`;
  }
}
