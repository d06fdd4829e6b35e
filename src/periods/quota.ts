/**
 * The claim quota (CLM-QUOTA, 002 §1.5): a salesperson may hold N active
 * claims, 50 by default; 80 once the current quarter's (当季度) signing
 * target is met, 30 when the quarter has no signing at all. A claim over
 * the limit is refused with its reason and the counts, and the refusal is
 * kept on record (a claim decision, and a count in the period).
 *
 * What "active" means is the ownership family's: the salesperson still
 * holds the client on a claim (not lapsed, released, cancelled or moved)
 * and it has not become a deal. Each salesperson's book lists the clients
 * of claims that may still be active; it is checked only when it is as long
 * as the limit, and pruned then, so a claim costs a look-up, not a scan.
 * @internal
 */
import { rules, type Args } from '../kernel/decision.js';
import { Money, type Amount } from '../kernel/money.js';
import type { RuleId } from '../kernel/rules.js';
import { indexOf, labelOf, monthLabel, monthsOf } from './calendar.js';
import { bump, cardOf, type PeriodsCtx } from './cards.js';
import type { MonthFigures, PeriodFacts } from './facts.js';
import type { PeriodsPolicy } from './policy.js';
import { C, type Card } from './state.js';
import type { Calendar } from '../kernel/time.js';

const QUOTA = rules('CLM-QUOTA');

/**
 * The rule IDs of the claim quota, for the claim decision that refuses a
 * claim over it and for a released claim (CLM-QUOTA).
 * @internal
 */
export const QUOTA_RULES: readonly RuleId[] = QUOTA;

/**
 * The limit in force for a salesperson now, and why.
 *
 * @example
 * ```ts
 * // { limit: 30, basis: 'noSigning', quarter: '2026-10-01', red: '0.00', target: '6000000.00' }
 * ```
 */
export interface QuotaInForce {
  readonly limit: number;
  readonly basis: 'base' | 'targetMet' | 'noSigning';
  /** The quarter's first day, YYYY-MM-DD. */
  readonly quarter: string;
  /** The quarter's red line so far (its signings). */
  readonly red: string;
  /** The quarter's signing target: its months' red-line targets; null when none is set. */
  readonly target: string | null;
}

/**
 * The quota in force at the event's time (CLM-QUOTA), or null when the
 * policy sets none. The quarter's signing is its red line (the deals
 * family's figure); its target, the sum of its months' red-line targets.
 * @internal
 */
export function quotaInForce(c: PeriodsCtx, staff: string, facts: PeriodFacts): QuotaInForce | null {
  return quotaAt(c.p, c.cal, staff, cardOf(c, staff), facts, c.tx.at);
}

/** The quarter's month figures at `at`, and its index. */
function quarterOf(p: PeriodsPolicy, cal: Calendar, staff: string, facts: Pick<PeriodFacts, 'month'>, at: number): { readonly quarter: number; readonly figures: readonly MonthFigures[] } {
  const g = p.calendar;
  const quarter = indexOf('quarter', cal.dayOf(at), g);
  return { quarter, figures: monthsOf('quarter', quarter, g).map((m) => facts.month(staff, monthLabel(m))) };
}

/** The limit of a quarter's figures: its signing against its target, or none at all. */
function judge(q: NonNullable<PeriodsPolicy['quota']>, figures: readonly MonthFigures[], noSigning: boolean): { readonly limit: number; readonly basis: QuotaInForce['basis']; readonly red: Amount; readonly target: Amount | null } {
  let red: Amount = new Money(0);
  let target: Amount | null = null;
  for (const f of figures) {
    red = red.plus(f.red);
    if (f.redTarget !== null) target = (target ?? new Money(0)).plus(f.redTarget);
  }
  if (target !== null && target.gt(0) && red.gte(target)) return { limit: q.targetMet, basis: 'targetMet', red, target };
  const none = red.isZero() && (q.judged === 'soFar' || noSigning);
  return none ? { limit: q.noSigning, basis: 'noSigning', red, target } : { limit: q.limit, basis: 'base', red, target };
}

/** {@link quotaInForce} at any instant, from a persistent state (for views). @internal */
export function quotaAt(p: PeriodsPolicy, cal: Calendar, staff: string, card: Pick<Card, 'noSigning'> | undefined, facts: Pick<PeriodFacts, 'month'>, at: number): QuotaInForce | null {
  const q = p.quota;
  if (q === null) return null;
  const { quarter, figures } = quarterOf(p, cal, staff, facts, at);
  const j = judge(q, figures, card?.noSigning === true);
  return { limit: j.limit, basis: j.basis, quarter: labelOf(cal, 'quarter', quarter, p.calendar), red: j.red.toFixed(2), target: j.target === null ? null : j.target.toFixed(2) };
}

