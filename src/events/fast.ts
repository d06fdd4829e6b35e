/**
 * A fast path for valid events, compiled from the zod schemas themselves.
 *
 * `compileFast` walks a zod v4 schema's definitions and builds a tree of
 * closures (no `new Function`, so it runs where eval is forbidden) that, for
 * an input zod accepts, returns exactly zod's output: same values, same key
 * order, defaults applied, overwrite checks (`.trim()`) applied in check
 * order, refinements run through zod's own functions where zod runs them.
 * Whenever it is not sure it answers {@link NOT_FAST} and the caller asks
 * zod, which then also produces the issues.
 *
 * The semantics mirror `node_modules/zod/v4/core/schemas.js` and `checks.js`
 * (zod 4.6): object keys as `$ZodObjectJIT` assigns them, `optin`/`optout`
 * read from zod itself, strings measured in code points, and so on. The text
 * check of events/common.ts (a regex check with `WELL_FORMED`: no lone
 * surrogate) runs as `isWellFormed`, natively.
 *
 * Two internal answers travel up the tree: FAIL (zod certainly reports an
 * issue) and NOT_FAST (not sure). A union, or an absent optional key, may
 * pass over a FAIL as zod passes over its issues, but only where no user
 * code (refinement, overwrite, default) could have thrown further on.
 *
 * In JSON mode (`{ json: true }`) inputs are fresh `JSON.parse` results: an
 * object's keys are then read by one for...in, and an input that already is
 * zod's output is returned as is. Its one assumption beyond JSON: no one
 * gives Object.prototype, after compiling, a non-enumerable property named
 * like a schema key (zod would read it; an enumerable one is seen and
 * handled, and a key Object.prototype has at compile time takes the exact walk).
 */
import { z } from 'zod';
import { isLater, isWellFormed, WELL_FORMED } from './common.js';
import { eventSchemas, type Event } from './schema.js';

/**
 * What a compiled fast path answers when it cannot vouch for an input: the
 * input may be invalid, or use a schema feature the compiler does not model.
 * The caller then parses with zod.
 *
 * @example
 * ```ts
 * const out = compileFast(schema)(input);
 * const data = out === NOT_FAST ? schema.parse(input) : out;
 * ```
 */
export const NOT_FAST: unique symbol = Symbol('salesfloor.notFast');

/**
 * A compiled fast path: zod's output for an input zod accepts, else {@link NOT_FAST}.
 *
 * @example
 * ```ts
 * const fast: FastParser = compileFast(z.string().trim());
 * fast('  a '); // 'a'
 * ```
 */
export type FastParser = (input: unknown) => unknown;

/**
 * Options of {@link compileFast}.
 *
 * @example
 * ```ts
 * compileFast(schema, { strict: true }); // throws on a kind it does not model
 * ```
 */
export interface CompileFastOptions {
  /** Throw at compile time on a schema kind or check the compiler does not model, instead of compiling it to a permanent fallback. For tests. */
  strict?: boolean;
  /**
   * Inputs are fresh `JSON.parse` results that the caller hands over and never mutates afterwards: plain data
   * whose keys are all own and enumerable. The fast path then reads only the keys an object has, and returns an
   * input that already is zod's output (same keys in the same order, same values) instead of copying it. It
   * never mutates the input, so a declined one can still go to zod.
   */
  json?: boolean;
}

// zod certainly reports issues here, and reached it without running user code it would have run.
const FAIL: unique symbol = Symbol('salesfloor.fail');

type Run = (value: unknown) => unknown;
type Callback = (value: unknown) => unknown;

interface Node {
  readonly run: Run;
  /** FAIL from this node proves zod fails without throwing: no user callbacks, no unmodelled kinds inside. */
  readonly definite: boolean;
}

type Loose = { readonly [key: string]: unknown };

interface Internals {
  readonly def: Loose;
  readonly traits: ReadonlySet<string> | undefined;
  readonly zod: Loose;
}

interface Ctx {
  readonly strict: boolean;
  readonly json: boolean;
  readonly done: Map<object, Node>;
  readonly open: Set<object>;
  readonly path: string[];
}

const isObj = (v: unknown): v is Loose => typeof v === 'object' && v !== null;
const isRecordLike = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function internals(schema: unknown): Internals | undefined {
  if (!isObj(schema)) return undefined;
  const zod = schema._zod;
  if (!isObj(zod) || !isObj(zod.def)) return undefined;
  const traits = zod.traits instanceof Set ? (zod.traits as ReadonlySet<string>) : undefined;
  return { def: zod.def, traits, zod };
}

const callback = (v: unknown): Callback | undefined => (typeof v === 'function' ? (v as Callback) : undefined);

/** The checks zod runs after a schema's own parse, in its order (`$ZodType`: a schema that is itself a check goes first). */
function checksOf(schema: unknown, zi: Internals): unknown[] {
  const checks: unknown[] = zi.traits?.has('$ZodCheck') ? [schema] : [];
  if (Array.isArray(zi.def.checks)) checks.push(...(zi.def.checks as unknown[]));
  return checks;
}

// The `when` zod gives every length check by default (`_whenHasLength`), probed so a custom one is told apart.
const defaultLengthWhen: unknown = new z.core.$ZodCheckMinLength({ check: 'min_length', minimum: 0 })._zod.def.when;

// Formats whose check is `def.pattern` alone (`$ZodCheckStringFormat`); the others override the check.
const PATTERN_FORMATS = new Set([
  'regex', 'datetime', 'date', 'time', 'duration', 'uuid', 'guid', 'email', 'cuid', 'cuid2', 'ulid', 'xid', 'ksuid',
  'nanoid', 'emoji', 'ipv4', 'e164', 'mac', 'cidrv4', 'lowercase', 'uppercase',
]);

function refuse(ctx: Ctx, why: string): void {
  if (ctx.strict) throw new Error(`compileFast: ${why} at ${ctx.path.join('.') || '(root)'}`);
}

function unsupported(ctx: Ctx, why: string): Node {
  refuse(ctx, why);
  return { run: () => NOT_FAST, definite: false };
}

/**
 * Compiles a zod v4 schema to a fast path: a function that returns exactly
 * `schema.safeParse(input).data` for an input zod accepts, and
 * {@link NOT_FAST} when zod rejects the input or the compiler is not sure.
 * Schema kinds and checks it does not model compile to a permanent
 * {@link NOT_FAST} for their subtree (or throw with `strict`).
 *
 * @param schema - a zod v4 schema
 * @param options - `strict: true` throws on what the compiler does not model; `json: true` for fresh JSON.parse results
 * @returns the fast path
 * @example
 * ```ts
 * const fast = compileFast(z.strictObject({ name: z.string().trim().min(1) }));
 * fast({ name: ' Li ' }); // { name: 'Li' }
 * fast({ name: ' ' }); // NOT_FAST: ask zod for the issues
 * ```
 */
