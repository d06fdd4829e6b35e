/**
 * The commands. Each reads its arguments, replays through the public API,
 * and prints sections in the chosen format. Nothing here decides a rule.
 */
import { realpathSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  comparer,
  describeDecision,
  explain,
  type Comparison,
  type Issue,
  formatIssue,
  nextReceiver,
  owners,
  presetCatalog,
  staffList,
  type Office,
  type OfficeState,
  type ViewOptions,
  localTime,
  viewAs,
} from '../index.js';
import { jsonDocument, sectionText, tableLines, terminalSafe, type Clean, type Format, type Section, type TableView } from './format.js';
import { exitCodes, pipeText, shownPath, UsageError, type Io } from './io.js';
import { loadPolicy, parseTime, type ChosenPolicy } from './options.js';
import { maskLine, maskPhoneField, maskText } from './privacy.js';
import { chunkDifferences, differenceHead, differences } from './differences.js';
import { chunkInput, needsDecisions, reportInput, reportNames, reports, type Cell, type Collector, type Observer, type Report, type ReportInput, type Row, type RowStream } from './reports.js';
import { readLog, type OfficeCounts, type ReadOptions, type Session } from './session.js';
import { reportFile, ReportStream, type ChunkSource, type Part } from './stream.js';
import { openWorkbook, WORKBOOK } from './xlsx.js';

/** The parsed options a command may use. */
export interface Args {
  readonly positionals: readonly string[];
  readonly policy: readonly string[];
  readonly asOf: string | undefined;
  readonly at: string | undefined;
  readonly format: Format;
  readonly out: string | undefined;
  readonly report: readonly string[];
  readonly mask: boolean;
  readonly as: string | undefined;
  readonly quarantine: string | undefined;
  /** `--jobs`: worker threads sharing out the offices of a multi-office log (replay). */
  readonly jobs: number;
  /** `--full`: the table on stdout shows every row, not a summary. */
  readonly full: boolean;
  /** `--columns`: the table on stdout shows only these columns. */
  readonly columns: readonly string[] | undefined;
  /** `--office`: only this office's lines of a log that names several. */
  readonly office: string | undefined;
}

/** How many rows of each report the summary on stdout shows (`--full` shows them all). */
export const SUMMARY_ROWS = 5;

const DEFAULT_OUT = '.salesfloor-out';
/** How many bad lines the stderr summary names (all go to the quarantine file). */
export const NAMED_ON_STDERR = 20;

const identity: Clean = (text) => text;
/** Phone masking of every output string, unless `--no-mask` (PRV-MASK). */
export const cleanerOf = (args: Args): Clean => (args.mask ? maskText : identity);
const lineCleanerOf = (args: Args): Clean => (args.mask ? maskLine : identity);

/** The `<log>` argument, resolved (or `-` for stdin). */
export function logArg(args: Args, io: Io): string {
  const log = args.positionals[0];
  if (log === undefined) throw new UsageError('missing <log>: the path of a JSONL event log, or - for stdin');
  return log === '-' ? log : resolve(io.cwd, log);
}

/**
 * Refuses, before anything is written, an output that is one of the inputs
 * (the log, a policy file): `--out .` in the log's own folder with a log
 * named like a report, or a quarantine named like the log, would overwrite
 * the very data being read.
 * @throws UsageError naming the output, the input and what to do
 */
export function refuseOverwrite(args: Args, io: Io, outputs: readonly string[]): void {
  const real = (path: string): string | null => {
    try {
      return realpathSync(path);
    } catch {
      return null;
    }
  };
  const inputs = new Map<string, string>();
  const log = args.positionals[0];
  if (log !== undefined && log !== '-') {
    const r = real(resolve(io.cwd, log));
    if (r !== null) inputs.set(r, 'the log itself');
  }
  for (const p of args.policy) {
    const r = real(resolve(io.cwd, p));
    if (r !== null) inputs.set(r, 'the policy file');
  }
  for (const out of outputs) {
    const r = real(out);
    const what = r === null ? undefined : inputs.get(r);
    if (what !== undefined) throw new UsageError(`${shown(io, out)} is ${what}: writing there would overwrite what this command reads; choose another --out (or --quarantine)`);
  }
}

/** Where bad lines go: `--quarantine`, else `<out>/quarantine.jsonl`. */
export function quarantineOf(args: Args, io: Io): string {
  return resolve(io.cwd, args.quarantine ?? join(args.out ?? DEFAULT_OUT, 'quarantine.jsonl'));
}

export function chosenReports(args: Args, fallback: readonly Report[]): Report[] {
  if (args.report.length === 0) return [...fallback];
  return args.report.map((name) => {
    const found = reports.find((r) => r.name === name);
    if (!found) throw new UsageError(`--report ${name}: no such report (reports: ${reportNames().join(', ')})`);
    return found;
  });
}

