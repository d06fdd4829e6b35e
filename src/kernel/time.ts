/**
 * Calendar days in an office's time zone, with cached day boundaries.
 *
 * Why cached: a `TZDate` costs ~7 µs and calendar-day differences on TZDates
 * ~91 µs (DESIGN.md), so per-event use would cap replay far below JSON.parse
 * speed. A day's boundaries are computed once per zone and day, after which
 * `dayOf` is a Map lookup. Time always comes from events, never the clock.
 *
 * @internal
 */
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { describeValue } from './issues.js';
import { startOfDay } from 'date-fns';

const DAY = 86_400_000;

interface DayRange {
  readonly day: number;
  readonly start: number;
  readonly end: number;
  // Offsets in ms at the start and at the last instant of the day; equal
  // unless a DST change falls inside the day.
  readonly offsetStart: number;
  readonly offsetEnd: number;
}

/** Calendar arithmetic in one IANA time zone. */
export interface Calendar {
  readonly zone: string;
  /** The local calendar day (days since 1970-01-01 in the zone) of an instant. */
  dayOf(ms: number): number;
  /** The instant of local midnight that starts a day. */
  startOf(day: number): number;
  /** Local wall-clock minutes since midnight of an instant. */
  minuteOfDay(ms: number): number;
  /** An instant as local ISO-8601 with its offset, e.g. `2026-11-12T00:00:00+08:00`. */
  localIso(ms: number): string;
  /** A local day as `YYYY-MM-DD`. */
  dayIso(day: number): string;
}

