/**
 * The ownership slice: every client's file, and an index of clients by owner
 * (for departures and per-salesperson views).
 */
import { z } from 'zod';
import type { Chain } from '../kernel/chain.js';
import { chainSchema, countSchema, keySchema, mapSchema, msSchema } from '../kernel/codec.js';
import { append } from '../kernel/list.js';
import { anyOrder, emptyMap, set, type PMap } from '../kernel/map.js';
import { decodedRules, NO_RULES } from '../kernel/decision.js';
import { ruleIdSchema, type RuleId } from '../kernel/rules.js';
import { dealStageSchema, stageRank, type DealStage } from '../events/common.js';
import { channelSchema, ownerStatusSchema, type Channel, type OwnerStatus } from './decisions.js';

/**
 * A registration as the rules read it: who entered the client through which
 * book, whether it is valid, and when. Repeats by the same staff member
 * through the same book for the same person keep one entry, with the first
 * time (`at`, `day`) and the latest (`lastAt`, `lastDay`): the rules read
 * the earliest registration per salesperson and whether there was one today.
 *
 * @example
 * ```ts
 * // { event: 'e2', at: 1793..., day: 20393, lastAt: 1793..., lastDay: 20393, staff: 'S01', channel: 'visit', valid: true,
 * //   person: 'e2', name: '张伟', company: null }
 * ```
 */
export interface Registration {
  readonly event: string;
  /** Epoch ms of the first such registration; a claim update moves it (CLM-UPDATE). */
  readonly at: number;
  /** The book day it counts for (REG-CUTOFF). */
  readonly day: number;
  /** Epoch ms of the latest repeat. */
  readonly lastAt: number;
  /** The book day of the latest repeat. */
  readonly lastDay: number;
  readonly staff: string | null;
  readonly channel: Channel;
  readonly valid: boolean;
  readonly person: string;
  readonly name: string | null;
  readonly company: string | null;
}

/**
 * What the current ownership rests on.
 *
 * @example
 * ```ts
 * // { rules: ['OWN-FIRST', 'OWN-VALIDITY'], evidence: ['e2'], channel: 'visit', at: 1793..., day: 20393, person: 'e2', renewedBy: 'e9' }
 * ```
 */
export interface Basis {
  readonly rules: readonly RuleId[];
  readonly evidence: readonly string[];
  readonly channel: Channel | null;
  /** Epoch ms the basis dates from: the start of the window. */
  readonly at: number;
  /** The book day of the registration it rests on, if one. */
  readonly day: number | null;
  /** The person of that registration. */
  readonly person: string | null;
  /** The event that last moved the protection's end since (a renewal, a follow-up, an announcement); null: the grant set it. */
  readonly renewedBy: string | null;
}

/**
 * A basis whose protection end was last moved by an event (field by field,
 * as {@link copyFile}).
 * @internal
 */
export function renewedBasis(b: Basis, event: string): Basis {
  return b.renewedBy === event ? b : { rules: b.rules, evidence: b.evidence, channel: b.channel, at: b.at, day: b.day, person: b.person, renewedBy: event };
}

/**
 * The events an ownership rests on: the grant's, and the one that last moved
 * the protection's end, if another.
 * @internal
 */
export function basisEvidence(b: Basis): readonly string[] {
  return b.renewedBy === null || b.evidence.includes(b.renewedBy) ? b.evidence : append(b.evidence, b.renewedBy);
}

/**
 * The deal a file knows of: the most advanced one (DEAL-STAGES).
 *
 * @example
 * ```ts
 * // { deal: 'D1', staff: 'S01', stage: 'subscription', at: 1793..., event: 'e40', refunded: false, reached: [1793..., 1793..., 1793...] }
 * ```
 */
export interface FileDeal {
  readonly deal: string;
  readonly staff: string;
  readonly stage: DealStage;
  readonly at: number;
  readonly event: string;
  readonly refunded: boolean;
  /** When the deal first reached each stage, by {@link stageRank}: a jump to a later stage reaches the ones before it too (COL-AFTER-DEAL counts from the policy's stage). */
  readonly reached: readonly number[];
}

/**
 * The ownership file of one client group.
 *
 * @example
 * ```ts
 * ownerOf(state, 'e2')?.owner; // 'S01'
 * ```
 */
