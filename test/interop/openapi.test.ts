// OpenAPI 3.1 documents validated by @apidevtools/swagger-parser; each dataset's record examples
// validated by ajv against the document's own Record schema; enums compared with DuckDB's distinct
// values of the same CSV file; the HTML reference checked for every operation and for escaping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { interopApp, BASE } from './harness.ts';
import { stationsPortal, type Fixture } from './portal-fixture.ts';
import { duckdbAnswer } from '../support/duckdb-oracle.ts';

let fx: Fixture;
let app: FastifyInstance;
beforeAll(async () => { fx = await stationsPortal(); app = await interopApp(fx.ctx); });
afterAll(async () => { await app?.close(); await fx?.close(); });

const API = '/api/explore/v2.1';

describe('OpenAPI documents', () => {
  it('whole API: valid OpenAPI 3.1 covering Explore, feeds and CKAN', async () => {
    const r = await app.inject(`${API}/openapi.json`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/openapi\+json/);
    const doc = r.json();
    expect(doc.openapi).toBe('3.1.0');
    await SwaggerParser.validate(structuredClone(doc));
    for (const p of ['/catalog/datasets/{dataset_id}/records', '/catalog/exports/{format}', '/api/3/action/datastore_search', '/data.json']) expect(doc.paths).toHaveProperty([p]);
    expect(doc.paths['/catalog/exports/{format}'].get.parameters[0].schema.enum).toEqual(expect.arrayContaining(['csv', 'dcat', 'dcat_ap_ch', 'data.json', 'rss']));
  });

  it('per dataset: valid, typed from the fields, enums from facet values, real records as examples', async () => {
    const r = await app.inject(`${API}/catalog/datasets/stations/openapi.json`);
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    await SwaggerParser.validate(structuredClone(doc));
    expect(doc.servers[0].url).toBe(`${BASE}${API}/catalog/datasets/stations`);
    const rec = doc.components.schemas.Record;
    expect(rec.properties.bikes.type).toEqual(['integer', 'null']);
    expect(rec.properties.rating.type).toEqual(['number', 'null']);
    expect(rec.properties.opened).toMatchObject({ type: ['string', 'null'], format: 'date' });
    expect(rec.properties.electric.type).toEqual(['boolean', 'null']);
    const truth = await duckdbAnswer(`SELECT DISTINCT city FROM read_csv(?, delim=';', header=true) ORDER BY city`, [fx.stationsFile]);
    expect([...rec.properties.city.enum].filter((v: unknown) => v !== null).sort()).toEqual(truth.map((t) => t.city).sort());
    expect(rec.properties.station.enum).toBeUndefined();
    expect(rec.examples).toHaveLength(2);
    const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: false });
    (addFormats as unknown as (a: unknown) => void)(ajv);
    const validate = ajv.compile({ ...rec, $defs: undefined, components: doc.components } as object);
    for (const ex of rec.examples) expect(validate(ex), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...rec.examples[0], bikes: 'many' })).toBe(false);
    const firstStation = await duckdbAnswer(`SELECT station FROM read_csv(?, delim=';', header=true) LIMIT 1`, [fx.stationsFile]);
    expect(rec.examples[0].station).toBe(firstStation[0]!.station);
  });

  it('per dataset: the real /records, /records/{id} and /facets answers match the documented response schemas', async () => {
    const doc = (await app.inject(`${API}/catalog/datasets/stations/openapi.json`)).json();
    const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: false });
    (addFormats as unknown as (a: unknown) => void)(ajv);
    ajv.addSchema({ $id: 'doc', components: doc.components } as object);
    const check = (schema: object, body: unknown, what: string) => {
      const v = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));
      expect(v(body), `${what}: ${JSON.stringify(v.errors)}`).toBe(true);
    };
    const base = doc.servers[0].url.slice(BASE.length);
    const all = (await app.inject(`${base}/records?limit=100`)).json();
    expect(all.total_count).toBe(6);
    check(doc.paths['/records'].get.responses['200'].content['application/json'].schema, all, '/records');
    const linked = (await app.inject(`${base}/records?limit=1&include_links=true`)).json().results[0];
    const one = (await app.inject(String(linked._links[0].href).slice(BASE.length))).json();
    check(doc.paths['/records/{record_id}'].get.responses['200'].content['application/json'].schema, one, '/records/{id}');
    check(doc.paths['/facets'].get.responses['200'].content['application/json'].schema, (await app.inject(`${base}/facets`)).json(), '/facets');
    // Control: a record with a wrong type breaks the documented schema.
    const v = ajv.compile({ $ref: 'doc#/components/schemas/Record' });
    expect(v({ ...all.results[0], opened: 42 })).toBe(false);
  });

  it('every path of the whole-API document is served by the real server with a documented status', async () => {
    const doc = (await app.inject(`${API}/openapi.json`)).json();
    const first = (await app.inject(`${API}/catalog/datasets/stations/records?limit=1&include_links=true`)).json().results[0];
    const rid = String(first._links.find((l: { rel: string }) => l.rel === 'self').href).split('/').pop()!;
    const pathValues: Record<string, string> = { dataset_id: 'stations', record_id: rid, format: 'csv' };
    const ids: Record<string, string> = { '/api/3/action/organization_show': 'ville-de-test', '/api/3/action/group_show': 'transport', '/api/3/action/resource_show': 'stations.csv' };
    const queryValues: Record<string, string> = { id: 'stations', resource_id: 'stations', name: 'package_show', sql: 'SELECT 1' };
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      if (item.post) {
        // A CKAN write asked anonymously with an empty body: refused with a documented CKAN error, never a 500.
        const r = await app.inject({ method: 'POST', url: path, payload: {} });
        expect(Object.keys(item.post.responses), `${path} answered ${r.statusCode}`).toContain(String(r.statusCode));
        expect(r.json().success, path).toBe(false);
        continue;
      }
      const op = item.get;
      const server: string = (item.servers ?? op.servers ?? doc.servers)[0].url;
      const params = (op.parameters ?? []).map((x: { $ref?: string }) => (x.$ref ? doc.components.parameters[x.$ref.split('/').pop()!] : x));
      const qs = new URLSearchParams(params.filter((x: { in: string; required?: boolean }) => x.in === 'query' && x.required).map((x: { name: string }) => [x.name, (x.name === 'id' && ids[path]) || queryValues[x.name] || 'x']));
      const url = `${server}${path.replace(/\{(\w+)\}/g, (_m, k: string) => pathValues[k] ?? k)}${qs.size ? `?${qs}` : ''}`;
      expect(url.startsWith(BASE), url).toBe(true);
      const r = await app.inject(url.slice(BASE.length));
      const documented = Object.keys(op.responses);
      expect(documented.includes(String(r.statusCode)) || documented.includes('default'), `${url} answered ${r.statusCode}, documented ${documented}`).toBe(true);
      expect(r.statusCode, url).toBeLessThan(500);
      expect(r.statusCode === 404 && /No route/.test(r.body), url).toBe(false);
      if (!path.startsWith('/api/3/action/datastore_search_sql')) expect(r.statusCode, url).toBe(200);
    }
  });

  it('404s a restricted or unknown dataset', async () => {
    expect((await app.inject(`${API}/catalog/datasets/secret/openapi.json`)).statusCode).toBe(404);
    expect((await app.inject(`${API}/catalog/datasets/nope/openapi.json`)).statusCode).toBe(404);
  });
});

