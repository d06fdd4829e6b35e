/**
 * The periods family under a policy timeline: a period is judged under the
 * version in force at its end, not under the version of the event that
 * happens to close it (a policy taking effect on the 1st does not judge the
 * last day of the month before).
 */
import { describe, expect, it } from 'vitest';
import { commissionLedger, finesLedger, presetPolicy, scorecard, type Decision, type DecisionOf, type Event, type PolicyTimelineInput, type Step } from '../../src/index.js';
import { claim, deal, given, liu, outbound, staff, t, violation, visit, wang, zhang } from '../support/dsl.js';

const kpis = (step: Step) => step.decisions.filter((d): d is DecisionOf<'kpi'> => d.kind === 'kpi' && d.measure === 'dailyCalls');
const fines = (step: Step) => step.decisions.filter((d: Decision) => d.kind === 'penalty');
const team = [staff('S1'), staff('T1', { role: 'telemarketer' })];

describe('KPI-CALLS (001 §二.1) across policy versions: a day is judged under the version in force at its end', () => {
  it('given a call quota that takes effect on 12-01, when the first event of 12-01 closes 11-30, then 11-30 is not judged nor fined', () => {
    const timeline: PolicyTimelineInput = { versions: [{ id: 'before', policy: {} }, { id: 'quota', from: '2026-12-01', policy: presetPolicy('call-center') }] };
    const g = given([...team, outbound('11-30 10:00', 'T1', 'D', { count: 3 })], timeline);
    const closing = g.when(visit('12-01 09:00', zhang));
    expect(kpis(closing)).toEqual([]);
    expect(fines(closing)).toEqual([]);
    expect(finesLedger(g.state, { staff: 'T1' })).toEqual([]);
    // 12-01 itself is judged under the quota, stamped with its version.
    const next = g.when(visit('12-02 09:00', zhang));
    expect(kpis(next).map((d) => [d.staff, d.start, d.value, d.met, d.version])).toEqual([['T1', '2026-12-01', 0, false, 1]]);
  });

  it('given a call quota that ends on 12-01, when the first event of 12-01 closes 11-30, then 11-30 is judged and fined under the quota (version 0)', () => {
    const timeline: PolicyTimelineInput = { versions: [{ id: 'quota', policy: presetPolicy('call-center') }, { id: 'after', from: '2026-12-01', policy: {} }] };
    const g = given([...team, outbound('11-30 10:00', 'T1', 'D', { count: 3 })], timeline);
    const closing = g.when(visit('12-01 09:00', zhang));
    expect(kpis(closing).map((d) => [d.staff, d.start, d.value, d.met, d.version])).toEqual([['T1', '2026-11-30', 3, false, undefined]]);
    expect(fines(closing)).toHaveLength(1);
    expect(fines(closing)[0]).not.toHaveProperty('version');
    expect(finesLedger(g.state, { staff: 'T1' }).length).toBe(1);
    // 12-01 under the version without a quota: nothing.
    expect(kpis(g.when(visit('12-02 09:00', zhang)))).toEqual([]);
  });
});

