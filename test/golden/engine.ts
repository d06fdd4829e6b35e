/** What the golden projection reads from the engine (one place to change when the engine's surface moves). */
import { generate } from '../../examples/generate.js';

export * from '../../src/index.js';

/** A seeded benchmark-style log of `events` lines. */
export function generateWorld(seed: number, events: number): string {
  const lines: string[] = [];
  generate({ seed, events, out: '', start: '2026-01-01' }, (line) => lines.push(line));
  return lines.join('\n');
}
