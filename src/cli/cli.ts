/**
 * `salesfloor`: the command line. Parses arguments, runs a command, maps
 * failures to the documented exit codes. `run` takes its I/O as an argument
 * so tests can call it in-process.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { diff, diffSections, explainClient, presets, queue, replay, SUMMARY_ROWS, validate, type Args } from './commands.js';
import { formats, terminalSafe, type Format } from './format.js';
import { exitCodes, OutputError, UsageError, type Io } from './io.js';
import { reports } from './reports.js';
import { report } from './report-page.js';
import { loadExcel } from './xlsx.js';
import { Leftovers } from './leftovers.js';
import { partitionByOffice } from './offices.js';

type Option = 'policy' | 'as-of' | 'at' | 'format' | 'out' | 'report' | 'no-mask' | 'as' | 'quarantine' | 'jobs' | 'full' | 'columns' | 'office';

const optionSpecs: Record<Option | 'help', NonNullable<ParseArgsConfig['options']>[string]> = {
  policy: { type: 'string', multiple: true, short: 'p' },
  'as-of': { type: 'string' },
  at: { type: 'string' },
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  report: { type: 'string', multiple: true, short: 'r' },
  'no-mask': { type: 'boolean' },
  as: { type: 'string' },
  quarantine: { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  full: { type: 'boolean' },
  columns: { type: 'string' },
  office: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** The help of each option; `--format`'s lists the command's own formats (formatHelp). */
const optionHelp: Record<Exclude<Option, 'format'>, string> = {
  policy: '--policy, -p <file|preset>  a preset name (see `presets`), default (every default: what leaving it out means), or a JSON policy file (./default for a file of that name)',
  'as-of': '--as-of <time>              replay only events up to this time and evaluate owners then',
  at: '--at <time>                 the time to look at the queue',
  out: '--out, -o <dir>             write one file per report (and summary.json, quarantine.jsonl) into <dir>',
  report: `--report, -r <name>         only this report (repeatable): ${reports.map((r) => r.name).join(', ')}`,
  'no-mask': '--no-mask                   show phone numbers in full (they are masked by default: 138****5678, PRV-MASK)',
  as: "--as <staff>                a salesperson's view: their own clients in full, others' only as counts (PRV-ACCESS)",
  quarantine: '--quarantine <file>         where bad lines go (default: <out>/quarantine.jsonl, <out> defaulting to .salesfloor-out)',
  jobs: '--jobs, -j <n>              replay a multi-office log on n worker threads, the offices shared out among them (default 1); the output is the same',
  full: `--full                      the table on stdout shows every row (by default a summary: each report's headline figures and first ${SUMMARY_ROWS} rows); files, JSON, CSV and xlsx always hold every row`,
  columns: '--columns <a,b,c>           the table on stdout shows only these columns, in this order (every report written must have them: pick one with --report); tables wider than the terminal ($COLUMNS, else 100, off a terminal) fold',
  office: "--office <name>             read only this office's lines; a log whose events name several offices needs it (this command shows one office); the other offices' lines are left out",
};

interface Command {
  readonly usage: string;
  readonly summary: string;
  /** The words it takes before, between or after its options, as its help names them (`<log.jsonl>`); a word more is a usage error. */
  readonly positionals: readonly string[];
  readonly options: readonly Option[];
  readonly run: (args: Args, io: Io) => Promise<number>;
  /** Help for options that mean something else here. */
  readonly optionHelp?: Partial<Record<Option, string>>;
  /** The formats `--format` takes (with `format` among the options); xlsx only for a command that writes a workbook of its sections. */
  readonly formats?: readonly Format[];
}

/** What commands reading a log write: no workbook. */
const TEXT_FORMATS: readonly Format[] = ['table', 'json', 'csv'];

const logOptions: Option[] = ['policy', 'format', 'no-mask', 'quarantine', 'office'];

