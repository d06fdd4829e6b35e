/**
 * The reception desk: the queue as one event sees it. It reads the seats,
 * rolls the day over (ROT-CARRY), plans who is next (ROT-ORDER and the
 * skips of §D), and writes its changes through the event's drafts.
 * @internal
 */
import type { Ctx } from '../kernel/context.js';
import { joinRules, rules } from '../kernel/decision.js';
import type { RuleId } from '../kernel/rules.js';
import { minutesOf } from '../kernel/time.js';
import type { Skip, SkipReason } from './decisions.js';
import type { RotationPolicy } from './policy.js';
import { copyDay, copySeat, NO_SKIP_COUNTS, seatWith, type DutyDay, type FairnessDay, type QueueHead, type RotationState, type Seat, type SkipCounts } from './state.js';

/**
 * The rotation family's context. Under a policy timeline, `pAt` gives the
 * rotation policy in force at any instant: a day's end and the next day's
 * start are judged under the versions in force then (ROT-CARRY, ROT-DUTY),
 * not under the version of the event that happens to come next. Left out
 * (one policy), `p` serves for every instant.
 * @internal
 */
export type RotCtx = Ctx<RotationPolicy, RotationState> & { readonly pAt?: ((ms: number) => RotationPolicy) | undefined };

/** Where someone stands for a walk-in: free, away on business, busy with a reception, or out of the order for now. */
export const FREE = 0;
export const AWAY = 1;
export const BUSY = 2;
export const OUT = 3;

/** A skip with the rules behind it, before it becomes part of a decision. */
export interface PlannedSkip extends Skip {
  readonly rules: readonly RuleId[];
}

/** Who the queue gives the next visitor (or call) to, and what that would change. */
export interface Plan {
  readonly receiver: string | null;
  /** The receiver uses an owed make-up. */
  readonly makeUp: boolean;
  readonly skipped: readonly PlannedSkip[];
  /** The cursor after this turn (walk-ins: `next`; calls: `nextCall`). */
  readonly cursor: number;
  /** Seats as they would be after this turn. */
  readonly seats: ReadonlyMap<string, Seat>;
  /** The reason code and its parameter. */
  readonly why: string;
  readonly states: readonly string[] | null;
  readonly rules: readonly RuleId[];
}

type Tally = 'turns' | 'uncounted' | 'calls' | 'owed' | 'granted' | 'expired';
type Draft<T> = { -readonly [K in keyof T]: T[K] };

const MAKEUP_COMPANY = rules('ROT-MAKEUP-COMPANY');
const MAKEUP_RULES: Record<string, readonly RuleId[]> = {
  companyBusiness: MAKEUP_COMPANY,
  servingOwnClient: rules('ROT-LONG-RECEPTION'),
  busy: rules('ROT-ORDER'),
  returned: rules('ROT-OLD-CLIENT-NOT-COUNTED'),
};
const MISSED = rules('ROT-MISSED-NO-MAKEUP');
const OWN_ARRIVES = rules('ROT-OWN-CLIENT-ARRIVES');
const LONG = rules('ROT-LONG-RECEPTION');
const NOT_COUNTED = rules('ROT-OLD-CLIENT-NOT-COUNTED');
const ORDER = rules('ROT-ORDER');
const ORDER_HALF = rules('ROT-ORDER', 'ROT-PENALTY-HALF');
const HALF = rules('ROT-PENALTY-HALF');
const ELIGIBLE = rules('ROT-ELIGIBLE');
const CALLS = rules('ROT-CALL-ALLOCATION');
const NO_CALLS = rules('ROT-NO-CALLS');
const CALLS_NOBODY = rules('ROT-CALL-ALLOCATION', 'ROT-ELIGIBLE');

function makeUpRule(seat: Seat): readonly RuleId[] {
  return MAKEUP_RULES[seat.owedFor?.split(':')[0] ?? ''] ?? MAKEUP_COMPANY;
}