/**
 * Masking, and the time the views look at (and the replay stops at), in the
 * office's local time as every time of the reports is: a queue asked about
 * at 10:00 says 10:00+08:00, not 02:00Z, and the time's local month is the
 * office's (the scorecard's open month is read from it).
 */
export function viewOf(args: Args, timeFlag: '--as-of' | '--at' | null, office: Office): ViewOptions {
  const time = timeFlag === '--at' ? args.at : timeFlag === '--as-of' ? args.asOf : undefined;
  if (time === undefined || timeFlag === null) return { mask: args.mask };
  return { mask: args.mask, lookAhead: localTime(office.initialState(), parseTime(timeFlag, time, office.policy.timeZone)) };
}

/** The replay stops at the view's time, if it has one. */
export function untilOf(view: ViewOptions): { until?: number } {
  return view.lookAhead === undefined ? {} : { until: Date.parse(view.lookAhead) };
}

/** `--as <staff>` must name a staff member of the log. */
export function checkStaff(state: OfficeState, staff: string | undefined): void {
  if (staff !== undefined && !staffList(state).some((m) => m.id === staff)) throw new UsageError(`--as ${staff}: no such staff member in the log`);
}

/** A path as people read it: relative when under the working directory. */
export function shown(io: Io, path: string): string {
  return shownPath(io.cwd, path);
}

/**
 * The versions of each policy given as a timeline of several (`{ versions: [...] }`), each with
 * the time it took effect in office time (null: the first, from the start); none for plain policies.
 */
function timelinesOf(policies: readonly ChosenPolicy[]): { policy: string; versions: { id: string; from: string | null }[] }[] {
  return policies
    .filter((p) => p.office.timeline.versions.length > 1)
    .map((p) => {
      const state = p.office.initialState();
      return { policy: p.label, versions: p.office.timeline.versions.map((v) => ({ id: v.id, from: v.from === null ? null : localTime(state, v.from) })) };
    });
}

/** A summary of a session, as data (JSON) and as lines (stderr, validate). */
export function summaryOf(io: Io, log: string, session: Session, policies: readonly ChosenPolicy[], clean: Clean) {
  const timelines = timelinesOf(policies);
  return {
    log: log === '-' ? 'stdin' : basename(log),
    policies: policies.map((p) => p.label),
    // Which version judged what: explain ends each line with it; the reports name the versions here.
    ...(timelines.length === 0 ? {} : { timelines }),
    lines: session.lines,
    events: session.events,
    duplicates: session.duplicates,
    // Where the copies stood (the first of them), so that the sender can be found and mended.
    ...(session.duplicates > 0 ? { duplicateLines: [...session.duplicateLines] } : {}),
    ...(session.later > 0 ? { laterLeftOut: session.later } : {}),
    ...(session.otherOffices === undefined ? {} : { otherOfficesLeftOut: session.otherOffices }),
    // So that the lines add up: lines = events + duplicates + badLines + blankLines + laterLeftOut + otherOfficesLeftOut.
    ...(session.blank > 0 ? { blankLines: session.blank } : {}),
    badLines: session.badCount,
    quarantine: session.quarantine === null ? null : shown(io, session.quarantine),
    bad: session.bad.flatMap((b) => b.issues.map((i) => ({ line: b.line, code: i.code, path: i.path.join('.'), message: clean(i.message) }))),
  };
}

/** The summary of a session, as {@link summaryOf} gives it. */
export type Summary = ReturnType<typeof summaryOf>;

/** The summary as lines for people, naming up to `limit` bad lines. */
export function summaryLines(s: Summary, limit: number, elapsedMs?: number): string[] {
  const time = elapsedMs === undefined ? '' : ` in ${(elapsedMs / 1000).toFixed(1)} s`;
  const later = s.laterLeftOut ? `, ${s.laterLeftOut} later events left out` : '';
  const others = s.otherOfficesLeftOut === undefined ? '' : `, ${s.otherOfficesLeftOut} lines of other offices left out`;
  const blank = s.blankLines === undefined ? '' : `, ${s.blankLines} blank line${s.blankLines === 1 ? '' : 's'}`;
  const duplicates = s.duplicates === 0 ? '' : s.duplicates === 1 ? ', 1 duplicate line (a redelivery of an id already applied) left out' : `, ${s.duplicates} duplicate lines (redeliveries of an id already applied) left out`;
  const lines = [`${s.log}: ${s.lines} lines, ${s.events} events applied under ${s.policies.join(' and ')}${duplicates}${later}${others}${blank}${time}.`];
  if (s.duplicateLines !== undefined) {
    const named = s.duplicateLines.slice(0, limit);
    lines.push(`  duplicate line${named.length === 1 ? '' : 's'}: ${named.join(', ')}${s.duplicates > named.length ? ` (… ${s.duplicates} in all)` : ''}`);
  }
  for (const t of s.timelines ?? []) {
    lines.push(`  ${t.policy}: ${t.versions.map((v, i) => `version ${i + 1} "${v.id}" from ${v.from ?? 'the start'}`).join('; ')}`);
  }
  if (s.badLines === 0) return [...lines.map(terminalSafe), 'No bad lines.'];
  lines.push(`${s.badLines} bad line${s.badLines === 1 ? '' : 's'} skipped${s.quarantine ? ` and written to ${s.quarantine}` : ''}:`);
  const shown = new Set([...new Set(s.bad.map((b) => b.line))].slice(0, limit));
  for (const b of s.bad) {
    if (shown.has(b.line)) lines.push(`  ${formatIssue({ code: b.code, path: b.path === '' ? [] : b.path.split('.'), message: b.message, line: b.line })}`);
  }
  if (s.badLines > shown.size) lines.push(`  … and ${s.badLines - shown.size} more${s.quarantine ? ' (see the quarantine file)' : ''}`);
  // Messages quote what the log held: nothing in them may act on the terminal.
  return lines.map(terminalSafe);
}

