/**
 * A persistent hash map with string keys (a hash array mapped trie).
 *
 * Why: `apply(state, event)` must not mutate its input and must not copy the
 * whole state (DESIGN.md: copying a 100k-entry Map costs 31 ms). A set here
 * copies only the path to the changed leaf (at most 7 small arrays).
 *
 * Bulk replay passes an {@link Edit}: nodes created under a live edit are
 * updated in place by later sets under the same edit (the "transient" mode of
 * Clojure's maps), which roughly halves the allocation cost of a long replay.
 * Nodes reachable from a state handed to a caller are never owned by a live
 * edit, so callers never see a mutation.
 *
 * @internal
 */

/** A token that lets one bulk operation update the nodes it created in place. */
export interface Edit {
  live: boolean;
}

interface Leaf<V> {
  readonly t: 1;
  readonly h: number;
  readonly k: string;
  readonly v: V;
}

interface Collision<V> {
  readonly t: 2;
  readonly h: number;
  readonly leaves: readonly Leaf<V>[];
}

interface Branch<V> {
  readonly t: 0;
  readonly edit: Edit | null;
  bitmap: number;
  slots: Slot<V>[];
}

type Slot<V> = Branch<V> | Leaf<V> | Collision<V>;

/**
 * An immutable map from string keys to values (a hash array mapped trie).
 * Read it with the views of the state; its nodes are internal.
 *
 * @example
 * ```ts
 * state.ownership.files.size; // how many clients are on file
 * ```
 */
export interface PMap<V> {
  /** @internal */
  readonly root: Branch<V> | null;
  /** The number of entries. */
  readonly size: number;
}

const EMPTY: PMap<never> = Object.freeze({ root: null, size: 0 });

/** Starts a bulk edit. Call {@link endEdit} before handing the result out. */
export function beginEdit(): Edit {
  return { live: true };
}

/** Ends a bulk edit: nodes it created become immutable. */
export function endEdit(edit: Edit): void {
  edit.live = false;
}

/** The empty map. */
export function emptyMap<V>(): PMap<V> {
  return EMPTY;
}

