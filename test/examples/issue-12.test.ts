/**
 * The check kept for issue 12, through the package's name as a user imports
 * it: compare is exported, a client has no owner before their first
 * registration, and the example log validates against the shipped schema.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { asOf, compare, ownerOf, parseLog, presetPolicy, replay } from 'salesfloor';

const root = new URL('../../', import.meta.url).pathname;
const text = readFileSync(`${root}examples/logs/office-month.jsonl`, 'utf8');
const { events } = parseLog(text);

describe('issue 12', () => {
  it('exports compare: a policy against itself is empty, two presets differ', () => {
    expect(compare(events.slice(0, 800), presetPolicy('jiuzhou'), presetPolicy('jiuzhou')).owners).toEqual([]);
    expect(compare(events.slice(0, 800), presetPolicy('jiuzhou'), presetPolicy('shenyang')).owners.length).toBeGreaterThan(0);
  });

  it("ownerOf before a client's first registration returns nobody", () => {
    const first = events.find((e) => e.type === 'registerVisit' && e.client !== undefined && e.at > (events[0]?.at ?? ''));
    if (first?.type !== 'registerVisit' || first.client?.phone === undefined) throw new Error('no visit in the example log');
    const phone = first.client.phone;
    expect(ownerOf(replay(events).state, phone)).toBeDefined();
    // Just before the first event that mentions the client at all.
    const mention = events.find((e) => JSON.stringify(e).includes(phone)) ?? first;
    const before = asOf(events, new Date(Date.parse(mention.at) - 1).toISOString());
    expect(ownerOf(before.state, phone, before.view)?.owner ?? null).toBeNull();
  });

  it('the example log validates against the shipped schemas/event.schema.json', () => {
    const file = createRequire(`${root}package.json`).resolve('salesfloor/schemas/event.schema.json');
    const valid = new Ajv2020({ strict: true, validateFormats: false }).compile(JSON.parse(readFileSync(file, 'utf8')) as object);
    const bad = text.split('\n').filter((l) => l.trim() !== '' && !valid(JSON.parse(l)));
    expect(bad).toEqual([]);
  });
});
