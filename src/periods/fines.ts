/**
 * The fines ledger (PEN-FINES, PEN-CANCEL): every fine is one entry with its
 * trace, whether it comes from a violation event, an appeal (DSP-PROCESS),
 * the daily call quota (KPI-CALLS) or the month's close (003's share of the
 * month's bonus). The policy says whether fines come off the month's pay or
 * stand as a separate payable.
 * @internal
 */
import { joinRules, rules, type Args } from '../kernel/decision.js';
import type { Issue } from '../kernel/issues.js';
import { append, ownEntry } from '../kernel/list.js';
import { cents, money, Money, type Amount } from '../kernel/money.js';
import type { RuleId } from '../kernel/rules.js';
import type { EventOf } from '../events/schema.js';
import { monthIndexOf, monthLabel, monthStartDay } from './calendar.js';
import { cardOf, draftCard, type PeriodsCtx } from './cards.js';
import type { PenaltyDecision, ViolationDecision } from './decisions.js';
import type { FineSpec } from './policy.js';
import type { Card, PendingFine } from './state.js';

const FINES = rules('PEN-FINES');
const CANCEL = rules('PEN-FINES', 'PEN-CANCEL');

/**
 * The rule IDs of a violation that cancels a claim (PEN-CANCEL), for the
 * ownership decision that ends the claim.
 * @internal
 */
export const CANCEL_RULES: readonly RuleId[] = rules('PEN-CANCEL');

/** A fine about to be posted. @internal */
export interface Fine {
  readonly staff: string;
  readonly client: string | null;
  readonly amount: Amount;
  readonly violation: string;
  /** The rule IDs of what caused it (the fine's own PEN-FINES is added). */
  readonly cause: readonly RuleId[];
  readonly evidence: readonly string[];
  readonly args?: Args;
  /** The local day it is for; default: the event's. Its month is the pay month. */
  readonly day?: number;
}

/** Posts one fine to the ledger and emits it. @internal */
export function postFine(c: PeriodsCtx, fine: Fine): void {
  const { tx } = c;
  const day = fine.day ?? c.cal.dayOf(tx.at);
  const month = monthLabel(monthIndexOf(day));
  // Entries of one event are numbered in the order they are posted.
  const at = String(tx.at).padStart(15, '0');
  let n = 1;
  while (c.s.fines.get(`${at} ${tx.id}#${n}`) !== undefined) n++;
  const id = `${tx.id}#${n}`;
  const entry: PenaltyDecision = {
    kind: 'penalty',
    event: tx.id,
    at: tx.at,
    rules: joinRules(fine.cause, FINES),
    evidence: fine.evidence,
    why: fine.violation,
    args: fine.args ?? {},
    id,
    ...(fine.client === null ? {} : { client: fine.client }),
    staff: fine.staff,
    amount: cents(fine.amount),
    violation: fine.violation,
    settlement: c.p.fines.settlement,
    month,
    day: c.cal.dayIso(day),
  };
  c.s.fines.set(tx, `${at} ${id}`, entry);
  tx.emit(entry);
}

/** The monthly base salary of a card: its own, or its grade's. @internal */
export function baseSalary(c: PeriodsCtx, card: Pick<Card, 'base' | 'grade'> | undefined): string | null {
  if (card === undefined) return null;
  if (card.base !== null) return card.base;
  if (card.grade === null) return null;
  return c.p.grades.ladder[card.grade]?.base ?? null;
}

/** The days of the month index (the policy's fixed count if it has one). */
function daysIn(c: PeriodsCtx, month: number): number {
  return c.p.fines.daysPerMonth ?? monthStartDay(month + 1) - monthStartDay(month);
}

/**
 * Why a violation event cannot be taken, if it cannot: a violation the
 * schedule does not name, an amount missing, outside the range or not
 * asked for, or a fine on base pay for someone without a base salary.
 * @internal
 */
export function violationIssues(c: PeriodsCtx, e: EventOf<'recordViolation'>): Issue[] {
  const spec = ownEntry(c.p.fines.schedule, e.violation);
  const issue = (path: string, code: Issue['code'], message: string): Issue => ({ code, path: [path], event: e.id, message });
  if (spec === undefined) {
    const known = Object.keys(c.p.fines.schedule).join(', ') || 'none';
    return [issue('violation', 'invalid_value', `the policy's fine schedule has no violation "${e.violation}" (it has: ${known})`)];
  }
  if (spec.range !== undefined) {
    if (e.amount === undefined) return [issue('amount', 'invalid_amount', `"${e.violation}" is fined ${spec.range.min}-${spec.range.max}: the event must give the amount`)];
    const a = money(e.amount);
    if (a.lt(spec.range.min) || a.gt(spec.range.max)) return [issue('amount', 'invalid_amount', `${e.amount} is outside the range ${spec.range.min}-${spec.range.max} of "${e.violation}" (PEN-FINES)`)];
  } else if (e.amount !== undefined) {
    return [issue('amount', 'invalid_amount', `"${e.violation}" has a fixed fine in the policy; the event gives no amount`)];
  }
  if ((spec.dayBase !== undefined || spec.monthBase !== undefined) && baseSalary(c, cardOf(c, e.staff)) === null) {
    return [issue('staff', 'invalid_value', `"${e.violation}" is fined on base pay, and ${e.staff} has none on record: give them a grade (setGrade) first`)];
  }
  return [];
}

