import { z } from 'zod';
import { termSchema } from '../kernel/time.js';
import { dealStageSchema, decimalSchema, nonNegativeDecimalSchema as nonNegative } from '../events/common.js';
import { money } from '../kernel/money.js';

const weight = z.number().min(0, 'must be 0 or more').max(1_000_000, 'must be at most 1000000');

/**
 * Two parties' weights in a split, e.g. `{ owner: 50, closer: 50 }` or
 * `{ named: 80, previous: 20 }`. Weights are relative (80/20 = 4/1); a zero
 * weight gives that party nothing.
 */
function pair(a: string, b: string, defaults: readonly [number, number]) {
  const shape: Record<string, z.ZodDefault<typeof weight>> = { [a]: weight.default(defaults[0]), [b]: weight.default(defaults[1]) };
  return z
    .strictObject(shape)
    .refine((o) => Object.values(o).some((x) => x > 0), { message: 'at least one weight must be above 0' })
    .prefault({});
}

/**
 * A commission split: `"negotiated"` (a splitDeal event decides) or the two
 * parties' weights. zod reports a union that fails both ways as a bare
 * "Invalid input"; an object gets the weights' own issues at their paths
 * instead, anything else one issue saying what the field takes.
 */
function negotiable(a: string, b: string, defaults: readonly [number, number]) {
  const takes = `must be "negotiated" or { ${a}, ${b} } weights`;
  return z
    .union([z.literal('negotiated'), pair(a, b, defaults)], { error: takes })
    .superRefine(
      (_, ctx) => {
        const failed = ctx.issues.findIndex((i) => i.code === 'invalid_union' && (i.path ?? []).length === 0);
        const weights = failed < 0 ? undefined : (ctx.issues[failed] as z.core.$ZodIssueInvalidUnion).errors[1];
        const value: unknown = ctx.value;
        if (weights === undefined || typeof value !== 'object' || value === null || Array.isArray(value)) return;
        // The branch's issues (final already, paths relative to the field) in place of the bare union issue;
        // zod finalizes them again as it would its own, keeping their codes, paths and messages.
        ctx.issues.splice(failed, 1, ...(weights as z.core.$ZodRawIssue[]));
      },
      { when: () => true },
    )
    .prefault({});
}

/** A case's credit split and commission split (or `negotiated`: a splitDeal event decides). */
function splitCase(a: string, b: string, credit: readonly [number, number], commission: readonly [number, number], rule: string) {
  return z
    .strictObject({
      credit: pair(a, b, credit).describe(`${rule}: how performance credit (业绩) is split between ${a} and ${b}.`),
      commission: negotiable(a, b, commission).describe(`${rule}: how commission (佣金) is split between ${a} and ${b}; "negotiated": it waits for a splitDeal event.`),
    })
    .nullable();
}

/** Each tier with the one below it, from the lowest (COM-RATE-TIERS). */
const TIER_STEPS = [
  ['neither', 'one'],
  ['one', 'both'],
  ['both', 'above'],
] as const;

const perMille = decimalSchema
  .refine((s) => !s.startsWith('-'), { message: 'a rate must be 0 or more' })
  // Not a decimal at all is the one issue decimalSchema gives: NaN is not "over 1000".
  .refine((s) => !(Number(s) > 1000), { message: 'a rate is per mille: at most 1000' });

/**
 * Who gets performance credit and commission when more than one salesperson
 * touched a deal (RULES §G, COL-CROSS-FAMILY, COL-DISCOUNT-HELPER,
 * OWN-COMPLAINT, OWN-CONCEAL). Each case is `null` when the office does not
 * use it: the owner then keeps everything (首接业绩制). Every case is `null`
 * by default, since the seeds disagree on each; `{}` turns one on with the
 * weights its description names.
 *
 * @example
 * ```ts
 * splitsPolicySchema.parse({ absentOwner: { commission: { owner: 80, closer: 20 } } });
 * ```
 */
