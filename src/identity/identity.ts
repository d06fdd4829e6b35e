/**
 * Who is "the same client" (RULES §A): matching a reference to a person
 * (ID-MATCH, ID-PHONE, ID-COMPANY), recording what it adds, joining persons
 * into one client group (ID-FAMILY) and splitting them after a ruling, and
 * who a claim covers (ID-GROUP-ONE).
 */
import { keys as chainKeys, push } from '../kernel/chain.js';
import type { Ctx } from '../kernel/context.js';
import { rules, joinRules, type Args } from '../kernel/decision.js';
import type { Issue } from '../kernel/issues.js';
import { append, joined } from '../kernel/list.js';
import type { RuleId } from '../kernel/rules.js';
import type { ClientRef } from '../events/common.js';
import type { IdentityDecision, Match } from './decisions.js';
import { maskKeys, normalizePhone, type Phone } from './phone.js';
import type { IdentityPolicy } from './policy.js';
import { compactPhones, copyPerson, keysOf, namesOf, phonesOf, withKey, type IdentityReader, type IdentityState, type LinkRelation, type Person } from './state.js';

/** The identity family's context. @internal */
export type IdentityCtx = Ctx<IdentityPolicy, IdentityState>;

/**
 * The result of looking a client reference up.
 * @internal
 */
export type Resolution =
  | { readonly found: true; readonly person: string; readonly client: string; readonly match: Exclude<Match, 'new' | 'linked' | 'split' | 'notCovered'>; readonly record: Person }
  | { readonly found: false; readonly unknownKey: boolean; readonly phoneTaken?: boolean };


function cleanName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const n = name.includes('  ') || name.includes('\t') || name.includes('\n') ? name.replace(/\s+/g, ' ').trim() : name.trim();
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

function needsAgree(p: IdentityPolicy, person: Person, need: string | undefined): boolean {
  if (!p.needMustMatch) return true;
  const a = cleanNeed(person.need);
  const b = cleanNeed(need);
  return a === null || b === null || a === b;
}

function earliest(people: IdentityReader['people'], keys: readonly string[]): Person | undefined {
  let best: Person | undefined;
  for (const key of keys) {
    const p = people.get(key);
    if (p && (!best || p.since < best.since || (p.since === best.since && p.key < best.key))) best = p;
  }
  return best;
}

function isEmpty(m: IdentityReader['byMaskOnly']): boolean {
  const x = m as { readonly empty?: boolean; readonly size?: number };
  return x.empty ?? x.size === 0;
}

/**
 * The issue of an event whose id already keys a person: ids are unique, and
 * one reused after the redelivery window must not overwrite the client it
 * once entered. Checked before anything changes for the keys `id/1`..`id/extra`
 * that its party members or listed clients would take ({@link identify}
 * checks the event's own key before it changes anything).
 * @internal
 */
export function reusedId(s: IdentityReader, id: string, extra: number): Issue | null {
  for (let i = 1; i <= extra; i++) {
    const key = `${id}/${i}`;
    if (s.people.get(key) !== undefined) return reused(id, key);
  }
  return null;
}

function reused(id: string, key: string): Issue {
  return { code: 'duplicate_conflict', path: ['id'], event: id, message: `event id "${id}" was already used: it entered client ${key}; give each event a new id` };
}

type Found = Extract<Resolution, { found: true }>;

/** A match: the person's key and group, and the record itself (callers that change it need not look it up again). */
function matched(person: Person, match: Found['match']): Found {
  return { found: true, person: person.key, client: person.group, match, record: person };
}

/**
 * Finds the person a reference names, by, in order: a known key, the
 * company, the full phone, a masked phone, the name. Several candidates
 * resolve to the earliest registered (REG-FIRST).
 * @internal
 */
