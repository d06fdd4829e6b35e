/**
 * Who a visitor or caller belongs to: the salesperson they name
 * (OWN-NAMED), their referrer's salesperson (REF-CHAIN, REF-ACCOMPANIED), a
 * relative's salesperson who received them (OWN-RELATIVE), or whoever
 * received them (REF-UNNAMED, REF-DEVELOPER, OWN-FIRST); and what a referral
 * earns (REF-STAFF-EXCLUDED, REF-FIRST-REFERRER, REF-PRIOR).
 */
import { joinRules, rules } from '../kernel/decision.js';
import type { RuleId } from '../kernel/rules.js';
import { instantMs } from '../kernel/time.js';
import type { EventOf } from '../events/schema.js';
import type { ReferralDecision } from './decisions.js';
import { draftFile, holderNow, settle, type OwnCtx } from './file.js';
import { fieldsProblem, registerClient, type Claimant, type Fields, type Registering } from './register.js';
import { hasLiveDeal, holderOf, type FileDraft } from './state.js';

/** Whether a staff member is in the office now (on duty), for the rules that ask who is present. @internal */
export type Presence = (staff: string) => boolean;

/** What a visit says about its visitor's ties. @internal */
export interface VisitTies {
  readonly named: string | undefined;
  readonly relativeOf: string | undefined;
  readonly accompanied: boolean;
  /** The receiver the visitor book names, if any (REF-ACCOMPANIED under accompaniedOnRecognition). */
  readonly book: string | undefined;
  /** The referring client and its salesperson; null when the referrer is not on record. */
  readonly referrer: { readonly client: string; readonly owner: string | null } | null | undefined;
  readonly referredByStaff: string | undefined;
  /** Several names without a choice, in order (OWN-MULTI-NAMED). */
  readonly namedSeveral: readonly string[] | undefined;
  /** The visitor did not say they had been here (OWN-RECOGNIZE, OWN-FIRST-QUESTION). */
  readonly unannounced: boolean;
  /** The owner or the named salesperson, being away, gave notice that the client might come (004e §5: kept with an absence for the deal split). */
  readonly ownerNotice: boolean;
  /** Whether the receiver asked the first question; undefined: not recorded (OWN-FIRST-QUESTION). */
  readonly asked: boolean | undefined;
  /** The salesperson who invited the client by phone (OWN-PHONE-INVITE). */
  readonly invitedBy: string | undefined;
  readonly inviterOwnsNumber: boolean;
  /** The channel agent who brought the client (OWN-CHANNEL-GROUP). */
  readonly broughtBy: string | undefined;
  readonly present: Presence;
}

const ACCOMPANIED = rules('REF-ACCOMPANIED', 'REF-CHAIN');
const OVER_RELATIVE = rules('REF-OVER-RELATIVE', 'REF-CHAIN', 'OWN-RELATIVE');
const CHAIN_NAMED = rules('REF-CHAIN', 'OWN-NAMED');
const NAMED = rules('OWN-NAMED');
const MULTI_NAMED = rules('OWN-MULTI-NAMED', 'OWN-NAMED');
const MULTI = rules('OWN-MULTI-NAMED');
const INVITED = rules('OWN-PHONE-INVITE', 'OWN-FIRST');
const INVITE = rules('OWN-PHONE-INVITE');
const BROUGHT = rules('OWN-CHANNEL-GROUP', 'OWN-FIRST');
const CHANNEL = rules('OWN-CHANNEL-GROUP');
const FIRST = rules('OWN-FIRST');
const FIRST_MULTI = rules('OWN-FIRST', 'OWN-MULTI-NAMED');

/**
 * The rule IDs a reception cites when a new client is tied to the
 * salesperson they named (OWN-NAMED), for the queue's trace.
 * @internal
 */
export const NAMED_RULES: readonly RuleId[] = NAMED;

/**
 * The claimant a visit names before anyone receives it, or null when the
 * receiver decides (REF-ACCOMPANIED, REF-CHAIN, OWN-NAMED).
 */
