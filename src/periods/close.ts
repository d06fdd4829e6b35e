/**
 * The office's clock and what happens when a period closes. A period closes
 * when the first event after its end arrives: that event moves the clock,
 * and each period it passes is judged for everyone on the roster (the only
 * scan of staff, once per boundary). What a closing decides depends only on
 * the counters at the period's end and the deals on record, so a replay and
 * event-by-event `apply` close the same periods the same way. Under a
 * policy timeline a period is judged under the version in force at its
 * end, and read in the grouping (week and quarter starts) in force now.
 *
 * A closing judges, each rule over its own period (policy):
 * - KPI-CALLS: the day's connected calls (a fine per missing call), the
 *   week's invited visits, and for a month whose every week missed: dismissal;
 * - KPI-CLOSE-RATE and KPI-INVITE-RATE, and the penalties derived from them
 *   for the next period (ROT-PENALTY-HALF, ROT-NO-CALLS), handed to the
 *   rotation as data;
 * - KPI-CALL-GRADES: the month's A-C numbers recycled;
 * - COM-SALARY-GRADES: a month's red and green lines, three in a row moving
 *   a grade; fines waiting for the month's bonus (PEN-FINES);
 * - KPI-ELIMINATION: the ranking of the month or quarter;
 * - CLM-QUOTA: whether a quarter had no signing (judged at quarter end).
 * Before each, everyone's standing at its end is taken (see standing.ts).
 * Days, weeks and quarters without any event are taken as the office being
 * closed: they are not judged. Months are, for grades: deals on record do not
 * need an event in the month.
 * @internal
 */
import { NO_EVIDENCE, rules, type Args } from '../kernel/decision.js';
import { append } from '../kernel/list.js';
import { money, Money, type Amount } from '../kernel/money.js';
import type { RuleId } from '../kernel/rules.js';
import { indexOf, labelOf, monthLabel, monthOfLabel, monthsOf, monthStartDay, periodIndices, periodKinds, spanOf, startDayOf, type Grouping, type PeriodKind, type Span } from './calendar.js';
import { countedVisits, type PeriodsCtx } from './cards.js';
import type { FlagDecision, GradeDecision, KpiDecision, RecycleDecision } from './decisions.js';
import { postFine, settlePending } from './fines.js';
import type { PeriodFacts } from './facts.js';
import { takeStandings } from './standing.js';
import { C, FIELDS, periodKey, type Card, type CardDraft, type Clock, type Flag, type Summary } from './state.js';

/**
 * Runs a closing under the policy version in force at `at` (the period's
 * last instant): the office swaps this family's policy slice for the run.
 * @internal
 */
export type JudgedUnder = (at: number, run: () => void) => void;

/**
 * A rotation penalty for the next period, derived from a closed period
 * (ROT-PENALTY-HALF from KPI-CLOSE-RATE, ROT-NO-CALLS from KPI-INVITE-RATE).
 * @internal
 */
export interface DerivedPenalty {
  readonly staff: string;
  readonly penalty: 'halfTurns' | 'noCalls';
  /** From the closed period's end... */
  readonly from: number;
  /** ...to the next period's end. */
  readonly until: number;
  /** The KPI rule IDs it rests on (the rotation adds its own). */
  readonly rules: readonly RuleId[];
  readonly args: Args;
}

const NO_PENALTIES: readonly DerivedPenalty[] = Object.freeze([]);
const CLOSE_RATE = rules('KPI-CLOSE-RATE');
const INVITE_RATE = rules('KPI-INVITE-RATE');
const CALLS = rules('KPI-CALLS');
const CALL_FINE = rules('KPI-CALLS');
const RECYCLE = rules('KPI-CALL-GRADES');
const GRADES = rules('COM-SALARY-GRADES');
const ELIMINATION = rules('KPI-ELIMINATION');

/** A line is met when it has a target and reaches it (COM-RATE-TIERS). */
function met(amount: string, target: string | null): boolean {
  return target !== null && money(amount).gte(target);
}

