/**
 * Issue 13: a model-based test. Random command sequences (every event type,
 * through apply, ingest and bulk replayers, redeliveries, time going
 * backwards, bad input, and snapshot/resume) are run incrementally on the
 * real state; after each, the state must be the one a naive full recompute
 * gives (a replay of every event sent, from scratch), and the command's
 * decisions and issues the ones that replay gives for it.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { apply, fromSnapshot, ingest, initialState, parseEvent, presetPolicy, replay, replayer, toSnapshot, type Event, type OfficeState, type PolicyInput } from '../../src/index.js';
import { body, CLIENTS, STAFF } from '../support/arbitrary.js';

type Body = Record<string, unknown> & { type: string };

/** The event types the shared arbitrary leaves out. */
const rare: fc.Arbitrary<Body> = fc.oneof(
  fc.record({ staff: fc.constantFrom(...STAFF), month: fc.constantFrom('2026-11', '2026-12'), red: fc.option(fc.constantFrom('1000000', '5000000'), { nil: null }), green: fc.constantFrom('2000000', '0') }).map((b) => ({ type: 'setTargets', ...b })),
  fc.record({ deal: fc.constantFrom('D1', 'D2', 'D3'), a: fc.constantFrom(...STAFF), b: fc.constantFrom(...STAFF), share: fc.constantFrom('60', '50', '1') }).map(({ deal, a, b, share }) => ({ type: 'splitDeal', deal, commission: [{ staff: a, share }, { staff: b, share: '40' }] })),
  fc.subarray([...CLIENTS], { minLength: 1, maxLength: 2 }).map((clients) => ({ type: 'announceDeveloperContacts', clients: clients.map((c) => ({ ...c })) })),
  // The second round's facts: a conflicting claim returned, a manager's draw of a leaver's clients.
  fc.record({ staff: fc.constantFrom(...STAFF), client: fc.constantFrom(...CLIENTS) }).map(({ staff, client }) => ({ type: 'returnClaim', staff, client: { ...client } })),
  fc
    .record({ staff: fc.constantFrom(...STAFF), to: fc.array(fc.record({ client: fc.constantFrom(...CLIENTS), staff: fc.constantFrom(...STAFF) }), { minLength: 1, maxLength: 3 }) })
    .map(({ staff, to }) => ({ type: 'redistributeClients', staff, to: to.map((t) => ({ client: { ...t.client }, staff: t.staff })) })),
);
const anyBody = fc.oneof({ weight: 5, arbitrary: body }, { weight: 1, arbitrary: rare });

const START = Date.parse('2026-11-01T09:00:00+08:00');
const iso = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');

interface Model {
  policy: PolicyInput;
  /** Every event sent, in order: the naive system replays them all. */
  sent: Event[];
  time: number;
  n: number;
}
interface Real {
  state: OfficeState;
}

function make(m: Model, b: Body, at: number): Event {
  const parsed = parseEvent({ v: 1, id: `m${m.n++}`, at: iso(at), office: 'model', ...b });
  if (!parsed.ok) throw new Error(`bad body: ${JSON.stringify(parsed.issues)}`);
  return parsed.event;
}

const text = (s: OfficeState) => JSON.stringify(toSnapshot(s));

/** The naive recompute after `added` were sent: the state must match, and the decisions and issues of each added event. */
function expectRecompute(m: Model, r: Real, added: readonly Event[], got: { decisions: unknown[]; issues: unknown[]; redelivered: boolean }[]): void {
  for (const e of added) m.sent.push(e);
  const naive = replay(m.sent, m.policy);
  expect(text(r.state)).toBe(text(naive.state));
  // A redelivered id has the decisions (none) and issues of its own delivery: compare by position from the end.
  const per = m.sent.map(() => ({ decisions: [] as unknown[], issues: [] as unknown[], redelivered: false }));
  const r2 = replayer(initialState(m.policy));
  m.sent.forEach((e, i) => {
    const out = r2.push(e);
    per[i] = { decisions: out.decisions, issues: out.issues, redelivered: out.redelivered };
  });
  const tail = per.slice(per.length - added.length);
  expect(got).toEqual(tail);
}

class Send implements fc.Command<Model, Real> {
  constructor(
    readonly b: Body,
    readonly gap: number,
    readonly via: 'apply' | 'ingest',
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    m.time += this.gap * 60_000;
    const e = make(m, this.b, m.time);
    const step = this.via === 'apply' ? apply(r.state, e) : ingest(r.state, JSON.parse(JSON.stringify(e)));
    r.state = step.state;
    expectRecompute(m, r, [e], [{ decisions: step.decisions, issues: step.issues, redelivered: step.redelivered }]);
  }
  toString = () => `${this.via}(${this.b.type}, +${this.gap}m)`;
}

