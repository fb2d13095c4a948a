// Pages where citizens find them, in Debian's Chromium over the demo catalog: the home page shows
// the featured dashboard, the catalog lists the pages matching a search beside the datasets, and
// a restricted page never appears to an anonymous visitor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch } from './support/browser.ts';
import { startDemoPortal } from './support/demo-portal.ts';
import type { RunningPortal } from './support/server.ts';
import { ensurePages } from '../../src/server/pages-store.ts';

describe.skipIf(!HAS_CHROMIUM)('pages on the home page and in the catalog', () => {
  let portal: RunningPortal;
  let browser: Browser;
  beforeAll(async () => {
    portal = await startDemoPortal();
    browser = await launch();
    // A restricted copy of the story: readers only (none here), so an anonymous visitor never sees it.
    const d = await ensurePages(portal.ctx);
    const story = d.pages.findBySlug('seattle-weather-story')!;
    await d.pages.save({ ...story, uid: 'sp_hidden', slug: 'hidden-weather', public: false, featured: true, published: { ...story.published!, title: 'Hidden weather notes' } });
  }, 180_000);
  afterAll(async () => { await browser?.close(); await portal?.stop(); });

  it('the home page features the dashboard (and only featured, readable pages)', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${portal.url}/`);
      const section = page.getByRole('region', { name: 'Dashboards and stories' });
      await expect.poll(() => section.getByRole('link').allTextContents()).toEqual(['Air quality dashboard']);
      expect(await section.getByRole('link').getAttribute('href')).toBe('/pages/air-quality-dashboard');
      expect(await page.content()).not.toContain('Hidden weather notes');
      expect(await axeSerious(page)).toEqual([]);
    } finally { await page.close(); }
  });

  it('the catalog lists the pages matching the search beside the datasets', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${portal.url}/datasets?q=${encodeURIComponent('weather')}`);
      const section = page.getByRole('region', { name: 'Pages: dashboards and stories' });
      await expect.poll(() => section.getByRole('link').allTextContents()).toEqual(['Four years of Seattle weather']);
      await expect.poll(() => page.locator('.dataset-card').count()).toBeGreaterThan(0);
      await page.goto(`${portal.url}/datasets?q=${encodeURIComponent('zzzz-no-such-thing')}`);
      await expect.poll(() => page.locator('#results-count').textContent()).toMatch(/^(No|0)/);
      expect(await page.getByRole('region', { name: 'Pages: dashboards and stories' }).count()).toBe(0);
    } finally { await page.close(); }
  });
});
