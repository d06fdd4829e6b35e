/**
 * Audit C #5: a redelivered line (an exact duplicate of an id already
 * decided) is a no-op in the engine, and the summaries count it apart: of a
 * line already applied, neither applied nor bad; of a line refused, still a
 * bad line. Every line is accounted for: lines = applied + bad + duplicates
 * + blank + other offices + later.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare, comparer, parseLog, presetPolicy } from '../../src/index.js';
import { cli, scratch } from './support.js';

const line = (o: Record<string, unknown>) => JSON.stringify({ v: 1, office: 'jz', ...o });
const e1 = line({ id: 'e1', at: '2026-11-01T08:00:00+08:00', type: 'changeStaff', staff: 'S01' });
const e2 = line({ id: 'e2', at: '2026-11-01T09:00:00+08:00', type: 'registerVisit', receiver: 'S01', client: { name: '张伟', phone: '13812345678' } });
// Refused (no staff member S99): its redelivery is refused again, a bad line with its issues.
const c1 = line({ id: 'c1', at: '2026-11-01T10:00:00+08:00', type: 'claimClient', staff: 'S99', client: { name: '李娜', phone: '13900001111' } });
const e3 = line({ id: 'e3', at: '2026-11-01T11:00:00+08:00', type: 'registerVisit', receiver: 'S01', client: { name: '王芳', phone: '13700002222' } });
const o1 = JSON.stringify({ v: 1, office: 'other', id: 'o1', at: '2026-11-01T12:00:00+08:00', type: 'changeStaff', staff: 'S1' });

// 3 events applied (e1, e2, e3), 3 duplicates of them (lines 3, 5, 9), 2 bad (c1 and its redelivery), 1 blank.
const one = [e1, e2, e2, '', e1, c1, c1, e3, e3];
const dir = scratch();
const oneLog = join(dir, 'one.jsonl');
writeFileSync(oneLog, `${one.join('\n')}\n`);
// The same, and another office's event twice.
const twoLog = join(dir, 'two.jsonl');
writeFileSync(twoLog, `${[...one, o1, o1].join('\n')}\n`);

interface Summary {
  lines: number;
  events: number;
  duplicates: number;
  badLines: number;
  laterLeftOut?: number;
  otherOfficesLeftOut?: number;
  /** The bad lines' issues (validate lists them as its section, `issues.bad.rows`). */
  bad?: { line: number; code: string }[];
  issues?: { bad: { rows: { line: number; code: string }[] } };
  /** Where the copies stood (given only when there are some). */
  duplicateLines?: number[];
  offices?: { office: string; events: number; duplicates: number; badLines: number; laterLeftOut?: number }[];
}

/** Every line accounted for, once. */
function accounted(s: Summary, blank: number): number {
  return s.events + s.badLines + s.duplicates + blank + (s.otherOfficesLeftOut ?? 0) + (s.laterLeftOut ?? 0);
}

