/**
 * What a deal's `paid` is (DEAL-STAGES, RFD-CLAWBACK): each closeDeal stage
 * may report the money received at that stage; the deal's total paid is the
 * sum of what its stages reported, and refunds are measured against it. No
 * more can be received for a deal than its amount (the total price), so a
 * stage that would make the total paid above the amount is refused, like an
 * amount under a cent, with the path and the reason.
 */
import { describe, expect, it } from 'vitest';
import { dealsOf, type PolicyInput } from '../../src/index.js';
import { deal, given as dslGiven, refund, staff, visit, zhang } from '../support/dsl.js';
import { expectUnchanged } from '../support/fold.js';
import { legacyWith } from '../support/legacy.js';

const given = (events: Parameters<typeof dslGiven>[0], policy: PolicyInput = {}) => dslGiven(events, legacyWith(policy));

const team = [staff('S01'), staff('S02')];
const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' })];

describe('DEAL-STAGES: the total paid on a deal is never above its amount', () => {
  it('DEAL-STAGES: given no deal yet, when a stage reports paid 1000000.01 on a 1000000 deal, then it is refused (invalid_amount at paid), changes nothing, and a redelivery is refused the same way', () => {
    const g = given(base);
    const before = g.state;
    const e = deal('11-02 10:00', 'D1', 'S01', zhang, 'subscription', { amount: '1000000', paid: '1000000.01' });
    const step = g.when(e, true);
    expect(step.issues).toHaveLength(1);
    expect(step.issues[0]).toMatchObject({ code: 'invalid_amount', path: ['paid'], event: e.id, message: expect.stringContaining('1000000.01 paid on deal D1, above its amount 1000000') });
    expect(step.decisions).toEqual([]);
    expectUnchanged(g.state, before);
    expect(dealsOf(g.state)).toEqual([]);
    // Kept on record as refused: the same event again is refused the same way.
    const again = g.when(e, true);
    expect(again.issues[0]).toMatchObject({ code: 'invalid_amount', path: ['paid'], message: expect.stringContaining('its first delivery was refused the same way') });
  });

  it('DEAL-STAGES: given a deposit stage that reported 200000 paid, when the contract stage reports 800000.01 more on the 1000000 deal, then it is refused; 800000 (the whole price) is accepted', () => {
    const g = given([...base, deal('11-02 10:00', 'D1', 'S01', zhang, 'bigDeposit', { paid: '200000' })]);
    const before = g.state;
    const step = g.when(deal('11-05 10:00', 'D1', 'S01', zhang, 'contract', { paid: '800000.01' }), true);
    expect(step.issues[0]).toMatchObject({ code: 'invalid_amount', path: ['paid'], message: expect.stringContaining('1000000.01 paid on deal D1, above its amount 1000000') });
    expectUnchanged(g.state, before);
    g.when(deal('11-05 11:00', 'D1', 'S01', zhang, 'contract', { paid: '800000' }));
    expect(g.state.deals.deals.get('D1')).toMatchObject({ paid: '1000000', stage: 'contract' });
  });

  it('DEAL-STAGES: given 600000 paid, when a later stage lowers the amount to 500000 without a payment, then it is refused at amount: more was received than the new price', () => {
    const g = given([...base, deal('11-02 10:00', 'D1', 'S01', zhang, 'subscription', { paid: '600000' })]);
    const step = g.when(deal('11-05 10:00', 'D1', 'S01', zhang, 'contract', { amount: '500000' }), true);
    expect(step.issues[0]).toMatchObject({ code: 'invalid_amount', path: ['amount'], message: expect.stringContaining('600000 paid on deal D1, above its amount 500000') });
    // The same amount with what was paid is fine.
    g.when(deal('11-05 11:00', 'D1', 'S01', zhang, 'contract', { amount: '600000' }));
  });

  it('DEAL-STAGES, RFD-CLAWBACK: given a deal paid in full and partly refunded, a refund of what was paid still works and the deal was never paid above its amount', () => {
    const g = given([...base, deal('11-02 10:00', 'D1', 'S01', zhang, 'subscription', { amount: '1000000', paid: '1000000' })]);
    g.when(refund('11-03 10:00', 'D1', { amount: '250000' }));
    expect(g.when(deal('11-05 10:00', 'D1', 'S01', zhang, 'contract', { paid: '0.01' }), true).issues[0]).toMatchObject({ code: 'invalid_amount', path: ['paid'], message: expect.stringContaining('1000000.01 paid on deal D1 (250000 of it refunded, which a later payment does not make up), above') });
    g.when(refund('11-06 10:00', 'D1'));
    expect(dealsOf(g.state)[0]).toMatchObject({ status: 'refunded' });
  });
});
