/**
 * Read-only views of the queue: who is next at a time and why everyone is
 * where they are, and the fairness ledger.
 */
import { Tx, openSlice } from '../kernel/draft.js';
import type { RuleId } from '../kernel/rules.js';
import type { Calendar } from '../kernel/time.js';
import { values } from '../kernel/map.js';
import type { StaffStatus } from '../events/schema.js';
import { skipReasonSchema, stateWords, type SkipReason } from './decisions.js';
import { BUSY, Desk, FREE, plan } from './desk.js';
import type { RotationPolicy } from './policy.js';
import { settleHandBacks } from './rotation.js';
import type { FairnessDay, RotationState, SkipCounts } from './state.js';

/**
 * Why someone is where they are in the queue: `next`, `waiting` their turn,
 * `makeUpOwed`, `turnTakenEarly` (the order will pass them), `penalty` (sits
 * the next round out, ROT-PENALTY-HALF), `busy` or `servingOwnClient` (a
 * reception in progress), away on `companyBusiness` or `personalBusiness`,
 * or `ineligible` (off, leave, training not passed, out of uniform,
 * suspended, not sales: ROT-ELIGIBLE).
 *
 * @example
 * ```ts
 * const reason: QueueReason = 'makeUpOwed';
 * ```
 */
export type QueueReason = 'next' | 'waiting' | 'makeUpOwed' | 'turnTakenEarly' | 'penalty' | 'busy' | 'servingOwnClient' | 'companyBusiness' | 'personalBusiness' | 'ineligible';

/**
 * A place in the queue and why it is there.
 *
 * @example
 * ```ts
 * // { staff: 'S02', name: '王强', position: 2, status: 'companyBusiness', eligible: false, reason: 'companyBusiness',
 * //   note: 'out on company business: ...', owed: 1, early: 0, busyUntil: null, halfTurnsUntil: null, noCallsUntil: null }
 * ```
 */
export interface QueueEntry {
  readonly staff: string;
  readonly name: string;
  /** 1-based place in the order, counted from whose turn it is (ROT-ORDER, ROT-CARRY). */
  readonly position: number;
  readonly status: StaffStatus | null;
  /** Whether they could receive a walk-in at the time asked about. */
  readonly eligible: boolean;
  readonly reason: QueueReason;
  /** The reason in words, with its rule IDs. */
  readonly note: string;
  /** Make-ups owed. */
  readonly owed: number;
  /** Turns taken out of order that the order will pass. */
  readonly early: number;
  /** Local time a reception keeps them busy until; null when free. */
  readonly busyUntil: string | null;
  readonly halfTurnsUntil: string | null;
  readonly noCallsUntil: string | null;
}

/**
 * Who is next at a given time, with the whole queue and the reason each
 * person is where they are. Time is an argument, never the clock.
 *
 * @example
 * ```ts
 * // { at: '2026-11-02T09:00:00+08:00', next: 'S02', makeUp: true, duty: false, note: '...', rules: ['ROT-MAKEUP-COMPANY'], queue: [...] }
 * ```
 */
export interface NextReceiver {
  readonly at: string;
  /** Who would receive a new walk-in with no ties; null: nobody could. */
  readonly next: string | null;
  /** The next one would be using a make-up. */
  readonly makeUp: boolean;
  /** It is duty hours and the duty person would receive (ROT-DUTY). */
  readonly duty: boolean;
  readonly note: string;
  readonly rules: readonly RuleId[];
  /** Everyone in the order, from whose turn it is. */
  readonly queue: readonly QueueEntry[];
}

/** What the views need from the roster. @internal */
export interface Names {
  name(id: string): string;
  seq(id: string): number;
}

const DUTY_RULES: readonly RuleId[] = ['ROT-DUTY'];

/**
 * The queue at a time. `pAt` (under a policy timeline) gives the rotation
 * policy in force at any instant, so that the midnights before `ms` are
 * judged as an event at `ms` would judge them (ROT-CARRY, ROT-DUTY).
 * @internal
 */
