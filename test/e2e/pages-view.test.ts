// Pages as readers see them, in Debian's Chromium over the demo catalog and the real API: the air
// quality dashboard renders every block, its KPI equals DuckDB's answer to the same SQL (whole
// dataset, one site, the latest full month against the one before), the site filter narrows the
// KPI and the table and survives a reload; one block embeds without the portal's chrome; a
// restricted page is "not found" for an anonymous visitor; a block over a restricted dataset says
// "Not available to you" and shows none of its data; axe finds nothing serious at 1280 and 390 px;
// an editor sees the draft with ?preview=draft.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch, screenshot } from './support/browser.ts';
import { startDemoPortal } from './support/demo-portal.ts';
import type { RunningPortal } from './support/server.ts';
import { ensurePages } from '../../src/server/pages-store.ts';
import { ensureGovernance } from '../../src/governance/index.ts';
import { hostSite } from './support/host-site.ts';

const AIR = 'city-air-sensors-synthetic';
const PARKING = 'parking-occupancy-synthetic';
const EDITOR = { username: 'page-editor', password: 'page-editor-password-1' };
const SITE = 'Ring Road East';
const en1 = (v: number) => new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);

/** Every block loaded: no block waiting, nothing busy. */
async function settled(page: Page, blocks: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('.page-block').length === n
    && !document.querySelector('.block-wait, [aria-busy=true], .block-pending'), blocks, { timeout: 30_000 });
}

