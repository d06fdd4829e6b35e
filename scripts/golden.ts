/**
 * Writes the golden files of test/golden/ from the engine as it is now.
 * Run it only when a change of decisions is intended (a bug fix), and say
 * so in the commit and the changelog:
 *
 *   npx tsx scripts/golden.ts          # the golden files, from the stored logs
 *   npx tsx scripts/golden.ts --logs   # first regenerate the stored generated logs
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { cases, goldenPath, run, writeGeneratedLogs, writeGolden } from '../test/golden/project.js';

// The generated input logs are written once, with --logs; later runs replay the stored ones.
if (process.argv.includes('--logs')) {
  mkdirSync('test/golden/logs', { recursive: true });
  writeGeneratedLogs();
}

for (const c of cases) {
  mkdirSync(dirname(goldenPath(c.name)), { recursive: true });
  const lines = run(c);
  writeGolden(c.name, lines);
  process.stdout.write(`${c.name}: ${lines.length} lines\n`);
}
