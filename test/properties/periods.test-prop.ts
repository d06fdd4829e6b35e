/**
 * Invariants of the periods family (fast-check): periods partition time, a
 * scorecard adds up to the events it summarizes, active claims never exceed
 * the quota in force, grades move only after three qualifying months in a
 * row, and replay equals event-by-event apply across period closings.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { calendarOf } from '../../src/kernel/time.js';
import { indexOf, periodKinds, spanAt, spanOf, type PeriodKind } from '../../src/periods/calendar.js';
import { periodsPolicySchema } from '../../src/periods/policy.js';
import { quotaAt, quotaLimitAt } from '../../src/periods/quota.js';
import { apply, commissionLedger, initialState, replay, scorecard, staffList, type Decision, type Event, type OfficeState, type PolicyInput } from '../../src/index.js';
import { at, body, CLIENTS, STAFF } from '../support/arbitrary.js';
import { domainSnapshot, foldAll } from '../support/fold.js';

const runs = { numRuns: 60 };
const TELEMARKETERS = ['T1', 'T2'] as const;
type Body = Record<string, unknown> & { type: string };

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const caller = fc.constantFrom(...TELEMARKETERS, 'S1');
const ref = fc.integer({ min: 0, max: CLIENTS.length - 1 }).map((i) => ({ ...CLIENTS[i] }) as { name: string; phone: string });

/** The periods family's events, besides the office's usual ones. Arrivals name an invitation by its position (resolved below). */
const periodsBody: fc.Arbitrary<Body> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ staff: caller, grade: fc.constantFrom('A', 'B', 'C', 'D'), count: opt(fc.integer({ min: 1, max: 120 })) }).map((b) => ({ type: 'recordOutboundCall', ...defined(b) })) },
  { weight: 1, arbitrary: fc.record({ staff: caller, grade: fc.constantFrom('A', 'B', 'C', 'D'), phone: fc.integer({ min: 0, max: 9 }).map((i) => `1370000000${i}`) }).map((b) => ({ type: 'recordOutboundCall', ...b })) },
  { weight: 3, arbitrary: fc.record({ staff: caller, client: ref }).map((b) => ({ type: 'recordInvitation', ...b })) },
  { weight: 3, arbitrary: fc.record({ nth: fc.nat(), contactedInviter: fc.boolean(), signedBy: opt(fc.constantFrom(...STAFF)) }).map((b) => ({ type: 'recordInvitedArrival', ...defined(b) })) },
  { weight: 1, arbitrary: fc.record({ staff: fc.constantFrom(...STAFF), grade: fc.constantFrom('试用业务员', '正式业务员', '高级销售主管') }).map((b) => ({ type: 'setGrade', ...b })) },
  { weight: 1, arbitrary: fc.record({ staff: fc.constantFrom(...STAFF), amount: fc.integer({ min: 0, max: 300 }).map(String) }).map((b) => ({ type: 'recordViolation', violation: 'misconduct', ...b })) },
  { weight: 1, arbitrary: fc.record({ staff: fc.constantFrom(...STAFF), client: ref.map((c) => ({ phone: c.phone })) }).map((b) => ({ type: 'recordViolation', violation: 'exposeRewardConflict', ...b })) },
  { weight: 1, arbitrary: fc.record({ staff: fc.constantFrom(...STAFF), client: ref.map((c) => ({ phone: c.phone })) }).map((b) => ({ type: 'releaseClaim', ...b })) },
  // Claims on many clients, so that quotas fill up.
  { weight: 4, arbitrary: fc.record({ staff: fc.constantFrom('S1', 'S2'), n: fc.integer({ min: 0, max: 30 }) }).map(({ staff, n }) => ({ type: 'claimClient', staff, client: { name: `客${n}`, phone: `136000000${String(n).padStart(2, '0')}` } })) },
  { weight: 1, arbitrary: fc.record({ staff: fc.constantFrom(...STAFF), red: fc.integer({ min: 1, max: 200 }).map((n) => `${n * 10000}`), green: opt(fc.integer({ min: 1, max: 200 }).map((n) => `${n * 10000}`)) }).map((b) => ({ type: 'setTargets', ...defined(b) })) },
);

const START = Date.parse('2026-11-01T09:00:00+08:00');
const iso = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00').replace('.000', '');

/** Money that reaches people without counters: a manager in a negotiated split, a salesperson who leaves before a clawback. */
const payBody: fc.Arbitrary<Body> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ deal: fc.constantFrom('D1', 'D2', 'D3'), with: fc.constantFrom(...STAFF, 'M1') }).map((b) => ({ type: 'splitDeal', deal: b.deal, commission: [{ staff: 'M1', share: '1' }, ...(b.with === 'M1' ? [] : [{ staff: b.with, share: '2' }])] })) },
  { weight: 1, arbitrary: fc.constantFrom(...STAFF).map((s) => ({ type: 'changeStaff', staff: s, status: 'left' })) },
);

