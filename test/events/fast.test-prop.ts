/**
 * The fast path gives zod's verdict and zod's output. Over every event type,
 * for valid events built from the schema and for their mutations, the
 * compiled fast path either declines (NOT_FAST) or returns exactly what
 * `safeParse` returns (values, key order, defaults, trimmed strings), in both
 * of its modes; it accepts virtually every valid event; and parseEvent and
 * parseLine answer byte for byte what they answered with zod alone. Strings
 * hold lone surrogates now and then, escaped in lines and raw.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { generate } from '../../examples/generate.js';
import { compileFast, NOT_FAST, type FastParser } from '../../src/events/fast.js';
import { parseEvent, parseLine } from '../../src/events/parse.js';
import { eventSchemas } from '../../src/events/schema.js';
import { arbitraryOf, inputsOf, show, zodOnly } from './support.js';

type Type = keyof typeof eventSchemas;
const types = Object.keys(eventSchemas) as Type[];
const schemaOf = (type: Type): z.core.$ZodType => eventSchemas[type];
const runs = { numRuns: 120 };

const objectMode = new Map<Type, FastParser>(types.map((t) => [t, compileFast(schemaOf(t))]));
const jsonMode = new Map<Type, FastParser>(types.map((t) => [t, compileFast(schemaOf(t), { json: true })]));
/** JSON.stringify escapes a lone surrogate (`\ud800`) and writes a pair as it is: a text without such an escape holds none. */
const escapesSurrogate = (text: string) => /\\u[dD][89a-fA-F]/.test(text);
/** The line with every escaped surrogate written as the code unit itself (as a JavaScript caller may hand it over). */
const unescaped = (text: string) => text.replace(/(?<!\\)((?:\\\\)*)\\u([dD][89a-fA-F][0-9a-fA-F]{2})/g, (_, slashes: string, hex: string) => slashes + String.fromCharCode(parseInt(hex, 16)));

/** The fast path's answer for `input`, in both modes, checked against zod's. */
function agrees(type: Type, input: unknown): void {
  const schema = eventSchemas[type];
  const fast = (objectMode.get(type) as FastParser)(input);
  const zod = schema.safeParse(input);
  if (fast !== NOT_FAST) {
    expect(zod.success).toBe(true);
    expect(show(fast)).toBe(show(zod.data));
  }
  const text = JSON.stringify(input);
  if (text === undefined) return;
  const mine: unknown = JSON.parse(text);
  const theirs: unknown = JSON.parse(text);
  const before = show(mine);
  const out = (jsonMode.get(type) as FastParser)(mine);
  const zodJson = schema.safeParse(theirs);
  if (out !== NOT_FAST) {
    expect(zodJson.success).toBe(true);
    expect(show(out)).toBe(show(zodJson.data));
  }
  // Declining or not, the input zod may still be given is untouched.
  expect(show(mine)).toBe(before);
}

describe('compileFast: zod’s verdict and output, or NOT_FAST', () => {
  for (const type of types) {
    test.prop([inputsOf(schemaOf(type))], runs)(`${type}: every answer other than NOT_FAST is zod’s success, with zod’s data to the key order`, (input) => {
      agrees(type, input);
    });
  }

  it.each(types)('%s: valid generated events take the fast path (at least 99%), in both modes', (type) => {
    const schema = eventSchemas[type];
    const valid = fc.sample(arbitraryOf(schema), { numRuns: 400, seed: 20261101 }).filter((e) => schema.safeParse(e).success);
    expect(valid.length).toBeGreaterThanOrEqual(40);
    const objectFast = valid.filter((e) => (objectMode.get(type) as FastParser)(e) !== NOT_FAST).length;
    const jsonFast = valid.filter((e) => (jsonMode.get(type) as FastParser)(JSON.parse(JSON.stringify(e))) !== NOT_FAST).length;
    expect(objectFast / valid.length).toBeGreaterThanOrEqual(0.99);
    expect(jsonFast / valid.length).toBeGreaterThanOrEqual(0.99);
  });

  it('takes the fast path for every line of the seeded generator, with zod’s data', () => {
    const lines: string[] = [];
    generate({ seed: 7, events: 4000, out: '', start: '2026-01-01' }, (line) => lines.push(line));
    let declined = 0;
    for (const line of lines) {
      const type = (JSON.parse(line) as { type: Type }).type;
      const zod = eventSchemas[type].safeParse(JSON.parse(line));
      for (const fast of [objectMode.get(type), jsonMode.get(type)] as FastParser[]) {
        const out = fast(JSON.parse(line));
        if (out === NOT_FAST) declined++;
        else expect(show(out)).toBe(show(zod.data));
      }
    }
    expect(lines.length).toBe(4000);
    expect(declined).toBe(0);
  });

  it('compiles every event schema without a single fallback (strict mode throws on anything it does not model)', () => {
    for (const type of types) expect(() => compileFast(schemaOf(type), { strict: true })).not.toThrow();
  });
});

describe('parseEvent and parseLine answer as they did with zod alone', () => {
  const anyType = fc.constantFrom(...types).chain((type) => inputsOf(schemaOf(type)));
  test.prop([anyType, fc.nat(50)], { numRuns: 600 })('the same result and issues, byte for byte, for objects and for JSON lines', (input, line) => {
    expect(show(parseEvent(input, line))).toBe(show(zodOnly(input, line)));
    const text = JSON.stringify(input);
    if (text === undefined) return;
    expect(show(parseLine(text, line))).toBe(show(zodOnly(JSON.parse(text), line)));
    // Lone surrogates raw in the line's string, not escaped: the same answer.
    const raw = unescaped(text);
    if (raw !== text && show(JSON.parse(raw)) === show(JSON.parse(text))) expect(show(parseLine(raw, line))).toBe(show(zodOnly(JSON.parse(text), line)));
  });

  test.prop([anyType], { numRuns: 300 })('inputs with lone surrogates come up, and get zod’s answer as objects and as lines', (input) => {
    const text = JSON.stringify(input);
    fc.pre(text !== undefined && escapesSurrogate(text));
    expect(show(parseEvent(input, 1))).toBe(show(zodOnly(input, 1)));
    expect(show(parseLine(text as string, 1))).toBe(show(zodOnly(JSON.parse(text as string), 1)));
  });
});
