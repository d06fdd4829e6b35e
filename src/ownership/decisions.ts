/**
 * The ownership family's decisions (RULES §B, §C, §E, §F) and their sentences.
 */
import { z } from 'zod';
import { decisionBase, type Args, type Wording } from '../kernel/decision.js';

/**
 * Where a client stands: `none` (new, or protection lapsed), `protected`
 * (owned within a window), `permanent` (dealt, OWN-DEAL-PERMANENT), `pool`
 * (the office's public pool), `disputed` (owned provisionally while a ruling
 * is awaited) or `developer` (the developer's own contact, REF-DEVELOPER).
 *
 * @example
 * ```ts
 * ownerStatusSchema.parse('protected');
 * ```
 */
export const ownerStatusSchema = z.enum(['none', 'protected', 'permanent', 'pool', 'disputed', 'developer']);

/** A status of {@link ownerStatusSchema}. */
export type OwnerStatus = z.infer<typeof ownerStatusSchema>;

/**
 * How a registration reached the books.
 *
 * @example
 * ```ts
 * channelSchema.parse('visit');
 * ```
 */
export const channelSchema = z.enum(['visit', 'call', 'claim', 'preFile', 'report', 'assigned']);

/** A channel of {@link channelSchema}. */
export type Channel = z.infer<typeof channelSchema>;

const client = z.string().describe('The client key (the id of the event that first registered the client group).');

/**
 * A registration entered the books, valid or not (REG-*). `why`: `registered` or `invalid`.
 *
 * @example
 * ```ts
 * // { kind: 'registration', client: 'e2', staff: 'S01', channel: 'visit', valid: true, day: '2026-11-01', ... }
 * ```
 */
export const registrationDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('registration'),
  client,
  staff: z.string().nullable(),
  channel: channelSchema,
  valid: z.boolean(),
  day: z.string().describe('The book day it counts for (REG-CUTOFF), YYYY-MM-DD.'),
});

/**
 * Who owns a client from now on, and until when (RULES §C).
 *
 * @example
 * ```ts
 * // { kind: 'ownership', client: 'e2', owner: 'S01', previous: null, status: 'protected', protectionEndsAt: 1794412800000, ... }
 * ```
 */
export const ownershipDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('ownership'),
  client,
  owner: z.string().nullable(),
  previous: z.string().nullable(),
  status: ownerStatusSchema,
  protectionEndsAt: z.number().nullable().describe('Epoch ms the protection ends; null: no time limit.'),
});

/**
 * What happened to a claim (CLM-*).
 *
 * @example
 * ```ts
 * // { kind: 'claim', client: 'e2', staff: 'S02', outcome: 'refused', why: 'earlierOwner', ... }
 * ```
 */
export const claimDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('claim'),
  client: client.optional(),
  staff: z.string(),
  outcome: z.enum(['accepted', 'renewed', 'updated', 'pending', 'refused', 'returned']),
});

/**
 * Two staff on one client, and who keeps it (COL-*).
 *
 * @example
 * ```ts
 * // { kind: 'collision', client: 'e2', owner: 'S01', challenger: 'S02', outcome: 'ownerKeeps', ... }
 * ```
 */
export const collisionDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('collision'),
  client,
  owner: z.string().nullable(),
  challenger: z.string(),
  outcome: z.enum(['ownerKeeps', 'challengerWins', 'awaitingRuling']),
});

/**
 * A step of the dispute process (DSP-PROCESS).
 *
 * @example
 * ```ts
 * // { kind: 'dispute', client: 'e2', staff: 'S02', step: 'raised', ... }
 * ```
 */
export const disputeDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('dispute'),
  client,
  staff: z.string().nullable(),
  step: z.enum(['raised', 'refused', 'mediated', 'ruled', 'appealFailed', 'appealOverturned', 'decided']),
});

/**
 * Who referred a client, and whether a referral bonus is due (REF-*).
 *
 * @example
 * ```ts
 * // { kind: 'referral', client: 'e9', referrer: 'e2', referrerStaff: null, bonusEligible: true, ... }
 * ```
 */
export const referralDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('referral'),
  client,
  referrer: z.string().nullable().describe('Client key of the referring client.'),
  referrerStaff: z.string().nullable().describe('Staff member who referred, for developer/non-sales referrals.'),
  bonusEligible: z.boolean(),
});

