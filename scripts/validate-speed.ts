/**
 * Validation speed: the cost of checking events, as a ratio against a plain
 * JSON.parse pass over the same lines, all measured in this one process.
 *
 *   node --import tsx scripts/validate-speed.ts
 *   node --import tsx scripts/validate-speed.ts --events 50000 --rounds 5
 *
 * Prints the median of the rounds (interleaved, so a shared machine's load
 * weighs on all alike) for JSON.parse alone, JSON.parse + zod `safeParse`,
 * and JSON.parse + the compiled fast path (falling back to `safeParse` when
 * it says NOT_FAST) in object mode (parseEvent's) and JSON mode (parseLine's);
 * the ratios JSON.parse time / each time (1 is as fast as JSON.parse; the
 * target for the fast path is >= 0.6); and the fallback rate on these valid lines.
 */
import { generate } from '../examples/generate.js';
import { compileFast, NOT_FAST, type FastParser } from '../src/events/fast.js';
import { eventSchemas, type EventType } from '../src/events/schema.js';

const arg = (flag: string, fallback: number) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const total = arg('--events', 200_000);
const rounds = arg('--rounds', 3);

const lines: string[] = [];
generate({ seed: 7, events: total, out: '', start: '2026-01-01' }, (line) => lines.push(line));

type Schema = (typeof eventSchemas)[EventType];
// Dispatch by type through Maps for both contenders: an object keyed by a fresh string costs a string-table lookup.
const schemas = new Map<string, Schema>(Object.entries(eventSchemas));
// JSON mode, as parseLine uses it (its input is a fresh JSON.parse result); object mode for any object, as parseEvent.
const fast = new Map<string, FastParser>();
const fastObject = new Map<string, FastParser>();
for (const [type, schema] of schemas) {
  fast.set(type, compileFast(schema, { json: true }));
  fastObject.set(type, compileFast(schema));
}

let sink = 0;
let fallbacks = 0;
let invalid = 0;

function jsonOnly(): void {
  for (const l of lines) if (JSON.parse(l) !== null) sink++;
}

function withZod(): void {
  for (const l of lines) {
    const input = JSON.parse(l) as { type: string };
    if ((schemas.get(input.type) as Schema).safeParse(input).success) sink++;
    else invalid++;
  }
}

function withFast(parsers = fast): void {
  fallbacks = 0;
  for (const l of lines) {
    const input = JSON.parse(l) as { type: string };
    const out = (parsers.get(input.type) as FastParser)(input);
    if (out !== NOT_FAST) {
      sink++;
      continue;
    }
    fallbacks++;
    if ((schemas.get(input.type) as Schema).safeParse(input).success) sink++;
  }
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

// Warm up, then interleave the three in every round: a shared machine's load then weighs on all alike.
jsonOnly();
withZod();
const invalidLines = invalid;
withFast(fastObject);
const objectFallbacks = fallbacks;
withFast();
const times: [number[], number[], number[], number[]] = [[], [], [], []];
for (let r = 0; r < rounds; r++) {
  times[0].push(time(jsonOnly));
  times[1].push(time(withZod));
  times[2].push(time(() => withFast(fastObject)));
  times[3].push(time(() => withFast()));
}
const base = median(times[0]);
const zod = median(times[1]);
const objectMs = median(times[2]);
const fastMs = median(times[3]);

const us = (ms: number) => ((ms * 1000) / lines.length).toFixed(2);
const out = (label: string, ms: number) =>
  process.stdout.write(`  ${label.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms  ${us(ms).padStart(6)} µs/line  ratio ${(base / ms).toFixed(2)}\n`);
process.stdout.write(`${lines.length} lines (${invalidLines} invalid), median of ${rounds} interleaved rounds\n`);
out('JSON.parse', base);
out('JSON.parse + zod safeParse', zod);
out('JSON.parse + fast path (object mode)', objectMs);
out('JSON.parse + fast path (JSON mode)', fastMs);
process.stdout.write(`  validation alone: zod ${us(zod - base)}, fast path ${us(objectMs - base)} (object mode), ${us(fastMs - base)} (JSON mode) µs/line\n`);
const rate = (n: number) => `${n} of ${lines.length} (${((100 * n) / lines.length).toFixed(3)}%)`;
process.stdout.write(`  fast path fallbacks on these valid lines: ${rate(objectFallbacks)} (object mode), ${rate(fallbacks)} (JSON mode)\n`);
if (sink < 0) process.stdout.write('unreachable\n');
