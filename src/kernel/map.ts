/**
 * A persistent hash map with string keys (CHAMP: keys and values inline in
 * each node, child nodes at the end of the same array).
 *
 * Why: `apply(state, event)` must not mutate its input and must not copy the
 * whole state (copying a 100k-entry Map costs ~31 ms). A change copies only
 * the path to its entry, at most seven small arrays. Entries live inline in
 * their node (no leaf object per entry), which keeps a client's index entries
 * to a couple of array slots each.
 *
 * A batch of changes may pass an {@link Edit}: nodes the batch creates are
 * changed in place by its later changes (Clojure's transients). Nodes
 * reachable from a map handed out before the batch are never changed.
 *
 * A replay fills a JS `Map` from nothing; handing it out ({@link pendingMap})
 * keeps that `Map`, which nothing changes any more, and builds the trie only
 * when one is needed: a change, or a walk in hash order. Reads and sorted
 * walks use the `Map` until then, so a replay's final state costs nothing to
 * make and a little less memory to hold.
 *
 * @internal
 */

/** A token that lets one batch of changes update the nodes it created in place. */
export interface Edit {
  live: boolean;
}

/** An inner node: `data` entries inline as key, value pairs, then child nodes in reverse. */
interface Node<V> {
  dmap: number;
  nmap: number;
  arr: unknown[];
  readonly edit: Edit | null;
}

/** Keys whose hashes are equal in all 32 bits, as key, value pairs. */
interface Collision {
  readonly hash: number;
  arr: unknown[];
  readonly edit: Edit | null;
  readonly collision: true;
}

type Child<V> = Node<V> | Collision;

/**
 * An immutable map from string keys to values. Read it through the views;
 * its nodes are internal.
 *
 * @example
 * ```ts
 * state.ownership.files.size; // how many clients are on file
 * ```
 */
export class PMap<V> {
  /** @internal The trie, once built (see {@link PMap.pending}). */
  trie: Node<V> | null;
  /**
   * @internal Entries not built into a trie yet: a map a replay filled, which
   * nothing changes any more. Values equal to `tomb` are absent keys. Reads
   * go to it; the trie is built the first time something needs one (a change,
   * or iteration in hash order).
   */
  pending: ReadonlyMap<string, unknown> | null;
  /** @internal The value that marks an absent key in `pending`. */
  readonly tomb: unknown;
  /** The number of entries. */
  readonly size: number;

  /** @internal */
  constructor(root: Node<V> | null, size: number, pending: ReadonlyMap<string, unknown> | null = null, tomb?: unknown) {
    this.trie = root;
    this.size = size;
    this.pending = pending;
    this.tomb = tomb;
  }

  /** @internal The trie's root, built first if the entries are still pending. */
  get root(): Node<V> | null {
    return this.pending === null ? this.trie : flatten(this);
  }

  /**
   * Looks a key up.
   * @param key - the key
   * @returns the value, or undefined
   */
  get(key: string): V | undefined {
    return get(this, key);
  }
}

/**
 * Read access to a map, persistent or transient: rules that only read take
 * this, so views and events share them.
 */
export interface Lookup<V> {
  get(key: string): V | undefined;
}

const EMPTY = new PMap<never>(null, 0);

/** The empty map. */
export function emptyMap<V>(): PMap<V> {
  return EMPTY;
}

/** Starts a batch of changes. Call {@link endEdit} before the result is handed out. */
export function beginEdit(): Edit {
  return { live: true };
}

/** Ends a batch: the nodes it created become immutable. */
export function endEdit(edit: Edit): void {
  edit.live = false;
}

