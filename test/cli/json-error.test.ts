/**
 * Where a policy file first stops being JSON: the scanner's offset, the line
 * and column, and the message `--policy` prints (issue: no position in Node 20's
 * JSON.parse messages).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { lineColumn, notJsonText, syntaxErrorAt } from '../../src/cli/json-error.js';

/** JSON.parse's own verdict, the reference the scanner must agree with. */
const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** What JSON.parse threw, for the message. */
const errorOf = (text: string): unknown => {
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  throw new Error(`${text} parsed`);
};

describe('syntaxErrorAt: the first character no JSON text could have there', () => {
  it.each([
    ['{"a": }', 6],
    ['[1,]', 3],
    ['{"a":1,}', 7],
    ['[[1, [2, 3]], [4,, 5]]', 17],
    ['[[[]]', 5],
    ['', 0],
    ['   ', 3],
    ['01', 1],
    ['-', 1],
    ['1.', 2],
    ['1e+', 3],
    ['tru', 3],
    ['nul1', 3],
    ['{"a" 1}', 5],
    ['{a: 1}', 1],
    ['"ab\\x"', 4],
    ['"\\u12G4"', 5],
    ['"abc', 4],
    ['"a\u0001"', 2],
    ['{"名字": "李娜",}', 12],
    ['{"a": "\\"}"}x', 12],
    ['\uFEFF{}', 0],
    ['{} {}', 3],
    ['"😀" 1', 5],
  ])('%j fails at %i, as JSON.parse refuses it', (text, offset) => {
    // Given a text JSON.parse refuses
    expect(parses(text)).toBe(false);
    // When it is scanned, then the first error is where it must be
    expect(syntaxErrorAt(text)).toBe(offset);
  });

  it.each(['{}', '[]', ' {"a": [1, -2.5e+3, true, false, null, "\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9"]}\r\n', '"李娜 😀"', '0', '[[[[[]]]]]', '{"a":{"b":{"c":[]}}}'])('%j is valid', (text) => {
    // Given a text JSON.parse accepts, when it is scanned, then there is no error
    expect(parses(text)).toBe(true);
    expect(syntaxErrorAt(text)).toBeNull();
  });

  it('does not overflow the stack on deep nesting', () => {
    // Given arrays nested 100,000 deep, unclosed
    const text = '['.repeat(100_000);
    // When scanned, then the error is at the end, where a value or ']' is missing
    expect(syntaxErrorAt(text)).toBe(100_000);
    expect(syntaxErrorAt(`${text}${']'.repeat(100_000)}`)).toBeNull();
  });

  // Texts built from JSON's own characters, so that most are near-misses.
  const piece = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', 'u', '0', '1', '-', '.', 'e', 't', 'rue', 'null', ' ', '\n', '李', '😀', '"a"', '"\\n"', 'x');
  test.prop([fc.array(piece, { maxLength: 16 }).map((p) => p.join(''))], { numRuns: 2000 })('agrees with JSON.parse, and with the position V8 names when it names one', (text) => {
    // Given any text, when it is scanned
    const at = syntaxErrorAt(text);
    // Then it is valid exactly when JSON.parse accepts it
    expect(at === null).toBe(parses(text));
    if (at === null) return;
    // And the error is within the text, where V8 puts it when it names a position
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThanOrEqual(text.length);
    const message = (errorOf(text) as Error).message;
    const position = / at position (\d+)/.exec(message)?.[1];
    if (position !== undefined) expect(at).toBe(Number(position));
  });

  test.prop([fc.json()], { numRuns: 500 })('any JSON fast-check makes is valid, and cutting it short is an error at its end', (text) => {
    // Given valid JSON, then it scans clean
    expect(syntaxErrorAt(text)).toBeNull();
    // And without its last character it is refused no later than its new end
    const cut = text.slice(0, -1);
    if (!parses(cut)) expect(syntaxErrorAt(cut)).toBeLessThanOrEqual(cut.length);
  });
});

describe('lineColumn: as an editor shows the offset', () => {
  it.each([
    ['{\n "validityDays": }\n', 19, 2, 18],
    ['abc', 0, 1, 1],
    ['abc', 3, 1, 4],
    ['a\r\nb', 3, 2, 1],
    ['{\n\n', 3, 3, 1],
    ['"李娜", 😀x', 8, 1, 8],
    ['', 0, 1, 1],
  ])('%j at %i is line %i, column %i (characters, a surrogate pair one)', (text, offset, line, column) => {
    // Given an offset, when it is placed, then line and column are 1-based, in characters
    expect(lineColumn(text, offset)).toEqual({ line, column });
  });
});

describe('notJsonText: the message --policy prints', () => {
  it('names the line and column and keeps the reason without the quoted excerpt', () => {
    // Given the two-line file of the issue
    const text = '{\n "validityDays": }\n';
    // When its error is described
    const said = notJsonText(text, errorOf(text));
    // Then the line and column come first, and the excerpt with its newline is gone
    expect(said).toBe("not valid JSON at line 2, column 18: Unexpected token '}'");
  });

  it('drops V8\'s "at position" (the line and column say it) and cuts a long reason', () => {
    // Given a trailing comma after a CJK key on the third line
    const text = '{\n  "名字": "李娜",\n}';
    // When described, then the position is said once, as line and column
    expect(notJsonText(text, errorOf(text))).toBe('not valid JSON at line 3, column 1: Expected double-quoted property name');
    // And a very long reason is cut to about 80 characters
    const long = notJsonText('x', new SyntaxError('y'.repeat(500)));
    expect(long).toMatch(/^not valid JSON at line 1, column 1: y+…$/);
    expect([...long.slice(long.indexOf(': ') + 2)].length).toBe(80);
  });

  it('an empty file is an error at line 1, column 1', () => {
    expect(notJsonText('', errorOf(''))).toBe('not valid JSON at line 1, column 1: Unexpected end of JSON input');
  });
});
