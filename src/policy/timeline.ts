/**
 * Policies over time: an office's policy as dated versions. Each version is
 * a whole policy in force from its instant (in the office's zone) until the
 * next one; the engine decides every event under the version in force at
 * the event's time.
 */
import { z } from 'zod';
import { fromZod, type Issue } from '../kernel/issues.js';
import { calendarOf, instantMs, localInstant, skippedMessage } from '../kernel/time.js';
import { policySchema, type Policy, type PolicyInput } from './schema.js';

/**
 * One dated version of a policy: a label, the instant it takes effect, and
 * the policy itself (any field left out takes its default).
 *
 * @example
 * ```ts
 * policyVersionSchema.parse({ id: '2027 rates', from: '2027-01-01', policy: { deals: { commission: { rates: { neither: '2', one: '2.2', both: '2.5', above: '2.8' } } } } });
 * ```
 */
export const policyVersionSchema = z.strictObject({
  id: z.string().trim().min(1).max(100).optional().describe('A label for the version, shown by explain and compare; default v1, v2, ...'),
  from: z
    .union([z.string(), z.number().int()])
    .nullable()
    .optional()
    .describe(
      'When the version takes effect, in the office\'s zone: a date ("2026-12-01", from the start of that day), a local date-time ("2026-12-01T09:00"), an ISO-8601 instant with an offset, or epoch milliseconds. Left out (or null) on the first version only, which is in force from the start.',
    ),
  policy: policySchema.describe('The policy of this version, whole: nothing is inherited from the version before.'),
});

/**
 * A policy timeline: versions in the order they take effect. The first has
 * no `from`; each later one has a `from` after the one before. All versions
 * share the office's time zone and office id.
 *
 * @example
 * ```ts
 * const timeline = { versions: [{ policy: presetPolicy('jiuzhou') }, { id: 'new split', from: '2026-12-01', policy: mine }] };
 * const { state } = replay(events, timeline);
 * ```
 */
export const policyTimelineSchema = z.strictObject({
  versions: z.array(policyVersionSchema).min(1).max(1000).readonly().describe('The versions, in the order they take effect.'),
});

/**
 * A policy timeline as written: each version a policy input, `from` a date,
 * local date-time or instant in the office's zone (or epoch ms).
 *
 * @example
 * ```ts
 * const dated: PolicyTimelineInput = { versions: [{ policy: {} }, { id: 'v2', from: '2026-12-01', policy: { ownership: { validityDays: { visit: 15 } } } }] };
 * ```
 */
export type PolicyTimelineInput = z.input<typeof policyTimelineSchema>;

/**
 * What the engine takes as an office's rules: one policy (in force for the
 * whole log) or a dated timeline of them.
 *
 * @example
 * ```ts
 * const rules: PolicySource = presetPolicy('jiuzhou'); // or { versions: [...] }
 * createOffice(rules);
 * ```
 */
export type PolicySource = PolicyInput | PolicyTimelineInput;

/**
 * A validated version: its label, the epoch ms it takes effect (null for the
 * first, in force from the start) and its policy, every default filled in.
 *
 * @example
 * ```ts
 * // { id: 'v2', from: 1795968000000, policy: { name: 'new split', ... } }
 * ```
 */
export interface PolicyVersion {
  readonly id: string;
  readonly from: number | null;
  readonly policy: Policy;
}

/**
 * A validated timeline: at least one version, in the order they take effect.
 * A plain policy is a timeline of one version.
 *
 * @example
 * ```ts
 * state.timeline.versions.map((v) => v.id); // ['v1', 'v2']
 * ```
 */
export interface Timeline {
  readonly versions: readonly PolicyVersion[];
}

/**
 * Whether input is written as a timeline (a policy has no `versions` field).
 *
 * @param input - a policy or a timeline, as written
 * @example
 * ```ts
 * isTimelineInput({ versions: [{ policy: {} }] }); // true
 * isTimelineInput({ ownership: {} }); // false
 * ```
 * @internal
 */
export function isTimelineInput(input: unknown): input is PolicyTimelineInput {
  return typeof input === 'object' && input !== null && 'versions' in input;
}


