/**
 * A state restored from a snapshot taken under one policy, handed to an
 * office of another (a CRM that changed the office's validity days between
 * restarts). The refusal named both policies "v1 \"default\"", which reads
 * as no difference at all; it names the field that differs, with both
 * values (OWN-VALIDITY here).
 */
import { describe, expect, it } from 'vitest';
import { createOffice, fromSnapshot, PolicyError, toSnapshot } from '../../src/index.js';
import { staff, visit, zhang } from '../support/dsl.js';

describe('a state of another policy given to an office', () => {
  it('given a snapshot under validityDays.visit 30, when an office of 5 ingests on it, then the PolicyError names ownership.validityDays.visit with 30 and 5', () => {
    const a = createOffice({ ownership: { validityDays: { visit: 30 } } });
    const b = createOffice({ ownership: { validityDays: { visit: 5 } } });
    if (!a.ok || !b.ok) throw new Error('policy');
    const state = a.office.replay([staff('S01'), visit('11-01 10:00', zhang, { receiver: 'S01' })]).state;
    const restored = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(state))));
    if (!restored.ok) throw new Error('snapshot');
    let error: unknown;
    try {
      b.office.ingest(restored.state, staff('S02', {}, '11-02 08:00'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    const [issue] = (error as PolicyError).issues;
    expect(issue).toMatchObject({ code: 'policy_mismatch' });
    expect(issue?.message).toContain('(v1 differs at ownership.validityDays.visit: 30 in the state, 5 in this office)');
  });
});
