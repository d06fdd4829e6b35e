/**
 * The deal reducers: `closeDeal` and `refund`.
 */
import type { Decision } from '../decisions.js';
import type { EventOf } from '../events/schema.js';
import { clientOf, personOf, resolve } from '../identity/identity.js';
import { dealIssue, recordDeal, recordRefund } from '../deals/deals.js';
import { record, settle } from '../ownership/file.js';
import { reachDeal, refundDeal } from '../ownership/lifecycle.js';
import { fileOf } from '../ownership/state.js';
import { decide, type Ctx } from './context.js';
import { fileFor, identify, refuse, staffIssues, store } from './common.js';
import type { OfficeState, Step } from './state.js';

/**
 * A deal reaches a stage (DEAL-STAGES). Ownership reads it
 * (OWN-DEAL-PERMANENT, COL-COMPANY-VS-PERSON); a client never registered
 * before belongs to the closer (REG-FIRST).
 *
 * @param state - the office state
 * @param e - the `closeDeal` event
 * @param ctx - the fold context
 * @returns the step
 */
export function closeDeal(state: OfficeState, e: EventOf<'closeDeal'>, ctx: Ctx): Step {
  const issues = staffIssues(state, ctx, [[e.staff, 'staff']]);
  const res = resolve(state.identity, e.client, state.policy);
  const sameClient = (a: string, b: string) => (clientOf(state.identity, a) ?? a) === (clientOf(state.identity, b) ?? b);
  const bad = dealIssue(state.deals, e, res.found ? res.client : undefined, sameClient);
  if (bad) issues.push(bad);
  if (issues.length > 0) return refuse(state, issues);
  const id = identify(state, e.client, e.id, ['client'], ctx);
  if ('code' in id) return refuse(state, [id]);
  const client = personOf(id.state.identity, id.person)?.group ?? id.client;
  const recorded = recordDeal(id.state.deals, e, client, ctx);
  const settled = settle(record(fileFor(id.state, client, ctx), [id.decision]), ctx);
  const step = reachDeal(settled.file, { deal: e.deal, staff: e.staff, stage: e.stage, buyer: e.buyer }, ctx);
  const d = decide(ctx, { kind: 'deal', client, deal: e.deal, staff: e.staff, stage: e.stage, outcome: 'recorded' }, ['DEAL-STAGES'], [], `${e.stage} of unit ${e.unit} for ${e.amount} by ${e.staff}`);
  const s = store({ ...id.state, deals: recorded.state }, step.file, ctx, [d]);
  return { state: s, decisions: [id.decision, ...settled.decisions, ...step.decisions, d], issues: [] };
}

/**
 * A refund, full or partial (RFD-CLAWBACK, RFD-RESTORE). A refund of an
 * unknown deal, a non-positive amount, or more than is left is refused.
 *
 * @param state - the office state
 * @param e - the `refund` event
 * @param ctx - the fold context
 * @returns the step
 */
export function refund(state: OfficeState, e: EventOf<'refund'>, ctx: Ctx): Step {
  const recorded = recordRefund(state.deals, e, ctx);
  if ('issue' in recorded) return refuse(state, [recorded.issue]);
  const deal = recorded.deal;
  const decisions: Decision[] = [];
  let s: OfficeState = { ...state, deals: recorded.state };
  const file = fileOf(s.ownership, clientOf(s.identity, deal.client) ?? deal.client);
  const d = decide(ctx, { kind: 'deal', client: deal.client, deal: deal.id, staff: deal.staff, stage: deal.stage, outcome: 'refunded' }, ['RFD-CLAWBACK'], [deal.stages[0]?.event ?? deal.id], `${recorded.full ? 'full' : 'partial'} refund; ${deal.refunded} of ${deal.amount} refunded so far`);
  decisions.push(d);
  if (file) {
    const step = refundDeal(record(file, [d]), deal.id, recorded.full, ctx);
    s = store(s, step.file, ctx);
    decisions.push(...step.decisions);
  }
  return { state: s, decisions, issues: [] };
}
