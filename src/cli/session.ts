/**
 * Replaying a log file as a stream: each line is parsed and pushed into one
 * replayer per policy (two for `diff`) of its office, so memory holds the
 * state and not the log. Bad lines are named, written to a quarantine file, and skipped; the
 * run goes on with the valid lines.
 */
import { closeSync, createReadStream, openSync, rmSync, writeSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { parseLine, type Comparer, type Issue, type Office, type OfficeState, type Replayer } from '../index.js';
import { reasonOf, shownPath, UsageError, type Io } from './io.js';
import { makeDirectory, type Leftovers } from './leftovers.js';
import { eachLine, utf8Head, type LineFault } from './lines.js';
import { officeOfLine } from './office-line.js';
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
  /** Events applied (a redelivery is not one: see `duplicates`). */
  readonly events: number;
  /** Lines that were exact redeliveries of an event already applied: no-ops, neither applied nor bad. */
  readonly duplicates: number;
  /** The first of those lines (up to {@link KEEP_BAD}), in order: where each copy stood. */
  readonly duplicateLines: readonly number[];
  /** Valid events after `until`, left out. */
  readonly later: number;
  /** Blank lines (empty or whitespace only): nothing to read, counted so that every line is accounted for. */
  readonly blank: number;
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
  /** Under `office`: the lines of other offices, left out. */
  readonly otherOffices?: number;
  /** The offices whose events applied, in the order they first appear, with their counts. */
  readonly offices?: readonly OfficeCounts[];
  /** For diff: the comparer of the office read (its result is the comparison). */
  readonly comparer?: Comparer;
}

