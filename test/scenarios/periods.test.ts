/**
 * The periods family (RULES §I, §J, CLM-QUOTA, COM-SALARY-GRADES, and the
 * penalties derived from the KPIs): given/when/then, each test naming its
 * rule ID and seed section. 2026-11-01 is a Sunday; weeks start on Monday
 * unless the policy says otherwise.
 */
import { describe, expect, it } from 'vitest';
import { callBacks, commissionLedger, finesLedger, fromSnapshot, presetPolicy, scorecard, toSnapshot, validatePolicy, type Decision, type DecisionOf, type PolicyInput, type PresetName, type Step } from '../../src/index.js';
import { arrival, call, chen, claim, deal, event, find, given, grade, invitation, liu, outbound, penalty, release, staff, status, t, targets, violation, visit, wang, zhang } from '../support/dsl.js';

const all = <K extends Decision['kind']>(step: Step, kind: K) => step.decisions.filter((d): d is DecisionOf<K> => d.kind === kind);

const client = (i: number) => ({ name: `客户${i}`, phone: `1390000${String(i).padStart(4, '0')}` });

describe('periods: day, week, month and quarter from event times', () => {
  it('given events of a week, a period closes only when the first event after its end arrives (a replay and apply agree)', () => {
    const policy: PolicyInput = { periods: { penalties: { halfTurns: { when: 'noDeal' } } } };
    const g = given([staff('S1'), staff('S2'), visit('11-02 10:00', zhang), visit('11-08 20:00', wang)], policy);
    // Sunday night, still the week of Nov 2: nothing closed.
    expect(scorecard(g.state, { period: 'week' }).every((r) => !r.closed)).toBe(true);
    const monday = g.when(visit('11-09 09:00', liu));
    expect(all(monday, 'kpi').map((d) => [d.staff, d.period, d.start, d.measure])).toEqual([
      ['S1', 'week', '2026-11-02', 'closeRate'],
      ['S2', 'week', '2026-11-02', 'closeRate'],
    ]);
    expect(scorecard(g.state, { period: 'week', at: t('11-05 12:00') }).every((r) => r.closed)).toBe(true);
  });

  it('given weekStartsOn Sunday, the week of Nov 2 is Nov 1-7 and closes on Nov 8', () => {
    const policy: PolicyInput = { periods: { calendar: { weekStartsOn: 0 }, penalties: { halfTurns: { when: 'noDeal' } } } };
    const g = given([staff('S1'), visit('11-01 10:00', zhang)], policy);
    expect(scorecard(g.state, { period: 'week' })[0]?.start).toBe('2026-11-01');
    expect(all(g.when(visit('11-07 21:00', wang)), 'kpi')).toEqual([]);
    expect(all(g.when(visit('11-08 09:00', liu)), 'kpi').map((d) => d.start)).toEqual(['2026-11-01']);
  });
});

describe('KPI-CLOSE-RATE (000 §12) and ROT-PENALTY-HALF derived from it (000 §12)', () => {
  const policy: PolicyInput = { periods: { penalties: { halfTurns: { when: 'noDeal' } } } };
  const week = [staff('S1'), staff('S2'), staff('S3'), visit('11-02 10:00', zhang, { receiver: 'S1' }), visit('11-02 11:00', wang, { receiver: 'S2' }), deal('11-03 15:00', 'D1', 'S1', zhang)];

  it('KPI-CLOSE-RATE (000 §12): given a week of receptions and deals, when it closes, then each salesperson\'s closing rate is judged against 10%', () => {
    const g = given(week, policy);
    const step = g.when(visit('11-09 09:00', liu));
    const rates = all(step, 'kpi');
    expect(rates.find((d) => d.staff === 'S1')).toMatchObject({ measure: 'closeRate', value: 1, of: 1, target: 10, met: true, rules: ['KPI-CLOSE-RATE'] });
    expect(rates.find((d) => d.staff === 'S2')).toMatchObject({ value: 0, of: 1, met: false });
    // S3 received nobody: not judged (minReceptions 1).
    expect(rates.find((d) => d.staff === 'S3')).toBeUndefined();
  });

  it('ROT-PENALTY-HALF (000 §12): given a week with no deal or deposit, when the next week begins, then one turn every two rounds for that week', () => {
    const g = given(week, policy);
    const step = g.when(visit('11-09 09:00', liu));
    const q = find(step, 'queue', (d) => d.change === 'penalty');
    expect(q.staff).toEqual(['S2']);
    expect(q.rules).toEqual(expect.arrayContaining(['ROT-PENALTY-HALF', 'KPI-CLOSE-RATE']));
    expect(q.until).toBe(Date.parse(t('11-16 00:00')));
    expect(q.args).toMatchObject({ derived: true, period: 'week', start: '2026-11-02' });
    // The queue passes S2 once in their first round under the penalty.
    const receivers: (string | null)[] = [];
    for (let i = 0; i < 6; i++) receivers.push(find(g.when(visit(`11-09 ${10 + i}:00`, client(i))), 'reception').receiver);
    const s2 = receivers.filter((r) => r === 'S2').length;
    expect(s2).toBe(1);
    expect(scorecard(g.state, { period: 'week', at: t('11-09 18:00') }).find((r) => r.staff === 'S2')?.flags).toContain('halfTurnsInForce');
    expect(scorecard(g.state, { period: 'week', at: t('11-04 18:00') }).find((r) => r.staff === 'S2')?.flags).toContain('halfTurns');
  });

  it('ROT-PENALTY-HALF (000 §12): given belowRate, a person with deals under 10% of receptions is penalized too', () => {
    const events = [staff('S1'), ...Array.from({ length: 11 }, (_, i) => visit(`11-0${2 + Math.floor(i / 3)} ${10 + (i % 3)}:00`, client(i), { receiver: 'S1' })), deal('11-06 16:00', 'D1', 'S1', client(0))];
    const g = given(events, { periods: { penalties: { halfTurns: { when: 'belowRate' } } } });
    const step = g.when(visit('11-09 09:00', liu));
    expect(find(step, 'kpi')).toMatchObject({ value: 1, of: 11, met: false });
    expect(find(step, 'queue', (d) => d.change === 'penalty').staff).toEqual(['S1']);
  });

  it('ROT-PENALTY-HALF (000 §12): given the default policy (no derived penalty), a week without deals changes nothing; the explicit event stays available', () => {
    const g = given(week);
    const step = g.when(visit('11-09 09:00', liu));
    expect(all(step, 'kpi')).toEqual([]);
    expect(all(step, 'queue')).toEqual([]);
    const manual = g.when(penalty('11-09 10:00', 'S2', 'halfTurns', 3));
    expect(find(manual, 'queue').rules).toEqual(['ROT-PENALTY-HALF']);
  });

  it('KPI-CLOSE-RATE (000 §12): the period is policy: judged by the month with closeRate.period month', () => {
    const g = given(week, { periods: { closeRate: { period: 'month', percent: 10 }, penalties: { halfTurns: { when: 'noDeal' } } } });
    expect(all(g.when(visit('11-09 09:00', liu)), 'kpi')).toEqual([]);
    const december = g.when(visit('12-01 09:00', chen));
    const q = find(december, 'queue', (d) => d.change === 'penalty');
    expect(q.until).toBe(Date.parse('2027-01-01T00:00:00+08:00'));
  });
});