export function resolve(s: IdentityReader, p: IdentityPolicy, ref: ClientRef, phone: Phone | undefined = ref.phone === undefined ? undefined : normalizePhone(ref.phone)): Resolution {
  if (ref.key !== undefined) {
    const person = s.people.get(ref.key);
    return person ? matched(person, 'key') : { found: false, unknownKey: true };
  }
  if (ref.company !== undefined) {
    const key = s.byCompany.get(ref.company);
    const person = key === undefined ? undefined : s.people.get(key);
    if (person) return matched(person, 'company');
  }
  const name = cleanName(ref.name);
  let phoneTaken = false;
  if (phone?.kind === 'full') {
    const key = s.byPhone.get(phone.digits);
    phoneTaken = key !== undefined;
    const person = key === undefined ? undefined : s.people.get(key);
    if (person && needsAgree(p, person, ref.need)) {
      if (p.matchOn !== 'phoneAndName') return matched(person, 'phone');
      if (name !== undefined && (person.names === null || namesOf(person).includes(name))) return matched(person, 'phone');
    }
  }
  // Masked phones are rare: most offices never see one, so most look-ups stop here.
  if (phone !== undefined && phone.kind !== 'invalid' && p.maskedPhones !== 'never' && (phone.kind === 'masked' || !isEmpty(s.byMaskOnly))) {
    const candidates: string[] = [];
    for (const mask of maskKeys(phone)) candidates.push(...chainKeys(s.byMaskOnly.get(mask)));
    if (phone.kind === 'masked' && phone.prefix.length === 3 && (phone.suffix.length === 4 || phone.suffix.length === 5)) {
      for (const key of chainKeys(s.byTail.get(phone.suffix.slice(-4)))) {
        const person = s.people.get(key);
        if (person && phonesOf(person).some((x) => x.phone.length === 11 && x.phone.startsWith(phone.prefix) && x.phone.endsWith(phone.suffix))) candidates.push(key);
      }
    }
    const fitting = candidates.filter((key) => {
      const person = s.people.get(key);
      if (!person || !needsAgree(p, person, ref.need)) return false;
      if (p.maskedPhones === 'sufficient') return true;
      return name !== undefined && namesOf(person).some((n) => sameSurname(n, name));
    });
    const person = earliest(s.people, fitting);
    if (person) return matched(person, 'maskedPhone');
  }
  if (name !== undefined && p.matchOn === 'phoneOrName') {
    const fitting = chainKeys(s.byName.get(name)).filter((key) => {
      const person = s.people.get(key);
      return person !== undefined && needsAgree(p, person, ref.need);
    });
    const person = earliest(s.people, fitting);
    if (person) return matched(person, 'name');
  }
  return { found: false, unknownKey: false, phoneTaken };
}

/**
 * Records a person (new or known) with what a reference adds: names, phones,
 * company, need. The first person to use a phone or a company keeps it.
 */
function register(c: IdentityCtx, key: string, old: Person | undefined, ref: ClientRef, phone: Phone | undefined, phoneFree: boolean): Person {
  const { tx, s } = c;
  const name = cleanName(ref.name);
  const company = isCompanyRef(ref) ? (ref.company ?? null) : null;
  const addsName = name !== undefined && !(old !== undefined && namesOf(old).includes(name));
  const addsPhone = phone?.kind === 'full' && !(old !== undefined && phonesOf(old).some((x) => x.phone === phone.digits));
  const mask = phone?.kind === 'masked' ? maskKeys(phone)[0] : undefined;
  const addsMask = mask !== undefined && !(old !== undefined && keysOf(old.masks ?? undefined).includes(mask));
  const addsCompany = company !== null && (old?.company ?? null) === null;
  const addsNeed = ref.need !== undefined && ref.need !== (old?.need ?? null);
  if (old && !addsName && !addsPhone && !addsMask && !addsCompany && !addsNeed) return old;
  const next: Person = tx.own(
    old
      ? copyPerson(old)
      : { key, group: key, link: null, names: null, phones: null, masks: null, company: null, contact: null, need: null, since: tx.at },
  );
  const w = next as { -readonly [K in keyof Person]: Person[K] };
  if (addsName && name !== undefined) {
    w.names = withKey(next.names ?? undefined, name);
    s.byName.set(tx, name, push(s.byName.get(name), key));
  }
  if (addsPhone && phone?.kind === 'full') {
    w.phones = compactPhones(key, append(phonesOf(next), { phone: phone.digits, event: tx.id }));
    if (phoneFree || s.byPhone.get(phone.digits) === undefined) s.byPhone.set(tx, phone.digits, key);
    if (phone.mobile) {
      const tail = phone.digits.slice(-4);
      s.byTail.set(tx, tail, push(s.byTail.get(tail), key));
    }
  }
  if (addsMask && mask !== undefined) {
    w.masks = withKey(next.masks ?? undefined, mask);
    s.byMaskOnly.set(tx, mask, push(s.byMaskOnly.get(mask), key));
  }
  if (addsCompany && company !== null) {
    w.company = company;
    w.contact = ref.contact ?? null;
    if (s.byCompany.get(company) === undefined) s.byCompany.set(tx, company, key);
  }
  if (addsNeed && ref.need !== undefined) w.need = ref.need;
  s.people.set(tx, key, next);
  return next;
}

