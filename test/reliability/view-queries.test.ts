/**
 * What the views do with what a caller asks: a mistyped month or day is an
 * error naming the field (it would otherwise match nothing and pass for an
 * empty month), and every view judges at the time asked under the policy in
 * force then.
 */
import { describe, expect, it } from 'vitest';
import { attainment, commissionLedger, credits, fairnessLedger, finesLedger, ledgerEntries, owners, ownerOf, replay, scorecard, viewAs, type PolicyTimelineInput } from '../../src/index.js';
import { deal, followUp, staff, visit, zhang } from '../support/dsl.js';

const { state } = replay([staff('S01'), staff('S02'), visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-03 15:00', 'D1', 'S01', zhang, 'subscription')]);

describe('mistyped months and days are refused, not read as empty', () => {
  it.each([
    ['2026-1'],
    ['202611'],
    ['2026-11-01'],
    ['2026-13'],
  ])('given month %s, when a ledger is asked for it, then a RangeError names the month', (month) => {
    for (const view of [commissionLedger, credits, attainment, ledgerEntries, finesLedger]) {
      expect(() => view(state, { month })).toThrow(new RangeError(`month "${month}" is not a month: use YYYY-MM, such as 2026-11`));
    }
  });

  it.each([['2026/11/01'], ['2026-11-1'], ['2026-02-30'], ['2026-11-01T00:00:00+08:00'], ['garbage']])('given day %s, when the fairness ledger is asked from or to it, then a RangeError names the field', (day) => {
    expect(() => fairnessLedger(state, { from: day })).toThrow(/^from ".*" is not a day: use YYYY-MM-DD/);
    expect(() => fairnessLedger(state, { to: day })).toThrow(/^to ".*" is not a day: use YYYY-MM-DD/);
  });

  it('given well-formed months and days, then the rows are those of the month and the days', () => {
    expect(credits(state, { month: '2026-11' }).map((r) => r.staff)).toEqual(['S01']);
    expect(credits(state, { month: '2026-12' })).toEqual([]);
    expect(fairnessLedger(state, { from: '2026-11-01', to: '2026-11-01' }).map((r) => [r.staff, r.day])).toEqual([['S01', '2026-11-01']]);
    expect(fairnessLedger(state, { from: '2026-11-02' })).toEqual([]);
  });

  it('given a JavaScript caller passing a number, then it is the same RangeError, not a silent empty list', () => {
    expect(() => credits(state, { month: 202611 as unknown as string })).toThrow(/^month 202611 is not a month/);
  });

  it('given a period that is not one, when the scorecard is asked, then a RangeError names the period and the kinds', () => {
    expect(() => scorecard(state, { period: 'yearly' as never })).toThrow(new RangeError('period "yearly" is not a kind of period: use day, week, month, quarter'));
    expect(scorecard(state, { period: 'day', at: '2026-11-01T20:00' }).find((r) => r.staff === 'S01')?.receptions).toBe(1);
  });
});

describe('OWN-FOLLOWUP (004h §9) under a dated timeline: viewAs judges like owners, and neither reads the exemption of the version in force at lookAhead', () => {
  const rules = (doNotCallExempt: boolean) => ({ ownership: { validityDays: { visit: null }, followUp: { withinDays: 5, doNotCallExempt } } });
  const timeline: PolicyTimelineInput = { versions: [{ id: 'v1', policy: rules(true) }, { id: 'v2', from: '2026-11-10', policy: rules(false) }] };
  const events = [staff('S01'), visit('11-01 10:00', zhang, { receiver: 'S01' }), followUp('11-02 10:00', 'S01', zhang, { doNotCall: true })];

  it('given a do-not-call client whose deadline was set (and waived) under v1, when both views look ahead past v2, then both say the client is still protected', () => {
    const r = replay(events, timeline);
    expect(r.issues).toEqual([]);
    const ahead = { lookAhead: '2026-11-20T00:00:00+08:00' };
    expect(ownerOf(r.state, zhang.phone, ahead)).toMatchObject({ owner: 'S01', status: 'protected', protectionEndsAt: null });
    expect(owners(r.state, ahead).map((o) => o.status)).toEqual(['protected']);
    expect(viewAs(r.state, 'S01', ahead).own.map((o) => o.status)).toEqual(['protected']);
    const before = { lookAhead: '2026-11-09T00:00:00+08:00' };
    expect(viewAs(r.state, 'S01', before).own.map((o) => o.status)).toEqual(['protected']);
  });

  it('given the same versions the other way round, when both views look ahead past v2, then both say the protection lapsed on the deadline of 11-02', () => {
    const r = replay(events, { versions: [{ id: 'v1', policy: rules(false) }, { id: 'v2', from: '2026-11-10', policy: rules(true) }] });
    const ahead = { lookAhead: '2026-11-20T00:00:00+08:00' };
    expect(ownerOf(r.state, zhang.phone, ahead)?.status).toBe('none');
    expect(owners(r.state, ahead).map((o) => o.status)).toEqual(['none']);
    expect(viewAs(r.state, 'S01', ahead).own).toEqual([]);
  });
});
