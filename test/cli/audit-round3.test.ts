/**
 * Audit round 3: the CLI used as an analyst would, on logs of more than one
 * month, with times typed in office time, under `--as`, and with outputs
 * that cannot be written. Each test names the finding it guards.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, corruptLog, dayLog, scratch } from './support.js';

const dir = scratch();
/** The month's first day, then the same lines again on 2 November (new ids): a log of two months. */
const twoMonths = join(dir, 'two-months.jsonl');
const day = readFileSync(dayLog, 'utf8').trim().split('\n');
const november = day.map((l) => {
  const event = JSON.parse(l) as { id: string; at: string };
  return JSON.stringify({ ...event, id: `n-${event.id}`, at: event.at.replace('2026-10-01T', '2026-11-02T') });
});
writeFileSync(twoMonths, `${[...day, ...november].join('\n')}\n`);

interface Doc {
  asOf?: string | null;
  at?: string;
  reports: Record<string, { rows: Record<string, unknown>[]; withheld: number }>;
}
const json = (stdout: string) => JSON.parse(stdout) as Doc;

describe('replay --as-of on a log of several months: the scorecard (KPI-*) reads each month in office time', () => {
  it('given a two-month log, when replayed with --as-of a day of the second month, then the scorecard has both months and the run is clean', async () => {
    const ran = await cli(['replay', twoMonths, '--report', 'scorecard', '--as-of', '2026-11-02', '--format', 'json']);
    expect(ran.stderr).not.toContain('internal error');
    expect(ran.code).toBe(0);
    const starts = new Set(json(ran.stdout).reports.scorecard?.rows.map((r) => r.start));
    expect([...starts].sort()).toEqual(['2026-10-01', '2026-11-01']);
  });

  it('given --as-of 05:00 on 1 November office time (still 31 October in UTC), then the open month is November', async () => {
    const ran = await cli(['replay', twoMonths, '--report', 'scorecard', '--as-of', '2026-11-01T05:00', '--format', 'json']);
    expect(ran.code).toBe(0);
    const starts = new Set(json(ran.stdout).reports.scorecard?.rows.map((r) => r.start));
    expect([...starts].sort()).toEqual(['2026-10-01', '2026-11-01']);
  });
});

describe('times the user typed are shown back in office time, as every time in the reports', () => {
  it('given queue --at 10:00 office time, then the heading and the JSON say 10:00+08:00, not 02:00Z', async () => {
    const table = await cli(['queue', dayLog, '--at', '2026-10-01T10:00']);
    expect(table.stdout).toContain('at 2026-10-01T10:00:00+08:00 the next walk-in');
    const doc = await cli(['queue', dayLog, '--at', '2026-10-01T10:00', '--format', 'json']);
    expect(json(doc.stdout).at).toBe('2026-10-01T10:00:00+08:00');
  });

  it('given replay --as-of a day, then the summary asOf is the end of that day in office time', async () => {
    const ran = await cli(['replay', dayLog, '--report', 'credits', '--as-of', '2026-10-01', '--format', 'json']);
    expect(json(ran.stdout).asOf).toBe('2026-10-01T23:59:59.999+08:00');
  });

  it('given report --as-of a day, then the page title names the end of that day in office time', async () => {
    const cwd = scratch();
    const ran = await cli(['report', dayLog, '--as-of', '2026-10-01', '--out', 'r.html'], { cwd });
    expect(ran.code).toBe(0);
    expect(readFileSync(join(cwd, 'r.html'), 'utf8')).toContain('as of 2026-10-01T23:59:59.999+08:00');
  });
});

