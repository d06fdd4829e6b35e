/**
 * Registrations (RULES §B) and the ownership they establish (OWN-FIRST,
 * OWN-VALIDITY), with the collisions a registration can cause
 * (COL-EARLIEST, COL-SAME-DAY, REG-CALL-BEFORE-VISIT), the registration
 * checks (REG-FIELDS, REG-CUTOFF), the claim gates (CLM-WINDOW,
 * CLM-REQUIRES-REGISTRATION), claim updates (CLM-UPDATE) and follow-ups
 * (OWN-FOLLOWUP).
 */
import { joinRules, rules, without, type Args } from '../kernel/decision.js';
import { append } from '../kernel/list.js';
import type { RuleId } from '../kernel/rules.js';
import { minutesOf } from '../kernel/time.js';
import type { ClientRef } from '../events/common.js';
import type { Channel, ClaimDecision, CollisionDecision, FollowUpDecision, RegistrationDecision } from './decisions.js';
import { draftFile, grant, ownershipDecision, protectionEnd, recordDoNotCall, renew, settle, type OwnCtx } from './file.js';
import { isProtected, registrationWith, type ClientFile, type FileDraft, type Registration } from './state.js';


/** What the registration checks read of a normalized phone (the identity family's `Phone` fits it). @internal */
export type NormalizedPhone = { readonly kind: 'full' | 'masked' } | { readonly kind: 'invalid'; readonly reason: string };

/**
 * The book day a registration counts for: after the cutoff, the next day (REG-CUTOFF).
 * @internal
 */
export function bookDay(c: OwnCtx, at: number): number {
  const day = c.cal.dayOf(at);
  const cutoff = c.p.registration.cutoff;
  return cutoff !== null && c.cal.minuteOfDay(at) >= minutesOf(cutoff) ? day + 1 : day;
}

/**
 * Who gets a free client from this registration, and why. Defaults to the
 * registering staff member (REG-FIRST, OWN-FIRST).
 * @internal
 */
export interface Claimant {
  readonly staff: string;
  readonly rules: readonly RuleId[];
  /** The reason code of the ownership decision. */
  readonly why: string;
  readonly args?: Args | undefined;
  /** The client came by referral: the REF-WINDOW applies. */
  readonly referral: boolean;
}

/** What a registration's fields look like to the checks, with what the record already knows. @internal */
export interface Fields {
  readonly ref: ClientRef | undefined;
  /** The phone as the identity family normalized it: what REG-FIELDS reads of it. */
  readonly phone: NormalizedPhone | undefined;
  /** What the record of a known client supplies (REG-FIELDS). */
  readonly known?: { readonly name: boolean; readonly phone: boolean } | undefined;
}

/**
 * Why a registration is invalid (REG-FIELDS), or null when it is valid. A
 * client already on record may be referred to by key or phone alone: the
 * record supplies the rest.
 * @internal
 */
export function fieldsProblem(c: OwnCtx, fields: Fields, channel: Channel): string | null {
  const { ref, phone, known } = fields;
  if (!ref) return 'no client details';
  const hasName = ref.name !== undefined || (ref.company !== undefined && ref.contact !== undefined) || known?.name === true;
  const required = c.p.registration.requiredFields;
  const needName = channel === 'visit' ? required.includes('name') : channel !== 'call';
  const needPhone = channel === 'visit' ? required.includes('phone') : channel === 'call' || channel === 'report';
  if (needName && !hasName) return 'no name';
  if (phone === undefined) return needPhone && known?.phone !== true ? 'no phone' : null;
  if (phone.kind === 'invalid') return phone.reason;
  if (phone.kind === 'masked' && channel !== 'report') return 'a masked phone cannot reach the client';
  if (ref.reachable === false) return 'the phone does not reach the client';
  return null;
}

/** A registration about to enter a client's file. @internal */
export interface Registering {
  readonly event: string;
  readonly staff: string | null;
  readonly channel: Channel;
  readonly person: string;
  readonly name: string | null;
  readonly company: string | null;
  /** Why it is invalid (REG-FIELDS), when it is. */
  readonly invalid: string | null;
  readonly claimant: Claimant | null;
  /** The claimant takes the client even from a protected owner (OWN-RECOGNIZE, OWN-PHONE-INVITE, OWN-CHANNEL-GROUP). */
  readonly takeover?: boolean | undefined;
  /** A registration that gives no ownership (OWN-CALL), with the decision that says why. */
  readonly inert?: { readonly rules: readonly RuleId[]; readonly why: string; readonly args?: Args } | undefined;
  /** More rule IDs and arguments for the collision when the owner keeps the client. */
  readonly keep?: { readonly rules: readonly RuleId[]; readonly args?: Args } | undefined;
  /** Epoch ms of the contact, when the entry came later (REG-DISCIPLINE). */
  readonly contactAt?: number | undefined;
}