function tiedClaimant(c: OwnCtx, ties: VisitTies, named: string | undefined): Claimant | null {
  const original = ties.referrer?.owner ?? null;
  if (original !== null && ties.accompanied && c.p.referrals.accompaniedGoesToOriginal && (!c.p.referrals.accompaniedOnRecognition || ties.book === original)) return { staff: original, rules: ACCOMPANIED, why: 'accompanied', args: { by: original }, referral: true };
  if (original !== null && c.p.referrals.chain && named === original) return { staff: original, rules: CHAIN_NAMED, why: 'chainNamed', args: { by: original }, referral: true };
  if (original !== null && ties.relativeOf !== undefined && ties.relativeOf !== original && c.p.referrals.overRelative && (named === undefined || named === ties.relativeOf) && referrerDealt(c, ties)) {
    return { staff: original, rules: OVER_RELATIVE, why: 'overRelative', args: { by: original, relativeOf: ties.relativeOf }, referral: true };
  }
  if (named !== undefined && c.p.ownership.namedOwnsNewClient) return { staff: named, rules: ties.namedSeveral === undefined ? NAMED : MULTI_NAMED, why: 'named', args: { by: named }, referral: ties.referrer !== undefined };
  if (ties.invitedBy !== undefined) return { staff: ties.invitedBy, rules: INVITED, why: 'invited', args: { by: ties.invitedBy }, referral: ties.referrer !== undefined };
  if (ties.broughtBy !== undefined && c.p.ownership.channelGroup) return { staff: ties.broughtBy, rules: BROUGHT, why: 'broughtBy', args: { by: ties.broughtBy }, referral: false };
  return null;
}

/**
 * The salesperson a client who named several without choosing is given to
 * (OWN-MULTI-NAMED): under "order" the first named who is present (003
 * 3(5)); under "book", or when none is present, nobody: the rotation and
 * the book decide (004f 2(3)).
 */
function firstNamedPresent(c: OwnCtx, ties: VisitTies): string | undefined {
  const several = ties.namedSeveral;
  if (several === undefined || c.p.ownership.multiNamed !== 'order') return undefined;
  return several.find((id) => ties.present(id));
}

/** Whether the referring client has a live deal (REF-OVER-RELATIVE: 甲's dealt client, 004f 2(6)). */
function referrerDealt(c: OwnCtx, ties: VisitTies): boolean {
  const client = ties.referrer?.client;
  const file = client === undefined ? undefined : c.s.files.get(client);
  return file !== undefined && hasLiveDeal(file);
}

const RECEIVER_RULES = new Map<string, readonly RuleId[]>();

/**
 * The claimant when the receiver decides: OWN-FIRST, with the rule that
 * explains why no tie applied (OWN-RELATIVE, REF-UNNAMED, REF-DEVELOPER).
 */
function receiverClaimant(receiver: string, ties: VisitTies): Claimant {
  const relative = ties.relativeOf !== undefined;
  const staffReferral = ties.referredByStaff !== undefined;
  const unnamed = !staffReferral && ties.referrer !== undefined;
  const several = ties.namedSeveral !== undefined;
  const key = `${relative ? 1 : 0}${staffReferral ? 1 : 0}${unnamed ? 1 : 0}${several ? 1 : 0}`;
  let cited = RECEIVER_RULES.get(key);
  if (cited === undefined) {
    const ids: RuleId[] = ['OWN-FIRST'];
    if (relative) ids.push('OWN-RELATIVE');
    if (several) ids.push('OWN-MULTI-NAMED');
    if (staffReferral) ids.push('REF-DEVELOPER');
    else if (unnamed) ids.push('REF-UNNAMED');
    cited = rules(...ids);
    RECEIVER_RULES.set(key, cited);
  }
  return {
    staff: receiver,
    rules: cited,
    why: 'received',
    args: { by: receiver, relativeOf: ties.relativeOf ?? null, referredByStaff: ties.referredByStaff ?? null, unnamed },
    referral: ties.referrer !== undefined || staffReferral,
  };
}

/** Who holds a client now (for a referrer's salesperson), without changing anything. @internal */
export function holderNowOf(c: OwnCtx, client: string): string | null {
  return holderNow(c.s.files.get(client), c);
}

