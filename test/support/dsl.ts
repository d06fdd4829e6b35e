/**
 * A small given/when/then language for scenario tests.
 *
 *   const t = given([staff('S01'), staff('S02'), visit('11-01 10:00', zhang, { receiver: 'S01' })]);
 *   const step = t.when(claim('11-02 09:30', 'S02', zhang));
 *   expect(t.ownerOf(zhang.phone)).toBe('S01');
 */
import { expect } from 'vitest';
import {
  apply,
  dealsOf,
  explain,
  initialState,
  ownerOf,
  type ClientRef,
  type DealRow,
  type Decision,
  type DecisionOf,
  type Event,
  type EventInput,
  type OfficeState,
  type PolicyInput,
  type PolicySource,
  type RuleId,
  type Step,
  parseEvent,
} from '../../src/index.js';

let counter = 0;

/** `MM-DD HH:mm[:ss]` in 2026, Shanghai time, to ISO-8601 with offset. */
export function t(when: string): string {
  const [date, time = '00:00'] = when.split(' ');
  const full = time.length === 5 ? `${time}:00` : time;
  return `2026-${date}T${full}+08:00`;
}

type Body<T extends Event['type']> = Omit<Extract<EventInput, { type: T }>, 'v' | 'id' | 'at' | 'office' | 'type'>;

/** Builds a valid event (validated through parseEvent, so tests use the real schema). */
export function event<T extends Event['type']>(type: T, when: string, body: Body<T>, id?: string): Event {
  const raw = { v: 1, id: id ?? `t${++counter}`, type, at: t(when), office: 'test', ...body };
  const parsed = parseEvent(raw);
  if (!parsed.ok) throw new Error(`bad test event: ${JSON.stringify(parsed.issues)}`);
  return parsed.event;
}

export const staff = (id: string, extra: Partial<Body<'changeStaff'>> = {}, when = '11-01 08:00') =>
  event('changeStaff', when, { staff: id, name: extra.name ?? `Staff ${id}`, ...extra });
export const status = (when: string, id: string, s: NonNullable<Body<'changeStaff'>['status']>) => event('changeStaff', when, { staff: id, status: s });
export const visit = (when: string, client: ClientRef | undefined, extra: Partial<Body<'registerVisit'>> = {}) =>
  event('registerVisit', when, { ...(client ? { client } : {}), ...extra } as Body<'registerVisit'>);
export const call = (when: string, client: ClientRef | undefined, receiver: string, extra: Partial<Body<'registerCall'>> = {}) =>
  event('registerCall', when, { ...(client ? { client } : {}), receiver, ...extra });
export const claim = (when: string, who: string, client: ClientRef, extra: Partial<Body<'claimClient'>> = {}) =>
  event('claimClient', when, { staff: who, client, ...extra });
export const followUp = (when: string, who: string, client: ClientRef, extra: Partial<Body<'recordFollowUp'>> = {}) =>
  event('recordFollowUp', when, { staff: who, client, ...extra });
export const deal = (when: string, id: string, who: string, client: ClientRef, stage: Body<'closeDeal'>['stage'] = 'subscription', extra: Partial<Body<'closeDeal'>> = {}) =>
  event('closeDeal', when, { deal: id, staff: who, client, stage, unit: extra.unit ?? `U-${id}`, amount: extra.amount ?? '1000000', ...extra });
export const refund = (when: string, id: string, extra: Partial<Body<'refund'>> = {}) => event('refund', when, { deal: id, ...extra });
export const ruling = (when: string, client: ClientRef, extra: Partial<Body<'issueRuling'>>) =>
  event('issueRuling', when, { client, level: 'manager', ...extra } as Body<'issueRuling'>);
export const dispute = (when: string, who: string, client: ClientRef) => event('raiseDispute', when, { staff: who, client });
export const complaint = (when: string, client: ClientRef, against: string, justified: boolean, reassignTo?: string) =>
  event('fileComplaint', when, { client, against, justified, ...(reassignTo ? { reassignTo } : {}) });
export const assign = (when: string, client: ClientRef, who: string, extra: Partial<Body<'assignClient'>> = {}) =>
  event('assignClient', when, { client, staff: who, ...extra });
export const link = (when: string, a: ClientRef, b: ClientRef, relation: Body<'linkClients'>['relation']) =>
  event('linkClients', when, { a, b, relation });
export const developer = (when: string, clients: ClientRef[]) => event('announceDeveloperContacts', when, { clients });
export const targets = (when: string, who: string, month: string, red: string | null, green: string | null) => event('setTargets', when, { staff: who, month, red, green });
export const penalty = (when: string, who: string, kind: 'halfTurns' | 'noCalls', days?: number) => event('setRotationPenalty', when, { staff: who, penalty: kind, ...(days === undefined ? {} : { days }) });
export const outbound = (when: string, who: string, grade: 'A' | 'B' | 'C' | 'D', extra: Partial<Body<'recordOutboundCall'>> = {}) => event('recordOutboundCall', when, { staff: who, grade, ...extra });
export const invitation = (when: string, who: string, client: ClientRef, id?: string) => event('recordInvitation', when, { staff: who, client }, id);
export const arrival = (when: string, invitationId: string, contactedInviter: boolean, signedBy?: string, extra: Partial<Body<'recordInvitedArrival'>> = {}) =>
  event('recordInvitedArrival', when, { invitation: invitationId, contactedInviter, ...(signedBy === undefined ? {} : { signedBy }), ...extra });
