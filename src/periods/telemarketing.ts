/**
 * A telemarketer's outbound work (001): connected calls and their grades
 * (KPI-CALLS, KPI-CALL-GRADES), invitations, and invited clients' arrivals
 * confirmed or not (KPI-INVITE-CONFIRM), with the reward they earn
 * (KPI-REWARD-DAYOFF) and the fixed bonus they qualify for (COM-FIXED-BONUS,
 * via the deals family).
 * @internal
 */
import { NO_EVIDENCE, rules } from '../kernel/decision.js';
import type { Issue } from '../kernel/issues.js';
import { money } from '../kernel/money.js';
import type { RuleId } from '../kernel/rules.js';
import { windowEnd } from '../kernel/time.js';
import type { EventOf } from '../events/schema.js';
import { indexOf, labelOf, periodKinds, type PeriodKind } from './calendar.js';
import { bump, countedVisits, draftCard, type PeriodsCtx } from './cards.js';
import type { InvitationDecision, RewardDecision } from './decisions.js';
import { C, type Invitation, type Invited } from './state.js';

const CONFIRM = rules('KPI-INVITE-CONFIRM');
const INVITED = rules('KPI-INVITE-CONFIRM', 'KPI-INVITE-RATE');
const REWARD = rules('KPI-REWARD-DAYOFF', 'KPI-INVITE-CONFIRM');

/**
 * The rule IDs of an invitation's confirmation (KPI-INVITE-CONFIRM), for a
 * fixed bonus paid only on confirmed invitations (COM-FIXED-BONUS).
 * @internal
 */
export const CONFIRM_RULES: readonly RuleId[] = CONFIRM;

const GRADE_FIELD = { A: C.gradeA, B: C.gradeB, C: C.gradeC, D: C.gradeD } as const;

/**
 * Connected outbound calls (KPI-CALLS) and their grade (KPI-CALL-GRADES):
 * a number graded A-C comes back for another call after the policy's days,
 * a D number never. `phone` is the number normalized, if one was given.
 * @internal
 */
export function outboundCall(c: PeriodsCtx, e: EventOf<'recordOutboundCall'>, phone: string | null): void {
  const count = e.count ?? 1;
  bump(c, e.staff, C.outboundCalls, count);
  bump(c, e.staff, GRADE_FIELD[e.grade], count);
  if (phone === null) return;
  const days = c.p.calls?.recycleDays ?? 30;
  c.s.numbers.set(c.tx, phone, { staff: e.staff, grade: e.grade, at: c.tx.at, due: e.grade === 'D' ? null : windowEnd(c.cal, c.tx.at, days - 1), event: e.id });
}

function invitationDecision(c: PeriodsCtx, inv: Invitation, step: InvitationDecision['step'], cited: readonly RuleId[], client: string | null, args: InvitationDecision['args'] = {}): void {
  const { tx } = c;
  if (!tx.record) return;
  const d: InvitationDecision = { kind: 'invitation', event: tx.id, at: tx.at, rules: cited, evidence: step === 'invited' ? NO_EVIDENCE : [inv.id], why: step, args, staff: inv.staff, invitation: inv.id, ...(client === null ? {} : { client }), step };
  tx.emit(d);
}

const waitingKey = (inviter: string, phone: string) => `${inviter} ${phone}`;

/** An invitation made (001): it counts for the inviter and waits for the client's arrival. @internal */
export function invite(c: PeriodsCtx, e: EventOf<'recordInvitation'>, phone: string | null): void {
  const inv: Invitation = { id: e.id, staff: e.staff, at: c.tx.at, name: e.client.name ?? e.client.contact ?? null, phone, arrived: false, confirmed: false };
  c.s.invitations.set(c.tx, e.id, inv);
  if (phone !== null) c.s.waiting.set(c.tx, waitingKey(e.staff, phone), e.id);
  bump(c, e.staff, C.invitations);
  invitationDecision(c, inv, 'invited', CONFIRM, null, e.expectedVisitAt === undefined ? {} : { expected: Date.parse(e.expectedVisitAt) });
}

