/**
 * The rotation rules of the catalog's second round (ROT-APPOINTMENT,
 * ROT-TOUR-GROUP, ROT-INVITED-VISIT) and the completed partial ones
 * (ROT-TEAM-ASSIST's hand-back, ROT-DUTY's hours on the duty event). Each
 * rule is turned on by the policy in the test; the default policy leaves
 * these visitors to the ordinary queue.
 */
import { describe, expect, it } from 'vitest';
import { describeReason, nextReceiver, toSnapshot, fromSnapshot, apply, type ClientRef, type DecisionOf, type PolicyInput, type Step } from '../../src/index.js';
import { expectUnchanged } from '../support/fold.js';
import { duty, endReception, find, given, staff, status, t, visit, wang, zhang, type Given } from '../support/dsl.js';

// Two teams of two; the order is the join order S01, S02, S03, S04. T1 is a telemarketer, M1 a manager.
const team = [
  staff('S01', { team: 'A' }),
  staff('S02', { team: 'A' }),
  staff('S03', { team: 'B' }),
  staff('S04', { team: 'B' }),
  staff('M1', { role: 'manager' }),
  staff('T1', { role: 'telemarketer' }),
];

const rotation = (r: NonNullable<PolicyInput['rotation']>, minutes = 0): PolicyInput => ({ rotation: { receptionMinutes: minutes, ...r } });

let phone = 13600000000;
const fresh = (): ClientRef => ({ name: `客${phone % 1000}`, phone: String(++phone) });
const reception = (step: Step): DecisionOf<'reception'> => find(step, 'reception');
const walkIns = (g: Given, ...times: string[]) => times.map((when) => reception(g.when(visit(when, fresh()))).receiver);
const appointment = (who: string, extra: { nameLeft?: boolean; notice?: boolean } = {}) => ({ appointment: { staff: who, at: t('11-01 14:00'), ...extra } });