describe('KPI-INVITE-RATE (000 §3) and ROT-NO-CALLS derived from it (000 §3)', () => {
  const policy: PolicyInput = { periods: { penalties: { noCalls: { minCalls: 1 } }, invitations: { confirm: false } } };

  it('KPI-INVITE-RATE (000 §3): given calls and invited visits in a week, the rate is invited visits / calls against 20%', () => {
    const g = given([staff('S1'), staff('S2'), call('11-02 10:00', zhang, 'S1'), invitation('11-02 10:05', 'S1', zhang, 'inv1'), call('11-02 11:00', wang, 'S2'), arrival('11-04 10:00', 'inv1', true, 'S2')], policy);
    const step = g.when(visit('11-09 09:00', liu));
    const rates = all(step, 'kpi');
    expect(rates.find((d) => d.staff === 'S1')).toMatchObject({ measure: 'inviteRate', value: 1, of: 1, target: 20, met: true, rules: ['KPI-INVITE-RATE'] });
    expect(rates.find((d) => d.staff === 'S2')).toMatchObject({ value: 0, of: 1, met: false });
  });

  it('ROT-NO-CALLS (000 §3): given a week with calls and no invited visit, when the next week begins, then no call allocation that week', () => {
    const g = given([staff('S1'), staff('S2'), call('11-02 10:00', zhang, 'S1'), invitation('11-02 10:05', 'S1', zhang, 'inv1'), call('11-02 11:00', wang, 'S2'), arrival('11-04 10:00', 'inv1', true, 'S2')], policy);
    const step = g.when(visit('11-09 09:00', liu));
    const q = find(step, 'queue', (d) => d.change === 'penalty');
    expect(q).toMatchObject({ staff: ['S2'], until: Date.parse(t('11-16 00:00')) });
    expect(q.rules).toEqual(expect.arrayContaining(['ROT-NO-CALLS', 'KPI-INVITE-RATE']));
    // Every unbooked call of the week goes to S1.
    for (let i = 0; i < 3; i++) expect(find(g.when(event_call(`11-1${i} 10:00`, i)), 'reception').receiver).toBe('S1');
    expect(find(g.when(event_call('11-16 10:00', 9)), 'reception').skipped).toEqual([]);
  });
});

const event_call = (when: string, i: number) => event('registerCall', when, { client: client(100 + i) });

describe('CLM-QUOTA (002 §1.5)', () => {
  const small = (extra: Record<string, unknown> = {}): PolicyInput => ({ ownership: { validityDays: { claim: 10 } }, periods: { quota: { limit: 2, targetMet: 3, noSigning: 1, judged: 'quarterEnd', ...extra } } });

  it('CLM-QUOTA (002 §1.5): given a salesperson holding the limit of active claims, when they claim another, then it is refused with the counts and kept on record', () => {
    const g = given([staff('S1'), claim('11-02 09:30', 'S1', client(1)), claim('11-02 09:40', 'S1', client(2))], small());
    const step = g.when(claim('11-02 09:50', 'S1', client(3)));
    const d = find(step, 'claim');
    expect(d).toMatchObject({ outcome: 'refused', why: 'overQuota', args: { limit: 2, active: 2, basis: 'base' } });
    expect(d.rules).toEqual(['CLM-QUOTA']);
    expect(g.ownerOf(client(3).phone)).toBeNull();
    const row = scorecard(g.state, { period: 'day' }).find((r) => r.staff === 'S1');
    expect(row).toMatchObject({ claims: 2, claimsRefused: 1, activeClaims: 2, quota: 2 });
  });

  it('CLM-QUOTA (002 §1.5): a claim stops being active when it lapses, is released or becomes a deal; the owner may re-confirm at the limit', () => {
    const g = given([staff('S1'), claim('11-02 09:30', 'S1', client(1)), claim('11-02 09:40', 'S1', client(2))], small());
    expect(find(g.when(claim('11-02 10:00', 'S1', client(2))), 'claim').outcome).toBe('renewed');
    g.when(release('11-03 10:00', 'S1', client(1)));
    expect(find(g.when(claim('11-03 10:10', 'S1', client(3))), 'claim').outcome).toBe('accepted');
    g.when(deal('11-04 15:00', 'D1', 'S1', client(3), 'smallDeposit'));
    expect(find(g.when(claim('11-04 16:00', 'S1', client(4))), 'claim').outcome).toBe('accepted');
    expect(find(g.when(claim('11-04 16:10', 'S1', client(5))), 'claim').why).toBe('overQuota');
    // Claim windows of 10 days: by Nov 15 client 2's claim (renewed Nov 2) has lapsed, though no event touched it.
    expect(find(g.when(claim('11-15 09:30', 'S1', client(6))), 'claim').outcome).toBe('accepted');
  });

  it("CLM-QUOTA (002 §1.5): given the quarter's signing target met, the limit rises to 80 (here 3)", () => {
    const g = given([staff('S1', {}, '09-20 08:00'), targets('10-01 08:00', 'S1', '2026-10', '1000000', null), deal('10-05 15:00', 'D1', 'S1', zhang, 'contract'), claim('11-02 09:30', 'S1', client(1)), claim('11-02 09:40', 'S1', client(2))], small());
    const third = find(g.when(claim('11-02 09:50', 'S1', client(3))), 'claim');
    expect(third.outcome).toBe('accepted');
    expect(find(g.when(claim('11-02 09:55', 'S1', client(4))), 'claim').args).toMatchObject({ limit: 3, basis: 'targetMet' });
  });

  it('CLM-QUOTA (002 §1.5): judged soFar, a quarter with no signing yet holds 30 (here 1)', () => {
    const g = given([staff('S1'), claim('11-02 09:30', 'S1', client(1))], small({ judged: 'soFar' }));
    expect(find(g.when(claim('11-02 09:40', 'S1', client(2))), 'claim').args).toMatchObject({ limit: 1, basis: 'noSigning', quarter: '2026-10-01' });
  });

  it('CLM-QUOTA (002 §1.5): judged at quarter end, a closed quarter with no signing lowers the limit until the next signing', () => {
    const g = given([staff('S1', {}, '06-25 08:00'), visit('07-02 10:00', zhang), claim('10-02 09:30', 'S1', client(1))], small());
    // The third quarter closed (first event of October) with no signing: the limit is 1 from then on.
    expect(find(g.when(claim('10-02 09:40', 'S1', client(2))), 'claim').args).toMatchObject({ limit: 1, basis: 'noSigning' });
    g.when(deal('10-03 15:00', 'D1', 'S1', wang, 'contract'));
    expect(find(g.when(claim('10-03 16:00', 'S1', client(3))), 'claim').outcome).toBe('accepted');
  });

  it('CLM-QUOTA (002 §1.5): given no quota (null), claims are never counted', () => {
    const g = given([staff('S1'), claim('11-02 09:30', 'S1', client(1)), claim('11-02 09:40', 'S1', client(2))], { periods: { quota: null } });
    expect(find(g.when(claim('11-02 09:50', 'S1', client(3))), 'claim').outcome).toBe('accepted');
  });
});

