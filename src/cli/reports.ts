/**
 * The reports of `salesfloor replay` and `salesfloor diff`, as a registry.
 * A report is a name, a description, its columns and a collector: the
 * collector may watch each event and its decisions as the log streams by,
 * then turns what it saw and the final state into rows. Reports that need
 * only the state (the fairness and commission ledgers) use `fromState`.
 * Reports with one row per decision (receptions, deals) also give a
 * {@link RowStream}: their rows a chunk at a time while the log is read, so
 * that they are written as they come and memory stays flat in the log.
 */
import {
  describeReason,
  localTime,
  commissionLedger,
  ownerOf,
  credits,
  fairnessLedger,
  owners,
  readTime,
  scorecard,
  staffList,
  type Decision,
  type DecisionOf,
  type Event,
  type OfficeState,
  type OwnerRow,
  type ViewOptions,
} from '../index.js';

/** A table cell. Lists are joined for tables and CSV, kept as arrays in JSON. */
export type Cell = string | number | boolean | null | readonly string[];
/** A report row: column name → cell. */
export type Row = Readonly<Record<string, Cell>>;

/**
 * What the rows of a streamed report are filled from: a state, at a chunk's end or the log's.
 *
 * @example
 * ```ts
 * const input: RowInput = chunkInput(replayer.state(), { mask: true });
 * input.client('e000022')?.name; // '龚洋建'
 * ```
 */
export interface RowInput {
  /** The ownership register's row of a client: name, phone (masked unless asked), owner. */
  client(key: string | undefined): OwnerRow | undefined;
  /** A staff member's name, or null. */
  staffName(id: string | null): string | null;
  /** An instant as local ISO-8601 in the office's zone. */
  time(ms: number): string;
  /** A decision's sentence. */
  reason(d: Decision): string;
}

/**
 * What a report's rows are computed from: the final state.
 *
 * @example
 * ```ts
 * const input: ReportInput = reportInput(state, { mask: true });
 * input.register().length; // every client
 * ```
 */
export interface ReportInput extends RowInput {
  readonly state: OfficeState;
  /** Masking and the time the views are evaluated at. */
  readonly view: ViewOptions;
  /** The ownership register at the view's time (computed once per run). */
  register(): readonly OwnerRow[];
}

/**
 * Something that watches the replay: `observe` is called after each applied
 * event with its decisions.
 *
 * @example
 * ```ts
 * let calls = 0;
 * const counter: Observer = { observe: (event) => void (event.type === 'registerCall' && calls++) };
 * ```
 */
export interface Observer {
  observe?(event: Event, decisions: readonly Decision[]): void;
}

/**
 * One run of a report: it watches the replay, then gives rows.
 *
 * @example
 * ```ts
 * const collector: Collector = report.collect();
 * // ... readLog with collector among the observers, then:
 * const rows = [...collector.rows(reportInput(state, view))];
 * ```
 */
export interface Collector extends Observer {
  rows(input: ReportInput): Iterable<Row>;
}

/**
 * The rows of a report with one row per decision, made while the log is
 * read: `observe` keeps what each row needs from its event (compact data),
 * and `take`, at a chunk's end, fills the rows in (names, phones, notes)
 * from the state then and forgets them.
 *
 * @example
 * ```ts
 * const stream: RowStream = receptions.stream();
 * stream.observe(event, replayer.push(event).decisions);
 * if (stream.pending >= 10_000) write(stream.take(chunkInput(replayer.state(), view)));
 * ```
 */
export interface RowStream extends Observer {
  observe(event: Event, decisions: readonly Decision[]): void;
  /** How many rows wait for their chunk's end. */
  readonly pending: number;
  /**
   * The waiting rows, in order, filled in from `input` as they are iterated
   * (so each row is garbage as soon as it is written); the stream no longer holds them.
   */
  take(input: RowInput): Iterable<Row>;
}

/**
 * A report of the registry.
 *
 * @example
 * ```ts
 * const report: Report = { name: 'credits', description: '...', columns: ['staff', 'month'], key: ['staff', 'month'], collect: fromState(({ state }) => credits(state).map((r) => ({ ...r }))) };
 * ```
 */
