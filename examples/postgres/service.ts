/**
 * A CRM service on salesfloor and PostgreSQL: each office is a stream of the
 * events it accepted. A request body is untrusted: `office.ingest` validates
 * and applies it; an accepted event is appended at the stream version the
 * state was built on (optimistic concurrency), a refused one is recorded with
 * its issues, and its id stays refused. Every N events the state is
 * snapshotted, and a restart resumes from the newest snapshot plus the events
 * after it.
 *
 * Only an append that committed changes the state held in memory, so a crash
 * at any point leaves the stream as the truth: the next process replays what
 * the last snapshot missed.
 */
import { createOffice, formatIssue, fromSnapshot, parseEvent, PolicyError, toSnapshot, type Decision, type Issue, type Office, type OfficeState } from 'salesfloor';
import { ConcurrencyError, DuplicateIdError, storable, unstorable, type EventStore, type RefusedEvent } from './store.js';

/** What the service answers to a request. */
export type Reply =
  | { status: 200; version: number; decisions: Decision[]; retries: number }
  | { status: 200; version: number; duplicate: true }
  | { status: 400; version: number; errors: string[]; issues: Issue[] };

/** How the service snapshots, retries and reports. */
export interface ServiceOptions {
  /** Snapshot the state after this many events (default 500). */
  readonly snapshotEvery?: number;
  /** Catch up and re-apply at most this many times when other writers keep winning (default 5). */
  readonly maxRetries?: number;
  /** Told of what goes wrong without failing a request: a snapshot not written or not read (default `console.warn`). */
  readonly warn?: (message: string) => void;
}

/** A state rebuilt from the database. */
export interface Resumed {
  readonly state: OfficeState;
  /** The stream version the state is at. */
  readonly version: number;
  /** The version of the snapshot it started from (0 when none was used). */
  readonly snapshotVersion: number;
  /** How many events were replayed on top of the snapshot. */
  readonly replayed: number;
}

const pageSize = 1000;

/**
 * JSON with object keys sorted. `jsonb` keeps keys in an order of its own, so
 * a state restored from the database is compared with another by this text.
 *
 * @param value - a JSON value, e.g. `toSnapshot(state)`
 * @returns its JSON text, keys sorted at every level
 */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * Replays the events of a stream after `version` onto `from`, page by page.
 *
 * @param store - the database
 * @param office - the engine
 * @param stream - the office's stream
 * @param from - the state at `version`
 * @param version - the stream version `from` is at
 * @returns the state at the stream's head, and its version
 * @throws Error when the stream has a gap or an event the engine refuses (the stream was written by something else)
 */
export async function catchUp(store: EventStore, office: Office, stream: string, from: OfficeState, version: number): Promise<{ state: OfficeState; version: number }> {
  const replayer = office.replayer(from, { decisions: false });
  let at = version;
  for (;;) {
    const page = await store.eventsAfter(stream, at, pageSize);
    for (const stored of page) {
      if (stored.version !== at + 1) throw new Error(`stream "${stream}": version ${at + 1} is missing`);
      const parsed = parseEvent(stored.payload);
      if (!parsed.ok) throw new Error(`stream "${stream}" at version ${stored.version}: not an event: ${parsed.issues.map(formatIssue).join('; ')}`);
      const { issues } = replayer.push(parsed.event);
      if (issues.length > 0) throw new Error(`stream "${stream}" at version ${stored.version}: the engine refuses it: ${issues.map(formatIssue).join('; ')}`);
      at = stored.version;
    }
    if (page.length < pageSize) break;
  }
  const state = replayer.state();
  // Every stored event was accepted once, so each must count again (a no-op would mean a duplicate in the stream).
  if (state.events - from.events !== at - version) throw new Error(`stream "${stream}": ${at - version} events replayed, ${state.events - from.events} applied`);
  return { state, version: at };
}

/**
 * Rebuilds an office's state: the newest snapshot plus the events after it,
 * or the whole stream when there is no snapshot or it cannot be used (a
 * snapshot is a cache; the stream is the truth).
 *
 * @param store - the database
 * @param office - the engine under the office's policy
 * @param stream - the office's stream
 * @param warn - told why a snapshot was not used
 * @returns the state at the stream's head
 */
