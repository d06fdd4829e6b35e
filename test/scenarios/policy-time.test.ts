/**
 * Dated policies (issue 12): a timeline of policy versions, each event
 * decided under the version in force at its time, each deal kept on the
 * terms of the version it closed under.
 */
import { describe, expect, it } from 'vitest';
import {
  apply,
  createOffice,
  explain,
  fromSnapshot,
  initialState,
  ledgerEntries,
  ownerOf,
  parseLog,
  presetPolicy,
  PolicyError,
  replay,
  replayer,
  toSnapshot,
  validateTimeline,
  type DecisionOf,
  type Event,
  type OfficeState,
  type PolicyInput,
  type PolicyTimelineInput,
} from '../../src/index.js';
import { deal, dispute, find, given, liu, refund, staff, t, visit, wang, zhang } from '../support/dsl.js';
import { foldAll } from '../support/fold.js';
import { readFileSync } from 'node:fs';

const flat = (rate: string): PolicyInput => ({ deals: { commission: { rates: { neither: rate, one: rate, both: rate, above: rate } } } });
const v1 = { name: 'v1 rates', ...flat('2') } satisfies PolicyInput;
const v2 = { name: 'v2 rates', ...flat('3'), deals: { ...flat('3').deals, afterRefund: 'pool' as const, commission: { ...flat('3').deals?.commission, rounding: 'down' as const, retierOnRefund: 'keep' as const } } } satisfies PolicyInput;
const timeline: PolicyTimelineInput = { versions: [{ id: 'v1', policy: v1 }, { id: 'v2', from: '2026-12-01', policy: v2 }] };

const team = [staff('S01'), staff('S02')];
/** S01 closes two deals in November (under v1); D1 is refunded on 12-05 (under v2). */
const november = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-01 11:00', wang, { receiver: 'S01' }), deal('11-10 10:00', 'D1', 'S01', zhang, 'subscription', { amount: '1000000' }), deal('11-12 10:00', 'D2', 'S01', wang, 'subscription', { amount: '1200000' })];
const refundD1 = refund('12-05 10:00', 'D1');

