/**
 * One log of the fuzz run (see scripts/fuzz.ts): made, damaged and checked.
 * The test suite runs a few through {@link fuzzLog} directly.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate, rng } from '../examples/generate.js';
import {
  createOffice,
  fromSnapshot,
  ingest,
  initialState,
  owners,
  parseLog,
  presetNames,
  presetPolicy,
  replay,
  replayer,
  replayFrom,
  toSnapshot,
  type Event,
  type Issue,
  type OfficeState,
  type PolicyInput,
} from '../src/index.js';

/** The seed of log `index` of a run. */
export function logSeed(seed: number, index: number): number {
  return Math.imul(seed ^ Math.imul(index + 1, 0x9e3779b1), 0x85ebca6b) >>> 0;
}

const encoder = new TextEncoder();
const bytesOf = (text: string): Uint8Array => encoder.encode(text);
const DAY = 86_400_000;

/** One line of the faulty log and what it is. */
interface Item {
  readonly bytes: Uint8Array;
  /** clean: a line of the generated log; bad: must be reported; noise: a duplicate or a blank line, no-op; extra: a valid line added (in the valid-alone log too). */
  readonly role: 'clean' | 'bad' | 'noise' | 'extra';
  /** For clean and extra lines: the text the valid-alone log holds. */
  readonly text?: string;
  /** For clean lines: the generated line's index. */
  readonly source?: number;
  /** What fault made it. */
  readonly fault?: string;
}

type Json = Record<string, unknown>;

/** What one log found. */
export interface LogResult {
  readonly index: number;
  readonly events: number;
  readonly faults: number;
  readonly crashes: number;
  readonly lost: number;
  readonly details: string[];
}

const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString'];