function offsetAt(ms: number, zone: string): number {
  return -new TZDate(ms, zone).getTimezoneOffset() * 60_000;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.abs(offsetMs) / 60_000;
  return `${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function createCalendar(zone: string): Calendar {
  const byDay = new Map<number, DayRange>();
  let guessOffset = offsetAt(0, zone);
  let lastMs = Number.NaN;
  let lastOffset = 0;

  function offsetNear(ms: number): number {
    if (ms !== lastMs) {
      lastMs = ms;
      lastOffset = offsetAt(ms, zone);
    }
    return lastOffset;
  }

  function rangeOfDay(day: number): DayRange {
    const cached = byDay.get(day);
    if (cached) return cached;
    // Most days keep the offset of the days around them: midnight is then plain arithmetic. The offset
    // at its first and last instant and at the next day's first confirms it (a clock set back at
    // midnight makes a longer day), at half the cost of building local dates: the next day's first
    // instant is the following day's check, so days in a row cost two look-ups each.
    const start = day * DAY - guessOffset;
    if (offsetNear(start) === guessOffset && offsetNear(start + DAY - 1) === guessOffset && offsetNear(start + DAY) === guessOffset) {
      const range: DayRange = { day, start, end: start + DAY, offsetStart: guessOffset, offsetEnd: guessOffset };
      byDay.set(day, range);
      return range;
    }
    return exactRange(day);
  }

  function exactRange(day: number): DayRange {
    const utc = new Date(day * DAY);
    const y = utc.getUTCFullYear();
    const m = utc.getUTCMonth();
    const d = utc.getUTCDate();
    const start = startOfDay(new TZDate(y, m, d, zone)).getTime();
    // The next day's first instant, not this one's plus a day: where clocks skip midnight the day
    // starts at 01:00, and a day added to that would reach into the next day's first hour.
    const end = startOfDay(new TZDate(y, m, d + 1, zone)).getTime();
    const range: DayRange = {
      day,
      start,
      end,
      offsetStart: offsetAt(start, zone),
      offsetEnd: offsetAt(end - 1, zone),
    };
    byDay.set(day, range);
    return range;
  }

  function rangeOf(ms: number): DayRange {
    const guess = Math.floor((ms + guessOffset) / DAY);
    for (const day of [guess, guess - 1, guess + 1]) {
      const range = rangeOfDay(day);
      if (ms >= range.start && ms < range.end) {
        guessOffset = range.offsetStart;
        return range;
      }
    }
    // Only reached when the zone's offset jumped by more than a day.
    const d = new TZDate(ms, zone);
    const day = Math.floor(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY);
    guessOffset = offsetAt(ms, zone);
    return rangeOfDay(day);
  }

  function offsetOf(ms: number): number {
    const range = rangeOf(ms);
    return range.offsetStart === range.offsetEnd ? range.offsetStart : offsetAt(ms, zone);
  }

  return {
    zone,
    dayOf: (ms) => rangeOf(ms).day,
    startOf: (day) => rangeOfDay(day).start,
    minuteOfDay(ms) {
      const wall = ms + offsetOf(ms);
      return Math.floor((((wall % DAY) + DAY) % DAY) / 60_000);
    },
    localIso(ms) {
      const offset = offsetOf(ms);
      const wall = new Date(ms + offset);
      const frac = wall.getUTCMilliseconds();
      return (
        `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
        `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
        (frac ? `.${pad(frac, 3)}` : '') +
        formatOffset(offset)
      );
    },
    dayIso: dayIsoOf,
  };
}

const dayIsos = new Map<number, string>();

// Day strings repeat (one per day of the log): formatted once.
function dayIsoOf(day: number): string {
  let iso = dayIsos.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY).toISOString().slice(0, 10);
    if (dayIsos.size > 100_000) dayIsos.clear();
    dayIsos.set(day, iso);
  }
  return iso;
}

const ZERO = 48;

function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Epoch ms of an ISO-8601 instant with seconds and an offset or `Z`, as the
 * event schema accepts them (`2026-11-01T10:00:00+08:00`, `...:00.250Z`).
 * Reads the digits directly: about a tenth of `Date.parse`, which every event
 * would otherwise pay. Anything else goes to `Date.parse`.
 */
export function instantMs(iso: string): number {
  const n = iso.length;
  if (n < 20 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(10) !== 84 || iso.charCodeAt(13) !== 58 || iso.charCodeAt(16) !== 58) return Date.parse(iso);
  const y = digits(iso, 0, 4);
  const mo = digits(iso, 5, 2);
  const d = digits(iso, 8, 2);
  const h = digits(iso, 11, 2);
  const mi = digits(iso, 14, 2);
  const sec = digits(iso, 17, 2);
  // Date.UTC reads years 0-99 as 1900-1999.
  if ((y | mo | d | h | mi | sec) < 0 || y < 100) return Date.parse(iso);
  let i = 19;
  let ms = 0;
  if (iso.charCodeAt(i) === 46) {
    let scale = 100;
    i++;
    while (i < n) {
      const c = iso.charCodeAt(i) - ZERO;
      if (c < 0 || c > 9) break;
      ms += c * scale;
      scale /= 10;
      i++;
    }
    ms = Math.floor(ms);
  }
  let offset = 0;
  const sign = iso.charCodeAt(i);
  if (sign === 90 && i === n - 1) offset = 0;
  else if ((sign === 43 || sign === 45) && i === n - 6 && iso.charCodeAt(i + 3) === 58) {
    const oh = digits(iso, i + 1, 2);
    const om = digits(iso, i + 4, 2);
    if ((oh | om) < 0) return Date.parse(iso);
    offset = (sign === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
  } else return Date.parse(iso);
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offset;
}

const calendars = new Map<string, Calendar>();

/** The (memoized) calendar of a zone. The zone must be valid: see {@link isTimeZone}. */
export function calendarOf(zone: string): Calendar {
  let calendar = calendars.get(zone);
  if (!calendar) {
    calendar = createCalendar(zone);
    calendars.set(zone, calendar);
  }
  return calendar;
}

/** Whether a string names an IANA time zone known to this runtime. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Parses `HH:mm` into minutes since midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** The schema of a number of whole days in policies (0 to 3650, ten years). */
export const daysSchema = z.number().int('must be a whole number of days').min(0, 'must be 0 or more').max(3650, 'must be at most 3650');

/**
 * The schema of a window's length, in policies: whole calendar days (0 to
 * 3650), or calendar months (`{ months: 3 }` for a seed's 三个月, which is not
 * 90 days), with one message for a value that is neither.
 */
export const termSchema = z.union(
  [
    daysSchema,
    z.strictObject({ months: z.number().int('must be a whole number of months').min(1, 'must be 1 or more').max(120, 'must be at most 120') }),
  ],
  { error: 'must be a whole number of days (0 to 3650) or { "months": n } calendar months (1 to 120)' },
);

/** A window's length: whole calendar days, or calendar months. */
export type Term = z.infer<typeof termSchema>;

/**
 * A window's length as a decision's arguments: `days` or `months`.
 *
 * @example
 * ```ts
 * termArgs(30); // { days: 30 }
 * termArgs({ months: 1 }); // { months: 1 }
 * ```
 */
export function termArgs(term: Term): { days: number } | { months: number } {
  return typeof term === 'number' ? { days: term } : { months: term.months };
}

/**
 * A window's length in words, from a decision's arguments ({@link termArgs}).
 *
 * @example
 * ```ts
 * termWords({ days: 30 }); // '30 days'
 * termWords({ months: 1 }); // '1 month'
 * ```
 */
export function termWords(args: Readonly<Record<string, unknown>> | undefined): string {
  const months = args?.months;
  if (typeof months === 'number') return `${months} month${months === 1 ? '' : 's'}`;
  return `${String(args?.days ?? '?')} days`;
}

/**
 * The day `months` calendar months after `day` (days since the epoch), the
 * same day of the month, or the month's last when it has fewer (Jan 31 + 1
 * month is Feb 28, or 29).
 */
export function monthsAfter(day: number, months: number): number {
  const d = new Date(day * DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / DAY);
}

/**
 * The end of a window of `term` after the day of `fromMs`: local midnight at
 * the start of the day after its last. A 10-day window opened on Nov 1 at
 * 15:00 protects through Nov 11 and ends Nov 12 00:00; a one-month window
 * opened then protects through Dec 1 and ends Dec 2 00:00.
 */
export function windowEnd(calendar: Calendar, fromMs: number, term: Term): number {
  const day = calendar.dayOf(fromMs);
  return calendar.startOf((typeof term === 'number' ? day + term : monthsAfter(day, term.months)) + 1);
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
// The event schema's instants (instantSchema): the same regex, so a time asked about or a policy's `from` is read as
// strictly as an event's `at` (no 02-30, no T24:00, a `Z` or `+hh:mm` offset); minutes alone are a time too, as ever.
const INSTANT = z.regexes.datetime({ offset: true });
const INSTANT_MINUTES = z.regexes.datetime({ offset: true, precision: -1 });

/** A wall-clock reading in a zone's calendar: numbers a real date and clock could show (the zone may still skip it). */
interface Wall {
  readonly y: number;
  readonly mo: number;
  readonly d: number;
  readonly h: number;
  readonly mi: number;
  readonly s: number;
  /** Whether only a date was written. */
  readonly dateOnly: boolean;
}

/** The wall clock a local time names, or null when no calendar has it (2026-02-30, 24:00). */
function wallOf(text: string): Wall | null {
  const m = LOCAL_TIME.exec(text);
  if (m === null) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as [number, number, number, number, number, number];
  const utc = new Date(0);
  utc.setUTCFullYear(y, mo - 1, d);
  // 2026-02-30 rolls over to March: not a date.
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return { y, mo, d, h, mi, s, dateOnly: m[4] === undefined };
}

/** Epoch ms of the wall clock as if it were UTC (years 0-99 as written, not 1900-1999). */
function wallUtc(w: Wall): number {
  const utc = new Date(0);
  utc.setUTCFullYear(w.y, w.mo - 1, w.d);
  return utc.getTime() + ((w.h * 60 + w.mi) * 60 + w.s) * 1000;
}

/**
 * Epoch ms of a wall clock in a zone, or NaN where the zone's clocks skip it.
 * A date alone is the first instant of that local day: midnight, or 01:00
 * where clocks skip midnight (America/Santiago 2026-09-06).
 */
function instantOfWall(w: Wall, zone: string): number {
  const cal = calendarOf(zone);
  if (w.dateOnly && w.y >= 100) return cal.startOf(Math.floor(wallUtc(w) / DAY));
  if (w.y < 100) {
    // TZDate reads years 0-99 as 1900-1999; no zone changed its clocks then, so two look-ups of the offset suffice.
    const wall = wallUtc(w);
    return wall - offsetAt(wall - offsetAt(wall, zone), zone);
  }
  const date = new TZDate(w.y, w.mo - 1, w.d, w.h, w.mi, w.s, 0, zone);
  // A time the clocks skip (02:30 on a spring-forward night) comes back moved: it does not exist there.
  if (date.getDate() !== w.d || date.getHours() !== w.h || date.getMinutes() !== w.mi) return Number.NaN;
  return date.getTime();
}

/**
 * Epoch ms of a time written in an office's zone: a local date
 * (`2026-12-01`, the first instant of that day: midnight, or 01:00 where the
 * clocks skip midnight), a local date-time (`2026-12-01T09:00`,
 * `2026-12-01 09:00:30`), or an ISO-8601 instant with an offset, read as
 * strictly as an event's `at` (`2026-12-01T09:00:00+08:00`). NaN when it is
 * none of these: no such day (`2026-02-30`), no such clock (`T24:00`), a
 * local time the zone's clocks skip (see {@link skippedMessage}), or any
 * other form (`Date.toString()`).
 *
 * @param text - the time as written
 * @param zone - the office's IANA zone
 * @example
 * ```ts
 * localInstant('2026-09-06', 'America/Santiago') === Date.parse('2026-09-06T01:00:00-03:00'); // true: the day starts at 01:00
 * localInstant('2026-02-30T00:00:00+08:00', 'Asia/Shanghai'); // NaN, as instantSchema refuses it
 * ```
 */
export function localInstant(text: string, zone: string): number {
  if (LOCAL_TIME.test(text)) {
    const wall = wallOf(text);
    return wall === null ? Number.NaN : instantOfWall(wall, zone);
  }
  return INSTANT.test(text) || INSTANT_MINUTES.test(text) ? instantMs(text) : Number.NaN;
}

function clockOf(wallMs: number): string {
  const wall = new Date(wallMs);
  return `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}

