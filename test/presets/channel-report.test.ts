/**
 * channel-report (004k 房地产拓客客户归属判别制度): the office's distinctive
 * clauses, replayed under the preset.
 */
import { describe, expect, it } from 'vitest';
import { presetPolicy } from '../../src/index.js';
import { chen, claim, complaint, deal, find, given, liu, parts, row, staff, t, visit, zhang } from '../support/dsl.js';
import { withFlatRate } from '../support/rates.js';

// The seed names no commission rate: a flat 1.8‰ shows the commission's shares as amounts.
const policy = withFlatRate(presetPolicy('channel-report'));
const team = [staff('S01'), staff('S02'), staff('A1', { role: 'channel' }), staff('A2', { role: 'channel' }), staff('A3', { role: 'channel' }), staff('M1', { role: 'manager' })];
// 004k §2's format: surname and the first three and last five digits.
const masked = { name: '张', phone: '138***45678' };
const report = (when: string, agent: string, client: { name: string; phone: string } = masked, extra: object = {}) =>
  claim(when, agent, client, { kind: 'report', team: '拓客一组', expectedVisitAt: t(`${when.slice(0, 5)} 15:00`), ...extra });

describe('channel-report (004k)', () => {
  it('004k §2 CLM-REPORT ID-PHONE: given A1 reported 张 with 138***45678, when 张伟 visits with 13812345678 within 7 days, then the masked report matches and he is A1\'s', () => {
    const g = given([...team, report('11-01 09:00', 'A1')], policy);
    g.when(visit('11-08 10:00', zhang));
    expect(g.ownerOf(zhang.phone)).toBe('A1');
    const other = given([...team, report('11-01 09:00', 'A1', { name: '李', phone: '138***45678' })], policy);
    other.when(visit('11-03 10:00', zhang));
    expect(other.ownerOf(zhang.phone)).not.toBe('A1');
  });

  it('004k §2 CLM-REPORT: given a report whose expected visit is more than 7 days away, then it is refused', () => {
    const g = given(team, policy);
    const step = g.when(claim('11-01 09:00', 'A1', masked, { kind: 'report', expectedVisitAt: t('11-12 10:00') }));
    expect(find(step, 'claim').outcome).toBe('refused');
    expect(find(step, 'claim').rules).toContain('CLM-REPORT');
  });

  it('004k §2 CLM-REPORT OWN-VALIDITY: given a report on Nov 1 the client did not follow, then it lapses after 7 days; a re-file without a reason fails, one with the reason is taken', () => {
    const g = given([...team, report('11-01 09:00', 'A1')], policy);
    expect(g.ownerOf(masked.phone, '11-08 23:00')).toBe('A1');
    expect(g.ownerOf(masked.phone, '11-09 00:00')).toBeNull();
    expect(find(g.when(report('11-10 09:00', 'A1')), 'claim').outcome).toBe('refused');
    expect(find(g.when(report('11-10 10:00', 'A1', masked, { reason: '客户关机,销售助理已核查' })), 'claim').outcome).toBe('accepted');
    expect(g.ownerOf(masked.phone)).toBe('A1');
  });

  it('004k §2 CLM-REPORT: given three re-files that all lapsed, when a fourth comes, then the client is a public client (公号) and no agent\'s report is taken any more', () => {
    const g = given([...team, report('11-01 09:00', 'A1')], policy);
    for (const [when, reason] of [['11-10 09:00', '客户关机'], ['11-19 09:00', '客户出差'], ['11-28 09:00', '客户停机']] as const) {
      expect(find(g.when(report(when, 'A1', masked, { reason })), 'claim').outcome).toBe('accepted');
    }
    expect(find(g.when(report('12-07 09:00', 'A1', masked, { reason: '再试一次' })), 'claim').outcome).toBe('refused');
    expect(g.statusOf(masked.phone)).toBe('pool');
    const later = g.when(report('12-08 09:00', 'A2', masked, { reason: '新渠道' }));
    expect(find(later, 'claim').outcome).toBe('refused');
  });

  it('004k §3 OWN-CHANNEL-GROUP: given A2 reported zhang first, when A1 brings him in person, then he is A2\'s; with no earlier report he would be A1\'s', () => {
    const g = given([...team, report('11-01 09:00', 'A2', zhang)], policy);
    const step = g.when(visit('11-02 10:00', zhang, { broughtBy: 'A1' }));
    expect(find(step, 'collision').rules).toContain('OWN-CHANNEL-GROUP');
    expect(g.ownerOf(zhang.phone)).toBe('A2');
    const unreported = given(team, policy);
    unreported.when(visit('11-02 10:00', zhang, { broughtBy: 'A1' }));
    expect(unreported.ownerOf(zhang.phone)).toBe('A1');
  });

  it('004k §3 OWN-CHANNEL-GROUP: given A1 reported zhang, when zhang comes with a friend, then the friend is A1\'s too', () => {
    const g = given([...team, report('11-01 09:00', 'A1', zhang)], policy);
    g.when(visit('11-02 10:00', zhang, { party: [{ ...chen, relation: 'friend' }] }));
    expect(g.ownerOf(chen.phone)).toBe('A1');
  });

  it('004k §2 OWN-CHANNEL-GROUP CLM-REPORT: given liu visited before any report, when A1 reports her afterwards with a text sent before the visit, then she is A1\'s; without the text she is a natural visitor', () => {
    const visited = [...team, visit('11-02 10:00', liu, { receiver: 'S01' })];
    const g = given(visited, policy);
    expect(find(g.when(report('11-02 16:00', 'A1', liu, { textAt: t('11-02 09:00') })), 'claim').outcome).toBe('accepted');
    expect(g.ownerOf(liu.phone)).toBe('A1');
    const natural = given(visited, policy);
    expect(find(natural.when(report('11-02 16:00', 'A1', liu)), 'claim').outcome).toBe('refused');
    expect(natural.ownerOf(liu.phone)).toBe('S01');
  });

  it('004k §4 OWN-COMPLAINT: given a justified complaint against A1, when the group manager names A3 to follow zhang up and A3 closes, then zhang and the whole deal are A3\'s', () => {
    const g = given([...team, report('11-01 09:00', 'A1', zhang), visit('11-02 10:00', zhang)], policy);
    g.when(complaint('11-03 10:00', zhang, 'A1', true, 'A3'));
    expect(g.ownerOf(zhang.phone)).toBe('A3');
    const step = g.when(deal('11-05 15:00', 'D1', 'A3', zhang));
    expect(find(step, 'allocation').rules).toContain('OWN-COMPLAINT');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['A3 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['A3 1 1800.00']);
  });
});
