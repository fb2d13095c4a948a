// Script payloads stay inert (issue 17.2): a dataset whose title, description, keywords, publisher,
// references, a field label and record values are the classic XSS payloads below, shown in every page
// and embed in Chromium — none runs (each would count itself in window.__xss) and no javascript: link
// is made — and served by every HTML/XML export and feed with the payloads escaped (no raw tag), the
// JSON-LD data block of the page included. The payloads are OWASP's filter-evasion classics.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, launch } from './support/browser.ts';
import { servePortal, type RunningPortal } from './support/server.ts';
import { ensureWebBuilt } from '../../src/server/web/index.ts';
import { openPortal } from '../../src/server/portal.ts';
import { importDataset } from '../../src/ingest/index.ts';
import { applyMeta } from '../../src/catalog/index.ts';

const RUN = 'window.__xss=(window.__xss||0)+1';
export const PAYLOADS = [
  `<script>${RUN}</script>`,
  `<img src=x onerror="${RUN}">`,
  `"><svg onload="${RUN}">`,
  `javascript:${RUN}`,
  `<a href="javascript:${RUN}">link</a>`,
  `</script><script>${RUN}</script>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `<details open ontoggle="${RUN}">`,
  `{{constructor.constructor('${RUN}')()}}`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${RUN}">`,
];
const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`;
const PAGES = [
  '/', '/datasets', '/datasets/hostile', '/datasets/hostile?tab=table', '/datasets/hostile?tab=map', '/datasets/hostile?tab=analyze',
  '/datasets/hostile?tab=api', '/datasets/hostile?tab=export', '/embed/datasets/hostile/table', '/embed/datasets/hostile/map', '/embed/datasets/hostile/chart',
  '/docs/api/datasets/hostile',
];
const E = '/api/explore/v2.1/catalog';
/** HTML and XML answers: a payload's tags must arrive escaped. */
const MARKUP = [
  `${E}/exports/dcat?format=rdf`, `${E}/exports/rss`, `${E}/datasets/hostile/exports/kml`, `${E}/datasets/hostile/exports/gpx`, '/sitemap.xml', '/docs/api/datasets/hostile', '/datasets/hostile',
];
/** Data answers: the payloads come back as the same text, as data (JSON strings, CSV cells). */
const RECORDS = PAYLOADS.slice(0, 3);
const DATA: Array<[string, string[]]> = [
  [`${E}/datasets/hostile/exports/json`, RECORDS], [`${E}/datasets/hostile/exports/geojson`, RECORDS],
  [`${E}/datasets/hostile/exports/csv?neutralise_formulas=false`, RECORDS], ['/data.json', [PAYLOADS[1]!]], // the title
];

describe.skipIf(!HAS_CHROMIUM)('script payloads in metadata and records', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt({ quiet: true });
    const dir = mkdtempSync(join(tmpdir(), 'agora-payloads-'));
    const ctx = await openPortal({ dataDir: join(dir, 'data'), portalName: 'Agora Test City', baseUrl: 'http://127.0.0.1' });
    const csv = ['label,kind,lat,lon', ...PAYLOADS.map((p, i) => [csvCell(p), csvCell(i % 2 ? PAYLOADS[0]! : 'tree'), 48.85 + i / 100, 2.35 + i / 100].join(','))].join('\n');
    writeFileSync(join(dir, 'hostile.csv'), csv);
    await importDataset(ctx.catalog, { source: join(dir, 'hostile.csv'), datasetId: 'hostile', mode: 'create', title: PAYLOADS[1] });
    let m = ctx.catalog.get('hostile').metas;
    for (const [k, v] of Object.entries({ description: PAYLOADS.join('\n'), keyword: PAYLOADS.slice(0, 4).join(','), publisher: PAYLOADS[2]!, references: PAYLOADS[3]! })) m = applyMeta(m, 'default', k, v);
    await ctx.catalog.updateMetas('hostile', m);
    const fields = ctx.catalog.get('hostile').fields.map((f) => (f.name === 'kind' ? { ...f, label: PAYLOADS[7]!, description: PAYLOADS[4]! } : f));
    await ctx.catalog.updateFields('hostile', fields);
    portal = await servePortal(ctx, dir);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  });
  afterAll(async () => { await browser?.close(); await portal?.stop(); });

  for (const path of PAGES) {
    it(`${path}: shows the payloads as text, runs none of them, makes no javascript: link`, async () => {
      await page.goto(`${portal.url}${path}`);
      await page.locator('main, body').first().waitFor();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await page.waitForTimeout(800); // lazy chunks: the map, the chart, the table rows
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), path).toBeUndefined();
      expect(await page.evaluate(() => [...document.querySelectorAll('a[href], iframe[src], iframe[srcdoc]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? a.getAttribute('src') ?? '') || a.hasAttribute('srcdoc')).length), path).toBe(0);
      expect(await injected(), path).toBe(0);
      expect(dialogs, path).toEqual([]);
    });
  }

  // Under the CSP an injected handler would not run anyway, so the DOM itself is checked: no element
  // carrying a payload's handler, no inline script holding its code. The check can fail (control):
  const injected = () => page.evaluate(() => document.querySelectorAll('[onerror], [onload], [ontoggle]').length
    // (the page's JSON-LD block holds the payloads as JSON strings: data, never run)
    + [...document.querySelectorAll('script:not([src])')].filter((x) => /^(|text\/javascript|module)$/i.test(x.getAttribute('type') ?? '') && x.textContent?.includes('__xss')).length);
  it('control: markup put in the page as HTML is what the check counts', async () => {
    await page.goto(`${portal.url}/datasets/hostile`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.evaluate((p) => { const d = document.createElement('div'); d.innerHTML = p; document.body.append(d); }, PAYLOADS[1]!);
    expect(await injected()).toBe(1);
  });

  it('the dataset page shows the title as text', async () => {
    await page.goto(`${portal.url}/datasets/hostile`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(PAYLOADS[1]);
  });

  for (const url of MARKUP) {
    it(`${url}: every payload's markup arrives escaped`, async () => {
      const res = await fetch(`${portal.url}${url}`);
      expect(res.status, url).toBe(200);
      const body = await res.text();
      for (const tag of ['<script>window', '<img src=x', '<svg onload', '<iframe srcdoc', '<details open', '<mglyph']) expect(body.includes(tag), `${url} holds ${tag}`).toBe(false);
    });
  }

  for (const [url, expected] of DATA) {
    it(`${url}: the payloads come back as data, unchanged`, async () => {
      const body = await (await fetch(`${portal.url}${url}`)).text();
      const text = url.endsWith('csv?neutralise_formulas=false') ? body : JSON.stringify(JSON.parse(body));
      for (const p of expected) expect(text.includes(url.includes('csv') ? p.replace(/"/g, '""') : JSON.stringify(p).slice(1, -1)), `${url} keeps ${p}`).toBe(true);
    });
  }
});
