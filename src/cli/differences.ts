/**
 * What differs between two replays of a report, one row per changed cell:
 * the comparison behind `salesfloor diff` and the "what differs" tables of
 * `salesfloor report`. One copy, whole (a report from the final state) or a
 * chunk at a time (a streamed report, as `diff` writes it while the log is read).
 */
import type { OfficeState, ViewOptions } from '../index.js';
import type { SectionHead } from './format.js';
import { chunkInput, type Cell, type Report, type Row, type RowStream } from './reports.js';
import type { ChunkSource } from './stream.js';

/** The columns of a difference row: the row's key and name, the changed column, its value under each policy. */
export const differenceColumns: readonly string[] = ['key', 'name', 'column', 'a', 'b'];

/** The staff column of a report of people (scorecard, pay, fairness), if it is one. */
const staffOf = (report: Report): string | undefined => report.staffColumn ?? (report.columns.includes('staff') ? 'staff' : undefined);
/** The column naming a row's person: `name`, or `staffName` in the pay ledgers. */
const nameOf = (report: Report): string | undefined => (report.columns.includes('name') ? 'name' : report.columns.includes('staffName') ? 'staffName' : undefined);

/**
 * The columns of a report's difference rows: {@link differenceColumns}, and
 * for a report of people the staff id before the name, so every row names
 * its person by id and name (rows of one policy only too).
 *
 * @param report - the report compared
 * @returns the columns
 * @example
 * ```ts
 * differenceColumnsOf(commissions); // ['key', 'staff', 'name', 'column', 'a', 'b']
 * differenceColumnsOf(owners); // ['key', 'name', 'column', 'a', 'b']
 * ```
 */
export function differenceColumnsOf(report: Report): readonly string[] {
  return staffOf(report) === undefined ? differenceColumns : ['key', 'staff', 'name', 'column', 'a', 'b'];
}

/**
 * The head of a report's differences, as `diff` titles them.
 *
 * @param report - the report compared
 * @param a - the first policy's label
 * @param b - the second policy's label
 * @returns the section's name, description and columns
 * @example
 * ```ts
 * differenceHead(scorecard, 'jiuzhou', 'shenyang').description; // 'what differs between jiuzhou (a) and shenyang (b): One line per salesperson: ...'
 * ```
 */
export function differenceHead(report: Report, a: string, b: string): SectionHead {
  return { name: report.name, description: `what differs between ${a} (a) and ${b} (b): ${report.description}`, columns: differenceColumnsOf(report) };
}

const text = (cell: Cell | undefined): string => (cell === null || cell === undefined ? '' : Array.isArray(cell) ? cell.join(', ') : String(cell));

// Joined by a middle dot: with a slash, a staff id and a date (S01/2026-10-01) read as a landline to the phone masker.
const keyOf = (report: Report, row: Row) => report.key.map((k) => text(row[k])).join(' · ');

/** Who a difference row is about: the staff id (reports of people) and the name, from either policy's row. */
function who(report: Report, row: Row, other?: Row): Row {
  const staff = staffOf(report);
  const name = nameOf(report);
  const named = (r: Row | undefined) => (name !== undefined && typeof r?.[name] === 'string' && r[name] !== '' ? (r[name] as string) : null);
  return { ...(staff === undefined ? {} : { staff: row[staff] ?? other?.[staff] ?? null }), name: named(row) ?? named(other) };
}

/** Rows by their key (the last of a key stands). */
function keyed(report: Report, rows: Iterable<Row>): Map<string, Row> {
  const byKey = new Map<string, Row>();
  for (const row of rows) byKey.set(keyOf(report, row), row);
  return byKey;
}

/** The changed cells of each row of `a`, against its row in `right` (taken out of it), and the rows of `a` only. */
function* changes(report: Report, a: Iterable<Row>, right: Map<string, Row>): Generator<Row> {
  for (const left of a) {
    const key = keyOf(report, left);
    const other = right.get(key);
    right.delete(key);
    if (other === undefined) {
      yield { key, ...who(report, left), column: '(row)', a: 'present', b: 'absent' };
      continue;
    }
    const person = who(report, left, other);
    const name = nameOf(report);
    for (const column of report.columns) {
      if (report.key.includes(column) || column === name) continue;
      if (text(left[column]) !== text(other[column])) yield { key, ...person, column, a: left[column] ?? null, b: other[column] ?? null };
    }
  }
}

/** The rows left in `right`: present under the second policy only. */
function* onlyRight(report: Report, right: Map<string, Row>): Generator<Row> {
  for (const [key, row] of right) yield { key, ...who(report, row), column: '(row)', a: 'absent', b: 'present' };
}

/**
 * The rows that differ between two runs of a report, one row per changed
 * cell (columns {@link differenceColumnsOf}): a row of one run only is one
 * `(row)` row, present or absent; rows are matched by the report's key.
 * Every row names its person: the staff id and name in a report of people,
 * the name otherwise.
 *
 * @param report - the report, for its key and columns
 * @param a - its rows under the first policy
 * @param b - its rows under the second policy (held, by key, while `a` is walked)
 * @returns the difference rows: those of `a`'s rows in their order, then the rows of `b` only
 * @example
 * ```ts
 * [...differences(scorecard, rowsUnder(jiuzhou), rowsUnder(shenyang))]; // [{ key: 'S01', name: '曾艳波', column: 'receptionsCounted', a: 31, b: 30 }, ...]
 * ```
 */
export function* differences(report: Report, a: Iterable<Row>, b: Iterable<Row>): Generator<Row> {
  const right = keyed(report, b);
  yield* changes(report, a, right);
  yield* onlyRight(report, right);
}

/**
 * The differences of a streamed report a chunk at a time. Both policies
 * replay the same events in step and a row's key holds its event, so a row
 * and its counterpart fall in the same chunk; the rows of the second policy
 * only are held (as short diff rows) to come last, as {@link differences} gives them.
 *
 * @param report - the report, for its key and columns
 * @param a - its row stream under the first policy
 * @param b - its row stream under the second policy
 * @param view - masking and the time the rows are filled in at
 * @returns the source of the difference rows, for the report stream
 * @example
 * ```ts
 * const part: Part = { head: differenceHead(receptions, 'jiuzhou', 'shenyang'), stream: chunkDifferences(receptions, a, b, view) };
 * ```
 */
export function chunkDifferences(report: Report, a: RowStream, b: RowStream, view: ViewOptions): ChunkSource {
  const held: Row[] = [];
  const take = (states: readonly OfficeState[]) => {
    const [sa, sb] = states;
    if (sa === undefined || sb === undefined) return [];
    const right = keyed(report, b.take(chunkInput(sb, view)));
    const rows = [...changes(report, a.take(chunkInput(sa, view)), right)];
    for (const row of onlyRight(report, right)) held.push(row);
    return rows;
  };
  return { pending: () => a.pending + b.pending, take, finish: (states) => [...take(states), ...held.splice(0)] };
}
