/**
 * A CRM backend on salesfloor: events arrive one at a time (request bodies,
 * queue messages), untrusted; each is validated and applied, and every event
 * that changed the state is appended to a journal: the accepted ones, and
 * the refused ones the state remembers (so that a refused id stays refused).
 * The state is snapshotted now and then, so a restart resumes from the
 * snapshot plus the journal's tail.
 *
 *   npx tsx examples/crm-backend.ts            # runs the walkthrough in a temporary folder
 *
 * The journal is the source of truth; a snapshot is a cache of it. Writing a
 * snapshot costs the size of the state, so it is taken every N events, not
 * after each one.
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createOffice,
  formatIssue,
  fromSnapshot,
  ownerOf,
  owners,
  parseEvent,
  presetPolicy,
  toSnapshot,
  type Decision,
  type Event,
  type Issue,
  type Office,
  type OfficeState,
} from 'salesfloor';

/** What the CRM answers to a request. */
export type Reply =
  | { status: 200; decisions: Decision[] }
  | { status: 200; duplicate: true }
  | { status: 400; errors: string[]; issues: Issue[] };

/** The snapshot file: the state, and how many journal lines it was built from. */
interface SavedSnapshot {
  readonly journalLines: number;
  readonly state: unknown;
}

/** One office's rules engine, with its journal and snapshots in a folder. */
export class OfficeService {
  private state: OfficeState;
  private journalLines: number;
  private sinceSnapshot = 0;

  private constructor(
    private readonly office: Office,
    private readonly dir: string,
    state: OfficeState,
    journalLines: number,
    private readonly snapshotEvery: number,
  ) {
    this.state = state;
    this.journalLines = journalLines;
  }

  /**
   * Opens the service: a fresh office, or the last snapshot plus the events
   * journaled after it.
   */
  static open(dir: string, policy: unknown, snapshotEvery = 500): OfficeService {
    const created = createOffice(policy);
    if (!created.ok) throw new Error(`invalid policy:\n${created.issues.map(formatIssue).join('\n')}`);
    const { office } = created;
    let state = office.initialState();
    let covered = 0;
    const snapshotFile = join(dir, 'snapshot.json');
    if (existsSync(snapshotFile)) {
      const saved = JSON.parse(readFileSync(snapshotFile, 'utf8')) as SavedSnapshot;
      const restored = fromSnapshot(saved.state);
      if (!restored.ok) throw new Error(`unreadable snapshot:\n${restored.issues.map(formatIssue).join('\n')}`);
      state = restored.state;
      covered = saved.journalLines;
    }
    // The journal holds refusals too, so the state's event count is not where its tail starts: the snapshot says.
    const journal = join(dir, 'journal.jsonl');
    const lines = existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').filter(Boolean) : [];
    const events: Event[] = [];
    for (const line of lines.slice(covered)) {
      const parsed = parseEvent(JSON.parse(line));
      if (!parsed.ok) throw new Error(`corrupt journal: ${parsed.issues.map(formatIssue).join('; ')}`);
      events.push(parsed.event);
    }
    // A journaled refusal is refused again, the same way, and remembered again.
    const resumed = office.replay(events, state);
    return new OfficeService(office, dir, resumed.state, lines.length, snapshotEvery);
  }

  /** Handles one incoming event body: validates, applies, journals. */
  handle(body: string): Reply {
    let input: unknown;
    try {
      input = JSON.parse(body);
    } catch (error) {
      const issue: Issue = { code: 'invalid_json', path: [], message: error instanceof Error ? error.message : String(error) };
      return { status: 400, errors: [formatIssue(issue)], issues: [issue] };
    }
    const step = this.office.ingest(this.state, input);
    // Unchanged: input that is no event, or a redelivery (same id, same payload): nothing to journal.
    if (step.state === this.state) return step.issues.length > 0 ? { status: 400, errors: step.issues.map(formatIssue), issues: step.issues } : { status: 200, duplicate: true };
    // A refusal's state remembers the refused id: kept and journaled, so that its redelivery is refused again, after a restart too.
    appendFileSync(join(this.dir, 'journal.jsonl'), `${JSON.stringify(input)}\n`);
    this.journalLines++;
    this.state = step.state;
    if (++this.sinceSnapshot >= this.snapshotEvery) this.snapshot();
    return step.issues.length > 0 ? { status: 400, errors: step.issues.map(formatIssue), issues: step.issues } : { status: 200, decisions: step.decisions };
  }