export function nextInQueue(slice: RotationState, p: RotationPolicy, cal: Calendar, at: string, ms: number, names: Names, pAt?: (ms: number) => RotationPolicy): NextReceiver {
  // A throwaway transient: the desk rolls the day over on a copy.
  const tx = new Tx();
  tx.record = false;
  tx.begin('', ms);
  const desk = new Desk({ tx, cal, p, s: openSlice(slice), pAt });
  // As an event at this time would see it: clients due back to their owner's team are handed back first (ROT-TEAM-ASSIST).
  if (slice.handBacks.length > 0) settleHandBacks(desk);
  const local = (t: number, active: boolean) => (active ? cal.localIso(t) : null);
  const w = { who: (id: string | null) => id ?? 'nobody', time: (t: number) => cal.localIso(t), clock: (t: number) => cal.localIso(t).slice(11, 16) };
  const onDuty = desk.inDutyHours() ? desk.dutyStaff().find((id) => desk.free(id)) : undefined;
  const pl = plan(desk);
  const planNote =
    pl.receiver === null
      ? `no eligible receiver for a walk-in`
      : pl.why === 'makeUpFirst'
        ? `${pl.receiver} is owed a make-up, granted before anyone's ordinary turn`
        : pl.why === 'makeUpAtTurn'
          ? `${pl.receiver}'s turn: first the make-up they are owed, then their own turn`
          : `${pl.receiver} was next in order`;
  const head = onDuty === undefined ? { receiver: pl.receiver, makeUp: pl.makeUp, note: planNote, rules: pl.rules } : { receiver: onDuty, makeUp: false, note: `duty hours: the duty person ${onDuty} receives walk-ins, not counted in rotation`, rules: DUTY_RULES };
  const mode = p.makeUps;
  // The order goes on after whoever last received at their place in it; receptions out of order do not move it.
  const carry = p.dailyStart === 'firstInOrder' && desk.last === null ? ': the order restarts each morning' : desk.last ? `: after ${desk.last}, the last to take a turn in order` : '';
  const ring = desk.ring;
  const n = ring.length;
  const queue = Array.from({ length: n }, (_, i): QueueEntry => {
    const seat = ring[(desk.cursor + i) % n] as (typeof ring)[number];
    const id = seat.id;
    const standing = desk.standing(seat);
    const state = desk.stateOf(id);
    let reason: QueueReason;
    let note: string;
    if (id === head.receiver) [reason, note] = ['next', head.note];
    else if (state.code === 'companyBusiness' && standing !== FREE)
      [reason, note] = ['companyBusiness', `out on company business: turns pass them, ${mode.companyBusiness === 'none' ? 'with no make-up' : `made up ${mode.companyBusiness === 'once' ? 'once' : 'turn for turn'}`} (ROT-MAKEUP-COMPANY)`];
    else if (state.code === 'personalBusiness' && standing !== FREE) [reason, note] = ['personalBusiness', 'out on personal business: turns pass them, with no make-up (ROT-MISSED-NO-MAKEUP)'];
    else if (state.code === 'busy' || state.code === 'servingOwnClient')
      [reason, note] = [state.code, `${stateWords(state.code, state.until, w)} (${state.code === 'servingOwnClient' ? 'ROT-LONG-RECEPTION' : 'ROT-ORDER'})`];
    else if (standing !== FREE) [reason, note] = ['ineligible', `${stateWords(state.code, 0, w)}: not in the order for now (ROT-ELIGIBLE)`];
    else if (seat.owed > 0) [reason, note] = ['makeUpOwed', `owed ${seat.owed} make-up${seat.owed === 1 ? '' : 's'}${mode.first ? ', granted before ordinary turns' : ', taken when their turn comes'} (ROT-MAKEUP-COMPANY)`];
    else if (seat.early > 0) [reason, note] = ['turnTakenEarly', `took ${seat.early} turn${seat.early === 1 ? '' : 's'} out of order: the order passes them that often (ROT-ORDER)`];
    else if (desk.halfTurns(seat) && seat.halfSkipNext) [reason, note] = ['penalty', 'one turn every two rounds: sits the next round out (ROT-PENALTY-HALF)'];
    else [reason, note] = ['waiting', i === 0 ? `the order's turn is here (ROT-ORDER, ROT-CARRY${carry})` : `${i + 1} in the order (ROT-ORDER)`];
    return {
      staff: id,
      name: names.name(id),
      position: i + 1,
      status: seat.status,
      eligible: standing === FREE,
      reason,
      note,
      owed: seat.owed,
      early: seat.early,
      busyUntil: local(seat.busyUntil, standing === BUSY),
      halfTurnsUntil: local(seat.halfUntil, desk.halfTurns(seat)),
      noCallsUntil: local(seat.noCallsUntil, desk.noCalls(seat)),
    };
  });
  return { at, next: head.receiver, makeUp: head.makeUp, duty: onDuty !== undefined, note: head.note, rules: [...head.rules], queue };
}

