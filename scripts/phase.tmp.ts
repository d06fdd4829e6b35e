(globalThis as unknown as { T: Record<string, number> }).T = {};
const { generate } = await import('../examples/generate.js');
const { initialState, parseLine, replayer } = await import('../src/index.js');
const lines: string[] = [];
generate({ seed: 7, events: 200000, out: '', start: '2026-01-01' }, (l: string) => lines.push(l));
const events = [];
let n = 0;
for (const l of lines) { const p = parseLine(l, ++n); if (p?.ok) events.push(p.event); }
for (let round = 0; round < 3; round++) {
  const T = ((globalThis as unknown as { T: Record<string, number> }).T = {});
  const r = replayer(initialState({}, { history: 'none' }), { decisions: false });
  let visits = 0;
  for (const e of events) { if (e.type === 'registerVisit') visits++; r.push(e); }
  console.log(Object.entries(T).map(([k, v]) => `${k} ${((v * 1000) / visits).toFixed(2)}µs`).join('  '));
}
