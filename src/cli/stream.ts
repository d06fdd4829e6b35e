/**
 * Writing reports while the log is read. A report with one row per decision
 * (receptions, deals) gives its rows a chunk at a time: every so many rows
 * the replayers hand out their state, the rows are filled in from it, written
 * and dropped, so memory holds the office's state and one chunk, not the log.
 *
 * Where a chunk goes:
 * - with `--out`, into its own file, as it comes;
 * - on stdout, or into the one workbook of `--format xlsx`, as it comes when
 *   the report is the first thing written there (a JSON document then has
 *   its summary after the reports: the counts are known only at the log's
 *   end);
 * - otherwise (a later report on stdout or in the workbook, or any under
 *   `--as`, whose filter needs the owners at the log's end) into a temporary
 *   spool file of rows, read back a chunk at a time when the report's turn
 *   comes.
 *
 * A workbook is written like stdout, one sheet after another, because
 * exceljs's streaming writer zips its sheets in the order they are added: rows
 * written to a later sheet while an earlier one is open would wait in memory.
 */
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { OfficeState } from '../index.js';
import { extensionOf, jsonClose, jsonOpen, sectionWriter, type Clean, type Format, type Section, type SectionHead, type SectionWriter, type TableView } from './format.js';
import { CHUNK_ROWS, OutputError, reasonOf, TextWriter, type Io, type Output } from './io.js';
import { makeDirectory, type Leftovers } from './leftovers.js';
import { LineSplitter } from './lines.js';
import type { Cell, Row } from './reports.js';

/** The file of a report under `--out`. */
export function reportFile(out: string, name: string, format: Format): string {
  return join(out, `${name}.${extensionOf[format]}`);
}

/**
 * Rows made while the log is read, a chunk at a time.
 *
 * @example
 * ```ts
 * const source: ChunkSource = { pending: () => stream.pending, take: ([s]) => stream.take(chunkInput(s, view)), finish: ([s]) => stream.take(chunkInput(s, view)) };
 * ```
 */
export interface ChunkSource {
  /** How many rows wait for the chunk's end. */
  pending(): number;
  /** The waiting rows, filled in from the states at the chunk's end (one per policy), as they are iterated. */
  take(states: readonly OfficeState[]): Iterable<Row>;
  /** The last rows, at the log's end (for diff, with the rows found under the second policy only). */
  finish(states: readonly OfficeState[]): Iterable<Row>;
}

/**
 * A section to write: its head, and its rows' source if they come while the log is read.
 *
 * @example
 * ```ts
 * const parts: Part[] = [{ head: ownersReport }, { head: receptionsReport, stream: source }];
 * ```
 */
export interface Part {
  readonly head: SectionHead;
  /** Absent: the rows come from the final state, at the end. */
  readonly stream?: ChunkSource;
}

/**
 * What the end of a run gives the sections.
 *
 * @example
 * ```ts
 * const ending: Ending = { summary, section: (i) => sections[i], keep: () => (row) => row.client === 'e000022' };
 * ```
 */
export interface Ending {
  /** The summary: after the reports in a JSON document on stdout, and in `summary.json` with `--out`. */
  readonly summary: Record<string, unknown>;
  /** The rows of a part without a stream, from the final state. */
  section(index: number): Section;
  /** Under `--as`: whether a streamed row is shown (PRV-ACCESS); undefined: every row. */
  keep?(index: number): ((row: Row) => boolean) | undefined;
}

/**
 * How one section is written: as text into its target, or as a sheet of the
 * workbook. `start` and `rows` write now, from inside the log's loop (the
 * loop lets the output drain between blocks of the log); `pipe` and `end`
 * are for after the log, and wait for the output whenever it asks.
 *
 * @example
 * ```ts
 * const out: SectionOut = workbook.sheet(head, maskText);
 * out.start();
 * out.rows(firstChunk);
 * await out.pipe(rowsFromTheFinalState);
 * await out.end(0);
 * ```
 */
export interface SectionOut {
  /** What comes before the rows (a sheet: it is added to the workbook now). */
  start(): void;
  /** The next rows, written now. */
  rows(rows: Iterable<Row>): void;
  /** The next rows, however many, waiting for the output as it asks. */
  pipe(rows: Iterable<Row>): Promise<void>;
  /** What comes after the rows, with the count withheld by `--as`. */
  end(withheld: number): Promise<void>;
}

/**
 * The one Excel workbook of `--format xlsx` (xlsx.ts makes it): its sheets
 * are started, and ended, one after another, in the order of the reports.
 *
 * @example
 * ```ts
 * const workbook: Workbook = await openWorkbook(join(out, WORKBOOK));
 * const output = new ReportStream(io, { format: 'xlsx', out, clean, live: true, workbook }, parts);
 * ```
 */
