/**
 * Standings: the scorecard's columns that hold at an instant (status,
 * active claims and the quota, grade and base salary, rotation penalties in
 * force). A state knows them only at its own time, so they are taken for
 * everyone on the roster at the end of each period that closes (a day with
 * events, a week, a month, a quarter), before it closes (a closing moves
 * grades, quotas and penalties for the next period), and kept only when one
 * of them changed. Every accepted event moves the clock before it changes
 * anything, so what is taken is the office as the period left it. A past
 * period's scorecard reads the standing of its end.
 * @internal
 */
import { append } from '../kernel/list.js';
import type { PeriodsCtx } from './cards.js';
import type { PeriodFacts } from './facts.js';
import { quotaLimitAt } from './quota.js';
import type { PeriodStanding } from './state.js';

function same(a: PeriodStanding, b: Omit<PeriodStanding, 'from'>): boolean {
  return a.status === b.status && a.active === b.active && a.quota === b.quota && a.grade === b.grade && a.base === b.base && a.halfTurns === b.halfTurns && a.noCalls === b.noCalls;
}

/**
 * Takes everyone's standing at the instant before `from` (a period's end), and
 * keeps those that changed since their last (CLM-QUOTA, COM-SALARY-GRADES,
 * ROT-PENALTY-HALF, ROT-NO-CALLS as the scorecard shows them).
 * @internal
 */
export function takeStandings(c: PeriodsCtx, facts: PeriodFacts, from: number): void {
  const at = from - 1;
  const s = c.s;
  const q = c.p.quota;
  for (const staff of s.roster.value) {
    const card = s.cards.get(staff);
    if (card === undefined) continue;
    const book = q === null ? undefined : s.books.get(staff)?.clients;
    const active = q === null || book === undefined || book.length === 0 ? 0 : facts.active(staff, book, at, q.kinds);
    const quota = quotaLimitAt(c.p, c.cal, staff, card, facts, at);
    const { halfTurns, noCalls } = facts.penalties(staff, at);
    const now = { status: card.status, active, quota, grade: card.grade, base: card.base, halfTurns, noCalls };
    const list = s.standings.get(staff);
    const last = list?.[list.length - 1];
    if (last !== undefined && same(last, now)) continue;
    const standing: PeriodStanding = { from, ...now };
    // A list written since the last hand-out is this replay's own: it grows in place.
    const own = s.standings.fresh(staff);
    if (own !== undefined) c.tx.pushSlot(own as PeriodStanding[], standing);
    else s.standings.set(c.tx, staff, list === undefined ? [standing] : append(list, standing));
  }
}

/**
 * The standing in force at the end of a period ending at `end` (epoch ms):
 * the last one taken at or before it, or undefined when none was (a state
 * restored from a snapshot that kept none).
 * @internal
 */
export function standingAt(list: readonly PeriodStanding[] | undefined, end: number): PeriodStanding | undefined {
  if (list === undefined) return undefined;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as PeriodStanding).from <= end) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : list[lo - 1];
}
