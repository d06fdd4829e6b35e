/**
 * What happens to ownership around deals, refunds, departures, the
 * developer's contacts, and when files turn out to be one client or two
 * (OWN-DEAL-PERMANENT, COL-COMPANY-VS-PERSON, RFD-RESTORE, OWN-DEPARTED,
 * REF-DEVELOPER, COL-AFTER-DEAL, COL-CROSS-FAMILY, COL-EARLIEST).
 */
import { joinRules, rules } from '../kernel/decision.js';
import type { Issue } from '../kernel/issues.js';
import { append, joined } from '../kernel/list.js';
import type { RuleId } from '../kernel/rules.js';
import { stageRank, type DealStage } from '../events/common.js';
import { afterDealMove, afterDealWinner } from './disputes.js';
import type { DealMove } from './facts.js';
import { dropFile, draftFile, forgetOwner, grant, ownedBy, ownershipDecision, protectionEnd, setOwner, settle, type OwnCtx } from './file.js';
import { collide } from './register.js';
import { hasLiveDeal, isProtected, leftByExtra, newFile, reachedBy, type ClientFile, type FileDeal, type FileDraft, type Registration } from './state.js';

/** A deal as ownership sees it. @internal */
export interface DealFact {
  readonly deal: string;
  readonly staff: string;
  readonly stage: DealStage;
  readonly buyer: { readonly name?: string | undefined; readonly company?: string | undefined } | undefined;
  /** The deals family's rule IDs for a deal stage, for the traces that cite it. */
  readonly stageRules: readonly RuleId[];
}

function contractWinner(f: ClientFile, buyer: DealFact['buyer']): { staff: string; event: string } | null {
  if (!buyer || (buyer.name === undefined && buyer.company === undefined)) return null;
  const valid = f.registrations.filter((r) => r.valid && r.staff !== null);
  if (new Set(valid.map((r) => r.staff)).size < 2) return null;
  const match = [...valid].sort((a, b) => a.at - b.at).find((r) => (buyer.company !== undefined && r.company === buyer.company) || (buyer.name !== undefined && r.name === buyer.name));
  return match?.staff ? { staff: match.staff, event: match.event } : null;
}

const FIRST = rules('OWN-FIRST');
const CONTRACT = rules('COL-COMPANY-VS-PERSON');
const PERMANENT = rules('OWN-DEAL-PERMANENT');
const EARLIEST = rules('COL-EARLIEST');

/**
 * A deal reaches a stage. A free client goes to the closer; a company-versus-
 * person conflict follows the name on the contract (COL-COMPANY-VS-PERSON);
 * a deal at the policy's stage within the window makes the client a
 * permanent old client (OWN-DEAL-PERMANENT).
 * @internal
 */
export function reachDeal(c: OwnCtx, client: string, fact: DealFact): void {
  const { tx } = c;
  const f = draftFile(c, client);
  settle(c, f);
  if (f.status === 'none' || (f.owner === null && f.status !== 'pool' && f.status !== 'developer')) {
    grant(c, f, { staff: fact.staff, channel: 'visit', at: tx.at, rules: joinRules(FIRST, fact.stageRules), evidence: [tx.id], why: 'dealFree', args: { by: fact.staff } });
  }
  if (c.p.collisions.companyVsPerson === 'contractName') {
    const winner = contractWinner(f, fact.buyer);
    if (winner && winner.staff !== f.owner) {
      grant(c, f, { staff: winner.staff, channel: 'claim', at: tx.at, rules: CONTRACT, evidence: [winner.event, tx.id], why: 'contractName', args: { by: winner.staff, buyer: fact.buyer?.company ?? fact.buyer?.name ?? '' } });
    }
  }
  const old = f.deal;
  const stage = old && old.deal !== fact.deal && !old.refunded && stageRank(old.stage) > stageRank(fact.stage) ? old.stage : fact.stage;
  const deal: FileDeal =
    old && old.deal === fact.deal
      ? { ...old, stage: stageRank(fact.stage) > stageRank(old.stage) ? fact.stage : old.stage, refunded: false, reached: reachedBy(old.reached, stageRank(fact.stage), tx.at) }
      : old && !old.refunded && stageRank(old.stage) > stageRank(fact.stage)
        ? old
        : { deal: fact.deal, staff: fact.staff, stage, at: tx.at, event: tx.id, refunded: false, reached: reachedBy([], stageRank(stage), tx.at) };
  f.deal = deal;
  const from = c.p.ownership.permanentFromStage;
  if (from !== null && f.status === 'protected' && f.owner !== null && stageRank(fact.stage) >= stageRank(from)) {
    grant(c, f, { staff: f.owner, status: 'permanent', channel: null, at: tx.at, rules: joinRules(PERMANENT, fact.stageRules), evidence: append(f.basis.evidence, tx.id), why: 'permanent', args: { stage: fact.stage } });
  } else if (f.owner !== null && f.owner !== fact.staff && isProtected(f.status)) {
    if (tx.record) tx.emit({ kind: 'collision', event: tx.id, at: tx.at, rules: EARLIEST, evidence: f.basis.evidence, why: 'closedOthers', client: f.key, owner: f.owner, challenger: fact.staff, outcome: 'ownerKeeps' });
  }
}