/**
 * The counts with one more skip for `reason`. Object.assign, not a spread:
 * a spread followed by a key it lacks gives each result a hidden class of its own.
 */
function plusOne(counts: SkipCounts, reason: SkipReason): SkipCounts {
  const next: Partial<Record<SkipReason, number>> = Object.assign({}, counts);
  next[reason] = (counts[reason] ?? 0) + 1;
  return next;
}

function emptyEntry(day: number, staff: string): FairnessDay {
  return { day, staff, turns: 0, uncounted: 0, calls: 0, owed: 0, granted: 0, expired: 0, skips: NO_SKIP_COUNTS, callSkips: NO_SKIP_COUNTS };
}

/** The queue at one instant, for one event. */
export class Desk {
  readonly p: RotationPolicy;
  readonly at: number;
  readonly day: number;
  cursor: number;
  callCursor: number;
  last: string | null;
  private duty: QueueHead['duty'];
  private dutyBefore: QueueHead['dutyBefore'];
  private ringDraft: Seat[] | null = null;
  private todayDraft: FairnessDay[] | null = null;

  constructor(readonly c: RotCtx) {
    this.p = c.p;
    this.at = c.tx.at;
    this.day = c.cal.dayOf(this.at);
    const head = c.s.head.value;
    this.cursor = head.next;
    this.callCursor = head.nextCall;
    this.last = head.last;
    this.duty = head.duty;
    this.dutyBefore = head.dutyBefore;
    if (head.day !== null && this.day > head.day) this.rollOver(head.day);
  }

  /** The seats in rotation order. */
  get ring(): readonly Seat[] {
    return this.ringDraft ?? this.c.s.ring.value;
  }

  /** The rotation policy in force at an instant: the timeline's version then, or the event's policy when the office has one. */
  private policyAt(ms: number): RotationPolicy {
    return this.c.pAt === undefined ? this.p : this.c.pAt(ms);
  }

  /**
   * ROT-CARRY: a new day starts after the last receiver, or at the top of the
   * order; the last day's ledger is filed. Each midnight passed is judged
   * under the versions in force there: make-ups owed lapse when a day ended
   * under a version that lapses them (its last instant), and the order
   * restarts when a day began under one that restarts it (its first instant).
   */
  private rollOver(previous: number): void {
    let restart = false;
    let expire = false;
    if (this.c.pAt === undefined) {
      restart = this.p.dailyStart === 'firstInOrder';
      expire = this.p.makeUps.expireAtDayEnd;
    } else {
      for (let day = previous + 1; day <= this.day && !(restart && expire); day++) {
        const start = this.c.cal.startOf(day);
        if (!expire && this.policyAt(start - 1).makeUps.expireAtDayEnd) expire = true;
        if (!restart && this.policyAt(start).dailyStart === 'firstInOrder') restart = true;
      }
    }
    if (restart) {
      this.cursor = 0;
      this.callCursor = 0;
      // Nobody received before the top of the order: the day starts after no one.
      this.last = null;
    }
    const ring = this.ring;
    for (let i = 0; i < ring.length; i++) this.startDay(ring[i] as Seat, restart, expire, previous);
    // Seats out of the order (a leaver, another role) start the day too: their make-ups lapse
    // with everyone else's, so they cannot bring yesterday's back when they return.
    const parked = this.c.s.parked;
    if ((expire || restart) && !parked.empty) {
      for (const id of [...parked.keys()].sort()) this.startDay(parked.get(id) as Seat, restart, expire, previous);
    }
    const today = this.todayDraft ?? this.c.s.today.value;
    // Copied to its exact size: the day's list grew by appends, and the ledger keeps it for good.
    if (today.length > 0) this.c.s.ledger.set(this.c.tx, String(previous), today.slice());
    this.todayDraft = [];
    this.c.s.today.set(this.c.tx, this.todayDraft);
  }

