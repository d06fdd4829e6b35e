/**
 * Streamed reports: receptions and deals are written a chunk of rows at a
 * time while the log is read. Whatever the chunk size, the format and the
 * target (stdout or --out), their rows are those of the reports as they
 * were before streaming: every decision kept to the end and filled in from
 * the final state. One difference is by design: a row's client name (and
 * phone) is the client's as of the end of the row's chunk, so a name the log
 * gives only later (a call by phone, then a visit by name weeks after) is
 * null in the rows written before it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOffice, describeReason, localTime, owners, parseLog, staffList, type Decision, type Event } from '../../src/index.js';
import { displayWidth } from '../../src/cli/format.js';
import { maskText } from '../../src/cli/privacy.js';
import type { Cell, Row } from '../../src/cli/reports.js';
import { Captured, cli, corruptLog, monthLog, parseCsv, scratch, type Ran } from './support.js';

const text = readFileSync(monthLog, 'utf8');
const events = parseLog(text).events;
/** Small enough that the month's 2,252 receptions take 23 chunks and its 65 deal rows several. */
const SMALL = 100;
type Streamed = 'receptions' | 'deals';
const streamed: readonly Streamed[] = ['receptions', 'deals'];

/**
 * The receptions and deals reports as they were before streaming, from the
 * public API: each decision with what its event said, filled in from the
 * final state (names, phones and staff names from its views, the note from
 * describeReason), strings cleaned as the CLI cleans them (PRV-MASK).
 */
function reference(): Record<Streamed, Row[]> {
  const created = createOffice({}, { history: 'none' });
  if (!created.ok) throw new Error('the default policy is valid');
  const replayer = created.office.replayer();
  const seen: { event: Event; decision: Decision; unit: string | null; amount: string | null }[] = [];
  const units = new Map<string, { unit: string; amount: string }>();
  for (const event of events) {
    const { decisions } = replayer.push(event);
    if (event.type === 'closeDeal') units.set(event.deal, { unit: event.unit, amount: event.amount });
    for (const decision of decisions) {
      const known = decision.kind === 'deal' ? units.get(decision.deal) : undefined;
      const amount = event.type === 'refund' ? (event.amount ?? known?.amount ?? null) : (known?.amount ?? null);
      seen.push({ event, decision, unit: known?.unit ?? null, amount });
    }
  }
  const state = replayer.state();
  const register = new Map(owners(state).map((o) => [o.client, o]));
  const staff = new Map(staffList(state).map((m) => [m.id, m.name]));
  const name = (id: string | null) => (id === null ? null : (staff.get(id) ?? null));
  const clean = (row: Row): Row => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? maskText(v) : Array.isArray(v) ? v.map(maskText) : v]));
  const out: Record<Streamed, Row[]> = { receptions: [], deals: [] };
  for (const { event, decision: d, unit, amount } of seen) {
    if (d.kind === 'reception') {
      const c = d.client === undefined ? undefined : register.get(d.client);
      out.receptions.push(
        clean({
          at: localTime(state, d.at),
          event: d.event,
          channel: event.type === 'registerCall' ? 'call' : 'visit',
          client: d.client ?? null,
          name: c?.name ?? null,
          phone: c?.phone ?? null,
          receiver: d.receiver,
          receiverName: name(d.receiver),
          counted: d.counted,
          skipped: d.skipped.map((s) => `${s.staff}: ${s.reason}`),
          rules: d.rules,
          note: describeReason(state, d),
        }),
      );
    } else if (d.kind === 'deal') {
      const c = register.get(d.client);
      out.deals.push(
        clean({
          at: localTime(state, d.at),
          event: d.event,
          deal: d.deal,
          client: d.client,
          name: c?.name ?? null,
          phone: c?.phone ?? null,
          closer: d.staff,
          closerName: name(d.staff),
          stage: d.stage,
          outcome: d.outcome,
          unit,
          amount,
          rules: d.rules,
          note: describeReason(state, d),
        }),
      );
    }
  }
  return out;
}

const expected = reference();

