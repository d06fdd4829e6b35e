/**
 * sales-dept-one (004f 房地产客户归属制度 销售一部): the office's distinctive
 * clauses, replayed under the preset.
 */
import { describe, expect, it } from 'vitest';
import { presetPolicy, type ClientRef, type DealRow } from '../../src/index.js';
import { call, complaint, deal, endReception, find, followUp, given, row, staff, status, visit, wang, zhang, liu } from '../support/dsl.js';

const policy = presetPolicy('sales-dept-one');
const team = [staff('S01'), staff('S02'), staff('S03'), staff('S04'), staff('M1', { role: 'manager' })];
const shares = (list: DealRow['credit'] | null) => (list ?? []).map((s) => `${s.staff} ${s.share}`).sort();
let phone = 13400000000;
const fresh = (): ClientRef => ({ name: `客${phone % 1000}`, phone: String(++phone) });
const old = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' })];

describe('sales-dept-one (004f)', () => {
  it('004f 接待顺序(2) ROT-CARRY ROT-ORDER: given the day ended on S02, when the next morning’s first visitor comes, then S03 receives (轮到4,第二天从5开始)', () => {
    const g = given([...team, visit('11-01 10:00', fresh()), visit('11-01 11:00', fresh())], policy);
    const d = find(g.when(visit('11-02 09:00', fresh())), 'reception');
    expect(d.receiver).toBe('S03');
    expect(d.rules).toContain('ROT-CARRY');
  });

  it('004f 接待顺序(2) ROT-LONG-RECEPTION ROT-OLD-CLIENT-NOT-COUNTED: given S02 serves their own client zhang out of turn past their turn, then S03 receives and S02 fills in after (主动补上)', () => {
    const base = [...team, visit('11-01 08:00', fresh()), visit('11-01 08:01', zhang), visit('11-01 08:02', fresh()), visit('11-01 08:03', fresh()), ...['S01', 'S02', 'S03', 'S04'].map((s) => endReception('11-01 09:00', s))];
    const g = given(base, policy);
    expect(find(g.when(visit('11-01 10:00', zhang)), 'reception')).toMatchObject({ receiver: 'S02', counted: false });
    expect(find(g.when(visit('11-01 10:05', fresh())), 'reception').receiver).toBe('S01');
    const d = find(g.when(visit('11-01 10:10', fresh())), 'reception');
    expect(d.receiver).toBe('S03');
    expect(d.skipped).toEqual([expect.objectContaining({ staff: 'S02', reason: 'servingOwnClient', makeUp: true })]);
    expect(d.rules).toContain('ROT-LONG-RECEPTION');
    g.when(endReception('11-01 10:45', 'S02'));
    expect(find(g.when(visit('11-01 10:50', fresh())), 'reception')).toMatchObject({ receiver: 'S02', makeUp: true });
  });

  it('004f 1(3) OWN-FIRST-QUESTION: given S02 did not ask whether zhang had been here and zhang did not mention S01, then zhang stays S01s within the archive window', () => {
    const g = given(old, policy);
    const col = find(g.when(visit('11-05 10:00', zhang, { receiver: 'S02', unannounced: true, asked: false })), 'collision');
    expect(col.rules).toContain('OWN-FIRST-QUESTION');
    expect(col.outcome).toBe('ownerKeeps');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('004f 1(4)-(5) OWN-CALL: given calls are allocated centrally, then a call S02 writes in their own book gives nothing, an allocated one protects, and a caller asking the way is a new client on arrival', () => {
    expect(given([...team, call('11-01 10:00', wang, 'S02')], policy).ownerOf(wang.phone)).toBeNull();
    expect(given([...team, call('11-01 10:00', wang, 'S02', { allocatedBy: 'M1' })], policy).ownerOf(wang.phone)).toBe('S02');
    const g = given([...team, call('11-01 10:00', liu, 'S03', { allocatedBy: 'M1', askingWay: true })], policy);
    expect(g.ownerOf(liu.phone)).toBeNull();
    const step = g.when(visit('11-01 10:30', liu));
    expect(find(step, 'reception').receiver).toBe('S01');
    expect(g.ownerOf(liu.phone)).toBe('S01');
  });

  it('004f 1(6) OWN-VALIDITY OWN-FOLLOWUP: given a 10-day archive, when S01 records a follow-up on day 8, then zhang is still S01s on day 15; without it he is a new client on day 12', () => {
    const kept = given([...old, followUp('11-08 10:00', 'S01', zhang)], policy);
    expect(kept.ownerOf(zhang.phone, '11-15 10:00')).toBe('S01');
    const lapsed = given(old, policy);
    expect(lapsed.ownerOf(zhang.phone, '11-11 20:00')).toBe('S01');
    expect(lapsed.ownerOf(zhang.phone, '11-12 10:00')).toBeNull();
    lapsed.when(visit('11-12 10:00', zhang, { receiver: 'S03' }));
    expect(lapsed.ownerOf(zhang.phone)).toBe('S03');
  });

  it('004f 2(1) DEAL-ABSENT-OWNER: given S01 is off, when S02 receives and closes S01s client, then the deal is S01s', () => {
    const g = given([...old, status('11-05 08:00', 'S01', 'off'), visit('11-05 10:00', zhang)], policy);
    const a = find(g.when(deal('11-05 15:00', 'D1', 'S02', zhang)), 'allocation');
    expect(a.rules).toContain('DEAL-ABSENT-OWNER');
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S01 1']);
    expect(shares(row(g.state, 'D1').commission)).toEqual(['S01 1']);
  });

  it('004f 業績(2) OWN-COMPLAINT: given zhang complains about S01 and the manager confirms it, when S02 closes him, then the deal has nothing to do with S01 (與乙無關)', () => {
    const g = given([...old, complaint('11-05 10:00', zhang, 'S01', true, 'S02')], policy);
    expect(g.ownerOf(zhang.phone)).toBe('S02');
    const a = find(g.when(deal('11-06 10:00', 'D1', 'S02', zhang)), 'allocation');
    expect(a.rules).toContain('OWN-COMPLAINT');
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S02 1']);
    expect(shares(row(g.state, 'D1').commission)).toEqual(['S02 1']);
  });

  it('004f 2(3) OWN-MULTI-NAMED: given zhang is S01s, when he names S02 and S03 without choosing, then the rotation serves and the book keeps him S01s; a new client naming several is the receiver’s', () => {
    const g = given(old, policy);
    g.when(visit('11-05 10:00', zhang, { namedSeveral: ['S02', 'S03'] }));
    expect(g.ownerOf(zhang.phone)).toBe('S01');
    const step = g.when(visit('11-05 11:00', wang, { namedSeveral: ['S03', 'S04'] }));
    expect(find(step, 'ownership').rules).toContain('OWN-MULTI-NAMED');
    expect(g.ownerOf(wang.phone)).toBe(find(step, 'reception').receiver);
  });

  it('004f 2(4) COL-DISCOUNT-HELPER: given S02 only got zhang a discount, when S02 closes, then credit and commission are all S01s', () => {
    const g = given(old, policy);
    const a = find(g.when(deal('11-05 15:00', 'D1', 'S02', zhang, 'subscription', { discountBy: 'S02' })), 'allocation');
    expect(a.rules).toEqual(['COL-DISCOUNT-HELPER']);
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S01 1']);
    expect(shares(row(g.state, 'D1').commission)).toEqual(['S01 1']);
  });

  it('004f 2(5) COL-SAME-UNIT: given zhang paid the deposit on unit 3-1202 first, when wang subscribes the same unit, then wang’s deal is refused', () => {
    const g = given([...old, visit('11-01 11:00', wang, { receiver: 'S02' }), deal('11-03 10:00', 'D1', 'S01', zhang, 'smallDeposit', { unit: '3-1202' })], policy);
    const d = find(g.when(deal('11-04 10:00', 'D2', 'S02', wang, 'subscription', { unit: '3-1202' })), 'deal');
    expect(d).toMatchObject({ outcome: 'refused', deal: 'D2' });
    expect(d.rules).toEqual(['COL-SAME-UNIT']);
  });

  it('004f 2(6) REF-OVER-RELATIVE REF-CHAIN: given zhang bought with S01, when he brings liu, a friend of S02, then liu is S01s', () => {
    const g = given([...old, deal('11-02 10:00', 'D1', 'S01', zhang)], policy);
    const step = g.when(visit('11-05 10:00', liu, { referredBy: { phone: zhang.phone }, relativeOf: 'S02' }));
    expect(find(step, 'ownership').rules).toEqual(expect.arrayContaining(['REF-OVER-RELATIVE', 'REF-CHAIN']));
    expect(g.ownerOf(liu.phone)).toBe('S01');
  });

  it('004f 1(7) REF-ACCOMPANIED (置业顾问已认出是自己曾接待的客户,则可主动接待): given zhang is S01s, when he brings wang and names no one, then wang goes to S01 only if S01 recognized zhang and received them; else to the one whose turn it is', () => {
    const recognized = given(old, policy);
    const mine = recognized.when(visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, accompanied: true, receiver: 'S01' }));
    expect(find(mine, 'ownership').rules).toContain('REF-ACCOMPANIED');
    expect(recognized.ownerOf(wang.phone)).toBe('S01');

    const unrecognized = given(old, policy);
    const step = unrecognized.when(visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, accompanied: true }));
    const receiver = find(step, 'reception').receiver;
    expect(receiver).not.toBe('S01');
    expect(find(step, 'ownership').rules).toEqual(expect.arrayContaining(['OWN-FIRST', 'REF-UNNAMED']));
    expect(find(step, 'ownership').rules).not.toContain('REF-ACCOMPANIED');
    expect(unrecognized.ownerOf(wang.phone)).toBe(receiver);

    // Named, the chain gives wang to S01 whoever receives (004f 1(7) 若指明要找原置业顾问接待的).
    const named = given(old, policy);
    named.when(visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, accompanied: true, named: 'S01' }));
    expect(named.ownerOf(wang.phone)).toBe('S01');
  });

  it('REF-ACCOMPANIED: given the default policy (no recognition needed), when zhang brings wang and names no one, then wang is S01s whoever receives', () => {
    const g = given(old, {});
    g.when(visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, accompanied: true, receiver: 'S02' }));
    expect(g.ownerOf(wang.phone)).toBe('S01');
  });
});