const RESTORE = rules('RFD-RESTORE');

/**
 * A full refund ends the deal's hold on the client (RFD-RESTORE): the client
 * stays with the owner within validity, or goes to the public pool.
 * @internal
 */
export function refundDeal(c: OwnCtx, client: string, dealId: string, full: boolean, toPool: boolean): void {
  const existing = c.s.files.get(client);
  if (!existing || !full || existing.deal?.deal !== dealId) return;
  const f = draftFile(c, client);
  const deal = f.deal as FileDeal;
  f.deal = { ...deal, refunded: true };
  if (toPool) {
    grant(c, f, { staff: null, status: 'pool', channel: null, at: c.tx.at, rules: RESTORE, evidence: [deal.event], why: 'refundPool' });
    return;
  }
  if (f.status !== 'permanent' || f.owner === null) return;
  const owner = f.owner;
  const basis = f.registrations.find((r) => r.valid && r.staff === owner);
  grant(c, f, { staff: owner, channel: basis?.channel ?? 'assigned', at: basis?.at ?? c.tx.at, rules: RESTORE, evidence: basis ? [deal.event, basis.event] : [deal.event], why: 'refundKeep', args: { by: owner }, day: basis?.day ?? null, person: basis?.person ?? null });
  settle(c, f);
}

const DEPARTED = rules('OWN-DEPARTED');

/**
 * The rule IDs of a departure, for the roster's decision (OWN-DEPARTED).
 * @internal
 */
export const DEPARTURE_RULES: readonly RuleId[] = DEPARTED;

/**
 * A salesperson left (OWN-DEPARTED): their deposited clients go to the
 * public pool, undeposited ones become new clients for the manager to
 * reassign (as the policy says).
 * @internal
 */
export function ownerDeparted(c: OwnCtx, staff: string): void {
  for (const key of ownedBy(c, staff)) {
    const f = draftFile(c, key);
    if (f.owner !== staff) continue;
    const deposited = hasLiveDeal(f);
    const where = deposited ? c.p.ownership.departed.deposited : c.p.ownership.departed.undeposited;
    grant(c, f, { staff: null, status: where === 'pool' ? 'pool' : 'none', channel: null, at: c.tx.at, rules: DEPARTED, evidence: f.basis.evidence, why: 'departed', args: { staff, deposited, where } });
    f.x = leftByExtra(f.x, staff);
  }
  forgetOwner(c, staff);
}

const DEVELOPER = rules('REF-DEVELOPER');

/**
 * The developer announced the client as its own contact (REF-DEVELOPER).
 * Clients registered by sales staff before the notice stay sales clients.
 * @internal
 */
export function announceDeveloper(c: OwnCtx, client: string): void {
  const f = draftFile(c, client);
  const earlier = f.registrations.find((r) => r.valid && r.staff !== null);
  if (earlier) {
    ownershipDecision(c, f, f.owner, null, DEVELOPER, [earlier.event], 'developerEarlier', { by: earlier.staff });
    return;
  }
  grant(c, f, { staff: null, status: 'developer', channel: null, at: c.tx.at, rules: DEVELOPER, evidence: [], why: 'developer' });
}

