import { describe, expect, it } from 'vitest';
import { values } from '../../src/kernel/map.js';
import { explain, owners, type PolicyInput } from '../../src/index.js';
import { cites, claim, deal, dispute, find, given, link, ruling, staff, visit, wang, zhang } from '../support/dsl.js';

const team = [staff('S01'), staff('S02'), staff('S03'), staff('M1', { role: 'manager' }), staff('V1', { role: 'supervisor' })];

describe('COL-EARLIEST: two claims on one client: the earlier claim wins', () => {
  it('given S01 claimed first, when S02 claims the same client, then S02 is refused and must hand it over', () => {
    const g = given([...team, claim('11-01 09:30', 'S01', zhang)]);
    const step = g.when(claim('11-02 09:30', 'S02', zhang));
    const c = find(step, 'collision');
    expect(c).toMatchObject({ owner: 'S01', challenger: 'S02', outcome: 'ownerKeeps' });
    expect(c.rules).toContain('COL-EARLIEST');
    expect(find(step, 'claim').outcome).toBe('refused');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('given the same person registered twice under different phones, when linked as the same, then the earlier registration wins', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S02' }), visit('11-02 10:00', { name: '张伟', phone: '13500001234' }, { receiver: 'S01' })]);
    const step = g.when(link('11-03 10:00', { phone: '13500001234' }, zhang, 'same'));
    expect(find(step, 'collision').rules).toContain('COL-EARLIEST');
    expect(owners(g.state)).toHaveLength(1);
    expect(g.ownerOf('13500001234')).toBe('S02');
  });
});

describe('COL-AFTER-DEAL: a collision found more than 3 days after the deal goes to the closer', () => {
  // 002 §2.2.2; the default has no after-deal rule.
  const afterDeal: PolicyInput = { collisions: { afterDealDays: 3 } };
  const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-02 10:00', { name: '张伟', phone: '13500001234' }, { receiver: 'S02' }), deal('11-03 15:00', 'D1', 'S02', { phone: '13500001234' })];

  it('given S02 closed on Nov 3, when the duplicate is found on Nov 10, then S02 keeps the client', () => {
    const g = given(base, afterDeal);
    const step = g.when(link('11-10 10:00', zhang, { phone: '13500001234' }, 'same'));
    expect(find(step, 'collision').rules).toEqual(['COL-AFTER-DEAL']);
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('given S02 closed on Nov 3, when the duplicate is found on Nov 5, then the earlier registration (S01) wins', () => {
    const g = given(base, afterDeal);
    const step = g.when(link('11-05 10:00', zhang, { phone: '13500001234' }, 'same'));
    expect(find(step, 'collision').rules).toContain('COL-EARLIEST');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('given a dispute raised more than 3 days after the deal, then it is decided for the closer at once', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-02 15:00', 'D1', 'S01', zhang), claim('11-08 09:30', 'S02', zhang)], afterDeal);
    const step = g.when(dispute('11-08 10:00', 'S02', zhang));
    expect(find(step, 'dispute').step).toBe('decided');
    expect(find(step, 'dispute').rules).toContain('COL-AFTER-DEAL');
  });

  // "在签约或认购三日后": the days count from the stage the policy names, not from an earlier deposit.
  const fromSubscription: PolicyInput = { collisions: { afterDealDays: 3, afterDealStage: 'subscription' } };
  const depositFirst = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-01 15:00', 'D1', 'S02', zhang, 'smallDeposit'), deal('11-10 15:00', 'D1', 'S02', zhang, 'subscription')];

  it('given a small deposit on Nov 1 and the subscription on Nov 10, when a dispute is raised on Nov 12, then it is not yet after the deal', () => {
    const g = given(depositFirst, fromSubscription);
    const step = g.when(dispute('11-12 10:00', 'S01', zhang));
    expect(find(step, 'dispute').step).toBe('raised');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('given the same deal, when the dispute is raised on Nov 14, more than 3 days after the subscription, then the closer wins', () => {
    const g = given(depositFirst, fromSubscription);
    const step = g.when(dispute('11-14 10:00', 'S01', zhang));
    expect(find(step, 'dispute')).toMatchObject({ step: 'decided', args: { closer: 'S02' } });
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('given a deal that went straight to contract, then the days count from the contract (it is past the subscription stage)', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-01 15:00', 'D1', 'S02', zhang, 'smallDeposit'), deal('11-10 15:00', 'D1', 'S02', zhang, 'contract')], fromSubscription);
    expect(find(g.when(dispute('11-12 10:00', 'S01', zhang)), 'dispute').step).toBe('raised');
  });
});

describe('COL-COMPANY-VS-PERSON: decided by the name on the contract', () => {
  it('given S01 claimed the company and S02 the person, when the contract is in the company name, then S01 wins', () => {
    const company = { company: '华远公司', contact: '赵强', phone: '13811112222' };
    const person = { name: '赵强', phone: '13922223333' };
    const g = given([...team, claim('11-01 09:30', 'S02', person), claim('11-02 09:30', 'S01', company), link('11-03 10:00', company, person, 'companyContact')], { collisions: { companyVsPerson: 'contractName' } });
    expect(g.ownerOf(person.phone)).toBe('S02');
    const step = g.when(deal('11-04 15:00', 'D1', 'S02', person, 'subscription', { buyer: { company: '华远公司' } }));
    expect(find(step, 'ownership', (d) => d.owner === 'S01').rules).toContain('COL-COMPANY-VS-PERSON');
    expect(g.ownerOf(person.phone)).toBe('S01');
  });

  it('given the contract is in the person\'s name, then the person\'s claim (S02) stands', () => {
    const company = { company: '华远公司', contact: '赵强', phone: '13811112222' };
    const person = { name: '赵强', phone: '13922223333' };
    const g = given([...team, claim('11-01 09:30', 'S02', person), claim('11-02 09:30', 'S01', company), link('11-03 10:00', company, person, 'companyContact')], { collisions: { companyVsPerson: 'contractName' } });
    g.when(deal('11-04 15:00', 'D1', 'S02', person, 'subscription', { buyer: { name: '赵强' } }));
    expect(g.ownerOf(person.phone)).toBe('S02');
  });
});

describe('COL-SAME-DAY: claims of one client on one day: the manager rules', () => {
  const policy = { collisions: { sameDay: 'ruling' as const } };

  it('given S01 claimed at 09:10, when S02 claims the same day, then the claim awaits a ruling and S01 holds it', () => {
    const g = given([...team, claim('11-01 09:10', 'S01', zhang)], policy);
    const step = g.when(claim('11-01 09:40', 'S02', zhang));
    expect(find(step, 'collision').outcome).toBe('awaitingRuling');
    expect(find(step, 'claim').outcome).toBe('pending');
    expect(g.statusOf(zhang.phone)).toBe('disputed');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('given the ruling for S02 from the daily reports, then S02 owns the client and the ruling cites COL-SAME-DAY', () => {
    const g = given([...team, claim('11-01 09:10', 'S01', zhang), claim('11-01 09:40', 'S02', zhang)], policy);
    const step = g.when(ruling('11-01 18:00', zhang, { owner: 'S02', by: 'M1' }));
    expect(find(step, 'dispute').rules).toEqual(expect.arrayContaining(['DSP-PROCESS', 'COL-SAME-DAY']));
    expect(g.ownerOf(zhang.phone)).toBe('S02');
    expect(g.statusOf(zhang.phone)).toBe('protected');
  });

  it('given the default policy (earliest), a same-day claim is simply refused', () => {
    const g = given([...team, claim('11-01 09:10', 'S01', zhang)]);
    const step = g.when(claim('11-01 09:40', 'S02', zhang));
    expect(find(step, 'collision').outcome).toBe('ownerKeeps');
  });
});

describe('COL-CROSS-FAMILY: two staff each registered a member of one family', () => {
  it('given S01 registered the husband and S02 the wife, when found to be spouses, then the first registrant keeps the client and S02 is kept for the split', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-02 10:00', wang, { receiver: 'S02' })]);
    const step = g.when(link('11-03 10:00', zhang, wang, 'spouse'));
    expect(find(step, 'collision').rules).toEqual(expect.arrayContaining(['COL-CROSS-FAMILY', 'ID-FAMILY']));
    expect(g.ownerOf(wang.phone)).toBe('S01');
    expect(g.state.ownership.files.size).toBe(1);
    const [merged] = values(g.state.ownership.files);
    expect(merged?.x.crossFamily).toEqual([{ staff: 'S02', event: expect.any(String) }]);
  });

  it('given a family priority (004l: spouse, parents, children, siblings), the registrant of the closer relation wins over the first registrant', () => {
    const parent = { name: '张父', phone: '13733334444' };
    const g = given([...team, visit('11-01 10:00', parent, { receiver: 'S02' }), visit('11-02 10:00', zhang, { receiver: 'S01' }), visit('11-02 11:00', wang, { receiver: 'S03' })], { identity: { familyPriority: ['spouse', 'parent', 'child', 'sibling', 'relative'] } });
    g.when(link('11-03 10:00', zhang, wang, 'spouse'));
    g.when(link('11-03 11:00', zhang, parent, 'parent'));
    // the parent registered first, but the buyer's own registrant ranks first, then the spouse's, then the parent's
    expect(g.ownerOf(zhang.phone)).toBe('S01');
    expect(g.ownerOf(parent.phone)).toBe('S01');
  });
});

describe('DSP-PROCESS: dispute same day, mediation, ruling; appeals fine the loser', () => {
  const collided = [...team, claim('11-01 09:30', 'S01', zhang), claim('11-02 09:30', 'S02', zhang)];

  const fines002: PolicyInput = { disputes: { appealFailedFine: '400', overturnFine: '500' } };

  it('given a collision on Nov 2, when S02 raises a dispute the same day, then it is open and the client is disputed', () => {
    const g = given(collided);
    const step = g.when(dispute('11-02 15:00', 'S02', zhang));
    expect(find(step, 'dispute').step).toBe('raised');
    expect(g.statusOf(zhang.phone)).toBe('disputed');
  });

  it('given raiseSameDay (002 §3) and a collision on Nov 2, when S02 raises it a day later, then the dispute is refused', () => {
    const g = given(collided, { disputes: { raiseSameDay: true } });
    const step = g.when(dispute('11-03 10:00', 'S02', zhang));
    expect(find(step, 'dispute').step).toBe('refused');
    expect(find(step, 'dispute').rules).toEqual(['DSP-PROCESS']);
  });

  it('given a raised dispute, mediation then the manager ruling decide, keeping the overridden owner in history', () => {
    const g = given([...collided, dispute('11-02 15:00', 'S02', zhang)]);
    const mediated = g.when(ruling('11-02 16:00', zhang, { level: 'supervisor', owner: 'S01', by: 'V1' }));
    expect(find(mediated, 'dispute').step).toBe('mediated');
    const ruled = g.when(ruling('11-02 17:00', zhang, { level: 'manager', owner: 'S02', by: 'M1' }));
    expect(find(ruled, 'dispute').step).toBe('ruled');
    expect(find(ruled, 'ownership').previous).toBe('S01');
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('given the fines of 002 §4 and a manager ruling for S02, when S01 appeals and fails, then S01 is fined 400', () => {
    const g = given([...collided, dispute('11-02 15:00', 'S02', zhang), ruling('11-02 17:00', zhang, { owner: 'S02', by: 'M1' })], fines002);
    const step = g.when(ruling('11-05 10:00', zhang, { level: 'appeal', appellant: 'S01', owner: 'S02' }));
    expect(find(step, 'penalty')).toMatchObject({ staff: 'S01', amount: '400.00' });
    expect(find(step, 'dispute').step).toBe('appealFailed');
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('given the fines of 002 §4 and a manager ruling for S02, when S01 appeals and it is overturned, then the manager is fined 500 and S01 owns', () => {
    const g = given([...collided, dispute('11-02 15:00', 'S02', zhang), ruling('11-02 17:00', zhang, { owner: 'S02', by: 'M1' })], fines002);
    const step = g.when(ruling('11-05 10:00', zhang, { level: 'appeal', appellant: 'S01', owner: 'S01' }));
    expect(find(step, 'penalty')).toMatchObject({ staff: 'M1', amount: '500.00' });
    expect(cites(step, 'PEN-FINES')).toBe(true);
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('given policy fines of 300 and 600, the appeal fines follow the policy', () => {
    const g = given([...collided, dispute('11-02 15:00', 'S02', zhang), ruling('11-02 17:00', zhang, { owner: 'S02', by: 'M1' })], { disputes: { appealFailedFine: '300', overturnFine: '600' } });
    const step = g.when(ruling('11-05 10:00', zhang, { level: 'appeal', appellant: 'S01', owner: 'S02' }));
    expect(find(step, 'penalty').amount).toBe('300.00');
  });

  it('given a ruling that sends the client to the public pool, the client has no owner', () => {
    const g = given([...collided, dispute('11-02 15:00', 'S02', zhang)]);
    g.when(ruling('11-02 17:00', zhang, { owner: null, by: 'M1' }));
    expect(g.statusOf(zhang.phone)).toBe('pool');
  });
});

describe('ID-MATCH: a merged client tells one story in time order', () => {
  it('given two files merged as the same person, when explained, then the decisions are in time order', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S02' }), visit('11-02 10:00', { name: '张伟', phone: '13500001234' }, { receiver: 'S01' }), visit('11-03 10:00', zhang), link('11-04 10:00', { phone: '13500001234' }, zhang, 'same')]);
    const times = explain(g.state, '13500001234').decisions.map((d) => d.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBeGreaterThanOrEqual(4);
  });
});
