/**
 * `--format xlsx`: one Excel workbook with a sheet per report, written with
 * exceljs's streaming writer as the report stream (stream.ts) hands it the
 * rows: a streamed report's rows go into its sheet as the log is read, or,
 * for a sheet after the first, wait in the stream's spool file until the
 * sheets before it are written. Memory holds a sample of the open sheet, for
 * its column widths, not the sheet.
 *
 * The sheets are written one after another, each committed before the next
 * is added: exceljs zips the sheets in the order they are added, so the rows
 * of a later sheet written while an earlier one is open would wait in
 * memory. And exceljs hands its rows on without asking the file to keep up;
 * {@link openWorkbook}'s `drained` waits for the open sheet's backlog.
 *
 * Cells are typed, so Excel and LibreOffice guess nothing: money (decimal
 * strings, exact to the cent) becomes numbers shown with two decimals,
 * times and days become dates, months (`2026-10`) stay text, everything else
 * is text or the number or boolean it already is. The header row is frozen
 * and columns are as wide as their text (a Chinese character counts two).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { displayWidth, type Clean, type SectionHead } from './format.js';
import { OutputError, reasonOf } from './io.js';
import { makeDirectory, type Leftovers } from './leftovers.js';
import { loadOptional } from './optional.js';
import type { Cell, Row } from './reports.js';
import type { SectionOut, Workbook } from './stream.js';

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

/** The workbook's name in the `--out` folder. */
export const WORKBOOK = 'reports.xlsx';

/** Rows of a sheet written between two waits for the file, after the log (a report from the final state, a spool read back). */
const PIPE_ROWS = 1000;
/** Bytes of a sheet's XML that may wait for the zip before the writer waits for it. */
const BACKLOG_BYTES = 1 << 20;

/** A stream's buffered bytes, as Node's streams (and readable-stream's) keep them. */
interface Buffered {
  readonly _writableState?: { readonly length: number };
  readonly _readableState?: { readonly length: number };
  once(event: 'drain', listener: () => void): unknown;
}

/**
 * The stream a sheet's XML waits in before the zip takes it, or undefined.
 * exceljs writes a sheet into a buffer of its own that pushes into a
 * PassThrough of archiver's as fast as it is written, whatever the zip
 * takes: that PassThrough's buffer is the backlog. Neither is public API;
 * test/cli/xlsx.test.ts checks that it is found, so a change of exceljs is
 * seen there, not in a long run's memory.
 *
 * @param sheet - a worksheet of exceljs's streaming writer
 */
export function sheetBacklog(sheet: unknown): Buffered | undefined {
  const pipes = (sheet as { stream?: { pipes?: readonly unknown[] } } | null)?.stream?.pipes;
  const pass = pipes?.[0] as Buffered | undefined;
  return pass?._writableState === undefined ? undefined : pass;
}

const backlogOf = (pass: Buffered) => (pass._writableState?.length ?? 0) + (pass._readableState?.length ?? 0);

/**
 * The time a workbook says it was made and last changed (its document
 * properties), and the time of each entry of its zip: fixed, so that the
 * same reports are the same bytes whenever and however (`--jobs`) they are
 * written. The earliest time a zip entry can hold.
 *
 * @example
 * ```ts
 * new Date(WORKBOOK_TIME).getUTCFullYear(); // 1980
 * ```
 */
export const WORKBOOK_TIME = '1980-01-01T00:00:00Z';

/** The zip of exceljs's streaming writer: archiver's, whose entries are dated when added. */
interface Zip {
  append(source: unknown, data?: Record<string, unknown>): unknown;
}

/**
 * Dates every entry added to a writer's zip from now on at {@link WORKBOOK_TIME}
 * (archiver stamps each with the clock, and exceljs passes no date). The zip
 * is not public API: test/cli/xlsx.test.ts checks that two runs give the same
 * bytes, so a change of exceljs is seen there.
 *
 * @param writer - a streaming workbook writer
 */
