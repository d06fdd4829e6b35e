import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

const engine = resolve('src/index.ts');

// The CLI imports the engine only through src/index.ts; in the build that
// import points at the library's own ESM output, so dist/cli.js stays a thin
// shell and the library entry's outputs are exactly what they were.
const engineExternal: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'engine-external',
  setup(build) {
    build.onResolve({ filter: /index\.js$/ }, (args) => {
      const target = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      return target === engine ? { path: './index.js', external: true } : undefined;
    });
  },
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    // Both builds run at once: the library's clean must spare the CLI's files.
    clean: ['!cli.*', '!cli-worker.*'],
    target: 'node20',
    treeshake: true,
  },
  {
    // The worker of `replay --jobs N` is its own file: offices.ts starts it by URL, next to cli.js.
    entry: { cli: 'src/cli/main.ts', 'cli-worker': 'src/cli/cli-worker.ts' },
    format: ['esm'],
    // Each file whole: shared chunks would be files the library build's clean does not know to spare.
    splitting: false,
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    // Optional dependencies, loaded with import() by the one command that needs each: never bundled.
    external: ['echarts', 'exceljs'],
    esbuildPlugins: [engineExternal],
  },
]);
