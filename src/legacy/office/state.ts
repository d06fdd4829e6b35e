import { z } from 'zod';
import { emptyMap, type PMap } from '../_lib/pmap.js';
import type { Decision } from '../decisions.js';
import type { Issue } from '../../kernel/issues.js';
import type { Policy } from '../../policy/schema.js';
import { initialDeals, type DealsState } from '../deals/deals.js';
import { initialIdentity, type IdentityState } from '../identity/identity.js';
import { initialOwnership, type OwnershipState } from '../ownership/state.js';
import { initialRotation, type RotationState } from '../rotation/rotation.js';
import { initialStaff, type StaffState } from '../staff/staff.js';

/**
 * Options of the engine itself (not business rules, which are the policy).
 * `history: 'full'` (the default) keeps every decision in each client's file
 * for `explain`; `'none'` keeps only the current ownership and its basis, for
 * replays of very long logs where memory matters (the decisions are still
 * returned by `apply` and `replay`).
 *
 * @example
 * ```ts
 * const state = initialState(policy, { history: 'none' });
 * ```
 */
export const engineOptionsSchema = z
  .strictObject({
    history: z.enum(['full', 'none']).default('full').describe("Keep each client's decisions for explain ('full') or not ('none')."),
  })
  .prefault({});

/** Engine options, defaults filled in. */
export type EngineOptions = z.output<typeof engineOptionsSchema>;
/** Engine options as written: every field may be left to its default. */
export type EngineOptionsInput = z.input<typeof engineOptionsSchema>;

/**
 * The state of one sales office after some events: one slice per rule
 * family, plus what the fold itself needs (the policy, the last event time,
 * the ids already applied). Treat it as immutable: `apply` returns a new
 * state and never changes the one it was given.
 *
 * @example
 * ```ts
 * const { state } = apply(initialState(), event);
 * state.events; // 1
 * ```
 */
export interface OfficeState {
  /** The validated policy the state is folded under. */
  readonly policy: Policy;
  /** Engine options (history kept for explanations). */
  readonly options: EngineOptions;
  /** The office id, fixed by the first event (or by the policy). */
  readonly office: string | null;
  /** Epoch ms of the last applied event. */
  readonly lastAt: number | null;
  /** How many events were applied (redeliveries not counted). */
  readonly events: number;
  /** Event id → fingerprint of its payload, for redelivery checks. */
  readonly seen: PMap<number>;
  readonly staff: StaffState;
  readonly identity: IdentityState;
  readonly ownership: OwnershipState;
  readonly rotation: RotationState;
  readonly deals: DealsState;
}

/**
 * What applying one event gives: the next state, the decisions the event
 * produced (each with its trace), and issues when the event was refused. A
 * refused event leaves the state unchanged.
 *
 * @example
 * ```ts
 * const step: Step = apply(state, event);
 * const why = step.decisions.map((d) => [d.kind, d.trace.rules]);
 * ```
 */
export interface Step {
  readonly state: OfficeState;
  readonly decisions: Decision[];
  readonly issues: Issue[];
}

/** A fresh office state under a validated policy. @internal */
export function freshState(policy: Policy, options: EngineOptions = { history: 'full' }): OfficeState {
  return {
    policy,
    options,
    office: policy.office ?? null,
    lastAt: null,
    events: 0,
    seen: emptyMap(),
    staff: initialStaff(),
    identity: initialIdentity(),
    ownership: initialOwnership(),
    rotation: initialRotation(),
    deals: initialDeals(),
  };
}
