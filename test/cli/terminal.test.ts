/**
 * Tables for people at a terminal (issue 14 #4): display widths of CJK,
 * emoji, combining marks and zero-width characters; numbers right-aligned;
 * wide tables folded or cut to `--columns`; a summary by default and every
 * row with `--full`; progress with a rate and an ETA; Ctrl-C removing the
 * partial outputs; explain refusing to guess between clients of one name;
 * the commission diff naming every person.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { differences, differenceColumnsOf } from '../../src/cli/differences.js';
import { tableLines } from '../../src/cli/format.js';
import { exitCodes, type Output } from '../../src/cli/io.js';
import { interruptedMessage, Leftovers } from '../../src/cli/leftovers.js';
import { progress, progressText } from '../../src/cli/progress.js';
import { reports, type Report, type Row } from '../../src/cli/reports.js';
import { cutTo, displayWidth, terminalWidth } from '../../src/cli/width.js';
import { SUMMARY_ROWS } from '../../src/cli/commands.js';
import { presetCatalog } from '../../src/index.js';
import { cli, monthLog, root, scratch } from './support.js';

const same = (t: string) => t;
const report = (name: string): Report => reports.find((r) => r.name === name) as Report;
const jsonRows = (stdout: string, name: string) => (JSON.parse(stdout) as { reports: Record<string, { rows: Row[] }> }).reports[name]?.rows ?? [];

/** Where a column starts on each line, in display columns. */
const startOf = (line: string, marker: string) => displayWidth(line.slice(0, line.indexOf(marker)));

describe('display widths (string-width)', () => {
  it('count CJK and emoji as two columns, a ZWJ family as one emoji, combining marks and zero-width characters as none', () => {
    expect(displayWidth('林华')).toBe(4);
    expect(displayWidth('👍')).toBe(2);
    expect(displayWidth('👩‍👩‍👧')).toBe(2);
    expect(displayWidth('🇨🇳')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('a\u200bb')).toBe(2);
    expect(displayWidth('\u3000')).toBe(2);
  });

  it('line up the next column whatever the names hold', () => {
    const names = ['Li', '林华', '👩‍👩‍👧 家', 'Zoe\u0301', 'a\u200bb', '欧阳娜娜'];
    const lines = [...tableLines(['name', 'owner'], names.map((name, i) => ({ name, owner: `S0${i}` })), same)];
    const [header, , ...body] = lines;
    const at = [startOf(header ?? '', 'owner'), ...body.map((l) => startOf(l, 'S0'))];
    expect(new Set(at)).toEqual(new Set([displayWidth('欧阳娜娜') + 2]));
  });

  it('cut long text without splitting an emoji sequence or a letter from its accent', () => {
    const cut = cutTo('👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧', 4);
    expect(cut).toBe('👩‍👩‍👧…');
    expect(cutTo('e\u0301e\u0301e\u0301', 2)).toBe('e\u0301…');
  });
});

describe('numbers are right-aligned', () => {
  it('numbers and decimal strings end in one column, text starts in one column, the number header is right-aligned', () => {
    const rows = [
      { staff: 'S01', payable: '2070.00', deals: 3 },
      { staff: 'S123', payable: '24732.00', deals: 12 },
      { staff: 'S9', payable: '-5.50', deals: 0 },
    ];
    const lines = [...tableLines(['staff', 'payable', 'deals'], rows, same)].map((l) => l.replace(/\n$/, ''));
    const [header, , ...body] = lines;
    const payableEnds = body.map((l, i) => displayWidth(l.slice(0, l.indexOf(rows[i]?.payable ?? '') + (rows[i]?.payable.length ?? 0))));
    expect(new Set(payableEnds).size).toBe(1);
    expect(header?.indexOf('payable')).toBe((payableEnds[0] ?? 0) - 'payable'.length);
    expect(body.every((l) => l.endsWith(' 3') || l.endsWith('12') || l.endsWith(' 0'))).toBe(true);
    expect(body.map((l) => l.indexOf('S'))).toEqual([0, 0, 0]);
  });
});

