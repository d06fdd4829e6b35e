/**
 * The identity slice: one record per person, and the indexes that find a
 * person from what a registration book writes (phone, masked phone, name,
 * company).
 */
import { z } from 'zod';
import type { Chain } from '../kernel/chain.js';
import { chainSchema, keySchema, mapSchema, msSchema, textSchema, whenValid } from '../kernel/codec.js';
import { append } from '../kernel/list.js';
import { anyOrder, emptyMap, type Lookup, type PMap } from '../kernel/map.js';
import { relationSchema, type Relation } from '../events/common.js';

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
 * One identity record, keyed by the id of the event that first registered
 * the person. Persons found to be the same, family, or a company and its
 * contact form one client group, keyed by its earliest member.
 *
 * @example
 * ```ts
 * // { key: 'e2', group: 'e2', link: null, names: '张伟', phones: '13812345678', masks: null, ... }
 * namesOf(person);  // ['张伟']
 * phonesOf(person); // [{ phone: '13812345678', event: 'e2' }]
 * ```
 */
export interface Person {
  readonly key: string;
  /** The key of the client group (its earliest member). */
  readonly group: string;
  readonly link: { readonly to: string; readonly relation: LinkRelation } | null;
  /** The names given, first first (see {@link namesOf}). */
  readonly names: Keys | null;
  /**
   * Full phones (digits), each with the event that brought it; a lone string
   * is one phone brought by the person's first registration (see {@link phonesOf}).
   */
  readonly phones: string | readonly PersonPhone[] | null;
  /** Phones known only in masked form, as mask keys (`138*88888`). */
  readonly masks: Keys | null;
  readonly company: string | null;
  readonly contact: string | null;
  readonly need: string | null;
  /** Epoch ms when first registered. */
  readonly since: number;
}

/** One key, or several. Most names and phone tails belong to one person, so they cost no array. */
export type Keys = string | readonly string[];

/**
 * A full phone of a person and the event that brought it.
 *
 * @example
 * ```ts
 * // { phone: '13812345678', event: 'e2' }
 * ```
 */
export interface PersonPhone {
  readonly phone: string;
  readonly event: string;
}

/**
 * A person's copy to change. Field by field on purpose: V8 copies a spread of
 * a record that is itself a copy on its slow path, about ten times slower.
 * @internal
 */
export function copyPerson(p: Person): { -readonly [K in keyof Person]: Person[K] } {
  return { key: p.key, group: p.group, link: p.link, names: p.names, phones: p.phones, masks: p.masks, company: p.company, contact: p.contact, need: p.need, since: p.since };
}

/**
 * A person's names, first first: {@link Person.names} as a list.
 *
 * @param p - the person (or anything with its `names`)
 * @returns the names; empty when none was given
 * @example
 * ```ts
 * namesOf(state.identity.people.get('e2')!); // ['张伟']
 * ```
 * Implements the record behind ID-MATCH.
 */
export function namesOf(p: Pick<Person, 'names'>): readonly string[] {
  return keysOf(p.names ?? undefined);
}

/**
 * A person's full phones with the events that brought them:
 * {@link Person.phones} as a list.
 *
 * @param p - the person (or anything with its `phones` and `key`)
 * @returns the phones, first first; empty when none is known in full
 * @example
 * ```ts
 * phonesOf(state.identity.people.get('e2')!); // [{ phone: '13812345678', event: 'e2' }]
 * ```
 * Implements the record behind ID-PHONE.
 */
export function phonesOf(p: Pick<Person, 'phones' | 'key'>): readonly PersonPhone[] {
  const x = p.phones;
  return x === null ? [] : typeof x === 'string' ? [{ phone: x, event: p.key }] : x;
}

/** Phones in their compact form: a lone phone of the person's first registration is a string. @internal */
export function compactPhones(key: string, phones: readonly PersonPhone[]): Person['phones'] {
  if (phones.length === 0) return null;
  const only = phones[0] as PersonPhone;
  return phones.length === 1 && only.event === key ? only.phone : phones;
}

/**
 * The identity slice of an office state.
 *
 * @example
 * ```ts
 * findClient(state, '138 1234 5678'); // 'e2'
 * ```
 */
