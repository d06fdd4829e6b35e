import { z } from 'zod';
import { MONTH_PATTERN } from '../kernel/time.js';
import { nonNegativeDecimalSchema as nonNegative } from '../events/common.js';
import { staffRoleSchema } from '../events/schema.js';

const periodKindSchema = z.enum(['day', 'week', 'month', 'quarter']);
const percent = z.number().min(0, 'must be 0 or more').max(100, 'a percentage is at most 100');
const count = z.number().int().min(0).max(1_000_000);
const monthSchema = z.string().regex(MONTH_PATTERN, 'must be a month YYYY-MM such as "2007-12"');

/**
 * How a violation is fined (PEN-FINES) and whether it cancels the violator's
 * claim on the client (PEN-CANCEL). The parts add up: a fixed amount, an
 * amount the event gives inside a range, multiples of the day's or the
 * month's base pay, and a share of the month's bonus (settled when the month
 * closes, as only then is the month's bonus known).
 *
 * @example
 * ```ts
 * fineSpecSchema.parse({ monthBase: '1', monthBonus: '0.5' }); // 003: 当月基本工资 + 当月奖金的50%
 * ```
 */
export const fineSpecSchema = z
  .strictObject({
    amount: nonNegative.optional().describe('A fixed fine (004c: 1000).'),
    range: z
      .strictObject({ min: nonNegative, max: nonNegative })
      .refine((r) => Number(r.min) <= Number(r.max), { message: 'min must not exceed max', path: ['max'] })
      .optional()
      .describe('The event states the amount, which must fall inside this range (000 §18: 20-200).'),
    dayBase: nonNegative.optional().describe("Multiples of the day's base pay (003: 当日基本工资)."),
    monthBase: nonNegative.optional().describe("Multiples of the month's base pay (003: 当月基本工资)."),
    monthBonus: nonNegative
      .refine((s) => Number(s) <= 1, { message: 'a share of the bonus is at most 1' })
      .optional()
      .describe("A share of the month's bonus (003: 当月应发奖金的50% is 0.5), settled when the month closes."),
    cancelsClaim: z.boolean().default(false).describe("PEN-CANCEL (004c): the violation cancels the violator's claim on the client."),
    source: z.string().max(200).optional().describe('Where the rule comes from, for people.'),
  })
  .describe('A fine of the schedule.');

/**
 * A fine of the schedule, from {@link fineSpecSchema} (PEN-FINES, PEN-CANCEL).
 *
 * @example
 * ```ts
 * const expose: FineSpec = { amount: '1000', cancelsClaim: true, source: '004c 七.3' };
 * ```
 */
export type FineSpec = z.infer<typeof fineSpecSchema>;

const gradeSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  base: nonNegative.describe('Monthly base salary.'),
});

/**
 * Quotas, KPIs, periods, penalties, rewards, salary grades and fines (RULES
 * §I, §J, CLM-QUOTA, COM-SALARY-GRADES, and the derived ROT-PENALTY-HALF and
 * ROT-NO-CALLS). Every field has a default; the defaults compute every
 * period's figures but make no decision that an ordinary log would change:
 * derived penalties, call quotas, rewards and elimination are off (null)
 * until a policy turns them on.
 *
 * @example
 * ```ts
 * periodsPolicySchema.parse({ penalties: { halfTurns: { when: 'noDeal' } }, quota: { judged: 'soFar' } });
 * ```
 */
