/**
 * The report page in a real headless Chromium (Debian's `chromium`, driven by
 * playwright-core): it loads offline with every request blocked and none
 * made, its charts are there as SVG, nothing is logged as an error, no
 * script of a hostile name runs, and its screenshot is not blank.
 *
 * Without a Chromium the tests are skipped with how to install one; under CI
 * (`CI` set) they fail instead, since `.ci/run` installs it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { HOSTILE_HTML, hostileLog } from './hostile.js';
import { cli, monthLog, scratch } from './support.js';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => p !== undefined && p !== '');
const executablePath = candidates.find((p) => existsSync(p));
const INSTALL = 'no Chromium found (looked at CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser): install Debian\'s with `apt-get install -y chromium` (bash .ci/run does), or set CHROMIUM_PATH';
const ci = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

let browser: Browser | undefined;
const dir = scratch();
const pages = { month: join(dir, 'month.html'), hostile: join(dir, 'hostile.html') };

beforeAll(async () => {
  if (executablePath === undefined) {
    if (ci) throw new Error(`CI: ${INSTALL}`);
    console.warn(`test/cli/browser.test.ts skipped: ${INSTALL}`);
    return;
  }
  const [month, hostile] = await Promise.all([cli(['report', monthLog, '--out', pages.month], { cwd: dir }), cli(['report', hostileLog(), '--out', pages.hostile], { cwd: dir })]);
  expect([month.code, hostile.code]).toEqual([0, 0]);
  browser = await chromium.launch({ executablePath, args: ['--disable-gpu', '--disable-dev-shm-usage'] });
}, 45_000);

afterAll(async () => {
  await browser?.close();
}, 15_000);

function needBrowser(ctx: TestContext): Browser {
  if (browser === undefined) {
    ctx.skip(INSTALL);
    throw new Error('unreachable');
  }
  return browser;
}

interface Opened {
  readonly page: Page;
  readonly requests: string[];
  readonly blocked: string[];
  readonly errors: string[];
  readonly dialogs: string[];
}

/** Opens a page offline: every request but the page's own file is blocked and recorded, and so is every request seen. */
async function open(b: Browser, file: string): Promise<Opened> {
  const context = await b.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  const blocked: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];
  await context.route('**/*', async (route) => {
    if (route.request().url() === url) return route.continue();
    blocked.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url, { waitUntil: 'load', timeout: 20_000 });
  return { page, requests: requests.filter((r) => r !== url), blocked, errors, dialogs };
}

describe('the report page in headless Chromium', () => {
  it('loads offline: no request is made, or needed, beyond the file itself; no console error', async (ctx) => {
    const { page, requests, blocked, errors } = await open(needBrowser(ctx), pages.month);
    expect(requests).toEqual([]);
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.title()).toContain('salesfloor report: office-month.jsonl');
    await page.context().close();
  });

  it('shows the charts as SVG with bars and labels, and the tables under them', async (ctx) => {
    const { page } = await open(needBrowser(ctx), pages.month);
    const charts = await page.$$eval('figure > svg', (svgs) =>
      svgs.map((s) => ({ shapes: s.querySelectorAll('path, rect').length, texts: s.querySelectorAll('text').length, width: s.getBoundingClientRect().width })),
    );
    expect(charts.length).toBeGreaterThanOrEqual(9);
    for (const c of charts) {
      expect(c.shapes).toBeGreaterThan(5);
      expect(c.texts).toBeGreaterThan(3);
      expect(c.width).toBeGreaterThan(300);
    }
    const sections = await page.$$eval('section', (ss) => ss.map((s) => ({ id: s.id, charts: s.querySelectorAll('svg').length, tables: s.querySelectorAll('table').length })));
    expect(sections.map((s) => s.id)).toEqual(['fairness', 'money', 'owners', 'scorecard']);
    for (const s of sections) expect(s.charts > 0 && s.tables > 0).toBe(true);
    // A Chinese name is drawn as text in a chart.
    expect(await page.locator('figure svg text', { hasText: '曾艳波' }).count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('takes a screenshot that is not blank', async (ctx) => {
    const { page } = await open(needBrowser(ctx), pages.month);
    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: false });
    await page.context().close();
    const png = PNG.sync.read(readFileSync(shot));
    expect(png.width).toBe(1280);
    const colours = new Set<number>();
    let sum = 0;
    let squares = 0;
    let inked = 0;
    const pixels = png.width * png.height;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r = 0, g = 0, b = 0] = [png.data[i], png.data[i + 1], png.data[i + 2]];
      colours.add((r << 16) | (g << 8) | b);
      const grey = (r + g + b) / 3;
      sum += grey;
      squares += grey * grey;
      if (grey < 200) inked++;
    }
    const mean = sum / pixels;
    const variance = squares / pixels - mean * mean;
    expect(colours.size).toBeGreaterThan(50);
    expect(variance).toBeGreaterThan(100);
    expect(inked / pixels).toBeGreaterThan(0.01);
  });

  it('a hostile name is shown as text: no script runs, no element is injected', async (ctx) => {
    const { page, errors, dialogs, requests } = await open(needBrowser(ctx), pages.hostile);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.$$eval('script, img, [onerror]', (els) => els.length)).toBe(0);
    expect(await page.locator('td', { hasText: HOSTILE_HTML }).count()).toBeGreaterThan(0);
    expect(await page.locator('figure svg text', { hasText: '<script>' }).count()).toBeGreaterThan(0);
    await page.context().close();
  });
});
