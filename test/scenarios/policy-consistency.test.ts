/**
 * Policies whose fields contradict each other or themselves (audit D,
 * findings 3, 6, 7, 8): each is refused with the path of the offending
 * field and a reason, and every preset still validates.
 */
import { describe, expect, it } from 'vitest';
import { createOffice, policySchema, presetNames, presetPolicy, validateTimeline, type PolicyInput } from '../../src/index.js';

/** The issues of a policy as `path: message` lines, or [] when it validates. */
function issues(policy: unknown): string[] {
  const r = validateTimeline(policy);
  return r.ok ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const rates = (neither: string, one: string, both: string, above: string): PolicyInput => ({ deals: { commission: { rates: { neither, one, both, above } } } });

describe('COM-RATE-TIERS: the tiers rise as more lines are met', () => {
  it('COM-RATE-TIERS: given descending rates, then the first rate out of order is refused, naming the rate it must reach', () => {
    expect(issues(rates('5', '4', '3', '1'))).toEqual(['deals.commission.rates.one: must be at least neither (5): the tiers rise as more lines are met (COM-RATE-TIERS)']);
  });

  it('COM-RATE-TIERS: given both and above swapped, then above is refused, compared as decimals', () => {
    expect(issues(rates('1.8', '2', '2.5', '2.3'))).toEqual(['deals.commission.rates.above: must be at least both (2.5): the tiers rise as more lines are met (COM-RATE-TIERS)']);
    expect(issues(rates('1.8', '2', '10', '9.99'))).toEqual(['deals.commission.rates.above: must be at least both (10): the tiers rise as more lines are met (COM-RATE-TIERS)']);
  });

  it('COM-RATE-TIERS: given one rate set and the rest left at 0, then the next rate is refused: meeting a line would pay less', () => {
    expect(issues({ deals: { commission: { rates: { neither: '2' } } } })).toEqual(['deals.commission.rates.one: must be at least neither (2): the tiers rise as more lines are met (COM-RATE-TIERS)']);
  });

  it('COM-RATE-TIERS: equal rates (a flat rate), 000 §14 and rising rates with trailing zeros validate', () => {
    expect(issues(rates('2', '2', '2', '2'))).toEqual([]);
    expect(issues(rates('1.8', '2', '2.3', '2.5'))).toEqual([]);
    expect(issues(rates('2.50', '2.5', '2.500', '3'))).toEqual([]);
    expect(issues({ deals: { commission: { rates: { above: '2.5' } } } })).toEqual([]);
  });
});

describe('CLM-QUOTA: the target-met quota is a raise, the no-signing quota a cut (002 §1.5 增至, 降至)', () => {
  it('CLM-QUOTA: given targetMet under limit and noSigning over it, then both are refused at their paths', () => {
    expect(issues({ periods: { quota: { limit: 50, targetMet: 10, noSigning: 90 } } })).toEqual([
      'periods.quota.targetMet: must be at least limit (50): meeting the target raises the quota (002 §1.5 增至)',
      'periods.quota.noSigning: must be at most limit (50): no signing lowers the quota (002 §1.5 降至)',
    ]);
  });

  it('CLM-QUOTA: given a limit above the default target-met quota, then targetMet is refused', () => {
    expect(issues({ periods: { quota: { limit: 100 } } })).toEqual(['periods.quota.targetMet: must be at least limit (100): meeting the target raises the quota (002 §1.5 增至)']);
  });

  it("CLM-QUOTA: 002's 50/80/30, the default and equal levels validate", () => {
    expect(issues({ periods: { quota: {} } })).toEqual([]);
    expect(issues({ periods: { quota: { limit: 40, targetMet: 40, noSigning: 40 } } })).toEqual([]);
  });
});

describe('DEAL-ABSENT-OWNER, DEAL-RECOGNITION-WINDOW, DEAL-LATER-DESIGNATION: a commission is "negotiated" or weights', () => {
  it('DEAL-ABSENT-OWNER: given a misspelt "negotiated", then the issue says what the field takes', () => {
    expect(issues({ deals: { splits: { absentOwner: { commission: 'negociated' } } } })).toEqual(['deals.splits.absentOwner.commission: must be "negotiated" or { owner, closer } weights']);
  });

  it('DEAL-ABSENT-OWNER: given weights written as strings, then each weight is named with its own issue', () => {
    expect(issues({ deals: { splits: { absentOwner: { commission: { owner: '80', closer: '20' } } } } })).toEqual([
      'deals.splits.absentOwner.commission.owner: Invalid input: expected number, received string',
      'deals.splits.absentOwner.commission.closer: Invalid input: expected number, received string',
    ]);
  });

  it('DEAL-LATER-DESIGNATION: given a number as the archive commission, then the issue names both forms', () => {
    expect(issues({ deals: { splits: { laterDesignation: { archive: { commission: 7 } } } } })).toEqual(['deals.splits.laterDesignation.archive.commission: must be "negotiated" or { receiver, original } weights']);
  });

  it('DEAL-RECOGNITION-WINDOW: given a typo key beside a bad weight, then both are named where they stand', () => {
    expect(issues({ deals: { splits: { recognition: { commission: { orignal: 50, closer: 'x' } } } } })).toEqual([
      'deals.splits.recognition.commission.closer: Invalid input: expected number, received string',
      'deals.splits.recognition.commission.orignal: unknown field "orignal"',
    ]);
  });

  it('DEAL-ABSENT-OWNER: "negotiated", weights and the defaults still parse as before', () => {
    const p = policySchema.parse({ deals: { splits: { absentOwner: { commission: 'negotiated' }, invited: { commission: { closer: 3 } }, recognition: {} } } });
    expect(p.deals.splits.absentOwner?.commission).toBe('negotiated');
    expect(p.deals.splits.invited?.commission).toEqual({ closer: 3, inviter: 50 });
    expect(p.deals.splits.recognition?.commission).toEqual({ original: 50, closer: 50 });
    expect(issues({ deals: { splits: { absentOwner: { commission: { owner: 0, closer: 0 } } } } })).toEqual(['deals.splits.absentOwner.commission: at least one weight must be above 0']);
  });
});

describe('options that only mean something with another one', () => {
  it('ROT-TEAM-ASSIST: given teamHandBack without absentOwner "team", then teamHandBack is refused', () => {
    expect(issues({ rotation: { teamHandBack: true, absentOwner: 'last' } })).toEqual(['rotation.teamHandBack: needs rotation.absentOwner "team": only a client another team received is handed back (ROT-TEAM-ASSIST)']);
    expect(issues({ rotation: { teamHandBack: true } })).toHaveLength(1);
    expect(issues({ rotation: { teamHandBack: true, absentOwner: 'team' } })).toEqual([]);
  });

  it('DEAL-ABSENT-OWNER (004e §5): given absentNamedUnlessNotice with no absentNamed split, then it is refused', () => {
    expect(issues({ deals: { splits: { absentNamedUnlessNotice: true } } })).toEqual(['deals.splits.absentNamedUnlessNotice: needs a deals.splits.absentNamed split: with null there is no split for a notice to lift (DEAL-ABSENT-OWNER)']);
    expect(issues({ deals: { splits: { absentNamed: {}, absentNamedUnlessNotice: true } } })).toEqual([]);
  });

  it('DEAL-ABSENT-OWNER: given absentOwnerSameDay with no absentOwner split, then it is refused', () => {
    expect(issues({ deals: { splits: { absentOwnerSameDay: true } } })).toEqual(['deals.splits.absentOwnerSameDay: needs a deals.splits.absentOwner split: with null the owner keeps every deal, there is no split to limit (DEAL-ABSENT-OWNER)']);
    expect(issues({ deals: { splits: { absentOwner: {}, absentOwnerSameDay: true } } })).toEqual([]);
  });
});

describe('lists name each item once', () => {
  it('REG-FIELDS, OWN-VALIDITY, ROT-APPOINTMENT, COL-CROSS-FAMILY: given an item listed twice, then the second is refused', () => {
    expect(issues({ registration: { requiredFields: ['name', 'name'] } })).toEqual(['registration.requiredFields.1: "name" is listed twice (first at 0)']);
    expect(issues({ ownership: { renewOn: ['visit', 'claim', 'visit'] } })).toEqual(['ownership.renewOn.2: "visit" is listed twice (first at 0)']);
    expect(issues({ rotation: { appointments: { allowedAbsence: ['busy', 'busy'] } } })).toEqual(['rotation.appointments.allowedAbsence.1: "busy" is listed twice (first at 0)']);
    expect(issues({ identity: { familyRelations: ['spouse'], familyPriority: ['colleague', 'spouse', 'spouse'] } })).toEqual(['identity.familyPriority.2: "spouse" is listed twice (first at 1)']);
  });

  it('CLM-WINDOW: given claim windows that overlap or repeat, then the later one is refused; windows that touch validate', () => {
    expect(issues({ claims: { windows: [{ from: '09:00', to: '12:00' }, { from: '10:00', to: '11:00' }] } })).toEqual(['claims.windows.1: 10:00-11:00 overlaps window 0 (09:00-12:00)']);
    expect(issues({ claims: { windows: [{ from: '09:00', to: '10:00' }, { from: '09:00', to: '10:00' }] } })).toEqual(['claims.windows.1: 09:00-10:00 overlaps window 0 (09:00-10:00)']);
    expect(issues({ claims: { windows: [{ from: '16:00', to: '17:00' }, { from: '09:00', to: '10:00' }, { from: '10:00', to: '11:00' }] } })).toEqual([]);
  });

  it('ROT-DUTY: given duty windows that overlap, also across midnight, then the later one is refused', () => {
    expect(issues({ rotation: { duty: { windows: [{ from: '12:00', to: '14:00' }, { from: '13:00', to: '15:00' }] } } })).toEqual(['rotation.duty.windows.1: 13:00-15:00 overlaps window 0 (12:00-14:00)']);
    expect(issues({ rotation: { duty: { windows: [{ from: '21:00', to: '08:00' }, { from: '07:30', to: '09:00' }] } } })).toEqual(['rotation.duty.windows.1: 07:30-09:00 overlaps window 0 (21:00-08:00)']);
    expect(issues({ rotation: { duty: { windows: [{ from: '12:00', to: '13:30' }, { from: '18:00', to: '09:00' }] } } })).toEqual([]);
  });
});

describe('timeZone: an IANA name in another case is the same zone', () => {
  it('given "asia/shanghai", then the policy keeps the canonical spelling, and a timeline may mix the two', () => {
    expect(policySchema.parse({ timeZone: 'asia/shanghai' }).timeZone).toBe('Asia/Shanghai');
    expect(policySchema.parse({ timeZone: 'AMERICA/NEW_YORK' }).timeZone).toBe('America/New_York');
    expect(policySchema.parse({ timeZone: 'utc' }).timeZone).toBe('UTC');
    expect(issues({ versions: [{ policy: { timeZone: 'asia/shanghai' } }, { from: '2026-12-01', policy: { timeZone: 'Asia/Shanghai' } }] })).toEqual([]);
  });

  it('a zone written as it is spelt stays as written, alias or not', () => {
    expect(policySchema.parse({ timeZone: 'US/Eastern' }).timeZone).toBe('US/Eastern');
    expect(policySchema.parse({ timeZone: 'Etc/UTC' }).timeZone).toBe('Etc/UTC');
    expect(issues({ timeZone: 'Mars/Olympus' })).toEqual(['timeZone: must be an IANA time zone such as "Asia/Shanghai"']);
  });
});

describe('presets stay valid under the new checks', () => {
  it.each(presetNames)('%s validates', (name) => {
    const r = createOffice(presetPolicy(name));
    expect(r.ok ? [] : r.issues).toEqual([]);
  });
});
