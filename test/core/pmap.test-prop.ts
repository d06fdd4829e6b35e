import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { anyOrder, beginEdit, build, emptyMap, endEdit, entries, get, remove, set, sortedEntries, type PMap } from '../../src/kernel/map.js';
import { TMap, Tx } from '../../src/kernel/draft.js';

// Short keys over a tiny alphabet force hash collisions and deep tries.
const key = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '张', '1'), maxLength: 4 });
const op = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key, value: fc.integer() }),
  fc.record({ kind: fc.constant('remove' as const), key }),
);

function run(ops: { kind: 'set' | 'remove'; key: string; value?: number }[], transient: boolean) {
  const model = new Map<string, number>();
  const edit = transient ? beginEdit() : undefined;
  let map: PMap<number> = emptyMap();
  const history: { map: PMap<number>; model: Map<string, number> }[] = [];
  for (const o of ops) {
    if (o.kind === 'set') {
      map = set(map, o.key, o.value ?? 0, edit);
      model.set(o.key, o.value ?? 0);
    } else {
      map = remove(map, o.key, edit);
      model.delete(o.key);
    }
    if (!transient) history.push({ map, model: new Map(model) });
  }
  if (edit) endEdit(edit);
  return { map, model, history };
}

/** The operations on a transient map and on its model. */
function write(t: TMap<number>, tx: Tx, model: Map<string, number>, ops: readonly { kind: 'set' | 'remove'; key: string; value?: number }[]): void {
  for (const o of ops) {
    if (o.kind === 'set') {
      t.set(tx, o.key, o.value ?? 0);
      model.set(o.key, o.value ?? 0);
    } else {
      t.delete(tx, o.key);
      model.delete(o.key);
    }
  }
}

describe('PMap, the persistent map under the state', () => {
  test.prop([fc.array(op, { maxLength: 200 })])('agrees with a Map after any sequence of sets and removes', (ops) => {
    const { map, model } = run(ops, false);
    expect(map.size).toBe(model.size);
    expect(new Map(entries(map))).toEqual(model);
    for (const k of model.keys()) expect(get(map, k)).toBe(model.get(k));
  });

  test.prop([fc.array(op, { maxLength: 200 })])('bulk (transient) mode gives the same map as persistent mode', (ops) => {
    const a = run(ops, false);
    const b = run(ops, true);
    expect(b.map.size).toBe(a.map.size);
    expect(new Map(entries(b.map))).toEqual(new Map(entries(a.map)));
  });

  test.prop([fc.array(op, { maxLength: 100 })])('every earlier version stays intact (persistence)', (ops) => {
    const { history } = run(ops, false);
    for (const h of history) {
      expect(h.map.size).toBe(h.model.size);
      expect(new Map(entries(h.map))).toEqual(h.model);
    }
  });

  test.prop([fc.array(op, { maxLength: 100 }), fc.array(op, { maxLength: 50 })])('a bulk edit never changes a map it did not create', (before, after) => {
    const base = run(before, false).map;
    const snapshot = new Map(entries(base));
    const edit = beginEdit();
    let m = base;
    for (const o of after) m = o.kind === 'set' ? set(m, o.key, o.value ?? 0, edit) : remove(m, o.key, edit);
    endEdit(edit);
    expect(new Map(entries(base))).toEqual(snapshot);
    expect(base.size).toBe(snapshot.size);
  });

  test.prop([fc.uniqueArray(fc.oneof(key, fc.string({ maxLength: 12 })), { maxLength: 600 })])('a map built whole is the map of the same keys set one by one, node for node', (keys) => {
    const one = keys.reduce<PMap<number>>((m, k, i) => set(m, k, i), emptyMap());
    const whole = build(keys, keys.map((_, i) => i));
    expect(whole.size).toBe(keys.length);
    expect([...entries(whole)]).toEqual([...entries(one)]);
    expect(whole.root).toEqual(one.root);
    // And it goes on like any map.
    const model = new Map(keys.map((k, i) => [k, i]));
    model.delete(keys[0] ?? 'x');
    model.set('new key', -1);
    const more = set(remove(whole, keys[0] ?? 'x'), 'new key', -1);
    expect(new Map(entries(more))).toEqual(model);
    expect(more.size).toBe(model.size);
  });

  test.prop([fc.array(op, { maxLength: 400 }), fc.array(op, { maxLength: 400 })])('a transient map persists to its model, by key or whole', (first, second) => {
    const model = new Map<string, number>();
    const tx = new Tx();
    const t = new TMap<number>(emptyMap());
    const handedOut: [PMap<number>, [string, number][]][] = [];
    for (const ops of [first, second]) {
      write(t, tx, model, ops);
      const map = t.persist();
      handedOut.push([map, [...entries(map)]]);
      expect(map.size).toBe(model.size);
      expect(new Map(entries(map))).toEqual(model);
    }
    // A map handed out is never changed by later writes.
    for (const [map, seen] of handedOut) expect([...entries(map)]).toEqual(seen);
  });

  test.prop([fc.array(op, { maxLength: 400 }), fc.array(op, { maxLength: 40 }), fc.boolean()])(
    'a map handed out over nothing reads from its overlay, then builds the trie a whole build gives',
    (ops, later, frozen) => {
      const model = new Map<string, number>();
      const tx = new Tx();
      const t = new TMap<number>(emptyMap());
      write(t, tx, model, ops);
      const map = t.persist();
      if (frozen) Object.freeze(map);
      // Reads, size and sorted order need no trie: the removed keys read as absent.
      expect(map.pending === null).toBe(model.size === 0);
      expect(map.size).toBe(model.size);
      for (const o of ops) expect(get(map, o.key)).toBe(model.get(o.key));
      expect(sortedEntries(map)).toEqual([...model].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
      expect(new Map(anyOrder(map))).toEqual(model);
      expect(model.size === 0 || map.pending !== null).toBe(true);
      // Walking it in hash order builds the trie, node for node the one of a whole build.
      const whole = build([...model.keys()], [...model.values()]);
      expect([...entries(map)]).toEqual([...entries(whole)]);
      expect(map.root).toEqual(whole.root);
      expect(map.pending === null).toBe(!frozen || model.size === 0);
      // Changes after it leave it as it was, like any map.
      const seen = [...entries(map)];
      let next = map;
      for (const o of later) next = o.kind === 'set' ? set(next, o.key, o.value ?? 0) : remove(next, o.key);
      expect([...entries(map)]).toEqual(seen);
      for (const o of later) o.kind === 'set' ? model.set(o.key, o.value ?? 0) : model.delete(o.key);
      expect(new Map(entries(next))).toEqual(model);
      expect(next.size).toBe(model.size);
    },
  );
});
