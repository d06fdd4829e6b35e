/**
 * Helpers the reducers share: staff checks, client look-up and registration
 * in the identity slice, and storing a client's file with its decisions.
 * @internal
 */
import type { ClientRef } from '../../events/common.js';
import type { Channel, Decision } from '../decisions.js';
import type { Issue } from '../../kernel/issues.js';
import type { Policy } from '../../policy/schema.js';
import type { RuleId } from '../../kernel/rules.js';
import { clientOf, isCompanyRef, personOf, register, resolve, type Match, type Person } from '../identity/identity.js';
import { normalizePhone } from '../../identity/phone.js';
import { newFile, record, type ClientFile } from '../ownership/file.js';
import { fileOf, putFile } from '../ownership/state.js';
import { checkStaff } from '../staff/staff.js';
import { decide, type Ctx } from './context.js';
import type { OfficeState, Step } from './state.js';

/** A refused event: the state does not move. */
export function refuse(state: OfficeState, issues: Issue[]): Step {
  return { state, decisions: [], issues };
}

/** Issues for every staff reference that names no current staff member. */
export function staffIssues(state: OfficeState, ctx: Ctx, refs: readonly [string | undefined, string][]): Issue[] {
  const issues: Issue[] = [];
  for (const [id, path] of refs) {
    if (id === undefined) continue;
    const issue = checkStaff(state.staff, id, [path], ctx.event.id);
    if (issue) issues.push(issue);
  }
  return issues;
}

/** The issue for a reference to a client that is not on record. */
export function unknownClient(ctx: Ctx, path: (string | number)[], note: string): Issue {
  return { code: 'unknown_client', path, event: ctx.event.id, message: `${note}: register the client first` };
}

const matchRules: Record<Match | 'new', RuleId[]> = {
  key: ['ID-MATCH'],
  phone: ['ID-MATCH', 'ID-PHONE'],
  maskedPhone: ['ID-PHONE', 'ID-MATCH'],
  name: ['ID-MATCH'],
  company: ['ID-COMPANY', 'ID-MATCH'],
  new: ['ID-MATCH', 'REG-FIRST'],
};

/** A client reference matched to (or entered as) a person, with the identity decision. */
export interface Identified {
  readonly state: OfficeState;
  readonly person: string;
  readonly client: string;
  readonly isNew: boolean;
  readonly decision: Decision;
}

/**
 * Finds the person a reference names, or enters a new one keyed `newKey`, and
 * records what the reference adds (ID-MATCH, ID-PHONE, ID-COMPANY).
 */
export function identify(state: OfficeState, ref: ClientRef, newKey: string, path: (string | number)[], ctx: Ctx): Identified | Issue {
  const res = resolve(state.identity, ref, state.policy);
  if (!res.found && res.unknownKey) return unknownClient(ctx, [...path, 'key'], res.note);
  const person = res.found ? res.person : newKey;
  const identity = register(state.identity, person, ref, ctx);
  const client = clientOf(identity, person) ?? person;
  const rules = [...matchRules[res.found ? res.match : 'new']];
  let note = res.found ? `matched client ${client} by ${res.note}` : `a new client ${client}`;
  if (ref.company !== undefined && !isCompanyRef(ref)) {
    rules.push('ID-COMPANY');
    note += `; "${ref.company}" without a contact person is not a company claim`;
  }
  const decision = decide(ctx, { kind: 'identity', client, person, match: res.found ? res.match : 'new' }, rules, res.found ? [res.person] : [], note);
  return { state: { ...state, identity }, person, client, isNew: !res.found, decision };
}

/**
 * Issues for client references that name an unknown client key. Reducers
 * check every reference before changing anything, so that a refused event
 * never leaves a partial change behind (bulk replay updates in place).
 */
export function keyIssues(state: OfficeState, ctx: Ctx, refs: readonly [ClientRef | undefined, (string | number)[]][]): Issue[] {
  const issues: Issue[] = [];
  for (const [ref, path] of refs) {
    if (ref?.key !== undefined && !personOf(state.identity, ref.key)) issues.push(unknownClient(ctx, [...path, 'key'], `no client with key "${ref.key}"`));
  }
  return issues;
}

/** Looks a known client up without changing anything. */
export function lookup(state: OfficeState, ref: ClientRef, path: (string | number)[], ctx: Ctx): { person: string; client: string } | Issue {
  const res = resolve(state.identity, ref, state.policy);
  if (!res.found) return unknownClient(ctx, res.unknownKey ? [...path, 'key'] : path, res.unknownKey ? res.note : 'no client on record matches');
  return { person: res.person, client: res.client };
}

/** A client's file, or a new one. */
export function fileFor(state: OfficeState, client: string, ctx: Ctx): ClientFile {
  return fileOf(state.ownership, client) ?? newFile(client, ctx.at);
}

/** Stores a file, first recording decisions made outside the ownership module. */
export function store(state: OfficeState, file: ClientFile, ctx: Ctx, extra: readonly Decision[] = []): OfficeState {
  return { ...state, ownership: putFile(state.ownership, record(file, extra), ctx) };
}

/**
 * Why a registration is invalid (REG-FIELDS), or null when it is valid. A
 * client already on record (`known`) may be referred to by key or phone
 * alone: the record supplies the rest.
 */
export function fieldsProblem(ref: ClientRef | undefined, channel: Channel, policy: Policy, known?: Person): string | null {
  if (!ref) return 'no client details';
  const hasName = ref.name !== undefined || (ref.company !== undefined && ref.contact !== undefined) || (known !== undefined && (known.names.length > 0 || known.company !== null));
  const phone = ref.phone === undefined ? undefined : normalizePhone(ref.phone);
  const needName = channel === 'visit' ? policy.registration.requiredFields.includes('name') : channel !== 'call';
  const needPhone = channel === 'visit' ? policy.registration.requiredFields.includes('phone') : channel === 'call' || channel === 'report';
  if (needName && !hasName) return 'no name';
  if (phone === undefined) return needPhone && !(known !== undefined && known.phones.length > 0) ? 'no phone' : null;
  if (phone.kind === 'invalid') return phone.reason;
  if (phone.kind === 'masked' && channel !== 'report') return 'a masked phone cannot reach the client';
  if (ref.reachable === false) return 'the phone does not reach the client';
  return null;
}
