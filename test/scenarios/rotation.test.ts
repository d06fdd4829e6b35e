import v8 from 'node:v8';
import { expectUnchanged } from '../support/fold.js';
import { describe, expect, it } from 'vitest';
import { createOffice, fairnessLedger, nextReceiver, parseEvent, presetPolicy, toSnapshot, type ClientRef, type DecisionOf, type PolicyInput, type Step } from '../../src/index.js';
import { describeReason, receptionDecisionSchema } from '../../src/index.js';
import { event, find, given, staff, status, t, visit, wang, zhang, type Given } from '../support/dsl.js';

// Two teams of two; the order is the join order S01, S02, S03, S04.
const team = [staff('S01', { team: 'A' }), staff('S02', { team: 'A' }), staff('S03', { team: 'B' }), staff('S04', { team: 'B' }), staff('M1', { role: 'manager' })];

/** Receptions keep nobody busy unless a test says so. */
const quick: PolicyInput = { rotation: { receptionMinutes: 0 } };
const withRotation = (rotation: NonNullable<PolicyInput['rotation']>): PolicyInput => ({ rotation: { receptionMinutes: 0, ...rotation } });

let phone = 13500000000;
/** A new client nobody has seen. */
const fresh = (): ClientRef => ({ name: `客${phone % 1000}`, phone: String(++phone) });

const reception = (step: Step): DecisionOf<'reception'> => find(step, 'reception');
const endReception = (when: string, who: string, extra: { visit?: string } = {}) => event('endReception', when, { staff: who, ...extra });
const duty = (when: string, ids: string[]) => event('assignDuty', when, { staff: ids });
const penalty = (when: string, who: string, kind: 'halfTurns' | 'noCalls', days?: number) =>
  event('setRotationPenalty', when, { staff: who, penalty: kind, ...(days === undefined ? {} : { days }) });
const callIn = (when: string, client?: ClientRef, extra: { receiver?: string; selfSourced?: boolean } = {}) =>
  event('registerCall', when, { ...(client ? { client } : {}), ...extra });

/** Applies new-client walk-ins at the given times and returns who received each. */
function walkIns(g: Given, ...times: string[]): (string | null)[] {
  return times.map((when) => reception(g.when(visit(when, fresh()))).receiver);
}

describe('ROT-ORDER: walk-ins are received in a fixed round-robin order of the staff on duty', () => {
  it('given four salespeople, when five new visitors arrive, then they are received in join order and the fifth starts the next round', () => {
    const g = given(team, quick);
    expect(walkIns(g, '11-01 10:00', '11-01 10:10', '11-01 10:20', '11-01 10:30', '11-01 10:40')).toEqual(['S01', 'S02', 'S03', 'S04', 'S01']);
  });

  it('given a reception, then it is counted as one turn with its trace', () => {
    const g = given(team, quick);
    const d = reception(g.when(visit('11-01 10:00', zhang)));
    expect(d).toMatchObject({ channel: 'visit', receiver: 'S01', counted: true, turns: 1, makeUp: false, skipped: [] });
    expect(d.rules).toEqual(expect.arrayContaining(['ROT-ORDER', 'ROT-CARRY']));
  });

  it('given the book records S03 out of order, then S03 takes a turn early and the order passes S03 once', () => {
    const g = given(team, quick);
    const booked = reception(g.when(visit('11-01 10:00', fresh(), { receiver: 'S03' })));
    expect(booked).toMatchObject({ receiver: 'S03', counted: true });
    expect(describeReason(g.state, booked)).toContain('out of order');
    expect(walkIns(g, '11-01 10:10', '11-01 10:20')).toEqual(['S01', 'S02']);
    const passed = reception(g.when(visit('11-01 10:30', fresh())));
    expect(passed.receiver).toBe('S04');
    expect(passed.skipped).toEqual([expect.objectContaining({ staff: 'S03', reason: 'turnTakenEarly', makeUp: false })]);
    expect(walkIns(g, '11-01 10:40')).toEqual(['S01']);
  });

  it('given a new client who names S02 (OWN-NAMED), then it is S02s turn, and the order passes S02 once', () => {
    const g = given(team, quick);
    const named = reception(g.when(visit('11-01 10:00', fresh(), { named: 'S02' })));
    expect(named).toMatchObject({ receiver: 'S02', counted: true });
    expect(named.rules).toEqual(expect.arrayContaining(['ROT-ORDER', 'OWN-NAMED']));
    expect(walkIns(g, '11-01 10:10', '11-01 10:20', '11-01 10:30', '11-01 10:40')).toEqual(['S01', 'S03', 'S04', 'S01']);
  });

  // S01 is still with the 10:00 visitor when the order comes back round; the others were quick.
  const round = [visit('11-01 10:00', fresh()), visit('11-01 10:01', fresh()), endReception('11-01 10:02', 'S02'), visit('11-01 10:03', fresh()), endReception('11-01 10:04', 'S03'), visit('11-01 10:05', fresh()), endReception('11-01 10:06', 'S04')];

  it('given a salesperson busy with a visitor when their turn comes, then the turn passes and one make-up is owed (makeUps.busy once)', () => {
    const g = given([...team, ...round], { rotation: { receptionMinutes: 60, makeUps: { busy: 'once' } } });
    const d = reception(g.when(visit('11-01 10:10', fresh())));
    expect(d.receiver).toBe('S02');
    expect(d.skipped).toEqual([expect.objectContaining({ staff: 'S01', reason: 'busy', makeUp: true })]);
    expect(describeReason(g.state, d)).toContain('busy with a visitor until 11:00');
    expect(reception(g.when(visit('11-01 11:05', fresh())))).toMatchObject({ receiver: 'S01', makeUp: true });
  });

  it('given makeUps.busy none, then the turn that passed a busy salesperson is lost', () => {
    const g = given([...team, ...round], { rotation: { receptionMinutes: 60, makeUps: { busy: 'none' } } });
    expect(reception(g.when(visit('11-01 10:10', fresh()))).skipped).toEqual([expect.objectContaining({ staff: 'S01', reason: 'busy', makeUp: false })]);
    expect(reception(g.when(visit('11-01 11:05', fresh())))).toMatchObject({ receiver: 'S03', makeUp: false });
  });
});