/**
 * A follow-up, and whether it kept the owner's protection (OWN-FOLLOWUP).
 *
 * @example
 * ```ts
 * // { kind: 'followUp', client: 'e2', staff: 'S01', kept: true, ... }
 * ```
 */
export const followUpDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('followUp'),
  client,
  staff: z.string(),
  kept: z.boolean(),
});

/** A registration decision. */
export type RegistrationDecision = z.infer<typeof registrationDecisionSchema>;
/** An ownership decision. */
export type OwnershipDecision = z.infer<typeof ownershipDecisionSchema>;
/** A claim decision. */
export type ClaimDecision = z.infer<typeof claimDecisionSchema>;
/** A collision decision. */
export type CollisionDecision = z.infer<typeof collisionDecisionSchema>;
/** A dispute decision. */
export type DisputeDecision = z.infer<typeof disputeDecisionSchema>;
/** A referral decision. */
export type ReferralDecision = z.infer<typeof referralDecisionSchema>;
/** A follow-up decision. */
export type FollowUpDecision = z.infer<typeof followUpDecisionSchema>;

/** Every decision of the ownership family. */
export type OwnershipFamilyDecision = RegistrationDecision | OwnershipDecision | ClaimDecision | CollisionDecision | DisputeDecision | ReferralDecision | FollowUpDecision;

const str = (a: Args | undefined, k: string): string => {
  const v = a?.[k];
  return v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v);
};
const num = (a: Args | undefined, k: string): number | null => (typeof a?.[k] === 'number' ? (a[k] as number) : null);

function until(w: Wording, end: number | null): string {
  return end === null ? 'with no time limit' : `until ${w.time(end)}`;
}

