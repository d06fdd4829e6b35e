import { apply, type Decision, type Event, type Issue, type OfficeState } from '../../src/index.js';

/** Folds events one `apply` at a time (the reference for bulk replay). */
export function foldAll(from: OfficeState, events: readonly Event[]): { state: OfficeState; decisions: Decision[]; issues: Issue[] } {
  let state = from;
  const decisions: Decision[] = [];
  const issues: Issue[] = [];
  for (const e of events) {
    const step = apply(state, e);
    state = step.state;
    decisions.push(...step.decisions);
    issues.push(...step.issues);
  }
  return { state, decisions, issues };
}

/** Freezes a value and everything reachable from it. */
export function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key], seen);
  return Object.freeze(value);
}
