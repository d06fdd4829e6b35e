/**
 * The deals slice (RULES §G, §H): each deal's stages and money, who holds
 * each unit (COL-SAME-UNIT), the deal's split and bookings as they stood at
 * close (the snapshot a refund reverses against), the append-only ledger and
 * each salesperson's monthly figures.
 */
import { z } from 'zod';
import { countSchema, keySchema, mapSchema, msSchema, stateDecimalSchema, textSchema, whenValid } from '../kernel/codec.js';
import { anyOrder, emptyMap, type PMap } from '../kernel/map.js';
import { Money } from '../kernel/money.js';
import { ruleIdSchema, type RuleId } from '../kernel/rules.js';
import { argsSchema, type Args } from '../kernel/decision.js';
import { dealStageSchema, type DealStage } from '../events/common.js';
import { ledgerEntrySchema, type LedgerEntry } from './decisions.js';
import type { CommissionPolicy } from './policy.js';
import { addShare, type Share } from './split.js';

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
 * split is awaited), the rules it rests on, why, and the event that set it.
 *
 * @example
 * ```ts
 * // { credit: [{ staff: 'S01', weight: '1' }], commission: [...], rules: ['DEAL-ABSENT-OWNER'], why: 'absentOwner', event: 'e40' }
 * ```
 */
export interface DealSplit {
  readonly credit: readonly Share[];
  readonly commission: readonly Share[] | null;
  readonly rules: readonly RuleId[];
  readonly evidence: readonly string[];
  /** The split's reason code, for its sentence. */
  readonly why: string;
  readonly args: Args;
  readonly event: string;
}

/**
 * The policy terms a deal closed under: the policy version whose deals
 * section (split cases, stages, rounding, remainders, re-tiering, bonuses,
 * what happens after a refund) governs the deal for good. Refunds and
 * adjustments use these, never today's.
 *
 * @example
 * ```ts
 * // { version: 0 } (the first version: the only one of an office without a timeline)
 * ```
 */
export interface Terms {
  /** The index of the policy version in the office's timeline. */
  readonly version: number;
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
  /**
   * The part of the deal refunds have reversed, 0 to 1 (RFD-CLAWBACK): each
   * refund adds its amount over what was paid when it was made, so a later
   * payment does not shrink it; a full refund makes it 1.
   */
  readonly refundedShare: string;
  /** Total paid as the stages reported it; null when none did (the amount counts as paid). */
  readonly paid: string | null;
  /** `refused`: another deal holds the unit (COL-SAME-UNIT). */
  readonly status: 'live' | 'refused';
  readonly refusal: { readonly rules: readonly RuleId[]; readonly holder: string; readonly holderAt: number; readonly unit: string } | null;
  readonly invitedBy: string | null;
  /**
   * Whether the inviter's invitation of this client was confirmed on arrival
   * (KPI-INVITE-CONFIRM), as another family knew it when the deal was
   * recorded, with its rule IDs and the arrival event; null: no record.
   */
  readonly invite: { readonly confirmed: boolean; readonly event: string; readonly rules: readonly RuleId[] } | null;
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
 * //   redTarget: '2000000', greenTarget: null, booked: '5000.00', waived: '0.00', version: 0 }
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
  /**
   * The policy version the month is tiered under: the one in force at the
   * month's latest event; after the month it keeps that version's rates.
   */
  readonly version: number;
}

/**
 * The last recognition fact of a client (DEAL-RECOGNITION-WINDOW, DEAL-EVENT,
 * DEAL-LATER-DESIGNATION): when and how it became known that the client is
 * an old client of their holder, who found them, and who follows up.
 *
 * @example
 * ```ts
 * // { at: 1793..., during: 'later', by: 'S02', follower: null, event: 'e17' }
 * ```
 */
export interface Recognition {
  readonly at: number;
  readonly during: 'reception' | 'later';
  readonly by: string | null;
  readonly follower: string | null;
  readonly event: string;
}

/**
 * A marketing event or launch with its start and end, epoch ms (DEAL-EVENT).
 *
 * @example
 * ```ts
 * // { from: 1793..., to: 1793..., name: '开盘', event: 'e18' }
 * ```
 */
export interface MarketingEvent {
  readonly from: number;
  readonly to: number;
  readonly name: string | null;
  readonly event: string;
}

/**
 * The deals slice of an office state.
 *
 * @example
 * ```ts
 * dealsOf(state).length; // deals on record
 * ```
 */
export interface DealsState {
  readonly deals: PMap<Deal>;
  /** Unit → the deal that holds it (COL-SAME-UNIT). */
  readonly units: PMap<string>;
  /** The ledger, keyed in time order. */
  readonly ledger: PMap<LedgerEntry>;
  /** `<YYYY-MM> <staff>` → the month's figures. */
  readonly tallies: PMap<Tally>;
  /** Client → their last recognition fact. */
  readonly recognitions: PMap<Recognition>;
  /** Marketing events, by start. */
  readonly events: readonly MarketingEvent[];
}

const NO_EVENTS: readonly MarketingEvent[] = Object.freeze([]);

/** No deals yet. @internal */
export function initialDeals(): DealsState {
  return { deals: emptyMap(), units: emptyMap(), ledger: emptyMap(), tallies: emptyMap(), recognitions: emptyMap(), events: NO_EVENTS };
}