const CLAIM_CHANNELS: readonly Channel[] = ['claim', 'preFile'];
const REG_VALID = rules('REG-FIRST');
const REG_INVALID = rules('REG-FIELDS', 'REG-FIRST');
const CUTOFF = rules('REG-CUTOFF');

const DISCIPLINE = rules('REG-DISCIPLINE');
const BOOK_ONLY: NonNullable<Registering['inert']> = { rules: rules('CLM-REQUIRES-REGISTRATION', 'REG-FIRST'), why: 'bookOnly' };

function registrationDecision(c: OwnCtx, client: string, r: Registration, invalid: string | null, enteredLate: number | null): void {
  const { tx } = c;
  if (!tx.record) return;
  const late = r.lastDay !== c.cal.dayOf(r.lastAt);
  const base = r.valid ? REG_VALID : REG_INVALID;
  const args: Args = invalid === null ? {} : { invalid };
  if (late) args.cutoff = c.p.registration.cutoff;
  let cited = late ? joinRules(base, CUTOFF) : base;
  if (enteredLate !== null) {
    // REG-DISCIPLINE: an entry after the contact's day is an omitted report (漏报).
    args.contactAt = enteredLate;
    args.fromEntry = c.p.registration.sameDayEntry;
    cited = joinRules(cited, DISCIPLINE);
  }
  const d: RegistrationDecision = {
    kind: 'registration',
    event: tx.id,
    at: tx.at,
    rules: cited,
    evidence: [],
    why: r.valid ? 'registered' : 'invalid',
    args,
    client,
    staff: r.staff,
    channel: r.channel,
    valid: r.valid,
    day: c.cal.dayIso(r.lastDay),
  };
  tx.emit(d);
}

/** Adds a registration, keeping one entry per salesperson, book and person (see {@link Registration}). */
function addRegistration(f: FileDraft, r: Registration): Registration {
  const list = f.registrations;
  let i = -1;
  for (let k = 0; k < list.length && i < 0; k++) {
    const q = list[k] as Registration;
    if (q.staff === r.staff && q.channel === r.channel && q.valid === r.valid && q.person === r.person && q.name === r.name && q.company === r.company) i = k;
  }
  if (i < 0) {
    f.registrations = append(list, r);
    return r;
  }
  const q = list[i] as Registration;
  const merged = registrationWith(q, { at: q.at, day: q.day, lastAt: r.lastAt, lastDay: r.lastDay });
  const next = list.slice();
  next[i] = merged;
  f.registrations = next;
  return merged;
}

/** Emits a collision and notes it on the file (for the same-day dispute rule). @internal */
export function collide(c: OwnCtx, f: FileDraft, challenger: string, outcome: CollisionDecision['outcome'], cited: readonly RuleId[], evidence: readonly string[], why: string, day: number, args?: Args): void {
  const { tx } = c;
  if (tx.record) {
    const d: CollisionDecision = { kind: 'collision', event: tx.id, at: tx.at, rules: cited, evidence, why, args, client: f.key, owner: f.owner, challenger, outcome };
    tx.emit(d);
  }
  f.x = { ...f.x, collision: { staff: f.owner === null ? [challenger] : [f.owner, challenger], day, event: tx.id } };
}

const FIRST = rules('OWN-FIRST');
const DEVELOPER_CONTACT = rules('REF-DEVELOPER');
const IN_POOL = rules('OWN-DEPARTED', 'OWN-MANAGER');
const RENEWED = rules('OWN-VALIDITY');
const RENEWED_FOLLOWUP = rules('OWN-VALIDITY', 'OWN-FOLLOWUP');
const CALL_FIRST = rules('REG-CALL-BEFORE-VISIT');
const CALL_FIRST_GRANT = rules('REG-CALL-BEFORE-VISIT', 'REG-FIRST');
const SAME_DAY = rules('COL-SAME-DAY', 'DSP-PROCESS');
const EARLIEST = rules('COL-EARLIEST', 'OWN-FIRST');
const EARLIEST_NAMED = rules('COL-EARLIEST', 'OWN-FIRST', 'OWN-NAMED');
const EARLIEST_CONTACT = rules('COL-EARLIEST', 'OWN-FIRST');

