/**
 * Rotation findings of audit A: duty hours that run past midnight (ROT-DUTY),
 * the day's start after a reception out of order (ROT-CARRY), and a new
 * client who names an absent salesperson (OWN-NAMED with the rotation).
 */
import { describe, expect, it } from 'vitest';
import { apply, describeReason, fairnessLedger, fromSnapshot, nextReceiver, toSnapshot, type PolicyInput } from '../../src/index.js';
import { duty, find, given, reception, staff, status, t, visit, walkIns, wang, zhang, liu } from '../support/dsl.js';

const team = [staff('S01'), staff('S02'), staff('S03'), staff('S04')];
const rotation = (r: NonNullable<PolicyInput['rotation']> = {}): PolicyInput => ({ rotation: { receptionMinutes: 0, ...r } });
const night = [{ from: '22:00', to: '02:00' }];

describe('ROT-DUTY (000 §20): a duty window that runs past midnight covers its after-midnight part', () => {
  it("ROT-DUTY: given the policy's 22:00-02:00 and S03 on duty on 11-01, when visitors come at 23:00 and at 01:00 on 11-02, then S03 receives both with no turn; at 02:30 the order receives", () => {
    const g = given([...team, duty('11-01 21:00', ['S03'])], rotation({ duty: { windows: night } }));
    expect(reception(g.when(visit('11-01 23:00', zhang)))).toMatchObject({ receiver: 'S03', counted: false });
    expect(nextReceiver(g.state, t('11-02 01:00'))).toMatchObject({ next: 'S03', duty: true });
    const d = reception(g.when(visit('11-02 01:00', wang)));
    expect(d).toMatchObject({ receiver: 'S03', counted: false, rules: ['ROT-DUTY'] });
    expect(d.args).not.toHaveProperty('dutyNobody');
    expect(reception(g.when(visit('11-02 02:30', liu)))).toMatchObject({ receiver: 'S01', counted: true });
  });

  it("ROT-DUTY: given assignDuty's own hours 22:00-02:00 on 11-01, when a visitor comes at 01:00 on 11-02, then S03 receives with no turn, citing ROT-DUTY", () => {
    const g = given([...team, duty('11-01 21:00', ['S03'], night)], rotation());
    const d = reception(g.when(visit('11-02 01:00', wang)));
    expect(d).toMatchObject({ receiver: 'S03', counted: false, rules: ['ROT-DUTY'] });
    expect(describeReason(g.state, d)).toContain('the duty person Staff S03 (S03)');
    expect(walkIns(g, '11-02 02:00')).toEqual(['S01']);
  });

  it("ROT-DUTY: given 11-02's duty assigned at 00:10, inside 11-01's night window, then the tail of that window is still 11-01's duty person's", () => {
    const g = given([...team, duty('11-01 21:00', ['S03'], night), duty('11-02 00:10', ['S04'], night)], rotation());
    expect(reception(g.when(visit('11-02 01:00', wang)))).toMatchObject({ receiver: 'S03', counted: false });
    expect(reception(g.when(visit('11-02 23:00', zhang)))).toMatchObject({ receiver: 'S04', counted: false });
  });

  it('ROT-DUTY: given the previous night duty person busy, then the day\'s own duty person whose hours cover the time receives', () => {
    const g = given([...team, duty('11-01 21:00', ['S03'], night), duty('11-02 00:10', ['S04'], [{ from: '00:00', to: '06:00' }])], { rotation: { receptionMinutes: 60 } });
    expect(reception(g.when(visit('11-02 00:30', zhang)))).toMatchObject({ receiver: 'S03', counted: false });
    expect(reception(g.when(visit('11-02 01:00', wang)))).toMatchObject({ receiver: 'S04', counted: false });
  });

  it("ROT-DUTY: given a night window, then the duty decision lasts until the window's end the next morning, not midnight", () => {
    const g = given(team, rotation());
    expect(find(g.when(duty('11-01 21:00', ['S03'], night)), 'queue')).toMatchObject({ change: 'duty', until: Date.parse(t('11-02 02:00')) });
    const lunch = given(team, rotation());
    expect(find(lunch.when(duty('11-01 08:30', ['S03'], [{ from: '12:00', to: '13:30' }])), 'queue')).toMatchObject({ until: Date.parse(t('11-02 00:00')) });
  });

  it('ROT-DUTY: given a snapshot taken after midnight, then it resumes with the night duty; a snapshot written before the previous day was kept reads back with none', () => {
    const g = given([...team, duty('11-01 21:00', ['S03'], night), duty('11-02 00:10', ['S04'], night)], rotation());
    const snap = JSON.parse(JSON.stringify(toSnapshot(g.state))) as { state: { rotation: { head: Record<string, unknown> } } };
    const restored = fromSnapshot(snap);
    if (!restored.ok) throw new Error(JSON.stringify(restored.issues));
    expect(find(apply(restored.state, visit('11-02 01:00', wang)), 'reception')).toMatchObject({ receiver: 'S03', counted: false });
    delete snap.state.rotation.head.dutyBefore;
    const older = fromSnapshot(snap);
    if (!older.ok) throw new Error(JSON.stringify(older.issues));
    expect(older.state.rotation.head.dutyBefore).toBeNull();
  });
});

