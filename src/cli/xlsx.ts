/**
 * `--format xlsx`: one Excel workbook with a sheet per report, written with
 * exceljs's streaming writer (rows go to the file as they come; memory holds
 * a sample of each sheet, for its column widths, not the sheet).
 *
 * Cells are typed, so Excel and LibreOffice guess nothing: money (decimal
 * strings, exact to the cent) becomes numbers shown with two decimals,
 * times and days become dates, months (`2026-10`) stay text, everything else
 * is text or the number or boolean it already is. The header row is frozen
 * and columns are as wide as their text (a Chinese character counts two).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Args } from './commands.js';
import { displayWidth, type Clean, type Section } from './format.js';
import type { Io } from './io.js';
import { loadOptional } from './optional.js';
import type { Cell, Row } from './reports.js';

/** How a column's strings are typed in the workbook. */
export type ColumnKind = 'money' | 'datetime' | 'date' | 'month' | 'text';

const MONEY = new Set(['opening', 'accrued', 'clawedBack', 'adjusted', 'commission', 'bonus', 'net', 'closing', 'payable', 'carried', 'reversed', 'amount', 'base', 'red', 'green', 'redTarget', 'greenTarget', 'excess', 'credit']);
const DATETIME = new Set(['at', 'protectionEndsAt']);

/**
 * The kind of a report column, by its name (the reports name their columns
 * consistently; a column of another name holds text or real numbers).
 *
 * @param column - the column name
 */
export function kindOf(column: string): ColumnKind {
  if (MONEY.has(column)) return 'money';
  if (DATETIME.has(column)) return 'datetime';
  if (column === 'day') return 'date';
  if (column === 'month') return 'month';
  return 'text';
}

/** Excel's number formats per kind. */
export const numFmts = { money: '0.00', datetime: 'yyyy-mm-dd hh:mm:ss', date: 'yyyy-mm-dd' } as const;

const DECIMAL = /^-?\d+(\.\d+)?$/;
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A typed cell: its value, and a number format when it is money or a date. */
export interface TypedCell {
  readonly value: string | number | boolean | Date | null;
  readonly numFmt?: string;
}

/**
 * A report cell as a workbook cell. Times are the office's local wall time
 * (Excel dates have no zone: the offset is dropped, as people read the
 * times); money is the decimal string's number (at most 15 significant
 * digits, which holds any amount to the cent below a trillion).
 *
 * @param cell - the report cell
 * @param kind - the column's kind
 * @param clean - applied to every string (phone masking)
 */
export function typedCell(cell: Cell | undefined, kind: ColumnKind, clean: Clean): TypedCell {
  if (cell === null || cell === undefined) return { value: null };
  if (typeof cell === 'number' || typeof cell === 'boolean') return kind === 'money' && typeof cell === 'number' ? { value: cell, numFmt: numFmts.money } : { value: cell };
  if (typeof cell !== 'string') return { value: cell.map(clean).join(', ') };
  const text = clean(cell);
  if (kind === 'money' && DECIMAL.test(text)) return { value: Number(text), numFmt: numFmts.money };
  if (kind === 'datetime') {
    const m = LOCAL_TIME.exec(text);
    if (m) return { value: new Date(Date.UTC(+(m[1] ?? 0), +(m[2] ?? 1) - 1, +(m[3] ?? 1), +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0))), numFmt: numFmts.datetime };
  }
  if (kind === 'date') {
    const m = DAY.exec(text);
    if (m) return { value: new Date(Date.UTC(+(m[1] ?? 0), +(m[2] ?? 1) - 1, +(m[3] ?? 1))), numFmt: numFmts.date };
  }
  return { value: text };
}

/**
 * Loads exceljs (Node caches the module: the CLI loads it before a replay, to
 * say it is missing before reading a long log, and again to write).
 *
 * @returns the exceljs module
 * @throws UsageError when exceljs is not installed
 */
export async function loadExcel() {
  return (await loadOptional(() => import('exceljs'), 'exceljs', '--format xlsx')).default;
}

/** Rows read before a sheet's columns are sized; the rest stream through. */
export const WIDTH_SAMPLE = 500;
const MAX_WIDTH = 60;

