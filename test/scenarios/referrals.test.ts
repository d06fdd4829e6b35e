import { describe, expect, it } from 'vitest';
import { cites, deal, developer, find, given, staff, visit, wang, zhang, liu, chen } from '../support/dsl.js';

// S01 owns zhang, an old client who refers friends.
const office = [staff('S01'), staff('S02'), staff('S03'), staff('D1', { role: 'developer' }), staff('K1', { role: 'clerk' }), visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-01 15:00', 'D100', 'S01', zhang)];

describe("REF-CHAIN: a client referred by A's client belongs to A, if they name A", () => {
  it('given zhang is S01s client, when wang comes referred by zhang and names S01, then wang is S01s', () => {
    const g = given(office);
    const step = g.when(visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, named: 'S01' }));
    expect(find(step, 'ownership').rules).toEqual(expect.arrayContaining(['REF-CHAIN', 'OWN-NAMED']));
    expect(g.ownerOf(wang.phone)).toBe('S01');
  });

  it('given wang is S01s through zhang, when liu comes referred by wang naming S01, then the chain is transitive', () => {
    const g = given([...office, visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, named: 'S01' })]);
    g.when(visit('11-03 10:00', liu, { referredBy: { phone: wang.phone }, named: 'S01' }));
    expect(g.ownerOf(liu.phone)).toBe('S01');
  });

  it('given a policy without chains, naming S01 still gives S01 the client by OWN-NAMED only', () => {
    const g = given(office, { referrals: { chain: false } });
    const step = g.when(visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, named: 'S01' }));
    expect(find(step, 'ownership').rules).not.toContain('REF-CHAIN');
    expect(g.ownerOf(wang.phone)).toBe('S01');
  });
});

describe('REF-UNNAMED: a referred client who names nobody goes to rotation and the receiver', () => {
  it('given zhang is S01s client, when wang comes referred by zhang without naming anyone, then the rotation receiver owns wang', () => {
    const g = given(office);
    const step = g.when(visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone } }));
    const receiver = find(step, 'reception').receiver;
    expect(receiver).not.toBeNull();
    expect(find(step, 'ownership').rules).toContain('REF-UNNAMED');
    expect(g.ownerOf(wang.phone)).toBe(receiver);
  });
});

describe('REF-ACCOMPANIED: an old client arriving with the new one brings them to the original salesperson', () => {
  it('given zhang comes along with wang, then S01 receives and owns wang', () => {
    const g = given(office);
    const step = g.when(visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, accompanied: true }));
    expect(find(step, 'reception').receiver).toBe('S01');
    expect(find(step, 'ownership').rules).toContain('REF-ACCOMPANIED');
    expect(g.ownerOf(wang.phone)).toBe('S01');
  });

  it('REF-ACCOMPANIED ROT-ORDER: the reception cites the tie it rests on (REF-ACCOMPANIED), not OWN-NAMED: nobody named S01', () => {
    const g = given(office);
    const step = g.when(visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, accompanied: true }));
    const reception = find(step, 'reception');
    expect(reception).toMatchObject({ receiver: 'S01', why: 'named', counted: true });
    expect(reception.rules).toEqual(expect.arrayContaining(['ROT-ORDER', 'REF-ACCOMPANIED', 'REF-CHAIN']));
    expect(reception.rules).not.toContain('OWN-NAMED');
  });
});

