/**
 * Disputes, rulings, complaints and manager assignments (DSP-PROCESS,
 * COL-SAME-DAY, COL-AFTER-DEAL, OWN-COMPLAINT, OWN-CONCEAL, OWN-MANAGER).
 * Rulings are events; the overridden ownership stays in the client's story.
 */
import { joinRules, rules, type Args } from '../kernel/decision.js';
import type { RuleId } from '../kernel/rules.js';
import { stageRank } from '../events/common.js';
import type { EventOf } from '../events/schema.js';
import type { DisputeDecision, PenaltyDecision } from './decisions.js';
import { draftFile, grant, ownershipDecision, settle, type OwnCtx } from './file.js';
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
  if (stageRank(deal.stage) < stageRank(c.p.collisions.afterDealStage)) return null;
  return c.cal.dayOf(c.tx.at) - c.cal.dayOf(deal.at) > days ? deal.staff : null;
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
export function raiseDispute(c: OwnCtx, client: string, staff: string): void {
  const f = draftFile(c, client);
  settle(c, f);
  const closer = afterDealWinner(c, f);
  if (closer !== null) {
    dispute(c, f, staff, 'decided', AFTER_DEAL_DISPUTE, dealEvidence(f), 'afterDeal', { closer, days: c.p.collisions.afterDealDays });
    if (f.owner !== closer) grant(c, f, { staff: closer, status: 'permanent', channel: null, at: c.tx.at, rules: AFTER_DEAL, evidence: dealEvidence(f), why: 'afterDeal', args: { closer } });
    return;
  }
  const today = c.cal.dayOf(c.tx.at);
  const col = f.x.collision;
  if (c.p.disputes.raiseSameDay && (col === null || !col.staff.includes(staff) || col.day !== today)) {
    const none = col === null || !col.staff.includes(staff);
    dispute(c, f, staff, 'refused', DSP, col ? [col.event] : [], none ? 'noCollision' : 'lateDispute', { staff, day: none ? null : c.cal.dayIso(col.day) });
    return;
  }
  dispute(c, f, staff, 'raised', DSP, col ? [col.event] : [], 'raised', { staff, holder: f.owner });
  if (f.owner !== null) f.status = 'disputed';
  f.x = { ...f.x, dispute: { raisedBy: staff, event: c.tx.id, level: 'raised', ruledBy: null, ruledOwner: null } };
}

const FINE = rules('DSP-PROCESS', 'PEN-FINES');
const SAME_DAY = rules('COL-SAME-DAY');
const CONCEAL = rules('OWN-CONCEAL');

function fine(c: OwnCtx, f: ClientFile, staff: string, amount: string, why: string): void {
  const { tx } = c;
  if (!tx.record) return;
  const d: PenaltyDecision = { kind: 'penalty', event: tx.id, at: tx.at, rules: FINE, evidence: [], why, args: { amount }, client: f.key, staff, amount };
  tx.emit(d);
}

/**
 * A mediation, ruling or appeal (DSP-PROCESS, COL-SAME-DAY, OWN-CONCEAL). An
 * appeal that fails fines the appellant; one that overturns fines whoever
 * ruled before.
 * @internal
 */
export function rule(c: OwnCtx, client: string, e: EventOf<'issueRuling'>): void {
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
      fine(c, f, e.appellant ?? '', c.p.disputes.appealFailedFine, 'appealFailed');
    } else {
      step = 'appealOverturned';
      const ruler = f.x.dispute?.ruledBy;
      if (ruler) fine(c, f, ruler, c.p.disputes.overturnFine, 'overturned');
    }
  }
  dispute(c, f, e.appellant ?? null, step, cited, overridden, step, { level: e.level, owner, previous: before.owner });
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
    ownershipDecision(c, f, f.owner, null, COMPLAINT, f.basis.evidence, why, { against: e.against, owner: f.owner });
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