function hashOf(key: string): number {
  // FNV-1a over UTF-16 code units, then a final avalanche.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

function owned<V>(node: Branch<V>, edit: Edit | undefined): boolean {
  return edit !== undefined && edit.live && node.edit === edit;
}

function branch<V>(edit: Edit | undefined, bitmap: number, slots: Slot<V>[]): Branch<V> {
  return { t: 0, edit: edit?.live ? edit : null, bitmap, slots };
}

/** Looks a key up. */
export function get<V>(map: PMap<V>, key: string): V | undefined {
  let node: Slot<V> | null | undefined = map.root;
  const h = hashOf(key);
  let shift = 0;
  while (node) {
    if (node.t === 0) {
      const bit = 1 << ((h >>> shift) & 31);
      if ((node.bitmap & bit) === 0) return undefined;
      node = node.slots[popcount(node.bitmap & (bit - 1))];
      shift += 5;
    } else if (node.t === 1) {
      return node.k === key ? node.v : undefined;
    } else {
      if (node.h !== h) return undefined;
      for (const leaf of node.leaves) if (leaf.k === key) return leaf.v;
      return undefined;
    }
  }
  return undefined;
}

/** Whether the key is present. */
export function has<V>(map: PMap<V>, key: string): boolean {
  return get(map, key) !== undefined;
}

function pair<V>(shift: number, a: Leaf<V> | Collision<V>, b: Leaf<V>, edit: Edit | undefined): Slot<V> {
  if (a.h === b.h) {
    const leaves = a.t === 1 ? [a, b] : [...a.leaves, b];
    return { t: 2, h: b.h, leaves };
  }
  const ia = (a.h >>> shift) & 31;
  const ib = (b.h >>> shift) & 31;
  if (ia === ib) return branch(edit, 1 << ia, [pair(shift + 5, a, b, edit)]);
  return branch(edit, (1 << ia) | (1 << ib), ia < ib ? [a, b] : [b, a]);
}

// Returns the new node, or the same node when nothing changed.
function setIn<V>(
  node: Branch<V>,
  shift: number,
  leaf: Leaf<V>,
  edit: Edit | undefined,
  grew: { n: number },
): Branch<V> {
  const bit = 1 << ((leaf.h >>> shift) & 31);
  const idx = popcount(node.bitmap & (bit - 1));
  if ((node.bitmap & bit) === 0) {
    grew.n = 1;
    if (owned(node, edit)) {
      node.slots.splice(idx, 0, leaf);
      node.bitmap |= bit;
      return node;
    }
    const slots = node.slots.slice();
    slots.splice(idx, 0, leaf);
    return branch(edit, node.bitmap | bit, slots);
  }
  const child = node.slots[idx] as Slot<V>;
  let next: Slot<V>;
  if (child.t === 0) {
    next = setIn(child, shift + 5, leaf, edit, grew);
  } else if (child.t === 1) {
    if (child.k === leaf.k) {
      if (Object.is(child.v, leaf.v)) return node;
      next = leaf;
    } else {
      grew.n = 1;
      next = pair(shift + 5, child, leaf, edit);
    }
  } else if (child.h === leaf.h) {
    const at = child.leaves.findIndex((l) => l.k === leaf.k);
    const leaves = child.leaves.slice();
    if (at < 0) {
      grew.n = 1;
      leaves.push(leaf);
    } else {
      if (Object.is((leaves[at] as Leaf<V>).v, leaf.v)) return node;
      leaves[at] = leaf;
    }
    next = { t: 2, h: child.h, leaves };
  } else {
    grew.n = 1;
    next = pair(shift + 5, child, leaf, edit);
  }
  if (next === child) return node;
  if (owned(node, edit)) {
    node.slots[idx] = next;
    return node;
  }
  const slots = node.slots.slice();
  slots[idx] = next;
  return branch(edit, node.bitmap, slots);
}

/**
 * Returns a map with `key` set to `value`. The input map is unchanged, unless
 * `edit` is live and owns the touched nodes (bulk replay only).
 */
export function set<V>(map: PMap<V>, key: string, value: V, edit?: Edit): PMap<V> {
  const leaf: Leaf<V> = { t: 1, h: hashOf(key), k: key, v: value };
  const grew = { n: 0 };
  const root = setIn(map.root ?? branch<V>(edit, 0, []), 0, leaf, edit, grew);
  // Under a live edit the root may be updated in place: the size still moves.
  if (root === map.root && grew.n === 0) return map;
  return { root, size: map.size + grew.n };
}

function removeIn<V>(node: Branch<V>, shift: number, h: number, key: string, edit: Edit | undefined): Branch<V> | null | undefined {
  // undefined: not found; null: node became empty.
  const bit = 1 << ((h >>> shift) & 31);
  if ((node.bitmap & bit) === 0) return undefined;
  const idx = popcount(node.bitmap & (bit - 1));
  const child = node.slots[idx] as Slot<V>;
  let next: Slot<V> | null;
  if (child.t === 0) {
    const r = removeIn(child, shift + 5, h, key, edit);
    if (r === undefined) return undefined;
    next = r;
  } else if (child.t === 1) {
    if (child.k !== key) return undefined;
    next = null;
  } else {
    if (child.h !== h) return undefined;
    const leaves = child.leaves.filter((l) => l.k !== key);
    if (leaves.length === child.leaves.length) return undefined;
    next = leaves.length === 1 ? (leaves[0] as Leaf<V>) : { t: 2, h, leaves };
  }
  if (next === null) {
    if (node.slots.length === 1) return null;
    const slots = node.slots.slice();
    slots.splice(idx, 1);
    return branch(edit, node.bitmap & ~bit, slots);
  }
  if (owned(node, edit)) {
    node.slots[idx] = next;
    return node;
  }
  const slots = node.slots.slice();
  slots[idx] = next;
  return branch(edit, node.bitmap, slots);
}

/** Returns a map without `key`. */
export function remove<V>(map: PMap<V>, key: string, edit?: Edit): PMap<V> {
  if (!map.root) return map;
  const root = removeIn(map.root, 0, hashOf(key), key, edit);
  if (root === undefined) return map;
  return root === null ? emptyMap<V>() : { root, size: map.size - 1 };
}

/** Returns a map with `key` updated by `fn` (given `undefined` when absent). */
export function update<V>(map: PMap<V>, key: string, fn: (old: V | undefined) => V, edit?: Edit): PMap<V> {
  return set(map, key, fn(get(map, key)), edit);
}

function* walk<V>(node: Slot<V>): Generator<Leaf<V>> {
  if (node.t === 1) yield node;
  else if (node.t === 2) yield* node.leaves;
  else for (const s of node.slots) yield* walk(s);
}

/** Every entry, in an order fixed by the keys (not insertion order). */
export function* entries<V>(map: PMap<V>): Generator<[string, V]> {
  if (!map.root) return;
  for (const leaf of walk(map.root)) yield [leaf.k, leaf.v];
}

/** Every value, in the order of {@link entries}. */
export function* values<V>(map: PMap<V>): Generator<V> {
  if (!map.root) return;
  for (const leaf of walk(map.root)) yield leaf.v;
}

/** Entries sorted by key: the stable order used in snapshots and reports. */
export function sortedEntries<V>(map: PMap<V>): [string, V][] {
  return [...entries(map)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Builds a map from entries (later entries win). */
export function fromEntries<V>(items: Iterable<readonly [string, V]>): PMap<V> {
  const edit = beginEdit();
  let map = emptyMap<V>();
  for (const [k, v] of items) map = set(map, k, v, edit);
  endEdit(edit);
  return map;
}
