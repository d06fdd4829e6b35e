/**
 * What happens to ownership around deals, refunds, departures, the
 * developer's contacts, and when two files turn out to be one client
 * (OWN-DEAL-PERMANENT, RFD-RESTORE, OWN-DEPARTED, REF-DEVELOPER,
 * COL-AFTER-DEAL, COL-CROSS-FAMILY, COL-COMPANY-VS-PERSON, COL-EARLIEST).
 */
import type { Decision } from '../decisions.js';
import { stageRank, type DealStage } from '../../events/common.js';
import type { RuleId } from '../../kernel/rules.js';
import { decide, type Ctx } from '../office/context.js';
import { afterDealWinner } from './disputes.js';
import {
  grant,
  hasLiveDeal,
  isProtected,
  localOrNull,
  protectionEnd,
  record,
  settle,
  type ClientFile,
  type FileDeal,
  type FileStep,
} from './file.js';

/** A deal as ownership sees it. @internal */
export interface DealFact {
  readonly deal: string;
  readonly staff: string;
  readonly stage: DealStage;
  readonly buyer: { readonly name?: string | undefined; readonly company?: string | undefined } | undefined;
}

function contractWinner(file: ClientFile, buyer: DealFact['buyer']): { staff: string; event: string } | null {
  if (!buyer || (buyer.name === undefined && buyer.company === undefined)) return null;
  const valid = file.registrations.filter((r) => r.valid && r.staff !== null);
  if (new Set(valid.map((r) => r.staff)).size < 2) return null;
  const match = [...valid]
    .sort((a, b) => a.at - b.at)
    .find((r) => (buyer.company !== undefined && r.company === buyer.company) || (buyer.name !== undefined && r.name === buyer.name));
  return match?.staff ? { staff: match.staff, event: match.event } : null;
}

/**
 * A deal reaches a stage. A free client goes to the closer; a company-versus-
 * person conflict follows the name on the contract (COL-COMPANY-VS-PERSON);
 * a deal at the policy's stage within the window makes the client a
 * permanent old client (OWN-DEAL-PERMANENT).
 * @internal
 */
export function reachDeal(before: ClientFile, fact: DealFact, ctx: Ctx): FileStep {
  const settled = settle(before, ctx);
  let file = settled.file;
  const decisions: Decision[] = [...settled.decisions];
  const take = (step: FileStep) => {
    file = step.file;
    decisions.push(...step.decisions);
  };
  if (file.status === 'none' || (file.owner === null && file.status !== 'pool' && file.status !== 'developer')) {
    take(grant(file, ctx, { staff: fact.staff, channel: 'visit', at: ctx.at, rules: ['OWN-FIRST', 'DEAL-STAGES'], evidence: [ctx.event.id], note: `no one owned the client: the closer ${fact.staff} does` }));
  }
  if (ctx.policy.collisions.companyVsPerson === 'contractName') {
    const winner = contractWinner(file, fact.buyer);
    if (winner && winner.staff !== file.owner) {
      take(grant(file, ctx, { staff: winner.staff, channel: 'claim', at: ctx.at, rules: ['COL-COMPANY-VS-PERSON'], evidence: [winner.event, ctx.event.id], note: `the contract is in the name of ${fact.buyer?.company ?? fact.buyer?.name ?? ''}: the earliest claim in that name, by ${winner.staff}, wins` }));
    }
  }
  const old = file.deal;
  const stage = old && old.deal !== fact.deal && !old.refunded && stageRank(old.stage) > stageRank(fact.stage) ? old.stage : fact.stage;
  const deal: FileDeal =
    old && old.deal === fact.deal
      ? { ...old, stage: stageRank(fact.stage) > stageRank(old.stage) ? fact.stage : old.stage, refunded: false }
      : old && !old.refunded && stageRank(old.stage) > stageRank(fact.stage)
        ? old
        : { deal: fact.deal, staff: fact.staff, stage, at: ctx.at, event: ctx.event.id, refunded: false };
  file = { ...file, deal };
  const from = ctx.policy.ownership.permanentFromStage;
  if (from !== null && file.status === 'protected' && file.owner !== null && stageRank(fact.stage) >= stageRank(from)) {
    take(grant(file, ctx, { staff: file.owner, status: 'permanent', channel: null, at: ctx.at, rules: ['OWN-DEAL-PERMANENT', 'DEAL-STAGES'], evidence: [...file.basis.evidence, ctx.event.id], note: `${fact.stage} within the window: a permanent old client of ${file.owner}` }));
  } else if (file.owner !== null && file.owner !== fact.staff && isProtected(file.status)) {
    const d = decide(ctx, { kind: 'collision', client: file.key, owner: file.owner, challenger: fact.staff, outcome: 'ownerKeeps' }, ['COL-EARLIEST'], file.basis.evidence, `${fact.staff} closed a client of ${file.owner}: ownership stays; credit follows the deal rules`);
    file = record(file, [d]);
    decisions.push(d);
  }
  return { file, decisions };
}

