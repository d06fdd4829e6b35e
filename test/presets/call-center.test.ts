/**
 * call-center (001, 碧桂园电开管理制度): telemarketers invite clients, the
 * sales-group leader assigns the receiver, converted visits earn a fixed bonus.
 */
import { describe, expect, it } from 'vitest';
import { attainment, ledgerEntries, policySchema, presetPolicy, presets, type PolicyInput } from '../../src/index.js';
import { arrival, deal, endReception, event, find, given, invitation, outbound, reception, staff, visit, walkIns, wang, zhang, type Given } from '../support/dsl.js';

const policy = presetPolicy('call-center');
// Six sales groups in the seed; two salespeople and one telemarketer each are enough here.
const team = [staff('S01', { team: 'A' }), staff('S02', { team: 'A' }), staff('S03', { team: 'B' }), staff('T1', { role: 'telemarketer', team: 'A' }), staff('L1', { role: 'manager', team: 'A' })];

const bonusOf = (g: Given) => ledgerEntries(g.state, { account: 'bonus' }).map((e) => `${e.staff} ${e.amount}`);

describe('call-center (001): invited visits', () => {
  it('001 二.2 五.2 ROT-INVITED-VISIT KPI-INVITE-CONFIRM: given T1 invited Zhang and the group leader assigned S03, when Zhang contacts T1 on arrival, then S03 receives and the front-desk order stays', () => {
    const g = given(team, policy);
    const d = reception(g.when(visit('11-01 10:00', zhang, { invitedBy: 'T1', receiver: 'S03' })));
    expect(d).toMatchObject({ receiver: 'S03', counted: false });
    expect(d.rules).toEqual(['ROT-INVITED-VISIT']);
    expect(g.ownerOf(zhang.phone)).toBe('S03');
    g.when(endReception('11-01 10:30', 'S03'));
    expect(walkIns(g, '11-01 11:00', '11-01 11:10')).toEqual(['S01', 'S02']);
  });

  it('001 二.2 ROT-INVITED-VISIT: given an invited client who does not contact the telemarketer on arrival, then they are received as a new walk-in (按新訪客戶接待)', () => {
    const g = given(team, policy);
    const d = reception(g.when(visit('11-01 10:00', zhang)));
    expect(d).toMatchObject({ receiver: 'S01', counted: true });
    expect(d.rules).not.toContain('ROT-INVITED-VISIT');
  });

  it('001 五.2 ROT-INVITED-VISIT: given the leader assigned nobody yet, then the queue receives and the trace says the invitation', () => {
    const g = given(team, policy);
    const d = reception(g.when(visit('11-01 10:00', wang, { invitedBy: 'T1' })));
    expect(d).toMatchObject({ receiver: 'S01', counted: true });
    expect(d.rules).toContain('ROT-INVITED-VISIT');
  });
});

describe('call-center (001): bonuses and commission', () => {
  it('001 二.2 激勵方式 COM-FIXED-BONUS: given T1s invited visit converts, then a high-rise deal earns T1 200 and a villa 500', () => {
    const invited = [invitation('11-01 09:00', 'T1', zhang, 'i1'), invitation('11-01 09:05', 'T1', wang, 'i2')];
    const g = given([...team, ...invited, visit('11-01 10:00', zhang, { invitedBy: 'T1', receiver: 'S03' }), visit('11-01 11:00', wang, { invitedBy: 'T1', receiver: 'S01' })], policy);
    const step = g.when(deal('11-02 10:00', 'D1', 'S03', zhang, 'subscription', { invitedBy: 'T1', productType: 'highRise' }));
    expect(find(step, 'ledger', (e) => e.account === 'bonus').rules).toEqual(expect.arrayContaining(['COM-FIXED-BONUS', 'KPI-INVITE-CONFIRM']));
    g.when(deal('11-02 11:00', 'D2', 'S01', wang, 'subscription', { invitedBy: 'T1', productType: 'villa' }));
    expect(bonusOf(g)).toEqual(['T1 200.00', 'T1 500.00']);
  });

  it('001 二.2 COM-FIXED-BONUS: given a deal nobody invited, or of another product type, then no bonus is paid', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-01 11:00', wang, { invitedBy: 'T1', receiver: 'S02' })], policy);
    g.when(deal('11-02 10:00', 'D1', 'S01', zhang, 'subscription', { productType: 'villa' }));
    g.when(deal('11-02 11:00', 'D2', 'S02', wang, 'subscription', { invitedBy: 'T1', productType: 'shop' }));
    expect(bonusOf(g)).toEqual([]);
  });

  it('001 COM-RATE-TIERS: given 001 says nothing of commission rates, then call-center sets none and pays what the default pays, not jiuzhou\'s (000) tiers', () => {
    expect(Object.keys(presets['call-center'].fields).filter((k) => k.startsWith('deals.commission'))).toEqual([]);
    expect(policySchema.parse(policy).deals.commission).toEqual(policySchema.parse({}).deals.commission);
    const month = (p: PolicyInput) => {
      const g = given([...team, event('setTargets', '11-01 08:00', { staff: 'S01', month: '2026-11', red: '400000', green: '800000' }), visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-02 10:00', 'D1', 'S01', zhang, 'loan')], p);
      return attainment(g.state, { staff: 'S01', month: '2026-11' })[0]?.commission;
    };
    expect(month(policy)).toBe(month({}));
  });

  it('001 二.2 DEAL-STAGES COM-FIXED-BONUS: given no split case in 001, when S03 closes the client T1 invited, then credit and commission are S03s alone (the telemarketer takes the bonus only)', () => {
    const g = given([...team, invitation('11-01 09:00', 'T1', zhang, 'i1'), visit('11-01 10:00', zhang, { invitedBy: 'T1', receiver: 'S03' })], policy);
    const step = g.when(deal('11-02 10:00', 'D1', 'S03', zhang, 'subscription', { invitedBy: 'T1', productType: 'highRise' }));
    const a = find(step, 'allocation');
    expect(a.credit.map((s) => s.staff)).toEqual(['S03']);
    expect(a.commission?.map((s) => s.staff)).toEqual(['S03']);
    expect(a.rules).toContain('DEAL-STAGES');
    expect(bonusOf(g)).toEqual(['T1 200.00']);
  });
});

describe('call-center (001): quotas and confirmation', () => {
  it('001 二.2 KPI-INVITE-CONFIRM COM-FIXED-BONUS: given T1s invited client arrived without contacting T1, then the visit is no confirmed invitation and the villa deal pays T1 no bonus', () => {
    const g = given([...team, invitation('11-01 09:00', 'T1', wang, 'i1'), visit('11-01 10:00', wang, { receiver: 'S01' }), arrival('11-01 10:05', 'i1', false)], policy);
    g.when(deal('11-02 10:00', 'D1', 'S01', wang, 'subscription', { invitedBy: 'T1', productType: 'villa' }));
    expect(bonusOf(g)).toEqual([]);
  });

  it('001 二.1 KPI-CALLS PEN-FINES: given T1 made 60 connected calls on a working day, when the day closes, then 40 are missing and fined 1 each', () => {
    const g = given([...team, outbound('11-02 10:00', 'T1', 'C', { count: 60 })], policy);
    const step = g.when(visit('11-03 09:00', zhang));
    const fine = find(step, 'penalty');
    expect(fine).toMatchObject({ staff: 'T1', amount: '40.00', violation: 'missingCalls', settlement: 'deductFromPay' });
    expect(fine.rules).toEqual(expect.arrayContaining(['KPI-CALLS', 'PEN-FINES']));
  });
});
