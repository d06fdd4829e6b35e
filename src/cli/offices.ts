/**
 * A log of several offices, replayed partitioned by office: one replayer
 * (and one state) per office, each event routed by its `office` field. With
 * `--jobs N` the offices are shared out among N worker threads, each reading
 * the log itself and keeping its offices' lines; the results are merged in
 * the order the offices first appear in the log, so the output is the same
 * bytes whatever N is.
 *
 * A partition keeps the rows of its reports in memory, chunked as the
 * single-office replay chunks them (every `chunkRows` rows, at the same
 * events), and the merge hands those chunks to the same {@link ReportStream}:
 * a log whose other offices are refused throughout (a stray line copied from
 * elsewhere) prints exactly what the one-office replay prints.
 */
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseLine, staffList, type Issue, type OfficeState, type ViewOptions } from '../index.js';
import {
  chosenReports,
  exitOf,
  NAMED_ON_STDERR,
  notesAfter,
  notesBefore,
  officeLine,
  officeSummaries,
  streamOf,
  summaryLines,
  summaryOf,
  visibleTo,
  writtenReports,
  badLinesOf,
  type Args,
  type Prepared,
} from './commands.js';
import { CHUNK_ROWS, UsageError, type Io } from './io.js';
import { eachLine, utf8Head } from './lines.js';
import { officeOfLine } from './office-line.js';
import { loadPolicy } from './options.js';
import { chunkInput, needsDecisions, reportInput, reports, type Cell, type Collector, type Row, type RowStream } from './reports.js';
import { BadLines, KEEP_BAD, type Session } from './session.js';
import type { ChunkSource, Part } from './stream.js';

export { officeOfLine } from './office-line.js';

/** The offices of a log, in the order they first appear, with their line counts. */
export interface OfficeScan {
  readonly offices: readonly string[];
  readonly lines: ReadonlyMap<string, number>;
}

/**
 * Reads a log once for the offices it names (a regular expression a line:
 * a small share of a replay).
 *
 * @param path - the log file
 * @returns the offices in order of first appearance, with their line counts
 */
export async function scanOffices(path: string): Promise<OfficeScan> {
  const lines = new Map<string, number>();
  await eachLine(createReadStream(path, { highWaterMark: 1 << 20 }), (text, line, fault) => {
    if (fault !== undefined) return;
    const office = officeOfLine(text, line);
    if (office !== null) lines.set(office, (lines.get(office) ?? 0) + 1);
  });
  return { offices: [...lines.keys()], lines };
}

/** What one partition (a worker thread, or the main thread under `--jobs 1`) replays. */
export interface PartitionSpec {
  readonly path: string;
  readonly cwd: string;
  /** The `--policy` argument (each thread loads it itself). */
  readonly policy: string | undefined;
  /** The offices this partition owns. */
  readonly offices: readonly string[];
  /** Whether it also names the lines that name no office (partition 0 does). */
  readonly unrouted: boolean;
  /** The written reports, by name. */
  readonly reports: readonly string[];
  readonly view: ViewOptions;
  readonly until?: number;
  readonly as?: string;
  readonly chunkRows: number;
}

/** A bad line found by a partition: its text (for the quarantine), its issues and its office. */
export interface FoundBad {
  readonly line: number;
  readonly text: string;
  readonly issues: readonly Issue[];
  readonly office: string | null;
}

/** What one office's replay gives. */
export interface OfficeResult {
  readonly office: string;
  readonly events: number;
  /** Exact redeliveries of events already applied: no-ops, neither applied nor bad. */
  readonly duplicates: number;
  /** Their lines, the first {@link KEEP_BAD}. */
  readonly duplicateLines: readonly number[];
  readonly later: number;
  readonly bad: number;
  /** Each chunk of the streamed reports (the last one taken at the log's end): rows per report index. */
  readonly chunks: readonly (readonly Row[])[][];
  /** The rows of the reports made from the final state, per report index (empty for streamed ones). */
  readonly rows: readonly (readonly Row[])[];
  readonly withheld: readonly number[];
  /** Whether `--as` names a staff member of this office. */
  readonly knowsAs: boolean;
}

/** What a partition gives. */
export interface PartitionResult {
  readonly lines: number;
  /** Blank lines (they name no office: counted by the partition that reads such lines). */
  readonly blank: number;
  readonly offices: readonly OfficeResult[];
  readonly bad: readonly FoundBad[];
}

