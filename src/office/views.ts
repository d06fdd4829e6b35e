/**
 * Read-only views of an office state for reports, CRMs and notebooks:
 * owners, the queue, staff, deals and the ledger, and each client's story.
 * Phones leave masked unless the caller asks otherwise (PRV-MASK).
 */
import type { Wording } from '../kernel/decision.js';
import { sortedEntries, values } from '../kernel/map.js';
import type { RuleId } from '../kernel/rules.js';
import { calendarOf, MONTH_PATTERN, notATime, readTime, type Calendar } from '../kernel/time.js';
import { describeValue } from '../kernel/issues.js';
import type { Policy } from '../policy/schema.js';
import { policyIn, sectionAt } from '../policy/timeline.js';
import type { ClientRef } from '../events/common.js';
import { attainment as attainmentRows, commissionLedger as commissionRows, credits as creditRows, dealRows, ledgerEntries as entryRows, type AttainmentRow, type CommissionMonth, type CreditMonth, type DealRow, type DealsReader, type LedgerQuery } from '../deals/views.js';
import type { LedgerEntry } from '../deals/decisions.js';
import { resolve } from '../identity/identity.js';
import { maskPhone, maskPhonesIn } from '../identity/phone.js';
import { keysOf, namesOf, phonesOf, type IdentityReader, type Person } from '../identity/state.js';
import type { OwnerStatus } from '../ownership/decisions.js';
import { viewAt } from '../ownership/file.js';
import type { ClientFile } from '../ownership/state.js';
import { ledgerRows, nextInQueue, type FairnessOptions, type FairnessRow, type Names, type NextReceiver } from '../rotation/report.js';
import { penaltiesAt } from '../rotation/state.js';
import { activeClaims } from '../ownership/claims.js';
import { cents, money, Money, type Amount } from '../kernel/money.js';
import type { PeriodFacts } from '../periods/facts.js';
import { periodKinds, type PeriodKind } from '../periods/calendar.js';
import type { PenaltyDecision } from '../periods/decisions.js';
import { quotaLimitAt } from '../periods/quota.js';
import { callBacks as dueCalls, scorecardRows, type CallBack, type ScorecardRow } from '../periods/views.js';
import type { StaffMember } from '../staff/state.js';
import type { Decision } from './decisions.js';
import { monthFigures } from './facts.js';
import { checkState, type OfficeState, type Story } from './state.js';

/**
 * Options of the views that show client details.
 *
 * A state knows the office as of its last event. `lookAhead` looks forward
 * from there: protections that end between the last event and that instant
 * show as lapsed, as the next event would find them. A state cannot look
 * back (it has forgotten what later events replaced): for the register as
 * it stood at an earlier time, replay the events up to then with `asOf`.
 *
 * @example
 * ```ts
 * owners(state, { mask: false }); // full phones, for an authorized caller
 * owners(state, { lookAhead: '2026-12-31T23:59:59+08:00' }); // lapses judged at year end, no events after the last
 * ```
 */
export interface ViewOptions {
  /** Mask phones as `138****5678` (PRV-MASK). Default: true. */
  readonly mask?: boolean;
  /**
   * An instant at or after the state's last event at which to judge lapses
   * (OWN-VALIDITY, OWN-FOLLOWUP); default: the last event's time. ISO-8601
   * with an offset, or office time: `2026-12-01T09:00` in the policy's
   * zone, and a date alone (`2026-12-01`) for the whole day, as `asOf`
   * reads it. Never the machine's zone. An earlier instant, or a string
   * that is not a time, is refused with a RangeError.
   */
  readonly lookAhead?: string;
}

/**
 * One line of the ownership register.
 *
 * @example
 * ```ts
 * // { client: 'e2', name: '张伟', phone: '138****5678', owner: 'S01', ownerName: '李娜', status: 'protected',
 * //   protectionEndsAt: '2026-11-17T00:00:00+08:00', rules: ['OWN-FIRST', ...], evidence: ['e2'] }
 * ```
 */