/** The clock of an instant. */
function clockAt(c: PeriodsCtx, at: number): Clock {
  const day = c.cal.dayOf(at);
  const [, week = 0, month = 0, quarter = 0] = periodIndices(day, c.p.calendar);
  return { day, week, month, quarter, dayEnd: c.cal.startOf(day + 1) };
}

/**
 * Moves the clock to the event's time, closing every period it passes (see
 * the module). Returns the derived rotation penalties, for the rotation.
 * Costs one comparison unless a day has ended.
 * @internal
 */
export function advance(c: PeriodsCtx, facts: PeriodFacts, under: JudgedUnder): readonly DerivedPenalty[] {
  const box = c.s.clock;
  const clock = box.value;
  if (clock !== null && c.tx.at < clock.dayEnd) return NO_PENALTIES;
  const next = clockAt(c, c.tx.at);
  box.set(c.tx, next);
  if (clock === null) return NO_PENALTIES;
  const g = c.p.calendar;
  // The open periods in today's grouping: a version that regroups weeks or quarters labels them as it counts them.
  const old = periodIndices(clock.day, g);
  const now = [next.day, next.week, next.month, next.quarter];
  // Periods close in the order they end (a week ending with its month first).
  const closing = [0, 1, 2, 3]
    .filter((k) => old[k] !== now[k])
    .map((k) => ({ k, end: startDayOf(periodKinds[k] as PeriodKind, (old[k] as number) + 1, g) }))
    .sort((a, b) => a.end - b.end || a.k - b.k);
  const run = new Closing(c, facts, under, clock.month, now[2] as number);
  for (const { k } of closing) run.close(k, old[k] as number);
  // Months with no event at all are still judged for grades: the deals on record say how they went.
  for (let m = clock.month + 1; m < next.month; m++) run.gradeMonth(m);
  return run.penalties.length === 0 ? NO_PENALTIES : run.penalties;
}

/** The weeks that end in a month (a week belongs to the month of its last day). */
function weeksEndingIn(month: number, g: Grouping): number {
  const first = monthStartDay(month);
  const end = monthStartDay(month + 1);
  const lastWeekday = (g.weekStartsOn + 6) % 7;
  let n = 0;
  for (let d = first; d < end; d++) if ((((d + 4) % 7) + 7) % 7 === lastWeekday) n++;
  return n;
}

/**
 * A closed period's summaries added to what an earlier closing of the same
 * period left: only a version that regroups weeks or quarters closes one
 * period twice (the old grouping's part, then the new one's), and neither
 * part may be lost.
 */
function withEarlier(earlier: readonly Summary[] | undefined, summaries: Summary[]): readonly Summary[] {
  if (earlier === undefined) return summaries;
  const added = new Map(summaries.map((x) => [x.staff, x.n]));
  const merged = earlier.map((x) => {
    const n = added.get(x.staff);
    added.delete(x.staff);
    return n === undefined ? x : { staff: x.staff, n: x.n.map((v, i) => v + (n[i] ?? 0)) };
  });
  return [...merged, ...summaries.filter((x) => added.has(x.staff))];
}

type Measure = 'redLine' | 'deals' | 'invitedVisits' | 'invitations' | 'conversions';

/** The closings of one event. */
class Closing {
  readonly penalties: DerivedPenalty[] = [];
  private readonly g: Grouping;
  /** The end whose standings were taken last. */
  private taken = -1;

  constructor(
    private readonly c: PeriodsCtx,
    private readonly facts: PeriodFacts,
    private readonly under: JudgedUnder,
    /** The month whose stripe is open (weeks add to it). */
    private openMonth: number,
    private readonly nextMonth: number,
  ) {
    this.g = c.p.calendar;
  }

  private get p() {
    return this.c.p;
  }

  private kpi(card: Card, span: Span, measure: KpiDecision['measure'], value: number, of: number | null, target: number, ok: boolean, cited: readonly RuleId[], args: Args = {}): void {
    const { tx } = this.c;
    if (!tx.record) return;
    const d: KpiDecision = { kind: 'kpi', event: tx.id, at: tx.at, rules: cited, evidence: NO_EVIDENCE, why: measure, args, staff: card.staff, period: span.kind, start: this.label(span), measure, value, of, target, met: ok };
    tx.emit(d);
  }

