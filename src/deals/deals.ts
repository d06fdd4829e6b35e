/**
 * Deals and refunds (RULES §G, §H): recording a deal's stages and money, who
 * holds each unit (COL-SAME-UNIT), deciding its split at the first stage,
 * booking what each stage accrues, refunds that claw back against the
 * deal's snapshot (RFD-CLAWBACK), negotiated splits and monthly targets.
 */
import { joinRules, NO_RULES, rules, type Args } from '../kernel/decision.js';
import type { Issue } from '../kernel/issues.js';
import { money } from '../kernel/money.js';
import type { RuleId } from '../kernel/rules.js';
import { instantMs } from '../kernel/time.js';
import { stageRank } from '../events/common.js';
import type { EventOf } from '../events/schema.js';
import { allocateDeal, NO_CIRCUMSTANCES, type Circumstances, type DealFacts } from './allocation.js';
import type { AllocationDecision, DealDecision, MarketingEventDecision, RecognitionDecision } from './decisions.js';
import { closeSession, openSession, paidBase, resplit, retarget, shown, syncDeal, termsOf, versionOf, type Cause, type DealsCtx } from './ledger.js';
import { addShare, fractions, type Share } from './split.js';
import type { Deal, DealSplit, MarketingEvent, Recognition } from './state.js';

const STAGES = rules('DEAL-STAGES');
const SAME_UNIT = rules('COL-SAME-UNIT');
const CLAWBACK = rules('RFD-CLAWBACK');
const EXACT = rules('COM-SPLIT-EXACT');

/**
 * The rule IDs of a deal stage (DEAL-STAGES), for the ownership decisions a
 * deal causes.
 * @internal
 */
export const STAGE_RULES: readonly RuleId[] = STAGES;

/**
 * Whether a deal still stands: recorded and not wholly refunded, i.e. its
 * refunds have not reversed all of it (RFD-CLAWBACK; a deal with nothing
 * paid yet stands). @internal
 */
export function isLive(deal: Deal): boolean {
  return deal.status === 'live' && money(deal.refundedShare).lt(1);
}

function invalidAmount(event: string, path: string, message: string): Issue {
  return { code: 'invalid_amount', path: [path], event, message };
}

/**
 * The issue that makes a deal event invalid, if any: a non-positive amount,
 * a negative payment, a total paid (what the deal's stages reported, with
 * this one) above the amount, an amount below what was already refunded, a stage of
 * a deal already wholly refunded, or a deal id already used for another client (`client` is the resolved client,
 * undefined for a new one; `sameClient` compares client keys).
 * @internal
 */
export function dealIssue(c: DealsCtx, e: EventOf<'closeDeal'>, client: string | undefined, sameClient: (a: string, b: string) => boolean): Issue | null {
  if (money(e.amount).lte(0)) return invalidAmount(e.id, 'amount', `a deal amount must be positive, got ${e.amount}`);
  // Under a cent, a deal would hold its unit and book nothing.
  if (money(e.amount).lt('0.01')) return invalidAmount(e.id, 'amount', `a deal amount must be at least 0.01 (a cent), got ${e.amount}`);
  if (e.paid !== undefined && money(e.paid).lt(0)) return invalidAmount(e.id, 'paid', `a payment cannot be negative, got ${e.paid}`);
  const old = c.s.deals.get(e.deal);
  if (old && (client === undefined || !sameClient(old.client, client))) {
    return { code: 'invalid_value', path: ['client'], event: e.id, message: `deal ${e.deal} belongs to client ${old.client}, not to this one` };
  }
  // Its refunds reversed all of it (RFD-CLAWBACK): a stage now would book nothing, so it is refused rather than kept silently.
  if (old?.status === 'live' && !isLive(old)) {
    return { code: 'invalid_value', path: ['deal'], event: e.id, message: `deal ${old.id} was wholly refunded: a later stage of the sale is a new deal (give it a new id)` };
  }
  // What the deal's stages report paid in all, with this one (a refused deal starts again): never more than the price.
  const live = old?.status === 'live' ? old : undefined;
  const paid = e.paid === undefined ? (live?.paid ?? null) : money(live?.paid ?? 0).plus(e.paid).toString();
  if (paid !== null && money(paid).gt(e.amount)) {
    const what = e.paid === undefined ? `the amount ${e.amount} is below the ${paid} already paid` : `a payment of ${e.paid}`;
    // A refund shrinks the sale, not what was paid: what came back counts, so the message says it.
    const back = live !== undefined && money(live.refunded).gt(0) ? ` (${live.refunded} of it refunded, which a later payment does not make up)` : '';
    return invalidAmount(e.id, e.paid === undefined ? 'amount' : 'paid', `${what} would make ${paid} paid on deal ${e.deal}${back}, above its amount ${e.amount}: no more can be paid for a deal than its price`);
  }
  if (live) {
    const base = paidBase({ paid, amount: e.amount });
    if (base.lt(live.refunded)) return invalidAmount(e.id, paid === null ? 'amount' : 'paid', `this would leave ${base.toString()} paid on deal ${live.id}, below the ${live.refunded} already refunded`);
  }
  return null;
}