/** The part of a fine known now: the fixed amount, the event's amount, multiples of base pay. */
function knownPart(c: PeriodsCtx, spec: FineSpec, staff: string, amount: string | undefined, month: number): { amount: Amount; how: string[] } {
  let total: Amount = new Money(0);
  const how: string[] = [];
  if (spec.amount !== undefined) {
    total = total.plus(spec.amount);
    how.push(`fixed ${spec.amount}`);
  }
  if (amount !== undefined) {
    total = total.plus(amount);
    how.push(`${amount} within ${spec.range?.min ?? '?'}-${spec.range?.max ?? '?'}`);
  }
  const base = baseSalary(c, cardOf(c, staff));
  if (base !== null && spec.monthBase !== undefined) {
    total = total.plus(money(base).times(spec.monthBase));
    how.push(`${spec.monthBase} × the month's base ${base}`);
  }
  if (base !== null && spec.dayBase !== undefined) {
    const days = daysIn(c, month);
    total = total.plus(money(base).div(days).times(spec.dayBase));
    how.push(`${spec.dayBase} × the day's base ${base}/${days}`);
  }
  return { amount: total.toDecimalPlaces(2, Money.ROUND_HALF_UP), how };
}

/**
 * A violation (PEN-FINES): fined now, or when its month closes if part of
 * the fine is a share of the month's bonus; `cancelled` says whether it
 * ended the violator's claim (PEN-CANCEL). Check {@link violationIssues}
 * first.
 * @internal
 */
export function violate(c: PeriodsCtx, e: EventOf<'recordViolation'>, client: string | null, cancelled: boolean): void {
  const spec = ownEntry(c.p.fines.schedule, e.violation) as FineSpec;
  const month = monthIndexOf(c.cal.dayOf(c.tx.at));
  const known = knownPart(c, spec, e.staff, e.amount, month);
  const pending = spec.monthBonus !== undefined;
  const fined = pending || known.amount.gt(0);
  const { tx } = c;
  if (tx.record) {
    const d: ViolationDecision = {
      kind: 'violation',
      event: tx.id,
      at: tx.at,
      rules: spec.cancelsClaim ? CANCEL : FINES,
      evidence: [],
      why: e.violation,
      args: { cancelled, source: spec.source ?? null },
      ...(client === null ? {} : { client }),
      staff: e.staff,
      violation: e.violation,
      outcome: pending ? 'pending' : fined ? 'fined' : 'noFine',
      cancelsClaim: spec.cancelsClaim,
    };
    tx.emit(d);
  }
  if (pending) {
    const card = draftCard(c, e.staff);
    const p: PendingFine = { event: tx.id, at: tx.at, violation: e.violation, client, month, fixed: cents(known.amount), share: spec.monthBonus ?? '0', cancelsClaim: spec.cancelsClaim };
    card.pending = append(card.pending, p);
    return;
  }
  if (fined) postFine(c, { staff: e.staff, client, amount: known.amount, violation: e.violation, cause: spec.cancelsClaim ? CANCEL_RULES : [], evidence: [], args: { how: known.how.join(' + ') } });
}

/**
 * Settles the fines waiting for a month's bonus (003: the month's base and
 * 50% of the month's bonus), when the month closes.
 * @internal
 */
export function settlePending(c: PeriodsCtx, staff: string, month: number, bonusOf: (staff: string, month: string) => string): void {
  const card = cardOf(c, staff);
  if (card === undefined || card.pending.length === 0) return;
  const due = card.pending.filter((p) => p.month <= month);
  if (due.length === 0) return;
  const d = draftCard(c, staff);
  d.pending = card.pending.filter((p) => p.month > month);
  for (const p of due) {
    const spec = ownEntry(c.p.fines.schedule, p.violation);
    const share = p.share ?? spec?.monthBonus ?? '0';
    const label = monthLabel(p.month);
    const bonus = bonusOf(staff, label);
    const amount = money(p.fixed).plus(money(bonus).times(share)).toDecimalPlaces(2, Money.ROUND_HALF_UP);
    const how = `${p.fixed} + ${share} × the month's bonus ${bonus}`;
    if (amount.gt(0)) postFine(c, { staff, client: p.client, amount, violation: p.violation, cause: (p.cancelsClaim ?? spec?.cancelsClaim) === true ? CANCEL_RULES : [], evidence: [p.event], args: { how, month: label }, day: c.cal.dayOf(p.at) });
  }
}