/** Marks a streamed row that `--as` withholds; not a column, so never written. */
const HIDDEN = '\u0000withheld';

/**
 * Replays the lines of some offices of a log, one replayer per office.
 *
 * @param spec - the log, the offices, the policy and the reports
 * @returns per office its counts and report rows, and the bad lines in log order
 */
export async function replayPartition(spec: PartitionSpec): Promise<PartitionResult> {
  const { office: engine } = await loadPolicy(spec.policy, spec.cwd, 'none');
  const written = spec.reports.map((name) => {
    const report = reports.find((r) => r.name === name);
    if (report === undefined) throw new Error(`internal: no report ${name}`);
    return report;
  });
  const owned = new Set(spec.offices);
  const chunkRows = Math.max(1, spec.chunkRows);
  const quiet = needsDecisions(written) ? {} : { decisions: false };
  interface Open {
    readonly office: string;
    readonly replayer: ReturnType<typeof engine.replayer>;
    readonly streams: (RowStream | undefined)[];
    readonly collectors: (Collector | undefined)[];
    readonly chunks: Row[][][];
    events: number;
    duplicates: number;
    readonly duplicateLines: number[];
    later: number;
    bad: number;
  }
  const open = new Map<string, Open>();
  const bad: FoundBad[] = [];
  const take = (o: Open, state: OfficeState) => o.chunks.push(o.streams.map((s) => (s === undefined ? [] : [...s.take(chunkInput(state, spec.view))])));
  const officeOf = (name: string): Open => {
    let o = open.get(name);
    if (o === undefined) {
      const streams = written.map((r) => r.stream?.());
      o = { office: name, replayer: engine.replayer(undefined, quiet), streams, collectors: written.map((r, i) => (streams[i] === undefined ? r.collect() : undefined)), chunks: [], events: 0, duplicates: 0, duplicateLines: [], later: 0, bad: 0 };
      open.set(name, o);
    }
    return o;
  };
  const reject = (line: number, text: string, issues: readonly Issue[], office: Open | null) => {
    if (office !== null) office.bad++;
    // A line too long goes to the quarantine only in part: its head is all that crosses from a worker.
    bad.push({ line, text: issues.some((i) => i.code === 'line_too_long') ? utf8Head(text) : text, issues, office: office?.office ?? null });
  };
  let blank = 0;
  const lines = await eachLine(createReadStream(spec.path, { highWaterMark: 1 << 20 }), (text, line, fault) => {
    const name = fault === undefined ? officeOfLine(text, line) : null;
    if (name === null ? !spec.unrouted : !owned.has(name)) return;
    if (fault !== undefined) return reject(line, text, [{ code: fault.code, path: [], message: fault.message, line }], null);
    const parsed = parseLine(text, line);
    if (parsed === undefined) {
      blank++;
      return;
    }
    const o = name === null ? null : officeOf(name);
    if (!parsed.ok) return reject(line, text, parsed.issues, o);
    if (o === null || parsed.event.office !== o.office) throw new Error(`internal: line ${line} was routed to office ${String(name)}, but names ${parsed.event.office}`);
    const event = parsed.event;
    if (spec.until !== undefined && Date.parse(event.at) > spec.until) {
      o.later++;
      return;
    }
    const step = o.replayer.push(event, line);
    if (step.issues.length > 0) reject(line, text, step.issues, o);
    // A redelivery of an applied event decided nothing: counted apart, and the reports do not see it again.
    else if (step.redelivered) {
      o.duplicates++;
      if (o.duplicateLines.length < KEEP_BAD) o.duplicateLines.push(line);
    }
    else {
      o.events++;
      for (const s of o.streams) s?.observe(event, step.decisions);
      for (const c of o.collectors) c?.observe?.(event, step.decisions);
    }
    // The chunks end where the one-office replay ends them: after the event that fills one.
    let pending = 0;
    for (const s of o.streams) pending += s?.pending ?? 0;
    if (pending >= chunkRows) take(o, o.replayer.state());
  });
  const offices = [...open.values()].map((o): OfficeResult => {
    const state = o.replayer.state();
    take(o, state);
    const input = reportInput(state, spec.view);
    const withheld = written.map(() => 0);
    const knowsAs = spec.as === undefined || staffList(state).some((m) => m.id === spec.as);
    // An office `--as` is no salesperson of (a stray line's) holds nothing of theirs: every row withheld (PRV-ACCESS), none asked of its views.
    const none = () => false;
    const rows = written.map((report, i) => {
      const keep = knowsAs ? visibleTo(report, input, spec.as) : none;
      const stream = o.streams[i];
      if (stream !== undefined) {
        // Streamed rows are withheld when they are written (ReportStream's spool filter): marked here, where the final owners are known.
        if (keep !== undefined) for (const chunk of o.chunks) for (const [k, row] of (chunk[i] ?? []).entries()) if (!keep(row)) (chunk[i] as Row[])[k] = { ...row, [HIDDEN]: true };
        return [];
      }
      const all = [...(o.collectors[i] as Collector).rows(input)];
      if (keep === undefined) return all;
      const shown = all.filter(keep);
      withheld[i] = all.length - shown.length;
      return shown;
    });
    return { office: o.office, events: o.events, duplicates: o.duplicates, duplicateLines: o.duplicateLines, later: o.later, bad: o.bad, chunks: o.chunks, rows, withheld, knowsAs };
  });
  return { lines, blank, offices, bad };
}