export function compileFast(schema: z.core.$ZodType, options: CompileFastOptions = {}): FastParser {
  const node = compile(schema, { strict: options.strict === true, json: options.json === true, done: new Map(), open: new Set(), path: [] });
  const run = node.run;
  return (input) => {
    const out = run(input);
    return out === FAIL ? NOT_FAST : out;
  };
}

function compile(schema: unknown, ctx: Ctx): Node {
  const zi = internals(schema);
  if (zi === undefined || !isObj(schema)) return unsupported(ctx, 'a value that is not a zod schema');
  const cached = ctx.done.get(schema);
  if (cached !== undefined) return cached;
  if (ctx.open.has(schema)) return unsupported(ctx, 'a recursive schema');
  ctx.open.add(schema);
  let node: Node;
  try {
    node = build(schema, zi, ctx);
  } finally {
    ctx.open.delete(schema);
  }
  ctx.done.set(schema, node);
  return node;
}

function child(schema: unknown, key: string, ctx: Ctx): Node {
  ctx.path.push(key);
  try {
    return compile(schema, ctx);
  } finally {
    ctx.path.pop();
  }
}

function compileOps(schema: unknown, zi: Internals, ctx: Ctx): { ops: Op[]; definite: boolean } {
  const ops: Op[] = [];
  let definite = true;
  for (const [i, check] of checksOf(schema, zi).entries()) {
    ctx.path.push(`<check ${i}>`);
    try {
      const op = compileCheck(check, ctx);
      ops.push(op);
      definite &&= op.definite;
    } finally {
      ctx.path.pop();
    }
  }
  return { ops, definite };
}

function build(schema: object, zi: Internals, ctx: Ctx): Node {
  const def = zi.def;
  if (def.coerce) return unsupported(ctx, `coercion (${String(def.type)})`);
  const { ops, definite } = compileOps(schema, zi, ctx);
  // The two commonest leaves run their checks in the same closure.
  if (def.type === 'string') {
    const run: Run = ops.length === 0 ? (v) => (typeof v === 'string' ? v : FAIL) : (v) => (typeof v === 'string' ? runOps(ops, v) : FAIL);
    return { run, definite };
  }
  if (def.type === 'number') {
    const run: Run = ops.length === 0
      ? (v) => (typeof v === 'number' && Number.isFinite(v) ? v : FAIL)
      : (v) => (typeof v === 'number' && Number.isFinite(v) ? runOps(ops, v) : FAIL);
    return { run, definite };
  }
  // An object runs its own checks (refinements) at the end of its walk: one call less.
  if (def.type === 'object') {
    const node = buildObject(zi, ops, ctx);
    return { run: node.run, definite: definite && node.definite };
  }
  const base = buildBase(zi, ctx);
  if (ops.length === 0) return base;
  const run = base.run;
  return {
    run: (v) => {
      const o = run(v);
      return o === FAIL || o === NOT_FAST ? o : runOps(ops, o);
    },
    definite: definite && base.definite,
  };
}

const leaf = (run: Run): Node => ({ run, definite: true });

function buildBase(zi: Internals, ctx: Ctx): Node {
  const def = zi.def;
  switch (def.type) {
    case 'boolean':
      return leaf((v) => (typeof v === 'boolean' ? v : FAIL));
    case 'null':
      return leaf((v) => (v === null ? v : FAIL));
    case 'undefined':
    case 'void':
      return leaf((v) => (v === undefined ? v : FAIL));
    case 'any':
    case 'unknown':
      return leaf((v) => v);
    case 'never':
      return leaf(() => FAIL);
    case 'literal': {
      if (!Array.isArray(def.values)) return unsupported(ctx, 'a literal without values');
      const values = new Set<unknown>(def.values);
      const [only] = def.values as unknown[];
      // Set.has is SameValueZero; `===` agrees with it except on NaN.
      if (values.size === 1 && only === only) return leaf((v) => (v === only ? v : FAIL));
      return leaf((v) => (values.has(v) ? v : FAIL));
    }
    case 'enum': {
      const values = zi.zod.values;
      if (!(values instanceof Set)) return unsupported(ctx, 'an enum without values');
      return leaf((v) => (values.has(v) ? v : FAIL));
    }
    case 'custom':
      // `$ZodCustom` parses as the identity; its predicate runs as its own check.
      return leaf((v) => v);
    case 'object':
      return buildObject(zi, [], ctx);
    case 'array':
      return buildArray(zi, ctx);
    case 'optional':
      return buildOptional(zi, ctx);
    case 'nullable': {
      const inner = child(def.innerType, '<nullable>', ctx);
      const run = inner.run;
      return { run: (v) => (v === null ? null : run(v)), definite: inner.definite };
    }
    case 'default': {
      const inner = child(def.innerType, '<default>', ctx);
      const run = inner.run;
      // Read per parse: the getter clones (or calls) the default, as `$ZodDefault` does.
      return {
        run: (v) => {
          if (v === undefined) return def.defaultValue;
          const o = run(v);
          return o === undefined ? def.defaultValue : o;
        },
        definite: false,
      };
    }
    case 'prefault': {
      const run = child(def.innerType, '<prefault>', ctx).run;
      return { run: (v) => run(v === undefined ? def.defaultValue : v), definite: false };
    }
    case 'nonoptional': {
      const inner = child(def.innerType, '<nonoptional>', ctx);
      const run = inner.run;
      return {
        run: (v) => {
          const o = run(v);
          return o === undefined ? FAIL : o;
        },
        definite: inner.definite,
      };
    }
    case 'union':
      return typeof def.discriminator === 'string' ? buildDiscriminated(zi, def.discriminator, ctx) : buildUnion(zi, ctx);
    case 'record':
      return buildRecord(zi, ctx);
    default:
      return unsupported(ctx, `schema kind ${String(def.type)}`);
  }
}

function buildOptional(zi: Internals, ctx: Ctx): Node {
  const def = zi.def;
  const inner = child(def.innerType, '<optional>', ctx);
  const run = inner.run;
  // exactOptional delegates everything, undefined included.
  if (zi.traits?.has('$ZodExactOptional')) return inner;
  if (internals(def.innerType)?.zod.optin !== 'defaulted') return { run: (v) => (v === undefined ? v : run(v)), definite: inner.definite };
  // Only a defaulted inner substitutes for absence; when it fails, zod drops its issues and yields undefined.
  const definite = inner.definite;
  return {
    run: (v) => {
      if (v !== undefined) return run(v);
      const o = run(undefined);
      if (o === FAIL) return definite ? undefined : NOT_FAST;
      return o;
    },
    definite,
  };
}