class Bad implements fc.Command<Model, Real> {
  constructor(
    readonly b: Body,
    readonly damage: 'v' | 'extra' | 'noOffice' | 'at' | 'amount',
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const raw: Record<string, unknown> = { v: 1, id: `bad${m.n++}`, at: iso(m.time), office: 'model', ...this.b };
    if (this.damage === 'v') raw.v = 2;
    else if (this.damage === 'extra') raw.reciever = 'S1';
    else if (this.damage === 'noOffice') delete raw.office;
    else if (this.damage === 'at') raw.at = '2026-11-01T09:00:00';
    else raw.amount = `1${'0'.repeat(30)}`;
    const before = r.state;
    const step = ingest(before, raw);
    expect(step.issues.length).toBeGreaterThan(0);
    expect(step.state).toBe(before);
    expectRecompute(m, r, [], []);
  }
  toString = () => `bad(${this.b.type}, ${this.damage})`;
}

class Redeliver implements fc.Command<Model, Real> {
  constructor(
    readonly k: number,
    readonly edited: boolean,
  ) {}
  check = (m: Readonly<Model>) => m.sent.length > 0;
  run(m: Model, r: Real): void {
    const first = m.sent[this.k % m.sent.length] as Event;
    const e = this.edited ? ({ ...first, note: `edited ${m.n++}` } as Event) : first;
    const step = apply(r.state, e);
    r.state = step.state;
    expectRecompute(m, r, [e], [{ decisions: step.decisions, issues: step.issues, redelivered: step.redelivered }]);
  }
  toString = () => `redeliver(${this.k}${this.edited ? ', edited' : ''})`;
}

class Backwards implements fc.Command<Model, Real> {
  constructor(
    readonly b: Body,
    readonly minutes: number,
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const e = make(m, this.b, m.time - this.minutes * 60_000);
    const step = apply(r.state, e);
    r.state = step.state;
    expectRecompute(m, r, [e], [{ decisions: step.decisions, issues: step.issues, redelivered: step.redelivered }]);
  }
  toString = () => `backwards(${this.b.type}, -${this.minutes}m)`;
}

class Bulk implements fc.Command<Model, Real> {
  constructor(readonly items: readonly (readonly [Body, number])[]) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const bulk = replayer(r.state);
    const events: Event[] = [];
    const got: { decisions: unknown[]; issues: unknown[]; redelivered: boolean }[] = [];
    for (const [b, gap] of this.items) {
      m.time += gap * 60_000;
      const e = make(m, b, m.time);
      events.push(e);
      got.push(bulk.push(e));
    }
    r.state = bulk.state();
    expectRecompute(m, r, events, got);
  }
  toString = () => `bulk(${this.items.map(([b]) => b.type).join(', ')})`;
}

class Resume implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    const before = text(r.state);
    const back = fromSnapshot(JSON.parse(before));
    if (!back.ok) throw new Error(`a good snapshot was refused: ${JSON.stringify(back.issues)}`);
    r.state = back.state;
    expect(text(r.state)).toBe(before);
    expectRecompute(m, r, [], []);
  }
  toString = () => 'snapshot+resume';
}

const gap = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 120 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 20 * 24 * 60 }) });

const commands = fc.commands(
  [
    fc.tuple(anyBody, gap, fc.constantFrom('apply' as const, 'ingest' as const)).map(([b, g, via]) => new Send(b, g, via)),
    fc.tuple(anyBody, fc.constantFrom('v' as const, 'extra' as const, 'noOffice' as const, 'at' as const, 'amount' as const)).map(([b, d]) => new Bad(b, d)),
    fc.tuple(fc.nat(), fc.boolean()).map(([k, e]) => new Redeliver(k, e)),
    fc.tuple(anyBody, fc.integer({ min: 1, max: 15 * 24 * 60 })).map(([b, mins]) => new Backwards(b, mins)),
    fc.array(fc.tuple(anyBody, gap), { minLength: 1, maxLength: 6 }).map((items) => new Bulk(items)),
    fc.constant(new Resume()),
  ],
  { maxCommands: 30 },
);

test.prop([commands, fc.constantFrom<PolicyInput | undefined>(undefined, presetPolicy('jiuzhou') as PolicyInput, presetPolicy('store-archive') as PolicyInput)], { numRuns: 60 })(
  'incremental apply, ingest, bulk replay and snapshot/resume agree with a naive recompute from scratch',
  (cmds, policy) => {
    const roster = STAFF.map((s, i) => parseEvent({ v: 1, id: `j${i}`, type: 'changeStaff', at: iso(START - 3_600_000), office: 'model', staff: s, name: `员工${i + 1}`, team: i < 2 ? 'A' : 'B' }));
    const events = roster.flatMap((p) => (p.ok ? [p.event] : []));
    const setup = () => {
      const model: Model = { policy: policy ?? {}, sent: [...events], time: START, n: 0 };
      return { model, real: { state: replay(events, model.policy).state } };
    };
    fc.modelRun(setup, cmds);
  },
);