export const splitsPolicySchema = z
  .strictObject({
    absentOwner: splitCase('owner', 'closer', [100, 0], [50, 50], 'DEAL-ABSENT-OWNER (004i, 004e: 5:5; 003: 80:20)')
      .default(null)
      .describe('DEAL-ABSENT-OWNER: a colleague closes while the owner is not on duty (004i, 004e §5: commission 5:5; 003: 80:20; 004a, 004f, 004h: all to the owner). null (default): the seeds disagree, no split: the owner keeps credit and commission. `{}` is credit to the owner, commission 5:5.'),
    recognition: z
      .strictObject({
        withinDays: termSchema.default(30).describe("DEAL-RECOGNITION-WINDOW (004e §4 一个月以内): from the owner's first reception to the moment the client was found (recognizeClient during later): full calendar days after the reception day, or `{ months: n }` calendar months."),
        credit: pair('original', 'closer', [0, 100]).describe('DEAL-RECOGNITION-WINDOW: credit within the window.'),
        commission: negotiable('original', 'closer', [50, 50]).describe('DEAL-RECOGNITION-WINDOW: commission within the window; after it, everything goes to the closer.'),
      })
      .nullable()
      .default(null)
      .describe('DEAL-RECOGNITION-WINDOW (004e §4): an old client the present owner did not recognize, found later (a recognizeClient event with during later), and closed by another; a client recognized during the reception, or with no recognition fact, stays with the owner; null: not used.'),
    marketingEvent: z
      .strictObject({
        byManager: z
          .boolean()
          .default(false)
          .describe('DEAL-EVENT (003 3(13)): the manager decides the clients of an event: credit to the closer until a splitDeal event records the decision, commission awaits it.'),
        identified: splitCase('closer', 'original', [50, 50], [50, 50], "DEAL-EVENT (004b §3.2): another's old client identified on the event day (recognizeClient)")
          .prefault({})
          .describe("DEAL-EVENT (004b §3.2): another's old client identified during the event (a recognizeClient in it); an old client whose original did not react is the closer's whole (§3.3)."),
      })
      .nullable()
      .default(null)
      .describe('DEAL-EVENT (004b §3, 003 3(13)): deals closed during a marketing event (holdMarketingEvent): new clients and own old clients are the closer\'s; null: events change nothing.'),
    laterDesignation: z
      .strictObject({
        named: splitCase('named', 'earlier', [50, 50], [50, 50], 'DEAL-LATER-DESIGNATION (003 3(8))')
          .prefault({})
          .describe('DEAL-LATER-DESIGNATION (003 3(8)): a client who named the closer on arrival at a later visit: the closer and the earlier salesperson(s) share credit and bonus.'),
        earlier: z
          .enum(['equally', 'holder'])
          .default('equally')
          .describe("DEAL-LATER-DESIGNATION (003 3(8)): how the earlier salespeople share the earlier part: equally among all who registered the client before, or all to the holder (the seed does not say)."),
        archive: z
          .strictObject({
            commission: negotiable('receiver', 'original', [50, 50]).describe('DEAL-LATER-DESIGNATION (003 3(7)): the bonus between the receiver who found the original in the archive and the original.'),
          })
          .prefault({})
          .describe("DEAL-LATER-DESIGNATION (003 3(7)): a client who forgot who served them, found later in the original's archive within its window (recognizeClient during later, with follower): credit to the follower, bonus receiver 50 : original 50."),
      })
      .nullable()
      .default(null)
      .describe('DEAL-LATER-DESIGNATION (003 3(7)-(8)): later designation of a client who had been received before; null: not used.'),
    validity: splitCase('named', 'previous', [100, 0], [80, 20], 'DEAL-VALIDITY-SPLIT (003)')
      .default(null)
      .describe('DEAL-VALIDITY-SPLIT (003): the client named the closer over a previous receiver still within validity; null: not used.'),
    invited: splitCase('closer', 'inviter', [50, 50], [50, 50], 'DEAL-COOPERATION (000 §2, 004b §2.1)')
      .default(null)
      .describe('DEAL-COOPERATION: a salesperson invited the client by phone and a colleague closed (closeDeal.invitedBy); 000 §2: credit 5:5, commission negotiated; 004b §2.1: 5:5. null (default): no split, the deal follows the owner (or the closer of a client nobody owns). `{}` is 5:5 both.'),
    crossFamily: splitCase('first', 'other', [100, 0], [50, 50], 'COL-CROSS-FAMILY (004e: credit first, commission even; 004b: 5:5 both)')
      .default(null)
      .describe('COL-CROSS-FAMILY: two staff each registered a member of one family (004e §6: credit to the first, commission 5:5; 004b §1.5: 5:5 both). null (default): no split, the family is the first registrant\'s, as 003 3(11), 004h §11 and 004l give it (首接). `{}` is the 004e split.'),
    complaint: splitCase('server', 'original', [100, 0], [50, 50], 'OWN-COMPLAINT (004l §6.2)')
      .default(null)
      .describe('OWN-COMPLAINT: a deal of a client reassigned after a justified complaint (004l §6.2: commission server 5 : original 5). null (default): no split, the new server has the whole deal, as 004e §10, 004f and 003 3(4) give it. `{}` is the 004l split.'),
    served: splitCase('owner', 'server', [100, 0], [50, 50], 'OWN-COMPLAINT (004e §10)')
      .default(null)
      .describe("OWN-COMPLAINT (004e §10 如为指定销售人员接待成交,佣金平分): a deal closed by the salesperson designated to serve a client who stays with the owner (a complaint not the owner's fault with fileComplaint.reassignTo, or a service assignment): credit to the owner, commission 5:5. null (default): no split, the owner keeps the deal. `{}` is the 004e split."),
    complaintReferral: splitCase('server', 'original', [100, 0], [70, 30], 'OWN-COMPLAINT (004l §6.2: 7:3)')
      .default(null)
      .describe("OWN-COMPLAINT (004l §6.2): a deal of a client referred by a client reassigned after a complaint (commission server 7 : original 3). null (default): no split, the deal follows the owner. `{}` is the 004l split."),
    concealment: z
      .boolean()
      .default(false)
      .describe('OWN-CONCEAL (004i): a salesperson a ruling found to have hidden the owner (issueRuling finding concealment) loses the commission to the original; false (default, no other seed has the rule): the ruling moves the client, the deal follows the owner.'),
    discountHelper: z
      .boolean()
      .default(true)
      .describe('COL-DISCOUNT-HELPER (004f, 003): a colleague who helped close with a discount (closeDeal.discountBy) earns nothing; all to the owner.'),
    absentUnannounced: splitCase('owner', 'closer', [50, 50], [50, 50], 'DEAL-ABSENT-OWNER, DEAL-COOPERATION (004b §1.3)')
      .default(null)
      .describe("DEAL-ABSENT-OWNER (004b §1.3 视作合作客户接待): the client's last visit was unannounced (registerVisit.unannounced: they said they had not been here) while the owner was away, and a colleague closed; null: as absentOwner."),
    absentNamed: splitCase('owner', 'closer', [0, 100], [50, 50], 'DEAL-ABSENT-OWNER, OWN-NAMED (004e §5)')
      .default(null)
      .describe('DEAL-ABSENT-OWNER (004e §5 当值成交的,成交业绩归当值人员所有,佣金两人均分): a new client named a salesperson who was away (registerVisit.named), and the colleague who received them closed; null: as absentOwner.'),
    absentNamedUnlessNotice: z
      .boolean()
      .default(false)
      .describe("DEAL-ABSENT-OWNER (004e §5 如该销售人员不在(且未能事先报备案场或指定专人协助接待)): the absentNamed split holds only when the named salesperson gave no notice (registerVisit.ownerNotice); with notice the deal is wholly theirs. false: the split holds either way."),
    absentOwnerSameDay: z
      .boolean()
      .default(false)
      .describe("DEAL-ABSENT-OWNER (004i 若当天成交 ... 若当天无法成交,客户归还A): the absent owner's split holds only for a deal closed on a day the closer received the client; a deal on a later day goes wholly to the owner; false: any deal closed while the owner is away."),
  })
  .refine((s) => !s.absentNamedUnlessNotice || s.absentNamed !== null, {
    message: 'needs a deals.splits.absentNamed split: with null there is no split for a notice to lift (DEAL-ABSENT-OWNER)',
    path: ['absentNamedUnlessNotice'],
    when: (p) => p.issues.length === 0,
  })
  .refine((s) => !s.absentOwnerSameDay || s.absentOwner !== null, {
    message: 'needs a deals.splits.absentOwner split: with null the owner keeps every deal, there is no split to limit (DEAL-ABSENT-OWNER)',
    path: ['absentOwnerSameDay'],
    when: (p) => p.issues.length === 0,
  })
  .prefault({});