export interface Workbook {
  /** The workbook's path. */
  readonly file: string;
  /**
   * A sheet for a section, added when it is started.
   *
   * @param head - the sheet's name and columns
   * @param clean - applied to every string (phone masking)
   */
  sheet(head: SectionHead, clean: Clean): SectionOut;
  /**
   * Makes the file, if no sheet has yet: called once the log is being read
   * (a log that cannot be read makes no file, and leaves an earlier run's
   * workbook as it was).
   */
  begin(): void;
  /** Resolves once the file has taken most of what was written (memory stays bounded). */
  drained(): Promise<void>;
  /**
   * Adds the summary sheet and completes the file.
   *
   * @param summary - the run's summary
   * @param withheld - the rows withheld per section (PRV-ACCESS)
   */
  finish(summary: Record<string, unknown>, withheld: Readonly<Record<string, number>>): Promise<void>;
  /** Closes the file, after an error or once finished. */
  close(): Promise<void>;
}

/**
 * How the reports are written.
 *
 * @example
 * ```ts
 * const options: StreamOptions = { format: 'csv', out: '/tmp/reports', clean: maskText, live: true };
 * ```
 */
export interface StreamOptions {
  readonly format: Format;
  /** The `--out` directory (resolved); undefined: stdout. */
  readonly out: string | undefined;
  readonly clean: Clean;
  /** False under `--as`: rows wait for the final owners, in a spool. */
  readonly live: boolean;
  /** For `--format xlsx`: the workbook every section goes to, a sheet each. */
  readonly workbook?: Workbook;
  /** How tables on stdout are shown (a summary, folded, chosen columns); files of `--out` are always whole. */
  readonly table?: TableView;
}

/** A text target: stdout, or a file of `--out` opened on first use. */
interface Target {
  readonly writer: TextWriter;
  close(): Promise<void>;
}

/** A part during the run. */
interface Slot {
  readonly index: number;
  /** Where its rows come from while the log is read; undefined: from the final state. */
  readonly source: ChunkSource | undefined;
  /** How it is written (for spooled rows, see {@link ReportStream.writeSlot}). */
  readonly out: SectionOut;
  /** Whether what comes before its rows was written (a live part's first chunk writes it). */
  started: boolean;
  /** Where a streamed part's rows wait when they cannot go out as they come. */
  readonly spool: Spool | null;
}

const cleanCell = (cell: Cell, clean: Clean): Cell => (typeof cell === 'string' ? clean(cell) : Array.isArray(cell) ? cell.map(clean) : cell);
const cleanRow = (row: Row, clean: Clean): Row => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, cleanCell(v, clean)]));
const identity: Clean = (text) => text;

function* cleaned(rows: Iterable<Row>, clean: Clean): Generator<Row> {
  for (const row of rows) yield cleanRow(row, clean);
}

/**
 * Rows waiting on disk: one JSON object a line, already cleaned (masked),
 * in a private temporary file; read back a chunk at a time.
 */
class Spool {
  private fd: number | null = null;
  private path: string | null = null;
  private buffer = '';

  constructor(
    private readonly dir: () => string,
    private readonly name: string,
  ) {}

  append(rows: Iterable<Row>): void {
    for (const row of rows) {
      this.buffer += `${JSON.stringify(row)}\n`;
      if (this.buffer.length >= 1 << 16) this.flush();
    }
  }

