/**
 * The periods slice: the office's clock (which day, week, month and quarter
 * are open), one compact card of counters per staff member for the open
 * periods, the closed periods' summaries, the claim books (CLM-QUOTA), the
 * invitations and the numbers called (001), and the fines ledger.
 *
 * Counters sit in one array per card, `KINDS × FIELDS` numbers, so an event
 * bumps a slot and a period closing reads and clears one stripe: no scan of
 * anything but the roster, and only when a period boundary passes.
 */
import { z } from 'zod';
import { countSchema, keySchema, mapSchema, msSchema, stateDecimalSchema, textSchema } from '../kernel/codec.js';
import { emptyMap, type PMap } from '../kernel/map.js';
import { staffRoleSchema, staffStatusSchema, type StaffRole, type StaffStatus } from '../events/schema.js';
import { penaltyDecisionSchema, type PenaltyDecision } from './decisions.js';

/**
 * The counters of a period, in their order in a card's array.
 *
 * @example
 * ```ts
 * counterNames.indexOf('receptions'); // 0
 * ```
 */
export const counterNames = [
  'receptions',
  'calls',
  'outboundCalls',
  'gradeA',
  'gradeB',
  'gradeC',
  'gradeD',
  'invitations',
  'arrivals',
  'confirmedVisits',
  'claims',
  'claimsRefused',
  'deals',
  'dealEvents',
  'conversions',
  'dutyDays',
  'weeksJudged',
  'weeksMissed',
  'rewards',
] as const;

/**
 * A counter of a scorecard card, one of {@link counterNames}.
 *
 * @example
 * ```ts
 * const n: CounterName = 'receptions';
 * ```
 */
export type CounterName = (typeof counterNames)[number];

/** The slot of each counter in a stripe. @internal */
export const C = Object.fromEntries(counterNames.map((n, i) => [n, i])) as { readonly [K in CounterName]: number };

/** Counters per period kind. @internal */
export const FIELDS = counterNames.length;
/** Period kinds kept open in a card (day, week, month, quarter). @internal */
export const KINDS = 4;

/**
 * A fine whose amount is known only when its month closes (a share of the
 * month's bonus, 003).
 *
 * @example
 * ```ts
 * // { event: 'e77', at: 1793..., violation: 'grabClientSerious', client: 'e2', month: 24322, fixed: '800.00' }
 * ```
 */
export interface PendingFine {
  readonly event: string;
  readonly at: number;
  readonly violation: string;
  readonly client: string | null;
  /** The month index it settles in. */
  readonly month: number;
  /** The part known when it was recorded (fixed amounts, base pay), a decimal string. */
  readonly fixed: string;
  /**
   * The share of the month's bonus it adds, as the version it was recorded
   * under set it (a later version does not change a fine already incurred);
   * absent in snapshots from before it was kept: the schedule in force then.
   */
  readonly share?: string;
  /** Whether it ended a claim (PEN-CANCEL), as recorded. */
  readonly cancelsClaim?: boolean;
}

/**
 * One staff member's card: what the roster says of them, their counters for
 * the open day, week, month and quarter, their grade and its streak, and
 * what the quota and the fines need to remember.
 *
 * @example
 * ```ts
 * // { staff: 'S01', role: 'sales', status: 'onDuty', joinedAt: 1793..., onDuty: true, n: [3, 0, ...],
 * //   grade: 1, base: null, streak: 0, streakMonths: [], noSigning: false, pending: [] }
 * ```
 */
export interface Card {
  readonly staff: string;
  readonly role: StaffRole;
  readonly status: StaffStatus;
  readonly joinedAt: number;
  /** On duty at some point of the open day (the day is judged for them). */
  readonly onDuty: boolean;
  /** Counters: stripe `k` (0 day ... 3 quarter) holds {@link counterNames} in order. */
  readonly n: readonly number[];
  /** Index in the policy's grade ladder; null: not graded (COM-SALARY-GRADES). */
  readonly grade: number | null;
  /** A personal base salary that overrides the ladder's, as a decimal string. */
  readonly base: string | null;
  /** Months in a row meeting both lines (> 0) or neither (< 0). */
  readonly streak: number;
  /** Those months, as `YYYY-MM`, for the trace of a move. */
  readonly streakMonths: readonly string[];
  /** The last closed quarter had no signing (CLM-QUOTA, judged at quarter end), until the next signing. */
  readonly noSigning: boolean;
  /** The event of the starting grade or the last move. */
  readonly gradeEvent: string | null;
  readonly pending: readonly PendingFine[];
}

/** A card being changed by the current event. @internal */
export type CardDraft = { -readonly [K in keyof Card]: Card[K] } & { n: number[] };

/**
 * The open periods: their indexes and the instant the open day ends (no
 * period of a longer kind ends before its last day does).
 *
 * @example
 * ```ts
 * // { day: 20758, week: 2965, month: 24322, quarter: 8107, dayEnd: 1793462400000 }
 * ```
 */