describe('KPI-CALLS (001 §二.1 考核制度), telemarketers\' quotas', () => {
  const policy: PolicyInput = { periods: { calls: {} } };
  const team = [staff('S1'), staff('T1', { role: 'telemarketer' }), staff('T2', { role: 'telemarketer' })];

  it('KPI-CALLS (001 §二.1): given 60 connected calls on a working day, when the day closes, then 40 calls are missing and fined 1 each as a ledger entry', () => {
    const g = given([...team, outbound('11-02 10:00', 'T1', 'C', { count: 35 }), outbound('11-02 15:00', 'T1', 'D', { count: 25 }), outbound('11-02 16:00', 'T2', 'D', { count: 100 })], policy);
    const step = g.when(visit('11-03 09:00', zhang));
    const kpi = all(step, 'kpi');
    expect(kpi.map((d) => [d.staff, d.value, d.met])).toEqual([
      ['T1', 60, false],
      ['T2', 100, true],
    ]);
    const fine = find(step, 'penalty');
    expect(fine).toMatchObject({ staff: 'T1', amount: '40.00', violation: 'missingCalls', settlement: 'deductFromPay', month: '2026-11' });
    expect(fine.rules).toEqual(expect.arrayContaining(['KPI-CALLS', 'PEN-FINES']));
    // Nov 1, the day they joined, is not judged (KPI-CALLS: only whole days on the roster).
    expect(ledgerOf(g)).toEqual([['T1', '40.00']]);
    expect(scorecard(g.state, { period: 'day', at: t('11-02 18:00') }).find((r) => r.staff === 'T1')).toMatchObject({ outboundCalls: 60, gradeC: 35, gradeD: 25, fines: '40.00', closed: true });
  });

  it('KPI-CALLS (001 §二.1): given a telemarketer who joins late in the day, that day is not judged nor fined; the next whole day is', () => {
    const g = given([staff('S1', {}, '11-02 08:00'), visit('11-02 10:00', zhang, { receiver: 'S1' }), staff('T9', { role: 'telemarketer' }, '11-02 23:30')], presetPolicy('call-center'));
    const next = g.when(visit('11-03 10:00', wang, { receiver: 'S1' }));
    expect(all(next, 'kpi').filter((d) => d.measure === 'dailyCalls')).toEqual([]);
    expect(finesLedger(g.state, { staff: 'T9' })).toEqual([]);
    const after = g.when(visit('11-04 10:00', liu, { receiver: 'S1' }));
    expect(all(after, 'kpi').filter((d) => d.measure === 'dailyCalls').map((d) => [d.staff, d.start, d.value])).toEqual([['T9', '2026-11-03', 0]]);
    expect(ledgerOf(g)).toEqual([['T9', '100.00']]);
  });

  it('KPI-CALLS (001 §二.1): a day off (not on duty all day) is not judged; neither is a day with no event at all', () => {
    const g = given([...team, status('11-01 20:00', 'T2', 'off'), outbound('11-02 10:00', 'T1', 'B', { count: 100 })], policy);
    expect(all(g.when(visit('11-03 09:00', zhang)), 'kpi').map((d) => d.staff)).toEqual(['T1']);
    // Nov 4 had no event: only Nov 3 is judged when Nov 5 begins.
    expect(all(g.when(visit('11-05 09:00', wang)), 'kpi').map((d) => [d.staff, d.start])).toEqual([['T1', '2026-11-03']]);
  });

  it('KPI-CALLS (001 §二.1): given a week with fewer than 10 invited visits, the week is missed; every week of a month missed flags dismissal', () => {
    const events = [staff('T1', { role: 'telemarketer' }, '10-25 08:00'), staff('T2', { role: 'telemarketer' }, '10-25 08:00')];
    // T2 gets 10 confirmed visits in the week ending Nov 8; T1 none in any week of November.
    for (let i = 0; i < 10; i++) events.push(invitation(`11-0${2 + Math.floor(i / 4)} ${10 + (i % 4)}:00`, 'T2', client(i), `inv${i}`));
    for (let i = 0; i < 10; i++) events.push(arrival(`11-0${6 + Math.floor(i / 4)} ${10 + (i % 4)}:00`, `inv${i}`, true, 'T2'));
    // Every day of November has an event, so every week is judged.
    for (let d = 9; d <= 30; d++) events.push(outbound(`11-${String(d).padStart(2, '0')} 09:00`, 'T1', 'D', { count: 100 }), outbound(`11-${String(d).padStart(2, '0')} 09:05`, 'T2', 'D', { count: 100 }));
    const g = given(events, { periods: { calls: { daily: null } } });
    const december = g.when(visit('12-01 09:00', zhang));
    const flags = all(december, 'flag');
    expect(flags.map((d) => [d.staff, d.flag, d.start])).toEqual([['T1', 'dismissal', '2026-11']]);
    expect(flags[0]?.rules).toEqual(['KPI-CALLS']);
    expect(flags[0]?.args).toMatchObject({ weeks: 4, quota: 10 });
    expect(scorecard(g.state, { period: 'month', at: t('11-15 12:00') }).find((r) => r.staff === 'T1')?.flags).toContain('dismissal');
  });
});

function ledgerOf(g: { state: Parameters<typeof scorecard>[0] }): [string, string][] {
  return finesLedger(g.state).map((f) => [f.staff, f.amount]);
}

describe('KPI-CALL-GRADES (001 §一.3-4 资源循环利用, CALL客结果分类)', () => {
  it('KPI-CALL-GRADES (001 §一.3): given calls graded A-D, A-C numbers come back for another call after about a month, D numbers never; the month close recycles them', () => {
    const g = given(
      [staff('T1', { role: 'telemarketer' }), outbound('11-02 10:00', 'T1', 'A', { phone: '13900001111' }), outbound('11-02 10:05', 'T1', 'C', { phone: '139 0000 2222' }), outbound('11-02 10:10', 'T1', 'D', { phone: '13900003333' }), outbound('11-20 10:10', 'T1', 'B', { phone: '13900004444' })],
      { periods: { calls: { daily: null, weeklyInvitedVisits: null } } },
    );
    expect(callBacks(g.state, { lookAhead: t('11-30 12:00') })).toEqual([]);
    const due = callBacks(g.state, { lookAhead: t('12-02 09:00'), mask: false });
    expect(due.map((n) => [n.phone, n.grade])).toEqual([
      ['13900001111', 'A'],
      ['13900002222', 'C'],
    ]);
    expect(callBacks(g.state, { lookAhead: t('12-20 09:00') }).map((n) => n.phone)).toEqual(['139****1111', '139****2222', '139****4444']);
    const step = g.when(visit('12-01 09:00', zhang));
    expect(find(step, 'recycle')).toMatchObject({ staff: 'T1', start: '2026-11', recycled: 3, dropped: 1, rules: ['KPI-CALL-GRADES'] });
  });
});

