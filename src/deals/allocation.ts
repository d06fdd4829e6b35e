/**
 * Who is credited (业绩) and who is paid (佣金) for a deal: two separate
 * allocations, from what the client's ownership file records at close and
 * the policy's split cases (RULES §G, COL-DISCOUNT-HELPER; the split side of
 * COL-CROSS-FAMILY, OWN-COMPLAINT and OWN-CONCEAL, whose rule IDs come with
 * the ownership facts). The first case that applies decides.
 * @internal
 */
import { joinRules, rules, type Args } from '../kernel/decision.js';
import type { RuleId } from '../kernel/rules.js';
import { windowEnd, type Calendar } from '../kernel/time.js';
import type { StaffRole, StaffStatus } from '../events/schema.js';
import type { DealsPolicy } from './policy.js';
import { normalizeShares, type Share } from './split.js';

/**
 * A deal's split: credit shares, commission shares (null while a negotiated
 * split is awaited), and why.
 *
 * @example
 * ```ts
 * // { credit: [{ staff: 'S01', weight: '100' }], commission: [...], rules: ['DEAL-ABSENT-OWNER'], evidence: ['e2'], why: 'absentOwner', args: {...} }
 * ```
 */
export interface Allocation {
  readonly credit: readonly Share[];
  readonly commission: readonly Share[] | null;
  readonly rules: readonly RuleId[];
  readonly evidence: readonly string[];
  readonly why: string;
  readonly args: Args;
}

/**
 * What the split reads of the client's ownership, each fact with the rule
 * IDs behind it (the ownership family's facts fit this shape).
 * @internal
 */
export interface SplitFacts {
  readonly holder: string | null;
  readonly evidence: readonly string[];
  readonly holderSince: number;
  readonly concealment: { readonly concealer: string; readonly original: string; readonly event: string; readonly rules: readonly RuleId[] } | null;
  readonly complaint: { readonly original: string; readonly server: string; readonly event: string; readonly rules: readonly RuleId[] } | null;
  readonly referrerComplaint: { readonly original: string; readonly server: string; readonly event: string; readonly referral: string; readonly rules: readonly RuleId[] } | null;
  readonly crossFamily: readonly { readonly staff: string; readonly event: string }[];
  readonly crossFamilyRules: readonly RuleId[];
  readonly named: string | null;
  readonly namedRules: readonly RuleId[];
  readonly firstRules: readonly RuleId[];
  readonly keepRules: readonly RuleId[];
}

/** What a deal's allocation rests on. @internal */
export interface DealFacts {
  readonly closer: string;
  readonly invitedBy: string | null;
  readonly discountBy: string | null;
  readonly ownership: SplitFacts;
  /** A staff member's role and status (DEAL-COOPERATION, DEAL-ABSENT-OWNER). */
  readonly member: (id: string) => { readonly role: StaffRole; readonly status: StaffStatus } | undefined;
}

type Weights = Readonly<Record<string, number>>;

/** Two parties, each under the role name the policy's weights use. */
type Parties = readonly [readonly [role: string, staff: string], readonly [role: string, staff: string]];

function shares(parties: Parties, weights: Weights): Share[] {
  return normalizeShares(parties.map(([role, staff]) => ({ staff, weight: String(weights[role] ?? 0) })));
}

function all(staff: string): Share[] {
  return [{ staff, weight: '1' }];
}

interface Case {
  readonly credit: Weights;
  readonly commission: Weights | 'negotiated';
}

function byCase(parties: Parties, c: Case, cited: readonly RuleId[], evidence: readonly string[], why: string, args: Args): Allocation {
  const negotiated = c.commission === 'negotiated';
  return { credit: shares(parties, c.credit), commission: negotiated ? null : shares(parties, c.commission as Weights), rules: cited, evidence, why, args: negotiated ? { ...args, negotiated } : args };
}

function whole(staff: string, cited: readonly RuleId[], evidence: readonly string[], why: string, args: Args): Allocation {
  return { credit: all(staff), commission: all(staff), rules: cited, evidence, why, args };
}

