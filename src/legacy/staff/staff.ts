/**
 * The staff roster: who works in the office, in which team and role, and
 * their status over time (ROT-ELIGIBLE reads it; OWN-DEPARTED starts here).
 */
import { emptyMap, get, set, type PMap } from '../_lib/pmap.js';
import type { Issue } from '../../kernel/issues.js';
import type { EventOf, StaffRole, StaffStatus } from '../../events/schema.js';
import type { Ctx } from '../office/context.js';

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
 * getStaff(state.staff, 'S01')?.status; // 'onDuty'
 * ```
 */
export interface StaffState {
  readonly members: PMap<StaffMember>;
  readonly count: number;
}

/** An empty roster. @internal */
export function initialStaff(): StaffState {
  return { members: emptyMap(), count: 0 };
}

/**
 * A staff member by id.
 *
 * @param staff - the roster slice (`state.staff`)
 * @param id - the staff id
 * @returns the member, or `undefined`
 * @example
 * ```ts
 * getStaff(state.staff, 'S01')?.name; // '李娜'
 * ```
 */
export function getStaff(staff: StaffState, id: string): StaffMember | undefined {
  return get(staff.members, id);
}

/**
 * Joins or updates a staff member (the `changeStaff` event).
 * @internal
 */
export function evolveStaff(
  staff: StaffState,
  event: EventOf<'changeStaff'>,
  ctx: Ctx,
): { state: StaffState; member: StaffMember; previous: StaffMember | undefined } {
  const previous = get(staff.members, event.staff);
  const status = event.status ?? previous?.status ?? 'onDuty';
  const member: StaffMember = {
    id: event.staff,
    name: event.name ?? previous?.name ?? event.staff,
    team: event.team ?? previous?.team ?? null,
    role: event.role ?? previous?.role ?? 'sales',
    status,
    since: previous && previous.status === status ? previous.since : ctx.at,
    joinedAt: previous?.joinedAt ?? ctx.at,
    seq: previous?.seq ?? staff.count,
  };
  return {
    state: { members: set(staff.members, event.staff, member, ctx.edit), count: previous ? staff.count : staff.count + 1 },
    member,
    previous,
  };
}

/**
 * Where a status leaves a staff member for the walk-in queue (ROT-ELIGIBLE):
 * `onDuty` can receive; `away` (out on company or personal business) keeps
 * their place, and turns that pass them are skipped (ROT-MAKEUP-COMPANY,
 * ROT-MISSED-NO-MAKEUP); `ineligible` (off, leave, training not passed, out
 * of uniform, suspended) is not in the order for now; `left` is gone.
 * @internal
 */
export type Presence = 'onDuty' | 'away' | 'ineligible' | 'left';

/** The presence a status gives (ROT-ELIGIBLE). @internal */
export function presenceOf(status: StaffStatus): Presence {
  switch (status) {
    case 'onDuty':
      return 'onDuty';
    case 'companyBusiness':
    case 'personalBusiness':
      return 'away';
    case 'left':
      return 'left';
    default:
      return 'ineligible';
  }
}

/**
 * Checks that an event's staff reference names a current staff member.
 * @internal
 */
export function checkStaff(staff: StaffState, id: string, path: (string | number)[], event: string): Issue | undefined {
  const member = get(staff.members, id);
  if (!member) {
    return { code: 'unknown_staff', path, event, message: `no staff member "${id}": add them with a changeStaff event first` };
  }
  if (member.status === 'left') {
    return { code: 'staff_departed', path, event, message: `staff member "${id}" (${member.name}) has left the office` };
  }
  return undefined;
}