export async function resume(store: EventStore, office: Office, stream: string, warn: (message: string) => void = console.warn): Promise<Resumed> {
  let from = office.initialState();
  let snapshotVersion = 0;
  const saved = await store.latestSnapshot(stream);
  if (saved !== null) {
    const restored = fromSnapshot(saved.snapshot);
    if (!restored.ok) warn(`snapshot of "${stream}" at version ${saved.version} is unreadable, replaying the whole stream: ${restored.issues.map(formatIssue).join('; ')}`);
    else if (restored.state.events !== saved.version) warn(`snapshot of "${stream}" at version ${saved.version} holds ${restored.state.events} events, replaying the whole stream`);
    else {
      const mismatch = policyMismatch(office, restored.state);
      // A snapshot decided under other policy versions than the office's timeline (up to its last event) is not its state.
      if (mismatch !== null) warn(`snapshot of "${stream}" at version ${saved.version} was taken under another policy, replaying the whole stream: ${mismatch}`);
      else {
        from = restored.state;
        snapshotVersion = saved.version;
      }
    }
  }
  const head = await catchUp(store, office, stream, from, snapshotVersion);
  return { state: head.state, version: head.version, snapshotVersion, replayed: head.version - snapshotVersion };
}

/**
 * Why the office cannot go on from a state, as the engine judges it: the
 * state's timeline must agree with the office's up to its last event (a
 * version dated later may be added); null when it can.
 */
function policyMismatch(office: Office, state: OfficeState): string | null {
  try {
    office.replayer(state, { decisions: false });
    return null;
  } catch (error) {
    if (error instanceof PolicyError) return error.issues.map(formatIssue).join('; ');
    throw error;
  }
}

// An id the database cannot key (U+0000, a lone surrogate) is no id to it: the submission is kept without one.
function idOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  return typeof value.id === 'string' && storable(value.id) ? value.id : null;
}

// Payloads compared as the engine compares them: the event with its defaults filled in, keys in any order; what is no event, as JSON.
function payloadKey(value: unknown): string {
  const parsed = parseEvent(value);
  return canonical(parsed.ok ? parsed.event : value);
}

function sameSubmission(refused: RefusedEvent, body: string, value: unknown): boolean {
  if (refused.body === Buffer.from(body, 'utf8').toString('utf8')) return true;
  try {
    return payloadKey(refused.payload ?? JSON.parse(refused.body)) === payloadKey(value);
  } catch {
    return false; // a body nested too deep to stringify: not shown to be the same
  }
}

/** One office's rules engine over its PostgreSQL stream. Several may serve the same office, in several processes. */
export class OfficeService {
  private state: OfficeState;
  private head: number;
  /** The version of the last snapshot written or tried. */
  private snapshotted: number;
  // Requests to one service run one at a time: each builds on the state the previous one left.
  private queue: Promise<unknown> = Promise.resolve();
  private readonly snapshotEvery: number;
  private readonly maxRetries: number;
  private readonly warn: (message: string) => void;
  /** Where the service started: the stream version, the snapshot it resumed from and the events replayed after it. */
  readonly opened: { version: number; snapshotVersion: number; replayed: number };

  private constructor(
    private readonly store: EventStore,
    private readonly office: Office,
    /** The office's stream: the `office` of its events. */
    readonly stream: string,
    resumed: Resumed,
    options: ServiceOptions,
  ) {
    this.state = resumed.state;
    this.opened = { version: resumed.version, snapshotVersion: resumed.snapshotVersion, replayed: resumed.replayed };
    this.head = resumed.version;
    this.snapshotted = resumed.snapshotVersion;
    this.snapshotEvery = options.snapshotEvery ?? 500;
    this.maxRetries = options.maxRetries ?? 5;
    this.warn = options.warn ?? console.warn;
  }

  /**
   * Opens the service for one office: creates the tables if missing, then
   * resumes from the newest snapshot plus the events after it.
   *
   * @param store - the database
   * @param stream - the office (events of another office are refused)
   * @param policy - the office's policy; a stream snapshotted under another one is replayed under this one
   * @param options - snapshots, retries, warnings
   * @returns the service, at the stream's head
   */
  static async open(store: EventStore, stream: string, policy: unknown, options: ServiceOptions = {}): Promise<OfficeService> {
    const created = createOffice(policy);
    if (!created.ok) throw new Error(`invalid policy:\n${created.issues.map(formatIssue).join('\n')}`);
    await store.migrate();
    const resumed = await resume(store, created.office, stream, options.warn ?? console.warn);
    return new OfficeService(store, created.office, stream, resumed, options);
  }

  /** The current state, for views (`owners`, `explain`, ...). */
  get current(): OfficeState {
    return this.state;
  }

  /** The stream version the current state is at. */
  get version(): number {
    return this.head;
  }