const HELPER = rules('COL-DISCOUNT-HELPER');
const COOPERATION = rules('DEAL-COOPERATION');
const STAGES = rules('DEAL-STAGES');
const VALIDITY = rules('DEAL-VALIDITY-SPLIT');
const ABSENT = rules('DEAL-ABSENT-OWNER');
const RECOGNITION = rules('DEAL-RECOGNITION-WINDOW');

/**
 * Decides a deal's credit and commission shares.
 * @internal
 */
export function allocateDeal(facts: DealFacts, p: DealsPolicy, cal: Calendar, at: number): Allocation {
  const splits = p.splits;
  const { closer } = facts;
  const o = facts.ownership;
  const holder = o.holder;
  const evidence = o.evidence;

  const hidden = o.concealment;
  if (splits.concealment && hidden !== null && hidden.concealer === closer && hidden.original !== closer) {
    return { credit: all(holder ?? hidden.original), commission: all(hidden.original), rules: hidden.rules, evidence: [hidden.event], why: 'concealment', args: { closer, original: hidden.original } };
  }

  const helper = facts.discountBy;
  if (splits.discountHelper && helper !== null) {
    const to = holder !== null && holder !== helper ? holder : closer !== helper ? closer : null;
    if (to !== null) return whole(to, HELPER, evidence, 'discountHelper', { helper, to });
  }

  const complaint = o.complaint;
  if (splits.complaint !== null && complaint !== null && holder === complaint.server) {
    return byCase([['server', complaint.server], ['original', complaint.original]], splits.complaint, complaint.rules, [complaint.event], 'complaint', { server: complaint.server, original: complaint.original });
  }
  const referred = o.referrerComplaint;
  if (splits.complaintReferral !== null && referred !== null && holder === referred.server) {
    return byCase([['server', referred.server], ['original', referred.original]], splits.complaintReferral, referred.rules, [referred.event, referred.referral], 'complaintReferral', { server: referred.server, original: referred.original });
  }

  const other = holder === null ? undefined : o.crossFamily.find((x) => x.staff !== holder);
  if (splits.crossFamily !== null && holder !== null && other !== undefined) {
    return byCase([['first', holder], ['other', other.staff]], splits.crossFamily, o.crossFamilyRules, [...evidence, other.event], 'crossFamily', { first: holder, other: other.staff });
  }

  const inviter = facts.invitedBy;
  if (splits.invited !== null && inviter !== null && inviter !== closer && facts.member(inviter)?.role === 'sales') {
    return byCase([['closer', closer], ['inviter', inviter]], splits.invited, COOPERATION, evidence, 'invited', { closer, inviter });
  }

  if (holder === null || holder === closer) {
    const who = holder ?? closer;
    return whole(who, joinRules(STAGES, o.firstRules), evidence, holder === null ? 'noHolder' : 'owner', { to: who });
  }

  if (splits.validity !== null && o.named === closer) {
    return byCase([['named', closer], ['previous', holder]], splits.validity, joinRules(VALIDITY, o.namedRules), evidence, 'validity', { closer, holder });
  }
  const status = facts.member(holder)?.status ?? 'onDuty';
  if (splits.absentOwner !== null && status !== 'onDuty') {
    return byCase([['owner', holder], ['closer', closer]], splits.absentOwner, ABSENT, evidence, 'absentOwner', { closer, holder, status });
  }
  const recognition = splits.recognition;
  if (recognition !== null) {
    if (at < windowEnd(cal, o.holderSince, recognition.withinDays)) {
      return byCase([['original', holder], ['closer', closer]], recognition, RECOGNITION, evidence, 'recognitionWithin', { holder, closer, days: recognition.withinDays });
    }
    return whole(closer, RECOGNITION, evidence, 'recognitionAfter', { holder, closer, days: recognition.withinDays });
  }
  return whole(holder, o.keepRules, evidence, 'keep', { closer, holder });
}
