import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetNames } from '../../src/index.js';

const root = new URL('../../', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

// The engine is everything in src/ but the CLI shell.
const engine = files(join(root, 'src')).filter((f) => !relative(root, f).startsWith('src/cli/'));
const code = (f: string) => readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

describe('the engine is pure and deterministic', () => {
  it.each([
    ['the clock', /\bDate\.now\(|new Date\(\)/],
    ['randomness', /\bMath\.random\(/],
    ['console', /\bconsole\./],
    ['process', /\bprocess\./],
    ['Node modules', /from ['"](node:|fs|path|os|child_process|readline)['"]/],
    ['timers', /\bset(Timeout|Interval|Immediate)\(/],
  ])('never touches %s outside src/cli, not even in doc examples', (_what, pattern) => {
    const offenders = engine.filter((f) => pattern.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('uses no `any`', () => {
    const noStrings = (f: string) => code(f).replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
    const offenders = engine.filter((f) => /(:\s*any\b|as any\b|<any>)/.test(noStrings(f))).map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('names no preset in engine code: presets are data in src/policy/presets/', () => {
    const logic = engine.filter((f) => !relative(root, f).startsWith('src/policy/presets/'));
    // A name in any quotes or a template, and a preset's exported object (`confirmationDesk`) used directly.
    const camel = (name: string) => name.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
    const patterns = presetNames.flatMap((name) => [new RegExp(`['"\`]${name}['"\`]`), new RegExp(`\\b${camel(name)}\\b`)]);
    const offenders = logic.flatMap((f) => patterns.filter((p) => p.test(code(f))).map((p) => `${relative(root, f)}: ${p.source}`));
    expect(offenders).toEqual([]);
  });
});