/** An instant as ISO-8601 in +08:00. */
function iso(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

function nested(depth: number): unknown {
  return JSON.parse(deepText(depth));
}

/** Arrays nested `depth` deep, as JSON text (JSON.stringify of such a value overflows the stack). */
function deepText(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

const HOLE = '"@@hole@@"';

/** An object as JSON with one field's value written as raw JSON text. */
function withRaw(o: Json, key: string, raw: string): string {
  return JSON.stringify({ ...o, [key]: '@@hole@@' }).replace(HOLE, raw);
}

/**
 * The faults, each a function of the log so far. `insert` faults add a line
 * after a position; `victim` faults damage a clean line in place (it leaves
 * the valid-alone log).
 */
interface Ctx {
  readonly random: () => number;
  readonly pick: <T>(list: readonly T[]) => T;
  readonly clean: readonly string[];
  /** A fresh id for an added line. */
  id(): string;
  /** A clean line's object. */
  obj(i: number): Json;
  /** The time of the first line (the roster), epoch ms: every later line is at or after it. */
  readonly firstAt: number;
}

type Insert = (c: Ctx, near: number) => { bytes: Uint8Array; role: 'bad' | 'noise' | 'extra'; text?: string };
type Victim = (c: Ctx, i: number) => Uint8Array | null;

/** The office a fault moves a line to. */
const OTHER_OFFICE = 'another-office';
const asBad = (value: unknown): { bytes: Uint8Array; role: 'bad' } => ({ bytes: bytesOf(typeof value === 'string' ? value : JSON.stringify(value)), role: 'bad' });

/** A copy of a clean line near `near` under a fresh id. */
const copy = (c: Ctx, near: number): Json => ({ ...c.obj(near), id: c.id() });

const inserts: Record<string, Insert> = {
  duplicate: (c, near) => ({ bytes: bytesOf(c.clean[near] as string), role: 'noise' }),
  blank: (c) => ({ bytes: bytesOf(c.pick(['', '   ', '\t'])), role: 'noise' }),
  invalidJson: (c, near) => asBad(c.pick([(c.clean[near] as string).slice(0, 20), '<html><body>502 Bad Gateway</body></html>', '{"v":1,', 'null,', '{"v":1}}', '\u0000\u00ff#%!', "{'v':1}", '{"v":1,"id":"x",}'])),
  notAnObject: (c) => asBad(c.pick(['[1,2,3]', '42', '"text"', 'true', 'null'])),
  unknownType: (c, near) => asBad({ ...copy(c, near), type: c.pick(['teleportClient', '', 'CHANGESTAFF', 'x'.repeat(5000), ...PROTO_NAMES]) }),
  badVersion: (c, near) => (c.random() < 0.2 ? asBad(withRaw(copy(c, near), 'v', deepText(5000))) : asBad({ ...copy(c, near), v: c.pick([2, 0, '1', null, 1.5, [1], { v: 1 }]) })),
  missingField: (c, near) => {
    const o = copy(c, near);
    delete o[c.pick(['id', 'at', 'office', 'type', 'v'])];
    return asBad(o);
  },
  extraField: (c, near) => asBad({ ...copy(c, near), [c.pick(['reciever', 'extra', 'Type', 'note2'])]: c.pick(['x', 1, null, [], {}]) }),
  mistypedField: (c, near) => {
    const o = copy(c, near);
    const key = c.pick(Object.keys(o).filter((k) => k !== 'type'));
    // A value of another JSON type than the field's: never valid, whatever the field (nullable ones included).
    const was = o[key];
    o[key] = typeof was === 'string' ? c.pick([12345, true, [], { a: 1 }]) : typeof was === 'number' ? c.pick(['12', true, []]) : typeof was === 'boolean' ? c.pick(['true', 1, []]) : c.pick(['x', 1, true]);
    return asBad(o);
  },
  conflict: (c, near) => asBad({ ...c.obj(near), note: `edited ${c.id()}` }),
  backwards: (c, near) => asBad({ ...copy(c, near), at: iso(Math.max(Date.parse('2000-01-02T00:00:00Z'), c.firstAt - (1 + Math.floor(c.random() * 400)) * 3_600_000 * 24 - 3_600_000)) }),
  noOffset: (c, near) => asBad({ ...copy(c, near), at: c.pick(['2026-03-01T10:00:00', '2026-03-01 10:00', '2026-03-01', 'yesterday', '1772330400000', '2026-13-01T10:00:00+08:00', '2026-02-30T10:00:00+08:00']) }),
  outOfRange: (c, near) => asBad({ ...copy(c, near), at: c.pick(['1969-12-31T23:59:59+08:00', '0050-11-01T10:00:00+08:00', '1026-11-01T10:00:00+08:00', '9999-12-31T10:00:00+08:00', '2150-01-01T10:00:00+08:00', '1999-12-31T10:00:00+08:00']) }),
  farFuture: (c, near) => {
    const o = copy(c, near);
    // More than a year after the line it follows (and so after the last applied event): the gap limit.
    o.at = iso(Math.min(Date.parse('2099-01-01T00:00:00Z'), Date.parse(String(c.obj(near).at)) + (400 + Math.floor(c.random() * 10_000)) * DAY));
    return asBad(o);
  },
  hugeLine: (c, near) => asBad({ ...copy(c, near), note: 'n'.repeat(1_100_000 + Math.floor(c.random() * 500_000)) }),
  longField: (c, near) => asBad({ ...copy(c, near), office: 'o'.repeat(200 + Math.floor(c.random() * 100_000)) }),
  deepNesting: (c, near) => asBad(withRaw(copy(c, near), c.pick(['note', 'client', 'staff']), deepText(c.pick([40, 1000, 100_000])))),
  deepV: (c) => asBad(`{"type":"changeStaff","v":${'['.repeat(50_000)}${']'.repeat(50_000)}}`),
  hugeDecimal: (c, near) => {
    const o = copy(c, near);
    const amount = c.pick([`1${'0'.repeat(100_000)}`, '1234567890123456', '0.12345678901', `9${'9'.repeat(40)}.5`, '1e10', '1,000', ' 100', '-0x10']);
    if (o.type === 'closeDeal' || o.type === 'refund') o.amount = amount;
    else Object.assign(o, { type: 'refund', deal: 'D1', amount }, { staff: undefined, client: undefined, status: undefined, name: undefined, team: undefined, role: undefined });
    return asBad(JSON.parse(JSON.stringify(o)));
  },
  protoKey: (c, near) => {
    // Written as text: JSON.stringify would drop a __proto__ key.
    const line = c.clean[near] as string;
    const key = c.pick(PROTO_KEYS);
    const where = c.random() < 0.5 ? line.replace('{', `{"${key}":{"polluted":true},`) : line.replace(/"client":\{/, `"client":{"${key}":1,`);
    const withId = where.replace(/"id":"[^"]*"/, `"id":"${c.id()}"`);
    return { bytes: bytesOf(withId === line || !withId.includes(key) ? `{"${key}":{"v":1},"id":"${c.id()}"}` : withId), role: 'bad' };
  },
  protoStaff: (c, near) => {
    // A follow-up by a staff member named like a prototype property: no such staff member.
    const o = c.obj(near);
    return asBad({ v: 1, id: c.id(), type: 'recordFollowUp', at: o.at, office: o.office, staff: c.pick(PROTO_NAMES), client: { phone: '13800000000' } });
  },
  protoId: (c, near) => {
    // A valid event under an id named like a prototype property: applied as any other, in the valid-alone log too.
    const o = { ...c.obj(near), id: c.random() < 0.5 ? c.pick(PROTO_NAMES) : `${c.pick(PROTO_NAMES)}${c.id()}` };
    const text = JSON.stringify(o);
    return { bytes: bytesOf(text), role: 'extra', text };
  },
  otherOffice: (c, near) => asBad({ ...copy(c, near), office: OTHER_OFFICE }),
  unknownStaff: (c, near) => {
    const o = c.obj(near);
    return asBad({ v: 1, id: c.id(), type: 'claimClient', at: o.at, office: o.office, staff: 'S999', client: { name: '陈某', phone: '139 0000 1111' } });
  },
  invalidUtf8: (c, near) => {
    const text = JSON.stringify({ ...copy(c, near), note: 'ÿ' });
    const bytes = bytesOf(text);
    const at = text.indexOf('ÿ');
    const before = bytesOf(text.slice(0, at));
    const bad = c.pick([[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe5, 0xbc], [0x80]]);
    const out = new Uint8Array(bytes.length - 2 + bad.length);
    out.set(before, 0);
    out.set(bad, before.length);
    out.set(bytes.subarray(before.length + 2), before.length + bad.length);
    return { bytes: out, role: 'bad' };
  },
  bomInside: (c, near) => ({ bytes: bytesOf(`\uFEFF${JSON.stringify(copy(c, near))}`), role: 'bad' }),
  nulInside: (c, near) => asBad(`${JSON.stringify(copy(c, near)).slice(0, -1)}\u0000}`),
};

const victims: Record<string, Victim> = {
  drop: () => new Uint8Array(0),
  corruptUtf8: (c, i) => {
    const bytes = bytesOf(c.clean[i] as string);
    const at = Math.max(1, Math.floor(c.random() * (bytes.length - 1)));
    const out = bytes.slice();
    out[at] = 0xff;
    return out;
  },
  mistypeInPlace: (c, i) => bytesOf(JSON.stringify({ ...c.obj(i), at: 20261101 })),
  cutInPlace: (c, i) => bytesOf((c.clean[i] as string).slice(0, Math.floor((c.clean[i] as string).length / 2))),
};

/** Hostile policies: every one must give issues (or a policy), never an exception. */
const hostilePolicies: readonly (() => unknown)[] = [
  () => null,
  () => [],
  () => 'jiuzhou',
  () => 42,
  () => ({ ownership: { validityDays: { visit: -1 } } }),
  () => ({ timeZone: 'Mars/Olympus_Mons' }),
  () => ({ deals: { commission: { tiers: `1${'0'.repeat(100_000)}` } } }),
  () => ({ disputes: { appealFailedFine: `1${'0'.repeat(100_000)}` } }),
  () => JSON.parse('{"__proto__":{"polluted":true},"name":"x"}'),
  () => ({ constructor: { prototype: { polluted: true } } }),
  () => ({ limits: { earliest: '1960-01-01T00:00:00Z' } }),
  () => ({ limits: { earliest: '2030-01-01T00:00:00Z', latest: '2020-01-01T00:00:00Z' } }),
  () => ({ limits: { maxGapDays: 1e308 } }),
  () => ({ rotation: nested(100_000) }),
  () => ({ name: 'x'.repeat(1_000_000) }),
  () => ({ identity: { familyRelations: Array.from({ length: 100_000 }, () => 'spouse') } }),
  () => ({ ownership: { validityDays: { visit: 1e308, call: Number.NaN } } }),
  () => {
    const cyclic: Json = { name: 'x' };
    cyclic.rotation = cyclic;
    return cyclic;
  },
];

/** Hostile inputs of ingest: objects no JSON could make. */
const hostileObjects: readonly ((e: Json) => unknown)[] = [
  (e) => {
    const o: Json = { ...e };
    o.v = o;
    return o;
  },
  (e) => ({ ...e, v: 10n }),
  (e) => ({ ...e, note: 10n }),
  (e) => ({ ...e, client: { get name(): string { throw new Error('getter'); } } }),
  () => new Proxy({}, { get: () => { throw new Error('proxy'); }, ownKeys: () => { throw new Error('proxy'); } }),
  (e) => Object.create({ ...e }),
  (e) => ({ ...e, at: new Date() }),
  (e) => ({ ...e, id: Symbol('id') }),
  () => () => 1,
];

const SWAPS: readonly unknown[] = [null, 0, -1, 1.5, 2 ** 53, 1e300, '', 'S01', 'later', 'x'.repeat(3000), true, [], {}, [null], { $map: [null] }, { $keys: [] }, { $story: [] }, { $shared: 'noExtra' }];

/** Every path to a leaf of a JSON value (at most `limit`). */
function leafPaths(value: unknown, limit: number): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: [unknown, (string | number)[]][] = [[value, []]];
  while (stack.length > 0 && out.length < limit) {
    const [v, path] = stack.pop() as [unknown, (string | number)[]];
    if (typeof v !== 'object' || v === null) out.push(path);
    else if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, [...path, i]]));
    else for (const [k, x] of Object.entries(v)) stack.push([x, [...path, k]]);
  }
  return out;
}

