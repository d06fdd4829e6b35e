/**
 * fingerprintEvent hashes an event's values in schema key order: the same
 * event gives the same fingerprint whatever the key order of its object or
 * JSON line, and a change to any one field gives another fingerprint.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fingerprintEvent } from '../../src/events/fast.js';
import { parseLine } from '../../src/events/parse.js';
import { eventSchemas, type Event } from '../../src/events/schema.js';
import { arbitraryOf, mutate, mutation } from './support.js';

type Type = keyof typeof eventSchemas;
const types = Object.keys(eventSchemas) as Type[];
const runs = { numRuns: 300 };

/** A valid, parsed event of any type. */
const event: fc.Arbitrary<Event> = fc
  .constantFrom(...types)
  .chain((type) => arbitraryOf(eventSchemas[type]))
  .map((input) => {
    const type = (input as { type: Type }).type;
    return eventSchemas[type].safeParse(input);
  })
  .filter((r) => r.success)
  .map((r) => r.data as Event);

/** The same value with the keys of every object in another order. */
function shuffled(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => shuffled(v, seed + i));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = (seed * 31 + i * 17) % (i + 1);
    [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
  }
  return Object.fromEntries(keys.map((k, i) => [k, shuffled(record[k], seed + i)]));
}

describe('fingerprintEvent', () => {
  test.prop([event, fc.nat()], runs)('the same event in any key order, as an object or as a JSON line, has the same fingerprint', (e, seed) => {
    const other = shuffled(e, seed) as Event;
    expect(fingerprintEvent(other)).toBe(fingerprintEvent(e));
    const line = parseLine(JSON.stringify(other), 1);
    expect(line?.ok).toBe(true);
    if (line?.ok) expect(fingerprintEvent(line.event)).toBe(fingerprintEvent(e));
  });

  test.prop([event, mutation], runs)('a change to any one field (a value, an added or a removed key) gives another fingerprint', (e, m) => {
    const changed = eventSchemas[e.type].safeParse(mutate(e, [{ ...m, kind: [0, 1, 2, 3, 4][m.kind % 5] as number }]));
    // A different payload as JSON has it: -0 and 0 are one number there, as in the fingerprint.
    fc.pre(changed.success && JSON.stringify(changed.data) !== JSON.stringify(e));
    if (changed.success) expect(fingerprintEvent(changed.data as Event)).not.toBe(fingerprintEvent(e));
  });

  const visit = (client: object, extra: object = {}): Event =>
    eventSchemas.registerVisit.parse({ v: 1, id: 'e2', type: 'registerVisit', at: '2026-11-01T10:00:00+08:00', office: 'jz', client, ...extra }) as Event;

  it('tells apart the same characters split differently across fields', () => {
    expect(fingerprintEvent(visit({ name: 'ab', phone: 'c' }))).not.toBe(fingerprintEvent(visit({ name: 'a', phone: 'bc' })));
    expect(fingerprintEvent(visit({ name: 'x', need: 'y' }))).not.toBe(fingerprintEvent(visit({ name: 'xy' })));
  });

  it('tells apart values swapped between fields, reordered arrays, and an empty array from none', () => {
    expect(fingerprintEvent(visit({ name: 'x', phone: 'y' }))).not.toBe(fingerprintEvent(visit({ name: 'y', phone: 'x' })));
    expect(fingerprintEvent(visit({ name: 'x' }, { receiver: 'S1', named: 'S2' }))).not.toBe(fingerprintEvent(visit({ name: 'x' }, { receiver: 'S2', named: 'S1' })));
    const duty = (staff: string[]) => eventSchemas.assignDuty.parse({ v: 1, id: 'd', type: 'assignDuty', at: '2026-11-01T08:30:00+08:00', office: 'jz', staff }) as Event;
    expect(fingerprintEvent(duty(['S1', 'S2']))).not.toBe(fingerprintEvent(duty(['S2', 'S1'])));
    expect(fingerprintEvent(visit({ name: 'x' }, { party: [] }))).not.toBe(fingerprintEvent(visit({ name: 'x' })));
  });

  it('is a non-negative integer below 2^53, the same on every call, and blind to a key present as undefined and to -0', () => {
    const e = visit({ name: '张伟', phone: '13812345678' });
    const f = fingerprintEvent(e);
    expect(Number.isSafeInteger(f) && f >= 0).toBe(true);
    expect(fingerprintEvent(e)).toBe(f);
    expect(fingerprintEvent({ ...e, note: undefined } as Event)).toBe(f);
    const penalty = (days: number) => eventSchemas.setRotationPenalty.parse({ v: 1, id: 'p', type: 'setRotationPenalty', at: '2026-11-01T08:00:00+08:00', office: 'jz', staff: 'S1', penalty: 'noCalls', days }) as Event;
    expect(fingerprintEvent(penalty(-0))).toBe(fingerprintEvent(penalty(0)));
    expect(fingerprintEvent(penalty(1))).not.toBe(fingerprintEvent(penalty(0)));
  });
});
