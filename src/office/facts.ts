/**
 * What one family reads of another, as the office composes it: the
 * dispatcher (on the live state) and the views (on a persistent one) read
 * the same way.
 * @internal
 */
import { tallyKey } from '../deals/ledger.js';
import type { Tally } from '../deals/state.js';
import type { MonthFigures } from '../periods/facts.js';

const NO_FIGURES: MonthFigures = Object.freeze({ red: '0.00', redTarget: null, green: '0.00', greenTarget: null, bonus: '0.00' });

/**
 * A salesperson's month (red and green lines, targets, commission booked)
 * from the deals family's tallies, as the periods read it (COM-RATE-TIERS,
 * COM-SALARY-GRADES, CLM-QUOTA).
 * @internal
 */
export function monthFigures(tallies: { get(key: string): Tally | undefined }, staff: string, month: string): MonthFigures {
  const t = tallies.get(tallyKey(staff, month));
  return t === undefined ? NO_FIGURES : { red: t.red, redTarget: t.redTarget, green: t.green, greenTarget: t.greenTarget, bonus: t.booked };
}
