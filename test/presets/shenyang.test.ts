/**
 * shenyang (004j 沈阳x城销售业务管理制度): the office's distinctive clauses,
 * replayed under the preset.
 */
import { describe, expect, it } from 'vitest';
import { presetPolicy, type DecisionOf, type Step } from '../../src/index.js';
import { call, deal, event, find, followUp, given, parts, row, staff, status, t, visit, zhang } from '../support/dsl.js';
import { withFlatRate } from '../support/rates.js';

// The seed names no commission rate: a flat 1.8‰ shows the commission's shares as amounts.
const policy = withFlatRate(presetPolicy('shenyang'));
const team = [staff('S01', { team: 'A' }), staff('S02', { team: 'A' }), staff('S03', { team: 'B' }), staff('S04', { team: 'B' }), staff('M1', { role: 'manager' })];
const reception = (step: Step): DecisionOf<'reception'> => find(step, 'reception');

describe('shenyang (004j)', () => {
  it('004j §2.2 OWN-VALIDITY: given a call on Nov 1 and a visit on Nov 1, then the call protects 7 days and the visit 15', () => {
    const called = given([...team, call('11-01 10:00', zhang, 'S01')], policy);
    expect(called.ownerOf(zhang.phone, '11-08 23:00')).toBe('S01');
    expect(called.ownerOf(zhang.phone, '11-09 00:00')).toBeNull();
    const visited = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], policy);
    expect(visited.ownerOf(zhang.phone, '11-16 23:00')).toBe('S01');
    expect(visited.ownerOf(zhang.phone, '11-17 00:00')).toBeNull();
  });

  it('004j §2.2 OWN-FOLLOWUP OWN-VALIDITY: given a call on Nov 1 and only an ineffective contact on Nov 6, when zhang calls again on Nov 10, then he is the new consultant S02\'s; an effective contact on Nov 6 keeps him with S01', () => {
    const base = [...team, call('11-01 10:00', zhang, 'S01')];
    const missed = given(base, policy);
    const attempt = missed.when(followUp('11-06 10:00', 'S01', zhang, { channel: 'call', effective: false }));
    expect(find(attempt, 'followUp')).toMatchObject({ kept: false, why: 'notEffective' });
    expect(find(attempt, 'followUp').rules).toEqual(expect.arrayContaining(['OWN-FOLLOWUP', 'OWN-VALIDITY']));
    missed.when(call('11-10 10:00', zhang, 'S02'));
    expect(missed.ownerOf(zhang.phone)).toBe('S02');
    const reached = given(base, policy);
    expect(find(reached.when(followUp('11-06 10:00', 'S01', zhang, { channel: 'call', effective: true })), 'followUp').kept).toBe(true);
    reached.when(call('11-10 10:00', zhang, 'S02'));
    expect(reached.ownerOf(zhang.phone)).toBe('S01');
  });

  it('004j §2.2 OWN-VALIDITY: given a call on Nov 1, when zhang calls S01 again on Nov 6 (a contact within the window), then the window runs from Nov 6 and S02 cannot take him on Nov 10', () => {
    const g = given([...team, call('11-01 10:00', zhang, 'S01'), call('11-06 10:00', zhang, 'S01')], policy);
    const step = g.when(call('11-10 10:00', zhang, 'S02'));
    expect(find(step, 'collision').outcome).toBe('ownerKeeps');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
    expect(g.ownerOf(zhang.phone, '11-14 00:00')).toBeNull();
  });

  it('004j §2.2 OWN-DEAL-PERMANENT: given a visit on Nov 1, when zhang subscribes within the 15 days, then he is S01\'s old client for good', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], policy);
    const step = g.when(deal('11-10 15:00', 'D1', 'S01', zhang, 'subscription'));
    expect(find(step, 'ownership', (d) => d.status === 'permanent').rules).toContain('OWN-DEAL-PERMANENT');
    expect(g.ownerOf(zhang.phone, '12-30 10:00')).toBe('S01');
  });

  it('004j §2.1 REG-CALL-BEFORE-VISIT: given S01 registered zhang\'s visit at 10:00, when S02 registers his call the same day, then the call comes first and zhang is S02\'s', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], policy);
    const step = g.when(call('11-01 15:00', zhang, 'S02'));
    expect(find(step, 'collision')).toMatchObject({ outcome: 'challengerWins', rules: ['REG-CALL-BEFORE-VISIT'] });
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('004j §1.3 REG-CUTOFF REG-CALL-BEFORE-VISIT: given a visit entered at 19:00 on Nov 1, then it counts for Nov 2: its 15 days start on Nov 2, and a call entered on Nov 2 is the same day and comes first', () => {
    const g = given(team, policy);
    const step = g.when(visit('11-01 19:00', zhang, { receiver: 'S01' }));
    expect(find(step, 'registration')).toMatchObject({ day: '2026-11-02' });
    expect(find(step, 'registration').rules).toContain('REG-CUTOFF');
    expect(find(step, 'ownership').protectionEndsAt).toBe(Date.parse(t('11-18 00:00')));
    expect(g.ownerOf(zhang.phone, '11-17 10:00')).toBe('S01');
    g.when(call('11-02 09:00', zhang, 'S02'));
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('004j §1.1 REG-DISCIPLINE: given S02 took zhang\'s call on Nov 1 but entered it only on Nov 3, when S01 registered his visit on Nov 2, then S01 keeps him: the omitting side bears the collision', () => {
    const g = given([...team, visit('11-02 10:00', zhang, { receiver: 'S01' })], policy);
    const step = g.when(call('11-03 10:00', zhang, 'S02', { contactAt: t('11-01 10:00') }));
    expect(find(step, 'collision').outcome).toBe('ownerKeeps');
    expect(find(step, 'collision').rules).toContain('REG-DISCIPLINE');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('004j §2.4 ROT-TEAM-ASSIST DEAL-ABSENT-OWNER: given zhang asks for S01 (team A), who is away, when S01\'s teammate S02 receives and closes him, then the team decides the credit: the commission waits for its splitDeal, which then holds', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), status('11-03 08:00', 'S01', 'off')], policy);
    const d = reception(g.when(visit('11-03 10:00', zhang, { named: 'S01' })));
    expect(d.receiver).toBe('S02');
    expect(d.rules).toContain('ROT-TEAM-ASSIST');
    const closed = g.when(deal('11-03 16:00', 'D1', 'S02', zhang));
    expect(find(closed, 'allocation').rules).toContain('DEAL-ABSENT-OWNER');
    expect(row(g.state, 'D1').commission).toBeNull();
    g.when(event('splitDeal', '11-04 10:00', { deal: 'D1', credit: [{ staff: 'S02', share: '1' }], commission: [{ staff: 'S01', share: '3' }, { staff: 'S02', share: '7' }], by: 'M1' }));
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 0.3 540.00', 'S02 0.7 1260.00']);
  });
});
