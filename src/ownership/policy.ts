import { z } from 'zod';
import { clockSchema, dealStageSchema, decimalSchema, listedOnce, nonNegativeDecimalSchema, windowsApart } from '../events/common.js';
import { staffStatusSchema } from '../events/schema.js';
import { daysSchema, termSchema } from '../kernel/time.js';

const window = daysSchema.nullable();
// A seed's months (三个月, 2個月) are calendar months, not 30-day blocks.
const validity = termSchema.nullable();

const claimWindowSchema = z.strictObject({ from: clockSchema, to: clockSchema }).refine((w) => w.from < w.to, { message: 'from must be before to' });

/** Claim windows, none overlapping another (an earlier one is refused at its place). */
const claimWindowsSchema = windowsApart(z.array(claimWindowSchema));

/**
 * Registration rules (RULES §B: REG-*).
 *
 * @example
 * ```ts
 * registrationPolicySchema.parse({ cutoff: '18:00' });
 * ```
 */
export const registrationPolicySchema = z
  .strictObject({
    requiredFields: listedOnce(z.array(z.enum(['name', 'phone'])))
      .default(['name', 'phone'])
      .describe('REG-FIELDS: fields a valid visit registration must have; a phone must also be reachable.'),
    callBeforeVisit: z
      .boolean()
      .default(false)
      .describe('REG-CALL-BEFORE-VISIT (004j): a call and a visit of one client on one day: the call comes first.'),
    sameDayEntry: z
      .boolean()
      .default(false)
      .describe('REG-DISCIPLINE (004j §1.1): registrations are entered the day of the contact; one entered later (contactAt on an earlier day) counts from its entry and cannot win a collision on the unreported contact; false: a late entry counts from its contact.'),
    realBuyer: z
      .boolean()
      .default(true)
      .describe('REG-REAL-BUYER (004l §7.1): the real buyer registered with a 带看 visit (registerVisit.realBuyer) becomes a client of the receiver by first registration; false: the details are not registered.'),
    cutoff: clockSchema
      .nullable()
      .default(null)
      .describe('REG-CUTOFF (004j): registrations after this local time count for the next day; null: none.'),
    alteredBookFine: nonNegativeDecimalSchema
      .nullable()
      .default(null)
      .describe('REG-DISCIPLINE (004j §1.2): fine on whoever a ruling finds altered the paper book (treated as 恶意抢单); null: no fine (004j names none), the violation is recorded.'),
  })
  .prefault({});

/**
 * Claim rules (RULES §B: CLM-*).
 *
 * @example
 * ```ts
 * claimsPolicySchema.parse({ windows: [{ from: '09:00', to: '10:00' }, { from: '16:00', to: '17:00' }] });
 * ```
 */
export const claimsPolicySchema = z
  .strictObject({
    windows: claimWindowsSchema
      .default([])
      .describe('CLM-WINDOW (002): local submission windows for claims, none overlapping another; empty: any time.'),
    requireRegistration: z
      .boolean()
      .default(false)
      .describe("CLM-REQUIRES-REGISTRATION (002): a claim on a new client needs that day's visit/call registration by the same salesperson."),
    returnWithinHours: z
      .number()
      .int()
      .min(0)
      .max(720)
      .nullable()
      .default(null)
      .describe("CLM-CONFLICT-RETURN (002 §1.4): a claim that conflicts with another salesperson's claim on record is returned to its submitter within this many hours (a returnClaim event), with notice not to contact the client further; null: the conflicting claim is only refused."),
    reclaimRenews: z
      .boolean()
      .default(true)
      .describe('002 §6.3: a new claim by the owner restarts the claim window (re-confirmation).'),
    report: z
      .strictObject({
        validDays: daysSchema.default(7).describe('CLM-REPORT: days a channel report protects an unvisited client.'),
        maxRefiles: z.number().int().min(0).max(100).default(3).describe('CLM-REPORT: re-files allowed before the client goes to the public pool.'),
        refileNeedsReason: z.boolean().default(true).describe('CLM-REPORT: a re-file must say why the client did not come.'),
      })
      .prefault({}),
  })
  .prefault({});

/**
 * Ownership rules (RULES §C: OWN-*).
 *
 * @example
 * ```ts
 * ownershipPolicySchema.parse({ validityDays: { visit: 30 }, followUp: { withinDays: 10 } }).validityDays.call; // null: no window
 * ```
 */
