/**
 * An office state open for events: every family's slice in its transient
 * form, the families' contexts over them, and the fold's own bookkeeping.
 * A replay keeps one open for the whole log; `apply` opens one per event.
 * @internal
 */
import { closeSlice, openSlice, TMap, Tx, type Transient } from '../kernel/draft.js';
import { emptyMap } from '../kernel/map.js';
import { calendarOf, instantMs, type Calendar } from '../kernel/time.js';
import type { Policy } from '../policy/schema.js';
import { sectionAt, versionAt, type Timeline } from '../policy/timeline.js';
import type { DealsPolicy } from '../deals/policy.js';
import type { DealsCtx } from '../deals/ledger.js';
import type { DealsState } from '../deals/state.js';
import type { IdentityCtx } from '../identity/identity.js';
import type { IdentityState } from '../identity/state.js';
import type { OwnCtx } from '../ownership/file.js';
import type { OwnershipRules } from '../ownership/policy.js';
import type { OwnershipState } from '../ownership/state.js';
import type { PeriodsCtx } from '../periods/cards.js';
import type { PeriodsState } from '../periods/state.js';
import type { RotCtx } from '../rotation/desk.js';
import type { RotationState } from '../rotation/state.js';
import type { StaffCtx } from '../staff/staff.js';
import type { StaffState } from '../staff/state.js';
import type { Issue } from '../kernel/issues.js';
import type { PMap } from '../kernel/map.js';
import { fingerprintEvent } from '../events/fast.js';
import type { Event } from '../events/schema.js';
import type { Ahead, OfficeState, Seen, Story } from './state.js';

const DAY = 86_400_000;

const parts = new WeakMap<Policy, OwnershipRules>();
const bounds = new WeakMap<Policy, TimeBounds>();

/** A policy's time limits in epoch ms (`maxGap`: Infinity for none). */
export interface TimeBounds {
  readonly earliest: number;
  readonly latest: number;
  readonly maxGap: number;
}

/** The time limits of a policy, read once per policy. */
function timeBounds(policy: Policy): TimeBounds {
  let b = bounds.get(policy);
  if (b === undefined) {
    const { earliest, latest, maxGapDays } = policy.limits;
    b = { earliest: instantMs(earliest), latest: instantMs(latest), maxGap: maxGapDays === null ? Infinity : maxGapDays * 86_400_000 };
    bounds.set(policy, b);
  }
  return b;
}

/** The ownership family's sections of a policy, built once per policy. */
function ownershipRules(policy: Policy): OwnershipRules {
  let p = parts.get(policy);
  if (p === undefined) {
    const { registration, claims, ownership, collisions, disputes, referrals } = policy;
    p = { registration, claims, ownership, collisions, disputes, referrals };
    parts.set(policy, p);
  }
  return p;
}

const dealTerms = new WeakMap<Timeline, readonly DealsPolicy[]>();

/** The deals section of every version, by index: the terms deals keep (built once per timeline). */
function termsOf(timeline: Timeline): readonly DealsPolicy[] {
  let terms = dealTerms.get(timeline);
  if (terms === undefined) {
    terms = timeline.versions.map((v) => v.policy.deals);
    dealTerms.set(timeline, terms);
  }
  return terms;
}

/** The policy of a timeline's version, by index (an index of the timeline: the callers hold one). */
function policyOf(timeline: Timeline, v: number): Policy {
  return (timeline.versions[v] as Timeline['versions'][number]).policy;
}

/** A family's context whose policy slice the office swaps when another version takes effect. */
type Swappable<C extends { readonly p: unknown }> = { -readonly [K in keyof C]: C[K] };

/**
 * What an open office holds of an event id: what a state keeps ({@link Seen}),
 * or an applied event itself, whose fingerprint is taken only if a copy
 * arrives or when the state is closed. Most ids leave the window unasked:
 * hashing every event was a tenth of a replay.
 */
export type Held = Seen | Event;

/** Whether an id is held as its applied event, not yet fingerprinted (a {@link Seen} record has no `type`). */
export function isHeldEvent(held: Held): held is Event {
  return typeof held === 'object' && 'type' in held;
}

/** The fingerprint of an id's first delivery. */
export function fingerprintOf(held: Held): number {
  if (isHeldEvent(held)) return fingerprintEvent(held);
  return typeof held === 'number' ? held : held.fingerprint;
}

/** What a state keeps of an id held open: an event becomes its fingerprint. */
function settled(held: Held): Seen {
  return isHeldEvent(held) ? fingerprintEvent(held) : held;
}

