/**
 * Invariants of the walk-in queue and its fairness ledger (RULES §D), over
 * random days of an office of four under random rotation policies.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { get } from '../../src/kernel/map.js';
import {
  apply,
  fairnessLedger,
  initialState,
  nextReceiver,
  replay,
  skipReasonSchema,
  toSnapshot,
  type DecisionOf,
  type Event,
  type OfficeState,
  type PolicyInput,
  type SkipReason,
  type StaffStatus,
} from '../../src/index.js';
import { at } from '../support/arbitrary.js';
import { foldAll } from '../support/fold.js';

const STAFF = ['S1', 'S2', 'S3', 'S4'] as const;
type Staff = (typeof STAFF)[number];
const runs = { numRuns: 120 };

type Action =
  | {
      kind: 'new';
      receiver?: Staff | undefined;
      named?: Staff | undefined;
      party?: boolean | undefined;
      deposit?: boolean | undefined;
      nonClient?: boolean | undefined;
      appointment?: { staff: Staff; nameLeft: boolean; notice: boolean } | undefined;
      tourGroup?: boolean | undefined;
      invited?: boolean | undefined;
    }
  | { kind: 'old'; pick: number; receiver?: Staff | undefined }
  | { kind: 'status'; staff: Staff; status: StaffStatus }
  | { kind: 'end'; staff: Staff }
  | { kind: 'call'; receiver?: Staff | undefined; selfSourced?: boolean | undefined }
  | { kind: 'penalty'; staff: Staff; penalty: 'halfTurns' | 'noCalls'; days: number }
  | { kind: 'duty'; staff: Staff[]; hours?: boolean | undefined };

const who = fc.constantFrom(...STAFF);
/** `arb` one time in `oneIn`, else undefined. */
const maybe = <T>(arb: fc.Arbitrary<T>, oneIn: number) => fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 40,
    arbitrary: fc
      .record({
        receiver: maybe(who, 6),
        named: maybe(who, 8),
        party: maybe(fc.constant(true), 6),
        deposit: maybe(fc.constant(true), 12),
        nonClient: maybe(fc.constant(true), 12),
        // The second round's facts (ROT-APPOINTMENT, ROT-TOUR-GROUP, ROT-INVITED-VISIT).
        appointment: maybe(fc.record({ staff: who, nameLeft: fc.boolean(), notice: fc.boolean() }), 6),
        tourGroup: maybe(fc.constant(true), 12),
        invited: maybe(fc.constant(true), 8),
      })
      .map((a) => defined({ kind: 'new' as const, ...a })),
  },
  { weight: 16, arbitrary: fc.record({ pick: fc.nat(), receiver: maybe(who, 6) }).map((a) => defined({ kind: 'old' as const, ...a })) },
  {
    weight: 16,
    arbitrary: fc
      .record({ staff: who, status: fc.constantFrom<StaffStatus>('onDuty', 'onDuty', 'onDuty', 'companyBusiness', 'companyBusiness', 'personalBusiness', 'off', 'leave', 'outOfUniform') })
      .map((a) => ({ kind: 'status' as const, ...a })),
  },
  { weight: 1, arbitrary: who.map((staff) => ({ kind: 'status' as const, staff, status: 'left' as const })) },
  { weight: 12, arbitrary: who.map((staff) => ({ kind: 'end' as const, staff })) },
  { weight: 12, arbitrary: fc.record({ receiver: maybe(who, 2), selfSourced: maybe(fc.constant(true), 3) }).map((a) => defined({ kind: 'call' as const, ...a, ...(a.receiver === undefined ? { selfSourced: undefined } : {}) })) },
  { weight: 4, arbitrary: fc.record({ staff: who, penalty: fc.constantFrom('halfTurns' as const, 'noCalls' as const), days: fc.integer({ min: 0, max: 3 }) }).map((a) => ({ kind: 'penalty' as const, ...a })) },
  { weight: 4, arbitrary: fc.record({ staff: fc.subarray([...STAFF], { maxLength: 2 }), hours: maybe(fc.constant(true), 2) }).map((a) => defined({ kind: 'duty' as const, ...a })) },
);

