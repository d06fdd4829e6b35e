/**
 * The deal reducers: `closeDeal`, `refund`, `splitDeal` and `setTargets`.
 */
import { set } from '../_lib/pmap.js';
import { money } from '../../kernel/money.js';
import type { Decision, LedgerEntry } from '../decisions.js';
import type { EventOf } from '../../events/schema.js';
import type { Issue } from '../../kernel/issues.js';
import type { Policy } from '../../policy/schema.js';
import { clientOf, personOf, resolve } from '../identity/identity.js';
import { allocateDeal } from '../deals/allocation.js';
import { dealIssue, dealOf, recordDeal, recordRefund, refundIssue, refuseDeal, unitHolder, type Deal, type DealSplit, type DealsState, type Terms } from '../deals/deals.js';
import { closeSession, openSession, resplit, retarget, syncDeal, type Cause } from '../deals/ledger.js';
import { fractions, type Share } from '../deals/split.js';
import { record, settle, type ClientFile } from '../ownership/file.js';
import { reachDeal, refundDeal } from '../ownership/lifecycle.js';
import { fileOf } from '../ownership/state.js';
import { getStaff } from '../staff/staff.js';
import { decide, type Ctx } from './context.js';
import { fileFor, identify, refuse, staffIssues, store } from './common.js';
import type { OfficeState, Step } from './state.js';

function termsOf(policy: Policy): Terms {
  const c = policy.deals.commission;
  return { rounding: c.rounding, remainder: c.remainder, retier: c.retierOnRefund };
}

function allocationDecision(ctx: Ctx, deal: Deal, split: DealSplit): Decision {
  return decide(
    ctx,
    { kind: 'allocation', client: deal.client, deal: deal.id, credit: fractions(split.credit), commission: split.commission === null ? null : fractions(split.commission) },
    [...split.rules, ...(split.credit.length > 1 || (split.commission?.length ?? 0) > 1 ? (['COM-SPLIT-EXACT'] as const) : [])],
    [split.event],
    split.note,
  );
}

/** Syncs a deal's bookings under one cause and stores the deal, the months and the entries. */
function book(slice: DealsState, deal: Deal, cause: Cause, ctx: Ctx): { state: DealsState; entries: LedgerEntry[] } {
  const session = openSession(slice, cause, ctx);
  const synced = syncDeal(session, deal);
  return closeSession(session, { ...slice, deals: set(slice.deals, synced.id, synced, ctx.edit) });
}

/** Stores a client's file with the deal's decisions and its ledger entries (not the months' re-tiering). */
function storeWith(state: OfficeState, file: ClientFile, decisions: readonly Decision[], entries: readonly LedgerEntry[], ctx: Ctx): OfficeState {
  return store(state, record(file, decisions), ctx, entries.filter((x) => x.deal !== null));
}

/**
 * A deal reaches a stage (DEAL-STAGES). A unit already held by another live
 * deal refuses it (COL-SAME-UNIT). Ownership reads it (OWN-DEAL-PERMANENT,
 * COL-COMPANY-VS-PERSON); at its first stage the deal's credit and
 * commission split is decided from the client's file (§G); each stage books
 * what the policy says accrues there.
 *
 * @param state - the office state
 * @param e - the `closeDeal` event
 * @param ctx - the fold context
 * @returns the step
 */
