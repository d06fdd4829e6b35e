/**
 * The walk-in queue (轮排, RULES §D): who receives each visitor and each
 * call, whether it uses a turn, who was skipped and why, the make-ups owed
 * and used, and the changes to the queue (penalties, duty, reception ends).
 */
import { joinRules, NO_RULES, rules, without, type Args } from '../kernel/decision.js';
import { append } from '../kernel/list.js';
import type { RuleId } from '../kernel/rules.js';
import type { Appointment } from '../events/schema.js';
import type { QueueDecision, ReceptionDecision, Skip } from './decisions.js';
import { BUSY, Desk, FREE, plan, planCall, type Plan, type RotCtx } from './desk.js';
import type { Absence, AppointmentPolicy } from './policy.js';
import { plainSeat, seatWith, type CountedVisit, type HandBack, type Seat } from './state.js';

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
  /** The ownership family's rule IDs for such a tie (OWN-NAMED). */
  readonly tieRules: readonly RuleId[];
  /** People arriving together; a group counts one turn (ROT-GROUP-ONE). */
  readonly groupSize: number;
  /** Buyers among them (the client and companions with a need of their own), for groupTurns perBuyer. */
  readonly buyers: number;
  /** The appointment the visitor came for (ROT-APPOINTMENT). */
  readonly appointment: Appointment | undefined;
  /** Whether the visitor gave a name (ROT-APPOINTMENT: 004i's details). */
  readonly clientNamed: boolean;
  /** A visiting tour group (ROT-TOUR-GROUP). */
  readonly tourGroup: boolean;
  /** The telemarketer who invited the client and was contacted on arrival (ROT-INVITED-VISIT). */
  readonly invitedBy: string | undefined;
  /** An away owner told a colleague or supervisor in advance that the client might come (ROT-ABSENT-OWNER-ASSIST under absentOwnerNotice). */
  readonly ownerNotice: boolean;
}

/** How one visitor or call was decided, before it becomes a decision. */
interface Outcome {
  readonly receiver: string | null;
  readonly turns: number;
  readonly makeUp: boolean;
  /** The queue plan applied, with its skips; null when the queue was not used. */
  readonly plan: Plan | null;
  readonly rules: readonly RuleId[];
  readonly why: string;
  readonly args: Args;
  /** Who the visit is registered to when not the receiver: the appointer an assistant helped (ROT-APPOINTMENT). */
  readonly for?: string;
}

/** Rule IDs and arguments a rule adds to the reception that follows when it does not decide it itself. */
interface Note {
  readonly rules: readonly RuleId[];
  readonly args: Args;
}

const NO_SKIPS: readonly Skip[] = Object.freeze([]);

function emitReception(desk: Desk, channel: 'visit' | 'call', client: string | undefined, out: Outcome): ReceptionDecision | null {
  const { tx } = desk.c;
  if (!tx.record) return null;
  const p = out.plan;
  let cited = out.rules;
  let skipped = NO_SKIPS;
  if (p !== null) {
    cited = joinRules(cited, p.rules);
    if (p.skipped.length > 0) {
      skipped = p.skipped.map(({ staff, reason, makeUp, until, outcome }) => ({ staff, reason, makeUp, until, outcome }));
      for (const s of p.skipped) cited = joinRules(cited, s.rules);
    }
  }
  const d: ReceptionDecision = {
    kind: 'reception',
    event: tx.id,
    at: tx.at,
    rules: cited,
    evidence: [],
    why: out.why,
    args: out.args,
    channel,
    // Always written, and left out by a copy when absent (rare: a visitor who is not a client): a conditional spread costs every reception a slow copy.
    client: client as string,
    receiver: out.receiver,
    counted: out.turns > 0,
    turns: out.turns,
    makeUp: out.makeUp,
    skipped: skipped as Skip[],
  };
  const made = client === undefined ? without(d, 'client') : d;
  tx.emit(made);
  return made;
}