describe('ROT-CARRY: each day starts with the person after the last one who received the day before', () => {
  it('given S01-S03 received on Nov 1, then Nov 2 starts with S04', () => {
    const g = given(team, quick);
    walkIns(g, '11-01 10:00', '11-01 11:00', '11-01 17:00');
    const q = nextReceiver(g.state, t('11-02 09:00'));
    expect(q.next).toBe('S04');
    expect(q.queue.map((e) => e.staff)).toEqual(['S04', 'S01', 'S02', 'S03']);
    expect(walkIns(g, '11-02 09:30')).toEqual(['S04']);
  });

  it('given dailyStart firstInOrder, then each morning restarts at the top of the order', () => {
    const g = given(team, withRotation({ dailyStart: 'firstInOrder' }));
    walkIns(g, '11-01 10:00', '11-01 11:00', '11-01 17:00');
    expect(nextReceiver(g.state, t('11-01 18:00')).next).toBe('S04');
    expect(nextReceiver(g.state, t('11-02 09:00')).next).toBe('S01');
    expect(walkIns(g, '11-02 09:30')).toEqual(['S01']);
  });

  it('given visits either side of local midnight in the office zone, then the day turns at local midnight, not UTC', () => {
    const g = given(team, withRotation({ dailyStart: 'firstInOrder' }));
    // 23:50 and 00:10 Shanghai time are 15:50 and 16:10 UTC of the same UTC day.
    expect(walkIns(g, '11-01 23:00', '11-01 23:50', '11-02 00:10')).toEqual(['S01', 'S02', 'S01']);
  });

  it('given carried-over make-ups, then they stay owed overnight unless makeUps.expireAtDayEnd', () => {
    const log = [...team, status('11-01 09:00', 'S01', 'companyBusiness'), visit('11-01 10:00', fresh()), status('11-01 18:00', 'S01', 'onDuty')];
    const kept = given(log, withRotation({ makeUps: { companyBusiness: 'once' } }));
    expect(nextReceiver(kept.state, t('11-02 09:00'))).toMatchObject({ next: 'S01', makeUp: true });
    const lapsed = given(log, withRotation({ makeUps: { companyBusiness: 'once', expireAtDayEnd: true } }));
    expect(nextReceiver(lapsed.state, t('11-02 09:00'))).toMatchObject({ next: 'S03', makeUp: false });
    lapsed.when(visit('11-02 09:30', fresh()));
    expect(fairnessLedger(lapsed.state, { staff: 'S01' })).toEqual([expect.objectContaining({ day: '2026-11-01', makeUpsOwed: 1, makeUpsExpired: 1 })]);
  });
});

describe('ROT-CARRY, ROT-MAKEUP-COMPANY: make-ups owed to someone out of the order lapse at day end too (makeUps.expireAtDayEnd)', () => {
  // The shrunk counterexample of "the ledger balances against the decisions" (FC_SEED=-1058777010): S03 is skipped on
  // company business, then leaves the same day, so the new day starts with S03's seat out of the order.
  const lapsing = withRotation({
    dailyStart: 'carryOver',
    makeUps: { companyBusiness: 'perTurn', ownClient: 'none', busy: 'none', first: false, expireAtDayEnd: true },
    absentOwner: 'last',
    appointments: null,
    invitedVisits: null,
    teamHandBack: false,
  });

  it('ROT-CARRY, ROT-MAKEUP-COMPANY, ROT-APPOINTMENT, ROT-INVITED-VISIT: given S03 owed a make-up and left, when S03 is back the next day, then the make-up lapsed on the day it was owed and no later row appears', () => {
    const first = fresh();
    const g = given([...team, staff('T1', { role: 'telemarketer' })], lapsing);
    expect(walkIns(g, '11-02 09:00', '11-02 09:01')).toEqual(['S01', 'S02']);
    g.when(status('11-02 09:02', 'S03', 'companyBusiness'));
    // With appointments and invitedVisits null, an appointment without details and an invited client are walk-ins.
    const skipping = reception(
      g.when(visit('11-02 09:03', fresh(), { appointment: { staff: 'S01', at: t('11-02 09:03'), nameLeft: false, notice: false }, invitedBy: 'T1' })),
    );
    expect(skipping).toMatchObject({ receiver: 'S04', counted: true, skipped: [expect.objectContaining({ staff: 'S03', reason: 'companyBusiness', makeUp: true })] });
    g.when(status('11-02 09:04', 'S03', 'left'));
    g.when(visit('11-03 09:00', { name: '客1', phone: first.phone }));
    g.when(status('11-03 09:01', 'S03', 'onDuty'));
    g.when(visit('11-04 09:00', { name: '客1', phone: first.phone }));
    const rows = fairnessLedger(g.state, { staff: 'S03' });
    expect(rows).toEqual([expect.objectContaining({ day: '2026-11-02', makeUpsOwed: 1, makeUpsExpired: 1, skips: expect.objectContaining({ companyBusiness: 1 }) })]);
    expect(nextReceiver(g.state, t('11-04 10:00')).queue.find((e) => e.staff === 'S03')).toMatchObject({ owed: 0 });
  });

  it('ROT-CARRY, ROT-MAKEUP-COMPANY: given S03 owed a make-up and left, when S03 returns the next morning, then S03 gets no make-up from the day before', () => {
    const g = given(team, withRotation({ makeUps: { companyBusiness: 'once', first: true, expireAtDayEnd: true } }));
    g.when(status('11-02 09:00', 'S03', 'companyBusiness'));
    expect(walkIns(g, '11-02 10:00', '11-02 10:10', '11-02 10:20')).toEqual(['S01', 'S02', 'S04']); // S03 skipped and owed
    g.when(status('11-02 18:00', 'S03', 'left'));
    expect(walkIns(g, '11-03 09:00')).toEqual(['S01']); // the new day starts while S03 is out of the order
    g.when(status('11-03 09:05', 'S03', 'onDuty'));
    const next = reception(g.when(visit('11-03 09:10', fresh())));
    expect(next).toMatchObject({ receiver: 'S02', makeUp: false });
    expect(fairnessLedger(g.state, { staff: 'S03' })).toEqual([expect.objectContaining({ day: '2026-11-02', makeUpsOwed: 1, makeUpsGranted: 0, makeUpsExpired: 1 })]);
  });

  it('ROT-CARRY, ROT-ORDER: given dailyStart firstInOrder and S03 took a turn early then left, when S03 returns the next day, then the restarted order does not pass S03 for it', () => {
    const g = given(team, withRotation({ dailyStart: 'firstInOrder' }));
    expect(reception(g.when(visit('11-02 10:00', fresh(), { receiver: 'S03' })))).toMatchObject({ receiver: 'S03', counted: true });
    g.when(status('11-02 18:00', 'S03', 'left'));
    expect(walkIns(g, '11-03 09:00')).toEqual(['S01']);
    g.when(status('11-03 09:05', 'S03', 'onDuty')); // back at the end of the order
    const turns = ['11-03 09:10', '11-03 09:20', '11-03 09:30'].map((when) => reception(g.when(visit(when, fresh()))));
    expect(turns.map((d) => d.receiver)).toEqual(['S02', 'S04', 'S03']);
    expect(turns.flatMap((d) => d.skipped)).toEqual([]);
  });
});

