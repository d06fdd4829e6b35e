/**
 * The reducers of the claim register: `claimClient` (claims, pre-files,
 * channel reports, updates) and `recordFollowUp`.
 */
import { windowEnd } from '../../kernel/time.js';
import type { Channel, Decision } from '../decisions.js';
import type { ClientRef } from '../../events/common.js';
import type { EventOf } from '../../events/schema.js';
import type { RuleId } from '../../kernel/rules.js';
import { joinsGroup, personOf } from '../identity/identity.js';
import { grant, isProtected, record, settle, type ClientFile } from '../ownership/file.js';
import { bookDay, claimRefusal, followUp, registerClient, updateClaim } from '../ownership/register.js';
import { fileOf } from '../ownership/state.js';
import { decide, type Ctx } from './context.js';
import { fieldsProblem, fileFor, identify, keyIssues, lookup, refuse, staffIssues, store, unknownClient } from './common.js';
import { joinPersons } from './links.js';
import type { OfficeState, Step } from './state.js';

type Gate = { file: ClientFile; refusal: { rules: RuleId[]; note: string } | null; decisions: Decision[] };

/**
 * Channel reports (CLM-REPORT): the expected visit must fall within the
 * report's validity; an unvisited report may be re-filed with a reason; past
 * the allowed re-files the client goes to the public pool for good.
 */
function reportGate(file: ClientFile, e: EventOf<'claimClient'>, ctx: Ctx): Gate {
  const policy = ctx.policy.claims.report;
  const refuse = (note: string, f: ClientFile = file, decisions: Decision[] = []): Gate => ({ file: f, refusal: { rules: ['CLM-REPORT'], note }, decisions });
  const report = file.report;
  if (report?.closed) return refuse(`re-filed more than ${policy.maxRefiles} times: the client is in the public pool and no further reports are taken`);
  if (e.expectedVisitAt === undefined) return refuse('a report needs the expected visit time');
  if (Date.parse(e.expectedVisitAt) >= windowEnd(ctx.calendar, ctx.at, policy.validDays)) {
    return refuse(`the expected visit must fall within ${policy.validDays} days of the report`);
  }
  const fresh = { agent: e.staff, at: ctx.at, refiles: 0, closed: false };
  if (report === null || report.agent !== e.staff) {
    const taken = report !== null && file.owner === report.agent && isProtected(file.status);
    return { file: taken ? file : { ...file, report: fresh }, refusal: null, decisions: [] };
  }
  const visited = file.registrations.some((r) => r.channel === 'visit' && r.valid && r.at > report.at);
  if (visited || (file.owner === e.staff && isProtected(file.status))) return { file, refusal: null, decisions: [] };
  if (policy.refileNeedsReason && e.reason === undefined) return refuse('a re-filed report must say why the client did not come');
  const refiles = report.refiles + 1;
  if (refiles > policy.maxRefiles) {
    const closed: ClientFile = { ...file, report: { ...report, refiles, closed: true } };
    const pooled = grant(closed, ctx, { staff: null, status: 'pool', channel: null, at: ctx.at, rules: ['CLM-REPORT'], evidence: [ctx.event.id], note: `${refiles} re-files without a visit` });
    return refuse(`re-filed ${refiles} times without a visit: the client goes to the public pool`, pooled.file, pooled.decisions);
  }
  return { file: { ...file, report: { ...report, at: ctx.at, refiles } }, refusal: null, decisions: [] };
}

/**
 * A claim on a client, time-stamped by the clerk (CLM-*). It may be refused
 * (outside the windows, no same-day registration, a report rule, or someone
 * else's earlier claim): the refusal is a decision, kept on record.
 *
 * @param state - the office state
 * @param e - the `claimClient` event
 * @param ctx - the fold context
 * @returns the step
 */
