/**
 * Snapshots: an office state as plain JSON and back, so a CRM can persist
 * its state and resume, and tests can compare states.
 */
import { z } from 'zod';
import { countSchema, keySchema, mapSchema, msSchema } from '../kernel/codec.js';
import { clip, describeValue, fromZod, issueSchema, type Issue } from '../kernel/issues.js';
import { anyOrder, emptyMap, isMap, sortedEntries } from '../kernel/map.js';
import { validateTimeline, withinLimits, type Timeline } from '../policy/timeline.js';
import { isChain, keys } from '../kernel/chain.js';
import { dealsSliceSchema } from '../deals/state.js';
import { identitySliceSchema } from '../identity/state.js';
import { NO_EXTRA, ownershipSliceSchema, waivedAsOld } from '../ownership/state.js';
import { rotationSliceSchema } from '../rotation/state.js';
import { staffSliceSchema } from '../staff/state.js';
import { periodsSliceSchema } from '../periods/state.js';
import { compileFast, NOT_FAST } from '../events/fast.js';
import { decisionSchema, type Decision } from './decisions.js';
import { checkState, engineOptionsSchema, type Ahead, type OfficeState, type Seen, type Story } from './state.js';

const FORMAT = 'salesfloor-state';
const VERSION = 5;
/**
 * Version 2 held one policy; it reads as a timeline of one version. Versions
 * 2 and 3 kept a do-not-call client's follow-up deadline and read the
 * exemption when judging (OWN-FOLLOWUP, 004h §9); from 4 a waived deadline is
 * null, and older ones read as waived under the version in force. Version 5
 * keeps the standings at each period's end (the scorecard's columns in force);
 * older ones read with none, so their past periods show those columns as
 * they stand now.
 */
const READS = [2, 3, 4, 5] as const;

/** A state of a version before 5, with the standings it did not keep: none. */
function withStandings(state: object): object {
  const periods = (state as { periods?: unknown }).periods;
  if (typeof periods !== 'object' || periods === null || Array.isArray(periods) || 'standings' in periods) return state;
  return Object.assign({}, state, { periods: Object.assign({}, periods, { standings: { $map: [] } }) });
}

/**
 * A snapshot: JSON-safe, deterministic (maps sorted by key), versioned. The
 * policy is kept as the timeline (every version, with the instant it takes
 * effect) and the index of the version in force at the last event, so a
 * restored state goes on deciding each event under the right version.
 *
 * @example
 * ```ts
 * // { format: 'salesfloor-state', version: 5, state: { timeline: { versions: [...] }, version: 0, seen: {...}, ownership: { files: { $map: [...] } }, ... } }
 * ```
 */
export interface Snapshot {
  readonly format: typeof FORMAT;
  readonly version: typeof VERSION;
  readonly state: unknown;
}

function isStory(value: unknown): value is Story {
  return typeof value === 'object' && value !== null && 'd' in value && 'prev' in value && Object.keys(value).length === 2;
}


function encode(value: unknown): unknown {
  // The extra record most files share stays one object when read back.
  if (value === NO_EXTRA) return { $shared: 'noExtra' };
  if (isMap(value)) return { $map: sortedEntries(value).map(([k, v]) => [k, encode(v)]) };
  // A key list as a set: the same additions in any order are the same state.
  if (isChain(value)) return { $keys: keys(value).sort() };
  if (isStory(value)) {
    const story: unknown[] = [];
    for (let s: Story | null = value; s !== null; s = s.prev) story.push(encode(s.d));
    return { $story: story.reverse() };
  }
  if (Array.isArray(value)) return value.map(encode);
  if (typeof value === 'object' && value !== null) {
    // Keys sorted: the same record gives the same text however it was built (read back from a snapshot, copied, made fresh).
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(record).sort()) if (record[k] !== undefined) out[k] = encode(record[k]);
    return out;
  }
  return value;
}

