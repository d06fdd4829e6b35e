/**
 * The commission ledger (RULES §G, §H): append-only accrual, clawback and
 * adjustment entries of credit, commission and fixed bonuses, exact to the
 * cent.
 *
 * How it stays right: a deal's bookings follow a target derived from its
 * snapshot at close (split, rate, terms) and what of it still stands; every
 * event posts the difference between target and what is booked. A month's
 * tier (COM-RATE-TIERS) is kept the same way: each salesperson's month has a
 * figure (base, red and green lines, targets), and the commission booked for
 * it always equals the tier formula of that figure; re-tiering posts the
 * difference as a month-level adjustment. Refunds reverse at the deal's own
 * rate, then re-tier the month or keep it (policy). What stands of each
 * party's part after refunds is its part of the whole less its part of what
 * the refunds reversed (see `standing`), so a refund never moves a cent
 * toward a party (RFD-CLAWBACK).
 * @internal
 */
import type { Ctx } from '../kernel/context.js';
import { joinRules, rules, type Args } from '../kernel/decision.js';
import { stampVersion } from '../kernel/draft.js';
import { append, ownEntry } from '../kernel/list.js';
import { cents, money, type Amount } from '../kernel/money.js';
import type { RuleId } from '../kernel/rules.js';
import type { Calendar } from '../kernel/time.js';
import { stageRank, type DealStage } from '../events/common.js';
import type { LedgerEntry } from './decisions.js';
import type { CommissionPolicy, DealsPolicy } from './policy.js';
import { allocate, normalizeShares, standing, toCents, ZERO, type Rounding, type Share } from './split.js';
import type { Booking, Counted, Deal, DealSplit, DealsState, Part, Tally } from './state.js';

/**
 * The deals family's context: the deals section of the version in force
 * (`p`), and the deals section of every version by index (`terms`), since a
 * deal keeps the terms of the version it closed under. @internal
 */
export interface DealsCtx extends Ctx<DealsPolicy, DealsState> {
  readonly terms: readonly DealsPolicy[];
}

/** The deals section a deal closed under (the version in force for a deal not yet closed). @internal */
export function termsOf(c: DealsCtx, deal: Pick<Deal, 'terms'>): DealsPolicy {
  return deal.terms === null ? c.p : (c.terms[deal.terms.version] ?? c.p);
}

/** The version index of a deal's terms (the version in force for a deal not yet closed). @internal */
export function versionOf(c: DealsCtx, deal: Pick<Deal, 'terms'>): number {
  return deal.terms === null ? c.tx.version : deal.terms.version;
}

/** A refunded share for display: up to 6 decimals. @internal */
export function shown(share: string): string {
  return money(share).toDecimalPlaces(6).toString();
}

/** The money a refund is measured against when it is made: what was paid by then, or the amount when no stage reported a payment. @internal */
export function paidBase(deal: Pick<Deal, 'paid' | 'amount'>): Amount {
  return money(deal.paid ?? deal.amount);
}

/** What moved the ledger: a deal stage, a refund, a negotiated split, or targets. */
export type Cause = 'stage' | 'refund' | 'split' | 'targets';

/** The month (YYYY-MM) of an instant in the office's zone. @internal */
export function monthOf(cal: Calendar, ms: number): string {
  return cal.dayIso(cal.dayOf(ms)).slice(0, 7);
}

/** The key of a salesperson's month (the month first: it has a fixed width). @internal */
export function tallyKey(staff: string, period: string): string {
  return `${period} ${staff}`;
}

function emptyTally(staff: string, period: string, version: number): Tally {
  return { staff, period, base: '0.00', red: '0.00', green: '0.00', redTarget: null, greenTarget: null, booked: '0.00', waived: '0.00', version };
}

/**
 * Where a month stands against its targets (COM-RATE-TIERS): which lines are
 * met, the tier, and the part of the base above both targets.
 *
 * @example
 * ```ts
 * // { redMet: true, greenMet: false, tier: 'one', excess: '0.00' }
 * ```
 */
