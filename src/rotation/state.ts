/**
 * The rotation slice: the order with each salesperson's seat in it, the
 * cursors, the day's duty staff and the fairness ledger.
 *
 * The seats of the order sit in one array (the ring) in rotation order, each
 * with the roster attributes the queue reads (role, status, team), so that a
 * reception walks one array instead of looking people up.
 */
import { z } from 'zod';
import { countSchema, keySchema, mapSchema, msSchema, textSchema, whenValid } from '../kernel/codec.js';
import { emptyMap, type Lookup, type PMap } from '../kernel/map.js';
import { dutyHoursSchema, staffRoleSchema, staffStatusSchema, type StaffRole, type StaffStatus } from '../events/schema.js';
import { skipReasonSchema, type SkipReason } from './decisions.js';

/**
 * One person's place in the queue beyond their position in the order:
 * what the roster says of them, make-ups owed, turns taken early, the
 * reception keeping them busy, and rotation penalties.
 *
 * @example
 * ```ts
 * // { id: 'S02', role: 'sales', status: 'onDuty', team: 'A', since: 1793..., owed: 1, owedFor: 'companyBusiness:1793...',
 * //   early: 0, busyUntil: 0, busyWith: null, busyWithOwn: 'no', halfUntil: 0, halfSkipNext: false, noCallsUntil: 0 }
 * ```
 */
