/**
 * Who a visitor belongs to when they are new: the salesperson they name
 * (OWN-NAMED), their referrer's salesperson (REF-CHAIN, REF-ACCOMPANIED), a
 * relative's salesperson who received them (OWN-RELATIVE), or whoever
 * received them (REF-UNNAMED, REF-DEVELOPER, OWN-FIRST).
 */
import type { Policy } from '../../policy/schema.js';
import type { RuleId } from '../../kernel/rules.js';
import type { Claimant } from './register.js';

/** What a visit says about its visitor's ties. @internal */
export interface VisitTies {
  readonly named: string | undefined;
  readonly relativeOf: string | undefined;
  readonly accompanied: boolean;
  /** The referring client and its salesperson; null when the referrer is not on record. */
  readonly referrer: { readonly client: string; readonly owner: string | null } | null | undefined;
  readonly referredByStaff: string | undefined;
}

/**
 * The claimant a visit names before anyone receives it, or null when the
 * receiver decides (REF-CHAIN, REF-ACCOMPANIED, OWN-NAMED).
 * @internal
 */
export function tiedClaimant(ties: VisitTies, policy: Policy): Claimant | null {
  const original = ties.referrer?.owner ?? null;
  if (original !== null && ties.accompanied && policy.referrals.accompaniedGoesToOriginal) {
    return { staff: original, rules: ['REF-ACCOMPANIED', 'REF-CHAIN'], note: `came with the referring client: ${original}'s client`, referral: true };
  }
  if (original !== null && policy.referrals.chain && ties.named === original) {
    return { staff: original, rules: ['REF-CHAIN', 'OWN-NAMED'], note: `referred by a client of ${original} and named them`, referral: true };
  }
  if (ties.named !== undefined && policy.ownership.namedOwnsNewClient) {
    return { staff: ties.named, rules: ['OWN-NAMED'], note: `the client named ${ties.named}`, referral: ties.referrer !== undefined };
  }
  return null;
}

/**
 * The claimant when the receiver decides: OWN-FIRST, with the rule that
 * explains why no tie applied (OWN-RELATIVE, REF-UNNAMED, REF-DEVELOPER).
 * @internal
 */
export function receiverClaimant(receiver: string, ties: VisitTies): Claimant {
  const rules: RuleId[] = ['OWN-FIRST'];
  let note = `first received by ${receiver}`;
  if (ties.relativeOf !== undefined) {
    rules.push('OWN-RELATIVE');
    note = ties.relativeOf === receiver ? `a relative of ${receiver}, registered first by them` : `a relative of ${ties.relativeOf}, who had no earlier record: ${receiver} received first`;
  }
  const referred = ties.referrer !== undefined || ties.referredByStaff !== undefined;
  if (ties.referredByStaff !== undefined) {
    rules.push('REF-DEVELOPER');
    note += `; referred by staff member ${ties.referredByStaff}: goes by arrival`;
  } else if (ties.referrer !== undefined) {
    rules.push('REF-UNNAMED');
    note += '; referred without naming anyone: goes to rotation and the receiver';
  }
  return { staff: receiver, rules, note, referral: referred };
}
