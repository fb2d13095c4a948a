// The Explore API through the front door, in-process (Fastify inject): catalog, dataset, records,
// facets, exports and errors, checked against DuckDB's own reading of the same file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { openPortal, closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import { importDataset } from '../../src/ingest/index.ts';
import type { AppContext } from '../../src/server/context.ts';
import { duckdbAnswer } from '../support/duckdb-oracle.ts';

const API = '/api/explore/v2.1';
const CSV = [
  'station;city;opened;bikes;lat;lon',
  'A01;Paris;2020-01-05;12;48.85;2.35',
  'A02;Paris;2021-03-01;7;48.86;2.34',
  'B01;Lyon;2019-07-14;20;45.76;4.83',
  'B02;Lyon;2021-11-30;3;45.75;4.84',
  'C01;Évry;2022-02-02;;48.63;2.44',
].join('\n');

let ctx: AppContext;
let app: FastifyInstance;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-http-'));
  const file = join(dir, 'stations.csv');
  writeFileSync(file, CSV);
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  await importDataset(ctx.catalog, { source: file, datasetId: 'stations', title: 'Bike stations', mode: 'create' });
  app = await buildApp(ctx);
});
afterAll(async () => { await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

const get = async (url: string) => app.inject({ method: 'GET', url });

describe('catalog', () => {
  it('lists datasets in the spec shape with fields and metas.default', async () => {
    const r = await get(`${API}/catalog/datasets`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.total_count).toBe(1);
    const ds = body.results[0];
    expect(ds.dataset_id).toBe('stations');
    expect(ds.metas.default.title).toBe('Bike stations');
    expect(ds.metas.default.records_count).toBe(5);
    expect(ds.fields.map((f: { name: string }) => f.name)).toContain('station');
    expect(ds.features).toContain('geo');
  });
  it('answers the same dataset with and without a trailing slash, 404 in the spec body for an unknown one', async () => {
    expect((await get(`${API}/catalog/datasets/stations/`)).statusCode).toBe(200);
    const r = await get(`${API}/catalog/datasets/nope`);
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ message: 'Unknown dataset: nope', error_code: 'UnknownDatasetError' });
  });
  it('finds a dataset by a catalog search and refines by keyword', async () => {
    await ctx.catalog.updateMetas('stations', { ...ctx.catalog.get('stations').metas, default: { ...ctx.catalog.get('stations').metas.default, keyword: ['bikes', 'mobility'] } });
    expect((await get(`${API}/catalog/datasets?where=${encodeURIComponent('"bike"')}`)).json().total_count).toBe(1);
    expect((await get(`${API}/catalog/datasets?where=${encodeURIComponent('"submarine"')}`)).json().total_count).toBe(0);
    expect((await get(`${API}/catalog/datasets?refine=keyword:mobility`)).json().total_count).toBe(1);
  });
});

