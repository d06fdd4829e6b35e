/**
 * The transient side of the state: how an event changes it.
 *
 * A persistent state is made of {@link PMap}s and plain values. While events
 * are applied, each map is wrapped in a {@link TMap}: a JS `Map` of the keys
 * written since the last hand-out, over the persistent map. Reads hit the
 * overlay first (a native hash lookup), writes go to the overlay only, and
 * {@link TMap.persist} writes the overlay into a new persistent map. A replay
 * keeps one transient state for the whole log, so its maps cost what a
 * `Map` costs; `apply` wraps, applies one event and persists what it touched.
 *
 * An event works on one draft of each record it touches ({@link Tx.draft}):
 * the first touch copies the record (or, for a record written since the last
 * hand-out, which nothing else holds, takes it as it is), later touches in
 * the same event change that draft, and the event's end commits them all at
 * once. Rules check everything that can refuse an event before they change
 * anything; the transaction counts changes so that a refusal after a change,
 * which would be a bug, is caught instead of leaving a partial change.
 *
 * @internal
 */
import { anyOrder, beginEdit, build, endEdit, get, PMap, pendingMap, remove, set } from './map.js';

function spread<V extends object>(v: V): V {
  return { ...v };
}

/** Writes from which a persist builds the map whole rather than key by key. */
const BULK = 64;

const ABSENT = Symbol('absent');
const GONE = Symbol('gone');

type Slot<V> = V | typeof GONE;

/** A transient map: the keys written since the last {@link persist}, over a persistent map. */
export class TMap<V> {
  private over: Map<string, Slot<V>> | null = null;

  /** @param base - the persistent map underneath */
  constructor(private under: PMap<V>) {}

  /** The value of a key, or undefined. */
  get(key: string): V | undefined {
    const over = this.over;
    if (over !== null) {
      const v = over.get(key);
      if (v !== undefined) return v === GONE ? undefined : v;
    }
    return get(this.under, key);
  }

  /** @internal The overlay's slot of a key: a value, GONE, or ABSENT (not written since the last persist). */
  slot(key: string): unknown {
    const over = this.over;
    if (over === null) return ABSENT;
    const v = over.get(key);
    return v === undefined ? ABSENT : v;
  }

  /** @internal The value of a key in the persistent map underneath. */
  base(key: string): V | undefined {
    return get(this.under, key);
  }

  /**
   * The value of a key if it was written since the last persist: such a
   * value is reachable from nothing but this map, so the current event may
   * change it in place.
   */
  fresh(key: string): V | undefined {
    const v = this.over?.get(key);
    return v === undefined || v === GONE ? undefined : v;
  }

  /** Whether the map is empty (cheap: no look-up), so a caller can skip its look-ups. */
  get empty(): boolean {
    return this.under.size === 0 && (this.over === null || this.over.size === 0);
  }

  /** Whether a key has a value. */
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Sets a key. */
  set(tx: Tx, key: string, value: V): void {
    tx.changed++;
    (this.over ??= new Map()).set(key, value);
  }

  /** Removes a key. */
  delete(tx: Tx, key: string): void {
    if (!this.has(key)) return;
    tx.changed++;
    (this.over ??= new Map()).set(key, GONE);
  }

  /**
   * Every key with a value, the overlay's and the base's, in no set order
   * (callers that write sort them first, so that a replay and a run of
   * applies agree).
   */
  *keys(): Generator<string> {
    const over = this.over;
    if (over !== null) for (const [k, v] of over) if (v !== GONE) yield k;
    for (const [k] of anyOrder(this.under)) if (over === null || !over.has(k)) yield k;
  }

  /**
   * Gives each value written since the last persist its final form, in
   * place: for values cheap to hold but dear to compute, computed only for
   * those still here when the map is persisted.
   */
  settle(final: (v: V) => V): void {
    const over = this.over;
    if (over === null) return;
    for (const [k, v] of over) {
      if (v === GONE) continue;
      const w = final(v);
      if (w !== v) over.set(k, w);
    }
  }

