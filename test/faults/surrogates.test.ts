/**
 * A lone surrogate (a UTF-16 code unit U+D800-U+DFFF without its other half)
 * is not text: it has no UTF-8 form, so every file, CSV or xlsx report would
 * write it as U+FFFD and PostgreSQL's jsonb refuses it. The JSON escape
 * `"\ud800"` is valid JSON, and JavaScript callers can pass such strings
 * too: the engine refuses the event, naming the field, and goes on with the
 * other lines. A surrogate pair (an emoji, raw or escaped) is text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, it as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ingest, parseEvent, parseLine, parseLog, replay, type Event, type Issue } from '../../src/index.js';
import { cli, scratch } from '../cli/support.js';

const office = 'jz';
const at = (minute: number) => `2026-11-01T10:${String(minute).padStart(2, '0')}:00+08:00`;
const LONE = /^a lone surrogate \(U\+D[89A-F][0-9A-F]{2}\) is not text: /;

/** The log as written (JSON text: `\\ud800` below is the six characters of the JSON escape). */
const log = [
  `{"v":1,"id":"s1","at":"${at(0)}","office":"${office}","type":"changeStaff","staff":"S1","name":"李娜"}`,
  // 2: in a name (the example of the report)
  `{"v":1,"id":"e1","at":"${at(1)}","office":"${office}","type":"registerVisit","client":{"name":"\\ud800","phone":"13800000001"},"receiver":"S1"}`,
  // 3: in an id
  `{"v":1,"id":"e2","at":"${at(2)}","office":"${office}","type":"registerVisit","client":{"name":"王芳","phone":"13800000002"},"receiver":"S\\udc01"}`,
  // 4: in a nested field, upper-case hex
  `{"v":1,"id":"e3","at":"${at(3)}","office":"${office}","type":"registerVisit","client":{"name":"赵强","phone":"13800000003"},"receiver":"S1","party":[{"name":"李\\uDFFF","relation":"spouse"}]}`,
  // 5: a pair, escaped: an emoji
  `{"v":1,"id":"e4","at":"${at(4)}","office":"${office}","type":"registerVisit","client":{"name":"\\ud83d\\ude00","phone":"13800000004"},"receiver":"S1"}`,
  // 6: a high surrogate at the end of a note, the low half missing
  `{"v":1,"id":"e5","at":"${at(5)}","office":"${office}","type":"endReception","staff":"S1","note":"cut \\ud83d"}`,
  // 7: not an escape at all: an escaped backslash, then the text "ud800"
  `{"v":1,"id":"e6","at":"${at(6)}","office":"${office}","type":"registerVisit","client":{"name":"\\\\ud800","phone":"13800000006"},"receiver":"S1"}`,
  // 8: the event id itself, two lone surrogates in the wrong order
  `{"v":1,"id":"e7\\ude00\\ud83d","at":"${at(7)}","office":"${office}","type":"endReception","staff":"S1"}`,
  `{"v":1,"id":"e8","at":"${at(8)}","office":"${office}","type":"registerVisit","client":{"name":"钱总","phone":"13800000008"},"receiver":"S1"}`,
].join('\n');

const refusals = [
  { line: 2, event: 'e1', path: ['client', 'name'], unit: 'D800' },
  { line: 3, event: 'e2', path: ['receiver'], unit: 'DC01' },
  { line: 4, event: 'e3', path: ['party', 0, 'name'], unit: 'DFFF' },
  { line: 6, event: 'e5', path: ['note'], unit: 'D83D' },
  // The issue names the event by its id with each lone half written as its escape, so the issue itself is text.
  { line: 8, event: 'e7\\ude00\\ud83d', path: ['id'], unit: 'DE00' },
];

function expectRefusals(issues: readonly Issue[]): void {
  expect(issues.map((i) => [i.line, i.event, i.code, i.path])).toEqual(refusals.map((r) => [r.line, r.event, 'invalid_format', r.path]));
  issues.forEach((issue, k) => {
    expect(issue.message).toMatch(LONE);
    expect(issue.message).toContain(`(U+${refusals[k]?.unit})`);
  });
}