export interface OwnerRow {
  readonly client: string;
  readonly name: string | null;
  readonly phone: string | null;
  readonly owner: string | null;
  readonly ownerName: string | null;
  readonly status: OwnerStatus;
  /** Local time the protection ends; null when it has no limit or no owner. */
  readonly protectionEndsAt: string | null;
  /** The rule IDs the ownership rests on. */
  readonly rules: readonly RuleId[];
  /** The events it rests on. */
  readonly evidence: readonly string[];
}

/** The office's calendar. @internal */
export function calendar(state: OfficeState): Calendar {
  checkState(state, 'a view');
  return calendarOf(state.policy.timeZone);
}

/** Words for a state's decisions: staff names and local times. @internal */
export function wording(state: OfficeState): Wording {
  const cal = calendar(state);
  return {
    who(id) {
      if (id === null) return 'nobody';
      const m = state.staff.members.get(id);
      return m && m.name !== id ? `${m.name} (${id})` : id;
    },
    time: (ms) => cal.localIso(ms),
    clock: (ms) => cal.localIso(ms).slice(11, 16),
  };
}

/**
 * Epoch ms of a time a caller asks about, in the office's zone (never the
 * machine's: a view gives the same answer everywhere). A string that is not
 * a time is the caller's error, thrown as nextReceiver throws it.
 */
function msOf(state: OfficeState, at: string): number {
  checkState(state, 'a view');
  // Callers in plain JavaScript may pass anything: a non-string is the same error, not a TypeError from inside.
  if (typeof at !== 'string') throw new RangeError(notATime(at, state.policy.timeZone));
  return readTime(at, state.policy.timeZone);
}

/**
 * The instant a view judges lapses at: the last event's, or a later one.
 * @throws RangeError for an instant that is not one, or one before the last event
 */
function forward(state: OfficeState, at: string | undefined, what: string): number {
  if (at === undefined) return state.lastAt ?? 0;
  const ms = msOf(state, at);
  if (state.lastAt !== null && ms < state.lastAt) {
    throw new RangeError(
      `${what} ${at} is before the state's last event (${calendar(state).localIso(state.lastAt)}): a state cannot look back. For the office as it stood then, replay the events up to then: asOf(events, '${at}', policy)`,
    );
  }
  return ms;
}

function atOf(state: OfficeState, options: ViewOptions | undefined): number {
  checkState(state, 'a view');
  // `at` looked like time travel but only judged lapses on the final state: gone, and said so to callers without types.
  if (options !== undefined && 'at' in options) throw new RangeError('ViewOptions.at is gone: use lookAhead (at or after the last event), or asOf(events, at, policy) for the office as it stood at an earlier time');
  return forward(state, options?.lookAhead, 'lookAhead');
}

function show(phone: string | undefined, options: ViewOptions | undefined): string | null {
  if (phone === undefined) return null;
  return options?.mask === false ? phone : maskPhone(phone);
}

/** Free text as a view shows it: phones written into it masked too, unless the caller asks otherwise. */
function text(value: string | null, options: ViewOptions | undefined): string | null {
  return value === null || options?.mask === false ? value : maskPhonesIn(value);
}

function row(state: OfficeState, file: ClientFile, at: number, options: ViewOptions | undefined, cal: Calendar): OwnerRow {
  const view = viewAt(file, at);
  const person: Person | undefined = state.identity.people.get(file.key);
  return {
    client: file.key,
    name: text((person && namesOf(person)[0]) ?? person?.company ?? null, options),
    phone: show((person && phonesOf(person)[0]?.phone) ?? (person ? keysOf(person.masks ?? undefined)[0]?.replace('*', '***') : undefined), options),
    owner: view.owner,
    ownerName: view.owner === null ? null : text(state.staff.members.get(view.owner)?.name ?? null, options),
    status: view.status,
    protectionEndsAt: view.protectionEndsAt === null ? null : cal.localIso(view.protectionEndsAt),
    rules: view.rules,
    evidence: view.evidence,
  };
}

