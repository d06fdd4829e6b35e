import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { eventSchema, eventSchemas, formatIssue, parseEvent, parseLine, parseLog, type Event } from '../../src/index.js';

const good = '{"v":1,"id":"e1","type":"changeStaff","at":"2026-11-01T08:30:00+08:00","office":"jz","staff":"S01","name":"李娜"}';
const visit = '{"v":1,"id":"e2","type":"registerVisit","at":"2026-11-01T10:00:00+08:00","office":"jz","client":{"name":"张伟","phone":"138 1234 5678"}}';

/** One valid example of every event type: the schema's documented shapes. */
const examples: Record<Event['type'], object> = {
  changeStaff: { staff: 'S01', name: '李娜', team: 'A', role: 'sales', status: 'onDuty' },
  registerVisit: { client: { name: '张伟', phone: '13812345678', need: '三房' }, receiver: 'S01', named: 'S02', party: [{ name: '李娜', relation: 'spouse' }], referredBy: { phone: '13900001111' }, accompanied: true, relativeOf: 'S03', purpose: 'view', appointment: { staff: 'S02', at: '2026-11-01T14:00:00+08:00', nameLeft: true, notice: false }, tourGroup: false, invitedBy: 'T1' },
  registerCall: { client: { phone: '13900001111' }, receiver: 'S02', selfSourced: true },
  claimClient: { staff: 'S01', client: { name: '张', phone: '138***45678' }, kind: 'report', team: 'T1', expectedVisitAt: '2026-11-03T10:00:00+08:00', reason: '首次' },
  recordFollowUp: { staff: 'S01', client: { key: 'e2' }, channel: 'call', doNotCall: false },
  raiseDispute: { staff: 'S02', client: { phone: '13812345678' } },
  issueRuling: { client: { phone: '13812345678' }, level: 'appeal', owner: 'S02', by: 'M1', appellant: 'S01', rules: ['COL-SAME-DAY'] },
  fileComplaint: { client: { phone: '13812345678' }, against: 'S01', justified: true, reassignTo: 'S03', by: 'M1' },
  assignClient: { client: { company: '华远公司', contact: '赵强' }, staff: 'S04', by: 'M1', scope: 'service' },
  linkClients: { a: { phone: '13812345678' }, b: { phone: '13911112222' }, relation: 'spouse' },
  announceDeveloperContacts: { clients: [{ name: '钱总', phone: '13600003333' }] },
  closeDeal: { deal: 'D1', client: { phone: '13812345678' }, staff: 'S01', stage: 'subscription', unit: '3-1202', productType: 'highRise', amount: '1250000', paid: '50000', buyer: { name: '张伟' } },
  refund: { deal: 'D1', amount: '1000.50', reason: '退定' },
  splitDeal: { deal: 'D1', commission: [{ staff: 'S01', share: '60' }, { staff: 'S02', share: '40' }], credit: [{ staff: 'S01', share: '1' }], by: 'M1', rules: ['DEAL-COOPERATION'] },
  setTargets: { staff: 'S01', month: '2026-11', red: '3000000', green: null },
  endReception: { staff: 'S01', visit: 'e2' },
  assignDuty: { staff: ['S03'], hours: [{ from: '12:00', to: '13:30' }] },
  setRotationPenalty: { staff: 'S02', penalty: 'halfTurns', days: 7 },
  recordOutboundCall: { staff: 'T1', grade: 'B', phone: '13900002222' },
  recordInvitation: { staff: 'T1', client: { name: '王芳', phone: '13900002222', need: '别墅' }, expectedVisitAt: '2026-11-04T14:00:00+08:00', source: '短信' },
  recordInvitedArrival: { invitation: 'e21', contactedInviter: true, signedBy: 'S03', client: { phone: '13900002222' } },
  setGrade: { staff: 'S01', grade: '试用业务员', base: '700' },
  recordViolation: { staff: 'S02', violation: 'misconduct', amount: '50', client: { phone: '13812345678' } },
  releaseClaim: { staff: 'S02', client: { phone: '13812345678' } },
  recognizeClient: { client: { phone: '13812345678' }, during: 'later', by: 'S02', original: 'S01', follower: 'S01', deal: 'D1' },
  holdMarketingEvent: { name: '开盘', from: '2026-11-08T09:00:00+08:00', to: '2026-11-08T18:00:00+08:00' },
  returnClaim: { staff: 'S02', client: { phone: '13812345678' }, by: 'K1' },
  redistributeClients: { staff: 'S01', to: [{ client: { phone: '13812345678' }, staff: 'S03' }], by: 'M1', draw: 'lots 3, 1' },
  announceSubscription: { startsAt: '2026-12-01T09:00:00+08:00', by: 'M1' },
};

