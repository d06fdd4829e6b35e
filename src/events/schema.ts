import { z } from 'zod';
import { MONTH_PATTERN } from '../kernel/time.js';
import {
  clientRefSchema,
  clockSchema,
  dealStageSchema,
  decimalSchema,
  envelope,
  idSchema,
  instantSchema,
  partyMemberSchema,
  relationSchema,
  later,
  textSchema,
} from './common.js';
import { ruleIdSchema } from '../kernel/rules.js';

/**
 * Statuses a staff member moves through (ROT-ELIGIBLE, OWN-DEPARTED).
 *
 * @example
 * ```ts
 * staffStatusSchema.parse('companyBusiness');
 * ```
 */
export const staffStatusSchema = z.enum([
  'onDuty',
  'off',
  'leave',
  'companyBusiness',
  'personalBusiness',
  'trainingNotPassed',
  'outOfUniform',
  'suspended',
  'left',
]);

/** A status of {@link staffStatusSchema}. */
export type StaffStatus = z.infer<typeof staffStatusSchema>;

/**
 * Roles of people in an office. Only `sales` staff receive walk-ins and own clients.
 *
 * @example
 * ```ts
 * staffRoleSchema.parse('manager');
 * ```
 */
export const staffRoleSchema = z.enum(['sales', 'manager', 'supervisor', 'clerk', 'telemarketer', 'channel', 'developer']);

/** A role of {@link staffRoleSchema}. */
export type StaffRole = z.infer<typeof staffRoleSchema>;

/**
 * A staff member joins, changes team or role, or changes status. The first
 * event for an id is the join; status `left` is a departure (OWN-DEPARTED).
 *
 * @example
 * ```ts
 * changeStaffSchema.parse({ v: 1, id: 'e1', type: 'changeStaff', at: '2026-11-01T08:30:00+08:00',
 *   office: 'jz', staff: 'S01', name: '李娜', team: 'A', role: 'sales', status: 'onDuty' });
 * ```
 */
export const changeStaffSchema = z.strictObject({
  ...envelope,
  type: z.literal('changeStaff'),
  staff: idSchema,
  name: textSchema(100).optional(),
  team: textSchema(100).optional(),
  role: staffRoleSchema.optional().describe('Defaults to sales on join.'),
  status: staffStatusSchema.optional().describe('Defaults to onDuty on join.'),
});

/**
 * An appointment (预约) a visitor came for, as the desk learns it
 * (ROT-APPOINTMENT): who made it and for when, whether that salesperson left
 * their own name with the client (004i), and, when the salesperson is away,
 * whether they told a colleague or supervisor in advance (004l §3, 004e §5).
 *
 * @example
 * ```ts
 * appointmentSchema.parse({ staff: 'S03', at: '2026-11-01T14:00:00+08:00', nameLeft: true });
 * ```
 */
export const appointmentSchema = z.strictObject({
  staff: idSchema.describe('The salesperson who made the appointment.'),
  at: instantSchema.describe('The agreed viewing time.'),
  nameLeft: z.boolean().optional().describe("The salesperson left their own name with the client (004i: else it is no appointment)."),
  notice: z.boolean().optional().describe('The salesperson, if away, told a colleague or supervisor in advance that the client may come (004l §3, 004e §5).'),
});

/** An appointment of {@link appointmentSchema}. */
export type Appointment = z.infer<typeof appointmentSchema>;

/**
 * A visit registered in the visitor book (来访登记). The receiver is a fact
 * when the book names one; otherwise the engine's rotation decides.
 *
 * @example
 * ```ts
 * registerVisitSchema.parse({ v: 1, id: 'e2', type: 'registerVisit', at: '2026-11-01T10:00:00+08:00',
 *   office: 'jz', client: { name: '张伟', phone: '13812345678' }, receiver: 'S01' });
 * ```
 */
