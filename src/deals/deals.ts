/**
 * Deals and refunds (RULES §G, §H): the record of each deal's stages and
 * money. Ownership reads the deal's stage (OWN-DEAL-PERMANENT, COL-AFTER-DEAL).
 */
import { emptyMap, get, set, type PMap } from '../_lib/pmap.js';
import { money } from '../_lib/money.js';
import type { DealStage } from '../events/common.js';
import { stageRank } from '../events/common.js';
import type { EventOf } from '../events/schema.js';
import type { Issue } from '../issues.js';
import type { Ctx } from '../office/context.js';

/**
 * A deal as recorded: its client, closer, unit and amounts (decimal strings).
 *
 * @example
 * ```ts
 * // { id: 'D1', client: 'e2', staff: 'S01', unit: '3-1202', stage: 'subscription', amount: '1250000', refunded: '0', ... }
 * ```
 */
export interface Deal {
  readonly id: string;
  readonly client: string;
  readonly staff: string;
  readonly unit: string;
  readonly productType: string | null;
  readonly amount: string;
  readonly stage: DealStage;
  readonly stages: readonly { readonly stage: DealStage; readonly at: number; readonly event: string }[];
  /** Total refunded so far, as a decimal string. */
  readonly refunded: string;
}

/**
 * The deals slice of an office state.
 *
 * @example
 * ```ts
 * // state.deals.deals: deal id → Deal
 * ```
 */
export interface DealsState {
  readonly deals: PMap<Deal>;
}

/** No deals yet. @internal */
export function initialDeals(): DealsState {
  return { deals: emptyMap() };
}

/** A deal by id. @internal */
export function dealOf(slice: DealsState, id: string): Deal | undefined {
  return get(slice.deals, id);
}

/**
 * The issue that makes a deal event invalid, if any: a non-positive amount,
 * or a deal id already used for another client (`client` is the resolved
 * client, undefined for a new one; `sameClient` compares client keys).
 * @internal
 */
export function dealIssue(slice: DealsState, event: EventOf<'closeDeal'>, client: string | undefined, sameClient: (a: string, b: string) => boolean): Issue | null {
  if (money(event.amount).lte(0)) {
    return { code: 'invalid_amount', path: ['amount'], event: event.id, message: `a deal amount must be positive, got ${event.amount}` };
  }
  const old = get(slice.deals, event.deal);
  if (old && (client === undefined || !sameClient(old.client, client))) {
    return { code: 'invalid_value', path: ['client'], event: event.id, message: `deal ${event.deal} belongs to client ${old.client}, not to this one` };
  }
  return null;
}

/**
 * Records a deal reaching a stage (DEAL-STAGES). Check {@link dealIssue} first.
 * @internal
 */
export function recordDeal(slice: DealsState, event: EventOf<'closeDeal'>, client: string, ctx: Ctx): { state: DealsState; deal: Deal } {
  const old = get(slice.deals, event.deal);
  const stages = [...(old?.stages ?? []), { stage: event.stage, at: ctx.at, event: event.id }];
  const deal: Deal = {
    id: event.deal,
    client: old?.client ?? client,
    staff: old?.staff ?? event.staff,
    unit: event.unit,
    productType: event.productType ?? old?.productType ?? null,
    amount: event.amount,
    stage: old && stageRank(old.stage) > stageRank(event.stage) ? old.stage : event.stage,
    stages,
    refunded: old?.refunded ?? '0',
  };
  return { state: { deals: set(slice.deals, deal.id, deal, ctx.edit) }, deal };
}

/**
 * Records a refund (RFD-CLAWBACK), or the issue that makes it invalid: an
 * unknown deal, a negative amount, or more than is left to refund.
 * @internal
 */
export function recordRefund(slice: DealsState, event: EventOf<'refund'>, ctx: Ctx): { state: DealsState; deal: Deal; full: boolean } | { issue: Issue } {
  const deal = get(slice.deals, event.deal);
  if (!deal) return { issue: { code: 'unknown_deal', path: ['deal'], event: event.id, message: `no deal "${event.deal}" to refund` } };
  const left = money(deal.amount).minus(deal.refunded);
  const amount = event.amount === undefined ? left : money(event.amount);
  if (amount.lte(0)) {
    return { issue: { code: 'invalid_amount', path: ['amount'], event: event.id, message: `a refund must be positive, got ${event.amount ?? '0'}` } };
  }
  if (amount.gt(left)) {
    return { issue: { code: 'invalid_amount', path: ['amount'], event: event.id, message: `refund ${amount.toString()} is more than the ${left.toString()} left on deal ${deal.id}` } };
  }
  const refunded = money(deal.refunded).plus(amount);
  const next: Deal = { ...deal, refunded: refunded.toString() };
  return { state: { deals: set(slice.deals, deal.id, next, ctx.edit) }, deal: next, full: refunded.eq(deal.amount) };
}
