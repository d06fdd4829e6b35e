import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectUnchanged } from '../support/fold.js';
import { attainment, commissionLedger, credits, dealsOf, ingest, ledgerEntries, parseLog, presetPolicy, replay, type LedgerEntry, type OfficeState, type PolicyInput } from '../../src/index.js';
import { describeReason } from '../../src/index.js';
import { arrival, deal, event, find, given as dslGiven, invitation, refund, staff, t, visit, wang, zhang } from '../support/dsl.js';
import { legacyWith } from '../support/legacy.js';

// These scenarios were written for the 0.1 defaults (000's rate tiers, the 5:5
// splits): each lays its policy over them, so the amounts stay what they meant.
const given = (events: Parameters<typeof dslGiven>[0], policy: PolicyInput = {}) => dslGiven(events, legacyWith(policy));

const team = [staff('S01', {}, '10-01 08:00'), staff('S02', {}, '10-01 08:00'), staff('S03', {}, '10-01 08:00'), staff('T1', { role: 'telemarketer' }, '10-01 08:00')];
const targets = (when: string, who: string, month: string, red: string | null, green: string | null) => event('setTargets', when, { staff: who, month, red, green });

/** Net per staff of some entries. */
function net(entries: readonly LedgerEntry[]): Record<string, string> {
  const out: Record<string, number> = {};
  for (const e of entries) out[e.staff] = Math.round(((out[e.staff] ?? 0) + Number(e.amount)) * 100) / 100;
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.toFixed(2)]));
}

/** The month's commission (rate part) booked for a salesperson. */
const monthTotal = (state: OfficeState, staffId: string, period: string) => net(ledgerEntries(state, { staff: staffId, account: 'commission' }).filter((e) => e.period === period))[staffId] ?? '0.00';

describe('COM-RATE-TIERS: the month\'s rate follows red/green attainment: 1.8‰, 2‰, 2.3‰, the part above both at 2.5‰', () => {
  const base = [...team, targets('11-01 08:00', 'S01', '2026-11', '1500000', '500000'), visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-01 11:00', wang, { receiver: 'S01' })];

  it('given neither line met, the rate is 1.8‰', () => {
    const g = given(base);
    g.when(deal('11-03 10:00', 'D1', 'S01', zhang, 'contract'));
    expect(monthTotal(g.state, 'S01', '2026-11')).toBe('1800.00');
    expect(attainment(g.state, { staff: 'S01' })[0]).toMatchObject({ tier: 'neither', red: '1000000.00', redMet: false, greenMet: false });
  });

  it('given a deal that meets the red line, the month moves to 2‰ and its earlier deals are re-tiered by a month adjustment', () => {
    const g = given([...base, deal('11-03 10:00', 'D1', 'S01', zhang, 'contract')]);
    const step = g.when(deal('11-04 10:00', 'D2', 'S01', wang, 'contract'));
    expect(find(step, 'ledger', (e) => e.deal === 'D2' && e.account === 'commission')).toMatchObject({ entry: 'accrual', amount: '2000.00', rate: '2' });
    expect(find(step, 'ledger', (e) => e.deal === null)).toMatchObject({ entry: 'adjustment', amount: '200.00', period: '2026-11' });
    expect(find(step, 'ledger', (e) => e.deal === null).rules).toEqual(['COM-RATE-TIERS']);
    expect(monthTotal(g.state, 'S01', '2026-11')).toBe('4000.00');
  });

  it('given both lines exceeded, the month earns 2.3‰ and the part above both targets 2.5‰ (marginal, 000 §14)', () => {
    const g = given([...base, deal('11-03 10:00', 'D1', 'S01', zhang, 'contract'), deal('11-04 10:00', 'D2', 'S01', wang, 'contract')]);
    g.when(deal('11-20 10:00', 'D1', 'S01', zhang, 'loan'));
    // base 2,000,000; above both targets: min(2,000,000 - 1,500,000, 1,000,000 - 500,000) = 500,000
    expect(attainment(g.state, { staff: 'S01', month: '2026-11' })[0]).toMatchObject({ tier: 'above', excess: '500000.00', commission: '4700.00' });
    expect(monthTotal(g.state, 'S01', '2026-11')).toBe('4700.00');
  });

  it('given excess "whole", the whole month earns 2.5‰ once both targets are exceeded', () => {
    const g = given([...base, deal('11-03 10:00', 'D1', 'S01', zhang, 'contract'), deal('11-04 10:00', 'D2', 'S01', wang, 'contract')], { deals: { commission: { excess: 'whole' } } });
    g.when(deal('11-20 10:00', 'D1', 'S01', zhang, 'loan'));
    expect(monthTotal(g.state, 'S01', '2026-11')).toBe('5000.00');
  });

  it('given targets set after the deals, the month is re-tiered at once', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-03 10:00', 'D1', 'S01', zhang, 'contract')]);
    expect(monthTotal(g.state, 'S01', '2026-11')).toBe('1800.00');
    const step = g.when(targets('11-05 08:00', 'S01', '2026-11', '500000', null));
    expect(step.decisions).toHaveLength(1);
    expect(find(step, 'ledger')).toMatchObject({ entry: 'adjustment', deal: null, amount: '200.00' });
    expect(monthTotal(g.state, 'S01', '2026-11')).toBe('2000.00');
  });

  it('targets of unknown staff or below zero are refused and change nothing', () => {
    const g = given(team);
    const before = g.state;
    expect(g.when(targets('11-05 08:00', 'S09', '2026-11', '1', null), true).issues[0]).toMatchObject({ code: 'unknown_staff' });
    expect(g.when(targets('11-05 08:00', 'S01', '2026-11', '-1', null), true).issues[0]).toMatchObject({ code: 'invalid_amount', path: ['red'] });
    expect(ingest(g.state, { v: 1, id: 'x', type: 'setTargets', at: t('11-05 08:00'), office: 'test', staff: 'S01', month: '2026-13', red: '1' }).issues[0]?.path).toEqual(['month']);
    expectUnchanged(g.state, before);
  });
});

