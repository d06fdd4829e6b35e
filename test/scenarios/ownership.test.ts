import { describe, expect, it } from 'vitest';
import { explain, fromSnapshot, ownerOf, toSnapshot, type Event, type PolicyInput } from '../../src/index.js';
import { describeReason } from '../../src/index.js';
import { assign, cites, claim, complaint, deal, event, find, followUp, given, refund, ruling, staff, status, t, visit, wang, zhang } from '../support/dsl.js';

const team = [staff('S01', { team: 'A' }), staff('S02', { team: 'A' }), staff('S03', { team: 'B' }), staff('M1', { role: 'manager' })];

// 004j's visit window; the default sets none.
const fifteen: PolicyInput = { ownership: { validityDays: { visit: 15 } } };

describe('OWN-FIRST: the client belongs to the first registered receiver', () => {
  it('given an empty office with a 15-day visit window, when S01 receives a new client, then S01 owns them with the visit as evidence', () => {
    const g = given(team, fifteen);
    const e = visit('11-01 10:00', zhang);
    const step = g.when(e);
    const own = find(step, 'ownership');
    expect(own.owner).toBe('S01');
    expect(own.rules).toEqual(expect.arrayContaining(['OWN-FIRST', 'REG-FIRST', 'OWN-VALIDITY']));
    expect([...own.evidence, own.event]).toContain(e.id);
  });
});

describe('OWN-VALIDITY: protection lasts a window, then the client is new', () => {
  it('given a visit on Nov 1 with a 15-day window, then protection ends at local midnight starting Nov 17', () => {
    const g = given(team, fifteen);
    const step = g.when(visit('11-01 10:00', zhang, { receiver: 'S01' }));
    expect(find(step, 'ownership').protectionEndsAt).toBe(Date.parse('2026-11-17T00:00:00+08:00'));
    expect(g.ownerOf(zhang.phone, '11-16 23:59')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '11-17 00:00')).toBeNull();
  });

  it("given renewOn visit, when S01's client comes back within the window and the book names S02, then S01 keeps them and the window restarts from the revisit", () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], fifteen);
    g.when(visit('11-16 23:00', zhang, { receiver: 'S02' }));
    expect(g.ownerOf(zhang.phone, '11-30 10:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '12-02 00:00')).toBeNull();
  });

  it('given the window ran out, when the client returns, then the lapse is recorded and the new receiver owns them', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], fifteen);
    const step = g.when(visit('11-20 10:00', zhang, { receiver: 'S02' }));
    const lapse = find(step, 'ownership', (d) => d.owner === null);
    expect(lapse.rules).toEqual(['OWN-VALIDITY']);
    expect(describeReason(g.state, lapse)).toContain('2026-11-17T00:00:00+08:00');
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it.each([
    [7, '2026-11-09T00:00:00+08:00'],
    [30, '2026-12-02T00:00:00+08:00'],
    [60, '2027-01-01T00:00:00+08:00'],
    [90, '2027-01-31T00:00:00+08:00'],
  ])('given a %i-day visit window, protection ends at %s', (days, end) => {
    const g = given(team, { ownership: { validityDays: { visit: days } } });
    const step = g.when(visit('11-01 10:00', zhang, { receiver: 'S01' }));
    expect(find(step, 'ownership').protectionEndsAt).toBe(Date.parse(end));
  });

  it.each([
    ['11-01 10:00', 1, '2026-12-02T00:00:00+08:00'],
    ['11-01 10:00', 3, '2027-02-02T00:00:00+08:00'],
    ['11-30 10:00', 3, '2027-03-01T00:00:00+08:00'],
  ])('given a visit on %s under a window of %i calendar months (004g 三个月), protection runs through the same day that many months on, or the month\'s last', (when, months, end) => {
    const g = given(team, { ownership: { validityDays: { visit: { months } } } });
    const step = g.when(visit(when, zhang, { receiver: 'S01' }));
    expect(find(step, 'ownership').protectionEndsAt).toBe(Date.parse(end));
    expect(g.ownerOf(zhang.phone, when)).toBe('S01');
  });

  it('given a visit window of a month and a call window of 7 days, when the client calls the owner (renewOn call), then the longer of the two restarts from the call', () => {
    const policy: PolicyInput = { ownership: { validityDays: { visit: { months: 1 }, call: 7 }, renewOn: ['visit', 'call'] } };
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], policy);
    g.when(event('registerCall', '11-20 10:00', { receiver: 'S01', client: zhang }));
    expect(g.ownerOf(zhang.phone, '12-20 23:59')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '12-21 00:00')).toBeNull();
  });

  it('given an office in New York, windows count New York calendar days across the DST change and show local time', () => {
    const g = given(team, { timeZone: 'America/New_York', ownership: { validityDays: { visit: 1 } } });
    const step = g.when(visit('11-01 13:30', zhang, { receiver: 'S01' }));
    // 13:30 in Shanghai is 01:30 EDT on Nov 1 in New York, the day DST ends; one full day after it ends at Nov 3 00:00 EST.
    expect(find(step, 'ownership').protectionEndsAt).toBe(Date.parse('2026-11-03T00:00:00-05:00'));
    expect(find(step, 'registration').day).toBe('2026-11-01');
  });

  it('given no limit (null), the protection never lapses', () => {
    const g = given(team, { ownership: { validityDays: { visit: null } } });
    g.when(visit('11-01 10:00', zhang, { receiver: 'S01' }));
    expect(g.ownerOf(zhang.phone, '12-31 10:00')).toBe('S01');
  });

  it('given a visit by the owner within the window, the window restarts from the visit', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], fifteen);
    const step = g.when(visit('11-10 10:00', zhang));
    expect(find(step, 'ownership').protectionEndsAt).toBe(Date.parse('2026-11-26T00:00:00+08:00'));
  });
});