describe('API reference pages', () => {
  it('renders every operation of the whole API, server-side, without scripts', async () => {
    const doc = (await app.inject(`${API}/openapi.json`)).json();
    for (const url of ['/docs/api', `${API}/console`]) {
      const r = await app.inject(url);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.body).not.toMatch(/<script/i);
      const ids = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((item) => ['get', 'post'].filter((m) => item[m]).map((m) => item[m]!.operationId));
      for (const id of ids) expect(r.body, id).toContain(`id="op-${id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}"`);
    }
  });

  it('links the whole-API page to each visible dataset\'s reference, and those links answer', async () => {
    const body = (await app.inject('/docs/api')).body;
    const links = [...body.matchAll(/href="(\/docs\/api\/datasets\/[^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(['/docs/api/datasets/stations']);
    for (const l of links) expect((await app.inject(l!)).statusCode).toBe(200);
    expect((await app.inject('/docs/api/datasets/secret')).statusCode).toBe(404);
    const page = (await app.inject('/docs/api/datasets/stations')).body;
    expect(page).toContain('href="/docs/api"');
    expect(page).toContain('href="/datasets/stations"');
  });

  it('renders a dataset page with its record fields, escaping metadata text', async () => {
    const ds = fx.ctx.catalog.get('stations');
    await fx.ctx.catalog.updateMetas('stations', { ...ds.metas, default: { ...ds.metas.default, title: 'Stations <script>alert(1)</script>' } });
    const r = await app.inject('/docs/api/datasets/stations');
    expect(r.statusCode).toBe(200);
    expect(r.body).not.toContain('<script>alert(1)</script>');
    expect(r.body).toContain('Stations &lt;script&gt;');
    expect(r.body).toContain('<code>bikes</code>');
  });
});