describe('redelivered lines (audit C #5)', () => {
  it.each([
    ['validate', ['validate', oneLog, '--format', 'json']],
    ['replay', ['replay', oneLog, '--format', 'json', '--report', 'owners']],
    ['diff', ['diff', oneLog, '--policy', 'jiuzhou', '--policy', 'shenyang', '--format', 'json', '--report', 'owners']],
  ])('%s: an exact duplicate of an applied line is neither applied nor bad; of a refused line, bad', async (_, args) => {
    const ran = await cli(args);
    expect(ran.code).toBe(2);
    const s = JSON.parse(ran.stdout) as Summary;
    expect({ lines: s.lines, events: s.events, duplicates: s.duplicates, badLines: s.badLines }).toEqual({ lines: 9, events: 3, duplicates: 3, badLines: 2 });
    expect((s.bad ?? s.issues?.bad.rows)?.map((b) => [b.line, b.code])).toEqual([
      [6, 'unknown_staff'],
      [7, 'unknown_staff'],
    ]);
    expect(s.duplicateLines).toEqual([3, 5, 9]);
    expect(accounted(s, 1)).toBe(s.lines);
  });

  it("the comparer says which side took a line as a redelivery, and a comparison's events applied leave redeliveries out", () => {
    const { events } = parseLog(one.join('\n'));
    const c = comparer(presetPolicy('jiuzhou'), presetPolicy('shenyang'));
    const steps = events.map((e) => c.push(e));
    expect(steps.map((s) => s.redelivered.a && s.redelivered.b)).toEqual([false, false, true, true, false, true, false, true]);
    expect(steps.map((s) => s.a.length > 0)).toEqual([false, false, false, false, true, true, false, false]);
    const diff = compare(events, presetPolicy('jiuzhou'), presetPolicy('shenyang'));
    expect([diff.a.events, diff.b.events]).toEqual([3, 3]);
  });

  it('the table summaries say how many duplicate lines were left out', async () => {
    const [validated, replayed, diffed] = await Promise.all([
      cli(['validate', oneLog]),
      cli(['replay', oneLog, '--report', 'owners']),
      cli(['diff', oneLog, '--policy', 'jiuzhou', '--policy', 'shenyang', '--report', 'owners']),
    ]);
    expect(validated.stdout).toContain('one.jsonl: 9 lines, 3 events applied under default, 3 duplicate lines (redeliveries of an id already applied) left out, 1 blank line.\n  duplicate lines: 3, 5, 9\n2 bad lines skipped');
    expect(replayed.stderr).toContain('\n  duplicate lines: 3, 5, 9\n');
    expect(diffed.stderr).toContain('\n  duplicate lines: 3, 5, 9\n');
    expect(replayed.stderr).toMatch(/one\.jsonl: 9 lines, 3 events applied under default, 3 duplicate lines \(redeliveries of an id already applied\) left out, 1 blank line in \d+\.\d s\./);
    expect(diffed.stderr).toMatch(/one\.jsonl: 9 lines, 3 events applied under jiuzhou and shenyang, 3 duplicate lines \(redeliveries of an id already applied\) left out, 1 blank line in \d+\.\d s\./);
    // One duplicate: singular.
    const single = join(scratch(), 'single.jsonl');
    writeFileSync(single, `${[e1, e1].join('\n')}\n`);
    expect((await cli(['validate', single])).stdout).toBe('single.jsonl: 2 lines, 1 events applied under default, 1 duplicate line (a redelivery of an id already applied) left out.\n  duplicate line: 2\nNo bad lines.\n');
    // A clean log says nothing of duplicates, in JSON as in the table.
    const clean = join(scratch(), 'clean.jsonl');
    writeFileSync(clean, `${e1}\n`);
    expect(JSON.parse((await cli(['validate', clean, '--format', 'json'])).stdout)).not.toHaveProperty('duplicateLines');
    expect((await cli(['validate', clean])).stdout).not.toContain('duplicate');
    // More copies than stderr names (20): the first are named, and the count in all; validate names every one.
    const many = join(scratch(), 'many.jsonl');
    writeFileSync(many, `${Array.from({ length: 26 }, () => e1).join('\n')}\n`);
    const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i).join(', ');
    expect((await cli(['replay', many, '--report', 'owners'])).stderr).toContain(`\n  duplicate lines: ${lines(2, 21)} (… 25 in all)\n`);
    expect((await cli(['validate', many])).stdout).toContain(`\n  duplicate lines: ${lines(2, 26)}\n`);
  });

  it('--as-of: lines after it are later, duplicates or not; the rest still add up', async () => {
    const ran = await cli(['replay', oneLog, '--format', 'json', '--report', 'owners', '--as-of', '2026-11-01T10:30']);
    const s = JSON.parse(ran.stdout) as Summary;
    expect({ events: s.events, duplicates: s.duplicates, badLines: s.badLines, laterLeftOut: s.laterLeftOut }).toEqual({ events: 2, duplicates: 2, badLines: 2, laterLeftOut: 2 });
    expect(accounted(s, 1)).toBe(s.lines);
  });

  it('a log of several offices: duplicates per office and in total, the same in validate and replay, and under --jobs 2', async () => {
    const expected = [
      { office: 'jz', events: 3, duplicates: 3, badLines: 2 },
      { office: 'other', events: 1, duplicates: 1, badLines: 0 },
    ];
    const runs = await Promise.all([
      cli(['validate', twoLog, '--format', 'json']),
      cli(['replay', twoLog, '--format', 'json', '--report', 'owners']),
      cli(['replay', twoLog, '--format', 'json', '--report', 'owners', '--jobs', '2']),
    ]);
    for (const ran of runs) {
      const s = JSON.parse(ran.stdout) as Summary;
      expect(s.offices).toEqual(expected);
      // The other office's copy (line 11) among jz's, in line order, whichever worker read it.
      expect(s.duplicateLines).toEqual([3, 5, 9, 11]);
      expect({ lines: s.lines, events: s.events, duplicates: s.duplicates, badLines: s.badLines }).toEqual({ lines: 11, events: 4, duplicates: 4, badLines: 2 });
      expect(accounted(s, 1)).toBe(s.lines);
    }
    const table = await cli(['validate', twoLog]);
    expect(table.stdout).toContain('\n  office jz: 3 events applied, 3 duplicate lines left out, 2 bad lines\n  office other: 1 events applied, 1 duplicate line left out, 0 bad lines\n');
  });

  it('--office: the other offices\u2019 lines are left out, duplicates among them', async () => {
    const ran = await cli(['replay', twoLog, '--format', 'json', '--report', 'owners', '--office', 'jz']);
    const s = JSON.parse(ran.stdout) as Summary;
    expect({ events: s.events, duplicates: s.duplicates, badLines: s.badLines, otherOfficesLeftOut: s.otherOfficesLeftOut }).toEqual({ events: 3, duplicates: 3, badLines: 2, otherOfficesLeftOut: 2 });
    expect(accounted(s, 1)).toBe(s.lines);
  });
});
