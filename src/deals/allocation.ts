/**
 * Who is credited (业绩) and who is paid (佣金) for a deal: two separate
 * allocations, from what the client's ownership file records at close and
 * the policy's split cases (RULES §G, COL-DISCOUNT-HELPER; the split side of
 * COL-CROSS-FAMILY, OWN-COMPLAINT and OWN-CONCEAL, whose rule IDs come with
 * the ownership facts). The first case that applies decides.
 * @internal
 */
import { joinRules, rules, type Args } from '../kernel/decision.js';
import { append } from '../kernel/list.js';
import type { RuleId } from '../kernel/rules.js';
import { termArgs, windowEnd, type Calendar } from '../kernel/time.js';
import type { StaffRole, StaffStatus } from '../events/schema.js';
import { money } from '../kernel/money.js';
import type { DealsPolicy, SplitsPolicy } from './policy.js';
import { normalizeShares, type Share } from './split.js';
import type { MarketingEvent, Recognition } from './state.js';

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
  /** The holder was away at the client's last visit, which came unannounced or was a new client naming them (DEAL-ABSENT-OWNER). */
  readonly absentVisit: { readonly how: 'unannounced' | 'namedNew'; readonly owner: string; readonly event: string; readonly notice?: true } | null;
  /** The client's registrations in order, for the earlier salespeople of DEAL-LATER-DESIGNATION. */
  readonly registrations: readonly { readonly staff: string | null; readonly valid: boolean; readonly channel?: string; readonly lastAt?: number }[];
  /** Who serves the client without owning them (a complaint's designated server, a service assignment). */
  readonly served: { readonly staff: string; readonly event: string; readonly rules: readonly RuleId[] } | null;
}

/**
 * What the deals family itself knows of a deal's circumstances: the
 * client's last recognition fact and the marketing event the deal fell in
 * (DEAL-RECOGNITION-WINDOW, DEAL-EVENT, DEAL-LATER-DESIGNATION). Read only
 * when a policy that uses them is on.
 * @internal
 */
export interface Circumstances {
  readonly recognition: Recognition | null;
  readonly event: MarketingEvent | null;
}

/** No recognition fact and no marketing event. @internal */
export const NO_CIRCUMSTANCES: Circumstances = Object.freeze({ recognition: null, event: null });

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
const ABSENT_COOPERATION = rules('DEAL-ABSENT-OWNER', 'DEAL-COOPERATION');
const RECOGNITION = rules('DEAL-RECOGNITION-WINDOW');
const EVENT = rules('DEAL-EVENT');
const LATER = rules('DEAL-LATER-DESIGNATION');

/** DEAL-EVENT: a deal closed during a marketing event (004b §3, 003 3(13)). */
function eventCase(m: NonNullable<SplitsPolicy['marketingEvent']>, ev: MarketingEvent, known: Circumstances, closer: string, holder: string | null, evidence: readonly string[], cal: Calendar, at: number): Allocation {
  const cited = append(evidence, ev.event);
  const name = ev.name;
  if (m.byManager) return { credit: all(closer), commission: null, rules: EVENT, evidence: cited, why: 'eventManager', args: { closer, event: name, negotiated: true } };
  if (holder === null || holder === closer) return whole(closer, EVENT, cited, 'eventOwn', { closer, event: name });
  const r = known.recognition;
  // 活动当天查明: identified during the event, or on the deal's day.
  const identified = r !== null && ((r.at >= ev.from && r.at <= ev.to) || cal.dayOf(r.at) === cal.dayOf(at));
  if (identified && m.identified !== null) return byCase([['closer', closer], ['original', holder]], m.identified, EVENT, append(cited, r.event), 'eventIdentified', { closer, holder, event: name });
  return whole(closer, EVENT, cited, 'eventUnclaimed', { closer, holder, event: name });
}

/** The salespeople who registered the client before, first registration first, without `except`. */
function earlierOf(registrations: SplitFacts['registrations'], holder: string, except: string): string[] {
  const out: string[] = [];
  for (const r of registrations) if (r.valid && r.staff !== null && r.staff !== except && !out.includes(r.staff)) out.push(r.staff);
  if (!out.includes(holder)) out.unshift(holder);
  return out;
}

/** DEAL-LATER-DESIGNATION (003 3(8)): the named closer and the earlier salespeople share, the earlier part equally among them. */
function laterNamed(l: NonNullable<SplitsPolicy['laterDesignation']>, named: NonNullable<NonNullable<SplitsPolicy['laterDesignation']>['named']>, o: SplitFacts, closer: string, holder: string): Allocation {
  const earlier = l.earlier === 'holder' ? [holder] : earlierOf(o.registrations, holder, closer);
  const k = earlier.length;
  const weigh = (w: Weights): Share[] => normalizeShares([{ staff: closer, weight: money(w.named ?? 0).times(k).toString() }, ...earlier.map((staff) => ({ staff, weight: String(w.earlier ?? 0) }))]);
  const negotiated = named.commission === 'negotiated';
  return {
    credit: weigh(named.credit),
    commission: negotiated ? null : weigh(named.commission as Weights),
    rules: joinRules(LATER, o.namedRules),
    evidence: o.evidence,
    why: 'laterNamed',
    args: negotiated ? { closer, holder, earlier, negotiated } : { closer, holder, earlier },
  };
}

/** Whether `staff` registered a visit of the client on the day of `at` (DEAL-ABSENT-OWNER under absentOwnerSameDay). */
function receivedOn(registrations: SplitFacts['registrations'], staff: string, cal: Calendar, at: number): boolean {
  const day = cal.dayOf(at);
  return registrations.some((r) => r.valid && r.staff === staff && r.channel === 'visit' && r.lastAt !== undefined && cal.dayOf(r.lastAt) === day);
}

