/**
 * The rotation family's decisions (RULES §D) and their sentences.
 */
import { z } from 'zod';
import { decisionBase, type Args, type Wording } from '../kernel/decision.js';

/**
 * Why the queue passed over someone whose turn it was (RULES §D): out on
 * company or personal business (ROT-MAKEUP-COMPANY, ROT-MISSED-NO-MAKEUP),
 * busy with another visitor (ROT-ORDER), serving an own old client
 * (ROT-OWN-CLIENT-ARRIVES, ROT-LONG-RECEPTION, ROT-OLD-CLIENT-NOT-COUNTED),
 * every other round under a penalty (ROT-PENALTY-HALF), their turn already
 * taken out of order (ROT-ORDER), or, for calls, barred from allocation
 * (ROT-NO-CALLS).
 *
 * @example
 * ```ts
 * skipReasonSchema.parse('companyBusiness');
 * ```
 */
export const skipReasonSchema = z.enum(['companyBusiness', 'personalBusiness', 'busy', 'servingOwnClient', 'penalty', 'turnTakenEarly', 'noCalls']);

/** A reason of {@link skipReasonSchema}. */
export type SkipReason = z.infer<typeof skipReasonSchema>;

/**
 * Someone the queue passed over: why, whether a make-up is owed for it, and
 * until when what kept them lasts (`until`, epoch ms). `outcome`: `owed`
 * (a make-up is owed), `lost` (no make-up under this policy), `alreadyOwed`
 * (the make-up for this absence or reception is owed already), or null for
 * skips that owe nothing by their nature (turn taken early, penalty, calls).
 *
 * @example
 * ```ts
 * // { staff: 'S02', reason: 'busy', makeUp: true, until: 1793..., outcome: 'owed' }
 * ```
 */
export const skipSchema = z.object({
  staff: z.string(),
  reason: skipReasonSchema,
  makeUp: z.boolean().describe('A make-up is owed for this skip.'),
  until: z.number().nullable(),
  outcome: z.enum(['owed', 'lost', 'alreadyOwed']).nullable(),
});

/** A skip of {@link skipSchema}. */
export type Skip = z.infer<typeof skipSchema>;

/**
 * Who received a visitor or a call, whether it used a turn, who was skipped
 * and why, and the make-ups it owed or used (RULES §D). "Nobody could
 * receive" is a decision too (`receiver: null`).
 *
 * @example
 * ```ts
 * // { kind: 'reception', channel: 'visit', receiver: 'S03', counted: true, turns: 1, makeUp: false,
 * //   skipped: [{ staff: 'S02', reason: 'companyBusiness', makeUp: true, until: null, outcome: 'owed' }], why: 'queue', ... }
 * ```
 */
export const receptionDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('reception'),
  channel: z.enum(['visit', 'call']).describe('A walk-in (visitor book) or a call (call book).'),
  client: z.string().optional(),
  receiver: z.string().nullable(),
  counted: z.boolean().describe('Whether it used a turn (of the walk-in queue, or of the call rotation for calls).'),
  turns: z.number().int().min(0).describe('Turns used: 0 when not counted; more than 1 for a party under groupTurns perBuyer (ROT-GROUP-ONE).'),
  makeUp: z.boolean().describe('The receiver used a make-up they were owed.'),
  skipped: z.array(skipSchema),
});

/**
 * A change to the queue that is not a reception: a rotation penalty set or
 * lifted (ROT-PENALTY-HALF, ROT-NO-CALLS), the day's duty staff (ROT-DUTY),
 * a reception's end (ROT-LONG-RECEPTION), or a client handed back to their
 * owner's team (ROT-TEAM-ASSIST; `staff`: from, to).
 *
 * @example
 * ```ts
 * // { kind: 'queue', staff: ['S02'], change: 'penalty', until: 1794..., ... }
 * ```
 */
export const queueDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('queue'),
  staff: z.array(z.string()),
  change: z.enum(['penalty', 'penaltyLifted', 'duty', 'receptionEnded', 'handedBack', 'turnReturned']),
  until: z.number().nullable().describe('Epoch ms the change lasts until; null: no end.'),
});

