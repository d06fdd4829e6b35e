/**
 * The executable itself, as a separate process: from source through tsx
 * (`npm run salesfloor`), and as built by tsup into dist/cli.js (the `bin`
 * of package.json). The build happens here, into a scratch folder, so the
 * test needs no build step first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Options } from 'tsup';
import { beforeAll, describe, expect, it } from 'vitest';
import config from '../../tsup.config.js';
import { corruptLog, dayLog, root } from './support.js';

const node = (args: readonly string[]) => spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('salesfloor from source (tsx src/cli/main.ts)', () => {
  it('exits 2 on a corrupt log and names its bad lines', () => {
    const ran = node(['--import', 'tsx', 'src/cli/main.ts', 'validate', corruptLog, '--quarantine', join(root, 'node_modules/.cache/salesfloor-test/q.jsonl')]);
    expect(ran.status).toBe(2);
    expect(ran.stdout).toMatch(/8 bad lines skipped/);
    expect(ran.stdout).toMatch(/line \d+: .*\(invalid_json\)/);
  });

  it('exits 1 on a usage error, 0 when clean', () => {
    const usage = node(['--import', 'tsx', 'src/cli/main.ts', 'replay', dayLog, '--format', 'yaml']);
    expect(usage.status).toBe(1);
    expect(usage.stderr).toContain('--format yaml');
    const ok = node(['--import', 'tsx', 'src/cli/main.ts', 'presets', '--format', 'json']);
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as { reports: { presets: { rows: unknown[] } } }).reports.presets.rows).toHaveLength(15);
  });
});

describe('the built bin (dist/cli.js, package.json "bin")', () => {
  // Inside the repository, so the bundle finds its dependencies in node_modules.
  const outDir = join(root, 'node_modules/.cache/salesfloor-bin-test');
  beforeAll(async () => {
    rmSync(outDir, { recursive: true, force: true });
    const configs = (Array.isArray(config) ? config : [config]) as Options[];
    await Promise.all(configs.map((c) => build({ ...c, config: false, outDir, dts: false, sourcemap: false, format: ['esm'], silent: true, clean: false })));
  }, 60_000);

  it('package.json points its bin at dist/cli.js', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin.salesfloor).toBe('./dist/cli.js');
  });

  it('is an executable with a shebang that imports the library next to it, not a copy of it', () => {
    const cli = join(outDir, 'cli.js');
    const text = readFileSync(cli, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(cli).mode & 0o111).not.toBe(0);
    expect(text).toMatch(/from ['"]\.\/index\.js['"]/);
    expect(text).not.toContain('function applyWith');
    expect(existsSync(join(outDir, 'index.js'))).toBe(true);
  });

  it('runs: validate names the bad lines and exits 2; presets exits 0', () => {
    const bad = node([join(outDir, 'cli.js'), 'validate', corruptLog, '--quarantine', join(outDir, 'q.jsonl')]);
    expect(bad.stderr + bad.stdout).toMatch(/bad lines skipped/);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toMatch(/line \d+: .*\(unknown_staff\)/);
    const presets = node([join(outDir, 'cli.js'), 'presets', '--format', 'csv']);
    expect(presets.status).toBe(0);
    expect(presets.stdout.startsWith('\uFEFFname,source,title,summary')).toBe(true);
  });
});
