/**
 * Issue 13 #4: a phone written any way normalizePhone accepts is masked
 * wherever the engine writes text (PRV-MASK).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { describeDecision, explain, maskPhonesIn, normalizePhone, owners, replay } from '../../src/index.js';
import { staff, visit } from '../support/dsl.js';
import { digitsOf, phoneOf } from '../support/phones.js';

const anyPhone = fc.oneof(phoneOf('mobile'), phoneOf('landline'));

describe('issue 13 #4: maskPhonesIn', () => {
  it.each([
    ['full-width digits', '电话１３６３３３３５５５５请回电'],
    ['dots', 'call 136.3333.7777 today'],
    ['JSON escapes', '{"phone":"\\u0031\\u0033\\u0036\\u0033\\u0033\\u0033\\u0033\\u0037\\u0037\\u0037\\u0037"}'],
    ['full-width escapes', '\\uff11\\uff13\\uff16 3333 7777'],
    ['slashes and tabs', '136/3333\t7777'],
    ['ideographic spaces', '136　3333　7777'],
    ['+86 and dashes', '+86-136-3333-7777'],
    ['0086', '0086 13633337777'],
    ['86 written before', '8613633337777'],
    ['a landline', '座机 010-8888-1234 分机'],
    ['inside a longer number', 'id 913633337777x'],
    ['at the end of a sentence', '请致电13633337777.'],
    ['with dots and a fraction-like tail', '136.3333.77.77'],
  ])('%s', (_what, text) => {
    const out = maskPhonesIn(text);
    expect(digitsOf(out)).not.toMatch(/13633335555|13633337777|01088881234/);
    expect(out).toMatch(/\*{4}/);
  });

  it.each([
    ['an amount', 'refund of 2500000.00 exceeds 1250000'],
    ['a time', '2026-11-01T10:00:00+08:00'],
    ['an event id', 'e000123 and e13800000001x'],
    ['a unit', '3-1202'],
    ['a masked phone', '138****5678 and 138***88888'],
  ])('leaves %s as it is', (_what, text) => {
    expect(maskPhonesIn(text)).toBe(text.replace('e13800000001x', maskPhonesIn('e13800000001x')));
  });

  it('masks an amount that reads as a mobile: privacy first (normalizePhone reads 138000000.00 as 13800000000)', () => {
    expect(normalizePhone('138000000.00').kind).toBe('full');
    expect(maskPhonesIn('amount 138000000.00')).toBe('amount 138****0000');
    expect(maskPhonesIn('amount 13800000.00 and 9999999999.99')).toBe('amount 13800000.00 and 9999999999.99');
  });

  it('keeps text without digits untouched, and is cheap on it', () => {
    const name = '张伟'.repeat(50);
    expect(maskPhonesIn(name)).toBe(name);
  });

  test.prop([anyPhone, fc.string({ maxLength: 5 }).filter((s) => !/[\d０-９\\]/.test(s))], { numRuns: 500 })('any phone normalizePhone accepts is masked in any text', ([digits, form], around) => {
    const phone = normalizePhone(form);
    fc.pre(phone.kind === 'full' && phone.digits === digits);
    const out = maskPhonesIn(`${around}${form}${around}`);
    expect(digitsOf(out)).not.toContain(digits);
  });
});

describe('issue 13 #4: the views and explanations mask phones in free text too', () => {
  const { state } = replay([
    staff('S01', { name: '李娜 136.3333.7777' }),
    visit('11-01 10:00', { name: '张伟１３６３３３３５５５５', phone: '１３６３３３３５５５５' }, { receiver: 'S01', note: 'call +86 136-3333-5555' }),
  ]);

  it('owners masks the phone and a phone written into a name', () => {
    const [row] = owners(state);
    expect(row?.phone).toBe('136****5555');
    expect(digitsOf(JSON.stringify(row))).not.toMatch(/13633335555|13633337777/);
    expect(owners(state, { mask: false })[0]?.phone).toBe('13633335555');
  });

  it('explain lines mask every form', () => {
    const why = explain(state, '13633335555');
    expect(why.lines.length).toBeGreaterThan(0);
    for (const line of [...why.lines, ...why.decisions.map((d) => describeDecision(state, d))]) expect(digitsOf(line)).not.toMatch(/13633335555|13633337777/);
    expect(digitsOf(explain(state, '139 0000 1111').lines.join('\n'))).not.toContain('13900001111');
  });
});
