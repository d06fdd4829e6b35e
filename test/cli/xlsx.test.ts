/**
 * `--format xlsx`: one workbook, a sheet per report, read back two ways: with
 * exceljs (what Excel shows: types, formats, frozen header, widths) and as
 * the raw sheet XML out of the zip (what is stored: months as strings, money
 * as numbers, no formulas).
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { displayWidth } from '../../src/cli/format.js';
import { kindOf, numFmts, openWorkbook, sheetBacklog, typedCell, WIDTH_SAMPLE } from '../../src/cli/xlsx.js';
import { HOSTILE_FORMULA, hostileLog } from './hostile.js';
import { Captured, cli, dayLog, monthLog, scratch, type Ran } from './support.js';

type Json = { reports: Record<string, { rows: Record<string, unknown>[] }> };

const identity = (s: string) => s;
let dir: string;
let ran: Ran;
let book: ExcelJS.Workbook;
let json: Json;
let zip: Record<string, Uint8Array>;

/** A sheet's XML out of the zip, found through the workbook's relationships, as Excel finds it. */
function sheetXml(name: string): string {
  const text = (path: string) => strFromU8(zip[path] ?? new Uint8Array());
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(text('xl/workbook.xml'))?.[1];
  const rel = [...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship [^>]*>/g)].map((m) => m[0]).find((r) => r.includes(`Id="${id}"`));
  const target = /Target="([^"]+)"/.exec(rel ?? '')?.[1] ?? '';
  return text(`xl/${target.replace(/^\/?xl\//, '')}`);
}

beforeAll(async () => {
  dir = scratch();
  // The default names no commission rate: 000 §14's tiers, so that the commission sheet has money in it.
  writeFileSync(join(dir, 'tiers.json'), JSON.stringify({ deals: { commission: { rates: { neither: '1.8', one: '2', both: '2.3', above: '2.5' } } } }));
  ran = await cli(['replay', monthLog, '--policy', 'tiers.json', '--format', 'xlsx', '--out', 'out'], { cwd: dir });
  book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(dir, 'out/reports.xlsx'));
  json = JSON.parse((await cli(['replay', monthLog, '--policy', 'tiers.json', '--format', 'json'], { cwd: dir })).stdout) as Json;
  zip = unzipSync(readFileSync(join(dir, 'out/reports.xlsx')));
});

const sheet = (name: string) => {
  const ws = book.getWorksheet(name);
  if (ws === undefined) throw new Error(`no sheet ${name}`);
  return ws;
};
const header = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1).map(String);
const at = (ws: ExcelJS.Worksheet, row: number, column: string) => ws.getRow(row).getCell(header(ws).indexOf(column) + 1);

