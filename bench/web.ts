// bench:web — the browser app's budgets in Debian's Chromium: first-load JS on the wire, dataset page time to
// interactive and table jumps on the 3M-row flights, the map of 460,000 synthetic points (server-side clusters), and
// a dashboard page of 8 blocks, LCP / default chart on an emulated slow 4G with a 4× slower CPU, compressed against uncompressed in the same run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { openPortal, closePortal } from '../src/server/portal.ts';
import { buildApp } from '../src/server/app.ts';
import { importDataset } from '../src/ingest/index.ts';
import { loadDemoCatalog, vegaFile } from '../src/demo/index.ts';
import { ensureWebBuilt } from '../src/server/web/index.ts';
import { benchPages, createBenchPage } from './web-pages.ts';

const RUNS = 5;
const INITIAL_JS_BUDGET_KB = 200;
const LCP_TARGET_MS = 2500;
const CHART_TARGET_MS = 3000;
const SLOW_RUNS = 3;
const TTI_TARGET_MS = 1500;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

await ensureWebBuilt({ quiet: true });
const dir = mkdtempSync(join(tmpdir(), 'agora-bench-web-'));
const ctx = await openPortal({ dataDir: join(dir, 'data'), port: 0, baseUrl: 'http://127.0.0.1' });
console.log(`load average (1 min) at the start: ${loadavg()[0].toFixed(2)} on ${cpus().length} cores (shared machine)`);
console.log('Importing 3,000,000 flights…');
await importDataset(ctx.catalog, { source: vegaFile('flights-3m.parquet'), datasetId: 'flights', mode: 'create', title: 'Flights' });
// 460,000 points spread over a city-sized box (a deterministic generator, no randomness source).
const POINTS = 460_000;
const pointsCsv = join(dir, 'points.csv');
{
  const lines = ['id,kind,geo_point'];
  let x = 12345;
  const next = () => { x = (x * 1103515245 + 12345) % 2147483648; return x / 2147483648; };
  for (let i = 0; i < POINTS; i++) lines.push(`${i},k${i % 7},"${(48.80 + next() * 0.12).toFixed(6)},${(2.22 + next() * 0.2).toFixed(6)}"`);
  writeFileSync(pointsCsv, `${lines.join('\n')}\n`);
}
console.log(`Importing ${POINTS.toLocaleString('en')} synthetic points…`);
await importDataset(ctx.catalog, { source: pointsCsv, datasetId: 'points', mode: 'create', title: 'Points' });
await createBenchPage(ctx);
const app = await buildApp(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

const browser: Browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});

// 1. First visit (empty cache) of the catalog and a dataset page: every script on the wire (as the
//    server sent it: brotli or gzip, Chromium's choice) and the part the HTML names (entry and
//    modulepreloads, needed before anything draws) against the budget; lazy chunks come after.
for (const path of ['/datasets', '/datasets/flights']) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
  await page.locator('h1').first().waitFor();
  const { scripts, named } = await page.evaluate(async () => {
    const html = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
    const named = [...html.querySelectorAll('script[type="module"][src], link[rel="modulepreload"]')]
      .map((e) => new URL(e.getAttribute('src') ?? e.getAttribute('href')!, location.href).href);
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.initiatorType === 'script' || e.name.endsWith('.js'))
      .map((e) => ({ url: e.name, wire: e.encodedBodySize, raw: e.decodedBodySize }));
    return { scripts, named };
  });
  const sum = (xs: typeof scripts, k: 'wire' | 'raw') => xs.reduce((a, x) => a + x[k], 0);
  const initial = scripts.filter((x) => named.includes(x.url));
  console.log(`${path} first load: ${scripts.length} scripts, ${kb(sum(scripts, 'raw'))} KB raw, ${kb(sum(scripts, 'wire'))} KB on the wire; ` +
    `named by the HTML: ${initial.length} scripts, ${kb(sum(initial, 'wire'))} KB on the wire (budget ≤ ${INITIAL_JS_BUDGET_KB} KB)`);
  await context.close();
}

