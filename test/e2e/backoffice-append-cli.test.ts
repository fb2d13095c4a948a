// End-to-end: appending a file in the back office's Data page to a dataset loaded from the command line
// (the fixture's street-trees, which has no resources): the Explore API count is the fixture's rows plus
// the file's, and the dataset has no resources afterwards (a later publish leaves the data alone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { adminPage } from './support/admin.ts';
import { treeRows } from './support/fixtures.ts';
import { ensureGovernance } from '../../src/governance/index.ts';

const ADMIN = { username: 'append-admin', password: 'correct-horse-battery' };
// Two rows in the fixture's CSV layout (test/e2e/support/fixtures.ts writeTrees).
const MORE = 'name,kind,height,planted,geo_point\nNew oak,Oak,4,2024-03-01,"48.85,2.35"\nNew elm,Elm,3,2024-03-02,"48.86,2.36"\n';
// A height that is not an int, the published type of "height": the append is refused.
const BAD = 'name,kind,height,planted,geo_point\nNew oak,Oak,4.5,2024-03-01,"48.85,2.35"\n';

describe.skipIf(!HAS_CHROMIUM)('back office: append to data loaded from the command line', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  let adminKey: string;

  beforeAll(async () => {
    portal = await startPortal();
    const gov = await ensureGovernance(portal.ctx);
    await gov.addUser({ ...ADMIN, isAdmin: true });
    adminKey = (await gov.createApiKey(ADMIN.username, ['admin'])).key;
    browser = await launch();
    page = await adminPage(browser, portal.url, ADMIN);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  const count = async () => (await (await fetch(`${portal.url}/api/explore/v2.1/catalog/datasets/street-trees/records?limit=0`)).json() as { total_count: number }).total_count;

  it('appends a file: old rows plus new rows, and no resource left behind', async () => {
    expect(await count()).toBe(treeRows().length);
    await page.getByRole('link', { name: 'Replace or append data of Street trees' }).click();
    await page.getByRole('heading', { level: 1, name: 'Data of Street trees' }).waitFor();
    const fileInput = page.getByLabel('File (CSV, TSV, JSON, JSON Lines, GeoJSON, Excel, Parquet)');
    await fileInput.setInputFiles({ name: 'bad-trees.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD) });
    await page.getByRole('button', { name: 'Append data' }).click();
    await page.getByText('bad-trees.csv record 1, column "height"').waitFor();
    expect(await count()).toBe(treeRows().length);
    await fileInput.setInputFiles({ name: 'more-trees.csv', mimeType: 'text/csv', buffer: Buffer.from(MORE) });
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole('button', { name: 'Append data' }).click();
    const total = (treeRows().length + 2).toLocaleString('en-US');
    await page.getByRole('status').filter({ hasText: `Data appended to Street trees: ${total} records in all.` }).waitFor();
    expect(await count()).toBe(treeRows().length + 2);
    const uid = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-2)!);
    const res = await fetch(`${portal.url}/api/automation/v1.0/datasets/${encodeURIComponent(uid)}/resources/`, { headers: { authorization: `Apikey ${adminKey}` } });
    expect((await res.json() as { results: unknown[] }).results).toEqual([]);
  }, 30_000);
});
