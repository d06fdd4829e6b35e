/**
 * What-if: one log replayed under two policies at once, and what differs,
 * as data. Every difference names who it is about and carries both sides'
 * traces (the rule IDs and the events each side's outcome rests on), so a
 * reader can ask either side why.
 */
import type { Issue } from '../kernel/issues.js';
import { cents, money, type Amount } from '../kernel/money.js';
import type { RuleId } from '../kernel/rules.js';
import { instantMs } from '../kernel/time.js';
import { lineOf } from '../events/parse.js';
import type { Event } from '../events/schema.js';
import type { PolicySource } from '../policy/timeline.js';
import type { OwnerStatus } from '../ownership/decisions.js';
import type { SkipReason } from '../rotation/decisions.js';
import type { Decision, DecisionOf } from './decisions.js';
import { cutOf, initialState, replayer, type Replayer } from './fold.js';
import type { EngineOptionsInput, OfficeState } from './state.js';
import { calendar, fairnessLedger, findClient, ledgerEntries, owners, type OwnerRow } from './views.js';

/**
 * What a side's outcome rests on: rule IDs and the ids of the events.
 *
 * @example
 * ```ts
 * // { rules: ['OWN-FIRST', 'OWN-VALIDITY'], evidence: ['e2'] }
 * ```
 */
export interface Trace {
  readonly rules: readonly RuleId[];
  readonly evidence: readonly string[];
}

/**
 * A client's owner on one side, at the end of the log (or at `asOf`).
 *
 * @example
 * ```ts
 * // { owner: 'S01', ownerName: '李娜', status: 'protected', protectionEndsAt: '2026-11-17T00:00:00+08:00', rules: [...], evidence: ['e2'] }
 * ```
 */
export interface OwnerSide extends Trace {
  readonly owner: string | null;
  readonly ownerName: string | null;
  readonly status: OwnerStatus;
  readonly protectionEndsAt: string | null;
}

/**
 * A client whose owner, status or protection end differs; a side is null
 * when the client is not on its register (its identity rules matched them
 * to another client, or refused their events).
 *
 * @example
 * ```ts
 * // { client: 'e2', name: '张伟', differs: ['owner'], a: { owner: 'S01', ... }, b: { owner: 'S02', ... } }
 * ```
 */
export interface OwnerDifference {
  readonly client: string;
  /** The client's name (both sides' when they differ, `a / b`). */
  readonly name: string | null;
  readonly differs: readonly ('owner' | 'status' | 'protectionEndsAt' | 'register')[];
  readonly a: OwnerSide | null;
  readonly b: OwnerSide | null;
}

/**
 * Who received a visitor or a call on one side, and whether it used a turn.
 *
 * @example
 * ```ts
 * // { client: 'e41', receiver: 'S03', receiverName: '赵敏', counted: true, turns: 1, makeUp: false, rules: ['ROT-ORDER'], evidence: [] }
 * ```
 */
export interface VisitSide extends Trace {
  /** The client key this side's identity rules gave the visitor (null: not a client). */
  readonly client: string | null;
  readonly receiver: string | null;
  readonly receiverName: string | null;
  readonly counted: boolean;
  readonly turns: number;
  readonly makeUp: boolean;
}

/**
 * A visit (or allocated call) received differently; a side is null when it
 * refused the event.
 *
 * @example
 * ```ts
 * // { event: 'e41', at: '2026-11-03T10:00:00+08:00', channel: 'visit', client: 'e41', name: '王芳', differs: ['receiver'], a: {...}, b: {...} }
 * ```
 */
export interface VisitDifference {
  readonly event: string;
  readonly at: string;
  readonly channel: 'visit' | 'call';
  /** The client key (both sides' when their identity rules differ, `a / b`). */
  readonly client: string | null;
  readonly name: string | null;
  readonly differs: readonly ('receiver' | 'counted' | 'turns' | 'makeUp' | 'refused')[];
  readonly a: VisitSide | null;
  readonly b: VisitSide | null;
}

/**
 * The money a person earns in a month, by account: credit (业绩), commission,
 * fixed bonuses, fines (DEAL-*, COM-*, PEN-FINES).
 *
 * @example
 * ```ts
 * compare(events, a, b).months.filter((d) => d.account === 'commission');
 * ```
 */
export type MoneyAccount = 'credit' | 'commission' | 'bonus' | 'fines';

