/**
 * An office: a validated policy (or dated timeline) with the engine bound to it.
 */
import type { Event } from '../events/schema.js';
import type { Issue } from '../kernel/issues.js';
import type { Policy } from '../policy/schema.js';
import { calendarOf } from '../kernel/time.js';
import { continues, describePast, describeDifference, switchTimeline, validateTimeline, versionAt, withinLimits, type Timeline } from '../policy/timeline.js';
import { apply, asOfFrom, ingest, optionsOf, PolicyError, replayFrom, replayer, type AsOf, type ReplayResult, type Replayer, type ReplayerOptions } from './fold.js';
import { freshState, type EngineOptionsInput, type OfficeState, type Step } from './state.js';
import { explain, type Explanation } from './explain.js';
import { nextReceiver, type ViewOptions } from './views.js';
import type { NextReceiver } from '../rotation/report.js';

/**
 * How an office treats a state built under other rules than its own.
 *
 * - `'refuse'` (the default): a state whose past was decided under other
 *   policy versions than the office's is refused with a {@link PolicyError}
 *   (code `policy_mismatch`). A state whose past the office's timeline
 *   agrees with (the same versions in force up to its last event) goes on
 *   under the office's timeline, with any later versions it adds.
 * - `'switch'`: the office's policy takes over from the state's last event.
 *   What was decided stays as it was, and the state's timeline records the
 *   switch as a new version taking effect at that instant.
 *
 * @example
 * ```ts
 * const r = createOffice(newPolicy);
 * if (r.ok) r.office.replay(todaysEvents, stateUnderOldPolicy, { policy: 'switch' });
 * ```
 */
export type PolicyChoice = 'refuse' | 'switch';

/**
 * Options of an office's replays and applies on a given state.
 *
 * @example
 * ```ts
 * office.replay(events, snapshotState, { policy: 'switch' });
 * ```
 */
export interface OfficeReplayOptions extends ReplayerOptions {
  /** A state built under other rules: refuse it (default), or switch it to the office's from its last event. */
  readonly policy?: PolicyChoice;
}

/**
 * The engine bound to one office's validated policy (or dated timeline).
 * Every method that takes a state checks it was built under the office's
 * rules (see {@link PolicyChoice}): an office never silently goes on under
 * the policy a state happens to carry. Engine options are the state's, not
 * the office's: the office's options apply to the states it starts
 * (`initialState`, `replay`, `replayer` and `asOf` without a state), and a
 * state it is given (one read by `fromSnapshot` included) keeps the options
 * it was started with, since a redelivery window cannot be widened on a
 * state that has already forgotten older ids. To change them, replay the
 * journal from the office's initial state.
 *
 * @example
 * ```ts
 * const created = createOffice({ timeZone: 'Asia/Shanghai' });
 * if (created.ok) { const { office } = created; let state = office.initialState(); }
 * ```
 */
export interface Office {
  /** The policy of the first version, defaults filled in (the only one without a timeline). */
  readonly policy: Policy;
  /** Every version of the office's policy, in the order they take effect. */
  readonly timeline: Timeline;
  /** The state before any event. */
  initialState(): OfficeState;
  /** {@link apply}: one event, purely, on a state of this office. */
  apply(state: OfficeState, event: Event, options?: { readonly policy?: PolicyChoice }): Step;
  /** {@link ingest}: validate untrusted input, then apply. */
  ingest(state: OfficeState, input: unknown, options?: { readonly policy?: PolicyChoice }): Step;
  /** {@link replay}: many events, from the initial state or a given one. */
  replay(events: Iterable<Event>, from?: OfficeState, options?: OfficeReplayOptions): ReplayResult;
  /** {@link replayer}: a bulk replay fed one event at a time. */
  replayer(from?: OfficeState, options?: OfficeReplayOptions): Replayer;
  /** {@link asOf}: the office as it stood at a time, from the events up to then. */
  asOf(events: Iterable<Event>, at: string): AsOf;
  /** {@link explain}: a client's story. */
  explain(state: OfficeState, client: string, options?: ViewOptions): Explanation;
  /** {@link nextReceiver}: the queue at a time. */
  nextReceiver(state: OfficeState, at: string): NextReceiver;
}

/**
 * The state as the office goes on from it: the same state when it was built
 * under the office's timeline, the state with the office's timeline when
 * the two agree up to its last event, switched when asked; otherwise a
 * {@link PolicyError}.
 * @internal
 */
