/**
 * The policy fields the presets of 004i, 004j and 004l added, under plain
 * policies: each off by default, each doing one thing when on.
 */
import { describe, expect, it } from 'vitest';
import { call, deal, find, followUp, given, parts, row, staff, status, t, visit, zhang } from '../support/dsl.js';

const team = [staff('S01'), staff('S02'), staff('S03')];

describe('OWN-FOLLOWUP ownership.followUp.effectiveOnly (004j §2.2 有效联系)', () => {
  const renewing = { ownership: { renewOn: ['followUp' as const] } };
  it('OWN-FOLLOWUP OWN-VALIDITY: given followUps renew, by default an unanswered follow-up still renews; with effectiveOnly it keeps nothing', () => {
    const base = [...team, call('11-01 10:00', zhang, 'S01')];
    const plain = given(base, renewing);
    plain.when(followUp('11-06 10:00', 'S01', zhang, { effective: false }));
    expect(plain.ownerOf(zhang.phone, '11-10 10:00')).toBe('S01');
    const strict = given(base, { ownership: { renewOn: ['followUp'], followUp: { effectiveOnly: true } } });
    expect(find(strict.when(followUp('11-06 10:00', 'S01', zhang, { effective: false })), 'followUp').why).toBe('notEffective');
    expect(strict.ownerOf(zhang.phone, '11-10 10:00')).toBeNull();
  });
});

describe('OWN-VALIDITY ownership.renewOn call (004j §2.2)', () => {
  it('OWN-VALIDITY: given renewOn includes call, a call registered to the owner restarts the window; by default it does not', () => {
    const log = [...team, call('11-01 10:00', zhang, 'S01'), call('11-06 10:00', zhang, 'S01')];
    expect(given(log).ownerOf(zhang.phone, '11-10 10:00')).toBeNull();
    expect(given(log, { ownership: { renewOn: ['call'] } }).ownerOf(zhang.phone, '11-10 10:00')).toBe('S01');
  });
});

describe('REG-CUTOFF: a registration after the cutoff starts its window on the next day', () => {
  it('REG-CUTOFF OWN-VALIDITY: given a cutoff at 18:00, a visit at 19:00 is protected one day longer than one at 17:00; without a cutoff both end together', () => {
    const end = (when: string, policy = {}) => find(given(team, policy).when(visit(when, zhang, { receiver: 'S01' })), 'ownership').protectionEndsAt;
    const cutoff = { registration: { cutoff: '18:00' } };
    expect(end('11-01 17:00', cutoff)).toBe(Date.parse(t('11-17 00:00')));
    expect(end('11-01 19:00', cutoff)).toBe(Date.parse(t('11-18 00:00')));
    expect(end('11-01 19:00')).toBe(Date.parse(t('11-17 00:00')));
  });
});

describe('OWN-FOLLOWUP ownership.followUp.agreedNext (004l §4 原定回访时间)', () => {
  it('OWN-FOLLOWUP: given a first callback due the next day, the agreed next callback sets the next deadline; by default nextAt is ignored and nothing more is due', () => {
    const log = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), followUp('11-02 10:00', 'S01', zhang, { nextAt: t('11-05 10:00') })];
    const first = { ownership: { validityDays: { visit: null }, followUp: { firstWithinDays: 1 } } };
    expect(given(log, first).ownerOf(zhang.phone, '11-06 10:00')).toBe('S01');
    const agreed = given(log, { ownership: { validityDays: { visit: null }, followUp: { firstWithinDays: 1, agreedNext: true } } });
    expect(agreed.ownerOf(zhang.phone, '11-05 23:00')).toBe('S01');
    expect(agreed.ownerOf(zhang.phone, '11-06 00:00')).toBeNull();
  });
});

describe('DEAL-ABSENT-OWNER deals.splits.absentOwnerSameDay (004i 若当天成交)', () => {
  it('DEAL-ABSENT-OWNER: given S02 received S01\'s client while S01 was away, a deal two days later is split by default and wholly S01\'s with absentOwnerSameDay', () => {
    const log = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), status('11-02 08:00', 'S01', 'off'), visit('11-02 10:00', zhang, { named: 'S01', receiver: 'S02' }), deal('11-04 15:00', 'D1', 'S02', zhang)];
    expect(parts(row(given(log).state, 'D1').commission)).toEqual(['S01 0.5 900.00', 'S02 0.5 900.00']);
    const same = given(log, { deals: { splits: { absentOwnerSameDay: true } } });
    expect(row(same.state, 'D1').rules).toContain('DEAL-ABSENT-OWNER');
    expect(parts(row(same.state, 'D1').commission)).toEqual(['S01 1 1800.00']);
  });
});