describe.skipIf(!HAS_CHROMIUM)('pages as readers see them', () => {
  let portal: RunningPortal;
  let browser: Browser;
  const sql = async (q: string) => (await portal.ctx.backend.query(q)) as Array<Record<string, unknown>>;
  const table = (id: string) => portal.ctx.catalog.get(id).table;

  beforeAll(async () => {
    portal = await startDemoPortal();
    browser = await launch();
    const d = await ensurePages(portal.ctx);
    const dash = d.pages.findBySlug('air-quality-dashboard')!;
    const content = dash.published!;
    // A restricted copy (readers: nobody here), a page whose draft differs from what is published,
    // and a page with one block over a restricted dataset.
    await d.pages.save({ ...dash, uid: 'sp_private', slug: 'private-air', public: false, featured: false, published: { ...content, title: 'Private air notes' } });
    await d.pages.save({ ...dash, uid: 'sp_drafted', slug: 'drafted-air', featured: false, draft: { ...content, title: 'Air dashboard (next edition)', blocks: content.blocks.slice(0, 3) }, published: content });
    const mixed = {
      title: 'Mixed access', description: 'One open block, one over a restricted dataset.', filters: [],
      blocks: [
        { id: 'open', type: 'kpi', title: 'Readings', dataset: AIR, value: 'count(*)', layout: { w: 6, h: 2 } },
        { id: 'closed', type: 'kpi', title: 'Parking spaces free, average', dataset: PARKING, value: 'avg(free_spaces)', decimals: 3, layout: { w: 6, h: 2 } },
        { id: 'note', type: 'text', title: 'A note', markdown: 'Plain **bold**. <img src="/nope.png" onerror="window.__xss = 1"> <script>window.__xss = 2</script> [bad](javascript:window.__xss=3)', layout: { w: 6, h: 1 } },
        { id: 'pic', type: 'image', url: '/no-such-picture.png', alt: 'A sensor on a lamp post', caption: 'Sensor 4, Town Hall', layout: { w: 6, h: 3 } },
        { id: 'evil', type: 'image', url: 'javascript:window.__xss=4', alt: 'Not loaded', layout: { w: 6, h: 1 } },
      ],
    } as typeof content;
    await d.pages.save({ ...dash, uid: 'sp_mixed', slug: 'mixed-access', featured: false, draft: mixed, published: mixed });
    const london = {
      title: 'London', description: '', filters: [],
      blocks: [{ id: 'map', type: 'map', title: 'Boroughs and the Central line', layout: { w: 12, h: 6 }, layers: [
        { dataset: 'london-boroughs', style: 'choropleth', colour_by: 'name' },
        { dataset: 'london-tube-lines', style: 'points', where: 'line = "Central"' },
      ] }],
    } as unknown as typeof content;
    await d.pages.save({ ...dash, uid: 'sp_london', slug: 'london-map', featured: false, draft: london, published: london });
    await portal.ctx.catalog.updateFlags(PARKING, { is_restricted: true });
    const gov = await ensureGovernance(portal.ctx);
    await gov.addUser({ ...EDITOR, permissions: ['edit_page'] });
  }, 180_000);
  afterAll(async () => { await browser?.close(); await portal?.stop(); });

  async function open(path: string, width = 1280, context?: BrowserContext): Promise<Page> {
    const page = context ? await context.newPage() : await browser.newPage({ viewport: { width, height: 4200 } });
    if (context) await page.setViewportSize({ width, height: 4200 });
    await page.goto(`${portal.url}${path}`);
    return page;
  }

  it('the dashboard renders every block; its NO₂ KPI is DuckDB\'s average, compared month on month as DuckDB counts it', async () => {
    const [{ v }] = await sql(`SELECT avg(no2_ugm3) AS v FROM "${table(AIR)}"`);
    // The data runs from 2026-01-01 to 2026-03-01 23:00: March has one day, so February is the latest full month.
    const [{ hi }] = await sql(`SELECT strftime(max(measured_at)::TIMESTAMP, '%Y-%m-%d %H') AS hi FROM "${table(AIR)}"`);
    expect(hi).toBe('2026-03-01 23');
    const month = async (from: string, to: string) => Number((await sql(`SELECT avg(no2_ugm3) AS v FROM "${table(AIR)}" WHERE measured_at::TIMESTAMP >= TIMESTAMP '${from}' AND measured_at::TIMESTAMP < TIMESTAMP '${to}'`))[0].v);
    const feb = await month('2026-02-01', '2026-03-01');
    const jan = await month('2026-01-01', '2026-02-01');
    const page = await open('/pages/air-quality-dashboard');
    try {
      await settled(page, 8);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Air quality dashboard');
      const kpi = page.getByRole('article', { name: 'Nitrogen dioxide (NO₂), average' });
      expect(await kpi.locator('.kpi-value').textContent()).toBe(`${en1(Number(v))}\u00a0µg/m³`);
      expect(Number(v)).toBeLessThanOrEqual(40);
      expect(await kpi.locator('.kpi-target').textContent()).toBe('Target met · target: at most 40\u00a0µg/m³');
      const pct = ((feb - jan) / Math.abs(jan)) * 100;
      const arrow = feb > jan ? '▲' : '▼';
      const sign = pct > 0 ? '+' : '-';
      const trend = feb < jan ? 'improving' : 'worsening';
      expect(await kpi.locator('.kpi-change').textContent()).toBe(`${arrow} ${sign}${en1(Math.abs(pct))} % vs previous month · ${trend}`);
      expect(await kpi.locator('.kpi-periods').textContent()).toBe(`February 2026: ${en1(feb)}\u00a0µg/m³; January 2026: ${en1(jan)}\u00a0µg/m³.`);
      const [{ n }] = await sql(`SELECT count(*) AS n FROM "${table(AIR)}"`);
      expect(await page.getByRole('article', { name: 'Readings' }).locator('.kpi-value').textContent()).toBe(new Intl.NumberFormat('en').format(Number(n)));
      // The text block has no title: no heading of its own, named by its kind.
      const text = page.locator('[data-block="intro"]');
      expect(await text.getByRole('heading').count()).toBe(0);
      expect(await text.getAttribute('aria-label')).toBe('Text');
      expect(await text.locator('strong').first().textContent()).toBe('nitrogen dioxide');
      // Charts: the Analyze tab's figure, with its data table and downloads.
      const bySite = page.getByRole('article', { name: 'NO₂ by site' });
      expect(await bySite.locator('figure.chart').getAttribute('data-chart-points')).toBe('10');
      expect(await bySite.getByRole('button', { name: 'Download PNG' }).count()).toBe(1);
      expect(await bySite.getByRole('button', { name: 'Download SVG' }).count()).toBe(1);
      await bySite.getByText('Show data').click();
      const rows = await sql(`SELECT site_name, avg(no2_ugm3) AS v FROM "${table(AIR)}" GROUP BY site_name ORDER BY v DESC`);
      const first = bySite.locator('table tbody tr').first();
      expect(await first.locator('th').textContent()).toBe(rows[0].site_name);
      // Map: one layer, its legend; the table: 10 rows, newest first, with a link to the table view.
      const map = page.getByRole('article', { name: 'Where the sensors are' });
      expect(await map.locator('.map-desc').textContent()).toContain('Map with 1 layer:');
      expect(await map.getByRole('heading', { name: 'Legend' }).count()).toBe(1);
      const latest = page.getByRole('article', { name: 'Latest readings' });
      expect(await latest.locator('tbody tr').count()).toBe(10);
      expect(await latest.locator('th[aria-sort="descending"]').getAttribute('data-field')).toBe('measured_at');
      expect(await latest.getByRole('link', { name: 'Open in the dataset’s table' }).getAttribute('href')).toBe(`/datasets/${AIR}?tab=table&sort=-measured_at`);
      await screenshot(page, 'pages-view-dashboard');
    } finally { await page.close(); }
  });

  it('picking a site narrows the KPI and the table to that site; the URL keeps it and a reload restores it', async () => {
    const [{ v }] = await sql(`SELECT avg(no2_ugm3) AS v FROM "${table(AIR)}" WHERE site_name = '${SITE}'`);
    const [{ all }] = await sql(`SELECT avg(no2_ugm3) AS all FROM "${table(AIR)}"`);
    expect(en1(Number(v))).not.toBe(en1(Number(all)));
    const page = await open('/pages/air-quality-dashboard');
    try {
      await settled(page, 8);
      await page.getByLabel('Sensor site').selectOption(SITE);
      await expect.poll(() => new URL(page.url()).searchParams.get('pf.site')).toBe(SITE);
      const check = async () => {
        await settled(page, 8);
        const kpi = page.getByRole('article', { name: 'Nitrogen dioxide (NO₂), average' });
        await expect.poll(() => kpi.locator('.kpi-value').textContent()).toBe(`${en1(Number(v))}\u00a0µg/m³`);
        const sites = await page.getByRole('article', { name: 'Latest readings' }).locator('td[data-field="site_name"]').allTextContents();
        expect(sites.length).toBe(10);
        expect(new Set(sites)).toEqual(new Set([SITE]));
      };
      await check();
      await page.reload();
      expect(await page.getByLabel('Sensor site').inputValue()).toBe(SITE);
      await check();
    } finally { await page.close(); }
  });

  it('one block embeds without the portal\'s chrome, with the filter of its URL', async () => {
    const [{ v }] = await sql(`SELECT avg(no2_ugm3) AS v FROM "${table(AIR)}" WHERE site_name = '${SITE}'`);
    const page = await open(`/embed/pages/air-quality-dashboard/blocks/no2?pf.site=${encodeURIComponent(SITE)}`);
    try {
      await settled(page, 1);
      expect(await page.locator('.site-header').count()).toBe(0);
      expect(await page.locator('footer.site-footer, .site-footer').count()).toBe(0);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Nitrogen dioxide (NO₂), average');
      expect(await page.locator('.kpi-value').textContent()).toBe(`${en1(Number(v))}\u00a0µg/m³`);
      expect(await axeSerious(page)).toEqual([]);
    } finally { await page.close(); }
  });

  it('a whole page embeds in French without chrome: the story\'s rain total and its year-on-year change, as DuckDB sums them', async () => {
    const W = table('seattle-weather');
    const year = async (y: number) => Number((await sql(`SELECT sum(precipitation) AS v FROM "${W}" WHERE year(date::DATE) = ${y}`))[0].v);
    const [{ total, hi }] = await sql(`SELECT sum(precipitation) AS total, strftime(max(date::DATE), '%Y-%m-%d') AS hi FROM "${W}"`);
    expect(hi).toBe('2015-12-31'); // the last day of 2015: 2015 is full, compared with 2014
    const [y15, y14] = [await year(2015), await year(2014)];
    const fr = (v: number, d = 0) => new Intl.NumberFormat('fr', { minimumFractionDigits: d, maximumFractionDigits: d }).format(v);
    const page = await open('/embed/pages/seattle-weather-story?lang=fr');
    try {
      await settled(page, 6);
      expect(await page.locator('.site-header').count()).toBe(0);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Four years of Seattle weather');
      const rain = page.getByRole('article', { name: 'Precipitation, total' });
      expect(await rain.locator('.kpi-value').textContent()).toBe(`${fr(Number(total))}\u00a0mm`);
      const pct = ((y15 - y14) / Math.abs(y14)) * 100;
      expect(await rain.locator('.kpi-change').textContent())
        .toBe(`${y15 > y14 ? '▲' : '▼'} ${pct > 0 ? '+' : '-'}${fr(Math.abs(pct), 1)}\u202f% par rapport à l’année précédente`);
      expect(await rain.locator('.kpi-periods').textContent()).toBe(`2015 : ${fr(y15)}\u00a0mm ; 2014 : ${fr(y14)}\u00a0mm.`);
      expect(await page.getByLabel('Weather of the day').count()).toBe(1);
      expect(await axeSerious(page)).toEqual([]);
    } finally { await page.close(); }
  });

  it('a map block with two layers: both in its legend, the second with its own where', async () => {
    const page = await open('/pages/london-map');
    try {
      await settled(page, 1);
      const map = page.getByRole('article', { name: 'Boroughs and the Central line' });
      const title = (id: string) => String(portal.ctx.catalog.get(id).metas.default.title);
      await expect.poll(() => map.locator('.map-desc').textContent()).toBe(`Map with 2 layers: ${title('london-boroughs')}, ${title('london-tube-lines')}.`);
      expect(await map.locator('.legend-overlays .legend-entry').count()).toBe(1);
      const [{ n }] = await sql(`SELECT count(*) AS n FROM "${table('london-tube-lines')}" WHERE line = 'Central'`);
      // The second layer counts only Central line records in view: at least one, never more than DuckDB's Central count.
      await map.locator('.legend-overlays .legend-count').waitFor({ timeout: 15_000 });
      const shown = Number((await map.locator('.legend-overlays .legend-count').textContent())!.replace(/\D/g, ''));
      const [{ all }] = await sql(`SELECT count(*) AS all FROM "${table('london-tube-lines')}"`);
      expect(Number(n)).toBeLessThan(Number(all));
      expect(shown).toBeGreaterThan(0);
      expect(shown).toBeLessThanOrEqual(Number(n));
      expect(await map.locator('[data-colour-by="name"]').count()).toBe(1);
      expect(await axeSerious(page)).toEqual([]);
    } finally { await page.close(); }
  });

  it('the Embed action of a block gives its iframe snippet, which another site can frame (the page itself it cannot)', async () => {
    const page = await open('/pages/air-quality-dashboard');
    try {
      await settled(page, 8);
      await page.getByRole('button', { name: 'Embed “Latest readings”' }).click();
      const code = await page.getByLabel('Embed code').inputValue();
      expect(code).toContain(`src="${portal.url}/embed/pages/air-quality-dashboard/blocks/latest?lang=en"`);
      expect(code).toMatch(/^<iframe /);
      // "Another site" on a second loopback port (another origin): the block's snippet as given, and the full page.
      const [{ n }] = await sql(`SELECT least(count(*), 10) AS n FROM "${table(AIR)}"`);
      const host = await hostSite(`<!doctype html><title>Another site</title><h1>Another site</h1>${code}<iframe id="full" title="full page" src="${portal.url}/pages/air-quality-dashboard" width="300" height="200"></iframe>`);
      try {
        await page.goto(host.url);
        const frame = page.frameLocator('iframe:not(#full)');
        await expect.poll(() => frame.locator('.page-block table tbody tr').count(), { timeout: 20_000 }).toBe(Number(n));
        expect(await frame.locator('.site-header').count()).toBe(0);
        const full = await (await page.locator('#full').elementHandle())!.contentFrame();
        await expect.poll(() => full!.url(), { timeout: 20_000 }).toMatch(/^chrome-error:/);
      } finally { await host.close(); }
    } finally { await page.close(); }
  });

  it('a restricted page is not found for an anonymous visitor', async () => {
    const res = await fetch(`${portal.url}/api/agora/v1/pages/private-air`);
    expect(res.status).toBe(404);
    const page = await open('/pages/private-air');
    try {
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
      expect(await page.content()).not.toContain('Private air notes');
    } finally { await page.close(); }
  });

  it('a block over a restricted dataset says "Not available to you" and shows none of its data', async () => {
    const [{ v }] = await sql(`SELECT avg(free_spaces) AS v FROM "${table(PARKING)}"`);
    const hidden = new Intl.NumberFormat('en', { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(Number(v));
    const page = await open('/pages/mixed-access');
    try {
      await settled(page, 5);
      const closed = page.getByRole('article', { name: 'Parking spaces free, average' });
      expect(await closed.getByText('Not available to you').count()).toBe(1);
      expect(await closed.locator('.kpi-value').count()).toBe(0);
      expect(await page.content()).not.toContain(hidden);
      expect(await closed.getByRole('link').count()).toBe(0);
      const [{ n }] = await sql(`SELECT count(*) AS n FROM "${table(AIR)}"`);
      expect(await page.getByRole('article', { name: 'Readings' }).locator('.kpi-value').textContent()).toBe(new Intl.NumberFormat('en').format(Number(n)));
    } finally { await page.close(); }
  });

  it('text blocks never run the HTML of their Markdown; image blocks are figures with their alt text and caption', async () => {
    const page = await open('/pages/mixed-access');
    try {
      await settled(page, 5);
      const note = page.getByRole('article', { name: 'A note' });
      expect(await note.locator('strong').textContent()).toBe('bold');
      expect(await note.locator('script, [onerror]').count()).toBe(0);
      expect(await note.locator('a[href^="javascript:"]').count()).toBe(0);
      const pic = page.locator('[data-block="pic"]');
      expect(await pic.getAttribute('aria-label')).toBe('Image');
      expect(await pic.locator('figure img').getAttribute('alt')).toBe('A sensor on a lamp post');
      expect(await pic.locator('figure figcaption').textContent()).toBe('Sensor 4, Town Hall');
      expect(await page.locator('[data-block="evil"] img').count()).toBe(0);
      expect(await page.locator('[data-block="evil"]').textContent()).toContain('Not loaded');
      await page.locator('[data-block="note"] a').first().click().catch(() => undefined);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    } finally { await page.close(); }
  });

  it('axe finds no serious violation on the dashboard at 1280 and at 390 px; at 390 px every block is full width', async () => {
    for (const width of [1280, 390]) {
      const page = await open('/pages/air-quality-dashboard', width);
      try {
        await settled(page, 8);
        expect(await axeSerious(page)).toEqual([]);
        if (width === 390) {
          const widths = await page.locator('.page-block').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().width)));
          const grid = await page.locator('.page-grid').evaluate((e) => Math.round(e.getBoundingClientRect().width));
          expect(new Set(widths)).toEqual(new Set([grid]));
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
          await screenshot(page, 'pages-view-390');
        }
      } finally { await page.close(); }
    }
  });

  it('?preview=draft shows the draft to an editor, under a banner; readers get the published page', async () => {
    const context = await browser.newContext();
    try {
      const login = await context.request.post(`${portal.url}/api/auth/login`, { data: EDITOR });
      expect(login.status()).toBe(200);
      const page = await open('/pages/drafted-air?preview=draft', 1280, context);
      await settled(page, 3);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Air dashboard (next edition)');
      expect(await page.getByRole('status').filter({ hasText: 'Draft preview.' }).count()).toBe(1);
      await page.close();
    } finally { await context.close(); }
    const anon = await open('/pages/drafted-air');
    try {
      await settled(anon, 8);
      expect(await anon.getByRole('heading', { level: 1 }).textContent()).toBe('Air quality dashboard');
      expect(await anon.getByText('Draft preview.').count()).toBe(0);
    } finally { await anon.close(); }
    // Without the right to edit, asking for the draft shows nothing of it.
    const peek = await open('/pages/drafted-air?preview=draft');
    try {
      await expect.poll(() => peek.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
      expect(await peek.content()).not.toContain('next edition');
    } finally { await peek.close(); }
  });
});
