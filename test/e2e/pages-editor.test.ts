// End-to-end: the back office's page editor in headless Chromium against an in-process server with
// the fixture datasets. Each action is done in the browser (keyboard and mouse included) and its
// effect read back from the server through the Automation API and the readers' API, never from the
// page itself. Accessibility from axe-core; a phone width of 390 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch, screenshot } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { fillSignIn } from './support/admin.ts';
import { phoneReport } from './support/phone.ts';
import { ensureGovernance } from '../../src/governance/index.ts';

if (!HAS_CHROMIUM) console.warn('Skipping page-editor end-to-end tests: /usr/bin/chromium is not installed.');

const ADMIN = { username: 'page-admin', password: 'correct-horse-battery' };
const EDITOR = { username: 'page-writer', password: 'writer-password-1' };
const AUTO = '/api/automation/v1.0';
interface StoredBlock { id: string; type: string; layout: { w: number; h: number }; value?: string }
interface Stored { uid: string; slug: string; status: string; public: boolean; content: { title: string; blocks: StoredBlock[]; filters: unknown[] } }

describe.skipIf(!HAS_CHROMIUM)('page editor in the browser', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  let adminKey: string;
  const errors: string[] = [];
  let created: Stored;

  beforeAll(async () => {
    process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
    portal = await startPortal();
    const gov = await ensureGovernance(portal.ctx);
    await gov.addUser({ ...ADMIN, isAdmin: true });
    await gov.addUser({ ...EDITOR, permissions: ['create_page', 'edit_page'] });
    adminKey = (await gov.createApiKey(ADMIN.username, ['admin'])).key;
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true } as never);
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${portal.url}/admin`);
    await fillSignIn(page, ADMIN);
    await page.getByRole('heading', { level: 1, name: 'Datasets you can edit' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  const api = (path: string, key?: string, init: RequestInit = {}) =>
    fetch(`${portal.url}${path}`, { ...init, headers: { ...(key ? { authorization: `Apikey ${key}` } : {}), ...(init.headers ?? {}) } });
  const stored = async (slug: string): Promise<Stored> => {
    const r = await (await api(`${AUTO}/pages?slug=${slug}`, adminKey)).json() as { results: Stored[] };
    return r.results[0];
  };
  const layoutOf = (s: Stored) => s.content.blocks.map((b) => [b.id, b.layout.w, b.layout.h]);
  const live = () => page.locator('[aria-live="polite"]').first();
  const blockButton = (n: number) => page.getByRole('button', { name: new RegExp(`^Block ${n} of \\d+:`) });
  const noSeriousAxe = async (p: Page = page) => expect(await axeSerious(p)).toEqual([]);

  it('lists Pages in the menu and creates a page from the city-dashboard template', async () => {
    const menu = page.getByRole('navigation', { name: 'Back office' }).getByRole('link');
    await expect.poll(() => menu.allTextContents()).toContain('Pages');
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Pages' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pages' }).waitFor();
    await page.getByRole('link', { name: 'New page' }).click();
    await page.getByRole('heading', { level: 1, name: 'New page' }).waitFor();
    await page.getByLabel('City dashboard').check();
    await page.getByLabel('Dataset', { exact: true }).selectOption('street-trees');
    await page.getByLabel('Title', { exact: true }).fill('Trees of the city');
    expect(await page.getByLabel('Address (slug)').inputValue()).toBe('trees-of-the-city');
    await noSeriousAxe();
    await page.getByRole('button', { name: 'Create the page' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit page “Trees of the city”' }).waitFor();
    created = await stored('trees-of-the-city');
    expect(created.status).toBe('draft');
    expect(created.content.blocks.map((b) => b.type)).toEqual(['kpi', 'kpi', 'chart', 'map', 'table']);
    expect(layoutOf(created)).toEqual([['count', 6, 2], ['average', 6, 2], ['trend', 6, 4], ['map', 6, 5], ['records', 12, 5]]);
  });

  it('moves and resizes blocks with the keyboard and the mouse, then saves the layout', async () => {
    await blockButton(1).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => live().textContent()).toBe('Records moved to position 2 of 5.');
    // Focus follows the block: Shift+Right widens it, Shift+Down makes it taller.
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => live().textContent()).toBe('Records is now 7 columns wide and 3 rows high.');

    // Mouse: drag the table's move handle onto the first block (the whole grid in view).
    await page.setViewportSize({ width: 1280, height: 1800 });
    await page.locator('.page-grid').scrollIntoViewIfNeeded();
    const handle = page.locator('[data-block-id="records"] .page-grid-move');
    const first = await page.locator('[data-block-id="average"]').boundingBox();
    const from = (await handle.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(first!.x + 20, first!.y + 20, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => live().textContent()).toBe('Latest records moved to position 1 of 5.');
    // Resize the table with its corner: three columns narrower, two rows taller.
    const grid = (await page.locator('.page-grid').boundingBox())!;
    const column = (grid.width + 8) / 12;
    const corner = (await page.locator('[data-block-id="records"] .page-grid-resize').boundingBox())!;
    await page.mouse.move(corner.x + corner.width / 2, corner.y + corner.height / 2);
    await page.mouse.down();
    await page.mouse.move(corner.x + corner.width / 2 - 3 * column, corner.y + corner.height / 2 + 2 * 48, { steps: 6 });
    await page.mouse.up();
    await expect.poll(() => live().textContent()).toBe('Latest records is now 9 columns wide and 7 rows high.');
    await screenshot(page, 'page-editor-grid');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved.' }).waitFor();
    const s = await stored('trees-of-the-city');
    expect(layoutOf(s)).toEqual([['records', 9, 7], ['average', 6, 2], ['count', 7, 3], ['trend', 6, 4], ['map', 6, 5]]);
  });

  it('shows a bad field next to its control and stores nothing; warns before leaving unsaved changes', async () => {
    const before = await stored('trees-of-the-city');
    await blockButton(2).click();
    await page.getByRole('heading', { name: /^Settings of block 2:/ }).waitFor();
    await page.getByText('Advanced (ODSQL)').click();
    const expression = page.getByLabel('Aggregate expression (ODSQL), e.g. avg(pm25) or count(*)');
    await expression.fill('avg(no_such_field)');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('alert').filter({ hasText: 'The draft was not saved: 1 errors' }).waitFor();
    await expect.poll(() => page.locator('#kpi-expression-error').textContent()).toMatch(/no_such_field/);
    expect(await expression.getAttribute('aria-invalid')).toBe('true');
    expect(await expression.getAttribute('aria-describedby')).toContain('kpi-expression-error');
    await noSeriousAxe();
    expect((await stored('trees-of-the-city')).content).toEqual(before.content);

    // In-app navigation with unsaved changes asks first; Cancel stays.
    await page.getByRole('link', { name: 'All pages' }).click();
    const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
    await leave.waitFor();
    await leave.getByRole('button', { name: 'Cancel' }).click();
    await leave.waitFor({ state: 'hidden' });
    expect(page.url()).toBe(`${portal.url}/admin/pages/${created.uid}`);
    // Still held on a second try (the menu's links too).
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Datasets' }).click();
    await leave.waitFor();
    await leave.getByRole('button', { name: 'Cancel' }).click();
    await leave.waitFor({ state: 'hidden' });
    expect(page.url()).toBe(`${portal.url}/admin/pages/${created.uid}`);
    expect(await expression.inputValue()).toBe('avg(no_such_field)');
    // Leaving the document (an address typed, a reload) gets the browser's own warning.
    const warned = page.waitForEvent('dialog');
    await page.evaluate(() => { setTimeout(() => { window.location.href = '/admin'; }, 0); });
    const dialog = await warned;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
    await page.waitForTimeout(200);
    expect(page.url()).toBe(`${portal.url}/admin/pages/${created.uid}`);
    expect(await expression.inputValue()).toBe('avg(no_such_field)');
    await expression.fill('avg(height)');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved.' }).waitFor();
    expect((await stored('trees-of-the-city')).content).toEqual(before.content);
    // Nothing unsaved now: the link leaves at once, then back.
    await page.getByRole('link', { name: 'All pages' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pages' }).waitFor();
    await page.getByRole('link', { name: 'Edit Trees of the city' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit page “Trees of the city”' }).waitFor();
  });

  it('publishes, makes the page public, and the readers\' API serves the saved layout', async () => {
    expect((await api('/api/agora/v1/pages/trees-of-the-city')).status).toBe(404);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'The page is published.' }).waitFor();
    const asAdmin = await (await api('/api/agora/v1/pages/trees-of-the-city', adminKey)).json() as { content: Stored['content'] };
    expect(asAdmin.content.blocks.map((b) => [b.id, b.layout.w, b.layout.h])).toEqual([['records', 9, 7], ['average', 6, 2], ['count', 7, 3], ['trend', 6, 4], ['map', 6, 5]]);
    expect((await api('/api/agora/v1/pages/trees-of-the-city')).status).toBe(404); // restricted
    await page.getByLabel('Public (every reader of the portal)').check();
    await page.getByRole('status').filter({ hasText: 'Access saved.' }).waitFor();
    expect((await api('/api/agora/v1/pages/trees-of-the-city')).status).toBe(200);
    expect(await page.getByRole('link', { name: /Preview the draft/ }).getAttribute('href')).toBe('/pages/trees-of-the-city?preview=draft');
    await noSeriousAxe();
  });

  it('restores an earlier version after confirmation', async () => {
    const versions = await (await api(`${AUTO}/pages/${created.uid}/versions`, adminKey)).json() as { results: Array<{ version: number; note: string | null }> };
    const first = versions.results.find((v) => v.note === 'created')!;
    await page.getByRole('row', { name: new RegExp(`^${first.version} .*created`) }).waitFor();
    await page.getByRole('button', { name: `Restore version ${first.version}` }).click();
    const dialog = page.getByRole('dialog', { name: `Restore version ${first.version}?` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('status').filter({ hasText: `Version ${first.version} restored as the draft.` }).waitFor();
    const s = await stored('trees-of-the-city');
    expect(s.content).toEqual(created.content);
    expect(s.status).toBe('changed');
    await expect.poll(() => blockButton(1).textContent()).toMatch(/^Block 1 of 5: Key figure · 6×2“Records”.*, 6 columns by 2 rows$/);
  });

  it('exports the page as JSON and imports it under a new slug (and over the same slug after confirming)', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export as JSON' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('page-trees-of-the-city.json');
    const exported = JSON.parse(readFileSync((await file.path())!, 'utf8')) as { slug: string; content: unknown };
    const fromServer = await (await api(`${AUTO}/pages/${created.uid}/export`, adminKey)).json();
    expect(exported).toEqual(fromServer);

    await page.getByRole('link', { name: 'All pages' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pages' }).waitFor();
    const input = page.getByLabel('Import a page (JSON file from an export)');
    const copy = { ...exported, slug: 'trees-copy' };
    await input.setInputFiles({ name: 'copy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(copy)) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'imported at /pages/trees-copy' }).waitFor();
    expect((await stored('trees-copy')).content).toEqual(exported.content);
    await page.getByRole('link', { name: 'Edit Trees of the city' }).first().waitFor();

    // Same slug again: asks, then replaces the draft.
    await input.setInputFiles({ name: 'copy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...copy, content: { ...(copy.content as object), title: 'Trees, again' } })) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Replace the draft of /pages/trees-copy?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Replace' }).click();
    await page.getByRole('status').filter({ hasText: 'Page “Trees, again” imported' }).waitFor();
    expect((await stored('trees-copy')).content.title).toBe('Trees, again');

    // A file that is no export is refused, naming the key at fault.
    await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'other', slug: 'x' })) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^The import was refused: format: expected "agora-page"/);
    expect(await stored('x')).toBeUndefined();
    await noSeriousAxe();
  });

  it('an editor without manage_page may publish (as the server allows) but sees no access controls; a refused change (403) is said plainly', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const ed = await ctx.newPage();
    ed.on('pageerror', (e) => errors.push(e.message));
    await ed.goto(`${portal.url}/admin/pages/${created.uid}`);
    await fillSignIn(ed, EDITOR);
    await ed.getByRole('heading', { level: 1, name: 'Edit page “Trees of the city”' }).waitFor();
    await ed.getByRole('heading', { name: 'Versions' }).waitFor();
    await ed.getByRole('heading', { name: 'Publishing and access' }).waitFor();
    expect(await ed.getByRole('button', { name: 'Unpublish', exact: true }).count()).toBe(1);
    expect(await ed.getByLabel('Public (every reader of the portal)').count()).toBe(0);
    expect(await ed.getByLabel('Featured on the home page', { exact: false }).count()).toBe(0);

    // Given manage_page, then refused it while the editor is open: the next change gets 403, shown.
    const put = (permissions: string[]) => api(`${AUTO}/users/${EDITOR.username}`, adminKey, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ permissions, is_active: true }) });
    expect((await put(['create_page', 'edit_page', 'manage_page'])).status).toBe(200);
    await ed.reload();
    await ed.getByLabel('Public (every reader of the portal)').waitFor();
    expect((await put(['create_page', 'edit_page'])).status).toBe(200);
    await ed.getByLabel('Public (every reader of the portal)').click();
    await expect.poll(() => ed.getByRole('alert').textContent()).toBe('The server refused: your account does not have the permission for this (Permission denied: manage_page is required.).');
    expect((await stored('trees-of-the-city')).public).toBe(true);
    // The box goes back to what the server holds.
    expect(await ed.getByLabel('Public (every reader of the portal)').isChecked()).toBe(true);
    await noSeriousAxe(ed);
    await ctx.close();
  });

  it('shows the problems of a draft whose dataset is gone, with a Fix that leads to the field', async () => {
    const body = { slug: 'budget-lines', content: { title: 'Budget lines', blocks: [{ id: 'lines', type: 'table', title: 'Budget lines', dataset: 'city-budget', limit: 5 }] } };
    const made = await api(`${AUTO}/pages`, adminKey, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(made.status).toBe(201);
    const uid = portal.ctx.catalog.get('city-budget').dataset_uid;
    expect((await api(`${AUTO}/datasets/${uid}`, adminKey, { method: 'DELETE' })).status).toBe(204);
    const broken = await (await api(`${AUTO}/pages?slug=budget-lines`, adminKey)).json() as { results: Array<{ uid: string; problems: Array<{ path: string }> }> };
    expect(broken.results[0].problems.map((p) => p.path)).toEqual(['content.blocks[0].dataset']);

    await page.goto(`${portal.url}/admin/pages`);
    await page.getByRole('row', { name: /Budget lines.*1 problems/ }).waitFor();
    await page.getByRole('link', { name: 'Edit Budget lines' }).click();
    await page.getByRole('heading', { name: 'What no longer holds in the draft' }).waitFor();
    await page.getByRole('button', { name: 'Fix block 1 (Budget lines)' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('blk-dataset');
    await expect.poll(() => page.locator('#blk-dataset-error').textContent()).toBe('no dataset "city-budget" in the catalog');
    await noSeriousAxe();
    await page.locator('#blk-dataset').selectOption('street-trees');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved.' }).waitFor();
    const fixed = await (await api(`${AUTO}/pages/${broken.results[0].uid}`, adminKey)).json() as { problems: unknown[]; content: { blocks: Array<{ dataset: string }> } };
    expect(fixed.problems).toEqual([]);
    expect(fixed.content.blocks[0].dataset).toBe('street-trees');
    await expect.poll(() => page.getByRole('heading', { name: 'What no longer holds in the draft' }).count()).toBe(0);

    // Readers of this restricted page, and featuring it, as the server then holds them.
    const pageUid = broken.results[0].uid;
    const readers = async () => ((await (await api(`${AUTO}/pages/${pageUid}`, adminKey)).json()) as { readers: { users: string[] }; featured: boolean });
    await page.getByLabel('Username to add').fill(EDITOR.username);
    await page.getByRole('button', { name: 'Add the user' }).click();
    await page.getByRole('status').filter({ hasText: `${EDITOR.username} may read the page.` }).waitFor();
    expect((await readers()).readers.users).toEqual([EDITOR.username]);
    await page.getByLabel('Username to add').fill('nobody-here');
    await page.getByRole('button', { name: 'Add the user' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/no user "nobody-here"/);
    await page.getByRole('button', { name: `Remove ${EDITOR.username}` }).click();
    await page.getByRole('status').filter({ hasText: `${EDITOR.username} may no longer read the page.` }).waitFor();
    expect((await readers()).readers.users).toEqual([]);
    await page.getByLabel('Featured on the home page').check();
    await page.getByRole('status').filter({ hasText: 'Access saved.' }).waitFor();
    expect((await readers()).featured).toBe(true);
  });

  it('adds KPI, chart and map blocks and a date filter through their forms; the server stores what was picked', async () => {
    const add = async (type: string) => {
      await page.getByLabel('Type of the new block').selectOption({ label: type });
      await page.getByRole('button', { name: 'Add a block' }).click();
    };
    await add('Key figure');
    await page.getByLabel('Aggregate', { exact: true }).selectOption('sum');
    await page.getByLabel('Number field').selectOption('height');
    await page.getByLabel('Compare with the previous period of (date field)').selectOption('planted');
    await page.getByLabel('Period', { exact: true }).selectOption('year');
    await page.getByLabel('Target value (empty: no target)').fill('100');
    await page.getByLabel('The target is').selectOption('at_most');
    await add('Chart');
    await page.getByLabel('Chart type').selectOption('column');
    await page.getByLabel('X axis (field)').selectOption('kind');
    await page.getByLabel('Aggregate of series 1').selectOption('max');
    await page.getByRole('button', { name: 'Add a series' }).click();
    await add('Map');
    await page.getByLabel('Style of layer 1').selectOption('clusters');
    await page.getByRole('button', { name: 'Add a filter' }).click();
    await page.getByLabel('Kind of filter 1').selectOption('date_range');
    await page.getByLabel('Field of filter 1').selectOption('planted');
    await page.getByLabel('Label of filter 1').fill('Planted');
    await noSeriousAxe();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved.' }).waitFor();
    const s = await (await api(`${AUTO}/pages?slug=budget-lines`, adminKey)).json() as { results: Array<{ content: { blocks: Array<Record<string, unknown>>; filters: unknown[] } }> };
    const [, kpi, chart, map] = s.results[0].content.blocks;
    expect(kpi).toMatchObject({ id: 'kpi-1', type: 'kpi', dataset: 'street-trees', value: 'sum(height)', compare: { date_field: 'planted', period: 'year' }, target: { value: 100, direction: 'at_most' } });
    expect(chart).toMatchObject({ id: 'chart-1', dataset: 'street-trees', chart: { type: 'column', x: 'kind', series: [{ agg: 'max', field: 'height' }, { agg: 'count' }] } });
    expect((chart.chart as Record<string, unknown>).gran).toBeUndefined();
    expect(map).toMatchObject({ id: 'map-1', layers: [{ dataset: 'street-trees', style: 'clusters' }] });
    expect(s.results[0].content.filters).toEqual([{ id: 'filter-1', type: 'date_range', dataset: 'street-trees', field: 'planted', label: 'Planted' }]);
  });

  it('is usable at 390 px wide: no word split, touch targets ≥ 40 px, no horizontal scroll, no serious axe violation', async () => {
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await phone.goto(`${portal.url}/admin/pages`);
    await fillSignIn(phone, ADMIN);
    await phone.getByRole('heading', { level: 1, name: 'Pages' }).waitFor();
    for (const path of ['/admin/pages', '/admin/pages/new', `/admin/pages/${created.uid}`]) {
      await phone.goto(`${portal.url}${path}`);
      await phone.locator('main h1').first().waitFor();
      await phone.waitForLoadState('networkidle');
      if (path.endsWith(created.uid)) await phone.getByRole('button', { name: /^Block 1 of 5:/ }).click();
      const report = await phoneReport(phone);
      expect(report.split, `${path}: words split across lines`).toEqual([]);
      expect(report.small, `${path}: touch targets under 40 px`).toEqual([]);
      expect(report.scrollWidth, `${path}: horizontal scroll (${report.wide.join(', ')})`).toBeLessThanOrEqual(390);
      await noSeriousAxe(phone);
    }
    await screenshot(phone, 'page-editor-phone');
    await phone.context().close();
    expect(errors).toEqual([]);
  });
});
