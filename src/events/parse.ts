import type { z } from 'zod';
import { clip, describeValue, fromZod, isIterable, isRecord, type Issue } from '../kernel/issues.js';
import { compileFast, NOT_FAST, type FastParser } from './fast.js';
import { eventSchemas, type Event, type EventType } from './schema.js';
import { decodeUtf8 } from './utf8.js';

/**
 * Limits on what one line may hold, so that no line can exhaust memory,
 * time or the stack. A line beyond them is a bad line like any other: it
 * is reported (`line_too_long`, `too_deep`) and its neighbours are read.
 * Valid events are far below both: the largest (1000 developer contacts)
 * is under 0.7 million characters, the deepest 4 levels.
 *
 * @example
 * ```ts
 * parseLog(text, { maxLineLength: 4_000_000 });
 * ```
 */
export interface ParseLimits {
  /** The longest line read, in UTF-16 code units (default 1,048,576); a longer one is not parsed. */
  readonly maxLineLength?: number;
  /** The deepest nesting of arrays and objects (default 32); checked only on lines that are not valid events. */
  readonly maxDepth?: number;
}

/**
 * The default {@link ParseLimits}.
 *
 * @example
 * ```ts
 * parseLimits.maxLineLength; // 1048576
 * ```
 */
export const parseLimits = { maxLineLength: 1_048_576, maxDepth: 32 } as const;

/** Messages and paths echo what a line held: cut, so a 10 MB key is not copied into every issue. */
const MAX_MESSAGE = 300;
/** An id longer than any valid one is named by its start only. */
const MAX_ID = 128;

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

/** An issue with its line, then its event: the order issues have always been written in (quarantine files, byte-for-byte comparisons). */
function placed(issue: Issue, line: number | undefined, event: string | undefined): Issue {
  if (line !== undefined) issue.line = line;
  if (event !== undefined) issue.event = event;
  return issue;
}

function issuesOf(issues: readonly z.core.$ZodIssue[], line: number | undefined, event: string | undefined): Issue[] {
  return fromZod(issues).map((i) => placed(i, line, event));
}

function one(code: Issue['code'], path: Issue['path'], message: string, line: number | undefined, event?: string): ParseResult {
  return { ok: false, issues: [placed({ code, path, message }, line, event)] };
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
export function parseEvent(input: unknown, line?: number, limits?: ParseLimits): ParseResult {
  try {
    return validate(input, line, false, limits?.maxDepth ?? parseLimits.maxDepth);
  } catch (error) {
    // A getter or a Proxy that throws: the object cannot be read, so it is not an event.
    const reason = error instanceof Error ? error.message : describeValue(error);
    return one('unreadable', [], `the event could not be read: ${clip(String(reason), MAX_MESSAGE)}`, line);
  }
}

/** Whether a value nests arrays and objects deeper than `max` (iterative: no stack to overflow; cycles stop at the limit). */
function deeperThan(value: unknown, max: number): boolean {
  const stack: unknown[] = [value];
  const depths: number[] = [0];
  let budget = 1_000_000;
  while (stack.length > 0) {
    const v = stack.pop();
    const d = depths.pop() as number;
    if (typeof v !== 'object' || v === null) continue;
    if (d >= max) return true;
    if (--budget < 0) return false;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) {
        stack.push(child);
        depths.push(d + 1);
      }
    }
  }
  return false;
}

function validate(input: unknown, line: number | undefined, json: boolean, maxDepth: number): ParseResult {
  if (!isRecord(input)) return one('not_an_object', [], 'an event must be a JSON object', line);
  const rawId = input.id;
  const id = typeof rawId === 'string' ? clip(rawId, MAX_ID) : undefined;
  const type = input.type;
  const validator = typeof type === 'string' ? validators.get(type) : undefined;
  if (validator === undefined) {
    const got = typeof type === 'string' ? describeValue(type) : 'no type';
    return one('unknown_event_type', ['type'], `unknown event type ${got}; expected one of ${knownTypes.join(', ')}`, line, id);
  }
  if (input.v !== 1) {
    return one('unsupported_version', ['v'], `unsupported schema version ${describeValue(input.v ?? null)}; this release reads version 1`, line, id);
  }
  // zod's verdict and output for a valid event without zod's cost; a line's object is fresh and ours to keep.
  const fast = json
    ? (validator.json ??= compileFast(validator.schema, { json: true }))
    : (validator.object ??= compileFast(validator.schema));
  const data = fast(input);
  if (data !== NOT_FAST) return { ok: true, event: data as Event };
  // Invalid, or not sure. Valid events nest 4 levels: only here, off the valid path, is the depth worth measuring.
  if (deeperThan(input, maxDepth)) return one('too_deep', [], `the event nests arrays or objects deeper than ${maxDepth} levels (limit maxDepth)`, line, id);
  // zod decides and words the issues.
  const parsed = validator.schema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error.issues, line, id) };
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
export function parseLine(text: string, line: number, limits?: ParseLimits): ParseResult | undefined {
  if (typeof text !== 'string') return one('unreadable', [], `${describeValue(text)} is not a line of text: parseLine reads one line of a log as a string (parseEvent takes a parsed object)`, line);
  const max = limits?.maxLineLength ?? parseLimits.maxLineLength;
  if (text.length > max) return one('line_too_long', [], `the line has ${text.length} characters, more than the limit of ${max} (maxLineLength); it was not read`, line);
  // Logs saved by Excel or Notepad start with a byte order mark.
  const body = line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return one('invalid_json', [], `not valid JSON: ${clip(reason, MAX_MESSAGE)}`, line);
  }
  try {
    return validate(value, line, true, limits?.maxDepth ?? parseLimits.maxDepth);
  } catch (error) {
    // Not reached for JSON values; kept so that no line can throw.
    return one('unreadable', [], `the event could not be read: ${clip(error instanceof Error ? error.message : 'unknown error', MAX_MESSAGE)}`, line);
  }
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

