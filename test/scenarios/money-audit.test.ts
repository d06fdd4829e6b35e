import { describe, expect, it } from 'vitest';
import { attainment, commissionLedger, dealsOf, ledgerEntries, type OfficeState, type PolicyInput } from '../../src/index.js';
import { deal, event, find, given as dslGiven, refund, staff, visit, wang, zhang } from '../support/dsl.js';
import { legacyWith } from '../support/legacy.js';
import { money } from '../../src/kernel/money.js';

// 000's rate tiers (1.8‰ when no line is met), as the other deals scenarios use them.
const given = (events: Parameters<typeof dslGiven>[0], policy: PolicyInput = {}) => dslGiven(events, legacyWith(policy));

const team = [staff('S01'), staff('S02')];

/** The net booked per account for one deal. */
function net(state: OfficeState, dealId: string): Record<string, string> {
  const out: Record<string, number> = {};
  for (const e of ledgerEntries(state, { deal: dealId })) out[e.account] = Math.round(((out[e.account] ?? 0) + Number(e.amount)) * 100) / 100;
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.toFixed(2)]));
}

describe('RFD-CLAWBACK (000 §15 追回先前發放的部分): a whole refund (no amount) reverses whatever of the deal still stands', () => {
  it('RFD-CLAWBACK (000 §15): given a deal whose stage reported paid 0, when it is refunded whole, then its credit and commission are reversed and the unit is free', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-02 10:00', 'D1', 'S01', zhang, 'subscription', { paid: '0', unit: '3-1202' })]);
    expect(net(g.state, 'D1')).toEqual({ credit: '1000000.00', commission: '1800.00' });
    const step = g.when(refund('11-04 10:00', 'D1'));
    expect(find(step, 'deal')).toMatchObject({ outcome: 'refunded', args: { full: true } });
    expect(net(g.state, 'D1')).toEqual({ credit: '0.00', commission: '0.00' });
    expect(dealsOf(g.state)[0]).toMatchObject({ status: 'refunded' });
    // COL-SAME-UNIT: the unit is free for another client's deal.
    g.when(visit('11-05 10:00', wang, { receiver: 'S02' }));
    expect(find(g.when(deal('11-05 11:00', 'D2', 'S02', wang, 'subscription', { unit: '3-1202' })), 'deal')).toMatchObject({ outcome: 'recorded' });
  });

  it('RFD-CLAWBACK (000 §15): given a partial refund and then an amount lowered to what was refunded (the share stays, half the deal stands), when it is refunded whole, then what stood is reversed', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-02 10:00', 'D1', 'S01', zhang, 'subscription'), refund('11-03 10:00', 'D1', { amount: '500000' }), deal('11-04 10:00', 'D1', 'S01', zhang, 'contract', { amount: '500000' })]);
    // The refunded share (0.5) applies to the new amount: 250,000 of credit and 450.00 of commission still stand.
    expect(net(g.state, 'D1')).toEqual({ credit: '250000.00', commission: '450.00' });
    expect(dealsOf(g.state)[0]).toMatchObject({ status: 'live', refunded: '500000' });
    const step = g.when(refund('11-05 10:00', 'D1'));
    expect(find(step, 'deal')).toMatchObject({ outcome: 'refunded', args: { full: true } });
    expect(net(g.state, 'D1')).toEqual({ credit: '0.00', commission: '0.00' });
    expect(commissionLedger(g.state, { staff: 'S01' })[0]).toMatchObject({ accrued: '1800.00', net: '0.00', closing: '0.00' });
  });

  it('RFD-CLAWBACK (000 §15): given a deal wholly refunded, a second whole refund is still refused and changes nothing', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-02 10:00', 'D1', 'S01', zhang, 'subscription', { paid: '0' }), refund('11-04 10:00', 'D1')]);
    const step = g.when(refund('11-05 10:00', 'D1'), true);
    expect(step.issues[0]).toMatchObject({ code: 'invalid_amount', message: 'deal D1 is already wholly refunded' });
    expect(step.decisions).toEqual([]);
  });

  it('RFD-CLAWBACK (000 §15): given a deal whose stage reported paid 0, a refund of an amount is refused: nothing was paid to give back', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-02 10:00', 'D1', 'S01', zhang, 'subscription', { paid: '0' })]);
    expect(g.when(refund('11-04 10:00', 'D1', { amount: '1' }), true).issues[0]).toMatchObject({ code: 'invalid_amount', path: ['amount'] });
  });
});

