import { z } from 'zod';
import { ruleIdSchema } from '../kernel/rules.js';
import { dealStageSchema, decimalSchema } from '../events/common.js';
import { staffStatusSchema } from '../events/schema.js';

/**
 * Why a decision was made: the RULES.md IDs that produced it, the ids of the
 * events it rests on, and a sentence for people.
 *
 * @example
 * ```ts
 * const trace: Trace = { rules: ['OWN-FIRST', 'OWN-VALIDITY'], evidence: ['e12'], note: '...' };
 * ```
 */
export const traceSchema = z.object({
  rules: z.array(ruleIdSchema),
  evidence: z.array(z.string()),
  note: z.string(),
});

/** A trace of {@link traceSchema}. */
export type Trace = z.infer<typeof traceSchema>;

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

const base = {
  event: z.string().describe('The id of the event that produced the decision.'),
  at: z.string().describe("The event's time, as given."),
  trace: traceSchema,
};

const client = z.string().describe('The client key (the id of the event that first registered the client group).');

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
 * Who received a visitor or a call, whether it used a turn, who was skipped
 * and why, and the make-ups it owed or used (RULES §D). "Nobody could
 * receive" is a decision too (`receiver: null`).
 *
 * @example
 * ```ts
 * // { kind: 'reception', channel: 'visit', receiver: 'S03', counted: true, turns: 1, makeUp: false,
 * //   skipped: [{ staff: 'S02', reason: 'companyBusiness', makeUp: true, note: '...' }], ... }
 * ```
 */
export const receptionDecisionSchema = z.object({
  ...base,
  kind: z.literal('reception'),
  channel: z.enum(['visit', 'call']).describe('A walk-in (visitor book) or a call (call book).'),
  client: client.optional(),
  receiver: z.string().nullable(),
  counted: z.boolean().describe('Whether it used a turn (of the walk-in queue, or of the call rotation for calls).'),
  turns: z.number().int().min(0).describe('Turns used: 0 when not counted; more than 1 for a party under groupTurns perBuyer (ROT-GROUP-ONE).'),
  makeUp: z.boolean().describe('The receiver used a make-up they were owed.'),
  skipped: z.array(
    z.object({
      staff: z.string(),
      reason: skipReasonSchema,
      makeUp: z.boolean().describe('A make-up is owed for this skip.'),
      note: z.string(),
    }),
  ),
});

/**
 * A registration entered the books, valid or not (REG-*).
 *
 * @example
 * ```ts
 * // { kind: 'registration', client: 'e2', staff: 'S01', channel: 'visit', valid: true, day: '2026-11-01', ... }
 * ```
 */
export const registrationDecisionSchema = z.object({
  ...base,
  kind: z.literal('registration'),
  client,
  staff: z.string().nullable(),
  channel: channelSchema,
  valid: z.boolean(),
  day: z.string().describe('The book day it counts for (REG-CUTOFF), YYYY-MM-DD.'),
});

/**
 * How a reference was matched to a client (RULES §A).
 *
 * @example
 * ```ts
 * // { kind: 'identity', client: 'e2', person: 'e2', match: 'phone', ... }
 * ```
 */
export const identityDecisionSchema = z.object({
  ...base,
  kind: z.literal('identity'),
  client,
  person: z.string(),
  match: z.enum(['new', 'key', 'phone', 'maskedPhone', 'name', 'company', 'linked', 'split', 'notCovered']),
});

/**
 * Who owns a client from now on, and until when (RULES §C).
 *
 * @example
 * ```ts
 * // { kind: 'ownership', client: 'e2', owner: 'S01', previous: null, status: 'protected',
 * //   protectionEndsAt: '2026-11-17T00:00:00+08:00', ... }
 * ```
 */
export const ownershipDecisionSchema = z.object({
  ...base,
  kind: z.literal('ownership'),
  client,
  owner: z.string().nullable(),
  previous: z.string().nullable(),
  status: ownerStatusSchema,
  protectionEndsAt: z.string().nullable().describe('Local time the protection ends; null: no time limit.'),
});

/**
 * What happened to a claim (CLM-*).
 *
 * @example
 * ```ts
 * // { kind: 'claim', client: 'e2', staff: 'S02', outcome: 'refused', ... }
 * ```
 */
export const claimDecisionSchema = z.object({
  ...base,
  kind: z.literal('claim'),
  client: client.optional(),
  staff: z.string(),
  outcome: z.enum(['accepted', 'renewed', 'updated', 'pending', 'refused']),
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
  ...base,
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
  ...base,
  kind: z.literal('dispute'),
  client,
  staff: z.string().nullable(),
  step: z.enum(['raised', 'refused', 'mediated', 'ruled', 'appealFailed', 'appealOverturned', 'decided']),
});

/**
 * A fine on a staff member (DSP-PROCESS, PEN-FINES).
 *
 * @example
 * ```ts
 * // { kind: 'penalty', staff: 'S02', amount: '400', ... }
 * ```
 */
export const penaltyDecisionSchema = z.object({
  ...base,
  kind: z.literal('penalty'),
  client: client.optional(),
  staff: z.string(),
  amount: decimalSchema,
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
  ...base,
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
  ...base,
  kind: z.literal('followUp'),
  client,
  staff: z.string(),
  kept: z.boolean(),
});