describe('RFD-CLAWBACK, COM-RATE-TIERS: a deal keeps the terms of the version it closed under', () => {
  it('given November deals under v1 (2 per mille), when D1 is refunded under v2 (3 per mille), then it reverses at 2 per mille and November is re-tiered under v1: no adjustment on D2', () => {
    const g = given(november, timeline);
    const step = g.when(refundD1);
    const entries = step.decisions.filter((d) => d.kind === 'ledger');
    expect(entries.map((e) => [e.entry, e.account, e.deal, e.amount])).toEqual(
      expect.arrayContaining([
        ['clawback', 'commission', 'D1', '-2000.00'],
        ['clawback', 'credit', 'D1', '-1000000.00'],
      ]),
    );
    // Measured on main with the policy swapped by hand: a +1200.00 re-tiering of November at 3 per mille.
    expect(entries.filter((e) => e.why === 'retier')).toEqual([]);
    const nov = ledgerEntries(g.state, { staff: 'S01', account: 'commission' }).filter((e) => e.period === '2026-11');
    expect(nov.reduce((sum, e) => sum + Number(e.amount), 0)).toBe(2400);
    // Money decisions carry the version of the deal's terms (v1: no field); the event's other decisions the version in force.
    expect(entries.every((e) => e.version === undefined)).toBe(true);
    expect(find(step, 'deal').version).toBeUndefined();
  });

  it("given v1 keeps a refunded client with the owner and v2 sends them to the pool, a v1 deal refunded under v2 follows v1 (RFD-RESTORE)", () => {
    const g = given(november, timeline);
    g.when(refundD1);
    expect(g.statusOf(zhang.phone)).not.toBe('pool');
    const fresh = given([...november.slice(0, 4), deal('12-02 10:00', 'D3', 'S01', zhang, 'subscription', { amount: '500000', unit: 'U-3' })], timeline);
    const step = fresh.when(refund('12-05 10:00', 'D3'));
    expect(find(step, 'deal').version).toBe(1);
    expect(find(step, 'ledger', (e) => e.account === 'commission')).toMatchObject({ amount: '-1500.00', version: 1 });
    expect(fresh.statusOf(zhang.phone)).toBe('pool');
  });

  it("COL-AFTER-DEAL: given D1 closed under v1 (2 per mille), when the collision found after the deal hands it to the closer under v2 (3 per mille), then the commission moves at 2 per mille, booked under v1's terms", () => {
    // 002 §2.2.2's after-deal rule in both versions (the default has none).
    const afterDeal = { collisions: { afterDealDays: 3 } };
    const change: PolicyTimelineInput = { versions: [{ id: 'v1', policy: { ...v1, ...afterDeal } }, { id: 'v2', from: '2026-11-05', policy: { ...v2, ...afterDeal } }] };
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-02 15:00', 'D1', 'S02', zhang, 'subscription', { amount: '1000000' })], change);
    const step = g.when(dispute('11-08 10:00', 'S02', zhang));
    const moved = find(step, 'allocation');
    expect(moved.rules).toContain('COL-AFTER-DEAL');
    // Decided about v1's deal: no version field; the dispute itself is decided under v2.
    expect(moved.version).toBeUndefined();
    expect(find(step, 'dispute').version).toBe(1);
    const commission = step.decisions.filter((d): d is DecisionOf<'ledger'> => d.kind === 'ledger').filter((e) => e.account === 'commission' && e.deal === 'D1');
    expect(commission.map((e) => [e.staff, e.amount]).sort()).toEqual([
      ['S01', '-2000.00'],
      ['S02', '2000.00'],
    ]);
    // The money moved is booked under the deal's terms: v1's, so no version on the entries.
    expect(commission.every((e) => e.version === undefined)).toBe(true);
  });

  it('the hand-swapped policy field no longer changes the rules: the timeline decides', () => {
    const g = given(november, { ...v1 });
    const swapped: OfficeState = { ...g.state, policy: initialState(v2).policy };
    const step = apply(swapped, refundD1);
    expect(step.decisions.filter((d) => d.kind === 'ledger' && d.why === 'retier')).toEqual([]);
  });
});

