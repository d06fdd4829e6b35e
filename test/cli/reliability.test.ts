/**
 * Issue 13, command line: bad bytes and huge lines are named, --as leaks
 * no one else's clients, I/O errors are errors (not crashes), a pipe does
 * not hide bad input, terminal escapes stay inert, policy files are read
 * strictly but with a byte order mark.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodes } from '../../src/cli/io.js';
import { cli, monthLog, root, scratch } from './support.js';

const at = (hhmm: string, day = '01') => `2026-11-${day}T${hhmm}:00+08:00`;
const line = (o: Record<string, unknown>) => JSON.stringify({ v: 1, office: 'jz', ...o });
const roster = [
  line({ id: 's1', type: 'changeStaff', at: at('08:00'), staff: 'S01', name: '李娜' }),
  line({ id: 's2', type: 'changeStaff', at: at('08:00'), staff: 'S02', name: '王强' }),
];
const visits = [
  line({ id: 'e1', type: 'registerVisit', at: at('10:00'), client: { name: '张伟', phone: '13812345678' }, receiver: 'S01' }),
  line({ id: 'e2', type: 'registerVisit', at: at('10:10'), client: { name: '刘洋', phone: '13900001111' }, receiver: 'S02' }),
  line({ id: 'e3', type: 'closeDeal', at: at('15:00'), deal: 'D1', client: { phone: '13812345678' }, staff: 'S01', stage: 'contract', unit: '1-101', amount: '1000000' }),
  line({ id: 'e4', type: 'closeDeal', at: at('15:10'), deal: 'D2', client: { phone: '13900001111' }, staff: 'S02', stage: 'contract', unit: '1-102', amount: '2000000' }),
];

function logFile(cwd: string, content: string | Buffer, name = 'log.jsonl'): string {
  const file = join(cwd, name);
  writeFileSync(file, content);
  return file;
}

describe('issue 13 #6: invalid UTF-8 is a bad line, named and quarantined', () => {
  it('validate exits 2 and names the line; the rest is read', async () => {
    const cwd = scratch();
    const bad = Buffer.concat([Buffer.from(line({ id: 'e9', type: 'registerVisit', at: at('11:00'), client: { name: '张' } }).replace('张', '张\u0000')), Buffer.from('\n')]);
    bad[bad.indexOf(0)] = 0xff;
    const file = logFile(cwd, Buffer.concat([Buffer.from(`${[...roster, visits[0]].join('\n')}\n`), bad, Buffer.from(`${visits[1]}\n`)]));
    const ran = await cli(['validate', file, '--format', 'json', '--quarantine', join(cwd, 'q.jsonl')], { cwd });
    expect(ran.code).toBe(exitCodes.badInput);
    const report = JSON.parse(ran.stdout) as { events: number; issues: { bad: { rows: { line: number; code: string }[] } } };
    expect(report.issues.bad.rows).toEqual([expect.objectContaining({ line: 4, code: 'invalid_utf8' })]);
    expect(report.events).toBe(4);
    expect(readFileSync(join(cwd, 'q.jsonl'), 'utf8')).toMatch(/"line":4.*invalid_utf8/);
  });
});

describe('issue 13: a huge line is refused without holding it', () => {
  it('a 5 MB line is line_too_long; the lines around it are read', async () => {
    const cwd = scratch();
    const huge = line({ id: 'h', type: 'registerVisit', at: at('11:00'), note: 'n'.repeat(5_000_000) });
    const file = logFile(cwd, `${[...roster, huge, ...visits].join('\n')}\n`);
    const ran = await cli(['validate', file, '--format', 'json', '--quarantine', join(cwd, 'q.jsonl')], { cwd });
    expect(ran.code).toBe(exitCodes.badInput);
    const report = JSON.parse(ran.stdout) as { events: number; issues: { bad: { rows: { line: number; code: string }[] } } };
    expect(report.issues.bad.rows).toEqual([expect.objectContaining({ line: 3, code: 'line_too_long' })]);
    expect(report.events).toBe(6);
    expect(readFileSync(join(cwd, 'q.jsonl'), 'utf8').length).toBeLessThan(10_000);
  });
});

describe('issue 13 #5: --as shows a salesperson their own, and no one else\'s', () => {
  const content = `${[...roster, ...visits, line({ id: 'b1', type: 'teleport', at: at('16:00'), client: { name: '刘洋', phone: '13900001111' }, staff: 'S02' }), line({ id: 'b2', type: 'teleport', at: at('16:00'), staff: 'S01', client: { name: '张伟' } })].join('\n')}\n`;

  it('the quarantine under --as holds the text of their own bad lines only', async () => {
    const cwd = scratch();
    const file = logFile(cwd, content);
    const ran = await cli(['replay', file, '--as', 'S01', '--format', 'json', '--quarantine', join(cwd, 'q.jsonl')], { cwd });
    expect(ran.code).toBe(exitCodes.badInput);
    const quarantine = readFileSync(join(cwd, 'q.jsonl'), 'utf8');
    expect(quarantine).not.toContain('刘洋');
    expect(quarantine).toContain('张伟');
    expect(quarantine.split('\n').filter(Boolean)).toHaveLength(2);
    expect(ran.stderr).not.toContain('刘洋');
  });

  it('scorecards, commissions and credits show only their own rows', async () => {
    const cwd = scratch();
    const file = logFile(cwd, content);
    // The default names no commission rate: 000 §14's tiers, so that there are commission rows to withhold.
    writeFileSync(join(cwd, 'tiers.json'), JSON.stringify({ deals: { commission: { rates: { neither: '1.8', one: '2', both: '2.3', above: '2.5' } } } }));
    const ran = await cli(['replay', file, '--as', 'S01', '--policy', 'tiers.json', '--format', 'json', '--report', 'scorecard', '--report', 'commissions', '--report', 'credits'], { cwd });
    const doc = JSON.parse(ran.stdout) as { reports: Record<string, { rows: { staff: string }[]; withheld: number }> };
    for (const name of ['scorecard', 'commissions', 'credits']) {
      const section = doc.reports[name];
      expect(section?.rows.map((r) => r.staff)).toEqual(['S01']);
      expect(section?.withheld).toBeGreaterThan(0);
    }
    expect(ran.stdout).not.toContain('王强');
  });

  it('diff under --as shows their own months, turns and refused events only', async () => {
    const args = ['diff', monthLog, '--policy', 'jiuzhou', '--policy', 'shenyang', '--format', 'json', '--report', 'months', '--report', 'turns', '--report', 'refusals'];
    const [all, mine] = await Promise.all([cli(args), cli([...args, '--as', 'S01'])]);
    type Doc = { reports: Record<string, { rows: { staff: string | null }[]; withheld: number }> };
    const [everyone, own] = [JSON.parse(all.stdout) as Doc, JSON.parse(mine.stdout) as Doc];
    for (const name of ['months', 'turns']) {
      // The comparison has other salespeople's rows, so the filter has something to withhold.
      expect(new Set(everyone.reports[name]?.rows.map((r) => r.staff)).size).toBeGreaterThan(1);
      expect(own.reports[name]?.rows.map((r) => r.staff)).toEqual(everyone.reports[name]?.rows.filter((r) => r.staff === 'S01').map((r) => r.staff));
      expect(own.reports[name]?.withheld).toBe((everyone.reports[name]?.rows.length ?? 0) - (own.reports[name]?.rows.length ?? 0));
    }
    expect(own.reports['refusals']?.rows.every((r) => r.staff === 'S01')).toBe(true);
  });
});

describe('issue 13 #8: I/O errors are clear errors with their own exit code', () => {
  const content = `${[...roster, ...visits, 'not json'].join('\n')}\n`;

  it.each([
    ['--out under a file', (cwd: string) => ['replay', logFile(cwd, content), '--out', join(logFile(cwd, 'x', 'file.txt'), 'out')]],
    ['--out in a directory no one may write', (cwd: string) => ['replay', logFile(cwd, content), '--out', '/sys/salesfloor-out', '--quarantine', join(cwd, 'q.jsonl')]],
    ['an unwritable quarantine', (cwd: string) => ['validate', logFile(cwd, content), '--quarantine', '/sys/q.jsonl']],
    ['a quarantine under a file', (cwd: string) => ['validate', logFile(cwd, content), '--quarantine', join(logFile(cwd, 'x', 'file.txt'), 'q.jsonl')]],
  ])('%s', async (_what, args) => {
    const cwd = scratch();
    const ran = await cli(args(cwd), { cwd });
    expect(ran.code).toBe(exitCodes.output);
    expect(ran.stderr).toMatch(/cannot write/);
    expect(ran.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('validate from a read-only working directory still names the bad lines, then reports the quarantine it could not write', async () => {
    const cwd = scratch();
    const file = logFile(cwd, content);
    const ran = await cli(['validate', file], { cwd: '/sys' });
    expect(ran.code).toBe(exitCodes.output);
    expect(ran.stdout).toMatch(/line 7: not valid JSON/);
    expect(ran.stderr).toMatch(/cannot write the quarantine file .*--quarantine/);
  });
});

describe('issue 13: nothing valid is lost', () => {
  it('a quarantine that is the log itself is refused before the log is touched', async () => {
    const cwd = scratch();
    const content = `${[...roster, 'not json'].join('\n')}\n`;
    const file = logFile(cwd, content);
    const ran = await cli(['validate', file, '--quarantine', file], { cwd });
    expect(ran.code).toBe(exitCodes.usage);
    expect(ran.stderr).toMatch(/is the log itself/);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it.each([
    ['a log named like a report file, --out its folder', 'owners.csv', (file: string, cwd: string) => ['replay', file, '--format', 'csv', '--out', cwd]],
    ['a log named summary.json, --out its folder', 'summary.json', (file: string, cwd: string) => ['replay', file, '--out', cwd]],
    ['a log named quarantine.jsonl, --out its folder', 'quarantine.jsonl', (file: string, cwd: string) => ['replay', file, '--format', 'json', '--out', cwd]],
    ['the page written over the log', 'log.jsonl', (file: string) => ['report', file, '--out', file]],
  ])('%s is refused before anything is written', async (_what, name, args) => {
    const cwd = scratch();
    const content = `${[...roster, ...visits, 'not json'].join('\n')}\n`;
    const file = logFile(cwd, content, name);
    const ran = await cli(args(file, cwd), { cwd });
    expect(ran.code).toBe(exitCodes.usage);
    expect(ran.stderr).toMatch(/is the log itself: writing there would overwrite/);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('a policy file named like a report file in --out is refused too', async () => {
    const cwd = scratch();
    const policy = join(cwd, 'owners.json');
    writeFileSync(policy, '{}');
    const ran = await cli(['replay', logFile(cwd, `${[...roster, ...visits].join('\n')}\n`), '--policy', policy, '--format', 'json', '--out', cwd], { cwd });
    expect(ran.code).toBe(exitCodes.usage);
    expect(ran.stderr).toMatch(/owners\.json is the policy file/);
    expect(readFileSync(policy, 'utf8')).toBe('{}');
  });
});

describe('issue 13 #9: a pipe does not hide bad input', () => {
  it('validate bad.jsonl | head -1 still exits 2 (EPIPE is quiet)', async () => {
    const cwd = scratch();
    const bad = Array.from({ length: 3000 }, (_, i) => `not json ${i}`);
    const file = logFile(cwd, `${[...roster, ...bad].join('\n')}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'validate', file, '--quarantine', join(cwd, 'q.jsonl')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // head -1: read the first line, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(stderr).not.toMatch(/internal error|EPIPE/);
    expect(code).toBe(exitCodes.badInput);
  }, 60_000);
});

describe('issue 13 #11: control characters never reach the terminal', () => {
  it('names with ESC, BEL or NUL are shown escaped in tables and on stderr', async () => {
    const cwd = scratch();
    const evil = '\u001b]0;pwned\u0007\u0000\u009b31m';
    const file = logFile(cwd, `${[line({ id: 's1', type: 'changeStaff', at: at('08:00'), staff: 'S01', name: `李${evil}娜` }), line({ id: 'e1', type: 'registerVisit', at: at('10:00'), client: { name: `张${evil}伟` }, receiver: 'S01' }), line({ id: 'b', type: `x${evil}` })].join('\n')}\n`);
    for (const args of [['replay', file], ['replay', file, '--format', 'csv', '--report', 'owners'], ['validate', file], ['explain', file, 'e1']]) {
      const ran = await cli([...args, '--quarantine', join(cwd, 'q.jsonl')], { cwd });
      expect(`${ran.stdout}${ran.stderr}`).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    }
    const ran = await cli(['replay', file, '--report', 'owners'], { cwd });
    expect(ran.stdout).toContain('\\u001b]0;pwned');
  });
});

describe('issue 13 #12: policy files', () => {
  it('a policy file holding null is refused, not read as the defaults', async () => {
    const cwd = scratch();
    writeFileSync(join(cwd, 'p.json'), 'null');
    const ran = await cli(['validate', logFile(cwd, `${roster.join('\n')}\n`), '--policy', 'p.json'], { cwd });
    expect(ran.code).toBe(exitCodes.usage);
    expect(ran.stderr).toMatch(/p\.json/);
  });

  it('a policy file with a byte order mark is read', async () => {
    const cwd = scratch();
    writeFileSync(join(cwd, 'p.json'), '\uFEFF{"ownership":{"validityDays":{"visit":30}}}');
    const ran = await cli(['validate', logFile(cwd, `${roster.join('\n')}\n`), '--policy', 'p.json'], { cwd });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(exitCodes.clean);
  });

  it('a log with a byte order mark is read from its first line', async () => {
    const cwd = scratch();
    const ran = await cli(['validate', logFile(cwd, `\uFEFF${roster.join('\n')}\n`)], { cwd });
    expect(ran.code).toBe(exitCodes.clean);
  });
});

mkdirSync(scratch(), { recursive: true });
