/**
 * Read-only views of deals, credit and the commission ledger, for reports,
 * payroll and notebooks (RULES §G, §H). Amounts are decimal strings with two
 * decimals; months are `YYYY-MM` in the office's time zone.
 */
import type { Wording } from '../kernel/decision.js';
import { sortedEntries, values } from '../kernel/map.js';
import { cents, money, type Amount } from '../kernel/money.js';
import type { RuleId } from '../kernel/rules.js';
import type { DealStage } from '../events/common.js';
import { isLive } from './deals.js';
import { splitWords, type LedgerEntry } from './decisions.js';
import { monthCommission, standingOf, type Standing } from './ledger.js';
import type { DealsPolicy } from './policy.js';
import { fractions, ZERO } from './split.js';
import type { Booking, Deal, DealsState } from './state.js';

/** What the views need besides the deals slice: staff names and sentences. @internal */
export interface DealsReader {
  readonly deals: DealsState;
  /** The deals section of every policy version, by index (a month is tiered under its own). */
  readonly terms: readonly DealsPolicy[];
  /** A staff member's name, or null. */
  name(id: string): string | null;
  readonly wording: Wording;
}

/** The commission terms a month is tiered under. */
function termsOf(r: DealsReader, t: { readonly version: number }): DealsPolicy['commission'] {
  return (r.terms[t.version] ?? (r.terms[0] as DealsPolicy)).commission;
}

/**
 * Which entries or months a view returns. Every field narrows; none: all.
 *
 * @example
 * ```ts
 * commissionLedger(state, { staff: 'S01', month: '2026-11' });
 * ```
 */
export interface LedgerQuery {
  /** One salesperson. */
  readonly staff?: string;
  /** One month, `YYYY-MM` (the month an entry is booked in). */
  readonly month?: string;
  /** One deal (ledger entries only). */
  readonly deal?: string;
  /** One account (ledger entries only). */
  readonly account?: LedgerEntry['account'];
}


/**
 * The ledger's entries in order (time, then event), each with its trace:
 * accruals, clawbacks and adjustments of credit, commission and fixed
 * bonuses (RFD-CLAWBACK, COM-RATE-TIERS, COM-FIXED-BONUS). History is never
 * edited: a refund or a re-tiering adds entries.
 *
 * @param state - the office state
 * @param query - staff, month, deal or account to narrow to
 * @returns the entries
 * @example
 * ```ts
 * const entries = ledgerEntries(state, { deal: 'D1' }); // accruals, clawbacks, adjustments with their traces
 * ```
 */
export function ledgerEntries(r: DealsReader, query: LedgerQuery = {}): LedgerEntry[] {
  return sortedEntries(r.deals.ledger)
    .map(([, e]) => e)
    .filter((e) => (query.staff === undefined || e.staff === query.staff) && (query.month === undefined || e.month === query.month) && (query.deal === undefined || e.deal === query.deal) && (query.account === undefined || e.account === query.account));
}

/**
 * One salesperson's commission for one month, as payroll sees it: what was
 * booked that month (commission and fixed bonuses), the negative balance
 * carried in from earlier months, what is payable and what carries forward
 * (RFD-CLAWBACK: a negative balance carries forward).
 *
 * @example
 * ```ts
 * // { staff: 'S01', staffName: '李娜', month: '2026-12', opening: '-300.00', accrued: '1800.00', clawedBack: '0.00',
 * //   adjusted: '0.00', commission: '1800.00', bonus: '0.00', net: '1800.00', closing: '1500.00', payable: '1500.00', carried: '0.00' }
 * ```
 */
export interface CommissionMonth {
  readonly staff: string;
  readonly staffName: string | null;
  readonly month: string;
  /** A negative balance carried in from the months before (0 or less). */
  readonly opening: string;
  readonly accrued: string;
  readonly clawedBack: string;
  readonly adjusted: string;
  /** The month's net, commission part. */
  readonly commission: string;
  /** The month's net, fixed bonus part (COM-FIXED-BONUS). */
  readonly bonus: string;
  /** Everything booked this month: accrued + clawedBack + adjusted = commission + bonus. */
  readonly net: string;
  /** opening + net. */
  readonly closing: string;
  /** What to pay: the closing balance when positive. */
  readonly payable: string;
  /** What carries forward: the closing balance when negative. */
  readonly carried: string;
}

