// The dataset page puts content first (the tab panel starts above y=300 at 1280×900 and above y=420 on
// a 390×844 phone, for the Information, Table and Map tabs); the site header is one row on a phone
// (at most 60 px) with every link reachable, by pointer and keyboard; the embed dialog gives, for the table,
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

  it('keeps the site header to one row on a 390×844 phone, every link reachable directly or through the menu', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const header = page.locator('.site-header');
    const toggle = header.getByRole('button', { name: 'Menu' });
    try {
      for (const path of ['/', '/datasets', '/datasets/street-trees', '/datasets/city-budget?tab=table']) {
        await page.goto(`${portal.url}${path}`);
        await header.locator('.account a').waitFor({ state: 'attached' }); // the session is known (hidden in the menu: no role query)
        const height = await header.evaluate((e) => e.getBoundingClientRect().height);
        expect(height, path).toBeLessThanOrEqual(60);
        // What a reader signed out has in the header: the portal's name, the catalogue, the reuses, sign-in.
        const hrefs = await header.locator('a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
        expect(hrefs, path).toEqual(['/', '/datasets', '/reuses', '/signin']);
      }
      await screenshot(page, 'header-390');

      // Each link, followed by pointer: visible as it is, or once the menu is opened.
      for (const [name, pathname] of [['Agora Test City', '/'], ['Datasets', '/datasets'], ['Reuses', '/reuses'], ['Sign in', '/signin']] as const) {
        await page.goto(`${portal.url}/datasets/street-trees`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        const link = header.getByRole('link', { name, exact: true });
        if (!await link.isVisible()) {
          expect(await toggle.getAttribute('aria-expanded')).toBe('false');
          await toggle.click();
          expect(await toggle.getAttribute('aria-expanded')).toBe('true');
          await screenshot(page, 'header-390-menu');
        }
        expect(await link.isVisible(), name).toBe(true);
        await link.click();
        await expect.poll(() => new URL(page.url()).pathname).toBe(pathname);
        expect(await header.evaluate((e) => e.getBoundingClientRect().height)).toBeLessThanOrEqual(60);
      }

      // By keyboard: Tab from the last visible link (the reuses) reaches the button; Enter opens it, Tab goes into the
      // menu, Escape closes it and gives focus back to the button. The language switch is in there too.
      await page.goto(`${portal.url}/datasets`);
      await header.getByRole('link', { name: 'Reuses', exact: true }).focus();
      await page.keyboard.press('Tab');
      expect(await toggle.evaluate((b) => b === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sign in');
      await page.keyboard.press('Escape');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await header.getByRole('link', { name: 'Sign in' }).isVisible()).toBe(false);
      expect(await toggle.evaluate((b) => b === document.activeElement)).toBe(true);
      await toggle.click();
      await header.getByLabel('Language').selectOption('fr');
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
      expect(await header.getByRole('link', { name: 'Jeux de données' }).isVisible()).toBe(true);
      expect(await header.evaluate((e) => e.getBoundingClientRect().height)).toBeLessThanOrEqual(60);
    } finally { await page.close(); }

    // A wide screen has room for all of it: no menu button, every link in view.
    const wide = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await wide.goto(`${portal.url}/datasets`);
      await wide.locator('.site-header').getByRole('link', { name: 'Sign in' }).waitFor();
      expect(await wide.locator('.site-header').getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
      for (const name of ['Agora Test City', 'Datasets', 'Reuses', 'Sign in']) expect(await wide.locator('.site-header').getByRole('link', { name, exact: true }).isVisible(), name).toBe(true);
    } finally { await wide.close(); }
  });

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
