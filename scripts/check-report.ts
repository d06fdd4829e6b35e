/**
 * CI's check of the built CLI's page and workbook (issue 14), on files that
 * `node dist/cli.js report` and `replay --format xlsx` wrote:
 *
 *   npx tsx scripts/check-report.ts <report.html> <reports.xlsx> [<screenshot.png>]
 *
 * It opens the page in headless Chromium (CHROMIUM_PATH or /usr/bin/chromium)
 * offline, with every request but the file blocked, and checks the charts are
 * there and nothing was fetched or logged as an error; then it unzips the
 * workbook and reads the commissions sheet's XML: months are text, money is
 * numbers, the header row is frozen. Exit 1 on the first failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { chromium } from 'playwright-core';

const [html, xlsx, shot] = process.argv.slice(2);
if (html === undefined || xlsx === undefined) {
  process.stderr.write('usage: npx tsx scripts/check-report.ts <report.html> <reports.xlsx> [<screenshot.png>]\n');
  process.exit(1);
}

function check(ok: boolean, what: string): void {
  if (!ok) {
    process.stderr.write(`check-report: FAILED: ${what}\n`);
    process.exit(1);
  }
  process.stdout.write(`  ok: ${what}\n`);
}

const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p !== undefined && p !== '' && existsSync(p));
check(executablePath !== undefined, 'a Chromium to open the page in (apt-get install -y chromium)');
const browser = await chromium.launch({ executablePath: executablePath as string });
try {
  const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
  const url = pathToFileURL(html).href;
  const fetched: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : (fetched.push(route.request().url()), route.abort())));
  const page = await context.newPage();
  page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url, { waitUntil: 'load' });
  const charts = await page.locator('figure > svg').count();
  check(charts >= 9, `the page shows its charts as inline SVG (${charts})`);
  check(fetched.length === 0, `the page fetched nothing${fetched.length ? `: ${fetched.join(', ')}` : ''}`);
  check(errors.length === 0, `no console errors${errors.length ? `: ${errors.join('; ')}` : ''}`);
  if (shot !== undefined) {
    await page.screenshot({ path: shot });
    check(readFileSync(shot).length > 20_000, `a screenshot with something on it (${shot})`);
  }
} finally {
  await browser.close();
}

const files = unzipSync(readFileSync(xlsx));
const text = (name: string) => {
  const file = files[name];
  if (file === undefined) throw new Error(`no ${name} in ${xlsx}`);
  return strFromU8(file);
};
const sheets = [...text('xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)].map((m) => ({ name: m[1], id: m[2] }));
check(sheets.length >= 8, `the workbook has a sheet per report and a summary (${sheets.map((s) => s.name).join(', ')})`);
const rels = text('xl/_rels/workbook.xml.rels');
const commissions = sheets.find((s) => s.name === 'commissions');
const target = commissions && new RegExp(`Id="${commissions.id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${commissions.id}"`).exec(rels);
const path = `xl/${(target?.[1] ?? target?.[2] ?? '').replace(/^\/?xl\//, '')}`;
const sheet = text(path);
check(/<pane [^>]*ySplit="1"[^>]*state="frozen"/.test(sheet), `${path}: the header row is frozen`);
check(/<c r="C2"[^>]*t="(?:str|inlineStr)"[^>]*>(?:<v>|<is><t>)2026-10</.test(sheet), `${path}: the month 2026-10 is text`);
check(/<c r="E2" s="\d+"><v>-?\d+(\.\d+)?<\/v><\/c>/.test(sheet), `${path}: money is a number`);
process.stdout.write('check-report: the page and the workbook are as they should be\n');