describe('every column lines up, whatever its cells hold', () => {
  it('a column of codes, some of them all digits (000) and some not (004a, 003 篇十), is one column of text: every cell starts where its header does', () => {
    // Given a column whose cells only sometimes look like numbers
    const rows = [{ code: '000', name: 'N1' }, { code: '004a', name: 'N2' }, { code: '003 篇十', name: 'N3' }, { code: '001', name: 'N4' }];
    // When it is shown as a table
    const [header, , ...body] = [...tableLines(['code', 'name'], rows, same)];
    // Then every code starts the line, and every name starts under its header
    expect(body.map((l, i) => l.startsWith(rows[i]?.code ?? '?'))).toEqual([true, true, true, true]);
    expect(body.map((l, i) => startOf(l, rows[i]?.name ?? '?'))).toEqual(rows.map(() => startOf(header ?? '', 'name')));
  });

  it('presets: the name, source, title and summary of each preset start where their headers do (source codes are text, titles Chinese)', async () => {
    // Given the presets table
    const ran = await cli(['presets']);
    expect(ran.code).toBe(0);
    const lines = ran.stdout.split('\n');
    const header = lines.find((l) => l.startsWith('name')) ?? '';
    const starts = ['source', 'title', 'summary'].map((c) => startOf(header, c));
    // Then, on every preset's line, each column starts at its header's display column
    for (const p of presetCatalog) {
      const line = lines.find((l) => l.startsWith(`${p.name} `)) ?? '';
      const rest = line.slice(p.name.length);
      const at = (text: string) => displayWidth(p.name) + displayWidth(rest.slice(0, rest.indexOf(text)));
      expect([at(p.source), at(p.title), at(p.summary.slice(0, 12))], p.name).toEqual(starts);
    }
  });
});

describe('wide tables fold to the width', () => {
  const columns = ['staff', 'name', 'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'];
  const rows = [{ staff: 'S01', name: '曾艳波', alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 12, delta: 'dddddddddd', epsilon: 'eeeeeeeeee', zeta: 'z' }];

  it('no line is wider than the width; the later parts of a row are indented; every column is still shown', () => {
    const lines = [...tableLines(columns, rows, same, 30)].map((l) => l.replace(/\n$/, ''));
    expect(lines.every((l) => displayWidth(l) <= 30)).toBe(true);
    const perRow = lines.length / 3; // header, rule, one row: each folded the same
    expect(perRow).toBeGreaterThan(1);
    expect(lines.slice(1, perRow).every((l) => l.startsWith('    '))).toBe(true);
    const header = lines.slice(0, perRow).join(' ');
    for (const c of columns) expect(header).toContain(c);
    expect(lines.slice(2 * perRow).join(' ')).toContain('曾艳波');
  });

  it('without a width nothing folds', () => {
    expect([...tableLines(columns, rows, same)]).toHaveLength(3);
  });

  it('salesfloor replay folds its tables to the terminal width', async () => {
    const wide = await cli(['replay', monthLog, '--report', 'scorecard'], { columns: 80 });
    expect(wide.code).toBe(0);
    const lines = wide.stdout.split('\n').slice(2); // under the title and the headline
    expect(lines.every((l) => displayWidth(l) <= 80)).toBe(true);
    expect(lines.some((l) => l.startsWith('    '))).toBe(true);
  });

  it('the width is the terminal width, else $COLUMNS, else 100', () => {
    expect(terminalWidth({ isTTY: true, columns: 80 }, '132')).toBe(80);
    expect(terminalWidth({ isTTY: false, columns: 80 }, '132')).toBe(132);
    expect(terminalWidth({}, 'wide')).toBe(100);
    expect(terminalWidth({}, undefined)).toBe(100);
  });
});

describe('--columns', () => {
  it('shows only the columns named, in their order', async () => {
    // jiuzhou pays 000 §14's rates; the default pays no commission, so its report would be empty.
    const ran = await cli(['replay', monthLog, '--policy', 'jiuzhou', '--report', 'commissions', '--columns', 'payable,staffName,staff', '--full']);
    expect(ran.code).toBe(0);
    const lines = ran.stdout.split('\n');
    expect(lines[1]?.trim().split(/ {2,}/)).toEqual(['payable', 'staffName', 'staff']);
  });

  it('an unknown column is a usage error naming the valid ones', async () => {
    const ran = await cli(['replay', monthLog, '--report', 'commissions', '--columns', 'staff,pay']);
    expect(ran.code).toBe(exitCodes.usage);
    expect(ran.stderr).toContain('--columns pay: not a column of commissions');
    expect(ran.stderr).toContain(report('commissions').columns.join(', '));
  });

  it('is for the table on stdout only: files and machine formats keep every column', async () => {
    const ran = await cli(['replay', monthLog, '--format', 'csv', '--columns', 'staff']);
    expect(ran.code).toBe(exitCodes.usage);
    expect(ran.stderr).toContain('keep every column');
  });
});

