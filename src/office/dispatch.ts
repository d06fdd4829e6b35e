/**
 * Which families an event goes through, in which order, and what each
 * passes to the next. Composition only: the rules live in the families; the
 * rule IDs seen here are the families' own, passed on into other families'
 * traces.
 * @internal
 */
import { ownEntry } from '../kernel/list.js';
import type { Issue } from '../kernel/issues.js';
import type { ClientRef } from '../events/common.js';
import type { Event, EventOf, EventType } from '../events/schema.js';
import type { DealFacts } from '../deals/allocation.js';
import { handOverDeal } from '../deals/reassign.js';
import { bookDeal, dealIssue, holdMarketingEvent, recognitionIssue, recognize as recognizeForDeals, recordDeal, refund, refundIssue, refuseDeal, setTargets, splitDeal, splitIssues, STAGE_RULES, targetIssues, unitHolder } from '../deals/deals.js';
import type { Deal } from '../deals/state.js';
import { money } from '../kernel/money.js';
import { normalizePhone } from '../identity/phone.js';
import { enter, identify, joinsGroup, match, reusedId, keyIssues, link, lookup, notCovered, recordedFields, relationRank, resolve, split, type Identified } from '../identity/identity.js';
import type { LinkRelation } from '../identity/state.js';
import { activeClaim, activeClaims, claimClient, giveUp, returnClaim } from '../ownership/claims.js';
import { assign, complain, quarrelDeal, raiseDispute, rule, RULING_RULES } from '../ownership/disputes.js';
import { ownershipFacts } from '../ownership/facts.js';
import { announceDeveloper, basisPerson, DEPARTURE_RULES, ensureFile, mergeFiles, ownerDeparted, reachDeal, refundDeal, splitFile, splittable } from '../ownership/lifecycle.js';
import { followUp, hasFile, type Fields } from '../ownership/register.js';
import { recognize, redistribute, redistributionIssue } from '../ownership/recognize.js';
import { announceSubscription } from '../ownership/launch.js';
import { arrive, groupAgent, holderNowOf, registerCall, registerCompanion, registerRealBuyer, registerVisit, type VisitTies } from '../ownership/visits.js';
import { instantMs } from '../kernel/time.js';
import { callGiven, dealRecorded, received, syncCard } from '../periods/cards.js';
import { advance } from '../periods/close.js';
import type { PeriodFacts } from '../periods/facts.js';
import { CANCEL_RULES, postFine, violate, violationIssues } from '../periods/fines.js';
import { gradeIssue, setGrade } from '../periods/grades.js';
import { claimAccepted, overQuota, QUOTA_RULES, refusedOverQuota } from '../periods/quota.js';
import { arrivalIssue, arrive as arriveInvited, arriveOnVisit, CONFIRM_RULES, invitationOf, invite, invitedOf, outboundCall } from '../periods/telemarketing.js';
import { penaltiesAt } from '../rotation/state.js';
import { allocateCall, assignDuty, derivePenalty, ELIGIBILITY_RULES, endReception, GROUP_RULES, penalize, receive, returnTurn, syncStaff } from '../rotation/rotation.js';
import { changeStaff, staffIssue } from '../staff/staff.js';
import { monthFigures } from './facts.js';
import type { Live } from './live.js';

type Refs = readonly (readonly [string | undefined, string])[];

/** Issues for staff references that name nobody current on the roster. */
function staffIssues(o: Live, id: string, refs: Refs, departedOk = false): Issue[] {
  const issues: Issue[] = [];
  for (const [staff, path] of refs) {
    if (staff === undefined) continue;
    const issue = staffIssue(o.staff.members, staff, [path], id, departedOk);
    if (issue) issues.push(issue);
  }
  return issues;
}

/** The issue of one staff reference, pushed when there is one (no arrays for references left out). */
function checkStaff(o: Live, issues: Issue[], staff: string | undefined, path: string, id: string): void {
  if (staff === undefined) return;
  const issue = staffIssue(o.staff.members, staff, [path], id);
  if (issue) issues.push(issue);
}

