/**
 * The compiler kind by kind, beyond what the event schemas use: each schema
 * below leans on one zod rule (prefault vs default, first union option wins,
 * strip vs strict vs catchall objects, code points, regex state, the text
 * check (no lone surrogate) wherever it stands, records,
 * `__proto__` keys, inherited keys...). For inputs built from it, mutated,
 * or arbitrary JSON, the fast path declines or returns exactly zod's data.
 * Kinds it does not model decline for good, or throw in strict mode.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileFast, NOT_FAST } from '../../src/events/fast.js';
import { asText, clientRefSchema, idSchema, textSchema, WELL_FORMED } from '../../src/events/common.js';
import { eventSchemas } from '../../src/events/schema.js';
import { inputsOf, show } from './support.js';

const item = z.strictObject({ id: z.string().min(1), n: z.number().int().optional() });
const kinds: Record<string, z.core.$ZodType> = {
  'strip object (extra keys dropped)': z.object({ a: z.string(), b: z.number().optional() }),
  'loose object (extra keys kept)': z.looseObject({ a: z.string().trim() }),
  'catchall object (extra keys checked)': z.object({ a: z.boolean() }).catchall(z.string().min(2)),
  // A default is the output as is; a prefault is an input, parsed (trimmed) like any other.
  'default vs prefault': z.strictObject({ d: z.string().trim().default(' x '), p: z.string().trim().min(2).prefault('  yy '), o: z.number().default(3).optional() }),
  'default inside optional': z.object({ k: z.enum(['a', 'b']).default('a').optional(), n: z.number().optional().default(1) }),
  'nullable and optional stacked': z.strictObject({ a: z.string().nullable(), b: z.string().nullable().optional(), c: z.string().optional().nullable() }),
  'union: the first option that parses wins': z.union([z.object({ a: z.string() }), z.object({ a: z.string(), b: z.number() }), z.number().int()]),
  'union with refined options': z.union([z.string().refine((s) => s.startsWith('a')), z.string().min(3), z.number()]),
  'discriminated union': z.discriminatedUnion('k', [z.strictObject({ k: z.literal('a'), x: z.number() }), z.strictObject({ k: z.literal(['b', 'c']), y: z.string().optional() })]),
  'literals and enums': z.strictObject({ l: z.literal([1, 'one', true, null]), e: z.enum(['x', 'y']), n: z.enum({ A: 1, B: 2 }) }),
  'numbers: int, bounds, multiples, formats': z.strictObject({ i: z.number().int().gte(-5).lt(5), f: z.number().gt(0).lte(1.5), m: z.number().multipleOf(0.5).optional(), i32: z.int32().optional(), f32: z.float32().optional() }),
  'strings: code point lengths': z.strictObject({ a: z.string().min(2).max(3), b: z.string().length(2), c: z.string().trim().max(2).optional() }),
  'strings: overwrites in check order': z.strictObject({ a: z.string().min(2).trim().toLowerCase().max(3), b: z.string().trim().regex(/^[a-z]+$/).optional() }),
  'strings: a global regex keeps no state': z.array(z.string().regex(/^a+$/g)).max(5),
  'string formats': z.strictObject({ t: z.iso.datetime({ offset: true }), d: z.iso.date().optional(), u: z.uuid().optional(), e: z.email().optional(), h: z.iso.time().optional() }),
  'arrays: bounds and nesting': z.strictObject({ a: z.array(item).min(1).max(3), b: z.array(z.array(z.number())).length(2).optional(), c: z.array(z.string()).nonempty().optional() }),
  'records': z.record(z.string().min(2), z.number()),
  'loose record': z.looseRecord(z.string().regex(/^k/), z.string()),
  'loose record with numeric keys': z.looseRecord(z.number().int(), z.string().trim()),
  'refinements where zod runs them': z.strictObject({ a: z.string().refine((s) => s !== 'no'), b: z.array(z.number().refine((n) => n % 2 === 0)).optional() }).refine((o) => o.a.length + (o.b?.length ?? 0) < 6),
  'required any, unknown and undefined keys': z.strictObject({ a: z.any(), b: z.unknown(), u: z.undefined(), o: z.unknown().optional() }),
  'nonoptional and exactOptional': z.object({ a: z.string().optional().nonoptional(), b: z.string().exactOptional() }),
  'z.custom and booleans': z.strictObject({ c: z.custom<string>((v) => typeof v === 'string' && v.length < 4), b: z.boolean() }),
  'a client reference (strict, refined)': clientRefSchema,
  // The text check (no lone surrogate) last, as the helpers put it; first, before a trim; between overwrites; in arrays and nullables.
  'strings: the text check wherever it stands': z.strictObject({
    a: textSchema(3),
    b: z.string().regex(WELL_FORMED).trim().min(1).optional(),
    c: asText(z.string()).optional(),
    d: asText(z.string().trim().toLowerCase().max(4)).optional(),
    e: z.string().trim().regex(WELL_FORMED).toUpperCase().optional(),
    f: z.array(idSchema).max(3).optional(),
    g: idSchema.nullable().optional(),
  }),
};

const runs = { numRuns: 150 };

function agrees(schema: z.core.$ZodType, input: unknown): void {
  const fast = compileFast(schema)(input);
  const zod = z.safeParse(schema, input);
  if (fast !== NOT_FAST) {
    expect(zod.success).toBe(true);
    expect(show(fast)).toBe(show(zod.data));
  }
  const text = JSON.stringify(input);
  if (text === undefined) return;
  const mine: unknown = JSON.parse(text);
  const before = show(mine);
  const out = compileFast(schema, { json: true })(mine);
  const zodJson = z.safeParse(schema, JSON.parse(text));
  if (out !== NOT_FAST) {
    expect(zodJson.success).toBe(true);
    expect(show(out)).toBe(show(zodJson.data));
  }
  expect(show(mine)).toBe(before);
}

describe('compileFast, kind by kind: zod’s data or NOT_FAST', () => {
  for (const [name, schema] of Object.entries(kinds)) {
    test.prop([fc.oneof(inputsOf(schema), fc.jsonValue({ maxDepth: 3 }))], runs)(`${name}: agrees with zod on built, mutated and arbitrary inputs`, (input) => {
      agrees(schema, input);
    });
  }

  it('every kind above compiles without fallbacks', () => {
    for (const schema of Object.values(kinds)) expect(() => compileFast(schema, { strict: true })).not.toThrow();
  });

  it('takes the fast path for valid inputs of those kinds', () => {
    const cases: [z.core.$ZodType, unknown][] = [
      [kinds['default vs prefault'] as z.core.$ZodType, {}],
      [kinds['union: the first option that parses wins'] as z.core.$ZodType, { a: 'x', b: 1 }],
      [kinds['strings: code point lengths'] as z.core.$ZodType, { a: '😀😀😀', b: '😀x' }],
      [kinds['records'] as z.core.$ZodType, { ab: 1, cd: 2 }],
      [kinds['loose object (extra keys kept)'] as z.core.$ZodType, { a: ' x ', z: [1] }],
    ];
    for (const [schema, input] of cases) {
      const out = compileFast(schema)(input);
      expect(out).not.toBe(NOT_FAST);
      expect(show(out)).toBe(show(z.parse(schema, input)));
    }
    expect(compileFast(kinds['default vs prefault'] as z.core.$ZodType)({})).toEqual({ d: ' x ', p: 'yy', o: 3 });
    // A global regex's lastIndex is reset before every test, as zod does.
    expect(compileFast(kinds['strings: a global regex keeps no state'] as z.core.$ZodType)(['aaa', 'aa', 'a'])).toEqual(['aaa', 'aa', 'a']);
  });
});

describe('what the compiler does not model declines for good, and strict mode names it', () => {
  const unmodelled: [string, z.core.$ZodType, unknown][] = [
    ['a transform', z.string().transform((s) => s.length), 'abc'],
    ['a pipe', z.string().pipe(z.string().min(1)), 'abc'],
    ['a superRefine', z.string().superRefine(() => undefined), 'abc'],
    ['a check function', z.string().check(() => undefined), 'abc'],
    ['coercion', z.coerce.number(), '12'],
    ['catch', z.string().catch('x'), 'abc'],
    ['readonly', z.object({ a: z.string() }).readonly(), { a: 'x' }],
    ['a tuple', z.tuple([z.string()]), ['x']],
    ['a lazy (recursive) schema', z.lazy(() => z.string()), 'x'],
    ['an xor', z.xor([z.string(), z.number()]), 'x'],
    ['includes', z.string().includes('b'), 'abc'],
    ['a url', z.url(), 'https://example.com'],
  ];
  it.each(unmodelled)('%s: NOT_FAST even for a valid input, and strict mode throws', (_what, schema, input) => {
    expect(z.safeParse(schema, input).success).toBe(true);
    expect(compileFast(schema)(input)).toBe(NOT_FAST);
    expect(() => compileFast(schema, { strict: true })).toThrow(/compileFast/);
  });

  it('an unmodelled optional field that is absent costs nothing; present, the whole object declines', () => {
    const schema = z.strictObject({ a: z.string(), t: z.string().transform((s) => s.length).optional() });
    expect(compileFast(schema)({ a: 'x' })).toEqual({ a: 'x' });
    expect(compileFast(schema)({ a: 'x', t: 'abc' })).toBe(NOT_FAST);
  });

  it('a union does not pass over a failed option in which zod would still run user code', () => {
    const boom = z.string().refine(() => {
      throw new Error('refinement ran');
    });
    const schema = z.union([z.strictObject({ a: z.number(), b: boom }), z.strictObject({ a: z.string(), b: z.string() })]);
    const input = { a: 'x', b: 'y' };
    expect(() => z.safeParse(schema, input)).toThrow('refinement ran');
    expect(compileFast(schema)(input)).toBe(NOT_FAST);
  });

  it('a union does not pass over an option it cannot judge', () => {
    const schema = z.union([z.string().transform((s) => s.length), z.string()]);
    expect(compileFast(schema)('abc')).toBe(NOT_FAST);
    expect(z.parse(schema, 'abc')).toBe(3);
  });

  it('a recursive object schema compiles (its cycle declines) without looping', () => {
    const node: z.ZodType = z.object({
      name: z.string(),
      get children() {
        return z.array(node).optional();
      },
    });
    expect(compileFast(node)({ name: 'a' })).toEqual({ name: 'a' });
    expect(compileFast(node)({ name: 'a', children: [{ name: 'b' }] })).toBe(NOT_FAST);
    expect(() => compileFast(node, { strict: true })).toThrow(/recursive/);
  });
});

describe('__proto__ and inherited keys are judged as zod judges them', () => {
  const visit = '{"v":1,"id":"e2","type":"registerVisit","at":"2026-11-01T10:00:00+08:00","office":"jz","client":{"name":"张伟","phone":"138"}}';
  const polluted = visit.replace('"office":"jz"', '"office":"jz","__proto__":{"polluted":1}').replace('"phone":"138"', '"phone":"138","__proto__":{"x":1}');

  it('an own __proto__ key is an unknown key of a strict object: declined, nothing polluted', () => {
    const schema = eventSchemas.registerVisit;
    for (const fast of [compileFast(schema), compileFast(schema, { json: true })]) {
      expect(fast(JSON.parse(polluted))).toBe(NOT_FAST);
      expect(schema.safeParse(JSON.parse(polluted)).success).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('a stripping object drops an own __proto__ key, as zod does, and keeps Object.prototype', () => {
    const schema = z.object({ a: z.string(), b: z.object({ c: z.number() }) });
    const text = '{"a":"x","__proto__":{"a":"y"},"b":{"__proto__":[1],"c":1}}';
    for (const fast of [compileFast(schema), compileFast(schema, { json: true })]) {
      const out = fast(JSON.parse(text));
      expect(show(out)).toBe(show(z.parse(schema, JSON.parse(text))));
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    }
  });

  it('keys inherited from a polluted Object.prototype are read as zod reads them', () => {
    const proto = Object.prototype as Record<string, unknown>;
    const cases: [z.core.$ZodType, string][] = [
      [eventSchemas.registerVisit, visit],
      [eventSchemas.refund, '{"v":1,"id":"r","type":"refund","at":"2026-11-01T10:00:00+08:00","office":"jz","deal":"D1"}'],
      [z.object({ a: z.string(), reason: z.string().optional() }), '{"a":"x"}'],
    ];
    // Compiled before the pollution: compiling after it sees the key on Object.prototype and takes the exact walk.
    const compiled = cases.map(([schema, text]) => [schema, text, [compileFast(schema), compileFast(schema, { json: true })]] as const);
    for (const key of ['reason', 'note', 'purpose']) {
      for (const value of ['polluted', 42, 'view']) {
        proto[key] = value;
        try {
          for (const [schema, text, parsers] of compiled) {
            for (const fast of parsers) {
              const out = fast(JSON.parse(text));
              const zod = z.safeParse(schema, JSON.parse(text));
              if (out !== NOT_FAST) expect(show(out)).toBe(show(zod.data));
            }
          }
        } finally {
          delete proto[key];
        }
      }
    }
  });

  it('a loose object keeps an own __proto__ key out of its output, as zod does', () => {
    const schema = z.looseObject({ a: z.string() });
    const text = '{"a":"x","__proto__":{"polluted":1},"b":2}';
    for (const fast of [compileFast(schema), compileFast(schema, { json: true })]) {
      const out = fast(JSON.parse(text));
      expect(show(out)).toBe(show(z.parse(schema, JSON.parse(text))));
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    }
  });

  it('an object of another prototype, or with hidden or symbol keys, is judged key for key like zod', () => {
    const schema = z.object({ a: z.string(), b: z.string().optional() });
    class Box {
      a = 'x';
    }
    const hidden = Object.defineProperty({ a: 'x' }, 'b', { value: 'y', enumerable: false });
    const withSymbol = { a: 'x', [Symbol('s')]: 1 };
    const inherited = Object.create({ b: 'z' }) as Record<string, unknown>;
    inherited.a = 'x';
    const present = { a: 'x', b: undefined };
    for (const input of [new Box(), hidden, withSymbol, inherited, present, Object.assign(Object.create(null) as object, { a: 'x' })]) {
      const out = compileFast(schema)(input);
      expect(out).not.toBe(NOT_FAST);
      expect(show(out)).toBe(show(z.parse(schema, input)));
    }
  });
});
