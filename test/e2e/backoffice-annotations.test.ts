// End-to-end: field annotations edited on the back office's dataset page (facet on, a unit set, then
// the facet off again), checked through the public Explore API: the dataset's fields[].annotations
// and the facets endpoint, whose default facets are the facet-annotated fields; counts from the fixture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAS_CHROMIUM, axeSerious, launch } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { adminPage } from './support/admin.ts';
import { treeRows } from './support/fixtures.ts';
import { ensureGovernance } from '../../src/governance/index.ts';

const ADMIN = { username: 'ann-admin', password: 'correct-horse-battery' };
interface ApiField { name: string; annotations: Record<string, unknown[]> }
interface FacetsBody { facets: Array<{ name: string; facets: Array<{ value: string; count: number }> }> }

describe.skipIf(!HAS_CHROMIUM)('back office: field annotations', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    portal = await startPortal();
    const gov = await ensureGovernance(portal.ctx);
    await gov.addUser({ ...ADMIN, isAdmin: true });
    browser = await launch();
    page = await adminPage(browser, portal.url, ADMIN);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  const explore = async <T>(path: string): Promise<T> => {
    const r = await fetch(`${portal.url}/api/explore/v2.1/catalog/datasets/street-trees${path}`);
    expect(r.status).toBe(200);
    return await r.json() as T;
  };
  const annotationsOf = async (name: string) => (await explore<{ fields: ApiField[] }>('')).fields.find((f) => f.name === name)?.annotations;

  it('turns facet on for a field and sets a unit, then turns the facet off', async () => {
    // Before: no facet-annotated field, so the default facets list is empty.
    expect((await explore<FacetsBody>('/facets')).facets.map((f) => f.name)).not.toContain('kind');
    expect(await annotationsOf('height')).not.toHaveProperty('unit');

    await page.getByRole('link', { name: 'Edit Street trees' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Edit Street trees' }).waitFor();
    const kind = page.getByRole('group', { name: /^kind/ });
    await kind.getByRole('checkbox', { name: /^Facet \(/ }).check();
    await page.getByRole('group', { name: /^height/ }).getByLabel('Unit').fill('m');
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save fields' }).click();

    await expect.poll(() => annotationsOf('kind')).toMatchObject({ facet: [] });
    expect(await annotationsOf('height')).toMatchObject({ unit: ['m'] });
    // The facets endpoint now answers for "kind" by default, with the fixture's counts per kind.
    const expected = new Map<string, number>();
    for (const r of treeRows()) expected.set(r.kind, (expected.get(r.kind) ?? 0) + 1);
    const facets = await explore<FacetsBody>('/facets');
    const kindFacet = facets.facets.find((f) => f.name === 'kind');
    expect(kindFacet).toBeDefined();
    expect(new Map(kindFacet!.facets.map((v) => [v.value, v.count]))).toEqual(expected);
    expect((await explore<{ total_count: number }>('/records?limit=0')).total_count).toBe(treeRows().length);

    // The page reloads the published state: the box stays checked; unchecking it removes the facet.
    const box = page.getByRole('group', { name: /^kind/ }).getByRole('checkbox', { name: /^Facet \(/ });
    await expect.poll(() => box.isChecked()).toBe(true);
    await box.uncheck();
    await page.getByRole('button', { name: 'Save fields' }).click();
    await expect.poll(async () => Object.keys((await annotationsOf('kind')) ?? {})).not.toContain('facet');
    expect((await explore<FacetsBody>('/facets')).facets.map((f) => f.name)).not.toContain('kind');
    expect(await annotationsOf('height')).toMatchObject({ unit: ['m'] });
  }, 30_000);
});