export const registerVisitSchema = z
  .strictObject({
    ...envelope,
    type: z.literal('registerVisit'),
    client: clientRefSchema.optional().describe('The visitor; may be omitted only for a non-client.'),
    receiver: idSchema.optional().describe('Who received the visitor, as the book records it.'),
    named: idSchema.optional().describe('The salesperson the client named or recognized (OWN-NAMED).'),
    party: z.array(partyMemberSchema).max(50).optional().describe('Others arriving together (ROT-GROUP-ONE).'),
    referredBy: clientRefSchema.optional().describe('The existing client who referred them (REF-*).'),
    referredByStaff: idSchema.optional().describe('A developer or non-sales staff member who referred them (REF-DEVELOPER).'),
    accompanied: z.boolean().optional().describe('The referrer came along (REF-ACCOMPANIED).'),
    relativeOf: idSchema.optional().describe('The salesperson this visitor is a relative or friend of (OWN-RELATIVE).'),
    purpose: z.enum(['view', 'deposit', 'sign']).optional().describe('deposit/sign: assistance, not a turn (ROT-DEPOSIT-ONLY).'),
    nonClient: z
      .enum(['beggar', 'askingWay', 'media', 'mentallyIll'])
      .optional()
      .describe('Not a client: no turn, no registration (ID-NONCLIENT). Market researchers are clients.'),
    appointment: appointmentSchema.optional().describe('The appointment (预约) the visitor came for (ROT-APPOINTMENT).'),
    tourGroup: z.boolean().optional().describe('A visiting tour group (参观团): the team manager arranges its reception (ROT-TOUR-GROUP).'),
    namedSeveral: z
      .array(idSchema)
      .min(2)
      .max(10)
      .optional()
      .describe('The salespeople the client named without choosing one, in the order named (OWN-MULTI-NAMED).'),
    unannounced: z
      .boolean()
      .optional()
      .describe('The visitor did not say they had been here or who served them: the desk received them as new (OWN-RECOGNIZE, OWN-FIRST-QUESTION).'),
    asked: z
      .boolean()
      .optional()
      .describe('Whether the receiver asked the first question: been here before, called or contacted, by whom (首问, OWN-FIRST-QUESTION).'),
    invitedBy: idSchema
      .optional()
      .describe(
        'Who invited the client by phone: a telemarketer whom the client contacted on arrival (ROT-INVITED-VISIT, KPI-INVITE-CONFIRM), or a salesperson, as the client named them or the secretary identified them (OWN-PHONE-INVITE). The staff member\'s role tells which rule applies.',
      ),
    inviterOwnsNumber: z
      .boolean()
      .optional()
      .describe("The inviter can show the number came from their own records (自有客户电话出处, OWN-PHONE-INVITE, 004b §2.3)."),
    broughtBy: idSchema.optional().describe('The channel agent who brought the client in person (OWN-CHANNEL-GROUP).'),
    realBuyer: clientRefSchema
      .optional()
      .describe('A 带看 visit (viewing for someone else): the real buyer\'s details, registered with the visit (REG-REAL-BUYER).'),
    contactAt: instantSchema
      .optional()
      .describe('When the visit happened, when the book entry came later (REG-DISCIPLINE); omitted: at the event time.'),
    // Added after fingerprints were stored: absent, it leaves them as they were (later).
    ownerNotice: later(
      z
        .boolean()
        .optional()
        .describe(
          'The salesperson the client came for (their owner, or the one a new client named), being away, told a colleague or supervisor in advance that the client might come (004l §3 告知同事或主管, 004e §5 事先报备案场或指定专人协助接待; ROT-ABSENT-OWNER-ASSIST, DEAL-ABSENT-OWNER).',
        ),
    ),
  })
  .refine((e) => e.client !== undefined || e.nonClient !== undefined, {
    message: 'a visit needs a client unless it is a non-client (ID-NONCLIENT)',
    path: ['client'],
  })
  .refine((e) => e.named === undefined || e.namedSeveral === undefined, {
    message: 'a client who chose one salesperson (named) did not name several without choosing (namedSeveral): give one of them',
    path: ['namedSeveral'],
  })
  .refine((e) => e.contactAt === undefined || Date.parse(e.contactAt) <= Date.parse(e.at), {
    message: 'the contact cannot come after its book entry (at)',
    path: ['contactAt'],
  });

/**
 * An inbound call registered in the call book (来电登记). It may lack name and phone.
 *
 * @example
 * ```ts
 * registerCallSchema.parse({ v: 1, id: 'e3', type: 'registerCall', at: '2026-11-01T11:00:00+08:00',
 *   office: 'jz', client: { phone: '13900001111' }, receiver: 'S02' });
 * ```
 */
export const registerCallSchema = z
  .strictObject({
    ...envelope,
    type: z.literal('registerCall'),
    client: clientRefSchema.optional(),
    receiver: idSchema.optional().describe('Who the call was given to; omitted: allocated by the engine (ROT-CALL-ALLOCATION).'),
    selfSourced: z.boolean().optional().describe("The call came from the receiver's own outreach: theirs, not allocated."),
    allocatedBy: idSchema.optional().describe('The manager who allocated the call to its receiver (OWN-CALL, 004f 1(4)).'),
    filed: z.boolean().optional().describe('The call has a filing record that can be looked up (备案, OWN-CALL, 004d §3.4).'),
    askingWay: z
      .boolean()
      .optional()
      .describe('The caller asked where the office is and was about to come (OWN-CALL, 004f 1(5)).'),
    ownNameFirst: z
      .boolean()
      .optional()
      .describe("The receiver left their own name on the inquiry call before checking the caller was new (OWN-CALL, 004c §7.1)."),
    contactAt: instantSchema
      .optional()
      .describe('When the call came in, when the book entry came later (REG-DISCIPLINE); omitted: at the event time.'),
  })
  .refine((e) => e.contactAt === undefined || Date.parse(e.contactAt) <= Date.parse(e.at), {
    message: 'the contact cannot come after its book entry (at)',
    path: ['contactAt'],
  })
  .refine((e) => e.selfSourced !== true || e.receiver !== undefined, {
    message: 'a self-sourced call names its receiver, whose outreach it came from (ROT-CALL-ALLOCATION)',
    path: ['receiver'],
  });

/**
 * A salesperson's claim on a client, time-stamped by the clerk (客户确认 / 备案 / 报备).
 * `kind`: `claim` (default), `preFile` (CLM-PRE-FILE), `report` (channel report, CLM-REPORT),
 * `update` (changed need or buyer, CLM-UPDATE).
 *
 * @example
 * ```ts
 * claimClientSchema.parse({ v: 1, id: 'e4', type: 'claimClient', at: '2026-11-01T09:30:00+08:00',
 *   office: 'jz', staff: 'S01', client: { name: '王芳', phone: '13700002222' } });
 * ```
 */