/**
 * A deal reached a stage, was refused, or was refunded (DEAL-STAGES, RFD-*).
 *
 * @example
 * ```ts
 * // { kind: 'deal', client: 'e2', deal: 'D1', staff: 'S01', stage: 'subscription', outcome: 'recorded', ... }
 * ```
 */
export const dealDecisionSchema = z.object({
  ...base,
  kind: z.literal('deal'),
  client,
  deal: z.string(),
  staff: z.string(),
  stage: dealStageSchema,
  outcome: z.enum(['recorded', 'refused', 'refunded']),
});

/**
 * Who is credited (业绩) and who is paid (佣金) for a deal, each as shares of
 * the whole (RULES §G, COM-SPLIT-EXACT). `commission` is null while a
 * negotiated split is awaited (DEAL-COOPERATION).
 *
 * @example
 * ```ts
 * // { kind: 'allocation', client: 'e2', deal: 'D1', credit: [{ staff: 'S01', share: '1' }],
 * //   commission: [{ staff: 'S01', share: '0.5' }, { staff: 'S02', share: '0.5' }], ... }
 * ```
 */
export const allocationDecisionSchema = z.object({
  ...base,
  kind: z.literal('allocation'),
  client,
  deal: z.string(),
  credit: z.array(z.object({ staff: z.string(), share: z.string().describe('Fraction of the whole, e.g. "0.5".') })),
  commission: z.array(z.object({ staff: z.string(), share: z.string() })).nullable().describe('null: awaiting a negotiated split (splitDeal).'),
});

/**
 * One entry of the append-only ledger (RFD-CLAWBACK, COM-RATE-TIERS): an
 * accrual, a clawback or an adjustment of one person's credit, commission or
 * fixed bonus, exact to the cent. `deal` is null for a month's re-tiering.
 *
 * @example
 * ```ts
 * // { kind: 'ledger', id: 'e40#2', entry: 'accrual', account: 'commission', staff: 'S01', deal: 'D1', client: 'e2',
 * //   month: '2026-11', period: '2026-11', amount: '1800.00', rate: '1.8', ... }
 * ```
 */
export const ledgerEntrySchema = z.object({
  ...base,
  kind: z.literal('ledger'),
  id: z.string().describe('"<event id>#<n>": unique and stable across replays.'),
  entry: z.enum(['accrual', 'clawback', 'adjustment']),
  account: z.enum(['credit', 'commission', 'bonus']).describe('credit: performance credit (业绩); commission and bonus: money.'),
  staff: z.string(),
  deal: z.string().nullable().describe('null: a re-tiering of the whole month (COM-RATE-TIERS).'),
  client: client.nullable(),
  month: z.string().describe('The month (YYYY-MM, office time) the entry is booked in.'),
  period: z.string().describe('The month whose attainment and tier the entry concerns.'),
  amount: decimalSchema.describe('Signed, two decimals.'),
  rate: z.string().nullable().describe('Per mille, for a commission accrual.'),
});

/**
 * A staff member's change of status or team.
 *
 * @example
 * ```ts
 * // { kind: 'staff', staff: 'S01', status: 'left', ... }
 * ```
 */
export const staffDecisionSchema = z.object({
  ...base,
  kind: z.literal('staff'),
  staff: z.string(),
  status: staffStatusSchema,
});

/**
 * A change to the walk-in queue that is not a reception: a rotation penalty
 * set or lifted (ROT-PENALTY-HALF, ROT-NO-CALLS), the day's duty staff
 * (ROT-DUTY), or a reception's end (ROT-LONG-RECEPTION).
 *
 * @example
 * ```ts
 * // { kind: 'queue', staff: ['S02'], change: 'penalty', until: '2026-11-16T00:00:00+08:00', ... }
 * ```
 */
export const queueDecisionSchema = z.object({
  ...base,
  kind: z.literal('queue'),
  staff: z.array(z.string()),
  change: z.enum(['penalty', 'penaltyLifted', 'duty', 'receptionEnded']),
  until: z.string().nullable().describe('Local time the change lasts until; null: no end.'),
});

/**
 * Any decision the engine makes. Every decision carries its trace.
 *
 * @example
 * ```ts
 * decisionSchema.parse(decision); // validates a stored decision
 * ```
 */
export const decisionSchema = z.discriminatedUnion('kind', [
  receptionDecisionSchema,
  registrationDecisionSchema,
  identityDecisionSchema,
  ownershipDecisionSchema,
  claimDecisionSchema,
  collisionDecisionSchema,
  disputeDecisionSchema,
  penaltyDecisionSchema,
  referralDecisionSchema,
  followUpDecisionSchema,
  dealDecisionSchema,
  staffDecisionSchema,
  queueDecisionSchema,
  allocationDecisionSchema,
  ledgerEntrySchema,
]);

/** A decision of {@link decisionSchema}. */
export type Decision = z.infer<typeof decisionSchema>;
/** The decision of a given kind. */
export type DecisionOf<K extends Decision['kind']> = Extract<Decision, { kind: K }>;
/** A ledger entry of {@link ledgerEntrySchema}. */
export type LedgerEntry = DecisionOf<'ledger'>;
