/**
 * Snapshots: an office state as plain JSON and back, so a CRM can persist
 * its state and resume, and tests can compare states.
 */
import type { Issue } from '../kernel/issues.js';
import { fromEntries, isMap, sortedEntries } from '../kernel/map.js';
import { validatePolicy } from './fold.js';
import { isChain, keys, push, type Chain } from '../kernel/chain.js';
import { NO_EXTRA } from '../ownership/state.js';
import { initialRotation } from '../rotation/state.js';
import { initialDeals } from '../deals/state.js';
import { engineOptionsSchema, type OfficeState, type Story } from './state.js';

const FORMAT = 'salesfloor-state';
const VERSION = 2;

/**
 * A snapshot: JSON-safe, deterministic (maps sorted by key), versioned.
 *
 * @example
 * ```ts
 * // { format: 'salesfloor-state', version: 2, state: { policy: {...}, seen: {...}, ownership: { files: { $map: [...] } }, ... } }
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
  return { format: FORMAT, version: VERSION, state: encode(state) };
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
  if (s.version !== VERSION) return bad(['version'], `snapshot version ${JSON.stringify(s.version ?? null)} is not supported; this release reads version ${VERSION}`);
  if (typeof s.state !== 'object' || s.state === null) return bad(['state'], 'the snapshot has no state');
  const state = decode(s.state) as OfficeState;
  const policy = validatePolicy(state.policy);
  if (!policy.ok) return { ok: false, issues: policy.issues.map((i) => ({ ...i, path: ['state', 'policy', ...i.path] })) };
  for (const slice of ['staff', 'identity', 'ownership', 'rotation', 'deals', 'seen'] as const) {
    if (typeof state[slice] !== 'object' || state[slice] === null) return bad(['state', slice], `the snapshot has no ${slice}`);
  }
  const options = engineOptionsSchema.safeParse(state.options ?? {});
  if (!options.success) return bad(['state', 'options'], options.error.issues[0]?.message ?? 'invalid engine options');
  // Slices keep their shape across releases: a field added since the snapshot starts empty.
  const rotation = { ...initialRotation(), ...state.rotation };
  const deals = { ...initialDeals(), ...state.deals };
  return { ok: true, state: { ...state, rotation, deals, policy: policy.policy, options: options.data } };
}
