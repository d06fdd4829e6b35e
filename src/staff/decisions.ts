import { z } from 'zod';
import { decisionBase, type Wording } from '../kernel/decision.js';
import { staffStatusSchema } from '../events/schema.js';

/**
 * A staff member joined or changed status, team or role.
 * `why`: `joined` or `changed`; `args`: `{ team, role }`.
 *
 * @example
 * ```ts
 * // { kind: 'staff', staff: 'S01', status: 'left', why: 'changed', rules: ['OWN-DEPARTED'], ... }
 * ```
 */
export const staffDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('staff'),
  staff: z.string(),
  status: staffStatusSchema,
});

/** A decision of {@link staffDecisionSchema}. */
export type StaffDecision = z.infer<typeof staffDecisionSchema>;

/** The sentence of a staff decision. @internal */
export function describeStaff(d: StaffDecision, w: Wording): string {
  const team = typeof d.args?.team === 'string' ? ` team ${d.args.team}` : '';
  if (d.why === 'joined') return `${w.who(d.staff)} joined${team} as ${String(d.args?.role ?? 'sales')}, ${d.status}`;
  return `${w.who(d.staff)} is now ${d.status}${team ? ` (${team.trim()})` : ''}`;
}