/**
 * A full refund ends the deal's hold on the client (RFD-RESTORE): the client
 * stays with the owner within validity, or goes to the public pool.
 * @internal
 */
export function refundDeal(before: ClientFile, dealId: string, full: boolean, ctx: Ctx): FileStep {
  if (!full || before.deal?.deal !== dealId) return { file: before, decisions: [] };
  const file: ClientFile = { ...before, deal: { ...before.deal, refunded: true } };
  if (ctx.policy.deals.afterRefund === 'pool') {
    const g = grant(file, ctx, { staff: null, status: 'pool', channel: null, at: ctx.at, rules: ['RFD-RESTORE'], evidence: [before.deal.event], note: 'refunded: the client goes to the public pool' });
    return g;
  }
  if (file.status !== 'permanent' || file.owner === null) return { file, decisions: [] };
  const basis = file.registrations.find((r) => r.valid && r.staff === file.owner);
  const g = grant(file, ctx, { staff: file.owner, channel: basis?.channel ?? 'assigned', at: basis?.at ?? ctx.at, rules: ['RFD-RESTORE'], evidence: [before.deal.event, ...(basis ? [basis.event] : [])], note: `refunded: the client stays with ${file.owner} within the original validity` });
  const s = settle(g.file, ctx);
  return { file: s.file, decisions: [...g.decisions, ...s.decisions] };
}

/**
 * The owner left (OWN-DEPARTED): deposited clients go to the public pool,
 * undeposited ones become new clients for the manager to reassign.
 * @internal
 */
export function ownerDeparted(file: ClientFile, staff: string, ctx: Ctx): FileStep {
  if (file.owner !== staff) return { file, decisions: [] };
  const deposited = hasLiveDeal(file);
  const where = deposited ? ctx.policy.ownership.departed.deposited : ctx.policy.ownership.departed.undeposited;
  return grant(file, ctx, {
    staff: null,
    status: where === 'pool' ? 'pool' : 'none',
    channel: null,
    at: ctx.at,
    rules: ['OWN-DEPARTED'],
    evidence: [...file.basis.evidence],
    note: `${staff} left the office: ${deposited ? 'a deposited' : 'an undeposited'} client ${where === 'pool' ? 'goes to the public pool' : 'counts as new, for the manager to reassign'}`,
  });
}

/**
 * The developer announced the client as its own contact (REF-DEVELOPER).
 * Clients registered by sales staff before the notice stay sales clients.
 * @internal
 */
export function announceDeveloper(file: ClientFile, ctx: Ctx): FileStep {
  const earlier = file.registrations.find((r) => r.valid && r.staff !== null);
  if (earlier) {
    const d = decide(ctx, { kind: 'ownership', client: file.key, owner: file.owner, previous: file.owner, status: file.status, protectionEndsAt: null }, ['REF-DEVELOPER'], [earlier.event], `registered by ${earlier.staff ?? ''} before the notice: stays a normal sales client`);
    return { file: record(file, [d]), decisions: [d] };
  }
  return grant(file, ctx, { staff: null, status: 'developer', channel: null, at: ctx.at, rules: ['REF-DEVELOPER'], evidence: [], note: "announced in writing as the developer's own contact" });
}

/**
 * Two files turn out to be one client (ID-MATCH, ID-FAMILY). When both had
 * owners: a collision found more than N days after a deal goes to the closer
 * (COL-AFTER-DEAL); family members registered by different staff go to the
 * first registrant, the other kept for the split (COL-CROSS-FAMILY); the same
 * person goes to the earliest (COL-EARLIEST).
 * @internal
 */