  /** A seat at the start of a day: make-ups owed lapse (makeUps.expireAtDayEnd); turns taken early are forgotten when the order restarts. */
  private startDay(seat: Seat, restart: boolean, lapse: boolean, previous: number): void {
    const expire = lapse && seat.owed > 0;
    if (expire) this.tally(seat.id, 'expired', seat.owed, previous);
    if (expire || (restart && seat.early > 0)) this.put(seatWith(seat, { owed: expire ? 0 : seat.owed, early: restart ? 0 : seat.early }));
  }

  /** The seat of anyone the queue knows. */
  seat(id: string): Seat | undefined {
    const ring = this.ring;
    for (let i = 0; i < ring.length; i++) if ((ring[i] as Seat).id === id) return ring[i];
    return this.c.s.parked.get(id);
  }

  /** Stores a changed seat. */
  put(seat: Seat): void {
    const ring = this.ring;
    for (let i = 0; i < ring.length; i++) {
      if ((ring[i] as Seat).id === seat.id) {
        this.c.tx.setSlot(this.ownRing(), i, seat);
        return;
      }
    }
    this.c.s.parked.set(this.c.tx, seat.id, seat);
  }

  /** The ring as an array this event may change: the fresh one itself, else a copy. */
  private ownRing(): Seat[] {
    if (this.ringDraft !== null) return this.ringDraft;
    const box = this.c.s.ring;
    if (box.fresh) this.ringDraft = box.value as Seat[];
    else {
      this.ringDraft = box.value.slice();
      box.set(this.c.tx, this.ringDraft);
    }
    return this.ringDraft;
  }

  /** Where a seat stands now: FREE, AWAY, BUSY or OUT. */
  standing(seat: Seat | undefined): number {
    if (seat === undefined || seat.role !== 'sales') return OUT;
    const s = seat.status;
    if (s === 'companyBusiness' || s === 'personalBusiness') return AWAY;
    if (s !== 'onDuty') return OUT;
    return seat.busyUntil > this.at ? BUSY : FREE;
  }

  /** Whether someone could receive a walk-in now. */
  free(id: string | undefined): id is string {
    return id !== undefined && this.standing(this.seat(id)) === FREE;
  }

  /** A seat's state as a code for sentences, and until when it lasts. */
  stateOf(id: string): { code: string; until: number } {
    const seat = this.seat(id);
    if (seat === undefined) return { code: 'not on the roster', until: 0 };
    switch (this.standing(seat)) {
      case FREE:
        return { code: 'free', until: 0 };
      case AWAY:
        return { code: seat.status, until: 0 };
      case BUSY:
        return { code: seat.busyWithOwn === 'no' ? 'busy' : 'servingOwnClient', until: seat.busyUntil };
      default:
        return { code: seat.role !== 'sales' ? `role:${seat.role}` : seat.status, until: 0 };
    }
  }

  /** The states of everyone in the order, as `id|code|until`, for "nobody could receive". */
  states(): string[] {
    return this.ring.map((s) => {
      const st = this.stateOf(s.id);
      return `${s.id}|${st.code}|${st.until}`;
    });
  }

  halfTurns(seat: Seat): boolean {
    return seat.halfUntil > this.at;
  }

  noCalls(seat: Seat): boolean {
    return seat.noCallsUntil > this.at;
  }

  /** The instant the desk's day ends (local midnight). */
  dayEnd(): number {
    return this.c.cal.startOf(this.day + 1);
  }

  /** The duty hours of the desk's day: those its assignDuty gave, else the policy's (ROT-DUTY). */
  dutyHours(): readonly { readonly from: string; readonly to: string }[] {
    const duty = this.duty;
    return duty !== null && duty.day === this.day && duty.hours !== undefined ? duty.hours : this.p.duty.windows;
  }

  /** The duty of the day before the desk's, if kept: its night window may run into this day. */
  private previousDuty(): DutyDay | null {
    const day = this.day - 1;
    if (this.duty !== null && this.duty.day === day) return this.duty;
    return this.dutyBefore !== null && this.dutyBefore.day === day ? this.dutyBefore : null;
  }

