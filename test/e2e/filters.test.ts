// End-to-end: date/number range filters on the demo's Seattle weather dataset in headless Chromium.
// Expected counts come from the demo CSV filtered here and from the API's own answer to the same where;
// the URL, the table's requests, the API tab's URL and an export download must all carry the ranges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch, screenshot } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { importDataset } from '../../src/ingest/index.ts';
import { vegaFile } from '../../src/demo/index.ts';
import { TREE_COUNT, treeRows } from './support/fixtures.ts';
import { exampleNumber } from '../../web/src/state/where-example.ts';

if (!HAS_CHROMIUM) console.warn('Skipping end-to-end tests: /usr/bin/chromium is not installed.');

interface Day { date: string; precipitation: number; temp_max: number; weather: string }
const DAYS: Day[] = readFileSync(vegaFile('seattle-weather.csv'), 'utf8').trim().split('\n').slice(1).map((line) => {
  const [date, precipitation, temp_max, , , weather] = line.split(',');
  return { date, precipitation: Number(precipitation), temp_max: Number(temp_max), weather };
});
const inSpring = (d: Day) => d.date >= '2012-03-01' && d.date <= '2012-05-31';
const isMild = (d: Day) => d.temp_max >= 10 && d.temp_max <= 15.6;
const SPRING = DAYS.filter(inSpring).length;
const SPRING_MILD = DAYS.filter((d) => inSpring(d) && isMild(d)).length;
const MILD = DAYS.filter(isMild).length;
const WHERE = "(`date` >= date'2012-03-01' AND `date` <= date'2012-05-31') AND (temp_max >= 10 AND temp_max <= 15.6)";
const en = (n: number) => new Intl.NumberFormat('en').format(n);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)] + s[Math.ceil(mid)]) / 2;
}