/** Who helps an old client whose owner is away or busy (ROT-ABSENT-OWNER-ASSIST, ROT-TEAM-ASSIST). */
function assistantFor(desk: Desk, owner: string): { id: string | null; how: string; team: string | null } {
  const ring = desk.ring;
  const n = ring.length;
  const queue: Seat[] = [];
  for (let i = 0; i < n; i++) {
    const seat = ring[(desk.cursor + i) % n] as Seat;
    if (seat.id !== owner && desk.free(seat.id)) queue.push(seat);
  }
  switch (desk.p.absentOwner) {
    case 'last':
      return { id: queue.at(-1)?.id ?? null, how: 'last', team: null };
    case 'next':
      return { id: queue[0]?.id ?? null, how: 'next', team: null };
    case 'team': {
      const team = desk.seat(owner)?.team ?? null;
      const mate = team === null ? undefined : queue.find((s) => s.team === team);
      if (mate !== undefined) return { id: mate.id, how: 'team', team };
      if (team === null) return { id: queue[0]?.id ?? null, how: 'noTeam', team };
      return { id: queue[0]?.id ?? null, how: 'otherTeam', team };
    }
  }
}

const NON_CLIENT = rules('ID-NONCLIENT');
const OLD_COUNTED = rules('ROT-OLD-CLIENT-NOT-COUNTED');
const OLD_AT_HEAD = rules('ROT-OLD-CLIENT-NOT-COUNTED', 'ROT-OWN-CLIENT-ARRIVES');
const OLD_ASSIST = rules('ROT-OLD-CLIENT-NOT-COUNTED', 'ROT-ABSENT-OWNER-ASSIST');
const OLD_TEAM = rules('ROT-OLD-CLIENT-NOT-COUNTED', 'ROT-TEAM-ASSIST');
const ABSENT_ASSIST = rules('ROT-ABSENT-OWNER-ASSIST');
const DEPOSIT = rules('ROT-DEPOSIT-ONLY');
const ORDER = rules('ROT-ORDER');
const DUTY = rules('ROT-DUTY');
const QUEUE = rules('ROT-ORDER', 'ROT-CARRY');
const QUEUE_DUTY = rules('ROT-DUTY', 'ROT-ORDER', 'ROT-CARRY');
const ELIGIBLE = rules('ROT-ELIGIBLE');
const GROUP = rules('ROT-GROUP-ONE');
const APPOINTMENT = rules('ROT-APPOINTMENT');
const APPOINTMENT_ORDER = rules('ROT-APPOINTMENT', 'ROT-ORDER');
const APPOINTMENT_ASSIST = rules('ROT-APPOINTMENT', 'ROT-ABSENT-OWNER-ASSIST');
const APPOINTMENT_TEAM = rules('ROT-APPOINTMENT', 'ROT-TEAM-ASSIST');
const TOUR = rules('ROT-TOUR-GROUP');
const INVITED = rules('ROT-INVITED-VISIT');
const INVITED_ORDER = rules('ROT-INVITED-VISIT', 'ROT-ORDER');
const TEAM = rules('ROT-TEAM-ASSIST');

/**
 * The queue's rule IDs for a party counted as one turn (ROT-GROUP-ONE), for
 * the ownership of companions received in the same turn.
 * @internal
 */
export const GROUP_RULES: readonly RuleId[] = GROUP;

/**
 * The queue's rule IDs for a staff member's change of status (ROT-ELIGIBLE),
 * for the roster's decision.
 * @internal
 */
export const ELIGIBILITY_RULES: readonly RuleId[] = ELIGIBLE;

/** A reception that uses no turn. */
function uncounted(desk: Desk, receiver: string | null, cited: readonly RuleId[], why: string, args: Args, busy: Seat['busyWithOwn'] | null = 'no'): Outcome {
  if (receiver !== null) {
    desk.tally(receiver, 'uncounted');
    if (busy !== null) desk.busy(receiver, desk.c.tx.id, busy);
  }
  return { receiver, turns: 0, makeUp: false, plan: null, rules: cited, why, args };
}

