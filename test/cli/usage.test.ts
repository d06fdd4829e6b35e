/**
 * Usage errors in our own words: a policy's issues one a line (each line
 * terminal-safe), a policy file's JSON mistake by line and column, unknown
 * options and missing values, and the wording of queue and presets; each
 * command's formats; bad input named by path, line and reason, with the
 * documented exit code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodes } from '../../src/cli/io.js';
import { cli, corruptLog, dayLog, scratch } from './support.js';

/** A scratch directory holding one file. */
function withFile(name: string, text: string): string {
  const cwd = scratch();
  writeFileSync(join(cwd, name), text);
  return cwd;
}

describe('an invalid policy: each issue on its own line', () => {
  it('prints the heading and each issue as separate lines, indented', async () => {
    // Given a policy with a negative validity
    const cwd = withFile('p1.json', '{"ownership":{"validityDays":{"visit":-3}}}');
    // When it is used
    const ran = await cli(['replay', dayLog, '-p', 'p1.json'], { cwd });
    // Then exit 1, and the issue is a line of its own, indented, with no literal \n
    expect(ran.code).toBe(1);
    const lines = ran.stderr.split('\n');
    expect(lines[0]).toBe('salesfloor replay: --policy p1.json is not a valid policy:');
    expect(lines[1]).toMatch(/^ {2}ownership\.validityDays\.visit: .*\(invalid_policy\)$/);
    expect(lines[2]).toMatch(/^Usage: salesfloor replay /);
    expect(ran.stderr).not.toContain('\\n');
  });

  it('a line quoting a control character or a newline from the file shows it escaped, on its line', async () => {
    // Given a policy whose unknown key holds an escape sequence and a newline
    const cwd = withFile('evil.json', '{"\\u001b]0;pwned\\u0007x\\ny":1}');
    // When it is used
    const ran = await cli(['validate', dayLog, '-p', 'evil.json'], { cwd });
    // Then no control character reaches the terminal, and the key's newline does not start a line
    expect(ran.code).toBe(1);
    expect(ran.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(ran.stderr).toContain('\\u001b]0;pwned\\u0007');
    const lines = ran.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^ {2}.*x.*y/);
  });
});

describe('a policy file that is not JSON: where', () => {
  it.each([
    ['two lines, a value missing', '{\n "validityDays": }\n', "not valid JSON at line 2, column 18: Unexpected token '}'"],
    ['a byte order mark and a trailing comma after CJK', '\uFEFF{\n  "名字": "李娜",\n}', 'not valid JSON at line 3, column 1: Expected double-quoted property name'],
    ['an empty file', '', 'not valid JSON at line 1, column 1: Unexpected end of JSON input'],
  ])('%s: the line and column of the first error', async (_what, text, said) => {
    // Given such a policy file
    const cwd = withFile('p2.json', text);
    // When it is used
    const ran = await cli(['replay', dayLog, '--policy', 'p2.json'], { cwd });
    // Then exit 1, one line naming the file, the line and the column
    expect(ran.code).toBe(1);
    expect(ran.stderr.split('\n')[0]).toBe(`salesfloor replay: --policy p2.json: ${said}`);
  });
});

describe('options: our own words', () => {
  it('an unknown option lists the options the command takes', async () => {
    // Given an option replay does not have, when it is given
    const ran = await cli(['replay', '--frobnicate']);
    // Then exit 1, and the message lists replay's options and where to read about them
    expect(ran.code).toBe(1);
    expect(ran.stderr.split('\n')[0]).toBe(
      'salesfloor replay: unknown option --frobnicate; replay takes --policy, --format, --no-mask, --quarantine, --office, --as-of, --out, --report, --as, --jobs, --full, --columns (see salesfloor replay --help)',
    );
    expect(ran.stderr).not.toContain("place it at the end");
  });

  it('an unknown short option, and an option of another command, are named as typed', async () => {
    const short = await cli(['validate', dayLog, '-x']);
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/^salesfloor validate: unknown option -x; validate takes --policy, --format, --no-mask, --quarantine, --office \(see salesfloor validate --help\)\n/);
    const other = await cli(['presets', '--jobs', '2']);
    expect(other.stderr).toMatch(/^salesfloor presets: unknown option --jobs; presets takes --format /);
  });

  it('a missing value, and a value given to a switch, are said plainly', async () => {
    const missing = await cli(['replay', dayLog, '--policy']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.split('\n')[0]).toBe('salesfloor replay: --policy needs a value, as in --policy <value> (see salesfloor replay --help)');
    const short = await cli(['queue', dayLog, '-p']);
    expect(short.stderr.split('\n')[0]).toBe('salesfloor queue: -p needs a value, as in -p <value> (see salesfloor queue --help)');
    const valued = await cli(['replay', dayLog, '--full=yes']);
    expect(valued.code).toBe(1);
    expect(valued.stderr.split('\n')[0]).toBe('salesfloor replay: --full takes no value: write --full alone (see salesfloor replay --help)');
  });
});

