/**
 * The output formats: CSV that Excel reads (BOM, CRLF, quoting, no formulas),
 * tables aligned for Chinese text, JSON rows.
 */
import { describe, expect, it } from 'vitest';
import { csvLines, displayWidth, jsonDocument, tableLines, type Section } from '../../src/cli/format.js';
import type { Row } from '../../src/cli/reports.js';
import { parseCsv } from './support.js';

const same = (text: string) => text;
const rows: Row[] = [
  { name: '张伟', note: 'said "hi", then left', rules: ['OWN-FIRST', 'REG-FIRST'], amount: '1250000', counted: true, owner: null },
  { name: '=HYPERLINK("http://x")', note: 'line\nbreak', rules: [], amount: '-500', counted: false, owner: 'S01' },
];
const columns = ['name', 'note', 'rules', 'amount', 'counted', 'owner'];

describe('CSV for Excel', () => {
  const text = [...csvLines(columns, rows, same)].join('');

  it('starts with the UTF-8 byte order mark and ends every line with CRLF', () => {
    expect(text.startsWith('\uFEFFname,note,')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(rows.length + 2);
  });

  it('quotes commas, quotes and line breaks, and reads back to the same cells', () => {
    const [header, first, second] = parseCsv(text.slice(1));
    expect(header).toEqual(columns);
    expect(first).toEqual(['张伟', 'said "hi", then left', 'OWN-FIRST, REG-FIRST', '1250000', 'true', '']);
    expect(second?.[1]).toBe('line\nbreak');
  });

  it('keeps a text that Excel would run as a formula as text, but leaves negative numbers alone', () => {
    const [, , second] = parseCsv(text.slice(1));
    expect(second?.[0]).toBe(`'=HYPERLINK("http://x")`);
    expect(second?.[3]).toBe('-500');
  });
});

describe('tables for people', () => {
  it('align columns when cells hold Chinese characters (two columns wide each)', () => {
    const lines = [...tableLines(['name', 'owner'], [{ name: '张伟', owner: 'S01' }, { name: 'Li', owner: 'S02' }, { name: '欧阳娜娜', owner: 'S03' }], same)];
    const [header, , ...body] = lines;
    const ownerAt = [displayWidth(header?.slice(0, header.indexOf('owner')) ?? ''), ...body.map((l) => displayWidth(l.slice(0, l.indexOf('S0'))))];
    expect(ownerAt).toEqual([10, 10, 10, 10]);
    expect(displayWidth('欧阳娜娜')).toBe(8);
    expect(displayWidth('㎡ 三房')).toBe(7);
  });

  it('cut cells wider than 60 columns with an ellipsis', () => {
    const [, , line] = [...tableLines(['note'], [{ note: '很'.repeat(50) }], same)];
    expect(line?.trimEnd().endsWith('…')).toBe(true);
    expect(displayWidth(line?.trimEnd() ?? '')).toBeLessThanOrEqual(60);
  });
});

describe('JSON documents', () => {
  it('hold the head fields, then each section with its rows (lists stay lists) and withheld count', () => {
    const section: Section = { name: 'owners', description: 'd', columns, rows, withheld: () => 3 };
    const doc = JSON.parse([...jsonDocument({ log: 'x.jsonl', events: 2 }, 'reports', [section], same)].join('')) as Record<string, unknown>;
    expect(doc.log).toBe('x.jsonl');
    expect(doc.reports).toEqual({ owners: { description: 'd', rows: rows.map((r) => ({ ...r })), withheld: 3 } });
    const empty = JSON.parse([...jsonDocument({}, 'reports', [{ ...section, rows: [] }], same)].join('')) as { reports: { owners: { rows: unknown[] } } };
    expect(empty.reports.owners.rows).toEqual([]);
  });

  it('apply the cleaner to every string, inside lists too', () => {
    const section: Section = { name: 's', description: '', columns: ['a', 'b'], rows: [{ a: 'x', b: ['x', 'y'] }], withheld: () => 0 };
    const doc = JSON.parse([...jsonDocument({}, 'r', [section], (t) => t.toUpperCase())].join('')) as { r: { s: { rows: unknown[] } } };
    expect(doc.r.s.rows).toEqual([{ a: 'X', b: ['X', 'Y'] }]);
  });
});
