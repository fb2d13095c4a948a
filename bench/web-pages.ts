// bench:web's page section: a dashboard of 8 blocks (3 KPIs, 3 charts, a table, a text) over the
// 3M-row flights, timed from navigation until every block has drawn, against the same API calls made from Node.
import type { Browser } from 'playwright-core';
import type { AppContext } from '../src/server/context.ts';
import { ensurePages } from '../src/server/pages-store.ts';
import { newPageUid, readContent, type Page } from '../src/pages/index.ts';

export const BENCH_PAGE = 'flights-dashboard';
const FLIGHTS = 'flights';

/** Saves and publishes the bench page over the `flights` dataset (checked like any saved page). */
export async function createBenchPage(ctx: AppContext): Promise<void> {
  const d = await ensurePages(ctx);
  const content = readContent({
    title: 'Flights dashboard', description: 'Three million US flights of 2001: delays, distances and airports.',
    filters: [{ id: 'origin', type: 'facet', dataset: FLIGHTS, field: 'origin', label: 'Origin' }],
    blocks: [
      { id: 'count', type: 'kpi', title: 'Flights', dataset: FLIGHTS, value: 'count(*)', layout: { w: 4, h: 2 } },
      { id: 'delay', type: 'kpi', title: 'Average delay', dataset: FLIGHTS, value: 'avg(delay)', unit: 'min', decimals: 1, compare: { date_field: 'date', period: 'month' }, target: { value: 10, direction: 'at_most' }, layout: { w: 4, h: 2 } },
      { id: 'distance', type: 'kpi', title: 'Average distance', dataset: FLIGHTS, value: 'avg(distance)', unit: 'mi', decimals: 0, layout: { w: 4, h: 2 } },
      { id: 'intro', type: 'text', markdown: 'Every **scheduled flight** of the year, from the Bureau of Transportation Statistics.', layout: { w: 12, h: 1 } },
      { id: 'by-day', type: 'chart', title: 'Delay by day', dataset: FLIGHTS, chart: { type: 'line', x: 'date', gran: 'day', series: [{ agg: 'avg', field: 'delay' }] }, layout: { w: 6, h: 4 } },
      { id: 'origins', type: 'chart', title: 'Busiest origins', dataset: FLIGHTS, chart: { type: 'bar', x: 'origin', series: [{ agg: 'count' }], top: 10 }, layout: { w: 6, h: 4 } },
      { id: 'by-month', type: 'chart', title: 'Distance flown by month', dataset: FLIGHTS, chart: { type: 'column', x: 'date', gran: 'month', series: [{ agg: 'sum', field: 'distance' }] }, layout: { w: 6, h: 4 } },
      { id: 'late', type: 'table', title: 'The longest delays', dataset: FLIGHTS, fields: ['date', 'origin', 'destination', 'delay'], order_by: 'delay desc', limit: 10, layout: { w: 6, h: 4 } },
    ],
  }, d.env);
  const now = new Date().toISOString();
  const page: Page = {
    uid: newPageUid(), slug: BENCH_PAGE, public: true, featured: false, draft: content, published: content, readers: { users: [], groups: [] },
    first_published_at: now, published_at: now, created_at: now, updated_at: now, created_by: null, updated_by: null,
  };
  await d.pages.save(page, { saved_at: now, saved_by: null, note: 'bench page', published: true, content });
}

interface PageRun { interactive: number; apiCalls: string[] }

/** One visit in a fresh context (no HTTP cache) on a tall viewport, so all 8 blocks are in view and load. */
async function pageRun(browser: Browser, base: string): Promise<PageRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 2400 } });
  const page = await context.newPage();
  const apiCalls: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/api/explore/')) apiCalls.push(r.url()); });
  await page.goto(`${base}/pages/${BENCH_PAGE}`, { waitUntil: 'commit' });
  // Ready: every block has its content (no loading state left), the charts have drawn, the table has rows.
  await page.waitForFunction(() => {
    const blocks = document.querySelectorAll('.page-block');
    return blocks.length === 8
      && !document.querySelector('.block-wait, .block-pending, [aria-busy="true"], .state-loading')
      && document.querySelectorAll('.page-block svg path').length > 0
      && document.querySelectorAll('.page-block table tbody tr').length > 0;
  }, undefined, { timeout: 60_000, polling: 'raf' });
  const interactive = await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))));
  await context.close();
  return { interactive, apiCalls };
}

/** The peer: the same Explore API calls the page made, all at once from Node (no browser, no drawing). */
async function apiAlone(urls: string[]): Promise<number> {
  const t0 = performance.now();
  await Promise.all(urls.map(async (u) => { const r = await fetch(u); if (!r.ok) throw new Error(`${u}: HTTP ${r.status}`); await r.arrayBuffer(); }));
  return performance.now() - t0;
}

export async function benchPages(browser: Browser, base: string, runs: number, targetMs: number): Promise<void> {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const all: PageRun[] = [];
  for (let i = 0; i < runs + 1; i++) all.push(await pageRun(browser, base));
  const [first, ...warm] = all;
  const peer: number[] = [];
  for (let i = 0; i < runs; i++) peer.push(await apiAlone(first.apiCalls));
  const page = median(warm.map((r) => r.interactive));
  console.log(`page of 8 blocks over 3M flights (/pages/${BENCH_PAGE}): first run all blocks drawn in ${first.interactive.toFixed(0)} ms ` +
    `(${first.apiCalls.length} API calls); median of ${runs} more ${page.toFixed(0)} ms (target ≤ ${targetMs} ms); ` +
    `peer, the same ${first.apiCalls.length} calls from Node in parallel: median ${median(peer).toFixed(0)} ms; page ÷ API ${(page / median(peer)).toFixed(2)}×`);
}
