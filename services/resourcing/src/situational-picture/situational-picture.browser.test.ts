import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { descendantsOf, processGone, testChildEnv } from '@tym/db/testing';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  areaIds,
  createAgreementInForce,
  createStaff,
  createVantaaKeravaGroup,
} from '../testing/governance-fixtures.js';
import { insertPictureFacts } from '../testing/picture-facts.js';
import { createResourcingTestApp, type ResourcingTestApp } from '../testing/test-app.js';

/**
 * The page as a person sees it (issue 13): Debian's Chromium, headless, driven by puppeteer-core
 * (no bundled browser); axe-core injected into the page checks WCAG 2.1 A and AA. The browser is
 * started with the test-run marker (child-processes.ts), closed at the end, and the test proves
 * that none of its processes is left.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const OUTPUT = join(ROOT, 'test-output');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)) ?? 'chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let h: ResourcingTestApp;
let base = '';
let browser: Browser | undefined;
let browserPids: number[] = [];

beforeAll(async () => {
  h = await createResourcingTestApp();
  const ids = await areaIds(h);
  const area = ids['vantaa-kerava'] ?? '';
  const ea = await createStaff(h, 'ea-vantaa', 'ev-1', 'Veera', [{ cooperationAreaId: area, fte: 1 }]);
  const hva = await createStaff(h, 'hva-vantaa-kerava', 'hv-1', 'Hanna', [
    { cooperationAreaId: area, fte: 1 },
  ]);
  await createStaff(h, 'kela', 'ke-1', 'Kalle', [{ cooperationAreaId: area, fte: 0.5 }]);
  const group = await createVantaaKeravaGroup(h, area);
  await createAgreementInForce(h, group);
  await h.t.app.inject({
    method: 'PUT',
    url: `/v1/management-groups/${group}/annual-targets/2026`,
    headers: h.as('ea-kerava-sipoo', ['admin']),
    payload: {
      targets: [
        {
          indicator: 'plans_within_3_months_percent',
          label: 'Suunnitelmat 3 kk:ssa',
          targetValue: 90,
          unit: '%',
        },
        { indicator: 'referrals_received', label: 'Ohjaukset', targetValue: 30, unit: 'hlö' },
        { indicator: 'relationships_started', label: 'Alkaneet asiakkuudet', targetValue: 20, unit: 'hlö' },
      ],
    },
  });
  const other = Object.entries(ids).find(([code]) => code !== 'vantaa-kerava')?.[1] ?? '';
  await insertPictureFacts(h.database.db, {
    areaId: area,
    otherAreaId: other,
    eaStaffId: ea,
    hvaStaffId: hva,
  });
  const res = await h.t.app.inject({
    method: 'POST',
    url: `/v1/cooperation-areas/${area}/situational-picture/links`,
    headers: h.as('ea-vantaa', ['coordinator']),
    payload: { from: '2026-01-01', to: '2026-03-31', lang: 'fi' },
  });
  expect(res.statusCode, res.body).toBe(201);
  const address = await h.t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `${address}${(res.json() as { url: string }).url}`;
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    env: { ...process.env, ...testChildEnv() },
  });
});

afterAll(async () => {
  await browser?.close();
  await h.close();
});

describe('the situational-picture page in Chromium', () => {
  it('loads without console errors, has charts with data tables, switches language, passes axe, and leaves no browser behind', async () => {
    if (!browser) throw new Error('no browser');
    const pid = browser.process()?.pid;
    expect(pid).toBeTypeOf('number');
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1000 });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('requestfailed', (r) => errors.push(`failed: ${r.url()}`));

    const response = await page.goto(base, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(await page.$eval('html', (e) => e.getAttribute('lang'))).toBe('fi');
    expect(await page.$eval('h1', (e) => e.textContent)).toContain('Yhteinen tilannekuva');

    // Every chart: rendered SVG with drawn content and an accessible name, and its data table.
    const charts = await page.$$eval('figure[data-chart]', (figures) =>
      figures.map((f) => {
        const svg = f.querySelector('svg');
        const id = f.getAttribute('data-chart');
        const table = f.ownerDocument.querySelector(`[data-table="${id}"] table`);
        return {
          id,
          drawn: svg ? svg.querySelectorAll('path, rect, text').length : 0,
          label: svg?.getAttribute('aria-label') ?? '',
          width: svg?.getBoundingClientRect().width ?? 0,
          tableRows: table ? table.querySelectorAll('tbody tr').length : 0,
        };
      }),
    );
    expect(charts.map((c) => c.id)).toEqual(['trends', 'clocks', 'targets', 'staffing']);
    for (const c of charts) {
      expect(c.drawn, c.id ?? '').toBeGreaterThan(5);
      expect(c.label.length, c.id ?? '').toBeGreaterThan(3);
      expect(c.width, c.id ?? '').toBeGreaterThan(100);
      expect(c.tableRows, c.id ?? '').toBeGreaterThan(0);
    }
    // A suppressed cell reads "< 5" in the table.
    expect(await page.$eval('[data-table="trends"] table', (t) => t.textContent)).toContain('< 5');

    // axe-core, injected through the DevTools protocol (the page's CSP allows no script).
    await page.evaluate(axeSource);
    const axe = (await page.evaluate(async () => {
      const w = globalThis as unknown as { axe: { run(o: unknown): Promise<{ violations: unknown[] }> } };
      return w.axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    })) as { violations: Array<{ id: string; nodes: unknown[] }> };
    expect(axe.violations.map((v) => `${v.id} (${v.nodes.length})`)).toEqual([]);

    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'situational-picture-fi.png'), fullPage: true });

    // The language switch.
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('nav a[lang="sv"]')]);
    expect(await page.$eval('html', (e) => e.getAttribute('lang'))).toBe('sv');
    expect(await page.$eval('h1', (e) => e.textContent)).toContain('Gemensam lägesbild');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('nav a[lang="en"]')]);
    expect(await page.$eval('html', (e) => e.getAttribute('lang'))).toBe('en');
    expect(await page.$eval('h1', (e) => e.textContent)).toContain('Joint situational picture');
    await page.evaluate(axeSource);
    const axeEn = (await page.evaluate(async () => {
      const w = globalThis as unknown as { axe: { run(o: unknown): Promise<{ violations: unknown[] }> } };
      return w.axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    })) as { violations: Array<{ id: string }> };
    expect(axeEn.violations.map((v) => v.id)).toEqual([]);
    await page.screenshot({ path: join(OUTPUT, 'situational-picture-en.png'), fullPage: true });

    expect(errors).toEqual([]);

    // Close the browser and prove that none of its processes is left.
    browserPids = [pid as number, ...descendantsOf(pid as number)];
    expect(browserPids.length).toBeGreaterThan(1);
    await browser.close();
    browser = undefined;
    for (let i = 0; i < 100 && !browserPids.every(processGone); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(browserPids.filter((p) => !processGone(p))).toEqual([]);
  });
});
