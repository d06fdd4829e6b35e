/**
 * The deals family's decisions (RULES §G, §H) and their sentences.
 */
import { z } from 'zod';
import { termWords } from '../kernel/time.js';
import { decisionBase, type Args, type Wording } from '../kernel/decision.js';
import { dealStageSchema, decimalSchema } from '../events/common.js';

const client = z.string().describe('The client key (the id of the event that first registered the client group).');

/**
 * A deal reached a stage, was refused, or was refunded (DEAL-STAGES, RFD-*).
 *
 * @example
 * ```ts
 * // { kind: 'deal', client: 'e2', deal: 'D1', staff: 'S01', stage: 'subscription', outcome: 'recorded', ... }
 * ```
 */
export const dealDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('deal'),
  client,
  deal: z.string(),
  staff: z.string(),
  stage: dealStageSchema,
  outcome: z.enum(['recorded', 'refused', 'refunded']),
});

const shares = z.array(z.object({ staff: z.string(), share: z.string().describe('Fraction of the whole, e.g. "0.5".') }));

/**
 * Who is credited (业绩) and who is paid (佣金) for a deal, each as shares of
 * the whole (RULES §G, COM-SPLIT-EXACT). `commission` is null while a
 * negotiated split is awaited (DEAL-COOPERATION).
 *
 * @example
 * ```ts
 * // { kind: 'allocation', client: 'e2', deal: 'D1', credit: [{ staff: 'S01', share: '1' }],
 * //   commission: [{ staff: 'S01', share: '0.5' }, { staff: 'S02', share: '0.5' }], why: 'absentOwner', ... }
 * ```
 */
export const allocationDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('allocation'),
  client,
  deal: z.string(),
  credit: shares,
  commission: shares.nullable().describe('null: awaiting a negotiated split (splitDeal).'),
});

/**
 * One entry of the append-only ledger (RFD-CLAWBACK, COM-RATE-TIERS): an
 * accrual, a clawback or an adjustment of one person's credit, commission or
 * fixed bonus, exact to the cent. `deal` is null for a month's re-tiering.
 *
 * @example
 * ```ts
 * // { kind: 'ledger', id: 'e40#2', entry: 'accrual', account: 'commission', staff: 'S01', deal: 'D1', client: 'e2',
 * //   month: '2026-11', period: '2026-11', amount: '1800.00', rate: '1.8', ... }
 * ```
 */
export const ledgerEntrySchema = z.object({
  ...decisionBase,
  kind: z.literal('ledger'),
  id: z.string().describe('"<event id>#<n>": unique and stable across replays.'),
  entry: z.enum(['accrual', 'clawback', 'adjustment']),
  account: z.enum(['credit', 'commission', 'bonus']).describe('credit: performance credit (业绩); commission and bonus: money.'),
  staff: z.string(),
  deal: z.string().nullable().describe('null: a re-tiering of the whole month (COM-RATE-TIERS).'),
  client: client.nullable(),
  month: z.string().describe('The month (YYYY-MM, office time) the entry is booked in.'),
  period: z.string().describe('The month whose attainment and tier the entry concerns.'),
  amount: decimalSchema.describe('Signed, two decimals.'),
  rate: z.string().nullable().describe('Per mille, for a commission accrual.'),
});

/**
 * A recognition fact recorded (DEAL-RECOGNITION-WINDOW, DEAL-EVENT,
 * DEAL-LATER-DESIGNATION): the client was recognized as an old client of
 * their holder during the reception, or found later; `holder` is who held
 * them then, and `redecided` the deal whose split the finding decided anew.
 *
 * @example
 * ```ts
 * // { kind: 'recognition', client: 'e2', during: 'later', by: 'S02', follower: null, holder: 'S01', redecided: null, ... }
 * ```
 */
export const recognitionDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('recognition'),
  client,
  during: z.enum(['reception', 'later']),
  by: z.string().nullable(),
  follower: z.string().nullable(),
  holder: z.string().nullable(),
  redecided: z.string().nullable().describe('The deal whose split the finding decided anew, if it changed.'),
});

/**
 * A marketing event or launch on record (DEAL-EVENT), from `from` to `to`
 * (epoch ms).
 *
 * @example
 * ```ts
 * // { kind: 'marketingEvent', name: '开盘', from: 1793..., to: 1793..., ... }
 * ```
 */
