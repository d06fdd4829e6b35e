/**
 * The analyst audit: every line of a log is accounted for in the summary,
 * blank ones too. A log with blank lines (a log joined from files, a line
 * of spaces left by an editor) used to leave them out of every count, so
 * that lines never added up to what the summary named.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, scratch } from './support.js';

const line = (o: Record<string, unknown>) => JSON.stringify({ v: 1, office: 'jz', ...o });
const e1 = line({ id: 'e1', at: '2026-11-01T08:00:00+08:00', type: 'changeStaff', staff: 'S01' });
const e2 = line({ id: 'e2', at: '2026-11-01T09:00:00+08:00', type: 'registerVisit', receiver: 'S01', client: { name: '张伟', phone: '13812345678' } });
const bad = line({ id: 'c1', at: '2026-11-01T10:00:00+08:00', type: 'claimClient', staff: 'S99', client: { name: '李娜', phone: '13900001111' } });
const o1 = JSON.stringify({ v: 1, office: 'other', id: 'o1', at: '2026-11-01T12:00:00+08:00', type: 'changeStaff', staff: 'S1' });

// 2 applied, 1 duplicate, 1 bad, 3 blank (an empty line, spaces, a tab).
const dir = scratch();
const log = join(dir, 'blank.jsonl');
writeFileSync(log, `${[e1, '', e2, '   ', e2, '\t', bad].join('\n')}\n`);
const several = join(dir, 'several.jsonl');
writeFileSync(several, `${[e1, '', e2, '   ', o1, bad].join('\n')}\n`);

interface Summary {
  lines: number;
  events: number;
  duplicates: number;
  badLines: number;
  blankLines?: number;
  otherOfficesLeftOut?: number;
  laterLeftOut?: number;
}

const accounted = (s: Summary) => s.events + s.duplicates + s.badLines + (s.blankLines ?? 0) + (s.otherOfficesLeftOut ?? 0) + (s.laterLeftOut ?? 0);

describe('the summary counts blank lines', () => {
  it.each([
    ['validate', ['validate', log, '--format', 'json']],
    ['replay', ['replay', log, '--format', 'json', '--report', 'owners']],
    ['diff', ['diff', log, '--policy', 'jiuzhou', '--policy', 'shenyang', '--format', 'json', '--report', 'owners']],
    ['replay --office', ['replay', several, '--office', 'jz', '--format', 'json', '--report', 'owners']],
    ['replay --jobs 2', ['replay', several, '--jobs', '2', '--format', 'json', '--report', 'owners']],
  ])('%s: given blank lines, then the JSON summary has blankLines and every line is accounted for', async (_, args) => {
    const ran = await cli(args);
    const s = JSON.parse(ran.stdout) as Summary;
    expect(s.blankLines).toBe(args.includes(several) ? 2 : 3);
    expect(accounted(s)).toBe(s.lines);
  });

  it('validate and replay: given blank lines, then the summary line names them; with none, it says nothing of them', async () => {
    const validated = await cli(['validate', log]);
    expect(validated.stdout).toContain('blank.jsonl: 7 lines, 2 events applied under default, 1 duplicate line (a redelivery of an id already applied) left out, 3 blank lines.\n  duplicate line: 5\n1 bad line skipped');
    const replayed = await cli(['replay', log, '--report', 'owners']);
    expect(replayed.stderr).toMatch(/blank\.jsonl: 7 lines, 2 events applied under default, 1 duplicate line \(a redelivery of an id already applied\) left out, 3 blank lines in \d+\.\d s\./);
    const clean = join(scratch(), 'clean.jsonl');
    writeFileSync(clean, `${[e1, e2].join('\n')}\n`);
    const none = await cli(['validate', clean, '--format', 'json']);
    expect(JSON.parse(none.stdout)).not.toHaveProperty('blankLines');
    expect((await cli(['validate', clean])).stdout).toBe('clean.jsonl: 2 lines, 2 events applied under default.\nNo bad lines.\n');
  });
});
