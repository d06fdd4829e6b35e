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
 * Splits a reversed amount among the parts it is taken from (RFD-CLAWBACK,
 * COM-SPLIT-EXACT): what each part gives back, exactly to the cent. The
 * reversed cents go by the parts' sizes, as the seats of a divisor method
 * (Sainte-Laguë: the k-th cent of a part of p cents ranks at p / (k - ½),
 * ties to the earlier part), so that:
 * - each part gives back between nothing and all of itself, with the sign of the part;
 * - the parts' clawbacks add up to `reversed`;
 * - reversing more never gives a part back less: a later refund never moves a cent toward a party;
 * - reversing the whole gives back every part whole.
 *
 * The largest-remainder rule of {@link splitExact} has none of the last
 * two: split anew, a larger total can give a part less (the Alabama
 * paradox), and split refund by refund, one party can owe more than it holds.
 *
 * @param parts - the parts as booked, each a whole number of cents, all of one sign
 * @param reversed - how much of their sum is reversed, whole cents, of the same sign and at most the sum
 * @throws RangeError when `reversed` is not whole cents, or not between zero and the parts' sum
 * @example
 * ```ts
 * reverseExact([money('100000.00'), money('300000.02'), money('300000.02')], money('0.01'));
 * // [0, 0.01, 0]: the earlier of the two largest parts gives the cent back
 * ```
 */
export function reverseExact(parts: readonly Amount[], reversed: Amount): Amount[] {
  const held = parts.map((p) => p.times(100).abs());
  const whole = held.reduce((a, p) => a.plus(p), ZERO);
  const sign = parts.some((p) => p.lt(0)) ? -1 : 1;
  const seats = reversed.times(100).times(sign);
  if (!seats.isInteger() || seats.lt(0) || seats.gt(whole)) throw new RangeError(`reverseExact: cannot reverse ${reversed.toString()} of parts adding up to ${whole.div(100).times(sign).toString()}`);
  if (seats.isZero()) return parts.map(() => ZERO);
  if (seats.eq(whole)) return [...parts];
  // Every cent ranked at or above whole / seats: round(part × seats / whole), half up. A part's own cents
  // rank in decreasing order and are ranked above every cent it does not hold (p / (p + ½) < 1 ≤ whole / seats),
  // so the count is never above the part and the set is a prefix of one fixed order of all cents.
  const given = held.map((p) => p.times(seats).times(2).plus(whole).div(whole.times(2)).floor());
  let left = seats.minus(given.reduce((a, g) => a.plus(g), ZERO)).toNumber();
  // The next cent: the part whose next cent ranks highest, 2p / (2g + 1), the earlier one on a tie.
  while (left > 0) {
    let best = -1;
    for (let i = 0; i < held.length; i++) {
      const p = held[i] as Amount;
      if (p.isZero()) continue;
      if (best < 0 || p.times((given[best] as Amount).times(2).plus(1)).gt((held[best] as Amount).times((given[i] as Amount).times(2).plus(1)))) best = i;
    }
    given[best] = (given[best] as Amount).plus(1);
    left--;
  }
  // One cent too many: the part whose last cent ranks lowest, 2p / (2g - 1), the later one on a tie.
  while (left < 0) {
    let worst = -1;
    for (let i = 0; i < held.length; i++) {
      const g = given[i] as Amount;
      if (g.isZero()) continue;
      if (worst < 0 || !(held[i] as Amount).times((given[worst] as Amount).times(2).minus(1)).gt((held[worst] as Amount).times(g.times(2).minus(1)))) worst = i;
    }
    given[worst] = (given[worst] as Amount).minus(1);
    left++;
  }
  return given.map((g) => g.times(sign).div(100));
}

/**
 * What stands of each party's part of `total` once only `left` of it stands
 * (RFD-CLAWBACK): the split of the whole ({@link allocate}) less the split
 * of the reversed amount, `total - left`, by {@link reverseExact}. The parts
 * add up to `left`; as `left` falls, no part ever rises; at `left = total`
 * they are the split of the whole, at zero all zero. Shares that take
 * nothing (none, or all of weight zero) split `left` as {@link allocate} does.
 *
 * @throws RangeError when `total` or `left` is not whole cents, or `left` is not between zero and `total`
 * @example
 * ```ts
 * standing(money('700000.04'), money('700000.03'), [{ staff: 'S01', weight: '1' }, { staff: 'S02', weight: '3' }, { staff: 'S03', weight: '3' }], 'largestRemainder');
 * // Map { 'S01' => 100000.00, 'S02' => 300000.01, 'S03' => 300000.02 }
 * ```
 */
export function standing(total: Amount, left: Amount, shares: readonly Share[], remainder: Remainder): Map<string, Amount> {
  const whole = allocate(total, shares, remainder);
  if (left.eq(total)) return whole;
  const parts = [...whole.values()];
  // No shares, or none above zero: nothing was booked to any party, so there is nothing to give back either.
  if (!parts.reduce((a, p) => a.plus(p), ZERO).eq(total)) return allocate(left, shares, remainder);
  const back = reverseExact(parts, total.minus(left));
  return new Map([...whole.keys()].map((staff, i) => [staff, (parts[i] as Amount).minus(back[i] as Amount)]));
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
