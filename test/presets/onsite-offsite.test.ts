/**
 * onsite-offsite (004d 房地产案场与外场客户归属细则): the office's distinctive
 * clauses, replayed under the preset.
 */
import { describe, expect, it } from 'vitest';
import { presetPolicy, type DealRow } from '../../src/index.js';
import { call, deal, find, followUp, given, row, staff, visit, wang, zhang } from '../support/dsl.js';

const policy = presetPolicy('onsite-offsite');
const team = [staff('S01'), staff('S02'), staff('S03')];
const shares = (list: DealRow['credit'] | null) => (list ?? []).map((s) => `${s.staff} ${s.share}`);
const first = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' })];

describe('onsite-offsite (004d)', () => {
  it('004d §1.1 §3.2 OWN-FIRST REG-FIRST: given a walk-in with no reception record, when S02 receives him, then he is S02s (客户归新接待人员), protected for 15 days', () => {
    const g = given(team, policy);
    const step = g.when(visit('11-01 10:00', zhang, { receiver: 'S02' }));
    expect(find(step, 'ownership').rules).toEqual(expect.arrayContaining(['OWN-FIRST', 'REG-FIRST']));
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('004d §1.2 OWN-VALIDITY OWN-FOLLOWUP: given S01 follows up every few days, then zhang is S01s through the 15th day and lapses after it', () => {
    const g = given([...first, followUp('11-06 10:00', 'S01', zhang), followUp('11-12 10:00', 'S01', zhang)], policy);
    expect(g.ownerOf(zhang.phone, '11-16 20:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '11-20 10:00')).toBeNull();
  });

  it('004d §1.2 §3.3 OWN-FOLLOWUP: given no follow-up record in 10 days, when zhang comes back on day 11, then the new receiver S02 owns him', () => {
    const g = given(first, policy);
    expect(g.ownerOf(zhang.phone, '11-11 20:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '11-12 10:00')).toBeNull();
    g.when(visit('11-12 10:00', zhang, { receiver: 'S02' }));
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('OWN-FOLLOWUP (004d §1.2 若第一接待人10天内无持续性跟踪维护记录): given S01\'s Nov 3 follow-up notes zhang asked not to be called, when no other follow-up comes, then zhang is free after 10 days and S02 who receives him on Nov 14 owns him (the do-not-call exemption is 004h\'s, not 004d\'s)', () => {
    const g = given([...first, followUp('11-03 10:00', 'S01', zhang, { doNotCall: true })], policy);
    expect(g.ownerOf(zhang.phone, '11-13 20:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '11-14 10:00')).toBeNull();
    g.when(visit('11-14 10:00', zhang, { receiver: 'S02' }));
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('004d §1.3 OWN-FOLLOWUP: given S01 followed up on day 8, when zhang comes back on day 11, then S01 keeps him and receives him', () => {
    const g = given([...first, followUp('11-08 10:00', 'S01', zhang)], policy);
    const step = g.when(visit('11-12 10:00', zhang));
    expect(find(step, 'reception').receiver).toBe('S01');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('004d §3.4 OWN-CALL: given S02 took a call with no filing record, then the caller is nobody’s; a call with a filing record makes S02 the first receiver', () => {
    const bare = given([...team, call('11-01 10:00', wang, 'S02')], policy);
    expect(bare.ownerOf(wang.phone)).toBeNull();
    const filed = given(team, policy);
    const step = filed.when(call('11-01 10:00', wang, 'S02', { filed: true }));
    expect(find(step, 'ownership').owner).toBe('S02');
    expect(filed.ownerOf(wang.phone, '11-10 10:00')).toBe('S02');
    expect(find(filed.when(visit('11-05 10:00', wang)), 'reception').receiver).toBe('S02');
  });

  it('004d §4.1 REF-WINDOW: given wang was referred by S01s client zhang and received by S02, when wang closes on day 35 with no follow-up since, then the deal is S02s, the first receiver’s', () => {
    const g = given([...first, visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, receiver: 'S02' })], policy);
    expect(g.ownerOf(wang.phone, '12-06 10:00')).toBe('S02');
    expect(g.rulesOf(wang.phone)).toContain('REF-WINDOW');
    g.when(deal('12-06 10:00', 'D1', 'S03', wang));
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S02 1']);
  });

  it('004d §4.2 REF-WINDOW: given 40 days without a deal, when wang comes back, then the new receiver owns him', () => {
    const g = given([...first, visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, receiver: 'S02' })], policy);
    const step = g.when(visit('12-14 10:00', wang, { receiver: 'S03' }));
    expect(find(step, 'ownership', (d) => d.owner === null).rules).toEqual(expect.arrayContaining(['OWN-VALIDITY', 'REF-WINDOW']));
    expect(g.ownerOf(wang.phone)).toBe('S03');
  });
});