/** FNV-1a over UTF-16 code units, then a final avalanche. */
export function hashKey(key: string): number {
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

const MAX_SHIFT = 30;

// Node arrays are built at their exact size: splice would leave spare capacity
// in every node, which on maps of 100k entries more than doubles their memory.

/** A copy of `arr` with `items` inserted at `at`. */
function inserted(arr: readonly unknown[], at: number, a: unknown, b?: unknown, two = false): unknown[] {
  const n = arr.length;
  const add = two ? 2 : 1;
  const out = new Array<unknown>(n + add);
  for (let i = 0; i < at; i++) out[i] = arr[i];
  out[at] = a;
  if (two) out[at + 1] = b;
  for (let i = at; i < n; i++) out[i + add] = arr[i];
  return out;
}

/** A copy of `arr` without `count` items at `at`. */
function removed(arr: readonly unknown[], at: number, count: number): unknown[] {
  const n = arr.length;
  const out = new Array<unknown>(n - count);
  for (let i = 0; i < at; i++) out[i] = arr[i];
  for (let i = at + count; i < n; i++) out[i - count] = arr[i];
  return out;
}

/** A copy of `arr` (exact size). */
function copied(arr: readonly unknown[]): unknown[] {
  const n = arr.length;
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) out[i] = arr[i];
  return out;
}

function isCollision<V>(c: Child<V>): c is Collision {
  return (c as Collision).collision === true;
}

function owned(node: { readonly edit: Edit | null }, edit: Edit | undefined): boolean {
  return edit !== undefined && edit.live && node.edit === edit;
}

function node<V>(dmap: number, nmap: number, arr: unknown[], edit: Edit | undefined): Node<V> {
  return { dmap, nmap, arr, edit: edit?.live ? edit : null };
}

// Tries built for frozen maps, which cannot take their own (a caller may freeze a state).
const builtFor = new WeakMap<PMap<unknown>, Node<unknown> | null>();

/** The trie of a map whose entries are pending: built once, then kept. */
function flatten<V>(map: PMap<V>): Node<V> | null {
  if (builtFor.has(map)) return builtFor.get(map) as Node<V> | null;
  const keys: string[] = [];
  const vals: unknown[] = [];
  for (const [k, v] of anyOrder(map)) {
    keys.push(k);
    vals.push(v);
  }
  const root = build(keys, vals).trie as Node<V> | null;
  if (Object.isFrozen(map)) builtFor.set(map, root);
  else {
    map.trie = root;
    map.pending = null;
  }
  return root;
}

/**
 * A map of the entries of a `Map` that will never change again, its trie
 * built only when something first needs one; reads go to the `Map` until
 * then. What a replay hands out: making it persistent costs nothing.
 *
 * @param entries - the entries; values equal to `tomb` are absent keys
 * @param size - the number of entries that are not `tomb`
 * @param tomb - the value that marks an absent key
 */
export function pendingMap<V>(entries: ReadonlyMap<string, unknown>, size: number, tomb: unknown): PMap<V> {
  return size === 0 ? emptyMap() : new PMap<V>(null, size, entries, tomb);
}

/**
 * Looks a key up.
 *
 * @param map - the map
 * @param key - the key
 * @returns the value, or undefined
 */
export function get<V>(map: PMap<V>, key: string): V | undefined {
  const pending = map.pending;
  if (pending !== null) {
    const v = pending.get(key);
    return v === map.tomb ? undefined : (v as V | undefined);
  }
  let n: Child<V> | null = map.trie;
  if (n === null) return undefined;
  const h = hashKey(key);
  let shift = 0;
  for (;;) {
    if (isCollision(n)) {
      const arr = n.arr;
      for (let i = 0; i < arr.length; i += 2) if (arr[i] === key) return arr[i + 1] as V;
      return undefined;
    }
    const bit = 1 << ((h >>> shift) & 31);
    if ((n.dmap & bit) !== 0) {
      const i = 2 * popcount(n.dmap & (bit - 1));
      return n.arr[i] === key ? (n.arr[i + 1] as V) : undefined;
    }
    if ((n.nmap & bit) === 0) return undefined;
    n = n.arr[n.arr.length - 1 - popcount(n.nmap & (bit - 1))] as Child<V>;
    shift += 5;
  }
}

/** Whether the key is present. */
export function has<V>(map: PMap<V>, key: string): boolean {
  return get(map, key) !== undefined;
}

