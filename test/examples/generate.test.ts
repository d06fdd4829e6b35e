/**
 * Benchmark logs (`generate` with `events > 0`) are made without the engine,
 * so nothing but this test says the engine accepts them: every line must
 * parse, no event may be refused, and every event type must occur, at the
 * realistic mix the benchmark's figures assume.
 */
import { describe, expect, it } from 'vitest';
import { benchmarkPolicy, generate } from '../../examples/generate.js';
import { eventSchemas, initialState, parseLine, replayer, type EventType, type Issue } from '../../src/index.js';

function check(events: number, returning?: number) {
  const lines: string[] = [];
  generate({ seed: 7, events, out: '', start: '2026-01-01', ...(returning === undefined ? {} : { returning }) }, (line) => lines.push(line));
  const r = replayer(initialState(benchmarkPolicy, { history: 'none' }));
  const parseIssues: Issue[] = [];
  const refusals: Issue[] = [];
  const types = new Map<EventType, number>();
  const deals = new Set<string>();
  for (const [i, line] of lines.entries()) {
    const parsed = parseLine(line, i + 1);
    if (parsed === undefined) continue;
    if (!parsed.ok) {
      parseIssues.push(...parsed.issues);
      continue;
    }
    const event = parsed.event;
    types.set(event.type, (types.get(event.type) ?? 0) + 1);
    if (event.type === 'closeDeal') deals.add(event.deal);
    refusals.push(...r.push(event).issues);
  }
  const share = (type: EventType) => (types.get(type) ?? 0) / lines.length;
  return { lines, parseIssues, refusals, types, share, deals: deals.size / lines.length, clients: r.state().ownership.files.size };
}

describe('examples/generate.ts: benchmark logs', () => {
  const log = check(20_000);

  it('writes exactly the events asked for, each line parsing and none refused by the engine', () => {
    expect(log.lines).toHaveLength(20_000);
    expect(log.parseIssues).toEqual([]);
    // The first few refusals, so that a failure names the rule that refused.
    expect(log.refusals.slice(0, 5)).toEqual([]);
  });

  it('has every event type of eventSchemas', () => {
    expect([...log.types.keys()].sort()).toEqual(Object.keys(eventSchemas).sort());
  });

  it('keeps the realistic mix: visits, calls, follow-ups and claims dominate; deals and the rest are rare', () => {
    expect(log.share('registerVisit')).toBeGreaterThan(0.4);
    expect(log.share('registerVisit')).toBeLessThan(0.5);
    expect(log.share('registerCall')).toBeGreaterThan(0.14);
    expect(log.share('registerCall')).toBeLessThan(0.22);
    expect(log.share('recordFollowUp')).toBeGreaterThan(0.2);
    expect(log.share('recordFollowUp')).toBeLessThan(0.3);
    expect(log.share('claimClient')).toBeGreaterThan(0.05);
    expect(log.share('claimClient')).toBeLessThan(0.09);
    // New deals; each also reaches a second stage (another closeDeal) later, most of them.
    expect(log.deals).toBeGreaterThan(0.01);
    expect(log.deals).toBeLessThan(0.02);
    const rare: EventType[] = ['raiseDispute', 'issueRuling', 'fileComplaint', 'assignClient', 'linkClients', 'announceDeveloperContacts', 'refund', 'splitDeal', 'setRotationPenalty', 'assignDuty', 'endReception', 'setTargets', 'recordOutboundCall', 'recordInvitation', 'recordInvitedArrival', 'setGrade', 'recordViolation', 'releaseClaim'];
    for (const type of rare) expect(log.share(type), type).toBeLessThan(0.01);
  });

  it('ROT-ABSENT-OWNER-ASSIST: given rotation.absentOwnerNotice, when the log is replayed, then some away owners\' clients come with notice and are assisted, and some come without and take a turn', () => {
    const r = replayer(initialState({ ...benchmarkPolicy, rotation: { absentOwnerNotice: true } }, { history: 'none' }));
    let assisted = 0;
    let noNotice = 0;
    for (const [i, line] of log.lines.entries()) {
      const parsed = parseLine(line, i + 1);
      if (!parsed?.ok) continue;
      for (const d of r.push(parsed.event).decisions) {
        if (d.kind !== 'reception') continue;
        if (d.why === 'oldClientAssist') assisted++;
        if (d.args?.['noNotice'] === true) noNotice++;
      }
    }
    expect(assisted).toBeGreaterThan(5);
    expect(noNotice).toBeGreaterThan(5);
  });

  it('returning varies clients per event and keeps the log valid', () => {
    const often = check(5_000, 0.9);
    const seldom = check(5_000, 0);
    expect(often.parseIssues).toEqual([]);
    expect(often.refusals.slice(0, 5)).toEqual([]);
    expect(seldom.refusals.slice(0, 5)).toEqual([]);
    expect(seldom.clients).toBeGreaterThan(2 * often.clients);
  });
});

describe('examples/generate.ts: realistic logs (by days)', () => {
  // The generator's own office rules (a unit held by a live deal refuses another deal, COL-SAME-UNIT).
  const office = { ownership: { validityDays: { visit: 15, call: 7, claim: 10, preFile: 10, assigned: 15 } }, collisions: { afterDealDays: 3, companyVsPerson: 'contractName' }, disputes: { raiseSameDay: true }, rotation: { makeUps: { companyBusiness: 'once', busy: 'once' } } } as const;

  it('given 300 days of a realistic office (units reused, so some deals collide on a unit), when replayed, then no line is refused: a deal the engine refuses for its unit is never refunded, and no refund comes before its deal', () => {
    const lines: string[] = [];
    generate({ seed: 11, events: 0, days: 300, out: '', start: '2024-01-01' }, (line) => lines.push(line));
    const r = replayer(initialState(office, { history: 'none' }));
    const refusals: Issue[] = [];
    let refunds = 0;
    let unitRefusals = 0;
    for (const [i, line] of lines.entries()) {
      const parsed = parseLine(line, i + 1);
      if (!parsed?.ok) continue;
      if (parsed.event.type === 'refund') refunds++;
      const step = r.push(parsed.event);
      refusals.push(...step.issues);
      unitRefusals += step.decisions.filter((d) => d.kind === 'deal' && d.rules.includes('COL-SAME-UNIT')).length;
    }
    expect(refusals.slice(0, 3)).toEqual([]);
    // The case this guards is there: deals refused for a held unit, and refunds of other deals.
    expect(unitRefusals).toBeGreaterThan(0);
    expect(refunds).toBeGreaterThan(20);
  });
});
