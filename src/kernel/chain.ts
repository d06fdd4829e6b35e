/**
 * A persistent stack of keys: pushing shares the rest, so adding one key to
 * a long list costs one cell. Indexes whose entries only grow (persons of a
 * name, clients given to a salesperson) use it instead of arrays, which
 * would be copied whole on every addition.
 *
 * @internal
 */

/**
 * A cell of a key list: a key and the cells pushed before it.
 *
 * @example
 * ```ts
 * // { key: 'e9', next: { key: 'e2', next: null } }
 * ```
 */
export interface Chain {
  readonly key: string;
  readonly next: Chain | null;
}

/** The list with one more key in front. */
export function push(list: Chain | null | undefined, key: string): Chain {
  return { key, next: list ?? null };
}

/** The keys of a list, newest first, each once. */
export function keys(list: Chain | null | undefined): string[] {
  const out: string[] = [];
  let seen: Set<string> | null = null;
  for (let x = list ?? null; x !== null; x = x.next) {
    // Short lists (most) scan; long ones (a salesperson's clients) use a set, so a departure is not quadratic.
    if (seen === null && out.length >= 16) seen = new Set(out);
    if (seen === null ? out.includes(x.key) : seen.has(x.key)) continue;
    out.push(x.key);
    seen?.add(x.key);
  }
  return out;
}

/** Whether a value is a cell of a key list. */
export function isChain(value: unknown): value is Chain {
  return typeof value === 'object' && value !== null && 'key' in value && 'next' in value && Object.keys(value).length === 2;
}
