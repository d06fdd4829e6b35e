import { generate } from '../examples/generate.js';
import { initialState, parseLine, replayer, type Event } from '../src/index.js';
const lines: string[] = [];
generate({ seed: 7, events: Number(process.env.N ?? 200000), out: '', start: '2026-01-01' }, (l) => lines.push(l));
const events: Event[] = [];
let n = 0;
for (const l of lines) { const p = parseLine(l, ++n); if (p?.ok) events.push(p.event); }
const t0 = performance.now();
for (const l of lines) JSON.parse(l);
const t1 = performance.now();
for (let round = 0; round < 3; round++) {
  const r = replayer(initialState({}, { history: 'none' }), { decisions: process.env.D !== '0' });
  const byType = new Map<string, number>();
  const a = performance.now();
  for (const e of events) {
    const s = performance.now();
    r.push(e);
    byType.set(e.type, (byType.get(e.type) ?? 0) + performance.now() - s);
  }
  const b = performance.now();
  r.state();
  const c = performance.now();
  console.log(`parse ${(t1 - t0).toFixed(0)} push ${(b - a).toFixed(0)} state ${(c - b).toFixed(0)} µs/event ${((b - a) * 1000 / events.length).toFixed(2)}`);
  if (round === 2) console.log([...byType].sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v.toFixed(0)}ms`).join(', '));
}