  private label(span: Span): string {
    return labelOf(this.c.cal, span.kind, span.index, this.g);
  }

  /** Closes the period of kind `k` with this index, for everyone on the roster. */
  close(k: number, index: number): void {
    const span = spanOf(this.c.cal, periodKinds[k] as PeriodKind, index, this.g);
    this.under(span.end - 1, () => {
      // What holds at an instant, as the period leaves it, before its closing moves grades, quotas and penalties.
      // Once per end: a week ending with its month shares its standing.
      if (span.end !== this.taken) takeStandings(this.c, this.facts, span.end);
      this.taken = span.end;
      this.judgeAll(k, index, span);
    });
  }

  private judgeAll(k: number, index: number, span: Span): void {
    const { c } = this;
    const kind = span.kind;
    const base = k * FIELDS;
    const summaries: Summary[] = [];
    const flags: Flag[] = [];
    const ranked: Summary[] = [];
    const elimination = this.p.elimination;
    const ranks = elimination !== null && elimination.period === kind && (elimination.from === null || (monthsOf(kind, index, this.g)[0] ?? 0) >= monthOfLabel(elimination.from));
    for (const staff of c.s.roster.value) {
      let card = c.s.cards.get(staff);
      if (card === undefined) continue;
      if (k === 0 && card.onDuty) {
        // A day on duty counts for the week, month and quarter (KPI-CALLS judges only those).
        const d = this.draft(staff);
        d.n[C.dutyDays] = 1;
        for (let j = 1; j < 4; j++) d.n[j * FIELDS + C.dutyDays] = (d.n[j * FIELDS + C.dutyDays] as number) + 1;
        card = d;
      }
      this.judge(card, k, span, flags);
      // Ranked on a copy of the stripe: the loop clears it before the ranking runs.
      if (ranks && elimination.roles.includes(card.role) && card.status !== 'left' && card.joinedAt < span.end) ranked.push({ staff, n: card.n.slice(base, base + FIELDS) });
      const n = card.n;
      let any = false;
      for (let f = 0; f < FIELDS; f++) {
        if (n[base + f] !== 0) {
          any = true;
          break;
        }
      }
      if (any) summaries.push({ staff, n: n.slice(base, base + FIELDS) });
      if (k === 2) this.closeMonth(staff, index);
      if (k === 3) this.closeQuarter(staff, index, span);
      const again = c.s.cards.get(staff) as Card;
      const duty = k === 0 && again.onDuty !== (again.status === 'onDuty');
      if (!any && !duty) continue;
      const d = this.draft(staff);
      for (let f = 0; f < FIELDS; f++) d.n[base + f] = 0;
      if (k === 0) d.onDuty = d.status === 'onDuty';
    }
    if (ranks) this.eliminate(ranked, span, flags);
    const key = periodKey(k, index);
    if (summaries.length > 0) c.s.closed.set(c.tx, key, withEarlier(c.s.closed.get(key), summaries));
    if (flags.length > 0) c.s.flags.set(c.tx, key, [...(c.s.flags.get(key) ?? []), ...flags]);
    // A week the office worked counts toward its month's weeks (KPI-CALLS dismissal).
    if (k === 1 && indexOf('month', span.endDay - 1, this.g) === this.openMonth) c.s.weeks.set(c.tx, c.s.weeks.value + 1);
    if (k === 2) {
      this.gradeMonth(index);
      this.openMonth = this.nextMonth;
      c.s.weeks.set(c.tx, 0);
    }
  }

  private draft(staff: string): CardDraft {
    const c = this.c;
    const cards = c.s.cards;
    const fresh = cards.fresh(staff) !== undefined;
    const d = c.tx.draft(cards, staff, () => cards.get(staff) as CardDraft) as CardDraft;
    if (!fresh && !c.tx.isDraft(d.n)) d.n = c.tx.own(d.n.slice());
    return d;
  }

