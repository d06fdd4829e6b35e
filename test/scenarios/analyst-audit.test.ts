/**
 * The analyst audit: what a reader of years of history asks of the views,
 * each test naming the rule or the API it checks. 2026-11-01 is a Sunday.
 */
import { describe, expect, it } from 'vitest';
import { asOf, compare, describeDecision, describeReason, finesLedger, initialState, parseLog, replay, replayer, scorecard, type OfficeState } from '../../src/index.js';
import { given, outbound, reception, staff, status, t, visit, wang, zhang } from '../support/dsl.js';

describe('scorecard: a past period lists the people on the roster then', () => {
  const log = [
    staff('S1', {}, '10-01 08:00'),
    staff('S2', {}, '10-01 08:00'),
    visit('10-10 10:00', zhang, { receiver: 'S1' }),
    // November: S2 leaves, S3 joins.
    status('11-03 09:00', 'S2', 'left'),
    staff('S3', {}, '11-03 09:00'),
    visit('11-05 10:00', wang, { receiver: 'S3' }),
  ];

  it('KPI-CLOSE-RATE scorecard: given S3 joining in November, when October is read on the final state, then S3 has no row, as in the state at October\'s end', () => {
    const r = replayer(initialState());
    let october: OfficeState | undefined;
    for (const e of log) {
      if (october === undefined && Date.parse(e.at) >= Date.parse(t('11-01 00:00'))) october = r.state();
      r.push(e);
    }
    const final = r.state();
    const at = '2026-10-20T12:00';
    expect(scorecard(october as OfficeState, { at }).map((x) => x.staff)).toEqual(['S1', 'S2']);
    expect(scorecard(final, { at }).map((x) => x.staff)).toEqual(['S1', 'S2']);
  });

  it('KPI-CLOSE-RATE scorecard: given S2 leaving in November with nothing to show, then October still has their row and November has none', () => {
    const { state } = replay(log);
    expect(scorecard(state, { at: '2026-10-20T12:00' }).find((x) => x.staff === 'S2')).toMatchObject({ receptions: 0, closed: true });
    expect(scorecard(state).map((x) => x.staff)).toEqual(['S1', 'S3']);
  });
});

describe('explanations name people, never bare ids', () => {
  it('ROT-ABSENT-OWNER-ASSIST describeReason: given the owner on leave, when their old client returns, then the owner and the assistant are named', () => {
    const team = [staff('S01', { name: '李娜' }), staff('S02', { name: '王强' }), staff('S03', { name: '赵敏' })];
    const g = given([...team, visit('11-01 10:00', zhang), status('11-02 08:00', 'S01', 'leave')]);
    const d = reception(g.when(visit('11-02 10:00', zhang)));
    expect(d.rules).toContain('ROT-ABSENT-OWNER-ASSIST');
    expect(describeReason(g.state, d)).toBe('an old client of 李娜 (S01), who is on leave: 赵敏 (S03), the last in the order, assists; not a turn and not a skip');
    expect(describeDecision(g.state, d)).toContain('received by 赵敏 (S03), no turn used — an old client of 李娜 (S01)');
  });
});

describe('replay: nothing is left out silently', () => {
  it('redelivery replay: given a log with a line pasted twice, when it is replayed, then the copy is named with its line, neither applied nor refused', () => {
    const text = [staff('S1'), visit('11-01 10:00', zhang, { receiver: 'S1' }), visit('11-01 11:00', wang, { receiver: 'S1' })].map((e) => JSON.stringify(e));
    const { events } = parseLog([text[0], text[1], text[1], text[2], text[2]].join('\n'));
    const r = replay(events);
    expect(r.issues).toEqual([]);
    expect(r.state.events).toBe(3);
    expect(r.redelivered).toEqual([
      { event: events[2]?.id, line: 3 },
      { event: events[4]?.id, line: 5 },
    ]);
    // Every event accounted for: applied, refused or redelivered.
    expect(r.state.events + r.issues.length + r.redelivered.length).toBe(events.length);
    const then = asOf(events, t('11-01 10:30'));
    expect(then.redelivered).toEqual([{ event: events[2]?.id, line: 3 }]);
  });
});

describe('compare: money per person and month, in the months the ledgers use', () => {
  it('PEN-FINES KPI-CALLS compare: given calls missing on the last day of October, fined when November\'s first event closes the day, then the months difference names October, the pay month finesLedger and the scorecard give', () => {
    const log = [staff('S1', {}, '10-30 08:00'), staff('T1', { role: 'telemarketer' }, '10-30 08:00'), outbound('10-30 10:00', 'T1', 'B', { count: 100 }), outbound('10-31 10:00', 'T1', 'C', { count: 60 }), visit('11-01 09:00', zhang)];
    const quotas = { periods: { calls: {} } };
    const { state } = replay(log, quotas);
    expect(finesLedger(state).map((f) => [f.staff, f.amount, f.day, f.month])).toEqual([['T1', '40.00', '2026-10-31', '2026-10']]);
    expect(scorecard(state, { at: t('10-31 12:00') }).find((r) => r.staff === 'T1')?.fines).toBe('40.00');
    const diff = compare(log, quotas, {});
    expect(diff.months.map((m) => [m.staff, m.month, m.account, m.a.amount, m.b.amount])).toEqual([['T1', '2026-10', 'fines', '40.00', '0.00']]);
  });
});