export interface Report {
  readonly name: string;
  readonly description: string;
  readonly columns: readonly string[];
  /** The columns that identify a row (for diff). */
  readonly key: readonly string[];
  /** The column holding a client key; under `--as`, rows of other staff's clients are withheld (PRV-ACCESS). */
  readonly clientColumn?: string;
  /** The column holding a salesperson's id, for reports of people (scorecards, pay); under `--as`, others' rows are withheld (PRV-ACCESS). */
  readonly staffColumn?: string;
  /** For reports with one row per decision: their rows a chunk at a time. */
  stream?(): RowStream;
  collect(): Collector;
  /** Whether its collector reads each event's decisions (a report with a stream always does); otherwise the replay builds none. */
  readonly decisions?: boolean;
}

/**
 * Whether a replay for these reports needs each event's decisions: without
 * them the engine builds none, which saves about a twelfth of the replay.
 *
 * @param written - the reports of the run
 * @returns true when some report streams rows or reads decisions
 * @example
 * ```ts
 * needsDecisions(reports.filter((r) => r.name === 'owners')); // false
 * ```
 */
export function needsDecisions(written: readonly Report[]): boolean {
  return written.some((r) => r.stream !== undefined || r.decisions === true);
}

/**
 * A collector for reports computed from the final state alone.
 *
 * @param rows - the rows, from the final state
 * @returns a maker of collectors that watch nothing
 * @example
 * ```ts
 * const collect = fromState(({ state }) => credits(state).map((r) => ({ ...r })));
 * ```
 */
export function fromState(rows: (input: ReportInput) => Iterable<Row>): () => Collector {
  return () => ({ rows });
}

/**
 * A collector that holds a stream's rows until the end and fills them in
 * from the final state: one chunk as long as the log (what `diff` does under
 * `--as`, which must know the final owners before it compares).
 *
 * @param stream - a maker of the report's row stream
 * @returns a maker of collectors
 * @example
 * ```ts
 * const collect = fromStream(() => receptionsStream());
 * ```
 */
export function fromStream(stream: () => RowStream): () => Collector {
  return () => {
    const s = stream();
    return { observe: (event, decisions) => s.observe(event, decisions), rows: (input) => s.take(input) };
  };
}

const ownersReport: Report = {
  name: 'owners',
  description: 'The ownership register: who owns each client, until when, and the rules and events that decided it (OWN-*, REG-*, COL-*).',
  columns: ['client', 'name', 'phone', 'owner', 'ownerName', 'status', 'protectionEndsAt', 'rules', 'evidence'],
  key: ['client'],
  clientColumn: 'client',
  // Copied one row at a time as they are written: a copy of the whole register would double it in memory.
  collect: fromState(function* (input) {
    for (const o of input.register()) yield { ...o };
  }),
};

const receptionsReport: Report = {
  name: 'receptions',
  description: 'Who received each visitor and allocated call, and whether it used a turn (ROT-*).',
  columns: ['at', 'event', 'channel', 'client', 'name', 'phone', 'receiver', 'receiverName', 'counted', 'skipped', 'rules', 'note'],
  key: ['event'],
  clientColumn: 'client',
  stream: receptionsStream,
  collect: fromStream(receptionsStream),
};

function receptionsStream(): RowStream {
  let seen: { decision: DecisionOf<'reception'>; channel: string }[] = [];
  return {
    observe(event, decisions) {
      for (const d of decisions) if (d.kind === 'reception') seen.push({ decision: d, channel: event.type === 'registerCall' ? 'call' : 'visit' });
    },
    get pending() {
      return seen.length;
    },
    *take(input) {
      const batch = seen;
      seen = [];
      for (const { decision: d, channel } of batch) {
        const c = input.client(d.client);
        yield {
          at: input.time(d.at),
          event: d.event,
          channel,
          client: d.client ?? null,
          name: c?.name ?? null,
          phone: c?.phone ?? null,
          receiver: d.receiver,
          receiverName: input.staffName(d.receiver),
          counted: d.counted,
          skipped: d.skipped.map((s) => `${s.staff}: ${s.reason}`),
          rules: d.rules,
          note: input.reason(d),
        };
      }
    },
  };
}

const dealsReport: Report = {
  name: 'deals',
  description: 'Each deal stage, refusal and refund, with its closer, unit and amount (DEAL-STAGES, RFD-CLAWBACK).',
  columns: ['at', 'event', 'deal', 'client', 'name', 'phone', 'closer', 'closerName', 'stage', 'outcome', 'unit', 'amount', 'rules', 'note'],
  key: ['event', 'deal'],
  clientColumn: 'client',
  stream: dealsStream,
  collect: fromStream(dealsStream),
};

