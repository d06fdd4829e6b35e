/**
 * Disputes, rulings, complaints and manager assignments (DSP-PROCESS,
 * COL-SAME-DAY, COL-AFTER-DEAL, OWN-COMPLAINT, OWN-CONCEAL, OWN-MANAGER).
 * Rulings are events; the overridden ownership stays in the client's story.
 */
import { joinRules, rules, type Args } from '../kernel/decision.js';
import type { RuleId } from '../kernel/rules.js';
import { stageRank } from '../events/common.js';
import type { EventOf } from '../events/schema.js';
import type { DisputeDecision } from './decisions.js';
import { draftFile, grant, ownershipDecision, settle, type OwnCtx } from './file.js';
import type { DealMove } from './facts.js';
import { hasLiveDeal, type ClientFile, type FileDraft } from './state.js';

/**
 * The closer who wins a collision found more than N days after the deal
 * (COL-AFTER-DEAL), if any.
 * @internal
 */
export function afterDealWinner(c: OwnCtx, f: Pick<ClientFile, 'deal'>): string | null {
  const days = c.p.collisions.afterDealDays;
  const deal = f.deal;
  if (days === null || deal === null || deal.refunded) return null;
  // Counted from when the deal reached the policy's stage (002 §2.2.2 "在签约或认购三日后"), not from an earlier deposit.
  const from = deal.reached[stageRank(c.p.collisions.afterDealStage)];
  if (from === undefined) return null;
  return c.cal.dayOf(c.tx.at) - c.cal.dayOf(from) > days ? deal.staff : null;
}

function dealEvidence(f: ClientFile): readonly string[] {
  return f.deal ? [f.deal.event] : [];
}

/** Ownership given by a decision of people (ruling, complaint, assignment), or permanent if they closed. */
function assignTo(c: OwnCtx, f: FileDraft, staff: string | null, cited: readonly RuleId[], evidence: readonly string[], why: string, args?: Args): void {
  if (staff === null) {
    grant(c, f, { staff: null, status: 'pool', channel: null, at: c.tx.at, rules: cited, evidence, why, args: { ...args, pool: true } });
    return;
  }
  const dealt = hasLiveDeal(f) && f.deal?.staff === staff && f.status === 'permanent';
  grant(c, f, { staff, status: dealt ? 'permanent' : 'protected', channel: 'assigned', at: c.tx.at, rules: cited, evidence, why, args });
}

function dispute(c: OwnCtx, f: ClientFile, staff: string | null, step: DisputeDecision['step'], cited: readonly RuleId[], evidence: readonly string[], why: string, args?: Args): void {
  const { tx } = c;
  if (!tx.record) return;
  const d: DisputeDecision = { kind: 'dispute', event: tx.id, at: tx.at, rules: cited, evidence, why, args, client: f.key, staff, step };
  tx.emit(d);
}

const DSP = rules('DSP-PROCESS');
const AFTER_DEAL_DISPUTE = rules('COL-AFTER-DEAL', 'DSP-PROCESS');
const AFTER_DEAL = rules('COL-AFTER-DEAL');

/**
 * The rule IDs of a ruling, for the identity family's trace of a split
 * (DSP-PROCESS).
 * @internal
 */
export const RULING_RULES: readonly RuleId[] = DSP;

/**
 * A salesperson raises a dispute (DSP-PROCESS). It must come on the day the
 * collision was found; one found more than N days after the deal is decided
 * for the closer at once (COL-AFTER-DEAL).
 * @internal
 */
export function raiseDispute(c: OwnCtx, client: string, staff: string): DealMove | null {
  const f = draftFile(c, client);
  settle(c, f);
  const closer = afterDealWinner(c, f);
  if (closer !== null) {
    // Only a party to the collision can raise it (002 §3.1 当事人): anyone else's dispute changes nothing.
    if (!involved(f, staff)) {
      dispute(c, f, staff, 'refused', AFTER_DEAL_DISPUTE, dealEvidence(f), 'notInvolved', { staff, closer });
      return null;
    }
    dispute(c, f, staff, 'decided', AFTER_DEAL_DISPUTE, dealEvidence(f), 'afterDeal', { closer, days: c.p.collisions.afterDealDays });
    if (f.owner === closer) return null;
    grant(c, f, { staff: closer, status: 'permanent', channel: null, at: c.tx.at, rules: AFTER_DEAL, evidence: dealEvidence(f), why: 'afterDeal', args: { closer } });
    return afterDealMove(c, f, closer);
  }
  const today = c.cal.dayOf(c.tx.at);
  const col = f.x.collision;
  if (c.p.disputes.raiseSameDay && (col === null || !col.staff.includes(staff) || col.day !== today)) {
    const none = col === null || !col.staff.includes(staff);
    dispute(c, f, staff, 'refused', DSP, col ? [col.event] : [], none ? 'noCollision' : 'lateDispute', { staff, day: none ? null : c.cal.dayIso(col.day) });
    return null;
  }
  dispute(c, f, staff, 'raised', DSP, col ? [col.event] : [], 'raised', { staff, holder: f.owner });
  if (f.owner !== null) f.status = 'disputed';
  f.x = { ...f.x, dispute: { raisedBy: staff, event: c.tx.id, level: 'raised', ruledBy: null, ruledOwner: null } };
  return null;
}

