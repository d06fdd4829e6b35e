/**
 * Where a JSON text first goes wrong. Node 20's JSON.parse often names no
 * position ("Unexpected token '}', ..."), so a policy file's mistake is
 * located here: a small scanner of the JSON grammar (RFC 8259, as JSON.parse
 * reads it) that finds the first character no valid JSON text could have
 * there, and the line and column people see it at in an editor.
 */

/** What the scanner expects next. */
type Expect = 'value' | 'key' | 'colon' | 'after';

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/**
 * The offset (in UTF-16 code units) of the first syntax error of a JSON
 * text: the first character that cannot continue any valid JSON text, or
 * the text's length when it ends too early. Null when the text is valid
 * JSON (exactly when JSON.parse accepts it).
 *
 * @param text - the JSON text (a byte order mark is an error: strip it first)
 * @returns the offset of the first error, or null
 * @example
 * ```ts
 * syntaxErrorAt('{"a": }'); // 6, the '}'
 * syntaxErrorAt('[1,]'); // 3: a trailing comma is not JSON
 * syntaxErrorAt('{"a": 1}'); // null
 * ```
 */
export function syntaxErrorAt(text: string): number | null {
  // The containers open around the position: '{' or '['. A loop, not recursion: deep nesting cannot overflow the stack.
  const open: string[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && WHITESPACE.has(text.charCodeAt(i))) i++;
  };
  for (;;) {
    skipSpace();
    const c = text[i];
    if (expect === 'after') {
      const top = open[open.length - 1];
      if (top === undefined) return i === text.length ? null : i;
      if (c === ',') {
        i++;
        expect = top === '{' ? 'key' : 'value';
      } else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        i++;
        open.pop();
      } else return i;
      continue;
    }
    if (expect === 'colon') {
      if (c !== ':') return i;
      i++;
      expect = 'value';
      continue;
    }
    if (expect === 'key') {
      if (c !== '"') return i;
      const end = stringEnd(text, i);
      if (end < 0) return -end - 1;
      i = end;
      expect = 'colon';
      continue;
    }
    // A value.
    if (c === '{' || c === '[') {
      open.push(c);
      i++;
      skipSpace();
      // An empty container closes at once; otherwise its first key or value follows.
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++;
        open.pop();
        expect = 'after';
      } else expect = c === '{' ? 'key' : 'value';
      continue;
    }
    const end = c === '"' ? stringEnd(text, i) : c === '-' || isDigit(c) ? numberEnd(text, i) : literalEnd(text, i);
    if (end < 0) return -end - 1;
    i = end;
    expect = 'after';
  }
}

/** Errors are returned as `-(offset + 1)`, so that offset 0 is told from an end. */
const fail = (offset: number): number => -offset - 1;

/** The end of the string starting at `start` (a quote), or a failure. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return fail(i);
    if (code === 0x5c) {
      const escape = text[i + 1];
      if (escape === undefined) return fail(i + 1);
      if (escape === 'u') {
        for (let k = 2; k < 6; k++) if (!isHex(text[i + k])) return fail(Math.min(i + k, text.length));
        i += 6;
        continue;
      }
      if (!ESCAPES.has(escape)) return fail(i + 1);
      i += 2;
      continue;
    }
    i++;
  }
  return fail(text.length);
}

/** The end of the number starting at `start`, or a failure: `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`. */
function numberEnd(text: string, start: number): number {
  let i = start;
  if (text[i] === '-') i++;
  if (text[i] === '0') i++;
  else if (isDigit(text[i])) while (isDigit(text[i])) i++;
  else return fail(i);
  if (text[i] === '.') {
    i++;
    if (!isDigit(text[i])) return fail(i);
    while (isDigit(text[i])) i++;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    if (!isDigit(text[i])) return fail(i);
    while (isDigit(text[i])) i++;
  }
  return i;
}

/** The end of `true`, `false` or `null` at `start`, or a failure at the first character that differs. */
function literalEnd(text: string, start: number): number {
  const word = ['true', 'false', 'null'].find((w) => w[0] === text[start]);
  if (word === undefined) return fail(start);
  for (let k = 1; k < word.length; k++) if (text[start + k] !== word[k]) return fail(start + k);
  return start + word.length;
}

/**
 * The 1-based line and column of an offset, as an editor shows them: lines
 * end at `\n` (a `\r` before it is not a character of the line), and the
 * column counts characters, a character outside the BMP (a surrogate pair)
 * as one.
 *
 * @param text - the text
 * @param offset - an offset in UTF-16 code units, at most the text's length
 * @returns the line and column
 * @example
 * ```ts
 * lineColumn('{\n "名": }', 8); // { line: 2, column: 7 }
 * ```
 */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const start = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  return { line, column: [...before.slice(start)].length + 1 };
}

/** How much of JSON.parse's reason is kept: enough to say what went wrong. */
const REASON_LENGTH = 80;

/**
 * Why a text is not JSON, for a usage message: where (line and column, from
 * {@link syntaxErrorAt}) and JSON.parse's reason, without the excerpt and
 * position it may quote, cut to a sane length.
 *
 * @param text - the text JSON.parse refused
 * @param error - what JSON.parse threw
 * @returns e.g. `not valid JSON at line 2, column 18: Unexpected token '}'`
 * @example
 * ```ts
 * try { JSON.parse(text); } catch (error) { throw new UsageError(`--policy ${file}: ${notJsonText(text, error)}`); }
 * ```
 */
export function notJsonText(text: string, error: unknown): string {
  const offset = syntaxErrorAt(text);
  const where = offset === null ? '' : (({ line, column }) => ` at line ${line}, column ${column}`)(lineColumn(text, offset));
  const message = error instanceof Error ? error.message : String(error);
  // V8 quotes the text around the error (`Unexpected token '}', ..."ys": }\n" is not valid JSON`) or names a position: the line and column say it better.
  const reason = message
    .replace(/^(Unexpected token '.+?'), .* is not valid JSON$/s, '$1')
    .replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?/, '')
    .replace(/\s+/g, ' ');
  const chars = [...reason];
  return `not valid JSON${where}: ${chars.length > REASON_LENGTH ? `${chars.slice(0, REASON_LENGTH - 1).join('')}…` : reason}`;
}
