/**
 * How a refund is split among a deal's parties (RFD-CLAWBACK, COM-SPLIT-EXACT):
 * the reversed amount itself is split, so no party's clawback moves value
 * toward them, the clawbacks add up to what was reversed, and refunds that
 * reach the whole return every party to zero.
 */
import { describe, expect, it } from 'vitest';
import { ledgerEntries, type LedgerEntry, type OfficeState, type PolicyInput } from '../../src/index.js';
import { money } from '../../src/kernel/money.js';
import { deal, event, given as dslGiven, refund, staff, visit, zhang } from '../support/dsl.js';
import { legacyWith } from '../support/legacy.js';

// 000's rate tiers (1.8‰ when no line is met), as the other deals scenarios use them.
const given = (events: Parameters<typeof dslGiven>[0], policy: PolicyInput = {}) => dslGiven(events, legacyWith(policy));

const team = [staff('S01'), staff('S02'), staff('S03')];
const split133 = [
  { staff: 'S01', share: '1' },
  { staff: 'S02', share: '3' },
  { staff: 'S03', share: '3' },
];

/** A 700000.04 deal of S01's, split 1:3:3 among S01, S02 and S03 for credit and commission. */
function split700k(policy: PolicyInput = {}) {
  const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-02 10:00', 'D1', 'S01', zhang, 'subscription', { amount: '700000.04' })], policy);
  g.when(event('splitDeal', '11-02 11:00', { deal: 'D1', credit: split133, commission: split133 }));
  return g;
}

/** Net per staff of one account's entries. */
function byStaff(entries: readonly LedgerEntry[]): Record<string, string> {
  const out = new Map<string, ReturnType<typeof money>>();
  for (const e of entries) out.set(e.staff, (out.get(e.staff) ?? money(0)).plus(e.amount));
  return Object.fromEntries([...out].map(([k, v]) => [k, v.toFixed(2)]));
}

const booked = (state: OfficeState, account: LedgerEntry['account']) => byStaff(ledgerEntries(state, { deal: 'D1', account }));

describe('RFD-CLAWBACK, COM-SPLIT-EXACT: a refund splits the reversed amount among the parties, never moving a cent toward one', () => {
  it('RFD-CLAWBACK (000 §15): given a 700000.04 deal split 1:3:3, when 0.01 is refunded, then no party is booked a positive clawback and the clawbacks add up to -0.01 of credit', () => {
    const g = split700k();
    expect(booked(g.state, 'credit')).toEqual({ S01: '100000.00', S02: '300000.02', S03: '300000.02' });
    const step = g.when(refund('11-03 10:00', 'D1', { amount: '0.01' }));
    const clawbacks = step.decisions.filter((d): d is LedgerEntry => d.kind === 'ledger' && d.entry === 'clawback');
    for (const c of clawbacks) expect(money(c.amount).lte(0), `${c.account} clawback of ${c.staff}: ${c.amount}`).toBe(true);
    const credit = clawbacks.filter((c) => c.account === 'credit');
    expect(credit.reduce((a, c) => a.plus(c.amount), money(0)).toFixed(2)).toBe('-0.01');
    expect(credit).toHaveLength(1);
    // S01's part was the smallest: nothing of theirs moved.
    expect(booked(g.state, 'credit').S01).toBe('100000.00');
  });

  it('RFD-CLAWBACK (000 §15): given the same deal, when it is refunded 0.01 at a time four times and then whole, then each step claws back, never pays, and every party ends at exactly zero', () => {
    for (const remainder of ['largestRemainder', 'first'] as const) {
      const g = split700k({ deals: { commission: { remainder } } });
      const full = { credit: booked(g.state, 'credit'), commission: booked(g.state, 'commission') };
      const clawed: Record<string, ReturnType<typeof money>> = {};
      for (const [i, r] of [refund('11-03 10:00', 'D1', { amount: '0.01' }), refund('11-03 11:00', 'D1', { amount: '0.01' }), refund('11-03 12:00', 'D1', { amount: '0.01' }), refund('11-03 13:00', 'D1', { amount: '0.01' }), refund('11-04 10:00', 'D1')].entries()) {
        const step = g.when(r);
        for (const d of step.decisions) {
          if (d.kind !== 'ledger' || d.deal !== 'D1') continue;
          expect(d.entry, `${remainder} step ${i}: ${d.account} of ${d.staff}`).toBe('clawback');
          expect(money(d.amount).lte(0), `${remainder} step ${i}: ${d.account} clawback of ${d.staff}: ${d.amount}`).toBe(true);
          const key = `${d.account} ${d.staff}`;
          // Split anew by largest remainder, 0.04 reversed would give S01 back the cent 0.03 took (the Alabama paradox).
          clawed[key] = (clawed[key] ?? money(0)).plus(d.amount);
        }
      }
      // The steps' clawbacks of each party add up to the party's original share.
      for (const account of ['credit', 'commission'] as const) {
        for (const [who, amount] of Object.entries(full[account])) expect(clawed[`${account} ${who}`]?.neg().toFixed(2), `${remainder} ${account} ${who}`).toBe(amount);
        expect(booked(g.state, account)).toEqual({ S01: '0.00', S02: '0.00', S03: '0.00' });
      }
    }
  });
});