describe('KPI-INVITE-CONFIRM (001 §二.2 邀约客户确认标准) and KPI-REWARD-DAYOFF (001 §二.2 激励方式)', () => {
  it('KPI-INVITE-CONFIRM (001 §二.2): an invited visit counts only if the client contacted the telemarketer on arrival and the receiving salesperson signed', () => {
    const g = given([staff('S1'), staff('T1', { role: 'telemarketer' }), invitation('11-02 10:00', 'T1', zhang, 'i1'), invitation('11-02 10:05', 'T1', wang, 'i2'), invitation('11-02 10:10', 'T1', liu, 'i3')]);
    expect(find(g.when(arrival('11-03 10:00', 'i1', true, 'S1')), 'invitation')).toMatchObject({ step: 'confirmed', staff: 'T1', evidence: ['i1'] });
    expect(find(g.when(arrival('11-03 11:00', 'i2', false, 'S1')), 'invitation').step).toBe('unconfirmed');
    expect(find(g.when(arrival('11-03 12:00', 'i3', true)), 'invitation').step).toBe('unconfirmed');
    expect(scorecard(g.state, { period: 'day' }).find((r) => r.staff === 'T1')).toMatchObject({ invitations: 0, arrivals: 3, confirmedVisits: 1, invitedVisits: 1 });
    expect(g.when(arrival('11-03 13:00', 'i1', true, 'S1'), true).issues[0]).toMatchObject({ code: 'invalid_value', path: ['invitation'] });
    expect(g.when(arrival('11-03 13:00', 'nope', true, 'S1'), true).issues[0]).toMatchObject({ code: 'unknown_registration' });
  });

  it("KPI-INVITE-CONFIRM (001 §二.2, with ROT-INVITED-VISIT): given T1's invitation, when the client's visit names T1 in invitedBy, then the visit is the invitation's arrival, confirmed by its receiver", () => {
    const events = [staff('S1'), staff('S2'), staff('T1', { role: 'telemarketer' }), staff('S9', {}), invitation('11-02 10:00', 'T1', zhang, 'i1'), invitation('11-02 10:05', 'T1', wang, 'i2')];
    const g = given(events, { rotation: { invitedVisits: {} } });
    const step = g.when(visit('11-03 10:00', zhang, { invitedBy: 'T1', receiver: 'S2' }));
    // The rotation side is unchanged: S2, assigned by the leader, receives the invited client (ROT-INVITED-VISIT).
    expect(find(step, 'reception')).toMatchObject({ receiver: 'S2' });
    expect(find(step, 'reception').rules).toContain('ROT-INVITED-VISIT');
    expect(find(step, 'invitation')).toMatchObject({ step: 'confirmed', staff: 'T1', invitation: 'i1', evidence: ['i1'], args: { contacted: true, signedBy: 'S2', visit: find(step, 'reception').event } });
    expect(find(step, 'invitation').rules).toEqual(expect.arrayContaining(['KPI-INVITE-CONFIRM']));
    // A visit naming a salesperson, or a client T1 did not invite, records no arrival.
    expect(all(g.when(visit('11-03 11:00', liu, { invitedBy: 'T1', receiver: 'S1' })), 'invitation')).toEqual([]);
    expect(all(g.when(visit('11-03 11:30', wang, { invitedBy: 'S9' })), 'invitation')).toEqual([]);
    expect(scorecard(g.state, { period: 'day' }).find((r) => r.staff === 'T1')).toMatchObject({ arrivals: 1, confirmedVisits: 1, invitedVisits: 1 });
    // The arrival is on record: a second one for the same invitation is refused, naming both ways it can come.
    expect(g.when(arrival('11-03 13:00', 'i1', true, 'S1'), true).issues[0]).toMatchObject({ code: 'invalid_value', path: ['invitation'] });
    expect(g.when(arrival('11-03 13:00', 'i1', true, 'S1'), true).issues[0]?.message).toContain('invitedBy');
    // i2 still waits: its own arrival event confirms it.
    expect(find(g.when(arrival('11-03 14:00', 'i2', true, 'S1')), 'invitation').step).toBe('confirmed');
  });

  it('KPI-INVITE-CONFIRM (001 §二.2, with COM-FIXED-BONUS): an invited visit with no receiver is not confirmed, and a confirmed one earns the bonus only for its inviter', () => {
    const policy: PolicyInput = { deals: { bonus: { byProductType: { highRise: '200' }, to: 'inviter', confirmedOnly: true } } };
    const g = given([staff('S1'), staff('T1', { role: 'telemarketer' }), staff('T2', { role: 'telemarketer' }), invitation('11-02 10:00', 'T1', zhang, 'i1'), invitation('11-02 10:05', 'T2', wang, 'i2')], policy);
    g.when(visit('11-03 10:00', zhang, { invitedBy: 'T1', receiver: 'S1' }));
    const unsigned = g.when(visit('11-03 10:30', wang, { invitedBy: 'T2' }));
    expect(find(unsigned, 'invitation')).toMatchObject({ step: 'unconfirmed', staff: 'T2', args: { contacted: true } });
    const paid = g.when(deal('11-05 15:00', 'D1', 'S1', zhang, 'subscription', { invitedBy: 'T1', productType: 'highRise' }));
    expect(find(paid, 'ledger', (d) => d.account === 'bonus')).toMatchObject({ staff: 'T1', amount: '200.00' });
    const unpaid = g.when(deal('11-05 16:00', 'D2', 'S1', wang, 'subscription', { invitedBy: 'T2', productType: 'highRise' }));
    expect(unpaid.decisions.filter((d) => d.kind === 'ledger' && d.account === 'bonus')).toEqual([]);
  });

  it('KPI-REWARD-DAYOFF (001 §二.2): every 10 confirmed invited visits earn half a paid day off', () => {
    const events = [staff('S1'), staff('T1', { role: 'telemarketer' })];
    for (let i = 0; i < 11; i++) events.push(invitation(`11-02 ${10 + Math.floor(i / 6)}:${String((i % 6) * 10).padStart(2, '0')}`, 'T1', client(i), `i${i}`));
    const g = given(events, { periods: { dayOff: {} } });
    const steps = Array.from({ length: 11 }, (_, i) => g.when(arrival(`11-03 ${10 + Math.floor(i / 6)}:${String((i % 6) * 10).padStart(2, '0')}`, `i${i}`, true, 'S1')));
    const rewards = steps.flatMap((s) => all(s, 'reward'));
    expect(rewards).toHaveLength(1);
    expect(rewards[0]).toMatchObject({ staff: 'T1', days: '0.5', visits: 10, period: 'month', start: '2026-11', rules: ['KPI-REWARD-DAYOFF', 'KPI-INVITE-CONFIRM'] });
    expect(steps.indexOf(steps.find((s) => all(s, 'reward').length > 0) as Step)).toBe(9);
    expect(scorecard(g.state, { period: 'month' }).find((r) => r.staff === 'T1')?.daysOff).toBe('0.5');
  });
});