function grantWhy(d: OwnershipDecision, w: Wording): string {
  const a = d.args;
  const by = w.who(str(a, 'by') || d.owner);
  switch (d.why) {
    case 'lapsed':
      return `protection of ${w.who(str(a, 'owner'))} ended at ${w.time(num(a, 'end') ?? d.at)}: ${a?.byFollowUp === true ? 'no follow-up was recorded in time' : 'the validity window ran out'}; the client counts as new`;
    case 'first':
      return `first registration, by ${by}`;
    case 'named':
      return `the client named ${by}`;
    case 'oldClient':
      return `an old client of ${by}`;
    case 'accompanied':
      return `came with the referring client: ${by}'s client`;
    case 'chainNamed':
      return `referred by a client of ${by} and named them`;
    case 'chainFiled':
      return `${by} filed the referral by their own client before the visit`;
    case 'overRelative':
      return `referred by a dealt client of ${by}: the referral outranks being a relative or friend of ${w.who(str(a, 'relativeOf'))}`;
    case 'received': {
      const relative = str(a, 'relativeOf');
      let s = relative === '' ? `first received by ${by}` : relative === str(a, 'by') ? `a relative of ${by}, registered first by them` : `a relative of ${w.who(relative)}, who had no earlier record: ${by} received first`;
      if (str(a, 'referredByStaff') !== '') s += `; referred by staff member ${w.who(str(a, 'referredByStaff'))}: goes by arrival`;
      else if (a?.unnamed === true) s += '; referred without naming anyone: goes to rotation and the receiver';
      return s;
    }
    case 'group':
      return `came in a group received by ${by}`;
    case 'groupAgent':
      return `came in a group of the channel agent ${by}'s report: the agent's client`;
    case 'unrecognized':
      return `an old client of ${w.who(str(a, 'original'))}, who was present and did not recognize them: ${by}, who received them${a?.asked === true ? ' after asking the first question' : ''}, takes them`;
    case 'invited':
      return `${by} invited the client by phone`;
    case 'inviteOverride':
      return `${by} invited the client by phone from their own records: whoever invites and receives takes the client over ${w.who(str(a, 'owner'))}'s protection`;
    case 'broughtBy':
      return `brought in person by the channel agent ${by}`;
    case 'textReport':
      return `the channel agent ${by} reported the client by text before the visit`;
    case 'realBuyer':
      return `the real buyer of a 带看 visit, registered by ${by}`;
    case 'callNothing':
      return 'a call alone gives no ownership: the caller is received in rotation on arrival';
    case 'notAllocated':
      return 'a call gives the client only through the allocation (by the rotation or a manager): this one was not allocated';
    case 'notFiled':
      return 'a call gives the client only with a filing record: this one has none';
    case 'bookOnly':
      return `entered in the book by ${by}: here only a claim gives ownership, and the book entry is what a claim needs`;
    case 'unnamedOldClient':
      return `an old client of ${w.who(str(a, 'original'))} who had not closed and named nobody: received in rotation, ${by}'s client now`;
    case 'askingWay':
      return 'the caller asked the way and was about to come: a new client on arrival';
    case 'ownNameFirst':
      return 'the receiver left their own name on the call before checking the caller was new: it gives nothing';
    case 'recognized':
      return `${w.who(str(a, 'by'))} recognized the client as ${w.who(str(a, 'original'))}'s: they are handed back politely; ownership stays`;
    case 'recognizedNotHeld':
      return `${w.who(str(a, 'by'))} recognized the client as ${w.who(str(a, 'original') || null)}'s, who holds no protection on them: nothing to hand back`;
    case 'recognizedBack':
      return `${w.who(str(a, 'by'))} recognized the client: handed back from ${w.who(str(a, 'from'))} to the original, ${w.who(str(a, 'original'))}`;
    case 'recognizedTooLate':
      return `${w.who(str(a, 'by'))} recognized the client after the day of the deal by ${w.who(d.owner)}: too late to hand back`;
    case 'redistributed':
      return `${w.who(str(a, 'from'))} is on long leave or transferred: the manager's draw gives the client to ${by}${str(a, 'draw') === '' ? '' : ` (${str(a, 'draw')})`}`;
    case 'notTheirs':
      return `not a client of ${w.who(str(a, 'staff'))}: only their own clients are redistributed; nothing moves`;
    case 'notOnLeave':
      return `${w.who(str(a, 'staff'))} is ${str(a, 'status')}, which this policy does not count as long leave or transfer: the redistribution is refused and kept on record`;
    case 'leaveTooShort':
      return `${w.who(str(a, 'staff'))} has been ${str(a, 'status')} for less than ${str(a, 'days')} days, which this policy counts as long leave: the redistribution is refused and kept on record`;
    case 'developerContact':
      return "the developer's announced contact: not a sales client";
    case 'inPool':
      return 'in the public pool: only a manager assignment takes the client out';
    case 'renewed':
      return a?.channel === 'visit' || a?.channel === 'call' ? `the client's ${str(a, 'channel')} renews the owner's protection` : `the owner's ${str(a, 'channel')} renews their protection`;
    case 'preLaunch':
      return `internal subscription starts at ${w.time(num(a, 'startsAt') ?? d.at)}: ${by}'s pre-launch claim is valid until ${str(a, 'days')} days after it`;
    case 'callBeforeVisit':
      return 'the call registration of the same day comes before the visit';
    case 'claimUpdated':
      return "claim updated: its time is now the second submission's";
    case 'refiledOut':
      return `${str(a, 'refiles')} re-files without a visit`;
    case 'dealFree':
      return `no one owned the client: the closer ${by} does`;
    case 'contractName':
      return `the contract is in the name of ${str(a, 'buyer')}: the earliest claim in that name, by ${by}, wins`;
    case 'permanent':
      return `${str(a, 'stage')} within the window: a permanent old client of ${w.who(d.owner)}`;
    case 'refundPool':
      return 'refunded: the client goes to the public pool';
    case 'refundKeep':
      return `refunded: the client stays with ${by} within the original validity`;
    case 'departed':
      return `${w.who(str(a, 'staff'))} left the office: ${a?.deposited === true ? 'a deposited' : 'an undeposited'} client ${str(a, 'where') === 'pool' ? 'goes to the public pool' : 'counts as new, for the manager to reassign'}`;
    case 'developerEarlier':
      return `registered by ${by} before the notice: stays a normal sales client`;
    case 'developer':
      return "announced in writing as the developer's own contact";
    case 'merged':
      return `${str(a, 'from')} joins client ${d.client}; owner ${w.who(d.owner)}`;
    case 'afterDeal':
      return str(a, 'from') === '' ? 'the collision was found after the deal' : `${str(a, 'from')} joins client ${d.client}; ${collisionWhy(d.why, a, w)}`;
    case 'familyOrder':
    case 'familyFirst':
    case 'earliest':
      return `${str(a, 'from')} joins client ${d.client}; ${collisionWhy(d.why, a, w)}`;
    case 'splitRest':
      return 'after the split, the earliest remaining registration decides';
    case 'splitNone':
      return 'after the split, no registration remains';
    case 'splitOwn':
      return `a client of its own, first registered by ${by}`;
    case 'ruling':
      return `${str(a, 'level')} ruling`;
    case 'concealment':
      return `${w.who(str(a, 'concealer'))} hid that the client was ${w.who(d.owner)}'s`;
    case 'complaint':
      return `a justified complaint against ${w.who(str(a, 'against'))}: the manager reassigned the client to ${by}`;
    case 'complaintUnjustified':
      return `complaint against ${w.who(str(a, 'against'))}: not justified: the client stays with the salesperson${str(a, 'server') === '' ? '' : `; ${w.who(str(a, 'server'))} serves them, without owning them`}`;
    case 'complaintNotOwner':
      return `complaint against ${w.who(str(a, 'against'))}: ${w.who(str(a, 'against'))} is not the owner (${w.who(d.owner)}): nothing moves`;
    case 'complaintNoReassign':
      return `complaint against ${w.who(str(a, 'against'))}: this policy does not reassign on complaints`;
    case 'served':
      return `${by} assigned to serve the client; ownership stays with ${w.who(d.owner)}`;
    case 'assigned':
      return `the manager assigned the client to ${by}`;
    case 'released':
      return `${w.who(str(a, 'owner'))} released the claim: the client counts as new, and the claim no longer counts against the quota`;
    case 'notHeld':
      return `${w.who(str(a, 'staff'))} holds no claim on the client: nothing to ${str(a, 'act') === 'cancel' ? 'cancel' : 'release'}`;
    case 'cancelled':
      return `${w.who(str(a, 'owner'))} broke the rules (${str(a, 'violation')}): the claim is cancelled and the client counts as new`;
    default:
      return d.why;
  }
}

