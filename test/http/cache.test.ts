// The query cache through the front door: an identical Explore API query is answered without the
// engine, a different literal is not, and a data change (new version) or a metadata change
// invalidates what the cache held, so the next answer is the new one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openPortal, closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import { importDataset } from '../../src/ingest/index.ts';
import type { AppContext } from '../../src/server/context.ts';

const API = '/api/explore/v2.1/catalog';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
const engine: string[] = [];

function writeCsv(name: string, rows: Array<[string, number]>): string {
  const file = join(dir, name);
  writeFileSync(file, ['city,bikes', ...rows.map(([c, n]) => `${c},${n}`)].join('\n'));
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-cache-'));
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  await importDataset(ctx.catalog, { source: writeCsv('v1.csv', [['Paris', 3], ['Lyon', 4], ['Paris', 5]]), datasetId: 'bikes', mode: 'create' });
  const query = ctx.backend.query.bind(ctx.backend);
  ctx.backend.query = (sql, params) => { engine.push(sql); return query(sql, params); };
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => { await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

async function get(url: string): Promise<{ body: Record<string, any>; engineCalls: number }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const before = engine.length;
  const r = await app.inject({ method: 'GET', url });
  expect(r.statusCode, r.body).toBe(200);
  return { body: r.json(), engineCalls: engine.length - before };
}

describe('query cache', () => {
  const grouped = `${API}/datasets/bikes/records?select=${encodeURIComponent('city, sum(bikes) as n')}&group_by=city&order_by=city`;

  it('answers an identical query from the cache, and a different literal from the engine', async () => {
    const first = await get(grouped);
    expect(first.engineCalls).toBe(1); // the groups; a page that is not full gives total_count
    expect(first.body.results).toEqual([{ city: 'Lyon', n: 4 }, { city: 'Paris', n: 8 }]);
    const again = await get(grouped);
    expect(again.engineCalls).toBe(0);
    expect(again.body).toEqual(first.body);
    const other = await get(`${API}/datasets/bikes/records?where=${encodeURIComponent('bikes > 3')}`);
    expect(other.engineCalls).toBe(2);
    expect(other.body.total_count).toBe(2);
  });

  it('serves facets from the cache too', async () => {
    const url = `${API}/datasets/bikes/facets?facet=city`;
    expect((await get(url)).engineCalls).toBe(1);
    expect((await get(url)).engineCalls).toBe(0);
  });

  it('a data change invalidates: the next identical query reads the new version', async () => {
    await get(grouped);
    await importDataset(ctx.catalog, { source: writeCsv('v2.csv', [['Paris', 10], ['Lille', 1]]), datasetId: 'bikes', mode: 'replace' });
    const after = await get(grouped);
    expect(after.engineCalls).toBe(1);
    expect(after.body.results).toEqual([{ city: 'Lille', n: 1 }, { city: 'Paris', n: 10 }]);
    expect((await get(`${API}/datasets/bikes/facets?facet=city`)).body.facets[0].facets.map((f: { value: string }) => f.value).sort()).toEqual(['Lille', 'Paris']);
  });

  it('a metadata change invalidates catalog queries (they read the catalog search table)', async () => {
    const url = `${API}/datasets?select=${encodeURIComponent('count(*) as n')}&group_by=publisher`;
    const first = await get(url);
    expect(first.body.results).toEqual([{ n: 1, publisher: null }]);
    expect((await get(url)).engineCalls).toBe(0);
    const ds = ctx.catalog.get('bikes');
    await ctx.catalog.updateMetas('bikes', { ...ds.metas, default: { ...ds.metas.default, publisher: 'Ville de Paris' } });
    const after = await get(url);
    expect(after.engineCalls).toBeGreaterThan(0);
    expect(after.body.results).toEqual([{ n: 1, publisher: 'Ville de Paris' }]);
  });
});