/**
 * The limit alone of {@link quotaAt}, as the scorecard shows it, with no
 * label or formatting.
 * @internal
 */
export function quotaLimitAt(p: PeriodsPolicy, cal: Calendar, staff: string, card: Pick<Card, 'noSigning'> | undefined, facts: Pick<PeriodFacts, 'month'>, at: number): number | null {
  const q = p.quota;
  if (q === null) return null;
  return limitOf(q, quarterOf(p, cal, staff, facts, at).figures, card?.noSigning === true);
}

// judge's limit by the strings it sums, per quota policy: the standings ask for everyone's at every period's end,
// and a quarter's figures seldom move between two, so most asks are a look-up, not six decimal parses and sums.
const LIMITS = new WeakMap<object, Map<string, number>>();
const MEMO_SIZE = 4096;

function limitOf(q: NonNullable<PeriodsPolicy['quota']>, figures: readonly MonthFigures[], noSigning: boolean): number {
  let key = noSigning ? 'n' : 's';
  for (const f of figures) key += `|${f.red}|${f.redTarget ?? '-'}`;
  let memo = LIMITS.get(q);
  if (memo === undefined) LIMITS.set(q, (memo = new Map()));
  const known = memo.get(key);
  if (known !== undefined) return known;
  const limit = judge(q, figures, noSigning).limit;
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(key, limit);
  return limit;
}

/** A claim refused over the quota: its rules, reason code and counts. @internal */
export interface OverQuota {
  readonly rules: readonly RuleId[];
  readonly why: 'overQuota';
  readonly args: Args;
}

/**
 * Whether a new claim of this kind would go over the quota (CLM-QUOTA):
 * null when it fits (or the kind does not count). `active` tells whether a
 * client of the book is still an active claim of this salesperson.
 * @internal
 */
export function overQuota(c: PeriodsCtx, staff: string, kind: string, active: (client: string) => boolean, facts: PeriodFacts): OverQuota | null {
  const q = c.p.quota;
  if (q === null || !(q.kinds as readonly string[]).includes(kind)) return null;
  // A book shorter than the lowest limit fits whatever the quarter: no need to work the limit out.
  const book = c.s.books.get(staff)?.clients;
  if (book === undefined || book.length < Math.min(q.limit, q.targetMet, q.noSigning)) return null;
  const limit = quotaInForce(c, staff, facts);
  if (limit === null || book.length < limit.limit) return null;
  let count = 0;
  for (const client of book) if (active(client)) count++;
  if (count < limit.limit) return null;
  return { rules: QUOTA, why: 'overQuota', args: { limit: limit.limit, active: count, basis: limit.basis, quarter: limit.quarter, red: limit.red, target: limit.target } };
}

/** Counts a claim refused over the quota in the open periods. @internal */
export function refusedOverQuota(c: PeriodsCtx, staff: string): void {
  bump(c, staff, C.claimsRefused);
}

/**
 * Notes an accepted claim: it counts in the open periods, and goes into the
 * salesperson's book (pruned of claims no longer active once it is as long
 * as the highest limit).
 * @internal
 */
export function claimAccepted(c: PeriodsCtx, staff: string, client: string, counts: boolean, active: (client: string) => boolean): void {
  bump(c, staff, C.claims);
  const q = c.p.quota ?? c.bookedQuota ?? null;
  if (q === null || !counts) return;
  const books = c.s.books;
  const book = books.get(staff);
  if (book !== undefined && book.clients.includes(client)) return;
  const lowest = Math.min(q.limit, q.targetMet, q.noSigning);
  if (book === undefined || book.clients.length + 1 < book.pruneAt) {
    // A book written since the last hand-out is this replay's own: it grows in place.
    const own = books.fresh(staff);
    if (own !== undefined) c.tx.pushSlot(own.clients as string[], client);
    else books.set(c.tx, staff, { clients: [...(book?.clients ?? []), client], pruneAt: book?.pruneAt ?? Math.max(1, lowest) });
    return;
  }
  const kept = book.clients.filter(active);
  kept.push(client);
  books.set(c.tx, staff, { clients: kept, pruneAt: Math.max(lowest, 2 * kept.length) });
}
