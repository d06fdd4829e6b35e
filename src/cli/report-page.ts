/**
 * `salesfloor report <log> --out report.html`: one self-contained page with
 * charts and the tables under them, for a sales manager: the rotation's
 * fairness, credit and commission with the red and green lines, owners by
 * channel and by rule, and the scorecard. With two `--policy`, the two
 * replays stand side by side, with what differs under them.
 *
 * Everything here reads the library's views; the charts are drawn by
 * charts.ts (Apache ECharts, loaded only for this command), the page is put
 * together and escaped by html.ts.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { attainment, commissionLedger, credits, fairnessLedger, staffList, type FairnessRow, type OfficeState } from '../index.js';
import { loadCharts, colors, type BarChart, type Draw } from './charts.js';
import { cleanerOf, exitOf, logArg, NAMED_ON_STDERR, officeOf, quarantineOf, refuseOverwrite, shown, summaryLines, summaryOf, untilOf, viewOf, type Args } from './commands.js';
import { differenceColumnsOf, differences } from './differences.js';
import type { Clean, Section } from './format.js';
import { pageHtml, type Block, type Part } from './html.js';
import { OutputError, pipeText, reasonOf, UsageError, type Io } from './io.js';
import { makeDirectory } from './leftovers.js';
import { loadPolicy } from './options.js';
import { needsDecisions, reasons, reportInput, reports, type Collector, type Report, type ReportInput, type Row } from './reports.js';
import { readLog } from './session.js';

/** Chart widths: the page's width, or half of it for two policies. */
const WIDTH = { one: 1100, two: 660 } as const;
/** Up to this many days the fairness charts go by day; beyond, by week. */
const DAYS_BY_DAY = 14;

const reportNamed = (name: string): Report => {
  const found = reports.find((r) => r.name === name);
  if (found === undefined) throw new Error(`no report ${name}`);
  return found;
};

const section = (name: string, description: string, columns: readonly string[], rows: readonly Row[]): Section => ({ name, description, columns, rows, withheld: () => 0 });

/** Staff labels for chart axes: the name, with the id when two share a name; cleaned like every output (PRV-MASK). */
function labels(state: OfficeState, clean: Clean): (id: string) => string {
  const members = staffList(state);
  const count = new Map<string, number>();
  for (const m of members) count.set(m.name, (count.get(m.name) ?? 0) + 1);
  const byId = new Map(members.map((m) => [m.id, clean((count.get(m.name) ?? 0) > 1 ? `${m.name} ${m.id}` : m.name)]));
  return (id) => byId.get(id) ?? clean(id);
}

/** Staff ids in join order, keeping those `keep` names. */
function inStaffOrder(state: OfficeState, keep: ReadonlySet<string>): string[] {
  return staffList(state)
    .map((m) => m.id)
    .filter((id) => keep.has(id));
}

const sum = (values: Iterable<number>) => {
  let n = 0;
  for (const v of values) n += v;
  return n;
};