export interface ClientFile {
  readonly key: string;
  readonly owner: string | null;
  readonly status: OwnerStatus;
  readonly basis: Basis;
  /** End of the validity window (OWN-VALIDITY); null: no limit. */
  readonly windowEndsAt: number | null;
  /**
   * Deadline of the next follow-up (OWN-FOLLOWUP); null: none due, or waived
   * for a client who asked not to be called under a version that exempts
   * them (004h §9: judged when the deadline was set, or when the request was
   * recorded).
   */
  readonly followUpBy: number | null;
  /** The client asked not to be called (004h §9): deadlines set while the version in force exempts them are null. */
  readonly doNotCall: boolean;
  readonly registrations: readonly Registration[];
  readonly deal: FileDeal | null;
  /** What few clients have: reports, referrals, complaints, disputes... (one shared empty record for the rest). */
  readonly x: FileExtra;
}

/**
 * The parts of a client's file that most clients never need: one shared
 * empty record stands for them, and a change makes a record of its own.
 *
 * @example
 * ```ts
 * // { report: null, referral: { referrer: 'e2', staff: null, event: 'e9' }, named: null, complaint: null, ... }
 * ```
 */
export interface FileExtra {
  /** The channel report on this client (CLM-REPORT). */
  readonly report: { readonly agent: string; readonly at: number; readonly refiles: number; readonly closed: boolean } | null;
  /** The first referral (REF-FIRST-REFERRER). */
  readonly referral: { readonly referrer: string | null; readonly staff: string | null; readonly event: string } | null;
  /** The last salesperson the client named (OWN-NAMED). */
  readonly named: string | null;
  /** A justified complaint moved the client (OWN-COMPLAINT): for the 5:5 and 7:3 splits. */
  readonly complaint: { readonly original: string; readonly server: string; readonly event: string } | null;
  /** A ruling found concealment (OWN-CONCEAL): commission goes to the original. */
  readonly concealment: { readonly concealer: string; readonly original: string; readonly event: string } | null;
  /** Staff who registered another member of this family (COL-CROSS-FAMILY). */
  readonly crossFamily: readonly { readonly staff: string; readonly event: string }[];
  /** Service that is not ownership: a manager's service assignment (OWN-MANAGER under 002), or the server designated after a complaint that was not the owner's fault (`complaint`, OWN-COMPLAINT, 004e §10). */
  readonly servedBy: { readonly staff: string; readonly event: string; readonly complaint?: boolean } | null;
  /** The last collision, for the same-day dispute rule (DSP-PROCESS). */
  readonly collision: { readonly staff: readonly string[]; readonly day: number; readonly event: string } | null;
  /** An unannounced old client the receiver took from their original, kept for a hand-back on recognition (OWN-RECOGNIZE). */
  readonly recognition: {
    readonly original: string;
    readonly taker: string;
    readonly event: string;
    readonly status: OwnerStatus;
    readonly basis: Basis;
    readonly windowEndsAt: number | null;
    readonly followUpBy: number | null;
  } | null;
  /** The salesperson whose departure moved this client (OWN-DEPARTED), for a later redistribution (OWN-REDISTRIBUTE). */
  readonly leftBy: string | null;
  /** A conflicting claim to be returned to its submitter, and the notice once given (CLM-CONFLICT-RETURN). */
  readonly returned: { readonly staff: string; readonly claim: string; readonly by: number; readonly notice: string | null } | null;
  /** A ruling found a quarrel over the client, whose deal is still to come (DSP-QUARREL): it goes to `party`. */
  readonly quarrel: { readonly party: string; readonly event: string } | null;
  /** The holder was away at the client's last visit, which came unannounced or was a new client naming them (DEAL-ABSENT-OWNER's own splits). */
  readonly absentVisit: { readonly how: 'unannounced' | 'namedNew'; readonly owner: string; readonly event: string; readonly notice?: true } | null;
  /** The open or last dispute (DSP-PROCESS). */
  readonly dispute: {
    readonly raisedBy: string | null;
    readonly event: string;
    readonly level: 'raised' | 'supervisor' | 'manager';
    readonly ruledBy: string | null;
    readonly ruledOwner: string | null;
  } | null;
}

