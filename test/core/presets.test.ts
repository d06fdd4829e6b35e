import { describe, expect, it } from 'vitest';
import { generate } from '../../examples/generate.js';
import { createOffice, fromSnapshot, parseLog, presetCatalog, presetNames, presetPolicy, replay, toSnapshot } from '../../src/index.js';
import { call, staff, visit, zhang } from '../support/dsl.js';

describe('presets: one policy per source document (RULES §P)', () => {
  it('has the 15 regimes of RULES.md, each described with its source', () => {
    expect(presetNames).toHaveLength(15);
    expect(presetCatalog.map((p) => p.name)).toEqual([...presetNames]);
    for (const p of presetCatalog) expect(p.source).toMatch(/^00[0-4]/);
  });

  it.each(presetNames)('%s validates against the policy schema', (name) => {
    const r = createOffice(presetPolicy(name));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.office.policy.name).toBe(name);
  });

  it('gives a fresh object each time, so deriving a policy never changes the preset', () => {
    const a = presetPolicy('shenyang');
    (a as { timeZone?: string }).timeZone = 'Asia/Harbin';
    expect(presetPolicy('shenyang')).not.toHaveProperty('timeZone');
  });

  it('shenyang (004j) and the default differ where the documents differ: REG-CALL-BEFORE-VISIT', () => {
    const log = [staff('S01'), staff('S02'), visit('11-01 10:00', zhang, { receiver: 'S01' }), call('11-01 15:00', zhang, 'S02')];
    const shenyang = replay(log, presetPolicy('shenyang')).decisions.some((d) => d.rules.includes('REG-CALL-BEFORE-VISIT'));
    const plain = replay(log, {}).decisions.some((d) => d.rules.includes('REG-CALL-BEFORE-VISIT'));
    expect([shenyang, plain]).toEqual([true, false]);
  });

  // Each preset reaches parts of the state the default never does: a snapshot must restore all of them (issue 13).
  // The generator's benchmark mode carries every event type and field, the example month does not.
  const lines: string[] = [];
  generate({ seed: 11, events: 2500, start: '2026-01-01' }, (line) => lines.push(line));
  const log = parseLog(lines.join('\n')).events;
  it.each(presetNames)('%s: the state after a log of every event type survives a snapshot round trip', (name) => {
    const { state } = replay(log, presetPolicy(name));
    const text = JSON.stringify(toSnapshot(state));
    const back = fromSnapshot(JSON.parse(text));
    if (!back.ok) throw new Error(JSON.stringify(back.issues.slice(0, 3)));
    expect(JSON.stringify(toSnapshot(back.state))).toBe(text);
  });
});
