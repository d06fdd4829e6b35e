/**
 * End to end: `salesfloor replay` and `salesfloor diff` on the bundled month,
 * checked against the public API replaying the same log.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commissionLedger, compare, credits, fairnessLedger, localTime, owners, parseLog, presetPolicy, replay, scorecard, type DecisionOf, type PolicyInput, type ReplayResult } from '../../src/index.js';
import { cli, dayLog, monthLog, parseCsv, scratch, type Ran } from './support.js';
import { needsDecisions, reports } from '../../src/cli/reports.js';

const text = readFileSync(monthLog, 'utf8');
const events = parseLog(text).events;
const replays = new Map<string, ReplayResult>();
/** The engine's own replay of the month (memoized: each costs a few hundred ms). */
const api = (policy: PolicyInput = {}, upTo?: string): ReplayResult => {
  const key = JSON.stringify([policy, upTo]);
  const cached = replays.get(key);
  if (cached) return cached;
  const result = replay(upTo === undefined ? events : events.filter((e) => Date.parse(e.at) <= Date.parse(upTo)), policy);
  replays.set(key, result);
  return result;
};

interface ReportJson {
  rows: Record<string, unknown>[];
  withheld: number;
}
interface ReplayJson {
  lines: number;
  events: number;
  badLines: number;
  laterLeftOut?: number;
  reports: Record<string, ReportJson>;
}
const json = (ran: Ran) => JSON.parse(ran.stdout) as ReplayJson;
const rowsOf = (ran: Ran, report: string) => json(ran).reports[report]?.rows ?? [];

let everything: Ran;
beforeAll(async () => {
  everything = await cli(['replay', monthLog, '--format', 'json']);
});

describe('salesfloor replay <month> --format json: the reports agree with the engine', () => {
  let ran: Ran;
  let expected: ReplayResult;
  beforeAll(() => {
    ran = everything;
    expected = api();
  });

  it('exits 0 on a clean log and summarizes lines and events', () => {
    expect(ran.code).toBe(0);
    const doc = json(ran);
    expect(doc.events).toBe(events.length);
    expect(doc.badLines).toBe(0);
    expect(ran.stderr).toContain('No bad lines.');
  });

  it('the ownership register lists every client with its owner, status and the rules that decided it (OWN-FIRST, OWN-VALIDITY)', () => {
    const rows = rowsOf(ran, 'owners');
    const register = owners(expected.state);
    expect(rows).toHaveLength(register.length);
    const byClient = new Map(rows.map((r) => [r.client, r]));
    for (const o of register) {
      const row = byClient.get(o.client);
      expect(row?.owner).toBe(o.owner);
      expect(row?.status).toBe(o.status);
      expect(row?.rules).toEqual(o.rules);
      if (o.owner !== null) expect((row?.rules as string[]).length).toBeGreaterThan(0);
    }
  });

  it('receptions come from the reception decisions, with receiver, turn and rules (ROT-ORDER, ROT-OLD-CLIENT-NOT-COUNTED)', () => {
    const decisions = expected.decisions.filter((d): d is DecisionOf<'reception'> => d.kind === 'reception');
    const rows = rowsOf(ran, 'receptions');
    expect(rows.map((r) => [r.event, r.receiver, r.counted])).toEqual(decisions.map((d) => [d.event, d.receiver, d.counted]));
    expect(rows.some((r) => (r.rules as string[]).includes('ROT-OLD-CLIENT-NOT-COUNTED'))).toBe(true);
  });

  it('deals come from the deal decisions, with the unit and amount of the deal event (DEAL-STAGES, RFD-CLAWBACK)', () => {
    const decisions = expected.decisions.filter((d): d is DecisionOf<'deal'> => d.kind === 'deal');
    const rows = rowsOf(ran, 'deals');
    expect(rows.map((r) => [r.deal, r.stage, r.outcome])).toEqual(decisions.map((d) => [d.deal, d.stage, d.outcome]));
    const closes = new Map(events.flatMap((e) => (e.type === 'closeDeal' ? [[e.deal, e.amount] as const] : [])));
    for (const r of rows.filter((x) => x.outcome === 'recorded')) expect(r.amount).toBe(closes.get(r.deal as string));
    expect(rows.some((r) => r.outcome === 'refunded')).toBe(true);
  });

  it("the scorecard is the engine's scorecard view per person and month, adding up to the decisions (KPI-CLOSE-RATE, CLM-QUOTA)", () => {
    const rows = rowsOf(ran, 'scorecard');
    const sum = (column: string) => rows.reduce((n, r) => n + (r[column] as number), 0);
    const receptions = expected.decisions.filter((d): d is DecisionOf<'reception'> => d.kind === 'reception' && d.channel === 'visit' && d.receiver !== null && d.client !== undefined);
    expect(sum('receptions')).toBe(receptions.length);
    const calls = expected.decisions.filter((d): d is DecisionOf<'reception'> => d.kind === 'reception' && d.channel === 'call' && d.receiver !== null);
    expect(sum('calls')).toBe(calls.length);
    const claims = expected.decisions.filter((d): d is DecisionOf<'claim'> => d.kind === 'claim');
    expect(sum('claims')).toBe(claims.filter((d) => d.outcome === 'accepted' || d.outcome === 'renewed').length);
    expect(sum('dealEvents')).toBe(expected.decisions.filter((d) => d.kind === 'deal' && d.outcome === 'recorded').length);
    const last = localTime(expected.state, expected.state.lastAt ?? 0);
    const months = [...new Set(rows.map((r) => r.start as string))];
    const view = months.flatMap((start) => scorecard(expected.state, { period: 'month', at: start === `${last.slice(0, 7)}-01` ? last : `${start}T12:00:00+08:00` }));
    expect(rows.map((r) => [r.staff, r.start, r.receptions, r.deals, r.commission])).toEqual(view.map((r) => [r.staff, r.start, r.receptions, r.deals, r.commission]));
  });
});