describe('OWN-FOLLOWUP: a follow-up within N days keeps ownership', () => {
  const policy = { ownership: { validityDays: { visit: 15 }, followUp: { withinDays: 10 } } };

  it('given follow-ups due within a calendar month (004h 一个月内) and no other window, when S01 receives zhang on Dec 31, then S01 holds him through Jan 31 (30 days would end with Jan 30), and he is new after', () => {
    const g = given([...team, visit('12-31 10:00', zhang, { receiver: 'S01' })], { ownership: { validityDays: { visit: null }, followUp: { withinDays: { months: 1 } } } });
    const at = (iso: string) => ownerOf(g.state, zhang.phone, { lookAhead: iso })?.owner ?? null;
    expect(at('2027-01-31T23:59:00+08:00')).toBe('S01');
    expect(at('2027-02-01T00:00:00+08:00')).toBeNull();
  });

  it('given a visit, a follow-up and a revisit, then the register cites the revisit that set the protection end, beside the grant', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), { ...followUp('11-08 10:00', 'S01', zhang), id: 'f1' } as Event, { ...visit('11-10 10:00', zhang), id: 'v2' } as Event], policy);
    const row = ownerOf(g.state, zhang.phone);
    expect(row?.protectionEndsAt).toBe('2026-11-21T00:00:00+08:00');
    expect(row?.evidence).toEqual([...(row?.evidence.slice(0, -1) ?? []), 'v2']);
    expect(row?.evidence.length).toBe(2);
  });

  it("given a revisit whose restarted follow-up deadline is the protection's new end, then the renewal cites OWN-FOLLOWUP beside OWN-VALIDITY and says the client's visit renewed it", () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], policy);
    const renewal = find(g.when(visit('11-10 10:00', zhang)), 'ownership', (d) => d.why === 'renewed');
    expect(renewal.protectionEndsAt).toBe(Date.parse('2026-11-21T00:00:00+08:00'));
    expect([...renewal.rules].sort()).toEqual(['OWN-FOLLOWUP', 'OWN-VALIDITY']);
    expect(describeReason(g.state, renewal)).toContain("the client's visit renews the owner's protection");
  });

  it('given a follow-up last, then the register cites the follow-up, and the lapse its clock ran out under cites it too', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), { ...followUp('11-08 10:00', 'S01', zhang), id: 'f1' } as Event], { ownership: { validityDays: { visit: 30 }, followUp: { withinDays: 10 } } });
    expect(ownerOf(g.state, zhang.phone)?.evidence.at(-1)).toBe('f1');
    expect(ownerOf(g.state, zhang.phone, { lookAhead: t('11-18 23:00') })?.status).toBe('protected');
    expect(ownerOf(g.state, zhang.phone, { lookAhead: t('11-19 00:00') })).toMatchObject({ status: 'none', rules: ['OWN-FOLLOWUP'] });
    expect(ownerOf(g.state, zhang.phone, { lookAhead: t('11-19 00:00') })?.evidence.at(-1)).toBe('f1');
    const lapse = find(g.when(visit('11-19 10:00', zhang, { receiver: 'S02' })), 'ownership', (d) => d.why === 'lapsed');
    expect(lapse.evidence.at(-1)).toBe('f1');
  });

  it('given the window and the follow-up deadline end at the same instant, then the register and the lapse decision cite the same rule', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], { ownership: { validityDays: { visit: 10 }, followUp: { withinDays: 10 } } });
    const seen = ownerOf(g.state, zhang.phone, { lookAhead: t('11-13 09:00') });
    const lapse = find(g.when(visit('11-13 09:00', zhang, { receiver: 'S02' })), 'ownership', (d) => d.why === 'lapsed');
    expect(seen?.rules).toEqual(lapse.rules);
  });

  it('given 15-day validity and a 10-day follow-up rule (004d), without follow-up the client is free after 10 days', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], policy);
    expect(g.ownerOf(zhang.phone, '11-11 23:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '11-12 00:00')).toBeNull();
    const step = g.when(visit('11-13 10:00', zhang, { receiver: 'S02' }));
    expect(find(step, 'ownership', (d) => d.owner === null).rules).toEqual(['OWN-FOLLOWUP']);
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('given a follow-up by the owner on day 8, the client stays protected to the window end', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], policy);
    const step = g.when(followUp('11-08 10:00', 'S01', zhang));
    expect(find(step, 'followUp').kept).toBe(true);
    expect(g.ownerOf(zhang.phone, '11-16 10:00')).toBe('S01');
  });

  it('given a follow-up by someone else, it keeps nothing', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], policy);
    const step = g.when(followUp('11-08 10:00', 'S02', zhang));
    expect(find(step, 'followUp').kept).toBe(false);
    expect(g.ownerOf(zhang.phone, '11-12 10:00')).toBeNull();
  });

  it('given a client who asked not to be called (004h), no follow-up is due', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], policy);
    g.when(followUp('11-02 10:00', 'S01', zhang, { doNotCall: true }));
    expect(g.ownerOf(zhang.phone, '11-15 10:00')).toBe('S01');
  });

  it('given a next-day callback rule (004l), a first follow-up is due by the end of the next day', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], { ownership: { followUp: { firstWithinDays: 1, withinDays: 7 } } });
    expect(g.ownerOf(zhang.phone, '11-02 23:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '11-03 00:00')).toBeNull();
  });

  it('given renewal on follow-ups (004f archive), each follow-up restarts the window', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], { ownership: { validityDays: { visit: 10 }, renewOn: ['followUp'] } });
    g.when(followUp('11-09 10:00', 'S01', zhang));
    expect(g.ownerOf(zhang.phone, '11-19 10:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '11-20 00:00')).toBeNull();
  });
});

