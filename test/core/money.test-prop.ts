/**
 * `money()` keeps a bounded memo of the strings it parsed: whatever the memo
 * holds, was cleared of or never saw, a string parses to its own value.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { DECIMAL_PATTERN, Money, money } from '../../src/kernel/money.js';

/** A decimal string as amounts are written: sign, up to 15 digits, up to 10 decimals. */
const decimal = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 999_999_999_999_999n }), fc.option(fc.stringMatching(/^\d{1,10}$/), { nil: undefined }))
  .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`);

describe('money (fast-check)', () => {
  test.prop([fc.array(decimal, { minLength: 1, maxLength: 50 }), fc.integer({ min: 0, max: 6000 })], { numRuns: 60 })(
    'each string parses to its own value, first seen, seen again, or after thousands of others filled the memo',
    (strings, others) => {
      for (const s of strings) expect(DECIMAL_PATTERN.test(s)).toBe(true);
      const first = strings.map((s) => money(s).toString());
      // Enough other strings to clear the memo (or not), then the same strings again.
      for (let i = 0; i < others; i++) money(`${i}.${i % 97}`);
      const again = strings.map((s) => money(s).toString());
      const exact = strings.map((s) => new Money(s).toString());
      expect(first).toEqual(exact);
      expect(again).toEqual(exact);
    },
  );
});