/** The Monday of a local day `YYYY-MM-DD` (weeks run Monday to Sunday, as in China). */
export function mondayOf(day: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return new Date(ms - weekday * 86_400_000).toISOString().slice(0, 10);
}

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The fairness ledger per salesperson and period: per day for a short log, else per week (the library's totals over each week). */
export function fairnessPeriods(state: OfficeState): { unit: 'day' | 'week'; periods: { period: string; rows: FairnessRow[] }[] } {
  const daily = fairnessLedger(state);
  const days = [...new Set(daily.map((r) => r.day ?? ''))].sort();
  if (days.length <= DAYS_BY_DAY) {
    return { unit: 'day', periods: days.map((day) => ({ period: day, rows: daily.filter((r) => r.day === day) })) };
  }
  const weeks = [...new Set(days.map(mondayOf))].sort();
  return { unit: 'week', periods: weeks.map((monday) => ({ period: `week of ${monday}`, rows: fairnessLedger(state, { from: monday, to: plusDays(monday, 6), totals: true }) })) };
}

function fairnessBlock(state: OfficeState, clean: Clean, draw: (c: BarChart) => string): Block {
  const label = labels(state, clean);
  const { unit, periods } = fairnessPeriods(state);
  const totals = fairnessLedger(state, { totals: true });
  const staff = inStaffOrder(state, new Set(totals.map((r) => r.staff)));
  const total = new Map(totals.map((r) => [r.staff, r]));
  const categories = staff.map(label);
  const turns: BarChart = {
    title: `Walk-in turns per salesperson, by ${unit}`,
    categories,
    axes: ['turns'],
    series: periods.map(({ period, rows }) => {
      const byStaff = new Map(rows.map((r) => [r.staff, r.turns]));
      return { name: period, stack: 'turns', values: staff.map((s) => byStaff.get(s) ?? 0) };
    }),
  };
  const skipReasons = [...new Set(totals.flatMap((r) => Object.entries(r.skips).filter(([, n]) => n > 0).map(([reason]) => reason)))];
  const skips: BarChart = {
    title: 'Turns that passed them, by reason',
    categories,
    axes: ['turns passed'],
    series: skipReasons.map((reason) => ({ name: reason, stack: 'skips', values: staff.map((s) => (total.get(s)?.skips as Record<string, number> | undefined)?.[reason] ?? 0) })),
  };
  const makeUps: BarChart = {
    title: 'Make-up turns: owed, granted, expired',
    categories,
    axes: ['make-ups'],
    series: (['makeUpsOwed', 'makeUpsGranted', 'makeUpsExpired'] as const).map((k) => ({ name: k, values: staff.map((s) => total.get(s)?.[k] ?? 0) })),
  };
  const rows = periods.flatMap(({ period, rows: r }) =>
    r.map((x) => ({
      [unit]: period,
      staff: x.staff,
      name: x.name,
      turns: x.turns,
      uncounted: x.uncounted,
      calls: x.calls,
      makeUpsOwed: x.makeUpsOwed,
      makeUpsGranted: x.makeUpsGranted,
      makeUpsExpired: x.makeUpsExpired,
      skips: reasons(x.skips),
      callSkips: reasons(x.callSkips),
      penaltySkips: x.penaltySkips,
    })),
  );
  const columns = [unit, 'staff', 'name', 'turns', 'uncounted', 'calls', 'makeUpsOwed', 'makeUpsGranted', 'makeUpsExpired', 'skips', 'callSkips', 'penaltySkips'];
  return { charts: [turns, skips, makeUps].map(draw), tables: [section('fairness', `The fairness ledger per salesperson and ${unit} (ROT-*)`, columns, rows)] };
}

function moneyBlock(state: OfficeState, clean: Clean, draw: (c: BarChart) => string): Block {
  const label = labels(state, clean);
  const key = (staff: string, month: string) => `${staff}/${month}`;
  const commission = new Map(commissionLedger(state).map((r) => [key(r.staff, r.month), r]));
  const credit = new Map(credits(state).map((r) => [key(r.staff, r.month), r]));
  const standing = new Map(attainment(state).map((r) => [key(r.staff, r.month), r]));
  const pairs = new Map<string, { staff: string; month: string }>();
  for (const m of [commission, credit, standing]) for (const r of m.values()) pairs.set(key(r.staff, r.month), { staff: r.staff, month: r.month });
  const months = [...new Set([...pairs.values()].map((p) => p.month))].sort();
  const charts: BarChart[] = [];
  const rows: Row[] = [];
  const names = new Map(staffList(state).map((m) => [m.id, m.name]));
  for (const month of months) {
    const staff = inStaffOrder(state, new Set([...pairs.values()].filter((p) => p.month === month).map((p) => p.staff)));
    const money = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));
    const at = (s: string) => key(s, month);
    charts.push({
      title: `Credit (业绩) and commission, ${month}`,
      categories: staff.map(label),
      axes: ['credit', 'commission'],
      series: [
        { name: 'credit', values: staff.map((s) => money(credit.get(at(s))?.amount) ?? 0), color: colors.palette[0] },
        { name: 'commission', values: staff.map((s) => money(commission.get(at(s))?.net) ?? 0), color: colors.palette[1], axis: 1 },
      ],
    });
    charts.push({
      title: `Red and green lines against their targets, ${month} (COM-RATE-TIERS)`,
      categories: staff.map(label),
      axes: ['amount'],
      series: [
        { name: 'red line', values: staff.map((s) => money(standing.get(at(s))?.red)), color: colors.red },
        { name: 'red target', values: staff.map((s) => money(standing.get(at(s))?.redTarget)), color: '#7a1f1f', marker: true },
        { name: 'green line', values: staff.map((s) => money(standing.get(at(s))?.green)), color: colors.green },
        { name: 'green target', values: staff.map((s) => money(standing.get(at(s))?.greenTarget)), color: '#1d5e37', marker: true },
      ],
    });
    for (const s of staff) {
      const c = commission.get(at(s));
      const a = standing.get(at(s));
      rows.push({
        month,
        staff: s,
        name: names.get(s) ?? null,
        credit: credit.get(at(s))?.amount ?? '0.00',
        commission: c?.net ?? '0.00',
        payable: c?.payable ?? '0.00',
        carried: c?.carried ?? '0.00',
        red: a?.red ?? null,
        redTarget: a?.redTarget ?? null,
        redMet: a?.redMet ?? false,
        green: a?.green ?? null,
        greenTarget: a?.greenTarget ?? null,
        greenMet: a?.greenMet ?? false,
        tier: a?.tier ?? null,
      });
    }
  }
  const columns = ['month', 'staff', 'name', 'credit', 'commission', 'payable', 'carried', 'red', 'redTarget', 'redMet', 'green', 'greenTarget', 'greenMet', 'tier'];
  return {
    charts: charts.map(draw),
    tables: [section('money', 'Credit, commission (net of clawbacks) and the red and green lines per salesperson and month; a line without a target is not met (DEAL-*, COM-*)', columns, rows)],
  };
}

