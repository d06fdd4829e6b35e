/**
 * How refunds split among a deal's parties (RFD-CLAWBACK, COM-SPLIT-EXACT),
 * under every rounding, remainder and re-tiering choice: each refund's
 * clawback of each party has the refund's sign (it never moves value toward
 * a party), the credit clawbacks of a refund add up exactly to what it
 * reversed, and refunds that reach the whole return every party of the deal
 * to zero, each party's clawbacks adding up to its original share.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { money, type Amount } from '../../src/kernel/money.js';
import { reverseExact, splitExact } from '../../src/deals/split.js';
import { apply, initialState, parseEvent, type Event, type LedgerEntry, type OfficeState, type PolicyInput } from '../../src/index.js';

const runs = { numRuns: 200 };
const START = Date.parse('2026-11-01T09:00:00+08:00');
const SALES = ['S1', 'S2', 'S3', 'S4'] as const;
const PHONE = '13800000001';

type Body = Record<string, unknown> & { type: string };

function valid(b: Body, id: string, at: number): Event {
  const iso = new Date(at + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
  const parsed = parseEvent({ v: 1, id, at: iso, office: 'prop', ...b });
  if (!parsed.ok) throw new Error(`arbitrary made an invalid event: ${JSON.stringify(parsed.issues)} ${JSON.stringify(b)}`);
  return parsed.event;
}

const cents = (n: bigint) => money(n.toString()).div(100).toFixed(2);

/** Deal amounts in cents: small ones (a few cents, where each cent counts) up to large ones near the limit. */
const amountCents = fc.oneof(fc.bigInt({ min: 1n, max: 1_000n }), fc.bigInt({ min: 1n, max: 100_000_000_000n }), fc.bigInt({ min: 1n, max: 99_999_999_999_999_999n }));
const weights = fc.uniqueArray(fc.record({ staff: fc.constantFrom(...SALES), share: fc.constantFrom('1', '2', '3', '7', '0.7', '13.3') }), { minLength: 1, maxLength: 4, selector: (s) => s.staff });

/**
 * A deal, its split, and its refunds: each step a fraction of what is left
 * (in cents, at least one), the last the rest, either as an amount or as a
 * whole refund (no amount).
 */
const scenario = fc
  .record({
    amount: amountCents,
    credit: weights,
    commission: weights,
    steps: fc.array(fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 999 })), { minLength: 0, maxLength: 6 }),
    small: fc.array(fc.bigInt({ min: 1n, max: 5n }), { minLength: 0, maxLength: 6 }),
    wholeLast: fc.boolean(),
    villa: fc.boolean(),
    policy: fc.record({ rounding: fc.constantFrom('halfUp', 'halfEven', 'down'), remainder: fc.constantFrom('largestRemainder', 'first'), retierOnRefund: fc.constantFrom('recompute', 'keep') }),
  })
  .map((s) => {
    // Refunds in cents: some in parts per thousand of what is left, some of a few cents.
    let left = s.amount;
    const refunds: bigint[] = [];
    for (const [i, permille] of s.steps.entries()) {
      const small = s.small[i];
      const r = small !== undefined && i % 2 === 1 ? small : (left * BigInt(permille)) / 1000n;
      if (r <= 0n || r >= left) continue;
      refunds.push(r);
      left -= r;
    }
    return { ...s, refunds, rest: left };
  });

function policyOf(p: { rounding: string; remainder: string; retierOnRefund: string }): PolicyInput {
  return {
    deals: {
      creditAt: 'subscription',
      commission: { ...p, rates: { neither: '1.8', one: '2', both: '2.3', above: '2.5' } } as NonNullable<PolicyInput['deals']>['commission'],
      bonus: { byProductType: { villa: '500.05' }, to: 'commission' },
    },
  };
}

type Net = Map<string, Amount>;
const key = (e: LedgerEntry) => `${e.account} ${e.staff}`;

function add(into: Net, e: LedgerEntry): void {
  into.set(key(e), (into.get(key(e)) ?? money(0)).plus(e.amount));
}

