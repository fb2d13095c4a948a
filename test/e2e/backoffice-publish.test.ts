// End-to-end (issue 10, publishing): in headless Chromium, a header-only CSV is published only after
// a confirmation; a ragged CSV's error offers "Skip bad rows and retry" and the skipped lines are
// listed (line numbers computed here from the CSV text); and the public dataset page shows the data period, the publisher's
// "modified" (set in the back office) and the last data and metadata changes as distinct dates.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, launch } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { adminPage } from './support/admin.ts';
import { ensureGovernance } from '../../src/governance/index.ts';
import { importDataset } from '../../src/ingest/index.ts';

const ADMIN = { username: 'publisher', password: 'correct-horse-battery' };
const FILE_LABEL = 'File (CSV, TSV, JSON, JSON Lines, GeoJSON, Excel, Parquet)';
const HEADER_ONLY = 'sensor,measured_on,value\n';
const RAGGED = 'counter,day,bikes\nC1,2014-05-01,120\nC2,2014-05-01\nC3,2014-05-02,98\nC4,2014-05-02,77,extra\nC5,2014-05-03,101\n';
const READINGS = [['A', '2013-04-02', 3], ['B', '2012-01-15', 5], ['C', '2015-12-31', 2]] as const;

/** Physical lines (1-based) whose column count differs from the header's, and the number of good rows. */
function badLines(csv: string): { bad: number[]; good: number } {
  const lines = csv.trimEnd().split('\n');
  const width = lines[0]!.split(',').length;
  const bad = lines.map((l, i) => [i + 1, l.split(',').length] as const).filter(([i, n]) => i > 1 && n !== width).map(([i]) => i);
  return { bad, good: lines.length - 1 - bad.length };
}
const day = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));

describe.skipIf(!HAS_CHROMIUM)('back office: publishing reports and dates', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  const explore = async (path: string) => fetch(`${portal.url}/api/explore/v2.1/catalog/datasets/${path}`);
  const count = async (id: string) => ((await (await explore(`${id}/records?limit=0`)).json()) as { total_count: number }).total_count;

  beforeAll(async () => {
    portal = await startPortal();
    const gov = await ensureGovernance(portal.ctx);
    await gov.addUser({ ...ADMIN, isAdmin: true });
    const file = join(tmpdir(), `agora-e2e-readings-${process.pid}.csv`);
    writeFileSync(file, `station,measured_on,value\n${READINGS.map((r) => r.join(',')).join('\n')}\n`);
    await importDataset(portal.ctx.catalog, { source: file, datasetId: 'old-readings', mode: 'create', title: 'Old readings' });
    browser = await launch();
    page = await adminPage(browser, portal.url, ADMIN);
  });
  afterAll(async () => { await browser?.close(); await portal?.stop(); });

  const newDataset = async (id: string, title: string, name: string, csv: string) => {
    await page.goto(`${portal.url}/admin/new`);
    await page.getByLabel('Identifier', { exact: true }).fill(id);
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel(FILE_LABEL).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  };

  it('warns about a header-only file and publishes it only after a confirmation', async () => {
    await newDataset('empty-sensors', 'Empty sensors', 'sensors.csv', HEADER_ONLY);
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByText('The file has columns but no rows').waitFor();
    expect(await page.locator('.preview-table thead th').count()).toBe(HEADER_ONLY.trim().split(',').length);
    expect(await page.locator('.preview-table tbody tr').count()).toBe(0);

    await page.getByRole('button', { name: 'Publish the dataset' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish without records?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await explore('empty-sensors')).status).toBe(404); // still a draft

    await page.getByRole('button', { name: 'Publish the dataset' }).click();
    const published = page.waitForResponse((r) => r.url().endsWith('/publish') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Publish with 0 records' }).click();
    const answer = await (await published).json() as { warnings: Array<{ code: string }> };
    expect(answer.warnings.map((w) => w.code)).toEqual(['no_rows']);
    await page.getByRole('link', { name: 'Open Empty sensors' }).waitFor();
    await page.getByText('Warning: sensors.csv has columns but no rows').waitFor();
    expect(await count('empty-sensors')).toBe(0);
  });

  it('offers to skip bad rows after the ragged-row error, then lists the skipped lines', async () => {
    const { bad, good } = badLines(RAGGED);
    await newDataset('bike-counts', 'Bike counts', 'counts.csv', RAGGED);
    const refused = page.waitForResponse((r) => r.url().includes('/preview'));
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    const preview = await refused;
    expect(preview.status()).toBe(400);
    expect(Object.keys(((await preview.json()) as { detail: object }).detail)).toEqual(['params.skip_bad_rows']);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain(`counts.csv line ${bad[0]}:`);
    expect(await alert.textContent()).not.toContain('--skip-bad-rows');

    await page.getByRole('button', { name: 'Skip bad rows and retry' }).click();
    await expect.poll(() => page.locator('.preview-table tbody tr').count()).toBe(good);
    expect(await page.locator('#new-skip-bad-rows').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Publish the dataset' }).click();
    const skipped = page.getByRole('region', { name: `Skipped lines (${bad.length})` });
    await skipped.waitFor();
    expect(await skipped.locator('li').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-line'))))).toEqual(bad);
    expect(await skipped.locator('li').first().textContent()).toBe(`Line ${bad[0]} of counts.csv: 2 columns where the header has 3`);
    expect(await count('bike-counts')).toBe(good);
  });

  it('shows the data period, the publisher’s modified date and the last changes as distinct dates', async () => {
    const uid = portal.ctx.catalog.get('old-readings').dataset_uid;
    await page.goto(`${portal.url}/admin/datasets/${uid}`);
    await page.getByLabel('Modified (as the publisher states it)').fill('2016-01-31');
    await page.getByRole('button', { name: 'Save the date' }).click();
    await page.getByText('set by the publisher').waitFor();

    const metas = ((await (await explore('old-readings')).json()) as { metas: { default: Record<string, string> } }).metas.default;
    expect(metas.modified).toBe('2016-01-31T00:00:00.000Z');
    const dates = READINGS.map((r) => r[1]).sort();
    await page.goto(`${portal.url}/datasets/old-readings`);
    const list = page.getByTestId('dataset-dates');
    await list.waitFor();
    const text = (key: string) => list.locator(`[data-date="${key}"] dd`).textContent();
    expect(await list.locator('[data-date="temporal_coverage"] dt').textContent()).toBe('Data period (from the date fields)');
    expect(await text('temporal_coverage')).toBe(`${day(dates[0]!)} – ${day(dates.at(-1)!)}`);
    expect(await text('modified')).toBe(day('2016-01-31'));
    expect(await text('data_processed')).toBe(day(metas.data_processed!));
    expect(await text('metadata_processed')).toBe(day(metas.metadata_processed!));
    expect(await list.locator('dt').allTextContents()).toEqual(['Data period (from the date fields)', 'Last modified', 'Data last changed', 'Metadata last changed']);
  });
});