function stampEntries(writer: object): void {
  const zip = (writer as { zip?: Zip }).zip;
  if (zip === undefined || typeof zip.append !== 'function' || stamped.has(zip)) return;
  stamped.add(zip);
  const append = zip.append.bind(zip);
  zip.append = (source, data) => append(source, { ...data, date: new Date(WORKBOOK_TIME) });
}
const stamped = new WeakSet<Zip>();

type Excel = Awaited<ReturnType<typeof loadExcel>>;

/**
 * exceljs's streaming writer with its zip entries dated at {@link WORKBOOK_TIME}:
 * its constructor adds the first entries (the theme, the package's
 * relationships) through these two methods, so the zip is stamped before them.
 */
function stampedWriter(excel: Excel) {
  return class StampedWriter extends excel.stream.xlsx.WorkbookWriter {
    override addThemes(): Promise<void> {
      stampEntries(this);
      return super.addThemes();
    }

    override addOfficeRels(): Promise<void> {
      stampEntries(this);
      return super.addOfficeRels();
    }
  };
}

/**
 * Opens a workbook for `--format xlsx`: its sheets are added as the report
 * stream starts them, one after another, and each is committed (its XML
 * ended) when it ends; the summary sheet comes last. Inline strings and
 * styles, so no shared-string table grows with the rows. The file (and its
 * folder) is made once the log is being read (`begin`) or the first sheet
 * starts: a run that fails before (a log it cannot read) makes neither, nor
 * empties an earlier run's workbook. Its dates are {@link WORKBOOK_TIME}:
 * the same reports give the same bytes.
 *
 * @param file - the workbook's path (its folder is made)
 * @param clean - applied to the summary's strings (phone masking); each sheet has its own
 * @param where - how messages name the file (default: its path), and the run's leftovers, told of the folders made
 * @returns the workbook
 * @throws UsageError when exceljs is not installed; {@link OutputError} (from the sheets and finish) when the file cannot be written
 * @example
 * ```ts
 * const workbook = await openWorkbook(join(out, WORKBOOK), maskText);
 * const sheet = workbook.sheet({ name: 'owners', description: '', columns: ['client'] }, maskText);
 * sheet.start();
 * await sheet.pipe([{ client: 'e000001' }]);
 * await sheet.end(0);
 * await workbook.finish({ log: 'office.jsonl' }, { owners: 0 });
 * ```
 */
