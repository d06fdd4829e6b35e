/**
 * `replay` of a multi-office log: partitioned by office, and `--jobs N` gives
 * the very bytes of `--jobs 1` (issue 14 #6).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generate, officeId } from '../../examples/generate.js';
import { assign, officeOfLine } from '../../src/cli/offices.js';
import { cli, corruptLog, scratch, type Ran } from './support.js';

const dir = scratch();
const lines: string[] = [];
generate({ seed: 41, events: 0, days: 2, start: '2026-10-01', offices: 4 }, (line) => lines.push(line));
// A few bad lines among them: each must be named by its line number, whatever thread reads it.
const bad = [10, 200, 401];
const withBad = lines.flatMap((line, i) => (bad.includes(i + 1) ? ['{"v":1,"id":"broken"', line] : [line]));
const log = join(dir, 'four.jsonl');
writeFileSync(log, `${withBad.join('\n')}\n`);
const badLines = bad.map((n, k) => n + k);

/** stderr without the elapsed time, which differs from run to run. */
const steady = (r: Ran) => ({ code: r.code, stdout: r.stdout, stderr: r.stderr.replace(/ in \d+\.\d s\./, '.') });

/** The files a run wrote into its --out folder (a workbook: its bytes, and its parts unzipped, to show what differs). */
function filesOf(out: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(out).sort()) {
    const bytes = readFileSync(join(out, name));
    files[name] = name.endsWith('.xlsx') ? bytes.toString('base64') : bytes.toString('utf8');
    if (name.endsWith('.xlsx')) for (const [part, data] of Object.entries(unzipSync(bytes))) files[`${name}:${part}`] = strFromU8(data);
  }
  return files;
}