function byStaffAndMonth(r: DealsReader, accounts: readonly LedgerEntry['account'][]): Map<string, Map<string, LedgerEntry[]>> {
  const out = new Map<string, Map<string, LedgerEntry[]>>();
  for (const [, e] of sortedEntries(r.deals.ledger)) {
    if (!accounts.includes(e.account)) continue;
    const months = out.get(e.staff) ?? new Map<string, LedgerEntry[]>();
    months.set(e.month, [...(months.get(e.month) ?? []), e]);
    out.set(e.staff, months);
  }
  return out;
}

const sum = (entries: readonly LedgerEntry[], where: (e: LedgerEntry) => boolean = () => true): Amount => entries.filter(where).reduce((a, e) => a.plus(e.amount), ZERO);

/**
 * The commission ledger per salesperson and month (commission and fixed
 * bonuses), with negative balances carried forward (RFD-CLAWBACK). The rows
 * add up to the ledger: per person and for the office, the sum of `net` is
 * the sum of the entries.
 *
 * @param state - the office state
 * @param query - a salesperson and/or a month
 * @returns one row per salesperson and month with entries, by staff id then month
 * @example
 * ```ts
 * const payroll = commissionLedger(state, { month: '2026-11' }).map((r) => [r.staffName, r.payable, r.carried]);
 * ```
 */
export function commissionLedger(r: DealsReader, query: Pick<LedgerQuery, 'staff' | 'month'> = {}): CommissionMonth[] {
  const rows: CommissionMonth[] = [];
  const grouped = byStaffAndMonth(r, ['commission', 'bonus']);
  for (const staff of [...grouped.keys()].sort()) {
    if (query.staff !== undefined && staff !== query.staff) continue;
    let carried = ZERO;
    const months = grouped.get(staff) as Map<string, LedgerEntry[]>;
    for (const month of [...months.keys()].sort()) {
      const entries = months.get(month) as LedgerEntry[];
      const net = sum(entries);
      const opening = carried;
      const closing = opening.plus(net);
      carried = closing.isNegative() ? closing : ZERO;
      if (query.month !== undefined && month !== query.month) continue;
      rows.push({
        staff,
        staffName: r.name(staff),
        month,
        opening: cents(opening),
        accrued: cents(sum(entries, (e) => e.entry === 'accrual')),
        clawedBack: cents(sum(entries, (e) => e.entry === 'clawback')),
        adjusted: cents(sum(entries, (e) => e.entry === 'adjustment')),
        commission: cents(sum(entries, (e) => e.account === 'commission')),
        bonus: cents(sum(entries, (e) => e.account === 'bonus')),
        net: cents(net),
        closing: cents(closing),
        payable: cents(closing.isNegative() ? ZERO : closing),
        carried: cents(carried),
      });
    }
  }
  return rows;
}

/**
 * One salesperson's performance credit (业绩) booked in one month: the deal
 * amounts credited to them, less reversals.
 *
 * @example
 * ```ts
 * // { staff: 'S01', staffName: '李娜', month: '2026-11', accrued: '1500000.00', reversed: '-500000.00', adjusted: '0.00',
 * //   amount: '1000000.00', deals: ['D1', 'D2'] }
 * ```
 */
export interface CreditMonth {
  readonly staff: string;
  readonly staffName: string | null;
  readonly month: string;
  readonly accrued: string;
  readonly reversed: string;
  readonly adjusted: string;
  /** accrued + reversed + adjusted. */
  readonly amount: string;
  /** The deals behind the entries. */
  readonly deals: readonly string[];
}

/**
 * Performance credit (业绩) per salesperson and month, for rankings and
 * targets. Credit is separate from commission: a deal's credit split may
 * differ from its commission split (DEAL-ABSENT-OWNER, DEAL-COOPERATION).
 *
 * @param state - the office state
 * @param query - a salesperson and/or a month
 * @returns one row per salesperson and month with credit entries
 * @example
 * ```ts
 * credits(state, { month: '2026-11' }).sort((a, b) => Number(b.amount) - Number(a.amount));
 * ```
 */