export const ownershipPolicySchema = z
  .strictObject({
    validityDays: z
      .strictObject({
        visit: validity.default(null).describe('OWN-VALIDITY: a visit registration (004j: 15; 004f archive: 10; 004d: 15; 003: { months: 2 }; 004g: { months: 3 }; 004e: { months: 1 }); null (default): the seeds disagree, so no window: the first registration holds.'),
        call: validity.default(null).describe('OWN-VALIDITY, OWN-CALL: a call registration (004j: 7); null (default): no window.'),
        claim: validity.default(null).describe('OWN-VALIDITY: a claim (002 §6.3: 10); null (default): no window.'),
        preFile: validity.default(null).describe('OWN-VALIDITY, CLM-PRE-FILE: a pre-filed own contact (002 §6.2 gives it the claim window); null (default): no window.'),
        report: validity.default(7).describe('OWN-VALIDITY, CLM-REPORT: a channel report (7 days in CLM-REPORT itself, 004k; no seed disagrees).'),
        assigned: validity.default(null).describe('OWN-VALIDITY, OWN-MANAGER, OWN-COMPLAINT: ownership given by a manager, a ruling or a complaint (no seed names a window of its own); null (default): no window.'),
      })
      .prefault({})
      .describe('OWN-VALIDITY: protection after the registration day, by channel: a number of full calendar days (30: through the 30th day after it), or `{ months: n }` calendar months (through the same day n months later, or that month\'s last day when it is shorter); null: no limit. The seeds disagree on every window but the report\'s, so the default sets none: a client stays with the first registration (OWN-FIRST) until something moves them (a ruling, a complaint, a departure, a refund).'),
    preLaunchDays: window
      .default(null)
      .describe('OWN-VALIDITY (002 §6.3 前期确认的客户有效期为正式通知内部认购开始后10天内): claims and pre-filings made while the office is before its internal subscription (an announceSubscription event opens that period) stay valid until this many days after the subscription starts, with no time limit while the start is still to be fixed; later claims have the claim window. null (default): no pre-launch period, announcements change nothing.'),
    renewOn: listedOnce(z.array(z.enum(['followUp', 'visit', 'claim', 'call'])))
      .default(['visit', 'claim'])
      .describe("OWN-VALIDITY: contacts that restart the owner's window, each listed once: the owner's `followUp` and `claim`; `visit`: the client's revisit while the owner holds them, whoever receives it (an old client's visit is registered to the owner, an assist included); `call`: the client's call registered to the owner (004j §2.2 有效联系)."),
    followUp: z
      .strictObject({
        withinDays: validity.default(null).describe('OWN-FOLLOWUP: the owner must record a follow-up within this many days of the last contact, or `{ months: n }` calendar months (004h 一个月内); null: not required.'),
        firstWithinDays: validity.default(null).describe('OWN-FOLLOWUP (004l): the first follow-up is due within this many days, or `{ months: n }`; null: as withinDays.'),
        doNotCallExempt: z.boolean().default(true).describe('OWN-FOLLOWUP (004h): a client who asked not to be called needs no follow-up.'),
        effectiveOnly: z
          .boolean()
          .default(false)
          .describe('OWN-FOLLOWUP, OWN-VALIDITY (004j §2.2 有效联系): only an effective contact keeps the client: a follow-up recorded as not effective (recordFollowUp.effective false, e.g. unanswered) renews neither the window nor the follow-up clock; false: every recorded follow-up counts.'),
        agreedNext: z
          .boolean()
          .default(false)
          .describe('OWN-FOLLOWUP (004l §4 按原定回访时间): a follow-up that agrees the next callback (recordFollowUp.nextAt) makes the end of that day the next deadline; false: nextAt is ignored and withinDays decides.'),
      })
      .prefault({}),
    permanentFromStage: dealStageSchema
      .nullable()
      .default('subscription')
      .describe('OWN-DEAL-PERMANENT: a deal at this stage within the window makes the client permanent; null: never.'),
    namedOwnsNewClient: z.boolean().default(true).describe('OWN-NAMED: a new client who names a salesperson is theirs.'),
    multiNamed: z
      .enum(['book', 'order'])
      .default('book')
      .describe('OWN-MULTI-NAMED: a client who names several salespeople without choosing one: "book" (004f 2(3)): the rotation receiver serves and the registration book decides; "order" (003 3(5)): the first named who is present, else the second, and so on; none present: rotation.'),
    recognition: z
      .strictObject({
        unidentified: z
          .enum(['original', 'receiver'])
          .default('original')
          .describe('OWN-FIRST-QUESTION, OWN-RECOGNIZE: who bears an old client who arrives unannounced (registerVisit.unannounced): "original" (004f 1(3)): the original keeps them within the window; "receiver" (004b §1.2, §1.6): an original who is present and does not recognize them loses them to a receiver who asked the first question (registerVisit.asked not false).'),
        untilDealDay: z
          .boolean()
          .default(false)
          .describe("OWN-RECOGNIZE (004b §4.4): a recognition hands the client back only up to the day of the receiver's deal; false: at any time."),
      })
      .prefault({}),
    phoneInvite: z
      .strictObject({
        reception: z
          .enum(['named', 'notCounted'])
          .default('named')
          .describe('OWN-PHONE-INVITE: the identified caller (registerVisit.invitedBy) receives a new client: "named": like a salesperson the client named (OWN-NAMED), using a turn; "notCounted" (000 §2): without using a turn, as an old client.'),
        overridesProtection: z
          .boolean()
          .default(false)
          .describe("OWN-PHONE-INVITE (004b §2.3 谁邀约接待业绩归谁): a caller who can show the number came from their own records (inviterOwnsNumber) takes the client from another's protection."),
      })
      .prefault({}),
    call: z
      .strictObject({
        gives: z
          .enum(['protection', 'nothing', 'allocation', 'filed'])
          .default('protection')
          .describe('OWN-CALL: what a call alone gives: "protection" (004j, 004l §5): the receiver owns for the call window; "nothing" (004h §6, 004i): the caller is a new client on arrival; "allocation" (004f 1(4), 004e §7): only a call allocated by the rotation or a manager (allocatedBy), or self-sourced, protects; "filed" (004d §3.4): only a call with a filing record (filed).'),
        askingWayIsNew: z
          .boolean()
          .default(false)
          .describe('OWN-CALL (004f 1(5)): a caller asking where the office is and about to come (askingWay) is a new client on arrival.'),
        ownNameFirstVoid: z
          .boolean()
          .default(false)
          .describe('OWN-CALL (004c §7.1): a call on which the receiver left their own name before checking the caller was new (ownNameFirst) gives nothing.'),
        followUpDays: window
          .default(null)
          .describe('OWN-CALL (004l §5: weekly): a client held by a call needs a callback within this many days; null: as followUp.withinDays.'),
      })
      .prefault({}),
    channelGroup: z
      .boolean()
      .default(false)
      .describe("OWN-CHANNEL-GROUP (004k §2-3): an agent who brings a client in person (broughtBy) owns them unless another agent reported them earlier; the rest of a visiting group belongs to the reporting agent; a report after the visit counts with a text sent before it (claimClient.textAt)."),
    redistribute: z
      .strictObject({
        from: z
          .array(staffStatusSchema)
          .default(['leave', 'left'])
          .describe('OWN-REDISTRIBUTE (003 3(12) 请长假或调离): the statuses in which a salesperson\'s clients may be redistributed by the manager\'s draw.'),
        afterDays: window
          .default(null)
          .describe('OWN-REDISTRIBUTE: what counts as long leave (the seed does not say): days in that status before a redistribution; null: at once.'),
      })
      .prefault({}),
    departed: z
      .strictObject({
        deposited: z.enum(['pool', 'new']).default('pool'),
        undeposited: z.enum(['pool', 'new']).default('new'),
      })
      .prefault({})
      .describe('OWN-DEPARTED (004g §3): where clients of staff who leave go.'),
    managerAssigns: z
      .enum(['ownership', 'service'])
      .default('ownership')
      .describe('OWN-MANAGER: a manager assignment transfers ownership (004e) or service only (002 §2.3).'),
    complaintReassigns: z.boolean().default(true).describe('OWN-COMPLAINT: a justified complaint moves the client to the new server.'),
    unnamedOldClient: z
      .enum(['owner', 'receiver'])
      .default('owner')
      .describe('OWN-FIRST-QUESTION, REF-UNNAMED (000 §7-8): an old client who has not closed (protected, not permanent) and names nobody on a later visit (no registerVisit.named, namedSeveral or invitedBy): "owner": the holder receives and keeps them; "receiver" (000 §8 若未能指定或記起原業務員,則執行輪排): they are received in rotation and belong to the receiver, whether the original is present or not.'),
    bookProtects: z
      .boolean()
      .default(true)
      .describe('OWN-FIRST, CLM-REQUIRES-REGISTRATION (002 §1.3, §1.7, §2.2.1): whether a visit or call book entry gives ownership; false: the book is only what a claim needs, and ownership comes from claims, pre-files and reports alone.'),
  })
  .prefault({});

