/**
 * The reducers of the visitor and call books: `registerVisit` and
 * `registerCall`. Each composes identity, rotation and ownership.
 */
import type { Decision } from '../decisions.js';
import type { ClientRef } from '../../events/common.js';
import type { EventOf } from '../../events/schema.js';
import { joinsGroup, personOf } from '../identity/identity.js';
import { isProtected, record, settle, type ClientFile } from '../ownership/file.js';
import { receiverClaimant, tiedClaimant, type VisitTies } from '../ownership/referrals.js';
import { bookDay, registerClient, type Claimant } from '../ownership/register.js';
import { fileOf } from '../ownership/state.js';
import { allocateCall, receive } from '../rotation/rotation.js';
import { decide, type Ctx } from './context.js';
import { fieldsProblem, fileFor, identify, keyIssues, lookup, refuse, staffIssues, store } from './common.js';
import { joinPersons } from './links.js';
import type { OfficeState, Step } from './state.js';

/** The owner who holds a client now, if any (protected, disputed or permanent). */
function holder(file: ClientFile): string | null {
  return file.owner !== null && (isProtected(file.status) || file.status === 'permanent') ? file.owner : null;
}

function referralDecision(file: ClientFile, e: EventOf<'registerVisit'>, ties: VisitTies, state: OfficeState, prior: boolean, ctx: Ctx): { file: ClientFile; decision: Decision } | null {
  if (e.referredBy === undefined && e.referredByStaff === undefined) return null;
  const referrer = ties.referrer?.client ?? null;
  const staff = e.referredByStaff ?? null;
  const rules: Decision['trace']['rules'] = [];
  const notes: string[] = [];
  let eligible = true;
  if (staff !== null) {
    rules.push('REF-STAFF-EXCLUDED', 'REF-DEVELOPER');
    eligible = state.policy.referrals.staffBonus;
    notes.push(`referred by staff member ${staff}: ${eligible ? 'a bonus is allowed by this policy' : 'staff earn no referral bonus'}`);
  } else if (ties.referrer === null) {
    eligible = false;
    notes.push('the referring client is not on record');
  }
  if (file.referral !== null && (file.referral.referrer !== referrer || file.referral.staff !== staff)) {
    rules.push('REF-FIRST-REFERRER');
    eligible = false;
    notes.push(`already referred by ${file.referral.referrer ?? file.referral.staff ?? 'someone'} (${file.referral.event}): the first referrer counts`);
  }
  if (prior) {
    rules.push('REF-PRIOR');
    notes.push('the client had visited or called before: ownership stays with the first registrant');
  }
  if (rules.length === 0) rules.push('REF-CHAIN');
  const decision = decide(ctx, { kind: 'referral', client: file.key, referrer, referrerStaff: staff, bonusEligible: eligible }, rules, file.referral ? [file.referral.event] : [], notes.join('; ') || `referred by client ${referrer ?? ''}`);
  const next = file.referral === null ? { ...file, referral: { referrer, staff, event: e.id } } : file;
  return { file: next, decision };
}

function referrerOf(state: OfficeState, ref: ClientRef | undefined, ctx: Ctx): VisitTies['referrer'] {
  if (ref === undefined) return undefined;
  const found = lookup(state, ref, ['referredBy'], ctx);
  if ('code' in found) return null;
  const file = fileOf(state.ownership, found.client);
  return { client: found.client, owner: file ? holder(settle(file, ctx).file) : null };
}

/**
 * A visit registered in the visitor book. Identifies the client (§A), joins
 * family members of the party (ID-FAMILY), decides the reception (§D) and
 * the ownership (§B, §C, §F). A group counts as one turn (ROT-GROUP-ONE).
 *
 * @param state - the office state
 * @param e - the `registerVisit` event
 * @param ctx - the fold context
 * @returns the step
 */
