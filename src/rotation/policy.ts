import { z } from 'zod';
import { clockSchema } from '../events/common.js';

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
    dailyStart: z
      .enum(['carryOver', 'firstInOrder'])
      .default('carryOver')
      .describe('ROT-CARRY: carryOver starts each day with the person after the last one who received the day before; firstInOrder restarts the order every morning.'),
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
          .default('once')
          .describe('ROT-MAKEUP-COMPANY: turns missed out on company business are made up once per absence (004h), per turn missed (003), or not at all.'),
        ownClient: z
          .enum(['none', 'once'])
          .default('none')
          .describe('ROT-OWN-CLIENT-ARRIVES, ROT-LONG-RECEPTION, ROT-OLD-CLIENT-NOT-COUNTED: a turn missed while serving an own old client is lost (000, 004h) or made up once (004a, 004f).'),
        busy: z
          .enum(['none', 'once'])
          .default('once')
          .describe('ROT-ORDER: a turn that comes while its owner is busy with another visitor is made up once when they are free, or lost.'),
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
    groupTurns: z
      .enum(['one', 'perBuyer'])
      .default('one')
      .describe('ROT-GROUP-ONE: a party arriving together uses one turn (004h), or one per buyer with a need of their own.'),
    duty: z
      .strictObject({
        windows: z
          .array(dutyWindowSchema)
          .max(10)
          .default([])
          .describe('ROT-DUTY: local duty hours (lunch, after hours); visitors then go to the duty person named by assignDuty, not counted in rotation.'),
      })
      .prefault({}),
    penaltyDays: z
      .number()
      .int()
      .min(1)
      .max(366)
      .default(7)
      .describe('ROT-PENALTY-HALF, ROT-NO-CALLS: how many days a rotation penalty lasts when its event does not say.'),
    callAllocation: z
      .enum(['rotation', 'manager'])
      .default('rotation')
      .describe('ROT-CALL-ALLOCATION: calls the book gives to nobody are allocated by the call rotation, or wait for the manager. Self-sourced calls are never allocated.'),
  })
  .prefault({});

/** The rotation section of a policy. */
export type RotationPolicy = z.infer<typeof rotationPolicySchema>;