describe('COM-FIXED-BONUS (001 §二.2 激励方式): paid only for confirmed invitations when the policy says so', () => {
  const policy: PolicyInput = { deals: { bonus: { byProductType: { highRise: '200', villa: '500' }, to: 'inviter', confirmedOnly: true } } };
  const base = [staff('S1'), staff('T1', { role: 'telemarketer' }), invitation('11-02 10:00', 'T1', zhang, 'i1'), invitation('11-02 10:05', 'T1', wang, 'i2'), visit('11-03 10:00', zhang, { receiver: 'S1' }), visit('11-03 11:00', wang, { receiver: 'S1' })];

  it('COM-FIXED-BONUS (001 §二.2): given a confirmed arrival, the deal pays the telemarketer 500 for a villa, citing KPI-INVITE-CONFIRM', () => {
    const g = given([...base, arrival('11-03 11:05', 'i1', true, 'S1')], policy);
    const step = g.when(deal('11-05 15:00', 'D1', 'S1', zhang, 'subscription', { invitedBy: 'T1', productType: 'villa' }));
    const bonus = find(step, 'ledger', (d) => d.account === 'bonus');
    expect(bonus).toMatchObject({ staff: 'T1', amount: '500.00' });
    expect(bonus.rules).toEqual(expect.arrayContaining(['COM-FIXED-BONUS', 'KPI-INVITE-CONFIRM']));
    expect(scorecard(g.state, { period: 'month' }).find((r) => r.staff === 'T1')).toMatchObject({ bonus: '500.00', conversions: 1 });
  });

  it('COM-FIXED-BONUS (001 §二.2): given an arrival that was not confirmed (or none recorded), the deal pays no bonus', () => {
    const g = given([...base, arrival('11-03 11:10', 'i2', false)], policy);
    const step = g.when(deal('11-05 15:00', 'D2', 'S1', wang, 'subscription', { invitedBy: 'T1', productType: 'highRise' }));
    expect(step.decisions.filter((d) => d.kind === 'ledger' && d.account === 'bonus')).toEqual([]);
    const other = g.when(deal('11-05 16:00', 'D3', 'S1', zhang, 'subscription', { invitedBy: 'T1', productType: 'highRise' }));
    expect(other.decisions.filter((d) => d.kind === 'ledger' && d.account === 'bonus')).toEqual([]);
  });

  it('COM-FIXED-BONUS (001 §二.2): without confirmedOnly, any invitedBy earns it, as before', () => {
    const g = given(base, { deals: { bonus: { byProductType: { highRise: '200' }, to: 'inviter' } } });
    expect(find(g.when(deal('11-05 15:00', 'D1', 'S1', zhang, 'subscription', { invitedBy: 'T1', productType: 'highRise' })), 'ledger', (d) => d.account === 'bonus').amount).toBe('200.00');
  });
});

describe('KPI-ELIMINATION (000 §13 末位淘汰; 001 备注 前六名以外淘汰)', () => {
  it('KPI-ELIMINATION (000 §13): every three months counted from the start month, the last performer or performers, ties included, are flagged', () => {
    // Quarters from September (as 000 counts from December 2007): Sep-Nov 2026.
    const policy: PolicyInput = { periods: { calendar: { quarterStartMonth: 9 }, elimination: { mode: 'last', period: 'quarter', from: '2026-09', rankBy: ['redLine'] } } };
    const g = given(
      [staff('S1', {}, '08-25 08:00'), staff('S2', {}, '08-25 08:00'), staff('S3', {}, '08-25 08:00'), staff('S4', {}, '08-25 08:00'), deal('09-10 15:00', 'D1', 'S1', zhang, 'bigDeposit', { amount: '2000000' }), deal('10-10 15:00', 'D2', 'S2', wang, 'bigDeposit', { amount: '1000000' })],
      policy,
    );
    // The first event after November closes the quarter.
    const step = g.when(visit('12-01 09:00', liu));
    const flags = all(step, 'flag');
    expect(flags.map((d) => [d.staff, d.flag, d.period, d.start])).toEqual([
      ['S3', 'elimination', 'quarter', '2026-09-01'],
      ['S4', 'elimination', 'quarter', '2026-09-01'],
    ]);
    expect(flags[0]).toMatchObject({ rules: ['KPI-ELIMINATION'], args: { why: 'last', rank: 3, of: 4 } });
  });

  it('KPI-ELIMINATION (000 §13): before the start month nobody is ranked, and an office where everyone ties has no last performer', () => {
    const policy: PolicyInput = { periods: { calendar: { quarterStartMonth: 9 }, elimination: { mode: 'last', period: 'quarter', from: '2026-12', rankBy: ['redLine'] } } };
    const g = given([staff('S1', {}, '08-25 08:00'), staff('S2', {}, '08-25 08:00'), deal('09-10 15:00', 'D1', 'S1', zhang, 'bigDeposit')], policy);
    expect(all(g.when(visit('12-01 09:00', liu)), 'flag')).toEqual([]);
    const tied = given([staff('S1', {}, '08-25 08:00'), staff('S2', {}, '08-25 08:00'), visit('09-02 10:00', zhang)], { periods: { calendar: { quarterStartMonth: 9 }, elimination: { mode: 'last', period: 'quarter', from: '2026-09' } } });
    expect(all(tied.when(visit('12-01 09:00', liu)), 'flag')).toEqual([]);
  });

  it('KPI-ELIMINATION (001 备注): monthly, telemarketers outside the top N by invited visits then conversions are flagged; ties with the N-th stay in', () => {
    const tms = ['T1', 'T2', 'T3', 'T4'];
    const events = [staff('S1'), ...tms.map((id) => staff(id, { role: 'telemarketer' }))];
    // Invited visits: T1 3, T2 2, T3 2, T4 1.
    const counts: Record<string, number> = { T1: 3, T2: 2, T3: 2, T4: 1 };
    let n = 0;
    for (const id of tms) for (let i = 0; i < (counts[id] ?? 0); i++) events.push(invitation(`11-02 ${10 + Math.floor(n / 6)}:${String((n++ % 6) * 10).padStart(2, '0')}`, id, client(n), `${id}-${i}`));
    n = 0;
    for (const id of tms) for (let i = 0; i < (counts[id] ?? 0); i++) events.push(arrival(`11-03 ${10 + Math.floor(n / 6)}:${String((n++ % 6) * 10).padStart(2, '0')}`, `${id}-${i}`, true, 'S1'));
    const g = given(events, { periods: { elimination: { mode: 'outsideTop', top: 2, period: 'month', roles: ['telemarketer'], rankBy: ['invitedVisits', 'conversions'] } } });
    const flags = all(g.when(visit('12-01 09:00', liu)), 'flag');
    expect(flags.map((d) => [d.staff, d.args?.rank])).toEqual([['T4', 4]]);
    expect(flags[0]?.args).toMatchObject({ why: 'outsideTop', top: 2 });
  });
});

