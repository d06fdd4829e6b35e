import { z } from 'zod';
import { instantMs, isTimeZone } from '../kernel/time.js';
import { idSchema, instantSchema } from '../events/common.js';
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

// Instants are epoch ms and 0 means "never" or "free" in the state (busyUntil, halfUntil...): no event may come before it.
const FLOOR = '1970-01-02T00:00:00Z';

/**
 * The times an office's events may carry (issue 13): a typo such as 1026,
 * 0050 or 2062 would otherwise be applied, and one far-future line makes
 * every later line `out_of_order`. An event outside `[earliest, latest)`, or
 * more than `maxGapDays` after the last applied event, is refused with
 * `time_out_of_range`; a refusal for the gap is final, like any refusal of
 * an id (see docs/event-log.md#redelivery). Widen them for old archives or
 * an office that really was idle.
 *
 * @example
 * ```ts
 * limitsPolicySchema.parse({ earliest: '1995-01-01T00:00:00+08:00', maxGapDays: 1000 });
 * ```
 */
export const limitsPolicySchema = z
  .strictObject({
    earliest: instantSchema.default('2000-01-01T00:00:00Z').describe('The earliest time an event may carry (not before 1970-01-02).'),
    latest: instantSchema.default('2100-01-01T00:00:00Z').describe('Events at or after this time are refused.'),
    maxGapDays: z
      .number()
      .int()
      .min(1)
      .max(36_500)
      .nullable()
      .default(366)
      .describe('An event more than this many days after the last applied one is refused as a likely typo; null: no limit.'),
  })
  .refine((l) => instantMs(l.earliest) >= instantMs(FLOOR), { message: `earliest may not be before ${FLOOR}`, path: ['earliest'], when: (p) => p.issues.length === 0 })
  .refine((l) => instantMs(l.earliest) < instantMs(l.latest), { message: 'latest must be after earliest', path: ['latest'], when: (p) => p.issues.length === 0 })
  .prefault({});

/** The time limits of {@link limitsPolicySchema}. */
export type LimitsPolicy = z.output<typeof limitsPolicySchema>;

/**
 * A zone name in its IANA case: zones match case-insensitively, so
 * "asia/shanghai" is Asia/Shanghai, and a timeline, a report or a snapshot
 * should see one spelling. Only the case is changed: the runtime's canonical
 * name of an alias (US/Eastern, EST) differs between ICU versions, so an alias
 * written in its own case stays as written.
 */
function zoneSpelling(zone: string): string {
  if (!isTimeZone(zone)) return zone;
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
}

/**
 * One sales office's rules, as data. Every field has a documented default, so
 * `{}` is a valid policy; presets are objects of this schema. Each field's
 * description names the rule ID it parameterizes.
 *
 * @example
 * ```ts
 * const policy = policySchema.parse({ timeZone: 'Asia/Shanghai', ownership: { validityDays: { visit: 30 } } });
 * policy.ownership.validityDays.call; // null: the default sets no window
 * ```
 */
export const policySchema = z.strictObject({
  name: z.string().trim().min(1).max(100).default('default').describe('A label for reports and diffs.'),
  office: idSchema.optional().describe('When set, events of any other office are refused with office_mismatch.'),
  timeZone: z
    .string()
    .default('Asia/Shanghai')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as "Asia/Shanghai"' })
    .overwrite(zoneSpelling)
    .describe('IANA zone in which days are counted: windows, cutoffs, carry-over. A name in another case ("asia/shanghai") is the same zone and is kept in its IANA spelling.'),
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
  limits: limitsPolicySchema.describe('The times events may carry: a sane range and the longest gap (time_out_of_range).'),
});

/** A validated policy, every default filled in. */
export type Policy = z.output<typeof policySchema>;
/** A policy as written by its author: any field may be left to its default. */
export type PolicyInput = z.input<typeof policySchema>;
