import { describe, expect, it } from 'vitest';
import { expectUnchanged } from '../support/fold.js';
import { dealsOf, explain, ledgerEntries, presetPolicy, type OfficeState, type PolicyInput } from '../../src/index.js';
import { describeReason } from '../../src/index.js';
import { complaint, deal, event, find, followUp, given as dslGiven, link, ruling, staff, status, visit, wang, zhang, recognize, row, parts } from '../support/dsl.js';
import { legacyWith } from '../support/legacy.js';

// These scenarios were written for the 0.1 defaults (000's rate tiers, the 5:5
// splits): each lays its policy over them, so the amounts stay what they meant.
const given = (events: Parameters<typeof dslGiven>[0], policy: PolicyInput = {}) => dslGiven(events, legacyWith(policy));

const team = [staff('S01'), staff('S02'), staff('S03'), staff('M1', { role: 'manager' })];

/** The net booked per staff for one deal and account. */
function booked(state: OfficeState, dealId: string, account: 'credit' | 'commission' | 'bonus'): Record<string, string> {
  const out: Record<string, number> = {};
  for (const e of ledgerEntries(state, { deal: dealId, account })) out[e.staff] = Math.round(((out[e.staff] ?? 0) + Number(e.amount)) * 100) / 100;
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.toFixed(2)]));
}

const split = (when: string, id: string, body: { commission?: { staff: string; share: string }[]; credit?: { staff: string; share: string }[]; by?: string }) => event('splitDeal', when, { deal: id, ...body });

describe('DEAL-STAGES: credit and commission accrue at the stages the policy names', () => {
  const policy: PolicyInput = { deals: { creditAt: 'subscription', commissionAt: 'contract' } };

  it('given credit at subscription and commission at contract, a small deposit books nothing, a subscription books credit only, a contract the commission', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], policy);
    g.when(deal('11-02 10:00', 'D1', 'S01', zhang, 'smallDeposit'));
    expect(ledgerEntries(g.state)).toEqual([]);
    g.when(deal('11-03 10:00', 'D1', 'S01', zhang, 'subscription'));
    expect(booked(g.state, 'D1', 'credit')).toEqual({ S01: '1000000.00' });
    expect(booked(g.state, 'D1', 'commission')).toEqual({});
    const step = g.when(deal('11-10 10:00', 'D1', 'S01', zhang, 'contract'));
    expect(booked(g.state, 'D1', 'commission')).toEqual({ S01: '1800.00' });
    expect(find(step, 'ledger').rules).toEqual(expect.arrayContaining(['DEAL-STAGES', 'COM-RATE-TIERS']));
    expect(row(g.state, 'D1').stage).toBe('contract');
  });

  it('given a deal already credited, a later stage with the same amount books nothing again; a new amount is adjusted', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), deal('11-03 10:00', 'D1', 'S01', zhang, 'subscription')]);
    g.when(deal('11-05 10:00', 'D1', 'S01', zhang, 'contract'));
    expect(ledgerEntries(g.state, { deal: 'D1' }).map((e) => e.entry)).toEqual(['accrual', 'accrual']);
    const step = g.when(deal('11-06 10:00', 'D1', 'S01', zhang, 'loan', { amount: '950000' }));
    expect(find(step, 'ledger', (e) => e.account === 'credit')).toMatchObject({ entry: 'adjustment', amount: '-50000.00' });
    expect(booked(g.state, 'D1', 'credit')).toEqual({ S01: '950000.00' });
    expect(booked(g.state, 'D1', 'commission')).toEqual({ S01: '1710.00' });
  });

  it('the split is decided at the first stage from the ownership file and explained in the client story', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })]);
    const step = g.when(deal('11-03 10:00', 'D1', 'S01', zhang));
    expect(find(step, 'allocation')).toMatchObject({ deal: 'D1', credit: [{ staff: 'S01', share: '1' }], commission: [{ staff: 'S01', share: '1' }] });
    expect(explain(g.state, zhang.phone).lines.some((l) => l.includes('deal D1 split: credit'))).toBe(true);
    expect(explain(g.state, zhang.phone).lines.some((l) => l.includes('accrual of commission 1800.00'))).toBe(true);
  });
});

