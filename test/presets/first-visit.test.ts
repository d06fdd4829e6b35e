/**
 * first-visit (004a 销售部客户管理制度及佣金制度): the office's distinctive
 * clauses, replayed under the preset.
 */
import { describe, expect, it } from 'vitest';
import { nextReceiver, presetPolicy, type DealRow } from '../../src/index.js';
import { call, deal, endReception, find, fresh, given, link, reception, row, staff, status, t, visit, wang, zhang } from '../support/dsl.js';

const policy = presetPolicy('first-visit');
const team = [staff('S01'), staff('S02'), staff('S03'), staff('S04')];
const shares = (list: DealRow['credit'] | null) => (list ?? []).map((s) => `${s.staff} ${s.share}`);
const appointment = (who: string) => ({ appointment: { staff: who, at: t('11-02 14:00') } });

describe('first-visit (004a)', () => {
  it('004a 一 总则 REG-FIELDS REG-FIRST: given the book needs name and phone, when a visitor is entered without a phone, then the registration is invalid and nobody owns them', () => {
    const g = given(team, policy);
    const step = g.when(visit('11-01 10:00', { name: '赵六' }, { receiver: 'S01' }));
    expect(find(step, 'registration').valid).toBe(false);
    expect(find(step, 'registration').rules).toContain('REG-FIELDS');
    expect(g.ownerOf('赵六')).toBeNull();
  });

  it('OWN-CALL REG-FIRST (004a 一 总则 以客户来访第一次登记为唯一依据): given S03 took zhang\'s call, when zhang first comes to the site, then the rotation receiver S01 receives him with a turn and owns him; the call gave S03 nothing', () => {
    const g = given(team, policy);
    const taken = g.when(call('11-01 10:00', zhang, 'S03'));
    expect(find(taken, 'ownership')).toMatchObject({ owner: null, why: 'callNothing' });
    expect(g.ownerOf(zhang.phone)).toBeNull();
    const arrived = reception(g.when(visit('11-05 10:00', zhang)));
    expect(arrived).toMatchObject({ receiver: 'S01', counted: true });
    expect(g.ownerOf(zhang.phone)).toBe('S01');
    expect(nextReceiver(g.state, t('11-05 12:00')).next).toBe('S02');
  });

  it('004a §2.1.1 OWN-NAMED: given S01 is first in line, when a new client asks for S03, then S03 receives and owns them', () => {
    const g = given(team, policy);
    const step = g.when(visit('11-01 10:00', zhang, { named: 'S03' }));
    expect(find(step, 'reception').receiver).toBe('S03');
    expect(find(step, 'ownership').rules).toContain('OWN-NAMED');
    expect(g.ownerOf(zhang.phone)).toBe('S03');
  });

  it('004a §2.1.1 ROT-OLD-CLIENT-NOT-COUNTED: given zhang first came to S02, when he comes back, then S02 receives him without using a turn and keeps him', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S02' })], policy);
    const d = find(g.when(visit('11-02 10:00', zhang)), 'reception');
    expect(d).toMatchObject({ receiver: 'S02', counted: false });
    expect(d.rules).toContain('ROT-OLD-CLIENT-NOT-COUNTED');
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('004a §2.1.1 ID-FAMILY: given wang, the sister of zhang, was received by S02, when zhang comes (其亲属是否来过), then zhang is the same client group and S02 receives him', () => {
    const g = given([...team, visit('11-01 10:00', wang, { receiver: 'S02' }), visit('11-01 10:30', zhang, { receiver: 'S03' }), link('11-01 11:00', wang, zhang, 'sibling')], policy);
    expect(g.ownerOf(zhang.phone)).toBe('S02');
    const d = find(g.when(visit('11-03 10:00', zhang)), 'reception');
    expect(d.receiver).toBe('S02');
  });

  it('004a §2.1.2 ROT-APPOINTMENT ROT-ABSENT-OWNER-ASSIST DEAL-ABSENT-OWNER: given S03 on sick leave, when their appointment arrives, then the last in line assists with no turn, the client is S03s, and a deal the assistant closes is all S03s', () => {
    const g = given([...team, status('11-02 08:00', 'S03', 'leave')], policy);
    const d = find(g.when(visit('11-02 14:00', zhang, appointment('S03'))), 'reception');
    expect(d).toMatchObject({ receiver: 'S04', counted: false, skipped: [] });
    expect(d.rules).toEqual(expect.arrayContaining(['ROT-APPOINTMENT', 'ROT-ABSENT-OWNER-ASSIST']));
    expect(g.ownerOf(zhang.phone)).toBe('S03');
    const a = find(g.when(deal('11-02 16:00', 'D1', 'S04', zhang)), 'allocation');
    expect(a.rules).toContain('DEAL-ABSENT-OWNER');
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S03 1']);
    expect(shares(row(g.state, 'D1').commission)).toEqual(['S03 1']);
  });

  it('004a §2.1.2 ROT-APPOINTMENT: given S03 away on personal business (除上述原因之外), when their appointment arrives, then the client is the rotation receivers and uses their turn', () => {
    const g = given([...team, status('11-02 08:00', 'S03', 'personalBusiness')], policy);
    const d = find(g.when(visit('11-02 14:00', zhang, appointment('S03'))), 'reception');
    expect(d).toMatchObject({ receiver: 'S01', counted: true });
    expect(d.rules).toContain('ROT-APPOINTMENT');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('004a §2.1.2 ROT-OWN-CLIENT-ARRIVES: given S04 is next when their old client zhang arrives, when a new client comes, then the next person receives and S04 is owed one make-up (再补接一次)', () => {
    const first = ['08:00', '08:01', '08:02'].map((h) => visit(`11-01 ${h}`, fresh()));
    const second = ['09:10', '09:11', '09:12'].map((h) => visit(`11-01 ${h}`, fresh()));
    const ends = ['S01', 'S02', 'S03'].map((s) => endReception('11-01 10:00', s));
    const g = given([...team, ...first, visit('11-01 08:03', zhang), endReception('11-01 08:30', 'S04'), ...second, ...ends], policy);
    expect(nextReceiver(g.state, t('11-01 10:30')).next).toBe('S04');
    expect(find(g.when(visit('11-01 10:30', zhang)), 'reception')).toMatchObject({ receiver: 'S04', counted: false });
    const d = find(g.when(visit('11-01 10:35', fresh())), 'reception');
    expect(d.receiver).toBe('S01');
    expect(d.skipped).toEqual([expect.objectContaining({ staff: 'S04', reason: 'servingOwnClient', makeUp: true })]);
    expect(d.rules).toContain('ROT-OWN-CLIENT-ARRIVES');
    g.when(endReception('11-01 11:00', 'S04'));
    g.when(endReception('11-01 11:00', 'S01'));
    const receivers = ['11-01 11:05', '11-01 11:06', '11-01 11:07', '11-01 11:08'].map((when) => find(g.when(visit(when, fresh())), 'reception'));
    expect(receivers.filter((r) => r.receiver === 'S04' && r.makeUp)).toHaveLength(1);
  });

  it('004a 一 总则 OWN-RECOGNIZE OWN-FIRST-QUESTION: given zhang was S01s, when he comes back unable to say who served him and S01, present, does not recognize him, then he is treated as a new client of his receiver', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], policy);
    const step = g.when(visit('11-03 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true }));
    expect(find(step, 'ownership', (d) => d.owner === 'S02').rules).toEqual(expect.arrayContaining(['OWN-RECOGNIZE', 'OWN-FIRST-QUESTION']));
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });
});