/** Whether a staff member is a party to a client's collision: the owner, the closer, a registrant, or named in the last collision. */
function involved(f: ClientFile, staff: string): boolean {
  if (f.owner === staff || f.deal?.staff === staff) return true;
  if (f.x.collision?.staff.includes(staff) === true) return true;
  return f.registrations.some((r) => r.staff === staff && r.valid);
}

/**
 * The deal of a client given to its closer by COL-AFTER-DEAL: it follows
 * the client, whole to the closer.
 * @internal
 */
export function afterDealMove(c: OwnCtx, f: Pick<ClientFile, 'deal'>, closer: string): DealMove | null {
  const deal = f.deal;
  if (deal === null) return null;
  return { deal: deal.deal, to: closer, rules: AFTER_DEAL, evidence: [deal.event], note: `the collision was found more than ${c.p.collisions.afterDealDays ?? 0} days after the deal: the client and the deal go to the closer` };
}

const SAME_DAY = rules('COL-SAME-DAY');
const CONCEAL = rules('OWN-CONCEAL');

/**
 * A fine a ruling decides: an appeal's (DSP-PROCESS: `appealFailed`,
 * `overturned`) or an altered book's (REG-DISCIPLINE: `alteredBook`). Who
 * pays, how much and why, for the fines ledger of another family.
 * @internal
 */
export interface RulingFine {
  readonly staff: string;
  readonly amount: string;
  readonly why: 'appealFailed' | 'overturned' | 'alteredBook';
  readonly client: string;
  readonly rules: readonly RuleId[];
  readonly evidence: readonly string[];
}

/** What a ruling leaves to other families: a deal to hand over (DSP-QUARREL), and fines for the ledger. @internal */
export interface Ruled {
  readonly move: DealMove | null;
  readonly fines: readonly RulingFine[];
}

/**
 * A mediation, ruling or appeal (DSP-PROCESS, COL-SAME-DAY, OWN-CONCEAL,
 * DSP-QUARREL, REG-DISCIPLINE). An appeal that fails fines the appellant;
 * one that overturns fines whoever ruled before (when the policy sets those
 * fines); an altered book fines the violator when the policy says so: the fines come back, for the ledger.
 * @internal
 */
export function rule(c: OwnCtx, client: string, e: EventOf<'issueRuling'>): Ruled {
  const fines: RulingFine[] = [];
  // A fine the policy leaves out (null, the default) is none: the step is still recorded by the dispute decision.
  const fine = (f: ClientFile, staff: string, amount: string | null, why: RulingFine['why']) => {
    if (amount !== null) fines.push({ staff, amount, why, client: f.key, rules: DSP, evidence: f.x.dispute === null ? [] : [f.x.dispute.event] });
  };
  const f = draftFile(c, client);
  settle(c, f);
  const owner = e.owner ?? null;
  let cited = joinRules(DSP, e.rules ?? []);
  if (f.x.collision !== null && f.status === 'disputed' && f.x.dispute?.raisedBy === null) cited = joinRules(cited, SAME_DAY);
  const overridden = f.basis.evidence;
  const before = { owner: f.owner, status: f.status };
  let step: 'mediated' | 'ruled' | 'appealFailed' | 'appealOverturned' = e.level === 'supervisor' ? 'mediated' : 'ruled';
  if (e.level === 'appeal') {
    const standing = f.x.dispute?.ruledOwner ?? f.owner;
    if (standing === owner) {
      step = 'appealFailed';
      fine(f, e.appellant ?? '', c.p.disputes.appealFailedFine, 'appealFailed');
    } else {
      step = 'appealOverturned';
      const ruler = f.x.dispute?.ruledBy;
      if (ruler) fine(f, ruler, c.p.disputes.overturnFine, 'overturned');
    }
  }
  if (e.finding === 'alteredBook') cited = joinRules(cited, alteredBook(c, f, e.violator ?? '', fines));
  const quarrel = e.finding === 'quarrel' || e.finding === 'refusedRuling';
  if (quarrel) cited = joinRules(cited, QUARREL);
  dispute(c, f, e.appellant ?? null, step, cited, overridden, step, { level: e.level, owner, previous: before.owner, finding: e.finding ?? null, violator: e.violator ?? null });
  if (e.finding === 'concealment') {
    const concealer = e.concealer ?? '';
    f.x = { ...f.x, concealment: { concealer, original: owner ?? concealer, event: e.id } };
    cited = joinRules(cited, CONCEAL);
  }
  if (step !== 'appealFailed' && (before.owner !== owner || before.status === 'disputed')) {
    const why = e.finding === 'concealment' ? 'concealment' : 'ruling';
    assignTo(c, f, owner, cited, [e.id, ...overridden], why, { level: e.level, concealer: e.concealer ?? null, owner });
  }
  const ruledBy = e.level === 'supervisor' ? (f.x.dispute?.ruledBy ?? null) : (e.by ?? f.x.dispute?.ruledBy ?? null);
  f.x = { ...f.x, dispute: { raisedBy: f.x.dispute?.raisedBy ?? null, event: e.id, level: e.level === 'supervisor' ? 'supervisor' : 'manager', ruledBy, ruledOwner: owner } };
  return { move: quarrel && step !== 'appealFailed' ? quarrelled(c, f, e) : null, fines };
}

