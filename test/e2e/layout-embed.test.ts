// The dataset page puts content first (the tab panel starts above y=300 at 1280×900 and above y=420 on
// a 390×844 phone, for the Information, Table and Map tabs), and its embed dialog gives, for the table,
// the map and the chart, the embed URL with the page's filter, copy buttons that fill the clipboard, and
// a preview iframe in which the embedded view renders with that filter (counts from the fixture rows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { HAS_CHROMIUM, launch, screenshot } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { TREE_COUNT, treeRows } from './support/fixtures.ts';
import { applyMeta } from '../../src/catalog/index.ts';

if (!HAS_CHROMIUM) console.warn('Skipping end-to-end tests: /usr/bin/chromium is not installed.');

const OAK = treeRows().filter((r) => r.kind === 'Oak').length;
const en = (n: number) => new Intl.NumberFormat('en').format(n);

describe.skipIf(!HAS_CHROMIUM)('dataset page layout and embeds', () => {
  let portal: RunningPortal;
  let browser: Browser;
  beforeAll(async () => {
    portal = await startPortal();
    // Metadata as long as the demo's (a long title, theme, publisher and licence, a paragraph of description).
    let m = portal.ctx.catalog.get('city-budget').metas;
    for (const [k, v] of Object.entries({
      title: 'Voted budget of the city by fiscal year, department and section, 2019–2023',
      theme: ['Economy, Business, SME, Economic development, Employment'], publisher: 'Finance department of the city via the regional statistics office',
      license: 'U.S. Government Work (public domain)', description: `<p>${'Spending by department and year, as voted by the council. '.repeat(8)}</p>`,
    })) m = applyMeta(m, 'default', k, v);
    await portal.ctx.catalog.updateMetas('city-budget', m);
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  for (const [width, height, limit] of [[1280, 900, 300], [390, 844, 420]] as const) {
    it(`starts the tab content above y=${limit} at ${width}×${height}`, async () => {
      const page = await browser.newPage({ viewport: { width, height } });
      try {
        for (const path of ['street-trees', 'street-trees?tab=table', 'street-trees?tab=map', 'city-budget', 'city-budget?tab=table']) {
          await page.goto(`${portal.url}/datasets/${path}`);
          await page.getByRole('heading', { level: 1 }).waitFor();
          await page.locator('[role="tabpanel"]').waitFor();
          const top = await page.locator('[role="tabpanel"]').evaluate((e) => e.getBoundingClientRect().top);
          expect(top, `${width}×${height} ${path}`).toBeLessThan(limit);
          // The header still says what the data is: its facts line names the publisher and the licence.
          expect(await page.locator('.key-facts').textContent()).toMatch(/(Parks department.*Open Licence 2\.0)|(Finance department.*public domain)/);
          if (path === 'city-budget') {
            // The long description shows two lines, and all of it on "more".
            const desc = page.locator('#ds-desc');
            const clamped = await desc.evaluate((e) => e.getBoundingClientRect().height);
            await page.getByRole('button', { name: 'more', exact: true }).click();
            expect(await page.getByRole('button', { name: 'less', exact: true }).getAttribute('aria-expanded')).toBe('true');
            expect(await desc.evaluate((e) => e.getBoundingClientRect().height)).toBeGreaterThan(clamped);
          }
        }
        await screenshot(page, `layout-${width}`);
      } finally { await page.close(); }
    });
  }

  it('gives the embed URL of the table, the map and the chart with the filter, copies it and previews it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: portal.url });
    const page = await context.newPage();
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    try {
      await page.goto(`${portal.url}/datasets/street-trees?tab=table&refine=kind:Oak`);
      await page.getByRole('button', { name: 'Embed' }).click();
      const dialog = page.getByRole('dialog', { name: 'Embed this view' });
      const preview = page.frameLocator('.embed-preview iframe');
      for (const [label, view] of [['Table', 'table'], ['Map', 'map'], ['Chart', 'analyze']] as const) {
        await dialog.getByRole('radio', { name: label }).check();
        const url = new URL(await dialog.getByLabel('Embed URL').inputValue());
        expect(url.origin).toBe(portal.url);
        expect(url.pathname).toBe(`/embed/datasets/street-trees/${view}`);
        expect(url.searchParams.getAll('refine')).toEqual(['kind:Oak']);
        expect(url.searchParams.has('tab')).toBe(false);

        await dialog.getByRole('button', { name: 'Copy URL' }).click();
        await expect.poll(clipboard).toBe(url.toString());
        await dialog.getByRole('button', { name: 'Copy code' }).click();
        const code = await dialog.getByLabel('Embed code').inputValue();
        await expect.poll(clipboard).toBe(code);
        expect(/src="([^"]+)"/.exec(code)![1].replace(/&amp;/g, '&')).toBe(url.toString());

        // The preview is the embed page itself, filtered: its count is the fixture's number of oaks.
        expect(await page.locator('.embed-preview iframe').getAttribute('src')).toBe(url.toString());
        await expect.poll(() => preview.locator('[role="status"].record-count').first().textContent(), { timeout: 20_000 })
          .toBe(`${en(OAK)} of ${en(TREE_COUNT)} records`);
        expect(await preview.locator('.site-header').count()).toBe(0);
        if (view === 'table') await preview.getByRole('table').waitFor();
        if (view === 'map') await preview.locator('.feature-list').waitFor({ timeout: 20_000 });
        if (view === 'analyze') await preview.locator('.chart-canvas svg').waitFor({ timeout: 20_000 });
      }
      // A size changes the snippet and the preview alike.
      await dialog.getByLabel('Size').selectOption('small');
      expect(await dialog.getByLabel('Embed code').inputValue()).toMatch(/width="480" height="360"/);
      expect(await page.locator('.embed-preview iframe').getAttribute('width')).toBe('480');
      await screenshot(page, 'embed-dialog');
    } finally { await context.close(); }
  });
});
