// The demo pages: each is checked against the real demo catalog like any saved page (datasets,
// fields, ODSQL) and published; readers list them, the dashboard featured first; its KPI value
// through the Explore API equals DuckDB's answer to the same SQL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { DEMO_PAGES, loadDemoCatalog, loadDemoPages } from '../../src/demo/index.ts';
import { ensurePages } from '../../src/server/pages-store.ts';

let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-demo-pages-'));
  ctx = await openPortal({ inMemory: true, dataDir: dir });
  await loadDemoCatalog(ctx.catalog);
  app = await buildApp(ctx, { web: false });
}, 60_000);
afterAll(async () => { await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

it('loads and publishes every demo page once, checked against the demo datasets', async () => {
  const d = await ensurePages(ctx);
  expect(await loadDemoPages(d.pages, d.env)).toBe(DEMO_PAGES.length);
  expect(await loadDemoPages(d.pages, d.env)).toBe(0);
  const list = (await app.inject({ url: '/api/agora/v1/pages' })).json();
  expect(list.results.map((p: { slug: string }) => p.slug)).toEqual(['air-quality-dashboard', 'seattle-weather-story']);
  expect(list.results[0]).toMatchObject({ featured: true, public: true, blocks_count: 8 });
});

it("the dashboard's NO₂ KPI, asked of the Explore API as the viewer asks it, equals DuckDB's average", async () => {
  const page = (await app.inject({ url: '/api/agora/v1/pages/air-quality-dashboard' })).json();
  const kpi = page.content.blocks.find((b: { id: string }) => b.id === 'no2');
  const res = await app.inject({ url: `/api/explore/v2.1/catalog/datasets/${kpi.dataset}/records?select=${encodeURIComponent(`${kpi.value} as v`)}` });
  const table = ctx.catalog.get(kpi.dataset).table;
  const [{ v }] = await ctx.backend.query(`SELECT avg(no2_ugm3) AS v FROM "${table}"`);
  expect(res.json().results[0].v).toBeCloseTo(Number(v), 9);
  expect(Number(v)).toBeGreaterThan(0);
});
