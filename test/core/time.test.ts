import { TZDate } from '@date-fns/tz';
import { startOfDay } from 'date-fns';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { calendarOf, isTimeZone, monthsAfter, windowEnd } from '../../src/kernel/time.js';

describe('calendar days in the office zone (cached boundaries)', () => {
  const shanghai = calendarOf('Asia/Shanghai');
  const newYork = calendarOf('America/New_York');

  it('a Shanghai day runs from local midnight to local midnight', () => {
    const day = shanghai.dayOf(Date.parse('2026-11-01T00:00:00+08:00'));
    expect(shanghai.dayOf(Date.parse('2026-10-31T23:59:59.999+08:00'))).toBe(day - 1);
    expect(shanghai.dayOf(Date.parse('2026-11-01T23:59:59.999+08:00'))).toBe(day);
    expect(shanghai.dayIso(day)).toBe('2026-11-01');
    expect(shanghai.localIso(shanghai.startOf(day))).toBe('2026-11-01T00:00:00+08:00');
  });

  it('New York has a 25-hour day when DST ends and a 23-hour day when it starts', () => {
    const fall = newYork.dayOf(Date.parse('2026-11-01T12:00:00-05:00'));
    expect(newYork.startOf(fall + 1) - newYork.startOf(fall)).toBe(25 * 3_600_000);
    const spring = newYork.dayOf(Date.parse('2026-03-08T12:00:00-04:00'));
    expect(newYork.startOf(spring + 1) - newYork.startOf(spring)).toBe(23 * 3_600_000);
    expect(newYork.minuteOfDay(Date.parse('2026-11-01T18:00:00-05:00'))).toBe(18 * 60);
    expect(newYork.localIso(Date.parse('2026-11-01T05:30:00Z'))).toBe('2026-11-01T01:30:00-04:00');
    expect(newYork.localIso(Date.parse('2026-11-01T06:30:00Z'))).toBe('2026-11-01T01:30:00-05:00');
  });

  it('a window of N days ends at local midnight after the N-th full day', () => {
    expect(shanghai.localIso(windowEnd(shanghai, Date.parse('2026-11-01T15:00:00+08:00'), 10))).toBe('2026-11-12T00:00:00+08:00');
    expect(shanghai.localIso(windowEnd(shanghai, Date.parse('2026-11-01T00:00:00+08:00'), 0))).toBe('2026-11-02T00:00:00+08:00');
  });

  it('a window of N calendar months ends at local midnight after the same day N months on, or that month\'s last day', () => {
    const at = (iso: string, months: number) => shanghai.localIso(windowEnd(shanghai, Date.parse(iso), { months }));
    expect(at('2026-11-01T15:00:00+08:00', 1)).toBe('2026-12-02T00:00:00+08:00');
    expect(at('2026-11-30T09:00:00+08:00', 3)).toBe('2027-03-01T00:00:00+08:00');
    expect(at('2026-01-31T09:00:00+08:00', 1)).toBe('2026-03-01T00:00:00+08:00');
    expect(at('2028-01-31T09:00:00+08:00', 1)).toBe('2028-03-01T00:00:00+08:00');
    expect(at('2027-12-31T09:00:00+08:00', 2)).toBe('2028-03-01T00:00:00+08:00');
    expect(shanghai.dayIso(monthsAfter(shanghai.dayOf(Date.parse('2028-01-31T09:00:00+08:00')), 1))).toBe('2028-02-29');
  });

  test.prop([fc.integer({ min: -10_000, max: 30_000 }), fc.integer({ min: 1, max: 120 })])('N months on is between 28N and 31N days later, the same day of the month unless that month is shorter', (day, months) => {
    const later = monthsAfter(day, months);
    expect(later - day).toBeGreaterThanOrEqual(28 * months);
    expect(later - day).toBeLessThanOrEqual(31 * months);
    const from = new Date(day * 86_400_000);
    const to = new Date(later * 86_400_000);
    expect((to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth()).toBe(months);
    if (to.getUTCDate() !== from.getUTCDate()) expect(new Date((later + 1) * 86_400_000).getUTCDate()).toBe(1);
  });

  it('knows valid zones', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  test.prop([fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2040-01-01T00:00:00Z') }), fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata')])(
    'agrees with TZDate on the local date and wall clock, whatever the order of queries',
    (ms, zone) => {
      const cal = calendarOf(zone);
      const d = new TZDate(ms, zone);
      expect(cal.dayIso(cal.dayOf(ms))).toBe(`${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);
      expect(cal.minuteOfDay(ms)).toBe(d.getHours() * 60 + d.getMinutes());
      expect(cal.startOf(cal.dayOf(ms))).toBeLessThanOrEqual(ms);
      expect(Date.parse(cal.localIso(ms))).toBe(ms);
    },
  );

  // Days whose offset matches their neighbours' are found by arithmetic; these zones set their clocks at
  // midnight (Santiago, Asunción and Beirut back to 23:00, Havana on to 01:00), by half an hour (Lord Howe),
  // or skipped a whole day (Apia, 30 December 2011).
  it.each([
    ['America/Santiago', 2016],
    ['America/Asuncion', 2016],
    ['Asia/Beirut', 2016],
    ['America/Havana', 2016],
    ['Australia/Lord_Howe', 2016],
    ['Pacific/Apia', 2009],
    ['America/New_York', 2024],
  ] as const)('in %s every day from %i on starts at local midnight and lasts until the next, walked forward and back', (zone, year) => {
    // A day runs from its local midnight (or the first instant after it, where clocks skip midnight) to the next day's.
    const midnight = (day: number): number => {
      const utc = new Date(day * 86_400_000);
      return startOfDay(new TZDate(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), zone)).getTime();
    };
    const ref = (day: number): [number, number] => [midnight(day), midnight(day + 1)];
    const from = Math.floor(Date.UTC(year, 0, 1) / 86_400_000);
    const days = Array.from({ length: 4 * 366 }, (_, i) => from + i);
    for (const order of [days, [...days].reverse()]) {
      // A fresh calendar each walk (calendarOf shares one per zone), through the replay's path: dayOf on an instant.
      const cal = calendarOf(zone);
      for (const day of order) {
        const [start, end] = ref(day);
        if (start >= end) continue;
        expect(cal.dayOf(start)).toBe(day);
        expect(cal.dayOf(end - 1)).toBe(day);
        expect(cal.startOf(day)).toBe(start);
      }
    }
  });
});
