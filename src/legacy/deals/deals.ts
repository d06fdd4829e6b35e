/**
 * Deals and refunds (RULES §G, §H): the record of each deal's stages and
 * money, who holds each unit (COL-SAME-UNIT), and the deal's split and
 * bookings as they stood at close (the snapshot a refund reverses against).
 * Ownership reads the deal's stage (OWN-DEAL-PERMANENT, COL-AFTER-DEAL).
 */
import { emptyMap, get, remove, set, type PMap } from '../_lib/pmap.js';
import { money, type Amount } from '../../kernel/money.js';
import type { LedgerEntry } from '../decisions.js';
import type { DealStage } from '../../events/common.js';
import { stageRank } from '../../events/common.js';
import type { EventOf } from '../../events/schema.js';
import type { Issue } from '../../kernel/issues.js';
import type { Ctx } from '../office/context.js';
import type { RuleId } from '../../kernel/rules.js';
import type { CommissionPolicy } from '../../deals/policy.js';
import type { Share } from './split.js';

/**
 * One person's part of a booking: the base it was booked on at close, what
 * was booked then, what stands now, and (when the policy keeps tiers after
 * refunds) how much of it refunds took back.
 *
 * @example
 * ```ts
 * // { staff: 'S01', base: '500000.00', accrued: '900.00', net: '900.00', waived: '0.00' }
 * ```
 */
export interface Part {
  readonly staff: string;
  readonly base: string;
  readonly accrued: string;
  readonly net: string;
  readonly waived: string;
}

/**
 * A deal's booking of credit, commission or bonus: the month it concerns,
 * the event that first booked it, the total it was booked on, and its parts.
 *
 * @example
 * ```ts
 * // { period: '2026-11', event: 'e40', total: '1000000.00', parts: [...] }
 * ```
 */
export interface Booking {
  readonly period: string;
  readonly event: string;
  readonly total: string;
  readonly parts: readonly Part[];
}

/**
 * What a deal counts toward its parties' monthly figures: the commission
 * base and the red and green lines (COM-RATE-TIERS).
 *
 * @example
 * ```ts
 * // { period: '2026-11', parts: [{ staff: 'S01', amount: '1000000.00' }] }
 * ```
 */
export interface Counted {
  readonly period: string;
  readonly parts: readonly { readonly staff: string; readonly amount: string }[];
}

/**
 * The deal's split: credit shares, commission shares (null: a negotiated
 * split is awaited), the rules it rests on and the event that set it.
 *
 * @example
 * ```ts
 * // { credit: [{ staff: 'S01', weight: '1' }], commission: [...], rules: ['DEAL-ABSENT-OWNER'], note: '...', event: 'e40' }
 * ```
 */
export interface DealSplit {
  readonly credit: readonly Share[];
  readonly commission: readonly Share[] | null;
  readonly rules: readonly RuleId[];
  readonly note: string;
  readonly event: string;
}

/**
 * The policy terms a deal closed under: refunds and adjustments use these,
 * never today's.
 *
 * @example
 * ```ts
 * // { rounding: 'halfUp', remainder: 'largestRemainder', retier: 'recompute' }
 * ```
 */
export interface Terms {
  readonly rounding: CommissionPolicy['rounding'];
  readonly remainder: CommissionPolicy['remainder'];
  readonly retier: CommissionPolicy['retierOnRefund'];
}

/**
 * A deal as recorded: its client, closer, unit and amounts (decimal strings),
 * its stages, its split and its bookings.
 *
 * @example
 * ```ts
 * // { id: 'D1', client: 'e2', staff: 'S01', unit: '3-1202', stage: 'subscription', amount: '1250000', refunded: '0', status: 'live', ... }
 * ```
 */
export interface Deal {
  readonly id: string;
  readonly client: string;
  /** Who closed the deal. */
  readonly staff: string;
  readonly unit: string;
  readonly productType: string | null;
  readonly amount: string;
  readonly stage: DealStage;
  readonly stages: readonly { readonly stage: DealStage; readonly at: number; readonly event: string }[];
  /** Total refunded so far, as a decimal string. */
  readonly refunded: string;
  /** Total paid as the stages reported it; null when none did (the amount counts as paid). */
  readonly paid: string | null;
  /** `refused`: another deal holds the unit (COL-SAME-UNIT). */
  readonly status: 'live' | 'refused';
  readonly refusal: { readonly rules: readonly RuleId[]; readonly note: string; readonly holder: string } | null;
  readonly invitedBy: string | null;
  readonly discountBy: string | null;
  readonly split: DealSplit | null;
  readonly terms: Terms | null;
  readonly credit: Booking | null;
  readonly commission: Booking | null;
  readonly bonus: Booking | null;
  readonly counted: { readonly base: Counted | null; readonly red: Counted | null; readonly green: Counted | null };
}

