import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { entries } from '../../src/kernel/map.js';
import { money } from '../../src/kernel/money.js';
import { isLive } from '../../src/deals/deals.js';
import { monthCommission, paidBase } from '../../src/deals/ledger.js';
import { splitExact } from '../../src/deals/split.js';
import {
  apply,
  commissionLedger,
  credits,
  initialState,
  ledgerEntries,
  parseEvent,
  presetPolicy,
  replay,
  toSnapshot,
  type Event,
  type OfficeState,
  type PolicyInput,
} from '../../src/index.js';
import { foldAll } from '../support/fold.js';

const runs = { numRuns: 120 };
const START = Date.parse('2026-11-01T09:00:00+08:00');
const SALES = ['S1', 'S2', 'S3', 'S4'] as const;
const CLIENTS = ['13800000001', '13800000002', '13800000003', '13800000004'] as const;
const DEALS = ['D1', 'D2', 'D3', 'D4'] as const;
/** One amount per deal, for logs whose stages only report payments. */
const FIXED: Record<string, string> = { D1: '1000007.50', D2: '880000', D3: '1234567.89', D4: '300007' };

/** Policies that exercise every switch of the deals section. */
const policies: PolicyInput[] = [
  {},
  presetPolicy('jiuzhou'),
  presetPolicy('store-archive'),
  presetPolicy('call-center'),
  presetPolicy('draft-rules'),
  {
    deals: {
      creditAt: 'smallDeposit',
      commissionAt: 'contract',
      splits: { recognition: {}, validity: {} },
      commission: { retierOnRefund: 'keep', remainder: 'first', rounding: 'down', excess: 'whole', redLineFrom: 'subscription' },
      bonus: { byProductType: { villa: '500', highRise: '200.01' }, to: 'commission' },
    },
  },
];

/** The second round's deal rules, all on (DEAL-EVENT, DEAL-LATER-DESIGNATION, DEAL-RECOGNITION-WINDOW, COM-RATE-TIERS' excess base). */
const roundTwo: PolicyInput[] = [
  { ownership: { validityDays: { visit: 60 } }, deals: { splits: { marketingEvent: {}, laterDesignation: {}, recognition: {}, validity: {} }, commission: { excessBase: 'red' } } },
  { deals: { splits: { marketingEvent: { byManager: true }, laterDesignation: { earlier: 'holder', named: { credit: { named: 1, earlier: 2 }, commission: { named: 3, earlier: 1 } } } }, commission: { excessBase: 'green', remainder: 'first' } } },
  { ownership: { validityDays: { visit: 60 } }, deals: { splits: { laterDesignation: { archive: { commission: { receiver: 1, original: 2 } } }, recognition: { withinDays: 3 }, marketingEvent: { identified: { credit: { closer: 1, original: 2 }, commission: 'negotiated' } } } } },
];

const sales = fc.constantFrom(...SALES);
const phone = fc.constantFrom(...CLIENTS);
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const cents = fc.integer({ min: 1, max: 99 }).map((c) => `.${String(c).padStart(2, '0')}`);
const amount = fc.tuple(fc.integer({ min: 1, max: 300 }), fc.option(cents, { nil: '' })).map(([n, c]) => `${n * 10000 + 7}${c}`);
const shares = fc.uniqueArray(fc.record({ staff: sales, share: fc.constantFrom('1', '2', '3', '0.5', '33.3') }), { minLength: 1, maxLength: 3, selector: (s) => s.staff });

type Body = Record<string, unknown> & { type: string };

