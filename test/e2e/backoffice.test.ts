// End-to-end: the back office in headless Chromium against an in-process server. Accounts are
// made with the governance store (as `agora user add` does); each page's main action is done in
// the browser and its effect checked through the public HTTP API (Explore, Automation, auth), not
// through the page. Expected counts come from the fixture rows; accessibility from axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch, screenshot } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { fillSignIn } from './support/admin.ts';
import { treeRows } from './support/fixtures.ts';
import { ensureGovernance } from '../../src/governance/index.ts';

if (!HAS_CHROMIUM) console.warn('Skipping back-office end-to-end tests: /usr/bin/chromium is not installed.');

const ADMIN = { username: 'city-admin', password: 'correct-horse-battery' };
const OAK = treeRows().filter((r) => r.kind === 'Oak').length;

describe.skipIf(!HAS_CHROMIUM)('back office in the browser', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  let adminKey: string;
  let readerKey: string;
  const errors: string[] = [];

  beforeAll(async () => {
    portal = await startPortal();
    const gov = await ensureGovernance(portal.ctx);
    await gov.addUser({ ...ADMIN, isAdmin: true });
    await gov.addUser({ username: 'reader', password: 'reader-password-1' });
    adminKey = (await gov.createApiKey(ADMIN.username, ['admin'])).key;
    readerKey = (await gov.createApiKey('reader')).key;
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  const go = (path: string) => page.goto(`${portal.url}${path}`);
  /** A public API call from outside the browser: anonymous, or with an API key. */
  const api = (path: string, key?: string, init: RequestInit = {}) =>
    fetch(`${portal.url}${path}`, { ...init, headers: { ...(key ? { authorization: `Apikey ${key}` } : {}), ...(init.headers ?? {}) } });
  const noSeriousAxe = async () => expect(await axeSerious(page)).toEqual([]);

  it('signs in from the header link, shows errors and throttling, and signs out', async () => {
    await go('/datasets');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(/\/signin\?next=%2Fdatasets$/);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await fillSignIn(page, { username: ADMIN.username, password: 'wrong-password' });
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Sign-in failed: Unknown username or wrong password.');
    await noSeriousAxe();
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/datasets$/);
    await page.getByText(`Signed in as ${ADMIN.username}`).waitFor();
    // The server knows the browser's session (cookie): asked from the page itself.
    expect(await page.evaluate(async () => (await fetch('/api/auth/session')).status)).toBe(200);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/auth/session')).status)).toBe(401);

    // Five failed sign-ins for one username (the server's limit) made elsewhere: the sixth, in
    // the browser, is refused with 429 and the page says so.
    for (let i = 0; i < 5; i++) {
      const r = await api('/api/auth/login', undefined, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'reader', password: `nope-${i}` }) });
      expect(r.status).toBe(401);
    }
    await go('/signin');
    await fillSignIn(page, { username: 'reader', password: 'reader-password-1' });
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^Too many failed sign-ins\. Too many failed logins: try again after /);

    // Signing in from inside the back office stays on the page asked for.
    await go('/admin');
    await page.getByText('Sign in to use the back office.').waitFor();
    await fillSignIn(page, ADMIN);
    await page.getByRole('heading', { level: 1, name: 'Datasets you can edit' }).waitFor();
    expect(page.url()).toBe(`${portal.url}/admin`);

    // Signed in, a dataset page's view is still counted: the count request carries the CSRF token.
    const counted = page.waitForResponse((r) => r.url().endsWith('/api/agora/v1/views/street-trees') && r.request().method() === 'POST');
    await go('/datasets/street-trees');
    expect((await counted).status()).toBe(200);
  });

  it('lists the editable datasets; publishes, restricts and deletes them', async () => {
    await go('/admin');
    const rows = page.locator('.admin-table tbody tr');
    await expect.poll(() => rows.count()).toBe(4);
    await screenshot(page, 'admin-datasets');
    await noSeriousAxe();
    const explore = (id: string, key?: string) => api(`/api/explore/v2.1/catalog/datasets/${id}`, key).then((r) => r.status);

    await page.getByRole('button', { name: 'Unpublish City budget', exact: true }).click();
    await page.getByRole('button', { name: 'Publish City budget', exact: true }).waitFor();
    expect(await explore('city-budget')).toBe(404);
    await page.getByRole('button', { name: 'Publish City budget', exact: true }).click();
    await page.getByRole('button', { name: 'Unpublish City budget', exact: true }).waitFor();
    expect(await explore('city-budget')).toBe(200);

    await page.getByLabel('Restricted access for City districts').click();
    await expect.poll(() => page.getByLabel('Restricted access for City districts').isChecked()).toBe(true);
    await expect.poll(() => explore('districts')).toBe(404);
    expect(await explore('districts', adminKey)).toBe(200);
    await page.getByLabel('Restricted access for City districts').click();
    await expect.poll(() => page.getByLabel('Restricted access for City districts').isChecked()).toBe(false);
    await expect.poll(() => explore('districts')).toBe(200);

    // Delete asks first: Cancel keeps the dataset, Delete removes it.
    await page.getByRole('button', { name: 'Delete Meter readings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this dataset?' });
    await dialog.waitFor();
    await noSeriousAxe();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await explore('meter-readings')).toBe(200);
    await page.getByRole('button', { name: 'Delete Meter readings' }).click();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await explore('meter-readings')).toBe(200);
    await page.getByRole('button', { name: 'Delete Meter readings' }).click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => rows.count()).toBe(3);
    expect(await explore('meter-readings', adminKey)).toBe(404);
    await page.getByRole('status').filter({ hasText: 'Meter readings deleted.' }).waitFor();
  });

  it('edits a dataset\'s metadata and adds an access rule', async () => {
    await go('/admin');
    await page.getByRole('link', { name: 'Edit Street trees' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Edit Street trees' }).waitFor();
    await page.getByLabel('Title').fill('Street trees of the city');
    // Keywords are tags: "nature" removed with its ×, two typed with commas after the kept "trees".
    await page.getByRole('button', { name: 'Remove nature' }).click();
    await page.getByLabel('Keywords').fill('shade, parks,');
    await page.getByLabel('Publisher', { exact: true }).fill('Green spaces department');
    await page.getByRole('button', { name: 'Save metadata' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit Street trees of the city' }).waitFor();
    const meta = await (await api('/api/explore/v2.1/catalog/datasets/street-trees')).json() as { metas: { default: Record<string, unknown> } };
    expect(meta.metas.default.title).toBe('Street trees of the city');
    expect(meta.metas.default.keyword).toEqual(['trees', 'shade', 'parks']);
    expect(meta.metas.default.publisher).toBe('Green spaces department');
    expect(meta.metas.default.theme).toEqual(['Environment']);

    // Field label and description (fields/ configurations, applied by publish/).
    const height = page.getByRole('group', { name: /^height/ });
    await height.getByLabel('Label').fill('Height (m)');
    await height.getByLabel('Description').fill('Measured every spring.');
    await page.getByRole('button', { name: 'Save fields' }).click();
    await expect.poll(async () => {
      const d = await (await api('/api/explore/v2.1/catalog/datasets/street-trees')).json() as { fields: Array<{ name: string; label: string; description: string | null }> };
      return d.fields.find((f) => f.name === 'height');
    }).toMatchObject({ label: 'Height (m)', description: 'Measured every spring.' });
    const count = await (await api('/api/explore/v2.1/catalog/datasets/street-trees/records?limit=0')).json() as { total_count: number };
    expect(count.total_count).toBe(treeRows().length);

    // A rule for "reader": oaks only, two fields.
    const ruleForm = page.getByRole('form', { name: 'Add rule' });
    await ruleForm.getByLabel('Username or group id').fill('reader');
    await ruleForm.getByLabel('All fields').uncheck();
    for (const f of ['height', 'planted', 'geo_point']) await ruleForm.getByLabel(f, { exact: true }).uncheck();
    await ruleForm.getByLabel('Filter (ODSQL where)').fill('kind = "Oak"');
    await ruleForm.getByRole('button', { name: 'Add rule' }).click();
    await page.getByRole('status').filter({ hasText: 'Rule for reader saved.' }).waitFor();
    await page.getByRole('row', { name: /User: reader/ }).waitFor();
    await screenshot(page, 'admin-dataset-edit');
    await noSeriousAxe();
    const records = await (await api('/api/explore/v2.1/catalog/datasets/street-trees/records?limit=1', readerKey)).json() as { total_count: number; results: Array<Record<string, unknown>> };
    expect(records.total_count).toBe(OAK);
    expect(Object.keys(records.results[0]).sort()).toEqual(['kind', 'name']);
    const all = await (await api('/api/explore/v2.1/catalog/datasets/street-trees/records?limit=0', adminKey)).json() as { total_count: number };
    expect(all.total_count).toBe(treeRows().length);

    // Default access (callers without a rule, anonymous included): elms only, names only.
    const defaults = page.getByRole('form', { name: 'Default access' });
    await defaults.getByLabel('Visible fields').fill('name');
    await defaults.getByLabel('Filter (ODSQL where)').fill('kind = "Elm"');
    await defaults.getByRole('button', { name: 'Save default access' }).click();
    await defaults.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const anon = await (await api('/api/explore/v2.1/catalog/datasets/street-trees/records?limit=1')).json() as { total_count: number; results: Array<Record<string, unknown>> };
    expect(anon.total_count).toBe(treeRows().filter((r) => r.kind === 'Elm').length);
    expect(Object.keys(anon.results[0])).toEqual(['name']);

    // Preview as "reader": the page announces the fixture's oak count and the two fields of the rule.
    const preview = page.getByRole('form', { name: 'Preview as a user' });
    await preview.getByLabel('Username to preview as').fill('reader');
    await preview.getByRole('button', { name: 'Preview' }).click();
    const shown = preview.getByRole('status');
    await shown.filter({ hasText: 'reader sees' }).waitFor();
    expect(await shown.textContent()).toBe(`reader sees ${OAK.toLocaleString('en-US')} records.Visible fields: name, kind.`);
    expect(await preview.getByRole('table').locator('tbody tr').count()).toBe(Math.min(10, OAK));
    await noSeriousAxe();
  });

  it('creates a dataset from a dropped file: upload progress, preview, a type and a label changed, publish', async () => {
    // Eight stations with a numeric code that should stay text (codes, not quantities).
    const rows = Array.from({ length: 8 }, (_, i) => ({ station: `Station ${i + 1}`, code: String(100 + i * 7), level: (i * 1.5).toFixed(1) }));
    const csv = ['station,code,level', ...rows.map((r) => `${r.station},${r.code},${r.level}`)].join('\n') + '\n';
    await go('/admin');
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'New dataset' }).click();
    await page.getByRole('heading', { level: 1, name: 'New dataset from a file' }).waitFor();
    await page.getByLabel('Identifier', { exact: true }).fill('river-levels');
    await page.getByLabel('Title', { exact: true }).fill('River levels');
    // Dropped, as a file dragged from the desktop would be.
    await page.getByTestId('drop-zone').evaluate((zone, text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'river-levels.csv', { type: 'text/csv' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, csv);
    await page.getByText('Chosen: river-levels.csv').waitFor();
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByRole('heading', { name: '2. Check the first rows and the types' }).waitFor();
    await expect.poll(() => page.getByLabel('Upload progress').evaluate((el) => (el as HTMLProgressElement).value)).toBe(1);
    await expect.poll(() => page.locator('.preview-table tbody tr').count()).toBe(rows.length);
    expect(await page.getByLabel('Type of code').inputValue()).toBe('int');
    expect(await page.getByLabel('Type of level').inputValue()).toBe('double');
    // Nothing is public before publishing.
    expect((await api('/api/explore/v2.1/catalog/datasets/river-levels')).status).toBe(404);
    await page.getByLabel('Type of code').selectOption('text');
    await page.getByRole('status').filter({ hasText: 'code is now text.' }).waitFor();
    await page.getByLabel('Label of level').fill('Water level (m)');
    await page.getByLabel('Label of level').press('Enter');
    await page.getByRole('status').filter({ hasText: 'level is now labelled' }).waitFor();
    await screenshot(page, 'admin-upload');
    await noSeriousAxe();
    await page.getByRole('button', { name: 'Publish the dataset' }).click();
    await page.getByRole('link', { name: 'Open River levels' }).waitFor();
    const ds = await (await api('/api/explore/v2.1/catalog/datasets/river-levels')).json() as { metas: { default: { title: string; records_count: number } }; fields: Array<{ name: string; type: string; label: string }> };
    expect(ds.metas.default.title).toBe('River levels');
    expect(ds.metas.default.records_count).toBe(rows.length);
    expect(ds.fields.map((f) => [f.name, f.type])).toEqual([['station', 'text'], ['code', 'text'], ['level', 'double']]);
    expect(ds.fields.find((f) => f.name === 'level')!.label).toBe('Water level (m)');
    const recs = await (await api('/api/explore/v2.1/catalog/datasets/river-levels/records?order_by=station&limit=1')).json() as { results: Array<Record<string, unknown>> };
    expect(recs.results[0]).toMatchObject({ station: 'Station 1', code: '100', level: 0 });
  });

  it('creates users, groups and API keys, and revokes a key', async () => {
    await go('/admin/users');
    await page.getByRole('heading', { level: 1, name: 'Users and groups' }).waitFor();
    await page.getByLabel('Username', { exact: true }).first().fill('dana');
    await page.getByLabel('E-mail').fill('dana@city.example');
    await page.getByLabel('Password', { exact: true }).fill('dana-password-1');
    await page.locator('#user-perm-edit_dataset').check();
    await page.getByRole('button', { name: 'Add a user' }).click();
    await page.getByRole('row', { name: /^dana/ }).waitFor();
    const login = await api('/api/auth/login', undefined, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dana', password: 'dana-password-1' }) });
    expect(login.status).toBe(200);
    const dana = await (await api('/api/automation/v1.0/users/dana', adminKey)).json() as { email: string; permissions: string[] };
    expect(dana).toMatchObject({ email: 'dana@city.example', permissions: ['edit_dataset'] });
    await page.getByRole('button', { name: 'Change permissions of dana' }).click();
    const danaForm = page.getByRole('form', { name: 'Change permissions of dana' });
    await danaForm.getByLabel('Publish', { exact: true }).check();
    await danaForm.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'User dana updated.' }).waitFor();
    const dana2 = await (await api('/api/automation/v1.0/users/dana', adminKey)).json() as { permissions: string[] };
    expect(dana2.permissions.sort()).toEqual(['edit_dataset', 'publish_dataset']);

    await page.getByLabel('Title').fill('Parks team');
    await page.getByRole('button', { name: 'Add a group' }).click();
    await page.getByLabel('Add a member to Parks team').fill('dana');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('button', { name: 'Remove dana from Parks team' }).waitFor();
    const members = await (await api('/api/automation/v1.0/groups/parks_team/users', adminKey)).json() as { results: Array<{ username: string }> };
    expect(members.results.map((u) => u.username)).toEqual(['dana']);
    await page.getByRole('button', { name: 'Change permissions of group Parks team' }).click();
    const groupForm = page.getByRole('form', { name: 'Change permissions of group Parks team' });
    await groupForm.getByLabel('Create datasets').check();
    await groupForm.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Group Parks team updated.' }).waitFor();
    const group = await (await api('/api/automation/v1.0/groups/parks_team', adminKey)).json() as { permissions: string[] };
    expect(group.permissions).toEqual(['create_dataset']);
    await screenshot(page, 'admin-users');
    await noSeriousAxe();

    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    await page.getByRole('button', { name: 'Create a key' }).click();
    const key = (await page.getByTestId('new-api-key').textContent())!;
    expect(key.length).toBeGreaterThan(20);
    const keyId = (await page.getByRole('region', { name: /New API key/ }).getByRole('heading').textContent())!.match(/\((.+)\)/)![1];
    const mine = await api('/api/auth/apikeys', key);
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as { results: Array<{ key_id: string }> }).results.map((k) => k.key_id)).toContain(keyId);
    await noSeriousAxe();
    await page.getByRole('button', { name: `Revoke key ${keyId}` }).click();
    await page.getByRole('status').filter({ hasText: `Key ${keyId} revoked.` }).waitFor();
    // The key shown once is gone from the page and no longer opens the API.
    expect(await page.getByTestId('new-api-key').count()).toBe(0);
    expect((await api('/api/auth/apikeys', key)).status).toBe(401);
  });

  it('shows the audit log with a CSV export, in English and French', async () => {
    await go('/admin/audit');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const actions = () => page.locator('.admin-table tbody td:nth-child(3)').allTextContents();
    await expect.poll(actions).toContain('dataset.unpublish');
    expect(await actions()).toContain('security.user.create');
    expect(await actions()).toContain('apikey.revoke');
    await noSeriousAxe();
    const href = await page.getByRole('link', { name: 'Download the whole log (CSV)' }).getAttribute('href');
    const csv = await page.evaluate(async (u) => (await fetch(u!)).text(), href);
    expect(csv.split('\r\n')[0]).toBe('at,actor,action,target,ip,detail');
    expect(csv).toContain('user:city-admin,dataset.delete,');

    await go('/admin?lang=fr');
    await page.getByRole('heading', { level: 1, name: 'Jeux de données modifiables' }).waitFor();
    await page.getByRole('button', { name: 'Dépublier City budget' }).waitFor();
    await page.getByText(`Connecté en tant que ${ADMIN.username}`).waitFor();
    await noSeriousAxe();
    await go('/admin?lang=en');
    // Reflows at 320 px: wide tables scroll inside their own box, never the page.
    await page.setViewportSize({ width: 320, height: 800 });
    for (const path of ['/admin', '/admin/users', '/admin/audit']) {
      await go(path);
      await page.locator('.admin-table').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    // A user who is not an admin sees neither accounts nor the audit log in the menu.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await fillSignIn(page, { username: 'dana', password: 'dana-password-1' });
    await page.getByText('Signed in as dana').waitFor();
    await go('/admin');
    await page.getByRole('heading', { level: 1, name: 'Datasets you can edit' }).waitFor();
    const menu = page.getByRole('navigation', { name: 'Back office' }).getByRole('link');
    // Reuses is everyone's: the reuses they may moderate (none here) and their own submissions.
    // Harvesting: dana holds publish_dataset, and create_dataset through the Parks team group.
    await expect.poll(() => menu.allTextContents()).toEqual(['Datasets', 'New dataset', 'Harvesting', 'Reuses', 'API keys']);
    expect(errors).toEqual([]);
  });
});
