import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Examples import the package by name; tests run them on the source, as tsconfig's paths do (not on a stale dist/).
  resolve: { alias: { salesfloor: fileURLToPath(new URL('./src/index.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test-prop.ts'],
    testTimeout: 60_000,
    // Fixtures that run the CLI a dozen times take longer than the default 10 s on loaded machines.
    hookTimeout: 120_000,
    setupFiles: ['test/support/seed.ts'],
  },
});
