/**
 * The 15 office regimes of the source documents (the rule catalog (`docs/rules.md`) §P). Each becomes a
 * preset: one file beside this one, pure data, every field it sets cited to
 * its seed clause (see `define.ts`).
 */
import type { Preset } from './define.js';
import { jiuzhou } from './jiuzhou.js';
import { confirmationDesk } from './confirmation-desk.js';
import { firstVisit } from './first-visit.js';
import { cooperation } from './cooperation.js';
import { onsiteOffsite } from './onsite-offsite.js';
import { draftRules } from './draft-rules.js';
import { salesDeptOne } from './sales-dept-one.js';
import { resourceChain } from './resource-chain.js';
import { consultantDetail } from './consultant-detail.js';
import { absentSplit } from './absent-split.js';
import { shenyang } from './shenyang.js';
import { channelReport } from './channel-report.js';
import { callbackFirst } from './callback-first.js';
import { storeArchive } from './store-archive.js';
import { callCenter } from './call-center.js';

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
  /** The seed document and section, as the rule catalog (`docs/rules.md`) cites it. */
  readonly source: string;
  readonly title: string;
  readonly summary: string;
}

/**
 * Every preset with its cited fields, in the order of the rule catalog (`docs/rules.md`) §P.
 *
 * @example
 * ```ts
 * presets.shenyang.fields['ownership.validityDays.call']; // { value: 7, seed: '004j ...' }
 * ```
 */
export const presets: { readonly [N in PresetName]: Preset<N> } = { 'jiuzhou': jiuzhou, 'confirmation-desk': confirmationDesk, 'first-visit': firstVisit, 'cooperation': cooperation, 'onsite-offsite': onsiteOffsite, 'draft-rules': draftRules, 'sales-dept-one': salesDeptOne, 'resource-chain': resourceChain, 'consultant-detail': consultantDetail, 'absent-split': absentSplit, 'shenyang': shenyang, 'channel-report': channelReport, 'callback-first': callbackFirst, 'store-archive': storeArchive, 'call-center': callCenter };

/**
 * Every preset's description, in the order of the rule catalog (`docs/rules.md`) §P.
 *
 * @example
 * ```ts
 * const menu = presetCatalog.map((p) => `${p.name} (${p.source}): ${p.summary}`);
 * ```
 */
export const presetCatalog: readonly PresetInfo[] = presetNames.map((name) => {
  const { source, title, summary } = presets[name];
  return { name, source, title, summary };
});