export interface Standing {
  readonly redMet: boolean;
  readonly greenMet: boolean;
  readonly tier: 'neither' | 'one' | 'both' | 'above';
  readonly excess: string;
}

/**
 * A month's standing (COM-RATE-TIERS). A line without a target is not met.
 * Both lines exceeded, the excess is the amount `excessBase` names (the red
 * or green line above its target, or the smaller of the two), never more
 * than the month's base.
 * @internal
 */
export function standingOf(t: Tally, excessBase: CommissionPolicy['excessBase'] = 'smaller'): Standing {
  const redMet = t.redTarget !== null && money(t.red).gte(t.redTarget);
  const greenMet = t.greenTarget !== null && money(t.green).gte(t.greenTarget);
  if (!redMet || !greenMet) return { redMet, greenMet, tier: redMet || greenMet ? 'one' : 'neither', excess: '0.00' };
  const over = money(t.red).minus(t.redTarget ?? 0);
  const overGreen = money(t.green).minus(t.greenTarget ?? 0);
  // 超额完成 needs both lines above target; the policy says which excess is paid at the higher rate.
  if (over.lte(0) || overGreen.lte(0)) return { redMet, greenMet, tier: 'both', excess: '0.00' };
  const excess = excessBase === 'red' ? over : excessBase === 'green' ? overGreen : over.lt(overGreen) ? over : overGreen;
  const base = money(t.base);
  return { redMet, greenMet, tier: 'above', excess: cents(excess.lt(base) ? excess : base) };
}

/**
 * The commission a month earns by its tier (COM-RATE-TIERS): the base at the
 * tier's rate; above both targets, the excess (marginal) or the whole base
 * (whole) at the higher rate. Rates are per mille.
 * @internal
 */
export function monthCommission(t: Tally, policy: CommissionPolicy): Amount {
  const base = money(t.base);
  if (base.lte(0)) return ZERO;
  const s = standingOf(t, policy.excessBase);
  const r = policy.rates;
  let value: Amount;
  if (s.tier === 'above') {
    value = policy.excess === 'whole' ? base.times(r.above) : base.minus(s.excess).times(r.both).plus(money(s.excess).times(r.above));
  } else {
    value = base.times(s.tier === 'both' ? r.both : s.tier === 'one' ? r.one : r.neither);
  }
  return toCents(value.div(1000), policy.rounding);
}

/**
 * The ledger work of one event: the months it touched and the entries it
 * posts. Open it, sync deals or set targets, then close it.
 * @internal
 */
export interface Session {
  readonly c: DealsCtx;
  readonly cause: Cause;
  /** The version whose terms the session books under: the deal's, or the one in force for targets. */
  readonly version: number;
  /** That version's deals section. */
  readonly policy: DealsPolicy;
  readonly tallies: Map<string, Tally>;
  readonly entries: LedgerEntry[];
}

/**
 * Starts the ledger work of an event, under the terms of a version: the
 * deal's for its stages, refunds and splits, the one in force for targets.
 * @internal
 */
export function openSession(c: DealsCtx, cause: Cause, version: number = c.tx.version): Session {
  return { c, cause, version, policy: c.terms[version] ?? c.p, tallies: new Map(), entries: [] };
}

function tallyOf(s: Session, staff: string, period: string): Tally {
  const key = tallyKey(staff, period);
  return s.tallies.get(key) ?? s.c.s.tallies.get(key) ?? emptyTally(staff, period, s.version);
}

function putTally(s: Session, t: Tally): void {
  s.tallies.set(tallyKey(t.staff, t.period), t);
}

/**
 * Moves a month's figure. A month is tiered under the newest terms of the
 * deals that count in it: a deal of a later version moves the month to it.
 */
