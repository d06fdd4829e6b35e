/**
 * A client's ownership file and the moves every rule makes on it: granting
 * ownership with its window (OWN-FIRST, OWN-VALIDITY, OWN-FOLLOWUP),
 * lapsing it when the window or the follow-up clock runs out, renewing it.
 */
import { keys as chainKeys, push } from '../kernel/chain.js';
import type { Ctx } from '../kernel/context.js';
import { joinRules, rules, type Args } from '../kernel/decision.js';
import type { Lookup } from '../kernel/map.js';
import type { RuleId } from '../kernel/rules.js';
import { windowEnd, type Term } from '../kernel/time.js';
import type { Channel, OwnerStatus, OwnershipDecision } from './decisions.js';
import type { OwnershipRules } from './policy.js';
import { basisEvidence, copyFile, isProtected, newFile, renewedBasis, type ClientFile, type FileDraft, type OwnershipState } from './state.js';

/**
 * The ownership family's context. Under a policy timeline, `pAt` gives the
 * ownership rules in force at any instant, for a term fixed only later than
 * the grant it belongs to (a pre-launch claim's days, OWN-VALIDITY). Left
 * out (one policy), `p` serves for every instant.
 * @internal
 */
export type OwnCtx = Ctx<OwnershipRules, OwnershipState> & { readonly pAt?: ((ms: number) => OwnershipRules) | undefined };

/** A client's file, if on record. @internal */
export function fileOf(c: OwnCtx, key: string): ClientFile | undefined {
  return c.s.files.get(key);
}

/** The current event's draft of a client's file (a new file when none is on record). @internal */
export function draftFile(c: OwnCtx, key: string): FileDraft {
  return c.tx.draft(c.s.files, key, () => newFile(key, c.tx.at), copyFile) as FileDraft;
}

/** Makes `owner` the file's owner, noting the client in the owner's list. @internal */
export function setOwner(c: OwnCtx, f: FileDraft, owner: string | null): void {
  if (f.owner === owner) return;
  if (owner !== null) c.s.byOwner.set(c.tx, owner, push(c.s.byOwner.get(owner), f.key));
  f.owner = owner;
}

/** The clients a salesperson owns now, in key order. @internal */
export function ownedBy(c: OwnCtx, staff: string): string[] {
  return chainKeys(c.s.byOwner.get(staff))
    .filter((key) => c.s.files.get(key)?.owner === staff)
    .sort();
}

/** Drops a salesperson's list of clients once they own none (after a departure). @internal */
export function forgetOwner(c: OwnCtx, staff: string): void {
  if (c.s.byOwner.get(staff) !== undefined) c.s.byOwner.delete(c.tx, staff);
}

/** Removes a file absorbed into another (after a merge). @internal */
export function dropFile(c: OwnCtx, key: string): void {
  c.s.files.delete(c.tx, key);
}

/**
 * When protection ends: the earlier of the window end and the follow-up
 * deadline. A deadline waived for a do-not-call client is null already
 * (see {@link dueFollowUp}): no later policy version reads the exemption again.
 * @internal
 */
export function protectionEnd(file: Pick<ClientFile, 'status' | 'followUpBy' | 'windowEndsAt'>): number | null {
  if (!isProtected(file.status)) return null;
  const followUp = file.followUpBy;
  if (file.windowEndsAt === null) return followUp;
  if (followUp === null) return file.windowEndsAt;
  return Math.min(file.windowEndsAt, followUp);
}

/**
 * The follow-up deadline a file keeps when one is set now (OWN-FOLLOWUP,
 * 004h §9): none for a client who asked not to be called while the version
 * in force waives their follow-ups (`doNotCallExempt`). The exemption is
 * judged here, once, and kept with the deadline (null), so a later version
 * that drops or adds it changes only the deadlines set under it.
 * @internal
 */
export function dueFollowUp(c: OwnCtx, f: Pick<ClientFile, 'doNotCall'>, deadline: number | null): number | null {
  return f.doNotCall && c.p.ownership.followUp.doNotCallExempt ? null : deadline;
}

/**
 * Records whether the client asked not to be called (OWN-FOLLOWUP, 004h
 * §9), judged under the version in force now: a request waives the current
 * deadline when this version exempts such clients (one set under a version
 * that did not stays, until the next deadline is set); a withdrawn request
 * ends a waiver, the follow-up clock running from now. A request repeated
 * under a version without the exemption keeps a deadline already waived.
 * @internal
 */
