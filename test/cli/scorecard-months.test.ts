/**
 * The analyst audit: the scorecard report of a long log has a row per person
 * and month. Its columns in force at a time (activeClaims and the quota,
 * CLM-QUOTA; the penalties in force, ROT-PENALTY-HALF; the status) were read
 * for every past month from the final state, which cannot look back: a claim
 * of November counted as active in October, a penalty of November showed as
 * in force in October, the quota counted November's signing. Each past
 * month's are now those of the office as it stood at the month's end.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claim, deal, penalty, staff, status, wang, zhang } from '../support/dsl.js';
import { cli, scratch } from './support.js';

const dir = scratch();
const log = join(dir, 'two-months.jsonl');
const events = [
  staff('S1', {}, '10-01 08:00'),
  staff('S2', {}, '10-01 08:00'),
  // October: S1 claims 张伟 for 10 days; nobody signs.
  claim('10-05 10:00', 'S1', zhang),
  // November: S1 signs (the quarter has a signing: the base quota), claims 王芳; S2 is penalized, then on leave.
  deal('11-10 15:00', 'D1', 'S1', zhang, 'contract'),
  claim('11-20 10:00', 'S1', wang),
  penalty('11-21 09:00', 'S2', 'halfTurns', 30),
  status('11-22 09:00', 'S2', 'leave'),
];
writeFileSync(log, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
const policy = join(dir, 'quota.json');
writeFileSync(policy, JSON.stringify({ ownership: { validityDays: { claim: 10 } }, periods: { quota: { judged: 'soFar' } } }));

interface Row {
  staff: string;
  start: string;
  status: string;
  activeClaims: number;
  quota: number | null;
  flags: string[];
  claims: number;
}

const pick = (r: Row) => ({ staff: r.staff, start: r.start, status: r.status, activeClaims: r.activeClaims, quota: r.quota, flags: r.flags, claims: r.claims });

describe('the scorecard report: each past month as it stood at its end', () => {
  it.each([
    ['replay', []],
    ['replay --jobs 2', ['--jobs', '2']],
  ])('CLM-QUOTA ROT-PENALTY-HALF scorecard (%s): given a claim, a signing and a penalty in November, then October reads its active claims, quota, status and penalties at its end, November at the last event', async (_, extra) => {
    const ran = await cli(['replay', log, '--policy', policy, '--report', 'scorecard', '--format', 'json', ...extra]);
    expect(ran.code).toBe(0);
    const rows = (JSON.parse(ran.stdout) as { reports: { scorecard: { rows: Row[] } } }).reports.scorecard.rows.map(pick);
    expect(rows).toEqual([
      // 张伟's claim lapsed on Oct 16; no signing in the quarter so far: 30 (002 §1.5).
      { staff: 'S1', start: '2026-10-01', status: 'onDuty', activeClaims: 0, quota: 30, flags: [], claims: 1 },
      { staff: 'S2', start: '2026-10-01', status: 'onDuty', activeClaims: 0, quota: 30, flags: [], claims: 0 },
      { staff: 'S1', start: '2026-11-01', status: 'onDuty', activeClaims: 1, quota: 50, flags: [], claims: 1 },
      { staff: 'S2', start: '2026-11-01', status: 'leave', activeClaims: 0, quota: 30, flags: ['halfTurnsInForce'], claims: 0 },
    ]);
  });

  it('scorecard --as-of: the month of --as-of is read at --as-of, the months before it at their ends', async () => {
    const ran = await cli(['replay', log, '--policy', policy, '--report', 'scorecard', '--format', 'json', '--as-of', '2026-11-20T12:00']);
    const rows = (JSON.parse(ran.stdout) as { reports: { scorecard: { rows: Row[] } } }).reports.scorecard.rows.map(pick);
    expect(rows.map((r) => [r.staff, r.start, r.activeClaims, r.quota, r.flags])).toEqual([
      ['S1', '2026-10-01', 0, 30, []],
      ['S2', '2026-10-01', 0, 30, []],
      ['S1', '2026-11-01', 1, 50, []],
      ['S2', '2026-11-01', 0, 30, []],
    ]);
  });
});