describe('COM-SALARY-GRADES (000 §14 等级工资标准晋(降)级标准)', () => {
  const both = (m: string, who: string, i: number) => [targets(`${m}-01 08:0${i}`, who, `2026-${m}`, '1000000', '500000'), deal(`${m}-10 15:0${i}`, `D${m}${who}`, who, client(Number(m) * 10 + i), 'loan', { amount: '1000000' })];
  const neither = (m: string, who: string, i: number) => [targets(`${m}-01 08:0${i}`, who, `2026-${m}`, '1000000', '500000')];

  it('COM-SALARY-GRADES (000 §14): a starting grade is an event; three consecutive months with both lines met promote one grade, with the months in the trace', () => {
    const g = given([staff('S1', {}, '08-25 08:00'), grade('08-25 08:01', 'S1', '试用业务员')]);
    expect(find(given([staff('S9')]).when(grade('11-01 09:00', 'S9', '正式业务员')), 'grade')).toMatchObject({ change: 'set', grade: '正式业务员', base: '800', rules: ['COM-SALARY-GRADES'] });
    for (const m of ['09', '10', '11']) for (const e of both(m, 'S1', 1)) g.when(e);
    const october = scorecard(g.state, { period: 'month', at: t('10-15 12:00') }).find((r) => r.staff === 'S1');
    expect(october).toMatchObject({ grade: '试用业务员', baseSalary: '700', redMet: true, greenMet: true });
    const step = g.when(visit('12-01 09:00', liu));
    const d = find(step, 'grade');
    expect(d).toMatchObject({ staff: 'S1', change: 'promoted', previous: '试用业务员', grade: '正式业务员', base: '800' });
    expect(d.args?.months).toEqual(['2026-09', '2026-10', '2026-11']);
  });

  it('COM-SALARY-GRADES (000 §14): three months with neither line met demote one grade; a month with one line breaks the streak', () => {
    const g = given([staff('S1', {}, '08-25 08:00'), staff('S2', {}, '08-25 08:00'), grade('08-25 08:01', 'S1', '优秀业务员'), grade('08-25 08:02', 'S2', '优秀业务员')]);
    for (const m of ['09', '10', '11']) {
      for (const e of neither(m, 'S1', 1)) g.when(e);
      // S2 meets the red line only in October: one line met.
      for (const e of m === '10' ? [targets('10-01 08:02', 'S2', '2026-10', '1000000', '500000'), deal('10-10 15:02', 'DS2', 'S2', client(99), 'bigDeposit', { amount: '1000000' })] : neither(m, 'S2', 2)) g.when(e);
    }
    const step = g.when(visit('12-01 09:00', liu));
    expect(all(step, 'grade').map((d) => [d.staff, d.change, d.grade])).toEqual([['S1', 'demoted', '正式业务员']]);
  });

  it('COM-SALARY-GRADES (000 §14): months without a target neither promote nor demote; an unknown grade is refused', () => {
    const g = given([staff('S1', {}, '08-25 08:00'), grade('08-25 08:01', 'S1', '试用业务员'), visit('09-02 10:00', zhang)]);
    expect(all(g.when(visit('12-01 09:00', liu)), 'grade')).toEqual([]);
    expect(g.when(grade('12-01 10:00', 'S1', '总经理'), true).issues[0]).toMatchObject({ code: 'invalid_value', path: ['grade'] });
  });
});

/** The violations the seeds fine (the default schedule is empty): 000 §18, 003 篇十 4, 004c 七.2-3. */
const seedFines = {
  misconduct: { range: { min: '20', max: '200' }, cancelsClaim: false, source: '000 §18' },
  grabClient: { dayBase: '1', cancelsClaim: false, source: '003 篇十 4' },
  grabClientSerious: { monthBase: '1', monthBonus: '0.5', cancelsClaim: false, source: '003 篇十 4' },
  exposeRewardConflict: { amount: '1000', cancelsClaim: true, source: '004c 七.3' },
  ruleViolation: { cancelsClaim: true, source: '004c 七.2' },
};
const finesOf = (p: PolicyInput = {}): PolicyInput => ({ ...p, periods: { ...p.periods, fines: { schedule: seedFines, ...p.periods?.fines } } });