describe('a summary by default, every row with --full', () => {
  it(`shows the headline figures and the first ${SUMMARY_ROWS} rows, then how many more; --full and the files show them all`, async () => {
    const cwd = scratch();
    const [summary, full, json, out] = await Promise.all([
      cli(['replay', monthLog, '--report', 'owners']),
      cli(['replay', monthLog, '--report', 'owners', '--full']),
      cli(['replay', monthLog, '--report', 'owners', '--format', 'json']),
      cli(['replay', monthLog, '--report', 'owners', '--out', 'out'], { cwd }),
    ]);
    const all = jsonRows(json.stdout, 'owners');
    expect(all.length).toBeGreaterThan(SUMMARY_ROWS * 10);
    const clients = (text: string) => text.split('\n').filter((l) => /^e\d{6}\b/.test(l));
    expect(clients(summary.stdout)).toHaveLength(SUMMARY_ROWS);
    expect(summary.stdout).toContain(`… ${(all.length - SUMMARY_ROWS).toLocaleString('en-US')} more rows, --full to show all`);
    const protectedCount = all.filter((r) => r.status === 'protected').length;
    expect(summary.stdout).toContain(`${all.length.toLocaleString('en-US')} rows · status: protected ${protectedCount.toLocaleString('en-US')}`);
    expect(clients(full.stdout)).toHaveLength(all.length);
    expect(full.stdout).not.toContain('more rows');
    expect(clients(readFileSync(join(cwd, 'out/owners.txt'), 'utf8'))).toHaveLength(all.length);
  });

  it('a streamed report is summed over every row though only its first rows are shown', async () => {
    const [summary, json] = await Promise.all([cli(['replay', monthLog, '--report', 'deals'], { chunkRows: 7 }), cli(['replay', monthLog, '--report', 'deals', '--format', 'json'])]);
    const deals = jsonRows(json.stdout, 'deals');
    const total = deals.reduce((sum, d) => sum + Number(d.amount ?? 0), 0);
    expect(summary.stdout).toContain(`${deals.length} rows`);
    expect(summary.stdout).toContain(`amount ${total.toLocaleString('en-US')}`);
    expect(summary.stdout.split('\n').filter((l) => /^\d{4}-\d{2}-\d{2}T/.test(l))).toHaveLength(SUMMARY_ROWS);
  });
});

/** A stderr that is a terminal, with the writes kept. */
class Terminal implements Output {
  readonly isTTY = true;
  readonly writes: string[] = [];
  write(chunk: string): boolean {
    this.writes.push(chunk);
    return true;
  }
  once(): this {
    return this;
  }
}

describe('progress', () => {
  it('shows the share, the rate in events a second and the time left from the bytes read', () => {
    expect(progressText('a.jsonl', 1_000_000, 250_000, 9000, 8000, 2000)).toBe('reading a.jsonl: 25% 9,000 lines, 4,000 events/s, ETA 0:06');
    expect(progressText('stdin', null, 250_000, 9000, 8000, 2000)).toBe('reading stdin: 9,000 lines, 4,000 events/s');
  });

  it('is redrawn in place over the line before it, and cleared at the end', () => {
    const stderr = new Terminal();
    let now = 0;
    let events = 0;
    const stdin = (async function* () {})();
    const shown = progress({ stdout: stderr, stderr, stdin, cwd: root }, 'big.jsonl', 10_000_000, () => events, () => now);
    now = 1000;
    events = 5000;
    shown.tick(1_000_000, 5000);
    now = 1100;
    shown.tick(1_500_000, 7000); // within 200 ms: not redrawn
    now = 2000;
    events = 10_000;
    shown.tick(2_000_000, 10_000);
    shown.done();
    expect(stderr.writes).toEqual(['\r\x1b[Kreading big.jsonl: 10% 5,000 lines, 5,000 events/s, ETA 0:09', '\r\x1b[Kreading big.jsonl: 20% 10,000 lines, 5,000 events/s, ETA 0:08', '\r\x1b[K']);
  });
});