function ownersBlock(state: OfficeState, input: ReportInput, clean: Clean, draw: (c: BarChart) => string): Block {
  const label = labels(state, clean);
  const owned = input.register().filter((o) => o.owner !== null);
  const channelOf = (client: string) => state.ownership.files.get(client)?.basis.channel ?? 'none';
  const byOwner = new Map<string, Map<string, number>>();
  const byRule = new Map<string, Map<string, number>>();
  const channels = new Set<string>();
  const statuses = new Set<string>();
  const bump = (m: Map<string, Map<string, number>>, k: string, sub: string) => {
    const inner = m.get(k) ?? new Map<string, number>();
    inner.set(sub, (inner.get(sub) ?? 0) + 1);
    m.set(k, inner);
  };
  for (const o of owned) {
    const channel = channelOf(o.client);
    channels.add(channel);
    statuses.add(o.status);
    bump(byOwner, o.owner ?? '', channel);
    for (const rule of o.rules) bump(byRule, rule, o.status);
  }
  const staff = inStaffOrder(state, new Set(byOwner.keys()));
  const channelList = [...channels].sort();
  const statusList = [...statuses].sort();
  const rules = [...byRule.entries()].sort((a, b) => sum(b[1].values()) - sum(a[1].values()) || a[0].localeCompare(b[0])).map(([r]) => r);
  const charts: BarChart[] = [
    {
      title: 'Clients owned per salesperson, by channel',
      categories: staff.map(label),
      axes: ['clients'],
      series: channelList.map((ch) => ({ name: ch, stack: 'clients', values: staff.map((s) => byOwner.get(s)?.get(ch) ?? 0) })),
    },
    {
      title: 'Clients owned, by the rules their ownership rests on',
      categories: rules,
      axes: ['clients'],
      horizontal: true,
      series: statusList.map((st) => ({ name: st, stack: 'clients', values: rules.map((r) => byRule.get(r)?.get(st) ?? 0) })),
    },
  ];
  const names = new Map(staffList(state).map((m) => [m.id, m.name]));
  const channelRows = staff.map((s) => ({ staff: s, name: names.get(s) ?? null, clients: sum(byOwner.get(s)?.values() ?? []), ...Object.fromEntries(channelList.map((ch) => [ch, byOwner.get(s)?.get(ch) ?? 0])) }));
  const ruleRows = rules.map((r) => ({ rule: r, clients: sum(byRule.get(r)?.values() ?? []), ...Object.fromEntries(statusList.map((st) => [st, byRule.get(r)?.get(st) ?? 0])) }));
  return {
    charts: charts.map(draw),
    tables: [
      section('owners by channel', 'Clients owned per salesperson, by the channel the ownership came through (REG-*, CLM-*, OWN-*)', ['staff', 'name', 'clients', ...channelList], channelRows),
      section('owners by rule', 'Clients owned, by each rule their ownership rests on (a client counts under each of its rules)', ['rule', 'clients', ...statusList], ruleRows),
    ],
  };
}

