import { describe, expect, it } from 'vitest';
import {
  apply,
  createOffice,
  explain,
  owners,
  fromSnapshot,
  ingest,
  initialState,
  PolicyError,
  replay,
  replayer,
  sortEvents,
  toSnapshot,
  type Event,
  type OfficeState,
} from '../../src/index.js';
import { claim, deal, event, followUp, staff, visit, wang, zhang } from '../support/dsl.js';
import { deepFreeze, foldAll, expectUnchanged } from '../support/fold.js';
import { values } from '../../src/kernel/map.js';

const log: Event[] = [staff('S01'), staff('S02'), visit('11-01 10:00', zhang), visit('11-01 11:00', wang), claim('11-02 09:30', 'S02', zhang), deal('11-03 15:00', 'D1', 'S01', zhang)];

describe('apply is pure', () => {
  it('given a deeply frozen state, when events are applied, then nothing throws and the input is unchanged', () => {
    let state = initialState();
    for (const e of log) {
      const before = JSON.stringify(toSnapshot(state));
      deepFreeze(state);
      const step = apply(state, deepFreeze(structuredClone(e)));
      expect(JSON.stringify(toSnapshot(state))).toBe(before);
      expect(step.state).not.toBe(state);
      state = step.state;
    }
  });

  it('never copies the whole state: untouched slices are shared, and a new client shares all but one path of the client map', () => {
    const base = replay([staff('S01'), ...Array.from({ length: 400 }, (_, i) => visit(`11-02 ${String(9 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`, { name: `客${i}`, phone: `1380000${String(i).padStart(4, '0')}` }, { receiver: 'S01' }))], {}).state;
    const step = apply(base, visit('11-03 10:00', { name: '新客', phone: '13999999999' }, { receiver: 'S01' }));
    expect(step.state.deals).toBe(base.deals);
    expect(step.state.staff).toBe(base.staff);
    const fresh = newNodes(base.ownership.files, step.state.ownership.files);
    expect(base.ownership.files.size).toBe(400);
    expect(fresh).toBeLessThanOrEqual(8);
  });
});

describe('replay equals repeated apply', () => {
  it('gives the same state and the same decisions', () => {
    const bulk = replay(log, {});
    const one = foldAll(initialState(), log);
    expect(toSnapshot(bulk.state)).toEqual(toSnapshot(one.state));
    expect(bulk.decisions).toEqual(one.decisions);
  });

  it('a replayer can hand out its state midway and go on without changing what it handed out', () => {
    const r = replayer(initialState());
    for (const e of log.slice(0, 4)) r.push(e);
    const mid = r.state();
    const frozen = JSON.stringify(toSnapshot(mid));
    for (const e of log.slice(4)) r.push(e);
    expect(JSON.stringify(toSnapshot(mid))).toBe(frozen);
    expect(toSnapshot(r.state())).toEqual(toSnapshot(replay(log).state));
  });
});