/**
 * A person's total of one account in one month on one side: the ledger
 * entries booked in that month (credit, commission, bonus, as
 * `ledgerEntries`' `month`) or the fines of that pay month (as
 * `finesLedger`'s `month`).
 *
 * @example
 * ```ts
 * // { amount: '2400.00', entries: 2, rules: ['COM-RATE-TIERS', 'DEAL-STAGES'], evidence: ['e40', 'e52'] }
 * ```
 */
export interface MoneySide extends Trace {
  readonly amount: string;
  /** How many entries (or fines) make it up. */
  readonly entries: number;
}

/**
 * A person's month that differs in one account.
 *
 * @example
 * ```ts
 * // { staff: 'S01', name: '李娜', month: '2026-11', account: 'commission', a: { amount: '2400.00', ... }, b: { amount: '3600.00', ... } }
 * ```
 */
export interface MonthDifference {
  readonly staff: string;
  readonly name: string | null;
  readonly month: string;
  readonly account: MoneyAccount;
  readonly a: MoneySide;
  readonly b: MoneySide;
}

/**
 * A person's share of the rotation on one side, over the whole log: turns
 * used, walk-ins without a turn, calls, and the turns that passed them by
 * reason. The trace is that of the receptions where this person's part
 * differs between the sides.
 *
 * @example
 * ```ts
 * // { turns: 41, uncounted: 3, calls: 12, skips: { busy: 2, ... }, callSkips: {...}, rules: ['ROT-ORDER'], evidence: ['e77'] }
 * ```
 */
export interface TurnsSide extends Trace {
  readonly turns: number;
  readonly uncounted: number;
  readonly calls: number;
  readonly skips: Readonly<Record<SkipReason, number>>;
  readonly callSkips: Readonly<Record<SkipReason, number>>;
}

/**
 * A person whose turns or skips differ.
 *
 * @example
 * ```ts
 * // { staff: 'S02', name: '王强', differs: ['turns', 'skips'], a: { turns: 40, ... }, b: { turns: 42, ... } }
 * ```
 */
export interface TurnDifference {
  readonly staff: string;
  readonly name: string | null;
  readonly differs: readonly ('turns' | 'uncounted' | 'calls' | 'skips' | 'callSkips')[];
  readonly a: TurnsSide;
  readonly b: TurnsSide;
}

/**
 * An event one side applied and the other refused (or both refused, for
 * different reasons): e.g. a refund of a deal one policy refused for its
 * unit (COL-SAME-UNIT). `staff` is who the event is about: its `staff`,
 * `receiver` or `by`, or for a deal's event without one the deal's closer.
 *
 * @example
 * ```ts
 * // { event: 'e63', at: '...', type: 'refund', line: 63, staff: 'S02', name: '王强', a: [{ code: 'invalid_value', ... }], b: [] }
 * ```
 */
export interface RefusalDifference {
  readonly event: string;
  readonly at: string;
  readonly type: Event['type'];
  readonly line?: number;
  /** Who the event is about, if anyone. */
  readonly staff: string | null;
  /** Their name (both sides' names, joined by " / ", if they differ). */
  readonly name: string | null;
  /** Side a's issues: empty when it applied the event. */
  readonly a: readonly Issue[];
  readonly b: readonly Issue[];
}

/**
 * What differs between two policies on one log. Every list is empty when
 * the two policies decide the log alike; `compare(events, b, a)` is
 * `compare(events, a, b)` with the sides swapped, when both count days in
 * the same zone (an office has one: `asOf` and the visits' local times are
 * read in policy a's).
 *
 * @example
 * ```ts
 * const diff = compare(events, presetPolicy('jiuzhou'), presetPolicy('shenyang'));
 * diff.owners.map((d) => `${d.name}: ${d.a?.ownerName} → ${d.b?.ownerName}`);
 * ```
 */
export interface Comparison {
  /** Each side's label (its first version's policy name, or the label given) and events applied. */
  readonly a: { readonly label: string; readonly events: number };
  readonly b: { readonly label: string; readonly events: number };
  /** The time compared at (`asOf`), ISO-8601 in office time; null: the end of the log. */
  readonly asOf: string | null;
  /** Valid events after `asOf`, left out. */
  readonly later: number;
  readonly owners: readonly OwnerDifference[];
  readonly visits: readonly VisitDifference[];
  readonly months: readonly MonthDifference[];
  readonly turns: readonly TurnDifference[];
  readonly refusals: readonly RefusalDifference[];
}

