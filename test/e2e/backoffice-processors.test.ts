// End-to-end: a dataset's processors in the back office. A publisher picks "Replace text" from the
// registry list, fills its form and sees the live preview of the records before and after with the
// changed cells marked; saves it, adds a second processor, reorders them, exports the pipeline as
// YAML and removes one. The next publish runs what the page stored: checked in the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { HAS_CHROMIUM, axeSerious, launch } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { adminPage } from './support/admin.ts';
import { ensureGovernance } from '../../src/governance/index.ts';
import { importDataset } from '../../src/ingest/index.ts';

const ADMIN = { username: 'proc-admin', password: 'correct-horse-battery' };

describe.skipIf(!HAS_CHROMIUM)('back office: processors', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  const csv = join(tmpdir(), `agora-e2e-shops-${process.pid}.csv`);

  beforeAll(async () => {
    portal = await startPortal();
    const gov = await ensureGovernance(portal.ctx);
    await gov.addUser({ ...ADMIN, isAdmin: true });
    writeFileSync(csv, 'name,city\nAda,paris\nBob,lyon\nCy,paris\n');
    await importDataset(portal.ctx.catalog, { source: csv, datasetId: 'shops', mode: 'create', title: 'Shops' });
    browser = await launch();
    page = await adminPage(browser, portal.url, ADMIN);
  });
  afterAll(async () => { await browser?.close(); await portal?.stop(); });

  const section = () => page.locator('section[aria-labelledby="pr-heading"]');
  const stored = () => portal.ctx.catalog.get('shops').dataset_uid;

  it('adds a processor from the registry with a live preview before and after, changed cells marked', async () => {
    await page.goto(`${portal.url}/admin/datasets/${stored()}`);
    await page.getByRole('heading', { level: 2, name: 'Processors' }).waitFor();
    await section().getByLabel('Add a processor').selectOption('string_replace');
    await section().getByLabel('Field *').fill('city');
    await section().getByLabel('Text to replace *').fill('paris');
    await section().getByLabel('Replacement').fill('Paris');
    const after = section().locator('table', { hasText: 'After' });
    await expect.poll(() => after.locator('mark').allTextContents()).toEqual(['Paris (changed)', 'Paris (changed)']);
    expect(await section().locator('table', { hasText: 'Before' }).locator('tbody td').allTextContents()).toEqual(['Ada', 'paris', 'Bob', 'lyon', 'Cy', 'paris']);
    expect(await axeSerious(page)).toEqual([]);
    await section().getByRole('button', { name: 'Save the processor' }).click();
    await section().getByRole('status').filter({ hasText: 'Processor added.' }).waitFor();
    await expect.poll(() => section().locator('.processor-list li').allTextContents()).toEqual([expect.stringContaining('Replace text')]);
  });

  it('adds a second processor, reorders, exports YAML, removes one; the next publish runs the pipeline', async () => {
    await section().getByLabel('Add a processor').selectOption('add_field');
    await section().getByLabel('Field name *').fill('source');
    await section().getByLabel('Value (empty when left out)').fill('census');
    await section().getByRole('button', { name: 'Save the processor' }).click();
    await expect.poll(() => section().locator('.processor-list li strong').allTextContents()).toEqual(['Replace text', 'Add a field']);
    await section().getByRole('button', { name: 'Move up: Add a field' }).click();
    await expect.poll(() => section().locator('.processor-list li strong').allTextContents()).toEqual(['Add a field', 'Replace text']);
    await section().getByText('Export or import the pipeline (YAML or JSON)').click();
    await section().getByRole('button', { name: 'Show as YAML' }).click();
    await expect.poll(async () => parse(await section().getByLabel('Pipeline document').inputValue())?.processors?.map((p: { type: string }) => p.type)).toEqual(['add_field', 'string_replace']);
    await section().getByRole('button', { name: 'Remove Add a field' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => section().locator('.processor-list li strong').allTextContents()).toEqual(['Replace text']);
    await importDataset(portal.ctx.catalog, { source: csv, datasetId: 'shops', mode: 'replace' });
    const rows = await portal.ctx.backend.query(`SELECT city FROM "${portal.ctx.catalog.get('shops').table}" ORDER BY _rid`);
    expect(rows.map((r) => r.city)).toEqual(['Paris', 'lyon', 'Paris']);
  });
});
