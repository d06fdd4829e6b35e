// %% [markdown]
// # A month at a sales office, replayed
//
// This notebook replays the bundled example log (one month at one office:
// 18 salespeople in three teams, about 3,500 events) under a policy, and
// looks at who owns which client and why, the deals and who is credited, and
// what would change under another office's regime.
//
// **Running it** (from a fresh clone; README, "The notebook"): `npm ci && npm
// run build`, then `npm ci --prefix examples` (installs `salesfloor` from the
// build as a user gets it, the charting library ECharts and the TypeScript
// kernel [tslab](https://github.com/yunabe/tslab)), `npx --prefix examples
// tslab install`, and open `examples/analyst.ipynb` in Jupyter. The same code
// is the script `examples/analyst.ts`; `npm run notebook` runs it as a script
// and `npm run notebook:execute` runs the notebook itself in Jupyter, saving
// its outputs; CI does both. After editing the script,
// `npx tsx examples/notebook.ts` rewrites the notebook's cells.

// %%
import { existsSync, readFileSync } from 'node:fs';
import Decimal from 'decimal.js';
import * as echarts from 'echarts';
import * as tslab from 'tslab';
import { commissionLedger, explain, owners, parseLog, presetCatalog, presetPolicy, replay, staffList, type OfficeState } from 'salesfloor';