describe('ROT-ELIGIBLE: only eligible staff are in the order', () => {
  it.each(['off', 'leave', 'trainingNotPassed', 'outOfUniform', 'suspended'] as const)('given S02 is %s, then the order leaves S02 out without a skip', (s) => {
    const g = given([...team, status('11-01 09:00', 'S02', s)], quick);
    const steps = ['11-01 10:00', '11-01 10:10'].map((when) => reception(g.when(visit(when, fresh()))));
    expect(steps.map((d) => d.receiver)).toEqual(['S01', 'S03']);
    expect(steps.flatMap((d) => d.skipped)).toEqual([]);
    const entry = nextReceiver(g.state, t('11-01 10:20')).queue.find((e) => e.staff === 'S02');
    expect(entry).toMatchObject({ eligible: false, reason: 'ineligible', status: s });
    expect(entry?.note).toContain('ROT-ELIGIBLE');
  });

  it('given a manager on the roster, then the manager is never in the order', () => {
    const g = given(team, quick);
    expect(nextReceiver(g.state, t('11-01 10:00')).queue.map((e) => e.staff)).not.toContain('M1');
  });

  it('given nobody eligible, then the visit still gets a reception decision with no receiver and the reason, and nothing is thrown', () => {
    const g = given([staff('S01'), staff('S02'), status('11-01 09:00', 'S01', 'leave'), status('11-01 09:00', 'S02', 'off')], quick);
    const step = g.when(visit('11-01 10:00', zhang));
    const d = reception(step);
    expect(d).toMatchObject({ receiver: null, counted: false, turns: 0 });
    expect(d.rules).toContain('ROT-ELIGIBLE');
    expect(describeReason(g.state, d)).toMatch(/no eligible receiver.*S01 on leave.*S02 off/);
    expect(find(step, 'registration').staff).toBeNull();
  });

  it('given a salesperson who left, then they leave the order and the rest keep their places', () => {
    const g = given(team, quick);
    walkIns(g, '11-01 10:00');
    g.when(status('11-01 10:05', 'S01', 'left'));
    g.when(status('11-01 10:06', 'S02', 'left'));
    expect(nextReceiver(g.state, t('11-01 10:10')).queue.map((e) => e.staff)).toEqual(['S03', 'S04']);
    expect(walkIns(g, '11-01 10:10', '11-01 10:20')).toEqual(['S03', 'S04']);
  });
});

describe('ROT-OLD-CLIENT-NOT-COUNTED: an old client is received by the owner and does not count', () => {
  it('given zhang is S01s client, when zhang returns, then S01 receives without a turn and the queue does not move', () => {
    const g = given([...team, visit('11-01 10:00', zhang)], quick);
    const d = reception(g.when(visit('11-01 11:00', zhang)));
    expect(d).toMatchObject({ receiver: 'S01', counted: false, turns: 0 });
    expect(d.rules).toContain('ROT-OLD-CLIENT-NOT-COUNTED');
    expect(walkIns(g, '11-01 11:10')).toEqual(['S02']);
  });

  it('given oldClientCounts, then receiving an own old client uses a turn', () => {
    const g = given([...team, visit('11-01 10:00', zhang)], withRotation({ oldClientCounts: true }));
    const d = reception(g.when(visit('11-01 11:00', zhang)));
    expect(d).toMatchObject({ receiver: 'S01', counted: true });
    expect(walkIns(g, '11-01 11:10', '11-01 11:20', '11-01 11:30', '11-01 11:40')).toEqual(['S02', 'S03', 'S04', 'S02']);
  });

  it("given the owner's turn comes while they serve the old client (000 §5), then it is lost with no make-up", () => {
    const g = given([...team, visit('11-01 09:00', zhang), endReception('11-01 09:10', 'S01')], { rotation: { receptionMinutes: 60 } });
    g.when(visit('11-01 09:30', zhang)); // S02 is next; S01 serves zhang until 10:30
    for (const [when, who] of [['09:35', 'S02'], ['09:36', 'S03'], ['09:37', 'S04']] as const) {
      walkIns(g, `11-01 ${when}`);
      g.when(endReception(`11-01 ${when}`, who));
    }
    const d = reception(g.when(visit('11-01 09:40', fresh())));
    expect(d.receiver).toBe('S02');
    expect(d.skipped).toEqual([expect.objectContaining({ staff: 'S01', reason: 'servingOwnClient', makeUp: false })]);
    expect(d.rules).toContain('ROT-OLD-CLIENT-NOT-COUNTED');
  });
});

