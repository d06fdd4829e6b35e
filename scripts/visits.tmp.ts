import { generate } from '../examples/generate.js';
import { initialState, parseLine, replayer, type Event } from '../src/index.js';
const lines: string[] = [];
generate({ seed: 7, events: 200000, out: '', start: '2026-01-01' }, (l) => lines.push(l));
const events: Event[] = [];
let n = 0;
for (const l of lines) { const p = parseLine(l, ++n); if (p?.ok && (p.event.type === 'registerVisit' || p.event.type === 'changeStaff')) events.push(p.event); }
for (let round = 0; round < 3; round++) {
  const r = replayer(initialState({}, { history: 'none' }), { decisions: false });
  const a = performance.now();
  for (const e of events) r.push(e);
  const b = performance.now();
  console.log(`${events.length} events ${((b - a) * 1000 / events.length).toFixed(2)} µs/event`);
}
