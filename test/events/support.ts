/**
 * Inputs for the fast path's properties: values built from a zod schema's own
 * definitions (so every event type, present and future, gets them), mutations
 * of those values, and an exact printer to compare outputs by.
 */
import { fc } from '@fast-check/vitest';
import type { z } from 'zod';
import { WELL_FORMED } from '../../src/events/common.js';
import { parseLimits, type ParseResult } from '../../src/events/parse.js';
import { eventSchemas } from '../../src/events/schema.js';
import { clip, describeValue, fromZod, type Issue } from '../../src/kernel/issues.js';

type Loose = { readonly [key: string]: unknown };
const isObj = (v: unknown): v is Loose => typeof v === 'object' && v !== null;

/** A schema's `_zod` internals, read loosely. */
export function zodOf(schema: unknown): { def: Loose; traits: ReadonlySet<string>; optin: unknown; values: unknown } {
  const zod = isObj(schema) && isObj(schema._zod) ? schema._zod : {};
  const def = isObj(zod.def) ? zod.def : {};
  const traits = zod.traits instanceof Set ? (zod.traits as ReadonlySet<string>) : new Set<string>();
  return { def, traits, optin: zod.optin, values: zod.values };
}

function checksOf(schema: unknown): Loose[] {
  const z = zodOf(schema);
  const own = z.traits.has('$ZodCheck') ? [z.def] : [];
  const rest = Array.isArray(z.def.checks) ? (z.def.checks as unknown[]).map((c) => zodOf(c).def) : [];
  return [...own, ...rest];
}

// Characters that matter: ASCII, CJK, a surrogate pair (one code point, two UTF-16 units), spaces.
const CHARS = ['a', 'b', 'Z', '1', '-', '张', '伟', '李', '😀', ' ', '\t'];
const char = fc.constantFrom(...CHARS);
// Lone surrogates, which are no text (a high or low half alone, a pair in the wrong order): refused wherever they are.
const LONE = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00', '\ude00\ud83d'];
const lone = fc.constantFrom(...LONE);

function text(min: number, max: number, padded: boolean, withLone: boolean): fc.Arbitrary<string> {
  const cap = Math.min(max, min + 12);
  const plain = fc.oneof(
    { weight: 6, arbitrary: fc.array(char, { minLength: min, maxLength: Math.max(min, cap) }).map((cs) => cs.join('')) },
    // At the bounds, where code points and UTF-16 units part ways.
    { weight: 1, arbitrary: fc.constantFrom(min, Math.min(max, Math.max(min, 1) * 2), max).filter((n) => Number.isFinite(n) && n <= 3000).chain((n) => fc.constantFrom('x'.repeat(n), '😀'.repeat(n), `${'😀'.repeat(Math.floor(n / 2))}${'x'.repeat(n % 2)}`)) },
  );
  // Now and then (one string in 20) a lone surrogate among the characters, anywhere: the middle of a pair included.
  const body = !withLone
    ? plain
    : fc.oneof(
        { weight: 19, arbitrary: plain },
        {
          weight: 1,
          arbitrary: fc.tuple(plain, lone, fc.nat()).map(([s, half, at]) => {
            const i = at % (s.length + 1);
            return s.slice(0, i) + half + s.slice(i);
          }),
        },
      );
  if (!padded) return body;
  return fc.tuple(fc.constantFrom('', ' ', '  ', '\t'), body, fc.constantFrom('', ' ', '\n')).map(([a, b, c]) => `${a}${b}${c}`);
}

