// The browsable API reference (/docs/api and a dataset's page) in Debian's Chromium, judged by
// axe-core (WCAG 2.1 A/AA, serious and critical findings) on the real server over a socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch } from '../e2e/support/browser.ts';
import { interopApp } from '../interop/harness.ts';
import { stationsPortal, type Fixture } from '../interop/portal-fixture.ts';

if (!HAS_CHROMIUM) console.warn('Skipping the API reference accessibility test: /usr/bin/chromium is not installed.');

describe.skipIf(!HAS_CHROMIUM)('API reference pages in the browser', () => {
  let fx: Fixture;
  let app: FastifyInstance;
  let browser: Browser;
  let origin: string;
  beforeAll(async () => {
    fx = await stationsPortal();
    app = await interopApp(fx.ctx);
    origin = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  });
  afterAll(async () => { await browser?.close(); await app?.close(); await fx?.close(); });

  for (const path of ['/docs/api', '/docs/api/datasets/stations']) {
    it(`${path} has no serious accessibility finding and its in-page links lead somewhere`, async () => {
      const page = await browser.newPage();
      try {
        const res = await page.goto(origin + path);
        expect(res?.status()).toBe(200);
        expect(await axeSerious(page)).toEqual([]);
        const anchors = await page.$$eval('a[href^="#"]', (as) => as.map((a) => a.getAttribute('href')!.slice(1)));
        expect(anchors.length).toBeGreaterThanOrEqual(3);
        for (const id of anchors) expect(await page.$(`[id="${id}"]`), id).not.toBeNull();
      } finally { await page.close(); }
    });
  }
});
