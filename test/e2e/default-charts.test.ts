// End-to-end: the default chart of every demo dataset in Chromium means something. For each one the
// Information tab draws the chart (SVG in the DOM), chosen after the data-facts query (network);
// the API confirms its categories are not near-unique (distinct < rows / 2) and bars are not all 1;
// a time chart has 12–60 buckets; both axes are named and drawn; the description has no "–" placeholder;
// "Other" never dwarfs the bars. Expectations per dataset come from the demo data, not from the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, launch, screenshot } from './support/browser.ts';
import { startDemoPortal } from './support/demo-portal.ts';
import type { RunningPortal } from './support/server.ts';
import { DEMO_DATASETS } from '../../src/demo/index.ts';

if (!HAS_CHROMIUM) console.warn('Skipping end-to-end tests: /usr/bin/chromium is not installed.');

interface Drawn {
  x: string; kind: string; points: number; series: string; valueAxis: string; categoryAxis: string;
  description: string; svgTexts: string[]; svgShapes: number; rows: Array<{ label: string; values: number[] }>;
}

/** What a dataset's default chart must be, from the demo data (sources in src/demo). */
const EXPECTED: Record<string, Partial<Pick<Drawn, 'x' | 'kind' | 'points' | 'series' | 'valueAxis'>> & { other?: boolean }> = {
  // 57 states: the other 47 together (2,020 airports) would dwarf Alaska's 263, so no "Other".
  'us-airports': { x: 'state', kind: 'category', points: 10, series: 'count', other: false },
  // The 12 lines: the 2 left after the top 10 hold 2 segments, so "Other" stays.
  'london-tube-lines': { x: 'line', kind: 'category', points: 11, series: 'count', other: true },
  // Monthly 1958–2020 (63 years): 5-year periods 1955–2020 give 14 buckets; a concentration is averaged.
  'co2-concentration-mauna-loa': { x: 'date', kind: 'date', points: 14, series: 'avg:co2' },
  // One week of date-times: 12-hour buckets, 7 × 2 + 1 = 15; magnitudes are averaged.
  'earthquakes-week': { x: 'time', kind: 'date', points: 15, series: 'avg:mag' },
  // No date; 8 departments; euros add up.
  'city-budget-synthetic': { x: 'department', kind: 'category', points: 8, series: 'sum:amount_eur', valueAxis: 'Sum of amount_eur (EUR)' },
  // 2012–2015: 48 months; rain adds up over a month.
  'seattle-weather': { x: 'date', kind: 'date', points: 48, series: 'sum:precipitation' },
};

/** A "–" that stands for a missing value (not the dash of a range such as "10 – 15" or "1955–1959"). */
function placeholderDash(text: string): boolean {
  return text.replace(/\d\s?–\s?-?\d/g, '').includes('–');
}