  /** Whether the desk's time is in the after-midnight part of a night window of the day before (ROT-DUTY). */
  private inNightTail(): boolean {
    // The night began the day before: its windows are that day's, under the version in force at its end.
    const windows = this.previousDuty()?.hours ?? this.policyAt(this.c.cal.startOf(this.day) - 1).duty.windows;
    if (windows.length === 0) return false;
    const minute = this.c.cal.minuteOfDay(this.at);
    return windows.some((w) => minutesOf(w.to) < minutesOf(w.from) && minute < minutesOf(w.to));
  }

  /** Whether the desk's time falls in the day's duty hours (ROT-DUTY). */
  private inDayHours(): boolean {
    const windows = this.dutyHours();
    if (windows.length === 0) return false;
    const minute = this.c.cal.minuteOfDay(this.at);
    return windows.some((w) => {
      const from = minutesOf(w.from);
      const to = minutesOf(w.to);
      return from < to ? minute >= from && minute < to : minute >= from || minute < to;
    });
  }

  /** Whether the desk's time falls in duty hours: the day's, or the tail of the night before's (ROT-DUTY). */
  inDutyHours(): boolean {
    return this.inNightTail() || this.inDayHours();
  }

  /**
   * The duty staff for the desk's time, in order of preference: after
   * midnight, the night before's duty staff while their window lasts, then
   * the day's own duty staff when the day's hours cover the time too.
   */
  dutyStaff(): readonly string[] {
    const before = this.inNightTail() ? (this.previousDuty()?.staff ?? []) : [];
    const duty = this.duty;
    const today = duty !== null && duty.day === this.day && this.inDayHours() ? duty.staff : [];
    if (before.length === 0) return today;
    if (today.length === 0) return before;
    return [...before, ...today.filter((id) => !before.includes(id))];
  }

  /** When the day's duty ends: at midnight, or at the end of a night window that runs past it (ROT-DUTY). */
  dutyEnd(): number {
    let end = this.dayEnd();
    for (const w of this.dutyHours()) {
      const to = minutesOf(w.to);
      if (to < minutesOf(w.from)) end = Math.max(end, this.dayEnd() + to * 60_000);
    }
    return end;
  }

  /** Names the day's duty; the night before's is kept for the tail of its window. */
  setDuty(staff: readonly string[], hours: DutyDay['hours']): void {
    const old = this.duty;
    if (old !== null && old.day !== this.day) this.dutyBefore = old.day === this.day - 1 ? old : null;
    this.duty = hours === undefined ? { day: this.day, staff } : { day: this.day, staff, hours };
  }

  /** The current event's draft of a person's ledger entry for a day. */
  private entry(staff: string, day: number): Draft<FairnessDay> {
    let list = this.todayDraft;
    if (list === null) {
      const box = this.c.s.today;
      if (box.fresh) list = box.value as FairnessDay[];
      else {
        list = box.value.slice();
        box.set(this.c.tx, list);
      }
      this.todayDraft = list;
    }
    const tx = this.c.tx;
    for (let i = 0; i < list.length; i++) {
      const e = list[i] as FairnessDay;
      if (e.staff !== staff || e.day !== day) continue;
      if (tx.isDraft(e)) return e as Draft<FairnessDay>;
      const copy = tx.own(copyDay(e));
      tx.setSlot(list, i, copy);
      return copy;
    }
    const fresh = tx.own(emptyEntry(day, staff));
    tx.pushSlot(list, fresh);
    return fresh;
  }

  tally(staff: string, field: Tally, n = 1, day = this.day): void {
    if (n === 0) return;
    this.entry(staff, day)[field] += n;
  }

  tallySkip(staff: string, reason: SkipReason, channel: 'visit' | 'call'): void {
    const e = this.entry(staff, this.day);
    if (channel === 'visit') e.skips = plusOne(e.skips, reason);
    else e.callSkips = plusOne(e.callSkips, reason);
  }