function shownWidth(cell: TypedCell): number {
  const { value, numFmt } = cell;
  if (value === null) return 0;
  if (value instanceof Date) return numFmt === numFmts.date ? 10 : 19;
  if (typeof value === 'number') return numFmt === numFmts.money ? value.toFixed(2).length : String(value).length;
  if (typeof value === 'boolean') return 5;
  return displayWidth(value);
}

/** A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'sheet';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 28)} ${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/**
 * Writes sections as one workbook, a sheet per section, then a `summary`
 * sheet (the run's summary and the rows withheld by `--as`).
 *
 * @param file - the workbook's path
 * @param sections - the reports (rows may be produced as they are written)
 * @param head - the summary fields
 * @param clean - applied to every string (phone masking)
 */
export async function writeWorkbook(file: string, sections: readonly Section[], head: Record<string, unknown>, clean: Clean): Promise<void> {
  const excel = await loadExcel();
  // Inline strings and styles: no shared-string table growing with the rows.
  const workbook = new excel.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  workbook.creator = 'salesfloor';
  const taken = new Set<string>();
  const sheet = (name: string) => workbook.addWorksheet(sheetName(name, taken), { views: [{ state: 'frozen', ySplit: 1 }] });

  for (const section of sections) {
    const ws = sheet(section.name);
    const kinds = section.columns.map(kindOf);
    const widths = section.columns.map((c) => displayWidth(c));
    const sample: TypedCell[][] = [];
    let sized = false;
    const size = () => {
      ws.columns = section.columns.map((c, i) => ({ header: c, key: c, width: Math.min(MAX_WIDTH, (widths[i] ?? 0) + 2) }));
      ws.getRow(1).font = { bold: true };
      sized = true;
    };
    const add = (cells: readonly TypedCell[]) => {
      const row = ws.addRow(cells.map((c) => c.value));
      cells.forEach((c, i) => {
        if (c.numFmt !== undefined) row.getCell(i + 1).numFmt = c.numFmt;
      });
      row.commit();
    };
    for await (const r of section.rows as Iterable<Row> | AsyncIterable<Row>) {
      const cells = section.columns.map((c, i) => typedCell(r[c], kinds[i] ?? 'text', clean));
      if (sized) {
        add(cells);
        continue;
      }
      cells.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, shownWidth(c))));
      sample.push(cells);
      if (sample.length >= WIDTH_SAMPLE) {
        size();
        sample.splice(0).forEach(add);
      }
    }
    if (!sized) size();
    sample.splice(0).forEach(add);
    ws.commit();
  }

  const summary = sheet('summary');
  const fields: [string, string | number | boolean | null][] = Object.entries(head).map(([k, v]) => [k, v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v)]);
  for (const s of sections) fields.push([`withheld ${s.name}`, s.withheld()]);
  summary.columns = [
    { header: 'field', key: 'field', width: Math.min(MAX_WIDTH, Math.max(8, ...fields.map(([k]) => displayWidth(k))) + 2) },
    { header: 'value', key: 'value', width: Math.min(MAX_WIDTH, Math.max(8, ...fields.map(([, v]) => displayWidth(String(v ?? '')))) + 2) },
  ];
  summary.getRow(1).font = { bold: true };
  for (const [k, v] of fields) summary.addRow([k, typeof v === 'string' ? clean(v) : v]).commit();
  summary.commit();
  await workbook.commit();
}

/** The workbook's name in the `--out` folder. */
export const WORKBOOK = 'reports.xlsx';

/**
 * `--format xlsx --out <dir>`: the workbook `<dir>/reports.xlsx`, and the
 * summary as `<dir>/summary.json` as for the other formats.
 *
 * @param io - for the working directory and the "wrote" lines
 * @param args - `--out`
 * @param sections - the reports
 * @param head - the summary fields
 * @param clean - applied to every string
 * @param shown - how a path is shown to people
 */
export async function writeXlsx(io: Io, args: Args, sections: readonly Section[], head: Record<string, unknown>, clean: Clean, shown: (path: string) => string): Promise<void> {
  const dir = resolve(io.cwd, args.out ?? '.');
  await mkdir(dir, { recursive: true });
  const file = join(dir, WORKBOOK);
  await writeWorkbook(file, sections, head, clean);
  io.stderr.write(`wrote ${shown(file)}\n`);
  const withheld = Object.fromEntries(sections.map((s) => [s.name, s.withheld()]));
  await writeFile(join(dir, 'summary.json'), `${JSON.stringify({ ...head, withheld }, null, 2)}\n`);
}