/** What one office of a log gave. */
export interface OfficeCounts {
  readonly office: string;
  readonly events: number;
  readonly duplicates: number;
  readonly later: number;
  readonly bad: number;
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
  /** For diff: both policies at once, through the library's comparer (one made per office; instead of `sides`). A line is bad only when both refuse it. */
  readonly comparer?: () => Comparer;
  /** `--office`: only the lines of this office are read; the others' are left out (counted). */
  readonly office?: string;
  /**
   * Whether a log of several offices is read office by office to its end
   * (validate). Otherwise the read stops with a usage error when a second
   * office's event applies: the command shows one office. Either way each
   * office is replayed on its own, as replay's partitions do, so a stray
   * line of another office is refused for what it is in that office.
   */
  readonly eachOffice?: boolean;
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
  /** The run's leftovers: told of the quarantine's folder when it is made. */
  readonly leftovers?: Leftovers;
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
    const label = shownPath(io.cwd, options.path);
    try {
      const info = await stat(options.path);
      if (info.isDirectory()) throw new UsageError(`cannot read ${label}: it is a directory, not a log file`);
      if (!info.isFile()) throw new UsageError(`cannot read ${label}: it is not a regular file (a pipe or a device: give - and send it on stdin)`);
      size = info.size;
      // The quarantine is opened for writing: were it the log, the log would be emptied before it is read.
      const target = options.quarantine === null ? null : await stat(options.quarantine).catch(() => null);
      if (target !== null && target.dev === info.dev && target.ino === info.ino) {
        throw new UsageError(`--quarantine ${options.quarantine} is the log itself: choose another file (the quarantine is overwritten)`);
      }
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot read ${label}: ${reasonOf(error, 'read')}`);
    }
  }
  const sink = new BadLines(options);
  let events = 0;
  let duplicates = 0;
  const duplicateLines: number[] = [];
  let later = 0;
  let blank = 0;
  let otherOffices = 0;
  // The offices the lines name, in order: to say which there are when --office names none of them.
  const named = new Set<string>();
  // One lane per office (its replayers or its comparer): each office replayed on its own, as replay's partitions do.
  const newLane = (office: string): Lane => ({
    office,
    replayers: options.sides.map((s) => s.office.replayer(undefined, s.decisions === false ? { decisions: false } : {})),
    comparer: options.comparer?.(),
    events: 0,
    duplicates: 0,
    later: 0,
    bad: 0,
  });
  const lanes = new Map<string, Lane>();
  // The lane whose state the command shows: the first office whose events applied (until then, the first office seen).
  let shown = newLane('');
  let applying: Lane | null = null;
  const laneOf = (office: string): Lane => {
    let lane = lanes.get(office);
    if (lane === undefined) {
      lane = lanes.size === 0 ? Object.assign(shown, { office }) : newLane(office);
      lanes.set(office, lane);
    }
    return lane;
  };
  const applied = (lane: Lane) => {
    lane.events++;
    events++;
    if (applying === null) {
      applying = lane;
      shown = lane;
    } else if (applying !== lane && lane.events === 1 && options.eachOffice !== true) {
      throw new SeveralOffices([...lanes.values()].filter((l) => l.events > 0).map((l) => l.office));
    }
  };
  // A redelivery of an applied event changed nothing: counted apart, so that every line is accounted for once.
  const duplicate = (lane: Lane, line: number) => {
    lane.duplicates++;
    duplicates++;
    if (duplicateLines.length < KEEP_BAD) duplicateLines.push(line);
  };
  const reject = (line: number, text: string, issues: readonly Issue[], lane: Lane | null) => {
    if (lane !== null) lane.bad++;
    sink.reject(line, text, issues);
  };

  const onLine = (text: string, line: number, fault?: LineFault) => {
    // A line that could not be read names no office (its readable bytes may hold the corrupt part), as in replay's partitions.
    if (fault !== undefined) return reject(line, text, [{ code: fault.code, path: [], message: fault.message, line }], null);
    if (options.office !== undefined) {
      const office = officeOfLine(text, line);
      // Another office's line is not this run's: left out, as replay's partition of one office does not see it.
      if (office !== null && office !== options.office) {
        otherOffices++;
        named.add(office);
        return;
      }
    }
    const parsed = parseLine(text, line);
    if (parsed === undefined) {
      blank++;
      return;
    }
    if (!parsed.ok) {
      // A line that does not parse counts against the office it names, even before that office's first event, as in replay's partitions.
      const office = officeOfLine(text, line);
      return reject(line, text, parsed.issues, office === null ? null : laneOf(office));
    }
    const event = parsed.event;
    named.add(event.office);
    const lane = laneOf(event.office);
    if (options.until !== undefined && Date.parse(event.at) > options.until) {
      later++;
      lane.later++;
      return;
    }
    if (lane.comparer !== undefined) {
      const step = lane.comparer.push(event, line);
      // Refused under one policy only is a difference the comparison reports, not bad input.
      if (step.a.length > 0 && step.b.length > 0) reject(line, text, step.a.map((issue) => ({ ...issue, line })), lane);
      // A duplicate when no policy applied it afresh (a redelivery, or refused again where its first delivery was).
      else if ((step.a.length > 0 || step.redelivered.a) && (step.b.length > 0 || step.redelivered.b)) duplicate(lane, line);
      else applied(lane);
      return;
    }
    let refused: Issue[] = [];
    let fresh = false;
    lane.replayers.forEach((replayer, i) => {
      const step = replayer.push(event, line);
      if (step.issues.length > 0) {
        if (refused.length === 0) refused = step.issues;
        return;
      }
      // A redelivery decided nothing: the reports do not see it again.
      if (step.redelivered) return;
      fresh = true;
      for (const c of options.sides[i]?.collectors ?? []) c.observe?.(event, step.decisions);
    });
    if (refused.length > 0) reject(line, text, refused, lane);
    else if (fresh) applied(lane);
    else duplicate(lane, line);
    options.afterEvent?.(states);
  };
  const states = () => (shown.comparer !== undefined ? [...shown.comparer.states()] : shown.replayers.map((r) => r.state()));

  const ticker = progress(io, fromStdin ? 'stdin' : basename(options.path), size, () => events);
  let lines: number;
  try {
    const source = fromStdin ? io.stdin : createReadStream(options.path, { highWaterMark: 1 << 20 });
    const afterBlock = options.afterBlock;
    lines = await eachLine(
      source,
      onLine,
      afterBlock === undefined
        ? ticker.tick
        : (bytes, count) => {
            ticker.tick(bytes, count);
            return afterBlock();
          },
    );
  } catch (error) {
    // Stopped before its end: the quarantine holds only some of the bad lines, and goes.
    if (error instanceof SeveralOffices) sink.discard();
    throw error;
  } finally {
    ticker.done();
    sink.close();
  }
  if (options.office !== undefined && !named.has(options.office)) {
    throw new UsageError(`--office ${options.office}: no line of the log names that office${named.size === 0 ? '' : ` (it names ${[...named].join(', ')})`}`);
  }
  return {
    lines,
    events,
    duplicates,
    duplicateLines,
    later,
    blank,
    ...sink.counts(),
    states: states(),
    elapsedMs: Date.now() - started,
    ...(options.office === undefined ? {} : { otherOffices }),
    offices: [...lanes.values()].filter((l) => l.events > 0).map(({ office, events, duplicates, later, bad }) => ({ office, events, duplicates, later, bad })),
    ...(shown.comparer === undefined ? {} : { comparer: shown.comparer }),
  };
}

/** One office's replay during a read. */
interface Lane {
  office: string;
  readonly replayers: readonly Replayer[];
  readonly comparer: Comparer | undefined;
  events: number;
  duplicates: number;
  later: number;
  bad: number;
}

/**
 * A log in which events of several offices apply, read by a command that
 * shows one office: a usage error naming them, and what to do.
 *
 * @example
 * ```ts
 * throw new SeveralOffices(['jiuzhou', 'beta']);
 * ```
 */
export class SeveralOffices extends UsageError {
  /** @param offices - the offices whose events applied so far */
  constructor(readonly offices: readonly string[]) {
    super(`the log names several offices (${offices.join(', ')}, perhaps more) and this command shows one office: choose it with --office <name>; validate, and replay of a log file (not stdin), read every office`);
  }
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
  constructor(private readonly options: Pick<ReadOptions, 'quarantine' | 'clean' | 'cleanLine' | 'as' | 'leftovers'>) {}

  /** A bad line, in the order of the log. */
  reject(line: number, text: string, issues: readonly Issue[]): void {
    const { options } = this;
    this.count++;
    const tooLong = issues.some((i) => i.code === 'line_too_long');
    // Under --as, others' bad lines are named by number and code only: their messages may quote a client. A line too long is never read, so never theirs.
    const hide = options.as !== undefined && (tooLong || !isTheirs(text, options.as));
    const kept = hide ? issues.map((i) => ({ ...i, message: 'withheld: not your line (PRV-ACCESS)' })) : issues;
    if (this.kept.length < KEEP_BAD) this.kept.push({ line, issues: kept });
    if (options.quarantine === null || this.error !== null) return;
    try {
      if (this.fd === null) {
        makeDirectory(dirname(options.quarantine), options.leftovers);
        this.fd = openSync(options.quarantine, 'w', 0o600);
      }
      // A line too long is kept only in part (a line between the engine's limit and the splitter's is read whole, and may be megabytes).
      const shown = tooLong ? utf8Head(text) : text;
      const record = { line, issues: kept.map(({ code, path, message }) => ({ code, path, message: options.clean(message) })), text: hide ? null : (options.cleanLine ?? options.clean)(shown) };
      writeSync(this.fd, `${JSON.stringify(record)}\n`);
    } catch (error) {
      // The bad lines are still named; the command reports the file it could not write and exits with the output code.
      this.error = `cannot write the quarantine file ${options.quarantine}: ${reasonOf(error)}; choose another with --quarantine <file>`;
    }
  }

  /** Closes the quarantine file and removes it (a run stopped before its end). */
  discard(): void {
    const opened = this.fd !== null;
    this.close();
    if (opened && this.options.quarantine !== null) rmSync(this.options.quarantine, { force: true });
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