export function credits(r: DealsReader, query: Pick<LedgerQuery, 'staff' | 'month'> = {}): CreditMonth[] {
  const rows: CreditMonth[] = [];
  const grouped = byStaffAndMonth(r, ['credit']);
  for (const staff of [...grouped.keys()].sort()) {
    if (query.staff !== undefined && staff !== query.staff) continue;
    const months = grouped.get(staff) as Map<string, LedgerEntry[]>;
    for (const month of [...months.keys()].sort()) {
      if (query.month !== undefined && month !== query.month) continue;
      const entries = months.get(month) as LedgerEntry[];
      rows.push({
        staff,
        staffName: r.name(staff),
        month,
        accrued: cents(sum(entries, (e) => e.entry === 'accrual')),
        reversed: cents(sum(entries, (e) => e.entry === 'clawback')),
        adjusted: cents(sum(entries, (e) => e.entry === 'adjustment')),
        amount: cents(sum(entries)),
        deals: [...new Set(entries.flatMap((e) => (e.deal === null ? [] : [e.deal])))],
      });
    }
  }
  return rows;
}

/**
 * A salesperson's month against the red and green lines (COM-RATE-TIERS):
 * the commission base, the two lines' attainment and targets, the tier, and
 * the commission the tier gives.
 *
 * @example
 * ```ts
 * // { staff: 'S01', staffName: '李娜', month: '2026-11', base: '3200000.00', red: '3200000.00', green: '2100000.00',
 * //   redTarget: '3000000', greenTarget: '2000000', redMet: true, greenMet: true, tier: 'above', excess: '100000.00',
 * //   commission: '7380.00' }
 * ```
 */
export interface AttainmentRow extends Standing {
  readonly staff: string;
  readonly staffName: string | null;
  readonly month: string;
  readonly base: string;
  readonly red: string;
  readonly green: string;
  readonly redTarget: string | null;
  readonly greenTarget: string | null;
  /** The month's commission by its tier formula. The ledger books exactly this for the month, except under `retierOnRefund: 'keep'`, where it books this less what refunds took back (the month keeps its tier, the refunded deals' commission is still clawed back). */
  readonly commission: string;
}

/**
 * Red and green line attainment per salesperson and month (COM-RATE-TIERS),
 * for payroll and for grades and quotas built on top.
 *
 * @param state - the office state
 * @param query - a salesperson and/or a month
 * @returns one row per salesperson and month with figures or targets
 * @example
 * ```ts
 * attainment(state, { month: '2026-11' }).filter((r) => r.redMet && r.greenMet);
 * ```
 */
export function attainment(r: DealsReader, query: Pick<LedgerQuery, 'staff' | 'month'> = {}): AttainmentRow[] {
  return sortedEntries(r.deals.tallies)
    .map(([, t]) => t)
    .filter((t) => (query.staff === undefined || t.staff === query.staff) && (query.month === undefined || t.period === query.month))
    .sort((a, b) => (a.staff < b.staff ? -1 : a.staff > b.staff ? 1 : a.period < b.period ? -1 : a.period > b.period ? 1 : 0))
    .map((t) => ({
      staff: t.staff,
      staffName: r.name(t.staff),
      month: t.period,
      base: t.base,
      red: t.red,
      green: t.green,
      redTarget: t.redTarget,
      greenTarget: t.greenTarget,
      // A month is tiered under its own version's terms.
      ...standingOf(t, termsOf(r, t).excessBase),
      commission: cents(monthCommission(t, termsOf(r, t))),
    }));
}

/**
 * One party of a deal's split: their share, and what stands booked for them
 * (null before the stage at which it accrues).
 *
 * @example
 * ```ts
 * // { staff: 'S02', staffName: '王强', share: '0.5', amount: '900.00', rate: '1.8' }
 * ```
 */
export interface DealShare {
  readonly staff: string;
  readonly staffName: string | null;
  /** Fraction of the whole, e.g. "0.5". */
  readonly share: string;
  /** Net booked so far; null when nothing has accrued yet. */
  readonly amount: string | null;
  /** Per mille at close, for commission; null otherwise. */
  readonly rate: string | null;
}