describe('COM-FIXED-BONUS: a fixed bonus per converted deal by product type (001: high-rise 200, villa 500)', () => {
  // 001: the telemarketer's invitations, and the clients' arrivals confirmed (KPI-INVITE-CONFIRM), as call-center asks.
  const base = [
    ...team,
    invitation('10-31 15:00', 'T1', zhang, 'inv-zhang'),
    invitation('10-31 15:10', 'T1', wang, 'inv-wang'),
    visit('11-01 10:00', zhang, { receiver: 'S01' }),
    arrival('11-01 10:05', 'inv-zhang', true, 'S01'),
    visit('11-01 11:00', wang, { receiver: 'S02' }),
    arrival('11-01 11:05', 'inv-wang', true, 'S02'),
  ];

  it('given a telemarketer invited the client, a villa earns them 500 and a high-rise 200; the salespeople keep credit and commission', () => {
    const g = given(base, presetPolicy('call-center'));
    const step = g.when(deal('11-03 10:00', 'D1', 'S01', zhang, 'subscription', { productType: 'villa', invitedBy: 'T1' }));
    expect(find(step, 'ledger', (e) => e.account === 'bonus')).toMatchObject({ staff: 'T1', amount: '500.00', entry: 'accrual' });
    expect(find(step, 'ledger', (e) => e.account === 'bonus').rules).toEqual(['COM-FIXED-BONUS', 'KPI-INVITE-CONFIRM']);
    g.when(deal('11-04 10:00', 'D2', 'S02', wang, 'subscription', { productType: 'highRise', invitedBy: 'T1' }));
    expect(net(ledgerEntries(g.state, { account: 'bonus' }))).toEqual({ T1: '700.00' });
    expect(dealsOf(g.state).map((d) => d.credit.map((c) => c.staff))).toEqual([['S01'], ['S02']]);
    expect(commissionLedger(g.state, { staff: 'T1' })[0]).toMatchObject({ bonus: '700.00', commission: '0.00', payable: '700.00' });
  });

  it('given a product type without a bonus, or no inviter, nothing is paid', () => {
    const g = given(base, presetPolicy('call-center'));
    g.when(deal('11-03 10:00', 'D1', 'S01', zhang, 'subscription', { productType: 'shop', invitedBy: 'T1' }));
    g.when(deal('11-03 11:00', 'D2', 'S02', wang, 'subscription', { productType: 'villa' }));
    expect(ledgerEntries(g.state, { account: 'bonus' })).toEqual([]);
  });

  it('given a refund, the bonus is clawed back with the deal (RFD-CLAWBACK)', () => {
    const g = given([...base, deal('11-03 10:00', 'D1', 'S01', zhang, 'subscription', { productType: 'villa', invitedBy: 'T1' })], presetPolicy('call-center'));
    g.when(refund('11-10 10:00', 'D1', { amount: '500000' }));
    expect(net(ledgerEntries(g.state, { account: 'bonus' }))).toEqual({ T1: '250.00' });
  });

  it("given the commission waits for a negotiated split, the inviter's bonus does not wait", () => {
    const policy = presetPolicy('jiuzhou');
    policy.deals = { ...policy.deals, bonus: { byProductType: { villa: '500' } } };
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), event('changeStaff', '11-03 08:00', { staff: 'S01', status: 'off' })], policy);
    g.when(deal('11-03 10:00', 'D1', 'S02', zhang, 'subscription', { productType: 'villa', invitedBy: 'T1' }));
    expect(dealsOf(g.state)[0]?.commission).toBeNull();
    expect(net(ledgerEntries(g.state, { account: 'bonus' }))).toEqual({ T1: '500.00' });
  });

  it('given bonuses split like the commission, each party gets their share', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S02' })], { deals: { bonus: { byProductType: { villa: '500' }, to: 'commission' } } });
    g.when(deal('11-03 10:00', 'D1', 'S02', zhang, 'subscription', { productType: 'villa', invitedBy: 'S03' }));
    expect(net(ledgerEntries(g.state, { account: 'bonus' }))).toEqual({ S02: '250.00', S03: '250.00' });
  });

  it.each([
    ['down', '200.00', { S02: '100.00', S03: '100.00' }],
    ['halfEven', '200.00', { S02: '100.00', S03: '100.00' }],
    ['halfUp', '200.01', { S02: '100.01', S03: '100.00' }],
  ] as const)('COM-SPLIT-EXACT: given a bonus of 200.005 and rounding %s, it is rounded to %s before it is paid or split (no invented cent)', (rounding, whole, halves) => {
    const bonus = (to: 'inviter' | 'commission') => ({ deals: { bonus: { byProductType: { villa: '200.005' }, to }, commission: { rounding } } });
    const inviter = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-03 10:00', 'D1', 'S01', zhang, 'subscription', { productType: 'villa', invitedBy: 'T1' })], bonus('inviter'));
    expect(net(ledgerEntries(inviter.state, { account: 'bonus' }))).toEqual({ T1: whole });
    const split = given([...team, visit('11-01 10:00', zhang, { receiver: 'S02' }), deal('11-03 10:00', 'D1', 'S02', zhang, 'subscription', { productType: 'villa', invitedBy: 'S03' })], bonus('commission'));
    expect(net(ledgerEntries(split.state, { account: 'bonus' }))).toEqual(halves);
  });
});

