// End-to-end: the portal in a real headless Chromium against an in-process server with fixture
// datasets. Expected counts come from the fixture rows themselves (computed here, independently
// of the server); accessibility from axe-core; screenshots go to test-output/screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch, screenshot } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { READING_COUNT, TREE_COUNT, readingValue, treeRows } from './support/fixtures.ts';
import { hostSite } from './support/host-site.ts';

if (!HAS_CHROMIUM) console.warn('Skipping end-to-end tests: /usr/bin/chromium is not installed.');

const OAK = treeRows().filter((r) => r.kind === 'Oak').length;
const en = (n: number) => new Intl.NumberFormat('en').format(n);

describe.skipIf(!HAS_CHROMIUM)('portal in the browser', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  const go = (path: string) => page.goto(`${portal.url}${path}`);
  const status = () => page.locator('[role="status"].record-count');

  it('searches the catalog and opens a dataset', async () => {
    await go('/');
    await page.getByRole('heading', { name: 'Newest datasets' }).waitFor();
    await page.getByRole('link', { name: 'Street trees' }).first().waitFor();
    await screenshot(page, 'home');
    // Inflections find their datasets: "cities" → the two "City …" titles first, then the trees
    // ("… of the city" in the description).
    await page.getByLabel('Search datasets').fill('cities');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/datasets\?q=cities/);
    await expect.poll(() => page.locator('#results-count').textContent()).toBe('3 datasets');
    const titles = await page.locator('main article h2').allTextContents();
    expect(titles.slice(0, 2).sort()).toEqual(['City budget', 'City districts']);
    expect(titles[2]).toBe('Street trees');
    // Enter finds what the suggestion box proposed.
    const box = page.getByRole('combobox', { name: 'Search datasets' });
    await box.fill('');
    await box.pressSequentially('distr', { delay: 30 });
    await page.getByRole('option', { name: /City districts/ }).waitFor();
    await box.press('Enter');
    await page.waitForURL(/\/datasets\?q=distr/);
    await expect.poll(() => page.locator('#results-count').textContent()).toBe('1 dataset');
    await box.fill('tree');
    await box.press('Enter');
    await page.waitForURL(/\/datasets\?q=tree$/);
    await expect.poll(() => page.locator('#results-count').textContent()).toBe('1 dataset');
    await screenshot(page, 'catalog');
    await page.getByRole('heading', { level: 2, name: 'Street trees' }).getByRole('link').click();
    await page.waitForURL(/\/datasets\/street-trees$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Street trees');
    // A client-side page change puts keyboard focus at the start of the new page's main region.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('content');
    await expect(page.getByRole('tab', { name: 'Information' }).getAttribute('aria-selected')).resolves.toBe('true');
    await expect.poll(() => status().textContent()).toBe(`${en(TREE_COUNT)} records`);
    await page.locator('.chart-canvas svg').waitFor();
    await screenshot(page, 'dataset-info');
    const ld = await page.locator('script[type="application/ld+json"]').textContent();
    expect(JSON.parse(ld!).name).toBe('Street trees');
  });

  it('keeps the catalog\'s facet refinements, exclusions and sort in the URL', async () => {
    await go('/datasets');
    await expect.poll(() => page.locator('#results-count').textContent()).toBe('4 datasets');
    await page.getByRole('button', { name: /^Environment/ }).click();
    await expect.poll(() => page.url()).toContain('refine=theme%3AEnvironment');
    await expect.poll(() => page.locator('#results-count').textContent()).toBe('1 dataset');
    await page.getByRole('button', { name: 'Remove filter Theme: Environment' }).click();
    await page.getByRole('button', { name: 'Exclude Environment' }).click();
    await expect.poll(() => page.url()).toContain('exclude=theme%3AEnvironment');
    await expect.poll(() => page.locator('#results-count').textContent()).toBe('3 datasets');
    await page.getByLabel('Sort by').selectOption('title');
    await expect.poll(() => page.url()).toContain('sort=title');
    const titles = () => page.locator('.dataset-card h2').allTextContents();
    await expect.poll(titles).toEqual(['City budget', 'City districts', 'Meter readings']);
    await page.reload();
    await expect.poll(titles).toEqual(['City budget', 'City districts', 'Meter readings']);
    await expect(page.getByLabel('Sort by').inputValue()).resolves.toBe('title');
    await expect(page.getByRole('button', { name: 'Exclude Environment' }).getAttribute('aria-pressed')).resolves.toBe('true');
  });

  it('pages and sorts the table, and opens a record', async () => {
    await go('/datasets/street-trees?tab=table');
    const table = page.getByRole('table', { name: /Street trees: records/ });
    await table.waitFor();
    const firstCell = (col: number) => table.locator('tbody tr[aria-rowindex="2"] td').nth(col);
    await expect.poll(() => firstCell(0).textContent()).toBe('Tree 0000');
    const heights = treeRows().map((r) => r.height);
    await table.getByRole('button', { name: 'height' }).click();
    await expect.poll(() => page.url()).toContain('sort=height');
    await expect.poll(() => table.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => firstCell(2).textContent()).toBe(String(Math.min(...heights)));
    await table.getByRole('button', { name: 'height' }).click();
    await expect.poll(() => table.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => firstCell(2).textContent()).toBe(String(Math.max(...heights)));
    // Scroll to the end: the last page is fetched from the server on demand.
    await page.locator('.table-scroll.virtual').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    const last = table.locator(`tbody tr[aria-rowindex="${TREE_COUNT + 1}"] td`).first();
    await expect.poll(() => last.textContent()).toMatch(/^Tree \d{4}$/);
    await page.locator('.table-scroll.virtual').evaluate((el) => { el.scrollTop = 0; });
    await page.getByRole('button', { name: 'Open record 1', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Record 1' });
    await dialog.waitFor();
    await expect(dialog.locator('dt').allTextContents()).resolves.toContain('kind');
    await screenshot(page, 'dataset-table-record');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await screenshot(page, 'dataset-table');
  });

  it('reaches every record past the records API window (10,000), in the chosen order', async () => {
    await go('/datasets/meter-readings?tab=table&sort=value');
    const table = page.getByRole('table', { name: /Meter readings: records/ });
    await table.waitFor();
    const values = Array.from({ length: READING_COUNT }, (_, i) => readingValue(i)).sort((a, b) => a - b);
    const cell = (row: number) => table.locator(`tbody tr[aria-rowindex="${row + 1}"] td`).nth(2);
    await expect.poll(() => cell(1).textContent()).toBe(en(values[0]));
    await page.locator('.table-scroll.virtual').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await expect.poll(() => cell(READING_COUNT).textContent()).toBe(en(values[READING_COUNT - 1]));
    // Just past the window: row 10,001 in this order.
    await page.locator('.table-scroll.virtual').evaluate((el) => { el.scrollTop = 10_000 * 36; });
    await expect.poll(() => cell(10_001).textContent()).toBe(en(values[10_000]));
    await screenshot(page, 'dataset-table-deep');
  });

  it('refines by a facet and shows the new count in every tab', async () => {
    await go('/datasets/street-trees?tab=table');
    await page.getByRole('button', { name: /^Oak/ }).first().click();
    await expect.poll(() => page.url()).toContain('refine=kind%3AOak');
    const expected = `${en(OAK)} of ${en(TREE_COUNT)} records`;
    await expect.poll(() => status().textContent()).toBe(expected);
    await expect.poll(() => page.locator('caption#records-caption').textContent()).toContain(`of ${en(OAK)}`);
    for (const tab of ['Information', 'Map', 'Analyze', 'API', 'Export']) {
      await page.getByRole('tab', { name: tab }).click();
      await expect.poll(() => status().textContent(), { message: tab }).toBe(expected);
      expect(page.url()).toContain('refine=kind%3AOak');
      if (tab === 'API') {
        await page.getByRole('button', { name: 'Run', exact: true }).click();
        await expect.poll(async () => JSON.parse(await page.locator('.api-answer pre').textContent() ?? '{}').total_count).toBe(OAK);
        // The documentation link leads to this dataset's browsable API reference, which answers.
        const docs = await page.getByRole('tabpanel').getByRole('link', { name: 'API documentation' }).getAttribute('href');
        expect(docs).toBe('/docs/api/datasets/street-trees');
        const ref = await fetch(`${portal.url}${docs}`);
        expect(ref.status).toBe(200);
        expect(await ref.text()).toContain('street-trees');
      }
      if (tab === 'API' || tab === 'Export') await screenshot(page, `dataset-${tab.toLowerCase()}-refined`);
    }
    const exportLinks = await page.getByRole('tabpanel').locator('a[href*="/exports/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(exportLinks.length).toBeGreaterThanOrEqual(10);
    for (const href of exportLinks) expect(href, href).toContain('refine=kind%3AOak');
    const csv = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(csv).toContain('refine=kind%3AOak');
    const body = await (await fetch(`${portal.url}${csv}`)).text();
    expect(body.trim().split(/\r?\n/).length - 1).toBe(OAK);
  });

  it('works from the keyboard: tabs with arrow keys, facets and sort with Enter', async () => {
    await go('/datasets/street-trees');
    const info = page.getByRole('tab', { name: 'Information' });
    await info.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.url()).toContain('tab=table');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role') + ':' + document.activeElement?.textContent)).toBe('tab:Table');
    await page.keyboard.press('End');
    await expect.poll(() => page.url()).toContain('tab=export');
    await page.keyboard.press('Home');
    await expect.poll(() => page.url()).not.toContain('tab=');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.url()).toContain('tab=table');
    const oak = page.getByRole('button', { name: /^Oak/ }).first();
    await oak.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => status().textContent()).toBe(`${en(OAK)} of ${en(TREE_COUNT)} records`);
    await expect.poll(() => oak.getAttribute('aria-pressed')).toBe('true');
    const sortButton = page.getByRole('table').getByRole('button', { name: 'height' });
    await sortButton.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('sort=height');
    const oakHeights = treeRows().filter((r) => r.kind === 'Oak').map((r) => r.height);
    await expect.poll(() => page.getByRole('table').locator('tbody tr[aria-rowindex="2"] td').nth(2).textContent()).toBe(String(Math.min(...oakHeights)));
  });

  it('shows the API\'s message when a filter cannot run, and recovers when it is removed', async () => {
    const where = 'nosuchfield > 3';
    const api = await (await fetch(`${portal.url}/api/explore/v2.1/catalog/datasets/street-trees/records?limit=0&where=${encodeURIComponent(where)}`)).json() as { message: string };
    expect(api.message).toBeTruthy();
    await go('/datasets/street-trees?tab=table');
    await expect.poll(() => status().textContent()).toBe(`${en(TREE_COUNT)} records`);
    await page.getByText('Advanced filter').click();
    await page.getByLabel('ODSQL filter (where)').fill(where);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.url()).toContain(`where=${encodeURIComponent(where).replace(/%20/g, '+')}`);
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain(api.message);
    await expect.poll(() => status().textContent()).toBe('Record count unavailable');
    await screenshot(page, 'dataset-query-error');
    await page.getByRole('button', { name: `Remove filter ${where}` }).click();
    await expect.poll(() => status().textContent()).toBe(`${en(TREE_COUNT)} records`);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('draws the map with server-side clusters and a list of what is in view', async () => {
    await go('/datasets/street-trees?tab=map');
    const list = page.getByRole('region', { name: 'Features in view' }).or(page.locator('section.feature-list'));
    await expect.poll(() => page.locator('.feature-list li').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const webgl = await page.locator('.maplibregl-canvas').count();
    if (webgl) await expect.poll(() => page.url()).toMatch(/map=\d/);
    await page.locator('.map-desc').waitFor();
    const desc = await page.locator('.map-desc').textContent();
    const inView = Number(/^([\d,]+)/.exec(desc ?? '')![1].replace(/,/g, ''));
    expect(inView).toBeGreaterThan(1000);
    expect(desc).toContain('groups of nearby points');
    const clusterTotal = (await page.locator('.feature-list li').allTextContents())
      .map((t) => Number(/Group of ([\d,]+)/.exec(t)![1].replace(/,/g, ''))).reduce((a, b) => a + b, 0);
    if (await page.locator('.feature-list .muted').count() === 0) expect(clusterTotal).toBe(inView);
    await list.first().waitFor();
    await screenshot(page, 'dataset-map');
    if (webgl) {
      // The map view round-trips through the URL: a zoomed-in view is restored, not refitted.
      await go('/datasets/street-trees?tab=map&map=15.00/48.86000/2.35000');
      await page.locator('.map-desc').waitFor();
      await page.waitForLoadState('networkidle');
      expect(new URL(page.url()).searchParams.get('map')).toBe('15.00/48.86000/2.35000');
      const zoomed = Number(/^([\d,]+)/.exec((await page.locator('.map-desc').textContent()) ?? '')![1].replace(/,/g, ''));
      expect(zoomed).toBeLessThan(inView);
    }
    await go('/datasets/districts?tab=map');
    await expect.poll(() => page.locator('.feature-list li').allTextContents(), { timeout: 20_000 }).toEqual(expect.arrayContaining(['District 1', 'District 4']));
    await expect.poll(() => page.locator('.map-desc').textContent()).toContain('shapes');
    if (webgl) {
      // The facet panel also has "District 2" buttons: use the list of what is in view.
      await page.getByRole('region', { name: 'Features in view' }).getByRole('button', { name: 'District 2', exact: true }).click();
      await page.locator('.maplibregl-popup .map-popup h3').waitFor();
      await expect(page.locator('.maplibregl-popup .map-popup h3').textContent()).resolves.toBe('District 2');
    }
    await screenshot(page, 'dataset-map-shapes');
    await go('/datasets/city-budget');
    await page.getByRole('tab', { name: 'Table' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Map' }).count()).toBe(0);
  });

  it('renders the default chart with a text twin, and the builder changes it through the URL', async () => {
    await go('/datasets/street-trees?tab=analyze');
    const figure = page.locator('figure.chart');
    await figure.locator('.chart-canvas svg').waitFor();
    const description = await figure.locator('.chart-desc').textContent();
    expect(description).toMatch(/^Line chart of /);
    await expect(figure.locator('.chart-canvas').getAttribute('aria-label')).resolves.toBe(description);
    const years = new Set(treeRows().map((r) => r.planted.slice(0, 4)));
    await figure.getByText('Show data').click();
    await expect.poll(() => figure.locator('.chart-data tbody tr').count()).toBe(years.size);
    await screenshot(page, 'dataset-analyze');
    await page.getByLabel('Chart type').selectOption('column');
    await expect.poll(() => page.url()).toContain('chart=column');
    await page.getByLabel('X axis').selectOption('kind');
    await expect.poll(() => figure.locator('.chart-title').textContent()).toContain('by kind');
    await expect.poll(() => figure.locator('.chart-data tbody tr').count()).toBe(11); // top 10 + Other
    await expect.poll(() => figure.locator('.chart-data tbody tr th').last().textContent()).toBe('Other');
    await page.reload();
    await expect.poll(() => page.getByLabel('X axis').inputValue()).toBe('kind');
  });

  it('downloads a chart as PNG and SVG and its data as CSV', async () => {
    await go('/datasets/street-trees?tab=analyze&x=kind&chart=bar&series=count');
    await page.locator('figure.chart .chart-canvas svg').waitFor();
    const save = async (name: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      const path = await download.path();
      return { file: download.suggestedFilename(), bytes: readFileSync(path!) };
    };
    // Expected rows from the fixture: counts per kind, the 10 largest, the rest summed as "Other".
    const counts = new Map<string, number>();
    for (const r of treeRows()) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
    const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    const expected = [...sorted.slice(0, 10).map(([k, n]) => `${k},${n}`), `Other,${sorted.slice(10).reduce((a, [, n]) => a + n, 0)}`];
    const csv = await save('Download data (CSV)');
    expect(csv.file).toMatch(/\.csv$/);
    const lines = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('kind,Number of records');
    expect(lines.slice(1).sort()).toEqual([...expected].sort());
    expect(lines.at(-1)).toBe(expected.at(-1));
    const svg = await save('Download SVG');
    expect(svg.file).toMatch(/\.svg$/);
    expect(svg.bytes.toString('utf8')).toMatch(/^<svg[\s\S]*Number of records by kind[\s\S]*<\/svg>$/);
    const png = await save('Download PNG');
    expect(png.file).toMatch(/\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('gives an embed snippet and renders embeds inside another site\'s iframe', async () => {
    await go('/datasets/street-trees?tab=table&refine=kind:Oak');
    await page.getByRole('button', { name: 'Embed' }).click();
    const code = await page.getByLabel('Embed code').inputValue();
    const src = /src="([^"]+)"/.exec(code)![1].replace(/&amp;/g, '&');
    expect(src).toContain('/embed/datasets/street-trees/table?');
    expect(src).toContain('refine=kind%3AOak');
    await page.keyboard.press('Escape');
    const res = await fetch(src);
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *');
    // "Another site" is a page on a second loopback port: another origin, as a real embedder is.
    const host = await hostSite(`<!doctype html><title>Another site</title><h1>Another site</h1><iframe id="e" title="embed" src="${src}" width="900" height="600"></iframe><iframe id="p" title="page" src="${portal.url}/datasets/street-trees" width="300" height="200"></iframe>`);
    try {
      await page.goto(host.url);
      const frame = page.frameLocator('#e');
      await expect.poll(() => frame.locator('[role="status"]').textContent(), { timeout: 20_000 }).toBe(`${en(OAK)} of ${en(TREE_COUNT)} records`);
      await frame.getByRole('table').waitFor();
      expect(await frame.locator('.site-header').count()).toBe(0);
      // The full page refuses to be framed by another origin: Chromium shows its error page instead.
      const full = await (await page.locator('#p').elementHandle())!.contentFrame();
      await expect.poll(() => full!.url(), { timeout: 20_000 }).toMatch(/^chrome-error:/);
      expect(await page.frameLocator('#p').getByRole('heading', { name: 'Street trees' }).count()).toBe(0);
      await screenshot(page, 'embed-in-iframe');
    } finally {
      await host.close();
    }
    await go('/embed/datasets/street-trees/analyze?x=kind&chart=bar&series=count');
    await page.locator('.chart-canvas svg').waitFor();
    await screenshot(page, 'embed-analyze');
    await go('/embed/datasets/districts/map');
    await expect.poll(() => page.locator('.feature-list li').count(), { timeout: 20_000 }).toBe(4);
    expect(await page.locator('.site-header').count()).toBe(0);
    await screenshot(page, 'embed-map');
  });

  it('switches to French: messages, numbers and dates', async () => {
    await go('/datasets/street-trees?tab=table');
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('tab', { name: 'Tableau' }).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => status().textContent()).toBe(`${new Intl.NumberFormat('fr').format(TREE_COUNT)} enregistrements`);
    expect(await status().textContent()).toContain('\u202f');
    await screenshot(page, 'dataset-table-fr');
    expect((await axeSerious(page)).map((v) => `${v.id} ${v.nodes.join(' ')}`)).toEqual([]);
    await page.getByRole('tab', { name: 'Informations' }).click();
    await page.locator('.chart-canvas svg').waitFor();
    const desc = await page.locator('.chart-desc').first().textContent();
    expect(desc).toMatch(/^Graphique \(Courbe\)/);
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('tab', { name: 'Table' }).waitFor();
  });

  it('has no serious accessibility violations and reflows at 320 px', async () => {
    const paths = ['/', '/datasets', '/datasets/street-trees', '/datasets/street-trees?tab=table', '/datasets/street-trees?tab=map',
      '/datasets/street-trees?tab=analyze', '/datasets/street-trees?tab=api', '/datasets/street-trees?tab=export', '/embed/datasets/street-trees/table'];
    const found: string[] = [];
    for (const path of paths) {
      await go(path);
      await page.waitForLoadState('networkidle');
      for (const v of await axeSerious(page)) found.push(`${path}: ${v.id} (${v.impact}) ${v.help} ${v.nodes.join(' ')}`);
    }
    expect(found).toEqual([]);
    // The dataset pages just visited were counted for this browser (views are flushed every 2 s).
    await go('/');
    const viewed = page.getByRole('region', { name: 'Most viewed' });
    await expect.poll(() => viewed.locator('.dataset-card h3').allTextContents(), { timeout: 10_000 }).toContain('Street trees');
    await page.setViewportSize({ width: 320, height: 700 });
    for (const path of ['/', '/datasets', '/datasets/street-trees', '/datasets/street-trees?tab=table', '/datasets/street-trees?tab=map',
      '/datasets/street-trees?tab=analyze', '/datasets/street-trees?tab=api', '/datasets/street-trees?tab=export', '/embed/datasets/street-trees/table']) {
      await go(path);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await screenshot(page, `w320${path.replace(/[^a-z0-9]+/gi, '-')}`.replace(/-$/, ''));
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(errors).toEqual([]);
  });
});