const money = stateDecimalSchema;
const period = z.string().regex(/^\d{4}-\d{2}$/, 'must be a month YYYY-MM');
const shareSchema = z.strictObject({ staff: keySchema, weight: money });
const bookingSchema = z
  .strictObject({
    period,
    event: keySchema,
    total: money,
    parts: z.array(z.strictObject({ staff: keySchema, base: money, accrued: money, net: money, waived: money })),
  })
  .nullable();
const countedSchema = z.strictObject({ period, parts: z.array(z.strictObject({ staff: keySchema, amount: money })) }).nullable();

const dealSchema = z.strictObject({
  id: keySchema,
  client: keySchema,
  staff: keySchema,
  unit: textSchema,
  productType: textSchema.nullable(),
  amount: money,
  stage: dealStageSchema,
  stages: z.array(z.strictObject({ stage: dealStageSchema, at: msSchema, event: keySchema })).min(1),
  refunded: money,
  // Added with fixed refund shares: an older snapshot has none (derived below).
  refundedShare: z.string().regex(/^(0|1|0\.\d{1,40})$/, 'must be a share from 0 to 1').exactOptional(),
  paid: money.nullable(),
  status: z.enum(['live', 'refused']),
  refusal: z.strictObject({ rules: z.array(ruleIdSchema), holder: keySchema, holderAt: msSchema, unit: textSchema }).nullable(),
  invitedBy: keySchema.nullable(),
  // Added with the periods family: older snapshots have none.
  invite: z.strictObject({ confirmed: z.boolean(), event: keySchema, rules: z.array(ruleIdSchema) }).nullable().default(null),
  discountBy: keySchema.nullable(),
  split: z
    .strictObject({
      credit: z.array(shareSchema),
      commission: z.array(shareSchema).nullable(),
      rules: z.array(ruleIdSchema),
      evidence: z.array(keySchema),
      why: keySchema,
      args: argsSchema,
      event: keySchema,
    })
    .nullable(),
  // The policy version the deal closed under; a version 2 snapshot kept the terms by value, under its one policy (version 0).
  terms: z
    .union([
      z.strictObject({ version: countSchema }),
      z.strictObject({ rounding: z.enum(['halfUp', 'halfEven', 'down']), remainder: z.enum(['largestRemainder', 'first']), retier: z.enum(['recompute', 'keep']) }).transform(() => ({ version: 0 })),
    ])
    .nullable(),
  credit: bookingSchema,
  commission: bookingSchema,
  bonus: bookingSchema,
  counted: z.strictObject({ base: countedSchema, red: countedSchema, green: countedSchema }),
}).transform(
  // Written whole, in the order the engine builds a deal (one hidden class), with the share an older snapshot lacks.
  (d): Deal => ({
    id: d.id,
    client: d.client,
    staff: d.staff,
    unit: d.unit,
    productType: d.productType,
    amount: d.amount,
    stage: d.stage,
    stages: d.stages,
    refunded: d.refunded,
    refundedShare: d.refundedShare ?? shareAsOf(d),
    paid: d.paid,
    status: d.status,
    refusal: d.refusal,
    invitedBy: d.invitedBy,
    invite: d.invite,
    discountBy: d.discountBy,
    split: d.split,
    terms: d.terms,
    credit: d.credit,
    commission: d.commission,
    bonus: d.bonus,
    counted: d.counted,
  }),
);

/**
 * The refunded share of a deal from a snapshot written before deals kept
 * one: what the engine then reversed, the refunded total over what was paid
 * by the snapshot (the amount when no stage reported a payment), and all of
 * it once wholly refunded. From there on, later payments leave it as it is.
 */
function shareAsOf(d: { readonly refunded: string; readonly paid: string | null; readonly amount: string }): string {
  const refunded = new Money(d.refunded);
  return refunded.isZero() ? '0' : addShare('0', refunded, new Money(d.paid ?? d.amount));
}

const recognitionSchema = z.strictObject({ at: msSchema, during: z.enum(['reception', 'later']), by: keySchema.nullable(), follower: keySchema.nullable(), event: keySchema });
const marketingEventSchema = z.strictObject({ from: msSchema, to: msSchema, name: textSchema.nullable(), event: keySchema });

const tallySchema = z.strictObject({
  staff: keySchema,
  period,
  base: money,
  red: money,
  green: money,
  redTarget: money.nullable(),
  greenTarget: money.nullable(),
  booked: money,
  waived: money,
  // The version the month is tiered under; version 2 snapshots had one policy.
  version: countSchema.default(0),
});

/**
 * The deals slice in snapshot form, checked and decoded (issue 13): every
 * unit is held by a deal on record.
 * @internal
 */
export const dealsSliceSchema: z.ZodType<DealsState, unknown> = z
  .strictObject({
    deals: mapSchema(dealSchema, (d) => d.id),
    units: mapSchema(keySchema),
    ledger: mapSchema(ledgerEntrySchema),
    tallies: mapSchema(tallySchema, (t) => `${t.period} ${t.staff}`),
    // Slices keep their shape across releases: a field added since the snapshot was written starts empty.
    recognitions: mapSchema(recognitionSchema).default(() => emptyMap<Recognition>()),
    events: z.array(marketingEventSchema).default(() => []),
  })
  .superRefine((s, ctx) => {
    for (const [unit, deal] of anyOrder(s.units)) {
      if (s.deals.get(deal) === undefined) ctx.addIssue({ code: 'custom', path: ['units', unit.slice(0, 100)], message: `is held by no deal on record ("${deal.slice(0, 60)}")` });
    }
  }, whenValid);
