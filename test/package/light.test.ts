/**
 * `import 'salesfloor'` stays light: the charting and spreadsheet packages
 * (optional dependencies of the CLI) are loaded with `import()` by the one
 * command that needs each, never statically, and never from the library.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const heavy = ['echarts', 'exceljs'];
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; optionalDependencies?: Record<string, string> };

const code = (f: string) => readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** The static import graph from an entry: the files reached, and the packages they import. */
function graph(entry: string): { files: string[]; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    // Static imports and re-exports only (`import type` is erased; `import()` is not static).
    for (const m of code(file).matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)) {
      const spec = m[1] ?? m[2] ?? '';
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
    }
  };
  visit(join(root, entry));
  return { files: [...files].map((f) => relative(root, f)), packages };
}

describe('the library import stays light', () => {
  it("src/index.ts's import graph holds no CLI file and no charting or spreadsheet package", () => {
    const { files, packages } = graph('src/index.ts');
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((f) => f.startsWith('src/cli/'))).toEqual([]);
    expect(packages.has('zod')).toBe(true);
    for (const p of packages) expect(Object.keys(pkg.dependencies)).toContain(p);
    for (const p of heavy) expect(packages.has(p)).toBe(false);
  });

  it('the CLI imports them only with import(), so the other commands never load them', () => {
    const { files, packages } = graph('src/cli/main.ts');
    expect(files).toEqual(expect.arrayContaining(['src/cli/charts.ts', 'src/cli/xlsx.ts']));
    for (const p of heavy) expect(packages.has(p)).toBe(false);
    expect(code(join(root, 'src/cli/charts.ts'))).toContain("import('echarts')");
    expect(code(join(root, 'src/cli/xlsx.ts'))).toContain("import('exceljs')");
  });

  it('they are optional dependencies: installed with the package, left out by --omit=optional', () => {
    for (const p of heavy) {
      expect(pkg.optionalDependencies).toHaveProperty(p);
      expect(pkg.dependencies).not.toHaveProperty(p);
    }
  });
});
