/**
 * draft-rules (004e 房地产销售案场客户归属规定 讨论稿): the office's
 * distinctive clauses, replayed under the preset.
 */
import { describe, expect, it } from 'vitest';
import { describeDecision, describeReason, presetPolicy, type DealRow } from '../../src/index.js';
import { assign, call, complaint, deal, event, find, given, link, recognize, recognizeBy, row, staff, status, visit, wang, zhang, chen } from '../support/dsl.js';

const policy = presetPolicy('draft-rules');
const team = [staff('S01'), staff('S02'), staff('S03'), staff('S04'), staff('M1', { role: 'manager' })];
const shares = (list: DealRow['credit'] | null) => (list ?? []).map((s) => `${s.staff} ${s.share}`).sort();
const old = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' })];

describe('draft-rules (004e)', () => {
  it('004e §3 ROT-ABSENT-OWNER-ASSIST ROT-OLD-CLIENT-NOT-COUNTED: given S01 is resting, when S01s old client comes, then the last in line receives him, not as a turn, and S01 keeps him', () => {
    const g = given([...old, status('11-05 08:00', 'S01', 'off')], policy);
    const d = find(g.when(visit('11-05 10:00', zhang)), 'reception');
    expect(d).toMatchObject({ receiver: 'S04', counted: false });
    expect(d.rules).toEqual(expect.arrayContaining(['ROT-ABSENT-OWNER-ASSIST']));
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('004e §1 §3 OWN-FIRST DEAL-ABSENT-OWNER: given S01 is out on company business, when the last in line closes S01s old client, then credit and commission stay with S01 (首接业绩制)', () => {
    const g = given([...old, status('11-05 08:00', 'S01', 'companyBusiness'), visit('11-05 10:00', zhang)], policy);
    g.when(deal('11-05 15:00', 'D1', 'S04', zhang));
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S01 1']);
    expect(shares(row(g.state, 'D1').commission)).toEqual(['S01 1']);
  });

  it('004e §4 OWN-RECOGNIZE DEAL-RECOGNITION-WINDOW: given S01 recognizes his old client during S02s reception, then he is handed back and a deal S02 closes is all S01s', () => {
    const g = given([...old, visit('11-10 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true })], policy);
    expect(g.ownerOf(zhang.phone)).toBe('S01');
    g.when(recognizeBy('11-10 10:15', 'S01', zhang));
    const a = find(g.when(deal('11-10 15:00', 'D1', 'S02', zhang)), 'allocation');
    expect(a.rules).toContain('DEAL-RECOGNITION-WINDOW');
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S01 1']);
  });

  it('004e §4 ROT-OLD-CLIENT-NOT-COUNTED OWN-RECOGNIZE: given S02 took an unannounced zhang as a turn, when S01 recognizes him during the reception, then he is handed over and S02 is owed the turn back; a second recognition gives nothing more', () => {
    const g = given([...old, visit('11-10 10:00', zhang, { unannounced: true, asked: true })], policy);
    const took = find(g.when(visit('11-10 10:05', chen)), 'reception').receiver;
    const g2 = given([...old, visit('11-10 10:00', zhang, { unannounced: true, asked: true })], policy);
    const reception = g2.state.rotation.turnsToday.at(-1);
    expect(reception).toMatchObject({ staff: 'S02' });
    const step = g2.when(recognizeBy('11-10 10:15', 'S01', zhang));
    const q = find(step, 'queue');
    expect(q).toMatchObject({ change: 'turnReturned', staff: ['S02'], evidence: [reception?.visit] });
    expect(q.rules).toContain('ROT-OLD-CLIENT-NOT-COUNTED');
    expect(g2.ownerOf(zhang.phone)).toBe('S01');
    // The next walk-in: without the recognition it went on in order; now S02's make-up comes first.
    expect(took).not.toBe('S02');
    expect(find(g2.when(visit('11-10 10:20', chen)), 'reception').receiver).toBe('S02');
    expect(g2.when(recognizeBy('11-10 10:30', 'S01', zhang)).decisions.some((d) => d.kind === 'queue')).toBe(false);
    // Under the default the reception keeps its turn.
    const plain = given([...old, visit('11-10 10:00', zhang, { unannounced: true, asked: true })], {});
    expect(plain.when(recognizeBy('11-10 10:15', 'S01', zhang)).decisions.some((d) => d.kind === 'queue')).toBe(false);
  });

  it('004e §4 DEAL-RECOGNITION-WINDOW (发现之时): given S01 did not recognize zhang, found on Nov 20 within a month of his first reception, when S02 closes on Dec 5, then credit S02 and commission shared equally; the month counts to the finding', () => {
    // S01 sees zhang again on Nov 25, so S01 still holds him on Dec 5, more than a month after Nov 1.
    const g = given([...old, visit('11-10 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true }), recognize('11-20 16:00', zhang, 'later', { by: 'S02' }), visit('11-25 10:00', zhang, { receiver: 'S01' })], policy);
    expect(g.ownerOf(zhang.phone, '12-05 15:00')).toBe('S01');
    const a = find(g.when(deal('12-05 15:00', 'D1', 'S02', zhang)), 'allocation');
    expect(a.why).toBe('recognitionFound');
    expect(a.rules).toContain('DEAL-RECOGNITION-WINDOW');
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S02 1']);
    expect(shares(row(g.state, 'D1').commission)).toEqual(['S01 0.5', 'S02 0.5']);
  });

  it('004e §4 DEAL-RECOGNITION-WINDOW (一个月以内): given S01 first received zhang on Oct 1, when S02 finds him on Nov 1 (a calendar month on, 31 days) and closes, then it is still within the month: commission shared, and the reason says so', () => {
    const october = [staff('S01', {}, '09-01 08:00'), staff('S02', {}, '09-01 08:00'), visit('10-01 10:00', zhang, { receiver: 'S01' })];
    const g = given([...october, visit('10-20 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true }), recognize('11-01 16:00', zhang, 'later', { by: 'S02' })], policy);
    const step = g.when(deal('11-01 17:00', 'D1', 'S02', zhang));
    const a = find(step, 'allocation');
    expect(a.why).toBe('recognitionFound');
    expect(describeReason(g.state, a)).toContain('within 1 month of the first reception');
    expect(shares(row(g.state, 'D1').commission)).toEqual(['S01 0.5', 'S02 0.5']);
  });

  it('004e §4 DEAL-RECOGNITION-WINDOW (一个月以外): given zhang is found more than a month after his first reception, when S02 closes, then everything goes to the second receiver', () => {
    const g = given([...old, visit('11-25 10:00', zhang, { receiver: 'S01' }), visit('12-05 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true }), recognize('12-05 16:00', zhang, 'later', { by: 'S02' })], policy);
    const a = find(g.when(deal('12-06 15:00', 'D1', 'S02', zhang)), 'allocation');
    expect(a.why).toBe('recognitionFoundAfter');
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S02 1']);
    expect(shares(row(g.state, 'D1').commission)).toEqual(['S02 1']);
  });

  it('004e §9 REF-ACCOMPANIED ROT-ORDER: given S02 is next in line, when S01s old client zhang brings the new client wang, then S01 receives wang and it counts as S01s turn; S02 stays next', () => {
    const g = given(old, policy);
    const step = g.when(visit('11-03 10:00', wang, { referredBy: { phone: zhang.phone }, accompanied: true }));
    expect(find(step, 'reception')).toMatchObject({ receiver: 'S01', counted: true, turns: 1 });
    expect(g.ownerOf(wang.phone)).toBe('S01');
    expect(find(g.when(visit('11-03 11:00', chen)), 'reception').receiver).toBe('S02');
  });

  /** A new client asks for S03, who is off; whoever receives them closes. The allocation, the office, and the closer. */
  const namedAwayCloses = (ownerNotice: boolean) => {
    const g = given([...team, status('11-02 08:00', 'S03', 'off')], policy);
    const step = g.when(visit('11-02 10:00', wang, ownerNotice ? { named: 'S03', ownerNotice } : { named: 'S03' }));
    expect(g.ownerOf(wang.phone)).toBe('S03');
    const closer = find(step, 'reception').receiver ?? 'S01';
    expect(closer).not.toBe('S03');
    const a = find(g.when(deal('11-02 15:00', 'D1', closer, wang)), 'allocation');
    expect(a.rules).toEqual(expect.arrayContaining(['DEAL-ABSENT-OWNER', 'OWN-NAMED']));
    return { a, g, closer };
  };

  it('004e §5 OWN-NAMED DEAL-ABSENT-OWNER: given a new client asks for S03, who is off without arranging help, when the duty person receives and closes, then the credit is the duty person’s and the commission is shared equally', () => {
    const { a, g, closer } = namedAwayCloses(false);
    expect(a.why).toBe('absentNamed');
    expect(shares(row(g.state, 'D1').credit)).toEqual([`${closer} 1`]);
    expect(shares(row(g.state, 'D1').commission)).toEqual([`${closer} 0.5`, 'S03 0.5'].sort());
  });

  it('004e §5 DEAL-ABSENT-OWNER (且未能事先报备案场或指定专人协助接待): given a new client asks for S03, who is off but told the office in advance, when the duty person receives and closes, then credit and commission are S03s', () => {
    const { a, g } = namedAwayCloses(true);
    expect(a.why).toBe('absentNamedNotice');
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S03 1']);
    expect(shares(row(g.state, 'D1').commission)).toEqual(['S03 1']);
    expect(describeDecision(g.state, a)).toContain('had told the office in advance');
  });

  it('004e §6 COL-CROSS-FAMILY: given S01 registered the husband and S02 the wife without knowing, when the wife buys with S02, then the credit is S01s, who registered first, and the commission is shared equally', () => {
    const g = given([...old, visit('11-02 10:00', chen, { receiver: 'S02' }), link('11-03 10:00', zhang, chen, 'spouse')], policy);
    const a = find(g.when(deal('11-04 10:00', 'D1', 'S02', chen)), 'allocation');
    expect(a.rules).toContain('COL-CROSS-FAMILY');
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S01 1']);
    expect(shares(row(g.state, 'D1').commission)).toEqual(['S01 0.5', 'S02 0.5']);
  });

  it('004e §7 OWN-CALL ROT-CALL-ALLOCATION: given calls are allocated by the manager, then an unallocated call waits for the manager, a call S02 enters for himself gives nothing, and one M1 allocates protects', () => {
    const g = given(team, policy);
    const waiting = g.when(event('registerCall', '11-01 09:00', { client: { name: '钱八', phone: '13522223333' } }));
    expect(find(waiting, 'reception')).toMatchObject({ receiver: null });
    expect(given([...team, call('11-01 10:00', wang, 'S02')], policy).ownerOf(wang.phone)).toBeNull();
    expect(given([...team, call('11-01 10:00', wang, 'S02', { allocatedBy: 'M1' })], policy).ownerOf(wang.phone)).toBe('S02');
  });

  it('004e §8 OWN-MANAGER: given a company client, when the manager assigns them to S03, then S03 owns them', () => {
    const g = given([...team, visit('11-01 10:00', wang, { receiver: 'S01' })], policy);
    const step = g.when(assign('11-02 10:00', wang, 'S03', { by: 'M1' }));
    expect(find(step, 'ownership').rules).toContain('OWN-MANAGER');
    expect(g.ownerOf(wang.phone)).toBe('S03');
  });

  it('004e §10 OWN-COMPLAINT: given a justified complaint about S01s service, when the manager names S03 and S03 closes, then the deal is wholly S03s; an unjustified one leaves zhang with S01', () => {
    const g = given([...old, complaint('11-05 10:00', zhang, 'S01', true, 'S03')], policy);
    expect(g.ownerOf(zhang.phone)).toBe('S03');
    const a = find(g.when(deal('11-08 10:00', 'D1', 'S03', zhang)), 'allocation');
    expect(a.rules).toContain('OWN-COMPLAINT');
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S03 1']);
    expect(shares(row(g.state, 'D1').commission)).toEqual(['S03 1']);
    const unjustified = given([...old, complaint('11-05 10:00', zhang, 'S01', false)], policy);
    expect(unjustified.ownerOf(zhang.phone)).toBe('S01');
  });

  it('004e §10 OWN-COMPLAINT: given a complaint that was not S01s fault, when the manager has S03 serve zhang and S03 closes, then credit stays with S01 and the commission is split evenly; S01 closing keeps it all', () => {
    const g = given([...old, complaint('11-05 10:00', zhang, 'S01', false, 'S03')], policy);
    expect(g.ownerOf(zhang.phone)).toBe('S01');
    const a = find(g.when(deal('11-08 10:00', 'D1', 'S03', zhang)), 'allocation');
    expect(a).toMatchObject({ why: 'served' });
    expect(a.rules).toContain('OWN-COMPLAINT');
    expect(shares(row(g.state, 'D1').credit)).toEqual(['S01 1']);
    expect(shares(row(g.state, 'D1').commission)).toEqual(['S01 0.5', 'S03 0.5']);
    const own = given([...old, complaint('11-05 10:00', zhang, 'S01', false, 'S03')], policy);
    own.when(deal('11-08 10:00', 'D2', 'S01', zhang));
    expect(shares(row(own.state, 'D2').commission)).toEqual(['S01 1']);
    // Under the neutral default the designated server's deal stays wholly the owner's.
    const plain = given([...old, complaint('11-05 10:00', zhang, 'S01', false, 'S03')], {});
    plain.when(deal('11-08 10:00', 'D3', 'S03', zhang));
    expect(shares(row(plain.state, 'D3').commission)).toEqual(['S01 1']);
  });
});