describe('PEN-FINES (000 §18; 002 §4; 003 篇十 4; 004c 七.3)', () => {
  it('PEN-FINES (000 §18): a violation is fined inside the policy range 20-200, as a ledger entry with its trace; outside the range it is refused', () => {
    const g = given([staff('S1')], finesOf());
    const step = g.when(violation('11-02 10:00', 'S1', 'misconduct', { amount: '50' }));
    expect(find(step, 'violation')).toMatchObject({ outcome: 'fined', cancelsClaim: false });
    expect(find(step, 'penalty')).toMatchObject({ staff: 'S1', amount: '50.00', violation: 'misconduct', rules: ['PEN-FINES'], day: '2026-11-02' });
    expect(g.when(violation('11-02 11:00', 'S1', 'misconduct', { amount: '500' }), true).issues[0]).toMatchObject({ code: 'invalid_amount', path: ['amount'] });
    expect(g.when(violation('11-02 11:00', 'S1', 'misconduct'), true).issues[0]).toMatchObject({ code: 'invalid_amount' });
    expect(g.when(violation('11-02 11:00', 'S1', 'smoking'), true).issues[0]).toMatchObject({ code: 'invalid_value', path: ['violation'] });
    expect(finesLedger(g.state).map((f) => f.amount)).toEqual(['50.00']);
  });

  it("PEN-FINES (003 篇十 4): grabbing a client costs the day's base pay; seriously, the month's base and 50% of the month's bonus, settled when the month closes", () => {
    // 000 §14's rates: the default names none, and the month's bonus is the commission.
    const tiers: PolicyInput = { deals: { commission: { rates: { neither: '1.8', one: '2', both: '2.3', above: '2.5' } } } };
    const g = given([staff('S1'), grade('11-01 09:00', 'S1', '正式业务员'), targets('11-01 09:05', 'S1', '2026-11', '1000000', null), deal('11-03 15:00', 'D1', 'S1', zhang, 'contract', { amount: '1000000' })], finesOf(tiers));
    expect(find(g.when(violation('11-04 10:00', 'S1', 'grabClient')), 'penalty')).toMatchObject({ amount: '26.67', args: { how: "1 × the day's base 800/30" } });
    const serious = g.when(violation('11-05 10:00', 'S1', 'grabClientSerious'));
    expect(find(serious, 'violation').outcome).toBe('pending');
    expect(serious.decisions.some((d) => d.kind === 'penalty')).toBe(false);
    const december = g.when(visit('12-01 09:00', liu));
    // November's commission: 1,000,000 at 2‰ (one line met) = 2000; the fine is 800 + 1000.
    const fine = find(december, 'penalty');
    expect(fine).toMatchObject({ staff: 'S1', amount: '1800.00', violation: 'grabClientSerious', month: '2026-11', day: '2026-11-05', evidence: [serious.decisions[0]?.event] });
    expect(scorecard(g.state, { period: 'month', at: t('11-20 12:00') }).find((r) => r.staff === 'S1')?.fines).toBe('1826.67');
    expect(g.when(violation('12-01 10:00', 'S9x', 'grabClient'), true).issues[0]?.code).toBe('unknown_staff');
    const ungraded = given([staff('S2')], finesOf());
    expect(ungraded.when(violation('11-02 10:00', 'S2', 'grabClient'), true).issues[0]).toMatchObject({ code: 'invalid_value', path: ['staff'] });
  });

  it('PEN-FINES (002 §4): the appeal fines, 400 on a failed appeal and 500 on an overturned ruling, are ledger entries', () => {
    const g = given([staff('S1'), staff('S2'), staff('M1', { role: 'manager' }), claim('11-02 09:30', 'S1', zhang), event('issueRuling', '11-03 10:00', { client: { phone: zhang.phone }, level: 'manager', owner: 'S2', by: 'M1' })], finesOf({ disputes: { appealFailedFine: '400', overturnFine: '500' } }));
    const step = g.when(event('issueRuling', '11-04 10:00', { client: { phone: zhang.phone }, level: 'appeal', owner: 'S1', appellant: 'S1', by: 'M1' }));
    expect(find(step, 'penalty')).toMatchObject({ staff: 'M1', amount: '500.00', violation: 'overturned' });
    expect(find(step, 'penalty').rules).toEqual(['DSP-PROCESS', 'PEN-FINES']);
    expect(finesLedger(g.state, { staff: 'M1' })).toHaveLength(1);
  });

  it('KPI-CLOSE-RATE, PEN-FINES: given a manager on duty for days and never fined, then the scorecard has no row of zeros for them; fined, they have one', () => {
    const days = ['11-02', '11-03', '11-04', '11-05'].map((d, i) => visit(`${d} 10:00`, client(300 + i), { receiver: 'S1' }));
    const quiet = given([staff('S1'), staff('M1', { role: 'manager' }), ...days]);
    expect(scorecard(quiet.state, { period: 'month' }).map((r) => r.staff)).toEqual(['S1']);
    const fined = given([staff('S1'), staff('S2'), staff('M1', { role: 'manager' }), claim('11-02 09:30', 'S1', zhang), event('issueRuling', '11-03 10:00', { client: { phone: zhang.phone }, level: 'manager', owner: 'S2', by: 'M1' }), ...days.slice(2)], finesOf({ disputes: { appealFailedFine: '400', overturnFine: '500' } }));
    fined.when(event('issueRuling', '11-05 11:00', { client: { phone: zhang.phone }, level: 'appeal', owner: 'S1', appellant: 'S1', by: 'M1' }));
    expect(scorecard(fined.state, { period: 'month' }).find((r) => r.staff === 'M1')).toMatchObject({ receptions: 0, fines: '500.00' });
  });

  it('RFD-CLAWBACK, COM-SPLIT-EXACT: given a manager paid through a negotiated split and a clawback from someone who left, then both have a row and the commission column adds up to the ledger', () => {
    const split = event('splitDeal', '11-06 10:00', { deal: 'D2', commission: [{ staff: 'S1', share: '1' }, { staff: 'M1', share: '1' }] });
    const g = given([staff('S1'), staff('S2'), staff('M1', { role: 'manager' }), visit('11-02 10:00', zhang, { receiver: 'S2' }), deal('11-03 10:00', 'D1', 'S2', zhang, 'contract'), visit('11-04 10:00', wang, { receiver: 'S1' }), deal('11-05 10:00', 'D2', 'S1', wang, 'contract'), split, status('11-20 10:00', 'S2', 'left'), visit('12-02 10:00', liu, { receiver: 'S1' }), event('refund', '12-05 10:00', { deal: 'D1' })], { deals: { commission: { rates: { neither: '1.8', one: '2', both: '2.3', above: '2.5' } } } });
    const total = (xs: readonly { commission: string }[]) => xs.reduce((n, r) => n + Math.round(Number(r.commission) * 100), 0);
    for (const [month, at] of [['2026-11', '11-15 12:00'], ['2026-12', '12-15 12:00']] as const) {
      const rows = scorecard(g.state, { period: 'month', at: t(at) });
      expect(total(rows), month).toBe(total(commissionLedger(g.state, { month })));
    }
    expect(scorecard(g.state, { period: 'month', at: t('11-15 12:00') }).find((r) => r.staff === 'M1')).toMatchObject({ role: 'manager', receptions: 0, commission: '900.00' });
    expect(scorecard(g.state, { period: 'month', at: t('12-15 12:00') }).find((r) => r.staff === 'S2')).toMatchObject({ status: 'left', receptions: 0, commission: '-1800.00' });
  });

  it('DSP-QUARREL: given a deal handed to the department, a ledger party that is not staff, then the scorecard has no row for it: its commission is in the ledger only', () => {
    const policy: PolicyInput = { disputes: { quarrelTo: 'department' }, deals: { commission: { rates: { neither: '1.8', one: '2', both: '2.3', above: '2.5' } } } };
    const g = given([staff('S1'), staff('S2'), staff('M1', { role: 'manager' }), visit('11-01 10:00', zhang, { receiver: 'S1' }), claim('11-01 16:00', 'S2', zhang), event('raiseDispute', '11-01 16:30', { staff: 'S2', client: zhang }), deal('11-02 15:00', 'D1', 'S1', zhang, 'contract')], policy);
    g.when(event('issueRuling', '11-03 10:00', { client: zhang, level: 'manager', owner: 'S1', finding: 'quarrel', by: 'M1' }));
    expect(commissionLedger(g.state, { month: '2026-11' }).map((r) => [r.staff, r.commission])).toEqual([['S1', '0.00'], ['department', '1800.00']]);
    expect(scorecard(g.state, { period: 'month', at: t('11-15 12:00') }).map((r) => [r.staff, r.commission])).toEqual([['S1', '0.00'], ['S2', '0.00']]);
  });

  it('PEN-FINES: the policy says whether fines come off the pay or stand as a separate payable', () => {
    const g = given([staff('S1')], finesOf({ periods: { fines: { settlement: 'separatePayable' } } }));
    expect(find(g.when(violation('11-02 10:00', 'S1', 'misconduct', { amount: '20' })), 'penalty').settlement).toBe('separatePayable');
    expect(scorecard(g.state, { period: 'day' })[0]).toMatchObject({ fines: '20.00', finesSettlement: 'separatePayable' });
  });
});

describe('PEN-CANCEL (004c 七.2-3)', () => {
  it('PEN-CANCEL (004c 七.3): exposing the reward conflict to a client costs 1000 and cancels the violator\'s claim: the client counts as new', () => {
    const g = given([staff('S1'), staff('S2'), claim('11-02 09:30', 'S1', zhang)], finesOf());
    const step = g.when(violation('11-03 10:00', 'S1', 'exposeRewardConflict', { client: { phone: zhang.phone } }));
    expect(find(step, 'penalty')).toMatchObject({ amount: '1000.00', client: find(step, 'ownership').client });
    expect(find(step, 'penalty').rules).toEqual(['PEN-CANCEL', 'PEN-FINES']);
    expect(find(step, 'ownership')).toMatchObject({ owner: null, why: 'cancelled', rules: ['PEN-CANCEL'] });
    expect(find(step, 'violation')).toMatchObject({ cancelsClaim: true, args: { cancelled: true } });
    expect(g.ownerOf(zhang.phone)).toBeNull();
    expect(find(g.when(claim('11-03 11:00', 'S2', zhang)), 'claim').outcome).toBe('accepted');
  });

  it('PEN-CANCEL (004c 七.2): a rule violation cancels the claim without a fine; on a client the violator does not hold, nothing is cancelled', () => {
    const g = given([staff('S1'), staff('S2'), claim('11-02 09:30', 'S1', zhang)], finesOf());
    const step = g.when(violation('11-03 10:00', 'S2', 'ruleViolation', { client: { phone: zhang.phone } }));
    expect(find(step, 'violation')).toMatchObject({ outcome: 'noFine', args: { cancelled: false } });
    expect(find(step, 'ownership').why).toBe('notHeld');
    expect(step.decisions.some((d) => d.kind === 'penalty')).toBe(false);
    expect(g.ownerOf(zhang.phone)).toBe('S1');
    expect(g.when(violation('11-03 11:00', 'S1', 'ruleViolation', { client: { phone: '13000000000' } }), true).issues[0]?.code).toBe('unknown_client');
  });
});