/**
 * The ownership register: every client, who owns them at a time, and the
 * rules and events it rests on. Sorted by client key.
 *
 * @param state - the office state
 * @param options - masking and the time to evaluate at
 * @returns one row per client
 * @throws RangeError when `options.lookAhead` is not a time, or is before the last event
 * @example
 * ```ts
 * const register = owners(state).map((r) => [r.name, r.ownerName, r.rules.join('+')]);
 * ```
 */
export function owners(state: OfficeState, options?: ViewOptions): OwnerRow[] {
  const at = atOf(state, options);
  const cal = calendar(state);
  return sortedEntries(state.ownership.files).map(([, file]) => row(state, file, at, options, cal));
}

/**
 * Who owns one client at a time.
 *
 * @param state - the office state
 * @param client - a client key, a phone or a name
 * @param options - masking and the time to evaluate at
 * @returns the row, or undefined when no client matches
 * @example
 * ```ts
 * ownerOf(state, '13812345678')?.ownerName; // '李娜'
 * ```
 */
export function ownerOf(state: OfficeState, client: string, options?: ViewOptions): OwnerRow | undefined {
  const key = findClient(state, client);
  const file = key === undefined ? undefined : state.ownership.files.get(key);
  if (!file) return undefined;
  const at = atOf(state, options);
  return row(state, file, at, options, calendar(state));
}

/**
 * What one salesperson may see of the ownership register (PRV-ACCESS, 002
 * §5, 003 篇三): their own clients in full, everyone else's only as counts.
 *
 * @example
 * ```ts
 * // { staff: 'S01', own: [{ client: 'e2', name: '张伟', phone: '138****5678', owner: 'S01', ... }],
 * //   others: [{ owner: 'S02', ownerName: '王强', status: 'protected', clients: 12 }, { owner: null, ownerName: null, status: 'pool', clients: 3 }],
 * //   withheld: 15 }
 * ```
 */
export interface SalespersonView {
  readonly staff: string;
  /** Their own clients, as {@link owners} shows them (phones masked unless asked otherwise). */
  readonly own: readonly OwnerRow[];
  /** Everyone else's clients, only counted: by owner and status, in owner order (nobody's last). */
  readonly others: readonly { readonly owner: string | null; readonly ownerName: string | null; readonly status: OwnerStatus; readonly clients: number }[];
  /** How many clients are withheld: the sum of `others`. */
  readonly withheld: number;
}

/**
 * A salesperson's view of the ownership register (PRV-ACCESS): their own
 * clients in full, others' only as counts, so no other staff member's client
 * details leave the engine. Ownership is judged at the last event, or at
 * `options.lookAhead` (lapses applied), like {@link owners}; for an earlier
 * time, take the view of the state `asOf` replays to it.
 *
 * @param state - the office state
 * @param staff - the salesperson's id
 * @param options - masking, and `lookAhead` (an instant at or after the last event)
 * @returns their clients in full and the counts of everyone else's
 * @throws RangeError when `staff` is not on the roster
 * @example
 * ```ts
 * const mine = viewAs(state, 'S01');
 * mine.own.map((r) => r.name); // ['张伟', ...]
 * mine.others; // [{ owner: 'S02', ownerName: '王强', status: 'protected', clients: 12 }, ...]
 * ```
 */
