/**
 * Disputes, rulings, complaints and manager assignments (DSP-PROCESS,
 * COL-SAME-DAY, COL-AFTER-DEAL, OWN-COMPLAINT, OWN-CONCEAL, OWN-MANAGER).
 * Rulings are events; the overridden ownership stays in the file's history.
 */
import type { Decision } from '../decisions.js';
import { stageRank } from '../../events/common.js';
import type { EventOf } from '../../events/schema.js';
import type { RuleId } from '../../kernel/rules.js';
import { decide, type Ctx } from '../office/context.js';
import { grant, hasLiveDeal, record, settle, type ClientFile, type FileStep } from './file.js';

/**
 * The closer who wins a collision found more than N days after the deal
 * (COL-AFTER-DEAL), if any.
 * @internal
 */
export function afterDealWinner(file: ClientFile, ctx: Ctx): string | null {
  const days = ctx.policy.collisions.afterDealDays;
  const deal = file.deal;
  if (days === null || deal === null || deal.refunded) return null;
  if (stageRank(deal.stage) < stageRank(ctx.policy.collisions.afterDealStage)) return null;
  return ctx.calendar.dayOf(ctx.at) - ctx.calendar.dayOf(deal.at) > days ? deal.staff : null;
}

function dealEvidence(file: ClientFile): string[] {
  return file.deal ? [file.deal.event] : [];
}

/** Ownership given by a decision of people (ruling, complaint, assignment), or permanent if they closed. */
function assignTo(file: ClientFile, ctx: Ctx, staff: string | null, rules: RuleId[], evidence: readonly string[], note: string): FileStep {
  if (staff === null) return grant(file, ctx, { staff: null, status: 'pool', channel: null, at: ctx.at, rules, evidence, note: `${note}; the client goes to the public pool` });
  const dealt = hasLiveDeal(file) && file.deal?.staff === staff && file.status === 'permanent';
  return grant(file, ctx, { staff, status: dealt ? 'permanent' : 'protected', channel: 'assigned', at: ctx.at, rules, evidence, note });
}

/**
 * A salesperson raises a dispute (DSP-PROCESS). It must come on the day the
 * collision was found; one found more than N days after the deal is decided
 * for the closer at once (COL-AFTER-DEAL).
 * @internal
 */
export function raiseDispute(before: ClientFile, staff: string, ctx: Ctx): FileStep {
  const settled = settle(before, ctx);
  const file = settled.file;
  const out = (step: FileStep): FileStep => ({ file: step.file, decisions: [...settled.decisions, ...step.decisions] });
  const closer = afterDealWinner(file, ctx);
  if (closer !== null) {
    const d = decide(ctx, { kind: 'dispute', client: file.key, staff, step: 'decided' }, ['COL-AFTER-DEAL', 'DSP-PROCESS'], dealEvidence(file), `raised more than ${ctx.policy.collisions.afterDealDays ?? 0} days after the deal: the client stays with the closer, ${closer}`);
    const decisions: Decision[] = [d];
    let next = record(file, [d]);
    if (next.owner !== closer) {
      const g = grant(next, ctx, { staff: closer, status: 'permanent', channel: null, at: ctx.at, rules: ['COL-AFTER-DEAL'], evidence: dealEvidence(file), note: 'the collision was found after the deal' });
      next = g.file;
      decisions.push(...g.decisions);
    }
    return out({ file: next, decisions });
  }
  const today = ctx.calendar.dayOf(ctx.at);
  const c = file.collision;
  if (ctx.policy.disputes.raiseSameDay && (c === null || !c.staff.includes(staff) || c.day !== today)) {
    const why = c === null || !c.staff.includes(staff) ? `no collision involving ${staff} is on record` : `the collision was found on ${ctx.calendar.dayIso(c.day)}`;
    const d = decide(ctx, { kind: 'dispute', client: file.key, staff, step: 'refused' }, ['DSP-PROCESS'], c ? [c.event] : [], `a dispute must be raised on the day the collision is found: ${why}`);
    return out({ file: record(file, [d]), decisions: [d] });
  }
  const d = decide(ctx, { kind: 'dispute', client: file.key, staff, step: 'raised' }, ['DSP-PROCESS'], c ? [c.event] : [], `dispute raised by ${staff}: supervisors mediate, then the manager rules; ${file.owner ?? 'nobody'} holds the client meanwhile`);
  const next: ClientFile = {
    ...file,
    status: file.owner === null ? file.status : 'disputed',
    dispute: { raisedBy: staff, event: ctx.event.id, level: 'raised', ruledBy: null, ruledOwner: null },
  };
  return out({ file: record(next, [d]), decisions: [d] });
}

function penalty(ctx: Ctx, file: ClientFile, staff: string, amount: string, note: string): Decision {
  return decide(ctx, { kind: 'penalty', client: file.key, staff, amount }, ['DSP-PROCESS', 'PEN-FINES'], [], note);
}

/**
 * A mediation, ruling or appeal (DSP-PROCESS, COL-SAME-DAY, OWN-CONCEAL). An
 * appeal that fails fines the appellant; one that overturns fines whoever
 * ruled before.
 * @internal
 */
