/**
 * Writes the golden files of test/golden/ from the engine as it is now.
 * Run it only when a change of decisions is intended (a bug fix), and say
 * so in the commit and the changelog:
 *
 *   npx tsx scripts/golden.ts          # the golden files, from the stored logs
 *   npx tsx scripts/golden.ts --logs   # first regenerate the stored generated logs
 *   npx tsx scripts/golden.ts --check  # write nothing: name each case whose decisions or views changed (exit 1)
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { cases, goldenPath, readGolden, run, writeGeneratedLogs, writeGolden } from '../test/golden/project.js';

// The generated input logs are written once, with --logs; later runs replay the stored ones.
if (process.argv.includes('--logs')) {
  mkdirSync('test/golden/logs', { recursive: true });
  writeGeneratedLogs();
}

const check = process.argv.includes('--check');
const unknown = process.argv.slice(2).filter((a) => a !== '--logs' && a !== '--check');
if (unknown.length > 0 || (check && process.argv.includes('--logs'))) {
  process.stderr.write(`golden: unknown or conflicting arguments ${process.argv.slice(2).join(' ')}; use --logs or --check\n`);
  process.exit(1);
}

let changed = 0;
for (const c of cases) {
  const lines = run(c);
  if (check) {
    const old = readGolden(c.name);
    const differ = lines.filter((l, i) => l !== old[i]).length + Math.abs(old.length - lines.length);
    if (differ > 0) changed++;
    process.stdout.write(`${c.name}: ${differ === 0 ? 'unchanged' : `${differ} lines differ`}\n`);
    continue;
  }
  mkdirSync(dirname(goldenPath(c.name)), { recursive: true });
  writeGolden(c.name, lines);
  process.stdout.write(`${c.name}: ${lines.length} lines\n`);
}
if (changed > 0) {
  process.stderr.write(`golden: ${changed} case${changed === 1 ? '' : 's'} changed; run without --check to write them, if the change is meant\n`);
  process.exit(1);
}