  /**
   * Handles one submitted event body: validates and applies it, then appends
   * it (accepted) or records it with its issues (refused). When another
   * writer appended first, catches up with the stream and tries again.
   *
   * @param body - the request body, untrusted
   * @returns 200 with the decisions, 200 for a redelivery, or 400 with the issues (a refused id's redelivery: its first issues again)
   * @throws ConcurrencyError when other writers won `maxRetries` races in a row; a database error as it comes
   */
  handle(body: string): Promise<Reply> {
    return this.exclusive(async () => {
      let input: { ok: true; value: unknown } | { ok: false; issue: Issue };
      try {
        input = { ok: true, value: JSON.parse(body) as unknown };
      } catch (error) {
        input = { ok: false, issue: { code: 'invalid_json', path: [], message: error instanceof Error ? error.message : String(error) } };
      }
      const value = input.ok ? input.value : undefined;
      const id = idOf(value);
      const about = id === null ? {} : { event: id };
      const flaw = input.ok ? unstorable(input.value) : null;
      for (let attempt = 0; ; attempt++) {
        let issues: Issue[];
        let accepted: { state: OfficeState; decisions: Decision[] } | null = null;
        // An id's first outcome is final: a refused id is refused again, never judged again (the state forgets refusals, the table does not).
        const first = id === null ? null : await this.store.firstRefusal(this.stream, id);
        if (id !== null && first !== null && sameSubmission(first, body, value)) {
          const again = first.issues.map((i) => ({ ...i, message: `${i.message} (a redelivery of ${id}: its first delivery was refused the same way)` }));
          return { status: 400, version: this.head, errors: again.map(formatIssue), issues: again };
        } else if (id !== null && first !== null) {
          const message = `event id "${id}" was refused at version ${first.version} with another payload; the first one stands (send a fixed event under a new id)`;
          issues = [{ code: 'duplicate_conflict', path: ['id'], message, event: id }];
        } else if (!input.ok) issues = [input.issue];
        else if (flaw !== null) issues = [{ code: 'invalid_value', path: flaw.path, message: `holds ${flaw.what}, which PostgreSQL cannot store`, ...about }];
        else {
          const step = this.office.ingest(this.state, input.value);
          issues = step.issues;
          // A redelivery (same id, same payload) is already in the stream.
          if (issues.length === 0 && step.state === this.state) return { status: 200, version: this.head, duplicate: true };
          if (issues.length === 0 && step.state.office !== this.stream) {
            issues = [{ code: 'office_mismatch', path: ['office'], message: `an event of office "${step.state.office ?? ''}" sent to the stream of office "${this.stream}"`, ...about }];
          } else if (issues.length === 0) accepted = step;
        }
        if (accepted !== null) {
          if (id === null) throw new Error('the engine accepted an event without an id');
          let appended: number | null = null;
          try {
            appended = await this.store.append(this.stream, this.head, [{ id, payload: value }]);
          } catch (error) {
            if (error instanceof DuplicateIdError) {
              const message = `event id "${id}" is already in the stream at version ${error.version}, outside the engine's redelivery window; the first one stands`;
              issues = [{ code: 'duplicate_conflict', path: ['id'], message, event: id }];
            } else if (error instanceof ConcurrencyError && attempt < this.maxRetries) {
              await this.catchUpUnqueued();
              continue;
            } else throw error;
          }
          if (appended !== null) {
            // Committed: only now does the state in memory move on.
            this.head = appended;
            this.state = accepted.state;
            await this.snapshotIfDue();
            return { status: 200, version: this.head, decisions: accepted.decisions, retries: attempt };
          }
        }
        // The state is left as it was (it is a replay of the stream): refused_events, not the state, remembers the refusal.
        if (await this.store.refuse(this.stream, this.head, { eventId: id, payload: value, body, issues })) {
          return { status: 400, version: this.head, errors: issues.map(formatIssue), issues };
        }
        // Judged on a stale state: the events it missed may make this one valid.
        if (attempt >= this.maxRetries) throw new ConcurrencyError(this.stream, this.head, await this.store.version(this.stream));
        await this.catchUpUnqueued();
      }
    });
  }

  /**
   * Catches up with events other writers appended.
   *
   * @returns the stream version the state is now at
   */
  refresh(): Promise<number> {
    return this.exclusive(async () => {
      await this.catchUpUnqueued();
      return this.head;
    });
  }

  /** Writes a snapshot of the current state now. */
  snapshot(): Promise<void> {
    return this.exclusive(() => this.writeSnapshot());
  }

  private async catchUpUnqueued(): Promise<void> {
    const head = await catchUp(this.store, this.office, this.stream, this.state, this.head);
    this.state = head.state;
    this.head = head.version;
  }

  private async writeSnapshot(): Promise<void> {
    if (this.head === 0) return;
    await this.store.saveSnapshot(this.stream, this.head, toSnapshot(this.state));
    this.snapshotted = this.head;
  }

  private async snapshotIfDue(): Promise<void> {
    if (this.head - this.snapshotted < this.snapshotEvery) return;
    // The event is committed: a failed snapshot costs the next restart some replay, and loses nothing.
    try {
      await this.writeSnapshot();
    } catch (error) {
      this.snapshotted = this.head; // try again N events on, not on every event
      this.warn(`snapshot of "${this.stream}" at version ${this.head} not written: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
