/**
 * Every handler closes the periods (ticks) once the event can no longer be
 * refused and before it changes anything, so that a closing period's
 * standings are the office as that period left it. The engine checks this
 * itself: a tick that closes a day after its event changed the office is an
 * internal error. These tests make every event type the first of a new day,
 * where its tick closes the day before, so a handler that changes the office
 * before it ticks throws here. The log and its policy are the benchmark's,
 * which has every event type and a fine schedule for its violations.
 */
import { describe, expect, it } from 'vitest';
import { eventSchemas, initialState, parseLine, replayer, type Event, type EventType } from '../../src/index.js';
import { benchmarkPolicy } from '../../examples/generate.js';
import { generateWorld } from '../golden/engine.js';

const events: Event[] = generateWorld(7, 6000)
  .split('\n')
  .map((line, i) => {
    const parsed = parseLine(line, i + 1);
    if (parsed?.ok !== true) throw new Error(`generated line ${i + 1} is invalid`);
    return parsed.event;
  });

const DAY = 86_400_000;
// The generated log is written in +08:00, its policy's zone.
const localDay = (iso: string) => Math.floor((Date.parse(iso) + 8 * 3_600_000) / DAY);

/** The event moved to 07:59:59 of the day after `after` (local), unless it already falls on a later day. */
function firstOfNextDay(e: Event, after: Event): Event {
  if (localDay(e.at) > localDay(after.at)) return e;
  const next = new Date((localDay(after.at) + 1) * DAY - 8 * 3_600_000 + 7 * 3_600_000 + 59 * 60_000 + 59_000);
  return { ...e, at: next.toISOString().replace('.000Z', 'Z') };
}

/** Applies `events[0..i)` and then event i as the first of a new day; its issues, or null when it was applied. */
function asFirstOfDay(i: number): readonly unknown[] {
  const r = replayer(initialState(benchmarkPolicy));
  for (let k = 0; k < i; k++) r.push(events[k] as Event);
  const e = firstOfNextDay(events[i] as Event, events[i - 1] as Event);
  return r.push(e).issues;
}

describe('every handler closes the periods before it changes the office (the standings of CLM-QUOTA and the scorecard)', () => {
  const types = Object.keys(eventSchemas) as EventType[];

  it('the generated log has every event type, past its first event', () => {
    const seen = new Set(events.slice(1).map((e) => e.type));
    expect(types.filter((t) => !seen.has(t))).toEqual([]);
  });

  it.each(types)('given the office at the end of a day, when a %s is the next day\'s first event, then it is applied without changing the office before the day closes', (type) => {
    const candidates = events.map((e, i) => [e, i] as const).filter(([e, i]) => i > 0 && e.type === type).map(([, i]) => i);
    // Some instances are refused once moved (a time field now before the event's): the first that is not counts.
    let applied = false;
    for (const i of candidates.slice(0, 12)) {
      if (asFirstOfDay(i).length === 0) {
        applied = true;
        break;
      }
    }
    expect(applied).toBe(true);
  });
});