export function closeDeal(state: OfficeState, e: EventOf<'closeDeal'>, ctx: Ctx): Step {
  const issues = staffIssues(state, ctx, [
    [e.staff, 'staff'],
    [e.invitedBy, 'invitedBy'],
    [e.discountBy, 'discountBy'],
  ]);
  const res = resolve(state.identity, e.client, state.policy);
  const sameClient = (a: string, b: string) => (clientOf(state.identity, a) ?? a) === (clientOf(state.identity, b) ?? b);
  const bad = dealIssue(state.deals, e, res.found ? res.client : undefined, sameClient);
  if (bad) issues.push(bad);
  if (issues.length > 0) return refuse(state, issues);
  const id = identify(state, e.client, e.id, ['client'], ctx);
  if ('code' in id) return refuse(state, [id]);
  const client = personOf(id.state.identity, id.person)?.group ?? id.client;
  const file = record(fileFor(id.state, client, ctx), [id.decision]);

  const holder = unitHolder(id.state.deals, e.unit, e.deal, ctx);
  if (holder) {
    const refused = refuseDeal(id.state.deals, e, client, holder, ctx);
    const d = decide(ctx, { kind: 'deal', client, deal: e.deal, staff: e.staff, stage: e.stage, outcome: 'refused' }, ['COL-SAME-UNIT'], [holder.stages[0]?.event ?? holder.id], refused.deal.refusal?.note ?? '');
    return { state: store({ ...id.state, deals: refused.state }, file, ctx, [d]), decisions: [id.decision, d], issues: [] };
  }

  const recorded = recordDeal(id.state.deals, e, client, ctx);
  const settled = settle(file, ctx);
  const step = reachDeal(settled.file, { deal: e.deal, staff: e.staff, stage: e.stage, buyer: e.buyer }, ctx);
  const d = decide(ctx, { kind: 'deal', client, deal: e.deal, staff: e.staff, stage: e.stage, outcome: 'recorded' }, ['DEAL-STAGES'], [], `${e.stage} of unit ${e.unit} for ${e.amount} by ${e.staff}`);
  const own: Decision[] = [d];
  let deal = recorded.deal;
  if (deal.split === null) {
    const referrer = step.file.referral?.referrer ?? null;
    const a = allocateDeal(
      {
        closer: deal.staff,
        invitedBy: deal.invitedBy,
        discountBy: deal.discountBy,
        file: step.file,
        referrerFile: referrer === null ? undefined : fileOf(id.state.ownership, clientOf(id.state.identity, referrer) ?? referrer),
        member: (staff) => getStaff(state.staff, staff),
      },
      ctx,
    );
    const split: DealSplit = { credit: a.credit, commission: a.commission, rules: a.rules, note: a.note, event: e.id };
    deal = { ...deal, split, terms: termsOf(ctx.policy) };
    own.push(allocationDecision(ctx, deal, split));
  }
  const booked = book(recorded.state, deal, 'stage', ctx);
  const s = storeWith({ ...id.state, deals: booked.state }, step.file, own, booked.entries, ctx);
  return { state: s, decisions: [id.decision, ...settled.decisions, ...step.decisions, ...own, ...booked.entries], issues: [] };
}

/**
 * A refund, full or partial (RFD-CLAWBACK, RFD-RESTORE): reversing entries
 * against the deal's snapshot (its split, rate and terms at close), then the
 * months it counted in are re-tiered or kept (policy). A refund of an unknown
 * or refused deal, a non-positive amount, or more than is left of what was
 * paid is refused and changes nothing.
 *
 * @param state - the office state
 * @param e - the `refund` event
 * @param ctx - the fold context
 * @returns the step
 */
export function refund(state: OfficeState, e: EventOf<'refund'>, ctx: Ctx): Step {
  const bad = refundIssue(state.deals, e);
  if (bad) return refuse(state, [bad]);
  const recorded = recordRefund(state.deals, e, ctx);
  const deal = recorded.deal;
  const booked = book(recorded.state, deal, 'refund', ctx);
  let s: OfficeState = { ...state, deals: booked.state };
  const d = decide(ctx, { kind: 'deal', client: deal.client, deal: deal.id, staff: deal.staff, stage: deal.stage, outcome: 'refunded' }, ['RFD-CLAWBACK'], [deal.stages[0]?.event ?? deal.id], `${recorded.full ? 'full' : 'partial'} refund${e.reason ? ` (${e.reason})` : ''}; ${deal.refunded} of ${deal.paid ?? deal.amount} paid refunded so far`);
  const decisions: Decision[] = [d];
  const file = fileOf(s.ownership, clientOf(s.identity, deal.client) ?? deal.client);
  if (file) {
    const step = refundDeal(record(file, [d]), deal.id, recorded.full, ctx);
    s = storeWith(s, step.file, [], booked.entries, ctx);
    decisions.push(...step.decisions);
  }
  return { state: s, decisions: [...decisions, ...booked.entries], issues: [] };
}