  /** Writes what waits in memory and closes the file. */
  close(): void {
    this.flush();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  async *chunks(size: number): AsyncGenerator<Row[]> {
    if (this.path === null) return;
    let rows: Row[] = [];
    const ready: Row[][] = [];
    const splitter = new LineSplitter((text) => {
      if (text === '') return;
      rows.push(JSON.parse(text) as Row);
      if (rows.length === size) {
        ready.push(rows);
        rows = [];
      }
    });
    for await (const chunk of createReadStream(this.path, { highWaterMark: 1 << 20 })) {
      splitter.push(chunk as Buffer);
      yield* ready.splice(0);
    }
    splitter.end();
    yield* ready.splice(0);
    if (rows.length > 0) yield rows;
  }

  private flush(): void {
    if (this.buffer === '') return;
    if (this.fd === null) {
      this.path = join(this.dir(), `${this.name}.jsonl`);
      this.fd = openSync(this.path, 'w', 0o600);
    }
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}

/**
 * The reports of one run, written as their rows come: hand {@link afterEvent}
 * and {@link afterBlock} to `readLog`, then call {@link finish} with the final
 * states.
 *
 * @example
 * ```ts
 * const output = new ReportStream(io, { format: 'json', out: undefined, clean, live: true }, parts);
 * const session = await readLog(io, { ...read, afterEvent: output.afterEvent, afterBlock: output.afterBlock });
 * await output.finish(session.states, { summary, section: (i) => sections[i] });
 * ```
 */
export class ReportStream {
  private readonly slots: Slot[];
  private readonly targets = new Map<number, Target>();
  private readonly chunkRows: number;
  private stdout: Target | null = null;
  private documentOpen = false;
  private spoolDir: string | null = null;

  /**
   * @param io - stdout, stderr and the working directory
   * @param options - the format, the `--out` directory, the cleaner, whether rows may go out as they come
   * @param parts - the sections, in the order they are written
   */
  constructor(
    private readonly io: Io,
    private readonly options: StreamOptions,
    private readonly parts: readonly Part[],
  ) {
    if ((options.format === 'xlsx') !== (options.workbook !== undefined)) throw new Error('internal: --format xlsx writes to a workbook, and only it does');
    this.chunkRows = Math.max(1, io.chunkRows ?? CHUNK_ROWS);
    // stdout and a workbook take one section after another; files of --out each take their own.
    const sequential = options.out === undefined || options.workbook !== undefined;
    this.slots = parts.map((part, index) => {
      // On a sequential output only the first section can go out as it comes: the ones after it wait their turn.
      const live = options.live && (!sequential || index === 0);
      return {
        index,
        source: part.stream,
        out: this.outOf(index),
        started: false,
        spool: part.stream !== undefined && !live ? new Spool(() => this.spoolPath(), `${index}-${part.head.name}`) : null,
      };
    });
  }

  /** Called after each event: at a chunk's end, fills the waiting rows in and writes them. */
  readonly afterEvent = (states: () => readonly OfficeState[]): void => {
    let pending = 0;
    for (const slot of this.slots) pending += slot.source?.pending() ?? 0;
    if (pending >= this.chunkRows) this.flush(states());
  };

  /** Awaited between blocks of the log: waits for the outputs to take what was written. */
  readonly afterBlock = async (): Promise<void> => {
    this.options.workbook?.begin();
    for (const target of this.targets.values()) await target.writer.drained();
    if (this.stdout !== null) await this.stdout.writer.drained();
    await this.options.workbook?.drained();
  };

  /**
   * Writes the last rows and every section, in order, then the summary.
   *
   * @param states - the final state of each policy
   * @param ending - the summary, the sections from the final state, the `--as` filter
   * @returns the rows withheld per section (PRV-ACCESS)
   */
  async finish(states: readonly OfficeState[], ending: Ending): Promise<number[]> {
    try {
      for (const slot of this.slots) {
        if (slot.source !== undefined) this.send(slot, slot.source.finish(states));
        slot.spool?.close();
      }
      const withheld: number[] = [];
      const { format, out, workbook } = this.options;
      if (out === undefined && format === 'json') this.openDocument();
      for (const slot of this.slots) {
        withheld.push(await this.writeSlot(slot, ending));
        if (out !== undefined && workbook === undefined) {
          await this.targets.get(slot.index)?.close();
          this.io.stderr.write(`wrote ${this.shown(this.fileOf(slot.index))}\n`);
        }
      }
      const counts = Object.fromEntries(this.parts.map((p, i) => [p.head.name, withheld[i] ?? 0]));
      if (workbook !== undefined) {
        await workbook.finish(ending.summary, counts);
        this.io.stderr.write(`wrote ${this.shown(workbook.file)}\n`);
      }
      if (out !== undefined) {
        const summary = join(out, 'summary.json');
        await writing(this.shown(summary), async () => {
          makeDirectory(out, this.io.leftovers);
          this.io.leftovers?.file(summary);
          await writeFile(summary, `${JSON.stringify({ ...ending.summary, withheld: counts }, null, 2)}\n`);
        });
      } else {
        const stdout = this.stdoutTarget();
        if (format === 'json') stdout.writer.write([jsonClose(ending.summary)]);
        await stdout.writer.drained();
      }
      return withheld;
    } finally {
      await this.close();
    }
  }

  /** Closes any file left open and removes the spool (after an error too). */
  async close(): Promise<void> {
    for (const target of this.targets.values()) await target.close();
    this.targets.clear();
    await this.options.workbook?.close();
    for (const slot of this.slots) slot.spool?.close();
    if (this.spoolDir !== null) rmSync(this.spoolDir, { recursive: true, force: true });
    this.spoolDir = null;
  }

  private flush(states: readonly OfficeState[]): void {
    for (const slot of this.slots) if (slot.source !== undefined) this.send(slot, slot.source.take(states));
  }

  /** A chunk of a streamed section: out now, or into its spool. */
  private send(slot: Slot, rows: Iterable<Row>): void {
    if (slot.spool !== null) {
      slot.spool.append(cleaned(rows, this.options.clean));
      return;
    }
    if (!slot.started) {
      slot.out.start();
      slot.started = true;
    }
    slot.out.rows(rows);
  }

  /** Writes a section in its turn; returns how many rows were withheld. */
  private async writeSlot(slot: Slot, ending: Ending): Promise<number> {
    if (slot.source === undefined) {
      const section = ending.section(slot.index);
      slot.out.start();
      await slot.out.pipe(section.rows);
      const withheld = section.withheld();
      await slot.out.end(withheld);
      return withheld;
    }
    if (slot.spool === null) {
      if (!slot.started) slot.out.start();
      await slot.out.end(0);
      return 0;
    }
    // Spooled rows are already clean: write them as they are.
    const out = this.outOf(slot.index, identity);
    const keep = ending.keep?.(slot.index);
    let withheld = 0;
    out.start();
    for await (const rows of slot.spool.chunks(this.chunkRows)) {
      const shown = keep === undefined ? rows : rows.filter(keep);
      withheld += rows.length - shown.length;
      await out.pipe(shown);
    }
    await out.end(withheld);
    return withheld;
  }

  /** How a part is written: a sheet of the workbook, or its text into its target. */
  private outOf(index: number, clean: Clean = this.options.clean): SectionOut {
    const { format, out, workbook } = this.options;
    const head = this.parts[index]?.head ?? { name: '', description: '', columns: [] };
    if (workbook !== undefined) return workbook.sheet(head, clean);
    const onStdout = out === undefined;
    const text = sectionWriter(format, head, clean, onStdout && format === 'json' ? { first: index === 0 } : undefined, onStdout ? this.options.table : undefined);
    const target = () => this.targetOf(index);
    return {
      start: () => {
        // The JSON document on stdout opens before its first section, whether that one streams or not.
        if (out === undefined && format === 'json') this.openDocument();
        target().writer.write(text.start());
      },
      rows: (rows) => target().writer.write(text.rows(rows)),
      pipe: (rows) => target().writer.pipe(text.rows(rows)),
      end: (withheld) => target().writer.pipe(text.end(withheld)),
    };
  }

  /** Opens the JSON document on stdout, once. */
  private openDocument(): void {
    if (this.documentOpen) return;
    this.documentOpen = true;
    this.stdoutTarget().writer.write([jsonOpen({}, 'reports')]);
  }

  private stdoutTarget(): Target {
    this.stdout ??= { writer: new TextWriter(this.io.stdout), close: async () => undefined };
    return this.stdout;
  }

  private targetOf(index: number): Target {
    if (this.options.out === undefined) return this.stdoutTarget();
    let target = this.targets.get(index);
    if (target === undefined) {
      const file = this.fileOf(index);
      this.io.leftovers?.file(file);
      target = openFile(this.options.out, file, this.shown(file), this.io.leftovers);
      this.targets.set(index, target);
    }
    return target;
  }

  private fileOf(index: number): string {
    return reportFile(this.options.out ?? '', this.parts[index]?.head.name ?? String(index), this.options.format);
  }

  private spoolPath(): string {
    if (this.spoolDir === null) {
      this.spoolDir = failsAs(`a temporary file in ${tmpdir()} (set TMPDIR to a writable directory)`, () => mkdtempSync(join(tmpdir(), 'salesfloor-spool-')));
      this.io.leftovers?.dir(this.spoolDir);
    }
    return this.spoolDir;
  }

  private shown(path: string): string {
    const rel = relative(this.io.cwd, path);
    return rel !== '' && !rel.startsWith('..') ? rel : path;
  }
}

/**
 * A file of `--out`: its folder is made, and the file opened, when the first
 * text comes. Written synchronously: a file needs no backpressure, and an
 * async stream would hold each block as a buffer until its write completes,
 * long enough for the garbage collector to promote it.
 */
function openFile(dir: string, path: string, label: string, leftovers: Leftovers | undefined): Target {
  let fd: number | null = null;
  const output: Output = {
    write(chunk) {
      failsAs(label, () => {
        if (fd === null) {
          makeDirectory(dir, leftovers);
          fd = openSync(path, 'w');
        }
        writeSync(fd, chunk);
      });
      return true;
    },
    once: () => undefined,
  };
  return {
    writer: new TextWriter(output),
    close() {
      const open = fd;
      fd = null;
      if (open !== null) failsAs(label, () => closeSync(open));
      return Promise.resolve();
    },
  };
}

/** Runs a file operation of the output: a failure is the user's to fix (exit 74 with the reason), not a crash. */
function failsAs<T>(what: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError(`cannot write ${what}: ${reasonOf(error)}`);
  }
}

async function writing(what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    throw new OutputError(`cannot write ${what}: ${reasonOf(error)}`);
  }
}