/**
 * The message for a local time that a real calendar has but the zone's
 * clocks skip (a daylight-saving change), or null when the text is not
 * such a time: `"2026-03-08T02:30" does not exist in America/New_York (clocks skip 02:00-03:00)`.
 *
 * @param text - a time as written
 * @param zone - the office's IANA zone
 * @example
 * ```ts
 * skippedMessage('2026-03-08T02:30', 'America/New_York'); // '"2026-03-08T02:30" does not exist in America/New_York (clocks skip 02:00-03:00)'
 * ```
 */
export function skippedMessage(text: string, zone: string): string | null {
  const w = wallOf(text);
  if (w === null || w.dateOnly || !Number.isNaN(instantOfWall(w, zone))) return null;
  // The change lies within a day of the wall clock read as UTC (offsets are under 15 hours): find its minute.
  const wall = wallUtc(w);
  let lo = Math.floor((wall - DAY) / 60_000) * 60_000;
  let hi = lo + 2 * DAY;
  const before = offsetAt(lo, zone);
  if (offsetAt(hi, zone) === before) return `${describeValue(text)} does not exist in ${zone} (its clocks skip it)`;
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (offsetAt(mid, zone) === before) lo = mid;
    else hi = mid;
  }
  const after = offsetAt(hi, zone);
  return `${describeValue(text)} does not exist in ${zone} (clocks skip ${clockOf(hi + before)}-${clockOf(hi + after)})`;
}

