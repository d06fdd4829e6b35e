/**
 * What a CRM backend found using the library as docs/integration.md says:
 * an office made with engine options, events one at a time, snapshots and
 * resume.
 */
import { describe, expect, it } from 'vitest';
import { createOffice, fromSnapshot, initialState, PolicyError, toSnapshot, type OfficeState } from '../../src/index.js';
import { deal, staff, visit, zhang } from '../support/dsl.js';

describe('createOffice given engine options that cannot be read', () => {
  it('given options whose getter throws, when the office is created, then the options come back as an issue and nothing is thrown', () => {
    const options = Object.defineProperty({}, 'history', { enumerable: true, get: () => { throw new Error('config not loaded'); } });
    const r = createOffice({}, options);
    expect(r).toEqual({ ok: false, issues: [expect.objectContaining({ code: 'invalid_policy', path: ['options'], message: expect.stringContaining('config not loaded') })] });
  });

  it('given the same options, when initialState is called, then a PolicyError naming the options is thrown, as documented', () => {
    const options = Object.defineProperty({}, 'redeliveryWindowDays', { enumerable: true, get: () => { throw new Error('config not loaded'); } });
    expect(() => initialState({}, options)).toThrow(PolicyError);
  });
});

describe('engine options belong to the state (redelivery window)', () => {
  const first = staff('S01', {}, '11-01 08:00');
  const later = staff('S02', {}, '11-20 08:00');
  const restoredUnder = (days: number): OfficeState => {
    const created = createOffice({}, { redeliveryWindowDays: days });
    if (!created.ok) throw new Error('valid');
    let state = created.office.initialState();
    for (const e of [first, later]) state = created.office.apply(state, e).state;
    const r = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(state))));
    if (!r.ok) throw new Error('restores');
    return r.state;
  };

  it('given a state snapshotted under a 7-day window, when an office with a 30-day window resumes it and the first event is redelivered, then it is refused out_of_order under the state\'s 7 days, never applied twice', () => {
    const state = restoredUnder(7);
    const wide = createOffice({}, { redeliveryWindowDays: 30 });
    if (!wide.ok) throw new Error('valid');
    const step = wide.office.apply(state, first);
    expect(step.state.options.redeliveryWindowDays).toBe(7);
    expect(step.issues).toEqual([expect.objectContaining({ code: 'out_of_order', event: first.id, path: ['at'], message: expect.stringContaining('more than 7 days before') })]);
    expect(step.state).toBe(state);
    expect(step.state.events).toBe(2);
  });

  it('given a state snapshotted under a 30-day window, when it is resumed and the first event is redelivered, then it is a no-op marked redelivered', () => {
    const state = restoredUnder(30);
    const created = createOffice({}, { redeliveryWindowDays: 30 });
    if (!created.ok) throw new Error('valid');
    const step = created.office.apply(state, first);
    expect(step).toMatchObject({ issues: [], decisions: [], redelivered: true });
    expect(step.state).toBe(state);
  });
});

describe('a closeDeal whose productType is a name Object.prototype has', () => {
  // Known bug, outside this branch's files: src/deals/ledger.ts (syncBonus) reads
  // policy.bonus.byProductType[deal.productType], which for "constructor",
  // "toString", "__proto__" ... is Object.prototype's, and new Decimal() throws.
  // A valid event then throws from apply on every delivery and every replay.
  // Fix: Object.hasOwn(policy.byProductType, deal.productType) ? ... : undefined; then drop `.fails`.
  it.each(['constructor', 'toString', '__proto__'])('given a deal of productType %s, when it is applied, then it is booked and nothing is thrown', (productType) => {
    const created = createOffice({});
    if (!created.ok) throw new Error('valid');
    let state = created.office.initialState();
    for (const e of [staff('S01'), visit('11-01 10:00', zhang, { receiver: 'S01' })]) state = created.office.apply(state, e).state;
    const step = created.office.apply(state, deal('11-02 10:00', 'D1', 'S01', zhang, 'subscription', { productType, amount: '1000000' }));
    expect(step.issues).toEqual([]);
  });
});
