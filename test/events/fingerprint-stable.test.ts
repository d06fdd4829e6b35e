/**
 * Fingerprints are stored: a snapshot keeps the fingerprint of every event id
 * in its redelivery window, and a redelivery after an upgrade is compared
 * against it. So the fingerprint of an event must never change from one
 * version to the next. Pinned here: two events of every type
 * (`fingerprints.jsonl`, from the benchmark's generator), and every event of
 * three committed logs as a digest. Any change to the hashing fails. A
 * field added to an event later is marked `later` (src/events/common.ts),
 * so that events without it keep their fingerprints; the last test here
 * checks that it still counts when present.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fingerprintEvent } from '../../src/events/fast.js';
import { parseLine } from '../../src/events/parse.js';
import { eventSchemas, type Event } from '../../src/events/schema.js';

const root = new URL('../../', import.meta.url);
const logs = {
  'examples/logs/office-month.jsonl': () => readFileSync(new URL('examples/logs/office-month.jsonl', root), 'utf8'),
  'test/golden/logs/generated-7.jsonl.gz': () => gunzipSync(readFileSync(new URL('test/golden/logs/generated-7.jsonl.gz', root))).toString('utf8'),
  'test/golden/logs/generated-11.jsonl.gz': () => gunzipSync(readFileSync(new URL('test/golden/logs/generated-11.jsonl.gz', root))).toString('utf8'),
};

/** The value with the keys of every object in reverse order. */
function reverse(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverse);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverse(v)]));
}

function eventsOf(text: string): Event[] {
  const events: Event[] = [];
  text.split('\n').forEach((line, i) => {
    const r = parseLine(line, i + 1);
    if (r?.ok) events.push(r.event);
  });
  return events;
}

// Written by the fingerprint of 2026-12-01 (every schema key read by name), before it read only the keys an event has.
const pinned: Record<keyof typeof logs, { events: number; types: number; first: number; digest: string }> = {
  'examples/logs/office-month.jsonl': { events: 3531, types: 7, first: 8265728582455869, digest: 'ed898e95aca523728ef309f59427b7c28b199dff5d198755d70a5e09a5b0389d' },
  'test/golden/logs/generated-7.jsonl.gz': { events: 4000, types: 7, first: 206669152390225, digest: 'f34fff48f40d55c5f77ba537c0e2451396b66f8c087cb27b3f831384b1e3bd29' },
  'test/golden/logs/generated-11.jsonl.gz': { events: 4000, types: 7, first: 7040758297127471, digest: 'b03eeef8f7d5a3371c30d428d03893b4248dd9a403d7243a320ad430522eb89b' },
};

const samples = readFileSync(new URL('test/events/fingerprints.jsonl', root), 'utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => JSON.parse(l) as { fingerprint: number; line: string });

describe('fingerprints stay the same from version to version (redelivery against a stored snapshot)', () => {
  it('covers every event type', () => {
    const types = new Set(samples.map((x) => (JSON.parse(x.line) as { type: string }).type));
    expect([...types].sort()).toEqual(Object.keys(eventSchemas).sort());
  });

  it.each(samples.map((x, i) => [i + 1, (JSON.parse(x.line) as { type: string }).type, x] as const))('sample %i (%s)', (_i, _type, x) => {
    const r = parseLine(x.line, 1);
    if (!r?.ok) throw new Error(`the sample does not parse: ${x.line}`);
    expect(fingerprintEvent(r.event)).toBe(x.fingerprint);
    // The same event with its keys in reverse order: the same fingerprint.
    const reversed = parseLine(JSON.stringify(reverse(JSON.parse(x.line))), 1);
    if (!reversed?.ok) throw new Error('the reversed sample does not parse');
    expect(fingerprintEvent(reversed.event)).toBe(x.fingerprint);
  });

  it.each(Object.keys(logs) as (keyof typeof logs)[])('%s', (name) => {
    const events = eventsOf(logs[name]());
    const fingerprints = events.map(fingerprintEvent);
    const digest = createHash('sha256').update(fingerprints.join('\n')).digest('hex');
    expect({ events: events.length, types: new Set(events.map((e) => e.type)).size, first: fingerprints[0], digest }).toEqual(pinned[name]);
  });
});

describe('a field added after fingerprints were stored (later)', () => {
  const visit = samples.map((x) => x.line).find((l) => (JSON.parse(l) as { type: string }).type === 'registerVisit') as string;
  const fingerprint = (line: string) => {
    const r = parseLine(line, 1);
    if (!r?.ok) throw new Error(`does not parse: ${line}`);
    return fingerprintEvent(r.event);
  };

  it('given registerVisit.ownerNotice came later, when a visit carries it, then its fingerprint differs from the same visit without it, and true from false', () => {
    const without = fingerprint(visit);
    const withTrue = fingerprint(JSON.stringify({ ...JSON.parse(visit), ownerNotice: true }));
    const withFalse = fingerprint(JSON.stringify({ ...JSON.parse(visit), ownerNotice: false }));
    expect(new Set([without, withTrue, withFalse]).size).toBe(3);
    // Without it, the pinned fingerprint (the sample tests above pin every visit without the field).
    expect(without).toBe(samples.find((x) => x.line === visit)?.fingerprint);
  });
});
