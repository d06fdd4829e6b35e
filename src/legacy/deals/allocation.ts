/**
 * Who is credited (业绩) and who is paid (佣金) for a deal: two separate
 * allocations, derived from the client's ownership file at close and the
 * policy's split cases (RULES §G, COL-CROSS-FAMILY, COL-DISCOUNT-HELPER,
 * OWN-COMPLAINT, OWN-CONCEAL). The first case that applies decides.
 * @internal
 */
import { windowEnd } from '../../kernel/time.js';
import type { Ctx } from '../office/context.js';
import type { ClientFile } from '../ownership/file.js';
import type { RuleId } from '../../kernel/rules.js';
import type { StaffMember } from '../staff/staff.js';
import { normalizeShares, type Share } from './split.js';

/**
 * A deal's split: credit shares, commission shares (null while a negotiated
 * split is awaited), and why.
 *
 * @example
 * ```ts
 * // { credit: [{ staff: 'S01', weight: '100' }], commission: [{ staff: 'S01', weight: '50' }, { staff: 'S02', weight: '50' }],
 * //   rules: ['DEAL-ABSENT-OWNER'], evidence: ['e2'], note: 'S01 was off when S02 closed: ...' }
 * ```
 */
export interface Allocation {
  readonly credit: readonly Share[];
  readonly commission: readonly Share[] | null;
  readonly rules: readonly RuleId[];
  readonly evidence: readonly string[];
  readonly note: string;
}

/** What a deal's allocation rests on. */
export interface DealFacts {
  readonly closer: string;
  readonly invitedBy: string | null;
  readonly discountBy: string | null;
  /** The client's file once the deal reached it (owner, complaint, concealment, family, registrations). */
  readonly file: ClientFile;
  /** The file of the client who referred this one (OWN-COMPLAINT 7:3 on referrals). */
  readonly referrerFile: ClientFile | undefined;
  readonly member: (id: string) => StaffMember | undefined;
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

function byCase(parties: Parties, c: Case, rules: RuleId[], evidence: readonly string[], note: string): Allocation {
  return {
    credit: shares(parties, c.credit),
    commission: c.commission === 'negotiated' ? null : shares(parties, c.commission),
    rules,
    evidence,
    note: c.commission === 'negotiated' ? `${note}; commission to be negotiated (a splitDeal event)` : note,
  };
}

function whole(staff: string, rules: RuleId[], evidence: readonly string[], note: string): Allocation {
  return { credit: all(staff), commission: all(staff), rules, evidence, note };
}

/** The owner who holds the client (protected, disputed or permanent), if any. */
function holderOf(file: ClientFile): string | null {
  return file.owner !== null && (file.status === 'protected' || file.status === 'disputed' || file.status === 'permanent') ? file.owner : null;
}

/**
 * Decides a deal's credit and commission shares.
 * @internal
 */
export function allocateDeal(facts: DealFacts, ctx: Ctx): Allocation {
  const splits = ctx.policy.deals.splits;
  const { closer, file } = facts;
  const holder = holderOf(file);
  const evidence = file.basis.evidence;

  const hidden = file.concealment;
  if (splits.concealment && hidden !== null && hidden.concealer === closer && hidden.original !== closer) {
    return {
      credit: all(holder ?? hidden.original),
      commission: all(hidden.original),
      rules: ['OWN-CONCEAL'],
      evidence: [hidden.event],
      note: `${closer} knowingly hid that the client was ${hidden.original}'s: the commission goes to ${hidden.original}`,
    };
  }

  const helper = facts.discountBy;
  if (splits.discountHelper && helper !== null) {
    const beneficiary = holder !== null && holder !== helper ? holder : closer !== helper ? closer : null;
    if (beneficiary !== null) {
      return whole(beneficiary, ['COL-DISCOUNT-HELPER'], evidence, `${helper} only helped with a discount and earns nothing: all credit and commission to ${beneficiary}`);
    }
  }

  const complaint = file.complaint;
  if (splits.complaint !== null && complaint !== null && holder === complaint.server) {
    return byCase([['server', complaint.server], ['original', complaint.original]], splits.complaint, ['OWN-COMPLAINT'], [complaint.event], `reassigned to ${complaint.server} after a justified complaint against ${complaint.original}`);
  }
  const referred = facts.referrerFile?.complaint ?? null;
  if (splits.complaintReferral !== null && referred !== null && holder === referred.server) {
    return byCase([['server', referred.server], ['original', referred.original]], splits.complaintReferral, ['OWN-COMPLAINT', 'REF-CHAIN'], [referred.event, file.referral?.event ?? file.key], `referred by a client reassigned from ${referred.original} to ${referred.server} after a complaint`);
  }

  const other = holder === null ? undefined : file.crossFamily.find((c) => c.staff !== holder);
  if (splits.crossFamily !== null && holder !== null && other !== undefined) {
    return byCase([['first', holder], ['other', other.staff]], splits.crossFamily, ['COL-CROSS-FAMILY'], [...evidence, other.event], `${holder} registered the family first and ${other.staff} another member`);
  }

  const inviter = facts.invitedBy;
  if (splits.invited !== null && inviter !== null && inviter !== closer && facts.member(inviter)?.role === 'sales') {
    return byCase([['closer', closer], ['inviter', inviter]], splits.invited, ['DEAL-COOPERATION'], evidence, `${inviter} invited the client by phone and ${closer} served them`);
  }

  if (holder === null || holder === closer) {
    const who = holder ?? closer;
    return whole(who, ['DEAL-STAGES', 'OWN-FIRST'], evidence, holder === null ? `no one held the client: all to the closer ${who}` : `closed by the owner ${who}`);
  }

  if (splits.validity !== null && file.named === closer) {
    return byCase([['named', closer], ['previous', holder]], splits.validity, ['DEAL-VALIDITY-SPLIT', 'OWN-NAMED'], evidence, `the client named ${closer} over ${holder}, still within validity`);
  }
  const status = facts.member(holder)?.status ?? 'onDuty';
  if (splits.absentOwner !== null && status !== 'onDuty') {
    return byCase([['owner', holder], ['closer', closer]], splits.absentOwner, ['DEAL-ABSENT-OWNER'], evidence, `${closer} closed while the owner ${holder} was away (${status})`);
  }
  const recognition = splits.recognition;
  if (recognition !== null) {
    const first = file.registrations.find((r) => r.valid && r.staff === holder);
    const from = first?.at ?? file.basis.at;
    if (ctx.at < windowEnd(ctx.calendar, from, recognition.withinDays)) {
      return byCase([['original', holder], ['closer', closer]], recognition, ['DEAL-RECOGNITION-WINDOW'], evidence, `${holder} did not recognize the client and ${closer} closed within ${recognition.withinDays} days of the first reception`);
    }
    return whole(closer, ['DEAL-RECOGNITION-WINDOW'], evidence, `${closer} closed more than ${recognition.withinDays} days after ${holder}'s first reception: all to ${closer}`);
  }
  return whole(holder, ['OWN-FIRST', 'COL-EARLIEST'], evidence, `${closer} closed a client of ${holder}: credit and commission stay with the owner`);
}
