/**
 * The roster reducer: `changeStaff` (joins, teams, statuses, departures).
 */
import type { Decision } from '../decisions.js';
import type { EventOf } from '../../events/schema.js';
import { entries, get } from '../_lib/pmap.js';
import { ownerDeparted } from '../ownership/lifecycle.js';
import { fileOf } from '../ownership/state.js';
import { syncRotation } from '../rotation/rotation.js';
import { evolveStaff } from '../staff/staff.js';
import { decide, type Ctx } from './context.js';
import { store } from './common.js';
import type { OfficeState, Step } from './state.js';

/**
 * A staff member joins or changes team, role or status. A departure moves
 * their clients to the pool or back to new (OWN-DEPARTED).
 *
 * @param state - the office state
 * @param e - the `changeStaff` event
 * @param ctx - the fold context
 * @returns the step
 */
export function changeStaff(state: OfficeState, e: EventOf<'changeStaff'>, ctx: Ctx): Step {
  const r = evolveStaff(state.staff, e, ctx);
  let s: OfficeState = { ...state, staff: r.state, rotation: syncRotation(state.rotation, r.member) };
  const m = r.member;
  const what = r.previous === undefined ? `${m.name} joined${m.team ? ` team ${m.team}` : ''} as ${m.role}, ${m.status}` : `${m.name} is now ${m.status}${m.team ? ` (team ${m.team})` : ''}`;
  const decisions: Decision[] = [decide(ctx, { kind: 'staff', staff: m.id, status: m.status }, m.status === 'left' ? ['OWN-DEPARTED'] : ['ROT-ELIGIBLE'], [], what)];
  if (m.status === 'left' && r.previous?.status !== 'left') {
    const owned = get(s.ownership.byOwner, m.id);
    for (const [key] of owned ? [...entries(owned)].sort((a, b) => (a[0] < b[0] ? -1 : 1)) : []) {
      const file = fileOf(s.ownership, key);
      if (!file) continue;
      const step = ownerDeparted(file, m.id, ctx);
      s = store(s, step.file, ctx);
      decisions.push(...step.decisions);
    }
  }
  return { state: s, decisions, issues: [] };
}