describe('salesfloor replay: the ledgers of rotation and deals', () => {
  it('the fairness report is the fairness ledger, one row per salesperson and day (ROT-ORDER, ROT-MAKEUP-COMPANY)', () => {
    const rows = rowsOf(everything, 'fairness');
    const ledger = fairnessLedger(api().state);
    expect(rows.map((r) => [r.day, r.staff, r.turns, r.uncounted, r.makeUpsOwed, r.makeUpsGranted])).toEqual(ledger.map((r) => [r.day, r.staff, r.turns, r.uncounted, r.makeUpsOwed, r.makeUpsGranted]));
    const turns = rows.reduce((n, r) => n + (r.turns as number), 0);
    const counted = api().decisions.filter((d) => d.kind === 'reception' && d.channel === 'visit' && d.counted).length;
    expect(turns).toBeGreaterThanOrEqual(counted);
    expect(rows.some((r) => (r.skips as string[]).length > 0)).toBe(true);
  });

  it('the commissions report is the commission ledger per salesperson and month, amounts as exact decimal strings (COM-RATE-TIERS, RFD-CLAWBACK)', async () => {
    // The default names no rate: the month is replayed under 000 §14's tiers, from a policy file.
    const tiers: PolicyInput = { deals: { commission: { rates: { neither: '1.8', one: '2', both: '2.3', above: '2.5' } } } };
    const cwd = scratch();
    writeFileSync(join(cwd, 'tiers.json'), JSON.stringify(tiers));
    const ran = await cli(['replay', monthLog, '--format', 'json', '--report', 'commissions', '--policy', 'tiers.json'], { cwd });
    const rows = rowsOf(ran, 'commissions');
    expect(rows).toEqual(commissionLedger(api(tiers).state).map((r) => ({ ...r })));
    for (const r of rows) expect(r.payable).toMatch(/^-?\d+\.\d{2}$/);
    expect(rows.some((r) => r.clawedBack !== '0.00')).toBe(true);
  });

  it('the credits report is the performance credit per salesperson and month (DEAL-STAGES)', () => {
    const rows = rowsOf(everything, 'credits');
    expect(rows.map((r) => [r.staff, r.month, r.amount])).toEqual(credits(api().state).map((r) => [r.staff, r.month, r.amount]));
  });
});