/**
 * The issues of a policy (or engine options) that zod refused, every one
 * `invalid_policy`: at most 100, since a policy built in code may hold
 * thousands of bad entries.
 *
 * @param error - zod's error
 * @param prefix - prepended to every path (`['options']`)
 * @example
 * ```ts
 * const r = policySchema.safeParse({ ownrship: {} });
 * if (!r.success) policyIssues(r.error); // [{ code: 'invalid_policy', path: ['ownrship'], message: 'unknown field "ownrship"' }]
 * ```
 * @internal
 */
export function policyIssues(error: z.ZodError, prefix: readonly (string | number)[] = []): Issue[] {
  return fromZod(error.issues.slice(0, 100), 'invalid_policy', prefix);
}

/**
 * A timeline of one policy, in force from the start.
 *
 * @param policy - a validated policy
 * @example
 * ```ts
 * single(policySchema.parse({})).versions.length; // 1
 * ```
 * @internal
 */
export function single(policy: Policy): Timeline {
  return { versions: [{ id: 'v1', from: null, policy }] };
}

/**
 * Whether an instant is one a policy's events may carry: from its
 * `limits.earliest` (inclusive) to its `limits.latest` (exclusive).
 * @internal
 */
export function withinLimits(ms: number, policy: Policy): boolean {
  return ms >= instantMs(policy.limits.earliest) && ms < instantMs(policy.limits.latest);
}

// Below this a number is far more likely epoch seconds than milliseconds (1e11 ms is March 1973).
const SECONDS_BELOW = 1e11;

/**
 * Why a version's `from` is no time its events could carry (outside its
 * `limits.earliest` to `limits.latest`, the range event times are held to),
 * or null when it is one. A typo (`1026-10-10`, `2260-10-10`) or epoch
 * seconds for milliseconds would otherwise put the change where no event
 * reaches it, or before every event, silently.
 */
function outsideLimits(written: string | number, from: number, policy: Policy): string | null {
  if (withinLimits(from, policy)) return null;
  const { earliest, latest } = policy.limits;
  const shown = typeof written === 'number' ? String(written) : `"${written}"`;
  const why = `${shown} is outside the times this version's events may carry (${earliest} to ${latest}, its limits.earliest and limits.latest): most likely a typo`;
  if (typeof written !== 'number' || written <= 0 || written >= SECONDS_BELOW) return why;
  const ms = written * 1000;
  const meant = ms >= instantMs(earliest) && ms < instantMs(latest) ? ` (${ms} is ${calendarOf(policy.timeZone).localIso(ms)})` : '';
  return `${why}; a number is epoch milliseconds, not seconds${meant}`;
}

/** `null` for a policy: most often a missing database row or JSON field, so it is refused rather than read as every default (leave the policy out for that). */
const nullPolicy: Issue = { code: 'invalid_policy', path: [], message: 'the policy is null: pass a policy object, or leave it out (undefined) for every default' };

/**
 * Validates a policy or a dated timeline of policies; a policy is a
 * timeline of one version. Beyond each version's own fields: the first
 * version has no `from`, every later one has a `from` after the one before
 * (read in the office's zone) and within its own `limits` (like an event's
 * time), ids are unique, and all versions share the first one's time zone
 * and office.
 *
 * @param input - a policy, or `{ versions: [...] }`
 * @returns the timeline, `from` as epoch ms, or one issue per bad field
 * @example
 * ```ts
 * const r = validateTimeline({ versions: [{ policy: {} }, { from: '2026-12-01', policy: { ownership: { validityDays: { visit: 15 } } } }] });
 * if (r.ok) r.timeline.versions[1]?.from; // 1796054400000: 2026-12-01 00:00 in Asia/Shanghai
 * ```
 */