/**
 * Turns a state into a JSON-safe snapshot. Equal states give equal snapshots.
 *
 * @param state - the office state
 * @returns the snapshot (pass it to `JSON.stringify`)
 * @example
 * ```ts
 * await writeFile('office.json', JSON.stringify(toSnapshot(state)));
 * ```
 */
export function toSnapshot(state: OfficeState): Snapshot {
  checkState(state, 'toSnapshot');
  // The policy in force is the timeline's version: not written twice.
  const { policy: _inForce, ...rest } = state;
  const timeline = { versions: state.timeline.versions.map((v) => ({ id: v.id, from: v.from, policy: v.policy })) };
  return { format: FORMAT, version: VERSION, state: encode({ ...rest, timeline }) };
}

const fingerprintSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const seenSchema: z.ZodType<Seen, unknown> = z.union([
  fingerprintSchema,
  z.strictObject({ fingerprint: fingerprintSchema, refused: z.array(issueSchema.strict()).min(1) }),
]);

const aheadSchema: z.ZodType<Ahead, unknown> = z.strictObject({ fingerprint: fingerprintSchema, refused: z.array(issueSchema.strict()).min(1), epoch: countSchema });

// Stories hold most of a snapshot's records: decisions are read by the fast path compiled from their schema, zod words the issues.
const fastDecision = compileFast(decisionSchema);

const storySchema: z.ZodType<Story, unknown> = z
  .strictObject({ $story: z.array(z.unknown()).min(1) })
  .transform(({ $story }, ctx) => {
    let story: Story | null = null;
    for (const [i, item] of $story.entries()) {
      let d = fastDecision(item);
      if (d === NOT_FAST) {
        const parsed = decisionSchema.safeParse(item);
        if (!parsed.success) {
          for (const issue of parsed.error.issues.slice(0, 5)) ctx.issues.push({ ...issue, path: ['$story', i, ...issue.path], input: undefined });
          return z.NEVER;
        }
        d = parsed.data;
      }
      story = { d: d as Decision, prev: story };
    }
    return story as Story;
  });

/**
 * The state of a snapshot, slice by slice; the timeline and the options are
 * checked by their own schemas. Versions 3 and 4 hold the timeline and the
 * index of the version in force; version 2 held one policy.
 */
const stateSchema = z.strictObject({
  timeline: z.unknown().optional(),
  version: countSchema.optional(),
  policy: z.unknown().optional(),
  options: z.unknown().optional(),
  office: keySchema.nullable(),
  lastAt: msSchema.nullable(),
  events: countSchema,
  seen: z.strictObject({
    current: mapSchema(seenSchema),
    previous: mapSchema(seenSchema),
    epoch: countSchema,
    // Older snapshots kept every refusal in `current`.
    ahead: mapSchema(aheadSchema).default(() => emptyMap<Ahead>()),
  }),
  staff: staffSliceSchema,
  identity: identitySliceSchema,
  ownership: ownershipSliceSchema,
  rotation: rotationSliceSchema,
  deals: dealsSliceSchema,
  periods: periodsSliceSchema,
  history: mapSchema(storySchema),
});

type Decoded = z.output<typeof stateSchema>;

