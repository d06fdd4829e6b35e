/**
 * The reducers of what people decide about clients: `raiseDispute`,
 * `issueRuling`, `fileComplaint`, `assignClient`, `linkClients` and
 * `announceDeveloperContacts`.
 */
import type { Decision } from '../decisions.js';
import type { ClientRef } from '../../events/common.js';
import type { EventOf } from '../../events/schema.js';
import { personOf, split } from '../identity/identity.js';
import { announceDeveloper } from '../ownership/lifecycle.js';
import { assign, complain, raiseDispute as raise, rule } from '../ownership/disputes.js';
import { grant, newFile, record, settle, type ClientFile, type FileStep } from '../ownership/file.js';
import { fileOf } from '../ownership/state.js';
import { decide, type Ctx } from './context.js';
import { fileFor, identify, keyIssues, lookup, refuse, staffIssues, store, unknownClient } from './common.js';
import { joinPersons } from './links.js';
import type { OfficeState, Step } from './state.js';
import type { Issue } from '../../kernel/issues.js';
import { getStaff } from '../staff/staff.js';

/** Looks up a client's file for an event about a known client. */
function known(state: OfficeState, ref: ClientRef, ctx: Ctx): ClientFile | Issue {
  const found = lookup(state, ref, ['client'], ctx);
  if ('code' in found) return found;
  return fileOf(state.ownership, found.client) ?? unknownClient(ctx, ['client'], 'the client has no registration');
}

function onFile(state: OfficeState, ref: ClientRef, ctx: Ctx, staff: readonly [string | undefined, string][], fn: (file: ClientFile) => FileStep): Step {
  const issues = staffIssues(state, ctx, staff);
  if (issues.length > 0) return refuse(state, issues);
  const file = known(state, ref, ctx);
  if ('code' in file) return refuse(state, [file]);
  const step = fn(file);
  return { state: store(state, step.file, ctx), decisions: step.decisions, issues: [] };
}

/**
 * A salesperson raises a dispute over a client (DSP-PROCESS, COL-AFTER-DEAL).
 *
 * @param state - the office state
 * @param e - the `raiseDispute` event
 * @param ctx - the fold context
 * @returns the step
 */
export function raiseDispute(state: OfficeState, e: EventOf<'raiseDispute'>, ctx: Ctx): Step {
  return onFile(state, e.client, ctx, [[e.staff, 'staff']], (file) => raise(file, e.staff, ctx));
}

/** Splits a registration off into a client of its own (ID-MATCH: "unless shown otherwise"). */
function splitOff(state: OfficeState, e: EventOf<'issueRuling'>, file: ClientFile, ctx: Ctx): Step {
  const regId = e.registration ?? '';
  const reg = file.registrations.find((r) => r.event === regId);
  if (!reg) return refuse(state, [{ code: 'unknown_registration', path: ['registration'], event: e.id, message: `registration "${regId}" is not in the file of client ${file.key}` }]);
  if (reg.person === regId || regId === file.key) {
    return refuse(state, [{ code: 'invalid_value', path: ['registration'], event: e.id, message: `registration "${regId}" founded its own client record: there is nothing to split off` }]);
  }
  const identity = split(state.identity, reg.person, { event: regId, at: reg.at, ref: reg.name === null ? undefined : { name: reg.name } }, ctx);
  const rest = file.registrations.filter((r) => r.event !== regId);
  const moved = { ...reg, person: regId };
  let old: ClientFile = { ...file, registrations: rest };
  const decisions: Decision[] = [];
  const identityDecision = decide(ctx, { kind: 'identity', client: regId, person: regId, match: 'split' }, ['ID-MATCH', 'DSP-PROCESS'], [regId, file.key], `ruled not the same client as ${file.key}: registration ${regId} becomes a client of its own`);
  decisions.push(identityDecision);
  old = record(old, [identityDecision]);
  if (file.basis.evidence.includes(regId)) {
    const first = rest.find((r) => r.valid && r.staff !== null);
    const g = first
      ? grant(old, ctx, { staff: first.staff, channel: first.channel, at: first.at, rules: ['OWN-FIRST', 'REG-FIRST'], evidence: [first.event], note: 'after the split, the earliest remaining registration decides' })
      : grant(old, ctx, { staff: null, channel: null, at: ctx.at, rules: ['REG-FIRST'], evidence: [], note: 'after the split, no registration remains' });
    old = settle(g.file, ctx).file;
    decisions.push(...g.decisions);
  }
  let fresh = record({ ...newFile(regId, reg.at), registrations: [moved] }, [identityDecision]);
  if (moved.valid && moved.staff !== null) {
    const g = grant(fresh, ctx, { staff: moved.staff, channel: moved.channel, at: moved.at, rules: ['OWN-FIRST', 'REG-FIRST'], evidence: [regId], note: `a client of its own, first registered by ${moved.staff}` });
    const s2 = settle(g.file, ctx);
    fresh = s2.file;
    decisions.push(...g.decisions, ...s2.decisions);
  }
  const next = store(store({ ...state, identity }, old, ctx), fresh, ctx);
  return { state: next, decisions, issues: [] };
}

