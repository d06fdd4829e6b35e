/**
 * Times written in an office's zone (a policy version's `from`, a view's
 * `lookAhead`, `asOf`'s cut): a date alone is the first instant of that local
 * day, a local time the clocks skip is refused as one, and an instant with
 * an offset is read as strictly as an event's `at` (audit D #4, #5).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { asOf, instantSchema, owners, parseEvent, readTime, replay, type Event } from '../../src/index.js';
import { parseTime } from '../../src/cli/options.js';
import { askedMs, localInstant, notATime, skippedMessage } from '../../src/kernel/time.js';

describe('a date alone is the first instant of its local day', () => {
  it.each([
    ['America/Santiago', '2026-09-06', '2026-09-06T01:00:00-03:00', '2026-09-07T00:00:00-03:00'],
    ['America/Havana', '2026-03-08', '2026-03-08T01:00:00-04:00', '2026-03-09T00:00:00-04:00'],
    ['Asia/Shanghai', '2026-10-10', '2026-10-10T00:00:00+08:00', '2026-10-11T00:00:00+08:00'],
    ['America/New_York', '2026-03-08', '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00'],
  ])('in %s, %s starts at %s; asked about, it means the whole day', (zone, date, start, next) => {
    expect(localInstant(date, zone)).toBe(Date.parse(start));
    expect(askedMs(date, zone)).toBe(Date.parse(next) - 1);
  });

  it('no calendar has 2026-02-30 or 24:00', () => {
    for (const text of ['2026-02-30', '2026-13-01', '2026-10-10T24:00', '2026-10-10T09:60', '2026-10-10T09:00:60']) expect(localInstant(text, 'Asia/Shanghai')).toBeNaN();
  });
});

describe('a local time the clocks skip does not exist in the zone', () => {
  it('is NaN, and the message says which hour the clocks skip', () => {
    expect(localInstant('2026-03-08T02:30', 'America/New_York')).toBeNaN();
    expect(skippedMessage('2026-03-08T02:30', 'America/New_York')).toBe('"2026-03-08T02:30" does not exist in America/New_York (clocks skip 02:00-03:00)');
    expect(skippedMessage('2026-10-04T02:15', 'Australia/Lord_Howe')).toBe('"2026-10-04T02:15" does not exist in Australia/Lord_Howe (clocks skip 02:00-02:30)');
    expect(skippedMessage('2026-03-08T03:30', 'America/New_York')).toBeNull();
    expect(skippedMessage('2026-02-30T02:30', 'America/New_York')).toBeNull();
    expect(notATime('2026-03-08T02:30', 'America/New_York')).toBe('"2026-03-08T02:30" does not exist in America/New_York (clocks skip 02:00-03:00)');
    expect(notATime('2026-03-08T02:30')).toBe('"2026-03-08T02:30" does not exist in the office\'s zone: its clocks skip it (a daylight-saving change)');
    expect(notATime('2026-02-30T02:30')).toMatch(/is not a time: use/);
  });

  const office = { office: 'o1', v: 1 } as const;
  const ev = (id: string, at: string, type: string, body: Record<string, unknown>): Event => {
    const r = parseEvent({ ...office, id, at, type, ...body });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.event;
  };

  it("views and asOf read the office's zone the same way: a Santiago date alone is its whole day, a New York time in the gap is refused as such", () => {
    const santiago = { timeZone: 'America/Santiago', office: 'o1' };
    const log = [ev('e1', '2026-09-05T08:00:00-04:00', 'changeStaff', { staff: 'S1', name: 'One', status: 'onDuty' })];
    const { state } = replay(log, santiago);
    expect(() => owners(state, { lookAhead: '2026-09-06' })).not.toThrow();
    expect(asOf(log, '2026-09-06', santiago).at).toBe('2026-09-06T23:59:59.999-03:00');
    const ny = { timeZone: 'America/New_York', office: 'o1' };
    const early = [ev('e1', '2026-03-07T08:00:00-05:00', 'changeStaff', { staff: 'S1', name: 'One', status: 'onDuty' })];
    const nyState = replay(early, ny).state;
    expect(() => owners(nyState, { lookAhead: '2026-03-08T02:30' })).toThrow(/"2026-03-08T02:30" does not exist in America\/New_York \(clocks skip 02:00-03:00\)/);
    expect(() => asOf(early, '2026-03-08T02:30', ny)).toThrow(/does not exist in America\/New_York \(clocks skip 02:00-03:00\)/);
  });
});

describe('an instant with an offset is read as strictly as an event time', () => {
  it('minutes alone with an offset are still a time (2026-10-10T09:00+08:00), as views always read them', () => {
    expect(localInstant('2026-10-10T09:00+08:00', 'Asia/Shanghai')).toBe(Date.parse('2026-10-10T09:00:00+08:00'));
  });

  it.each(['2026-02-30T00:00:00+08:00', '2026-10-10T24:00+08:00', '2026-10-10T24:00:00+08:00', 'Tue Oct 10 2026 00:00:00 GMT+0800', '2026-02-30T00:00+08:00', '2026-10-10T00:00:00+0800'])(
    '%s is refused, as instantSchema refuses it',
    (text) => {
      expect(instantSchema.safeParse(text).success).toBe(false);
      expect(localInstant(text, 'Asia/Shanghai')).toBeNaN();
      expect(askedMs(text, 'Asia/Shanghai')).toBeNaN();
    },
  );

  const two = (n: number) => String(n).padStart(2, '0');
  test.prop([
    fc.integer({ min: 1990, max: 2110 }),
    fc.integer({ min: 0, max: 14 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
    fc.option(fc.integer({ min: 0, max: 61 })),
    fc.constantFrom('Z', '+08:00', '-05:30', '+0800', '+24:00', '', 'z'),
  ])('accepts exactly what instantSchema accepts, at the same instant', (y, mo, d, h, mi, s, offset) => {
    const text = `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}${s === null ? '' : `:${two(s)}`}${offset}`;
    const ms = localInstant(text, 'Asia/Shanghai');
    if (offset === '') return; // a local time: read in the zone, not an instant
    // Minutes alone with an offset are a time asked about too (a view's lookAhead), though an event's `at` needs its seconds.
    const withSeconds = s === null ? `${text.slice(0, 16)}:00${offset}` : text;
    expect(!Number.isNaN(ms)).toBe(instantSchema.safeParse(withSeconds).success);
    if (!Number.isNaN(ms)) expect(ms).toBe(Date.parse(text));
  });
});

describe('readTime: the one reader of a time a caller writes (views, asOf, the CLI)', () => {
  it.each([
    ['2026-11-02', 'Asia/Shanghai', Date.parse('2026-11-03T00:00:00+08:00') - 1],
    ['2026-11-02T18:00', 'Asia/Shanghai', Date.parse('2026-11-02T18:00:00+08:00')],
    ['2026-11-02 18:00:30', 'Asia/Shanghai', Date.parse('2026-11-02T18:00:30+08:00')],
    ['2026-11-02T18:00:00Z', 'Asia/Shanghai', Date.parse('2026-11-02T18:00:00Z')],
    ['2026-03-08', 'America/New_York', Date.parse('2026-03-09T00:00:00-04:00') - 1],
  ])('%s in %s', (text, zone, ms) => {
    expect(readTime(text, zone)).toBe(ms);
    // The CLI's --as-of and --at read it the same way.
    expect(parseTime('--as-of', text, zone)).toBe(ms);
  });

  it('refuses what is not a time, and a local time the zone skips, with the same message in the CLI', () => {
    expect(() => readTime('yesterday', 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => readTime('2026-03-08T02:30', 'America/New_York')).toThrow('"2026-03-08T02:30" does not exist in America/New_York (clocks skip 02:00-03:00)');
    expect(() => parseTime('--at', '2026-03-08T02:30', 'America/New_York')).toThrow('--at: "2026-03-08T02:30" does not exist in America/New_York (clocks skip 02:00-03:00)');
    expect(() => parseTime('--at', '2026-02-29', 'Asia/Shanghai')).toThrow('--at: "2026-02-29" is not a time');
  });
});
