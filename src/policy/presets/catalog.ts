/**
 * The 15 office regimes of the source documents (`RULES.md` §P). Each becomes a
 * preset: pure data, a policy object of the policy schema. The sections of
 * each preset live beside this file, one file per rule family.
 */

/**
 * The names of the presets.
 *
 * @example
 * ```ts
 * presetNames.includes('shenyang'); // true
 * ```
 */
export const presetNames = [
  'jiuzhou',
  'confirmation-desk',
  'first-visit',
  'cooperation',
  'onsite-offsite',
  'draft-rules',
  'sales-dept-one',
  'resource-chain',
  'consultant-detail',
  'absent-split',
  'shenyang',
  'channel-report',
  'callback-first',
  'store-archive',
  'call-center',
] as const;

/** A preset name of {@link presetNames}. */
export type PresetName = (typeof presetNames)[number];

/**
 * What a preset is: its name, its source document and what stands out.
 *
 * @example
 * ```ts
 * // { name: 'shenyang', source: '004j', title: '房地产销售客户归属制度 (沈阳x城)', summary: '...' }
 * ```
 */
export interface PresetInfo {
  readonly name: PresetName;
  /** The seed document and section, as `RULES.md` cites it. */
  readonly source: string;
  readonly title: string;
  readonly summary: string;
}

/**
 * Every preset's description, in the order of `RULES.md` §P.
 *
 * @example
 * ```ts
 * const menu = presetCatalog.map((p) => `${p.name} (${p.source}): ${p.summary}`);
 * ```
 */
export const presetCatalog: readonly PresetInfo[] = [
  { name: 'jiuzhou', source: '000', title: '客户分配接待轮排制度 (九州名座)', summary: 'daily carry-over rotation, call allocation, 20%/10% rates, two-rounds-one penalty, 1.8-2.5‰ tiers, grades, clawback' },
  { name: 'confirmation-desk', source: '002', title: '客户确认制度', summary: 'claim windows, 50/80/30 quota, 10-day re-confirmable claims, earliest-claim collisions, 3-days-after-deal rule, appeals 400/500' },
  { name: 'first-visit', source: '004a', title: '销售部客户管理制度及佣金制度', summary: 'first visit registration, appointments, own-client-arrives make-up once' },
  { name: 'cooperation', source: '004b', title: '房地产客户介定归属制度', summary: '5:5 cooperative and cross-family splits, phone and event rules, first referrer' },
  { name: 'onsite-offsite', source: '004d', title: '案场与外场客户归属细则', summary: '15-day window, 10-day follow-up, referral 40 days' },
  { name: 'draft-rules', source: '004e', title: '房地产销售案场客户归属规定 (讨论稿)', summary: '1-month recognition window, even commission splits, complaint reassignment' },
  { name: 'sales-dept-one', source: '004f', title: '房地产客户归属制度 (销售一部)', summary: '10-day archive, long-reception make-up, same-unit first deposit' },
  { name: 'resource-chain', source: '004g', title: '售楼部客户资源的归属规定 / 客户归属界定', summary: 'first contact, referral chains, 3-month ownership, departed staff pool, lunch duty' },
  { name: 'consultant-detail', source: '004h', title: '置业顾问客户归属细则', summary: 'personal skip no make-up, company skip one make-up, 1-month follow-up, group counts once' },
  { name: 'absent-split', source: '004i', title: '售楼处接待制度及客户归属', summary: 'absent owner: credit A, commission A:B 5:5, appointments' },
  { name: 'shenyang', source: '004j', title: '房地产销售客户归属制度 (沈阳x城)', summary: 'call 7 days, visit 15 days, call-before-visit, 18:00 cutoff' },
  { name: 'channel-report', source: '004k', title: '房地产拓客客户归属判别制度', summary: 'masked-phone reports, 7-day report validity, 3 re-files then public pool' },
  { name: 'callback-first', source: '004l', title: '房地产客户归属规定', summary: 'next-day callback, complaint 5:5 then 7:3, family order' },
  { name: 'store-archive', source: '003 篇十', title: '售楼处管理制度 (篇十)', summary: '2-month archive, 80/20 splits, make-ups equal to turns missed' },
  { name: 'call-center', source: '001', title: '碧桂园电开管理制度', summary: '100 calls/day, 10 invites/week, invite confirmation, 200/500 bonuses' },
];