describe('replay --format xlsx --out <dir>', () => {
  it('writes <dir>/reports.xlsx with a sheet per report, then the summary, and summary.json', () => {
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain('wrote out/reports.xlsx');
    expect(book.worksheets.map((w) => w.name)).toEqual([...Object.keys(json.reports), 'summary']);
    expect(JSON.parse(readFileSync(join(dir, 'out/summary.json'), 'utf8'))).toMatchObject({ badLines: 0, withheld: { owners: 0 } });
    const summary = sheet('summary');
    expect(summary.getRow(2).values).toEqual([undefined, 'log', 'office-month.jsonl']);
  });

  it('every sheet has the rows of its report, under the header', () => {
    for (const [name, report] of Object.entries(json.reports)) {
      const ws = sheet(name);
      expect(ws.actualRowCount).toBe(report.rows.length + 1);
      expect(header(ws)).toEqual(Object.keys(report.rows[0] ?? {}));
    }
  });

  it('money is a number with two decimals, exact from the decimal strings; months stay text', () => {
    const ws = sheet('commissions');
    const rows = json.reports.commissions?.rows ?? [];
    expect(rows.length).toBeGreaterThan(0);
    rows.forEach((r, i) => {
      for (const column of ['opening', 'accrued', 'net', 'payable', 'carried']) {
        const cell = at(ws, i + 2, column);
        expect(cell.value).toBe(Number(r[column]));
        expect(cell.numFmt).toBe('0.00');
      }
      const month = at(ws, i + 2, 'month');
      expect(month.type).toBe(ExcelJS.ValueType.String);
      expect(month.value).toBe(r.month);
    });
  });

  it('times and days are dates in the office time (Excel has no zones), counts stay numbers', () => {
    const receptions = sheet('receptions');
    const first = json.reports.receptions?.rows[0] as { at: string };
    const cell = at(receptions, 2, 'at');
    expect(cell.value).toBeInstanceOf(Date);
    expect((cell.value as Date).toISOString().slice(0, 19)).toBe(first.at.slice(0, 19));
    expect(cell.numFmt).toBe(numFmts.datetime);
    const fairness = sheet('fairness');
    const day = at(fairness, 2, 'day');
    expect((day.value as Date).toISOString().slice(0, 10)).toBe((json.reports.fairness?.rows[0] as { day: string }).day);
    expect(at(fairness, 2, 'turns').value).toBe((json.reports.fairness?.rows[0] as { turns: number }).turns);
    expect(at(receptions, 2, 'counted').value).toBe((json.reports.receptions?.rows[0] as { counted: boolean }).counted);
  });

  it('the header row is frozen and bold; columns fit their text, a Chinese character counting two', () => {
    const ws = sheet('owners');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).font?.bold).toBe(true);
    const rows = (json.reports.owners?.rows ?? []).slice(0, WIDTH_SAMPLE) as { name: string | null; ownerName: string | null }[];
    for (const column of ['name', 'ownerName'] as const) {
      const widest = Math.max(displayWidth(column), ...rows.map((r) => displayWidth(r[column] ?? '')));
      expect(widest).toBeGreaterThanOrEqual(6);
      expect(ws.getColumn(header(ws).indexOf(column) + 1).width).toBe(widest + 2);
    }
  });

  it('in the stored XML: the header pane frozen, months as strings, money as bare numbers styled 0.00, no formula', () => {
    const xml = sheetXml('commissions');
    expect(xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    const months = [...xml.matchAll(/<c r="C\d+"([^>]*)><v>([^<]*)<\/v><\/c>/g)];
    expect(months.length).toBe((json.reports.commissions?.rows.length ?? 0) + 1);
    for (const [, attrs, value] of months.slice(1)) {
      expect(attrs).toContain('t="str"');
      expect(value).toMatch(/^\d{4}-\d{2}$/);
    }
    const money = /<c r="E2" s="(\d+)"><v>([^<]+)<\/v><\/c>/.exec(xml);
    expect(Number(money?.[2])).toBe(Number(json.reports.commissions?.rows[0]?.accrued));
    const styles = strFromU8(zip['xl/styles.xml'] ?? new Uint8Array());
    // 0.00 is Excel's built-in format 2, or a custom format of that code.
    const ids = ['2', ...[...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="0\.00"\/>/g)].map((m) => m[1])];
    const xf = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf [^>]*>/g)].map((m) => m[0])[Number(money?.[1])];
    expect(ids).toContain(/numFmtId="(\d+)"/.exec(xf ?? '')?.[1]);
    expect(xml).not.toContain('<f>');
  });

  it('PRV-MASK: the owners sheet shows masked phones only', () => {
    const xml = sheetXml('owners');
    expect(xml).toMatch(/<v>1\d{2}\*{4}\d{4}<\/v>/);
    expect(xml).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
  });
});

describe('typed cells and the other commands', () => {
  it('a name that looks like a formula stays text', async () => {
    const cwd = scratch();
    const r = await cli(['replay', hostileLog(), '--report', 'scorecard', '--format', 'xlsx', '--out', '.'], { cwd });
    expect(r.code).toBe(0);
    const b = new ExcelJS.Workbook();
    await b.xlsx.readFile(join(cwd, 'reports.xlsx'));
    const ws = b.getWorksheet('scorecard');
    const cell = ws?.getColumn(2).values.find((v) => v === HOSTILE_FORMULA);
    expect(cell).toBe(HOSTILE_FORMULA);
    expect(strFromU8(unzipSync(readFileSync(join(cwd, 'reports.xlsx')))['xl/worksheets/sheet1.xml'] ?? new Uint8Array())).not.toContain('<f>');
  });

  it('types by column: money, times, days, months; what does not parse stays as it is', () => {
    expect(['amount', 'at', 'day', 'month', 'name'].map(kindOf)).toEqual(['money', 'datetime', 'date', 'month', 'text']);
    expect(typedCell('-12.30', 'money', identity)).toEqual({ value: -12.3, numFmt: '0.00' });
    expect(typedCell('1234567890.12', 'money', identity).value).toBe(1234567890.12);
    expect(typedCell('n/a', 'money', identity)).toEqual({ value: 'n/a' });
    expect(typedCell('2026-10-15T18:05:09+08:00', 'datetime', identity)).toEqual({ value: new Date(Date.UTC(2026, 9, 15, 18, 5, 9)), numFmt: numFmts.datetime });
    expect(typedCell('2026-10', 'month', identity)).toEqual({ value: '2026-10' });
    expect(typedCell('2026-10', 'text', identity)).toEqual({ value: '2026-10' });
    expect(typedCell(['OWN-FIRST', 'REG-FIRST'], 'text', identity)).toEqual({ value: 'OWN-FIRST, REG-FIRST' });
    expect(typedCell(null, 'money', identity)).toEqual({ value: null });
  });

  it("diff --format xlsx writes the differences, a sheet per section of compare's result", async () => {
    const cwd = scratch();
    const r = await cli(['diff', monthLog, '--policy', 'jiuzhou', '--policy', 'shenyang', '--format', 'xlsx', '--out', 'd'], { cwd });
    expect(r.code).toBe(0);
    const b = new ExcelJS.Workbook();
    await b.xlsx.readFile(join(cwd, 'd/reports.xlsx'));
    expect(b.worksheets.map((w) => w.name)).toEqual(['owners', 'visits', 'months', 'turns', 'refusals', 'summary']);
    expect(header(b.getWorksheet('months') as ExcelJS.Worksheet)).toEqual(['staff', 'name', 'month', 'account', 'aAmount', 'aEntries', 'aRules', 'aEvidence', 'bAmount', 'bEntries', 'bRules', 'bEvidence']);
  });

  it('needs --out, and only replay and diff write workbooks', async () => {
    const noOut = await cli(['replay', monthLog, '--format', 'xlsx']);
    expect(noOut.code).toBe(1);
    expect(noOut.stderr).toContain('--format xlsx writes a file: give --out <dir>');
    const queue = await cli(['queue', monthLog, '--at', '2026-10-02', '--format', 'xlsx']);
    expect(queue.code).toBe(1);
    expect(queue.stderr).toContain('--format xlsx: queue writes no workbook');
  });
});

