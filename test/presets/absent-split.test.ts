/**
 * absent-split (004i 售楼处接待制度及客户归属): the office's distinctive clauses,
 * replayed under the preset.
 */
import { describe, expect, it } from 'vitest';
import { presetPolicy, type DecisionOf, type Step } from '../../src/index.js';
import { call, deal, find, given, parts, row, ruling, staff, status, t, visit, wang, zhang, liu } from '../support/dsl.js';
import { withFlatRate } from '../support/rates.js';

// The seed names no commission rate: a flat 1.8‰ shows the commission's shares as amounts.
const policy = withFlatRate(presetPolicy('absent-split'));
const team = [staff('S01'), staff('S02'), staff('S03'), staff('S04'), staff('M1', { role: 'manager' })];
const reception = (step: Step): DecisionOf<'reception'> => find(step, 'reception');

let n = 13500000200;
const fresh = () => ({ name: `客${n % 1000}`, phone: String(++n) });

describe('absent-split (004i)', () => {
  it('004i 电话接听客户的 OWN-CALL ROT-ORDER: given S03 answered zhang\'s call without an appointment, when zhang comes, then he is received by rotation and is S01\'s', () => {
    const g = given([...team, call('11-01 10:00', zhang, 'S03')], policy);
    expect(g.ownerOf(zhang.phone)).toBeNull();
    const d = reception(g.when(visit('11-02 10:00', zhang)));
    expect(d).toMatchObject({ receiver: 'S01', counted: true });
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('004i 若有预约的 ROT-APPOINTMENT: given S03 left the client\'s name, the viewing time and their own name, when zhang comes, then S03 receives him; without their own name left, the rotation does', () => {
    const booked = { staff: 'S03', at: t('11-02 10:00'), nameLeft: true };
    const g = given([...team, call('11-01 10:00', zhang, 'S03')], policy);
    const d = reception(g.when(visit('11-02 10:00', zhang, { appointment: booked })));
    expect(d.receiver).toBe('S03');
    expect(d.rules).toContain('ROT-APPOINTMENT');
    expect(g.ownerOf(zhang.phone)).toBe('S03');
    const vague = given([...team, call('11-01 10:00', zhang, 'S03')], policy);
    const r = reception(vague.when(visit('11-02 10:00', zhang, { appointment: { ...booked, nameLeft: false } })));
    expect(r.receiver).toBe('S01');
    expect(r.rules).toContain('ROT-APPOINTMENT');
    expect(vague.ownerOf(zhang.phone)).toBe('S01');
  });

  it('004i 如A销售员不在场 ROT-ABSENT-OWNER-ASSIST: given zhang is S01\'s and S01 is off, when zhang returns naming S01, then the first in line (S02) receives him without a turn, and S01 keeps him', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), status('11-02 08:00', 'S01', 'off')], policy);
    const d = reception(g.when(visit('11-02 10:00', zhang, { named: 'S01' })));
    expect(d).toMatchObject({ receiver: 'S02', counted: false });
    expect(d.rules).toContain('ROT-ABSENT-OWNER-ASSIST');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('004i 若当天成交 DEAL-ABSENT-OWNER: given S02 received S01\'s client zhang while S01 was off, when S02 closes that day, then credit is S01\'s and the commission is halved', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), status('11-02 08:00', 'S01', 'off'), visit('11-02 10:00', zhang, { named: 'S01' })], policy);
    const step = g.when(deal('11-02 16:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation').why).toBe('absentOwner');
    expect(find(step, 'allocation').rules).toContain('DEAL-ABSENT-OWNER');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 0.5 900.00', 'S02 0.5 900.00']);
  });

  it('004i 若当天无法成交,客户归还A DEAL-ABSENT-OWNER: given S02 received zhang for the absent S01 on Nov 2 and no deal came that day, when S02 closes on Nov 4 with S01 still away, then everything is S01\'s', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), status('11-02 08:00', 'S01', 'off'), visit('11-02 10:00', zhang, { named: 'S01' })], policy);
    const step = g.when(deal('11-04 16:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation')).toMatchObject({ why: 'absentOwnerLater' });
    expect(find(step, 'allocation').rules).toContain('DEAL-ABSENT-OWNER');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 1 1800.00']);
  });

  it('004i 新客户提出找A销售人员而其不在场 OWN-NAMED DEAL-ABSENT-OWNER: given a dealt client\'s friend asks for the absent S01 and S02 receives him, when S02 closes the same day, then S01 and S02 halve the commission', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-01 15:00', 'D0', 'S01', zhang), status('11-03 08:00', 'S01', 'off')], policy);
    const d = reception(g.when(visit('11-03 10:00', wang, { named: 'S01', referredBy: { phone: zhang.phone } })));
    expect(d.receiver).not.toBe('S01');
    expect(g.ownerOf(wang.phone)).toBe('S01');
    g.when(deal('11-03 16:00', 'D1', d.receiver ?? '', wang));
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 0.5 900.00', `${d.receiver} 0.5 900.00`]);
  });

  it('004i 刻意隐瞒真相 OWN-CONCEAL: given a ruling found S02 knowingly hid that zhang was S01\'s, when S02 closes, then the commission goes to S01', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), ruling('11-03 10:00', zhang, { owner: 'S01', finding: 'concealment', concealer: 'S02', by: 'M1' })], policy);
    const step = g.when(deal('11-05 15:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation').rules).toEqual(['OWN-CONCEAL']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 1 1800.00']);
  });

  it('004i 甲带来的客户资源乙应归属销售员A REF-CHAIN: given zhang is S01\'s, when wang referred by zhang and then liu referred by wang ask for S01, then both are S01\'s; a visitor who names no one goes to the rotation', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], policy);
    const first = g.when(visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, named: 'S01' }));
    expect(find(first, 'ownership', (d) => d.owner === 'S01').rules).toContain('REF-CHAIN');
    g.when(visit('11-03 10:00', liu, { referredBy: { phone: wang.phone }, named: 'S01' }));
    expect([g.ownerOf(wang.phone), g.ownerOf(liu.phone)]).toEqual(['S01', 'S01']);
    const chance = fresh();
    const met = g.when(visit('11-04 10:00', chance, { referredBy: { phone: wang.phone } }));
    expect(find(met, 'ownership', (d) => d.owner !== null).owner).toBe(reception(met).receiver);
    expect(find(met, 'ownership', (d) => d.owner !== null).rules).toContain('REF-UNNAMED');
  });
});