export const claimClientSchema = z.strictObject({
  ...envelope,
  type: z.literal('claimClient'),
  staff: idSchema,
  client: clientRefSchema,
  kind: z.enum(['claim', 'preFile', 'report', 'update']).default('claim'),
  party: z.array(partyMemberSchema).max(50).optional().describe('Others named on the claim (ID-GROUP-ONE).'),
  team: textSchema(100).optional().describe('Channel team of a report (CLM-REPORT).'),
  expectedVisitAt: instantSchema.optional().describe('Expected visit time of a report (CLM-REPORT).'),
  reason: textSchema(500).optional().describe('Why a lapsed report is re-filed (CLM-REPORT).'),
  referredBy: clientRefSchema.optional().describe("The existing client who referred this one: a referral filed before the visit (REF-CHAIN)."),
  textAt: instantSchema
    .optional()
    .describe("When the agent's SMS/WeChat report was sent, for a report filed after the client visited (OWN-CHANNEL-GROUP, 004k §2)."),
});

/**
 * A recorded follow-up (跟进 / 回访) that keeps a claim alive (OWN-FOLLOWUP).
 *
 * @example
 * ```ts
 * recordFollowUpSchema.parse({ v: 1, id: 'e5', type: 'recordFollowUp', at: '2026-11-03T15:00:00+08:00',
 *   office: 'jz', staff: 'S01', client: { phone: '13812345678' } });
 * ```
 */
export const recordFollowUpSchema = z.strictObject({
  ...envelope,
  type: z.literal('recordFollowUp'),
  staff: idSchema,
  client: clientRefSchema,
  channel: z.enum(['call', 'message', 'visit', 'other']).optional(),
  doNotCall: z.boolean().optional().describe('The client asked not to be called (OWN-FOLLOWUP exemption).'),
  effective: z
    .boolean()
    .optional()
    .describe('Whether the contact reached the client (有效联系, 004j §2.2); false: an attempt that did not (unanswered, no reply). Omitted: effective.'),
  nextAt: instantSchema.optional().describe('The next callback agreed with the client (原定回访时间, 004l §4, OWN-FOLLOWUP).'),
});

/**
 * A salesperson raises a dispute over a client (DSP-PROCESS).
 *
 * @example
 * ```ts
 * raiseDisputeSchema.parse({ v: 1, id: 'e6', type: 'raiseDispute', at: '2026-11-03T16:00:00+08:00',
 *   office: 'jz', staff: 'S02', client: { phone: '13812345678' } });
 * ```
 */
export const raiseDisputeSchema = z.strictObject({
  ...envelope,
  type: z.literal('raiseDispute'),
  staff: idSchema.describe('Who raises the dispute.'),
  client: clientRefSchema,
});

/**
 * A supervisor's mediation, a manager's ruling or an appeal's outcome
 * (DSP-PROCESS, COL-SAME-DAY). `owner: null` gives the client to the public pool.
 * `finding` records what the ruling established: a concealment (OWN-CONCEAL),
 * that a registration is not the same client (ID-MATCH), a quarrel or a
 * refused ruling over a crossed client (DSP-QUARREL), or an altered paper
 * book (REG-DISCIPLINE).
 *
 * @example
 * ```ts
 * issueRulingSchema.parse({ v: 1, id: 'e7', type: 'issueRuling', at: '2026-11-04T10:00:00+08:00',
 *   office: 'jz', client: { phone: '13812345678' }, level: 'manager', owner: 'S02', by: 'M1' });
 * ```
 */
export const issueRulingSchema = z
  .strictObject({
    ...envelope,
    type: z.literal('issueRuling'),
    client: clientRefSchema,
    level: z.enum(['supervisor', 'manager', 'appeal']),
    owner: idSchema.nullable().optional().describe('Who owns the client after the ruling; null: public pool.'),
    by: idSchema.optional().describe('Who ruled (fined when an appeal overturns the ruling).'),
    appellant: idSchema.optional().describe('Who appealed (fined when the appeal fails).'),
    finding: z
      .enum(['concealment', 'notSameClient', 'quarrel', 'refusedRuling', 'alteredBook'])
      .optional()
      .describe('quarrel / refusedRuling: the parties quarrelled over a crossed client, or one refused the ruling (DSP-QUARREL); alteredBook: someone altered the paper book (REG-DISCIPLINE).'),
    concealer: idSchema.optional().describe('With finding concealment: who hid the client (OWN-CONCEAL).'),
    violator: idSchema.optional().describe('With finding alteredBook: who altered the book (REG-DISCIPLINE).'),
    registration: idSchema.optional().describe('With finding notSameClient: the event id of the registration to split off.'),
    rules: z.array(ruleIdSchema).max(50).optional().describe('Rule IDs the ruling cites.'),
  })
  .refine((e) => e.level !== 'appeal' || e.appellant !== undefined, { message: 'an appeal names its appellant', path: ['appellant'] })
  .refine((e) => e.finding !== 'concealment' || e.concealer !== undefined, {
    message: 'a concealment finding names the concealer',
    path: ['concealer'],
  })
  .refine((e) => e.finding !== 'alteredBook' || e.violator !== undefined, {
    message: 'an alteredBook finding names the violator',
    path: ['violator'],
  })
  .refine((e) => e.finding !== 'notSameClient' || e.registration !== undefined, {
    message: 'a notSameClient finding names the registration to split off',
    path: ['registration'],
  })
  .refine((e) => e.finding === 'notSameClient' || e.owner !== undefined, {
    message: 'a ruling names the owner (null for the public pool)',
    path: ['owner'],
  });

