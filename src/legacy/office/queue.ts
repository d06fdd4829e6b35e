/**
 * The reducers of queue events that are not receptions: `endReception`,
 * `assignDuty` and `setRotationPenalty` (RULES §D).
 */
import type { Decision } from '../decisions.js';
import type { EventOf } from '../../events/schema.js';
import type { Issue } from '../../kernel/issues.js';
import { assignDuty as dutyOf, endReception as endOf, penalize, type RotationState } from '../rotation/rotation.js';
import { checkStaff } from '../staff/staff.js';
import type { Ctx } from './context.js';
import { refuse, staffIssues } from './common.js';
import type { OfficeState, Step } from './state.js';

/** Refuses on any issue, else applies the queue change. */
function onQueue(state: OfficeState, issues: Issue[], change: () => { state: RotationState; decision: Decision }): Step {
  if (issues.length > 0) return refuse(state, issues);
  const r = change();
  return { state: { ...state, rotation: r.state }, decisions: [r.decision], issues: [] };
}

/**
 * A reception is over: its receiver is free for the queue again
 * (ROT-LONG-RECEPTION).
 *
 * @param state - the office state
 * @param e - the `endReception` event
 * @param ctx - the fold context
 * @returns the step
 */
export function endReception(state: OfficeState, e: EventOf<'endReception'>, ctx: Ctx): Step {
  return onQueue(state, staffIssues(state, ctx, [[e.staff, 'staff']]), () => endOf(state.rotation, state.staff, e, ctx));
}

/**
 * The day's duty staff, who receive visitors in duty hours (ROT-DUTY).
 *
 * @param state - the office state
 * @param e - the `assignDuty` event
 * @param ctx - the fold context
 * @returns the step
 */
export function assignDuty(state: OfficeState, e: EventOf<'assignDuty'>, ctx: Ctx): Step {
  const issues = e.staff.flatMap((id, i) => checkStaff(state.staff, id, ['staff', i], e.id) ?? []);
  return onQueue(state, issues, () => dutyOf(state.rotation, state.staff, e.staff, ctx));
}

/**
 * A rotation penalty set or lifted: one turn every two rounds
 * (ROT-PENALTY-HALF) or no call allocation (ROT-NO-CALLS). Until a periods
 * module derives them from results, they come as these events.
 *
 * @param state - the office state
 * @param e - the `setRotationPenalty` event
 * @param ctx - the fold context
 * @returns the step
 */
export function setRotationPenalty(state: OfficeState, e: EventOf<'setRotationPenalty'>, ctx: Ctx): Step {
  return onQueue(state, staffIssues(state, ctx, [[e.staff, 'staff']]), () => penalize(state.rotation, state.staff, e, ctx));
}