// How an object places a property, from the property schema's optin/optout (`handlePropertyResult`, `$ZodObjectJIT`).
const REQUIRED = 0; // no optin: must be present
const OPTIONAL = 1; // optin optional, optout optional: an absent key contributes nothing
const OPTIONAL_DEFAULTED = 2; // optin defaulted, optout optional
const DEFAULTED = 3; // optin defaulted, optout not optional: always assigned
const OPTIONAL_IN = 4; // optin optional, optout not optional

// Leaves a field checks itself, in the object's own loop: a call per field is most of the cost.
const K_NODE = 0;
const K_STRING = 1;
const K_NUMBER = 2;
const K_LITERAL = 3;
const K_ENUM = 4;
const K_BOOLEAN = 5;
// Strings whose checks are length bounds, optionally after one overwrite (`.trim()`), or one pattern.
const K_STRING_LENGTH = 6;
const K_STRING_TX_LENGTH = 7;
const K_STRING_PATTERN = 8;
// An enum of a few strings.
const K_ENUM_LIST = 9;
// K_STRING_LENGTH and K_STRING_TX_LENGTH with the text check last (no lone surrogate).
const K_STRING_LENGTH_TEXT = 10;
const K_STRING_TX_LENGTH_TEXT = 11;

interface Field {
  readonly key: string;
  readonly mode: number;
  /** A plain `.optional()`: zod's answer for `undefined` is `undefined`, so the inner runs only on defined values. */
  readonly skipsUndefined: boolean;
  readonly definite: boolean;
  readonly kind: number;
  readonly run: Run;
  readonly ops: readonly Op[];
  readonly value: unknown;
  readonly set: ReadonlySet<unknown> | null;
  /** Length bounds in code points (K_STRING_*LENGTH), and twice the lower one. */
  readonly lo: number;
  readonly lo2: number;
  readonly hi: number;
  readonly re: RegExp | null;
  readonly tx: Callback | null;
  readonly list: readonly unknown[] | null;
}

const noRun: Run = () => NOT_FAST;

function evalField(f: Field, v: unknown): unknown {
  switch (f.kind) {
    case K_STRING_LENGTH:
      return typeof v === 'string' && inLength(f, v) ? v : FAIL;
    case K_STRING_TX_LENGTH: {
      if (typeof v !== 'string') return FAIL;
      const t = (f.tx as Callback)(v);
      if (typeof t !== 'string') return runOps(f.ops, t);
      return inLength(f, t) ? t : FAIL;
    }
    case K_STRING_PATTERN: {
      if (typeof v !== 'string') return FAIL;
      const re = f.re as RegExp;
      re.lastIndex = 0;
      return re.test(v) ? v : FAIL;
    }
    case K_STRING_LENGTH_TEXT:
      return typeof v === 'string' && inLength(f, v) && isWellFormed(v) ? v : FAIL;
    case K_STRING_TX_LENGTH_TEXT: {
      if (typeof v !== 'string') return FAIL;
      const t = (f.tx as Callback)(v);
      if (typeof t !== 'string') return runOps(f.ops, t);
      return inLength(f, t) && isWellFormed(t) ? t : FAIL;
    }
    case K_STRING:
      return typeof v !== 'string' ? FAIL : f.ops.length === 0 ? v : runOps(f.ops, v);
    case K_NUMBER:
      return typeof v !== 'number' || !Number.isFinite(v) ? FAIL : f.ops.length === 0 ? v : runOps(f.ops, v);
    case K_LITERAL:
      return v === f.value ? v : FAIL;
    case K_ENUM:
      return (f.set as ReadonlySet<unknown>).has(v) ? v : FAIL;
    case K_ENUM_LIST: {
      // A few strings: comparing beats hashing a string fresh from JSON.parse.
      const list = f.list as readonly unknown[];
      for (let i = 0; i < list.length; i++) if (list[i] === v) return v;
      return FAIL;
    }
    case K_BOOLEAN:
      return typeof v === 'boolean' ? v : FAIL;
    default:
      return f.run(v);
  }
}

// zod's min/max/length checks on a string all agree with comparing its code point count, which is at least
// half its UTF-16 length: only a length outside [2 * lo, hi] needs counting.
function inLength(f: Field, v: string): boolean {
  const units = v.length;
  if (units >= f.lo2 && units <= f.hi) return true;
  if (units < f.lo) return false;
  const points = codePointLength(v);
  return points >= f.lo && points <= f.hi;
}

interface StringPlan {
  readonly kind: number;
  readonly ops: readonly Op[];
  readonly lo: number;
  readonly hi: number;
  readonly re: RegExp | null;
  readonly tx: Callback | null;
}

function stringPlan(ops: readonly Op[]): StringPlan {
  const generic: StringPlan = { kind: K_STRING, ops, lo: 0, hi: Infinity, re: null, tx: null };
  const [first] = ops;
  const tx = first !== undefined && first.kind === OP_OVERWRITE && first.when === WHEN_ALWAYS ? first.f : null;
  // The text check last runs on the final value, whatever came before it: it can follow the length bounds.
  const last = ops[ops.length - 1];
  const text = last !== undefined && last.kind === OP_WELL_FORMED && last.when === WHEN_ALWAYS;
  const rest = ops.slice(tx === null ? 0 : 1, text ? -1 : ops.length);
  if (rest.length === 0 && tx === null && !text) return generic;
  if (tx === null && !text && rest.length === 1 && rest[0]?.kind === OP_PATTERN && rest[0].when === WHEN_ALWAYS) return { ...generic, kind: K_STRING_PATTERN, re: rest[0].re };
  let lo = 0;
  let hi = Infinity;
  for (const op of rest) {
    if (op.when !== WHEN_HAS_LENGTH) return generic;
    if (op.kind === OP_MIN_LENGTH) lo = Math.max(lo, op.n);
    else if (op.kind === OP_MAX_LENGTH) hi = Math.min(hi, op.n);
    else if (op.kind === OP_LENGTH) {
      lo = Math.max(lo, op.n);
      hi = Math.min(hi, op.n);
    } else return generic;
  }
  // A transform that gives no string runs the checks after it one by one, the text check included.
  if (text) return { kind: tx === null ? K_STRING_LENGTH_TEXT : K_STRING_TX_LENGTH_TEXT, ops: [...rest, last], lo, hi, re: null, tx };
  return { kind: tx === null ? K_STRING_LENGTH : K_STRING_TX_LENGTH, ops: rest, lo, hi, re: null, tx };
}

