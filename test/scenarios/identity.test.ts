import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone, owners } from '../../src/index.js';
import { cites, claim, find, given, link, ruling, staff, visit, wang, zhang } from '../support/dsl.js';

const team = [staff('S01'), staff('S02'), staff('S03')];

describe('ID-PHONE: phones are normalized before matching', () => {
  it.each([
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 13812345678', '13812345678'],
    ['0086-138-1234-5678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['(010) 6512 3456', '01065123456'],
  ])('normalizes %s to %s', (raw, digits) => {
    expect(normalizePhone(raw)).toMatchObject({ kind: 'full', digits });
  });

  it('reads a masked report phone 138***88888 as prefix and suffix', () => {
    expect(normalizePhone('138***88888')).toEqual({ kind: 'masked', prefix: '138', suffix: '88888', hidden: 3 });
  });

  it('rejects what cannot be a phone', () => {
    expect(normalizePhone('12345').kind).toBe('invalid');
    expect(normalizePhone('call me').kind).toBe('invalid');
  });

  it('given a visit with a spaced phone, when the client returns with +86, then it is the same client', () => {
    const g = given([...team, visit('11-01 10:00', { name: '张伟', phone: '138 1234 5678' })]);
    const step = g.when(visit('11-03 10:00', { name: '张伟', phone: '+8613812345678' }));
    expect(find(step, 'identity').match).toBe('phone');
    expect(cites(step, 'ID-PHONE')).toBe(true);
    expect(owners(g.state)).toHaveLength(1);
  });

  it('given a masked channel report, when the client visits with the full number and surname, then they match (policy withName)', () => {
    const g = given([...team, staff('C1', { role: 'channel' }), claim('11-01 09:00', 'C1', { name: '张', phone: '138***45678' }, { kind: 'report', expectedVisitAt: '2026-11-03T10:00:00+08:00' })]);
    const step = g.when(visit('11-02 10:00', zhang));
    expect(find(step, 'identity').match).toBe('maskedPhone');
    expect(g.ownerOf(zhang.phone)).toBe('C1');
  });

  it('given policy maskedPhones never, when the client visits with the full number, then the masked report does not match', () => {
    const g = given([...team, staff('C1', { role: 'channel' }), claim('11-01 09:00', 'C1', { name: '张', phone: '138***45678' }, { kind: 'report', expectedVisitAt: '2026-11-03T10:00:00+08:00' })], { identity: { maskedPhones: 'never' } });
    const step = g.when(visit('11-02 10:00', zhang));
    expect(find(step, 'identity').match).toBe('new');
  });

  it('masks phones for output as 138****5678 (PRV-MASK)', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
  });
});

describe('ID-MATCH: same client when name or phone matches (policy: which keys)', () => {
  it('given policy phone, when the same name comes with another phone, then it is a new client', () => {
    const g = given([...team, visit('11-01 10:00', zhang)]);
    const step = g.when(visit('11-02 10:00', { name: '张伟', phone: '13500009999' }));
    expect(find(step, 'identity').match).toBe('new');
    expect(owners(g.state)).toHaveLength(2);
  });

  it('given policy phoneOrName (002), when the same name comes with another phone, then it is the same client', () => {
    const g = given([...team, visit('11-01 10:00', zhang)], { identity: { matchOn: 'phoneOrName' } });
    const step = g.when(visit('11-02 10:00', { name: '张伟', phone: '13500009999' }));
    expect(find(step, 'identity').match).toBe('name');
    expect(owners(g.state)).toHaveLength(1);
  });

  it('given policy phoneAndName, when the same phone comes with another name, then it is a new client', () => {
    const g = given([...team, visit('11-01 10:00', zhang)], { identity: { matchOn: 'phoneAndName' } });
    const step = g.when(visit('11-02 10:00', { name: '李四', phone: zhang.phone }));
    expect(find(step, 'identity').match).toBe('new');
  });

  it('given needMustMatch, when the same name states another need, then it is a new client', () => {
    const g = given([...team, visit('11-01 10:00', { ...zhang, need: '三房' })], { identity: { matchOn: 'phoneOrName', needMustMatch: true } });
    const step = g.when(visit('11-02 10:00', { name: '张伟', phone: '13500009999', need: '别墅' }));
    expect(find(step, 'identity').match).toBe('new');
  });

  it('given a name match, when the manager rules "not the same client", then the registration becomes a client of its own', () => {
    const second = visit('11-02 10:00', { name: '张伟', phone: '13500009999' }, { receiver: 'S02' });
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), second], { identity: { matchOn: 'phoneOrName' } });
    expect(g.ownerOf('13500009999')).toBe('S01');
    expect(owners(g.state)).toHaveLength(1);
    const step = g.when(ruling('11-03 10:00', { phone: zhang.phone }, { finding: 'notSameClient', registration: second.id }));
    expect(find(step, 'identity').match).toBe('split');
    expect(owners(g.state)).toHaveLength(2);
    expect(g.ownerOf('13500009999')).toBe('S02');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });
});

