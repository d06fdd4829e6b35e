/**
 * The roster slice: who works in the office, in which team and role, and
 * their status over time.
 */
import { z } from 'zod';
import { countSchema, keySchema, mapSchema, msSchema, textSchema, whenValid } from '../kernel/codec.js';
import { emptyMap, type PMap } from '../kernel/map.js';
import { staffRoleSchema, staffStatusSchema, type StaffRole, type StaffStatus } from '../events/schema.js';

/**
 * A staff member as the roster knows them now.
 *
 * @example
 * ```ts
 * // { id: 'S01', name: '李娜', team: 'A', role: 'sales', status: 'onDuty', since: 1793..., joinedAt: 1793..., seq: 0 }
 * ```
 */
export interface StaffMember {
  readonly id: string;
  readonly name: string;
  readonly team: string | null;
  readonly role: StaffRole;
  readonly status: StaffStatus;
  /** Epoch ms of the last status change. */
  readonly since: number;
  readonly joinedAt: number;
  /** Join order, 0-based: the default rotation order (ROT-ORDER). */
  readonly seq: number;
}

/**
 * The roster slice of an office state.
 *
 * @example
 * ```ts
 * staffList(state).map((m) => m.name);
 * ```
 */
export interface StaffState {
  readonly members: PMap<StaffMember>;
  /** How many have ever joined (the next join's `seq`). */
  readonly count: number;
}

/** An empty roster. @internal */
export function initialStaff(): StaffState {
  return { members: emptyMap(), count: 0 };
}

const memberSchema = z.strictObject({
  id: keySchema,
  name: textSchema,
  team: textSchema.nullable(),
  role: staffRoleSchema,
  status: staffStatusSchema,
  since: msSchema,
  joinedAt: msSchema,
  seq: countSchema,
});

/**
 * The roster slice in snapshot form, checked and decoded (issue 13).
 * @internal
 */
export const staffSliceSchema: z.ZodType<StaffState, unknown> = z
  .strictObject({ members: mapSchema(memberSchema, (m) => m.id), count: countSchema })
  .refine((s) => s.members.size <= s.count, { message: 'more members than have ever joined', path: ['count'], ...whenValid });
