import { describe, expect, it } from 'vitest';
import { dealsOf, describeDecision, type OfficeState } from '../../src/index.js';
import { claim, deal, dispute, find, followUp, given, link, returnClaim, ruling, staff, visit, zhang } from '../support/dsl.js';

const team = [staff('S01'), staff('S02'), staff('S03'), staff('M1', { role: 'manager' }), staff('K1', { role: 'clerk' })];

function creditOf(state: OfficeState, id: string): Record<string, string> {
  const row = dealsOf(state).find((d) => d.deal === id);
  return Object.fromEntries((row?.credit ?? []).map((s) => [s.staff, s.share]));
}

function commissionOf(state: OfficeState, id: string): Record<string, string> {
  const row = dealsOf(state).find((d) => d.deal === id);
  return Object.fromEntries((row?.commission ?? []).map((s) => [s.staff, s.share]));
}

describe('COL-AFTER-DEAL: the deal follows the client to the closer, and only a party can raise it', () => {
  // S01 owns zhang; S02 closes zhang on Nov 2: the split keeps credit with the owner.
  const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-02 15:00', 'D1', 'S02', zhang)];

  it('COL-AFTER-DEAL (002 §2.2.2): given S02 closed a client of S01 on Nov 2, when S02 raises the collision on Nov 8, then the client and the deal go wholly to S02', () => {
    const g = given(base);
    expect(creditOf(g.state, 'D1')).toEqual({ S01: '1' });
    const step = g.when(dispute('11-08 10:00', 'S02', zhang));
    expect(find(step, 'dispute').step).toBe('decided');
    const moved = find(step, 'allocation');
    expect(moved.rules).toContain('COL-AFTER-DEAL');
    expect(describeDecision(g.state, moved)).toContain('closer');
    expect(creditOf(g.state, 'D1')).toEqual({ S02: '1' });
    expect(commissionOf(g.state, 'D1')).toEqual({ S02: '1' });
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('COL-AFTER-DEAL (002 §3.1 当事人): given the same deal, when S03, who never touched the client, raises a dispute, then it is refused and nothing moves', () => {
    const g = given(base);
    const step = g.when(dispute('11-08 10:00', 'S03', zhang));
    expect(find(step, 'dispute')).toMatchObject({ step: 'refused', why: 'notInvolved' });
    expect(step.decisions.some((d) => d.kind === 'allocation')).toBe(false);
    expect(g.ownerOf(zhang.phone)).toBe('S01');
    expect(creditOf(g.state, 'D1')).toEqual({ S01: '1' });
  });

  it('COL-AFTER-DEAL (002 §2.2.2): given S03 closed a client of S01 and S02 registered the same person apart, when the duplicate is found after 3 days, then S03, the closer, gets the client and the deal', () => {
    const other = { name: '张伟', phone: '13500001234' };
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-01 11:00', other, { receiver: 'S02' }), deal('11-02 15:00', 'D1', 'S03', zhang)]);
    const step = g.when(link('11-08 10:00', zhang, other, 'same'));
    expect(find(step, 'collision').rules).toEqual(['COL-AFTER-DEAL']);
    expect(g.ownerOf(zhang.phone)).toBe('S03');
    expect(creditOf(g.state, 'D1')).toEqual({ S03: '1' });
  });

  it('COL-AFTER-DEAL: given the collision is found within 3 days, then the deal keeps its split', () => {
    const g = given(base);
    g.when(claim('11-03 09:30', 'S02', zhang));
    g.when(dispute('11-03 10:00', 'S02', zhang));
    expect(creditOf(g.state, 'D1')).toEqual({ S01: '1' });
  });
});

describe('DSP-QUARREL: a quarrel over a crossed client gives its unit to the department', () => {
  const policy = { disputes: { quarrelTo: 'department' } };
  const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), claim('11-01 16:00', 'S02', zhang), dispute('11-01 16:30', 'S02', zhang)];

  it('DSP-QUARREL (003 §4 发生争吵): given a dealt crossed client, when the ruling finds the parties quarrelled, then the credit and commission go to the department', () => {
    const g = given([...base, deal('11-02 15:00', 'D1', 'S01', zhang)], policy);
    const step = g.when(ruling('11-03 10:00', zhang, { owner: 'S01', finding: 'quarrel', by: 'M1' }));
    expect(find(step, 'dispute').rules).toContain('DSP-QUARREL');
    expect(find(step, 'allocation').rules).toContain('DSP-QUARREL');
    expect(creditOf(g.state, 'D1')).toEqual({ department: '1' });
    expect(commissionOf(g.state, 'D1')).toEqual({ department: '1' });
  });

  it('DSP-QUARREL (003 §4 销售员必须服从): given no deal yet, when a party refuses the ruling, then the deal that comes later goes to the department', () => {
    const g = given(base, policy);
    g.when(ruling('11-02 10:00', zhang, { owner: 'S01', finding: 'refusedRuling', by: 'M1' }));
    const step = g.when(deal('11-05 15:00', 'D1', 'S01', zhang));
    expect(find(step, 'allocation', (d) => d.why === 'reassigned').rules).toContain('DSP-QUARREL');
    expect(creditOf(g.state, 'D1')).toEqual({ department: '1' });
  });

  it('DSP-QUARREL: given the default policy (no department party), then a quarrel finding moves no deal', () => {
    const g = given([...base, deal('11-02 15:00', 'D1', 'S01', zhang)]);
    const step = g.when(ruling('11-03 10:00', zhang, { owner: 'S01', finding: 'quarrel', by: 'M1' }));
    expect(step.decisions.some((d) => d.kind === 'allocation')).toBe(false);
    expect(creditOf(g.state, 'D1')).toEqual({ S01: '1' });
  });
});

