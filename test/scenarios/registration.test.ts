import { describe, expect, it } from 'vitest';
import { owners, type PolicyInput } from '../../src/index.js';
import { describeReason } from '../../src/index.js';
import { call, cites, claim, find, given, link, staff, t, visit, wang, zhang } from '../support/dsl.js';

// 002 §6.3's claim window; the default sets none.
const tenDayClaims: PolicyInput = { ownership: { validityDays: { claim: 10 } } };

const team = [staff('S01'), staff('S02'), staff('S03'), staff('C1', { role: 'channel' }), staff('C2', { role: 'channel' })];

describe('REG-FIRST: the first registration is the sole basis of ownership', () => {
  it('given a visit registered by S01, when S02 registers the same client by call, then S01 keeps it', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })]);
    const step = g.when(call('11-02 10:00', { phone: zhang.phone }, 'S02'));
    expect(find(step, 'collision').outcome).toBe('ownerKeeps');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('given an unregistered contact (no details), when the client later registers, then they are a new client', () => {
    const g = given([...team, visit('11-01 10:00', { name: '张伟' }, { receiver: 'S01' })]);
    expect(g.ownerOf('张伟')).toBeNull();
    const step = g.when(visit('11-02 10:00', zhang, { receiver: 'S02' }));
    expect(find(step, 'ownership').owner).toBe('S02');
    expect(find(step, 'ownership').rules).toContain('REG-FIRST');
  });
});

describe('REG-FIELDS: a valid visit registration has a name and a reachable phone', () => {
  it('given no phone, when the visit is registered, then the registration is invalid and owns nothing', () => {
    const g = given(team);
    const step = g.when(visit('11-01 10:00', { name: '张伟' }, { receiver: 'S01' }));
    const reg = find(step, 'registration');
    expect(reg.valid).toBe(false);
    expect(reg.rules).toContain('REG-FIELDS');
    expect(step.decisions.some((d) => d.kind === 'ownership')).toBe(false);
  });

  it('given a wrong number that cannot reach the client, then the registration is invalid', () => {
    const g = given(team);
    const step = g.when(visit('11-01 10:00', { ...zhang, reachable: false }, { receiver: 'S01' }));
    expect(find(step, 'registration').valid).toBe(false);
    expect(g.ownerOf(zhang.phone)).toBeNull();
  });

  it('given a phone with too few digits, then the registration is invalid', () => {
    const g = given(team);
    const step = g.when(visit('11-01 10:00', { name: '张伟', phone: '13812' }, { receiver: 'S01' }));
    expect(find(step, 'registration').valid).toBe(false);
  });

  it('given a policy that requires only the phone, when the name is missing, then the registration is valid', () => {
    const g = given(team, { registration: { requiredFields: ['phone'] } });
    const step = g.when(visit('11-01 10:00', { phone: zhang.phone }, { receiver: 'S01' }));
    expect(find(step, 'registration').valid).toBe(true);
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });
});

describe('REG-CALL-BEFORE-VISIT: a call and a visit on one day: the call comes first', () => {
  it('given a visit registered by S01 in the morning, when S02 registers the same client call that day, then S02 owns (004j)', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], { registration: { callBeforeVisit: true } });
    const step = g.when(call('11-01 15:00', zhang, 'S02'));
    expect(cites(step, 'REG-CALL-BEFORE-VISIT')).toBe(true);
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('given the call comes a day later, then the visit stands', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], { registration: { callBeforeVisit: true } });
    g.when(call('11-02 09:00', zhang, 'S02'));
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('given a policy without the rule, the earlier visit stands the same day', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })]);
    g.when(call('11-01 15:00', zhang, 'S02'));
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });
});

describe('REG-CUTOFF: registrations after the cutoff count for the next day', () => {
  it('given a cutoff at 18:00, when a visit is registered at 18:30, then it counts for the next day', () => {
    const g = given(team, { registration: { cutoff: '18:00' } });
    const step = g.when(visit('11-01 18:30', zhang, { receiver: 'S01' }));
    const reg = find(step, 'registration');
    expect(reg.day).toBe('2026-11-02');
    expect(reg.rules).toContain('REG-CUTOFF');
  });

  it('given a cutoff, a late visit and a call the next day are the same book day (REG-CALL-BEFORE-VISIT applies)', () => {
    const g = given(team, { registration: { cutoff: '18:00', callBeforeVisit: true } });
    g.when(visit('11-01 18:30', zhang, { receiver: 'S01' }));
    g.when(call('11-02 11:00', zhang, 'S02'));
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });
});

