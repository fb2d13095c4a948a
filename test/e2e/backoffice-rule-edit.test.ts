// End-to-end: a user's access rule edited in place on the back office's dataset page (Edit → the rule
// form prefilled → a bad ODSQL filter refused next to the field, nothing saved → a new filter, fields and
// quota saved with one PUT), Cancel, and the default access's quota; each effect checked as the user
// through the Explore API, with the expected rows computed here from the fixture rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch, screenshot } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { adminPage } from './support/admin.ts';
import { treeRows } from './support/fixtures.ts';
import { ensureGovernance } from '../../src/governance/index.ts';

const ADMIN = { username: 'rules-admin', password: 'correct-horse-battery' };
const OAK_RULE = { user: { username: 'reviewer' }, permissions: ['explore_restricted_dataset'], security: { is_data_visible: true, visible_fields: ['name', 'kind'], filter_query: 'kind = "Oak"', api_calls_quota: null } };

describe.skipIf(!HAS_CHROMIUM)('back office: editing access rules in place', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  let uid: string;
  const key: Record<string, string> = {};

  beforeAll(async () => {
    portal = await startPortal();
    const gov = await ensureGovernance(portal.ctx);
    await gov.addUser({ ...ADMIN, isAdmin: true });
    await gov.addUser({ username: 'reviewer', password: 'reviewer-password-1' });
    await gov.addUser({ username: 'walker', password: 'walker-password-1' });
    key.admin = (await gov.createApiKey(ADMIN.username, ['admin'])).key;
    key.reviewer = (await gov.createApiKey('reviewer')).key;
    key.walker = (await gov.createApiKey('walker')).key;
    uid = portal.ctx.catalog.get('street-trees').dataset_uid;
    // The rule to edit, created through the Automation API.
    const created = await api('POST', `/api/automation/v1.0/datasets/${uid}/security/users/`, key.admin, OAK_RULE);
    expect(created.status).toBe(201);
    browser = await launch();
    page = await adminPage(browser, portal.url, ADMIN);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  function api(method: string, path: string, k: string, body?: unknown) {
    return fetch(`${portal.url}${path}`, {
      method, headers: { authorization: `Apikey ${k}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
    });
  }
  const records = async (k: string) => {
    const r = await api('GET', '/api/explore/v2.1/catalog/datasets/street-trees/records?limit=100', k);
    return { status: r.status, body: await r.json() as { total_count: number; results: Array<Record<string, unknown>> } };
  };
  const userRules = async () => (await (await api('GET', `/api/automation/v1.0/datasets/${uid}/security/users/`, key.admin)).json()) as { total_count: number; results: typeof OAK_RULE[] };

  it('edits a rule: prefilled, a bad filter refused next to the field, then saved in place; the user gets the new rows', async () => {
    await page.getByRole('link', { name: 'Edit Street trees' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Edit Street trees' }).waitFor();
    await page.getByRole('row', { name: /User: reviewer/ }).waitFor();
    const oaks = treeRows().filter((r) => r.kind === 'Oak').length;
    expect((await records(key.reviewer)).body.total_count).toBe(oaks);

    await page.getByRole('button', { name: 'Edit the rule for reviewer' }).click();
    const form = page.getByRole('form', { name: 'Edit the rule — User: reviewer' });
    await form.waitFor();
    // Prefilled with the saved rule.
    expect(await form.getByLabel('Filter (ODSQL where)').inputValue()).toBe('kind = "Oak"');
    expect(await form.getByLabel('All fields').isChecked()).toBe(false);
    for (const [f, on] of [['name', true], ['kind', true], ['height', false], ['planted', false]] as const) {
      expect(await form.getByLabel(f, { exact: true }).isChecked(), f).toBe(on);
    }
    expect(await form.getByRole('checkbox', { name: 'Limit the API calls on this dataset' }).isChecked()).toBe(false);
    expect(await form.getByRole('checkbox', { name: 'Records visible' }).isChecked()).toBe(true);

    // A filter the server cannot parse: its ODSQL error next to the field, nothing saved.
    const filter = form.getByLabel('Filter (ODSQL where)');
    await filter.fill('height >= ');
    await form.getByRole('button', { name: 'Save rule' }).click();
    const fieldError = form.locator('#rule-edit-filter_query-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/ODSQL query is malformed: Syntax error in where clause/);
    expect(await filter.getAttribute('aria-invalid')).toBe('true');
    expect((await filter.getAttribute('aria-describedby'))?.split(' ')).toContain('rule-edit-filter_query-error');
    expect(await axeSerious(page)).toEqual([]);
    expect((await userRules()).results).toEqual([OAK_RULE]);
    expect((await records(key.reviewer)).body.total_count).toBe(oaks);

    // A good filter, one more field and a quota: saved with one PUT.
    await filter.fill('height >= 25 AND kind != "Oak"');
    expect(await fieldError.count()).toBe(0); // the error goes once the field is changed
    await form.getByLabel('height', { exact: true }).check();
    await form.getByRole('checkbox', { name: 'Limit the API calls on this dataset' }).check();
    await form.getByLabel('Calls allowed').fill('500');
    await form.getByLabel('Per', { exact: true }).selectOption('day');
    await screenshot(page, 'admin-rule-edit');
    await form.getByRole('button', { name: 'Save rule' }).click();
    await page.getByRole('status').filter({ hasText: 'Rule for reviewer updated.' }).waitFor();
    await form.waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: /User: reviewer/ });
    await row.getByRole('cell', { name: 'height >= 25 AND kind != "Oak"' }).waitFor();
    expect(await row.getByRole('cell', { name: '500 calls per day' }).count()).toBe(1);
    // Focus goes back to the row's Edit button.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Edit the rule for reviewer');

    const rules = await userRules();
    expect(rules.total_count).toBe(1);
    expect(rules.results[0].security).toEqual({ is_data_visible: true, visible_fields: ['name', 'kind', 'height'], filter_query: 'height >= 25 AND kind != "Oak"', api_calls_quota: { unit: 'day', limit: 500 } });
    const expected = treeRows().filter((r) => r.height >= 25 && r.kind !== 'Oak');
    const seen = await records(key.reviewer);
    expect(seen.status).toBe(200);
    expect(seen.body.total_count).toBe(expected.length);
    expect(Object.keys(seen.body.results[0]).sort()).toEqual(['height', 'kind', 'name']);
    const names = seen.body.results.map((r) => String(r.name));
    for (const n of names) expect(expected.some((r) => r.name === n), n).toBe(true);

    // Audited as one rule update (no delete, no create).
    const audit = await (await api('GET', '/api/auth/audit?limit=5', key.admin)).json() as { results: Array<{ action: string; actor: string; detail: { security?: unknown } }> };
    expect(audit.results[0]).toMatchObject({ action: 'security.user.update', actor: `user:${ADMIN.username}`, detail: { security: rules.results[0].security } });
    expect(audit.results.slice(0, 2).map((e) => e.action)).not.toContain('security.user.delete');
  }, 60_000);

  it('Cancel closes the form and saves nothing', async () => {
    const before = await userRules();
    await page.getByRole('button', { name: 'Edit the rule for reviewer' }).click();
    const form = page.getByRole('form', { name: 'Edit the rule — User: reviewer' });
    await form.getByLabel('Filter (ODSQL where)').fill('kind = "Elm"');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
    expect(await userRules()).toEqual(before);
  }, 30_000);

  it('edits the default access in place, its quota included: a user without a rule gets its rows and its limit', async () => {
    const defaults = page.getByRole('form', { name: 'Default access' });
    expect(await defaults.getByRole('checkbox', { name: 'Limit the API calls on this dataset' }).isChecked()).toBe(false);
    await defaults.getByLabel('Filter (ODSQL where)').fill('kind = "Elm"');
    await defaults.getByRole('checkbox', { name: 'Limit the API calls on this dataset' }).check();
    await defaults.getByLabel('Calls allowed').fill('2');
    await defaults.getByLabel('Per', { exact: true }).selectOption('hour');
    await defaults.getByRole('button', { name: 'Save default access' }).click();
    await defaults.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    const ds = await (await api('GET', `/api/automation/v1.0/datasets/${uid}/`, key.admin)).json() as { default_security: Record<string, unknown> };
    expect(ds.default_security).toEqual({ is_data_visible: true, visible_fields: null, filter_query: 'kind = "Elm"', api_calls_quota: { unit: 'hour', limit: 2 } });
    const elms = treeRows().filter((r) => r.kind === 'Elm').length;
    for (let i = 0; i < 2; i++) expect((await records(key.walker)).body.total_count).toBe(elms);
    expect((await records(key.walker)).status).toBe(429);
    // The reviewer's own rule, not the default, applies to them.
    expect((await records(key.reviewer)).body.total_count).toBe(treeRows().filter((r) => r.height >= 25 && r.kind !== 'Oak').length);

    // After a reload the form shows the saved quota.
    await page.reload();
    const again = page.getByRole('form', { name: 'Default access' });
    await again.waitFor();
    expect(await again.getByLabel('Calls allowed').inputValue()).toBe('2');
    expect(await again.getByLabel('Filter (ODSQL where)').inputValue()).toBe('kind = "Elm"');
    expect(await axeSerious(page)).toEqual([]);
  }, 60_000);
});