export const marketingEventDecisionSchema = z.object({
  ...decisionBase,
  kind: z.literal('marketingEvent'),
  name: z.string().nullable(),
  from: z.number(),
  to: z.number(),
});

/** A deal decision. */
export type DealDecision = z.infer<typeof dealDecisionSchema>;
/** An allocation decision. */
export type AllocationDecision = z.infer<typeof allocationDecisionSchema>;
/** A ledger entry of {@link ledgerEntrySchema}. */
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;
/** A recognition decision. */
export type RecognitionDecision = z.infer<typeof recognitionDecisionSchema>;
/** A marketing event decision. */
export type MarketingEventDecision = z.infer<typeof marketingEventDecisionSchema>;
/** Every decision of the deals family. */
export type DealsDecision = DealDecision | AllocationDecision | LedgerEntry | RecognitionDecision | MarketingEventDecision;

const str = (a: Args | undefined, k: string): string => {
  const v = a?.[k];
  return v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v);
};

/** The sentence of a deal's split (also the note of `dealsOf`). @internal */
export function splitWords(why: string, a: Args | undefined, w: Wording): string {
  const who = (k: string) => w.who(str(a, k) || null);
  const negotiated = a?.negotiated === true ? '; commission to be negotiated (a splitDeal event)' : '';
  switch (why) {
    case 'concealment':
      return `${who('closer')} knowingly hid that the client was ${who('original')}'s: the commission goes to ${who('original')}`;
    case 'discountHelper':
      return `${who('helper')} only helped with a discount and earns nothing: all credit and commission to ${who('to')}`;
    case 'complaint':
      return `reassigned to ${who('server')} after a justified complaint against ${who('original')}${negotiated}`;
    case 'served':
      return `${who('closer')} served the client on the manager's designation while ${who('holder')} kept them${negotiated}`;
    case 'complaintReferral':
      return `referred by a client reassigned from ${who('original')} to ${who('server')} after a complaint${negotiated}`;
    case 'crossFamily':
      return `${who('first')} registered the family first and ${who('other')} another member${negotiated}`;
    case 'invited':
      return `${who('inviter')} invited the client by phone and ${who('closer')} served them${negotiated}`;
    case 'noHolder':
      return `no one held the client: all to the closer ${who('to')}`;
    case 'owner':
      return `closed by the owner ${who('to')}`;
    case 'validity':
      return `the client named ${who('closer')} over ${who('holder')}, still within validity${negotiated}`;
    case 'absentOwner':
      return `${who('closer')} closed while the owner ${who('holder')} was away (${str(a, 'status')})${negotiated}`;
    case 'absentUnannounced':
      return `the client said they had not been here while their owner ${who('holder')} was away (${str(a, 'status')}): a cooperative reception, ${who('closer')} closed${negotiated}`;
    case 'absentNamed':
      return `the client named ${who('holder')}, who was away (${str(a, 'status')}), and ${who('closer')} received them and closed${negotiated}`;
    case 'absentNamedNotice':
      return `the client named ${who('holder')}, who was away (${str(a, 'status')}) but had told the office in advance, and ${who('closer')} received them and closed: credit and commission stay with ${who('holder')}`;
    case 'absentOwnerLater':
      return `${who('closer')} closed on a day they had not received the client for the away owner ${who('holder')}: the client was back with the owner, credit and commission stay with them`;
    case 'recognitionWithin':
      return `${who('holder')} did not recognize the client and ${who('closer')} closed within ${str(a, 'days')} days of the first reception${negotiated}`;
    case 'recognitionAfter':
      return `${who('closer')} closed more than ${str(a, 'days')} days after ${who('holder')}'s first reception: all to ${who('closer')}`;
    case 'recognitionFound':
      return `${who('holder')} did not recognize the client, found later within ${termWords(a)} of the first reception: credit to ${who('closer')}, commission shared${negotiated}`;
    case 'recognitionFoundAfter':
      return `the client was found more than ${termWords(a)} after ${who('holder')}'s first reception: all to ${who('closer')}`;
    case 'recognized':
      return `${who('holder')}'s old client was recognized during the reception and handed back: credit and commission stay with ${who('holder')}`;
    case 'eventManager':
      return `closed during ${str(a, 'event') || 'a marketing event'}: the manager decides; credit to ${who('closer')} until then, commission to be negotiated (a splitDeal event)`;
    case 'eventOwn':
      return `closed by ${who('closer')} during ${str(a, 'event') || 'a marketing event'}: a new client or their own: all to ${who('closer')}`;
    case 'eventIdentified':
      return `${who('closer')} closed ${who('holder')}'s old client during ${str(a, 'event') || 'a marketing event'}, identified that day: shared${negotiated}`;
    case 'eventUnclaimed':
      return `${who('closer')} closed ${who('holder')}'s old client during ${str(a, 'event') || 'a marketing event'}, and ${who('holder')} did not react that day: all to ${who('closer')}`;
    case 'archiveMatch':
      return `the client forgot who served them; ${who('receiver')} found ${who('holder')} in the archive within its window: credit to ${who('follower')}, bonus shared between ${who('receiver')} and ${who('holder')}${negotiated}`;
    case 'laterNamed':
      return `the client named ${who('closer')} on arrival at a later visit: shared with the earlier ${str(a, 'earlier')}${negotiated}`;
    case 'keep':
      return `${who('closer')} closed a client of ${who('holder')}: credit and commission stay with the owner`;
    case 'reassigned':
      return `${str(a, 'note') || 'reassigned'}: all credit and commission to ${who('to')}`;
    case 'negotiated':
      return `split negotiated${str(a, 'by') ? ` and recorded by ${who('by')}` : ''}`;
    default:
      return why;
  }
}