/** A reception that uses the receiver's turn (or turns, for a party of buyers). */
function counted(desk: Desk, a: Arrival, receiver: string, next: Plan, cited: readonly RuleId[], why: string, args: Args, busy: Seat['busyWithOwn'] = 'no'): Outcome {
  const turns = desk.p.groupTurns === 'perBuyer' ? Math.max(1, a.buyers) : 1;
  const planned = desk.countTurns(receiver, turns, next);
  desk.busy(receiver, desk.c.tx.id, busy);
  if (desk.p.recognizedReturnsTurn && a.client !== undefined) noteTurn(desk, a.client, receiver);
  if (a.groupSize > 1) args.party = a.groupSize;
  return { receiver, turns, makeUp: planned && next.makeUp, plan: planned ? next : null, rules: a.groupSize > 1 ? joinRules(cited, GROUP) : cited, why, args };
}

/** Why an appointer cannot receive now, as the policy names absences; null when they are not in the order at all. */
function absenceOf(desk: Desk, seat: Seat | undefined): Absence | null {
  if (seat === undefined || seat.role !== 'sales') return null;
  const standing = desk.standing(seat);
  if (standing === BUSY) return 'busy';
  const status = seat.status;
  return status === 'onDuty' || status === 'left' ? null : status;
}

/**
 * ROT-APPOINTMENT: the appointer receives; an allowed absence (with notice,
 * when required) is assisted with no turn and no skip, the visit registered
 * to the appointer; otherwise a note, and the visitor is received like any
 * other (the rotation receiver's, using their turn).
 */
function appointmentOutcome(desk: Desk, a: Arrival, ap: Appointment, policy: AppointmentPolicy): Outcome | Note {
  const by = ap.staff;
  if (policy.requireDetails && (!a.clientNamed || ap.nameLeft !== true)) return { rules: APPOINTMENT, args: { appointment: by, lapse: 'details' } };
  const book = a.receiver;
  const seat = desk.seat(by);
  const standing = desk.standing(seat);
  // The book naming the appointer is a fact; otherwise the appointer receives when free.
  if (book === by || (standing === FREE && book === undefined)) {
    if (!policy.counts) return uncounted(desk, by, APPOINTMENT, 'appointment', { by, counts: false });
    const next = plan(desk);
    return counted(desk, a, by, next, APPOINTMENT_ORDER, 'appointment', { by, counts: true, outOfOrder: next.receiver !== by });
  }
  if (standing === FREE) return { rules: APPOINTMENT, args: { appointment: by, lapse: 'book' } };
  const reason = absenceOf(desk, seat);
  const allowed = reason !== null && policy.allowedAbsence.includes(reason);
  if (!allowed || (policy.requireNotice && ap.notice !== true)) return { rules: APPOINTMENT, args: { appointment: by, lapse: allowed ? 'noNotice' : 'reason', reason } };
  const cited = desk.p.absentOwner === 'team' ? APPOINTMENT_TEAM : APPOINTMENT_ASSIST;
  const state = desk.stateOf(by);
  if (book !== undefined) return registeredTo(uncounted(desk, book, cited, 'appointmentAssist', { appointer: by, by: book, how: 'book', team: null, ownerState: state.code, ownerUntil: state.until }), by);
  const helper = assistantFor(desk, by);
  return registeredTo(uncounted(desk, helper.id, cited, 'appointmentAssist', { appointer: by, by: helper.id, how: helper.how, team: helper.team, ownerState: state.code, ownerUntil: state.until }), by);
}

/** An assistant's reception, registered to the appointer (written whole: a spread and then a key it lacks costs V8 a hidden class per object). */
function registeredTo(out: Outcome, appointer: string): Outcome {
  return { receiver: out.receiver, turns: out.turns, makeUp: out.makeUp, plan: out.plan, rules: out.rules, why: out.why, args: out.args, for: appointer };
}

/** Two notes as one: the first's rules and arguments, then the second's. */
function joinNotes(first: Note | null, second: Note): Note {
  return first === null ? second : { rules: joinRules(first.rules, second.rules), args: { ...first.args, ...second.args } };
}

function withNote(out: Outcome, note: Note | null): Outcome {
  return note === null ? out : { ...out, rules: joinRules(note.rules, out.rules), args: { ...note.args, ...out.args } };
}