/** The invitation an arrival names, or why it cannot be taken. @internal */
export function arrivalIssue(c: PeriodsCtx, e: EventOf<'recordInvitedArrival'>): Issue | null {
  const inv = c.s.invitations.get(e.invitation);
  if (inv === undefined) return { code: 'unknown_registration', path: ['invitation'], event: e.id, message: `no invitation "${e.invitation}": record it with a recordInvitation event first` };
  if (inv.arrived) return { code: 'invalid_value', path: ['invitation'], event: e.id, message: `the client of invitation ${inv.id} has already arrived (recorded by a recordInvitedArrival, or by a registerVisit naming ${inv.staff} in invitedBy)` };
  return null;
}

/** The invitation of an arrival (check {@link arrivalIssue} first). @internal */
export function invitationOf(c: PeriodsCtx, id: string): Invitation | undefined {
  return c.s.invitations.get(id);
}

/**
 * An invited client's arrival (KPI-INVITE-CONFIRM): confirmed when the
 * client contacted the inviter and the receiving salesperson signed, else a
 * new walk-in. Arrivals that count may earn the inviter a paid half day
 * off (KPI-REWARD-DAYOFF). `client` is the client key, when on record.
 * @internal
 */
export function arrive(c: PeriodsCtx, e: EventOf<'recordInvitedArrival'>, client: string | null): void {
  const inv = c.s.invitations.get(e.invitation) as Invitation;
  arrival(c, inv, e.contactedInviter, e.signedBy ?? null, client, { contacted: e.contactedInviter, signedBy: e.signedBy ?? null });
}

/**
 * A visit registered with a telemarketer in `invitedBy` (ROT-INVITED-VISIT:
 * the client contacted them on arrival) is the arrival of that
 * telemarketer's invitation waiting for the same phone, if any
 * (KPI-INVITE-CONFIRM): the receiver who registers the reception signs it,
 * so it is confirmed when the visit has a receiver. Returns whether an
 * invitation was waiting.
 * @internal
 */
export function arriveOnVisit(c: PeriodsCtx, inviter: string, phone: string, client: string, receiver: string | null): boolean {
  const id = c.s.waiting.get(waitingKey(inviter, phone));
  const inv = id === undefined ? undefined : c.s.invitations.get(id);
  if (inv === undefined || inv.arrived) return false;
  arrival(c, inv, true, receiver, client, { contacted: true, signedBy: receiver, visit: c.tx.id });
  return true;
}

function arrival(c: PeriodsCtx, inv: Invitation, contacted: boolean, signedBy: string | null, client: string | null, args: InvitationDecision['args']): void {
  const confirmed = contacted && signedBy !== null;
  c.s.invitations.set(c.tx, inv.id, { ...inv, arrived: true, confirmed });
  if (inv.phone !== null) {
    const key = waitingKey(inv.staff, inv.phone);
    if (c.s.waiting.get(key) === inv.id) c.s.waiting.delete(c.tx, key);
  }
  bump(c, inv.staff, C.arrivals);
  if (confirmed) bump(c, inv.staff, C.confirmedVisits);
  if (client !== null) {
    const rec: Invited = { inviter: inv.staff, invitation: inv.id, event: c.tx.id, confirmed };
    c.s.invited.set(c.tx, client, rec);
  }
  invitationDecision(c, inv, confirmed ? 'confirmed' : 'unconfirmed', confirmed ? INVITED : CONFIRM, client, args);
  const counts = confirmed || !c.p.invitations.confirm;
  const reward = c.p.dayOff;
  if (!counts || reward === null) return;
  const k = periodKinds.indexOf(reward.period);
  const card = draftCard(c, inv.staff);
  const visits = countedVisits(c.p, card.n, k);
  if (visits === 0 || visits % reward.per !== 0) return;
  bump(c, inv.staff, C.rewards);
  const { tx } = c;
  if (!tx.record) return;
  const index = indexOf(reward.period as PeriodKind, c.cal.dayOf(tx.at), c.p.calendar);
  const d: RewardDecision = { kind: 'reward', event: tx.id, at: tx.at, rules: REWARD, evidence: [inv.id], why: 'dayOff', args: { per: reward.per }, staff: inv.staff, period: reward.period, start: labelOf(c.cal, reward.period, index, c.p.calendar), days: money(reward.days).toString(), visits };
  tx.emit(d);
}

/**
 * The invitation a deal's client arrived on, as the deals family reads it
 * for the fixed bonus (COM-FIXED-BONUS, KPI-INVITE-CONFIRM).
 * @internal
 */
export function invitedOf(c: PeriodsCtx, client: string): Invited | undefined {
  return c.s.invited.get(client);
}