describe('refund splits (fast-check): RFD-CLAWBACK, COM-SPLIT-EXACT', () => {
  test.prop([scenario], runs)('RFD-CLAWBACK: each party\'s clawback has the refund\'s sign, the credit clawbacks add up to the refund, and refunds reaching the whole return every party to zero', (s) => {
    let at = START;
    const next = () => (at += 60_000);
    let state: OfficeState = initialState(policyOf(s.policy));
    const events: Event[] = [
      ...SALES.map((id, i) => valid({ type: 'changeStaff', staff: id, name: id }, `j${i}`, START - 3_600_000)),
      valid({ type: 'registerVisit', client: { name: '客', phone: PHONE }, receiver: 'S1' }, 'v', next()),
      valid({ type: 'closeDeal', deal: 'D1', client: { phone: PHONE }, staff: 'S1', stage: 'subscription', unit: 'U1', amount: cents(s.amount), ...(s.villa ? { productType: 'villa' } : {}) }, 'd', next()),
      valid({ type: 'splitDeal', deal: 'D1', credit: s.credit, commission: s.commission }, 's', next()),
    ];
    for (const e of events) {
      const step = apply(state, e);
      expect(step.issues).toEqual([]);
      state = step.state;
    }
    // What each party holds of the deal before any refund.
    const full: Net = new Map();
    for (const part of ['credit', 'commission', 'bonus'] as const) for (const p of state.deals.deals.get('D1')?.[part]?.parts ?? []) full.set(`${part} ${p.staff}`, money(p.net));
    const clawed: Net = new Map();
    const refunds: { amount?: string }[] = [...s.refunds.map((r) => ({ amount: cents(r) })), s.wholeLast ? {} : { amount: cents(s.rest) }];
    for (const [i, r] of refunds.entries()) {
      const step = apply(state, valid({ type: 'refund', deal: 'D1', ...r }, `r${i}`, next()));
      expect(step.issues).toEqual([]);
      state = step.state;
      let credit = money(0);
      for (const d of step.decisions) {
        if (d.kind !== 'ledger' || d.deal !== 'D1') continue;
        expect(d.entry, `refund ${i}: ${key(d)} ${d.amount}`).toBe('clawback');
        // A refund never raises anyone's credit, commission or bonus.
        expect(money(d.amount).lte(0), `refund ${i} of ${r.amount ?? 'all'}: ${key(d)} booked ${d.amount}`).toBe(true);
        add(clawed, d);
        if (d.account === 'credit') credit = credit.plus(d.amount);
      }
      // With nothing reported paid, the credit reversed is the refund itself, to the cent.
      expect(credit.neg().toFixed(2), `refund ${i}`).toBe(r.amount ?? cents(s.rest));
    }
    // Refunds reaching the whole: each party's clawbacks add up to its original share, and it stands at zero.
    for (const [k, v] of full) expect((clawed.get(k) ?? money(0)).neg().toFixed(2), k).toBe(v.toFixed(2));
    for (const part of ['credit', 'commission', 'bonus'] as const) for (const p of state.deals.deals.get('D1')?.[part]?.parts ?? []) expect(p.net, `${part} ${p.staff}`).toBe('0.00');
  });
});

describe('reverseExact (fast-check): RFD-CLAWBACK, COM-SPLIT-EXACT', () => {
  const split = fc.record({
    total: fc.oneof(fc.bigInt({ min: 0n, max: 50n }), fc.bigInt({ min: 0n, max: 99_999_999_999_999_999n })),
    weights: fc.array(fc.constantFrom('1', '2', '3', '7', '0.7', '13.3', '100'), { minLength: 1, maxLength: 6 }),
    remainder: fc.constantFrom('largestRemainder', 'first'),
    at: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
    negative: fc.boolean(),
  });

  test.prop([split], { numRuns: 500 })('RFD-CLAWBACK: each part gives back between nothing and all of itself, with its sign; the clawbacks add up to what is reversed; reversing more never gives a part back less; the whole gives back every part', ({ total, weights, remainder, at, negative }) => {
    const sign = negative ? -1n : 1n;
    const parts = splitExact(money((sign * total).toString()).div(100), weights.map((w) => money(w)), remainder);
    // Reversed amounts in increasing order, the whole included.
    const steps = [...new Set([...at.map((x) => BigInt(Math.floor(x * Number(total)))), total].map((x) => (x > total ? total : x)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let before = parts.map(() => money(0));
    for (const r of steps) {
      const reversed = money((sign * r).toString()).div(100);
      const back = reverseExact(parts, reversed);
      expect(back.reduce((a, b) => a.plus(b), money(0)).eq(reversed), `${r} of ${parts.join(' ')}: ${back.join(' ')}`).toBe(true);
      back.forEach((b, i) => {
        const p = parts[i] as Amount;
        expect(b.abs().lte(p.abs()) && (b.isZero() || b.isNegative() === p.isNegative()), `part ${i} (${p.toString()}) gives back ${b.toString()} of ${r}`).toBe(true);
        expect(b.abs().gte((before[i] as Amount).abs()), `part ${i} gives back ${b.toString()} of ${r}, less than ${before[i]?.toString()} of less`).toBe(true);
      });
      before = back;
    }
    expect(before.map((b) => b.toFixed(2))).toEqual(parts.map((p) => p.toFixed(2)));
  });
});
