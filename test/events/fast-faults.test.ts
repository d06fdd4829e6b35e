/**
 * Hostile inputs do not make the fast path worse than zod: a value nested
 * 4000 arrays or objects deep, a 1 MB string, a cyclic object. The compiled
 * validator returns NOT_FAST quickly, without a stack overflow or a hang,
 * and parseEvent and parseLine report zod's issues.
 */
import { describe, expect, it } from 'vitest';
import { compileFast, NOT_FAST } from '../../src/events/fast.js';
import { parseEvent, parseLine } from '../../src/events/parse.js';
import { eventSchemas } from '../../src/events/schema.js';
import { show, zodOnly } from './support.js';

type Type = keyof typeof eventSchemas;
const envelope = { v: 1, id: 'e1', at: '2026-11-01T10:00:00+08:00', office: 'jz' };
const visit = { ...envelope, type: 'registerVisit', client: { name: '张伟', phone: '13812345678' } };
const duty = { ...envelope, type: 'assignDuty', staff: ['S01'] };
const claim = { ...envelope, type: 'claimClient', staff: 'S01', client: { phone: '13812345678' } };

function nestedArrays(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}
function nestedObjects(depth: number): unknown {
  let value: unknown = { name: 'x' };
  for (let i = 0; i < depth; i++) value = { name: 'x', client: value };
  return value;
}
const MB = 1 << 20;

/** Runs both modes and parseEvent on `input`, each within `ms`; all decline, and the issues are zod's. */
function declines(input: Record<string, unknown>, ms = 2000, type = input.type as Type): void {
  const schema = eventSchemas[type];
  for (const fast of [compileFast(schema), compileFast(schema, { json: true })]) {
    const t0 = performance.now();
    expect(fast(input)).toBe(NOT_FAST);
    expect(performance.now() - t0).toBeLessThan(ms);
  }
  const result = parseEvent(input, 9);
  expect(result.ok).toBe(false);
  expect(show(result)).toBe(show(zodOnly(input, 9)));
}

describe('the fast path survives what zod survives', () => {
  const deepArrays = nestedArrays(4000);
  const deepObjects = nestedObjects(4000);
  it.each([
    ['v nested 4000 arrays deep', { ...visit, v: deepArrays }],
    ['staff nested 4000 arrays deep', { ...duty, staff: deepArrays }],
    ['the client nested 4000 arrays deep', { ...claim, client: deepArrays }],
    ['a party member nested 4000 arrays deep', { ...visit, party: [deepArrays] }],
    ['the client nested 4000 objects deep', { ...claim, client: deepObjects }],
    ['a client name nested 4000 arrays deep', { ...visit, client: { name: deepArrays } }],
  ])('%s: declined at once, zod’s issues', (_what, input) => {
    expect(() => JSON.stringify(input)).not.toThrow();
    declines(input);
  });

  it.each([
    ['note', { ...visit, note: 'x'.repeat(MB) }],
    ['id', { ...visit, id: 'x'.repeat(MB) }],
    ['at', { ...visit, at: `2026-11-01T10:00:00+08:00${'0'.repeat(MB)}` }],
    ['a client name of code points', { ...visit, client: { name: '😀'.repeat(MB / 2) } }],
    ['a client name of spaces', { ...visit, client: { name: ' '.repeat(MB) } }],
    ['the type', { ...visit, type: 'x'.repeat(MB) }],
  ])('a 1 MB string as %s: declined quickly, zod’s issues', (_what, input) => {
    declines(input, 1000, 'registerVisit');
  });

  it('a JSON line just under the line limit is read and refused like any other bad line', () => {
    const line = JSON.stringify({ ...visit, note: 'x'.repeat(MB - 1000) });
    const result = parseLine(line, 3);
    expect(show(result)).toBe(show(zodOnly(JSON.parse(line), 3)));
  });

  it('cyclic objects: declined without a hang, zod’s issues', () => {
    const selfClient: Record<string, unknown> = { ...visit };
    selfClient.client = selfClient;
    const inParty: Record<string, unknown> = { ...visit };
    inParty.party = [inParty];
    const staff: unknown[] = [];
    staff.push(staff);
    const client: Record<string, unknown> = { name: 'x' };
    client.self = client;
    for (const input of [selfClient, inParty, { ...duty, staff }, { ...claim, client }]) declines(input);
  });

  it('a valid event next to the hostile ones still takes the fast path', () => {
    for (const input of [visit, duty, claim]) {
      const schema = eventSchemas[input.type as Type];
      expect(compileFast(schema)(input)).toEqual(schema.parse(input));
      expect(parseEvent(input)).toEqual({ ok: true, event: schema.parse(input) });
    }
  });
});