const QUARREL = rules('DSP-QUARREL');
const QUARREL_MOVE = rules('DSP-QUARREL', 'DSP-PROCESS');
const ALTERED = rules('REG-DISCIPLINE');

/** The crossed client's deal goes to the policy's party (003 §4: 业绩、奖金归部门), now or when it comes. */
function quarrelled(c: OwnCtx, f: FileDraft, e: EventOf<'issueRuling'>): DealMove | null {
  const party = c.p.disputes.quarrelTo;
  if (party === null) return null;
  if (f.deal === null || f.deal.refunded) {
    f.x = { ...f.x, quarrel: { party, event: e.id } };
    return null;
  }
  return quarrelMove(c, f.deal.deal, party, e.id, e.finding === 'refusedRuling');
}

function quarrelMove(c: OwnCtx, deal: string, party: string, event: string, refused: boolean): DealMove {
  const cause = refused ? 'a party refused the ruling on the crossed client' : 'the parties quarrelled over the crossed client';
  return { deal, to: party, rules: QUARREL_MOVE, evidence: [event], note: `${cause}: the unit's credit and bonus go to ${party}` };
}

/**
 * A deal of a client a ruling found quarrelled over before any deal
 * (DSP-QUARREL): it goes to the policy's party, once.
 * @internal
 */
export function quarrelDeal(c: OwnCtx, client: string, deal: string): DealMove | null {
  const q = c.s.files.get(client)?.x.quarrel;
  if (!q) return null;
  const f = draftFile(c, client);
  f.x = { ...f.x, quarrel: null };
  return quarrelMove(c, deal, q.party, q.event, false);
}

/**
 * An altered paper book, treated as 恶意抢单 (REG-DISCIPLINE, 004j §1.2): a
 * fine for the ledger when the policy names one.
 */
function alteredBook(c: OwnCtx, f: FileDraft, violator: string, fines: RulingFine[]): readonly RuleId[] {
  const amount = c.p.registration.alteredBookFine;
  if (amount !== null) fines.push({ staff: violator, amount, why: 'alteredBook', client: f.key, rules: ALTERED, evidence: [] });
  return ALTERED;
}

const COMPLAINT = rules('OWN-COMPLAINT');

/**
 * A client's complaint (OWN-COMPLAINT): when justified, the manager's new
 * server owns the client; the split of a later deal and of this client's
 * referrals is kept on the file.
 * @internal
 */
export function complain(c: OwnCtx, client: string, e: EventOf<'fileComplaint'>): void {
  const f = draftFile(c, client);
  settle(c, f);
  const server = e.reassignTo;
  if (!e.justified || server === undefined || !c.p.ownership.complaintReassigns || f.owner !== e.against) {
    const why = !e.justified ? 'complaintUnjustified' : f.owner !== e.against ? 'complaintNotOwner' : 'complaintNoReassign';
    // 004e §10: not the salesperson's fault, the client stays theirs; a server the manager designates only serves.
    const serves = !e.justified && server !== undefined && f.owner === e.against && server !== f.owner;
    if (serves) f.x = { ...f.x, servedBy: { staff: server, event: e.id, complaint: true } };
    ownershipDecision(c, f, f.owner, null, COMPLAINT, f.basis.evidence, why, serves ? { against: e.against, owner: f.owner, server } : { against: e.against, owner: f.owner });
    return;
  }
  f.x = { ...f.x, complaint: { original: e.against, server, event: e.id } };
  assignTo(c, f, server, COMPLAINT, [e.id, ...f.basis.evidence], 'complaint', { against: e.against, by: server });
}

const MANAGER = rules('OWN-MANAGER');

/**
 * A manager's assignment (OWN-MANAGER): ownership, or service only when the
 * policy (or the event) says so (002 §2.3).
 * @internal
 */
export function assign(c: OwnCtx, client: string, e: EventOf<'assignClient'>): void {
  const f = draftFile(c, client);
  settle(c, f);
  const scope = e.scope ?? c.p.ownership.managerAssigns;
  if (scope === 'service') {
    f.x = { ...f.x, servedBy: { staff: e.staff, event: e.id } };
    ownershipDecision(c, f, f.owner, null, MANAGER, f.basis.evidence, 'served', { by: e.staff });
    return;
  }
  assignTo(c, f, e.staff, MANAGER, [e.id], 'assigned', { by: e.staff });
}