/**
 * A client's complaint against their salesperson (OWN-COMPLAINT). When
 * justified, the manager reassigns the client to `reassignTo`.
 *
 * @example
 * ```ts
 * fileComplaintSchema.parse({ v: 1, id: 'e8', type: 'fileComplaint', at: '2026-11-05T10:00:00+08:00',
 *   office: 'jz', client: { phone: '13812345678' }, against: 'S01', justified: true, reassignTo: 'S03' });
 * ```
 */
export const fileComplaintSchema = z
  .strictObject({
    ...envelope,
    type: z.literal('fileComplaint'),
    client: clientRefSchema,
    against: idSchema,
    justified: z.boolean(),
    reassignTo: idSchema.optional().describe('Justified: who the client goes to. Not justified: who serves the client while the owner keeps them (004e §10).'),
    by: idSchema.optional().describe('The manager who handled it.'),
  })
  .refine((e) => !e.justified || e.reassignTo !== undefined, {
    message: 'a justified complaint names who the client is reassigned to',
    path: ['reassignTo'],
  });

/**
 * A manager assigns a client (OWN-MANAGER): as owner, or for service only.
 *
 * @example
 * ```ts
 * assignClientSchema.parse({ v: 1, id: 'e9', type: 'assignClient', at: '2026-11-05T11:00:00+08:00',
 *   office: 'jz', client: { company: '华远公司', contact: '赵强' }, staff: 'S04', by: 'M1' });
 * ```
 */
export const assignClientSchema = z.strictObject({
  ...envelope,
  type: z.literal('assignClient'),
  client: clientRefSchema,
  staff: idSchema,
  by: idSchema.optional(),
  scope: z.enum(['ownership', 'service']).optional().describe('Defaults to the policy (ownership.managerAssigns).'),
});

/**
 * Two registered persons are found to be related: the same person, family,
 * friends, or a company and its contact (ID-MATCH, ID-FAMILY, COL-CROSS-FAMILY).
 * `relation` says what `b` is to `a`.
 *
 * @example
 * ```ts
 * linkClientsSchema.parse({ v: 1, id: 'e10', type: 'linkClients', at: '2026-11-06T10:00:00+08:00',
 *   office: 'jz', a: { phone: '13812345678' }, b: { phone: '13911112222' }, relation: 'spouse' });
 * ```
 */
export const linkClientsSchema = z.strictObject({
  ...envelope,
  type: z.literal('linkClients'),
  a: clientRefSchema,
  b: clientRefSchema,
  relation: z.union([relationSchema, z.enum(['same', 'companyContact'])]),
});

/**
 * The developer's own contacts, announced in writing (REF-DEVELOPER).
 *
 * @example
 * ```ts
 * announceDeveloperContactsSchema.parse({ v: 1, id: 'e11', type: 'announceDeveloperContacts',
 *   at: '2026-11-01T09:00:00+08:00', office: 'jz', clients: [{ name: '钱总', phone: '13600003333' }] });
 * ```
 */
export const announceDeveloperContactsSchema = z.strictObject({
  ...envelope,
  type: z.literal('announceDeveloperContacts'),
  clients: z.array(clientRefSchema).min(1).max(1000),
});

/**
 * A deal reaches a stage (DEAL-STAGES). Each stage is its own event with the same `deal` id.
 *
 * @example
 * ```ts
 * closeDealSchema.parse({ v: 1, id: 'e12', type: 'closeDeal', at: '2026-11-07T15:00:00+08:00', office: 'jz',
 *   deal: 'D1', client: { phone: '13812345678' }, staff: 'S01', stage: 'subscription',
 *   unit: '3-1202', productType: 'highRise', amount: '1250000' });
 * ```
 */
export const closeDealSchema = z.strictObject({
  ...envelope,
  type: z.literal('closeDeal'),
  deal: idSchema,
  client: clientRefSchema,
  staff: idSchema.describe('Who closed the deal.'),
  stage: dealStageSchema,
  unit: textSchema(100),
  productType: textSchema(50).optional(),
  amount: decimalSchema.describe('The deal amount (total price) as a decimal string.'),
  paid: decimalSchema.optional().describe('Money received at this stage, as a decimal string. The stages\' payments add up to the deal\'s total paid, which may not be above the amount. Refunds are checked against the money paid (the amount when no stage reports a payment).'),
  invitedBy: idSchema.optional().describe('Who invited the client by phone: a telemarketer earns the fixed bonus (COM-FIXED-BONUS), a salesperson other than the closer shares the credit (DEAL-COOPERATION).'),
  discountBy: idSchema.optional().describe('A colleague who only helped close with a discount: earns nothing (COL-DISCOUNT-HELPER).'),
  buyer: z
    .strictObject({ name: textSchema(100).optional(), company: textSchema(200).optional() })
    .optional()
    .describe('The name on the subscription or contract (COL-COMPANY-VS-PERSON).'),
});

