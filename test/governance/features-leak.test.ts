// The catalog `features` of a dataset (geo, timeserie, analyze) as each caller may know them: derived
// from the fields and rows their rules let them see, in the dataset body, catalog where/refine,
// catalog facets, catalog exports and the feeds' selection. Expectations are written from the fixture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { csvPortal } from './support.ts';
import { ensureGovernance, parseSecurity } from '../../src/governance/index.ts';

const API = '/api/explore/v2.1';
/** lat/lon become the one geo field (geo_point_2d); visited is the one date field. */
const PLACES_CSV = ['id,name,visited,lat,lon', '1,Mairie,2024-01-05,48.85,2.35', '2,Gare,2024-02-11,48.88,2.37', '3,Parc,2024-03-20,48.83,2.30'].join('\n');
const NAMES_CSV = ['id,name', '1,Ana', '2,Bob'].join('\n');
const PLACES_FIELDS = ['id', 'name', 'visited', 'lat', 'lon', 'geo_point_2d'];

type Caller = 'anonymous' | 'plain' | 'ana' | 'dark' | 'admin';
type Id = 'places' | 'routes' | 'names';
const IDS: Id[] = ['places', 'routes', 'names'];
const FULL: Record<Id, string[]> = { places: ['analyze', 'geo', 'timeserie'], routes: ['analyze', 'geo', 'timeserie'], names: ['analyze'] };
/** Each caller's features per dataset, from the rules below: ana cannot see places' only geo field,
 *  dark cannot see places' rows (so nothing to analyze); everything else is as imported. */
const EXPECT: Record<Caller, Record<Id, string[]>> = {
  anonymous: FULL,
  plain: FULL,
  ana: { ...FULL, places: ['analyze', 'timeserie'] },
  dark: { ...FULL, places: ['geo', 'timeserie'] },
  admin: FULL,
};
const CALLERS = Object.keys(EXPECT) as Caller[];
const withFeature = (c: Caller, f: string) => IDS.filter((id) => EXPECT[c][id].includes(f)).sort();

let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
const keys: Partial<Record<Caller, string>> = {};

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  ({ ctx, dir } = await csvPortal('features', [['places', PLACES_CSV], ['routes', PLACES_CSV], ['names', NAMES_CSV]].map(([id, csv]) => ({ id, title: `Title ${id}`, csv }))));
  const gov = await ensureGovernance(ctx);
  for (const u of ['plain', 'ana', 'dark']) await gov.addUser({ username: u, password: `password-${u}` });
  await gov.addUser({ username: 'admin', password: 'password-r', isAdmin: true });
  const places = ctx.catalog.get('places');
  const put = (username: string, security: unknown) =>
    gov.putRuleset({ datasetUid: places.dataset_uid, target: { kind: 'user', username }, permissions: [], security: parseSecurity(security, places) });
  await put('ana', { visible_fields: PLACES_FIELDS.filter((f) => f !== 'geo_point_2d') });
  await put('dark', { is_data_visible: false });
  for (const c of ['plain', 'ana', 'dark', 'admin'] as const) keys[c] = (await gov.createApiKey(c)).key;
  app = await buildApp(ctx);
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

function get(c: Caller, url: string) {
  const key = keys[c as Exclude<Caller, 'anonymous'>];
  return app.inject({ method: 'GET', url, headers: key ? { authorization: `Apikey ${key}` } : {} });
}
async function json(c: Caller, url: string) {
  const res = await get(c, url);
  expect(res.statusCode, `${c} ${url}: ${res.body}`).toBe(200);
  return res.json();
}
const enc = encodeURIComponent;
const sorted = (xs: string[]) => [...xs].sort();

