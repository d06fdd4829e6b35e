/**
 * Issue 13, PRV-MASK as a property: for any phone written any way
 * normalizePhone reads it (a mobile with or without +86, a landline, a
 * local number), no output of any command in any format holds its digits
 * unmasked: replay, validate and explain as tables, JSON and CSV, the files
 * of --out, stderr, and the quarantine file. The phone sits in valid events
 * (the client's phone, a name, a note), in bad lines (unknown types, cut
 * short, with JSON escapes, invalid UTF-8) and in the query of explain.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { normalizePhone } from '../../src/index.js';
import { digitsOf, phoneOf, type PhoneKind } from '../support/phones.js';
import { cli, scratch } from './support.js';

const at = (hhmm: string) => `2026-11-01T${hhmm}:00+08:00`;
const escaped = (text: string) => [...text].map((ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`).join('');

/** A log that holds the phone in every place a log can. */
function log(form: string, kind: PhoneKind): Uint8Array {
  const line = (o: Record<string, unknown>) => JSON.stringify({ v: 1, office: 'jz', ...o });
  const text = [
    line({ id: 's1', type: 'changeStaff', at: at('08:00'), staff: 'S01', name: '李娜' }),
    line({ id: 's2', type: 'changeStaff', at: at('08:00'), staff: 'S02', name: '王强' }),
    line({ id: 'e1', type: 'registerVisit', at: at('10:00'), client: { name: '张伟', phone: form }, receiver: 'S01' }),
    line({ id: 'e2', type: 'claimClient', at: at('10:30'), staff: 'S02', client: { name: '张伟', phone: form } }),
    line({ id: 'e3', type: 'closeDeal', at: at('11:00'), deal: 'D1', client: { phone: form }, staff: 'S01', stage: 'subscription', unit: '3-1202', amount: '1250000' }),
    // Free text can hold a mobile or a landline; a bare local number is told from an amount only in a phone field.
    ...(kind === 'local' ? [] : [line({ id: 'e4', type: 'registerVisit', at: at('12:00'), client: { name: `客户${form}`, phone: '13900001111' }, receiver: 'S02', note: `回电 ${form}` })]),
    line({ id: 'b1', type: 'teleportClient', at: at('12:30'), client: { phone: form } }),
    `{"v":1,"id":"b2","type":"registerVisit","at":"${at('12:40')}","office":"jz","client":{"name":"某","phone":"${escaped(form)}"`,
    `{"v":1,"id":"b3","type":"registerVisit","at":"${at('12:50')}","office":"jz","client":{"name":"某","phone":"${form}`,
    line({ id: 'b4', type: 'registerVisit', at: at('13:00'), client: { phone: form, nmae: 'x' } }),
    '',
  ].join('\n');
  // One line that is not UTF-8, holding the phone too.
  const bad = Buffer.concat([Buffer.from(`{"v":1,"id":"b5","type":"registerVisit","at":"${at('13:10')}","office":"jz","client":{"phone":"${form}","name":"张`), Buffer.from([0xff]), Buffer.from('伟"}}\n')]);
  return Buffer.concat([Buffer.from(text), bad]);
}

/** Every output of every command on a log, by name. */
async function outputs(bytes: Uint8Array, query: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const cwd = scratch();
  const file = join(cwd, 'log.jsonl');
  writeFileSync(file, bytes);
  const keep = (name: string, ran: { stdout: string; stderr: string }) => out.set(name, `${ran.stdout}\n${ran.stderr}`);
  for (const format of ['table', 'json', 'csv']) {
    keep(`replay ${format}`, await cli(['replay', file, '--format', format, '--report', format === 'csv' ? 'owners' : 'owners', ...(format === 'csv' ? [] : ['--report', 'receptions', '--report', 'deals'])], { cwd }));
    keep(`validate ${format}`, await cli(['validate', file, '--format', format, '--quarantine', join(cwd, `q-${format}.jsonl`)], { cwd }));
    keep(`explain ${format}`, await cli(['explain', file, query, '--format', format], { cwd }));
  }
  keep('replay --out', await cli(['replay', file, '--format', 'csv', '--out', 'out'], { cwd }));
  keep('replay --as', await cli(['replay', file, '--as', 'S02', '--format', 'json'], { cwd }));
  for (const dir of ['.', 'out']) {
    for (const name of readdirSync(join(cwd, dir))) {
      if (name === 'log.jsonl' || name === 'out' || name === '.salesfloor-out') continue;
      out.set(`${dir}/${name}`, readFileSync(join(cwd, dir, name), 'utf8'));
    }
  }
  return out;
}

const kinds: PhoneKind[] = ['mobile', 'landline', 'local'];

test.prop([fc.constantFrom(...kinds).chain((k) => fc.tuple(fc.constant(k), phoneOf(k), phoneOf(k)))], { numRuns: 30 })(
  'no output of any command or format holds the digits of a phone written any way normalizePhone reads it',
  async ([kind, [digits, form], [otherDigits, other]]) => {
    const phone = normalizePhone(form);
    fc.pre(phone.kind === 'full' && phone.digits === digits && otherDigits !== digits && !otherDigits.includes(digits) && normalizePhone(other).kind === 'full');
    const got = await outputs(log(form, kind), form);
    expect(got.size).toBeGreaterThan(10);
    expect([...got.keys()].some((k) => k.includes('q-json'))).toBe(true);
    let baseline: Map<string, string> | undefined;
    for (const [name, text] of got) {
      if (!digitsOf(text).includes(digits)) continue;
      // Digits that are there with another phone in the log too are a coincidence (an amount, a time), not the phone.
      baseline ??= await outputs(log(other, kind), other);
      expect(digitsOf(baseline.get(name) ?? ''), `${name} holds ${digits} (${JSON.stringify(form)}):\n${text.slice(0, 3000)}`).toContain(digits);
    }
  },
  120_000,
);