/**
 * One salesperson's figures for one month (COM-RATE-TIERS): commission base,
 * red and green line attainment, targets, and the commission booked for it.
 *
 * @example
 * ```ts
 * // { staff: 'S01', period: '2026-11', base: '2500000.00', red: '2500000.00', green: '0.00',
 * //   redTarget: '2000000', greenTarget: null, booked: '5000.00', waived: '0.00' }
 * ```
 */
export interface Tally {
  readonly staff: string;
  readonly period: string;
  readonly base: string;
  readonly red: string;
  readonly green: string;
  readonly redTarget: string | null;
  readonly greenTarget: string | null;
  /** Commission booked for this month (rate part), every entry included. */
  readonly booked: string;
  /** With tiers kept after refunds: what refunds took back, which the month does not re-tier for. */
  readonly waived: string;
}

/**
 * The deals slice of an office state.
 *
 * @example
 * ```ts
 * // state.deals.deals: deal id → Deal; state.deals.ledger: the append-only ledger
 * ```
 */
export interface DealsState {
  readonly deals: PMap<Deal>;
  /** Unit → the deal that holds it (COL-SAME-UNIT). */
  readonly units: PMap<string>;
  /** The ledger, keyed in time order. */
  readonly ledger: PMap<LedgerEntry>;
  /** `<staff> <YYYY-MM>` → the month's figures. */
  readonly tallies: PMap<Tally>;
}

/** No deals yet. @internal */
export function initialDeals(): DealsState {
  return { deals: emptyMap(), units: emptyMap(), ledger: emptyMap(), tallies: emptyMap() };
}

/** A deal by id. @internal */
export function dealOf(slice: DealsState, id: string): Deal | undefined {
  return get(slice.deals, id);
}

/** The money a refund is measured against: what was paid, or the amount when no stage reported a payment. @internal */
export function paidBase(deal: Pick<Deal, 'paid' | 'amount'>): Amount {
  return money(deal.paid ?? deal.amount);
}

/** Whether a deal still stands: recorded and not wholly refunded (a deal with nothing paid yet stands). @internal */
export function isLive(deal: Deal): boolean {
  const refunded = money(deal.refunded);
  return deal.status === 'live' && (refunded.isZero() || refunded.lt(paidBase(deal)));
}

function invalidAmount(event: string, path: string, message: string): Issue {
  return { code: 'invalid_amount', path: [path], event, message };
}

/**
 * The issue that makes a deal event invalid, if any: a non-positive amount,
 * a negative payment, an amount below what was already refunded, or a deal
 * id already used for another client (`client` is the resolved client,
 * undefined for a new one; `sameClient` compares client keys).
 * @internal
 */
export function dealIssue(slice: DealsState, event: EventOf<'closeDeal'>, client: string | undefined, sameClient: (a: string, b: string) => boolean): Issue | null {
  if (money(event.amount).lte(0)) return invalidAmount(event.id, 'amount', `a deal amount must be positive, got ${event.amount}`);
  if (event.paid !== undefined && money(event.paid).lt(0)) return invalidAmount(event.id, 'paid', `a payment cannot be negative, got ${event.paid}`);
  const old = get(slice.deals, event.deal);
  if (old && (client === undefined || !sameClient(old.client, client))) {
    return { code: 'invalid_value', path: ['client'], event: event.id, message: `deal ${event.deal} belongs to client ${old.client}, not to this one` };
  }
  if (old?.status === 'live') {
    const paid = event.paid === undefined ? old.paid : money(old.paid ?? 0).plus(event.paid).toString();
    const base = paidBase({ paid, amount: event.amount });
    if (base.lt(old.refunded)) {
      return invalidAmount(event.id, paid === null ? 'amount' : 'paid', `this would leave ${base.toString()} paid on deal ${old.id}, below the ${old.refunded} already refunded`);
    }
  }
  return null;
}

/**
 * The live deal that holds a unit against this one, if the policy lets the
 * first deposit win (COL-SAME-UNIT).
 * @internal
 */
export function unitHolder(slice: DealsState, unit: string, deal: string, ctx: Ctx): Deal | null {
  if (ctx.policy.deals.sameUnit !== 'firstDeposit') return null;
  const holder = get(slice.units, unit);
  if (holder === undefined || holder === deal) return null;
  const other = get(slice.deals, holder);
  return other && isLive(other) ? other : null;
}

function stagesOf(old: Deal | undefined, event: EventOf<'closeDeal'>, ctx: Ctx): Pick<Deal, 'stage' | 'stages'> {
  const stages = [...(old?.stages ?? []), { stage: event.stage, at: ctx.at, event: event.id }];
  const stage = old && stageRank(old.stage) > stageRank(event.stage) ? old.stage : event.stage;
  return { stage, stages };
}

/**
 * Records a deal refused because another deal holds its unit (COL-SAME-UNIT).
 * @internal
 */
