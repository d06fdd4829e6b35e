/**
 * Two ownership parameters of issue 11: whether the book owns at all
 * (ownership.bookProtects, 002) and who bears an undealt old client who
 * names nobody (ownership.unnamedOldClient, 000 §8). Both default to the
 * old behaviour.
 */
import { describe, expect, it } from 'vitest';
import { describeReason, type PolicyInput } from '../../src/index.js';
import { call, claim, deal, find, given, staff, status, visit, zhang } from '../support/dsl.js';

const team = [staff('S01'), staff('S02'), staff('S03')];
const quick = (ownership: NonNullable<PolicyInput['ownership']>): PolicyInput => ({ rotation: { receptionMinutes: 0 }, ownership });

describe('OWN-FIRST, CLM-REQUIRES-REGISTRATION: ownership.bookProtects', () => {
  it('OWN-FIRST (default): given the book protects, when S01 receives a visitor, then S01 owns them', () => {
    const g = given(team, quick({}));
    g.when(visit('11-01 10:00', zhang));
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('CLM-REQUIRES-REGISTRATION (002 §1.3, §1.7): given bookProtects false, then a visit and a call own nobody, and the claim on the day\'s entry does', () => {
    const g = given(team, quick({ bookProtects: false }));
    const step = g.when(visit('11-01 10:00', zhang));
    expect(find(step, 'ownership')).toMatchObject({ owner: null, why: 'bookOnly' });
    expect(find(step, 'ownership').rules).toEqual(['CLM-REQUIRES-REGISTRATION', 'REG-FIRST']);
    expect(describeReason(g.state, find(step, 'ownership'))).toContain('only a claim gives ownership');
    g.when(call('11-01 11:00', zhang, 'S02'));
    expect(g.ownerOf(zhang.phone)).toBeNull();
    g.when(claim('11-01 12:00', 'S01', zhang));
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });
});

describe('OWN-FIRST-QUESTION: ownership.unnamedOldClient', () => {
  const log = [...team, visit('11-01 10:00', zhang)];

  it('OWN-FIRST (default owner): given S01s old client comes back naming nobody, then S01 receives and keeps them', () => {
    const g = given(log, quick({}));
    expect(find(g.when(visit('11-05 10:00', zhang)), 'reception').receiver).toBe('S01');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('OWN-FIRST-QUESTION (000 §8): given receiver, then the rotation receives them as new and owns them, even with the original present; a named or a dealt client stays', () => {
    const g = given(log, quick({ unnamedOldClient: 'receiver' }));
    const step = g.when(visit('11-05 10:00', zhang));
    expect(find(step, 'reception')).toMatchObject({ receiver: 'S02', counted: true });
    expect(find(step, 'ownership')).toMatchObject({ owner: 'S02', why: 'unnamedOldClient' });
    expect(describeReason(g.state, find(step, 'ownership'))).toContain('named nobody');
    g.when(visit('11-06 10:00', zhang, { named: 'S02' }));
    expect(g.ownerOf(zhang.phone)).toBe('S02');
    const dealt = given([...log, deal('11-02 10:00', 'D1', 'S01', zhang), status('11-05 08:00', 'S01', 'off')], quick({ unnamedOldClient: 'receiver' }));
    dealt.when(visit('11-05 10:00', zhang));
    expect(dealt.ownerOf(zhang.phone)).toBe('S01');
  });
});
