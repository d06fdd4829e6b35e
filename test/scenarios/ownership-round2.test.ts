import { describe, expect, it } from 'vitest';
import { dealsOf, describeDecision, type OfficeState } from '../../src/index.js';
import { call, claim, deal, find, followUp, given, recognizeBy, redistribute, staff, status, visit, wang, zhang, liu, chen } from '../support/dsl.js';

const team = [staff('S01'), staff('S02'), staff('S03'), staff('M1', { role: 'manager' })];

function creditOf(state: OfficeState, id: string): Record<string, string> {
  const row = dealsOf(state).find((d) => d.deal === id);
  return Object.fromEntries((row?.credit ?? []).map((s) => [s.staff, s.share]));
}

describe('OWN-CALL: what a call alone gives is a policy', () => {
  it('OWN-CALL (004h §6 电话接听客户的,一律按轮次表接待): given calls give nothing, when S02 takes a call and the caller later visits, then the rotation receiver owns them', () => {
    const g = given([...team, call('11-01 10:00', zhang, 'S02')], { ownership: { call: { gives: 'nothing' } } });
    expect(g.ownerOf(zhang.phone)).toBeNull();
    const step = g.when(visit('11-02 10:00', zhang));
    expect(find(step, 'reception').receiver).toBe('S01');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('OWN-CALL (004h §6): given calls give nothing, the call is still registered and its decision cites OWN-CALL', () => {
    const g = given(team, { ownership: { call: { gives: 'nothing' } } });
    const step = g.when(call('11-01 10:00', zhang, 'S02'));
    expect(find(step, 'registration').valid).toBe(true);
    expect(find(step, 'ownership')).toMatchObject({ owner: null, why: 'callNothing' });
    expect(find(step, 'ownership').rules).toEqual(['OWN-CALL']);
  });

  it('OWN-CALL (004f 1(4) 由上级领导统一分配): given calls are allocated, when a salesperson enters a call in their own name, then it gives nothing; a manager-allocated call protects', () => {
    const policy = { ownership: { call: { gives: 'allocation' as const } } };
    const own = given([...team, call('11-01 10:00', zhang, 'S02')], policy);
    expect(own.ownerOf(zhang.phone)).toBeNull();
    const allocated = given([...team, call('11-01 10:00', zhang, 'S02', { allocatedBy: 'M1' })], policy);
    expect(allocated.ownerOf(zhang.phone)).toBe('S02');
  });

  it('OWN-CALL (004d §3.4 有明确备案记录): given calls need a filing record, then only a filed call protects', () => {
    const policy = { ownership: { call: { gives: 'filed' as const } } };
    expect(given([...team, call('11-01 10:00', zhang, 'S02')], policy).ownerOf(zhang.phone)).toBeNull();
    expect(given([...team, call('11-01 10:00', zhang, 'S02', { filed: true })], policy).ownerOf(zhang.phone)).toBe('S02');
  });

  it('OWN-CALL (004f 1(5) 询问售楼处的具体位置): given the rule, a caller asking the way and about to come is a new client on arrival', () => {
    const g = given([...team, call('11-01 10:00', zhang, 'S02', { askingWay: true })], { ownership: { call: { askingWayIsNew: true } } });
    g.when(visit('11-01 10:30', zhang));
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('OWN-CALL (004c §7.1 主动留下自己的姓名): given the rule, a call on which the receiver left their name before checking gives nothing', () => {
    const g = given([...team, call('11-01 10:00', zhang, 'S02', { ownNameFirst: true })], { ownership: { call: { ownNameFirstVoid: true } } });
    expect(g.ownerOf(zhang.phone)).toBeNull();
    expect(given([...team, call('11-01 10:00', zhang, 'S02', { ownNameFirst: true })]).ownerOf(zhang.phone)).toBe('S02');
  });

  it('OWN-CALL (004l §5 来电客户回访至少1次/周): given a weekly callback, a call client lapses after 7 days without one and a callback keeps them', () => {
    const policy = { ownership: { validityDays: { call: 30 }, call: { followUpDays: 7 } } };
    const g = given([...team, call('11-01 10:00', zhang, 'S02')], policy);
    expect(g.ownerOf(zhang.phone, '11-08 23:00')).toBe('S02');
    expect(g.ownerOf(zhang.phone, '11-09 00:00')).toBeNull();
    g.when(followUp('11-06 10:00', 'S02', zhang));
    expect(g.ownerOf(zhang.phone, '11-12 10:00')).toBe('S02');
  });
});

describe('OWN-RECOGNIZE: an original who is present and does not recognize their client loses them', () => {
  const receiverBears = { ownership: { recognition: { unidentified: 'receiver' as const } } };
  const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' })];

  it('OWN-RECOGNIZE (004b §1.2 原置业顾问同时在场, 不认识客户): given S01 is on duty, when zhang comes back unannounced and S02 receives him after asking, then S02 owns him', () => {
    const g = given(base, receiverBears);
    const step = g.when(visit('11-05 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true }));
    expect(find(step, 'collision')).toMatchObject({ owner: 'S01', challenger: 'S02', outcome: 'challengerWins' });
    const own = find(step, 'ownership', (d) => d.owner === 'S02');
    expect(own.rules).toEqual(expect.arrayContaining(['OWN-RECOGNIZE', 'OWN-FIRST-QUESTION']));
    expect(describeDecision(g.state, own)).toContain('did not recognize');
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('OWN-RECOGNIZE (003 3(1) 原则上交回b接待): given S02 took zhang, when S02 learns during the reception that S01 served him, then zhang goes back to S01 with his window', () => {
    const g = given([...base, visit('11-05 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true })], receiverBears);
    const step = g.when(recognizeBy('11-05 10:20', 'S02', zhang));
    expect(find(step, 'ownership')).toMatchObject({ owner: 'S01', previous: 'S02', why: 'recognizedBack' });
    expect(find(step, 'ownership').protectionEndsAt).toBe(Date.parse('2026-11-17T00:00:00+08:00'));
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('OWN-RECOGNIZE (004b §4.4 成交当天及之前认出来的): given recognition counts up to the deal day, when S02 closes and zhang is recognized that day, then the deal goes to S01; two days later it stays with S02', () => {
    const policy = { ownership: { recognition: { unidentified: 'receiver' as const, untilDealDay: true } } };
    const closed = [...base, visit('11-05 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true }), deal('11-05 15:00', 'D1', 'S02', zhang)];
    const sameDay = given(closed, policy);
    expect(creditOf(sameDay.state, 'D1')).toEqual({ S02: '1' });
    const step = sameDay.when(recognizeBy('11-05 17:00', 'S01', zhang));
    expect(find(step, 'allocation').rules).toContain('OWN-RECOGNIZE');
    expect(creditOf(sameDay.state, 'D1')).toEqual({ S01: '1' });
    expect(sameDay.ownerOf(zhang.phone)).toBe('S01');
    const late = given(closed, policy);
    expect(find(late.when(recognizeBy('11-07 10:00', 'S01', zhang)), 'ownership').why).toBe('recognizedTooLate');
    expect(creditOf(late.state, 'D1')).toEqual({ S02: '1' });
  });

  it('OWN-RECOGNIZE (004b §1.3 原置业顾问不在场): given S01 is off, when zhang comes back unannounced, then S01 keeps him', () => {
    const g = given([...base, status('11-05 08:00', 'S01', 'off')], receiverBears);
    const step = g.when(visit('11-05 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true }));
    expect(find(step, 'collision')).toMatchObject({ outcome: 'ownerKeeps', args: expect.objectContaining({ reason: 'originalAbsent' }) });
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('OWN-RECOGNIZE: given the default policy, an unannounced old client stays with the original and a recognition is only recorded', () => {
    const g = given(base);
    g.when(visit('11-05 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true }));
    expect(g.ownerOf(zhang.phone)).toBe('S01');
    const step = g.when(recognizeBy('11-05 10:20', 'S01', zhang));
    expect(find(step, 'ownership')).toMatchObject({ owner: 'S01', why: 'recognized', rules: ['OWN-RECOGNIZE'] });
  });
});

describe('OWN-FIRST-QUESTION: the receiver asks first, and who bears an unidentified old client', () => {
  const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' })];

  it('OWN-FIRST-QUESTION (004f 1(3) 若置业顾问未咨询客户是否第一次来访): given the receiver did not ask and the client said nothing, then the original keeps the client within the window', () => {
    const g = given(base, { ownership: { recognition: { unidentified: 'receiver' } } });
    const step = g.when(visit('11-05 10:00', zhang, { receiver: 'S02', unannounced: true, asked: false }));
    const col = find(step, 'collision');
    expect(col).toMatchObject({ outcome: 'ownerKeeps', args: expect.objectContaining({ reason: 'notAsked', asked: false }) });
    expect(col.rules).toContain('OWN-FIRST-QUESTION');
    expect(describeDecision(g.state, col)).toContain('did not ask');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('OWN-FIRST-QUESTION (004a §2.1.1, 004x §1): given an unannounced old client, the desk receives them as new (a counted turn) and the answer is evidence on the collision', () => {
    const g = given(base);
    const step = g.when(visit('11-05 10:00', zhang, { unannounced: true, asked: true }));
    expect(find(step, 'reception')).toMatchObject({ counted: true });
    expect(find(step, 'collision').args).toMatchObject({ unannounced: true, asked: true, reason: 'originalKeeps' });
  });
});

describe('OWN-MULTI-NAMED: a client who names several salespeople without choosing', () => {
  const order = { ownership: { multiNamed: 'order' as const } };

  it('OWN-MULTI-NAMED (003 3(5) 由客户说出的第一位销售员a接待, 若a不在场, 则由第二位): given the named order, when zhang names S02 then S03 and S02 is off, then S03 receives and owns him', () => {
    const g = given([...team, status('11-02 08:00', 'S02', 'off')], order);
    const step = g.when(visit('11-02 10:00', zhang, { namedSeveral: ['S02', 'S03'] }));
    expect(find(step, 'reception').receiver).toBe('S03');
    expect(find(step, 'ownership').rules).toEqual(expect.arrayContaining(['OWN-MULTI-NAMED', 'OWN-NAMED']));
    expect(g.ownerOf(zhang.phone)).toBe('S03');
  });

  it('OWN-MULTI-NAMED (003 3(5) 都不在场, 由前台轮值c接待): given none of the named is present, then the rotation receiver owns the client', () => {
    const g = given([...team, status('11-02 08:00', 'S02', 'off'), status('11-02 08:00', 'S03', 'off')], order);
    const step = g.when(visit('11-02 10:00', zhang, { namedSeveral: ['S02', 'S03'] }));
    expect(find(step, 'reception').receiver).toBe('S01');
    expect(find(step, 'ownership').rules).toContain('OWN-MULTI-NAMED');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('OWN-MULTI-NAMED (004f 2(3) 根据客户登记本为准): given the book decides, when S03s old client names S01 and S02, then S03 keeps them; a new one goes to the rotation receiver', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S03' })]);
    g.when(visit('11-05 10:00', zhang, { namedSeveral: ['S01', 'S02'] }));
    expect(g.ownerOf(zhang.phone)).toBe('S03');
    const step = g.when(visit('11-05 11:00', wang, { namedSeveral: ['S03', 'S02'] }));
    expect(find(step, 'ownership').rules).toContain('OWN-MULTI-NAMED');
    expect(g.ownerOf(wang.phone)).toBe(find(step, 'reception').receiver);
    expect(g.ownerOf(wang.phone)).not.toBe('S03');
  });
});

describe('OWN-PHONE-INVITE: whoever invites by phone and receives', () => {
  it('OWN-PHONE-INVITE (004b §2.2 客户能明确确认电话邀约的置业顾问): given zhang names the caller S02, then S02 receives and owns the new client', () => {
    const g = given(team);
    const step = g.when(visit('11-02 10:00', zhang, { invitedBy: 'S02' }));
    expect(find(step, 'reception').receiver).toBe('S02');
    expect(find(step, 'ownership').rules).toContain('OWN-PHONE-INVITE');
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('OWN-PHONE-INVITE (000 §2 成功确认后由追访的业务员接待): given invited clients use no turn, when the secretary identifies S02 as the caller, then S02 receives without a turn', () => {
    const g = given(team, { ownership: { phoneInvite: { reception: 'notCounted' } } });
    const step = g.when(visit('11-02 10:00', zhang, { invitedBy: 'S02' }));
    expect(find(step, 'reception')).toMatchObject({ receiver: 'S02', counted: false });
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('OWN-PHONE-INVITE (004b §2.3 谁邀约接待业绩归谁, 自有客户电话出处): given the override, when S02 invites S01s client from S02s own records, then S02 takes the client', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], { ownership: { phoneInvite: { overridesProtection: true } } });
    const step = g.when(visit('11-05 10:00', zhang, { invitedBy: 'S02', inviterOwnsNumber: true }));
    expect(find(step, 'collision')).toMatchObject({ outcome: 'challengerWins', challenger: 'S02' });
    expect(find(step, 'reception').receiver).toBe('S02');
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('OWN-PHONE-INVITE (004b §2.3 不得以任何理由打其他同事的客户电话邀约): given S02 cannot show the number is theirs, then S01 keeps the client and the call is noted as a violation', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], { ownership: { phoneInvite: { overridesProtection: true } } });
    const step = g.when(visit('11-05 10:00', zhang, { invitedBy: 'S02' }));
    const col = find(step, 'collision');
    expect(col).toMatchObject({ outcome: 'ownerKeeps', args: expect.objectContaining({ violation: true }) });
    expect(col.rules).toContain('OWN-PHONE-INVITE');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('OWN-PHONE-INVITE is a salesperson\'s invite: given a telemarketer T01 invited zhang (ROT-INVITED-VISIT, 001 §2.2), then the receiver owns the client, not the telemarketer', () => {
    const g = given([...team, staff('T01', { role: 'telemarketer' })]);
    const step = g.when(visit('11-02 10:00', zhang, { invitedBy: 'T01', receiver: 'S03' }));
    expect(find(step, 'reception').receiver).toBe('S03');
    expect(find(step, 'ownership').rules).not.toContain('OWN-PHONE-INVITE');
    expect(g.ownerOf(zhang.phone)).toBe('S03');
  });
});

describe('OWN-CHANNEL-GROUP: the reporting agent owns the group', () => {
  const agents = [...team, staff('A1', { role: 'channel' }), staff('A2', { role: 'channel' })];
  const policy = { ownership: { channelGroup: true } };
  const report = (when: string, agent: string, client: typeof zhang | typeof liu, extra = {}) =>
    claim(when, agent, client, { kind: 'report', expectedVisitAt: '2026-11-03T10:00:00+08:00', ...extra });

  it('OWN-CHANNEL-GROUP (004k §3 行销人员亲自带客户上门): given no earlier report, when agent A1 brings zhang in person, then A1 owns him and a salesperson receives', () => {
    const g = given(agents, policy);
    const step = g.when(visit('11-02 10:00', zhang, { broughtBy: 'A1' }));
    expect(find(step, 'reception').receiver).toBe('S01');
    expect(find(step, 'ownership').rules).toContain('OWN-CHANNEL-GROUP');
    expect(g.ownerOf(zhang.phone)).toBe('A1');
  });

  it('OWN-CHANNEL-GROUP (004k §3 否则归属为短信/微信报备记录的行销人员): given A2 reported zhang first, when A1 brings him, then A2 keeps him', () => {
    const g = given([...agents, report('11-01 09:00', 'A2', zhang)], policy);
    const step = g.when(visit('11-02 10:00', zhang, { broughtBy: 'A1' }));
    expect(find(step, 'collision').rules).toContain('OWN-CHANNEL-GROUP');
    expect(g.ownerOf(zhang.phone)).toBe('A2');
  });

  it('OWN-CHANNEL-GROUP (004k §3 同组有多人来访): given A1 reported zhang, when zhang visits with a friend, then the friend is A1s too', () => {
    const g = given([...agents, report('11-01 09:00', 'A1', zhang)], policy);
    g.when(visit('11-02 10:00', zhang, { party: [{ ...chen, relation: 'friend' }] }));
    expect(g.ownerOf(chen.phone)).toBe('A1');
    const off = given([...agents, report('11-01 09:00', 'A1', zhang)]);
    off.when(visit('11-02 10:00', zhang, { party: [{ ...chen, relation: 'friend' }] }));
    expect(off.ownerOf(chen.phone)).not.toBe('A1');
  });

  it('OWN-CHANNEL-GROUP (004k §2 上门首访在前, 报备在后): given liu visited on her own, when A1 reports her afterwards with a text sent before the visit, then A1 owns her; without it she is a natural visitor', () => {
    const visited = [...agents, visit('11-02 10:00', liu, { receiver: 'S01' })];
    const g = given(visited, policy);
    const step = g.when(report('11-02 16:00', 'A1', liu, { textAt: '2026-11-02T09:00:00+08:00' }));
    expect(find(step, 'claim').outcome).toBe('accepted');
    expect(g.ownerOf(liu.phone)).toBe('A1');
    const natural = given(visited, policy);
    expect(find(natural.when(report('11-02 16:00', 'A1', liu)), 'claim').outcome).toBe('refused');
    expect(natural.ownerOf(liu.phone)).toBe('S01');
  });
});

describe('OWN-REDISTRIBUTE: the manager redistributes the clients of a salesperson on long leave by draw', () => {
  const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-01 11:00', wang, { receiver: 'S01' })];

  it('OWN-REDISTRIBUTE (003 3(12) 由经理按随机抽数分配): given S01 is on leave, when the draw gives zhang to S02 and wang to S03, then they own them', () => {
    const g = given([...base, status('11-05 08:00', 'S01', 'leave')]);
    const step = g.when(redistribute('11-06 09:00', 'S01', [{ client: zhang, staff: 'S02' }, { client: wang, staff: 'S03' }], { by: 'M1', draw: 'lots 2, 3' }));
    const own = find(step, 'ownership', (d) => d.owner === 'S02');
    expect(own.rules).toEqual(expect.arrayContaining(['OWN-REDISTRIBUTE']));
    expect(describeDecision(g.state, own)).toContain('lots 2, 3');
    expect(g.ownerOf(zhang.phone)).toBe('S02');
    expect(g.ownerOf(wang.phone)).toBe('S03');
  });

  it('OWN-REDISTRIBUTE (the seed does not say what long leave is): given 30 days count as long leave, when the draw comes 5 days into the leave, then nothing moves and the refusal is on record', () => {
    const g = given([...base, status('11-05 08:00', 'S01', 'leave')], { ownership: { redistribute: { afterDays: 30 } } });
    const step = g.when(redistribute('11-10 09:00', 'S01', [{ client: zhang, staff: 'S02' }]));
    expect(find(step, 'ownership')).toMatchObject({ why: 'leaveTooShort', owner: 'S01' });
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('OWN-REDISTRIBUTE (请长假或调离): given S01 is on duty, then a redistribution is refused; a client who is not theirs stays; back to S01 is an issue', () => {
    const g = given(base);
    expect(find(g.when(redistribute('11-06 09:00', 'S01', [{ client: zhang, staff: 'S02' }])), 'ownership').why).toBe('notOnLeave');
    const other = given([...base, visit('11-01 12:00', liu, { receiver: 'S03' }), status('11-05 08:00', 'S01', 'leave')]);
    expect(find(other.when(redistribute('11-06 09:00', 'S01', [{ client: liu, staff: 'S02' }])), 'ownership').why).toBe('notTheirs');
    expect(other.ownerOf(liu.phone)).toBe('S03');
    const bad = other.when(redistribute('11-06 10:00', 'S01', [{ client: zhang, staff: 'S01' }]), true);
    expect(bad.issues[0]).toMatchObject({ code: 'invalid_value', path: ['to', 0, 'staff'] });
  });

  it('OWN-REDISTRIBUTE (调离): given S01 was transferred out, when the draw gives their former client to S02, then S02 owns them', () => {
    const g = given([...base, status('11-05 08:00', 'S01', 'left')]);
    expect(g.ownerOf(zhang.phone)).toBeNull();
    g.when(redistribute('11-06 09:00', 'S01', [{ client: zhang, staff: 'S02' }]));
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });
});
