/**
 * Replay benchmark. Timings on shared machines are noisy, so every result is a
 * ratio against a baseline measured in the same run:
 *
 * - per-event costs against a plain JSON.parse pass over the same lines;
 * - the cost of `apply` on a large state against the same events on a small
 *   state (it must not grow with the state: no whole-state copies).
 *
 *   npm run bench                     # 200k events
 *   npm run bench -- --events 1000000
 */
import { generate } from '../examples/generate.js';
import { apply, initialState, parseLine, replayer, type Event, type OfficeState } from '../src/index.js';

const arg = (flag: string, fallback: number) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const total = arg('--events', 200_000);

const lines: string[] = [];
generate({ seed: 7, events: total, out: '', start: '2026-01-01' }, (line) => lines.push(line));
const bytes = lines.reduce((n, l) => n + l.length + 1, 0);

function time(label: string, fn: () => void): number {
  fn(); // warm up
  const t0 = performance.now();
  fn();
  const ms = performance.now() - t0;
  process.stdout.write(`  ${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms\n`);
  return ms;
}

process.stdout.write(`${lines.length} events, ${(bytes / 1e6).toFixed(1)} MB, ${(bytes / lines.length).toFixed(0)} bytes per line\n`);
const base = time('JSON.parse of every line (baseline)', () => {
  for (const l of lines) JSON.parse(l);
});
const events: Event[] = [];
const parse = time('parseLine (JSON + zod validation)', () => {
  events.length = 0;
  for (const [i, l] of lines.entries()) {
    const r = parseLine(l, i + 1);
    if (r?.ok) events.push(r.event);
  }
});
let final: OfficeState = initialState();
const bulk = time('replay, bulk mode (replayer)', () => {
  const r = replayer(initialState());
  for (const e of events) r.push(e);
  final = r.state();
});
const pure = time('replay by repeated apply (persistent)', () => {
  let s = initialState();
  for (const e of events) s = apply(s, e).state;
});

const heap = process.memoryUsage().heapUsed;
process.stdout.write(`  heap after replay: ${(heap / 1e6).toFixed(0)} MB (${(heap / events.length).toFixed(0)} bytes per event, state kept with every decision's trace)\n`);
process.stdout.write('\nratios against JSON.parse (lower is better):\n');
process.stdout.write(`  parse + validate ${(parse / base).toFixed(1)}x, bulk replay ${(bulk / base).toFixed(1)}x, apply loop ${(pure / base).toFixed(1)}x, end to end ${((parse + bulk) / base).toFixed(1)}x\n`);

// apply on a big state vs a small one: the same 2000 events after different prefixes.
const tail = events.slice(-2_000);
const small = replayer(initialState());
for (const e of events.slice(0, 2_000)) small.push(e);
const smallState = small.state();
const bigState = (() => {
  const r = replayer(initialState());
  for (const e of events.slice(0, -2_000)) r.push(e);
  return r.state();
})();
const shift = (e: Event, from: OfficeState): Event => ({ ...e, id: `bench-${e.id}`, at: new Date(Math.max(Date.parse(e.at), from.lastAt ?? 0)).toISOString() });
const onSmall = time('2000 applies on a small state', () => {
  let s = smallState;
  for (const e of tail) s = apply(s, shift(e, smallState)).state;
});
const onBig = time(`2000 applies on the full state (${final.ownership.files.size} clients)`, () => {
  let s = bigState;
  for (const e of tail) s = apply(s, shift(e, bigState)).state;
});
process.stdout.write(`\napply on a ${final.ownership.files.size}-client state costs ${(onBig / onSmall).toFixed(2)}x apply on a small state (a whole-state copy would be ~${Math.round(final.ownership.files.size / Math.max(1, smallState.ownership.files.size))}x).\n`);
