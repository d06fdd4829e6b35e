import { z } from 'zod';
import { decisionBase, type Wording } from '../kernel/decision.js';

/**
 * How a reference was matched to a client (RULES §A): `new`, by `key`,
 * `phone`, `maskedPhone`, `name` or `company`; `linked` (a link between two
 * persons, joined or not), `split` (a ruling split a registration off) or
 * `notCovered` (a non-family person named on a claim, ID-GROUP-ONE).
 *
 * @example
 * ```ts
 * matchSchema.parse('phone');
 * ```
 */
export const matchSchema = z.enum(['new', 'key', 'phone', 'maskedPhone', 'name', 'company', 'linked', 'split', 'notCovered']);

/** A match of {@link matchSchema}. */
export type Match = z.infer<typeof matchSchema>;

/**
 * How a reference was matched to a client (RULES §A).
 * `why`: `new`, `matched`, `joined`, `alreadyOne`, `separate`, `otherNeed`, `split`, `notCovered`.
 *
 * @example
 * ```ts
 * // { kind: 'identity', client: 'e2', person: 'e2', match: 'phone', why: 'matched', rules: ['ID-MATCH', 'ID-PHONE'], ... }
 * ```
 */
export const identityDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('identity'),
  client: z.string().describe('The client key (the id of the event that first registered the client group).'),
  person: z.string(),
  match: matchSchema,
});

/** A decision of {@link identityDecisionSchema}. */
export type IdentityDecision = z.infer<typeof identityDecisionSchema>;

const MATCHED: Record<string, string> = {
  key: 'by its client key',
  phone: 'by the same phone',
  maskedPhone: 'by the same visible digits of a masked phone',
  name: 'by the same name',
  company: 'by the same company',
};

/** The sentence of an identity decision. @internal */
export function describeIdentity(d: IdentityDecision, _w: Wording): string {
  const a = d.args ?? {};
  const companyAlone = typeof a.companyAlone === 'string' ? `; "${a.companyAlone}" without a contact person is not a company claim` : '';
  switch (d.why) {
    case 'new':
      return `a new client ${d.client}${companyAlone}`;
    case 'matched':
      return `matched client ${d.client} ${MATCHED[d.match] ?? ''}${companyAlone}`;
    case 'joined':
      return `${String(a.b)} is ${String(a.a)}'s ${a.relation === 'same' ? 'same person' : String(a.relation)}: one client ${d.client}`;
    case 'alreadyOne':
      return `${String(a.b)} is already part of client ${d.client}`;
    case 'separate':
      return `${String(a.b)} is ${String(a.a)}'s ${String(a.relation)}: under this policy they stay separate clients`;
    case 'otherNeed':
      return `${String(a.b)} is ${String(a.a)}'s ${String(a.relation)} but states a different need: separate clients`;
    case 'split':
      return `ruled not the same client as ${String(a.from)}: registration ${d.client} becomes a client of its own`;
    case 'notCovered':
      return `${String(a.label)} (${String(a.relation)}) is not family: one claim covers one group, so only the first name is valid`;
    default:
      return `identity: ${d.match}`;
  }
}
