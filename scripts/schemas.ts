/**
 * Writes the JSON Schema files the package ships, from the zod schemas:
 * schemas/event.schema.json and schemas/policy.schema.json.
 *
 *   npx tsx scripts/schemas.ts           # write them
 *   npx tsx scripts/schemas.ts --check   # exit 1 when a file is missing or stale (CI)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventJsonSchema, policyJsonSchema } from '../src/index.js';

const root = new URL('../', import.meta.url).pathname;
const files: readonly [string, Record<string, unknown>][] = [
  ['schemas/event.schema.json', eventJsonSchema()],
  ['schemas/policy.schema.json', policyJsonSchema()],
];
const check = process.argv.includes('--check');
let stale = 0;
for (const [path, schema] of files) {
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  const file = join(root, path);
  if (check) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
      console.error(`${path} is not current: run npx tsx scripts/schemas.ts`);
      stale++;
    }
    continue;
  }
  mkdirSync(join(root, 'schemas'), { recursive: true });
  writeFileSync(file, text);
  console.log(`wrote ${path}`);
}
if (check && stale === 0) console.log('JSON Schema files are current');
process.exitCode = stale > 0 ? 1 : 0;
