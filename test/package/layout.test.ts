import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as Record<string, unknown> & {
  exports: Record<string, unknown>;
  engines: { node: string };
  repository: { url: string };
  bugs: { url: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('the package layout', () => {
  it.each(['src', 'test', 'examples', 'docs', 'package.json', 'tsconfig.json', 'tsup.config.ts', 'CHANGELOG.md', 'LICENSE', 'README.md', '.ci/run', 'package-lock.json'])('has %s', (entry) => {
    expect(existsSync(`${root}${entry}`)).toBe(true);
  });

  it('is an ESM package without side effects, for Node >= 20, shipping dist, the JSON Schema files and its CHANGELOG', () => {
    expect(pkg).toMatchObject({ name: 'salesfloor', type: 'module', sideEffects: false, files: ['dist', 'schemas', 'CHANGELOG.md'] });
    expect(pkg.engines.node).toBe('>=20');
  });

  it('names its repository, homepage and issue tracker', () => {
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.bugs.url).toMatch(/\/issues$/);
  });

  it('exports import (.js + .d.ts) and require (.cjs + .d.cts) conditions, the JSON Schema files, and package.json', () => {
    expect(pkg.exports).toEqual({
      '.': {
        import: { types: './dist/index.d.ts', default: './dist/index.js' },
        require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
      },
      './schemas/event.schema.json': './schemas/event.schema.json',
      './schemas/policy.schema.json': './schemas/policy.schema.json',
      './package.json': './package.json',
    });
  });

  it('depends on zod 4, date-fns 4 and decimal.js 10 at runtime', () => {
    expect(pkg.dependencies.zod).toMatch(/^\^4/);
    expect(pkg.dependencies['date-fns']).toMatch(/^\^4/);
    expect(pkg.dependencies['decimal.js']).toMatch(/^\^10/);
  });

  it('pins the toolchain that works on Node 20: typescript ~5.9, vitest 4, tsup 8', () => {
    expect(pkg.devDependencies.typescript).toBe('~5.9');
    expect(pkg.devDependencies.vitest).toMatch(/^\^4/);
    expect(pkg.devDependencies.tsup).toMatch(/^\^8/);
    for (const dev of ['fast-check', '@fast-check/vitest', 'typedoc', 'publint', '@arethetypeswrong/cli']) expect(pkg.devDependencies).toHaveProperty(dev);
  });

  it('is strict: exactOptionalPropertyTypes and noUncheckedIndexedAccess', () => {
    const tsconfig = readFileSync(`${root}tsconfig.json`, 'utf8');
    for (const flag of ['"strict": true', '"exactOptionalPropertyTypes": true', '"noUncheckedIndexedAccess": true']) expect(tsconfig).toContain(flag);
  });

  it('runs the README commands in CI', () => {
    const ci = readFileSync(`${root}.ci/run`, 'utf8');
    const readme = readFileSync(`${root}README.md`, 'utf8');
    for (const command of ['npm ci', 'npm run demo', 'npm test']) {
      expect(readme).toContain(command);
      expect(ci).toContain(command);
    }
  });
});