describe('ROT-MISSED-NO-MAKEUP: a turn missed for personal reasons is not made up', () => {
  it('given S02 out on personal business when the turn comes, then S03 receives, S02 is skipped, and nothing is owed when S02 returns', () => {
    const g = given([...team, visit('11-01 10:00', fresh()), status('11-01 10:05', 'S02', 'personalBusiness')], quick);
    const d = reception(g.when(visit('11-01 10:10', fresh())));
    expect(d.receiver).toBe('S03');
    expect(d.skipped).toEqual([expect.objectContaining({ staff: 'S02', reason: 'personalBusiness', makeUp: false })]);
    expect(d.rules).toContain('ROT-MISSED-NO-MAKEUP');
    g.when(status('11-01 10:15', 'S02', 'onDuty'));
    expect(walkIns(g, '11-01 10:20', '11-01 10:30')).toEqual(['S04', 'S01']);
    expect(fairnessLedger(g.state, { staff: 'S02' })[0]).toMatchObject({ turns: 0, makeUpsOwed: 0, skips: expect.objectContaining({ personalBusiness: 1 }) });
  });
});

describe('ROT-MAKEUP-COMPANY: a turn missed on company business is made up', () => {
  const out = [...team, status('11-01 09:00', 'S02', 'companyBusiness')];
  const twoRounds = ['11-01 10:00', '11-01 10:10', '11-01 10:20', '11-01 10:30', '11-01 10:40', '11-01 10:50'];

  it('given once (004h), when S02 misses two rounds and returns, then S02 gets one make-up before anyone else', () => {
    const g = given(out, withRotation({ makeUps: { companyBusiness: 'once' } }));
    expect(walkIns(g, ...twoRounds)).toEqual(['S01', 'S03', 'S04', 'S01', 'S03', 'S04']);
    g.when(status('11-01 11:00', 'S02', 'onDuty'));
    const made = reception(g.when(visit('11-01 11:10', fresh())));
    expect(made).toMatchObject({ receiver: 'S02', counted: true, makeUp: true });
    expect(made.rules).toContain('ROT-MAKEUP-COMPANY');
    // The make-up does not move the order: S01 is next, then S02's own turn.
    expect(walkIns(g, '11-01 11:20', '11-01 11:30', '11-01 11:40')).toEqual(['S01', 'S02', 'S03']);
  });

  it('given perTurn (003), then S02 is owed one make-up per turn missed', () => {
    const g = given(out, withRotation({ makeUps: { companyBusiness: 'perTurn' } }));
    walkIns(g, ...twoRounds);
    g.when(status('11-01 11:00', 'S02', 'onDuty'));
    expect(nextReceiver(g.state, t('11-01 11:05')).queue.find((e) => e.staff === 'S02')).toMatchObject({ owed: 2 });
    expect(walkIns(g, '11-01 11:10', '11-01 11:20', '11-01 11:30')).toEqual(['S02', 'S02', 'S01']);
  });

  it('given none, then the turns are simply lost', () => {
    const g = given(out, withRotation({ makeUps: { companyBusiness: 'none' } }));
    walkIns(g, ...twoRounds);
    g.when(status('11-01 11:00', 'S02', 'onDuty'));
    expect(walkIns(g, '11-01 11:10')).toEqual(['S01']);
  });

  it('given make-ups without priority (first false), then S02 takes the make-up when the order reaches them, just before their own turn', () => {
    const g = given(out, withRotation({ makeUps: { companyBusiness: 'once', first: false } }));
    expect(walkIns(g, '11-01 10:00', '11-01 10:02')).toEqual(['S01', 'S03']); // S02 skipped and owed
    g.when(status('11-01 10:05', 'S02', 'onDuty'));
    expect(walkIns(g, '11-01 10:10', '11-01 10:20')).toEqual(['S04', 'S01']);
    const made = reception(g.when(visit('11-01 10:30', fresh())));
    expect(made).toMatchObject({ receiver: 'S02', makeUp: true });
    expect(walkIns(g, '11-01 10:40', '11-01 10:50')).toEqual(['S02', 'S03']);
  });

  it('given the skip, then the decision names who was skipped, why, and that a make-up is owed', () => {
    const g = given(out, withRotation({ makeUps: { companyBusiness: 'once' } }));
    const d = reception(g.when(visit('11-01 10:00', fresh())));
    expect(d.skipped).toEqual([]); // S01 was first; S02 not reached yet
    const skipping = reception(g.when(visit('11-01 10:10', fresh())));
    expect(skipping.skipped).toEqual([{ staff: 'S02', reason: 'companyBusiness', makeUp: true, until: null, outcome: 'owed' }]);
    expect(describeReason(g.state, skipping)).toContain('S02, out on company business: a make-up is owed');
    expect(describeReason(g.state, skipping)).toContain('S02');
  });
});

describe('ROT-OWN-CLIENT-ARRIVES: whose old client arrives when they are next serves them; the new client goes to the next person', () => {
  const busy = (makeUp: 'none' | 'once'): PolicyInput => ({ rotation: { receptionMinutes: 60, makeUps: { ownClient: makeUp } } });
  // S04 receives zhang in the first round; in the second, S01-S03 receive, and S04 is next.
  const base = [...team, ...['08:00', '08:01', '08:02'].map((h) => visit(`11-01 ${h}`, fresh())), visit('11-01 08:03', zhang), ...['09:10', '09:11', '09:12'].map((h) => visit(`11-01 ${h}`, fresh()))];

  it('given S04 is next when zhang returns, then S04 receives zhang without a turn and the rule is cited', () => {
    const g = given(base, busy('none'));
    expect(nextReceiver(g.state, t('11-01 10:30')).next).toBe('S04');
    const d = reception(g.when(visit('11-01 10:30', zhang)));
    expect(d).toMatchObject({ receiver: 'S04', counted: false });
    expect(d.rules).toEqual(expect.arrayContaining(['ROT-OLD-CLIENT-NOT-COUNTED', 'ROT-OWN-CLIENT-ARRIVES']));
  });

  it('given no make-up (004h, 004i), when a new client comes while S04 serves zhang, then S01 receives and S04 gets nothing back', () => {
    const g = given(base, busy('none'));
    g.when(visit('11-01 10:30', zhang));
    const d = reception(g.when(visit('11-01 10:35', fresh())));
    expect(d.receiver).toBe('S01');
    expect(d.skipped).toEqual([expect.objectContaining({ staff: 'S04', reason: 'servingOwnClient', makeUp: false })]);
    expect(d.rules).toContain('ROT-OWN-CLIENT-ARRIVES');
    g.when(endReception('11-01 11:00', 'S04'));
    expect(nextReceiver(g.state, t('11-01 11:05')).next).toBe('S02');
  });

  it('given one make-up (004a), then S04 receives the first new visitor after finishing with zhang', () => {
    const g = given(base, busy('once'));
    g.when(visit('11-01 10:30', zhang));
    const d = reception(g.when(visit('11-01 10:35', fresh())));
    expect(d.skipped).toEqual([expect.objectContaining({ staff: 'S04', reason: 'servingOwnClient', makeUp: true })]);
    g.when(endReception('11-01 11:00', 'S04'));
    expect(reception(g.when(visit('11-01 11:05', fresh())))).toMatchObject({ receiver: 'S04', makeUp: true });
  });

  it('given S04 finishes before any new client comes (004h §7 note), then S04 keeps the turn', () => {
    const g = given(base, busy('none'));
    g.when(visit('11-01 10:30', zhang));
    g.when(endReception('11-01 10:50', 'S04'));
    expect(walkIns(g, '11-01 10:55')).toEqual(['S04']);
  });
});