/** A log of the office's usual events and the periods family's, over days to months (with `pay`, a manager M1 and payBody's events too). */
const periodsLog = (maxLength = 60, pay = false): fc.Arbitrary<Event[]> =>
  fc
    .array(fc.tuple(fc.oneof({ weight: 3, arbitrary: body }, { weight: 2, arbitrary: periodsBody }, { weight: pay ? 2 : 0, arbitrary: payBody }), fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 240 }) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 12 * 24 * 60 }) })), {
      minLength: 10,
      maxLength,
    })
    .map((pairs) => {
      const events: Event[] = [...STAFF, ...TELEMARKETERS].map((s, i) => at({ type: 'changeStaff', staff: s, name: `员工${i + 1}`, role: s.startsWith('T') ? 'telemarketer' : 'sales' }, `j${i}`, iso(START - 3_600_000)));
      if (pay) events.push(at({ type: 'changeStaff', staff: 'M1', name: '经理', role: 'manager' }, 'jM', iso(START - 3_600_000)));
      const invitations: string[] = [];
      let t = START;
      pairs.forEach(([b, gap], i) => {
        t += gap * 60_000;
        const id = `p${i}`;
        let next: Body = b;
        if (b.type === 'recordInvitation') invitations.push(id);
        if (b.type === 'recordInvitedArrival') {
          const { nth, ...rest } = b as Body & { nth: number };
          next = { ...rest, invitation: invitations.length === 0 ? 'none' : (invitations[nth % invitations.length] as string) };
        }
        if (b.type === 'setTargets') next = { ...b, month: iso(t).slice(0, 7) };
        events.push(at(next, id, iso(t)));
      });
      return events;
    });

/** Everything on: derived penalties, call quotas, a small claim quota, rewards, elimination, and the default grades and fines. */
const busy: PolicyInput = {
  periods: {
    penalties: { halfTurns: { when: 'noDeal', minReceptions: 1 }, noCalls: { minCalls: 1 } },
    quota: { limit: 3, targetMet: 4, noSigning: 2, judged: 'soFar', kinds: ['claim', 'preFile'] },
    calls: { daily: 50, weeklyInvitedVisits: 2 },
    dayOff: { per: 2, days: '0.5', period: 'week' },
    elimination: { mode: 'outsideTop', top: 2, period: 'month', roles: ['telemarketer', 'sales'], rankBy: ['invitedVisits', 'deals'] },
  },
  deals: { bonus: { byProductType: { highRise: '200' }, confirmedOnly: true } },
};

