/**
 * fast-check arbitraries of office logs: a small world (4 salespeople, 6
 * clients, 3 deals) so that random logs collide, lapse, merge and dispute.
 */
import { fc } from '@fast-check/vitest';
import { parseEvent, type Event } from '../../src/index.js';

export const STAFF = ['S1', 'S2', 'S3', 'S4'] as const;
export const CLIENTS = [
  { name: '张伟', phone: '13800000001' },
  { name: '王芳', phone: '13800000002' },
  { name: '李娜', phone: '13800000003' },
  { name: '刘洋', phone: '13800000004' },
  { name: '陈静', phone: '13800000005' },
  { name: '张伟', phone: '13800000006' },
] as const;

const staffId = fc.constantFrom(...STAFF);
const clientIx = fc.integer({ min: 0, max: CLIENTS.length - 1 });
const ref = clientIx.map((i) => ({ ...CLIENTS[i] }) as { name: string; phone: string });
const phoneOnly = clientIx.map((i) => ({ phone: CLIENTS[i]?.phone ?? '' }));
const dealId = fc.constantFrom('D1', 'D2', 'D3');
const stage = fc.constantFrom('smallDeposit', 'bigDeposit', 'subscription', 'contract', 'loan');

type Body = Record<string, unknown> & { type: string };

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** One event body (without envelope) of any type. */
export const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ client: ref, receiver: opt(staffId), named: opt(staffId), accompanied: opt(fc.boolean()), referredBy: opt(phoneOnly) }).map((b) => ({ type: 'registerVisit', ...defined(b) })) },
  { weight: 1, arbitrary: fc.constantFrom('askingWay', 'media').map((n) => ({ type: 'registerVisit', nonClient: n })) },
  { weight: 2, arbitrary: fc.record({ client: phoneOnly, receiver: staffId }).map((b) => ({ type: 'registerCall', ...b })) },
  { weight: 3, arbitrary: fc.record({ staff: staffId, client: ref, kind: fc.constantFrom('claim', 'preFile', 'update') }).map((b) => ({ type: 'claimClient', ...b })) },
  { weight: 3, arbitrary: fc.record({ staff: staffId, client: phoneOnly, doNotCall: opt(fc.boolean()) }).map((b) => ({ type: 'recordFollowUp', ...defined(b) })) },
  { weight: 2, arbitrary: fc.record({ deal: dealId, staff: staffId, client: phoneOnly, stage, amount: fc.integer({ min: 1, max: 500 }).map((n) => `${n * 10000}`) }).map((b) => ({ type: 'closeDeal', unit: `U-${b.deal}`, ...b })) },
  { weight: 1, arbitrary: fc.record({ deal: dealId, amount: opt(fc.integer({ min: 1, max: 300 }).map((n) => `${n * 1000}`)) }).map((b) => ({ type: 'refund', ...defined(b) })) },
  { weight: 1, arbitrary: fc.record({ a: phoneOnly, b: phoneOnly, relation: fc.constantFrom('same', 'spouse', 'parent', 'sibling', 'friend') }).map((b) => ({ type: 'linkClients', ...b })) },
  { weight: 1, arbitrary: fc.record({ client: phoneOnly, owner: fc.option(staffId, { nil: null }), level: fc.constantFrom('supervisor', 'manager') }).map((b) => ({ type: 'issueRuling', ...b })) },
  { weight: 1, arbitrary: fc.record({ client: phoneOnly, appellant: staffId, owner: staffId }).map((b) => ({ type: 'issueRuling', level: 'appeal', ...b })) },
  { weight: 1, arbitrary: fc.record({ client: phoneOnly, staff: staffId }).map((b) => ({ type: 'raiseDispute', ...b })) },
  { weight: 1, arbitrary: fc.record({ client: phoneOnly, against: staffId, justified: fc.boolean(), reassignTo: staffId }).map((b) => ({ type: 'fileComplaint', ...b })) },
  { weight: 1, arbitrary: fc.record({ client: phoneOnly, staff: staffId, scope: opt(fc.constantFrom('ownership', 'service')) }).map((b) => ({ type: 'assignClient', ...defined(b) })) },
  { weight: 1, arbitrary: fc.record({ staff: staffId, status: fc.constantFrom('onDuty', 'onDuty', 'off', 'leave', 'companyBusiness', 'left') }).map((b) => ({ type: 'changeStaff', ...b })) },
  { weight: 1, arbitrary: fc.record({ client: opt(phoneOnly), selfSourced: opt(fc.constant(false)) }).map((b) => ({ type: 'registerCall', ...defined(b) })) },
  { weight: 1, arbitrary: staffId.map((s) => ({ type: 'endReception', staff: s })) },
  { weight: 1, arbitrary: fc.record({ staff: staffId, penalty: fc.constantFrom('halfTurns', 'noCalls'), days: opt(fc.integer({ min: 0, max: 10 })) }).map((b) => ({ type: 'setRotationPenalty', ...defined(b) })) },
  { weight: 1, arbitrary: fc.subarray([...STAFF], { maxLength: 2 }).map((s) => ({ type: 'assignDuty', staff: s })) },
  { weight: 1, arbitrary: fc.record({ client: phoneOnly, during: fc.constantFrom('reception', 'later'), by: opt(staffId), deal: opt(dealId) }).map((b) => ({ type: 'recognizeClient', ...defined(b) })) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 5 }).map((d) => ({ type: 'holdMarketingEvent', from: `2026-11-0${d + 1}T09:00:00+08:00`, to: `2026-11-0${d + 1}T18:00:00+08:00` })),
  },
  { weight: 1, arbitrary: opt(fc.integer({ min: 0, max: 5 })).map((d) => ({ type: 'announceSubscription', ...(d === undefined ? {} : { startsAt: `2026-11-0${d + 1}T09:00:00+08:00` }) })) },
);

