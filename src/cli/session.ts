/**
 * Replaying a log file as a stream: each line is parsed and pushed into one
 * replayer per policy (two for `diff`), so memory holds the state and not the
 * log. Bad lines are named, written to a quarantine file, and skipped; the
 * run goes on with the valid lines.
 */
import { closeSync, createReadStream, mkdirSync, openSync, writeSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { parseLine, type Comparer, type Issue, type Office, type OfficeState } from '../index.js';
import { reasonOf, UsageError, type Io } from './io.js';
import { eachLine, type LineFault } from './lines.js';
import { progress } from './progress.js';
import type { Observer } from './reports.js';

/** A bad line: its number and why (a parse issue or a refusal by the engine). */
export interface BadLine {
  readonly line: number;
  readonly issues: readonly Issue[];
}

/** One policy's replay: the office and the reports watching it. */
export interface Side {
  readonly office: Office;
  readonly collectors: readonly Observer[];
  /** Whether the collectors read each event's decisions (default true); false lets the engine build none. */
  readonly decisions?: boolean;
}

/** What reading a log gives. */
export interface Session {
  /** Lines read, blank ones included. */
  readonly lines: number;
  /** Events applied (a redelivered duplicate counts, as a no-op). */
  readonly events: number;
  /** Valid events after `until`, left out. */
  readonly later: number;
  /** How many lines were bad. */
  readonly badCount: number;
  /** The first bad lines (up to {@link KEEP_BAD}). */
  readonly bad: readonly BadLine[];
  /** The final state of each side. */
  readonly states: readonly OfficeState[];
  /** Where the bad lines were written, if any were. */
  readonly quarantine: string | null;
  /** Why the quarantine file could not be written, if it could not (the bad lines are still named). */
  readonly quarantineError: string | null;
  readonly elapsedMs: number;
}

/** How many bad lines are kept for the summary (all of them go to the quarantine file). */
export const KEEP_BAD = 1000;
/** Logs at least this large show progress on a terminal. */
export { PROGRESS_MIN_BYTES } from './progress.js';

/** How to read a log. */
export interface ReadOptions {
  /** The log's path (resolved), or `-` for stdin. */
  readonly path: string;
  readonly sides: readonly Side[];
  /** For diff: both policies at once, through the library's comparer (instead of `sides`). A line is bad only when both refuse it. */
  readonly comparer?: Comparer;
  /** Epoch ms: events later than this are left out (`--as-of`, `--at`). */
  readonly until?: number;
  /** The quarantine file's path (resolved); null: bad lines are only named. */
  readonly quarantine: string | null;
  /** Cleans the quarantined text (masks phones unless `--no-mask`). */
  readonly clean: (text: string) => string;
  /** Cleans a quarantined line (phones masked, the line kept JSON when it is); default: `clean`. */
  readonly cleanLine?: (line: string) => string;
  /**
   * A salesperson's view (`--as`, PRV-ACCESS): a bad line's text and messages
   * are kept only when the line is theirs (it names them as its staff,
   * receiver or closer); of the others only the line number and the issue
   * codes, which name no client.
   */
  readonly as?: string;
  /**
   * Called after each event pushed to the replayers. `states` gives each
   * side's state so far (a chunk's end, for streamed reports); its cost is
   * the records touched since the last call, so call it every so many rows.
   */
  readonly afterEvent?: (states: () => readonly OfficeState[]) => void;
  /** Awaited after each block of the log is read: lets streamed output drain. */
  readonly afterBlock?: () => Promise<void>;
}

/**
 * Reads and replays a log, line by line.
 *
 * @param io - where to read stdin and show progress
 * @param options - the log, the policies and their reports, the cut-off time, the quarantine file
 * @returns counts, the bad lines, and each side's final state
 */
export async function readLog(io: Io, options: ReadOptions): Promise<Session> {
  const started = Date.now();
  const fromStdin = options.path === '-';
  let size: number | null = null;
  if (!fromStdin) {
    try {
      const info = await stat(options.path);
      if (!info.isFile()) throw new UsageError(`${options.path} is not a file`);
      size = info.size;
      // The quarantine is opened for writing: were it the log, the log would be emptied before it is read.
      const target = options.quarantine === null ? null : await stat(options.quarantine).catch(() => null);
      if (target !== null && target.dev === info.dev && target.ino === info.ino) {
        throw new UsageError(`--quarantine ${options.quarantine} is the log itself: choose another file (the quarantine is overwritten)`);
      }
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot read ${options.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const replayers = options.sides.map((s) => s.office.replayer(undefined, s.decisions === false ? { decisions: false } : {}));
  const sink = new BadLines(options);
  let events = 0;
  let later = 0;
  const reject = (line: number, text: string, issues: readonly Issue[]) => sink.reject(line, text, issues);

  const onLine = (text: string, line: number, fault?: LineFault) => {
    if (fault !== undefined) return reject(line, text, [{ code: fault.code, path: [], message: fault.message, line }]);
    const parsed = parseLine(text, line);
    if (parsed === undefined) return;
    if (!parsed.ok) return reject(line, text, parsed.issues);
    const event = parsed.event;
    if (options.until !== undefined && Date.parse(event.at) > options.until) {
      later++;
      return;
    }
    if (options.comparer !== undefined) {
      const step = options.comparer.push(event, line);
      // Refused under one policy only is a difference the comparison reports, not bad input.
      if (step.a.length > 0 && step.b.length > 0) reject(line, text, step.a.map((issue) => ({ ...issue, line })));
      else events++;
      return;
    }
    let refused: Issue[] = [];
    replayers.forEach((replayer, i) => {
      const step = replayer.push(event, line);
      if (step.issues.length > 0) {
        if (refused.length === 0) refused = step.issues;
        return;
      }
      for (const c of options.sides[i]?.collectors ?? []) c.observe?.(event, step.decisions);
    });
    if (refused.length > 0) reject(line, text, refused);
    else events++;
    options.afterEvent?.(states);
  };
  const states = () => (options.comparer !== undefined ? [...options.comparer.states()] : replayers.map((r) => r.state()));

  const shown = progress(io, fromStdin ? 'stdin' : basename(options.path), size, () => events);
  let lines: number;
  try {
    const source = fromStdin ? io.stdin : createReadStream(options.path, { highWaterMark: 1 << 20 });
    const afterBlock = options.afterBlock;
    lines = await eachLine(
      source,
      onLine,
      afterBlock === undefined
        ? shown.tick
        : (bytes, count) => {
            shown.tick(bytes, count);
            return afterBlock();
          },
    );
  } finally {
    shown.done();
    sink.close();
  }
  return { lines, events, later, ...sink.counts(), states: states(), elapsedMs: Date.now() - started };
}

/**
 * Where bad lines go: the first {@link KEEP_BAD} are kept for the summary,
 * every one is written to the quarantine file (opened on the first), and
 * under `--as` others' lines are named by number and code only.
 */
export class BadLines {
  private readonly kept: BadLine[] = [];
  private count = 0;
  private fd: number | null = null;
  private error: string | null = null;

  /** @param options - the quarantine file, the cleaners and `--as` */
  constructor(private readonly options: Pick<ReadOptions, 'quarantine' | 'clean' | 'cleanLine' | 'as'>) {}

  /** A bad line, in the order of the log. */
  reject(line: number, text: string, issues: readonly Issue[]): void {
    const { options } = this;
    this.count++;
    // Under --as, others' bad lines are named by number and code only: their messages may quote a client.
    const hide = options.as !== undefined && !isTheirs(text, options.as);
    const kept = hide ? issues.map((i) => ({ ...i, message: 'withheld: not your line (PRV-ACCESS)' })) : issues;
    if (this.kept.length < KEEP_BAD) this.kept.push({ line, issues: kept });
    if (options.quarantine === null || this.error !== null) return;
    try {
      if (this.fd === null) {
        mkdirSync(dirname(options.quarantine), { recursive: true });
        this.fd = openSync(options.quarantine, 'w', 0o600);
      }
      const record = { line, issues: kept.map(({ code, path, message }) => ({ code, path, message: options.clean(message) })), text: hide ? null : (options.cleanLine ?? options.clean)(text) };
      writeSync(this.fd, `${JSON.stringify(record)}\n`);
    } catch (error) {
      // The bad lines are still named; the command reports the file it could not write and exits with the output code.
      this.error = `cannot write the quarantine file ${options.quarantine}: ${reasonOf(error)}; choose another with --quarantine <file>`;
    }
  }

  /** Closes the quarantine file. */
  close(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch (error) {
      this.error ??= `cannot write the quarantine file ${this.options.quarantine}: ${reasonOf(error)}`;
    }
    this.fd = null;
  }

  /** What a {@link Session} says of the bad lines. */
  counts(): Pick<Session, 'badCount' | 'bad' | 'quarantine' | 'quarantineError'> {
    return { badCount: this.count, bad: this.kept, quarantine: this.count > 0 && this.error === null ? this.options.quarantine : null, quarantineError: this.error };
  }
}

const STAFF_FIELDS = ['staff', 'receiver', 'named', 'by', 'against', 'appellant'];

/** Whether a bad line is a salesperson's own: it parses as an object that names them in a staff field. */
function isTheirs(text: string, staff: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return STAFF_FIELDS.some((f) => record[f] === staff);
}
