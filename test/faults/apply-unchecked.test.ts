/**
 * apply given an event of a known type that its schema refuses: what a CRM
 * backend in plain JavaScript builds by hand (a claim without its client, an
 * amount as a number). The TypeScript types rule it out; apply still
 * answers with the schema's issue at the field's path and leaves the state
 * as it was, never a TypeError from inside a family, never a float taken
 * for money.
 */
import { describe, expect, it } from 'vitest';
import { apply, createOffice, ingest, initialState, type Event } from '../../src/index.js';
import { deepFreeze, expectUnchanged, foldAll } from '../support/fold.js';
import { claim, deal, staff, t, visit, zhang } from '../support/dsl.js';

const base = foldAll(initialState(), [staff('S01'), visit('11-01 10:00', zhang, { receiver: 'S01' })]).state;

describe('apply given an event its schema refuses', () => {
  it('given a claim without its client, then an issue at client and the state unchanged (was a TypeError)', () => {
    const state = deepFreeze(base);
    const bad = { v: 1, id: 'c1', type: 'claimClient', at: t('11-02 09:00'), office: 'jz', staff: 'S01' } as unknown as Event;
    const step = apply(state, bad);
    expect(step.issues).toEqual([expect.objectContaining({ code: 'invalid_type', path: ['client'], event: 'c1' })]);
    expectUnchanged(step.state, state);
    expect(step.decisions).toEqual([]);
  });

  it('given a deal amount as a number (COM-SPLIT-EXACT: money is never a float), then invalid_type at amount, nothing booked', () => {
    const good = deal('11-02 11:00', 'D1', 'S01', zhang, 'subscription', { unit: '3-1202', amount: '1250000' });
    const bad = { ...good, amount: 0.1 + 0.2 } as unknown as Event;
    const step = apply(base, bad);
    expect(step.issues).toEqual([expect.objectContaining({ path: ['amount'] })]);
    expect(step.state).toBe(base);
  });

  it('given a claim without its kind (a default of the schema), then it is applied as a claim, as ingest would', () => {
    const full = claim('11-02 09:00', 'S01', zhang);
    const { kind: _kind, ...withoutKind } = full as Event & { kind?: string };
    const viaApply = apply(base, withoutKind as unknown as Event);
    const viaIngest = ingest(base, withoutKind);
    expect(viaApply.issues).toEqual([]);
    expect(viaApply.decisions).toEqual(viaIngest.decisions);
  });

  it('given the same through an office, then the same issue', () => {
    const created = createOffice({});
    if (!created.ok) throw new Error('policy');
    const bad = { v: 1, id: 'c2', type: 'recordFollowUp', at: t('11-02 09:00'), office: 'jz', staff: 'S01' } as unknown as Event;
    expect(created.office.apply(base, bad).issues).toEqual([expect.objectContaining({ path: ['client'] })]);
  });
});