describe('ROT-LONG-RECEPTION: serving an own client past the turn re-inserts the person after', () => {
  // S02 owns zhang. S01 is next when zhang arrives, so S02 is not at the head.
  const base = [...team, visit('11-01 08:00', fresh()), visit('11-01 08:01', zhang), visit('11-01 08:02', fresh()), visit('11-01 08:03', fresh())];
  const policy = (makeUp: 'none' | 'once'): PolicyInput => ({ rotation: { receptionMinutes: 90, makeUps: { ownClient: makeUp } } });

  it('given makeUps.ownClient once (004f), when the order reaches S02 still with zhang, then S03 receives and S02 fills in after', () => {
    const g = given([...base, endReception('11-01 09:00', 'S01'), endReception('11-01 09:00', 'S03'), endReception('11-01 09:00', 'S04')], policy('once'));
    expect(reception(g.when(visit('11-01 10:00', zhang)))).toMatchObject({ receiver: 'S02', counted: false }); // S01 next; S02 busy until 11:30
    expect(walkIns(g, '11-01 10:05')).toEqual(['S01']);
    const d = reception(g.when(visit('11-01 10:10', fresh())));
    expect(d.receiver).toBe('S03');
    expect(d.skipped).toEqual([expect.objectContaining({ staff: 'S02', reason: 'servingOwnClient', makeUp: true })]);
    expect(d.rules).toContain('ROT-LONG-RECEPTION');
    g.when(endReception('11-01 10:40', 'S02', { visit: 'missing' })); // an end of another reception changes nothing
    expect(nextReceiver(g.state, t('11-01 10:41')).queue.find((e) => e.staff === 'S02')).toMatchObject({ reason: 'servingOwnClient' });
    const end = g.when(endReception('11-01 10:45', 'S02'));
    expect(find(end, 'queue')).toMatchObject({ change: 'receptionEnded', staff: ['S02'] });
    expect(reception(g.when(visit('11-01 10:50', fresh())))).toMatchObject({ receiver: 'S02', makeUp: true });
  });

  it('given the reception time runs out without an endReception, then the receiver is free again', () => {
    const g = given([...base, endReception('11-01 09:00', 'S01'), endReception('11-01 09:00', 'S03'), endReception('11-01 09:00', 'S04')], policy('none'));
    g.when(visit('11-01 10:00', zhang));
    const entry = nextReceiver(g.state, t('11-01 11:00')).queue.find((e) => e.staff === 'S02');
    expect(entry).toMatchObject({ eligible: false, reason: 'servingOwnClient', busyUntil: '2026-11-01T11:30:00+08:00' });
    expect(nextReceiver(g.state, t('11-01 11:30')).queue.find((e) => e.staff === 'S02')).toMatchObject({ eligible: true });
  });
});

describe('ROT-ABSENT-OWNER-ASSIST: the last in the order assists an absent owner; not their turn, not a skip', () => {
  it('given S01 on leave when zhang returns, then S04 (last in the order) assists and the queue does not move', () => {
    const g = given([...team, visit('11-01 10:00', zhang), status('11-02 08:00', 'S01', 'leave')], quick);
    const before = nextReceiver(g.state, t('11-02 09:00')).next;
    const d = reception(g.when(visit('11-02 10:00', zhang)));
    expect(before).toBe('S02');
    expect(d).toMatchObject({ receiver: 'S04', counted: false, skipped: [] });
    expect(d.rules).toEqual(expect.arrayContaining(['ROT-OLD-CLIENT-NOT-COUNTED', 'ROT-ABSENT-OWNER-ASSIST']));
    expect(describeReason(g.state, d)).toContain('who is on leave: Staff S04 (S04), the last in the order, assists');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
    expect(walkIns(g, '11-02 10:10')).toEqual(['S02']);
  });

  it('given absentOwner next (004i), then the next in the order assists, still without a turn', () => {
    const g = given([...team, visit('11-01 10:00', zhang), status('11-02 08:00', 'S01', 'leave')], withRotation({ absentOwner: 'next' }));
    expect(reception(g.when(visit('11-02 10:00', zhang)))).toMatchObject({ receiver: 'S02', counted: false });
    expect(walkIns(g, '11-02 10:10')).toEqual(['S02']);
  });

  it('given the owner busy with another visitor (004a), then the last in the order assists', () => {
    const g = given([...team, visit('11-01 10:00', zhang), visit('11-02 10:00', fresh(), { receiver: 'S01' })], { rotation: { receptionMinutes: 60 } });
    const d = reception(g.when(visit('11-02 10:10', zhang)));
    expect(d).toMatchObject({ receiver: 'S04', counted: false, skipped: [] });
    expect(describeReason(g.state, d)).toContain('busy with a visitor until 11:00');
  });
});

