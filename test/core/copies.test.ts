/**
 * The families copy their hot records field by field (V8 copies a spread of a
 * record that is itself a copy on its slow path, about ten times slower). A
 * copy that forgot a field would lose data silently, so each copy is checked
 * against every record of its kind in replays of generated logs.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../examples/generate.js';
import { anyOrder } from '../../src/kernel/map.js';
import { copyPerson } from '../../src/identity/state.js';
import { copyFile, registrationWith } from '../../src/ownership/state.js';
import { copyDay, copySeat, seatWith } from '../../src/rotation/state.js';
import { parseLog, presetNames, presetPolicy, replay, type OfficeState, type PresetName } from '../../src/index.js';

function world(seed: number, preset: PresetName): OfficeState {
  const lines: string[] = [];
  generate({ seed, events: 2000, out: '', start: '2026-01-01' }, (line) => lines.push(line));
  return replay(parseLog(lines.join('\n')).events, presetPolicy(preset)).state;
}

describe('field-by-field copies keep every field', () => {
  it.each(presetNames.map((p, i) => [p, 11 + i] as const))('under %s (seed %i)', (preset, seed) => {
    const s = world(seed, preset);
    const seats = [...s.rotation.ring, ...[...anyOrder(s.rotation.parked)].map(([, v]) => v)];
    const days = [...s.rotation.today, ...[...anyOrder(s.rotation.ledger)].flatMap(([, v]) => v)];
    const people = [...anyOrder(s.identity.people)].map(([, v]) => v);
    const files = [...anyOrder(s.ownership.files)].map(([, v]) => v);
    const registrations = files.flatMap((f) => f.registrations);
    // Something of each kind, so that the checks below check something.
    expect([seats.length, days.length, people.length, files.length, registrations.length].every((n) => n > 0)).toBe(true);
    for (const x of seats) expect(copySeat(x)).toStrictEqual(x);
    for (const x of seats) expect(seatWith(x, { owed: x.owed + 1 })).toStrictEqual({ ...x, owed: x.owed + 1 });
    for (const x of days) expect(copyDay(x)).toStrictEqual(x);
    for (const x of people) expect(copyPerson(x)).toStrictEqual(x);
    for (const x of files) expect(copyFile(x)).toStrictEqual(x);
    for (const x of registrations) expect(registrationWith(x, x)).toStrictEqual(x);
  });
});
