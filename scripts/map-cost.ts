/**
 * What one read of a large `Map` costs on this machine, against an array
 * slot: the figure that bounds what interned keys could buy the replay
 * (docs/performance.md, "What a map read costs").
 *
 *   npx tsx scripts/map-cost.ts [keys] [reads]
 *
 * Keys look like the engine's (short strings), values are small records,
 * reads are random. "fresh" reads use keys that came out of `JSON.parse`,
 * as an event's fields do, so their hash is not yet cached.
 */
const size = Number(process.argv[2] ?? 200_000);
const reads = Number(process.argv[3] ?? 2_000_000);

// A fixed LCG: the same reads every run.
let seed = 12345;
const next = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};

const keys = Array.from({ length: size }, (_, i) => `p${String((i * 7919) % 1000003).padStart(8, '0')}`);
const map = new Map<string, { i: number; b: number }>();
const slots: { i: number; b: number }[] = [];
for (let i = 0; i < size; i++) {
  const v = { i, b: i * 2 };
  map.set(keys[i] as string, v);
  slots.push(v);
}
const picks = Array.from({ length: reads }, () => next(size));
const fresh = JSON.parse(JSON.stringify(picks.map((i) => keys[i]))) as string[];

const ns = (ms: number): string => ((ms * 1e6) / reads).toFixed(0);
for (let round = 1; round <= 3; round++) {
  let sum = 0;
  let t = performance.now();
  for (const i of picks) sum += map.get(keys[i] as string)?.b ?? 0;
  const hashed = performance.now() - t;
  t = performance.now();
  for (const k of fresh) sum += map.get(k)?.b ?? 0;
  const parsed = performance.now() - t;
  t = performance.now();
  for (const i of picks) sum += slots[i]?.b ?? 0;
  const array = performance.now() - t;
  process.stdout.write(`round ${round}: ns per read of ${size} keys: Map ${ns(hashed)}, Map with fresh keys ${ns(parsed)}, array ${ns(array)} (checksum ${sum % 1000})\n`);
}