/** Two entries that share a slot at `shift`, pushed down into a node of their own. */
function pairNode<V>(shift: number, k1: string, v1: unknown, h1: number, k2: string, v2: unknown, h2: number, edit: Edit | undefined): Child<V> {
  if (shift > MAX_SHIFT) return { hash: h1, arr: [k1, v1, k2, v2], edit: edit?.live ? edit : null, collision: true };
  const b1 = (h1 >>> shift) & 31;
  const b2 = (h2 >>> shift) & 31;
  if (b1 === b2) return node<V>(0, 1 << b1, [pairNode<V>(shift + 5, k1, v1, h1, k2, v2, h2, edit)], edit);
  return node<V>((1 << b1) | (1 << b2), 0, b1 < b2 ? [k1, v1, k2, v2] : [k2, v2, k1, v1], edit);
}

interface Grew {
  n: number;
}

function setIn<V>(n: Child<V>, shift: number, h: number, key: string, value: V, edit: Edit | undefined, grew: Grew): Child<V> {
  if (isCollision(n)) {
    const arr = n.arr;
    for (let i = 0; i < arr.length; i += 2) {
      if (arr[i] === key) {
        if (Object.is(arr[i + 1], value)) return n;
        if (owned(n, edit)) {
          arr[i + 1] = value;
          return n;
        }
        const copy = copied(arr);
        copy[i + 1] = value;
        return { hash: n.hash, arr: copy, edit: edit?.live ? edit : null, collision: true };
      }
    }
    grew.n = 1;
    return { hash: n.hash, arr: inserted(arr, arr.length, key, value, true), edit: edit?.live ? edit : null, collision: true };
  }
  const bit = 1 << ((h >>> shift) & 31);
  const arr = n.arr;
  if ((n.dmap & bit) !== 0) {
    const i = 2 * popcount(n.dmap & (bit - 1));
    const k = arr[i] as string;
    if (k === key) {
      if (Object.is(arr[i + 1], value)) return n;
      if (owned(n, edit)) {
        arr[i + 1] = value;
        return n;
      }
      const copy = copied(arr);
      copy[i + 1] = value;
      return node(n.dmap, n.nmap, copy, edit);
    }
    // Two keys in one slot: both move down into a child.
    grew.n = 1;
    const child = pairNode<V>(shift + 5, k, arr[i + 1], hashKey(k), key, value, h, edit);
    const ci = arr.length - 2 - popcount(n.nmap & (bit - 1));
    const copy = inserted(removed(arr, i, 2), ci, child);
    if (owned(n, edit)) {
      n.arr = copy;
      n.dmap ^= bit;
      n.nmap |= bit;
      return n;
    }
    return node(n.dmap ^ bit, n.nmap | bit, copy, edit);
  }
  if ((n.nmap & bit) !== 0) {
    const ci = arr.length - 1 - popcount(n.nmap & (bit - 1));
    const child = arr[ci] as Child<V>;
    const next = setIn(child, shift + 5, h, key, value, edit, grew);
    if (next === child) return n;
    if (owned(n, edit)) {
      arr[ci] = next;
      return n;
    }
    const copy = copied(arr);
    copy[ci] = next;
    return node(n.dmap, n.nmap, copy, edit);
  }
  grew.n = 1;
  const i = 2 * popcount(n.dmap & (bit - 1));
  const copy = inserted(arr, i, key, value, true);
  if (owned(n, edit)) {
    n.arr = copy;
    n.dmap |= bit;
    return n;
  }
  return node(n.dmap | bit, n.nmap, copy, edit);
}

/**
 * Sets a key. Returns the same map when the value is already there.
 *
 * @param map - the map
 * @param key - the key
 * @param value - the value
 * @param edit - a live batch token: nodes it created are changed in place
 * @returns the new map
 */
export function set<V>(map: PMap<V>, key: string, value: V, edit?: Edit): PMap<V> {
  const grew = { n: 0 };
  const before = map.root;
  if (before === null) {
    const h = hashKey(key);
    return new PMap(node<V>(1 << (h & 31), 0, [key, value], edit), 1);
  }
  const root = setIn(before, 0, hashKey(key), key, value, edit, grew) as Node<V>;
  return root === before && grew.n === 0 ? map : new PMap(root, map.size + grew.n);
}

type Removed<V> = Child<V> | null | { readonly lift: true; readonly key: string; readonly value: unknown };

