/**
 * The rotation slice: the order, the cursors, each salesperson's seat in the
 * queue, the day's duty staff and the fairness ledger.
 */
import { emptyMap, type PMap } from '../_lib/pmap.js';
import type { SkipReason } from '../decisions.js';
import type { StaffMember } from '../staff/staff.js';

/**
 * One salesperson's standing in the queue beyond their place in the order:
 * make-ups owed, turns taken early, the reception keeping them busy, and
 * rotation penalties.
 *
 * @example
 * ```ts
 * // { owed: 1, owedFor: 'companyBusiness:1793...', early: 0, busyUntil: 0, busyWith: null, busyWithOwn: 'no',
 * //   halfUntil: 0, halfSkipNext: false, noCallsUntil: 0 }
 * ```
 */
export interface Seat {
  /** Make-ups owed (ROT-MAKEUP-COMPANY, ROT-OWN-CLIENT-ARRIVES, ROT-LONG-RECEPTION). */
  readonly owed: number;
  /** `reason:episode` of the last make-up owed, so that a `once` absence or reception owes one. */
  readonly owedFor: string | null;
  /** Turns taken out of order (a named client, the book's choice, a party's extra turns): the order passes them that often (ROT-ORDER). */
  readonly early: number;
  /** Epoch ms until which a reception keeps them busy; 0 when free. */
  readonly busyUntil: number;
  /** The visit that keeps them busy. */
  readonly busyWith: string | null;
  /** What keeps them busy: an own old client (`ownAtHead`: it arrived when they were next in line), or another visitor. */
  readonly busyWithOwn: 'no' | 'own' | 'ownAtHead';
  /** Epoch ms until which ROT-PENALTY-HALF applies; 0: none. */
  readonly halfUntil: number;
  /** Under ROT-PENALTY-HALF: the next time the order reaches them is a round they sit out. */
  readonly halfSkipNext: boolean;
  /** Epoch ms until which ROT-NO-CALLS applies; 0: none. */
  readonly noCallsUntil: number;
}

/** A seat with nothing owed, free, unpenalized. @internal */
export const plainSeat: Seat = {
  owed: 0,
  owedFor: null,
  early: 0,
  busyUntil: 0,
  busyWith: null,
  busyWithOwn: 'no',
  halfUntil: 0,
  halfSkipNext: false,
  noCallsUntil: 0,
};

/** Counts per skip reason. */
export type SkipCounts = Readonly<Partial<Record<SkipReason, number>>>;

/**
 * One salesperson's day in the fairness ledger, as stored.
 *
 * @example
 * ```ts
 * // { day: 20758, staff: 'S01', turns: 4, uncounted: 1, calls: 2, owed: 1, granted: 1, expired: 0,
 * //   skips: { companyBusiness: 1 }, callSkips: {} }
 * ```
 */
export interface FairnessDay {
  /** Local calendar day (days since 1970-01-01 in the office's zone). */
  readonly day: number;
  readonly staff: string;
  /** Walk-in turns used (ordinary, early, make-ups). */
  readonly turns: number;
  /** Walk-ins received without using a turn. */
  readonly uncounted: number;
  /** Calls given to them, allocated or not. */
  readonly calls: number;
  /** Make-ups that became owed. */
  readonly owed: number;
  /** Make-ups used. */
  readonly granted: number;
  /** Make-ups that lapsed at the end of the day (makeUps.expireAtDayEnd). */
  readonly expired: number;
  /** Walk-in turns that passed them, by reason. */
  readonly skips: SkipCounts;
  /** Call allocations that passed them, by reason. */
  readonly callSkips: SkipCounts;
}

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
  /** Index in `order` whose ordinary turn is next; it carries over to the next day (ROT-CARRY). */
  readonly next: number;
  /** Index in `order` of the next call allocation (ROT-CALL-ALLOCATION). */
  readonly nextCall: number;
  /** The last one who received an ordinary turn. */
  readonly last: string | null;
  /** The local day of the last rotation event; a later day starts with carry-over (ROT-CARRY). */
  readonly day: number | null;
  /** Seats by staff id; a missing seat is a plain one. */
  readonly seats: PMap<Seat>;
  /** The duty staff of a day (ROT-DUTY). */
  readonly duty: { readonly day: number; readonly staff: readonly string[] } | null;
  /** Ledger entries by `day|staff`. */
  readonly ledger: PMap<FairnessDay>;
}

/** An empty queue. @internal */
export function initialRotation(): RotationState {
  return { order: [], next: 0, nextCall: 0, last: null, day: null, seats: emptyMap(), duty: null, ledger: emptyMap() };
}

function without(slice: RotationState, index: number): RotationState {
  const order = slice.order.filter((_, i) => i !== index);
  const shift = (cursor: number) => {
    const moved = cursor > index ? cursor - 1 : cursor;
    return order.length === 0 ? 0 : moved % order.length;
  };
  return { ...slice, order, next: shift(slice.next), nextCall: shift(slice.nextCall) };
}

/**
 * Keeps the order in step with the roster: a salesperson joins at the end,
 * and leaves it on departure or a change of role (ROT-ORDER). Status does
 * not move anyone: the queue reads it at each turn (ROT-ELIGIBLE).
 * @internal
 */
export function syncRotation(slice: RotationState, member: StaffMember): RotationState {
  const index = slice.order.indexOf(member.id);
  const belongs = member.role === 'sales' && member.status !== 'left';
  if (belongs && index < 0) return { ...slice, order: [...slice.order, member.id] };
  if (!belongs && index >= 0) return without(slice, index);
  return slice;
}
