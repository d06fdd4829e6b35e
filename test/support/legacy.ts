/**
 * The default policy of salesfloor 0.1, before issue 11 made the default a
 * neutral common core: 004j's windows, 002's claims, after-deal rule and
 * fines, the 5:5 splits, 000's rate tiers and the busy make-up. Tests and
 * golden files that were written against those defaults pass it (or one of
 * its sections) explicitly, so that they keep checking what they meant to.
 */
import type { PolicyInput } from '../../src/index.js';

/** The 0.1 default of every field whose default changed (docs/policy-guide.md, "The default policy"). */
export const legacy = {
  ownership: { validityDays: { visit: 15, call: 7, claim: 10, preFile: 10, assigned: 15 } },
  collisions: { afterDealDays: 3, companyVsPerson: 'contractName' },
  disputes: { raiseSameDay: true, appealFailedFine: '400', overturnFine: '500' },
  rotation: { makeUps: { companyBusiness: 'once', busy: 'once' } },
  deals: {
    splits: {
      absentOwner: { credit: { owner: 100, closer: 0 }, commission: { owner: 50, closer: 50 } },
      invited: { credit: { closer: 50, inviter: 50 }, commission: { closer: 50, inviter: 50 } },
      crossFamily: { credit: { first: 100, other: 0 }, commission: { first: 50, other: 50 } },
      complaint: { credit: { server: 100, original: 0 }, commission: { server: 50, original: 50 } },
      complaintReferral: { credit: { server: 100, original: 0 }, commission: { server: 70, original: 30 } },
      concealment: true,
    },
    commission: { rates: { neither: '1.8', one: '2', both: '2.3', above: '2.5' } },
  },
  // The periods family's first defaults: 002's claim quota and the seeds' fine schedule.
  periods: {
    quota: {},
    fines: {
      schedule: {
        misconduct: { range: { min: '20', max: '200' }, cancelsClaim: false, source: '000 §18' },
        grabClient: { dayBase: '1', cancelsClaim: false, source: '003 篇十 4' },
        grabClientSerious: { monthBase: '1', monthBonus: '0.5', cancelsClaim: false, source: '003 篇十 4' },
        exposeRewardConflict: { amount: '1000', cancelsClaim: true, source: '004c 七.3' },
        ruleViolation: { cancelsClaim: true, source: '004c 七.2' },
      },
    },
  },
} as const satisfies PolicyInput;

type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `over` laid over `base`, objects merged key by key, anything else replaced. */
function merge(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
  return out;
}

/**
 * A policy on top of the 0.1 defaults: what a test written before issue 11
 * meant by "the default policy, plus these fields".
 *
 * @param policy - the fields the test sets itself
 * @example
 * ```ts
 * given(log, legacyWith({ ownership: { followUp: { withinDays: 10 } } }));
 * ```
 */
export function legacyWith(policy: PolicyInput = {}): PolicyInput {
  return merge(legacy, policy) as PolicyInput;
}