/**
 * Commission rates and their tiers (COM-RATE-TIERS), re-tiering after refunds
 * (RFD-CLAWBACK), and how money is rounded and split (COM-SPLIT-EXACT). The
 * default rates are 0 (no seed but 000 names a rate): set `rates` to pay
 * commission, four equal rates for a flat one. The rates may not fall from
 * one tier to the next (`neither <= one <= both <= above`).
 *
 * @example
 * ```ts
 * commissionPolicySchema.parse({ rates: { neither: '1.8', one: '2', both: '2.3', above: '2.5' }, excess: 'marginal' }); // 000 §14
 * commissionPolicySchema.parse({ rates: { neither: '2', one: '2', both: '2', above: '2' } }); // a flat 2‰
 * ```
 */
export const commissionPolicySchema = z
  .strictObject({
    rates: z
      .strictObject({
        neither: perMille.default('0').describe('COM-RATE-TIERS (000 §14: 1.8): per mille when neither the red nor the green line is met; default 0.'),
        one: perMille.default('0').describe('COM-RATE-TIERS (000 §14: 2): per mille when one line is met; default 0.'),
        both: perMille.default('0').describe('COM-RATE-TIERS (000 §14: 2.3): per mille when both lines are met; default 0.'),
        above: perMille.default('0').describe('COM-RATE-TIERS (000 §14: 2.5): per mille on the part above both targets; default 0.'),
      })
      .superRefine(
        (r, ctx) => {
          // The first rate under the one before it: a salesperson meeting more lines would be paid less.
          const step = TIER_STEPS.find(([lower, tier]) => money(r[tier]).lt(money(r[lower])));
          if (step !== undefined) {
            const [lower, tier] = step;
            ctx.addIssue({ code: 'custom', path: [tier], message: `must be at least ${lower} (${r[lower]}): the tiers rise as more lines are met (COM-RATE-TIERS)` });
          }
        },
        { when: (p) => p.issues.length === 0 },
      )
      .prefault({})
      .describe('COM-RATE-TIERS: monthly rates by red/green line attainment, per mille of the deal amount, each at least the one before (neither <= one <= both <= above). Equal rates make a flat rate. Only 000 names rates, so the default names none: every rate is 0 and deals earn no commission until the office sets its rate (credit, attainment and splits are kept all the same).'),
    excess: z
      .enum(['marginal', 'whole'])
      .default('marginal')
      .describe('COM-RATE-TIERS: "marginal": only the part above both targets earns the above rate (000 §14); "whole": the whole month does once both are exceeded.'),
    excessBase: z
      .enum(['smaller', 'red', 'green'])
      .default('smaller')
      .describe('COM-RATE-TIERS (000 §14): which amount is the excess (超额部分) paid at the above rate once both lines are exceeded: the red-line amount above the red target (red, the reading closest to the seed: commission is paid on the red line), the green-line amount above the green target (green), or the smaller of the two (smaller). Never more than the month\'s base.'),
    redLineFrom: dealStageSchema.default('bigDeposit').describe('COM-RATE-TIERS (000 §14): a deal counts for the red line from this stage (大定 or 签约).'),
    greenLineFrom: dealStageSchema.default('loan').describe('COM-RATE-TIERS (000 §14): a deal counts for the green line from this stage (放款 or 备案).'),
    retierOnRefund: z
      .enum(['recompute', 'keep'])
      .default('recompute')
      .describe('RFD-CLAWBACK: after a refund, recompute the attainment and tier of the months the deal counted in, or keep them as they were.'),
    rounding: z
      .enum(['halfUp', 'halfEven', 'down'])
      .default('halfUp')
      .describe('COM-SPLIT-EXACT: how a commission (rate × amount) and a partial reversal are rounded to the cent.'),
    remainder: z
      .enum(['largestRemainder', 'first'])
      .default('largestRemainder')
      .describe('COM-SPLIT-EXACT: who gets the cents a split leaves over: the largest fractional parts (ties to the first party), or the first party (the credited owner).'),
  })
  .prefault({});

