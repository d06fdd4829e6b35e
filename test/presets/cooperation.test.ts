/**
 * cooperation (004b 房地产客户介定归属制度): the office's distinctive clauses,
 * replayed under the preset.
 */
import { describe, expect, it } from 'vitest';
import { presetPolicy, type DealRow } from '../../src/index.js';
import { deal, find, given, link, marketingEvent, recognize, recognizeBy, row, staff, status, visit, wang, zhang, liu } from '../support/dsl.js';

const policy = presetPolicy('cooperation');
const team = [staff('S01'), staff('S02'), staff('S03'), staff('S04')];
const shares = (list: DealRow['credit'] | null) => (list ?? []).map((s) => `${s.staff} ${s.share}`);
const old = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' })];

describe('cooperation (004b)', () => {
  it('004b §1.2 OWN-RECOGNIZE OWN-FIRST-QUESTION: given S01 is present, when zhang says he has not been here and S02 receives him after asking, then S01 did not recognize him: S02 owns him and the deal is all S02s', () => {
    const g = given(old, policy);
    const step = g.when(visit('11-05 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true }));
    expect(find(step, 'collision')).toMatchObject({ owner: 'S01', challenger: 'S02', outcome: 'challengerWins' });
    expect(find(step, 'ownership', (d) => d.owner === 'S02').rules).toEqual(expect.arrayContaining(['OWN-RECOGNIZE', 'OWN-FIRST-QUESTION']));
    g.when(deal('11-05 15:00', 'D1', 'S02', zhang));
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S02 1']);
    expect(shares(row(g.state, 'D1').commission)).toEqual(['S02 1']);
  });

  it('004b §1.6 OWN-RECOGNIZE: given S01 is present, when zhang says he came before but does not want S01 and S01 does not recognize him, then he is S02s', () => {
    const g = given(old, policy);
    g.when(visit('11-06 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true }));
    expect(g.ownerOf(zhang.phone)).toBe('S02');
    expect(g.rulesOf(zhang.phone)).toContain('OWN-RECOGNIZE');
  });

  it('004b §1.3 DEAL-ABSENT-OWNER DEAL-COOPERATION: given S01 is off, when zhang says he has not been here and S02 closes him, then it is a cooperative reception: credit and commission 5:5', () => {
    const g = given([...old, status('11-05 08:00', 'S01', 'off')], policy);
    g.when(visit('11-05 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true }));
    expect(g.ownerOf(zhang.phone)).toBe('S01');
    const a = find(g.when(deal('11-05 15:00', 'D1', 'S02', zhang)), 'allocation');
    expect(a.rules).toEqual(expect.arrayContaining(['DEAL-ABSENT-OWNER', 'DEAL-COOPERATION']));
    expect(a.why).toBe('absentUnannounced');
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S01 0.5', 'S02 0.5']);
    expect(shares(row(g.state, 'D1').commission)).toEqual(['S01 0.5', 'S02 0.5']);
  });

  it('004b §1.4 DEAL-ABSENT-OWNER: given S01 is off, when zhang confirms S01 as his consultant and S04 helps and closes, then everything goes to S01 (代理帮忙接待), not 5:5', () => {
    const g = given([...old, status('11-05 08:00', 'S01', 'off')], policy);
    g.when(visit('11-05 10:00', zhang, { named: 'S01' }));
    const a = find(g.when(deal('11-05 15:00', 'D1', 'S04', zhang)), 'allocation');
    expect(a.rules).toContain('DEAL-ABSENT-OWNER');
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S01 1']);
    expect(shares(row(g.state, 'D1').commission)).toEqual(['S01 1']);
  });

  it('004b §1.5 COL-CROSS-FAMILY ID-FAMILY: given S01 received the husband and S02 the wife without knowing, when the wife buys with S02, then credit and commission 5:5; a sister is her own household', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-02 10:00', wang, { receiver: 'S02' }), link('11-03 10:00', zhang, wang, 'spouse')], policy);
    const a = find(g.when(deal('11-04 10:00', 'D1', 'S02', wang)), 'allocation');
    expect(a.rules).toContain('COL-CROSS-FAMILY');
    expect(shares(row(g.state, 'D1').credit).sort()).toEqual(['S01 0.5', 'S02 0.5']);
    expect(shares(row(g.state, 'D1').commission).sort()).toEqual(['S01 0.5', 'S02 0.5']);
    const sisters = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-02 10:00', liu, { receiver: 'S02' }), link('11-03 10:00', zhang, liu, 'sibling')], policy);
    sisters.when(deal('11-04 10:00', 'D2', 'S02', liu));
    expect(shares(row(sisters.state, 'D2').credit)).toEqual(['S02 1']);
  });

  it('004b §2.1 DEAL-COOPERATION: given a client who could not say who called him, when S01 objects with the call record and S02 closes, then credit and commission 5:5', () => {
    const g = given([...team, visit('11-02 10:00', wang, { receiver: 'S02' })], policy);
    const a = find(g.when(deal('11-02 16:00', 'D1', 'S02', wang, 'subscription', { invitedBy: 'S01' })), 'allocation');
    expect(a.rules).toContain('DEAL-COOPERATION');
    expect(shares(row(g.state, 'D1').credit).sort()).toEqual(['S01 0.5', 'S02 0.5']);
    expect(shares(row(g.state, 'D1').commission).sort()).toEqual(['S01 0.5', 'S02 0.5']);
  });

  it('004b §2.2 OWN-PHONE-INVITE DEAL-ABSENT-OWNER: given the caller S03 is off, when wang names S03 as the one who invited him and S01 closes, then it is S03s client and S03s deal', () => {
    const g = given([...team, status('11-02 08:00', 'S03', 'off')], policy);
    const step = g.when(visit('11-02 10:00', wang, { invitedBy: 'S03' }));
    expect(find(step, 'ownership').rules).toContain('OWN-PHONE-INVITE');
    expect(g.ownerOf(wang.phone)).toBe('S03');
    const closer = find(step, 'reception').receiver;
    g.when(deal('11-02 15:00', 'D1', closer ?? 'S01', wang));
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S03 1']);
    expect(shares(row(g.state, 'D1').commission)).toEqual(['S03 1']);
  });

  it('004b §2.3 OWN-PHONE-INVITE OWN-VALIDITY: given zhang is S01s, when S02 invites him from numbers in S02s own records and receives him, then S02 takes him (谁邀约接待业绩归谁); without that proof S01 keeps him', () => {
    const g = given(old, policy);
    const step = g.when(visit('11-05 10:00', zhang, { invitedBy: 'S02', inviterOwnsNumber: true }));
    expect(find(step, 'collision')).toMatchObject({ outcome: 'challengerWins', challenger: 'S02' });
    expect(find(step, 'reception').receiver).toBe('S02');
    expect(g.ownerOf(zhang.phone)).toBe('S02');
    const unproven = given(old, policy);
    const col = find(unproven.when(visit('11-05 10:00', zhang, { invitedBy: 'S02' })), 'collision');
    expect(col).toMatchObject({ outcome: 'ownerKeeps', args: expect.objectContaining({ violation: true }) });
    expect(unproven.ownerOf(zhang.phone)).toBe('S01');
  });

  it('004b §3.1-3.3 DEAL-EVENT: given a launch, a new client closed there is the closers, another’s old client identified that day splits 5:5, and one whose original did not react is the closers', () => {
    const launch = marketingEvent('11-07 18:00', '11-08 09:00', '11-08 18:00', '开盘');
    const fresh = given([...team, launch, visit('11-08 10:00', wang, { receiver: 'S02' })], policy);
    expect(find(fresh.when(deal('11-08 11:00', 'D1', 'S02', wang)), 'allocation')).toMatchObject({ why: 'eventOwn', rules: ['DEAL-EVENT'] });
    const identified = given([...old, launch, recognize('11-08 11:30', zhang, 'reception', { by: 'S01' })], policy);
    expect(find(identified.when(deal('11-08 12:00', 'D2', 'S02', zhang)), 'allocation').why).toBe('eventIdentified');
    expect(shares(row(identified.state, 'D2').credit)).toEqual(['S02 0.5', 'S01 0.5']);
    const silent = given([...old, launch], policy);
    expect(find(silent.when(deal('11-08 12:00', 'D3', 'S02', zhang)), 'allocation').why).toBe('eventUnclaimed');
    expect(shares(row(silent.state, 'D3').credit)).toEqual(['S02 1']);
  });

  it('004b §4.4 OWN-RECOGNIZE: given S02 took zhang unrecognized and closed, when S01 recognizes him on the deal day, then the deal goes back to S01; two days later it stays with S02', () => {
    const closed = [...old, visit('11-05 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true }), deal('11-05 15:00', 'D1', 'S02', zhang)];
    const sameDay = given(closed, policy);
    expect(find(sameDay.when(recognizeBy('11-05 17:00', 'S01', zhang)), 'allocation').rules).toContain('OWN-RECOGNIZE');
    expect(shares(row(sameDay.state, 'D1').credit)).toEqual(['S01 1']);
    const late = given(closed, policy);
    expect(find(late.when(recognizeBy('11-07 10:00', 'S01', zhang)), 'ownership').why).toBe('recognizedTooLate');
    expect(shares(row(late.state, 'D1').credit)).toEqual(['S02 1']);
  });

  it('004b §4.1-4.2 REF-STAFF-EXCLUDED REF-FIRST-REFERRER: given S02 refers a friend, then no referral bonus; given wang was referred by zhang, when liu also claims to refer him, then only zhang counts', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-01 11:00', liu, { receiver: 'S02' })], policy);
    const byStaff = find(g.when(visit('11-02 10:00', { name: '孙七', phone: '13511112222' }, { referredByStaff: 'S02' })), 'referral');
    expect(byStaff.rules).toContain('REF-STAFF-EXCLUDED');
    expect(byStaff.bonusEligible).toBe(false);
    expect(find(g.when(visit('11-02 11:00', wang, { referredBy: { phone: zhang.phone } })), 'referral').bonusEligible).toBe(true);
    const second = find(g.when(visit('11-03 10:00', wang, { referredBy: { phone: liu.phone } })), 'referral');
    expect(second.rules).toContain('REF-FIRST-REFERRER');
    expect(second.bonusEligible).toBe(false);
  });

});