function dealsStream(): RowStream {
  let seen: { decision: DecisionOf<'deal'>; unit: string | null; amount: string | null }[] = [];
  // The unit and amount as of each decision: a later closeDeal of the same deal must not rewrite earlier rows.
  const units = new Map<string, { unit: string; amount: string }>();
  return {
    observe(event, decisions) {
      if (event.type === 'closeDeal') units.set(event.deal, { unit: event.unit, amount: event.amount });
      for (const d of decisions) {
        if (d.kind !== 'deal') continue;
        const known = units.get(d.deal);
        const amount = event.type === 'refund' ? (event.amount ?? known?.amount ?? null) : (known?.amount ?? null);
        seen.push({ decision: d, unit: known?.unit ?? null, amount });
      }
    },
    get pending() {
      return seen.length;
    },
    *take(input) {
      const batch = seen;
      seen = [];
      for (const { decision: d, unit, amount } of batch) {
        const c = input.client(d.client);
        yield {
          at: input.time(d.at),
          event: d.event,
          deal: d.deal,
          client: d.client,
          name: c?.name ?? null,
          phone: c?.phone ?? null,
          closer: d.staff,
          closerName: input.staffName(d.staff),
          stage: d.stage,
          outcome: d.outcome,
          unit,
          amount,
          rules: d.rules,
          note: input.reason(d),
        };
      }
    },
  };
}

const scorecardColumns = [
  'staff', 'name', 'team', 'role', 'status', 'start', 'end', 'closed',
  'receptions', 'turns', 'calls', 'outboundCalls', 'gradeA', 'gradeB', 'gradeC', 'gradeD', 'invitations', 'arrivals', 'confirmedVisits', 'invitedVisits',
  'claims', 'claimsRefused', 'activeClaims', 'quota', 'deals', 'dealEvents', 'conversions',
  'closeRate', 'closeRateTarget', 'closeRateMet', 'inviteRate', 'inviteRateTarget', 'inviteRateMet',
  'red', 'redTarget', 'redMet', 'green', 'greenTarget', 'greenMet',
  'grade', 'baseSalary', 'commission', 'bonus', 'fines', 'finesSettlement', 'daysOff', 'flags',
] as const;

// The library's scorecard view, one row per person and month of the log (the open month as of the view's time). A
// past month's columns that hold at an instant (status, active claims, quota, grade, penalties in force) are those of
// its end: the state keeps them as standings.
const scorecardReport: Report = {
  name: 'scorecard',
  description:
    "The engine's scorecard per person and month: receptions, turns, calls, invitations, claims and deals; closing and invitation rates against their thresholds; red/green attainment; quota, grade and base salary; commission, bonuses and fines; days off and flags (KPI-*, CLM-QUOTA, COM-SALARY-GRADES, PEN-FINES).",
  columns: scorecardColumns,
  key: ['staff', 'start'],
  staffColumn: 'staff',
  collect() {
    let first: string | null = null;
    return {
      observe(event) {
        first ??= event.at;
      },
      *rows({ state, view }) {
        // The months are the office's: a view's time written in UTC (Z) is read back in the office's zone first.
        const until = view.lookAhead === undefined ? state.lastAt : Date.parse(view.lookAhead);
        const last = until === null ? null : localTime(state, until);
        if (first === null || last === null) return;
        for (let month = localTime(state, Date.parse(first)).slice(0, 7); month <= last.slice(0, 7); month = nextMonth(month)) {
          const open = month === last.slice(0, 7);
          // A past month read at its last instant: one the state never closed (the view looks past its last event) is then as it ended.
          const at = open ? last : localTime(state, readTime(`${nextMonth(month)}-01T00:00`, state.policy.timeZone) - 1);
          for (const r of scorecard(state, { period: 'month', at })) yield { ...r };
        }
      },
    };
  },
};

function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Counts by reason as a list of `reason n`, leaving out the zeros.
 *
 * @param c - counts by reason
 * @returns the cells
 * @example
 * ```ts
 * reasons({ away: 2, busy: 0 }); // ['away 2']
 * ```
 */
export const reasons = (c: Readonly<Record<string, number>>): string[] => Object.entries(c).filter(([, n]) => n > 0).map(([r, n]) => `${r} ${n}`);

