/**
 * A client's ownership file: every registration, who owns the client now,
 * on what basis and until when (RULES §C). Functions here are pure: they take
 * a file and return a new one with the decisions that explain the change.
 */
import { windowEnd } from '../../kernel/time.js';
import type { Channel, Decision, OwnerStatus } from '../decisions.js';
import type { DealStage } from '../../events/common.js';
import type { RuleId } from '../../kernel/rules.js';
import { decide, type Ctx } from '../office/context.js';

/**
 * One entry in the books: a visit, call, claim, pre-file or report.
 *
 * @example
 * ```ts
 * // { event: 'e2', at: 1793..., day: 20393, staff: 'S01', channel: 'visit', valid: true, person: 'e2', name: '张伟', company: null }
 * ```
 */
export interface Registration {
  readonly event: string;
  /** Epoch ms of the registration; a claim update moves it (CLM-UPDATE). */
  readonly at: number;
  /** The book day it counts for (REG-CUTOFF). */
  readonly day: number;
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
 * // { rules: ['OWN-FIRST', 'OWN-VALIDITY'], evidence: ['e2'], channel: 'visit', at: 1793... }
 * ```
 */
export interface Basis {
  readonly rules: readonly RuleId[];
  readonly evidence: readonly string[];
  readonly channel: Channel | null;
  /** Epoch ms the basis dates from: the start of the window. */
  readonly at: number;
}

/**
 * The deal a file knows of: the most advanced one (DEAL-STAGES).
 *
 * @example
 * ```ts
 * // { deal: 'D1', staff: 'S01', stage: 'subscription', at: 1793..., event: 'e40', refunded: false }
 * ```
 */
export interface FileDeal {
  readonly deal: string;
  readonly staff: string;
  readonly stage: DealStage;
  readonly at: number;
  readonly event: string;
  readonly refunded: boolean;
}

/**
 * The ownership file of one client group.
 *
 * @example
 * ```ts
 * const file = ownershipFile(state, 'e2');
 * file?.owner; // 'S01'
 * ```
 */
export interface ClientFile {
  readonly key: string;
  readonly owner: string | null;
  readonly status: OwnerStatus;
  readonly basis: Basis;
  /** End of the validity window (OWN-VALIDITY); null: no limit. */
  readonly windowEndsAt: number | null;
  /** Deadline of the next follow-up (OWN-FOLLOWUP); null: none due. */
  readonly followUpBy: number | null;
  readonly doNotCall: boolean;
  readonly registrations: readonly Registration[];
  /** The channel report on this client (CLM-REPORT). */
  readonly report: { readonly agent: string; readonly at: number; readonly refiles: number; readonly closed: boolean } | null;
  /** The first referral (REF-FIRST-REFERRER). */
  readonly referral: { readonly referrer: string | null; readonly staff: string | null; readonly event: string } | null;
  /** The last salesperson the client named (OWN-NAMED). */
  readonly named: string | null;
  readonly deal: FileDeal | null;
  /** A justified complaint moved the client (OWN-COMPLAINT): for the 5:5 and 7:3 splits. */
  readonly complaint: { readonly original: string; readonly server: string; readonly event: string } | null;
  /** A ruling found concealment (OWN-CONCEAL): commission goes to the original. */
  readonly concealment: { readonly concealer: string; readonly original: string; readonly event: string } | null;
  /** Staff who registered another member of this family first or later (COL-CROSS-FAMILY). */
  readonly crossFamily: readonly { readonly staff: string; readonly event: string }[];
  /** Service assignment that is not ownership (OWN-MANAGER under 002). */
  readonly servedBy: { readonly staff: string; readonly event: string } | null;
  /** The last collision, for the same-day dispute rule (DSP-PROCESS). */
  readonly collision: { readonly staff: readonly string[]; readonly day: number; readonly event: string } | null;
  /** The open or last dispute (DSP-PROCESS). */
  readonly dispute: {
    readonly raisedBy: string | null;
    readonly event: string;
    readonly level: 'raised' | 'supervisor' | 'manager';
    readonly ruledBy: string | null;
    readonly ruledOwner: string | null;
  } | null;
  /** The story of this client, in order. */
  readonly history: readonly Decision[];
}

/** A file for a client no one owns yet. @internal */
export function newFile(key: string, at: number): ClientFile {
  return {
    key,
    owner: null,
    status: 'none',
    basis: { rules: [], evidence: [], channel: null, at },
    windowEndsAt: null,
    followUpBy: null,
    doNotCall: false,
    registrations: [],
    report: null,
    referral: null,
    named: null,
    deal: null,
    complaint: null,
    concealment: null,
    crossFamily: [],
    servedBy: null,
    collision: null,
    dispute: null,
    history: [],
  };
}

/** Whether a status carries an owner whose protection can lapse. @internal */
export function isProtected(status: OwnerStatus): boolean {
  return status === 'protected' || status === 'disputed';
}

/**
 * When protection ends: the earlier of the window end and the follow-up
 * deadline (the latter waived for a do-not-call client under the policy).
 * @internal
 */
export function protectionEnd(file: ClientFile, ctx: Pick<Ctx, 'policy'>): number | null {
  if (!isProtected(file.status)) return null;
  const followUp = file.doNotCall && ctx.policy.ownership.followUp.doNotCallExempt ? null : file.followUpBy;
  if (file.windowEndsAt === null) return followUp;
  if (followUp === null) return file.windowEndsAt;
  return Math.min(file.windowEndsAt, followUp);
}

/** The validity days of a channel, or of a referral (REF-WINDOW). @internal */
export function validityDays(ctx: Ctx, channel: Channel, referral = false): number | null {
  if (referral && ctx.policy.referrals.windowDays !== null) return ctx.policy.referrals.windowDays;
  return ctx.policy.ownership.validityDays[channel];
}

/** The follow-up deadline counted from a contact. */
function followUpDeadline(ctx: Ctx, from: number, first: boolean): number | null {
  const f = ctx.policy.ownership.followUp;
  const days = first ? (f.firstWithinDays ?? f.withinDays) : f.withinDays;
  return days === null ? null : windowEnd(ctx.calendar, from, days);
}

/** Local ISO of an instant, or null. @internal */
export function localOrNull(ctx: Ctx, ms: number | null): string | null {
  return ms === null ? null : ctx.calendar.localIso(ms);
}

/** Appends decisions to the file's history. @internal */
export function record(file: ClientFile, decisions: readonly Decision[]): ClientFile {
  return decisions.length === 0 ? file : { ...file, history: [...file.history, ...decisions] };
}

/** The result of a file operation. @internal */
export interface FileStep {
  readonly file: ClientFile;
  readonly decisions: Decision[];
}

/** Describes a protection end for notes. @internal */
export function untilText(ctx: Ctx, end: number | null): string {
  return end === null ? 'with no time limit' : `until ${ctx.calendar.localIso(end)}`;
}

/**
 * Makes `staff` the owner from `at` (or moves the client to the pool or
 * nobody when `staff` is null), with the rules and evidence it rests on.
 * @internal
 */
export function grant(
  file: ClientFile,
  ctx: Ctx,
  change: {
    readonly staff: string | null;
    readonly status?: OwnerStatus;
    readonly channel: Channel | null;
    readonly at: number;
    readonly rules: RuleId[];
    readonly evidence: readonly string[];
    readonly note: string;
    readonly referral?: boolean;
  },
): FileStep {
  const status: OwnerStatus = change.status ?? (change.staff === null ? 'none' : 'protected');
  const days = change.channel === null ? null : validityDays(ctx, change.channel, change.referral === true);
  const windowEndsAt = status === 'protected' || status === 'disputed' ? (days === null ? null : windowEnd(ctx.calendar, change.at, days)) : null;
  const followUpBy = status === 'protected' || status === 'disputed' ? followUpDeadline(ctx, change.at, true) : null;
  const next: ClientFile = {
    ...file,
    owner: change.staff,
    status,
    basis: { rules: change.rules, evidence: change.evidence, channel: change.channel, at: change.at },
    windowEndsAt,
    followUpBy,
    dispute: status === 'disputed' ? file.dispute : null,
  };
  const end = protectionEnd(next, ctx);
  const rules: RuleId[] = [...change.rules];
  if (isProtected(status) && days !== null && !rules.includes('OWN-VALIDITY')) rules.push('OWN-VALIDITY');
  if (isProtected(status) && followUpBy !== null && !rules.includes('OWN-FOLLOWUP')) rules.push('OWN-FOLLOWUP');
  const decision = decide(
    ctx,
    {
      kind: 'ownership',
      client: file.key,
      owner: change.staff,
      previous: file.owner,
      status,
      protectionEndsAt: localOrNull(ctx, end),
    },
    rules,
    change.evidence,
    isProtected(status) ? `${change.note}; protected ${untilText(ctx, end)}` : change.note,
  );
  return { file: record(next, [decision]), decisions: [decision] };
}

/**
 * Lapses a protection that ended before now (OWN-VALIDITY, OWN-FOLLOWUP): the
 * client is treated as new. Time-based lapses have no event of their own, so
 * the first event to touch the client afterwards records them.
 * @internal
 */
export function settle(file: ClientFile, ctx: Ctx): FileStep {
  const end = protectionEnd(file, ctx);
  if (end === null || ctx.at < end || file.owner === null) return { file, decisions: [] };
  const byFollowUp = file.followUpBy !== null && end === file.followUpBy && (file.windowEndsAt === null || file.followUpBy < file.windowEndsAt);
  const rule: RuleId = byFollowUp ? 'OWN-FOLLOWUP' : 'OWN-VALIDITY';
  const why = byFollowUp ? 'no follow-up was recorded in time' : 'the validity window ran out';
  return grant(file, ctx, {
    staff: null,
    channel: null,
    at: end,
    rules: [rule],
    evidence: file.basis.evidence,
    note: `protection of ${file.owner} ended at ${ctx.calendar.localIso(end)}: ${why}; the client counts as new`,
  });
}

/**
 * Restarts the owner's window and follow-up clock after a contact that the
 * policy counts (OWN-VALIDITY renewal, OWN-FOLLOWUP). Never shortens a window.
 * @internal
 */
export function renew(file: ClientFile, ctx: Ctx, channel: Channel | null): ClientFile {
  if (!isProtected(file.status)) return file;
  let windowEndsAt = file.windowEndsAt;
  if (channel !== null && windowEndsAt !== null) {
    const days = validityDays(ctx, channel);
    const basisDays = file.basis.channel === null ? null : validityDays(ctx, file.basis.channel);
    const longest = days === null || basisDays === null ? null : Math.max(days, basisDays);
    windowEndsAt = longest === null ? null : Math.max(windowEndsAt, windowEnd(ctx.calendar, ctx.at, longest));
  }
  const followUpBy = followUpDeadline(ctx, ctx.at, false) ?? file.followUpBy;
  return { ...file, windowEndsAt, followUpBy };
}

/**
 * Who owns a client at a given time, lapses applied, without changing anything.
 *
 * @example
 * ```ts
 * // { owner: 'S01', status: 'protected', protectionEndsAt: 1794... }
 * ```
 */
export interface OwnerView {
  readonly owner: string | null;
  readonly status: OwnerStatus;
  /** Epoch ms the protection ends; null when it has no time limit or no owner. */
  readonly protectionEndsAt: number | null;
  readonly rules: readonly RuleId[];
  readonly evidence: readonly string[];
}

/** The owner at `at`, lapses applied. @internal */
export function viewAt(file: ClientFile, at: number, ctx: Pick<Ctx, 'policy'>): OwnerView {
  const end = protectionEnd(file, ctx);
  if (end !== null && at >= end) {
    const rule: RuleId = file.followUpBy === end ? 'OWN-FOLLOWUP' : 'OWN-VALIDITY';
    return { owner: null, status: 'none', protectionEndsAt: null, rules: [rule], evidence: file.basis.evidence };
  }
  return { owner: file.owner, status: file.status, protectionEndsAt: end, rules: file.basis.rules, evidence: file.basis.evidence };
}

/** Whether a file's deal counts as a deposit that keeps a client in the pool (OWN-DEPARTED). @internal */
export function hasLiveDeal(file: ClientFile): boolean {
  return file.deal !== null && !file.deal.refunded;
}