/**
 * Shares offices out among `jobs` partitions: the largest first, each to the
 * partition with the fewest lines so far (ties: the lower index).
 *
 * @param scan - the offices and their line counts
 * @param jobs - how many partitions (at most one per office is used)
 * @returns the offices of each partition
 */
export function assign(scan: OfficeScan, jobs: number): string[][] {
  const parts: { offices: string[]; lines: number }[] = Array.from({ length: Math.max(1, Math.min(jobs, scan.offices.length)) }, () => ({ offices: [], lines: 0 }));
  const bySize = [...scan.offices].sort((a, b) => (scan.lines.get(b) ?? 0) - (scan.lines.get(a) ?? 0) || scan.offices.indexOf(a) - scan.offices.indexOf(b));
  for (const office of bySize) {
    const least = parts.reduce((best, p) => (p.lines < best.lines ? p : best));
    least.offices.push(office);
    least.lines += scan.lines.get(office) ?? 0;
  }
  return parts.map((p) => p.offices);
}

/** Runs one partition in a worker thread (from the build; from the sources, through tsx, as in tests). */
function inWorker(spec: PartitionSpec): Promise<PartitionResult> {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './cli-worker.ts' : './cli-worker.js', import.meta.url);
  const worker = fromSource
    ? new Worker(`import(${JSON.stringify(pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`, { eval: true, workerData: spec })
    : new Worker(url, { workerData: spec });
  return new Promise((resolve, reject) => {
    let result: PartitionResult | undefined;
    worker.once('message', (message: PartitionResult) => {
      result = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (result !== undefined ? resolve(result) : reject(new Error(`internal: a replay worker exited with code ${code} and no result`))));
  });
}

/**
 * Replays the partitions, in worker threads when there are several.
 *
 * @param specs - one per partition
 * @returns their results, in the same order
 */
export async function runPartitions(specs: readonly PartitionSpec[]): Promise<PartitionResult[]> {
  if (specs.length === 1) return [await replayPartition(specs[0] as PartitionSpec)];
  return Promise.all(specs.map(inWorker));
}

/**
 * `replay` of a log that names several offices: the same reports, with an
 * `office` column first when more than one office applied events, and the
 * summary counted per office.
 *
 * @param args - the command's arguments (`--jobs` among them)
 * @param io - the streams
 * @param prepared - the log, the policy, the view
 * @param scan - the log's offices
 * @returns the exit code
 */
