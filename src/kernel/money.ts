/**
 * Exact money. Amounts enter and leave as decimal strings and are held as
 * decimal.js values in between; floats never touch money.
 *
 * @internal
 */
import Decimal from 'decimal.js';

/** A Decimal constructor with enough precision for any office's amounts. */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });

/** A decimal value. */
export type Amount = InstanceType<typeof Money>;

/** The most digits before the decimal point of an amount (below 10^15, far above any office's figures). */
export const MAX_INTEGER_DIGITS = 15;
/** The most digits after the decimal point of an amount or weight. */
export const MAX_FRACTION_DIGITS = 10;

/**
 * The decimal-string pattern accepted for amounts: `123`, `-4.5`, `0.01`,
 * with at most {@link MAX_INTEGER_DIGITS} digits before the point and
 * {@link MAX_FRACTION_DIGITS} after. Bounded so that no amount is rounded
 * ({@link Money} keeps 40 significant digits) and a line of a million
 * zeros is refused at once; the quantifiers are bounded and anchored, so
 * the test stops after a few dozen characters whatever the input.
 */
export const DECIMAL_PATTERN = /^-?(0|[1-9]\d{0,14})(\.\d{1,10})?$/;

// Ledgers parse the same few strings ('0.00', a deal's amount, a weight) again and again; an amount is
// immutable, so one parse can serve them all. Bounded: cleared whole when full.
const parsed = new Map<string, Amount>();
const PARSED_MAX = 4096;

/** Parses a decimal string already validated by {@link DECIMAL_PATTERN} (the same string gives the same immutable amount). */
export function money(value: string | number): Amount {
  if (typeof value !== 'string') return new Money(value);
  let amount = parsed.get(value);
  if (amount === undefined) {
    if (parsed.size >= PARSED_MAX) parsed.clear();
    amount = new Money(value);
    parsed.set(value, amount);
  }
  return amount;
}

/** Formats an amount with exactly two decimals (cents), never "-0.00". */
export function cents(value: Amount): string {
  return (value.isZero() ? value.abs() : value).toFixed(2);
}
