/**
 * The deal rules of the catalog's second round (DEAL-LATER-DESIGNATION,
 * DEAL-EVENT, COM-RATE-TIERS' excess base) and the completed
 * DEAL-RECOGNITION-WINDOW, which now rests on a recognition fact and counts
 * from the moment the client was found. Each rule is turned on by the policy
 * in the test.
 */
import { describe, expect, it } from 'vitest';
import { attainment, describeReason, explain, ledgerEntries, type OfficeState, type PolicyInput } from '../../src/index.js';
import { expectUnchanged } from '../support/fold.js';
import { deal, event, find, given, marketingEvent, recognize, staff, visit, wang, zhang, row, parts } from '../support/dsl.js';

const team = [staff('S01'), staff('S02'), staff('S03'), staff('M1', { role: 'manager' })];

/** The net booked per staff for one deal and account, summed exactly in cents. */
function booked(state: OfficeState, dealId: string, account: 'credit' | 'commission'): Record<string, string> {
  const out: Record<string, number> = {};
  for (const e of ledgerEntries(state, { deal: dealId, account })) out[e.staff] = (out[e.staff] ?? 0) + Math.round(Number(e.amount) * 100);
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== 0).map(([k, v]) => [k, (v / 100).toFixed(2)]));
}

describe('DEAL-RECOGNITION-WINDOW: an old client the owner did not recognize, counted from the moment they were found', () => {
  // 004e: archive of a month; the visit keeps the client protected for the test's span.
  const policy: PolicyInput = { ownership: { validityDays: { visit: 60 } }, deals: { splits: { recognition: {} } } };
  const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' })];

  it('DEAL-RECOGNITION-WINDOW (004e §4): given no recognition fact, when S02 closes S01s client, then it is not the unrecognized case: S01 keeps credit and commission', () => {
    const g = given(base, policy);
    const step = g.when(deal('11-20 15:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation').rules).not.toContain('DEAL-RECOGNITION-WINDOW');
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 1 1800.00']);
  });

  it('DEAL-RECOGNITION-WINDOW (004e §4): given S01 recognized the client during the reception and handed them back, when S02 closes, then everything stays with S01', () => {
    const g = given([...base, recognize('11-20 10:00', zhang, 'reception', { by: 'S01' })], policy);
    const step = g.when(deal('11-20 15:00', 'D1', 'S02', zhang));
    const d = find(step, 'allocation');
    expect(d.rules).toContain('DEAL-RECOGNITION-WINDOW');
    expect(d.why).toBe('recognized');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 1 1000000.00']);
  });

  it('DEAL-RECOGNITION-WINDOW (004e §4 发现之时): given the client found on Nov 20, within a month of Nov 1, when S02 closes on Dec 5, then credit S02 and commission 5:5: the month counts to the finding, not the deal', () => {
    const g = given([...base, recognize('11-20 16:00', zhang, 'later', { by: 'S02' })], policy);
    const step = g.when(deal('12-05 15:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation').evidence).toEqual(expect.arrayContaining([expect.stringMatching(/^t\d+$/)]));
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 0.5 900.00', 'S02 0.5 900.00']);
  });

  it('DEAL-RECOGNITION-WINDOW (004e §4): given a deal closed on Nov 20 before anyone knew, when the client is found on Dec 5 naming the deal, then the split is decided anew: all to S02, and the ledger moves exactly', () => {
    const g = given([...base, deal('11-20 15:00', 'D1', 'S02', zhang)], policy);
    expect(booked(g.state, 'D1', 'commission')).toEqual({ S01: '1800.00' });
    const step = g.when(recognize('12-05 10:00', zhang, 'later', { by: 'S02', deal: 'D1' }));
    expect(find(step, 'recognition')).toMatchObject({ holder: 'S01', redecided: 'D1', during: 'later' });
    expect(find(step, 'allocation').why).toBe('recognitionFoundAfter');
    expect(booked(g.state, 'D1', 'commission')).toEqual({ S02: '1800.00' });
    expect(booked(g.state, 'D1', 'credit')).toEqual({ S02: '1000000.00' });
    expect(explain(g.state, zhang.phone).lines.some((l) => l.includes('found later'))).toBe(true);
  });

  it('DEAL-RECOGNITION-WINDOW (004e §4): given the finding within the month names the deal, then the deal is re-split 5:5; a negotiated split is never overridden', () => {
    const g = given([...base, deal('11-20 15:00', 'D1', 'S02', zhang)], policy);
    g.when(recognize('11-25 10:00', zhang, 'later', { deal: 'D1' }));
    expect(booked(g.state, 'D1', 'commission')).toEqual({ S01: '900.00', S02: '900.00' });
    const agreed = given([...base, deal('11-20 15:00', 'D1', 'S02', zhang), event('splitDeal', '11-21 10:00', { deal: 'D1', commission: [{ staff: 'S01', share: '7' }, { staff: 'S02', share: '3' }] })], policy);
    const step = agreed.when(recognize('11-25 10:00', zhang, 'later', { deal: 'D1' }));
    expect(find(step, 'recognition').redecided).toBeNull();
    expect(booked(agreed.state, 'D1', 'commission')).toEqual({ S01: '1260.00', S02: '540.00' });
  });

  it('DEAL-RECOGNITION-WINDOW: given a recognition naming an unknown deal or another clients deal, then it is refused with the path and changes nothing', () => {
    const g = given([...base, visit('11-02 10:00', wang, { receiver: 'S02' }), deal('11-03 10:00', 'D2', 'S02', wang)], policy);
    const before = g.state;
    const unknown = g.when(recognize('11-05 10:00', zhang, 'later', { deal: 'D9' }), true);
    expect(unknown.issues).toEqual([expect.objectContaining({ code: 'unknown_deal', path: ['deal'] })]);
    const other = g.when(recognize('11-05 10:00', zhang, 'later', { deal: 'D2' }), true);
    expect(other.issues).toEqual([expect.objectContaining({ code: 'invalid_value', path: ['deal'] })]);
    const stranger = g.when(recognize('11-05 10:00', { phone: '13999999999' }, 'later'), true);
    expect(stranger.issues).toEqual([expect.objectContaining({ code: 'unknown_client' })]);
    expectUnchanged(stranger.state, before);
  });
});

