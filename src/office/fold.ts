/**
 * The office fold: one event at a time through the families it concerns,
 * with the envelope rules every event obeys (office, redelivery, order).
 */
import { clip, describeValue, isIterable, isRecord, located, type Issue } from '../kernel/issues.js';
import { fingerprintEvent } from '../events/fast.js';
import { calendarOf, instantMs, readTime } from '../kernel/time.js';
import { lineOf, parseEvent } from '../events/parse.js';
import type { Event } from '../events/schema.js';
import { policySchema, type Policy } from '../policy/schema.js';
import { policyIssues, validateTimeline, type PolicySource, type Timeline } from '../policy/timeline.js';
import type { Decision } from './decisions.js';
import { dispatch, isDecidable } from './dispatch.js';
import { fingerprintOf, isHeldEvent, Live } from './live.js';
import { checkState, engineOptionsSchema, freshState, type EngineOptions, type EngineOptionsInput, type OfficeState, type Step } from './state.js';

const DAY = 86_400_000;
const NONE: Decision[] = [];
Object.freeze(NONE);

function issue(event: Event, code: Issue['code'], path: Issue['path'], message: string, line: number | undefined): Issue {
  return located({ code, path, message }, event.id, line);
}

/** The issue of a value handed to apply or push that is no event: the TypeScript types rule it out, plain JavaScript does not. */
function notAnEvent(e: unknown, line: number | undefined): Issue {
  const object = typeof e === 'object' && e !== null && !Array.isArray(e);
  const id = object ? (e as { id?: unknown }).id : undefined;
  const type = object ? (e as { type?: unknown }).type : undefined;
  const message = object
    ? `${describeValue(type)} is no event type: apply and push take valid events (give untrusted input to ingest or parseLine, which validate it)`
    : `${describeValue(e)} is not an event: apply and push take valid events (give untrusted input to ingest or parseLine, which validate it)`;
  return located({ code: object ? 'unknown_event_type' : 'not_an_object', path: object ? ['type'] : [], message }, typeof id === 'string' ? clip(id, 128) : undefined, line);
}

/** What one push or apply gives, besides the state. */
interface Outcome {
  readonly decisions: Decision[];
  readonly issues: Issue[];
  /** The event was a redelivery of an id already decided: it changed nothing and decided nothing again. */
  readonly redelivered: boolean;
}

function refusal(issues: Issue[]): Outcome {
  return { decisions: NONE, issues, redelivered: false };
}

/**
 * Applies one event to an open office. The envelope first: the office, a
 * redelivery (the same id: its first outcome again), the order in time; then
 * the families. A refused event is rolled back and its refusal remembered.
 * @internal
 */
