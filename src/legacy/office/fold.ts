/**
 * The office fold: one event at a time, through the reducer of its type,
 * with the envelope rules every event obeys (office, redelivery, order).
 */
import { beginEdit, endEdit, get, set, type Edit } from '../_lib/pmap.js';
import { canonicalJson, hash53 } from '../../kernel/hash.js';
import { calendarOf } from '../../kernel/time.js';
import type { Decision } from '../decisions.js';
import { parseEvent } from '../../events/parse.js';
import type { Event, EventOf, EventType } from '../../events/schema.js';
import type { Issue } from '../../kernel/issues.js';
import { policySchema, type Policy, type PolicyInput } from '../../policy/schema.js';
import type { Ctx } from './context.js';
import { claimClient, recordFollowUp } from './claims.js';
import { closeDeal, refund, setTargets, splitDeal } from './deals.js';
import { changeStaff } from './people.js';
import { assignDuty, endReception, setRotationPenalty } from './queue.js';
import { announceDeveloperContacts, assignClient, fileComplaint, issueRuling, linkClients, raiseDispute } from './rulings.js';
import { engineOptionsSchema, freshState, type EngineOptions, type EngineOptionsInput, type OfficeState, type Step } from './state.js';
import { registerCall, registerVisit } from './visits.js';

type Reducer<T extends EventType> = (state: OfficeState, event: EventOf<T>, ctx: Ctx) => Step;

const reducers: { [T in EventType]: Reducer<T> } = {
  changeStaff,
  registerVisit,
  registerCall,
  claimClient,
  recordFollowUp,
  raiseDispute,
  issueRuling,
  fileComplaint,
  assignClient,
  linkClients,
  announceDeveloperContacts,
  closeDeal,
  refund,
  endReception,
  assignDuty,
  setRotationPenalty,
  splitDeal,
  setTargets,
};

function issue(event: Event, code: Issue['code'], path: Issue['path'], message: string): Issue {
  return { code, path, message, event: event.id };
}

/** Applies one event, optionally under a bulk edit (replay). @internal */
export function applyWith(state: OfficeState, event: Event, edit: Edit | undefined): Step {
  const office = state.office;
  if (office !== null && event.office !== office) {
    return { state, decisions: [], issues: [issue(event, 'office_mismatch', ['office'], `event of office "${event.office}" in the state of office "${office}"`)] };
  }
  const fingerprint = hash53(canonicalJson(event));
  const seen = get(state.seen, event.id);
  if (seen !== undefined) {
    if (seen === fingerprint) return { state, decisions: [], issues: [] };
    return { state, decisions: [], issues: [issue(event, 'duplicate_conflict', ['id'], `event id "${event.id}" was already applied with a different payload; the first one stands`)] };
  }
  const at = Date.parse(event.at);
  if (state.lastAt !== null && at < state.lastAt) {
    const calendar = calendarOf(state.policy.timeZone);
    return {
      state,
      decisions: [],
      issues: [issue(event, 'out_of_order', ['at'], `${event.at} is earlier than the last applied event (${calendar.localIso(state.lastAt)}); events must be applied in time order, so it is refused`)],
    };
  }
  const ctx: Ctx = { policy: state.policy, calendar: calendarOf(state.policy.timeZone), event, at, edit, keepHistory: state.options.history === 'full' };
  const reducer = reducers[event.type] as Reducer<EventType>;
  const step = reducer(state, event, ctx);
  if (step.issues.length > 0) return { state, decisions: [], issues: step.issues };
  const next: OfficeState = {
    ...step.state,
    office: office ?? event.office,
    lastAt: at,
    events: state.events + 1,
    seen: set(state.seen, event.id, fingerprint, edit),
  };
  return { state: next, decisions: step.decisions, issues: [] };
}

/**
 * Applies one event to an office state. Pure: the input state is never
 * changed, and only the parts the event touches are new (no whole-state
 * copy). A redelivered event (same id, same payload) is a no-op; the same id
 * with another payload, an event earlier than the last one, or an event of
 * another office is refused with an issue and changes nothing.
 *
 * @param state - the state to start from
 * @param event - a valid event (from {@link parseEvent}, {@link parseLog} or typed code)
 * @returns the next state, the decisions with their traces, and any issues
 * @example
 * ```ts
 * let state = initialState();
 * const step = apply(state, { v: 1, id: 'e1', type: 'changeStaff', at: '2026-11-01T08:30:00+08:00',
 *   office: 'jz', staff: 'S01', name: '李娜' });
 * state = step.state;
 * ```
 */
