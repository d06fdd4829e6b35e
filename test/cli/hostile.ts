/**
 * A log with hostile staff names, for the outputs that must escape them:
 * HTML (XSS) and spreadsheets (formulas).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dayLog } from './support.js';

/** Markup that runs a script if a page inserts it unescaped. */
export const HOSTILE_HTML = `<script>alert("x")</script><img src=x onerror=alert(1)>&'曾"`;
/** A text a spreadsheet would run as a formula if written as one. */
export const HOSTILE_FORMULA = '=HYPERLINK("https://example.invalid","click")';

/** A name with a phone in it: every output masks it by default (PRV-MASK). */
export const PHONE_NAME = '董敏宁 13812345678';

/** The bundled first day with S01, S12 and S11 renamed to the hostile names. */
export function hostileLog(): string {
  const names: Record<string, string> = { S01: HOSTILE_HTML, S12: HOSTILE_FORMULA, S11: PHONE_NAME };
  const lines = readFileSync(dayLog, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const e = JSON.parse(l) as { type: string; staff?: string; name?: string };
      const name = e.staff === undefined ? undefined : names[e.staff];
      return e.type === 'changeStaff' && e.name !== undefined && name !== undefined ? JSON.stringify({ ...e, name }) : l;
    });
  const file = join(mkdtempSync(join(tmpdir(), 'salesfloor-hostile-')), 'hostile.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