describe('DEAL-ABSENT-OWNER: a deal closed for an absent owner: credit to the owner, commission split', () => {
  const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), status('11-05 08:00', 'S01', 'off')];

  it('given S01 owns and is off, when S02 closes, then credit S01, commission S01:S02 5:5 (004i, the 0.1 default)', () => {
    const g = given(base);
    const step = g.when(deal('11-05 15:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation').rules).toContain('DEAL-ABSENT-OWNER');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 0.5 900.00', 'S02 0.5 900.00']);
    expect(g.ownerOf(zhang.phone)).toBe('S01');
  });

  it('given the store-archive preset (003), the commission is 80:20', () => {
    const g = given(base, presetPolicy('store-archive'));
    g.when(deal('11-05 15:00', 'D1', 'S02', zhang));
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 0.8 1440.00', 'S02 0.2 360.00']);
  });

  it('given the owner is on duty, the closer gets nothing (首接: the owner keeps the deal)', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })]);
    g.when(deal('11-05 15:00', 'D1', 'S02', zhang));
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 1 1800.00']);
    expect(row(g.state, 'D1').rules).toContain('COL-EARLIEST');
  });

  it('given the jiuzhou preset (000 §9), the commission waits for a negotiated split, then books it', () => {
    const g = given(base, presetPolicy('jiuzhou'));
    g.when(deal('11-05 15:00', 'D1', 'S02', zhang));
    expect(row(g.state, 'D1').commission).toBeNull();
    expect(booked(g.state, 'D1', 'commission')).toEqual({});
    expect(booked(g.state, 'D1', 'credit')).toEqual({ S01: '1000000.00' });
    g.when(split('11-06 10:00', 'D1', { commission: [{ staff: 'S01', share: '7' }, { staff: 'S02', share: '3' }], by: 'M1' }));
    expect(booked(g.state, 'D1', 'commission')).toEqual({ S01: '1260.00', S02: '540.00' });
  });

  it('given draft-rules (004e §1, §3), an absent owner\'s old client closed by a colleague stays wholly the owner\'s (首接业绩制)', () => {
    const g = given(base, presetPolicy('draft-rules'));
    g.when(deal('11-05 15:00', 'D1', 'S02', zhang));
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 1 1800.00']);
  });

  it('given draft-rules (004e §5), a new client who named an absent salesperson: the one on duty gets the credit and the commission is shared', () => {
    const g = given([...team, status('11-05 08:00', 'S01', 'off'), visit('11-05 10:00', wang, { named: 'S01', receiver: 'S02' })], presetPolicy('draft-rules'));
    g.when(deal('11-05 15:00', 'D1', 'S02', wang));
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 0.5 900.00', 'S02 0.5 900.00']);
  });
});