export async function replayOffices(args: Args, io: Io, prepared: Prepared, scan: OfficeScan): Promise<number> {
  const started = Date.now();
  const { log, policy, view, clean } = prepared;
  const chosen = chosenReports(args, reports);
  const written = writtenReports(args, chosen);
  const chunkRows = Math.max(1, io.chunkRows ?? CHUNK_ROWS);
  const base = { path: log, cwd: io.cwd, policy: args.policy[0], reports: written.map((r) => r.name), view, ...(view.lookAhead === undefined ? {} : { until: Date.parse(view.lookAhead) }), ...(args.as === undefined ? {} : { as: args.as }), chunkRows };
  const results = await runPartitions(assign(scan, args.jobs).map((offices, i) => ({ ...base, offices, unrouted: i === 0 })));

  const byOffice = new Map(results.flatMap((r) => r.offices.map((o) => [o.office, o] as const)));
  const all = scan.offices.flatMap((name) => byOffice.get(name) ?? []);
  // An office none of whose events applied (a stray line of another office) has nothing to report.
  const kept = all.filter((o) => o.events > 0);
  const several = kept.length > 1;
  if (args.as !== undefined && !kept.some((o) => o.knowsAs)) throw new UsageError(`--as ${args.as}: no such staff member in the log`);

  const sink = new BadLines(badLinesOf(args, io, clean));
  for (const b of results.flatMap((r) => r.bad).sort((x, y) => x.line - y.line)) sink.reject(b.line, b.text, b.issues);
  sink.close();
  const session: Session = {
    lines: results[0]?.lines ?? 0,
    events: all.reduce((n, o) => n + o.events, 0),
    duplicates: all.reduce((n, o) => n + o.duplicates, 0),
    duplicateLines: all.flatMap((o) => o.duplicateLines).sort((x, y) => x - y).slice(0, KEEP_BAD),
    later: all.reduce((n, o) => n + o.later, 0),
    blank: results.reduce((n, r) => n + r.blank, 0),
    ...sink.counts(),
    states: [],
    elapsedMs: Date.now() - started,
  };

  const tag = (office: string) => (several ? (row: Row): Row => ({ office, ...row }) : (row: Row) => row);
  // Every chunk of every office in order; the last one is what the stream's finish gives.
  const chunks = kept.flatMap((o) => o.chunks.map((c) => c.map((rows) => rows.map(tag(o.office)))));
  let at = 0;
  const parts = written.map((r, i): Part => {
    const head = several ? { ...r, columns: ['office', ...r.columns] } : r;
    if (r.stream === undefined) return { head };
    const source: ChunkSource = {
      pending: () => (at < chunks.length - 1 ? chunkRows : 0),
      take: () => chunks[at]?.[i] ?? [],
      finish: () => chunks[chunks.length - 1]?.[i] ?? [],
    };
    return { head, stream: source };
  });
  const output = await streamOf(io, args, clean, parts);
  try {
    for (; at < chunks.length - 1; at++) {
      output.afterEvent(() => []);
      await output.afterBlock();
    }
    const summary = summaryOf(io, log, session, [policy], clean);
    const perOffice = officeSummaries(kept.map((o) => ({ office: o.office, events: o.events, duplicates: o.duplicates, later: o.later, bad: o.bad }))) ?? [];
    const lines = summaryLines(summary, NAMED_ON_STDERR, session.elapsedMs);
    if (several) lines.splice(1, 0, ...perOffice.map(officeLine));
    io.stderr.write(`${lines.join('\n')}\n`);
    notesBefore(io, args, chosen);
    const withheld = await output.finish([], {
      summary: { ...summary, asOf: view.lookAhead ?? null, as: args.as ?? null, masked: args.mask, ...(several ? { offices: perOffice } : {}) },
      section: (i) => {
        const r = written[i];
        if (r === undefined) throw new Error(`internal: no section ${i}`);
        const rows = kept.flatMap((o) => (o.rows[i] ?? []).map(tag(o.office)));
        const count = kept.reduce((n, o) => n + (o.withheld[i] ?? 0), 0);
        return { name: r.name, description: r.description, columns: parts[i]?.head.columns ?? r.columns, rows, withheld: () => count };
      },
      keep: () => (args.as === undefined ? undefined : (row: Row) => (row as Record<string, Cell | boolean>)[HIDDEN] !== true),
    });
    notesAfter(io, args, chosen, withheld);
    return exitOf(session, io);
  } finally {
    await output.close();
  }
}

/**
 * The partition `replay` runs (see `Partition` in commands.ts): a log naming
 * several offices is replayed office by office, on `--jobs` worker threads;
 * stdin, one-office logs and `--office` return null and read as they always
 * did (`--office` keeps one office's lines).
 *
 * @param args - the command's arguments
 * @param io - the streams
 * @param prepared - the log, the policy, the view
 * @returns the exit code, or null when the log is read as one office's
 * @example
 * ```ts
 * replay(args, io, partitionByOffice);
 * ```
 */
export async function partitionByOffice(args: Args, io: Io, prepared: Prepared): Promise<number | null> {
  if (args.office !== undefined) return null;
  const scan = prepared.log === '-' ? null : await scanOffices(prepared.log).catch(() => null);
  return scan !== null && scan.offices.length > 1 ? replayOffices(args, io, prepared, scan) : null;
}
