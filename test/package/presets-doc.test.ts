/**
 * docs/presets.md is generated from the presets and the policy schema
 * (scripts/presets-doc.ts): it must be current, and it must cover every leaf
 * field of the policy for every preset.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { presetNames } from '../../src/index.js';
import { policyLeaves, presetsDoc, presetsDocPath } from '../../scripts/presets-doc.js';

const root = new URL('../../', import.meta.url).pathname;

describe('docs/presets.md: every preset, field by field', () => {
  const want = presetsDoc();

  it('is current (regenerate it with npm run docs:presets)', () => {
    const have = readFileSync(`${root}${presetsDocPath}`, 'utf8');
    expect(have === want, `${presetsDocPath} is stale: run npm run docs:presets and commit it`).toBe(true);
  });

  it('has a row for every leaf of the policy schema in every preset, each with a seed clause or the default', () => {
    const leaves = policyLeaves().map((l) => l.path);
    expect(leaves).toEqual(expect.arrayContaining(['ownership.validityDays.visit', 'deals.splits.absentOwner', 'deals.commission.rates.above', 'rotation.duty.windows']));
    expect(leaves).not.toContain('deals.splits');
    const sections = want.split(/^## /m).slice(1);
    expect(sections.map((s) => s.split('\n')[0])).toEqual([...presetNames]);
    for (const section of sections) {
      const rows = section.split('\n').filter((l) => l.startsWith('| `'));
      expect(rows.map((r) => r.split(' | ')[0]?.slice(3, -1))).toEqual(leaves);
      for (const r of rows) expect(r.split(' | ')[2]?.trim()).not.toBe('');
    }
  });
});
