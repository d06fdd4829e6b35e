/**
 * The state of one office: one slice per rule family, joined, plus what the
 * fold itself keeps (the policy, the last event's time, the ids seen within
 * the redelivery window, and each client's story when history is kept).
 */
import { z } from 'zod';
import { emptyMap, type PMap } from '../kernel/map.js';
import { describeValue, isRecord, type Issue } from '../kernel/issues.js';
import type { Policy } from '../policy/schema.js';
import type { Timeline } from '../policy/timeline.js';
import { initialDeals, type DealsState } from '../deals/state.js';
import { initialIdentity, type IdentityState } from '../identity/state.js';
import { initialOwnership, type OwnershipState } from '../ownership/state.js';
import { initialPeriods, type PeriodsState } from '../periods/state.js';
import { initialRotation, type RotationState } from '../rotation/state.js';
import { initialStaff, type StaffState } from '../staff/state.js';
import type { Decision } from './decisions.js';

/**
 * Options of the engine itself (not business rules, which are the policy).
 *
 * - `history`: `'full'` (the default) keeps every decision about a client in
 *   their story, for `explain`; `'none'` keeps none, for replays of very long
 *   logs where memory matters (the decisions are still returned).
 * - `redeliveryWindowDays`: how long, in days of event time, an event id is
 *   remembered so that a redelivery is recognized (default 7). An event older
 *   than the window before the last one is refused, so nothing is ever
 *   applied twice.
 *
 * @example
 * ```ts
 * const state = initialState(policy, { history: 'none', redeliveryWindowDays: 2 });
 * ```
 */
export const engineOptionsSchema = z
  .strictObject({
    history: z.enum(['full', 'none']).default('full').describe("Keep each client's decisions for explain ('full') or not ('none')."),
    redeliveryWindowDays: z
      .number()
      .int()
      .min(1)
      .max(366)
      .default(7)
      .describe('Days of event time an event id is remembered for redelivery checks; older events are refused.'),
  })
  .prefault({});

/** Engine options, defaults filled in. */
export type EngineOptions = z.output<typeof engineOptionsSchema>;
/** Engine options as written: every field may be left to its default. */
export type EngineOptionsInput = z.input<typeof engineOptionsSchema>;

/**
 * What the office remembers of an event id: the fingerprint of its payload,
 * and, when it was refused, the refusal (a redelivery gets the same answer).
 *
 * @example
 * ```ts
 * // 4093120973741 (applied), or { fingerprint: 4093120973741, refused: [{ code: 'unknown_client', ... }] }
 * ```
 */
export type Seen = number | { readonly fingerprint: number; readonly refused: readonly Issue[] };

/**
 * The ids seen within the redelivery window, in two generations of one
 * window each: an id is remembered for at least one window, at most two.
 *
 * @example
 * ```ts
 * // { current: PMap, previous: PMap, epoch: 2963, ahead: PMap }
 * ```
 */
export interface SeenState {
  readonly current: PMap<Seen>;
  readonly previous: PMap<Seen>;
  /** The window number (event time / window) of `current`. */
  readonly epoch: number;
  /** Refusals of events dated in a later window than `current`'s, kept until the clock reaches their window. */
  readonly ahead: PMap<Ahead>;
}

/**
 * A refusal of an event dated in a window the clock has not reached: it
 * must outlive the windows the clock passes before the event's own time,
 * or a redelivery would be judged again.
 *
 * @example
 * ```ts
 * // { fingerprint: 4093120973741, refused: [{ code: 'unknown_staff', ... }], epoch: 2964 }
 * ```
 */
export interface Ahead {
  readonly fingerprint: number;
  readonly refused: readonly Issue[];
  /** The window number of the refused event's time. */
  readonly epoch: number;
}

/**
 * One step of a client's story: a decision and the step before it. Appending
 * shares the rest of the story, so a long story is never copied.
 *
 * @example
 * ```ts
 * // { d: { kind: 'ownership', ... }, prev: { d: { kind: 'registration', ... }, prev: null } }
 * ```
 */
export interface Story {
  readonly d: Decision;
  readonly prev: Story | null;
}

/**
 * The state of one sales office after some events: one slice per rule
 * family, plus what the fold needs. Treat it as immutable: `apply` returns a
 * new state and never changes the one it was given.
 *
 * @example
 * ```ts
 * const { state } = apply(initialState(), event);
 * state.events; // 1
 * ```
 */