const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ client: phone, receiver: sales, named: opt(sales) }).map((b) => ({ type: 'registerVisit', ...defined({ ...b, client: { name: `客${b.client.slice(-1)}`, phone: b.client } }) })) },
  {
    weight: 6,
    arbitrary: fc
      .record({
        deal: fc.integer({ min: 0, max: DEALS.length - 1 }),
        staff: sales,
        stage: fc.constantFrom('smallDeposit', 'bigDeposit', 'subscription', 'contract', 'loan'),
        unit: fc.constantFrom('U1', 'U2', 'U3'),
        amount,
        paid: opt(fc.integer({ min: 0, max: 50 }).map((n) => `${n * 10000}`)),
        invitedBy: opt(fc.constantFrom('S1', 'S2', 'T1')),
        discountBy: opt(sales),
        productType: opt(fc.constantFrom('villa', 'highRise', 'shop')),
      })
      .map((b) => ({ type: 'closeDeal', ...defined({ ...b, deal: DEALS[b.deal], client: { phone: CLIENTS[b.deal] } }) })),
  },
  { weight: 3, arbitrary: fc.record({ deal: fc.constantFrom(...DEALS), amount: opt(fc.integer({ min: 1, max: 400 }).map((n) => `${n * 1000}.5`)) }).map((b) => ({ type: 'refund', ...defined(b) })) },
  { weight: 2, arbitrary: fc.record({ deal: fc.constantFrom(...DEALS), commission: opt(shares), credit: opt(shares) }).filter((b) => b.commission !== undefined || b.credit !== undefined).map((b) => ({ type: 'splitDeal', ...defined(b) })) },
  { weight: 2, arbitrary: fc.record({ staff: sales, month: fc.constantFrom('2026-11', '2026-12'), red: fc.option(fc.integer({ min: 0, max: 40 }).map((n) => `${n * 100000}`), { nil: null }), green: opt(fc.integer({ min: 0, max: 20 }).map((n) => `${n * 100000}`)) }).map((b) => ({ type: 'setTargets', ...defined(b) })) },
  { weight: 2, arbitrary: fc.record({ staff: sales, status: fc.constantFrom('onDuty', 'onDuty', 'off', 'leave') }).map((b) => ({ type: 'changeStaff', ...b })) },
  { weight: 1, arbitrary: fc.record({ a: phone, b: phone }).map((b) => ({ type: 'linkClients', a: { phone: b.a }, b: { phone: b.b }, relation: 'spouse' })) },
  { weight: 1, arbitrary: fc.record({ client: phone, against: sales, reassignTo: sales }).map((b) => ({ type: 'fileComplaint', client: { phone: b.client }, against: b.against, justified: true, reassignTo: b.reassignTo })) },
  { weight: 1, arbitrary: fc.record({ client: phone, owner: sales, concealer: sales }).map((b) => ({ type: 'issueRuling', level: 'manager', client: { phone: b.client }, owner: b.owner, finding: 'concealment', concealer: b.concealer })) },
  { weight: 1, arbitrary: fc.constant(null).chain(() => recognition) },
  { weight: 1, arbitrary: fc.constant(null).chain(() => launch) },
);

const local = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
const recognition: fc.Arbitrary<Body> = fc
  .record({ k: fc.integer({ min: 0, max: CLIENTS.length - 1 }), during: fc.constantFrom('reception', 'later'), by: opt(sales), follower: opt(sales), withDeal: fc.boolean() })
  .map((b) => ({ type: 'recognizeClient', ...defined({ client: { phone: CLIENTS[b.k] }, during: b.during, by: b.by, follower: b.follower, deal: b.withDeal ? DEALS[b.k] : undefined }) }));
// Launches and fairs of up to three days, over the log's weeks.
const launch: fc.Arbitrary<Body> = fc
  .record({ d: fc.integer({ min: -1, max: 30 }), hours: fc.integer({ min: 1, max: 72 }) })
  .map(({ d, hours }) => ({ type: 'holdMarketingEvent', name: '房展会', from: local(START + d * 86_400_000), to: local(START + d * 86_400_000 + hours * 3_600_000) }));