/** The scorecard's charts: per chart, its title and the scorecard columns it stacks (series name, column, stack). */
export const SCORECARD_CHARTS: readonly { readonly title: string; readonly series: readonly (readonly [name: string, column: string, stack: string])[] }[] = [
  {
    title: 'Receptions, turns and calls',
    series: [
      ['receptions', 'receptions', 'receptions'],
      ['turns', 'turns', 'turns'],
      ['calls given', 'calls', 'calls'],
      ['outbound calls', 'outboundCalls', 'outbound'],
    ],
  },
  {
    title: 'Claims, invitations and deals',
    series: [
      ['claims', 'claims', 'claims'],
      ['claims refused', 'claimsRefused', 'claims'],
      ['invitations', 'invitations', 'invitations'],
      ['deals', 'deals', 'deals'],
    ],
  },
];

/**
 * The scorecard's charts over its rows (one per person and month): each
 * person's figures summed over the months, people in the order they first come.
 */
export function scorecardCharts(rows: readonly Row[], label: (id: string) => string): BarChart[] {
  const ids = [...new Set(rows.map((r) => String(r.staff)))];
  const total = (id: string, column: string) => sum(rows.filter((r) => String(r.staff) === id).map((r) => (typeof r[column] === 'number' ? (r[column] as number) : 0)));
  return SCORECARD_CHARTS.map((c) => ({
    title: c.title,
    categories: ids.map(label),
    axes: ['count'],
    series: c.series.map(([name, column, stack]) => ({ name, stack, values: ids.map((id) => total(id, column)) })),
  }));
}

function scorecardBlock(state: OfficeState, rows: readonly Row[], clean: Clean, draw: (c: BarChart) => string): Block {
  const report = reportNamed('scorecard');
  const charts = scorecardCharts(rows, labels(state, clean));
  return { charts: charts.map(draw), tables: [section('scorecard', report.description, report.columns, rows)] };
}

