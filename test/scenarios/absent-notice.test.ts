/**
 * An away salesperson's notice that a client might come (registerVisit.ownerNotice):
 * 004l §3 assists an old client out of turn only with it (ROT-ABSENT-OWNER-ASSIST),
 * and 004e §5 lifts the absent named salesperson's split with it (DEAL-ABSENT-OWNER).
 */
import { describe, expect, it } from 'vitest';
import { fromSnapshot, toSnapshot, type DecisionOf, type PolicyInput, type Step } from '../../src/index.js';
import { deal, event, find, given, parts, row, staff, visit, wang, zhang } from '../support/dsl.js';

const team = [staff('S01'), staff('S02'), staff('S03'), staff('M1', { role: 'manager' })];
const reception = (step: Step): DecisionOf<'reception'> => find(step, 'reception');
// zhang is S01's; S01 is off on Nov 5.
const away = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), event('changeStaff', '11-05 08:00', { staff: 'S01', status: 'off' })];

describe('ROT-ABSENT-OWNER-ASSIST under rotation.absentOwnerNotice (004l §3)', () => {
  const notice: PolicyInput = { rotation: { absentOwnerNotice: true } };

  it('ROT-ABSENT-OWNER-ASSIST: given the default (no notice needed), when zhang comes while S01 is off, then the last in line assists him without a turn', () => {
    const d = reception(given(away).when(visit('11-05 10:00', zhang)));
    expect(d).toMatchObject({ counted: false, turns: 0 });
    expect(d.rules).toContain('ROT-ABSENT-OWNER-ASSIST');
  });

  it('ROT-ABSENT-OWNER-ASSIST ROT-ORDER: given absentOwnerNotice, when zhang comes while S01 is off and told no one, then the first in line receives him with a turn, and he stays S01\'s', () => {
    const g = given(away, notice);
    const d = reception(g.when(visit('11-05 10:00', zhang)));
    expect(d).toMatchObject({ receiver: 'S02', counted: true, turns: 1, args: { absentOwner: 'S01', noNotice: true } });
    expect(d.rules).toEqual(expect.arrayContaining(['ROT-ABSENT-OWNER-ASSIST', 'ROT-ORDER']));
    expect(g.ownerOf(zhang.phone)).toBe('S01');
    // The turn was used: the next walk-in goes to the one after.
    expect(reception(g.when(visit('11-05 11:00', wang))).receiver).toBe('S03');
  });

  it('ROT-ABSENT-OWNER-ASSIST: given absentOwnerNotice, when zhang comes while S01 is off and had told a colleague, then he is assisted without a turn', () => {
    const d = reception(given(away, notice).when(visit('11-05 10:00', zhang, { ownerNotice: true })));
    expect(d).toMatchObject({ counted: false, turns: 0 });
    expect(d.rules).toEqual(expect.arrayContaining(['ROT-ABSENT-OWNER-ASSIST', 'ROT-OLD-CLIENT-NOT-COUNTED']));
  });

  it('ROT-DEPOSIT-ONLY ROT-ABSENT-OWNER-ASSIST: given absentOwnerNotice, when zhang comes to pay a deposit while S01 is off and told no one, then it is still no turn, as for any visitor, and the order does not move', () => {
    const g = given(away, notice);
    const d = reception(g.when(visit('11-05 10:00', zhang, { purpose: 'deposit', receiver: 'S03' })));
    expect(d).toMatchObject({ receiver: 'S03', counted: false, turns: 0, args: { absentOwner: 'S01', noNotice: true, purpose: 'deposit' } });
    expect(d.rules).toEqual(expect.arrayContaining(['ROT-DEPOSIT-ONLY', 'ROT-ABSENT-OWNER-ASSIST']));
    expect(reception(g.when(visit('11-05 11:00', wang))).receiver).toBe('S02');
  });

  it('ROT-TEAM-ASSIST: given absentOwnerNotice with team assists, when the owner told no one, then the note cites the team rule and the visitor takes a turn', () => {
    const d = reception(given(away, { rotation: { absentOwnerNotice: true, absentOwner: 'team' } }).when(visit('11-05 10:00', zhang)));
    expect(d).toMatchObject({ counted: true, args: { noNotice: true } });
    expect(d.rules).toContain('ROT-TEAM-ASSIST');
    expect(d.rules).not.toContain('ROT-ABSENT-OWNER-ASSIST');
  });

  it('ROT-OLD-CLIENT-NOT-COUNTED: given absentOwnerNotice, when S01 is on duty, then the notice rule does not apply: S01 receives zhang', () => {
    const d = reception(given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], { rotation: { absentOwnerNotice: true } }).when(visit('11-05 10:00', zhang)));
    expect(d).toMatchObject({ receiver: 'S01', counted: false });
    expect(d.args).not.toHaveProperty('noNotice');
  });
});

describe('DEAL-ABSENT-OWNER under deals.splits.absentNamedUnlessNotice (004e §5)', () => {
  const offS03 = [...team, event('changeStaff', '11-02 08:00', { staff: 'S03', status: 'off' })];
  const split: PolicyInput = { deals: { splits: { absentNamed: {}, absentNamedUnlessNotice: true } } };

  it('DEAL-ABSENT-OWNER OWN-NAMED: given the notice lifts the split, when a new client names S03, who is off but gave notice, and S01 closes, then S03 keeps credit and commission', () => {
    const g = given([...offS03, visit('11-02 10:00', wang, { named: 'S03', receiver: 'S01', ownerNotice: true })], split);
    const d = find(g.when(deal('11-02 15:00', 'D1', 'S01', wang)), 'allocation');
    expect(d).toMatchObject({ why: 'absentNamedNotice', args: { holder: 'S03', closer: 'S01' } });
    expect(d.rules).toEqual(expect.arrayContaining(['DEAL-ABSENT-OWNER', 'OWN-NAMED']));
    expect(parts(row(g.state, 'D1').credit).map((p) => p.split(' ')[0])).toEqual(['S03']);
  });

  it('DEAL-ABSENT-OWNER: given the notice lifts the split, when S03 gave no notice, then the absentNamed split applies (credit to the closer, commission 5:5)', () => {
    const g = given([...offS03, visit('11-02 10:00', wang, { named: 'S03', receiver: 'S01' })], split);
    expect(find(g.when(deal('11-02 15:00', 'D1', 'S01', wang)), 'allocation').why).toBe('absentNamed');
  });

  it('DEAL-ABSENT-OWNER: given absentNamed alone (the notice lifts nothing), when S03 gave notice, then the split applies all the same', () => {
    const g = given([...offS03, visit('11-02 10:00', wang, { named: 'S03', receiver: 'S01', ownerNotice: true })], { deals: { splits: { absentNamed: {} } } });
    expect(find(g.when(deal('11-02 15:00', 'D1', 'S01', wang)), 'allocation').why).toBe('absentNamed');
  });

  it('DEAL-ABSENT-OWNER: given the notice is on record, when the state goes through a snapshot, then the deal after it is decided the same (the notice is kept: without it the split would apply)', () => {
    const g = given([...offS03, visit('11-02 10:00', wang, { named: 'S03', receiver: 'S01', ownerNotice: true })], split);
    const back = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(g.state))));
    if (!back.ok) throw new Error(back.issues.map((i) => i.message).join('; '));
    const again = given([], split);
    again.state = back.state;
    expect(find(again.when(deal('11-02 15:00', 'D1', 'S01', wang)), 'allocation').why).toBe('absentNamedNotice');
  });
});