/**
 * Options of a comparison.
 *
 * @example
 * ```ts
 * compare(events, a, b, { asOf: '2026-06-30', labels: ['today', 'proposal'] });
 * ```
 */
export interface CompareOptions {
  /** Compare the office as it stood at this time (events after it are left out; see `asOf`). */
  readonly asOf?: string;
  /** Labels of the two sides; default: each policy's name. */
  readonly labels?: readonly [string, string];
  /** Engine options of both replays (default `{ history: 'none' }`: a comparison needs no client stories). */
  readonly engine?: EngineOptionsInput;
}

/**
 * A comparison fed one event at a time, for logs too large to hold: both
 * replays advance together and only what differs is kept.
 *
 * @example
 * ```ts
 * const c = comparer(a, b);
 * for (const event of events) c.push(event);
 * const diff = c.result();
 * ```
 */
export interface Comparer {
  /**
   * Applies one event on both sides (with its log line, for issues); returns
   * each side's issues, and whether it was on each side a redelivery of an id
   * already decided there (a no-op, not counted as applied).
   */
  push(event: Event, line?: number): { readonly a: readonly Issue[]; readonly b: readonly Issue[]; readonly redelivered: { readonly a: boolean; readonly b: boolean } };
  /** The differences so far. */
  result(): Comparison;
  /** Both sides' states so far. */
  states(): readonly [OfficeState, OfficeState];
}

/** A set of rule IDs or event ids, in the order first seen. */
class Bag {
  readonly rules = new Set<RuleId>();
  readonly evidence = new Set<string>();
  add(rules: readonly RuleId[], evidence: Iterable<string>): void {
    for (const r of rules) this.rules.add(r);
    for (const e of evidence) this.evidence.add(e);
  }
  trace(): Trace {
    return { rules: [...this.rules].sort(), evidence: [...this.evidence] };
  }
}

const NO_TRACE = new Bag();

/** A person's fines in a month on one side. */
interface Fines {
  amount: Amount;
  entries: number;
  readonly bag: Bag;
}

/** One side of the comparison as it runs. */
interface Run {
  readonly label: string;
  readonly r: Replayer;
  /** `<staff> <month>` → the fines decided. */
  readonly fines: Map<string, Fines>;
  /** staff → the receptions where their part differs from the other side's. */
  readonly turns: Map<string, Bag>;
  events: number;
}

/** Each person's part in a reception: received (with or without a turn) or passed over, and why. */
function partsOf(d: DecisionOf<'reception'> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (d === undefined) return out;
  if (d.receiver !== null) out.set(d.receiver, `${d.channel} received ${d.counted ? d.turns : 0}${d.makeUp ? ' makeUp' : ''}`);
  for (const s of d.skipped) out.set(s.staff, `${d.channel} skipped ${s.reason}`);
  return out;
}

function receptionOf(decisions: readonly Decision[]): DecisionOf<'reception'> | undefined {
  return decisions.find((d): d is DecisionOf<'reception'> => d.kind === 'reception');
}

function bagOf(map: Map<string, Bag>, key: string): Bag {
  let bag = map.get(key);
  if (bag === undefined) map.set(key, (bag = new Bag()));
  return bag;
}

/** A name both sides agree on, or both, `a / b` in a fixed order (so that swapping the sides changes nothing). */
function nameOf(a: string | null | undefined, b: string | null | undefined): string | null {
  const names = [...new Set([a, b].filter((x): x is string => typeof x === 'string'))].sort();
  return names.length === 0 ? null : names.join(' / ');
}

function sameIssues(a: readonly Issue[], b: readonly Issue[]): boolean {
  return a.length === b.length && a.every((x, i) => x.code === b[i]?.code && x.path.join('.') === b[i]?.path.join('.'));
}

function visitSide(state: OfficeState, d: DecisionOf<'reception'>): VisitSide {
  const name = d.receiver === null ? null : (state.staff.members.get(d.receiver)?.name ?? null);
  return { client: d.client ?? null, receiver: d.receiver, receiverName: name, counted: d.counted, turns: d.turns, makeUp: d.makeUp, rules: [...d.rules].sort(), evidence: [...d.evidence] };
}

/** A client's name on a side's register (a key since merged into a group is found through the group). */
function clientName(state: OfficeState, register: ReadonlyMap<string, OwnerRow>, key: string | undefined): string | null {
  if (key === undefined) return null;
  return register.get(key)?.name ?? register.get(findClient(state, key) ?? key)?.name ?? null;
}

