/**
 * A state read back from a snapshot is built of the same records as the
 * state the engine made: the same hidden classes (zod builds an object key
 * by key, and V8 keeps all but its first few properties out of line: 20
 * more MB on the bench's 85k clients), the shared rule lists of the table,
 * and the shared empty skip counts of the fairness ledger.
 */
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { generate } from '../../examples/generate.js';
import { anyOrder } from '../../src/kernel/map.js';
import { copyPerson } from '../../src/identity/state.js';
import { copyFile, NO_EXTRA, registrationWith } from '../../src/ownership/state.js';
import { copyDay } from '../../src/rotation/state.js';
import { fromSnapshot, parseLog, presetPolicy, replay, toSnapshot, type OfficeState, type PresetName } from '../../src/index.js';

v8.setFlagsFromString('--allow-natives-syntax');
// V8's own answer: whether two objects share a hidden class (what its inline caches and its object layout go by).
const sameShape = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

function world(seed: number, preset: PresetName | null): OfficeState {
  const lines: string[] = [];
  generate({ seed, events: 2000, out: '', start: '2026-01-01' }, (line) => lines.push(line));
  return replay(parseLog(lines.join('\n')).events, preset === null ? undefined : presetPolicy(preset)).state;
}

function readBack(s: OfficeState): OfficeState {
  const r = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(s))));
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.state;
}

const values = <V>(m: Parameters<typeof anyOrder<V>>[0]) => [...anyOrder(m)].map(([, v]) => v);

describe('a state read back has the engine’s own records', () => {
  it.each([[null, 5], ['jiuzhou', 6]] as const)('under %s (seed %i)', (preset, seed) => {
    const s = world(seed, preset);
    const back = readBack(s);
    const people = values(s.identity.people);
    const files = values(s.ownership.files);
    const days = values(s.rotation.ledger).flat();
    expect([people.length, files.length, days.length].every((n) => n > 0)).toBe(true);

    // Given a state made by the engine, when it is read back, then each record has the shape of the engine's copy of it.
    for (const p of people) expect(sameShape(back.identity.people.get(p.key) as object, copyPerson(p))).toBe(true);
    let registrations = 0;
    let extras = 0;
    for (const f of files) {
      const g = back.ownership.files.get(f.key);
      if (g === undefined) throw new Error(`file ${f.key} not read back`);
      expect(sameShape(g, copyFile(f))).toBe(true);
      expect(sameShape(g.basis, { rules: f.basis.rules, evidence: f.basis.evidence, channel: f.basis.channel, at: f.basis.at, day: f.basis.day, person: f.basis.person, renewedBy: f.basis.renewedBy })).toBe(true);
      // The rule lists are the table's own, as in the state the engine made.
      expect(g.basis.rules).toBe(f.basis.rules);
      // Extra records, made by the engine or read back, share one hidden class: NO_EXTRA's keys, changed in place.
      for (const x of [f.x, g.x]) if (!Object.isFrozen(x)) {
        expect(sameShape(x, { ...NO_EXTRA, report: null })).toBe(true);
        extras++;
      }
      f.registrations.forEach((r, i) => {
        expect(sameShape(g.registrations[i] as object, registrationWith(r, r))).toBe(true);
        registrations++;
      });
    }
    expect(registrations).toBeGreaterThan(0);
    expect(extras).toBeGreaterThan(0);

    expect(days.some((d) => Object.keys(d.skips).length === 0)).toBe(true);
    for (const [day, list] of anyOrder(s.rotation.ledger)) {
      const backList = back.rotation.ledger.get(day) ?? [];
      expect(backList).toHaveLength(list.length);
      list.forEach((before, i) => {
        const d = backList[i];
        if (d === undefined) throw new Error(`a ledger day of ${day} was not read back`);
        expect(sameShape(d, copyDay(before))).toBe(true);
        // An empty count is the one shared record again.
        if (Object.keys(before.skips).length === 0) expect(d.skips).toBe(before.skips);
        if (Object.keys(before.callSkips).length === 0) expect(d.callSkips).toBe(before.callSkips);
      });
    }
  });
});
