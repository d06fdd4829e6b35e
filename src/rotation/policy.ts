import { z } from 'zod';
import { clockSchema, listedOnce, windowsApart } from '../events/common.js';

/**
 * How a missed turn is made up: `none`, `once` (one make-up per absence or
 * per reception, however many turns it cost) or `perTurn` (one per turn missed).
 *
 * @example
 * ```ts
 * makeUpModeSchema.parse('perTurn');
 * ```
 */
export const makeUpModeSchema = z.enum(['none', 'once', 'perTurn']);

/** A mode of {@link makeUpModeSchema}. */
export type MakeUpMode = z.infer<typeof makeUpModeSchema>;

const dutyWindowSchema = z
  .strictObject({ from: clockSchema, to: clockSchema })
  .refine((w) => w.from !== w.to, { message: 'a duty window needs from and to to differ', path: ['to'] })
  .describe('Local times; a window whose `to` is earlier than its `from` runs past midnight.');

/** Duty windows, none overlapping another (one past midnight included): the later one is refused. */
const dutyWindowsSchema = windowsApart(z.array(dutyWindowSchema).max(10));

/**
 * Why an appointer may be away and still have the last in line assist their
 * appointment with no skip (ROT-APPOINTMENT, 004a §2.1.2): `busy` receiving
 * another client, or a roster status (`leave` for sick leave, `off` resting,
 * `companyBusiness` out on company business, ...).
 *
 * @example
 * ```ts
 * absenceSchema.parse('companyBusiness');
 * ```
 */
export const absenceSchema = z.enum(['busy', 'off', 'leave', 'companyBusiness', 'personalBusiness', 'trainingNotPassed', 'outOfUniform', 'suspended']);

/** A reason of {@link absenceSchema}. */
export type Absence = z.infer<typeof absenceSchema>;

/**
 * How appointments are received (ROT-APPOINTMENT: 004a §2.1.2, 004i, 004l §3,
 * 004e §5): the salesperson who made the appointment receives the client; if
 * they are away for an allowed reason (and gave notice, when required), the
 * assistant of `rotation.absentOwner` helps, with no turn and no skip, and
 * the visit is registered to the appointer; for any other reason the client
 * is the rotation receiver's and uses their turn.
 *
 * @example
 * ```ts
 * appointmentPolicySchema.parse({ requireDetails: true });
 * ```
 */
export const appointmentPolicySchema = z.strictObject({
  requireDetails: z
    .boolean()
    .default(false)
    .describe("ROT-APPOINTMENT (004i): an appointment counts only with the client's name, the viewing time and the salesperson's own name left with the client (appointment.nameLeft); else rotation."),
  counts: z.boolean().default(true).describe('ROT-APPOINTMENT: whether receiving one\'s own appointment uses a turn (taken out of order, like a named new client).'),
  allowedAbsence: listedOnce(z.array(absenceSchema).max(8))
    .default(['busy', 'leave', 'off', 'companyBusiness'])
    .describe('ROT-APPOINTMENT (004a): reasons for which an absent appointer is assisted with no skip: with a client, sick, resting, out on company business.'),
  requireNotice: z
    .boolean()
    .default(false)
    .describe('ROT-APPOINTMENT (004l §3, 004e §5): an absent appointer is assisted only if they told a colleague or supervisor in advance (appointment.notice).'),
});

/** The appointment section of a rotation policy. */
export type AppointmentPolicy = z.infer<typeof appointmentPolicySchema>;

/**
 * Reception rotation rules (RULES §D: ROT-*). Every field has a default, so
 * `{}` is the plain round-robin of ROT-ORDER with daily carry-over.
 *
 * @example
 * ```ts
 * rotationPolicySchema.parse({ makeUps: { companyBusiness: 'perTurn' }, absentOwner: 'team' });
 * ```
 */
