/**
 * resource-chain (004g 售楼部客户资源的归属规定 with 房地产-客户归属界定):
 * the office's distinctive clauses, replayed under the preset.
 */
import { describe, expect, it } from 'vitest';
import { presetPolicy, presets, type DealRow } from '../../src/index.js';
import { assign, call, deal, duty, find, given, row, staff, status, visit, wang, zhang, liu, chen } from '../support/dsl.js';

const policy = presetPolicy('resource-chain');
const team = [staff('S01'), staff('S02'), staff('S03'), staff('S04'), staff('M1', { role: 'manager' })];
const shares = (list: DealRow['credit'] | null) => (list ?? []).map((s) => `${s.staff} ${s.share}`).sort();
const old = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' })];

describe('resource-chain (004g)', () => {
  it('004g §1 OWN-FIRST (包括电话客户): given S02 took zhang’s call first, when zhang visits, then he is S02s and S02 receives him', () => {
    const g = given([...team, call('11-01 10:00', zhang, 'S02')], policy);
    expect(g.ownerOf(zhang.phone)).toBe('S02');
    expect(find(g.when(visit('11-03 10:00', zhang)), 'reception').receiver).toBe('S02');
  });

  it('004g 一(三) OWN-VALIDITY: given a three-month hold from an August 1 visit, then zhang is S01s through November 1 (90 days would end with October 30) and a new client after', () => {
    const g = given([staff('S01', {}, '07-01 08:00'), staff('S02', {}, '07-01 08:00'), visit('08-01 10:00', zhang, { receiver: 'S01' })], policy);
    expect(g.ownerOf(zhang.phone, '11-01 23:59')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '11-02 00:00')).toBeNull();
    g.when(visit('11-05 10:00', zhang, { receiver: 'S02' }));
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });


  it('004g §1 DEAL-ABSENT-OWNER: given S01 is away at zhang’s second visit, when S02 helps and closes, then the deal does not count for S02 (不计入业绩)', () => {
    const g = given([...old, status('11-05 08:00', 'S01', 'off'), visit('11-05 10:00', zhang)], policy);
    const a = find(g.when(deal('11-05 15:00', 'D1', 'S02', zhang)), 'allocation');
    expect(a.rules).toContain('DEAL-ABSENT-OWNER');
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S01 1']);
    expect(shares(row(g.state, 'D1').commission)).toEqual(['S01 1']);
  });

  it('004g §2.1 REF-CHAIN REF-UNNAMED: given zhang is S01s, when wang comes on his referral asking for S01 and then brings liu asking for S01, then both are S01s; chen, who met zhang by chance and names nobody, is the receiver’s', () => {
    const g = given(old, policy);
    g.when(visit('11-03 10:00', wang, { referredBy: { phone: zhang.phone }, named: 'S01' }));
    g.when(visit('11-04 10:00', liu, { referredBy: { phone: wang.phone }, named: 'S01' }));
    expect(g.ownerOf(wang.phone)).toBe('S01');
    expect(g.ownerOf(liu.phone)).toBe('S01');
    expect(g.rulesOf(liu.phone)).toContain('REF-CHAIN');
    const step = g.when(visit('11-05 10:00', chen, { referredBy: { phone: zhang.phone }, receiver: 'S03' }));
    expect(find(step, 'ownership').rules).toContain('REF-UNNAMED');
    expect(g.ownerOf(chen.phone)).toBe('S03');
  });

  it('004g §2.2 OWN-RELATIVE: given wang is a relative of S02, when S02 receives him first, then he is S02s; when S01 received him first, S02 cannot have him', () => {
    const mine = given(team, policy);
    const step = mine.when(visit('11-02 10:00', wang, { relativeOf: 'S02', receiver: 'S02' }));
    expect(find(step, 'ownership').rules).toContain('OWN-RELATIVE');
    expect(mine.ownerOf(wang.phone)).toBe('S02');
    const late = given([...team, visit('11-01 10:00', wang, { receiver: 'S01' })], policy);
    late.when(visit('11-02 10:00', wang, { relativeOf: 'S02' }));
    expect(late.ownerOf(wang.phone)).toBe('S01');
  });

  it('004g §3 OWN-DEPARTED OWN-MANAGER: given S01 leaves, then the deposited zhang goes to the sales department and the undeposited wang is a new client the manager assigns', () => {
    const g = given([...old, visit('11-01 11:00', wang, { receiver: 'S01' }), deal('11-02 10:00', 'D1', 'S01', zhang, 'smallDeposit')], policy);
    const step = g.when(status('11-03 09:00', 'S01', 'left'));
    expect(step.decisions.some((d) => d.rules.includes('OWN-DEPARTED'))).toBe(true);
    expect(g.statusOf(zhang.phone)).toBe('pool');
    expect(g.statusOf(wang.phone)).toBe('none');
    g.when(assign('11-03 10:00', wang, 'S03', { by: 'M1' }));
    expect(g.ownerOf(wang.phone)).toBe('S03');
  });

  it('004g §4 REG-FIELDS REG-FIRST: given zhang’s visit was entered without his name, when he comes back, then he is not S01s but a new client', () => {
    const g = given([...team, visit('11-01 10:00', { phone: zhang.phone }, { receiver: 'S01' })], policy);
    expect(g.ownerOf(zhang.phone)).toBeNull();
    g.when(visit('11-03 10:00', zhang, { receiver: 'S02' }));
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('004g §6 ROT-DUTY: given S03 is on lunch duty 12:00-13:30, when a new visitor comes at 12:30, then S03 receives without a turn and owns the client', () => {
    const g = given([...team, duty('11-01 08:30', ['S03'], [{ from: '12:00', to: '13:30' }])], policy);
    const d = find(g.when(visit('11-01 12:30', wang)), 'reception');
    expect(d).toMatchObject({ receiver: 'S03', counted: false });
    expect(d.rules).toContain('ROT-DUTY');
    expect(g.ownerOf(wang.phone)).toBe('S03');
  });

  it('004g §6 ROT-DUTY (客户归属界定 (二)6): the preset cites the lunch-duty clause for rotation.duty.windows, whose hours come with the day\'s assignDuty', () => {
    const field = presets['resource-chain'].fields['rotation.duty.windows'];
    expect(field?.value).toEqual([]);
    expect(field?.seed).toMatch(/^004g §6 \(客户归属界定 \(二\)6\): 售楼处午餐时间由销售人员轮流值班.*the day's assignDuty carries them$/);
  });
});