/** `report <log> [--policy A [--policy B]] [--as-of <time>] [--out report.html]`: the page. */
export async function report(args: Args, io: Io): Promise<number> {
  const log = logArg(args, io);
  // Checked before the log is read: the page and the quarantine must not land on an input.
  const quarantine = quarantineOf({ ...args, out: undefined }, io);
  refuseOverwrite(args, io, args.out === undefined ? [quarantine] : [quarantine, resolve(io.cwd, args.out)]);
  if (args.policy.length > 2) throw new UsageError('report takes one --policy, or two to set their replays side by side');
  // Loaded first: without echarts, say so before reading a long log.
  const drawChart: Draw = await loadCharts();
  const policies = await Promise.all((args.policy.length === 0 ? [undefined] : args.policy).map((p) => loadPolicy(p, io.cwd)));
  const first = policies[0];
  if (first === undefined) throw new Error('no policy');
  const view = viewOf(args, '--as-of', first.office);
  const clean = cleanerOf(args);
  const scorecard = reportNamed('scorecard');
  const collectors: Collector[] = policies.map(() => scorecard.collect());
  const session = await readLog(io, {
    path: log,
    sides: policies.map((p, i) => ({ office: p.office, collectors: collectors.slice(i, i + 1), decisions: needsDecisions([scorecard]) })),
    ...untilOf(view),
    // --out names the page, not a folder: bad lines go where they go without --out.
    quarantine,
    clean,
    ...officeOf(args),
  });
  const labelsOf = policies.map((p) => p.label);
  const summary = summaryOf(io, log, session, policies, clean);
  io.stderr.write(`${summaryLines(summary, NAMED_ON_STDERR, session.elapsedMs).join('\n')}\n`);

  const width = policies.length > 1 ? WIDTH.two : WIDTH.one;
  const draw = (chart: BarChart) => drawChart(chart, width);
  const inputs = session.states.map((s) => reportInput(s, view));
  // TODO(periods): read the scorecard from the library's `scorecard` view once it is on main; until then the CLI's scorecard report.
  const scorecards = inputs.map((input, i) => [...(collectors[i] as Collector).rows(input)]);
  const sides = <T>(f: (state: OfficeState, input: ReportInput, i: number) => T): T[] => session.states.map((s, i) => f(s, inputs[i] as ReportInput, i));

  const owners = reportNamed('owners');
  const compared = (report: Report, rowsOf: (i: number) => Iterable<Row>): Section[] =>
    policies.length < 2
      ? []
      : [section(`${report.name} differences`, `What differs between ${labelsOf[0]} (a) and ${labelsOf[1]} (b): ${report.name}, one row per changed cell`, differenceColumnsOf(report), [...differences(report, rowsOf(0), rowsOf(1))])];
  const ownerRows = (i: number) => owners.collect().rows(inputs[i] as ReportInput);

  const parts: Part[] = [
    {
      id: 'fairness',
      title: 'Rotation fairness',
      intro: 'Walk-in turns, the turns that passed each salesperson and why, and the make-ups owed and granted (ROT-*).',
      sides: sides((s) => fairnessBlock(s, clean, draw)),
    },
    {
      id: 'money',
      title: 'Credit and commission',
      intro: 'Performance credit (业绩) and commission per salesperson and month, with the red and green lines against their targets: met in green, not met in red (COM-RATE-TIERS).',
      sides: sides((s) => moneyBlock(s, clean, draw)),
    },
    {
      id: 'owners',
      title: 'Owners',
      intro: 'Who owns the clients at the report time: by the channel the ownership came through and by the rules it rests on.',
      sides: sides((s, input) => ownersBlock(s, input, clean, draw)),
      after: compared(owners, ownerRows),
    },
    {
      id: 'scorecard',
      title: 'Scorecard',
      intro: 'One line per salesperson: receptions, turns and calls; claims, invitations and deals; then the scorecard itself.',
      sides: sides((s, _input, i) => scorecardBlock(s, scorecards[i] ?? [], clean, draw)),
      after: compared(scorecard, (i) => scorecards[i] ?? []),
    },
  ];
  const asOf = view.lookAhead === undefined ? '' : ` as of ${view.lookAhead}`;
  const html = pageHtml(
    {
      title: `salesfloor report: ${summary.log} under ${labelsOf.join(' and ')}${asOf}`,
      summary: summaryLines(summary, NAMED_ON_STDERR),
      policies: labelsOf,
      parts,
    },
    clean,
  );
  if (args.out === undefined) {
    await pipeText(io.stdout, [html]);
  } else {
    const file = resolve(io.cwd, args.out);
    try {
      makeDirectory(dirname(file), io.leftovers);
      io.leftovers?.file(file);
      await writeFile(file, html);
    } catch (error) {
      // Exit 74 with the page and the reason, as replay's --out: a folder under a file, a directory named like the page, no permission.
      throw new OutputError(`cannot write ${shown(io, file)}: ${reasonOf(error)}`);
    }
    io.stderr.write(`wrote ${shown(io, file)}\n`);
  }
  // With io: a quarantine file that could not be written is said, not only exited with.
  return exitOf(session, io);
}