describe('DEAL-EVENT: deals closed during a marketing event', () => {
  const policy: PolicyInput = { deals: { splits: { marketingEvent: {} } } };
  const launch = marketingEvent('11-07 18:00', '11-08 09:00', '11-08 18:00', '开盘');
  const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), launch];

  it('DEAL-EVENT (004b §3.1): given a launch, when S02 closes a new client during it, then all is S02s, citing DEAL-EVENT', () => {
    const g = given([...base, visit('11-08 10:00', wang, { receiver: 'S02' })], policy);
    const d = find(g.when(deal('11-08 11:00', 'D1', 'S02', wang)), 'allocation');
    expect(d.rules).toEqual(['DEAL-EVENT']);
    expect(d.why).toBe('eventOwn');
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S02 1 1800.00']);
  });

  it("DEAL-EVENT (004b §3.2): given S01's old client identified that day, when S02 closes during the launch, then credit and commission 5:5", () => {
    const g = given([...base, recognize('11-08 11:30', zhang, 'reception', { by: 'S01' })], policy);
    const d = find(g.when(deal('11-08 12:00', 'D1', 'S02', zhang)), 'allocation');
    expect(d.why).toBe('eventIdentified');
    expect(describeReason(g.state, d)).toContain('identified that day');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 0.5 500000.00', 'S01 0.5 500000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S02 0.5 900.00', 'S01 0.5 900.00']);
  });

  it("DEAL-EVENT (004b §3.3): given S01 did not react to their old client that day, when S02 closes during the launch, then all is S02s", () => {
    // A recognition on another day is no identification on the event day.
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), recognize('11-05 10:00', zhang, 'reception'), launch], policy);
    const d = find(g.when(deal('11-08 12:00', 'D1', 'S02', zhang)), 'allocation');
    expect(d.why).toBe('eventUnclaimed');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 1 1000000.00']);
  });

  it('DEAL-EVENT (003 3(13)): given byManager, when S02 closes during the launch, then the commission waits for the manager (splitDeal) and credit is S02s until then', () => {
    const g = given(base, { deals: { splits: { marketingEvent: { byManager: true } } } });
    const d = find(g.when(deal('11-08 12:00', 'D1', 'S02', zhang)), 'allocation');
    expect(d.why).toBe('eventManager');
    expect(d.commission).toBeNull();
    g.when(event('splitDeal', '11-09 10:00', { deal: 'D1', commission: [{ staff: 'S01', share: '1' }], credit: [{ staff: 'S01', share: '1' }], by: 'M1' }));
    expect(booked(g.state, 'D1', 'commission')).toEqual({ S01: '1800.00' });
  });

  it('DEAL-EVENT: given a deal outside the event, or the rule off, then the ordinary rules decide (S01 keeps)', () => {
    const outside = given(base, policy);
    expect(find(outside.when(deal('11-09 12:00', 'D1', 'S02', zhang)), 'allocation').rules).not.toContain('DEAL-EVENT');
    const off = given(base);
    const step = off.when(deal('11-08 12:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation').rules).not.toContain('DEAL-EVENT');
    expect(parts(row(off.state, 'D1').commission)).toEqual(['S01 1 1800.00']);
  });

  it('DEAL-EVENT: given an event that ends before it starts, then it is refused', () => {
    expect(() => marketingEvent('11-07 18:00', '11-08 18:00', '11-08 09:00')).toThrow(/end after it starts/);
  });
});