export function viewAs(state: OfficeState, staff: string, options?: ViewOptions): SalespersonView {
  if (state.staff.members.get(staff) === undefined) throw new RangeError(`no staff member "${staff}" in this office`);
  const at = atOf(state, options);
  const cal = calendar(state);
  const own: OwnerRow[] = [];
  const counts = new Map<string, { owner: string | null; status: OwnerStatus; clients: number }>();
  for (const [, file] of sortedEntries(state.ownership.files)) {
    const view = viewAt(file, at);
    if (view.owner === staff) {
      own.push(row(state, file, at, options, cal));
      continue;
    }
    const key = `${view.owner ?? ''}\u0000${view.status}`;
    const c = counts.get(key);
    if (c) c.clients++;
    else counts.set(key, { owner: view.owner, status: view.status, clients: 1 });
  }
  const others = [...counts.values()]
    .sort((a, b) => (a.owner === b.owner ? a.status.localeCompare(b.status) : a.owner === null ? 1 : b.owner === null ? -1 : a.owner.localeCompare(b.owner)))
    .map((c) => ({ owner: c.owner, ownerName: c.owner === null ? null : (state.staff.members.get(c.owner)?.name ?? null), status: c.status, clients: c.clients }));
  return { staff, own, others, withheld: others.reduce((n, c) => n + c.clients, 0) };
}

/**
 * Finds a client by key, phone or name.
 *
 * @param state - the office state
 * @param query - a client key, a person key, a phone (any format) or a name
 * @returns the client key, or undefined. A name several clients share gives
 *   the earliest registered of them (REG-FIRST), as a name-only reference in
 *   an event does: ask by phone or key to be sure (the CLI lists them)
 * @throws TypeError when `query` is not a string (a phone given as a number among them), as in every view that takes a client
 * @example
 * ```ts
 * findClient(state, '138 1234 5678'); // 'e2'
 * ```
 */
export function findClient(state: OfficeState, query: string): string | undefined {
  checkState(state, 'a view');
  const asked: unknown = query;
  // A phone given as a number has lost any leading zero and may have lost digits: refused, not guessed at.
  if (typeof asked !== 'string') throw new TypeError(`a client is looked up by a string (its key, phone, name or company), not ${typeof asked === 'number' ? `the number ${asked}: write a phone as a string` : describeValue(asked)}`);
  const s: IdentityReader = state.identity;
  const person = s.people.get(query);
  if (person) return person.group;
  const p = state.policy.identity;
  const byCompany = resolve(s, p, { company: query });
  if (byCompany.found) return byCompany.client;
  const byPhone = resolve(s, { ...p, maskedPhones: 'sufficient' }, { phone: query } satisfies ClientRef);
  if (byPhone.found) return byPhone.client;
  const byName = resolve(s, { ...p, matchOn: 'phoneOrName', needMustMatch: false }, { name: query });
  return byName.found ? byName.client : undefined;
}

function names(state: OfficeState): Names {
  return {
    name: (id) => state.staff.members.get(id)?.name ?? id,
    seq: (id) => state.staff.members.get(id)?.seq ?? Number.MAX_SAFE_INTEGER,
  };
}

/**
 * Who would receive a new walk-in at a time, with the whole queue and why
 * each person is where they are: the order from whose turn it is (ROT-ORDER),
 * the day's carry-over (ROT-CARRY), eligibility (ROT-ELIGIBLE), receptions in
 * progress, make-ups owed (ROT-MAKEUP-COMPANY), turns taken early, penalties
 * (ROT-PENALTY-HALF, ROT-NO-CALLS) and duty hours (ROT-DUTY). It looks
 * forward from the last event: busy receptions and penalties are judged at
 * `at`, which may not be earlier than the last event (for the queue as it
 * stood then, replay the events up to then with `asOf`).
 *
 * @param state - the office state
 * @param at - the time to ask about, at or after the last event: ISO-8601 with an offset, or office time as {@link ViewOptions.lookAhead} reads it; never the clock
 * @returns the next receiver and the queue
 * @throws RangeError when `at` is not a time, or is before the last event
 * @example
 * ```ts
 * const q = nextReceiver(state, '2026-11-02T09:00:00+08:00');
 * q.next; // 'S03'
 * q.queue.map((e) => `${e.position}. ${e.name}: ${e.note}`);
 * ```
 */
