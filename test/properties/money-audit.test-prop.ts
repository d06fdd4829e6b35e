/**
 * Money invariants of refunds (RFD-CLAWBACK, COM-SPLIT-EXACT) under every
 * rounding, remainder and re-tiering choice: what stands of a deal after its
 * refunds is its amount (to the cent) less its refunded share, within a cent; a refund
 * never raises it; and a whole refund of any deal that still stands is
 * accepted and leaves every party of it at zero, with the commission
 * ledger's rows balancing.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { entries } from '../../src/kernel/map.js';
import { money, Money } from '../../src/kernel/money.js';
import { isLive } from '../../src/deals/deals.js';
import { apply, commissionLedger, initialState, parseEvent, type Event, type OfficeState, type PolicyInput } from '../../src/index.js';

const runs = { numRuns: 150 };
const START = Date.parse('2026-11-01T09:00:00+08:00');
const SALES = ['S1', 'S2', 'S3'] as const;
const CLIENTS = ['13800000001', '13800000002', '13800000003'] as const;
const DEALS = ['D1', 'D2', 'D3'] as const;

type Body = Record<string, unknown> & { type: string };
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
/** Amounts with up to 10 decimals, odd cents and sub-cent parts included. */
const decimals = fc.tuple(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 9_999_999_999 }), fc.integer({ min: 0, max: 10 })).map(([n, f, d]) => (d === 0 ? String(n) : `${n}.${String(f).padStart(10, '0').slice(0, d)}`));
const positive = decimals.filter((a) => money(a).gt(0));
const shares = fc.uniqueArray(fc.record({ staff: fc.constantFrom(...SALES), share: fc.constantFrom('1', '2', '3', '0.7') }), { minLength: 1, maxLength: 3, selector: (s) => s.staff });

const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ k: fc.integer({ min: 0, max: 2 }), receiver: fc.constantFrom(...SALES) }).map((b) => ({ type: 'registerVisit', client: { name: `客${b.k}`, phone: CLIENTS[b.k] }, receiver: b.receiver })) },
  {
    weight: 5,
    arbitrary: fc
      .record({ k: fc.integer({ min: 0, max: 2 }), staff: fc.constantFrom(...SALES), stage: fc.constantFrom('smallDeposit', 'subscription', 'contract', 'loan'), amount: positive, paid: opt(fc.oneof(fc.constant('0'), decimals)), productType: opt(fc.constantFrom('villa', 'highRise')), invitedBy: opt(fc.constantFrom(...SALES)) })
      .map((b) => ({ type: 'closeDeal', ...defined({ deal: DEALS[b.k], client: { phone: CLIENTS[b.k] }, staff: b.staff, stage: b.stage, unit: `U${b.k}`, amount: b.amount, paid: b.paid, productType: b.productType, invitedBy: b.invitedBy }) })),
  },
  { weight: 4, arbitrary: fc.record({ deal: fc.constantFrom(...DEALS), amount: opt(positive) }).map((b) => ({ type: 'refund', ...defined(b) })) },
  { weight: 2, arbitrary: fc.record({ deal: fc.constantFrom(...DEALS), commission: shares, credit: opt(shares) }).map((b) => ({ type: 'splitDeal', ...defined(b) })) },
  { weight: 1, arbitrary: fc.record({ staff: fc.constantFrom(...SALES), red: fc.integer({ min: 0, max: 30 }).map((n) => `${n * 100000}`), green: fc.integer({ min: 0, max: 10 }).map((n) => `${n * 100000}`) }).map((b) => ({ type: 'setTargets', month: '2026-11', ...b })) },
);

const policy: fc.Arbitrary<PolicyInput> = fc
  .record({ rounding: fc.constantFrom('halfUp', 'halfEven', 'down'), remainder: fc.constantFrom('largestRemainder', 'first'), retierOnRefund: fc.constantFrom('recompute', 'keep'), to: fc.constantFrom('inviter', 'commission') })
  .map(({ to, ...commission }) => ({
    deals: {
      creditAt: 'smallDeposit',
      splits: { invited: { credit: { closer: 1, inviter: 2 }, commission: { closer: 2, inviter: 1 } } },
      commission: { ...commission, rates: { neither: '1.8', one: '2', both: '2.3', above: '2.5' } },
      bonus: { byProductType: { villa: '500.005', highRise: '200' }, to },
    },
  }));

