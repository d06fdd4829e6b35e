/**
 * What other families need to know of a client's ownership: who holds them
 * and what the file records that changes a deal's split (a complaint, a
 * concealment, another family member's registrant, the salesperson the
 * client named), each with the rule IDs that stand behind it.
 */
import { rules } from '../kernel/decision.js';
import type { RuleId } from '../kernel/rules.js';
import type { OwnCtx } from './file.js';
import { holderOf, type FileExtra } from './state.js';

/**
 * A client's ownership as the deal split reads it.
 * @internal
 */
export interface OwnershipFacts {
  readonly client: string;
  /** Who holds the client (protected, disputed or permanent), if anyone. */
  readonly holder: string | null;
  /** The events the ownership rests on. */
  readonly evidence: readonly string[];
  /** When the holder first registered the client (DEAL-RECOGNITION-WINDOW). */
  readonly holderSince: number;
  readonly concealment: { readonly concealer: string; readonly original: string; readonly event: string; readonly rules: readonly RuleId[] } | null;
  readonly complaint: { readonly original: string; readonly server: string; readonly event: string; readonly rules: readonly RuleId[] } | null;
  /** A complaint that moved the client who referred this one (OWN-COMPLAINT 7:3 on referrals). */
  readonly referrerComplaint: { readonly original: string; readonly server: string; readonly event: string; readonly referral: string; readonly rules: readonly RuleId[] } | null;
  /** Others who registered a member of this family (COL-CROSS-FAMILY). */
  readonly crossFamily: readonly { readonly staff: string; readonly event: string }[];
  readonly crossFamilyRules: readonly RuleId[];
  /** The salesperson the client named over the holder (OWN-NAMED). */
  readonly named: string | null;
  readonly namedRules: readonly RuleId[];
  /** OWN-FIRST: the holder (or, with no holder, the closer) owns the deal. */
  readonly firstRules: readonly RuleId[];
  /** OWN-FIRST, COL-EARLIEST: a colleague closed a client the holder keeps. */
  readonly keepRules: readonly RuleId[];
  /** The holder was away at the client's last visit, which came unannounced or was a new client naming them (DEAL-ABSENT-OWNER). */
  readonly absentVisit: FileExtra['absentVisit'];
  /** The client's registrations in order (the earlier salespeople of a later designation). */
  readonly registrations: readonly { readonly staff: string | null; readonly valid: boolean }[];
  /** Who serves the client without owning them: after a complaint that was not the owner's fault (OWN-COMPLAINT), or a manager's service assignment (OWN-MANAGER). */
  readonly served: { readonly staff: string; readonly event: string; readonly rules: readonly RuleId[] } | null;
}

const CONCEAL = rules('OWN-CONCEAL');
const COMPLAINT = rules('OWN-COMPLAINT');
const MANAGER = rules('OWN-MANAGER');
const COMPLAINT_REFERRAL = rules('OWN-COMPLAINT', 'REF-CHAIN');
const CROSS = rules('COL-CROSS-FAMILY');
const NAMED = rules('OWN-NAMED');
const FIRST = rules('OWN-FIRST');
const KEEP = rules('OWN-FIRST', 'COL-EARLIEST');
const NONE: OwnershipFacts['registrations'] = Object.freeze([]);

/**
 * The ownership facts of a client, and of the client who referred them
 * (`groupOf` gives the client group of a person key).
 * @internal
 */
export function ownershipFacts(c: OwnCtx, client: string, groupOf: (person: string) => string): OwnershipFacts {
  const f = c.s.files.get(client);
  const holder = f ? holderOf(f) : null;
  const referrer = f?.x.referral?.referrer ?? null;
  const ref = referrer === null ? undefined : c.s.files.get(groupOf(referrer));
  const first = f?.registrations.find((r) => r.valid && r.staff === holder);
  const hidden = f?.x.concealment;
  const moved = f?.x.complaint;
  const referrerMoved = ref?.x.complaint;
  return {
    client,
    holder,
    evidence: f?.basis.evidence ?? [],
    holderSince: first?.at ?? f?.basis.at ?? c.tx.at,
    concealment: hidden ? { concealer: hidden.concealer, original: hidden.original, event: hidden.event, rules: CONCEAL } : null,
    complaint: moved ? { original: moved.original, server: moved.server, event: moved.event, rules: COMPLAINT } : null,
    referrerComplaint: referrerMoved ? { original: referrerMoved.original, server: referrerMoved.server, event: referrerMoved.event, referral: f?.x.referral?.event ?? client, rules: COMPLAINT_REFERRAL } : null,
    crossFamily: f?.x.crossFamily ?? [],
    crossFamilyRules: CROSS,
    named: f?.x.named ?? null,
    namedRules: NAMED,
    firstRules: FIRST,
    keepRules: KEEP,
    absentVisit: f?.x.absentVisit ?? null,
    registrations: f?.registrations ?? NONE,
    served: f?.x.servedBy ? { staff: f.x.servedBy.staff, event: f.x.servedBy.event, rules: f.x.servedBy.complaint === true ? COMPLAINT : MANAGER } : null,
  };
}

/**
 * A dealt client moved by an ownership rule after the deal's split was
 * decided: the deal goes whole to `to` (COL-AFTER-DEAL, OWN-RECOGNIZE,
 * DSP-QUARREL). The office hands it to the deals family.
 * @internal
 */
export interface DealMove {
  readonly deal: string;
  readonly to: string;
  readonly rules: readonly RuleId[];
  readonly evidence: readonly string[];
  /** Why, in words, for the allocation's sentence. */
  readonly note: string;
}