describe('DEAL-COOPERATION: cooperative receptions split credit 5:5; a negotiated split decides the commission', () => {
  const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S02' })];

  it('given S03 invited the client by phone and S02 closed, then credit and commission are 5:5', () => {
    const g = given(base);
    const step = g.when(deal('11-05 15:00', 'D1', 'S02', zhang, 'subscription', { invitedBy: 'S03' }));
    expect(find(step, 'allocation').rules).toEqual(expect.arrayContaining(['DEAL-COOPERATION', 'COM-SPLIT-EXACT']));
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 0.5 500000.00', 'S03 0.5 500000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S02 0.5 900.00', 'S03 0.5 900.00']);
  });

  it('given jiuzhou (000 §2), credit is 5:5 and the commission is negotiated: pending until a splitDeal event', () => {
    const g = given(base, presetPolicy('jiuzhou'));
    const step = g.when(deal('11-05 15:00', 'D1', 'S02', zhang, 'subscription', { invitedBy: 'S03' }));
    expect(find(step, 'allocation').commission).toBeNull();
    expect(describeReason(g.state, find(step, 'allocation'))).toContain('negotiated');
    const agreed = g.when(split('11-06 10:00', 'D1', { commission: [{ staff: 'S02', share: '60' }, { staff: 'S03', share: '40' }] }));
    expect(find(agreed, 'allocation').commission).toEqual([{ staff: 'S02', share: '0.6' }, { staff: 'S03', share: '0.4' }]);
    expect(booked(g.state, 'D1', 'commission')).toEqual({ S02: '1080.00', S03: '720.00' });
    expect(booked(g.state, 'D1', 'credit')).toEqual({ S02: '500000.00', S03: '500000.00' });
  });

  it('given a negotiated split after the commission was booked, the booked amounts move to it as adjustments', () => {
    const g = given([...base, deal('11-05 15:00', 'D1', 'S02', zhang, 'subscription', { invitedBy: 'S03' })]);
    const step = g.when(split('11-06 10:00', 'D1', { commission: [{ staff: 'S02', share: '3' }, { staff: 'S03', share: '1' }], credit: [{ staff: 'S02', share: '1' }] }));
    expect(step.decisions.filter((d) => d.kind === 'ledger').every((d) => d.kind === 'ledger' && d.entry === 'adjustment')).toBe(true);
    expect(booked(g.state, 'D1', 'commission')).toEqual({ S02: '1350.00', S03: '450.00' });
    expect(booked(g.state, 'D1', 'credit')).toEqual({ S02: '1000000.00', S03: '0.00' });
  });

  it('given the cooperation preset (004b §1.3), a client who said they had not been here while the original who knows them was away shares the credit 5:5', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), status('11-05 08:00', 'S01', 'leave'), visit('11-05 10:00', zhang, { receiver: 'S02', unannounced: true, asked: true })], presetPolicy('cooperation'));
    g.when(deal('11-05 15:00', 'D1', 'S02', zhang));
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 0.5 500000.00', 'S02 0.5 500000.00']);
  });

  it('a negotiated split of an unknown deal, with unknown staff, a share of 0 or a person listed twice is refused and changes nothing', () => {
    const g = given([...base, deal('11-05 15:00', 'D1', 'S02', zhang)]);
    const before = g.state;
    const unknownDeal = g.when(split('11-06 10:00', 'D9', { commission: [{ staff: 'S02', share: '1' }] }), true);
    expect(unknownDeal.issues[0]).toMatchObject({ code: 'unknown_deal', path: ['deal'] });
    const bad = g.when(split('11-06 10:00', 'D1', { commission: [{ staff: 'S09', share: '1' }, { staff: 'S02', share: '0' }, { staff: 'S02', share: '1' }] }), true);
    expect(bad.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['unknown_staff', 'commission.0.staff'],
      ['invalid_amount', 'commission.1.share'],
      ['invalid_value', 'commission.2.staff'],
    ]);
    expectUnchanged(g.state, before);
  });
});

describe('DEAL-RECOGNITION-WINDOW: an unrecognized old client closed by another within a month: credit to the server, commission shared', () => {
  const policy: PolicyInput = { ownership: { validityDays: { visit: 60 } }, deals: { splits: { recognition: {} } } };
  const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' })];

  it('given S01 first received the client on Nov 1 and did not recognize them, found on Nov 20, when S02 closes that day, then credit S02 and commission 5:5', () => {
    const g = given([...base, recognize('11-20 14:00', zhang, 'later', { by: 'S02' })], policy);
    const step = g.when(deal('11-20 15:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation').rules).toContain('DEAL-RECOGNITION-WINDOW');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 0.5 900.00', 'S02 0.5 900.00']);
  });

  it('given the client was found more than a month after the first reception, everything goes to the second receiver', () => {
    const g = given([...base, recognize('12-05 14:00', zhang, 'later', { by: 'S02' })], policy);
    g.when(deal('12-05 15:00', 'D1', 'S02', zhang));
    expect(row(g.state, 'D1').rules).toContain('DEAL-RECOGNITION-WINDOW');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S02 1 1800.00']);
  });
});

describe('DEAL-VALIDITY-SPLIT: the client prefers A over B: 80/20 while B is within validity, all to A after', () => {
  it('given B (S01) received the client and, once B is known during the reception, the client names A (S02) within validity (003 3(2)), then credit A, commission A 80 / B 20', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-10 10:00', zhang, { receiver: 'S02', named: 'S02' }), recognize('11-10 10:30', zhang, 'reception', { by: 'S02' })], presetPolicy('store-archive'));
    const step = g.when(deal('11-12 15:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation').rules).toContain('DEAL-VALIDITY-SPLIT');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S02 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S02 0.8 1440.00', 'S01 0.2 360.00']);
  });

  it("given B's archive has expired (2 months), then all to A", () => {
    const early = ['S01', 'S02'].map((id) => staff(id, {}, '09-01 08:00'));
    const g = given([...early, visit('09-01 10:00', zhang, { receiver: 'S01' }), visit('11-10 10:00', zhang, { receiver: 'S02', named: 'S02' })], presetPolicy('store-archive'));
    g.when(deal('11-12 15:00', 'D1', 'S02', zhang));
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S02 1 1800.00']);
  });
});