  /** Marks a receiver busy with this visit for the policy's reception time. */
  busy(id: string | null, visit: string, own: Seat['busyWithOwn']): void {
    if (id === null || this.p.receptionMinutes === 0) return;
    const seat = this.seat(id);
    if (seat === undefined) return;
    const next = copySeat(seat);
    next.busyUntil = this.at + this.p.receptionMinutes * 60_000;
    next.busyWith = visit;
    next.busyWithOwn = own;
    this.put(next);
  }

  /** Applies a walk-in or call plan: its seats, its cursor, its skips and the make-up it used. */
  commit(plan: Plan, channel: 'visit' | 'call'): void {
    for (const seat of plan.seats.values()) this.put(seat);
    for (const s of plan.skipped) {
      this.tallySkip(s.staff, s.reason, channel);
      if (s.makeUp) this.tally(s.staff, 'owed');
    }
    if (plan.receiver === null) return;
    if (channel === 'call') {
      this.callCursor = plan.cursor;
      return;
    }
    this.cursor = plan.cursor;
    if (plan.makeUp) this.tally(plan.receiver, 'granted');
    else this.last = plan.receiver;
  }

  /**
   * Counts `turns` turns for a receiver. When the plan chose them, the plan
   * is applied and the first turn is their ordinary one (or a make-up);
   * otherwise every turn is taken out of order, and the order passes them
   * that many times (ROT-ORDER).
   * @returns whether the receiver was the one the queue had next
   */
  countTurns(receiver: string, turns: number, plan: Plan): boolean {
    const planned = plan.receiver === receiver;
    if (planned) this.commit(plan, 'visit');
    const early = planned ? turns - 1 : turns;
    if (early > 0) {
      const seat = this.seat(receiver);
      if (seat !== undefined) this.put(seatWith(seat, { early: seat.early + early }));
    }
    this.tally(receiver, 'turns', turns);
    return planned;
  }

  /** Writes the cursors, the day and the duty back. */
  close(): void {
    const box = this.c.s.head;
    const head = box.value;
    const day = head.day === null ? this.day : Math.max(head.day, this.day);
    if (head.next === this.cursor && head.nextCall === this.callCursor && head.last === this.last && head.day === day && head.duty === this.duty && head.dutyBefore === this.dutyBefore) return;
    if (box.fresh) {
      // Written since the slice was last closed: nothing else holds it, so it changes in place.
      this.c.tx.changed++;
      const h = head as { -readonly [K in keyof QueueHead]: QueueHead[K] };
      h.next = this.cursor;
      h.nextCall = this.callCursor;
      h.last = this.last;
      h.day = day;
      h.duty = this.duty;
      h.dutyBefore = this.dutyBefore;
      return;
    }
    box.set(this.c.tx, { next: this.cursor, nextCall: this.callCursor, last: this.last, day, duty: this.duty, dutyBefore: this.dutyBefore });
  }
}

/** The skip of someone away or busy when their turn comes, and the make-up it owes. */
function skipOf(desk: Desk, seat: Seat, standing: number): { skip: PlannedSkip; seat: Seat } {
  const m = desk.p.makeUps;
  let reason: SkipReason;
  let mode: 'none' | 'once' | 'perTurn';
  let episode: string;
  let cited: readonly RuleId[];
  let until: number | null = null;
  if (standing === AWAY) {
    reason = seat.status as 'companyBusiness' | 'personalBusiness';
    mode = reason === 'companyBusiness' ? m.companyBusiness : 'none';
    episode = String(seat.since);
    cited = reason === 'companyBusiness' ? MAKEUP_COMPANY : MISSED;
  } else if (seat.busyWithOwn !== 'no') {
    reason = 'servingOwnClient';
    mode = m.ownClient;
    episode = seat.busyWith ?? '';
    cited = seat.busyWithOwn === 'ownAtHead' ? OWN_ARRIVES : mode === 'once' ? LONG : NOT_COUNTED;
    until = seat.busyUntil;
  } else {
    reason = 'busy';
    mode = m.busy;
    episode = seat.busyWith ?? '';
    cited = ORDER;
    until = seat.busyUntil;
  }
  const key = `${reason}:${episode}`;
  const owe = mode === 'perTurn' || (mode === 'once' && seat.owedFor !== key);
  return {
    skip: { staff: seat.id, reason, makeUp: owe, until, outcome: owe ? 'owed' : mode === 'none' ? 'lost' : 'alreadyOwed', rules: cited },
    seat: owe ? seatWith(seat, { owed: seat.owed + 1, owedFor: key }) : seat,
  };
}

