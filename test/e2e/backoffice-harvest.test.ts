// End-to-end: harvesting in the back office. A second Agora portal on the loopback is the source. An
// admin opens Harvesting from the navigation, has a wrong URL refused next to its field, previews an ods
// harvester (the datasets it would create, with ids from the titles written here), saves and runs it and
// reads the outcome and counts; the harvested dataset's page shows its Source block. A metadata-only
// harvester's dataset has no data views but the source's files, linked; a schedule is set with its
// time zone; deleting that harvester takes its datasets along when told to; a run of a source that never
// answers is shown processing and aborted. axe on each page.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch, screenshot } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { adminPage } from './support/admin.ts';
import { ensureGovernance } from '../../src/governance/index.ts';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { importDataset } from '../../src/ingest/index.ts';
import { applyMeta } from '../../src/catalog/index.ts';

const ADMIN = { username: 'hv-admin', password: 'correct-horse-battery' };
const LINES = 'line,stops\n1,24\n2,31\n3,18\n';
const STATIONS = 'station,docks\nCentral,20\nHarbour,12\n';

describe.skipIf(!HAS_CHROMIUM)('back office: harvesting another portal', () => {
  let dir: string;
  let source: AppContext; let sourceApp: FastifyInstance; let sourceBase: string;
  let stuck: Server; let stuckBase: string;
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    process.env.AGORA_OUTBOUND_ALLOW = '127.0.0.1'; // the source portal listens on the loopback interface
    process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off'; // a run reads the source anonymously, page after page
    dir = mkdtempSync(join(tmpdir(), 'agora-e2e-harvest-'));
    source = await openPortal({ inMemory: true, dataDir: join(dir, 'source') });
    for (const [id, csv, title] of [['lines', LINES, 'Bus lines'], ['stations', STATIONS, 'Bike stations']]) {
      writeFileSync(join(dir, `${id}.csv`), csv);
      await importDataset(source.catalog, { source: join(dir, `${id}.csv`), datasetId: id, title, mode: 'create' });
    }
    await source.catalog.updateMetas('lines', applyMeta(source.catalog.get('lines').metas, 'default', 'license', 'Open Licence 2.0'));
    sourceApp = await buildApp(source, { web: false });
    await sourceApp.listen({ port: 0, host: '127.0.0.1' });
    sourceBase = `http://127.0.0.1:${(sourceApp.server.address() as AddressInfo).port}`;
    source.config.baseUrl = sourceBase;
    stuck = createServer(() => { /* never answers */ });
    await new Promise<void>((ok) => stuck.listen(0, '127.0.0.1', ok));
    stuckBase = `http://127.0.0.1:${(stuck.address() as AddressInfo).port}`;

    portal = await startPortal();
    const gov = await ensureGovernance(portal.ctx);
    await gov.addUser({ ...ADMIN, isAdmin: true });
    browser = await launch();
    page = await adminPage(browser, portal.url, ADMIN);
  });
  afterAll(async () => {
    delete process.env.AGORA_OUTBOUND_ALLOW; delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
    await browser?.close();
    await portal?.stop();
    await sourceApp?.close();
    stuck?.closeAllConnections();
    stuck?.close();
    if (source) await closePortal(source);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const form = () => page.locator('form[aria-labelledby="hv-new-heading"]');
  const previewRows = () => form().locator('.harvest-preview tbody tr');
  const actionStatus = () => page.locator('.harvest-actions [role=status]').textContent();

  /** On a harvester's page: Run now, then the announced end of the run. */
  async function runNow(): Promise<void> {
    await page.getByRole('button', { name: 'Run now' }).click();
    await expect.poll(actionStatus, { timeout: 60_000 }).toBe('Run ended: Done.');
  }

  /** Adds a harvester of the ods `url` from the list page, without a preview, and opens its page. */
  async function addHarvester(url: string, name: string, edit: () => Promise<void> = async () => undefined): Promise<void> {
    await page.goto(`${portal.url}/admin/harvest`);
    await form().getByLabel('Type').selectOption('ods');
    await form().getByLabel('Source URL').fill(url);
    await form().getByLabel('Name (optional)').fill(name);
    await edit();
    await form().getByRole('button', { name: 'Save the harvester' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }

  it('previews an ods harvester, saves and runs it, and shows the outcome and counts', async () => {
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Harvesting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Harvesting' }).waitFor();
    await page.getByText('No harvester yet: add one below.').waitFor();
    await form().getByLabel('Type').selectOption('ods');
    await form().getByLabel('Source URL').fill('ftp://example.org');
    await form().getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => form().locator('#hv-new-url-error').textContent()).toMatch(/ftp: is not http: or https:/);
    expect(await form().getByLabel('Source URL').getAttribute('aria-invalid')).toBe('true');

    await form().getByLabel('Source URL').fill(sourceBase);
    await form().getByLabel('Name (optional)').fill('Source city');
    await form().getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => previewRows().count(), { timeout: 30_000 }).toBe(2);
    expect(await previewRows().evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td, th')].slice(0, 4).map((c) => c.textContent))))
      .toEqual([['lines', 'Bus lines', 'Create', 'bus-lines'], ['stations', 'Bike stations', 'Create', 'bike-stations']]);
    await expect.poll(() => form().locator('[role=status]').textContent()).toBe('2 to create, 0 to update, 0 unchanged, 0 to delete, 0 kept');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'harvest-preview');

    await form().getByRole('button', { name: 'Save the harvester' }).click();
    await page.getByRole('heading', { level: 1, name: 'Source city' }).waitFor();
    await runNow();
    const run = page.locator('table.harvest-runs tbody tr').first();
    expect(await run.locator('td').evaluateAll((cells) => cells.slice(1, 9).map((c) => c.textContent)))
      .toEqual(['by hand', 'Done', '2', '2', '0', '0', '0', '0']);
    expect(await page.locator('.harvest-summary [role=status]').textContent()).toBe('Idle');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'harvester');

    await page.getByRole('link', { name: 'All harvesters' }).click();
    const row = page.locator('table.harvesters tbody tr', { hasText: 'Source city' });
    await row.waitFor();
    expect(await row.locator('td').nth(3).textContent()).toMatch(/^Done.*2 created, 0 updated, 0 unchanged, 0 removed$/);
    expect(await row.locator('td').nth(4).textContent()).toBe('2 attached, 2 published');
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'harvesters');
  });

  it('shows the source of a harvested dataset on its page', async () => {
    await page.goto(`${portal.url}/datasets/bus-lines`);
    const block = page.getByTestId('dataset-source');
    await block.getByRole('heading', { level: 2, name: 'Source' }).waitFor();
    expect(await block.getByRole('link', { name: 'Source city', exact: true }).getAttribute('href')).toBe(sourceBase);
    expect(await block.getByRole('link', { name: 'The dataset on Source city' }).getAttribute('href')).toBe(`${sourceBase}/explore/dataset/lines/`);
    expect(await block.locator('dt:has-text("Licence at the source") + dd').textContent()).toBe('Open Licence 2.0');
    const harvested = await block.locator('time').getAttribute('datetime');
    const shown = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(harvested!));
    expect(await block.locator('time').textContent()).toBe(shown);
    await page.getByRole('tab', { name: 'Table' }).waitFor(); // the data was imported: the data views are there
    await screenshot(page, 'harvested-dataset');
  });

  it('a metadata-only harvester\'s dataset links to the source\'s files in place of the data views', async () => {
    await addHarvester(sourceBase, 'Links only', async () => {
      await form().getByLabel('Metadata only: the datasets link to the source\'s files').check();
      await form().getByLabel('Dataset id prefix (optional)').fill('meta-');
      await form().getByRole('button', { name: 'Preview' }).click();
      await expect.poll(() => previewRows().locator('td:nth-child(4)').allTextContents(), { timeout: 30_000 }).toEqual(['meta-bus-lines', 'meta-bike-stations']);
    });
    await runNow();

    await page.goto(`${portal.url}/datasets/meta-bus-lines`);
    await page.getByTestId('dataset-source').getByText('Only the description is kept here: the data stays at the source, in its files.').waitFor();
    expect(await page.getByRole('tab').allTextContents()).toEqual(['Information', 'Files']);
    expect(await page.locator('.key-facts li').first().textContent()).toBe('Data at the source');
    expect(await page.locator('#ds-q').count()).toBe(0); // no record search over a dataset without records
    expect(await page.getByRole('heading', { name: 'Schema' }).count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'harvested-metadata-only');
    await page.getByRole('button', { name: 'The files at the source (2)' }).click();
    await page.getByRole('heading', { level: 2, name: 'Files at the source' }).waitFor();
    const files = page.locator('table.source-files tbody tr');
    expect(await files.evaluateAll((rows) => rows.map((r) => [r.querySelector('td')!.textContent, r.querySelector('a')!.getAttribute('href')])))
      .toEqual([['CSV', `${sourceBase}/api/explore/v2.1/catalog/datasets/lines/exports/csv`], ['JSON', `${sourceBase}/api/explore/v2.1/catalog/datasets/lines/exports/json`]]);
    expect(await axeSerious(page)).toEqual([]);
    await screenshot(page, 'harvested-files');
  });

  it('sets the harvester\'s schedule in a time zone, then deletes the harvester with its datasets', async () => {
    await page.goto(`${portal.url}/admin/harvest`);
    await page.getByRole('link', { name: 'Manage Links only' }).click();
    await page.getByRole('heading', { level: 1, name: 'Links only' }).waitFor();
    const schedule = page.locator('section[aria-labelledby="hv-schedule-heading"]');
    await schedule.getByLabel('Every day').check();
    await schedule.getByLabel('At', { exact: true }).fill('05:45');
    await schedule.getByLabel('Time zone').fill('Europe/Paris');
    await schedule.getByRole('button', { name: 'Save the schedule' }).click();
    await schedule.getByText(/^Runs at 45 5 \* \* \* \(Europe\/Paris\)\. Next runs: /).waitFor();
    await schedule.getByRole('heading', { level: 3, name: 'Change the schedule' }).waitFor();
    expect(await axeSerious(page)).toEqual([]);

    await page.getByRole('button', { name: 'Delete the harvester' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete the harvester Links only?' });
    await dialog.getByText('It has created 2 datasets here. What should happen to them?').waitFor();
    await dialog.getByLabel('Delete them too').check();
    await dialog.getByRole('button', { name: 'Delete the harvester' }).click();
    await page.getByRole('heading', { level: 1, name: 'Harvesting' }).waitFor();
    await page.locator('table.harvesters tbody tr', { hasText: 'Source city' }).waitFor();
    expect(await page.locator('table.harvesters tbody tr').count()).toBe(1);
    expect(portal.ctx.catalog.find('meta-bus-lines')).toBeUndefined();
    expect(portal.ctx.catalog.find('bus-lines')).toBeDefined();
  });

  it('shows a run of a source that never answers as processing, and aborts it', async () => {
    await addHarvester(stuckBase, 'Silent portal');
    await page.getByRole('button', { name: 'Run now' }).click();
    await expect.poll(() => page.locator('.harvest-summary [role=status]').textContent()).toBe('Processing…');
    expect(await page.getByRole('button', { name: 'Run now' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Abort' }).click();
    await expect.poll(actionStatus, { timeout: 30_000 }).toBe('Run ended: Aborted.');
    expect(await page.locator('.harvest-summary [role=status]').textContent()).toBe('Idle');
    expect(await page.getByRole('button', { name: 'Abort' }).count()).toBe(0);
    await page.locator('.harvest-last-errors').getByText('The run was aborted by hv-admin.').waitFor();
    const run = page.locator('table.harvest-runs tbody tr').first();
    expect(await run.locator('td').nth(2).textContent()).toBe('Aborted');
    expect(await run.locator('td').last().textContent()).toBe('The run was aborted by hv-admin.');
    expect(await axeSerious(page)).toEqual([]);
  });
});