/**
 * Collision rules (RULES §E: COL-*).
 *
 * @example
 * ```ts
 * collisionsPolicySchema.parse({ sameDay: 'ruling' });
 * ```
 */
export const collisionsPolicySchema = z
  .strictObject({
    sameDay: z
      .enum(['earliest', 'ruling'])
      .default('earliest')
      .describe('COL-SAME-DAY (002): claims of one client on one day: the earliest wins, or the manager rules.'),
    afterDealDays: window
      .default(null)
      .describe('COL-AFTER-DEAL (002 §2.2.2: 3): a collision found more than this many days after the deal goes to the closer; null (default, no other seed has the rule): never, the collision is decided like any other.'),
    afterDealStage: dealStageSchema.default('subscription').describe('COL-AFTER-DEAL: the stage that starts the count.'),
    companyVsPerson: z
      .enum(['contractName', 'earliest'])
      .default('earliest')
      .describe('COL-COMPANY-VS-PERSON: a company claim against a person\'s: decided by the name on the contract (002 §2.2.3), or by the earliest claim (default: OWN-FIRST, the rule every seed shares).'),
  })
  .prefault({});

/**
 * The dispute process (DSP-PROCESS).
 *
 * @example
 * ```ts
 * disputesPolicySchema.parse({ appealFailedFine: '400', overturnFine: '500' });
 * ```
 */
