/**
 * JSON Schemas of the event log and of policies, generated from the zod
 * schemas, for services written in other languages. The package ships them
 * as files: `salesfloor/schemas/event.schema.json` and
 * `salesfloor/schemas/policy.schema.json` (`npx tsx scripts/schemas.ts`
 * writes them; CI checks they are current).
 */
import { z } from 'zod';
import { eventSchema } from './events/schema.js';
import { policySchema } from './policy/schema.js';
import { policyTimelineSchema } from './policy/timeline.js';

type Json = Record<string, unknown>;

const BASE = 'https://unpkg.com/salesfloor/schemas/';

function generate(schema: z.ZodType): Json {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
}

/**
 * The JSON Schema (draft 2020-12) of one event of the log, as written (the
 * input shape), with its `$id`. Cross-field rules (e.g. "a visit needs a
 * client unless it is a non-client") are checked by `parseEvent` only; what
 * needs the office's state (duplicates, unknown staff, time order) by the
 * engine.
 *
 * @returns a JSON Schema object
 * @example
 * ```ts
 * writeFileSync('event.schema.json', JSON.stringify(eventJsonSchema(), null, 2));
 * ```
 */
export function eventJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = generate(eventSchema);
  return {
    $schema,
    $id: `${BASE}event.schema.json`,
    title: 'salesfloor event',
    description: 'One line of a salesfloor event log (JSONL), schema version v: 1. Cross-field rules are checked by parseEvent; duplicates, unknown staff and time order by the engine.',
    ...rest,
  };
}

/**
 * The JSON Schema (draft 2020-12) of a policy as written, with its `$id`:
 * one policy (every field optional, with its default and the rule ID it
 * parameterizes in its description) or a dated timeline of policies
 * (`{ versions: [...] }`). The order of a timeline's instants, and one zone
 * for all its versions, are checked by the engine (`validateTimeline`).
 *
 * @returns a JSON Schema object
 * @example
 * ```ts
 * writeFileSync('policy.schema.json', JSON.stringify(policyJsonSchema(), null, 2));
 * ```
 */
export function policyJsonSchema(): Record<string, unknown> {
  const { $schema, ...policy } = generate(policySchema);
  const { $schema: _same, ...timeline } = generate(policyTimelineSchema);
  // The timeline's versions refer to the policy instead of repeating it.
  const versions = (timeline.properties as Json).versions as Json;
  const version = versions.items as Json;
  const fields = version.properties as Json;
  const ref = { $ref: '#/$defs/policy', description: (fields.policy as Json).description };
  const shared = { ...timeline, properties: { ...(timeline.properties as Json), versions: { ...versions, items: { ...version, properties: { ...fields, policy: ref } } } } };
  return {
    $schema,
    $id: `${BASE}policy.schema.json`,
    title: 'salesfloor policy',
    description: "A sales office's rules: one policy, or a dated timeline of policies ({ versions: [...] }).",
    anyOf: [{ $ref: '#/$defs/policy' }, { $ref: '#/$defs/timeline' }],
    $defs: { policy, timeline: shared },
  };
}