function collisionWhy(why: string, a: Args | undefined, w: Wording): string {
  switch (why) {
    case 'afterDeal':
      return `found more than ${str(a, 'afterDays') || '0'} days after the deal: the closer ${w.who(str(a, 'closer'))} keeps the client`;
    case 'familyOrder':
      return 'relatives registered by different staff: the closer relation ranks first';
    case 'familyFirst':
      return `relatives registered by different staff: the first registrant, ${w.who(str(a, 'winner'))}, keeps the client`;
    case 'earliest':
      return `the same client registered twice: the earlier registration, by ${w.who(str(a, 'winner'))}, wins`;
    default:
      return why;
  }
}

const KEEP_REASONS: Record<string, string> = {
  originalKeeps: 'the client did not announce themselves: the original keeps them within the window',
  notAsked: 'the receiver did not ask whether the client had been here: the original keeps them',
  originalAbsent: 'the original was not present to recognize them: the original keeps them',
  notProtected: 'the original holds them for good',
};

/** What the owner's keeping rests on beyond the earlier registration. */
function keepNote(a: Args | undefined, w: Wording): string {
  const notes: string[] = [];
  const reason = KEEP_REASONS[str(a, 'reason')];
  if (reason !== undefined) notes.push(reason);
  if (str(a, 'invitedBy') !== '') notes.push(a?.violation === true ? `${w.who(str(a, 'invitedBy'))} invited a colleague's client without the number in their own records: a violation` : `${w.who(str(a, 'invitedBy'))}'s invitation does not override the protection`);
  if (str(a, 'broughtBy') !== '') notes.push(`another agent reported the client before ${w.who(str(a, 'broughtBy'))} brought them`);
  if (a?.enteredLate === true) notes.push('the challenger entered the contact after its day: the side that omitted the report bears the collision');
  return notes.length === 0 ? '' : `; ${notes.join('; ')}`;
}