/**
 * A month as `YYYY-MM` (`2026-11`): a pay month, a target's month, a ledger
 * filter.
 *
 * @example
 * ```ts
 * MONTH_PATTERN.test('2026-11'); // true; '2026-1' and '2026-13' are not months
 * ```
 */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Epoch ms of a time a caller asks about, read in the office's zone and never
 * in the machine's: an instant with an offset as it is, a local date-time
 * (`2026-11-02T18:00`) in the zone, and a date alone (`2026-11-02`) as the
 * whole day, up to its last millisecond.
 *
 * @param text - the time as the caller wrote it
 * @param zone - the office's IANA zone
 * @returns epoch ms, or NaN when the text is none of these
 * @example
 * ```ts
 * askedMs('2026-11-02T18:00', 'Asia/Shanghai') === Date.parse('2026-11-02T18:00:00+08:00'); // true
 * askedMs('2026-11-02', 'Asia/Shanghai') === Date.parse('2026-11-03T00:00:00+08:00') - 1; // true
 * ```
 * @internal
 */
export function askedMs(text: string, zone: string): number {
  const start = localInstant(text, zone);
  if (Number.isNaN(start) || !DATE_ONLY.test(text)) return start;
  const cal = calendarOf(zone);
  return cal.startOf(cal.dayOf(start) + 1) - 1;
}

