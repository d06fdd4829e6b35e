/**
 * Periods of the office's calendar: days, weeks, months and quarters in the
 * office's time zone, derived from event times only (never a clock). A
 * period is an index per kind: the local day number, weeks counted from the
 * policy's first weekday, months as `year * 12 + month`, quarters of three
 * months from the policy's first month. Arithmetic on day numbers only: the
 * calendar's cached day boundaries turn them into instants.
 * @internal
 */
import type { Calendar } from '../kernel/time.js';

/**
 * The kinds of period, shortest first.
 *
 * @example
 * ```ts
 * periodKinds.indexOf('month'); // 2
 * ```
 */
export const periodKinds = ['day', 'week', 'month', 'quarter'] as const;

/**
 * A kind of period, one of {@link periodKinds}.
 *
 * @example
 * ```ts
 * const kind: PeriodKind = 'week'; scorecard(state, { period: kind });
 * ```
 */
export type PeriodKind = (typeof periodKinds)[number];

/** How the office's calendar groups days (the policy's `periods.calendar`). */
export interface Grouping {
  /** 0 = Sunday ... 6 = Saturday. */
  readonly weekStartsOn: number;
  /** 1 = January ... 12: the first month of a quarter (the others follow every three months). */
  readonly quarterStartMonth: number;
}

/** A period: its kind, index, first day and the day after its last (local day numbers), and its instants. */
export interface Span {
  readonly kind: PeriodKind;
  readonly index: number;
  readonly startDay: number;
  /** The day after the last day. */
  readonly endDay: number;
  /** Local midnight starting the period, epoch ms. */
  readonly start: number;
  /** Local midnight ending it (the start of the next), epoch ms. */
  readonly end: number;
}

/** The civil date of a day number (days since 1970-01-01). */
export function civil(day: number): { y: number; m: number; d: number } {
  // Howard Hinnant's days-to-civil, on the proleptic Gregorian calendar.
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** The day number of a civil date. */
export function dayOfCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The month index (`year * 12 + month - 1`) of a day. */
export function monthIndexOf(day: number): number {
  const { y, m } = civil(day);
  return y * 12 + m - 1;
}

/** The first day of a month index. */
export function monthStartDay(month: number): number {
  return dayOfCivil(Math.floor(month / 12), (month % 12) + 1, 1);
}

/** A month index as `YYYY-MM`. */
export function monthLabel(month: number): string {
  return `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/** The month index of `YYYY-MM`. */
export function monthOfLabel(label: string): number {
  return Number(label.slice(0, 4)) * 12 + Number(label.slice(5, 7)) - 1;
}

/** The index of the period of a kind that contains a day. */
export function indexOf(kind: PeriodKind, day: number, g: Grouping): number {
  switch (kind) {
    case 'day':
      return day;
    case 'week':
      // Day 0 (1970-01-01) was a Thursday (weekday 4).
      return Math.floor((day + 4 - g.weekStartsOn) / 7);
    case 'month':
      return monthIndexOf(day);
    case 'quarter':
      return Math.floor((monthIndexOf(day) - (g.quarterStartMonth - 1)) / 3);
  }
}

/**
 * The day, week, month and quarter a day belongs to, in a grouping. The
 * open periods are read from the clock's day this way, never from indices
 * stored under another version's grouping, so that a policy version that
 * regroups weeks or quarters closes and shows them under its own labels.
 */
export function periodIndices(day: number, g: Grouping): number[] {
  return [day, indexOf('week', day, g), indexOf('month', day, g), indexOf('quarter', day, g)];
}

/** The first day of a period. */
export function startDayOf(kind: PeriodKind, index: number, g: Grouping): number {
  switch (kind) {
    case 'day':
      return index;
    case 'week':
      return index * 7 - 4 + g.weekStartsOn;
    case 'month':
      return monthStartDay(index);
    case 'quarter':
      return monthStartDay(index * 3 + g.quarterStartMonth - 1);
  }
}

/** The month indexes a period covers (a day or week: the month it starts in). */
export function monthsOf(kind: PeriodKind, index: number, g: Grouping): number[] {
  if (kind === 'month') return [index];
  if (kind === 'quarter') {
    const first = index * 3 + g.quarterStartMonth - 1;
    return [first, first + 1, first + 2];
  }
  return [monthIndexOf(startDayOf(kind, index, g))];
}

/** A period as a span of days and instants. */
export function spanOf(cal: Calendar, kind: PeriodKind, index: number, g: Grouping): Span {
  const startDay = startDayOf(kind, index, g);
  const endDay = startDayOf(kind, index + 1, g);
  return { kind, index, startDay, endDay, start: cal.startOf(startDay), end: cal.startOf(endDay) };
}

/** The period of a kind that contains an instant. */
export function spanAt(cal: Calendar, kind: PeriodKind, ms: number, g: Grouping): Span {
  return spanOf(cal, kind, indexOf(kind, cal.dayOf(ms), g), g);
}

/** A period's label: its first day `YYYY-MM-DD` (a month: `YYYY-MM`). */
export function labelOf(cal: Calendar, kind: PeriodKind, index: number, g: Grouping): string {
  if (kind === 'month') return monthLabel(index);
  return cal.dayIso(startDayOf(kind, index, g));
}
