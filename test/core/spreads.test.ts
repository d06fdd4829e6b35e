/**
 * V8 (Node 20) gives each object made by a spread followed by a key the
 * spread lacks a hidden class of its own, on its slow path: the bench's
 * replay made 33k of them, one per call, before they were written whole.
 * The engine's code has no such literal; bags of decision arguments and zod
 * shapes are exempt (see test/support/spreads.ts).
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { looseSpreads } from '../support/spreads.js';

const root = new URL('../../', import.meta.url).pathname;

const options: ts.CompilerOptions = { strict: true, exactOptionalPropertyTypes: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true, skipLibCheck: true };

describe('no spread is followed by a key it may lack (V8 hidden classes)', () => {
  it('finds such a literal, and passes over a spread that only overrides keys, a bag and a zod shape', () => {
    const source = [
      "import { z } from 'zod';",
      'interface X { readonly a: number; readonly b?: number }',
      'declare const x: X;',
      'declare const bag: Record<string, number>;',
      'export const missing = { ...x, c: 1 };',
      'export const optional = { ...x, b: 2 };',
      'export const overrides = { ...x, a: 2 };',
      'export const args = { ...bag, c: 1 };',
      'export const later = { c: 1, ...x };',
      'export const shape = z.object({ ...{ a: z.number() }, c: z.string() });',
    ].join('\n');
    const file = `${root}test/core/__spread_sample.ts`;
    const host = ts.createCompilerHost(options);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang, onError) => (name === file ? ts.createSourceFile(name, source, lang) : read(name, lang, onError));
    host.fileExists = ((exists) => (name: string) => name === file || exists(name))(host.fileExists.bind(host));
    const found = looseSpreads(ts.createProgram([file], options, host), (name) => name === file);
    expect(found.map((f) => [f.at.replace(`${file}:`, ''), f.keys])).toEqual([
      ['5', ['c']],
      ['6', ['b']],
    ]);
  });

  it('in the engine (every folder but the CLI)', () => {
    const config = ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.engine.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (config === undefined) throw new Error('tsconfig.engine.json not read');
    const p = ts.createProgram(config.fileNames, config.options);
    const engine = (name: string) => name.startsWith(`${root}src/`) && !name.startsWith(`${root}src/cli/`);
    expect(p.getSourceFiles().filter((sf) => engine(sf.fileName)).length).toBeGreaterThan(50);
    expect(looseSpreads(p, engine)).toEqual([]);
  });
});