describe('the fixture', () => {
  it('places has exactly one geo field and one date field, as the expectations assume', async () => {
    const body = await json('admin', `${API}/catalog/datasets/places`);
    const types = Object.fromEntries(body.fields.map((f: { name: string; type: string }) => [f.name, f.type]));
    expect(Object.keys(types).sort()).toEqual([...PLACES_FIELDS].sort());
    expect(Object.entries(types).filter(([, t]) => t === 'geo_point_2d' || t === 'geo_shape').map(([n]) => n)).toEqual(['geo_point_2d']);
    expect(Object.entries(types).filter(([, t]) => t === 'date' || t === 'datetime').map(([n]) => n)).toEqual(['visited']);
    const ana = await json('ana', `${API}/catalog/datasets/places`);
    expect(ana.fields.map((f: { name: string }) => f.name)).not.toContain('geo_point_2d');
  });
});

describe.each(CALLERS)('features as %s knows them', (c) => {
  it('catalog/datasets and catalog/datasets/{id}', async () => {
    const list = await json(c, `${API}/catalog/datasets?limit=100`);
    const got = Object.fromEntries(list.results.map((d: { dataset_id: string; features: string[] }) => [d.dataset_id, sorted(d.features)]));
    expect(got).toEqual(Object.fromEntries(IDS.map((id) => [id, sorted(EXPECT[c][id])])));
    for (const id of IDS) expect(sorted((await json(c, `${API}/catalog/datasets/${id}`)).features), id).toEqual(sorted(EXPECT[c][id]));
    const picked = await json(c, `${API}/catalog/datasets?limit=100&select=dataset_id,features`);
    for (const d of picked.results) expect(sorted(d.features), d.dataset_id).toEqual(sorted(EXPECT[c][d.dataset_id as Id]));
  });

  it('catalog/facets?facet=features counts', async () => {
    const body = await json(c, `${API}/catalog/facets?facet=features`);
    const facet = body.facets.find((f: { name: string }) => f.name === 'features');
    const got = Object.fromEntries(facet.facets.map((v: { name: string; count: number }) => [v.name, v.count]));
    const want: Record<string, number> = {};
    for (const id of IDS) for (const f of EXPECT[c][id]) want[f] = (want[f] ?? 0) + 1;
    expect(got).toEqual(want);
  });

  it.each(['geo', 'timeserie', 'analyze'])('where and refine on features = %s', async (f) => {
    const want = withFeature(c, f);
    const byWhere = await json(c, `${API}/catalog/datasets?limit=100&where=${enc(`features = "${f}"`)}`);
    expect(byWhere.total_count).toBe(want.length);
    expect(byWhere.results.map((d: { dataset_id: string }) => d.dataset_id).sort()).toEqual(want);
    const byRefine = await json(c, `${API}/catalog/datasets?limit=100&refine=${enc(`features:${f}`)}`);
    expect(byRefine.total_count).toBe(want.length);
    const refinedFacets = await json(c, `${API}/catalog/facets?facet=keyword&facet=features&refine=${enc(`features:${f}`)}`);
    const counts = refinedFacets.facets.find((x: { name: string }) => x.name === 'features').facets;
    expect(counts.find((v: { name: string }) => v.name === f)?.count ?? 0).toBe(want.length);
  });

  it('catalog exports and the data.json feed select by the same features', async () => {
    const rows = await json(c, `${API}/catalog/exports/json?select=dataset_id,features`);
    expect(Object.fromEntries(rows.map((r: { dataset_id: string; features: string[] }) => [r.dataset_id, sorted(r.features)])))
      .toEqual(Object.fromEntries(IDS.map((id) => [id, sorted(EXPECT[c][id])])));
    const geo = await json(c, `${API}/catalog/exports/json?select=dataset_id&where=${enc('features = "geo"')}`);
    expect(geo.map((r: { dataset_id: string }) => r.dataset_id).sort()).toEqual(withFeature(c, 'geo'));
    const feed = await json(c, `${API}/catalog/exports/data.json?refine=${enc('features:geo')}`);
    expect(feed.dataset).toHaveLength(withFeature(c, 'geo').length);
    expect(feed.dataset.map((d: { title: string }) => d.title).sort()).toEqual(withFeature(c, 'geo').map((id) => `Title ${id}`));
  });

  it('the hidden mask column is not a field of the catalog', async () => {
    const res = await get(c, `${API}/catalog/datasets?where=${enc('features_mask = ""')}`);
    expect(res.statusCode).toBe(400);
  });
});
