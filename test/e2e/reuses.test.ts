// End-to-end: reuses in headless Chromium. An anonymous reader sees the sign-in link under the
// dataset's reuses; a signed-in reader submits a reuse whose title and description carry scripts
// (a javascript: address is refused first, with the server's message); a publisher of the dataset
// (publish_dataset through its ruleset) approves it in /admin/reuses; it then shows, inert, on the
// dataset page and in the gallery reached from the site navigation. axe runs on every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { adminPage, fillSignIn } from './support/admin.ts';
import { ensureGovernance, OPEN_SECURITY } from '../../src/governance/index.ts';

const READER = { username: 'ru-reader', password: 'reader-password-1' };
const PUBLISHER = { username: 'ru-publisher', password: 'publisher-password-1' };
const TITLE = '<script>window.__pwned = 1</script>Tree map';
const DESCRIPTION = 'A **map** of every tree.\n\n<img src="x" onerror="window.__pwned = 2"> [more](javascript:window.__pwned=3)';

describe.skipIf(!HAS_CHROMIUM)('reuses: submit, moderate, show', () => {
  let portal: RunningPortal;
  let browser: Browser;
  const pages: Page[] = [];
  const pwned = (p: Page) => p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null);

  beforeAll(async () => {
    portal = await startPortal();
    const gov = await ensureGovernance(portal.ctx);
    await gov.addUser(READER);
    await gov.addUser(PUBLISHER);
    await gov.putRuleset({
      datasetUid: portal.ctx.catalog.get('street-trees').dataset_uid, target: { kind: 'user', username: PUBLISHER.username },
      permissions: ['publish_dataset'], security: { ...OPEN_SECURITY },
    });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });
  const open = async () => { const p = await browser.newPage({ viewport: { width: 1280, height: 900 } }); pages.push(p); return p; };
  const block = (p: Page) => p.locator('section[aria-labelledby="reuses-heading"]');

  it('a reader signs in from the dataset page and submits a reuse; a javascript: address is refused with the reason', async () => {
    const page = await open();
    await page.goto(`${portal.url}/datasets/street-trees`);
    await block(page).getByRole('heading', { level: 2, name: 'Reuses' }).waitFor();
    await block(page).getByText('No reuse of this dataset yet.').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await block(page).getByRole('link', { name: 'Sign in to submit a reuse of this dataset' }).click();
    await page.waitForURL(/\/signin\?next=/);
    await fillSignIn(page, READER);
    await page.waitForURL(`${portal.url}/datasets/street-trees`);
    const form = block(page).locator('form');
    await form.getByRole('heading', { level: 3, name: 'Submit a reuse' }).waitFor();
    await form.getByLabel('Title').fill(TITLE);
    await form.getByLabel('Address of the reuse (http or https)').fill('javascript:alert(1)');
    await form.getByLabel('Description (optional)').fill(DESCRIPTION);
    await form.getByRole('button', { name: 'Submit the reuse' }).click();
    await expect.poll(() => form.getByRole('alert').textContent())
      .toBe('The reuse was not submitted: Invalid url: only http and https addresses are accepted (not javascript)');
    expect((await (await ensureReusesOf(portal)).reuses.all()).length).toBe(0);
    await form.getByLabel('Address of the reuse (http or https)').fill('https://apps.example/tree-map');
    await form.getByLabel('Image address (optional, https)').fill('https://img.invalid/tree-map.png');
    await form.getByRole('button', { name: 'Submit the reuse' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toBe(`Thank you: “${TITLE}” is waiting for a publisher’s approval.`);
    expect(await form.getByRole('alert').count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);
    const stored = await (await ensureReusesOf(portal)).reuses.all();
    expect(stored.map((r) => [r.title, r.url, r.status, r.submittedBy])).toEqual([[TITLE, 'https://apps.example/tree-map', 'pending', READER.username]]);
    // Pending: not on the dataset page yet for anyone.
    const anon = await open();
    await anon.goto(`${portal.url}/datasets/street-trees`);
    await block(anon).getByText('No reuse of this dataset yet.').waitFor();
    expect(await pwned(page)).toBeNull();
  });

  it('the publisher approves it in /admin/reuses', async () => {
    const page = await adminPage(browser, portal.url, PUBLISHER);
    pages.push(page);
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Reuses' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reuses to moderate' }).waitFor();
    const item = page.locator('li.reuse-item', { hasText: 'Tree map' });
    await item.waitFor();
    expect(await item.getByRole('heading', { level: 3 }).getByRole('link').textContent()).toBe(TITLE);
    expect(await item.textContent()).toContain(`Submitted by ${READER.username}`);
    expect(await axeSerious(page)).toEqual([]);
    await item.getByRole('button', { name: `Approve ${TITLE}` }).click();
    await expect.poll(() => page.locator('.ru-outcome [role=status]').textContent()).toBe(`“${TITLE}” is approved and public.`);
    await page.getByText('No reuse here for you to moderate.').waitFor();
    expect((await (await ensureReusesOf(portal)).reuses.all())[0]).toMatchObject({ status: 'approved', moderatedBy: PUBLISHER.username });
    expect(await pwned(page)).toBeNull();
  });

  it('it shows on the dataset page and in the gallery, the scripts inert', async () => {
    const page = await open();
    await page.goto(`${portal.url}/datasets/street-trees`);
    const card = block(page).locator('article.reuse-card');
    await card.waitFor();
    await expect.poll(() => block(page).getByRole('status').first().textContent()).toBe('1 reuse');
    const link = card.getByRole('heading', { level: 3 }).getByRole('link');
    expect([await link.textContent(), await link.getAttribute('href')]).toEqual([TITLE, 'https://apps.example/tree-map']);
    expect(await card.locator('img.reuse-image').getAttribute('alt')).toBe(TITLE);
    expect(await card.locator('img.reuse-image').getAttribute('src')).toBe('https://img.invalid/tree-map.png');
    const description = card.locator('.reuse-description');
    expect(await description.locator('strong').textContent()).toBe('map');
    expect(await description.locator('img, script, [onerror]').count()).toBe(0);
    expect(await description.innerHTML()).not.toMatch(/javascript:|onerror|<script/i);
    expect(await page.locator('script', { hasText: '__pwned' }).count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);
    // The gallery, from the site navigation.
    await page.getByRole('navigation', { name: 'Home' }).getByRole('link', { name: 'Reuses' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reuses' }).waitFor();
    const galleryCard = page.locator('article.reuse-card');
    await galleryCard.waitFor();
    expect(await galleryCard.getByRole('heading', { level: 2 }).textContent()).toBe(TITLE);
    expect(await galleryCard.getByRole('link', { name: 'Street trees' }).getAttribute('href')).toBe('/datasets/street-trees');
    expect(await page.getByRole('status').first().textContent()).toBe('1 reuse');
    expect(await axeSerious(page)).toEqual([]);
    for (const p of pages) expect(await pwned(p)).toBeNull();
  });
});

async function ensureReusesOf(portal: RunningPortal) {
  const { ensureReuses } = await import('../../src/community/reuses/index.ts');
  return ensureReuses(portal.ctx);
}