/** A reception decision. */
export type ReceptionDecision = z.infer<typeof receptionDecisionSchema>;
/** A queue decision. */
export type QueueDecision = z.infer<typeof queueDecisionSchema>;
/** Every decision of the rotation family. */
export type RotationDecision = ReceptionDecision | QueueDecision;

const str = (a: Args | undefined, k: string): string => {
  const v = a?.[k];
  return v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v);
};
const num = (a: Args | undefined, k: string): number => (typeof a?.[k] === 'number' ? (a[k] as number) : 0);

const OUT: Record<string, string> = { leave: 'on leave', trainingNotPassed: 'not through training', outOfUniform: 'out of uniform', companyBusiness: 'out on company business', personalBusiness: 'out on personal business' };

/** Words for a person's state as the queue saw it (`code` and `until`). @internal */
export function stateWords(code: string, until: number, w: Wording): string {
  if (code === 'busy') return `busy with a visitor until ${w.clock(until)}`;
  if (code === 'servingOwnClient') return `serving an own old client until ${w.clock(until)}`;
  if (code === 'free') return 'free';
  if (code.startsWith('role:')) return `role ${code.slice(5)}`;
  return OUT[code] ?? code;
}

function skipWords(s: Skip, channel: 'visit' | 'call', w: Wording): string {
  const outcome = s.outcome === 'owed' ? 'a make-up is owed' : s.outcome === 'lost' ? 'the turn is lost, no make-up' : 'the make-up for this is already owed';
  switch (s.reason) {
    case 'companyBusiness':
    case 'personalBusiness':
      return channel === 'call' ? `${OUT[s.reason] ?? s.reason}: the call goes to the next` : `${OUT[s.reason] ?? s.reason}: ${outcome}`;
    case 'busy':
      return `busy with a visitor until ${w.clock(s.until ?? 0)}: ${outcome}`;
    case 'servingOwnClient':
      return `serving an own old client until ${w.clock(s.until ?? 0)}: ${outcome}`;
    case 'turnTakenEarly':
      return 'already took this round’s turn out of order';
    case 'penalty':
      return `one turn every two rounds until ${w.time(s.until ?? 0)}: sits this round out`;
    case 'noCalls':
      return `no call allocation until ${w.time(s.until ?? 0)}`;
  }
}

function nobody(a: Args | undefined, what: string, w: Wording): string {
  const states = Array.isArray(a?.states) ? a.states : [];
  const why = states
    .map((s) => {
      const [id = '', code = '', until = '0'] = s.split('|');
      return `${id} ${stateWords(code, Number(until), w)}`;
    })
    .join(', ');
  return `no eligible receiver for ${what}${why ? `: ${why}` : ': nobody is in the order'}`;
}

