/**
 * compare (issue 12): the library's what-if. On main only the CLI's diff
 * compared policies; the library exported nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commissionLedger, compare, comparer, credits, fairnessLedger, owners, parseLog, presetPolicy, replay, type PolicyInput } from '../../src/index.js';
import { deal, refund, ruling, staff, visit, wang, zhang } from '../support/dsl.js';

const month = parseLog(readFileSync(new URL('../../examples/logs/office-month.jsonl', import.meta.url), 'utf8')).events;

describe('compare(events, A, B) on the example month (jiuzhou against shenyang)', () => {
  const a = presetPolicy('jiuzhou');
  const b = presetPolicy('shenyang');
  const diff = compare(month, a, b);
  const ra = replay(month, a).state;
  const rb = replay(month, b).state;

  it('lists exactly the clients whose owner, status or protection end differ, each side as its own register has it', () => {
    const left = new Map(owners(ra).map((o) => [o.client, o]));
    const right = new Map(owners(rb).map((o) => [o.client, o]));
    const changed = [...left.keys()].filter((k) => {
      const x = left.get(k);
      const y = right.get(k);
      return x?.owner !== y?.owner || x?.status !== y?.status || x?.protectionEndsAt !== y?.protectionEndsAt;
    });
    expect(diff.owners.map((d) => d.client)).toEqual(changed.sort());
    for (const d of diff.owners.slice(0, 50)) {
      expect(d.a).toMatchObject({ owner: left.get(d.client)?.owner, rules: [...(left.get(d.client)?.rules ?? [])].sort() });
      expect(d.b?.owner).toBe(right.get(d.client)?.owner);
      expect(d.name).toBe(left.get(d.client)?.name);
    }
  });

  it('per person and month, credit and commission differ exactly where the ledgers do, and each row names the person', () => {
    const sums = (rows: { staff: string; month: string; amount?: string; commission?: string }[], f: 'amount' | 'commission') => new Map(rows.map((r) => [`${r.staff} ${r.month}`, r[f] ?? '0.00']));
    for (const [account, f, view] of [
      ['credit', 'amount', credits],
      ['commission', 'commission', commissionLedger],
    ] as const) {
      const x = sums(view(ra), f);
      const y = sums(view(rb), f);
      const keys = [...new Set([...x.keys(), ...y.keys()])].filter((k) => (x.get(k) ?? '0.00') !== (y.get(k) ?? '0.00'));
      const rows = diff.months.filter((m) => m.account === account);
      expect(rows.map((m) => `${m.staff} ${m.month}`).sort()).toEqual(keys.sort());
      for (const m of rows) {
        expect(m.a.amount).toBe(x.get(`${m.staff} ${m.month}`) ?? '0.00');
        expect(m.name).toBe(ra.staff.members.get(m.staff)?.name);
        expect(m.a.evidence.length + m.b.evidence.length).toBeGreaterThan(0);
      }
    }
  });

  it('per person, turns and skips differ where the fairness ledgers do; the trace names the receptions where their part differs', () => {
    const x = new Map(fairnessLedger(ra, { totals: true }).map((r) => [r.staff, r]));
    const y = new Map(fairnessLedger(rb, { totals: true }).map((r) => [r.staff, r]));
    const changed = [...x.keys()].filter((k) => x.get(k)?.turns !== y.get(k)?.turns || JSON.stringify(x.get(k)?.skips) !== JSON.stringify(y.get(k)?.skips) || x.get(k)?.uncounted !== y.get(k)?.uncounted || x.get(k)?.calls !== y.get(k)?.calls || JSON.stringify(x.get(k)?.callSkips) !== JSON.stringify(y.get(k)?.callSkips));
    expect(diff.turns.map((t) => t.staff)).toEqual(changed.sort());
    const first = diff.turns[0];
    expect(first?.a.turns).toBe(x.get(first?.staff ?? '')?.turns);
    expect(first?.a.evidence.length).toBeGreaterThan(0);
    const visitIds = new Set(diff.visits.map((v) => v.event));
    expect(first?.a.evidence.some((e) => visitIds.has(e))).toBe(true);
  });

  it('per visit, the receiver and whether it counted, with both decisions\' rules', () => {
    expect(diff.visits.length).toBeGreaterThan(0);
    const v = diff.visits[0];
    expect(v?.a?.counted !== v?.b?.counted || v?.a?.receiver !== v?.b?.receiver || v?.a?.turns !== v?.b?.turns || v?.a?.makeUp !== v?.b?.makeUp).toBe(true);
    expect(v?.a?.rules.length).toBeGreaterThan(0);
    expect(v?.b?.rules.length).toBeGreaterThan(0);
  });

  it('the same policy twice differs nowhere, and the streaming comparer gives what compare gives', () => {
    const same = compare(month, a, a);
    expect([same.owners, same.visits, same.months, same.turns, same.refusals]).toEqual([[], [], [], [], []]);
    const c = comparer(a, b);
    for (const e of month) c.push(e);
    expect(c.result()).toEqual(diff);
  });
});

describe('compare with dated timelines: what last year would have looked like', () => {
  const flat = (rate: string): PolicyInput => ({ deals: { commission: { rates: { neither: rate, one: rate, both: rate, above: rate } } } });
  const today = { name: 'today', ...flat('2') };
  const dated = { versions: [{ policy: today }, { id: 'dec', from: '2026-12-01', policy: { name: 'december', ...flat('3') } }] };
  const log = [staff('S01'), staff('S02'), visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-01 11:00', wang, { receiver: 'S01' }), deal('11-10 10:00', 'D1', 'S01', zhang), deal('12-03 10:00', 'D2', 'S01', wang), refund('12-05 10:00', 'D1')];

  it('COM-RATE-TIERS: a new rate from December changes December only; the November deal refunded in December reverses at its own rate on both sides', () => {
    const diff = compare(log, today, dated);
    expect(diff.months.map((m) => [m.staff, m.name, m.month, m.account, m.a.amount, m.b.amount])).toEqual([['S01', 'Staff S01', '2026-12', 'commission', '0.00', '1000.00']]);
    expect(diff.months[0]?.b.rules).toContain('COM-RATE-TIERS');
    expect(diff.months[0]?.b.evidence).toContain(log[5]?.id);
    expect(diff.b.label).toBe('today');
  });

  it('asOf compares the office as it stood then: before December the two agree', () => {
    const diff = compare(log, today, dated, { asOf: '2026-11-30', labels: ['now', 'proposal'] });
    expect([diff.owners, diff.months, diff.visits]).toEqual([[], [], []]);
    expect(diff).toMatchObject({ asOf: '2026-11-30T23:59:59.999+08:00', later: 2, a: { label: 'now', events: 5 }, b: { label: 'proposal' } });
  });

  it('COL-SAME-UNIT: a refund of a deal one policy refused for its unit is a refusal difference that names the closer, with both sides\' issues', () => {
    const events = [staff('S01'), staff('S02', { name: '王强' }), visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-01 11:00', wang, { receiver: 'S02' }), deal('11-02 10:00', 'D1', 'S01', zhang, 'subscription', { unit: 'U-1' }), deal('11-03 10:00', 'D2', 'S02', wang, 'subscription', { unit: 'U-1' }), refund('11-06 10:00', 'D2')];
    const diff = compare(events, {}, { deals: { sameUnit: 'allow' } });
    expect(diff.refusals).toHaveLength(1);
    expect(diff.refusals[0]).toMatchObject({ event: events[6]?.id, type: 'refund', staff: 'S02', name: '王强', b: [] });
    expect(diff.refusals[0]?.a.map((i) => i.code)).toEqual(['invalid_value']);
    expect(compare(events, {}, {}).refusals).toEqual([]);
  });

  it('PEN-FINES: fines per person and month differ with the policy\'s amounts, each side with its rules and the ruling', () => {
    const appeal = ruling('11-05 10:00', zhang, { level: 'appeal', owner: 'S01', appellant: 'S02' });
    const events = [staff('S01'), staff('S02'), staff('M1', { role: 'manager' }), visit('11-01 10:00', zhang, { receiver: 'S01' }), appeal];
    const diff = compare(events, {}, { disputes: { appealFailedFine: '1000' } });
    expect(diff.months).toEqual([
      { staff: 'S02', name: 'Staff S02', month: '2026-11', account: 'fines', a: { amount: '400.00', entries: 1, rules: ['DSP-PROCESS', 'PEN-FINES'], evidence: [appeal.id] }, b: { amount: '1000.00', entries: 1, rules: ['DSP-PROCESS', 'PEN-FINES'], evidence: [appeal.id] } },
    ]);
  });
});
