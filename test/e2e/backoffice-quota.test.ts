// End-to-end: an API call quota set on a user's access rule in the back office's dataset page (2 calls
// per hour), checked through the public APIs: the Automation API holds the ODS api_calls_quota, and the
// user's third Explore API data call answers 429 with the ODS quota body (errorcode 10002, as in the spec).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { adminPage } from './support/admin.ts';
import { treeRows } from './support/fixtures.ts';
import { ensureGovernance } from '../../src/governance/index.ts';

const ADMIN = { username: 'quota-admin', password: 'correct-horse-battery' };

describe.skipIf(!HAS_CHROMIUM)('back office: API call quota of a rule', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  let adminKey: string;
  let userKey: string;
  let otherKey: string;

  beforeAll(async () => {
    portal = await startPortal();
    const gov = await ensureGovernance(portal.ctx);
    await gov.addUser({ ...ADMIN, isAdmin: true });
    await gov.addUser({ username: 'metered', password: 'metered-password-1' });
    await gov.addUser({ username: 'unmetered', password: 'unmetered-password-1' });
    adminKey = (await gov.createApiKey(ADMIN.username, ['admin'])).key;
    userKey = (await gov.createApiKey('metered')).key;
    otherKey = (await gov.createApiKey('unmetered')).key;
    browser = await launch();
    page = await adminPage(browser, portal.url, ADMIN);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  const api = (path: string, key: string) => fetch(`${portal.url}${path}`, { headers: { authorization: `Apikey ${key}` } });
  const records = (key: string) => api('/api/explore/v2.1/catalog/datasets/street-trees/records?limit=1', key);

  it('sets 2 calls per hour for a user: the third data call is refused with the ODS quota body', async () => {
    await page.getByRole('link', { name: 'Edit Street trees' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Edit Street trees' }).waitFor();
    const uid = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Add rule' }) });
    await form.getByLabel('Username or group id').fill('metered');
    await form.getByRole('checkbox', { name: 'Limit the API calls on this dataset' }).check();
    await form.getByLabel('Calls allowed').fill('2');
    await form.getByLabel('Per', { exact: true }).selectOption('hour');
    expect(await axeSerious(page)).toEqual([]);
    await form.getByRole('button', { name: 'Add rule' }).click();
    await page.getByText('Rule for metered saved.').waitFor();
    await page.getByRole('cell', { name: '2 calls per hour' }).waitFor();

    // Saved as the ODS DatasetSecurity member, read back through the Automation API.
    const rule = await api(`/api/automation/v1.0/datasets/${encodeURIComponent(uid)}/security/users/metered/`, adminKey);
    expect(rule.status).toBe(200);
    expect((await rule.json() as { security: { api_calls_quota: unknown } }).security.api_calls_quota).toEqual({ unit: 'hour', limit: 2 });

    // Two data calls pass (with the fixture's count), the third is over the quota.
    for (let i = 0; i < 2; i++) {
      const ok = await records(userKey);
      expect(ok.status).toBe(200);
      expect((await ok.json() as { total_count: number }).total_count).toBe(treeRows().length);
    }
    const over = await records(userKey);
    expect(over.status).toBe(429);
    const body = await over.json() as Record<string, unknown>;
    // The five members the spec's quota error requires, no more.
    expect(Object.keys(body).sort()).toEqual(['call_limit', 'error', 'errorcode', 'limit_time_unit', 'reset_time']);
    expect(body).toMatchObject({ errorcode: 10002, limit_time_unit: 'hour', call_limit: 2 });
    expect(String(body.error)).toContain('street-trees');
    const reset = Date.parse(String(body.reset_time));
    expect(reset).toBeGreaterThan(Date.now() - 1000);
    expect(reset).toBeLessThanOrEqual(Date.now() + 3_600_000);
    // A user without that rule is not limited by it.
    for (let i = 0; i < 3; i++) expect((await records(otherKey)).status).toBe(200);
  }, 30_000);
});
