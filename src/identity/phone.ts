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

/** The digits after +86 or 0086 with the trunk 0 a landline drops when written internationally (`2112345678` is `02112345678`); anything else as it is. */
function withTrunkZero(digits: string): string {
  return !digits.startsWith('0') && !MOBILE.test(digits) && /^\d+$/.test(digits) && LANDLINE.test(`0${digits}`) ? `0${digits}` : digits;
}

/**
 * Normalizes a phone as given (ID-PHONE). Separators and country prefixes are
 * removed, and a landline written internationally gets back the trunk 0 it
 * drops (`+86 21 1234 5678` is `02112345678`); `*` or `×` mark hidden digits.
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
  const international = text.startsWith('+86') || text.startsWith('0086');
  if (text.startsWith('+86')) text = text.slice(3);
  else if (text.startsWith('0086')) text = text.slice(4);
  else if (text.length === 13 && text.startsWith('86') && MOBILE.test(text.slice(2))) text = text.slice(2);
  // Written internationally, a landline drops its trunk 0: +86 21 1234 5678 is 021 1234 5678.
  if (international) text = withTrunkZero(text);
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

// What a digit or a separator of a phone can look like in text: ASCII, full-width, or a JSON escape of either.
const KIND_NONE = 0;
const KIND_DIGIT = 1;
const KIND_SEPARATOR = 2;
const KIND_PLUS = 3;

// The token at a position: its kind, its length in the text and, for a digit, its value.
let tokenLength = 1;
let tokenDigit = 0;

function hex(text: string, at: number): number {
  if (at + 4 > text.length) return -1;
  let v = 0;
  for (let i = at; i < at + 4; i++) {
    const c = text.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

// The characters normalizePhone removes or reads as a digit (after making full-width forms ASCII).
function kindOfChar(c: number): number {
  if (c >= 48 && c <= 57) {
    tokenDigit = c - 48;
    return KIND_DIGIT;
  }
  if (c >= 0xff10 && c <= 0xff19) {
    tokenDigit = c - 0xff10;
    return KIND_DIGIT;
  }
  if (c === 43 || c === 0xff0b) return KIND_PLUS;
  if (c === 32 || (c >= 9 && c <= 13) || c === 45 || c === 40 || c === 41 || c === 46 || c === 47) return KIND_SEPARATOR;
  if (c === 0xff0d || c === 0xff08 || c === 0xff09 || c === 0xff0e || c === 0xff0f) return KIND_SEPARATOR;
  // The rest of what \s matches: no-break and typographic spaces, line separators, the ideographic space, the BOM.
  if (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) return KIND_SEPARATOR;
  return KIND_NONE;
}

function tokenAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  tokenLength = 1;
  if (c !== 92) return kindOfChar(c);
  // A JSON escape, as a bad line quarantined as text holds them: \u0031, \uff11, \t, \/ ...
  const next = text.charCodeAt(i + 1);
  if (next === 117) {
    const v = hex(text, i + 2);
    if (v < 0) return KIND_NONE;
    tokenLength = 6;
    return kindOfChar(v);
  }
  if (next === 116 || next === 110 || next === 114 || next === 102 || next === 47) {
    tokenLength = 2;
    return KIND_SEPARATOR;
  }
  return KIND_NONE;
}

const MAY_HOLD_DIGITS = /[0-9\uFF10-\uFF19]|\\u/;

/**
 * Masks every phone written in a text, in any way {@link normalizePhone}
 * reads one (PRV-MASK): separators (spaces of every kind, `-` `.` `/` and
 * brackets, full-width or not), full-width digits, `+86`/`0086`/`86`
 * prefixes, and the JSON escapes of all of these (`\u0031`, as a bad line
 * quoted as text holds them). A mobile is found anywhere, even inside a
 * longer run of digits; a landline with its area code when it stands
 * alone. Each becomes `138****5678`. Bare 7- and 8-digit local numbers are
 * left as they are in free text, where they cannot be told from amounts:
 * the views mask them in phone fields. Privacy comes first: an amount that
 * reads as a mobile (`138000000.00`, which normalizePhone reads as
 * 13800000000) is masked too; amounts in their own fields are not text.
 *
 * @param text - free text: a name, a note, a sentence, a line of a log
 * @returns the text with each phone masked
 * @example
 * ```ts
 * maskPhonesIn('张伟 １３８.１２３４.５６７８'); // '张伟 138****5678'
 * ```
 * Implements PRV-MASK.
 */
export function maskPhonesIn(text: string): string {
  if (text.length < 10 || !MAY_HOLD_DIGITS.test(text)) return text;
  let out = '';
  let copied = 0;
  const n = text.length;
  const digits: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < n) {
    const kind = tokenAt(text, i);
    if (kind !== KIND_DIGIT && kind !== KIND_PLUS) {
      i += kind === KIND_NONE ? 1 : tokenLength;
      continue;
    }
    // A run of digits and separators, perhaps after a plus sign.
    const plus = kind === KIND_PLUS;
    digits.length = 0;
    starts.length = 0;
    ends.length = 0;
    let j = i;
    if (plus) j += tokenLength;
    while (j < n) {
      const k = tokenAt(text, j);
      if (k === KIND_DIGIT) {
        digits.push(tokenDigit);
        starts.push(j);
        ends.push(j + tokenLength);
      } else if (k !== KIND_SEPARATOR) break;
      j += tokenLength;
    }
    let masked = false;
    // Mobiles: 1[3-9] and nine digits, wherever they start.
    for (let p = 0; p + 11 <= digits.length; ) {
      if (digits[p] === 1 && (digits[p + 1] as number) >= 3) {
        // A country prefix (+86, 0086, 86) goes with the number it belongs to.
        const prefixed = (p === 2 && digits[0] === 8 && digits[1] === 6) || (p === 4 && digits[0] === 0 && digits[1] === 0 && digits[2] === 8 && digits[3] === 6);
        out += text.slice(copied, prefixed ? i : starts[p]) + maskPhone(digits.slice(p, p + 11).join(''));
        copied = ends[p + 10] as number;
        masked = true;
        p += 11;
      } else p++;
    }
    if (!masked && digits.length >= 10) {
      // A landline with its area code, the whole run (after +86 or 0086).
      let all = digits.join('');
      let international = true;
      if (plus && all.startsWith('86')) all = all.slice(2);
      else if (all.startsWith('0086')) all = all.slice(4);
      else international = false;
      // After a country prefix the trunk 0 is dropped (+86 21 1234 5678): the prefix goes with the number, as for a mobile.
      const dialled = international ? withTrunkZero(all) : all;
      if (LANDLINE.test(dialled)) {
        out += text.slice(copied, dialled === all ? starts[digits.length - all.length] : i) + maskPhone(dialled);
        copied = ends[digits.length - 1] as number;
      }
    }
    i = Math.max(j, i + 1);
  }
  return copied === 0 ? text : out + text.slice(copied);
}