describe("ROT-TEAM-ASSIST: the next free member of the owner's team receives, else another team", () => {
  const policy = withRotation({ absentOwner: 'team' });

  it("given S01 (team A) away, then S02 of team A assists, though S04 is last in the order", () => {
    const g = given([...team, visit('11-01 10:00', zhang), status('11-02 08:00', 'S01', 'companyBusiness')], policy);
    const d = reception(g.when(visit('11-02 10:00', zhang)));
    expect(d).toMatchObject({ receiver: 'S02', counted: false, skipped: [] });
    expect(d.rules).toContain('ROT-TEAM-ASSIST');
  });

  it('given the whole team A away, then another team receives and the note says the client goes back to team A', () => {
    const g = given([...team, visit('11-01 10:00', zhang), status('11-02 08:00', 'S01', 'leave'), status('11-02 08:00', 'S02', 'personalBusiness')], policy);
    const d = reception(g.when(visit('11-02 10:00', zhang)));
    expect(['S03', 'S04']).toContain(d.receiver);
    expect(describeReason(g.state, d)).toContain('goes back to team A');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });
});

describe('ROT-DUTY: visitors in duty hours go to the duty person and do not count', () => {
  const policy = withRotation({ duty: { windows: [{ from: '12:00', to: '13:30' }] } });

  it('given S03 on lunch duty, when a visitor comes at 12:30, then S03 receives without a turn and owns the new client', () => {
    const g = given([...team, duty('11-01 08:30', ['S03'])], policy);
    const step = g.when(visit('11-01 12:30', zhang));
    const d = reception(step);
    expect(d).toMatchObject({ receiver: 'S03', counted: false });
    expect(d.rules).toContain('ROT-DUTY');
    expect(g.ownerOf(zhang.phone)).toBe('S03');
    expect(nextReceiver(g.state, t('11-01 12:40'))).toMatchObject({ next: 'S03', duty: true });
    expect(walkIns(g, '11-01 14:00')).toEqual(['S01']);
  });

  it('given the duty is for another day, or nobody is on duty, then the rotation receives and ROT-DUTY is cited', () => {
    const g = given([...team, duty('11-01 08:30', ['S03'])], policy);
    const d = reception(g.when(visit('11-02 12:30', zhang)));
    expect(d).toMatchObject({ receiver: 'S01', counted: true });
    expect(d.rules).toContain('ROT-DUTY');
  });

  it('given duty hours that run past midnight, then a visitor at 00:30 is in them', () => {
    const g = given([...team, duty('11-02 00:10', ['S04'])], withRotation({ duty: { windows: [{ from: '21:00', to: '08:00' }] } }));
    expect(reception(g.when(visit('11-02 00:30', zhang)))).toMatchObject({ receiver: 'S04', counted: false });
    expect(reception(g.when(visit('11-02 08:30', wang)))).toMatchObject({ receiver: 'S01', counted: true });
  });

  it('given an assignment, then it is a queue decision until the end of the day', () => {
    const g = given(team, policy);
    const d = find(g.when(duty('11-01 08:30', ['S03', 'S04'])), 'queue');
    expect(d).toMatchObject({ change: 'duty', staff: ['S03', 'S04'], until: Date.parse('2026-11-02T00:00:00+08:00') });
  });
});

describe('ROT-GROUP-ONE: a party arriving together counts one turn', () => {
  const party = [{ name: '李娜', relation: 'spouse' as const }, { name: '赵六', phone: '13911110000', relation: 'friend' as const }];

  it('given a party of three, then the receiver uses one turn', () => {
    const g = given(team, quick);
    const d = reception(g.when(visit('11-01 10:00', zhang, { party })));
    expect(d).toMatchObject({ receiver: 'S01', counted: true, turns: 1 });
    expect(d.rules).toContain('ROT-GROUP-ONE');
    expect(walkIns(g, '11-01 10:10')).toEqual(['S02']);
  });

  it('given groupTurns perBuyer, then a friend with a need of their own costs a second turn, passed later', () => {
    const g = given(team, withRotation({ groupTurns: 'perBuyer' }));
    const d = reception(g.when(visit('11-01 10:00', zhang, { party })));
    expect(d).toMatchObject({ receiver: 'S01', turns: 2 });
    expect(walkIns(g, '11-01 10:10', '11-01 10:20', '11-01 10:30', '11-01 10:40')).toEqual(['S02', 'S03', 'S04', 'S02']);
  });
});

describe('ROT-DEPOSIT-ONLY: a visit only to pay a deposit or sign is assistance, not a turn', () => {
  it('given a visitor who only pays a deposit with S03, then no turn is used and the queue does not move', () => {
    const g = given(team, quick);
    const d = reception(g.when(visit('11-01 10:00', zhang, { purpose: 'deposit', receiver: 'S03' })));
    expect(d).toMatchObject({ receiver: 'S03', counted: false });
    expect(d.rules).toContain('ROT-DEPOSIT-ONLY');
    expect(walkIns(g, '11-01 10:10')).toEqual(['S01']);
  });
});

v8.setFlagsFromString('--allow-natives-syntax');
// V8's own answer: whether an object is in fast mode (a `delete` of a key before its last makes it a dictionary).
const fastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;

// The order decisions are written in (reports and JSON output show them so).
const RECEPTION_KEYS = ['kind', 'event', 'at', 'rules', 'evidence', 'why', 'args', 'channel', 'client', 'receiver', 'counted', 'turns', 'makeUp', 'skipped'];

describe('ID-NONCLIENT: a non-client uses no turn', () => {
  it('given someone asking the way, then no turn is used', () => {
    const g = given(team, quick);
    const d = reception(g.when(visit('11-01 10:00', undefined, { nonClient: 'askingWay', receiver: 'S02' })));
    expect(d).toMatchObject({ receiver: 'S02', counted: false, turns: 0 });
    // No client: the key is absent, not undefined, and the others keep their order.
    expect('client' in d).toBe(false);
    expect(Object.keys(d)).toEqual(RECEPTION_KEYS.filter((k) => k !== 'client'));
    expect(fastProperties(d)).toBe(true);
    expect(walkIns(g, '11-01 10:10')).toEqual(['S01']);
  });

  it('given a client, then the reception names them, its keys in the same order', () => {
    const g = given(team, quick);
    const d = reception(g.when(visit('11-01 10:00', zhang)));
    expect(d.client).toBe(d.event); // a new client is keyed by the event that entered them
    expect(Object.keys(d)).toEqual(RECEPTION_KEYS);
    expect(receptionDecisionSchema.safeParse(d).success).toBe(true);
  });
});