/**
 * A mediation, ruling or appeal (DSP-PROCESS, COL-SAME-DAY, OWN-CONCEAL), or a
 * finding that a registration is not the same client (ID-MATCH).
 *
 * @param state - the office state
 * @param e - the `issueRuling` event
 * @param ctx - the fold context
 * @returns the step
 */
export function issueRuling(state: OfficeState, e: EventOf<'issueRuling'>, ctx: Ctx): Step {
  const issues = staffIssues(state, ctx, [
    [e.owner ?? undefined, 'owner'],
    [e.concealer, 'concealer'],
  ]);
  for (const [id, path] of [[e.by, 'by'], [e.appellant, 'appellant']] as const) {
    if (id !== undefined && !getStaff(state.staff, id)) issues.push({ code: 'unknown_staff', path: [path], event: e.id, message: `no staff member "${id}": add them with a changeStaff event first` });
  }
  if (issues.length > 0) return refuse(state, issues);
  const file = known(state, e.client, ctx);
  if ('code' in file) return refuse(state, [file]);
  if (e.finding === 'notSameClient') return splitOff(state, e, file, ctx);
  const step = rule(file, e, ctx);
  return { state: store(state, step.file, ctx), decisions: step.decisions, issues: [] };
}

/**
 * A client's complaint against their salesperson (OWN-COMPLAINT).
 *
 * @param state - the office state
 * @param e - the `fileComplaint` event
 * @param ctx - the fold context
 * @returns the step
 */
export function fileComplaint(state: OfficeState, e: EventOf<'fileComplaint'>, ctx: Ctx): Step {
  return onFile(state, e.client, ctx, [[e.reassignTo, 'reassignTo']], (file) => complain(file, e, ctx));
}

/**
 * A manager's assignment (OWN-MANAGER).
 *
 * @param state - the office state
 * @param e - the `assignClient` event
 * @param ctx - the fold context
 * @returns the step
 */
export function assignClient(state: OfficeState, e: EventOf<'assignClient'>, ctx: Ctx): Step {
  return onFile(state, e.client, ctx, [[e.staff, 'staff']], (file) => assign(file, e, ctx));
}

/**
 * Two registered persons found related (ID-MATCH, ID-FAMILY, COL-CROSS-FAMILY).
 *
 * @param state - the office state
 * @param e - the `linkClients` event
 * @param ctx - the fold context
 * @returns the step
 */
export function linkClients(state: OfficeState, e: EventOf<'linkClients'>, ctx: Ctx): Step {
  const a = lookup(state, e.a, ['a'], ctx);
  const b = lookup(state, e.b, ['b'], ctx);
  const issues = [a, b].filter((x): x is Issue => 'code' in x);
  if (issues.length > 0 || 'code' in a || 'code' in b) return refuse(state, issues);
  const joined = joinPersons(state, a.person, b.person, e.relation, ctx);
  return { state: joined.state, decisions: joined.decisions, issues: [] };
}

/**
 * The developer's own contacts, announced in writing (REF-DEVELOPER).
 *
 * @param state - the office state
 * @param e - the `announceDeveloperContacts` event
 * @param ctx - the fold context
 * @returns the step
 */
export function announceDeveloperContacts(state: OfficeState, e: EventOf<'announceDeveloperContacts'>, ctx: Ctx): Step {
  const issues = keyIssues(state, ctx, e.clients.map((ref, i): [ClientRef, (string | number)[]] => [ref, ['clients', i]]));
  if (issues.length > 0) return refuse(state, issues);
  let s = state;
  const decisions: Decision[] = [];
  for (const [i, ref] of e.clients.entries()) {
    const id = identify(s, ref, `${e.id}/${i + 1}`, ['clients', i], ctx);
    if ('code' in id) return refuse(state, [id]);
    const client = personOf(id.state.identity, id.person)?.group ?? id.client;
    const step = announceDeveloper(record(fileFor(id.state, client, ctx), [id.decision]), ctx);
    s = store(id.state, step.file, ctx);
    decisions.push(id.decision, ...step.decisions);
  }
  return { state: s, decisions, issues: [] };
}