export function validateTimeline(input: unknown): { ok: true; timeline: Timeline } | { ok: false; issues: Issue[] } {
  if (input === null) return { ok: false, issues: [nullPolicy] };
  if (!isTimelineInput(input)) {
    const parsed = policySchema.safeParse(input ?? {});
    return parsed.success ? { ok: true, timeline: single(parsed.data) } : { ok: false, issues: policyIssues(parsed.error) };
  }
  const parsed = policyTimelineSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: policyIssues(parsed.error) };
  const issues: Issue[] = [];
  const bad = (path: (string | number)[], message: string) => issues.push({ code: 'invalid_policy', path, message });
  const [first] = parsed.data.versions;
  const zone = first?.policy.timeZone ?? 'Asia/Shanghai';
  const ids = new Set<string>();
  const versions: PolicyVersion[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  parsed.data.versions.forEach((v, i) => {
    const id = v.id ?? `v${i + 1}`;
    if (ids.has(id)) bad(['versions', i, 'id'], `the id "${id}" is used by an earlier version`);
    ids.add(id);
    if (v.policy.timeZone !== zone) bad(['versions', i, 'policy', 'timeZone'], `every version counts days in the office's zone ${zone}; a timeline cannot change it`);
    if (v.policy.office !== first?.policy.office) bad(['versions', i, 'policy', 'office'], 'every version belongs to the same office');
    let from: number | null = null;
    if (i === 0) {
      if (v.from !== undefined && v.from !== null) bad(['versions', 0, 'from'], 'the first version is in force from the start: leave out from');
    } else if (v.from === undefined || v.from === null) {
      bad(['versions', i, 'from'], 'say when this version takes effect, e.g. "2026-12-01"');
    } else {
      from = typeof v.from === 'number' ? v.from : localInstant(v.from, zone);
      const outside = Number.isNaN(from) ? null : outsideLimits(v.from, from, v.policy);
      if (Number.isNaN(from)) bad(['versions', i, 'from'], skippedMessage(String(v.from), zone) ?? `"${v.from}" is not a time: use 2026-12-01, 2026-12-01T09:00 (office time) or 2026-12-01T09:00:00+08:00`);
      else if (outside !== null) bad(['versions', i, 'from'], outside);
      else if (from <= previous) bad(['versions', i, 'from'], `"${v.from}" is not after the version before it: versions are listed in the order they take effect`);
      else previous = from;
    }
    versions.push({ id, from, policy: v.policy });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, timeline: { versions } };
}

/**
 * The index of the version in force at an instant: the last one that took
 * effect at or before it. Timelines are short; the fold asks only when an
 * event leaves the current version's span.
 * @internal
 */
export function versionAt(timeline: Timeline, ms: number): number {
  const v = timeline.versions;
  let i = v.length - 1;
  while (i > 0 && (v[i]?.from ?? Number.NEGATIVE_INFINITY) > ms) i--;
  return i;
}

/**
 * The policy in force at an instant.
 *
 * @param timeline - a validated timeline
 * @param ms - the instant, epoch ms
 * @returns the policy of the version in force then ({@link versionAt})
 * @internal
 */
export function policyIn(timeline: Timeline, ms: number): Policy {
  return (timeline.versions[versionAt(timeline, ms)] as PolicyVersion).policy;
}

/**
 * A reader of one section of the policy in force at any instant, for a rule
 * family that judges a moment other than its current event's (the queue's
 * midnights, ROT-CARRY and ROT-DUTY; a pre-launch claim's days, fixed at its
 * grant). Undefined for a timeline of one version, where the section is the
 * family's own slice and no look-up is needed.
 *
 * @param timeline - a validated timeline
 * @param section - the family's section of a policy
 * @returns the reader, or undefined for a single version
 * @internal
 */
export function sectionAt<S>(timeline: Timeline, section: (policy: Policy) => S): ((ms: number) => S) | undefined {
  return timeline.versions.length > 1 ? (ms) => section(policyIn(timeline, ms)) : undefined;
}

const keys = new WeakMap<Policy, string>();

/** A policy's content as a string: validated policies have their fields in schema order. */
function keyOf(policy: Policy): string {
  let key = keys.get(policy);
  if (key === undefined) {
    key = JSON.stringify(policy);
    keys.set(policy, key);
  }
  return key;
}

function sameVersion(a: PolicyVersion | undefined, b: PolicyVersion | undefined): boolean {
  return a !== undefined && b !== undefined && a.from === b.from && (a.policy === b.policy || keyOf(a.policy) === keyOf(b.policy));
}

/** The versions of a timeline that took effect at or before an instant (null: none, a state without events). */
function pastOf(timeline: Timeline, lastAt: number | null): readonly PolicyVersion[] {
  if (lastAt === null) return [];
  return timeline.versions.slice(0, versionAt(timeline, lastAt) + 1);
}

/**
 * Whether a timeline can go on from a state built under another: the
 * versions in force up to the state's last event are the same (same
 * instants, same policies), so no decision already made would have been
 * made differently. A state without events goes on under anything.
 * @internal
 */
export function continues(built: Timeline, lastAt: number | null, next: Timeline): boolean {
  if (built === next) return true;
  const past = pastOf(built, lastAt);
  if (past.length === 0) return true;
  const other = pastOf(next, lastAt);
  return past.length === other.length && past.every((v, i) => sameVersion(v, other[i]));
}

/**
 * The timeline of a state switched to another from its last event on: its
 * own versions up to then (as they were, the one that decided the last
 * event included: the past stays decided), then the new timeline's version
 * in force just after, taking effect 1 ms after the last event, and the new
 * timeline's later versions. Replayed under it, the log gives the state
 * back; an event at the last event's very instant, applied after the
 * switch, is decided under the version that decided the last event, as such
 * a replay would decide it. Where that version already has the new policy,
 * no version is added, so switching on every event does not grow the
 * timeline. Added versions labelled `v<n>` (the default labels) are
 * renumbered to their place; others keep their label, made unique.
 * @internal
 */
export function switchTimeline(built: Timeline, lastAt: number | null, next: Timeline): Timeline {
  if (lastAt === null || continues(built, lastAt, next)) return next;
  const past = pastOf(built, lastAt);
  const from = lastAt + 1;
  const now = next.versions[versionAt(next, from)] as PolicyVersion;
  const later = next.versions.filter((v) => v.from !== null && v.from > from);
  const last = past[past.length - 1] as PolicyVersion;
  const same = last.policy === now.policy || keyOf(last.policy) === keyOf(now.policy);
  const added = [...(same ? [] : [{ ...now, from }]), ...later];
  const ids = new Set(past.map((v) => v.id));
  const versions = [...past];
  for (const v of added) {
    const base = /^v\d+$/.test(v.id) ? `v${versions.length + 1}` : v.id;
    let id = base;
    for (let k = 2; ids.has(id); k++) id = `${base} (${k})`;
    ids.add(id);
    versions.push(id === v.id ? v : { ...v, id });
  }
  return { versions };
}

/** The first leaf where two JSON values differ, with both sides (keys in sorted order), or null when they are alike. */
function firstDifference(a: unknown, b: unknown, path: (string | number)[]): { path: (string | number)[]; a: unknown; b: unknown } | null {
  const object = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (object(a) && object(b) && Array.isArray(a) === Array.isArray(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const d = firstDifference(a[key], b[key], [...path, Array.isArray(a) ? Number(key) : key]);
      if (d !== null) return d;
    }
    return null;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? null : { path, a, b };
}

/**
 * Where the versions in force up to a state's last event first differ
 * between the timeline it was built under and another, as a phrase for a
 * message: the version's label and the field, with both values. Null when
 * they do not differ in a policy field (a date or a number of versions).
 * @internal
 */
export function describeDifference(built: Timeline, lastAt: number | null, next: Timeline): string | null {
  const past = pastOf(built, lastAt);
  const other = pastOf(next, lastAt);
  for (let i = 0; i < Math.min(past.length, other.length); i++) {
    const d = firstDifference((past[i] as PolicyVersion).policy, (other[i] as PolicyVersion).policy, []);
    if (d === null) continue;
    const show = (v: unknown) => (v === undefined ? 'nothing' : clipped(JSON.stringify(v)));
    return `${(past[i] as PolicyVersion).id} differs at ${d.path.join('.') || '(root)'}: ${show(d.a)} in the state, ${show(d.b)} in this office`;
  }
  return null;
}

function clipped(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** A short description of the versions in force up to an instant, for messages. @internal */
export function describePast(timeline: Timeline, lastAt: number | null): string {
  return pastOf(timeline, lastAt)
    .map((v) => `${v.id} "${v.policy.name}"`)
    .join(', ');
}
