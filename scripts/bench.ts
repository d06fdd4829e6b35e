/**
 * Replay benchmark, in one process, through the public API only. Timings on
 * shared machines are noisy, so each figure is a median of rounds, each round
 * starts after a GC, and the headline figures are ratios against baselines
 * measured in the same run:
 *
 * - replay/parse: a plain JSON.parse pass over the lines against the CLI's
 *   streaming path (parseLine, then a replayer's push), so higher is better;
 * - apply scaling: `apply` on a state of ~100k clients against one of ~1k,
 *   their rounds alternating (it must not grow with the state: no whole-state
 *   copies);
 * - heap per client and per event of a final state without history, solved
 *   from two logs with different clients per event;
 * - snapshot size per client, and the time to write and read it back.
 *
 *   npm run bench                          # 200k events, 3 rounds
 *   BENCH_EVENTS=1000000 npm run bench     # or: npm run bench -- --events 1000000
 *
 * It needs `node --expose-gc` (the npm script passes it). The log is seeded
 * and made by examples/generate.ts: every event type, none refused.
 */
import { cpus } from 'node:os';
import { benchmarkPolicy, generate } from '../examples/generate.js';
import { apply, initialState, parseLine, replayer, toSnapshot, type Event, type OfficeState } from '../src/index.js';

const arg = (flag: string): string | undefined => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const total = Number(arg('--events') ?? process.env['BENCH_EVENTS'] ?? 200_000);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3);
/** Events of the heap log whose clients mostly come back (few clients per event). */
const RETURNING = 0.9;
const SMALL_CLIENTS = 1_000;
const BIG_CLIENTS = 100_000;
/** apply calls timed on each state. */
const APPLIES = 2_000;

const collect = globalThis.gc;
if (collect === undefined) {
  process.stderr.write('bench: run with node --expose-gc (npm run bench does)\n');
  process.exit(1);
}
const gc = () => {
  // Twice: the first pass may only queue finalizers and weak cells.
  collect();
  collect();
};