describe('a policy version that regroups weeks or quarters (periods.calendar)', () => {
  const later = (e: Event, at: string): Event => ({ ...e, at });

  it('given quarters from December, then from January from 2027-01-01, the quarter open at the change is closed and shown under the new grouping (Oct-Dec), its counts kept', () => {
    const timeline: PolicyTimelineInput = {
      versions: [{ policy: { periods: { calendar: { quarterStartMonth: 12 } } } }, { from: '2027-01-01', policy: { periods: { calendar: { quarterStartMonth: 1 } } } }],
    };
    const g = given([staff('S1'), staff('S2'), visit('12-10 10:00', zhang, { receiver: 'S1' }), visit('12-31 10:00', wang, { receiver: 'S2' })], timeline);
    g.when(later(visit('12-31 11:00', liu, { receiver: 'S1' }), '2027-01-02T10:00:00+08:00'));
    const december = scorecard(g.state, { period: 'quarter', at: '2026-12-20T12:00:00+08:00' });
    expect(december.map((r) => [r.staff, r.start, r.receptions, r.closed])).toEqual([
      ['S1', '2026-10-01', 1, true],
      ['S2', '2026-10-01', 1, true],
    ]);
    expect(scorecard(g.state, { period: 'quarter', at: '2027-01-02T12:00:00+08:00' }).map((r) => [r.staff, r.start, r.receptions, r.closed])).toEqual([
      ['S1', '2027-01-01', 1, false],
      ['S2', '2027-01-01', 0, false],
    ]);
  });

  const days = ['11-30', '12-01', '12-02', '12-03', '12-04', '12-05', '12-06', '12-07', '12-08'];
  const daily = days.map((d, i) => visit(`${d} 10:00`, [zhang, wang, liu][i % 3] as typeof zhang, { receiver: 'S1' }));
  const penalties = { halfTurns: { when: 'noDeal' } } as const;

  it('given weeks from Sunday, then from Monday from Monday 12-07, the Sunday counted in the old week joins the new grouping\'s week of 11-30: nothing counted is lost', () => {
    const timeline: PolicyTimelineInput = { versions: [{ policy: { periods: { calendar: { weekStartsOn: 0 }, penalties } } }, { from: '2026-12-07', policy: { periods: { calendar: { weekStartsOn: 1 }, penalties } } }] };
    const g = given([staff('S1'), ...daily], timeline);
    // 11-30 to 12-06, Monday to Sunday: the old week of 11-29 (six days) and the Sunday of the old week of 12-06.
    expect(scorecard(g.state, { period: 'week', at: t('12-02 12:00') }).map((r) => [r.start, r.receptions, r.closed])).toEqual([['2026-11-30', 7, true]]);
    expect(scorecard(g.state, { period: 'week', at: t('12-08 12:00') }).map((r) => [r.start, r.receptions, r.closed])).toEqual([['2026-12-07', 2, false]]);
  });

  it('given weeks from Monday, then from Sunday from Sunday 12-06, each week is whole in the grouping of its end', () => {
    const timeline: PolicyTimelineInput = { versions: [{ policy: { periods: { penalties } } }, { from: '2026-12-06', policy: { periods: { calendar: { weekStartsOn: 0 }, penalties } } }] };
    const g = given([staff('S1'), ...daily], timeline);
    expect(scorecard(g.state, { period: 'week', at: t('12-02 12:00') }).map((r) => [r.start, r.receptions, r.closed])).toEqual([['2026-11-29', 6, true]]);
    expect(scorecard(g.state, { period: 'week', at: t('12-08 12:00') }).map((r) => [r.start, r.receptions, r.closed])).toEqual([['2026-12-06', 3, false]]);
  });
});

describe('CLM-QUOTA (002 §1.5) across policy versions: claims made before a quota takes effect count against it', () => {
  it('given 2 active claims made without a quota, when a quota of 2 takes effect and the salesperson claims again, then the claim is refused (active 2), as under one policy', () => {
    const quota = { limit: 2, targetMet: 3, noSigning: 2 };
    const timeline: PolicyTimelineInput = { versions: [{ policy: {} }, { from: '2026-11-10', policy: { periods: { quota } } }] };
    const c = (i: number) => ({ name: `客户${i}`, phone: `1390000${String(i).padStart(4, '0')}` });
    const g = given([staff('S1'), claim('11-02 10:00', 'S1', c(1)), claim('11-03 10:00', 'S1', c(2))], timeline);
    const step = g.when(claim('11-11 10:00', 'S1', c(3)));
    expect(step.decisions.find((d) => d.kind === 'claim')).toMatchObject({ outcome: 'refused', why: 'overQuota', args: { limit: 2, active: 2 } });
    expect(g.ownerOf(c(3).phone)).toBeNull();
  });
});

describe('PEN-FINES (003 篇十 4) across policy versions: a fine waiting for the month\'s bonus keeps the share of the version it was recorded under', () => {
  it('given a 50% bonus share when the violation is recorded, and 10% from 11-20, when November closes, then the fine is 50% of the bonus', () => {
    const flat = { neither: '2', one: '2', both: '2', above: '2' };
    const policy = (share: string) => ({ deals: { commission: { rates: flat } }, periods: { fines: { schedule: { grab: { monthBonus: share, cancelsClaim: false } } } } });
    const timeline: PolicyTimelineInput = { versions: [{ policy: policy('0.5') }, { from: '2026-11-20', policy: policy('0.1') }] };
    const g = given([staff('S1'), visit('11-01 10:00', zhang, { receiver: 'S1' }), deal('11-05 10:00', 'D1', 'S1', zhang, 'contract', { amount: '1000000' }), violation('11-10 10:00', 'S1', 'grab')], timeline);
    // November's commission: 1,000,000 at 2‰ = 2000.
    const bonus = Number(commissionLedger(g.state, { staff: 'S1' }).find((m) => m.month === '2026-11')?.commission);
    expect(bonus).toBe(2000);
    g.when(visit('12-02 10:00', wang));
    expect(finesLedger(g.state, { staff: 'S1' }).map((f) => [f.amount, f.violation])).toEqual([[(bonus * 0.5).toFixed(2), 'grab']]);
  });
});
