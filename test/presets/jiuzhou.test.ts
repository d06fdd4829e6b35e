/**
 * jiuzhou (000, 客户分配接待轮排制度 九州名座): the office's distinctive
 * clauses, replayed under the preset as it ships.
 */
import { describe, expect, it } from 'vitest';
import { attainment, describeDecision, presetPolicy } from '../../src/index.js';
import { call, deal, duty, endReception, event, find, fresh, given, parts, reception, row, staff, status, visit, walkIns, wang, zhang } from '../support/dsl.js';

const policy = presetPolicy('jiuzhou');
// Two teams; the order is the join order S01, S02, S03, S04.
const team = [staff('S01', { team: 'A' }), staff('S02', { team: 'A' }), staff('S03', { team: 'B' }), staff('S04', { team: 'B' })];



describe('jiuzhou (000): rotation', () => {
  it('000 §6 ROT-ORDER ROT-MISSED-NO-MAKEUP: given S01 still with a visitor when the order comes back round, when the next visitor arrives, then S02 receives and S01 is owed no make-up (不再安排補接)', () => {
    const g = given(team, policy);
    expect(reception(g.when(visit('11-01 10:00', fresh()))).receiver).toBe('S01'); // S01 busy until 11:00
    expect(walkIns(g, '11-01 10:05', '11-01 10:10', '11-01 10:15')).toEqual(['S02', 'S03', 'S04']);
    const passed = reception(g.when(visit('11-01 10:20', fresh())));
    expect(passed.receiver).toBe('S02');
    expect(passed.skipped).toEqual([expect.objectContaining({ staff: 'S01', reason: 'busy', makeUp: false })]);
    g.when(endReception('11-01 10:21', 'S02'));
    g.when(endReception('11-01 10:30', 'S01'));
    // S01 free again: the order goes on with S03, no make-up for S01.
    expect(walkIns(g, '11-01 10:35')).toEqual(['S03']);
  });

  it('000 §21 ROT-MAKEUP-COMPANY: given S02 out on company business for a round, when S02 returns, then the secretary gives S02 one make-up before the order goes on', () => {
    const g = given([...team, status('11-01 09:00', 'S02', 'companyBusiness')], policy);
    expect(walkIns(g, '11-01 10:00', '11-01 10:10', '11-01 10:20')).toEqual(['S01', 'S03', 'S04']);
    g.when(status('11-01 11:00', 'S02', 'onDuty'));
    const made = reception(g.when(visit('11-01 11:10', fresh())));
    expect(made).toMatchObject({ receiver: 'S02', makeUp: true });
    expect(made.rules).toContain('ROT-MAKEUP-COMPANY');
  });

  it('000 §20 ROT-DUTY: given the day\'s duty event names S03 for 12:00-13:30, when a visitor comes at 12:30, then S03 receives, registered but not counted in rotation', () => {
    const g = given([...team, duty('11-01 08:30', ['S03'], [{ from: '12:00', to: '13:30' }])], policy);
    const d = reception(g.when(visit('11-01 12:30', zhang)));
    expect(d).toMatchObject({ receiver: 'S03', counted: false });
    expect(d.rules).toContain('ROT-DUTY');
    expect(g.ownerOf(zhang.phone)).toBe('S03');
    g.when(endReception('11-01 12:40', 'S03'));
    expect(walkIns(g, '11-01 14:00')).toEqual(['S01']);
  });

  it('000 §4 ROT-CARRY: given S02 received the last client of the day, when the next day opens, then S03 is first in order', () => {
    const g = given(team, policy);
    expect(walkIns(g, '11-01 10:00', '11-01 11:00')).toEqual(['S01', 'S02']);
    const next = reception(g.when(visit('11-02 09:30', fresh())));
    expect(next.receiver).toBe('S03');
    expect(next.rules).toContain('ROT-CARRY');
  });
});