/** The second round's mix: visits that name a later salesperson, plain deals, findings, launches, splits and refunds. */
const roundTwoBody: fc.Arbitrary<Body> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ client: phone, receiver: sales, named: opt(sales) }).map((b) => ({ type: 'registerVisit', ...defined({ ...b, client: { name: `客${b.client.slice(-1)}`, phone: b.client } }) })) },
  {
    weight: 5,
    arbitrary: fc
      .record({ deal: fc.integer({ min: 0, max: DEALS.length - 1 }), staff: sales, stage: fc.constantFrom('subscription', 'contract', 'loan'), amount })
      .map((b) => ({ type: 'closeDeal', ...b, deal: DEALS[b.deal], unit: `U${b.deal}`, client: { phone: CLIENTS[b.deal] } })),
  },
  { weight: 3, arbitrary: recognition },
  { weight: 1, arbitrary: launch },
  { weight: 1, arbitrary: fc.record({ deal: fc.constantFrom(...DEALS), amount: opt(fc.integer({ min: 1, max: 400 }).map((n) => `${n * 1000}.5`)) }).map((b) => ({ type: 'refund', ...defined(b) })) },
  { weight: 1, arbitrary: fc.record({ deal: fc.constantFrom(...DEALS), commission: shares }).map((b) => ({ type: 'splitDeal', ...b })) },
  { weight: 1, arbitrary: fc.record({ staff: sales, month: fc.constantFrom('2026-11', '2026-12'), red: fc.integer({ min: 0, max: 40 }).map((n) => `${n * 100000}`), green: fc.integer({ min: 0, max: 20 }).map((n) => `${n * 100000}`) }).map((b) => ({ type: 'setTargets', ...b })) },
);

function valid(b: Body, id: string, at: number): Event {
  const iso = new Date(at + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
  const parsed = parseEvent({ v: 1, id, at: iso, office: 'prop', ...b });
  if (!parsed.ok) throw new Error(`arbitrary made an invalid event: ${JSON.stringify(parsed.issues)} ${JSON.stringify(b)}`);
  return parsed.event;
}

/** A deal-heavy log over two months, under one of the policies. */
const logUnder = (choices: readonly PolicyInput[], bodies: fc.Arbitrary<Body> = body) => fc
  .tuple(
    fc.array(fc.tuple(bodies, fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 600 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 12 * 24 * 60 }) })), { minLength: 10, maxLength: 45 }),
    fc.integer({ min: 0, max: choices.length - 1 }),
  )
  .map(([pairs, p]) => {
    const joins = [...SALES.map((s) => ({ type: 'changeStaff', staff: s, name: s })), { type: 'changeStaff', staff: 'T1', name: 'T1', role: 'telemarketer' }];
    const events = joins.map((b, i) => valid(b, `j${i}`, START - 3_600_000));
    let at = START;
    pairs.forEach(([b, gap], i) => {
      at += gap * 60_000;
      events.push(valid(b, `e${i}`, at));
    });
    return { events, policy: choices[p] as PolicyInput };
  });
const dealLog = logUnder(policies);
const roundTwoLog = logUnder(roundTwo, roundTwoBody);

const sum = (xs: readonly string[]) => xs.reduce((a, x) => a.plus(x), money(0));

/** Net per key of ledger entries. */
function nets(state: OfficeState, key: (e: ReturnType<typeof ledgerEntries>[number]) => string | null): Map<string, string> {
  const out = new Map<string, ReturnType<typeof money>>();
  for (const e of ledgerEntries(state)) {
    const k = key(e);
    if (k !== null) out.set(k, (out.get(k) ?? money(0)).plus(e.amount));
  }
  return new Map([...out].map(([k, v]) => [k, v.toFixed(2)]));
}