describe('COM-SPLIT-EXACT: every split is exact to the cent, with the remainder by a documented rule', () => {
  const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' })];
  const threeWay = event('splitDeal', '11-04 10:00', { deal: 'D1', credit: [{ staff: 'S01', share: '1' }, { staff: 'S02', share: '1' }, { staff: 'S03', share: '2' }] });

  it('given 1,000,000.01 split 5:5, the odd cent goes to the first party and the parts add up', () => {
    const g = given(base);
    g.when(deal('11-03 10:00', 'D1', 'S01', zhang, 'subscription', { amount: '1000000.01', invitedBy: 'S02' }));
    expect(net(ledgerEntries(g.state, { account: 'credit' }))).toEqual({ S01: '500000.01', S02: '500000.00' });
  });

  it('given remainder "largestRemainder", 1,000,000.03 split 1:1:2 leaves two cents to the largest fractional parts', () => {
    const g = given([...base, deal('11-03 10:00', 'D1', 'S01', zhang, 'subscription', { amount: '1000000.03' })]);
    g.when(threeWay);
    expect(net(ledgerEntries(g.state, { account: 'credit' }))).toEqual({ S01: '250000.01', S02: '250000.01', S03: '500000.01' });
  });

  it('given remainder "first", the same cents all go to the first party', () => {
    const g = given([...base, deal('11-03 10:00', 'D1', 'S01', zhang, 'subscription', { amount: '1000000.03' })], { deals: { commission: { remainder: 'first' } } });
    g.when(threeWay);
    expect(net(ledgerEntries(g.state, { account: 'credit' }))).toEqual({ S01: '250000.02', S02: '250000.00', S03: '500000.01' });
  });

  it.each([
    ['halfUp', '1800.05'],
    ['halfEven', '1800.04'],
    ['down', '1800.04'],
  ] as const)('given rounding %s, 1,000,025 at 1.8‰ (1800.045) books %s', (rounding, expected) => {
    const g = given(base, { deals: { commission: { rounding } } });
    g.when(deal('11-03 10:00', 'D1', 'S01', zhang, 'subscription', { amount: '1000025' }));
    expect(net(ledgerEntries(g.state, { account: 'commission' }))).toEqual({ S01: expected });
  });
});