/** How two files were found to be one client. @internal */
export interface Join {
  readonly family: boolean;
  /** The family ranks of each file's basis (COL-CROSS-FAMILY under a family order), or null. */
  readonly ranks: readonly [number, number] | null;
  /** The identity family's rule IDs for the match (ID-FAMILY or ID-MATCH). */
  readonly rules: readonly RuleId[];
}

const AFTER_DEAL = rules('COL-AFTER-DEAL');
const CROSS = rules('COL-CROSS-FAMILY');

/**
 * Two files turn out to be one client (ID-MATCH, ID-FAMILY). When both had
 * owners: a collision found more than N days after a deal goes to the
 * closer (COL-AFTER-DEAL); family members registered by different staff go
 * to the first registrant, the other kept for the split (COL-CROSS-FAMILY);
 * the same person goes to the earliest (COL-EARLIEST).
 * @internal
 */
export function mergeFiles(c: OwnCtx, intoKey: string, fromKey: string, join: Join): DealMove | null {
  const { tx } = c;
  const fromStored = c.s.files.get(fromKey);
  if (!fromStored) return null;
  const x = draftFile(c, intoKey);
  const y = draftFile(c, fromKey);
  settle(c, x);
  settle(c, y);
  const deals = [x.deal, y.deal].filter((d): d is FileDeal => d !== null && !d.refunded);
  const deal = deals.sort((p, q) => stageRank(q.stage) - stageRank(p.stage) || p.at - q.at)[0] ?? x.deal ?? y.deal;
  // Who held the file the deal was closed on: its split was decided from that holder.
  const dealHolder = deal === x.deal ? x.owner : y.owner;
  const before = { owner: x.owner, status: x.status, basis: x.basis, windowEndsAt: x.windowEndsAt, followUpBy: x.followUpBy, doNotCall: x.doNotCall };
  const other = { owner: y.owner, status: y.status, basis: y.basis, windowEndsAt: y.windowEndsAt, followUpBy: y.followUpBy, doNotCall: y.doNotCall };
  x.registrations = joined(x.registrations, y.registrations).sort((p, q) => p.at - q.at);
  x.deal = deal;
  x.x = {
    ...x.x,
    report: x.x.report ?? y.x.report,
    referral: x.x.referral ?? y.x.referral,
    named: x.x.named ?? y.x.named,
    complaint: x.x.complaint ?? y.x.complaint,
    concealment: x.x.concealment ?? y.x.concealment,
    crossFamily: joined(x.x.crossFamily, y.x.crossFamily),
    servedBy: x.x.servedBy ?? y.x.servedBy,
    quarrel: x.x.quarrel ?? y.x.quarrel ?? null,
    returned: x.x.returned ?? y.x.returned ?? null,
    absentVisit: x.x.absentVisit ?? y.x.absentVisit ?? null,
  };
  setOwner(c, y, null);
  dropFile(c, fromKey);
  const take = (from: typeof before) => {
    setOwner(c, x, from.owner);
    x.status = from.status;
    x.basis = from.basis;
    x.windowEndsAt = from.windowEndsAt;
    x.followUpBy = from.followUpBy;
    x.doNotCall = from.doNotCall;
  };
  const evidence = joined(before.basis.evidence, other.basis.evidence);
  if (before.owner === null && other.owner !== null) take(other);
  if (before.owner === null || other.owner === null || before.owner === other.owner) {
    ownershipDecision(c, x, before.owner, protectionEnd(x), join.rules, evidence, 'merged', { from: fromKey });
    return null;
  }
  let winner: typeof before;
  let cited: readonly RuleId[];
  let why: string;
  const closer = afterDealWinner(c, x);
  if (closer !== null) {
    winner = closer === other.owner ? other : before;
    cited = AFTER_DEAL;
    why = 'afterDeal';
  } else if (join.family && join.ranks !== null && join.ranks[0] !== join.ranks[1]) {
    winner = join.ranks[0] < join.ranks[1] ? before : other;
    cited = joinRules(CROSS, join.rules);
    why = 'familyOrder';
  } else {
    winner = other.basis.at < before.basis.at ? other : before;
    cited = join.family ? joinRules(CROSS, join.rules) : joinRules(EARLIEST, join.rules);
    why = join.family ? 'familyFirst' : 'earliest';
  }
  const loser = winner === before ? other : before;
  take(winner);
  // COL-AFTER-DEAL: the client goes to whoever closed, even when neither file's owner did.
  const thirdCloser = closer !== null && closer !== before.owner && closer !== other.owner;
  if (thirdCloser) {
    setOwner(c, x, closer);
    x.status = 'permanent';
    x.windowEndsAt = null;
    x.followUpBy = null;
  }
  if (join.family && loser.owner !== null) x.x = { ...x.x, crossFamily: append(x.x.crossFamily, { staff: loser.owner, event: tx.id }) };
  const args = { from: fromKey, winner: x.owner, closer, afterDays: c.p.collisions.afterDealDays };
  const challenger = thirdCloser ? (before.owner ?? '') : (loser.owner ?? '');
  if (tx.record) tx.emit({ kind: 'collision', event: tx.id, at: tx.at, rules: cited, evidence, why, args, client: x.key, owner: x.owner, challenger, outcome: winner === before && !thirdCloser ? 'ownerKeeps' : 'challengerWins' });
  ownershipDecision(c, x, before.owner, protectionEnd(x), cited, winner.basis.evidence, why, args);
  x.x = { ...x.x, collision: { staff: [before.owner, other.owner], day: c.cal.dayOf(tx.at), event: tx.id } };
  return closer !== null && dealHolder !== closer ? afterDealMove(c, x, closer) : null;
}