/** A cell as compared: dates as ISO text, empty as null. */
function plainValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value === undefined || value === '' ? null : value;
}

/** A sheet's rows as the plain values of its cells, by its header's columns. */
function sheetRows(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const columns = header(ws);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(columns.map((c, i) => [c, plainValue(row.getCell(i + 1).value)])));
  });
  return rows;
}

/** JSON report rows as the workbook types them. */
const typedRows = (rows: readonly Record<string, unknown>[]) =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([c, v]) => [c, plainValue(typedCell(v as Parameters<typeof typedCell>[0], kindOf(c), identity).value)])));

const readBook = async (file: string) => {
  const b = new ExcelJS.Workbook();
  await b.xlsx.readFile(file);
  return b;
};

describe('the workbook is streamed: rows go into their sheet as the log is read', () => {
  const SMALL = 100;
  const reportsOf = ['--report', 'receptions', '--report', 'deals', '--report', 'owners'];

  it('in chunks, the first streamed sheet as it comes and the next from the spool, each sheet holds its report\'s rows, typed', async () => {
    const cwd = scratch();
    const [ranBook, ranJson] = await Promise.all([
      cli(['replay', monthLog, ...reportsOf, '--format', 'xlsx', '--out', 'out'], { cwd, chunkRows: SMALL }),
      cli(['replay', monthLog, ...reportsOf, '--format', 'json'], { chunkRows: SMALL }),
    ]);
    expect([ranBook.code, ranJson.code]).toEqual([0, 0]);
    const b = await readBook(join(cwd, 'out/reports.xlsx'));
    expect(b.worksheets.map((w) => w.name)).toEqual(['receptions', 'deals', 'owners', 'summary']);
    const doc = JSON.parse(ranJson.stdout) as Json;
    for (const name of ['receptions', 'deals', 'owners']) {
      const want = doc.reports[name]?.rows ?? [];
      // The month's receptions take many chunks of SMALL rows: the test streams, not one block.
      if (name === 'receptions') expect(want.length).toBeGreaterThan(10 * SMALL);
      expect(sheetRows(b.getWorksheet(name) as ExcelJS.Worksheet)).toEqual(typedRows(want));
    }
  });

  it('PRV-ACCESS: under --as, the sheets hold the salesperson\'s rows and the summary sheet the withheld counts, as JSON says', async () => {
    const cwd = scratch();
    const [ranBook, ranJson] = await Promise.all([
      cli(['replay', monthLog, ...reportsOf, '--as', 'S01', '--format', 'xlsx', '--out', 'out'], { cwd, chunkRows: SMALL }),
      cli(['replay', monthLog, ...reportsOf, '--as', 'S01', '--format', 'json'], { chunkRows: SMALL }),
    ]);
    expect([ranBook.code, ranJson.code]).toEqual([0, 0]);
    const b = await readBook(join(cwd, 'out/reports.xlsx'));
    const doc = JSON.parse(ranJson.stdout) as { reports: Record<string, { rows: Record<string, unknown>[]; withheld: number }> };
    const summary = new Map(sheetRows(b.getWorksheet('summary') as ExcelJS.Worksheet).map((r) => [r.field, r.value]));
    for (const name of ['receptions', 'deals', 'owners']) {
      const report = doc.reports[name];
      expect(report?.withheld).toBeGreaterThan(0);
      expect(summary.get(`withheld ${name}`)).toBe(report?.withheld);
      expect(sheetRows(b.getWorksheet(name) as ExcelJS.Worksheet)).toEqual(typedRows(report?.rows ?? []));
    }
  });

  it('the workbook file grows before the second half of the log is sent', async () => {
    const cwd = scratch();
    const file = join(cwd, 'out', 'reports.xlsx');
    const lines = readFileSync(monthLog, 'utf8').split('\n').filter((l) => l !== '').map((l) => `${l}\n`);
    const half = Math.floor(lines.length / 2);
    let seen = false;
    const sizeOf = () => (existsSync(file) ? statSync(file).size : 0);
    // Bytes of the first sheet's zipped XML: more than the zip's headers.
    const grown = 8_000;
    const stdin = (async function* () {
      yield Buffer.from(lines.slice(0, half).join(''));
      for (let waited = 0; waited < 5000 && !(seen = sizeOf() > grown); waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      yield Buffer.from(lines.slice(half).join(''));
    })();
    const ran = await cli(['replay', '-', '--report', 'receptions', '--format', 'xlsx', '--out', 'out'], { cwd, stdin, chunkRows: SMALL, stdout: new Captured() });
    expect(ran.code).toBe(0);
    expect(seen).toBe(true);
    expect(sizeOf()).toBeGreaterThan(grown);
  });

  it('the open sheet\'s backlog is found in this exceljs (the writer waits on it), and a long sheet reaches the file before the workbook ends', async () => {
    const excel = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough(), useStyles: true, useSharedStrings: false });
    expect(sheetBacklog(excel.addWorksheet('x'))).toBeDefined();
    expect(sheetBacklog({})).toBeUndefined();

    const file = join(scratch(), 'nested', 'book.xlsx');
    const workbook = await openWorkbook(file, identity);
    const ws = workbook.sheet({ name: 'rows', description: '', columns: ['name', 'amount'] }, identity);
    ws.start();
    const many = function* () {
      for (let i = 0; i < 20_000; i++) yield { name: `客户 ${i}`, amount: `${i}.05` };
    };
    await ws.pipe(many());
    expect(statSync(file).size).toBeGreaterThan(50_000);
    await ws.end(0);
    await workbook.finish({ log: 'generated' }, { rows: 0 });
    const rows = sheetRows((await readBook(file)).getWorksheet('rows') as ExcelJS.Worksheet);
    expect(rows).toHaveLength(20_000);
    expect(rows[19_999]).toEqual({ name: '客户 19999', amount: 19999.05 });
  });

  it('a workbook closed before it is finished (an error mid-log) leaves no file behind', async () => {
    const file = join(scratch(), 'book.xlsx');
    const workbook = await openWorkbook(file, identity);
    const ws = workbook.sheet({ name: 'rows', description: '', columns: ['name'] }, identity);
    ws.start();
    await ws.pipe(Array.from({ length: 20_000 }, (_, i) => ({ name: `客户 ${i}` })));
    expect(statSync(file).size).toBeGreaterThan(0);
    await workbook.close();
    expect(existsSync(file)).toBe(false);
  });
});

