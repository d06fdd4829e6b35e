/**
 * The office a log line names, read before the line is parsed: how a log of
 * several offices is split office by office (replay's partitions, and
 * `--office`, which keeps one office's lines).
 */

const OFFICE = /"office"\s*:\s*"([^"\\]*)"/g;

/**
 * The office a log line names, read without parsing the line when it names
 * one plainly (`"office":"jz"`, once); otherwise from the parsed JSON. Null:
 * the line is not a JSON object with a string `office` (blank, or bad: any
 * partition names it the same way).
 *
 * @param text - the line, without its newline
 * @param line - its number (the first may start with a byte order mark)
 * @returns the office id, or null
 * @example
 * ```ts
 * officeOfLine('{"v":1,"office":"jz","type":"registerVisit"}', 1); // 'jz'
 * ```
 */
export function officeOfLine(text: string, line: number): string | null {
  OFFICE.lastIndex = 0;
  const first = OFFICE.exec(text);
  // One plain match is the envelope's office: JSON strings cannot hold an unescaped quote, so `"office":` is a key.
  if (first !== null && OFFICE.exec(text) === null && !text.includes('\\u')) return first[1] ?? null;
  try {
    const value: unknown = JSON.parse(line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const office = (value as Record<string, unknown>).office;
    return typeof office === 'string' ? office : null;
  } catch {
    return null;
  }
}