function bump(s: Session, staff: string, period: string, field: 'base' | 'red' | 'green' | 'booked' | 'waived', delta: Amount): void {
  if (delta.isZero()) return;
  const t = tallyOf(s, staff, period);
  putTally(s, { ...t, [field]: cents(money(t[field]).plus(delta)), version: t.version < s.version ? s.version : t.version });
}

type Body = Omit<LedgerEntry, 'kind' | 'event' | 'at' | 'rules' | 'evidence' | 'why' | 'args' | 'id'>;

/** Posts an entry, noting the version whose terms it was computed under (see stampVersion). */
function post(s: Session, body: Body, cited: readonly RuleId[], evidence: readonly string[], why: string, args: Args, version: number = s.version): void {
  const { tx } = s.c;
  const entry: LedgerEntry = { kind: 'ledger', event: tx.id, at: tx.at, rules: cited, evidence, why, args, id: `${tx.id}#${s.entries.length + 1}`, ...body };
  stampVersion(entry, version);
  s.entries.push(entry);
}

const RETIER = rules('COM-RATE-TIERS');
const RETIER_REFUND = rules('COM-RATE-TIERS', 'RFD-CLAWBACK');

/**
 * Re-tiers every month the event touched (COM-RATE-TIERS) and stores the
 * months and the entries. Returns the slice and the entries posted.
 * @internal
 */
export function closeSession(s: Session): LedgerEntry[] {
  const { c } = s;
  const month = monthOf(c.cal, c.tx.at);
  for (const t of [...s.tallies.values()]) {
    // A month is re-tiered under its own terms, never today's.
    const policy = (c.terms[t.version] ?? c.p).commission;
    const due = monthCommission(t, policy).plus(t.waived);
    const adjustment = due.minus(t.booked);
    if (adjustment.isZero()) continue;
    const st = standingOf(t, policy.excessBase);
    const args: Args = { red: t.red, redTarget: t.redTarget, green: t.green, greenTarget: t.greenTarget, tier: st.tier, due: cents(monthCommission(t, policy)) };
    post(s, { entry: 'adjustment', account: 'commission', staff: t.staff, deal: null, client: null, month, period: t.period, amount: cents(adjustment), rate: null }, s.cause === 'refund' ? RETIER_REFUND : RETIER, [], 'retier', args, t.version);
    putTally(s, { ...t, booked: cents(money(t.booked).plus(adjustment)) });
  }
  for (const [key, t] of s.tallies) c.s.tallies.set(c.tx, key, t);
  const at = String(c.tx.at).padStart(15, '0');
  s.entries.forEach((e, i) => {
    c.s.ledger.set(c.tx, `${at} ${c.tx.id} ${String(i + 1).padStart(5, '0')}`, e);
    c.tx.emit(e, e.version ?? 0);
  });
  return s.entries;
}

/** When a deal first reached a stage at or beyond `from`, if it has. */
function reached(deal: Deal, from: DealStage): { at: number; event: string } | undefined {
  return deal.stages.find((x) => stageRank(x.stage) >= stageRank(from));
}

/**
 * What of an amount still stands after refunds: the amount less the deal's
 * refunded share, fixed at each refund (RFD-CLAWBACK), so later payments
 * move nothing already clawed back.
 */
function remaining(deal: Deal, value: Amount, rounding: Rounding): Amount {
  const share = money(deal.refundedShare);
  if (share.isZero()) return value;
  // The share keeps 40 decimals, so the product is off by under 10^-24: snapped to 20, a result on a half cent rounds as the exact one.
  const left = toCents(value.minus(value.times(share).toDecimalPlaces(20)), rounding);
  return left.isNegative() ? ZERO : left;
}

/** Moves a counted figure to new parts, updating the months it counts in. */
function recount(s: Session, old: Counted, parts: Map<string, Amount>, field: 'base' | 'red' | 'green'): Counted {
  const before = new Map(old.parts.map((p) => [p.staff, money(p.amount)]));
  for (const staff of new Set([...before.keys(), ...parts.keys()])) {
    bump(s, staff, old.period, field, (parts.get(staff) ?? ZERO).minus(before.get(staff) ?? ZERO));
  }
  return { period: old.period, parts: [...parts].map(([staff, amount]) => ({ staff, amount: cents(amount) })) };
}

