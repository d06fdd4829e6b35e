/**
 * The register says until when an owner is protected; it cites the rule
 * that sets that end, as the lapse at that end will (the grant's decision
 * cites it too). 2026-11-01 is a Sunday.
 */
import { describe, expect, it } from 'vitest';
import { owners } from '../../src/index.js';
import { followUp, given, staff, visit, zhang } from '../support/dsl.js';

const team = [staff('S01'), staff('S02')];
const log = [...team, visit('11-01 10:00', zhang, { receiver: 'S01' })];

describe('OWN-VALIDITY, OWN-FOLLOWUP: the register cites the rule its protection end rests on', () => {
  it('OWN-VALIDITY (000 §1): given a visit protected for 15 days, when the register is read, then the row ends at the window and cites OWN-VALIDITY besides OWN-FIRST', () => {
    const g = given(log, { ownership: { validityDays: { visit: 15 } } });
    const [row] = owners(g.state);
    expect(row?.protectionEndsAt).toBe('2026-11-17T00:00:00+08:00');
    expect(row?.rules).toEqual(['OWN-FIRST', 'REG-FIRST', 'OWN-VALIDITY']);
  });

  it('OWN-FOLLOWUP (004h): given a follow-up due in 3 days before a 15-day window, when the register is read, then it cites OWN-FOLLOWUP, the rule that ends it first, and after a follow-up the renewed end still does', () => {
    const g = given(log, { ownership: { validityDays: { visit: 15 }, followUp: { withinDays: 3 } } });
    expect(owners(g.state)[0]?.rules).toEqual(['OWN-FIRST', 'REG-FIRST', 'OWN-FOLLOWUP']);
    g.when(followUp('11-03 10:00', 'S01', zhang));
    expect(owners(g.state)[0]?.rules).toContain('OWN-FOLLOWUP');
    expect(owners(g.state)[0]?.rules).not.toContain('OWN-VALIDITY');
  });

  it('OWN-FIRST: given protection with no time limit, when the register is read, then it cites no end rule', () => {
    const g = given(log, { ownership: { validityDays: { visit: null } } });
    const [row] = owners(g.state);
    expect(row?.protectionEndsAt).toBeNull();
    expect(row?.rules).toEqual(['OWN-FIRST', 'REG-FIRST']);
  });
});