describe('ROT-CARRY (000 §4): the order carries over from its place, not from a reception out of order', () => {
  it('ROT-CARRY (000 §2 继续安排轮排, §5 继续按序轮排): given S01 received in order and S03 out of order (the book), then 11-02 starts with S02 and passes S03 once', () => {
    const g = given([...team, visit('11-01 10:00', zhang), visit('11-01 17:00', wang, { receiver: 'S03' })], rotation());
    expect(nextReceiver(g.state, t('11-02 09:00'))).toMatchObject({ next: 'S02', note: 'S02 was next in order' });
    expect(walkIns(g, '11-02 10:00', '11-02 10:01', '11-02 10:02')).toEqual(['S02', 'S04', 'S01']);
  });

  it('ROT-CARRY: given the order\'s turn waiting in duty hours, then its note names the last to take a turn in order, not the one who received out of order', () => {
    const g = given([...team, visit('11-01 10:00', zhang), visit('11-01 17:00', wang, { receiver: 'S03' }), duty('11-02 08:30', ['S04'], [{ from: '12:00', to: '13:30' }])], rotation());
    const head = nextReceiver(g.state, t('11-02 12:30')).queue[0];
    expect(head).toMatchObject({ staff: 'S02', reason: 'waiting' });
    expect(head?.note).toBe("the order's turn is here (ROT-ORDER, ROT-CARRY: after S01, the last to take a turn in order)");
  });

  it('ROT-CARRY: given dailyStart firstInOrder, then the next morning\'s note does not name the last receiver of the day before', () => {
    const g = given([...team, visit('11-01 10:00', zhang), visit('11-01 10:05', wang), duty('11-02 08:30', ['S04'], [{ from: '12:00', to: '13:30' }])], rotation({ dailyStart: 'firstInOrder' }));
    const head = nextReceiver(g.state, t('11-02 12:30')).queue[0];
    expect(head).toMatchObject({ staff: 'S01', reason: 'waiting' });
    expect(head?.note).toBe("the order's turn is here (ROT-ORDER, ROT-CARRY: the order restarts each morning)");
  });
});

describe('OWN-NAMED with the named salesperson away: the rotation receives, and the reception says why', () => {
  it('OWN-NAMED, ROT-ELIGIBLE (004e §5 如该销售人员不在…则由当值人员接待; 004i 由轮值销售人员B): given S03 off, when a new client names S03, then S01 receives in turn, the client is S03\'s, and the reception cites OWN-NAMED and the absence', () => {
    const g = given([...team, status('11-01 09:00', 'S03', 'off')], rotation());
    const d = reception(g.when(visit('11-01 10:00', zhang, { named: 'S03' })));
    expect(d).toMatchObject({ receiver: 'S01', counted: true, args: { tiedTo: 'S03', tiedState: 'off' } });
    expect(d.rules).toEqual(expect.arrayContaining(['OWN-NAMED', 'ROT-ELIGIBLE', 'ROT-ORDER', 'ROT-CARRY']));
    expect(describeReason(g.state, d)).toBe("a new client tied to Staff S03 (S03), who is off: the client stays theirs, and the visit is received as any other: Staff S01 (S01) was next in order");
    expect(g.ownerOf(zhang.phone)).toBe('S03');
    expect(fairnessLedger(g.state, { staff: 'S01' })[0]).toMatchObject({ turns: 1 });
  });

  it('OWN-NAMED, ROT-DUTY: given the named salesperson away in duty hours, then the duty person receives and the note says whom the client named', () => {
    const g = given([...team, duty('11-01 08:30', ['S04'], [{ from: '12:00', to: '13:30' }]), status('11-01 09:00', 'S03', 'companyBusiness')], rotation());
    const d = reception(g.when(visit('11-01 12:30', zhang, { named: 'S03' })));
    expect(d).toMatchObject({ receiver: 'S04', counted: false });
    expect(d.rules).toEqual(expect.arrayContaining(['OWN-NAMED', 'ROT-ELIGIBLE', 'ROT-DUTY']));
    expect(describeReason(g.state, d)).toContain('a new client tied to Staff S03 (S03), who is out on company business');
  });

  it('OWN-NAMED: given the named salesperson free, then the reception is theirs and carries no absence note', () => {
    const g = given(team, rotation());
    const d = reception(g.when(visit('11-01 10:00', zhang, { named: 'S03' })));
    expect(d).toMatchObject({ receiver: 'S03', why: 'named' });
    expect(d.args).not.toHaveProperty('tiedTo');
  });
});