describe('catalog select', () => {
  it('keeps the dataset members a select names and adds ODSQL expressions over the catalog flat', async () => {
    const members = (await get(`${API}/catalog/datasets?select=${encodeURIComponent('dataset_id, fields')}`)).json();
    expect(Object.keys(members.results[0]).sort()).toEqual(['dataset_id', 'fields']);
    expect(members.results[0].fields.map((f: { name: string }) => f.name)).toContain('station');
    const exprs = (await get(`${API}/catalog/datasets?select=${encodeURIComponent('dataset_id, title, records_count * 2 as twice')}`)).json();
    expect(exprs.results).toEqual([{ dataset_id: 'stations', title: 'Bike stations', twice: 10 }]);
    const bad = await get(`${API}/catalog/datasets?select=${encodeURIComponent('dataset_id, nope')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('nope');
    expect(bad.json().message).toContain('position 12');
  });
});

describe('records', () => {
  it('pages records with total_count, numbers as numbers', async () => {
    const r = await get(`${API}/catalog/datasets/stations/records?limit=2&order_by=station`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.total_count).toBe(5);
    expect(body.results).toHaveLength(2);
    expect(body.results[0].station).toBe('A01');
    expect(body.results[0].bikes).toBe(12);
  });
  it('filters and groups as DuckDB does on the same file', async () => {
    const file = join(dir, 'stations.csv');
    const truth = await duckdbAnswer(`SELECT city, sum(bikes)::BIGINT AS total FROM read_csv(?, delim=';') GROUP BY city ORDER BY city`, [file]);
    const r = await get(`${API}/catalog/datasets/stations/records?select=${encodeURIComponent('city, sum(bikes) as total')}&group_by=city&order_by=city`);
    expect(r.statusCode).toBe(200);
    const got = r.json().results.map((x: { city: string; total: number | null }) => ({ city: x.city, total: x.total }));
    expect(got).toEqual(truth.map((t) => ({ city: t.city, total: t.total })));
  });
  it('counts groups right on every page of a group_by (derived from a short page, else counted)', async () => {
    const file = join(dir, 'stations.csv');
    const [truth] = await duckdbAnswer(`SELECT count(DISTINCT city)::INT AS n FROM read_csv(?, delim=';')`, [file]);
    const page = (qs: string) => get(`${API}/catalog/datasets/stations/records?select=count(*)%20as%20n&group_by=city&order_by=city&${qs}`).then((r) => r.json());
    for (const qs of ['limit=10', 'limit=1', 'limit=1&offset=2', 'limit=5&offset=2', 'limit=5&offset=7', 'limit=0']) {
      expect((await page(qs)).total_count, qs).toBe(truth.n);
    }
    expect((await page('limit=5&offset=2')).results).toHaveLength(Number(truth.n) - 2);
  });
  it('pages with _links self/first/last/next from the effective limit', async () => {
    const rel = (body: { _links: Array<{ rel: string; href: string }> }, r: string) => body._links.find((l) => l.rel === r)?.href;
    const two = (await get(`${API}/catalog/datasets/stations/records?limit=2&include_links=true`)).json();
    expect(new URL(rel(two, 'next')!).searchParams.get('offset')).toBe('2');
    expect(new URL(rel(two, 'last')!).searchParams.get('offset')).toBe('4');
    const all = (await get(`${API}/catalog/datasets/stations/records?limit=-1&include_links=true`)).json();
    expect(all.results).toHaveLength(5);
    expect(rel(all, 'next')).toBeUndefined();
    expect(new URL(rel(all, 'last')!).searchParams.get('offset')).toBe('0');
  });
  it('rejects malformed ODSQL with a 400 ODSQLError and a limit over 100 with a 400', async () => {
    const bad = await get(`${API}/catalog/datasets/stations/records?where=${encodeURIComponent('bikes >')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error_code).toBe('ODSQLError');
    expect((await get(`${API}/catalog/datasets/stations/records?limit=101`)).statusCode).toBe(400);
  });
  it('serves one record by id, and 404 for an unknown record', async () => {
    const first = (await get(`${API}/catalog/datasets/stations/records?limit=1&include_app_metas=true`)).json().results[0];
    expect(first._id).toBeDefined();
    const one = await get(`${API}/catalog/datasets/stations/records/${first._id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().station).toBe(first.station);
    expect((await get(`${API}/catalog/datasets/stations/records/999999`)).statusCode).toBe(404);
  });
});

describe('exports', () => {
  it('streams a CSV export of the filtered records', async () => {
    const r = await get(`${API}/catalog/datasets/stations/exports/csv?where=${encodeURIComponent('city = "Lyon"')}&select=station`);
    expect(r.statusCode).toBe(200);
    const lines = r.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toEqual(['station', 'B01', 'B02']);
  });
  it('lists formats and rejects an unknown one naming the accepted ones', async () => {
    const links = (await get(`${API}/catalog/datasets/stations/exports`)).json().links.map((l: { rel: string }) => l.rel);
    expect(links).toContain('csv');
    const r = await get(`${API}/catalog/datasets/stations/exports/docx`);
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/Accepted formats: .*csv/);
  });
});

describe('facets, exports and headers', () => {
  it('nests the months of a refined year under it, states computed from the refinement', async () => {
    const r = await get(`${API}/catalog/datasets/stations/facets?facet=opened&refine=opened:2021`);
    expect(r.statusCode).toBe(200);
    const years = r.json().facets[0].facets;
    expect(years.map((y: { value: string; count: number; state: string }) => [y.value, y.count, y.state])).toEqual([['2021', 2, 'refined']]);
    expect(years[0].facets.map((m: { name: string; value: string; count: number }) => [m.name, m.value, m.count])).toEqual([['11', '2021/11', 1], ['03', '2021/03', 1]]);
    const all = (await get(`${API}/catalog/datasets/stations/facets?facet=opened`)).json().facets[0].facets;
    expect(all.map((y: { value: string }) => y.value)).toEqual(['2022', '2021', '2020', '2019']);
    expect(all.every((y: { facets?: unknown }) => y.facets === undefined)).toBe(true);
  });
  it('gzips a compressed export as a real .gz file', async () => {
    const plain = await get(`${API}/catalog/datasets/stations/exports/csv?order_by=station`);
    const gz = await get(`${API}/catalog/datasets/stations/exports/csv?order_by=station&compressed=true`);
    expect(gz.statusCode).toBe(200);
    expect(gz.headers['content-type']).toBe('application/gzip');
    expect(gz.headers['content-encoding']).toBeUndefined();
    expect(gz.headers['content-disposition']).toBe('attachment; filename="stations.csv.gz"');
    expect(gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);
  });
  it('refuses a geo export whose select keeps no geo field before sending any byte', async () => {
    const r = await get(`${API}/catalog/datasets/stations/exports/gpx?select=station`);
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/gpx export needs a geo_point_2d or geo_shape field/);
  });
  it('sends Ods-Explore-Api-Deprecation only for a deprecated feature', async () => {
    expect((await get(`${API}/catalog/datasets/stations/records`)).headers['ods-explore-api-deprecation']).toBeUndefined();
    const geo = ctx.catalog.get('stations').fields.find((f) => f.type === 'geo_point_2d')!.name;
    const r = await get(`${API}/catalog/datasets/stations/records?select=count(*)%20as%20n&group_by=${geo}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().results).toHaveLength(5);
    expect(r.headers['ods-explore-api-deprecation']).toMatch(/^GROUP_BY_GEO_FIELD: /);
  });
});
