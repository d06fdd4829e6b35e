/**
 * The scorecard (RULES §I, §J, CLM-QUOTA, COM-SALARY-GRADES): what a sales
 * manager reads at the evening meeting, per person and period. Counts come
 * from the period's counters (the open cards, or the summaries kept when it
 * closed); rates are judged against the policy's thresholds; money and
 * attainment come from the readers the office passes in.
 * @internal
 */
import { entries, values, type Lookup, type PMap } from '../kernel/map.js';
import { cents, money, Money, type Amount } from '../kernel/money.js';
import type { Calendar } from '../kernel/time.js';
import type { StaffRole, StaffStatus } from '../events/schema.js';
import { indexOf, monthLabel, monthsOf, periodIndices, periodKinds, spanOf, type PeriodKind } from './calendar.js';
import { countedVisits } from './cards.js';
import type { MonthFigures } from './facts.js';
import type { PenaltyDecision } from './decisions.js';
import type { PeriodsPolicy } from './policy.js';
import { C, FIELDS, periodKey, type Card, type ClaimBook, type Clock, type Flag, type Summary, type CalledNumber, type PeriodStanding } from './state.js';
import { standingAt } from './standing.js';

/** The periods slice as the views read it (persistent). @internal */
export interface PeriodsReader {
  readonly clock: Clock | null;
  readonly roster: readonly string[];
  readonly cards: Lookup<Card>;
  readonly closed: Lookup<readonly Summary[]>;
  readonly flags: Lookup<readonly Flag[]>;
  readonly books: Lookup<ClaimBook>;
  readonly standings: Lookup<readonly PeriodStanding[]>;
  readonly numbers: PMap<CalledNumber>;
  readonly fines: PMap<PenaltyDecision>;
}

/** What the scorecard reads of the rest of the office. @internal */
export interface ScorecardFacts {
  /** A roster member, with when they joined and when their status last changed. */
  member(staff: string): { readonly name: string; readonly team: string | null; readonly role: StaffRole; readonly status: StaffStatus; readonly joinedAt: number; readonly since: number } | undefined;
  /** Walk-in turns used in local days [from, to). */
  turns(staff: string, fromDay: number, toDay: number): number;
  /** Commission and fixed bonuses booked in [from, to) (epoch ms). */
  pay(staff: string, from: number, to: number): { readonly commission: string; readonly bonus: string };
  month(staff: string, month: string): MonthFigures;
  /** How many clients of their claim book are still active claims of theirs (CLM-QUOTA). */
  active(staff: string, clients: readonly string[]): number;
  /** The quota in force at `at`, or null. */
  quota(staff: string, at: number): number | null;
  /** Rotation penalties in force at `at`. */
  penalties(staff: string, at: number): { readonly halfTurns: boolean; readonly noCalls: boolean };
}

/**
 * One person's scorecard for one period: counts, rates against their
 * thresholds, red/green attainment, grade and base salary, commission,
 * bonuses and fines, rewards and flags. Money is exact, as decimal strings.
 *
 * @example
 * ```ts
 * // { staff: 'S01', name: '李娜', period: 'week', start: '2026-11-02', closed: false, receptions: 14, turns: 11,
 * //   calls: 6, deals: 2, closeRate: 0.1429, closeRateTarget: 0.1, closeRateMet: true, redMet: false, ...,
 * //   grade: '正式业务员', baseSalary: '800', commission: '2300.00', fines: '50.00', daysOff: '0', flags: [] }
 * ```
 */