  /** The rules judged over this period for one person. */
  private judge(card: Card, k: number, span: Span, flags: Flag[]): void {
    const p = this.p;
    const { c } = this;
    const n = card.n;
    const base = k * FIELDS;
    const at = (f: number) => n[base + f] ?? 0;
    const calls = p.calls;
    const quotaRole = calls !== null && calls.roles.includes(card.role) && card.status !== 'left';
    // Like grades, elimination and the quota, the day someone joined is not theirs to be judged on: they were not there all day.
    if (k === 0 && quotaRole && calls.daily !== null && card.onDuty && card.joinedAt <= span.start) {
      const made = at(C.outboundCalls);
      const missing = Math.max(0, calls.daily - made);
      const fine = money(calls.finePerMissing).times(missing);
      this.kpi(card, span, 'dailyCalls', made, null, calls.daily, missing === 0, CALLS, missing > 0 && fine.gt(0) ? { consequence: `a fine of ${calls.finePerMissing} per missing call` } : {});
      if (fine.gt(0)) postFine(c, { staff: card.staff, client: null, amount: fine, violation: 'missingCalls', cause: CALL_FINE, evidence: NO_EVIDENCE, args: { how: `${missing} missing × ${calls.finePerMissing}` }, day: span.startDay });
    }
    if (k === 1 && quotaRole && calls.weeklyInvitedVisits !== null && at(C.dutyDays) > 0) {
      const visits = countedVisits(p, n, 1);
      const ok = visits >= calls.weeklyInvitedVisits;
      this.kpi(card, span, 'weeklyInvitedVisits', visits, null, calls.weeklyInvitedVisits, ok, CALLS);
      if (!ok) flags.push({ staff: card.staff, flag: 'weeklyQuotaMissed', event: c.tx.id });
      // A week belongs to the month of its last day: it counts there for dismissal.
      if (indexOf('month', span.endDay - 1, this.g) === this.openMonth) {
        const d = this.draft(card.staff);
        d.n[2 * FIELDS + C.weeksJudged] = (d.n[2 * FIELDS + C.weeksJudged] as number) + 1;
        if (!ok) d.n[2 * FIELDS + C.weeksMissed] = (d.n[2 * FIELDS + C.weeksMissed] as number) + 1;
      }
    }
    const half = p.penalties.halfTurns;
    if (half !== null && p.closeRate.period === span.kind && card.role === 'sales' && card.status !== 'left') {
      const visits = at(C.receptions);
      const judged = half.minReceptions > 0 ? visits >= half.minReceptions : visits > 0 || at(C.dutyDays) > 0 || card.onDuty;
      if (judged) {
        const deals = at(C.deals);
        const ok = visits > 0 && deals * 100 >= p.closeRate.percent * visits;
        const trigger = half.when === 'noDeal' ? at(C.dealEvents) === 0 : !ok;
        this.kpi(card, span, 'closeRate', deals, visits, p.closeRate.percent, ok, CLOSE_RATE, trigger ? { consequence: 'one turn every two rounds in the next period' } : {});
        if (trigger) this.derive(card, span, 'halfTurns', CLOSE_RATE, { measure: 'closeRate', deals, receptions: visits, dealEvents: at(C.dealEvents), when: half.when }, flags);
      }
    }
    const noCalls = p.penalties.noCalls;
    if (noCalls !== null && p.inviteRate.period === span.kind && card.status !== 'left') {
      const calls = at(C.calls) + at(C.outboundCalls);
      if (calls >= Math.max(1, noCalls.minCalls)) {
        const visits = countedVisits(p, n, k);
        const ok = visits * 100 >= p.inviteRate.percent * calls;
        this.kpi(card, span, 'inviteRate', visits, calls, p.inviteRate.percent, ok, INVITE_RATE, visits === 0 ? { consequence: 'no call allocation in the next period' } : {});
        if (visits === 0) this.derive(card, span, 'noCalls', INVITE_RATE, { measure: 'inviteRate', invitedVisits: 0, calls }, flags);
      }
    }
    if (k === 2 && quotaRole && calls.weeklyInvitedVisits !== null && calls.dismissal) {
      const judged = at(C.weeksJudged);
      if (judged > 0 && judged === c.s.weeks.value && at(C.weeksMissed) === judged) this.flag(card.staff, span, 'dismissal', CALLS, { weeks: judged, quota: calls.weeklyInvitedVisits, calendarWeeks: weeksEndingIn(span.index, this.g) }, flags);
    }
    if (k === 2 && calls !== null && at(C.gradeA) + at(C.gradeB) + at(C.gradeC) + at(C.gradeD) > 0 && c.tx.record) {
      const d: RecycleDecision = { kind: 'recycle', event: c.tx.id, at: c.tx.at, rules: RECYCLE, evidence: NO_EVIDENCE, why: 'recycle', args: { A: at(C.gradeA), B: at(C.gradeB), C: at(C.gradeC), D: at(C.gradeD), days: calls.recycleDays }, staff: card.staff, period: 'month', start: this.label(span), recycled: at(C.gradeA) + at(C.gradeB) + at(C.gradeC), dropped: at(C.gradeD) };
      c.tx.emit(d);
    }
  }

