/**
 * consultant-detail (004h 置业顾问客户归属细则): the office's distinctive clauses,
 * replayed under the preset.
 */
import { describe, expect, it } from 'vitest';
import { presetPolicy, type DecisionOf, type Step } from '../../src/index.js';
import { call, deal, find, followUp, given, link, parts, row, staff, status, visit, wang, zhang, liu } from '../support/dsl.js';
import { withFlatRate } from '../support/rates.js';

// The seed names no commission rate: a flat 1.8‰ shows the commission's shares as amounts.
const policy = withFlatRate(presetPolicy('consultant-detail'));
const team = [staff('S01'), staff('S02'), staff('S03'), staff('S04'), staff('M1', { role: 'manager' })];
const reception = (step: Step): DecisionOf<'reception'> => find(step, 'reception');

let n = 13500000100;
const fresh = () => ({ name: `客${n % 1000}`, phone: String(++n) });

describe('consultant-detail (004h)', () => {
  it('004h §6 OWN-CALL ROT-ORDER: given S02 answered zhang\'s call, when zhang visits the next day, then he is received by rotation and belongs to the receiver S01, not to S02', () => {
    const g = given(team, policy);
    const taken = g.when(call('11-01 10:00', zhang, 'S02'));
    expect(find(taken, 'ownership')).toMatchObject({ owner: null, why: 'callNothing', rules: ['OWN-CALL'] });
    const step = g.when(visit('11-02 10:00', zhang));
    expect(reception(step)).toMatchObject({ receiver: 'S01', counted: true });
    expect(reception(step).rules).toContain('ROT-ORDER');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('004h §3 ROT-MISSED-NO-MAKEUP ROT-MAKEUP-COMPANY: given S02 out on personal and S03 on company business when their turns come, when both return, then S03 gets one make-up first and S02 none', () => {
    const g = given([...team, status('11-01 09:00', 'S02', 'personalBusiness'), status('11-01 09:00', 'S03', 'companyBusiness'), visit('11-01 10:00', fresh())], policy);
    const passing = reception(g.when(visit('11-01 11:10', fresh())));
    expect(passing.receiver).toBe('S04');
    expect(passing.skipped).toEqual([
      expect.objectContaining({ staff: 'S02', reason: 'personalBusiness', makeUp: false }),
      expect.objectContaining({ staff: 'S03', reason: 'companyBusiness', makeUp: true }),
    ]);
    g.when(status('11-01 12:00', 'S02', 'onDuty'));
    g.when(status('11-01 12:00', 'S03', 'onDuty'));
    const made = reception(g.when(visit('11-01 12:10', fresh())));
    expect(made).toMatchObject({ receiver: 'S03', makeUp: true });
    expect(made.rules).toContain('ROT-MAKEUP-COMPANY');
    // Once only: then the order goes on, S02 in its own place with nothing owed.
    expect([reception(g.when(visit('11-01 13:20', fresh()))).receiver, reception(g.when(visit('11-01 14:30', fresh()))).receiver]).toEqual(['S01', 'S02']);
  });

  it('004h §4 ROT-ABSENT-OWNER-ASSIST ROT-OLD-CLIENT-NOT-COUNTED: given zhang is S01\'s and S01 is off, when zhang returns naming S01, then the last in the order assists without a turn and S01 keeps him', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), status('11-02 08:00', 'S01', 'off')], policy);
    const d = reception(g.when(visit('11-02 10:00', zhang, { named: 'S01' })));
    expect(d).toMatchObject({ receiver: 'S04', counted: false });
    expect(d.rules).toEqual(expect.arrayContaining(['ROT-ABSENT-OWNER-ASSIST', 'ROT-OLD-CLIENT-NOT-COUNTED']));
    expect(g.ownerOf(zhang.phone)).toBe('S01');
    expect(reception(g.when(visit('11-02 11:10', fresh()))).receiver).toBe('S02');
  });

  it('004h §8 DEAL-ABSENT-OWNER: given zhang is S01\'s and S01 is on leave, when S02 closes zhang, then credit and commission go back to S01', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), status('11-03 08:00', 'S01', 'leave')], policy);
    const step = g.when(deal('11-03 15:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation').rules).toContain('DEAL-ABSENT-OWNER');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 1 1800.00']);
  });

  it('004h §9 OWN-FOLLOWUP: given S01 followed zhang up on Nov 20 and then not for a month, when S02 closes him on Dec 22, then the deal is S02\'s; a follow-up in time keeps him', () => {
    const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), followUp('11-20 10:00', 'S01', zhang)];
    const g = given(base, policy);
    expect(g.ownerOf(zhang.phone, '12-20 10:00')).toBe('S01');
    const step = g.when(deal('12-22 15:00', 'D1', 'S02', zhang));
    expect(find(step, 'ownership', (d) => d.why === 'lapsed').rules).toEqual(['OWN-FOLLOWUP']);
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 1 1000000.00']);
    const kept = given([...base, followUp('12-15 10:00', 'S01', zhang)], policy);
    kept.when(deal('12-22 15:00', 'D1', 'S02', zhang));
    expect(parts(row(kept.state, 'D1').credit)).toEqual(['S01 1 1000000.00']);
  });

  it('004h §9 OWN-FOLLOWUP: given zhang told S01 not to call (客户笔记), when no follow-up comes for months, then zhang stays S01\'s', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), followUp('11-02 10:00', 'S01', zhang, { doNotCall: true })], policy);
    expect(g.ownerOf(zhang.phone, '12-30 10:00')).toBe('S01');
    const plain = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), followUp('11-02 10:00', 'S01', zhang)], policy);
    expect(plain.ownerOf(zhang.phone, '12-30 10:00')).toBeNull();
  });

  it('004h §10 ROT-GROUP-ONE: given zhang comes with a friend and a colleague who each want to buy, when S01 receives them, then it counts one turn and the next visitor is S02\'s', () => {
    const g = given(team, policy);
    const party = [
      { name: '李明', phone: '13711110001', relation: 'friend' as const, need: '别墅' },
      { name: '赵刚', phone: '13711110002', relation: 'colleague' as const, need: '公寓' },
    ];
    const d = reception(g.when(visit('11-01 10:00', { ...zhang, need: '三居' }, { party })));
    expect(d).toMatchObject({ receiver: 'S01', turns: 1 });
    expect(d.rules).toContain('ROT-GROUP-ONE');
    expect(reception(g.when(visit('11-01 10:05', fresh()))).receiver).toBe('S02');
  });

  it('004h §11 COL-CROSS-FAMILY ID-FAMILY: given S01 received zhang and S02 later his wife, viewing for the same home, when they are found to be one family and S02 closes, then everything goes to the first receiver S01', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-02 10:00', wang, { receiver: 'S02' })], policy);
    const step = g.when(link('11-03 10:00', zhang, wang, 'spouse'));
    expect(find(step, 'collision').rules).toEqual(expect.arrayContaining(['COL-CROSS-FAMILY', 'ID-FAMILY']));
    expect(g.ownerOf(wang.phone)).toBe('S01');
    const closed = g.when(deal('11-04 15:00', 'D1', 'S02', wang));
    expect(find(closed, 'allocation').rules).toContain('COL-CROSS-FAMILY');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 1 1800.00']);
  });

  it('004h §11 ID-FAMILY: given a friend viewing for zhang is one client with him, but a relative with a need of their own is a client of the salesperson who received them', () => {
    const g = given([...team, visit('11-01 10:00', { ...zhang, need: '三居' }, { receiver: 'S01' }), visit('11-02 10:00', { ...liu, need: '三居' }, { receiver: 'S02' })], policy);
    g.when(link('11-03 10:00', zhang, liu, 'friend'));
    expect(g.ownerOf(liu.phone)).toBe('S01');
    const own = given([...team, visit('11-01 10:00', { ...zhang, need: '三居' }, { receiver: 'S01' }), visit('11-02 10:00', { ...liu, need: '商铺' }, { receiver: 'S02' })], policy);
    const step = own.when(link('11-03 10:00', zhang, liu, 'relative'));
    expect(find(step, 'identity').why).toBe('otherNeed');
    expect(own.ownerOf(liu.phone)).toBe('S02');
  });
});