function visitOutcome(desk: Desk, arrival: Arrival): Outcome {
  const p = desk.p;
  const book = arrival.receiver;
  let a = arrival;
  let note: Note | null = null;

  if (a.nonClient !== undefined) return uncounted(desk, book ?? null, NON_CLIENT, 'nonClient', { nonClient: a.nonClient }, null);
  // ROT-TOUR-GROUP: the team manager arranges it (the book's receiver); the order does not move.
  if (a.tourGroup && p.tourGroups === 'teamManager') return uncounted(desk, book ?? null, TOUR, 'tourGroup', { by: book ?? null });
  if (a.owner !== null) {
    const owner = a.owner;
    const wanted = desk.free(a.named) ? a.named : owner;
    if (book === undefined ? desk.free(wanted) : book === wanted) {
      const next = plan(desk);
      if (p.oldClientCounts) return counted(desk, a, wanted, next, OLD_COUNTED, 'oldClient', { owner, by: wanted, counts: true }, wanted === owner ? 'own' : 'no');
      const atHead = wanted === owner && next.receiver === owner;
      return uncounted(desk, wanted, atHead ? OLD_AT_HEAD : OLD_COUNTED, 'oldClient', { owner, by: wanted, atHead, makeUpIfPassed: p.makeUps.ownClient === 'once' }, wanted !== owner ? 'no' : atHead ? 'ownAtHead' : 'own');
    }
    if (p.absentOwnerNotice && !a.ownerNotice) {
      // 004l §3: without the owner's notice, no assist: the visitor is received like any other (a deposit is still no
      // turn, an appointment still an appointment), with no tie to the away owner, and stays the owner's client.
      note = { rules: p.absentOwner === 'team' ? TEAM : ABSENT_ASSIST, args: { absentOwner: owner, noNotice: true } };
      a = { ...a, named: undefined };
    } else {
      const assist = p.absentOwner === 'team' ? OLD_TEAM : OLD_ASSIST;
      if (book !== undefined) return uncounted(desk, book, assist, 'oldClientBook', { owner, by: book });
      const helper = assistantFor(desk, owner);
      const state = desk.stateOf(owner);
      const handBack = p.teamHandBack && helper.how === 'otherTeam' && helper.id !== null && helper.team !== null;
      if (handBack) awaitHandBack(desk, { visit: desk.c.tx.id, client: a.client ?? null, owner, team: helper.team as string, helper: helper.id as string });
      return uncounted(desk, helper.id, assist, 'oldClientAssist', { owner, by: helper.id, how: helper.how, team: helper.team, ownerState: state.code, ownerUntil: state.until, handBack });
    }
  }
  if (a.purpose === 'deposit' || a.purpose === 'sign') return withNote(uncounted(desk, book ?? null, DEPOSIT, 'depositOnly', { purpose: a.purpose }), note);
  if (a.appointment !== undefined && p.appointments !== null) {
    const r = appointmentOutcome(desk, a, a.appointment, p.appointments);
    if ('why' in r) return withNote(r, note);
    note = joinNotes(note, r);
  }
  if (a.invitedBy !== undefined && p.invitedVisits !== null && desk.seat(a.invitedBy)?.role === 'telemarketer') {
    const inviter = a.invitedBy;
    if (book !== undefined) {
      if (!p.invitedVisits.counts) return withNote(uncounted(desk, book, INVITED, 'invited', { by: book, inviter, counts: false }), note);
      const next = plan(desk);
      return withNote(counted(desk, a, book, next, INVITED_ORDER, 'invited', { by: book, inviter, counts: true, outOfOrder: next.receiver !== book }), note);
    }
    note = joinNotes(note, { rules: INVITED, args: { inviter, unassigned: true } });
  }
  return withNote(newVisitor(desk, a), note);
}

/** A new visitor nothing above decided: a tied client, duty hours, or the order. */
function newVisitor(desk: Desk, a: Arrival): Outcome {
  const book = a.receiver;
  if (a.named !== undefined && (book ?? a.named) === a.named && desk.free(a.named)) {
    const next = plan(desk);
    return counted(desk, a, a.named, next, joinRules(ORDER, a.tieRules), 'named', { by: a.named, outOfOrder: next.receiver !== a.named });
  }
  return withNote(untied(desk, a), tiedAway(desk, a));
}