describe('OWN-DEAL-PERMANENT: a client who closes within the window becomes permanent', () => {
  it('given S01 owns the client, when a subscription closes, then the client is permanent', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })]);
    const step = g.when(deal('11-05 15:00', 'D1', 'S01', zhang));
    expect(find(step, 'ownership').status).toBe('permanent');
    expect(cites(step, 'OWN-DEAL-PERMANENT')).toBe(true);
    expect(g.ownerOf(zhang.phone, '12-31 10:00')).toBe('S01');
  });

  it('given the policy starts permanence at contract, a small deposit does not make the client permanent', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], { ownership: { permanentFromStage: 'contract' } });
    g.when(deal('11-05 15:00', 'D1', 'S01', zhang, 'smallDeposit'));
    expect(g.statusOf(zhang.phone)).toBe('protected');
  });

  it('given a permanent client, when the deal is fully refunded (RFD-RESTORE), then the client returns to the original window', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-05 15:00', 'D1', 'S01', zhang)]);
    const step = g.when(refund('11-06 10:00', 'D1'));
    expect(cites(step, 'RFD-RESTORE')).toBe(true);
    expect(g.statusOf(zhang.phone)).toBe('protected');
  });
});

describe('OWN-NAMED: a client who names a salesperson is theirs', () => {
  it('given a new client who names S03, then S03 receives and owns them', () => {
    const g = given(team);
    const step = g.when(visit('11-01 10:00', zhang, { named: 'S03' }));
    expect(find(step, 'reception').receiver).toBe('S03');
    expect(find(step, 'ownership').rules).toContain('OWN-NAMED');
    expect(g.ownerOf(zhang.phone)).toBe('S03');
  });

  it('given an owner within validity, a client naming someone else stays with the owner', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })]);
    const step = g.when(visit('11-03 10:00', zhang, { named: 'S02' }));
    expect(find(step, 'collision').rules).toEqual(expect.arrayContaining(['COL-EARLIEST', 'OWN-NAMED']));
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });
});