export interface Seat {
  readonly id: string;
  readonly role: StaffRole;
  readonly status: StaffStatus;
  readonly team: string | null;
  /** Epoch ms of the last status change (an absence is one episode for a `once` make-up). */
  readonly since: number;
  /** Make-ups owed (ROT-MAKEUP-COMPANY, ROT-OWN-CLIENT-ARRIVES, ROT-LONG-RECEPTION). */
  readonly owed: number;
  /** `reason:episode` of the last make-up owed, so that a `once` absence or reception owes one. */
  readonly owedFor: string | null;
  /** Turns taken out of order: the order passes them that often (ROT-ORDER). */
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

/** Counts per skip reason. */
export type SkipCounts = Readonly<Partial<Record<SkipReason, number>>>;

/**
 * No skips: one shared, frozen record for the many ledger days without any
 * (a skip replaces the record, never changes it).
 * @internal
 */
export const NO_SKIP_COUNTS: SkipCounts = Object.freeze({});

/**
 * One person's day in the fairness ledger, as stored.
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
 * The queue's cursors and the day's duty.
 *
 * @example
 * ```ts
 * // { next: 3, nextCall: 1, last: 'S03', day: 20758, duty: { day: 20758, staff: ['S05'] }, dutyBefore: null }
 * ```
 */
export interface QueueHead {
  /** Index in the ring whose ordinary turn is next; it carries over to the next day (ROT-CARRY). */
  readonly next: number;
  /** Index in the ring of the next call allocation (ROT-CALL-ALLOCATION). */
  readonly nextCall: number;
  /**
   * The last one who received at their place in the order (ROT-CARRY): the
   * order goes on after them. A reception out of order (named, booked, an
   * appointment) or a make-up does not move the order, so it does not change
   * this; null when the order restarts at the top (dailyStart firstInOrder).
   */
  readonly last: string | null;
  /** The local day of the last rotation event; a later day starts with carry-over (ROT-CARRY). */
  readonly day: number | null;
  /** The duty staff of a day (ROT-DUTY), and that day's duty hours when the event gave them. */
  readonly duty: DutyDay | null;
  /**
   * The day before's duty, kept once the next day's is named: a night
   * window (22:00-02:00) runs into the next day, and its tail is still that
   * duty's (ROT-DUTY). null: none kept.
   */
  readonly dutyBefore: DutyDay | null;
}

/**
 * The duty of one local day (ROT-DUTY): who, in order of preference, and the
 * day's duty hours when its assignDuty gave them (else the policy's).
 *
 * @example
 * ```ts
 * // { day: 20758, staff: ['S05'], hours: [{ from: '12:00', to: '13:30' }] }
 * ```
 */
export interface DutyDay {
  readonly day: number;
  readonly staff: readonly string[];
  readonly hours?: readonly { readonly from: string; readonly to: string }[];
}

/**
 * A client another team received because everyone in the owner's team was
 * busy, to be handed back to the owner or their team while the reception
 * lasts (ROT-TEAM-ASSIST, 004x §6.1).
 *
 * @example
 * ```ts
 * // { visit: 'e40', client: 'e2', owner: 'S01', team: 'A', helper: 'S05' }
 * ```
 */
export interface HandBack {
  readonly visit: string;
  readonly client: string | null;
  readonly owner: string;
  readonly team: string;
  readonly helper: string;
}

/**
 * The rotation slice of an office state.
 *
 * @example
 * ```ts
 * nextReceiver(state, '2026-11-02T09:00:00+08:00').queue.map((e) => e.staff);
 * ```
 */
export interface RotationState {
  /** The seats of the sales staff on the roster, in rotation order (ROT-ORDER). */
  readonly ring: readonly Seat[];
  /** The seats of everyone else the queue has heard of (other roles, departed), kept for a return. */
  readonly parked: PMap<Seat>;
  readonly head: QueueHead;
  /** The fairness ledger of the current day. */
  readonly today: readonly FairnessDay[];
  /** The fairness ledger of earlier days, by day number. */
  readonly ledger: PMap<readonly FairnessDay[]>;
  /** Clients waiting to go back to their owner's team (ROT-TEAM-ASSIST); empty unless rotation.teamHandBack. */
  readonly handBacks: readonly HandBack[];
  /** The day's receptions that used a turn, for a recognition to give one back (004e §4); empty unless rotation.recognizedReturnsTurn. */
  readonly turnsToday: readonly CountedVisit[];
}

/**
 * A reception that used a turn, kept for the day (ROT-OLD-CLIENT-NOT-COUNTED, 004e §4).
 *
 * @example
 * ```ts
 * // { day: 20758, client: 'e2', staff: 'S02', visit: 'e9' }
 * ```
 */
export interface CountedVisit {
  readonly day: number;
  readonly client: string;
  readonly staff: string;
  readonly visit: string;
}

const NO_HAND_BACKS: readonly HandBack[] = Object.freeze([]);
const NO_VISITS: readonly CountedVisit[] = Object.freeze([]);

/** An empty queue. @internal */
export function initialRotation(): RotationState {
  return { ring: [], parked: emptyMap(), head: { next: 0, nextCall: 0, last: null, day: null, duty: null, dutyBefore: null }, today: [], ledger: emptyMap(), handBacks: NO_HAND_BACKS, turnsToday: NO_VISITS };
}

type Draft<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A seat's copy to change. Field by field on purpose: V8 copies a spread of a
 * record that is itself a copy on its slow path, about ten times slower, and a
 * seat is copied at nearly every reception.
 * @internal
 */
export function copySeat(s: Seat): Draft<Seat> {
  return {
    id: s.id,
    role: s.role,
    status: s.status,
    team: s.team,
    since: s.since,
    owed: s.owed,
    owedFor: s.owedFor,
    early: s.early,
    busyUntil: s.busyUntil,
    busyWith: s.busyWith,
    busyWithOwn: s.busyWithOwn,
    halfUntil: s.halfUntil,
    halfSkipNext: s.halfSkipNext,
    noCallsUntil: s.noCallsUntil,
  };
}

/** A seat with some fields changed (a {@link copySeat}). @internal */
export function seatWith(s: Seat, change: Partial<Seat>): Seat {
  return Object.assign(copySeat(s), change);
}

/**
 * The rotation penalties in force for someone at an instant
 * (ROT-PENALTY-HALF, ROT-NO-CALLS), read from the ring or the parked seats.
 * @internal
 */
export function penaltiesAt(ring: readonly Seat[], parked: Lookup<Seat>, staff: string, at: number): { readonly halfTurns: boolean; readonly noCalls: boolean } {
  const seat = ring.find((x) => x.id === staff) ?? parked.get(staff);
  return { halfTurns: seat !== undefined && seat.halfUntil > at, noCalls: seat !== undefined && seat.noCallsUntil > at };
}

/** A ledger day's copy to change (field by field, as {@link copySeat}). @internal */
export function copyDay(e: FairnessDay): Draft<FairnessDay> {
  return { day: e.day, staff: e.staff, turns: e.turns, uncounted: e.uncounted, calls: e.calls, owed: e.owed, granted: e.granted, expired: e.expired, skips: e.skips, callSkips: e.callSkips };
}

/** A seat with nothing owed, free, unpenalized. @internal */
export function plainSeat(id: string, role: StaffRole, status: StaffStatus, team: string | null, since: number): Seat {
  return { id, role, status, team, since, owed: 0, owedFor: null, early: 0, busyUntil: 0, busyWith: null, busyWithOwn: 'no', halfUntil: 0, halfSkipNext: false, noCallsUntil: 0 };
}

const seatSchema = z.strictObject({
  id: keySchema,
  role: staffRoleSchema,
  status: staffStatusSchema,
  team: textSchema.nullable(),
  since: msSchema,
  owed: countSchema,
  owedFor: textSchema.nullable(),
  early: countSchema,
  busyUntil: msSchema,
  busyWith: keySchema.nullable(),
  busyWithOwn: z.enum(['no', 'own', 'ownAtHead']),
  halfUntil: msSchema,
  halfSkipNext: z.boolean(),
  noCallsUntil: msSchema,
});

const dutyDaySchema = z.strictObject({ day: z.number().int(), staff: z.array(keySchema).max(50), hours: z.array(dutyHoursSchema).max(10).exactOptional() });

const handBackSchema = z.strictObject({ visit: keySchema, client: keySchema.nullable(), owner: keySchema, team: textSchema, helper: keySchema });

const skipCountsSchema = z.partialRecord(skipReasonSchema, countSchema);

const fairnessDaySchema = z.strictObject({
  day: z.number().int(),
  staff: keySchema,
  turns: countSchema,
  uncounted: countSchema,
  calls: countSchema,
  owed: countSchema,
  granted: countSchema,
  expired: countSchema,
  skips: skipCountsSchema,
  callSkips: skipCountsSchema,
}).transform((e): FairnessDay => {
  const day = copyDay(e);
  day.skips = countsOrNone(e.skips);
  day.callSkips = countsOrNone(e.callSkips);
  return day;
});

// Read back, a day without skips shares the one empty record again, as the replay left it.
function countsOrNone(counts: SkipCounts): SkipCounts {
  return Object.keys(counts).length === 0 ? NO_SKIP_COUNTS : counts;
}

/**
 * The rotation slice in snapshot form, checked and decoded (issue 13): the
 * cursors point into the ring, and no one has two seats.
 * @internal
 */
export const rotationSliceSchema: z.ZodType<RotationState, unknown> = z
  .strictObject({
    ring: z.array(seatSchema),
    parked: mapSchema(seatSchema, (seat) => seat.id),
    head: z.strictObject({
      next: countSchema,
      nextCall: countSchema,
      last: keySchema.nullable(),
      day: z.number().int().nullable(),
      duty: dutyDaySchema.nullable(),
      // Kept since night windows run into the next day; a snapshot from before has none.
      dutyBefore: dutyDaySchema.nullable().default(null),
    }),
    today: z.array(fairnessDaySchema),
    ledger: mapSchema(z.array(fairnessDaySchema)),
    // Slices keep their shape across releases: a field added since the snapshot was written starts empty.
    handBacks: z.array(handBackSchema).default(() => []),
    turnsToday: z.array(z.strictObject({ day: z.number().int(), client: keySchema, staff: keySchema, visit: keySchema })).default(() => []),
  })
  .superRefine((s, ctx) => {
    const size = Math.max(1, s.ring.length);
    if (s.head.next >= size) ctx.addIssue({ code: 'custom', path: ['head', 'next'], message: `points past the ${s.ring.length} seats of the order` });
    if (s.head.nextCall >= size) ctx.addIssue({ code: 'custom', path: ['head', 'nextCall'], message: `points past the ${s.ring.length} seats of the order` });
    const ids = new Set<string>();
    for (const [i, seat] of s.ring.entries()) {
      if (ids.has(seat.id) || s.parked.get(seat.id) !== undefined) ctx.addIssue({ code: 'custom', path: ['ring', i, 'id'], message: `"${seat.id.slice(0, 60)}" has two seats` });
      ids.add(seat.id);
    }
  }, whenValid);