export function registerVisit(state: OfficeState, e: EventOf<'registerVisit'>, ctx: Ctx): Step {
  const issues = staffIssues(state, ctx, [
    [e.receiver, 'receiver'],
    [e.named, 'named'],
    [e.relativeOf, 'relativeOf'],
    [e.referredByStaff, 'referredByStaff'],
  ]);
  issues.push(...keyIssues(state, ctx, [[e.client, ['client']], ...(e.party ?? []).map((m, i): [ClientRef, (string | number)[]] => [m, ['party', i]])]));
  if (issues.length > 0) return refuse(state, issues);
  const groupSize = 1 + (e.party?.length ?? 0);
  if (e.nonClient !== undefined || e.client === undefined) {
    const r = receive(state.rotation, state.staff, { client: undefined, receiver: e.receiver, owner: null, named: undefined, purpose: e.purpose, nonClient: e.nonClient ?? 'not a client', groupSize, buyers: 0 }, ctx);
    return { state: { ...state, rotation: r.state }, decisions: [r.decision], issues: [] };
  }
  const id = identify(state, e.client, e.id, ['client'], ctx);
  if ('code' in id) return refuse(state, [id]);
  let s = id.state;
  const decisions: Decision[] = [id.decision];
  const companions: { member: ClientRef; key: string }[] = [];
  for (const [i, member] of (e.party ?? []).entries()) {
    const { relation, ...ref } = member;
    const key = `${e.id}/${i + 1}`;
    if (!joinsGroup(s.policy, relation)) {
      companions.push({ member: ref, key });
      continue;
    }
    const m = identify(s, ref, key, ['party', i], ctx);
    if ('code' in m) return refuse(state, [m]);
    const joined = joinPersons(m.state, id.person, m.person, relation, ctx);
    s = joined.state;
    decisions.push(...joined.decisions);
  }
  const client = personOf(s.identity, id.person)?.group ?? id.client;
  const settled = settle(record(fileFor(s, client, ctx), [id.decision]), ctx);
  decisions.push(...settled.decisions);
  const owner = holder(settled.file);
  const ties: VisitTies = {
    named: e.named,
    relativeOf: e.relativeOf,
    accompanied: e.accompanied === true,
    referrer: referrerOf(s, e.referredBy, ctx),
    referredByStaff: e.referredByStaff,
  };
  const tied = owner === null ? tiedClaimant(ties, s.policy) : null;
  const buyers = 1 + companions.filter((c) => c.member.name !== undefined || c.member.phone !== undefined).length;
  const reception = receive(s.rotation, s.staff, { client, receiver: e.receiver, owner, named: owner === null ? tied?.staff : e.named, purpose: e.purpose, nonClient: undefined, groupSize, buyers }, ctx);
  s = { ...s, rotation: reception.state };
  decisions.push(reception.decision);
  const receiver = reception.decision.kind === 'reception' ? reception.decision.receiver : null;
  const claimant: Claimant | null =
    owner !== null
      ? e.named !== undefined && e.named !== owner
        ? { staff: e.named, rules: ['OWN-NAMED'], note: `the client named ${e.named}`, referral: false }
        : { staff: owner, rules: ['OWN-FIRST'], note: `an old client of ${owner}`, referral: false }
      : (tied ?? (receiver === null ? null : receiverClaimant(receiver, ties)));
  const invalid = fieldsProblem(e.client, 'visit', s.policy, id.isNew ? undefined : personOf(id.state.identity, id.person));
  const step = registerClient(
    record(settled.file, [reception.decision]),
    {
      registration: { event: e.id, at: ctx.at, day: bookDay(ctx, ctx.at), staff: receiver, channel: 'visit', valid: invalid === null, person: id.person, name: e.client.name ?? e.client.contact ?? null, company: e.client.company ?? null },
      invalidReason: invalid,
      claimant,
    },
    ctx,
  );
  decisions.push(...step.decisions);
  let file = step.file;
  const prior = settled.file.registrations.some((r) => r.valid);
  const referral = referralDecision(file, e, ties, s, prior, ctx);
  if (referral) {
    file = record(referral.file, [referral.decision]);
    decisions.push(referral.decision);
  }
  s = store(s, file, ctx);
  for (const c of companions) {
    if (c.member.name === undefined && c.member.phone === undefined) continue;
    const companion = registerCompanion(s, c.member, c.key, receiver, ctx);
    s = companion.state;
    decisions.push(...companion.decisions);
  }
  return { state: s, decisions, issues: [] };
}

