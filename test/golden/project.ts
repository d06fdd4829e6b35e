/**
 * The golden files' normalized projection of a replay: what the engine
 * decided, not how it words or shapes it. Decisions keep their kind, their
 * structured fields, their rule IDs and evidence (as sorted sets, without the
 * event's own id), with times as epoch ms and sentences dropped; the views
 * keep their rows. Both the old and the rebuilt decision shapes project to
 * the same lines, so the rebuild is checked against what main decided.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  attainment,
  commissionLedger,
  credits,
  dealsOf,
  fairnessLedger,
  generateWorld,
  nextReceiver,
  owners,
  parseLog,
  presetPolicy,
  replay,
  staffList,
  type Decision,
  type OfficeState,
  type PolicyInput,
  type PresetName,
} from './engine.js';
import { legacy } from '../support/legacy.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const TIMES = new Set(['protectionEndsAt', 'until', 'busyUntil', 'halfTurnsUntil', 'noCallsUntil', 'at']);
const DROP = new Set(['trace', 'note', 'event', 'id', 'rules', 'evidence', 'why', 'args']);

function time(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  return Date.parse(String(value));
}

function fields(value: unknown, top: boolean): Json {
  if (Array.isArray(value)) return value.map((v) => fields(v, false));
  if (value === null || typeof value !== 'object') return (value ?? null) as Json;
  const out: { [k: string]: Json } = {};
  for (const key of Object.keys(value).sort()) {
    if (key === 'note' || (top && DROP.has(key))) continue;
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    out[key] = TIMES.has(key) ? time(v) : fields(v, false);
  }
  return out;
}

/** A decision's rule IDs and evidence, whichever shape it has. */
function traceOf(d: Decision): { rules: readonly string[]; evidence: readonly string[] } {
  const x = d as unknown as { trace?: { rules: string[]; evidence: string[] }; rules?: string[]; evidence?: string[] };
  return { rules: x.trace?.rules ?? x.rules ?? [], evidence: x.trace?.evidence ?? x.evidence ?? [] };
}

/** One decision as a golden line. */
export function projectDecision(d: Decision): string {
  const { rules, evidence } = traceOf(d);
  const own = (d as unknown as { event: string }).event;
  // A skip's structured reason (until, outcome) came with the rebuild; main had it in the sentence.
  const shaped = d.kind === 'reception' ? { ...d, skipped: d.skipped.map((x) => ({ staff: x.staff, reason: x.reason, makeUp: x.makeUp })) } : d;
  return JSON.stringify({
    event: own,
    ...(fields(shaped, true) as object),
    rules: [...new Set(rules)].sort(),
    evidence: [...new Set(evidence)].filter((e) => e !== own).sort(),
  });
}

/** The decisions of a replay, grouped by event, each group's lines sorted (order within an event is not part of the contract). */
export function projectDecisions(decisions: readonly Decision[]): string[] {
  const out: string[] = [];
  let group: string[] = [];
  let current: string | null = null;
  const flush = () => out.push(...group.sort());
  for (const d of decisions) {
    const event = (d as unknown as { event: string }).event;
    if (event !== current) {
      flush();
      group = [];
      current = event;
    }
    group.push(projectDecision(d));
  }
  flush();
  return out;
}

/** The views of a final state as golden lines. */
export function projectViews(state: OfficeState): string[] {
  const lines: string[] = [];
  const add = (view: string, rows: readonly unknown[]) => {
    for (const row of rows) lines.push(JSON.stringify({ view, ...(fields(row, false) as object) }));
  };
  add(
    'owners',
    owners(state).map((o) => ({ client: o.client, owner: o.owner, status: o.status, protectionEndsAt: o.protectionEndsAt, rules: [...o.rules].sort(), evidence: [...o.evidence].sort() })),
  );
  add('fairness', fairnessLedger(state));
  add(
    'deals',
    dealsOf(state).map((d) => ({ ...d, rules: [...d.rules].sort() })),
  );
  add('commissions', commissionLedger(state));
  add('credits', credits(state));
  add('attainment', attainment(state));
  add('staff', staffList(state).map((m) => ({ id: m.id, name: m.name, team: m.team, role: m.role, status: m.status })));
  const last = lastAt(state);
  if (last !== null) {
    const q = nextReceiver(state, new Date(last + 3_600_000).toISOString());
    add('queue', [{ next: q.next, makeUp: q.makeUp, duty: q.duty, queue: q.queue.map((e) => ({ staff: e.staff, position: e.position, reason: e.reason, owed: e.owed, early: e.early })) }]);
  }
  return lines;
}