/** What one office of a log gave, as the summary names it. */
export interface OfficeSummary {
  readonly office: string;
  readonly events: number;
  /** Exact redeliveries of events already applied, left out. */
  readonly duplicates: number;
  readonly laterLeftOut?: number;
  readonly badLines: number;
}

/** The offices of a session, as summaries list them: only when more than one office's events applied. */
export function officeSummaries(offices: readonly OfficeCounts[] | undefined): OfficeSummary[] | undefined {
  if (offices === undefined || offices.length < 2) return undefined;
  return offices.map((o) => ({ office: o.office, events: o.events, duplicates: o.duplicates, ...(o.later > 0 ? { laterLeftOut: o.later } : {}), badLines: o.bad }));
}

/** The summary's line for one office of a log of several, as replay and validate print it. */
export function officeLine(o: OfficeSummary): string {
  const duplicates = o.duplicates === 0 ? '' : `, ${o.duplicates} duplicate line${o.duplicates === 1 ? '' : 's'} left out`;
  return terminalSafe(`  office ${o.office}: ${o.events} events applied${duplicates}${o.laterLeftOut ? `, ${o.laterLeftOut} later left out` : ''}, ${o.badLines} bad line${o.badLines === 1 ? '' : 's'}`);
}

/** The exit code of a run: the quarantine it could not write first (after its bad lines were named), then bad input. */
export function exitOf(session: Session, io?: Io): number {
  if (session.quarantineError !== null) {
    io?.stderr.write(`salesfloor: ${session.quarantineError}\n`);
    return exitCodes.output;
  }
  return session.badCount > 0 ? exitCodes.badInput : exitCodes.clean;
}

/**
 * Under `--as`, whether a row is the salesperson's to see (PRV-ACCESS): a row
 * about one of their clients, or in a report of people (scorecards, pay),
 * their own row; undefined: every row is shown.
 */
export function visibleTo(report: Report, input: ReportInput, as: string | undefined): ((row: Row) => boolean) | undefined {
  if (as === undefined) return undefined;
  // Other salespeople's own figures are theirs alone (issue 13 #5).
  const staff = report.staffColumn;
  if (staff !== undefined) return (row) => row[staff] === as;
  const column = report.clientColumn;
  if (column === undefined) return undefined;
  // The library's per-salesperson view decides which clients are theirs.
  const mine = new Set(viewAs(input.state, as, input.view).own.map((r) => r.client));
  return (row) => {
    const client = row[column];
    return typeof client === 'string' && mine.has(client);
  };
}

/** Rows of a report, with other staff's clients and other salespeople's own figures withheld under `--as` (PRV-ACCESS). */
function sectionOf(report: Report, rows: Iterable<Row>, input: ReportInput, as: string | undefined): Section {
  let withheld = 0;
  const keep = visibleTo(report, input, as);
  const visible =
    keep === undefined
      ? rows
      : (function* () {
          for (const row of rows) {
            if (keep(row)) yield row;
            else withheld++;
          }
        })();
  return { name: report.name, description: report.description, columns: report.columns, rows: visible, withheld: () => withheld };
}

/** The reports written: CSV on stdout holds only the first (the others are not even collected). */
export function writtenReports(args: Args, chosen: readonly Report[]): Report[] {
  return args.out === undefined && args.format === 'csv' ? chosen.slice(0, 1) : [...chosen];
}

/**
 * Where the reports go (stdout, the files of `--out`, or with `--format xlsx`
 * the workbook `<out>/reports.xlsx`: cli.ts makes sure xlsx has `--out`),
 * and whether rows may go out as they come (not under `--as`: the filter
 * needs the final owners).
 */