/** What one slice may name of another: staff on the roster, clients on record, policy versions in the timeline. */
function crossIssues(s: Decoded, versions: number): Issue[] {
  const out: Issue[] = [];
  const bad = (path: Issue['path'], message: string) => out.push({ code: 'invalid_value', path: ['state', ...path], message });
  const member = (id: string) => s.staff.members.get(id) !== undefined;
  const person = (key: string) => s.identity.people.get(key) !== undefined;
  for (const [i, seat] of s.rotation.ring.entries()) if (!member(seat.id)) bad(['rotation', 'ring', i, 'id'], `"${clip(seat.id)}" is not on the roster`);
  for (const [id] of anyOrder(s.rotation.parked)) if (!member(id)) bad(['rotation', 'parked', clip(id, 100)], `"${clip(id)}" is not on the roster`);
  for (const [key, file] of anyOrder(s.ownership.files)) {
    if (!person(key)) bad(['ownership', 'files', clip(key, 100)], `"${clip(key)}" is no client on record`);
    if (file.owner !== null && !member(file.owner)) bad(['ownership', 'files', clip(key, 100), 'owner'], `"${clip(file.owner)}" is not on the roster`);
  }
  for (const [id, deal] of anyOrder(s.deals.deals)) {
    if (!person(deal.client)) bad(['deals', 'deals', clip(id, 100), 'client'], `"${clip(deal.client)}" is no client on record`);
    if (!member(deal.staff)) bad(['deals', 'deals', clip(id, 100), 'staff'], `"${clip(deal.staff)}" is not on the roster`);
  }
  // Ledgers name records: a line without its deal or its salesperson is a cut or edited snapshot.
  for (const [id, entry] of anyOrder(s.deals.ledger)) {
    if (!member(entry.staff)) bad(['deals', 'ledger', clip(id, 100), 'staff'], `"${clip(entry.staff)}" is not on the roster`);
    if (entry.deal !== null && s.deals.deals.get(entry.deal) === undefined) bad(['deals', 'ledger', clip(id, 100), 'deal'], `"${clip(entry.deal)}" is no deal on record`);
  }
  for (const [i, day] of s.rotation.today.entries()) if (!member(day.staff)) bad(['rotation', 'today', i, 'staff'], `"${clip(day.staff)}" is not on the roster`);
  for (const [d, days] of anyOrder(s.rotation.ledger)) {
    for (const [i, day] of days.entries()) if (!member(day.staff)) bad(['rotation', 'ledger', clip(d, 100), i, 'staff'], `"${clip(day.staff)}" is not on the roster`);
  }
  const version = `is no version of the timeline's ${versions}`;
  for (const [id, deal] of anyOrder(s.deals.deals)) if (deal.terms !== null && deal.terms.version >= versions) bad(['deals', 'deals', clip(id, 100), 'terms', 'version'], version);
  for (const [key, tally] of anyOrder(s.deals.tallies)) if (tally.version >= versions) bad(['deals', 'tallies', clip(key, 100), 'version'], version);
  return out;
}

/**
 * Restores a state from a snapshot. Nothing is taken on trust: the snapshot
 * is checked by a schema of the whole state (every slice, field and map
 * entry, the cursors of the queue, what one slice names of another) and by
 * the policy's schema, and the policy must be whole, before a state is
 * handed out. A snapshot of another format or version, a hand-edited or
 * truncated one, comes back as issues naming the path; it never throws. A
 * cut that leaves every record whole (the last clients of a map gone) looks
 * like a smaller office: store snapshots so that a partial write cannot
 * stand for a whole one.
 *
 * @param snapshot - a parsed snapshot
 * @returns the state, or the issues
 * @example
 * ```ts
 * const r = fromSnapshot(JSON.parse(await readFile('office.json', 'utf8')));
 * if (r.ok) state = r.state;
 * ```
 */
export function fromSnapshot(snapshot: unknown): { ok: true; state: OfficeState } | { ok: false; issues: Issue[] } {
  try {
    return restore(snapshot);
  } catch (error) {
    // Getters or Proxies in a snapshot built in code: it cannot be read.
    return { ok: false, issues: [{ code: 'unreadable', path: [], message: `the snapshot could not be read: ${clip(error instanceof Error ? String(error.message) : 'unknown error', 300)}` }] };
  }
}

/** Whether a snapshot's policy (version 2) or timeline is as toSnapshot writes it: validated, so with every field. */
function isWhole(written: unknown, old: boolean): boolean {
  const whole = (policy: unknown) => typeof policy === 'object' && policy !== null && 'timeZone' in policy;
  if (old) return whole(written);
  const versions = typeof written === 'object' && written !== null ? (written as { versions?: unknown }).versions : undefined;
  return Array.isArray(versions) && versions.length > 0 && versions.every((v: unknown) => typeof v === 'object' && v !== null && whole((v as { policy?: unknown }).policy));
}

