/**
 * An office: a validated policy with the engine bound to it.
 */
import type { Event } from '../events/schema.js';
import type { Issue } from '../kernel/issues.js';
import type { Policy } from '../policy/schema.js';
import { apply, ingest, optionsOf, PolicyError, replayFrom, replayer, validatePolicy, type ReplayResult, type Replayer, type ReplayerOptions } from './fold.js';
import { freshState, type EngineOptionsInput, type OfficeState, type Step } from './state.js';
import { explain, type Explanation } from './explain.js';
import { nextReceiver, type ViewOptions } from './views.js';
import type { NextReceiver } from '../rotation/report.js';

/**
 * The engine bound to one office's validated policy.
 *
 * @example
 * ```ts
 * const created = createOffice({ timeZone: 'Asia/Shanghai' });
 * if (created.ok) { const { office } = created; let state = office.initialState(); }
 * ```
 */
export interface Office {
  /** The validated policy, defaults filled in. */
  readonly policy: Policy;
  /** The state before any event. */
  initialState(): OfficeState;
  /** {@link apply}: one event, purely. */
  apply(state: OfficeState, event: Event): Step;
  /** {@link ingest}: validate untrusted input, then apply. */
  ingest(state: OfficeState, input: unknown): Step;
  /** {@link replay}: many events, from the initial state or a given one. */
  replay(events: Iterable<Event>, from?: OfficeState): ReplayResult;
  /** {@link replayer}: a bulk replay fed one event at a time. */
  replayer(from?: OfficeState, options?: ReplayerOptions): Replayer;
  /** {@link explain}: a client's story. */
  explain(state: OfficeState, client: string, options?: ViewOptions): Explanation;
  /** {@link nextReceiver}: the queue at a time. */
  nextReceiver(state: OfficeState, at: string): NextReceiver;
}

/**
 * Validates a policy and binds the engine to it. Never throws on a bad
 * policy: the issues name each bad field's path and reason.
 *
 * @param policy - the office's policy (any field left out takes its default)
 * @param options - engine options, e.g. `{ history: 'none' }`; bad options come back as issues too
 * @returns the office, or the policy's issues
 * @example
 * ```ts
 * const r = createOffice({ ownership: { validityDays: { visit: 400000 } } });
 * if (!r.ok) report(r.issues); // path ['ownership', 'validityDays', 'visit']
 * ```
 */
export function createOffice(policy?: unknown, options?: EngineOptionsInput): { ok: true; office: Office } | { ok: false; issues: Issue[] } {
  const valid = validatePolicy(policy);
  if (!valid.ok) return valid;
  let engine;
  try {
    engine = optionsOf(options);
  } catch (error) {
    if (error instanceof PolicyError) return { ok: false, issues: error.issues };
    throw error;
  }
  const fresh = () => freshState(valid.policy, engine);
  const office: Office = {
    policy: valid.policy,
    initialState: fresh,
    apply,
    ingest,
    replay: (events, from) => replayFrom(from ?? fresh(), events),
    replayer: (from, opts) => replayer(from ?? fresh(), opts),
    explain,
    nextReceiver,
  };
  return { ok: true, office };
}