/** A state as compared: the snapshot, with the memory of refused ids left out (the valid-alone log never saw them). */
function canonical(state: OfficeState, withHistory = true): string {
  const snap = toSnapshot(state) as { state: { seen: { current: { $map: [string, unknown][] }; previous: { $map: [string, unknown][] }; ahead: unknown }; history?: unknown; options?: unknown } };
  const { ahead: _refusalsAhead, ...seen } = snap.state.seen;
  const applied = (m: { $map: [string, unknown][] }) => ({ $map: m.$map.filter(([, v]) => typeof v === 'number') });
  const { history, options, ...rest } = snap.state;
  return JSON.stringify({ ...snap, state: { ...rest, ...(withHistory ? { history, options } : {}), seen: { ...seen, current: applied(seen.current), previous: applied(seen.previous) } } });
}

/** The line numbers issues name. */
function linesOf(issues: readonly Issue[]): Map<number, Issue[]> {
  const out = new Map<number, Issue[]>();
  for (const i of issues) if (i.line !== undefined) out.set(i.line, [...(out.get(i.line) ?? []), i]);
  return out;
}

/** The command line's `run`, loaded on first use (one log in eight goes through it). */
let cli: typeof import('../src/cli/cli.js') | undefined;

/**
 * The log through `validate`, which must name every bad line. A line moved
 * to another office is bad to the library (office_mismatch), but the command
 * reads each office of a log on its own, as replay does: such a line must be
 * named, or applied in that office (counted in the `offices` summary).
 * Every line is counted once: applied, bad, a duplicate (a redelivery of an
 * applied event) or blank.
 */