export interface IdentityState {
  readonly people: PMap<Person>;
  /** Group key → member keys, the group key first; only groups of more than one. */
  readonly members: PMap<readonly string[]>;
  /** Full phone digits → the person. */
  readonly byPhone: PMap<string>;
  /** Last four digits of a full mobile → persons (masked look-ups). */
  readonly byTail: PMap<Chain>;
  /** Mask key → persons known only by that masked phone. */
  readonly byMaskOnly: PMap<Chain>;
  /** Name → the persons of that name. */
  readonly byName: PMap<Chain>;
  readonly byCompany: PMap<string>;
}

/** The identity slice, read through maps that may be persistent or open. @internal */
export type IdentityReader = { readonly [K in keyof IdentityState]: IdentityState[K] extends PMap<infer V> ? Lookup<V> : never };

/** An empty identity slice. @internal */
export function initialIdentity(): IdentityState {
  return { people: emptyMap(), members: emptyMap(), byPhone: emptyMap(), byTail: emptyMap(), byMaskOnly: emptyMap(), byName: emptyMap(), byCompany: emptyMap() };
}

/** The keys of an index entry. @internal */
export function keysOf(k: Keys | undefined): readonly string[] {
  return k === undefined ? [] : typeof k === 'string' ? [k] : k;
}

/** An index entry with one more key. @internal */
export function withKey(k: Keys | undefined, key: string): Keys {
  if (k === undefined) return key;
  if (typeof k === 'string') return k === key ? k : [k, key];
  return k.includes(key) ? k : append(k, key);
}

const keysSchema = z.union([keySchema, z.array(keySchema).min(1)]);

const personSchema = z.strictObject({
  key: keySchema,
  group: keySchema,
  link: z.strictObject({ to: keySchema, relation: z.union([relationSchema, z.enum(['same', 'companyContact'])]) }).nullable(),
  names: z.union([textSchema, z.array(textSchema).min(1)]).nullable(),
  phones: z.union([keySchema, z.array(z.strictObject({ phone: keySchema, event: keySchema })).min(1)]).nullable(),
  masks: keysSchema.nullable(),
  company: textSchema.nullable(),
  contact: textSchema.nullable(),
  need: textSchema.nullable(),
  since: msSchema,
}).transform(copyPerson);

/**
 * The identity slice in snapshot form, checked and decoded (issue 13):
 * every index names persons on record, and every person's group is one.
 * @internal
 */
export const identitySliceSchema: z.ZodType<IdentityState, unknown> = z
  .strictObject({
    people: mapSchema(personSchema, (p) => p.key),
    members: mapSchema(z.array(keySchema).min(1)),
    byPhone: mapSchema(keySchema),
    byTail: mapSchema(chainSchema),
    byMaskOnly: mapSchema(chainSchema),
    byName: mapSchema(chainSchema),
    byCompany: mapSchema(keySchema),
  })
  .superRefine((s, ctx) => {
    const known = (key: string) => s.people.get(key) !== undefined;
    const check = (path: string, key: string, keys: readonly string[]) => {
      for (const k of keys) if (!known(k)) ctx.addIssue({ code: 'custom', path: [path, key.slice(0, 100)], message: `names no person on record ("${k.slice(0, 60)}")` });
    };
    const chain = (c: Chain) => {
      const out: string[] = [];
      for (let x: Chain | null = c; x !== null; x = x.next) out.push(x.key);
      return out;
    };
    for (const [k, p] of anyOrder(s.people)) {
      if (!known(p.group)) ctx.addIssue({ code: 'custom', path: ['people', k.slice(0, 100), 'group'], message: 'the group is no person on record' });
      if (p.link !== null && !known(p.link.to)) ctx.addIssue({ code: 'custom', path: ['people', k.slice(0, 100), 'link'], message: 'the link is to no person on record' });
    }
    for (const [k, v] of anyOrder(s.members)) check('members', k, v);
    for (const [k, v] of anyOrder(s.byPhone)) check('byPhone', k, [v]);
    for (const [k, v] of anyOrder(s.byCompany)) check('byCompany', k, [v]);
    for (const index of ['byTail', 'byMaskOnly', 'byName'] as const) for (const [k, v] of anyOrder(s[index])) check(index, k, chain(v));
  }, whenValid);