export function claimClient(state: OfficeState, e: EventOf<'claimClient'>, ctx: Ctx): Step {
  const issues = staffIssues(state, ctx, [[e.staff, 'staff']]);
  issues.push(...keyIssues(state, ctx, [[e.client, ['client']], ...(e.party ?? []).map((m, i): [ClientRef, (string | number)[]] => [m, ['party', i]])]));
  if (issues.length > 0) return refuse(state, issues);
  const existed = lookup(state, e.client, ['client'], ctx);
  const id = identify(state, e.client, e.id, ['client'], ctx);
  if ('code' in id) return refuse(state, [id]);
  let s = id.state;
  const decisions: Decision[] = [id.decision];
  for (const [i, member] of (e.party ?? []).entries()) {
    const { relation, ...ref } = member;
    if (!joinsGroup(s.policy, relation)) {
      decisions.push(decide(ctx, { kind: 'identity', client: id.client, person: `${e.id}/${i + 1}`, match: 'notCovered' }, ['ID-GROUP-ONE'], [], `${ref.name ?? ref.phone ?? 'a party member'} (${relation}) is not family: one claim covers one group, so only the first name is valid`));
      continue;
    }
    const m = identify(s, ref, `${e.id}/${i + 1}`, ['party', i], ctx);
    if ('code' in m) return refuse(state, [m]);
    const joined = joinPersons(m.state, id.person, m.person, relation, ctx);
    s = joined.state;
    decisions.push(...joined.decisions);
  }
  const client = personOf(s.identity, id.person)?.group ?? id.client;
  const prior = 'code' in existed ? undefined : fileOf(s.ownership, client);
  const settled = settle(record(fileFor(s, client, ctx), decisions.filter((d) => d.kind === 'identity' && d.match !== 'linked')), ctx);
  decisions.push(...settled.decisions);
  let file = settled.file;
  const claimDecision = (outcome: 'accepted' | 'renewed' | 'updated' | 'pending' | 'refused', rules: RuleId[], note: string) =>
    decide(ctx, { kind: 'claim', client, staff: e.staff, outcome }, rules, file.basis.evidence, note);
  const done = (extra: Decision[]): Step => ({ state: store(s, file, ctx, extra), decisions: [...decisions, ...extra], issues: [] });

  if (e.kind === 'update') {
    const updated = updateClaim(file, e.staff, ctx);
    if (updated) {
      file = updated.file;
      decisions.push(...updated.decisions);
      return done([]);
    }
  }
  const refusal = claimRefusal(prior, e.staff, e.kind, ctx);
  if (refusal) return done([claimDecision('refused', refusal.rules, refusal.note)]);
  if (e.kind === 'report') {
    const gate = reportGate(file, e, ctx);
    file = gate.file;
    decisions.push(...gate.decisions);
    if (gate.refusal) return done([claimDecision('refused', gate.refusal.rules, gate.refusal.note)]);
  }
  const channel: Channel = e.kind === 'report' ? 'report' : e.kind === 'preFile' ? 'preFile' : 'claim';
  const invalid = fieldsProblem(e.client, channel, s.policy, id.isNew ? undefined : personOf(id.state.identity, id.person));
  const wasOwner = file.owner === e.staff;
  const step = registerClient(
    file,
    {
      registration: { event: e.id, at: ctx.at, day: bookDay(ctx, ctx.at), staff: e.staff, channel, valid: invalid === null, person: id.person, name: e.client.name ?? e.client.contact ?? null, company: e.client.company ?? null },
      invalidReason: invalid,
      claimant: null,
    },
    ctx,
  );
  file = step.file;
  decisions.push(...step.decisions);
  const kindRule: RuleId[] = e.kind === 'preFile' ? ['CLM-PRE-FILE'] : e.kind === 'report' ? ['CLM-REPORT'] : ['REG-FIRST'];
  if (invalid !== null) return done([claimDecision('refused', ['REG-FIELDS', ...kindRule], `invalid claim: ${invalid}`)]);
  if (file.owner === e.staff && file.status === 'disputed') return done([claimDecision('pending', ['COL-SAME-DAY', ...kindRule], 'same-day claims: awaiting the manager\'s ruling')]);
  if (file.owner === e.staff) {
    const outcome = wasOwner ? 'renewed' : 'accepted';
    return done([claimDecision(outcome, kindRule, wasOwner ? 're-confirmed by the owner' : `${e.kind === 'preFile' ? 'pre-filed' : 'claimed'}: ${e.staff} owns the client`)]);
  }
  if (file.status === 'disputed') return done([claimDecision('pending', ['COL-SAME-DAY', ...kindRule], 'same-day claims: awaiting the manager\'s ruling')]);
  const why = file.owner === null ? `the client is ${file.status === 'pool' ? 'in the public pool' : file.status === 'developer' ? "the developer's contact" : 'not claimable'}` : `${file.owner} registered first`;
  return done([claimDecision('refused', ['COL-EARLIEST', ...kindRule], `${why}; refused and kept on record`)]);
}

/**
 * A recorded follow-up (OWN-FOLLOWUP).
 *
 * @param state - the office state
 * @param e - the `recordFollowUp` event
 * @param ctx - the fold context
 * @returns the step
 */
export function recordFollowUp(state: OfficeState, e: EventOf<'recordFollowUp'>, ctx: Ctx): Step {
  const issues = staffIssues(state, ctx, [[e.staff, 'staff']]);
  if (issues.length > 0) return refuse(state, issues);
  const found = lookup(state, e.client, ['client'], ctx);
  if ('code' in found) return refuse(state, [found]);
  const file = fileOf(state.ownership, found.client);
  if (!file) return refuse(state, [unknownClient(ctx, ['client'], 'the client has no registration')]);
  const step = followUp(file, e.staff, e.doNotCall, ctx);
  return { state: store(state, step.file, ctx), decisions: step.decisions, issues: [] };
}