/** The log line of each event parseLog read, so that replay's refusals can name it. */
const lines = new WeakMap<object, number>();

/**
 * The log line an event was read from by {@link parseLog}, if it was.
 * {@link replay} and {@link replayFrom} use it to put the line into the
 * issues of refused events (`duplicate_conflict`, `out_of_order`...).
 *
 * @param event - an event
 * @returns its 1-based line, or undefined
 * @example
 * ```ts
 * const { events } = parseLog(text);
 * lineOf(events[0]); // 1
 * ```
 */
export function lineOf(event: Event): number | undefined {
  return lines.get(event);
}

const NEWLINE = 0x0a;
const RETURN = 0x0d;

/** A line of bytes that is not UTF-8: where its first bad byte is. */
class BadBytes {
  constructor(
    readonly at: number,
    readonly length: number,
  ) {}
}

/** The lines of a UTF-8 byte log, decoded strictly. */
function* byteLines(bytes: Uint8Array): Generator<string | BadBytes> {
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (start <= bytes.length) {
    let nl = bytes.indexOf(NEWLINE, start);
    if (nl < 0) nl = bytes.length;
    if (nl === bytes.length && start === nl) return;
    const end = nl > start && bytes[nl - 1] === RETURN ? nl - 1 : nl;
    const text = decodeUtf8(bytes, start, end);
    yield typeof text === 'string' ? text : new BadBytes(text, end - start);
    start = nl + 1;
  }
}

/**
 * Reads a whole log: JSONL text, UTF-8 bytes, an iterable of lines, or an
 * array of event objects. Never throws on bad input. A bad line never costs
 * its neighbours: every valid line is returned, and every bad one is
 * reported with its line number (for objects, its 1-based position).
 *
 * A byte order mark at the start is skipped. Bytes (a `Uint8Array` or a
 * Node `Buffer`) are decoded line by line, strictly: a line that is not
 * valid UTF-8 is an `invalid_utf8` issue, never read with replacement
 * characters (which would change a name or a phone silently).
 *
 * @param input - JSONL text or bytes, lines, or event objects
 * @param limits - line length and nesting limits (see {@link ParseLimits})
 * @returns the valid events and the issues
 * @example
 * ```ts
 * const { events, issues } = parseLog('{"v":1,...}\nnot json\n');
 * issues[0]; // { code: 'invalid_json', line: 2, ... }
 * ```
 */
export function parseLog(input: string | Uint8Array | Iterable<unknown>, limits?: ParseLimits): ParsedLog {
  const events: Event[] = [];
  const issues: Issue[] = [];
  if (typeof input !== 'string' && !(input instanceof Uint8Array) && !isIterable(input)) {
    return { events, issues: [{ code: 'unreadable', path: [], message: `${describeValue(input)} is not a log: parseLog reads a string, bytes (Uint8Array) or an iterable of lines or event objects` }] };
  }
  const items: Iterable<unknown> = typeof input === 'string' ? input.split(/\r?\n/) : input instanceof Uint8Array ? byteLines(input) : input;
  let line = 0;
  for (const item of items) {
    line++;
    let result: ParseResult | undefined;
    if (typeof item === 'string') result = parseLine(item, line, limits);
    else if (item instanceof BadBytes) result = one('invalid_utf8', [], `the line is not valid UTF-8 (byte ${item.at + 1} of ${item.length}); it was not read`, line);
    else result = parseEvent(item, line, limits);
    if (result === undefined) continue;
    if (result.ok) {
      events.push(result.event);
      lines.set(result.event, line);
    } else for (const i of result.issues) issues.push(i);
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