/** A friend or colleague in the party with a purchase need of their own: a client of their own, received in the same turn. */
function registerCompanion(state: OfficeState, ref: ClientRef, key: string, receiver: string | null, ctx: Ctx): { state: OfficeState; decisions: Decision[] } {
  const id = identify(state, ref, key, ['party'], ctx);
  if ('code' in id) return { state, decisions: [] };
  const settled = settle(fileFor(id.state, id.client, ctx), ctx);
  const owner = holder(settled.file);
  const claimant: Claimant | null = owner !== null ? { staff: owner, rules: ['OWN-FIRST'], note: `an old client of ${owner}`, referral: false } : receiver === null ? null : { staff: receiver, rules: ['OWN-FIRST', 'ROT-GROUP-ONE'], note: `came in a group received by ${receiver}`, referral: false };
  const invalid = fieldsProblem(ref, 'visit', id.state.policy);
  const step = registerClient(
    record(settled.file, [id.decision]),
    {
      registration: { event: key, at: ctx.at, day: bookDay(ctx, ctx.at), staff: receiver, channel: 'visit', valid: invalid === null, person: id.person, name: ref.name ?? null, company: null },
      invalidReason: invalid,
      claimant,
    },
    ctx,
  );
  return { state: store(id.state, step.file, ctx), decisions: [id.decision, ...settled.decisions, ...step.decisions] };
}

/**
 * A call registered in the call book (REG-FIRST for calls, OWN-VALIDITY's
 * call window, REG-CALL-BEFORE-VISIT). A call the book gives to nobody is
 * allocated by the call rotation or left to the manager
 * (ROT-CALL-ALLOCATION, ROT-NO-CALLS); a self-sourced call stays with its
 * receiver. A call with no usable details is recorded for allocation only.
 *
 * @param state - the office state
 * @param e - the `registerCall` event
 * @param ctx - the fold context
 * @returns the step
 */
export function registerCall(state: OfficeState, e: EventOf<'registerCall'>, ctx: Ctx): Step {
  const issues = staffIssues(state, ctx, [[e.receiver, 'receiver']]);
  if (issues.length > 0) return refuse(state, issues);
  const call = { receiver: e.receiver, selfSourced: e.selfSourced === true };
  if (e.client === undefined) {
    const r = allocateCall(state.rotation, state.staff, { ...call, client: undefined }, ctx);
    return { state: { ...state, rotation: r.state }, decisions: [r.decision], issues: [] };
  }
  const id = identify(state, e.client, e.id, ['client'], ctx);
  if ('code' in id) return refuse(state, [id]);
  const allocation = allocateCall(id.state.rotation, id.state.staff, { ...call, client: id.client }, ctx);
  const s: OfficeState = { ...id.state, rotation: allocation.state };
  const receiver = allocation.decision.kind === 'reception' ? allocation.decision.receiver : null;
  const settled = settle(fileFor(s, id.client, ctx), ctx);
  const invalid = fieldsProblem(e.client, 'call', state.policy, id.isNew ? undefined : personOf(id.state.identity, id.person));
  const step = registerClient(
    record(settled.file, [id.decision, allocation.decision]),
    {
      registration: { event: e.id, at: ctx.at, day: bookDay(ctx, ctx.at), staff: receiver, channel: 'call', valid: invalid === null, person: id.person, name: e.client.name ?? null, company: e.client.company ?? null },
      invalidReason: invalid,
      claimant: null,
    },
    ctx,
  );
  return { state: store(s, step.file, ctx), decisions: [id.decision, ...settled.decisions, allocation.decision, ...step.decisions], issues: [] };
}