const MATCH_RULES: Record<'key' | 'phone' | 'maskedPhone' | 'name' | 'company' | 'new', readonly RuleId[]> = {
  key: rules('ID-MATCH'),
  phone: rules('ID-MATCH', 'ID-PHONE'),
  maskedPhone: rules('ID-PHONE', 'ID-MATCH'),
  name: rules('ID-MATCH'),
  company: rules('ID-COMPANY', 'ID-MATCH'),
  new: rules('ID-MATCH'),
};
const COMPANY_ALONE = rules('ID-COMPANY');

/** A reference matched to (or entered as) a person. @internal */
export interface Identified {
  readonly person: Person;
  /** The client group the person belongs to. */
  readonly client: string;
  readonly isNew: boolean;
  /** The phone as normalized, for the registration checks (REG-FIELDS). */
  readonly phone: Phone | undefined;
}

/** The issue of a reference to a client that is not on record. @internal */
export function unknownClient(event: string, path: (string | number)[], note: string): Issue {
  return { code: 'unknown_client', path, event, message: `${note}: register the client first` };
}

/**
 * A reference matched against the people on record and checked, before
 * anything changes: what {@link enter} records. @internal
 */
export interface Matched {
  readonly ref: ClientRef;
  /** The person's key: the match's, or the new key. */
  readonly key: string;
  readonly phone: Phone | undefined;
  readonly res: Resolution;
  /** The person on record under `key`, if any. */
  readonly old: Person | undefined;
}

/**
 * Finds the person a reference names (ID-MATCH, ID-PHONE, ID-COMPANY), or
 * the issue that refuses it, changing nothing: a handler closes the
 * periods between the match and {@link enter}, so that they close on the
 * office as it was.
 * @internal
 */
export function match(c: IdentityCtx, ref: ClientRef, newKey: string, path: (string | number)[]): Matched | Issue {
  const phone = ref.phone === undefined ? undefined : normalizePhone(ref.phone);
  const res = resolve(c.s, c.p, ref, phone);
  if (!res.found && res.unknownKey) return unknownClient(c.tx.id, [...path, 'key'], `no client with key "${ref.key ?? ''}"`);
  const key = res.found ? res.person : newKey;
  // The match is the record itself: a second look-up in a map of every person is a cache miss or two.
  const old = res.found ? res.record : c.s.people.get(key);
  // The event's own key, checked here before anything changes; its party's keys were checked up front (reusedId).
  if (!res.found && old !== undefined) return reused(c.tx.id, key);
  return { ref, key, phone, res, old };
}

/**
 * Enters a matched reference: a new person keyed as the match says, or
 * what the reference adds to a known one, and the decision of how it
 * matched. A party member who joins the client's group is told by the
 * link's decision instead (`silent`).
 * @internal
 */
export function enter(c: IdentityCtx, m: Matched, silent = false): Identified {
  const { ref, key, phone, res } = m;
  // A miss in the phone index means the phone is free (unless the reference matched another way).
  const phoneFree = !res.found && phone?.kind === 'full' && res.phoneTaken === false;
  const person = register(c, key, m.old, ref, phone, phoneFree);
  const client = person.group;
  if (c.tx.record && !silent) {
    const companyAlone = ref.company !== undefined && !isCompanyRef(ref);
    const base = MATCH_RULES[res.found ? res.match : 'new'];
    const args: Args | undefined = companyAlone ? { companyAlone: ref.company ?? '' } : undefined;
    const d: IdentityDecision = {
      kind: 'identity',
      event: c.tx.id,
      at: c.tx.at,
      rules: companyAlone ? joinRules(base, COMPANY_ALONE) : base,
      evidence: res.found ? [res.person] : [],
      why: res.found ? 'matched' : 'new',
      args,
      client,
      person: key,
      match: res.found ? res.match : 'new',
    };
    c.tx.emit(d);
  }
  return { person, client, isNew: !res.found, phone };
}