const fairnessReport: Report = {
  name: 'fairness',
  description: 'The rotation fairness ledger: turns, walk-ins without a turn, calls, make-ups and the turns that passed each salesperson, by reason, per day (ROT-*).',
  columns: ['day', 'staff', 'name', 'turns', 'uncounted', 'calls', 'makeUpsOwed', 'makeUpsGranted', 'makeUpsExpired', 'skips', 'callSkips', 'penaltySkips'],
  key: ['day', 'staff'],
  // A salesperson's turns, skips and penalties are their own figures: under --as, others' rows are withheld (PRV-ACCESS), as diff's turns are.
  staffColumn: 'staff',
  collect: fromState(({ state }) => fairnessLedger(state).map((r) => ({ ...r, skips: reasons(r.skips), callSkips: reasons(r.callSkips) }))),
};

const commissionsReport: Report = {
  name: 'commissions',
  description: 'The commission ledger per salesperson and month: accrued, clawed back, adjusted, bonuses, and what is payable or carried forward (COM-*, RFD-CLAWBACK).',
  columns: ['staff', 'staffName', 'month', 'opening', 'accrued', 'clawedBack', 'adjusted', 'commission', 'bonus', 'net', 'closing', 'payable', 'carried'],
  key: ['staff', 'month'],
  staffColumn: 'staff',
  collect: fromState(({ state }) => commissionLedger(state).map((r) => ({ ...r }))),
};

const creditsReport: Report = {
  name: 'credits',
  description: 'Performance credit (业绩) per salesperson and month, separate from commission (DEAL-*).',
  columns: ['staff', 'staffName', 'month', 'accrued', 'reversed', 'adjusted', 'amount', 'deals'],
  key: ['staff', 'month'],
  staffColumn: 'staff',
  collect: fromState(({ state }) => credits(state).map((r) => ({ ...r }))),
};

/**
 * Every report, in the order `replay` prints them. A view of the engine
 * becomes a report with one entry here.
 */
export const reports: readonly Report[] = [ownersReport, receptionsReport, fairnessReport, dealsReport, creditsReport, commissionsReport, scorecardReport];

/** The names of the registered reports. */
export const reportNames = (): string[] => reports.map((r) => r.name);

/** Staff names by id, built on first use. */
function staffNames(state: OfficeState): (id: string | null) => string | null {
  let names: Map<string, string> | undefined;
  return (id) => {
    if (id === null) return null;
    names ??= new Map(staffList(state).map((m) => [m.id, m.name]));
    return names.get(id) ?? null;
  };
}

/**
 * The ready-made input of a report run: lookups built once, on first use.
 *
 * @param state - the final state
 * @param view - masking and the time to evaluate at
 * @returns the input, with the register computed at most once
 * @example
 * ```ts
 * const input = reportInput(state, { mask: true });
 * const rows = [...report.collect().rows(input)];
 * ```
 */
export function reportInput(state: OfficeState, view: ViewOptions): ReportInput {
  let rows: OwnerRow[] | undefined;
  let clients: Map<string, OwnerRow> | undefined;
  const register = () => (rows ??= owners(state, view));
  return {
    state,
    view,
    register,
    client(key) {
      if (key === undefined) return undefined;
      clients ??= new Map(register().map((o) => [o.client, o]));
      return clients.get(key);
    },
    staffName: staffNames(state),
    time: (ms) => localTime(state, ms),
    reason: (d) => describeReason(state, d),
  };
}

/**
 * The input of one chunk of a streamed report: the state at the chunk's end,
 * with each client looked up alone (building the whole register per chunk
 * would make a long log quadratic).
 *
 * @param state - the state at the chunk's end
 * @param view - masking and the time to evaluate at
 * @returns the input
 * @example
 * ```ts
 * const rows = stream.take(chunkInput(replayer.state(), { mask: true }));
 * ```
 */
export function chunkInput(state: OfficeState, view: ViewOptions): RowInput {
  return {
    client(key) {
      if (key === undefined) return undefined;
      const row = ownerOf(state, key, view);
      // ownerOf also finds clients by phone or name, and a merged client under its group: the register has neither.
      return row?.client === key ? row : undefined;
    },
    staffName: staffNames(state),
    time: (ms) => localTime(state, ms),
    reason: (d) => describeReason(state, d),
  };
}