/** A file being changed by the current event. @internal */
export type FileDraft = { -readonly [K in keyof ClientFile]: ClientFile[K] };


/**
 * The ownership slice of an office state.
 *
 * @example
 * ```ts
 * owners(state).filter((r) => r.owner === 'S01');
 * ```
 */
export interface OwnershipState {
  readonly files: PMap<ClientFile>;
  /**
   * Owner → the clients they were given, newest first (for departures,
   * OWN-DEPARTED). Append-only: it may name clients since lost, or twice;
   * read it against the files.
   */
  readonly byOwner: PMap<Chain>;
  /** The office's pre-launch period (002 §6.3), once an announceSubscription opened one; null: none. */
  readonly launch: Launch | null;
}

/**
 * The pre-launch period (前期, 002 §6.3): from its opening until internal
 * subscription starts, with the clients claimed in it.
 *
 * @example
 * ```ts
 * // { from: 1793..., startsAt: 1794..., event: 'e90', claims: { key: 'e12', next: null } }
 * ```
 */
export interface Launch {
  /** Epoch ms the period opened (the first announcement). */
  readonly from: number;
  /** Epoch ms internal subscription starts; null: still to be fixed (具体时间待定). */
  readonly startsAt: number | null;
  /** The announcement that set it last. */
  readonly event: string;
  /** Clients claimed or pre-filed in the period, newest first (read against the files: a file may since have moved). */
  readonly claims: Chain | null;
}

/** An empty ownership slice. @internal */
export function initialOwnership(): OwnershipState {
  return { files: emptyMap(), byOwner: emptyMap(), launch: null };
}

const NONE: readonly never[] = Object.freeze([]);

/** A file for a client no one owns yet. @internal */
export function newFile(key: string, at: number): FileDraft {
  return {
    key,
    owner: null,
    status: 'none',
    basis: { rules: NO_RULES, evidence: NONE, channel: null, at, day: null, person: null, renewedBy: null },
    windowEndsAt: null,
    followUpBy: null,
    doNotCall: false,
    registrations: NONE,
    deal: null,
    x: NO_EXTRA,
  };
}

/**
 * A file's copy to change (field by field, as {@link registrationWith}).
 * @internal
 */
export function copyFile(f: ClientFile): ClientFile {
  return { key: f.key, owner: f.owner, status: f.status, basis: f.basis, windowEndsAt: f.windowEndsAt, followUpBy: f.followUpBy, doNotCall: f.doNotCall, registrations: f.registrations, deal: f.deal, x: f.x };
}

/**
 * A registration with its repeat times set. Field by field on purpose: V8
 * copies a spread of a record that is itself a copy on its slow path, about
 * ten times slower.
 * @internal
 */
export function registrationWith(r: Registration, times: Pick<Registration, 'at' | 'day' | 'lastAt' | 'lastDay'>): Registration {
  return { event: r.event, at: times.at, day: times.day, lastAt: times.lastAt, lastDay: times.lastDay, staff: r.staff, channel: r.channel, valid: r.valid, person: r.person, name: r.name, company: r.company };
}

/** The keys of {@link FileExtra} that older snapshots may lack. */
type Later = 'recognition' | 'leftBy' | 'returned' | 'quarrel' | 'absentVisit';

/**
 * An extra record read back, with every key and in {@link NO_EXTRA}'s order,
 * so that changing one key of it later is a plain copy (V8 gives each object
 * made by a spread followed by a key the spread lacks a hidden class of its own).
 */
function extraOf(x: Partial<FileExtra> & Omit<FileExtra, Later>): FileExtra {
  // NO_EXTRA spread first: the hidden class of the records the engine makes from it.
  return {
    ...NO_EXTRA,
    report: x.report,
    referral: x.referral,
    named: x.named,
    complaint: x.complaint,
    concealment: x.concealment,
    crossFamily: x.crossFamily,
    servedBy: x.servedBy,
    collision: x.collision,
    dispute: x.dispute,
    quarrel: x.quarrel ?? null,
    returned: x.returned ?? null,
    recognition: x.recognition ?? null,
    leftBy: x.leftBy ?? null,
    absentVisit: x.absentVisit ?? null,
  };
}