// What a cell becomes in CSV and in a table.
const NUMBER = /^-?\d+(\.\d+)?$/;
const plain = (cell: Cell | undefined): string => (cell === null || cell === undefined ? '' : Array.isArray(cell) ? cell.join(', ') : String(cell));
const csvCell = (cell: Cell | undefined) => {
  const t = plain(cell);
  return /^[=+\-@\t\r]/.test(t) && !NUMBER.test(t) ? `'${t}` : t;
};
function fit(t: string): string {
  if (displayWidth(t) <= 60) return t;
  let out = '';
  for (const ch of t) {
    if (displayWidth(out + ch) > 59) break;
    out += ch;
  }
  return `${out}…`;
}
const tableCell = (cell: Cell | undefined) => fit(plain(cell)).trim();
const asStrings = (rows: readonly Row[], cell: (c: Cell | undefined) => string, columns: readonly string[]) => rows.map((r) => Object.fromEntries(columns.map((c) => [c, cell(r[c])])));

/** The rows of a JSON document's report. */
const jsonRows = (doc: string, report: string) => ((JSON.parse(doc) as { reports: Record<string, { rows: Row[] }> }).reports[report]?.rows ?? []) as Row[];

/** CSV rows as records of their header's columns. */
function csvRows(csv: string): Record<string, string>[] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const [header, ...body] = parseCsv(csv.slice(1));
  return body.map((cells) => Object.fromEntries((header ?? []).map((c, i) => [c, cells[i] ?? ''])));
}

