/**
 * Presets: one policy per source document (`RULES.md` §P), as data. A preset is
 * the union of its sections (one file per rule family), named after its
 * regime; it validates against the policy schema like any policy.
 */
import type { PolicyInput } from '../schema.js';
import { attributionPresets } from './attribution.js';
import { presetCatalog, presetNames, type PresetInfo, type PresetName } from './catalog.js';
import { dealsPresets } from './deals.js';
import { rotationPresets } from './rotation.js';

export { presetCatalog, presetNames, type PresetInfo, type PresetName };

/**
 * Whether a string names a preset.
 *
 * @param name - a candidate name
 * @returns true for one of {@link presetNames}
 * @example
 * ```ts
 * isPresetName('shenyang'); // true
 * ```
 */
export function isPresetName(name: string): name is PresetName {
  return (presetNames as readonly string[]).includes(name);
}

/**
 * The policy of a preset, ready for `createOffice` or `replay`. The result is
 * a fresh object: change it freely to derive a policy of your own.
 *
 * @param name - the preset's name
 * @returns the preset's policy input (defaults fill the rest)
 * @example
 * ```ts
 * const { state } = replay(events, presetPolicy('shenyang'));
 * const mine = { ...presetPolicy('shenyang'), timeZone: 'Asia/Harbin' };
 * ```
 */
export function presetPolicy(name: PresetName): PolicyInput {
  // Presets are JSON data: a JSON round trip is a deep copy.
  return JSON.parse(JSON.stringify({ name, ...attributionPresets[name], ...rotationPresets[name], ...dealsPresets[name] })) as PolicyInput;
}
