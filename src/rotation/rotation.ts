/**
 * The walk-in queue (轮排, RULES §D): who receives the next visitor, and
 * whether it uses their turn.
 */
import { get } from '../_lib/pmap.js';
import type { Decision } from '../decisions.js';
import type { RuleId } from '../rules.js';
import { decide, type Ctx } from '../office/context.js';
import type { StaffMember, StaffState } from '../staff/staff.js';

/**
 * The rotation slice of an office state.
 *
 * @example
 * ```ts
 * state.rotation.order; // ['S01', 'S02', 'S03']
 * ```
 */
export interface RotationState {
  /** Sales staff in rotation order (ROT-ORDER). */
  readonly order: readonly string[];
  /** Index in `order` of who is up next; it carries over to the next day (ROT-CARRY). */
  readonly next: number;
  /** The last one who received a counted turn. */
  readonly last: string | null;
}

/** An empty queue. @internal */
export function initialRotation(): RotationState {
  return { order: [], next: 0, last: null };
}

/** Adds a new sales staff member at the end of the order. @internal */
export function joinRotation(slice: RotationState, member: StaffMember): RotationState {
  if (member.role !== 'sales' || slice.order.includes(member.id)) return slice;
  return { ...slice, order: [...slice.order, member.id] };
}

/**
 * Why a staff member cannot receive now, or null if they can (ROT-ELIGIBLE).
 * @internal
 */
export function ineligibility(member: StaffMember | undefined): string | null {
  if (!member) return 'not on the roster';
  if (member.role !== 'sales') return `role ${member.role}`;
  return member.status === 'onDuty' ? null : member.status;
}

/**
 * A place in the queue and why it is there.
 *
 * @example
 * ```ts
 * // { staff: 'S02', eligible: false, reason: 'leave' }
 * ```
 */
export interface QueueEntry {
  readonly staff: string;
  readonly eligible: boolean;
  readonly reason: string;
}

/** The queue from the next person on, with eligibility. @internal */
export function queueOf(slice: RotationState, staff: StaffState): QueueEntry[] {
  const n = slice.order.length;
  const queue: QueueEntry[] = [];
  for (let i = 0; i < n; i++) {
    const id = slice.order[(slice.next + i) % n] as string;
    const why = ineligibility(get(staff.members, id));
    queue.push({
      staff: id,
      eligible: why === null,
      reason: why === null ? (i === 0 ? 'next in order (ROT-ORDER, ROT-CARRY)' : `in order, ${i} after the next`) : `skipped: ${why} (ROT-ELIGIBLE)`,
    });
  }
  return queue;
}

/** What a reception needs to know. @internal */
export interface Arrival {
  readonly client: string | undefined;
  /** The receiver the visitor book names, if any. */
  readonly receiver: string | undefined;
  /** The protected owner of an old client. */
  readonly owner: string | null;
  /** Why the visit is not a new client's turn, when it is not. */
  readonly purpose: 'view' | 'deposit' | 'sign' | undefined;
  readonly nonClient: string | undefined;
  /** The salesperson a new client is tied to (named, referral), who receives them. */
  readonly named: string | undefined;
  /** People arriving together; a group counts one turn (ROT-GROUP-ONE). */
  readonly groupSize: number;
}

/**
 * Decides who receives an arrival and whether it uses a turn (ROT-ORDER,
 * ROT-CARRY, ROT-ELIGIBLE, ROT-OLD-CLIENT-NOT-COUNTED, ROT-ABSENT-OWNER-ASSIST,
 * ROT-DEPOSIT-ONLY, ID-NONCLIENT). "No eligible receiver" is a decision too.
 * @internal
 */
