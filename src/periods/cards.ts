/**
 * Cards: each staff member's counters for the open periods, bumped by the
 * events that concern them (receptions, calls, invitations, claims, deals),
 * and kept in step with the roster.
 * @internal
 */
import type { Ctx } from '../kernel/context.js';
import { append } from '../kernel/list.js';
import type { StaffRole, StaffStatus } from '../events/schema.js';
import type { PeriodsPolicy } from './policy.js';
import { C, FIELDS, KINDS, newCard, type Card, type CardDraft, type PeriodsState } from './state.js';

/** The periods family's context. @internal */
export type PeriodsCtx = Ctx<PeriodsPolicy, PeriodsState> & {
  /**
   * A claim quota of the timeline, when a version has one: while the
   * version in force has none, accepted claims are still booked by it, so
   * that those made before it takes effect count against it (CLM-QUOTA).
   */
  readonly bookedQuota?: PeriodsPolicy['quota'];
};

/** A staff member's card, if any (read only). @internal */
export function cardOf(c: PeriodsCtx, staff: string): Card | undefined {
  return c.s.cards.get(staff);
}

/**
 * The current event's draft of a card, its counters its own: a card written
 * since the last hand-out is changed in place (nothing else holds it or its
 * array); any other is copied once, array included.
 * @internal
 */
export function draftCard(c: PeriodsCtx, staff: string): CardDraft {
  const cards = c.s.cards;
  // The hot path (a replay): the card was written since the last hand-out, so it changes in place.
  const fresh = cards.fresh(staff);
  if (fresh !== undefined) {
    c.tx.changed++;
    return fresh as CardDraft;
  }
  const d = c.tx.draft(cards, staff, () => newCard(staff, 'sales', 'onDuty', c.tx.at)) as CardDraft;
  if (!c.tx.isDraft(d.n)) d.n = c.tx.own(d.n.slice());
  return d;
}

/** Adds `by` to a counter of every open period of a staff member. @internal */
export function bump(c: PeriodsCtx, staff: string, field: number, by = 1): void {
  if (by === 0) return;
  const n = draftCard(c, staff).n;
  for (let k = 0; k < KINDS; k++) n[k * FIELDS + field] = (n[k * FIELDS + field] as number) + by;
}

/** A counter of a card's open period of kind `k`. @internal */
export function counter(card: Pick<Card, 'n'>, k: number, field: number): number {
  return card.n[k * FIELDS + field] ?? 0;
}

/** Invited visits that count (KPI-INVITE-CONFIRM: only confirmed ones when the policy asks). @internal */
export function countedVisits(p: PeriodsPolicy, n: readonly number[], k = 0): number {
  return n[k * FIELDS + (p.invitations.confirm ? C.confirmedVisits : C.arrivals)] ?? 0;
}

/** What the roster tells the periods of a member. @internal */
export interface CardMember {
  readonly id: string;
  readonly role: StaffRole;
  readonly status: StaffStatus;
  readonly joinedAt: number;
}

/**
 * Keeps a card in step with the roster: a join adds the member to the roster
 * the closings judge; being on duty at any time of a day makes that day
 * count for them (KPI-CALLS).
 * @internal
 */
export function syncCard(c: PeriodsCtx, m: CardMember): void {
  const old = c.s.cards.get(m.id);
  if (old === undefined) {
    c.s.cards.set(c.tx, m.id, newCard(m.id, m.role, m.status, m.joinedAt));
    c.s.roster.set(c.tx, append(c.s.roster.value, m.id));
    return;
  }
  if (old.role === m.role && old.status === m.status && (old.onDuty || m.status !== 'onDuty')) return;
  const d = draftCard(c, m.id);
  d.role = m.role;
  d.status = m.status;
  if (m.status === 'onDuty') d.onDuty = true;
}

/** A visitor received (KPI-CLOSE-RATE's denominator). @internal */
export function received(c: PeriodsCtx, receiver: string | null): void {
  if (receiver !== null) bump(c, receiver, C.receptions);
}

/** A call given to someone (KPI-INVITE-RATE's denominator). @internal */
export function callGiven(c: PeriodsCtx, receiver: string | null): void {
  if (receiver !== null) bump(c, receiver, C.calls);
}

/**
 * A deal stage recorded: every stage shows the closer is not idle
 * (ROT-PENALTY-HALF: "no deal or deposit"); a new deal counts for the
 * closing rate, and for its inviter when the invitation counts
 * (KPI-ELIMINATION, 001's conversions).
 * @internal
 */
export function dealRecorded(c: PeriodsCtx, closer: string, isNew: boolean, inviter: string | null): void {
  bump(c, closer, C.dealEvents);
  if (!isNew) return;
  bump(c, closer, C.deals);
  if (inviter !== null) bump(c, inviter, C.conversions);
}