function field(key: string, schema: unknown, ctx: Ctx): Field {
  const zi = internals(schema);
  const optin = zi?.zod.optin;
  const optout = zi?.zod.optout === 'optional';
  const mode = optin === undefined ? REQUIRED : optout ? (optin === 'defaulted' ? OPTIONAL_DEFAULTED : OPTIONAL) : optin === 'defaulted' ? DEFAULTED : OPTIONAL_IN;
  const plainOptional =
    zi !== undefined &&
    zi.def.type === 'optional' &&
    !zi.traits?.has('$ZodExactOptional') &&
    checksOf(schema, zi).length === 0 &&
    internals(zi.def.innerType)?.zod.optin !== 'defaulted' &&
    mode === OPTIONAL;
  const target = plainOptional && zi !== undefined ? zi.def.innerType : schema;
  const tz = internals(target);
  ctx.path.push(key);
  if (plainOptional) ctx.path.push('<optional>');
  try {
    const make = (kind: number, definite: boolean, run: Run, ops: readonly Op[], value: unknown, set: ReadonlySet<unknown> | null, plan?: StringPlan): Field => ({
      key,
      mode,
      skipsUndefined: plainOptional,
      definite,
      kind,
      run,
      ops,
      value,
      set,
      lo: plan?.lo ?? 0,
      lo2: (plan?.lo ?? 0) * 2,
      hi: plan?.hi ?? Infinity,
      re: plan?.re ?? null,
      tx: plan?.tx ?? null,
      list: kind === K_ENUM_LIST && set !== null ? [...set] : null,
    });
    if (tz !== undefined && isObj(target) && !tz.def.coerce) {
      const type = tz.def.type;
      if (type === 'string') {
        const { ops, definite } = compileOps(target, tz, ctx);
        const plan = stringPlan(ops);
        return make(plan.kind, definite, noRun, plan.ops, undefined, null, plan);
      }
      if (type === 'number') {
        const { ops, definite } = compileOps(target, tz, ctx);
        return make(K_NUMBER, definite, noRun, ops, undefined, null);
      }
      if (checksOf(target, tz).length === 0) {
        const values = tz.def.values;
        if (type === 'literal' && Array.isArray(values) && values.length === 1 && values[0] === values[0]) return make(K_LITERAL, true, noRun, [], values[0], null);
        if (type === 'enum' && tz.zod.values instanceof Set) {
          const values: ReadonlySet<unknown> = tz.zod.values;
          // `===` is Set.has's SameValueZero on strings.
          const few = values.size <= 8 && [...values].every((x) => typeof x === 'string');
          return make(few ? K_ENUM_LIST : K_ENUM, true, noRun, [], undefined, values);
        }
        if (type === 'boolean') return make(K_BOOLEAN, true, noRun, [], undefined, null);
      }
    }
    const node = compile(target, ctx);
    return make(K_NODE, node.definite, node.run, [], undefined, null);
  } finally {
    if (plainOptional) ctx.path.pop();
    ctx.path.pop();
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

function buildObject(zi: Internals, ops: readonly Op[], ctx: Ctx): Node {
  const def = zi.def;
  const shape = def.shape;
  if (!isObj(shape)) return unsupported(ctx, 'an object without a shape');
  if (Object.getOwnPropertySymbols(shape).length > 0) return unsupported(ctx, 'an object with symbol keys');
  const keys = Object.keys(shape);
  // zod strips a declared __proto__ from its output; not worth modelling.
  if (keys.includes('__proto__')) return unsupported(ctx, 'an object with a __proto__ key');
  const fields = keys.map((key) => field(key, shape[key], ctx));
  let definite = fields.every((f) => f.definite);
  const catchall = def.catchall;
  const strict = catchall !== undefined && internals(catchall)?.def.type === 'never';
  let extraRun: Run | undefined;
  if (catchall !== undefined && !strict) {
    const extra = child(catchall, '<catchall>', ctx);
    extraRun = extra.run;
    definite &&= extra.definite;
  }
  const keySet = new Set(keys);
  const n = fields.length;
  const checked = ops.length > 0;
  // The commonest object check, one `.refine`, called in place.
  const [only] = ops;
  const refine = ops.length === 1 && only !== undefined && only.kind === OP_REFINE && only.when === WHEN_ALWAYS ? only.f : null;
  const finish = (o: Record<string, unknown>): unknown => {
    if (refine === null) return runOps(ops, o);
    const r = refine(o);
    // An async refinement in a sync parse makes zod throw: let zod do it.
    if (r instanceof Promise) return NOT_FAST;
    return r ? o : FAIL;
  };

  // The exact walk, read for read what `$ZodObjectJIT` does: for any object.
  const exact: Run = (input) => {
    if (!isRecordLike(input)) return FAIL;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      const f = fields[i] as Field;
      const key = f.key;
      const v = input[key];
      if (v !== undefined) {
        // A defined value means a present key (`in` agrees for every object but a Proxy whose traps disagree), and a present key is always assigned.
        const o = evalField(f, v);
        if (o === FAIL || o === NOT_FAST) return o;
        out[key] = o;
        continue;
      }
      if (f.skipsUndefined) {
        if (key in input) out[key] = undefined;
        continue;
      }
      const o = evalField(f, undefined);
      if (o === NOT_FAST) return NOT_FAST;
      switch (f.mode) {
        case REQUIRED:
          if (o === FAIL || !(key in input)) return FAIL;
          out[key] = o;
          break;
        case OPTIONAL:
        case OPTIONAL_DEFAULTED:
          if (o === FAIL) {
            if (key in input) return FAIL;
            // zod ignores issues on an absent key, but may have run user code past where this stopped.
            if (!f.definite) return NOT_FAST;
          } else if (key in input || (f.mode === OPTIONAL_DEFAULTED && o !== undefined)) out[key] = o;
          break;
        case DEFAULTED:
          if (o === FAIL) return FAIL;
          out[key] = o;
          break;
        default:
          if (o === FAIL) return FAIL;
          if (o !== undefined || key in input) out[key] = o;
      }
    }
    if (strict) {
      // for...in as zod does: inherited enumerable keys count, and an own __proto__ is unrecognized.
      for (const key in input) if (!keySet.has(key)) return FAIL;
    } else if (extraRun !== undefined) {
      for (const key in input) {
        if (keySet.has(key) || key === '__proto__') continue;
        const o = extraRun(input[key]);
        if (o === FAIL || o === NOT_FAST) return o;
        out[key] = o;
      }
    }
    return checked ? finish(out) : out;
  };

  if (!ctx.json) return { run: exact, definite };

  // JSON mode: the input is a fresh JSON.parse result the caller hands over, so every key zod could see is an
  // own enumerable one and one for...in finds them all; an input already in zod's shape is its own output.
  const index = new Map(keys.map((k, i) => [k, i]));
  // Per for...in position, the key last seen there and its shape index (-1: not in the shape).
  // Every entry is a true pair from the start: a cache, never a guess.
  const seen: string[] = n === 0 ? [] : Array.from({ length: n + 4 }, (_, p) => keys[p % n] as string);
  const seenIndex: number[] = n === 0 ? [] : Array.from({ length: n + 4 }, (_, p) => p % n);
  // A key Object.prototype has (`constructor`...) is seen by zod on every object: leave those to the exact walk.
  if (n > 30 || extraRun !== undefined || keys.some((k) => k in Object.prototype)) return { run: exact, definite };
  let required = 0;
  // Absent fields zod answers for itself (defaults, checked optionals): not required, not a plain optional.
  let special = 0;
  for (const [i, f] of fields.entries()) {
    if (f.mode === REQUIRED) required |= 1 << i;
    else if (!f.skipsUndefined) special |= 1 << i;
  }
  const present = (f: Field, v: unknown): unknown => (v === undefined && f.skipsUndefined ? undefined : evalField(f, v));
  // Slots reused from call to call; a refinement that parses again from inside gets its own.
  const scratch: unknown[] = new Array(n);
  let busy = false;
  const run: Run = (input) => {
    if (!isRecordLike(input)) return FAIL;
    if (busy) return walk(input, new Array<unknown>(n));
    busy = true;
    try {
      return walk(input, scratch);
    } finally {
      busy = false;
    }
  };
  const walk = (input: Record<string, unknown>, values: unknown[]): unknown => {
    let mask = 0;
    let done = 0;
    let stored = 0;
    let next = 0;
    let reuse = true;
    let last: string | undefined;
    let at = 0;
    for (const key in input) {
      last = key;
      // The key at this position is most often the one seen here last time: a pointer compare.
      let i: number;
      if (at < seen.length && seen[at] === key) i = seenIndex[at] as number;
      else {
        i = index.get(key) ?? -1;
        if (at < seen.length) {
          seen[at] = key;
          seenIndex[at] = i;
        }
      }
      at++;
      if (i < next) {
        if (i < 0) {
          if (strict) return FAIL;
          reuse = false; // zod drops it
          continue;
        }
        reuse = false; // out of schema order
      }
      next = i + 1;
      const bit = 1 << i;
      mask |= bit;
      const f = fields[i] as Field;
      const v = input[key];
      if (f.definite) {
        // No user code inside: run it now, in whatever order the keys come. A failure is final and a success is always assigned.
        const o = present(f, v);
        if (o === FAIL || o === NOT_FAST) return o;
        done |= bit;
        // An unchanged value stays where it is: a store into the reused slots costs a write barrier.
        if (o !== v || (o === 0 && !Object.is(o, v))) {
          reuse = false;
          values[i] = o;
          stored |= bit;
        }
      } else {
        values[i] = v;
        stored |= bit;
      }
    }
    // for...in yields own keys before inherited ones: an own last key means no inherited key (not JSON, not this walk's business).
    if (last !== undefined && !hasOwn.call(input, last)) return exact(input);
    if ((mask & required) !== required) return FAIL;
    // The rest in schema order, as zod runs user code.
    if ((special & ~mask) === 0) {
      for (let m = mask & ~done; m !== 0; m &= m - 1) {
        const i = 31 - Math.clz32(m & -m);
        const v = values[i];
        const o = present(fields[i] as Field, v);
        if (o === FAIL || o === NOT_FAST) return o;
        if (o !== v || (o === 0 && !Object.is(o, v))) {
          values[i] = o;
          reuse = false;
        }
      }
    } else {
      for (let i = 0; i < n; i++) {
        const f = fields[i] as Field;
        const bit = 1 << i;
        if ((done & bit) !== 0) continue;
        if ((mask & bit) !== 0) {
          const v = values[i];
          const o = present(f, v);
          if (o === FAIL || o === NOT_FAST) return o;
          if (o !== v || (o === 0 && !Object.is(o, v))) {
            values[i] = o;
            reuse = false;
          }
          continue;
        }
        if (f.skipsUndefined) continue;
        const o = evalField(f, undefined);
        if (o === NOT_FAST) return NOT_FAST;
        if (o === FAIL) {
          if (f.mode === DEFAULTED || f.mode === OPTIONAL_IN) return FAIL;
          // zod ignores issues on an absent optional key, but may have run user code past where this stopped.
          if (!f.definite) return NOT_FAST;
          continue;
        }
        if (f.mode === DEFAULTED || (o !== undefined && f.mode !== OPTIONAL)) {
          values[i] = o;
          mask |= bit;
          stored |= bit;
          reuse = false;
        }
      }
    }
    // Same keys in the same order with the same values: the input is zod's output.
    if (reuse) return checked ? finish(input) : input;
    const out: Record<string, unknown> = {};
    for (let m = mask; m !== 0; m &= m - 1) {
      const i = 31 - Math.clz32(m & -m);
      const key = (fields[i] as Field).key;
      out[key] = (stored & (1 << i)) !== 0 ? values[i] : input[key];
    }
    return checked ? finish(out) : out;
  };
  return { run, definite };
}

function buildArray(zi: Internals, ctx: Ctx): Node {
  const def = zi.def;
  const element = child(def.element, '[]', ctx);
  const el = element.run;
  // zod fails an oversized array on its leading max checks before parsing any element (capSize).
  let cap = Infinity;
  const checks = Array.isArray(def.checks) ? (def.checks as z.core.$ZodCheck<never>[]) : [];
  for (const [max, check] of z.core.util.sizeCaps(checks)) {
    if (internals(check)?.def.when === defaultLengthWhen) cap = Math.min(cap, max);
  }
  if (ctx.json) {
    // Unchanged elements: the input array is the output.
    const run: Run = (v) => {
      if (!Array.isArray(v)) return FAIL;
      const n = v.length;
      if (n > cap) return FAIL;
      let out: unknown[] | undefined;
      for (let i = 0; i < n; i++) {
        const item: unknown = v[i];
        const o = el(item);
        if (o === FAIL || o === NOT_FAST) return o;
        if (out !== undefined) out[i] = o;
        else if (o !== item || (o === 0 && !Object.is(o, item))) {
          out = v.slice(0, n);
          out[i] = o;
        }
      }
      return out ?? v;
    };
    return { run, definite: element.definite };
  }
  const run: Run = (v) => {
    if (!Array.isArray(v)) return FAIL;
    const n = v.length;
    if (n > cap) return FAIL;
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const o = el(v[i]);
      if (o === FAIL || o === NOT_FAST) return o;
      out[i] = o;
    }
    return out;
  };
  return { run, definite: element.definite };
}