describe('RFD-CLAWBACK: a refund writes reversing entries against the deal\'s snapshot; history is never edited', () => {
  const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-01 11:00', wang, { receiver: 'S01' })];

  it('given a full refund, every accrual is reversed, the deal nets to zero and the accruals stay on record', () => {
    const g = given([...base, deal('11-03 10:00', 'D1', 'S01', zhang, 'contract')]);
    const step = g.when(refund('11-10 10:00', 'D1'));
    expect(step.decisions.filter((d) => d.kind === 'ledger').map((d) => d.kind === 'ledger' && [d.entry, d.account, d.amount])).toEqual([
      ['clawback', 'credit', '-1000000.00'],
      ['clawback', 'commission', '-1800.00'],
    ]);
    expect(ledgerEntries(g.state, { deal: 'D1' }).map((e) => e.entry)).toEqual(['accrual', 'accrual', 'clawback', 'clawback']);
    expect(net(ledgerEntries(g.state, { deal: 'D1' }))).toEqual({ S01: '0.00' });
    expect(dealsOf(g.state)[0]?.status).toBe('refunded');
  });

  it('given a deposit wholly refunded (退定), when a later stage of the same deal id comes, then it is refused with its reason and books nothing', () => {
    const g = given([...base, deal('11-03 10:00', 'D1', 'S01', zhang, 'smallDeposit', { paid: '20000' }), refund('11-04 10:00', 'D1', { amount: '20000' })]);
    const before = ledgerEntries(g.state).length;
    const step = g.when(deal('11-10 10:00', 'D1', 'S01', zhang, 'contract', { paid: '980000' }), true);
    expect(step.issues).toEqual([expect.objectContaining({ code: 'invalid_value', path: ['deal'], message: expect.stringContaining('wholly refunded') })]);
    expect(ledgerEntries(g.state).length).toBe(before);
  });

  it('given a split whose commission waits for negotiation after it was booked, when the deal is refunded in full, then the booked commission is clawed back too', () => {
    // The RFD-CLAWBACK property's counterexample (seed 491376170), as it shrank: recognized during a reception, D2 takes the
    // invited split, whose commission is negotiated (a splitDeal); the commission booked before stands until then, and the refund must reverse it.
    const { events, policy } = JSON.parse(readFileSync(new URL('./fixtures/rfd-clawback-491376170.json', import.meta.url), 'utf8')) as { events: unknown[]; policy: PolicyInput };
    const { state } = replay(parseLog(events.map((e) => JSON.stringify(e)).join('\n')).events, policy);
    expect(dealsOf(state).find((d) => d.deal === 'D2')?.status).toBe('refunded');
    const d2 = ledgerEntries(state, { deal: 'D2' });
    expect(d2.some((e) => e.account === 'commission' && e.amount === '18.01')).toBe(true);
    expect(Object.values(net(d2)).every((v) => v === '0.00')).toBe(true);
  });

  it('given a partial refund of 30%, 30% is reversed', () => {
    const g = given([...base, deal('11-03 10:00', 'D1', 'S01', zhang, 'contract')]);
    g.when(refund('11-10 10:00', 'D1', { amount: '300000' }));
    expect(credits(g.state, { staff: 'S01' })[0]).toMatchObject({ accrued: '1000000.00', reversed: '-300000.00', amount: '700000.00' });
    expect(net(ledgerEntries(g.state, { account: 'commission' }))).toEqual({ S01: '1260.00' });
  });

  it('given a refund of a deposit (退定) measured against what was paid, all of it is reversed', () => {
    const g = given([...base, deal('11-03 10:00', 'D1', 'S01', zhang, 'smallDeposit', { paid: '20000' }), deal('11-04 10:00', 'D1', 'S01', zhang, 'subscription', { paid: '30000' })]);
    g.when(refund('11-10 10:00', 'D1', { amount: '50000' }));
    expect(dealsOf(g.state)[0]).toMatchObject({ status: 'refunded', paid: '50000', refunded: '50000' });
    expect(net(ledgerEntries(g.state, { deal: 'D1' }))).toEqual({ S01: '0.00' });
  });

  it('given a partial refund of the deposit, the share it reversed is fixed then: a later payment re-books nothing already clawed back', () => {
    const g = given([...base, deal('11-03 10:00', 'D1', 'S01', zhang, 'subscription', { paid: '20000' }), refund('11-04 10:00', 'D1', { amount: '10000', reason: 'part of the deposit returned' })]);
    // 10,000 of the 20,000 paid: half of the deal is reversed.
    expect(net(ledgerEntries(g.state, { deal: 'D1', account: 'credit' }))).toEqual({ S01: '500000.00' });
    const step = g.when(deal('11-20 10:00', 'D1', 'S01', zhang, 'contract', { paid: '980000' }));
    expect(step.decisions.filter((d) => d.kind === 'ledger' && d.deal === 'D1')).toEqual([]);
    expect(net(ledgerEntries(g.state, { deal: 'D1', account: 'credit' }))).toEqual({ S01: '500000.00' });
    expect(net(ledgerEntries(g.state, { deal: 'D1', account: 'commission' }))).toEqual({ S01: '900.00' });
    // A second refund is measured against what is paid by then (10,000 of 1,000,000: 1% more), and the full refund reverses the rest.
    g.when(refund('11-25 10:00', 'D1', { amount: '10000' }));
    expect(net(ledgerEntries(g.state, { deal: 'D1', account: 'credit' }))).toEqual({ S01: '490000.00' });
    g.when(refund('11-26 10:00', 'D1'));
    expect(dealsOf(g.state)[0]).toMatchObject({ status: 'refunded', refunded: '1000000' });
    expect(net(ledgerEntries(g.state, { deal: 'D1' }))).toEqual({ S01: '0.00' });
  });

  it('given refunds whose shares add up to the whole deal while money is still paid, the deal is wholly refunded and a further refund is refused', () => {
    const g = given([...base, deal('11-03 10:00', 'D1', 'S01', zhang, 'subscription', { paid: '20000' }), refund('11-04 10:00', 'D1', { amount: '10000' }), deal('11-05 10:00', 'D1', 'S01', zhang, 'subscription', { paid: '20000' })]);
    const step = g.when(refund('11-06 10:00', 'D1', { amount: '20000' }));
    expect(find(step, 'deal').args).toMatchObject({ full: true, refunded: '30000', paid: '40000', share: '1' });
    expect(dealsOf(g.state)[0]?.status).toBe('refunded');
    expect(net(ledgerEntries(g.state, { deal: 'D1' }))).toEqual({ S01: '0.00' });
    expect(g.when(refund('11-07 10:00', 'D1', { amount: '5000' }), true).issues[0]?.message).toContain('already wholly refunded');
  });

  it("given the month was re-tiered after the deal closed, the refund reverses at the deal's own rate, then recomputes the month", () => {
    const g = given([...base, targets('11-02 08:00', 'S01', '2026-11', '1500000', null), deal('11-03 10:00', 'D1', 'S01', zhang, 'contract'), deal('11-04 10:00', 'D2', 'S01', wang, 'contract')]);
    expect(monthTotal(g.state, 'S01', '2026-11')).toBe('4000.00');
    const step = g.when(refund('11-10 10:00', 'D1'));
    expect(find(step, 'ledger', (e) => e.deal === 'D1' && e.account === 'commission').amount).toBe('-1800.00');
    expect(find(step, 'ledger', (e) => e.deal === null)).toMatchObject({ entry: 'adjustment', amount: '-400.00' });
    expect(find(step, 'ledger', (e) => e.deal === null).rules).toEqual(['COM-RATE-TIERS', 'RFD-CLAWBACK']);
    expect(monthTotal(g.state, 'S01', '2026-11')).toBe('1800.00');
  });

  it('given retierOnRefund "keep", the refund reverses the deal only and the month keeps its tier', () => {
    const policy: PolicyInput = { deals: { commission: { retierOnRefund: 'keep' } } };
    const g = given([...base, targets('11-02 08:00', 'S01', '2026-11', '1500000', null), deal('11-03 10:00', 'D1', 'S01', zhang, 'contract'), deal('11-04 10:00', 'D2', 'S01', wang, 'contract')], policy);
    const step = g.when(refund('11-10 10:00', 'D1'));
    expect(step.decisions.some((d) => d.kind === 'ledger' && d.deal === null)).toBe(false);
    expect(monthTotal(g.state, 'S01', '2026-11')).toBe('2200.00');
    expect(attainment(g.state, { staff: 'S01' })[0]).toMatchObject({ tier: 'one', red: '2000000.00' });
  });

  it('given the clawback comes in a later month with little else booked, the negative balance carries forward', () => {
    const g = given([...team, visit('10-01 10:00', zhang, { receiver: 'S01' }), visit('10-01 11:00', wang, { receiver: 'S01' }), deal('10-03 10:00', 'D1', 'S01', zhang, 'contract'), refund('11-10 10:00', 'D1'), deal('11-20 10:00', 'D2', 'S01', wang, 'contract', { amount: '500000' })]);
    const rows = commissionLedger(g.state, { staff: 'S01' });
    expect(rows.map((r) => [r.month, r.opening, r.net, r.closing, r.payable, r.carried])).toEqual([
      ['2026-10', '0.00', '1800.00', '1800.00', '1800.00', '0.00'],
      ['2026-11', '0.00', '-900.00', '-900.00', '0.00', '-900.00'],
    ]);
    g.when(deal('12-05 10:00', 'D3', 'S01', zhang, 'contract'));
    expect(commissionLedger(g.state, { staff: 'S01', month: '2026-12' })[0]).toMatchObject({ opening: '-900.00', net: '1800.00', closing: '900.00', payable: '900.00', carried: '0.00' });
  });

  it('a refund of an unknown deal, more than was paid, a negative amount or an amount that is not a decimal string is refused and changes nothing', () => {
    const g = given([...base, deal('11-03 10:00', 'D1', 'S01', zhang, 'subscription', { paid: '50000' })]);
    const before = g.state;
    expect(g.when(refund('11-10 10:00', 'D9'), true).issues[0]).toMatchObject({ code: 'unknown_deal', path: ['deal'] });
    expect(g.when(refund('11-10 10:00', 'D1', { amount: '60000' }), true).issues[0]).toMatchObject({ code: 'invalid_amount', path: ['amount'] });
    expect(g.when(refund('11-10 10:00', 'D1', { amount: '-5' }), true).issues[0]).toMatchObject({ code: 'invalid_amount', path: ['amount'] });
    expect(g.when(refund('11-10 10:00', 'D1', { amount: '0' }), true).issues[0]).toMatchObject({ code: 'invalid_amount' });
    const text = ingest(g.state, { v: 1, id: 'x1', type: 'refund', at: t('11-10 10:00'), office: 'test', deal: 'D1', amount: '12,5' });
    expect(text.issues[0]).toMatchObject({ code: 'invalid_format', path: ['amount'] });
    const number = ingest(g.state, { v: 1, id: 'x2', type: 'refund', at: t('11-10 10:00'), office: 'test', deal: 'D1', amount: 500 });
    expect(number.issues[0]).toMatchObject({ code: 'invalid_type', path: ['amount'] });
    expectUnchanged(g.state, before);
    g.when(refund('11-11 10:00', 'D1'));
    expect(g.when(refund('11-12 10:00', 'D1'), true).issues[0]?.message).toContain('already wholly refunded');
  });

  it('a deal whose payments would fall below what was refunded, or a negative payment, is refused', () => {
    const g = given([...base, deal('11-03 10:00', 'D1', 'S01', zhang, 'subscription'), refund('11-04 10:00', 'D1', { amount: '600000' })]);
    expect(g.when(deal('11-05 10:00', 'D1', 'S01', zhang, 'contract', { amount: '500000' }), true).issues[0]).toMatchObject({ code: 'invalid_amount', path: ['amount'] });
    expect(g.when(deal('11-05 10:00', 'D1', 'S01', zhang, 'contract', { paid: '-1' }), true).issues[0]).toMatchObject({ code: 'invalid_amount', path: ['paid'] });
  });
});