export const periodsPolicySchema = z
  .strictObject({
    calendar: z
      .strictObject({
        weekStartsOn: z.number().int().min(0).max(6).default(1).describe('The first day of a week: 0 Sunday ... 6 Saturday (default Monday).'),
        quarterStartMonth: z
          .number()
          .int()
          .min(1)
          .max(12)
          .default(1)
          .describe('The first month of a quarter (1 January); quarters follow every three months (000 §13: counted from December, so 12).'),
      })
      .prefault({})
      .describe('How days group into weeks and quarters, in the office time zone.'),
    closeRate: z
      .strictObject({
        percent: percent.default(10).describe('KPI-CLOSE-RATE (000 §12): the closing rate (deals / receptions) the period should reach.'),
        period: periodKindSchema.default('week').describe('KPI-CLOSE-RATE: the period it is judged over (一周或規定的時間).'),
      })
      .prefault({}),
    inviteRate: z
      .strictObject({
        percent: percent.default(20).describe('KPI-INVITE-RATE (000 §3): invited visits / calls the period should reach.'),
        period: periodKindSchema.default('week').describe('KPI-INVITE-RATE: the period it is judged over.'),
      })
      .prefault({}),
    penalties: z
      .strictObject({
        halfTurns: z
          .strictObject({
            when: z
              .enum(['noDeal', 'belowRate'])
              .default('noDeal')
              .describe('noDeal: no deal or deposit in the period (000 §12); belowRate: the closing rate under its percentage.'),
            minReceptions: count.default(1).describe('Judge only people who received at least this many visitors in the period (0: everyone on duty).'),
          })
          .nullable()
          .default(null)
          .describe('ROT-PENALTY-HALF derived from KPI-CLOSE-RATE: one turn every two rounds for the next period; null: only explicit setRotationPenalty events.'),
        noCalls: z
          .strictObject({
            minCalls: count.default(1).describe('Judge only people given at least this many calls in the period (with none there is no rate).'),
          })
          .nullable()
          .default(null)
          .describe('ROT-NO-CALLS derived from KPI-INVITE-RATE: a zero invitation rate stops call allocation for the next period; null: only explicit events.'),
      })
      .prefault({}),
    quota: z
      .strictObject({
        limit: count.default(50).describe('CLM-QUOTA (002 §1.5): active claims a salesperson may hold.'),
        targetMet: count.default(80).describe("CLM-QUOTA: the limit once the quarter's signing target is met (the sum of its months' red-line targets)."),
        noSigning: count.default(30).describe('CLM-QUOTA: the limit when the quarter has no signing at all (no red-line amount).'),
        judged: z
          .enum(['quarterEnd', 'soFar'])
          .default('quarterEnd')
          .describe(
            'CLM-QUOTA: when "no signing" is judged. quarterEnd: once a quarter has closed with no signing, the low limit holds until the next signing; soFar: the current quarter so far (nobody has signed on its first day).',
          ),
        kinds: z
          .array(z.enum(['claim', 'preFile']))
          .default(['claim'])
          .describe('CLM-QUOTA: which claims count as active claims (pre-filed own contacts are exempt by default).'),
      })
      .superRefine(
        (q, ctx) => {
          // 002 §1.5: meeting the target raises the quota (增至), no signing lowers it (降至).
          if (q.targetMet < q.limit) ctx.addIssue({ code: 'custom', path: ['targetMet'], message: `must be at least limit (${q.limit}): meeting the target raises the quota (002 §1.5 增至)` });
          if (q.noSigning > q.limit) ctx.addIssue({ code: 'custom', path: ['noSigning'], message: `must be at most limit (${q.limit}): no signing lowers the quota (002 §1.5 降至)` });
        },
        { when: (p) => p.issues.length === 0 },
      )
      .nullable()
      .default(null)
      .describe('CLM-QUOTA (002 §1.5); null (default: no other seed limits claims): no limit; `{}`: 002\'s 50, 80 and 30; noSigning <= limit <= targetMet. A claim stops being active when it lapses, is released or cancelled, or becomes a deal.'),
    invitations: z
      .strictObject({
        confirm: z
          .boolean()
          .default(true)
          .describe('KPI-INVITE-CONFIRM (001): an invited visit counts only when the client contacted the inviter on arrival and the receiving salesperson signed.'),
      })
      .prefault({}),
    calls: z
      .strictObject({
        roles: z.array(staffRoleSchema).min(1).default(['telemarketer']).describe('Who the call quotas apply to.'),
        daily: count.nullable().default(100).describe('KPI-CALLS (001): connected outbound calls a day; null: no daily quota.'),
        finePerMissing: nonNegative.default('1').describe('KPI-CALLS, PEN-FINES: the fine per missing call.'),
        weeklyInvitedVisits: count.nullable().default(10).describe('KPI-CALLS: invited visits a week; null: no weekly quota.'),
        dismissal: z.boolean().default(true).describe('KPI-CALLS: flag for dismissal whoever missed the weekly quota in every week of a month (weeks belong to the month they end in).'),
        recycleDays: count.default(30).describe('KPI-CALL-GRADES: A-C numbers come back for another call after this many days (about a month); D numbers never.'),
      })
      .nullable()
      .default(null)
      .describe('KPI-CALLS, KPI-CALL-GRADES: the telemarketers\' quotas; null: none. Days with no event at all count as days the office was closed.'),
    dayOff: z
      .strictObject({
        per: z.number().int().min(1).max(10_000).default(10).describe('KPI-REWARD-DAYOFF (001): invited visits per reward.'),
        days: nonNegative.default('0.5').describe('KPI-REWARD-DAYOFF: paid days off per reward (半天).'),
        period: periodKindSchema.default('month').describe('KPI-REWARD-DAYOFF: the period the visits are counted in.'),
      })
      .nullable()
      .default(null)
      .describe('KPI-REWARD-DAYOFF; null: no reward.'),
    elimination: z
      .strictObject({
        mode: z.enum(['last', 'outsideTop']).default('last').describe('last: the last performer or performers, ties included (000 §13); outsideTop: everyone outside the top N (001).'),
        top: z.number().int().min(1).max(1000).default(6).describe('KPI-ELIMINATION (001): N for outsideTop; ties with the N-th stay in.'),
        period: z.enum(['month', 'quarter']).default('quarter').describe('KPI-ELIMINATION: how often people are ranked.'),
        from: monthSchema.nullable().default(null).describe('KPI-ELIMINATION (000 §13: 2007-12): the first month counted; with quarters it must be a first month of a quarter.'),
        roles: z.array(staffRoleSchema).min(1).default(['sales']),
        rankBy: z
          .array(z.enum(['redLine', 'deals', 'invitedVisits', 'invitations', 'conversions']))
          .min(1)
          .max(5)
          .default(['redLine'])
          .describe('KPI-ELIMINATION: the measures ranked on, the first first (000: 业绩, the red line; 001: invited visits, then deals converted from them).'),
      })
      .nullable()
      .default(null)
      .describe('KPI-ELIMINATION; null: nobody is flagged.'),
    grades: z
      .strictObject({
        ladder: z
          .array(gradeSchema)
          .min(1)
          .max(50)
          .default([
            { name: '试用业务员', base: '700' },
            { name: '正式业务员', base: '800' },
            { name: '优秀业务员', base: '1000' },
            { name: '资深业务员', base: '1200' },
            { name: '销售主管', base: '1300' },
            { name: '高级销售主管', base: '1500' },
          ])
          .describe('COM-SALARY-GRADES (000 §14): the grades from the lowest, with their base salaries.'),
        promoteAfter: z.number().int().min(1).max(24).default(3).describe('COM-SALARY-GRADES: consecutive months with both the red and the green line met that promote one grade.'),
        demoteAfter: z.number().int().min(1).max(24).default(3).describe('COM-SALARY-GRADES: consecutive months with neither line met that demote one grade.'),
      })
      .prefault({})
      .describe('COM-SALARY-GRADES: only people given a starting grade (setGrade) are graded; a month with no target set breaks both streaks.'),
    fines: z
      .strictObject({
        settlement: z
          .enum(['deductFromPay', 'separatePayable'])
          .default('deductFromPay')
          .describe("PEN-FINES: fines are deducted from the month's pay, or kept as a separate payable."),
        daysPerMonth: z.number().int().min(1).max(31).nullable().default(null).describe("PEN-FINES (003): the day's base pay is the month's base over this many days; null: the month's calendar days."),
        schedule: z
          .record(z.string().trim().min(1).max(50), fineSpecSchema)
          .default({})
          .describe('PEN-FINES, PEN-CANCEL: the violations a recordViolation event may name, and how each is fined; empty (default: each seed fines its own violations, 000 §18 20-200, 003 篇十 4 the day\'s base, 004c 七 1000 and the claim): no violation is named, a preset lists its seed\'s.'),
      })
      .prefault({}),
  })
  .prefault({})
  .superRefine((p, ctx) => {
    const e = p.elimination;
    if (e?.from != null && e.period === 'quarter') {
      const month = Number(e.from.slice(5, 7));
      if ((month - p.calendar.quarterStartMonth + 12) % 3 !== 0) {
        ctx.addIssue({ code: 'custom', path: ['elimination', 'from'], message: `${e.from} does not start a quarter when quarters start in month ${p.calendar.quarterStartMonth}` });
      }
    }
  });

/**
 * The periods section of a policy, parsed (every default filled in) (RULES §I, §J, CLM-QUOTA, COM-SALARY-GRADES).
 *
 * @example
 * ```ts
 * const p: PeriodsPolicy = periodsPolicySchema.parse({ quota: {} }); p.quota?.limit; // 50 (002 §1.5); the default is null, no quota
 * ```
 */
export type PeriodsPolicy = z.infer<typeof periodsPolicySchema>;
