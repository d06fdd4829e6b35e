/**
 * Only `explain` keeps each client's decision history (it tells the story);
 * every other command replays with `history: 'none'`, which a long log needs
 * to fit in memory.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import * as engine from '../../src/index.js';
import { cli, dayLog } from './support.js';

const created = vi.hoisted(() => [] as unknown[]);

vi.mock('../../src/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof engine>();
  return {
    ...original,
    createOffice: (...args: Parameters<typeof original.createOffice>) => {
      created.push(args[1]);
      return original.createOffice(...args);
    },
  };
});

/** The engine options of the offices a command created. */
async function historyOf(args: readonly string[]): Promise<unknown[]> {
  created.length = 0;
  const ran = await cli(args);
  expect(ran.code).toBe(0);
  return created.map((options) => (options as { history?: unknown } | undefined)?.history);
}

describe('history: full for explain, none for the rest', () => {
  it.each([
    [['replay', dayLog, '--format', 'json']],
    [['replay', dayLog, '--report', 'receptions', '--report', 'deals']],
    [['validate', dayLog]],
    [['queue', dayLog, '--at', '2026-10-01T12:00']],
    [['diff', dayLog, '--policy', 'jiuzhou', '--policy', 'shenyang', '--report', 'visits']],
  ])('%j replays without history', async (args) => {
    const histories = await historyOf(args);
    expect(histories.length).toBeGreaterThan(0);
    expect(histories.every((h) => h === 'none')).toBe(true);
  });

  it('explain keeps the history', async () => {
    const phone = /"phone":"(1\d{10})"/.exec(readFileSync(dayLog, 'utf8'))?.[1] ?? '';
    expect(await historyOf(['explain', dayLog, phone])).toEqual(['full']);
  });
});
