/**
 * What a family's rules work with during an event: the event's transaction,
 * the office's calendar, the family's own policy slice and its own slice of
 * the state, open for changes.
 */
import type { Transient, Tx } from './draft.js';
import type { Calendar } from './time.js';

/**
 * A family's context during an event.
 *
 * @example
 * ```ts
 * function touch(c: Ctx<RotationPolicy, RotationSlice>) { c.tx.emit({ ... }); }
 * ```
 */
export interface Ctx<P, S> {
  readonly tx: Tx;
  readonly cal: Calendar;
  /** The family's policy slice. */
  readonly p: P;
  /** The family's slice of the state, open for changes. */
  readonly s: Transient<S>;
}
