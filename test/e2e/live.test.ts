// End-to-end: a real-time dataset in headless Chromium. Records pushed through the push API appear in
// the open table without a reload, with the count; the "Live" indicator shows how many arrived;
// Pause stops the updates (a record pushed meanwhile is not shown) and Resume shows it at once. The
// filter applies to what arrives. Expected rows are the ones pushed here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { ensureDrafts, ensureGovernance } from '../../src/governance/index.ts';
import { createDataset } from '../../src/governance/authoring.ts';
import { createRealtime } from '../../src/governance/realtime.ts';

if (!HAS_CHROMIUM) console.warn('Skipping end-to-end tests: /usr/bin/chromium is not installed.');

describe.skipIf(!HAS_CHROMIUM)('a live dataset in the browser', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  let pushUrl: string;
  const errors: string[] = [];

  const push = async (body: unknown) => {
    const res = await fetch(pushUrl, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
  };
  const cells = () => page.locator('tbody tr td:nth-of-type(1)').allTextContents();
  const status = () => page.locator('[role="status"].record-count');

  beforeAll(async () => {
    portal = await startPortal();
    const ctx = portal.ctx;
    const gov = await ensureGovernance(ctx);
    const admin = await gov.addUser({ username: 'live-admin', password: 'password-live', isAdmin: true });
    const caller = { user: admin, groups: [], key: null };
    const deps = { catalog: ctx.catalog, store: gov, drafts: await ensureDrafts(ctx), realtime: ctx.realtime, baseUrl: portal.url };
    const ds = await createDataset(deps, caller, { dataset_id: 'air-live', metadata: { default: { title: { value: 'Air sensors (live)' } } } });
    const r = await createRealtime(deps, caller, ds.dataset_uid, { type: 'realtime', title: 'Sensors', params: { sample_record: { sensor_id: 'S', pm25: 1.5, position: { lat: 48.85, lon: 2.35 } } } });
    await ctx.catalog.updateFlags('air-live', { is_published: true });
    pushUrl = `${portal.url}/api/push/1.0/air-live/${r.uid}/push/?pushkey=${r.push_key}`;
    await push([{ sensor_id: 'A', pm25: 10, position: [48.85, 2.35] }, { sensor_id: 'B', pm25: 20, position: [48.86, 2.36] }]);
    await ctx.realtime.flush();
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('shows records pushed while the table is open, with the count and the Live indicator', async () => {
    await page.goto(`${portal.url}/datasets/air-live?tab=table`);
    await expect.poll(cells).toEqual(['A', 'B']);
    await expect.poll(() => page.locator('.live-badge .live-state').textContent()).toBe('Live');
    await push([{ sensor_id: 'C', pm25: 30 }]);
    await expect.poll(cells, { timeout: 8000 }).toEqual(['A', 'B', 'C']);
    await expect.poll(() => status().textContent()).toBe('3 records');
    await expect.poll(() => page.locator('.live-badge .live-count').textContent()).toBe('1 new record');
    expect(await axeSerious(page)).toEqual([]);
  });

  it('Pause stops the updates; Resume shows what arrived meanwhile', async () => {
    const toggle = page.getByRole('button', { name: 'Pause' });
    await toggle.click();
    await expect.poll(() => page.locator('.live-badge .live-state').textContent()).toBe('Live updates paused');
    await expect.poll(() => page.getByRole('button', { name: 'Resume' }).getAttribute('aria-pressed')).toBe('true');
    await push([{ sensor_id: 'D', pm25: 40 }]);
    await portal.ctx.realtime.flush();
    await new Promise((r) => setTimeout(r, 2500));
    expect(await cells()).toEqual(['A', 'B', 'C']);
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(cells, { timeout: 8000 }).toEqual(['A', 'B', 'C', 'D']);
  });

  it('the filter applies to what arrives: with pm25 > 45 only the matching new record joins', async () => {
    await page.goto(`${portal.url}/datasets/air-live?tab=table&where=${encodeURIComponent('pm25 > 45')}`);
    await expect.poll(() => status().textContent()).toBe('0 of 4 records');
    await push([{ sensor_id: 'E', pm25: 5 }, { sensor_id: 'F', pm25: 50 }]);
    await expect.poll(cells, { timeout: 8000 }).toEqual(['F']);
  });

  it('the map and the chart load again as records arrive', async () => {
    await page.goto(`${portal.url}/datasets/air-live?tab=map`);
    const listed = () => page.locator('.feature-list li').count();
    await expect.poll(listed, { timeout: 15_000 }).toBe(2); // only A and B were pushed with a position
    await push([{ sensor_id: 'G', pm25: 12, position: [48.855, 2.355] }]);
    await expect.poll(listed, { timeout: 8000 }).toBe(3);
    await page.goto(`${portal.url}/datasets/air-live?tab=analyze&x=sensor_id&series=avg:pm25`);
    const points = () => page.locator('figure.chart').first().getAttribute('data-chart-points');
    await expect.poll(points, { timeout: 15_000 }).toBe('7');
    await push([{ sensor_id: 'H', pm25: 3 }]);
    await expect.poll(points, { timeout: 8000 }).toBe('8');
  });

  it('shows the latest record of each sensor, and it follows new records', async () => {
    await page.goto(`${portal.url}/datasets/air-live?tab=table&sort=sensor_id`);
    await page.getByLabel('Show').selectOption('sensor_id');
    await expect.poll(() => page.url()).toContain('latest=sensor_id');
    await expect.poll(cells).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    const pm = () => page.locator('tbody tr td:nth-of-type(2)').allTextContents();
    expect((await pm())[0]).toBe('10');
    await push([{ sensor_id: 'A', pm25: 99 }]);
    await expect.poll(pm, { timeout: 8000 }).toEqual(['99', '20', '30', '40', '5', '50', '12', '3']);
    await expect.poll(() => status().textContent()).toBe('8 of 9 records'); // A–H pushed once each, A once more
    expect(errors).toEqual([]);
  });
});