const commands: Record<string, Command> = {
  replay: {
    usage: 'replay <log.jsonl> [--policy <file|preset>] [--as-of <time>] [--format table|json|csv|xlsx] [--out <dir>] [--jobs <n>]',
    summary: 'replay a log and print the reports: ownership register, receptions, deals, scorecards',
    positionals: ['<log.jsonl>'],
    options: [...logOptions, 'as-of', 'out', 'report', 'as', 'jobs', 'full', 'columns'],
    run: (args, io) => replay(args, io, partitionByOffice),
    formats,
    optionHelp: {
      office: "--office <name>             replay only this office's lines (by default a log file that names several offices is replayed office by office, the reports with an office column); the other offices' lines are left out",
    },
  },
  validate: {
    usage: 'validate <log.jsonl> [--policy <file|preset>]',
    summary: 'check a log: name every bad line and why; exit 2 if there is one',
    positionals: ['<log.jsonl>'],
    options: logOptions,
    run: validate,
    formats: TEXT_FORMATS,
    optionHelp: {
      office: "--office <name>             check only this office's lines (by default each office of a log that names several is checked on its own, as replay reads it); the other offices' lines are left out",
    },
  },
  explain: {
    usage: 'explain <log.jsonl> <client>',
    summary: "tell a client's story (by phone, name or key), each step with its rule IDs",
    positionals: ['<log.jsonl>', '<client>'],
    options: [...logOptions, 'as-of', 'as'],
    run: explainClient,
    formats: TEXT_FORMATS,
  },
  queue: {
    usage: 'queue <log.jsonl> --at <time>',
    summary: 'who receives the next walk-in at a time, and the whole queue',
    positionals: ['<log.jsonl>'],
    options: [...logOptions, 'at'],
    run: queue,
    formats: TEXT_FORMATS,
  },
  presets: {
    usage: 'presets',
    summary: 'list the 15 policy presets',
    positionals: [],
    options: ['format'],
    run: presets,
    formats: TEXT_FORMATS,
  },
  diff: {
    usage: 'diff <log.jsonl> --policy A --policy B',
    summary: 'replay under two policies and show what differs: owners, visits, money per month, turns, refusals',
    positionals: ['<log.jsonl>'],
    options: [...logOptions, 'as-of', 'out', 'report', 'as', 'full', 'columns'],
    run: diff,
    formats,
    optionHelp: {
      report: `--report, -r <name>         only this section (repeatable): ${diffSections.join(', ')}`,
    },
  },
  report: {
    usage: 'report <log.jsonl> [--policy <file|preset>] [--policy <file|preset>] [--as-of <time>] --out report.html',
    summary: 'one HTML page with charts: rotation fairness, credit and commission, owners by channel and rule, scorecard; two policies side by side',
    positionals: ['<log.jsonl>'],
    options: ['policy', 'as-of', 'out', 'no-mask', 'quarantine', 'office'],
    run: report,
    optionHelp: {
      policy: '--policy, -p <file|preset>  a preset name or a JSON policy file; give two to set their replays side by side, with what differs',
      out: '--out, -o <file.html>       where to write the page (default: stdout); it needs no network and runs no script',
    },
  },
};

const TIMES = 'Times: 2026-10-15T18:00:00+08:00, or 2026-10-15T18:00 in the office time zone, or 2026-10-15 for the end of that day.';
const EXITS = 'Exit codes: 0 clean; 1 usage (bad arguments, unreadable file, invalid policy, a name several clients share); 2 bad input found (bad lines named and quarantined); 74 an output (--out, the quarantine file) could not be written; 70 an internal error (a bug: please report it with the message); 130 interrupted (Ctrl-C: the partial output files are removed).';

function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    'salesfloor: replay a sales office event log under a policy, and report.',
    '',
    'Usage: salesfloor <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `salesfloor <command> --help` for its options, `salesfloor --version` for the version.',
    'A log of - is read from stdin.',
    'Phones are masked by default (--no-mask shows them).',
    TIMES,
    EXITS,
    '',
  ].join('\n');
}

