/**
 * What the periods read of other families, as the office gives it to them.
 * @internal
 */

/**
 * A salesperson's month as the deals family has it (COM-RATE-TIERS): the
 * red and green lines against their targets, and the commission booked.
 *
 * @example
 * ```ts
 * // { red: '2500000.00', redTarget: '2000000', green: '0.00', greenTarget: '1000000', bonus: '5750.00' }
 * ```
 */
export interface MonthFigures {
  readonly red: string;
  readonly redTarget: string | null;
  readonly green: string;
  readonly greenTarget: string | null;
  /** The month's commission booked (the bonus of 003's fines). */
  readonly bonus: string;
}

/** What the periods read of other families. @internal */
export interface PeriodFacts {
  /** A salesperson's figures for a month `YYYY-MM`. */
  readonly month: (staff: string, month: string) => MonthFigures;
  /** How many clients of their claim book are still active claims of theirs at `at`, counting claims of these kinds (CLM-QUOTA). */
  readonly active: (staff: string, clients: readonly string[], at: number, kinds: readonly string[]) => number;
  /** The rotation penalties in force for them at `at` (ROT-PENALTY-HALF, ROT-NO-CALLS). */
  readonly penalties: (staff: string, at: number) => { readonly halfTurns: boolean; readonly noCalls: boolean };
}