describe('REF-WINDOW: a referred client stays with the first receiver for 40 days', () => {
  const policy = { referrals: { windowDays: 40 } };

  it('given a 40-day referral window, a referred client is protected for 40 days, not the 15 of a visit', () => {
    const g = given(office, policy);
    const step = g.when(visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, named: 'S01' }));
    expect(find(step, 'ownership').protectionEndsAt).toBe(Date.parse('2026-12-13T00:00:00+08:00'));
    expect(g.ownerOf(wang.phone, '12-12 10:00')).toBe('S01');
    expect(g.ownerOf(wang.phone, '12-13 10:00')).toBeNull();
  });

  it('given 40 days without a deal, the next receiver owns the referred client', () => {
    const g = given([...office, visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, named: 'S01' })], policy);
    g.when(visit('12-20 10:00', wang, { receiver: 'S03' }));
    expect(g.ownerOf(wang.phone)).toBe('S03');
  });

  it('given a deal within 40 days, the referred client stays with the first receiver', () => {
    const g = given([...office, visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, named: 'S01' }), deal('11-30 10:00', 'D2', 'S01', wang)], policy);
    g.when(visit('12-20 10:00', wang, { receiver: 'S03' }));
    expect(g.ownerOf(wang.phone)).toBe('S01');
  });
});

describe('REF-PRIOR: a referred client who already visited belongs to the first registrant', () => {
  it('given S02 registered wang before, when wang comes referred by zhang naming S01, then S02 keeps wang', () => {
    const g = given([...office, visit('11-01 16:00', wang, { receiver: 'S02' })]);
    const step = g.when(visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, named: 'S01' }));
    expect(find(step, 'referral').rules).toContain('REF-PRIOR');
    expect(g.ownerOf(wang.phone)).toBe('S02');
  });
});

describe('REF-FIRST-REFERRER: two referrers of one group: the first counts', () => {
  it('given wang was referred by zhang, when chen also claims to refer wang, then only zhang counts for the bonus', () => {
    const g = given([...office, visit('11-01 16:00', chen, { receiver: 'S02' }), visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone } })]);
    const step = g.when(visit('11-03 10:00', wang, { referredBy: { phone: chen.phone } }));
    const r = find(step, 'referral');
    expect(r.rules).toContain('REF-FIRST-REFERRER');
    expect(r.bonusEligible).toBe(false);
  });

  it('given a first referral, the referrer is eligible for the bonus', () => {
    const g = given(office);
    const step = g.when(visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone } }));
    expect(find(step, 'referral')).toMatchObject({ bonusEligible: true, referrerStaff: null });
  });
});

describe('REF-STAFF-EXCLUDED: staff may not receive referral bonuses', () => {
  it('given a salesperson refers a friend, then no referral bonus is due', () => {
    const g = given(office);
    const step = g.when(visit('11-02 10:00', wang, { referredByStaff: 'S02' }));
    const r = find(step, 'referral');
    expect(r.rules).toContain('REF-STAFF-EXCLUDED');
    expect(r.bonusEligible).toBe(false);
  });

  it('given a policy that allows staff bonuses, the bonus is due', () => {
    const g = given(office, { referrals: { staffBonus: true } });
    const step = g.when(visit('11-02 10:00', wang, { referredByStaff: 'S02' }));
    expect(find(step, 'referral').bonusEligible).toBe(true);
  });
});

describe("REF-DEVELOPER: the developer's contacts, once announced, are not sales clients", () => {
  it('given a developer referral, the client goes by arrival time (the receiver owns)', () => {
    const g = given(office);
    const step = g.when(visit('11-02 10:00', wang, { referredByStaff: 'D1', receiver: 'S03' }));
    expect(find(step, 'ownership').rules).toContain('REF-DEVELOPER');
    expect(g.ownerOf(wang.phone)).toBe('S03');
  });

  it('given an announced developer contact, when they visit, then nobody owns them', () => {
    const g = given([...office, developer('11-01 16:00', [liu])]);
    const step = g.when(visit('11-02 10:00', liu, { receiver: 'S02' }));
    expect(cites(step, 'REF-DEVELOPER')).toBe(true);
    expect(g.statusOf(liu.phone)).toBe('developer');
    expect(g.ownerOf(liu.phone)).toBeNull();
  });

  it('given a client registered before the notice, then they stay a normal sales client', () => {
    const g = given(office);
    const step = g.when(developer('11-02 09:00', [zhang]));
    expect(find(step, 'ownership').rules).toEqual(['REF-DEVELOPER']);
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });
});
