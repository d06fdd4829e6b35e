/**
 * Text as JavaScript holds it and UTF-8 cannot: lone surrogates, found and
 * shown.
 *
 * @internal
 */

/**
 * What a string must be to be text: no lone surrogate, that is no UTF-16
 * code unit U+D800-U+DFFF without its other half (`"\ud800"` is valid JSON,
 * and a JavaScript string may hold one, but it has no UTF-8 form: a file
 * would hold U+FFFD instead, and PostgreSQL's jsonb refuses it). A surrogate
 * pair (an emoji) is one character and passes. It reads the same with and
 * without the `u` flag, so the JSON Schema's `pattern` means the same to
 * every validator.
 *
 * @example
 * ```ts
 * WELL_FORMED.test('张伟😀'); // true
 * WELL_FORMED.test('张\ud800'); // false
 * ```
 * @internal
 */
export const WELL_FORMED = /^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;

// String.prototype.isWellFormed (ES2024: Node 20, current browsers) scans natively; lib ES2022 does not type it.
const nativeWellFormed = (String.prototype as unknown as { readonly isWellFormed?: (this: string) => boolean }).isWellFormed;

/**
 * Whether a string holds no lone surrogate: {@link WELL_FORMED}'s verdict,
 * natively where the engine has `String.prototype.isWellFormed`.
 *
 * @param text - a string
 * @returns false when it holds a lone surrogate
 * @example
 * ```ts
 * isWellFormed('\ud83d\ude00'); // true: one emoji
 * isWellFormed('\ude00\ud83d'); // false: two halves in the wrong order
 * ```
 * @internal
 */
export const isWellFormed: (text: string) => boolean =
  typeof nativeWellFormed === 'function' ? (text) => nativeWellFormed.call(text) : (text) => WELL_FORMED.test(text);

/** A lone surrogate: a high half not followed by a low one, or a low half not preceded by a high one. */
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A text with each lone surrogate written as its escape (`\ud800`, six
 * characters), so that a message or path echoing what a line held can be
 * written to a UTF-8 file or a database as it is, and still says which code
 * unit was there. Text without one comes back as it is (the common case, one
 * native scan).
 *
 * @param text - a string from the input
 * @returns the same string, well-formed
 * @example
 * ```ts
 * escapeLoneSurrogates('e\ud800'); // 'e\\ud800' (an e, a backslash, then u, d, 8, 0, 0)
 * escapeLoneSurrogates('😀'); // '😀'
 * ```
 * @internal
 */
export function escapeLoneSurrogates(text: string): string {
  if (isWellFormed(text)) return text;
  return text.replace(LONE, (unit) => `\\u${unit.charCodeAt(0).toString(16)}`);
}
