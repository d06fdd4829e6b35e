/**
 * callback-first (004l 房地产客户归属规定): the office's distinctive clauses,
 * replayed under the preset.
 */
import { describe, expect, it } from 'vitest';
import { describeDecision, nextReceiver, presetPolicy, type DecisionOf, type Step } from '../../src/index.js';
import { call, chen, complaint, deal, find, followUp, given, link, liu, parts, row, staff, status, t, visit, wang, zhang } from '../support/dsl.js';
import { withFlatRate } from '../support/rates.js';

// The seed names no commission rate: a flat 1.8‰ shows the commission's shares as amounts.
const policy = withFlatRate(presetPolicy('callback-first'));
const team = [staff('S01'), staff('S02'), staff('S03'), staff('S04'), staff('M1', { role: 'manager' })];
const reception = (step: Step): DecisionOf<'reception'> => find(step, 'reception');

let n = 13500000300;
const fresh = () => ({ name: `客${n % 1000}`, phone: String(++n) });

describe('callback-first (004l)', () => {
  it('004l §4 OWN-FOLLOWUP: given zhang visited S01 on Nov 1, when no callback comes on Nov 2, then he is a new client on Nov 3; a callback on Nov 2 keeps him', () => {
    const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' })];
    const missed = given(base, policy);
    expect(missed.ownerOf(zhang.phone, '11-02 23:00')).toBe('S01');
    const step = missed.when(visit('11-03 10:00', zhang));
    expect(find(step, 'ownership', (d) => d.why === 'lapsed').rules).toEqual(['OWN-FOLLOWUP']);
    expect(missed.ownerOf(zhang.phone)).not.toBe('S01');
    const kept = given([...base, followUp('11-02 10:00', 'S01', zhang)], policy);
    kept.when(visit('11-03 10:00', zhang));
    expect(kept.ownerOf(zhang.phone)).toBe('S01');
  });

  it('004l §4 OWN-FOLLOWUP: given the Nov 2 callback agreed to call again on Nov 10, then zhang is S01\'s through Nov 10 and new on Nov 11 unless that callback is made', () => {
    const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), followUp('11-02 10:00', 'S01', zhang, { nextAt: t('11-10 15:00') })];
    const g = given(base, policy);
    expect(g.ownerOf(zhang.phone, '11-10 23:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '11-11 00:00')).toBeNull();
    const kept = given([...base, followUp('11-10 15:00', 'S01', zhang, { nextAt: t('11-20 15:00') })], policy);
    expect(kept.ownerOf(zhang.phone, '11-18 10:00')).toBe('S01');
  });

  it('OWN-FOLLOWUP (004l §4-5 若已超出回访期限,则视之为新客户): given callbacks noted "do not call", when the agreed callback (visitor) or the weekly one (caller) is missed, then the client is new and the next receiver owns them (no do-not-call exemption in 004l)', () => {
    const visitor = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), followUp('11-02 10:00', 'S01', zhang, { doNotCall: true, nextAt: t('11-05 10:00') })], policy);
    expect(visitor.ownerOf(zhang.phone, '11-05 20:00')).toBe('S01');
    const back = visitor.when(visit('11-06 10:00', zhang, { receiver: 'S03' }));
    expect(find(back, 'ownership', (d) => d.why === 'lapsed').rules).toEqual(['OWN-FOLLOWUP']);
    expect(visitor.ownerOf(zhang.phone)).toBe('S03');
    const caller = given([...team, call('11-01 10:00', wang, 'S02'), followUp('11-03 10:00', 'S02', wang, { channel: 'call', doNotCall: true })], policy);
    expect(caller.ownerOf(wang.phone, '11-10 20:00')).toBe('S02');
    expect(caller.ownerOf(wang.phone, '11-11 10:00')).toBeNull();
  });

  it('004l §5 OWN-CALL OWN-FOLLOWUP: given S02 registered zhang\'s call on Nov 1, then he needs a callback every week: with one on Nov 6 his visit on Nov 12 is S02\'s; without one he is new by Nov 9', () => {
    const base = [...team, call('11-01 10:00', zhang, 'S02')];
    const none = given(base, policy);
    expect(none.ownerOf(zhang.phone, '11-08 23:00')).toBe('S02');
    expect(none.ownerOf(zhang.phone, '11-09 00:00')).toBeNull();
    const weekly = given([...base, followUp('11-06 10:00', 'S02', zhang, { channel: 'call' })], policy);
    const d = reception(weekly.when(visit('11-12 10:00', zhang)));
    expect(d).toMatchObject({ receiver: 'S02', counted: false });
    expect(weekly.ownerOf(zhang.phone)).toBe('S02');
  });

  it('004l §3 ROT-ABSENT-OWNER-ASSIST ROT-APPOINTMENT: given S02 is resting and had told a colleague, when zhang who names S02 comes, then the last in line receives him without a turn; an appointment counts only if S02 had told a colleague', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S02' }), followUp('11-02 10:00', 'S02', zhang), status('11-03 08:00', 'S02', 'off')], policy);
    const d = reception(g.when(visit('11-03 10:00', zhang, { named: 'S02', ownerNotice: true })));
    expect(d).toMatchObject({ receiver: 'S04', counted: false });
    expect(d.rules).toContain('ROT-ABSENT-OWNER-ASSIST');
    expect(g.ownerOf(zhang.phone)).toBe('S02');
    const told = reception(g.when(visit('11-03 11:10', fresh(), { appointment: { staff: 'S02', at: t('11-03 11:00'), notice: true } })));
    expect(told).toMatchObject({ counted: false });
    expect(told.rules).toEqual(expect.arrayContaining(['ROT-APPOINTMENT', 'ROT-ABSENT-OWNER-ASSIST']));
    const untold = reception(g.when(visit('11-03 12:20', fresh(), { appointment: { staff: 'S02', at: t('11-03 12:00') } })));
    expect(untold).toMatchObject({ counted: true });
    expect(untold.rules).toContain('ROT-APPOINTMENT');
  });

  it('004l §3 ROT-ABSENT-OWNER-ASSIST (且知道该客户可能要来并告知同事或主管): given S02 is resting and told no one, when zhang who names S02 comes, then he is received like any other, using the turn of the first in line, and stays S02\'s', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S02' }), followUp('11-02 10:00', 'S02', zhang), status('11-03 08:00', 'S02', 'off')], policy);
    const next = nextReceiver(g.state, t('11-03 09:59')).next;
    expect(next).toBe('S01');
    const d = reception(g.when(visit('11-03 10:00', zhang, { named: 'S02' })));
    expect(d).toMatchObject({ receiver: 'S01', counted: true, turns: 1, args: { absentOwner: 'S02', noNotice: true } });
    expect(d.rules).toEqual(expect.arrayContaining(['ROT-ABSENT-OWNER-ASSIST', 'ROT-ORDER']));
    expect(d.rules).not.toContain('ROT-OLD-CLIENT-NOT-COUNTED');
    expect(describeDecision(g.state, d)).toContain('a counted turn — an old client of Staff S02 (S02), who is away without having told anyone in advance, so the visitor is received like any other');
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('004l §6.2 OWN-COMPLAINT: given zhang refused S01 after a serious error and the supervisor gave him to S03, when S03 closes, then zhang is S03\'s with the commission 5:5; a client he then brings is 7:3', () => {
    const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), complaint('11-01 16:00', zhang, 'S01', true, 'S03'), followUp('11-02 10:00', 'S03', zhang)];
    const g = given(base, policy);
    expect(g.ownerOf(zhang.phone)).toBe('S03');
    const step = g.when(deal('11-03 15:00', 'D1', 'S03', zhang));
    expect(find(step, 'allocation').rules).toContain('OWN-COMPLAINT');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S03 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S03 0.5 900.00', 'S01 0.5 900.00']);
    g.when(visit('11-04 10:00', wang, { referredBy: { phone: zhang.phone }, named: 'S03' }));
    expect(g.ownerOf(wang.phone)).toBe('S03');
    g.when(deal('11-04 15:00', 'D2', 'S03', wang));
    expect(parts(row(g.state, 'D2').commission)).toEqual(['S03 0.7 1260.00', 'S01 0.3 540.00']);
  });

  it('004l §6.1 REF-ACCOMPANIED REF-PRIOR: given zhang is S01\'s, when he brings wang, who is new, then wang is S01\'s; a friend who had visited S03 before stays S03\'s', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), followUp('11-02 10:00', 'S01', zhang), visit('11-02 11:00', chen, { receiver: 'S03' }), followUp('11-03 09:00', 'S03', chen)], policy);
    const step = g.when(visit('11-03 10:00', wang, { referredBy: { phone: zhang.phone }, accompanied: true, receiver: 'S02' }));
    expect(find(step, 'ownership', (d) => d.owner === 'S01').rules).toContain('REF-ACCOMPANIED');
    expect(g.ownerOf(wang.phone)).toBe('S01');
    const prior = g.when(visit('11-03 11:00', chen, { referredBy: { phone: zhang.phone }, accompanied: true }));
    expect(find(prior, 'referral').rules).toContain('REF-PRIOR');
    expect(g.ownerOf(chen.phone)).toBe('S03');
  });

  it('004l §7.1 REG-REAL-BUYER: given a visitor says they view for their father, when S01 registers the real buyer\'s details, then the buyer is S01\'s', () => {
    const g = given(team, policy);
    const father = { name: '刘建国', phone: '13788889999' };
    g.when(visit('11-01 10:00', liu, { receiver: 'S01', realBuyer: father }));
    expect(g.ownerOf(father.phone)).toBe('S01');
    expect(g.rulesOf(father.phone)).toContain('REG-REAL-BUYER');
  });

  it('004l §7.2 ID-FAMILY COL-CROSS-FAMILY: given S02 first met zhang\'s brother and S01 met zhang, when they are found to be one buyer group, then the family order gives it to S01 and S02\'s deal goes wholly to S01', () => {
    const brother = { name: '张强', phone: '13722221111' };
    const base = [...team, visit('11-01 10:00', brother, { receiver: 'S02' }), visit('11-02 10:00', zhang, { receiver: 'S01' })];
    const g = given(base, policy);
    const step = g.when(link('11-02 15:00', zhang, brother, 'sibling'));
    expect(find(step, 'collision')).toMatchObject({ why: 'familyOrder', owner: 'S01' });
    expect(find(step, 'collision').rules).toEqual(expect.arrayContaining(['COL-CROSS-FAMILY', 'ID-FAMILY']));
    const closed = g.when(deal('11-02 16:00', 'D1', 'S02', brother));
    expect(find(closed, 'allocation').rules).toContain('COL-CROSS-FAMILY');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 1 1800.00']);
  });

  it('004l §7.2 ID-FAMILY COL-CROSS-FAMILY: given zhang\'s own registration lapsed, S03 met his cousin first and S04 his wife later, when both are linked to him, then the wife ranks before other relatives: the group is S04\'s', () => {
    const cousin = { name: '王表', phone: '13722223333' };
    const base = [...team, visit('11-01 09:00', zhang, { receiver: 'S01' }), visit('11-03 10:00', cousin, { receiver: 'S03' }), followUp('11-04 09:00', 'S03', cousin), visit('11-04 10:00', wang, { receiver: 'S04' })];
    const g = given(base, policy);
    g.when(link('11-04 15:00', zhang, cousin, 'relative'));
    expect(g.ownerOf(zhang.phone)).toBe('S03');
    const step = g.when(link('11-04 15:10', zhang, wang, 'spouse'));
    expect(find(step, 'collision')).toMatchObject({ why: 'familyOrder', owner: 'S04', challenger: 'S03' });
    expect([g.ownerOf(zhang.phone), g.ownerOf(cousin.phone)]).toEqual(['S04', 'S04']);
  });
});