export async function streamOf(io: Io, args: Args, clean: Clean, parts: readonly Part[]): Promise<ReportStream> {
  const out = args.out === undefined ? undefined : resolve(io.cwd, args.out);
  if (out !== undefined) {
    const files = args.format === 'xlsx' ? [join(out, WORKBOOK)] : parts.map((p) => reportFile(out, p.head.name, args.format));
    refuseOverwrite(args, io, [...files, join(out, 'summary.json'), quarantineOf(args, io)]);
  }
  const table = tableViewOf(io, args, parts);
  if (args.format === 'xlsx' && out !== undefined) io.leftovers?.file(join(out, WORKBOOK));
  const workbook = args.format === 'xlsx' && out !== undefined ? await openWorkbook(join(out, WORKBOOK), clean, { label: shown(io, join(out, WORKBOOK)), ...(io.leftovers === undefined ? {} : { leftovers: io.leftovers }) }) : undefined;
  return new ReportStream(io, { format: args.format, out, clean, live: args.as === undefined, ...(workbook === undefined ? {} : { workbook }), ...(table === undefined ? {} : { table }) }, parts);
}

/**
 * How the table on stdout is shown: a summary unless `--full`, folded to
 * the terminal's width, `--columns` checked against every section written.
 * Nothing for files and the other formats: they are always whole.
 */
function tableViewOf(io: Io, args: Args, parts: readonly Part[]): TableView | undefined {
  if (args.format !== 'table' || args.out !== undefined) {
    if (args.columns !== undefined) throw new UsageError('--columns picks the columns of the table on stdout: JSON, CSV, xlsx and the files of --out keep every column');
    return undefined;
  }
  const columns = args.columns;
  for (const { head } of parts) {
    const unknown = columns?.filter((c) => !head.columns.includes(c)) ?? [];
    if (unknown.length > 0) {
      const hint = parts.length > 1 ? '; each report written must have them: choose one with --report' : '';
      throw new UsageError(`--columns ${unknown.join(',')}: not a column of ${head.name} (its columns: ${head.columns.join(', ')})${hint}`);
    }
  }
  return { ...(args.full ? {} : { limit: SUMMARY_ROWS }), ...(io.columns === undefined ? {} : { width: io.columns }), ...(columns === undefined ? {} : { columns }) };
}

export function notesBefore(io: Io, args: Args, chosen: readonly Report[]): void {
  if (args.out === undefined && args.format === 'csv' && chosen.length > 1) {
    io.stderr.write(`CSV on stdout holds one report: ${chosen[0]?.name}. Choose with --report NAME, or write them all with --out DIR.\n`);
  }
}

export function notesAfter(io: Io, args: Args, chosen: readonly Report[], withheld: readonly number[]): void {
  if (args.as !== undefined && args.format !== 'table') {
    io.stderr.write(`Withheld as ${args.as} (PRV-ACCESS): ${chosen.map((r, i) => `${r.name} ${withheld[i] ?? 0} rows`).join(', ')}.\n`);
  }
}

/** The section of a report without a stream, or an internal error (the stream's parts never ask). */
function sectionAt(sections: readonly (Section | undefined)[], index: number): Section {
  const section = sections[index];
  if (section === undefined) throw new Error(`internal: no section ${index}`);
  return section;
}

/** A streamed report's rows, from the one replay's state at each chunk's end. */
function rowsOf(stream: RowStream, view: ViewOptions): ChunkSource {
  const take = (states: readonly OfficeState[]) => {
    const state = states[0];
    return state === undefined ? [] : stream.take(chunkInput(state, view));
  };
  return { pending: () => stream.pending, take, finish: take };
}

/** What a command reading one log under one policy knows before reading it. */
export interface Prepared {
  readonly log: string;
  readonly policy: ChosenPolicy;
  readonly view: ViewOptions;
  readonly clean: Clean;
}

/** One policy's replay of the log, ready for a command's output. */
interface Replayed extends Prepared {
  readonly session: Session;
  readonly state: OfficeState;
  readonly summary: Summary;
}

/** Loads the one `--policy` and reads the view's time (`timeFlag`) in the office's zone. */
export async function prepareOne(args: Args, io: Io, timeFlag: '--as-of' | '--at' | null, history: 'full' | 'none' = 'none'): Promise<Prepared> {
  const log = logArg(args, io);
  if (args.policy.length > 1) throw new UsageError('this command takes one --policy; compare two with diff');
  const policy = await loadPolicy(args.policy[0], io.cwd, history);
  const view = viewOf(args, timeFlag, policy.office);
  return { log, policy, view, clean: cleanerOf(args) };
}

/** What readLog needs of `--office`. */
export function officeOf(args: Args): Pick<ReadOptions, 'office'> {
  return args.office === undefined ? {} : { office: args.office };
}

/** What readLog needs of `--quarantine`, `--no-mask` and `--as`. */
export function badLinesOf(args: Args, io: Io, clean: Clean): Pick<ReadOptions, 'quarantine' | 'clean' | 'cleanLine' | 'as' | 'leftovers'> {
  const quarantine = quarantineOf(args, io);
  refuseOverwrite(args, io, [quarantine]);
  io.leftovers?.file(quarantine);
  return { quarantine, clean, cleanLine: lineCleanerOf(args), ...(args.as === undefined ? {} : { as: args.as }), ...(io.leftovers === undefined ? {} : { leftovers: io.leftovers }) };
}