function buildUnion(zi: Internals, ctx: Ctx): Node {
  const def = zi.def;
  if (def.inclusive === false) return unsupported(ctx, 'an exclusive union (z.xor)');
  if (!Array.isArray(def.options)) return unsupported(ctx, 'a union without options');
  const options = (def.options as unknown[]).map((o, i) => child(o, `<option ${i}>`, ctx));
  const runs = options.map((o) => o.run);
  const definites = options.map((o) => o.definite);
  const run: Run = (v) => {
    // The first option zod accepts wins; a failed option may be passed over only when its failure is certain.
    for (let i = 0; i < runs.length; i++) {
      const o = (runs[i] as Run)(v);
      if (o === NOT_FAST) return NOT_FAST;
      if (o !== FAIL) return o;
      if (!definites[i]) return NOT_FAST;
    }
    return FAIL;
  };
  return { run, definite: definites.every(Boolean) };
}

function buildDiscriminated(zi: Internals, discriminator: string, ctx: Ctx): Node {
  const def = zi.def;
  if (!Array.isArray(def.options)) return unsupported(ctx, 'a discriminated union without options');
  // The option map zod builds (`discriminatorMap`): a shared undefined is ambiguous, any other duplicate an error.
  const map = new Map<unknown, Node | null>();
  const nodes: Node[] = [];
  for (const [i, option] of (def.options as unknown[]).entries()) {
    const values = internals(option)?.zod.propValues;
    const claimed = isObj(values) ? values[discriminator] : undefined;
    if (!(claimed instanceof Set) || claimed.size === 0) return unsupported(ctx, 'a discriminated union option without discriminator values');
    const node = child(option, `<${discriminator} option ${i}>`, ctx);
    nodes.push(node);
    for (const value of claimed) {
      if (map.has(value)) {
        if (value !== undefined) return unsupported(ctx, 'a discriminated union with a duplicate discriminator value');
        map.set(value, null);
      } else map.set(value, node);
    }
  }
  const fallback = def.unionFallback === true;
  const run: Run = (v) => {
    if (!isRecordLike(v)) return FAIL;
    const option = map.get(v[discriminator]);
    if (option) return option.run(v);
    return fallback ? NOT_FAST : FAIL;
  };
  return { run, definite: !fallback && nodes.every((n) => n.definite) };
}

