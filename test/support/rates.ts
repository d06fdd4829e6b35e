import type { PolicyInput } from '../../src/index.js';

/**
 * A policy with a flat commission rate laid over it. Seeds that name no rate
 * take the neutral default, which books no commission (COM-RATE-TIERS), so a
 * split of the commission would only show as zeros; the tests of those
 * presets lay 1.8‰ over them to see the shares as amounts.
 */
export function withFlatRate(policy: PolicyInput, rate = '1.8'): PolicyInput {
  const deals = policy.deals ?? {};
  return { ...policy, deals: { ...deals, commission: { ...deals.commission, rates: { neither: rate, one: rate, both: rate, above: rate } } } };
}
