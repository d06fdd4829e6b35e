/**
 * The PostgreSQL side of the CRM service: per office, an append-only stream
 * of the accepted events (the source of truth), snapshots of the state
 * derived from it (a cache), and every refused submission with its issues.
 *
 * Appends are optimistic: the writer says which stream version its state was
 * built on, and the append succeeds only if the stream is still there. The
 * store knows nothing of the rules; the service in `service.ts` does.
 */
import { DatabaseError, type Pool, type PoolClient, type PoolConfig } from 'pg';
import type { Issue } from 'salesfloor';

/** An accepted event to append: its id and the payload as submitted. */
export interface NewEvent {
  readonly id: string;
  readonly payload: unknown;
}

/** An event of an office's stream. */
export interface StoredEvent {
  /** Its place in the stream: 1, 2, 3, ... with no gaps. */
  readonly version: number;
  readonly eventId: string;
  readonly payload: unknown;
}

/** A snapshot of an office's state after the event at `version`. */
export interface StoredSnapshot {
  readonly version: number;
  readonly snapshot: unknown;
  readonly takenAt: Date;
}

/** A submission the service refused, as it was received. */
export interface RefusedEvent {
  readonly office: string;
  /** The stream version the submission was judged against. */
  readonly version: number;
  /** The submission's `id`, when it had a string one. */
  readonly eventId: string | null;
  /** The submission as JSON, or null when it was not JSON PostgreSQL can hold. */
  readonly payload: unknown;
  /** The submission byte for byte. */
  readonly body: string;
  readonly issues: Issue[];
  readonly receivedAt: Date;
}

/** A refusal to record: what was submitted and why it was refused. */
export interface Refusal {
  readonly eventId: string | null;
  readonly payload: unknown;
  readonly body: string;
  readonly issues: readonly Issue[];
}

/**
 * The stream moved on: another writer appended after the version this one
 * built on. Catch up with the stream, re-apply the event, and append again.
 */
export class ConcurrencyError extends Error {
  constructor(
    readonly office: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`office "${office}": expected stream version ${expected}, but the stream is at version ${actual}: another writer appended first; catch up and re-apply`);
    this.name = 'ConcurrencyError';
  }
}

/**
 * The event's id is already in the stream, at `version`, with the stream
 * where the writer expected it: no race, but an id reused after the engine
 * stopped remembering it (its redelivery window). Retrying cannot help.
 */
export class DuplicateIdError extends Error {
  constructor(
    readonly office: string,
    readonly eventId: string,
    readonly version: number,
  ) {
    super(`office "${office}": event id "${eventId}" is already in the stream at version ${version}`);
    this.name = 'DuplicateIdError';
  }
}

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

/** Where the tables live: one schema, `salesfloor` unless told. */
export const defaultSchema = 'salesfloor';

/**
 * The pool settings from the environment: `DATABASE_URL` if set, else
 * node-postgres's own `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`.
 *
 * @param env - the environment to read (default `process.env`)
 * @returns settings for `new Pool(...)`
 */
export function poolConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PoolConfig {
  const url = env.DATABASE_URL;
  // A server that does not answer should fail a request in seconds, not hang it.
  const base: PoolConfig = { connectionTimeoutMillis: 5000, application_name: 'salesfloor-crm' };
  return url !== undefined && url !== '' ? { ...base, connectionString: url } : base;
}