describe('dated versions: every event is decided under the version in force at its time', () => {
  const validity: PolicyTimelineInput = {
    versions: [
      { policy: { ownership: { validityDays: { visit: 30 } } } },
      { id: 'short', from: '2026-11-15', policy: { name: 'short windows', ownership: { validityDays: { visit: 10 } } } },
    ],
  };

  it('OWN-VALIDITY: given 30 days until 11-15 and 10 days from then, a visit on 11-01 protects 30 days and one on 11-20 protects 10', () => {
    const g = given([...team], validity);
    const before = g.when(visit('11-01 10:00', zhang, { receiver: 'S01' }));
    const after = g.when(visit('11-20 10:00', wang, { receiver: 'S02' }));
    expect(find(before, 'ownership').protectionEndsAt).toBe(Date.parse(t('12-02 00:00')));
    expect(find(after, 'ownership').protectionEndsAt).toBe(Date.parse(t('12-01 00:00')));
    expect(before.decisions.every((d) => d.version === undefined)).toBe(true);
    expect(after.decisions.every((d) => d.version === 1)).toBe(true);
    expect(g.state.version).toBe(1);
    expect(g.state.policy.name).toBe('short windows');
  });

  it('explain shows the version each decision was decided under', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-20 10:00', zhang, { receiver: 'S02' })], validity);
    const lines = explain(g.state, zhang.phone).lines;
    expect(lines.some((l) => l.startsWith('2026-11-01') && l.endsWith('(policy v1)'))).toBe(true);
    expect(lines.some((l) => l.startsWith('2026-11-20') && l.endsWith('(policy short "short windows")'))).toBe(true);
  });

  it('an event at the very instant a version takes effect is decided under it', () => {
    const g = given([...team], validity);
    const step = g.when(visit('11-15 00:00', zhang, { receiver: 'S01' }));
    expect(find(step, 'ownership').version).toBe(1);
  });

  it('a refused event after a change changes nothing, and a later event before the change is still decided under the old version', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], validity);
    const refused = g.when(visit('11-20 10:00', wang, { receiver: 'S09' }), true);
    expect(refused.issues[0]?.code).toBe('unknown_staff');
    expect(g.state.version).toBe(0);
    const step = g.when(visit('11-10 10:00', wang, { receiver: 'S02' }));
    expect(find(step, 'ownership').version).toBeUndefined();
  });

  const month = parseLog(readFileSync(new URL('../../examples/logs/office-month.jsonl', import.meta.url), 'utf8')).events;
  const mid = month[Math.floor(month.length / 2)] as Event;
  const presets: PolicyTimelineInput = { versions: [{ policy: presetPolicy('jiuzhou') }, { from: mid.at, policy: presetPolicy('shenyang') }] };

  it('replay equals incremental apply across the change, and a snapshot taken at the change resumes the same', () => {
    const bulk = replay(month, presets);
    const one = foldAll(initialState(presets), month);
    expect(toSnapshot(bulk.state)).toEqual(toSnapshot(one.state));
    expect(bulk.decisions).toEqual(one.decisions);
    expect(bulk.decisions.some((d) => d.version === 1)).toBe(true);
    const k = month.indexOf(mid);
    const r = replayer(initialState(presets));
    for (const e of month.slice(0, k)) r.push(e);
    const restored = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(r.state()))));
    if (!restored.ok) throw new Error(JSON.stringify(restored.issues));
    expect(restored.state.timeline).toEqual(bulk.state.timeline);
    const resumed = replayer(restored.state);
    for (const e of month.slice(k)) resumed.push(e);
    expect(toSnapshot(resumed.state())).toEqual(toSnapshot(bulk.state));
  });

  it('the timeline is validated: the first version has no from, later ones come in order, one zone and office for all', () => {
    const bad = validateTimeline({
      versions: [
        { from: '2026-01-01', policy: {} },
        { id: 'b', from: '2026-12-01', policy: { timeZone: 'Asia/Tokyo' } },
        { id: 'b', from: '2026-11-01', policy: {} },
        { id: 'c', from: 'next month', policy: {} },
      ],
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((i) => i.path.join('.'))).toEqual(['versions.0.from', 'versions.1.policy.timeZone', 'versions.2.id', 'versions.2.from', 'versions.3.from']);
    expect(createOffice({ versions: [] }).ok).toBe(false);
    expect(validateTimeline({ versions: [{ policy: {} }, { from: '2026-12-01T09:30', policy: {} }] })).toMatchObject({ ok: true, timeline: { versions: [{ from: null }, { from: Date.parse('2026-12-01T09:30:00+08:00') }] } });
  });
});