function buildRecord(zi: Internals, ctx: Ctx): Node {
  const def = zi.def;
  const keyZi = internals(def.keyType);
  // Enumerated keys take zod's other, exhaustive branch.
  if (keyZi === undefined || keyZi.zod.values !== undefined) return unsupported(ctx, 'a record over enumerated keys');
  const keyNode = child(def.keyType, '<key>', ctx);
  const valueNode = child(def.valueType, '<value>', ctx);
  const keyRun = keyNode.run;
  const valueRun = valueNode.run;
  const keyDefinite = keyNode.definite;
  const loose = def.mode === 'loose';
  const numeric = z.core.regexes.number;
  const enumerable = Object.prototype.propertyIsEnumerable;
  const run: Run = (v) => {
    if (!z.core.util.isPlainObject(v)) return FAIL;
    const out: Record<PropertyKey, unknown> = {};
    for (const key of Reflect.ownKeys(v)) {
      if (key === '__proto__' || !enumerable.call(v, key)) continue;
      if (typeof key === 'symbol') return NOT_FAST;
      const k = keyRun(key);
      if (k === NOT_FAST) return NOT_FAST;
      if (k === FAIL) {
        // zod retries a numeric key as a number, and may have run user code this skipped.
        if (!keyDefinite || numeric.test(key)) return NOT_FAST;
        if (!loose) return FAIL;
        out[key] = v[key];
        continue;
      }
      if (k === '__proto__') continue;
      if (typeof k !== 'string' && typeof k !== 'number') return NOT_FAST;
      const o = valueRun(v[key]);
      if (o === FAIL || o === NOT_FAST) return o;
      out[k] = o;
    }
    return out;
  };
  return { run, definite: keyDefinite && valueNode.definite };
}

// Checks compile to ops that one loop runs, so a field's checks cost no calls of their own.
const OP_MIN_LENGTH = 0;
const OP_MAX_LENGTH = 1;
const OP_LENGTH = 2;
const OP_GT = 3;
const OP_GTE = 4;
const OP_LT = 5;
const OP_LTE = 6;
const OP_INT_RANGE = 7;
const OP_RANGE = 8;
const OP_MULTIPLE_OF = 9;
const OP_PATTERN = 10;
const OP_OVERWRITE = 11;
const OP_REFINE = 12;
const OP_NOT_FAST = 13;
// The text check (a regex check with WELL_FORMED): isWellFormed, natively.
const OP_WELL_FORMED = 14;

const WHEN_ALWAYS = 0;
const WHEN_HAS_LENGTH = 1;
const WHEN_CUSTOM = 2;

type Guard = (payload: { value: unknown; issues: unknown[] }) => unknown;

interface Op {
  readonly kind: number;
  readonly n: number;
  readonly hi: number;
  readonly re: RegExp | null;
  readonly f: Callback | null;
  readonly when: number;
  readonly guard: Guard | null;
  readonly definite: boolean;
}

function makeOp(kind: number, n: number, hi: number, re: RegExp | null, f: Callback | null, definite: boolean): Op {
  return { kind, n, hi, re, f, when: WHEN_ALWAYS, guard: null, definite };
}

// Same property order as makeOp: one hidden class for every op.
function withWhen(op: Op, when: number, guard: Guard | null, definite: boolean): Op {
  return { kind: op.kind, n: op.n, hi: op.hi, re: op.re, f: op.f, when, guard, definite };
}

const lengthOf = (v: unknown): number => (v as { length: number }).length;
const codePointLength = z.core.util.codePointLength;