/**
 * The live deal that holds a unit against this one, if the policy lets the
 * first deposit win (COL-SAME-UNIT).
 * @internal
 */
export function unitHolder(c: DealsCtx, e: EventOf<'closeDeal'>): Deal | null {
  if (c.p.sameUnit !== 'firstDeposit') return null;
  const holder = c.s.units.get(e.unit);
  if (holder === undefined || holder === e.deal) return null;
  const other = c.s.deals.get(holder);
  return other && isLive(other) ? other : null;
}

function stagesOf(c: DealsCtx, old: Deal | undefined, e: EventOf<'closeDeal'>): Pick<Deal, 'stage' | 'stages'> {
  const stages = [...(old?.stages ?? []), { stage: e.stage, at: c.tx.at, event: e.id }];
  const stage = old && stageRank(old.stage) > stageRank(e.stage) ? old.stage : e.stage;
  return { stage, stages };
}

function blank(e: EventOf<'closeDeal'>, client: string): Deal {
  return {
    id: e.deal,
    client,
    staff: e.staff,
    unit: e.unit,
    productType: e.productType ?? null,
    amount: e.amount,
    stage: e.stage,
    stages: [],
    refunded: '0',
    refundedShare: '0',
    paid: null,
    status: 'refused',
    refusal: null,
    invitedBy: e.invitedBy ?? null,
    invite: null,
    discountBy: e.discountBy ?? null,
    split: null,
    terms: null,
    credit: null,
    commission: null,
    bonus: null,
    counted: { base: null, red: null, green: null },
  };
}

/** A deal decision, under the terms of the deal's version (the version in force for a deal not yet closed). */
function dealDecision(c: DealsCtx, deal: Pick<Deal, 'client' | 'id' | 'staff' | 'stage' | 'terms'>, outcome: DealDecision['outcome'], cited: readonly RuleId[], evidence: readonly string[], args: Args): void {
  const { tx } = c;
  if (!tx.record) return;
  const d: DealDecision = { kind: 'deal', event: tx.id, at: tx.at, rules: cited, evidence, why: outcome, args, client: deal.client, deal: deal.id, staff: deal.staff, stage: deal.stage, outcome };
  tx.emit(d, versionOf(c, deal));
}

/**
 * Records a deal refused because another deal holds its unit (COL-SAME-UNIT).
 * @internal
 */
export function refuseDeal(c: DealsCtx, e: EventOf<'closeDeal'>, client: string, holder: Deal): void {
  const old = c.s.deals.get(e.deal);
  const holderAt = holder.stages[0]?.at ?? c.tx.at;
  const refusal = { rules: SAME_UNIT, holder: holder.id, holderAt, unit: e.unit };
  // A live deal that tries to move to a held unit keeps its own unit.
  const deal: Deal = old?.status === 'live' ? { ...old, refusal } : { ...(old ?? blank(e, client)), ...stagesOf(c, old, e), unit: e.unit, amount: e.amount, refusal };
  if (old?.status !== 'live') c.s.deals.set(c.tx, deal.id, deal);
  dealDecision(c, { client, id: e.deal, staff: e.staff, stage: e.stage, terms: null }, 'refused', SAME_UNIT, [holder.stages[0]?.event ?? holder.id], { unit: e.unit, holder: holder.id, holderAt });
}

