/**
 * Names that are also keys of every JavaScript object (constructor,
 * toString, __proto__) are data, never the object's own machinery: a
 * violation or a product type so named is looked up in the policy's own
 * entries only (PEN-FINES, COM-FIXED-BONUS).
 */
import { describe, expect, it } from 'vitest';
import { describeDecision, finesLedger, replay } from '../../src/index.js';
import { staff, violation } from '../support/dsl.js';

const schedule = { misconduct: { range: { min: '20', max: '200' }, cancelsClaim: false } };
const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

describe('PEN-FINES: a violation named like an object key', () => {
  it.each(names)('given a schedule without "%s", when a violation of that name is recorded, then it is refused as unknown (invalid_value, violation)', (name) => {
    const r = replay([staff('S1'), violation('11-02 10:00', 'S1', name)], { periods: { fines: { schedule } } });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'invalid_value', path: ['violation'], message: expect.stringContaining(`no violation "${name}"`) })]);
    expect(r.decisions.filter((d) => d.kind === 'violation')).toEqual([]);
  });

  it.each(names.filter((n) => n !== '__proto__'))('given a schedule that names "%s" with a fine of 50, then it is fined 50 and described in words', (name) => {
    const r = replay([staff('S1'), violation('11-02 10:00', 'S1', name)], { periods: { fines: { schedule: { ...schedule, [name]: { amount: '50', cancelsClaim: false } } } } });
    expect(r.issues).toEqual([]);
    expect(finesLedger(r.state).map((f) => [f.violation, f.amount])).toEqual([[name, '50.00']]);
    const fine = r.decisions.find((d) => d.kind === 'penalty');
    expect(fine).toBeDefined();
    expect(describeDecision(r.state, fine as NonNullable<typeof fine>)).toContain(`the violation "${name}"`);
  });
});