describe('deals and the ledger (fast-check): COM-SPLIT-EXACT, RFD-CLAWBACK, COM-RATE-TIERS', () => {
  test.prop([fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 6 }), fc.constantFrom('largestRemainder', 'first')], { numRuns: 500 })(
    'COM-SPLIT-EXACT: the parts of every split add up exactly, in whole cents, each within its remainder rule of the exact share',
    (totalCents, weights, remainder) => {
      const total = money(totalCents).div(100);
      const w = weights.map((x) => money(x));
      const parts = splitExact(total, w, remainder);
      if (weights.every((x) => x === 0)) return;
      expect(sum(parts.map((p) => p.toString())).eq(total)).toBe(true);
      const W = weights.reduce((a, b) => a + b, 0);
      parts.forEach((p, i) => {
        expect(p.times(100).isInteger()).toBe(true);
        const exact = total.times(weights[i] as number).div(W);
        const slack = remainder === 'first' && i === weights.findIndex((x) => x > 0) ? weights.length : 1;
        expect(p.minus(exact).abs().lt(money(slack).div(100))).toBe(true);
      });
    },
  );

  test.prop([fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 6 })], { numRuns: 100 })(
    'COM-SPLIT-EXACT: a total that is not whole cents is refused, never split into an invented cent',
    (totalCents, tenths, weights) => {
      const total = money(totalCents).plus(money(tenths).div(10)).div(100);
      expect(() => splitExact(total, weights.map((x) => money(x)), 'largestRemainder')).toThrow(/not a whole number of cents/);
    },
  );

  test.prop([dealLog], runs)('COM-SPLIT-EXACT: every booking\'s parts add up to its total, and a deal not refunded is credited exactly its amount', ({ events, policy }) => {
    const { state } = replay(events, policy);
    for (const [, deal] of entries(state.deals.deals)) {
      for (const booking of [deal.credit, deal.commission, deal.bonus]) {
        if (booking !== null) expect(sum(booking.parts.map((p) => p.base)).toFixed(2)).toBe(money(booking.total).toFixed(2));
      }
      // Not refunded at all: a whole refund of a deal with nothing paid leaves `refunded` at 0 but its share at 1 (RFD-CLAWBACK).
      if (deal.credit !== null && deal.status === 'live' && money(deal.refundedShare).isZero()) {
        expect(sum(deal.credit.parts.map((p) => p.net)).toFixed(2)).toBe(money(deal.amount).toFixed(2));
      }
    }
  });

  test.prop([dealLog], runs)('the ledger total equals the sum of its entries per person and per office; each deal\'s parts and each month agree with the entries', ({ events, policy }) => {
    const { state } = replay(events, policy);
    const all = ledgerEntries(state);
    const money_ = all.filter((e) => e.account !== 'credit');
    const rows = commissionLedger(state);
    expect(sum(rows.map((r) => r.net)).toFixed(2)).toBe(sum(money_.map((e) => e.amount)).toFixed(2));
    expect(sum(credits(state).map((r) => r.amount)).toFixed(2)).toBe(sum(all.filter((e) => e.account === 'credit').map((e) => e.amount)).toFixed(2));
    for (const staff of new Set(money_.map((e) => e.staff))) {
      const mine = rows.filter((r) => r.staff === staff);
      const total = sum(money_.filter((e) => e.staff === staff).map((e) => e.amount));
      expect(sum(mine.map((r) => r.net)).toFixed(2)).toBe(total.toFixed(2));
      // Paid out plus what still carries forward is everything booked (RFD-CLAWBACK: negatives carry).
      expect(sum([...mine.map((r) => r.payable), mine.at(-1)?.carried ?? '0']).toFixed(2)).toBe(total.toFixed(2));
    }
    const byPart = nets(state, (e) => (e.deal === null ? null : `${e.deal} ${e.account} ${e.staff}`));
    for (const [, deal] of entries(state.deals.deals)) {
      for (const [account, booking] of [['credit', deal.credit], ['commission', deal.commission], ['bonus', deal.bonus]] as const) {
        for (const p of booking?.parts ?? []) expect(byPart.get(`${deal.id} ${account} ${p.staff}`) ?? '0.00').toBe(money(p.net).toFixed(2));
      }
    }
    const byMonth = nets(state, (e) => (e.account === 'commission' ? `${e.period} ${e.staff}` : null));
    for (const [key, t] of entries(state.deals.tallies)) {
      expect(byMonth.get(key) ?? '0.00').toBe(money(t.booked).toFixed(2));
      // COM-RATE-TIERS: a month's commission is always its tier formula (less what kept-tier refunds took back).
      expect(money(t.booked).toFixed(2)).toBe(monthCommission(t, state.policy.deals.commission).plus(t.waived).toFixed(2));
    }
  });

  test.prop([dealLog], runs)('RFD-CLAWBACK: a fully refunded deal nets to zero for every person, and refunded is never more than paid', ({ events, policy }) => {
    let state = initialState(policy);
    for (const e of events) {
      state = apply(state, e).state;
      for (const [, deal] of entries(state.deals.deals)) expect(money(deal.refunded).lte(paidBase(deal))).toBe(true);
    }
    const perDeal = nets(state, (e) => (e.deal === null ? null : `${e.deal} ${e.account} ${e.staff}`));
    for (const [, deal] of entries(state.deals.deals)) {
      if (deal.status !== 'live' || isLive(deal)) continue;
      for (const [key, value] of perDeal) if (key.startsWith(`${deal.id} `)) expect(value, key).toBe('0.00');
    }
  });

  test.prop([dealLog.map(({ events, policy }) => ({ policy, events: events.map((e) => (e.type === 'closeDeal' ? { ...e, amount: FIXED[e.deal] ?? e.amount } : e)) }))], runs)(
    'RFD-CLAWBACK: a refund\'s share is fixed when it is made: a later stage or payment at the same amount books nothing on what was already booked',
    ({ events, policy }) => {
      let state = initialState(policy);
      for (const e of events) {
        const before = e.type === 'closeDeal' ? state.deals.deals.get(e.deal) : undefined;
        const step = apply(state, e);
        state = step.state;
        if (e.type !== 'closeDeal' || before === undefined || before.status !== 'live' || step.issues.length > 0) continue;
        const after = state.deals.deals.get(e.deal);
        if (after === undefined || after.amount !== before.amount || JSON.stringify(after.split) !== JSON.stringify(before.split)) continue;
        const booked = new Set((['credit', 'commission', 'bonus'] as const).filter((a) => before[a] !== null));
        const moved = step.decisions.filter((d) => d.kind === 'ledger' && d.deal === e.deal && booked.has(d.account));
        expect(moved, `${e.id} on ${e.deal} (refunded ${before.refunded} of ${before.paid ?? before.amount})`).toEqual([]);
      }
    },
  );

  test.prop([roundTwoLog], runs)('COM-SPLIT-EXACT under DEAL-EVENT and DEAL-LATER-DESIGNATION: every split, first or decided anew by a recognition, adds up to the cent, and each deal nets to its entries', ({ events, policy }) => {
    const { state } = replay(events, policy);
    const byPart = nets(state, (e) => (e.deal === null ? null : `${e.deal} ${e.account} ${e.staff}`));
    for (const [, deal] of entries(state.deals.deals)) {
      for (const [account, booking] of [['credit', deal.credit], ['commission', deal.commission], ['bonus', deal.bonus]] as const) {
        if (booking === null) continue;
        expect(sum(booking.parts.map((p) => p.base)).toFixed(2)).toBe(money(booking.total).toFixed(2));
        for (const p of booking.parts) expect(byPart.get(`${deal.id} ${account} ${p.staff}`) ?? '0.00').toBe(money(p.net).toFixed(2));
      }
      if (deal.credit !== null && deal.status === 'live' && money(deal.refunded).isZero()) {
        expect(sum(deal.credit.parts.map((p) => p.net)).toFixed(2)).toBe(money(deal.amount).toFixed(2));
      }
    }
    for (const [key, t] of entries(state.deals.tallies)) {
      expect(money(t.booked).toFixed(2), key).toBe(monthCommission(t, state.policy.deals.commission).plus(t.waived).toFixed(2));
    }
  });

  test.prop([roundTwoLog], runs)('DEAL-EVENT, DEAL-LATER-DESIGNATION, DEAL-RECOGNITION-WINDOW: replay equals incremental apply', ({ events, policy }) => {
    const bulk = replay(events, policy);
    const one = foldAll(initialState(policy), events);
    expect(toSnapshot(bulk.state)).toEqual(toSnapshot(one.state));
    expect(bulk.decisions).toEqual(one.decisions);
  });

  test.prop([dealLog], runs)('replay equals incremental apply with deals, refunds, splits and targets mixed in', ({ events, policy }) => {
    const bulk = replay(events, policy);
    const one = foldAll(initialState(policy), events);
    expect(toSnapshot(bulk.state)).toEqual(toSnapshot(one.state));
    expect(bulk.decisions).toEqual(one.decisions);
    expect(bulk.issues).toEqual(one.issues);
  });
});
