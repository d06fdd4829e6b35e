import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { beginEdit, emptyMap, endEdit, entries, get, remove, set, type PMap } from '../../src/kernel/map.js';

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
});