/**
 * The note of a new client tied to someone who cannot receive now (OWN-NAMED,
 * ROT-ELIGIBLE): the client stays theirs, and the visit is received as any
 * other, by the duty person or the one whose turn it is (004e §5 则由当值人员接待;
 * 004i 由轮值销售人员B), using that turn.
 */
function tiedAway(desk: Desk, a: Arrival): Note | null {
  if (a.named === undefined || desk.free(a.named)) return null;
  const state = desk.stateOf(a.named);
  return { rules: joinRules(a.tieRules, ELIGIBLE), args: { tiedTo: a.named, tiedState: state.code, tiedUntil: state.until } };
}

/** A new visitor with no tie that holds now: duty hours, the book, or the order. */
function untied(desk: Desk, a: Arrival): Outcome {
  const p = desk.p;
  const book = a.receiver;
  let dutyNobody = false;
  if (desk.inDutyHours()) {
    const person = book ?? desk.dutyStaff().find((id) => desk.free(id));
    if (person !== undefined) return uncounted(desk, person, DUTY, 'duty', { by: person, book: book !== undefined });
    dutyNobody = true;
  }
  const next = plan(desk);
  const base: Args = dutyNobody ? { dutyNobody } : {};
  const extra = dutyNobody ? QUEUE_DUTY : QUEUE;
  if (book !== undefined) {
    const free = desk.free(book);
    if (next.receiver === book) return counted(desk, a, book, next, free ? extra : joinRules(extra, ELIGIBLE), next.why, { ...base, by: book });
    const state = free ? null : desk.stateOf(book);
    return counted(desk, a, book, next, free ? extra : joinRules(extra, ELIGIBLE), 'book', { ...base, by: book, queueHad: next.receiver, ...(state ? { although: state.code, ownerUntil: state.until } : {}) });
  }
  if (next.receiver === null) return { receiver: null, turns: 0, makeUp: false, plan: null, rules: dutyNobody ? joinRules(DUTY, next.rules) : next.rules, why: next.why, args: { ...base, states: [...(next.states ?? [])] } };
  return counted(desk, a, next.receiver, next, extra, next.why, { ...base, by: next.receiver });
}

/**
 * Decides who receives a visitor and whether it uses a turn: non-clients
 * (ID-NONCLIENT), old clients and their absent owners
 * (ROT-OLD-CLIENT-NOT-COUNTED, ROT-OWN-CLIENT-ARRIVES,
 * ROT-ABSENT-OWNER-ASSIST, ROT-TEAM-ASSIST), deposits (ROT-DEPOSIT-ONLY),
 * tied clients, duty hours (ROT-DUTY), and the order with its skips and
 * make-ups (ROT-ORDER, ROT-CARRY, ROT-ELIGIBLE, ROT-GROUP-ONE, ...).
 * "No eligible receiver" is a decision too.
 * @internal
 */
export function receive(c: RotCtx, arrival: Arrival): string | null {
  const desk = open(c);
  const out = visitOutcome(desk, arrival);
  emitReception(desk, 'visit', arrival.client, out);
  desk.close();
  return out.for ?? out.receiver;
}

/** The desk of an event, with any client due back to their owner's team handed back first (ROT-TEAM-ASSIST). */
function open(c: RotCtx): Desk {
  const desk = new Desk(c);
  if (c.s.handBacks.value.length > 0) settleHandBacks(desk);
  return desk;
}

function awaitHandBack(desk: Desk, h: HandBack): void {
  const box = desk.c.s.handBacks;
  box.set(desk.c.tx, append(box.value, h));
}

/** Who takes a client back: the owner when free, else the first free member of their team in the order. */
function takerOf(desk: Desk, h: HandBack): string | undefined {
  if (desk.free(h.owner)) return h.owner;
  const ring = desk.ring;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const seat = ring[(desk.cursor + i) % n] as Seat;
    if (seat.team === h.team && seat.id !== h.helper && desk.free(seat.id)) return seat.id;
  }
  return undefined;
}

/**
 * ROT-TEAM-ASSIST (004x §6.1): a client another team is serving goes back to
 * the owner, or the first free member of their team, as soon as one is free
 * while the reception lasts; a reception that ended hands nothing back.
 * @internal
 */
