/**
 * Snapshots: an office state as plain JSON and back, so a CRM can persist
 * its state and resume, and tests can compare states.
 */
import type { Issue } from '../kernel/issues.js';
import { fromEntries, isMap, sortedEntries, type PMap } from '../kernel/map.js';
import { validateTimeline, type Timeline } from '../policy/timeline.js';
import type { Deal, Tally } from '../deals/state.js';
import { isChain, keys, push, type Chain } from '../kernel/chain.js';
import { NO_EXTRA } from '../ownership/state.js';
import { initialRotation } from '../rotation/state.js';
import { initialDeals } from '../deals/state.js';
import { engineOptionsSchema, type OfficeState, type Story } from './state.js';

const FORMAT = 'salesfloor-state';
const VERSION = 3;
/** Version 2 held one policy; it reads as a timeline of one version. */
const READS = [2, 3] as const;

/**
 * A snapshot: JSON-safe, deterministic (maps sorted by key), versioned. The
 * policy is kept as the timeline (every version, with the instant it takes
 * effect) and the index of the version in force at the last event, so a
 * restored state goes on deciding each event under the right version.
 *
 * @example
 * ```ts
 * // { format: 'salesfloor-state', version: 3, state: { timeline: { versions: [...] }, version: 0, seen: {...}, ownership: { files: { $map: [...] } }, ... } }
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
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const fields = Object.keys(record);
    if (fields.length === 1 && Array.isArray(record.$map)) return fromEntries((record.$map as [string, unknown][]).map(([k, v]) => [k, decode(v)] as const));
    if (fields.length === 1 && record.$shared === 'noExtra') return NO_EXTRA;
    if (fields.length === 1 && Array.isArray(record.$keys)) {
      let list: Chain | null = null;
      for (const key of record.$keys as string[]) list = push(list, key);
      return list;
    }
    if (fields.length === 1 && Array.isArray(record.$story)) {
      let story: Story | null = null;
      for (const d of record.$story) story = { d: decode(d) as Story['d'], prev: story };
      return story;
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decode(v)]));
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
  // The policy in force is the timeline's version: not written twice.
  const { policy: _inForce, ...rest } = state;
  const timeline = { versions: state.timeline.versions.map((v) => ({ id: v.id, from: v.from, policy: v.policy })) };
  return { format: FORMAT, version: VERSION, state: encode({ ...rest, timeline }) };
}

const mapValues = <V>(map: PMap<V>, f: (v: V) => V): PMap<V> => fromEntries(sortedEntries(map).map(([k, v]) => [k, f(v)] as const));

/** Deals and months of a version 2 snapshot: terms by value become the first version's. */
function fromVersion2(state: Record<string, unknown>): Record<string, unknown> {
  const deals = state.deals as { deals: PMap<Deal>; tallies: PMap<Tally> } | undefined;
  if (typeof deals !== 'object' || deals === null || !isMap(deals.deals) || !isMap(deals.tallies)) return state;
  return {
    ...state,
    deals: {
      ...deals,
      deals: mapValues(deals.deals, (d) => (d.terms === null ? d : { ...d, terms: { version: 0 } })),
      tallies: mapValues(deals.tallies, (t) => ({ ...t, version: 0 })),
    },
  };
}

/**
 * Restores a state from a snapshot. A snapshot of another format or version,
 * or with an invalid policy, comes back as issues.
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
  const bad = (path: Issue['path'], message: string) => ({ ok: false as const, issues: [{ code: 'invalid_value' as const, path, message }] });
  if (typeof snapshot !== 'object' || snapshot === null) return bad([], 'a snapshot must be an object');
  const s = snapshot as Partial<Snapshot>;
  if (s.format !== FORMAT) return bad(['format'], `not a salesfloor state snapshot (format ${JSON.stringify(s.format ?? null)})`);
  if (!(READS as readonly unknown[]).includes(s.version)) return bad(['version'], `snapshot version ${JSON.stringify(s.version ?? null)} is not supported; this release reads versions ${READS.join(' and ')}`);
  if (typeof s.state !== 'object' || s.state === null) return bad(['state'], 'the snapshot has no state');
  const old = (s.version as number) === 2;
  const raw = decode(s.state) as Record<string, unknown>;
  const decoded = old ? fromVersion2(raw) : raw;
  const source = old ? decoded.policy : decoded.timeline;
  const valid = validateTimeline(source);
  if (!valid.ok) return { ok: false, issues: valid.issues.map((i) => ({ ...i, path: ['state', old ? 'policy' : 'timeline', ...i.path] })) };
  const timeline: Timeline = valid.timeline;
  const version = old ? 0 : decoded.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0 || version >= timeline.versions.length) return bad(['state', 'version'], `the version in force must be an index of the timeline's ${timeline.versions.length} versions`);
  const inForce = (timeline.versions[version] as Timeline['versions'][number]).policy;
  const state = { ...decoded, timeline, version, policy: inForce } as unknown as OfficeState;
  for (const slice of ['staff', 'identity', 'ownership', 'rotation', 'deals', 'periods', 'seen'] as const) {
    if (typeof state[slice] !== 'object' || state[slice] === null) return bad(['state', slice], `the snapshot has no ${slice}`);
  }
  const options = engineOptionsSchema.safeParse(state.options ?? {});
  if (!options.success) return bad(['state', 'options'], options.error.issues[0]?.message ?? 'invalid engine options');
  // Slices keep their shape across releases: a field added since the snapshot starts empty.
  const rotation = { ...initialRotation(), ...state.rotation };
  const deals = { ...initialDeals(), ...state.deals };
  return { ok: true, state: { ...state, rotation, deals, options: options.data } };
}
