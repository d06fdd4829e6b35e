/**
 * The periods family under a policy timeline: a period is judged under the
 * version in force at its end, not under the version of the event that
 * happens to close it (a policy taking effect on the 1st does not judge the
 * last day of the month before).
 */
import { describe, expect, it } from 'vitest';
import { finesLedger, presetPolicy, type Decision, type DecisionOf, type PolicyTimelineInput, type Step } from '../../src/index.js';
import { given, outbound, staff, visit, zhang } from '../support/dsl.js';

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
