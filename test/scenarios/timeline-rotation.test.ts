/**
 * The walk-in queue under a policy timeline: a day's end and the next
 * day's start are judged under the versions in force at those instants,
 * not under the version of whichever event happens to come first on the
 * next day (a version taking effect at noon does not decide the morning).
 */
import { describe, expect, it } from 'vitest';
import { nextReceiver, type DecisionOf, type PolicyTimelineInput } from '../../src/index.js';
import { duty, endReception, find, fresh, given, reception, staff, status, visit } from '../support/dsl.js';

const team = [staff('S01'), staff('S02'), staff('S03')];

describe('ROT-CARRY (makeUps.expireAtDayEnd) across policy versions: make-ups owed at a day end lapse under the version in force at that end', () => {
  const companyBusiness = { companyBusiness: 'once' as const };
  const timeline: PolicyTimelineInput = {
    versions: [
      { id: 'lapse', policy: { rotation: { makeUps: { ...companyBusiness, expireAtDayEnd: true } } } },
      { id: 'carry', from: '2026-12-01T12:00', policy: { rotation: { makeUps: { ...companyBusiness, expireAtDayEnd: false } } } },
    ],
  };
  // S01 is out on company business when their turn comes on 11-30: owed one make-up, not used that day.
  const owedOn1130 = [...team, status('11-30 09:00', 'S01', 'companyBusiness'), visit('11-30 10:00', fresh()), endReception('11-30 10:01', 'S02'), status('11-30 11:00', 'S01', 'onDuty')];

  it.each(['12-01 10:00', '12-01 13:00'])('given make-ups lapse at day end until 12-01 12:00, when the first visit of 12-01 comes at %s, then the make-up owed on 11-30 has lapsed and S03 receives in order', (when) => {
    const g = given(owedOn1130, timeline);
    const step = g.when(visit(when, fresh()));
    expect(reception(step)).toMatchObject({ receiver: 'S03', makeUp: false });
    expect(g.state.rotation.ring.find((s) => s.id === 'S01')?.owed).toBe(0);
  });
});

describe('ROT-CARRY (dailyStart) across policy versions: a day starts under the version in force at its start', () => {
  const timeline: PolicyTimelineInput = {
    versions: [
      { id: 'restart', policy: { rotation: { dailyStart: 'firstInOrder' } } },
      { id: 'carry', from: '2026-12-01T12:00', policy: { rotation: { dailyStart: 'carryOver' } } },
    ],
  };

  it.each(['12-01 10:00', '12-01 13:00'])('given the order restarts each morning until 12-01 12:00, when S01 took the last turn of 11-30 and the first visit of 12-01 comes at %s, then the order restarted that morning: S01 receives', (when) => {
    const g = given([...team, visit('11-30 10:00', fresh()), endReception('11-30 10:01', 'S01')], timeline);
    const step = g.when(visit(when, fresh()));
    expect(reception(step).receiver).toBe('S01');
  });

  it('given the same timeline, when nextReceiver asks about 12-01 13:00 before any event of 12-01, then it names whom the engine then gives the visitor to (S01)', () => {
    const g = given([...team, visit('11-30 10:00', fresh()), endReception('11-30 10:01', 'S01')], timeline);
    expect(nextReceiver(g.state, '2026-12-01T13:00').next).toBe('S01');
    expect(reception(g.when(visit('12-01 13:00', fresh()))).receiver).toBe('S01');
  });

  it('given the order carries over until 12-01 and restarts each morning from 12-02 12:00, when nothing happens from 11-30 to 12-03, then the order restarted on a morning in between: S01 receives', () => {
    const gap: PolicyTimelineInput = {
      versions: [
        { id: 'carry', policy: { rotation: { dailyStart: 'carryOver' } } },
        { id: 'restart', from: '2026-12-01', policy: { rotation: { dailyStart: 'firstInOrder' } } },
        { id: 'carry again', from: '2026-12-02T12:00', policy: { rotation: { dailyStart: 'carryOver' } } },
      ],
    };
    const g = given([...team, visit('11-30 10:00', fresh()), endReception('11-30 10:01', 'S01')], gap);
    expect(reception(g.when(visit('12-03 10:00', fresh()))).receiver).toBe('S01');
  });
});

describe('ROT-DUTY across policy versions: the after-midnight tail of a night window is the window of the version in force when the night began', () => {
  const night = [{ from: '22:00', to: '02:00' }];

  it('given a 22:00-02:00 duty window until 12-01 and none from then, when a visitor comes at 01:00 on 12-01, then the night duty person named on 11-30 receives them, as the duty decision said', () => {
    const timeline: PolicyTimelineInput = { versions: [{ id: 'nights', policy: { rotation: { duty: { windows: night } } } }, { id: 'no nights', from: '2026-12-01', policy: { rotation: { duty: { windows: [] } } } }] };
    const g = given([...team], timeline);
    const named = find(g.when(duty('11-30 09:00', ['S03'])), 'queue') as DecisionOf<'queue'>;
    expect(named.until).toBe(Date.parse('2026-12-01T02:00:00+08:00'));
    expect(reception(g.when(visit('12-01 01:00', fresh())))).toMatchObject({ receiver: 'S03', counted: false, why: 'duty' });
  });

  it('given no duty window until 12-01 and 22:00-02:00 from then, when a visitor comes at 01:00 on 12-01, then 11-30 had no night duty: nobody on duty is named, the order receives', () => {
    const timeline: PolicyTimelineInput = { versions: [{ id: 'no nights', policy: { rotation: { duty: { windows: [] } } } }, { id: 'nights', from: '2026-12-01', policy: { rotation: { duty: { windows: night } } } }] };
    const g = given([...team], timeline);
    const named = find(g.when(duty('11-30 09:00', ['S03'])), 'queue') as DecisionOf<'queue'>;
    expect(named.until).toBe(Date.parse('2026-12-01T00:00:00+08:00'));
    expect(reception(g.when(visit('12-01 01:00', fresh())))).toMatchObject({ receiver: 'S01', counted: true });
  });
});
