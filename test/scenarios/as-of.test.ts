/**
 * True time travel (issue 12): the office as it stood at a time, from the
 * events up to that time only. On main, `ViewOptions.at` only judged lapses
 * on the final state: `ownerOf` at 11-02 named the owner of a client first
 * registered on 11-03, and a complaint of 11-05 already showed at 11-02.
 */
import { describe, expect, it } from 'vitest';
import { asOf, createOffice, explain, nextReceiver, ownerOf, owners, replay, type ViewOptions } from '../../src/index.js';
import { complaint, staff, t, visit, wang, zhang } from '../support/dsl.js';

const log = [staff('S01'), staff('S02'), visit('11-01 10:00', wang, { receiver: 'S02' }), visit('11-03 10:00', zhang, { receiver: 'S01' }), complaint('11-05 10:00', zhang, 'S01', true, 'S02')];

describe('asOf: the register as it stood at a time', () => {
  it("OWN-FIRST: before a client's first registration, ownerOf as of then returns nobody (no such client yet)", () => {
    const then = asOf(log, '2026-11-02T18:00');
    expect(ownerOf(then.state, zhang.phone, then.view)).toBeUndefined();
    expect(owners(then.state, then.view).map((o) => o.owner)).toEqual(['S02']);
    expect(then.later).toBe(2);
    expect(then.at).toBe('2026-11-02T18:00:00+08:00');
  });

  it('OWN-COMPLAINT: a complaint of 11-05 does not show as of 11-04; it does as of 11-05', () => {
    expect(ownerOf(asOf(log, '2026-11-04').state, zhang.phone)?.owner).toBe('S01');
    const after = asOf(log, '2026-11-05');
    expect(ownerOf(after.state, zhang.phone, after.view)?.owner).toBe('S02');
    expect(ownerOf(after.state, zhang.phone, after.view)?.rules).toContain('OWN-COMPLAINT');
  });

  it('OWN-VALIDITY: as of a time after the last event up to then, protections that ended in between show as lapsed (the view looks ahead to the time asked)', () => {
    const late = asOf(log.slice(0, 3), '2026-12-31');
    expect(late.state.lastAt).toBe(Date.parse(t('11-01 10:00')));
    expect(ownerOf(late.state, wang.phone, late.view)).toMatchObject({ owner: null, status: 'none', rules: ['OWN-VALIDITY'] });
    expect(ownerOf(late.state, wang.phone)?.owner).toBe('S02');
  });

  it('a date alone means the end of that day; an office asks under its own policy; a bad time is a RangeError', () => {
    expect(asOf(log, '2026-11-03').state.events).toBe(4);
    const office = createOffice({ ownership: { validityDays: { visit: 1 } } });
    if (!office.ok) throw new Error('policy');
    const short = office.office.asOf(log.slice(0, 4), '2026-11-05T12:00');
    expect(ownerOf(short.state, zhang.phone, short.view)?.owner).toBeNull();
    expect(() => asOf(log, 'yesterday')).toThrow(RangeError);
  });
});

describe('views do not pretend to travel back', () => {
  const { state } = replay(log);

  it('lookAhead before the last event is refused, naming asOf', () => {
    expect(() => ownerOf(state, zhang.phone, { lookAhead: t('11-02 12:00') })).toThrow(/cannot look back.*asOf/);
    expect(() => owners(state, { lookAhead: t('11-02 12:00') })).toThrow(RangeError);
    expect(() => explain(state, zhang.phone, { lookAhead: t('11-02 12:00') })).toThrow(RangeError);
    expect(() => nextReceiver(state, t('11-02 12:00'))).toThrow(/cannot look back/);
    expect(ownerOf(state, zhang.phone, { lookAhead: t('11-05 10:00') })?.owner).toBe('S02');
  });

  it('the old option `at` is refused for callers without types, instead of silently answering about the final state', () => {
    const old = { at: t('11-02 12:00') } as unknown as ViewOptions;
    expect(() => ownerOf(state, zhang.phone, old)).toThrow(/ViewOptions.at is gone/);
  });
});