function partyRefs(party: readonly ClientRef[] | undefined): [ClientRef, (string | number)[]][] {
  return (party ?? []).map((m, i) => [m, ['party', i]]);
}

/** Pushes the issue of an id that already keys a person (see {@link reusedId}). */
function checkId(o: Live, issues: Issue[], id: string, extra: number): void {
  const issue = reusedId(o.identity, id, extra);
  if (issue) issues.push(issue);
}

/** The client group a person belongs to now. */
function groupOf(o: Live, person: string): string {
  return o.identity.people.get(person)?.group ?? person;
}

/** What the registration checks need of an identified reference. */
function fieldsOf(ref: ClientRef, id: Identified): Fields {
  return { ref, phone: id.phone, known: id.isNew ? undefined : recordedFields(id.person) };
}

/** Joins two persons into one client and merges their files and stories (ID-FAMILY, ID-MATCH). */
function join(o: Live, a: string, b: string, relation: LinkRelation): void {
  const l = link(o.cIdentity, a, b, relation);
  if (!l.joined) return;
  const ra = relationRank(o.cIdentity, basisPerson(o.cOwn, l.into));
  const rb = relationRank(o.cIdentity, basisPerson(o.cOwn, l.from));
  const moved = mergeFiles(o.cOwn, l.into, l.from, { family: l.family, ranks: ra !== null && rb !== null ? [ra, rb] : null, rules: l.rules });
  o.mergeStories(l.into, l.from);
  if (moved !== null) handOverDeal(o.cDeals, moved);
}

/** Identifies the party members of a visit or a claim who join the client's group; the others come back. */
function joinParty(o: Live, id: Identified, party: readonly (ClientRef & { readonly relation: LinkRelation })[] | undefined, onOther: (ref: ClientRef, key: string, relation: LinkRelation) => void): Issue | null {
  for (const [i, member] of (party ?? []).entries()) {
    const { relation, ...ref } = member;
    const key = `${o.tx.id}/${i + 1}`;
    if (!joinsGroup(o.policy.identity, relation)) {
      onOther(ref, key, relation);
      continue;
    }
    const m = identify(o.cIdentity, ref, key, ['party', i], true);
    if ('code' in m) return m;
    join(o, id.person.key, m.person.key, relation);
  }
  return null;
}

function referrerOf(o: Live, ref: ClientRef | undefined): VisitTies['referrer'] {
  if (ref === undefined) return undefined;
  const found = lookup(o.identity, o.policy.identity, ref, o.tx.id, ['referredBy']);
  if ('code' in found) return null;
  return { client: found.client, owner: holderNowOf(o.cOwn, found.client) };
}

/** A client already on record, for events about known clients. */
function known(o: Live, ref: ClientRef): string | Issue {
  const found = lookup(o.identity, o.policy.identity, ref, o.tx.id, ['client']);
  if ('code' in found) return found;
  return hasFile(o.cOwn, found.client) ? found.client : { code: 'unknown_client', path: ['client'], event: o.tx.id, message: 'the client has no registration: register the client first' };
}

function onKnown(o: Live, e: { readonly id: string; readonly client: ClientRef }, staff: string | undefined, path: string, act: (client: string) => void): Issue[] | null {
  const issues: Issue[] = [];
  checkStaff(o, issues, staff, path, e.id);
  if (issues.length > 0) return issues;
  const client = known(o, e.client);
  if (typeof client !== 'string') return [client];
  tick(o);
  act(client);
  return null;
}

const facts = new WeakMap<Live, PeriodFacts>();

/** What the periods read of the deals: a salesperson's month (red and green lines, targets, commission booked). */
function periodFacts(o: Live): PeriodFacts {
  let f = facts.get(o);
  if (f === undefined) {
    f = {
      month: (staff, month) => monthFigures(o.deals.tallies, staff, month),
      active: (staff, clients, at, kinds) => activeClaims({ s: o.cOwn.s, tx: { at } }, clients, staff, kinds),
      penalties: (staff, at) => penaltiesAt(o.rotation.ring.value, o.rotation.parked, staff, at),
    };
    facts.set(o, f);
  }
  return f;
}