describe('jiuzhou (000): old clients and referrals', () => {
  it('000 §8 OWN-FIRST-QUESTION: given S01 received Zhang who did not close, when Zhang comes back and names nobody, then the rotation receiver takes a turn and owns Zhang; S01 loses them', () => {
    const g = given([...team, visit('11-01 10:00', zhang), endReception('11-01 10:30', 'S01')], policy);
    expect(g.ownerOf(zhang.phone)).toBe('S01');
    const step = g.when(visit('11-20 10:00', zhang));
    expect(reception(step)).toMatchObject({ receiver: 'S02', counted: true });
    expect(find(step, 'ownership')).toMatchObject({ owner: 'S02', why: 'unnamedOldClient' });
    expect(find(step, 'ownership').rules).toEqual(expect.arrayContaining(['OWN-FIRST-QUESTION', 'OWN-FIRST']));
    expect(g.ownerOf(zhang.phone)).toBe('S02');
    // The collision says why in words, not its bare code.
    const collision = find(step, 'collision');
    expect(collision).toMatchObject({ owner: 'S01', challenger: 'S02', why: 'unnamedOldClient', outcome: 'challengerWins' });
    expect(describeDecision(g.state, collision)).toMatch(/old client had not closed and named nobody: received in rotation, .*S02.* takes the client/);
  });

  it('000 §8 OWN-NAMED ROT-OLD-CLIENT-NOT-COUNTED: given the same client names S01 on return, then S01 receives without a turn and keeps them (no window in 000)', () => {
    const g = given([...team, visit('11-01 10:00', zhang), endReception('11-01 10:30', 'S01')], policy);
    const step = g.when(visit('12-20 10:00', zhang, { named: 'S01' }));
    expect(reception(step)).toMatchObject({ receiver: 'S01', counted: false });
    expect(g.ownerOf(zhang.phone)).toBe('S01');
    g.when(endReception('12-20 10:30', 'S01'));
    expect(walkIns(g, '12-20 11:00')).toEqual(['S02']);
  });

  it('000 §5 ROT-OLD-CLIENT-NOT-COUNTED OWN-DEAL-PERMANENT: given Zhang signed with S01, when Zhang comes back naming nobody, then S01 receives without a turn and keeps the client', () => {
    const g = given([...team, visit('11-01 10:00', zhang), endReception('11-01 10:30', 'S01'), deal('11-02 10:00', 'D1', 'S01', zhang, 'contract')], policy);
    const d = reception(g.when(visit('11-20 10:00', zhang)));
    expect(d).toMatchObject({ receiver: 'S01', counted: false });
    expect(d.rules).toContain('ROT-OLD-CLIENT-NOT-COUNTED');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('000 §7 REF-UNNAMED: given Zhang is S01\'s client, when Zhang brings Wang along and Wang names nobody, then Wang goes to rotation and belongs to the receiver, not to S01', () => {
    const g = given([...team, visit('11-01 10:00', zhang), endReception('11-01 10:30', 'S01')], policy);
    const step = g.when(visit('11-05 10:00', wang, { referredBy: { phone: zhang.phone }, accompanied: true }));
    expect(reception(step).receiver).toBe('S02');
    expect(find(step, 'ownership').rules).toContain('REF-UNNAMED');
    expect(g.ownerOf(wang.phone)).toBe('S02');
  });

  it('000 §7 REF-CHAIN: given the referred client names S01, then they are S01\'s', () => {
    const g = given([...team, visit('11-01 10:00', zhang), endReception('11-01 10:30', 'S01')], policy);
    g.when(visit('11-05 10:00', wang, { referredBy: { phone: zhang.phone }, named: 'S01' }));
    expect(g.ownerOf(wang.phone)).toBe('S01');
  });
});

describe('jiuzhou (000): calls and phone invitations', () => {
  it('000 §2 OWN-CALL ROT-CALL-ALLOCATION: given a call allocated to S01, when the caller visits and says nobody called them, then they are received in rotation', () => {
    const g = given([...team, visit('11-01 09:00', fresh()), endReception('11-01 09:10', 'S01')], policy);
    const allocated = g.when(event('registerCall', '11-01 09:30', { client: zhang }));
    expect(find(allocated, 'reception')).toMatchObject({ channel: 'call', receiver: 'S01' });
    expect(g.ownerOf(zhang.phone)).toBeNull();
    expect(reception(g.when(visit('11-02 10:00', zhang))).receiver).toBe('S02');
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('000 §2 OWN-PHONE-INVITE: given the secretary identifies S03 as the caller, then S03 receives without using a turn and the order stays', () => {
    const g = given([...team, call('11-01 09:00', zhang, 'S03')], policy);
    const d = reception(g.when(visit('11-02 10:00', zhang, { invitedBy: 'S03' })));
    expect(d).toMatchObject({ receiver: 'S03', counted: false });
    expect(g.ownerOf(zhang.phone)).toBe('S03');
    g.when(endReception('11-02 10:30', 'S03'));
    expect(walkIns(g, '11-02 11:00')).toEqual(['S01']);
  });

  it('000 §2 DEAL-COOPERATION: given a client invited by S03 who named S03 but was served by S02, when S02 closes, then credit is 5:5 and the commission waits for the negotiated split', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S02' }), endReception('11-01 10:30', 'S02')], policy);
    const step = g.when(deal('11-02 10:00', 'D1', 'S02', zhang, 'subscription', { invitedBy: 'S03' }));
    expect(find(step, 'allocation')).toMatchObject({ commission: null });
    expect(find(step, 'allocation').rules).toContain('DEAL-COOPERATION');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 0.5 500000.00', 'S03 0.5 500000.00']);
  });
});

describe('jiuzhou (000): absent owner and commission', () => {
  it('000 §9 DEAL-ABSENT-OWNER: given S01 on leave and a colleague closes S01\'s client, then credit stays with the first registration (S01) and the commission is negotiated', () => {
    const g = given([...team, visit('11-01 10:00', zhang), endReception('11-01 10:30', 'S01'), status('11-05 08:00', 'S01', 'leave')], policy);
    const step = g.when(deal('11-05 15:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation')).toMatchObject({ why: 'absentOwner', commission: null });
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 1 1000000.00']);
  });

  it('000 §14 COM-RATE-TIERS: given red and green both exceeded, then the red-line excess earns 2.5‰ and the rest 2.3‰; with neither met 1.8‰', () => {
    const month = (red: string, green: string, stage: 'loan' | 'subscription') => {
      const g = given([...team, event('setTargets', '11-01 08:00', { staff: 'S01', month: '2026-11', red, green }), visit('11-01 10:00', zhang), deal('11-02 10:00', 'D1', 'S01', zhang, stage)], policy);
      return attainment(g.state, { staff: 'S01', month: '2026-11' })[0]?.commission;
    };
    expect(month('400000', '800000', 'loan')).toBe('2420.00');
    expect(month('2000000', '2000000', 'subscription')).toBe('1800.00');
  });
});

describe('jiuzhou (000): weekly KPIs', () => {
  it('000 §12 KPI-CLOSE-RATE ROT-PENALTY-HALF: given S02 received but closed nothing in a week and S01 closed, when the next week begins, then S02 gets one turn every two rounds', () => {
    const g = given([staff('S1'), staff('S2'), visit('11-02 10:00', zhang, { receiver: 'S1' }), visit('11-02 11:00', wang, { receiver: 'S2' }), deal('11-03 15:00', 'D1', 'S1', zhang)], policy);
    const step = g.when(visit('11-09 09:00', fresh()));
    expect(find(step, 'queue', (d) => d.rules.includes('ROT-PENALTY-HALF')).staff).toEqual(['S2']);
  });
});
