/**
 * The headline figures of a report, for the summary `replay` and `diff`
 * print on stdout: how many rows, counts by a few category columns, and the
 * totals of a few number columns. Figures only: no rule is decided here.
 */
import Decimal from 'decimal.js';
import type { Cell, Row } from './reports.js';

/** What a report's headline counts and adds up. */
interface Headline {
  /** Columns whose values are counted (the most frequent shown first). */
  readonly counts?: readonly string[];
  /** Number columns (numbers or decimal strings) whose total is shown. */
  readonly sums?: readonly string[];
}

// By report name; a diff section of the same name has other columns, so it counts its changed `column`s.
const HEADLINES: Readonly<Record<string, Headline>> = {
  owners: { counts: ['status', 'column'] },
  receptions: { counts: ['channel', 'counted', 'column'] },
  fairness: { sums: ['turns', 'uncounted', 'calls', 'makeUpsGranted'], counts: ['column'] },
  deals: { counts: ['stage', 'column'], sums: ['amount'] },
  credits: { sums: ['accrued', 'reversed', 'amount'], counts: ['column'] },
  commissions: { sums: ['accrued', 'clawedBack', 'net', 'payable', 'carried'], counts: ['column'] },
  scorecard: { counts: ['status', 'column'], sums: ['receptions', 'turns', 'deals'] },
};

const DECIMAL = /^-?\d+(\.\d+)?$/;
const SHOWN_VALUES = 4;

/** Thousands separators, for people: 12345678.5 → 12,345,678.5. */
function grouped(text: string): string {
  const [whole = '', fraction] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign === '' ? whole : whole.slice(1);
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
}

const valueText = (cell: Cell | undefined): string => (cell === null || cell === undefined ? '(none)' : Array.isArray(cell) ? cell.join(', ') || '(none)' : String(cell));

/**
 * Headline figures gathered row by row (memory: one counter per distinct
 * value of the counted columns, one total per summed column).
 *
 * @example
 * ```ts
 * const g = new Glance('deals', ['stage', 'amount']);
 * g.add({ stage: 'signed', amount: '1250000.00' });
 * g.line((t) => t); // '1 row · stage: signed 1 · amount 1,250,000.00'
 * ```
 */
export class Glance {
  private rows = 0;
  private readonly counts: ReadonlyMap<string, Map<string, number>>;
  private readonly sums: ReadonlyMap<string, { total: Decimal; places: number }>;

  /**
   * @param name - the report's name (its headline's spec)
   * @param columns - the section's columns (columns of the spec it lacks are left out)
   */
  constructor(name: string, columns: readonly string[]) {
    const spec = HEADLINES[name] ?? {};
    const has = (c: string) => columns.includes(c);
    this.counts = new Map((spec.counts ?? []).filter(has).map((c) => [c, new Map<string, number>()]));
    this.sums = new Map((spec.sums ?? []).filter(has).map((c) => [c, { total: new Decimal(0), places: 0 }]));
  }

  /**
   * Counts a row in.
   *
   * @param row - the row (before masking: only category values and numbers are read)
   */
  add(row: Row): void {
    this.rows++;
    for (const [column, counter] of this.counts) {
      const value = valueText(row[column]);
      counter.set(value, (counter.get(value) ?? 0) + 1);
    }
    for (const [column, sum] of this.sums) {
      const cell = row[column];
      const text = typeof cell === 'number' && Number.isFinite(cell) ? String(cell) : typeof cell === 'string' && DECIMAL.test(cell) ? cell : null;
      if (text === null) continue;
      sum.total = sum.total.plus(text);
      sum.places = Math.max(sum.places, text.split('.')[1]?.length ?? 0);
    }
  }

  /** How many rows were counted in. */
  get count(): number {
    return this.rows;
  }

  /**
   * The headline as one line: the row count, then each count and total.
   *
   * @param clean - applied to counted values (phone masking)
   * @returns the line (without its line break)
   */
  line(clean: (text: string) => string): string {
    const parts = [`${grouped(String(this.rows))} row${this.rows === 1 ? '' : 's'}`];
    for (const [column, counter] of this.counts) {
      if (counter.size === 0) continue;
      const sorted = [...counter].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
      const shown = sorted.slice(0, SHOWN_VALUES).map(([value, n]) => `${clean(value)} ${grouped(String(n))}`);
      const more = sorted.length > SHOWN_VALUES ? `, +${sorted.length - SHOWN_VALUES} more` : '';
      parts.push(`${column}: ${shown.join(', ')}${more}`);
    }
    for (const [column, sum] of this.sums) parts.push(`${column} ${grouped(sum.total.toFixed(sum.places))}`);
    return parts.join(' · ');
  }
}