/** A titled table's rows, cut at the columns its rule line gives (display columns: CJK counts two). */
function tableRows(table: string, report: string): { columns: string[]; widths: number[]; rows: Record<string, string>[] } {
  const lines = table.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`== ${report}: `));
  expect(at).toBeGreaterThanOrEqual(0);
  const widths = (lines[at + 2] ?? '').split('  ').map((dashes) => dashes.length);
  const columns = (lines[at + 1] ?? '').split(/ {2,}/);
  const body: string[] = [];
  for (let i = at + 3; i < lines.length && lines[i] !== ''; i++) body.push(lines[i] ?? '');
  const rows = body.map((line) => {
    const cells: string[] = [];
    let chars = [...line];
    for (const width of widths) {
      let cell = '';
      let used = 0;
      while (chars.length > 0 && used < width) {
        const ch = chars.shift() ?? '';
        cell += ch;
        used += displayWidth(ch);
      }
      // Numbers are right-aligned: their padding comes first.
      cells.push(cell.trim());
      chars = chars.slice(2);
    }
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
  return { columns, widths, rows };
}

/**
 * The expected rows, with the name of a row taken from the actual one where
 * that is empty: the name the log gives only after the row's chunk (see the
 * file's comment). Returns them and how many names were taken so.
 */
function laterNames<T extends Readonly<Record<string, unknown>>>(want: readonly T[], got: readonly Readonly<Record<string, unknown>>[]): { want: T[]; later: number } {
  let later = 0;
  const rows = want.map((row, i) => {
    const name = got[i]?.name;
    if ((name === null || name === '') && row.name !== name && row.name !== null && row.name !== '') {
      later++;
      return { ...row, name };
    }
    return row;
  });
  return { want: rows, later };
}

const columnsOf = (report: Streamed) => Object.keys(expected[report][0] ?? {});

/** Checks a report's parsed rows: exactly the reference with the default chunk, the reference up to later-learned names with small chunks. */
function check(report: Streamed, got: readonly Readonly<Record<string, unknown>>[], want: readonly Readonly<Record<string, unknown>>[], chunk: number | undefined): void {
  expect(got).toHaveLength(want.length);
  if (chunk === undefined) {
    expect(got).toEqual(want);
    return;
  }
  const { want: relaxed, later } = laterNames(want, got);
  expect(got).toEqual(relaxed);
  // The bundled month has calls by phone whose names come later: small chunks must show some.
  if (report === 'receptions') expect(later).toBeGreaterThan(0);
}

describe.each([
  ['the default chunk (the whole month in one)', undefined],
  [`chunks of ${SMALL} rows`, SMALL],
] as const)('streamed receptions and deals equal the non-streamed reports, with %s', (_label, chunk) => {
  const run = (args: readonly string[], cwd?: string) => cli(['replay', monthLog, ...args], { ...(cwd === undefined ? {} : { cwd }), ...(chunk === undefined ? {} : { chunkRows: chunk }) });

  it('json on stdout: every report (the streamed ones wait their turn) and the two alone (the first goes out as it comes)', async () => {
    const [all, two] = await Promise.all([run(['--format', 'json']), run(['--format', 'json', '--report', 'receptions', '--report', 'deals'])]);
    for (const ran of [all, two]) {
      expect(ran.code).toBe(0);
      for (const report of streamed) check(report, jsonRows(ran.stdout, report), expected[report], chunk);
    }
    expect(Object.keys(JSON.parse(two.stdout) as object)).toEqual(['reports', 'log', 'policies', 'lines', 'events', 'duplicates', 'badLines', 'quarantine', 'bad', 'asOf', 'as', 'masked']);
  });

  it('json --out: one valid document per report', async () => {
    const cwd = scratch();
    const ran = await run(['--format', 'json', '--out', 'out'], cwd);
    expect(ran.code).toBe(0);
    for (const report of streamed) check(report, jsonRows(readFileSync(join(cwd, 'out', `${report}.json`), 'utf8'), report), expected[report], chunk);
    expect(ran.stderr).toContain('wrote out/receptions.json');
  });

  it('csv --out and on stdout: byte order mark, header, then the rows', async () => {
    const cwd = scratch();
    const [out, receptions, deals] = await Promise.all([run(['--format', 'csv', '--out', 'out'], cwd), run(['--format', 'csv', '--report', 'receptions']), run(['--format', 'csv', '--report', 'deals'])]);
    for (const report of streamed) {
      const want = asStrings(expected[report], csvCell, columnsOf(report));
      check(report, csvRows(readFileSync(join(cwd, 'out', `${report}.csv`), 'utf8')), want, chunk);
      check(report, csvRows((report === 'receptions' ? receptions : deals).stdout), want, chunk);
    }
    expect(receptions.stdout.startsWith(`\uFEFF${columnsOf('receptions').join(',')}\r\n`)).toBe(true);
  });

  it('tables on stdout and --out: the rows under their title; with several chunks, widths come from the header and the first chunk', async () => {
    const cwd = scratch();
    const [stdout, out] = await Promise.all([run(['--report', 'receptions', '--report', 'deals', '--full']), run(['--out', 'out'], cwd)]);
    for (const report of streamed) {
      for (const table of [stdout.stdout, readFileSync(join(cwd, 'out', `${report}.txt`), 'utf8')]) {
        const parsed = tableRows(table, report);
        expect(parsed.columns).toEqual(columnsOf(report));
        const want = asStrings(expected[report], tableCell, columnsOf(report));
        if (chunk === undefined) check(report, parsed.rows, want, chunk);
        // A later chunk's wider cell pushes the rest of its line right: check the first columns, which are of fixed width.
        else expect(parsed.rows.map((r) => [r.at, r.event])).toEqual(want.map((r) => [r.at, r.event]));
      }
    }
  });
});

/** A log fed to stdin in two parts: the second waits until `ready` says so (or a few seconds pass). */
function feed(lines: readonly string[], cut: number, ready: () => boolean): { stdin: AsyncIterable<Buffer>; seenBeforeEnd: () => boolean } {
  let seen = false;
  const stdin = (async function* () {
    yield Buffer.from(lines.slice(0, cut).join(''));
    for (let waited = 0; waited < 5000 && !(seen = ready()); waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    yield Buffer.from(lines.slice(cut).join(''));
  })();
  return { stdin, seenBeforeEnd: () => seen };
}

describe('rows are written while the log is still being read', () => {
  const lines = text.split('\n').filter((l) => l !== '').map((l) => `${l}\n`);
  const half = Math.floor(lines.length / 2);

  it('--out: receptions.csv holds rows before the second half of the log is sent', async () => {
    const cwd = scratch();
    const file = join(cwd, 'out', 'receptions.csv');
    const rowsInFile = () => (existsSync(file) ? readFileSync(file, 'utf8').split('\r\n').length - 2 : 0);
    const { stdin, seenBeforeEnd } = feed(lines, half, () => rowsInFile() >= SMALL);
    const ran = await cli(['replay', '-', '--format', 'csv', '--out', 'out', '--report', 'receptions'], { cwd, stdin, chunkRows: SMALL });
    expect(ran.code).toBe(0);
    expect(seenBeforeEnd()).toBe(true);
    check('receptions', csvRows(readFileSync(file, 'utf8')), asStrings(expected.receptions, csvCell, columnsOf('receptions')), SMALL);
  });

  it('stdout: the JSON rows of receptions go out before the second half of the log is sent, and the document stays valid', async () => {
    const stdout = new Captured();
    const { stdin, seenBeforeEnd } = feed(lines, half, () => (stdout.text.match(/\n {8}\{"at":/g) ?? []).length >= SMALL);
    const ran = await cli(['replay', '-', '--format', 'json', '--report', 'receptions', '--report', 'deals'], { stdin, stdout, chunkRows: SMALL });
    expect(ran.code).toBe(0);
    expect(seenBeforeEnd()).toBe(true);
    for (const report of streamed) check(report, jsonRows(ran.stdout, report), expected[report], SMALL);
  });
});

describe('streaming keeps the rest as it was', () => {
  let reference: Ran;
  beforeAll(async () => {
    reference = await cli(['replay', monthLog, '--format', 'json', '--as', 'S01']);
  });

  it('--as: the rows of the salesperson\'s own clients at the end, the others counted as withheld (PRV-ACCESS)', async () => {
    const ran = await cli(['replay', monthLog, '--format', 'json', '--as', 'S01'], { chunkRows: 7 });
    expect(ran.code).toBe(0);
    const doc = (r: Ran) => JSON.parse(r.stdout) as { reports: Record<string, { rows: Row[]; withheld: number }> };
    for (const report of streamed) {
      const [want, got] = [doc(reference).reports[report], doc(ran).reports[report]];
      expect(got?.withheld).toBe(want?.withheld);
      expect(got?.rows).toEqual(laterNames(want?.rows ?? [], got?.rows ?? []).want);
    }
    expect(ran.stderr).toContain('Withheld as S01 (PRV-ACCESS): owners ');
  });

  it('diff gives the same differences whatever the chunk size (compare keeps only what differs, nothing is streamed)', async () => {
    const args = ['diff', monthLog, '--policy', 'jiuzhou', '--policy', 'shenyang', '--format', 'json', '--report', 'visits', '--report', 'months'];
    const [whole, chunked] = await Promise.all([cli(args), cli(args, { chunkRows: 50 })]);
    expect(chunked.code).toBe(0);
    expect(jsonRows(whole.stdout, 'visits').length).toBeGreaterThan(0);
    for (const report of ['visits', 'months']) expect(jsonRows(chunked.stdout, report)).toEqual(jsonRows(whole.stdout, report));
  });

  it('bad lines: the same quarantine file and the same lines named on stderr, whatever the chunk size', async () => {
    const [a, b] = [scratch(), scratch()];
    const [whole, chunked] = await Promise.all([cli(['replay', corruptLog, '--format', 'csv', '--out', 'out'], { cwd: a }), cli(['replay', corruptLog, '--format', 'csv', '--out', 'out'], { cwd: b, chunkRows: 3 })]);
    expect([whole.code, chunked.code]).toEqual([2, 2]);
    expect(readFileSync(join(b, 'out/quarantine.jsonl'), 'utf8')).toBe(readFileSync(join(a, 'out/quarantine.jsonl'), 'utf8'));
    const untimed = (s: string) => s.replace(/ in [\d.]+ s\./, '.');
    expect(untimed(chunked.stderr)).toBe(untimed(whole.stderr));
  });

  it('a streamed table takes its column widths from its header and its first chunk', async () => {
    const ran = await cli(['replay', monthLog, '--report', 'receptions', '--full'], { chunkRows: SMALL });
    const { columns, widths } = tableRows(ran.stdout, 'receptions');
    const first = asStrings(expected.receptions.slice(0, SMALL), (c) => fit(plain(c)), columns);
    const all = asStrings(expected.receptions, (c) => fit(plain(c)), columns);
    const widest = (rows: readonly Record<string, string>[], column: string) => rows.reduce((w, r) => Math.max(w, displayWidth(r[column] ?? '')), displayWidth(column));
    // Names may be learned after the first chunk (see above): every other column is as wide as the header and the first chunk need.
    const fixed = columns.filter((c) => c !== 'name');
    expect(fixed.map((c) => widths[columns.indexOf(c)])).toEqual(fixed.map((c) => widest(first, c)));
    expect(fixed.some((c) => widest(all, c) > widest(first, c))).toBe(true);
  });

  it('a streamed report with no rows is still a valid document, header or table', async () => {
    const args = ['replay', monthLog, '--as-of', '2026-09-01', '--report', 'receptions'];
    const [json, csv, table] = await Promise.all([cli([...args, '--format', 'json']), cli([...args, '--format', 'csv']), cli(args)]);
    expect(jsonRows(json.stdout, 'receptions')).toEqual([]);
    expect(csv.stdout).toBe(`\uFEFF${columnsOf('receptions').join(',')}\r\n`);
    expect(table.stdout).toMatch(/^== receptions: .*\n\(none\)\n\n$/);
  });
});