export interface OfficeState {
  /** The policy in force at the last event (the first version before any event): `timeline.versions[version].policy`. */
  readonly policy: Policy;
  /** Every version of the office's policy, in the order they take effect (one, for an office with a single policy). */
  readonly timeline: Timeline;
  /** The index in `timeline` of the version in force at the last event. */
  readonly version: number;
  /** Engine options (history, redelivery window). */
  readonly options: EngineOptions;
  /** The office id, fixed by the first event (or by the policy). */
  readonly office: string | null;
  /** Epoch ms of the last applied event. */
  readonly lastAt: number | null;
  /** How many events were applied (redeliveries and refusals not counted). */
  readonly events: number;
  /** Event ids seen within the redelivery window. */
  readonly seen: SeenState;
  readonly staff: StaffState;
  readonly identity: IdentityState;
  readonly ownership: OwnershipState;
  readonly rotation: RotationState;
  readonly deals: DealsState;
  readonly periods: PeriodsState;
  /** Each client's story, newest first (with `history: 'full'`). */
  readonly history: PMap<Story>;
}

/**
 * What applying one event gives: the next state, the decisions the event
 * produced, and issues when the event was refused. A refused event changes
 * nothing but the memory of its id (so that a redelivery is refused the
 * same way).
 *
 * @example
 * ```ts
 * const step: Step = apply(state, event);
 * const why = step.decisions.map((d) => [d.kind, d.rules]);
 * ```
 */
export interface Step {
  readonly state: OfficeState;
  readonly decisions: Decision[];
  readonly issues: Issue[];
  /** The event was a redelivery of an id already decided (the same payload): nothing changed and nothing was decided again; a refused one has its refusal again in `issues`. */
  readonly redelivered: boolean;
}

/** A fresh office state under a validated timeline. @internal */
export function freshState(timeline: Timeline, options: EngineOptions): OfficeState {
  const policy = (timeline.versions[0] as Timeline['versions'][number]).policy;
  return {
    policy,
    timeline,
    version: 0,
    options,
    office: policy.office ?? null,
    lastAt: null,
    events: 0,
    seen: { current: emptyMap(), previous: emptyMap(), epoch: 0, ahead: emptyMap() },
    staff: initialStaff(),
    identity: initialIdentity(),
    ownership: initialOwnership(),
    rotation: initialRotation(),
    deals: initialDeals(),
    periods: initialPeriods(),
    history: emptyMap(),
  };
}

/**
 * Checks that a value is an office state before the engine opens it, so that
 * a caller in plain JavaScript who passes the wrong thing (the `{ ok, state }`
 * of `fromSnapshot`, a replay's result, a state saved with `JSON.stringify`)
 * is told what to pass instead of meeting a TypeError from inside.
 *
 * @param state - what the caller passed
 * @param where - the function it was passed to, for the message
 * @throws TypeError naming what was given and what to pass
 * @example
 * ```ts
 * checkState(fromSnapshot(saved), 'apply'); // TypeError: apply takes an office state (…): fromSnapshot returns { ok, state }, pass its state once ok is true
 * ```
 * @internal
 */
export function checkState(state: unknown, where: string): asserts state is OfficeState {
  const want = `${where} takes an office state (from initialState, a step's or a replay's state, or fromSnapshot(...).state)`;
  if (!isRecord(state)) throw new TypeError(`${want}, not ${describeValue(state)}`);
  const o = state;
  const timeline = o['timeline'];
  // The maps are class instances, and JSON.stringify turns them into plain objects; no instanceof, which a state from the package's other build (CommonJS or ESM) would fail.
  const history = o['history'];
  const maps = isRecord(history) && Object.getPrototypeOf(history) !== Object.prototype;
  if (isRecord(timeline) && Array.isArray(timeline['versions']) && maps) return;
  if ('ok' in o && 'state' in o) throw new TypeError(`${want}: fromSnapshot returns { ok, state }, pass its state once ok is true`);
  if ('state' in o && 'decisions' in o) throw new TypeError(`${want}: this is a step or a replay's result, pass its state`);
  if ('format' in o && 'state' in o) throw new TypeError(`${want}: this looks like a snapshot, read it with fromSnapshot first`);
  if (isRecord(timeline)) throw new TypeError(`${want}: this one has lost its maps, as a state does through JSON.stringify; save states with toSnapshot and read them with fromSnapshot`);
  throw new TypeError(`${want}, not an object without a policy timeline`);
}
