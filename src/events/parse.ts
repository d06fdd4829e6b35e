import type { z } from 'zod';
import { issueCodeSchema, type Issue } from '../issues.js';
import { compileFast, NOT_FAST, type FastParser } from './fast.js';
import { eventSchemas, type Event, type EventType } from './schema.js';

/**
 * The result of reading one event: the event, or the issues that make it invalid.
 *
 * @example
 * ```ts
 * const r: ParseResult = parseEvent(input);
 * if (r.ok) use(r.event); else report(r.issues);
 * ```
 */
export type ParseResult = { ok: true; event: Event } | { ok: false; issues: Issue[] };

const knownTypes = Object.keys(eventSchemas) as EventType[];

interface Validator {
  readonly schema: (typeof eventSchemas)[EventType];
  /** Fast paths compiled on first use: for any object, and for a fresh JSON.parse result. */
  object?: FastParser;
  json?: FastParser;
}

// By type, for a hashed lookup of a type string fresh from JSON.parse.
const validators = new Map<string, Validator>(knownTypes.map((type) => [type, { schema: eventSchemas[type] }]));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromZod(issues: readonly z.core.$ZodIssue[], line: number | undefined, event: string | undefined): Issue[] {
  return issues.map((i) => {
    const code = issueCodeSchema.safeParse(i.code);
    const issue: Issue = {
      code: code.success ? code.data : 'custom',
      path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
      message: i.message,
    };
    if (line !== undefined) issue.line = line;
    if (event !== undefined) issue.event = event;
    return issue;
  });
}

function one(code: Issue['code'], path: Issue['path'], message: string, line: number | undefined, event?: string): ParseResult {
  const issue: Issue = { code, path, message };
  if (line !== undefined) issue.line = line;
  if (event !== undefined) issue.event = event;
  return { ok: false, issues: [issue] };
}

/**
 * Validates one event object against its schema. Never throws on bad input:
 * an unknown `type`, a wrong version or a field out of shape come back as
 * issues naming the path and, when given, the line.
 *
 * @param input - an event object, e.g. from `JSON.parse`
 * @param line - the 1-based log line, carried into issues
 * @returns the typed event, or its issues
 * @example
 * ```ts
 * const r = parseEvent({ v: 1, id: 'e1', type: 'changeStaff', at: '2026-11-01T08:30:00+08:00',
 *   office: 'jz', staff: 'S01', name: '李娜' });
 * r.ok; // true
 * ```
 */
export function parseEvent(input: unknown, line?: number): ParseResult {
  return validate(input, line, false);
}

function validate(input: unknown, line: number | undefined, json: boolean): ParseResult {
  if (!isRecord(input)) return one('not_an_object', [], 'an event must be a JSON object', line);
  const id = typeof input.id === 'string' ? input.id : undefined;
  const type = input.type;
  const validator = typeof type === 'string' ? validators.get(type) : undefined;
  if (validator === undefined) {
    const got = typeof type === 'string' ? `"${type}"` : 'no type';
    return one('unknown_event_type', ['type'], `unknown event type ${got}; expected one of ${knownTypes.join(', ')}`, line, id);
  }
  if (input.v !== 1) {
    return one('unsupported_version', ['v'], `unsupported schema version ${JSON.stringify(input.v ?? null)}; this release reads version 1`, line, id);
  }
  // zod's verdict and output for a valid event without zod's cost; a line's object is fresh and ours to keep.
  const fast = json
    ? (validator.json ??= compileFast(validator.schema, { json: true }))
    : (validator.object ??= compileFast(validator.schema));
  const data = fast(input);
  if (data !== NOT_FAST) return { ok: true, event: data as Event };
  // Invalid, or not sure: zod decides and words the issues.
  const parsed = validator.schema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZod(parsed.error.issues, line, id) };
  return { ok: true, event: parsed.data as Event };
}

/**
 * Reads one JSONL line. Blank lines are not events and yield `undefined`.
 *
 * @param text - the line, without its newline
 * @param line - its 1-based number
 * @returns the parse result, or `undefined` for a blank line
 * @example
 * ```ts
 * parseLine('{"v":1,"id":"e1", ...}', 1);
 * parseLine('   ', 2); // undefined
 * ```
 */
export function parseLine(text: string, line: number): ParseResult | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return one('invalid_json', [], `not valid JSON: ${reason}`, line);
  }
  return validate(value, line, true);
}

/**
 * What reading a log gives: every valid event in order, and an issue for every bad line.
 *
 * @example
 * ```ts
 * const { events, issues } = parseLog(text);
 * ```
 */
export interface ParsedLog {
  /** The valid events, in log order. */
  events: Event[];
  /** One or more issues per bad line, each naming its line. */
  issues: Issue[];
}

/**
 * Reads a whole log: JSONL text, an iterable of lines, or an array of event
 * objects. Never throws on bad input. A bad line never costs its neighbours:
 * every valid line is returned, and every bad one is reported with its line
 * number (for objects, its 1-based position).
 *
 * @param input - JSONL text, lines, or event objects
 * @returns the valid events and the issues
 * @example
 * ```ts
 * const { events, issues } = parseLog('{"v":1,...}\nnot json\n');
 * issues[0]; // { code: 'invalid_json', line: 2, ... }
 * ```
 */
export function parseLog(input: string | Iterable<unknown>): ParsedLog {
  const events: Event[] = [];
  const issues: Issue[] = [];
  const items: Iterable<unknown> = typeof input === 'string' ? input.split(/\r?\n/) : input;
  let line = 0;
  for (const item of items) {
    line++;
    const result = typeof item === 'string' ? parseLine(item, line) : parseEvent(item, line);
    if (result === undefined) continue;
    if (result.ok) events.push(result.event);
    else issues.push(...result.issues);
  }
  return { events, issues };
}

/**
 * Puts events in time order (stable: events at the same instant keep their
 * order). `apply` refuses an event earlier than the last one, so a log
 * written out of order must be sorted first; this holds the whole log in
 * memory.
 *
 * @param events - events in any order
 * @returns a new array in time order
 * @example
 * ```ts
 * const { state } = replay(sortEvents(parseLog(text).events));
 * ```
 */
export function sortEvents(events: Iterable<Event>): Event[] {
  return [...events]
    .map((event, index) => ({ event, index, at: Date.parse(event.at) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map((x) => x.event);
}