/**
 * Reads the log under the one `--policy`, up to the view's time, with the
 * observers watching; prints the summary on stderr unless `quiet`.
 */
async function readOne(args: Args, io: Io, prepared: Prepared, observers: readonly Observer[], quiet = false, hooks: Pick<ReadOptions, 'afterEvent' | 'afterBlock' | 'eachOffice'> = {}, decisions = observers.length > 0): Promise<Replayed> {
  const { log, policy, view, clean } = prepared;
  const session = await readLog(io, { path: log, sides: [{ office: policy.office, collectors: observers, decisions }], ...untilOf(view), ...badLinesOf(args, io, clean), ...officeOf(args), ...hooks });
  const state = session.states[0] as OfficeState;
  checkStaff(state, args.as);
  const summary = summaryOf(io, log, session, [policy], clean);
  if (!quiet) io.stderr.write(`${summaryLines(summary, NAMED_ON_STDERR, session.elapsedMs).join('\n')}\n`);
  return { ...prepared, session, state, summary };
}

async function replayOne(args: Args, io: Io, timeFlag: '--as-of' | '--at' | null, quiet = false, history: 'full' | 'none' = 'none', eachOffice = false): Promise<Replayed> {
  return readOne(args, io, await prepareOne(args, io, timeFlag, history), [], quiet, { eachOffice });
}

/**
 * Replays a log that names several offices, partitioned by office, and
 * returns the exit code; null when the log is one office's.
 */
export type Partition = (args: Args, io: Io, prepared: Prepared) => Promise<number | null>;

/**
 * `replay <log>`: the reports of a log under a policy.
 *
 * @param partition - how a log of several offices is replayed (offices.ts, given by cli.ts so that this module does not import it)
 */
export async function replay(args: Args, io: Io, partition?: Partition): Promise<number> {
  const chosen = chosenReports(args, reports);
  const written = writtenReports(args, chosen);
  const prepared = await prepareOne(args, io, '--as-of');
  // A log naming several offices is replayed partitioned by office; one office reads as it always did.
  const partitioned = partition === undefined ? null : await partition(args, io, prepared);
  if (partitioned !== null) return partitioned;
  const { view, clean } = prepared;
  // Reports with one row per decision stream their rows; the others are made from the final state.
  const streams = written.map((r) => r.stream?.());
  const collectors = written.map((r, i) => (streams[i] === undefined ? r.collect() : undefined));
  const parts = written.map((r, i): Part => {
    const stream = streams[i];
    return stream === undefined ? { head: r } : { head: r, stream: rowsOf(stream, view) };
  });
  const observers = [...streams, ...collectors].filter((o): o is RowStream | Collector => o !== undefined);
  const output = await streamOf(io, args, clean, parts);
  try {
    const { session, state, summary } = await readOne(args, io, prepared, observers, false, { afterEvent: output.afterEvent, afterBlock: output.afterBlock }, needsDecisions(written));
    const input = reportInput(state, view);
    const sections = written.map((r, i) => {
      const collector = collectors[i];
      return collector === undefined ? undefined : sectionOf(r, collector.rows(input), input, args.as);
    });
    notesBefore(io, args, chosen);
    const withheld = await output.finish([state], {
      summary: { ...summary, asOf: view.lookAhead ?? null, as: args.as ?? null, masked: args.mask },
      section: (i) => sectionAt(sections, i),
      keep: (i) => {
        const report = written[i];
        return report === undefined ? undefined : visibleTo(report, input, args.as);
      },
    });
    notesAfter(io, args, chosen, withheld);
    return exitOf(session, io);
  } finally {
    await output.close();
  }
}

/**
 * `validate <log>`: names every bad line; exit 2 when there is one. A log of
 * several offices is checked office by office, as replay reads it.
 */
export async function validate(args: Args, io: Io): Promise<number> {
  const { clean, session, summary } = await replayOne(args, io, null, true, 'none', true);
  const offices = officeSummaries(session.offices);
  if (args.format === 'table') {
    const lines = summaryLines(summary, Number.POSITIVE_INFINITY);
    if (offices !== undefined) lines.splice(1, 0, ...offices.map(officeLine));
    await pipeText(io.stdout, lines.map((l) => `${l}\n`));
  } else {
    const section: Section = { name: 'bad', description: 'Each issue of each bad line', columns: ['line', 'code', 'path', 'message'], rows: summary.bad, withheld: () => 0 };
    const { bad: _listed, ...head } = summary;
    await pipeText(io.stdout, args.format === 'json' ? jsonDocument({ ...head, ...(offices === undefined ? {} : { offices }) }, 'issues', [section], clean) : sectionText('csv', section, clean));
  }
  return exitOf(session, io);
}

