/**
 * What every decision shares, and the pieces families build them from.
 *
 * A decision is data: its kind, the event it belongs to, the event's instant
 * (epoch ms), the rule IDs it rests on (shared arrays from a static table,
 * never built per decision), the ids of the events it rests on besides its
 * own, a reason code (`why`) and the structured parameters its sentence
 * needs (`args`). Sentences are rendered on demand, in the office's zone, by
 * the family that made the decision.
 */
import { z } from 'zod';
import { ruleIdSchema, type RuleId } from './rules.js';

/**
 * The parameters of a decision's sentence: times as epoch ms, ids, counts.
 *
 * @example
 * ```ts
 * const args: Args = { until: 1794412800000, days: 15 };
 * ```
 */
export const argsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]));

/** The parameters of a decision's sentence. */
export type Args = z.infer<typeof argsSchema>;

/**
 * The fields of every decision. Families extend them with their own.
 * @internal
 */
export const decisionBase = {
  event: z.string().describe('The id of the event that made the decision.'),
  at: z.number().describe("The event's instant, epoch ms."),
  rules: z.array(ruleIdSchema).readonly().describe('The rule IDs (docs/rules.md) the decision rests on.'),
  evidence: z.array(z.string()).readonly().describe('The ids of earlier events it rests on (its own event is `event`).'),
  why: z.string().describe("The reason code of the decision's sentence (see describeDecision)."),
  args: argsSchema.optional().describe('The parameters of the sentence.'),
  version: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("The index of the policy version it was decided under, in the office's timeline; left out for the first version (and for an office with one policy)."),
};

/** The fields every decision has. */
export interface DecisionCore {
  readonly kind: string;
  readonly event: string;
  readonly at: number;
  readonly rules: readonly RuleId[];
  readonly evidence: readonly string[];
  readonly why: string;
  readonly args?: Args | undefined;
  /** The policy version it was decided under (an index in the timeline); absent: the first. */
  readonly version?: number | undefined;
}

const table = new Map<string, readonly RuleId[]>();

/**
 * A shared, frozen list of rule IDs: the same list for the same IDs, so that
 * decisions carry a reference into one table instead of arrays of their own.
 * Duplicates are dropped; order is kept.
 *
 * @param ids - rule IDs, in the order they are cited
 * @returns the shared list
 * @example
 * ```ts
 * const FIRST = rules('OWN-FIRST', 'REG-FIRST');
 * ```
 */
export function rules(...ids: readonly RuleId[]): readonly RuleId[] {
  return ruleList(ids);
}

/** {@link rules} of an array. */
export function ruleList(ids: readonly RuleId[]): readonly RuleId[] {
  const key = ids.join(' ');
  let list = table.get(key);
  if (list === undefined) {
    list = Object.freeze([...new Set(ids)]);
    table.set(key, list);
  }
  return list;
}

// A snapshot names the lists it holds; the table keeps at most this many, so that no snapshot grows it without bound.
const DECODED_MAX = 10_000;

/**
 * {@link ruleList} for the rule IDs of a snapshot read back: the shared list,
 * as the engine made it, while the table is small; a frozen list of its own
 * once it has many (a hostile snapshot must not grow a process-wide table).
 *
 * @param ids - the rule IDs, as the snapshot gives them
 * @returns a frozen list of the same IDs, duplicates dropped
 * @example
 * ```ts
 * decodedRules(['OWN-FIRST', 'REG-FIRST']) === rules('OWN-FIRST', 'REG-FIRST'); // true
 * ```
 */
export function decodedRules(ids: readonly RuleId[]): readonly RuleId[] {
  return table.size < DECODED_MAX || table.has(ids.join(' ')) ? ruleList(ids) : Object.freeze([...new Set(ids)]);
}

/**
 * A decision without one of its keys (an optional one it was written with),
 * the others in their order. A copy, not `delete`: V8 turns an object that
 * loses a key before its last into a dictionary, slower to make (about 400 ns
 * against 220) and to read; the copies share one hidden class.
 *
 * @param d - the decision, just built and not handed out
 * @param key - the key to leave out
 * @returns a new object with the other keys of `d`
 * @example
 * ```ts
 * without({ kind: 'claim', client: undefined, staff: 'S01' }, 'client'); // { kind: 'claim', staff: 'S01' }
 * ```
 */
export function without<T extends object>(d: T, key: keyof T & string): T {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(d)) if (k !== key) out[k] = (d as Record<string, unknown>)[k];
  return out as T;
}

/**
 * The shared list of two lists, one after the other.
 *
 * @param a - the first rule IDs
 * @param b - the rule IDs added after them
 * @returns the shared list
 */
export function joinRules(a: readonly RuleId[], b: readonly RuleId[]): readonly RuleId[] {
  if (b.length === 0) return a.length === 0 || Object.isFrozen(a) ? a : ruleList(a);
  if (a.length === 0) return Object.isFrozen(b) ? b : ruleList(b);
  // Lists from the table are joined once: the hot paths join the same few pairs for every event.
  if (Object.isFrozen(a) && Object.isFrozen(b)) {
    let byB = joined.get(a);
    if (byB === undefined) joined.set(a, (byB = new Map()));
    let list = byB.get(b);
    if (list === undefined) byB.set(b, (list = ruleList([...a, ...b])));
    return list;
  }
  return ruleList([...a, ...b]);
}

const joined = new Map<readonly RuleId[], Map<readonly RuleId[], readonly RuleId[]>>();

/** No rule IDs. */
export const NO_RULES: readonly RuleId[] = rules();

/** No evidence. */
export const NO_EVIDENCE: readonly string[] = Object.freeze([]);

/**
 * What a family's renderer may ask of the office: names for staff ids, local
 * times for instants.
 */
export interface Wording {
  /** A staff member as `name (id)`, or the id. */
  who(staff: string | null): string;
  /** An instant as local `YYYY-MM-DDTHH:mm:ss±HH:mm`. */
  time(ms: number): string;
  /** An instant's local clock, `HH:mm`. */
  clock(ms: number): string;
}
