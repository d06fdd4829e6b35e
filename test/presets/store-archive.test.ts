/**
 * store-archive (003 篇十, 售楼处管理制度): the office's distinctive clauses,
 * replayed under the preset as it ships.
 */
import { describe, expect, it } from 'vitest';
import { finesLedger, nextReceiver, ownerOf, presetPolicy } from '../../src/index.js';
import { claim, complaint, deal, dispute, find, given, grade, link, marketingEvent, parts, reception, recognize, redistribute, row, ruling, staff, status, t, violation, visit, walkIns, wang, zhang } from '../support/dsl.js';
import { withFlatRate } from '../support/rates.js';

// The seed names no commission rate: a flat 1.8‰ shows the commission's shares as amounts.
const policy = withFlatRate(presetPolicy('store-archive'));
const team = [staff('S01'), staff('S02'), staff('S03'), staff('S04'), staff('M1', { role: 'manager' })];


describe('store-archive (003 篇十): who the client belongs to', () => {
  it('003 篇十 2(1) OWN-VALIDITY: given S01 archived Zhang on 11-01, then the archive protects 2 calendar months, through Jan 1 (60 days would end with Dec 31), and Zhang is new after', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], policy);
    const at = (iso: string) => ownerOf(g.state, zhang.phone, { lookAhead: iso })?.owner ?? null;
    expect(at('2027-01-01T23:59:00+08:00')).toBe('S01');
    expect(at('2027-01-02T00:00:00+08:00')).toBeNull();
  });

  it('003 篇十 3(5) OWN-MULTI-NAMED: given Zhang names S02 then S03 without choosing and S02 is away, then S03, the next one named who is present, receives and owns Zhang', () => {
    const g = given([...team, status('11-01 09:00', 'S02', 'off')], policy);
    const step = g.when(visit('11-01 10:00', zhang, { namedSeveral: ['S02', 'S03'] }));
    expect(reception(step).receiver).toBe('S03');
    expect(find(step, 'ownership').rules).toEqual(expect.arrayContaining(['OWN-MULTI-NAMED']));
    expect(g.ownerOf(zhang.phone)).toBe('S03');
  });

  it('003 篇十 3(4) OWN-COMPLAINT: given a justified complaint against S01 moved Zhang to S02, when S02 closes, then the deal is wholly S02s (與b無關)', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), complaint('11-05 10:00', zhang, 'S01', true, 'S02')], policy);
    expect(g.ownerOf(zhang.phone)).toBe('S02');
    const step = g.when(deal('11-06 15:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation').rules).toContain('OWN-COMPLAINT');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S02 1 1800.00']);
  });

  it('003 篇十 3(11) COL-CROSS-FAMILY: given S01 received the husband first and S02 the wife later, when S02 closes, then everything goes to the first receiver S01', () => {
    const spouse = { name: '李娜', phone: '13900009999' };
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-02 10:00', spouse, { receiver: 'S02' }), link('11-03 10:00', zhang, spouse, 'spouse')], policy);
    const step = g.when(deal('11-05 15:00', 'D1', 'S02', spouse));
    expect(find(step, 'allocation').rules).toContain('COL-CROSS-FAMILY');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 1 1800.00']);
  });
});

