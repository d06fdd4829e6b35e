/**
 * A log of several offices in the commands other than replay: validate
 * checks each office on its own, as replay reads it; diff, report, queue and
 * explain show one office, chosen with --office, and refuse a log of several
 * without it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, corruptLog, monthLog, scratch, type Ran } from './support.js';

const dir = scratch();
const month = readFileSync(monthLog, 'utf8').trim().split('\n');
/** A line of the month moved to office beta, its id made unique. */
const beta = (line: string): string => {
  const event = JSON.parse(line) as { id: string; office: string };
  return JSON.stringify({ ...event, id: `b-${event.id}`, office: 'beta' });
};
/** The month and its copy in office beta, interleaved: the log of the issue. */
const offices = join(dir, 'offices.jsonl');
writeFileSync(offices, `${month.flatMap((l) => [l, beta(l)]).join('\n')}\n`);
/** Beta's lines alone. */
const betaOnly = join(dir, 'beta.jsonl');
writeFileSync(betaOnly, `${month.map(beta).join('\n')}\n`);
/** The two offices with bad lines: a staff member beta does not have, and a line that is not JSON. */
const damaged = join(dir, 'damaged.jsonl');
const withReceiver = month.slice(20).find((l) => /"receiver":"S\d+"/.test(l)) ?? '';
const betaStranger = beta(withReceiver).replace(/"receiver":"S\d+"/, '"receiver":"S77"');
writeFileSync(damaged, `${[...month.slice(0, 20).flatMap((l) => [l, beta(l)]), betaStranger, '{"v":1,', ...month.slice(20, 60)].join('\n')}\n`);

interface Bad {
  line: number;
  code: string;
}
const badOf = (r: Ran, key: 'replay' | 'validate'): Bad[] => {
  const doc = JSON.parse(r.stdout) as { bad?: Bad[]; issues?: { bad: { rows: Bad[] } } };
  const rows = key === 'replay' ? doc.bad : doc.issues?.bad.rows;
  return (rows ?? []).map(({ line, code }) => ({ line, code }));
};
/** Text of the two-office log as beta's log alone says it: the log's name, its lines, nothing left out. */
const asAlone = (text: string) =>
  text
    .replaceAll('offices.jsonl', 'beta.jsonl')
    .replace(`: ${month.length * 2} lines`, `: ${month.length} lines`)
    .replace(`, ${month.length} lines of other offices left out`, '');
