/**
 * The reception desk: a working copy of the rotation slice for one event.
 * It reads the roster and the seats, rolls the day over (ROT-CARRY), plans
 * who is next (ROT-ORDER and the skips of §D), and writes everything back in
 * one go when the event is decided, so that nothing is changed before then.
 * @internal
 */
import { get, set, type Edit } from '../_lib/pmap.js';
import type { Calendar } from '../../kernel/time.js';
import { minutesOf } from '../../kernel/time.js';
import type { SkipReason } from '../decisions.js';
import type { Policy } from '../../policy/schema.js';
import type { RuleId } from '../../kernel/rules.js';
import { presenceOf, type StaffMember, type StaffState } from '../staff/staff.js';
import type { RotationPolicy } from '../../rotation/policy.js';
import { plainSeat, type FairnessDay, type RotationState, type Seat, type SkipCounts } from './state.js';

/** Where someone stands for a walk-in at the desk's time. */
export type Standing =
  | { readonly kind: 'free' }
  | { readonly kind: 'away'; readonly status: 'companyBusiness' | 'personalBusiness' }
  | { readonly kind: 'busy'; readonly until: number; readonly own: boolean }
  | { readonly kind: 'out'; readonly why: string };

/** A turn that passed someone, with the rules behind it. */
export interface Skip {
  readonly staff: string;
  readonly reason: SkipReason;
  readonly makeUp: boolean;
  readonly note: string;
  readonly rules: readonly RuleId[];
}

/** Who the queue gives the next visitor (or call) to, and what that changes. */
export interface Plan {
  readonly receiver: string | null;
  /** The receiver uses an owed make-up. */
  readonly makeUp: boolean;
  readonly skipped: readonly Skip[];
  /** The cursor after this turn (walk-ins: `next`; calls: `nextCall`). */
  readonly cursor: number;
  readonly seats: ReadonlyMap<string, Seat>;
  /** Why the receiver, or why nobody. */
  readonly note: string;
  readonly rules: readonly RuleId[];
}

type Tally = 'turns' | 'uncounted' | 'calls' | 'owed' | 'granted' | 'expired';

const emptyEntry = (day: number, staff: string): FairnessDay => ({ day, staff, turns: 0, uncounted: 0, calls: 0, owed: 0, granted: 0, expired: 0, skips: {}, callSkips: {} });

/** The ledger key of a staff member's day. */
function ledgerKey(day: number, staff: string): string {
  return `${day}|${staff}`;
}

const makeUpRules: Record<string, RuleId> = {
  companyBusiness: 'ROT-MAKEUP-COMPANY',
  servingOwnClient: 'ROT-LONG-RECEPTION',
  busy: 'ROT-ORDER',
};

/** The rule behind a make-up, from what it was owed for. */
function makeUpRule(seat: Seat): RuleId {
  return makeUpRules[seat.owedFor?.split(':')[0] ?? ''] ?? 'ROT-MAKEUP-COMPANY';
}

const outWords: Record<string, string> = {
  leave: 'on leave',
  trainingNotPassed: 'not through training',
  outOfUniform: 'out of uniform',
};

/** A working copy of the rotation slice at one instant. */
export class Desk {
  readonly rules: RotationPolicy;
  readonly day: number;
  cursor: number;
  callCursor: number;
  last: string | null;
  private readonly seats = new Map<string, Seat>();
  private readonly entries = new Map<string, FairnessDay>();
  private duty: RotationState['duty'] | undefined;

  constructor(
    private readonly slice: RotationState,
    private readonly staff: StaffState,
    policy: Policy,
    readonly calendar: Calendar,
    readonly at: number,
  ) {
    this.rules = policy.rotation;
    this.day = calendar.dayOf(at);
    this.cursor = slice.next;
    this.callCursor = slice.nextCall;
    this.last = slice.last;
    if (slice.day !== null && this.day > slice.day) this.rollOver(slice.day);
  }

  get order(): readonly string[] {
    return this.slice.order;
  }

  /** ROT-CARRY: a new day starts after the last receiver, or at the top of the order. */
  private rollOver(previous: number): void {
    const restart = this.rules.dailyStart === 'firstInOrder';
    if (restart) {
      this.cursor = 0;
      this.callCursor = 0;
    }
    for (const id of this.order) {
      const seat = this.seat(id);
      const expire = this.rules.makeUps.expireAtDayEnd && seat.owed > 0;
      if (expire) this.tally(id, 'expired', seat.owed, previous);
      if (expire || (restart && seat.early > 0)) this.put(id, { ...seat, owed: expire ? 0 : seat.owed, early: restart ? 0 : seat.early });
    }
  }