/** The commands that write a workbook, as messages name them: `replay and diff`. */
const workbookCommands = (): string => andList(Object.entries(commands).filter(([, c]) => c.formats?.includes('xlsx') === true).map(([n]) => n), 'and');

/** `a, b or c` (or `and`). */
function andList(items: readonly string[], word: 'and' | 'or'): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

/** The help of `--format`: the command's own formats. */
function formatHelp(formats: readonly Format[]): string {
  const names = `--format, -f ${formats.join('|')}`;
  const xlsx = formats.includes('xlsx') ? '; xlsx: one Excel workbook, a sheet per report (with --out <dir>)' : '';
  return `${names.length < 27 ? names.padEnd(28) : `${names}  `}table for people (default), JSON or CSV (UTF-8 with BOM) for machines${xlsx}`;
}

function commandHelp(name: string, command: Command): string {
  const help = (o: Option) => command.optionHelp?.[o] ?? (o === 'format' ? formatHelp(command.formats ?? TEXT_FORMATS) : optionHelp[o]);
  return [`Usage: salesfloor ${command.usage}`, '', `${name}: ${command.summary}`, '', 'Options:', ...command.options.map((o) => `  ${help(o)}`), '', TIMES, EXITS, ''].join('\n');
}

/** The options a command takes, as the user types them: `--policy, --format, ...`. */
function optionList(command: Command): string {
  return command.options.map((o) => `--${o}`).join(', ');
}

/**
 * Parses a command's arguments. Node's own messages are not ours (an unknown
 * option gets a hint about `--` that misleads), so the words are checked
 * first, leniently, and each mistake said in our words; the strict parse
 * after that only guards what this check misses.
 */
function parseCommandArgs(name: string, command: Command, args: readonly string[]): { values: Record<string, unknown>; positionals: string[] } {
  const options = Object.fromEntries([...command.options, 'help' as const].map((o) => [o, optionSpecs[o]]));
  const { tokens } = parseArgs({ args: [...args], options, allowPositionals: true, strict: false, tokens: true });
  const help = `see salesfloor ${name} --help`;
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (spec === undefined) throw new UsageError(`unknown option ${token.rawName}; ${name} takes ${command.options.length === 0 ? 'no options' : optionList(command)} (${help})`);
    if (spec.type === 'string' && token.value === undefined) throw new UsageError(`${token.rawName} needs a value, as in ${token.rawName} <value> (${help})`);
    if (spec.type === 'boolean' && token.inlineValue === true) throw new UsageError(`${token.rawName} takes no value: write ${token.rawName} alone (${help})`);
  }
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    if (!isParseArgsError(error)) throw error;
    // Only the first sentence of Node's message: the rest is a hint that does not fit this command line.
    throw new UsageError(`${(error as Error).message.split('. ')[0] ?? ''} (${help})`);
  }
}

/** `--jobs`: a whole number of worker threads, at least 1. */
function jobsOf(text: string | undefined): number {
  if (text === undefined) return 1;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new UsageError(`--jobs ${text}: expected a whole number of worker threads, at least 1 (such as --jobs 2)`);
  return Number(text);
}

/** `--columns a,b,c`: the names, trimmed; an empty list is a mistake. */
function columnsOf(text: string | undefined): readonly string[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(',').map((c) => c.trim()).filter((c) => c !== '');
  if (names.length === 0) throw new UsageError('--columns needs column names, such as --columns staff,name,payable');
  return names;
}

/** `--format`: one of the command's own formats (a workbook only from a command that writes one). */
function formatOf(name: string, command: Command, text: string | undefined): Format {
  const format = text ?? 'table';
  const own = command.formats ?? TEXT_FORMATS;
  if ((own as readonly string[]).includes(format)) return format as Format;
  if (format === 'xlsx') throw new UsageError(`--format xlsx: ${name} writes no workbook (${workbookCommands()} do); use ${andList(own, 'or')}`);
  throw new UsageError(`--format ${format}: ${name} writes ${andList(own, 'or')}`);
}