/** `explain <log> <client>`: a client's story, with the rules of each step. */
export async function explainClient(args: Args, io: Io): Promise<number> {
  const query = args.positionals[1];
  if (query === undefined) throw new UsageError('missing <client>: a phone, a name or a client key');
  const { view, clean, session, state } = await replayOne(args, io, '--as-of', false, 'full');
  if (ambiguous(io, args, state, view, query, clean)) return exitCodes.usage;
  const why = explain(state, query, view);
  // The query may be a phone of any kind: masked as a phone field is.
  const shownQuery = args.mask ? maskPhoneField(query) : query;
  if (why.client === null) throw new UsageError(`no client matches "${shownQuery}"`);
  if (args.as !== undefined && why.owner?.owner !== args.as) {
    throw new UsageError(`client ${why.client} is not a client of ${args.as} now: not shown (PRV-ACCESS)`);
  }
  const owner = why.owner;
  const rows: Row[] = why.decisions.map((d) => ({ at: localTime(state, d.at), event: d.event, kind: d.kind, what: describeDecision(state, d), rules: d.rules, evidence: [...d.evidence, d.event] }));
  const section: Section = {
    name: 'explain',
    description: owner
      ? `${owner.name ?? owner.client} (${owner.client}, ${owner.phone ?? 'no phone'}): owner ${owner.ownerName ?? owner.owner ?? 'nobody'} (${owner.status}${owner.protectionEndsAt ? ` until ${owner.protectionEndsAt}` : ''}) [${owner.rules.join(', ')}]`
      : `client ${why.client}`,
    columns: ['at', 'event', 'kind', 'what', 'rules', 'evidence'],
    rows,
    withheld: () => 0,
  };
  if (args.format === 'table') {
    await pipeText(io.stdout, [`${terminalSafe(clean(section.description))}\n`, ...why.lines.map((l) => `  ${terminalSafe(clean(l))}\n`)]);
  } else if (args.format === 'json') {
    await pipeText(io.stdout, jsonDocument({ query: shownQuery, client: why.client, owner: owner ? cleanRow(owner, clean) : null }, 'story', [section], clean));
  } else {
    await pipeText(io.stdout, sectionText('csv', section, clean));
  }
  return exitOf(session, io);
}

/**
 * A name several different clients share does not pick one (the first seen
 * would be a guess): the candidates are listed on stderr, masked and under
 * `--as` only the salesperson's own, with how to name one; true when it did.
 */
function ambiguous(io: Io, args: Args, state: OfficeState, view: ViewOptions, query: string, clean: Clean): boolean {
  const name = query.trim();
  const named = owners(state, view).filter((o) => o.name === name);
  if (new Set(named.map((o) => o.client)).size < 2) return false;
  const visible = args.as === undefined ? named : named.filter((o) => o.owner === args.as);
  const rows: Row[] = visible.map((o) => {
    const first = explain(state, o.client, view).decisions[0];
    return { client: o.client, name: o.name, phone: o.phone, owner: o.owner === null ? null : `${o.ownerName ?? o.owner} (${o.owner})`, status: o.status, firstSeen: first === undefined ? null : localTime(state, first.at) };
  });
  const hidden = named.length - visible.length;
  const lines = [
    `salesfloor explain: "${name}" names ${named.length} different clients; give a phone or a client id${visible[0] === undefined ? '' : `, such as: salesfloor explain <log> ${visible[0].client}`}\n`,
    ...(rows.length > 0 ? tableLines(['client', 'name', 'phone', 'owner', 'status', 'firstSeen'], rows, clean, io.columns) : []),
    ...(hidden > 0 ? [`(${hidden} of them other salespeople's clients: not shown, PRV-ACCESS)\n`] : []),
  ];
  io.stderr.write(lines.map((l) => (l.endsWith('\n') ? `${terminalSafe(l.slice(0, -1))}\n` : terminalSafe(l))).join(''));
  return true;
}

function cleanRow<T extends object>(row: T, clean: Clean): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? clean(v) : v]));
}

/** `queue <log> --at <time>`: who receives the next walk-in, and the whole queue. */
export async function queue(args: Args, io: Io): Promise<number> {
  if (args.at === undefined) throw new UsageError('missing --at <time>: when to look at the queue');
  const { view, clean, session, state } = await replayOne(args, io, '--at');
  const at = view.lookAhead ?? args.at;
  const next = nextReceiver(state, at);
  const names = new Map(staffList(state).map((m) => [m.id, m.name]));
  const rows: Row[] = next.queue.map((q, i) => ({ position: i + 1, staff: q.staff, name: names.get(q.staff) ?? null, eligible: q.eligible, reason: q.reason }));
  const verdict = next.next === null ? 'nobody is eligible for the next walk-in' : `the next walk-in goes to ${names.get(next.next) ?? next.next} (${next.next})`;
  const section: Section = {
    name: 'queue',
    description: `at ${at} ${verdict} (ROT-ORDER, ROT-CARRY, ROT-ELIGIBLE)`,
    columns: ['position', 'staff', 'name', 'eligible', 'reason'],
    rows,
    withheld: () => 0,
  };
  if (args.format === 'json') await pipeText(io.stdout, jsonDocument({ at, next: next.next }, 'reports', [section], clean));
  else await pipeText(io.stdout, sectionText(args.format, section, clean));
  return exitOf(session, io);
}