// Mirrors checks.js check by check; strings are measured in code points where UTF-16 units leave it in doubt.
function runOps(ops: readonly Op[], value: unknown): unknown {
  let v = value;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as Op;
    if (op.when !== WHEN_ALWAYS) {
      if (op.when === WHEN_HAS_LENGTH) {
        if (v === null || v === undefined || lengthOf(v) === undefined) continue;
      } else if (!(op.guard as Guard)({ value: v, issues: [] })) continue;
    }
    switch (op.kind) {
      case OP_MIN_LENGTH: {
        const units = lengthOf(v);
        const n = typeof v === 'string' && units >= op.n && units < op.n * 2 ? codePointLength(v) : units;
        if (!(n >= op.n)) return FAIL;
        break;
      }
      case OP_MAX_LENGTH: {
        const units = lengthOf(v);
        const n = typeof v === 'string' && units > op.n ? codePointLength(v) : units;
        if (!(n <= op.n)) return FAIL;
        break;
      }
      case OP_LENGTH: {
        const units = lengthOf(v);
        const n = typeof v === 'string' && units >= op.n && units <= op.n * 2 ? codePointLength(v) : units;
        if (n !== op.n) return FAIL;
        break;
      }
      case OP_GT:
        if (!((v as number) > op.n)) return FAIL;
        break;
      case OP_GTE:
        if (!((v as number) >= op.n)) return FAIL;
        break;
      case OP_LT:
        if (!((v as number) < op.n)) return FAIL;
        break;
      case OP_LTE:
        if (!((v as number) <= op.n)) return FAIL;
        break;
      case OP_INT_RANGE:
        if (!Number.isSafeInteger(v) || (v as number) < op.n || (v as number) > op.hi) return FAIL;
        break;
      case OP_RANGE:
        if ((v as number) < op.n || (v as number) > op.hi) return FAIL;
        break;
      case OP_MULTIPLE_OF:
        // zod throws on a non-number here: let it.
        if (typeof v !== 'number') return NOT_FAST;
        if (z.core.util.floatSafeRemainder(v, op.n) !== 0) return FAIL;
        break;
      case OP_PATTERN: {
        const re = op.re as RegExp;
        re.lastIndex = 0;
        if (!re.test(v as string)) return FAIL;
        break;
      }
      case OP_WELL_FORMED:
        if (typeof v === 'string' ? !isWellFormed(v) : !WELL_FORMED.test(v as string)) return FAIL;
        break;
      case OP_OVERWRITE:
        v = (op.f as Callback)(v);
        break;
      case OP_REFINE: {
        const r = (op.f as Callback)(v);
        // An async refinement in a sync parse makes zod throw: let zod do it.
        if (r instanceof Promise) return NOT_FAST;
        if (!r) return FAIL;
        break;
      }
      default:
        return NOT_FAST;
    }
  }
  return v;
}

function unsupportedCheck(ctx: Ctx, why: string): Op {
  refuse(ctx, why);
  return makeOp(OP_NOT_FAST, 0, 0, null, null, false);
}

function compileCheck(check: unknown, ctx: Ctx): Op {
  const ci = internals(check);
  if (ci === undefined) return unsupportedCheck(ctx, 'a check without a definition');
  const def = ci.def;
  const has = (trait: string): boolean => ci.traits?.has(trait) === true;
  let op: Op;
  if (has('$ZodCheckMinLength') || has('$ZodCheckMaxLength') || has('$ZodCheckLengthEquals')) {
    const [kind, bound] = has('$ZodCheckMinLength') ? [OP_MIN_LENGTH, def.minimum] : has('$ZodCheckMaxLength') ? [OP_MAX_LENGTH, def.maximum] : [OP_LENGTH, def.length];
    if (typeof bound !== 'number' || Number.isNaN(bound)) return unsupportedCheck(ctx, `a ${String(def.check)} check without a number bound`);
    op = makeOp(kind, bound, 0, null, null, true);
  } else if (has('$ZodCheckGreaterThan') || has('$ZodCheckLessThan')) {
    const bound = def.value;
    if (typeof bound !== 'number') return unsupportedCheck(ctx, `a ${String(def.check)} check on a non-number bound`);
    const inclusive = def.inclusive === true;
    const kind = has('$ZodCheckGreaterThan') ? (inclusive ? OP_GTE : OP_GT) : inclusive ? OP_LTE : OP_LT;
    op = makeOp(kind, bound, 0, null, null, true);
  } else if (has('$ZodCheckNumberFormat')) {
    const format = typeof def.format === 'string' ? def.format : 'float64';
    const range = (z.core.util.NUMBER_FORMAT_RANGES as Record<string, [number, number] | undefined>)[format];
    if (range === undefined) return unsupportedCheck(ctx, `number format ${format}`);
    op = makeOp(format.includes('int') ? OP_INT_RANGE : OP_RANGE, range[0], range[1], null, null, true);
  } else if (has('$ZodCheckMultipleOf')) {
    if (typeof def.value !== 'number') return unsupportedCheck(ctx, 'a multiple_of check on a non-number');
    op = makeOp(OP_MULTIPLE_OF, def.value, 0, null, null, true);
  } else if (has('$ZodCheckStringFormat')) {
    const pattern = def.pattern;
    const format = def.format;
    if (!(pattern instanceof RegExp) || typeof format !== 'string' || !PATTERN_FORMATS.has(format) || def.fn !== undefined) {
      return unsupportedCheck(ctx, `string format ${String(format)}`);
    }
    // WELL_FORMED has no flags: lastIndex plays no part, and a native scan gives its verdict.
    op = pattern === WELL_FORMED && format === 'regex' ? makeOp(OP_WELL_FORMED, 0, 0, pattern, null, true) : makeOp(OP_PATTERN, 0, 0, pattern, null, true);
  } else if (has('$ZodCheckOverwrite')) {
    const tx = callback(def.tx);
    if (tx === undefined) return unsupportedCheck(ctx, 'an overwrite check without a transform');
    op = makeOp(OP_OVERWRITE, 0, 0, null, tx, false);
  } else if (has('$ZodCustom') && def.check === 'custom') {
    // `.refine(fn)`: zod calls `def.fn` on the value and fails on a falsy answer.
    const predicate = callback(def.fn);
    if (predicate === undefined) return unsupportedCheck(ctx, 'a refinement without a predicate');
    op = makeOp(OP_REFINE, 0, 0, null, predicate, false);
  } else {
    return unsupportedCheck(ctx, `check ${String(def.check)}`);
  }
  const when = def.when;
  if (when === undefined) return op;
  if (when === defaultLengthWhen) return withWhen(op, WHEN_HAS_LENGTH, null, op.definite);
  const guard = callback(when);
  if (guard === undefined) return unsupportedCheck(ctx, 'a check with a when that is not a function');
  return withWhen(op, WHEN_CUSTOM, guard, false);
}

// Fingerprints

interface HashState {
  a: number;
  b: number;
}

type Hasher = (s: HashState, v: unknown) => void;

