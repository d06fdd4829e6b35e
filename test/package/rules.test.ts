import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleIds } from '../../src/index.js';

const root = new URL('../../', import.meta.url).pathname;
const catalog = new URL('../../docs/rules.md', import.meta.url).pathname;
const spec = new URL('../../../shared/spec/RULES.md', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.test(-prop)?\.ts$/.test(path) ? [path] : [];
  });
}

// Test titles only: describe('...') and it('...') / test.prop(...)('...').
const titles = files(join(root, 'test'))
  .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/(?:describe|it|test)(?:\.each\([^)]*\))?(?:\.prop\([^)]*\)(?:\s*,\s*[^)]*\))?)?\(\s*(['"`])((?:(?!\1).)*)\1/g)].map((m) => m[2] ?? ''))
  .join('\n');

/** The rule IDs the foundation issue names: §A, §B but CLM-QUOTA, §C, §F and these §E IDs (DSP-QUARREL from the second round). */
const attribution = ruleIds.filter(
  (id) =>
    ((/^(ID|REG|OWN|REF)-/.test(id) || (/^CLM-/.test(id) && id !== 'CLM-QUOTA')) ||
      ['COL-EARLIEST', 'COL-AFTER-DEAL', 'COL-COMPANY-VS-PERSON', 'COL-SAME-DAY', 'COL-CROSS-FAMILY', 'DSP-PROCESS', 'DSP-QUARREL'].includes(id)),
);

describe('rule catalog', () => {
  const idsOf = (text: string) => [...new Set([...text.matchAll(/\*\*([A-Z]+(?:-[A-Z0-9]+)+)\*\*/g)].map((m) => m[1]))].sort();

  it('ruleIds lists exactly the IDs of the catalog shipped in docs/rules.md', () => {
    expect([...ruleIds].sort()).toEqual(idsOf(readFileSync(catalog, 'utf8')));
  });

  it('docs/rules.md is the project spec, word for word, where the spec is at hand', () => {
    if (!existsSync(spec)) return; // a clone outside this workspace has only the shipped copy
    expect(readFileSync(catalog, 'utf8')).toContain(readFileSync(spec, 'utf8'));
  });

  it.each(attribution)('%s is named in a test title', (id) => {
    expect(titles).toContain(id);
  });

  /** Rotation (§D), deals and refunds (§G but COM-SALARY-GRADES, §H, two collisions), privacy (§K). */
  const later = ruleIds.filter(
    (id) => /^(ROT|DEAL|RFD|PRV)-/.test(id) || (/^COM-/.test(id) && id !== 'COM-SALARY-GRADES') || ['COL-SAME-UNIT', 'COL-DISCOUNT-HELPER'].includes(id),
  );

  it.each(later)('%s is named in a test title', (id) => {
    expect(titles).toContain(id);
  });

  /** The periods issue (10): all of §I and §J, CLM-QUOTA, COM-SALARY-GRADES, and the two penalties it derives. */
  const periods = ruleIds.filter((id) => /^(KPI|PEN)-/.test(id) || ['CLM-QUOTA', 'COM-SALARY-GRADES', 'ROT-PENALTY-HALF', 'ROT-NO-CALLS', 'COM-FIXED-BONUS'].includes(id));

  it.each(periods)('%s is named in a test title', (id) => {
    expect(titles).toContain(id);
  });
});

describe('rule IDs cited', () => {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (name === 'node_modules' || name.startsWith('.') || name === 'fixtures') return [];
      return statSync(path).isDirectory() ? walk(path) : /\.(md|ts|mts|ipynb)$/.test(name) ? [path] : [];
    });
  // Not the CHANGELOG: it may name what was wrong.
  const cited = ['README.md', 'docs', 'examples', 'src', 'scripts'].flatMap((p) => (statSync(join(root, p)).isDirectory() ? walk(join(root, p)) : [join(root, p)]));
  const shape = /\b(?:ID|REG|OWN|REF|CLM|COL|DSP|ROT|DEAL|RFD|COM|KPI|PEN|PRV)-[A-Z0-9]+(?:-[A-Z0-9]+)*\b/g;

  it('every rule ID the README, docs, examples, scripts and code cite is one of the catalog (a reader can look it up)', () => {
    const known = new Set<string>(ruleIds);
    const unknown = cited.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(shape)].filter((m) => !known.has(m[0])).map((m) => `${f.slice(root.length)}: ${m[0]}`));
    expect(cited.length).toBeGreaterThan(50);
    expect(unknown).toEqual([]);
  });
});
