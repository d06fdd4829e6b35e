import { z } from 'zod';
import { listedOnce, relationSchema } from '../events/common.js';

/**
 * Who counts as "the same client" (RULES §A).
 *
 * @example
 * ```ts
 * identityPolicySchema.parse({ matchOn: 'phoneOrName' }).familyRelations; // ['spouse', 'parent', 'child']
 * ```
 */
export const identityPolicySchema = z
  .strictObject({
    matchOn: z
      .enum(['phone', 'phoneOrName', 'phoneAndName'])
      .default('phone')
      .describe('ID-MATCH: which keys make two registrations the same client. 002 uses phoneOrName.'),
    needMustMatch: z
      .boolean()
      .default(false)
      .describe('ID-MATCH: when both give a need, the needs must agree too (002 §2).'),
    maskedPhones: z
      .enum(['sufficient', 'withName', 'never'])
      .default('withName')
      .describe('ID-PHONE: whether a masked phone (138***88888) matches a full one alone, only with the same surname, or never.'),
    familyRelations: z
      .array(relationSchema)
      .default(['spouse', 'parent', 'child'])
      .describe('ID-FAMILY: relations that make one client group. Siblings are separate households in 004b.'),
    familyNeedMustMatch: z
      .boolean()
      .default(true)
      .describe('ID-FAMILY: relatives join a group only with the same need (when both state one).'),
    familyPriority: listedOnce(z.array(relationSchema))
      .nullable()
      .default(null)
      .describe('COL-CROSS-FAMILY (004l): rank of relatives when family members were registered by different staff, each listed once; null: the first registrant wins.'),
  })
  .prefault({});

/** The identity section of a policy. */
export type IdentityPolicy = z.infer<typeof identityPolicySchema>;