/**
 * Records a deal reaching a stage (DEAL-STAGES) and lets it hold its unit
 * (COL-SAME-UNIT). `invite` is what is known of the inviter's invitation
 * (for a fixed bonus paid only on confirmed ones). Check {@link dealIssue}
 * and {@link unitHolder} first.
 * @internal
 */
export function recordDeal(c: DealsCtx, e: EventOf<'closeDeal'>, client: string, invite: Deal['invite'] = null): Deal {
  const { tx, s } = c;
  const found = s.deals.get(e.deal);
  const old = found?.status === 'live' ? found : undefined;
  const paid = e.paid === undefined ? (old?.paid ?? null) : money(old?.paid ?? 0).plus(e.paid).toString();
  const deal: Deal = {
    ...(old ?? blank(e, client)),
    ...stagesOf(c, old, e),
    unit: e.unit,
    productType: e.productType ?? old?.productType ?? null,
    amount: e.amount,
    paid,
    status: 'live',
    refusal: null,
    invitedBy: e.invitedBy ?? old?.invitedBy ?? null,
    invite: invite ?? old?.invite ?? null,
    discountBy: e.discountBy ?? old?.discountBy ?? null,
  };
  if (old && old.unit !== deal.unit && s.units.get(old.unit) === deal.id) s.units.delete(tx, old.unit);
  if (isLive(deal)) s.units.set(tx, deal.unit, deal.id);
  s.deals.set(tx, deal.id, deal);
  dealDecision(c, { client, id: e.deal, staff: e.staff, stage: e.stage, terms: deal.terms }, 'recorded', STAGES, [], { unit: e.unit, amount: e.amount });
  return deal;
}

/** Emits the decision of a deal's split. @internal */
export function allocationDecision(c: DealsCtx, deal: Deal, split: DealSplit): void {
  const { tx } = c;
  if (!tx.record) return;
  const many = split.credit.length > 1 || (split.commission?.length ?? 0) > 1;
  const d: AllocationDecision = {
    kind: 'allocation',
    event: tx.id,
    at: tx.at,
    rules: many ? joinRules(split.rules, EXACT) : split.rules,
    evidence: [split.event],
    why: split.why,
    args: split.args,
    client: deal.client,
    deal: deal.id,
    credit: fractions(split.credit),
    commission: split.commission === null ? null : fractions(split.commission),
  };
  tx.emit(d, versionOf(c, deal));
}

/** Syncs a deal's bookings under one cause and stores the deal, the months and the entries, under the deal's terms. @internal */
export function book(c: DealsCtx, deal: Deal, cause: Cause): void {
  const session = openSession(c, cause, versionOf(c, deal));
  const synced = syncDeal(session, deal);
  c.s.deals.set(c.tx, synced.id, synced);
  closeSession(session);
}

/**
 * After the deal is recorded and ownership has read it: at the first stage
 * the split is decided from the client's ownership (§G), and each stage
 * books what the policy says accrues there.
 * @internal
 */
export function bookDeal(c: DealsCtx, dealId: string, facts: () => DealFacts): void {
  let deal = c.s.deals.get(dealId) as Deal;
  if (deal.split === null) {
    const a = allocateDeal(facts(), c.p, c.cal, c.tx.at, circumstances(c, deal.client, c.tx.at));
    const split: DealSplit = { credit: a.credit, commission: a.commission, rules: a.rules, evidence: a.evidence, why: a.why, args: a.args, event: c.tx.id };
    // The deal keeps the version it closed under for good.
    deal = { ...deal, split, terms: { version: c.tx.version } };
    allocationDecision(c, deal, split);
  }
  book(c, deal, 'stage');
}

/** The marketing event an instant falls in, if any (DEAL-EVENT). */
function eventAt(events: readonly MarketingEvent[], at: number): MarketingEvent | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const ev = events[i] as MarketingEvent;
    if (ev.from <= at && at <= ev.to) return ev;
  }
  return null;
}