export interface Clock {
  readonly day: number;
  readonly week: number;
  readonly month: number;
  readonly quarter: number;
  readonly dayEnd: number;
}

/**
 * A closed period's counters for one person.
 *
 * @example
 * ```ts
 * // { staff: 'S01', n: [12, 4, 0, ...] }
 * ```
 */
export interface Summary {
  readonly staff: string;
  readonly n: readonly number[];
}

/**
 * A flag raised when a period closed (KPI-ELIMINATION, KPI-CALLS) or a
 * penalty it set.
 *
 * @example
 * ```ts
 * // { staff: 'S04', flag: 'elimination', event: 'e901' }
 * ```
 */
export interface Flag {
  readonly staff: string;
  readonly flag: 'elimination' | 'dismissal' | 'weeklyQuotaMissed' | 'halfTurns' | 'noCalls';
  readonly event: string;
}

/**
 * Someone's standing at the end of a period: the scorecard's
 * columns that hold at an instant, kept for the periods that end then, so
 * a past period reads them as they stood (not as they stand now). A new
 * standing is kept only when one of them changed.
 *
 * @example
 * ```ts
 * // { from: 1793..., status: 'onDuty', active: 42, quota: 50, grade: 1, base: null, halfTurns: false, noCalls: false }
 * ```
 */
export interface PeriodStanding {
  /** Epoch ms: the end of the period it was taken at; it holds until the next standing's. */
  readonly from: number;
  readonly status: StaffStatus;
  /** Active claims (CLM-QUOTA), and the quota in force; null: no quota. */
  readonly active: number;
  readonly quota: number | null;
  /** Index in the grade ladder, and a personal base salary (COM-SALARY-GRADES). */
  readonly grade: number | null;
  readonly base: string | null;
  /** Rotation penalties in force (ROT-PENALTY-HALF, ROT-NO-CALLS). */
  readonly halfTurns: boolean;
  readonly noCalls: boolean;
}

/**
 * A salesperson's claim book (CLM-QUOTA): the clients of claims that may
 * still be active, and the length at which it is next pruned of those that
 * are not (twice what was left last time, so pruning costs a constant per
 * claim).
 *
 * @example
 * ```ts
 * // { clients: ['e2', 'e9', 'e31'], pruneAt: 30 }
 * ```
 */
export interface ClaimBook {
  readonly clients: readonly string[];
  readonly pruneAt: number;
}

/**
 * An invitation made by phone (001 【意向客户邀约到访登记表】).
 *
 * @example
 * ```ts
 * // { id: 'e40', staff: 'T1', at: 1793..., name: '王芳', phone: '13900001111', arrived: false, confirmed: false }
 * ```
 */
export interface Invitation {
  readonly id: string;
  readonly staff: string;
  readonly at: number;
  readonly name: string | null;
  readonly phone: string | null;
  readonly arrived: boolean;
  readonly confirmed: boolean;
}

/**
 * A client who arrived on an invitation, for the fixed bonus of their deal
 * (COM-FIXED-BONUS, KPI-INVITE-CONFIRM).
 *
 * @example
 * ```ts
 * // { inviter: 'T1', invitation: 'e40', event: 'e52', confirmed: true }
 * ```
 */
export interface Invited {
  readonly inviter: string;
  readonly invitation: string;
  readonly event: string;
  readonly confirmed: boolean;
}

/**
 * A number called, with its last grade (KPI-CALL-GRADES).
 *
 * @example
 * ```ts
 * // { staff: 'T1', grade: 'B', at: 1793..., due: 1796..., event: 'e33' }
 * ```
 */
export interface CalledNumber {
  readonly staff: string;
  readonly grade: 'A' | 'B' | 'C' | 'D';
  readonly at: number;
  /** When it comes back for another call; null: never (D). */
  readonly due: number | null;
  readonly event: string;
}

/**
 * The periods slice of an office state.
 *
 * @example
 * ```ts
 * scorecard(state, { period: 'week' }).map((r) => [r.name, r.receptions, r.closeRate]);
 * ```
 */
export interface PeriodsState {
  /** The open periods; null before the first event. */
  readonly clock: Clock | null;
  /** Staff ids in join order: whom a closing judges. */
  readonly roster: readonly string[];
  readonly cards: PMap<Card>;
  /** `<kind letter><index>` → the closed period's counters, per person with any. */
  readonly closed: PMap<readonly Summary[]>;
  /** `<kind letter><index>` → the flags raised when it closed. */
  readonly flags: PMap<readonly Flag[]>;
  /** Staff → the clients of their claims that may still be active (CLM-QUOTA). */
  readonly books: PMap<ClaimBook>;
  /** Staff → their standings in time order, one per change: what a closed period's scorecard shows as in force. */
  readonly standings: PMap<readonly PeriodStanding[]>;
  readonly invitations: PMap<Invitation>;
  /** `<inviter> <phone digits>` → the invitation waiting for that client's arrival (a visit naming the inviter records it). */
  readonly waiting: PMap<string>;
  /** Client → the invitation they arrived on. */
  readonly invited: PMap<Invited>;
  /** Phone digits → the last call to the number. */
  readonly numbers: PMap<CalledNumber>;
  /** The fines ledger, keyed in time order. */
  readonly fines: PMap<PenaltyDecision>;
  /** The weeks the office worked (had an event) that end in the open month: dismissal needs every one missed (KPI-CALLS). */
  readonly weeks: number;
}

