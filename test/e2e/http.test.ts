// HTTP as a real browser sees it (Debian's Chromium): every script, style and API answer arrives
// compressed, the JavaScript a page needs before it draws stays within 200 KB on the wire, unknown
// addresses show the HTML 404 page with a working search, a CKAN dataset address lands on the
// dataset page, and sitemap.xml parses in the browser's own XML parser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, launch } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';

if (!HAS_CHROMIUM) console.warn('Skipping end-to-end tests: /usr/bin/chromium is not installed.');

const INITIAL_JS_BUDGET = 200 * 1024;

interface Seen { url: string; type: string; encoding: string | undefined; status: number; bytes: number }

describe.skipIf(!HAS_CHROMIUM)('HTTP in the browser: compression, 404 page, redirects, sitemap', () => {
  let portal: RunningPortal;
  let browser: Browser;
  beforeAll(async () => {
    portal = await startPortal();
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  async function visit(path: string, ready: (p: Page) => Promise<unknown>): Promise<{ page: Page; seen: Seen[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const seen: Seen[] = [];
    page.on('response', async (res) => {
      const headers = await res.allHeaders().catch(() => ({} as Record<string, string>));
      // Decoded size of API answers, to hold only those over the 1 KB threshold to compression.
      const bytes = /\/api\//.test(res.url()) ? (await res.body().catch(() => Buffer.alloc(0))).length : -1;
      seen.push({ url: res.url(), type: res.request().resourceType(), encoding: headers['content-encoding'], status: res.status(), bytes });
    });
    await page.goto(`${portal.url}${path}`);
    await ready(page);
    await page.waitForLoadState('networkidle');
    return { page, seen };
  }

  it('the dataset page: scripts, styles and API answers over 1 KB arrive compressed', async () => {
    const { page, seen } = await visit('/datasets/street-trees?tab=table', (p) => p.locator('tbody tr td').first().waitFor());
    try {
      const accepted = await page.evaluate(async () => (await fetch('/api/agora/v1/portal')).ok);
      expect(accepted).toBe(true);
      const assets = seen.filter((s) => /\/assets\/.+\.(js|css)$/.test(new URL(s.url).pathname));
      expect(assets.length).toBeGreaterThan(1);
      for (const a of assets) expect(a.encoding, a.url).toMatch(/^(br|gzip)$/);
      // The records pages over 1 KB (the table's page; not a one-row probe) come compressed too.
      const records = seen.filter((s) => /\/records\?/.test(s.url) && s.bytes > 1024);
      expect(records.length).toBeGreaterThan(0);
      for (const r of records) expect(r.encoding, r.url).toMatch(/^(br|gzip)$/);
    } finally { await page.context().close(); }
  });

  it('the JavaScript a page loads before it draws (entry and its static imports) is at most 200 KB on the wire', async () => {
    for (const path of ['/', '/datasets', '/datasets/street-trees']) {
      const { page } = await visit(path, (p) => p.locator('h1').first().waitFor());
      try {
        // The scripts the HTML itself names (the entry and its modulepreloads), not the lazy chunks
        // a page adds later (chart, map), as the server sent them.
        const initial = await page.evaluate(async () => {
          const html = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
          const scripts = [...html.querySelectorAll<HTMLScriptElement>('script[type="module"][src]')].map((s) => new URL(s.getAttribute('src')!, location.href).href)
            .concat([...html.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((l) => new URL(l.getAttribute('href')!, location.href).href));
          const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
          return scripts.map((url) => {
            const e = entries.find((x) => x.name === url);
            return { url, wire: e?.encodedBodySize ?? -1, decoded: e?.decodedBodySize ?? -1 };
          });
        });
        expect(initial.length, path).toBeGreaterThan(0);
        for (const s of initial) expect(s.wire, s.url).toBeGreaterThan(0);
        const total = initial.reduce((a, s) => a + s.wire, 0);
        expect(total, `${path}: ${initial.map((s) => `${s.url} ${s.wire}`).join(', ')}`).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
        // Compressed: far fewer bytes on the wire than the scripts hold.
        expect(total).toBeLessThan(initial.reduce((a, s) => a + s.decoded, 0) / 2);
      } finally { await page.context().close(); }
    }
  });

  it('an unknown address shows the 404 page with a search filled from its words, and the search works', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      const res = await page.goto(`${portal.url}/old-site/street-trees.html`);
      expect(res?.status()).toBe(404);
      expect(res?.headers()['content-type']).toMatch(/^text\/html/);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Page not found');
      const input = page.getByRole('searchbox', { name: 'Search datasets' });
      expect(await input.inputValue()).toBe('old site street trees');
      // The datasets any of the address's words find, as the catalog API answers them.
      const where = '"old" OR "site" OR "street" OR "trees"';
      const api = await (await fetch(`${portal.url}/api/explore/v2.1/catalog/datasets?where=${encodeURIComponent(where)}&limit=5`)).json();
      const titles = api.results.map((d: { metas: { default: { title: string } } }) => d.metas.default.title);
      expect(titles).toContain('Street trees');
      await page.locator('#not-found-suggestions').waitFor();
      expect(await page.locator('.card-list h3').allTextContents()).toEqual(titles);
      await input.fill('trees');
      await input.press('Enter');
      await page.waitForURL(/\/datasets\?q=trees$/);
      await page.locator('.dataset-card').first().waitFor();
      expect(await page.locator('.dataset-card h2').allTextContents()).toContain('Street trees');
    } finally { await context.close(); }
  });

  it('the CKAN address of a dataset lands on its page (301), the ODS table address on its table', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      const res = await page.goto(`${portal.url}/dataset/street-trees`);
      expect(res?.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe('/datasets/street-trees');
      expect(res?.request().redirectedFrom()?.url()).toBe(`${portal.url}/dataset/street-trees`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Street trees');
      await page.goto(`${portal.url}/explore/dataset/street-trees/table/`);
      expect(new URL(page.url()).search).toBe('?tab=table');
      await page.locator('[role="tab"][aria-selected="true"]').filter({ hasText: 'Table' }).waitFor();
    } finally { await context.close(); }
  });

  it('sitemap.xml is well-formed sitemaps.org XML to the browser\'s parser and lists the public datasets', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${portal.url}/robots.txt`);
      const parsed = await page.evaluate(async () => {
        const text = await (await fetch('/sitemap.xml')).text();
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        const ns = 'http://www.sitemaps.org/schemas/sitemap/0.9';
        return {
          error: doc.getElementsByTagName('parsererror').length,
          root: `${doc.documentElement.namespaceURI} ${doc.documentElement.localName}`,
          locs: [...doc.getElementsByTagNameNS(ns, 'loc')].map((e) => e.textContent),
        };
      });
      expect(parsed.error).toBe(0);
      expect(parsed.root).toBe('http://www.sitemaps.org/schemas/sitemap/0.9 urlset');
      const ids = portal.ctx.catalog.list().filter((d) => d.is_published && !d.is_restricted).map((d) => d.dataset_id).sort();
      expect(parsed.locs.filter((l) => l?.includes('/datasets/')).map((l) => l!.split('/datasets/')[1]).sort()).toEqual(ids);
    } finally { await context.close(); }
  });
});
