// Node-local DuckDB copies on a PostgreSQL store (the dev machine's, 127.0.0.1:5432, database test):
// once a node holds its copy of a version, records queries and facets run there (Server-Timing says
// `local`) and answer exactly what the embedded DuckDB store answers for the same file; a new
// version is not answered from the old copy; live datasets stay on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { importDataset } from '../../src/ingest/index.ts';

const URL = process.env.AGORA_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const API = '/api/explore/v2.1/catalog/datasets';
const WEATHER = join(import.meta.dirname, '..', '..', 'node_modules/vega-datasets/data/seattle-weather.csv');
interface Portal { ctx: AppContext; app: FastifyInstance }
let pgLocal: Portal;
let duck: Portal;
let dir: string;

async function portal(store: string | undefined): Promise<Portal> {
  const ctx = await openPortal({ inMemory: true, ...(store ? { store, localCopies: true } : { store: '' }), baseUrl: 'http://portal.test', recordsIndexMb: 0 });
  await importDataset(ctx.catalog, { source: WEATHER, datasetId: 'weather', mode: 'create' });
  return { ctx, app: await buildApp(ctx, { web: false }) };
}

const QUERIES = [
  'records?select=weather,count(*)%20as%20n,avg(temp_max)%20as%20t&group_by=weather&order_by=weather',
  `records?select=${encodeURIComponent('sum(precipitation) as p, max(wind) as w')}&group_by=${encodeURIComponent('year(date) as y')}&order_by=y`,
  `records?where=${encodeURIComponent('temp_max > 30 and weather = "sun"')}&order_by=date&limit=5`,
  `records?select=${encodeURIComponent('percentile(temp_min, 50) as med')}&group_by=${encodeURIComponent('date_format(date, "yyyy-MM") as m')}&order_by=m&limit=6`,
  'facets?facet=weather&facet=date',
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-copies-'));
  pgLocal = await portal(URL);
  duck = await portal(undefined);
});
afterAll(async () => {
  for (const p of [pgLocal, duck]) if (p) { await p.app.close(); await closePortal(p.ctx); }
  rmSync(dir, { recursive: true, force: true });
});

describe('node-local DuckDB copies of published versions (PostgreSQL store)', () => {
  it('answer records queries and facets as the embedded DuckDB store does, once the copy is taken', async () => {
    const first = await pgLocal.app.inject({ url: `${API}/weather/${QUERIES[0]}` });
    expect(first.headers['server-timing']).toContain('engine'); // PostgreSQL, while the copy is taken
    await pgLocal.ctx.localCopies!.settled();
    for (const q of QUERIES) {
      const [a, b] = await Promise.all([pgLocal.app.inject({ url: `${API}/weather/${q}` }), duck.app.inject({ url: `${API}/weather/${q}` })]);
      expect(a.statusCode, a.body).toBe(200);
      if (q.startsWith('records')) expect(a.headers['server-timing'], q).toContain('local');
      expect(a.json(), q).toEqual(b.json());
    }
  });

  it('a new version is answered by PostgreSQL until its own copy is taken, never from the old one', async () => {
    const file = join(dir, 'w.csv');
    writeFileSync(file, 'date,precipitation,temp_max,temp_min,wind,weather\n2030-01-01,1,2,1,3,snow\n');
    await importDataset(pgLocal.ctx.catalog, { source: file, datasetId: 'weather', mode: 'replace' });
    const r = await pgLocal.app.inject({ url: `${API}/weather/${QUERIES[0]}` });
    expect(r.headers['server-timing']).toContain('engine');
    expect(r.json().results).toEqual([{ weather: 'snow', n: 1, t: 2 }]);
    await pgLocal.ctx.localCopies!.settled();
    const again = await pgLocal.app.inject({ url: `${API}/weather/${QUERIES[0]}` });
    expect(again.headers['server-timing']).toContain('local');
    expect(again.json().results).toEqual([{ weather: 'snow', n: 1, t: 2 }]);
  });
});