describe('Ctrl-C', () => {
  it('a file that was there before and untouched by the run is kept; one the run wrote is removed', () => {
    const dir = scratch();
    const old = join(dir, 'quarantine.jsonl');
    const made = join(dir, 'owners.csv');
    writeFileSync(old, 'from an earlier run\n');
    utimesSync(old, new Date(2026, 0, 1), new Date(2026, 0, 1));
    const leftovers = new Leftovers();
    leftovers.file(old);
    leftovers.file(made);
    writeFileSync(made, 'half a');
    expect(leftovers.remove()).toEqual([made]);
    expect([existsSync(old), existsSync(made)]).toEqual([true, false]);
    expect(interruptedMessage([])).toContain('no output file was left');
  });

  it('clears nothing but says it was interrupted, removes the half-written workbook and quarantine, and exits 130 (a real process)', async () => {
    const cwd = scratch();
    mkdirSync(join(cwd, 'out'));
    // tsx is resolved from the working directory: a scratch one has none, so its loader is named by path.
    const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
    const child = spawn(process.execPath, ['--import', tsx, join(root, 'src/cli/main.ts'), 'replay', '-', '--format', 'xlsx', '--out', 'out'], { cwd, env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // The child leaves on Ctrl-C with the log still open: what is still being written to it goes nowhere.
    child.stdin.on('error', () => undefined);
    const log = readFileSync(monthLog, 'utf8').split('\n');
    // A bad line opens the quarantine file; half the month, and the log stays open: the run is mid-way.
    child.stdin.write(`{"not":"an event"}\n${log.slice(0, 1500).join('\n')}\n`);
    const files = [join(cwd, 'out/reports.xlsx'), join(cwd, 'out/quarantine.jsonl')];
    const deadline = Date.now() + 60_000;
    while (!files.every((f) => existsSync(f)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(files.map((f) => existsSync(f))).toEqual([true, true]);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(files.map((f) => existsSync(f))).toEqual([false, false]);
    expect(stderr).toContain('salesfloor: interrupted (Ctrl-C); removed the partial output out/reports.xlsx, out/quarantine.jsonl');
    // stderr is not a terminal here: no line to clear.
    expect(stderr).not.toContain('\x1b[K');
  }, 90_000);
});

describe('explain on a name several clients share', () => {
  it('lists the candidates, masked, with client id, owner and first seen, and exits 1 (usage) instead of picking one', async () => {
    const ran = await cli(['explain', monthLog, '林华']);
    expect(ran.code).toBe(exitCodes.usage);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toContain('"林华" names 2 different clients; give a phone or a client id');
    const listed = ran.stderr.split('\n').filter((l) => /^e\d{6}\s/.test(l));
    expect(listed.map((l) => l.split(/\s+/)[0])).toEqual(['e000023', 'e000300']);
    for (const line of listed) {
      expect(line).toMatch(/\b1\d{2}\*{4}\d{4}\b/);
      expect(line).toMatch(/2026-10-\d{2}T\d{2}:\d{2}:\d{2}\+08:00/);
    }
    expect(ran.stderr).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    const one = await cli(['explain', monthLog, 'e000300']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('林华 (e000300');
  }, 60_000);

  it('under --as lists only the salesperson own candidates (PRV-ACCESS)', async () => {
    // The windows the bundled month was generated under (15-day visits, 7-day calls): the default has none.
    const cwd = scratch();
    writeFileSync(join(cwd, 'windows.json'), JSON.stringify({ ownership: { validityDays: { visit: 15, call: 7, claim: 10 } } }));
    const ran = await cli(['explain', monthLog, '林华', '--as', 'S12', '--policy', 'windows.json'], { cwd });
    expect(ran.code).toBe(exitCodes.usage);
    expect(ran.stderr).not.toMatch(/^e000023/m);
    expect(ran.stderr).toContain("(2 of them other salespeople's clients: not shown, PRV-ACCESS)");
  }, 60_000);
});

describe('the commission diff names every person', () => {
  const commissions = report('commissions');
  it('every row has the staff id and name, rows of one policy only too', () => {
    const a: Row[] = [
      { staff: 'S01', staffName: '曾艳波', month: '2026-10', payable: '100.00' },
      { staff: 'S02', staffName: '余静', month: '2026-10', payable: '5.00' },
    ];
    const b: Row[] = [
      { staff: 'S01', staffName: '曾艳波', month: '2026-10', payable: '120.00' },
      { staff: 'S03', staffName: '林玉磊', month: '2026-10', payable: '7.00' },
    ];
    expect(differenceColumnsOf(commissions)).toEqual(['key', 'staff', 'name', 'column', 'a', 'b']);
    expect([...differences(commissions, a, b)]).toEqual([
      { key: 'S01 · 2026-10', staff: 'S01', name: '曾艳波', column: 'payable', a: '100.00', b: '120.00' },
      { key: 'S02 · 2026-10', staff: 'S02', name: '余静', column: '(row)', a: 'present', b: 'absent' },
      { key: 'S03 · 2026-10', staff: 'S03', name: '林玉磊', column: '(row)', a: 'absent', b: 'present' },
    ]);
  });

  it('salesfloor diff --report months (the money per person and month: commission, credit): staff and name on every row', async () => {
    const ran = await cli(['diff', monthLog, '--policy', 'jiuzhou', '--policy', 'shenyang', '--report', 'months', '--format', 'json']);
    const rows = jsonRows(ran.stdout, 'months');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => typeof r.staff === 'string' && typeof r.name === 'string' && r.name !== '')).toBe(true);
  }, 60_000);
});