const rotationPolicy: fc.Arbitrary<PolicyInput> = fc
  .record({
    dailyStart: fc.constantFrom('carryOver' as const, 'firstInOrder' as const),
    receptionMinutes: fc.constantFrom(0, 30, 60),
    makeUps: fc.record({
      companyBusiness: fc.constantFrom('none' as const, 'once' as const, 'perTurn' as const),
      ownClient: fc.constantFrom('none' as const, 'once' as const),
      busy: fc.constantFrom('none' as const, 'once' as const),
      first: fc.boolean(),
      expireAtDayEnd: fc.boolean(),
    }),
    absentOwner: fc.constantFrom('last' as const, 'next' as const, 'team' as const),
    groupTurns: fc.constantFrom('one' as const, 'perBuyer' as const),
    oldClientCounts: fc.boolean(),
    duty: fc.constantFrom<{ windows: { from: string; to: string }[] }>({ windows: [] }, { windows: [{ from: '12:00', to: '13:00' }] }),
    callAllocation: fc.constantFrom('rotation' as const, 'manager' as const),
    appointments: fc.option(fc.record({ requireDetails: fc.boolean(), counts: fc.boolean(), requireNotice: fc.boolean() }), { nil: null }),
    tourGroups: fc.constantFrom('turn' as const, 'teamManager' as const),
    invitedVisits: fc.option(fc.record({ counts: fc.boolean() }), { nil: null }),
    teamHandBack: fc.boolean(),
  })
  // ROT-TEAM-ASSIST: the hand-back needs absentOwner team (the schema refuses it with any other).
  .map((rotation) => ({ rotation: { ...rotation, teamHandBack: rotation.teamHandBack && rotation.absentOwner === 'team' } }));

const DAY = 86_400_000;
const START = Date.parse('2026-11-02T09:00:00+08:00');
const iso = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00');

/** Turns days of actions into a log: staff join the evening before; each day starts at 09:00. */
function logOf(days: (readonly [Action, number])[][]): Event[] {
  const events: Event[] = STAFF.map((s, i) => at({ type: 'changeStaff', staff: s, team: i < 2 ? 'A' : 'B' }, `j${i}`, iso(START - 15 * 3_600_000)));
  events.push(at({ type: 'changeStaff', staff: 'T1', role: 'telemarketer' }, 'jT', iso(START - 15 * 3_600_000)));
  const clients: { name: string; phone: string }[] = [];
  let n = 0;
  const fresh = () => {
    const c = { name: `客${n}`, phone: `137${String(n).padStart(8, '0')}` };
    n++;
    clients.push(c);
    return c;
  };
  days.forEach((day, d) => {
    let ms = START + d * DAY;
    day.forEach(([a, gap], i) => {
      ms += gap * 60_000;
      const id = `d${d}a${i}`;
      const body = ((): Record<string, unknown> & { type: string } => {
        switch (a.kind) {
          case 'new':
            if (a.nonClient) return defined({ type: 'registerVisit', nonClient: 'askingWay', receiver: a.receiver });
            return defined({
              type: 'registerVisit',
              client: fresh(),
              receiver: a.receiver,
              named: a.named,
              purpose: a.deposit ? 'deposit' : undefined,
              party: a.party ? [{ name: `伴${n}`, phone: `139${String(n).padStart(8, '0')}`, relation: 'friend' }] : undefined,
              appointment: a.appointment ? { ...a.appointment, at: iso(ms) } : undefined,
              tourGroup: a.tourGroup,
              invitedBy: a.invited ? 'T1' : undefined,
            });
          case 'old': {
            const c = clients.length > 0 ? clients[a.pick % clients.length] : fresh();
            return defined({ type: 'registerVisit', client: c, receiver: a.receiver });
          }
          case 'status':
            return { type: 'changeStaff', staff: a.staff, status: a.status };
          case 'end':
            return { type: 'endReception', staff: a.staff };
          case 'call':
            return defined({ type: 'registerCall', client: { phone: `138${String(i + d * 100).padStart(8, '0')}` }, receiver: a.receiver, selfSourced: a.selfSourced });
          case 'penalty':
            return { type: 'setRotationPenalty', staff: a.staff, penalty: a.penalty, days: a.days };
          case 'duty':
            return defined({ type: 'assignDuty', staff: a.staff, hours: a.hours ? [{ from: '13:00', to: '14:00' }] : undefined });
        }
      })();
      events.push(at(body, id, iso(ms)));
    });
  });
  return events;
}

const day = fc.array(fc.tuple(action, fc.integer({ min: 0, max: 30 })), { minLength: 1, maxLength: 24, size: 'max' });
const officeDays = fc.array(day, { minLength: 1, maxLength: 3, size: 'max' });

/** Every step of a log, with the state before it. */
function steps(events: Event[], policy: PolicyInput) {
  let state = initialState(policy);
  return events.map((event) => {
    const before = state;
    const step = apply(state, event);
    state = step.state;
    return { event, before, step };
  });
}

const receptions = (s: { step: { decisions: readonly unknown[] } }) => (s.step.decisions as DecisionOf<'reception'>[]).filter((d) => d.kind === 'reception');

