/**
 * A deal handed over whole to one party after its split was decided: the
 * ownership rules that move a dealt client (a collision found after the
 * deal, a client recognized by their original, a quarrel whose unit goes to
 * the department) hand the deal's credit and commission over with their own
 * rule IDs. What was already booked moves as adjustments (COM-SPLIT-EXACT).
 * @internal
 */
import type { Args } from '../kernel/decision.js';
import type { RuleId } from '../kernel/rules.js';
import { allocationDecision, book } from './deals.js';
import type { DealsCtx } from './ledger.js';
import { resplit, termsOf } from './ledger.js';
import type { DealSplit } from './state.js';

/**
 * A deal's credit and commission handed over whole to one party, with the
 * rule IDs, evidence and sentence of the rule that moved them.
 *
 * @example
 * ```ts
 * // { deal: 'D1', to: 'S02', rules: ['COL-AFTER-DEAL'], evidence: ['e40'], note: 'the collision was found after the deal' }
 * ```
 */
export interface HandOver {
  readonly deal: string;
  /** The party that takes the deal: a salesperson, or a ledger party such as the department. */
  readonly to: string;
  readonly rules: readonly RuleId[];
  readonly evidence: readonly string[];
  /** Why, in words, for the allocation's sentence. */
  readonly note: string;
  readonly args?: Args | undefined;
}

/**
 * Hands a deal over whole to one party. A deal not on record, refused, not
 * yet split or already wholly with that party is left as it is.
 *
 * @returns whether the split changed
 * @internal
 */
export function handOverDeal(c: DealsCtx, h: HandOver): boolean {
  const deal = c.s.deals.get(h.deal);
  if (!deal || deal.status !== 'live' || deal.split === null) return false;
  const old = deal.split;
  const whole = (shares: DealSplit['credit'] | null) => shares !== null && shares.length === 1 && shares[0]?.staff === h.to;
  if (whole(old.credit) && whole(old.commission)) return false;
  const all = [{ staff: h.to, weight: '1' }];
  const split: DealSplit = { credit: all, commission: all, rules: h.rules, evidence: h.evidence, why: 'reassigned', args: { ...h.args, to: h.to, note: h.note }, event: c.tx.id };
  // Handed over under the terms the deal closed under, never today's.
  book(c, resplit(deal, split, termsOf(c, deal)), 'split');
  allocationDecision(c, deal, split);
  return true;
}
