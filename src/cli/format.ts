/**
 * Output formats: aligned tables for people, JSON and CSV for machines. CSV
 * starts with a UTF-8 byte order mark and ends lines with CRLF so that Excel
 * opens Chinese text correctly. Formatters are generators of text chunks, so
 * large reports stream out without being held in memory (tables excepted:
 * aligning columns needs every row).
 */
import type { Cell, Row } from './reports.js';

/** The output formats. */
export const formats = ['table', 'json', 'csv', 'xlsx'] as const;
/** An output format. */
export type Format = (typeof formats)[number];

/** File extension per format, for `--out`. */
export const extensionOf: Record<Format, string> = { table: 'txt', json: 'json', csv: 'csv', xlsx: 'xlsx' };

/** A titled block of rows: one report, or the rows of a command. */
export interface Section {
  readonly name: string;
  readonly description: string;
  readonly columns: readonly string[];
  readonly rows: Iterable<Row>;
  /** Rows withheld by `--as` (PRV-ACCESS); read after the rows were consumed. */
  withheld(): number;
}

/** How strings are cleaned on the way out (phone masking, PRV-MASK). */
export type Clean = (text: string) => string;

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

// Characters that take two columns in a terminal: CJK, Hangul, full-width forms.
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/**
 * The number of terminal columns a text takes (CJK characters take two).
 *
 * @param text - the text
 * @returns its display width
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

const MAX_CELL = 60;

function fit(text: string): string {
  if (displayWidth(text) <= MAX_CELL) return text;
  let out = '';
  let width = 0;
  for (const ch of text) {
    const w = isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
    if (width + w > MAX_CELL - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/**
 * An aligned text table. Cells wider than 60 columns are cut with `…` (the
 * full text is in JSON and CSV).
 *
 * @param columns - the column names, in order
 * @param rows - the rows
 * @param clean - applied to every string
 */
export function* tableLines(columns: readonly string[], rows: Iterable<Row>, clean: Clean): Generator<string> {
  const cells = [...rows].map((r) => columns.map((c) => fit(cellText(r[c], clean))));
  const widths = columns.map((c, i) => Math.max(displayWidth(c), ...cells.map((row) => displayWidth(row[i] ?? ''))));
  const line = (row: readonly string[]) => `${row.map((cell, i) => pad(cell, widths[i] ?? 0)).join('  ').trimEnd()}\n`;
  yield line(columns);
  yield line(widths.map((w) => '-'.repeat(w)));
  for (const row of cells) yield line(row);
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
 */
export function* csvLines(columns: readonly string[], rows: Iterable<Row>, clean: Clean): Generator<string> {
  yield `${BOM}${columns.map(csvField).join(',')}\r\n`;
  for (const row of rows) yield `${columns.map((c) => csvField(cellText(row[c], clean))).join(',')}\r\n`;
}

/**
 * The rows of a section as a JSON array, one row per line.
 *
 * @param columns - the columns kept, in order
 * @param rows - the rows
 * @param clean - applied to every string
 * @param indent - the indentation of the rows
 */
export function* jsonRows(columns: readonly string[], rows: Iterable<Row>, clean: Clean, indent = '  '): Generator<string> {
  let first = true;
  yield '[';
  for (const row of rows) {
    const kept = Object.fromEntries(columns.map((c) => [c, cleanCell(row[c], clean)]));
    yield `${first ? '' : ','}\n${indent}${JSON.stringify(kept)}`;
    first = false;
  }
  yield first ? ']' : `\n${indent.slice(2)}]`;
}

/**
 * A document of sections as JSON: `{ ...head, <key>: { <section>: { description, rows, withheld } } }`.
 *
 * @param head - fields before the sections (a summary)
 * @param key - the name of the field holding the sections
 * @param sections - the sections
 * @param clean - applied to every string
 */
export function* jsonDocument(head: Record<string, unknown>, key: string, sections: readonly Section[], clean: Clean): Generator<string> {
  const fields = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v, null, 2).replace(/\n/g, '\n  ')}`);
  yield `{\n${[...fields, `  ${JSON.stringify(key)}: {`].join(',\n')}`;
  let first = true;
  for (const s of sections) {
    yield `${first ? '' : ','}\n    ${JSON.stringify(s.name)}: {\n      "description": ${JSON.stringify(s.description)},\n      "rows": `;
    yield* jsonRows(s.columns, s.rows, clean, '        ');
    yield `,\n      "withheld": ${s.withheld()}\n    }`;
    first = false;
  }
  yield '\n  }\n}\n';
}

/**
 * One section in a format, as a standalone document (a file of `--out`, or stdout).
 *
 * @param format - the format
 * @param section - the section
 * @param clean - applied to every string
 */
export function* sectionText(format: Format, section: Section, clean: Clean): Generator<string> {
  if (format === 'csv') {
    yield* csvLines(section.columns, section.rows, clean);
  } else if (format === 'json') {
    yield* jsonDocument({}, 'reports', [section], clean);
  } else {
    yield* tableSection(section, clean);
  }
}

/**
 * A section as a titled table, with the count of withheld rows.
 *
 * @param section - the section
 * @param clean - applied to every string
 */
export function* tableSection(section: Section, clean: Clean): Generator<string> {
  yield `== ${section.name}: ${section.description}\n`;
  let count = 0;
  const counted = (function* () {
    for (const row of section.rows) {
      count++;
      yield row;
    }
  })();
  const lines = [...tableLines(section.columns, counted, clean)];
  if (count === 0) yield '(none)\n';
  else yield* lines;
  const withheld = section.withheld();
  if (withheld > 0) yield `(${withheld} rows of other salespeople's clients withheld: PRV-ACCESS)\n`;
  yield '\n';
}
