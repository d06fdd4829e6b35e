import { describe, expect, it } from 'vitest';
import { claim, deal, find, followUp, given, staff, visit, wang, zhang, liu } from '../support/dsl.js';

// S01 owns zhang, an old client who has bought and refers friends.
const office = [staff('S01'), staff('S02'), staff('S03'), visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-01 15:00', 'D100', 'S01', zhang)];

describe('REF-WINDOW: the referral window is cited and no follow-up clock cuts it short', () => {
  // onsite-offsite (004d): 15-day visits, a follow-up every 10 days, referrals 40 days.
  const policy = { ownership: { validityDays: { visit: 15 }, followUp: { withinDays: 10 } }, referrals: { windowDays: 40 } };

  it('REF-WINDOW (004d §4): given a 40-day referral window and a 10-day follow-up rule, when a referred client is received, then they stay with the first receiver for 40 days, cited in the trace', () => {
    const g = given(office, policy);
    const step = g.when(visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, receiver: 'S02' }));
    const own = find(step, 'ownership');
    expect(own.rules).toContain('REF-WINDOW');
    expect(own.protectionEndsAt).toBe(Date.parse('2026-12-13T00:00:00+08:00'));
    expect(g.ownerOf(wang.phone, '11-20 10:00')).toBe('S02');
    expect(g.ownerOf(wang.phone, '12-12 10:00')).toBe('S02');
    expect(g.rulesOf(wang.phone)).toContain('REF-WINDOW');
  });

  it('REF-WINDOW (004d §4): given a referred client, when the owner follows up on day 5, then the follow-up does not shorten the 40 days to 10', () => {
    const g = given([...office, visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, receiver: 'S02' })], policy);
    g.when(followUp('11-07 10:00', 'S02', wang));
    expect(g.ownerOf(wang.phone, '11-25 10:00')).toBe('S02');
    expect(g.ownerOf(wang.phone, '12-12 10:00')).toBe('S02');
  });

  it('REF-WINDOW (004d §4): given 40 days without a deal, when the client comes back, then the lapse cites REF-WINDOW and the new receiver owns them', () => {
    const g = given([...office, visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, receiver: 'S02' })], policy);
    const step = g.when(visit('12-14 10:00', wang, { receiver: 'S03' }));
    expect(find(step, 'ownership', (d) => d.owner === null).rules).toEqual(['OWN-VALIDITY', 'REF-WINDOW']);
    expect(g.ownerOf(wang.phone)).toBe('S03');
  });

  it('REF-WINDOW: given no referral window (null), then a referred client keeps the visit window and its follow-up clock', () => {
    const g = given(office, { ownership: { validityDays: { visit: 15 }, followUp: { withinDays: 10 } } });
    const step = g.when(visit('11-02 10:00', wang, { referredBy: { phone: zhang.phone }, receiver: 'S02' }));
    expect(find(step, 'ownership').rules).not.toContain('REF-WINDOW');
    expect(g.ownerOf(wang.phone, '11-13 10:00')).toBeNull();
  });
});

describe('REF-CHAIN: the referral filed first', () => {
  it('REF-CHAIN (004g §2.1 老客户介绍在先): given S01 filed that zhang referred wang, when wang visits naming nobody, then wang is S01s and S01 receives', () => {
    const g = given(office);
    const filed = g.when(claim('11-02 09:30', 'S01', wang, { kind: 'preFile', referredBy: { phone: zhang.phone } }));
    expect(find(filed, 'ownership').rules).toEqual(expect.arrayContaining(['REF-CHAIN', 'OWN-FIRST']));
    expect(find(filed, 'referral')).toMatchObject({ referrer: expect.any(String), bonusEligible: true });
    const step = g.when(visit('11-03 10:00', wang));
    expect(find(step, 'reception').receiver).toBe('S01');
    expect(g.ownerOf(wang.phone)).toBe('S01');
  });

  it('REF-CHAIN (004g §2.1 不期而遇): given nothing was filed, when wang meets zhang by chance and names nobody, then the receiver owns wang (REF-UNNAMED)', () => {
    const g = given(office);
    const step = g.when(visit('11-03 10:00', wang, { referredBy: { phone: zhang.phone }, receiver: 'S02' }));
    expect(find(step, 'ownership').rules).toContain('REF-UNNAMED');
    expect(g.ownerOf(wang.phone)).toBe('S02');
  });

  it('REF-CHAIN: given S02 files a referral by a client that is not theirs, then it is a plain first claim, not a chain', () => {
    const g = given(office);
    const step = g.when(claim('11-02 09:30', 'S02', wang, { kind: 'preFile', referredBy: { phone: zhang.phone } }));
    expect(find(step, 'ownership').rules).not.toContain('REF-CHAIN');
    expect(g.ownerOf(wang.phone)).toBe('S02');
  });
});

describe('REF-OVER-RELATIVE: a referral by a dealt client outranks the relationship', () => {
  it("REF-OVER-RELATIVE (004f 2(6)): given the policy, when zhang (S01's dealt client) refers liu, a friend of S02, then liu is S01's", () => {
    const g = given(office, { referrals: { overRelative: true } });
    const step = g.when(visit('11-02 10:00', liu, { referredBy: { phone: zhang.phone }, relativeOf: 'S02' }));
    expect(find(step, 'reception').receiver).toBe('S01');
    expect(find(step, 'ownership').rules).toEqual(expect.arrayContaining(['REF-OVER-RELATIVE', 'REF-CHAIN']));
    expect(g.ownerOf(liu.phone)).toBe('S01');
  });

  it('REF-OVER-RELATIVE: given the default policy, when S02 receives their own friend referred by zhang, then the friend is S02s (OWN-RELATIVE)', () => {
    const g = given(office);
    const step = g.when(visit('11-02 10:00', liu, { referredBy: { phone: zhang.phone }, relativeOf: 'S02', receiver: 'S02' }));
    expect(find(step, 'ownership').rules).toContain('OWN-RELATIVE');
    expect(g.ownerOf(liu.phone)).toBe('S02');
  });

  it('REF-OVER-RELATIVE (004f 2(6) 已成交的客户): given the referrer has not bought, then the relationship and the reception decide', () => {
    const g = given([staff('S01'), staff('S02'), visit('11-01 10:00', zhang, { receiver: 'S01' })], { referrals: { overRelative: true } });
    g.when(visit('11-02 10:00', liu, { referredBy: { phone: zhang.phone }, relativeOf: 'S02', receiver: 'S02' }));
    expect(g.ownerOf(liu.phone)).toBe('S02');
  });
});
