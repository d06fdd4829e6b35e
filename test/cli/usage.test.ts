/**
 * Usage errors in our own words: a policy's issues one a line (each line
 * terminal-safe), a policy file's JSON mistake by line and column, unknown
 * options and missing values, and the wording of queue and presets.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, dayLog, scratch } from './support.js';

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