export function mergeFiles(
  intoFile: ClientFile,
  fromFile: ClientFile,
  ctx: Ctx,
  link: { readonly family: boolean; readonly ranks: readonly [number, number] | null },
): FileStep {
  const a = settle(intoFile, ctx);
  const b = settle(fromFile, ctx);
  const decisions: Decision[] = [...a.decisions, ...b.decisions];
  const x = a.file;
  const y = b.file;
  const deals = [x.deal, y.deal].filter((d): d is FileDeal => d !== null && !d.refunded);
  const deal = deals.sort((p, q) => stageRank(q.stage) - stageRank(p.stage) || p.at - q.at)[0] ?? x.deal ?? y.deal;
  let merged: ClientFile = {
    ...x,
    registrations: [...x.registrations, ...y.registrations].sort((p, q) => p.at - q.at),
    report: x.report ?? y.report,
    referral: x.referral ?? y.referral,
    named: x.named ?? y.named,
    deal,
    complaint: x.complaint ?? y.complaint,
    concealment: x.concealment ?? y.concealment,
    crossFamily: [...x.crossFamily, ...y.crossFamily],
    servedBy: x.servedBy ?? y.servedBy,
    // One story in time order (the sort is stable for decisions at the same instant).
    history: [...x.history, ...y.history].sort((p, q) => Date.parse(p.at) - Date.parse(q.at)),
  };
  const takeOwner = (from: ClientFile): ClientFile => ({
    ...merged,
    owner: from.owner,
    status: from.status,
    basis: from.basis,
    windowEndsAt: from.windowEndsAt,
    followUpBy: from.followUpBy,
    doNotCall: from.doNotCall,
  });
  if (x.owner === null && y.owner !== null) merged = takeOwner(y);
  if (x.owner === null || y.owner === null || x.owner === y.owner) {
    const d = decide(ctx, { kind: 'ownership', client: merged.key, owner: merged.owner, previous: x.owner, status: merged.status, protectionEndsAt: localOrNull(ctx, protectionEnd(merged, ctx)) }, link.family ? ['ID-FAMILY'] : ['ID-MATCH'], [...x.basis.evidence, ...y.basis.evidence], `${fromFile.key} joins client ${intoFile.key}; owner ${merged.owner ?? 'nobody'}`);
    return { file: record(merged, [d]), decisions: [...decisions, d] };
  }
  let winner: ClientFile;
  let rules: RuleId[];
  let why: string;
  const closer = afterDealWinner(merged, ctx);
  if (closer !== null) {
    winner = closer === y.owner ? y : x;
    rules = ['COL-AFTER-DEAL'];
    why = `found more than ${ctx.policy.collisions.afterDealDays ?? 0} days after the deal: the closer ${closer} keeps the client`;
  } else if (link.family && link.ranks !== null && link.ranks[0] !== link.ranks[1]) {
    winner = link.ranks[0] < link.ranks[1] ? x : y;
    rules = ['COL-CROSS-FAMILY', 'ID-FAMILY'];
    why = `relatives registered by different staff: the closer relation ranks first (${ctx.policy.identity.familyPriority?.join(', ') ?? ''})`;
  } else {
    winner = y.basis.at < x.basis.at ? y : x;
    rules = link.family ? ['COL-CROSS-FAMILY', 'ID-FAMILY'] : ['COL-EARLIEST', 'ID-MATCH'];
    why = link.family ? `relatives registered by different staff: the first registrant, ${winner.owner ?? ''}, keeps the client` : `the same client registered twice: the earlier registration, by ${winner.owner ?? ''}, wins`;
  }
  const loser = winner === x ? y : x;
  merged = takeOwner(winner);
  if (link.family && loser.owner !== null) merged = { ...merged, crossFamily: [...merged.crossFamily, { staff: loser.owner, event: ctx.event.id }] };
  const c = decide(ctx, { kind: 'collision', client: merged.key, owner: winner.owner, challenger: loser.owner ?? '', outcome: winner === x ? 'ownerKeeps' : 'challengerWins' }, rules, [...x.basis.evidence, ...y.basis.evidence], why);
  const o = decide(ctx, { kind: 'ownership', client: merged.key, owner: winner.owner, previous: x.owner, status: merged.status, protectionEndsAt: localOrNull(ctx, protectionEnd(merged, ctx)) }, rules, winner.basis.evidence, `${fromFile.key} joins client ${intoFile.key}; ${why}`);
  merged = { ...merged, collision: { staff: [x.owner, y.owner], day: ctx.calendar.dayOf(ctx.at), event: ctx.event.id } };
  return { file: record(merged, [c, o]), decisions: [...decisions, c, o] };
}
