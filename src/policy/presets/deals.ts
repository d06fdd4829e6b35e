/**
 * The deal and commission sections of each preset (RULES §G, §H). Sections left out take the
 * schema's defaults.
 */
import type { PolicyInput } from '../schema.js';
import type { PresetName } from './catalog.js';

/** Deal sections by preset. */
export const dealsPresets: Record<PresetName, Pick<PolicyInput, 'deals'>> = {
  jiuzhou: {},
  'confirmation-desk': {},
  'first-visit': {},
  cooperation: {},
  'onsite-offsite': {},
  'draft-rules': {},
  'sales-dept-one': {},
  'resource-chain': {},
  'consultant-detail': {},
  'absent-split': {},
  shenyang: {},
  'channel-report': {},
  'callback-first': {},
  'store-archive': {},
  'call-center': {},
};
