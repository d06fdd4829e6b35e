/**
 * The claim register: claims, pre-files, channel reports and updates
 * (RULES §B, CLM-*), and who keeps a claimed client (COL-EARLIEST,
 * COL-SAME-DAY). A refused claim is a decision, kept on record.
 */
import { joinRules, rules } from '../kernel/decision.js';
import type { RuleId } from '../kernel/rules.js';
import { instantMs, windowEnd } from '../kernel/time.js';
import type { EventOf } from '../events/schema.js';
import type { Channel } from './decisions.js';
import { draftFile, grant, ownershipDecision, protectionEnd, settle, type OwnCtx } from './file.js';
import { claimDecision, claimRefusal, fieldsProblem, registerClient, updateClaim, windowRefusal, type Fields, type Refusal } from './register.js';
import { hasLiveDeal, isProtected, type ClientFile, type FileDraft } from './state.js';
import type { OwnershipRules } from './policy.js';
import type { Lookup } from '../kernel/map.js';
import { referral } from './visits.js';

const REPORT = rules('CLM-REPORT');

/**
 * Channel reports (CLM-REPORT): the expected visit must fall within the
 * report's validity; an unvisited report may be re-filed with a reason; past
 * the allowed re-files the client goes to the public pool for good.
 */
function reportGate(c: OwnCtx, f: FileDraft, e: EventOf<'claimClient'>): Refusal | null {
  const policy = c.p.claims.report;
  const { tx } = c;
  const report = f.x.report;
  if (report?.closed) return { rules: REPORT, why: 'reportClosed', args: { maxRefiles: policy.maxRefiles } };
  if (e.expectedVisitAt === undefined) return { rules: REPORT, why: 'reportNoVisitTime' };
  if (instantMs(e.expectedVisitAt) >= windowEnd(c.cal, tx.at, policy.validDays)) return { rules: REPORT, why: 'reportTooLate', args: { days: policy.validDays } };
  if (report === null || report.agent !== e.staff) {
    const taken = report !== null && f.owner === report.agent && isProtected(f.status);
    if (!taken) f.x = { ...f.x, report: { agent: e.staff, at: tx.at, refiles: 0, closed: false } };
    return null;
  }
  const visited = f.registrations.some((r) => r.channel === 'visit' && r.valid && r.lastAt > report.at);
  if (visited || (f.owner === e.staff && isProtected(f.status))) return null;
  if (policy.refileNeedsReason && e.reason === undefined) return { rules: REPORT, why: 'refileNoReason' };
  const refiles = report.refiles + 1;
  if (refiles > policy.maxRefiles) {
    f.x = { ...f.x, report: { ...report, refiles, closed: true } };
    grant(c, f, { staff: null, status: 'pool', channel: null, at: tx.at, rules: REPORT, evidence: [tx.id], why: 'refiledOut', args: { refiles } });
    return { rules: REPORT, why: 'refiledOut', args: { refiles } };
  }
  f.x = { ...f.x, report: { ...report, at: tx.at, refiles } };
  return null;
}

/**
 * How a claim ended: accepted (a new claim), renewed, updated, pending a
 * ruling, refused, or refused over the quota.
 * @internal
 */
export type ClaimOutcome = 'accepted' | 'renewed' | 'updated' | 'pending' | 'refused' | 'overQuota';

const KIND_RULES: Record<'claim' | 'preFile' | 'report' | 'update', readonly RuleId[]> = {
  claim: rules('REG-FIRST'),
  update: rules('REG-FIRST'),
  preFile: rules('CLM-PRE-FILE'),
  report: REPORT,
};
const INVALID = rules('REG-FIELDS');
const SAME_DAY = rules('COL-SAME-DAY');
const FIRST = rules('OWN-FIRST');
const EARLIEST = rules('COL-EARLIEST');

/** A claim on an identified client. @internal */
export interface Claim {
  readonly client: string;
  readonly person: string;
  /** The client was on record before this event (a new one has no registrations to check). */
  readonly existed: boolean;
  readonly fields: Fields;
  /**
   * The claim quota (CLM-QUOTA, another family's rule): asked only for a
   * claim that would add an active claim; a refusal refuses it.
   */
  readonly quota: (() => Refusal | null) | null;
  /** The referring client and its holder, when the claim files a referral (REF-CHAIN); undefined: none; null: not on record. */
  readonly referrer?: { readonly client: string; readonly owner: string | null } | null | undefined;
}

const CHAIN_FILED = rules('REF-CHAIN', 'OWN-FIRST');
const TEXT_REPORT = rules('OWN-CHANNEL-GROUP', 'CLM-REPORT');