const CLAIMS: Record<string, (d: ClaimDecision, w: Wording) => string> = {
  updated: (d) => `need or buyer changed: the claim of ${d.staff} now dates from this submission`,
  outsideWindow: (d) => `claims are accepted only in ${str(d.args, 'windows')}; refused and kept on record`,
  noRegistration: (d, w) => `no visit or call registration by ${w.who(d.staff)} for this client today: the claim is refused`,
  reportClosed: (d) => `re-filed more than ${str(d.args, 'maxRefiles')} times: the client is in the public pool and no further reports are taken`,
  reportNoVisitTime: () => 'a report needs the expected visit time',
  reportTooLate: (d) => `the expected visit must fall within ${str(d.args, 'days')} days of the report`,
  refileNoReason: () => 'a re-filed report must say why the client did not come',
  refiledOut: (d) => `re-filed ${str(d.args, 'refiles')} times without a visit: the client goes to the public pool`,
  invalid: (d) => `invalid claim: ${str(d.args, 'invalid')}`,
  sameDay: () => "same-day claims: awaiting the manager's ruling",
  reconfirmed: () => 're-confirmed by the owner',
  preFiled: (d, w) => `pre-filed: ${w.who(d.staff)} owns the client`,
  claimed: (d, w) => `claimed: ${w.who(d.staff)} owns the client`,
  earlierOwner: (d, w) => `${w.who(str(d.args, 'owner'))} registered first; refused and kept on record`,
  conflictReturn: (d, w) => `conflicts with the claim of ${w.who(str(d.args, 'owner'))} on record: to be returned to ${w.who(d.staff)} by ${w.time(num(d.args, 'returnBy') ?? d.at)}, with notice not to contact the client further`,
  returned: (d, w) => `returned to ${w.who(d.staff)} with notice not to contact the client further${d.args?.late === true ? `, later than the ${str(d.args, 'hours')} hours allowed` : ''}; a dispute raised today may still overturn it`,
  nothingToReturn: (d, w) => `no conflicting claim of ${w.who(d.staff)} awaits return on this client: the notice is kept on record and changes nothing`,
  afterReturn: (d, w) => `${w.who(d.staff)} was told not to contact this client (their conflicting claim was returned): refused and kept on record`,
  inPool: () => 'the client is in the public pool; refused and kept on record',
  developer: () => "the client is the developer's contact; refused and kept on record",
  notClaimable: () => 'the client is not claimable; refused and kept on record',
  overQuota: (d, w) => {
    const basis = str(d.args, 'basis');
    const why = basis === 'targetMet' ? "the quarter's signing target is met" : basis === 'noSigning' ? 'the quarter has no signing' : 'the ordinary limit';
    return `${w.who(d.staff)} already holds ${str(d.args, 'active')} active claims, the limit of ${str(d.args, 'limit')} (${why}; quarter of ${str(d.args, 'quarter')}): refused and kept on record`;
  },
};

const FINDINGS: Record<string, (a: Args | undefined, w: Wording) => string> = {
  quarrel: () => '; the parties quarrelled over the crossed client (DSP-QUARREL)',
  refusedRuling: () => '; a party refused the ruling on the crossed client (DSP-QUARREL)',
  alteredBook: (a, w) => `; ${w.who(str(a, 'violator'))} altered the paper book: treated as grabbing the client (REG-DISCIPLINE)`,
};