/**
 * A refund (退房 / 退定), full when `amount` is omitted (RFD-CLAWBACK).
 *
 * @example
 * ```ts
 * refundSchema.parse({ v: 1, id: 'e13', type: 'refund', at: '2026-11-20T10:00:00+08:00', office: 'jz', deal: 'D1' });
 * ```
 */
export const refundSchema = z.strictObject({
  ...envelope,
  type: z.literal('refund'),
  deal: idSchema,
  amount: decimalSchema.optional().describe('Refunded amount; omitted: the whole deal.'),
  reason: textSchema(500).optional(),
});

const splitShareSchema = z.strictObject({
  staff: idSchema,
  share: decimalSchema.describe('A relative weight, e.g. "60" and "40", or "0.6" and "0.4".'),
});

/**
 * A negotiated split of a deal (000 §2, §9; 004 "commission negotiated"):
 * the manager records how the parties agreed to share the commission, and
 * optionally the credit. It replaces the split the rules gave; what was
 * already booked is adjusted (COM-SPLIT-EXACT, DEAL-COOPERATION).
 *
 * @example
 * ```ts
 * splitDealSchema.parse({ v: 1, id: 'e14', type: 'splitDeal', at: '2026-11-08T10:00:00+08:00', office: 'jz',
 *   deal: 'D1', commission: [{ staff: 'S01', share: '60' }, { staff: 'S02', share: '40' }], by: 'M1' });
 * ```
 */
export const splitDealSchema = z
  .strictObject({
    ...envelope,
    type: z.literal('splitDeal'),
    deal: idSchema,
    commission: z.array(splitShareSchema).min(1).max(20).optional().describe('Commission shares; omitted: unchanged.'),
    credit: z.array(splitShareSchema).min(1).max(20).optional().describe('Credit shares; omitted: unchanged.'),
    by: idSchema.optional().describe('The manager who recorded the agreement.'),
    rules: z.array(ruleIdSchema).max(50).optional().describe('Rule IDs the split rests on; omitted: those of the split it replaces.'),
  })
  .refine((e) => e.commission !== undefined || e.credit !== undefined, { message: 'a split names commission shares, credit shares or both', path: ['commission'] });

/**
 * A salesperson's monthly targets (COM-RATE-TIERS, 000 §14): the red line
 * (大定/签约 amounts) and the green line (放款/备案 amounts) for one month of
 * the office's calendar. Omitted: unchanged; null: no target (the line is
 * not met). Setting targets after deals re-tiers the month.
 *
 * @example
 * ```ts
 * setTargetsSchema.parse({ v: 1, id: 'e15', type: 'setTargets', at: '2026-11-01T08:00:00+08:00', office: 'jz',
 *   staff: 'S01', month: '2026-11', red: '3000000', green: '2000000' });
 * ```
 */
export const setTargetsSchema = z
  .strictObject({
    ...envelope,
    type: z.literal('setTargets'),
    staff: idSchema,
    month: z.string().regex(MONTH_PATTERN, 'must be a month YYYY-MM such as "2026-11"'),
    red: decimalSchema.nullable().optional().describe('Red-line target (amount); null: none.'),
    green: decimalSchema.nullable().optional().describe('Green-line target (amount); null: none.'),
  })
  .refine((e) => e.red !== undefined || e.green !== undefined, { message: 'targets name red, green or both', path: ['red'] });

/**
 * A salesperson's reception is over: they are free for the queue again
 * (ROT-LONG-RECEPTION). Without it, a reception ends after the policy's
 * `rotation.receptionMinutes`.
 *
 * @example
 * ```ts
 * endReceptionSchema.parse({ v: 1, id: 'e14', type: 'endReception', at: '2026-11-01T10:40:00+08:00',
 *   office: 'jz', staff: 'S01' });
 * ```
 */
export const endReceptionSchema = z.strictObject({
  ...envelope,
  type: z.literal('endReception'),
  staff: idSchema,
  visit: idSchema.optional().describe('The visit whose reception ended; an end of an earlier reception changes nothing.'),
});

/**
 * Local duty hours `from`-`to` (lunch, after hours); a window whose `to` is
 * earlier than its `from` runs past midnight (ROT-DUTY).
 *
 * @example
 * ```ts
 * dutyHoursSchema.parse({ from: '12:00', to: '13:30' });
 * ```
 */
export const dutyHoursSchema = z
  .strictObject({ from: clockSchema, to: clockSchema })
  .refine((w) => w.from !== w.to, { message: 'duty hours need from and to to differ', path: ['to'] });

/**
 * Who is on duty during the duty hours of the event's local day (ROT-DUTY),
 * in order of preference; an empty list clears the day's duty. `hours`
 * gives that day's duty hours when the policy has none or they differ.
 *
 * @example
 * ```ts
 * assignDutySchema.parse({ v: 1, id: 'e15', type: 'assignDuty', at: '2026-11-01T08:30:00+08:00',
 *   office: 'jz', staff: ['S03'] });
 * ```
 */