export function rule(before: ClientFile, event: EventOf<'issueRuling'>, ctx: Ctx): FileStep {
  const settled = settle(before, ctx);
  const file = settled.file;
  const owner = event.owner ?? null;
  const cited: RuleId[] = ['DSP-PROCESS', ...(event.rules ?? [])];
  if (file.collision !== null && file.status === 'disputed' && file.dispute?.raisedBy === null) cited.push('COL-SAME-DAY');
  const decisions: Decision[] = [...settled.decisions];
  const overridden = file.basis.evidence;
  let next = file;
  let step: 'mediated' | 'ruled' | 'appealFailed' | 'appealOverturned' = event.level === 'supervisor' ? 'mediated' : 'ruled';
  if (event.level === 'appeal') {
    const standing = file.dispute?.ruledOwner ?? file.owner;
    if (standing === owner) {
      step = 'appealFailed';
      decisions.push(penalty(ctx, file, event.appellant ?? '', ctx.policy.disputes.appealFailedFine, `the appeal by ${event.appellant ?? ''} failed: fined ${ctx.policy.disputes.appealFailedFine}`));
    } else {
      step = 'appealOverturned';
      const ruler = file.dispute?.ruledBy;
      if (ruler) decisions.push(penalty(ctx, file, ruler, ctx.policy.disputes.overturnFine, `the appeal overturned the ruling by ${ruler}: fined ${ctx.policy.disputes.overturnFine}`));
    }
  }
  const stepDecision = decide(ctx, { kind: 'dispute', client: file.key, staff: event.appellant ?? null, step }, cited, overridden, `${event.level} ${step === 'mediated' ? 'mediation' : 'decision'}: ${owner ?? 'public pool'}${file.owner !== owner ? `, overriding ${file.owner ?? 'nobody'}` : ''}`);
  decisions.push(stepDecision);
  next = record(next, decisions.slice(settled.decisions.length));
  if (event.finding === 'concealment') {
    const concealer = event.concealer ?? '';
    next = { ...next, concealment: { concealer, original: owner ?? concealer, event: event.id } };
    cited.push('OWN-CONCEAL');
  }
  if (step !== 'appealFailed' && (file.owner !== owner || file.status === 'disputed')) {
    const note = event.finding === 'concealment' ? `${event.concealer ?? ''} hid that the client was ${owner ?? 'nobody'}'s` : `${event.level} ruling`;
    const g = assignTo(next, ctx, owner, cited, [event.id, ...overridden], note);
    next = g.file;
    decisions.push(...g.decisions);
  }
  const ruledBy = event.level === 'supervisor' ? (file.dispute?.ruledBy ?? null) : (event.by ?? file.dispute?.ruledBy ?? null);
  const level: 'supervisor' | 'manager' = event.level === 'supervisor' ? 'supervisor' : 'manager';
  next = { ...next, dispute: { raisedBy: file.dispute?.raisedBy ?? null, event: event.id, level, ruledBy, ruledOwner: owner } };
  return { file: next, decisions };
}

/**
 * A client's complaint (OWN-COMPLAINT): when justified, the manager's new
 * server owns the client; the split of a later deal and of this client's
 * referrals is kept on the file.
 * @internal
 */
export function complain(before: ClientFile, event: EventOf<'fileComplaint'>, ctx: Ctx): FileStep {
  const settled = settle(before, ctx);
  const file = settled.file;
  const server = event.reassignTo;
  if (!event.justified || server === undefined || !ctx.policy.ownership.complaintReassigns || file.owner !== event.against) {
    const why = !event.justified
      ? 'not justified: the client stays with the salesperson'
      : file.owner !== event.against
        ? `${event.against} is not the owner (${file.owner ?? 'nobody'}): nothing moves`
        : 'this policy does not reassign on complaints';
    const d = decide(ctx, { kind: 'ownership', client: file.key, owner: file.owner, previous: file.owner, status: file.status, protectionEndsAt: null }, ['OWN-COMPLAINT'], file.basis.evidence, `complaint against ${event.against}: ${why}`);
    return { file: record(file, [d]), decisions: [...settled.decisions, d] };
  }
  const moved: ClientFile = { ...file, complaint: { original: event.against, server, event: event.id } };
  const g = assignTo(moved, ctx, server, ['OWN-COMPLAINT'], [event.id, ...file.basis.evidence], `a justified complaint against ${event.against}: the manager reassigned the client to ${server}`);
  return { file: g.file, decisions: [...settled.decisions, ...g.decisions] };
}

/**
 * A manager's assignment (OWN-MANAGER): ownership, or service only when the
 * policy (or the event) says so (002 §2.3).
 * @internal
 */
export function assign(before: ClientFile, event: EventOf<'assignClient'>, ctx: Ctx): FileStep {
  const settled = settle(before, ctx);
  const scope = event.scope ?? ctx.policy.ownership.managerAssigns;
  if (scope === 'service') {
    const file = settled.file;
    const d = decide(ctx, { kind: 'ownership', client: file.key, owner: file.owner, previous: file.owner, status: file.status, protectionEndsAt: null }, ['OWN-MANAGER'], file.basis.evidence, `${event.staff} assigned to serve the client; ownership stays with ${file.owner ?? 'nobody'}`);
    return { file: record({ ...file, servedBy: { staff: event.staff, event: event.id } }, [d]), decisions: [...settled.decisions, d] };
  }
  const g = assignTo(settled.file, ctx, event.staff, ['OWN-MANAGER'], [event.id], `the manager assigned the client to ${event.staff}`);
  return { file: g.file, decisions: [...settled.decisions, ...g.decisions] };
}