function removeIn<V>(n: Child<V>, shift: number, h: number, key: string, edit: Edit | undefined): Removed<V> {
  if (isCollision(n)) {
    const at = n.arr.findIndex((k, i) => i % 2 === 0 && k === key);
    if (at < 0) return n;
    if (n.arr.length === 4) {
      const other = at === 0 ? 2 : 0;
      return { lift: true, key: n.arr[other] as string, value: n.arr[other + 1] };
    }
    return { hash: n.hash, arr: removed(n.arr, at, 2), edit: edit?.live ? edit : null, collision: true };
  }
  const bit = 1 << ((h >>> shift) & 31);
  const arr = n.arr;
  if ((n.dmap & bit) !== 0) {
    const i = 2 * popcount(n.dmap & (bit - 1));
    if (arr[i] !== key) return n;
    const dmap = n.dmap ^ bit;
    if (dmap === 0 && n.nmap === 0) return null;
    // A node left with one entry and no children is inlined into its parent (canonical form).
    if (shift > 0 && n.nmap === 0 && popcount(dmap) === 1) {
      const j = i === 0 ? 2 : 0;
      return { lift: true, key: arr[j] as string, value: arr[j + 1] };
    }
    return node(dmap, n.nmap, removed(arr, i, 2), edit);
  }
  if ((n.nmap & bit) === 0) return n;
  const ci = arr.length - 1 - popcount(n.nmap & (bit - 1));
  const child = arr[ci] as Child<V>;
  const next = removeIn(child, shift + 5, h, key, edit);
  if (next === child) return n;
  if (next === null) {
    const nmap = n.nmap ^ bit;
    if (n.dmap === 0 && nmap === 0) return null;
    return node(n.dmap, nmap, removed(arr, ci, 1), edit);
  }
  if ('lift' in next) {
    const nmap = n.nmap ^ bit;
    if (shift > 0 && nmap === 0 && n.dmap === 0) return next;
    const di = 2 * popcount(n.dmap & (bit - 1));
    return node(n.dmap | bit, nmap, inserted(removed(arr, ci, 1), di, next.key, next.value, true), edit);
  }
  const copy = copied(arr);
  copy[ci] = next;
  return node(n.dmap, n.nmap, copy, edit);
}

/**
 * Removes a key.
 *
 * @param map - the map
 * @param key - the key
 * @param edit - a live batch token
 * @returns the new map (the same map when the key was absent)
 */
export function remove<V>(map: PMap<V>, key: string, edit?: Edit): PMap<V> {
  const before = map.root;
  if (before === null) return map;
  const next = removeIn(before, 0, hashKey(key), key, edit);
  if (next === before) return map;
  if (next === null) return emptyMap();
  if ('lift' in next) {
    const h = hashKey(next.key);
    return new PMap(node<V>(1 << (h & 31), 0, [next.key, next.value], edit), map.size - 1);
  }
  return new PMap(next as Node<V>, map.size - 1);
}

function* walk<V>(n: Child<V>): Generator<[string, V]> {
  const arr = n.arr;
  if (isCollision(n)) {
    for (let i = 0; i < arr.length; i += 2) yield [arr[i] as string, arr[i + 1] as V];
    return;
  }
  const data = 2 * popcount(n.dmap);
  for (let i = 0; i < data; i += 2) yield [arr[i] as string, arr[i + 1] as V];
  for (let i = arr.length - 1; i >= data; i--) yield* walk(arr[i] as Child<V>);
}

/** Every entry, in an order fixed by the keys' hashes. */
export function* entries<V>(map: PMap<V>): Generator<[string, V]> {
  const root = map.root;
  if (root !== null) yield* walk(root);
}

/** Every entry, in no set order: for callers that sort them or build from them (no trie is built for it). */
export function* anyOrder<V>(map: PMap<V>): Generator<[string, V]> {
  const pending = map.pending;
  if (pending === null) {
    if (map.trie !== null) yield* walk(map.trie);
    return;
  }
  for (const [k, v] of pending) if (v !== map.tomb) yield [k, v as V];
}

/** Every value, in the order of {@link entries}. */
export function* values<V>(map: PMap<V>): Generator<V> {
  for (const [, v] of entries(map)) yield v;
}