export function settleHandBacks(desk: Desk): void {
  const box = desk.c.s.handBacks;
  const list = box.value;
  const left: HandBack[] = [];
  for (const h of list) {
    const helper = desk.seat(h.helper);
    if (helper === undefined || helper.busyWith !== h.visit || helper.busyUntil <= desk.at) continue;
    const to = takerOf(desk, h);
    if (to === undefined) {
      left.push(h);
      continue;
    }
    desk.put(seatWith(helper, { busyUntil: 0, busyWith: null, busyWithOwn: 'no' }));
    desk.busy(to, h.visit, to === h.owner ? 'own' : 'no');
    emitQueue(desk, [h.helper, to], 'handedBack', null, TEAM, [h.visit], { owner: h.owner, team: h.team, client: h.client, from: h.helper, to });
  }
  if (left.length !== list.length) box.set(desk.c.tx, left);
}

/** What a call allocation needs to know. @internal */
export interface CallArrival {
  readonly client: string | undefined;
  /** Who the book gives the call to (the manager's allocation, or the outreach's owner). */
  readonly receiver: string | undefined;
  readonly selfSourced: boolean;
}

const CALL_BOOK = rules('ROT-CALL-ALLOCATION');
const CALL_BARRED = rules('ROT-CALL-ALLOCATION', 'ROT-NO-CALLS');

function callOutcome(desk: Desk, call: CallArrival): Outcome {
  if (call.receiver !== undefined) {
    const r = call.receiver;
    const seat = desk.seat(r);
    const barred = !call.selfSourced && seat !== undefined && desk.noCalls(seat);
    return { receiver: r, turns: 0, makeUp: false, plan: null, rules: barred ? CALL_BARRED : CALL_BOOK, why: call.selfSourced ? 'selfSourced' : 'callBook', args: { by: r, barredUntil: barred ? (seat?.noCallsUntil ?? 0) : 0 } };
  }
  if (desk.p.callAllocation === 'manager') return { receiver: null, turns: 0, makeUp: false, plan: null, rules: CALL_BOOK, why: 'callManager', args: {} };
  const next = planCall(desk);
  desk.commit(next, 'call');
  if (next.receiver === null) return { receiver: null, turns: 0, makeUp: false, plan: null, rules: next.rules, why: next.why, args: { states: [...(next.states ?? [])] } };
  return { receiver: next.receiver, turns: 1, makeUp: false, plan: next, rules: NO_RULES, why: next.why, args: { by: next.receiver } };
}

/**
 * Gives a call to someone (ROT-CALL-ALLOCATION): the receiver of a
 * self-sourced call keeps it; a call the book gives to someone is theirs;
 * otherwise the call rotation allocates it, skipping those barred from calls
 * (ROT-NO-CALLS), or it waits for the manager.
 * @internal
 */
export function allocateCall(c: RotCtx, call: CallArrival): string | null {
  const desk = open(c);
  const out = callOutcome(desk, call);
  if (out.receiver !== null) desk.tally(out.receiver, 'calls');
  emitReception(desk, 'call', call.client, out);
  desk.close();
  return out.receiver;
}

function emitQueue(desk: Desk, staff: readonly string[], change: QueueDecision['change'], until: number | null, cited: readonly RuleId[], evidence: readonly string[], args: Args): void {
  const { tx } = desk.c;
  if (!tx.record) return;
  const d: QueueDecision = { kind: 'queue', event: tx.id, at: tx.at, rules: cited, evidence, why: change, args, staff: [...staff], change, until };
  tx.emit(d);
}

const PENALTY_RULES = { halfTurns: rules('ROT-PENALTY-HALF'), noCalls: rules('ROT-NO-CALLS') } as const;

/**
 * Sets or lifts a rotation penalty (ROT-PENALTY-HALF: one turn every two
 * rounds; ROT-NO-CALLS: no call allocation) for `days` local days counting
 * today (default: the policy's `penaltyDays`); 0 lifts it.
 * @internal
 */
