/**
 * The CRM service on PostgreSQL, walked through on the bundled month:
 *
 *   npx tsx examples/postgres/main.ts           # in a fresh schema, dropped at the end
 *   npx tsx examples/postgres/main.ts --keep    # keep the schema to look at it with psql
 *
 * The server comes from DATABASE_URL or PGHOST, PGPORT, PGUSER, PGPASSWORD,
 * PGDATABASE (see the README's PostgreSQL paragraph to start one).
 *
 * Half the month goes in; bad requests are refused and recorded (a refused
 * one redelivered is refused again); a second writer loses a race and wins
 * on retry; then both writers "crash" without a final snapshot, a new
 * process resumes from the last snapshot plus the stream's tail, and takes
 * the rest. The result must equal a plain replay.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { ownerOf, owners, parseEvent, presetPolicy, replay, toSnapshot, type Event } from 'salesfloor';
import { canonical, OfficeService, type Reply } from './service.js';
import { ConcurrencyError, EventStore, poolConfigFromEnv } from './store.js';

/** What the walkthrough found, for the test that runs it. */
export interface Walkthrough {
  accepted: number;
  refused: { body: string; errors: string[] }[];
  /** Refusals found in the refused_events table. */
  recorded: number;
  duplicates: number;
  /** Races the second writer lost and then won by catching up. */
  retries: number;
  /** The message of an append made on a stale version. */
  conflict: string;
  /** Where the process after the crash resumed. */
  restart: { version: number; snapshotVersion: number; replayed: number };
  /** The resumed state equals a replay of the whole log (compared as `toSnapshot` JSON). */
  resumedMatchesReplay: boolean;
}

/**
 * Feeds a log through the service with two writers, bad requests, and a
 * crash between appends and snapshot, then checks it against a replay.
 *
 * @param store - the database (its schema is created if missing)
 * @param log - a JSONL file of one office's clean events
 * @param say - where to tell the story
 * @param snapshotEvery - the snapshot cadence
 * @returns what happened
 */
export async function walkthrough(store: EventStore, log: string, say: (line: string) => void = () => undefined, snapshotEvery = 500): Promise<Walkthrough> {
  const policy = presetPolicy('jiuzhou');
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const events: Event[] = lines.map((line) => {
    const parsed = parseEvent(JSON.parse(line));
    if (!parsed.ok) throw new Error('the walkthrough takes a clean log');
    return parsed.event;
  });
  const office = events[0]?.office ?? 'jiuzhou';
  const half = Math.floor(lines.length / 2);
  const result: Walkthrough = { accepted: 0, refused: [], recorded: 0, duplicates: 0, retries: 0, conflict: '', restart: { version: 0, snapshotVersion: 0, replayed: 0 }, resumedMatchesReplay: false };
  const count = (body: string, reply: Reply) => {
    if (reply.status === 400) {
      result.refused.push({ body, errors: reply.errors });
      say(`400 ${reply.errors.join('; ')}`);
    } else if ('duplicate' in reply) result.duplicates++;
    else {
      result.accepted++;
      result.retries += reply.retries;
    }
    return reply;
  };
  const send = async (service: OfficeService, body: string) => count(body, await service.handle(body));

  const first = await OfficeService.open(store, office, policy, { snapshotEvery });
  for (const body of lines.slice(0, half)) await send(first, body);
  say(`${result.accepted} events appended to stream "${office}" (version ${first.version}); snapshot every ${snapshotEvery}`);

  // Bad requests: 400 with the issues, recorded in refused_events, and the state stays as it was.
  const before = first.current;
  const last = events[half - 1] ?? { at: '2026-10-01T10:00:00+08:00', office };
  const unknownStaff = JSON.stringify({ v: 1, id: 'r2', type: 'claimClient', at: last.at, office, staff: 'S99', client: { name: '陈某', phone: '13900001111' } });
  for (const bad of [
    '{"v":1,"id":"r1","type":"registerVisit"',
    unknownStaff,
    JSON.stringify({ v: 1, id: 'r3', type: 'registerVisit', at: '2026-01-01T10:00:00+08:00', office, client: { name: '赵六', phone: '13900002222' } }),
    JSON.stringify({ v: 1, id: 'r4', type: 'closeDeal', at: last.at, office, deal: 'D9', client: { phone: '13900003333' }, staff: 'S01', stage: 'subscription', unit: '1-0101', amount: 1250000 }),
  ]) {
    await send(first, bad);
  }
  if (first.current !== before) throw new Error('a refused request changed the state');
  await send(first, unknownStaff); // redelivered: its first outcome is final, so it is refused again and not recorded again
  result.recorded = (await store.refused(office)).length;
  say(`${result.recorded} refused submissions recorded with their issues`);
  await send(first, lines[half - 1] ?? ''); // a redelivery: already in the stream

  // A second writer on the same office, e.g. another process behind the load balancer.
  const second = await OfficeService.open(store, office, policy, { snapshotEvery });
  const [next, after] = [lines[half], lines[half + 1]];
  if (next !== undefined && after !== undefined) {
    await send(first, next); // the first writer moves the stream on; the second has not seen it
    try {
      await store.append(office, second.version, [{ id: 'stale', payload: JSON.parse(after) as unknown }]);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      result.conflict = error.message;
      say(`a raw append on the stale version: ${error.message}`);
    }
    const reply = await send(second, after); // the service catches up and re-applies
    if (reply.status === 200 && 'retries' in reply) say(`the second writer lost the race and won on retry ${reply.retries}, at version ${reply.version}`);
  }

  // A crash: both processes die after their last append, before any new snapshot. A new one resumes.
  const third = await OfficeService.open(store, office, policy, { snapshotEvery });
  result.restart = third.opened;
  say(`restarted at version ${third.opened.version}: the snapshot of version ${third.opened.snapshotVersion} plus ${third.opened.replayed} events of the stream`);
  for (const body of lines.slice(half + 2)) await send(third, body);

  const expected = replay(events, policy).state;
  const fromDatabase = await OfficeService.open(store, office, policy, { snapshotEvery });
  result.resumedMatchesReplay = canonical(toSnapshot(third.current)) === canonical(toSnapshot(expected)) && canonical(toSnapshot(fromDatabase.current)) === canonical(toSnapshot(expected));
  const someone = owners(third.current).find((o) => o.owner !== null);
  if (someone) say(`for example ${someone.name} (${someone.phone}) belongs to ${ownerOf(third.current, someone.client)?.ownerName} [${someone.rules.join(', ')}]`);
  say(`stream at version ${third.version}; the resumed state ${result.resumedMatchesReplay ? 'matches' : 'DIFFERS FROM'} a full replay`);
  return result;
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').slice(-2).join('/'));
if (isMain) {
  const keep = process.argv.includes('--keep');
  const pool = new Pool(poolConfigFromEnv());
  const store = new EventStore(pool, `salesfloor_demo_${randomBytes(4).toString('hex')}`);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    console.error(`no PostgreSQL server: ${error instanceof Error ? error.message : String(error)}\nSet DATABASE_URL or PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (see the README).`);
    process.exit(1);
  }
  try {
    const outcome = await walkthrough(store, new URL('../logs/office-month.jsonl', import.meta.url).pathname, (line) => console.log(line));
    if (!outcome.resumedMatchesReplay) process.exitCode = 1;
  } finally {
    if (keep) console.log(`kept schema ${store.schema}`);
    else await store.drop();
    await pool.end();
  }
}
