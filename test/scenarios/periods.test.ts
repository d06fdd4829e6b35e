/**
 * The periods family (RULES §I, §J, CLM-QUOTA, COM-SALARY-GRADES, and the
 * penalties derived from the KPIs): given/when/then, each test naming its
 * rule ID and seed section. 2026-11-01 is a Sunday; weeks start on Monday
 * unless the policy says otherwise.
 */
import { describe, expect, it } from 'vitest';
import { scorecard, type Decision, type DecisionOf, type PolicyInput, type Step } from '../../src/index.js';
import { arrival, call, chen, claim, deal, event, find, given, invitation, liu, penalty, release, staff, t, targets, visit, wang, zhang } from '../support/dsl.js';

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
