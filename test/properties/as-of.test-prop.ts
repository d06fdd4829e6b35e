/**
 * The as-of property (issue 12): the view at a time t equals the view of a
 * replay of the events up to t, however t falls between events; capturing
 * states mid-replay gives the same states as replays that stop there.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { asOf, commissionLedger, credits, fairnessLedger, nextReceiver, owners, replay, replayer, initialState, scorecard, toSnapshot, type Event, type OfficeState } from '../../src/index.js';
import { officeLog } from '../support/arbitrary.js';

const runs = { numRuns: 100 };
const ms = (e: Event) => Date.parse(e.at);

/** A time at, between or around the events: an event's instant, or a minute offset from one. */
const cutOf = (events: readonly Event[], pick: number, shift: number): number => {
  const e = events[pick % events.length] as Event;
  return ms(e) + shift * 60_000;
};

const iso = (at: number) => new Date(at + 8 * 3_600_000).toISOString().replace('Z', '+08:00');

function views(state: OfficeState, at: string) {
  return {
    owners: owners(state, { lookAhead: at, mask: false }),
    fairness: fairnessLedger(state),
    queue: nextReceiver(state, at),
    snapshot: toSnapshot(state),
  };
}

describe('as of a time (fast-check)', () => {
  test.prop([officeLog(), fc.nat(), fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 })], runs)('the view at t equals the view of a replay of the events up to t', (events, pick, shift) => {
    const at = iso(cutOf(events, pick, shift));
    const then = asOf(events, at);
    const upTo = replay(events.filter((e) => ms(e) <= Date.parse(at)));
    expect(views(then.state, then.view.lookAhead)).toEqual(views(upTo.state, then.view.lookAhead));
    expect(Date.parse(then.at)).toBe(Date.parse(at));
    expect(then.decisions).toEqual(upTo.decisions);
    expect(then.later).toBe(events.filter((e) => ms(e) > Date.parse(at)).length);
    // Nobody owns a client before the event that first registered them.
    const known = new Set(owners(then.state, then.view).map((o) => o.client));
    for (const key of known) expect(events.some((e) => ms(e) <= Date.parse(at) && (e.id === key || key.startsWith(`${e.id}/`)))).toBe(true);
  });

  test.prop([officeLog(), fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 4 })], runs)('states handed out mid-replay stay as they were: each equals a replay that stopped there', (events, picks) => {
    const cuts = [...new Set(picks.map((p) => p % (events.length + 1)))].sort((a, b) => a - b);
    const r = replayer(initialState());
    const taken = new Map<number, OfficeState>();
    events.forEach((e, i) => {
      if (cuts.includes(i)) taken.set(i, r.state());
      r.push(e);
    });
    if (cuts.includes(events.length)) taken.set(events.length, r.state());
    for (const [k, state] of taken) expect(toSnapshot(state)).toEqual(toSnapshot(replay(events.slice(0, k)).state));
  });
});

/** Windows that lapse within the logs' weeks, so that lookAhead has lapses to judge. */
const windows = { ownership: { validityDays: { visit: 3, call: 2, claim: 4, preFile: 4, assigned: 3 } } } as const;

/** The scorecard's counts and money of a closed period: what a later state must read as the state that closed it did. */
function closedCounts(state: OfficeState, period: 'day' | 'week' | 'month', at: string) {
  return scorecard(state, { period, at }).map((r) => ({
    staff: r.staff,
    start: r.start,
    closed: r.closed,
    counts: [r.receptions, r.turns, r.calls, r.claims, r.claimsRefused, r.deals, r.dealEvents, r.conversions, r.closeRate],
    commission: r.commission,
    bonus: r.bonus,
    flags: r.flags.filter((f) => !f.endsWith('InForce')),
  }));
}

describe('as of a time, under validity windows (fast-check, the analyst audit)', () => {
  test.prop([officeLog(), fc.nat(), fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 })], runs)(
    'OWN-VALIDITY asOf: the views at t (register with lapses, scorecard, ledgers) equal those of a replay up to t and of a state handed out at t',
    (events, pick, shift) => {
      const at = iso(cutOf(events, pick, shift));
      const cut = Date.parse(at);
      const then = asOf(events, at, windows);
      const upTo = replay(events.filter((e) => ms(e) <= cut), windows);
      const r = replayer(initialState(windows));
      let taken: OfficeState | undefined;
      for (const e of events) {
        if (taken === undefined && ms(e) > cut) taken = r.state();
        r.push(e);
      }
      const mid = taken ?? r.state();
      const read = (s: OfficeState) => ({ ...views(s, then.view.lookAhead), scorecard: scorecard(s, { at }), credits: credits(s), commissions: commissionLedger(s) });
      expect(read(then.state)).toEqual(read(upTo.state));
      expect(read(mid)).toEqual(read(upTo.state));
      expect(then.redelivered).toEqual(upTo.redelivered);
    },
  );

  test.prop([officeLog(), fc.nat(), fc.constantFrom('day', 'week', 'month')], runs)(
    'KPI-CLOSE-RATE scorecard: a closed period reads on the final state as on the state its close left, counts, money and flags',
    (events, pick, period) => {
      // The period of an event, and the state its close left: right after the first event past its end that applied.
      const e = events[pick % events.length] as Event;
      const final = replay(events, windows).state;
      const rows = scorecard(final, { period, at: e.at });
      if (!rows.some((x) => x.closed)) return;
      const end = Date.parse(`${rows[0]?.end}T00:00:00+08:00`);
      const r = replayer(initialState(windows));
      let closedBy: OfficeState | undefined;
      for (const x of events) {
        const applied = r.push(x).issues.length === 0;
        if (applied && ms(x) >= end) {
          closedBy = r.state();
          break;
        }
      }
      if (closedBy === undefined) throw new Error('a closed period with no event after its end');
      const later = new Map(closedCounts(final, period, e.at).map((x) => [x.staff, x]));
      const then = new Map(closedCounts(closedBy, period, e.at).map((x) => [x.staff, x]));
      // The same people, but for someone whose status changed after the period (the state keeps no status history): their counts only.
      const settled = (staff: string) => (final.staff.members.get(staff)?.since ?? 0) < end;
      for (const staff of new Set([...later.keys(), ...then.keys()])) {
        if (settled(staff) || (later.has(staff) && then.has(staff))) expect(later.get(staff)).toEqual(then.get(staff));
      }
    },
  );
});