function ownerSide(row: OwnerRow): OwnerSide {
  return { owner: row.owner, ownerName: row.ownerName, status: row.status, protectionEndsAt: row.protectionEndsAt, rules: [...row.rules].sort(), evidence: [...row.evidence] };
}

function ownerDifferences([left, right]: readonly [ReadonlyMap<string, OwnerRow>, ReadonlyMap<string, OwnerRow>]): OwnerDifference[] {
  const out: OwnerDifference[] = [];
  for (const client of [...new Set([...left.keys(), ...right.keys()])].sort()) {
    const x = left.get(client);
    const y = right.get(client);
    const differs: OwnerDifference['differs'][number][] = [];
    if (x === undefined || y === undefined) differs.push('register');
    else {
      if (x.owner !== y.owner) differs.push('owner');
      if (x.status !== y.status) differs.push('status');
      if (x.protectionEndsAt !== y.protectionEndsAt) differs.push('protectionEndsAt');
    }
    if (differs.length === 0) continue;
    out.push({ client, name: nameOf(x?.name, y?.name), differs, a: x ? ownerSide(x) : null, b: y ? ownerSide(y) : null });
  }
  return out;
}

interface MonthSums {
  amount: Amount;
  entries: number;
  readonly bag: Bag;
}

/** Each person's accounts per month on one side: the ledger booked in the month, and the fines. */
function monthsOf(run: Run, state: OfficeState): Map<string, MonthSums> {
  const out = new Map<string, MonthSums>();
  const add = (key: string, amount: string | Amount, rules: readonly RuleId[], evidence: Iterable<string>) => {
    let m = out.get(key);
    if (m === undefined) out.set(key, (m = { amount: money(0), entries: 0, bag: new Bag() }));
    m.amount = m.amount.plus(amount);
    m.entries++;
    m.bag.add(rules, evidence);
  };
  for (const e of ledgerEntries(state)) add(`${e.staff}\u0000${e.month}\u0000${e.account}`, e.amount, e.rules, [e.event, ...e.evidence]);
  for (const [key, f] of run.fines) {
    const [staff, month] = key.split('\u0000') as [string, string];
    const k = `${staff}\u0000${month}\u0000fines`;
    out.set(k, { amount: f.amount, entries: f.entries, bag: f.bag });
  }
  return out;
}

const ACCOUNTS: readonly MoneyAccount[] = ['credit', 'commission', 'bonus', 'fines'];

function monthDifferences(runs: readonly [Run, Run], states: readonly [OfficeState, OfficeState], name: (staff: string) => string | null): MonthDifference[] {
  const [x, y] = [monthsOf(runs[0], states[0]), monthsOf(runs[1], states[1])];
  const zero: MoneySide = { amount: '0.00', entries: 0, rules: [], evidence: [] };
  const side = (m: MonthSums | undefined): MoneySide => (m === undefined ? zero : { amount: cents(m.amount), entries: m.entries, ...m.bag.trace() });
  const out: MonthDifference[] = [];
  const keys = [...new Set([...x.keys(), ...y.keys()])].map((k) => k.split('\u0000') as [string, string, MoneyAccount]);
  keys.sort((p, q) => (p[0] !== q[0] ? (p[0] < q[0] ? -1 : 1) : p[1] !== q[1] ? (p[1] < q[1] ? -1 : 1) : ACCOUNTS.indexOf(p[2]) - ACCOUNTS.indexOf(q[2])));
  for (const [staff, month, account] of keys) {
    const key = `${staff}\u0000${month}\u0000${account}`;
    const a = side(x.get(key));
    const b = side(y.get(key));
    if (a.amount === b.amount) continue;
    out.push({ staff, name: name(staff), month, account, a, b });
  }
  return out;
}

