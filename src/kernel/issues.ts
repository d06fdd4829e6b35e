import { z } from 'zod';
import { escapeLoneSurrogates } from './text.js';

/**
 * Codes of problems found in input. Schema problems keep zod's own codes
 * (`invalid_type`, `too_small`, `unrecognized_keys`, ...); the others are
 * salesfloor's.
 *
 * @example
 * ```ts
 * issueCodeSchema.parse('out_of_order');
 * ```
 */
export const issueCodeSchema = z.enum([
  // reading a log
  'invalid_json',
  'invalid_utf8',
  'line_too_long',
  'too_deep',
  'not_an_object',
  'unreadable',
  'unknown_event_type',
  'unsupported_version',
  // zod's schema codes
  'invalid_type',
  'invalid_value',
  'invalid_format',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'unrecognized_keys',
  'too_small',
  'too_big',
  'not_multiple_of',
  'custom',
  // applying an event
  'duplicate_conflict',
  'out_of_order',
  'time_out_of_range',
  'office_mismatch',
  'unknown_staff',
  'staff_departed',
  'unknown_client',
  'unknown_deal',
  'unknown_registration',
  'invalid_amount',
  // policies
  'invalid_policy',
  'policy_mismatch',
]);

/** A code of {@link issueCodeSchema}. */
export type IssueCode = z.infer<typeof issueCodeSchema>;

/**
 * A problem with input, as data: what is wrong (`code`, `message`), where in
 * the value (`path`), on which log line (`line`, 1-based) and, once known,
 * which event (`event`). Nothing is thrown for bad input.
 *
 * @example
 * ```ts
 * const issue: Issue = { code: 'invalid_json', path: [], message: 'Unexpected token', line: 7 };
 * ```
 */
export const issueSchema = z.object({
  code: issueCodeSchema,
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  line: z.number().int().positive().optional(),
  event: z.string().optional(),
});

/** An issue of {@link issueSchema}. */
export type Issue = z.infer<typeof issueSchema>;

/**
 * Formats an issue as one line for people: `line 7: client.phone: must be ... (invalid_format)`.
 *
 * @param issue - the issue to format
 * @returns a single line of text
 * @example
 * ```ts
 * formatIssue({ code: 'unknown_staff', path: ['receiver'], message: 'no staff member "S9"', line: 3 });
 * // 'line 3: receiver: no staff member "S9" (unknown_staff)'
 * ```
 */
