/**
 * A policy of `null`: what a CRM backend reads from a database row or a JSON
 * field that holds none. It was taken for "every default", so an office
 * whose policy went missing ran silently under defaults (no validity
 * window, OWN-VALIDITY); it is refused, as the JSON Schema refuses it, and
 * leaving the policy out still means every default.
 */
import { describe, expect, it } from 'vitest';
import { createOffice, formatIssue, replay, validatePolicy, validateTimeline, PolicyError } from '../../src/index.js';

describe('a policy of null', () => {
  it('given null, when an office is created, then an invalid_policy issue says to pass a policy or leave it out', () => {
    const r = createOffice(null);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([expect.objectContaining({ code: 'invalid_policy', path: [] })]);
    expect(formatIssue(r.issues[0]!)).toMatch(/the policy is null: pass a policy object, or leave it out/);
  });

  it('given null, then validatePolicy and validateTimeline refuse it and replay throws a PolicyError', () => {
    expect(validatePolicy(null).ok).toBe(false);
    expect(validateTimeline(null).ok).toBe(false);
    expect(() => replay([], null as never)).toThrow(PolicyError);
  });

  it('given no policy at all, then every default, as before', () => {
    expect(createOffice().ok).toBe(true);
    expect(createOffice(undefined).ok).toBe(true);
    expect(validatePolicy(undefined).ok).toBe(true);
  });
});