export const grade = (when: string, who: string, name: string, base?: string) => event('setGrade', when, { staff: who, grade: name, ...(base === undefined ? {} : { base }) });
export const violation = (when: string, who: string, name: string, extra: Partial<Body<'recordViolation'>> = {}) => event('recordViolation', when, { staff: who, violation: name, ...extra });
export const release = (when: string, who: string, client: ClientRef) => event('releaseClaim', when, { staff: who, client });
export const recognize = (when: string, client: ClientRef, during: Body<'recognizeClient'>['during'], extra: Partial<Body<'recognizeClient'>> = {}) =>
  event('recognizeClient', when, { client, during, ...extra });
export const marketingEvent = (when: string, from: string, to: string, name?: string) => event('holdMarketingEvent', when, { from: t(from), to: t(to), ...(name ? { name } : {}) });
export const duty = (when: string, ids: string[], hours?: Body<'assignDuty'>['hours']) => event('assignDuty', when, { staff: ids, ...(hours ? { hours } : {}) });
export const endReception = (when: string, who: string, visitId?: string) => event('endReception', when, { staff: who, ...(visitId ? { visit: visitId } : {}) });
/** A recognition at the reception by `who` (OWN-RECOGNIZE). */
export const recognizeBy = (when: string, who: string, client: ClientRef, extra: Partial<Body<'recognizeClient'>> = {}) => event('recognizeClient', when, { by: who, client, ...extra });
export const redistribute = (when: string, from: string, to: Body<'redistributeClients'>['to'], extra: Partial<Body<'redistributeClients'>> = {}) =>
  event('redistributeClients', when, { staff: from, to, ...extra });
export const subscription = (when: string, startsAt?: string) => event('announceSubscription', when, startsAt === undefined ? {} : { startsAt: t(startsAt) });
export const returnClaim = (when: string, who: string, client: ClientRef, extra: Partial<Body<'returnClaim'>> = {}) => event('returnClaim', when, { staff: who, client, ...extra });

/** Well-known test clients. */
let walkInPhone = 13500000000;

/** A new visitor nobody has met: a fresh phone each call (unique within a test file). */
export const fresh = (): ClientRef => ({ name: `客${walkInPhone % 1000}`, phone: String(++walkInPhone) });

/** The reception decision of a step. */
export const reception = (step: Step): DecisionOf<'reception'> => find(step, 'reception');

/** New visitors at the given times, each reception ended at once; who received each. */
export function walkIns(g: Given, ...times: string[]): (string | null)[] {
  return times.map((when) => {
    const who = reception(g.when(visit(when, fresh()))).receiver;
    if (who !== null) g.when(endReception(when, who));
    return who;
  });
}

export const zhang = { name: '张伟', phone: '13812345678' } as const;
export const wang = { name: '王芳', phone: '13900001111' } as const;
export const liu = { name: '刘洋', phone: '13700002222' } as const;
export const chen = { name: '陈静', phone: '13600003333' } as const;

/** A scenario: the state after `events`, with helpers to continue and to read it. */
export interface Given {
  state: OfficeState;
  /** Applies one event, keeps the new state, and fails on any issue unless `allowIssues`. */
  when(e: Event, allowIssues?: boolean): Step;
  ownerOf(query: string, at?: string): string | null;
  statusOf(query: string, at?: string): string | undefined;
  rulesOf(query: string): readonly RuleId[];
}

export function given(events: Event[], policy: PolicySource = {}): Given {
  let state = initialState(policy);
  for (const e of events) {
    const step = apply(state, e);
    if (step.issues.length > 0) throw new Error(`given: ${JSON.stringify(step.issues)}`);
    state = step.state;
  }
  const g: Given = {
    get state() {
      return state;
    },
    set state(s) {
      state = s;
    },
    when(e, allowIssues = false) {
      const step = apply(state, e);
      if (!allowIssues) expect(step.issues).toEqual([]);
      state = step.state;
      return step;
    },
    ownerOf: (query, at) => ownerOf(state, query, at ? { lookAhead: t(at) } : {})?.owner ?? null,
    statusOf: (query, at) => ownerOf(state, query, at ? { lookAhead: t(at) } : {})?.status,
    rulesOf: (query) => ownerOf(state, query)?.rules ?? [],
  };
  return g;
}

/** The first decision of a kind in a step. */
export function find<K extends Decision['kind']>(step: Step, kind: K, where: (d: DecisionOf<K>) => boolean = () => true): DecisionOf<K> {
  const d = step.decisions.find((x): x is DecisionOf<K> => x.kind === kind && where(x as DecisionOf<K>));
  if (!d) throw new Error(`no ${kind} decision in ${JSON.stringify(step.decisions.map((x) => x.kind))}`);
  return d;
}

/** Whether any decision of the step cites a rule. */
export function cites(step: Step, rule: RuleId): boolean {
  return step.decisions.some((d) => d.rules.includes(rule));
}

/** The story of a client, as rule IDs per decision. */
export function storyRules(state: OfficeState, query: string): RuleId[][] {
  return explain(state, query).decisions.map((d) => [...d.rules]);
}

/** A deal's row from the deals view. */
export function row(state: OfficeState, id: string): DealRow {
  const r = dealsOf(state).find((d) => d.deal === id);
  if (!r) throw new Error(`no deal ${id}`);
  return r;
}

/** Who gets what: `S01 1 1000000.00` per party. */
export const parts = (shares: DealRow['credit'] | null) => (shares ?? []).map((s) => `${s.staff} ${s.share} ${s.amount ?? '-'}`);
