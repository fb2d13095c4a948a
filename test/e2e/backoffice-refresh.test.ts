// End-to-end: the scheduled refresh of a URL source in the back office. A publisher picks "every
// week, Monday 07:30" (the cron shown is written by hand here), saves it and sees its next run, asks
// for a refresh now (the rows of the CSV served here arrive), asks again (unchanged: the ETag
// matched), reads both runs in the history, and removes the schedule.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { adminPage } from './support/admin.ts';
import { ensureDrafts, ensureGovernance } from '../../src/governance/index.ts';
import { createDataset, createResource } from '../../src/governance/authoring.ts';

const ADMIN = { username: 'rf-admin', password: 'correct-horse-battery' };

describe.skipIf(!HAS_CHROMIUM)('back office: scheduled refresh', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  let source: Server;
  let uid: string;
  const asked: string[] = [];

  beforeAll(async () => {
    process.env.AGORA_OUTBOUND_ALLOW = '127.0.0.1'; // the source server listens on the loopback interface
    process.env.AGORA_CRON_TIMEZONE = 'UTC';
    source = createServer((req, res) => {
      asked.push(String(req.headers['if-none-match'] ?? ''));
      if (req.headers['if-none-match'] === '"r1"') { res.writeHead(304); res.end(); return; }
      res.writeHead(200, { 'content-type': 'text/csv', etag: '"r1"' });
      res.end('stop,riders\nCentral,120\nHarbour,45\n');
    });
    await new Promise<void>((ok) => source.listen(0, '127.0.0.1', ok));
    portal = await startPortal();
    const gov = await ensureGovernance(portal.ctx);
    const admin = await gov.addUser({ ...ADMIN, isAdmin: true });
    const deps = { catalog: portal.ctx.catalog, store: gov, drafts: await ensureDrafts(portal.ctx) };
    const caller = { user: admin, groups: [], key: null };
    uid = (await createDataset(deps, caller, { dataset_id: 'riders', metadata: { default: { title: { value: 'Riders per stop' } } } })).dataset_uid;
    const url = `http://127.0.0.1:${(source.address() as AddressInfo).port}/riders.csv`;
    await createResource(deps, caller, uid, { type: 'csvfile', title: 'riders', datasource: { type: 'http', connection: { type: 'http', url } } });
    browser = await launch();
    page = await adminPage(browser, portal.url, ADMIN);
  });
  afterAll(async () => {
    delete process.env.AGORA_OUTBOUND_ALLOW; delete process.env.AGORA_CRON_TIMEZONE;
    await browser?.close();
    await portal?.stop();
    source?.close();
  });

  const section = () => page.locator('section[aria-labelledby="rf-heading"]');
  const said = () => section().locator('.rf-outcome [role=status]').textContent();

  it('picks a weekly schedule, refreshes now twice, reads the history, removes the schedule', async () => {
    await page.goto(`${portal.url}/admin/datasets/${uid}`);
    await page.getByRole('heading', { level: 2, name: 'Scheduled refresh' }).waitFor();
    await section().getByLabel('Every week').check();
    await section().getByLabel('On', { exact: true }).selectOption({ label: 'Monday' });
    await section().getByLabel('At', { exact: true }).fill('07:30');
    await expect.poll(() => section().getByText(/^As cron:/).textContent()).toBe('As cron: 30 7 * * 1');
    await section().getByRole('button', { name: 'Save the schedule' }).click();
    await expect.poll(() => section().locator('form [role=status]').textContent()).toMatch(/^Schedule saved\. Next run: /);
    await section().locator('li code', { hasText: '30 7 * * 1' }).waitFor();
    await section().getByRole('button', { name: 'Refresh now' }).click();
    await expect.poll(said).toBe('Updated');
    expect((await portal.ctx.backend.query(`SELECT stop, riders FROM "${portal.ctx.catalog.get('riders').table}" ORDER BY _rid`))).toEqual([{ stop: 'Central', riders: 120 }, { stop: 'Harbour', riders: 45 }]);
    await section().getByRole('button', { name: 'Refresh now' }).click();
    await expect.poll(said).toBe('Unchanged');
    expect(asked).toEqual(['', '"r1"']);
    const rows = section().locator('table tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).locator('td').nth(2).textContent()).toBe('Unchanged');
    expect(await rows.nth(1).locator('td').nth(2).textContent()).toBe('Updated');
    expect(await rows.nth(1).locator('td').nth(3).textContent()).toBe('2');
    expect(await axeSerious(page)).toEqual([]);
    await section().getByRole('button', { name: 'Remove 30 7 * * 1' }).click();
    await section().getByText('No schedule: the data changes only when it is published by hand.').waitFor();
  });
});
