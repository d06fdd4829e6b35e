/**
 * Output formats: aligned tables for people, JSON and CSV for machines. CSV
 * starts with a UTF-8 byte order mark and ends lines with CRLF so that Excel
 * opens Chinese text correctly. Formatters are generators of text chunks, so
 * large reports stream out without being held in memory. A section can also
 * be written a chunk of rows at a time ({@link sectionWriter}), for reports
 * whose rows are made while the log is read; a table then takes its column
 * widths from its header and its first chunk.
 */
import { Glance } from './glance.js';
import type { Cell, Row } from './reports.js';
import { cutTo, displayWidth, padTo } from './width.js';

/** The output formats. */
export const formats = ['table', 'json', 'csv', 'xlsx'] as const;
/** An output format. */
export type Format = (typeof formats)[number];

/** File extension per format, for `--out`. */
export const extensionOf: Record<Format, string> = { table: 'txt', json: 'json', csv: 'csv', xlsx: 'xlsx' };

/**
 * What a section is, without its rows.
 *
 * @example
 * ```ts
 * const head: SectionHead = { name: 'receptions', description: 'Who received each visitor', columns: ['at', 'event'] };
 * ```
 */
export interface SectionHead {
  readonly name: string;
  readonly description: string;
  readonly columns: readonly string[];
  /** In a report of people (scorecards, pay, fairness), the column of the salesperson whose own figures a row holds: `--as` withholds other salespeople's rows, not their clients'. */
  readonly staffColumn?: string;
}

/** A titled block of rows: one report, or the rows of a command. */
export interface Section extends SectionHead {
  readonly rows: Iterable<Row>;
  /** Rows withheld by `--as` (PRV-ACCESS); read after the rows were consumed. */
  withheld(): number;
}

/** How strings are cleaned on the way out (phone masking, PRV-MASK). */
export type Clean = (text: string) => string;

// What a terminal would act on instead of showing (issue 13): C0 controls (ESC starts escape sequences, BEL ends
// title changes), DEL, C1 controls (U+009B is a one-character CSI), and the bidirectional overrides that reorder text.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_BUT_NEWLINES = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const visible = (c: string): string => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text for a terminal: every control character shown as its escape
 * (`\u001b`, `\n`), so a name in a log cannot set the terminal's title,
 * move the cursor or hide text.
 *
 * @param text - the text
 * @returns the text with control characters escaped
 * @example
 * ```ts
 * terminalSafe('李\u001b]0;pwned\u0007娜'); // '李\\u001b]0;pwned\\u0007娜'
 * ```
 */
export function terminalSafe(text: string): string {
  return text.replace(CONTROLS, visible);
}

/** As {@link terminalSafe}, keeping line breaks (CSV quotes them). */
function csvSafe(text: string): string {
  return text.replace(CONTROLS_BUT_NEWLINES, visible);
}

// JSON.stringify escapes C0 controls; these it leaves as they are.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with the characters JSON.stringify leaves raw but a terminal
 * acts on escaped too (C1 controls, bidirectional overrides): the same
 * value, inert when printed.
 *
 * @param json - JSON text
 * @returns the same JSON, escaped
 * @example
 * ```ts
 * JSON.parse(jsonSafe(JSON.stringify('a\u009bb'))) === 'a\u009bb'; // true, and the text holds `\u009b`, not the character
 * ```
 */
export function jsonSafe(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function cellText(cell: Cell | undefined, clean: Clean): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return clean(cell);
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return cell.map(clean).join(', ');
}

function cleanCell(cell: Cell | undefined, clean: Clean): Cell {
  if (cell === undefined) return null;
  if (typeof cell === 'string') return clean(cell);
  if (Array.isArray(cell)) return cell.map(clean);
  return cell;
}

export { displayWidth } from './width.js';

const MAX_CELL = 60;
/** How far the folded parts of a line are indented, under its first part. */
const FOLD_INDENT = '    ';
const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Numbers and decimal strings (money, rates) are right-aligned. */
function isNumeric(cell: Cell | undefined): boolean {
  return (typeof cell === 'number' && Number.isFinite(cell)) || (typeof cell === 'string' && NUMERIC.test(cell));
}