describe('the workbook is the same bytes for the same input', () => {
  it.each([
    ['replay', ['replay', dayLog, '--format', 'xlsx']],
    ['diff', ['diff', dayLog, '-p', 'jiuzhou', '-p', 'shenyang', '--format', 'xlsx']],
  ])('%s: two runs a year apart write byte-identical workbooks, with no trace of when they ran', async (_name, args) => {
    // Given the same log, written at two different times of the clock
    const cwd = scratch();
    vi.useFakeTimers({ toFake: ['Date'] });
    const runs: Ran[] = [];
    try {
      vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
      runs.push(await cli([...args, '--out', 'a'], { cwd }));
      vi.setSystemTime(new Date('2031-06-15T12:34:56Z'));
      runs.push(await cli([...args, '--out', 'b'], { cwd }));
    } finally {
      vi.useRealTimers();
    }
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    // Then the two workbooks are the same bytes: the zip's entry times and the document's created and modified are not the clock's
    const [a, b] = ['a', 'b'].map((d) => readFileSync(join(cwd, d, 'reports.xlsx')));
    expect(a?.equals(b ?? Buffer.alloc(0))).toBe(true);
    const core = strFromU8(unzipSync(a ?? Buffer.alloc(0))['docProps/core.xml'] ?? new Uint8Array());
    expect(core).toMatch(/<dcterms:created [^>]*>[^<]+<\/dcterms:created>/);
    expect(core).not.toMatch(/2030|2031/);
  });
});
