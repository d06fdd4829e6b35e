/**
 * The state's lists are built by `append` and `joined`: the same items as a
 * spread, the input untouched, and no room kept for more (a spread keeps
 * room for 16 more items, over 100 bytes for each client's registrations).
 */
import { fc, test } from '@fast-check/vitest';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { append, joined } from '../../src/kernel/list.js';

const item = fc.oneof(fc.string(), fc.integer(), fc.array(fc.string(), { maxLength: 3 }), fc.record({ event: fc.string() }));

describe('append and joined (fast-check)', () => {
  test.prop([fc.array(item, { maxLength: 20 }), item])('append gives the list and the item, the item kept whole (an array is not spread), the list unchanged', (list, x) => {
    const before = structuredClone(list);
    const out = append(Object.freeze(list.slice()), x);
    expect(out).toEqual([...list, x]);
    expect(out[out.length - 1]).toBe(x);
    expect(list).toEqual(before);
  });

  test.prop([fc.array(item, { maxLength: 20 }), fc.array(item, { maxLength: 20 })])('joined gives the first list then the second, both unchanged', (a, b) => {
    const out = joined(Object.freeze(a.slice()), Object.freeze(b.slice()));
    expect(out).toEqual([...a, ...b]);
    expect(out).not.toBe(a);
  });
});

describe('append keeps no room for more items', () => {
  it('a list of one built by append costs well under one built by a spread, which reserves 17 slots', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const n = 50_000;
    const bytesPerList = (build: (i: number) => unknown[]): number => {
      const held: unknown[][] = new Array<unknown[]>(n);
      gc();
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < n; i++) held[i] = build(i) as unknown[];
      gc();
      const after = process.memoryUsage().heapUsed;
      expect(held[n - 1]).toHaveLength(1);
      return (after - before) / n;
    };
    const empty: readonly number[] = [];
    const exact = bytesPerList((i) => append(empty, i));
    const spread = bytesPerList((i) => [...empty, i]);
    // An exact list of one: a 32-byte array and a 24-byte store. A spread's store holds 17 slots.
    expect(exact).toBeLessThan(100);
    expect(spread - exact).toBeGreaterThan(60);
  });
});