/** Keys of an object in a new order (when `shuffle`): the fast path must not care. */
function reorder(o: Record<string, unknown>, seed: number): Record<string, unknown> {
  const keys = Object.keys(o);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = (seed * (i + 7) + i) % (i + 1);
    [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = o[k];
  return out;
}

/**
 * Values built from a schema's definitions: mostly valid, since they follow
 * its kinds, bounds, patterns and optional keys (refinements across fields
 * may still fail them: zod is the judge). With `withLone`, one free string
 * in 20 holds a lone surrogate.
 */
export function arbitraryOf(schema: unknown, depth = 0, withLone = false): fc.Arbitrary<unknown> {
  const { def, values } = zodOf(schema);
  const checks = checksOf(schema);
  switch (def.type) {
    case 'string': {
      // A format's pattern (a time, an amount) shapes the value; the text check (no lone surrogate) does not.
      const pattern = checks.find((c) => c.pattern instanceof RegExp && c.pattern !== WELL_FORMED)?.pattern;
      if (pattern instanceof RegExp) return fc.stringMatching(new RegExp(pattern.source));
      let min = 0;
      let max = Infinity;
      for (const c of checks) {
        if (c.check === 'min_length' && typeof c.minimum === 'number') min = Math.max(min, c.minimum);
        if (c.check === 'max_length' && typeof c.maximum === 'number') max = Math.min(max, c.maximum);
        if (c.check === 'length_equals' && typeof c.length === 'number') [min, max] = [c.length, c.length];
      }
      return text(min, max, checks.some((c) => c.check === 'overwrite'), withLone);
    }
    case 'number': {
      let min = -1e6;
      let max = 1e6;
      for (const c of checks) {
        if (c.check === 'greater_than' && typeof c.value === 'number') min = Math.max(min, c.value);
        if (c.check === 'less_than' && typeof c.value === 'number') max = Math.min(max, c.value);
      }
      const int = checks.some((c) => c.check === 'number_format' && String(c.format).includes('int'));
      const inside = int ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
      // The bounds themselves and their neighbours, where inclusive and exclusive part.
      return fc.oneof({ weight: 3, arbitrary: inside }, { weight: 1, arbitrary: fc.constantFrom(min, max, min + 1, max - 1, min - 1, max + 1, (min + max) / 2 + 0.5) });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'any':
    case 'unknown':
      return fc.jsonValue({ maxDepth: 2 });
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...(values instanceof Set ? [...(values as Set<unknown>)] : []));
    case 'optional':
    case 'nonoptional':
    case 'readonly':
      return arbitraryOf(def.innerType, depth, withLone);
    case 'default':
    case 'prefault':
      return fc.oneof(arbitraryOf(def.innerType, depth, withLone), fc.constant(undefined));
    case 'nullable':
      return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: arbitraryOf(def.innerType, depth, withLone) });
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((o) => arbitraryOf(o, depth, withLone)));
    case 'array': {
      let min = 0;
      let max = 4;
      for (const c of checks) {
        if (c.check === 'min_length' && typeof c.minimum === 'number') min = c.minimum;
        if (c.check === 'max_length' && typeof c.maximum === 'number') max = Math.min(max, c.maximum);
      }
      return fc.array(arbitraryOf(def.element, depth + 1, withLone), { minLength: min, maxLength: Math.max(min, depth > 1 ? min : max) });
    }
    case 'record':
      // Numeric keys too: zod retries a key that fails as a number.
      return fc.dictionary(fc.oneof(arbitraryOf(def.keyType, depth + 1, withLone).map(String), fc.string({ maxLength: 4 }), fc.nat(99).map(String)), arbitraryOf(def.valueType, depth + 1, withLone), { maxKeys: 3 });
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const parts: Record<string, fc.Arbitrary<unknown>> = {};
      const required: string[] = [];
      for (const [key, field] of Object.entries(shape)) {
        const optin = zodOf(field).optin;
        parts[key] = arbitraryOf(field, depth + 1, withLone);
        if (optin === undefined) required.push(key);
      }
      const record = fc.record(parts, { requiredKeys: required }).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
      return fc.tuple(record, fc.nat(5), fc.nat()).map(([o, shuffle, seed]) => (shuffle === 0 ? reorder(o, seed) : o));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A deep copy that keeps own `__proto__` keys and property order. */
export function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (!isObj(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) Object.defineProperty(out, key, { value: copy(value[key]), enumerable: true, writable: true, configurable: true });
  return out;
}