export const disputesPolicySchema = z
  .strictObject({
    raiseSameDay: z
      .boolean()
      .default(false)
      .describe('DSP-PROCESS (002 §3): a dispute must be raised on the day the collision was found; false (default, no other seed limits it): any time.'),
    appealFailedFine: nonNegativeDecimalSchema
      .nullable()
      .default(null)
      .describe('DSP-PROCESS, PEN-FINES (002 §4: 400): fine on an appellant whose appeal fails; null (default): no fine.'),
    overturnFine: nonNegativeDecimalSchema
      .nullable()
      .default(null)
      .describe('DSP-PROCESS, PEN-FINES (002 §4: 500): fine on the supervisor/manager whose ruling an appeal overturns; null (default): no fine.'),
    quarrelTo: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .nullable()
      .default(null)
      .describe("DSP-QUARREL (003 §4): the ledger party (no salesperson, e.g. \"department\") that takes a crossed client's deal, credit and commission, when a ruling finds the parties quarrelled or one refused the ruling; null: such a finding moves nothing."),
  })
  .prefault({});

/**
 * Referral rules (RULES §F: REF-*).
 *
 * @example
 * ```ts
 * referralsPolicySchema.parse({ windowDays: 40 });
 * ```
 */
export const referralsPolicySchema = z
  .strictObject({
    chain: z
      .boolean()
      .default(true)
      .describe("REF-CHAIN: a client referred by A's client is A's when they name A (or A filed first)."),
    accompaniedGoesToOriginal: z
      .boolean()
      .default(true)
      .describe('REF-ACCOMPANIED: a referrer who comes along brings the new client to their salesperson.'),
    accompaniedOnRecognition: z
      .boolean()
      .default(false)
      .describe("REF-ACCOMPANIED (004f 1(7) 若该客户未指明要谁接待,置业顾问已认出是自己曾接待的客户,则可主动接待): a new client whose referrer comes along and names no one goes to the referrer's salesperson only if that salesperson recognized the referrer and received the visit (registerVisit.receiver names them); otherwise whoever receives them does. false: to the referrer's salesperson either way."),
    windowDays: window
      .default(null)
      .describe('REF-WINDOW (004d §4): days a referred client stays with the first receiver without a deal; the follow-up clock does not cut it short; null: the visit window.'),
    overRelative: z
      .boolean()
      .default(false)
      .describe("REF-OVER-RELATIVE (004f 2(6)): a friend referred by A's dealt client is A's even when they are B's relative or friend (the referral outranks OWN-RELATIVE); false: the relationship and the reception decide, as OWN-RELATIVE says."),
    staffBonus: z.boolean().default(false).describe('REF-STAFF-EXCLUDED: whether staff may earn referral bonuses.'),
  })
  .prefault({});

/** The registration section of a policy. */
export type RegistrationPolicy = z.infer<typeof registrationPolicySchema>;
/** The claims section of a policy. */
export type ClaimsPolicy = z.infer<typeof claimsPolicySchema>;
/** The ownership section of a policy. */
export type OwnershipPolicy = z.infer<typeof ownershipPolicySchema>;
/** The collisions section of a policy. */
export type CollisionsPolicy = z.infer<typeof collisionsPolicySchema>;
/** The disputes section of a policy. */
export type DisputesPolicy = z.infer<typeof disputesPolicySchema>;
/** The referrals section of a policy. */
export type ReferralsPolicy = z.infer<typeof referralsPolicySchema>;

/**
 * The ownership family's sections of a policy, as the policy schema spreads them.
 * @internal
 */
export const ownershipSections = {
  registration: registrationPolicySchema,
  claims: claimsPolicySchema,
  ownership: ownershipPolicySchema,
  collisions: collisionsPolicySchema,
  disputes: disputesPolicySchema,
  referrals: referralsPolicySchema,
};

/**
 * The ownership family's policy slice: registration, claims, ownership,
 * collisions, disputes and referrals (RULES §B, §C, §E, §F).
 *
 * @example
 * ```ts
 * ownershipRulesSchema.parse({}).ownership.validityDays.visit; // null: no window by default
 * ```
 */
export const ownershipRulesSchema = z.strictObject(ownershipSections);

/** The ownership family's policy slice. */
export type OwnershipRules = z.infer<typeof ownershipRulesSchema>;