  /** Whether anything was written since the last persist. */
  get dirty(): boolean {
    return this.over !== null && this.over.size > 0;
  }

  /** The number of keys written since the last persist (the cost of the next one). */
  get pending(): number {
    return this.over?.size ?? 0;
  }

  /**
   * The persistent map with every write since the last persist, which becomes
   * the new base. Costs a path copy per key written (nothing when the map
   * underneath was empty: the overlay is handed out as it is); the old map is
   * untouched.
   */
  persist(): PMap<V> {
    const over = this.over;
    if (over === null || over.size === 0) return this.under;
    let map = this.under;
    if (map.size === 0) {
      // Nothing underneath (a replay from a fresh state): the overlay becomes the map as it is, and
      // this map takes a new one. Its trie is built only if something changes or walks it later.
      let size = 0;
      for (const v of over.values()) if (v !== GONE) size++;
      map = pendingMap<V>(over, size, GONE);
    } else if (over.size >= BULK && over.size >= map.size) {
      // Most of the map was written (a replay): build it whole, each node once.
      const keys: string[] = [];
      const vals: V[] = [];
      const keep = (k: string, v: V) => {
        keys.push(k);
        vals.push(v);
      };
      for (const [k, v] of anyOrder(map)) if (!over.has(k)) keep(k, v);
      for (const [k, v] of over) if (v !== GONE) keep(k, v);
      map = build(keys, vals);
    } else {
      const edit = beginEdit();
      for (const [k, v] of over) map = v === GONE ? remove(map, k, edit) : set(map, k, v, edit);
      endEdit(edit);
    }
    this.under = map;
    this.over = null;
    return map;
  }
}

/** A transient single value: a slice's scalar fields. */
export class TBox<T> {
  /** Whether the value was set since the slice was last closed: then nothing else holds it, and it may change in place. */
  fresh = false;

  /** @param value - the value underneath */
  constructor(public value: T) {}

  /** Replaces the value. */
  set(tx: Tx, value: T): void {
    tx.changed++;
    this.value = value;
    this.fresh = true;
  }
}

/**
 * The work of one event: its id and instant, the decisions it makes, the
 * drafts of the records it touches, and what to undo if it is refused.
 * One Tx is reused for every event of a replay.
 */
export class Tx {
  /** The event's id. */
  id = '';
  /** The event's instant, epoch ms. */
  at = 0;
  /** Whether decisions are built (to return them or keep them in history). */
  record = true;
  /** The index of the policy version the event is decided under (0: the first, the only one without a timeline). */
  version = 0;
  /** The decisions of the current event. */
  readonly decisions: unknown[] = [];
  /** How many changes the current event made (a refusal must come before the first). */
  changed = 0;
  // Drafts in an array with its own length, so that its storage is kept from one event to the next.
  private readonly drafts: object[] = [];
  private drafted = 0;
  private many: Set<object> | null = null;

  /** Starts an event. */
  begin(id: string, at: number): void {
    this.id = id;
    this.at = at;
    if (this.decisions.length > 0) this.decisions.length = 0;
    this.changed = 0;
    this.release();
  }

  /**
   * Records a decision of the current event (a no-op when decisions are not
   * kept), noting the policy version it was decided under when that is not
   * the first (see {@link stampVersion}).
   *
   * @param decision - the decision
   * @param version - the version it was decided under; default the event's
   */
  emit(decision: object, version: number = this.version): void {
    if (!this.record) return;
    stampVersion(decision, version);
    this.decisions.push(decision);
  }

  /**
   * The current event's draft of a record: a copy made on the first touch
   * (the record itself when it was written since the last hand-out, as
   * nothing else holds it), the same draft afterwards. Change it freely
   * until the event ends.
   *
   * @param map - the map holding the record
   * @param key - its key
   * @param create - makes the record when the map has none
   * @param copy - copies a record (default a spread; a family's field-by-field
   *   copy is much faster for records that are copies themselves)
   * @returns the draft, already in the map
   */
  draft<V extends object>(map: TMap<V>, key: string, create: () => V, copy: (v: V) => V = spread): V {
    const slot = map.slot(key);
    this.changed++;
    if (slot !== ABSENT && slot !== GONE) {
      const fresh = slot as V;
      return this.isDraft(fresh) ? fresh : this.own(fresh);
    }
    const current = slot === GONE ? undefined : map.base(key);
    const made = current === undefined ? create() : copy(current);
    this.own(made);
    map.set(this, key, made);
    return made;
  }