function nobody(desk: Desk, cursor: number, why: string, cited: readonly RuleId[]): Plan {
  return { receiver: null, makeUp: false, skipped: [], cursor, seats: new Map(), why, states: desk.c.tx.record ? desk.states() : null, rules: cited };
}

/** The seats a plan would change, by position in the ring (small: a plan touches a few seats). */
class Changes implements ReadonlyMap<string, Seat> {
  private readonly list: Seat[] = [];
  at(ring: readonly Seat[], k: number): Seat {
    const s = ring[k] as Seat;
    for (let i = 0; i < this.list.length; i++) if ((this.list[i] as Seat).id === s.id) return this.list[i] as Seat;
    return s;
  }
  put(seat: Seat): void {
    for (let i = 0; i < this.list.length; i++) {
      if ((this.list[i] as Seat).id === seat.id) {
        this.list[i] = seat;
        return;
      }
    }
    this.list.push(seat);
  }
  get size(): number {
    return this.list.length;
  }
  get(id: string): Seat | undefined {
    return this.list.find((s) => s.id === id);
  }
  has(id: string): boolean {
    return this.get(id) !== undefined;
  }
  forEach(fn: (value: Seat, key: string, map: ReadonlyMap<string, Seat>) => void): void {
    for (const s of this.list) fn(s, s.id, this);
  }
  *entries(): MapIterator<[string, Seat]> {
    for (const s of this.list) yield [s.id, s];
  }
  *keys(): MapIterator<string> {
    for (const s of this.list) yield s.id;
  }
  values(): MapIterator<Seat> {
    return this.list.values();
  }
  [Symbol.iterator](): MapIterator<[string, Seat]> {
    return this.entries();
  }
}

const NONE_CHANGED = new Changes();

function passedAlready(skipped: readonly PlannedSkip[], id: string): boolean {
  for (let i = 0; i < skipped.length; i++) if ((skipped[i] as PlannedSkip).staff === id) return true;
  return false;
}

/**
 * Who receives the next ordinary walk-in: an owed make-up first (when the
 * policy gives them priority), else the order from the cursor, passing the
 * ineligible silently (ROT-ELIGIBLE) and skipping those away, busy, under
 * ROT-PENALTY-HALF, or whose turn was taken early.
 */
