// End-to-end: real-time resources in the back office. A publisher adds a push resource to a dataset
// without fields (a sample record fixes them), copies the key shown once, and records pushed with it
// arrive; disabling refuses pushes, renewing the key retires the old one, deleting revokes it. With the
// dev machines' Mosquitto, an MQTT subscription is added from the same form, shows as connected and
// its messages arrive. Checked through the push API and the Explore API.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connect as tcpConnect } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import mqtt from 'mqtt';
import { HAS_CHROMIUM, axeSerious, launch } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { adminPage } from './support/admin.ts';
import { ensureDrafts, ensureGovernance } from '../../src/governance/index.ts';
import { createDataset } from '../../src/governance/authoring.ts';

const ADMIN = { username: 'rt-admin', password: 'correct-horse-battery' };
const brokerUp = await new Promise<boolean>((resolve) => {
  const s = tcpConnect(1883, '127.0.0.1', () => { s.end(); resolve(true); });
  s.on('error', () => resolve(false));
});

describe.skipIf(!HAS_CHROMIUM)('back office: real-time resources', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  let uid: string;
  /** The push URL and key the first test read from the page. */
  let pushed = { url: '', key: '' };

  beforeAll(async () => {
    process.env.AGORA_ALLOW_PRIVATE_URLS = 'true';
    portal = await startPortal({ subscribe: true });
    const gov = await ensureGovernance(portal.ctx);
    const admin = await gov.addUser({ ...ADMIN, isAdmin: true });
    const deps = { catalog: portal.ctx.catalog, store: gov, drafts: await ensureDrafts(portal.ctx) };
    uid = (await createDataset(deps, { user: admin, groups: [], key: null }, { dataset_id: 'bins', metadata: { default: { title: { value: 'Waste bins' } } } })).dataset_uid;
    browser = await launch();
    page = await adminPage(browser, portal.url, ADMIN);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  });
  afterAll(async () => {
    delete process.env.AGORA_ALLOW_PRIVATE_URLS;
    await browser?.close();
    await portal?.stop();
  });

  const push = (url: string, key: string, body: unknown) => fetch(`${url}?pushkey=${encodeURIComponent(key)}`, { method: 'POST', body: JSON.stringify(body) });
  const fields = () => portal.ctx.catalog.get('bins').fields.map((f) => `${f.name}:${f.type}`);
  const rows = async () => {
    await portal.ctx.realtime.flush();
    return portal.ctx.backend.query(`SELECT bin_id, fill_pct FROM "${portal.ctx.catalog.get('bins').table}" ORDER BY _rid`);
  };
  const section = () => page.locator('section[aria-labelledby="rt-heading"]');

  it('adds a push resource from a sample record: fields fixed, the key shown once and copied, pushes arrive', async () => {
    await page.goto(`${portal.url}/admin/datasets/${uid}`);
    await page.getByRole('heading', { level: 2, name: 'Real-time data' }).waitFor();
    await section().getByLabel('Name', { exact: true }).fill('Bin sensors');
    await section().getByLabel('Sample record (JSON, not stored)').fill('{"bin_id": "B1", "fill_pct": 42.5, "emptied": false}');
    await section().getByRole('button', { name: 'Add the real-time resource' }).click();
    const key = page.getByLabel(/^Push key — copy it now/);
    await key.waitFor();
    expect(fields()).toEqual(['bin_id:text', 'fill_pct:double', 'emptied:boolean']);
    const shown = await key.inputValue();
    await section().getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
    const shownUrl = (await section().locator('.rt-resource code').first().textContent())!;
    expect(shownUrl).toMatch(/^http:\/\/127\.0\.0\.1\/api\/push\/1\.0\/bins\/re_[a-z0-9]+\/push\/$/); // from the portal's base URL
    const url = shownUrl.replace('http://127.0.0.1', portal.url);
    expect((await push(url, shown, [{ bin_id: 'B7', fill_pct: 80 }])).status).toBe(200);
    expect(await rows()).toEqual([{ bin_id: 'B7', fill_pct: 80 }]);
    expect(await axeSerious(page)).toEqual([]);
    // Shown once: after a reload only the key's last characters are there.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Real-time data' }).waitFor();
    expect(await page.getByLabel(/^Push key — copy it now/).count()).toBe(0);
    await expect.poll(() => section().locator('.rt-resource').first().textContent()).toContain(`Key ending …${shown.slice(-4)}`);
    pushed = { url, key: shown };
  });

  it('sets a silence alert on the sensor field; a silent sensor shows as an alert', async () => {
    const form = page.locator('form[aria-labelledby="rt-watch-heading"]');
    await form.getByLabel('Alert after this many minutes without a record (empty: no alert)').fill('5');
    await form.getByLabel('Sensor field (each of its values alerts on its own)').selectOption('bin_id');
    // The answer to the PUT comes once the watch has started (the settings are in memory a little earlier).
    const saved = page.waitForResponse((r) => /\/realtime_settings\/?$/.test(new URL(r.url()).pathname) && r.request().method() === 'PUT');
    await form.getByRole('button', { name: 'Save alerts and retention' }).click();
    expect((await saved).status()).toBe(200);
    expect(portal.ctx.realtime.settingsOf(uid).sensorField).toBe('bin_id');
    expect(portal.ctx.realtime.settingsOf(uid).silenceMinutes).toBe(5);
    await expect.poll(() => page.locator('.rt-alerts').textContent()).toContain('No alert: records arrive as expected.');
    // Six minutes later (the server's clock), sensor B7 has sent nothing.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 6 * 60_000);
    portal.ctx.realtime.checkSilence();
    vi.useRealTimers();
    await page.reload();
    await expect.poll(() => page.locator('.rt-alerts').textContent()).toContain('No record from sensor B7 since');
    expect(await axeSerious(page)).toEqual([]);
  });

  it('disables and enables pushes, renews the key (the old one refused), deletes the resource', async () => {
    const { url, key: old } = pushed;
    const item = section().locator('.rt-resource').first();
    await item.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => item.textContent()).toContain('Disabled (records refused, data kept)');
    expect((await push(url, old, { bin_id: 'B8', fill_pct: 10 })).status).toBe(409);
    await item.getByRole('button', { name: 'Enable' }).click();
    await expect.poll(() => item.textContent()).toContain('Accepting records');
    await item.getByRole('button', { name: 'Renew the push key' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Renew the push key' }).click();
    const fresh = await page.getByLabel(/^Push key — copy it now/).inputValue();
    expect(fresh).not.toBe(old);
    expect((await push(url, old, { bin_id: 'B8', fill_pct: 10 })).status).toBe(401);
    expect((await push(url, fresh, { bin_id: 'B8', fill_pct: 10 })).status).toBe(200);
    await item.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => section().locator('.rt-resource').count()).toBe(0);
    expect((await push(url, fresh, { bin_id: 'B9', fill_pct: 10 })).status).toBe(401);
    expect((await rows()).map((r) => r.bin_id)).toEqual(['B7', 'B8']);
  });

  it.skipIf(!brokerUp)('adds an MQTT subscription: connected, and its messages arrive', async () => {
    const root = `agora-e2e-${randomUUID().slice(0, 8)}`;
    const rt = section();
    await rt.getByLabel('Source', { exact: true }).selectOption('mqtt');
    await rt.getByLabel('Name', { exact: true }).fill('Bins over MQTT');
    await rt.getByLabel('Broker URL').fill('mqtt://127.0.0.1:1883');
    await rt.getByLabel('Topic', { exact: true }).fill(`${root}/{bin_id}`);
    await rt.getByLabel('Field → JSON path (JSON, optional)').fill('{"fill_pct": "$.fill"}');
    await rt.getByRole('button', { name: 'Add the real-time resource' }).click();
    const item = rt.locator('.rt-resource', { hasText: 'Bins over MQTT' });
    await item.waitFor();
    expect(await item.textContent()).toContain(`${root}/{bin_id}`);
    const pub = await mqtt.connectAsync('mqtt://127.0.0.1:1883');
    // Connected once the page, loaded again, says so (the state is read from the server).
    await expect.poll(async () => { await page.reload(); return section().locator('.rt-resource', { hasText: 'Bins over MQTT' }).textContent(); }, { timeout: 15_000 }).toContain('Connected');
    await pub.publishAsync(`${root}/B20`, JSON.stringify({ fill: 55 }), { qos: 1 });
    await pub.publishAsync(`${root}/B21`, 'not json', { qos: 1 });
    await expect.poll(async () => (await rows()).map((r) => r.bin_id), { timeout: 10_000 }).toContain('B20');
    await pub.endAsync();
    await page.reload();
    const sub = section().locator('.rt-resource', { hasText: 'Bins over MQTT' });
    await expect.poll(() => sub.textContent()).toContain('1 malformed');
    await sub.getByText('Malformed messages (1)').click();
    await expect.poll(() => sub.locator('.dead-letters li').textContent()).toContain('not JSON');
    expect(await axeSerious(page)).toEqual([]);
  });
});