/**
 * Finds the person a reference names, or enters a new one keyed `newKey`:
 * {@link match}, then {@link enter}, for callers with nothing to do between.
 * @internal
 */
export function identify(c: IdentityCtx, ref: ClientRef, newKey: string, path: (string | number)[], silent = false): Identified | Issue {
  const m = match(c, ref, newKey, path);
  return 'code' in m ? m : enter(c, m, silent);
}

/**
 * Issues for client references that name an unknown client key. Checked
 * before anything changes.
 * @internal
 */
export function keyIssues(s: IdentityReader, event: string, refs: readonly (readonly [ClientRef | undefined, (string | number)[]])[]): Issue[] {
  const issues: Issue[] = [];
  for (const [ref, path] of refs) {
    if (ref?.key !== undefined && !s.people.get(ref.key)) issues.push(unknownClient(event, [...path, 'key'], `no client with key "${ref.key}"`));
  }
  return issues;
}

/** Looks a known client up without changing anything. @internal */
export function lookup(s: IdentityReader, p: IdentityPolicy, ref: ClientRef, event: string, path: (string | number)[]): { person: string; client: string } | Issue {
  const res = resolve(s, p, ref);
  if (!res.found) return unknownClient(event, res.unknownKey ? [...path, 'key'] : path, res.unknownKey ? `no client with key "${ref.key ?? ''}"` : 'no client on record matches');
  return { person: res.person, client: res.client };
}

/**
 * Whether a relation makes one client group under the policy (ID-FAMILY):
 * the same person and a company with its contact always do.
 * @internal
 */
export function joinsGroup(p: IdentityPolicy, relation: LinkRelation): boolean {
  return relation === 'same' || relation === 'companyContact' || p.familyRelations.includes(relation);
}

function familyNeedsAgree(p: IdentityPolicy, a: Person, b: Person): boolean {
  if (!p.familyNeedMustMatch) return true;
  const x = cleanNeed(a.need);
  const y = cleanNeed(b.need);
  return x === null || y === null || x === y;
}

/** What a link did. @internal */
export type Linked =
  | { readonly joined: false }
  | {
      readonly joined: true;
      readonly into: string;
      readonly from: string;
      readonly family: boolean;
      /** The rule IDs of the match, for the ownership decisions of the merge (ID-FAMILY or ID-MATCH). */
      readonly rules: readonly RuleId[];
    };

const FAMILY = rules('ID-FAMILY');
const COMPANY_CONTACT = rules('ID-COMPANY', 'ID-MATCH');
const SAME = rules('ID-MATCH');

/**
 * Makes `b` one client with `a` when the relation joins groups under the
 * policy (ID-FAMILY, ID-MATCH); otherwise records that they stay separate
 * (siblings' households, friends, a different need). The earlier group
 * absorbs the later.
 * @internal
 */
export function link(c: IdentityCtx, a: string, b: string, relation: LinkRelation): Linked {
  const { tx, s } = c;
  const pa = s.people.get(a);
  const pb = s.people.get(b);
  if (!pa || !pb) return { joined: false };
  const family = relation !== 'same' && relation !== 'companyContact';
  const cited = family ? FAMILY : relation === 'companyContact' ? COMPANY_CONTACT : SAME;
  const note = (why: string, client: string) => {
    if (!tx.record) return;
    const d: IdentityDecision = { kind: 'identity', event: tx.id, at: tx.at, rules: cited, evidence: [a, b], why, args: { a, b, relation }, client, person: b, match: 'linked' };
    tx.emit(d);
  };
  if (pa.group === pb.group) {
    note('alreadyOne', pa.group);
    return { joined: false };
  }
  if (!joinsGroup(c.p, relation)) {
    note('separate', pa.group);
    return { joined: false };
  }
  if (family && !familyNeedsAgree(c.p, pa, pb)) {
    note('otherNeed', pa.group);
    return { joined: false };
  }
  const ra = s.people.get(pa.group) as Person;
  const rb = s.people.get(pb.group) as Person;
  const [into, from] = ra.since < rb.since || (ra.since === rb.since && ra.key < rb.key) ? [ra, rb] : [rb, ra];
  const moving = s.members.get(from.key) ?? [from.key];
  for (const key of moving) (tx.draft(s.people, key, () => s.people.get(key) as Person, copyPerson) as { group: string }).group = into.key;
  // Only b learns its relation: `relation` is what b is to a.
  const linked = tx.draft(s.people, b, () => s.people.get(b) as Person, copyPerson) as { link: Person['link'] };
  if (linked.link === null) linked.link = { to: a, relation };
  s.members.set(tx, into.key, joined(s.members.get(into.key) ?? [into.key], moving));
  if (s.members.get(from.key) !== undefined) s.members.delete(tx, from.key);
  note('joined', into.key);
  return { joined: true, into: into.key, from: from.key, family, rules: family ? FAMILY : SAME };
}