function turnDifferences(runs: readonly [Run, Run], states: readonly [OfficeState, OfficeState], name: (staff: string) => string | null): TurnDifference[] {
  const totals = states.map((s) => new Map(fairnessLedger(s, { totals: true }).map((r) => [r.staff, r])));
  const [left, right] = totals as [Map<string, ReturnType<typeof fairnessLedger>[number]>, Map<string, ReturnType<typeof fairnessLedger>[number]>];
  const out: TurnDifference[] = [];
  const empty = Object.fromEntries(Object.keys([...left.values(), ...right.values()][0]?.skips ?? {}).map((k) => [k, 0])) as Record<SkipReason, number>;
  const side = (run: Run, row: ReturnType<typeof fairnessLedger>[number] | undefined, staff: string): TurnsSide => ({
    turns: row?.turns ?? 0,
    uncounted: row?.uncounted ?? 0,
    calls: row?.calls ?? 0,
    skips: row?.skips ?? empty,
    callSkips: row?.callSkips ?? empty,
    ...(run.turns.get(staff) ?? NO_TRACE).trace(),
  });
  for (const staff of [...new Set([...left.keys(), ...right.keys()])].sort()) {
    const a = side(runs[0], left.get(staff), staff);
    const b = side(runs[1], right.get(staff), staff);
    const differs: TurnDifference['differs'][number][] = [];
    for (const f of ['turns', 'uncounted', 'calls'] as const) if (a[f] !== b[f]) differs.push(f);
    for (const f of ['skips', 'callSkips'] as const) if (JSON.stringify(a[f]) !== JSON.stringify(b[f])) differs.push(f);
    if (differs.length > 0) out.push({ staff, name: name(staff), differs, a, b });
  }
  return out;
}

/**
 * Starts a comparison of two policies fed one event at a time (see
 * {@link compare}).
 *
 * @param policyA - side a: a policy or a dated timeline
 * @param policyB - side b
 * @param options - a time to compare at, labels, engine options
 * @returns the comparer
 * @throws PolicyError when a policy does not validate
 * @example
 * ```ts
 * const c = comparer(presetPolicy('jiuzhou'), presetPolicy('shenyang'));
 * for await (const line of lines) { const p = parseLine(line, n); if (p?.ok) c.push(p.event, n); }
 * const changed = c.result().owners.length; // clients whose owner changes
 * ```
 */
