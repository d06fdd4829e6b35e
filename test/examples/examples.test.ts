/**
 * The examples stay true: the CRM walkthrough resumes to the same state as a
 * replay, the notebook is the script CI runs, and the bundled logs are what
 * the seeded generator makes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OfficeService, walkthrough, type Reply } from '../../examples/crm-backend.js';
import { corrupt, generate, options, UsageError } from '../../examples/generate.js';
import { CHARTS, cellDifferences, cellsOf, executionProblems, notebookOf, outputDifferences } from '../../examples/notebook.js';
import { ingest, initialState, ownerOf, parseLog, staffList, replay, toSnapshot } from '../../src/index.js';
import { dayLog, root } from '../cli/support.js';

const read = (path: string) => readFileSync(join(root, path), 'utf8');
const generated = (argv: string[]) => {
  const lines: string[] = [];
  generate(options(argv), (line) => lines.push(line));
  return lines;
};

describe('examples/crm-backend.ts: apply one event at a time, journal, snapshot, resume', () => {
  it('refuses bad requests with issues, applying nothing, refuses a refused id again after a restart, ignores a redelivery, and resumes to the state the engine gives', () => {
    const dir = mkdtempSync(join(tmpdir(), 'salesfloor-crm-test-'));
    const said: string[] = [];
    const outcome = walkthrough(dir, dayLog, (line) => said.push(line), 20);
    expect(outcome.accepted).toBe(readFileSync(dayLog, 'utf8').trim().split('\n').length);
    expect(outcome.refused.map((r) => r.errors.join(' '))).toEqual([
      expect.stringContaining('invalid_json'),
      expect.stringContaining('unknown_staff'),
      expect.stringContaining('out_of_order'),
      expect.stringContaining('invalid_type'),
      expect.stringMatching(/a redelivery of r2.*unknown_staff/),
    ]);
    expect(outcome.duplicates).toBe(1);
    expect(outcome.resumedMatchesReplay).toBe(true);
    expect(existsSync(join(dir, 'snapshot.json'))).toBe(true);
    expect(said.some((l) => l.startsWith('restarted at '))).toBe(true);
  });
});

describe('examples/crm-backend.ts: a refused id stays refused, across a restart too', () => {
  const ev = (id: string, at: string, rest: object) => JSON.stringify({ v: 1, id, at, office: 'jz', ...rest });
  const s1 = ev('s1', '2026-11-01T08:30:00+08:00', { type: 'changeStaff', staff: 'S01', name: '李娜' });
  // The claim comes before the changeStaff that adds its salesperson, and is redelivered after it.
  const c1 = ev('c1', '2026-11-01T10:00:00+08:00', { type: 'claimClient', staff: 'S02', client: { name: '张伟', phone: '13812345678' } });
  const s2 = ev('s2', '2026-11-01T09:00:00+08:00', { type: 'changeStaff', staff: 'S02', name: '王强' });
  const codes = (reply: Reply) => (reply.status === 400 ? reply.issues.map((i) => i.code) : 'duplicate' in reply ? 'duplicate' : 'applied');

  it.each([false, true])('a refused claim redelivered after its cause was fixed is refused again (restart: %s)', (restart) => {
    const dir = mkdtempSync(join(tmpdir(), 'salesfloor-crm-refused-'));
    let service = OfficeService.open(dir, {}, 1);
    expect([s1, c1, s2].map((b) => codes(service.handle(b)))).toEqual(['applied', ['unknown_staff'], 'applied']);
    if (restart) service = OfficeService.open(dir, {}, 1);
    expect(codes(service.handle(c1))).toEqual(['unknown_staff']);
    expect(codes(service.handle(c1.replace('13812345678', '13812345679')))).toEqual(['duplicate_conflict']);
    expect(ownerOf(service.current, '13812345678')?.owner ?? null).toBeNull();
    // The state is the engine's for these deliveries, refusals remembered; the journal holds what it is built from.
    const engine = [s1, c1, s2].reduce((state, b) => ingest(state, JSON.parse(b)).state, initialState());
    expect(JSON.stringify(toSnapshot(service.current))).toBe(JSON.stringify(toSnapshot(engine)));
    expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['s1', 'c1', 's2']);
  });

  it('resumes from a snapshot taken after a refusal, and from one taken before it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'salesfloor-crm-refused-'));
    const service = OfficeService.open(dir, {}, 1000);
    service.handle(s1);
    service.snapshot(); // before the refusal: the journal's tail holds it
    service.handle(c1);
    expect(codes(OfficeService.open(dir, {}, 1000).handle(c1))).toEqual(['unknown_staff']);
    service.snapshot(); // after it: the snapshot holds it
    service.handle(s2);
    const resumed = OfficeService.open(dir, {}, 1000);
    expect(codes(resumed.handle(c1))).toEqual(['unknown_staff']);
    expect(JSON.stringify(toSnapshot(resumed.current))).toBe(JSON.stringify(toSnapshot(service.current)));
  });
});

describe('examples/analyst.ipynb is the script examples/analyst.ts', () => {
  const notebook = read('examples/analyst.ipynb');
  const parsed = JSON.parse(notebook) as { nbformat: number; nbformat_minor: number; metadata: { kernelspec: { name: string } }; cells: { cell_type: string; id?: string }[] };

  it('holds exactly the cells of the script (rebuild with npx tsx examples/notebook.ts)', () => {
    expect(cellDifferences(notebook, read('examples/analyst.ts'))).toEqual([]);
  });

  it('is an nbformat 4.5 notebook for tslab whose cells all have unique ids', () => {
    expect([parsed.nbformat, parsed.nbformat_minor >= 5, parsed.metadata.kernelspec.name]).toEqual([4, true, 'tslab']);
    const ids = parsed.cells.map((c) => c.id ?? '');
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(parsed.cells.map((c) => c.cell_type))).toEqual(new Set(['markdown', 'code']));
  });

  it('is saved with the outputs of a clean run, its charts included (npm run notebook:execute)', () => {
    expect(executionProblems(notebook, CHARTS)).toEqual([]);
  });

  it('splits percent-format cells, strips the comment marks of markdown and numbers the ids', () => {
    const cells = cellsOf('// %% [markdown]\n// # Title\n//\n// text\n\n// %%\nconst a = 1;\nconsole.log(a);\n');
    expect(cells.map((c) => [c.id, c.cell_type, c.source.join('')])).toEqual([
      ['cell-01', 'markdown', '# Title\n\ntext'],
      ['cell-02', 'code', 'const a = 1;\nconsole.log(a);'],
    ]);
  });

  it('keeps the outputs of unchanged cells when rebuilt, and drops those of changed ones', () => {
    const script = '// %%\nconsole.log(1);\n\n// %%\nconsole.log(2);\n';
    const ran = JSON.parse(notebookOf(script)) as { cells: { outputs: unknown[] }[] };
    for (const c of ran.cells) c.outputs = [{ output_type: 'stream', name: 'stdout', text: ['x\n'] }];
    const rebuilt = JSON.parse(notebookOf(script.replace('console.log(2)', 'console.log(3)'), JSON.stringify(ran))) as { cells: { outputs: unknown[] }[] };
    expect(rebuilt.cells.map((c) => c.outputs.length)).toEqual([1, 0]);
  });

  it('finds the cells whose saved outputs a fresh run no longer prints (stale outputs), execution times aside', () => {
    const run = (text: string, at: string) => JSON.stringify({ cells: [{ cell_type: 'markdown', id: 'm' }, { cell_type: 'code', id: 'a', metadata: { execution: { at } }, outputs: [{ output_type: 'stream', name: 'stdout', text: [text] }] }] });
    expect(outputDifferences(run('owner S01', '06:00'), run('owner S01', '15:00'))).toEqual([]);
    expect(outputDifferences(run('— unnamedOldClient', '06:00'), run('— in words', '15:00'))).toEqual(['cell a: its saved outputs are not what a fresh run prints']);
  });

  it('finds what went wrong in an executed notebook: errors, stderr, missing charts', () => {
    const bad = JSON.stringify({
      cells: [
        { cell_type: 'code', id: 'a', outputs: [{ output_type: 'stream', name: 'stderr', text: ['1:1 - Cannot find module'] }] },
        { cell_type: 'code', id: 'b', outputs: [{ output_type: 'error', ename: 'TypeError' }] },
      ],
    });
    expect(executionProblems(bad, 1)).toEqual(['cell a wrote to stderr: 1:1 - Cannot find module', 'cell b: TypeError', '0 SVG charts, expected at least 1']);
  });
});

describe('examples/generate.ts: its command line', () => {
  it('refuses unknown flags and values out of range, naming them', () => {
    expect(() => options(['--evnets', '5'])).toThrow(UsageError);
    expect(() => options(['--events=-3'])).toThrow(/--events "-3": expected a whole number/);
    expect(() => options(['--returning', '1.5'])).toThrow(/--returning/);
    expect(() => options(['--start', '10/01/2026'])).toThrow(/--start/);
    expect(options(['--out', 'x.jsonl', '--events', '10'])).toMatchObject({ out: 'x.jsonl', events: 10, force: false });
  });

  it('needs --out, and replaces an existing file only with --force; --help prints the usage', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'examples/generate.ts'), ...args], { cwd: root, encoding: 'utf8' });
    const bundled = statSync(join(root, 'examples/logs/office-month.jsonl')).mtimeMs;
    const bare = run();
    expect(bare.status).toBe(1);
    expect(bare.stderr).toContain('--out FILE is required');
    expect(statSync(join(root, 'examples/logs/office-month.jsonl')).mtimeMs).toBe(bundled);
    const file = join(mkdtempSync(join(tmpdir(), 'salesfloor-generate-')), 'day.jsonl');
    writeFileSync(file, 'keep me\n');
    const kept = run('--out', file, '--days', '1');
    expect(kept.status).toBe(1);
    expect(kept.stderr).toContain('pass --force');
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--out FILE');
  }, 60_000);
});

describe('examples/generate.ts: the bundled logs are reproducible and realistic', () => {
  it('the default seed makes examples/logs/office-month.jsonl, byte for byte', () => {
    expect(`${generated([]).join('\n')}\n`).toBe(read('examples/logs/office-month.jsonl'));
  });

  it('--days 1 --corrupt 8 makes examples/logs/office-day-corrupt.jsonl', () => {
    const lines = corrupt(generated(['--days', '1']), 8, options([]).seed);
    expect(`${lines.join('\n')}\n`).toBe(read('examples/logs/office-day-corrupt.jsonl'));
  });

  it('the month is one office, 15 to 25 staff with Chinese names, a few thousand events', () => {
    const { events, issues } = parseLog(read('examples/logs/office-month.jsonl'));
    expect(issues).toEqual([]);
    expect(events.length).toBeGreaterThan(2000);
    expect(events.length).toBeLessThan(10_000);
    expect(new Set(events.map((e) => e.office)).size).toBe(1);
    const staff = staffList(replay(events).state);
    expect(staff.length).toBeGreaterThanOrEqual(15);
    expect(staff.length).toBeLessThanOrEqual(25);
    expect(staff.every((m) => /^[\u4e00-\u9fff]{2,3}$/.test(m.name))).toBe(true);
  });

  it('--events N writes exactly N events (for benchmark logs of millions)', () => {
    expect(generated(['--events', '5000'])).toHaveLength(5000);
    expect(generated(['--events', '300', '--seed', '7'])).not.toEqual(generated(['--events', '300']));
  });
});