export interface ScorecardRow {
  readonly staff: string;
  readonly name: string;
  readonly team: string | null;
  readonly role: StaffRole;
  /** Their status at `at`; for a closed period, at its end. */
  readonly status: StaffStatus;
  readonly period: PeriodKind;
  /** The period's first day, YYYY-MM-DD. */
  readonly start: string;
  /** The day after its last, YYYY-MM-DD. */
  readonly end: string;
  /** Whether the period has closed (an event after its end arrived). */
  readonly closed: boolean;
  /** Visitors received (KPI-CLOSE-RATE's denominator). */
  readonly receptions: number;
  /** Walk-in turns used (ROT-ORDER). */
  readonly turns: number;
  /** Inbound calls given to them (ROT-CALL-ALLOCATION). */
  readonly calls: number;
  /** Connected outbound calls (KPI-CALLS), and by grade (KPI-CALL-GRADES). */
  readonly outboundCalls: number;
  readonly gradeA: number;
  readonly gradeB: number;
  readonly gradeC: number;
  readonly gradeD: number;
  readonly invitations: number;
  /** Invited clients who arrived, and those confirmed (KPI-INVITE-CONFIRM). */
  readonly arrivals: number;
  readonly confirmedVisits: number;
  /** Invited visits that count: confirmed ones, or every arrival when the policy asks no confirmation. */
  readonly invitedVisits: number;
  readonly claims: number;
  /** Claims refused over the quota (CLM-QUOTA). */
  readonly claimsRefused: number;
  /** Active claims and the quota in force at `at`, or at a closed period's end (CLM-QUOTA); null: no quota. */
  readonly activeClaims: number;
  readonly quota: number | null;
  /** New deals closed, and deal events of any stage (deposits included). */
  readonly deals: number;
  readonly dealEvents: number;
  /** New deals of clients they invited (001's 到访转成交). */
  readonly conversions: number;
  /** KPI-CLOSE-RATE: deals / receptions; null with no receptions. */
  readonly closeRate: number | null;
  readonly closeRateTarget: number;
  readonly closeRateMet: boolean | null;
  /** KPI-INVITE-RATE: invited visits / calls (inbound and outbound); null with no calls. */
  readonly inviteRate: number | null;
  readonly inviteRateTarget: number;
  readonly inviteRateMet: boolean | null;
  /** Red and green lines of the months the period covers (COM-RATE-TIERS). */
  readonly red: string;
  readonly redTarget: string | null;
  readonly redMet: boolean;
  readonly green: string;
  readonly greenTarget: string | null;
  readonly greenMet: boolean;
  /** COM-SALARY-GRADES: the grade at `at` (a closed period's: at its end), and its base salary (or the personal one). */
  readonly grade: string | null;
  readonly baseSalary: string | null;
  /** Commission and fixed bonuses booked in the period. */
  readonly commission: string;
  readonly bonus: string;
  /** Fines for the period's days (PEN-FINES), and how they are settled. */
  readonly fines: string;
  readonly finesSettlement: 'deductFromPay' | 'separatePayable';
  /** Paid days off earned (KPI-REWARD-DAYOFF). */
  readonly daysOff: string;
  /** Flags of the period (elimination, dismissal, weeklyQuotaMissed, halfTurns, noCalls) and penalties in force at `at`. */
  readonly flags: readonly string[];
}

const ZEROS: readonly number[] = Object.freeze(new Array<number>(FIELDS).fill(0));


function rate(num: number, den: number): number | null {
  return den === 0 ? null : Math.round((num / den) * 10_000) / 10_000;
}

function sum(list: readonly (string | null)[]): Amount | null {
  let total: Amount | null = null;
  for (const x of list) if (x !== null) total = (total ?? new Money(0)).plus(x);
  return total;
}

/**
 * The scorecard rows of the period of `kind` that contains `at`, one per
 * salesperson or telemarketer on the roster (and anyone else with counts,
 * fines, commission or bonus in it), in join order.
 * @internal
 */
