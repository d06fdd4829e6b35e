import { expect } from 'vitest';
import { apply, toSnapshot, type Decision, type Event, type Issue, type OfficeState } from '../../src/index.js';

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
  // A map a replay handed out keeps its entries in a Map until its trie is built: freeze those too.
  if (value instanceof Map) for (const v of value.values()) deepFreeze(v, seen);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key], seen);
  return Object.freeze(value);
}

/**
 * The domain state did not move: every slice is the very same object. A
 * refused event changes only the memory of its id (a redelivery is refused
 * the same way), so `seen` is left out.
 */
export function expectUnchanged(after: OfficeState, before: OfficeState): void {
  for (const k of ['policy', 'options', 'office', 'lastAt', 'events', 'staff', 'identity', 'ownership', 'rotation', 'deals', 'history'] as const) expect(after[k], k).toBe(before[k]);
}

/** A snapshot of the domain: everything but the memory of ids seen (which records refusals too). */
export function domainSnapshot(state: OfficeState): unknown {
  const snap = toSnapshot(state) as { state: Record<string, unknown> };
  const { seen: _seen, ...rest } = snap.state;
  return rest;
}