describe('redelivery', () => {
  it('given an applied event, when it is delivered again with the same payload, then it is a no-op', () => {
    const { state } = replay(log);
    const again = apply(state, structuredClone(log[2] as Event));
    expect(again.state).toBe(state);
    expect(again.decisions).toEqual([]);
    expect(again.issues).toEqual([]);
    expect(again.redelivered).toBe(true);
  });

  it('says which pushes were redeliveries, of an applied id or of a refused one, and no other', () => {
    const r = replayer(initialState(), { decisions: false });
    const refused = followUp('11-04 10:00', 'S01', { phone: '13800000007' }, { id: 'nobody' } as never);
    const firsts = [...log, refused].map((e) => r.push(e).redelivered);
    expect(firsts).toEqual([...log, refused].map(() => false));
    expect(r.push(structuredClone(log[2] as Event)).redelivered).toBe(true);
    expect(r.push(structuredClone(refused)).redelivered).toBe(true);
    expect(r.push({ ...(log[2] as Event), at: '2026-11-05T10:00:00+08:00' } as Event)).toMatchObject({ redelivered: false, issues: [expect.objectContaining({ code: 'duplicate_conflict' })] });
    expect(apply(initialState(), log[0] as Event).redelivered).toBe(false);
  });

  it('given a replayer that holds its window\'s events unhashed, when it hands out its state, then the state keeps fingerprints only, and copies are judged against them', () => {
    const r = replayer(initialState(), { decisions: false });
    for (const e of log) r.push(e);
    const state = r.state();
    const kept = [...values(state.seen.current), ...values(state.seen.previous)];
    expect(kept).toHaveLength(log.length);
    for (const seen of kept) expect(typeof seen).toBe('number');
    const back = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(state))));
    if (!back.ok) throw new Error(JSON.stringify(back.issues));
    expect(apply(back.state, structuredClone(log[5] as Event)).redelivered).toBe(true);
    // After the hand-out, in the same replayer and in a new apply.
    expect(r.push(structuredClone(log[3] as Event)).redelivered).toBe(true);
    expect(r.push({ ...(log[3] as Event), at: '2026-11-05T10:00:00+08:00' } as Event).issues).toEqual([expect.objectContaining({ code: 'duplicate_conflict' })]);
    expect(apply(state, structuredClone(log[4] as Event)).redelivered).toBe(true);
    expect(apply(state, { ...(log[4] as Event), staff: 'S01' } as Event).issues).toEqual([expect.objectContaining({ code: 'duplicate_conflict' })]);
  });

  it('treats a redelivery with its keys in another order as the same payload', () => {
    const { state } = replay(log);
    const e = log[2] as Event;
    const reordered = Object.fromEntries(Object.entries(e).reverse()) as Event;
    expect(apply(state, reordered).issues).toEqual([]);
  });

  it('given an applied event, when the same id comes with another payload, then it is refused as a conflict', () => {
    const { state } = replay(log);
    const e = { ...(log[2] as Event), at: '2026-11-05T10:00:00+08:00' } as Event;
    const step = apply(state, e);
    expect(step.state).toBe(state);
    expect(step.issues).toEqual([expect.objectContaining({ code: 'duplicate_conflict', path: ['id'], event: e.id })]);
  });
});

