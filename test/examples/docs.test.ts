/**
 * The guides stay complete: the event log format documents every event type
 * and field of the schemas, and the README links every guide.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientRefSchema, eventSchemas } from '../../src/index.js';
import { root } from '../cli/support.js';

const read = (path: string) => readFileSync(join(root, path), 'utf8');
const guides = ['docs/concepts.md', 'docs/event-log.md', 'docs/integration.md', 'docs/analyst-replay.md', 'docs/policy-guide.md', 'docs/periods.md'];

describe('docs/event-log.md documents the whole event log', () => {
  const doc = read('docs/event-log.md');
  const section = (type: string) => doc.split(/^### /m).find((s) => s.startsWith(`${type}\n`)) ?? '';

  it.each(Object.keys(eventSchemas))('%s has a section with a row for each of its fields', (type) => {
    const shape = (eventSchemas as Record<string, { shape: Record<string, unknown> }>)[type]?.shape ?? {};
    const envelope = ['v', 'id', 'at', 'office', 'type', 'note'];
    const missing = Object.keys(shape).filter((field) => !envelope.includes(field) && !section(type).includes(`| \`${field}\` |`));
    expect(section(type), `docs/event-log.md has no "### ${type}" section`).not.toBe('');
    expect(missing, `docs/event-log.md: document these fields of ${type}`).toEqual([]);
  });

  it('documents the envelope and every client reference field', () => {
    for (const field of ['v', 'id', 'at', 'office', 'type', 'note', ...Object.keys(clientRefSchema.shape)]) expect(doc).toContain(`| \`${field}\` |`);
  });
});

describe('the README links every guide and example', () => {
  it.each([...guides, 'examples/crm-backend.ts', 'examples/analyst.ipynb', 'examples/analyst.ts'])('%s', (path) => {
    expect(existsSync(join(root, path))).toBe(true);
    expect(read('README.md')).toContain(`](${path})`);
  });

  it('the guides link to files that exist', () => {
    for (const guide of guides) {
      for (const [, target] of read(guide).matchAll(/\]\(((?:\.\.\/)?[\w./-]+?)(?:#[\w-]+)?\)/g)) {
        if (target === undefined || target.startsWith('http')) continue;
        expect(existsSync(join(root, 'docs', target)), `${guide} links to ${target}`).toBe(true);
      }
    }
  });
});