describe('DEAL-LATER-DESIGNATION: a client who had been before designates a salesperson later', () => {
  // 003: 2-month archive.
  const archive = { ownership: { validityDays: { visit: 60 } } };
  const policy: PolicyInput = { ...archive, deals: { splits: { laterDesignation: {} } } };

  it('DEAL-LATER-DESIGNATION (003 3(8)): given S01 received the client and the client names S02 on arrival at a later visit, when S02 closes, then credit and bonus S02 50 : S01 50', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-10 10:00', zhang, { receiver: 'S02', named: 'S02' })], policy);
    const d = find(g.when(deal('11-12 15:00', 'D1', 'S02', zhang)), 'allocation');
    expect(d.rules).toEqual(expect.arrayContaining(['DEAL-LATER-DESIGNATION', 'COM-SPLIT-EXACT']));
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 0.5 500000.00', 'S01 0.5 500000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S02 0.5 900.00', 'S01 0.5 900.00']);
  });

  it('DEAL-LATER-DESIGNATION (003 3(8)): given two earlier salespeople, then they share the earlier half equally; with earlier holder, the holder takes it', () => {
    const log = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-05 10:00', zhang, { receiver: 'S03' }), visit('11-10 10:00', zhang, { receiver: 'S02', named: 'S02' })];
    const g = given(log, policy);
    g.when(deal('11-12 15:00', 'D1', 'S02', zhang, 'subscription', { amount: '1000000.01' }));
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 0.5 500000.01', 'S01 0.25 250000.00', 'S03 0.25 250000.00']);
    const holder = given(log, { ...archive, deals: { splits: { laterDesignation: { earlier: 'holder' } } } });
    holder.when(deal('11-12 15:00', 'D1', 'S02', zhang));
    expect(parts(row(holder.state, 'D1').commission)).toEqual(['S02 0.5 900.00', 'S01 0.5 900.00']);
  });

  it('DEAL-LATER-DESIGNATION vs DEAL-VALIDITY-SPLIT (003 3(2)): given both on, a client who preferred S02 once S01 was known during the reception (a recognition during it) is 80:20', () => {
    const both: PolicyInput = { ...archive, deals: { splits: { laterDesignation: {}, validity: {} } } };
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-10 10:00', zhang, { receiver: 'S02', named: 'S02' }), recognize('11-10 10:30', zhang, 'reception', { by: 'S02' })], both);
    g.when(deal('11-12 15:00', 'D1', 'S02', zhang));
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S02 0.8 1440.00', 'S01 0.2 360.00']);
  });

  it("DEAL-LATER-DESIGNATION (003 3(7)): given a client who forgot who served them, when S02 later finds S01 in the archive within its window and follows up, then credit S02, bonus S02 50 : S01 50", () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-20 10:00', zhang, { receiver: 'S02' }), recognize('11-20 17:00', zhang, 'later', { by: 'S02', follower: 'S02' })], policy);
    const d = find(g.when(deal('11-25 15:00', 'D1', 'S02', zhang)), 'allocation');
    expect(d.why).toBe('archiveMatch');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S02 0.5 900.00', 'S01 0.5 900.00']);
  });

  it('DEAL-LATER-DESIGNATION (003 3(7)): given the original S01 follows up instead and closes, then credit S01, bonus still S02 50 : S01 50', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-20 10:00', zhang, { receiver: 'S02' }), recognize('11-20 17:00', zhang, 'later', { by: 'S02', follower: 'S01' })], policy);
    g.when(deal('11-25 15:00', 'D1', 'S01', zhang));
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S02 0.5 900.00', 'S01 0.5 900.00']);
  });

  it("DEAL-LATER-DESIGNATION (003 3(7), 000 §8): given S01's archive has expired, then the finding changes nothing: all to the rotation receiver S02", () => {
    const early = ['S01', 'S02', 'S03'].map((id) => staff(id, {}, '09-01 08:00'));
    const g = given([...early, visit('09-01 10:00', zhang, { receiver: 'S01' }), visit('11-20 10:00', zhang, { receiver: 'S02' }), recognize('11-20 17:00', zhang, 'later', { by: 'S02', follower: 'S02' })], policy);
    g.when(deal('11-25 15:00', 'D1', 'S02', zhang));
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S02 1 1800.00']);
  });

  it('DEAL-LATER-DESIGNATION (default policy): given the rule off, the named later visit splits nothing', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-10 10:00', zhang, { receiver: 'S02', named: 'S02' })], archive);
    g.when(deal('11-12 15:00', 'D1', 'S02', zhang));
    expect(row(g.state, 'D1').rules).not.toContain('DEAL-LATER-DESIGNATION');
  });
});