/**
 * How a table is shown on a terminal (stdout): which columns, how many rows,
 * how wide. Files of `--out` get none of it (every row, every column, unfolded).
 *
 * @example
 * ```ts
 * const view: TableView = { limit: 5, width: 100, columns: ['staff', 'name', 'payable'] };
 * ```
 */
export interface TableView {
  /** The rows shown per section, under its headline figures (a summary); undefined: every row. */
  readonly limit?: number;
  /** Lines wider than this fold onto indented lines below; undefined: never fold. */
  readonly width?: number;
  /** Only these columns, in this order; undefined: every column. */
  readonly columns?: readonly string[];
}

/**
 * An aligned text table: columns of numbers right-aligned (a column with
 * any text cell is text, left-aligned throughout), widths measured by
 * {@link displayWidth} (CJK and emoji two columns, combining marks none).
 * Cells wider than 60 columns are cut with `…` (the full text is in JSON and
 * CSV). With a `width`, a line wider than it folds: its columns go onto as
 * many lines as they need, the later ones indented.
 *
 * @param columns - the column names, in order
 * @param rows - the rows
 * @param clean - applied to every string
 * @param width - the most columns a line may take; undefined: lines never fold
 * @returns the lines of the table: header, rule, one line (or one folded group of lines) per row
 * @example
 * ```ts
 * [...tableLines(['name', 'turns'], [{ name: '张伟', turns: 12 }], (t) => t)].join('');
 * // 'name  turns\n----  -----\n张伟     12\n'
 * ```
 */
export function* tableLines(columns: readonly string[], rows: Iterable<Row>, clean: Clean, width?: number): Generator<string> {
  const table = new TableRows(columns, clean, width);
  yield* table.lines([...rows]);
}

/** A shown cell: its text and whether it is a number. */
interface Shown {
  readonly text: string;
  readonly numeric: boolean;
}

/**
 * The lines of a table whose column widths are fixed by its first non-empty
 * chunk of rows (and the header): later rows are padded to those widths, and
 * a later cell wider than its column pushes the rest of its line right (or,
 * in a folded table, is cut to its column).
 */
class TableRows {
  private widths: number[] | undefined;
  /** The columns (by index) of each line of a row: one group unless the table folds. */
  private groups: number[][] = [];
  private numericColumns: boolean[] = [];

  constructor(
    private readonly columns: readonly string[],
    private readonly clean: Clean,
    private readonly width?: number,
  ) {}

  *lines(rows: readonly Row[]): Generator<string> {
    if (rows.length === 0) return;
    const most = this.width === undefined ? MAX_CELL : Math.max(1, Math.min(MAX_CELL, this.width - FOLD_INDENT.length));
    const cells = rows.map((r) => this.columns.map((c): Shown => ({ text: cutTo(terminalSafe(cellText(r[c], this.clean)), most), numeric: isNumeric(r[c]) })));
    let widths = this.widths;
    if (widths === undefined) {
      widths = this.columns.map((c, i) => cells.reduce((w, row) => Math.max(w, displayWidth(row[i]?.text ?? '')), displayWidth(cutTo(c, most))));
      this.widths = widths;
      this.groups = foldGroups(widths, this.width);
      // A column reads as numbers when every filled cell of the first chunk is one: it is right-aligned, header and all.
      this.numericColumns = this.columns.map((_, i) => {
        const filled = cells.map((row) => row[i]).filter((s): s is Shown => s !== undefined && s.text !== '');
        return filled.length > 0 && filled.every((s) => s.numeric);
      });
      yield* this.line(this.columns.map((c) => cutTo(c, most)));
      yield* this.line(widths.map((w) => '-'.repeat(w)));
    }
    for (const row of cells) yield* this.line(row.map((cell) => cell.text));
  }

  /**
   * One row's line (or folded lines). A column is aligned as a whole: to the
   * right when it reads as numbers, else to the left, every cell of it (a
   * column of codes such as 000 and 004a is text: its all-digit cells are
   * not pushed right, out of line with the others).
   */
  private *line(row: readonly string[]): Generator<string> {
    const folded = this.groups.length > 1;
    for (const [g, group] of this.groups.entries()) {
      const parts = group.map((i) => {
        const width = this.widths?.[i] ?? 0;
        const text = row[i] ?? '';
        return padTo(folded ? cutTo(text, width) : text, width, this.numericColumns[i] ?? false);
      });
      yield `${g > 0 ? FOLD_INDENT : ''}${parts.join('  ')}`.trimEnd() + '\n';
    }
  }
}