describe('RFD-RESTORE: after a refund the client stays with the owner or goes to the pool, as the policy says', () => {
  it('given afterRefund "pool", a full refund sends the client to the public pool', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-03 10:00', 'D1', 'S01', zhang)], { deals: { afterRefund: 'pool' } });
    g.when(refund('11-10 10:00', 'D1'));
    expect(g.statusOf(zhang.phone)).toBe('pool');
  });

  it('given a partial refund, the client stays a permanent old client', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-03 10:00', 'D1', 'S01', zhang)], { deals: { afterRefund: 'pool' } });
    g.when(refund('11-10 10:00', 'D1', { amount: '1000' }));
    expect(g.statusOf(zhang.phone)).toBe('permanent');
  });
});

describe('COL-SAME-UNIT: two subscriptions of one unit: the first deposit wins, the other deal is refused with its reason', () => {
  const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-01 11:00', wang, { receiver: 'S02' }), deal('11-03 10:00', 'D1', 'S01', zhang, 'smallDeposit', { unit: '3-1202' })];

  it('given D1 paid its deposit on unit 3-1202 first, when D2 subscribes the same unit, then D2 is refused and books nothing', () => {
    const g = given(base);
    const step = g.when(deal('11-04 10:00', 'D2', 'S02', wang, 'subscription', { unit: '3-1202' }));
    const d = find(step, 'deal');
    expect(d).toMatchObject({ outcome: 'refused', deal: 'D2' });
    expect(d.rules).toEqual(['COL-SAME-UNIT']);
    expect(describeReason(g.state, d)).toContain('held by deal D1');
    expect(dealsOf(g.state).find((x) => x.deal === 'D2')).toMatchObject({ status: 'refused', rules: ['COL-SAME-UNIT'] });
    expect(ledgerEntries(g.state, { deal: 'D2' })).toEqual([]);
    expect(g.statusOf(wang.phone)).toBe('protected');
    expect(g.when(refund('11-05 10:00', 'D2'), true).issues[0]).toMatchObject({ code: 'invalid_value', path: ['deal'] });
  });

  it('given D1 is then wholly refunded, the unit is free and D2 can take it', () => {
    const g = given([...base, deal('11-04 10:00', 'D2', 'S02', wang, 'subscription', { unit: '3-1202' }), refund('11-05 10:00', 'D1')]);
    const step = g.when(deal('11-06 10:00', 'D2', 'S02', wang, 'subscription', { unit: '3-1202' }));
    expect(find(step, 'deal').outcome).toBe('recorded');
    expect(dealsOf(g.state).find((x) => x.deal === 'D2')?.status).toBe('live');
  });

  it('given sameUnit "allow", both deals are recorded', () => {
    const g = given(base, { deals: { sameUnit: 'allow' } });
    expect(find(g.when(deal('11-04 10:00', 'D2', 'S02', wang, 'subscription', { unit: '3-1202' })), 'deal').outcome).toBe('recorded');
  });
});