describe('redelivery: an id\'s first outcome is final (issue 9)', () => {
  const client = { phone: '13800000006' };
  const p8 = followUp('11-01 10:00', 'S01', client, { id: 'p8' } as never);
  const p9 = { ...visit('11-01 10:00', client, { receiver: 'S01' }), id: 'p9' } as Event;

  it('given p8 refused as unknown_client and p9 registering its client, when p8 comes again, then it is refused the same way and changes nothing', () => {
    const r = replayer(initialState());
    r.push(staff('S01'));
    const first = r.push({ ...p8, id: 'p8' } as Event);
    expect(first.issues).toEqual([expect.objectContaining({ code: 'unknown_client', event: 'p8' })]);
    r.push(p9);
    const before = r.state();
    const again = r.push(structuredClone({ ...p8, id: 'p8' }) as Event);
    expect(again.decisions).toEqual([]);
    expect(again.issues).toEqual([expect.objectContaining({ code: 'unknown_client', event: 'p8' })]);
    expect(again.issues[0]?.message).toContain('redelivery of p8');
    expect(toSnapshot(r.state())).toEqual(toSnapshot(before));
  });

  // A refusal is kept until the clock has passed the refused event's own time by a window, not the last event's.
  const ahead = { ...claim('11-20 09:30', 'S09', client), id: 'c-ahead' } as Event;
  const days = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ ...event('endReception', `11-${String(from + i).padStart(2, '0')} 10:00`, { staff: 'S01' }), id: `d${from + i}` }) as Event);

  it('given a claim dated ahead of the clock refused (unknown_staff), when it comes again after two weeks of events still before its time, then it is refused the same way', () => {
    const r = replayer(initialState());
    for (const e of [staff('S01'), p9]) r.push(e);
    expect(r.push(ahead).issues.map((i) => i.code)).toEqual(['unknown_staff']);
    r.push({ ...staff('S09'), at: p9.at, id: 's09' } as Event);
    for (const e of days(2, 17)) expect(r.push(e).issues).toEqual([]);
    const before = r.state();
    const again = r.push(structuredClone(ahead));
    expect(again.decisions).toEqual([]);
    expect(again.issues).toEqual([expect.objectContaining({ code: 'unknown_staff', event: 'c-ahead' })]);
    expect(again.issues[0]?.message).toContain('redelivery of c-ahead');
    expect(toSnapshot(r.state())).toEqual(toSnapshot(before));
  });

  it('given a refusal before the office applied anything, when the first applied event comes and then the same line again, then it is refused the same way', () => {
    const r = replayer(initialState());
    expect(r.push(p9).issues.map((i) => i.code)).toEqual(['unknown_staff']);
    r.push(staff('S01'));
    const again = r.push(structuredClone(p9));
    expect(again.decisions).toEqual([]);
    expect(again.issues).toEqual([expect.objectContaining({ code: 'unknown_staff', event: 'p9' })]);
  });

  it('given a refusal kept ahead, then a snapshot keeps it too', () => {
    const r = replayer(initialState());
    for (const e of [staff('S01'), p9, ahead, { ...staff('S09'), at: p9.at, id: 's09' } as Event]) r.push(e);
    const back = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(r.state()))));
    if (!back.ok) throw new Error(JSON.stringify(back.issues));
    const again = replayer(back.state);
    for (const e of days(2, 17)) again.push(e);
    expect(again.push(ahead).issues.map((i) => i.code)).toEqual(['unknown_staff']);
  });

  it('given a refusal kept ahead, when the clock passes its time by more than the window, then a redelivery is refused as beyond the window', () => {
    const r = replayer(initialState(undefined, { redeliveryWindowDays: 3 }));
    for (const e of [staff('S01'), p9, ahead]) r.push(e);
    for (const e of days(21, 28)) r.push(e);
    expect(r.push(ahead).issues.map((i) => i.code)).toEqual(['out_of_order']);
  });

  it('the fixed event, submitted under a new id, is applied', () => {
    const r = replayer(initialState());
    for (const e of [staff('S01'), { ...p8, id: 'p8' } as Event, p9]) r.push(e);
    const fixed = r.push({ ...p8, id: 'p8-resubmitted' } as Event);
    expect(fixed.issues).toEqual([]);
    expect(fixed.decisions.length).toBeGreaterThan(0);
  });

  it('an id reused after the redelivery window is refused when it already keys a client, before anything changes', () => {
    const first = { ...visit('11-01 10:00', zhang, { receiver: 'S01', party: [{ name: '张母', relation: 'parent' }] } as never), id: 'v1' } as Event;
    const { state } = replay([staff('S01'), first]);
    const later = { ...visit('11-20 10:00', { name: '新客', phone: '13511112222' }, { receiver: 'S01' }), id: 'v1' } as Event;
    const step = apply(state, later);
    expect(step.state).toBe(state);
    expect(step.issues).toEqual([expect.objectContaining({ code: 'duplicate_conflict', path: ['id'], event: 'v1' })]);
  });
});

describe('time order', () => {
  it('given events up to Nov 3, when an event of Nov 1 arrives, then it is refused with out_of_order and changes nothing', () => {
    const { state } = replay(log);
    const late = visit('11-01 12:00', { name: '迟到', phone: '13512340000' });
    const step = apply(state, late);
    expect(step.state).toBe(state);
    expect(step.issues[0]).toMatchObject({ code: 'out_of_order', path: ['at'], event: late.id });
    expect(step.issues[0]?.message).toContain('2026-11-03T15:00:00+08:00');
  });

  it('accepts events at the same instant as the last one', () => {
    const { state } = replay(log);
    const same = visit('11-03 15:00', { name: '同时', phone: '13512340001' });
    expect(apply(state, same).issues).toEqual([]);
  });

  it('a log written out of order reports its late event; sortEvents puts such a log in time order first', () => {
    const shuffled = [log[0], log[1], log[3], log[2], log[4], log[5]] as Event[];
    expect(replay(shuffled).issues.map((i) => i.code)).toEqual(['out_of_order']);
    const sorted = sortEvents(shuffled);
    expect(replay(sorted).issues).toEqual([]);
    expect(sorted.map((e) => e.id)).toEqual(log.map((e) => e.id));
  });
});