describe('rotation invariants (fast-check, RULES §D)', () => {
  test.prop([officeDays, rotationPolicy], runs)('every visit and every call gets exactly one reception decision; no other event gets one', (days, policy) => {
    for (const s of steps(logOf(days), policy)) {
      const mine = receptions(s);
      if (s.step.issues.length > 0) expect(mine).toEqual([]);
      else if (s.event.type === 'registerVisit') expect(mine.map((d) => [d.event, d.channel])).toEqual([[s.event.id, 'visit']]);
      else if (s.event.type === 'registerCall') expect(mine.map((d) => [d.event, d.channel])).toEqual([[s.event.id, 'call']]);
      else expect(mine).toEqual([]);
    }
  });

  test.prop([officeDays, rotationPolicy], runs)('absent or ineligible staff are never chosen by the engine (ROT-ELIGIBLE)', (days, policy) => {
    for (const s of steps(logOf(days), policy)) {
      if (s.step.issues.length > 0 || !(s.event.type === 'registerVisit' || s.event.type === 'registerCall') || s.event.receiver !== undefined) continue;
      for (const d of receptions(s)) {
        if (d.receiver === null) continue;
        expect(get(s.before.staff.members, d.receiver)?.status).toBe('onDuty');
        if (d.channel === 'visit') {
          const entry = nextReceiver(s.before, s.event.at).queue.find((q) => q.staff === d.receiver);
          expect(entry?.eligible, `${d.receiver} was not free at ${s.event.at}`).toBe(true);
        }
      }
    }
  });

  test.prop([officeDays, rotationPolicy], runs)('the next receiver shown is the one chosen, and owed make-ups go first where the policy says so (ROT-MAKEUP-COMPANY)', (days, policy) => {
    const first = policy.rotation?.makeUps?.first === true;
    for (const s of steps(logOf(days), policy)) {
      const e = s.event;
      const plain =
        e.type === 'registerVisit' && e.receiver === undefined && e.named === undefined && e.purpose === undefined && e.nonClient === undefined && e.client !== undefined && e.party === undefined && e.appointment === undefined && e.tourGroup === undefined && e.invitedBy === undefined;
      if (!plain || s.step.issues.length > 0) continue;
      const d = receptions(s)[0] as DecisionOf<'reception'>;
      if (d.rules.includes('ROT-OLD-CLIENT-NOT-COUNTED')) continue; // a returning client: the owner's, not the queue's
      const q = nextReceiver(s.before, e.at);
      expect([d.receiver, d.makeUp]).toEqual([q.next, q.makeUp]);
      const owedAndFree = q.queue.some((entry) => entry.eligible && entry.owed > 0);
      if (first && owedAndFree && !q.duty) expect(d.makeUp).toBe(true);
      if (d.counted && !d.makeUp && first) expect(owedAndFree).toBe(false);
    }
  });

  test.prop([officeDays, rotationPolicy], runs)('the ledger balances against the decisions, per person per day and in totals', (days, policy) => {
    const { state, decisions } = replay(logOf(days), policy);
    const all = decisions.filter((d): d is DecisionOf<'reception'> => d.kind === 'reception');
    const zero = () => Object.fromEntries(skipReasonSchema.options.map((r) => [r, 0])) as Record<SkipReason, number>;
    const expected = new Map<string, { turns: number; uncounted: number; calls: number; granted: number; skips: Record<SkipReason, number>; callSkips: Record<SkipReason, number> }>();
    const row = (day: string, staff: string) => {
      const key = `${day}|${staff}`;
      const r = expected.get(key) ?? { turns: 0, uncounted: 0, calls: 0, granted: 0, skips: zero(), callSkips: zero() };
      expected.set(key, r);
      return r;
    };
    for (const d of all) {
      const day = new Date(d.at + 8 * 3_600_000).toISOString().slice(0, 10);
      if (d.receiver !== null) {
        const r = row(day, d.receiver);
        if (d.channel === 'call') r.calls++;
        else if (d.counted) r.turns += d.turns;
        else r.uncounted++;
        if (d.makeUp) r.granted++;
      }
      for (const s of d.skipped) row(day, s.staff)[d.channel === 'visit' ? 'skips' : 'callSkips'][s.reason]++;
    }
    const rows = fairnessLedger(state);
    expect(rows.map((r) => `${r.day}|${r.staff}`).sort()).toEqual([...expected.keys()].sort());
    for (const r of rows) {
      expect({ turns: r.turns, uncounted: r.uncounted, calls: r.calls, granted: r.makeUpsGranted, skips: r.skips, callSkips: r.callSkips }).toEqual(expected.get(`${r.day}|${r.staff}`));
    }
    const skips = all.flatMap((d) => (d.channel === 'visit' ? d.skipped : []));
    for (const total of fairnessLedger(state, { totals: true })) {
      const owedNow = (state.rotation.ring.find((x) => x.id === total.staff) ?? state.rotation.parked.get(total.staff))?.owed ?? 0;
      expect(total.makeUpsOwed).toBe(skips.filter((s) => s.staff === total.staff && s.makeUp).length);
      expect(total.makeUpsOwed).toBe(total.makeUpsGranted + total.makeUpsExpired + owedNow);
    }
  });

  test.prop([officeDays, rotationPolicy], { numRuns: 60 })('replay equals incremental apply on rotation logs (bulk edits change nothing)', (days, policy) => {
    const log = logOf(days);
    const bulk = replay(log, policy);
    const one = foldAll(initialState(policy), log);
    expect(toSnapshot(bulk.state)).toEqual(toSnapshot(one.state));
    expect(bulk.decisions).toEqual(one.decisions);
  });
});