describe('ID-FAMILY: spouses and parent/child with the same need are one client group', () => {
  it('given a visit by a husband, when his wife is linked as spouse, then one client group remains', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-02 10:00', wang, { receiver: 'S02' })]);
    const step = g.when(link('11-03 10:00', zhang, wang, 'spouse'));
    expect(cites(step, 'ID-FAMILY')).toBe(true);
    expect(owners(g.state)).toHaveLength(1);
    expect(g.ownerOf(wang.phone)).toBe('S01');
  });

  it('given the default policy, when a sibling is linked, then the households stay separate (004b)', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-02 10:00', wang, { receiver: 'S02' })]);
    g.when(link('11-03 10:00', zhang, wang, 'sibling'));
    expect(owners(g.state)).toHaveLength(2);
    expect(g.ownerOf(wang.phone)).toBe('S02');
  });

  it('given a policy that counts siblings as family, when a sibling is linked, then they are one group', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-02 10:00', wang, { receiver: 'S02' })], { identity: { familyRelations: ['spouse', 'parent', 'child', 'sibling'] } });
    g.when(link('11-03 10:00', zhang, wang, 'sibling'));
    expect(owners(g.state)).toHaveLength(1);
  });

  it('given relatives with different needs, when linked, then they stay separate clients', () => {
    const g = given([...team, visit('11-01 10:00', { ...zhang, need: '三房' }, { receiver: 'S01' }), visit('11-02 10:00', { ...wang, need: '商铺' }, { receiver: 'S02' })]);
    g.when(link('11-03 10:00', zhang, wang, 'spouse'));
    expect(owners(g.state)).toHaveLength(2);
  });

  it('given a visiting couple, when the wife is in the party as spouse, then she is part of the same client', () => {
    const g = given(team);
    g.when(visit('11-01 10:00', zhang, { receiver: 'S01', party: [{ ...wang, relation: 'spouse' }] }));
    expect(owners(g.state)).toHaveLength(1);
    expect(g.ownerOf(wang.phone)).toBe('S01');
  });
});

describe('ID-GROUP-ONE: one claim covers one group', () => {
  it('given a claim listing a friend, when it is filed, then only the first name is covered', () => {
    const g = given(team);
    const step = g.when(claim('11-01 09:30', 'S01', zhang, { party: [{ ...wang, relation: 'friend' }] }));
    expect(find(step, 'identity', (d) => d.match === 'notCovered').rules).toContain('ID-GROUP-ONE');
    expect(g.ownerOf(zhang.phone)).toBe('S01');
    expect(g.ownerOf(wang.phone)).toBeNull();
  });

  it('given a claim listing a spouse, when it is filed, then the spouse is covered', () => {
    const g = given(team);
    g.when(claim('11-01 09:30', 'S01', zhang, { party: [{ ...wang, relation: 'spouse' }] }));
    expect(g.ownerOf(wang.phone)).toBe('S01');
  });
});

describe('ID-COMPANY: a company claim needs company name and contact person', () => {
  it('given a company with its contact, when it is claimed, then the company is a client of its own', () => {
    const g = given(team);
    const step = g.when(claim('11-01 09:30', 'S01', { company: '华远公司', contact: '赵强', phone: '13811112222' }));
    expect(find(step, 'claim').outcome).toBe('accepted');
    const again = g.when(claim('11-01 09:40', 'S02', { company: '华远公司', contact: '钱多' }));
    expect(find(again, 'identity').match).toBe('company');
    expect(find(again, 'claim').outcome).toBe('refused');
  });

  it('given only a legal-person name, when it is claimed, then it is not a company claim', () => {
    const g = given(team);
    const step = g.when(claim('11-01 09:30', 'S01', { company: '华远公司' }));
    expect(find(step, 'identity').rules).toContain('ID-COMPANY');
    expect(find(step, 'claim').outcome).toBe('refused');
  });
});

describe('ID-NONCLIENT: beggars, people asking the way, media are not clients', () => {
  it('given a queue, when someone asks the way, then no turn is used and nothing is registered', () => {
    const g = given(team);
    const step = g.when(visit('11-01 10:00', undefined, { nonClient: 'askingWay' }));
    const r = find(step, 'reception');
    expect(r.counted).toBe(false);
    expect(r.rules).toEqual(['ID-NONCLIENT']);
    expect(step.decisions.some((d) => d.kind === 'registration')).toBe(false);
    const next = g.when(visit('11-01 10:05', zhang));
    expect(find(next, 'reception').receiver).toBe('S01');
  });

  it('given a market researcher, when they visit, then they are a client and use a turn', () => {
    const g = given(team);
    const step = g.when(visit('11-01 10:00', { name: '市调员', phone: '13912340000' }));
    expect(find(step, 'reception').counted).toBe(true);
  });
});
