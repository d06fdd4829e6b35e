/**
 * The JSON Schema files the package ships (issue 12): generated from the zod
 * schemas, current, reachable through the exports map, and a standard
 * validator (Ajv, draft 2020-12) accepts the example logs and every preset.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { eventJsonSchema, eventSchemas, parseLine, policyJsonSchema, presetNames, presetPolicy } from '../../src/index.js';

const root = new URL('../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const shipped = (name: string) => JSON.parse(read(`schemas/${name}.schema.json`)) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: true, validateFormats: false });
const validEvent = ajv.compile(shipped('event'));
const validPolicy = ajv.compile(shipped('policy'));

describe('JSON Schemas generated from the zod schemas', () => {
  it('the event schema covers every event type', () => {
    const text = JSON.stringify(eventJsonSchema());
    for (const type of Object.keys(eventSchemas)) expect(text).toContain(`"const":"${type}"`);
    expect(eventJsonSchema()).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: expect.stringMatching(/event\.schema\.json$/) });
  });

  it('the policy schema documents defaults and rule IDs, and takes a policy or a dated timeline', () => {
    const text = JSON.stringify(policyJsonSchema());
    expect(text).toContain('"default":"Asia/Shanghai"');
    expect(text).toContain('OWN-VALIDITY');
    expect(policyJsonSchema()).toMatchObject({ $id: expect.stringMatching(/policy\.schema\.json$/), anyOf: [{ $ref: '#/$defs/policy' }, { $ref: '#/$defs/timeline' }] });
  });

  it('the shipped files are what the zod schemas generate today (scripts/schemas.ts --check in CI)', () => {
    expect(read('schemas/event.schema.json')).toBe(`${JSON.stringify(eventJsonSchema(), null, 2)}\n`);
    expect(read('schemas/policy.schema.json')).toBe(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
  });

  it('are reachable through the exports map and shipped in the package', () => {
    const require = createRequire(join(root, 'package.json'));
    expect(require.resolve('salesfloor/schemas/event.schema.json')).toBe(join(root, 'schemas/event.schema.json'));
    expect(require.resolve('salesfloor/schemas/policy.schema.json')).toBe(join(root, 'schemas/policy.schema.json'));
    expect((JSON.parse(read('package.json')) as { files: string[] }).files).toContain('schemas');
  });
});

describe('Ajv (draft 2020-12) on the shipped schemas', () => {
  it('accepts every line of the example month', () => {
    const lines = read('examples/logs/office-month.jsonl').split('\n').filter((l) => l.trim() !== '');
    const bad = lines.map((l, i) => [i + 1, validEvent(JSON.parse(l)), validEvent.errors] as const).filter(([, ok]) => !ok);
    expect(bad).toEqual([]);
    expect(lines.length).toBeGreaterThan(1000);
  });

  it('on the corrupt day: every line the engine parses is valid, and lines with a wrong field are not', () => {
    const lines = read('examples/logs/office-day-corrupt.jsonl').split('\n');
    let refused = 0;
    lines.forEach((text, i) => {
      const parsed = parseLine(text, i + 1);
      if (parsed === undefined) return;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return;
      }
      if (parsed.ok) expect(validEvent(json), `line ${i + 1}: ${JSON.stringify(validEvent.errors)}`).toBe(true);
      else if (!validEvent(json)) refused++;
    });
    expect(refused).toBeGreaterThan(0);
  });

  it('accepts every preset, and a dated timeline of presets', () => {
    for (const name of presetNames) expect(validPolicy(presetPolicy(name)), `${name}: ${JSON.stringify(validPolicy.errors)}`).toBe(true);
    expect(validPolicy({ versions: [{ policy: presetPolicy('jiuzhou') }, { id: 'next', from: '2026-12-01', policy: presetPolicy('shenyang') }] })).toBe(true);
  });

  it('refuses a misspelt field, a wrong type, an unknown event type', () => {
    expect(validPolicy({ ownership: { validityDay: { visit: 30 } } })).toBe(false);
    expect(validPolicy({ ownership: { validityDays: { visit: 'thirty' } } })).toBe(false);
    expect(validEvent({ v: 1, id: 'e1', type: 'sellHouse', at: '2026-11-01T10:00:00+08:00', office: 'jz' })).toBe(false);
    expect(validEvent({ v: 1, id: 'e1', type: 'changeStaff', at: '2026-11-01T10:00:00+08:00', office: 'jz', staff: 'S01', name: '李娜' })).toBe(true);
  });

  it('refuses a lone surrogate in a name, an id or a note and accepts an emoji, with or without unicode regular expressions', () => {
    const staff = { v: 1, id: 'e1', type: 'changeStaff', at: '2026-11-01T10:00:00+08:00', office: 'jz', staff: 'S01' };
    // A validator that reads patterns by UTF-16 code units (no `u` flag) must judge them alike.
    const units = new Ajv2020({ allErrors: true, strict: true, validateFormats: false, unicodeRegExp: false }).compile(shipped('event'));
    for (const valid of [validEvent, units]) {
      expect([{ name: '李娜😀' }, { name: '\ud83d\ude00' }, { note: 'a\nb' }].map((f) => valid({ ...staff, ...f }))).toEqual([true, true, true]);
      expect([{ name: '\ud800' }, { name: '李\udfff' }, { staff: 'S\udc01' }, { id: 'e\ude00\ud83d' }, { note: 'cut \ud83d' }].map((f) => valid({ ...staff, ...f }))).toEqual([false, false, false, false, false]);
    }
  });
});