export function adopt(timeline: Timeline, state: OfficeState, choice: PolicyChoice = 'refuse'): OfficeState {
  if (state.timeline === timeline) return state;
  let next: Timeline;
  if (continues(state.timeline, state.lastAt, timeline)) next = timeline;
  else if (choice === 'switch') {
    next = switchTimeline(state.timeline, state.lastAt, timeline);
    // The state's days were counted in its zone; a timeline cannot change it (its snapshot would not restore).
    const zone = (state.timeline.versions[0] as Timeline['versions'][number]).policy.timeZone;
    const moved = next.versions.find((v) => v.policy.timeZone !== zone);
    if (moved !== undefined) {
      const message = `cannot switch: the state counts days in the zone ${zone}, this office in ${moved.policy.timeZone}; a timeline cannot change the zone: give the office's policy timeZone ${zone}`;
      throw new PolicyError([{ code: 'policy_mismatch', path: ['timeZone'], message }]);
    }
    // A version in force from just after the last event must accept times there: else nothing after could be applied, and its snapshot would not restore.
    const lastAt = state.lastAt as number;
    const unreachable = next.versions.find((v) => v.from === lastAt + 1 && !withinLimits(v.from, v.policy));
    if (unreachable !== undefined) {
      const { earliest, latest } = unreachable.policy.limits;
      const message = `cannot switch: the state's last event (${calendarOf(unreachable.policy.timeZone).localIso(lastAt)}) is outside the times the new policy's events may carry (${earliest} to ${latest}, its limits.earliest and limits.latest)`;
      throw new PolicyError([{ code: 'policy_mismatch', path: [], message }]);
    }
  } else {
    const difference = describeDifference(state.timeline, state.lastAt, timeline);
    const message =
      `the state was decided under ${describePast(state.timeline, state.lastAt)} up to its last event, not under this office's ${describePast(timeline, state.lastAt)}` +
      `${difference === null ? '' : ` (${difference})`}. ` +
      "Replay the log under this office's policy from its initial state, give the office a timeline whose past is the state's, " +
      "or switch from the state's last event on with { policy: 'switch' }";
    throw new PolicyError([{ code: 'policy_mismatch', path: [], message }]);
  }
  const version = state.lastAt === null ? 0 : versionAt(next, state.lastAt);
  return { ...state, timeline: next, version, policy: (next.versions[version] as Timeline['versions'][number]).policy };
}

/**
 * A step on a state the office adopted (a restored state gets the office's
 * own timeline object): when the event changed nothing, the caller's state
 * itself, so that a no-op is `step.state === state` on a state just read
 * from a snapshot too.
 */
function unchangedIsOwn(state: OfficeState, adopted: OfficeState, step: Step): Step {
  return step.state === adopted && adopted !== state ? { state, decisions: step.decisions, issues: step.issues, redelivered: step.redelivered } : step;
}

/**
 * Validates a policy, or a dated timeline of policies, and binds the engine
 * to it. Never throws on a bad policy: the issues name each bad field's
 * path and reason.
 *
 * @param policy - the office's policy (any field left out takes its default), or `{ versions: [...] }` (see `policyTimelineSchema`); omitted: every default (`null`, a missing row more often than a choice, is refused)
 * @param options - engine options, e.g. `{ history: 'none' }` or `{ redeliveryWindowDays: 30 }`, for the states the office starts (a state given to it keeps its own); bad options come back as issues too
 * @returns the office, or the policy's issues
 * @example
 * ```ts
 * const r = createOffice({ ownership: { validityDays: { visit: 400000 } } });
 * if (!r.ok) report(r.issues); // path ['ownership', 'validityDays', 'visit']
 * const dated = createOffice({ versions: [{ policy: presetPolicy('jiuzhou') }, { from: '2026-12-01', policy: mine }] });
 * ```
 */
export function createOffice(policy?: unknown, options?: EngineOptionsInput): { ok: true; office: Office } | { ok: false; issues: Issue[] } {
  const valid = validateTimeline(policy);
  if (!valid.ok) return valid;
  let engine;
  try {
    engine = optionsOf(options);
  } catch (error) {
    if (error instanceof PolicyError) return { ok: false, issues: error.issues };
    throw error;
  }
  const { timeline } = valid;
  const fresh = () => freshState(timeline, engine);
  const office: Office = {
    policy: (timeline.versions[0] as Timeline['versions'][number]).policy,
    timeline,
    initialState: fresh,
    apply: (state, event, opts) => {
      const adopted = adopt(timeline, state, opts?.policy);
      return unchangedIsOwn(state, adopted, apply(adopted, event));
    },
    ingest: (state, input, opts) => {
      const adopted = adopt(timeline, state, opts?.policy);
      return unchangedIsOwn(state, adopted, ingest(adopted, input));
    },
    replay: (events, from, opts) => replayFrom(from === undefined ? fresh() : adopt(timeline, from, opts?.policy), events, opts),
    replayer: (from, opts) => replayer(from === undefined ? fresh() : adopt(timeline, from, opts?.policy), opts),
    asOf: (events, at) => asOfFrom(fresh(), events, at),
    explain,
    nextReceiver,
  };
  return { ok: true, office };
}