describe('the event log: schemas are the single source of truth', () => {
  it.each(Object.keys(eventSchemas))('a documented %s event parses, and its type comes from the schema', (type) => {
    const raw = { v: 1, id: 'x1', type, at: '2026-11-01T10:00:00+08:00', office: 'jz', ...examples[type as Event['type']] };
    const r = parseEvent(raw);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.event.type).toBe(type);
    expect(eventSchema.safeParse(raw).success).toBe(true);
  });

  it('every event type has an example here (a new type must add one)', () => {
    expect(Object.keys(examples).sort()).toEqual(Object.keys(eventSchemas).sort());
  });

  it('carries a schema version: an event of another version is refused with unsupported_version', () => {
    const r = parseEvent({ ...JSON.parse(good), v: 2 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'unsupported_version', path: ['v'] });
  });

  it('keeps phones as given: normalization is the identity module\'s job', () => {
    const r = parseLine(visit, 2);
    expect(r?.ok && r.event.type === 'registerVisit' && r.event.client?.phone).toBe('138 1234 5678');
  });

  it('holds money as decimal strings: a number amount is refused', () => {
    const r = parseEvent({ v: 1, id: 'd', type: 'closeDeal', at: '2026-11-01T10:00:00+08:00', office: 'jz', deal: 'D', client: { phone: '13812345678' }, staff: 'S', stage: 'contract', unit: 'u', amount: 1250000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path).toEqual(['amount']);
  });

  it('requires an offset on times', () => {
    const r = parseEvent({ ...JSON.parse(good), at: '2026-11-01T08:30:00' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'invalid_format', path: ['at'] });
  });

  it('refuses unknown fields, so a typo is never silently ignored', () => {
    const r = parseEvent({ ...JSON.parse(visit), reciever: 'S01' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.code).toBe('unrecognized_keys');
  });
});

describe('parseLog: never throws, never drops a valid line', () => {
  it('returns every valid line and one issue per bad line, each with its line number', () => {
    const text = [good, 'not json', '{"v":1,"type":"teleport"}', '', visit, '{"v":1,"id":"e3","type":"registerVisit"', '[1,2]'].join('\n');
    const { events, issues } = parseLog(text);
    expect(events.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(issues.map((i) => [i.line, i.code])).toEqual([
      [2, 'invalid_json'],
      [3, 'unknown_event_type'],
      [6, 'invalid_json'],
      [7, 'not_an_object'],
    ]);
    expect(formatIssue(issues[1] as never)).toMatch(/^line 3: type: unknown event type "teleport"/);
  });

  it('names the path and reason of a field out of shape', () => {
    const { issues } = parseLog([visit.replace('"138 1234 5678"', '12345678901')]);
    expect(issues[0]).toMatchObject({ line: 1, code: 'invalid_type', path: ['client', 'phone'], event: 'e2' });
  });

  it('reads CRLF line endings', () => {
    expect(parseLog(`${good}\r\n${visit}\r\n`).events).toHaveLength(2);
  });

  it('reads arrays of objects, numbering them from 1', () => {
    const { events, issues } = parseLog([JSON.parse(good), { nope: true }, JSON.parse(visit)]);
    expect(events).toHaveLength(2);
    expect(issues[0]?.line).toBe(2);
  });

  test.prop([fc.array(fc.oneof(fc.string(), fc.json(), fc.constant(good), fc.constant(visit)), { maxLength: 30 })])('any input: no throw, every line either an event or reported', (lines) => {
    const { events, issues } = parseLog(lines.join('\n'));
    const nonBlank = lines.join('\n').split(/\r?\n/).filter((l) => l.trim() !== '').length;
    const reportedLines = new Set(issues.map((i) => i.line));
    expect(events.length + reportedLines.size).toBe(nonBlank);
  });

  test.prop([fc.anything()])('parseEvent never throws on anything', (value) => {
    const r = parseEvent(value);
    expect(typeof r.ok).toBe('boolean');
  });
});
