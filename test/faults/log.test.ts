import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseLog, replay, toSnapshot, type Event, type Issue } from '../../src/index.js';
import { officeLog } from '../support/arbitrary.js';

type Fault = 'garbage' | 'truncated' | 'unknownType' | 'wrongField' | 'duplicate' | 'conflict' | 'backwards' | 'blank';
const FAULTS: Fault[] = ['garbage', 'truncated', 'unknownType', 'wrongField', 'duplicate', 'conflict', 'backwards', 'blank'];

/** Inserts a fault after line `after` of a clean JSONL log; returns the new lines and what must be reported. */
function inject(lines: string[], after: number, fault: Fault, n: number): { lines: string[]; expect: 'lineIssue' | 'eventIssue' | 'silent'; id: string } {
  const source = sourceAt(lines, after);
  const id = `fault-${n}`;
  let bad: string;
  let expectation: 'lineIssue' | 'eventIssue' | 'silent' = 'lineIssue';
  switch (fault) {
    case 'garbage':
      bad = '\u0000\u00ff#%!not json';
      break;
    case 'truncated':
      bad = (lines[after] as string).slice(0, Math.floor((lines[after] as string).length / 2));
      break;
    case 'unknownType':
      bad = JSON.stringify({ ...source, id, type: 'teleportClient' });
      break;
    case 'wrongField':
      bad = JSON.stringify({ ...source, id, at: 'last tuesday' });
      break;
    case 'duplicate':
      bad = JSON.stringify(source);
      expectation = 'silent';
      break;
    case 'conflict':
      bad = JSON.stringify({ ...source, note: 'edited after the fact' });
      expectation = 'eventIssue';
      break;
    case 'backwards':
      bad = JSON.stringify({ ...source, id, at: '2020-01-01T00:00:00+08:00' });
      expectation = 'eventIssue';
      break;
    case 'blank':
      bad = '   ';
      expectation = 'silent';
      break;
  }
  return { lines: [...lines.slice(0, after + 1), bad, ...lines.slice(after + 1)], expect: expectation, id: fault === 'conflict' ? source.id : id };
}

/** The nearest earlier line that is a valid event (earlier faults may sit at `after`). */
function sourceAt(lines: string[], after: number): Event {
  for (let i = after; i >= 0; i--) {
    const parsed = parseLog([lines[i] as string]);
    if (parsed.events[0]) return parsed.events[0];
  }
  throw new Error('no valid line to copy');
}

function run(lines: string[]): { snapshot: unknown; issues: Issue[] } {
  const parsed = parseLog(lines.join('\n'));
  const r = replay(parsed.events);
  return { snapshot: toSnapshot(r.state), issues: [...parsed.issues, ...r.issues] };
}

describe('fault injection: the valid events give the same state as a clean log, and every bad line is reported', () => {
  const clean = readFileSync(new URL('../../examples/logs/office-month.jsonl', import.meta.url), 'utf8').split('\n').filter(Boolean).slice(0, 600);
  const reference = run(clean);

  it('the clean example log replays without issues', () => {
    expect(reference.issues).toEqual([]);
  });

  it.each(FAULTS)('a %s line', (fault) => {
    const injected = inject(clean, 300, fault, 1);
    const result = run(injected.lines);
    expect(result.snapshot).toEqual(reference.snapshot);
    if (injected.expect === 'silent') expect(result.issues).toEqual([]);
    else if (injected.expect === 'lineIssue') expect(result.issues.map((i) => i.line)).toEqual(expect.arrayContaining([302]));
    else expect(result.issues.map((i) => i.event)).toContain(injected.id);
    if (injected.expect !== 'silent') for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(10);
  });

  it('many faults at once: one report per bad line, nothing else lost', () => {
    let lines = clean;
    const expected: ('lineIssue' | 'eventIssue' | 'silent')[] = [];
    FAULTS.forEach((fault, n) => {
      const injected = inject(lines, 50 + n * 60, fault, n);
      lines = injected.lines;
      expected.push(injected.expect);
    });
    const result = run(lines);
    expect(result.snapshot).toEqual(reference.snapshot);
    // Refusals by the engine name their line too (parseLog remembers it for replay).
    expect(result.issues.every((i) => i.line !== undefined)).toBe(true);
    const parseLines = new Set(result.issues.filter((i) => i.event === undefined || !['duplicate_conflict', 'out_of_order'].includes(i.code)).map((i) => i.line)).size;
    const refusals = result.issues.filter((i) => ['duplicate_conflict', 'out_of_order'].includes(i.code)).length;
    expect(parseLines).toBe(expected.filter((e) => e === 'lineIssue').length);
    expect(refusals).toBe(expected.filter((e) => e === 'eventIssue').length);
  });

  test.prop([officeLog(25), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...FAULTS)), { minLength: 1, maxLength: 6 })], { numRuns: 60 })('random logs with random faults', (events, faults) => {
    const cleanLines = events.map((e) => JSON.stringify(e));
    const base = run(cleanLines);
    let lines = cleanLines;
    faults.forEach(([where, fault], n) => {
      lines = inject(lines, where % lines.length, fault, n).lines;
    });
    const faulty = run(lines);
    expect(faulty.snapshot).toEqual(base.snapshot);
    expect(faulty.issues.length).toBeGreaterThanOrEqual(base.issues.length);
  });
});