export function formatIssue(issue: Issue): string {
  const where = issue.line !== undefined ? `line ${issue.line}: ` : issue.event !== undefined ? `event ${issue.event}: ` : '';
  const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${path}${issue.message} (${issue.code})`;
}

/**
 * An issue with the event and the log line it came from. Written out key by
 * key: a spread followed by a key the issue lacks makes V8 build a hidden
 * class for each result.
 *
 * @param i - the issue
 * @param event - the event's id, if known
 * @param line - the log line, if known
 * @param message - a message to replace the issue's own
 * @returns a new issue: code, path, message, then event and line when given
 * @example
 * ```ts
 * located({ code: 'unknown_staff', path: ['receiver'], message: 'no staff member "S9"' }, 'e7', 3);
 * // { code: 'unknown_staff', path: ['receiver'], message: 'no staff member "S9"', event: 'e7', line: 3 }
 * ```
 * @internal
 */
export function located(i: Issue, event: string | undefined, line: number | undefined, message = i.message): Issue {
  const { code, path } = i;
  if (event === undefined) return line === undefined ? { code, path, message } : { code, path, message, line };
  return line === undefined ? { code, path, message, event } : { code, path, message, event, line };
}

/** The most unknown keys named one by one in an object; the rest are counted in one more issue. */
const NAMED_KEYS = 10;

/**
 * zod's issues as salesfloor's: paths with strings and numbers only, long
 * path segments and messages cut ({@link clip}). An unknown key
 * (`unrecognized_keys`) gets an issue of its own whose path ends with the
 * key, so that a typo is named where it stands, not at the object around it.
 *
 * @param issues - zod's issues, in zod's order
 * @param code - the code every issue takes (`invalid_policy`); by default zod's own
 * @param prefix - prepended to every path (`['options']`)
 * @returns one issue per zod issue, one per unknown key (at most ten per object, then a count)
 * @example
 * ```ts
 * const r = z.strictObject({ a: z.number() }).safeParse({ a: 1, b: 2 });
 * if (!r.success) fromZod(r.error.issues);
 * // [{ code: 'unrecognized_keys', path: ['b'], message: 'unknown field "b"' }]
 * ```
 * @internal
 */
export function fromZod(issues: readonly z.core.$ZodIssue[], code?: IssueCode, prefix: readonly (string | number)[] = []): Issue[] {
  const out: Issue[] = [];
  for (const i of issues) {
    const path = [...prefix, ...i.path.map((p) => (typeof p === 'number' ? p : clip(String(p), MAX_SEGMENT)))];
    const as = code ?? (issueCodeSchema.safeParse(i.code).data ?? 'custom');
    if (i.code !== 'unrecognized_keys' || i.keys.length === 0) {
      out.push({ code: as, path, message: clip(i.message, MAX_MESSAGE) });
      continue;
    }
    for (const key of i.keys.slice(0, NAMED_KEYS)) out.push({ code: as, path: [...path, clip(key, MAX_SEGMENT)], message: `unknown field "${clip(key)}"` });
    const more = i.keys.length - NAMED_KEYS;
    if (more > 0) out.push({ code: as, path, message: `and ${more} more unknown field${more === 1 ? '' : 's'}` });
  }
  return out;
}

/** The longest path segment and message an issue repeats from its input. */
const MAX_SEGMENT = 100;
const MAX_MESSAGE = 300;

/**
 * A text cut to at most `max` characters, with the length it had: issue
 * messages echo what a line held, and a line may hold megabytes. A lone
 * surrogate is shown as its escape ({@link escapeLoneSurrogates}), so that the
 * issue can be written anywhere.
 *
 * @param text - the text
 * @param max - the most characters kept (default 60)
 * @returns the text, or its start followed by `… (N characters)`
 * @example
 * ```ts
 * clip('x'.repeat(1000), 5); // 'xxxxx… (1000 characters)'
 * ```
 * @internal
 */
export function clip(text: string, max = 60): string {
  if (text.length <= max) return escapeLoneSurrogates(text);
  // Never cut a surrogate pair in two.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${escapeLoneSurrogates(text.slice(0, end))}… (${text.length} characters)`;
}

/**
 * Whether a value is a plain object's shape: an object, not null, not an
 * array (what a caller in plain JavaScript must pass where a record is due).
 *
 * @param value - anything
 * @returns true for `{}` and class instances, false for null, arrays and primitives
 * @example
 * ```ts
 * isRecord({ a: 1 }); // true
 * isRecord([1]);      // false
 * ```
 * @internal
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a value is an iterable object (an array, a Set, a generator); a
 * string is not, as its characters are never what a caller meant.
 *
 * @param value - anything
 * @returns true when the value is an object with a `Symbol.iterator` method
 * @example
 * ```ts
 * isIterable([1]);   // true
 * isIterable('ab');  // false
 * ```
 * @internal
 */
export function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}

/**
 * A short description of any value for a message: strings quoted and cut,
 * numbers and booleans as they are, everything else by its kind. Never
 * stringifies a value (which may be cyclic, a BigInt, or nested a million
 * levels deep).
 *
 * @param value - anything
 * @returns at most about 90 characters
 * @example
 * ```ts
 * describeValue(2); // '2'
 * describeValue([[[]]]); // 'an array'
 * ```
 * @internal
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `"${clip(value)}"`;
    case 'number':
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'nothing';
    case 'bigint':
      return 'a BigInt';
    case 'object':
      return value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
    default:
      return `a ${typeof value}`;
  }
}
