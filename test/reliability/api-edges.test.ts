/**
 * What a caller in plain JavaScript may pass that the TypeScript types rule
 * out, and what every entry point carries through: an issue or a clear
 * error naming what is wrong, never a TypeError from inside, and the log
 * line wherever an event came from a log.
 */
import { describe, expect, it } from 'vitest';
import { apply, asOf, compare, createOffice, dealsOf, explain, findClient, fromSnapshot, history, ingest, initialState, ownerOf, owners, parseLine, parseLog, presetInput, presetNames, presetPolicy, presets, replay, replayer, replayFrom, scorecard, toSnapshot, type Event, type Preset } from '../../src/index.js';
import { deepFreeze, expectUnchanged } from '../support/fold.js';
import { staff, visit, zhang } from '../support/dsl.js';

describe('apply and push given something that is no event', () => {
  it.each([
    ['null', null, 'not_an_object', []],
    ['a number', 5, 'not_an_object', []],
    ['an unknown type', { v: 1, id: 'x1', type: 'bogus', at: '2026-11-01T10:00:00+08:00', office: 'jz' }, 'unknown_event_type', ['type']],
    ['no type', { v: 1, id: 'x2', at: '2026-11-01T10:00:00+08:00', office: 'jz' }, 'unknown_event_type', ['type']],
  ])('given %s, when it is applied or pushed, then an issue says so and nothing changes', (_what, value, code, path) => {
    const state = deepFreeze(initialState());
    const step = apply(state, value as unknown as Event);
    expect(step.issues).toEqual([expect.objectContaining({ code, path, message: expect.stringMatching(/apply and push take valid events \(give untrusted input to ingest or parseLine/) })]);
    expectUnchanged(step.state, state);
    const r = replayer(initialState());
    expect(r.push(value as unknown as Event, 7).issues[0]).toMatchObject({ code, line: 7 });
    // The replayer goes on: a valid event after it is applied.
    expect(r.push(staff('S01')).issues).toEqual([]);
  });
});

describe('parseLine and parseLog given something that is no text', () => {
  it('given a number for a line, then an unreadable issue on that line, not a TypeError', () => {
    expect(parseLine(5 as unknown as string, 3)).toEqual({ ok: false, issues: [{ code: 'unreadable', path: [], message: '5 is not a line of text: parseLine reads one line of a log as a string (parseEvent takes a parsed object)', line: 3 }] });
  });

  it.each([[undefined], [5], [{}]])('given %s for a log, then one unreadable issue and no events', (input) => {
    const r = parseLog(input as unknown as string);
    expect(r.events).toEqual([]);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'unreadable', message: expect.stringContaining('is not a log: parseLog reads a string, bytes (Uint8Array) or an iterable') })]);
  });
});

describe('presetPolicy given a name that is no preset', () => {
  it('throws a RangeError that lists the presets', () => {
    expect(() => presetPolicy('nope' as never)).toThrow(new RangeError(`no preset is called "nope": the presets are ${presetNames.join(', ')}`));
    expect(() => presetPolicy(undefined as never)).toThrow(/^no preset is called nothing: the presets are/);
  });
});

describe('the engine and the views given something that is no office state', () => {
  const text = [JSON.stringify(staff('S01')), JSON.stringify(visit('11-01 10:00', zhang, { receiver: 'S01' }))].join('\n');
  const { events } = parseLog(text);
  const done = replay(events);
  const want = "takes an office state (from initialState, a step's or a replay's state, or fromSnapshot(...).state)";
  const cases: [string, unknown, string][] = [
    ['nothing', undefined, `${want}, not nothing`],
    ['a replay result', done, `${want}: this is a step or a replay's result, pass its state`],
    ["fromSnapshot's result", fromSnapshot(toSnapshot(done.state)), `${want}: fromSnapshot returns { ok, state }, pass its state once ok is true`],
    ['a snapshot', toSnapshot(done.state), `${want}: this looks like a snapshot, read it with fromSnapshot first`],
    ['a state through JSON', JSON.parse(JSON.stringify(done.state)), `${want}: this one has lost its maps, as a state does through JSON.stringify; save states with toSnapshot and read them with fromSnapshot`],
  ];
  it.each(cases)('given %s, when it is applied to, replayed from, viewed or saved, then a TypeError says what to pass', (_what, value, message) => {
    const event = events[1] as Event;
    const bad = value as never;
    expect(() => apply(bad, event)).toThrow(new TypeError(`apply ${message}`));
    expect(() => ingest(bad, event)).toThrow(new TypeError(`ingest ${message}`));
    expect(() => replayer(bad)).toThrow(new TypeError(`replayer ${message}`));
    expect(() => replayFrom(bad, events)).toThrow(new TypeError(`replayFrom ${message}`));
    expect(() => owners(bad)).toThrow(new TypeError(`a view ${message}`));
    expect(() => scorecard(bad, { period: 'month', at: '2026-11-30T20:00:00+08:00' })).toThrow(new TypeError(`a view ${message}`));
    expect(() => toSnapshot(bad)).toThrow(new TypeError(`toSnapshot ${message}`));
  });

  it('given a real state, when it is checked, then it passes as before', () => {
    expect(owners(done.state).length).toBe(1);
    expect(apply(done.state, events[1] as Event).redelivered).toBe(true);
  });
});