export function receive(slice: RotationState, staff: StaffState, arrival: Arrival, ctx: Ctx): { state: RotationState; decision: Decision } {
  const queue = queueOf(slice, staff);
  const skipped: { staff: string; reason: string }[] = [];
  const base = { kind: 'reception' as const, ...(arrival.client === undefined ? {} : { client: arrival.client }) };
  const make = (receiver: string | null, counted: boolean, rules: RuleId[], note: string): Decision =>
    decide(ctx, { ...base, receiver, counted, skipped }, rules, [], note);

  if (arrival.nonClient !== undefined) {
    return { state: slice, decision: make(arrival.receiver ?? null, false, ['ID-NONCLIENT'], `${arrival.nonClient}: not a client, no turn used and nothing registered`) };
  }
  if (arrival.owner !== null) {
    const counted = ctx.policy.rotation.oldClientCounts;
    const free = (id: string | undefined) => id !== undefined && ineligibility(get(staff.members, id)) === null;
    const wanted = arrival.named !== undefined && free(arrival.named) ? arrival.named : arrival.owner;
    if (arrival.receiver === undefined ? free(wanted) : arrival.receiver === wanted) {
      const whose = wanted === arrival.owner ? 'received by the owner' : `received by ${wanted}, whom the client named`;
      return { state: slice, decision: make(wanted, counted, ['ROT-OLD-CLIENT-NOT-COUNTED'], `an old client of ${arrival.owner}, ${whose}${counted ? '' : '; no turn used'}`) };
    }
    const last = [...queue].reverse().find((q) => q.eligible)?.staff ?? null;
    const assistant = arrival.receiver ?? last;
    return {
      state: slice,
      decision: make(assistant, false, ['ROT-OLD-CLIENT-NOT-COUNTED', 'ROT-ABSENT-OWNER-ASSIST'], `an old client of ${arrival.owner}, who is away: ${assistant ?? 'nobody'} assists; not a turn and not a skip`),
    };
  }
  if (arrival.purpose === 'deposit' || arrival.purpose === 'sign') {
    return { state: slice, decision: make(arrival.receiver ?? null, false, ['ROT-DEPOSIT-ONLY'], `came only to ${arrival.purpose === 'sign' ? 'sign' : 'pay a deposit'}: assistance, not a turn`) };
  }
  const group: RuleId[] = arrival.groupSize > 1 ? ['ROT-GROUP-ONE'] : [];
  const groupNote = arrival.groupSize > 1 ? `; a group of ${arrival.groupSize} counts as one turn` : '';
  if (arrival.named !== undefined && (arrival.receiver ?? arrival.named) === arrival.named && ineligibility(get(staff.members, arrival.named)) === null) {
    return { state: { ...slice, last: arrival.named }, decision: make(arrival.named, true, ['ROT-ORDER', 'OWN-NAMED', ...group], `a new client tied to ${arrival.named}, who receives them${groupNote}`) };
  }
  let chosen: string | undefined = arrival.receiver;
  if (chosen === undefined) {
    for (const q of queue) {
      if (q.eligible) {
        chosen = q.staff;
        break;
      }
      skipped.push({ staff: q.staff, reason: q.reason });
    }
  }
  if (chosen === undefined) {
    return { state: slice, decision: make(null, false, ['ROT-ELIGIBLE'], 'no eligible receiver: everyone in the order is away or ineligible') };
  }
  const index = slice.order.indexOf(chosen);
  const expected = queue.find((q) => q.eligible)?.staff;
  const note =
    arrival.receiver !== undefined && expected !== undefined && expected !== chosen
      ? `received by ${chosen} as the book records; the queue had ${expected} next`
      : `${chosen} was next in order`;
  const state: RotationState = index < 0 ? slice : { ...slice, next: (index + 1) % slice.order.length, last: chosen };
  return { state, decision: make(chosen, true, ['ROT-ORDER', 'ROT-CARRY', ...group], note + groupNote) };
}

/**
 * Who is next at a given time, with the whole queue and the reason each
 * person is where they are. Time is an argument, never the clock.
 *
 * @example
 * ```ts
 * // { at: '2026-11-01T10:00:00+08:00', next: 'S02', queue: [...] }
 * ```
 */
export interface NextReceiver {
  readonly at: string;
  readonly next: string | null;
  readonly queue: readonly QueueEntry[];
}

/** The queue at a time. @internal */
export function nextInQueue(slice: RotationState, staff: StaffState, at: string): NextReceiver {
  const queue = queueOf(slice, staff);
  return { at, next: queue.find((q) => q.eligible)?.staff ?? null, queue };
}
