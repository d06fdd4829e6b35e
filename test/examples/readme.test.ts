import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

describe('the README quick start', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is examples/quick-start.ts word for word, so CI type-checks it', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    expect(readme).toContain(readFileSync(`${root}examples/quick-start.ts`, 'utf8'));
  });

  it('prints what its comments promise: 张伟 owned by 李娜 until 2026-11-17, the claim refused by COL-EARLIEST', async () => {
    const printed: unknown[] = [];
    vi.spyOn(console, 'log').mockImplementation((value: unknown) => void printed.push(value));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await import('../../examples/quick-start.js');
    const [register, story] = printed as [{ name: string; ownerName: string; protectionEndsAt: string; rules: string[] }[], string[]];
    expect(register[0]).toMatchObject({ name: '张伟', ownerName: '李娜', protectionEndsAt: '2026-11-17T00:00:00+08:00' });
    expect(register[0]?.rules).toEqual(expect.arrayContaining(['OWN-FIRST', 'REG-FIRST']));
    expect(story.some((line) => line.includes('claim by 王强 (S02): refused') && line.includes('COL-EARLIEST'))).toBe(true);
  });
});