function queueWhy(d: ReceptionDecision, w: Wording): string {
  const a = d.args;
  const by = w.who(str(a, 'by') || d.receiver);
  switch (d.why) {
    case 'nonClient':
      return `${str(a, 'nonClient')}: not a client, no turn used and nothing registered`;
    case 'oldClient': {
      const owner = w.who(str(a, 'owner'));
      const whose = str(a, 'by') === str(a, 'owner') ? 'received by the owner' : `received by ${by}, whom the client named`;
      if (a?.counts === true) return `an old client of ${owner}, ${whose}; a turn under this policy`;
      const head = a?.atHead === true ? `; ${owner} was next in line: the next new visitor goes to the next person${a.makeUpIfPassed === true ? `, and ${owner} is owed a make-up if the turn passes them` : ', with no make-up'}` : '';
      return `an old client of ${owner}, ${whose}; no turn used${head}`;
    }
    case 'oldClientBook':
      return `an old client of ${w.who(str(a, 'owner'))}; the book records ${by}: assistance, not a turn and not a skip`;
    case 'oldClientAssist': {
      const owner = w.who(str(a, 'owner'));
      const how = str(a, 'how');
      const team = str(a, 'team');
      const helper = str(a, 'by');
      const place =
        how === 'last' ? ', the last in the order,' : how === 'next' ? ', the next in the order,' : how === 'team' ? ` for ${owner}'s team ${team}` : how === 'noTeam' ? ` (${owner} has no team: the next in the order)` : ` from another team (nobody in team ${team} is free; the client goes back to team ${team} when one of them is)`;
      const who = helper === '' ? 'nobody is free to assist' : `${w.who(helper)}${place} assists`;
      return `an old client of ${owner}, who is ${stateWords(str(a, 'ownerState'), num(a, 'ownerUntil'), w)}: ${who}; not a turn and not a skip`;
    }
    case 'appointmentAssist': {
      const appointer = w.who(str(a, 'appointer'));
      const how = str(a, 'how');
      const helper = str(a, 'by');
      const place = how === 'book' ? ' (as the book records)' : how === 'last' ? ', the last in the order,' : how === 'next' ? ', the next in the order,' : how === 'team' ? ` for ${appointer}'s team ${str(a, 'team')}` : '';
      const who = helper === '' ? 'nobody is free to assist' : `${w.who(helper)}${place} assists`;
      return `an appointment with ${appointer}, who is ${stateWords(str(a, 'ownerState'), num(a, 'ownerUntil'), w)}: ${who}; registered to ${appointer}, not a turn and not a skip`;
    }
    case 'appointment':
      return a?.counts === true ? `an appointment with ${by}, who receives the client as their turn${a.outOfOrder === true ? ' out of order: the order passes them once when it reaches them' : ''}` : `an appointment with ${by}, who receives the client; no turn used`;
    case 'tourGroup':
      return `a tour group: the team manager arranges its reception${str(a, 'by') ? ` (received by ${by})` : ' (no receiver recorded yet)'}; no turn used, the first in line keeps their place`;
    case 'invited':
      return `invited by ${w.who(str(a, 'inviter'))}, who introduced the client on arrival: received by ${by} as the sales-group leader assigned${a?.counts === true ? `, as their turn${a.outOfOrder === true ? ' out of order' : ''}` : '; no turn used'}`;
    case 'depositOnly':
      return `came only to ${str(a, 'purpose') === 'sign' ? 'sign' : 'pay a deposit'}: assistance, not a turn`;
    case 'named':
      return `a new client tied to ${by}, who receives them as their turn${a?.outOfOrder === true ? ' out of order: the order passes them once when it reaches them' : ''}`;
    case 'duty':
      return `duty hours: received by ${a?.book === true ? '' : 'the duty person '}${by}, registered but not counted in rotation`;
    case 'book': {
      const although = str(a, 'although') === '' ? '' : ` (although ${stateWords(str(a, 'although'), num(a, 'ownerUntil'), w)})`;
      return `received by ${by} as the book records; the queue had ${str(a, 'queueHad') || 'nobody'} next, so ${by} takes a turn out of order${although}`;
    }
    case 'next':
      return `${by} was next in order`;
    case 'makeUpFirst':
      return `${by} is owed a make-up, granted before anyone's ordinary turn`;
    case 'makeUpAtTurn':
      return `${by}'s turn: first the make-up they are owed, then their own turn`;
    case 'nobody':
      return nobody(a, 'a walk-in', w);
    case 'selfSourced':
      return `a call from ${by}'s own outreach: theirs, not allocated`;
    case 'callBook':
      return `given to ${by} as the book records${num(a, 'barredUntil') > 0 ? `, although ${by} gets no call allocation until ${w.time(num(a, 'barredUntil'))}` : ''}`;
    case 'callManager':
      return 'not allocated by rotation in this office: it waits for the manager';
    case 'nextCall':
      return `${by} was next in the call rotation`;
    case 'nobodyCall':
      return nobody(a, 'a call', w);
    default:
      return d.why;
  }
}