  member(id: string): StaffMember | undefined {
    return get(this.staff.members, id);
  }

  seat(id: string): Seat {
    return this.seats.get(id) ?? get(this.slice.seats, id) ?? plainSeat;
  }

  put(id: string, seat: Seat): void {
    this.seats.set(id, seat);
  }

  /** The instant the desk's day ends (local midnight). */
  dayEnd(): number {
    return this.calendar.startOf(this.day + 1);
  }

  /** A local time as `HH:mm`. */
  clock(ms: number): string {
    return this.calendar.localIso(ms).slice(11, 16);
  }

  /** Where someone stands for a walk-in now (ROT-ELIGIBLE, busy receptions). */
  standing(id: string): Standing {
    const m = this.member(id);
    if (!m) return { kind: 'out', why: 'not on the roster' };
    if (m.role !== 'sales') return { kind: 'out', why: `role ${m.role}` };
    const presence = presenceOf(m.status);
    if (presence === 'away') return { kind: 'away', status: m.status as 'companyBusiness' | 'personalBusiness' };
    if (presence !== 'onDuty') return { kind: 'out', why: m.status };
    const seat = this.seat(id);
    if (seat.busyUntil > this.at) return { kind: 'busy', until: seat.busyUntil, own: seat.busyWithOwn !== 'no' };
    return { kind: 'free' };
  }

  free(id: string | undefined): id is string {
    return id !== undefined && this.standing(id).kind === 'free';
  }

  /** Words for a standing, for notes. */
  describe(id: string): string {
    const s = this.standing(id);
    switch (s.kind) {
      case 'free':
        return 'free';
      case 'away':
        return s.status === 'companyBusiness' ? 'out on company business' : 'out on personal business';
      case 'busy':
        return `${s.own ? 'serving an own old client' : 'busy with a visitor'} until ${this.clock(s.until)}`;
      case 'out':
        return outWords[s.why] ?? s.why;
    }
  }

  halfTurns(seat: Seat): boolean {
    return seat.halfUntil > this.at;
  }

  noCalls(seat: Seat): boolean {
    return seat.noCallsUntil > this.at;
  }

  /** Whether the desk's time falls in the policy's duty hours (ROT-DUTY). */
  inDutyHours(): boolean {
    const minute = this.calendar.minuteOfDay(this.at);
    return this.rules.duty.windows.some((w) => {
      const from = minutesOf(w.from);
      const to = minutesOf(w.to);
      return from < to ? minute >= from && minute < to : minute >= from || minute < to;
    });
  }

  /** The duty staff assigned for the desk's day, in order of preference. */
  dutyStaff(): readonly string[] {
    const duty = this.slice.duty;
    return duty !== null && duty.day === this.day ? duty.staff : [];
  }

  setDuty(staff: readonly string[]): void {
    this.duty = { day: this.day, staff };
  }

  tally(staff: string, field: Tally, n = 1, day = this.day): void {
    if (n === 0) return;
    const entry = this.entry(staff, day);
    this.entries.set(ledgerKey(day, staff), { ...entry, [field]: entry[field] + n });
  }

  tallySkip(staff: string, reason: SkipReason, channel: 'visit' | 'call'): void {
    const entry = this.entry(staff, this.day);
    const field = channel === 'visit' ? 'skips' : 'callSkips';
    const counts: SkipCounts = { ...entry[field], [reason]: (entry[field][reason] ?? 0) + 1 };
    this.entries.set(ledgerKey(this.day, staff), { ...entry, [field]: counts });
  }

  private entry(staff: string, day: number): FairnessDay {
    const key = ledgerKey(day, staff);
    return this.entries.get(key) ?? get(this.slice.ledger, key) ?? emptyEntry(day, staff);
  }

  /** Marks a receiver busy with this visit for the policy's reception time. */
  busy(id: string | null, visit: string, own: Seat['busyWithOwn']): void {
    if (id === null || this.rules.receptionMinutes === 0) return;
    this.put(id, { ...this.seat(id), busyUntil: this.at + this.rules.receptionMinutes * 60_000, busyWith: visit, busyWithOwn: own });
  }