describe('COM-SPLIT-EXACT, COM-RATE-TIERS: amounts past the cent and near the limits', () => {
  it('COM-SPLIT-EXACT: given a deal amount with sub-cent decimals, it is credited rounded to the cent by deals.commission.rounding (docs/policy-guide.md, Money)', () => {
    const at = (rounding: 'halfUp' | 'down') => {
      const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], { deals: { commission: { rounding } } });
      g.when(deal('11-02 10:00', 'D1', 'S01', zhang, 'subscription', { amount: '1000.005' }));
      return net(g.state, 'D1').credit;
    };
    expect(at('halfUp')).toBe('1000.01');
    expect(at('down')).toBe('1000.00');
  });

  it('DEAL-STAGES: given a deal amount under one cent (0.004), it is refused (invalid_amount): it would hold the unit and book nothing', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })]);
    const step = g.when(deal('11-02 10:00', 'D1', 'S01', zhang, 'subscription', { amount: '0.004' }), true);
    expect(step.issues[0]).toMatchObject({ code: 'invalid_amount', path: ['amount'], message: expect.stringContaining('at least 0.01') });
    expect(g.when(deal('11-02 10:00', 'D2', 'S01', zhang, 'subscription', { amount: '0.01', unit: 'U-2' })).issues).toEqual([]);
  });

  it("COM-RATE-TIERS, RFD-CLAWBACK: given retierOnRefund 'keep', attainment keeps the month's tier commission and the ledger books it less what the refund took back", () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-02 10:00', 'D1', 'S01', zhang, 'subscription')], { deals: { commission: { retierOnRefund: 'keep' } } });
    g.when(refund('11-03 10:00', 'D1', { amount: '250000' }));
    expect(net(g.state, 'D1').commission).toBe('1350.00');
    expect(commissionLedger(g.state, { staff: 'S01' })[0]).toMatchObject({ commission: '1350.00' });
    expect(attainment(g.state, { staff: 'S01' })[0]).toMatchObject({ base: '1000000.00', tier: 'neither', commission: '1800.00' });
  });

  it('COM-SPLIT-EXACT, RFD-CLAWBACK: given the largest deal amount an event may carry split three ways at 1000‰, a partial and then a whole refund leave every party at exactly zero', () => {
    const g = given([...team, staff('S03'), visit('11-01 10:00', zhang, { receiver: 'S01' })], { deals: { commission: { rates: { neither: '1000', one: '1000', both: '1000', above: '1000' } } } });
    g.when(deal('11-02 10:00', 'D1', 'S01', zhang, 'subscription', { amount: '999999999999999.9999999999' }));
    const shares = [{ staff: 'S01', share: '1' }, { staff: 'S02', share: '1' }, { staff: 'S03', share: '1' }];
    g.when(event('splitDeal', '11-03 10:00', { deal: 'D1', credit: shares, commission: shares }));
    expect(dealsOf(g.state)[0]?.credit.map((c) => c.amount)).toEqual(['333333333333333.34', '333333333333333.33', '333333333333333.33']);
    g.when(refund('11-04 10:00', 'D1', { amount: '333333333333333.3333333333' }));
    const credit = dealsOf(g.state)[0]?.credit.map((c) => c.amount) ?? [];
    expect(credit.reduce((a, x) => a.plus(x ?? '0'), money(0)).toFixed(2)).toBe('666666666666666.67');
    g.when(refund('11-05 10:00', 'D1'));
    expect(commissionLedger(g.state).map((r) => r.closing)).toEqual(['0.00', '0.00', '0.00']);
    expect(dealsOf(g.state)[0]?.credit.map((c) => c.amount)).toEqual(['0.00', '0.00', '0.00']);
  });
});
