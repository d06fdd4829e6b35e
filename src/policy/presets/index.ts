/**
 * Presets: one policy per source document (the rule catalog (`docs/rules.md`) §P), as data. A preset is
 * one file of cited fields, named after its regime; it validates against the
 * policy schema like any policy.
 */
import { describeValue } from '../../kernel/issues.js';
import type { PolicyInput } from '../schema.js';
import { presetCatalog, presetNames, presets, type PresetInfo, type PresetName } from './catalog.js';
import { presetInput, type Preset, type PresetField, type PresetValue } from './define.js';

export { presetCatalog, presetNames, presets, presetInput, type Preset, type PresetField, type PresetInfo, type PresetName, type PresetValue };

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
 * @throws RangeError when `name` is not one of {@link presetNames} (plain JavaScript callers)
 * @example
 * ```ts
 * const { state } = replay(events, presetPolicy('shenyang'));
 * const mine = { ...presetPolicy('shenyang'), timeZone: 'Asia/Harbin' };
 * ```
 */
export function presetPolicy(name: PresetName): PolicyInput {
  const asked: unknown = name;
  if (typeof asked !== 'string' || !isPresetName(asked)) throw new RangeError(`no preset is called ${describeValue(asked)}: the presets are ${presetNames.join(', ')}`);
  return presetInput(presets[name]);
}