/**
 * The registration a ruling would split off into a client of its own, or
 * the issue that stops it (ID-MATCH: "unless shown otherwise").
 * @internal
 */
export function splittable(c: OwnCtx, client: string, registration: string): Registration | Issue {
  const f = c.s.files.get(client);
  const reg = f?.registrations.find((r) => r.event === registration);
  if (!f || !reg) return { code: 'unknown_registration', path: ['registration'], event: c.tx.id, message: `registration "${registration}" is not in the file of client ${client}` };
  if (reg.person === registration || registration === f.key) {
    return { code: 'invalid_value', path: ['registration'], event: c.tx.id, message: `registration "${registration}" founded its own client record: there is nothing to split off` };
  }
  return reg;
}

const FIRST_REGISTRATION = rules('OWN-FIRST', 'REG-FIRST');
const REG_FIRST = rules('REG-FIRST');

/**
 * Splits a registration off into a file of its own after a ruling (see
 * {@link splittable}); both files then follow their earliest registration.
 * @internal
 */
export function splitFile(c: OwnCtx, client: string, reg: Registration): void {
  const { tx } = c;
  const old = draftFile(c, client);
  const rest = old.registrations.filter((r) => r.event !== reg.event);
  old.registrations = rest;
  if (old.basis.evidence.includes(reg.event)) {
    const first = rest.find((r) => r.valid && r.staff !== null);
    if (first) grant(c, old, { staff: first.staff, channel: first.channel, at: first.at, rules: FIRST_REGISTRATION, evidence: [first.event], why: 'splitRest', args: { by: first.staff }, day: first.day, person: first.person });
    else grant(c, old, { staff: null, channel: null, at: tx.at, rules: REG_FIRST, evidence: [], why: 'splitNone' });
    settle(c, old);
  }
  const fresh = tx.own(newFile(reg.event, reg.at) as FileDraft);
  fresh.registrations = [{ ...reg, person: reg.event }];
  c.s.files.set(tx, reg.event, fresh);
  if (reg.valid && reg.staff !== null) {
    grant(c, fresh, { staff: reg.staff, channel: reg.channel, at: reg.at, rules: FIRST_REGISTRATION, evidence: [reg.event], why: 'splitOwn', args: { by: reg.staff }, day: reg.day, person: reg.event });
    settle(c, fresh);
  }
}

/** The person the current ownership of a file rests on, for the family order (COL-CROSS-FAMILY). @internal */
export function basisPerson(c: OwnCtx, client: string): string | undefined {
  const f = c.s.files.get(client);
  if (!f) return undefined;
  if (f.basis.person !== null) return f.basis.person;
  return f.registrations.find((r) => f.basis.evidence.includes(r.event))?.person;
}


/** Opens a file for a client with none yet (a client on record through an event that decides nothing of ownership). @internal */
export function ensureFile(c: OwnCtx, client: string): void {
  if (!c.s.files.get(client)) draftFile(c, client);
}