describe.skipIf(!HAS_CHROMIUM)('date/number filters', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    portal = await startPortal();
    await importDataset(portal.ctx.catalog, { source: vegaFile('seattle-weather.csv'), datasetId: 'seattle-weather', title: 'Seattle daily weather', mode: 'create' });
    const ds = portal.ctx.catalog.get('seattle-weather');
    await portal.ctx.catalog.updateFields('seattle-weather', ds.fields.map((f) => (f.name === 'weather' ? { ...f, annotations: { ...f.annotations, facet: true } } : f)));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(decodeURIComponent(r.url().replace(/\+/g, ' '))));
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  const status = () => page.locator('[role="status"].record-count');
  const rangeOf = (field: string) => page.locator('section.range-field', { has: page.getByRole('heading', { name: field, exact: true }) });
  const apiCount = async (where: string) => {
    const res = await fetch(`${portal.url}/api/explore/v2.1/catalog/datasets/seattle-weather/records?${new URLSearchParams({ where, limit: '0' })}`);
    return ((await res.json()) as { total_count: number }).total_count;
  };

  it('sets a date range and a number range: the count is the API\'s for the same where, the URL holds both', async () => {
    await page.goto(`${portal.url}/datasets/seattle-weather?tab=table`);
    await expect.poll(() => status().textContent()).toBe(`${en(DAYS.length)} records`);
    // One range filter per date field and numeric measure, each with a bar strip of its distribution.
    await expect.poll(() => page.locator('section.range-field h3').allTextContents()).toEqual(['date', 'precipitation', 'temp_max', 'temp_min', 'wind']);
    await expect.poll(() => rangeOf('date').getByRole('option').count()).toBe(48);
    await expect.poll(() => rangeOf('date').getByRole('option').first().getAttribute('aria-label')).toBe('Jan 2012: 31 records');

    const date = rangeOf('date');
    await date.getByLabel('date: From', { exact: true }).fill('2012-03-01');
    await date.getByLabel('date: To', { exact: true }).fill('2012-05-31');
    await date.getByRole('button', { name: 'Set range (date)' }).click();
    await page.waitForURL(/range\.date=2012-03-01\.\.2012-05-31/);
    expect(SPRING).toBe(92);
    await expect.poll(() => status().textContent()).toBe(`${en(SPRING)} of ${en(DAYS.length)} records`);

    const temp = rangeOf('temp_max');
    await temp.getByLabel('temp_max: From', { exact: true }).fill('10');
    await temp.getByLabel('temp_max: To', { exact: true }).fill('15.6');
    await temp.getByRole('button', { name: 'Set range (temp_max)' }).click();
    await page.waitForURL(/range\.temp_max=10\.\.15\.6/);
    expect(await apiCount(WHERE)).toBe(SPRING_MILD);
    await expect.poll(() => status().textContent()).toBe(`${en(SPRING_MILD)} of ${en(DAYS.length)} records`);
    const url = new URL(page.url());
    expect(url.searchParams.get('range.date')).toBe('2012-03-01..2012-05-31');
    expect(url.searchParams.get('range.temp_max')).toBe('10..15.6');

    // Chips name the ranges; bars inside the date range are marked selected.
    await expect.poll(() => page.locator('.active-filters li span').allTextContents()).toEqual(['date: Mar 1, 2012 – May 31, 2012', 'temp_max: 10 – 15.6']);
    await expect.poll(() => date.locator('[role="option"][aria-selected="true"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-from')))).toEqual(['2012-03-01', '2012-04-01', '2012-05-01']);
    await screenshot(page, 'filters-ranges');
    expect(await axeSerious(page)).toEqual([]);
  });

  it('applies the ranges to the table: its requests carry the where and its rows are inside the ranges', async () => {
    const table = page.getByRole('table', { name: /records/ });
    await expect.poll(() => table.getAttribute('aria-rowcount')).toBe(String(SPRING_MILD + 1));
    expect(requests.some((u) => u.includes('/seattle-weather/records?') && u.includes(`where=${WHERE}`) && u.includes('limit='))).toBe(true);
    const dates = await table.locator('tbody tr[aria-rowindex] td:nth-child(2)').allTextContents();
    const expected = DAYS.filter((d) => inSpring(d) && isMild(d)).map((d) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d.date}T00:00:00Z`)));
    expect(dates.length).toBeGreaterThan(0);
    expect(dates).toEqual(expected.slice(0, dates.length));
  });

  it('keeps the ranges after a reload', async () => {
    await page.reload();
    await expect.poll(() => status().textContent()).toBe(`${en(SPRING_MILD)} of ${en(DAYS.length)} records`);
    expect(await rangeOf('date').getByLabel('date: From', { exact: true }).inputValue()).toBe('2012-03-01');
    expect(await rangeOf('temp_max').getByLabel('temp_max: To', { exact: true }).inputValue()).toBe('15.6');
    expect(await page.locator('.active-filters li').count()).toBe(2);
  });

  it('shows the same where in the API tab\'s URL, whose answer counts the same records', async () => {
    await page.getByRole('tab', { name: 'API' }).click();
    const shown = (await page.locator('.api-url').textContent())!.replace(/^GET /, '');
    const apiUrl = new URL(shown);
    expect(apiUrl.searchParams.get('where')).toBe(WHERE);
    await page.getByRole('button', { name: 'Run' }).click();
    await expect.poll(async () => JSON.parse((await page.locator('.api-answer pre').textContent()) ?? '{}').total_count).toBe(SPRING_MILD);
  });

  it('exports only the matching records', async () => {
    await page.getByRole('tab', { name: 'Export' }).click();
    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(new URL(href!, portal.url).searchParams.get('where')).toBe(WHERE);
    const csv = await page.evaluate(async (u) => (await fetch(u)).text(), href!);
    const lines = csv.trim().split(/\r?\n/);
    const header = lines[0].split(';');
    const rows = lines.slice(1).map((l) => l.split(';'));
    expect(rows).toHaveLength(SPRING_MILD);
    const [iDate, iTemp] = [header.indexOf('date'), header.indexOf('temp_max')];
    for (const r of rows) {
      expect(r[iDate] >= '2012-03-01' && r[iDate] <= '2012-05-31').toBe(true);
      expect(Number(r[iTemp])).toBeGreaterThanOrEqual(10);
      expect(Number(r[iTemp])).toBeLessThanOrEqual(15.6);
    }
  });

  it('applies the ranges to the chart of the Analyze tab', async () => {
    await page.getByRole('tab', { name: 'Analyze' }).click();
    await page.locator('.chart-canvas svg, .chart-canvas canvas').first().waitFor();
    await expect.poll(() => requests.some((u) => u.includes('/seattle-weather/records?') && u.includes('group_by=') && u.includes(`where=${WHERE}`))).toBe(true);
  });

  it('refuses a reversed range with a message next to the field, and removing chips goes back to the total', async () => {
    await page.getByRole('tab', { name: 'Table' }).click();
    const temp = rangeOf('temp_max');
    await temp.getByLabel('temp_max: From', { exact: true }).fill('20');
    await temp.getByLabel('temp_max: To', { exact: true }).fill('5');
    await temp.getByRole('button', { name: 'Set range (temp_max)' }).click();
    await expect.poll(() => temp.getByRole('alert').textContent()).toBe('The start must not be after the end.');
    expect(await temp.getByLabel('temp_max: From', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).searchParams.get('range.temp_max')).toBe('10..15.6');

    await page.getByRole('button', { name: /^Remove filter date:/ }).click();
    await expect.poll(() => status().textContent()).toBe(`${en(MILD)} of ${en(DAYS.length)} records`);
    expect(new URL(page.url()).searchParams.has('range.date')).toBe(false);
    await page.getByRole('button', { name: /^Remove filter temp_max:/ }).click();
    await expect.poll(() => status().textContent()).toBe(`${en(DAYS.length)} records`);
    expect([...new URL(page.url()).searchParams.keys()].filter((k) => k.startsWith('range.'))).toEqual([]);
    // Nothing typed and nothing applied: asked for a bound.
    await rangeOf('wind').getByRole('button', { name: 'Set range (wind)' }).click();
    await expect.poll(() => rangeOf('wind').getByRole('alert').textContent()).toBe('Enter a start, an end or both.');
  });

  it('sets the range from a bar: a click picks a month, the keyboard moves and extends', async () => {
    const date = rangeOf('date');
    await date.locator('[role="option"][data-from="2012-02-01"]').click();
    await page.waitForURL(/range\.date=2012-02-01\.\.2012-02-29/);
    await expect.poll(() => status().textContent()).toBe(`29 of ${en(DAYS.length)} records`);
    // Focus the strip, Enter picks the active bar (February), Shift+→ extends to March.
    await date.getByRole('listbox').focus();
    await page.keyboard.press('Shift+ArrowRight');
    await page.waitForURL(/range\.date=2012-02-01\.\.2012-03-31/);
    await expect.poll(() => status().textContent()).toBe(`${en(29 + 31)} of ${en(DAYS.length)} records`);
    await page.getByRole('button', { name: /^Remove filter date:/ }).click();
    await expect.poll(() => status().textContent()).toBe(`${en(DAYS.length)} records`);
  });

  it('writes the advanced filter\'s example with the dataset\'s own fields and values', async () => {
    await page.getByText('Advanced filter').click();
    const top = [...DAYS.reduce((m, d) => m.set(d.weather, (m.get(d.weather) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1])[0][0];
    const example = `precipitation > ${exampleNumber(median(DAYS.map((d) => d.precipitation)))} AND weather = "${top}"`;
    await expect.poll(() => page.locator('#ds-where-help').textContent()).toBe(`For example: ${example}`);
    expect(await page.locator('#ds-where').getAttribute('placeholder')).toBe(example);
    // The example is valid ODSQL for this dataset.
    expect(await apiCount(example)).toBe(DAYS.filter((d) => d.precipitation > exampleNumber(median(DAYS.map((x) => x.precipitation))) && d.weather === top).length);
    expect(errors).toEqual([]);
  });

  it('applies the ranges to the map (street trees: an int and a date field)', async () => {
    const rows = treeRows().filter((r) => r.height >= 10 && r.height <= 20 && r.planted >= '2005-01-01' && r.planted <= '2010-12-31');
    const where = "(height >= 10 AND height <= 20) AND (planted >= date'2005-01-01' AND planted <= date'2010-12-31')";
    requests.length = 0;
    await page.goto(`${portal.url}/datasets/street-trees?tab=map&range.height=10..20&range.planted=2005-01-01..2010-12-31`);
    await expect.poll(() => status().textContent()).toBe(`${en(rows.length)} of ${en(TREE_COUNT)} records`);
    await expect.poll(() => requests.some((u) => u.includes('/street-trees/') && /bbox\(|geo_cluster\(|exports\/geojson/.test(u) && u.includes(`where=${where}`)), { timeout: 20_000 }).toBe(true);
    // Heights 3…33: 30 / 24 bars = 1.25 → width 2; an int field's bar [10, 12[ covers 10 and 11 as a filter.
    // Inside 10..20: the bars from 10, 12, 14, 16, 18 (the bar 20–21 reaches past 20).
    await expect.poll(() => rangeOf('height').locator('[role="option"][aria-selected="true"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-from')}-${e.getAttribute('data-to')}`))).toEqual(
      ['10-11', '12-13', '14-15', '16-17', '18-19']);
  });
});