/**
 * Deal, credit and commission rules (RULES §G, §H).
 *
 * @example
 * ```ts
 * dealsPolicySchema.parse({ afterRefund: 'pool', creditAt: 'subscription', commissionAt: 'contract' });
 * ```
 */
export const dealsPolicySchema = z
  .strictObject({
    afterRefund: z
      .enum(['owner', 'pool'])
      .default('owner')
      .describe('RFD-RESTORE: after a full refund the client stays with the owner (within validity) or goes to the public pool.'),
    creditAt: dealStageSchema.default('subscription').describe('DEAL-STAGES: the stage at which performance credit (业绩) accrues.'),
    commissionAt: dealStageSchema.default('subscription').describe('DEAL-STAGES: the stage at which commission (佣金) and fixed bonuses accrue.'),
    sameUnit: z
      .enum(['firstDeposit', 'allow'])
      .default('firstDeposit')
      .describe('COL-SAME-UNIT (004f): a unit held by a live deal refuses another deal (the first to pay wins), or several deals may share it.'),
    splits: splitsPolicySchema,
    commission: commissionPolicySchema,
    bonus: z
      .strictObject({
        byProductType: z
          .record(z.string().trim().min(1).max(50), nonNegative)
          .default({})
          .describe('COM-FIXED-BONUS (001): a fixed bonus per deal by product type, e.g. { "highRise": "200", "villa": "500" }.'),
        to: z
          .enum(['inviter', 'commission'])
          .default('inviter')
          .describe('COM-FIXED-BONUS: paid to whoever invited the client (closeDeal.invitedBy, 001 telemarketers) or split like the commission.'),
        confirmedOnly: z
          .boolean()
          .default(false)
          .describe("COM-FIXED-BONUS, KPI-INVITE-CONFIRM (001): the inviter's bonus is paid only when the client's arrival on their invitation was confirmed (recordInvitedArrival)."),
      })
      .prefault({}),
  })
  .prefault({});

/** The deals section of a policy. */
export type DealsPolicy = z.infer<typeof dealsPolicySchema>;
/** The split cases of a deals policy. */
export type SplitsPolicy = z.infer<typeof splitsPolicySchema>;
/** The commission section of a deals policy. */
export type CommissionPolicy = z.infer<typeof commissionPolicySchema>;