export function step(o: Live, e: Event, line?: number): Outcome {
  if (!isDecidable(e)) return refusal([notAnEvent(e, line)]);
  if (o.office !== null && e.office !== o.office) {
    return refusal([issue(e, 'office_mismatch', ['office'], `event of office "${e.office}" in the state of office "${o.office}"`, line)]);
  }
  const seen = o.seen(e.id);
  if (seen !== undefined) {
    if (fingerprintOf(seen) !== fingerprintEvent(e)) return refusal([issue(e, 'duplicate_conflict', ['id'], `event id "${e.id}" was already used with a different payload; the first one stands`, line)]);
    if (typeof seen === 'number' || isHeldEvent(seen)) return { decisions: NONE, issues: [], redelivered: true };
    return { decisions: NONE, issues: seen.refused.map((i) => located(i, e.id, line, `${i.message} (a redelivery of ${e.id}: its first delivery was refused the same way)`)), redelivered: true };
  }
  const at = instantMs(e.at);
  const { tx } = o;
  // Decided under the version in force at its time, the version's own time limits included.
  o.enter(at);
  // A time no office could mean (a typo, a two-digit year): refused before it moves the clock. Two compares on the valid path.
  const b = o.bounds;
  if (!(at >= b.earliest && at < b.latest) || (o.lastAt !== null && at - o.lastAt > b.maxGap)) {
    const gap = at >= b.earliest && at < b.latest;
    const p = o.policy.limits;
    const message = gap
      ? `${e.at} is more than ${p.maxGapDays} days after the last applied event (${o.cal.localIso(o.lastAt as number)}): most likely a typo, so it is refused; if the office really was idle, widen the policy's limits.maxGapDays`
      : `${e.at} is outside the times this office's events may carry (${p.earliest} to ${p.latest}, the policy's limits.earliest and limits.latest): most likely a typo, so it is refused`;
    const refused: Issue[] = [{ code: 'time_out_of_range', path: ['at'], message }];
    // Remembered like any refusal: the gap shrinks as the log goes on, and a redelivery must be refused the same way.
    tx.begin(e.id, at);
    o.refused(tx, e.id, at, fingerprintEvent(e), refused);
    tx.commit();
    return refusal(refused.map((i) => located(i, e.id, line)));
  }
  const window = o.options.redeliveryWindowDays * DAY;
  if (o.lastAt !== null && at < o.lastAt) {
    const stale = at < o.lastAt - window;
    const last = o.cal.localIso(o.lastAt);
    const message = stale
      ? `${e.at} is more than ${o.options.redeliveryWindowDays} days before the last applied event (${last}), beyond the redelivery window: it cannot be told from a new event, so it is refused (nothing is ever applied twice)`
      : `${e.at} is earlier than the last applied event (${last}); events must be applied in time order, so it is refused`;
    return refusal([issue(e, 'out_of_order', ['at'], message, line)]);
  }
  tx.begin(e.id, at);
  const refused = dispatch(o, e);
  if (refused !== null) {
    tx.refuse();
    const issues = line === undefined ? refused : refused.map((i) => located(i, i.event, line));
    o.refused(tx, e.id, at, fingerprintEvent(e), refused.map(({ code, path, message }) => ({ code, path, message })));
    tx.commit();
    return refusal(issues);
  }
  const decisions = tx.decisions.length === 0 ? NONE : (tx.decisions.slice() as Decision[]);
  o.tell(decisions);
  tx.commit();
  o.rollSeen(tx, Math.floor(at / window));
  // The event itself, fingerprinted only if a copy comes or the state is closed.
  o.current.set(tx, e.id, e);
  tx.commit();
  o.office ??= e.office;
  o.appliedHere();
  o.lastAt = at;
  o.events++;
  return { decisions, issues: [], redelivered: false };
}

/**
 * Applies one event to an office state. Pure: the input state is never
 * changed, and only the parts the event touches are new (no whole-state
 * copy). A redelivered event (same id, same payload) changes nothing and
 * decides nothing again (no decisions; a refused one is refused again, the
 * same way); the same id with another payload, an event
 * earlier than the last one, or an event of another office is refused with
 * an issue. The event is checked against its schema first, as
 * {@link ingest} does, with the schema's defaults filled in: one the schema
 * refuses (a field missing, an amount as a number) comes back with the
 * schema's issues and the state unchanged (the TypeScript types rule it
 * out, plain JavaScript does not).
 *
 * @param state - the state to start from
 * @param event - an event (from {@link parseEvent}, {@link parseLog} or typed code)
 * @returns the next state, the decisions with their rule IDs and evidence, and any issues
 * @example
 * ```ts
 * let state = initialState();
 * const step = apply(state, { v: 1, id: 'e1', type: 'changeStaff', at: '2026-11-01T08:30:00+08:00',
 *   office: 'jz', staff: 'S01', name: '李娜' });
 * state = step.state;
 * ```
 */
export function apply(state: OfficeState, event: Event): Step {
  checkState(state, 'apply');
  if (!isDecidable(event)) return { state, decisions: NONE, issues: [notAnEvent(event, undefined)], redelivered: false };
  // The types rule out an event its schema refuses, plain JavaScript does not: checked here (a few per cent of an apply), so that it is an issue, not a TypeError deep in a family or a number taken for money.
  const parsed = parseEvent(event);
  if (!parsed.ok) return { state, decisions: NONE, issues: parsed.issues, redelivered: false };
  return applyValid(state, parsed.event);
}

/** {@link apply} on an event already validated. */
function applyValid(state: OfficeState, event: Event): Step {
  const o = new Live(state);
  const out = step(o, event);
  return { state: o.close(), decisions: out.decisions, issues: out.issues, redelivered: out.redelivered };
}

/**
 * Validates untrusted input and applies it: {@link parseEvent} then
 * {@link apply}. Bad input comes back as issues and changes nothing.
 *
 * @param state - the state to start from
 * @param input - an event object from outside (a request body, a queue message)
 * @returns the step
 * @example
 * ```ts
 * const step = ingest(state, JSON.parse(body));
 * if (step.issues.length) respond(400, step.issues);
 * ```
 */