describe('PRV-ACCESS: under --as the fairness ledger shows the salesperson their own rows, as diff --as shows their own turns', () => {
  it("given replay --as S01, when the fairness report is written, then only S01's rows are shown and the others are counted as withheld", async () => {
    const all = json((await cli(['replay', dayLog, '--report', 'fairness', '--format', 'json'])).stdout).reports.fairness?.rows ?? [];
    const ran = await cli(['replay', dayLog, '--report', 'fairness', '--as', 'S01', '--format', 'json']);
    const fairness = json(ran.stdout).reports.fairness;
    expect(fairness?.rows.length).toBeGreaterThan(0);
    expect(fairness?.rows.every((r) => r.staff === 'S01')).toBe(true);
    expect(fairness?.withheld).toBe(all.length - (fairness?.rows.length ?? 0));
  });

  it("given a table under --as, then a report of people says it withheld other salespeople's rows, not their clients'", async () => {
    const ran = await cli(['replay', dayLog, '--report', 'scorecard', '--as', 'S01']);
    expect(ran.stdout).toMatch(/\(\d+ rows of other salespeople withheld: PRV-ACCESS\)/);
  });
});

describe('report: an output that cannot be written exits 74 and says why (not an internal error)', () => {
  it('given --out under a file, then exit 74 naming the page and the reason', async () => {
    const cwd = scratch();
    writeFileSync(join(cwd, 'afile'), '');
    const ran = await cli(['report', dayLog, '--out', 'afile/r.html'], { cwd });
    expect(ran.code).toBe(74);
    expect(ran.stderr).toContain('cannot write afile/r.html');
    expect(ran.stderr).toMatch(/a file is in the way \(EEXIST\)|\(ENOTDIR\)/);
  });

  it('given a quarantine file that cannot be written, then exit 74 naming the quarantine file, after the bad lines', async () => {
    const cwd = scratch();
    writeFileSync(join(cwd, 'afile'), '');
    const ran = await cli(['report', corruptLog, '--quarantine', 'afile/q.jsonl', '--out', 'r.html'], { cwd });
    expect(ran.code).toBe(74);
    expect(ran.stderr).toMatch(/line \d+: /);
    expect(ran.stderr).toContain('cannot write the quarantine file');
  });
});

describe('a policy timeline file ({ versions: [...] }): the summary says which versions judged the log, and from when', () => {
  const cwd = scratch();
  const first = { timeZone: 'Asia/Shanghai', ownership: { validityDays: { visit: 30 } } };
  writeFileSync(join(cwd, 'dated.json'), JSON.stringify({ versions: [{ id: 'old windows', policy: first }, { id: 'new windows', from: '2026-10-01T12:00', policy: { ...first, ownership: { validityDays: { visit: 10 } } } }] }));

  it('given replay under a timeline of two versions, then stderr names each version and when it took effect, in office time', async () => {
    const ran = await cli(['replay', dayLog, '--policy', 'dated.json', '--report', 'credits'], { cwd });
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain('dated.json: version 1 "old windows" from the start; version 2 "new windows" from 2026-10-01T12:00:00+08:00');
  });

  it('given the JSON summary, then it lists the versions of the timeline; a plain policy lists none', async () => {
    const dated = JSON.parse((await cli(['replay', dayLog, '--policy', 'dated.json', '--report', 'credits', '--format', 'json'], { cwd })).stdout) as { timelines?: unknown };
    expect(dated.timelines).toEqual([{ policy: 'dated.json', versions: [{ id: 'old windows', from: null }, { id: 'new windows', from: '2026-10-01T12:00:00+08:00' }] }]);
    const plain = JSON.parse((await cli(['replay', dayLog, '--report', 'credits', '--format', 'json'], { cwd })).stdout) as { timelines?: unknown };
    expect(plain.timelines).toBeUndefined();
  });

  it('given diff of the timeline with itself, then nothing differs, and the summary names its versions', async () => {
    const ran = await cli(['diff', dayLog, '--policy', 'dated.json', '--policy', 'dated.json', '--format', 'json'], { cwd });
    const doc = JSON.parse(ran.stdout) as { reports: Record<string, { rows: unknown[] }> };
    expect(Object.values(doc.reports).every((r) => r.rows.length === 0)).toBe(true);
    expect(ran.stderr).toContain('version 2 "new windows" from 2026-10-01T12:00:00+08:00');
  });
});

describe('help lists the exit codes the docs list', () => {
  it('given --help, then it names 70, an internal error, as docs/analyst-replay.md does', async () => {
    const ran = await cli(['--help']);
    expect(ran.stdout).toContain('70 an internal error');
  });
});