describe('CLM-WINDOW: claims are accepted only in the submission windows', () => {
  const windows = { claims: { windows: [{ from: '09:00', to: '10:00' }, { from: '16:00', to: '17:00' }] } };

  it('given windows 09-10 and 16-17, when a claim is stamped at 11:00, then it is refused and kept on record', () => {
    const g = given(team, windows);
    const step = g.when(claim('11-01 11:00', 'S01', zhang));
    const d = find(step, 'claim');
    expect(d.outcome).toBe('refused');
    expect(d.rules).toEqual(['CLM-WINDOW']);
    expect(g.ownerOf(zhang.phone)).toBeNull();
  });

  it('given the same windows, when a claim is stamped at 16:30, then it is accepted', () => {
    const g = given(team, windows);
    const step = g.when(claim('11-01 16:30', 'S01', zhang));
    expect(find(step, 'claim').outcome).toBe('accepted');
  });

  it('given the same windows and a claim at 09:30, when an update (CLM-UPDATE, a second submission) is stamped at 20:00, then it is refused and the claim keeps its time', () => {
    const g = given([...team, claim('11-01 09:30', 'S01', zhang)], windows);
    const before = owners(g.state)[0]?.protectionEndsAt;
    const step = g.when(claim('11-05 20:00', 'S01', { ...zhang, need: '别墅' }, { kind: 'update' }));
    expect(find(step, 'claim')).toMatchObject({ outcome: 'refused', rules: ['CLM-WINDOW'], why: 'outsideWindow' });
    expect(owners(g.state)[0]?.protectionEndsAt).toBe(before);
  });

  it('given the same windows, an update stamped at 09:30 is accepted', () => {
    const g = given([...team, claim('11-01 09:30', 'S01', zhang)], windows);
    expect(find(g.when(claim('11-05 09:30', 'S01', { ...zhang, need: '别墅' }, { kind: 'update' })), 'claim').outcome).toBe('updated');
  });

  it('given the same windows, a pre-filed client is exempt (CLM-PRE-FILE)', () => {
    const g = given(team, windows);
    const step = g.when(claim('11-01 20:00', 'S01', zhang, { kind: 'preFile' }));
    expect(find(step, 'claim').outcome).toBe('accepted');
  });
});

describe("CLM-REQUIRES-REGISTRATION: a claim on a new client needs that day's book entry", () => {
  it('given no visit or call by S01 today, when S01 claims, then the claim is refused', () => {
    const g = given(team, { claims: { requireRegistration: true } });
    const step = g.when(claim('11-01 16:30', 'S01', zhang));
    expect(find(step, 'claim').rules).toContain('CLM-REQUIRES-REGISTRATION');
    expect(g.ownerOf(zhang.phone)).toBeNull();
  });

  it("given S01's visit registration today, when S01 claims, then the claim is accepted", () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], { claims: { requireRegistration: true } });
    const step = g.when(claim('11-01 16:30', 'S01', zhang));
    expect(find(step, 'claim').outcome).toBe('renewed');
  });

  it("given yesterday's visit, when S01 claims today, then the claim is refused", () => {
    const g = given([...team, call('11-01 10:00', zhang, 'S01')], { claims: { requireRegistration: true }, ownership: { validityDays: { call: 0 } } });
    const step = g.when(claim('11-02 16:30', 'S01', zhang));
    expect(find(step, 'claim').outcome).toBe('refused');
  });
});

describe('CLM-UPDATE: changing need or buyer makes the claim time the second submission', () => {
  it('given a 10-day claim window (002 §6.3) and a claim on day 1, when the need changes on day 5, then the claim dates from day 5 and its window restarts', () => {
    const g = given([...team, claim('11-01 09:30', 'S01', zhang)], tenDayClaims);
    const before = owners(g.state)[0]?.protectionEndsAt;
    const step = g.when(claim('11-05 09:30', 'S01', { ...zhang, need: '别墅' }, { kind: 'update' }));
    expect(find(step, 'claim').outcome).toBe('updated');
    expect(find(step, 'claim').rules).toContain('CLM-UPDATE');
    const after = owners(g.state)[0]?.protectionEndsAt;
    expect(before).toBe('2026-11-12T00:00:00+08:00');
    expect(after).toBe('2026-11-16T00:00:00+08:00');
  });

  it('given the claim moved later, when the file is merged with an earlier registration of the same person, the earlier one wins (COL-EARLIEST)', () => {
    const g = given([...team, claim('11-01 09:30', 'S01', zhang), visit('11-02 10:00', { name: '张伟', phone: '13500001234' }, { receiver: 'S02' })]);
    g.when(claim('11-05 09:30', 'S01', { ...zhang, need: '别墅' }, { kind: 'update' }));
    g.when(link('11-05 10:00', zhang, { phone: '13500001234' }, 'same'));
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });
});

