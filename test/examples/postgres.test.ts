/**
 * examples/postgres/ against a real PostgreSQL server: append and resume
 * equal a full replay, refused submissions are kept with their issues and
 * change nothing, optimistic concurrency turns a lost race into a conflict,
 * and a crash between append and snapshot loses nothing.
 *
 * The server comes from DATABASE_URL or PGHOST, PGPORT, PGUSER, PGPASSWORD,
 * PGDATABASE. Without one the tests are skipped, unless CI is set: then they
 * fail. Each test works in a schema of its own, dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkthrough } from '../../examples/postgres/main.js';
import { canonical, OfficeService, type Reply } from '../../examples/postgres/service.js';
import { ConcurrencyError, EventStore, poolConfigFromEnv, storable, unstorable } from '../../examples/postgres/store.js';
import { createOffice, parseEvent, presetPolicy, toSnapshot, type Event, type OfficeState } from '../../src/index.js';
import { dayLog, root } from '../cli/support.js';

const ci = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);
const where = process.env.DATABASE_URL ? 'DATABASE_URL' : `${process.env.PGHOST ?? 'localhost'}:${process.env.PGPORT ?? '5432'}`;

/** Why no server can be used, or null when one answers. */
async function probe(): Promise<string | null> {
  const pool = new Pool({ ...poolConfigFromEnv(), connectionTimeoutMillis: 3000, max: 1 });
  try {
    await pool.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await pool.end();
  }
}

const unreachable = await probe();
const skip = unreachable !== null && !ci;
if (skip) {
  console.warn(
    `test/examples/postgres.test.ts skipped: no PostgreSQL server at ${where} (${unreachable}). ` +
      'Start one and set PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE or DATABASE_URL (README, "PostgreSQL"); with CI set this is a failure.',
  );
}

const policy = presetPolicy('jiuzhou');
const created = createOffice(policy);
if (!created.ok) throw new Error('the jiuzhou preset is valid');
const { office } = created;
const lines = readFileSync(dayLog, 'utf8').split('\n').filter(Boolean);
const events: Event[] = lines.map((line) => {
  const parsed = parseEvent(JSON.parse(line));
  if (!parsed.ok) throw new Error('the day log is clean');
  return parsed.event;
});
const stream = events[0]?.office ?? 'jiuzhou';
const line = (i: number): string => lines[i] ?? '';
/** The state a plain replay of the first n events of the day gives, as snapshot JSON. */
const replayed = (n: number, from: readonly Event[] = events): string => canonical(toSnapshot(office.replay(from.slice(0, n)).state));
const snap = (state: OfficeState): string => canonical(toSnapshot(state));