function lastAt(state: OfficeState): number | null {
  const s = state as unknown as { lastAt: number | string | null };
  return s.lastAt === null ? null : typeof s.lastAt === 'number' ? s.lastAt : Date.parse(s.lastAt);
}

/** A golden case: a log and a policy. */
export interface GoldenCase {
  readonly name: string;
  readonly log: () => string;
  readonly policy: PolicyInput;
}

const root = new URL('../../', import.meta.url).pathname;
const file = (path: string) => () => readFileSync(`${root}${path}`, 'utf8');
// Generated logs are kept as files, so a change to the generator never changes a golden case.
const generated = (seed: number) => () => gunzipSync(readFileSync(`${root}test/golden/logs/generated-${seed}.jsonl.gz`)).toString('utf8');

/** Writes the generated logs the golden cases read (scripts/golden.ts --logs). */
export function writeGeneratedLogs(): void {
  for (const seed of [7, 11]) writeFileSync(`${root}test/golden/logs/generated-${seed}.jsonl.gz`, gzipSync(generateWorld(seed, 4000), { level: 9 }));
}
const preset = (name: PresetName): PolicyInput => presetPolicy(name);

/**
 * The cases: the example logs and two seeded generated logs, under the
 * default policy and several presets. The `default` cases replay under the
 * 0.1 defaults, given explicitly (`legacy`): issue 11 made the default policy
 * a neutral core, and these files pin what the engine decided under the old
 * one, so they keep checking the same decisions.
 */
export const cases: readonly GoldenCase[] = [
  { name: 'month--default', log: file('examples/logs/office-month.jsonl'), policy: legacy },
  ...(['jiuzhou', 'confirmation-desk', 'shenyang', 'store-archive', 'cooperation', 'consultant-detail'] as const).map((p) => ({
    name: `month--${p}`,
    log: file('examples/logs/office-month.jsonl'),
    policy: preset(p),
  })),
  { name: 'corrupt-day--default', log: file('examples/logs/office-day-corrupt.jsonl'), policy: legacy },
  ...([7, 11] as const).flatMap((seed) =>
    [
      ['default', legacy],
      ['sales-dept-one', preset('sales-dept-one')],
      ['callback-first', preset('callback-first')],
    ].map(([p, policy]) => ({ name: `generated-${seed}--${p as string}`, log: generated(seed), policy: policy as PolicyInput })),
  ),
];

/** Replays a case and returns its golden lines: issues, decisions, then views. */
export function run(c: GoldenCase): string[] {
  const { events, issues: parseIssues } = parseLog(c.log());
  const { state, decisions, issues } = replay(events, c.policy);
  const issueLines = [...parseIssues, ...issues].map((i) => JSON.stringify({ issue: i.code, line: i.line ?? null, event: i.event ?? null, path: i.path }));
  return [...issueLines, ...projectDecisions(decisions), ...projectViews(state)];
}

/** Where a case's golden file lives. */
export function goldenPath(name: string): string {
  return `${root}test/golden/data/${name}.jsonl.gz`;
}

/** Reads a golden file's lines. */
export function readGolden(name: string): string[] {
  return gunzipSync(readFileSync(goldenPath(name))).toString('utf8').split('\n').filter((l) => l !== '');
}

/** Writes a golden file. */
export function writeGolden(name: string, lines: readonly string[]): void {
  writeFileSync(goldenPath(name), gzipSync(`${lines.join('\n')}\n`, { level: 9 }));
}
