/**
 * A line too long goes to the quarantine only in part: its first 1,000
 * bytes, cut at a character boundary, whether the engine refused it (longer
 * than parseLimits.maxLineLength characters) or the splitter did (longer
 * than MAX_LINE_BYTES bytes).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES, QUARANTINE_HEAD_BYTES, utf8Head } from '../../src/cli/lines.js';
import { parseLimits } from '../../src/index.js';
import { cli, dayLog, scratch } from './support.js';

describe('utf8Head: the first bytes, whole characters only', () => {
  it.each([
    ['ASCII', 'abcdef', 4, 'abcd'],
    ['CJK cut inside a character', '李娜王', 7, '李娜'],
    ['CJK cut at a boundary', '李娜王', 6, '李娜'],
    ['a surrogate pair cut in its bytes', 'ab😀c', 5, 'ab'],
    ['a surrogate pair whole', 'ab😀c', 6, 'ab😀'],
    ['shorter than the limit', '李', 1000, '李'],
    ['a limit inside the first character', '李', 2, ''],
  ])('%s', (_what, text, max, head) => {
    // Given a text as a string and as bytes, when its head is taken, then it is the same whole characters
    expect(utf8Head(text, max)).toBe(head);
    expect(utf8Head(Buffer.from(text), max)).toBe(head);
    expect(Buffer.byteLength(head)).toBeLessThanOrEqual(max);
  });

  it('a high surrogate at the string cut is not kept alone (it would be a replacement character)', () => {
    // Given 999 ASCII then an emoji, whose high surrogate is the 1000th unit
    const text = `${'a'.repeat(999)}😀`;
    // When the head is 1,000 bytes, then the emoji (4 bytes) goes whole
    expect(utf8Head(text, 1000)).toBe('a'.repeat(999));
  });
});

interface Quarantined {
  line: number;
  issues: { code: string }[];
  text: string;
}

/** Validates a log of a good line, the long line and a good line; the quarantine's records. */
async function quarantineOf(long: string): Promise<{ code: number; records: Quarantined[] }> {
  const cwd = scratch();
  const [first, second] = readFileSync(dayLog, 'utf8').split('\n');
  writeFileSync(join(cwd, 'log.jsonl'), `${first}\n${long}\n${second}\n`);
  const ran = await cli(['validate', 'log.jsonl', '--quarantine', 'q.jsonl'], { cwd });
  const records = readFileSync(join(cwd, 'q.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Quarantined);
  return { code: ran.code, records };
}

const envelope = '{"v":1,"id":"long","note":"';
const limit = parseLimits.maxLineLength;

describe('a line too long in the quarantine', () => {
  it.each([
    // Over the engine's limit in characters, under the splitter's in bytes: read whole, refused by parseLine.
    ['ASCII just over the engine limit', `${envelope}${'a'.repeat(limit)}"}`, QUARANTINE_HEAD_BYTES],
    // 27 bytes of envelope, then 3-byte characters: byte 1,000 falls inside the 325th.
    ['CJK then ASCII, just over the engine limit', `${envelope}${'李'.repeat(400)}${'a'.repeat(limit)}"}`, 27 + 3 * 324],
    // Over MAX_LINE_BYTES: the splitter keeps its head and skips the rest.
    ['ASCII over the byte limit', `${envelope}${'a'.repeat(MAX_LINE_BYTES)}"}`, QUARANTINE_HEAD_BYTES],
    ['CJK over the byte limit', `${envelope}${'李'.repeat(limit + 1)}"}`, 27 + 3 * 324],
    ['emoji over the byte limit', `${envelope}${'😀'.repeat(MAX_LINE_BYTES / 4 + 1)}"}`, 27 + 4 * 243],
  ])('%s: its first 1,000 bytes at most, whole characters, a prefix of the line', async (_what, long, bytes) => {
    // Given a log with the long line between two good ones
    expect(Buffer.byteLength(envelope)).toBe(27);
    // When it is validated
    const { code, records } = await quarantineOf(long);
    // Then the one bad line is the long one, quarantined in part
    expect(code).toBe(2);
    expect(records.map((r) => [r.line, r.issues.map((i) => i.code)])).toEqual([[2, ['line_too_long']]]);
    const text = records[0]?.text ?? '';
    expect(Buffer.byteLength(text)).toBe(bytes);
    expect(long.startsWith(text)).toBe(true);
    expect(text).not.toContain('\uFFFD');
  });
});
