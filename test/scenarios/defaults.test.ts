/**
 * The default policy is a neutral common core (issue 11): where the seeds
 * disagree it takes no side, and each rule that only some seeds have is off.
 * Each case shows what `{}` decides, next to the seed reading a preset turns on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ledgerEntries, nextReceiver, policySchema, type OfficeState } from '../../src/index.js';
import { claim, complaint, deal, dispute, endReception, find, followUp, given, link, ruling, staff, status, t, visit, wang, zhang } from '../support/dsl.js';
import { legacy } from '../support/legacy.js';

const team = [staff('S01'), staff('S02'), staff('S03'), staff('M1', { role: 'manager' })];

/** The net booked per staff for one deal and account. */
function booked(state: OfficeState, dealId: string, account: 'credit' | 'commission'): Record<string, string> {
  const out: Record<string, number> = {};
  for (const e of ledgerEntries(state, { deal: dealId, account })) out[e.staff] = (out[e.staff] ?? 0) + Number(e.amount);
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== 0).map(([k, v]) => [k, v.toFixed(2)]));
}

describe('the neutral default: the office has not said', () => {
  it('lists exactly the fields whose 0.1 default carried a seed\'s choice, and none of them keeps it', () => {
    const now = policySchema.parse({});
    const old = policySchema.parse(legacy);
    expect(now.ownership.validityDays).toEqual({ visit: null, call: null, claim: null, preFile: null, report: 7, assigned: null });
    expect(old.ownership.validityDays).toEqual({ visit: 15, call: 7, claim: 10, preFile: 10, report: 7, assigned: 15 });
    expect(now.deals.splits).toMatchObject({ absentOwner: null, invited: null, crossFamily: null, complaint: null, complaintReferral: null, concealment: false });
    expect(now.deals.commission.rates).toEqual({ neither: '0', one: '0', both: '0', above: '0' });
    expect(now.disputes).toMatchObject({ raiseSameDay: false, appealFailedFine: null, overturnFine: null });
    expect(now.collisions).toMatchObject({ afterDealDays: null, companyVsPerson: 'earliest' });
    expect(now.rotation.makeUps).toMatchObject({ busy: 'none', companyBusiness: 'none' });
    expect(now.periods).toMatchObject({ quota: null, fines: { schedule: {} } });
    expect(old.periods.quota).toMatchObject({ limit: 50, targetMet: 80, noSigning: 30 });
  });

  it("the policy guide's JSON of the 0.1 values is exactly test/support/legacy.ts", () => {
    const guide = readFileSync(new URL('../../docs/policy-guide.md', import.meta.url), 'utf8');
    const section = guide.slice(guide.indexOf('## The default policy'));
    const json = /```json\n([\s\S]*?)```/.exec(section)?.[1] ?? 'null';
    expect(policySchema.parse(JSON.parse(json))).toEqual(policySchema.parse(legacy));
  });

  it('OWN-VALIDITY, OWN-FIRST: given a visit on Nov 1, then the first receiver keeps the client with no end of protection, and a later visit changes nothing', () => {
    const g = given(team);
    const step = g.when(visit('11-01 10:00', zhang, { receiver: 'S01' }));
    const own = find(step, 'ownership');
    expect(own).toMatchObject({ owner: 'S01', protectionEndsAt: null });
    expect(own.rules).toEqual(expect.arrayContaining(['OWN-FIRST', 'REG-FIRST']));
    expect(own.rules).not.toContain('OWN-VALIDITY');
    g.when(visit('12-30 10:00', zhang, { receiver: 'S02' }));
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('OWN-VALIDITY: given a claim (002 §6.3 has 10 days), then it does not lapse either', () => {
    const g = given([...team, claim('11-01 09:30', 'S01', wang)]);
    expect(g.ownerOf(wang.phone, '12-31 10:00')).toBe('S01');
  });

  it('ROT-ORDER, ROT-MISSED-NO-MAKEUP: given S01 busy with a visitor when their turn comes, then the turn passes and no make-up is owed', () => {
    const g = given([...team, visit('11-01 10:00', zhang), visit('11-01 10:01', wang), endReception('11-01 10:02', 'S02'), visit('11-01 10:03', { name: '客三', phone: '13500000003' }), endReception('11-01 10:04', 'S03')]);
    const step = g.when(visit('11-01 10:10', { name: '客四', phone: '13500000004' }));
    const r = find(step, 'reception');
    expect(r.receiver).toBe('S02');
    expect(r.skipped).toEqual([expect.objectContaining({ staff: 'S01', reason: 'busy', makeUp: false })]);
    expect(nextReceiver(g.state, t('11-01 11:05')).makeUp).toBe(false);
  });

  it('ROT-MAKEUP-COMPANY off: given S02 out on company business when their turn comes, then the turn is lost (000 §21 and 004h §3 make it up once, 003 per turn: a preset says which)', () => {
    const g = given([...team, status('11-01 09:00', 'S02', 'companyBusiness')], { rotation: { receptionMinutes: 0 } });
    g.when(visit('11-01 10:00', zhang));
    const r = find(g.when(visit('11-01 10:10', wang)), 'reception');
    expect(r.receiver).toBe('S03');
    expect(r.skipped).toEqual([expect.objectContaining({ staff: 'S02', reason: 'companyBusiness', makeUp: false })]);
    g.when(status('11-01 11:00', 'S02', 'onDuty'));
    expect(nextReceiver(g.state, t('11-01 11:05')).makeUp).toBe(false);
  });

  it('DEAL-ABSENT-OWNER off: given S01 owns and is off, when S02 closes, then credit and commission follow the owner S01 plainly', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), status('11-05 08:00', 'S01', 'off')]);
    const a = find(g.when(deal('11-05 15:00', 'D1', 'S02', zhang)), 'allocation');
    expect(a.rules).not.toContain('DEAL-ABSENT-OWNER');
    expect(a).toMatchObject({ credit: [{ staff: 'S01', share: '1' }], commission: [{ staff: 'S01', share: '1' }] });
  });

  it('DEAL-COOPERATION off: given S03 invited the client by phone and S02 closed a client nobody owned, then all is S02\'s', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S02' })]);
    const a = find(g.when(deal('11-05 15:00', 'D1', 'S02', zhang, 'subscription', { invitedBy: 'S03' })), 'allocation');
    expect(a.rules).not.toContain('DEAL-COOPERATION');
    expect(a).toMatchObject({ credit: [{ staff: 'S02', share: '1' }], commission: [{ staff: 'S02', share: '1' }] });
  });

  it('COL-CROSS-FAMILY off: given spouses registered by S01 and S02, when S02 closes, then the family is the first registrant S01\'s whole (首接: 003 3(11), 004h §11, 004l)', () => {
    const spouse = { name: '李娜', phone: '13900009999' };
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-02 10:00', spouse, { receiver: 'S02' }), link('11-03 10:00', zhang, spouse, 'spouse')]);
    const a = find(g.when(deal('11-05 15:00', 'D1', 'S02', spouse)), 'allocation');
    expect(a.rules).not.toContain('COL-CROSS-FAMILY');
    expect(a).toMatchObject({ credit: [{ staff: 'S01', share: '1' }], commission: [{ staff: 'S01', share: '1' }] });
  });

  it('OWN-COMPLAINT: given a justified complaint moved the client from S01 to S03, when S03 closes, then the deal is the new server\'s whole (004e §10, 004f, 003 3(4))', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), complaint('11-01 16:00', zhang, 'S01', true, 'S03'), followUp('11-02 10:00', 'S03', zhang)]);
    expect(g.ownerOf(zhang.phone)).toBe('S03');
    const a = find(g.when(deal('11-03 15:00', 'D1', 'S03', zhang)), 'allocation');
    expect(a).toMatchObject({ credit: [{ staff: 'S03', share: '1' }], commission: [{ staff: 'S03', share: '1' }] });
  });

  it('COM-RATE-TIERS: given no rates in the policy, a deal books its credit and no commission; four equal rates make a flat one', () => {
    const log = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-03 10:00', 'D1', 'S01', zhang)];
    const plain = given(log);
    expect(booked(plain.state, 'D1', 'credit')).toEqual({ S01: '1000000.00' });
    expect(booked(plain.state, 'D1', 'commission')).toEqual({});
    const flat = given(log, { deals: { commission: { rates: { neither: '2', one: '2', both: '2', above: '2' } } } });
    expect(booked(flat.state, 'D1', 'commission')).toEqual({ S01: '2000.00' });
  });

  describe('DSP-PROCESS: no fines and no same-day limit (002 §3-4 has both)', () => {
    const collided = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), claim('11-02 09:30', 'S02', zhang)];

    it('given a collision on Nov 2, when S02 raises it on Nov 5, then the dispute is open', () => {
      const g = given(collided);
      expect(find(g.when(dispute('11-05 10:00', 'S02', zhang)), 'dispute').step).toBe('raised');
      expect(g.statusOf(zhang.phone)).toBe('disputed');
    });

    it('given a manager ruling for S02, when S01 appeals and fails, and when an appeal overturns, then nobody is fined', () => {
      const ruled = [...collided, dispute('11-02 15:00', 'S02', zhang), ruling('11-02 17:00', zhang, { owner: 'S02', by: 'M1' })];
      const failed = given(ruled).when(ruling('11-05 10:00', zhang, { level: 'appeal', appellant: 'S01', owner: 'S02' }));
      expect(find(failed, 'dispute').step).toBe('appealFailed');
      expect(failed.decisions.some((d) => d.kind === 'penalty')).toBe(false);
      const overturned = given(ruled).when(ruling('11-05 10:00', zhang, { level: 'appeal', appellant: 'S01', owner: 'S01' }));
      expect(find(overturned, 'dispute').step).toBe('appealOverturned');
      expect(overturned.decisions.some((d) => d.kind === 'penalty')).toBe(false);
    });
  });

  it('COL-AFTER-DEAL off: given S02 closed on Nov 3, when the duplicate is found on Nov 10, then the earlier registration S01 wins as on any day', () => {
    const other = { name: '张伟', phone: '13500001234' };
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-02 10:00', other, { receiver: 'S02' }), deal('11-03 15:00', 'D1', 'S02', other)]);
    const col = find(g.when(link('11-10 10:00', zhang, other, 'same')), 'collision');
    expect(col.rules).toContain('COL-EARLIEST');
    expect(col.rules).not.toContain('COL-AFTER-DEAL');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });
});