function valid(b: Body, id: string, at: number): Event {
  const iso = new Date(at + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
  const parsed = parseEvent({ v: 1, id, at: iso, office: 'prop', ...b });
  if (!parsed.ok) throw new Error(`arbitrary made an invalid event: ${JSON.stringify(parsed.issues)} ${JSON.stringify(b)}`);
  return parsed.event;
}

const log = fc.tuple(fc.array(fc.tuple(body, fc.integer({ min: 1, max: 600 })), { minLength: 5, maxLength: 35 }), policy).map(([pairs, p]) => {
  const events = SALES.map((s, i) => valid({ type: 'changeStaff', staff: s, name: s }, `j${i}`, START - 3_600_000));
  let at = START;
  pairs.forEach(([b, gap], i) => {
    at += gap * 60_000;
    events.push(valid(b, `e${i}`, at));
  });
  return { events, policy: p, end: at };
});

const MODES = { halfUp: Money.ROUND_HALF_UP, halfEven: Money.ROUND_HALF_EVEN, down: Money.ROUND_DOWN } as const;
const sum = (xs: readonly string[]) => xs.reduce((a, x) => a.plus(x), money(0));

/** What stands of each deal's credit. */
function creditOf(state: OfficeState): Map<string, ReturnType<typeof money>> {
  const out = new Map<string, ReturnType<typeof money>>();
  for (const [id, d] of entries(state.deals.deals)) if (d.credit !== null) out.set(id, sum(d.credit.parts.map((p) => p.net)));
  return out;
}

describe('refunds (fast-check): RFD-CLAWBACK, COM-SPLIT-EXACT under every rounding, remainder and re-tiering', () => {
  test.prop([log], runs)('RFD-CLAWBACK: what stands of a deal\'s credit is its amount (to the cent, by the policy\'s rounding) less its refunded share, within a cent, and a refund never raises it', ({ events, policy: p }) => {
    let state = initialState(p);
    for (const e of events) {
      const before = creditOf(state);
      state = apply(state, e).state;
      const after = creditOf(state);
      if (e.type === 'refund') for (const [id, c] of after) expect(c.lte(before.get(id) ?? c), `${e.id} raised ${id}'s credit`).toBe(true);
      for (const [id, d] of entries(state.deals.deals)) {
        const c = after.get(id);
        if (c === undefined || d.status !== 'live') continue;
        // The deal's amount rounded to the cent its way first (docs/policy-guide.md, Money), then its share taken off.
        const exact = money(d.amount).toDecimalPlaces(2, MODES[state.policy.deals.commission.rounding]).times(money(1).minus(d.refundedShare));
        expect(c.minus(exact).abs().lt('0.01'), `${id}: credit ${c.toString()} for ${exact.toString()}`).toBe(true);
      }
    }
  });

  test.prop([log], runs)('RFD-CLAWBACK: a whole refund of any deal that still stands is accepted and leaves each of its parties at zero; every commission ledger row balances', ({ events, policy: p, end }) => {
    let state = initialState(p);
    for (const e of events) state = apply(state, e).state;
    let at = end;
    for (const [id, d] of entries(state.deals.deals)) {
      if (d.status !== 'live' || !isLive(d)) continue;
      at += 60_000;
      const step = apply(state, valid({ type: 'refund', deal: id }, `whole-${id}`, at));
      expect(step.issues, `whole refund of ${id} (paid ${d.paid ?? '-'}, refunded ${d.refunded}, amount ${d.amount})`).toEqual([]);
      state = step.state;
      const after = state.deals.deals.get(id);
      for (const b of [after?.credit, after?.commission, after?.bonus]) for (const part of b?.parts ?? []) expect(part.net, `${id} ${part.staff}`).toBe('0.00');
    }
    for (const r of commissionLedger(state)) {
      expect(money(r.opening).plus(r.accrued).plus(r.clawedBack).plus(r.adjusted).toFixed(2), `${r.staff} ${r.month}`).toBe(r.closing);
      expect(money(r.commission).plus(r.bonus).toFixed(2)).toBe(r.net);
    }
  });
});
