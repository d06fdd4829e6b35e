/**
 * CI's check of the built CLI's page (issue 14), on a file that
 * `node dist/cli.js report` wrote:
 *
 *   npx tsx scripts/check-report.ts <report.html> [<screenshot.png>]
 *
 * It opens the page in headless Chromium (CHROMIUM_PATH or /usr/bin/chromium)
 * offline, with every request but the file blocked, and checks the charts are
 * there and nothing was fetched or logged as an error. Exit 1 on the first failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [html, shot] = process.argv.slice(2);
if (html === undefined) {
  process.stderr.write('usage: npx tsx scripts/check-report.ts <report.html> [<screenshot.png>]\n');
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

process.stdout.write('check-report: the page is as it should be\n');
