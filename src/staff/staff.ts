/**
 * The roster's rules: joins and changes (`changeStaff`), and whether an
 * event's staff reference names someone on it.
 */
import type { Ctx } from '../kernel/context.js';
import type { RuleId } from '../kernel/rules.js';
import type { Issue } from '../kernel/issues.js';
import type { EventOf } from '../events/schema.js';
import type { StaffDecision } from './decisions.js';
import type { StaffMember, StaffState } from './state.js';

/** The roster's context: it has no policy of its own. @internal */
export type StaffCtx = Ctx<null, StaffState>;

/** What a change means to the families that read the roster. @internal */
export interface StaffChange {
  readonly member: StaffMember;
  readonly previous: StaffMember | undefined;
  /** The member left with this change (OWN-DEPARTED follows). */
  readonly departed: boolean;
}

/**
 * The rule IDs a staff decision cites, given by the families that act on
 * the change: departure (ownership) and eligibility (rotation).
 * @internal
 */
export interface StaffRules {
  readonly departure: readonly RuleId[];
  readonly eligibility: readonly RuleId[];
}

/**
 * Joins or updates a staff member. The first event for an id is the join
 * (role sales and status onDuty unless given).
 * @internal
 */
export function changeStaff(c: StaffCtx, e: EventOf<'changeStaff'>, cites: StaffRules): StaffChange {
  const { tx } = c;
  const previous = c.s.members.get(e.staff);
  const status = e.status ?? previous?.status ?? 'onDuty';
  const member: StaffMember = {
    id: e.staff,
    name: e.name ?? previous?.name ?? e.staff,
    team: e.team ?? previous?.team ?? null,
    role: e.role ?? previous?.role ?? 'sales',
    status,
    since: previous && previous.status === status ? previous.since : tx.at,
    joinedAt: previous?.joinedAt ?? tx.at,
    seq: previous?.seq ?? c.s.count.value,
  };
  c.s.members.set(tx, e.staff, member);
  if (!previous) c.s.count.set(tx, c.s.count.value + 1);
  const departed = status === 'left' && previous?.status !== 'left';
  if (tx.record) {
    const d: StaffDecision = {
      kind: 'staff',
      event: tx.id,
      at: tx.at,
      rules: status === 'left' ? cites.departure : cites.eligibility,
      evidence: [],
      why: previous ? 'changed' : 'joined',
      args: { team: member.team, role: member.role },
      staff: member.id,
      status,
    };
    tx.emit(d);
  }
  return { member, previous, departed };
}

/**
 * The issue of a staff reference that names nobody on the roster, or (unless
 * `departedOk`) someone who has left.
 * @internal
 */
export function staffIssue(members: { get(id: string): StaffMember | undefined }, id: string, path: (string | number)[], event: string, departedOk = false): Issue | undefined {
  const member = members.get(id);
  if (!member) return { code: 'unknown_staff', path, event, message: `no staff member "${id}": add them with a changeStaff event first` };
  if (member.status === 'left' && !departedOk) return { code: 'staff_departed', path, event, message: `staff member "${id}" (${member.name}) has left the office` };
  return undefined;
}
