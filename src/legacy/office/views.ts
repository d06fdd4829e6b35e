/**
 * Read-only views of an office state for reports, CRMs and notebooks:
 * owners, the queue, staff, and each client's story. Phones leave masked
 * unless the caller asks otherwise (PRV-MASK).
 */
import { get, sortedEntries, values } from '../_lib/pmap.js';
import { calendarOf } from '../../kernel/time.js';
import type { Decision, OwnerStatus } from '../decisions.js';
import type { ClientRef } from '../../events/common.js';
import type { RuleId } from '../../kernel/rules.js';
import { personOf, resolve, type Person } from '../identity/identity.js';
import { maskPhone } from '../../identity/phone.js';
import { viewAt, type ClientFile } from '../ownership/file.js';
import { fileOf } from '../ownership/state.js';
import { ledgerRows, nextInQueue, type FairnessOptions, type FairnessRow, type NextReceiver } from '../rotation/report.js';
import { getStaff, type StaffMember } from '../staff/staff.js';
import type { OfficeState } from './state.js';

/**
 * Options of the views that show client details.
 *
 * @example
 * ```ts
 * owners(state, { mask: false }); // full phones, for an authorized caller
 * ```
 */
export interface ViewOptions {
  /** Mask phones as `138****5678` (PRV-MASK). Default: true. */
  readonly mask?: boolean;
  /** The time to evaluate at (ISO-8601); default: the last event's time. Lapsed protections show as lapsed. */
  readonly at?: string;
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

function atOf(state: OfficeState, options: ViewOptions | undefined): number {
  return options?.at !== undefined ? Date.parse(options.at) : (state.lastAt ?? 0);
}

function show(phone: string | undefined, options: ViewOptions | undefined): string | null {
  if (phone === undefined) return null;
  return options?.mask === false ? phone : maskPhone(phone);
}

/** The first person of a client group, for display. */
function displayPerson(state: OfficeState, client: string): Person | undefined {
  return personOf(state.identity, client);
}

function row(state: OfficeState, file: ClientFile, at: number, options: ViewOptions | undefined): OwnerRow {
  const view = viewAt(file, at, state);
  const person = displayPerson(state, file.key);
  const zone = calendarOf(state.policy.timeZone);
  return {
    client: file.key,
    name: person?.names[0] ?? person?.company ?? null,
    phone: show(person?.phones[0]?.phone ?? (person?.masks[0]?.replace('*', '***') ?? undefined), options),
    owner: view.owner,
    ownerName: view.owner === null ? null : (getStaff(state.staff, view.owner)?.name ?? null),
    status: view.status,
    protectionEndsAt: view.protectionEndsAt === null ? null : zone.localIso(view.protectionEndsAt),
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
 * @example
 * ```ts
 * const register = owners(state).map((r) => [r.name, r.ownerName, r.rules.join('+')]);
 * ```
 */
export function owners(state: OfficeState, options?: ViewOptions): OwnerRow[] {
  const at = atOf(state, options);
  return sortedEntries(state.ownership.files).map(([, file]) => row(state, file, at, options));
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
  const file = key === undefined ? undefined : fileOf(state.ownership, key);
  return file ? row(state, file, atOf(state, options), options) : undefined;
}

/**
 * Finds a client by key, phone or name.
 *
 * @param state - the office state
 * @param query - a client key, a person key, a phone (any format) or a name
 * @returns the client key, or undefined
 * @example
 * ```ts
 * findClient(state, '138 1234 5678'); // 'e2'
 * ```
 */
export function findClient(state: OfficeState, query: string): string | undefined {
  const person = personOf(state.identity, query);
  if (person) return person.group;
  const byCompany = resolve(state.identity, { company: query }, state.policy);
  if (byCompany.found) return byCompany.client;
  const byPhone = resolve(state.identity, { phone: query } satisfies ClientRef, { ...state.policy, identity: { ...state.policy.identity, maskedPhones: 'sufficient' } });
  if (byPhone.found) return byPhone.client;
  const byName = resolve(state.identity, { name: query }, { ...state.policy, identity: { ...state.policy.identity, matchOn: 'phoneOrName', needMustMatch: false } });
  return byName.found ? byName.client : undefined;
}

/**
 * Who would receive a new walk-in at a time, with the whole queue and why
 * each person is where they are: the order from whose turn it is (ROT-ORDER),
 * the day's carry-over (ROT-CARRY), eligibility (ROT-ELIGIBLE), receptions in
 * progress, make-ups owed (ROT-MAKEUP-COMPANY), turns taken early, penalties
 * (ROT-PENALTY-HALF, ROT-NO-CALLS) and duty hours (ROT-DUTY). Busy
 * receptions and penalties are judged at `at`; the roster is as of the last
 * event.
 *
 * @param state - the office state
 * @param at - the time to ask about (ISO-8601 with offset); never the clock
 * @returns the next receiver and the queue
 * @throws RangeError when `at` is not a time
 * @example
 * ```ts
 * const q = nextReceiver(state, '2026-11-02T09:00:00+08:00');
 * q.next; // 'S03'
 * q.queue.map((e) => `${e.position}. ${e.name}: ${e.note}`);
 * ```
 */
export function nextReceiver(state: OfficeState, at: string): NextReceiver {
  return nextInQueue(state.rotation, state.staff, state.policy, calendarOf(state.policy.timeZone), at);
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
 * @example
 * ```ts
 * const month = fairnessLedger(state, { from: '2026-11-01', to: '2026-11-30', totals: true });
 * month.map((r) => [r.name, r.turns, r.makeUpsOwed, r.makeUpsGranted, r.skips.companyBusiness]);
 * ```
 */
export function fairnessLedger(state: OfficeState, options?: FairnessOptions): FairnessRow[] {
  return ledgerRows(state.rotation, state.staff, calendarOf(state.policy.timeZone), options);
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
 * A client's story: every decision about them, in order.
 *
 * @param state - the office state
 * @param client - a client key, a phone or a name
 * @returns the decisions (empty when no client matches)
 * @example
 * ```ts
 * history(state, 'e2').map((d) => d.trace.rules);
 * ```
 */
export function history(state: OfficeState, client: string): readonly Decision[] {
  const key = findClient(state, client);
  return key === undefined ? [] : (get(state.ownership.files, key)?.history ?? []);
}