/** `presets`: the 15 presets and what stands out in each. */
export async function presets(args: Args, io: Io): Promise<number> {
  const section: Section = {
    name: 'presets',
    description: 'Presets: one per source regulation (docs/rules.md §P). Use with --policy NAME.',
    columns: ['name', 'source', 'title', 'summary'],
    rows: presetCatalog.map((p) => ({ ...p })),
    withheld: () => 0,
  };
  await pipeText(io.stdout, sectionText(args.format, section, identity));
  return exitCodes.clean;
}

/** The sections of `diff`: one per kind of difference the library's `compare` returns. */
/**
 * The sections of `diff`, as `--report` names them.
 *
 * @example
 * ```ts
 * diffSections.includes('owners'); // true
 * ```
 */
export const diffSections = ['owners', 'visits', 'months', 'turns', 'refusals'] as const;
type DiffSection = (typeof diffSections)[number];

const sideCols = (fields: readonly string[]) => [...fields.map((f) => `a${f}`), ...fields.map((f) => `b${f}`)];
const cap = (f: string) => `${f.slice(0, 1).toUpperCase()}${f.slice(1)}`;
const issuesText = (issues: readonly Issue[]): string[] => issues.map((i) => `${i.code}: ${i.message}`);
const skipsText = (skips: Readonly<Record<string, number>>): string[] => Object.entries(skips).filter(([, n]) => n > 0).map(([r, n]) => `${r} ${n}`);

/** Both sides of a difference as cells `a<Field>` and `b<Field>`. */
function sides<T extends object>(a: T | null, b: T | null, fields: readonly (keyof T & string)[], cell: (side: T, field: keyof T & string) => Cell = (x, f) => x[f] as Cell): Row {
  const out: Record<string, Cell> = {};
  for (const [prefix, side] of [['a', a], ['b', b]] as const) for (const f of fields) out[`${prefix}${cap(f)}`] = side === null ? null : cell(side, f);
  return out;
}

/** The rows of a comparison, section by section; every row names who it is about. */
type Lists = Pick<Comparison, 'owners' | 'visits' | 'months' | 'turns' | 'refusals'>;
const NO_DIFFERENCES: Lists = { owners: [], visits: [], months: [], turns: [], refusals: [] };

/** A diff section's rows, with what `--as` filters them by: the clients a row concerns, or whose own figures it holds. */
function diffRows(lists: Lists | null, section: DiffSection): { columns: string[]; description: string; rows: Row[]; clients?: (row: Row) => string[]; staff?: true } {
  const c = lists ?? NO_DIFFERENCES;
  switch (section) {
    case 'owners': {
      const fields = ['owner', 'ownerName', 'status', 'protectionEndsAt', 'rules', 'evidence'] as const;
      return {
        description: 'clients whose owner, status or protection end differ (OWN-*, REG-*, COL-*)',
        columns: ['client', 'name', 'differs', ...sideCols(fields.map(cap))],
        rows: c.owners.map((d) => ({ client: d.client, name: d.name, differs: d.differs, ...sides(d.a, d.b, fields) })),
        clients: (row) => (typeof row.client === 'string' ? [row.client] : []),
      };
    }
    case 'visits': {
      const fields = ['client', 'receiver', 'receiverName', 'counted', 'turns', 'makeUp', 'rules'] as const;
      return {
        description: 'visitors and calls received by someone else or counted differently (ROT-*)',
        columns: ['event', 'at', 'channel', 'client', 'name', 'differs', ...sideCols(fields.map(cap))],
        rows: c.visits.map((d) => ({ event: d.event, at: d.at, channel: d.channel, client: d.client, name: d.name, differs: d.differs, ...sides(d.a, d.b, fields) })),
        clients: (row) => [row.aClient, row.bClient].filter((x): x is string => typeof x === 'string'),
      };
    }
    case 'months': {
      const fields = ['amount', 'entries', 'rules', 'evidence'] as const;
      return {
        description: 'credit, commission, bonuses and fines per salesperson and month (DEAL-*, COM-*, RFD-CLAWBACK, PEN-FINES)',
        columns: ['staff', 'name', 'month', 'account', ...sideCols(fields.map(cap))],
        rows: c.months.map((d) => ({ staff: d.staff, name: d.name, month: d.month, account: d.account, ...sides(d.a, d.b, fields) })),
        staff: true,
      };
    }
    case 'turns': {
      const fields = ['turns', 'uncounted', 'calls', 'skips', 'callSkips', 'rules', 'evidence'] as const;
      return {
        description: 'turns, walk-ins without a turn, calls and skips per salesperson over the log (ROT-*)',
        columns: ['staff', 'name', 'differs', ...sideCols(fields.map(cap))],
        rows: c.turns.map((d) => ({ staff: d.staff, name: d.name, differs: d.differs, ...sides(d.a, d.b, fields, (x, f) => (f === 'skips' || f === 'callSkips' ? skipsText(x[f]) : (x[f] as Cell))) })),
        staff: true,
      };
    }
    case 'refusals':
      return {
        description: 'events one policy applied and the other refused',
        columns: ['event', 'at', 'type', 'line', 'staff', 'name', 'a', 'b'],
        rows: c.refusals.map((d) => ({ event: d.event, at: d.at, type: d.type, line: d.line ?? null, staff: d.staff, name: d.name, a: issuesText(d.a), b: issuesText(d.b) })),
        // A refused event is known only by the staff it names: under --as, only the salesperson's own.
        staff: true,
      };
  }
}

