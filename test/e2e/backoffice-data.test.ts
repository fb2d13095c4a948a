// End-to-end: a dataset created in the back office from a URL (a CSV served by a tiny local HTTP
// server), then data appended from a file and replaced by another, in headless Chromium. Each
// result is checked through the public Explore API against the row counts of the files written here.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { adminPage } from './support/admin.ts';
import { ensureGovernance } from '../../src/governance/index.ts';

const ADMIN = { username: 'data-admin', password: 'correct-horse-battery' };

/** A CSV of bus stops numbered from `from`, `count` rows. */
function stops(from: number, count: number): string {
  const rows = Array.from({ length: count }, (_, i) => `Stop ${from + i},${from + i},${(i % 3) + 1}`);
  return ['name,number,shelters', ...rows].join('\n') + '\n';
}
const FIRST = 7;
const APPENDED = 5;
const REPLACEMENT = 4;

describe.skipIf(!HAS_CHROMIUM)('back office: data from a URL, appended and replaced', () => {
  let portal: RunningPortal;
  let source: Server;
  let sourceUrl = '';
  let browser: Browser;
  let page: Page;
  const allowPrivate = process.env.AGORA_ALLOW_PRIVATE_URLS;

  beforeAll(async () => {
    delete process.env.AGORA_ALLOW_PRIVATE_URLS;
    portal = await startPortal();
    const gov = await ensureGovernance(portal.ctx);
    await gov.addUser({ ...ADMIN, isAdmin: true });
    source = createServer((req, res) => {
      if (req.url === '/stops.csv') { res.writeHead(200, { 'content-type': 'text/csv' }); res.end(stops(1, FIRST)); return; }
      res.writeHead(404); res.end('not found');
    });
    await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
    const a = source.address();
    sourceUrl = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/stops.csv`;
    browser = await launch();
    page = await adminPage(browser, portal.url, ADMIN);
  });
  afterAll(async () => {
    if (allowPrivate === undefined) delete process.env.AGORA_ALLOW_PRIVATE_URLS; else process.env.AGORA_ALLOW_PRIVATE_URLS = allowPrivate;
    await browser?.close();
    await new Promise((resolve) => source?.close(resolve));
    await portal?.stop();
  });

  /** records total_count from the public Explore API (anonymous). */
  const count = async () => {
    const r = await fetch(`${portal.url}/api/explore/v2.1/catalog/datasets/bus-stops/records?limit=0`);
    expect(r.status).toBe(200);
    return ((await r.json()) as { total_count: number }).total_count;
  };

  it('creates a dataset from a URL: a private address is refused until allowed, then preview and publish', async () => {
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'New dataset' }).click();
    await page.getByLabel('Identifier', { exact: true }).fill('bus-stops');
    await page.getByLabel('Title', { exact: true }).fill('Bus stops');
    await page.getByLabel('A URL').check();
    await page.getByLabel('URL of the data (http or https)').fill(sourceUrl);
    await page.getByRole('button', { name: 'Read the URL and preview' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/"127\.0\.0\.1" is a private or local address/);

    process.env.AGORA_ALLOW_PRIVATE_URLS = 'true';
    // A URL the source server answers with 404: the error names it and no preview appears.
    const missing = sourceUrl.replace('stops.csv', 'missing.csv');
    await page.getByLabel('URL of the data (http or https)').fill(missing);
    await page.getByRole('button', { name: 'Read the URL and preview' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('missing.csv');
    expect(await page.locator('.preview-table').count()).toBe(0);
    await page.getByLabel('URL of the data (http or https)').fill(sourceUrl);
    await page.getByRole('button', { name: 'Read the URL and preview' }).click();
    await page.getByRole('status').filter({ hasText: `${sourceUrl} read` }).waitFor();
    await expect.poll(() => page.locator('.preview-table tbody tr').count()).toBe(FIRST);
    await page.getByLabel('Label of shelters').fill('Shelters');
    await page.getByLabel('Label of shelters').press('Enter');
    await page.getByRole('status').filter({ hasText: 'shelters is now labelled' }).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole('button', { name: 'Publish the dataset' }).click();
    await page.getByRole('link', { name: 'Open Bus stops' }).waitFor();
    expect(await count()).toBe(FIRST);
  });

  it('appends a file, then replaces the data after a confirmation', async () => {
    await page.goto(`${portal.url}/admin`);
    await page.getByRole('link', { name: 'Replace or append data of Bus stops' }).click();
    await page.getByRole('heading', { level: 1, name: 'Data of Bus stops' }).waitFor();
    await page.getByLabel('File (CSV, TSV, JSON, JSON Lines, GeoJSON, Excel, Parquet)').setInputFiles({ name: 'more-stops.csv', mimeType: 'text/csv', buffer: Buffer.from(stops(100, APPENDED)) });
    await page.getByRole('button', { name: 'Append data' }).click();
    const total = (FIRST + APPENDED).toLocaleString('en-US');
    await page.getByRole('status').filter({ hasText: `Data appended to Bus stops: ${total} records in all.` }).waitFor();
    expect(await count()).toBe(FIRST + APPENDED);
    expect(await axeSerious(page)).toEqual([]);

    // A replacement that cannot be read: the error is shown, the data and its two sources stay.
    await page.getByLabel('File (CSV, TSV, JSON, JSON Lines, GeoJSON, Excel, Parquet)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"not": [json') });
    await page.getByRole('button', { name: 'Replace data' }).click();
    await page.getByRole('dialog', { name: 'Replace all the data?' }).getByRole('button', { name: 'Replace data' }).click();
    await expect.poll(() => page.getByRole('alert').count()).toBe(1);
    expect(await count()).toBe(FIRST + APPENDED);
    await expect.poll(() => page.getByRole('list', { name: 'Current sources (loaded in this order)' }).getByRole('listitem').allTextContents()).toEqual([sourceUrl, 'more-stops.csv']);

    await page.getByLabel('File (CSV, TSV, JSON, JSON Lines, GeoJSON, Excel, Parquet)').setInputFiles({ name: 'new-stops.csv', mimeType: 'text/csv', buffer: Buffer.from(stops(500, REPLACEMENT)) });
    await page.getByRole('button', { name: 'Replace data' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replace all the data?' });
    await dialog.waitFor();
    // Cancel first: nothing changes.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await count()).toBe(FIRST + APPENDED);
    await page.getByRole('button', { name: 'Replace data' }).click();
    await dialog.getByRole('button', { name: 'Replace data' }).click();
    await page.getByRole('status').filter({ hasText: `Data of Bus stops replaced: ${REPLACEMENT} records.` }).waitFor();
    expect(await count()).toBe(REPLACEMENT);
    const r = await fetch(`${portal.url}/api/explore/v2.1/catalog/datasets/bus-stops/records?order_by=number&limit=1`);
    expect(((await r.json()) as { results: Array<Record<string, unknown>> }).results[0]).toMatchObject({ name: 'Stop 500', number: 500 });
  });
});
