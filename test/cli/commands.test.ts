/**
 * End to end: validate, explain, queue, presets and help, on the bundled
 * month and on the bundled corrupt day (a day of the same office with bad
 * lines mixed in by the generator).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, options } from '../../examples/generate.js';
import { history, nextReceiver, owners, parseLog, presetCatalog, presetNames, replay } from '../../src/index.js';
import { cli, corruptLog, dayLog, monthLog, root, scratch } from './support.js';

// The corrupt day is the generator's first day plus bad lines: the lines not in the clean day are the bad ones.
const cleanDay: string[] = [];
generate(options(['--days', '1']), (line) => cleanDay.push(line));
const corruptLines = readFileSync(corruptLog, 'utf8').split('\n').slice(0, -1);
const clean = new Set(cleanDay);
const badLineNumbers = corruptLines.flatMap((line, i) => (clean.has(line) ? [] : [i + 1]));

interface Quarantined {
  line: number;
  issues: { code: string; message: string }[];
  text: string;
}

describe('salesfloor validate', () => {
  it('a clean log: exit 0, no bad lines, no quarantine file', async () => {
    const cwd = scratch();
    const ran = await cli(['validate', monthLog], { cwd });
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(`${parseLog(readFileSync(monthLog, 'utf8')).events.length} events applied`);
    expect(ran.stdout).toContain('No bad lines.');
    expect(existsSync(join(cwd, '.salesfloor-out'))).toBe(false);
  });

  it('a corrupt log: exit 2, every bad line named with its reason, each written to the quarantine file', async () => {
    expect(badLineNumbers).toHaveLength(8);
    const cwd = scratch();
    const ran = await cli(['validate', corruptLog], { cwd });
    expect(ran.code).toBe(2);
    const named = [...ran.stdout.matchAll(/^ {2}line (\d+): /gm)].map((m) => Number(m[1]));
    expect(named).toEqual(badLineNumbers);
    expect(ran.stdout).toContain('8 bad lines skipped and written to .salesfloor-out/quarantine.jsonl');
    const quarantined = readFileSync(join(cwd, '.salesfloor-out/quarantine.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Quarantined);
    expect(quarantined.map((q) => q.line)).toEqual(badLineNumbers);
    expect(quarantined.every((q) => q.issues.length > 0 && q.text.length > 0)).toBe(true);
  });

  it('names the reason of each kind of damage by its issue code', async () => {
    const ran = await cli(['validate', corruptLog, '--format', 'json']);
    expect(ran.code).toBe(2);
    const doc = JSON.parse(ran.stdout) as { badLines: number; issues: { bad: { rows: { line: number; code: string }[] } } };
    expect(doc.badLines).toBe(8);
    expect(new Set(doc.issues.bad.rows.map((r) => r.code))).toEqual(
      new Set(['invalid_json', 'unknown_event_type', 'unsupported_version', 'unknown_staff', 'out_of_order', 'duplicate_conflict']),
    );
    // Line 71 is another office's: refused in that office (it knows no S05), as replay refuses it.
    expect(doc.issues.bad.rows.filter((r) => r.line === 71).map((r) => r.code)).toEqual(['unknown_staff']);
  });

  it('--format csv lists each issue as a row; --quarantine chooses the file', async () => {
    const cwd = scratch();
    const ran = await cli(['validate', corruptLog, '--format', 'csv', '--quarantine', 'bad/lines.jsonl'], { cwd });
    expect(ran.code).toBe(2);
    expect(ran.stdout.startsWith('\uFEFFline,code,path,message\r\n')).toBe(true);
    expect(readFileSync(join(cwd, 'bad/lines.jsonl'), 'utf8').trim().split('\n')).toHaveLength(8);
  });
});

describe('salesfloor replay on a corrupt log: the run goes on with the valid lines', () => {
  it('exits 2, names the bad lines on stderr, and reports exactly what the clean day gives', async () => {
    const [bad, good] = await Promise.all([cli(['replay', corruptLog, '--format', 'json']), cli(['replay', dayLog, '--format', 'json'])]);
    expect(bad.code).toBe(2);
    expect(good.code).toBe(0);
    for (const n of badLineNumbers) expect(bad.stderr).toContain(`line ${n}: `);
    const reports = (ran: typeof bad) => (JSON.parse(ran.stdout) as { reports: unknown }).reports;
    expect(reports(bad)).toEqual(reports(good));
  });
});

describe('salesfloor explain <log> <client>', () => {
  const state = replay(parseLog(readFileSync(dayLog, 'utf8')).events).state;
  const owned = owners(state, { mask: false }).find((o) => o.owner !== null && o.phone !== null);
  const phone = owned?.phone ?? '';
  const spaced = `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;

  it('tells the story of a client found by phone (in any format), each step with its rule IDs (OWN-FIRST, ROT-ORDER)', async () => {
    const ran = await cli(['explain', dayLog, spaced]);
    expect(ran.code).toBe(0);
    const lines = ran.stdout.trim().split('\n');
    expect(lines[0]).toContain(owned?.name ?? '?');
    expect(lines[0]).toContain(`owner ${owned?.ownerName}`);
    expect(lines.slice(1)).toHaveLength(history(state, phone).length);
    expect(ran.stdout).toMatch(/\[[A-Z]+-[A-Z-]+(, [A-Z]+-[A-Z-]+)*\]/);
  });

  it('--format json gives the owner and every decision with its rules and evidence', async () => {
    const ran = await cli(['explain', dayLog, owned?.client ?? '', '--format', 'json']);
    const doc = JSON.parse(ran.stdout) as { client: string; owner: { owner: string }; story: { explain: { rows: { rules: string[]; evidence: string[] }[] } } };
    expect(doc.client).toBe(owned?.client);
    expect(doc.owner.owner).toBe(owned?.owner);
    expect(doc.story.explain.rows.length).toBe(history(state, phone).length);
    expect(doc.story.explain.rows.every((r) => r.evidence.length > 0)).toBe(true);
  });

  it('under --as, shows the client to its owner only (PRV-ACCESS)', async () => {
    const other = owners(state).find((o) => o.owner !== null && o.owner !== owned?.owner)?.owner ?? '';
    const [mine, theirs] = await Promise.all([cli(['explain', dayLog, spaced, '--as', owned?.owner ?? '']), cli(['explain', dayLog, spaced, '--as', other])]);
    expect(mine.code).toBe(0);
    expect(theirs.code).toBe(1);
    expect(theirs.stderr).toContain('PRV-ACCESS');
    expect(theirs.stdout).toBe('');
  });

  it('an unknown client or a missing argument is a usage error', async () => {
    const [unknown, missing] = await Promise.all([cli(['explain', dayLog, '19900000000']), cli(['explain', dayLog])]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no client matches');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('missing <client>');
  });
});

describe('salesfloor queue <log> --at <time> (ROT-ORDER, ROT-CARRY, ROT-ELIGIBLE)', () => {
  it('gives the next receiver and the queue the engine gives at that time', async () => {
    const at = '2026-10-01T15:00:00+08:00';
    const ran = await cli(['queue', monthLog, '--at', '2026-10-01T15:00', '--format', 'json']);
    expect(ran.code).toBe(0);
    const doc = JSON.parse(ran.stdout) as { at: string; next: string | null; reports: { queue: { rows: { staff: string; eligible: boolean }[] } } };
    expect(Date.parse(doc.at)).toBe(Date.parse(at));
    const events = parseLog(readFileSync(monthLog, 'utf8')).events.filter((e) => Date.parse(e.at) <= Date.parse(at));
    const expected = nextReceiver(replay(events).state, at);
    expect(doc.next).toBe(expected.next);
    expect(doc.reports.queue.rows.map((r) => [r.staff, r.eligible])).toEqual(expected.queue.map((q) => [q.staff, q.eligible]));
  });

  it('a table names the next receiver and why each person is where they are', async () => {
    const ran = await cli(['queue', dayLog, '--at', '2026-10-01T12:00']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/the next walk-in goes to .+ \(S\d\d\)/);
    expect(ran.stdout).toContain('ROT-ORDER');
  });

  it('needs --at', async () => {
    const ran = await cli(['queue', dayLog]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('missing --at');
  });
});

describe('salesfloor presets', () => {
  it('lists every preset with its source', async () => {
    const ran = await cli(['presets']);
    expect(ran.code).toBe(0);
    for (const name of presetNames) expect(ran.stdout).toContain(name);
    const json = await cli(['presets', '--format', 'json']);
    const doc = JSON.parse(json.stdout) as { reports: { presets: { rows: { name: string; source: string }[] } } };
    expect(doc.reports.presets.rows.map((r) => [r.name, r.source])).toEqual(presetCatalog.map((p) => [p.name, p.source]));
  });
});

describe('salesfloor help and usage', () => {
  it('--help lists the commands and the exit codes; no command is a usage error', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['replay', 'validate', 'explain', 'queue', 'presets', 'diff']) expect(help.stdout).toContain(`  ${c} `);
    expect(help.stdout).toContain('Exit codes: 0 clean; 1 usage');
    const none = await cli([]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Usage: salesfloor <command>');
  });

  it('each command has its own --help', async () => {
    const ran = await cli(['replay', '--help']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('--as-of <time>');
    expect(ran.stdout).toContain('--no-mask');
  });

  it('an unknown command is a usage error', async () => {
    const ran = await cli(['frobnicate']);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('unknown command "frobnicate"');
  });

  it('--version prints the package version', async () => {
    const ran = await cli(['--version']);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(ran.stdout.trim()).toBe(pkg.version);
  });
});

describe('--policy default names every default', () => {
  it('diff --policy default --policy jiuzhou sets the defaults against a preset, the same as a file holding {}', async () => {
    const cwd = scratch();
    writeFileSync(join(cwd, 'empty.json'), '{}');
    const named = await cli(['diff', monthLog, '--policy', 'default', '--policy', 'jiuzhou', '--format', 'json', '--report', 'turns'], { cwd });
    const file = await cli(['diff', monthLog, '--policy', 'empty.json', '--policy', 'jiuzhou', '--format', 'json', '--report', 'turns'], { cwd });
    expect(named.code).toBe(0);
    const rows = (ran: typeof named) => (JSON.parse(ran.stdout) as { reports: { turns: { rows: unknown[] } } }).reports.turns.rows;
    expect(rows(named).length).toBeGreaterThan(0);
    expect(rows(named)).toEqual(rows(file));
    expect(named.stdout).toContain('between default (a) and jiuzhou (b)');
  });

  it('a policy file named default is read as ./default', async () => {
    const cwd = scratch();
    writeFileSync(join(cwd, 'default'), '{"ownership":{"validityDays":{"visit":3}}}');
    const asFile = await cli(['replay', monthLog, '--policy', './default', '--format', 'json', '--report', 'owners'], { cwd });
    const asDefault = await cli(['replay', monthLog, '--policy', 'default', '--format', 'json', '--report', 'owners'], { cwd });
    expect(asFile.code).toBe(0);
    expect(asDefault.code).toBe(0);
    expect(asFile.stdout).not.toEqual(asDefault.stdout);
  });
});