/**
 * Moves the office's clock to the event: the periods it passes close, and
 * the penalties they derive go to the rotation. Every handler calls it once
 * the event can no longer be refused and before it changes anything, so the
 * periods close on the office as they left it (their standings included);
 * it costs a comparison when no day has ended.
 */
function tick(o: Live): void {
  const clock = o.periods.clock.value;
  if (clock !== null && o.tx.at < clock.dayEnd) return;
  if (o.tx.changed > 0) throw new Error(`salesfloor internal error: event ${o.tx.id} changed the office before its periods closed`);
  for (const d of advance(o.cPeriods, periodFacts(o), o.judgedUnder)) derivePenalty(o.cRot, d);
}

/** A phone as its digits, or the issue of one that cannot be a number. */
function phoneDigits(o: Live, raw: string | undefined, path: string): string | null | Issue {
  if (raw === undefined) return null;
  const phone = normalizePhone(raw);
  if (phone.kind === 'full') return phone.digits;
  return { code: 'invalid_format', path: [path], event: o.tx.id, message: phone.kind === 'masked' ? `a masked phone (${raw}) cannot be called` : phone.reason };
}

/** What a deal's split rests on: its closer and helpers, the client's ownership, the roster. */
function dealFacts(o: Live, deal: Pick<Deal, 'staff' | 'invitedBy' | 'discountBy'>, client: string): DealFacts {
  return {
    closer: deal.staff,
    invitedBy: deal.invitedBy,
    discountBy: deal.discountBy,
    ownership: ownershipFacts(o.cOwn, client, (person) => groupOf(o, person)),
    member: (staff) => o.staff.members.get(staff),
  };
}

type Handler<T extends EventType> = (o: Live, e: EventOf<T>) => Issue[] | null;

