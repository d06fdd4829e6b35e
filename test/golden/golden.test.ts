import { describe, expect, it } from 'vitest';
import { cases, readGolden, run } from './project.js';

// Golden files were written from main before the core rebuild: the rebuilt
// engine must decide the same (a normalized projection of decisions and views).
describe('golden replays: the engine decides what main decided', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const want = readGolden(c.name);
    const got = run(c);
    const first = want.findIndex((line, i) => got[i] !== line);
    if (first >= 0 || got.length !== want.length) {
      const at = first >= 0 ? first : Math.min(want.length, got.length);
      expect({ line: at + 1, got: got.slice(at, at + 3) }).toEqual({ line: at + 1, got: want.slice(at, at + 3) });
    }
    expect(got.length).toBe(want.length);
  });
});