/** The number of clients in a state: the one place the bench reads the state's shape. */
function clientCount(state: OfficeState): number {
  return state.ownership.files.size;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (x: number) => `${(x / 1e6).toFixed(1)} MB`;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const heapUsed = () => process.memoryUsage().heapUsed;
const sig = (x: number) => Number(x.toPrecision(3));

function log(events: number, seed: number, returning?: number): string[] {
  const lines: string[] = [];
  generate({ seed, events, out: '', start: '2026-01-01', ...(returning === undefined ? {} : { returning }) }, (line) => lines.push(line));
  return lines;
}

function parsed(lines: readonly string[], from: number, to: number): Event[] {
  const events: Event[] = [];
  for (let i = from; i < to; i++) {
    const r = parseLine(lines[i] as string, i + 1);
    if (r?.ok) events.push(r.event);
  }
  return events;
}

/** A plain JSON.parse pass: the floor any replay of JSON lines stands on. */
function parseAll(lines: readonly string[]): number {
  let sink = 0;
  for (const line of lines) sink += (JSON.parse(line) as { v: number }).v;
  return sink;
}

/** The streaming path the CLI uses: parseLine, then push to a replayer without history. */
function replayAll(lines: readonly string[], count = lines.length): { state: OfficeState; bad: number; refused: number } {
  const r = replayer(initialState(benchmarkPolicy, { history: 'none' }));
  let bad = 0;
  let refused = 0;
  for (let i = 0; i < count; i++) {
    const p = parseLine(lines[i] as string, i + 1);
    if (p === undefined) continue;
    if (!p.ok) bad++;
    else if (r.push(p.event).issues.length > 0) refused++;
  }
  return { state: r.state(), bad, refused };
}

/** Replays a log until the state has `clients` clients; the rest of the log continues it. */
function stateWith(lines: readonly string[], clients: number, every: number): { state: OfficeState; next: number } {
  const r = replayer(initialState(benchmarkPolicy, { history: 'none' }));
  for (let i = 0; i < lines.length; i++) {
    const p = parseLine(lines[i] as string, i + 1);
    if (p?.ok) r.push(p.event);
    if ((i + 1) % every === 0 && clientCount(r.state()) >= clients) return { state: r.state(), next: i + 1 };
  }
  throw new Error(`a log of ${lines.length} events reaches only ${clientCount(r.state())} clients, not ${clients}`);
}

/** µs per apply, each call timed alone, chaining the states from `base` (apply is pure: each run starts afresh). */
function timeApplies(base: OfficeState, events: readonly Event[]): { micros: number[]; refused: number; end: OfficeState } {
  const micros: number[] = [];
  let refused = 0;
  let s = base;
  for (const e of events) {
    const t0 = performance.now();
    const step = apply(s, e);
    micros.push((performance.now() - t0) * 1000);
    if (step.issues.length > 0) refused++;
    s = step.state;
  }
  return { micros, refused, end: s };
}

interface ApplyBench {
  readonly label: string;
  readonly state: OfficeState;
  readonly next: number;
  readonly events: readonly Event[];
  readonly warm: ReturnType<typeof timeApplies>;
  readonly medians: number[];
  readonly means: number[];
}

/** A state of about `clients` clients and the events that continue its log, with a warm-up run of them. */
function applyBench(label: string, clients: number, seed: number): ApplyBench {
  // Enough events to reach the clients (default mix: ~0.45 new clients per event), then the timed continuation.
  const lines = log(Math.ceil(clients / 0.3) + APPLIES, seed);
  const { state, next } = stateWith(lines, clients, Math.max(10, Math.floor(clients / 200)));
  const events = parsed(lines, next, next + APPLIES);
  return { label, state, next, events, warm: timeApplies(state, events), medians: [], means: [] };
}

function timeRound(b: ApplyBench): void {
  gc();
  const run = timeApplies(b.state, b.events);
  b.medians.push(median(run.micros));
  b.means.push(run.micros.reduce((sum, x) => sum + x, 0) / run.micros.length);
}

/**
 * Times the two states' rounds alternately (small, big, then big, small), so
 * that the machine's speed, which drifts on shared hosts, weighs on both alike.
 */
function applyScaling(small: ApplyBench, big: ApplyBench): { small: Timing; big: Timing } {
  for (let k = 0; k < rounds; k++) for (const b of k % 2 === 0 ? [small, big] : [big, small]) timeRound(b);
  return { small: report(small), big: report(big) };
}

interface Timing {
  readonly median: number;
  readonly mean: number;
}

function report(b: ApplyBench): Timing {
  const m = median(b.medians);
  const mean = median(b.means);
  say(`  ${b.label}: ${clientCount(b.state)} clients after ${b.next} events (${clientCount(b.warm.end)} after the ${b.events.length} applies, ${b.warm.refused} refused)`);
  say(`    median ${m.toFixed(1)} µs per event, mean ${mean.toFixed(1)} µs (${Math.round(1e6 / mean)} events/s)`);
  return { median: m, mean };
}

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
say(`node ${process.version} on ${cpu} (${cpus().length} CPUs), ${process.platform}/${process.arch}`);
say(`rounds: ${rounds}, medians reported`);

// --- JSON.parse against replay ------------------------------------------------
const lines = log(total, 7);
const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
say(`\nlog: ${lines.length} events, ${mb(bytes)}, ${(bytes / lines.length).toFixed(0)} bytes per line (seed 7, every event type)`);

// Warm-up: the JIT sees every path before the first timed round.
parseAll(lines);
replayAll(lines, Math.min(lines.length, 20_000));

/**
 * One round: JSON.parse, then replay, each after a GC; the state's retained
 * heap is heapUsed after a GC with it alive minus the same before it existed.
 * A function, so that nothing of an earlier round stays on the stack.
 */
function round(input: readonly string[], parse: boolean): { parseMs: number; replayMs: number; heap: number; state: OfficeState; bad: number; refused: number } {
  let parseMs = 0;
  if (parse) {
    gc();
    const t0 = performance.now();
    parseAll(input);
    parseMs = performance.now() - t0;
  }
  gc();
  const before = heapUsed();
  const t0 = performance.now();
  const r = replayAll(input);
  const replayMs = performance.now() - t0;
  gc();
  return { parseMs, replayMs, heap: heapUsed() - before, ...r };
}

const parseTimes: number[] = [];
const replayTimes: number[] = [];
const heapA: number[] = [];
let final: OfficeState | null = null;
let problems = { bad: 0, refused: 0 };
for (let k = 0; k < rounds; k++) {
  final = null;
  const r = round(lines, true);
  parseTimes.push(r.parseMs);
  replayTimes.push(r.replayMs);
  heapA.push(r.heap);
  final = r.state;
  problems = { bad: r.bad, refused: r.refused };
  say(`  round ${k + 1}: JSON.parse ${ms(r.parseMs)}, replay ${ms(r.replayMs)}, state ${mb(r.heap)}`);
}
if (final === null) throw new Error('BENCH_ROUNDS must be at least 1');
const parseMs = median(parseTimes);
const replayMs = median(replayTimes);
const clientsA = clientCount(final);
say(`JSON.parse of every line: ${ms(parseMs)} (${Math.round(lines.length / (parseMs / 1000))} lines/s)`);
say(`replay (parseLine + replayer.push, history none): ${ms(replayMs)} (${Math.round(lines.length / (replayMs / 1000))} events/s), ${clientsA} clients`);
say(`bad lines: ${problems.bad}, refused events: ${problems.refused}`);

// --- snapshot -----------------------------------------------------------------
const writeTimes: number[] = [];
const readTimes: number[] = [];
let text = '';
for (let k = 0; k < rounds; k++) {
  text = '';
  gc();
  let t0 = performance.now();
  text = JSON.stringify(toSnapshot(final));
  writeTimes.push(performance.now() - t0);
  gc();
  t0 = performance.now();
  JSON.parse(text);
  readTimes.push(performance.now() - t0);
}
const snapChars = text.length;
const snapBytes = Buffer.byteLength(text);
text = '';
say(`\nsnapshot: ${(snapChars / clientsA).toFixed(0)} characters per client (${mb(snapBytes)} UTF-8, ${(snapBytes / clientsA).toFixed(0)} bytes per client)`);
say(`  toSnapshot + JSON.stringify ${ms(median(writeTimes))} (${sig(median(writeTimes) / replayMs)}x the replay), JSON.parse ${ms(median(readTimes))} (${sig(median(readTimes) / replayMs)}x the replay)`);

// --- heap per client and per event ----------------------------------------------
final = null;
const linesB = log(total, 7, RETURNING);
const heapB: number[] = [];
let clientsB = 0;
for (let k = 0; k < rounds; k++) {
  const r = round(linesB, false);
  heapB.push(r.heap);
  clientsB = clientCount(r.state);
  if (r.bad + r.refused > 0) say(`  heap log: ${r.bad} bad lines, ${r.refused} refused events`);
}
const hA = median(heapA);
const hB = median(heapB);
const nA = lines.length;
const nB = linesB.length;
// heap = B·clients + E·events, from two logs with different clients per event.
const det = clientsA * nB - clientsB * nA;
const perClient = (hA * nB - hB * nA) / det;
const perEvent = (clientsA * hB - clientsB * hA) / det;
say(`\nheap of the final state (history none, after GC):`);
say(`  log A (default mix): ${nA} events, ${clientsA} clients, ${mb(hA)} (${(hA / nA).toFixed(0)} bytes per event)`);
say(`  log B (returning ${RETURNING}): ${nB} events, ${clientsB} clients, ${mb(hB)} (${(hB / nB).toFixed(0)} bytes per event)`);
say(`  solved: ${perClient.toFixed(0)} bytes per client + ${perEvent.toFixed(0)} bytes per event`);
linesB.length = 0;

// --- apply on a small and a big state --------------------------------------------
say(`\napply, ${APPLIES} events continuing the log (warm-up run, then ${rounds} timed, the two states alternating):`);
const { small, big } = applyScaling(applyBench('small state', SMALL_CLIENTS, 11), applyBench('big state', BIG_CLIENTS, 11));
const scaling = big.median / small.median;
say(`  big/small: median ${scaling.toFixed(2)}x, mean ${(big.mean / small.mean).toFixed(2)}x (a whole-state copy would be ~${Math.round(BIG_CLIENTS / SMALL_CLIENTS)}x)`);

say('');
say(`replay/parse ratio: ${sig(parseMs / replayMs)}`);
say(`apply scaling 100k/1k: ${sig(scaling)}`);
say(`heap per client: ${Math.round(perClient)}`);
say(`heap per event: ${Math.round(perEvent)}`);
