// The Explore API v2.1 driven by Opendatasoft's own client (@opendatasoft/api-client) over a real
// socket, every JSON body validated with ajv against the official spec's schemas, and answers
// cross-checked against DuckDB's own reading of the same files (real Paris open data in ../shared).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import odsClient from '@opendatasoft/api-client';
import AjvModule, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyInstance } from 'fastify';
import { openPortal, closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import { importDataset } from '../../src/ingest/index.ts';
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import type { AppContext } from '../../src/server/context.ts';
import { handleError } from '../../src/server/errors.ts';
import { AgoraError } from '../../src/core/errors.ts';
import { REFERENCE, DATA } from './shared.ts';

const { ApiClient, fromCatalog, NotFoundError, UserError } = odsClient;

const SPEC = join(REFERENCE, 'ods-explore-v2.1-openapi.json');
const COUNTERS = `${DATA}/paris-bike-counters-test.parquet`;
const TREES = `${DATA}/ods-export-samples/les-arbres.2019.ods-export.csv`;
const PLAQUES = `${DATA}/ods-export-samples/paris-plaques-commemoratives.ods-export.json`;
const have = existsSync(SPEC) && existsSync(COUNTERS) && existsSync(TREES) && existsSync(PLAQUES);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// ---- the official schemas, compiled once -------------------------------------------------------
const spec = have ? JSON.parse(readFileSync(SPEC, 'utf8')) : { paths: {}, components: {} };
const ajv = new (AjvModule as unknown as typeof AjvModule.default)({ strict: false, allErrors: true });
(addFormats as unknown as (a: unknown) => void)(ajv);
ajv.addFormat('dateTime', { validate: (s: string) => !Number.isNaN(Date.parse(s)) });
if (have) ajv.addSchema(spec, 'spec');
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
const validators = new Map<string, ValidateFunction>();
/** The 200 schema of a spec path, or a named components/responses entry (bad_request, quota). */
function schemaFor(path: string): ValidateFunction {
  let v = validators.get(path);
  if (!v) {
    let ref: string;
    if (path.startsWith('/')) {
      const content = spec.paths[path].get.responses['200'].content as Json;
      const type = Object.keys(content)[0];
      ref = `spec#/paths/${pointer(path)}/get/responses/200/content/${pointer(type)}/schema`;
    } else {
      ref = `spec#/components/responses/${path}/content/${pointer('application/json; charset=utf-8')}/schema`;
    }
    const compiled = ajv.compile({ $ref: ref });
    validators.set(path, compiled);
    return compiled;
  }
  return v;
}
function expectValid(path: string, body: unknown): void {
  const v = schemaFor(path);
  const ok = v(body);
  expect(ok ? [] : v.errors?.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
}

// ---- the portal and the truth ------------------------------------------------------------------
let ctx: AppContext;
let app: FastifyInstance;
let origin: string;
let client: InstanceType<typeof ApiClient>;
const truth = new DuckDBBackend({ dataDir: null });
const sqlLog: string[] = [];

beforeAll(async () => {
  if (!have) return;
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://127.0.0.1' });
  await importDataset(ctx.catalog, { source: COUNTERS, datasetId: 'comptages', title: 'Comptages vélo', mode: 'create' });
  await importDataset(ctx.catalog, { source: TREES, datasetId: 'les-arbres', title: 'Les arbres', mode: 'create' });
  await importDataset(ctx.catalog, { source: PLAQUES, datasetId: 'plaques', title: 'Plaques commémoratives', mode: 'create' });
  const counters = ctx.catalog.get('comptages');
  await ctx.catalog.updateFields('comptages', counters.fields.map((f) => (f.name === 'counter_name' || f.name === 'date' ? { ...f, annotations: { ...f.annotations, facet: true } } : f)));
  // Every statement the API sends to the engine, to prove no user text reaches SQL.
  const query = ctx.backend.query.bind(ctx.backend);
  const stream = ctx.backend.stream.bind(ctx.backend);
  ctx.backend.query = (sql, params) => { sqlLog.push(sql); return query(sql, params); };
  ctx.backend.stream = (sql, params) => { sqlLog.push(sql); return stream(sql, params); };
  app = await buildApp(ctx, { web: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  client = new ApiClient({ domain: origin });
  await truth.open();
});
afterAll(async () => {
  if (!have) return;
  await app?.close();
  if (ctx) await closePortal(ctx);
  await truth.close();
});

const COUNTERS_SQL = `read_parquet('${COUNTERS}')`;
const TREES_SQL = `read_csv('${TREES}', delim=';', header=true, all_varchar=false)`;
const api = (path: string) => `${origin}/api/explore/v2.1/${path}`;
async function getJson(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Json; headers: Headers }> {
  const r = await fetch(api(path), { headers: { accept: 'application/json', ...headers } });
  return { status: r.status, body: await r.json(), headers: r.headers };
}
const enc = encodeURIComponent;

describe.skipIf(!have)('the schema checks themselves', () => {
  it('reject what the spec forbids (so a pass means something)', () => {
    expect(schemaFor('/catalog/datasets/{dataset_id}/records')({ total_count: '3', results: [] })).toBe(false);
    expect(schemaFor('/catalog/datasets/{dataset_id}/records')({ total_count: 3, results: [{ _links: [{ rel: 'records', href: 'http://x/y' }] }] })).toBe(false);
    expect(schemaFor('/catalog/datasets/{dataset_id}/facets')({ facets: [{ name: 'x', facets: [{ name: 'a', value: 'a', count: '2', state: 'displayed' }] }] })).toBe(false);
    expect(schemaFor('bad_request')({ message: '', error_code: 'ODSQLError' })).toBe(false);
    expect(schemaFor('quota')({ errorcode: 10002, reset_time: null, limit_time_unit: 'day', call_limit: 1, error: 'x' })).toBe(false);
  });
});

describe.skipIf(!have)('every endpoint answers in the spec shape, through the official client', () => {
  it('catalog/datasets and catalog/datasets/{id}, with _links', async () => {
    const list = await client.get<Json>(fromCatalog().datasets().limit(10).set('include_links', 'true'));
    expectValid('/catalog/datasets', list);
    expect(list.total_count).toBe(3);
    expect(list.results.map((d: Json) => d.dataset_id).sort()).toEqual(['comptages', 'les-arbres', 'plaques']);
    const one = await client.get<Json>(fromCatalog().dataset('comptages').itself().set('include_links', 'true'));
    expectValid('/catalog/datasets/{dataset_id}', one);
    expect(one.metas.default.records_count).toBe(38636);
    expect(one._links.map((l: Json) => l.rel)).toContain('self');
  });

  it('records with links and app metas, and one record by its id', async () => {
    const page = await client.get<Json>(fromCatalog().dataset('comptages').records().orderBy('date desc').limit(5).set('include_links', 'true').set('include_app_metas', 'true'));
    expectValid('/catalog/datasets/{dataset_id}/records', page);
    expect(page.total_count).toBe(38636);
    expect(page.results).toHaveLength(5);
    expect(page._links.map((l: Json) => l.rel)).toEqual(expect.arrayContaining(['self', 'first', 'last', 'next']));
    const first = page.results[0];
    const rec = await client.get<Json>(fromCatalog().dataset('comptages').record(first._id));
    expectValid('/catalog/datasets/{dataset_id}/records/{record_id}', rec);
    expect(rec.counter_name).toBe(first.counter_name);
    expect(rec.date).toBe(first.date);
  });

  it('facets of a dataset and of the catalog', async () => {
    const facets = await client.get<Json>(fromCatalog().dataset('comptages').facets().facet('counter_name').facet('date'));
    expectValid('/catalog/datasets/{dataset_id}/facets', facets);
    expect(facets.facets.map((f: Json) => f.name)).toEqual(['counter_name', 'date']);
    const cat = await client.get<Json>(fromCatalog().facets());
    expectValid('/catalog/facets', cat);
    const features = cat.facets.find((f: Json) => f.name === 'features');
    expect(features.facets.find((v: Json) => v.value === 'geo').count).toBe(3);
  });

  it('export lists, attachments, and the API root', async () => {
    const dsExports = await client.get<Json>('catalog/datasets/comptages/exports');
    expectValid('/catalog/datasets/{dataset_id}/exports', dsExports);
    const rels = dsExports.links.map((l: Json) => l.rel);
    for (const f of spec.components.schemas['enum-format-datasets-v2.1'].enum as string[]) expect(rels).toContain(f);
    const catExports = await client.get<Json>('catalog/exports');
    expectValid('/catalog/exports', catExports);
    expect(catExports.links.map((l: Json) => l.rel)).toEqual(expect.arrayContaining(['csv', 'json', 'xlsx']));
    const att = await client.get<Json>('catalog/datasets/comptages/attachments');
    expectValid('/catalog/datasets/{dataset_id}/attachments', att);
    expect((await client.get<Json>(fromCatalog().itself())).links.map((l: Json) => l.rel)).toContain('datasets');
  });

  it('answers with or without a trailing slash and with parameters in any order', async () => {
    const a = await getJson('catalog/datasets/comptages/records?select=counter_name&order_by=counter_name&limit=3&where=bike_count%3E100');
    const b = await getJson('catalog/datasets/comptages/records/?where=bike_count%3E100&limit=3&order_by=counter_name&select=counter_name');
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    for (const path of ['catalog/', 'catalog/datasets/', 'catalog/facets/', 'catalog/exports/', 'catalog/datasets/comptages/', 'catalog/datasets/comptages/facets/', 'catalog/datasets/comptages/exports/', 'catalog/datasets/comptages/attachments/']) {
      expect((await getJson(path)).status, path).toBe(200);
    }
  });

  it('writes records as ODS does: numbers as numbers, geo_point_2d as {lon, lat}, geo_shape as a Feature, datetimes in the requested time zone', async () => {
    const tree = (await client.get<Json>(fromCatalog().dataset('les-arbres').records().where('idbase = 123704').limit(1))).results[0];
    expect(tree.geo_point_2d).toEqual({ lon: 2.40714227176, lat: 48.8391832608 });
    expect(tree.circonferenceencm).toBe(45);
    expect(tree.idemplacement).toBe('00000148');
    const plaque = (await client.get<Json>(fromCatalog().dataset('plaques').records().where('index_plaque = 13033').limit(1))).results[0];
    expect(plaque.geo_shape.type).toBe('Feature');
    expect(plaque.geo_shape.geometry).toEqual({ type: 'Point', coordinates: [2.3731559997304026, 48.83153499923793] });
    const utc = (await client.get<Json>(fromCatalog().dataset('comptages').records().select('date').orderBy('date').limit(1))).results[0];
    const paris = (await client.get<Json>(fromCatalog().dataset('comptages').records().select('date').orderBy('date').limit(1).set('timezone', 'Europe/Paris'))).results[0];
    const [minDate] = await truth.query(`SELECT strftime(min(date), '%Y-%m-%dT%H:%M:%S') AS d FROM ${COUNTERS_SQL}`);
    expect(utc.date).toBe(`${minDate.d}+00:00`);
    expect(Date.parse(paris.date)).toBe(Date.parse(utc.date));
    expect(paris.date).toMatch(/\+02:00$/);
  });
});

describe.skipIf(!have)('answers match DuckDB on the same file', () => {
  it('group_by with aggregates, through the client query builder', async () => {
    const q = fromCatalog().dataset('comptages').records()
      .select('count(*) as n, sum(bike_count) as total, avg(bike_count) as mean, max(bike_count) as top, min(bike_count) as low, count(distinct site_id) as sites')
      .where('bike_count > 0 and date >= date\'2021-08-20\'').groupBy('counter_name').orderBy('counter_name').limit(100);
    const got = await client.get<Json>(q);
    expectValid('/catalog/datasets/{dataset_id}/records', got);
    const want = await truth.query(`SELECT counter_name, count(*)::INT AS n, sum(bike_count) AS total, avg(bike_count) AS mean, max(bike_count) AS top, min(bike_count) AS low, count(DISTINCT site_id)::INT AS sites
      FROM ${COUNTERS_SQL} WHERE bike_count > 0 AND date >= TIMESTAMP '2021-08-20' GROUP BY counter_name ORDER BY counter_name`);
    expect(got.results).toHaveLength(want.length);
    got.results.forEach((r: Json, i: number) => {
      const w = want[i];
      expect(r.counter_name).toBe(w.counter_name);
      expect(r.n).toBe(w.n);
      expect(r.total).toBeCloseTo(Number(w.total), 6);
      expect(r.mean).toBeCloseTo(Number(w.mean), 6);
      expect(r.top).toBe(Number(w.top));
      expect(r.low).toBe(Number(w.low));
      expect(r.sites).toBe(w.sites);
      expect(typeof r.total).toBe('number');
    });
  });

  it('median, percentile and date functions in group_by', async () => {
    const got = await client.get<Json>(fromCatalog().dataset('comptages').records()
      .select('year(date) as y, month(date) as m, median(bike_count) as med, percentile(bike_count, 90) as p90, count(*) as n')
      .groupBy('year(date) as y, month(date) as m').orderBy('y, m'));
    const want = await truth.query(`SELECT year(date)::INT AS y, month(date)::INT AS m, median(bike_count) AS med, quantile_cont(bike_count, 0.9) AS p90, count(*)::INT AS n
      FROM ${COUNTERS_SQL} GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(got.results.map((r: Json) => [r.y, r.m, r.n])).toEqual(want.map((w) => [w.y, w.m, w.n]));
    got.results.forEach((r: Json, i: number) => {
      expect(r.med).toBeCloseTo(Number(want[i].med), 6);
      expect(r.p90).toBeCloseTo(Number(want[i].p90), 6);
    });
  });

  it.each([
    ['bike_count > 200 and not counter_name = "Totem 73 boulevard de Sébastopol S-N"', `bike_count > 200 AND NOT counter_name = 'Totem 73 boulevard de Sébastopol S-N'`],
    ['bike_count in [10..20] or site_id = 100007049', `(bike_count BETWEEN 10 AND 20) OR site_id = 100007049`],
    ["site_id:100007049 or counter_name:'Totem 73 boulevard de Sébastopol S-N'", `site_id = 100007049 OR counter_name = 'Totem 73 boulevard de Sébastopol S-N'`],
    ['"totem" AND NOT "sebastopol"', `(strip_accents(lower(counter_name)) LIKE '%totem%' OR strip_accents(lower(site_name)) LIKE '%totem%' OR strip_accents(lower(counter_id)) LIKE '%totem%' OR strip_accents(lower(counter_technical_id)) LIKE '%totem%') AND NOT (strip_accents(lower(counter_name)) LIKE '%sebastopol%' OR strip_accents(lower(site_name)) LIKE '%sebastopol%' OR strip_accents(lower(counter_id)) LIKE '%sebastopol%' OR strip_accents(lower(counter_technical_id)) LIKE '%sebastopol%')`],
    ['bike_count in ]10..20[', `bike_count > 10 AND bike_count < 20`],
    ["date >= date'2021-09' and date < date'2021-09-05'", `date >= TIMESTAMP '2021-09-01' AND date < TIMESTAMP '2021-09-05'`],
    ['startswith(counter_name, "Totem")', `counter_name LIKE 'Totem%'`],
    ['counter_name:"Totem 73 boulevard de Sébastopol S-N"', `counter_name = 'Totem 73 boulevard de Sébastopol S-N'`],
    ['search(counter_name, "sebastopol")', `strip_accents(lower(counter_name)) LIKE '%sebastopol%'`],
    ['counter_name in ("Totem 73 boulevard de Sébastopol S-N", "7 avenue de la Grande Armée NO-SE")', `counter_name IN ('Totem 73 boulevard de Sébastopol S-N', '7 avenue de la Grande Armée NO-SE')`],
    ['counter_installation_date is null', 'counter_installation_date IS NULL'],
    ['within_distance(geo_point_2d, geom\'POINT(2.35 48.86)\', 1km)', `6371008.8 * 2 * asin(sqrt(power(sin(radians(latitude - 48.86) / 2), 2) + cos(radians(48.86)) * cos(radians(latitude)) * power(sin(radians(longitude - 2.35) / 2), 2))) <= 1000`],
  ])('where %s: total_count as DuckDB counts it', async (where, sql) => {
    const got = await client.get<Json>(fromCatalog().dataset('comptages').records().where(where).limit(0));
    const [w] = await truth.query(`SELECT count(*)::INT AS n FROM ${COUNTERS_SQL} WHERE ${sql}`);
    expect(got.total_count).toBe(w.n);
    if (!where.includes('is null')) expect(w.n, 'a filter that matches nothing proves little').toBeGreaterThan(0);
  });

  it('repeated where and refine parameters are ANDed, exclude removes', async () => {
    const one = await getJson(`catalog/datasets/comptages/records?limit=0&where=${enc('bike_count > 50')}&where=${enc('bike_count < 80')}&refine=${enc('counter_name:"Totem 73 boulevard de Sébastopol S-N"')}&refine=date:2021-09`);
    const [w] = await truth.query(`SELECT count(*)::INT AS n FROM ${COUNTERS_SQL} WHERE bike_count > 50 AND bike_count < 80 AND counter_name = 'Totem 73 boulevard de Sébastopol S-N' AND strftime(date, '%Y-%m') = '2021-09'`);
    expect(one.body.total_count).toBe(w.n);
    const ex = await getJson(`catalog/datasets/comptages/records?limit=0&exclude=date:2021-09&exclude=${enc('counter_name:"Totem 73 boulevard de Sébastopol S-N"')}`);
    const [x] = await truth.query(`SELECT count(*)::INT AS n FROM ${COUNTERS_SQL} WHERE strftime(date, '%Y-%m') <> '2021-09' AND counter_name <> 'Totem 73 boulevard de Sébastopol S-N'`);
    expect(ex.body.total_count).toBe(x.n);
  });

  it('value facets count as GROUP BY does, with refined and excluded states', async () => {
    const got = await client.get<Json>(fromCatalog().dataset('comptages').facets().facet('counter_name').where('bike_count > 100').exclude('counter_name:"Totem 73 boulevard de Sébastopol S-N"'));
    const want = await truth.query(`SELECT counter_name AS v, count(*)::INT AS n FROM ${COUNTERS_SQL} WHERE bike_count > 100 GROUP BY 1 ORDER BY n DESC, v`);
    const facet = got.facets[0];
    expect(facet.facets.map((f: Json) => [f.value, f.count])).toEqual(want.map((w) => [w.v, w.n]));
    expect(facet.facets.find((f: Json) => f.value === 'Totem 73 boulevard de Sébastopol S-N').state).toBe('excluded');
    expect(new Set(facet.facets.filter((f: Json) => f.value !== 'Totem 73 boulevard de Sébastopol S-N').map((f: Json) => f.state))).toEqual(new Set(['displayed']));
  });

  it('date facets nest months under a refined year and days under a refined month', async () => {
    const got = await client.get<Json>(fromCatalog().dataset('comptages').facets().facet('date').refine('date:2021-09'));
    expectValid('/catalog/datasets/{dataset_id}/facets', got);
    const years = got.facets[0].facets;
    expect(years.map((y: Json) => [y.value, y.state])).toEqual([['2021', 'refined']]);
    const months = years[0].facets;
    expect(months.map((m: Json) => [m.value, m.state])).toEqual([['2021/09', 'refined']]);
    const days = await truth.query(`SELECT strftime(date, '%Y/%m/%d') AS v, count(*)::INT AS n FROM ${COUNTERS_SQL} WHERE strftime(date, '%Y-%m') = '2021-09' GROUP BY 1 ORDER BY 1 DESC`);
    expect(months[0].facets.map((d: Json) => [d.value, d.count])).toEqual(days.map((d) => [d.v, d.n]));
    expect(months[0].facets[0].name).toBe(String(days[0].v).slice(8));
  });

  it('exports honour where/select/order_by with no row cap; csv, json and a real .gz', async () => {
    const where = enc('bike_count >= 300');
    const csv = await fetch(api(`catalog/datasets/comptages/exports/csv?where=${where}&select=counter_name,bike_count&order_by=bike_count%20desc,counter_name`), { headers: { accept: 'application/json' } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    const text = bytes.toString('utf8');
    const lines = text.replace(/^\uFEFF/, '').trimEnd().split(/\r?\n/);
    const want = await truth.query(`SELECT counter_name, bike_count FROM ${COUNTERS_SQL} WHERE bike_count >= 300 ORDER BY bike_count DESC, counter_name`);
    expect(want.length).toBeGreaterThan(100);
    expect(lines[0]).toBe('counter_name;bike_count');
    expect(lines.slice(1).map((l) => l.split(';')[0])).toEqual(want.map((w) => w.counter_name));
    const gz = await fetch(api(`catalog/datasets/comptages/exports/csv?where=${where}&select=counter_name,bike_count&order_by=bike_count%20desc,counter_name&compressed=true`), { headers: { accept: 'application/json' } });
    expect(gz.headers.get('content-type')).toBe('application/gzip');
    expect(gz.headers.get('content-encoding')).toBeNull();
    expect(gz.headers.get('content-disposition')).toContain('comptages.csv.gz');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(bytes)).toBe(true);
    const json = await client.get<Json[]>(fromCatalog().dataset('comptages').export('json').where('bike_count >= 300').select('counter_name,bike_count').orderBy('bike_count desc,counter_name'));
    expect(json.map((r: Json) => r.counter_name)).toEqual(want.map((w) => w.counter_name));
  });

  it('every dataset and catalog export format answers to Accept: application/json (the client always sends it)', async () => {
    for (const format of spec.components.schemas['enum-format-datasets-v2.1'].enum as string[]) {
      const r = await fetch(api(`catalog/datasets/les-arbres/exports/${format}?limit=5`), { headers: { accept: 'application/json' } });
      expect(r.status, format).toBe(200);
      expect((await r.arrayBuffer()).byteLength, format).toBeGreaterThan(0);
      expect(r.headers.get('content-disposition'), format).toMatch(/attachment; filename="les-arbres\./);
    }
    for (const format of ['csv', 'json', 'xlsx']) {
      const r = await fetch(api(`catalog/exports/${format}`), { headers: { accept: 'application/json' } });
      expect(r.status, format).toBe(200);
      const body = Buffer.from(await r.arrayBuffer());
      if (format === 'json') expect(JSON.parse(body.toString('utf8')).map((d: Json) => d.dataset_id).sort()).toEqual(['comptages', 'les-arbres', 'plaques']);
      if (format === 'json') expect((await client.get<Json[]>(fromCatalog().export('json'))).length).toBe(3);
      if (format === 'csv') expect(body.toString('utf8')).toContain('les-arbres');
      if (format === 'xlsx') expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
    }
  });

  it('catalog search ranks and filters datasets, through the client', async () => {
    const got = await client.get<Json>(fromCatalog().datasets().where('"arbres"'));
    expect(got.results.map((d: Json) => d.dataset_id)).toEqual(['les-arbres']);
    const geo = await client.get<Json>(fromCatalog().datasets().refine('features:geo'));
    expect(geo.total_count).toBe(3);
  });
});

describe.skipIf(!have)('errors in the spec shape', () => {
  async function userError(q: string | InstanceType<typeof odsClient.Query>): Promise<{ status: number; details: Json }> {
    try {
      await client.get(q);
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      const err = e as InstanceType<typeof UserError>;
      return { status: err.response.status, details: err.details };
    }
    throw new Error('expected an error');
  }

  it('malformed ODSQL: 400 ODSQLError naming the clause and the position', async () => {
    for (const [clause, text] of [['where', 'bike_count >'], ['select', 'invalid_function()'], ['group_by', 'counter_name,'], ['order_by', 'counter_name sideways']] as const) {
      const q = fromCatalog().dataset('comptages').records().set(clause, text);
      const { status, details } = await userError(q);
      expect(status, clause).toBe(400);
      expectValid('bad_request', details);
      expect(details.error_code).toBe('ODSQLError');
      expect(details.message).toContain(`Clause(s) containing the error(s): ${clause}.`);
      expect(details.message).toMatch(/position \d+/);
    }
  });

  it('unknown fields are named', async () => {
    const { status, details } = await userError(fromCatalog().dataset('comptages').records().where('no_such_field = 3'));
    expect(status).toBe(400);
    expect(details.message).toContain('no_such_field');
    const facet = await userError(fromCatalog().dataset('comptages').facets().facet('no_such_field'));
    expect(facet.status).toBe(400);
  });

  it('limits: 100 per page and offset + limit ≤ 10,000 without group_by; 20,000 with it; exports unlimited', async () => {
    expect((await userError(fromCatalog().dataset('comptages').records().limit(101))).status).toBe(400);
    expect((await userError(fromCatalog().dataset('comptages').records().offset(9995).limit(10))).status).toBe(400);
    expect((await client.get<Json>(fromCatalog().dataset('comptages').records().offset(9990).limit(10))).results).toHaveLength(10);
    const grouped = await client.get<Json>(fromCatalog().dataset('comptages').records().select('count(*) as n').groupBy('date').limit(1000));
    const [hours] = await truth.query(`SELECT count(DISTINCT date)::INT AS n FROM ${COUNTERS_SQL}`);
    expect(hours.n).toBeGreaterThan(100);
    expect(grouped.results).toHaveLength(Number(hours.n));
    expect((await userError(fromCatalog().dataset('comptages').records().groupBy('date').limit(20001))).status).toBe(400);
    const all = await fetch(api('catalog/datasets/comptages/exports/csv?select=bike_count'));
    expect((await all.text()).trimEnd().split('\n')).toHaveLength(38636 + 1);
  });

  it('unknown datasets and records: 404 NotFoundError in the spec body', async () => {
    for (const q of [fromCatalog().dataset('nope').records(), fromCatalog().dataset('nope').itself(), fromCatalog().dataset('nope').facets(), 'catalog/datasets/nope/exports', fromCatalog().dataset('nope').export('csv'), fromCatalog().dataset('comptages').record('99999999')]) {
      try {
        await client.get(q);
        throw new Error('expected a 404');
      } catch (e) {
        expect(e).toBeInstanceOf(NotFoundError);
        expectValid('bad_request', (e as InstanceType<typeof NotFoundError>).details);
      }
    }
    expect((await fetch(api('catalog/datasets/nope/exports/csv'))).status).toBe(404);
  });

  it('the Ods-Explore-Api-Deprecation header only for a deprecated feature, which the client reports', async () => {
    const plain = await fetch(api('catalog/datasets/les-arbres/records?limit=1'));
    expect(plain.headers.get('ods-explore-api-deprecation')).toBeNull();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const grouped = await client.get<Json>(fromCatalog().dataset('les-arbres').records().select('count(*) as n').groupBy('geo_point_2d').limit(5));
      expect(grouped.results).toHaveLength(5);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^@opendatasoft\/api-client : GROUP_BY_GEO_FIELD: /));
    } finally {
      warn.mockRestore();
    }
  });

  it('past the anonymous rate limit: 429 in the spec body, which the client raises as a UserError', async () => {
    const saved = process.env.AGORA_RATE_LIMIT_ANONYMOUS;
    process.env.AGORA_RATE_LIMIT_ANONYMOUS = '2/minute';
    const limited = await buildApp(ctx, { web: false });
    try {
      await limited.listen({ port: 0, host: '127.0.0.1' });
      const c = new ApiClient({ domain: `http://127.0.0.1:${(limited.server.address() as { port: number }).port}` });
      const q = fromCatalog().dataset('les-arbres').records().limit(1);
      await c.get(q);
      await c.get(q);
      const err = await c.get(q).then(() => null, (e: unknown) => e as InstanceType<typeof UserError>);
      expect(err).toBeInstanceOf(UserError);
      expect(err!.response.status).toBe(429);
      expectValid('quota', err!.details);
      expect(err!.details).toMatchObject({ errorcode: 10002, limit_time_unit: 'minute', call_limit: 2 });
    } finally {
      await limited.close();
      if (saved === undefined) delete process.env.AGORA_RATE_LIMIT_ANONYMOUS; else process.env.AGORA_RATE_LIMIT_ANONYMOUS = saved;
    }
    // The error handler's own defaults, for a limiter that gives no details, still fit the schema.
    const mini = Fastify();
    mini.setErrorHandler(handleError);
    mini.get('/limited', async () => { throw new AgoraError('QUOTA_EXCEEDED', 'Too many requests on the domain. Please contact the domain administrator.'); });
    const r = await mini.inject({ method: 'GET', url: '/limited' });
    expect(r.statusCode).toBe(429);
    expectValid('quota', r.json());
    await mini.close();
  });

  it('injection attempts through every parameter never reach SQL and change nothing', async () => {
    const mark = 'x7q_inj';
    const payloads = [
      `'; DROP TABLE ${mark}; --`, `") OR 1=1; DROP TABLE ${mark} --`, `\` OR 1=1 -- ${mark}`, `${mark}' UNION SELECT * FROM duckdb_tables() --`,
      `1); COPY (SELECT 1) TO '/tmp/${mark}' --`,
    ];
    const before = await client.get<Json>(fromCatalog().dataset('comptages').records().limit(0));
    const params = ['select', 'where', 'group_by', 'order_by', 'refine', 'exclude', 'facet', 'lang', 'timezone', 'limit', 'offset', 'include_links', 'delimiter', 'list_separator', 'name_field'];
    sqlLog.length = 0;
    const statuses = new Set<number>();
    for (const p of payloads) {
      for (const name of params) {
        for (const path of ['catalog/datasets/comptages/records', 'catalog/datasets/comptages/facets', 'catalog/datasets/comptages/exports/csv', 'catalog/datasets', 'catalog/facets']) {
          const r = await fetch(api(`${path}?${name}=${enc(p)}`));
          statuses.add(r.status);
          expect(r.status, `${path} ${name}=${p}`).toBeLessThan(500);
          await r.arrayBuffer();
        }
      }
      for (const path of [`catalog/datasets/${enc(p)}/records`, `catalog/datasets/comptages/records/${enc(p)}`, `catalog/datasets/comptages/exports/${enc(p)}`, `catalog/exports/${enc(p)}`]) {
        const r = await fetch(api(path));
        expect(r.status, path).toBeGreaterThanOrEqual(400);
        expect(r.status, path).toBeLessThan(500);
        expectValid('bad_request', await r.json());
      }
    }
    expect(statuses.has(400)).toBe(true);
    expect(sqlLog.filter((s) => s.includes(mark))).toEqual([]);
    expect(existsSync(`/tmp/${mark}`)).toBe(false);
    const after = await client.get<Json>(fromCatalog().dataset('comptages').records().limit(0));
    expect(after.total_count).toBe(before.total_count);
    expect((await client.get<Json>(fromCatalog().datasets())).total_count).toBe(3);
  });
});
