/**
 * The snapshot form of the state's building blocks, as zod schemas that
 * validate a snapshot's JSON and decode it in the same pass: a persistent
 * map is `{ $map: [[key, value], ...] }`, a key list `{ $keys: [...] }`.
 * Families compose them into the schema of their slice, so that a snapshot
 * is checked field by field before a state is handed out (issue 13): a
 * hostile snapshot gives issues, never a crash or a corrupt state.
 *
 * @internal
 */
import { z } from 'zod';
import { push, type Chain } from './chain.js';
import { pendingMap, type PMap } from './map.js';

// No decoded value is this: a map read back has no absent keys to mark.
const NO_TOMB = Symbol('none');

/**
 * Refinement options that run a check only on a value that passed its
 * schema: zod runs refinements after issues it can continue from, and a
 * cross-check would then read a map that was never decoded.
 */
export const whenValid = { when: (payload: { readonly issues: readonly unknown[] }) => payload.issues.length === 0 };

/** A string key or id of the state: bounded like the ids of events. */
export const keySchema = z.string().max(1000);

/** A name, label or other text kept in the state. */
export const textSchema = z.string().max(10_000);

/** An instant as epoch ms. */
export const msSchema = z.number().int().min(0).max(8.64e15);

/** A count or a position. */
export const countSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A decimal string of the state (sums may outgrow the bounds of an event's amount; Money keeps 40 digits). */
export const stateDecimalSchema = z.string().regex(/^-?(0|[1-9]\d{0,29})(\.\d{1,12})?$/, 'must be a decimal string');

/**
 * A persistent map in snapshot form, decoded to a {@link PMap}. Keys must be
 * distinct; `keyOf`, when given, says which field of a value must equal its
 * key (a member under the id of another would corrupt every look-up).
 *
 * @param value - the schema of one value
 * @param keyOf - the value's own key, if it has one
 * @returns the schema of the map
 */
export function mapSchema<O, I>(value: z.ZodType<O, I>, keyOf?: (v: O) => string): z.ZodType<PMap<O>, unknown> {
  return z
    .strictObject({ $map: z.array(z.tuple([keySchema, value])) })
    .superRefine(({ $map }, ctx) => {
      const keys = new Set<string>();
      for (const [i, [k, v]] of $map.entries()) {
        if (keys.has(k)) ctx.addIssue({ code: 'custom', path: ['$map', i, 0], message: `the key "${k.slice(0, 60)}" appears twice` });
        keys.add(k);
        if (keyOf !== undefined && keyOf(v) !== k) ctx.addIssue({ code: 'custom', path: ['$map', i, 1], message: `the entry under "${k.slice(0, 60)}" is keyed "${keyOf(v).slice(0, 60)}"` });
      }
    }, whenValid)
    .transform(({ $map }) => {
      // Kept as the replay keeps a map it filled: a `Map` now, its trie built when something first needs one.
      const entries = new Map<string, O>();
      for (const [k, v] of $map) entries.set(k, v);
      return pendingMap<O>(entries, entries.size, NO_TOMB);
    }) as unknown as z.ZodType<PMap<O>, unknown>;
}

/** A key list in snapshot form (a set of keys), decoded to a {@link Chain}. */
export const chainSchema: z.ZodType<Chain, unknown> = z
  .strictObject({ $keys: z.array(keySchema).min(1) })
  .transform(({ $keys }) => {
    let list: Chain | null = null;
    for (const key of $keys) list = push(list, key);
    return list as Chain;
  }) as unknown as z.ZodType<Chain, unknown>;