/** No periods yet. @internal */
export function initialPeriods(): PeriodsState {
  return {
    clock: null,
    roster: [],
    cards: emptyMap(),
    closed: emptyMap(),
    flags: emptyMap(),
    books: emptyMap(),
    standings: emptyMap(),
    invitations: emptyMap(),
    waiting: emptyMap(),
    invited: emptyMap(),
    numbers: emptyMap(),
    fines: emptyMap(),
    weeks: 0,
  };
}

const NONE: readonly never[] = Object.freeze([]);

/** A card for someone new to the roster. @internal */
export function newCard(staff: string, role: StaffRole, status: StaffStatus, at: number): CardDraft {
  return {
    staff,
    role,
    status,
    joinedAt: at,
    onDuty: status === 'onDuty',
    n: new Array<number>(KINDS * FIELDS).fill(0),
    grade: null,
    base: null,
    streak: 0,
    streakMonths: NONE,
    noSigning: false,
    gradeEvent: null,
    pending: NONE,
  };
}

/** The key of a period in `closed` and `flags`. @internal */
export function periodKey(kind: number, index: number): string {
  return `${'dwmq'[kind] ?? 'd'}${index}`;
}

const periodIndex = z.number().int().min(-1e7).max(1e7);
const counter = z.number().finite().min(0).max(Number.MAX_SAFE_INTEGER);
const cardSchema = z.strictObject({
  staff: keySchema,
  role: staffRoleSchema,
  status: staffStatusSchema,
  joinedAt: msSchema,
  onDuty: z.boolean(),
  n: z.array(counter).length(KINDS * FIELDS),
  grade: countSchema.nullable(),
  base: stateDecimalSchema.nullable(),
  streak: z.number().int().min(-1e6).max(1e6),
  streakMonths: z.array(keySchema),
  noSigning: z.boolean(),
  gradeEvent: keySchema.nullable(),
  pending: z.array(
    z.strictObject({ event: keySchema, at: msSchema, violation: keySchema, client: keySchema.nullable(), month: periodIndex, fixed: stateDecimalSchema, share: stateDecimalSchema.optional(), cancelsClaim: z.boolean().optional() }),
  ),
});

/**
 * The periods slice of a snapshot, checked field by field before a state is
 * handed out (issue 13: nothing in a snapshot is taken on trust). @internal
 */
export const periodsSliceSchema: z.ZodType<PeriodsState, unknown> = z.strictObject({
  clock: z.strictObject({ day: periodIndex, week: periodIndex, month: periodIndex, quarter: periodIndex, dayEnd: msSchema }).nullable(),
  roster: z.array(keySchema),
  cards: mapSchema(cardSchema as z.ZodType<Card, unknown>, (c) => c.staff),
  closed: mapSchema(z.array(z.strictObject({ staff: keySchema, n: z.array(counter).length(FIELDS) }))),
  flags: mapSchema(z.array(z.strictObject({ staff: keySchema, flag: z.enum(['elimination', 'dismissal', 'weeklyQuotaMissed', 'halfTurns', 'noCalls']), event: keySchema }))),
  books: mapSchema(z.strictObject({ clients: z.array(keySchema), pruneAt: countSchema })),
  standings: mapSchema(
    z.array(
      z.strictObject({ from: msSchema, status: staffStatusSchema, active: countSchema, quota: countSchema.nullable(), grade: countSchema.nullable(), base: stateDecimalSchema.nullable(), halfTurns: z.boolean(), noCalls: z.boolean() }),
    ),
  ),
  invitations: mapSchema(
    z.strictObject({ id: keySchema, staff: keySchema, at: msSchema, name: textSchema.nullable(), phone: keySchema.nullable(), arrived: z.boolean(), confirmed: z.boolean() }),
    (i) => i.id,
  ),
  waiting: mapSchema(keySchema),
  invited: mapSchema(z.strictObject({ inviter: keySchema, invitation: keySchema, event: keySchema, confirmed: z.boolean() })),
  numbers: mapSchema(z.strictObject({ staff: keySchema, grade: z.enum(['A', 'B', 'C', 'D']), at: msSchema, due: msSchema.nullable(), event: keySchema })),
  fines: mapSchema(penaltyDecisionSchema as unknown as z.ZodType<PenaltyDecision, unknown>),
  weeks: countSchema,
}) as unknown as z.ZodType<PeriodsState, unknown>;