/** The columns of each line: as many as fit in `width` (a line's later parts indented), at least one a line. */
function foldGroups(widths: readonly number[], width: number | undefined): number[][] {
  if (width === undefined) return [widths.map((_, i) => i)];
  const groups: number[][] = [];
  let group: number[] = [];
  let used = 0;
  for (const [i, w] of widths.entries()) {
    const start = group.length === 0 ? (groups.length === 0 ? 0 : FOLD_INDENT.length) : used + 2;
    if (group.length > 0 && start + w > width) {
      groups.push(group);
      group = [i];
      used = FOLD_INDENT.length + w;
      continue;
    }
    group.push(i);
    used = start + w;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

function csvField(text: string): string {
  // A text Excel would run as a formula (=, +, -, @) is kept as text (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) && !NUMBER.test(text) ? `'${text}` : text;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The UTF-8 byte order mark Excel needs to read CSV as UTF-8. */
export const BOM = '\uFEFF';

/**
 * CSV for Excel: byte order mark, header, CRLF line ends, RFC 4180 quoting.
 *
 * @param columns - the column names, in order
 * @param rows - the rows
 * @param clean - applied to every string
 * @returns the lines of the file, the first with the byte order mark
 * @example
 * ```ts
 * [...csvLines(['name'], [{ name: '张伟' }], (t) => t)].join(''); // '\uFEFFname\r\n张伟\r\n'
 * ```
 */
export function* csvLines(columns: readonly string[], rows: Iterable<Row>, clean: Clean): Generator<string> {
  yield csvHeader(columns);
  yield* csvRows(columns, rows, clean);
}

const csvHeader = (columns: readonly string[]) => `${BOM}${columns.map(csvField).join(',')}\r\n`;

function* csvRows(columns: readonly string[], rows: Iterable<Row>, clean: Clean): Generator<string> {
  for (const row of rows) yield `${columns.map((c) => csvField(csvSafe(cellText(row[c], clean)))).join(',')}\r\n`;
}

/** A JSON array written a chunk of rows at a time: it remembers whether a row came before. */
class JsonRows {
  private first = true;

  constructor(
    private readonly columns: readonly string[],
    private readonly clean: Clean,
    private readonly indent: string,
  ) {}

  *rows(rows: Iterable<Row>): Generator<string> {
    for (const row of rows) {
      const kept = Object.fromEntries(this.columns.map((c) => [c, cleanCell(row[c], this.clean)]));
      yield `${this.first ? '' : ','}\n${this.indent}${jsonSafe(JSON.stringify(kept))}`;
      this.first = false;
    }
  }

  end(): string {
    return this.first ? ']' : `\n${this.indent.slice(2)}]`;
  }
}

/**
 * The rows of a section as a JSON array, one row per line.
 *
 * @param columns - the columns kept, in order
 * @param rows - the rows
 * @param clean - applied to every string
 * @param indent - the indentation of the rows
 * @returns the array's text, a row at a time
 * @example
 * ```ts
 * JSON.parse([...jsonRows(['a'], [{ a: 1, b: 2 }], (t) => t)].join('')); // [{ a: 1 }]
 * ```
 */
export function* jsonRows(columns: readonly string[], rows: Iterable<Row>, clean: Clean, indent = '  '): Generator<string> {
  const array = new JsonRows(columns, clean, indent);
  yield '[';
  yield* array.rows(rows);
  yield array.end();
}

const jsonFields = (fields: Record<string, unknown>) => Object.entries(fields).map(([k, v]) => `  ${jsonSafe(JSON.stringify(k))}: ${jsonSafe(JSON.stringify(v, null, 2)).replace(/\n/g, '\n  ')}`);

/**
 * The opening of a JSON document of sections: `{`, the head fields, then
 * the field holding the sections, opened. Sections follow (each written by
 * {@link sectionWriter} with `within`), then {@link jsonClose}.
 *
 * @param head - fields before the sections
 * @param key - the name of the field holding the sections
 * @returns the text
 * @example
 * ```ts
 * jsonOpen({ log: 'x.jsonl' }, 'reports'); // '{\n  "log": "x.jsonl",\n  "reports": {'
 * ```
 */
export function jsonOpen(head: Record<string, unknown>, key: string): string {
  return `{\n${[...jsonFields(head), `  ${JSON.stringify(key)}: {`].join(',\n')}`;
}

/**
 * The end of a JSON document opened by {@link jsonOpen}: closes the sections'
 * field, then the fields that come after the sections (a summary known only
 * once the sections are written), then the document.
 *
 * @param tail - fields after the sections
 * @returns the text
 * @example
 * ```ts
 * jsonClose({ events: 3 }); // '\n  },\n  "events": 3\n}\n'
 * ```
 */
export function jsonClose(tail: Record<string, unknown> = {}): string {
  const fields = jsonFields(tail);
  return `\n  }${fields.length > 0 ? `,\n${fields.join(',\n')}` : ''}\n}\n`;
}

/**
 * A document of sections as JSON: `{ ...head, <key>: { <section>: { description, rows, withheld } } }`.
 *
 * @param head - fields before the sections (a summary)
 * @param key - the name of the field holding the sections
 * @param sections - the sections
 * @param clean - applied to every string
 * @returns the document's text, a row at a time
 * @example
 * ```ts
 * const section = { name: 'owners', description: '', columns: ['client'], rows: [{ client: 'e1' }], withheld: () => 0 };
 * JSON.parse([...jsonDocument({ log: 'x.jsonl' }, 'reports', [section], (t) => t)].join('')).reports.owners.rows; // [{ client: 'e1' }]
 * ```
 */
export function* jsonDocument(head: Record<string, unknown>, key: string, sections: readonly Section[], clean: Clean): Generator<string> {
  yield jsonOpen(head, key);
  let first = true;
  for (const s of sections) {
    yield* writeWhole(sectionWriter('json', s, clean, { first }), s);
    first = false;
  }
  yield jsonClose();
}

/**
 * A section written a chunk of rows at a time, for rows made while a log is
 * read: the text before the rows, then each chunk's, then the end (which
 * needs the count of rows withheld, known once every row was seen).
 *
 * @example
 * ```ts
 * const w: SectionWriter = sectionWriter('json', head, maskText);
 * out.write([...w.start(), ...w.rows(firstChunk)].join(''));
 * out.write([...w.rows(nextChunk), ...w.end(0)].join(''));
 * ```
 */
export interface SectionWriter {
  /** The text before the first row. */
  start(): Generator<string>;
  /** The text of the next rows. */
  rows(rows: Iterable<Row>): Generator<string>;
  /** The text after the last row. */
  end(withheld: number): Generator<string>;
}

/**
 * How a section is written a chunk at a time, in a format. Writing every row
 * as one chunk gives exactly what {@link sectionText} gives; a table written
 * in several chunks takes its column widths from the header and its first
 * non-empty chunk (a wider cell later pushes the rest of its line right).
 *
 * @param format - the format
 * @param section - the section's name, description and columns
 * @param clean - applied to every string
 * @param within - for JSON, a member of a document's sections (after {@link jsonOpen}), `first` or not; omitted: a document of its own. CSV and tables ignore it
 * @param view - for a table: a summary (its headline figures and first rows), folding, chosen columns; JSON and CSV ignore it (they are always whole)
 * @returns the writer
 * @example
 * ```ts
 * const w = sectionWriter('csv', { name: 'r', description: '', columns: ['a'] }, (t) => t);
 * const text = [...w.start(), ...w.rows([{ a: 1 }]), ...w.rows([{ a: 2 }]), ...w.end(0)].join(''); // '\uFEFFa\r\n1\r\n2\r\n'
 * ```
 */
export function sectionWriter(format: Format, section: SectionHead, clean: Clean, within?: { readonly first: boolean }, view: TableView = {}): SectionWriter {
  if (format === 'csv') {
    return {
      *start() {
        yield csvHeader(section.columns);
      },
      rows: (rows) => csvRows(section.columns, rows, clean),
      *end() {},
    };
  }
  if (format === 'json') {
    const array = new JsonRows(section.columns, clean, '        ');
    return {
      *start() {
        if (within === undefined) yield jsonOpen({}, 'reports');
        yield `${within?.first === false ? ',' : ''}\n    ${JSON.stringify(section.name)}: {\n      "description": ${jsonSafe(JSON.stringify(section.description))},\n      "rows": [`;
      },
      rows: (rows) => array.rows(rows),
      *end(withheld) {
        yield `${array.end()},\n      "withheld": ${withheld}\n    }`;
        if (within === undefined) yield jsonClose();
      },
    };
  }
  return view.limit === undefined ? tableWriter(section, clean, view) : summaryWriter(section, clean, view, view.limit);
}

const withheldNote = (withheld: number, section: SectionHead) => `(${withheld} rows of other salespeople${section.staffColumn === undefined ? "'s clients" : ''} withheld: PRV-ACCESS)\n`;

/** Every row of a section as a table, a chunk at a time. */
function tableWriter(section: SectionHead, clean: Clean, view: TableView): SectionWriter {
  const columns = view.columns ?? section.columns;
  const table = new TableRows(columns, clean, view.width);
  let count = 0;
  return {
    *start() {
      yield `== ${section.name}: ${terminalSafe(section.description)}\n`;
    },
    *rows(rows) {
      const list = [...rows];
      count += list.length;
      yield* table.lines(list);
    },
    *end(withheld) {
      if (count === 0) yield '(none)\n';
      if (withheld > 0) yield withheldNote(withheld, section);
      yield '\n';
    },
  };
}

/**
 * A section's summary: its headline figures over every row, then its first
 * `limit` rows, then how many more there are. Holds only those rows.
 */
function summaryWriter(section: SectionHead, clean: Clean, view: TableView, limit: number): SectionWriter {
  const columns = view.columns ?? section.columns;
  const glance = new Glance(section.name, section.columns);
  const first: Row[] = [];
  return {
    *start() {
      yield `== ${section.name}: ${terminalSafe(section.description)}\n`;
    },
    *rows(rows) {
      for (const row of rows) {
        glance.add(row);
        if (first.length < limit) first.push(row);
      }
    },
    *end(withheld) {
      if (glance.count === 0) yield '(none)\n';
      else {
        yield `${terminalSafe(glance.line(clean))}\n`;
        yield* new TableRows(columns, clean, view.width).lines(first);
        const more = glance.count - first.length;
        if (more > 0) yield `… ${more.toLocaleString('en-US')} more row${more === 1 ? '' : 's'}, --full to show all (--out <dir> writes every row to files)\n`;
      }
      if (withheld > 0) yield withheldNote(withheld, section);
      yield '\n';
    },
  };
}

/** A whole section through a writer: its rows as one chunk. */
function* writeWhole(writer: SectionWriter, section: Section): Generator<string> {
  yield* writer.start();
  yield* writer.rows(section.rows);
  yield* writer.end(section.withheld());
}

/**
 * One section in a format, as a standalone document (a file of `--out`, or stdout).
 *
 * @param format - the format
 * @param section - the section
 * @param clean - applied to every string
 * @returns the document's text
 * @example
 * ```ts
 * const section = { name: 'presets', description: '', columns: ['name'], rows: [{ name: 'jiuzhou' }], withheld: () => 0 };
 * [...sectionText('csv', section, (t) => t)].join(''); // '\uFEFFname\r\njiuzhou\r\n'
 * ```
 */
export function* sectionText(format: Format, section: Section, clean: Clean): Generator<string> {
  yield* writeWhole(sectionWriter(format, section, clean), section);
}

/**
 * A section as a titled table, with the count of withheld rows.
 *
 * @param section - the section
 * @param clean - applied to every string
 * @returns the table's text, under its title
 * @example
 * ```ts
 * const section = { name: 'queue', description: 'at 10:00', columns: ['staff'], rows: [{ staff: 'S01' }], withheld: () => 0 };
 * [...tableSection(section, (t) => t)].join(''); // '== queue: at 10:00\nstaff\n-----\nS01\n\n'
 * ```
 */
export function* tableSection(section: Section, clean: Clean): Generator<string> {
  yield* writeWhole(sectionWriter('table', section, clean), section);
}
