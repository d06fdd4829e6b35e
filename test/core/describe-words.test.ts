/**
 * `describeDecision` says why in words: no decision of the example logs or
 * a generated log, under the default policy or any preset, falls back to
 * its bare `why` code (000 §8's unnamedOldClient collision once did).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { describeDecision, parseLog, presetNames, presetPolicy, replay, type PolicyInput } from '../../src/index.js';
import { generateWorld } from '../golden/engine.js';

const logs: Record<string, string> = {
  month: readFileSync(new URL('../../examples/logs/office-month.jsonl', import.meta.url), 'utf8'),
  corrupt: readFileSync(new URL('../../examples/logs/office-day-corrupt.jsonl', import.meta.url), 'utf8'),
  generated: generateWorld(7, 2000),
};
const policies: [string, PolicyInput][] = [['default', {}], ...presetNames.map((p): [string, PolicyInput] => [p, presetPolicy(p)])];

describe('describeDecision words every why', () => {
  it.each(policies)('under %s, no decision of the logs is described by its bare code', (_, policy) => {
    const bare: string[] = [];
    let described = 0;
    for (const log of Object.values(logs)) {
      const r = replay(parseLog(log).events, policy);
      for (const d of r.decisions) {
        const why = 'why' in d && typeof d.why === 'string' ? d.why : null;
        const s = describeDecision(r.state, d);
        described++;
        if (why !== null && (s.includes(`— ${why} [`) || s.endsWith(`— ${why}`))) bare.push(`${d.kind}/${why}: ${s}`);
      }
    }
    expect(described).toBeGreaterThan(1000);
    expect(bare).toEqual([]);
  });
});
