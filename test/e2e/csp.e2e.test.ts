// End-to-end: the portal works under its own Content-Security-Policy in Chromium. The home page, a
// dataset's map (MapLibre: workers, offline basemap), its chart and two embeds load with no
// securitypolicyviolation event and no CSP error in the console, and each document carries the policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, launch } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';

if (!HAS_CHROMIUM) console.warn('Skipping end-to-end tests: /usr/bin/chromium is not installed.');

describe.skipIf(!HAS_CHROMIUM)('the portal under its CSP', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Recorded from the first script of every document, before the app runs.
    await page.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
      });
    });
    page.on('console', (m) => { if (/content security policy|refused to/i.test(m.text())) consoleErrors.push(m.text()); });
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  async function visit(path: string, ready: string, frameAncestors: string): Promise<void> {
    const res = await page.goto(`${portal.url}${path}`);
    const csp = res!.headers()['content-security-policy'] ?? '';
    expect(csp, path).toContain("script-src 'self'");
    expect(csp, path).toContain(`frame-ancestors ${frameAncestors}`);
    await page.locator(ready).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500); // late fetches, workers, lazy chunks
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), path).toEqual([]);
    expect(consoleErrors, path).toEqual([]);
  }

  it('loads the home page, where an injected inline script is refused and seen', async () => {
    await visit('/', 'main h1, main h2', "'self'");
    // The listener works: an inline script (what an XSS would add) is blocked and reported.
    await page.evaluate(() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1'; document.body.append(s); });
    await expect.poll(() => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations.length)).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { ran?: number }).ran)).toBeUndefined();
    consoleErrors.length = 0;
  });

  it('draws a dataset map with MapLibre (workers, basemap, data)', async () => {
    await visit('/datasets/districts?tab=map', '.map-legend .legend-label', "'self'");
    await expect.poll(() => page.evaluate(() => {
      const map = (document.querySelector('.map-canvas') as unknown as { agoraMap?: { getLayer: (id: string) => unknown; queryRenderedFeatures: (o: { layers: string[] }) => unknown[] } }).agoraMap;
      return map?.getLayer('land') ? map.queryRenderedFeatures({ layers: ['land'] }).length : 0;
    }), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  });

  it('draws a chart with ECharts', async () => {
    await visit('/datasets/street-trees?tab=analyze', 'svg', "'self'");
  });

  it('serves embeds any site may frame', async () => {
    await visit('/embed/datasets/street-trees/table', '[role="status"]', '*');
    await visit('/embed/datasets/districts/map', '.map-canvas', '*');
  });
});
