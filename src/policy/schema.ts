import { z } from 'zod';
import { isTimeZone } from '../kernel/time.js';
import { idSchema } from '../events/common.js';
import { identityPolicySchema } from '../identity/policy.js';
import {
  claimsPolicySchema,
  collisionsPolicySchema,
  disputesPolicySchema,
  ownershipPolicySchema,
  referralsPolicySchema,
  registrationPolicySchema,
} from '../ownership/policy.js';
import { rotationPolicySchema } from '../rotation/policy.js';
import { dealsPolicySchema } from '../deals/policy.js';
import { periodsPolicySchema } from '../periods/policy.js';

/**
 * One sales office's rules, as data. Every field has a documented default, so
 * `{}` is a valid policy; presets are objects of this schema. Each field's
 * description names the rule ID it parameterizes.
 *
 * @example
 * ```ts
 * const policy = policySchema.parse({ timeZone: 'Asia/Shanghai', ownership: { validityDays: { visit: 30 } } });
 * policy.ownership.validityDays.call; // 7
 * ```
 */
export const policySchema = z.strictObject({
  name: z.string().trim().min(1).max(100).default('default').describe('A label for reports and diffs.'),
  office: idSchema.optional().describe('When set, events of any other office are refused with office_mismatch.'),
  timeZone: z
    .string()
    .default('Asia/Shanghai')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as "Asia/Shanghai"' })
    .describe('IANA zone in which days are counted: windows, cutoffs, carry-over.'),
  identity: identityPolicySchema,
  registration: registrationPolicySchema,
  claims: claimsPolicySchema,
  ownership: ownershipPolicySchema,
  collisions: collisionsPolicySchema,
  disputes: disputesPolicySchema,
  referrals: referralsPolicySchema,
  rotation: rotationPolicySchema,
  deals: dealsPolicySchema,
  periods: periodsPolicySchema,
});

/** A validated policy, every default filled in. */
export type Policy = z.output<typeof policySchema>;
/** A policy as written by its author: any field may be left to its default. */
export type PolicyInput = z.input<typeof policySchema>;