describe('CLM-CONFLICT-RETURN: a conflicting claim goes back to its submitter with notice', () => {
  const policy = { claims: { returnWithinHours: 24 } };
  const base = [...team, claim('11-01 09:30', 'S01', zhang)];

  it('CLM-CONFLICT-RETURN (002 §1.4): given S01 claimed zhang, when S02 claims him too, then the claim is refused, to be returned within 24 hours', () => {
    const g = given(base, policy);
    const step = g.when(claim('11-02 09:30', 'S02', zhang));
    const c = find(step, 'claim');
    expect(c).toMatchObject({ outcome: 'refused', why: 'conflictReturn' });
    expect(c.rules).toContain('CLM-CONFLICT-RETURN');
    expect(c.args?.returnBy).toBe(Date.parse('2026-11-03T09:30:00+08:00'));
  });

  it('CLM-CONFLICT-RETURN (002 §1.4 不得继续联系客户): given the clerk returned the claim late, when S02 then follows up the client, then the return is noted late and the follow-up is a contact they were told not to make', () => {
    const g = given([...base, claim('11-02 09:30', 'S02', zhang)], policy);
    const back = g.when(returnClaim('11-03 11:00', 'S02', zhang, { by: 'K1' }));
    expect(find(back, 'claim')).toMatchObject({ outcome: 'returned', args: expect.objectContaining({ late: true }) });
    const step = g.when(followUp('11-04 10:00', 'S02', zhang));
    expect(find(step, 'followUp')).toMatchObject({ kept: false, why: 'afterReturn' });
    expect(find(step, 'followUp').rules).toContain('CLM-CONFLICT-RETURN');
  });

  it('CLM-CONFLICT-RETURN (002 §3.1, DSP-PROCESS): given the claim was returned on Nov 3, when S02 disputes that day and the manager rules for S02, then the ruling overturns it', () => {
    const g = given([...base, claim('11-02 09:30', 'S02', zhang), returnClaim('11-03 09:00', 'S02', zhang)], policy);
    expect(find(g.when(dispute('11-03 10:00', 'S02', zhang)), 'dispute').step).toBe('raised');
    g.when(ruling('11-03 16:00', zhang, { owner: 'S02', by: 'M1' }));
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('CLM-CONFLICT-RETURN: given no conflicting claim of S02, then a return notice is kept on record and changes nothing', () => {
    const g = given(base, policy);
    const before = g.state.ownership;
    const step = g.when(returnClaim('11-02 09:00', 'S02', zhang));
    expect(find(step, 'claim')).toMatchObject({ outcome: 'returned', why: 'nothingToReturn' });
    expect(g.state.ownership).toBe(before);
  });

  it('CLM-CONFLICT-RETURN: given the default policy, a conflicting claim is only refused (COL-EARLIEST)', () => {
    const g = given(base);
    const step = g.when(claim('11-02 09:30', 'S02', zhang));
    expect(find(step, 'claim')).toMatchObject({ outcome: 'refused', why: 'earlierOwner' });
  });
});
