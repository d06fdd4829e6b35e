/**
 * The walk-in queue (轮排, RULES §D): who receives each visitor and each
 * call, whether it uses a turn, who was skipped and why, the make-ups owed
 * and used, and the changes to the queue (penalties, duty, reception ends).
 */
import type { Decision } from '../decisions.js';
import type { RuleId } from '../../kernel/rules.js';
import { decide, type Ctx } from '../office/context.js';
import type { StaffState } from '../staff/staff.js';
import { Desk, plan, planCall, type Plan } from './desk.js';
import type { RotationState, Seat } from './state.js';

export { initialRotation, syncRotation, type RotationState } from './state.js';
export type { NextReceiver, QueueEntry } from './report.js';

/** What a reception needs to know. @internal */
export interface Arrival {
  readonly client: string | undefined;
  /** The receiver the visitor book names, if any. */
  readonly receiver: string | undefined;
  /** The protected owner of an old client. */
  readonly owner: string | null;
  /** Why the visit is not a new client's turn, when it is not. */
  readonly purpose: 'view' | 'deposit' | 'sign' | undefined;
  readonly nonClient: string | undefined;
  /** The salesperson a new client is tied to (named, referral), who receives them. */
  readonly named: string | undefined;
  /** People arriving together; a group counts one turn (ROT-GROUP-ONE). */
  readonly groupSize: number;
  /** Buyers among them (the client and companions with a need of their own), for groupTurns perBuyer. */
  readonly buyers: number;
}

/** How one visitor or call was decided, before it becomes a decision. */
interface Outcome {
  readonly receiver: string | null;
  readonly turns: number;
  readonly makeUp: boolean;
  /** The queue plan applied, with its skips; null when the queue was not used. */
  readonly plan: Plan | null;
  readonly rules: readonly RuleId[];
  readonly note: string;
}

/** Runs one event at a fresh desk and writes its changes back. */
function atDesk(slice: RotationState, staff: StaffState, ctx: Ctx, work: (desk: Desk) => Decision): { state: RotationState; decision: Decision } {
  const desk = new Desk(slice, staff, ctx.policy, ctx.calendar, ctx.at);
  const decision = work(desk);
  return { state: desk.close(ctx.edit), decision };
}

function reception(ctx: Ctx, channel: 'visit' | 'call', client: string | undefined, out: Outcome): Decision {
  const skipped = out.plan?.skipped ?? [];
  const rules = [...out.rules, ...(out.plan?.rules ?? []), ...skipped.flatMap((s) => s.rules)];
  const skips = skipped.length > 0 ? `; skipped: ${skipped.map((s) => `${s.staff}, ${s.note}`).join('; ')}` : '';
  return decide(
    ctx,
    {
      kind: 'reception',
      channel,
      ...(client === undefined ? {} : { client }),
      receiver: out.receiver,
      counted: out.turns > 0,
      turns: out.turns,
      makeUp: out.makeUp,
      skipped: skipped.map(({ staff, reason, makeUp, note }) => ({ staff, reason, makeUp, note })),
    },
    rules,
    [],
    out.note + skips,
  );
}

/** Who helps an old client whose owner is away or busy (ROT-ABSENT-OWNER-ASSIST, ROT-TEAM-ASSIST). */
function assistantFor(desk: Desk, owner: string): { id: string | null; how: string } {
  const n = desk.order.length;
  const queue = Array.from({ length: n }, (_, i) => desk.order[(desk.cursor + i) % n] as string).filter((id) => id !== owner && desk.free(id));
  switch (desk.rules.absentOwner) {
    case 'last':
      return { id: queue.at(-1) ?? null, how: ', the last in the order,' };
    case 'next':
      return { id: queue[0] ?? null, how: ', the next in the order,' };
    case 'team': {
      const team = desk.member(owner)?.team ?? null;
      const mate = team === null ? undefined : queue.find((id) => desk.member(id)?.team === team);
      if (mate !== undefined) return { id: mate, how: ` for ${owner}'s team ${team ?? ''}` };
      if (team === null) return { id: queue[0] ?? null, how: ` (${owner} has no team: the next in the order)` };
      return { id: queue[0] ?? null, how: ` from another team (nobody in team ${team} is free; the client goes back to team ${team} when one of them is)` };
    }
  }
}