/** Entries sorted by key: the stable order of snapshots and reports. */
export function sortedEntries<V>(map: PMap<V>): [string, V][] {
  return [...anyOrder(map)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * Builds a map of distinct keys at once, each node at its final size: what
 * inserting them one by one would give, without the copies.
 *
 * @param keys - distinct keys
 * @param vals - their values, in the same order
 * @param edit - the batch the nodes belong to (their later changes in it are in place)
 */
export function build<V>(keys: readonly string[], vals: readonly V[], edit?: Edit): PMap<V> {
  const n = keys.length;
  if (n === 0) return emptyMap();
  const hashes = new Int32Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    hashes[i] = hashKey(keys[i] as string) | 0;
    order[i] = i;
  }
  const b: Builder = { keys, vals, hashes, order, scratch: new Int32Array(n), counts: new Int32Array(LEVELS * 33), starts: new Int32Array(LEVELS * 32), edit: edit?.live ? edit : null };
  return new PMap(buildNode<V>(b, 0, n, 0) as Node<V>, n);
}

/** Levels of a trie: 32-bit hashes, 5 bits a level, then collision nodes. */
const LEVELS = Math.floor(MAX_SHIFT / 5) + 1;

/** One bulk build's inputs and scratch space (one count table per level, allocated once). */
interface Builder {
  readonly keys: readonly string[];
  readonly vals: readonly unknown[];
  readonly hashes: Int32Array;
  readonly order: Int32Array;
  readonly scratch: Int32Array;
  readonly counts: Int32Array;
  readonly starts: Int32Array;
  readonly edit: Edit | null;
}

// Entries order[from..to) share their hash bits below `shift`; the node holds them.
function buildNode<V>(b: Builder, from: number, to: number, shift: number): Child<V> {
  const { keys, vals, hashes, order, scratch } = b;
  if (shift > MAX_SHIFT) {
    const arr: unknown[] = [];
    for (let i = from; i < to; i++) arr.push(keys[order[i] as number], vals[order[i] as number]);
    return { hash: (hashes[order[from] as number] as number) >>> 0, arr, edit: b.edit, collision: true };
  }
  // Counting sort of the slice by this level's 5 bits, in this level's tables.
  const { counts, starts } = b;
  const co = (shift / 5) * 33;
  const so = (shift / 5) * 32;
  counts.fill(0, co, co + 33);
  for (let i = from; i < to; i++) (counts[co + ((((hashes[order[i] as number] as number) >>> shift) & 31) + 1)] as number)++;
  for (let k = 0; k < 32; k++) counts[co + k + 1] = (counts[co + k + 1] as number) + (counts[co + k] as number);
  starts.set(counts.subarray(co, co + 32), so);
  for (let i = from; i < to; i++) {
    const e = order[i] as number;
    const at = co + (((hashes[e] as number) >>> shift) & 31);
    scratch[from + (counts[at] as number)] = e;
    counts[at] = (counts[at] as number) + 1;
  }
  for (let i = from; i < to; i++) order[i] = scratch[i] as number;
  let dmap = 0;
  let nmap = 0;
  let data = 0;
  let kids = 0;
  for (let k = 0; k < 32; k++) {
    const size = (counts[co + k] as number) - (starts[so + k] as number);
    if (size === 1) {
      dmap |= 1 << k;
      data++;
    } else if (size > 1) {
      nmap |= 1 << k;
      kids++;
    }
  }
  const arr = new Array<unknown>(2 * data + kids);
  let d = 0;
  let c = arr.length - 1;
  for (let k = 0; k < 32; k++) {
    const lo = from + (starts[so + k] as number);
    const size = from + (counts[co + k] as number) - lo;
    if (size === 1) {
      const e = order[lo] as number;
      arr[d++] = keys[e];
      arr[d++] = vals[e];
    } else if (size > 1) {
      // Children sit at the end in reverse bit order.
      arr[c--] = buildNode<V>(b, lo, lo + size, shift + 5);
    }
  }
  return { dmap, nmap, arr, edit: b.edit };
}

/** Whether a value is a map of this module. */
export function isMap(value: unknown): value is PMap<unknown> {
  return value instanceof PMap;
}