// Tags sit above the 16-bit char range, so no char reads as a tag.
const T_ABSENT = 0x10001;
const T_NULL = 0x10002;
const T_FALSE = 0x10003;
const T_TRUE = 0x10004;
const T_STRING = 0x10005;
const T_INT = 0x10006;
const T_FLOAT = 0x10007;
const T_ARRAY = 0x10008;
const T_SHAPE = 0x10009;
const T_OBJECT = 0x1000a;
const T_OTHER = 0x1000b;

const floatView = new Float64Array(1);
const wordView = new Uint32Array(floatView.buffer);

function mix(s: HashState, w: number): void {
  s.a = Math.imul(s.a ^ w, 2654435761);
  s.b = Math.imul(s.b ^ w, 1597334677);
}

function hashString(s: HashState, text: string): void {
  let a = Math.imul(s.a ^ T_STRING, 2654435761);
  let b = Math.imul(s.b ^ T_STRING, 1597334677);
  a = Math.imul(a ^ text.length, 2654435761);
  b = Math.imul(b ^ text.length, 1597334677);
  // Two chars a step: the length is mixed in first, so "ab" + "" and "a" + "b" still differ.
  const n = text.length - 1;
  let i = 0;
  for (; i < n; i += 2) {
    const w = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
    a = Math.imul(a ^ w, 2654435761);
    b = Math.imul(b ^ w, 1597334677);
  }
  if (i === n) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 2654435761);
    b = Math.imul(b ^ ch, 1597334677);
  }
  s.a = a;
  s.b = b;
}

// Any value, objects by sorted key: for parts the schema does not pin down.
function hashValue(s: HashState, v: unknown): void {
  switch (typeof v) {
    case 'string':
      hashString(s, v);
      return;
    case 'number':
      if ((v | 0) === v) {
        mix(s, T_INT);
        mix(s, v | 0);
      } else {
        floatView[0] = v;
        mix(s, T_FLOAT);
        mix(s, wordView[0] as number);
        mix(s, wordView[1] as number);
      }
      return;
    case 'boolean':
      mix(s, v ? T_TRUE : T_FALSE);
      return;
    case 'undefined':
      mix(s, T_ABSENT);
      return;
    case 'object':
      if (v === null) mix(s, T_NULL);
      else if (Array.isArray(v)) {
        mix(s, T_ARRAY);
        mix(s, v.length);
        for (const item of v) hashValue(s, item);
      } else {
        const record = v as Record<string, unknown>;
        const keys = Object.keys(record)
          .filter((k) => record[k] !== undefined)
          .sort();
        mix(s, T_OBJECT);
        mix(s, keys.length);
        for (const key of keys) {
          hashString(s, key);
          hashValue(s, record[key]);
        }
      }
      return;
    default:
      mix(s, T_OTHER);
      hashString(s, String(v));
  }
}

function compileHasher(schema: unknown, open: Set<unknown>): Hasher {
  const zi = internals(schema);
  if (zi === undefined || open.has(schema)) return hashValue;
  open.add(schema);
  try {
    return buildHasher(zi, open);
  } finally {
    open.delete(schema);
  }
}

function buildHasher(zi: Internals, open: Set<unknown>): Hasher {
  const def = zi.def;
  switch (def.type) {
    case 'object': {
      const shape = def.shape;
      if (!isObj(shape)) return hashValue;
      const keys = Object.keys(shape);
      const fields = keys.map((k) => compileHasher(shape[k], open));
      // Fields added after fingerprints were stored: absent, they hash as if they did not exist.
      const skipAbsent = keys.map((k) => isLater(shape[k]));
      const keySet = new Set(keys);
      const strict = def.catchall === undefined || internals(def.catchall)?.def.type === 'never';
      return (s, v) => {
        if (!isRecordLike(v)) return hashValue(s, v);
        mix(s, T_SHAPE);
        for (let i = 0; i < keys.length; i++) {
          const x = v[keys[i] as string];
          // The common leaves inline: most fields of an event are absent or strings.
          if (x === undefined) {
            if (!skipAbsent[i]) mix(s, T_ABSENT);
          } else if (typeof x === 'string') hashString(s, x);
          else (fields[i] as Hasher)(s, x);
        }
        if (strict) return;
        // A loose object's extra keys, by sorted key.
        const extra: Record<string, unknown> = {};
        for (const key of Object.keys(v)) if (!keySet.has(key)) extra[key] = v[key];
        hashValue(s, extra);
      };
    }
    case 'array': {
      const element = compileHasher(def.element, open);
      return (s, v) => {
        if (!Array.isArray(v)) return hashValue(s, v);
        mix(s, T_ARRAY);
        mix(s, v.length);
        for (const item of v) element(s, item);
      };
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      // The inner hasher falls back to hashValue for undefined and null.
      return compileHasher(def.innerType, open);
    case 'union': {
      const discriminator = def.discriminator;
      if (typeof discriminator !== 'string' || !Array.isArray(def.options)) return hashValue;
      const map = new Map<unknown, Hasher>();
      for (const option of def.options as unknown[]) {
        const values = internals(option)?.zod.propValues;
        const claimed = isObj(values) ? values[discriminator] : undefined;
        if (!(claimed instanceof Set)) continue;
        const hasher = compileHasher(option, open);
        for (const value of claimed) if (!map.has(value)) map.set(value, hasher);
      }
      return (s, v) => (isRecordLike(v) ? (map.get(v[discriminator]) ?? hashValue)(s, v) : hashValue(s, v));
    }
    default:
      return hashValue;
  }
}

const hashers = new Map<string, Hasher>();

/**
 * A 53-bit fingerprint of a valid, parsed event, hashed straight from its
 * values in schema key order: the same event gives the same fingerprint
 * whatever the key order of its JSON line, and different payloads give
 * different fingerprints with high probability. Absent and `undefined`
 * fields hash alike. No canonical JSON is built.
 *
 * @param event - a valid event (as parseEvent returns it)
 * @returns an integer below 2^53
 * @example
 * ```ts
 * const a = { v: 1, id: 'e1', type: 'endReception', at: '2026-11-01T10:40:00+08:00', office: 'jz', staff: 'S01' } as const;
 * fingerprintEvent(a) === fingerprintEvent({ ...a, staff: 'S01' }); // true
 * ```
 */
export function fingerprintEvent(event: Event): number {
  const type: string = event.type;
  let hasher = hashers.get(type);
  if (hasher === undefined) {
    const schema = (eventSchemas as Record<string, unknown>)[type];
    hasher = schema === undefined ? hashValue : compileHasher(schema, new Set());
    hashers.set(type, hasher);
  }
  const s: HashState = { a: 0xdeadbeef, b: 0x41c6ce57 };
  hasher(s, event);
  let h1 = s.a;
  let h2 = s.b;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