function visitOutcome(desk: Desk, a: Arrival, visit: string): Outcome {
  const p = desk.rules;
  const book = a.receiver;
  const uncounted = (receiver: string | null, rules: RuleId[], note: string, busy: Seat['busyWithOwn'] | null = 'no'): Outcome => {
    if (receiver !== null) {
      desk.tally(receiver, 'uncounted');
      if (busy !== null) desk.busy(receiver, visit, busy);
    }
    return { receiver, turns: 0, makeUp: false, plan: null, rules, note };
  };
  const counted = (receiver: string, next: Plan, rules: RuleId[], note: string, busy: Seat['busyWithOwn'] = 'no'): Outcome => {
    const turns = p.groupTurns === 'perBuyer' ? Math.max(1, a.buyers) : 1;
    const planned = desk.countTurns(receiver, turns, next);
    desk.busy(receiver, visit, busy);
    const party = a.groupSize > 1 ? `; a party of ${a.groupSize} ${turns > 1 ? `uses ${turns} turns, one per buyer` : 'counts as one turn'}` : '';
    const out: RuleId[] = a.groupSize > 1 ? [...rules, 'ROT-GROUP-ONE'] : rules;
    return { receiver, turns, makeUp: planned && next.makeUp, plan: planned ? next : null, rules: out, note: note + party };
  };

  if (a.nonClient !== undefined) {
    return uncounted(book ?? null, ['ID-NONCLIENT'], `${a.nonClient}: not a client, no turn used and nothing registered`, null);
  }
  if (a.owner !== null) {
    const owner = a.owner;
    const wanted = desk.free(a.named) ? a.named : owner;
    if (book === undefined ? desk.free(wanted) : book === wanted) {
      const next = plan(desk);
      const whose = wanted === owner ? 'received by the owner' : `received by ${wanted}, whom the client named`;
      if (p.oldClientCounts) return counted(wanted, next, ['ROT-OLD-CLIENT-NOT-COUNTED'], `an old client of ${owner}, ${whose}; a turn under this policy`, wanted === owner ? 'own' : 'no');
      const atHead = wanted === owner && next.receiver === owner;
      const head = atHead
        ? `; ${owner} was next in line: the next new visitor goes to the next person${p.makeUps.ownClient === 'once' ? `, and ${owner} is owed a make-up if the turn passes them` : ', with no make-up'}`
        : '';
      return uncounted(wanted, atHead ? ['ROT-OLD-CLIENT-NOT-COUNTED', 'ROT-OWN-CLIENT-ARRIVES'] : ['ROT-OLD-CLIENT-NOT-COUNTED'], `an old client of ${owner}, ${whose}; no turn used${head}`, wanted !== owner ? 'no' : atHead ? 'ownAtHead' : 'own');
    }
    const rule: RuleId = p.absentOwner === 'team' ? 'ROT-TEAM-ASSIST' : 'ROT-ABSENT-OWNER-ASSIST';
    if (book !== undefined) return uncounted(book, ['ROT-OLD-CLIENT-NOT-COUNTED', rule], `an old client of ${owner}; the book records ${book}: assistance, not a turn and not a skip`);
    const helper = assistantFor(desk, owner);
    const who = helper.id === null ? 'nobody is free to assist' : `${helper.id}${helper.how} assists`;
    return uncounted(helper.id, ['ROT-OLD-CLIENT-NOT-COUNTED', rule], `an old client of ${owner}, who is ${desk.describe(owner)}: ${who}; not a turn and not a skip`);
  }
  if (a.purpose === 'deposit' || a.purpose === 'sign') {
    return uncounted(book ?? null, ['ROT-DEPOSIT-ONLY'], `came only to ${a.purpose === 'sign' ? 'sign' : 'pay a deposit'}: assistance, not a turn`);
  }
  if (a.named !== undefined && (book ?? a.named) === a.named && desk.free(a.named)) {
    const next = plan(desk);
    const when = next.receiver === a.named ? '' : ' out of order: the order passes them once when it reaches them';
    return counted(a.named, next, ['ROT-ORDER', 'OWN-NAMED'], `a new client tied to ${a.named}, who receives them as their turn${when}`);
  }
  let duty = '';
  if (desk.inDutyHours()) {
    const person = book ?? desk.dutyStaff().find((id) => desk.free(id));
    if (person !== undefined) return uncounted(person, ['ROT-DUTY'], `duty hours: received by ${book === undefined ? 'the duty person ' : ''}${person}, registered but not counted in rotation`);
    duty = 'duty hours, but no duty person is free, so the rotation receives: ';
  }
  const extra: RuleId[] = duty ? ['ROT-DUTY', 'ROT-ORDER', 'ROT-CARRY'] : ['ROT-ORDER', 'ROT-CARRY'];
  const next = plan(desk);
  if (book !== undefined) {
    const although = desk.free(book) ? '' : ` (although ${desk.describe(book)})`;
    const note = next.receiver === book ? next.note : `received by ${book} as the book records; the queue had ${next.receiver ?? 'nobody'} next, so ${book} takes a turn out of order`;
    return counted(book, next, although ? [...extra, 'ROT-ELIGIBLE'] : extra, duty + note + although);
  }
  if (next.receiver === null) return { receiver: null, turns: 0, makeUp: false, plan: null, rules: duty ? ['ROT-DUTY', ...next.rules] : next.rules, note: duty + next.note };
  return counted(next.receiver, next, extra, duty + next.note);
}

