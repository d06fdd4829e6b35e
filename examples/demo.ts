/**
 * The demo: replays the bundled month of one sales office under the default
 * policy and prints who received each visitor, the fairness ledger of the
 * walk-in queue, who owns each client and why, and the credit for each deal.
 *
 *   npm run demo               # the first day in full, then summaries
 *   npm run demo -- --full     # every visitor and every client
 *   npm run demo -- path/to/log.jsonl
 */
import { readFileSync } from 'node:fs';
import {
  explain,
  fairnessLedger,
  formatIssue,
  nextReceiver,
  owners,
  parseLog,
  replay,
  staffList,
  type DecisionOf,
} from 'salesfloor';

const args = process.argv.slice(2);
const full = args.includes('--full');
const file = args.find((a) => !a.startsWith('--')) ?? new URL('./logs/office-month.jsonl', import.meta.url).pathname;

const { events, issues: parseIssues } = parseLog(readFileSync(file, 'utf8'));
const { state, decisions, issues } = replay(events, {});

const names = new Map(staffList(state).map((m) => [m.id, m.name]));
const name = (id: string | null) => (id === null ? '—' : `${names.get(id) ?? id}`);
const local = (iso: string) => iso.slice(5, 16).replace('T', ' ');
const register = owners(state);
const byClient = new Map(register.map((o) => [o.client, o]));
const clientName = (key: string | undefined) => (key === undefined ? '(not a client)' : (byClient.get(key)?.name ?? key));
const section = (title: string) => console.log(`\n== ${title}`);

console.log(`salesfloor demo: ${file}`);
console.log(`${events.length} events replayed under the default policy (time zone ${state.policy.timeZone}); ${decisions.length} decisions.`);
for (const issue of [...parseIssues, ...issues]) console.log(`  issue: ${formatIssue(issue)}`);

section('Who received each visitor (ROT-*)');
const receptions = decisions.filter((d): d is DecisionOf<'reception'> => d.kind === 'reception' && d.channel === 'visit');
const firstDay = receptions[0]?.at.slice(0, 10);
const shown = full ? receptions : receptions.filter((d) => d.at.startsWith(firstDay ?? ''));
for (const d of shown) {
  const turn = d.counted ? 'turn' : 'no turn';
  console.log(`  ${local(d.at)}  ${clientName(d.client).padEnd(6, '　')} → ${name(d.receiver).padEnd(4, '　')} (${turn}; ${d.trace.rules.join(', ')})`);
}
if (!full) console.log(`  … ${receptions.length - shown.length} more visitors after ${firstDay ?? ''} (npm run demo -- --full lists them all).`);

section('The fairness ledger over the month (ROT-*): turns, skips and make-ups per salesperson');
console.log(`  ${'name'.padEnd(5, '　')} turns  no turn  calls  make-ups owed/granted  turns that passed them, by reason`);
for (const r of fairnessLedger(state, { totals: true })) {
  const why = Object.entries(r.skips).filter(([, n]) => n > 0).map(([reason, n]) => `${reason} ${n}`).join(', ') || '—';
  const cell = (n: number, width: number) => String(n).padStart(width);
  console.log(`  ${r.name.padEnd(5, '　')} ${cell(r.turns, 5)}  ${cell(r.uncounted, 7)}  ${cell(r.calls, 5)}  ${`${r.makeUpsOwed}/${r.makeUpsGranted}`.padStart(21)}  ${why}`);
}
const morning = `${state.lastAt === null ? '' : new Date(state.lastAt + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10)}T09:00:00+08:00`;
const queue = nextReceiver(state, morning);
console.log(`  Next morning (${local(morning)}) the queue starts with ${name(queue.next)}: ${queue.note}.`);

section('Who owns each client, and why (OWN-*, REG-*, COL-*)');
const listed = full ? register : register.filter((o) => o.owner !== null).slice(0, 20);
for (const o of listed) {
  const until = o.protectionEndsAt ? ` until ${o.protectionEndsAt.slice(0, 10)}` : '';
  console.log(`  ${(o.name ?? o.client).padEnd(6, '　')} ${o.phone ?? ''}  ${name(o.owner).padEnd(4, '　')} ${o.status}${until}  [${o.rules.join(' + ')}] ← ${o.evidence.join(', ')}`);
}
if (!full) {
  const byStatus = new Map<string, number>();
  for (const o of register) byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
  console.log(`  … ${register.length} clients in all: ${[...byStatus].map(([s, n]) => `${n} ${s}`).join(', ')}.`);
}

section('Credit for each deal (DEAL-*, OWN-DEAL-PERMANENT)');
for (const d of decisions.filter((x): x is DecisionOf<'deal'> => x.kind === 'deal')) {
  const owner = byClient.get(d.client)?.owner ?? null;
  const credit = owner !== null ? `${name(owner)} (owner)` : `${name(d.staff)} (closer)`;
  console.log(`  ${local(d.at)}  ${d.deal.padEnd(4)} ${d.stage.padEnd(12)} ${d.outcome.padEnd(8)} closer ${name(d.staff)}, credit ${credit}`);
}

section('One client explained: why does this client belong to them?');
const example = decisions.find((d): d is DecisionOf<'collision'> => d.kind === 'collision');
if (example) for (const line of explain(state, example.client).lines) console.log(`  ${line}`);
