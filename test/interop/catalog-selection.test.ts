// The Explore API catalog query parameters (where, refine, exclude, order_by, limit, offset) on the
// catalog feeds, on a real portal: each feed describes exactly the datasets catalog/datasets
// returns for the same parameters (the independent answer), never a restricted one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { importDataset } from '../../src/ingest/index.ts';
import { BASE, interopApp } from './harness.ts';
import { stationsPortal, type Fixture } from './portal-fixture.ts';
import { parseRdfXml, parseTurtle } from './rdf-readers.ts';

const API = '/api/explore/v2.1';
const DCAT_DATASET = 'http://www.w3.org/ns/dcat#Dataset';
let fx: Fixture;
let app: FastifyInstance;
beforeAll(async () => {
  fx = await stationsPortal();
  for (const [id, title, theme] of [['docks', 'Bike docks', 'Transport'], ['trees', 'Street trees', 'Environnement']] as const) {
    await importDataset(fx.ctx.catalog, { source: fx.stationsFile, datasetId: id, title, mode: 'create' });
    const ds = fx.ctx.catalog.get(id);
    await fx.ctx.catalog.updateMetas(id, { ...ds.metas, default: { ...ds.metas.default, theme: [theme], keyword: [id] } });
  }
  app = await interopApp(fx.ctx);
});
afterAll(async () => { await app?.close(); await fx?.close(); });

const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();
async function viaCatalog(params: Record<string, string>): Promise<string[]> {
  const r = await app.inject(`${API}/catalog/datasets?${qs({ select: 'dataset_id', limit: '100', ...params })}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().results.map((d: { dataset_id: string }) => d.dataset_id);
}
const idOf = (url: string) => url.replace(`${BASE}/datasets/`, '').replace(/#dataset$/, '');

describe('catalog query parameters on the feeds', () => {
  const cases: Array<Record<string, string>> = [
    { where: 'dataset_id = "docks"' },
    { refine: 'theme:Transport' },
    { exclude: 'theme:Transport' },
    { where: 'title like "Bike*"', order_by: 'dataset_id desc' },
    { order_by: 'title asc', limit: '2' },
    { where: 'dataset_id = "secret"' },
  ];
  for (const params of cases) {
    it(`selects what catalog/datasets selects for ${JSON.stringify(params)}`, async () => {
      const expected = await viaCatalog(params);
      const dcat = parseTurtle((await app.inject(`${API}/catalog/exports/dcat?${qs({ ...params, format: 'ttl' })}`)).body)
        .filter((q) => q.object.value === DCAT_DATASET).map((q) => idOf(q.subject.value));
      const dataJson = (await app.inject(`/data.json?${qs(params)}`)).json().dataset.map((d: { landingPage: string }) => d.landingPage.replace(`${BASE}/datasets/`, ''));
      const dc = [...new Set(parseRdfXml((await app.inject(`${API}/catalog/exports/dublin_core?${qs(params)}`)).body).map((q) => q.subject.value.replace(`${BASE}/datasets/`, '')))];
      const ordered = !!params.order_by;
      const norm = (a: string[]) => (ordered ? a : [...a].sort());
      expect(norm(dcat)).toEqual(norm(expected));
      expect(norm(dataJson)).toEqual(norm(expected));
      expect(norm(dc)).toEqual(norm(expected));
      expect(dcat).not.toContain('secret');
    });
  }

  it('RSS keeps its own limit (items) and still filters with where', async () => {
    const r = await app.inject(`${API}/catalog/exports/rss?${qs({ where: 'dataset_id = "trees"', limit: '5' })}`);
    expect(r.statusCode).toBe(200);
    expect([...r.body.matchAll(/<item>/g)]).toHaveLength(1);
    expect(r.body).toContain(`${BASE}/datasets/trees`);
  });

  it('answers a malformed where with 400 naming the problem', async () => {
    const r = await app.inject(`${API}/catalog/exports/dcat?${qs({ where: 'title = ' })}`);
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toBeTruthy();
    expect((await app.inject(`${API}/catalog/exports/dcat?offset=-1`)).statusCode).toBe(400);
  });
});