  /** Applies a walk-in or call plan: its seats, its cursor, its skips and the make-up it used. */
  commit(plan: Plan, channel: 'visit' | 'call'): void {
    for (const [id, seat] of plan.seats) this.put(id, seat);
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
      this.put(receiver, { ...seat, early: seat.early + early });
    }
    this.tally(receiver, 'turns', turns);
    return planned;
  }

  /** The slice with every change written back. */
  close(edit: Edit | undefined): RotationState {
    let seats = this.slice.seats;
    for (const [id, seat] of this.seats) seats = set(seats, id, seat, edit);
    let ledger = this.slice.ledger;
    for (const [key, entry] of this.entries) ledger = set(ledger, key, entry, edit);
    return {
      ...this.slice,
      next: this.cursor,
      nextCall: this.callCursor,
      last: this.last,
      day: this.slice.day === null ? this.day : Math.max(this.slice.day, this.day),
      seats,
      duty: this.duty === undefined ? this.slice.duty : this.duty,
      ledger,
    };
  }
}

/** The skip of someone away or busy when their turn comes, and the make-up it owes. */
function skipOf(desk: Desk, id: string, standing: Standing, seat: Seat): { skip: Skip; seat: Seat } {
  const m = desk.rules.makeUps;
  let reason: SkipReason;
  let mode: 'none' | 'once' | 'perTurn';
  let episode: string;
  let rules: RuleId[];
  let what: string;
  if (standing.kind === 'away') {
    reason = standing.status;
    mode = reason === 'companyBusiness' ? m.companyBusiness : 'none';
    episode = String(desk.member(id)?.since ?? 0);
    rules = [reason === 'companyBusiness' ? 'ROT-MAKEUP-COMPANY' : 'ROT-MISSED-NO-MAKEUP'];
    what = reason === 'companyBusiness' ? 'out on company business' : 'out on personal business';
  } else if (standing.kind === 'busy' && standing.own) {
    reason = 'servingOwnClient';
    mode = m.ownClient;
    episode = seat.busyWith ?? '';
    rules = [seat.busyWithOwn === 'ownAtHead' ? 'ROT-OWN-CLIENT-ARRIVES' : mode === 'once' ? 'ROT-LONG-RECEPTION' : 'ROT-OLD-CLIENT-NOT-COUNTED'];
    what = `serving an own old client until ${desk.clock(seat.busyUntil)}`;
  } else {
    reason = 'busy';
    mode = m.busy;
    episode = seat.busyWith ?? '';
    rules = ['ROT-ORDER'];
    what = `busy with a visitor until ${desk.clock(seat.busyUntil)}`;
  }
  const key = `${reason}:${episode}`;
  const owe = mode === 'perTurn' || (mode === 'once' && seat.owedFor !== key);
  const outcome = owe ? 'a make-up is owed' : mode === 'none' ? 'the turn is lost, no make-up' : 'the make-up for this is already owed';
  return {
    skip: { staff: id, reason, makeUp: owe, note: `${what}: ${outcome}`, rules },
    seat: owe ? { ...seat, owed: seat.owed + 1, owedFor: key } : seat,
  };
}

function nobody(desk: Desk, ids: readonly string[], what: string, cursor: number): Plan {
  const why = ids.map((id) => `${id} ${desk.describe(id)}`).join(', ');
  return { receiver: null, makeUp: false, skipped: [], cursor, seats: new Map(), note: `no eligible receiver for ${what}${why ? `: ${why}` : ': nobody is in the order'}`, rules: ['ROT-ELIGIBLE'] };
}

/**
 * Who receives the next ordinary walk-in: an owed make-up first (when the
 * policy gives them priority), else the order from the cursor, passing the
 * ineligible silently (ROT-ELIGIBLE) and skipping those away, busy, under
 * ROT-PENALTY-HALF, or whose turn was taken early.
 */