describe('the views that take a client, given something that is no string', () => {
  const { state } = replay(parseLog([JSON.stringify(staff('S01')), JSON.stringify(visit('11-01 10:00', zhang, { receiver: 'S01' }))].join('\n')).events);
  it.each([
    ['a phone as a number', 13812345678, 'the number 13812345678: write a phone as a string'],
    ['nothing', undefined, 'nothing'],
    ['null', null, 'null'],
    ['an object', {}, 'an object'],
  ])('given %s, when a client is looked up, then a TypeError says a client is looked up by a string', (_what, value, said) => {
    const message = `a client is looked up by a string (its key, phone, name or company), not ${said}`;
    const bad = value as never;
    expect(() => findClient(state, bad)).toThrow(new TypeError(message));
    expect(() => ownerOf(state, bad)).toThrow(new TypeError(message));
    expect(() => history(state, bad)).toThrow(new TypeError(message));
    expect(() => explain(state, bad)).toThrow(new TypeError(message));
    // dealsOf's client is optional: left out (undefined), it filters nothing.
    if (value !== undefined) expect(() => dealsOf(state, { client: bad })).toThrow(new TypeError(message));
  });

  it('given the phone as a string, when the client is looked up, then it is found as before', () => {
    expect(ownerOf(state, zhang.phone)?.owner).toBe('S01');
  });
});

describe('replays given something that is no list of events', () => {
  const text = JSON.stringify(staff('S01'));
  it.each([
    ["a log's text", text, "replay takes a list of events, not a log's text: parseLog(text) reads it into { events, issues }"],
    ["parseLog's result", parseLog(text), 'replay takes a list of events: parseLog returns { events, issues }, pass its events (and report its issues)'],
    ['nothing', undefined, 'replay takes a list of events (an array or another iterable), not nothing'],
    ['a number', 5, 'replay takes a list of events (an array or another iterable), not 5'],
  ])('given %s, when it is replayed, then a TypeError says what to pass', (_what, value, message) => {
    expect(() => replay(value as never)).toThrow(new TypeError(message));
    expect(() => replayFrom(initialState(), value as never)).toThrow(new TypeError(message.replace(/^replay /, 'replayFrom ')));
    expect(() => asOf(value as never, '2026-11-01T10:00:00+08:00')).toThrow(new TypeError(message.replace(/^replay /, 'asOf ')));
  });
});

describe('presetInput given something that is no preset', () => {
  it('given a preset name, when it is turned into a policy input, then a TypeError points to presetPolicy', () => {
    expect(() => presetInput('jiuzhou' as never)).toThrow(new TypeError('presetInput takes a preset object, not its name: presetPolicy("jiuzhou") gives the policy input of a preset by name'));
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['an array', []],
    ['an object', { name: 'x' }],
  ])('given %s, when it is turned into a policy input, then a TypeError says what a preset is', (what, value) => {
    expect(() => presetInput(value as never)).toThrow(new TypeError(`presetInput takes a preset ({ name, source, title, summary, fields }), not ${what}`));
  });

  it('given a field without a value, when it is turned into a policy input, then the TypeError names the preset and the path', () => {
    const bad = { ...presets.jiuzhou, fields: { 'ownership.validityDays.visit': { seed: '000' } } } as unknown as Preset;
    expect(() => presetInput(bad)).toThrow(new TypeError('presetInput: the preset jiuzhou\'s field "ownership.validityDays.visit" is not { value, seed }: an object'));
  });

  it('given a real preset, when it is turned into a policy input, then it equals presetPolicy of its name', () => {
    expect(presetInput(presets.jiuzhou)).toEqual(presetPolicy('jiuzhou'));
  });
});

describe('refusals carry the log line, in every replay', () => {
  const text = [
    JSON.stringify(staff('S01')),
    JSON.stringify(visit('11-01 10:00', zhang, { receiver: 'S01' })),
    JSON.stringify(visit('11-20 10:00', { name: '王芳', phone: '13912345678' }, { receiver: 'S01' })),
  ].join('\n');
  const { events } = parseLog(text);

  it('given a gap one policy refuses, when the policies are compared, then the refusal names line 3', () => {
    const diff = compare(events, {}, { limits: { maxGapDays: 5 } });
    expect(diff.refusals.map((r) => r.line)).toEqual([3]);
  });

  it('given a log out of order, when asOf replays it, then the refusal names the line', () => {
    const [e0, e1, e2] = events as [Event, Event, Event];
    const then = asOf([e0, e2, e1], '2026-11-25');
    expect(then.issues).toEqual([expect.objectContaining({ code: 'out_of_order', line: 2 })]);
  });
});

describe("an office's replay takes the replayer's options", () => {
  it('given decisions: false, when office.replay runs, then it builds no decisions and reaches the same state', () => {
    const made = createOffice({});
    if (!made.ok) throw new Error('policy');
    const events = [staff('S01'), visit('11-01 10:00', zhang, { receiver: 'S01' })];
    const full = made.office.replay(events);
    const bare = made.office.replay(events, undefined, { decisions: false });
    expect(full.decisions.length).toBeGreaterThan(0);
    expect(bare.decisions).toEqual([]);
    expect(bare.state.ownership.files.size).toBe(full.state.ownership.files.size);
  });
});