/** The extra record of every file that has none of its own. @internal */
export const NO_EXTRA: FileExtra = Object.freeze({ report: null, referral: null, named: null, complaint: null, concealment: null, crossFamily: NONE, servedBy: null, collision: null, dispute: null, quarrel: null, returned: null, recognition: null, leftBy: null, absentVisit: null });

const DEPARTED_EXTRA = new Map<string, FileExtra>();

/**
 * The extra record after `staff` left, from `x`: for the many files whose
 * record was the shared empty one, one shared record per leaver (a
 * departure moves all of a salesperson's clients at once).
 * @internal
 */
export function leftByExtra(x: FileExtra, staff: string): FileExtra {
  if (x !== NO_EXTRA) return { ...x, leftBy: staff };
  let shared = DEPARTED_EXTRA.get(staff);
  if (shared === undefined) DEPARTED_EXTRA.set(staff, (shared = Object.freeze({ ...NO_EXTRA, leftBy: staff })));
  return shared;
}

/** An extra record read back: its full copy, or the shared record of {@link leftByExtra} when it holds nothing but a leaver. */
function interned(read: Partial<FileExtra> & Omit<FileExtra, Later>): FileExtra {
  const x = extraOf(read);
  const leftBy = x.leftBy;
  if (leftBy === null) return x;
  for (const [k, v] of Object.entries(x)) if (k !== 'leftBy' && v !== null && !(Array.isArray(v) && v.length === 0)) return x;
  return leftByExtra(NO_EXTRA, leftBy);
}

/** Whether a status carries an owner whose protection can lapse. @internal */
export function isProtected(status: OwnerStatus): boolean {
  return status === 'protected' || status === 'disputed';
}

/** The owner who holds a client now (protected, disputed or permanent), if any. @internal */
export function holderOf(file: Pick<ClientFile, 'owner' | 'status'>): string | null {
  return file.owner !== null && (isProtected(file.status) || file.status === 'permanent') ? file.owner : null;
}

/**
 * A deal's stage times after it reaches the stage of the given rank at a
 * time: the ranks it had kept their first times, the new ones (and those it
 * skipped) take this one.
 * @internal
 */
export function reachedBy(prior: readonly number[], rank: number, at: number): readonly number[] {
  if (rank < prior.length) return prior;
  const next = prior.slice();
  while (next.length <= rank) next.push(at);
  return next;
}

/** Whether a file's deal counts as a deposit (OWN-DEPARTED). @internal */
export function hasLiveDeal(file: Pick<ClientFile, 'deal'>): boolean {
  return file.deal !== null && !file.deal.refunded;
}

const ids = z.array(keySchema);
const event = { event: keySchema };

const registrationSchema = z.strictObject({
  event: keySchema,
  at: msSchema,
  day: z.number().int(),
  lastAt: msSchema,
  lastDay: z.number().int(),
  staff: keySchema.nullable(),
  channel: channelSchema,
  valid: z.boolean(),
  person: keySchema,
  name: keySchema.nullable(),
  company: keySchema.nullable(),
}).transform((r) => registrationWith(r, r));

const basisSchema = z
  .strictObject({
    rules: z.array(ruleIdSchema),
    evidence: ids,
    channel: channelSchema.nullable(),
    at: msSchema,
    day: z.number().int().nullable(),
    person: keySchema.nullable(),
    // Older snapshots did not keep it: their rows cite the grant alone, as then.
    renewedBy: keySchema.nullable().default(null),
  })
  .transform((b): Basis => ({ rules: decodedRules(b.rules), evidence: b.evidence, channel: b.channel, at: b.at, day: b.day, person: b.person, renewedBy: b.renewedBy }));