const LONG = 'x'.repeat(2001);
/** Values that break things: wrong types, empty and blank strings, lone surrogates, bad times, out-of-range and fractional numbers. */
export const WEIRD: readonly unknown[] = [
  null, undefined, 0, -1, 1.5, 367, 1e21, -0, true, false, '', ' ', '  \t', 'x', ' S01 ', LONG, '😀'.repeat(101),
  '\ud800', 'S\udc01', ' \udfff ', '\ude00\ud83d', '李\ud83d', '\ud83d\ude00',
  [], [[]], {}, { a: 1 }, 'claim', 'sales', 'spouse', 'onduty', 'S01', '1250000', '12.', '-0', '2026-11',
  '2026-02-30T10:00:00+08:00', '2026-11-01T10:00:00', '2026-11-01T10:00:00+24:00', '2026-11-01T10:00:00Z',
  '2026-11-01T10:00:00.123+08:00', '2028-02-29T00:00:00Z', '2027-02-29T00:00:00Z', '2026-11-01 10:00:00+08:00',
];
const EXTRA_KEYS = ['__proto__', 'constructor', 'toString', 'extra', '', 'type', 'v'];

/** One change at a slot of a value, chosen by number so fast-check can shrink it. */
export interface Mutation {
  readonly at: number;
  readonly kind: number;
  readonly pick: number;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({ at: fc.nat(), kind: fc.nat(6), pick: fc.nat() });

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

function slots(value: unknown, out: Slot[] = []): Slot[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push({ parent: value, key: i });
      slots(item, out);
    });
  } else if (isObj(value)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      out.push({ parent: record, key });
      slots(record[key], out);
    }
  }
  return out;
}

function containers(value: unknown, out: (Record<string, unknown> | unknown[])[] = []): (Record<string, unknown> | unknown[])[] {
  if (Array.isArray(value)) {
    out.push(value);
    for (const item of value) containers(item, out);
  } else if (isObj(value)) {
    const record = value as Record<string, unknown>;
    out.push(record);
    for (const key of Object.keys(record)) containers(record[key], out);
  }
  return out;
}

function put(parent: Record<string, unknown> | unknown[], key: string | number, v: unknown): void {
  Object.defineProperty(parent, key, { value: v, enumerable: true, writable: true, configurable: true });
}

/** Applies mutations to a copy of `value`. */
export function mutate(value: unknown, mutations: readonly Mutation[]): unknown {
  let root = copy(value);
  for (const m of mutations) {
    const all = slots(root);
    const slot = all[m.at % Math.max(1, all.length)];
    // A fresh copy: the pool's arrays and objects must never be mutated later.
    const weird = copy(WEIRD[m.pick % WEIRD.length]);
    if (m.kind === 6) {
      // not an object at all
      if (m.pick % 8 === 0) root = weird;
      continue;
    }
    if (slot === undefined) continue;
    const { parent, key } = slot;
    const current = (parent as Record<string | number, unknown>)[key];
    switch (m.kind) {
      case 0: // missing field, or one element fewer
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
        break;
      case 1: // wrong type or value
        put(parent, key, weird);
        break;
      case 2: {
        // an extra key (an own __proto__ included), or one element more
        const box = containers(root)[m.at % Math.max(1, containers(root).length)];
        if (Array.isArray(box)) box.push(copy(box[0]) ?? weird);
        else if (box !== undefined) put(box, EXTRA_KEYS[m.pick % EXTRA_KEYS.length] as string, weird);
        break;
      }
      case 3: // strings: padded, blank, empty, overlong, a pair's half alone
        if (typeof current === 'string') put(parent, key, [` ${current} `, '   ', '', current.repeat(200), `${current}😀`, current.trim(), `${current}\ud83d`, `\udfff${current}`][m.pick % 8]);
        else put(parent, key, typeof current === 'object' ? (JSON.stringify(current) ?? 'x') : String(current));
        break;
      case 4: // numbers: out of range, fractional
        if (typeof current === 'number') put(parent, key, [current + 1, current - 1, current + 0.5, -current, 1e9][m.pick % 5]);
        else put(parent, key, m.pick % 400);
        break;
      default: {
        // overlong arrays
        const box = containers(root).filter(Array.isArray)[m.pick % 7];
        if (box !== undefined) for (let i = box.length; i < 51 + (m.pick % 1000); i++) box.push(copy(box[0]) ?? null);
      }
    }
  }
  return root;
}