/** What the split reads of the deals slice itself; nothing (and no lookup) when no policy uses it. */
function circumstances(c: DealsCtx, client: string, at: number, p: DealsCtx['p'] = c.p): Circumstances {
  const s = p.splits;
  const event = s.marketingEvent !== null;
  if (!event && s.recognition === null && s.laterDesignation === null) return NO_CIRCUMSTANCES;
  return { recognition: c.s.recognitions.get(client) ?? null, event: event ? eventAt(c.s.events.value, at) : null };
}

/**
 * The issue that makes a recognition invalid, if any: it names a deal that
 * is unknown, refused, or another client's (`sameClient` compares client keys).
 * @internal
 */
export function recognitionIssue(c: DealsCtx, e: EventOf<'recognizeClient'>, client: string, sameClient: (a: string, b: string) => boolean): Issue | null {
  if (e.deal === undefined) return null;
  const deal = c.s.deals.get(e.deal);
  if (!deal) return { code: 'unknown_deal', path: ['deal'], event: e.id, message: `no deal "${e.deal}" to decide anew` };
  if (deal.status === 'refused' || deal.split === null) return { code: 'invalid_value', path: ['deal'], event: e.id, message: `deal ${deal.id} was refused: there is no split to decide anew` };
  if (!sameClient(deal.client, client)) return { code: 'invalid_value', path: ['deal'], event: e.id, message: `deal ${deal.id} belongs to client ${deal.client}, not to this one` };
  return null;
}

const sameShares = (a: readonly Share[] | null, b: readonly Share[] | null): boolean =>
  a === b || (a !== null && b !== null && a.length === b.length && a.every((x, i) => x.staff === b[i]?.staff && money(x.weight).eq(b[i]?.weight ?? '0')));

/**
 * A recognition fact (DEAL-RECOGNITION-WINDOW, DEAL-EVENT,
 * DEAL-LATER-DESIGNATION): kept as the client's last one, so that the next
 * deal's split reads it. With `deal`, that deal's split is decided anew as
 * of its close, with the finding; a negotiated split stays. Check
 * {@link recognitionIssue} first. `holder` is who holds the client now;
 * `facts` gives a deal's facts for its new split.
 * @internal
 */
export function recognize(c: DealsCtx, e: EventOf<'recognizeClient'>, client: string, holder: string | null, facts: (deal: Deal) => DealFacts): void {
  const { tx } = c;
  const during = e.during ?? 'reception';
  const fact: Recognition = { at: tx.at, during, by: e.by ?? null, follower: e.follower ?? null, event: tx.id };
  c.s.recognitions.set(tx, client, fact);
  let redecided: string | null = null;
  const deal = e.deal === undefined ? undefined : c.s.deals.get(e.deal);
  if (deal?.split && deal.split.why !== 'negotiated' && deal.status === 'live') {
    const closedAt = deal.stages[0]?.at ?? tx.at;
    // Decided anew as of its close, under the terms it closed under.
    const terms = termsOf(c, deal);
    const a = allocateDeal(facts(deal), terms, c.cal, closedAt, circumstances(c, deal.client, closedAt, terms));
    if (a.why !== deal.split.why || !sameShares(a.credit, deal.split.credit) || !sameShares(a.commission, deal.split.commission)) {
      const split: DealSplit = { credit: a.credit, commission: a.commission, rules: a.rules, evidence: a.evidence, why: a.why, args: a.args, event: tx.id };
      book(c, resplit(deal, split, terms), 'split');
      allocationDecision(c, deal, split);
      redecided = deal.id;
    }
  }
  if (!tx.record) return;
  const d: RecognitionDecision = { kind: 'recognition', event: tx.id, at: tx.at, rules: factRules(c.p.splits), evidence: [], why: during, args: undefined, client, during, by: fact.by, follower: fact.follower, holder, redecided };
  tx.emit(d);
}

const RECOGNITION = rules('DEAL-RECOGNITION-WINDOW');
const EVENT = rules('DEAL-EVENT');
const LATER = rules('DEAL-LATER-DESIGNATION');

/** The rules a recognition fact serves under a policy (DEAL-RECOGNITION-WINDOW when none is on). */
function factRules(s: DealsCtx['p']['splits']): readonly RuleId[] {
  let cited: readonly RuleId[] = s.recognition !== null || (s.marketingEvent === null && s.laterDesignation === null) ? RECOGNITION : NO_RULES;
  if (s.marketingEvent !== null) cited = joinRules(cited, EVENT);
  if (s.laterDesignation !== null) cited = joinRules(cited, LATER);
  return cited;
}