/**
 * A deal with its stages, money, status and the credit, commission and
 * bonus splits as they stand.
 *
 * @example
 * ```ts
 * // { deal: 'D1', client: 'e2', unit: '3-1202', amount: '1000000', stage: 'contract', status: 'live', closer: 'S02',
 * //   credit: [{ staff: 'S01', share: '1', amount: '1000000.00', ... }], commission: [...], rules: ['DEAL-ABSENT-OWNER'], ... }
 * ```
 */
export interface DealRow {
  readonly deal: string;
  readonly client: string;
  readonly unit: string;
  readonly productType: string | null;
  readonly amount: string;
  /** Total paid as reported; null when no stage reported a payment. */
  readonly paid: string | null;
  readonly refunded: string;
  readonly stage: DealStage;
  /** `refunded`: wholly refunded; `refused`: another deal holds the unit (COL-SAME-UNIT). */
  readonly status: 'live' | 'refunded' | 'refused';
  readonly closer: string;
  readonly closerName: string | null;
  /** Why the deal was refused, or the split's reason. */
  readonly note: string;
  /** The rule IDs of the split (or of the refusal). */
  readonly rules: readonly RuleId[];
  readonly credit: readonly DealShare[];
  /** Null while a negotiated split is awaited. */
  readonly commission: readonly DealShare[] | null;
  /** Fixed bonuses (COM-FIXED-BONUS). */
  readonly bonus: readonly DealShare[];
}

function sharesOf(r: DealsReader, list: readonly { staff: string; share: string }[], booking: Booking | null, withRate: boolean): DealShare[] {
  const parts = new Map((booking?.parts ?? []).map((p) => [p.staff, p]));
  return list.map(({ staff, share }) => {
    const p = parts.get(staff);
    const rate = withRate && p !== undefined && money(p.base).gt(0) ? money(p.accrued).div(p.base).times(1000).toDecimalPlaces(4).toString() : null;
    return { staff, staffName: r.name(staff), share, amount: p?.net ?? null, rate };
  });
}

function row(r: DealsReader, deal: Deal): DealRow {
  const split = deal.split;
  const bonusParts = deal.bonus?.parts ?? [];
  const bonusTotal = bonusParts.reduce((a, p) => a.plus(p.base), ZERO);
  return {
    deal: deal.id,
    client: deal.client,
    unit: deal.unit,
    productType: deal.productType,
    amount: deal.amount,
    paid: deal.paid,
    refunded: deal.refunded,
    stage: deal.stage,
    status: deal.status === 'refused' ? 'refused' : isLive(deal) ? 'live' : 'refunded',
    closer: deal.staff,
    closerName: r.name(deal.staff),
    note: deal.status === 'refused' ? refusalWords(r, deal) : split === null ? '' : splitWords(split.why, split.args, r.wording),
    rules: deal.status === 'refused' ? (deal.refusal?.rules ?? []) : (split?.rules ?? []),
    credit: split === null ? [] : sharesOf(r, fractions(split.credit), deal.credit, false),
    commission: split === null ? [] : split.commission === null ? null : sharesOf(r, fractions(split.commission), deal.commission, true),
    bonus: bonusTotal.isZero() ? [] : sharesOf(r, bonusParts.map((p) => ({ staff: p.staff, share: money(p.base).div(bonusTotal).toDecimalPlaces(6).toString() })), deal.bonus, false),
  };
}

function refusalWords(r: DealsReader, deal: Deal): string {
  const f = deal.refusal;
  return f === null ? '' : `unit ${f.unit} is held by deal ${f.holder}, whose deposit came first (${r.wording.time(f.holderAt)}): deal ${deal.id} is refused`;
}

/**
 * Every deal with its stages, money, status and splits: who is credited, who
 * is paid and how much stands booked (RULES §G, §H, COL-SAME-UNIT).
 * @internal
 */
export function dealRows(r: DealsReader, match: ((client: string) => boolean) | undefined, staff: string | undefined): DealRow[] {
  return [...values(r.deals.deals)]
    .filter((d) => match === undefined || match(d.client))
    .sort((a, b) => (a.stages[0]?.at ?? 0) - (b.stages[0]?.at ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((d) => row(r, d))
    .filter((x) => staff === undefined || x.closer === staff || [...x.credit, ...(x.commission ?? []), ...x.bonus].some((s) => s.staff === staff));
}
