/**
 * Issue 13 #3: fromSnapshot checks the whole state before it hands one out.
 * A hostile snapshot gives issues, never a crash nor a state that fails later.
 */
import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createOffice, dealStageSchema, explain, fairnessLedger, fromSnapshot, nextReceiver, owners, parseLog, replay, replayFrom, toSnapshot, validatePolicy, type Event } from '../../src/index.js';

const lines = readFileSync(new URL('../../examples/logs/office-month.jsonl', import.meta.url), 'utf8').split('\n').filter(Boolean);
const { events } = parseLog(lines.slice(0, 900).join('\n'));
const head = events.slice(0, 600);
const tail = events.slice(600);
const good = JSON.stringify(toSnapshot(replay(head).state));
const fresh = (): { format: string; version: number; state: Record<string, any> } => JSON.parse(good);

function refused(mutate: (s: ReturnType<typeof fresh>) => void, path?: (string | number)[]) {
  const snap = fresh();
  mutate(snap);
  const r = fromSnapshot(snap);
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.issues.length).toBeGreaterThan(0);
    for (const i of r.issues) expect(i.message.length).toBeLessThan(400);
    if (path) expect(r.issues[0]?.path.slice(0, path.length)).toEqual(path);
  }
}

describe('issue 13 #3: hostile snapshots are refused with issues', () => {
  it('a good snapshot reads back to the same state, and resumes as a replay would', () => {
    const r = fromSnapshot(fresh());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(JSON.stringify(toSnapshot(r.state))).toBe(good);
    expect(JSON.stringify(toSnapshot(replayFrom(r.state, tail).state))).toBe(JSON.stringify(toSnapshot(replay(events).state)));
  });

  describe('given a snapshot cut or edited where its shape still holds, then it is refused, never read as another office', () => {
    const month = parseLog(lines.join('\n')).events.slice(0, 2000);
    const whole = JSON.stringify(toSnapshot(replay(month, { deals: { commission: { rates: { neither: '2', one: '2', both: '2', above: '2' } } } }).state));
    const edited = (edit: (state: Record<string, any>) => void) => {
      const snap = JSON.parse(whole) as { state: Record<string, any> };
      edit(snap.state);
      return fromSnapshot(snap);
    };

    it.each([
      ['no timeline', (st: Record<string, any>) => delete st.timeline],
      ['a null timeline', (st: Record<string, any>) => (st.timeline = null)],
      ['an empty timeline', (st: Record<string, any>) => (st.timeline = {})],
      ['a version without its whole policy', (st: Record<string, any>) => (st.timeline.versions[0].policy = {})],
    ])('%s: the snapshot holds no whole policy, so it would go on under the defaults', (_what, edit) => {
      expect(edited(edit)).toEqual({ ok: false, issues: [expect.objectContaining({ path: ['state', 'timeline'], message: expect.stringMatching(/holds no whole timeline of policies/) })] });
    });

    it('a ledger line of a deal that is not on record', () => {
      const r = edited((st) => {
        const line = st.deals.ledger.$map[0] as [string, Record<string, unknown>];
        line[1].deal = 'D999';
      });
      expect(!r.ok && r.issues[0]).toMatchObject({ path: ['state', 'deals', 'ledger', expect.any(String), 'deal'], message: '"D999" is no deal on record' });
    });

    it('a fairness day of someone not on the roster', () => {
      const r = edited((st) => (st.rotation.today[0].staff = 'ZZZ'));
      expect(!r.ok && r.issues[0]).toMatchObject({ path: ['state', 'rotation', 'today', 0, 'staff'], message: '"ZZZ" is not on the roster' });
    });

    it('the snapshot as written reads back', () => {
      expect(edited(() => undefined).ok).toBe(true);
    });
  });

  it("given a state just read from a snapshot, when an office's ingest gets an event it already applied, then the step's state is the very state (a no-op)", () => {
    const made = createOffice({});
    if (!made.ok) throw new Error('policy');
    const r = fromSnapshot(fresh());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const last = JSON.parse(lines[599] as string) as unknown;
    const step = made.office.ingest(r.state, last);
    expect(step.decisions).toEqual([]);
    expect(step.issues).toEqual([]);
    expect(step.state).toBe(r.state);
    expect(made.office.apply(r.state, head[599] as Event).state).toBe(r.state);
    // A new event still moves it on, under the office's own timeline.
    const next = made.office.apply(r.state, tail[0] as Event);
    expect(next.state).not.toBe(r.state);
    expect(next.state.timeline).toBe(made.office.timeline);
  });

  it('given a hand-edited snapshot with a key the state has not, then the issue stands at that key and names it', () => {
    const snap = fresh();
    (snap.state as unknown as Record<string, unknown>).bogus = 1;
    expect(fromSnapshot(snap)).toEqual({ ok: false, issues: [{ code: 'unrecognized_keys', path: ['state', 'bogus'], message: 'unknown field "bogus"' }] });
  });

  it('a snapshot written before the second round of rules (no hand-backs, recognitions, marketing events) resumes with them empty', () => {
    const snap = fresh();
    delete snap.state.rotation.handBacks;
    delete snap.state.deals.recognitions;
    delete snap.state.deals.events;
    const r = fromSnapshot(snap);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.state.rotation.handBacks).toEqual([]);
    expect(r.state.deals.events).toEqual([]);
    expect(r.state.deals.recognitions.size).toBe(0);
    expect(JSON.stringify(toSnapshot(replayFrom(r.state, tail).state))).toBe(JSON.stringify(toSnapshot(replay(events).state)));
  });

  it("a snapshot written before deals kept their stage times counts every stage from the deal's first, as the engine did then (COL-AFTER-DEAL)", () => {
    const snap = fresh();
    const files: [string, { deal: Record<string, unknown> | null }][] = snap.state.ownership.files.$map;
    const dealt = files.filter(([, f]) => f.deal !== null);
    expect(dealt.length).toBeGreaterThan(0);
    for (const [, f] of dealt) delete f.deal?.reached;
    const r = fromSnapshot(snap);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    for (const [key, f] of dealt) {
      const deal = r.state.ownership.files.get(key)?.deal;
      expect(deal?.reached).toEqual(Array.from({ length: dealStageSchema.options.indexOf(deal?.stage ?? 'loan') + 1 }, () => f.deal?.at));
    }
  });

  it('a snapshot written before deals kept their refunded share derives it as the engine then reversed: refunded over paid by then, all once wholly refunded (RFD-CLAWBACK)', () => {
    const policy = { deals: { commission: { rates: { neither: '1.8', one: '2', both: '2.3', above: '2.5' } } } };
    const log = [
      { type: 'changeStaff', staff: 'S1', name: 'S1', at: '2026-11-01T08:00:00+08:00' },
      { type: 'closeDeal', deal: 'D1', staff: 'S1', client: { name: '张伟', phone: '13800000001' }, stage: 'subscription', unit: 'U1', amount: '1000000', paid: '30000', at: '2026-11-02T10:00:00+08:00' },
      { type: 'closeDeal', deal: 'D2', staff: 'S1', client: { name: '王芳', phone: '13800000002' }, stage: 'subscription', unit: 'U2', amount: '600000', at: '2026-11-02T11:00:00+08:00' },
      { type: 'closeDeal', deal: 'D3', staff: 'S1', client: { name: '李娜', phone: '13800000003' }, stage: 'subscription', unit: 'U3', amount: '500000', at: '2026-11-02T12:00:00+08:00' },
      { type: 'refund', deal: 'D1', amount: '10000', at: '2026-11-03T10:00:00+08:00' },
      { type: 'refund', deal: 'D2', at: '2026-11-03T11:00:00+08:00' },
      { type: 'closeDeal', deal: 'D1', staff: 'S1', client: { phone: '13800000001' }, stage: 'contract', unit: 'U1', amount: '1000000', paid: '970000', at: '2026-11-10T10:00:00+08:00' },
    ].map((e, i) => JSON.stringify({ v: 1, id: `r${i}`, office: 'test', ...e }));
    const { events: all } = parseLog(log.join('\n'));
    const head = replay(all.slice(0, 6), policy).state;
    const snap = JSON.parse(JSON.stringify(toSnapshot(head))) as { state: { deals: { deals: { $map: [string, Record<string, unknown>][] } } } };
    const shares = Object.fromEntries(snap.state.deals.deals.$map.map(([id, d]) => [id, d.refundedShare]));
    expect(shares).toEqual({ D1: '0.3333333333333333333333333333333333333333', D2: '1', D3: '0' });
    for (const [, d] of snap.state.deals.deals.$map) delete d.refundedShare;
    const r = fromSnapshot(snap);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const back = JSON.parse(JSON.stringify(toSnapshot(r.state))) as typeof snap;
    expect(Object.fromEntries(back.state.deals.deals.$map.map(([id, d]) => [id, d.refundedShare]))).toEqual(shares);
    expect(JSON.stringify(toSnapshot(replayFrom(r.state, all.slice(6)).state))).toBe(JSON.stringify(toSnapshot(replay(all, policy).state)));
  });

  it('a snapshot that cannot be read at its top (a throwing getter, a Proxy) is an issue, not a throw', () => {
    const proxy = new Proxy({}, { get: () => { throw new Error('no'); } });
    const getter = { format: 'salesfloor-state', version: 2, get state() { throw new Error('no'); } };
    for (const snap of [proxy, getter]) expect(fromSnapshot(snap)).toMatchObject({ ok: false, issues: [{ code: 'unreadable' }] });
  });

  it.each([
    ['hand-backs of junk', (s: any) => (s.state.rotation.handBacks = [{ visit: 1 }]), ['state', 'rotation', 'handBacks', 0]],
    ['a recognition of junk', (s: any) => (s.state.deals.recognitions = { $map: [['c', { at: 'later' }]] }), ['state', 'deals', 'recognitions']],
    ['no state', (s: any) => delete s.state, ['state']],
    ['state: null', (s: any) => (s.state = null), ['state']],
    ['state: []', (s: any) => (s.state = []), ['state']],
    ['$map: [null]', (s: any) => (s.state.staff.members = { $map: [null] }), ['state', 'staff', 'members', '$map', 0]],
    ['$map: null', (s: any) => (s.state.identity.people = { $map: null }), ['state', 'identity', 'people']],
    ['rotation ring "S01"', (s: any) => (s.state.rotation.ring = 'S01'), ['state', 'rotation', 'ring']],
    ['lastAt "later"', (s: any) => (s.state.lastAt = 'later'), ['state', 'lastAt']],
    ['events -5', (s: any) => (s.state.events = -5), ['state', 'events']],
    ['events 1.5', (s: any) => (s.state.events = 1.5), ['state', 'events']],
    ['a missing slice', (s: any) => delete s.state.deals, ['state', 'deals']],
    ['an unknown field', (s: any) => (s.state.extra = 1), ['state']],
    ['a queue cursor past the order', (s: any) => (s.state.rotation.head.next = 999), ['state', 'rotation', 'head', 'next']],
    ['a seat of no one on the roster', (s: any) => (s.state.rotation.ring[0].id = 'S99'), ['state', 'rotation', 'ring', 0, 'id']],
    ['a member under another id', (s: any) => (s.state.staff.members.$map[0][1].id = 'X'), ['state', 'staff', 'members', '$map', 0, 1]],
    ['a key twice', (s: any) => s.state.staff.members.$map.push(s.state.staff.members.$map[0]), ['state', 'staff', 'members', '$map']],
    ['a phone index naming no person', (s: any) => (s.state.identity.byPhone.$map[0][1] = 'nobody'), ['state', 'identity', 'byPhone']],
    ['a file of no client', (s: any) => (s.state.ownership.files.$map[0][0] = s.state.ownership.files.$map[0][1].key = 'ghost'), ['state', 'ownership', 'files', 'ghost']],
    ['an owner not on the roster', (s: any) => (s.state.ownership.files.$map.find((e: any) => e[1].owner)[1].owner = 'S99'), ['state', 'ownership', 'files']],
    ['an invalid status', (s: any) => (s.state.ownership.files.$map[0][1].status = 'mine'), ['state', 'ownership', 'files', '$map', 0, 1, 'status']],
    ['an amount of a million digits', (s: any) => (s.state.deals.deals.$map[0][1].amount = `1${'0'.repeat(1_000_000)}`), ['state', 'deals', 'deals', '$map', 0, 1, 'amount']],
    ['a story of junk', (s: any) => (s.state.history.$map[0][1] = { $story: [{ kind: 'nonsense' }] }), ['state', 'history', '$map', 0, 1, '$story', 0]],
    ['a nested bomb', (s: any) => (s.state.staff.members = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)), ['state', 'staff', 'members']],
    ['an invalid policy', (s: any) => (s.state.timeline.versions[0].policy.ownership.validityDays.visit = -1), ['state', 'timeline', 'versions', 0, 'policy', 'ownership']],
    ['a deal closed under a version the timeline lacks', (s: any) => (s.state.deals.deals.$map[0][1].terms = { version: 7 }), ['state', 'deals', 'deals']],
    ['a lastAt outside the policy limits', (s: any) => (s.state.lastAt = 0), ['state', 'lastAt']],
    ['a format that is cyclic', (s: any) => (s.format = s), ['format']],
  ])('%s', (_what, mutate, path) => refused(mutate as never, path));

  it('a 40-level nested value anywhere is an issue, not a stack overflow', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 50_000; i++) deep = { $map: [['k', deep]] };
    refused((s) => (s.state.identity.people = deep), ['state', 'identity', 'people']);
  });

  it('a policy rate of 100k digits is refused (issue 13 #2)', () => {
    expect(validatePolicy({ disputes: { appealFailedFine: `1${'0'.repeat(100_000)}` } }).ok).toBe(false);
  });
});

