/**
 * Who is "the same client" (RULES §A). A person is one identity record,
 * keyed by the id of the event that first registered them; persons found to
 * be the same, family, or a company and its contact form one client group,
 * keyed by the earliest member. Ownership is decided per group.
 */
import { emptyMap, get, set, type PMap } from '../_lib/pmap.js';
import type { ClientRef, Relation } from '../../events/common.js';
import type { Policy } from '../../policy/schema.js';
import type { Ctx } from '../office/context.js';
import { maskKeys, normalizePhone, type Phone } from '../../identity/phone.js';

/**
 * How a person joined their group: what they are to `to`.
 *
 * @example
 * ```ts
 * // { to: 'e2', relation: 'spouse' }
 * ```
 */
export type LinkRelation = Relation | 'same' | 'companyContact';

/**
 * One identity record.
 *
 * @example
 * ```ts
 * // { key: 'e2', group: 'e2', link: null, names: ['张伟'], phones: [{ phone: '13812345678', event: 'e2' }], ... }
 * ```
 */
export interface Person {
  readonly key: string;
  /** The key of the client group (its earliest member). */
  readonly group: string;
  readonly link: { readonly to: string; readonly relation: LinkRelation } | null;
  readonly names: readonly string[];
  readonly phones: readonly { readonly phone: string; readonly event: string }[];
  /** Masked phones known only in masked form, as mask keys. */
  readonly masks: readonly string[];
  readonly company: string | null;
  readonly contact: string | null;
  readonly need: string | null;
  /** Epoch ms when first registered. */
  readonly since: number;
}

/**
 * The identity slice of an office state.
 *
 * @example
 * ```ts
 * clientOf(state.identity, 'e2'); // 'e2'
 * ```
 */
export interface IdentityState {
  readonly people: PMap<Person>;
  /** Group key → member keys, the group key first. */
  readonly members: PMap<readonly string[]>;
  readonly byPhone: PMap<string>;
  /** Mask key → persons with a full mobile of that mask. */
  readonly byMask: PMap<readonly string[]>;
  /** Mask key → persons known only by that masked phone. */
  readonly byMaskOnly: PMap<readonly string[]>;
  readonly byName: PMap<readonly string[]>;
  readonly byCompany: PMap<string>;
}

/** How a reference matched. */
export type Match = 'key' | 'phone' | 'maskedPhone' | 'name' | 'company';

/**
 * The result of looking a client reference up.
 * @internal
 */
export type Resolution =
  | { readonly found: true; readonly person: string; readonly client: string; readonly match: Match; readonly note: string }
  | { readonly found: false; readonly unknownKey: boolean; readonly note: string };

/** An empty identity slice. @internal */
export function initialIdentity(): IdentityState {
  const empty = emptyMap<never>();
  return { people: empty, members: empty, byPhone: empty, byMask: empty, byMaskOnly: empty, byName: empty, byCompany: empty };
}

function cleanName(name: string | undefined): string | undefined {
  const n = name?.replace(/\s+/g, ' ').trim();
  return n ? n : undefined;
}

function cleanNeed(need: string | null | undefined): string | null {
  return need ? need.replace(/\s+/g, '').toLowerCase() : null;
}

function sameSurname(a: string, b: string): boolean {
  return a.charAt(0) === b.charAt(0);
}

/**
 * Whether a company reference counts as a company buyer: a company name and
 * its contact person (ID-COMPANY). A legal-person name alone does not.
 * @internal
 */
export function isCompanyRef(ref: ClientRef): boolean {
  return ref.company !== undefined && ref.contact !== undefined;
}

/**
 * The client group of a person, or of a group key.
 *
 * @param identity - the identity slice (`state.identity`)
 * @param person - a person or client key
 * @returns the client key, or `undefined` when unknown
 * @example
 * ```ts
 * clientOf(state.identity, 'e9'); // 'e2' when e9's person joined e2's family
 * ```
 */
export function clientOf(identity: IdentityState, person: string): string | undefined {
  return get(identity.people, person)?.group;
}

/** A person by key. @internal */
export function personOf(identity: IdentityState, key: string): Person | undefined {
  return get(identity.people, key);
}

function earliest(identity: IdentityState, keys: readonly string[]): Person | undefined {
  let best: Person | undefined;
  for (const key of keys) {
    const p = get(identity.people, key);
    if (p && (!best || p.since < best.since || (p.since === best.since && p.key < best.key))) best = p;
  }
  return best;
}

function needsAgree(policy: Policy, person: Person, ref: ClientRef): boolean {
  if (!policy.identity.needMustMatch) return true;
  const a = cleanNeed(person.need);
  const b = cleanNeed(ref.need);
  return a === null || b === null || a === b;
}