/**
 * A marketing event or launch on record (DEAL-EVENT): deals closed between
 * its start and its end follow the policy's event split.
 * @internal
 */
export function holdMarketingEvent(c: DealsCtx, e: EventOf<'holdMarketingEvent'>): void {
  const { tx } = c;
  const ev: MarketingEvent = { from: instantMs(e.from), to: instantMs(e.to), name: e.name ?? null, event: tx.id };
  const list = c.s.events.value;
  let i = list.length;
  while (i > 0 && (list[i - 1] as MarketingEvent).from > ev.from) i--;
  c.s.events.set(tx, [...list.slice(0, i), ev, ...list.slice(i)]);
  if (!tx.record) return;
  const d: MarketingEventDecision = { kind: 'marketingEvent', event: tx.id, at: tx.at, rules: EVENT, evidence: [], why: 'held', args: undefined, name: ev.name, from: ev.from, to: ev.to };
  tx.emit(d);
}

/**
 * The issue that makes a refund invalid, if any: an unknown or refused deal,
 * a deal already wholly refunded, a non-positive amount, or more than is
 * left of what was paid. A whole refund (no amount) of a deal that still
 * stands is always valid: it reverses all that stands, even when nothing is
 * left of what was paid.
 * @internal
 */
export function refundIssue(c: DealsCtx, e: EventOf<'refund'>): Issue | null {
  const deal = c.s.deals.get(e.deal);
  if (!deal) return { code: 'unknown_deal', path: ['deal'], event: e.id, message: `no deal "${e.deal}" to refund` };
  if (deal.status === 'refused') return { code: 'invalid_value', path: ['deal'], event: e.id, message: `deal ${deal.id} was refused (unit ${deal.refusal?.unit ?? deal.unit} is held by deal ${deal.refusal?.holder ?? 'another'}): nothing was paid to refund` };
  // Refunds that reversed all of it end a deal, even with money still paid (shares are measured against what was paid then).
  if (!isLive(deal)) return invalidAmount(e.id, 'amount', `deal ${deal.id} is already wholly refunded`);
  // A whole refund of a deal that still stands reverses what stands, even with nothing left of what was paid
  // (a stage that reported paid 0, an amount lowered to what was refunded).
  if (e.amount === undefined) return null;
  const left = paidBase(deal).minus(deal.refunded);
  const amount = money(e.amount);
  if (amount.lte(0)) return invalidAmount(e.id, 'amount', `a refund must be positive, got ${e.amount}`);
  if (amount.gt(left)) return invalidAmount(e.id, 'amount', `refund ${amount.toString()} is more than the ${left.toString()} paid and not yet refunded on deal ${deal.id}`);
  return null;
}

/**
 * A refund, full or partial (RFD-CLAWBACK): reversing entries against the
 * deal's snapshot (its split, rate and terms at close), the amount reversed
 * split among the parties by the size of their parts (each clawback of the
 * refund's sign, exact to the cent), then the months it
 * counted in are re-tiered or kept (policy). Check {@link refundIssue} first.
 * A deal refunded in full gives its unit back (COL-SAME-UNIT). Everything
 * is decided under the deal's terms (the version it closed under).
 * @returns the deal's client, whether the deal is now wholly refunded, and whether its terms send the client to the pool then (RFD-RESTORE)
 * @internal
 */
export function refund(c: DealsCtx, e: EventOf<'refund'>): { client: string; full: boolean; pool: boolean } {
  const { tx, s } = c;
  const before = s.deals.get(e.deal) as Deal;
  const base = paidBase(before);
  const amount = e.amount === undefined ? base.minus(before.refunded) : money(e.amount);
  const refunded = money(before.refunded).plus(amount);
  // The share is measured against what is paid now and kept: later payments do not shrink it (RFD-CLAWBACK). A full refund reverses all.
  const deal: Deal = { ...before, refunded: refunded.toString(), refundedShare: refunded.gte(base) ? '1' : addShare(before.refundedShare, amount, base) };
  const full = !isLive(deal);
  if (full && s.units.get(deal.unit) === deal.id) s.units.delete(tx, deal.unit);
  book(c, deal, 'refund');
  dealDecision(c, deal, 'refunded', CLAWBACK, [deal.stages[0]?.event ?? deal.id], { full, reason: e.reason ?? null, refunded: deal.refunded, paid: deal.paid ?? deal.amount, share: shown(deal.refundedShare) });
  return { client: deal.client, full, pool: termsOf(c, deal).afterRefund === 'pool' };
}