describe('CLM-PRE-FILE: staff may pre-file their own old clients and contacts', () => {
  it('given S02 pre-filed a contact, when the contact walks in and S01 receives them, then the client is S02s', () => {
    const g = given([...team, claim('11-01 08:30', 'S02', zhang, { kind: 'preFile' })]);
    const step = g.when(visit('11-01 10:00', zhang, { receiver: 'S01' }));
    expect(find(step, 'reception').counted).toBe(false);
    expect(g.ownerOf(zhang.phone)).toBe('S02');
    expect(g.rulesOf(zhang.phone)).toContain('OWN-FIRST');
  });
});

describe('CLM-REPORT: channel reports with masked phones, 7 days, 3 re-files then the public pool', () => {
  const report = (when: string, who: string, extra: object = {}) =>
    claim(when, who, { name: '张', phone: '138***45678' }, { kind: 'report', expectedVisitAt: t(when.replace(/ .*/, ' 15:00')), ...extra });

  it('given a report by C1, when the client visits within 7 days, then C1 owns the client', () => {
    const g = given([...team, report('11-01 09:00', 'C1')]);
    g.when(visit('11-05 10:00', zhang));
    expect(g.ownerOf(zhang.phone)).toBe('C1');
  });

  it('given a report by C1, when C2 reports the same client, then C2 is refused', () => {
    const g = given([...team, report('11-01 09:00', 'C1')]);
    const step = g.when(report('11-02 09:00', 'C2'));
    expect(find(step, 'claim').outcome).toBe('refused');
  });

  it('given a report with an expected visit beyond 7 days, then it is refused', () => {
    const g = given(team);
    const step = g.when(claim('11-01 09:00', 'C1', { name: '张', phone: '138***45678' }, { kind: 'report', expectedVisitAt: '2026-11-20T10:00:00+08:00' }));
    expect(find(step, 'claim').rules).toContain('CLM-REPORT');
    expect(find(step, 'claim').outcome).toBe('refused');
  });

  it('given an unvisited report that expired, when it is re-filed without a reason, then it is refused', () => {
    const g = given([...team, report('11-01 09:00', 'C1')]);
    const step = g.when(report('11-10 09:00', 'C1'));
    expect(find(step, 'claim').outcome).toBe('refused');
    expect(describeReason(g.state, find(step, 'claim'))).toMatch(/why/);
  });

  it('given three re-files with reasons, when a fourth re-file comes, then the client goes to the public pool for good', () => {
    const g = given([...team, report('11-01 09:00', 'C1')]);
    g.when(report('11-10 09:00', 'C1', { reason: '客户关机' }));
    g.when(report('11-19 09:00', 'C1', { reason: '客户出差' }));
    g.when(report('11-28 09:00', 'C1', { reason: '客户生病' }));
    expect(g.ownerOf(zhang.phone.slice(0, 3) + '***45678')).toBe('C1');
    const step = g.when(report('12-07 09:00', 'C1', { reason: '再试一次' }));
    expect(find(step, 'claim').outcome).toBe('refused');
    expect(g.statusOf('138***45678')).toBe('pool');
    const later = g.when(report('12-08 09:00', 'C2'));
    expect(find(later, 'claim').outcome).toBe('refused');
    expect(describeReason(g.state, find(later, 'claim'))).toMatch(/public pool/);
  });

  it('given a report that lapsed unvisited, when another agent reports, then the new agent owns it', () => {
    const g = given([...team, report('11-01 09:00', 'C1')]);
    g.when(report('11-10 09:00', 'C2'));
    expect(g.ownerOf('138***45678')).toBe('C2');
  });
});

describe('REG-FIRST across books: a claim on an unknown phone creates the client', () => {
  it('given a 10-day claim window and nothing on record, when S01 claims a new client, then S01 owns it from the claim', () => {
    const g = given(team, tenDayClaims);
    const step = g.when(claim('11-01 09:30', 'S01', wang));
    expect(find(step, 'ownership').protectionEndsAt).toBe(Date.parse('2026-11-12T00:00:00+08:00'));
    expect(g.ownerOf(wang.phone)).toBe('S01');
  });
});