  /** Sets a slot of an array the current event may change in place (fresh, or its own draft). */
  setSlot<V>(arr: V[], at: number, value: V): void {
    this.changed++;
    arr[at] = value;
  }

  /** Appends to an array the current event may change in place. */
  pushSlot<V>(arr: V[], value: V): void {
    this.changed++;
    arr.push(value);
  }

  /** Marks a freshly made object as this event's draft (so a later `draft` does not copy it again). */
  own<V extends object>(value: V): V {
    if (this.many !== null) this.many.add(value);
    else if (this.drafted === 32) {
      this.many = new Set(this.drafts.slice(0, 32));
      this.many.add(value);
    }
    this.drafts[this.drafted++] = value;
    return value;
  }

  /** Whether an object is a draft of the current event. */
  isDraft(value: object): boolean {
    // Most events draft a handful of records; one that drafts thousands (a departure) gets a set.
    if (this.many !== null) return this.many.has(value);
    const d = this.drafts;
    for (let i = this.drafted - 1; i >= 0; i--) if (d[i] === value) return true;
    return false;
  }

  /** Ends the event: its drafts become immutable records. */
  commit(): void {
    this.release();
  }

  /**
   * Ends a refused event: nothing was changed (rules refuse before they
   * change anything), and its decisions are dropped.
   * @throws Error when the event changed the state before it was refused: a bug, reported rather than hidden
   */
  refuse(): void {
    if (this.changed > 0) throw new Error(`salesfloor internal error: event ${this.id} was refused after it had changed the state`);
    this.release();
    this.decisions.length = 0;
  }

  // Clears the references (so that the old values can be collected), keeping the storage.
  private release(): void {
    if (this.drafted > 0) this.drafts.fill(undefined as unknown as object, 0, this.drafted);
    this.drafted = 0;
    this.many = null;
  }
}

/**
 * Notes on a freshly built decision the policy version it was decided under.
 * The first version (index 0, the only one of an office without a timeline)
 * is not written: a decision without `version` was decided under it, so
 * single-policy offices pay nothing.
 *
 * @param decision - a decision not yet handed out
 * @param version - the version's index in the timeline
 */
export function stampVersion(decision: object, version: number): void {
  if (version !== 0) (decision as { version?: number }).version = version;
}

/**
 * The transient form of a persistent slice: each map becomes a {@link TMap},
 * every other field a {@link TBox}.
 */
export type Transient<S> = { readonly [K in keyof S]: S[K] extends PMap<infer V> ? TMap<V> : TBox<S[K]> };

/**
 * Opens a persistent slice for changes.
 *
 * @param slice - a slice whose fields are maps or plain values
 * @returns its transient form
 */
export function openSlice<S extends object>(slice: S): Transient<S> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(slice)) out[k] = v instanceof PMap ? new TMap(v) : new TBox(v);
  return out as Transient<S>;
}

/**
 * The persistent slice with every change since it was opened (or last
 * closed); `before` itself when nothing changed, so untouched slices stay
 * shared between states.
 *
 * @param open - the transient slice
 * @param before - the persistent slice it was opened from (or last closed to)
 * @returns the persistent slice
 */
export function closeSlice<S extends object>(open: Transient<S>, before: S): S {
  const old = before as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  for (const [k, t] of Object.entries(open as Record<string, TMap<unknown> | TBox<unknown>>)) {
    let v: unknown;
    if (t instanceof TMap) v = t.persist();
    else {
      v = t.value;
      t.fresh = false;
    }
    if (v !== old[k]) (out ??= { ...old })[k] = v;
  }
  return (out ?? before) as S;
}