/**
 * The rank of a person's relation in the policy's family order
 * (COL-CROSS-FAMILY under 004l), or null when the policy has none.
 * @internal
 */
export function relationRank(c: IdentityCtx, person: string | undefined): number | null {
  const priority = c.p.familyPriority;
  if (priority === null) return null;
  const p = person === undefined ? undefined : c.s.people.get(person);
  if (!p || p.link === null) return 0;
  const index = priority.indexOf(p.link.relation as (typeof priority)[number]);
  return index < 0 ? priority.length + 1 : index + 1;
}

/**
 * Splits off the phones a registration brought into a new person of its own,
 * after a ruling that it is not the same client (ID-MATCH: "unless shown
 * otherwise"). `cited` are the ruling's rule IDs.
 * @internal
 */
export function split(c: IdentityCtx, person: string, registration: { readonly event: string; readonly at: number; readonly name: string | null }, from: string, cited: readonly RuleId[]): void {
  const { tx, s } = c;
  const old = s.people.get(person);
  if (old) {
    const key = registration.event;
    const moved = phonesOf(old).filter((x) => x.event === key);
    for (const x of moved) {
      s.byPhone.set(tx, x.phone, key);
      const n = normalizePhone(x.phone);
      if (n.kind === 'full' && n.mobile) s.byTail.set(tx, x.phone.slice(-4), push(s.byTail.get(x.phone.slice(-4)), key));
    }
    const name = cleanName(registration.name ?? undefined);
    s.people.set(tx, key, { key, group: key, link: null, names: name ?? null, phones: compactPhones(key, moved), masks: null, company: null, contact: null, need: null, since: registration.at });
    const kept = tx.draft(s.people, person, () => old, copyPerson) as { phones: Person['phones'] };
    kept.phones = compactPhones(person, phonesOf(old).filter((x) => x.event !== key));
    if (name !== undefined) s.byName.set(tx, name, push(s.byName.get(name), key));
  }
  if (tx.record) {
    const d: IdentityDecision = { kind: 'identity', event: tx.id, at: tx.at, rules: joinRules(SAME, cited), evidence: [registration.event, from], why: 'split', args: { from }, client: registration.event, person: registration.event, match: 'split' };
    tx.emit(d);
  }
}

const GROUP_ONE = rules('ID-GROUP-ONE');

/**
 * A person named on a claim who is not family: one claim covers one group,
 * so only the first name is valid (ID-GROUP-ONE).
 * @internal
 */
export function notCovered(c: IdentityCtx, client: string, person: string, label: string, relation: string): void {
  if (!c.tx.record) return;
  const d: IdentityDecision = { kind: 'identity', event: c.tx.id, at: c.tx.at, rules: GROUP_ONE, evidence: [], why: 'notCovered', args: { label, relation }, client, person, match: 'notCovered' };
  c.tx.emit(d);
}

/**
 * What the registration checks need to know of a person already on record
 * (REG-FIELDS: the record supplies a missing name or phone).
 * @internal
 */
export function recordedFields(person: Person): { readonly name: boolean; readonly phone: boolean } {
  return { name: person.names !== null || person.company !== null, phone: person.phones !== null };
}

/** The people of a group, the group key first. @internal */
export function membersOf(s: IdentityReader, group: string): readonly string[] {
  return s.members.get(group) ?? [group];
}
