import { z } from 'zod';

/**
 * Every rule ID of the rule catalog (`docs/rules.md`), the catalog salesfloor encodes. Decisions cite
 * these IDs in their trace, and tests are named after them.
 *
 * @example
 * ```ts
 * import { ruleIds } from 'salesfloor';
 * ruleIds.includes('OWN-FIRST'); // true
 * ```
 */
export const ruleIds = [
  // A. identity
  'ID-MATCH', 'ID-PHONE', 'ID-FAMILY', 'ID-GROUP-ONE', 'ID-COMPANY', 'ID-NONCLIENT',
  // B. registration and claims
  'REG-FIRST', 'REG-FIELDS', 'REG-REAL-BUYER', 'REG-CALL-BEFORE-VISIT', 'REG-CUTOFF', 'REG-DISCIPLINE',
  'CLM-WINDOW', 'CLM-QUOTA', 'CLM-REQUIRES-REGISTRATION', 'CLM-CONFLICT-RETURN', 'CLM-UPDATE', 'CLM-PRE-FILE', 'CLM-REPORT',
  // C. ownership
  'OWN-FIRST', 'OWN-VALIDITY', 'OWN-FOLLOWUP', 'OWN-DEAL-PERMANENT', 'OWN-NAMED', 'OWN-MULTI-NAMED',
  'OWN-FIRST-QUESTION', 'OWN-RECOGNIZE', 'OWN-CALL', 'OWN-PHONE-INVITE', 'OWN-CHANNEL-GROUP', 'OWN-RELATIVE',
  'OWN-DEPARTED', 'OWN-REDISTRIBUTE', 'OWN-MANAGER', 'OWN-COMPLAINT', 'OWN-CONCEAL',
  // D. rotation
  'ROT-ORDER', 'ROT-CARRY', 'ROT-ELIGIBLE', 'ROT-OLD-CLIENT-NOT-COUNTED', 'ROT-MISSED-NO-MAKEUP',
  'ROT-MAKEUP-COMPANY', 'ROT-OWN-CLIENT-ARRIVES', 'ROT-LONG-RECEPTION', 'ROT-ABSENT-OWNER-ASSIST',
  'ROT-APPOINTMENT', 'ROT-TEAM-ASSIST', 'ROT-DUTY', 'ROT-GROUP-ONE', 'ROT-TOUR-GROUP', 'ROT-DEPOSIT-ONLY',
  'ROT-PENALTY-HALF', 'ROT-NO-CALLS', 'ROT-CALL-ALLOCATION', 'ROT-INVITED-VISIT',
  // E. collisions and disputes
  'COL-EARLIEST', 'COL-AFTER-DEAL', 'COL-COMPANY-VS-PERSON', 'COL-SAME-DAY', 'COL-CROSS-FAMILY',
  'COL-DISCOUNT-HELPER', 'COL-SAME-UNIT', 'DSP-PROCESS', 'DSP-QUARREL',
  // F. referrals
  'REF-CHAIN', 'REF-OVER-RELATIVE', 'REF-UNNAMED', 'REF-ACCOMPANIED', 'REF-WINDOW', 'REF-PRIOR', 'REF-FIRST-REFERRER',
  'REF-STAFF-EXCLUDED', 'REF-DEVELOPER',
  // G. deals, credit and commission
  'DEAL-STAGES', 'DEAL-ABSENT-OWNER', 'DEAL-COOPERATION', 'DEAL-RECOGNITION-WINDOW', 'DEAL-VALIDITY-SPLIT',
  'DEAL-LATER-DESIGNATION', 'DEAL-EVENT',
  'COM-RATE-TIERS', 'COM-FIXED-BONUS', 'COM-SPLIT-EXACT', 'COM-SALARY-GRADES',
  // H. refunds
  'RFD-CLAWBACK', 'RFD-RESTORE',
  // I. quotas, KPIs and periods
  'KPI-INVITE-RATE', 'KPI-CLOSE-RATE', 'KPI-ELIMINATION', 'KPI-CALLS', 'KPI-CALL-GRADES',
  'KPI-INVITE-CONFIRM', 'KPI-REWARD-DAYOFF',
  // J. penalties
  'PEN-FINES', 'PEN-CANCEL',
  // K. privacy and access
  'PRV-MASK', 'PRV-ACCESS',
] as const;

/**
 * The schema of a rule ID.
 *
 * @example
 * ```ts
 * ruleIdSchema.parse('COL-EARLIEST'); // 'COL-EARLIEST'
 * ```
 */
export const ruleIdSchema = z.enum(ruleIds);

/** A rule ID of the rule catalog (`docs/rules.md`), such as `OWN-FIRST` or `ROT-CARRY`. */
export type RuleId = z.infer<typeof ruleIdSchema>;