describe('COL-CROSS-FAMILY: family members registered by two staff: credit to the first registrant, commission split', () => {
  const spouse = { name: '李娜', phone: '13900009999' };
  const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), visit('11-02 10:00', spouse, { receiver: 'S02' }), link('11-03 10:00', zhang, spouse, 'spouse')];

  it('given the 0.1 default (004e), credit S01 and commission S01:S02 5:5', () => {
    const g = given(base);
    const step = g.when(deal('11-05 15:00', 'D1', 'S02', spouse));
    expect(find(step, 'allocation').rules).toContain('COL-CROSS-FAMILY');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 0.5 900.00', 'S02 0.5 900.00']);
  });

  it('given the cooperation preset (004b), 5:5 in both', () => {
    const g = given(base, presetPolicy('cooperation'));
    g.when(deal('11-05 15:00', 'D1', 'S02', spouse));
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 0.5 500000.00', 'S02 0.5 500000.00']);
  });
});

describe('COL-DISCOUNT-HELPER: a colleague who helped close with a discount earns nothing', () => {
  it('given S01 owns and S02 closed with their discount, then all credit and commission to S01', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), status('11-05 08:00', 'S01', 'off')]);
    const step = g.when(deal('11-05 15:00', 'D1', 'S02', zhang, 'subscription', { discountBy: 'S02' }));
    expect(find(step, 'allocation').rules).toEqual(['COL-DISCOUNT-HELPER']);
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S01 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 1 1800.00']);
  });

  it('given the owner closed and S03 only helped with a discount, S03 appears nowhere in the split', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' })], presetPolicy('sales-dept-one'));
    g.when(deal('11-05 15:00', 'D1', 'S01', zhang, 'subscription', { discountBy: 'S03' }));
    expect(dealsOf(g.state, { staff: 'S03' })).toEqual([]);
    expect(booked(g.state, 'D1', 'commission')).toEqual({ S01: '1800.00' });
  });
});

describe('OWN-COMPLAINT: the new server and the original share 5:5, then 7:3 on that client\'s referrals', () => {
  // 004l wants a callback the next day: the new server follows up.
  const base = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), complaint('11-01 16:00', zhang, 'S01', true, 'S03'), followUp('11-02 10:00', 'S03', zhang)];

  it('given a justified complaint moved the client from S01 to S03, when S03 closes, the commission is 5:5', () => {
    const g = given(base, presetPolicy('callback-first'));
    const step = g.when(deal('11-03 15:00', 'D1', 'S03', zhang));
    expect(find(step, 'allocation').rules).toContain('OWN-COMPLAINT');
    expect(parts(row(g.state, 'D1').credit)).toEqual(['S03 1 1000000.00']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S03 0.5 900.00', 'S01 0.5 900.00']);
  });

  it("given that client refers a new one to S03, the referral's commission is 7:3 (server : original)", () => {
    const g = given([...base, visit('11-03 10:00', wang, { referredBy: { phone: zhang.phone }, named: 'S03' })], presetPolicy('callback-first'));
    expect(g.ownerOf(wang.phone)).toBe('S03');
    g.when(deal('11-04 15:00', 'D2', 'S03', wang));
    expect(parts(row(g.state, 'D2').commission)).toEqual(['S03 0.7 1260.00', 'S01 0.3 540.00']);
  });
});

describe('OWN-CONCEAL: a salesperson who hid the owner loses the commission to the original', () => {
  it('given a ruling found S02 hid that the client was S01\'s, when S02 closes, the commission goes to S01', () => {
    const g = given([...team, visit('11-01 10:00', zhang, { receiver: 'S01' }), ruling('11-03 10:00', zhang, { owner: 'S01', finding: 'concealment', concealer: 'S02', by: 'M1' })], presetPolicy('absent-split'));
    const step = g.when(deal('11-05 15:00', 'D1', 'S02', zhang));
    expect(find(step, 'allocation').rules).toEqual(['OWN-CONCEAL']);
    expect(parts(row(g.state, 'D1').commission)).toEqual(['S01 1 1800.00']);
  });
});