/**
 * Enters a registration into a client's file and decides ownership: a free
 * client goes to the claimant (OWN-FIRST); a protected one stays with its
 * owner (COL-EARLIEST) unless a same-day call outranks a visit
 * (REG-CALL-BEFORE-VISIT) or same-day claims await a ruling (COL-SAME-DAY).
 * @internal
 */
export function registerClient(c: OwnCtx, f: FileDraft, input: Registering): void {
  const { tx } = c;
  settle(c, f);
  const p = c.p;
  const contact = input.contactAt;
  const enteredLate = contact !== undefined && bookDay(c, tx.at) > c.cal.dayOf(contact) ? contact : null;
  // A late entry counts from its contact, unless the office requires same-day entries (REG-DISCIPLINE).
  const from = contact !== undefined && !p.registration.sameDayEntry ? contact : tx.at;
  const day = bookDay(c, from);
  const r = addRegistration(f, {
    event: input.event,
    at: from,
    day,
    lastAt: from,
    lastDay: day,
    staff: input.staff,
    channel: input.channel,
    valid: input.invalid === null,
    person: input.person,
    name: input.name,
    company: input.company,
  });
  if (tx.record) registrationDecision(c, f.key, r, input.invalid, enteredLate);
  if (input.invalid !== null || input.staff === null) return;
  // 002 §1.3, §1.7: where only claims own, the book is what a claim needs, not a basis of ownership.
  const inert = input.inert ?? (!p.ownership.bookProtects && (input.channel === 'visit' || input.channel === 'call') ? BOOK_ONLY : undefined);
  if (inert !== undefined) {
    ownershipDecision(c, f, f.owner, protectionEnd(f), inert.rules, [input.event], inert.why, inert.args ?? { by: input.staff });
    return;
  }

  const claimant: Claimant = input.claimant ?? { staff: input.staff, rules: FIRST, why: 'first', args: { by: input.staff }, referral: false };
  if (f.status === 'developer') {
    ownershipDecision(c, { key: f.key, owner: null, status: 'developer' }, null, null, DEVELOPER_CONTACT, [], 'developerContact');
    return;
  }
  if (f.status === 'pool') {
    ownershipDecision(c, { key: f.key, owner: null, status: 'pool' }, null, null, IN_POOL, f.basis.evidence, 'inPool');
    return;
  }
  if (f.status === 'none' || f.owner === null) {
    grant(c, f, { staff: claimant.staff, channel: input.channel, at: from, rules: joinRules(claimant.rules, REG_VALID), evidence: [input.event], why: claimant.why, args: claimant.args, referral: claimant.referral, day, person: input.person });
    return;
  }

  const owner = f.owner;
  if (owner === claimant.staff) {
    const renews =
      (input.channel === 'visit' && p.ownership.renewOn.includes('visit')) ||
      (input.channel === 'call' && p.ownership.renewOn.includes('call')) ||
      (CLAIM_CHANNELS.includes(input.channel) && p.ownership.renewOn.includes('claim') && p.claims.reclaimRenews);
    if (!renews) return;
    const oldEnd = protectionEnd(f);
    renew(c, f, input.channel, day);
    const end = protectionEnd(f);
    if (end === oldEnd) return;
    // The end it states may be the follow-up deadline the contact restarted: cite that rule too.
    const cited = end !== null && end === f.followUpBy ? RENEWED_FOLLOWUP : RENEWED;
    ownershipDecision(c, f, owner, end, cited, [input.event], 'renewed', { channel: input.channel });
    return;
  }

  if (f.status === 'protected' && (input.takeover === true || (enteredLate !== null && !p.registration.sameDayEntry && from < f.basis.at))) {
    // The claimant outranks the protection: a rule says so, or a contact earlier than the owner's (COL-EARLIEST).
    const cited = input.takeover === true ? claimant.rules : EARLIEST_CONTACT;
    collide(c, f, claimant.staff, 'challengerWins', cited, f.basis.evidence, input.takeover === true ? claimant.why : 'earlierContact', day, claimant.args);
    grant(c, f, { staff: claimant.staff, channel: input.channel, at: from, rules: joinRules(cited, REG_VALID), evidence: [input.event], why: claimant.why, args: claimant.args, referral: claimant.referral, day, person: input.person });
    return;
  }
  const sameDay = basisRegistration(f)?.day === day;
  if (p.registration.callBeforeVisit && input.channel === 'call' && f.basis.channel === 'visit' && f.status === 'protected' && sameDay) {
    collide(c, f, claimant.staff, 'challengerWins', CALL_FIRST, f.basis.evidence, 'callBeforeVisit', day);
    grant(c, f, { staff: claimant.staff, channel: 'call', at: tx.at, rules: CALL_FIRST_GRANT, evidence: [input.event], why: 'callBeforeVisit', day, person: input.person });
    return;
  }
  if (p.collisions.sameDay === 'ruling' && CLAIM_CHANNELS.includes(input.channel) && f.basis.channel !== null && CLAIM_CHANNELS.includes(f.basis.channel) && isProtected(f.status) && sameDay) {
    collide(c, f, claimant.staff, 'awaitingRuling', SAME_DAY, f.basis.evidence, 'sameDay', day);
    f.status = 'disputed';
    f.x = { ...f.x, dispute: { raisedBy: null, event: tx.id, level: 'raised', ruledBy: null, ruledOwner: null } };
    return;
  }
  const named = claimant.rules.includes('OWN-NAMED');
  const permanent = f.status === 'permanent';
  let cited = named ? EARLIEST_NAMED : EARLIEST;
  let args: Args = { permanent, until: permanent ? null : protectionEnd(f) };
  if (input.keep !== undefined) {
    cited = joinRules(cited, input.keep.rules);
    args = { ...args, ...input.keep.args };
  }
  if (enteredLate !== null && p.registration.sameDayEntry) {
    // REG-DISCIPLINE: the omitting side bears the collision (004j §1.1).
    cited = joinRules(cited, DISCIPLINE);
    args = { ...args, enteredLate: true, contactAt: enteredLate };
  }
  collide(c, f, claimant.staff, 'ownerKeeps', cited, f.basis.evidence, 'ownerKeeps', day, args);
  if (named) f.x = { ...f.x, named: claimant.staff };
}