describe("presets carry their seeds' periods values", () => {
  it('jiuzhou (000 §3, §12-14, §18): weekly 20%/10% rates with derived penalties, elimination every three months from 2007-12, grades 700-1500, fines 20-200', () => {
    const p = validated('jiuzhou');
    expect(p.periods).toMatchObject({ closeRate: { percent: 10, period: 'week' }, inviteRate: { percent: 20, period: 'week' }, penalties: { halfTurns: { when: 'noDeal' }, noCalls: {} } });
    expect(p.periods.elimination).toMatchObject({ mode: 'last', period: 'quarter', from: '2007-12' });
    expect(p.periods.calendar.quarterStartMonth).toBe(12);
    expect(p.periods.grades.ladder.map((g) => g.base)).toEqual(['700', '800', '1000', '1200', '1300', '1500']);
    expect(p.periods.fines.schedule.misconduct?.range).toEqual({ min: '20', max: '200' });
    const g = given([staff('S1'), staff('S2'), visit('11-02 10:00', zhang, { receiver: 'S1' }), visit('11-02 11:00', wang, { receiver: 'S2' }), deal('11-03 15:00', 'D1', 'S1', zhang)], presetPolicy('jiuzhou'));
    expect(find(g.when(visit('11-09 09:00', liu)), 'queue', (d) => d.rules.includes('ROT-PENALTY-HALF')).staff).toEqual(['S2']);
  });

  it('confirmation-desk (002 §1.5): 50 claims, 80 with the quarter\'s target met, 30 with no signing in the quarter so far', () => {
    expect(validated('confirmation-desk').periods.quota).toEqual({ limit: 50, targetMet: 80, noSigning: 30, judged: 'soFar', kinds: ['claim'] });
  });

  it('call-center (001): 100 calls a day fined 1 each, 10 invited visits a week or dismissal, confirmed invitations only, half a day off per 10, top six monthly, bonuses on confirmed visits', () => {
    const p = validated('call-center');
    expect(p.periods.calls).toEqual({ roles: ['telemarketer'], daily: 100, finePerMissing: '1', weeklyInvitedVisits: 10, dismissal: true, recycleDays: 30 });
    expect(p.periods.invitations.confirm).toBe(true);
    expect(p.periods.dayOff).toEqual({ per: 10, days: '0.5', period: 'month' });
    expect(p.periods.elimination).toMatchObject({ mode: 'outsideTop', top: 6, period: 'month', roles: ['telemarketer'] });
    expect(p.deals.bonus).toMatchObject({ byProductType: { highRise: '200', villa: '500' }, confirmedOnly: true });
  });

  it("store-archive (003 篇十 4, rotation 5(3)): grabbing clients costs the day's base pay, seriously the month's base and half the month's bonus; stirring up trouble half the month's deal bonus", () => {
    expect(validated('store-archive').periods.fines.schedule).toEqual({
      grabClient: { dayBase: '1', cancelsClaim: false, source: '003 篇十 4' },
      grabClientSerious: { monthBase: '1', monthBonus: '0.5', cancelsClaim: false, source: '003 篇十 4' },
      provokeDispute: { monthBonus: '0.5', cancelsClaim: false, source: '003 篇十 rotation 5(3)' },
    });
  });
});

function validated(name: PresetName) {
  const r = validatePolicy(presetPolicy(name));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.policy;
}

describe('the scorecard of a closed period: what held at its end (CLM-QUOTA, ROT-PENALTY-HALF)', () => {
  const policy: PolicyInput = { ownership: { validityDays: { claim: 10 } }, periods: { quota: { limit: 2, targetMet: 3, noSigning: 1, judged: 'quarterEnd' } } };

  it('given S1 held two active claims and was on duty at the end of Nov 2, when later days release one and send S1 on leave, then the day of Nov 2 still shows them as they stood', () => {
    const g = given([staff('S1'), staff('S2'), claim('11-02 09:30', 'S1', client(1)), claim('11-02 09:40', 'S1', client(2)), penalty('11-02 10:00', 'S1', 'halfTurns', 1)], policy);
    g.when(release('11-03 10:00', 'S1', client(1)));
    g.when(status('11-04 09:00', 'S1', 'leave'));
    g.when(visit('11-05 10:00', zhang, { receiver: 'S2' }));
    const pick = (at: string) => scorecard(g.state, { period: 'day', at: t(at) }).find((r) => r.staff === 'S1');
    expect(pick('11-02 12:00')).toMatchObject({ closed: true, status: 'onDuty', activeClaims: 2, quota: 2 });
    expect(pick('11-02 12:00')?.flags).toContain('halfTurnsInForce');
    expect(pick('11-03 12:00')).toMatchObject({ closed: true, status: 'onDuty', activeClaims: 1 });
    expect(pick('11-03 12:00')?.flags).not.toContain('halfTurnsInForce');
    expect(pick('11-05 12:00')).toMatchObject({ closed: false, status: 'leave', activeClaims: 1 });
  });

  it('given S1 claimed a client on Nov 18 for 10 days and the office had no event after Nov 20, when December begins, then November ends with the claim lapsed', () => {
    const g = given([staff('S1'), claim('11-18 09:30', 'S1', client(1)), visit('11-20 10:00', zhang, { receiver: 'S1' })], policy);
    g.when(visit('12-02 10:00', wang, { receiver: 'S1' }));
    const pick = (period: 'day' | 'month', at: string) => scorecard(g.state, { period, at: t(at) }).find((r) => r.staff === 'S1');
    expect(pick('day', '11-20 12:00')).toMatchObject({ closed: true, activeClaims: 1 });
    expect(pick('month', '11-20 12:00')).toMatchObject({ closed: true, activeClaims: 0 });
  });

  it('given a snapshot of that office, when it is restored, then the standings come back; from a version 4 snapshot, which kept none, the closed day shows what holds now', () => {
    const g = given([staff('S1'), staff('S2'), claim('11-02 09:30', 'S1', client(1)), claim('11-02 09:40', 'S1', client(2))], policy);
    g.when(release('11-03 10:00', 'S1', client(1)));
    g.when(visit('11-04 10:00', zhang, { receiver: 'S2' }));
    const written = JSON.parse(JSON.stringify(toSnapshot(g.state))) as { version: number; state: { periods: Record<string, unknown> } };
    const day = (snapshot: unknown) => {
      const restored = fromSnapshot(snapshot);
      if (!restored.ok) throw new Error(JSON.stringify(restored.issues));
      return scorecard(restored.state, { period: 'day', at: t('11-02 12:00') }).find((r) => r.staff === 'S1');
    };
    expect(day(written)).toMatchObject({ closed: true, activeClaims: 2 });
    const { standings, ...older } = written.state.periods;
    expect(standings).toBeDefined();
    expect(day({ ...written, version: 4, state: { ...written.state, periods: older } })).toMatchObject({ closed: true, activeClaims: 1 });
  });
});