describe('periods invariants (fast-check)', () => {
  test.prop([fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2040-01-01') }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/London')], { numRuns: 300 })(
    'period boundaries partition time: every instant is in exactly one period of each kind, and each period starts where the last one ended',
    (ms, weekStartsOn, quarterStartMonth, zone) => {
      const cal = calendarOf(zone);
      const g = { weekStartsOn, quarterStartMonth };
      for (const kind of periodKinds) {
        const span = spanAt(cal, kind, ms, g);
        expect(span.start).toBeLessThanOrEqual(ms);
        expect(ms).toBeLessThan(span.end);
        expect(spanOf(cal, kind, span.index - 1, g).end).toBe(span.start);
        expect(spanOf(cal, kind, span.index + 1, g).start).toBe(span.end);
        // The days of the period are exactly the days whose index is its index.
        expect(indexOf(kind, span.startDay, g)).toBe(span.index);
        expect(indexOf(kind, span.endDay - 1, g)).toBe(span.index);
        expect(indexOf(kind, span.startDay - 1, g)).toBe(span.index - 1);
        if (kind === 'week') expect(((span.startDay + 4 - weekStartsOn) % 7 + 7) % 7).toBe(0);
        if (kind === 'quarter') expect((new Date(span.startDay * 86_400_000).getUTCMonth() + 1 - quarterStartMonth + 12) % 3).toBe(0);
      }
    },
  );

  test.prop([periodsLog(), fc.constantFrom<PeriodKind>('week', 'month', 'quarter')], runs)('a scorecard adds up to the events it summarizes: every event counts in exactly one period of each kind', (events, kind) => {
    const { state, decisions, issues } = replay(events, busy);
    const refused = new Set(issues.map((i) => i.event));
    const rows = everyPeriod(state, events, kind);
    const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + f(r), 0);
    const receptions = decisions.filter((d) => d.kind === 'reception' && d.channel === 'visit' && d.receiver !== null && d.client !== undefined);
    const calls = decisions.filter((d) => d.kind === 'reception' && d.channel === 'call' && d.receiver !== null);
    const claims = decisions.filter((d) => d.kind === 'claim' && (d.outcome === 'accepted' || d.outcome === 'renewed'));
    const overQuota = decisions.filter((d) => d.kind === 'claim' && d.why === 'overQuota');
    const dealEvents = decisions.filter((d) => d.kind === 'deal' && d.outcome === 'recorded');
    const outbound = events.filter((e): e is Extract<Event, { type: 'recordOutboundCall' }> => e.type === 'recordOutboundCall' && !refused.has(e.id));
    expect(sum((r) => r.receptions)).toBe(receptions.length);
    expect(sum((r) => r.calls)).toBe(calls.length);
    expect(sum((r) => r.claims)).toBe(claims.length);
    expect(sum((r) => r.claimsRefused)).toBe(overQuota.length);
    expect(sum((r) => r.dealEvents)).toBe(dealEvents.length);
    expect(sum((r) => r.outboundCalls)).toBe(outbound.reduce((n, e) => n + (e.count ?? 1), 0));
    expect(sum((r) => r.gradeA + r.gradeB + r.gradeC + r.gradeD)).toBe(sum((r) => r.outboundCalls));
    expect(sum((r) => r.invitations)).toBe(decisions.filter((d) => d.kind === 'invitation' && d.step === 'invited').length);
    expect(sum((r) => r.arrivals)).toBe(decisions.filter((d) => d.kind === 'invitation' && d.step !== 'invited').length);
    expect(sum((r) => r.confirmedVisits)).toBe(decisions.filter((d) => d.kind === 'invitation' && d.step === 'confirmed').length);
    expect(events.filter((e) => e.type === 'recordInvitation' && !refused.has(e.id)).length).toBe(sum((r) => r.invitations));
    // Fines add up to the fines ledger.
    const fines = decisions.filter((d): d is Extract<Decision, { kind: 'penalty' }> => d.kind === 'penalty');
    expect(cents(sum((r) => Math.round(Number(r.fines) * 100)))).toBe(cents(fines.reduce((n, f) => n + Math.round(Number(f.amount) * 100), 0)));
  });

  test.prop([periodsLog(80, true), fc.constantFrom<'inviter' | 'commission'>('inviter', 'commission')], runs)(
    "the scorecard's money adds up to the commission ledger: each month's commission and bonus columns equal commissionLedger's for the staff (RFD-CLAWBACK, COM-SPLIT-EXACT)",
    (events, to) => {
      const policy: PolicyInput = { ...busy, deals: { commission: { rates: { neither: '1.8', one: '2', both: '2.3', above: '2.5' } }, bonus: { byProductType: { highRise: '200', villa: '500' }, to } } };
      const { state } = replay(events, policy);
      const staff = new Set(staffList(state).map((m) => m.id));
      const rows = everyPeriod(state, events, 'month');
      const ledger = commissionLedger(state).filter((r) => staff.has(r.staff));
      const total = (xs: readonly string[]) => cents(xs.reduce((n, x) => n + Math.round(Number(x) * 100), 0));
      for (const month of new Set([...rows.map((r) => r.start.slice(0, 7)), ...ledger.map((r) => r.month)])) {
        const mine = rows.filter((r) => r.start.startsWith(month));
        const booked = ledger.filter((r) => r.month === month);
        expect(total(mine.map((r) => r.commission)), month).toBe(total(booked.map((r) => r.commission)));
        expect(total(mine.map((r) => r.bonus)), month).toBe(total(booked.map((r) => r.bonus)));
      }
    },
  );

  test.prop([periodsLog(80)], runs)('active claims never exceed the quota in force when a claim is accepted', (events) => {
    let state = initialState(busy);
    for (const e of events) {
      const step = apply(state, e);
      state = step.state;
      for (const d of step.decisions) {
        if (d.kind !== 'claim' || d.outcome !== 'accepted') continue;
        const row = scorecard(state, { period: 'day', at: e.at }).find((r) => r.staff === d.staff);
        if (row === undefined || row.quota === null) continue;
        expect(row.activeClaims).toBeLessThanOrEqual(row.quota);
      }
    }
  });

  test.prop([fc.array(fc.constantFrom('both', 'red', 'neither', 'none'), { minLength: 1, maxLength: 9 }), fc.constantFrom('试用业务员', '优秀业务员', '高级销售主管')], runs)(
    'a grade moves only after three consecutive qualifying months',
    (months, start) => {
      const events: Event[] = [at({ type: 'changeStaff', staff: 'S1', name: '李娜' }, 'j', '2026-01-20T08:00:00+08:00'), at({ type: 'setGrade', staff: 'S1', grade: start }, 'g', '2026-01-20T08:01:00+08:00')];
      months.forEach((m, i) => {
        const month = `2026-${String(i + 2).padStart(2, '0')}`;
        if (m !== 'none') events.push(at({ type: 'setTargets', staff: 'S1', month, red: '1000000', green: '1000000' }, `t${i}`, `${month}-01T08:00:00+08:00`));
        if (m === 'both' || m === 'red') events.push(at({ type: 'closeDeal', deal: `D${i}`, client: { name: `客${i}`, phone: `1380000000${i}` }, staff: 'S1', stage: m === 'both' ? 'loan' : 'contract', unit: `U${i}`, amount: '1000000' }, `d${i}`, `${month}-10T15:00:00+08:00`));
      });
      events.push(at({ type: 'changeStaff', staff: 'S1', team: 'A' }, 'end', '2026-12-01T09:00:00+08:00'));
      const moves = replay(events).decisions.filter((d): d is Extract<Decision, { kind: 'grade' }> => d.kind === 'grade' && d.change !== 'set');
      // The model: a streak of months meeting both lines (or neither); three in a row move the grade, and the streak starts over.
      const expected: { change: string; months: string[] }[] = [];
      let streak: string[] = [];
      let sign = 0;
      months.forEach((m, i) => {
        const label = `2026-${String(i + 2).padStart(2, '0')}`;
        const s = m === 'both' ? 1 : m === 'neither' ? -1 : 0;
        streak = s === 0 ? [] : s === sign ? [...streak, label] : [label];
        sign = s;
        if (streak.length === 3) {
          expected.push({ change: s > 0 ? 'up' : 'down', months: streak });
          streak = [];
          sign = 0;
        }
      });
      expect(moves.map((d) => ({ change: d.args?.why === 'top' || d.change === 'promoted' ? 'up' : 'down', months: d.args?.months }))).toEqual(expected);
      for (const d of moves) expect((d.args?.months as string[]).length).toBe(3);
    },
  );

  test.prop([periodsLog()], runs)('replay equals incremental apply across period closings (state, decisions and issues)', (events) => {
    const bulk = replay(events, busy);
    const one = foldAll(initialState(busy), events);
    expect(domainSnapshot(bulk.state)).toEqual(domainSnapshot(one.state));
    expect(bulk.decisions).toEqual(one.decisions);
    expect(bulk.issues).toEqual(one.issues);
  });
});