export function nextReceiver(state: OfficeState, at: string): NextReceiver {
  const ms = forward(state, at, 'nextReceiver at');
  return nextInQueue(state.rotation, policyIn(state.timeline, ms).rotation, calendar(state), at, ms, names(state), sectionAt(state.timeline, (p) => p.rotation));
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDay(text: string): boolean {
  const m = DAY.exec(text);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * A query's month and days, checked before they filter: a mistyped one
 * (`2026-1`, `2026/11/05`) would match nothing and pass for an empty month.
 * @throws RangeError naming the field
 */
function checked<Q extends { readonly month?: string; readonly from?: string; readonly to?: string } | undefined>(query: Q): Q {
  if (query === undefined) return query;
  if (query.month !== undefined && !(typeof query.month === 'string' && MONTH_PATTERN.test(query.month))) throw new RangeError(`month ${describeValue(query.month)} is not a month: use YYYY-MM, such as 2026-11`);
  for (const field of ['from', 'to'] as const) {
    const day = query[field];
    if (day !== undefined && !(typeof day === 'string' && isDay(day))) throw new RangeError(`${field} ${describeValue(day)} is not a day: use YYYY-MM-DD, such as 2026-11-01 (a local day of the office)`);
  }
  return query;
}

/**
 * The fairness ledger of the walk-in queue and the call rotation (RULES §D),
 * per person per local day, or per person over a range with `totals`: turns
 * used (ordinary, out of order, make-ups), walk-ins received without a turn,
 * calls, skips by reason, make-ups owed, granted and expired, and the turns
 * and calls lost to penalties (ROT-PENALTY-HALF, ROT-NO-CALLS). It balances
 * against the reception decisions. Rows are sorted by day, then join order.
 *
 * @param state - the office state
 * @param options - the days (`from`/`to` as `YYYY-MM-DD`, inclusive), one staff member, totals
 * @returns the rows (days without any reception, skip or call have none)
 * @throws RangeError when `from` or `to` is not a day (YYYY-MM-DD): a mistyped one would match nothing
 * @example
 * ```ts
 * const month = fairnessLedger(state, { from: '2026-11-01', to: '2026-11-30', totals: true });
 * month.map((r) => [r.name, r.turns, r.makeUpsOwed, r.makeUpsGranted, r.skips.companyBusiness]);
 * ```
 */
export function fairnessLedger(state: OfficeState, options?: FairnessOptions): FairnessRow[] {
  return ledgerRows(state.rotation, calendar(state), names(state), checked(options));
}

/**
 * Every staff member, in join order.
 *
 * @param state - the office state
 * @returns the roster
 * @example
 * ```ts
 * staffList(state).map((m) => m.name);
 * ```
 */
export function staffList(state: OfficeState): StaffMember[] {
  return [...values(state.staff.members)].sort((a, b) => a.seq - b.seq);
}

/**
 * A client's story: every decision about them, in order (with the engine
 * option `history: 'full'`; empty with `'none'`).
 *
 * @param state - the office state
 * @param client - a client key, a phone or a name
 * @returns the decisions (empty when no client matches)
 * @example
 * ```ts
 * history(state, 'e2').map((d) => d.rules);
 * ```
 */
export function history(state: OfficeState, client: string): readonly Decision[] {
  const key = findClient(state, client);
  const out: Decision[] = [];
  for (let s: Story | null = key === undefined ? null : (state.history.get(key) ?? null); s !== null; s = s.prev) out.push(s.d);
  return out.reverse();
}

function dealsReader(state: OfficeState): DealsReader {
  return { deals: state.deals, terms: state.timeline.versions.map((v) => v.policy.deals), name: (id) => state.staff.members.get(id)?.name ?? null, wording: wording(state) };
}

/**
 * Every deal with its stages, money, status and splits: who is credited, who
 * is paid and how much stands booked (RULES §G, §H, COL-SAME-UNIT).
 *
 * @param state - the office state
 * @param query - `staff`: deals they closed or share in; `client`: a client key, phone or name
 * @returns the deals, in the order they were first recorded
 * @example
 * ```ts
 * const splits = dealsOf(state).map((d) => `${d.deal} ${d.status}: ${d.credit.map((c) => `${c.staffName} ${c.share}`).join(' + ')}`);
 * ```
 */
export function dealsOf(state: OfficeState, query: { readonly staff?: string; readonly client?: string } = {}): DealRow[] {
  const client = query.client === undefined ? undefined : findClient(state, query.client);
  if (query.client !== undefined && client === undefined) return [];
  const match = client === undefined ? undefined : (d: string) => d === client || findClient(state, d) === client;
  return dealRows(dealsReader(state), match, query.staff);
}

/**
 * The ledger's entries in order (time, then event), each with its rule IDs
 * and evidence: accruals, clawbacks and adjustments of credit, commission
 * and fixed bonuses (RFD-CLAWBACK, COM-RATE-TIERS, COM-FIXED-BONUS). History
 * is never edited: a refund or a re-tiering adds entries.
 *
 * @param state - the office state
 * @param query - staff, month, deal or account to narrow to
 * @returns the entries
 * @throws RangeError when `month` is not a month (YYYY-MM): a mistyped one would match nothing
 * @example
 * ```ts
 * const entries = ledgerEntries(state, { deal: 'D1' });
 * ```
 */
export function ledgerEntries(state: OfficeState, query: LedgerQuery = {}): LedgerEntry[] {
  return entryRows(dealsReader(state), checked(query));
}

/**
 * The commission ledger per salesperson and month (commission and fixed
 * bonuses), with negative balances carried forward (RFD-CLAWBACK). The rows
 * add up to the ledger: per person and for the office, the sum of `net` is
 * the sum of the entries.
 *
 * @param state - the office state
 * @param query - a salesperson and/or a month
 * @returns one row per salesperson and month with entries, by staff id then month
 * @throws RangeError when `month` is not a month (YYYY-MM): a mistyped one would match nothing
 * @example
 * ```ts
 * const payroll = commissionLedger(state, { month: '2026-11' }).map((r) => [r.staffName, r.payable, r.carried]);
 * ```
 */
export function commissionLedger(state: OfficeState, query: Pick<LedgerQuery, 'staff' | 'month'> = {}): CommissionMonth[] {
  return commissionRows(dealsReader(state), checked(query));
}

/**
 * Performance credit (业绩) per salesperson and month, for rankings and
 * targets. Credit is separate from commission: a deal's credit split may
 * differ from its commission split (DEAL-ABSENT-OWNER, DEAL-COOPERATION).
 *
 * @param state - the office state
 * @param query - a salesperson and/or a month
 * @returns one row per salesperson and month with credit entries
 * @throws RangeError when `month` is not a month (YYYY-MM): a mistyped one would match nothing
 * @example
 * ```ts
 * credits(state, { month: '2026-11' }).sort((a, b) => Number(b.amount) - Number(a.amount));
 * ```
 */
export function credits(state: OfficeState, query: Pick<LedgerQuery, 'staff' | 'month'> = {}): CreditMonth[] {
  return creditRows(dealsReader(state), checked(query));
}

/**
 * Red and green line attainment per salesperson and month (COM-RATE-TIERS),
 * for payroll and for grades and quotas built on top.
 *
 * @param state - the office state
 * @param query - a salesperson and/or a month
 * @returns one row per salesperson and month with figures or targets
 * @throws RangeError when `month` is not a month (YYYY-MM): a mistyped one would match nothing
 * @example
 * ```ts
 * attainment(state, { month: '2026-11' }).filter((r) => r.redMet && r.greenMet);
 * ```
 */
export function attainment(state: OfficeState, query: Pick<LedgerQuery, 'staff' | 'month'> = {}): AttainmentRow[] {
  return attainmentRows(dealsReader(state), checked(query));
}

/**
 * An instant as local ISO-8601 in the office's time zone: how decisions'
 * epoch-ms times read for people.
 *
 * @param state - the office state (for its time zone)
 * @param ms - epoch milliseconds, e.g. a decision's `at`
 * @returns the local time with its offset
 * @example
 * ```ts
 * localTime(state, decision.at); // '2026-11-01T10:00:00+08:00'
 * ```
 */
export function localTime(state: OfficeState, ms: number): string {
  return calendar(state).localIso(ms);
}

/** The deals family's months, as the periods read them. */
function monthFacts(state: OfficeState): Pick<PeriodFacts, 'month'> {
  return { month: (staff, month) => monthFigures(state.deals.tallies, staff, month) };
}

/**
 * Options of {@link scorecard}.
 *
 * @example
 * ```ts
 * scorecard(state, { period: 'day', at: '2026-11-12T18:00:00+08:00' }); // the evening meeting
 * ```
 */
export interface ScorecardOptions {
  /** The kind of period: `day`, `week`, `month` or `quarter` (default `month`). */
  readonly period?: PeriodKind;
  /** A time in the period to report: ISO-8601 with an offset, or office time as {@link ViewOptions.lookAhead} reads it; default: the last event's. Open periods are read as of it. */
  readonly at?: string;
}

/**
 * The scorecard: per salesperson (and telemarketer) and period, what a sales
 * manager reads at the evening meeting: counts (receptions, turns, calls,
 * outbound calls by grade, invitations and invited visits, claims accepted
 * and refused over the quota, deals); the closing and invitation rates
 * against their thresholds (KPI-CLOSE-RATE, KPI-INVITE-RATE); red and green
 * line attainment; active claims against the quota in force (CLM-QUOTA);
 * grade and base salary (COM-SALARY-GRADES); commission, fixed bonuses and
 * fines (PEN-FINES); days off earned (KPI-REWARD-DAYOFF); and the flags of
 * the period (KPI-ELIMINATION, KPI-CALLS dismissal, the derived
 * ROT-PENALTY-HALF and ROT-NO-CALLS) with the penalties in force.
 * Weeks start on the policy's first weekday; periods are in the office's
 * time zone. A period is closed once an event after its end has arrived;
 * an open one is read as it stands. A past period lists the people on the
 * roster at its end. The columns that hold at an instant (`activeClaims`,
 * `quota`, `grade`, `baseSalary`, `status` and the `...InForce` flags) are
 * those of `at` for an open period, and of its end for a closed one: the
 * state keeps them as each period ends. A state restored from a snapshot
 * older than version 5 kept none, and shows its own time's for the periods
 * closed before it.
 *
 * @param state - the office state
 * @param options - the kind of period, and a time in it
 * @returns one row per person, in join order
 * @throws RangeError when `at` is not a time, or `period` is not one of {@link periodKinds}
 * @example
 * ```ts
 * const week = scorecard(state, { period: 'week', at: '2026-11-06T20:00:00+08:00' });
 * week.map((r) => [r.name, r.receptions, r.deals, r.closeRate, r.closeRateMet, r.fines, r.flags.join(' ')]);
 * ```
 */
export function scorecard(state: OfficeState, options: ScorecardOptions = {}): ScorecardRow[] {
  const at = options.at === undefined ? (state.lastAt ?? 0) : msOf(state, options.at);
  const period = options.period ?? 'month';
  if (!periodKinds.includes(period)) throw new RangeError(`period ${describeValue(period)} is not a kind of period: use ${periodKinds.join(', ')}`);
  const cal = calendar(state);
  const facts = monthFacts(state);
  const p = state.policy.periods;
  const own = { s: state.ownership, tx: { at } };
  const kinds = p.quota?.kinds ?? [];
  // Turns per person over the period's days, and money per person over its instants: each computed once.
  let turns: { from: number; to: number; by: Map<string, number> } | null = null;
  let pay: { from: number; to: number; by: Map<string, { commission: Amount; bonus: Amount }> } | null = null;
  return scorecardRows(state.periods, p, cal, period, at, {
    member: (staff) => state.staff.members.get(staff),
    turns(staff, from, to) {
      if (turns === null || turns.from !== from || turns.to !== to) {
        const by = new Map<string, number>();
        const add = (list: readonly { staff: string; day: number; turns: number }[] | undefined) => {
          for (const e of list ?? []) if (e.day >= from && e.day < to) by.set(e.staff, (by.get(e.staff) ?? 0) + e.turns);
        };
        for (let day = from; day < to; day++) add(state.rotation.ledger.get(String(day)));
        add(state.rotation.today);
        turns = { from, to, by };
      }
      return turns.by.get(staff) ?? 0;
    },
    pay(staff, from, to) {
      if (pay === null || pay.from !== from || pay.to !== to) {
        const by = new Map<string, { commission: Amount; bonus: Amount }>();
        for (const e of values(state.deals.ledger)) {
          if (e.at < from || e.at >= to || e.account === 'credit') continue;
          const sums = by.get(e.staff) ?? { commission: new Money(0), bonus: new Money(0) };
          if (e.account === 'commission') sums.commission = sums.commission.plus(money(e.amount));
          else sums.bonus = sums.bonus.plus(money(e.amount));
          by.set(e.staff, sums);
        }
        pay = { from, to, by };
      }
      const sums = pay.by.get(staff);
      return { commission: cents(sums?.commission ?? new Money(0)), bonus: cents(sums?.bonus ?? new Money(0)) };
    },
    month: facts.month,
    active: (staff, clients) => activeClaims(own, clients, staff, kinds),
    quota: (staff, when) => quotaLimitAt(p, cal, staff, state.periods.cards.get(staff), facts, when),
    penalties: (staff, when) => penaltiesAt(state.rotation.ring, state.rotation.parked, staff, when),
  });
}

/**
 * The numbers due for another call at a time (KPI-CALL-GRADES, 001): those
 * last graded A, B or C at least the policy's `periods.calls.recycleDays`
 * ago (about a month). D numbers never come back. Phones leave masked
 * unless the caller asks otherwise (PRV-MASK).
 *
 * @param state - the office state
 * @param options - `lookAhead` (default: the last event's time; never earlier), one caller, masking
 * @returns the numbers, the longest due first
 * @example
 * ```ts
 * callBacks(state, { lookAhead: '2026-12-05T09:00:00+08:00', staff: 'T1' }).map((n) => `${n.phone} ${n.grade}`);
 * ```
 */
export function callBacks(state: OfficeState, options: ViewOptions & { readonly staff?: string } = {}): CallBack[] {
  const at = atOf(state, options);
  return dueCalls(state.periods, at, options.staff).map((n) => ({ ...n, phone: show(n.phone, options) ?? n.phone }));
}

/**
 * The fines ledger (PEN-FINES): every fine as one entry, in time order, with
 * its trace: violations, appeals (DSP-PROCESS), missing calls (KPI-CALLS)
 * and fines settled when a month closed. Each says whether it comes off the
 * month's pay or stands as a separate payable.
 *
 * @param state - the office state
 * @param query - one staff member and/or one pay month (YYYY-MM)
 * @returns the entries
 * @throws RangeError when `month` is not a month (YYYY-MM): a mistyped one would match nothing
 * @example
 * ```ts
 * finesLedger(state, { month: '2026-11' }).map((f) => `${f.staff} ${f.amount} ${f.violation}`);
 * ```
 */
export function finesLedger(state: OfficeState, query: { readonly staff?: string; readonly month?: string } = {}): PenaltyDecision[] {
  checked(query);
  return sortedEntries(state.periods.fines)
    .map(([, f]) => f)
    .filter((f) => (query.staff === undefined || f.staff === query.staff) && (query.month === undefined || f.month === query.month));
}
