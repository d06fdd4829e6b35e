/**
 * compare (issue 12): a policy against itself differs nowhere, and
 * compare(A, B) mirrors compare(B, A); dated timelines replay the same in
 * bulk and one event at a time across the change.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { compare, initialState, presetNames, presetPolicy, replay, toSnapshot, type Comparison, type Event, type PolicySource } from '../../src/index.js';
import { officeLog } from '../support/arbitrary.js';
import { foldAll } from '../support/fold.js';

const runs = { numRuns: 60 };
const preset = fc.constantFrom(...presetNames).map((n) => presetPolicy(n));

/** A policy, or a timeline that switches between two at one of the log's instants. */
const source = (events: readonly Event[]): fc.Arbitrary<PolicySource> =>
  fc.oneof(
    preset,
    fc.tuple(preset, preset, fc.nat()).map(([a, b, k]) => ({ versions: [{ policy: a }, { from: (events[k % events.length] as Event).at, policy: b }] })),
  );

const withLog = officeLog().chain((events) => fc.tuple(fc.constant(events), source(events), source(events)));

/** The comparison seen from the other side. */
function mirrored(c: Comparison): Comparison {
  const swap = <T extends { a: unknown; b: unknown }>(x: T): T => ({ ...x, a: x.b, b: x.a });
  return { ...c, a: c.b, b: c.a, owners: c.owners.map(swap), visits: c.visits.map(swap), months: c.months.map(swap), turns: c.turns.map(swap), refusals: c.refusals.map(swap) };
}

const nothing = (c: Comparison) => ({ owners: c.owners, visits: c.visits, months: c.months, turns: c.turns, refusals: c.refusals });

describe('compare (fast-check)', () => {
  test.prop([withLog], runs)('a policy compared with itself differs nowhere', ([events, a]) => {
    expect(nothing(compare(events, a, a))).toEqual({ owners: [], visits: [], months: [], turns: [], refusals: [] });
  });

  test.prop([withLog], runs)('compare(A, B) mirrors compare(B, A)', ([events, a, b]) => {
    expect(compare(events, b, a)).toEqual(mirrored(compare(events, a, b)));
  });

  test.prop([withLog], runs)('every difference names who it is about and carries both sides', ([events, a, b]) => {
    const c = compare(events, a, b);
    for (const d of [...c.months, ...c.turns]) {
      expect(d.name).not.toBeNull();
      expect(d.a.rules.length + d.b.rules.length + d.a.evidence.length + d.b.evidence.length).toBeGreaterThan(0);
    }
    for (const d of c.owners) expect(d.a !== null || d.b !== null).toBe(true);
    for (const d of c.visits) expect(d.differs.length).toBeGreaterThan(0);
  });

  test.prop([withLog], runs)('under a dated timeline, replay equals incremental apply across the change', ([events, a]) => {
    const bulk = replay(events, a);
    const one = foldAll(initialState(a), events);
    expect(toSnapshot(bulk.state)).toEqual(toSnapshot(one.state));
    expect(bulk.decisions).toEqual(one.decisions);
    expect(bulk.issues).toEqual(one.issues);
  });
});