const ENTRY: Record<string, string> = { accrual: 'accrues', clawback: 'reversed', adjustment: 'adjusted' };

/** The sentence of a deals-family decision. @internal */
export function describeDeals(d: DealsDecision, w: Wording): string {
  const a = d.args;
  switch (d.kind) {
    case 'deal':
      if (d.outcome === 'refused') return `unit ${str(a, 'unit')} is held by deal ${str(a, 'holder')}, whose deposit came first (${w.time(Number(a?.holderAt ?? d.at))}): deal ${d.deal} is refused`;
      if (d.outcome === 'refunded') return `${a?.full === true ? 'full' : 'partial'} refund${str(a, 'reason') ? ` (${str(a, 'reason')})` : ''}; ${str(a, 'refunded')} of ${str(a, 'paid')} paid refunded so far${str(a, 'share') ? `, ${str(a, 'share')} of the deal reversed` : ''}`;
      return `${d.stage} of unit ${str(a, 'unit')} for ${str(a, 'amount')} by ${w.who(d.staff)}`;
    case 'allocation':
      return splitWords(d.why, a, w);
    case 'recognition': {
      const how = d.during === 'reception' ? 'recognized during the reception' : 'found after the reception';
      const by = d.by === null ? '' : ` by ${w.who(d.by)}`;
      const holder = d.holder === null ? 'an old client held by nobody now' : `an old client of ${w.who(d.holder)}`;
      return `${holder}, ${how}${by}${d.follower === null ? '' : `; ${w.who(d.follower)} follows up`}${d.redecided === null ? '' : `; the split of deal ${d.redecided} is decided anew`}`;
    }
    case 'marketingEvent':
      return `${d.name ?? 'a marketing event'} from ${w.time(d.from)} to ${w.time(d.to)}: deals closed in it follow the event rules`;
    case 'ledger': {
      const what = d.account === 'credit' ? 'credit' : d.account === 'bonus' ? 'fixed bonus' : 'commission';
      if (d.deal === null) return `${d.period} of ${w.who(d.staff)} re-tiered: red ${str(a, 'red')}/${str(a, 'redTarget') || '—'}, green ${str(a, 'green')}/${str(a, 'greenTarget') || '—'}, tier ${str(a, 'tier')}; the month's commission is now ${str(a, 'due')}`;
      switch (d.why) {
        case 'accrual':
          return `${w.who(d.staff)}'s ${what} accrues on deal ${d.deal} at ${str(a, 'stage')}`;
        case 'refund':
          return `${w.who(d.staff)}'s ${what} reversed in proportion to the refund of deal ${d.deal} (${str(a, 'refunded')} refunded${str(a, 'share') ? `, ${str(a, 'share')} of the deal` : ''}), at the split and rate of its close`;
        case 'split':
          return `${w.who(d.staff)}'s ${what} of deal ${d.deal} moved to the negotiated split`;
        default:
          return `${w.who(d.staff)}'s ${what} of deal ${d.deal} follows its new amount ${str(a, 'amount')} (${ENTRY[d.entry] ?? d.entry})`;
      }
    }
  }
}