/** A JSON document without the summary's counts of the log (its name, its lines, what was left out). */
const withoutLog = (text: string) => {
  const { log: _log, lines: _lines, otherOfficesLeftOut: _others, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
};
/** The first line of stderr without the elapsed time. */
const steady = (text: string) => (text.split('\n')[0] ?? '').replace(/ in \d+\.\d s\./, '.');

describe('validate a log of several offices: office by office, as replay', () => {
  it('the two-office month is clean, each office counted', async () => {
    // Given the month and its copy in beta, when validated
    const ran = await cli(['validate', offices]);
    // Then no bad line, both offices named with their events
    expect(ran.code).toBe(0);
    expect(ran.stdout).toBe(
      [`offices.jsonl: ${month.length * 2} lines, ${month.length * 2} events applied under default.`, `  office jiuzhou: ${month.length} events applied, 0 bad lines`, `  office beta: ${month.length} events applied, 0 bad lines`, 'No bad lines.', ''].join('\n'),
    );
    // And replay accepts them all too
    const replayed = await cli(['replay', offices, '--format', 'json', '--report', 'owners']);
    expect(replayed.code).toBe(0);
  });

  it.each([
    ['two offices with bad lines', damaged],
    ['a one-office log with a stray line of another office', corruptLog],
  ])('%s: validate names the very lines replay refuses, for the same reasons', async (_what, log) => {
    // Given the log, when validated and replayed
    const [validated, replayed] = await Promise.all([cli(['validate', log, '--format', 'json']), cli(['replay', log, '--format', 'json', '--report', 'owners'])]);
    // Then the same verdict: the same bad lines and codes, exit 2
    expect(validated.code).toBe(2);
    expect(replayed.code).toBe(2);
    expect(badOf(validated, 'validate')).toEqual(badOf(replayed, 'replay'));
    expect(badOf(validated, 'validate').length).toBeGreaterThan(0);
  });

  it("the damaged log's beta stranger is beta's unknown_staff, not an office mismatch", async () => {
    const ran = await cli(['validate', damaged, '--format', 'json']);
    expect(badOf(ran, 'validate')).toEqual([
      { line: 41, code: 'unknown_staff' },
      { line: 42, code: 'invalid_json' },
    ]);
    const doc = JSON.parse(ran.stdout) as { offices: { office: string; events: number; badLines: number }[] };
    expect(doc.offices).toEqual([
      { office: 'jiuzhou', events: 60, duplicates: 0, badLines: 0 },
      { office: 'beta', events: 20, duplicates: 0, badLines: 1 },
    ]);
  });
});

describe('diff, report, queue, explain on a log of several offices', () => {
  const client = (JSON.parse(month.find((l) => l.includes('"registerVisit"')) ?? '{}') as { client: { phone: string } }).client.phone;
  const commands: [string, string[]][] = [
    ['diff', ['-p', 'jiuzhou', '-p', 'shenyang', '--report', 'turns', '--format', 'json']],
    ['queue', ['--at', '2026-10-10T15:00', '--format', 'json']],
    ['explain', [client, '--format', 'json', '--no-mask']],
    ['report', []],
  ];

  it.each(commands)('%s refuses it with a usage error naming the offices and --office, and leaves no quarantine', async (name, rest) => {
    // Given the two-office log with a bad line before beta's first event
    const cwd = scratch();
    writeFileSync(join(cwd, 'log.jsonl'), `{"v":1,\n${readFileSync(offices, 'utf8')}`);
    // When the command reads it
    const ran = await cli([name, 'log.jsonl', ...rest, ...(name === 'report' ? ['--out', 'page.html'] : [])], { cwd });
    // Then exit 1, the message says what to do, and nothing is left behind
    expect(ran.code).toBe(1);
    expect(ran.stderr.split('\n')[0]).toBe(
      `salesfloor ${name}: the log names several offices (jiuzhou, beta, perhaps more) and this command shows one office: choose it with --office <name>; validate, and replay of a log file (not stdin), read every office`,
    );
    expect(ran.stdout).toBe('');
    expect(existsSync(join(cwd, '.salesfloor-out/quarantine.jsonl'))).toBe(false);
    expect(existsSync(join(cwd, 'page.html'))).toBe(false);
  });

  it.each(commands)("%s --office beta shows what it shows of beta's lines alone", async (name, rest) => {
    // Given the two-office log and beta's lines alone
    const [picked, alone] = await Promise.all([cli([name, offices, '--office', 'beta', ...rest]), cli([name, betaOnly, ...rest])]);
    // Then the same output, but for the summary's counts of the log
    expect(picked.code).toBe(0);
    expect(alone.code).toBe(0);
    // The charts' class names count the charts drawn in the process: not part of the page's content.
    const charts = (html: string) => html.replace(/zr\d+-cls-\d+/g, 'zr-cls');
    if (name === 'report') expect(charts(asAlone(picked.stdout))).toBe(charts(alone.stdout));
    else expect(withoutLog(picked.stdout)).toEqual(withoutLog(alone.stdout));
    expect(picked.stdout).toContain(name === 'report' ? '<svg' : '"rows"');
    // And the summary says the other office's lines were left out
    expect(steady(picked.stderr)).toMatch(new RegExp(`, ${month.length} lines of other offices left out\\.$`));
    expect(asAlone(steady(picked.stderr))).toBe(steady(alone.stderr));
  });

  it('--office naming no office of the log is a usage error listing them', async () => {
    const ran = await cli(['queue', offices, '--at', '2026-10-02', '--office', 'gamma']);
    expect(ran.code).toBe(1);
    expect(ran.stderr.split('\n')[0]).toBe('salesfloor queue: --office gamma: no line of the log names that office (it names jiuzhou, beta)');
  });

  it('replay --office reads one office as a one-office log: no office column', async () => {
    const [picked, alone] = await Promise.all([cli(['replay', offices, '--office', 'beta', '--format', 'json', '--report', 'owners']), cli(['replay', betaOnly, '--format', 'json', '--report', 'owners'])]);
    expect(picked.code).toBe(0);
    const rows = (r: Ran) => (JSON.parse(r.stdout) as { reports: { owners: { rows: unknown[] } } }).reports.owners.rows;
    expect(rows(picked)).toEqual(rows(alone));
    expect(rows(picked).length).toBeGreaterThan(0);
  });

  it('replay from stdin cannot split the offices (it reads the log once): a usage error; --office reads one', async () => {
    const text = readFileSync(offices, 'utf8');
    const all = await cli(['replay', '-', '--report', 'owners'], { stdin: [text] });
    expect(all.code).toBe(1);
    expect(all.stderr).toContain('choose it with --office <name>');
    const one = await cli(['replay', '-', '--report', 'owners', '--office', 'beta'], { stdin: [text] });
    expect(one.code).toBe(0);
  });

  it('the help of each command describes --office', async () => {
    for (const name of ['replay', 'validate', 'diff', 'report', 'queue', 'explain']) {
      const ran = await cli([name, '--help']);
      expect(ran.stdout).toMatch(/^ {2}--office <name> {2,}\S/m);
    }
  });
});