/** A bar chart as SVG, drawn on the server by ECharts (no browser, no DOM). */
function bars(title: string, labels: readonly string[], series: readonly { name: string; values: readonly number[] }[]): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 760, height: 320 });
  chart.setOption({
    animation: false,
    title: { text: title, textStyle: { fontSize: 14 } },
    legend: { top: 24 },
    grid: { top: 60, bottom: 70, left: 50, right: 10 },
    xAxis: { type: 'category', data: [...labels], axisLabel: { rotate: 45 } },
    yAxis: { type: 'value' },
    series: series.map((x) => ({ type: 'bar', name: x.name, data: [...x.values] })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** Shows a chart in the notebook; run as a script, says what it would show. */
function show(svg: string, title: string): void {
  try {
    tslab.display.svg(svg);
  } catch (error) {
    // tslab's display throws "Not ready" outside a Jupyter kernel.
    if (!(error instanceof Error) || error.message !== 'Not ready') throw error;
    console.log(`[chart] ${title}: ${svg.length} characters of SVG`);
  }
}

// Jupyter starts in examples/; the script runs from the repository root.
const logPath = ['logs/office-month.jsonl', 'examples/logs/office-month.jsonl'].find((p) => existsSync(p)) ?? 'examples/logs/office-month.jsonl';
const { events, issues } = parseLog(readFileSync(logPath, 'utf8'));
console.log(`${events.length} events from ${events[0]?.at.slice(0, 10)} to ${events.at(-1)?.at.slice(0, 10)}; ${issues.length} bad lines`);

// %% [markdown]
// ## Replay under the default policy
//
// `replay` folds the events in order. Every decision carries the rule IDs of
// the rule catalog (docs/rules.md) that produced it and the events it rests on. The default policy
// names no commission rate, so the office gives its own: 000 §14's tiers.

// %%
const base = replay(events, { deals: { commission: { rates: { neither: '1.8', one: '2', both: '2.3', above: '2.5' } } } });
const nameOf = (state: OfficeState) => {
  const names = new Map(staffList(state).map((m) => [m.id, m.name]));
  return (id: string | null) => (id === null ? '—' : (names.get(id) ?? id));
};
const name = nameOf(base.state);
const kinds = new Map<string, number>();
for (const d of base.decisions) kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
console.table(Object.fromEntries(kinds));

// %%
// Turns of the walk-in rotation per salesperson (ROT-ORDER, make-ups ROT-MAKEUP-COMPANY): counted receptions and make-ups.
const turns = new Map<string, { turns: number; makeUps: number }>();
for (const m of staffList(base.state)) if (m.role === 'sales') turns.set(m.id, { turns: 0, makeUps: 0 });
for (const d of base.decisions) {
  if (d.kind !== 'reception' || d.channel !== 'visit' || d.receiver === null || !d.counted) continue;
  const row = turns.get(d.receiver);
  if (row === undefined) continue;
  row.turns += d.turns;
  if (d.makeUp) row.makeUps++;
}
const turnIds = [...turns.keys()];
show(
  bars('Walk-in turns per salesperson', turnIds.map(name), [
    { name: 'turns', values: turnIds.map((id) => turns.get(id)?.turns ?? 0) },
    { name: 'make-ups', values: turnIds.map((id) => turns.get(id)?.makeUps ?? 0) },
  ]),
  'walk-in turns per salesperson',
);

// %% [markdown]
// ## The ownership register
//
// Who owns each client now, until when, and the rules that decided it.
// Phones are masked (PRV-MASK); `owners(state, { mask: false })` shows them.

// %%
const register = owners(base.state);
console.table(
  register
    .filter((o) => o.owner !== null)
    .slice(0, 12)
    .map((o) => ({ client: o.name, phone: o.phone, owner: o.ownerName, status: o.status, until: o.protectionEndsAt?.slice(0, 10) ?? '', rules: o.rules.join(' + ') })),
);

// %%
// Clients per salesperson and status, at the end of the month.
const perOwner = new Map<string, Record<string, number>>();
for (const o of register) {
  if (o.owner === null) continue;
  const row = perOwner.get(name(o.owner)) ?? {};
  row[o.status] = (row[o.status] ?? 0) + 1;
  perOwner.set(name(o.owner), row);
}
console.table(Object.fromEntries([...perOwner].sort(([a], [b]) => a.localeCompare(b, 'zh'))));

// %% [markdown]
// ## Deals and credit
//
// Each deal stage is a decision; a refund is a new decision that reverses
// the deal (RFD-CLAWBACK), never an edit. Amounts are decimal strings, added
// with decimal.js, never as floats. First the deals each salesperson closed,
// then the commission ledger: what each is paid per month, after the tiers
// (COM-RATE-TIERS) and clawbacks.

// %%
const amounts = new Map(events.flatMap((e) => (e.type === 'closeDeal' ? [[e.deal, e.amount] as const] : [])));
const closers = new Map<string, string>();
const refunded = new Set<string>();
for (const d of base.decisions) {
  if (d.kind !== 'deal') continue;
  if (d.outcome === 'recorded') closers.set(d.deal, d.staff);
  if (d.outcome === 'refunded') refunded.add(d.deal);
}
const credit = new Map<string, { deals: number; refunded: number; volume: Decimal }>();
for (const [deal, staff] of closers) {
  const row = credit.get(name(staff)) ?? { deals: 0, refunded: 0, volume: new Decimal(0) };
  if (refunded.has(deal)) row.refunded++;
  else {
    row.deals++;
    row.volume = row.volume.plus(amounts.get(deal) ?? '0');
  }
  credit.set(name(staff), row);
}
console.table(
  Object.fromEntries(
    [...credit]
      .sort(([, a], [, b]) => b.volume.comparedTo(a.volume))
      .map(([who, r]) => [who, { deals: r.deals, refunded: r.refunded, volume: r.volume.toFixed(0) }]),
  ),
);
const closersByVolume = [...credit].sort(([, x], [, y]) => y.volume.comparedTo(x.volume));
// A chart axis is a float: the sum stays exact in decimal.js and is only converted to draw.
show(bars('Deal volume per closer (万元)', closersByVolume.map(([who]) => who), [{ name: 'volume', values: closersByVolume.map(([, r]) => r.volume.div(10_000).toDecimalPlaces(1).toNumber()) }]), 'deal volume per closer');

// %%
console.table(commissionLedger(base.state).map((r) => ({ month: r.month, name: r.staffName ?? r.staff, accrued: r.accrued, clawedBack: r.clawedBack, payable: r.payable })));

// %% [markdown]
// ## What if: two regimes on the same month
//
// The same events under two presets (the catalog's §P). The difference is only
// policy data: validity windows, follow-up rules, collision rules.

// %%
const [presetA, presetB] = ['jiuzhou', 'shenyang'] as const;
for (const p of presetCatalog.filter((c) => c.name === presetA || c.name === presetB)) console.log(`${p.name} (${p.source}): ${p.summary}`);
const a = replay(events, presetPolicy(presetA));
const b = replay(events, presetPolicy(presetB));
const inB = new Map(owners(b.state).map((o) => [o.client, o]));
const moves = new Map<string, number>();
const changed: string[] = [];
for (const o of owners(a.state)) {
  const other = inB.get(o.client);
  if (other === undefined || (other.owner === o.owner && other.status === o.status)) continue;
  changed.push(o.client);
  const move = `${o.status} → ${other.status}${o.owner !== null && other.owner !== null && o.owner !== other.owner ? ', another owner' : ''}`;
  moves.set(move, (moves.get(move) ?? 0) + 1);
}
console.log(`${changed.length} of ${inB.size} clients end the month differently under ${presetB} than under ${presetA}`);
console.table(Object.fromEntries(moves));

// %%
// Clients owned per salesperson under each regime.
const count = (state: OfficeState) => {
  const n = new Map<string, number>();
  for (const o of owners(state)) if (o.owner !== null) n.set(o.owner, (n.get(o.owner) ?? 0) + 1);
  return n;
};
const [ownedA, ownedB] = [count(a.state), count(b.state)];
const sales = staffList(a.state).filter((m) => m.role === 'sales');
console.table(Object.fromEntries(sales.map((m) => [m.name, { [presetA]: ownedA.get(m.id) ?? 0, [presetB]: ownedB.get(m.id) ?? 0 }])));
show(
  bars(
    'Clients owned at the end of the month',
    sales.map((m) => m.name),
    [presetA, presetB].map((p, i) => ({ name: p, values: sales.map((m) => (i === 0 ? ownedA : ownedB).get(m.id) ?? 0) })),
  ),
  'clients owned per salesperson under each regime',
);

// %%
// Why one client differs: the same story, told under each regime.
const example = changed[0];
if (example !== undefined) {
  for (const [label, run] of [[presetA, a], [presetB, b]] as const) {
    const why = explain(run.state, example);
    console.log(`\n${label}: ${why.owner?.name} is owned by ${why.owner?.ownerName ?? 'nobody'} (${why.owner?.status}) [${why.owner?.rules.join(', ')}]`);
    for (const line of why.lines.slice(-4)) console.log(`  ${line}`);
  }
}