describe('replay of a multi-office log, partitioned by office', () => {
  it('routes each event by its office: an office column, the summary counted per office, bad lines named by line', async () => {
    const ran = await cli(['replay', log, '--format', 'json', '--report', 'receptions']);
    expect(ran.code).toBe(2);
    const doc = JSON.parse(ran.stdout) as { reports: { receptions: { rows: { office: string }[] } }; offices: { office: string; events: number }[]; events: number; bad: { line: number }[] };
    const offices = [0, 1, 2, 3].map(officeId);
    expect(new Set(doc.reports.receptions.rows.map((r) => r.office))).toEqual(new Set(offices));
    // Office order: first appearance in the log.
    const firsts = [...new Set(lines.map((l) => (JSON.parse(l) as { office: string }).office))];
    expect(doc.offices.map((o) => o.office)).toEqual(firsts);
    expect(doc.offices.reduce((n, o) => n + o.events, 0)).toBe(lines.length);
    expect(doc.events).toBe(lines.length);
    expect(doc.bad.map((b) => b.line)).toEqual(badLines);
    for (const office of offices) expect(ran.stderr).toContain(`office ${office}: `);
  });

  // Worker threads from the sources load tsx each: few runs, with small chunks so that the chunking is exercised.
  it.each([
    ['table', [], '2'],
    ['json', [], '4'],
    ['csv', ['--report', 'owners', '--as', 'S03'], '3'],
  ] as const)('--jobs N prints exactly what --jobs 1 prints, exit code and stderr too (%s %j, --jobs %s)', async (format, extra, jobs) => {
    const run = (n: string) => cli(['replay', log, '--format', format, ...extra, '--jobs', n], { chunkRows: 40 });
    const [one, many] = await Promise.all([run('1'), run(jobs)]);
    expect(one.code).toBe(2);
    expect(one.stdout.length).toBeGreaterThan(1000);
    expect(steady(many)).toEqual(steady(one));
  });

  it.each(['csv', 'xlsx'] as const)('--out with --format %s: the same files, and the same quarantine, for --jobs 1 and 3', async (format) => {
    const cwds = [scratch(), scratch()];
    const runs = await Promise.all(['1', '3'].map((jobs, i) => cli(['replay', log, '--format', format, '--out', 'out', '--jobs', jobs], { cwd: cwds[i] as string, chunkRows: 40 })));
    expect(runs.map((r) => r.code)).toEqual([2, 2]);
    const [one, three] = cwds.map((cwd) => filesOf(join(cwd, 'out')));
    expect(Object.keys(one ?? {}).length).toBeGreaterThan(format === 'xlsx' ? 4 : 7);
    expect(three).toEqual(one);
    const quarantined = cwds.map((cwd) => readFileSync(join(cwd, 'out/quarantine.jsonl'), 'utf8'));
    expect(quarantined[1]).toBe(quarantined[0]);
    expect(quarantined[0]?.trim().split('\n').map((l) => (JSON.parse(l) as { line: number }).line)).toEqual(badLines);
  });

  it('a one-office log with a stray line of another office prints what it always printed, under --jobs 2 too', async () => {
    const [one, two] = await Promise.all([cli(['replay', corruptLog, '--format', 'json']), cli(['replay', corruptLog, '--format', 'json', '--jobs', '2'])]);
    expect(one.code).toBe(2);
    expect(one.stdout).not.toContain('"office"');
    expect(steady(two)).toEqual(steady(one));
  });

  it('validate and replay count each bad line against the same office: an unreadable line against none, a bad line against the office it names even before its first event (audit C #6)', async () => {
    const mixed = join(scratch(), 'mixed.jsonl');
    writeFileSync(
      mixed,
      Buffer.concat([
        Buffer.from('{"v":1,"id":"e1","at":"2026-11-01T08:00:00+08:00","office":"jz","type":"changeStaff","staff":"S01"}\n'),
        // Not UTF-8: the line is not read, so the office its readable bytes name is not taken as its own.
        Buffer.from([0xff, 0xfe]),
        Buffer.from('{"v":1,"id":"e7","at":"2026-11-01T10:00:00+08:00","office":"jz","type":"changeStaff","staff":"S06"}\n'),
        // Parses as JSON naming "other", refused: counted against "other", whose first event comes after it.
        Buffer.from('{"v":1,"id":"o0","at":"2026-11-01T22:00:00+08:00","office":"other","type":"noSuchType"}\n'),
        Buffer.from('{"v":1,"id":"o1","at":"2026-11-01T23:00:00+08:00","office":"other","type":"changeStaff","staff":"S1"}\n'),
      ]),
    );
    const expected = [
      { office: 'jz', events: 1, duplicates: 0, badLines: 0 },
      { office: 'other', events: 1, duplicates: 0, badLines: 1 },
    ];
    const offices = (r: Ran) => (JSON.parse(r.stdout) as { offices: unknown; badLines: number }).offices;
    const [validated, replayed, twoJobs] = await Promise.all([
      cli(['validate', mixed, '--format', 'json']),
      cli(['replay', mixed, '--format', 'json', '--report', 'owners']),
      cli(['replay', mixed, '--format', 'json', '--report', 'owners', '--jobs', '2']),
    ]);
    for (const r of [validated, replayed, twoJobs]) {
      expect(r.code).toBe(2);
      expect((JSON.parse(r.stdout) as { badLines: number }).badLines).toBe(2);
      expect(offices(r)).toEqual(expected);
    }
  });

  it('--jobs must be a whole number of at least 1: a usage error otherwise', async () => {
    for (const jobs of ['0', '-1', '1.5', 'two', '']) {
      const ran = await cli(['replay', log, `--jobs=${jobs}`]);
      expect(ran.code).toBe(1);
      expect(ran.stderr).toContain('--jobs');
      expect(ran.stderr).toContain('at least 1');
    }
  });
});

describe('routing lines to offices', () => {
  it('reads the office plainly, and from the parsed line when it is escaped or named twice', () => {
    expect(officeOfLine('{"v":1,"office":"jz","at":"x"}', 1)).toBe('jz');
    expect(officeOfLine('{"office":"j\\u007a"}', 2)).toBe('jz');
    expect(officeOfLine('{"client":{"office":"a"},"office":"b"}', 2)).toBe('b');
    expect(officeOfLine('\uFEFF{"office":"a","x":"\\u0041"}', 1)).toBe('a');
    expect(officeOfLine('{"office":', 3)).toBeNull();
    expect(officeOfLine('', 3)).toBeNull();
  });

  it('shares offices out, the largest first, to the partition with the fewest lines', () => {
    const scan = { offices: ['a', 'b', 'c', 'd'], lines: new Map([['a', 10], ['b', 40], ['c', 30], ['d', 20]]) };
    expect(assign(scan, 2)).toEqual([['b', 'a'], ['c', 'd']]);
    expect(assign(scan, 9)).toHaveLength(4);
    expect(assign(scan, 1)).toEqual([['b', 'c', 'd', 'a']]);
  });
});