describe('an office never silently goes on under the policy a state happens to carry', () => {
  const a = presetPolicy('jiuzhou');
  const b = presetPolicy('shenyang');
  const events = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' })];
  const later = [visit('11-03 10:00', wang, { receiver: 'S02' })];
  const office = (p: unknown) => {
    const r = createOffice(p);
    if (!r.ok) throw new Error('bad policy');
    return r.office;
  };

  it('given a state built under A, an office of B refuses to replay on it (policy_mismatch), on apply too', () => {
    const underA = replay(events, a).state;
    expect(() => office(b).replay(later, underA)).toThrow(PolicyError);
    try {
      office(b).replay(later, underA);
    } catch (error) {
      expect((error as PolicyError).issues[0]).toMatchObject({ code: 'policy_mismatch' });
      expect((error as PolicyError).message).toContain("{ policy: 'switch' }");
    }
    expect(() => office(b).apply(underA, later[0] as Event)).toThrow(PolicyError);
    expect(() => office(b).replayer(underA)).toThrow(PolicyError);
  });

  it("with { policy: 'switch' }, B takes over from the state's last event: the past stays, later events are decided under B", () => {
    const underA = replay(events, a).state;
    const r = office(b).replay(later, underA, { policy: 'switch' });
    // In force from 1 ms after the last event: that event stays decided under A, in a replay under the state's timeline too.
    expect(r.state.timeline.versions.map((v) => [v.id, v.policy.name, v.from])).toEqual([
      ['v1', 'jiuzhou', null],
      ['v2', 'shenyang', Date.parse(t('11-01 10:00')) + 1],
    ]);
    expect(r.decisions.every((d) => d.version === 1)).toBe(true);
    expect(ownerOf(r.state, zhang.phone)?.owner).toBe('S01');
  });

  it("with { policy: 'switch' }, an office of another time zone is refused (policy_mismatch, timeZone): the state's days were counted in its zone, and a timeline of two zones would not restore from its snapshot", () => {
    const underA = replay(events, a).state;
    const elsewhere = office({ ...b, timeZone: 'America/New_York' });
    expect(() => elsewhere.replay(later, underA, { policy: 'switch' })).toThrow(PolicyError);
    try {
      elsewhere.replay(later, underA, { policy: 'switch' });
    } catch (error) {
      expect((error as PolicyError).issues).toEqual([{ code: 'policy_mismatch', path: ['timeZone'], message: expect.stringContaining('give the office\'s policy timeZone Asia/Shanghai') }]);
    }
    // The same policy in the state's zone switches, and its snapshot restores.
    const r = office(b).replay(later, underA, { policy: 'switch' });
    expect(fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(r.state)))).ok).toBe(true);
  });

  it('an office of the same policy goes on; so does one whose timeline adds a version after the last event', () => {
    const underA = replay(events, a).state;
    expect(office(a).replay(later, underA).issues).toEqual([]);
    const dated = office({ versions: [{ policy: a }, { from: '2026-11-02', policy: b }] });
    const r = dated.replay(later, underA);
    // The event is decided under B; the periods it closes, which ended before B took effect, under A (no version).
    const [closings, decided] = [r.decisions.filter((d) => d.kind === 'kpi'), r.decisions.filter((d) => d.kind !== 'kpi')];
    expect(decided.length).toBeGreaterThan(0);
    expect(decided.every((d) => d.version === 1)).toBe(true);
    expect(closings.map((d) => [d.kind === 'kpi' && d.period, d.kind === 'kpi' && d.start, d.version])).toEqual([['week', '2026-10-26', undefined]]);
    // A timeline that rewrites the past is refused.
    const rewrites = office({ versions: [{ policy: a }, { from: '2026-10-01', policy: b }] });
    expect(() => rewrites.replay(later, underA)).toThrow(PolicyError);
  });

  it('a snapshot restored and resumed by the office it came from goes on (equal content, not the same object)', () => {
    const o = office({ versions: [{ policy: a }, { from: '2026-11-02', policy: b }] });
    const first = o.replay(events);
    const restored = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(first.state))));
    if (!restored.ok) throw new Error('restore failed');
    expect(o.replay(later, restored.state).decisions).toEqual(o.replay([...events, ...later]).decisions.slice(first.decisions.length));
  });

  // Audit D #1: the version that took effect at the last event's very instant decided it; a switch must keep it.
  const dated: PolicyTimelineInput = {
    versions: [
      { id: 'old', policy: { name: 'old rules', ownership: { validityDays: { visit: 30 } } } },
      { id: 'new', from: '2026-11-10', policy: { name: 'new rules', ownership: { validityDays: { visit: 3 } } } },
    ],
  };
  const third = { name: 'third rules', ownership: { validityDays: { visit: 60 } } } satisfies PolicyInput;
  const atChange = [...team, visit('11-10 00:00', zhang, { receiver: 'S01' })];

  it("OWN-VALIDITY: given a state whose last event fell on a version's from, a switch keeps that version: its decisions stay its own, and a replay under state.timeline gives the state back", () => {
    const built = office(dated).replay(atChange).state;
    const switched = office(third).replay([], built, { policy: 'switch' }).state;
    expect(switched.timeline.versions.map((v) => [v.id, v.policy.name, v.from])).toEqual([
      ['old', 'old rules', null],
      ['new', 'new rules', Date.parse(t('11-10 00:00'))],
      ['v3', 'third rules', Date.parse(t('11-10 00:00')) + 1],
    ]);
    expect(switched.version).toBe(1);
    expect(explain(switched, zhang.phone).lines.at(-1)).toMatch(/\(policy new "new rules"\)$/);
    expect(ownerOf(switched, zhang.phone)?.protectionEndsAt).toBe('2026-11-14T00:00:00+08:00');
    const again = replay(atChange, { versions: switched.timeline.versions.map((v) => ({ id: v.id, from: v.from, policy: v.policy })) });
    expect(toSnapshot(again.state)).toEqual(toSnapshot(switched));
  });

  it('after a switch, an event at the last event\'s very instant is decided under the version that decided the last one; the next millisecond under the new policy', () => {
    const built = office(dated).replay(atChange).state;
    const r = office(third).replay([visit('11-10 00:00', wang, { receiver: 'S02' }), visit('11-10 00:00:01', liu, { receiver: 'S02' })], built, { policy: 'switch' });
    expect(ownerOf(r.state, wang.phone)?.protectionEndsAt).toBe('2026-11-14T00:00:00+08:00');
    expect(ownerOf(r.state, liu.phone)?.protectionEndsAt).toBe('2027-01-10T00:00:00+08:00');
    expect(r.decisions.filter((d) => d.kind === 'ownership').map((d) => d.version)).toEqual([1, 2]);
  });

  it('switching on every event keeps one version for the new policy, and a switched state snapshots and restores', () => {
    const o = office(third);
    let state = office(dated).replay(atChange).state;
    for (const e of [visit('11-11 10:00', wang, { receiver: 'S02' }), visit('11-12 10:00', liu, { receiver: 'S01' })]) {
      const step = o.apply(state, e, { policy: 'switch' });
      expect(step.issues).toEqual([]);
      state = step.state;
    }
    expect(state.timeline.versions.map((v) => v.id)).toEqual(['old', 'new', 'v3']);
    const restored = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(state))));
    expect(restored.ok).toBe(true);
  });

  it('a switch to a policy whose limits exclude the state\'s time is refused: nothing after could be applied', () => {
    const built = office(dated).replay(atChange).state;
    const later2030 = { ...third, limits: { earliest: '2030-01-01T00:00:00+08:00' } };
    expect(() => office(later2030).replay([], built, { policy: 'switch' })).toThrow(/cannot switch: the state's last event \(2026-11-10T00:00:00\+08:00\) is outside/);
  });
});