export const assignDutySchema = z.strictObject({
  ...envelope,
  type: z.literal('assignDuty'),
  staff: z.array(idSchema).max(50),
  hours: z
    .array(dutyHoursSchema)
    .max(10)
    .optional()
    .describe("The day's duty hours (ROT-DUTY, 000 §20); omitted: the policy's rotation.duty.windows."),
});

/**
 * A rotation penalty from the event on: `halfTurns` gives one turn every two
 * rounds (ROT-PENALTY-HALF), `noCalls` stops call allocation (ROT-NO-CALLS).
 * It lasts `days` local days counting the event's day (default: the policy's
 * `rotation.penaltyDays`); `days: 0` lifts it.
 *
 * @example
 * ```ts
 * setRotationPenaltySchema.parse({ v: 1, id: 'e16', type: 'setRotationPenalty', at: '2026-11-09T08:00:00+08:00',
 *   office: 'jz', staff: 'S02', penalty: 'halfTurns', days: 7 });
 * ```
 */
export const setRotationPenaltySchema = z.strictObject({
  ...envelope,
  type: z.literal('setRotationPenalty'),
  staff: idSchema,
  penalty: z.enum(['halfTurns', 'noCalls']),
  days: z.number().int().min(0).max(366).optional(),
});

/**
 * Connected outbound calls of a telemarketer (or salesperson), with their
 * grade (KPI-CALLS, KPI-CALL-GRADES, 001): A will visit at a set time, B may
 * visit, C is reluctant but accepts messages, D has no interest. One call
 * with its number, or a day's tally of calls of one grade (`count`).
 *
 * @example
 * ```ts
 * recordOutboundCallSchema.parse({ v: 1, id: 'e20', type: 'recordOutboundCall', at: '2026-11-02T10:05:00+08:00',
 *   office: 'jz', staff: 'T1', grade: 'B', phone: '13900002222' });
 * ```
 */
export const recordOutboundCallSchema = z
  .strictObject({
    ...envelope,
    type: z.literal('recordOutboundCall'),
    staff: idSchema.describe('Who made the calls.'),
    grade: z.enum(['A', 'B', 'C', 'D']).describe('KPI-CALL-GRADES: A will visit at a set time; B may visit; C reluctant, accepts messages; D no interest.'),
    phone: textSchema(40).optional().describe('The number called: A-C numbers come back for another call about a month later (KPI-CALL-GRADES).'),
    count: z.number().int().min(1).max(1000).optional().describe('Connected calls of this grade recorded at once (a day\'s tally); default 1.'),
  })
  .refine((e) => e.phone === undefined || (e.count ?? 1) === 1, { message: 'a tally of several calls names no single phone', path: ['phone'] });

/**
 * An invitation to visit, made by phone (001 【意向客户邀约到访登记表】):
 * the client's name, phone and need, and when they are expected.
 *
 * @example
 * ```ts
 * recordInvitationSchema.parse({ v: 1, id: 'e21', type: 'recordInvitation', at: '2026-11-02T10:06:00+08:00',
 *   office: 'jz', staff: 'T1', client: { name: '王芳', phone: '13900002222', need: '别墅' }, expectedVisitAt: '2026-11-04T14:00:00+08:00' });
 * ```
 */
export const recordInvitationSchema = z.strictObject({
  ...envelope,
  type: z.literal('recordInvitation'),
  staff: idSchema.describe('Who invited the client.'),
  client: clientRefSchema.describe('The invited client as the invitation form records them.'),
  expectedVisitAt: instantSchema.optional().describe('When the client said they would come.'),
  source: textSchema(100).optional().describe('Where the number came from (渠道资源).'),
});

/**
 * An invited client arrived (KPI-INVITE-CONFIRM, 001): it is an invited
 * visit only if the client contacted the inviter on arrival and the
 * receiving salesperson signed the invitation form; otherwise the client is
 * a new walk-in.
 *
 * @example
 * ```ts
 * recordInvitedArrivalSchema.parse({ v: 1, id: 'e30', type: 'recordInvitedArrival', at: '2026-11-04T14:20:00+08:00',
 *   office: 'jz', invitation: 'e21', contactedInviter: true, signedBy: 'S03' });
 * ```
 */
export const recordInvitedArrivalSchema = z.strictObject({
  ...envelope,
  type: z.literal('recordInvitedArrival'),
  invitation: idSchema.describe('The id of the recordInvitation event.'),
  contactedInviter: z.boolean().describe('The client contacted the inviter on arrival, who introduced them.'),
  signedBy: idSchema.optional().describe('The receiving salesperson who signed the invitation form.'),
  client: clientRefSchema.optional().describe('The client as registered on arrival, when the invitation named them otherwise.'),
});

/**
 * A salesperson's salary grade (COM-SALARY-GRADES): the starting grade, or
 * a manager's change. Later moves follow the red and green lines.
 *
 * @example
 * ```ts
 * setGradeSchema.parse({ v: 1, id: 'e2', type: 'setGrade', at: '2026-11-01T08:00:00+08:00', office: 'jz', staff: 'S01', grade: '试用业务员' });
 * ```
 */
export const setGradeSchema = z.strictObject({
  ...envelope,
  type: z.literal('setGrade'),
  staff: idSchema,
  grade: textSchema(100).describe("A grade of the policy's ladder (periods.grades.ladder)."),
  base: decimalSchema.optional().describe("A personal monthly base salary instead of the grade's (for fines on base pay)."),
});