function kindOf(s: Session, first: boolean): LedgerEntry['entry'] {
  return first ? 'accrual' : s.cause === 'refund' ? 'clawback' : 'adjustment';
}

const CLAWBACK = rules('RFD-CLAWBACK');
const EXACT = rules('COM-SPLIT-EXACT');
const STAGES = rules('DEAL-STAGES');

function rulesOf(s: Session, first: boolean, own: readonly RuleId[]): readonly RuleId[] {
  if (first) return own;
  return s.cause === 'refund' ? CLAWBACK : s.cause === 'split' ? joinRules(EXACT, own) : joinRules(STAGES, own);
}

function why(s: Session, deal: Deal, first: boolean): { why: string; args: Args } {
  if (first) return { why: 'accrual', args: { stage: deal.stage } };
  if (s.cause === 'refund') return { why: 'refund', args: { refunded: deal.refunded, share: shown(deal.refundedShare) } };
  if (s.cause === 'split') return { why: 'split', args: {} };
  return { why: 'amount', args: { amount: deal.amount } };
}

/** Posts the difference between each part's target and what stands booked. */
function settleParts(s: Session, deal: Deal, booking: Booking, targets: ReadonlyMap<string, Amount>, account: LedgerEntry['account'], first: boolean, own: readonly RuleId[], evidence: readonly string[]): Part[] {
  return booking.parts.map((p) => {
    const target = targets.get(p.staff) ?? ZERO;
    const delta = target.minus(p.net);
    if (delta.isZero()) return p;
    const rate = first && account === 'commission' && money(p.base).gt(0) ? money(p.accrued).div(p.base).times(1000).toDecimalPlaces(4).toString() : null;
    const w = why(s, deal, first);
    post(s, { entry: kindOf(s, first), account, staff: p.staff, deal: deal.id, client: deal.client, month: monthOf(s.c.cal, s.c.tx.at), period: booking.period, amount: cents(delta), rate }, rulesOf(s, first, own), evidence, w.why, w.args);
    if (account === 'commission') bump(s, p.staff, booking.period, 'booked', delta);
    return { ...p, net: cents(target) };
  });
}

function newBooking(s: Session, at: number, total: Amount, parts: Part[]): Booking {
  return { period: monthOf(s.c.cal, at), event: s.c.tx.id, total: cents(total), parts };
}

function freshParts(amounts: ReadonlyMap<string, Amount>): Part[] {
  return [...amounts].map(([staff, base]) => ({ staff, base: cents(base), accrued: cents(base), net: '0.00', waived: '0.00' }));
}

function splitRules(split: DealSplit, own: readonly RuleId[]): readonly RuleId[] {
  const many = split.credit.length > 1 || (split.commission?.length ?? 0) > 1;
  const cited = joinRules(own, split.rules);
  return many ? joinRules(cited, EXACT) : cited;
}

const STAGE_TIERS = rules('DEAL-STAGES', 'COM-RATE-TIERS');
const BONUS = rules('COM-FIXED-BONUS');

/**
 * Brings a deal's bookings in line with its stage, amount, refunds and
 * split: red and green lines, credit, commission and fixed bonus.
 * @internal
 */
