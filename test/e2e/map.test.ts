// End-to-end: maps with every request that leaves localhost blocked. The offline basemap's
// source and layers exist and its land renders; the attribution names Natural Earth; it names the
// countries in view without overlap (none on a configured style, which names places itself); legends
// match the fixture rows (categories with counts, quantile ranges computed here by hand); the
// districts draw as a choropleth; another dataset is added, hidden and removed as a layer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch, screenshot } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { treeRows } from './support/fixtures.ts';

if (!HAS_CHROMIUM) console.warn('Skipping end-to-end tests: /usr/bin/chromium is not installed.');

const en = (n: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(n);
/** The districts fixture's populations (support/fixtures.ts writeDistricts). */
const POPULATIONS = [0, 1, 2, 3].map((i) => 10000 * (i + 1) + 1234);

/** Linear-interpolation percentile, the definition the API documents. */
function percentile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

type MapProbe = { layers: string[]; sources: string[]; rendered: Record<string, number>; fills: string[] };

async function probe(page: Page, layers: string[]): Promise<MapProbe> {
  return page.evaluate((ls) => {
    const map = (document.querySelector('.map-canvas') as unknown as { agoraMap: {
      getStyle: () => { layers: Array<{ id: string }>; sources: Record<string, unknown> };
      getLayer: (id: string) => unknown;
      queryRenderedFeatures: (o: { layers: string[] }) => Array<{ layer: { paint?: Record<string, unknown> } }>;
    } }).agoraMap;
    const style = map.getStyle();
    const rendered: Record<string, number> = {};
    for (const l of ls) rendered[l] = map.getLayer(l) ? map.queryRenderedFeatures({ layers: [l] }).length : -1;
    const fills = map.getLayer('shape-fill') ? map.queryRenderedFeatures({ layers: ['shape-fill'] }).map((f) => JSON.stringify(f.layer.paint?.['fill-color'])) : [];
    return { layers: style.layers.map((l) => l.id), sources: Object.keys(style.sources), rendered, fills };
  }, layers);
}

describe.skipIf(!HAS_CHROMIUM)('maps in the browser, offline', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  const blocked: string[] = [];

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launch();
    page = await offlinePage();
  });
  /** A page whose requests leaving localhost are aborted and recorded in `blocked`. */
  async function offlinePage(): Promise<Page> {
    const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await p.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === '127.0.0.1' || host === 'localhost') return route.continue();
      blocked.push(route.request().url());
      return route.abort();
    });
    return p;
  }
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  const go = (path: string) => page.goto(`${portal.url}${path}`);
  const legend = () => page.locator('.map-legend');

  it('draws the offline world basemap with its attribution, and colours polygons as a choropleth', async () => {
    await go('/datasets/districts?tab=map');
    const entries = legend().locator('[data-colour-by="population"] .legend-label');
    await entries.first().waitFor();
    const sorted = [...POPULATIONS].sort((a, b) => a - b);
    const edges = [sorted[0], ...[0.2, 0.4, 0.6, 0.8].map((p) => percentile(sorted, p)), sorted[sorted.length - 1]];
    expect(await entries.allTextContents()).toEqual(edges.slice(0, -1).map((e, i) => `${en(e)} to ${en(edges[i + 1])}`));
    await expect.poll(async () => (await probe(page, ['land'])).rendered.land, { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(async () => new Set((await probe(page, [])).fills).size, { timeout: 20_000 }).toBe(4);
    const p = await probe(page, ['land', 'coastline', 'borders', 'shape-fill']);
    expect(p.sources).toContain('world');
    expect(p.layers.slice(0, 4)).toEqual(['water', 'land', 'coastline', 'borders']);
    expect(p.rendered['shape-fill']).toBeGreaterThanOrEqual(4);
    expect(await page.locator('.maplibregl-ctrl-attrib').textContent()).toContain('Natural Earth via world-atlas');
    await screenshot(page, 'map-choropleth');
    expect(blocked).toEqual([]);
  });

  /** The country names drawn, with their boxes in the page. */
  async function countryNames(p: Page): Promise<Array<{ name: string; left: number; top: number; right: number; bottom: number }>> {
    return p.locator('.country-name').evaluateAll((els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { name: e.textContent ?? '', left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    }));
  }
  /** Clicks a control and resolves when the move it starts has ended. */
  async function afterMove(p: Page, act: () => Promise<void>): Promise<void> {
    const ended = p.evaluate(() => new Promise<void>((resolve) => {
      (document.querySelector('.map-canvas') as unknown as { agoraMap: { once: (e: string, f: () => void) => void } }).agoraMap.once('moveend', () => resolve());
    }));
    await act();
    await ended;
  }

  it('names the countries in view on the offline basemap, never overlapping, more of them once zoomed in', async () => {
    // The map's own world view (zoom 1 shows 1024 px of 360°: about 200° of longitude across the map).
    await go('/datasets/districts?tab=map&map=1.00/20.00000/0.00000');
    await page.locator('.country-name').first().waitFor({ timeout: 20_000 });
    const wide = await countryNames(page);
    const wideNames = wide.map((n) => n.name);
    // Large countries whose middles lie within 80° of the view's centre.
    for (const name of ['Brazil', 'Algeria', 'India', 'Argentina', 'Kazakhstan']) expect(wideNames).toContain(name);
    const overlapping = (list: typeof wide) => list.flatMap((a, i) => list.slice(i + 1)
      .filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom).map((b) => `${a.name} × ${b.name}`));
    expect(overlapping(wide)).toEqual([]); // without the collision check: Sudan × Chad, Libya × Egypt, France × Italy…
    // Quiet and out of the way: hidden from assistive technology, transparent to the pointer.
    expect(await page.locator('.country-names').getAttribute('aria-hidden')).toBe('true');
    const brazil = wide.find((n) => n.name === 'Brazil')!;
    const under = await page.evaluate(([x, y]) => {
      const e = document.elementFromPoint(x, y)!;
      return { tag: e.tagName, pointer: getComputedStyle(document.querySelector('.country-name')!).pointerEvents };
    }, [(brazil.left + brazil.right) / 2, (brazil.top + brazil.bottom) / 2]);
    expect(under).toEqual({ tag: 'CANVAS', pointer: 'none' });
    expect((await axeSerious(page)).map((v) => `${v.id} ${v.nodes.join(' ')}`)).toEqual([]);

    // One step in doubles the scale about the centre: the middle half of the old view fills the map.
    const canvas = (await page.locator('.map-canvas canvas').boundingBox())!;
    const middle = { left: canvas.x + canvas.width / 4, right: canvas.x + canvas.width * 3 / 4, top: canvas.y + canvas.height / 4, bottom: canvas.y + canvas.height * 3 / 4 };
    const inMiddle = wide.filter((n) => { const x = (n.left + n.right) / 2; const y = (n.top + n.bottom) / 2; return x > middle.left && x < middle.right && y > middle.top && y < middle.bottom; });
    await afterMove(page, () => page.getByRole('button', { name: 'Zoom in' }).click());
    await expect.poll(async () => (await countryNames(page)).map((n) => n.name).join()).not.toBe(wideNames.join());
    const near = await countryNames(page);
    expect(overlapping(near)).toEqual([]);
    expect(near.length, `${inMiddle.map((n) => n.name)} → ${near.map((n) => n.name)}`).toBeGreaterThan(inMiddle.length);
    // Countries too small to name at zoom 1 have room at zoom 2.
    const found = near.map((n) => n.name).filter((n) => !wideNames.includes(n));
    expect(found.length, `${near.map((n) => n.name)}`).toBeGreaterThan(0);
    await screenshot(page, 'map-country-names');
    expect(blocked).toEqual([]);
  });

  it('colours points by a category with a legend of the top kinds and "Other"', async () => {
    await go('/datasets/street-trees?tab=map&color=kind');
    const rows = treeRows();
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 7);
    const other = rows.length - top.reduce((s, [, n]) => s + n, 0);
    const items = legend().locator('[data-colour-by="kind"] .legend-entry');
    await items.first().waitFor();
    const texts = await items.evaluateAll((els) => els.map((e) => `${e.querySelector('.legend-label')!.textContent},${e.querySelector('.legend-count')!.textContent}`));
    expect(texts).toEqual([...top.map(([k, n]) => `${k},${en(n)}`), `Other,${en(other)}`]);
  });

  it('uses the configured AGORA_BASEMAP style with its own attribution, and falls back offline when it does not answer', async () => {
    const style = {
      version: 8,
      sources: { city: { type: 'geojson', attribution: '© Test City tiles', data: { type: 'FeatureCollection', features: [] } } },
      layers: [{ id: 'city-background', type: 'background', paint: { 'background-color': '#fafafa' } }, { id: 'city-roads', type: 'line', source: 'city' }],
    };
    const tiles: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify(style));
    });
    await new Promise<void>((r) => tiles.listen(0, '127.0.0.1', r));
    const before = portal.ctx.config.basemapStyle;
    try {
      portal.ctx.config.basemapStyle = `http://127.0.0.1:${(tiles.address() as { port: number }).port}/style.json`;
      const fresh = await offlinePage();
      // A view where the offline basemap names countries (see above): the configured style names none here.
      await fresh.goto(`${portal.url}/datasets/districts?tab=map&map=3.00/50.00000/5.00000`);
      await expect.poll(async () => (await probe(fresh, [])).layers.slice(0, 2), { timeout: 20_000 }).toEqual(['city-background', 'city-roads']);
      await expect.poll(() => fresh.locator('.maplibregl-ctrl-attrib').textContent()).toContain('© Test City tiles');
      expect(await fresh.locator('.maplibregl-ctrl-attrib').textContent()).not.toContain('Natural Earth');
      await expect.poll(async () => (await probe(fresh, [])).layers, { timeout: 20_000 }).toContain('shape-fill'); // loaded: data layers are in
      expect(await fresh.locator('.country-names, .country-name').count()).toBe(0);
      await new Promise<void>((r) => { tiles.closeAllConnections(); tiles.close(() => r()); });
      await fresh.reload();
      await fresh.getByText('The configured background map did not answer').waitFor({ timeout: 20_000 });
      await expect.poll(async () => (await probe(fresh, [])).sources, { timeout: 20_000 }).toContain('world');
      await expect.poll(() => fresh.locator('.country-name').count(), { timeout: 20_000 }).toBeGreaterThan(0);
      await fresh.close();
      expect(blocked).toEqual([]);
    } finally {
      portal.ctx.config.basemapStyle = before;
      tiles.close();
    }
  });

  it('adds another dataset as a layer, keeps it in the URL, hides and removes it', async () => {
    await go('/datasets/street-trees?tab=map');
    await page.locator('.maplibregl-canvas').waitFor();
    await page.getByLabel('Add a layer').selectOption({ label: 'City districts' });
    await expect.poll(() => new URL(page.url()).searchParams.getAll('layer')).toEqual(['districts']);
    const entry = legend().locator('[data-layer="districts"]');
    await expect.poll(() => entry.locator('.legend-count').textContent().catch(() => null), { timeout: 20_000 }).toBe('4');
    await expect.poll(async () => (await probe(page, ['overlay:districts:shape-fill'])).rendered['overlay:districts:shape-fill'], { timeout: 20_000 }).toBeGreaterThan(0);
    await screenshot(page, 'map-layers');
    await entry.getByRole('checkbox').uncheck();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('hide')).toEqual(['districts']);
    await expect.poll(async () => (await probe(page, ['overlay:districts:shape-fill'])).rendered['overlay:districts:shape-fill']).toBe(0);
    await entry.getByRole('button', { name: 'Remove the layer City districts' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('layer')).toEqual([]);
    expect((await probe(page, ['overlay:districts:shape-fill'])).rendered['overlay:districts:shape-fill']).toBe(-1);
    expect(blocked).toEqual([]);
  });
});