describe("OWN-RELATIVE: a salesperson's relative is theirs only if registered first", () => {
  it('given a relative of S02 received by S02 first, then S02 owns them', () => {
    const g = given(team);
    const step = g.when(visit('11-01 10:00', zhang, { receiver: 'S02', relativeOf: 'S02' }));
    expect(find(step, 'ownership').rules).toContain('OWN-RELATIVE');
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('given a relative of S02 received first by S01 with no prior record, then S01 owns them', () => {
    const g = given(team);
    const step = g.when(visit('11-01 10:00', zhang, { receiver: 'S01', relativeOf: 'S02' }));
    expect(find(step, 'ownership').rules).toContain('OWN-RELATIVE');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('given S02 pre-filed the relative, when S01 receives them, then S02 keeps them', () => {
    const g = given([...team, claim('11-01 09:00', 'S02', zhang, { kind: 'preFile' })]);
    g.when(visit('11-01 10:00', zhang, { receiver: 'S01', relativeOf: 'S02' }));
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });
});

describe('OWN-DEPARTED: clients of staff who leave go to the pool or become new', () => {
  it('given S01 owns a deposited and an undeposited client, when S01 leaves, then one goes to the pool and one is new', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-01 11:00', wang, { receiver: 'S01' }), deal('11-02 10:00', 'D1', 'S01', zhang, 'smallDeposit')]);
    const step = g.when(status('11-03 09:00', 'S01', 'left'));
    expect(step.decisions.filter((d) => d.rules.includes('OWN-DEPARTED')).length).toBeGreaterThanOrEqual(3);
    expect(g.statusOf(zhang.phone)).toBe('pool');
    expect(g.statusOf(wang.phone)).toBe('none');
  });

  it('given S01 leaves with two plain clients, then both files name S01 as the leaver through one shared record (the state stays small)', () => {
    const a = visit('11-01 10:00', zhang, { receiver: 'S01' });
    const b = visit('11-01 11:00', wang, { receiver: 'S01' });
    const g = given([...team, a, b]);
    g.when(status('11-03 09:00', 'S01', 'left'));
    const files = g.state.ownership.files;
    const [x, y] = [files.get(a.id)?.x, files.get(b.id)?.x];
    expect(x?.leftBy).toBe('S01');
    expect(y).toBe(x);
    expect(Object.isFrozen(x)).toBe(true);
    const back = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(g.state))));
    expect(back.ok && back.state.ownership.files.get(a.id)?.x).toBe(x);
  });

  it('given a pool client, when someone else registers them, then they stay in the pool until a manager assigns them', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-02 10:00', 'D1', 'S01', zhang, 'smallDeposit'), status('11-03 09:00', 'S01', 'left')]);
    g.when(visit('11-04 10:00', zhang, { receiver: 'S02' }));
    expect(g.statusOf(zhang.phone)).toBe('pool');
    const step = g.when(assign('11-04 11:00', zhang, 'S03', { by: 'M1' }));
    expect(cites(step, 'OWN-MANAGER')).toBe(true);
    expect(g.ownerOf(zhang.phone)).toBe('S03');
  });

  it('given a departed staff member, an event naming them as receiver is refused with a clear issue', () => {
    const g = given([...team, status('11-03 09:00', 'S01', 'left')]);
    const step = g.when(visit('11-04 10:00', zhang, { receiver: 'S01' }), true);
    expect(step.issues[0]).toMatchObject({ code: 'staff_departed', path: ['receiver'] });
  });
});

describe('OWN-MANAGER: the manager may assign special or company clients', () => {
  it('given the default (004e), an assignment transfers ownership', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })]);
    g.when(assign('11-02 10:00', zhang, 'S03', { by: 'M1' }));
    expect(g.ownerOf(zhang.phone)).toBe('S03');
  });

  it('given 002 (service only), an assignment leaves ownership where it is', () => {
    const g = given([...team, claim('11-01 09:30', 'S01', { company: '华远公司', contact: '赵强' })], { ownership: { managerAssigns: 'service' } });
    const step = g.when(assign('11-02 10:00', { company: '华远公司' }, 'S03', { by: 'M1' }));
    expect(describeReason(g.state, find(step, 'ownership'))).toContain('serve');
    expect(g.ownerOf('华远公司')).toBe('S01');
  });
});

describe('OWN-COMPLAINT: a justified complaint lets the manager reassign', () => {
  it('given a justified complaint against S01, when the manager reassigns to S02, then S02 owns and the split is kept', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })]);
    const step = g.when(complaint('11-03 10:00', zhang, 'S01', true, 'S02'));
    expect(find(step, 'ownership').rules).toContain('OWN-COMPLAINT');
    expect(g.ownerOf(zhang.phone)).toBe('S02');
    expect(explain(g.state, zhang.phone).owner?.owner).toBe('S02');
  });

  it('given an unjustified complaint, the client stays', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })]);
    const step = g.when(complaint('11-03 10:00', zhang, 'S01', false));
    expect(find(step, 'ownership').rules).toEqual(['OWN-COMPLAINT']);
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });
});

describe('OWN-CONCEAL: hiding that a client is someone else\'s loses it to the original', () => {
  it('given S02 hid that the client was S01s, when the manager rules concealment, then S01 owns and the finding is kept', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), assign('11-02 10:00', zhang, 'S02')]);
    const step = g.when(ruling('11-05 10:00', zhang, { owner: 'S01', finding: 'concealment', concealer: 'S02', by: 'M1' }));
    expect(find(step, 'ownership').rules).toContain('OWN-CONCEAL');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });
});