export function syncDeal(s: Session, deal: Deal): Deal {
  const { split } = deal;
  if (deal.status !== 'live' || split === null || deal.terms === null) return deal;
  const policy = s.policy;
  const terms = policy.commission;
  const evidence = [deal.stages[0]?.event ?? deal.id, split.event];
  const amount = toCents(money(deal.amount), terms.rounding);
  const live = remaining(deal, amount, terms.rounding);
  const counted = terms.retierOnRefund === 'keep' ? amount : live;
  let next = deal;

  // Red and green lines count the credited parties' shares (COM-RATE-TIERS).
  for (const line of ['red', 'green'] as const) {
    const hit = reached(deal, line === 'red' ? policy.commission.redLineFrom : policy.commission.greenLineFrom);
    if (!hit) continue;
    const old = next.counted[line] ?? { period: monthOf(s.c.cal, hit.at), parts: [] };
    next = { ...next, counted: { ...next.counted, [line]: recount(s, old, standing(amount, counted, split.credit, terms.remainder), line) } };
  }

  const creditAt = reached(deal, policy.creditAt);
  if (creditAt) {
    // What stands of each part: the whole split less the split of what refunds reversed (RFD-CLAWBACK), never a cent toward a party.
    const targets = standing(amount, live, split.credit, terms.remainder);
    const first = next.credit === null;
    const booking = next.credit ?? newBooking(s, creditAt.at, live, freshParts(targets));
    next = { ...next, credit: { ...booking, parts: settleParts(s, next, booking, targets, 'credit', first, splitRules(split, STAGES), evidence) } };
  }

  const commissionAt = reached(deal, policy.commissionAt);
  if (commissionAt) {
    // A split whose commission waits for a splitDeal keeps what was booked under the split before it: a refund still claws it back (RFD-CLAWBACK).
    const shares = split.commission ?? (next.commission === null ? null : bookedShares(next.commission.parts));
    if (shares !== null) next = syncCommission(s, next, shares, commissionAt.at, { amount, live, counted }, evidence);
    next = syncBonus(s, next, split.commission, commissionAt.at, evidence);
  }
  return next;
}

/** The shares a booking was made under, from its parts' bases; null when it based nothing. */
function bookedShares(parts: readonly Part[]): Share[] | null {
  const shares = normalizeShares(parts.map((p) => ({ staff: p.staff, weight: p.base })));
  return shares.length === 0 ? null : shares;
}

function syncCommission(s: Session, deal: Deal, shares: readonly Share[], at: number, sums: { amount: Amount; live: Amount; counted: Amount }, evidence: readonly string[]): Deal {
  const terms = s.policy.commission;
  const policy = terms;
  const first = deal.commission === null;
  let booking = deal.commission;
  if (booking === null) {
    // Each party's commission at the rate of their month as it stands with this deal (its marginal share).
    const period = monthOf(s.c.cal, at);
    const parts = [...standing(sums.amount, sums.live, shares, terms.remainder)].map(([staff, base]): Part => {
      const t = tallyOf(s, staff, period);
      const accrued = monthCommission({ ...t, base: cents(money(t.base).plus(base)) }, policy).minus(monthCommission(t, policy));
      return { staff, base: cents(base), accrued: cents(accrued), net: '0.00', waived: '0.00' };
    });
    booking = newBooking(s, at, sums.live, parts);
  }
  const liveBase = standing(sums.amount, sums.live, shares, terms.remainder);
  const fullBase = allocate(sums.amount, shares, terms.remainder);
  const atRate = (p: Part, base: Amount | undefined) => (money(p.base).isZero() || base === undefined ? ZERO : toCents(money(p.accrued).times(base).div(p.base), terms.rounding));
  const targets = new Map(booking.parts.map((p) => [p.staff, atRate(p, liveBase.get(p.staff))]));
  const parts = settleParts(s, deal, booking, targets, 'commission', first, splitRules(deal.split as DealSplit, STAGE_TIERS), evidence).map((p) => {
    // With tiers kept after refunds, what refunds took back is not re-tiered (RFD-CLAWBACK).
    const waived = terms.retierOnRefund === 'keep' ? money(p.net).minus(atRate(p, fullBase.get(p.staff))) : ZERO;
    bump(s, p.staff, booking.period, 'waived', waived.minus(p.waived));
    return { ...p, waived: cents(waived) };
  });
  const base = recount(s, deal.counted.base ?? { period: booking.period, parts: [] }, standing(sums.amount, sums.counted, shares, terms.remainder), 'base');
  return { ...deal, commission: { ...booking, parts }, counted: { ...deal.counted, base } };
}

