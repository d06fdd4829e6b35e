/**
 * Phone numbers as registration books write them (ID-PHONE): with spaces,
 * dashes, `+86`/`0086` prefixes, full-width digits, or masked like
 * `138***88888` in channel reports.
 */

/**
 * A phone after normalization: a full number (digits only), a masked one
 * (visible prefix and suffix), or one that cannot reach anybody (REG-FIELDS).
 *
 * @example
 * ```ts
 * normalizePhone('+86 138-1234-5678'); // { kind: 'full', digits: '13812345678', mobile: true }
 * ```
 */
export type Phone =
  | { readonly kind: 'full'; readonly digits: string; readonly mobile: boolean }
  | { readonly kind: 'masked'; readonly prefix: string; readonly suffix: string; readonly hidden: number }
  | { readonly kind: 'invalid'; readonly reason: string };

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0[1-9]\d{8,10}$/;
const LOCAL = /^[2-9]\d{6,7}$/;

// ASCII separators the books use: whitespace, - ( ) . /
function isSeparator(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 45 || c === 40 || c === 41 || c === 46 || c === 47;
}

/** The phone without separators, full-width digits made ASCII, `×` as `*`. ASCII text skips the regular expressions. */
function separatorsOut(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c > 127) return halfWidth(raw).replace(/[\s\-().\/]/g, '').replace(/×/g, '*');
    if (!isSeparator(c)) out += raw[i];
  }
  return out;
}

function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * Normalizes a phone as given (ID-PHONE). Separators and country prefixes are
 * removed; `*` or `×` mark hidden digits.
 *
 * @param raw - the phone as written
 * @returns the normalized phone
 * @example
 * ```ts
 * normalizePhone('0086 139 0000 1111'); // { kind: 'full', digits: '13900001111', mobile: true }
 * normalizePhone('138***88888');        // { kind: 'masked', prefix: '138', suffix: '88888', hidden: 3 }
 * normalizePhone('12345');              // { kind: 'invalid', reason: '...' }
 * ```
 */
export function normalizePhone(raw: string): Phone {
  // Most books write the eleven digits as they are.
  if (raw.length === 11 && MOBILE.test(raw)) return { kind: 'full', digits: raw, mobile: true };
  let text = separatorsOut(raw);
  if (text.startsWith('+86')) text = text.slice(3);
  else if (text.startsWith('0086')) text = text.slice(4);
  else if (text.length === 13 && text.startsWith('86') && MOBILE.test(text.slice(2))) text = text.slice(2);
  const masked = /^(\d+)(\*+)(\d+)$/.exec(text);
  if (masked) {
    const [, prefix = '', stars = '', suffix = ''] = masked;
    return { kind: 'masked', prefix, suffix, hidden: stars.length };
  }
  if (!/^\d+$/.test(text)) return { kind: 'invalid', reason: `"${raw}" is not a phone number` };
  if (MOBILE.test(text)) return { kind: 'full', digits: text, mobile: true };
  if (LANDLINE.test(text) || LOCAL.test(text)) return { kind: 'full', digits: text, mobile: false };
  return { kind: 'invalid', reason: `"${raw}" has the wrong number of digits for a phone` };
}

/**
 * The keys under which a masked phone can be found: `prefix*suffix`. A full
 * mobile is indexed under the two masks the source documents use, 3+5
 * (`138***88888`, 004k) and 3+4 (`138****5678`, PRV-MASK).
 *
 * @param phone - a normalized phone
 * @returns its mask keys (empty for invalid phones)
 * @example
 * ```ts
 * maskKeys(normalizePhone('13812388888')); // ['138*88888', '138*8888']
 * ```
 */
export function maskKeys(phone: Phone): string[] {
  if (phone.kind === 'masked') return [`${phone.prefix}*${phone.suffix}`];
  if (phone.kind === 'full' && phone.mobile) {
    const d = phone.digits;
    return [`${d.slice(0, 3)}*${d.slice(-5)}`, `${d.slice(0, 3)}*${d.slice(-4)}`];
  }
  return [];
}

/**
 * Masks a phone for output (PRV-MASK): keeps the first 3 and last 4 digits,
 * `13812345678` → `138****5678`. Short or masked numbers keep only what is
 * safe to show.
 *
 * @param raw - a phone as given, or already normalized
 * @returns the masked phone
 * @example
 * ```ts
 * maskPhone('13812345678'); // '138****5678'
 * ```
 */
export function maskPhone(raw: string): string {
  const phone = normalizePhone(raw);
  if (phone.kind === 'masked') {
    const prefix = phone.prefix.slice(0, 3);
    const suffix = phone.suffix.slice(-4);
    const hidden = phone.hidden + phone.prefix.length - prefix.length + phone.suffix.length - suffix.length;
    return `${prefix}${'*'.repeat(hidden)}${suffix}`;
  }
  const digits = phone.kind === 'full' ? phone.digits : raw.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  if (digits.length < 8) return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}
