/**
 * How a preset is written: one file per preset, each policy field it sets
 * given as a dotted path with its value and the seed clause it comes from
 * (the rule catalog (`docs/rules.md`) §P). Fields a preset leaves out take the default policy.
 */
import { describeValue, isRecord } from '../../kernel/issues.js';
import type { PolicyInput } from '../schema.js';

/** A JSON value: what a policy field may hold. */
export type PresetValue = string | number | boolean | null | readonly PresetValue[] | { readonly [key: string]: PresetValue };

/**
 * One field a preset sets: its value and the seed clause that says so.
 *
 * @example
 * ```ts
 * const field: PresetField = { value: 10, seed: '002 §6.3: a claim is valid for 10 days' };
 * ```
 */
export interface PresetField {
  readonly value: PresetValue;
  /** The seed document and clause, as the rule catalog (`docs/rules.md`) cites it, e.g. `004j §2.2`, with a short gloss. */
  readonly seed: string;
}

/**
 * A preset: the office it describes and the fields it sets, by dotted path
 * into the policy (`ownership.validityDays.visit`). A path may stop above a
 * leaf when one clause sets a whole object (`deals.splits.absentOwner`).
 *
 * @example
 * ```ts
 * const p: Preset = {
 *   name: 'shenyang', source: '004j', title: '房地产销售客户归属制度 (沈阳x城)', summary: 'call 7 days, visit 15 days',
 *   fields: { 'ownership.validityDays.call': { value: 7, seed: '004j §2.1: a call owns the client for 7 days' } },
 * };
 * ```
 */
export interface Preset<Name extends string = string> {
  readonly name: Name;
  /** The seed document (and part), as the rule catalog (`docs/rules.md`) §P cites it: `000`, `003 篇十`, `004j`. */
  readonly source: string;
  readonly title: string;
  readonly summary: string;
  readonly fields: Readonly<Record<string, PresetField>>;
}

/**
 * The policy input a preset's fields spell out: each dotted path becomes
 * nested objects. The result is fresh; the preset is never shared.
 *
 * @param preset - the preset
 * @returns a policy input named after the preset (validate it with `policySchema`)
 * @throws TypeError when `preset` is not a preset object (a name goes to `presetPolicy`), or a field is not `{ value, seed }`
 * @example
 * ```ts
 * presetInput({ name: 'x', source: '000', title: '', summary: '', fields: { 'rotation.penaltyDays': { value: 7, seed: '000 §12' } } });
 * // { name: 'x', rotation: { penaltyDays: 7 } }
 * ```
 */
export function presetInput(preset: Preset): PolicyInput {
  const given: unknown = preset;
  if (typeof given === 'string') throw new TypeError(`presetInput takes a preset object, not its name: presetPolicy(${JSON.stringify(given)}) gives the policy input of a preset by name`);
  if (!isRecord(given) || typeof given['name'] !== 'string' || !isRecord(given['fields'])) {
    throw new TypeError(`presetInput takes a preset ({ name, source, title, summary, fields }), not ${describeValue(given)}`);
  }
  const out: Record<string, unknown> = { name: preset.name };
  for (const [path, field] of Object.entries(preset.fields)) {
    const f: unknown = field;
    if (!isRecord(f) || !('value' in f) || f['value'] === undefined) throw new TypeError(`presetInput: the preset ${preset.name}'s field "${path}" is not { value, seed }: ${describeValue(f)}`);
    const keys = path.split('.');
    const last = keys.pop();
    if (last === undefined) continue;
    let at = out;
    for (const key of keys) {
      const next = at[key];
      if (typeof next === 'object' && next !== null && !Array.isArray(next)) at = next as Record<string, unknown>;
      else at = at[key] = {};
    }
    // A JSON round trip is a deep copy, so no caller can change the preset.
    at[last] = JSON.parse(JSON.stringify(field.value));
  }
  return out as PolicyInput;
}