export function scorecardRows(s: PeriodsReader, p: PeriodsPolicy, cal: Calendar, kind: PeriodKind, at: number, facts: ScorecardFacts): ScorecardRow[] {
  const k = periodKinds.indexOf(kind);
  const g = p.calendar;
  const index = indexOf(kind, cal.dayOf(at), g);
  const span = spanOf(cal, kind, index, g);
  const open = s.clock === null ? null : (periodIndices(s.clock.day, g)[k] as number);
  const closed = open !== null && index < open;
  const summaries = new Map<string, readonly number[]>();
  if (closed) for (const x of s.closed.get(periodKey(k, index)) ?? []) summaries.set(x.staff, x.n);
  const flags = new Map<string, string[]>();
  for (const f of s.flags.get(periodKey(k, index)) ?? []) flags.set(f.staff, [...(flags.get(f.staff) ?? []), f.flag]);
  const fines = new Map<string, Amount>();
  const first = cal.dayIso(span.startDay);
  const after = cal.dayIso(span.endDay);
  for (const f of values(s.fines)) {
    if (f.day < first || f.day >= after) continue;
    fines.set(f.staff, (fines.get(f.staff) ?? new Money(0)).plus(f.amount));
  }
  const months = monthsOf(kind, index, g).map(monthLabel);
  const rows: ScorecardRow[] = [];
  for (const staff of s.roster) {
    const card = s.cards.get(staff);
    const member = facts.member(staff);
    if (card === undefined || member === undefined) continue;
    const n: readonly number[] = closed ? (summaries.get(staff) ?? ZEROS) : index === open ? card.n.slice(k * FIELDS, (k + 1) * FIELDS) : ZEROS;
    // Days on duty are counted for everyone on the roster (the close rate's average): on their own they are nothing to show.
    const any = n.some((x, i) => x !== 0 && i !== C.dutyDays);
    const pay = facts.pay(staff, span.start, span.end);
    // Everyone selling or calling on the roster at the period's end has a row; anyone else (a manager fined on appeal or
    // paid through a split, someone who left with a clawback) only with something to show, money included, so that the
    // money columns add up to the ledgers. A past period read on a later state lists whom the state at its end listed:
    // not who joined after it, but who left only after it.
    const paid = pay.commission !== '0.00' || pay.bonus !== '0.00';
    // A closed period shows what held at its end; without a standing of then (a state restored from an older snapshot), what holds now.
    const then = closed ? standingAt(s.standings.get(staff), span.end) : undefined;
    const status = then?.status ?? member.status;
    const onRoster = member.joinedAt < span.end && !(status === 'left' && (then !== undefined || member.since < span.end));
    if (!any && !paid && !fines.has(staff) && (!onRoster || (member.role !== 'sales' && member.role !== 'telemarketer'))) continue;
    const figures = months.map((m) => facts.month(staff, m));
    const red = sum(figures.map((f) => f.red)) ?? new Money(0);
    const green = sum(figures.map((f) => f.green)) ?? new Money(0);
    const redTarget = sum(figures.map((f) => f.redTarget));
    const greenTarget = sum(figures.map((f) => f.greenTarget));
    const visits = countedVisits(p, n);
    const allCalls = (n[C.calls] ?? 0) + (n[C.outboundCalls] ?? 0);
    const closeRate = rate(n[C.deals] ?? 0, n[C.receptions] ?? 0);
    const inviteRate = rate(visits, allCalls);
    const step = then === undefined ? card.grade : then.grade;
    const grade = step === null ? null : (p.grades.ladder[step] ?? null);
    const inForce = then ?? facts.penalties(staff, at);
    const quota = then === undefined ? facts.quota(staff, at) : then.quota;
    const active = then?.active ?? facts.active(staff, s.books.get(staff)?.clients ?? []);
    const daysOff = p.dayOff === null ? new Money(0) : money(p.dayOff.days).times(n[C.rewards] ?? 0);
    rows.push({
      staff,
      name: member.name,
      team: member.team,
      role: member.role,
      status,
      period: kind,
      start: cal.dayIso(span.startDay),
      end: cal.dayIso(span.endDay),
      closed,
      receptions: n[C.receptions] ?? 0,
      turns: facts.turns(staff, span.startDay, span.endDay),
      calls: n[C.calls] ?? 0,
      outboundCalls: n[C.outboundCalls] ?? 0,
      gradeA: n[C.gradeA] ?? 0,
      gradeB: n[C.gradeB] ?? 0,
      gradeC: n[C.gradeC] ?? 0,
      gradeD: n[C.gradeD] ?? 0,
      invitations: n[C.invitations] ?? 0,
      arrivals: n[C.arrivals] ?? 0,
      confirmedVisits: n[C.confirmedVisits] ?? 0,
      invitedVisits: visits,
      claims: n[C.claims] ?? 0,
      claimsRefused: n[C.claimsRefused] ?? 0,
      activeClaims: active,
      quota,
      deals: n[C.deals] ?? 0,
      dealEvents: n[C.dealEvents] ?? 0,
      conversions: n[C.conversions] ?? 0,
      closeRate,
      closeRateTarget: p.closeRate.percent / 100,
      closeRateMet: closeRate === null ? null : (n[C.deals] ?? 0) * 100 >= p.closeRate.percent * (n[C.receptions] ?? 0),
      inviteRate,
      inviteRateTarget: p.inviteRate.percent / 100,
      inviteRateMet: inviteRate === null ? null : visits * 100 >= p.inviteRate.percent * allCalls,
      red: cents(red),
      redTarget: redTarget === null ? null : cents(redTarget),
      redMet: redTarget !== null && red.gte(redTarget),
      green: cents(green),
      greenTarget: greenTarget === null ? null : cents(greenTarget),
      greenMet: greenTarget !== null && green.gte(greenTarget),
      grade: grade?.name ?? null,
      baseSalary: (then === undefined ? card.base : then.base) ?? grade?.base ?? null,
      commission: pay.commission,
      bonus: pay.bonus,
      fines: cents(fines.get(staff) ?? new Money(0)),
      finesSettlement: p.fines.settlement,
      daysOff: daysOff.toString(),
      flags: [...(flags.get(staff) ?? []), ...(inForce.halfTurns ? ['halfTurnsInForce'] : []), ...(inForce.noCalls ? ['noCallsInForce'] : [])],
    });
  }
  return rows;
}

/**
 * A number due for another call (KPI-CALL-GRADES).
 *
 * @example
 * ```ts
 * // { phone: '139****2222', staff: 'T1', grade: 'B', calledAt: 1793..., due: 1796... }
 * ```
 */
export interface CallBack {
  readonly phone: string;
  readonly staff: string;
  readonly grade: 'A' | 'B' | 'C';
  readonly calledAt: number;
  readonly due: number;
}

/** The A-C numbers due for another call at `at` (KPI-CALL-GRADES), oldest due first. @internal */
export function callBacks(s: Pick<PeriodsReader, 'numbers'>, at: number, staff: string | undefined): CallBack[] {
  const out: CallBack[] = [];
  for (const [phone, n] of entries(s.numbers)) {
    if (n.due === null || n.due > at || n.grade === 'D' || (staff !== undefined && n.staff !== staff)) continue;
    out.push({ phone, staff: n.staff, grade: n.grade, calledAt: n.at, due: n.due });
  }
  return out.sort((a, b) => a.due - b.due || (a.phone < b.phone ? -1 : 1));
}
