/**
 * Issue 13, engine side: times outside a sane range, views asked about a
 * time that is not one, and line numbers on the library's refusals.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { apply, initialState, nextReceiver, ownerOf, owners, explain, parseLog, replay, validatePolicy, type Event } from '../../src/index.js';
import { event, staff, t, visit, zhang } from '../support/dsl.js';

const at = (e: Event, iso: string, id = `${e.id}-${iso}`): Event => ({ ...e, at: iso, id });

describe('issue 13 #10: times outside a sane range are refused (policy limits)', () => {
  const roster = [staff('S01'), staff('S02')];

  it.each([
    ['before 1970', '1969-12-31T23:00:00+08:00'],
    ['year 0050 (a two-digit year)', '0050-11-01T10:00:00+08:00'],
    ['a typo of 1026', '1026-11-01T10:00:00+08:00'],
    ['the year 9999', '9999-11-01T10:00:00+08:00'],
  ])('%s, with time_out_of_range, and the state does not move', (_what, iso) => {
    const { state } = replay(roster);
    const step = apply(state, at(visit('11-02 10:00', zhang), iso));
    expect(step.issues).toEqual([expect.objectContaining({ code: 'time_out_of_range', path: ['at'] })]);
    expect(step.state.lastAt).toBe(state.lastAt);
    expect(step.state.events).toBe(state.events);
  });

  it('a far-future typo (2062 in a 2026 log) is refused, and the lines after it are applied', () => {
    const typo = at(visit('11-02 10:00', zhang), '2062-11-02T10:00:00+08:00');
    const next = visit('11-02 11:00', { name: '王芳', phone: '13900001111' });
    const r = replay([...roster, typo, next]);
    expect(r.issues.map((i) => [i.code, i.event])).toEqual([['time_out_of_range', typo.id]]);
    expect(r.state.events).toBe(3);
  });

  it('the policy widens the range: an office that really was idle for two years', () => {
    const later = at(visit('11-02 10:00', zhang), '2028-12-01T10:00:00+08:00');
    expect(replay([...roster, later]).issues[0]?.code).toBe('time_out_of_range');
    expect(replay([...roster, later], { limits: { maxGapDays: 1000 } }).issues).toEqual([]);
    expect(replay([at(visit('11-02 10:00', zhang), '1995-01-01T10:00:00+08:00', 'old')], { limits: { earliest: '1990-01-01T00:00:00Z' } }).issues).toEqual([]);
  });

  it('a gap refusal is final within the redelivery window, though the gap has shrunk since', () => {
    // 370 days after the roster; five days later the gap is 365 days, inside the limit.
    const typo = at(visit('11-02 10:00', zhang), '2027-11-06T10:00:00+08:00');
    const filler = at(event('endReception', '11-06 10:00', { staff: 'S01' }), t('11-06 10:00'), 'f1');
    const r = replay([...roster, typo, filler, typo]);
    expect(r.issues.map((i) => i.code)).toEqual(['time_out_of_range', 'time_out_of_range']);
    expect(r.issues[1]?.message).toMatch(/a redelivery/);
  });

  it('a policy may not open the range before 1970 (0 is the engine\'s "free" sentinel) nor close it', () => {
    expect(validatePolicy({ limits: { earliest: '1960-01-01T00:00:00Z' } }).ok).toBe(false);
    expect(validatePolicy({ limits: { earliest: '2030-01-01T00:00:00Z', latest: '2020-01-01T00:00:00Z' } }).ok).toBe(false);
    expect(validatePolicy({ limits: { maxGapDays: null } }).ok).toBe(true);
  });
});

describe('issue 13 #12: views asked about a time that is not one', () => {
  const { state } = replay([staff('S01'), visit('11-01 10:00', zhang, { receiver: 'S01' })]);

  it('owners, ownerOf and explain throw a RangeError as nextReceiver does', () => {
    expect(() => nextReceiver(state, 'nonsense')).toThrow(RangeError);
    expect(() => owners(state, { lookAhead: 'nonsense' })).toThrow(RangeError);
    expect(() => ownerOf(state, zhang.phone, { lookAhead: 'nonsense' })).toThrow(RangeError);
    expect(() => explain(state, zhang.phone, { lookAhead: 'nonsense' })).toThrow(/"nonsense" is not a time: use 2026-11-02/);
    expect(owners(state, { lookAhead: t('11-02 10:00') })).toHaveLength(1);
  });

  it("given a time without an offset, when a view reads it, then it is office time (Asia/Shanghai), whatever the machine's zone", () => {
    // A machine far from the office: Date.parse would read these times 12-13 hours off.
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    onTestFinished(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });
    expect(new Date(2026, 10, 16).getTimezoneOffset()).toBe(300);
    const late = replay([staff('S01'), visit('11-01 10:00', zhang, { receiver: 'S01' })], { ownership: { validityDays: { visit: 15 } } }).state;
    expect(ownerOf(late, zhang.phone, { lookAhead: '2026-11-16T23:59' })?.status).toBe('protected');
    expect(ownerOf(late, zhang.phone, { lookAhead: '2026-11-17T00:00' })?.status).toBe('none');
    // A date alone is the whole day, as asOf reads it.
    expect(ownerOf(late, zhang.phone, { lookAhead: '2026-11-16' })?.status).toBe('protected');
    expect(ownerOf(late, zhang.phone, { lookAhead: '2026-11-17' })?.status).toBe('none');
    expect(() => nextReceiver(late, '2026-11-01T09:00')).toThrow(/before the state's last event/);
    expect(() => owners(late, { lookAhead: 'Nov 20 2026' })).toThrow(/is not a time/);
  });

  it('a time that is not even a string (plain JavaScript callers) is the same RangeError, not a TypeError', () => {
    for (const at of [null, 5, {}, ['2026-11-01T10:00:00+08:00']]) {
      expect(() => owners(state, { lookAhead: at } as unknown as { lookAhead: string })).toThrow(RangeError);
      expect(() => nextReceiver(state, at as unknown as string)).toThrow(RangeError);
    }
  });
});

describe('issue 13 #12: hostile policies give issues, cut short', () => {
  it('a 10 MB unknown key is not echoed whole, in the message nor the path', () => {
    const r = validatePolicy({ ['k'.repeat(10_000_000)]: 1 });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r).length).toBeLessThan(1000);
  });

  it('a policy that cannot be read (a throwing getter, a Proxy) is an issue, not a throw', () => {
    const proxy = new Proxy({}, { get: () => { throw new Error('no'); }, ownKeys: () => { throw new Error('no'); } });
    const getter = { get ownership() { throw new Error('no'); } };
    for (const p of [proxy, getter]) expect(validatePolicy(p)).toMatchObject({ ok: false, issues: [{ code: 'invalid_policy', path: [] }] });
  });
});

describe('issue 13 #12: the library names the line of a refused event', () => {
  const lines = [staff('S01'), visit('11-01 10:00', zhang, { receiver: 'S01' })].map((e) => JSON.stringify(e));
  const first = JSON.parse(lines[1] as string) as Record<string, unknown>;

  it('duplicate_conflict and out_of_order from replay carry the line parseLog read them from', () => {
    const text = [...lines, JSON.stringify({ ...first, note: 'edited' }), JSON.stringify({ ...first, id: 'old', at: t('10-01 10:00') })].join('\n');
    const { events } = parseLog(text);
    const { issues } = replay(events);
    expect(issues.map((i) => [i.code, i.line])).toEqual([
      ['duplicate_conflict', 3],
      ['out_of_order', 4],
    ]);
  });

  it('refusals by the rules carry it too', () => {
    const { events } = parseLog([...lines, JSON.stringify(event('recordFollowUp', '11-02 10:00', { staff: 'S09', client: zhang }))].join('\n'));
    expect(replay(events).issues[0]).toMatchObject({ code: 'unknown_staff', line: 3 });
  });

  it('events built in code have no line', () => {
    expect(replay([staff('S01'), at(staff('S01'), t('10-01 10:00'), 'x')]).issues[0]?.line).toBeUndefined();
  });
});

describe('initial state', () => {
  it('is unchanged by the limits section', () => {
    expect(initialState().policy.limits).toEqual({ earliest: '2000-01-01T00:00:00Z', latest: '2100-01-01T00:00:00Z', maxGapDays: 366 });
  });
});
