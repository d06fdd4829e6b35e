/**
 * The ownership slice: every client's file, and an index of clients by owner
 * (for departures and per-salesperson views).
 */
import { emptyMap, get, remove, set, type PMap } from '../_lib/pmap.js';
import type { Ctx } from '../office/context.js';
import type { ClientFile } from './file.js';

/**
 * The ownership slice of an office state.
 *
 * @example
 * ```ts
 * // state.ownership.files: client key → ClientFile
 * ```
 */
export interface OwnershipState {
  readonly files: PMap<ClientFile>;
  /** Owner → the keys of the clients they own. */
  readonly byOwner: PMap<PMap<true>>;
}

/** An empty ownership slice. @internal */
export function initialOwnership(): OwnershipState {
  return { files: emptyMap(), byOwner: emptyMap() };
}

/** A client's file. @internal */
export function fileOf(slice: OwnershipState, key: string): ClientFile | undefined {
  return get(slice.files, key);
}

/** Stores a file and keeps the owner index in step. @internal */
export function putFile(slice: OwnershipState, stored: ClientFile, ctx: Ctx): OwnershipState {
  const file = ctx.keepHistory || stored.history.length === 0 ? stored : { ...stored, history: [] };
  const before = get(slice.files, file.key);
  if (before === file) return slice;
  let byOwner = slice.byOwner;
  if (before?.owner && before.owner !== file.owner) {
    const owned = remove(get(byOwner, before.owner) ?? emptyMap<true>(), file.key, ctx.edit);
    byOwner = set(byOwner, before.owner, owned, ctx.edit);
  }
  if (file.owner && before?.owner !== file.owner) {
    const owned = set(get(byOwner, file.owner) ?? emptyMap<true>(), file.key, true as const, ctx.edit);
    byOwner = set(byOwner, file.owner, owned, ctx.edit);
  }
  return { files: set(slice.files, file.key, file, ctx.edit), byOwner };
}

/** Removes a file absorbed into another (after a merge). @internal */
export function dropFile(slice: OwnershipState, key: string, ctx: Ctx): OwnershipState {
  const before = get(slice.files, key);
  if (!before) return slice;
  let byOwner = slice.byOwner;
  if (before.owner) byOwner = set(byOwner, before.owner, remove(get(byOwner, before.owner) ?? emptyMap<true>(), key, ctx.edit), ctx.edit);
  return { files: remove(slice.files, key, ctx.edit), byOwner };
}
