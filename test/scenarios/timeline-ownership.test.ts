/**
 * Ownership under a policy timeline: a protection keeps the terms of the
 * version that granted it, even when the instant its window ends is only
 * fixed later, under another version; a follow-up deadline keeps the
 * do-not-call exemption of the version it was set under.
 */
import { describe, expect, it } from 'vitest';
import type { PolicyInput, PolicyTimelineInput } from '../../src/index.js';
import { claim, find, followUp, given, staff, subscription, visit, zhang } from '../support/dsl.js';

const team = [staff('S01'), staff('S02')];
const prelaunch = (days: number | null): PolicyInput => ({ ownership: { preLaunchDays: days, validityDays: { claim: 10 } } });
// S01 claims 张伟 on 11-02, in the pre-launch period opened on 11-01: no time limit while the start is to be fixed.
const claimed = [...team, subscription('11-01 09:00'), claim('11-02 10:00', 'S01', zhang)];
const announce = subscription('11-20 09:00', '11-25 00:00');

/** The window end the announcement sets for 张伟 under one policy throughout. */
function endUnder(policy: PolicyInput): number | null {
  const g = given(claimed, policy);
  return find(g.when(announce), 'ownership').protectionEndsAt;
}

describe('OWN-VALIDITY (pre-launch, 002 §6.3) across policy versions: a pre-launch claim keeps the preLaunchDays of the version it was made under', () => {
  it.each([
    ['no pre-launch period', null],
    ['3 days after the start', 3],
  ] as const)('given 10 days after the start until 11-15 and %s from then, when the start is announced on 11-20, then the claim of 11-02 is valid until 10 days after the start', (_label, later) => {
    const timeline: PolicyTimelineInput = { versions: [{ id: 'ten days', policy: prelaunch(10) }, { id: 'later', from: '2026-11-15', policy: prelaunch(later) }] };
    const g = given(claimed, timeline);
    const step = g.when(announce);
    const want = endUnder(prelaunch(10));
    expect(want).toBe(Date.parse('2026-12-06T00:00:00+08:00'));
    expect(find(step, 'ownership')).toMatchObject({ owner: 'S01', protectionEndsAt: want, args: { days: 10 } });
    expect(g.ownerOf(zhang.phone, '12-05 23:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '12-06 00:00')).toBeNull();
  });
});

describe('OWN-FOLLOWUP (004h §9) across policy versions: the do-not-call exemption is judged when the follow-up deadline is set, under the version in force then', () => {
  // A 5-day follow-up rule and no window, so only the follow-up clock can end S01's protection.
  const rules = (doNotCallExempt: boolean): PolicyInput => ({ ownership: { validityDays: { visit: null }, followUp: { withinDays: 5, doNotCallExempt } } });
  const timeline = (before: boolean, from10th: boolean): PolicyTimelineInput => ({ versions: [{ id: 'until the 10th', policy: rules(before) }, { id: 'from the 10th', from: '2026-11-10', policy: rules(from10th) }] });
  // S01 receives 张伟 on 11-01; on 11-02 张伟 asks not to be called: the follow-up deadline set then is 11-08 00:00.
  const asked = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), followUp('11-02 10:00', 'S01', zhang, { doNotCall: true })];

  it('given the exemption until the 10th and none from then, when S02 receives 张伟 on 11-12, then 张伟 is still S01\'s: the deadline of 11-02 was waived, and no lapse is dated 11-08', () => {
    const g = given(asked, timeline(true, false));
    expect(g.ownerOf(zhang.phone, '11-12 09:00')).toBe('S01');
    const step = g.when(visit('11-12 10:00', zhang, { receiver: 'S02' }));
    expect(step.decisions.filter((d) => d.kind === 'ownership' && d.owner === null)).toEqual([]);
    expect(g.ownerOf(zhang.phone)).toBe('S01');
    // The revisit renews the follow-up clock under the version of the 10th, which waives nothing: 5 days after 11-12.
    expect(g.ownerOf(zhang.phone, '11-17 23:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '11-18 00:00')).toBeNull();
  });

  it('given no exemption until the 10th and the exemption from then, when S02 receives 张伟 on 11-12, then the protection lapsed on 11-08 and stays lapsed: 张伟 is S02\'s', () => {
    const g = given(asked, timeline(false, true));
    expect(g.ownerOf(zhang.phone, '11-08 00:00')).toBeNull();
    expect(g.ownerOf(zhang.phone, '11-12 09:00')).toBeNull();
    const step = g.when(visit('11-12 10:00', zhang, { receiver: 'S02' }));
    expect(find(step, 'ownership', (d) => d.owner === null)).toMatchObject({ rules: ['OWN-FOLLOWUP'], args: { owner: 'S01', end: Date.parse('2026-11-08T00:00:00+08:00'), byFollowUp: true } });
    expect(g.ownerOf(zhang.phone)).toBe('S02');
    // S02's deadline is set under the version of the 10th: 张伟 asked not to be called, so none is due.
    expect(g.ownerOf(zhang.phone, '12-31 00:00')).toBe('S02');
  });

  it('given no exemption until the 10th and the exemption from then, when 张伟 asks S01 not to be called on 11-11 in a call that did not reach them, then the deadline set on 11-06 is waived from then', () => {
    const effective = (doNotCallExempt: boolean): PolicyInput => ({ ownership: { validityDays: { visit: null }, followUp: { withinDays: 5, doNotCallExempt, effectiveOnly: true } } });
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), followUp('11-06 10:00', 'S01', zhang)], { versions: [{ id: 'until the 10th', policy: effective(false) }, { id: 'from the 10th', from: '2026-11-10', policy: effective(true) }] });
    // The unanswered call renews nothing; it records the request, judged under the version of the 10th.
    const step = g.when(followUp('11-11 10:00', 'S01', zhang, { doNotCall: true, effective: false }));
    expect(find(step, 'followUp')).toMatchObject({ why: 'notEffective', args: { until: null } });
    expect(g.ownerOf(zhang.phone, '12-31 00:00')).toBe('S01');
  });

  it('given a waived deadline, when 张伟 withdraws the request on 11-06 in a call that did not reach them, then the follow-up clock runs from 11-06, not from the waived deadline of 11-02', () => {
    const g = given(asked, { ownership: { validityDays: { visit: null }, followUp: { withinDays: 5, effectiveOnly: true } } });
    const step = g.when(followUp('11-06 10:00', 'S01', zhang, { doNotCall: false, effective: false }));
    expect(find(step, 'followUp')).toMatchObject({ why: 'notEffective', args: { until: Date.parse('2026-11-12T00:00:00+08:00') } });
    expect(g.ownerOf(zhang.phone, '11-11 23:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '11-12 00:00')).toBeNull();
  });
});