export function plan(desk: Desk): Plan {
  const ring = desk.ring;
  const n = ring.length;
  const cursor = desk.cursor;
  if (desk.p.makeUps.first) {
    for (let i = 0; i < n; i++) {
      const seat = ring[(cursor + i) % n] as Seat;
      if (seat.owed > 0 && desk.standing(seat) === FREE) {
        const seats = new Changes();
        seats.put(seatWith(seat, { owed: seat.owed - 1 }));
        return { receiver: seat.id, makeUp: true, skipped: [], cursor, seats, why: 'makeUpFirst', states: null, rules: makeUpRule(seat) };
      }
    }
  }
  let anyFree = false;
  let maxEarly = 0;
  for (let i = 0; i < n; i++) {
    const seat = ring[i] as Seat;
    if (!anyFree && desk.standing(seat) === FREE) anyFree = true;
    if (seat.early > maxEarly) maxEarly = seat.early;
  }
  if (!anyFree) return nobody(desk, cursor, 'nobody', ELIGIBLE);
  let seats = NONE_CHANGED;
  const skipped: PlannedSkip[] = [];
  // Each lap either finds someone or uses up an early turn or a penalty round of everyone free.
  const steps = (2 + maxEarly) * n;
  for (let step = 0; step < steps; step++) {
    const k = (cursor + step) % n;
    const seat = seats.at(ring, k);
    const standing = desk.standing(seat);
    if (standing === OUT) continue;
    if (standing !== FREE) {
      if (passedAlready(skipped, seat.id)) continue;
      const s = skipOf(desk, seat, standing);
      if (s.seat !== seat) (seats === NONE_CHANGED ? (seats = new Changes()) : seats).put(s.seat);
      skipped.push(s.skip);
      continue;
    }
    if (seat.early > 0) {
      (seats === NONE_CHANGED ? (seats = new Changes()) : seats).put(seatWith(seat, { early: seat.early - 1 }));
      if (!passedAlready(skipped, seat.id)) skipped.push({ staff: seat.id, reason: 'turnTakenEarly', makeUp: false, until: null, outcome: null, rules: ORDER });
      continue;
    }
    const half = desk.halfTurns(seat);
    if (half && seat.halfSkipNext) {
      (seats === NONE_CHANGED ? (seats = new Changes()) : seats).put(seatWith(seat, { halfSkipNext: false }));
      if (!passedAlready(skipped, seat.id)) skipped.push({ staff: seat.id, reason: 'penalty', makeUp: false, until: seat.halfUntil, outcome: null, rules: HALF });
      continue;
    }
    const taken = half ? seatWith(seat, { halfSkipNext: true }) : seat;
    const cited = half ? ORDER_HALF : ORDER;
    if (!desk.p.makeUps.first && taken.owed > 0) {
      (seats === NONE_CHANGED ? (seats = new Changes()) : seats).put(seatWith(taken, { owed: taken.owed - 1 }));
      return { receiver: seat.id, makeUp: true, skipped, cursor: k, seats, why: 'makeUpAtTurn', states: null, rules: joinRules(cited, makeUpRule(seat)) };
    }
    if (taken !== seat) (seats === NONE_CHANGED ? (seats = new Changes()) : seats).put(taken);
    return { receiver: seat.id, makeUp: false, skipped, cursor: (k + 1) % n, seats, why: 'next', states: null, rules: cited };
  }
  return nobody(desk, cursor, 'nobody', ELIGIBLE);
}

/**
 * Who the call rotation gives the next call to (ROT-CALL-ALLOCATION): the
 * order from the call cursor, skipping those away and those barred from
 * calls (ROT-NO-CALLS). A busy reception does not stop a call being noted
 * for someone.
 */
export function planCall(desk: Desk): Plan {
  const ring = desk.ring;
  const n = ring.length;
  const skipped: PlannedSkip[] = [];
  for (let i = 0; i < n; i++) {
    const k = (desk.callCursor + i) % n;
    const seat = ring[k] as Seat;
    const standing = desk.standing(seat);
    if (standing === OUT) continue;
    if (standing === AWAY) {
      skipped.push({ staff: seat.id, reason: seat.status as 'companyBusiness' | 'personalBusiness', makeUp: false, until: null, outcome: null, rules: CALLS });
      continue;
    }
    if (desk.noCalls(seat)) {
      skipped.push({ staff: seat.id, reason: 'noCalls', makeUp: false, until: seat.noCallsUntil, outcome: null, rules: NO_CALLS });
      continue;
    }
    return { receiver: seat.id, makeUp: false, skipped, cursor: (k + 1) % n, seats: NONE_CHANGED, why: 'nextCall', states: null, rules: CALLS };
  }
  return nobody(desk, desk.callCursor, 'nobodyCall', CALLS_NOBODY);
}