/**
 * A claim on a client, time-stamped by the clerk (CLM-*). It may be refused
 * (outside the windows, no same-day registration, a report rule, invalid
 * fields, or someone else's earlier claim): the refusal is a decision.
 * @internal
 */
export function claimClient(c: OwnCtx, e: EventOf<'claimClient'>, claim: Claim): ClaimOutcome {
  const f = draftFile(c, claim.client);
  settle(c, f);
  const decide = (outcome: Exclude<ClaimOutcome, 'overQuota'>, cited: readonly RuleId[], why: string, args?: Record<string, string | number | null | boolean | string[]>): ClaimOutcome => {
    claimDecision(c, claim.client, e.staff, outcome, cited, f.basis.evidence, why, args);
    return outcome === 'refused' && why === 'overQuota' ? 'overQuota' : outcome;
  };

  const closed = windowRefusal(c, e.kind);
  if (closed) return decide('refused', closed.rules, closed.why, closed.args);
  if (e.kind === 'update' && updateClaim(c, f, e.staff)) return 'updated';
  // The gates read the registrations on record before this claim; a new client has none.
  const gate = claimRefusal(c, claim.existed ? f : undefined, e.staff, e.kind);
  if (gate) return decide('refused', gate.rules, gate.why, gate.args);
  if (e.kind === 'report') {
    const refused = reportGate(c, f, e);
    if (refused) return decide('refused', refused.rules, refused.why, refused.args);
  }
  // Only a claim that would add an active claim meets the quota: the owner's re-confirmation does not.
  if (claim.quota !== null && !(f.owner === e.staff && isProtected(f.status))) {
    const over = claim.quota();
    if (over) return decide('refused', over.rules, over.why, over.args);
  }
  const channel: Channel = e.kind === 'report' ? 'report' : e.kind === 'preFile' ? 'preFile' : 'claim';
  const invalid = fieldsProblem(c, claim.fields, channel);
  const wasOwner = f.owner === e.staff;
  const referrer = claim.referrer;
  // REF-CHAIN: the referral filed first by the salesperson whose client referred them.
  const filed = referrer !== undefined && referrer !== null && referrer.owner === e.staff && c.p.referrals.chain;
  const prior = referrer !== undefined && f.registrations.some((r) => r.valid);
  // OWN-CHANNEL-GROUP (004k §2): a report after the visit counts with a text sent before it.
  const text = e.kind === 'report' && e.textAt !== undefined && c.p.ownership.channelGroup && f.owner !== null && f.owner !== e.staff && f.status === 'protected' && (f.basis.channel === 'visit' || f.basis.channel === 'call') && instantMs(e.textAt) < f.basis.at;
  registerClient(c, f, {
    event: e.id,
    staff: e.staff,
    channel,
    person: claim.person,
    name: e.client.name ?? e.client.contact ?? null,
    company: e.client.company ?? null,
    invalid,
    claimant: text
      ? { staff: e.staff, rules: TEXT_REPORT, why: 'textReport', args: { by: e.staff, textAt: e.textAt ?? null }, referral: false }
      : referrer === undefined
        ? null
        : { staff: e.staff, rules: filed ? CHAIN_FILED : FIRST, why: filed ? 'chainFiled' : 'first', args: { by: e.staff }, referral: true },
    takeover: text,
  });
  if (referrer !== undefined && invalid === null) referral(c, f, { referrer, referredByStaff: undefined }, prior);
  const kindRule = KIND_RULES[e.kind];
  if (invalid !== null) return decide('refused', joinRules(INVALID, kindRule), 'invalid', { invalid });
  if (f.owner === e.staff && f.status === 'disputed') return decide('pending', joinRules(SAME_DAY, kindRule), 'sameDay');
  if (f.owner === e.staff) return decide(wasOwner ? 'renewed' : 'accepted', kindRule, wasOwner ? 'reconfirmed' : e.kind === 'preFile' ? 'preFiled' : 'claimed', { staff: e.staff });
  if (f.status === 'disputed') return decide('pending', joinRules(SAME_DAY, kindRule), 'sameDay');
  if (f.owner !== null && f.x.returned?.staff === e.staff && f.x.returned.notice !== null) return decide('refused', joinRules(RETURN, kindRule), 'afterReturn', { owner: f.owner });
  const hours = c.p.claims.returnWithinHours;
  if (hours !== null && f.owner !== null && isProtected(f.status) && f.basis.channel !== null && CLAIMED.includes(f.basis.channel)) {
    // CLM-CONFLICT-RETURN: the clerk owes the submitter the claim back, with notice (002 §1.4).
    const returnBy = c.tx.at + hours * HOUR;
    f.x = { ...f.x, returned: { staff: e.staff, claim: e.id, by: returnBy, notice: null } };
    return decide('refused', joinRules(RETURN_EARLIEST, kindRule), 'conflictReturn', { owner: f.owner, returnBy, hours });
  }
  const why = f.owner !== null ? 'earlierOwner' : f.status === 'pool' ? 'inPool' : f.status === 'developer' ? 'developer' : 'notClaimable';
  return decide('refused', joinRules(EARLIEST, kindRule), why, { owner: f.owner });
}