/** Issues of a negotiated split: unknown staff, a person listed twice, a share not above 0. Staff who left may still share. */
function splitIssues(state: OfficeState, e: EventOf<'splitDeal'>): Issue[] {
  const issues: Issue[] = [];
  const known = (id: string, path: Issue['path']) => {
    if (!getStaff(state.staff, id)) issues.push({ code: 'unknown_staff', path, event: e.id, message: `no staff member "${id}": add them with a changeStaff event first` });
  };
  if (e.by !== undefined) known(e.by, ['by']);
  for (const field of ['commission', 'credit'] as const) {
    const seen = new Set<string>();
    for (const [i, share] of (e[field] ?? []).entries()) {
      const path = [field, i];
      known(share.staff, [...path, 'staff']);
      if (seen.has(share.staff)) issues.push({ code: 'invalid_value', path: [...path, 'staff'], event: e.id, message: `${share.staff} is listed twice in the ${field} split` });
      if (money(share.share).lte(0)) issues.push({ code: 'invalid_amount', path: [...path, 'share'], event: e.id, message: `a share must be above 0, got ${share.share}` });
      seen.add(share.staff);
    }
  }
  return issues;
}

const toShares = (list: readonly { staff: string; share: string }[]): Share[] => list.map((x) => ({ staff: x.staff, weight: x.share }));

/**
 * A negotiated split of a deal (000 §2 and §9: "commission negotiated"). It
 * replaces the deal's commission (and, if given, credit) shares; what was
 * already booked moves to the new split as adjustments (COM-SPLIT-EXACT). A
 * split of an unknown or refused deal, of unknown staff, or with a share that
 * is not above 0 is refused.
 *
 * @param state - the office state
 * @param e - the `splitDeal` event
 * @param ctx - the fold context
 * @returns the step
 */
export function splitDeal(state: OfficeState, e: EventOf<'splitDeal'>, ctx: Ctx): Step {
  const deal = dealOf(state.deals, e.deal);
  if (!deal) return refuse(state, [{ code: 'unknown_deal', path: ['deal'], event: e.id, message: `no deal "${e.deal}" to split` }]);
  const old = deal.split;
  if (deal.status === 'refused' || old === null) return refuse(state, [{ code: 'invalid_value', path: ['deal'], event: e.id, message: `deal ${deal.id} was refused: there is nothing to split` }]);
  const issues = splitIssues(state, e);
  if (issues.length > 0) return refuse(state, issues);
  const split: DealSplit = {
    credit: e.credit ? toShares(e.credit) : old.credit,
    commission: e.commission ? toShares(e.commission) : old.commission,
    rules: e.rules ?? old.rules,
    note: `split negotiated${e.by ? ` and recorded by ${e.by}` : ''}`,
    event: e.id,
  };
  const booked = book(state.deals, resplit(deal, split, ctx), 'split', ctx);
  const d = allocationDecision(ctx, deal, split);
  let s: OfficeState = { ...state, deals: booked.state };
  const file = fileOf(s.ownership, clientOf(s.identity, deal.client) ?? deal.client);
  if (file) s = storeWith(s, file, [d], booked.entries, ctx);
  return { state: s, decisions: [d, ...booked.entries], issues: [] };
}

/**
 * A salesperson's monthly red and green targets (COM-RATE-TIERS). Setting
 * them after deals re-tiers the month: the difference is booked as an
 * adjustment. Unknown staff or a negative target is refused.
 *
 * @param state - the office state
 * @param e - the `setTargets` event
 * @param ctx - the fold context
 * @returns the step
 */
export function setTargets(state: OfficeState, e: EventOf<'setTargets'>, ctx: Ctx): Step {
  const issues = staffIssues(state, ctx, [[e.staff, 'staff']]);
  for (const line of ['red', 'green'] as const) {
    const target = e[line];
    if (target !== undefined && target !== null && money(target).lt(0)) issues.push({ code: 'invalid_amount', path: [line], event: e.id, message: `a target cannot be negative, got ${target}` });
  }
  if (issues.length > 0) return refuse(state, issues);
  const session = openSession(state.deals, 'targets', ctx);
  retarget(session, e.staff, e.month, e.red, e.green);
  const closed = closeSession(session, state.deals);
  return { state: { ...state, deals: closed.state }, decisions: closed.entries, issues: [] };
}
