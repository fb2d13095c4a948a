// The read-only CKAN Action API through HTTP, GET and POST, on a real in-memory portal. Envelope
// and error statuses follow CKAN's ckan/views/api.py; record values and counts are checked against
// DuckDB reading the same CSV file directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { interopApp, BASE } from './harness.ts';
import { stationsPortal, type Fixture } from './portal-fixture.ts';
import { duckdbAnswer } from '../support/duckdb-oracle.ts';

let fx: Fixture;
let app: FastifyInstance;
beforeAll(async () => { fx = await stationsPortal(); app = await interopApp(fx.ctx); });
afterAll(async () => { await app?.close(); await fx?.close(); });

const call = async (action: string, params: Record<string, unknown> = {}, method: 'GET' | 'POST' = 'GET') => {
  if (method === 'POST') return app.inject({ method, url: `/api/3/action/${action}`, payload: params });
  const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  return app.inject({ method, url: `/api/3/action/${action}?${qs}` });
};
const ok = async (action: string, params: Record<string, unknown> = {}, method: 'GET' | 'POST' = 'GET') => {
  const r = await call(action, params, method);
  expect(r.statusCode, r.body).toBe(200);
  const body = r.json();
  expect(body.success).toBe(true);
  expect(body.help).toBe(`${BASE}/api/3/action/help_show?name=${action}`);
  return body.result;
};

