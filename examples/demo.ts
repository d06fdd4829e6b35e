/**
 * The demo: replays the bundled month of one sales office under the default
 * policy and prints who received each visitor, the fairness ledger of the
 * walk-in queue, who owns each client and why, who is credited and paid for
 * each deal, and the month's commission.
 *
 *   npm run demo               # the first day in full, then summaries
 *   npm run demo -- --full     # every visitor and every client
 *   npm run demo -- path/to/log.jsonl
 */
import { readFileSync } from 'node:fs';
import stringWidth from 'string-width';
import {
  commissionLedger,
  dealsOf,
  explain,
  fairnessLedger,
  formatIssue,
  localTime,
  nextReceiver,
  owners,
  parseLog,
  replay,
  staffList,
  type DealShare,
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
// Padded to display columns, as the CLI's tables are (string-width): a Chinese character takes two, so
// '林华' pads to 6 with two spaces; U+3000 padding would count code points and misalign mixed names.
const padEnd = (text: string, columns: number) => text + ' '.repeat(Math.max(0, columns - stringWidth(text)));

console.log(`salesfloor demo: ${file}`);
console.log(`${events.length} events replayed under the default policy (time zone ${state.policy.timeZone}); ${decisions.length} decisions.`);
for (const issue of [...parseIssues, ...issues]) console.log(`  issue: ${formatIssue(issue)}`);

section('Who received each visitor (ROT-*)');
const receptions = decisions.filter((d): d is DecisionOf<'reception'> => d.kind === 'reception' && d.channel === 'visit');
const firstDay = receptions[0] === undefined ? undefined : localTime(state, receptions[0].at).slice(0, 10);
const shown = full ? receptions : receptions.filter((d) => localTime(state, d.at).startsWith(firstDay ?? ''));
for (const d of shown) {
  const turn = d.counted ? 'turn' : 'no turn';
  console.log(`  ${local(localTime(state, d.at))}  ${padEnd(clientName(d.client), 12)} → ${padEnd(name(d.receiver), 8)} (${turn}; ${d.rules.join(', ')})`);
}
if (!full) console.log(`  … ${receptions.length - shown.length} more visitors after ${firstDay ?? ''} (npm run demo -- --full lists them all).`);

section('The fairness ledger over the month (ROT-*): turns, skips and make-ups per salesperson');
console.log(`  ${padEnd('name', 10)} turns  no turn  calls  make-ups owed/granted  turns that passed them, by reason`);
for (const r of fairnessLedger(state, { totals: true })) {
  const why = Object.entries(r.skips).filter(([, n]) => n > 0).map(([reason, n]) => `${reason} ${n}`).join(', ') || '—';
  const cell = (n: number, width: number) => String(n).padStart(width);
  console.log(`  ${padEnd(r.name, 10)} ${cell(r.turns, 5)}  ${cell(r.uncounted, 7)}  ${cell(r.calls, 5)}  ${`${r.makeUpsOwed}/${r.makeUpsGranted}`.padStart(21)}  ${why}`);
}
const morning = `${state.lastAt === null ? '' : new Date(state.lastAt + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10)}T09:00:00+08:00`;
const queue = nextReceiver(state, morning);
console.log(`  Next morning (${local(morning)}) the queue starts with ${name(queue.next)}: ${queue.note}.`);

section('Who owns each client, and why (OWN-*, REG-*, COL-*)');
const listed = full ? register : register.filter((o) => o.owner !== null).slice(0, 20);
for (const o of listed) {
  const until = o.protectionEndsAt ? ` until ${o.protectionEndsAt.slice(0, 10)}` : '';
  console.log(`  ${padEnd(o.name ?? o.client, 12)} ${o.phone ?? ''}  ${padEnd(name(o.owner), 8)} ${o.status}${until}  [${o.rules.join(' + ')}] ← ${o.evidence.join(', ')}`);
}
if (!full) {
  const byStatus = new Map<string, number>();
  for (const o of register) byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
  console.log(`  … ${register.length} clients in all: ${[...byStatus].map(([s, n]) => `${n} ${s}`).join(', ')}.`);
}

section('Credit and commission for each deal (DEAL-*, COM-*, RFD-CLAWBACK)');
const deals = dealsOf(state);
const percent = (share: string) => `${Number((Number(share) * 100).toFixed(1))}%`;
const parts = (shares: readonly DealShare[]) => shares.map((s) => `${name(s.staff)} ${percent(s.share)}${s.amount === null ? '' : ` ${s.amount}`}`).join(' + ');
for (const d of full ? deals : deals.slice(0, 15)) {
  const head = `  ${d.deal.padEnd(4)} ${d.unit.padEnd(7)} ${d.amount.padStart(8)} ${d.stage.padEnd(12)} ${d.status.padEnd(8)} closer ${name(d.closer)}`;
  if (d.status === 'refused') {
    console.log(`${head}: ${d.note} [${d.rules.join(', ')}]`);
    continue;
  }
  const commission = d.commission === null ? 'to be negotiated' : parts(d.commission);
  console.log(`${head}: credit ${parts(d.credit)}; commission ${commission} [${d.rules.join(', ')}]`);
}
if (!full) {
  const byStatus = new Map<string, number>();
  for (const d of deals) byStatus.set(d.status, (byStatus.get(d.status) ?? 0) + 1);
  console.log(`  … ${deals.length} deals in all: ${[...byStatus].map(([s, n]) => `${n} ${s}`).join(', ')} (npm run demo -- --full lists them all).`);
}

section('Commission payable per salesperson and month (COM-RATE-TIERS, RFD-CLAWBACK)');
for (const r of commissionLedger(state)) {
  console.log(`  ${r.month} ${padEnd(name(r.staff), 8)} accrued ${r.accrued.padStart(9)}  clawed back ${r.clawedBack.padStart(9)}  adjusted ${r.adjusted.padStart(8)}  payable ${r.payable.padStart(9)}${r.carried === '0.00' ? '' : `  carried ${r.carried}`}`);
}

section('One client explained: why does this client belong to them?');
const example = decisions.find((d): d is DecisionOf<'collision'> => d.kind === 'collision');
if (example) for (const line of explain(state, example.client).lines) console.log(`  ${line}`);