export function penalize(c: RotCtx, e: { readonly staff: string; readonly penalty: 'halfTurns' | 'noCalls'; readonly days?: number | undefined }): void {
  const desk = open(c);
  const days = e.days ?? desk.p.penaltyDays;
  const until = days === 0 ? 0 : c.cal.startOf(desk.day + days);
  const seat = desk.seat(e.staff) ?? plainSeat(e.staff, 'sales', 'onDuty', null, 0);
  desk.put(e.penalty === 'halfTurns' ? seatWith(seat, { halfUntil: until, halfSkipNext: until > 0 }) : seatWith(seat, { noCallsUntil: until }));
  emitQueue(desk, [e.staff], days === 0 ? 'penaltyLifted' : 'penalty', days === 0 ? null : until, PENALTY_RULES[e.penalty], [], { penalty: e.penalty, days });
  desk.close();
}

/** A rotation penalty another family derived from a closed period, as data. @internal */
export interface Derived {
  readonly staff: string;
  readonly penalty: 'halfTurns' | 'noCalls';
  /** Epoch ms: the end of the closed period, and of the next one. */
  readonly from: number;
  readonly until: number;
  /** The rule IDs it was derived from (KPI-CLOSE-RATE, KPI-INVITE-RATE). */
  readonly rules: readonly RuleId[];
  readonly args: Args;
}

/**
 * A penalty derived from a closed period (ROT-PENALTY-HALF after a period
 * with no deal or deposit, ROT-NO-CALLS after a zero invitation rate): it
 * lasts to the end of the next period, and never shortens a penalty in
 * force. Someone not in the queue gets it all the same, for when they return.
 * @internal
 */
export function derivePenalty(c: RotCtx, d: Derived): void {
  const desk = open(c);
  const seat = desk.seat(d.staff) ?? plainSeat(d.staff, 'sales', 'onDuty', null, 0);
  const half = d.penalty === 'halfTurns';
  const current = half ? seat.halfUntil : seat.noCallsUntil;
  if (current < d.until) {
    desk.put(half ? seatWith(seat, { halfUntil: d.until, halfSkipNext: seat.halfUntil > desk.at ? seat.halfSkipNext : true }) : seatWith(seat, { noCallsUntil: d.until }));
  }
  const days = Math.round((d.until - d.from) / 86_400_000);
  emitQueue(desk, [d.staff], 'penalty', Math.max(current, d.until), joinRules(PENALTY_RULES[d.penalty], d.rules), [], { ...d.args, penalty: d.penalty, days, derived: true });
  desk.close();
}

/**
 * Names the duty staff of the event's local day, and that day's duty hours
 * when given (ROT-DUTY). The decision lasts to the day's end, or to the end
 * of a night window that runs past midnight.
 * @internal
 */
export function assignDuty(c: RotCtx, ids: readonly string[], hours?: readonly { readonly from: string; readonly to: string }[]): void {
  const desk = open(c);
  desk.setDuty(ids, hours);
  const windows = desk.dutyHours().map((w) => `${w.from}-${w.to}`).join(', ');
  emitQueue(desk, ids, 'duty', desk.dutyEnd(), DUTY, [], { day: c.cal.dayIso(desk.day), windows, ...(hours === undefined ? {} : { fromEvent: true }) });
  desk.close();
}

const LONG = rules('ROT-LONG-RECEPTION');
const RETURNED = rules('ROT-OLD-CLIENT-NOT-COUNTED');

/**
 * An old client their original recognized during another's reception is
 * handed over, and that reception is no turn (004e §4): its receiver is free
 * again and owed a make-up. Nothing under a policy that keeps the turn, or for a reception
 * that used none.
 * @param c - the rotation's context
 * @param reception - the receiver and the visit the original recognized the client in
 * @param original - who recognized them
 * @internal
 */
