/**
 * Ownership under a policy timeline: a protection keeps the terms of the
 * version that granted it, even when the instant its window ends is only
 * fixed later, under another version.
 */
import { describe, expect, it } from 'vitest';
import type { PolicyInput, PolicyTimelineInput } from '../../src/index.js';
import { claim, find, given, staff, subscription, zhang } from '../support/dsl.js';

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
