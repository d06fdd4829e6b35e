/**
 * Exact money splits (COM-SPLIT-EXACT): every part is a whole number of
 * cents and the parts always add up to the whole. Parts are first rounded
 * toward zero; the cents left over go by the policy's remainder rule.
 * @internal
 */
import type Decimal from 'decimal.js';
import { Money, money, type Amount } from '../kernel/money.js';
import type { CommissionPolicy } from './policy.js';

/** How amounts are rounded to the cent. */
export type Rounding = CommissionPolicy['rounding'];
/** Who gets the cents a split leaves over. */
export type Remainder = CommissionPolicy['remainder'];

const MODES: Record<Rounding, Decimal.Rounding> = {
  halfUp: Money.ROUND_HALF_UP,
  halfEven: Money.ROUND_HALF_EVEN,
  down: Money.ROUND_DOWN,
};

/** Zero. */
export const ZERO: Amount = money(0);

/** Rounds to the cent. */
export function toCents(value: Amount, rounding: Rounding): Amount {
  return value.toDecimalPlaces(2, MODES[rounding]);
}

/**
 * A party of a split and its relative weight (a positive decimal string).
 *
 * @example
 * ```ts
 * // [{ staff: 'S01', weight: '80' }, { staff: 'S02', weight: '20' }]
 * ```
 */
export interface Share {
  readonly staff: string;
  readonly weight: string;
}

/** Merges a staff member listed twice and drops zero weights, keeping the order of first appearance. */
export function normalizeShares(shares: readonly Share[]): Share[] {
  const byStaff = new Map<string, Amount>();
  for (const s of shares) {
    const w = money(s.weight);
    if (w.lte(0)) continue;
    byStaff.set(s.staff, (byStaff.get(s.staff) ?? ZERO).plus(w));
  }
  return [...byStaff].map(([staff, w]) => ({ staff, weight: w.toString() }));
}

/** The most decimals a refunded share keeps: with amounts below 10^15, its product with one is off by under 10^-24. */
const SHARE_DECIMALS = 40;

/**
 * A refunded share (RFD-CLAWBACK) grown by `part` of `whole`: `share + part / whole`,
 * capped at 1, as a decimal string of at most 40 decimals.
 *
 * @example
 * ```ts
 * addShare('0', money('10000'), money('20000')); // '0.5'
 * addShare('0.5', money('10000'), money('1000000')); // '0.51'
 * ```
 */
export function addShare(share: string, part: Amount, whole: Amount): string {
  if (part.isZero()) return share;
  const next = whole.lte(part) ? money(1) : money(share).plus(part.div(whole)).toDecimalPlaces(SHARE_DECIMALS);
  return (next.gt(1) ? money(1) : next).toString();
}

/** Each share's fraction of the whole, for display (up to 6 decimals). */
export function fractions(shares: readonly Share[]): { staff: string; share: string }[] {
  const total = shares.reduce((sum, s) => sum.plus(s.weight), ZERO);
  return shares.map((s) => ({ staff: s.staff, share: total.isZero() ? '0' : money(s.weight).div(total).toDecimalPlaces(6).toString() }));
}

/**
 * Splits an amount of whole cents by weights, exactly: the parts add up to
 * `total` to the cent (COM-SPLIT-EXACT). Each part is first cut toward zero;
 * the leftover cents go one by one to the largest fractional parts (ties to
 * the earlier party), or all to the first party.
 * @throws RangeError when `total` is not a whole number of cents: a caller rounds it first, by the policy's rounding
 */
export function splitExact(total: Amount, weights: readonly Amount[], remainder: Remainder): Amount[] {
  const cents = total.times(100);
  // A fraction of a cent left over would be handed out as a whole one: an invented cent.
  if (!cents.isInteger()) throw new RangeError(`splitExact: the total ${total.toString()} is not a whole number of cents; round it to the cent first`);
  const sum = weights.reduce((a, w) => a.plus(w), ZERO);
  if (weights.length === 0) return [];
  if (sum.isZero()) return weights.map(() => ZERO);
  const sign = cents.isNegative() ? -1 : 1;
  const whole = cents.abs();
  const raw = weights.map((w) => whole.times(w).div(sum));
  const parts = raw.map((r) => r.floor());
  let left = whole.minus(parts.reduce((a, p) => a.plus(p), ZERO)).toNumber();
  if (remainder === 'first') {
    const first = weights.findIndex((w) => w.gt(0));
    parts[first] = (parts[first] as Amount).plus(left);
  } else {
    const order = raw
      .map((r, i) => ({ i, frac: r.minus(parts[i] as Amount) }))
      .sort((a, b) => b.frac.comparedTo(a.frac) || a.i - b.i);
    for (const { i } of order) {
      if (left <= 0) break;
      parts[i] = (parts[i] as Amount).plus(1);
      left--;
    }
  }
  return parts.map((p) => p.times(sign).div(100));
}

/**
 * Splits an amount among shares (COM-SPLIT-EXACT).
 *
 * @throws RangeError when `total` is not a whole number of cents (see {@link splitExact})
 * @example
 * ```ts
 * allocate(money('100.01'), [{ staff: 'A', weight: '1' }, { staff: 'B', weight: '1' }], 'largestRemainder');
 * // Map { 'A' => 50.01, 'B' => 50.00 }
 * ```
 */
export function allocate(total: Amount, shares: readonly Share[], remainder: Remainder): Map<string, Amount> {
  // Most deals go wholly to one person: no arithmetic needed for that (an amount in whole cents is its own split).
  if (shares.length === 1 && money(shares[0]?.weight ?? '0').gt(0) && total.times(100).isInteger()) return new Map([[(shares[0] as Share).staff, total]]);
  const parts = splitExact(total, shares.map((s) => money(s.weight)), remainder);
  return new Map(shares.map((s, i) => [s.staff, parts[i] ?? ZERO]));
}