/** The sentence of an ownership-family decision. @internal */
export function describeOwnership(d: OwnershipFamilyDecision, w: Wording): string {
  const a = d.args;
  switch (d.kind) {
    case 'registration': {
      const base = d.valid ? `${d.channel} registered by ${w.who(d.staff)}` : `invalid ${d.channel} registration: ${str(a, 'invalid') || 'missing fields'}; it counts for nothing`;
      const late = num(a, 'contactAt') === null ? '' : a?.fromEntry === true ? `; entered after the day of the contact (${w.time(num(a, 'contactAt') ?? d.at)}): an omitted report, it counts from its entry` : `; entered late, it counts from the contact (${w.time(num(a, 'contactAt') ?? d.at)})`;
      return (str(a, 'cutoff') === '' ? base : `${base}; after the ${str(a, 'cutoff')} cutoff it counts for ${d.day}`) + late;
    }
    case 'ownership': {
      const s = grantWhy(d, w);
      // A claim of the pre-launch period (002 §6.3) says why its window is what it is.
      const pre = a?.preLaunch === true ? (d.protectionEndsAt === null ? `; a pre-launch claim: no time limit until internal subscription starts, then ${str(a, 'preLaunchDays')} days` : `; a pre-launch claim: valid until ${str(a, 'preLaunchDays')} days after internal subscription starts`) : '';
      return d.status === 'protected' || d.status === 'disputed' ? `${s}; protected ${until(w, d.protectionEndsAt)}${pre}` : s;
    }
    case 'claim':
      return CLAIMS[d.why]?.(d, w) ?? d.why;
    case 'collision':
      switch (d.why) {
        case 'callBeforeVisit':
          return `a call and a visit on the same day: the call registration by ${w.who(d.challenger)} comes first`;
        case 'sameDay':
          return `${w.who(d.challenger)} and ${w.who(d.owner)} claimed on the same day: the manager rules from the daily reports; ${w.who(d.owner)} holds it until then`;
        case 'ownerKeeps': {
          const end = num(a, 'until');
          const held = a?.permanent === true ? 'a permanent old client after a deal' : `protected ${until(w, end)}`;
          return `${w.who(d.owner)} registered first and keeps the client (${held}); ${w.who(d.challenger)} must hand it over${keepNote(a, w)}`;
        }
        case 'earlierContact':
          return `${w.who(d.challenger)}'s entry came late but the contact came before ${w.who(d.owner)}'s registration: the earlier contact wins`;
        case 'unnamedOldClient':
          return `${w.who(d.owner)}'s old client had not closed and named nobody: received in rotation, ${w.who(d.challenger)} takes the client`;
        case 'unrecognized':
        case 'inviteOverride':
        case 'textReport':
          return `${w.who(d.challenger)} takes the client from ${w.who(d.owner)}`;
        case 'closedOthers':
          return `${w.who(d.challenger)} closed a client of ${w.who(d.owner)}: ownership stays; credit follows the deal rules`;
        default:
          return collisionWhy(d.why, a, w);
      }
    case 'dispute':
      switch (d.why) {
        case 'afterDeal':
          return `raised more than ${str(a, 'days') || '0'} days after the deal: the client stays with the closer, ${w.who(str(a, 'closer'))}`;
        case 'notInvolved':
          return `${w.who(str(a, 'staff'))} is no party to a collision over this client: the dispute is refused; the client stays with the closer, ${w.who(str(a, 'closer'))}`;
        case 'noCollision':
          return `a dispute must be raised on the day the collision is found: no collision involving ${w.who(str(a, 'staff'))} is on record`;
        case 'lateDispute':
          return `a dispute must be raised on the day the collision is found: the collision was found on ${str(a, 'day')}`;
        case 'raised':
          return `dispute raised by ${w.who(str(a, 'staff'))}: supervisors mediate, then the manager rules; ${w.who(str(a, 'holder') || null)} holds the client meanwhile`;
        default: {
          const owner = str(a, 'owner');
          const previous = str(a, 'previous');
          const who = owner === '' ? 'public pool' : w.who(owner);
          const finding = FINDINGS[str(a, 'finding')]?.(a, w) ?? '';
          return `${str(a, 'level')} ${d.step === 'mediated' ? 'mediation' : 'decision'}: ${who}${owner !== previous ? `, overriding ${w.who(previous || null)}` : ''}${finding}`;
        }
      }
    case 'referral': {
      const notes: string[] = [];
      if (d.why === 'staff') notes.push(`referred by staff member ${w.who(d.referrerStaff)}: ${a?.staffBonus === true ? 'a bonus is allowed by this policy' : 'staff earn no referral bonus'}`);
      if (d.why === 'unknownReferrer') notes.push('the referring client is not on record');
      if (str(a, 'earlier') !== '') notes.push(`already referred by ${str(a, 'earlier')}: the first referrer counts`);
      if (a?.prior === true) notes.push('the client had visited or called before: ownership stays with the first registrant');
      return notes.join('; ') || `referred by client ${d.referrer ?? ''}`;
    }
    case 'followUp':
      switch (d.why) {
        case 'kept':
          return `follow-up by the owner; protected ${until(w, num(a, 'until'))}`;
        case 'keptDoNotCall':
          return `follow-up by the owner; protected ${until(w, num(a, 'until'))}; the client asked not to be called, so no follow-up is due`;
        case 'notEffective':
          return `the owner's contact did not reach the client: only an effective contact (有效联系) keeps them, protected ${until(w, num(a, 'until'))}`;
        case 'afterReturn':
          return `${w.who(d.staff)} contacted a client their returned claim told them to leave (CLM-CONFLICT-RETURN): the follow-up keeps nothing`;
        case 'ownerUnprotected':
          return `follow-up by the owner of a ${str(a, 'status')} client`;
        case 'noOwner':
          return `${w.who(d.staff)} followed up a client no one owns: a follow-up is not a registration`;
        default:
          return `${w.who(d.staff)} is not the owner (${w.who(str(a, 'owner') || null)}): the follow-up keeps nothing`;
      }
  }
}