function cents(n: number): string {
  return (n / 100).toFixed(2);
}

/** The scorecard rows of every period of a kind from the log's first event to its last. */
function everyPeriod(state: OfficeState, events: readonly Event[], kind: PeriodKind) {
  const cal = calendarOf(state.policy.timeZone);
  const g = state.policy.periods.calendar;
  const first = spanAt(cal, kind, Date.parse(events[0]?.at ?? ''), g);
  const last = spanAt(cal, kind, Date.parse(events.at(-1)?.at ?? ''), g);
  const rows = [];
  for (let i = first.index; i <= last.index; i++) rows.push(...scorecard(state, { period: kind, at: cal.localIso(spanOf(cal, kind, i, g).start) }));
  return rows;
}

describe('CLM-QUOTA: the limit the scorecard shows is the one the quota decides', () => {
  const cal = calendarOf('Asia/Shanghai');
  // Weighted to quarters without targets or signings, where the two part ways; a refund's -1500000 can cancel a signing.
  const red = fc.oneof({ arbitrary: fc.constantFrom('0.00', '0'), weight: 3 }, { arbitrary: fc.constantFrom('1500000.00', '-1500000.00', '0.01'), weight: 1 });
  const policies = {
    soFar: periodsPolicySchema.parse({ quota: { limit: 30, targetMet: 40, noSigning: 20, judged: 'soFar' } }),
    quarterEnd: periodsPolicySchema.parse({ quota: { limit: 30, targetMet: 40, noSigning: 20, judged: 'quarterEnd' } }),
  };
  const month = fc.record({ red, redTarget: fc.option(fc.constantFrom('0', '1000000', '1500000.00'), { nil: null, freq: 1 }), green: fc.constant('0.00'), greenTarget: fc.constant(null), bonus: fc.constant('0.00') });
  test.prop([fc.array(month, { minLength: 3, maxLength: 3 }), fc.constantFrom('soFar' as const, 'quarterEnd' as const), fc.boolean(), fc.integer({ min: 0, max: 400 })], { numRuns: 300 })(
    'quotaLimitAt is quotaAt().limit, whatever the quarter\'s figures, its judging and the no-signing flag',
    (months, judged, noSigning, day) => {
      // One policy object per judging for every run: the limit is remembered per policy, so later runs read it back.
      const p = policies[judged];
      const at = Date.parse('2026-01-01T12:00:00+08:00') + day * 86_400_000;
      const facts = { month: (_: string, label: string) => months[(Number(label.slice(5, 7)) - 1) % 3] ?? (months[0] as (typeof months)[number]) };
      expect(quotaLimitAt(p, cal, 'S1', { noSigning }, facts, at)).toBe(quotaAt(p, cal, 'S1', { noSigning }, facts, at)?.limit);
    },
  );
});
