/**
 * Lists kept in the state, sized exactly.
 *
 * Why: V8 builds an array literal with a spread (`[...list, item]`) by
 * appending, and leaves room for 16 more items: 152 bytes for a list of one,
 * against 24 for an exact one. A client's registrations are such a list, and
 * the state keeps one per client. `concat` allocates the exact size.
 *
 * @internal
 */

/**
 * A new list with one more item at the end, sized exactly. The list itself
 * is not changed.
 *
 * @param list - the list
 * @param item - the item to add
 * @returns a new list of `list.length + 1` items
 * @example
 * ```ts
 * append(['e1'], 'e2'); // ['e1', 'e2']
 * ```
 */
export function append<T>(list: readonly T[], item: T): T[] {
  // `[item]`, not `item`: concat would spread an item that is itself an array.
  return list.concat([item]);
}

/**
 * A new list of two lists' items, the first's first, sized exactly.
 *
 * @param a - the first list
 * @param b - the items after them
 * @returns a new list of `a.length + b.length` items
 * @example
 * ```ts
 * joined(['e1'], ['e2', 'e3']); // ['e1', 'e2', 'e3']
 * ```
 */
export function joined<T>(a: readonly T[], b: readonly T[]): T[] {
  return a.concat(b);
}

/**
 * A record's own entry for a key, or undefined: a key from the data
 * (`"constructor"`, `"toString"`) never reaches the prototype's members.
 *
 * @param record - a record of named entries (a fine schedule, bonuses by product type)
 * @param key - the name, as the data gives it
 * @returns the entry, when the record itself has one
 * @example
 * ```ts
 * ownEntry({ misconduct: 50 }, 'constructor'); // undefined, not Object
 * ```
 * @internal
 */
export function ownEntry<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
