import { describe, expect, it } from 'vitest';
import { commissionLedger, dealsOf, ledgerEntries, type OfficeState, type PolicyInput } from '../../src/index.js';
import { deal, find, given as dslGiven, refund, staff, visit, wang, zhang } from '../support/dsl.js';
import { legacyWith } from '../support/legacy.js';

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
