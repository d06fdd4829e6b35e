/**
 * Rule lists read back from a snapshot are the table's shared lists, but a
 * snapshot cannot grow the process-wide table without bound: past its limit,
 * a list it has never seen gets a frozen list of its own.
 */
import { describe, expect, it } from 'vitest';
import { decodedRules, ruleList, rules } from '../../src/kernel/decision.js';
import { ruleIds, type RuleId } from '../../src/kernel/rules.js';

describe('decodedRules', () => {
  it('gives the shared list of the engine for a list it made, duplicates dropped', () => {
    const first = rules('OWN-FIRST', 'REG-FIRST');
    expect(decodedRules(['OWN-FIRST', 'REG-FIRST'])).toBe(first);
    expect(decodedRules(['OWN-FIRST', 'OWN-FIRST', 'REG-FIRST'])).toEqual(['OWN-FIRST', 'REG-FIRST']);
  });

  it('stops sharing lists it has never seen once the table is full, and still shares the known ones', () => {
    const known = rules('COL-EARLIEST');
    // A hostile snapshot: more distinct lists (three IDs each) than the table keeps.
    const ids = ruleIds as readonly RuleId[];
    let made = 0;
    for (let i = 0; i < ids.length && made < 12_000; i++) {
      for (let j = i + 1; j < ids.length && made < 12_000; j++) {
        for (let k = j + 1; k < ids.length && made < 12_000; k++, made++) decodedRules([ids[i] as RuleId, ids[j] as RuleId, ids[k] as RuleId]);
      }
    }
    const fresh: RuleId[] = ['ROT-CARRY', 'ROT-ORDER', 'OWN-FIRST', 'REG-FIRST'];
    const a = decodedRules(fresh);
    const b = decodedRules(fresh);
    expect(a).toEqual(fresh);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(decodedRules(['COL-EARLIEST'])).toBe(known);
    // The engine's own lists are still shared as ever.
    expect(ruleList(['COL-EARLIEST'])).toBe(known);
  });
});