describe('examples/postgres/: what needs no server', () => {
  it('takes the server from DATABASE_URL, else leaves node-postgres to read PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE', () => {
    expect(poolConfigFromEnv({ DATABASE_URL: 'postgres://u:p@db:5433/crm' })).toMatchObject({ connectionString: 'postgres://u:p@db:5433/crm' });
    expect(poolConfigFromEnv({ PGHOST: 'db' })).not.toHaveProperty('connectionString');
    expect(poolConfigFromEnv({})).toHaveProperty('connectionTimeoutMillis');
  });

  it('knows what jsonb cannot hold (U+0000, a lone surrogate), and compares JSON by value whatever its key order', () => {
    expect([storable({ a: ['x', { b: 'y' }] }), storable({ a: ['x', { b: 'y\u0000' }] }), storable({ 'k\u0000': 1 })]).toEqual([true, false, false]);
    expect([storable({ a: '李娜😀' }), storable({ a: ['\ud800李娜'] }), storable({ a: { '\udfff': 1 } }), storable('x\ud83d')]).toEqual([true, false, false, false]);
    expect(unstorable({ a: [1, { b: 'y\udc00' }] })).toEqual({ path: ['a', 1, 'b'], what: 'a lone surrogate (U+DC00)' });
    // A key is reported by the path of the object that holds it: the path itself must be storable.
    expect(unstorable({ a: { 'k\u0000': 1 } })).toEqual({ path: ['a'], what: 'a key holding the character U+0000' });
    // Hostile nesting is walked without recursion, so it cannot blow the stack.
    expect(storable(JSON.parse(`${'['.repeat(100_000)}"\\ud800"${']'.repeat(100_000)}`))).toBe(false);
    expect(canonical({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
  });

  it('keeps node-postgres out of the library: src/ never imports pg', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
    const offenders = sources(join(root, 'src')).filter((f) => /from ['"]pg(?:\/[^'"]*)?['"]|require\(['"]pg['"]\)/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => new EventStore(new Pool(), 'x"; DROP TABLE y; --')).toThrow(RangeError);
  });
});

describe.skipIf(skip)('examples/postgres/: the CRM service on a real PostgreSQL server', () => {
  let pool: Pool | undefined;
  const stores: EventStore[] = [];
  const quiet = { warn: () => undefined };

  beforeAll(() => {
    if (unreachable !== null) throw new Error(`CI is set and no PostgreSQL server answers at ${where}: ${unreachable}`);
    pool = new Pool({ ...poolConfigFromEnv(), max: 8 });
  });

  afterAll(async () => {
    for (const store of stores) await store.drop();
    await pool?.end();
  });

  /** A store in a fresh schema of its own, with its tables. */
  async function fresh(make: (pool: Pool, schema: string) => EventStore = (p, s) => new EventStore(p, s)): Promise<EventStore> {
    if (pool === undefined) throw new Error('no pool');
    const store = make(pool, `salesfloor_test_${randomBytes(6).toString('hex')}`);
    stores.push(store);
    await store.migrate();
    return store;
  }

  async function feed(service: OfficeService, bodies: readonly string[]): Promise<Reply[]> {
    const replies: Reply[] = [];
    for (const body of bodies) replies.push(await service.handle(body));
    return replies;
  }

  it('creates its tables idempotently, even from several processes at once', async () => {
    const store = await fresh();
    await Promise.all([store.migrate(), new EventStore(store.pool, store.schema).migrate(), store.migrate()]);
    const { rows } = await store.pool.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name', [store.schema]);
    expect(rows.map((r) => r.table_name)).toEqual(['events', 'refused_events', 'snapshots']);
  });

  it('appends each accepted event at the next version, snapshots every N, and resumes to the state a full replay gives', async () => {
    const store = await fresh();
    const service = await OfficeService.open(store, stream, policy, { snapshotEvery: 20, ...quiet });
    const replies = await feed(service, lines);
    expect(replies.map((r) => r.status)).toEqual(lines.map(() => 200));
    expect(replies.map((r) => r.version)).toEqual(lines.map((_, i) => i + 1));
    expect(service.version).toBe(lines.length);

    const stored = await store.eventsAfter(stream, 0, 10_000);
    expect(stored.map((e) => e.version)).toEqual(lines.map((_, i) => i + 1));
    expect(stored.map((e) => e.payload)).toEqual(lines.map((l) => JSON.parse(l) as unknown));
    const { rows } = await store.pool.query<{ version: string }>(`SELECT version FROM "${store.schema}".snapshots ORDER BY version`);
    const every20 = Array.from({ length: Math.floor(lines.length / 20) }, (_, i) => String((i + 1) * 20));
    expect(rows.map((r) => r.version)).toEqual(every20);

    const resumed = await OfficeService.open(store, stream, policy, quiet);
    expect(resumed.opened).toEqual({ version: lines.length, snapshotVersion: Number(every20.at(-1)), replayed: lines.length % 20 });
    expect(snap(resumed.current)).toBe(replayed(lines.length));
    expect(snap(service.current)).toBe(replayed(lines.length));

    // A redelivery after the restart is recognized from the resumed state: a no-op, nothing appended.
    expect(await resumed.handle(line(3))).toEqual({ status: 200, version: lines.length, duplicate: true });
    expect(await store.version(stream)).toBe(lines.length);
  });

  it('records a refused submission verbatim with its issues, and it changes neither the state nor the stream', async () => {
    const store = await fresh();
    const service = await OfficeService.open(store, stream, policy, quiet);
    await feed(service, lines.slice(0, 10));
    const before = service.current;
    const last = events[9];
    if (last === undefined) throw new Error('the day has 10 events');
    const unknownStaff = JSON.stringify({ v: 1, id: 'r2', type: 'claimClient', at: last.at, office: stream, staff: 'S99', client: { name: '陈某', phone: '13900001111' } });
    const otherOffice = JSON.stringify({ v: 1, id: 'r3', type: 'changeStaff', at: last.at, office: 'elsewhere', staff: 'S98', name: '陈静' });
    const nul = JSON.stringify({ v: 1, id: 'r4', type: 'changeStaff', at: last.at, office: stream, staff: 'S97', name: 'a\u0000b' });
    const bodies = ['{"v":1,"id":"r1","type":"registerVisit"', unknownStaff, otherOffice, nul];

    const replies = await feed(service, bodies);
    expect(replies.map((r) => (r.status === 400 ? r.issues.map((i) => i.code) : r.status))).toEqual([['invalid_json'], ['unknown_staff'], ['office_mismatch'], ['invalid_value']]);
    expect(service.current).toBe(before);
    expect(service.version).toBe(10);
    expect(await store.version(stream)).toBe(10);

    const refused = await store.refused(stream);
    expect(refused.map((r) => [r.eventId, r.version, r.body])).toEqual([
      [null, 10, bodies[0]],
      ['r2', 10, unknownStaff],
      ['r3', 10, otherOffice],
      ['r4', 10, nul],
    ]);
    expect(refused.map((r) => r.payload)).toEqual([null, JSON.parse(unknownStaff), JSON.parse(otherOffice), null]);
    expect(refused[1]?.issues).toEqual([expect.objectContaining({ code: 'unknown_staff', path: ['staff'], event: 'r2' })]);
    expect(refused.every((r) => r.receivedAt instanceof Date)).toBe(true);

    const resumed = await OfficeService.open(store, stream, policy, quiet);
    expect(snap(resumed.current)).toBe(snap(before));
    expect(snap(before)).toBe(replayed(10));
  });

  it('refuses an event id reused after the engine forgot it: the unique (office, event_id) catches it, and it is recorded', async () => {
    const store = await fresh();
    const service = await OfficeService.open(store, stream, policy, quiet);
    const staff = (id: string, at: string, code: string, name: string) => JSON.stringify({ v: 1, id, type: 'changeStaff', at, office: stream, staff: code, name });
    await feed(service, [staff('x', '2026-10-01T08:00:00+08:00', 'S01', '李娜'), staff('y', '2026-10-20T08:00:00+08:00', 'S03', '王五')]);
    const reused = staff('x', '2026-10-21T08:00:00+08:00', 'S02', '王强');
    // The engine's redelivery window is 7 days, so it takes the id for a new one.
    expect(office.ingest(service.current, JSON.parse(reused)).issues).toEqual([]);
    const reply = await service.handle(reused);
    expect(reply).toMatchObject({ status: 400, version: 2, issues: [{ code: 'duplicate_conflict', path: ['id'], event: 'x' }] });
    expect(await store.version(stream)).toBe(2);
    expect((await store.refused(stream)).map((r) => r.body)).toEqual([reused]);
  });

  describe('an id refused once stays refused: its first outcome is final, as in the engine', () => {
    const ev = (id: string, at: string, rest: object) => JSON.stringify({ v: 1, id, at, office: stream, ...rest });
    const s1 = ev('s1', '2026-11-01T08:30:00+08:00', { type: 'changeStaff', staff: 'S01', name: '李娜' });
    // The claim comes before the changeStaff that adds its salesperson (two producers), and is redelivered after it.
    const claim = { v: 1, id: 'c1', type: 'claimClient', at: '2026-11-01T10:00:00+08:00', office: stream, staff: 'S02', client: { name: '张伟', phone: '13812345678' } };
    const c1 = JSON.stringify(claim);
    const s2 = ev('s2', '2026-11-01T09:00:00+08:00', { type: 'changeStaff', staff: 'S02', name: '王强' });

    it.each(['the same service', 'a service opened after a restart', 'a writer opened before the refusal'])('a refused submission redelivered after its cause was fixed gets the same refusal again, from %s', async (who) => {
      const store = await fresh();
      const service = await OfficeService.open(store, stream, policy, quiet);
      expect(await service.handle(s1)).toMatchObject({ status: 200, version: 1 });
      const early = await OfficeService.open(store, stream, policy, quiet);
      expect(await service.handle(c1)).toMatchObject({ status: 400, version: 1, issues: [{ code: 'unknown_staff', path: ['staff'], event: 'c1' }] });
      expect(await service.handle(s2)).toMatchObject({ status: 200, version: 2 });
      // Judged again, the claim would now be accepted: only the recorded refusal keeps it refused.
      expect(office.ingest(service.current, claim).issues).toEqual([]);

      const again = who === 'the same service' ? service : who === 'a writer opened before the refusal' ? early : await OfficeService.open(store, stream, policy, quiet);
      const redelivered = await again.handle(c1);
      expect(redelivered).toMatchObject({ status: 400, issues: [{ code: 'unknown_staff', path: ['staff'], event: 'c1' }] });
      expect(redelivered.status === 400 && redelivered.errors[0]).toContain('a redelivery of c1');
      // The same payload with its keys in another order and other spacing is the same submission.
      const reordered = JSON.stringify(Object.fromEntries(Object.entries(claim).reverse()), null, 1);
      expect(await again.handle(reordered)).toMatchObject({ status: 400, issues: [{ code: 'unknown_staff' }] });
      // Another payload under the id is a conflict with its first outcome, recorded like any refusal.
      const other = JSON.stringify({ ...claim, client: { name: '张伟', phone: '13812345679' } });
      expect(await again.handle(other)).toMatchObject({ status: 400, version: 2, issues: [{ code: 'duplicate_conflict', path: ['id'], event: 'c1' }] });

      expect((await store.eventsAfter(stream, 0)).map((e) => e.eventId)).toEqual(['s1', 's2']);
      // A redelivery is not recorded again (as one of an accepted event is not appended again); the conflict is.
      expect((await store.refused(stream)).map((r) => [r.eventId, r.issues.map((i) => i.code), r.body])).toEqual([
        ['c1', ['unknown_staff'], c1],
        ['c1', ['duplicate_conflict'], other],
      ]);
      // What the engine answers when it keeps its states (refusals remembered): the claim stays refused, no one owns the client.
      const engine = [s1, c1, s2, c1].reduce((state, body) => office.ingest(state, JSON.parse(body)).state, office.initialState());
      expect(engine.events).toBe(2);
      expect(snap(again.current)).toBe(canonical(toSnapshot(office.replay([s1, s2].map((b) => JSON.parse(b) as Event)).state)));
    });

    it('an id in the stream is judged by the stream, not by an earlier refusal of it', async () => {
      const store = await fresh();
      const service = await OfficeService.open(store, stream, policy, quiet);
      await feed(service, [s1, s2, c1]);
      // A refusal row of an accepted id (written by an older version of this example) is passed over.
      await store.pool.query(`INSERT INTO "${store.schema}".refused_events (office, version, event_id, payload, body, issues) VALUES ($1, 0, 'c1', $2::jsonb, $3, '[{"code":"unknown_staff","path":["staff"],"message":"x","event":"c1"}]')`, [
        stream,
        c1,
        Buffer.from(c1),
      ]);
      expect(await service.handle(c1)).toEqual({ status: 200, version: 3, duplicate: true });
      expect(await (await OfficeService.open(store, stream, policy, quiet)).handle(c1)).toEqual({ status: 200, version: 3, duplicate: true });
    });
  });

  it('a submission jsonb cannot hold (a lone surrogate, U+0000, in a value, a key or the id) is refused and recorded with its bytes, never thrown', async () => {
    const store = await fresh();
    const service = await OfficeService.open(store, stream, policy, quiet);
    const at = '2026-11-01T08:30:00+08:00';
    const bodies = [
      // The engine refuses this one too (a lone surrogate is no text), but the service's own check comes first: the append would fail.
      `{"v":1,"id":"s1","type":"changeStaff","at":"${at}","office":"${stream}","staff":"S01","name":"\\ud800李娜"}`,
      // The engine refuses this one (unknown staff): recording its payload as jsonb would fail.
      `{"v":1,"id":"c1","type":"claimClient","at":"${at}","office":"${stream}","staff":"S09","client":{"name":"张\\udfff伟"}}`,
      `{"v":1,"id":"k1","type":"changeStaff","at":"${at}","office":"${stream}","staff":"S01","na\\udc00me":"李娜"}`,
      // An id the database cannot key: kept without one.
      `{"v":1,"id":"x\\ud83d","type":"changeStaff","at":"${at}","office":"${stream}","staff":"S01","name":"李娜"}`,
      `{"v":1,"id":"x\\u0000","type":"changeStaff","at":"${at}","office":"${stream}","staff":"S01","name":"李娜"}`,
    ];
    const replies = await feed(service, bodies);
    expect(replies.map((r) => (r.status === 400 ? r.issues.map((i) => [i.code, i.path, i.event]) : r.status))).toEqual([
      [['invalid_value', ['name'], 's1']],
      [['invalid_value', ['client', 'name'], 'c1']],
      [['invalid_value', [], 'k1']],
      [['invalid_value', ['id'], undefined]],
      [['invalid_value', ['id'], undefined]],
    ]);
    expect(replies[0]?.status === 400 && replies[0].errors[0]).toContain('lone surrogate (U+D800)');
    expect(await store.version(stream)).toBe(0);
    const refused = await store.refused(stream);
    expect(refused.map((r) => [r.eventId, r.payload, r.body])).toEqual(bodies.map((b, i) => [i < 3 ? (JSON.parse(b) as { id: string }).id : null, null, b]));
    // Its redelivery gets the same refusal: a queue that redelivers it is answered, not stuck.
    expect(await service.handle(bodies[0] ?? '')).toMatchObject({ status: 400, issues: [{ code: 'invalid_value' }] });
    expect(service.version).toBe(0);

    // Nested deeper than JSON.stringify and jsonb go: the engine's refusal, recorded with the bytes alone.
    const deep = `{"v":1,"id":"d1","type":"changeStaff","at":"${at}","office":"${stream}","staff":"S01","note":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(await service.handle(deep)).toMatchObject({ status: 400, issues: [{ code: 'too_deep' }] });
    expect((await store.refused(stream)).at(-1)).toMatchObject({ eventId: 'd1', payload: null, body: deep });
  });

  describe('optimistic concurrency', () => {
    it('a writer on a stale version gets a conflict error; the service catches up, re-applies and wins', async () => {
      const store = await fresh();
      const a = await OfficeService.open(store, stream, policy, quiet);
      await feed(a, lines.slice(0, 10));
      const b = await OfficeService.open(store, stream, policy, quiet);
      expect(b.version).toBe(10);
      expect(await a.handle(line(10))).toMatchObject({ status: 200, version: 11, retries: 0 });

      const stale = store.append(stream, b.version, [{ id: 'late', payload: JSON.parse(line(11)) as unknown }]);
      await expect(stale).rejects.toThrow(ConcurrencyError);
      await expect(stale).rejects.toMatchObject({ office: stream, expected: 10, actual: 11 });
      await expect(stale).rejects.toThrow('expected stream version 10, but the stream is at version 11: another writer appended first');

      // The retry: b's first append conflicts, it reads event 11 from the stream and re-applies event 12 on it.
      expect(await b.handle(line(11))).toMatchObject({ status: 200, version: 12, retries: 1 });
      expect(await a.refresh()).toBe(12);
      expect(snap(a.current)).toBe(replayed(12));
      expect(snap(b.current)).toBe(replayed(12));
      expect((await store.eventsAfter(stream, 0)).map((e) => e.eventId)).toEqual(events.slice(0, 12).map((e) => e.id));
    });

    it('of two appends racing for the same version, the one that waited on the unique constraint loses', async () => {
      const store = await fresh();
      const service = await OfficeService.open(store, stream, policy, quiet);
      await feed(service, lines.slice(0, 5));
      if (pool === undefined) throw new Error('no pool');
      const winner = await pool.connect();
      try {
        // The winner inserts version 6 and holds its transaction open; the loser passes the version guard, then waits on the key.
        await winner.query('BEGIN');
        await winner.query(`INSERT INTO "${store.schema}".events (office, version, event_id, payload) VALUES ($1, 6, $2, $3::jsonb)`, [stream, events[5]?.id, line(5)]);
        let settled = false;
        const loser = store.append(stream, 5, [{ id: 'loser', payload: JSON.parse(line(6)) as unknown }]).finally(() => (settled = true));
        loser.catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled).toBe(false);
        await winner.query('COMMIT');
        await expect(loser).rejects.toMatchObject({ name: 'ConcurrencyError', expected: 5, actual: 6 });
      } finally {
        winner.release();
      }
      // Both at once through the pool: exactly one wins.
      const both = await Promise.allSettled([7, 8].map((i) => store.append(stream, 6, [{ id: `both${i}`, payload: JSON.parse(line(i)) as unknown }])));
      expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(both.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(ConcurrencyError) });
      expect(await store.version(stream)).toBe(7);
    });

    it('an expected version ahead of the stream is a conflict too, and leaves no gap', async () => {
      const store = await fresh();
      await expect(store.append(stream, 3, [{ id: 'e', payload: JSON.parse(line(0)) as unknown }])).rejects.toMatchObject({ expected: 3, actual: 0 });
      expect(await store.version(stream)).toBe(0);
    });

    it('a refusal judged on a stale state is judged again on the stream head', async () => {
      const store = await fresh();
      const a = await OfficeService.open(store, stream, policy, quiet);
      await feed(a, lines.slice(0, 10));
      const b = await OfficeService.open(store, stream, policy, quiet);
      const at = events[9]?.at ?? '';
      // a adds S99; b has not seen it, so b alone would refuse S99's claim as unknown_staff.
      await a.handle(JSON.stringify({ v: 1, id: 'n1', type: 'changeStaff', at, office: stream, staff: 'S99', name: '陈静', team: 'A', role: 'sales', status: 'onDuty' }));
      const claim = JSON.stringify({ v: 1, id: 'n2', type: 'claimClient', at, office: stream, staff: 'S99', client: { name: '陈某', phone: '13900001111' } });
      expect(office.ingest(b.current, JSON.parse(claim)).issues.map((i) => i.code)).toEqual(['unknown_staff']);
      expect(await b.handle(claim)).toMatchObject({ status: 200, version: 12, retries: 1 });
      expect(await store.refused(stream)).toEqual([]);
    });
  });

  describe('a crash between append and snapshot', () => {
    it('events appended and never snapshotted: the next process replays them from the stream', async () => {
      const store = await fresh();
      {
        const dying = await OfficeService.open(store, stream, policy, { snapshotEvery: 1000, ...quiet });
        await feed(dying, lines.slice(0, 30));
      } // the process dies: its state is gone, its appends are not
      expect(await store.latestSnapshot(stream)).toBeNull();
      const next = await OfficeService.open(store, stream, policy, quiet);
      expect(next.opened).toEqual({ version: 30, snapshotVersion: 0, replayed: 30 });
      expect(snap(next.current)).toBe(replayed(30));
    });

    it('the process dies on its way to write a snapshot: the next one resumes from the older snapshot plus the tail', async () => {
      // Every snapshot after the first fails, as if the process died right after committing the event.
      class Crashing extends EventStore {
        override async saveSnapshot(office: string, version: number, snapshot: unknown): Promise<void> {
          if (version > 10) throw new Error('killed before the snapshot');
          await super.saveSnapshot(office, version, snapshot);
        }
      }
      const store = await fresh((p, s) => new Crashing(p, s));
      const warnings: string[] = [];
      const dying = await OfficeService.open(store, stream, policy, { snapshotEvery: 10, warn: (m) => warnings.push(m) });
      const replies = await feed(dying, lines.slice(0, 35));
      expect(replies.every((r) => r.status === 200)).toBe(true);
      expect(warnings).toEqual([20, 30].map((v) => expect.stringContaining(`at version ${v} not written: killed before the snapshot`)));
      expect((await store.latestSnapshot(stream))?.version).toBe(10);

      const next = await OfficeService.open(new EventStore(store.pool, store.schema), stream, policy, { snapshotEvery: 10, ...quiet });
      expect(next.opened).toEqual({ version: 35, snapshotVersion: 10, replayed: 25 });
      expect(snap(next.current)).toBe(replayed(35));
      await feed(next, lines.slice(35));
      expect(snap(next.current)).toBe(replayed(lines.length));
    });

    it('a snapshot that cannot be used (unreadable, or of another policy) is passed over for a full replay', async () => {
      const store = await fresh();
      await feed(await OfficeService.open(store, stream, policy, { snapshotEvery: 10, ...quiet }), lines.slice(0, 25));
      await store.saveSnapshot(stream, 25, { format: 'something else' });
      const warnings: string[] = [];
      const next = await OfficeService.open(store, stream, policy, { warn: (m) => warnings.push(m) });
      expect(warnings).toEqual([expect.stringContaining('at version 25 is unreadable')]);
      expect(next.opened).toEqual({ version: 25, snapshotVersion: 0, replayed: 25 });
      expect(snap(next.current)).toBe(replayed(25));

      await store.pool.query(`DELETE FROM "${store.schema}".snapshots WHERE version = 25`);
      const other = presetPolicy('shenyang');
      const otherOffice = createOffice(other);
      if (!otherOffice.ok) throw new Error('the shenyang preset is valid');
      const underOther = await OfficeService.open(store, stream, other, { warn: (m) => warnings.push(m) });
      expect(warnings.at(-1)).toContain('at version 20 was taken under another policy');
      expect(snap(underOther.current)).toBe(canonical(toSnapshot(otherOffice.office.replay(events.slice(0, 25)).state)));
      expect((await store.latestSnapshot(stream))?.version).toBe(20);
    });
  });

  describe('a snapshot and the office\'s timeline', () => {
    const later = structuredClone(policy) as typeof policy & { ownership: { validityDays: { visit: number | null } } };
    later.ownership.validityDays.visit = 30;
    /** The office's rules change from the time of event i of the day on. */
    const changedAt = (i: number) => ({ versions: [{ policy }, { from: events[i]?.at ?? '', policy: later }] });
    const under = (timeline: unknown) => {
      const made = createOffice(timeline);
      if (!made.ok) throw new Error(`not a valid timeline: ${JSON.stringify(made.issues)}`);
      return made.office;
    };

    it('a snapshot decided under other versions than the timeline says (a change entered after the fact) is passed over, not thrown on', async () => {
      const store = await fresh();
      await feed(await OfficeService.open(store, stream, policy, { snapshotEvery: 10, ...quiet }), lines.slice(0, 25));
      expect((await store.latestSnapshot(stream))?.version).toBe(20);
      const warnings: string[] = [];
      const timeline = changedAt(15);
      const reopened = await OfficeService.open(store, stream, timeline, { warn: (m) => warnings.push(m) });
      expect(warnings).toEqual([expect.stringContaining('at version 20 was taken under another policy')]);
      expect(reopened.opened).toEqual({ version: 25, snapshotVersion: 0, replayed: 25 });
      expect(snap(reopened.current)).toBe(canonical(toSnapshot(under(timeline).replay(events.slice(0, 25)).state)));
    });

    it("a snapshot taken while a later version is in force, or before a version dated after it, is used", async () => {
      const store = await fresh();
      const timeline = changedAt(5);
      await feed(await OfficeService.open(store, stream, timeline, { snapshotEvery: 10, ...quiet }), lines.slice(0, 25));
      const warnings: string[] = [];
      const reopened = await OfficeService.open(store, stream, timeline, { warn: (m) => warnings.push(m) });
      expect(warnings).toEqual([]);
      expect(reopened.opened).toEqual({ version: 25, snapshotVersion: 20, replayed: 5 });
      expect(snap(reopened.current)).toBe(canonical(toSnapshot(under(timeline).replay(events.slice(0, 25)).state)));

      // Taken under the policy alone, before the change from event 22 on: its past is the timeline's, so it goes on under it.
      const before = await fresh();
      await feed(await OfficeService.open(before, stream, policy, { snapshotEvery: 10, ...quiet }), lines.slice(0, 25));
      const next = await OfficeService.open(before, stream, changedAt(22), { warn: (m) => warnings.push(m) });
      expect(warnings).toEqual([]);
      expect(next.opened).toEqual({ version: 25, snapshotVersion: 20, replayed: 5 });
      expect(snap(next.current)).toBe(canonical(toSnapshot(under(changedAt(22)).replay(events.slice(0, 25)).state)));
    });
  });

  it('the walkthrough: two writers, bad requests, a crash and a restart end where a full replay does', async () => {
    const store = await fresh();
    const outcome = await walkthrough(store, dayLog, () => undefined, 20);
    expect(outcome.accepted).toBe(lines.length);
    expect(outcome.refused.map((r) => r.errors.join(' '))).toEqual([
      expect.stringContaining('invalid_json'),
      expect.stringContaining('unknown_staff'),
      expect.stringContaining('out_of_order'),
      expect.stringContaining('invalid_type'),
      expect.stringMatching(/a redelivery of r2.*unknown_staff/),
    ]);
    expect(outcome.recorded).toBe(4);
    expect(outcome.duplicates).toBe(1);
    expect(outcome.retries).toBe(1);
    expect(outcome.conflict).toContain('another writer appended first');
    expect(outcome.restart.snapshotVersion).toBeGreaterThan(0);
    expect(outcome.restart.replayed).toBeGreaterThan(0);
    expect(outcome.resumedMatchesReplay).toBe(true);
  });
});