describe('catalog actions', () => {
  it('status_show, package_list (restricted datasets hidden), also under /api/action', async () => {
    expect((await ok('status_show')).ckan_version).toMatch(/^2\.\d+/);
    expect(await ok('package_list')).toEqual(['stations']);
    const r = await app.inject('/api/action/package_list');
    expect(r.json().result).toEqual(['stations']);
  });

  it('help_show answers the help link of every response with the action\'s documentation', async () => {
    const body = (await call('datastore_search', { resource_id: 'stations', limit: 1 })).json();
    const help = await app.inject(body.help.slice(BASE.length));
    expect(help.statusCode).toBe(200);
    expect(help.json().result).toContain(':param resource_id:');
    const unknown = await call('help_show', { name: 'member_create' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.__type).toBe('Not Found Error');
  });

  it('package_show gives the package with organization, groups, tags and resources', async () => {
    const p = await ok('package_show', { id: 'stations' });
    expect(p.name).toBe('stations');
    expect(p.title).toBe('Bike stations');
    expect(p.notes).toBe('Bike sharing stations.');
    expect(p.organization.name).toBe('ville-de-test');
    expect(p.groups.map((g: { name: string }) => g.name)).toEqual(['transport']);
    expect(p.tags.map((t: { name: string }) => t.name)).toEqual(['bikes', 'mobility']);
    expect(p.license_id).toBe('cc-by');
    expect(p.maintainer_email).toBe('data@test.example');
    const ds = p.resources.filter((r: { datastore_active: boolean }) => r.datastore_active);
    expect(ds).toHaveLength(1);
    expect(ds[0].id).toBe('stations');
    const csv = p.resources.find((r: { format: string }) => r.format === 'CSV');
    expect(csv.url).toBe(`${BASE}/api/explore/v2.1/catalog/datasets/stations/exports/csv`);
    expect(p.num_resources).toBe(p.resources.length);
    // One resource per export the server offers for the dataset (its own export listing), each
    // downloadable, plus the datastore resource.
    const listing = (await app.inject('/api/explore/v2.1/catalog/datasets/stations/exports')).json() as { links: Array<{ rel: string; href: string }> };
    const offered = listing.links.filter((l) => l.rel !== 'self');
    const files = p.resources.filter((r: { datastore_active: boolean }) => !r.datastore_active);
    expect(files.map((r: { url: string }) => r.url.split('?')[0]).sort()).toEqual(offered.map((l) => l.href).sort());
    for (const r of files) expect((await app.inject(r.url.slice(BASE.length))).statusCode, r.url).toBe(200);
    expect(await ok('package_show', { id: p.id })).toEqual(p);
  });

  it('answers CKAN errors: 404 Not Found Error, 409 Validation Error, 400 for unknown actions', async () => {
    const nf = await call('package_show', { id: 'secret' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json()).toMatchObject({ success: false, error: { __type: 'Not Found Error' } });
    const missing = await call('package_show');
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error).toMatchObject({ __type: 'Validation Error', id: ['Missing value'] });
    const unknown = await call('member_create', { id: 'x' }, 'POST');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toBe('Bad request - Action name not known: member_create');
    const sql = await call('datastore_search_sql', { sql: 'SELECT 1' });
    expect(sql.statusCode).toBe(403);
    expect(sql.json().error.__type).toBe('Authorization Error');
  });

  it('package_search: q, fq, rows, start, sort and facets; rows above 1000 capped at 1000 as CKAN does', async () => {
    const all = await ok('package_search', { q: 'bike', 'facet.field': ['organization', 'tags', 'res_format'] });
    expect(all.count).toBe(1);
    expect(all.results[0].name).toBe('stations');
    expect(all.facets.organization).toEqual({ 'ville-de-test': 1 });
    expect(all.search_facets.tags.items).toContainEqual({ name: 'mobility', display_name: 'mobility', count: 1 });
    expect((await ok('package_search', { fq: 'tags:mobility' })).count).toBe(1);
    expect((await ok('package_search', { fq: '-tags:mobility' })).count).toBe(0);
    expect((await ok('package_search', { fq: 'organization:nobody' })).count).toBe(0);
    expect((await ok('package_search', { q: 'submarine' })).count).toBe(0);
    expect((await ok('package_search', { q: 'secret' })).count).toBe(0);
    expect((await ok('package_search', { rows: 0 })).results).toEqual([]);
    expect((await ok('package_search', { start: 1 })).results).toEqual([]);
    expect((await ok('package_search', { sort: 'name asc' }, 'POST')).count).toBe(1);
    // An HTML-form POST, as CKAN also accepts; repeated fq_list values all apply.
    const form = await app.inject({ method: 'POST', url: '/api/3/action/package_search', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'q=bike&fq_list=tags:bikes&fq_list=tags:mobility&rows=5' });
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json().result.count).toBe(1);
    const formNone = await app.inject({ method: 'POST', url: '/api/3/action/package_search', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'fq_list=tags:bikes&fq_list=tags:nothing' });
    expect(formNone.json().result.count).toBe(0);
    // CKAN's schema caps rows with limit_to_configured_maximum('ckan.search.rows_max', 1000): no error.
    const many = await ok('package_search', { rows: 5000 });
    expect(many.count).toBe(1);
    expect(many.results).toHaveLength(1);
    expect((await call('package_search', { rows: -1 })).statusCode).toBe(409);
    // Fielded q and fq as ckanapi scripts send them: type:dataset, name with Solr wildcards.
    expect((await ok('package_search', { q: 'type:dataset' })).count).toBe(1);
    expect((await ok('package_search', { q: 'type:harvest' })).count).toBe(0);
    expect((await ok('package_search', { fq: 'name:stat*' })).count).toBe(1);
    expect((await ok('package_search', { fq: 'name:st?tions' })).count).toBe(1);
    expect((await ok('package_search', { fq: 'name:comptage*' })).count).toBe(0);
    expect((await ok('package_search', { fq: '+type:dataset +organization:ville-de-test' })).count).toBe(1);
    expect((await call('package_search', { sort: 'color asc' })).statusCode).toBe(400);
    // Solr forms CKAN harvesters send: *:*, OR groups of values, date ranges on metadata_modified.
    expect((await ok('package_search', { q: '*:*' })).count).toBe(1);
    expect((await ok('package_search', { fq: 'tags:(nothing OR mobility)' })).count).toBe(1);
    expect((await ok('package_search', { fq: 'tags:("no such" OR nothing)' })).count).toBe(0);
    expect((await ok('package_search', { fq: '-tags:(bikes OR nothing)' })).count).toBe(0);
    expect((await ok('package_search', { fq: 'metadata_modified:[2000-01-01T00:00:00Z TO *]' })).count).toBe(1);
    expect((await ok('package_search', { fq: 'metadata_modified:[* TO 2000-01-01]' })).count).toBe(0);
    expect((await ok('package_search', { fq: 'metadata_created:{NOW TO *]' })).count).toBe(0);
    const bad = await call('package_search', { fq: 'tags:[a TO b]' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.__type).toBe('Search Query Error');
    expect((await call('package_search', { fq: 'metadata_modified:[yesterday TO *]' })).statusCode).toBe(400);
  });

  it('organization, group and tag lists and shows', async () => {
    expect(await ok('organization_list')).toEqual(['ville-de-test']);
    const orgs = await ok('organization_list', { all_fields: true });
    expect(orgs[0]).toMatchObject({ name: 'ville-de-test', title: 'Ville de Test', package_count: 1, is_organization: true, state: 'active', type: 'organization', num_followers: 0 });
    // CKAN's group dictionaries carry a creation time (ISO, no zone), here the oldest dataset's.
    expect(orgs[0].created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    expect(Date.parse(`${orgs[0].created}Z`)).toBe(Date.parse(fx.ctx.catalog.get('stations').created));
    const org = await ok('organization_show', { id: 'ville-de-test', include_datasets: true });
    expect(org.packages.map((p: { name: string }) => p.name)).toEqual(['stations']);
    expect(await ok('group_list')).toEqual(['transport']);
    expect((await ok('group_show', { id: 'transport' })).package_count).toBe(1);
    expect(await ok('tag_list')).toEqual(['bikes', 'mobility']);
    expect(await ok('tag_list', { query: 'mob' })).toEqual(['mobility']);
    expect((await ok('resource_show', { id: 'stations.csv' })).format).toBe('CSV');
    expect((await call('resource_show', { id: 'secret' })).statusCode).toBe(404);
  });
});

describe('datastore', () => {
  it('datastore_search returns every record with _id, fields and total, as DuckDB reads the file', async () => {
    const truth = await duckdbAnswer(`SELECT station, city, bikes FROM read_csv(?, delim=';', header=true) ORDER BY station`, [fx.stationsFile]);
    const r = await ok('datastore_search', { resource_id: 'stations', sort: 'station asc' });
    expect(r.total).toBe(truth.length);
    expect(r.records.map((x: Record<string, unknown>) => [x.station, x.city, x.bikes])).toEqual(truth.map((t) => [t.station, t.city, t.bikes === null ? null : Number(t.bikes)]));
    expect(r.fields[0]).toEqual({ id: '_id', type: 'int' });
    expect(r.fields.find((f: { id: string }) => f.id === 'bikes').type).toBe('int');
    expect(new Set(r.records.map((x: { _id: number }) => x._id)).size).toBe(truth.length);
  });

  it('filters (scalar and list), q, fields, limit/offset, include_total and lists format', async () => {
    const truth = await duckdbAnswer(`SELECT count(*)::INT AS n FROM read_csv(?, delim=';', header=true) WHERE city IN ('Paris', 'Lyon') AND bikes > 0`, [fx.stationsFile]);
    const r = await ok('datastore_search', { resource_id: 'stations', filters: { city: ['Paris', 'Lyon'] }, fields: 'station,bikes', limit: 2, offset: 1, sort: 'bikes desc' }, 'POST');
    expect(r.total).toBe(truth[0]!.n);
    expect(r.records).toHaveLength(2);
    // CKAN (ckanext/datastore test_search_fields): with `fields`, exactly those fields, no _id.
    expect(Object.keys(r.records[0]).sort()).toEqual(['bikes', 'station']);
    expect(r.fields.map((f: { id: string }) => f.id)).toEqual(['station', 'bikes']);
    const withId = await ok('datastore_search', { resource_id: 'stations', fields: ['_id', 'station'], limit: 1 });
    expect(Object.keys(withId.records[0])).toEqual(['_id', 'station']);
    expect(withId.fields.map((f: { id: string }) => f.id)).toEqual(['_id', 'station']);
    const idOnly = await ok('datastore_search', { resource_id: 'stations', fields: '_id', limit: 2 });
    expect(idOnly.records.map((x: Record<string, unknown>) => Object.keys(x))).toEqual([['_id'], ['_id']]);
    expect(r.records.map((x: { bikes: number }) => x.bikes)).toEqual([12, 7]);
    const one = await ok('datastore_search', { resource_id: 'stations', filters: { city: 'Saint-Denis; Nord' } });
    expect(one.records.map((x: { station: string }) => x.station)).toEqual(['C02']);
    const q = await ok('datastore_search', { resource_id: 'stations', q: 'lyon', include_total: false });
    expect(q.records.map((x: { station: string }) => x.station).sort()).toEqual(['B01', 'B02']);
    expect(q.total).toBeUndefined();
    const lists = await ok('datastore_search', { resource_id: 'stations', fields: ['station'], records_format: 'lists', limit: 1, sort: 'station asc' });
    expect(lists.records).toEqual([['A01']]);
  });

  it('rejects bad input as CKAN validation errors and never reaches SQL with user text', async () => {
    const injection = await ok('datastore_search', { resource_id: 'stations', filters: { city: `Paris" OR 1=1 --` } });
    expect(injection.records).toEqual([]);
    expect((await call('datastore_search', { resource_id: 'stations', filters: { nope: 1 } })).statusCode).toBe(409);
    expect((await call('datastore_search', { resource_id: 'stations', filters: { bikes: 'many' } })).statusCode).toBe(409);
    // Capped at ckan.datastore.search.rows_max (32000), as CKAN's limit_to_configured_maximum does.
    expect((await ok('datastore_search', { resource_id: 'stations', limit: 40000 })).limit).toBe(32000);
    expect((await call('datastore_search', { resource_id: 'stations', limit: -5 })).statusCode).toBe(409);
    expect((await call('datastore_search', { resource_id: 'stations', sort: 'station; DROP TABLE x' })).statusCode).toBe(409);
    expect((await call('datastore_search', { resource_id: 'secret' })).statusCode).toBe(404);
    expect((await call('datastore_search', {})).json().error).toMatchObject({ resource_id: ['Missing value'] });
  });

  it('datastore_info gives fields and the record count', async () => {
    const info = await ok('datastore_info', { id: 'stations' });
    expect(info.meta.count).toBe(6);
    expect(info.fields.map((f: { id: string }) => f.id)).toEqual(fx.ctx.catalog.get('stations').fields.map((f) => f.name));
  });
});