describe('COM-RATE-TIERS: which amount is the excess paid at the above rate', () => {
  // One deal of 1,000,000 reaching the loan stage counts on both lines; 2.3‰ on the rest, 2.5‰ on the excess.
  const run = (excessBase: 'smaller' | 'red' | 'green', red: string, green: string) => {
    const g = given(
      [...team, event('setTargets', '11-01 08:00', { staff: 'S01', month: '2026-11', red, green }), visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-02 10:00', 'D1', 'S01', zhang, 'loan')],
      { deals: { commission: { excessBase } } },
    );
    const [month] = attainment(g.state, { staff: 'S01', month: '2026-11' });
    return { excess: month?.excess, commission: month?.commission };
  };

  it('COM-RATE-TIERS (000 §14 超额部分): given red 600,000 over target and green 200,000 over, then red pays the red excess, green and smaller the green one', () => {
    expect(run('red', '400000', '800000')).toEqual({ excess: '600000.00', commission: '2420.00' });
    expect(run('green', '400000', '800000')).toEqual({ excess: '200000.00', commission: '2340.00' });
    expect(run('smaller', '400000', '800000')).toEqual({ excess: '200000.00', commission: '2340.00' });
  });

  it('COM-RATE-TIERS (000 §14): given green 600,000 over and red 200,000 over, then green pays the larger excess and the default (smaller) keeps todays reading', () => {
    expect(run('green', '800000', '400000')).toEqual({ excess: '600000.00', commission: '2420.00' });
    expect(run('red', '800000', '400000')).toEqual({ excess: '200000.00', commission: '2340.00' });
    expect(run('smaller', '800000', '400000').commission).toBe('2340.00');
  });

  it('COM-RATE-TIERS: given one line only just met, there is no excess whatever the base', () => {
    expect(run('red', '400000', '1000000')).toEqual({ excess: '0.00', commission: '2300.00' });
  });
});

describe('DEAL-ABSENT-OWNER: how the client came while the owner was away', () => {
  const away = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), event('changeStaff', '11-05 08:00', { staff: 'S01', status: 'off' })];
  const policy: PolicyInput = {
    deals: { splits: { absentOwner: { credit: { owner: 100, closer: 0 }, commission: { owner: 100, closer: 0 } }, absentUnannounced: {}, absentNamed: {} } },
  };

  it('DEAL-ABSENT-OWNER DEAL-COOPERATION (004b §1.3): given absentUnannounced, when zhang says he has not been here while S01 is off and S02 closes, then the unannounced split (5:5) applies, not absentOwner', () => {
    const g = given([...away, visit('11-05 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true })], policy);
    const d = find(g.when(deal('11-05 15:00', 'D1', 'S02', zhang)), 'allocation');
    expect(d.why).toBe('absentUnannounced');
    expect(d.rules).toEqual(expect.arrayContaining(['DEAL-ABSENT-OWNER', 'DEAL-COOPERATION']));
    expect(describeReason(g.state, d)).toContain('had not been here');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 0.5 500000.00', 'S02 0.5 500000.00']);
  });

  it('DEAL-ABSENT-OWNER: given the same office, when zhang names S01 on the visit, then absentOwner applies: all to S01; a later visit replaces the note', () => {
    const g = given([...away, visit('11-05 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true }), visit('11-05 11:00', zhang, { named: 'S01' })], policy);
    const d = find(g.when(deal('11-05 15:00', 'D1', 'S02', zhang)), 'allocation');
    expect(d.why).toBe('absentOwner');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 1 1000000.00']);
  });

  it('DEAL-ABSENT-OWNER OWN-NAMED (004e §5): given absentNamed, when a new client names S03, who is off, and the receiver closes, then credit to the closer and commission 5:5', () => {
    const g = given([...team, event('changeStaff', '11-02 08:00', { staff: 'S03', status: 'off' }), visit('11-02 10:00', wang, { named: 'S03', receiver: 'S01' })], policy);
    const d = find(g.when(deal('11-02 15:00', 'D1', 'S01', wang)), 'allocation');
    expect(d.why).toBe('absentNamed');
    expect(d.rules).toEqual(expect.arrayContaining(['DEAL-ABSENT-OWNER', 'OWN-NAMED']));
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S03 0.5 900.00', 'S01 0.5 900.00']);
  });

  it('DEAL-ABSENT-OWNER: given neither case is set (the default), then an unannounced visit with the owner away falls to absentOwner', () => {
    const g = given([...away, visit('11-05 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true })], { deals: { splits: { absentOwner: { credit: { owner: 100, closer: 0 }, commission: { owner: 100, closer: 0 } } } } });
    expect(find(g.when(deal('11-05 15:00', 'D1', 'S02', zhang)), 'allocation').why).toBe('absentOwner');
  });
});