export async function openWorkbook(file: string, clean: Clean, where: { readonly label?: string; readonly leftovers?: Leftovers } = {}): Promise<Workbook> {
  const excel = await loadExcel();
  const Writer = stampedWriter(excel);
  const label = where.label ?? file;
  const asOutputError = (error: unknown): OutputError => (error instanceof OutputError ? error : new OutputError(`cannot write ${label}: ${reasonOf(error)}`));
  let failure: OutputError | null = null;
  /** The file and its writer, once the log is being read or the first sheet starts. */
  let opened: { readonly output: WriteStream; readonly book: InstanceType<typeof Writer>; readonly failed: Promise<never> } | null = null;
  const ensureOpen = () => {
    if (opened !== null) return opened;
    let output: WriteStream;
    try {
      makeDirectory(dirname(file), where.leftovers);
      output = createWriteStream(file);
    } catch (error) {
      throw asOutputError(error);
    }
    // A write error (a full disk, a directory of the workbook's name) ends the run: every wait below also waits for it.
    const failed = new Promise<never>((_resolve, reject) =>
      output.once('error', (error) => {
        failure = asOutputError(error);
        reject(failure);
      }),
    );
    failed.catch(() => undefined);
    const book = new Writer({ stream: output, useStyles: true, useSharedStrings: false });
    book.creator = 'salesfloor';
    book.lastModifiedBy = 'salesfloor';
    book.created = new Date(WORKBOOK_TIME);
    book.modified = new Date(WORKBOOK_TIME);
    opened = { output, book, failed };
    return opened;
  };
  const taken = new Set<string>();
  const addSheet = (name: string) => ensureOpen().book.addWorksheet(sheetName(name, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
  /** The sheet being written, for its backlog. */
  let open: unknown = null;
  let done = false;

  const drained = async (): Promise<void> => {
    if (failure !== null) throw failure;
    const pass = sheetBacklog(open);
    // Without the backlog to look at (another exceljs), let the zip run between chunks at least.
    if (pass === undefined) return new Promise((resolve) => setImmediate(resolve));
    const failed = opened?.failed;
    while (backlogOf(pass) > BACKLOG_BYTES) await Promise.race([new Promise<void>((resolve) => pass.once('drain', resolve)), ...(failed === undefined ? [] : [failed])]);
  };

  const sheet = (head: SectionHead, clean: Clean): SectionOut => {
    const kinds = head.columns.map(kindOf);
    const widths = head.columns.map((c) => displayWidth(c));
    const sample: TypedCell[][] = [];
    let ws: ReturnType<typeof addSheet> | null = null;
    let sized = false;
    const size = (target: ReturnType<typeof addSheet>) => {
      target.columns = head.columns.map((c, i) => ({ header: c, key: c, width: Math.min(MAX_WIDTH, (widths[i] ?? 0) + 2) }));
      target.getRow(1).font = { bold: true };
      sized = true;
    };
    const add = (target: ReturnType<typeof addSheet>, cells: readonly TypedCell[]) => {
      const row = target.addRow(cells.map((c) => c.value));
      cells.forEach((c, i) => {
        if (c.numFmt !== undefined) row.getCell(i + 1).numFmt = c.numFmt;
      });
      row.commit();
    };
    const started = () => {
      if (ws === null) throw new Error(`internal: sheet ${head.name} written before it was started`);
      return ws;
    };
    const rows = (list: Iterable<Row>) => {
      const target = started();
      for (const r of list) {
        const cells = head.columns.map((c, i) => typedCell(r[c], kinds[i] ?? 'text', clean));
        if (sized) {
          add(target, cells);
          continue;
        }
        // The columns are sized on the first rows, before any row is written (exceljs writes them first).
        cells.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, shownWidth(c))));
        sample.push(cells);
        if (sample.length >= WIDTH_SAMPLE) {
          size(target);
          for (const c of sample.splice(0)) add(target, c);
        }
      }
    };
    return {
      start() {
        ws = addSheet(head.name);
        open = ws;
      },
      rows,
      async pipe(list) {
        let batch: Row[] = [];
        for (const r of list) {
          batch.push(r);
          if (batch.length < PIPE_ROWS) continue;
          rows(batch);
          batch = [];
          await drained();
        }
        rows(batch);
        await drained();
      },
      async end() {
        const target = started();
        if (!sized) size(target);
        for (const c of sample.splice(0)) add(target, c);
        target.commit();
        await drained();
      },
    };
  };

  return {
    file,
    sheet,
    begin: () => void ensureOpen(),
    drained,
    async finish(summary, withheld) {
      const ws = addSheet('summary');
      open = ws;
      const fields: [string, string | number | boolean | null][] = Object.entries(summary).map(([k, v]) => [k, v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v)]);
      for (const [name, count] of Object.entries(withheld)) fields.push([`withheld ${name}`, count]);
      ws.columns = [
        { header: 'field', key: 'field', width: Math.min(MAX_WIDTH, Math.max(8, ...fields.map(([k]) => displayWidth(k))) + 2) },
        { header: 'value', key: 'value', width: Math.min(MAX_WIDTH, Math.max(8, ...fields.map(([, v]) => displayWidth(String(v ?? '')))) + 2) },
      ];
      ws.getRow(1).font = { bold: true };
      for (const [k, v] of fields) ws.addRow([k, typeof v === 'string' ? clean(v) : v]).commit();
      ws.commit();
      if (failure !== null) throw failure;
      const { book, failed } = ensureOpen();
      await Promise.race([book.commit(), failed]);
      done = true;
    },
    async close() {
      if (done) return;
      done = true;
      // Never opened: nothing was made.
      if (opened === null) return;
      const { output } = opened;
      // After an error the workbook is incomplete, not a file any program opens: it is removed (not a directory in its place).
      if (!output.closed) {
        const closed = new Promise<void>((resolve) => output.once('close', () => resolve()));
        output.destroy();
        await closed;
      }
      await rm(file, { force: true }).catch(() => undefined);
    },
  };
}
