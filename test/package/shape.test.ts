import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleIds } from '../../src/index.js';

// The house's shape (issue 8): rule families stand on the kernel, side by side; office/ composes them.
const root = new URL('../../', import.meta.url).pathname;
const src = join(root, 'src');
const FAMILIES = ['staff', 'identity', 'ownership', 'rotation', 'deals', 'periods'].filter((f) => existsSync(join(src, f)));
/** What a family may import besides itself. */
const UNDER_FAMILIES = ['kernel', 'events'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const code = (f: string) => readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
/** The top folder under src/ of each relative import of a file. */
function importedFolders(file: string): string[] {
  const specs = [...code(file).matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((m) => m[1] as string);
  return specs.map((spec) => relative(src, resolve(dirname(file), spec)).split('/')[0] as string);
}
/** Rule IDs written as string literals in a file's code (comments and doc examples excluded). */
function ruleLiterals(file: string): string[] {
  const known = new Set<string>(ruleIds);
  return [...code(file).matchAll(/['"]([A-Z]{2,4}-[A-Z0-9-]+)['"]/g)].map((m) => m[1] as string).filter((id) => known.has(id));
}

describe('the shape: a star of rule families over the kernel', () => {
  it.each(FAMILIES)('the %s family imports only the kernel, the events and itself (never office/ or policy/)', (family) => {
    const offenders = files(join(src, family)).flatMap((f) =>
      importedFolders(f)
        .filter((folder) => folder !== family && !UNDER_FAMILIES.includes(folder))
        .map((folder) => `${relative(root, f)} imports ${folder}/`),
    );
    expect(offenders).toEqual([]);
  });

  it('the kernel imports nothing above it', () => {
    const offenders = files(join(src, 'kernel')).flatMap((f) => importedFolders(f).filter((folder) => folder !== 'kernel').map((folder) => `${relative(root, f)} imports ${folder}/`));
    expect(offenders).toEqual([]);
  });

  it('office/ composes: it cites no rule ID of its own', () => {
    const offenders = files(join(src, 'office')).flatMap((f) => ruleLiterals(f).map((id) => `${relative(root, f)}: ${id}`));
    expect(offenders).toEqual([]);
  });

  it('each rule ID is written in the code of one family only', () => {
    const where = new Map<string, Set<string>>();
    for (const family of FAMILIES) for (const f of files(join(src, family))) for (const id of ruleLiterals(f)) where.set(id, (where.get(id) ?? new Set()).add(family));
    const shared = [...where].filter(([, families]) => families.size > 1).map(([id, families]) => `${id}: ${[...families].sort().join(', ')}`);
    expect(shared).toEqual([]);
  });
});
