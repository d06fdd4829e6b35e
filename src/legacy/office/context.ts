import type { Edit } from '../_lib/pmap.js';
import type { Calendar } from '../../kernel/time.js';
import type { Decision, Trace } from '../decisions.js';
import type { Event } from '../../events/schema.js';
import type { Policy } from '../../policy/schema.js';
import type { RuleId } from '../../kernel/rules.js';

/**
 * What every module's `evolve` receives besides its own state: the policy, the
 * calendar of the office's zone, the event being applied and its instant, and
 * the bulk-edit token (replay only).
 * @internal
 */
export interface Ctx {
  readonly policy: Policy;
  readonly calendar: Calendar;
  readonly event: Event;
  readonly at: number;
  readonly edit: Edit | undefined;
  /** Keep decisions in client files (engine option `history`). */
  readonly keepHistory: boolean;
}

type Body<D extends Decision> = D extends Decision ? Omit<D, 'event' | 'at' | 'trace'> : never;

/**
 * Builds a decision of the current event with its trace.
 * @internal
 */
export function decide(ctx: Ctx, body: Body<Decision>, rules: RuleId[], evidence: readonly string[], note: string): Decision {
  const trace: Trace = { rules: unique(rules), evidence: unique([...evidence, ctx.event.id]), note };
  return { ...body, event: ctx.event.id, at: ctx.event.at, trace } as Decision;
}

// Traces hold a handful of ids: a linear scan beats building a Set.
function unique<T>(items: readonly T[]): T[] {
  const out: T[] = [];
  for (const item of items) if (!out.includes(item)) out.push(item);
  return out;
}
