/**
 * confirmation-desk (002, 客户确认制度): ownership by claims and the clerk's
 * stamps; the visitor-and-call book is what a claim needs, not ownership.
 */
import { describe, expect, it } from 'vitest';
import { describeDecision, presetPolicy } from '../../src/index.js';
import { call, claim, deal, find, given, link, staff, subscription, visit, wang, zhang } from '../support/dsl.js';

const policy = presetPolicy('confirmation-desk');
const team = [staff('S01'), staff('S02'), staff('S03'), staff('M1', { role: 'manager' })];

describe('confirmation-desk (002): the book is a claim\'s precondition, not ownership', () => {
  it('002 §1.3 §1.7 CLM-REQUIRES-REGISTRATION OWN-FIRST: given S01 received Zhang and entered the book but never claimed, when S02 receives Zhang another day and claims in the window, then S02 owns Zhang', () => {
    const g = given(team, policy);
    const booked = g.when(visit('11-01 10:00', zhang, { receiver: 'S01' }));
    expect(find(booked, 'ownership')).toMatchObject({ owner: null, why: 'bookOnly' });
    expect(find(booked, 'ownership').rules).toEqual(expect.arrayContaining(['CLM-REQUIRES-REGISTRATION']));
    expect(g.ownerOf(zhang.phone)).toBeNull();
    g.when(visit('11-03 10:00', zhang, { receiver: 'S02' }));
    expect(g.ownerOf(zhang.phone)).toBeNull();
    expect(find(g.when(claim('11-03 16:30', 'S02', zhang)), 'claim').outcome).toBe('accepted');
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('002 §1.3 OWN-CALL: given S01 took Zhang\'s call, then the call book protects nobody either', () => {
    const g = given([...team, call('11-01 11:00', zhang, 'S01')], policy);
    expect(g.ownerOf(zhang.phone)).toBeNull();
    g.when(visit('11-02 10:00', zhang, { receiver: 'S02' }));
    expect(find(g.when(claim('11-02 16:05', 'S01', zhang)), 'claim')).toMatchObject({ outcome: 'refused', why: 'noRegistration' }); // no 11-02 entry by S01
    expect(find(g.when(claim('11-02 16:10', 'S02', zhang)), 'claim').outcome).toBe('accepted');
    expect(g.ownerOf(zhang.phone)).toBe('S02');
  });

  it('002 §1.7 CLM-REQUIRES-REGISTRATION: given no entry of S03\'s in that day\'s 來人來電表, when S03 claims Zhang, then the claim is refused', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], policy);
    const d = find(g.when(claim('11-01 16:10', 'S03', zhang)), 'claim');
    expect(d).toMatchObject({ outcome: 'refused', why: 'noRegistration' });
    expect(d.rules).toContain('CLM-REQUIRES-REGISTRATION');
  });

  it('002 §1.1 CLM-WINDOW: given claims are taken 9:00-10:00 and 16:00-17:00, when S01 claims at 11:00, then it is refused; at 16:00 it is accepted', () => {
    const g = given([...team, visit('11-01 10:30', zhang, { receiver: 'S01' })], policy);
    const late = find(g.when(claim('11-01 11:00', 'S01', zhang)), 'claim');
    expect(late).toMatchObject({ outcome: 'refused', why: 'outsideWindow' });
    expect(late.rules).toContain('CLM-WINDOW');
    expect(find(g.when(claim('11-01 16:00', 'S01', zhang)), 'claim').outcome).toBe('accepted');
  });
});

