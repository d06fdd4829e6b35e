/**
 * The Buffer-based line splitter gives the same lines as splitting the whole
 * text, however the bytes are cut into chunks (multi-byte characters, CRLF,
 * a byte order mark, a last line without newline).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { eachLine, LineSplitter } from '../../src/cli/lines.js';

// Line ends are \n or \r\n, so a \r ending a line is part of its line end, not of the line.
const line = fc
  .array(fc.constantFrom('a', '{', '"', '张', '伟', '㎡', '😀', ' ', '\r', '1'), { maxLength: 12 })
  .map((cs) => cs.join(''))
  .filter((l) => !l.endsWith('\r'));

describe('LineSplitter', () => {
  test.prop([fc.array(line, { maxLength: 20 }), fc.boolean(), fc.boolean(), fc.array(fc.nat({ max: 64 }), { maxLength: 10 })])(
    'any chunking gives the lines of the whole text',
    (lines, crlf, bom, cuts) => {
      const text = (bom ? '\uFEFF' : '') + lines.join(crlf ? '\r\n' : '\n');
      const bytes = Buffer.from(text);
      const seen: [string, number][] = [];
      const splitter = new LineSplitter((t, n) => seen.push([t, n]));
      let at = 0;
      for (const cut of [...cuts].sort((a, b) => a - b)) {
        const end = Math.min(bytes.length, cut);
        if (end > at) splitter.push(bytes.subarray(at, end));
        at = Math.max(at, end);
      }
      splitter.push(bytes.subarray(at));
      splitter.end();
      const expected = text.replace(/^\uFEFF/, '').split(crlf ? '\r\n' : '\n');
      // A final line end closes the last line; it does not open an empty one.
      if (expected.at(-1) === '') expected.pop();
      expect(seen.map(([t]) => t)).toEqual(expected);
      expect(seen.map(([, n]) => n)).toEqual(expected.map((_, i) => i + 1));
    },
  );
});

describe('eachLine', () => {
  test.prop([fc.array(line, { maxLength: 20 })])('reads string and buffer chunks alike, and counts the lines', async (lines) => {
    const text = lines.map((l) => `${l}\n`).join('');
    const chars = [...text];
    async function* chunks() {
      yield chars.slice(0, 3).join('');
      yield Buffer.from(chars.slice(3).join(''));
    }
    const seen: string[] = [];
    const count = await eachLine(chunks(), (t) => seen.push(t));
    expect(seen).toEqual(lines);
    expect(count).toBe(lines.length);
  });
});