/**
 * Valid-looking values of a schema (now and then with a lone surrogate in a
 * string) and their mutations: a missing field, a wrong type, an extra key,
 * empty and padded strings, a pair's half alone, out-of-range numbers,
 * overlong strings and arrays, nulls, `__proto__` keys, wrong enum values,
 * bad times.
 */
export function inputsOf(schema: z.core.$ZodType): fc.Arbitrary<unknown> {
  const valid = arbitraryOf(schema, 0, true);
  return fc.oneof(
    { weight: 1, arbitrary: valid },
    { weight: 2, arbitrary: fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 2 })).map(([v, ms]) => mutate(v, ms)) },
  );
}

/**
 * An exact picture of a value: key order, own and hidden keys, prototypes,
 * holes, `undefined`, `-0` and NaN all show, so equal pictures mean the same output.
 */
export function show(value: unknown, depth = 0): string {
  if (depth > 50) return '<deep>';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') return `<${typeof value}>`;
  if (!isObj(value)) return String(value);
  if (Array.isArray(value)) {
    return `[${Array.from({ length: value.length }, (_, i) => (i in value ? show(value[i], depth + 1) : '<hole>')).join(',')}]`;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  const tag = proto === Object.prototype ? '' : proto === null ? '<null-proto>' : '<proto>';
  const parts = Reflect.ownKeys(value).map((key) => {
    const hidden = Object.getOwnPropertyDescriptor(value, key)?.enumerable === true ? '' : '<hidden>';
    return `${typeof key === 'symbol' ? '<symbol>' : JSON.stringify(key)}${hidden}:${show((value as Record<PropertyKey, unknown>)[key], depth + 1)}`;
  });
  return `${tag}{${parts.join(',')}}`;
}

const knownTypes = Object.keys(eventSchemas);
function one(code: Issue['code'], path: Issue['path'], message: string, line: number | undefined, event?: string): ParseResult {
  const issue: Issue = { code, path, message };
  if (line !== undefined) issue.line = line;
  if (event !== undefined) issue.event = event;
  return { ok: false, issues: [issue] };
}
/** parseEvent as it was before the fast path: zod alone. The oracle for parseEvent and parseLine. */
export function zodOnly(input: unknown, line?: number): ParseResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return one('not_an_object', [], 'an event must be a JSON object', line);
  const record = input as Record<string, unknown>;
  // The reader's rules (issue 13): values described, never stringified; ids, messages and paths cut, lone surrogates shown as escapes.
  const id = typeof record.id === 'string' ? clip(record.id, 128) : undefined;
  const type = record.type;
  if (typeof type !== 'string' || !knownTypes.includes(type)) {
    const got = typeof type === 'string' ? describeValue(type) : 'no type';
    return one('unknown_event_type', ['type'], `unknown event type ${got}; expected one of ${knownTypes.join(', ')}`, line, id);
  }
  if (record.v !== 1) return one('unsupported_version', ['v'], `unsupported schema version ${describeValue(record.v ?? null)}; this release reads version 1`, line, id);
  const parsed = eventSchemas[type as keyof typeof eventSchemas].safeParse(input);
  if (parsed.success) return { ok: true, event: parsed.data as never };
  if (deeperThan(input, parseLimits.maxDepth)) return one('too_deep', [], `the event nests arrays or objects deeper than ${parseLimits.maxDepth} levels (limit maxDepth)`, line, id);
  return {
    ok: false,
    // zod's issues as the reader words them (one per unknown key, paths and messages cut): the mapping is tested on its own, the verdict here.
    issues: fromZod(parsed.error.issues).map((issue) => {
      if (line !== undefined) issue.line = line;
      if (id !== undefined) issue.event = id;
      return issue;
    }),
  };
}

/** Whether a value nests deeper than `max` (the reader's depth limit), walked plainly. */
function deeperThan(value: unknown, max: number, depth = 0, seen = new Set<unknown>()): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth >= max) return true;
  if (seen.has(value)) return true;
  seen.add(value);
  return (Array.isArray(value) ? value : Object.values(value)).some((v) => deeperThan(v, max, depth + 1, seen));
}