const toShares = (list: readonly { staff: string; share: string }[]): Share[] => list.map((x) => ({ staff: x.staff, weight: x.share }));

/**
 * Issues of a negotiated split: an unknown or refused deal, unknown staff, a
 * person listed twice, a share not above 0. Staff who left may still share.
 * @internal
 */
export function splitIssues(c: DealsCtx, e: EventOf<'splitDeal'>, known: (id: string) => boolean): Issue[] {
  const deal = c.s.deals.get(e.deal);
  if (!deal) return [{ code: 'unknown_deal', path: ['deal'], event: e.id, message: `no deal "${e.deal}" to split` }];
  if (deal.status === 'refused' || deal.split === null) return [{ code: 'invalid_value', path: ['deal'], event: e.id, message: `deal ${deal.id} was refused: there is nothing to split` }];
  const issues: Issue[] = [];
  const check = (id: string, path: Issue['path']) => {
    if (!known(id)) issues.push({ code: 'unknown_staff', path, event: e.id, message: `no staff member "${id}": add them with a changeStaff event first` });
  };
  if (e.by !== undefined) check(e.by, ['by']);
  for (const field of ['commission', 'credit'] as const) {
    const seen = new Set<string>();
    for (const [i, share] of (e[field] ?? []).entries()) {
      const path = [field, i];
      check(share.staff, [...path, 'staff']);
      if (seen.has(share.staff)) issues.push({ code: 'invalid_value', path: [...path, 'staff'], event: e.id, message: `${share.staff} is listed twice in the ${field} split` });
      if (money(share.share).lte(0)) issues.push({ code: 'invalid_amount', path: [...path, 'share'], event: e.id, message: `a share must be above 0, got ${share.share}` });
      seen.add(share.staff);
    }
  }
  return issues;
}

/**
 * A negotiated split of a deal (000 §2 and §9: "commission negotiated"). It
 * replaces the deal's commission (and, if given, credit) shares; what was
 * already booked moves to the new split as adjustments (COM-SPLIT-EXACT).
 * Check {@link splitIssues} first.
 * @returns the deal's client
 * @internal
 */
export function splitDeal(c: DealsCtx, e: EventOf<'splitDeal'>): string {
  const deal = c.s.deals.get(e.deal) as Deal;
  const old = deal.split as DealSplit;
  const split: DealSplit = {
    credit: e.credit ? toShares(e.credit) : old.credit,
    commission: e.commission ? toShares(e.commission) : old.commission,
    rules: e.rules ?? old.rules,
    evidence: [],
    why: 'negotiated',
    args: { by: e.by ?? null },
    event: e.id,
  };
  book(c, resplit(deal, split, termsOf(c, deal)), 'split');
  allocationDecision(c, deal, split);
  return deal.client;
}

/**
 * The issues of targets: a negative target.
 * @internal
 */
export function targetIssues(e: EventOf<'setTargets'>): Issue[] {
  const issues: Issue[] = [];
  for (const line of ['red', 'green'] as const) {
    const target = e[line];
    if (target !== undefined && target !== null && money(target).lt(0)) issues.push({ code: 'invalid_amount', path: [line], event: e.id, message: `a target cannot be negative, got ${target}` });
  }
  return issues;
}

/**
 * A salesperson's monthly red and green targets (COM-RATE-TIERS). Setting
 * them after deals re-tiers the month: the difference is booked as an
 * adjustment.
 * @internal
 */
export function setTargets(c: DealsCtx, e: EventOf<'setTargets'>): void {
  const session = openSession(c, 'targets');
  retarget(session, e.staff, e.month, e.red, e.green);
  closeSession(session);
}