/**
 * The registration the current ownership rests on: the book day and person
 * the grant recorded, else the first registration among its evidence.
 * @internal
 */
export function basisRegistration(f: ClientFile): { readonly day: number; readonly person: string } | undefined {
  if (f.basis.day !== null && f.basis.person !== null) return { day: f.basis.day, person: f.basis.person };
  return f.registrations.find((r) => f.basis.evidence.includes(r.event));
}

/** A claim refused or held by a gate, with its rules and reason code. @internal */
export interface Refusal {
  readonly rules: readonly RuleId[];
  readonly why: string;
  readonly args?: Args;
}

const WINDOW = rules('CLM-WINDOW');
const NEEDS_REGISTRATION = rules('CLM-REQUIRES-REGISTRATION');

/**
 * Checks a submission against the windows (CLM-WINDOW): a claim and its
 * update alike, since an update is a second submission (002 §1.6). Pre-filed
 * clients and channel reports are exempt.
 * @internal
 */
export function windowRefusal(c: OwnCtx, kind: 'claim' | 'preFile' | 'report' | 'update'): Refusal | null {
  const windows = c.p.claims.windows;
  if (kind === 'preFile' || kind === 'report' || windows.length === 0) return null;
  const minute = c.cal.minuteOfDay(c.tx.at);
  const open = windows.some((w) => minute >= minutesOf(w.from) && minute < minutesOf(w.to));
  return open ? null : { rules: WINDOW, why: 'outsideWindow', args: { windows: windows.map((w) => `${w.from}-${w.to}`) } };
}

/**
 * Checks a claim against the same-day registration requirement
 * (CLM-REQUIRES-REGISTRATION), after {@link windowRefusal}. Pre-filed
 * clients and channel reports are exempt.
 * @internal
 */
export function claimRefusal(c: OwnCtx, file: ClientFile | undefined, staff: string, kind: 'claim' | 'preFile' | 'report' | 'update'): Refusal | null {
  if (kind === 'preFile' || kind === 'report') return null;
  const isNew = file === undefined || !file.registrations.some((r) => r.valid && r.staff === staff && (r.channel === 'claim' || r.channel === 'preFile'));
  if (c.p.claims.requireRegistration && isNew) {
    const day = bookDay(c, c.tx.at);
    const booked = file?.registrations.some((r) => r.valid && r.staff === staff && (r.channel === 'visit' || r.channel === 'call') && r.lastDay === day) ?? false;
    if (!booked) return { rules: NEEDS_REGISTRATION, why: 'noRegistration', args: { staff } };
  }
  return null;
}

const UPDATE = rules('CLM-UPDATE');
const UPDATE_GRANT = rules('CLM-UPDATE', 'OWN-FIRST');