export function recordDoNotCall(c: OwnCtx, f: FileDraft, asked: boolean): void {
  const withdrawn = f.doNotCall && !asked;
  f.doNotCall = asked;
  if (!isProtected(f.status) || onReferralWindow(f)) return;
  if (asked) {
    f.followUpBy = dueFollowUp(c, f, f.followUpBy);
    return;
  }
  if (!withdrawn || f.followUpBy !== null) return;
  // A deadline null while the client asked not to be called was waived (or none was due): due again from now, as a follow-up would set it.
  const end = protectionEnd(f);
  f.followUpBy = followUpDeadline(c, c.tx.at, false, f.basis.channel);
  // The register cites what set the end it shows.
  if (protectionEnd(f) !== end) f.basis = renewedBasis(f.basis, c.tx.id);
}

/** The validity window of a channel, or of a referral (REF-WINDOW). @internal */
export function validityDays(p: OwnershipRules, channel: Channel, referral = false): Term | null {
  if (referral && p.referrals.windowDays !== null) return p.referrals.windowDays;
  return p.ownership.validityDays[channel];
}

function followUpDeadline(c: OwnCtx, from: number, first: boolean, channel: Channel | null): number | null {
  const f = c.p.ownership.followUp;
  // OWN-CALL (004l §5): a client held by a call may need its own callback rhythm.
  const callDays = channel === 'call' ? c.p.ownership.call.followUpDays : null;
  const days = callDays ?? (first ? (f.firstWithinDays ?? f.withinDays) : f.withinDays);
  return days === null ? null : windowEnd(c.cal, from, days);
}

/**
 * When a window that starts at `at` counts from: the start of its book day
 * when a cutoff moved it to the next day (REG-CUTOFF), else `at`.
 * @internal
 */
export function windowStart(c: OwnCtx, at: number, day: number | null): number {
  return day !== null && day > c.cal.dayOf(at) ? c.cal.startOf(day) : at;
}

/** The channels of 002's 客户确认, which a pre-launch period extends. */
const CONFIRMATIONS: readonly (Channel | null)[] = ['claim', 'preFile'];

/**
 * The window end of a claim made before internal subscription starts
 * (OWN-VALIDITY, 002 §6.3): `preLaunchDays` after the start, or null (no
 * limit) while the start is still to be fixed; undefined when the claim is
 * not a pre-launch one. Notes the client in the period, so that the
 * announcement of the start can set its window.
 * @internal
 */
export function preLaunchEnd(c: OwnCtx, key: string, channel: Channel | null, at: number): number | null | undefined {
  const days = c.p.ownership.preLaunchDays;
  const launch = c.s.launch.value;
  if (days === null || launch === null || !CONFIRMATIONS.includes(channel) || at < launch.from) return undefined;
  if (launch.startsAt !== null && at >= launch.startsAt) return undefined;
  c.s.launch.set(c.tx, { ...launch, claims: push(launch.claims, key) });
  return launch.startsAt === null ? null : windowEnd(c.cal, launch.startsAt, days);
}

/** Whether a file's protection rests on a claim made in a pre-launch period (002 §6.3). @internal */
export function isPreLaunchClaim(f: Pick<ClientFile, 'status' | 'basis'>, from: number, startsAt: number): boolean {
  return isProtected(f.status) && CONFIRMATIONS.includes(f.basis.channel) && f.basis.at >= from && f.basis.at < startsAt;
}

/** A change of ownership: who, on what basis, from when, and why. @internal */
export interface Grant {
  readonly staff: string | null;
  readonly status?: OwnerStatus;
  readonly channel: Channel | null;
  readonly at: number;
  readonly rules: readonly RuleId[];
  readonly evidence: readonly string[];
  /** The reason code of the decision's sentence. */
  readonly why: string;
  readonly args?: Args | undefined;
  readonly referral?: boolean;
  /** The book day and person of the registration it rests on. */
  readonly day?: number | null;
  readonly person?: string | null;
}

const VALIDITY = rules('OWN-VALIDITY');
const FOLLOWUP = rules('OWN-FOLLOWUP');
const REFERRAL_WINDOW = rules('REF-WINDOW');
const REFERRAL_LAPSE = rules('OWN-VALIDITY', 'REF-WINDOW');

/**
 * Whether a file's protection rests on a referral window (REF-WINDOW): its
 * grant cited the rule. The follow-up clock does not run during it.
 * @internal
 */
