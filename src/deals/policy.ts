import { z } from 'zod';

/**
 * Deal, credit and commission rules (RULES §G, §H).
 *
 * @example
 * ```ts
 * dealsPolicySchema.parse({ afterRefund: 'pool' });
 * ```
 */
export const dealsPolicySchema = z
  .strictObject({
    afterRefund: z
      .enum(['owner', 'pool'])
      .default('owner')
      .describe('RFD-RESTORE: after a full refund the client stays with the owner (within validity) or goes to the public pool.'),
  })
  .prefault({});

/** The deals section of a policy. */
export type DealsPolicy = z.infer<typeof dealsPolicySchema>;