function found(identity: IdentityState, person: Person, match: Match, note: string): Resolution {
  return { found: true, person: person.key, client: person.group, match, note };
}

/**
 * Finds the person a reference names (ID-MATCH, ID-PHONE, ID-COMPANY), by,
 * in order: a known key, the company, the full phone, a masked phone, the
 * name. Several candidates resolve to the earliest registered (REG-FIRST).
 * @internal
 */
export function resolve(identity: IdentityState, ref: ClientRef, policy: Policy): Resolution {
  if (ref.key !== undefined) {
    const person = get(identity.people, ref.key);
    if (!person) return { found: false, unknownKey: true, note: `no client with key "${ref.key}"` };
    return found(identity, person, 'key', `client key ${ref.key}`);
  }
  const name = cleanName(ref.name);
  if (ref.company !== undefined) {
    const key = get(identity.byCompany, ref.company);
    const person = key === undefined ? undefined : get(identity.people, key);
    if (person) return found(identity, person, 'company', `same company "${ref.company}"`);
  }
  const phone: Phone | undefined = ref.phone === undefined ? undefined : normalizePhone(ref.phone);
  const nameAgrees = (p: Person) => name === undefined || p.names.length === 0 || p.names.includes(name);
  if (phone?.kind === 'full') {
    const key = get(identity.byPhone, phone.digits);
    const person = key === undefined ? undefined : get(identity.people, key);
    if (person && needsAgree(policy, person, ref)) {
      if (policy.identity.matchOn !== 'phoneAndName') return found(identity, person, 'phone', 'same phone');
      if (name !== undefined && nameAgrees(person)) return found(identity, person, 'phone', 'same phone and name');
    }
  }
  if (phone && phone.kind !== 'invalid' && policy.identity.maskedPhones !== 'never') {
    const candidates: string[] = [];
    for (const mask of maskKeys(phone)) {
      candidates.push(...(get(identity.byMaskOnly, mask) ?? []));
      if (phone.kind === 'masked') candidates.push(...(get(identity.byMask, mask) ?? []));
    }
    const fitting = candidates.filter((key) => {
      const p = get(identity.people, key);
      if (!p || !needsAgree(policy, p, ref)) return false;
      if (policy.identity.maskedPhones === 'sufficient') return true;
      return name !== undefined && p.names.some((n) => sameSurname(n, name));
    });
    const person = earliest(identity, fitting);
    if (person) return found(identity, person, 'maskedPhone', 'same visible digits of a masked phone');
  }
  if (name !== undefined && policy.identity.matchOn === 'phoneOrName') {
    const fitting = (get(identity.byName, name) ?? []).filter((key) => {
      const p = get(identity.people, key);
      return p !== undefined && needsAgree(policy, p, ref);
    });
    const person = earliest(identity, fitting);
    if (person) return found(identity, person, 'name', `same name "${name}"`);
  }
  return { found: false, unknownKey: false, note: 'no earlier registration matches' };
}

function addTo(map: PMap<readonly string[]>, key: string, value: string, ctx: Ctx): PMap<readonly string[]> {
  const list = get(map, key) ?? [];
  return list.includes(value) ? map : set(map, key, [...list, value], ctx.edit);
}

/**
 * Records a person (new or known) with what a reference adds: names, phones,
 * company, need. Indexes are updated; the first person to use a phone keeps it.
 * @internal
 */
export function register(identity: IdentityState, key: string, ref: ClientRef, ctx: Ctx): IdentityState {
  const old = get(identity.people, key);
  const name = cleanName(ref.name);
  const phone = ref.phone === undefined ? undefined : normalizePhone(ref.phone);
  const company = isCompanyRef(ref) ? (ref.company ?? null) : null;
  let next: Person = old ?? {
    key,
    group: key,
    link: null,
    names: [],
    phones: [],
    masks: [],
    company: null,
    contact: null,
    need: null,
    since: ctx.at,
  };
  let { byPhone, byMask, byMaskOnly, byName, byCompany, members } = identity;
  if (!old) members = set(members, key, [key], ctx.edit);
  if (name !== undefined && !next.names.includes(name)) {
    next = { ...next, names: [...next.names, name] };
    byName = addTo(byName, name, key, ctx);
  }
  if (phone?.kind === 'full' && !next.phones.some((p) => p.phone === phone.digits)) {
    next = { ...next, phones: [...next.phones, { phone: phone.digits, event: ctx.event.id }] };
    if (get(byPhone, phone.digits) === undefined) byPhone = set(byPhone, phone.digits, key, ctx.edit);
    for (const mask of maskKeys(phone)) byMask = addTo(byMask, mask, key, ctx);
  }
  if (phone?.kind === 'masked') {
    const [mask] = maskKeys(phone);
    if (mask !== undefined && !next.masks.includes(mask)) {
      next = { ...next, masks: [...next.masks, mask] };
      byMaskOnly = addTo(byMaskOnly, mask, key, ctx);
    }
  }
  if (company !== null && next.company === null) {
    next = { ...next, company, contact: ref.contact ?? null };
    if (get(byCompany, company) === undefined) byCompany = set(byCompany, company, key, ctx.edit);
  }
  if (ref.need !== undefined && ref.need !== next.need) next = { ...next, need: ref.need };
  if (next === old) return identity;
  return { people: set(identity.people, key, next, ctx.edit), members, byPhone, byMask, byMaskOnly, byName, byCompany };
}