describe('salesfloor replay: a run whose reports read no decisions has the engine build none', () => {
  it('needsDecisions is true exactly for the reports with one row per decision', () => {
    for (const r of reports) expect(needsDecisions([r]), r.name).toBe(r.stream !== undefined);
    expect(needsDecisions(reports)).toBe(true);
  });

  it('each report made from the final state gives the same rows alone (no decisions built) as next to the receptions report (decisions built)', async () => {
    // jiuzhou (000 §14) names commission rates, so every report has rows.
    const run = (...names: string[]) => cli(['replay', monthLog, '--policy', 'jiuzhou', '--format', 'json', ...names.flatMap((n) => ['--report', n])]);
    for (const r of reports.filter((x) => !needsDecisions([x]))) {
      const alone = rowsOf(await run(r.name), r.name);
      expect(alone.length, r.name).toBeGreaterThan(0);
      expect(alone, r.name).toEqual(rowsOf(await run(r.name, 'receptions'), r.name));
    }
  });
});

describe('salesfloor replay: formats and options', () => {
  it('--format csv --out writes one Excel-ready file per report (UTF-8 BOM, CRLF, Chinese intact) and a summary', async () => {
    const cwd = scratch();
    const ran = await cli(['replay', monthLog, '--format', 'csv', '--out', 'reports'], { cwd });
    expect(ran.code).toBe(0);
    expect(ran.stdout).toBe('');
    const expected = api();
    for (const name of ['owners', 'receptions', 'deals', 'scorecard']) {
      const raw = readFileSync(join(cwd, 'reports', `${name}.csv`));
      expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(raw.toString('utf8')).toMatch(/\r\n$/);
    }
    const rows = parseCsv(readFileSync(join(cwd, 'reports/owners.csv'), 'utf8').slice(1));
    const [header, ...body] = rows;
    expect(header?.slice(0, 3)).toEqual(['client', 'name', 'phone']);
    const register = owners(expected.state);
    expect(body).toHaveLength(register.length);
    expect(body.map((r) => r[1])).toEqual(register.map((o) => o.name ?? ''));
    expect(body.some((r) => /[\u4e00-\u9fff]/.test(r[1] ?? ''))).toBe(true);
    const summary = JSON.parse(readFileSync(join(cwd, 'reports/summary.json'), 'utf8')) as { events: number; withheld: Record<string, number> };
    expect(summary.events).toBe(events.length);
    expect(summary.withheld.owners).toBe(0);
  });

  it('--format csv on stdout gives one report, chosen with --report', async () => {
    const ran = await cli(['replay', dayLog, '--format', 'csv', '--report', 'scorecard']);
    expect(ran.code).toBe(0);
    expect(ran.stdout.startsWith('\uFEFFstaff,name,team,role,status,start,')).toBe(true);
    const [, ...body] = parseCsv(ran.stdout.slice(1));
    expect(body.map((r) => r[0])).toEqual(json(await cli(['replay', dayLog, '--format', 'json', '--report', 'scorecard'])).reports.scorecard?.rows.map((r) => r.staff));
  });

  it('--format table prints each report as an aligned table under its title', async () => {
    const ran = await cli(['replay', dayLog, '--report', 'owners', '--report', 'deals']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^== owners: The ownership register/);
    expect(ran.stdout).toContain('\n== deals: ');
    expect(ran.stdout).not.toContain('== receptions');
  });

  it('--as-of replays up to that time and evaluates owners then (OWN-VALIDITY)', async () => {
    const ran = await cli(['replay', monthLog, '--format', 'json', '--report', 'owners', '--as-of', '2026-10-10']);
    expect(ran.code).toBe(0);
    const doc = json(ran);
    const cut = '2026-10-10T23:59:59.999+08:00';
    const expected = api({}, cut);
    expect(doc.events).toBe(expected.state.events);
    expect(doc.events + (doc.laterLeftOut ?? 0)).toBe(events.length);
    const register = owners(expected.state, { lookAhead: cut });
    expect(rowsOf(ran, 'owners').map((r) => [r.client, r.owner, r.status])).toEqual(register.map((o) => [o.client, o.owner, o.status]));
  });

  it('--policy takes a preset name; the register follows the policy', async () => {
    const ran = await cli(['replay', monthLog, '--format', 'json', '--report', 'owners', '--policy', 'jiuzhou']);
    const expected = owners(api(presetPolicy('jiuzhou')).state).map((o) => [o.client, o.owner, o.status]);
    expect(rowsOf(ran, 'owners').map((r) => [r.client, r.owner, r.status])).toEqual(expected);
    expect(expected).not.toEqual(owners(api().state).map((o) => [o.client, o.owner, o.status]));
  });

  it('--policy also takes a JSON policy file', async () => {
    const cwd = scratch();
    writeFileSync(join(cwd, 'office.json'), JSON.stringify(presetPolicy('shenyang')));
    const [byName, byFile] = await Promise.all([
      cli(['replay', dayLog, '--format', 'json', '--policy', 'shenyang']),
      cli(['replay', dayLog, '--format', 'json', '--policy', 'office.json'], { cwd }),
    ]);
    expect(byFile.code).toBe(0);
    expect(json(byFile).reports).toEqual(json(byName).reports);
  });

  it('reads the log from stdin when it is -, and shows progress there on a terminal', async () => {
    const day = readFileSync(dayLog, 'utf8');
    const ran = await cli(['replay', '-', '--format', 'json'], { stdin: [day.slice(0, 5000), day.slice(5000)], tty: true });
    expect(ran.code).toBe(0);
    expect(ran.stderr).toMatch(/\r\x1b\[Kreading stdin: [\d,]+ lines, [\d,]+ events\/s/);
    expect(ran.stderr).toContain('\r\x1b[K');
    const fromFile = await cli(['replay', dayLog, '--format', 'json']);
    expect(fromFile.stderr).not.toContain('reading ');
    expect(json(ran).reports).toEqual(json(fromFile).reports);
  });
});

describe('salesfloor replay --as <staff>: a salesperson sees their own clients, others only as counts (PRV-ACCESS)', () => {
  it('lists only the clients the salesperson owns; the rest are counted as withheld', async () => {
    const ran = await cli(['replay', monthLog, '--format', 'json', '--as', 'S01']);
    expect(ran.code).toBe(0);
    const doc = json(ran);
    const register = owners(api().state);
    const mine = new Set(register.filter((o) => o.owner === 'S01').map((o) => o.client));
    const ownersReport = doc.reports.owners as ReportJson;
    expect(ownersReport.rows.length).toBe(mine.size);
    expect(ownersReport.rows.every((r) => r.owner === 'S01')).toBe(true);
    expect(ownersReport.withheld).toBe(register.length - mine.size);
    for (const name of ['receptions', 'deals']) {
      const report = doc.reports[name] as ReportJson;
      expect(report.rows.every((r) => mine.has(r.client as string))).toBe(true);
      expect(report.withheld).toBeGreaterThan(0);
    }
    // Other salespeople's own figures are theirs too (issue 13 #5): the scorecard shows one row, the rest withheld.
    expect(doc.reports.scorecard?.rows.map((r) => r.staff)).toEqual(['S01']);
    expect(doc.reports.scorecard?.withheld).toBe(rowsOf(everything, 'scorecard').length - 1);
  });

  it('in a table, says how many rows were withheld', async () => {
    const ran = await cli(['replay', dayLog, '--report', 'owners', '--as', 'S02']);
    expect(ran.stdout).toMatch(/\(\d+ rows of other salespeople's clients withheld: PRV-ACCESS\)/);
  });

  it('refuses an unknown staff member with exit 1', async () => {
    const ran = await cli(['replay', dayLog, '--as', 'S99']);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('--as S99');
  });
});

describe('salesfloor replay: usage errors exit 1 and say what is wrong', () => {
  it.each([
    [['replay'], 'missing <log>'],
    [['replay', 'no-such-file.jsonl'], 'cannot read'],
    [['replay', monthLog, '--policy', 'no-such-preset'], 'neither a preset, default, nor a readable file'],
    [['replay', monthLog, '--format', 'xml'], '--format xml'],
    [['replay', monthLog, '--report', 'nope'], '--report nope'],
    [['replay', monthLog, '--frobnicate'], 'frobnicate'],
    [['replay', monthLog, '--as-of', 'yesterday'], '--as-of: "yesterday" is not a time'],
    [['replay', monthLog, '--as-of', '2026-02-30T10:00:00+08:00'], '--as-of: "2026-02-30T10:00:00+08:00" is not a time'],
    [['replay', monthLog, '--as-of', '2026-10-10T24:00+08:00'], '--as-of: "2026-10-10T24:00+08:00" is not a time'],
    [['replay', monthLog, '--policy', 'draft-rules', '--as-of', '2026-02-29'], '--as-of: "2026-02-29" is not a time'],
    [['replay', monthLog, '--policy', 'jiuzhou', '--policy', 'shenyang'], 'compare two with diff'],
  ])('%j', async (args, message) => {
    const ran = await cli(args);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(message);
    expect(ran.stderr).toContain('Usage: salesfloor replay');
  });

  it('an invalid policy file names each bad field', async () => {
    const cwd = scratch();
    writeFileSync(join(cwd, 'bad.json'), JSON.stringify({ ownership: { validityDays: { visit: -3 } } }));
    const ran = await cli(['replay', monthLog, '--policy', 'bad.json'], { cwd });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('ownership.validityDays.visit');
    expect(existsSync(join(cwd, '.salesfloor-out'))).toBe(false);
  });
});

describe('salesfloor diff: what changes when the office switches policy (a thin shell over compare)', () => {
  let ran: Ran;
  beforeAll(async () => {
    ran = await cli(['diff', monthLog, '--policy', 'jiuzhou', '--policy', 'shenyang', '--format', 'json', '--no-mask']);
  });

  it('lists exactly the clients whose owner, status or protection end differ, as compare does', () => {
    expect(ran.code).toBe(0);
    const expected = compare(events, presetPolicy('jiuzhou'), presetPolicy('shenyang'));
    const rows = rowsOf(ran, 'owners');
    expect(rows.map((r) => r.client)).toEqual(expected.owners.map((d) => d.client));
    const a = new Map(owners(api(presetPolicy('jiuzhou')).state).map((o) => [o.client, o]));
    for (const r of rows) {
      expect(r.aOwner).toBe(a.get(r.client as string)?.owner ?? null);
      expect(r.name).toBe(a.get(r.client as string)?.name ?? null);
    }
    expect(Object.keys(json(ran).reports)).toEqual(['owners', 'visits', 'months', 'turns', 'refusals']);
  });

  it('every row names the person: the money per salesperson and month (on main the commission diff had an empty name column), turns, visits', () => {
    const months = rowsOf(ran, 'months');
    expect(months.length).toBeGreaterThan(0);
    for (const r of [...months, ...rowsOf(ran, 'turns')]) expect(typeof r.name === 'string' && r.name.length > 0).toBe(true);
    for (const r of rowsOf(ran, 'visits')) expect(r.name !== null || r.client === null).toBe(true);
    expect(months[0]).toMatchObject({ account: expect.any(String), aAmount: expect.any(String), bAmount: expect.any(String), aRules: expect.any(Array), bEvidence: expect.any(Array) });
  });

  it('the same policy twice differs nowhere', async () => {
    const same = await cli(['diff', dayLog, '--policy', 'jiuzhou', '--policy', 'jiuzhou', '--format', 'json']);
    expect(same.code).toBe(0);
    for (const section of ['owners', 'visits', 'months', 'turns', 'refusals']) expect(rowsOf(same, section)).toEqual([]);
  });

  it('--report picks sections; an unknown one is a usage error', async () => {
    const months = await cli(['diff', monthLog, '--policy', 'jiuzhou', '--policy', 'shenyang', '--format', 'json', '--report', 'months']);
    expect(Object.keys(json(months).reports)).toEqual(['months']);
    const bad = await cli(['diff', monthLog, '--policy', 'jiuzhou', '--policy', 'shenyang', '--report', 'scorecard']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('diff shows owners, visits, months, turns, refusals');
  });

  it('needs exactly two policies', async () => {
    const ran = await cli(['diff', monthLog, '--policy', 'jiuzhou']);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('--policy A --policy B');
  });
});