const handlers: { [T in EventType]: Handler<T> } = {
  changeStaff(o, e) {
    tick(o);
    const change = changeStaff(o.cStaff, e, { departure: DEPARTURE_RULES, eligibility: ELIGIBILITY_RULES });
    syncStaff(o.cRot, change.member);
    syncCard(o.cPeriods, change.member);
    if (change.departed) ownerDeparted(o.cOwn, change.member.id);
    return null;
  },

  registerVisit(o, e) {
    const issues: Issue[] = [];
    checkStaff(o, issues, e.receiver, 'receiver', e.id);
    checkStaff(o, issues, e.named, 'named', e.id);
    checkStaff(o, issues, e.relativeOf, 'relativeOf', e.id);
    checkStaff(o, issues, e.referredByStaff, 'referredByStaff', e.id);
    checkStaff(o, issues, e.invitedBy, 'invitedBy', e.id);
    const appointer = e.appointment === undefined ? null : staffIssue(o.staff.members, e.appointment.staff, ['appointment', 'staff'], e.id);
    if (appointer) issues.push(appointer);
    checkStaff(o, issues, e.broughtBy, 'broughtBy', e.id);
    if (e.namedSeveral !== undefined) {
      for (const [i, staff] of e.namedSeveral.entries()) {
        const bad = staffIssue(o.staff.members, staff, ['namedSeveral', i], e.id);
        if (bad) issues.push(bad);
      }
    }
    if (e.client?.key !== undefined || e.party !== undefined || e.realBuyer !== undefined) {
      issues.push(...keyIssues(o.identity, e.id, [[e.client, ['client']], ...partyRefs(e.party), [e.realBuyer, ['realBuyer']]]));
    }
    // The party's keys and the real buyer's (REG-REAL-BUYER) come after the event's own.
    const extra = (e.party?.length ?? 0) + (e.realBuyer === undefined ? 0 : 1);
    if (extra > 0 && e.client !== undefined && e.nonClient === undefined) checkId(o, issues, e.id, extra);
    if (issues.length > 0) return issues;
    const groupSize = 1 + (e.party?.length ?? 0);
    if (e.nonClient !== undefined || e.client === undefined) {
      tick(o);
      receive(o.cRot, { client: undefined, receiver: e.receiver, owner: null, named: undefined, tieRules: [], purpose: e.purpose, nonClient: e.nonClient ?? 'not a client', groupSize, buyers: 0, appointment: undefined, clientNamed: false, tourGroup: false, invitedBy: undefined, ownerNotice: false });
      return null;
    }
    const m = match(o.cIdentity, e.client, e.id, ['client']);
    if ('code' in m) return [m];
    tick(o);
    const id = enter(o.cIdentity, m);
    const companions: { ref: ClientRef; key: string }[] = [];
    if (e.party !== undefined) {
      const bad = joinParty(o, id, e.party, (ref, key) => companions.push({ ref, key }));
      if (bad) return [bad];
    }
    const client = e.party === undefined ? id.client : groupOf(o, id.person.key);
    const ties: VisitTies = {
      named: e.named,
      relativeOf: e.relativeOf,
      accompanied: e.accompanied === true,
      book: e.receiver,
      referrer: referrerOf(o, e.referredBy),
      referredByStaff: e.referredByStaff,
      namedSeveral: e.namedSeveral,
      unannounced: e.unannounced === true,
      ownerNotice: e.ownerNotice === true,
      asked: e.asked,
      // The tie is a salesperson's phone invite; a telemarketer's invitation goes to the queue instead (ROT-INVITED-VISIT).
      invitedBy: o.staff.members.get(e.invitedBy ?? '')?.role === 'telemarketer' ? undefined : e.invitedBy,
      inviterOwnsNumber: e.inviterOwnsNumber === true,
      broughtBy: e.broughtBy,
      present: o.present,
    };
    const arrival = arrive(o.cOwn, client, ties);
    const buyers = 1 + companions.filter((c) => c.ref.name !== undefined || c.ref.phone !== undefined).length;
    const receiver = receive(o.cRot, {
      client,
      receiver: e.receiver,
      owner: arrival.desk,
      named: arrival.desk === null ? arrival.tied?.staff : arrival.named,
      tieRules: arrival.tieRules,
      purpose: e.purpose,
      nonClient: undefined,
      groupSize,
      buyers,
      appointment: e.appointment,
      clientNamed: e.client.name !== undefined || e.client.contact !== undefined,
      tourGroup: e.tourGroup === true,
      invitedBy: e.invitedBy,
      ownerNotice: e.ownerNotice === true,
    });
    received(o.cPeriods, receiver);
    // A telemarketer's invited client who contacted them (ROT-INVITED-VISIT) is the arrival of their invitation (KPI-INVITE-CONFIRM).
    if (e.invitedBy !== undefined && e.client.phone !== undefined && o.staff.members.get(e.invitedBy)?.role === 'telemarketer') {
      const phone = normalizePhone(e.client.phone);
      if (phone.kind === 'full') arriveOnVisit(o.cPeriods, e.invitedBy, phone.digits, client, receiver);
    }
    const contactAt = e.contactAt === undefined ? undefined : instantMs(e.contactAt);
    registerVisit(o.cOwn, { client, person: id.person.key, arrival, ties, receiver, fields: fieldsOf(e.client, id), name: e.client.name ?? e.client.contact ?? null, company: e.client.company ?? null, contactAt });
    const agent = companions.length === 0 ? null : groupAgent(o.cOwn, client, e.broughtBy);
    for (const c of companions) {
      if (c.ref.name === undefined && c.ref.phone === undefined) continue;
      const m = identify(o.cIdentity, c.ref, c.key, ['party']);
      if ('code' in m) continue;
      registerCompanion(o.cOwn, m.client, c.key, { ref: c.ref, phone: m.phone }, receiver, GROUP_RULES, agent);
    }
    if (e.realBuyer !== undefined && o.policy.registration.realBuyer) {
      const key = `${e.id}/${(e.party?.length ?? 0) + 1}`;
      const b = identify(o.cIdentity, e.realBuyer, key, ['realBuyer']);
      if (!('code' in b)) registerRealBuyer(o.cOwn, b.client, b.person.key, fieldsOf(e.realBuyer, b), receiver);
    }
    return null;
  },

  registerCall(o, e) {
    const issues: Issue[] = [];
    checkStaff(o, issues, e.receiver, 'receiver', e.id);
    checkStaff(o, issues, e.allocatedBy, 'allocatedBy', e.id);
    if (issues.length > 0) return issues;
    // Written whole: a spread followed by a key it lacks makes V8 build a new hidden class for every call.
    const selfSourced = e.selfSourced === true;
    if (e.client === undefined) {
      tick(o);
      callGiven(o.cPeriods, allocateCall(o.cRot, { receiver: e.receiver, selfSourced, client: undefined }));
      return null;
    }
    const m = match(o.cIdentity, e.client, e.id, ['client']);
    if ('code' in m) return [m];
    tick(o);
    const id = enter(o.cIdentity, m);
    const receiver = allocateCall(o.cRot, { receiver: e.receiver, selfSourced, client: id.client });
    callGiven(o.cPeriods, receiver);
    registerCall(o.cOwn, e, id.client, id.person.key, receiver, fieldsOf(e.client, id), e.client.name ?? null, e.client.company ?? null);
    return null;
  },

  claimClient(o, e) {
    const issues: Issue[] = [];
    checkStaff(o, issues, e.staff, 'staff', e.id);
    if (e.client.key !== undefined || e.party !== undefined) issues.push(...keyIssues(o.identity, e.id, [[e.client, ['client']], ...partyRefs(e.party)]));
    if (e.party !== undefined) checkId(o, issues, e.id, e.party.length);
    if (issues.length > 0) return issues;
    const m = match(o.cIdentity, e.client, e.id, ['client']);
    if ('code' in m) return [m];
    tick(o);
    const id = enter(o.cIdentity, m);
    const existed = !id.isNew;
    const bad = joinParty(o, id, e.party, (ref, key, relation) => notCovered(o.cIdentity, id.client, key, ref.name ?? ref.phone ?? 'a party member', relation));
    if (bad) return [bad];
    const client = groupOf(o, id.person.key);
    const quota = o.policy.periods.quota;
    const kinds = (quota ?? o.cPeriods.bookedQuota ?? null)?.kinds ?? [];
    const active = (key: string) => activeClaim(o.cOwn, key, e.staff, kinds);
    const over = quota === null ? null : () => overQuota(o.cPeriods, e.staff, e.kind, active, periodFacts(o));
    const out = claimClient(o.cOwn, e, { client, person: id.person.key, existed, fields: fieldsOf(e.client, id), referrer: referrerOf(o, e.referredBy), quota: over });
    if (out === 'overQuota') refusedOverQuota(o.cPeriods, e.staff);
    else if (out === 'accepted' || out === 'renewed') claimAccepted(o.cPeriods, e.staff, client, (kinds as readonly string[]).includes(e.kind), active);
    return null;
  },

  recordFollowUp: (o, e) => onKnown(o, e, e.staff, 'staff', (client) => followUp(o.cOwn, client, e.staff, { doNotCall: e.doNotCall, effective: e.effective, nextAt: e.nextAt === undefined ? undefined : instantMs(e.nextAt) })),
  releaseClaim: (o, e) => onKnown(o, e, e.staff, 'staff', (client) => giveUp(o.cOwn, client, e.staff, 'release', QUOTA_RULES)),
  raiseDispute: (o, e) =>
    onKnown(o, e, e.staff, 'staff', (client) => {
      const moved = raiseDispute(o.cOwn, client, e.staff);
      if (moved !== null) handOverDeal(o.cDeals, moved);
    }),
  fileComplaint: (o, e) => onKnown(o, e, e.reassignTo, 'reassignTo', (client) => complain(o.cOwn, client, e)),
  assignClient: (o, e) => onKnown(o, e, e.staff, 'staff', (client) => assign(o.cOwn, client, e)),

  issueRuling(o, e) {
    const issues = staffIssues(o, e.id, [
      [e.owner ?? undefined, 'owner'],
      [e.concealer, 'concealer'],
      [e.violator, 'violator'],
    ]);
    issues.push(...staffIssues(o, e.id, [[e.by, 'by'], [e.appellant, 'appellant']], true));
    if (issues.length > 0) return issues;
    const client = known(o, e.client);
    if (typeof client !== 'string') return [client];
    if (e.finding === 'notSameClient') {
      const reg = splittable(o.cOwn, client, e.registration ?? '');
      if ('code' in reg) return [reg];
      tick(o);
      split(o.cIdentity, reg.person, { event: reg.event, at: reg.at, name: reg.name }, client, RULING_RULES);
      splitFile(o.cOwn, client, reg);
      return null;
    }
    tick(o);
    const ruled = rule(o.cOwn, client, e);
    if (ruled.move !== null) handOverDeal(o.cDeals, ruled.move);
    // The ruling's fines go to the fines ledger (PEN-FINES).
    for (const f of ruled.fines) {
      const amount = money(f.amount);
      if (amount.gt(0)) postFine(o.cPeriods, { staff: f.staff, client: f.client, amount, violation: f.why, cause: f.rules, evidence: f.evidence });
    }
    return null;
  },

  linkClients(o, e) {
    const a = lookup(o.identity, o.policy.identity, e.a, e.id, ['a']);
    const b = lookup(o.identity, o.policy.identity, e.b, e.id, ['b']);
    if ('code' in a || 'code' in b) return [a, b].filter((x): x is Issue => 'code' in x);
    tick(o);
    join(o, a.person, b.person, e.relation);
    return null;
  },

  announceDeveloperContacts(o, e) {
    const issues = keyIssues(o.identity, e.id, e.clients.map((ref, i): [ClientRef, (string | number)[]] => [ref, ['clients', i]]));
    checkId(o, issues, e.id, e.clients.length);
    if (issues.length > 0) return issues;
    tick(o);
    for (const [i, ref] of e.clients.entries()) {
      const id = identify(o.cIdentity, ref, `${e.id}/${i + 1}`, ['clients', i]);
      if ('code' in id) return [id];
      announceDeveloper(o.cOwn, groupOf(o, id.person.key));
    }
    return null;
  },

  closeDeal(o, e) {
    const issues = staffIssues(o, e.id, [
      [e.staff, 'staff'],
      [e.invitedBy, 'invitedBy'],
      [e.discountBy, 'discountBy'],
    ]);
    const res = resolve(o.identity, o.policy.identity, e.client);
    const bad = dealIssue(o.cDeals, e, res.found ? res.client : undefined, (a, b) => groupOf(o, a) === groupOf(o, b));
    if (bad) issues.push(bad);
    if (issues.length > 0) return issues;
    const m = match(o.cIdentity, e.client, e.id, ['client']);
    if ('code' in m) return [m];
    tick(o);
    const id = enter(o.cIdentity, m);
    const client = groupOf(o, id.person.key);
    const holder = unitHolder(o.cDeals, e);
    if (holder) {
      ensureFile(o.cOwn, client);
      refuseDeal(o.cDeals, e, client, holder);
      return null;
    }
    const isNew = o.deals.deals.get(e.deal)?.status !== 'live';
    const invited = e.invitedBy === undefined ? undefined : invitedOf(o.cPeriods, client);
    const invite: Deal['invite'] = invited !== undefined && invited.inviter === e.invitedBy ? { confirmed: invited.confirmed, event: invited.event, rules: CONFIRM_RULES } : null;
    const deal = recordDeal(o.cDeals, e, client, invite);
    const converts = e.invitedBy !== undefined && (!o.policy.periods.invitations.confirm || invite?.confirmed === true);
    dealRecorded(o.cPeriods, e.staff, isNew, converts ? (e.invitedBy ?? null) : null);
    reachDeal(o.cOwn, client, { deal: e.deal, staff: e.staff, stage: e.stage, buyer: e.buyer, stageRules: STAGE_RULES });
    bookDeal(o.cDeals, e.deal, () => dealFacts(o, deal, client));
    const quarrel = quarrelDeal(o.cOwn, client, e.deal);
    if (quarrel !== null) handOverDeal(o.cDeals, quarrel);
    return null;
  },

  recognizeClient(o, e) {
    const issues = staffIssues(o, e.id, [
      [e.by, 'by'],
      [e.original, 'original'],
      [e.follower, 'follower'],
    ]);
    if (issues.length > 0) return issues;
    const client = known(o, e.client);
    if (typeof client !== 'string') return [client];
    const bad = recognitionIssue(o.cDeals, e, client, (a, b) => groupOf(o, a) === groupOf(o, b));
    if (bad) return [bad];
    tick(o);
    // Recognized at the reception: the client goes back to the original first, then the deal split reads who holds them.
    if (e.during !== 'later') {
      const moved = recognize(o.cOwn, client, e.by ?? null, e.original);
      if (moved !== null) handOverDeal(o.cDeals, moved);
      // The original who recognized them holds them now: the reception that took them is handed over (004e §4).
      if (e.by !== undefined && e.by === holderNowOf(o.cOwn, client)) returnTurn(o.cRot, client, e.by);
    }
    recognizeForDeals(o.cDeals, e, client, holderNowOf(o.cOwn, client), (deal) => dealFacts(o, deal, client));
    return null;
  },

  holdMarketingEvent(o, e) {
    tick(o);
    holdMarketingEvent(o.cDeals, e);
    return null;
  },

  refund(o, e) {
    const bad = refundIssue(o.cDeals, e);
    if (bad) return [bad];
    tick(o);
    const done = refund(o.cDeals, e);
    const client = groupOf(o, done.client);
    if (hasFile(o.cOwn, client)) refundDeal(o.cOwn, client, e.deal, done.full, done.pool);
    return null;
  },

  splitDeal(o, e) {
    const issues = splitIssues(o.cDeals, e, (staff) => o.staff.members.get(staff) !== undefined);
    if (issues.length > 0) return issues;
    tick(o);
    splitDeal(o.cDeals, e);
    return null;
  },

  redistributeClients(o, e) {
    const issues = staffIssues(o, e.id, [[e.staff, 'staff']], true);
    issues.push(...staffIssues(o, e.id, [[e.by, 'by']], true));
    for (const [i, m] of e.to.entries()) {
      const bad = staffIssue(o.staff.members, m.staff, ['to', i, 'staff'], e.id);
      if (bad) issues.push(bad);
    }
    if (issues.length > 0) return issues;
    const moves: { client: string; staff: string }[] = [];
    const seen = new Set<string>();
    for (const [i, m] of e.to.entries()) {
      const found = lookup(o.identity, o.policy.identity, m.client, e.id, ['to', i, 'client']);
      if ('code' in found) return [found];
      const bad = seen.has(found.client)
        ? { code: 'invalid_value' as const, path: ['to', i, 'client'], event: e.id, message: `client ${found.client} is drawn twice: each client goes to one salesperson` }
        : redistributionIssue(o.cOwn, e.staff, m.staff, ['to', i]);
      if (bad) return [bad];
      seen.add(found.client);
      moves.push({ client: found.client, staff: m.staff });
    }
    const leaver = o.staff.members.get(e.staff);
    if (leaver === undefined) return staffIssues(o, e.id, [[e.staff, 'staff']]);
    tick(o);
    redistribute(o.cOwn, leaver, moves, e.draw);
    return null;
  },

  announceSubscription(o, e) {
    const issues = staffIssues(o, e.id, [[e.by, 'by']], true);
    if (issues.length > 0) return issues;
    tick(o);
    announceSubscription(o.cOwn, e.startsAt === undefined ? null : instantMs(e.startsAt));
    return null;
  },

  returnClaim(o, e) {
    const issues = staffIssues(o, e.id, [[e.staff, 'staff']]);
    issues.push(...staffIssues(o, e.id, [[e.by, 'by']], true));
    if (issues.length > 0) return issues;
    const client = known(o, e.client);
    if (typeof client !== 'string') return [client];
    tick(o);
    returnClaim(o.cOwn, client, e.staff);
    return null;
  },

  setTargets(o, e) {
    const issues = [...staffIssues(o, e.id, [[e.staff, 'staff']]), ...targetIssues(e)];
    if (issues.length > 0) return issues;
    tick(o);
    setTargets(o.cDeals, e);
    return null;
  },

  endReception(o, e) {
    const issues = staffIssues(o, e.id, [[e.staff, 'staff']]);
    if (issues.length > 0) return issues;
    tick(o);
    endReception(o.cRot, e);
    return null;
  },

  assignDuty(o, e) {
    const issues = e.staff.flatMap((staff, i) => staffIssue(o.staff.members, staff, ['staff', i], e.id) ?? []);
    if (issues.length > 0) return issues;
    tick(o);
    assignDuty(o.cRot, e.staff, e.hours);
    return null;
  },

  setRotationPenalty(o, e) {
    const issues = staffIssues(o, e.id, [[e.staff, 'staff']]);
    if (issues.length > 0) return issues;
    tick(o);
    penalize(o.cRot, e);
    return null;
  },

  recordOutboundCall(o, e) {
    const issues = staffIssues(o, e.id, [[e.staff, 'staff']]);
    const phone = phoneDigits(o, e.phone, 'phone');
    if (phone !== null && typeof phone !== 'string') issues.push(phone);
    if (issues.length > 0) return issues;
    tick(o);
    outboundCall(o.cPeriods, e, phone as string | null);
    return null;
  },

  recordInvitation(o, e) {
    const issues = staffIssues(o, e.id, [[e.staff, 'staff']]);
    if (issues.length > 0) return issues;
    const phone = e.client.phone === undefined ? null : normalizePhone(e.client.phone);
    tick(o);
    invite(o.cPeriods, e, phone?.kind === 'full' ? phone.digits : null);
    return null;
  },

  recordInvitedArrival(o, e) {
    const issues = staffIssues(o, e.id, [[e.signedBy, 'signedBy']]);
    const bad = arrivalIssue(o.cPeriods, e);
    if (bad) issues.push(bad);
    if (issues.length > 0) return issues;
    const inv = invitationOf(o.cPeriods, e.invitation);
    const ref: ClientRef | undefined = e.client ?? (inv === undefined ? undefined : { ...(inv.name === null ? {} : { name: inv.name }), ...(inv.phone === null ? {} : { phone: inv.phone }) });
    const found = ref === undefined || (ref.name === undefined && ref.phone === undefined && ref.key === undefined && ref.company === undefined) ? undefined : lookup(o.identity, o.policy.identity, ref, e.id, ['client']);
    const client = found === undefined || 'code' in found ? null : groupOf(o, found.person);
    tick(o);
    arriveInvited(o.cPeriods, e, client);
    return null;
  },

  setGrade(o, e) {
    const issues = staffIssues(o, e.id, [[e.staff, 'staff']]);
    const bad = gradeIssue(o.cPeriods, e);
    if (bad) issues.push(bad);
    if (issues.length > 0) return issues;
    tick(o);
    setGrade(o.cPeriods, e);
    return null;
  },

  recordViolation(o, e) {
    const issues = staffIssues(o, e.id, [[e.staff, 'staff']], true);
    issues.push(...violationIssues(o.cPeriods, e));
    if (issues.length > 0) return issues;
    const client = e.client === undefined ? null : known(o, e.client);
    if (client !== null && typeof client !== 'string') return [client];
    tick(o);
    const cancels = ownEntry(o.policy.periods.fines.schedule, e.violation)?.cancelsClaim === true;
    const cancelled = cancels && client !== null && giveUp(o.cOwn, client, e.staff, 'cancel', CANCEL_RULES, { violation: e.violation });
    violate(o.cPeriods, e, client, cancelled);
    return null;
  },
};

/**
 * Whether a value is an event the engine can decide: an object whose `type`
 * has a handler. `apply` takes valid events; a caller in plain JavaScript
 * that passes anything else gets an issue, not a TypeError from inside.
 * @internal
 */
export function isDecidable(e: unknown): e is Event {
  return typeof e === 'object' && e !== null && typeof (e as { type?: unknown }).type === 'string' && Object.hasOwn(handlers, (e as { type: string }).type);
}

/**
 * Decides one event in an open office: its issues when refused (before
 * anything changed), or null.
 * @internal
 */
export function dispatch(o: Live, e: EventOf<EventType>): Issue[] | null {
  const refused = (handlers[e.type] as Handler<EventType>)(o, e);
  // A handler that forgot to: the clock still moves (a no-op after the handler's own tick).
  if (refused === null) tick(o);
  return refused;
}