describe('ROT-PENALTY-HALF: no deal in a period means one turn every two rounds the next period', () => {
  it('given a halfTurns penalty on S02, then S02 sits out every other round until it ends', () => {
    const g = given([...team], quick);
    const set = find(g.when(penalty('11-02 08:00', 'S02', 'halfTurns', 2)), 'queue');
    expect(set).toMatchObject({ change: 'penalty', staff: ['S02'], until: Date.parse('2026-11-04T00:00:00+08:00') });
    expect(set.rules).toEqual(['ROT-PENALTY-HALF']);
    const day2 = ['09:00', '09:10', '09:20', '09:30', '09:40', '09:50', '10:00', '10:10', '10:20'].map((h) => `11-02 ${h}`);
    expect(walkIns(g, ...day2)).toEqual(['S01', 'S03', 'S04', 'S01', 'S02', 'S03', 'S04', 'S01', 'S03']);
    const ledger = fairnessLedger(g.state, { from: '2026-11-02', to: '2026-11-02', staff: 'S02' });
    expect(ledger[0]).toMatchObject({ turns: 1, penaltySkips: 2, skips: expect.objectContaining({ penalty: 2 }) });
    // The penalty ends at midnight starting Nov 4.
    expect(walkIns(g, '11-04 09:00', '11-04 09:10', '11-04 09:20', '11-04 09:30', '11-04 09:40')).toEqual(['S04', 'S01', 'S02', 'S03', 'S04']);
  });

  it('given the penalty is lifted (days 0), then S02 is back in every round', () => {
    const g = given([...team, penalty('11-02 08:00', 'S02', 'halfTurns')], quick);
    expect(find(g.when(penalty('11-02 08:30', 'S02', 'halfTurns', 0)), 'queue')).toMatchObject({ change: 'penaltyLifted', until: null });
    expect(walkIns(g, '11-02 09:00', '11-02 09:10')).toEqual(['S01', 'S02']);
  });

  it('given no days on the event, then the policy penaltyDays sets the period', () => {
    const g = given(team, withRotation({ penaltyDays: 14 }));
    expect(find(g.when(penalty('11-02 08:00', 'S02', 'halfTurns')), 'queue').until).toBe(Date.parse('2026-11-16T00:00:00+08:00'));
  });
});

describe('ROT-NO-CALLS: zero phone invitations in a period means no call allocation the next', () => {
  it('given S02 barred from calls, then the call rotation skips S02, and walk-ins are unaffected', () => {
    const g = given([...team, penalty('11-02 08:00', 'S02', 'noCalls', 7)], quick);
    const calls = ['09:00', '09:10', '09:20'].map((h) => reception(g.when(callIn(`11-02 ${h}`, fresh()))));
    expect(calls.map((d) => d.receiver)).toEqual(['S01', 'S03', 'S04']);
    expect(calls[1]?.skipped).toEqual([expect.objectContaining({ staff: 'S02', reason: 'noCalls' })]);
    expect(calls[1]?.rules).toContain('ROT-NO-CALLS');
    expect(walkIns(g, '11-02 10:00', '11-02 10:10')).toEqual(['S01', 'S02']);
    expect(fairnessLedger(g.state, { staff: 'S02' })[0]).toMatchObject({ calls: 0, penaltySkips: 1, callSkips: expect.objectContaining({ noCalls: 1 }) });
  });

  it('given the book gives S02 a call anyway, then it is recorded, with ROT-NO-CALLS in the trace', () => {
    const g = given([...team, penalty('11-02 08:00', 'S02', 'noCalls', 7)], quick);
    const d = reception(g.when(callIn('11-02 09:00', fresh(), { receiver: 'S02' })));
    expect(d).toMatchObject({ receiver: 'S02', counted: false });
    expect(d.rules).toEqual(expect.arrayContaining(['ROT-CALL-ALLOCATION', 'ROT-NO-CALLS']));
  });
});

describe('ROT-CALL-ALLOCATION: calls are allocated by rotation or by the manager; self-sourced calls are not allocated', () => {
  it('given calls with no receiver, then the call rotation allocates them in order, apart from the walk-in queue, and carries over', () => {
    const g = given(team, quick);
    walkIns(g, '11-01 09:00', '11-01 09:05');
    const calls = ['09:10', '09:20', '09:30'].map((h) => reception(g.when(callIn(`11-01 ${h}`, fresh()))));
    expect(calls.map((d) => [d.channel, d.receiver, d.counted])).toEqual([
      ['call', 'S01', true],
      ['call', 'S02', true],
      ['call', 'S03', true],
    ]);
    expect(calls[0]?.rules).toContain('ROT-CALL-ALLOCATION');
    expect(reception(g.when(callIn('11-02 09:00')))).toMatchObject({ receiver: 'S04' });
    expect(walkIns(g, '11-02 09:05')).toEqual(['S03']);
  });

  it('given an allocated call with a client, then the call registration is the allocated salespersons', () => {
    const g = given(team, quick);
    const step = g.when(callIn('11-01 09:10', zhang));
    expect(find(step, 'registration')).toMatchObject({ channel: 'call', staff: 'S01' });
  });

  it('given a self-sourced call, then it stays with its receiver and uses no allocation turn', () => {
    const g = given(team, quick);
    const d = reception(g.when(callIn('11-01 09:00', fresh(), { receiver: 'S03', selfSourced: true })));
    expect(d).toMatchObject({ receiver: 'S03', counted: false });
    expect(describeReason(g.state, d)).toContain('own outreach');
    expect(reception(g.when(callIn('11-01 09:10', fresh())))).toMatchObject({ receiver: 'S01' });
  });

  it('given allocation by the manager, then a call the book gives to nobody waits for the manager', () => {
    const g = given(team, withRotation({ callAllocation: 'manager' }));
    const d = reception(g.when(callIn('11-01 09:00', fresh())));
    expect(d).toMatchObject({ receiver: null, counted: false });
    expect(describeReason(g.state, d)).toContain('manager');
  });

  it('given a self-sourced call that names nobody, then it is refused as bad input naming the receiver field', () => {
    const r = parseEvent({ v: 1, id: 'c1', type: 'registerCall', at: t('11-01 09:00'), office: 'test', client: { phone: '13900009999' }, selfSourced: true });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'custom', path: ['receiver'] });
  });
});