/** A word more than the command takes is a mistake (a second log would otherwise go unread). */
function checkPositionals(name: string, command: Command, positionals: readonly string[]): void {
  const extra = positionals[command.positionals.length];
  if (extra === undefined) return;
  const takes = command.positionals.length === 0 ? 'no argument' : command.positionals.join(' ');
  throw new UsageError(`unexpected argument ${extra}: ${name} takes ${takes} (see salesfloor ${name} --help)`);
}

function toArgs(name: string, command: Command, values: Record<string, unknown>, positionals: string[]): Args {
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const string = (v: unknown) => (typeof v === 'string' ? v : undefined);
  checkPositionals(name, command, positionals);
  const format = formatOf(name, command, string(values.format));
  return {
    positionals,
    policy: strings(values.policy),
    asOf: string(values['as-of']),
    at: string(values.at),
    format,
    out: string(values.out),
    report: strings(values.report),
    mask: values['no-mask'] !== true,
    as: string(values.as),
    quarantine: string(values.quarantine),
    jobs: jobsOf(string(values.jobs)),
    full: values.full === true,
    columns: columnsOf(string(values.columns)),
    office: string(values.office),
  };
}

/**
 * Runs the command line.
 *
 * @param argv - the arguments after the program name
 * @param io - the streams and working directory
 * @returns the exit code (0 clean, 1 usage, 2 bad input found, 74 an output could not be written)
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(mainHelp());
    return exitCodes.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainHelp());
    return exitCodes.clean;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${await version()}\n`);
    return exitCodes.clean;
  }
  const command = commands[name];
  if (command === undefined) {
    io.stderr.write(`salesfloor: unknown command "${name}"\n\n${mainHelp()}`);
    return exitCodes.usage;
  }
  // What the run makes, so that a run that fails leaves none of it (the executable's, which Ctrl-C also clears; else one of its own).
  const leftovers = io.leftovers ?? new Leftovers();
  const runIo: Io = io.leftovers === undefined ? { ...io, leftovers } : io;
  try {
    const { values, positionals } = parseCommandArgs(name, command, rest);
    if (values.help === true) {
      io.stdout.write(commandHelp(name, command));
      return exitCodes.clean;
    }
    const args = toArgs(name, command, values, positionals);
    if (args.format === 'xlsx' && args.out === undefined) throw new UsageError('--format xlsx writes a file: give --out <dir> (the workbook is <dir>/reports.xlsx)');
    // Before the replay: a missing exceljs is said before a long log is read.
    if (args.format === 'xlsx') await loadExcel();
    return await command.run(args, runIo);
  } catch (error) {
    // Failed: the files it created, and the folders it made and did not fill, go; what was there before stays.
    leftovers.discard();
    if (error instanceof UsageError || isParseArgsError(error)) {
      // Each line made safe on its own: a message of several lines prints as several lines, and nothing in them acts on the terminal.
      const lines = error instanceof UsageError ? error.lines : [(error as Error).message];
      io.stderr.write(`salesfloor ${name}: ${lines.map(terminalSafe).join('\n')}\nUsage: salesfloor ${command.usage} (--help for options)\n`);
      return exitCodes.usage;
    }
    if (error instanceof OutputError) {
      io.stderr.write(`salesfloor ${name}: ${terminalSafe(error.message)}\n`);
      return exitCodes.output;
    }
    throw error;
  }
}

// package.json is one level up from dist/cli.js, two from src/cli/cli.ts.
async function version(): Promise<string> {
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(await readFile(new URL(up, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'salesfloor' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not this one
    }
  }
  return 'unknown';
}

function isParseArgsError(error: unknown): boolean {
  const code: unknown = error instanceof TypeError ? (error as TypeError & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
