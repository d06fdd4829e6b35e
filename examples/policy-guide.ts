/**
 * The code of docs/policy-guide.md, word for word (test/examples/policy-guide.test.ts
 * checks that every TypeScript block of the guide is in this file, and runs it).
 *
 *   npx tsx examples/policy-guide.ts
 */
import { readFileSync } from 'node:fs';
import { compare, createOffice, explain, formatIssue, parseLog, presetPolicy, replay, type PolicyInput } from 'salesfloor';

// 1. Writing a policy
const tower: PolicyInput = {
  name: 'Harbin tower',
  timeZone: 'Asia/Shanghai',
  ownership: { validityDays: { visit: 30, call: 7 }, followUp: { withinDays: 10 } },
  deals: { splits: { absentOwner: { commission: { owner: 80, closer: 20 } } } },
};
const office = createOffice(tower);
if (!office.ok) office.issues.forEach((i) => console.error(formatIssue(i)));

const typo = createOffice({ ownership: { validityDays: { visit: -3 } } });
if (!typo.ok) console.log(typo.issues.map(formatIssue)); // [ 'ownership.validityDays.visit: must be 0 or more (invalid_policy)' ]

// 2. Dating a change
const today = presetPolicy('jiuzhou');
const proposal: PolicyInput = {
  ...today,
  name: 'jiuzhou, 10-day windows and new rates',
  ownership: { ...today.ownership, validityDays: { visit: 10, call: 7, claim: 10 } },
  deals: { ...today.deals, commission: { ...today.deals?.commission, rates: { neither: '2', one: '2.2', both: '2.5', above: '2.8' } } },
};
const dated = {
  versions: [
    { id: 'until the 15th', policy: today },
    { id: 'from the 16th', from: '2026-10-16', policy: proposal }, // 00:00 on 16 October, office time
  ],
};

const { events } = parseLog(readFileSync(new URL('./logs/office-month.jsonl', import.meta.url), 'utf8'));
const month = replay(events, dated);
const underNew = month.decisions.filter((d) => d.version === 1);
console.log(`${underNew.length} decisions under "from the 16th"`); // events from the 16th on, less the money of deals closed before it (their terms stay v1)

// 3. Comparing two policies on last year's log
const diff = compare(events, today, proposal, { labels: ['today', 'proposal'] });
console.log(`owners ${diff.owners.length}, visits ${diff.visits.length}, months ${diff.months.length}, people's turns ${diff.turns.length}`);

// 4. Reading the result
const owner = diff.owners.find((d) => d.differs.includes('owner') && d.name !== null);
if (owner) {
  console.log(`${owner.name}: ${owner.a?.ownerName ?? 'nobody'} (${owner.a?.status}) → ${owner.b?.ownerName ?? 'nobody'} (${owner.b?.status})`);
  console.log(`  why, under the proposal: [${owner.b?.rules.join(', ')}] ← ${owner.b?.evidence.join(', ')}`);
}
for (const m of diff.months.filter((x) => x.account === 'commission').slice(0, 3)) {
  console.log(`${m.name} ${m.month} commission: ${m.a.amount} → ${m.b.amount} [${m.b.rules.join(', ')}]`);
}
if (owner) {
  const why = explain(replay(events, proposal).state, owner.client);
  console.log(why.owner?.status, why.owner?.rules); // 'none' [ 'OWN-VALIDITY' ]: the protection ran out under the proposal
}
