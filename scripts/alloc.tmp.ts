import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { generate } from '../examples/generate.js';
import { initialState, parseLine, replayer, type Event } from '../src/index.js';
const lines: string[] = [];
generate({ seed: 7, events: Number(process.env.N ?? 100000), out: '', start: '2026-01-01' }, (l) => lines.push(l));
const events: Event[] = [];
let n = 0;
for (const l of lines) { const p = parseLine(l, ++n); if (p?.ok) events.push(p.event); }
const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
const r = replayer(initialState({}, { history: 'none' }), { decisions: process.env.D !== '0' });
for (const e of events) r.push(e);
const { profile } = await session.post('HeapProfiler.stopSampling');
writeFileSync('/tmp/hp/alloc.heapprofile', JSON.stringify(profile));
console.log('events', events.length);
