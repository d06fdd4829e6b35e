/**
 * The as-of property (issue 12): the view at a time t equals the view of a
 * replay of the events up to t, however t falls between events; capturing
 * states mid-replay gives the same states as replays that stop there.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { asOf, fairnessLedger, nextReceiver, owners, replay, replayer, initialState, toSnapshot, type Event, type OfficeState } from '../../src/index.js';
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