export function onReferralWindow(f: Pick<ClientFile, 'basis'>): boolean {
  return f.basis.rules.includes('REF-WINDOW');
}

/** Emits an ownership decision about a file. @internal */
export function ownershipDecision(c: OwnCtx, f: Pick<ClientFile, 'key' | 'owner' | 'status'>, previous: string | null, end: number | null, cited: readonly RuleId[], evidence: readonly string[], why: string, args?: Args): void {
  const { tx } = c;
  if (!tx.record) return;
  const d: OwnershipDecision = {
    kind: 'ownership',
    event: tx.id,
    at: tx.at,
    rules: cited,
    evidence,
    why,
    args,
    client: f.key,
    owner: f.owner,
    previous,
    status: f.status,
    protectionEndsAt: end,
  };
  tx.emit(d);
}

/**
 * Makes `staff` the owner from `at` (or moves the client to the pool or
 * nobody when `staff` is null), with the rules and evidence it rests on.
 * @internal
 */
export function grant(c: OwnCtx, f: FileDraft, change: Grant): void {
  const status: OwnerStatus = change.status ?? (change.staff === null ? 'none' : 'protected');
  const guarded = status === 'protected' || status === 'disputed';
  // REF-WINDOW: a referred client's window is the referral's, and no follow-up clock cuts it short (004d §4).
  const referralWindow = guarded && change.referral === true && change.channel !== null && c.p.referrals.windowDays !== null;
  const days = change.channel === null ? null : validityDays(c.p, change.channel, change.referral === true);
  const previous = f.owner;
  setOwner(c, f, change.staff);
  f.status = status;
  const basisRules = referralWindow && !change.rules.includes('REF-WINDOW') ? joinRules(change.rules, REFERRAL_WINDOW) : change.rules;
  f.basis = { rules: basisRules, evidence: change.evidence, channel: change.channel, at: change.at, day: change.day ?? null, person: change.person ?? null, renewedBy: null };
  // REG-CUTOFF: a registration after the cutoff counts for the next day, and so does its window (004j §1.3).
  const start = windowStart(c, change.at, change.day ?? null);
  const launch = guarded ? preLaunchEnd(c, f.key, change.channel, change.at) : undefined;
  f.windowEndsAt = launch !== undefined ? launch : guarded && days !== null ? windowEnd(c.cal, start, days) : null;
  const deadline = guarded && !referralWindow ? followUpDeadline(c, start, true, change.channel) : null;
  f.followUpBy = dueFollowUp(c, f, deadline);
  if (status !== 'disputed' && f.x.dispute !== null) f.x = { ...f.x, dispute: null };
  if (!c.tx.record) return;
  let cited = basisRules;
  if (guarded && (days !== null || launch !== undefined) && !cited.includes('OWN-VALIDITY')) cited = joinRules(cited, VALIDITY);
  // OWN-FOLLOWUP decided the end even when it waived the deadline (004h): cited either way.
  if (guarded && deadline !== null && !cited.includes('OWN-FOLLOWUP')) cited = joinRules(cited, FOLLOWUP);
  const args = launch === undefined ? change.args : { ...change.args, preLaunch: true, preLaunchDays: c.p.ownership.preLaunchDays };
  ownershipDecision(c, f, previous, protectionEnd(f), cited, change.evidence, change.why, args);
}

/**
 * Lapses a protection that ended before now (OWN-VALIDITY, OWN-FOLLOWUP): the
 * client is treated as new. Time-based lapses have no event of their own, so
 * the first event to touch the client afterwards records them.
 * @internal
 */
export function settle(c: OwnCtx, f: FileDraft): void {
  const end = protectionEnd(f);
  if (end === null || c.tx.at < end || f.owner === null) return;
  const byFollowUp = endedByFollowUp(f, end);
  const owner = f.owner;
  grant(c, f, { staff: null, channel: null, at: end, rules: lapseRules(f, end), evidence: basisEvidence(f.basis), why: 'lapsed', args: { owner, end, byFollowUp } });
}

/** Whether a protection that ended at `end` ended for want of a follow-up: the window, when both end together. */
function endedByFollowUp(f: Pick<ClientFile, 'followUpBy' | 'windowEndsAt'>, end: number): boolean {
  return f.followUpBy !== null && end === f.followUpBy && (f.windowEndsAt === null || f.followUpBy < f.windowEndsAt);
}