/** An office state open for events. */
export class Live {
  readonly tx = new Tx();
  readonly timeline: Timeline;
  /** The policy of the version the current event is decided under. */
  policy: Policy;
  /** Its index in the timeline, and the span in which it is in force (an event outside moves to another version). */
  version: number;
  private from: number;
  private until: number;
  /** The version in force at the last applied event. */
  private applied: number;
  readonly cal: Calendar;
  /** The times events may carry (policy limits). */
  /** The time limits of the version in force. */
  bounds: TimeBounds;
  office: string | null;
  lastAt: number | null;
  events: number;
  epoch: number;
  current: TMap<Held>;
  previous: TMap<Held>;
  readonly ahead: TMap<Ahead>;
  readonly staff: Transient<StaffState>;
  readonly identity: Transient<IdentityState>;
  readonly ownership: Transient<OwnershipState>;
  readonly rotation: Transient<RotationState>;
  readonly deals: Transient<DealsState>;
  readonly periods: Transient<PeriodsState>;
  readonly history: TMap<Story> | null;
  readonly cStaff: StaffCtx;
  readonly cIdentity: Swappable<IdentityCtx>;
  readonly cOwn: Swappable<OwnCtx>;
  readonly cRot: Swappable<RotCtx>;
  readonly cDeals: Swappable<DealsCtx>;
  readonly cPeriods: Swappable<PeriodsCtx>;
  /** Whether a staff member is in the office (on duty) now, for the ownership rules that ask (OWN-MULTI-NAMED, OWN-RECOGNIZE). */
  readonly present = (staff: string): boolean => this.staff.members.get(staff)?.status === 'onDuty';
  /** The persistent state this was opened from, or last closed to. */
  private base: OfficeState;
  private seenChanged = false;

  constructor(state: OfficeState) {
    this.base = state;
    this.timeline = state.timeline;
    // The policy in force comes from the timeline, never from a field set by hand.
    const policy = policyOf(state.timeline, state.version);
    this.policy = policy;
    this.version = state.version;
    this.applied = state.version;
    this.from = Number.NEGATIVE_INFINITY;
    this.until = Number.POSITIVE_INFINITY;
    this.span(state.version);
    this.cal = calendarOf(policy.timeZone);
    this.bounds = timeBounds(policy);
    this.office = state.office;
    this.lastAt = state.lastAt;
    this.events = state.events;
    this.epoch = state.seen.epoch;
    this.current = new TMap<Held>(state.seen.current);
    this.previous = new TMap<Held>(state.seen.previous);
    this.ahead = new TMap(state.seen.ahead);
    this.staff = openSlice(state.staff);
    this.identity = openSlice(state.identity);
    this.ownership = openSlice(state.ownership);
    this.rotation = openSlice(state.rotation);
    this.deals = openSlice(state.deals);
    this.periods = openSlice(state.periods);
    this.history = state.options.history === 'full' ? new TMap(state.history) : null;
    const { tx, cal } = this;
    this.cStaff = { tx, cal, p: null, s: this.staff };
    this.cIdentity = { tx, cal, p: policy.identity, s: this.identity };
    // Under a timeline the queue judges each midnight under the version in force then (ROT-CARRY, ROT-DUTY).
    const { timeline } = state;
    this.cRot = { tx, cal, p: policy.rotation, s: this.rotation, pAt: sectionAt(timeline, (p) => p.rotation) };
    // A term fixed after its grant is the granting version's (a pre-launch claim's days, OWN-VALIDITY).
    this.cOwn = { tx, cal, p: ownershipRules(policy), s: this.ownership, pAt: sectionAt(timeline, ownershipRules) };
    this.cDeals = { tx, cal, p: policy.deals, s: this.deals, terms: termsOf(state.timeline) };
    // Claims made before a version with a quota takes effect count against it (CLM-QUOTA): they are booked under any version.
    const bookedQuota = timeline.versions.find((v) => v.policy.periods.quota !== null)?.policy.periods.quota ?? null;
    this.cPeriods = { tx, cal, p: policy.periods, s: this.periods, bookedQuota };
    tx.version = state.version;
  }

  /**
   * Decides the next event under the version in force at `at`: two
   * comparisons while the current version stays in force; otherwise each
   * family gets its slice of the version that is.
   */
  enter(at: number): void {
    if (at >= this.from && at < this.until) return;
    const v = versionAt(this.timeline, at);
    const policy = policyOf(this.timeline, v);
    this.version = v;
    this.policy = policy;
    this.span(v);
    this.tx.version = v;
    this.bounds = timeBounds(policy);
    this.cIdentity.p = policy.identity;
    this.cOwn.p = ownershipRules(policy);
    this.cRot.p = policy.rotation;
    this.cDeals.p = policy.deals;
    this.cPeriods.p = policy.periods;
  }

  /**
   * Runs a period's judgement under the version in force at `at`, the
   * period's last instant, rather than the closing event's: a quota that
   * takes effect on the 1st does not judge the month before it. Its
   * decisions carry that version.
   */
  readonly judgedUnder = (at: number, run: () => void): void => {
    const { tx, cPeriods } = this;
    const v = versionAt(this.timeline, at);
    if (v === tx.version) return run();
    const was = { p: cPeriods.p, version: tx.version };
    cPeriods.p = policyOf(this.timeline, v).periods;
    tx.version = v;
    try {
      run();
    } finally {
      cPeriods.p = was.p;
      tx.version = was.version;
    }
  };