// Days without exceptions: the statuses are set before the day starts and only new visitors with no ties arrive.
const plainDay = fc.record({
  statuses: fc.array(fc.constantFrom<StaffStatus>('onDuty', 'onDuty', 'onDuty', 'off', 'leave'), { minLength: STAFF.length, maxLength: STAFF.length }),
  gaps: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 14 }),
});
const plainPolicy = fc.constantFrom('carryOver' as const, 'firstInOrder' as const).map((dailyStart): PolicyInput => ({ rotation: { dailyStart, receptionMinutes: 0 } }));

/** The day of a plain log an instant falls on (0 for the first). */
const dayIndex = (when: string | number) => Math.floor(((typeof when === 'number' ? when : Date.parse(when)) - START + 9 * 3_600_000) / DAY);

function plainLog(days: { statuses: StaffStatus[]; gaps: number[] }[]): { events: Event[]; eligible: Staff[][] } {
  const events: Event[] = STAFF.map((s, i) => at({ type: 'changeStaff', staff: s }, `j${i}`, iso(START - 15 * 3_600_000)));
  let n = 0;
  const eligible = days.map((d, k) => {
    d.statuses.forEach((status, i) => events.push(at({ type: 'changeStaff', staff: STAFF[i] as Staff, status }, `s${k}-${i}`, iso(START + k * DAY - 3_600_000))));
    let ms = START + k * DAY;
    d.gaps.forEach((gap, i) => {
      ms += gap * 60_000;
      events.push(at({ type: 'registerVisit', client: { name: `新${n}`, phone: `136${String(n++).padStart(8, '0')}` } }, `v${k}-${i}`, iso(ms)));
    });
    return STAFF.filter((_, i) => d.statuses[i] === 'onDuty');
  });
  return { events, eligible };
}

describe('rotation fairness and carry-over (fast-check, ROT-ORDER, ROT-CARRY)', () => {
  test.prop([fc.array(plainDay, { minLength: 1, maxLength: 4 }), plainPolicy], runs)('in a day without exceptions, counted turns of eligible staff differ by at most 1', (days, policy) => {
    const { events, eligible } = plainLog(days);
    const { decisions } = replay(events, policy);
    const byDay = eligible.map(() => new Map<string, number>());
    for (const d of decisions) {
      if (d.kind !== 'reception') continue;
      expect(d.skipped).toEqual([]); // no exceptions: nobody away, busy or penalized
      if (!d.counted || d.receiver === null) continue;
      const counts = byDay[dayIndex(d.at)] as Map<string, number>;
      counts.set(d.receiver, (counts.get(d.receiver) ?? 0) + 1);
    }
    byDay.forEach((counts, k) => {
      const who = eligible[k] ?? [];
      for (const id of counts.keys()) expect(who).toContain(id);
      const turns = who.map((id) => counts.get(id) ?? 0);
      if (turns.length > 0) expect(Math.max(...turns) - Math.min(...turns)).toBeLessThanOrEqual(1);
    });
  });

  test.prop([fc.array(plainDay, { minLength: 2, maxLength: 4 }), plainPolicy], runs)('each day starts as ROT-CARRY says: after the last receiver of the day before, or at the top of the order', (days, policy) => {
    const { events, eligible } = plainLog(days);
    let state: OfficeState = initialState(policy);
    let last: string | null = null;
    let today = -1;
    for (const e of events) {
      const step = apply(state, e);
      const d = step.decisions.find((x): x is DecisionOf<'reception'> => x.kind === 'reception');
      if (d && d.receiver !== null) {
        const k = dayIndex(e.at);
        if (k !== today && k > 0 && last !== null) {
          const who = eligible[k] ?? [];
          const order = [...STAFF];
          const from = policy.rotation?.dailyStart === 'firstInOrder' ? 0 : order.indexOf(last as Staff) + 1;
          const expected = Array.from({ length: order.length }, (_, i) => order[(from + i) % order.length] as Staff).find((id) => who.includes(id));
          expect(d.receiver).toBe(expected);
        }
        today = k;
        last = d.receiver;
      }
      state = step.state;
    }
  });
});
