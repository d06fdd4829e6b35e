import { generate } from '../examples/generate.js';
import { initialState, parseLine, replayer, type Event, type OfficeState } from '../src/index.js';
const g = (globalThis as unknown as { gc: () => void }).gc;
function measure(returning: number | undefined) {
  const lines: string[] = [];
  generate({ seed: 7, events: 200000, out: '', start: '2026-01-01', ...(returning === undefined ? {} : { returning }) }, (l) => lines.push(l));
  const events: Event[] = [];
  let n = 0;
  for (const l of lines) { const p = parseLine(l, ++n); if (p?.ok) events.push(p.event); }
  lines.length = 0;
  g(); const b = process.memoryUsage().heapUsed;
  let state: OfficeState | null = (() => { const r = replayer(initialState({}, { history: 'none' }), { decisions: false }); for (const e of events) r.push(e); return r.state(); })();
  g(); const a = process.memoryUsage().heapUsed;
  const clients = state.ownership.files.size;
  state = null;
  return { bytes: a - b, clients, events: events.length };
}
const A = measure(undefined);
const B = measure(0.9);
// bytes = c*clients + e*events
const det = A.clients * B.events - B.clients * A.events;
const c = (A.bytes * B.events - B.bytes * A.events) / det;
const e = (A.clients * B.bytes - B.clients * A.bytes) / det;
console.log(`A ${A.clients} clients ${(A.bytes / 1e6).toFixed(1)} MB; B ${B.clients} clients ${(B.bytes / 1e6).toFixed(1)} MB; per client ${c.toFixed(0)} per event ${e.toFixed(0)}`);
