/**
 * Issue 13, reading side: hostile lines and objects are reported as issues,
 * never thrown, never echoed whole, never silently changed.
 */
import { describe, expect, it } from 'vitest';
import { decimalSchema, ingest, initialState, parseEvent, parseLine, parseLog, replay } from '../../src/index.js';

const staffLine = '{"v":1,"id":"e1","type":"changeStaff","at":"2026-11-01T08:30:00+08:00","office":"jz","staff":"S01","name":"李娜"}';
const base = { v: 1, id: 'e1', type: 'changeStaff', at: '2026-11-01T08:30:00+08:00', office: 'jz', staff: 'S01', name: '李娜' };
const deal = (amount: string) => ({ v: 1, id: 'd1', type: 'closeDeal', at: '2026-11-01T10:00:00+08:00', office: 'jz', deal: 'D1', client: { phone: '13812345678' }, staff: 'S01', stage: 'subscription', unit: '3-1202', amount });

function nested(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

describe('issue 13 #1: nesting, cycles and BigInts never crash the reader', () => {
  it('a v nested 100,000 levels deep is an issue, in parseLog and in ingest', () => {
    const line = `{"type":"changeStaff","v":${nested(100_000)}}`;
    const { events, issues } = parseLog(line);
    expect(events).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 1, code: 'unsupported_version' });
    expect(issues[0]?.message.length).toBeLessThan(300);
    const step = ingest(initialState(), JSON.parse(line));
    expect(step.issues[0]?.code).toBe('unsupported_version');
  });

  it('a cyclic v or a BigInt v given to ingest is an issue', () => {
    const cyclic: Record<string, unknown> = { ...base };
    cyclic.v = cyclic;
    expect(ingest(initialState(), cyclic).issues[0]?.code).toBe('unsupported_version');
    expect(ingest(initialState(), { ...base, v: 10n }).issues[0]?.code).toBe('unsupported_version');
    expect(ingest(initialState(), { ...base, note: 10n }).issues[0]?.path).toEqual(['note']);
  });

  it('an object whose fields throw when read is an issue, not an exception', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } });
    const r = parseEvent(hostile, 4);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'unreadable', line: 4 });
  });

  it('a field nested deeper than the limit is reported as too_deep, with the line', () => {
    const line = JSON.stringify({ ...base, note: JSON.parse(nested(200)) });
    const { issues } = parseLog(line);
    expect(issues).toEqual([expect.objectContaining({ code: 'too_deep', line: 1 })]);
  });

  it('the deepest valid event stays far below the depth limit', () => {
    const party = [{ name: '李娜', relation: 'spouse' }];
    const r = parseEvent({ v: 1, id: 'x', type: 'registerVisit', at: '2026-11-01T10:00:00+08:00', office: 'jz', client: { name: '张伟' }, party }, 1);
    expect(r.ok).toBe(true);
  });
});

describe('issue 13 #12: echoed values are cut short', () => {
  it('a 10 MB type is not echoed whole (an object), nor a 900 kB one (a line)', () => {
    const r = parseEvent({ ...base, type: 'x'.repeat(10_000_000) });
    expect(r.ok === false && r.issues[0]).toMatchObject({ code: 'unknown_event_type' });
    // The message names the type by its start and length, then the known types (their list grows with the catalog).
    expect(JSON.stringify(r)).not.toMatch(/x{100}/);
    expect(JSON.stringify(r).length).toBeLessThan(1000);
    const { issues } = parseLog(JSON.stringify({ ...base, type: 'x'.repeat(900_000) }));
    expect(issues[0]?.code).toBe('unknown_event_type');
    expect(issues[0]?.message).not.toMatch(/x{100}/);
    expect(issues[0]?.message.length).toBeLessThan(1000);
  });

  it('a 10 MB unknown key is not echoed whole, in the message nor the path', () => {
    const r = parseEvent({ ...base, ['k'.repeat(10_000_000)]: 1 });
    expect(r.ok === false && r.issues[0]?.code).toBe('unrecognized_keys');
    expect(JSON.stringify(r).length).toBeLessThan(1000);
    const { issues } = parseLog(JSON.stringify({ ...base, client: { name: 'x', ['k'.repeat(900_000)]: 1 }, type: 'claimClient' }));
    expect(issues[0]?.code).toBe('unrecognized_keys');
    expect(JSON.stringify(issues).length).toBeLessThan(1000);
  });

  it('a 10 MB id is not echoed whole as the issue event', () => {
    const r = parseEvent({ ...base, id: 'i'.repeat(10_000_000) });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r).length).toBeLessThan(1000);
  });

  it('a line longer than the limit is refused as line_too_long before it is parsed', () => {
    const r = parseLine(JSON.stringify({ ...base, note: 'n'.repeat(2_000) }), 3, { maxLineLength: 1_000 });
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'line_too_long', line: 3 }] });
    const long = parseLog(`${staffLine}\n{"v":1,"note":"${'n'.repeat(2_000_000)}"}`);
    expect(long.events).toHaveLength(1);
    expect(long.issues).toEqual([expect.objectContaining({ code: 'line_too_long', line: 2 })]);
  });
});