/** Every leaf of a JSON value, with its path. */
function leaves(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) out.push(path);
  else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, [...path, i], out));
  else for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
  return out;
}

const paths = leaves(fresh().state).filter((p) => p[0] !== 'policy');
const swaps: unknown[] = [null, 0, -1, 1e300, 2 ** 53, 1.5, '', 'S01', 'e000001', 'x'.repeat(2000), true, [], {}, [null], { $map: [] }, { $keys: [] }, { $story: [] }];

describe('issue 13 #3: random damage to a snapshot', () => {
  test.prop([fc.array(fc.tuple(fc.nat(paths.length - 1), fc.nat(swaps.length - 1)), { minLength: 1, maxLength: 3 })], { numRuns: Number(process.env.SNAP_RUNS ?? 40) })(
    'is refused with issues, or gives a state that replays and answers views without throwing',
    (edits) => {
      const snap = fresh();
      for (const [p, v] of edits) {
        const path = paths[p] as (string | number)[];
        let at: any = snap.state;
        for (const k of path.slice(0, -1)) at = at?.[k];
        if (at !== null && typeof at === 'object') at[path[path.length - 1] as string] = structuredClone(swaps[v]);
      }
      const r = fromSnapshot(snap);
      if (!r.ok) {
        expect(r.issues.length).toBeGreaterThan(0);
        return;
      }
      const resumed = replayFrom(r.state, tail as Event[]);
      owners(resumed.state);
      fairnessLedger(resumed.state);
      nextReceiver(resumed.state, '2026-10-20T10:00:00+08:00');
      explain(resumed.state, 'e000100');
    },
  );
});
