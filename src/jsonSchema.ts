/**
 * JSON Schemas of the event log and of policies, generated from the zod
 * schemas, for services written in other languages.
 */
import { z } from 'zod';
import { eventSchema } from './events/schema.js';
import { policySchema } from './policy/schema.js';

/**
 * The JSON Schema (draft 2020-12) of one event of the log, as written (the
 * input shape). Cross-field rules (e.g. "a visit needs a client unless it is a
 * non-client") are checked by `parseEvent` only.
 *
 * @returns a JSON Schema object
 * @example
 * ```ts
 * writeFileSync('event.schema.json', JSON.stringify(eventJsonSchema(), null, 2));
 * ```
 */
export function eventJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(eventSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/**
 * The JSON Schema (draft 2020-12) of a policy as written: every field
 * optional, with its default and the rule ID it parameterizes in its
 * description.
 *
 * @returns a JSON Schema object
 * @example
 * ```ts
 * writeFileSync('policy.schema.json', JSON.stringify(policyJsonSchema(), null, 2));
 * ```
 */
export function policyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(policySchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
