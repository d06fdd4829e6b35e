/**
 * docs/policy-guide.md shows tested code (issue 12): every TypeScript block
 * of the guide is in examples/policy-guide.ts word for word (which CI
 * type-checks), and the script prints what the guide says it prints.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const guide = readFileSync(`${root}docs/policy-guide.md`, 'utf8');
const script = readFileSync(`${root}examples/policy-guide.ts`, 'utf8');
const blocks = (lang: string) => [...guide.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] ?? '');

describe('the policy guide', () => {
  afterEach(() => vi.restoreAllMocks());

  it('walks through writing a policy, dating a change, comparing on last year\'s log and reading the result', () => {
    for (const heading of ['## 1. Writing a policy', '## 2. Dating a change', "## 3. Comparing two policies on last year's log", '## 4. Reading the result']) expect(guide).toContain(heading);
  });

  it('every TypeScript block is examples/policy-guide.ts word for word', () => {
    const ts = blocks('ts');
    expect(ts.length).toBeGreaterThanOrEqual(6);
    for (const block of ts) expect(script, `not in examples/policy-guide.ts:\n${block}`).toContain(block);
  });

  it('prints what the guide says: the named issue, decisions under the new version, differences with names and rules', async () => {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => void printed.push(values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...values: unknown[]) => void printed.push(`error: ${values.join(' ')}`));
    await import('../../examples/policy-guide.js');
    expect(printed.filter((l) => l.startsWith('error'))).toEqual([]);
    expect(printed[0]).toBe('["ownership.validityDays.visit: must be 0 or more (invalid_policy)"]');
    expect(Number(printed[1]?.split(' ')[0])).toBeGreaterThan(0);
    // The guide quotes these lines of the output.
    for (const line of blocks('text')[0]?.trim().split('\n') ?? []) expect(printed).toContain(line);
    expect(printed.at(-1)).toBe('protected ["OWN-FIRST","REG-FIRST"]');
  });
});