export function ingest(state: OfficeState, input: unknown): Step {
  checkState(state, 'ingest');
  const parsed = parseEvent(input);
  if (!parsed.ok) return { state, decisions: [], issues: parsed.issues, redelivered: false };
  return applyValid(state, parsed.event);
}

/**
 * Thrown when a policy does not validate where no issues can be returned
 * ({@link replay}, {@link initialState}). Its `issues` name every bad field.
 *
 * @example
 * ```ts
 * try { replay(events, { ownership: { validityDays: { visit: -1 } } }); }
 * catch (e) { if (e instanceof PolicyError) report(e.issues); }
 * ```
 */
export class PolicyError extends Error {
  /** One issue per bad field, with its path. */
  readonly issues: Issue[];
  /**
   * Creates the error from a policy's issues.
   * @param issues - the policy's issues
   */
  constructor(issues: Issue[]) {
    super(`invalid policy: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'PolicyError';
    this.issues = issues;
  }
}

/**
 * Validates a policy. Every field left out takes its documented default.
 *
 * @param input - a policy object (or a preset's data)
 * @returns the validated policy, or one issue per bad field
 * @example
 * ```ts
 * const r = validatePolicy({ ownership: { validityDays: { visit: -3 } } });
 * r.ok; // false; r.issues[0].path: ['ownership', 'validityDays', 'visit']
 * ```
 */
export function validatePolicy(input: unknown): { ok: true; policy: Policy } | { ok: false; issues: Issue[] } {
  if (input === null) return validateTimeline(null) as { ok: false; issues: Issue[] };
  let parsed: ReturnType<typeof policySchema.safeParse>;
  try {
    parsed = policySchema.safeParse(input ?? {});
  } catch (error) {
    // A getter that throws or a Proxy: a policy built in code that cannot be read.
    return { ok: false, issues: [{ code: 'invalid_policy', path: [], message: `the policy could not be read: ${clip(error instanceof Error ? String(error.message) : 'unknown error', 300)}` }] };
  }
  return parsed.success ? { ok: true, policy: parsed.data } : { ok: false, issues: policyIssues(parsed.error) };
}

/** Validates a policy or a timeline, throwing a {@link PolicyError} that names every bad field. @internal */
export function timelineOf(input: PolicySource | undefined): Timeline {
  const r = validateTimeline(input);
  if (!r.ok) throw new PolicyError(r.issues);
  return r.timeline;
}

/** Validates engine options, throwing a {@link PolicyError} that names the bad field. @internal */
export function optionsOf(input: EngineOptionsInput | undefined): EngineOptions {
  let parsed: ReturnType<typeof engineOptionsSchema.safeParse>;
  try {
    parsed = engineOptionsSchema.safeParse(input ?? {});
  } catch (error) {
    // A getter that throws or a Proxy: options built in code that cannot be read, named like a bad field.
    const message = `the engine options could not be read: ${clip(error instanceof Error ? String(error.message) : 'unknown error', 300)}`;
    throw new PolicyError([{ code: 'invalid_policy', path: ['options'], message }]);
  }
  if (parsed.success) return parsed.data;
  throw new PolicyError(policyIssues(parsed.error, ['options']));
}

/**
 * The state of an office before any event.
 *
 * @param policy - the office's policy, or a dated timeline of policies (see `policyTimelineSchema`); omitted: every default
 * @param options - engine options (see {@link engineOptionsSchema})
 * @returns the empty state
 * @throws {@link PolicyError} when the policy or the options do not validate
 * @example
 * ```ts
 * const state = initialState({ timeZone: 'Asia/Shanghai' }, { history: 'none' });
 * ```
 */
export function initialState(policy?: PolicySource, options?: EngineOptionsInput): OfficeState {
  return freshState(timelineOf(policy), optionsOf(options));
}

/**
 * What a replay gives: the final state, every decision in order, every
 * issue, and the redeliveries left out. Each event given is applied
 * (counted in `state.events`, from a fresh state), refused (named in
 * `issues`) or listed in `redelivered`: nothing is left out unsaid.
 *
 * @example
 * ```ts
 * const { state, decisions, issues, redelivered } = replay(events, policy);
 * redelivered.map((r) => `line ${r.line}: a copy of ${r.event}, left out`);
 * ```
 */
export interface ReplayResult {
  readonly state: OfficeState;
  readonly decisions: Decision[];
  readonly issues: Issue[];
  /**
   * Exact copies of an event already applied (the same id and payload: a
   * queue's redelivery, a line pasted twice), in order, with their log line
   * when the event has one: no-ops, neither applied nor refused. A copy of a
   * refused event is refused again, and is among the issues.
   */
  readonly redelivered: readonly { readonly event: string; readonly line?: number }[];
}

/**
 * Options of a bulk replay.
 *
 * @example
 * ```ts
 * const r = replayer(initialState(policy, { history: 'none' }), { decisions: false }); // final state only
 * ```
 */
export interface ReplayerOptions {
  /** Return each event's decisions from `push` (default true). `false` builds none at all: for analytics that read only the final state. */
  readonly decisions?: boolean;
}

/**
 * Applies events one after another, in bulk: the same as repeated
 * {@link apply}, only much faster. The whole log runs on one transient
 * state; `state()` makes it persistent. Its cost is the records touched
 * since the last call, except for a map that was empty before: that one is
 * handed out as the replay filled it, and reads go straight to it. Its
 * persistent index is built only when something first changes it or walks
 * it (an {@link apply} on the state, a report in hash order), about 20 ms per
 * 100,000 keys, once.
 *
 * @example
 * ```ts
 * const r = replayer(initialState());
 * for (const event of events) r.push(event);
 * const state = r.state();
 * ```
 */
export interface Replayer {
  /**
   * Applies one event (with its log line, for issues); returns its decisions
   * and issues, and whether it was a redelivery (a no-op). The replayer keeps
   * the event object until it leaves the redelivery window or `state()` is
   * called, and fingerprints it only then or when a copy arrives: change no
   * event after pushing it (give a new object instead).
   */
  push(event: Event, line?: number): { decisions: Decision[]; issues: Issue[]; redelivered: boolean };
  /** The state so far; safe to keep, later pushes do not change it. */
  state(): OfficeState;
}

/**
 * Starts a bulk replay from a state (for streams too large to hold).
 *
 * @param from - the state to start from; it is not changed
 * @param options - whether `push` returns decisions
 * @returns a replayer
 * @example
 * ```ts
 * const r = replayer(initialState(policy, { history: 'none' }));
 * for await (const line of lines) { const p = parseLine(line, n); if (p?.ok) r.push(p.event, n); }
 * const state = r.state();
 * ```
 */
export function replayer(from: OfficeState, options: ReplayerOptions = {}): Replayer {
  checkState(from, 'replayer');
  const o = new Live(from);
  o.tx.record = options.decisions !== false || from.options.history === 'full';
  const quiet = options.decisions === false;
  return {
    push(event, line) {
      const out = step(o, event, line);
      return quiet ? { decisions: NONE, issues: out.issues, redelivered: out.redelivered } : out;
    },
    state: () => o.close(),
  };
}

/**
 * Replays a log under a policy: exactly what repeated {@link apply} gives.
 * Under a dated timeline, each event is decided under the version in force
 * at its time, and each deal keeps the terms of the version it closed under.
 *
 * @param events - the events, in time order
 * @param policy - the office's policy, or a dated timeline of policies; omitted: every default
 * @param options - engine options, e.g. `{ history: 'none' }` for very long logs
 * @returns the final state, the decisions and the issues
 * @throws {@link PolicyError} when the policy does not validate
 * @example
 * ```ts
 * const { events } = parseLog(text);
 * const { state, decisions } = replay(events, { timeZone: 'Asia/Shanghai' });
 * ```
 */
export function replay(events: Iterable<Event>, policy?: PolicySource, options?: EngineOptionsInput): ReplayResult {
  checkEvents(events, 'replay');
  return replayFrom(initialState(policy, options), events);
}

/**
 * Replays events from a given state (a snapshot, a state kept from earlier).
 *
 * @param from - the state to start from; it is not changed
 * @param events - the events, in time order
 * @param options - `{ decisions: false }` builds no decision objects (the result's `decisions` is empty), for callers that read only the state
 * @returns the final state, the decisions and the issues
 * @example
 * ```ts
 * const { state } = replayFrom(yesterday, todaysEvents);
 * ```
 */
export function replayFrom(from: OfficeState, events: Iterable<Event>, options?: ReplayerOptions): ReplayResult {
  checkState(from, 'replayFrom');
  checkEvents(events, 'replayFrom');
  const r = replayer(from, options);
  const decisions: Decision[] = [];
  const issues: Issue[] = [];
  const redelivered: { event: string; line?: number }[] = [];
  for (const event of events) {
    // Events read by parseLog know their line: refusals name it.
    const line = lineOf(event);
    const out = r.push(event, line);
    for (const d of out.decisions) decisions.push(d);
    for (const i of out.issues) issues.push(i);
    if (out.redelivered && out.issues.length === 0) redelivered.push(copyOf(event, line));
  }
  return { state: r.state(), decisions, issues, redelivered };
}

/** A redelivery as a replay names it: the event's id, and its log line when it has one. */
function copyOf(event: Event, line: number | undefined): { event: string; line?: number } {
  return line === undefined ? { event: event.id } : { event: event.id, line };
}

/**
 * What {@link asOf} gives: the state as the register stood at a time, the
 * decisions and issues of the events up to then, how many later events were
 * left out, and the view options that read the state at that time.
 *
 * @example
 * ```ts
 * const march3 = asOf(events, '2026-03-03', policy);
 * owners(march3.state, march3.view); // the register as it stood at the end of 3 March
 * ```
 */
export interface AsOf extends ReplayResult {
  /** The time asked about, as ISO-8601 in the office's zone. */
  readonly at: string;
  /** Valid events after `at`, left out. */
  readonly later: number;
  /** `{ lookAhead: at }`: pass it to the views so that protections ending between the last event and `at` show as lapsed. */
  readonly view: { readonly lookAhead: string };
}

/**
 * Time travel: the office as it stood at a time, from the events up to that
 * time only. It is a replay of the events at or before `at` (in log order;
 * later ones are left out, as if they had not happened yet), so it costs
 * what a replay of that part of the log costs: there is no shortcut from a
 * later state, which has forgotten what it replaced. Read the result with
 * `result.view`, which judges lapses at `at` and not at the last event.
 *
 * @param events - the log
 * @param at - an ISO-8601 instant with an offset, a local date-time in the office's zone (`2026-03-03T18:00`), or a date (`2026-03-03`: the end of that day)
 * @param policy - the office's policy or dated timeline; omitted: every default
 * @param options - engine options
 * @returns the state at `at`, its decisions and issues, and the view options for it
 * @throws {@link PolicyError} when the policy does not validate
 * @throws RangeError when `at` is not a time
 * @example
 * ```ts
 * const then = asOf(events, '2026-11-02T18:00', policy);
 * ownerOf(then.state, '13812345678', then.view); // undefined: the client first came on 11-03
 * ```
 */
export function asOf(events: Iterable<Event>, at: string, policy?: PolicySource, options?: EngineOptionsInput): AsOf {
  return asOfFrom(initialState(policy, options), events, at);
}

/**
 * The last instant a time asked about covers, in an office's zone: a date
 * alone means the whole day, up to its last millisecond.
 * @throws RangeError when it is not a time
 * @internal
 */
export function cutOf(at: string, zone: string): { ms: number; iso: string } {
  const ms = readTime(at, zone);
  return { ms, iso: calendarOf(zone).localIso(ms) };
}

/** {@link asOf} from a given state (an office's fresh state). @internal */
export function asOfFrom(from: OfficeState, events: Iterable<Event>, at: string): AsOf {
  checkEvents(events, 'asOf');
  const { ms: cut, iso } = cutOf(at, from.policy.timeZone);
  const r = replayer(from);
  const decisions: Decision[] = [];
  const issues: Issue[] = [];
  const redelivered: { event: string; line?: number }[] = [];
  let later = 0;
  for (const event of events) {
    if (instantMs(event.at) > cut) {
      later++;
      continue;
    }
    const line = lineOf(event);
    const out = r.push(event, line);
    for (const d of out.decisions) decisions.push(d);
    for (const i of out.issues) issues.push(i);
    if (out.redelivered && out.issues.length === 0) redelivered.push(copyOf(event, line));
  }
  return { state: r.state(), decisions, issues, redelivered, at: iso, later, view: { lookAhead: iso } };
}

/**
 * Checks that a replay was given a list of events, not a log's text or the
 * whole result of `parseLog` (whose issues the caller must not lose).
 * @throws TypeError naming what was given and what to pass
 */
function checkEvents(events: unknown, where: string): void {
  const want = `${where} takes a list of events`;
  if (typeof events === 'string') throw new TypeError(`${want}, not a log's text: parseLog(text) reads it into { events, issues }`);
  if (isIterable(events)) return;
  if (isRecord(events) && 'events' in events && 'issues' in events) throw new TypeError(`${want}: parseLog returns { events, issues }, pass its events (and report its issues)`);
  throw new TypeError(`${want} (an array or another iterable), not ${describeValue(events)}`);
}
