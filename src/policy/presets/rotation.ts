/**
 * The rotation sections of each preset (RULES §D). Sections left out take the
 * schema's defaults.
 */
import type { PolicyInput } from '../schema.js';
import type { PresetName } from './catalog.js';

/** Rotation sections by preset. */
export const rotationPresets: Record<PresetName, Pick<PolicyInput, 'rotation'>> = {
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