/** The rules of a lapse, the same for the decision and for a view of it. */
function lapseRules(f: ClientFile, end: number): readonly RuleId[] {
  return endedByFollowUp(f, end) ? FOLLOWUP : onReferralWindow(f) ? REFERRAL_LAPSE : VALIDITY;
}

/** Whether a file's protection has lapsed by now (no change made). @internal */
export function lapsed(file: ClientFile, c: OwnCtx): boolean {
  const end = protectionEnd(file);
  return end !== null && c.tx.at >= end && file.owner !== null;
}

/** The holder of a file as of now, lapses applied, without changing anything. @internal */
export function holderNow(file: ClientFile | undefined, c: OwnCtx): string | null {
  if (!file || lapsed(file, c)) return null;
  return file.owner !== null && (isProtected(file.status) || file.status === 'permanent') ? file.owner : null;
}

/**
 * Restarts the owner's window and follow-up clock after a contact the
 * policy counts (OWN-VALIDITY renewal, OWN-FOLLOWUP). Never shortens a window.
 * @internal
 */
export function renew(c: OwnCtx, f: FileDraft, channel: Channel | null, day: number | null = null, nextAt: number | null = null): void {
  if (!isProtected(f.status)) return;
  const end = protectionEnd(f);
  moveEnds(c, f, channel, day, nextAt);
  // The register cites what set the end it shows.
  if (protectionEnd(f) !== end) f.basis = renewedBasis(f.basis, c.tx.id);
}

function moveEnds(c: OwnCtx, f: FileDraft, channel: Channel | null, day: number | null, nextAt: number | null): void {
  const from = windowStart(c, c.tx.at, day);
  if (channel !== null && f.windowEndsAt !== null) {
    const days = validityDays(c.p, channel);
    const basisDays = f.basis.channel === null ? null : validityDays(c.p, f.basis.channel);
    f.windowEndsAt = days === null || basisDays === null ? null : Math.max(f.windowEndsAt, windowEnd(c.cal, from, days), windowEnd(c.cal, from, basisDays));
  }
  if (onReferralWindow(f)) return;
  // OWN-FOLLOWUP (004l §4): an agreed next callback is the next deadline, the end of its day.
  if (nextAt !== null && c.p.ownership.followUp.agreedNext && nextAt >= c.tx.at) {
    f.followUpBy = dueFollowUp(c, f, windowEnd(c.cal, nextAt, 0));
    return;
  }
  // With only a first follow-up required (firstWithinDays, no withinDays), the contact meets it: none is due after.
  f.followUpBy = dueFollowUp(c, f, followUpDeadline(c, from, false, f.basis.channel));
}

/**
 * Who owns a client at a given time, lapses applied, without changing anything.
 *
 * @example
 * ```ts
 * // { owner: 'S01', status: 'protected', protectionEndsAt: 1794..., rules: ['OWN-FIRST', ...], evidence: ['e2'] }
 * ```
 */
export interface OwnerView {
  readonly owner: string | null;
  readonly status: OwnerStatus;
  /** Epoch ms the protection ends; null when it has no time limit or no owner. */
  readonly protectionEndsAt: number | null;
  readonly rules: readonly RuleId[];
  readonly evidence: readonly string[];
}

/**
 * The owner at `at`, lapses applied (under no policy: each deadline was judged
 * when it was set). A protection that ends cites the rule that ends it
 * (OWN-VALIDITY, OWN-FOLLOWUP, REF-WINDOW), as its lapse will.
 * @internal
 */
export function viewAt(file: ClientFile, at: number): OwnerView {
  const end = protectionEnd(file);
  if (end !== null && at >= end) {
    return { owner: null, status: 'none', protectionEndsAt: null, rules: lapseRules(file, end), evidence: basisEvidence(file.basis) };
  }
  return { owner: file.owner, status: file.status, protectionEndsAt: end, rules: end === null ? file.basis.rules : withEnd(file.basis.rules, lapseRules(file, end)), evidence: basisEvidence(file.basis) };
}

/** The rules of an ownership and of the end its view states (the rule that will end it), each once. */
function withEnd(basis: readonly RuleId[], end: readonly RuleId[]): readonly RuleId[] {
  if (end.every((r) => basis.includes(r))) return basis;
  return end.some((r) => basis.includes(r)) ? joinRules(basis, end.filter((r) => !basis.includes(r))) : joinRules(basis, end);
}

/** Reads files from a persistent or open slice. @internal */
export type FileReader = Lookup<ClientFile>;