describe('offices', () => {
  it('given a state of office "test", an event of another office is refused', () => {
    const { state } = replay(log);
    const other = { ...visit('11-04 10:00', zhang), office: 'elsewhere' } as Event;
    expect(apply(state, other).issues[0]).toMatchObject({ code: 'office_mismatch', path: ['office'] });
  });

  it('given a policy naming the office, the first event must belong to it', () => {
    const step = apply(initialState({ office: 'jiuzhou' }), staff('S01'));
    expect(step.issues[0]?.code).toBe('office_mismatch');
  });
});

describe('bad input to the engine', () => {
  it('an unknown staff member is refused with the path of the field', () => {
    const step = apply(initialState(), visit('11-01 10:00', zhang, { receiver: 'S99' }));
    expect(step.issues).toEqual([expect.objectContaining({ code: 'unknown_staff', path: ['receiver'] })]);
  });

  it('an unknown client key is refused', () => {
    const { state } = replay(log);
    const step = apply(state, event('recordFollowUp', '11-04 10:00', { staff: 'S01', client: { key: 'nope' } }));
    expect(step.issues[0]).toMatchObject({ code: 'unknown_client', path: ['client', 'key'] });
  });

  it('a follow-up of a client never registered is refused', () => {
    const { state } = replay(log);
    const step = apply(state, event('recordFollowUp', '11-04 10:00', { staff: 'S01', client: { phone: '13011112222' } }));
    expect(step.issues[0]?.code).toBe('unknown_client');
  });

  it('ingest validates untrusted input and reports issues instead of throwing', () => {
    const step = ingest(initialState(), { v: 1, type: 'registerVisit', id: 'x', at: 'yesterday', office: 'o' });
    expect(step.issues.map((i) => i.path.join('.'))).toContain('at');
    expect(ingest(initialState(), 'not an event').issues[0]?.code).toBe('not_an_object');
  });

  it('a refund of an unknown deal, more than was paid, or a negative amount changes nothing', () => {
    const { state } = replay(log);
    for (const body of [{ deal: 'D9' }, { deal: 'D1', amount: '2000000' }, { deal: 'D1', amount: '-5' }, { deal: 'D1', amount: '0' }]) {
      const step = apply(state, event('refund', '11-05 10:00', body));
      expectUnchanged(step.state, state);
      expect(step.issues[0]?.code).toMatch(/unknown_deal|invalid_amount/);
    }
  });
});