  private derive(card: Card, span: Span, penalty: DerivedPenalty['penalty'], cited: readonly RuleId[], args: Args, flags: Flag[]): void {
    const next = spanOf(this.c.cal, span.kind, span.index + 1, this.g);
    flags.push({ staff: card.staff, flag: penalty, event: this.c.tx.id });
    if (next.end <= this.c.tx.at) return;
    this.penalties.push({ staff: card.staff, penalty, from: span.end, until: next.end, rules: cited, args: { ...args, period: span.kind, start: this.label(span) } });
  }

  private flag(staff: string, span: Span, flag: FlagDecision['flag'], cited: readonly RuleId[], args: Args, flags: Flag[]): void {
    const { tx } = this.c;
    flags.push({ staff, flag, event: tx.id });
    if (!tx.record) return;
    const d: FlagDecision = { kind: 'flag', event: tx.id, at: tx.at, rules: cited, evidence: NO_EVIDENCE, why: flag, args, staff, period: span.kind, start: this.label(span), flag };
    tx.emit(d);
  }

  /** Settles the fines that waited for this month's bonus (PEN-FINES, 003). */
  private closeMonth(staff: string, month: number): void {
    settlePending(this.c, staff, month, (s, m) => this.facts.month(s, m).bonus);
  }

  /** CLM-QUOTA judged at quarter end: a quarter with no signing lowers the limit until the next signing. */
  private closeQuarter(staff: string, index: number, span: Span): void {
    const q = this.p.quota;
    if (q === null || q.judged !== 'quarterEnd') return;
    const card = this.c.s.cards.get(staff) as Card;
    let red: Amount = new Money(0);
    for (const m of monthsOf('quarter', index, this.g)) red = red.plus(this.facts.month(staff, monthLabel(m)).red);
    const none = card.role === 'sales' && card.joinedAt < span.start && red.isZero();
    if (none !== card.noSigning) this.draft(staff).noSigning = none;
  }

  /** COM-SALARY-GRADES: each graded person's month, and a move after enough months in a row. */
  gradeMonth(month: number): void {
    this.under(this.c.cal.startOf(monthStartDay(month + 1)) - 1, () => this.gradeUnder(month));
  }