/**
 * A rule violation (PEN-FINES, PEN-CANCEL): what the policy's fine schedule
 * names it, the amount when the schedule gives a range, and the client
 * concerned (a violation that cancels a claim ends the violator's claim on
 * that client).
 *
 * @example
 * ```ts
 * recordViolationSchema.parse({ v: 1, id: 'e40', type: 'recordViolation', at: '2026-11-05T11:00:00+08:00',
 *   office: 'jz', staff: 'S02', violation: 'misconduct', amount: '50' });
 * ```
 */
export const recordViolationSchema = z.strictObject({
  ...envelope,
  type: z.literal('recordViolation'),
  staff: idSchema.describe('The violator.'),
  violation: textSchema(50).describe('A violation of the policy fine schedule (periods.fines.schedule).'),
  amount: decimalSchema.optional().describe('The fine, for a violation fined within a range (000 §18: 20-200).'),
  client: clientRefSchema.optional().describe('The client concerned.'),
});

/**
 * A salesperson gives up a claim (CLM-QUOTA): the client is no longer
 * theirs, and the claim no longer counts against their quota.
 *
 * @example
 * ```ts
 * releaseClaimSchema.parse({ v: 1, id: 'e41', type: 'releaseClaim', at: '2026-11-05T12:00:00+08:00',
 *   office: 'jz', staff: 'S02', client: { phone: '13812345678' } });
 * ```
 */
export const releaseClaimSchema = z.strictObject({
  ...envelope,
  type: z.literal('releaseClaim'),
  staff: idSchema,
  client: clientRefSchema,
});

/**
 * The clerk returns a conflicting claim to its submitter, with notice not to
 * contact the client any further (CLM-CONFLICT-RETURN, 002 §1.4). A dispute
 * raised on the notice day may still overturn it (DSP-PROCESS).
 *
 * @example
 * ```ts
 * returnClaimSchema.parse({ v: 1, id: 'e17', type: 'returnClaim', at: '2026-11-02T15:00:00+08:00', office: 'jz',
 *   staff: 'S02', client: { phone: '13812345678' }, by: 'K1' });
 * ```
 */
export const returnClaimSchema = z.strictObject({
  ...envelope,
  type: z.literal('returnClaim'),
  staff: idSchema.describe('The submitter the claim goes back to.'),
  client: clientRefSchema,
  by: idSchema.optional().describe('The clerk who returned it.'),
});

/**
 * A recognition fact (认出 / 发现): it became known that a client served by
 * someone else is an old client of another salesperson.
 * `during: 'reception'` (the default): recognized during the reception, by
 * the original or by a receiver who learns who served them; the client is
 * handed back to the original (OWN-RECOGNIZE). `'later'`: found afterwards,
 * e.g. in the archive (004e §4 发现之时, 003 3(7)). The event's `at` is when
 * it became known. `by` is who recognized or found them; `original` whose old
 * client they are (omitted: who held them before this reception); `follower`,
 * for 003 3(7), who follows up and takes the credit. `deal` names a deal
 * closed before the finding whose split the finding decides anew
 * (DEAL-RECOGNITION-WINDOW, DEAL-EVENT, DEAL-LATER-DESIGNATION).
 *
 * @example
 * ```ts
 * recognizeClientSchema.parse({ v: 1, id: 'e17', type: 'recognizeClient', at: '2026-11-12T16:00:00+08:00',
 *   office: 'jz', client: { phone: '13812345678' }, during: 'later', by: 'S02' });
 * ```
 */
export const recognizeClientSchema = z.strictObject({
  ...envelope,
  type: z.literal('recognizeClient'),
  client: clientRefSchema,
  during: z.enum(['reception', 'later']).optional().describe('reception (the default): recognized while being received; later: found afterwards.'),
  by: idSchema.optional().describe('Who recognized or found the client: the original, or the receiver who learned who served them.'),
  original: idSchema.optional().describe('Whose old client they are; omitted: the salesperson who held them before this reception.'),
  follower: idSchema.optional().describe('003 3(7): who follows up and takes the credit (the receiver or the original).'),
  deal: idSchema.optional().describe('A deal closed before the finding: its split is decided anew with it.'),
});

/**
 * A marketing event or launch (营销活动, 开盘, 房展会) from `from` to `to`
 * (DEAL-EVENT): deals closed in it follow the policy's event split.
 *
 * @example
 * ```ts
 * holdMarketingEventSchema.parse({ v: 1, id: 'e18', type: 'holdMarketingEvent', at: '2026-11-01T08:00:00+08:00',
 *   office: 'jz', name: '开盘', from: '2026-11-08T09:00:00+08:00', to: '2026-11-08T18:00:00+08:00' });
 * ```
 */
export const holdMarketingEventSchema = z
  .strictObject({
    ...envelope,
    type: z.literal('holdMarketingEvent'),
    name: textSchema(200).optional(),
    from: instantSchema.describe('When the event starts.'),
    to: instantSchema.describe('When it ends.'),
  })
  .refine((e) => Date.parse(e.from) < Date.parse(e.to), { message: 'a marketing event must end after it starts', path: ['to'] });