export function apply(state: OfficeState, event: Event): Step {
  return applyWith(state, event, undefined);
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
  const parsed = parseEvent(input);
  if (!parsed.ok) return { state, decisions: [], issues: parsed.issues };
  return apply(state, parsed.event);
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
  const parsed = policySchema.safeParse(input ?? {});
  if (parsed.success) return { ok: true, policy: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => ({
      code: 'invalid_policy' as const,
      path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
      message: i.message,
    })),
  };
}

function policyOf(input: PolicyInput | Policy | undefined): Policy {
  const r = validatePolicy(input);
  if (!r.ok) throw new PolicyError(r.issues);
  return r.policy;
}

/**
 * The state of an office before any event.
 *
 * @param policy - the office's policy; omitted: every default
 * @param options - engine options (see {@link engineOptionsSchema})
 * @returns the empty state
 * @throws {@link PolicyError} when the policy or the options do not validate
 * @example
 * ```ts
 * const state = initialState({ timeZone: 'Asia/Shanghai' });
 * ```
 */
export function initialState(policy?: PolicyInput, options?: EngineOptionsInput): OfficeState {
  return freshState(policyOf(policy), optionsOf(options));
}

/** Validates engine options, throwing a {@link PolicyError} that names the bad field. @internal */
export function optionsOf(input: EngineOptionsInput | undefined): EngineOptions {
  const parsed = engineOptionsSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  throw new PolicyError(parsed.error.issues.map((i) => ({ code: 'invalid_policy' as const, path: ['options', ...i.path.map((p) => (typeof p === 'number' ? p : String(p)))], message: i.message })));
}

/**
 * What a replay gives: the final state, every decision in order, and every issue.
 *
 * @example
 * ```ts
 * const { state, decisions, issues } = replay(events, policy);
 * ```
 */
export interface ReplayResult {
  readonly state: OfficeState;
  readonly decisions: Decision[];
  readonly issues: Issue[];
}

/**
 * Applies events one after another, in bulk. The same as repeated
 * {@link apply}, only faster: internal nodes built during the replay are
 * updated in place until it ends.
 *
 * @example
 * ```ts
 * const r = replayer(initialState());
 * for (const event of events) r.push(event);
 * const state = r.state();
 * ```
 */
export interface Replayer {
  /** Applies one event; returns its decisions and issues. */
  push(event: Event): { decisions: Decision[]; issues: Issue[] };
  /** The state so far; safe to keep, later pushes do not change it. */
  state(): OfficeState;
}

/**
 * Starts a bulk replay from a state (for streams too large to hold).
 *
 * @param from - the state to start from
 * @returns a replayer
 * @example
 * ```ts
 * const r = replayer(initialState(policy));
 * for await (const event of stream) r.push(event);
 * ```
 */
export function replayer(from: OfficeState): Replayer {
  let current = from;
  let edit = beginEdit();
  return {
    push(event) {
      const step = applyWith(current, event, edit);
      current = step.state;
      return { decisions: step.decisions, issues: step.issues };
    },
    state() {
      endEdit(edit);
      edit = beginEdit();
      return current;
    },
  };
}

/**
 * Replays a log under a policy: exactly what repeated {@link apply} gives.
 *
 * @param events - the events, in time order
 * @param policy - the office's policy; omitted: every default
 * @param options - engine options, e.g. `{ history: 'none' }` for very long logs
 * @returns the final state, the decisions and the issues
 * @throws {@link PolicyError} when the policy does not validate
 * @example
 * ```ts
 * const { events } = parseLog(text);
 * const { state, decisions } = replay(events, { timeZone: 'Asia/Shanghai' });
 * ```
 */
export function replay(events: Iterable<Event>, policy?: PolicyInput, options?: EngineOptionsInput): ReplayResult {
  return replayFrom(initialState(policy, options), events);
}

/**
 * Replays events from a given state (a snapshot, a state kept from earlier).
 *
 * @param from - the state to start from; it is not changed
 * @param events - the events, in time order
 * @returns the final state, the decisions and the issues
 * @example
 * ```ts
 * const { state } = replayFrom(yesterday, todaysEvents);
 * ```
 */
export function replayFrom(from: OfficeState, events: Iterable<Event>): ReplayResult {
  const r = replayer(from);
  const decisions: Decision[] = [];
  const issues: Issue[] = [];
  for (const event of events) {
    const step = r.push(event);
    decisions.push(...step.decisions);
    issues.push(...step.issues);
  }
  return { state: r.state(), decisions, issues };
}
