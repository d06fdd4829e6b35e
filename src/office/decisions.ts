/**
 * Every decision the engine makes: the union of the families' decision
 * schemas, and their sentences.
 */
import { z } from 'zod';
import type { Wording } from '../kernel/decision.js';
import { allocationDecisionSchema, dealDecisionSchema, describeDeals, ledgerEntrySchema, marketingEventDecisionSchema, recognitionDecisionSchema } from '../deals/decisions.js';
import { describeIdentity, identityDecisionSchema } from '../identity/decisions.js';
import {
  claimDecisionSchema,
  collisionDecisionSchema,
  describeOwnership,
  disputeDecisionSchema,
  followUpDecisionSchema,
  ownershipDecisionSchema,
  referralDecisionSchema,
  registrationDecisionSchema,
} from '../ownership/decisions.js';
import {
  describePeriods,
  flagDecisionSchema,
  gradeDecisionSchema,
  invitationDecisionSchema,
  kpiDecisionSchema,
  penaltyDecisionSchema,
  recycleDecisionSchema,
  rewardDecisionSchema,
  violationDecisionSchema,
} from '../periods/decisions.js';
import { describeRotation, queueDecisionSchema, receptionDecisionSchema } from '../rotation/decisions.js';
import { describeStaff, staffDecisionSchema } from '../staff/decisions.js';

/**
 * Any decision the engine makes. Every decision carries the rule IDs and the
 * evidence it rests on, its event and instant, and a reason code whose
 * sentence {@link describeDecision} renders.
 *
 * @example
 * ```ts
 * decisionSchema.parse(JSON.parse(storedDecision));
 * ```
 */
export const decisionSchema = z.discriminatedUnion('kind', [
  receptionDecisionSchema,
  registrationDecisionSchema,
  identityDecisionSchema,
  ownershipDecisionSchema,
  claimDecisionSchema,
  collisionDecisionSchema,
  disputeDecisionSchema,
  penaltyDecisionSchema,
  referralDecisionSchema,
  followUpDecisionSchema,
  dealDecisionSchema,
  staffDecisionSchema,
  queueDecisionSchema,
  allocationDecisionSchema,
  ledgerEntrySchema,
  kpiDecisionSchema,
  flagDecisionSchema,
  violationDecisionSchema,
  gradeDecisionSchema,
  rewardDecisionSchema,
  invitationDecisionSchema,
  recycleDecisionSchema,
  recognitionDecisionSchema,
  marketingEventDecisionSchema,
]);

/** A decision of {@link decisionSchema}. */
export type Decision = z.infer<typeof decisionSchema>;
/** The decision of a given kind. */
export type DecisionOf<K extends Decision['kind']> = Extract<Decision, { kind: K }>;

/** The sentence of a decision, by the family that made it. @internal */
export function sentence(d: Decision, w: Wording): string {
  switch (d.kind) {
    case 'reception':
    case 'queue':
      return describeRotation(d, w);
    case 'identity':
      return describeIdentity(d, w);
    case 'staff':
      return describeStaff(d, w);
    case 'deal':
    case 'allocation':
    case 'ledger':
    case 'recognition':
    case 'marketingEvent':
      return describeDeals(d, w);
    case 'kpi':
    case 'flag':
    case 'penalty':
    case 'violation':
    case 'grade':
    case 'reward':
    case 'invitation':
    case 'recycle':
      return describePeriods(d, w);
    default:
      return describeOwnership(d, w);
  }
}