/**
 * What the fairness ledger reports: days (inclusive, `YYYY-MM-DD` in the
 * office's zone), one staff member, and whether to sum each person's days.
 *
 * @example
 * ```ts
 * fairnessLedger(state, { from: '2026-11-01', to: '2026-11-30', totals: true });
 * ```
 */
export interface FairnessOptions {
  readonly from?: string;
  readonly to?: string;
  readonly staff?: string;
  /** One row per person over the days asked for (`day: null`) instead of one per person per day. */
  readonly totals?: boolean;
}

/**
 * One person's day (or days) in the fairness ledger (RULES §D). It balances
 * against the reception decisions: `turns` is the sum of their counted
 * decisions' turns, `uncounted` their walk-ins without a turn, `skips` the
 * skipped entries naming them, `makeUpsGranted` their decisions with
 * `makeUp`; make-ups owed are granted, expire, or are still owed.
 *
 * @example
 * ```ts
 * // { day: '2026-11-02', staff: 'S02', name: '王强', turns: 3, uncounted: 1, calls: 2, makeUpsOwed: 1,
 * //   makeUpsGranted: 1, makeUpsExpired: 0, skips: { companyBusiness: 1, ... }, callSkips: {...}, penaltySkips: 0 }
 * ```
 */
export interface FairnessRow {
  /** The local day; null in totals. */
  readonly day: string | null;
  readonly staff: string;
  readonly name: string;
  /** Walk-in turns used: ordinary, out of order, make-ups. */
  readonly turns: number;
  /** Walk-ins received without a turn (old clients, assistance, duty hours, deposits, non-clients). */
  readonly uncounted: number;
  /** Calls given to them. */
  readonly calls: number;
  readonly makeUpsOwed: number;
  readonly makeUpsGranted: number;
  readonly makeUpsExpired: number;
  /** Walk-in turns that passed them, by reason. */
  readonly skips: Readonly<Record<SkipReason, number>>;
  /** Call allocations that passed them, by reason. */
  readonly callSkips: Readonly<Record<SkipReason, number>>;
  /** Turns and calls lost to penalties (ROT-PENALTY-HALF, ROT-NO-CALLS). */
  readonly penaltySkips: number;
}

function counts(...sources: SkipCounts[]): Record<SkipReason, number> {
  const out = Object.fromEntries(skipReasonSchema.options.map((r) => [r, 0])) as Record<SkipReason, number>;
  for (const s of sources) for (const r of skipReasonSchema.options) out[r] += s[r] ?? 0;
  return out;
}

function rowOf(day: string | null, staff: string, name: string, entries: readonly FairnessDay[]): FairnessRow {
  const sum = (f: 'turns' | 'uncounted' | 'calls' | 'owed' | 'granted' | 'expired') => entries.reduce((n, e) => n + e[f], 0);
  const skips = counts(...entries.map((e) => e.skips));
  const callSkips = counts(...entries.map((e) => e.callSkips));
  return {
    day,
    staff,
    name,
    turns: sum('turns'),
    uncounted: sum('uncounted'),
    calls: sum('calls'),
    makeUpsOwed: sum('owed'),
    makeUpsGranted: sum('granted'),
    makeUpsExpired: sum('expired'),
    skips,
    callSkips,
    penaltySkips: skips.penalty + callSkips.noCalls,
  };
}

/** The fairness ledger rows. @internal */
export function ledgerRows(slice: RotationState, cal: Calendar, names: Names, options: FairnessOptions = {}): FairnessRow[] {
  const all = [...[...values(slice.ledger)].flat(), ...slice.today];
  const picked = all.filter((e) => {
    const day = cal.dayIso(e.day);
    return (options.staff === undefined || e.staff === options.staff) && (options.from === undefined || day >= options.from) && (options.to === undefined || day <= options.to);
  });
  const byStaff = (a: string, b: string) => names.seq(a) - names.seq(b) || (a < b ? -1 : a > b ? 1 : 0);
  if (options.totals === true) {
    const groups = new Map<string, FairnessDay[]>();
    for (const e of picked) {
      const list = groups.get(e.staff);
      if (list) list.push(e);
      else groups.set(e.staff, [e]);
    }
    return [...groups.keys()].sort(byStaff).map((id) => rowOf(null, id, names.name(id), groups.get(id) ?? []));
  }
  return picked.sort((a, b) => a.day - b.day || byStaff(a.staff, b.staff)).map((e) => rowOf(cal.dayIso(e.day), e.staff, names.name(e.staff), [e]));
}