/** `diff <log> --policy A --policy B`: what changes when the office switches policy, from the library's compare. */
export async function diff(args: Args, io: Io): Promise<number> {
  const log = logArg(args, io);
  if (args.policy.length !== 2) throw new UsageError('diff compares two policies: --policy A --policy B');
  const [a, b] = (await Promise.all(args.policy.map((p) => loadPolicy(p, io.cwd)))) as [ChosenPolicy, ChosenPolicy];
  for (const name of args.report) if (!(diffSections as readonly string[]).includes(name)) throw new UsageError(`--report ${name}: diff shows ${diffSections.join(', ')}`);
  const chosen = args.report.length === 0 ? [...diffSections] : diffSections.filter((n) => args.report.includes(n));
  const written = args.out === undefined && args.format === 'csv' ? chosen.slice(0, 1) : chosen;
  const view = viewOf(args, '--as-of', a.office);
  const clean = cleanerOf(args);
  const head = (name: DiffSection) => ({ name, description: `what differs between ${a.label} (a) and ${b.label} (b): ${diffRows(null, name).description}`, columns: diffRows(null, name).columns, ...(diffRows(null, name).staff === true ? { staffColumn: 'staff' } : {}) });
  // The comparison keeps only what differs; its sections are written from it at the end.
  const output = await streamOf(io, args, clean, written.map((name): Part => ({ head: head(name) })));
  try {
    // One comparer per office: each office of the log is replayed on its own, as replay does.
    const compare = () => comparer(a.office.timeline, b.office.timeline, { labels: [a.label, b.label], ...(view.lookAhead === undefined ? {} : { asOf: view.lookAhead }) });
    const session = await readLog(io, { path: log, sides: [], comparer: compare, ...untilOf(view), ...badLinesOf(args, io, clean), ...officeOf(args) });
    const c = session.comparer ?? compare();
    session.states.forEach((s) => checkStaff(s, args.as));
    const summary = summaryOf(io, log, session, [a, b], clean);
    io.stderr.write(`${summaryLines(summary, NAMED_ON_STDERR, session.elapsedMs).join('\n')}\n`);
    const result = c.result();
    const [left, right] = session.states.map((s) => reportInput(s, view)) as [ReportInput, ReportInput];
    // PRV-ACCESS: a client row shows only when the salesperson owns the client under either policy (the library's viewAs decides).
    const as = args.as;
    const mine = as === undefined ? null : new Set([left, right].flatMap((input) => viewAs(input.state, as, input.view).own.map((r) => r.client)));
    const visible = (clients: string[]) => mine === null || clients.some((client) => mine.has(client));
    const sections = written.map((name): Section => {
      const { rows, clients, staff } = diffRows(result, name);
      // Other salespeople's own figures (months, turns, their refused events) are theirs alone, as in replay's reports (issue 13 #5).
      const shown = clients !== undefined ? rows.filter((row) => visible(clients(row))) : staff === true && as !== undefined ? rows.filter((row) => row['staff'] === as) : rows;
      return { ...head(name), rows: shown, withheld: () => rows.length - shown.length };
    });
    if (args.out === undefined && args.format === 'csv' && chosen.length > 1) {
      io.stderr.write(`CSV on stdout holds one report: ${chosen[0]}. Choose with --report NAME, or write them all with --out DIR.\n`);
    }
    const withheld = await output.finish(session.states, {
      summary: { ...summary, a: a.label, b: b.label, asOf: view.lookAhead ?? null, as: args.as ?? null, masked: args.mask },
      section: (i) => sectionAt(sections, i),
    });
    if (args.as !== undefined && args.format !== 'table') io.stderr.write(`Withheld as ${args.as} (PRV-ACCESS): ${written.map((n, i) => `${n} ${withheld[i] ?? 0} rows`).join(', ')}.\n`);
    return exitOf(session, io);
  } finally {
    await output.close();
  }
}