function restore(snapshot: unknown): { ok: true; state: OfficeState } | { ok: false; issues: Issue[] } {
  const bad = (path: Issue['path'], message: string) => ({ ok: false as const, issues: [{ code: 'invalid_value' as const, path, message }] });
  if (typeof snapshot !== 'object' || snapshot === null) return bad([], 'a snapshot must be an object');
  const s = snapshot as Partial<Snapshot>;
  if (s.format !== FORMAT) return bad(['format'], `not a salesfloor state snapshot (format ${describeValue(s.format ?? null)})`);
  if (!(READS as readonly unknown[]).includes(s.version)) return bad(['version'], `snapshot version ${describeValue(s.version ?? null)} is not supported; this release reads versions ${READS.join(' and ')}`);
  if (typeof s.state !== 'object' || s.state === null || Array.isArray(s.state)) return bad(['state'], 'the snapshot has no state');
  let decoded: Decoded;
  try {
    const parsed = stateSchema.safeParse((s.version as number) < 5 ? withStandings(s.state) : s.state);
    if (!parsed.success) return { ok: false, issues: fromZod(parsed.error.issues.slice(0, 100), undefined, ['state']) };
    decoded = parsed.data;
  } catch (error) {
    // Getters or Proxies in a snapshot built in code: it cannot be read.
    return bad(['state'], `the snapshot could not be read: ${clip(error instanceof Error ? error.message : 'unknown error', 300)}`);
  }
  // Version 2 held one policy: it reads as a timeline of one version (its deals' and months' terms are version 0).
  const old = (s.version as unknown) === 2;
  const field = old ? 'policy' : 'timeline';
  const written = old ? decoded.policy : decoded.timeline;
  // A snapshot holds its office's whole policy as validated (every field, a timeZone among them): without it, the state would go on under the defaults.
  if (!isWhole(written, old)) return bad(['state', field], `the snapshot holds no whole ${old ? 'policy' : 'timeline of policies'}: it was cut or edited, and would go on under other rules`);
  const valid = validateTimeline(written);
  if (!valid.ok) return { ok: false, issues: valid.issues.slice(0, 100).map((i) => ({ ...i, path: ['state', field, ...i.path] })) };
  const timeline: Timeline = valid.timeline;
  const version = old ? 0 : decoded.version;
  if (version === undefined || version >= timeline.versions.length) return bad(['state', 'version'], `the version in force must be an index of the timeline's ${timeline.versions.length} versions`);
  const inForce = (timeline.versions[version] as Timeline['versions'][number]).policy;
  const options = engineOptionsSchema.safeParse(decoded.options ?? {});
  if (!options.success) return bad(['state', 'options'], clip(options.error.issues[0]?.message ?? 'invalid engine options', 300));
  const cross = crossIssues(decoded, timeline.versions.length);
  const limits = inForce.limits;
  if (decoded.lastAt !== null && !withinLimits(decoded.lastAt, inForce)) {
    cross.push({ code: 'invalid_value', path: ['state', 'lastAt'], message: `the last event's time is outside the policy's limits (${limits.earliest} to ${limits.latest})` });
  }
  if (cross.length > 0) return { ok: false, issues: cross.slice(0, 100) };
  const { policy: _one, timeline: _written, version: _index, ...slices } = decoded;
  // Before version 4 a do-not-call client's deadline stayed, the exemption read at each judgement: waived here under the version in force.
  if ((s.version as number) < 4) slices.ownership = waivedAsOld(slices.ownership, inForce.ownership.followUp.doNotCallExempt);
  const state: OfficeState = Object.assign({}, slices, { timeline, version, policy: inForce, options: options.data });
  return { ok: true, state };
}
