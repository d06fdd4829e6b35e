/**
 * Phones written every way normalizePhone reads them, for the masking
 * properties (PRV-MASK, issue 13).
 */
import { fc } from '@fast-check/vitest';

const FULL = '０１２３４５６７８９';
/** Every separator normalizePhone removes, half- and full-width. */
export const SEPARATORS = [' ', '-', '.', '/', '(', ')', '\t', '\u3000', '\u00a0', '－', '．', '／', '（', '）', '\u2009'];

/** A text as normalizePhone sees it: full-width forms made ASCII, JSON escapes decoded, separators taken out. */
export function digitsOf(text: string): string {
  return text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-().\/]/g, '');
}

/** A phone's digits written some way: a prefix, full-width digits, separators between digits. */
export const written = (digits: string, prefixes: readonly string[] = ['']): fc.Arbitrary<string> =>
  fc
    .record({
      prefix: fc.constantFrom(...prefixes),
      wide: fc.array(fc.boolean(), { minLength: digits.length, maxLength: digits.length }),
      seps: fc.array(fc.oneof(fc.constant(''), fc.constant(''), fc.constantFrom(...SEPARATORS)), { minLength: digits.length, maxLength: digits.length }),
    })
    .map(({ prefix, wide, seps }) => prefix + [...digits].map((d, i) => (wide[i] === true ? (FULL[Number(d)] as string) : d) + (i < digits.length - 1 ? (seps[i] as string) : '')).join(''));

export const mobileDigits = fc.tuple(fc.constantFrom('3', '5', '7', '8', '9'), fc.stringMatching(/^\d{9}$/)).map(([b, rest]) => `1${b}${rest}`);
export const landlineDigits = fc.tuple(fc.constantFrom('10', '21', '755', '571'), fc.stringMatching(/^\d{8}$/)).map(([area, rest]) => `0${area}${rest}`);
export const localDigits = fc.tuple(fc.integer({ min: 2, max: 9 }), fc.stringMatching(/^\d{6,7}$/)).map(([a, rest]) => `${a}${rest}`);

/** The kinds of phones: a mobile (with country prefixes), a landline with its area code, a local number. */
export type PhoneKind = 'mobile' | 'landline' | 'local';

/** A phone of a kind, as digits and as written. */
export const phoneOf = (kind: PhoneKind): fc.Arbitrary<readonly [string, string]> =>
  kind === 'mobile'
    ? mobileDigits.chain((d) => written(d, ['', '', '+86', '0086', '86', '＋８６', '+86 ']).map((w) => [d, w] as const))
    : kind === 'landline'
      ? landlineDigits.chain((d) => written(d).map((w) => [d, w] as const))
      : localDigits.chain((d) => written(d).map((w) => [d, w] as const));