  /** Writes the snapshot atomically (write, then rename). */
  snapshot(): void {
    const file = join(this.dir, 'snapshot.json');
    const saved: SavedSnapshot = { journalLines: this.journalLines, state: toSnapshot(this.state) };
    writeFileSync(`${file}.tmp`, JSON.stringify(saved));
    renameSync(`${file}.tmp`, file);
    this.sinceSnapshot = 0;
  }

  /** The current state, for views (`owners`, `explain`, ...). */
  get current(): OfficeState {
    return this.state;
  }
}

/** What the walkthrough found, for the test that runs it. */
export interface Walkthrough {
  accepted: number;
  refused: { body: string; errors: string[] }[];
  duplicates: number;
  /** The state after a restart is the engine's for the same requests, refusals remembered (`state = step.state` each time). */
  resumedMatchesReplay: boolean;
}

/**
 * Feeds the bundled month through the service, with a restart in the middle
 * and some bad requests, and checks the result against the engine fed the
 * same requests.
 */
export function walkthrough(dir: string, log: string, say: (line: string) => void = () => undefined, snapshotEvery = 500): Walkthrough {
  const policy = presetPolicy('jiuzhou');
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const half = Math.floor(lines.length / 2);
  const result: Walkthrough = { accepted: 0, refused: [], duplicates: 0, resumedMatchesReplay: false };
  const sent: string[] = [];
  const send = (service: OfficeService, body: string) => {
    sent.push(body);
    const reply = service.handle(body);
    if (reply.status === 400) {
      result.refused.push({ body, errors: reply.errors });
      say(`400 ${reply.errors.join('; ')}`);
    } else if ('duplicate' in reply) result.duplicates++;
    else result.accepted++;
  };

  let service = OfficeService.open(dir, policy, snapshotEvery);
  for (const body of lines.slice(0, half)) send(service, body);
  say(`${result.accepted} events accepted; snapshot every ${snapshotEvery}`);

  // Bad requests: the service answers 400 with the issues and applies nothing (a refused id is remembered).
  const before = service.current;
  const last = JSON.parse(lines[half - 1] ?? '{}') as { at: string; office: string };
  const unknownStaff = JSON.stringify({ v: 1, id: 'r2', type: 'claimClient', at: last.at, office: last.office, staff: 'S99', client: { name: '陈某', phone: '13900001111' } });
  for (const bad of [
    '{"v":1,"id":"r1","type":"registerVisit"',
    unknownStaff,
    JSON.stringify({ v: 1, id: 'r3', type: 'registerVisit', at: '2026-01-01T10:00:00+08:00', office: last.office, client: { name: '赵六', phone: '13900002222' } }),
    JSON.stringify({ v: 1, id: 'r4', type: 'closeDeal', at: last.at, office: last.office, deal: 'D9', client: { phone: '13900003333' }, staff: 'S01', stage: 'subscription', unit: '1-0101', amount: 1250000 }),
  ]) {
    send(service, bad);
  }
  if (service.current.events !== before.events) throw new Error('a refused request was applied');
  send(service, lines[half - 1] ?? ''); // a redelivery

  // Restart: a new process opens the folder and resumes.
  service = OfficeService.open(dir, policy, snapshotEvery);
  say(`restarted at ${service.current.events} events (snapshot + journal tail)`);
  send(service, unknownStaff); // redelivered: refused again, after the restart too
  for (const body of lines.slice(half)) send(service, body);

  const created = createOffice(policy);
  if (!created.ok) throw new Error('the jiuzhou preset is valid');
  const { office } = created;
  let expected = office.initialState();
  for (const body of sent) {
    try {
      expected = office.ingest(expected, JSON.parse(body)).state;
    } catch {
      // not JSON: nothing to apply
    }
  }
  result.resumedMatchesReplay = JSON.stringify(toSnapshot(service.current)) === JSON.stringify(toSnapshot(expected));
  const someone = owners(service.current).find((o) => o.owner !== null);
  if (someone) say(`for example ${someone.name} (${someone.phone}) belongs to ${ownerOf(service.current, someone.client)?.ownerName} [${someone.rules.join(', ')}]`);
  say(`resumed state ${result.resumedMatchesReplay ? 'matches' : 'DIFFERS FROM'} the engine fed the same requests`);
  return result;
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isMain) {
  const dir = mkdtempSync(join(tmpdir(), 'salesfloor-crm-'));
  const outcome = walkthrough(dir, new URL('./logs/office-month.jsonl', import.meta.url).pathname, (line) => console.log(line));
  console.log(`journal and snapshot in ${dir}`);
  if (!outcome.resumedMatchesReplay) process.exitCode = 1;
}
