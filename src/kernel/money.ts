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

/** The decimal-string pattern accepted for amounts: `123`, `-4.5`, `0.01`. */
export const DECIMAL_PATTERN = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** Parses a decimal string already validated by {@link DECIMAL_PATTERN}. */
export function money(value: string | number): Amount {
  return new Money(value);
}

/** Formats an amount with exactly two decimals (cents), never "-0.00". */
export function cents(value: Amount): string {
  return (value.isZero() ? value.abs() : value).toFixed(2);
}