const extraSchema = z.union([
  z.strictObject({ $shared: z.literal('noExtra') }).transform(() => NO_EXTRA),
  z.strictObject({
    report: z.strictObject({ agent: keySchema, at: msSchema, refiles: countSchema, closed: z.boolean() }).nullable(),
    referral: z.strictObject({ referrer: keySchema.nullable(), staff: keySchema.nullable(), ...event }).nullable(),
    named: keySchema.nullable(),
    complaint: z.strictObject({ original: keySchema, server: keySchema, ...event }).nullable(),
    concealment: z.strictObject({ concealer: keySchema, original: keySchema, ...event }).nullable(),
    crossFamily: z.array(z.strictObject({ staff: keySchema, ...event })),
    servedBy: z.strictObject({ staff: keySchema, ...event, complaint: z.boolean().exactOptional() }).nullable(),
    collision: z.strictObject({ staff: ids, day: z.number().int(), ...event }).nullable(),
    dispute: z
      .strictObject({
        raisedBy: keySchema.nullable(),
        ...event,
        level: z.enum(['raised', 'supervisor', 'manager']),
        ruledBy: keySchema.nullable(),
        ruledOwner: keySchema.nullable(),
      })
      .nullable(),
    // Added in the second round of rules: older snapshots have none.
    recognition: z
      .strictObject({
        original: keySchema,
        taker: keySchema,
        ...event,
        status: ownerStatusSchema,
        basis: basisSchema,
        windowEndsAt: msSchema.nullable(),
        followUpBy: msSchema.nullable(),
      })
      .nullable()
      .exactOptional(),
    leftBy: keySchema.nullable().exactOptional(),
    returned: z.strictObject({ staff: keySchema, claim: keySchema, by: msSchema, notice: keySchema.nullable() }).nullable().exactOptional(),
    quarrel: z.strictObject({ party: keySchema, ...event }).nullable().exactOptional(),
    // Added with the presets' absent-owner splits (004b §1.3, 004e §5).
    absentVisit: z.strictObject({ how: z.enum(['unannounced', 'namedNew']), owner: keySchema, ...event, notice: z.literal(true).exactOptional() }).nullable().exactOptional(),
  }).transform(interned),
]);

const fileSchema = z.strictObject({
  key: keySchema,
  owner: keySchema.nullable(),
  status: ownerStatusSchema,
  basis: basisSchema,
  windowEndsAt: msSchema.nullable(),
  followUpBy: msSchema.nullable(),
  doNotCall: z.boolean(),
  registrations: z.array(registrationSchema),
  deal: z
    .strictObject({ deal: keySchema, staff: keySchema, stage: dealStageSchema, at: msSchema, ...event, refunded: z.boolean(), reached: z.array(msSchema).exactOptional() })
    // Older snapshots have no stage times: they counted every stage from the first, as the engine did then.
    .transform((d): FileDeal => ({ deal: d.deal, staff: d.staff, stage: d.stage, at: d.at, event: d.event, refunded: d.refunded, reached: d.reached ?? reachedBy([], stageRank(d.stage), d.at) }))
    .nullable(),
  x: extraSchema,
}).transform(copyFile);

/**
 * The ownership slice in snapshot form, checked and decoded (issue 13).
 * @internal
 */
export const ownershipSliceSchema: z.ZodType<OwnershipState, unknown> = z.strictObject({
  files: mapSchema(fileSchema, (f) => f.key),
  byOwner: mapSchema(chainSchema),
  // Added with 002 §6.3's pre-launch claims: older snapshots have none.
  launch: z
    .strictObject({ from: msSchema, startsAt: msSchema.nullable(), event: keySchema, claims: chainSchema.nullable() })
    .nullable()
    .default(null),
});

/**
 * The ownership slice of a snapshot written before a follow-up deadline kept
 * its do-not-call exemption (snapshot versions 2 and 3), which held the
 * deadline of a do-not-call client and read `doNotCallExempt` from the
 * version in force whenever it judged a lapse. Read as judged under the
 * version in force at the snapshot's last event: with `exempt`, those
 * deadlines are waived (null), as that version showed them. A slice with
 * none comes back as it is.
 * @internal
 */
export function waivedAsOld(s: OwnershipState, exempt: boolean): OwnershipState {
  if (!exempt) return s;
  let files = s.files;
  for (const [key, file] of anyOrder(s.files)) {
    if (!file.doNotCall || file.followUpBy === null) continue;
    const waived = copyFile(file) as FileDraft;
    waived.followUpBy = null;
    files = set(files, key, waived as ClientFile);
  }
  return files === s.files ? s : { files, byOwner: s.byOwner, launch: s.launch };
}
