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
  /** @param value - the value underneath */
  constructor(public value: T) {}

  /** Replaces the value. */
  set(tx: Tx, value: T): void {
    tx.noteUndo(this, '', this.value);
    this.value = value;
  }

  /** @internal */
  restore(_key: string, previous: unknown): void {
    this.value = previous as T;
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
  /** The decisions of the current event. */
  readonly decisions: unknown[] = [];
  private readonly undo: unknown[] = [];
  private readonly drafts = new Set<object>();

  /** Starts an event. */
  begin(id: string, at: number): void {
    this.id = id;
    this.at = at;
    this.decisions.length = 0;
    this.undo.length = 0;
    this.drafts.clear();
  }

  /** Records a decision of the current event (a no-op when decisions are not kept). */
  emit(decision: object): void {
    if (this.record) this.decisions.push(decision);
  }

  /** @internal */
  noteUndo(target: Undoable, key: string, previous: unknown): void {
    this.undo.push(target, key, previous);
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
    const current = map.get(key);
    if (current !== undefined && this.drafts.has(current)) return current;
    const copy = current === undefined ? create() : { ...current };
    this.drafts.add(copy);
    map.set(this, key, copy);
    return copy;
  }

  /** The draft of a boxed record (a slice's scalar fields). */
  draftBox<V extends object>(box: TBox<V>): V {
    const current = box.value;
    if (this.drafts.has(current)) return current;
    const copy = { ...current };
    this.drafts.add(copy);
    box.set(this, copy);
    return copy;
  }

  /** Marks a freshly made object as this event's draft (so a later `draft` does not copy it again). */
  own<V extends object>(value: V): V {
    this.drafts.add(value);
    return value;
  }

  /** Whether an object is a draft of the current event. */
  isDraft(value: object): boolean {
    return this.drafts.has(value);
  }

  /** Ends the event: its drafts become immutable records. */
  commit(): void {
    this.undo.length = 0;
    this.drafts.clear();
  }

  /** Undoes every write of the current event, newest first, and drops its decisions. */
  rollback(): void {
    const u = this.undo;
    for (let i = u.length - 3; i >= 0; i -= 3) (u[i] as Undoable).restore(u[i + 1] as string, u[i + 2]);
    u.length = 0;
    this.drafts.clear();
    this.decisions.length = 0;
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
    const v = t instanceof TMap ? t.persist() : t.value;
    if (v !== old[k]) (out ??= { ...old })[k] = v;
  }
  return (out ?? before) as S;
}
