/**
 * Every string of every event refuses a lone surrogate, at its own path:
 * the schemas say it once (the shared text and id helpers of
 * events/common.ts), so no field of a present or future event type can miss
 * it. A surrogate pair at the same place is text: where the pair is
 * accepted, the lone half is refused for being no text (`invalid_format`,
 * "a lone surrogate (U+....) is not text"); where the field has a pattern
 * or is an enum, the pattern or enum refuses both. parseLine reads the
 * escaped and the raw form of the line as parseEvent reads the object.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { parseEvent, parseLine } from '../../src/events/parse.js';
import { eventSchemas } from '../../src/events/schema.js';
import { arbitraryOf, copy, show } from './support.js';

type Type = keyof typeof eventSchemas;
const types = Object.keys(eventSchemas) as Type[];
type Path = (string | number)[];

/** Every string in a value, by path. */
function strings(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (typeof value === 'string') out.push(path);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, [...path, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) strings(v, [...path, k], out);
  return out;
}

/** A copy of `value` with `insert` put into the string at `path`, at `at` (moved off the middle of a pair). */
function inserted(value: unknown, path: Path, at: number, insert: string): unknown {
  const root = copy(value);
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const key = path[path.length - 1] as string | number;
  const s = parent[key] as string;
  let i = at % (s.length + 1);
  if (i > 0 && /[\ud800-\udbff]/.test(s.charAt(i - 1))) i--;
  parent[key] = s.slice(0, i) + insert + s.slice(i);
  return root;
}

const LONE = /^a lone surrogate \(U\+D[89A-F][0-9A-F]{2}\) is not text: /;
const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

describe('every string of every event refuses a lone surrogate, at its path', () => {
  for (const type of types) {
    const schema = eventSchemas[type];
    const valid = arbitraryOf(schema).filter((e) => schema.safeParse(e).success && strings(e).length > 0);
    const unit = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00');
    test.prop([valid, fc.nat(), fc.nat(), unit], { numRuns: 40 })(`${type}: a lone surrogate anywhere is refused where it is; the pair there is not refused for being no text`, (event, pick, at, lone) => {
      const paths = strings(event);
      const path = paths[pick % paths.length] as Path;
      const bad = inserted(event, path, at, lone);
      const refused = parseEvent(bad, 1);
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      const here = refused.issues.filter((i) => same(i.path, path));
      expect(here.length).toBeGreaterThan(0);
      const paired = parseEvent(inserted(event, path, at, '😀'), 1);
      if (paired.ok) expect(here.some((i) => i.code === 'invalid_format' && LONE.test(i.message))).toBe(true);
      // The line, escaped (as JSON.stringify writes it) and raw, reads as the object does.
      const escaped = JSON.stringify(bad);
      expect(escaped).toMatch(/\\ud[89a-f]/);
      expect(show(parseLine(escaped, 1))).toBe(show(refused));
      const raw = escaped.replace(/(?<!\\)((?:\\\\)*)\\u(d[89a-f][0-9a-f]{2})/g, (_, slashes: string, hex: string) => slashes + String.fromCharCode(parseInt(hex, 16)));
      expect(show(JSON.parse(raw))).toBe(show(JSON.parse(escaped)));
      expect(show(parseLine(raw, 1))).toBe(show(refused));
    });
  }
});