const START = Date.parse('2026-11-01T09:00:00+08:00');

function envelope(bodies: Body[], gaps: number[], prefix: string): Event[] {
  let at = START;
  const events: Event[] = STAFF.map((s, i) => valid({ type: 'changeStaff', staff: s, name: `员工${i + 1}`, team: i < 2 ? 'A' : 'B' }, `${prefix}j${i}`, START - 3_600_000));
  bodies.forEach((b, i) => {
    at += (gaps[i] ?? 0) * 60_000;
    events.push(valid(b, `${prefix}${i}`, at));
  });
  return events;
}

function valid(b: Body, id: string, at: number): Event {
  const iso = new Date(at + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
  const parsed = parseEvent({ v: 1, id, at: iso, office: 'prop', ...b });
  if (!parsed.ok) throw new Error(`arbitrary made an invalid event: ${JSON.stringify(parsed.issues)} ${JSON.stringify(b)}`);
  return parsed.event;
}

/** A log: staff joins, then random events with random gaps (minutes to weeks). */
export const officeLog = (maxLength = 40): fc.Arbitrary<Event[]> =>
  fc
    .array(
      fc.tuple(body, fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 90 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 30 * 24 * 60 }) })),
      { minLength: Math.min(10, maxLength), maxLength, size: 'max' },
    )
    .map((pairs) => envelope(pairs.map(([b]) => b), pairs.map(([, g]) => g), 'p'));

/** Bodies of events that concern one client only and touch no shared queue: they commute across clients. */
export const clientOnlyBody = (client: { name: string; phone: string }): fc.Arbitrary<Body> =>
  fc.oneof(
    fc.record({ staff: staffId, kind: fc.constantFrom('claim', 'preFile') }).map((b) => ({ type: 'claimClient', client, ...b })),
    staffId.map((s) => ({ type: 'recordFollowUp', staff: s, client: { phone: client.phone } })),
    staffId.map((s) => ({ type: 'registerCall', receiver: s, client: { phone: client.phone } })),
    fc.record({ staff: staffId, stage }).map((b) => ({ type: 'closeDeal', deal: `X-${client.phone}`, unit: `U-${client.phone}`, amount: '880000', client: { phone: client.phone }, ...b })),
  );

/** Makes an event with a given id and time from a body. */
export function at(b: Body, id: string, iso: string): Event {
  return valid(b, id, Date.parse(iso));
}