/** A visitor before the reception: their owner, and the salesperson a new client is tied to. @internal */
export interface Arrival {
  /** Who holds the client by the book (protected, disputed or permanent). */
  readonly owner: string | null;
  /**
   * Who the desk gives the visitor to as their salesperson, without a turn:
   * the holder, nobody for an unannounced old client (OWN-RECOGNIZE), or the
   * caller who invited them (OWN-PHONE-INVITE under "notCounted").
   */
  readonly desk: string | null;
  /** The salesperson the client named, or the first present of several (OWN-MULTI-NAMED). */
  readonly named: string | undefined;
  readonly tied: Claimant | null;
  /** A claimant who takes the client from the holder's protection (OWN-PHONE-INVITE). */
  readonly takeover: Claimant | null;
  /** The rule IDs of the tie, for the reception's trace. */
  readonly tieRules: readonly RuleId[];
  /** An undealt old client who named nobody, received as new (`ownership.unnamedOldClient` receiver, 000 §8). */
  readonly unnamed: boolean;
}

const INVITE_OVERRIDE = rules('OWN-PHONE-INVITE', 'OWN-VALIDITY');

/**
 * A client arrives: lapses are settled, and the holder (if any) and the
 * visitor's tie (if new) decide who the queue must give them to.
 * @internal
 */
export function arrive(c: OwnCtx, client: string, ties: VisitTies): Arrival {
  const f = draftFile(c, client);
  settle(c, f);
  const owner = holderOf(f);
  const named = ties.named ?? firstNamedPresent(c, ties);
  const invite = c.p.ownership.phoneInvite;
  const inviter = ties.invitedBy;
  // 004b §2.3: a caller whose own records hold the number takes the client from another's protection.
  const takeover: Claimant | null =
    owner !== null && inviter !== undefined && inviter !== owner && invite.overridesProtection && ties.inviterOwnsNumber && f.status === 'protected'
      ? { staff: inviter, rules: INVITE_OVERRIDE, why: 'inviteOverride', args: { by: inviter, owner }, referral: false }
      : null;
  // 000 §8: an undealt old client who names nobody is received in rotation, as new.
  const unnamed =
    owner !== null && !ties.unannounced && takeover === null && c.p.ownership.unnamedOldClient === 'receiver' && f.status === 'protected' && named === undefined && ties.namedSeveral === undefined && inviter === undefined;
  const asNew = ties.unannounced || unnamed;
  const tied = takeover ?? (owner === null || asNew ? tiedClaimant(c, ties, named) : null);
  let desk = asNew ? null : owner;
  if (tied !== null && (tied.why === 'invited' || tied.why === 'inviteOverride')) desk = invite.reception === 'notCounted' ? tied.staff : null;
  // The rotation hands the client to the tie's salesperson when nobody holds the desk: its rules are the tie's (REF-ACCOMPANIED, REF-CHAIN, ...).
  const tieRules = tied !== null && (desk === null || tied.why === 'invited' || tied.why === 'inviteOverride') ? tied.rules : ties.namedSeveral === undefined ? NAMED : MULTI_NAMED;
  return { owner, desk, named, tied, takeover, tieRules, unnamed };
}

const STAFF_REFERRAL = rules('REF-STAFF-EXCLUDED', 'REF-DEVELOPER');
const FIRST_REFERRER = rules('REF-FIRST-REFERRER');
const PRIOR = rules('REF-PRIOR');
const CHAIN = rules('REF-CHAIN');

/**
 * Records who referred a client and decides the referral bonus
 * (REF-CHAIN, REF-FIRST-REFERRER, REF-PRIOR, REF-STAFF-EXCLUDED): from a
 * visit, or from a claim that files the referral first.
 * @internal
 */
export function referral(c: OwnCtx, f: FileDraft, ties: Pick<VisitTies, 'referrer' | 'referredByStaff'>, prior: boolean): void {
  if (ties.referrer === undefined && ties.referredByStaff === undefined) return;
  const referrer = ties.referrer?.client ?? null;
  const staff = ties.referredByStaff ?? null;
  let cited: readonly RuleId[] = [];
  let eligible = true;
  let why = 'chain';
  if (staff !== null) {
    cited = STAFF_REFERRAL;
    eligible = c.p.referrals.staffBonus;
    why = 'staff';
  } else if (ties.referrer === null) {
    eligible = false;
    why = 'unknownReferrer';
  }
  const before = f.x.referral;
  if (before !== null && (before.referrer !== referrer || before.staff !== staff)) {
    cited = joinRules(cited, FIRST_REFERRER);
    eligible = false;
  }
  if (prior) cited = joinRules(cited, PRIOR);
  if (cited.length === 0) cited = CHAIN;
  if (c.tx.record) {
    const d: ReferralDecision = {
      kind: 'referral',
      event: c.tx.id,
      at: c.tx.at,
      rules: cited,
      evidence: before ? [before.event] : [],
      why,
      args: { earlier: before ? (before.referrer ?? before.staff ?? '') : null, prior, staffBonus: c.p.referrals.staffBonus },
      client: f.key,
      referrer,
      referrerStaff: staff,
      bonusEligible: eligible,
    };
    c.tx.emit(d);
  }
  if (before === null) f.x = { ...f.x, referral: { referrer, staff, event: c.tx.id } };
}