describe('ROT-APPOINTMENT: a client with an appointment is received by the salesperson who made it', () => {
  const on = rotation({ appointments: {} });

  it('ROT-APPOINTMENT (004a §2.1.2): given appointments honoured and S01 next, when a new client with an appointment with S03 arrives, then S03 receives as their turn out of order and owns the client', () => {
    const g = given(team, on);
    const d = reception(g.when(visit('11-01 14:00', zhang, appointment('S03'))));
    expect(d).toMatchObject({ receiver: 'S03', counted: true, turns: 1 });
    expect(d.rules).toEqual(expect.arrayContaining(['ROT-APPOINTMENT', 'ROT-ORDER']));
    expect(describeReason(g.state, d)).toContain('an appointment with Staff S03');
    expect(g.ownerOf(zhang.phone)).toBe('S03');
    // The order is unchanged for everyone else and passes S03 once.
    expect(walkIns(g, '11-01 14:10', '11-01 14:20', '11-01 14:30')).toEqual(['S01', 'S02', 'S04']);
  });

  it('ROT-APPOINTMENT (default policy): given appointments not honoured, when the same visitor arrives, then the queue receives them as any other walk-in', () => {
    const g = given(team, rotation({}));
    const d = reception(g.when(visit('11-01 14:00', zhang, appointment('S03'))));
    expect(d).toMatchObject({ receiver: 'S01', counted: true });
    expect(d.rules).not.toContain('ROT-APPOINTMENT');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('ROT-APPOINTMENT (004a §2.1.2): given S03 out on company business, when their appointment arrives, then the last in line assists with no turn and no skip, and the client is S03s', () => {
    const g = given([...team, status('11-01 09:00', 'S03', 'companyBusiness')], on);
    const d = reception(g.when(visit('11-01 14:00', zhang, appointment('S03'))));
    expect(d).toMatchObject({ receiver: 'S04', counted: false, turns: 0, skipped: [] });
    expect(d.rules).toEqual(expect.arrayContaining(['ROT-APPOINTMENT', 'ROT-ABSENT-OWNER-ASSIST']));
    expect(describeReason(g.state, d)).toContain('registered to Staff S03');
    expect(g.ownerOf(zhang.phone)).toBe('S03');
    expect(walkIns(g, '11-01 14:10')).toEqual(['S01']);
  });

  it('ROT-APPOINTMENT (004a §2.1.2): given S03 away on personal business, a reason the policy does not allow, then the client is the rotation receivers and uses their turn', () => {
    const g = given([...team, status('11-01 09:00', 'S03', 'personalBusiness')], on);
    const d = reception(g.when(visit('11-01 14:00', zhang, appointment('S03'))));
    expect(d).toMatchObject({ receiver: 'S01', counted: true });
    expect(d.rules).toContain('ROT-APPOINTMENT');
    expect(describeReason(g.state, d)).toContain('received like any other');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it("ROT-APPOINTMENT (004i): given requireDetails, when the salesperson left no name of their own with the client, then it is no appointment and rotation receives; with the name left, S03 does", () => {
    const g = given(team, rotation({ appointments: { requireDetails: true } }));
    const bare = reception(g.when(visit('11-01 14:00', zhang, appointment('S03'))));
    expect(bare).toMatchObject({ receiver: 'S01', counted: true });
    expect(describeReason(g.state, bare)).toContain("salesperson's own name");
    const full = reception(g.when(visit('11-01 14:05', wang, appointment('S03', { nameLeft: true }))));
    expect(full).toMatchObject({ receiver: 'S03' });
    // 004i also needs the client's name.
    const nameless = reception(g.when(visit('11-01 14:10', { phone: '13655550000' }, appointment('S03', { nameLeft: true }))));
    expect(nameless.receiver).not.toBe('S03');
  });

  it('ROT-APPOINTMENT (004l §3, 004e §5): given requireNotice, when S03 is off without having told anyone, then the rotation receiver takes the client; with notice, the last in line assists for S03', () => {
    const policy = rotation({ appointments: { requireNotice: true } });
    const g = given([...team, status('11-01 09:00', 'S03', 'off')], policy);
    const silent = reception(g.when(visit('11-01 14:00', zhang, appointment('S03'))));
    expect(silent).toMatchObject({ receiver: 'S01', counted: true });
    expect(describeReason(g.state, silent)).toContain('without having told anyone');
    // After S01's turn the order runs S02, S04, S01: S01 is the last in line.
    const told = reception(g.when(visit('11-01 14:10', wang, appointment('S03', { notice: true }))));
    expect(told).toMatchObject({ receiver: 'S01', counted: false, skipped: [] });
    expect(g.ownerOf(wang.phone)).toBe('S03');
  });

  it('ROT-APPOINTMENT: given counts false, then the appointer receives without using a turn and the order does not pass them', () => {
    const g = given(team, rotation({ appointments: { counts: false } }));
    expect(reception(g.when(visit('11-01 14:00', zhang, appointment('S01'))))).toMatchObject({ receiver: 'S01', counted: false });
    expect(walkIns(g, '11-01 14:10')).toEqual(['S01']);
  });

  it('ROT-APPOINTMENT (004a §2.1.2): given the book records another receiver while S03 is free, then the book decides (a turn out of order) and the lapse is noted', () => {
    const g = given(team, on);
    const d = reception(g.when(visit('11-01 14:00', zhang, { ...appointment('S03'), receiver: 'S04' })));
    expect(d).toMatchObject({ receiver: 'S04', counted: true });
    expect(d.rules).toContain('ROT-APPOINTMENT');
    expect(describeReason(g.state, d)).toContain('the book records another receiver');
    // The book naming the appointer is a fact even while they are busy.
    const busy = given([...team, visit('11-01 13:50', wang, { receiver: 'S03' })], rotation({ appointments: {} }, 60));
    expect(reception(busy.when(visit('11-01 14:00', zhang, { ...appointment('S03'), receiver: 'S03' })))).toMatchObject({ receiver: 'S03', why: 'appointment' });
  });

  it('ROT-APPOINTMENT: given an old client with an appointment, then the owner path decides (ownership first)', () => {
    const g = given([...team, visit('11-01 10:00', zhang)], on);
    expect(reception(g.when(visit('11-02 14:00', zhang, appointment('S03'))))).toMatchObject({ receiver: 'S01', counted: false });
  });

  it('ROT-APPOINTMENT: given an appointment naming nobody on the roster, then the visit is refused with the path of the field and changes nothing', () => {
    const g = given(team, on);
    const before = g.state;
    const step = g.when(visit('11-01 14:00', zhang, appointment('S99')), true);
    expect(step.issues).toEqual([expect.objectContaining({ code: 'unknown_staff', path: ['appointment', 'staff'] })]);
    expectUnchanged(step.state, before);
  });
});

describe('ROT-TOUR-GROUP: a tour group does not use the first in lines turn; the team manager arranges it', () => {
  it('ROT-TOUR-GROUP (004x §4): given teamManager, when a tour group arrives and the manager has S04 receive it, then S04 receives with no turn and S01 stays first in line', () => {
    const g = given(team, rotation({ tourGroups: 'teamManager' }));
    const d = reception(g.when(visit('11-01 10:00', zhang, { tourGroup: true, receiver: 'S04' })));
    expect(d).toMatchObject({ receiver: 'S04', counted: false, turns: 0, skipped: [] });
    expect(d.rules).toEqual(['ROT-TOUR-GROUP']);
    expect(describeReason(g.state, d)).toContain('first in line keeps their place');
    expect(walkIns(g, '11-01 10:10', '11-01 10:20')).toEqual(['S01', 'S02']);
  });

  it('ROT-TOUR-GROUP (004x §4): given no receiver recorded yet, then nobody from the queue is sent and the order does not move', () => {
    const g = given(team, rotation({ tourGroups: 'teamManager' }));
    expect(reception(g.when(visit('11-01 10:00', zhang, { tourGroup: true })))).toMatchObject({ receiver: null, counted: false });
    expect(walkIns(g, '11-01 10:10')).toEqual(['S01']);
  });

  it('ROT-TOUR-GROUP (default policy): given turn, then a tour group is an ordinary walk-in of the first in line', () => {
    const g = given(team, rotation({}));
    expect(reception(g.when(visit('11-01 10:00', zhang, { tourGroup: true })))).toMatchObject({ receiver: 'S01', counted: true });
  });
});

describe("ROT-INVITED-VISIT: a telemarketer's invited client goes to the receiver the sales-group leader assigned", () => {
  const on = rotation({ invitedVisits: {} });

  it('ROT-INVITED-VISIT (001 §2.2, §5.2): given invited visits on, when T1s invited client contacts T1 on arrival and the leader assigned S03, then S03 receives without a turn and the order stays', () => {
    const g = given(team, on);
    const d = reception(g.when(visit('11-01 10:00', zhang, { invitedBy: 'T1', receiver: 'S03' })));
    expect(d).toMatchObject({ receiver: 'S03', counted: false });
    expect(d.rules).toEqual(['ROT-INVITED-VISIT']);
    expect(describeReason(g.state, d)).toContain('invited by Staff T1');
    expect(g.ownerOf(zhang.phone)).toBe('S03');
    expect(walkIns(g, '11-01 10:10', '11-01 10:20', '11-01 10:30')).toEqual(['S01', 'S02', 'S03']);
  });

  it('ROT-INVITED-VISIT (001 §5.2): given counts true, then the assigned reception uses S03s turn out of order', () => {
    const g = given(team, rotation({ invitedVisits: { counts: true } }));
    expect(reception(g.when(visit('11-01 10:00', zhang, { invitedBy: 'T1', receiver: 'S03' })))).toMatchObject({ receiver: 'S03', counted: true });
    expect(walkIns(g, '11-01 10:10', '11-01 10:20', '11-01 10:30')).toEqual(['S01', 'S02', 'S04']);
  });

  it('ROT-INVITED-VISIT (001 §5.2): given a client who did not contact the telemarketer (no invitedBy), then they are a new walk-in of the queue', () => {
    const g = given(team, on);
    const d = reception(g.when(visit('11-01 10:00', zhang)));
    expect(d).toMatchObject({ receiver: 'S01', counted: true });
    expect(d.rules).not.toContain('ROT-INVITED-VISIT');
  });

  it('ROT-INVITED-VISIT: given no receiver assigned by the leader, then the queue receives and the rule is cited', () => {
    const g = given(team, on);
    const d = reception(g.when(visit('11-01 10:00', zhang, { invitedBy: 'T1' })));
    expect(d).toMatchObject({ receiver: 'S01', counted: true });
    expect(d.rules).toContain('ROT-INVITED-VISIT');
    expect(describeReason(g.state, d)).toContain('assigned no receiver');
  });

  it('ROT-INVITED-VISIT: given the inviter is a salesperson, not a telemarketer, or the rule is off, then the book receiver takes a turn out of order as before', () => {
    for (const [policy, inviter] of [[on, 'S02'], [rotation({}), 'T1']] as const) {
      const g = given(team, policy);
      const d = reception(g.when(visit('11-01 10:00', zhang, { invitedBy: inviter, receiver: 'S03' })));
      expect(d).toMatchObject({ receiver: 'S03', counted: true });
      expect(d.rules).not.toContain('ROT-INVITED-VISIT');
    }
  });
});

describe("ROT-TEAM-ASSIST: a client another team received goes back to the owner's team when one of them is free", () => {
  // S01 (team A) owns 张伟 and is on leave; S02 (team A) is busy with a walk-in; S03 (team B) assists.
  const base = [...team, visit('11-01 10:00', zhang), status('11-02 08:00', 'S01', 'leave'), visit('11-02 10:00', wang)];
  const policy = rotation({ absentOwner: 'team', teamHandBack: true }, 60);

  it('ROT-TEAM-ASSIST (004x §6.1): given team A all busy, when S02 of team A becomes free during the reception, then S03 hands the client back to S02', () => {
    const g = given(base, policy);
    const assisted = reception(g.when(visit('11-02 10:10', zhang)));
    expect(assisted).toMatchObject({ receiver: 'S03', counted: false });
    expect(assisted.args).toMatchObject({ how: 'otherTeam', handBack: true });
    const step = g.when(endReception('11-02 10:20', 'S02'));
    const back = find(step, 'queue', (d) => d.change === 'handedBack');
    expect(back.staff).toEqual(['S03', 'S02']);
    expect(back.rules).toEqual(['ROT-TEAM-ASSIST']);
    expect(back.evidence).toEqual([assisted.event]);
    expect(describeReason(g.state, back)).toContain('hands the client back');
    // S03 is free again, S02 busy with the client: the next walk-in does not go to S02.
    expect(nextReceiver(g.state, t('11-02 10:25')).queue.find((e) => e.staff === 'S03')?.busyUntil).toBeNull();
    expect(nextReceiver(g.state, t('11-02 10:25')).queue.find((e) => e.staff === 'S02')?.busyUntil).not.toBeNull();
    expect(walkIns(g, '11-02 10:25', '11-02 10:26')).not.toContain('S02');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('ROT-TEAM-ASSIST (004x §6.1): given the owner back on duty first, then the client goes back to the owner in that event', () => {
    const g = given([...base, visit('11-02 10:10', zhang)], policy);
    const back = find(g.when(status('11-02 10:30', 'S01', 'onDuty')), 'queue', (d) => d.change === 'handedBack');
    expect(back.staff).toEqual(['S03', 'S01']);
  });

  it('ROT-TEAM-ASSIST: given the reception ended before anyone of team A was free, then nothing is handed back', () => {
    const g = given([...base, visit('11-02 10:10', zhang), endReception('11-02 10:15', 'S03')], policy);
    const step = g.when(endReception('11-02 10:20', 'S02'));
    expect(step.decisions.some((d) => d.kind === 'queue' && d.change === 'handedBack')).toBe(false);
    expect(g.state.rotation.handBacks).toEqual([]);
  });

  it('ROT-TEAM-ASSIST (policy off): given teamHandBack false, then the hand-back stays a note and nothing waits', () => {
    const g = given(base, rotation({ absentOwner: 'team' }, 60));
    g.when(visit('11-02 10:10', zhang));
    expect(g.state.rotation.handBacks).toEqual([]);
    const step = g.when(endReception('11-02 10:20', 'S02'));
    expect(step.decisions.some((d) => d.kind === 'queue' && d.change === 'handedBack')).toBe(false);
  });

  it('ROT-TEAM-ASSIST: a waiting hand-back survives a snapshot', () => {
    const g = given([...base, visit('11-02 10:10', zhang)], policy);
    const restored = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(g.state))));
    if (!restored.ok) throw new Error('snapshot');
    const step = apply(restored.state, endReception('11-02 10:20', 'S02'));
    expect(step.decisions.some((d) => d.kind === 'queue' && d.change === 'handedBack')).toBe(true);
  });
});

describe('ROT-DUTY: the duty event carries the duty hours', () => {
  it("ROT-DUTY (000 §20): given a policy without duty hours, when the day's assignDuty gives 12:00-13:30, then a visitor at 12:30 goes to the duty person, not counted", () => {
    const g = given([...team, duty('11-01 08:30', ['S03'], [{ from: '12:00', to: '13:30' }])], rotation({}));
    const d = reception(g.when(visit('11-01 12:30', zhang)));
    expect(d).toMatchObject({ receiver: 'S03', counted: false });
    expect(d.rules).toContain('ROT-DUTY');
    expect(walkIns(g, '11-01 14:00')).toEqual(['S01']);
  });

  it('ROT-DUTY (000 §20): given the event hours, then they hold for that day only and replace the policy windows', () => {
    const g = given([...team, duty('11-01 08:30', ['S03'], [{ from: '18:00', to: '21:00' }])], rotation({ duty: { windows: [{ from: '12:00', to: '13:30' }] } }));
    expect(reception(g.when(visit('11-01 12:30', zhang)))).toMatchObject({ receiver: 'S01', counted: true });
    expect(reception(g.when(visit('11-01 19:00', wang)))).toMatchObject({ receiver: 'S03', counted: false });
    const next = given([...team, duty('11-01 08:30', ['S03'], [{ from: '12:00', to: '13:30' }]), duty('11-02 08:30', ['S04'])], rotation({}));
    expect(reception(next.when(visit('11-02 12:30', zhang)))).toMatchObject({ counted: true });
  });

  it('ROT-DUTY: given hours on the event, then the duty decision says them', () => {
    const g = given(team, rotation({}));
    const d = find(g.when(duty('11-01 08:30', ['S03'], [{ from: '12:00', to: '13:30' }])), 'queue');
    expect(d.args).toMatchObject({ windows: '12:00-13:30', fromEvent: true });
    expect(describeReason(g.state, d)).toContain('duty hours 12:00-13:30');
  });

  it('ROT-DUTY: given duty hours with from equal to to, then the event is refused', () => {
    expect(() => duty('11-01 08:30', ['S03'], [{ from: '12:00', to: '12:00' }])).toThrow(/differ/);
  });
});