export function refuseDeal(slice: DealsState, event: EventOf<'closeDeal'>, client: string, holder: Deal, ctx: Ctx): { state: DealsState; deal: Deal } {
  const old = get(slice.deals, event.deal);
  const note = `unit ${event.unit} is held by deal ${holder.id}, whose deposit came first (${ctx.calendar.localIso(holder.stages[0]?.at ?? ctx.at)}): deal ${event.deal} is refused`;
  const refusal = { rules: ['COL-SAME-UNIT'] as RuleId[], note, holder: holder.id };
  // A live deal that tries to move to a held unit keeps its own unit.
  if (old?.status === 'live') return { state: slice, deal: { ...old, refusal } };
  const deal: Deal = { ...(old ?? blank(event, client)), ...stagesOf(old, event, ctx), unit: event.unit, amount: event.amount, refusal };
  return { state: { ...slice, deals: set(slice.deals, deal.id, deal, ctx.edit) }, deal };
}

function blank(event: EventOf<'closeDeal'>, client: string): Deal {
  return {
    id: event.deal,
    client,
    staff: event.staff,
    unit: event.unit,
    productType: event.productType ?? null,
    amount: event.amount,
    stage: event.stage,
    stages: [],
    refunded: '0',
    paid: null,
    status: 'refused',
    refusal: null,
    invitedBy: event.invitedBy ?? null,
    discountBy: event.discountBy ?? null,
    split: null,
    terms: null,
    credit: null,
    commission: null,
    bonus: null,
    counted: { base: null, red: null, green: null },
  };
}

/**
 * Records a deal reaching a stage (DEAL-STAGES) and lets it hold its unit
 * (COL-SAME-UNIT). Check {@link dealIssue} and {@link unitHolder} first.
 * @internal
 */
export function recordDeal(slice: DealsState, event: EventOf<'closeDeal'>, client: string, ctx: Ctx): { state: DealsState; deal: Deal } {
  const found = get(slice.deals, event.deal);
  const old = found?.status === 'live' ? found : undefined;
  const paid = event.paid === undefined ? (old?.paid ?? null) : money(old?.paid ?? 0).plus(event.paid).toString();
  const deal: Deal = {
    ...(old ?? blank(event, client)),
    ...stagesOf(old, event, ctx),
    unit: event.unit,
    productType: event.productType ?? old?.productType ?? null,
    amount: event.amount,
    paid,
    status: 'live',
    refusal: null,
    invitedBy: event.invitedBy ?? old?.invitedBy ?? null,
    discountBy: event.discountBy ?? old?.discountBy ?? null,
  };
  let units = slice.units;
  if (old && old.unit !== deal.unit && get(units, old.unit) === deal.id) units = remove(units, old.unit, ctx.edit);
  if (isLive(deal)) units = set(units, deal.unit, deal.id, ctx.edit);
  return { state: { ...slice, deals: set(slice.deals, deal.id, deal, ctx.edit), units }, deal };
}

/**
 * The issue that makes a refund invalid, if any: an unknown or refused deal,
 * a non-positive amount, or more than is left of what was paid.
 * @internal
 */
export function refundIssue(slice: DealsState, event: EventOf<'refund'>): Issue | null {
  const deal = get(slice.deals, event.deal);
  if (!deal) return { code: 'unknown_deal', path: ['deal'], event: event.id, message: `no deal "${event.deal}" to refund` };
  if (deal.status === 'refused') return { code: 'invalid_value', path: ['deal'], event: event.id, message: `deal ${deal.id} was refused (${deal.refusal?.note ?? 'not recorded'}): nothing was paid to refund` };
  const left = paidBase(deal).minus(deal.refunded);
  const amount = event.amount === undefined ? left : money(event.amount);
  if (amount.lte(0)) {
    return invalidAmount(event.id, 'amount', left.lte(0) && event.amount === undefined ? `deal ${deal.id} is already wholly refunded` : `a refund must be positive, got ${event.amount ?? '0'}`);
  }
  if (amount.gt(left)) return invalidAmount(event.id, 'amount', `refund ${amount.toString()} is more than the ${left.toString()} paid and not yet refunded on deal ${deal.id}`);
  return null;
}

/**
 * Records a refund (RFD-CLAWBACK). Check {@link refundIssue} first. A deal
 * refunded in full gives its unit back (COL-SAME-UNIT).
 * @internal
 */
export function recordRefund(slice: DealsState, event: EventOf<'refund'>, ctx: Ctx): { state: DealsState; deal: Deal; full: boolean } {
  const deal = get(slice.deals, event.deal) as Deal;
  const left = paidBase(deal).minus(deal.refunded);
  const refunded = money(deal.refunded).plus(event.amount ?? left);
  const next: Deal = { ...deal, refunded: refunded.toString() };
  const full = !isLive(next);
  const units = full && get(slice.units, deal.unit) === deal.id ? remove(slice.units, deal.unit, ctx.edit) : slice.units;
  return { state: { ...slice, deals: set(slice.deals, deal.id, next, ctx.edit), units }, deal: next, full };
}