/** A visit's registration, after the reception. @internal */
export interface VisitRegistration {
  readonly client: string;
  readonly person: string;
  readonly arrival: Arrival;
  readonly ties: VisitTies;
  /** Who received the visitor (the reception's decision). */
  readonly receiver: string | null;
  readonly fields: Fields;
  readonly name: string | null;
  readonly company: string | null;
  /** Epoch ms of the visit, when the book entry came later (REG-DISCIPLINE). */
  readonly contactAt: number | undefined;
}

const UNNAMED_OLD = rules('OWN-FIRST-QUESTION', 'OWN-FIRST');
const UNRECOGNIZED = rules('OWN-RECOGNIZE');
const UNRECOGNIZED_ASKED = rules('OWN-RECOGNIZE', 'OWN-FIRST-QUESTION');
const QUESTION = rules('OWN-FIRST-QUESTION');
const QUESTION_RECOGNIZE = rules('OWN-FIRST-QUESTION', 'OWN-RECOGNIZE');

/**
 * An old client who arrived unannounced, received by someone else: the
 * receiver takes them from an original who is present and did not
 * recognize them (OWN-RECOGNIZE under "receiver"), or the original keeps
 * them (OWN-FIRST-QUESTION: the receiver who did not ask bears it).
 */
function unannounced(c: OwnCtx, f: FileDraft, owner: string, claimant: Claimant, ties: VisitTies): { claimant: Claimant; takeover: boolean; keep: Registering['keep'] } {
  const asked = ties.asked;
  const receiverBears = c.p.ownership.recognition.unidentified === 'receiver';
  const present = ties.present(owner);
  if (receiverBears && asked !== false && present && f.status === 'protected') {
    const cited = asked === true ? UNRECOGNIZED_ASKED : UNRECOGNIZED;
    return { claimant: { staff: claimant.staff, rules: cited, why: 'unrecognized', args: { by: claimant.staff, original: owner, asked: asked ?? null }, referral: claimant.referral }, takeover: true, keep: undefined };
  }
  const reason = !receiverBears ? 'originalKeeps' : asked === false ? 'notAsked' : !present ? 'originalAbsent' : 'notProtected';
  return { claimant, takeover: false, keep: { rules: receiverBears && asked !== false ? QUESTION_RECOGNIZE : QUESTION, args: { unannounced: true, asked: asked ?? null, reason } } };
}

/**
 * A visit enters the visitor book: the owner of an old client keeps them
 * (or the salesperson they name, OWN-NAMED); a new client goes to their tie
 * or to the receiver. An unannounced old client may go to the receiver
 * (OWN-RECOGNIZE, OWN-FIRST-QUESTION), an inviter may take a client from
 * another's protection (OWN-PHONE-INVITE). A referral is decided too.
 * @internal
 */