/**
 * Joins the groups of two persons (ID-FAMILY, ID-MATCH). The earlier group
 * absorbs the later; returns both group keys.
 * @internal
 */
export function link(
  identity: IdentityState,
  a: string,
  b: string,
  relation: LinkRelation,
  ctx: Ctx,
): { state: IdentityState; into: string; from: string } {
  const pa = get(identity.people, a);
  const pb = get(identity.people, b);
  if (!pa || !pb) throw new Error(`link: unknown person ${pa ? b : a}`);
  const ra = get(identity.people, pa.group) as Person;
  const rb = get(identity.people, pb.group) as Person;
  if (ra.key === rb.key) return { state: identity, into: ra.key, from: rb.key };
  const [into, from] = ra.since < rb.since || (ra.since === rb.since && ra.key < rb.key) ? [ra, rb] : [rb, ra];
  const moving = get(identity.members, from.key) ?? [from.key];
  let people = identity.people;
  for (const key of moving) {
    const p = get(people, key) as Person;
    people = set(people, key, { ...p, group: into.key }, ctx.edit);
  }
  // Only b learns its relation: `relation` is what b is to a.
  const linked = get(people, b) as Person;
  if (linked.link === null) people = set(people, b, { ...linked, link: { to: a, relation } }, ctx.edit);
  let members = set(identity.members, into.key, [...(get(identity.members, into.key) ?? [into.key]), ...moving], ctx.edit);
  members = set(members, from.key, [], ctx.edit);
  return { state: { ...identity, people, members }, into: into.key, from: from.key };
}

/**
 * Splits off the phones a registration brought into a new person of its own,
 * after a ruling that it is not the same client (ID-MATCH).
 * @internal
 */
export function split(
  identity: IdentityState,
  person: string,
  registration: { readonly event: string; readonly at: number; readonly ref: ClientRef | undefined },
  ctx: Ctx,
): IdentityState {
  const old = get(identity.people, person);
  if (!old) return identity;
  const key = registration.event;
  const moved = old.phones.filter((p) => p.event === key);
  let { byPhone, byMask } = identity;
  for (const p of moved) {
    byPhone = set(byPhone, p.phone, key, ctx.edit);
    for (const mask of maskKeys(normalizePhone(p.phone))) byMask = addTo(byMask, mask, key, ctx);
  }
  const name = cleanName(registration.ref?.name);
  const fresh: Person = {
    key,
    group: key,
    link: null,
    names: name === undefined ? [] : [name],
    phones: moved,
    masks: [],
    company: null,
    contact: null,
    need: registration.ref?.need ?? null,
    since: registration.at,
  };
  let people = set(identity.people, person, { ...old, phones: old.phones.filter((p) => p.event !== key) }, ctx.edit);
  people = set(people, key, fresh, ctx.edit);
  let byName = identity.byName;
  if (name !== undefined) byName = addTo(byName, name, key, ctx);
  const members = set(identity.members, key, [key], ctx.edit);
  return { ...identity, people, byPhone, byMask, byName, members };
}

/**
 * Whether a relation makes one client group under the policy (ID-FAMILY):
 * the same person and a company with its contact always do.
 * @internal
 */
export function joinsGroup(policy: Policy, relation: LinkRelation): boolean {
  return relation === 'same' || relation === 'companyContact' || policy.identity.familyRelations.includes(relation);
}

/**
 * Whether two persons' needs allow a family group (ID-FAMILY: same need).
 * @internal
 */
export function familyNeedsAgree(policy: Policy, a: Person, b: Person): boolean {
  if (!policy.identity.familyNeedMustMatch) return true;
  const x = cleanNeed(a.need);
  const y = cleanNeed(b.need);
  return x === null || y === null || x === y;
}
