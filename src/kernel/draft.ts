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
 * the first touch copies the record, later touches in the same event change
 * that copy, and the event's end commits them all at once. A refused event is
 * rolled back from the undo log, so a refusal found late never leaves a
 * partial change behind.
 *
 * @internal
 */
import { beginEdit, endEdit, get, PMap, remove, set } from './map.js';

const ABSENT = Symbol('absent');
const GONE = Symbol('gone');

type Slot<V> = V | typeof GONE;

/** Anything a transaction can roll back. */
interface Undoable {
  restore(key: string, previous: unknown): void;
}

/** Rolls back a record changed in place: `previous` is the record and a copy of its fields. */
const RESTORE: Undoable = {
  restore(_key, previous) {
    const [target, fields] = previous as [object, object];
    for (const k of Object.keys(target)) if (!(k in fields)) delete (target as Record<string, unknown>)[k];
    Object.assign(target, fields);
  },
};

/** A transient map: the keys written since the last {@link persist}, over a persistent map. */
export class TMap<V> implements Undoable {
  private over: Map<string, Slot<V>> | null = null;

  /** @param base - the persistent map underneath */
  constructor(private base: PMap<V>) {}

  /** The value of a key, or undefined. */
  get(key: string): V | undefined {
    const over = this.over;
    if (over !== null) {
      const v = over.get(key);
      if (v !== undefined) return v === GONE ? undefined : v;
    }
    return get(this.base, key);
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
    return this.base.size === 0 && (this.over === null || this.over.size === 0);
  }

  /** Whether a key has a value. */
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Sets a key, noting the old slot in the transaction so that it can be rolled back. */
  set(tx: Tx, key: string, value: V): void {
    const over = (this.over ??= new Map());
    tx.noteUndo(this, key, over.has(key) ? over.get(key) : ABSENT);
    over.set(key, value);
  }

  /** Removes a key. */
  delete(tx: Tx, key: string): void {
    if (!this.has(key)) return;
    const over = (this.over ??= new Map());
    tx.noteUndo(this, key, over.has(key) ? over.get(key) : ABSENT);
    over.set(key, GONE);
  }

  /** @internal */
  restore(key: string, previous: unknown): void {
    if (previous === ABSENT) this.over?.delete(key);
    else this.over?.set(key, previous as Slot<V>);
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
   * the new base. Costs a path copy per key written; the old map is untouched.
   */
  persist(): PMap<V> {
    const over = this.over;
    if (over === null || over.size === 0) return this.base;
    const edit = beginEdit();
    let map = this.base;
    for (const [k, v] of over) map = v === GONE ? remove(map, k, edit) : set(map, k, v, edit);
    endEdit(edit);
    this.base = map;
    this.over = null;
    return map;
  }
}

/** A transient single value: a slice's scalar fields. */
export class TBox<T> implements Undoable {
  /** Whether the value was set since the slice was last closed: then nothing else holds it, and it may change in place. */
  fresh = false;

  /** @param value - the value underneath */
  constructor(public value: T) {}

  /** Replaces the value. */
  set(tx: Tx, value: T): void {
    tx.noteUndo(this, this.fresh ? 'fresh' : '', this.value);
    this.value = value;
    this.fresh = true;
  }

  /** @internal */
  restore(key: string, previous: unknown): void {
    this.value = previous as T;
    this.fresh = key === 'fresh';
  }
}

/** Rolls back an array slot changed in place: `previous` is the array, the index and the old value (or the old length). */
const SLOT: Undoable = {
  restore(key, previous) {
    const [arr, at, old] = previous as [unknown[], number, unknown];
    if (key === 'length') arr.length = at;
    else arr[at] = old;
  },
};

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
  /** The decisions of the current event. */
  readonly decisions: unknown[] = [];
  // Arrays with their own length, so that their storage is kept from one event to the next.
  private readonly undo: unknown[] = [];
  private undone = 0;
  private readonly drafts: object[] = [];
  private drafted = 0;

  /** Starts an event. */
  begin(id: string, at: number): void {
    this.id = id;
    this.at = at;
    if (this.decisions.length > 0) this.decisions.length = 0;
    this.undone = 0;
    this.drafted = 0;
  }

  /** Records a decision of the current event (a no-op when decisions are not kept). */
  emit(decision: object): void {
    if (this.record) this.decisions.push(decision);
  }

  /** @internal */
  noteUndo(target: Undoable, key: string, previous: unknown): void {
    const u = this.undo;
    const i = this.undone;
    u[i] = target;
    u[i + 1] = key;
    u[i + 2] = previous;
    this.undone = i + 3;
  }

  /**
   * The current event's draft of a record: a copy made on the first touch,
   * the same copy afterwards. Change it freely until the event ends.
   *
   * @param map - the map holding the record
   * @param key - its key
   * @param create - makes the record when the map has none
   * @returns the draft, already in the map
   */
  draft<V extends object>(map: TMap<V>, key: string, create: () => V): V {
    const fresh = map.fresh(key);
    if (fresh !== undefined) {
      if (this.isDraft(fresh)) return fresh;
      // Written since the last persist: nothing else holds it, so it changes in place; a rollback restores its fields.
      this.noteUndo(RESTORE, '', [fresh, { ...fresh }]);
      return this.own(fresh);
    }
    const current = map.get(key);
    const copy = current === undefined ? create() : { ...current };
    this.own(copy);
    map.set(this, key, copy);
    return copy;
  }

  /** The draft of a boxed record (a slice's scalar fields). */
  draftBox<V extends object>(box: TBox<V>): V {
    const current = box.value;
    if (this.isDraft(current)) return current;
    const copy = this.own({ ...current });
    box.set(this, copy);
    return copy;
  }

  /** Sets a slot of an array the current event may change in place (fresh, or its own draft), undoably. */
  setSlot<V>(arr: V[], at: number, value: V): void {
    this.noteUndo(SLOT, '', [arr, at, arr[at]]);
    arr[at] = value;
  }

  /** Appends to an array the current event may change in place, undoably. */
  pushSlot<V>(arr: V[], value: V): void {
    this.noteUndo(SLOT, 'length', [arr, arr.length, undefined]);
    arr.push(value);
  }

  /** Marks a freshly made object as this event's draft (so a later `draft` does not copy it again). */
  own<V extends object>(value: V): V {
    this.drafts[this.drafted++] = value;
    return value;
  }

  /** Whether an object is a draft of the current event. */
  isDraft(value: object): boolean {
    const d = this.drafts;
    for (let i = this.drafted - 1; i >= 0; i--) if (d[i] === value) return true;
    return false;
  }

  /** Ends the event: its drafts become immutable records. */
  commit(): void {
    this.release();
  }

  /** Undoes every write of the current event, newest first, and drops its decisions. */
  rollback(): void {
    const u = this.undo;
    for (let i = this.undone - 3; i >= 0; i -= 3) (u[i] as Undoable).restore(u[i + 1] as string, u[i + 2]);
    this.release();
    this.decisions.length = 0;
  }

  // Clears the references (so that the old values can be collected), keeping the storage.
  private release(): void {
    this.undo.fill(undefined, 0, this.undone);
    this.drafts.fill(undefined as unknown as object, 0, this.drafted);
    this.undone = 0;
    this.drafted = 0;
  }
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