export function returnTurn(c: RotCtx, client: string, original: string): void {
  if (!c.p.recognizedReturnsTurn) return;
  const desk = open(c);
  const list = c.s.turnsToday.value;
  let at = -1;
  for (let i = list.length - 1; i >= 0 && at < 0; i--) {
    const v = list[i] as CountedVisit;
    if (v.day === desk.day && v.client === client && v.staff !== original) at = i;
  }
  const reception = list[at];
  const seat = reception === undefined ? undefined : desk.seat(reception.staff);
  if (reception !== undefined && seat !== undefined) {
    // Given back once: the visit leaves the day's list.
    c.s.turnsToday.set(c.tx, list.filter((_, i) => i !== at));
    // Handed over: the receiver is free again, and owed the turn.
    const owed = seat.owed + 1;
    const owedFor = `returned:${reception.visit}`;
    desk.put(seatWith(seat, seat.busyWith === reception.visit ? { busyUntil: 0, busyWith: null, busyWithOwn: 'no', owed, owedFor } : { owed, owedFor }));
    desk.tally(reception.staff, 'owed');
    emitQueue(desk, [reception.staff], 'turnReturned', null, RETURNED, [reception.visit], { original, visit: reception.visit });
  }
  desk.close();
}

/** Notes a counted reception for the day (kept only while the policy may give it back). */
function noteTurn(desk: Desk, client: string, staff: string): void {
  const { c } = desk;
  const kept = c.s.turnsToday.value.filter((v) => v.day === desk.day);
  c.s.turnsToday.set(c.tx, append(kept, { day: desk.day, client, staff, visit: c.tx.id }));
}

/** A reception is over: the receiver is free for the queue again (ROT-LONG-RECEPTION). @internal */
export function endReception(c: RotCtx, e: { readonly staff: string; readonly visit?: string | undefined }): void {
  const desk = new Desk(c);
  const seat = desk.seat(e.staff);
  const ends = seat !== undefined && seat.busyUntil > c.tx.at && (e.visit === undefined || e.visit === seat.busyWith);
  if (ends && seat !== undefined) desk.put(seatWith(seat, { busyUntil: 0, busyWith: null, busyWithOwn: 'no' }));
  emitQueue(desk, [e.staff], 'receptionEnded', null, LONG, ends && seat?.busyWith ? [seat.busyWith] : [], { ended: ends, visit: seat?.busyWith ?? null });
  // Someone free again may take a client back to their team (ROT-TEAM-ASSIST).
  if (c.s.handBacks.value.length > 0) settleHandBacks(desk);
  desk.close();
}

/** A roster change as the queue needs it. @internal */
export interface SeatMember {
  readonly id: string;
  readonly role: Seat['role'];
  readonly status: Seat['status'];
  readonly team: string | null;
  readonly since: number;
}

/**
 * Keeps the order in step with the roster: a salesperson joins at the end,
 * and leaves it on departure or a change of role (ROT-ORDER); every seat
 * carries the roster's status and team, which the queue reads at each turn
 * (ROT-ELIGIBLE).
 * @internal
 */
export function syncStaff(c: RotCtx, m: SeatMember): void {
  const { tx, s } = c;
  const ring = s.ring.value;
  const index = ring.findIndex((x) => x.id === m.id);
  const old = index >= 0 ? (ring[index] as Seat) : s.parked.get(m.id);
  const seat: Seat = old ? seatWith(old, { role: m.role, status: m.status, team: m.team, since: m.since }) : plainSeat(m.id, m.role, m.status, m.team, m.since);
  const belongs = m.role === 'sales' && m.status !== 'left';
  if (belongs && index >= 0) {
    const next = ring.slice();
    next[index] = seat;
    s.ring.set(tx, next);
    // An owner back on duty may take a client back from another team (ROT-TEAM-ASSIST).
    if (s.handBacks.value.length > 0) {
      const desk = open(c);
      desk.close();
    }
    return;
  }
  if (belongs) {
    s.ring.set(tx, append(ring, seat));
    if (old) s.parked.delete(tx, m.id);
    return;
  }
  s.parked.set(tx, m.id, seat);
  if (index < 0) return;
  const next = ring.filter((_, i) => i !== index);
  s.ring.set(tx, next);
  const head = s.head.value;
  const shift = (cursor: number) => {
    const moved = cursor > index ? cursor - 1 : cursor;
    return next.length === 0 ? 0 : moved % next.length;
  };
  s.head.set(tx, { ...head, next: shift(head.next), nextCall: shift(head.nextCall) });
}
