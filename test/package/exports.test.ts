import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Build the library as published (ESM and CJS bundles) into a scratch folder,
// then load it both ways, the way `import('salesfloor')` and `require('salesfloor')` would.
const root = new URL('../../', import.meta.url).pathname;
// Inside the repository, so that Node resolves zod, date-fns and decimal.js as an installed package would.
mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
const out = mkdtempSync(join(root, 'node_modules/.cache/salesfloor-exports-'));
const line = '{"v":1,"id":"e1","type":"changeStaff","at":"2026-11-01T08:30:00+08:00","office":"jz","staff":"S01","name":"李娜"}\n{"v":1,"id":"e2","type":"registerVisit","at":"2026-11-01T10:00:00+08:00","office":"jz","client":{"name":"张伟","phone":"13812345678"}}';

type Lib = typeof import('../../src/index.js');

beforeAll(async () => {
  await build({ entry: { index: join(root, 'src/index.ts') }, format: ['esm', 'cjs'], outDir: out, dts: false, silent: true, config: false, target: 'node20', platform: 'node' });
  writeFileSync(join(out, 'package.json'), JSON.stringify({ type: 'module' }));
}, 60_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

function exercise(lib: Lib): void {
  const { events, issues } = lib.parseLog(line);
  expect(issues).toEqual([]);
  const { state } = lib.replay(events, {});
  expect(lib.owners(state)[0]).toMatchObject({ ownerName: '李娜', phone: '138****5678' });
  expect(lib.ruleIds).toContain('OWN-FIRST');
}

describe('the published entry points', () => {
  it('import() of the ESM bundle works', async () => {
    const lib = (await import(pathToFileURL(join(out, 'index.js')).href)) as Lib;
    exercise(lib);
  });

  it('require() of the CJS bundle works', () => {
    const require = createRequire(join(root, 'package.json'));
    const lib = require(join(out, 'index.cjs')) as Lib;
    exercise(lib);
  });

  it('both expose the same names', async () => {
    const esm = (await import(pathToFileURL(join(out, 'index.js')).href)) as Record<string, unknown>;
    const cjs = createRequire(join(root, 'package.json'))(join(out, 'index.cjs')) as Record<string, unknown>;
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(readFileSync(join(out, 'index.js'), 'utf8')).not.toMatch(/\bprocess\.|console\./);
    // The CLI's optional packages (charts, workbooks) are not the library's.
    for (const file of ['index.js', 'index.cjs']) expect(readFileSync(join(out, file), 'utf8')).not.toMatch(/echarts|exceljs/);
  });
});