describe('wording', () => {
  it('queue before any event: nobody is eligible for the next walk-in', async () => {
    // Given a time before the log's first event
    const ran = await cli(['queue', dayLog, '--at', '2026-09-01']);
    // Then the sentence reads, and does not say the walk-in "goes to nobody"
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^== queue: at 2026-09-01T23:59:59\.999\+08:00 nobody is eligible for the next walk-in \(ROT-ORDER, ROT-CARRY, ROT-ELIGIBLE\)\n/);
    expect(ran.stdout).not.toContain('goes to nobody');
  });

  it('presets cite docs/rules.md, the catalogue the package ships', async () => {
    const ran = await cli(['presets']);
    expect(ran.stdout).toContain('(docs/rules.md §P)');
    expect(ran.stdout).not.toContain('RULES.md');
  });
});

const textFormats = ['table', 'json', 'csv'];
const allFormats = [...textFormats, 'xlsx'];
/** Each command that takes --format, with arguments it runs with, and the formats it writes. */
const withFormats: [string, string[], string[]][] = [
  ['replay', [dayLog], allFormats],
  ['diff', [dayLog, '-p', 'jiuzhou', '-p', 'shenyang'], allFormats],
  ['validate', [dayLog], textFormats],
  ['explain', [dayLog, '13800000000'], textFormats],
  ['queue', [dayLog, '--at', '2026-10-01T12:00'], textFormats],
  ['presets', [], textFormats],
];
/** "a, b or c", as the messages list things. */
const orList = (items: readonly string[]) => `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;

describe('--format: each command lists, and takes, only the formats it writes', () => {
  it.each(withFormats)('%s --help lists its own formats', async (name, _args, formats) => {
    // Given a command's help
    const ran = await cli([name, '--help']);
    // Then its --format line lists exactly the formats it writes: xlsx only where a workbook is written
    const line = ran.stdout.split('\n').find((l) => l.trimStart().startsWith('--format')) ?? '';
    expect(line).toContain(`--format, -f ${formats.join('|')} `);
    expect(line.includes('xlsx')).toBe(formats.includes('xlsx'));
  });

  it.each(withFormats)('%s --format nope: exit 1, naming the formats it writes', async (name, args, formats) => {
    const ran = await cli([name, ...args, '--format', 'nope']);
    expect(ran.code).toBe(exitCodes.usage);
    expect(ran.stderr.split('\n')[0]).toBe(`salesfloor ${name}: --format nope: ${name} writes ${orList(formats)}`);
  });

  it.each(withFormats.filter(([, , formats]) => !formats.includes('xlsx')))('%s --format xlsx: exit 1, no workbook, and what it writes instead', async (name, args) => {
    const ran = await cli([name, ...args, '--format', 'xlsx']);
    expect(ran.code).toBe(exitCodes.usage);
    expect(ran.stderr.split('\n')[0]).toBe(`salesfloor ${name}: --format xlsx: ${name} writes no workbook (replay and diff do); use ${orList(textFormats)}`);
  });
});

describe('arguments: one too many is a usage error, not ignored', () => {
  it.each([
    [['presets', 'extra'], 'presets takes no argument'],
    [['replay', dayLog, 'second.jsonl'], 'replay takes <log.jsonl>'],
    [['validate', dayLog, 'second.jsonl'], 'validate takes <log.jsonl>'],
    [['explain', dayLog, '13800000000', 'extra'], 'explain takes <log.jsonl> <client>'],
    [['queue', dayLog, 'extra', '--at', '2026-10-01T12:00'], 'queue takes <log.jsonl>'],
    [['diff', dayLog, 'extra', '-p', 'jiuzhou', '-p', 'shenyang'], 'diff takes <log.jsonl>'],
    [['report', dayLog, 'extra'], 'report takes <log.jsonl>'],
  ])('%j', async (args, takes) => {
    // Given a word more than the command takes (a second log, say, which would otherwise be silently left unread)
    const ran = await cli(args);
    // Then exit 1, naming the word and what the command takes
    expect(ran.code).toBe(exitCodes.usage);
    const extra = args.filter((a) => a === 'extra' || a === 'second.jsonl')[0];
    expect(ran.stderr.split('\n')[0]).toBe(`salesfloor ${args[0]}: unexpected argument ${extra}: ${takes} (see salesfloor ${args[0]} --help)`);
  });
});

/** Each command reading a log: its arguments around the log. */
const readers: [string, (log: string) => string[]][] = [
  ['replay', (log) => ['replay', log]],
  ['validate', (log) => ['validate', log]],
  ['explain', (log) => ['explain', log, '15828571473']],
  ['queue', (log) => ['queue', log, '--at', '2026-10-01T12:00']],
  ['diff', (log) => ['diff', log, '-p', 'jiuzhou', '-p', 'shenyang']],
  ['report', (log) => ['report', log]],
];

describe('bad input: each command names the path, the line and the reason, with the documented exit code', () => {
  it.each(readers)('%s: a missing log exits 1 naming the path as given and the reason', async (name, args) => {
    const ran = await cli(args('no-such.jsonl'));
    expect(ran.code).toBe(exitCodes.usage);
    expect(ran.stderr.split('\n')[0]).toBe(`salesfloor ${name}: cannot read no-such.jsonl: no such file or directory (ENOENT)`);
  });

  it.each(readers)('%s: a directory in place of the log exits 1 saying so', async (name, args) => {
    const cwd = scratch();
    mkdirSync(join(cwd, 'logs'));
    const ran = await cli(args('logs'), { cwd });
    expect(ran.code).toBe(exitCodes.usage);
    expect(ran.stderr.split('\n')[0]).toBe(`salesfloor ${name}: cannot read logs: it is a directory, not a log file`);
  });

  it.each(readers)('%s: a corrupt line exits 2, named by its number, with why', async (name, args) => {
    const ran = await cli(args(corruptLog));
    expect(ran.code).toBe(exitCodes.badInput);
    expect(`${ran.stdout}${ran.stderr}`).toMatch(/\n {2}line 28: not valid JSON: .* \(invalid_json\)\n/);
  });

  it.each(readers)('%s: an unknown flag exits 1 naming it', async (name, args) => {
    const ran = await cli([...args(dayLog), '--bogus']);
    expect(ran.code).toBe(exitCodes.usage);
    expect(ran.stderr.split('\n')[0]).toMatch(new RegExp(`^salesfloor ${name}: unknown option --bogus; ${name} takes --policy, `));
  });

  it.each([
    ['a missing file', (_cwd: string) => 'no-such.json', 'no such file or directory (ENOENT)'],
    ['a directory', (cwd: string) => (mkdirSync(join(cwd, 'policies')), 'policies'), 'it is a directory (EISDIR)'],
  ])('--policy: %s exits 1 with the reason it could not be read', async (_what, policy, reason) => {
    const cwd = scratch();
    const name = policy(cwd);
    const ran = await cli(['replay', dayLog, '--policy', name], { cwd });
    expect(ran.code).toBe(exitCodes.usage);
    expect(ran.stderr.split('\n')[0]).toMatch(new RegExp(`^salesfloor replay: --policy ${name}: neither a preset, default, nor a readable file: ${reason.replace(/[()]/g, '\\$&')}; presets: jiuzhou, `));
  });

  it('replay --as on a log with a stray line of another office: its own rows and exit 2 (the bad lines), an unknown salesperson exit 1; never an internal error', async () => {
    // Given a log of one office with a line of another among its bad lines (it is replayed office by office)
    const known = await cli(['replay', corruptLog, '--as', 'S01', '--report', 'owners', '--format', 'json']);
    const unknown = await cli(['replay', corruptLog, '--as', 'S99', '--report', 'owners']);
    // Then --as S01 shows S01's clients only, and --as S99 is a usage error naming it
    expect(known.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(known.code).toBe(exitCodes.badInput);
    const owners = (JSON.parse(known.stdout) as { reports: { owners: { rows: { owner: string }[] } } }).reports.owners.rows;
    expect(owners.length).toBeGreaterThan(0);
    expect(owners.every((r) => r.owner === 'S01')).toBe(true);
    expect(unknown.code).toBe(exitCodes.usage);
    expect(unknown.stderr.split('\n')[0]).toBe('salesfloor replay: --as S99: no such staff member in the log');
  });

  it('replay --format xlsx with a directory where the workbook goes: exit 74 naming it and the reason, not an internal error', async () => {
    const cwd = scratch();
    mkdirSync(join(cwd, 'out/reports.xlsx'), { recursive: true });
    const ran = await cli(['replay', dayLog, '--format', 'xlsx', '--out', 'out'], { cwd });
    expect(ran.code).toBe(exitCodes.output);
    expect(ran.stderr).toContain('salesfloor replay: cannot write out/reports.xlsx: it is a directory (EISDIR)');
    expect(ran.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('replay --format xlsx with --out under a file: exit 74 naming the folder and the reason, not an internal error', async () => {
    const cwd = scratch();
    writeFileSync(join(cwd, 'file.txt'), 'x');
    const ran = await cli(['replay', dayLog, '--format', 'xlsx', '--out', 'file.txt/out'], { cwd });
    expect(ran.code).toBe(exitCodes.output);
    expect(ran.stderr).toContain('salesfloor replay: cannot write file.txt/out/reports.xlsx: a part of the path is a file, not a directory (ENOTDIR)');
    expect(ran.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