describe('the fairness ledger: per person per day, balanced against the decisions', () => {
  it('given a day of receptions, skips and calls, then each row counts them and totals sum the days', () => {
    const g = given([...team, visit('11-01 08:30', zhang, { receiver: 'S01' }), status('11-01 09:00', 'S02', 'companyBusiness')], withRotation({ makeUps: { companyBusiness: 'once' } }));
    walkIns(g, '11-01 10:00', '11-01 10:10'); // S02 skipped (owed), then S03 and S04
    g.when(status('11-01 11:00', 'S02', 'onDuty'));
    walkIns(g, '11-01 11:10'); // S02's make-up
    g.when(visit('11-01 12:00', zhang)); // S01, no turn
    g.when(callIn('11-01 13:00', fresh()));
    walkIns(g, '11-02 10:00');
    const day1 = fairnessLedger(g.state, { from: '2026-11-01', to: '2026-11-01' });
    const row = (id: string) => day1.find((r) => r.staff === id);
    expect(row('S01')).toMatchObject({ day: '2026-11-01', name: 'Staff S01', turns: 1, uncounted: 1, calls: 1 });
    expect(row('S02')).toMatchObject({ turns: 1, makeUpsOwed: 1, makeUpsGranted: 1, skips: expect.objectContaining({ companyBusiness: 1 }) });
    expect(row('S03')).toMatchObject({ turns: 1 });
    const totals = fairnessLedger(g.state, { totals: true });
    expect(totals.map((r) => [r.day, r.staff, r.turns])).toEqual([
      [null, 'S01', 2],
      [null, 'S02', 1],
      [null, 'S03', 1],
      [null, 'S04', 1],
    ]);
  });
});

describe('presets: the offices differ by policy, not by code (RULES §P)', () => {
  const makeUpsAfterTwoRounds = (preset: Parameters<typeof presetPolicy>[0]) => {
    const policy = presetPolicy(preset);
    const g = given([...team, status('11-01 09:00', 'S02', 'companyBusiness')], { ...policy, rotation: { ...policy.rotation, receptionMinutes: 0 } });
    walkIns(g, '11-01 10:00', '11-01 10:10', '11-01 10:20', '11-01 10:30', '11-01 10:40', '11-01 10:50');
    g.when(status('11-01 11:00', 'S02', 'onDuty'));
    return nextReceiver(g.state, t('11-01 11:05')).queue.find((e) => e.staff === 'S02')?.owed;
  };

  it('ROT-MAKEUP-COMPANY: consultant-detail (004h) owes one make-up, store-archive (003) one per turn missed', () => {
    expect(makeUpsAfterTwoRounds('consultant-detail')).toBe(1);
    expect(makeUpsAfterTwoRounds('store-archive')).toBe(2);
  });

  it('ROT-ABSENT-OWNER-ASSIST vs ROT-TEAM-ASSIST: consultant-detail (004h) calls the last in order, shenyang (004j) the owners team', () => {
    const log = [...team, visit('11-01 10:00', wang, { receiver: 'S01' }), status('11-02 08:00', 'S01', 'leave'), visit('11-02 10:00', wang)];
    const receiverUnder = (preset: Parameters<typeof presetPolicy>[0]) => {
      const g = given(log.slice(0, -1), presetPolicy(preset));
      return reception(g.when(log.at(-1) as never)).receiver;
    };
    expect(receiverUnder('consultant-detail')).toBe('S04');
    expect(receiverUnder('shenyang')).toBe('S02');
  });
});

describe('bad input to the queue is refused with an issue and changes nothing', () => {
  it('given queue events naming unknown or departed staff, then each is refused with the path of the bad field', () => {
    const g = given([...team, status('11-01 09:00', 'S04', 'left')], quick);
    const before = g.state;
    expect(g.when(endReception('11-01 10:00', 'S9'), true).issues).toEqual([expect.objectContaining({ code: 'unknown_staff', path: ['staff'] })]);
    expect(g.when(duty('11-01 10:00', ['S01', 'S9']), true).issues).toEqual([expect.objectContaining({ code: 'unknown_staff', path: ['staff', 1] })]);
    expect(g.when(penalty('11-01 10:00', 'S04', 'halfTurns'), true).issues).toEqual([expect.objectContaining({ code: 'staff_departed', path: ['staff'] })]);
    expect(g.when(callIn('11-01 10:00', fresh(), { receiver: 'S9' }), true).issues).toEqual([expect.objectContaining({ code: 'unknown_staff', path: ['receiver'] })]);
    expectUnchanged(g.state, before);
  });

  it('given malformed queue events, then parsing names the field', () => {
    const base = { v: 1, id: 'q1', at: t('11-01 10:00'), office: 'test' };
    const bad = [
      { ...base, type: 'setRotationPenalty', staff: 'S01', penalty: 'halfTurns', days: 400 },
      { ...base, type: 'setRotationPenalty', staff: 'S01', penalty: 'noTurns' },
      { ...base, type: 'assignDuty', staff: 'S01' },
      { ...base, type: 'endReception' },
    ];
    expect(bad.map((e) => { const r = parseEvent(e); return r.ok ? null : r.issues[0]?.path; })).toEqual([['days'], ['penalty'], ['staff'], ['staff']]);
  });

  it('given a rotation policy out of range, then createOffice names each bad field', () => {
    const r = createOffice({ rotation: { receptionMinutes: -5, duty: { windows: [{ from: '12:00', to: '12:00' }] }, makeUps: { companyBusiness: 'twice' } } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.path.join('.')).sort()).toEqual(['rotation.duty.windows.0.to', 'rotation.makeUps.companyBusiness', 'rotation.receptionMinutes']);
    }
  });

  it('given a time that is not a time, nextReceiver throws: a programmer error, not data', () => {
    expect(() => nextReceiver(given(team).state, 'tomorrow')).toThrow(RangeError);
  });
});
