/**
 * How wide text is on a terminal, by the `string-width` library (Unicode's
 * East Asian Width, emoji presentation, grapheme clusters): CJK characters
 * and emoji take two columns, a ZWJ sequence (👩‍👩‍👧) is one emoji, combining
 * marks and zero-width characters take none. The CLI's tables and the demo
 * measure with it, so their columns line up.
 */
import stringWidth from 'string-width';

// Most cells are printable ASCII: one column per character, no library call.
const ASCII = /^[\x20-\x7e]*$/;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The number of terminal columns a text takes.
 *
 * @param text - the text (without control characters: escape them first, see `terminalSafe`)
 * @returns its display width
 * @example
 * ```ts
 * displayWidth('林华'); // 4
 * displayWidth('👩‍👩‍👧'); // 2: one emoji
 * displayWidth('e\u0301'); // 1: e and a combining acute accent
 * displayWidth('a\u200bb'); // 2: the zero-width space takes none
 * ```
 */
export function displayWidth(text: string): number {
  return ASCII.test(text) ? text.length : stringWidth(text, { countAnsiEscapeCodes: true });
}

/**
 * A text cut to at most `width` columns, with `…` where it was cut; never
 * splits a grapheme (an emoji sequence, a letter and its accents).
 *
 * @param text - the text
 * @param width - the most columns it may take (at least 1)
 * @returns the text, or its start and `…`
 * @example
 * ```ts
 * cutTo('欧阳娜娜', 5); // '欧阳…'
 * cutTo('S01', 5); // 'S01'
 * ```
 */
export function cutTo(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = displayWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}

/**
 * A text padded with spaces to `width` columns: on the right (left-aligned),
 * or on the left (right-aligned, for numbers).
 *
 * @param text - the text
 * @param width - the columns to fill
 * @param right - align to the right
 * @returns the padded text (unchanged when already as wide)
 * @example
 * ```ts
 * padTo('张伟', 6); // '张伟  '
 * padTo('42', 5, true); // '   42'
 * ```
 */
export function padTo(text: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

/** The width tables fold to when stdout is not a terminal and `$COLUMNS` is not set. */
export const DEFAULT_COLUMNS = 100;

/**
 * The width tables on stdout fold to: the terminal's width when stdout is a
 * terminal, else `$COLUMNS` (a positive number), else {@link DEFAULT_COLUMNS}.
 *
 * @param stdout - whether stdout is a terminal, and its width
 * @param env - `$COLUMNS`
 * @returns the width in columns
 * @example
 * ```ts
 * terminalWidth({ isTTY: true, columns: 80 }, undefined); // 80
 * terminalWidth({}, '132'); // 132
 * terminalWidth({}, undefined); // 100
 * ```
 */
export function terminalWidth(stdout: { readonly isTTY?: boolean; readonly columns?: number }, env: string | undefined): number {
  if (stdout.isTTY === true && stdout.columns !== undefined && stdout.columns > 0) return stdout.columns;
  const fromEnv = Number(env);
  return env !== undefined && Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_COLUMNS;
}
