/**
 * What a later version does not reopen: a match already made stays, and an
 * event about something from before the change (a dispute about an earlier
 * collision, a lookup of a client matched earlier) is decided under the
 * version in force at its own time, as the policy guide says.
 */
import { describe, expect, it } from 'vitest';
import type { PolicyTimelineInput } from '../../src/index.js';
import { claim, dispute, find, given, staff, visit, zhang } from '../support/dsl.js';

const team = [staff('S01'), staff('S02')];
const masked = { name: '张伟', phone: '138****5678' };

describe('ID-PHONE, ID-MATCH across policy versions: a match made under one version stays; later events are looked up under their own', () => {
  const timeline: PolicyTimelineInput = {
    versions: [
      { id: 'masked match', policy: { identity: { maskedPhones: 'sufficient' } } },
      { id: 'full phones only', from: '2026-12-01', policy: { identity: { maskedPhones: 'never' } } },
    ],
  };

  it('given a masked phone matched 张伟 on 11-05 and masked phones match nothing from 12-01, when the masked phone visits on 12-03, then 11-05 stays one client with S01 and 12-03 is a new visitor', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], timeline);
    const matched = g.when(visit('11-05 10:00', masked, { receiver: 'S02' }));
    const client = find(matched, 'identity').client;
    expect(find(matched, 'identity').why).toBe('matched');
    const later = g.when(visit('12-03 10:00', masked, { receiver: 'S02' }));
    expect(find(later, 'identity')).toMatchObject({ why: 'new', version: 1 });
    expect(find(later, 'identity').client).not.toBe(client);
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });
});

describe('DSP-PROCESS across policy versions: a dispute is decided under the version in force when it is raised', () => {
  const collided = [...team, claim('11-01 09:30', 'S01', zhang), claim('11-02 09:30', 'S02', zhang)];

  it('given disputes must be raised the day of the collision until 11-03 and any time from then, when S02 raises the 11-02 collision on 11-04, then it is raised (decided under the later version)', () => {
    const timeline: PolicyTimelineInput = { versions: [{ id: 'same day', policy: { disputes: { raiseSameDay: true } } }, { id: 'any time', from: '2026-11-03', policy: { disputes: { raiseSameDay: false } } }] };
    const step = given(collided, timeline).when(dispute('11-04 10:00', 'S02', zhang));
    expect(find(step, 'dispute')).toMatchObject({ step: 'raised', version: 1 });
  });

  it('given disputes may be raised any time until 11-03 and only the same day from then, when S02 raises the 11-02 collision on 11-04, then it is refused as late', () => {
    const timeline: PolicyTimelineInput = { versions: [{ id: 'any time', policy: { disputes: { raiseSameDay: false } } }, { id: 'same day', from: '2026-11-03', policy: { disputes: { raiseSameDay: true } } }] };
    const step = given(collided, timeline).when(dispute('11-04 10:00', 'S02', zhang));
    expect(find(step, 'dispute')).toMatchObject({ step: 'refused', why: 'lateDispute', version: 1 });
  });
});
