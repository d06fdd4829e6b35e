import { describe, expect, it } from 'vitest';
import { validatePolicy } from '../../src/index.js';

const issuesOf = (visit: unknown) => {
  const r = validatePolicy({ ownership: { validityDays: { visit } } });
  return r.ok ? [] : r.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};
const EITHER = 'must be a whole number of days (0 to 3650) or { "months": n } calendar months (1 to 120)';

describe('OWN-VALIDITY: a window that is neither days nor calendar months is refused, naming the field and what it takes', () => {
  it.each([
    [-3, 'ownership.validityDays.visit', 'must be 0 or more'],
    [4000, 'ownership.validityDays.visit', 'must be at most 3650'],
    [2.5, 'ownership.validityDays.visit', EITHER],
    ['30', 'ownership.validityDays.visit', EITHER],
    [{}, 'ownership.validityDays.visit', EITHER],
    [{ months: 0 }, 'ownership.validityDays.visit.months', 'must be 1 or more'],
    [{ months: 121 }, 'ownership.validityDays.visit.months', 'must be at most 120'],
    [{ months: 1, days: 2 }, 'ownership.validityDays.visit.days', 'unknown field "days"'],
  ])('given validityDays.visit %j, then one issue at %s: %s', (visit, path, message) => {
    expect(issuesOf(visit)).toEqual([{ path, message }]);
  });

  it('given DEAL-RECOGNITION-WINDOW withinDays "a month", then one issue at its path saying what it takes; { months: 1 } is valid', () => {
    const r = validatePolicy({ deals: { splits: { recognition: { withinDays: 'a month' } } } });
    expect(r.ok ? [] : r.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['deals.splits.recognition.withinDays', EITHER]]);
    expect(validatePolicy({ deals: { splits: { recognition: { withinDays: { months: 1 } } } } }).ok).toBe(true);
  });

  it('given a valid window in days, in months or none, then the policy is valid', () => {
    for (const visit of [0, 90, { months: 3 }, null]) expect(issuesOf(visit)).toEqual([]);
  });
});