/** The fixed bonus of a deal (COM-FIXED-BONUS): to the inviter, or split like the commission (once it is known). */
function syncBonus(s: Session, deal: Deal, shares: readonly Share[] | null, at: number, evidence: readonly string[]): Deal {
  const terms = s.policy.commission;
  const policy = s.policy.bonus;
  let booking = deal.bonus;
  const first = booking === null;
  if (booking === null) {
    const amount = deal.productType === null ? undefined : ownEntry(policy.byProductType, deal.productType);
    const to: readonly Share[] = policy.to === 'inviter' ? (deal.invitedBy === null ? [] : [{ staff: deal.invitedBy, weight: '1' }]) : (shares ?? []);
    // The policy may name sub-cent bonuses: rounded to the cent its way before anything is paid or split (COM-SPLIT-EXACT).
    const total = amount === undefined ? ZERO : toCents(money(amount), terms.rounding);
    if (total.lte(0) || to.length === 0) return deal;
    // 001: only a confirmed invited visit earns the inviter the bonus.
    if (policy.to === 'inviter' && policy.confirmedOnly && deal.invite?.confirmed !== true) return deal;
    booking = newBooking(s, at, total, freshParts(allocate(total, to, terms.remainder)));
  }
  const weights = booking.parts.map((p) => ({ staff: p.staff, weight: p.base }));
  const total = money(booking.total);
  const targets = standing(total, remaining(deal, total, terms.rounding), weights.filter((w) => money(w.weight).gt(0)), terms.remainder);
  const confirmed = policy.to === 'inviter' && policy.confirmedOnly && deal.invite !== null;
  const cited = confirmed ? joinRules(BONUS, deal.invite?.rules ?? []) : BONUS;
  const parts = settleParts(s, deal, booking, targets, 'bonus', first, cited, confirmed ? append(evidence, deal.invite?.event ?? '') : evidence);
  return { ...deal, bonus: { ...booking, parts } };
}

/**
 * Moves a deal's bookings to a negotiated split: each booking keeps its
 * total and is divided anew; parties left out keep a part of zero, so the
 * next sync reverses what they had (COM-SPLIT-EXACT).
 * @internal
 */
export function resplit(deal: Deal, split: DealSplit, p: DealsPolicy): Deal {
  const terms = p.commission;
  const divide = (booking: Booking | null, shares: readonly Share[] | null): Booking | null => {
    if (booking === null || shares === null) return booking;
    const bases = allocate(money(booking.total), shares, terms.remainder);
    const accrued = allocate(booking.parts.reduce((sum, p) => sum.plus(p.accrued), ZERO), shares, terms.remainder);
    const old = new Map(booking.parts.map((p) => [p.staff, p]));
    const staff = [...bases.keys(), ...booking.parts.map((p) => p.staff).filter((x) => !bases.has(x))];
    const parts = staff.map((id): Part => ({ staff: id, base: cents(bases.get(id) ?? ZERO), accrued: cents(accrued.get(id) ?? ZERO), net: old.get(id)?.net ?? '0.00', waived: old.get(id)?.waived ?? '0.00' }));
    return { ...booking, parts };
  };
  const bonusShares = p.bonus.to === 'commission' ? split.commission : null;
  return { ...deal, split, credit: divide(deal.credit, split.credit), commission: divide(deal.commission, split.commission), bonus: divide(deal.bonus, bonusShares) };
}

/**
 * Sets a salesperson's targets for a month (COM-RATE-TIERS); closing the
 * session re-tiers the month. `undefined` keeps a target, `null` clears it.
 * @internal
 */
export function retarget(s: Session, staff: string, period: string, red: string | null | undefined, green: string | null | undefined): void {
  const t = tallyOf(s, staff, period);
  putTally(s, { ...t, redTarget: red === undefined ? t.redTarget : red, greenTarget: green === undefined ? t.greenTarget : green });
}
