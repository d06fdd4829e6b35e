import { describe, expect, it } from 'vitest';
import { generate } from '../../examples/generate.js';
import { createOffice, fromSnapshot, parseLog, presetCatalog, presetNames, presetPolicy, presets, replay, toSnapshot, type PresetName } from '../../src/index.js';
import { policyPathExists } from '../../scripts/presets-doc.js';
import { call, staff, visit, zhang } from '../support/dsl.js';

/**
 * Presets whose fields still cite only their document (`'000'`), not a
 * clause. The lead empties this list as the rewritten presets land; a preset
 * that cites every field must leave it (the test says so).
 */
const UNCITED: readonly PresetName[] = [];

/** The seed document of a preset: the first word of its source (`003 篇十` is document 003). */
const documentOf = (source: string) => source.split(/\s+/)[0] ?? source;

/**
 * Whether a seed cites a clause of the document: the document, then before
 * the gloss's colon a `§`, a numbered item (`2.1`, `3(4)`, `rotation 3`) or a
 * section name in Chinese (`業績(2)`, `篇十 3(4)`, `備注`), not the document
 * (or the preset's source, `003 篇十`) alone.
 */
function citesClause(seed: string, document: string, source = document): boolean {
  if (!seed.startsWith(`${document} `)) return false;
  // A source with a part (`003 篇十`) is no clause by itself: the clause comes after it.
  const rest = seed === source || seed.startsWith(`${source} `) || seed.startsWith(`${source}:`) ? seed.slice(source.length) : seed.slice(document.length);
  // The clause is what comes before the gloss's colon: it must say where (a §, a number or a section name).
  const clause = rest.trimStart().split(/[:：]/)[0]?.trim() ?? '';
  return clause !== '' && /[§\d\p{Script=Han}]/u.test(clause);
}

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

  it.each(presetNames)('%s: every field is a path of the policy schema', (name) => {
    const unknown = Object.keys(presets[name].fields).filter((path) => !policyPathExists(path));
    expect(unknown.map((path) => `${name}: ${path}`), `${name} sets fields the policy schema does not have`).toEqual([]);
  });

  it.each(presetNames)('%s: every field cites its document and a clause of it (RULES.md §P)', (name) => {
    const preset = presets[name];
    const document = documentOf(preset.source);
    const uncited = Object.entries(preset.fields).filter(([, f]) => !citesClause(f.seed, document, preset.source)).map(([path, f]) => `${path}: ${JSON.stringify(f.seed)}`);
    if (UNCITED.includes(name)) {
      expect(uncited.length, `${name} now cites a clause for every field: remove it from UNCITED`).toBeGreaterThan(0);
    } else {
      expect(uncited, `${name}: these fields must cite "${document} <clause>: <gloss>"`).toEqual([]);
    }
  });

  it('recognizes a clause citation and refuses a bare document', () => {
    expect(['004j §2.2: 有效聯系', '003 3(4): 與乙無關', '004f 業績(2)', '000 §14', '004l §6.2, §7.1: …', '002 1.7', '001 (恒大call客技巧) 一.3: …', '001 備注: …'].map((s) => citesClause(s, s.split(' ')[0] ?? ''))).toEqual([true, true, true, true, true, true, true, true]);
    expect(['000 a gloss: with no clause', '000 : 14 days'].map((s) => citesClause(s, '000'))).toEqual([false, false]);
    expect(['000', '000 ', '000: a gloss', '004 §1', 'RULES §P'].map((s) => citesClause(s, '000'))).toEqual([false, false, false, false, false]);
    expect(['003 篇十', '003 篇十: a gloss', '003 篇十 3(4): 與乙無關', '003 3(11)', '003 §4', '003 篇十 rotation 3: …'].map((s) => citesClause(s, '003', '003 篇十'))).toEqual([false, false, true, true, true, true]);
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