describe('extra fields: a line with an unknown key is refused, as an object with one is', () => {
  it.each([
    ['at the end', '{"v":1,"id":"e1","type":"changeStaff","at":"2026-11-01T08:30:00+08:00","office":"jz","staff":"S01","reciever":"x"}'],
    ['before known keys', '{"v":1,"id":"e1","type":"changeStaff","reciever":"x","at":"2026-11-01T08:30:00+08:00","office":"jz","staff":"S01"}'],
    ['in a client reference', '{"v":1,"id":"e1","type":"claimClient","at":"2026-11-01T08:30:00+08:00","office":"jz","staff":"S01","client":{"name":"x","nmae":"y"}}'],
  ])('%s', (_where, line) => {
    const r = parseLine(line, 1);
    expect(r?.ok).toBe(false);
    if (r !== undefined && !r.ok) expect(r.issues[0]?.code).toBe('unrecognized_keys');
    expect(parseEvent(JSON.parse(line)).ok).toBe(false);
  });

  it('given a typo in a key, when the line is read, then the issue stands at the key itself and names it', () => {
    const top = parseLine('{"v":1,"id":"e1","type":"changeStaff","at":"2026-11-01T08:30:00+08:00","office":"jz","staff":"S01","reciever":"x"}', 4);
    expect(top).toEqual({ ok: false, issues: [{ code: 'unrecognized_keys', path: ['reciever'], message: 'unknown field "reciever"', event: 'e1', line: 4 }] });
    const nested = parseLine('{"v":1,"id":"e2","type":"claimClient","at":"2026-11-01T08:30:00+08:00","office":"jz","staff":"S01","client":{"name":"x","nmae":"y","fone":"z"}}', 5);
    expect(nested?.ok === false && nested.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['client.nmae', 'unknown field "nmae"'],
      ['client.fone', 'unknown field "fone"'],
    ]);
  });

  it('given an object with 10,000 unknown keys, when it is read, then ten are named and the rest counted in one issue', () => {
    const junk = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]));
    const r = parseEvent({ ...base, ...junk });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(11);
    expect(r.issues[0]?.path).toEqual(['k0']);
    expect(r.issues[10]).toMatchObject({ code: 'unrecognized_keys', path: [], message: 'and 9990 more unknown fields' });
  });
});

describe('issue 13 #2: decimals have bounded digits', () => {
  it('an amount of "1" and 10 million zeros is refused at once, naming the limit', () => {
    const started = performance.now();
    const r = parseEvent(deal(`1${'0'.repeat(10_000_000)}`));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ path: ['amount'], message: expect.stringMatching(/15 digits/) });
  });

  it('more than 40 significant digits is an issue, not silent rounding', () => {
    const r = parseEvent(deal('1234567890.12345678901234567890123456789012345'));
    expect(r.ok).toBe(false);
  });

  it('amounts up to 15 integer digits and 10 decimals are read exactly', () => {
    expect(decimalSchema.safeParse('999999999999999.9999999999').success).toBe(true);
    expect(decimalSchema.safeParse('1000000000000000').success).toBe(false);
    expect(decimalSchema.safeParse('1.12345678901').success).toBe(false);
    const { state } = replay(parseLog([staffLine, JSON.stringify({ ...deal('123456789012345.67'), id: 'd2' })].join('\n')).events);
    expect(state.deals.deals.get('D1')?.amount).toBe('123456789012345.67');
  });
});

describe('issue 13 #7: a byte order mark', () => {
  it('parseLog strips a BOM at the start of the text: line 1 is read', () => {
    const { events, issues } = parseLog(`\uFEFF${staffLine}\n`);
    expect(issues).toEqual([]);
    expect(events).toHaveLength(1);
  });

  it('parseLine reads a BOM on line 1, and only there', () => {
    expect(parseLine(`\uFEFF${staffLine}`, 1)?.ok).toBe(true);
    expect(parseLine(`\uFEFF${staffLine}`, 2)?.ok).toBe(false);
  });
});

describe('issue 13 #6: invalid UTF-8 is reported, never replaced silently', () => {
  const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

  it('parseLog on bytes decodes each line strictly: a bad byte makes its line an invalid_utf8 issue', () => {
    const bad = staffLine.replace('"e1"', '"e2"').replace('"S01"', '"S02"').replace('李娜', '张\u0000伟');
    const [before, after] = bad.split('\u0000') as [string, string];
    const input = bytes(staffLine, '\n', before, [0xff], after, '\r\n', staffLine.replace('"e1"', '"e3"').replace('"S01"', '"S03"'), '\n');
    const { events, issues } = parseLog(input);
    expect(events.map((e) => e.id)).toEqual(['e1', 'e3']);
    expect(issues).toEqual([expect.objectContaining({ code: 'invalid_utf8', line: 2 })]);
  });

  it('reads multi-byte characters, CRLF and a BOM from bytes', () => {
    const { events, issues } = parseLog(bytes([0xef, 0xbb, 0xbf], staffLine, '\r\n'));
    expect(issues).toEqual([]);
    expect(events[0]?.type === 'changeStaff' && events[0].name).toBe('李娜');
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a sequence cut short', [0xe5, 0xbc]],
  ])('refuses %s', (_what, bad) => {
    const { issues } = parseLog(bytes('{"v":1,"note":"', bad, '"}'));
    expect(issues[0]?.code).toBe('invalid_utf8');
  });
});
