/**
 * A failed run leaves no folder it made and did not fill: the `--out`
 * folder (and the folders above it it made), the quarantine's folder, and
 * the files the run created in them go; a folder or a file that was there
 * before the run is never removed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodes } from '../../src/cli/io.js';
import { cli, corruptLog, dayLog, scratch } from './support.js';

/** The day's log, then one event of another office: read from stdin, replay stops there (it shows one office), after its first reports were written. */
function twoOffices(): string[] {
  const day = readFileSync(dayLog, 'utf8');
  const other = JSON.stringify({ v: 1, id: 'x1', type: 'changeStaff', at: '2026-10-01T23:00:00+08:00', office: 'elsewhere', staff: 'S01', name: '李娜' });
  return [day, `${other}\n`];
}

describe('a failed run removes the folders it made and did not fill', () => {
  it.each([
    ['a missing log, --format xlsx', ['replay', 'no-such.jsonl', '--format', 'xlsx', '--out', 'new']],
    ['a missing log, diff --format xlsx, folders made several deep', ['diff', 'no-such.jsonl', '-p', 'jiuzhou', '-p', 'shenyang', '--format', 'xlsx', '--out', 'new/a/b']],
    ['an unknown --as after the log was read, --format xlsx', ['replay', dayLog, '--format', 'xlsx', '--out', 'new', '--as', 'S99']],
    ['an unknown --as after bad lines were quarantined', ['replay', corruptLog, '--quarantine', 'new/bad.jsonl', '--as', 'S99']],
    ['an unknown --as after bad lines were quarantined in the default folder', ['explain', corruptLog, '15828571473', '--as', 'S99']],
  ])('%s: exit 1, and no folder is left', async (_what, args) => {
    // Given a working directory with nothing in it
    const cwd = scratch();
    // When a run fails
    const ran = await cli(args, { cwd });
    // Then it exits 1 and leaves the directory as it found it
    expect(ran.code).toBe(exitCodes.usage);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('replay of stdin stopped by a second office, after its reports began to be written: the files it created and their folder go', async () => {
    const cwd = scratch();
    const ran = await cli(['replay', '-', '--out', 'new'], { cwd, stdin: twoOffices(), chunkRows: 5 });
    expect(ran.code).toBe(exitCodes.usage);
    expect(ran.stderr).toContain('the log names several offices');
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('a failed run never removes what was there before', () => {
  it('an empty --out folder that was there stays', async () => {
    const cwd = scratch();
    mkdirSync(join(cwd, 'out'));
    const ran = await cli(['replay', 'no-such.jsonl', '--format', 'xlsx', '--out', 'out'], { cwd });
    expect(ran.code).toBe(exitCodes.usage);
    expect(readdirSync(cwd)).toEqual(['out']);
    expect(readdirSync(join(cwd, 'out'))).toEqual([]);
  });

  it.each([
    ['a missing log', ['replay', 'no-such.jsonl']],
    ['a directory for a log', ['replay', 'out']],
    ['diff of a missing log', ['diff', 'no-such.jsonl', '-p', 'jiuzhou', '-p', 'shenyang']],
  ])('an earlier run\'s workbook is neither emptied nor removed by a run that cannot read its log (%s)', async (_what, args) => {
    // Given the workbook of an earlier run
    const cwd = scratch();
    mkdirSync(join(cwd, 'out'));
    writeFileSync(join(cwd, 'out/reports.xlsx'), 'an earlier workbook');
    // When a run into the same folder fails on its log
    const ran = await cli([...args, '--format', 'xlsx', '--out', 'out'], { cwd });
    // Then the earlier workbook is as it was
    expect(ran.code).toBe(exitCodes.usage);
    expect(readFileSync(join(cwd, 'out/reports.xlsx'), 'utf8')).toBe('an earlier workbook');
  });

  it('the folder, its other files, and a file the run rewrote stay; only the files it created and the folders it made go', async () => {
    // Given an --out folder from an earlier run: a file of the user's and an older receptions report
    const cwd = scratch();
    mkdirSync(join(cwd, 'out'));
    writeFileSync(join(cwd, 'out/notes.txt'), 'mine\n');
    writeFileSync(join(cwd, 'out/receptions.txt'), 'an earlier run\n');
    // When a run into a folder below it fails after writing some reports, and another into the folder itself
    const below = await cli(['replay', '-', '--out', 'out/deeper/still'], { cwd, stdin: twoOffices(), chunkRows: 5 });
    const into = await cli(['replay', '-', '--out', 'out'], { cwd, stdin: twoOffices(), chunkRows: 5 });
    // Then both exit 1; the folders they made are gone, and everything that was there is still there
    expect([below.code, into.code]).toEqual([exitCodes.usage, exitCodes.usage]);
    expect(readdirSync(join(cwd, 'out')).sort()).toEqual(['notes.txt', 'receptions.txt']);
    expect(readFileSync(join(cwd, 'out/notes.txt'), 'utf8')).toBe('mine\n');
  });

  it('a run that succeeds keeps what it wrote (exit 2: bad input, reports and quarantine complete)', async () => {
    const cwd = scratch();
    const ran = await cli(['replay', corruptLog, '--report', 'owners', '--out', 'new'], { cwd });
    expect(ran.code).toBe(exitCodes.badInput);
    expect(readdirSync(join(cwd, 'new')).sort()).toEqual(['owners.txt', 'quarantine.jsonl', 'summary.json']);
    expect(existsSync(join(cwd, 'new/quarantine.jsonl'))).toBe(true);
  });
});