export function registerVisit(c: OwnCtx, v: VisitRegistration): void {
  const f = draftFile(c, v.client);
  const { owner, tied, takeover, named, unnamed } = v.arrival;
  const ties = v.ties;
  const several = ties.namedSeveral !== undefined;
  let claimant: Claimant | null;
  let take = takeover !== null;
  let keep: Registering['keep'];
  if (takeover !== null) {
    claimant = takeover;
  } else if (owner !== null && !ties.unannounced && !unnamed && !lateEntryBy(v, owner)) {
    if (named !== undefined && named !== owner) claimant = { staff: named, rules: several ? MULTI_NAMED : NAMED, why: 'named', args: { by: named }, referral: false };
    else if (ties.invitedBy !== undefined && ties.invitedBy !== owner) {
      // Calling a colleague's client without the number in one's own records is a violation (004b §2.3).
      claimant = { staff: ties.invitedBy, rules: INVITED, why: 'invited', args: { by: ties.invitedBy }, referral: false };
      keep = { rules: INVITE, args: { invitedBy: ties.invitedBy, violation: !ties.inviterOwnsNumber } };
    } else if (ties.broughtBy !== undefined && ties.broughtBy !== owner && c.p.ownership.channelGroup) {
      claimant = { staff: ties.broughtBy, rules: BROUGHT, why: 'broughtBy', args: { by: ties.broughtBy }, referral: false };
      keep = { rules: CHANNEL, args: { broughtBy: ties.broughtBy } };
    } else claimant = { staff: owner, rules: several ? FIRST_MULTI : FIRST, why: 'oldClient', args: { by: owner }, referral: false };
  } else {
    claimant = tied ?? (v.receiver === null ? null : receiverClaimant(v.receiver, ties));
    if (owner !== null && unnamed && claimant !== null && claimant.staff !== owner) {
      // 000 §8: the receiver takes the client; the earlier salesperson loses them.
      claimant = { staff: claimant.staff, rules: joinRules(claimant.rules, UNNAMED_OLD), why: 'unnamedOldClient', args: { by: claimant.staff, original: owner }, referral: claimant.referral };
      take = true;
    } else if (owner !== null && ties.unannounced && claimant !== null && claimant.staff !== owner) {
      const u = unannounced(c, f, owner, claimant, ties);
      claimant = u.claimant;
      take = u.takeover;
      keep = u.keep;
    }
  }
  // What the original held, for a hand-back if someone recognizes the client (OWN-RECOGNIZE).
  const before = take && claimant?.why === 'unrecognized' && owner !== null ? { original: owner, status: f.status, basis: f.basis, windowEndsAt: f.windowEndsAt, followUpBy: f.followUpBy } : null;
  // A referral filed first (REF-CHAIN) is the referral itself, not an earlier contact (REF-PRIOR).
  const filed = f.x.referral?.event;
  const prior = f.registrations.some((r) => r.valid && r.event !== filed);
  registerClient(c, f, { event: c.tx.id, staff: v.receiver, channel: 'visit', person: v.person, name: v.name, company: v.company, invalid: fieldsProblem(c, v.fields, 'visit'), claimant, takeover: take, keep, contactAt: v.contactAt });
  if (before !== null && claimant !== null && f.owner === claimant.staff) f.x = { ...f.x, recognition: { original: before.original, taker: claimant.staff, event: c.tx.id, status: before.status, basis: before.basis, windowEndsAt: before.windowEndsAt, followUpBy: before.followUpBy } };
  noteAbsence(c, f, v, owner === null && claimant?.why === 'named');
  referral(c, f, ties, prior);
}

/**
 * Whether the holder was away at this visit and someone else received it,
 * with the client unannounced (004b §1.3) or new and naming them (004e §5):
 * the deal split reads it (DEAL-ABSENT-OWNER). Only such visits are kept;
 * any later visit replaces the note.
 */
function noteAbsence(c: OwnCtx, f: FileDraft, v: VisitRegistration, namedNew: boolean): void {
  const holder = holderOf(f);
  const away = holder !== null && v.receiver !== holder && !v.ties.present(holder);
  const how = !away ? null : v.ties.unannounced ? 'unannounced' : namedNew ? 'namedNew' : null;
  if (how !== null && holder !== null) f.x = { ...f.x, absentVisit: v.ties.ownerNotice ? { how, owner: holder, event: c.tx.id, notice: true } : { how, owner: holder, event: c.tx.id } };
  else if (f.x.absentVisit) f.x = { ...f.x, absentVisit: null };
}

/** A late book entry by another receiver: it claims the client by its earlier contact (REG-DISCIPLINE decides whether it can). */
function lateEntryBy(v: VisitRegistration, owner: string): boolean {
  return v.contactAt !== undefined && v.receiver !== null && v.receiver !== owner;
}

const GROUP_AGENT = rules('OWN-CHANNEL-GROUP', 'OWN-FIRST');

/**
 * The channel agent a visiting group belongs to (OWN-CHANNEL-GROUP, 004k
 * §3): the agent who brought them, or the one whose report holds the main
 * client; null when the rule is off or no agent is involved.
 * @internal
 */