/**
 * The office announces internal subscription (正式通知内部认购开始, 002 §6.3).
 * Without `startsAt` it opens the pre-launch period (前期), the start still
 * to be fixed; with it, it fixes the start. Under `ownership.preLaunchDays`,
 * claims made in the period stay valid until that many days after the start.
 *
 * @example
 * ```ts
 * announceSubscriptionSchema.parse({ v: 1, id: 'e20', type: 'announceSubscription', at: '2026-11-20T09:00:00+08:00', office: 'jz',
 *   startsAt: '2026-12-01T09:00:00+08:00' });
 * ```
 */
export const announceSubscriptionSchema = z.strictObject({
  ...envelope,
  type: z.literal('announceSubscription'),
  startsAt: instantSchema.optional().describe('When internal subscription starts; omitted: the pre-launch period opens, the start still to be fixed.'),
  by: idSchema.optional().describe('Who announced it.'),
});

/**
 * The manager redistributes the clients of a salesperson on long leave or
 * transferred, by a draw made outside the engine (随机抽数, OWN-REDISTRIBUTE,
 * 003 3(12)). The engine never draws: the event carries the outcome.
 *
 * @example
 * ```ts
 * redistributeClientsSchema.parse({ v: 1, id: 'e19', type: 'redistributeClients', at: '2026-11-10T09:00:00+08:00', office: 'jz',
 *   staff: 'S01', to: [{ client: { phone: '13812345678' }, staff: 'S03' }], by: 'M1', draw: 'lots 3, 1' });
 * ```
 */
export const redistributeClientsSchema = z.strictObject({
  ...envelope,
  type: z.literal('redistributeClients'),
  staff: idSchema.describe('The salesperson on long leave or transferred, whose clients are redistributed.'),
  to: z
    .array(z.strictObject({ client: clientRefSchema, staff: idSchema.describe('Who drew the client.') }))
    .min(1)
    .max(1000)
    .describe('The outcome of the draw: each client and who takes them.'),
  by: idSchema.optional().describe('The manager who made the draw.'),
  draw: textSchema(500).optional().describe('How the draw went, as recorded (e.g. the lots drawn).'),
});

/**
 * Every event schema by its `type`.
 *
 * @example
 * ```ts
 * Object.keys(eventSchemas); // ['changeStaff', 'registerVisit', ...]
 * ```
 */
export const eventSchemas = {
  changeStaff: changeStaffSchema,
  registerVisit: registerVisitSchema,
  registerCall: registerCallSchema,
  claimClient: claimClientSchema,
  recordFollowUp: recordFollowUpSchema,
  raiseDispute: raiseDisputeSchema,
  issueRuling: issueRulingSchema,
  fileComplaint: fileComplaintSchema,
  assignClient: assignClientSchema,
  linkClients: linkClientsSchema,
  announceDeveloperContacts: announceDeveloperContactsSchema,
  closeDeal: closeDealSchema,
  refund: refundSchema,
  endReception: endReceptionSchema,
  assignDuty: assignDutySchema,
  setRotationPenalty: setRotationPenaltySchema,
  splitDeal: splitDealSchema,
  setTargets: setTargetsSchema,
  recordOutboundCall: recordOutboundCallSchema,
  recordInvitation: recordInvitationSchema,
  recordInvitedArrival: recordInvitedArrivalSchema,
  setGrade: setGradeSchema,
  recordViolation: recordViolationSchema,
  releaseClaim: releaseClaimSchema,
  recognizeClient: recognizeClientSchema,
  holdMarketingEvent: holdMarketingEventSchema,
  returnClaim: returnClaimSchema,
  redistributeClients: redistributeClientsSchema,
  announceSubscription: announceSubscriptionSchema,
} as const;

/**
 * The event log's schema: a discriminated union on `type`. It is the single
 * source of truth for event types, and the source of the published JSON Schema.
 *
 * @example
 * ```ts
 * const result = eventSchema.safeParse(JSON.parse(line));
 * ```
 */
export const eventSchema = z.discriminatedUnion('type', [
  changeStaffSchema,
  registerVisitSchema,
  registerCallSchema,
  claimClientSchema,
  recordFollowUpSchema,
  raiseDisputeSchema,
  issueRulingSchema,
  fileComplaintSchema,
  assignClientSchema,
  linkClientsSchema,
  announceDeveloperContactsSchema,
  closeDealSchema,
  refundSchema,
  endReceptionSchema,
  assignDutySchema,
  setRotationPenaltySchema,
  splitDealSchema,
  setTargetsSchema,
  recordOutboundCallSchema,
  recordInvitationSchema,
  recordInvitedArrivalSchema,
  setGradeSchema,
  recordViolationSchema,
  releaseClaimSchema,
  recognizeClientSchema,
  holdMarketingEventSchema,
  returnClaimSchema,
  redistributeClientsSchema,
  announceSubscriptionSchema,
]);

/** Any event of the log. */
export type Event = z.infer<typeof eventSchema>;
/** The `type` of an event. */
export type EventType = Event['type'];
/** The event of a given `type`. */
export type EventOf<T extends EventType> = Extract<Event, { type: T }>;
/** The input shape of an event (defaults not yet applied). */
export type EventInput = z.input<typeof eventSchema>;