describe('createOffice and policies', () => {
  it('given a policy field out of range, createOffice returns issues naming the field', () => {
    const r = createOffice({ ownership: { validityDays: { visit: -1, call: 1.5 } }, timeZone: 'Mars/Olympus' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['ownership.validityDays.visit', 'ownership.validityDays.call', 'timeZone']));
    expect(r.issues.every((i) => i.code === 'invalid_policy')).toBe(true);
  });

  it('PEN-FINES, DSP-PROCESS, REG-DISCIPLINE: given a negative fine, then createOffice refuses it (it would post nothing)', () => {
    for (const [policy, path] of [
      [{ disputes: { appealFailedFine: '-400' } }, 'disputes.appealFailedFine'],
      [{ disputes: { overturnFine: '-0.01' } }, 'disputes.overturnFine'],
      [{ registration: { alteredBookFine: '-1' } }, 'registration.alteredBookFine'],
    ] as const) {
      const r = createOffice(policy);
      expect(!r.ok && r.issues.map((i) => [i.path.join('.'), i.message])).toEqual([[path, 'must be 0 or more']]);
    }
    expect(createOffice({ disputes: { appealFailedFine: '400', overturnFine: '0' } }).ok).toBe(true);
  });

  it('COM-RATE-TIERS: given a rate that is no decimal, then one issue says so, not a second about per mille', () => {
    const r = createOffice({ deals: { commission: { rates: { above: '2.5%' } } } });
    expect(!r.ok && r.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^must be a decimal string/)]);
    const over = createOffice({ deals: { commission: { rates: { above: '1001' } } } });
    expect(!over.ok && over.issues.map((i) => i.message)).toEqual(['a rate is per mille: at most 1000']);
  });

  it('an unknown policy field is an issue at the field itself, not silently ignored', () => {
    const r = createOffice({ ownership: { validityDay: 10 }, ownrship: {} });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { code: 'invalid_policy', path: ['ownership', 'validityDay'], message: 'unknown field "validityDay"' },
      { code: 'invalid_policy', path: ['ownrship'], message: 'unknown field "ownrship"' },
    ]);
    const timeline = createOffice({ versions: [{ policy: { rotaton: {} } }] });
    expect(!timeline.ok && timeline.issues[0]?.path).toEqual(['versions', 0, 'policy', 'rotaton']);
    const options = createOffice({}, { histroy: 'none' } as never);
    expect(!options.ok && options.issues[0]).toEqual({ code: 'invalid_policy', path: ['options', 'histroy'], message: 'unknown field "histroy"' });
  });

  it('defaults: Asia/Shanghai, no visit window (the seeds disagree on it), no follow-up requirement', () => {
    const r = createOffice({});
    expect(r.ok && r.office.policy.timeZone).toBe('Asia/Shanghai');
    expect(r.ok && r.office.policy.ownership.validityDays.visit).toBeNull();
    expect(r.ok && r.office.policy.ownership.followUp.withinDays).toBeNull();
  });

  it('an office replays from its initial state like the free functions', () => {
    const r = createOffice({});
    if (!r.ok) throw new Error('policy');
    expect(toSnapshot(r.office.replay(log).state)).toEqual(toSnapshot(replay(log).state));
  });

  it('replay with an invalid policy throws a PolicyError that carries the issues', () => {
    expect(() => replay(log, { timeZone: 'Nowhere/Town' })).toThrow(PolicyError);
    try {
      initialState({ timeZone: 'Nowhere/Town' });
    } catch (error) {
      expect((error as PolicyError).issues[0]?.path).toEqual(['timeZone']);
    }
  });
});

describe('engine options', () => {
  it("history 'none' gives the same owners as 'full' and keeps no client history (for very long logs)", () => {
    const full = replay(log);
    const lean = replay(log, {}, { history: 'none' });
    expect(owners(lean.state)).toEqual(owners(full.state));
    expect(lean.decisions).toEqual(full.decisions);
    expect(explain(lean.state, zhang.phone).decisions).toEqual([]);
    expect(explain(full.state, zhang.phone).decisions.length).toBeGreaterThan(3);
  });

  it('bad options are refused with the field named', () => {
    const r = createOffice({}, { history: 'some' as never });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path).toEqual(['options', 'history']);
  });
});