describe.skipIf(!HAS_CHROMIUM)('default chart per demo dataset', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    portal = await startDemoPortal();
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  async function api(id: string, select: string): Promise<Record<string, unknown>> {
    const url = `${portal.url}/api/explore/v2.1/catalog/datasets/${id}/records?select=${encodeURIComponent(select)}`;
    const res = await fetch(url);
    expect(res.status, url).toBe(200);
    return ((await res.json()) as { results: Array<Record<string, unknown>> }).results[0];
  }

  async function drawn(): Promise<Drawn> {
    return page.locator('section.glance figure.chart').evaluate((fig) => {
      const num = (s: string) => Number(s.replace(/[^\d.-]/g, ''));
      const el = fig as HTMLElement;
      return {
        x: el.dataset.chartX ?? '', kind: el.dataset.chartKind ?? '', points: Number(el.dataset.chartPoints), series: el.dataset.chartSeries ?? '',
        valueAxis: el.dataset.valueAxis ?? '', categoryAxis: el.dataset.categoryAxis ?? '',
        description: el.querySelector('.chart-desc')?.textContent ?? '',
        svgTexts: [...el.querySelectorAll('.chart-canvas svg text')].map((t) => t.textContent ?? ''),
        svgShapes: el.querySelectorAll('.chart-canvas svg path').length,
        rows: [...el.querySelectorAll('.chart-data tbody tr')].map((tr) => ({
          label: tr.querySelector('th')?.textContent ?? '',
          values: [...tr.querySelectorAll('td')].map((td) => num(td.textContent ?? '')),
        })),
      };
    });
  }

  it('lists the 14 demo datasets', () => {
    expect(DEMO_DATASETS).toHaveLength(14);
  });

  it.each(DEMO_DATASETS.map((d) => d.id))('%s', async (id) => {
    const queries: string[] = [];
    const onRequest = (r: { url: () => string }) => { if (r.url().includes(`/datasets/${id}/records`)) queries.push(new URL(r.url()).searchParams.get('select') ?? ''); };
    page.on('request', onRequest);
    await page.goto(`${portal.url}/datasets/${id}`);
    const glance = page.locator('section.glance');
    await glance.locator('figure.chart .chart-canvas svg, .state-empty').first().waitFor({ timeout: 30_000 });
    page.off('request', onRequest);
    // The data-facts query: rows, then distinct values of text fields and ranges of numbers and dates.
    expect(queries.some((q) => /^count\(\*\) as n, (count\(distinct|min\()/.test(q)), 'the data-facts query').toBe(true);

    if (await glance.locator('.state-empty').count()) {
      // Only the London boroughs have no meaningful default: their one text field names each record once.
      expect(id).toBe('london-boroughs');
      const row = await api(id, 'count(*) as n, count(distinct name) as d');
      expect(row.d).toBe(row.n);
      await expect(glance.locator('.state-empty').textContent()).resolves.toContain('No chart is shown by default');
      return;
    }
    await glance.locator('figure.chart[aria-busy="false"]').waitFor();
    const d = await drawn();
    await screenshot(page, `default-chart-${id}`);

    expect(d.svgShapes).toBeGreaterThan(0);
    expect(d.rows.length).toBe(d.points);
    expect(d.valueAxis).not.toBe('');
    expect(d.categoryAxis).not.toBe('');
    expect(d.svgTexts).toContain(d.valueAxis);
    expect(d.svgTexts).toContain(d.categoryAxis);
    expect(d.description).toMatch(/highest .+ \(.+\), lowest .+ \(.+\)/);
    expect(placeholderDash(d.description), d.description).toBe(false);

    if (d.kind === 'category') {
      const row = await api(id, `count(*) as n, count(distinct ${d.x}) as d`);
      const [n, distinct] = [Number(row.n), Number(row.d)];
      expect(distinct, `${d.x}: ${distinct} distinct of ${n}`).toBeLessThan(n / 2);
      expect(distinct).toBeGreaterThanOrEqual(2);
      const values = d.rows.map((r) => r.values[0]);
      expect(values.every((v) => v === 1), 'every bar is 1').toBe(false);
      const other = d.rows.find((r) => r.label === 'Other');
      if (other) expect(other.values[0]).toBeLessThanOrEqual(Math.max(...d.rows.filter((r) => r !== other).map((r) => r.values[0])));
    }
    if (d.kind === 'date') {
      expect(d.points).toBeGreaterThanOrEqual(12);
      expect(d.points).toBeLessThanOrEqual(60);
    }

    const want = EXPECTED[id];
    if (want) {
      const { other, ...attrs } = want;
      expect(d).toMatchObject(attrs);
      if (other !== undefined) expect(d.rows.some((r) => r.label === 'Other')).toBe(other);
      if (other === false) expect(d.description).toContain('Only the top 10 categories are shown');
    }
  });

  it('opens Analyze on the same chart, its granularity "Automatic (5 years)" until a unit is picked', async () => {
    await page.goto(`${portal.url}/datasets/co2-concentration-mauna-loa?tab=analyze`);
    const figure = page.locator('figure.chart');
    await figure.locator('.chart-canvas svg').waitFor();
    await expect.poll(() => figure.getAttribute('data-chart-points')).toBe('14');
    const gran = page.getByLabel('Granularity');
    await expect.poll(() => gran.locator('option:checked').textContent()).toBe('Automatic (5 years)');
    await gran.selectOption('year');
    await expect.poll(() => page.url()).toContain('gran=year');
    // 1958 … 2020: 63 calendar years, as the user asked (more than 60 points is their choice).
    await expect.poll(() => figure.getAttribute('data-chart-points')).toBe('63');
    await expect.poll(() => figure.getAttribute('data-category-axis')).toBe('Date (year)');
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