/**
 * Whether a salesperson's claim on a client is still active (CLM-QUOTA): they
 * hold the client under protection on a valid claim of theirs of one of
 * these kinds, and it has not become a deal. A claim that lapsed (even if no
 * event has touched the client since), was released, cancelled or moved to
 * someone else is not.
 * @internal
 */
export function activeClaim(c: { readonly s: { readonly files: Lookup<ClientFile> }; readonly tx: { readonly at: number } }, client: string, staff: string, kinds: readonly string[]): boolean {
  const f = c.s.files.get(client);
  if (f === undefined || f.owner !== staff || !isProtected(f.status) || hasLiveDeal(f)) return false;
  const end = protectionEnd(f);
  if (end !== null && c.tx.at >= end) return false;
  return f.registrations.some((r) => r.valid && r.staff === staff && kinds.includes(r.channel));
}

/**
 * How many of these clients are still active claims of `staff` (each as
 * {@link activeClaim}): a claim book's count against the quota (CLM-QUOTA).
 * @internal
 */
export function activeClaims(c: Parameters<typeof activeClaim>[0], clients: readonly string[], staff: string, kinds: readonly string[]): number {
  let n = 0;
  for (const client of clients) if (activeClaim(c, client, staff, kinds)) n++;
  return n;
}

/**
 * A salesperson gives up a client they hold (CLM-QUOTA: a released claim no
 * longer counts), or a violation cancels their claim (PEN-CANCEL): the
 * client counts as new. `cited` are the rule IDs of the family that asks.
 * Returns whether anything was given up.
 * @internal
 */
export function giveUp(c: OwnCtx, client: string, staff: string, act: 'release' | 'cancel', cited: readonly RuleId[], args: Record<string, string | null> = {}): boolean {
  const f = draftFile(c, client);
  settle(c, f);
  if (f.owner !== staff || !isProtected(f.status)) {
    ownershipDecision(c, f, f.owner, null, cited, f.basis.evidence, 'notHeld', { staff, act });
    return false;
  }
  grant(c, f, { staff: null, channel: null, at: c.tx.at, rules: cited, evidence: [c.tx.id, ...f.basis.evidence], why: act === 'release' ? 'released' : 'cancelled', args: { owner: staff, ...args } });
  return true;
}

const HOUR = 3_600_000;
const RETURN = rules('CLM-CONFLICT-RETURN');
const RETURN_EARLIEST = rules('CLM-CONFLICT-RETURN', 'COL-EARLIEST');
const CLAIMED: readonly Channel[] = ['claim', 'preFile', 'report'];

/**
 * The clerk returns a conflicting claim to its submitter with notice not to
 * contact the client further (CLM-CONFLICT-RETURN, 002 §1.4). The notice
 * day is the day the submitter learns of the collision: a dispute raised
 * that day may still overturn it (DSP-PROCESS). A notice for a claim that
 * awaits no return is kept on record and changes nothing.
 * @internal
 */
export function returnClaim(c: OwnCtx, client: string, staff: string): void {
  const file = c.s.files.get(client);
  const pending = file?.x.returned;
  if (!pending || pending.staff !== staff || pending.notice !== null) {
    // A notice the register does not call for: kept on record, nothing changes.
    claimDecision(c, client, staff, 'returned', RETURN, [], 'nothingToReturn', { owner: file?.owner ?? null });
    return;
  }
  const f = draftFile(c, client);
  settle(c, f);
  const r = pending;
  const { tx } = c;
  const late = tx.at > r.by;
  f.x = { ...f.x, returned: { ...r, notice: tx.id }, collision: { staff: f.owner === null ? [staff] : [f.owner, staff], day: c.cal.dayOf(tx.at), event: tx.id } };
  claimDecision(c, f.key, staff, 'returned', RETURN, [r.claim], 'returned', { late, hours: c.p.claims.returnWithinHours, owner: f.owner });
}
