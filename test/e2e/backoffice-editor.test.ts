// End-to-end: the metadata editor (Markdown description rendered on the public page, a licence
// picked with its URL, keyword tags added and removed, themes), the portal branding seen by an
// anonymous visitor (header, home text, footer, title, colour, logo), and every back-office page at
// 390 × 844 with no word split across lines (ids, URLs and audit JSON may break anywhere), no horizontal
// scroll and touch targets of 40 px or more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch } from './support/browser.ts';
import { phoneReport } from './support/phone.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { adminPage, fillSignIn } from './support/admin.ts';
import { ensureGovernance } from '../../src/governance/index.ts';

const ADMIN = { username: 'ann-admin', password: 'correct-horse-battery' };
// A 1×1 PNG (the smallest valid image: signature, IHDR, IDAT, IEND).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const MARKDOWN = '## Trees of the city\n\nEvery tree with **its height** and a [map](https://city.example/trees).\n\n- oak\n- elm\n\n'
  + '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">';

interface Metas { description: string; license: string; license_url: string; keyword: string[]; theme: string[] }

describe.skipIf(!HAS_CHROMIUM)('back office: metadata editor, branding, phone layout', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
    portal = await startPortal();
    await (await ensureGovernance(portal.ctx)).addUser({ ...ADMIN, isAdmin: true });
    browser = await launch();
    page = await adminPage(browser, portal.url, ADMIN);
  });
  afterAll(async () => {
    delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
    await browser?.close();
    await portal?.stop();
  });

  const metas = async (): Promise<Metas> => {
    const r = await fetch(`${portal.url}/api/explore/v2.1/catalog/datasets/street-trees`);
    return (await r.json() as { metas: { default: Metas } }).metas.default;
  };

  it('edits the description in Markdown, picks a licence, edits keyword tags and themes', async () => {
    await page.goto(`${portal.url}/admin/datasets/${portal.ctx.catalog.get('street-trees').dataset_uid}`);
    await page.getByRole('heading', { level: 1, name: 'Edit Street trees' }).waitFor();
    // The stored HTML opens as HTML, unchanged.
    expect(await page.getByRole('radio', { name: 'HTML' }).isChecked()).toBe(true);
    expect(await page.locator('#meta-description').inputValue()).toContain('<p>Every street tree of the city');
    await page.getByRole('radio', { name: 'Markdown' }).check();
    await page.locator('#meta-description').fill(MARKDOWN);
    const preview = page.getByTestId('meta-description-preview');
    await preview.locator('strong', { hasText: 'its height' }).waitFor();
    expect(await preview.locator('script, img').count()).toBe(0);

    await page.getByLabel('License', { exact: true }).selectOption({ label: 'CC BY 4.0' });
    await page.getByRole('button', { name: 'Remove nature' }).click();
    const keywords = page.locator('#meta-keyword');
    await keywords.fill('urban forest');
    await keywords.press('Enter');
    await keywords.pressSequentially('shade,');
    await page.getByRole('button', { name: 'Remove shade' }).waitFor();
    await page.getByRole('checkbox', { name: 'Health' }).check();
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save metadata' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();

    await expect.poll(async () => (await metas()).license).toBe('CC BY 4.0');
    const m = await metas();
    // Creative Commons' canonical address of CC BY 4.0's legal code.
    expect(m.license_url).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(m.keyword).toEqual(['trees', 'urban forest', 'shade']);
    expect(m.theme.sort()).toEqual(['Environment', 'Health']);
    expect(m.description).toContain('<h2>Trees of the city</h2>');
    expect(m.description).toContain('<strong>its height</strong>');
    expect(m.description).toContain('<a href="https://city.example/trees">map</a>');
    expect(m.description).toMatch(/<ul>\s*<li>oak<\/li>\s*<li>elm<\/li>\s*<\/ul>/);
    expect(m.description).not.toMatch(/<script|onerror|<img/i);

    const pub = await browser.newPage();
    await pub.goto(`${portal.url}/datasets/street-trees`);
    const description = pub.locator('.description').first();
    await description.locator('strong', { hasText: 'its height' }).waitFor();
    expect(await description.locator('li').allTextContents()).toEqual(['oak', 'elm']);
    expect(await pub.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await pub.close();
  });

  it('changes the branding and the public header, home text, footer, title and colour follow', async () => {
    await page.goto(`${portal.url}/admin/branding`);
    await page.getByRole('heading', { level: 1, name: 'Portal branding' }).waitFor();
    await page.getByLabel('Portal name').fill('Ville Test');
    await page.getByLabel('Primary colour').fill('green');
    await page.getByRole('button', { name: 'Save branding' }).click();
    expect(await page.locator('#brand-primary_color-error').textContent()).toBe('"green" is not a hex colour such as #1f4e8c or #b35');
    expect(await page.getByLabel('Primary colour').getAttribute('aria-invalid')).toBe('true');
    expect((await (await fetch(`${portal.url}/api/agora/v1/portal`)).json()).name).toBe('Agora Test City');

    await page.getByLabel('Primary colour').fill('#0b6e4f');
    await page.locator('#brand-home').fill('Welcome to **our open data**.');
    await page.getByRole('button', { name: 'Add a link' }).click();
    await page.getByLabel('Label').fill('Legal notice');
    await page.getByLabel('Address (https://…)').fill('https://city.example/legal');
    await page.getByRole('button', { name: 'Save branding' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    await page.locator('#brand-logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('Logo saved.').waitFor();
    // The admin's own page follows at once.
    await page.locator('.site-header .brand', { hasText: 'Ville Test' }).waitFor();

    const info = await (await fetch(`${portal.url}/api/agora/v1/portal`)).json() as { logo: string };
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${portal.url}/`);
    await visitor.locator('.site-header .brand', { hasText: 'Ville Test' }).waitFor();
    expect(await visitor.title()).toBe('Ville Test');
    expect(await visitor.locator('.home-text strong').textContent()).toBe('our open data');
    const legal = visitor.locator('.site-footer a', { hasText: 'Legal notice' });
    expect(await legal.getAttribute('href')).toBe('https://city.example/legal');
    expect(await visitor.evaluate(() => getComputedStyle(document.querySelector('.site-header')!).backgroundColor)).toBe('rgb(11, 110, 79)');
    expect(await visitor.locator('.site-header img.brand-logo').getAttribute('src')).toBe(info.logo);
    const logo = await fetch(`${portal.url}${info.logo}`);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await logo.arrayBuffer()).equals(PNG)).toBe(true);
    await visitor.context().close();
  });

  it('is usable at 390 × 844: no word split across lines, no horizontal scroll, touch targets ≥ 40 px', async () => {
    const uid = portal.ctx.catalog.get('street-trees').dataset_uid;
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await phone.goto(`${portal.url}/admin`);
    await fillSignIn(phone, ADMIN);
    await phone.getByRole('heading', { level: 1, name: 'Datasets you can edit' }).waitFor();
    const pages = ['/admin', '/admin/new', `/admin/datasets/${uid}`, `/admin/datasets/${uid}/data`, '/admin/users', '/admin/apikeys', '/admin/audit', '/admin/branding'];
    for (const path of pages) {
      await phone.goto(`${portal.url}${path}`);
      await phone.locator('main h1').first().waitFor();
      await phone.waitForLoadState('networkidle');
      const report = await phoneReport(phone);
      expect(report.split, `${path}: words split across lines`).toEqual([]);
      expect(report.small, `${path}: touch targets under 40 px`).toEqual([]);
      expect(report.scrollWidth, `${path}: horizontal scroll (${report.wide.join(', ')})`).toBeLessThanOrEqual(390);
    }
    await phone.context().close();
  });
});
