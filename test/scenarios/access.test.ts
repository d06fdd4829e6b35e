import { describe, expect, it } from 'vitest';
import { viewAs } from '../../src/index.js';
import { given, staff, visit, wang, zhang, liu, chen, assign } from '../support/dsl.js';

const office = [
  staff('S01', { name: '李娜' }),
  staff('S02', { name: '王强' }),
  staff('M1', { role: 'manager' }),
  visit('11-01 10:00', zhang, { receiver: 'S01' }),
  visit('11-01 11:00', wang, { receiver: 'S02' }),
  visit('11-01 12:00', liu, { receiver: 'S02' }),
  visit('11-01 13:00', chen, { receiver: 'S01' }),
];

describe('PRV-ACCESS: a salesperson sees their own clients in full, others only as counts', () => {
  it("PRV-ACCESS (002 §5 非经公司领导批准, 任何人不得私自打开客户确认库): given S01 and S02 each own clients, when S01 looks, then S01 sees their two in full and S02's only as a count", () => {
    const g = given(office);
    const view = viewAs(g.state, 'S01');
    expect(view.own.map((r) => r.name)).toEqual(['张伟', '陈静']);
    expect(view.own[0]).toMatchObject({ owner: 'S01', phone: '138****5678' });
    expect(view.others).toEqual([{ owner: 'S02', ownerName: '王强', status: 'protected', clients: 2 }]);
    expect(view.withheld).toBe(2);
    const text = JSON.stringify(view);
    for (const secret of [wang.name, wang.phone.slice(-4), liu.name]) expect(text).not.toContain(secret);
  });

  it('PRV-ACCESS: given a client whose protection lapsed, then they count as nobody\'s at that time, and unmasked phones are given only when asked', () => {
    const g = given([...office, assign('11-02 10:00', liu, 'S01')]);
    expect(viewAs(g.state, 'S01').own.map((r) => r.name)).toEqual(['张伟', '刘洋', '陈静']);
    const later = viewAs(g.state, 'S01', { lookAhead: '2026-11-17T00:00:00+08:00', mask: false });
    expect(later.own.map((r) => r.name)).toEqual(['刘洋']);
    expect(later.own[0]?.phone).toBe(liu.phone);
    expect(later.others).toEqual(expect.arrayContaining([{ owner: null, ownerName: null, status: 'none', clients: 3 }]));
  });

  it('PRV-ACCESS: given an id not on the roster, then the view is refused', () => {
    expect(() => viewAs(given(office).state, 'S99')).toThrow(RangeError);
  });
});
