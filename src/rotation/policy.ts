import { z } from 'zod';

/**
 * Reception rotation rules (RULES §D: ROT-*).
 *
 * @example
 * ```ts
 * rotationPolicySchema.parse({});
 * ```
 */
export const rotationPolicySchema = z
  .strictObject({
    oldClientCounts: z
      .boolean()
      .default(false)
      .describe('ROT-OLD-CLIENT-NOT-COUNTED: whether receiving an own old client uses a turn.'),
  })
  .prefault({});

/** The rotation section of a policy. */
export type RotationPolicy = z.infer<typeof rotationPolicySchema>;
