/**
 * ID-PHONE, PRV-MASK: a landline written internationally drops its trunk 0
 * (+86 21 1234 5678 is 021 1234 5678, Shanghai). It was read as a phone of
 * the wrong length: the client registered as 021-12345678 was not found by
 * the CRM's E.164 form, a registration with it was not matched, and free
 * text kept the number unmasked.
 */
import { describe, expect, it } from 'vitest';
import { maskPhonesIn, normalizePhone, ownerOf } from '../../src/index.js';
import { find, given, staff, visit } from '../support/dsl.js';

describe('ID-PHONE: a landline after +86 or 0086 without its trunk 0', () => {
  it.each([
    ['+86 21 1234 5678', '02112345678'],
    ['0086-21-12345678', '02112345678'],
    ['+86 10 6512 3456', '01065123456'],
    ['+86 755 1234 5678', '075512345678'],
    ['+86 (0)21 1234 5678', '02112345678'],
  ])('normalizes %s to %s', (raw, digits) => {
    expect(normalizePhone(raw)).toEqual({ kind: 'full', digits, mobile: false });
  });

  it('leaves what was read before as it was: a mobile after +86, a local number, a bare 86 before a landline', () => {
    expect(normalizePhone('+86 138 1234 5678')).toEqual({ kind: 'full', digits: '13812345678', mobile: true });
    expect(normalizePhone('+86 6512 3456')).toEqual({ kind: 'full', digits: '65123456', mobile: false });
    expect(normalizePhone('86 21 1234 5678').kind).toBe('invalid');
    expect(normalizePhone('+86 123').kind).toBe('invalid');
  });

  it('given a client registered with 021-12345678, when the CRM looks up +86 21 1234 5678 and the client returns with it, then it is the same client', () => {
    const g = given([staff('S01'), staff('S02'), visit('11-01 10:00', { name: '张伟', phone: '021-12345678' }, { receiver: 'S01' })]);
    expect(ownerOf(g.state, '+86 21 1234 5678')?.owner).toBe('S01');
    const step = g.when(visit('11-03 10:00', { name: '张伟', phone: '+86 21 1234 5678' }));
    expect(find(step, 'identity').match).toBe('phone');
  });

  it('PRV-MASK: masks such a number in free text', () => {
    expect(maskPhonesIn('call +86 21 1234 5678 now')).toBe('call 021****5678 now');
    expect(maskPhonesIn('tel 0086-21-12345678.')).toBe('tel 021****5678.');
  });
});