// 2. Dataset page on 3M rows: navigation start → tabs, record count and key figures shown and the
//    main thread answering (a frame after them): "interactive". Also when the default chart is
//    drawn and, on the Table tab, when the first rows show. Each run in a fresh browser context
//    (no HTTP cache); the server's own query cache is warm after the first run, so that run is
//    reported on its own.
async function datasetRun(path: string, ready: string): Promise<{ interactive: number; done: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}${path}`, { waitUntil: 'commit' });
  await page.locator('[role="tab"][aria-selected="true"]').waitFor();
  await page.waitForFunction(() => /\d/.test(document.querySelector('[role="status"].record-count')?.textContent ?? ''));
  const interactive = await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))));
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  const done = await page.evaluate(() => performance.now());
  await context.close();
  return { interactive, done };
}

for (const [label, path, ready, what] of [
  ['Information tab', '/datasets/flights', '.chart-canvas svg', 'default chart drawn'],
  ['Table tab', '/datasets/flights?tab=table', 'tbody tr[aria-rowindex="2"] td', 'first rows shown'],
] as const) {
  const runs: Array<{ interactive: number; done: number }> = [];
  for (let i = 0; i < RUNS + 1; i++) runs.push(await datasetRun(path, ready));
  const [first, ...warm] = runs;
  console.log(`dataset page (${label}, 3M rows): first run interactive ${first.interactive.toFixed(0)} ms, ${what} ${first.done.toFixed(0)} ms; ` +
    `median of ${RUNS} more: interactive ${median(warm.map((r) => r.interactive)).toFixed(0)} ms, ${what} ${median(warm.map((r) => r.done)).toFixed(0)} ms (target interactive < ${TTI_TARGET_MS} ms)`);
}
// 3. Table tab on 3M rows: jump to the middle and to the end (as dragging the scrollbar does);
//    time until the rows in view are filled (pages past 10,000 come from the JSON export).
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/datasets/flights?tab=table&sort=-delay`);
  const scroller = page.locator('.table-scroll.virtual');
  await page.locator('tbody tr[aria-rowindex="2"] td').first().waitFor({ timeout: 60_000 });
  let previous = 1;
  for (const [label, fraction] of [['middle', 0.5], ['end', 1]] as const) {
    const t0 = performance.now();
    await scroller.evaluate((el, f) => { el.scrollTop = f * (el.scrollHeight - el.clientHeight); }, fraction);
    const first = await page.waitForFunction((before) => {
      const m = /records ([\d,]+) to/.exec(document.querySelector('#records-caption')?.textContent ?? '');
      if (!m) return null;
      const row = Number(m[1].replace(/,/g, ''));
      const cell = document.querySelector(`tbody tr[aria-rowindex="${row + 1}"] td`);
      return row !== before && cell?.textContent ? row : null;
    }, previous, { timeout: 60_000 }).then((h) => h.jsonValue());
    previous = Number(first);
    console.log(`table (3M rows, sorted by delay desc): jump to the ${label} (row ${Number(first).toLocaleString('en')}) filled in ${(performance.now() - t0).toFixed(0)} ms`);
  }
  await context.close();
}
// 4. Map tab of 460,000 points: time until the map has drawn the server-side clusters and the
//    list of what is in view is filled; then a zoom in (twice) until the new view is listed.
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const t0 = performance.now();
  await page.goto(`${base}/datasets/points?tab=map`);
  await page.locator('.feature-list li').first().waitFor({ timeout: 60_000 });
  const shown = performance.now() - t0;
  const desc = await page.locator('.map-desc').textContent();
  const webgl = await page.locator('.maplibregl-canvas').count() > 0;
  console.log(`map (460k points): clusters listed in ${shown.toFixed(0)} ms — "${desc}" (WebGL ${webgl ? 'on, swiftshader' : 'unavailable'})`);
  if (webgl) {
    const before = desc;
    const t1 = performance.now();
    await page.locator('.maplibregl-canvas').dblclick();
    await page.locator('.maplibregl-canvas').dblclick();
    await page.waitForFunction((b) => document.querySelector('.map-desc')?.textContent !== b, before, { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    console.log(`map (460k points): zoomed in twice, view listed again in ${(performance.now() - t1).toFixed(0)} ms — "${await page.locator('.map-desc').textContent()}"`);
  }
  await context.close();
}
// 4b. A page (dashboard) of 8 blocks over the 3M flights: every block drawn, against the API calls alone.
await benchPages(browser, base, RUNS, TTI_TARGET_MS);
// 5. Slow 4G (Lighthouse's profile: 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up) and a CPU slowed 4×
//    through the DevTools protocol, fresh context each run (no HTTP cache): largest contentful paint
//    and the default chart drawn on the Information tab of demo datasets and the 3M flights; the
//    peer is the same page with compression refused (Accept-Encoding: identity) in the same run.
await loadDemoCatalog(ctx.catalog);
async function slowRun(path: string, compressed: boolean): Promise<{ lcp: number; chart: number; wire: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, extraHTTPHeaders: compressed ? {} : { 'accept-encoding': 'identity' } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) (window as unknown as { lcp: number }).lcp = e.startTime; })
      .observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(`${base}${path}`, { waitUntil: 'commit' });
  await page.locator('.chart-canvas svg').first().waitFor({ timeout: 120_000 });
  const chart = await page.evaluate(() => performance.now());
  await page.waitForTimeout(300);
  const { lcp, wire } = await page.evaluate(() => ({
    lcp: (window as unknown as { lcp: number }).lcp,
    wire: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).reduce((a, e) => a + e.transferSize, 0),
  }));
  await context.close();
  return { lcp, chart, wire };
}
for (const id of ['seattle-weather', 'city-budget-synthetic', 'us-airports', 'flights']) {
  const med = async (compressed: boolean) => {
    const runs: Array<{ lcp: number; chart: number; wire: number }> = [];
    for (let i = 0; i < SLOW_RUNS; i++) runs.push(await slowRun(`/datasets/${id}`, compressed));
    return { lcp: median(runs.map((r) => r.lcp)), chart: median(runs.map((r) => r.chart)), wire: median(runs.map((r) => r.wire)) };
  };
  const on = await med(true);
  const off = await med(false);
  console.log(`slow 4G + 4× CPU, /datasets/${id} (median of ${SLOW_RUNS}): LCP ${on.lcp.toFixed(0)} ms (target ≤ ${LCP_TARGET_MS}), default chart ${on.chart.toFixed(0)} ms (target ≤ ${CHART_TARGET_MS}), ` +
    `${kb(on.wire)} KB moved; uncompressed peer: LCP ${off.lcp.toFixed(0)} ms, chart ${off.chart.toFixed(0)} ms, ${kb(off.wire)} KB; ` +
    `compressed ÷ uncompressed chart time ${(on.chart / off.chart).toFixed(2)}×`);
}
console.log(`load average (1 min) at the end: ${loadavg()[0].toFixed(2)} on ${cpus().length} cores (shared machine)`);

await browser.close();
await app.close();
await closePortal(ctx);
rmSync(dir, { recursive: true, force: true });