describe('OWN-FOLLOWUP, OWN-VALIDITY: a protection keeps the terms of the version that granted or last renewed it', () => {
  const dropped: PolicyTimelineInput = {
    versions: [
      { id: 'with follow-ups', policy: { ownership: { validityDays: { visit: 30 }, followUp: { withinDays: 15 } } } },
      { id: 'without', from: '2026-11-10', policy: { ownership: { validityDays: { visit: 30 } } } },
    ],
  };

  it('given a 15-day follow-up rule dropped from 11-10, when a client registered 11-01 is not contacted, then they still lapse on 11-17 under the old deadline', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), staff('S03', {}, '11-20 09:00')], dropped);
    expect(ownerOf(g.state, zhang.phone)).toMatchObject({ owner: null, status: 'none', rules: ['OWN-FOLLOWUP'] });
  });

  it('given the same change, when the owner renews the client under the new version, then its terms apply: no follow-up deadline', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-12 10:00', zhang, { receiver: 'S01' }), staff('S03', {}, '11-30 09:00')], dropped);
    expect(ownerOf(g.state, zhang.phone)).toMatchObject({ owner: 'S01', status: 'protected', protectionEndsAt: '2026-12-13T00:00:00+08:00' });
  });
});

describe("a version's from is a time the office's events could carry, read as strictly as an event's", () => {
  const at = (from: unknown, zone = 'Asia/Shanghai') => validateTimeline({ versions: [{ policy: { timeZone: zone } }, { id: 'v2', from, policy: { timeZone: zone } }] });
  const issue = (from: unknown, zone?: string) => {
    const r = at(from, zone);
    if (r.ok) throw new Error(`accepted ${String(from)}`);
    expect(r.issues.map((i) => i.path.join('.'))).toEqual(['versions.1.from']);
    return r.issues[0]?.message;
  };
  const fromOf = (from: unknown, zone?: string) => {
    const r = at(from, zone);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.timeline.versions[1]?.from;
  };

  it('epoch seconds, typo years and dates past limits.latest are refused, naming the limits; seconds get a hint', () => {
    expect(issue(1791561600)).toBe(
      "1791561600 is outside the times this version's events may carry (2000-01-01T00:00:00Z to 2100-01-01T00:00:00Z, its limits.earliest and limits.latest): most likely a typo; a number is epoch milliseconds, not seconds (1791561600000 is 2026-10-10T00:00:00+08:00)",
    );
    expect(issue(0)).not.toContain('seconds');
    expect(issue(-5)).toContain('outside the times');
    expect(issue('1026-10-10')).toContain('"1026-10-10" is outside the times');
    expect(issue('0050-10-10T09:00')).toContain('outside the times');
    expect(issue('2260-10-10')).toContain('"2260-10-10" is outside the times');
    expect(issue('2100-01-01T00:00:00Z')).toContain('outside the times');
    expect(fromOf(1791561600000)).toBe(1791561600000);
    // The version's own limits: widened, an old date is one its events may carry.
    expect(validateTimeline({ versions: [{ policy: { limits: { earliest: '1995-01-01T00:00:00+08:00' } } }, { from: '1998-01-01', policy: { limits: { earliest: '1995-01-01T00:00:00+08:00' } } }] }).ok).toBe(true);
  });

  it('a date alone is the first instant of that local day, also where clocks skip midnight', () => {
    expect(fromOf('2026-10-10')).toBe(Date.parse('2026-10-10T00:00:00+08:00'));
    expect(fromOf('2026-09-06', 'America/Santiago')).toBe(Date.parse('2026-09-06T01:00:00-03:00'));
    expect(fromOf('2026-03-08', 'America/Havana')).toBe(Date.parse('2026-03-08T01:00:00-04:00'));
  });

  it('a local time the clocks skip is refused as one that does not exist in the zone', () => {
    expect(issue('2026-03-08T02:30', 'America/New_York')).toBe('"2026-03-08T02:30" does not exist in America/New_York (clocks skip 02:00-03:00)');
    expect(issue('2026-09-06T00:30', 'America/Santiago')).toBe('"2026-09-06T00:30" does not exist in America/Santiago (clocks skip 00:00-01:00)');
    expect(fromOf('2026-03-08T03:00', 'America/New_York')).toBe(Date.parse('2026-03-08T03:00:00-04:00'));
  });

  it('an instant with an offset is read like an event time: no rolled-over days, no 24:00, no Date.toString()', () => {
    for (const bad of ['2026-02-30T00:00:00+08:00', '2026-10-10T24:00+08:00', '2026-10-10T24:00:00+08:00', 'Tue Oct 10 2026 00:00:00 GMT+0800', '2026-10-10T00:00:00+0800', '2026-10-10 00:00:00+08:00']) {
      expect(issue(bad)).toBe(`"${bad}" is not a time: use 2026-12-01, 2026-12-01T09:00 (office time) or 2026-12-01T09:00:00+08:00`);
    }
    expect(fromOf('2026-10-10T00:00:00.5+08:00')).toBe(Date.parse('2026-10-10T00:00:00.500+08:00'));
    expect(fromOf('2026-10-09T16:00:00Z')).toBe(Date.parse('2026-10-10T00:00:00+08:00'));
  });
});