export function groupAgent(c: OwnCtx, client: string, broughtBy: string | undefined): string | null {
  if (!c.p.ownership.channelGroup) return null;
  const f = c.s.files.get(client);
  if (f !== undefined && f.basis.channel === 'report' && holderOf(f) !== null) return f.owner;
  return broughtBy ?? null;
}

/**
 * A friend or colleague in the party with a purchase need of their own: a
 * client of their own, received in the same turn. `groupRules` are the
 * queue's rule IDs for a party counted as one turn. With a reporting agent
 * (OWN-CHANNEL-GROUP), the companion is the agent's.
 * @internal
 */
export function registerCompanion(c: OwnCtx, client: string, person: string, fields: Fields, receiver: string | null, groupRules: readonly RuleId[], agent: string | null = null): void {
  const f = draftFile(c, client);
  settle(c, f);
  const owner = holderOf(f);
  const claimant: Claimant | null =
    owner !== null
      ? { staff: owner, rules: FIRST, why: 'oldClient', args: { by: owner }, referral: false }
      : agent !== null
        ? { staff: agent, rules: GROUP_AGENT, why: 'groupAgent', args: { by: agent }, referral: false }
        : receiver === null
          ? null
          : { staff: receiver, rules: joinRules(FIRST, groupRules), why: 'group', args: { by: receiver }, referral: false };
  registerClient(c, f, { event: person, staff: receiver, channel: 'visit', person, name: fields.ref?.name ?? null, company: null, invalid: fieldsProblem(c, fields, 'visit'), claimant });
}

/**
 * A 带看 visit's real buyer, registered with it (REG-REAL-BUYER, 004l §7.1):
 * a new buyer is the receiver's; one already on record follows the first
 * registration.
 * @internal
 */
export function registerRealBuyer(c: OwnCtx, client: string, person: string, fields: Fields, receiver: string | null): void {
  const f = draftFile(c, client);
  settle(c, f);
  const claimant: Claimant | null = receiver === null ? null : { staff: receiver, rules: REAL_BUYER, why: 'realBuyer', args: { by: receiver }, referral: false };
  registerClient(c, f, { event: person, staff: receiver, channel: 'visit', person, name: fields.ref?.name ?? fields.ref?.contact ?? null, company: fields.ref?.company ?? null, invalid: fieldsProblem(c, fields, 'visit'), claimant, keep: { rules: REAL_BUYER_KEEP } });
}

const REAL_BUYER = rules('REG-REAL-BUYER', 'OWN-FIRST');
const REAL_BUYER_KEEP = rules('REG-REAL-BUYER');
const CALL = rules('OWN-CALL');

/**
 * Why a call gives no ownership (OWN-CALL), or null when it protects like
 * any first registration.
 */
function callGivesNothing(c: OwnCtx, e: EventOf<'registerCall'>): string | null {
  const p = c.p.ownership.call;
  if (p.askingWayIsNew && e.askingWay === true) return 'askingWay';
  if (p.ownNameFirstVoid && e.ownNameFirst === true) return 'ownNameFirst';
  switch (p.gives) {
    case 'protection':
      return null;
    case 'nothing':
      return 'callNothing';
    case 'allocation':
      return e.receiver === undefined || e.allocatedBy !== undefined || e.selfSourced === true ? null : 'notAllocated';
    case 'filed':
      return e.filed === true ? null : 'notFiled';
  }
}

/**
 * A call enters the call book (REG-FIRST for calls, OWN-VALIDITY's call
 * window, REG-CALL-BEFORE-VISIT), given to its receiver; the policy may say
 * a call alone gives nothing (OWN-CALL).
 * @internal
 */
export function registerCall(c: OwnCtx, e: EventOf<'registerCall'>, client: string, person: string, receiver: string | null, fields: Fields, name: string | null, company: string | null): void {
  const f = draftFile(c, client);
  settle(c, f);
  const nothing = callGivesNothing(c, e);
  const inert = nothing === null ? undefined : { rules: CALL, why: nothing, args: { by: receiver } };
  registerClient(c, f, { event: c.tx.id, staff: receiver, channel: 'call', person, name, company, invalid: fieldsProblem(c, fields, 'call'), claimant: null, inert, contactAt: e.contactAt === undefined ? undefined : instantMs(e.contactAt) });
}