/** The sentence of a rotation decision. @internal */
export function describeRotation(d: RotationDecision, w: Wording): string {
  const a = d.args;
  if (d.kind === 'queue') {
    switch (d.change) {
      case 'penalty': {
        const what = `${w.who(d.staff[0] ?? '')}: ${str(a, 'penalty') === 'halfTurns' ? 'one walk-in turn every two rounds' : 'no call allocation'}`;
        if (a?.derived !== true) return `${what} for ${str(a, 'days')} day${num(a, 'days') === 1 ? '' : 's'}, until ${w.time(d.until ?? 0)}`;
        const cause = str(a, 'measure') === 'inviteRate' ? `no invited visit from ${str(a, 'calls')} calls` : str(a, 'when') === 'belowRate' ? `${str(a, 'deals')} deals from ${str(a, 'receptions')} receptions, under the closing rate` : 'no deal or deposit';
        return `${what} until ${w.time(d.until ?? 0)}, the end of the next ${str(a, 'period')}: ${cause} in the ${str(a, 'period')} of ${str(a, 'start')}`;
      }
      case 'penaltyLifted':
        return `${w.who(d.staff[0] ?? '')}: ${str(a, 'penalty') === 'halfTurns' ? 'one walk-in turn every two rounds' : 'no call allocation'} lifted`;
      case 'duty': {
        const windows = str(a, 'windows');
        const who = d.staff.length > 0 ? `on duty on ${str(a, 'day')}: ${d.staff.join(', ')}` : `no duty staff on ${str(a, 'day')}`;
        return who + (windows ? ` (duty hours ${windows}: visitors go to the duty person and do not count in rotation)` : '; this policy has no duty hours, so it changes nothing');
      }
      case 'receptionEnded':
        return a?.ended === true ? `${w.who(d.staff[0] ?? '')} is free again: the reception of ${str(a, 'visit') || 'a visitor'} ended` : `${w.who(d.staff[0] ?? '')} was not in that reception: nothing changes`;
      case 'handedBack':
        return `${w.who(str(a, 'to'))} of ${w.who(str(a, 'owner'))}'s team ${str(a, 'team')} is free: ${w.who(str(a, 'from'))} hands the client back to them`;
      case 'turnReturned':
        return `${w.who(str(a, 'original'))} recognized their old client during ${w.who(d.staff[0] ?? '')}'s reception: the client is handed over and the reception is no turn, so ${w.who(d.staff[0] ?? '')} is owed a make-up`;
    }
  }
  const lapse = str(a, 'lapse');
  const appointment =
    lapse === ''
      ? ''
      : `an appointment with ${w.who(str(a, 'appointment'))} ${lapse === 'details' ? "lacks the client's name or the salesperson's own name left with the client" : lapse === 'book' ? 'but the book records another receiver' : lapse === 'noNotice' ? 'whose maker is away without having told anyone in advance' : `whose maker is ${str(a, 'reason') ? stateWords(str(a, 'reason'), 0, w) : 'not in the order'}`}, so the visitor is received like any other: `;
  const invited = a?.unassigned === true ? `invited by ${w.who(str(a, 'inviter'))}, but the sales-group leader assigned no receiver: ` : '';
  const absent = a?.noNotice === true ? `an old client of ${w.who(str(a, 'absentOwner'))}, who is away without having told anyone in advance, so the visitor is received like any other: ` : '';
  const tied = str(a, 'tiedTo') === '' ? '' : `a new client tied to ${w.who(str(a, 'tiedTo'))}, who is ${stateWords(str(a, 'tiedState'), num(a, 'tiedUntil'), w)}: the client stays theirs, and the visit is received as any other: `;
  const duty = appointment + absent + invited + tied + (a?.dutyNobody === true ? 'duty hours, but no duty person is free, so the rotation receives: ' : '');
  const party = num(a, 'party') > 1 ? `; a party of ${num(a, 'party')} ${d.turns > 1 ? `uses ${d.turns} turns, one per buyer` : 'counts as one turn'}` : '';
  const skips = d.skipped.length > 0 ? `; skipped: ${d.skipped.map((s) => `${s.staff}, ${skipWords(s, d.channel, w)}`).join('; ')}` : '';
  return duty + queueWhy(d, w) + party + skips;
}