describe('store-archive (003 篇十): credit and bonus', () => {
  it('003 篇十 3(2) DEAL-VALIDITY-SPLIT: given the client, once S01 is known, prefers S02 within S01s archive, then credit S02 and bonus S02 80 : S01 20', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-10 10:00', zhang, { receiver: 'S02', named: 'S02' }), recognize('11-10 10:30', zhang, 'reception', { by: 'S02' })], policy);
    const step = g.when(deal('11-12 15:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation').rules).toContain('DEAL-VALIDITY-SPLIT');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S02 0.8 1440.00', 'S01 0.2 360.00']);
  });

  it('003 篇十 3(3) DEAL-ABSENT-OWNER: given S01 is not in and S02 assists S01s client and closes, then credit S01 and bonus S01 80 : S02 20', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), status('11-05 08:00', 'S01', 'off')], policy);
    const step = g.when(deal('11-05 15:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation')).toMatchObject({ why: 'absentOwner' });
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 0.8 1440.00', 'S02 0.2 360.00']);
  });

  it('003 篇十 3(8) DEAL-LATER-DESIGNATION: given the client names S02 on arrival at a later visit, when S02 closes, then credit and bonus S02 50 : the earlier S01 50', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-10 10:00', zhang, { named: 'S02' })], policy);
    const step = g.when(deal('11-12 15:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation').rules).toContain('DEAL-LATER-DESIGNATION');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 0.5 500000.00', 'S01 0.5 500000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S02 0.5 900.00', 'S01 0.5 900.00']);
  });

  it('003 篇十 3(7) DEAL-LATER-DESIGNATION: given a client who forgot who served them, when S02 later finds S01 in the archive within its window and follows up, then credit S02, bonus S02 50 : S01 50', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-20 10:00', zhang, { receiver: 'S02' }), recognize('11-20 17:00', zhang, 'later', { by: 'S02', follower: 'S02' })], policy);
    const step = g.when(deal('11-25 15:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation')).toMatchObject({ why: 'archiveMatch' });
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S02 0.5 900.00', 'S01 0.5 900.00']);
  });

  it('003 篇十 3(6) COL-DISCOUNT-HELPER: given S02 only helped S01s client get a discount, when S02 closes, then everything is S01s', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], policy);
    g.when(deal('11-05 15:00', 'D1', 'S02', zhang, 'subscription', { discountBy: 'S02' }));
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 1 1800.00']);
  });

  it('003 篇十 3(13) DEAL-EVENT: given a launch, when S02 closes during it, then the manager decides: the commission waits for the splitDeal', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), marketingEvent('11-07 18:00', '11-08 09:00', '11-08 18:00', '开盘')], policy);
    const step = g.when(deal('11-08 12:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation')).toMatchObject({ why: 'eventManager', commission: null });
  });

  it('003 篇十 4 DSP-QUARREL: given a crossed client and a quarrel found by the ruling, then the unit\'s credit and bonus go to the department', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), claim('11-01 16:00', 'S02', zhang), dispute('11-01 16:30', 'S02', zhang), deal('11-02 15:00', 'D1', 'S01', zhang)], policy);
    const step = g.when(ruling('11-03 10:00', zhang, { owner: 'S01', finding: 'quarrel', by: 'M1' }));
    expect(find(step, 'allocation').rules).toContain('DSP-QUARREL');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['department 1 1000000.00']);
  });
});

describe('store-archive (003 篇十): fines', () => {
  it('PEN-FINES (003 篇十 rotation 5(3) 扣罚当事人当月应得成交奖金的50%): given S01 closed a deal in November, when S01 is found to have deliberately stirred up trouble, then half of November\'s deal bonus is fined when the month closes', () => {
    const g = given([...team, grade('11-01 09:00', 'S01', '正式业务员'), visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-03 15:00', 'D1', 'S01', zhang, 'contract')], policy);
    const found = g.when(violation('11-05 10:00', 'S01', 'provokeDispute'));
    expect(find(found, 'violation').outcome).toBe('pending');
    // November's bonus: 1,000,000 at the flat 1.8‰ = 1800; half of it is 900.
    const fine = find(g.when(visit('12-01 10:00', wang)), 'penalty');
    expect(fine).toMatchObject({ staff: 'S01', amount: '900.00', violation: 'provokeDispute', month: '2026-11' });
    expect(finesLedger(g.state, { staff: 'S01' }).map((f) => f.amount)).toEqual(['900.00']);
  });
});

describe('store-archive (003 篇十): rotation and redistribution', () => {
  it('003 篇十 rotation 3 ROT-MAKEUP-COMPANY: given S02 out on company business for two rounds, when S02 returns, then S02 is owed one make-up per turn missed (空幾輪,補接幾名)', () => {
    const g = given([...team, status('11-01 09:00', 'S02', 'companyBusiness')], policy);
    expect(walkIns(g, '11-01 10:00', '11-01 10:10', '11-01 10:20', '11-01 10:30', '11-01 10:40', '11-01 10:50')).toEqual(['S01', 'S03', 'S04', 'S01', 'S03', 'S04']);
    g.when(status('11-01 11:00', 'S02', 'onDuty'));
    expect(nextReceiver(g.state, t('11-01 11:05')).queue.find((e) => e.staff === 'S02')).toMatchObject({ owed: 2 });
    expect(walkIns(g, '11-01 11:10', '11-01 11:20', '11-01 11:30')).toEqual(['S02', 'S02', 'S01']);
  });

  it('003 篇十 3(12) OWN-REDISTRIBUTE: given S01 on long leave, when the manager\'s draw gives Zhang to S03, then Zhang is S03s', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), status('11-05 08:00', 'S01', 'leave')], policy);
    const step = g.when(redistribute('11-06 09:00', 'S01', [{ client: { phone: zhang.phone }, staff: 'S03' }], { by: 'M1' }));
    expect(find(step, 'ownership').rules).toContain('OWN-REDISTRIBUTE');
    expect(g.ownerOf(zhang.phone)).toBe('S03');
  });
});
