import { describe, expect, it } from 'vitest';
import { describeDecision, findClient, finesLedger } from '../../src/index.js';
import { claim, dispute, find, given, ruling, staff, t, visit, wang, zhang, liu } from '../support/dsl.js';

const team = [staff('S01', { team: 'A' }), staff('S02', { team: 'B' }), staff('S03', { team: 'B' }), staff('M1', { role: 'manager' })];

describe('REG-DISCIPLINE: every contact is entered the same day', () => {
  // Team A met zhang on Nov 1 but entered the visit only on Nov 3; team B registered him on Nov 2.
  const late = visit('11-03 10:00', zhang, { receiver: 'S01', contactAt: t('11-01 10:00') });
  const onTime = visit('11-02 10:00', zhang, { receiver: 'S02' });

  it('REG-DISCIPLINE (004j §1.1 如因漏报客户导致撞单, 责任由漏报客户方的销售团队负责): given same-day entry, when team A enters an earlier contact late, then it cannot win: S02 keeps zhang', () => {
    const g = given([...team, onTime], { registration: { sameDayEntry: true } });
    const step = g.when(late);
    expect(find(step, 'registration').rules).toContain('REG-DISCIPLINE');
    const col = find(step, 'collision');
    expect(col).toMatchObject({ owner: 'S02', challenger: 'S01', outcome: 'ownerKeeps', args: expect.objectContaining({ enteredLate: true }) });
    expect(col.rules).toContain('REG-DISCIPLINE');
    expect(describeDecision(g.state, col)).toContain('omitted');
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('REG-DISCIPLINE: given the default policy, a late entry counts from its contact and the earlier contact wins', () => {
    const g = given([...team, onTime]);
    const step = g.when(late);
    expect(find(step, 'collision')).toMatchObject({ outcome: 'challengerWins', why: 'earlierContact' });
    expect(g.ownerOf(zhang.phone)).toBe('S01');
    expect(find(step, 'ownership', (d) => d.owner === 'S01').protectionEndsAt).toBe(Date.parse('2026-11-17T00:00:00+08:00'));
  });

  it('REG-DISCIPLINE (004j §1.1 不允许漏报): given same-day entry, a late entry of a new client still registers, from its entry, flagged as omitted', () => {
    const g = given(team, { registration: { sameDayEntry: true } });
    const step = g.when(visit('11-03 10:00', wang, { receiver: 'S01', contactAt: t('11-01 10:00') }));
    expect(find(step, 'registration')).toMatchObject({ day: '2026-11-03', args: expect.objectContaining({ fromEntry: true }) });
    expect(find(step, 'ownership').protectionEndsAt).toBe(Date.parse('2026-11-19T00:00:00+08:00'));
  });

  it('REG-DISCIPLINE (004j §1.2 私自涂改, 按恶意抢单处理): given a fine for altering the book, when a ruling finds S02 altered it, then S02 is fined and the ruling cites REG-DISCIPLINE', () => {
    const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), claim('11-01 16:00', 'S02', zhang), dispute('11-01 16:30', 'S02', zhang)];
    const fined = given(base, { registration: { alteredBookFine: '200' } });
    const step = fined.when(ruling('11-02 10:00', zhang, { owner: 'S01', finding: 'alteredBook', violator: 'S02', by: 'M1' }));
    // The fine is an entry of the fines ledger (PEN-FINES), exact to the cent.
    expect(find(step, 'penalty')).toMatchObject({ staff: 'S02', amount: '200.00', violation: 'alteredBook', month: '2026-11', day: '2026-11-02' });
    expect(find(step, 'penalty').rules).toEqual(expect.arrayContaining(['REG-DISCIPLINE', 'PEN-FINES']));
    expect(finesLedger(fined.state).map((f) => [f.staff, f.amount, f.violation])).toEqual([['S02', '200.00', 'alteredBook']]);
    const unfined = given(base);
    const plain = unfined.when(ruling('11-02 10:00', zhang, { owner: 'S01', finding: 'alteredBook', violator: 'S02', by: 'M1' }));
    expect(plain.decisions.some((d) => d.kind === 'penalty')).toBe(false);
    expect(find(plain, 'dispute').rules).toContain('REG-DISCIPLINE');
  });
});

describe('REG-REAL-BUYER: a 带看 visit registers the real buyer', () => {
  it('REG-REAL-BUYER (004l §7.1 问明真正购房客户信息并进行登记): given wang views for liu and S01 registers liu, then liu belongs to S01', () => {
    const g = given(team);
    const step = g.when(visit('11-02 10:00', wang, { receiver: 'S01', realBuyer: liu }));
    expect(find(step, 'ownership', (d) => d.why === 'realBuyer').rules).toEqual(expect.arrayContaining(['REG-REAL-BUYER', 'OWN-FIRST']));
    expect(g.ownerOf(liu.phone)).toBe('S01');
  });

  it('REG-REAL-BUYER (004l §7.1 客户信息首登制): given S02 registered liu first, then the buyer stays with S02', () => {
    const g = given([...team, visit('11-01 10:00', liu, { receiver: 'S02' })]);
    const step = g.when(visit('11-02 10:00', wang, { receiver: 'S01', realBuyer: liu }));
    expect(find(step, 'collision', (d) => d.owner === 'S02').rules).toContain('REG-REAL-BUYER');
    expect(g.ownerOf(liu.phone)).toBe('S02');
  });

  it('REG-REAL-BUYER: given the policy does not register real buyers, then liu is not on record', () => {
    const g = given(team, { registration: { realBuyer: false } });
    g.when(visit('11-02 10:00', wang, { receiver: 'S01', realBuyer: liu }));
    expect(findClient(g.state, liu.phone)).toBeUndefined();
  });
});
