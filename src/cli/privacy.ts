/**
 * Privacy at the edge (PRV-MASK, PRV-ACCESS). The views already mask the
 * phones they show; this is the last line of defence for free text (notes,
 * issue messages, quarantined lines) and the per-salesperson filter.
 */
import { maskPhone, maskPhonesIn, normalizePhone } from '../index.js';

/**
 * Masks every phone written in a text, in any of the ways normalizePhone
 * reads one (`13812345678`, `138 1234 5678`, `+86-138…`, full-width digits,
 * dots, JSON escapes): see the engine's `maskPhonesIn`.
 *
 * @param text - free text
 * @returns the text with each number as `138****5678`
 */
export function maskText(text: string): string {
  return maskPhonesIn(text);
}

/** Deeper than this, a line is masked as text (walking it would risk the stack). */
const MAX_DEPTH = 64;

/**
 * A value that may be a phone (a phone field, the query of `explain`): any
 * number normalizePhone reads is masked, local numbers included; anything
 * else as free text.
 *
 * @param value - the value
 * @returns the value, masked
 */
export function maskPhoneField(value: string): string {
  const phone = normalizePhone(value);
  return phone.kind === 'full' ? maskPhone(value) : maskPhonesIn(value);
}

function walk(value: unknown, depth: number, key: string | null): unknown {
  if (depth > MAX_DEPTH) throw new RangeError('too deep');
  if (typeof value === 'string') return key === 'phone' ? maskPhoneField(value) : maskPhonesIn(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1, null));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[maskPhonesIn(k)] = walk(v, depth + 1, k);
    return out;
  }
  return value;
}

// A phone field in text that is not JSON (a line cut short): its value, escapes and all, up to the quote or the end.
const PHONE_FIELD = /("phone"\s*:\s*")((?:[^"\\]|\\.)*)/g;

function maskRaw(line: string): string {
  const fields = line.replace(PHONE_FIELD, (_, head: string, raw: string) => {
    let value = raw;
    try {
      value = JSON.parse(`"${raw}"`) as string;
    } catch {
      // Cut in an escape: read as it is.
    }
    const masked = maskPhoneField(value);
    return masked === value ? `${head}${raw}` : `${head}${JSON.stringify(masked).slice(1, -1)}`;
  });
  return maskPhonesIn(fields);
}

/**
 * Masks the phones of a bad line for the quarantine file, keeping the line
 * useful: a line that is JSON stays JSON (the same keys and values, phones
 * as `138****5678`, so it can be fixed and fed again once the phone is
 * put back from the source log, whose line number the record names); a
 * line that is not JSON is masked as text. A `phone` field is masked
 * whatever number it holds (local numbers too); every other string, and
 * every key, as free text.
 *
 * @param line - the bad line as read
 * @returns the line with its phones masked
 */
export function maskLine(line: string): string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return maskRaw(line);
  }
  try {
    const masked = JSON.stringify(walk(value, 0, null));
    // Unchanged content keeps the line as it was written.
    return masked === JSON.stringify(value) ? line : masked;
  } catch {
    return maskRaw(line);
  }
}