describe('confirmation-desk (002): claims, their stamps and their 10 days', () => {
  it('002 §6.3 OWN-VALIDITY: given S01 claimed Zhang on 11-01, then the claim protects 10 days and Zhang is a new client after; a visit does not renew it', () => {
    const g = given([...team, visit('11-01 09:00', zhang, { receiver: 'S01' }), claim('11-01 09:30', 'S01', zhang), visit('11-08 10:00', zhang)], policy);
    expect(g.ownerOf(zhang.phone, '11-11 20:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '11-12 10:00')).toBeNull();
  });

  it('002 §6.3 OWN-VALIDITY CLM-UPDATE: given a re-confirmation on 11-08, then the claim runs 10 days from it (to the end of 11-18), not 15', () => {
    const g = given([...team, visit('11-01 09:00', zhang, { receiver: 'S01' }), claim('11-01 09:30', 'S01', zhang)], policy);
    const renewed = find(g.when(claim('11-08 09:30', 'S01', zhang)), 'claim');
    expect(renewed).toMatchObject({ outcome: 'renewed', why: 'reconfirmed' });
    expect(g.ownerOf(zhang.phone, '11-18 20:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '11-19 10:00')).toBeNull();
  });

  it('002 §1.4 §2.2.1 COL-EARLIEST CLM-CONFLICT-RETURN: given S01 claimed first, when S02 claims the same client with its own book entry, then S02\'s claim is refused, to be returned within 24 hours', () => {
    const g = given([...team, visit('11-01 09:00', zhang, { receiver: 'S01' }), claim('11-01 09:30', 'S01', zhang), visit('11-02 10:00', zhang, { receiver: 'S02' })], policy);
    const d = find(g.when(claim('11-02 16:10', 'S02', zhang)), 'claim');
    expect(d).toMatchObject({ outcome: 'refused', why: 'conflictReturn' });
    expect(d.rules).toEqual(expect.arrayContaining(['CLM-CONFLICT-RETURN', 'COL-EARLIEST']));
    expect(d.args).toMatchObject({ hours: 24 });
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('002 §2.2.4 COL-SAME-DAY: given S01 and S02 both claim Zhang on one day, then the manager rules from the daily reports', () => {
    const g = given([...team, visit('11-01 09:00', zhang, { receiver: 'S01' }), visit('11-01 09:10', zhang, { receiver: 'S02' }), claim('11-01 09:30', 'S01', zhang)], policy);
    const d = find(g.when(claim('11-01 16:10', 'S02', zhang)), 'claim');
    expect(d).toMatchObject({ outcome: 'pending', why: 'sameDay' });
    expect(d.rules).toContain('COL-SAME-DAY');
    expect(g.statusOf(zhang.phone)).toBe('disputed');
  });

  it('002 §2 ID-MATCH: given S01 claimed 张伟 with one number, when S02 claims 张伟 with another number and the same need, then it is the same client, S01\'s', () => {
    const g = given([...team, visit('11-01 09:00', { ...zhang, need: '90㎡' }, { receiver: 'S01' }), claim('11-01 09:30', 'S01', { ...zhang, need: '90㎡' })], policy);
    const other = { name: zhang.name, phone: '13987654321', need: '90㎡' };
    g.when(visit('11-02 10:00', other, { receiver: 'S02' }));
    expect(find(g.when(claim('11-02 16:10', 'S02', other)), 'claim').outcome).toBe('refused');
    expect(g.ownerOf('13987654321')).toBe('S01');
  });

  it('REF-ACCOMPANIED REF-CHAIN (002 §1.8 如老客户未指明接待人员则由当班人员接待): given S01\'s claimed client Zhang brings Wang, when Zhang points nobody out, then the person on duty in turn (S02) receives Wang; when Zhang names S01, S01 receives him; either way Wang is a claim\'s only', () => {
    const base = [...team, visit('11-01 09:00', zhang, { receiver: 'S01' }), claim('11-01 09:30', 'S01', zhang)];
    const unnamed = given(base, policy);
    const onDuty = find(unnamed.when(visit('11-03 10:00', wang, { referredBy: { phone: zhang.phone }, accompanied: true })), 'reception');
    expect(onDuty).toMatchObject({ receiver: 'S02', counted: true });
    expect(onDuty.rules).not.toContain('REF-ACCOMPANIED');
    expect(unnamed.ownerOf(wang.phone)).toBeNull();
    const named = given(base, policy);
    const step = named.when(visit('11-03 10:00', wang, { referredBy: { phone: zhang.phone }, accompanied: true, named: 'S01' }));
    expect(find(step, 'reception').receiver).toBe('S01');
    expect(named.ownerOf(wang.phone)).toBeNull();
    named.when(claim('11-03 16:10', 'S01', wang));
    expect(named.ownerOf(wang.phone)).toBe('S01');
  });

  it('002 §2.2.2 COL-AFTER-DEAL: given S02 subscribed a client S01 had claimed under another name and number, when the duplicate is found more than 3 days after, then the closer S02 keeps them; found sooner, the earliest claim (S01) wins', () => {
    const wife = { name: '李娟', phone: '13500001234' };
    const base = [...team, visit('11-01 09:00', zhang, { receiver: 'S01' }), claim('11-01 09:30', 'S01', zhang), visit('11-02 09:00', wife, { receiver: 'S02' }), claim('11-02 09:30', 'S02', wife), deal('11-03 15:00', 'D1', 'S02', wife)];
    const late = given(base, policy);
    expect(find(late.when(link('11-07 10:00', zhang, wife, 'same')), 'collision').rules).toEqual(['COL-AFTER-DEAL']);
    expect(late.ownerOf(zhang.phone)).toBe('S02');
    const soon = given(base, policy);
    expect(find(soon.when(link('11-05 10:00', zhang, wife, 'same')), 'collision').rules).toContain('COL-EARLIEST');
    expect(soon.ownerOf(zhang.phone)).toBe('S01');
  });
});

describe('confirmation-desk (002 §6.3): claims before internal subscription starts', () => {
  const preLaunch = [...team, subscription('11-01 08:00'), visit('11-02 09:00', zhang, { receiver: 'S01' }), claim('11-02 09:30', 'S01', zhang)];

  it('002 §6.3 OWN-VALIDITY: given the pre-launch period opened and S01 claimed Zhang in it, when the start is still to be fixed, then the claim does not lapse after 10 days', () => {
    const g = given(preLaunch.slice(0, -1), policy);
    const granted = g.when(claim('11-02 09:30', 'S01', zhang)).decisions.find((d) => d.kind === 'ownership' && d.owner === 'S01');
    expect(g.ownerOf(zhang.phone, '11-20 10:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '12-20 10:00')).toBe('S01');
    expect(granted).toMatchObject({ protectionEndsAt: null, args: { preLaunch: true, preLaunchDays: 10 } });
    expect(granted?.rules).toContain('OWN-VALIDITY');
  });

  it('002 §6.3 OWN-VALIDITY: given S01\'s pre-launch claim, when the office announces on 12-01 that subscription starts 12-05, then the claim is valid 10 days after the start (to the end of 12-15), and Zhang counts as new after', () => {
    const g = given(preLaunch, policy);
    const notice = subscription('12-01 09:00', '12-05 09:00');
    const d = find(g.when(notice), 'ownership');
    expect(d).toMatchObject({ why: 'preLaunch', owner: 'S01', protectionEndsAt: Date.parse('2026-12-16T00:00:00+08:00') });
    expect(d.rules).toEqual(['OWN-VALIDITY']);
    expect(d.evidence).toContain(notice.id);
    expect(describeDecision(g.state, d)).toContain('pre-launch claim is valid until 10 days after it');
    expect(g.ownerOf(zhang.phone, '12-15 20:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '12-16 10:00')).toBeNull();
  });

  it('002 §6.3 OWN-VALIDITY: given the start is announced in advance, when S02 claims Wang between the notice and the start, then Wang is S02\'s until 10 days after the start; a claim after the start has the ordinary 10 days', () => {
    const g = given([...team, subscription('11-01 08:00', '11-20 09:00'), visit('11-05 09:00', wang, { receiver: 'S02' }), claim('11-05 09:30', 'S02', wang), visit('11-21 09:00', zhang, { receiver: 'S01' }), claim('11-21 09:30', 'S01', zhang)], policy);
    expect(g.ownerOf(wang.phone, '11-30 20:00')).toBe('S02');
    expect(g.ownerOf(wang.phone, '12-01 10:00')).toBeNull();
    expect(g.ownerOf(zhang.phone, '12-01 20:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '12-02 10:00')).toBeNull();
  });

  it('002 §6.3 OWN-VALIDITY: given a re-confirmation in the period, then it keeps the start\'s window; the start moved later moves it too', () => {
    const g = given([...preLaunch, subscription('11-10 08:00', '11-15 09:00'), claim('11-12 09:30', 'S01', zhang)], policy);
    expect(g.ownerOf(zhang.phone, '11-25 20:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '11-26 10:00')).toBeNull();
    const moved = given([...preLaunch, subscription('11-10 08:00', '11-15 09:00'), subscription('11-12 08:00', '11-28 09:00')], policy);
    expect(moved.ownerOf(zhang.phone, '12-08 20:00')).toBe('S01');
    expect(moved.ownerOf(zhang.phone, '12-09 10:00')).toBeNull();
  });

  it('002 §6.3 OWN-VALIDITY: given no announcement at all, then claims have the ordinary 10 days (the pre-launch period is opened by the office, never assumed)', () => {
    const g = given([...team, visit('11-02 09:00', zhang, { receiver: 'S01' }), claim('11-02 09:30', 'S01', zhang)], policy);
    expect(g.ownerOf(zhang.phone, '11-12 20:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '11-13 10:00')).toBeNull();
  });

  it('002 §6.3: given a policy without preLaunchDays, then an announcement changes nothing and claims in it lapse on the claim window', () => {
    const plain = { ...policy, ownership: { ...policy.ownership, preLaunchDays: null } };
    const g = given(preLaunch, plain);
    expect(g.ownerOf(zhang.phone, '11-12 20:00')).toBe('S01');
    expect(g.ownerOf(zhang.phone, '11-13 10:00')).toBeNull();
    expect(g.when(subscription('11-20 09:00', '11-25 09:00')).decisions).toEqual([]);
  });
});
