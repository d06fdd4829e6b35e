/**
 * Who a visitor or caller belongs to: the salesperson they name
 * (OWN-NAMED), their referrer's salesperson (REF-CHAIN, REF-ACCOMPANIED), a
 * relative's salesperson who received them (OWN-RELATIVE), or whoever
 * received them (REF-UNNAMED, REF-DEVELOPER, OWN-FIRST); and what a referral
 * earns (REF-STAFF-EXCLUDED, REF-FIRST-REFERRER, REF-PRIOR).
 */
import { joinRules, rules } from '../kernel/decision.js';
import type { RuleId } from '../kernel/rules.js';
import type { ReferralDecision } from './decisions.js';
import { draftFile, holderNow, settle, type OwnCtx } from './file.js';
import { fieldsProblem, registerClient, type Claimant, type Fields } from './register.js';
import { hasLiveDeal, holderOf, type FileDraft } from './state.js';

/** What a visit says about its visitor's ties. @internal */
export interface VisitTies {
  readonly named: string | undefined;
  readonly relativeOf: string | undefined;
  readonly accompanied: boolean;
  /** The referring client and its salesperson; null when the referrer is not on record. */
  readonly referrer: { readonly client: string; readonly owner: string | null } | null | undefined;
  readonly referredByStaff: string | undefined;
}

const ACCOMPANIED = rules('REF-ACCOMPANIED', 'REF-CHAIN');
const OVER_RELATIVE = rules('REF-OVER-RELATIVE', 'REF-CHAIN', 'OWN-RELATIVE');
const CHAIN_NAMED = rules('REF-CHAIN', 'OWN-NAMED');
const NAMED = rules('OWN-NAMED');
const FIRST = rules('OWN-FIRST');

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
function tiedClaimant(c: OwnCtx, ties: VisitTies): Claimant | null {
  const original = ties.referrer?.owner ?? null;
  if (original !== null && ties.accompanied && c.p.referrals.accompaniedGoesToOriginal) return { staff: original, rules: ACCOMPANIED, why: 'accompanied', args: { by: original }, referral: true };
  if (original !== null && c.p.referrals.chain && ties.named === original) return { staff: original, rules: CHAIN_NAMED, why: 'chainNamed', args: { by: original }, referral: true };
  if (original !== null && ties.relativeOf !== undefined && ties.relativeOf !== original && c.p.referrals.overRelative && (ties.named === undefined || ties.named === ties.relativeOf) && referrerDealt(c, ties)) {
    return { staff: original, rules: OVER_RELATIVE, why: 'overRelative', args: { by: original, relativeOf: ties.relativeOf }, referral: true };
  }
  if (ties.named !== undefined && c.p.ownership.namedOwnsNewClient) return { staff: ties.named, rules: NAMED, why: 'named', args: { by: ties.named }, referral: ties.referrer !== undefined };
  return null;
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
  const key = `${relative ? 1 : 0}${staffReferral ? 1 : 0}${unnamed ? 1 : 0}`;
  let cited = RECEIVER_RULES.get(key);
  if (cited === undefined) {
    const ids: RuleId[] = ['OWN-FIRST'];
    if (relative) ids.push('OWN-RELATIVE');
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
  readonly owner: string | null;
  readonly tied: Claimant | null;
  /** The rule IDs of the tie, for the reception's trace. */
  readonly tieRules: readonly RuleId[];
}

/**
 * A client arrives: lapses are settled, and the holder (if any) and the
 * visitor's tie (if new) decide who the queue must give them to.
 * @internal
 */
export function arrive(c: OwnCtx, client: string, ties: VisitTies): Arrival {
  const f = draftFile(c, client);
  settle(c, f);
  const owner = holderOf(f);
  const tied = owner === null ? tiedClaimant(c, ties) : null;
  return { owner, tied, tieRules: NAMED };
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
}

/**
 * A visit enters the visitor book: the owner of an old client keeps them
 * (or the salesperson they name, OWN-NAMED); a new client goes to their tie
 * or to the receiver. A referral is decided too.
 * @internal
 */
export function registerVisit(c: OwnCtx, v: VisitRegistration): void {
  const f = draftFile(c, v.client);
  const { owner, tied } = v.arrival;
  const named = v.ties.named;
  const claimant: Claimant | null =
    owner !== null
      ? named !== undefined && named !== owner
        ? { staff: named, rules: NAMED, why: 'named', args: { by: named }, referral: false }
        : { staff: owner, rules: FIRST, why: 'oldClient', args: { by: owner }, referral: false }
      : (tied ?? (v.receiver === null ? null : receiverClaimant(v.receiver, v.ties)));
  // A referral filed first (REF-CHAIN) is the referral itself, not an earlier contact (REF-PRIOR).
  const filed = f.x.referral?.event;
  const prior = f.registrations.some((r) => r.valid && r.event !== filed);
  registerClient(c, f, { event: c.tx.id, staff: v.receiver, channel: 'visit', person: v.person, name: v.name, company: v.company, invalid: fieldsProblem(c, v.fields, 'visit'), claimant });
  referral(c, f, v.ties, prior);
}

/**
 * A friend or colleague in the party with a purchase need of their own: a
 * client of their own, received in the same turn. `groupRules` are the
 * queue's rule IDs for a party counted as one turn.
 * @internal
 */
export function registerCompanion(c: OwnCtx, client: string, person: string, fields: Fields, receiver: string | null, groupRules: readonly RuleId[]): void {
  const f = draftFile(c, client);
  settle(c, f);
  const owner = holderOf(f);
  const claimant: Claimant | null =
    owner !== null
      ? { staff: owner, rules: FIRST, why: 'oldClient', args: { by: owner }, referral: false }
      : receiver === null
        ? null
        : { staff: receiver, rules: joinRules(FIRST, groupRules), why: 'group', args: { by: receiver }, referral: false };
  registerClient(c, f, { event: person, staff: receiver, channel: 'visit', person, name: fields.ref?.name ?? null, company: null, invalid: fieldsProblem(c, fields, 'visit'), claimant });
}

/**
 * A call enters the call book (REG-FIRST for calls, OWN-VALIDITY's call
 * window, REG-CALL-BEFORE-VISIT), given to its receiver.
 * @internal
 */
export function registerCall(c: OwnCtx, client: string, person: string, receiver: string | null, fields: Fields, name: string | null, company: string | null): void {
  const f = draftFile(c, client);
  settle(c, f);
  registerClient(c, f, { event: c.tx.id, staff: receiver, channel: 'call', person, name, company, invalid: fieldsProblem(c, fields, 'call'), claimant: null });
}