export function plan(desk: Desk): Plan {
  const order = desk.order;
  const n = order.length;
  const seats = new Map<string, Seat>();
  const seatOf = (id: string) => seats.get(id) ?? desk.seat(id);
  const standings = order.map((id) => desk.standing(id));
  if (desk.rules.makeUps.first) {
    for (let i = 0; i < n; i++) {
      const id = order[(desk.cursor + i) % n] as string;
      const seat = seatOf(id);
      if (standings[(desk.cursor + i) % n]?.kind === 'free' && seat.owed > 0) {
        seats.set(id, { ...seat, owed: seat.owed - 1 });
        return { receiver: id, makeUp: true, skipped: [], cursor: desk.cursor, seats, note: `${id} is owed a make-up, granted before anyone's ordinary turn`, rules: [makeUpRule(seat)] };
      }
    }
  }
  if (!standings.some((s) => s.kind === 'free')) return nobody(desk, order, 'a walk-in', desk.cursor);
  const skipped: Skip[] = [];
  const passed = new Set<string>();
  const pass = (skip: Skip) => {
    if (passed.has(skip.staff)) return;
    passed.add(skip.staff);
    skipped.push(skip);
  };
  // Each lap either finds someone or uses up an early turn or a penalty round of everyone free.
  const laps = 2 + Math.max(0, ...order.map((id) => seatOf(id).early));
  for (let step = 0; step < laps * n; step++) {
    const k = (desk.cursor + step) % n;
    const id = order[k] as string;
    const standing = standings[k] as Standing;
    const seat = seatOf(id);
    if (standing.kind === 'out') continue;
    if (standing.kind !== 'free') {
      if (passed.has(id)) continue;
      const s = skipOf(desk, id, standing, seat);
      seats.set(id, s.seat);
      pass(s.skip);
      continue;
    }
    if (seat.early > 0) {
      seats.set(id, { ...seat, early: seat.early - 1 });
      pass({ staff: id, reason: 'turnTakenEarly', makeUp: false, note: 'already took this round’s turn out of order', rules: ['ROT-ORDER'] });
      continue;
    }
    if (desk.halfTurns(seat) && seat.halfSkipNext) {
      seats.set(id, { ...seat, halfSkipNext: false });
      pass({ staff: id, reason: 'penalty', makeUp: false, note: `one turn every two rounds until ${desk.calendar.localIso(seat.halfUntil)}: sits this round out`, rules: ['ROT-PENALTY-HALF'] });
      continue;
    }
    const taken = desk.halfTurns(seat) ? { ...seat, halfSkipNext: true } : seat;
    const rules: RuleId[] = desk.halfTurns(seat) ? ['ROT-ORDER', 'ROT-PENALTY-HALF'] : ['ROT-ORDER'];
    if (!desk.rules.makeUps.first && taken.owed > 0) {
      seats.set(id, { ...taken, owed: taken.owed - 1 });
      return { receiver: id, makeUp: true, skipped, cursor: k, seats, note: `${id}'s turn: first the make-up they are owed, then their own turn`, rules: [...rules, makeUpRule(seat)] };
    }
    seats.set(id, taken);
    return { receiver: id, makeUp: false, skipped, cursor: (k + 1) % n, seats, note: `${id} was next in order`, rules };
  }
  return nobody(desk, order, 'a walk-in', desk.cursor);
}

/**
 * Who the call rotation gives the next call to (ROT-CALL-ALLOCATION): the
 * order from the call cursor, skipping those away and those barred from
 * calls (ROT-NO-CALLS). A busy reception does not stop a call being noted
 * for someone.
 */
export function planCall(desk: Desk): Plan {
  const order = desk.order;
  const n = order.length;
  const skipped: Skip[] = [];
  for (let i = 0; i < n; i++) {
    const k = (desk.callCursor + i) % n;
    const id = order[k] as string;
    const standing = desk.standing(id);
    if (standing.kind === 'out') continue;
    if (standing.kind === 'away') {
      skipped.push({ staff: id, reason: standing.status, makeUp: false, note: `${desk.describe(id)}: the call goes to the next`, rules: ['ROT-CALL-ALLOCATION'] });
      continue;
    }
    const seat = desk.seat(id);
    if (desk.noCalls(seat)) {
      skipped.push({ staff: id, reason: 'noCalls', makeUp: false, note: `no call allocation until ${desk.calendar.localIso(seat.noCallsUntil)}`, rules: ['ROT-NO-CALLS'] });
      continue;
    }
    return { receiver: id, makeUp: false, skipped, cursor: (k + 1) % n, seats: new Map(), note: `${id} was next in the call rotation`, rules: ['ROT-CALL-ALLOCATION'] };
  }
  return { ...nobody(desk, order, 'a call', desk.callCursor), rules: ['ROT-CALL-ALLOCATION', 'ROT-ELIGIBLE'] };
}