  /** The span in which a version is in force: from its instant (inclusive) until the next version's (exclusive). */
  private span(v: number): void {
    const { versions } = this.timeline;
    this.from = versions[v]?.from ?? Number.NEGATIVE_INFINITY;
    this.until = versions[v + 1]?.from ?? Number.POSITIVE_INFINITY;
  }

  /** The current event was applied: its version is the one in force at the last event. */
  appliedHere(): void {
    this.applied = this.version;
  }

  /** The state's options. */
  get options(): OfficeState['options'] {
    return this.base.options;
  }

  /** One story from two, in time order, when two clients turn out to be one (the earlier story first at the same instant). */
  mergeStories(into: string, from: string): void {
    const h = this.history;
    if (h === null) return;
    const b = h.get(from);
    if (b === undefined) return;
    const list = (s: Story | undefined): Story['d'][] => {
      const out: Story['d'][] = [];
      for (let x = s ?? null; x !== null; x = x.prev) out.push(x.d);
      return out.reverse();
    };
    const merged = [...list(h.get(into)), ...list(b)].sort((x, y) => x.at - y.at);
    let story: Story | null = null;
    for (const d of merged) story = { d, prev: story };
    if (story !== null) h.set(this.tx, into, story);
    h.delete(this.tx, from);
  }

  /** Adds the event's decisions to the stories of the clients they concern. */
  tell(decisions: readonly Story['d'][]): void {
    const h = this.history;
    if (h === null) return;
    for (const d of decisions) {
      const client = (d as { readonly client?: string | null }).client;
      if (typeof client !== 'string') continue;
      const key = this.identity.people.get(client)?.group ?? client;
      h.set(this.tx, key, { d, prev: h.get(key) ?? null });
    }
  }

  /** The first outcome of an event id within the redelivery window, if it was seen. */
  seen(id: string): Held | undefined {
    return this.current.get(id) ?? this.previous.get(id) ?? (this.ahead.empty ? undefined : this.ahead.get(id));
  }

  /**
   * Remembers a refusal until the clock has passed the refused event's own
   * window, which may be later than the last applied event's: a redelivery
   * must get the same refusal until then.
   */
  refused(tx: Tx, id: string, at: number, fingerprint: number, refused: readonly Issue[]): void {
    const epoch = Math.floor(at / (this.options.redeliveryWindowDays * DAY));
    if (epoch > this.epoch) this.ahead.set(tx, id, { fingerprint, refused, epoch });
    else this.current.set(tx, id, { fingerprint, refused });
  }

  /** Moves the redelivery window on to the epoch of `at`: ids older than two windows are forgotten, refusals whose window came are brought in. */
  rollSeen(tx: Tx, epoch: number): void {
    if (epoch <= this.epoch) return;
    this.previous = epoch === this.epoch + 1 ? this.current : new TMap<Held>(emptyMap());
    this.current = new TMap<Held>(emptyMap());
    this.epoch = epoch;
    this.seenChanged = true;
    if (this.ahead.empty) return;
    for (const id of [...this.ahead.keys()]) {
      const a = this.ahead.get(id) as Ahead;
      if (a.epoch > epoch) continue;
      this.ahead.delete(tx, id);
      const kept = { fingerprint: a.fingerprint, refused: a.refused };
      if (a.epoch === epoch) this.current.set(tx, id, kept);
      else if (a.epoch === epoch - 1) this.previous.set(tx, id, kept);
    }
  }

  /**
   * The persistent state with every change since it was opened (or last
   * closed). Untouched slices are shared with the state before.
   */
  close(): OfficeState {
    const b = this.base;
    const staff = closeSlice(this.staff, b.staff);
    const identity = closeSlice(this.identity, b.identity);
    const ownership = closeSlice(this.ownership, b.ownership);
    const rotation = closeSlice(this.rotation, b.rotation);
    const deals = closeSlice(this.deals, b.deals);
    const periods = closeSlice(this.periods, b.periods);
    const history = this.history === null ? b.history : this.history.persist();
    this.current.settle(settled);
    this.previous.settle(settled);
    // Settled: every value is a Seen.
    const current = this.current.persist() as PMap<Seen>;
    const previous = this.previous.persist() as PMap<Seen>;
    const ahead = this.ahead.persist();
    const seen =
      !this.seenChanged && current === b.seen.current && previous === b.seen.previous && ahead === b.seen.ahead ? b.seen : { current, previous, epoch: this.epoch, ahead };
    this.seenChanged = false;
    const same =
      staff === b.staff &&
      identity === b.identity &&
      ownership === b.ownership &&
      rotation === b.rotation &&
      deals === b.deals &&
      periods === b.periods &&
      history === b.history &&
      seen === b.seen &&
      this.office === b.office &&
      this.lastAt === b.lastAt &&
      this.events === b.events &&
      this.applied === b.version;
    if (same) return b;
    const policy = policyOf(this.timeline, this.applied);
    this.base = { policy, timeline: b.timeline, version: this.applied, options: b.options, office: this.office, lastAt: this.lastAt, events: this.events, seen, staff, identity, ownership, rotation, deals, periods, history };
    return this.base;
  }
}