async function throughCli(bytes: Uint8Array, preset: string | undefined, bad: ReadonlySet<number>, elsewhere: ReadonlySet<number>, blank: number, details: string[]): Promise<{ lost: number; crashes: number }> {
  cli ??= await import('../src/cli/cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'salesfloor-fuzz-'));
  try {
    const log = join(dir, 'log.jsonl');
    writeFileSync(log, bytes);
    let stdout = '';
    let stderr = '';
    const sink = (write: (s: string) => void) => ({ write: (s: string) => (write(s), true), once: () => undefined });
    const io = { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)), stdin: (async function* () {})(), cwd: dir };
    const code = await cli.run(['validate', log, '--format', 'json', '--quarantine', join(dir, 'q.jsonl'), ...(preset ? ['--policy', preset] : [])], io);
    const named = new Set<number>();
    JSON.stringify(JSON.parse(stdout), (k, v: unknown) => {
      if (k === 'line' && typeof v === 'number') named.add(v);
      return v;
    });
    const summary = JSON.parse(stdout) as { lines: number; events: number; duplicates: number; badLines: number; offices?: { office: string; events: number }[] };
    // Listed when more than one office's events applied.
    const offices = summary.offices ?? [];
    const appliedThere = offices.filter((o) => o.office === OTHER_OFFICE).reduce((n, o) => n + o.events, 0);
    const unnamed = [...bad].filter((l) => !named.has(l));
    const moved = unnamed.filter((l) => elsewhere.has(l)).length;
    const missing = unnamed.filter((l) => !elsewhere.has(l));
    let lost = missing.length + Math.max(0, moved - appliedThere);
    if (missing.length > 0) details.push(`cli: ${missing.length} bad lines not named (${missing.slice(0, 10).join(', ')})`);
    if (moved > appliedThere) details.push(`cli: ${moved} lines of ${OTHER_OFFICE} neither named nor applied there (${appliedThere} applied)`);
    const counted = summary.events + summary.duplicates + summary.badLines + blank;
    if (counted !== summary.lines) {
      details.push(`cli: ${summary.lines} lines, but ${summary.events} applied + ${summary.duplicates} duplicates + ${summary.badLines} bad + ${blank} blank = ${counted}`);
      lost++;
    }
    if (code !== (named.size > 0 ? 2 : 0)) {
      details.push(`cli: exit ${code} with ${named.size} bad lines named: ${stderr.slice(0, 300)}`);
      return { lost: lost + 1, crashes: 0 };
    }
    return { lost, crashes: 0 };
  } catch (error) {
    details.push(`cli threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`.slice(0, 2000));
    return { lost: 0, crashes: 1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Makes, damages and checks one log.
 *
 * @param seed - the run's seed
 * @param index - the log's number in the run
 * @param options - `cli: false` leaves out the command line (one log in eight otherwise)
 */
export async function fuzzLog(seed: number, index: number, options: { cli?: boolean } = {}): Promise<LogResult & { faulty: Uint8Array }> {
  const random = rng(logSeed(seed, index));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const details: string[] = [];
  let faults = 0;
  let crashes = 0;
  let lost = 0;

  // A realistic log: 150 to 350 events from a start between 2020 and 2030, under the default policy or a preset.
  const events = 150 + Math.floor(random() * 200);
  const start = new Date(Date.UTC(2020 + Math.floor(random() * 10), Math.floor(random() * 12), 1 + Math.floor(random() * 28))).toISOString().slice(0, 10);
  const clean: string[] = [];
  generate({ seed: logSeed(seed, index) ^ 0x5eed, events, out: '', start }, (line) => clean.push(line));
  const preset = random() < 0.5 ? undefined : pick(presetNames);
  const policy: PolicyInput = preset === undefined ? {} : (presetPolicy(preset) as PolicyInput);
  const objects = new Map<number, Json>();
  let fresh = 0;
  const c: Ctx = {
    random,
    pick,
    clean,
    id: () => `fz${index}x${++fresh}`,
    obj(i) {
      let o = objects.get(i);
      if (o === undefined) objects.set(i, (o = JSON.parse(clean[i] as string) as Json));
      return { ...o };
    },
    firstAt: Date.parse(JSON.parse(clean[0] as string).at as string),
  };

  // The clean lines, then the faults: inserts after a line, victims in place.
  const items: Item[] = clean.map((text, source) => ({ bytes: bytesOf(text), role: 'clean', text, source }));
  const roster = clean.findIndex((l) => !l.includes('"changeStaff"'));
  const first = Math.max(1, roster);
  // Faults are cheap next to the replays that check them: enough per log for a 20 s run to give well over 1,000 on a loaded machine.
  const count = 30 + Math.floor(random() * 30);
  const insertNames = Object.keys(inserts);
  const victimNames = Object.keys(victims);
  const victimised = new Set<number>();
  const kinds: string[] = [];
  // Victims first (a clean line damaged in place, dropped, or two swapped), so that no added line copies one.
  for (let k = 0; k < count; k++) {
    if (random() >= 0.2) continue;
    const i = first + Math.floor(random() * (clean.length - first - 2));
    if (victimised.has(i) || victimised.has(i + 1) || clean[i]?.includes('"changeStaff"')) continue;
    const pos = items.findIndex((it) => it.role === 'clean' && it.source === i);
    if (random() < 0.3) {
      // Swapped: the earlier line comes second. Both stay in the valid-alone log in the same order, so the
      // second is refused (out_of_order) there too when the first was applied, and must be reported.
      const a = items[pos] as Item;
      const b = items[pos + 1] as Item;
      if (b.role !== 'clean' || b.source !== i + 1 || !(Date.parse(String(c.obj(i).at)) < Date.parse(String(c.obj(i + 1).at)))) continue;
      items[pos] = b;
      items[pos + 1] = a;
      kinds.push('reorder');
    } else {
      const name = pick(victimNames);
      const damaged = (victims[name] as Victim)(c, i);
      if (damaged === null || damaged.length === 0) items.splice(pos, 1);
      else items[pos] = { bytes: damaged, role: 'bad', fault: name };
      kinds.push(name);
    }
    victimised.add(i);
    victimised.add(i + 1);
    faults++;
  }
  // Then lines added after a clean line past the roster (so the staff exist), near it in time.
  for (let k = 0; k < count; k++) {
    const name = pick(insertNames);
    const near = first + Math.floor(random() * (clean.length - first - 1));
    if (victimised.has(near)) continue;
    const made = (inserts[name] as Insert)(c, near);
    const pos = items.findIndex((it) => it.role === 'clean' && it.source === near);
    if (pos < 0) continue;
    items.splice(pos + 1, 0, { bytes: made.bytes, role: made.role, ...(made.text === undefined ? {} : { text: made.text }), fault: name });
    kinds.push(name);
    faults++;
  }
  // A truncated last line: a write cut short.
  const truncated = random() < 0.3;
  if (truncated) {
    const last = items[items.length - 1] as Item;
    if (last.role === 'clean' && last.source === clean.length - 1) {
      const text = last.text as string;
      items[items.length - 1] = { bytes: bytesOf(text.slice(0, 1 + Math.floor(random() * (text.length - 2)))), role: 'bad', fault: 'truncatedLast' };
      kinds.push('truncatedLast');
      faults++;
    }
  }
  const bom = random() < 0.2;
  const crlf = random() < 0.3;
  const newline = bytesOf(crlf ? '\r\n' : '\n');

  // The faulty log as bytes, and the lines that must be reported.
  const bad = new Set<number>();
  const elsewhere = new Set<number>();
  const chunks: Uint8Array[] = [];
  if (bom) chunks.push(new Uint8Array([0xef, 0xbb, 0xbf]));
  items.forEach((it, n) => {
    if (it.role === 'bad') bad.add(n + 1);
    if (it.fault === 'otherOffice') elsewhere.add(n + 1);
    chunks.push(it.bytes);
    if (n < items.length - 1 || !truncated) chunks.push(newline);
  });
  const size = chunks.reduce((s, b) => s + b.length, 0);
  const faulty = new Uint8Array(size);
  let offset = 0;
  for (const b of chunks) {
    faulty.set(b, offset);
    offset += b.length;
  }
  // The valid-alone log: clean lines that no fault made invalid, and the valid lines added, in order.
  const validItems = items.map((it, n) => ({ it, line: n + 1 })).filter(({ it }) => it.role === 'clean' || it.role === 'extra');
  const expectedText = validItems.map(({ it }) => it.text as string).join('\n');

  const label = `log ${index}`;
  try {
    const got = parseLog(faulty);
    const run = replay(got.events, policy);
    const want = parseLog(expectedText);
    if (want.issues.length > 0) throw new Error(`fuzz bug: the valid-alone log has bad lines: ${JSON.stringify(want.issues.slice(0, 2))}`);
    const ref = replay(want.events, policy);
    // 1. The same state, and each valid line the same outcome.
    if (canonical(run.state) !== canonical(ref.state)) {
      lost++;
      details.push(`${label}: the state differs from the valid-alone log's`);
    }
    const reported = linesOf([...got.issues, ...run.issues]);
    const refused = linesOf(ref.issues);
    validItems.forEach(({ it, line }, k) => {
      const here = reported.has(line);
      const there = refused.has(k + 1);
      if (here !== there) {
        lost++;
        details.push(`${label}: valid line ${line} (${it.role}) ${here ? `refused: ${JSON.stringify(reported.get(line)?.[0])}` : 'applied'} but ${there ? 'refused' : 'applied'} alone`);
      }
    });
    // 2. Every bad line named by its number.
    for (const line of bad) {
      if (!reported.has(line)) {
        lost++;
        details.push(`${label}: bad line ${line} (${items[line - 1]?.fault}) not reported`);
      }
    }
    for (const issue of [...got.issues, ...run.issues]) {
      if (issue.line === undefined) {
        lost++;
        details.push(`${label}: an issue without a line: ${JSON.stringify(issue).slice(0, 200)}`);
      }
    }

    // A snapshot halfway resumes to the same state (without history: a snapshot of the queue, files and deals).
    const half = Math.floor(got.events.length / 2);
    const r = replayer(initialState(policy, { history: 'none' }));
    for (const e of got.events.slice(0, half)) r.push(e);
    const text = JSON.stringify(toSnapshot(r.state()));
    const back = fromSnapshot(JSON.parse(text));
    if (!back.ok) {
      lost++;
      details.push(`${label}: a good snapshot was refused: ${JSON.stringify(back.issues.slice(0, 2))}`);
    } else if (canonical(replayFrom(back.state, got.events.slice(half)).state, false) !== canonical(run.state, false)) {
      lost++;
      details.push(`${label}: resuming from a snapshot gave another state`);
    }

    // Hostile snapshots: damaged, then resumed if accepted.
    const paths = leafPaths(JSON.parse(text).state, 20_000);
    for (let k = 0; k < 2; k++) {
      faults++;
      const snap = JSON.parse(text) as { state: Json };
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const path = pick(paths);
        let at: unknown = snap.state;
        for (const p of path.slice(0, -1)) at = (at as Record<string | number, unknown>)?.[p];
        if (at !== null && typeof at === 'object') {
          const key = path[path.length - 1] as string;
          if (random() < 0.2) delete (at as Json)[key];
          else (at as Json)[key] = structuredClone(pick(SWAPS));
        }
      }
      if (random() < 0.1) (snap.state as Json)[pick(['staff', 'identity', 'history', 'rotation'])] = nested(50_000);
      const hostile = fromSnapshot(snap);
      if (hostile.ok) {
        const resumed = replayFrom(hostile.state, got.events.slice(half, half + 50));
        owners(resumed.state);
      } else if (hostile.issues.length === 0) {
        lost++;
        details.push(`${label}: a refused snapshot came without issues`);
      }
    }

    // Hostile policies and objects: issues, never an exception.
    for (let k = 0; k < 3; k++) {
      faults++;
      const made = createOffice(pick(hostilePolicies)());
      if (!made.ok && made.issues.length === 0) {
        lost++;
        details.push(`${label}: a refused policy came without issues`);
      }
    }
    // Samples are events the faulty log applied: a copy of one it lost (a dropped or truncated line) may rightly apply.
    const refusedIds = new Set(run.issues.map((i) => i.event));
    const byId = new Map(clean.map((text, i) => [String(JSON.parse(text).id), i]));
    const applied = got.events.map((e) => e.id).filter((id) => !refusedIds.has(id) && byId.has(id));
    for (let k = 0; k < 3 && applied.length > 0; k++) {
      faults++;
      const sample = c.obj(byId.get(applied[Math.floor(random() * applied.length)] as string) as number);
      const step = ingest(run.state, pick(hostileObjects)(sample));
      // Refused, or (a copy of an applied event) a redelivery: either way the state does not move.
      if (step.state !== run.state) {
        lost++;
        details.push(`${label}: a hostile object was not refused cleanly`);
      }
    }
  } catch (error) {
    crashes++;
    details.push(`${label}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`.slice(0, 3000));
  }

  // One log in eight through the command line as well.
  if (random() < 0.125 && options.cli !== false) {
    const out = await throughCli(faulty, preset, bad, elsewhere, items.filter((it) => it.fault === 'blank').length, details);
    crashes += out.crashes;
    lost += out.lost;
  }
  if (details.length > 0) details.unshift(`log ${index}: seed ${seed}, ${events} events from ${start}, ${preset ?? 'default'} policy, faults: ${kinds.join(' ')}`);
  return { index, events, faults, crashes, lost, details, faulty };
}