/** Emits a claim decision. @internal */
export function claimDecision(c: OwnCtx, client: string | undefined, staff: string, outcome: ClaimDecision['outcome'], cited: readonly RuleId[], evidence: readonly string[], why: string, args?: Args): void {
  const { tx } = c;
  if (!tx.record) return;
  // client is left out when absent rather than spread in: see emitReception.
  const written: ClaimDecision = { kind: 'claim', event: tx.id, at: tx.at, rules: cited, evidence, why, args, client: client as string, staff, outcome };
  const d = client === undefined ? without(written, 'client') : written;
  tx.emit(d);
}

/**
 * A claim update (CLM-UPDATE): a changed need or buyer makes the claim's time
 * the time of the new submission. Returns false when the staff member has
 * no claim to update.
 * @internal
 */
export function updateClaim(c: OwnCtx, f: FileDraft, staff: string): boolean {
  const { tx } = c;
  const index = f.registrations.findIndex((r) => r.staff === staff && r.valid && (r.channel === 'claim' || r.channel === 'preFile'));
  if (index < 0) return false;
  const old = f.registrations[index] as Registration;
  const day = bookDay(c, tx.at);
  const next = f.registrations.slice();
  next[index] = registrationWith(old, { at: tx.at, day, lastAt: tx.at, lastDay: day });
  f.registrations = next;
  claimDecision(c, f.key, staff, 'updated', UPDATE, [old.event], 'updated', { staff, since: tx.at });
  if (f.owner === staff && f.basis.evidence.includes(old.event)) {
    grant(c, f, { staff, channel: old.channel, at: tx.at, rules: UPDATE_GRANT, evidence: [old.event], why: 'claimUpdated', day, person: old.person });
  }
  return true;
}

const FOLLOW = rules('OWN-FOLLOWUP');
const FOLLOW_RETURNED = rules('OWN-FOLLOWUP', 'CLM-CONFLICT-RETURN');

/** Whether a client has a file (a follow-up or a ruling needs one). @internal */
export function hasFile(c: OwnCtx, client: string): boolean {
  return c.s.files.get(client) !== undefined;
}

/** What a follow-up says of the contact (OWN-FOLLOWUP). @internal */
export interface Contact {
  /** The client asked not to be called. */
  readonly doNotCall?: boolean | undefined;
  /** Whether the contact reached the client (有效联系); undefined: it did. */
  readonly effective?: boolean | undefined;
  /** Epoch ms of the next callback agreed with the client (原定回访时间). */
  readonly nextAt?: number | undefined;
}

const NOT_EFFECTIVE = rules('OWN-FOLLOWUP', 'OWN-VALIDITY');

/**
 * A recorded follow-up (OWN-FOLLOWUP): by the owner it restarts the
 * follow-up clock (and, if the policy says so, the window), or sets the
 * agreed next callback as the deadline; one that did not reach the client
 * keeps nothing where only an effective contact counts (004j §2.2); by
 * anyone else it keeps nothing.
 * @internal
 */
export function followUp(c: OwnCtx, client: string, staff: string, contact: Contact = {}): void {
  const f = draftFile(c, client);
  settle(c, f);
  const { doNotCall } = contact;
  // OWN-FOLLOWUP (004h §9): the request is judged now, before the contact sets the next deadline under the same version.
  if (doNotCall !== undefined && f.owner === staff) recordDoNotCall(c, f, doNotCall);
  let kept = false;
  let why: string;
  const ineffective = contact.effective === false && c.p.ownership.followUp.effectiveOnly;
  if (f.owner === staff && isProtected(f.status) && ineffective) {
    why = 'notEffective';
  } else if (f.owner === staff && isProtected(f.status)) {
    renew(c, f, c.p.ownership.renewOn.includes('followUp') ? f.basis.channel : null, null, contact.nextAt ?? null);
    kept = true;
    // The deadline renew just set was judged under this version: waived or not, as `why` says.
    why = f.doNotCall && c.p.ownership.followUp.doNotCallExempt ? 'keptDoNotCall' : 'kept';
  } else if (f.owner === staff) {
    kept = true;
    why = 'ownerUnprotected';
  } else {
    why = f.owner === null ? 'noOwner' : f.x.returned?.staff === staff && f.x.returned.notice !== null ? 'afterReturn' : 'notOwner';
  }
  const { tx } = c;
  if (!tx.record) return;
  const d: FollowUpDecision = { kind: 'followUp', event: tx.id, at: tx.at, rules: why === 'afterReturn' ? FOLLOW_RETURNED : why === 'notEffective' ? NOT_EFFECTIVE : FOLLOW, evidence: f.basis.evidence, why, args: { owner: f.owner, status: f.status, until: protectionEnd(f) }, client: f.key, staff, kept };
  tx.emit(d);
}