/** A bigint column as a number: versions stay far below 2^53. */
function int(value: string | number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${value}`);
  return n;
}

/** Where a value holds what PostgreSQL cannot store, and what it is. */
export interface Unstorable {
  /** The path of the string, or of the object whose key it is (so the path itself can be stored). */
  readonly path: (string | number)[];
  readonly what: string;
}

// Text and jsonb cannot hold U+0000 (its JSON escape included), and a lone surrogate has no UTF-8 (jsonb refuses its \ud800 escape).
// /\p{Cs}/u finds what String.prototype.isWellFormed does; lib ES2022 does not type that method.
function flaw(text: string): string | null {
  if (text.includes('\u0000')) return 'the character U+0000';
  const lone = /\p{Cs}/u.exec(text);
  return lone === null ? null : `a lone surrogate (U+${lone[0].charCodeAt(0).toString(16).toUpperCase()})`;
}

/**
 * What in a value PostgreSQL cannot store as `jsonb` or `text`: a string
 * (or key) holding U+0000, or one that is not well-formed UTF-16 (a lone
 * surrogate, as the JSON escape `"\ud800"` makes).
 *
 * @param value - a parsed JSON value
 * @returns one such string (an object's keys are looked at before its values), or null when the value can be stored
 */
export function unstorable(value: unknown): Unstorable | null {
  // An explicit stack, each entry linked to its parent: a hostile body may nest deeper than the call stack goes.
  interface Node {
    readonly value: unknown;
    readonly key: string | number | null;
    readonly parent: Node | null;
  }
  const pathOf = (node: Node | null): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let n = node; n !== null && n.key !== null; n = n.parent) path.push(n.key);
    return path.reverse();
  };
  const stack: Node[] = [{ value, key: null, parent: null }];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const v = node.value;
    if (typeof v === 'string') {
      const what = flaw(v);
      if (what !== null) return { path: pathOf(node), what };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i] as unknown, key: i, parent: node });
    } else if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v);
      for (const [k] of entries) {
        const what = flaw(k);
        if (what !== null) return { path: pathOf(node), what: `a key holding ${what}` };
      }
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i] as [string, unknown];
        stack.push({ value: child, key: k, parent: node });
      }
    }
  }
  return null;
}

/**
 * Whether PostgreSQL can store a value as `jsonb`: everything JSON but a
 * string (or key) holding U+0000 or a lone surrogate.
 *
 * @param value - a parsed JSON value
 * @returns true when it can be stored
 */
export function storable(value: unknown): boolean {
  return unstorable(value) === null;
}

interface RefusalRow {
  office: string;
  version: string;
  event_id: string | null;
  payload: unknown;
  body: Buffer;
  issues: Issue[];
  received_at: Date;
}

const refusalColumns = 'r.office, r.version, r.event_id, r.payload, r.body, r.issues, r.received_at';

function refusalOf(r: RefusalRow): RefusedEvent {
  return { office: r.office, version: int(r.version), eventId: r.event_id, payload: r.payload, body: r.body.toString('utf8'), issues: r.issues, receivedAt: r.received_at };
}

/** How deep a refused payload may nest to be kept as `jsonb` (an event nests a few levels; JSON.stringify and jsonb's parser recurse). */
const keptDepth = 100;

function nestsDeeper(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (typeof node.value !== 'object' || node.value === null) continue;
    if (node.depth >= limit) return true;
    for (const child of Object.values(node.value)) stack.push({ value: child as unknown, depth: node.depth + 1 });
  }
  return false;
}

/**
 * The events, snapshots and refusals of any number of offices, in one
 * PostgreSQL schema.
 */
export class EventStore {
  private readonly events: string;
  private readonly snapshots: string;
  private readonly refusals: string;

  /**
   * @param pool - a node-postgres pool; the store does not end it
   * @param schema - the schema of the tables (a plain lower-case SQL identifier)
   */
  constructor(
    readonly pool: Pool,
    readonly schema: string = defaultSchema,
  ) {
    // The schema is spliced into SQL, so it is checked, not escaped.
    if (!identifier.test(schema)) throw new RangeError(`not a plain SQL identifier: ${JSON.stringify(schema)}`);
    this.events = `"${schema}".events`;
    this.snapshots = `"${schema}".snapshots`;
    this.refusals = `"${schema}".refused_events`;
  }

  /**
   * Creates the schema and its tables if they are missing. Idempotent, and
   * safe to run from several processes at once.
   */
  async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      // CREATE ... IF NOT EXISTS races with itself in concurrent sessions; a lock keyed by the schema serializes them.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`salesfloor:${this.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.events} (
          office      text        NOT NULL,
          version     bigint      NOT NULL CHECK (version > 0),
          event_id    text        NOT NULL,
          payload     jsonb       NOT NULL,
          appended_at timestamptz NOT NULL DEFAULT now(),
          CONSTRAINT events_stream PRIMARY KEY (office, version),
          CONSTRAINT events_event_id UNIQUE (office, event_id)
        )`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.snapshots} (
          office   text        NOT NULL,
          version  bigint      NOT NULL CHECK (version > 0),
          snapshot jsonb       NOT NULL,
          taken_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (office, version)
        )`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.refusals} (
          id          bigserial   PRIMARY KEY,
          office      text        NOT NULL,
          version     bigint      NOT NULL,
          event_id    text,
          payload     jsonb,
          body        bytea       NOT NULL,
          issues      jsonb       NOT NULL,
          received_at timestamptz NOT NULL DEFAULT now()
        )`);
      await client.query(`CREATE INDEX IF NOT EXISTS refused_events_office ON ${this.refusals} (office, id)`);
      // For the look-up of an id's refusal. A hash index, because a refused id may be longer than a B-tree entry can be.
      await client.query(`CREATE INDEX IF NOT EXISTS refused_events_event_id ON ${this.refusals} USING hash (event_id)`);
    });
  }

  /**
   * The version of an office's stream: how many events it holds (0 for none).
   *
   * @param office - the office's stream
   */
  async version(office: string): Promise<number> {
    const { rows } = await this.pool.query<{ version: string }>(`SELECT coalesce(max(version), 0) AS version FROM ${this.events} WHERE office = $1`, [office]);
    return int(rows[0]?.version ?? 0);
  }

  /**
   * Appends events to an office's stream at versions `expected + 1`, `+ 2`,
   * ..., all or none, in one transaction.
   *
   * @param office - the office's stream
   * @param expected - the stream version the caller's state was built on
   * @param events - the accepted events, in order
   * @returns the stream's new version
   * @throws ConcurrencyError when the stream is not at `expected` (another writer won the race)
   * @throws DuplicateIdError when an event's id is already in the stream up to `expected`
   */
  async append(office: string, expected: number, events: readonly NewEvent[]): Promise<number> {
    if (!Number.isSafeInteger(expected) || expected < 0) throw new RangeError(`bad expected version: ${expected}`);
    if (events.length === 0) return expected;
    try {
      await this.transaction(async (client) => {
        for (const [i, event] of events.entries()) {
          // The guard turns an expected version that is behind (or ahead of) the stream into
          // zero rows. Two writers that pass it at once both insert version expected + 1:
          // the primary key makes the second wait for the first and fail when it commits.
          const { rowCount } = await client.query(
            `INSERT INTO ${this.events} (office, version, event_id, payload)
             SELECT $1, $2::bigint + 1, $3, $4::jsonb
             WHERE (SELECT coalesce(max(version), 0) FROM ${this.events} WHERE office = $1) = $2`,
            [office, expected + i, event.id, JSON.stringify(event.payload)],
          );
          if (rowCount !== 1) throw new ConcurrencyError(office, expected, -1); // the actual version is read below
        }
      });
      return expected + events.length;
    } catch (error) {
      const lost = error instanceof ConcurrencyError || (error instanceof DatabaseError && error.code === '23505');
      if (!lost) throw error;
      const actual = await this.version(office);
      if (error instanceof DatabaseError && error.constraint === 'events_event_id' && actual === expected) {
        // The stream did not move, so the id clash is with an event the caller already had.
        const ids = events.map((e) => e.id);
        const { rows } = await this.pool.query<{ event_id: string; version: string }>(
          `SELECT event_id, version FROM ${this.events} WHERE office = $1 AND event_id = ANY($2::text[]) ORDER BY version LIMIT 1`,
          [office, ids],
        );
        const clash = rows[0];
        if (clash !== undefined) throw new DuplicateIdError(office, clash.event_id, int(clash.version));
        throw error; // two events of the batch share an id
      }
      throw new ConcurrencyError(office, expected, actual);
    }
  }

  /**
   * The events of an office's stream after a version, in order.
   *
   * @param office - the office's stream
   * @param after - the last version the caller has (0 for all)
   * @param limit - at most this many (a page of a long stream)
   */
  async eventsAfter(office: string, after: number, limit = 1000): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<{ version: string; event_id: string; payload: unknown }>(
      `SELECT version, event_id, payload FROM ${this.events} WHERE office = $1 AND version > $2 ORDER BY version LIMIT $3`,
      [office, after, limit],
    );
    return rows.map((r) => ({ version: int(r.version), eventId: r.event_id, payload: r.payload }));
  }

  /**
   * The newest snapshot of an office, if any.
   *
   * @param office - the office's stream
   */
  async latestSnapshot(office: string): Promise<StoredSnapshot | null> {
    const { rows } = await this.pool.query<{ version: string; snapshot: unknown; taken_at: Date }>(
      `SELECT version, snapshot, taken_at FROM ${this.snapshots} WHERE office = $1 ORDER BY version DESC LIMIT 1`,
      [office],
    );
    const row = rows[0];
    return row === undefined ? null : { version: int(row.version), snapshot: row.snapshot, takenAt: row.taken_at };
  }

  /**
   * Saves a snapshot of the state after the event at `version`. Writers that
   * snapshot the same version write the same snapshot, so the second is a no-op.
   *
   * @param office - the office's stream
   * @param version - the stream version the state was built on
   * @param snapshot - `toSnapshot(state)`
   */
  async saveSnapshot(office: string, version: number, snapshot: unknown): Promise<void> {
    await this.pool.query(`INSERT INTO ${this.snapshots} (office, version, snapshot) VALUES ($1, $2, $3::jsonb) ON CONFLICT (office, version) DO NOTHING`, [
      office,
      version,
      JSON.stringify(snapshot),
    ]);
  }

  /**
   * An id's refusal that is its first outcome: the first refusal recorded
   * with the id that is not a `duplicate_conflict` (a conflict is with
   * another outcome), if the id is not in the stream (there, the stream
   * decides). Later refusals of the id are conflicts with it.
   *
   * @param office - the office's stream
   * @param eventId - the submission's `id`
   * @returns the refusal, or null when the id was never refused
   */
  async firstRefusal(office: string, eventId: string): Promise<RefusedEvent | null> {
    const { rows } = await this.pool.query<RefusalRow>(`SELECT ${refusalColumns} FROM ${this.refusals} r WHERE ${this.firstOutcome('$1', '$2')} ORDER BY r.id LIMIT 1`, [
      office,
      eventId,
    ]);
    const row = rows[0];
    return row === undefined ? null : refusalOf(row);
  }

  /**
   * Records a refused submission, if the stream is still at the version it
   * was judged against (a refusal made on a stale state may not stand: the
   * events it missed can make the submission valid), and, unless it is a
   * `duplicate_conflict`, if its id has no first refusal yet (another writer
   * may have recorded one since this one looked).
   *
   * @param office - the office's stream
   * @param version - the stream version the refusal was made on
   * @param refusal - the submission and its issues
   * @returns false, recording nothing, when the stream has moved on or the id was refused meanwhile: judge it again
   */
  async refuse(office: string, version: number, refusal: Refusal): Promise<boolean> {
    // The body is kept whatever it holds; the payload as jsonb only when jsonb can hold it.
    const payload = refusal.payload === undefined || !storable(refusal.payload) || nestsDeeper(refusal.payload, keptDepth) ? null : JSON.stringify(refusal.payload);
    const { rowCount } = await this.pool.query(
      `INSERT INTO ${this.refusals} (office, version, event_id, payload, body, issues)
       SELECT $1, $2, $3, $4::jsonb, $5, $6::jsonb
       WHERE (SELECT coalesce(max(version), 0) FROM ${this.events} WHERE office = $1) = $2
         AND ($3::text IS NULL OR $6::jsonb @> '[{"code":"duplicate_conflict"}]' OR NOT EXISTS (SELECT FROM ${this.refusals} r WHERE ${this.firstOutcome('$1', '$3')}))`,
      [office, version, refusal.eventId, payload, Buffer.from(refusal.body, 'utf8'), JSON.stringify(refusal.issues)],
    );
    return rowCount === 1;
  }

  /**
   * The refused submissions of an office, oldest first.
   *
   * @param office - the office's stream
   */
  async refused(office: string): Promise<RefusedEvent[]> {
    const { rows } = await this.pool.query<RefusalRow>(`SELECT ${refusalColumns} FROM ${this.refusals} r WHERE r.office = $1 ORDER BY r.id`, [office]);
    return rows.map(refusalOf);
  }

  /** Drops the schema and everything in it (for tests and the walkthrough). */
  async drop(): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`);
  }

  // The rows of refusals (as r) that may be an id's first outcome.
  private firstOutcome(office: string, eventId: string): string {
    return `r.office = ${office} AND r.event_id = ${eventId} AND NOT r.issues @> '[{"code":"duplicate_conflict"}]'
      AND NOT EXISTS (SELECT FROM ${this.events} e WHERE e.office = ${office} AND e.event_id = ${eventId})`;
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is not handed back to the pool.
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