export const rotationPolicySchema = z
  .strictObject({
    oldClientCounts: z
      .boolean()
      .default(false)
      .describe('ROT-OLD-CLIENT-NOT-COUNTED: whether receiving an own old client uses a turn.'),
    recognizedReturnsTurn: z
      .boolean()
      .default(false)
      .describe("ROT-OLD-CLIENT-NOT-COUNTED (004e §4 认出,应礼貌交接(此种情况不列为有效轮值接待客户)): an old client their original recognizes during another's reception (recognizeClient, by the original) is handed over, and that reception is no turn: the receiver is owed a make-up. false (default): the reception keeps its turn."),
    dailyStart: z
      .enum(['carryOver', 'firstInOrder'])
      .default('carryOver')
      .describe(
        "ROT-CARRY (000 §4 以前一天最后一个接待客户的下一个人为第一顺位): carryOver starts each day with the person after the last one who received at their place in the order the day before: the order's place carries over. A reception out of order (a named client, the book, an appointment) or a make-up does not move it, and the order passes whoever took a turn early (000 §2, §5 继续按序轮排; 004f 以排轮顺序为准,如当天下班轮到4,则第二天上班时从5开始). firstInOrder restarts the order every morning.",
      ),
    receptionMinutes: z
      .number()
      .int()
      .min(0)
      .max(1440)
      .default(60)
      .describe('ROT-LONG-RECEPTION, ROT-OWN-CLIENT-ARRIVES: how long a reception keeps its receiver busy unless an endReception frees them sooner; 0: receptions keep nobody busy.'),
    makeUps: z
      .strictObject({
        companyBusiness: makeUpModeSchema
          .default('none')
          .describe('ROT-MAKEUP-COMPANY: turns missed out on company business are made up once per absence (004h §3), per turn missed (003), or not at all (none, the default: the seeds that make it up disagree on how often, so the default keeps ROT-MISSED-NO-MAKEUP).'),
        ownClient: z
          .enum(['none', 'once'])
          .default('none')
          .describe('ROT-OWN-CLIENT-ARRIVES, ROT-LONG-RECEPTION, ROT-OLD-CLIENT-NOT-COUNTED: a turn missed while serving an own old client is lost (000, 004h) or made up once (004a, 004f).'),
        busy: z
          .enum(['none', 'once'])
          .default('none')
          .describe('ROT-ORDER, ROT-MISSED-NO-MAKEUP: a turn that comes while its owner is busy with another visitor is made up once when they are free, or lost (none, the default: no seed makes it up).'),
        first: z
          .boolean()
          .default(true)
          .describe("ROT-MAKEUP-COMPANY: owed make-ups go before anyone's ordinary turn (priority); false: taken when the person's own turn comes, just before it."),
        expireAtDayEnd: z.boolean().default(false).describe('ROT-CARRY: make-ups still owed at the end of a day lapse instead of carrying over.'),
      })
      .prefault({}),
    absentOwner: z
      .enum(['last', 'next', 'team'])
      .default('last')
      .describe("ROT-ABSENT-OWNER-ASSIST, ROT-TEAM-ASSIST: who helps an old client whose owner is away or busy: the last in the order (004a, 004e, 004h), the next in the order (004i), or the next free member of the owner's team, then another team (004x, 004j). Never a turn, never a skip."),
    absentOwnerNotice: z
      .boolean()
      .default(false)
      .describe("ROT-ABSENT-OWNER-ASSIST (004l §3 且知道该客户可能要来并告知同事或主管): an old client whose owner is away is assisted out of turn only if the owner told a colleague or supervisor in advance (registerVisit.ownerNotice); without notice the visitor is received like any other, using a turn, and the client stays the owner's. false: assisted either way."),
    groupTurns: z
      .enum(['one', 'perBuyer'])
      .default('one')
      .describe('ROT-GROUP-ONE: a party arriving together uses one turn (004h), or one per buyer with a need of their own.'),
    duty: z
      .strictObject({
        windows: dutyWindowsSchema
          .default([])
          .describe('ROT-DUTY: local duty hours (lunch, after hours), none overlapping another; visitors then go to the duty person named by assignDuty, not counted in rotation.'),
      })
      .prefault({}),
    penaltyDays: z
      .number()
      .int()
      .min(1)
      .max(366)
      .default(7)
      .describe('ROT-PENALTY-HALF, ROT-NO-CALLS: how many days a rotation penalty lasts when its event does not say.'),
    appointments: appointmentPolicySchema
      .nullable()
      .default(null)
      .describe('ROT-APPOINTMENT: how a visitor with an appointment (registerVisit.appointment) is received; null: appointments are not honoured, the visitor is received like any other.'),
    tourGroups: z
      .enum(['turn', 'teamManager'])
      .default('turn')
      .describe('ROT-TOUR-GROUP (004x §4): a tour group (registerVisit.tourGroup) is an ordinary walk-in (turn), or the team manager arranges its reception: no turn, and the first in line keeps their place (teamManager).'),
    invitedVisits: z
      .strictObject({
        counts: z.boolean().default(false).describe('ROT-INVITED-VISIT: whether the assigned reception of an invited visit uses the receiver\'s turn (001 leaves it open).'),
      })
      .nullable()
      .default(null)
      .describe("ROT-INVITED-VISIT (001 §2.2, §5.2): a telemarketer's invited client who contacts the telemarketer on arrival (registerVisit.invitedBy) is received by the receiver the sales-group leader assigned (registerVisit.receiver); null: an invited visit is received like any other."),
    teamHandBack: z
      .boolean()
      .default(false)
      .describe("ROT-TEAM-ASSIST (004x §6.1): with absentOwner team (refused with any other), a client another team received because the owner's team was busy is handed back to the owner, or to the first of their team who is free, while the reception lasts."),
    callAllocation: z
      .enum(['rotation', 'manager'])
      .default('rotation')
      .describe('ROT-CALL-ALLOCATION: calls the book gives to nobody are allocated by the call rotation, or wait for the manager. Self-sourced calls are never allocated.'),
  })
  .refine((r) => !r.teamHandBack || r.absentOwner === 'team', {
    message: 'needs rotation.absentOwner "team": only a client another team received is handed back (ROT-TEAM-ASSIST)',
    path: ['teamHandBack'],
    when: (p) => p.issues.length === 0,
  })
  .prefault({});

/** The rotation section of a policy. */
export type RotationPolicy = z.infer<typeof rotationPolicySchema>;