/**
 * Reads a time the way the views, `asOf` and the CLI read one, in the
 * office's zone and never in the machine's: an instant with an offset as
 * it is (`2026-11-02T18:00:00+08:00`), a local date-time (`2026-11-02T18:00`
 * or `2026-11-02 18:00`) in the zone, a date alone (`2026-11-02`) as the
 * end of that day (its last millisecond).
 *
 * @param text - the time as written
 * @param timeZone - the office's IANA zone (`policy.timeZone`)
 * @returns epoch ms
 * @throws RangeError when the text is none of these, or names a local time
 *   the zone's clocks skip (the message says which hour)
 * @example
 * ```ts
 * readTime('2026-11-02', 'Asia/Shanghai') === Date.parse('2026-11-03T00:00:00+08:00') - 1; // true
 * readTime('2026-11-02T18:00', 'Asia/Shanghai') === Date.parse('2026-11-02T18:00:00+08:00'); // true
 * readTime('yesterday', 'Asia/Shanghai'); // throws RangeError: "yesterday" is not a time: use 2026-11-02, ...
 * ```
 */
export function readTime(text: string, timeZone: string): number {
  const ms = askedMs(text, timeZone);
  if (Number.isNaN(ms)) throw new RangeError(notATime(text, timeZone));
  return ms;
}

/**
 * The message of a time a caller asked about that {@link askedMs} could not
 * read: a local time the office's clocks skip says so (with the zone: which
 * hour it skips); anything else gets the forms it reads.
 *
 * @param text - what the caller passed
 * @param zone - the office's zone, when the caller has it
 * @example
 * ```ts
 * notATime('2026/11/02'); // '"2026/11/02" is not a time: use 2026-11-02, 2026-11-02T18:00 (office time) or 2026-11-02T18:00:00+08:00'
 * notATime('2026-03-08T02:30'); // '"2026-03-08T02:30" does not exist in the office's zone: its clocks skip it (a daylight-saving change)'
 * ```
 * @internal
 */
export function notATime(text: unknown, zone?: string): string {
  if (typeof text === 'string') {
    if (zone !== undefined) {
      const skipped = skippedMessage(text, zone);
      if (skipped !== null) return skipped;
    } else {
      // askedMs reads every local time a calendar has except those the zone skips.
      const wall = wallOf(text);
      if (wall !== null && !wall.dateOnly) return `${describeValue(text)} does not exist in the office's zone: its clocks skip it (a daylight-saving change)`;
    }
  }
  return `${describeValue(text)} is not a time: use 2026-11-02, 2026-11-02T18:00 (office time) or 2026-11-02T18:00:00+08:00`;
}