describe('a lone surrogate in an event is refused, naming the field; the other lines are applied', () => {
  it('given a log with lone surrogates escaped in a name, an id, a nested field, a note and the event id, when parsed, then those lines are refused and the rest applied', () => {
    const { events, issues } = parseLog(log);
    expectRefusals(issues);
    expect(events.map((e) => e.id)).toEqual(['s1', 'e4', 'e6', 'e8']);
    const names = events.flatMap((e) => (e.type === 'registerVisit' ? [e.client?.name] : []));
    // The pair is one character; the escaped backslash is text.
    expect(names).toEqual(['😀', '\\ud800', '钱总']);
    const replayed = replay(events);
    expect(replayed.issues).toEqual([]);
    expect(replayed.decisions.filter((d) => d.kind === 'reception').map((d) => d.event)).toEqual(['e4', 'e6', 'e8']);
  });

  it('given the same log as UTF-8 bytes (as the command line reads it), when parsed, then the same lines are refused', () => {
    const { events, issues } = parseLog(new TextEncoder().encode(log));
    expectRefusals(issues);
    expect(events.map((e) => e.id)).toEqual(['s1', 'e4', 'e6', 'e8']);
  });

  it('given raw lone surrogates in the JavaScript string of a line (no escape), when parsed, then they are refused as the escapes are; raw and escaped halves that pair up are text', () => {
    // Line 7's escaped backslash stays text; every escape of a surrogate becomes the code unit itself.
    const raw = log.replace('"\\\\ud800"', '"x"').replace(/\\u(d[89a-f][0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    expect(raw).toContain('\ud800');
    expectRefusals(parseLog(raw).issues);
    const line = (name: string) => `{"v":1,"id":"e1","at":"${at(1)}","office":"${office}","type":"registerVisit","client":{"name":"${name}"}}`;
    for (const pair of ['\ud83d\ude00', '\ud83d\\ude00', '\\ud83d\ude00', '\\uD83D\\uDE00']) {
      const r = parseLine(line(pair), 1);
      expect(r?.ok && r.event.type === 'registerVisit' && r.event.client?.name).toBe('😀');
    }
    for (const lone of ['\ud83d', '\ude00', '\ude00\ud83d', 'a\\udbffb', '\\ud800\\ud800', '\udfff\\ud800']) {
      const r = parseLine(line(lone), 1);
      expect(r?.ok).toBe(false);
      if (r?.ok === false) expect(r.issues.map((i) => [i.code, i.path])).toEqual([['invalid_format', ['client', 'name']]]);
    }
  });

  it('given objects from JavaScript callers, when validated by parseEvent or ingest, then a lone surrogate is refused and a pair is not', () => {
    const visit = (name: string) => ({ v: 1, id: 'e1', at: at(1), office, type: 'registerVisit', client: { name, phone: '13800000001' }, receiver: 'S1' });
    const lone = parseEvent(visit('张\ud800'), 3);
    expect(lone.ok).toBe(false);
    if (!lone.ok) {
      expect(lone.issues).toEqual([{ code: 'invalid_format', path: ['client', 'name'], message: expect.stringMatching(LONE) as string, line: 3, event: 'e1' }]);
      expect(lone.issues[0]?.message).toContain('(U+D800)');
    }
    expect(parseEvent(visit('张😀')).ok).toBe(true);
    const staff = replay([{ v: 1, id: 's1', at: at(0), office, type: 'changeStaff', staff: 'S1' } as Event]).state;
    const step = ingest(staff, visit('\udc00'));
    expect(step.issues.map((i) => [i.code, i.path])).toEqual([['invalid_format', ['client', 'name']]]);
    expect(step.state).toBe(staff);
    expect(ingest(staff, visit('😀')).issues).toEqual([]);
    // Every field is checked, not only the first one found (in schema order: the note is the envelope's).
    const both = parseEvent({ ...visit('\ud800'), note: '\udfff' });
    expect(both.ok === false && both.issues.map((i) => i.path)).toEqual([['note'], ['client', 'name']]);
  });

  it('given the log on disk, when validated on the command line, then each refused line is named with its field and quarantined, and the others are applied', async () => {
    const cwd = scratch();
    const file = join(cwd, 'log.jsonl');
    writeFileSync(file, `${log}\n`);
    const ran = await cli(['validate', file], { cwd });
    expect(ran.code).toBe(2);
    expect(ran.stdout).toContain('4 events applied');
    for (const r of refusals) expect(ran.stdout).toMatch(new RegExp(`line ${r.line}: ${r.path.join('\\.')}: a lone surrogate \\(U\\+${r.unit}\\) is not text`));
    const quarantined = readFileSync(join(cwd, '.salesfloor-out/quarantine.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; text: string });
    expect(quarantined.map((q) => q.line)).toEqual(refusals.map((r) => r.line));
    // The quarantine (phones masked) keeps the escapes, never replacement characters.
    for (const q of quarantined) {
      expect(q.text).toMatch(/\\u[dD][89a-fA-F]/);
      expect(q.text).not.toContain('\ufffd');
    }
  });
});

/** Any string of UTF-16 code units, lone surrogates included, some of them very often. */
const units = fc.array(fc.oneof(fc.integer({ min: 0xd800, max: 0xdfff }), fc.integer({ min: 0x20, max: 0xffff })), { maxLength: 8 }).map((cs) => String.fromCharCode(...cs));

describe('an issue is text, whatever the line held', () => {
  const wellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
  const base = { v: 1, id: 'e1', at: at(1), office, type: 'registerVisit', client: { name: '王芳', phone: '13800000001' }, receiver: 'S1' };

  prop.prop([units, units, units, units])(
    'given lone surrogates in an unknown key, a nested unknown key, the type and the id, when parsed, then every message, path segment and event id of the issues is well-formed and still shows the escape',
    (key, nested, type, id) => {
      const lines = [
        JSON.stringify({ ...base, [`k${key}`]: 1 }),
        JSON.stringify({ ...base, client: { ...base.client, [`n${nested}`]: 1 } }),
        JSON.stringify({ ...base, type: `t${type}` }),
        JSON.stringify({ ...base, id: `e${id}`, receiver: 7 }),
      ];
      for (const line of lines) {
        const r = parseLine(line, 1);
        expect(r?.ok).toBe(false);
        if (r?.ok !== false) continue;
        for (const i of r.issues) {
          expect(wellFormed(i.message)).toBe(true);
          for (const seg of i.path) if (typeof seg === 'string') expect(wellFormed(seg)).toBe(true);
          if (i.event !== undefined) expect(wellFormed(i.event)).toBe(true);
        }
      }
    },
  );

  it('given an unknown key and a type holding a lone surrogate, when parsed, then the issue names them with the escape in place of the half', () => {
    const key = parseLine(JSON.stringify({ ...base, 'bad\ud800': 1 }), 4);
    expect(key?.ok === false && key.issues.map((i) => [i.path, i.message])).toEqual([[['bad\\ud800'], 'unknown field "bad\\ud800"']]);
    const type = parseLine(JSON.stringify({ ...base, type: 'x\udfff' }), 5);
    expect(type?.ok === false && type.issues[0]?.message).toMatch(/^unknown event type "x\\udfff"; /);
  });
});