/**
 * Decides who receives a visitor and whether it uses a turn: non-clients
 * (ID-NONCLIENT), old clients and their absent owners
 * (ROT-OLD-CLIENT-NOT-COUNTED, ROT-OWN-CLIENT-ARRIVES,
 * ROT-ABSENT-OWNER-ASSIST, ROT-TEAM-ASSIST), deposits (ROT-DEPOSIT-ONLY),
 * named clients (OWN-NAMED), duty hours (ROT-DUTY), and the order with its
 * skips and make-ups (ROT-ORDER, ROT-CARRY, ROT-ELIGIBLE, ROT-GROUP-ONE, ...).
 * "No eligible receiver" is a decision too.
 * @internal
 */
export function receive(slice: RotationState, staff: StaffState, arrival: Arrival, ctx: Ctx): { state: RotationState; decision: Decision } {
  return atDesk(slice, staff, ctx, (desk) => reception(ctx, 'visit', arrival.client, visitOutcome(desk, arrival, ctx.event.id)));
}

/** What a call allocation needs to know. @internal */
export interface CallArrival {
  readonly client: string | undefined;
  /** Who the book gives the call to (the manager's allocation, or the outreach's owner). */
  readonly receiver: string | undefined;
  readonly selfSourced: boolean;
}

/**
 * Gives a call to someone (ROT-CALL-ALLOCATION): the receiver of a
 * self-sourced call keeps it; a call the book gives to someone is theirs;
 * otherwise the call rotation allocates it, skipping those barred from calls
 * (ROT-NO-CALLS), or it waits for the manager.
 * @internal
 */
export function allocateCall(slice: RotationState, staff: StaffState, call: CallArrival, ctx: Ctx): { state: RotationState; decision: Decision } {
  return atDesk(slice, staff, ctx, (desk) => {
    const out = callOutcome(desk, call);
    if (out.receiver !== null) desk.tally(out.receiver, 'calls');
    return reception(ctx, 'call', call.client, out);
  });
}

function callOutcome(desk: Desk, call: CallArrival): Outcome {
  if (call.receiver !== undefined) {
    const r = call.receiver;
    const seat = desk.seat(r);
    const barred = !call.selfSourced && desk.noCalls(seat);
    const note = call.selfSourced
      ? `a call from ${r}'s own outreach: theirs, not allocated`
      : `given to ${r} as the book records${barred ? `, although ${r} gets no call allocation until ${desk.calendar.localIso(seat.noCallsUntil)}` : ''}`;
    return { receiver: r, turns: 0, makeUp: false, plan: null, rules: barred ? ['ROT-CALL-ALLOCATION', 'ROT-NO-CALLS'] : ['ROT-CALL-ALLOCATION'], note };
  }
  if (desk.rules.callAllocation === 'manager') {
    return { receiver: null, turns: 0, makeUp: false, plan: null, rules: ['ROT-CALL-ALLOCATION'], note: 'not allocated by rotation in this office: it waits for the manager' };
  }
  const next = planCall(desk);
  desk.commit(next, 'call');
  if (next.receiver === null) return { receiver: null, turns: 0, makeUp: false, plan: null, rules: next.rules, note: next.note };
  return { receiver: next.receiver, turns: 1, makeUp: false, plan: next, rules: [], note: next.note };
}