describe('snapshots', () => {
  it('round-trips a state: the restored state goes on exactly like the original', () => {
    const first = replay(log.slice(0, 4));
    const json = JSON.parse(JSON.stringify(toSnapshot(first.state))) as unknown;
    const restored = fromSnapshot(json);
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    const rest = log.slice(4);
    const a = foldAll(first.state, rest);
    const b = foldAll(restored.state, rest);
    expect(toSnapshot(b.state)).toEqual(toSnapshot(a.state));
    expect(b.decisions).toEqual(a.decisions);
  });

  it('reads a version 2 snapshot (one policy, deal terms by value) as a timeline of one version', () => {
    const events = [...log.slice(0, 4), deal('11-03 10:00', 'D1', 'S01', zhang)];
    const now = replay(events, { ownership: { validityDays: { visit: 20 } } });
    const v3 = JSON.parse(JSON.stringify(toSnapshot(now.state))) as { version: number; state: Record<string, unknown> };
    // What this release's predecessor wrote: the policy itself, terms by value, months without a version.
    const { timeline, version: _inForce, ...rest } = v3.state as { timeline: { versions: { policy: unknown }[] }; version: number };
    const text = JSON.stringify({ ...rest, policy: timeline.versions[0]?.policy })
      .replace(/"terms":\{"version":0\}/g, '"terms":{"rounding":"halfUp","remainder":"largestRemainder","retier":"recompute"}')
      .replace(/,"version":0\}/g, '}');
    const restored = fromSnapshot({ format: 'salesfloor-state', version: 2, state: JSON.parse(text) });
    if (!restored.ok) throw new Error(JSON.stringify(restored.issues));
    expect(toSnapshot(restored.state)).toEqual(toSnapshot(now.state));
  });

  describe('OWN-FOLLOWUP (004h §9): a do-not-call client\'s waived deadline', () => {
    const rules = (doNotCallExempt: boolean) => ({ ownership: { validityDays: { visit: null }, followUp: { withinDays: 5, doNotCallExempt } } });
    const dropped = { versions: [{ id: 'exempt', policy: rules(true) }, { id: 'not exempt', from: '2026-11-10', policy: rules(false) }] };
    const asked = [staff('S01'), staff('S02'), visit('11-01 10:00', zhang, { receiver: 'S01' }), followUp('11-02 10:00', 'S01', zhang, { doNotCall: true })];
    const later = [visit('11-12 10:00', zhang, { receiver: 'S02' }), followUp('11-15 10:00', 'S01', zhang)];
    // 5 days after the follow-up of 11-02.
    const deadline = Date.parse('2026-11-08T00:00:00+08:00');
    type Written = { version: number; state: { ownership: { files: { $map: [string, { doNotCall: boolean; followUpBy: number | null }][] } } } };
    const written = (state: OfficeState) => JSON.parse(JSON.stringify(toSnapshot(state))) as Written;

    it('given the exemption dropped from the 10th, when the state after 11-02 is restored and goes on, then it goes on like the original: the deadline stays waived', () => {
      const first = replay(asked, dropped);
      const snapshot = written(first.state);
      expect(snapshot.version).toBe(5);
      expect(snapshot.state.ownership.files.$map.map(([, f]) => [f.doNotCall, f.followUpBy])).toEqual([[true, null]]);
      const restored = fromSnapshot(snapshot);
      if (!restored.ok) throw new Error(JSON.stringify(restored.issues));
      const a = foldAll(first.state, later);
      const b = foldAll(restored.state, later);
      expect(toSnapshot(b.state)).toEqual(toSnapshot(a.state));
      expect(b.decisions).toEqual(a.decisions);
      expect(owners(b.state)[0]?.owner).toBe('S01');
    });

    it.each([
      ['exempts', true, null],
      ['does not exempt', false, deadline],
    ] as const)('given a version 3 snapshot holding the deadline of a do-not-call client, when the version in force %s, then it reads as that version judged it', (_label, exempt, want) => {
      const now = replay(asked, rules(exempt));
      const old = written(now.state);
      // What version 3 wrote: the deadline kept, the exemption read when judging.
      for (const [, file] of old.state.ownership.files.$map) file.followUpBy = deadline;
      const restored = fromSnapshot({ ...old, version: 3 });
      if (!restored.ok) throw new Error(JSON.stringify(restored.issues));
      expect(restored.state.ownership.files.get(owners(now.state)[0]?.client ?? '')?.followUpBy).toBe(want);
      expect(toSnapshot(restored.state)).toEqual(toSnapshot(now.state));
    });
  });

  it('refuses a snapshot of another format or version with an issue', () => {
    expect(fromSnapshot({ format: 'x' })).toMatchObject({ ok: false });
    expect(fromSnapshot({ format: 'salesfloor-state', version: 9, state: {} })).toMatchObject({ ok: false, issues: [{ path: ['version'] }] });
  });
});

function newNodes(before: OfficeState['ownership']['files'], after: OfficeState['ownership']['files']): number {
  const seen = new Set<unknown>();
  const walk = (node: unknown, into: Set<unknown>) => {
    if (!node || typeof node !== 'object') return;
    into.add(node);
    const slots = (node as { slots?: unknown[] }).slots;
    if (slots) for (const s of slots) walk(s, into);
  };
  walk(before.root, seen);
  const now = new Set<unknown>();
  walk(after.root, now);
  let fresh = 0;
  for (const n of now) if (!seen.has(n)) fresh++;
  return fresh;
}