  private gradeUnder(month: number): void {
    const { c } = this;
    const g = this.p.grades;
    const label = monthLabel(month);
    for (const staff of c.s.roster.value) {
      const card = c.s.cards.get(staff);
      if (card === undefined || card.grade === null || card.status === 'left' || card.joinedAt >= c.cal.startOf(monthStartDay(month + 1))) continue;
      const f = this.facts.month(staff, label);
      const red = met(f.red, f.redTarget);
      const green = met(f.green, f.greenTarget);
      const judged = f.redTarget !== null || f.greenTarget !== null;
      let streak = 0;
      if (judged && red && green) streak = card.streak > 0 ? card.streak + 1 : 1;
      else if (judged && !red && !green) streak = card.streak < 0 ? card.streak - 1 : -1;
      const months = streak === 0 ? [] : Math.sign(streak) === Math.sign(card.streak) ? append(card.streakMonths, label) : [label];
      const d = this.draft(staff);
      d.streak = streak;
      d.streakMonths = months;
      const up = streak >= g.promoteAfter;
      const down = -streak >= g.demoteAfter;
      if (!up && !down) continue;
      const from = card.grade;
      const to = up ? Math.min(from + 1, g.ladder.length - 1) : Math.max(from - 1, 0);
      d.grade = to;
      d.streak = 0;
      d.streakMonths = [];
      d.gradeEvent = c.tx.id;
      if (!c.tx.record) continue;
      const previous = g.ladder[from]?.name ?? null;
      const grade = g.ladder[to]?.name ?? '';
      const decision: GradeDecision = {
        kind: 'grade',
        event: c.tx.id,
        at: c.tx.at,
        rules: GRADES,
        evidence: card.gradeEvent === null ? NO_EVIDENCE : [card.gradeEvent],
        why: to === from ? (up ? 'top' : 'bottom') : up ? 'promoted' : 'demoted',
        args: { months, why: up ? 'top' : 'bottom', red: f.red, redTarget: f.redTarget, green: f.green, greenTarget: f.greenTarget },
        staff,
        change: to === from ? 'kept' : up ? 'promoted' : 'demoted',
        grade,
        base: d.base ?? g.ladder[to]?.base ?? '0',
        previous,
      };
      c.tx.emit(decision);
    }
  }

  private measure(s: Summary, span: Span, m: Measure): Amount {
    const n = s.n;
    switch (m) {
      case 'redLine': {
        let red: Amount = new Money(0);
        for (const month of monthsOf(span.kind, span.index, this.g)) red = red.plus(this.facts.month(s.staff, monthLabel(month)).red);
        return red;
      }
      case 'deals':
        return new Money(n[C.deals] ?? 0);
      case 'invitedVisits':
        return new Money(countedVisits(this.p, n));
      case 'invitations':
        return new Money(n[C.invitations] ?? 0);
      case 'conversions':
        return new Money(n[C.conversions] ?? 0);
    }
  }

  /** KPI-ELIMINATION: the last performer(s), ties included, or everyone outside the top N. */
  private eliminate(ranked: readonly Summary[], span: Span, flags: Flag[]): void {
    const e = this.p.elimination;
    if (e === null || ranked.length < 2) return;
    const scored = ranked.map((card) => ({ card, score: e.rankBy.map((m) => this.measure(card, span, m)) }));
    const cmp = (a: readonly Amount[], b: readonly Amount[]) => {
      for (let i = 0; i < a.length; i++) {
        const x = (a[i] as Amount).cmp(b[i] as Amount);
        if (x !== 0) return x;
      }
      return 0;
    };
    // Best first; the join order breaks no tie (ties share a fate).
    const order = [...scored].sort((a, b) => cmp(b.score, a.score));
    const show = (s: readonly Amount[]) => s.map((x) => x.toFixed(x.isInteger() ? 0 : 2)).join(' / ');
    const rankOf = (s: readonly Amount[]) => 1 + order.filter((o) => cmp(o.score, s) > 0).length;
    const rankBy = e.rankBy.join(', ');
    if (e.mode === 'last') {
      const worst = (order.at(-1) as (typeof order)[number]).score;
      if (cmp((order[0] as (typeof order)[number]).score, worst) === 0) return; // all tied: nobody is last
      for (const o of order) if (cmp(o.score, worst) === 0) this.flag(o.card.staff, span, 'elimination', ELIMINATION, { why: 'last', value: show(o.score), rank: rankOf(o.score), of: order.length, rankBy }, flags);
      return;
    }
    if (order.length <= e.top) return;
    const cut = (order[e.top - 1] as (typeof order)[number]).score;
    for (const o of order) if (cmp(o.score, cut) < 0) this.flag(o.card.staff, span, 'elimination', ELIMINATION, { why: 'outsideTop', value: show(o.score), rank: rankOf(o.score), of: order.length, top: e.top, rankBy }, flags);
  }
}

/** The rule IDs of derived penalties' causes, by penalty. @internal */
export const DERIVED_RULES = { halfTurns: CLOSE_RATE, noCalls: INVITE_RATE } as const;