/**
 * Sets or lifts a rotation penalty (ROT-PENALTY-HALF: one turn every two
 * rounds; ROT-NO-CALLS: no call allocation) for `days` local days counting
 * today (default: the policy's `penaltyDays`); 0 lifts it.
 * @internal
 */
export function penalize(
  slice: RotationState,
  staff: StaffState,
  e: { readonly staff: string; readonly penalty: 'halfTurns' | 'noCalls'; readonly days?: number | undefined },
  ctx: Ctx,
): { state: RotationState; decision: Decision } {
  return atDesk(slice, staff, ctx, (desk) => {
    const days = e.days ?? desk.rules.penaltyDays;
    const until = days === 0 ? 0 : ctx.calendar.startOf(desk.day + days);
    const seat = desk.seat(e.staff);
    desk.put(e.staff, e.penalty === 'halfTurns' ? { ...seat, halfUntil: until, halfSkipNext: until > 0 } : { ...seat, noCallsUntil: until });
    const what = e.penalty === 'halfTurns' ? 'one walk-in turn every two rounds' : 'no call allocation';
    const note = days === 0 ? `${e.staff}: ${what} lifted` : `${e.staff}: ${what} for ${days} day${days === 1 ? '' : 's'}, until ${ctx.calendar.localIso(until)}`;
    return decide(
      ctx,
      { kind: 'queue', staff: [e.staff], change: days === 0 ? 'penaltyLifted' : 'penalty', until: days === 0 ? null : ctx.calendar.localIso(until) },
      [e.penalty === 'halfTurns' ? 'ROT-PENALTY-HALF' : 'ROT-NO-CALLS'],
      [],
      note,
    );
  });
}

/** Names the duty staff of the event's local day (ROT-DUTY). @internal */
export function assignDuty(slice: RotationState, staff: StaffState, ids: readonly string[], ctx: Ctx): { state: RotationState; decision: Decision } {
  return atDesk(slice, staff, ctx, (desk) => {
    desk.setDuty(ids);
    const windows = desk.rules.duty.windows.map((w) => `${w.from}-${w.to}`).join(', ');
    const day = ctx.calendar.dayIso(desk.day);
    const note =
      (ids.length > 0 ? `on duty on ${day}: ${ids.join(', ')}` : `no duty staff on ${day}`) +
      (windows ? ` (duty hours ${windows}: visitors go to the duty person and do not count in rotation)` : '; this policy has no duty hours, so it changes nothing');
    return decide(ctx, { kind: 'queue', staff: [...ids], change: 'duty', until: ctx.calendar.localIso(desk.dayEnd()) }, ['ROT-DUTY'], [], note);
  });
}

/** A reception is over: the receiver is free for the queue again (ROT-LONG-RECEPTION). @internal */
export function endReception(slice: RotationState, staff: StaffState, e: { readonly staff: string; readonly visit?: string | undefined }, ctx: Ctx): { state: RotationState; decision: Decision } {
  return atDesk(slice, staff, ctx, (desk) => {
    const seat = desk.seat(e.staff);
    const ends = seat.busyUntil > ctx.at && (e.visit === undefined || e.visit === seat.busyWith);
    if (ends) desk.put(e.staff, { ...seat, busyUntil: 0, busyWith: null, busyWithOwn: 'no' });
    const note = ends ? `${e.staff} is free again: the reception of ${seat.busyWith ?? 'a visitor'} ended` : `${e.staff} was not in that reception: nothing changes`;
    const evidence = ends && seat.busyWith !== null ? [seat.busyWith] : [];
    return decide(ctx, { kind: 'queue', staff: [e.staff], change: 'receptionEnded', until: null }, ['ROT-LONG-RECEPTION'], evidence, note);
  });
}