export function comparer(policyA: PolicySource, policyB: PolicySource, options: CompareOptions = {}): Comparer {
  const engine = options.engine ?? { history: 'none' };
  const starts = [initialState(policyA, engine), initialState(policyB, engine)] as const;
  const cut = options.asOf === undefined ? null : cutOf(options.asOf, starts[0].policy.timeZone);
  const run = (state: OfficeState, i: 0 | 1): Run => ({ label: options.labels?.[i] ?? state.policy.name, r: replayer(state), fines: new Map(), turns: new Map(), events: 0 });
  const runs = [run(starts[0], 0), run(starts[1], 1)] as const;
  const cal = calendar(starts[0]);
  // Visits received differently, read into rows (names, sides) at the end.
  const visits: { event: string; at: string; differs: VisitDifference['differs']; a: DecisionOf<'reception'> | undefined; b: DecisionOf<'reception'> | undefined }[] = [];
  // Events refused differently; named at the end, when the staff lists are final.
  const refusals: Omit<RefusalDifference, 'name'>[] = [];
  // Who a refused event is about: rare, so the deal's closer may be looked up in the states.
  const actorOf = (event: Event): string | null => {
    const fields = event as { readonly staff?: unknown; readonly receiver?: unknown; readonly by?: unknown; readonly deal?: unknown };
    for (const f of [fields.staff, fields.receiver, fields.by]) if (typeof f === 'string') return f;
    if (typeof fields.deal !== 'string') return null;
    const id = fields.deal;
    return runs[0].r.state().deals.deals.get(id)?.staff ?? runs[1].r.state().deals.deals.get(id)?.staff ?? null;
  };
  let later = 0;
  let settled: { states: readonly [OfficeState, OfficeState] } | null = null;

  const states = (): readonly [OfficeState, OfficeState] => {
    settled ??= { states: [runs[0].r.state(), runs[1].r.state()] };
    return settled.states;
  };

  const fined = (side: Run, decisions: readonly Decision[]) => {
    for (const d of decisions) {
      if (d.kind !== 'penalty') continue;
      // The fine's pay month, as finesLedger's month and the scorecard give it: a day closed by the next month's first event is fined in its own month.
      const key = `${d.staff}\u0000${d.month}`;
      let f = side.fines.get(key);
      if (f === undefined) side.fines.set(key, (f = { amount: money(0), entries: 0, bag: new Bag() }));
      f.amount = f.amount.plus(d.amount);
      f.entries++;
      f.bag.add(d.rules, [d.event, ...d.evidence]);
    }
  };

  return {
    push(event, line) {
      if (cut !== null && instantMs(event.at) > cut.ms) {
        later++;
        return { a: [], b: [], redelivered: { a: false, b: false } };
      }
      settled = null;
      const x = runs[0].r.push(event, line);
      const y = runs[1].r.push(event, line);
      // A redelivery changed nothing: not an event applied.
      if (x.issues.length === 0 && !x.redelivered) runs[0].events++;
      if (y.issues.length === 0 && !y.redelivered) runs[1].events++;
      const redelivered = { a: x.redelivered, b: y.redelivered };
      const at = cal.localIso(instantMs(event.at));
      if (!sameIssues(x.issues, y.issues)) refusals.push({ event: event.id, at, type: event.type, ...(line === undefined ? {} : { line }), staff: actorOf(event), a: x.issues, b: y.issues });
      fined(runs[0], x.decisions);
      fined(runs[1], y.decisions);
      const da = receptionOf(x.decisions);
      const db = receptionOf(y.decisions);
      if (da === undefined && db === undefined) return { a: x.issues, b: y.issues, redelivered };
      // Whose part in this reception differs: the trace of their turns.
      const pa = partsOf(da);
      const pb = partsOf(db);
      for (const staff of new Set([...pa.keys(), ...pb.keys()])) {
        if (pa.get(staff) === pb.get(staff)) continue;
        if (da !== undefined) bagOf(runs[0].turns, staff).add(da.rules, [event.id]);
        if (db !== undefined) bagOf(runs[1].turns, staff).add(db.rules, [event.id]);
      }
      const differs: VisitDifference['differs'][number][] = [];
      if (da === undefined || db === undefined) differs.push('refused');
      else {
        if (da.receiver !== db.receiver) differs.push('receiver');
        if (da.counted !== db.counted) differs.push('counted');
        if (da.turns !== db.turns) differs.push('turns');
        if (da.makeUp !== db.makeUp) differs.push('makeUp');
      }
      if (differs.length > 0) visits.push({ event: event.id, at, differs, a: da, b: db });
      return { a: x.issues, b: y.issues, redelivered };
    },
    result() {
      const s = states();
      const names = (staff: string) => nameOf(s[0].staff.members.get(staff)?.name, s[1].staff.members.get(staff)?.name);
      const view = cut === null ? {} : { lookAhead: cut.iso };
      const registers = s.map((x) => new Map(owners(x, view).map((o) => [o.client, o]))) as [Map<string, OwnerRow>, Map<string, OwnerRow>];
      return {
        a: { label: runs[0].label, events: runs[0].events },
        b: { label: runs[1].label, events: runs[1].events },
        asOf: cut?.iso ?? null,
        later,
        owners: ownerDifferences(registers),
        visits: visits.map(
          (v): VisitDifference => ({
            event: v.event,
            at: v.at,
            channel: (v.a ?? v.b)?.channel ?? 'visit',
            client: nameOf(v.a?.client, v.b?.client),
            name: nameOf(clientName(s[0], registers[0], v.a?.client), clientName(s[1], registers[1], v.b?.client)),
            differs: v.differs,
            a: v.a === undefined ? null : visitSide(s[0], v.a),
            b: v.b === undefined ? null : visitSide(s[1], v.b),
          }),
        ),
        months: monthDifferences(runs, s, names),
        turns: turnDifferences(runs, s, names),
        refusals: refusals.map((r): RefusalDifference => Object.assign({}, r, { name: r.staff === null ? null : names(r.staff) })),
      };
    },
    states,
  };
}

/**
 * Replays one log under two policies and returns what differs, as data:
 * per client the owner (and status, protection end); per visit or call the
 * receiver and whether it used a turn; per person and month credit,
 * commission, fixed bonuses and fines; per person turns and skips; and the
 * events one side refused. Each difference carries both sides' traces.
 * Either policy may be a dated timeline, e.g. to ask what last year would
 * have looked like had a new rule applied from March.
 *
 * @param events - the log, in time order
 * @param policyA - side a: a policy or a dated timeline
 * @param policyB - side b
 * @param options - a time to compare at (`asOf`), labels, engine options
 * @returns the differences; every list empty when the policies decide the log alike
 * @throws PolicyError when a policy does not validate
 * @example
 * ```ts
 * const diff = compare(lastYear, presetPolicy('jiuzhou'), proposal, { labels: ['today', 'proposal'] });
 * const rows = diff.months.map((m) => [m.name, m.month, m.account, m.a.amount, m.b.amount, m.b.rules.join('+')]);
 * ```
 */
export function compare(events: Iterable<Event>, policyA: PolicySource, policyB: PolicySource, options?: CompareOptions): Comparison {
  const c = comparer(policyA, policyB, options);
  for (const event of events) c.push(event, lineOf(event));
  return c.result();
}