/**
 * Decides a deal's credit and commission shares.
 * @internal
 */
export function allocateDeal(facts: DealFacts, p: DealsPolicy, cal: Calendar, at: number, known: Circumstances = NO_CIRCUMSTANCES): Allocation {
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

  // 004e §10: the designated server closes a client the owner kept after a complaint.
  const served = o.served;
  if (splits.served !== null && served !== null && holder !== null && holder !== closer && served.staff === closer) {
    return byCase([['owner', holder], ['server', closer]], splits.served, served.rules, append(evidence, served.event), 'served', { closer, holder });
  }

  const other = holder === null ? undefined : o.crossFamily.find((x) => x.staff !== holder);
  if (splits.crossFamily !== null && holder !== null && other !== undefined) {
    return byCase([['first', holder], ['other', other.staff]], splits.crossFamily, o.crossFamilyRules, append(evidence, other.event), 'crossFamily', { first: holder, other: other.staff });
  }

  const inviter = facts.invitedBy;
  if (splits.invited !== null && inviter !== null && inviter !== closer && facts.member(inviter)?.role === 'sales') {
    return byCase([['closer', closer], ['inviter', inviter]], splits.invited, COOPERATION, evidence, 'invited', { closer, inviter });
  }

  const ev = known.event;
  if (splits.marketingEvent !== null && ev !== null) return eventCase(splits.marketingEvent, ev, known, closer, holder, evidence, cal, at);

  // DEAL-LATER-DESIGNATION (003 3(7)): found later in the holder's archive, within its window (the holder still holds).
  const later = splits.laterDesignation;
  const found = known.recognition;
  if (later !== null && found !== null && found.during === 'later' && found.follower !== null && holder !== null) {
    const receiver = found.by ?? closer;
    if (receiver !== holder) {
      const c = later.archive.commission;
      const args: Args = { receiver, holder, follower: found.follower, closer };
      return { credit: all(found.follower), commission: c === 'negotiated' ? null : shares([['receiver', receiver], ['original', holder]], c), rules: LATER, evidence: append(evidence, found.event), why: 'archiveMatch', args: c === 'negotiated' ? { ...args, negotiated: true } : args };
    }
  }

  if (holder === null || holder === closer) {
    const who = holder ?? closer;
    return whole(who, joinRules(STAGES, o.firstRules), evidence, holder === null ? 'noHolder' : 'owner', { to: who });
  }

  // 003 3(8): named on arrival; a client who preferred the closer once the holder was known during the reception is 3(2), DEAL-VALIDITY-SPLIT.
  if (later !== null && later.named !== null && o.named === closer && !(splits.validity !== null && found?.during === 'reception')) {
    return laterNamed(later, later.named, o, closer, holder);
  }

  if (splits.validity !== null && o.named === closer) {
    return byCase([['named', closer], ['previous', holder]], splits.validity, joinRules(VALIDITY, o.namedRules), evidence, 'validity', { closer, holder });
  }
  const status = facts.member(holder)?.status ?? 'onDuty';
  if (status !== 'onDuty') {
    // 004b §1.3 and 004e §5: how the client came while the owner was away may have a split of its own.
    const away = o.absentVisit !== null && o.absentVisit.owner === holder ? o.absentVisit : null;
    const own = away === null ? null : away.how === 'unannounced' ? splits.absentUnannounced : splits.absentNamed;
    if (away !== null && own !== null) {
      // 004e §5: a named salesperson who told the office in advance keeps the deal.
      if (away.how === 'namedNew' && away.notice === true && splits.absentNamedUnlessNotice) {
        return whole(holder, joinRules(ABSENT, o.namedRules), append(evidence, away.event), 'absentNamedNotice', { closer, holder, status });
      }
      const cited = away.how === 'unannounced' ? ABSENT_COOPERATION : joinRules(ABSENT, o.namedRules);
      const why = away.how === 'unannounced' ? 'absentUnannounced' : 'absentNamed';
      return byCase([['owner', holder], ['closer', closer]], own, cited, append(evidence, away.event), why, { closer, holder, status });
    }
    if (splits.absentOwner !== null) {
      // 004i: the split holds for a deal the day the closer received the client; on a later day the client was back with the owner.
      if (splits.absentOwnerSameDay && !receivedOn(o.registrations, closer, cal, at)) return whole(holder, joinRules(ABSENT, o.keepRules), evidence, 'absentOwnerLater', { closer, holder, status });
      return byCase([['owner', holder], ['closer', closer]], splits.absentOwner, ABSENT, evidence, 'absentOwner', { closer, holder, status });
    }
  }
  // 004e §4: counted from 发现之时, the moment the client was found, to the first reception; no fact, no window.
  const recognition = splits.recognition;
  if (recognition !== null && found !== null) {
    const cited = append(evidence, found.event);
    if (found.during === 'reception') return whole(holder, joinRules(RECOGNITION, o.keepRules), cited, 'recognized', { holder, closer });
    if (found.at < windowEnd(cal, o.holderSince, recognition.withinDays)) {
      return byCase([['original', holder], ['closer', closer]], recognition, RECOGNITION, cited, 'recognitionFound', { holder, closer, ...termArgs(recognition.withinDays), foundAt: found.at });
    }
    return whole(closer, RECOGNITION, cited, 'recognitionFoundAfter', { holder, closer, ...termArgs(recognition.withinDays), foundAt: found.at });
  }
  return whole(holder, o.keepRules, evidence, 'keep', { closer, holder });
}
