// The security matrix: eight callers (anonymous, a user without rules, a user with filter_query and
// visible_fields, a group member, an editor, an admin, a read-only key, a bad key) against every route
// that reads or writes data: records, single records, facets, group_by aggregates, exports, the catalog,
// the feeds and CKAN, pages, push, streams and the Automation API. What each caller may see is computed
// here from the fixture rows in plain JS, independently of the query engine. Every route of the server
// is in the route contract (route-contract.ts); the last test checks that each caller asked each route
// the contract places in a section, in that section.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import { importDataset } from '../../src/ingest/index.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance, parseSecurity } from '../../src/governance/index.ts';
import { processorStore } from '../../src/ingest/processors/index.ts';
import { ROUTE_CONTRACT, SECTION, matrixRoutes, routeRecorder } from './route-contract.ts';

const API = '/api/explore/v2.1';
const A = '/api/automation/v1.0';
interface Row { site_id: number; district: string; species: string; height: number; owner: string; lat: number; lon: number }
const DISTRICTS = ['North', 'South', 'East'];
const SPECIES = ['Oak', 'Elm', 'Plane', 'Oak'];
/** 12 trees; every owner is a unique secret token, so any leak of the field is greppable. */
const ROWS: Row[] = Array.from({ length: 12 }, (_, i) => ({
  site_id: i + 1, district: DISTRICTS[i % 3], species: SPECIES[i % 4], height: [3, 12.5, 7, 20, 9.5, 4, 15, 2, 11, 6, 8.5, 30][i],
  owner: `SECRET-OWNER-${String(i + 1).padStart(2, '0')}`, lat: 48 + i / 100, lon: 2 + i / 100,
}));
const ALL_FIELDS = ['site_id', 'district', 'species', 'height', 'owner', 'lat', 'lon', 'geo_point_2d'];

interface View { rows: (r: Row) => boolean; fields: string[] }
/** `readonly`: a key of the editor without scopes — it reads as the editor does and manages nothing.
 *  The bad key (a key never issued) is the eighth caller: refused on every route (SECTION.badKey). */
type Caller = 'anonymous' | 'plain' | 'ana' | 'member' | 'editor' | 'admin' | 'readonly';
const CALLERS: Caller[] = ['anonymous', 'plain', 'ana', 'member', 'editor', 'admin', 'readonly'];
const BAD_KEY = 'not-a-key-this-portal-issued';
type Asker = Caller | 'badkey';
const ASKERS: Asker[] = [...CALLERS, 'badkey'];

const DEFAULT_FIELDS = ['site_id', 'district', 'species', 'height', 'lat', 'lon', 'geo_point_2d'];
/** What each caller may see of each dataset (null: the dataset does not exist for them). */
const EXPECT: Record<'trees' | 'vault', Record<Caller, View | null>> = {
  trees: {
    anonymous: { rows: (r) => r.height < 10, fields: DEFAULT_FIELDS },
    plain: { rows: (r) => r.height < 10, fields: DEFAULT_FIELDS },
    ana: { rows: (r) => r.district === 'North', fields: ['site_id', 'district', 'species', 'geo_point_2d'] },
    member: { rows: (r) => r.species === 'Oak', fields: ALL_FIELDS },
    // Management permissions (domain edit_dataset, publish_dataset) do not widen what the Explore
    // API shows: without a ruleset the editor reads like any user; they edit through Automation.
    editor: { rows: (r) => r.height < 10, fields: DEFAULT_FIELDS },
    admin: { rows: () => true, fields: ALL_FIELDS },
    readonly: { rows: (r) => r.height < 10, fields: DEFAULT_FIELDS },
  },
  vault: {
    anonymous: null,
    plain: null,
    ana: { rows: (r) => r.district === 'South', fields: ['site_id', 'species'] },
    member: { rows: () => false, fields: ALL_FIELDS },
    editor: null,
    admin: { rows: () => true, fields: ALL_FIELDS },
    readonly: null,
  },
};

let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
const keys: Partial<Record<Caller, string>> = {};
const recorder = routeRecorder();
/** "METHOD /route|section|asker" of every answer. */
const asked = new Set<string>();
/** site_id → record id, read by the admin. */
const recordIds = new Map<string, Map<number, string>>();

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  dir = mkdtempSync(join(tmpdir(), 'agora-matrix-'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><html><head><title>x</title><!--agora:head--></head><body></body></html>');
  process.env.AGORA_WEB_DIST = join(dir, 'dist');
  const csv = ['site_id,district,species,height,owner,lat,lon', ...ROWS.map((r) => [r.site_id, r.district, r.species, r.height, r.owner, r.lat, r.lon].join(','))].join('\n');
  writeFileSync(join(dir, 'trees.csv'), csv);
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  for (const id of ['trees', 'vault']) {
    await importDataset(ctx.catalog, { source: join(dir, 'trees.csv'), datasetId: id, title: `Title ${id}`, mode: 'create' });
    const ds = ctx.catalog.get(id);
    await ctx.catalog.updateMetas(id, { ...ds.metas, default: { ...ds.metas.default, keyword: ['trees'] } });
  }
  await ctx.catalog.updateFlags('vault', { is_restricted: true });
  const gov = await ensureGovernance(ctx);
  await gov.addGroup('parks');
  await gov.addUser({ username: 'plain', password: 'password-p' });
  await gov.addUser({ username: 'ana', password: 'password-a' });
  await gov.addUser({ username: 'member', password: 'password-m', groups: ['parks'] });
  await gov.addUser({ username: 'editor', password: 'password-e', permissions: ['edit_dataset', 'publish_dataset'] });
  await gov.addUser({ username: 'admin', password: 'password-r', isAdmin: true });
  const trees = ctx.catalog.get('trees');
  const vault = ctx.catalog.get('vault');
  const put = (ds: typeof trees, target: Parameters<typeof gov.putRuleset>[0]['target'], security: unknown) =>
    gov.putRuleset({ datasetUid: ds.dataset_uid, target, permissions: [], security: parseSecurity(security, ds) });
  await put(trees, { kind: 'default' }, { is_data_visible: true, visible_fields: DEFAULT_FIELDS, filter_query: 'height < 10' });
  await put(trees, { kind: 'user', username: 'ana' }, { visible_fields: ['site_id', 'district', 'species', 'geo_point_2d'], filter_query: 'district = "North"' });
  await put(trees, { kind: 'group', name: 'parks' }, { filter_query: 'species = "Oak"' });
  await put(vault, { kind: 'default' }, { is_data_visible: true });
  await put(vault, { kind: 'user', username: 'ana' }, { visible_fields: ['site_id', 'species'], filter_query: 'district = "South"' });
  await put(vault, { kind: 'group', name: 'parks' }, { is_data_visible: false });
  for (const c of ['plain', 'ana', 'member', 'admin'] as const) keys[c] = (await gov.createApiKey(c)).key;
  keys.editor = (await gov.createApiKey('editor', ['edit_dataset', 'publish_dataset'])).key;
  keys.readonly = (await gov.createApiKey('editor')).key;
  // Every optional route on (OpenID Connect; the issuer is never reached: only the bad key asks there).
  process.env.AGORA_OIDC_ISSUER = 'https://sso.city.example'; process.env.AGORA_OIDC_CLIENT_ID = 'agora';
  app = await buildApp(ctx, { onRoute: recorder.onRoute });
  const askerOf = new Map<string, Asker>([...Object.entries(keys).map(([c, k]) => [`Apikey ${k}`, c as Asker] as const), [`Apikey ${BAD_KEY}`, 'badkey']]);
  // Who asked which route in which section: the caller from the key, the section from the running test.
  // Both ends: a stream aborted by its reader may never finish, a request refused on the way in
  // never reaches a later onRequest hook.
  const record = async (req: FastifyRequest) => {
    const route = req.routeOptions.url;
    const auth = req.headers.authorization;
    const asker = auth === undefined ? (req.headers.cookie ? undefined : 'anonymous') : askerOf.get(auth);
    const section = expect.getState().currentTestName?.split(' > ')[0];
    if (!route || !asker || !section) return;
    asked.add(`${req.method === 'HEAD' ? 'GET' : req.method} ${route}|${section}|${asker}`);
  };
  app.addHook('onRequest', record);
  app.addHook('onResponse', record);
  for (const id of ['trees', 'vault']) {
    const body = (await get('admin', `${API}/catalog/datasets/${id}/records?limit=100&include_app_metas=true`)).json();
    recordIds.set(id, new Map(body.results.map((r: { site_id: number; _id: string }) => [r.site_id, r._id])));
  }
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS; delete process.env.AGORA_WEB_DIST;
  delete process.env.AGORA_OIDC_ISSUER; delete process.env.AGORA_OIDC_CLIENT_ID;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

function authOf(c: Caller): Record<string, string> {
  const key = keys[c as Exclude<Caller, 'anonymous'>];
  return key ? { authorization: `Apikey ${key}` } : {};
}
function get(c: Caller, url: string) {
  return app.inject({ method: 'GET', url, headers: authOf(c) });
}
const enc = encodeURIComponent;
const visibleRows = (v: View) => ROWS.filter(v.rows);
const countBy = (rows: Row[], k: 'district' | 'species') => {
  const m: Record<string, number> = {};
  for (const r of rows) m[r[k]] = (m[r[k]] ?? 0) + 1;
  return m;
};
const hiddenFields = (v: View) => ALL_FIELDS.filter((f) => !v.fields.includes(f) && f !== 'geo_point_2d');
/** The caller must never read a secret they may not see. */
function noSecretLeak(v: View, body: string): void {
  const allowed = v.fields.includes('owner') ? new Set(visibleRows(v).map((r) => r.owner)) : new Set<string>();
  for (const token of body.match(/SECRET-OWNER-\d\d/g) ?? []) expect(allowed.has(token), token).toBe(true);
}

describe(SECTION.dataset, () => {
  for (const dsId of ['trees', 'vault'] as const) {
    for (const c of CALLERS) {
      const v = EXPECT[dsId][c];
      describe(`${c} on ${dsId}`, () => {
        if (v === null) {
          it('gets 404 everywhere, as for an unknown dataset', async () => {
            for (const path of ['', '/records', '/facets', '/exports/csv', '/exports/json', '/exports/geojson', `/records/${recordIds.get(dsId)?.get(1)}`]) {
              const r = await get(c, `${API}/catalog/datasets/${dsId}${path}`);
              expect(r.statusCode, path).toBe(404);
              expect(r.json().error_code, path).toBe('UnknownDatasetError');
            }
            for (const page of [`/datasets/${dsId}`, `/embed/datasets/${dsId}/table`, `/api/agora/v1/page-head?path=/datasets/${dsId}`]) {
              const r = await get(c, page);
              expect(r.statusCode === 404 || r.json?.().status === 404, page).toBe(true);
              expect(r.body, page).not.toContain(`Title ${dsId}`);
            }
            expect((await get(c, `/api/3/action/package_show?id=${dsId}`)).statusCode).toBe(404);
            expect((await get(c, `${API}/catalog/datasets/${dsId}/openapi.json`)).statusCode).toBe(404);
          });
          return;
        }
        const rows = () => visibleRows(v);
        it('records: total_count, rows and fields are exactly what the rules allow', async () => {
          const r = await get(c, `${API}/catalog/datasets/${dsId}/records?limit=100`);
          expect(r.statusCode).toBe(200);
          const body = r.json();
          expect(body.total_count).toBe(rows().length);
          expect(body.results.map((x: Row) => x.site_id).sort((a: number, b: number) => a - b)).toEqual(rows().map((x) => x.site_id));
          for (const rec of body.results) expect(Object.keys(rec).every((k) => v.fields.includes(k)), JSON.stringify(rec)).toBe(true);
          noSecretLeak(v, r.body);
          const w = await get(c, `${API}/catalog/datasets/${dsId}/records?where=${enc('site_id <= 6')}&limit=0`);
          expect(w.json().total_count).toBe(rows().filter((x) => x.site_id <= 6).length);
        });
        it('the caller\'s own ODSQL cannot widen the row filter (OR tricks, parentheses, refine/exclude)', async () => {
          const attempts = [
            'true OR true', 'site_id > 0 OR site_id <= 0', `not (${'site_id'} = -1)`, 'site_id > 0) OR (site_id > 0',
            "district = 'x' OR 1 = 1", 'site_id IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)',
          ];
          for (const where of attempts) {
            const r = await get(c, `${API}/catalog/datasets/${dsId}/records?where=${enc(where)}&limit=100`);
            if (r.statusCode === 400) continue; // a syntax error is fine; nothing leaked
            expect(r.statusCode, where).toBe(200);
            expect(r.json().results.every((x: Row) => rows().some((y) => y.site_id === x.site_id)), where).toBe(true);
            expect(r.json().total_count, where).toBeLessThanOrEqual(rows().length);
          }
          const ex = await get(c, `${API}/catalog/datasets/${dsId}/records?exclude=${enc('site_id:1')}&limit=0`);
          expect(ex.json().total_count).toBe(rows().filter((x) => x.site_id !== 1).length);
        });
        it('single records: hidden rows are 404, visible ones show only visible fields', async () => {
          for (const row of ROWS) {
            const r = await get(c, `${API}/catalog/datasets/${dsId}/records/${recordIds.get(dsId)!.get(row.site_id)}`);
            if (v.rows(row)) {
              expect(r.statusCode, String(row.site_id)).toBe(200);
              expect(Object.keys(r.json()).every((k) => v.fields.includes(k))).toBe(true);
              noSecretLeak(v, r.body);
            } else {
              expect(r.statusCode, String(row.site_id)).toBe(404);
            }
          }
        });
        it('facets and group_by aggregates count only visible rows', async () => {
          const facetable = (['district', 'species'] as const).filter((f) => v.fields.includes(f));
          if (facetable.length) {
            const r = await get(c, `${API}/catalog/datasets/${dsId}/facets?${facetable.map((f) => `facet=${f}`).join('&')}`);
            expect(r.statusCode).toBe(200);
            for (const f of r.json().facets) {
              const got = Object.fromEntries(f.facets.map((x: { value: string; count: number }) => [x.value, x.count]));
              expect(got, f.name).toEqual(countBy(rows(), f.name));
            }
            const g = await get(c, `${API}/catalog/datasets/${dsId}/records?select=${enc(`${facetable[0]}, count(*) as n`)}&group_by=${facetable[0]}&limit=100`);
            const groups = Object.fromEntries(g.json().results.map((x: Record<string, unknown>) => [x[facetable[0]], x.n]));
            expect(groups).toEqual(countBy(rows(), facetable[0]));
          }
          const n = await get(c, `${API}/catalog/datasets/${dsId}/records?select=${enc('count(*) as n, max(site_id) as top')}`);
          expect(n.json().results[0]).toEqual({ n: rows().length, top: rows().length ? Math.max(...rows().map((x) => x.site_id)) : null });
          if (v.fields.includes('height')) {
            const s = await get(c, `${API}/catalog/datasets/${dsId}/records?select=${enc('sum(height) as s')}`);
            expect(s.json().results[0].s).toBeCloseTo(rows().reduce((a, x) => a + x.height, 0) || 0, 6);
          }
        });
        it('hidden fields are unknown in select, where, group_by, order_by and facets (400 as for an unknown field)', async () => {
          const unknown = (await get(c, `${API}/catalog/datasets/${dsId}/records?select=no_such_field`)).json();
          for (const f of hiddenFields(v)) {
            for (const q of [`select=${f}`, `where=${enc(`${f} is not null`)}`, `group_by=${f}`, `order_by=${f}`, `refine=${enc(`${f}:x`)}`]) {
              const r = await get(c, `${API}/catalog/datasets/${dsId}/records?${q}`);
              expect(r.statusCode, `${f}: ${q}`).toBe(400);
              expect(r.json().error_code).toBe(unknown.error_code);
              expect(r.json().message).toBe(unknown.message.replaceAll('no_such_field', f).replace('select', q.split('=')[0]));
            }
            expect((await get(c, `${API}/catalog/datasets/${dsId}/facets?facet=${f}`)).statusCode, f).toBe(400);
            expect((await get(c, `${API}/catalog/datasets/${dsId}/exports/csv?select=${f}`)).statusCode, f).toBe(400);
          }
        });
        it('exports (csv, json, geojson) hold the visible rows and fields only', async () => {
          const csv = await get(c, `${API}/catalog/datasets/${dsId}/exports/csv`);
          expect(csv.statusCode).toBe(200);
          const lines = csv.body.trim().split(/\r?\n/).filter((l) => l !== '');
          const header = lines[0].replace(/^\uFEFF/, '').split(';');
          expect(header.every((h) => v.fields.includes(h)), header.join(';')).toBe(true);
          expect(lines.length - 1).toBe(rows().length);
          noSecretLeak(v, csv.body);
          // Without the geo field the engine writes the CSV itself (csv-engine.ts): same rules, same rows.
          const ids = await get(c, `${API}/catalog/datasets/${dsId}/exports/csv?select=site_id&with_bom=false`);
          expect(ids.statusCode).toBe(200);
          expect(ids.body.split('\r\n').slice(1, -1).map(Number).sort((a, b) => a - b)).toEqual(rows().map((x) => x.site_id));
          const json = await get(c, `${API}/catalog/datasets/${dsId}/exports/json`);
          expect(json.json().map((x: Row) => x.site_id).sort((a: number, b: number) => a - b)).toEqual(rows().map((x) => x.site_id));
          noSecretLeak(v, json.body);
          const geo = await get(c, `${API}/catalog/datasets/${dsId}/exports/geojson`);
          if (v.fields.includes('geo_point_2d')) {
            expect(geo.statusCode).toBe(200);
            const fc = geo.json();
            expect(fc.features).toHaveLength(rows().length);
            for (const ft of fc.features) expect(Object.keys(ft.properties).every((k) => v.fields.includes(k))).toBe(true);
            noSecretLeak(v, geo.body);
          } else {
            expect(geo.statusCode).toBe(400);
          }
        });
        it('CKAN datastore_search returns the visible rows and fields only', async () => {
          const r = await get(c, `/api/3/action/datastore_search?resource_id=${dsId}&limit=100`);
          expect(r.statusCode).toBe(200);
          const res = r.json().result;
          expect(res.total).toBe(rows().length);
          expect(res.fields.map((f: { id: string }) => f.id).filter((n: string) => n !== '_id').every((n: string) => v.fields.includes(n))).toBe(true);
          noSecretLeak(v, r.body);
        });
      });
    }
  }
});

describe(SECTION.catalog, () => {
  const seen = (c: Caller) => (['trees', 'vault'] as const).filter((d) => EXPECT[d][c] !== null);
  for (const c of CALLERS) {
    it(`${c}: lists exactly the datasets they may see, with their visible fields and record counts`, async () => {
      const list = (await get(c, `${API}/catalog/datasets?limit=100`)).json();
      expect(list.total_count).toBe(seen(c).length);
      expect(list.results.map((d: { dataset_id: string }) => d.dataset_id).sort()).toEqual(seen(c));
      for (const d of list.results) {
        const v = EXPECT[d.dataset_id as 'trees' | 'vault'][c]!;
        expect(d.fields.map((f: { name: string }) => f.name).every((n: string) => v.fields.includes(n)), `${d.dataset_id} fields`).toBe(true);
        expect(d.metas.default.records_count, `${d.dataset_id} records_count`).toBe(visibleRows(v).length);
        expect(d.data_visible, `${d.dataset_id} data_visible`).toBe(!(d.dataset_id === 'vault' && c === 'member'));
        const one = (await get(c, `${API}/catalog/datasets/${d.dataset_id}`)).json();
        expect(one.fields.map((f: { name: string }) => f.name).every((n: string) => v.fields.includes(n))).toBe(true);
        expect(one.metas.default.records_count).toBe(visibleRows(v).length);
      }
      const search = (await get(c, `${API}/catalog/datasets?where=${enc('"vault"')}`)).json();
      expect(search.total_count).toBe(seen(c).includes('vault') ? 1 : 0);
      const facets = (await get(c, `${API}/catalog/facets?facet=keyword`)).json();
      expect(facets.facets[0].facets).toEqual([expect.objectContaining({ value: 'trees', count: seen(c).length })]);
      const exp = (await get(c, `${API}/catalog/exports/json`)).json();
      expect(exp.map((d: { dataset_id: string }) => d.dataset_id).sort()).toEqual(seen(c));
      // Unfiltered counts must not be reachable through catalog ODSQL by a caller under rules.
      const byCount = await get(c, `${API}/catalog/datasets?where=${enc(`records_count = ${ROWS.length}`)}`);
      if (c === 'admin') expect(byCount.json().total_count).toBe(2);
      else expect(byCount.statusCode).toBe(400);
      for (const d of seen(c)) {
        const v = EXPECT[d][c]!;
        const page = await get(c, `/datasets/${d}`);
        expect(page.statusCode).toBe(200);
        const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)![1]);
        for (const m of ld.variableMeasured ?? []) expect(v.fields, `${d} page`).toContain(m.name);
        const doc = await get(c, `${API}/catalog/datasets/${d}/openapi.json`);
        expect(doc.statusCode).toBe(200);
        noSecretLeak(v, doc.body);
        // "lat"/"lon" are also the member names of any geo_point_2d schema, so only the others are greppable.
        for (const f of hiddenFields(v).filter((x) => x !== 'lat' && x !== 'lon')) expect(doc.body, `${d} openapi.json names ${f}`).not.toMatch(new RegExp(`"${f}"`));
        expect(doc.json().info.description).toContain(`${visibleRows(v).length} records.`);
        const pkg = (await get(c, `/api/3/action/package_show?id=${d}`)).json().result;
        expect(pkg.extras.find((e: { key: string }) => e.key === 'records_count').value).toBe(String(visibleRows(v).length));
      }
    });
    it(`${c}: data.json, the DCAT export and CKAN package_search show the same datasets and no secret`, async () => {
      const dj = await get(c, '/data.json');
      expect(dj.json().dataset.map((d: { identifier: string }) => d.identifier.split('/').pop()).sort()).toEqual(seen(c));
      const dcat = await get(c, `${API}/catalog/exports/dcat`);
      expect(dcat.statusCode).toBe(200);
      expect(dcat.body.includes('/datasets/vault'), 'vault in DCAT').toBe(seen(c).includes('vault'));
      const ckan = (await get(c, '/api/3/action/package_search?rows=100')).json().result;
      expect(ckan.count).toBe(seen(c).length);
      expect(ckan.results.map((p: { name: string }) => p.name).sort()).toEqual(seen(c));
      for (const body of [dj.body, dcat.body, JSON.stringify(ckan)]) expect(body).not.toMatch(/SECRET-OWNER/);
      const rss = await get(c, `${API}/catalog/exports/rss`);
      expect(rss.statusCode).toBe(200);
      for (const d of seen(c)) {
        const n = visibleRows(EXPECT[d][c]!).length;
        expect(rss.body, `${d} in RSS`).toMatch(new RegExp(`<title>Title ${d}</title>\\s*<link>[^<]*</link>\\s*<description>(New|Updated) dataset, ${n} records\\.`));
      }
    });
    it(`${c}: sitemap.xml and robots.txt are the anonymous view; CKAN/ODS redirects and the 404 page reveal nothing`, async () => {
      const sitemap = await get(c, '/sitemap.xml');
      expect(sitemap.statusCode).toBe(200);
      expect(sitemap.body).toContain('<loc>http://portal.test/datasets/trees</loc>');
      expect(sitemap.body, 'a restricted dataset is never in the sitemap').not.toContain('vault');
      expect((await get(c, '/robots.txt')).statusCode).toBe(200);
      // The same redirect for a hidden dataset as for one that does not exist.
      for (const id of ['vault', 'no-such-dataset']) {
        const r = await get(c, `/dataset/${id}`);
        expect([r.statusCode, r.headers.location]).toEqual([301, `/datasets/${id}`]);
      }
      const hidden = await app.inject({ method: 'GET', url: '/datasets/vault', headers: { ...authOf(c), accept: 'text/html' } });
      expect(hidden.statusCode).toBe(seen(c).includes('vault') ? 200 : 404);
      if (!seen(c).includes('vault')) expect(hidden.body).not.toContain('Title vault');
      const unknown = await app.inject({ method: 'GET', url: '/no/such/page', headers: { ...authOf(c), accept: 'text/html' } });
      expect([unknown.statusCode, unknown.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
    });
  }
});

describe(SECTION.branding, () => {
  // Public: the identity and the logo. Admin only (an admin's key needs the admin scope): the settings.
  for (const c of CALLERS) {
    it(`${c}: reads the portal identity; branding settings are refused (401 anonymous, 403 otherwise)`, async () => {
      expect((await get(c, '/api/agora/v1/portal')).statusCode).toBe(200);
      expect((await get(c, '/api/agora/v1/portal/logo')).statusCode).toBe(404);
      const key = keys[c as Exclude<Caller, 'anonymous'>];
      const headers = key ? { authorization: `Apikey ${key}` } : {};
      const refused = c === 'anonymous' ? 401 : 403;
      expect((await get(c, '/api/agora/v1/portal/branding')).statusCode).toBe(refused);
      expect((await app.inject({ method: 'PUT', url: '/api/agora/v1/portal/branding', headers, payload: { name: 'Hijacked' } })).statusCode).toBe(refused);
      expect((await app.inject({ method: 'PUT', url: '/api/agora/v1/portal/branding/logo', headers: { ...headers, 'content-type': 'image/gif' }, payload: Buffer.from('GIF89a') })).statusCode).toBe(refused);
      expect((await app.inject({ method: 'DELETE', url: '/api/agora/v1/portal/branding/logo', headers })).statusCode).toBe(refused);
      expect((await get(c, '/api/agora/v1/portal')).json().name).not.toBe('Hijacked');
    });
  }
  it('admin with the admin scope: reads the branding settings', async () => {
    const { key } = await (await ensureGovernance(ctx)).createApiKey('admin', ['admin']);
    const r = await app.inject({ method: 'GET', url: '/api/agora/v1/portal/branding', headers: { authorization: `Apikey ${key}` } });
    expect(r.statusCode).toBe(200);
    expect(r.json().default_name).toBe('Agora');
  });
});

describe(SECTION.processors, () => {
  // Reading or changing a dataset's processors needs edit_dataset on it: everyone else is refused
  // and the pipeline stays as it was. The editor's run leaves the pipeline empty again.
  for (const c of CALLERS) {
    it(`${c}: ${c === 'editor' ? 'manages' : 'cannot read or change'} the processors of a dataset`, async () => {
      const base = `/api/automation/v1.0/datasets/${ctx.catalog.get('trees').dataset_uid}/processors`;
      const body = { type: 'string_replace', label: 'Matrix', field: 'species', old: 'Oak', new: 'Quercus' };
      const made = await app.inject({ method: 'POST', url: `${base}/`, headers: authOf(c), payload: body });
      const puid = c === 'editor' ? String(made.json().uid) : 'pr_none';
      const acts = [
        ['GET', `${base}/`], ['GET', `${base}/${puid}/`], ['PUT', `${base}/${puid}/`], ['POST', `${base}/${puid}/move/`],
        ['GET', `${base}/export/?format=yaml`], ['POST', `${base}/preview/`], ['DELETE', `${base}/${puid}/`], ['PUT', `${base}/`],
      ] as const;
      const payloads: Record<string, object> = { [`${base}/${puid}/move/`]: { position: 1 }, [`${base}/preview/`]: {}, [`${base}/`]: { processors: [] } };
      if (c !== 'editor') expect([401, 403, 404], `${c} POST`).toContain(made.statusCode);
      else expect(made.statusCode, made.body).toBe(201);
      for (const [method, url] of acts) {
        const payload = method === 'GET' || method === 'DELETE' ? undefined : payloads[url] ?? body;
        const r = await app.inject({ method, url, headers: authOf(c), ...(payload ? { payload } : {}) });
        if (c === 'editor') expect(r.statusCode, `${method} ${url} ${r.body}`).toBeLessThan(300);
        else expect([401, 403, 404], `${c} ${method} ${url}`).toContain(r.statusCode);
      }
      const store = await processorStore(ctx.catalog);
      expect(store.pipeline(ctx.catalog.get('trees').dataset_uid)).toEqual([]);
    });
  }
});

describe(SECTION.push, () => {
  // A push is authorised by its push key only: no API key, session or admin right stands in for it,
  // and only callers with edit_dataset on the dataset see or manage its real-time resources.
  let resourceUid: string;
  let pushKey: string;
  beforeAll(async () => {
    const made = await app.inject({ method: 'POST', url: `/api/automation/v1.0/datasets/${ctx.catalog.get('trees').dataset_uid}/resources/`, headers: authOf('editor'), payload: { type: 'realtime', title: 'Matrix' } });
    expect(made.statusCode, made.body).toBe(201);
    resourceUid = String(made.json().uid);
    pushKey = String(made.json().push_key);
  });
  for (const c of CALLERS) {
    it(`${c}: cannot push or delete without the push key (API keys do not stand in for it); only editors list the resource, never its key`, async () => {
      const before = (await get('admin', `${API}/catalog/datasets/trees/records?limit=0`)).json().total_count;
      const url = `/api/push/1.0/trees/${resourceUid}`;
      const record = { site_id: 99, district: 'North', species: 'Oak', height: 1, owner: 'SECRET-OWNER-99', lat: 48, lon: 2 };
      expect((await app.inject({ method: 'POST', url: `${url}/push/`, headers: authOf(c), payload: record })).statusCode).toBe(401);
      expect((await app.inject({ method: 'POST', url: `${url}/delete/`, headers: authOf(c), payload: record })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: `${url}/1/delete/`, headers: authOf(c) })).statusCode).toBe(401);
      const list = await app.inject({ method: 'GET', url: `/api/automation/v1.0/datasets/${ctx.catalog.get('trees').dataset_uid}/resources/`, headers: authOf(c) });
      // (The admin's key here has no admin scope, so it manages nothing, as in the branding routes.)
      if (c === 'editor') expect(list.json().results.map((r: { uid: string }) => r.uid)).toContain(resourceUid);
      else expect([401, 403, 404]).toContain(list.statusCode);
      expect(list.body).not.toContain(pushKey);
      // The resource's actions and the live settings are for editors only; nobody else can change them.
      const base = `/api/automation/v1.0/datasets/${ctx.catalog.get('trees').dataset_uid}`;
      const acts = [
        ['POST', `${base}/resources/${resourceUid}/disable/`], ['POST', `${base}/resources/${resourceUid}/renew_api_key/`],
        ['GET', `${base}/resources/${resourceUid}/dead_letters/`], ['PUT', `${base}/realtime_settings/`], ['POST', `${base}/realtime_settings/apply_retention/`],
      ] as const;
      for (const [method, url] of acts) {
        const r = await app.inject({ method, url, headers: authOf(c), ...(method === 'PUT' ? { payload: { silence_minutes: 5 } } : {}) });
        if (c !== 'editor') expect([401, 403, 404], `${c} ${method} ${url}`).toContain(r.statusCode);
        expect(r.body).not.toContain(pushKey);
      }
      if (c === 'editor') await app.inject({ method: 'POST', url: `${base}/resources/${resourceUid}/enable/`, headers: authOf(c) });
      await ctx.realtime.flush();
      expect((await get('admin', `${API}/catalog/datasets/trees/records?limit=0`)).json().total_count).toBe(before);
    });
  }
});

describe(SECTION.schedules, () => {
  // Reading a dataset's schedules and runs needs a right to edit it; changing them or refreshing needs
  // publish_dataset. Nobody else (the admin's key here has no admin scope) reads or changes anything.
  let sid: string;
  beforeAll(async () => {
    const { ensureRefresh } = await import('../../src/refresh/index.ts');
    sid = 'sc_matrix';
    await (await ensureRefresh(ctx)).store.putSchedule({ uid: sid, datasetUid: ctx.catalog.get('trees').dataset_uid, cron: '0 6 * * *', owner: 'editor', created: new Date().toISOString() });
  });
  for (const c of CALLERS) {
    it(`${c}: ${c === 'editor' ? 'reads and manages them' : 'is refused every schedule route'}`, async () => {
      const before = (await get('admin', `${API}/catalog/datasets/trees/records?limit=0`)).json().total_count;
      const base = `/api/automation/v1.0/datasets/${ctx.catalog.get('trees').dataset_uid}`;
      const acts = [
        ['GET', `${base}/schedules/`, 200], ['GET', `${base}/schedules/${sid}/`, 200], ['GET', `${base}/refresh_runs/`, 200],
        ['POST', `${base}/schedules/`, 400], // allowed, but trees has no URL resource to refresh
        ['PUT', `${base}/schedules/${sid}/`, 200], ['POST', `${base}/refresh/`, 200], ['DELETE', `${base}/schedules/${sid}/`, 204],
      ] as const;
      for (const [method, url, editorStatus] of acts) {
        const r = await app.inject({ method, url, headers: authOf(c), ...(method === 'PUT' || (method === 'POST' && url.endsWith('/schedules/')) ? { payload: { cron_schedule: '0 7 * * *' } } : {}) });
        if (c === 'editor') expect(r.statusCode, `${method} ${url} ${r.body}`).toBe(editorStatus);
        else expect([401, 403, 404], `${c} ${method} ${url}`).toContain(r.statusCode);
        if (c === 'editor' && url.endsWith('/refresh/')) expect(r.json()).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/no URL resource/) });
      }
      expect((await get('admin', `${API}/catalog/datasets/trees/records?limit=0`)).json().total_count).toBe(before);
    });
  }
});

describe(SECTION.harvesters, () => {
  // Harvesters need the domain permissions create_dataset and publish_dataset, which no caller here
  // holds (the editor has publish_dataset only; the admin's key has no admin scope): every route is
  // refused, nothing is listed, no run starts and the harvester stays as it was. The allowed cases are
  // in test/harvest/federation.test.ts.
  const uid = 'ha_matrix';
  beforeAll(async () => {
    const { ensureHarvest } = await import('../../src/harvest/index.ts');
    const now = new Date().toISOString();
    await (await ensureHarvest(ctx)).store.put({
      uid, type: 'ods', name: 'Matrix source', url: 'https://source.example', options: {}, prefix: '', metadataOnly: true, deleteMissing: false,
      restrict: false, forcedMetas: {}, apiKey: null, schedule: { uid: 'sc_hmatrix', cron: '0 6 * * *', timezone: 'UTC', created: now }, owner: 'root', created: now, updated: now,
    });
  });
  for (const c of CALLERS) {
    it(`${c}: is refused every harvester route`, async () => {
      const h = `/api/automation/v1.0/harvesters`;
      const body = { type: 'ods', url: 'https://other.example', cron_schedule: '0 7 * * *', timezone: 'UTC' };
      const acts = [
        ['GET', '/api/automation/v1.0/harvester_types/'], ['POST', `${h}/unsaved_preview/`],
        ['GET', `${h}/`], ['POST', `${h}/`], ['GET', `${h}/${uid}/`], ['PUT', `${h}/${uid}/`], ['DELETE', `${h}/${uid}/?delete_attached_datasets=true`],
        ...['start', 'abort', 'publish', 'unpublish', 'unsaved_preview', 'schedules'].map((x) => ['POST', `${h}/${uid}/${x}/`]),
        ...['errors', 'runs', 'preview', 'schedules', 'schedules/sc_hmatrix'].map((x) => ['GET', `${h}/${uid}/${x}/`]),
        ['PUT', `${h}/${uid}/schedules/sc_hmatrix/`], ['DELETE', `${h}/${uid}/schedules/sc_hmatrix/`],
      ] as const;
      for (const [method, url] of acts) {
        const r = await app.inject({ method, url, headers: authOf(c), ...(method === 'POST' || method === 'PUT' ? { payload: body } : {}) });
        expect(r.statusCode, `${c} ${method} ${url} ${r.body}`).toBe(c === 'anonymous' ? 401 : 403);
        expect(r.body).not.toContain('Matrix source');
      }
      const { ensureHarvest } = await import('../../src/harvest/index.ts');
      const hv = await ensureHarvest(ctx);
      expect(hv.store.all().map((s) => [s.uid, s.name, s.schedule?.cron])).toEqual([[uid, 'Matrix source', '0 6 * * *']]);
      expect(await hv.store.runsOf(uid)).toEqual([]);
    });
  }
});

describe(SECTION.reads, () => {
  // The dataset routes the per-dataset cases above do not ask: the export and attachment lists, the
  // API reference pages, the embeds, the page-view counts and the rest of the CKAN API (POST, the
  // /api/action alias, the list and info actions). A dataset the caller cannot see is a 404 on each,
  // as for one that does not exist, and no list names it.
  const seen = (c: Caller) => (['trees', 'vault'] as const).filter((d) => EXPECT[d][c] !== null);
  for (const c of CALLERS) {
    it(`${c}: the lists, docs, embeds and views name only the datasets they may see`, async () => {
      for (const d of ['trees', 'vault'] as const) {
        const v = EXPECT[d][c];
        const base = `${API}/catalog/datasets/${d}`;
        const formats = await get(c, `${base}/exports`);
        const attachments = await get(c, `${base}/attachments`);
        const docs = await get(c, `/docs/api/datasets/${d}`);
        const embed = await app.inject({ method: 'GET', url: `/embed/datasets/${d}/table`, headers: { ...authOf(c), accept: 'text/html' } });
        const viewed = await app.inject({ method: 'POST', url: `/api/agora/v1/views/${d}`, headers: authOf(c) });
        if (v === null) {
          for (const r of [formats, attachments, docs, embed, viewed]) expect(r.statusCode, `${c} ${d} ${r.body.slice(0, 80)}`).toBe(404);
          for (const r of [formats, attachments, viewed]) expect(r.json().error_code).toBe('UnknownDatasetError');
          for (const r of [docs, embed]) expect(r.body).not.toContain(`Title ${d}`);
          continue;
        }
        expect(formats.statusCode).toBe(200);
        // Every dataset here has a geo field (geo_point_2d from lat/lon), so the geo formats are offered.
        expect(formats.json().links.map((l: { rel: string }) => l.rel)).toEqual(expect.arrayContaining(['csv', 'json', 'geojson']));
        expect(attachments.json()).toEqual({ _links: [], attachments: [] });
        expect(docs.statusCode).toBe(200);
        expect(docs.body).toContain(`Title ${d}`);
        noSecretLeak(v, docs.body);
        // As in openapi.json (the page's style sheet aside): "lat"/"lon" are also member names of every geo_point_2d schema.
        for (const f of hiddenFields(v).filter((x) => x !== 'lat' && x !== 'lon')) expect(docs.body.replace(/<style>.*?<\/style>/s, '').match(new RegExp(`.{0,80}\\b${f}\\b.{0,80}`, 's'))?.[0] ?? null, `${d} docs name ${f}`).toBeNull();
        expect(embed.statusCode).toBe(200);
        expect(viewed.json().dataset_id).toBe(d);
      }
      // The reference pages link the datasets the caller may see, and only those.
      for (const page of ['/docs/api', `${API}/console`]) {
        const r = await get(c, page);
        expect(r.statusCode).toBe(200);
        const linked = [...r.body.matchAll(/href="\/docs\/api\/datasets\/([^"]+)"/g)].map((x) => x[1]).sort();
        expect(linked, page).toEqual(seen(c));
      }
      // Most viewed: trees was just viewed by this caller; vault appears only to those who may see it.
      const views = (await get(c, '/api/agora/v1/views?limit=100')).json();
      const ids = views.results.map((x: { dataset_id: string }) => x.dataset_id);
      expect(ids).toContain('trees');
      expect(ids.every((id: string) => seen(c).includes(id as 'trees' | 'vault')), ids.join()).toBe(true);
      // CKAN: POST and the /api/action alias answer as GET /api/3/action does.
      for (const prefix of ['/api/3/action', '/api/action']) {
        const post = (action: string, payload: object) => app.inject({ method: 'POST', url: `${prefix}/${action}`, headers: authOf(c), payload });
        const list = prefix === '/api/3/action' ? await post('package_list', {}) : await get(c, `${prefix}/package_list`);
        expect(list.json().result.sort(), `${prefix} package_list`).toEqual(seen(c));
        expect((await post('tag_list', {})).json().result).toEqual(['trees']);
        for (const d of ['trees', 'vault'] as const) {
          const v = EXPECT[d][c];
          const show = prefix === '/api/action' ? await get(c, `${prefix}/package_show?id=${d}`) : await post('package_show', { id: d });
          const search = await post('datastore_search', { resource_id: d, limit: 100 });
          const info = await post('datastore_info', { id: d });
          const resource = await post('resource_show', { id: d });
          if (v === null) {
            for (const r of [show, search, info, resource]) expect(r.statusCode, `${prefix} ${d}`).toBe(404);
            for (const r of [show, search, info, resource]) expect(r.body).not.toContain(`Title ${d}`);
            continue;
          }
          expect(show.json().result.name).toBe(d);
          expect(search.json().result.total).toBe(visibleRows(v).length);
          noSecretLeak(v, search.body);
          expect(info.statusCode).toBe(200);
          const infoFields = (info.json().result.fields as { id: string }[]).map((f) => f.id).filter((n) => n !== '_id');
          expect(infoFields.every((n) => v.fields.includes(n)), infoFields.join()).toBe(true);
          expect(resource.statusCode).toBe(200);
        }
      }
    });
  }
});

describe(SECTION.manage, () => {
  // Reading a dataset's settings (the dataset, status, metadata, fields, resources, real-time settings)
  // needs a right to edit it: the editor's domain edit_dataset covers every dataset, vault included.
  // Rulesets and the rules preview need manage_dataset, creating a dataset create_dataset: no matrix
  // caller has them (the admin's key has no admin scope; the read-only key no scope at all). Refused
  // callers get 401 without an identity, 404 for a dataset they cannot see in the Explore API (vault,
  // for most), 403 for one they can (trees, for everyone). The editor's writes go to a scratch copy of
  // trees, removed at the end by its DELETE; nobody else changes anything of trees or vault.
  let scratch: string;
  const uid = (d: 'trees' | 'vault') => ctx.catalog.get(d).dataset_uid;
  const refusal = (c: Caller, d: 'trees' | 'vault') => (c === 'anonymous' ? 401 : EXPECT[d][c] === null ? 404 : 403);
  const READS = ['', '/status', '/metadata', '/metadata/default', '/metadata/default/title', '/fields', '/resources/re_none', '/resources/re_none/preview',
    '/resources/files/fi_none', '/realtime_settings'];
  const WRITES: [string, string, object | undefined][] = [
    ['PUT', '', { metadata: { default: { title: { value: 'Hijacked' } } } }], ['PUT', '/metadata', { default: { title: { value: 'Hijacked' } } }],
    ['PUT', '/metadata/default', { title: { value: 'Hijacked' } }], ['PUT', '/metadata/default/title', { value: 'Hijacked' }],
    ['DELETE', '/metadata/default/keyword', undefined], ['POST', '/fields', { type: 'rename', label: 'Hijacked', from_name: 'species', to_name: 'kind', field_label: 'Kind' }],
    ['GET', '/fields/fc_none', undefined], ['PUT', '/fields/fc_none', { type: 'rename', label: 'Hijacked', from_name: 'species', to_name: 'kind', field_label: 'Kind' }], ['DELETE', '/fields/fc_none', undefined],
    ['POST', '/resources', { type: 'realtime', title: 'Hijacked' }], ['POST', '/resources/preview', { type: 'csvfile', datasource: { type: 'http', url: 'http://127.0.0.1:9/x.csv' } }],
    ['POST', '/resources/files', undefined], ['PUT', '/resources/re_none', { title: 'Hijacked' }], ['DELETE', '/resources/re_none', undefined],
    ['POST', '/resources/re_none/enable', undefined], ['POST', '/publish', undefined], ['POST', '/unpublish', undefined], ['DELETE', '', undefined],
  ];
  const RULESETS: [string, string, object | undefined][] = [
    ['GET', '/security/preview?username=ana', undefined],
    ...['users', 'groups'].flatMap((k): [string, string, object | undefined][] => {
      const name = k === 'users' ? 'ana' : 'parks';
      const body = k === 'users' ? { user: { username: 'plain' }, permissions: [], security: { is_data_visible: true } } : { group: { uid: 'parks' }, permissions: [], security: { is_data_visible: true } };
      return [['GET', `/security/${k}`, undefined], ['POST', `/security/${k}`, body], ['GET', `/security/${k}/${name}`, undefined],
        ['PUT', `/security/${k}/${name}`, { permissions: ['manage_dataset'], security: { is_data_visible: true } }], ['DELETE', `/security/${k}/${name}`, undefined]];
    }),
  ];
  const ask = (c: Caller, method: string, url: string, payload?: object) =>
    app.inject({ method: method as 'GET', url, headers: authOf(c), ...(payload ? { payload } : {}) });
  const state = async () => JSON.stringify(await Promise.all((['trees', 'vault'] as const).map(async (d) => {
    const ds = ctx.catalog.get(d);
    const gov = await ensureGovernance(ctx);
    return [ds.metas.default.title, ds.metas.default.keyword, ds.fields.map((f) => f.name), ds.is_published, gov.rulesets(ds.dataset_uid).length];
  })));
  beforeAll(async () => {
    await importDataset(ctx.catalog, { source: join(dir, 'trees.csv'), datasetId: 'scratch', title: 'Title scratch', mode: 'create' });
    await ctx.catalog.updateFlags('scratch', { is_restricted: true });
    scratch = ctx.catalog.get('scratch').dataset_uid;
  });
  afterAll(async () => { if (ctx.catalog.find('scratch')) await ctx.catalog.delete('scratch'); });
  for (const c of CALLERS) {
    it(`${c}: ${c === 'editor' ? 'reads every dataset\'s settings and edits them; is refused rulesets and creation' : 'is refused every dataset\'s settings, rulesets and creation; nothing changes'}`, async () => {
      const before = await state();
      const list = await get(c, `${A}/datasets/?limit=100`);
      if (c === 'anonymous') expect(list.statusCode).toBe(401);
      else expect(list.json().results.map((d: { dataset_id: string }) => d.dataset_id).sort(), c).toEqual(c === 'editor' ? ['scratch', 'trees', 'vault'] : []);
      const created = await ask(c, 'POST', `${A}/datasets/`, { dataset_id: 'intruder' });
      expect(created.statusCode).toBe(c === 'anonymous' ? 401 : 403);
      for (const d of ['trees', 'vault'] as const) {
        for (const path of READS) {
          const r = await get(c, `${A}/datasets/${uid(d)}${path}/`);
          if (c !== 'editor') expect(r.statusCode, `${c} GET ${d}${path}`).toBe(refusal(c, d));
          else expect(r.statusCode, `GET ${d}${path} ${r.body}`).toBe(path.includes('_none') ? 404 : 200);
          expect(r.body).not.toMatch(/SECRET-OWNER/);
        }
        if (c === 'editor') expect((await get(c, `${A}/datasets/${uid(d)}/metadata/default/title/`)).json()).toEqual({ value: `Title ${d}` });
        for (const [method, path, payload] of [...(c === 'editor' ? [] : WRITES), ...RULESETS]) {
          const r = await ask(c, method, `${A}/datasets/${uid(d)}${path}${path.includes('?') ? '' : '/'}`, payload);
          expect(r.statusCode, `${c} ${method} ${d}${path} ${r.body}`).toBe(c === 'editor' ? 403 : refusal(c, d));
        }
      }
      expect(await state(), 'trees and vault are as they were').toBe(before);
      if (c !== 'editor') return;
      // The editor on the scratch copy: every write answers as for its owner, and shows in the Explore API.
      const S = `${A}/datasets/${scratch}`;
      const title = async () => (await get('admin', `${API}/catalog/datasets/scratch`)).json().metas?.default.title;
      expect((await ask(c, 'PUT', `${S}/`, { metadata: { default: { title: { value: 'Scratch one' } } } })).statusCode).toBe(200);
      expect(await title()).toBe('Scratch one');
      expect((await ask(c, 'PUT', `${S}/metadata/`, { default: { title: { value: 'Scratch two' } } })).statusCode).toBe(200);
      expect(await title()).toBe('Scratch two');
      expect((await ask(c, 'PUT', `${S}/metadata/default/`, { title: { value: 'Scratch three' } })).statusCode).toBe(200);
      expect(await title()).toBe('Scratch three');
      expect((await ask(c, 'PUT', `${S}/metadata/default/title/`, { value: 'Scratch four' })).statusCode).toBe(200);
      expect(await title()).toBe('Scratch four');
      expect((await ask(c, 'DELETE', `${S}/metadata/default/keyword/`)).statusCode).toBe(204);
      expect((await get('admin', `${API}/catalog/datasets/scratch`)).json().metas.default.keyword).toEqual([]);
      const field = await ask(c, 'POST', `${S}/fields/`, { type: 'rename', label: 'Kind', from_name: 'species', to_name: 'kind', field_label: 'Kind' });
      expect(field.statusCode, field.body).toBe(201);
      const fc = String(field.json().uid);
      expect((await get(c, `${S}/fields/${fc}/`)).json().label).toBe('Kind');
      expect((await ask(c, 'PUT', `${S}/fields/${fc}/`, { type: 'rename', label: 'Sort', from_name: 'species', to_name: 'kind', field_label: 'Kind' })).json().label).toBe('Sort');
      expect((await ask(c, 'DELETE', `${S}/fields/${fc}/`)).statusCode).toBe(204);
      const res = await ask(c, 'POST', `${S}/resources/`, { type: 'realtime', title: 'Scratch feed' });
      expect(res.statusCode, res.body).toBe(201);
      const ru = String(res.json().uid);
      expect((await get(c, `${S}/resources/${ru}/`)).json().title).toBe('Scratch feed');
      expect((await get(c, `${S}/resources/${ru}/`)).body).not.toContain(String(res.json().push_key));
      expect((await ask(c, 'PUT', `${S}/resources/${ru}/`, { type: 'realtime', title: 'Scratch feed 2' })).statusCode).toBe(200);
      const pv = await get(c, `${S}/resources/${ru}/preview/`);
      // The preview reads file and URL resources only: a real-time one is not among them (the editor still is not refused).
      expect([pv.statusCode, pv.json().error_code], pv.body).toEqual([404, 'not_found']);
      expect((await ask(c, 'POST', `${S}/resources/${ru}/enable/`)).statusCode).toBe(200);
      expect((await ask(c, 'DELETE', `${S}/resources/${ru}/`)).statusCode).toBe(204);
      // Sources the editor may name but that are not there: refused as bad requests, not as permissions.
      expect((await ask(c, 'POST', `${S}/resources/files/`)).statusCode).toBe(400);
      expect((await ask(c, 'POST', `${S}/resources/preview/`, { type: 'csvfile', datasource: { type: 'uploaded_file', file: { uid: 'fi_none' } } })).statusCode).toBe(400);
      expect((await ask(c, 'POST', `${S}/unpublish/`)).json()).toEqual({ detail: 'ok' });
      expect((await get('admin', `${API}/catalog/datasets/scratch`)).statusCode).toBe(404);
      expect((await get(c, `${S}/status/`)).json().is_published).toBe(false);
      const published = await ask(c, 'POST', `${S}/publish/`);
      expect(published.statusCode, published.body).toBe(200);
      expect((await get('admin', `${API}/catalog/datasets/scratch/records?limit=0`)).json().total_count).toBe(ROWS.length);
      expect((await ask(c, 'DELETE', `${S}/`)).statusCode).toBe(204);
      expect((await get('admin', `${API}/catalog/datasets/scratch`)).statusCode).toBe(404);
    });
  }
});

describe(SECTION.ckanWrites, () => {
  // The CKAN write actions, POSTed to /api/action/ as ckanapi sends them, answer as the Automation API
  // decides: creating needs create_dataset (no matrix caller has it), editing edit_dataset, data writes
  // also publish_dataset. Refused callers get CKAN's Authorization Error (403; anonymous callers too, as
  // CKAN answers them), or Not Found Error (404) for a dataset they cannot see — word for word as for one
  // that does not exist. The editor's writes go to a scratch dataset; trees and vault never change.
  const P = '/api/action';
  const post = (c: Caller, action: string, payload: object) => app.inject({ method: 'POST', url: `${P}/${action}`, headers: authOf(c), payload });
  const WRITES = (d: string): [string, object][] => [
    ['package_patch', { id: d, title: 'Hijacked' }], ['package_update', { id: d, title: 'Hijacked' }], ['package_delete', { id: d }], ['dataset_purge', { id: d }],
    ['resource_create', { package_id: d, url: 'http://127.0.0.1:9/x.csv', format: 'CSV' }], ['resource_update', { id: d, url: 'http://127.0.0.1:9/x.csv', format: 'CSV' }],
    ['datastore_create', { resource_id: d, fields: [{ id: 'hijacked', type: 'text' }] }],
    ['datastore_upsert', { resource_id: d, method: 'insert', records: [{ site_id: 99, owner: 'SECRET-OWNER-99' }] }],
    ['datastore_delete', { resource_id: d, filters: { site_id: 1 } }], ['datastore_delete', { resource_id: d }],
  ];
  const state = () => JSON.stringify((['trees', 'vault'] as const).map((d) => {
    const ds = ctx.catalog.get(d);
    return [ds.metas.default.title, ds.metas.default.records_count, ds.fields.map((f) => f.name), ds.is_published, ds.is_restricted, ds.data_version];
  }));
  beforeAll(async () => {
    await importDataset(ctx.catalog, { source: join(dir, 'trees.csv'), datasetId: 'ckan-scratch', title: 'Title ckan-scratch', mode: 'create' });
    await ctx.catalog.updateFlags('ckan-scratch', { is_restricted: true });
  });
  afterAll(async () => { if (ctx.catalog.find('ckan-scratch')) await ctx.catalog.delete('ckan-scratch'); });
  for (const c of CALLERS) {
    it(`${c}: ${c === 'editor' ? 'edits and writes records through CKAN; cannot create' : 'is refused every CKAN write; nothing changes'}`, async () => {
      const before = state();
      const created = await post(c, 'package_create', { name: 'intruder', title: 'Intruder' });
      expect([created.statusCode, created.json().error?.__type]).toEqual([403, 'Authorization Error']);
      const unknown = (await post(c, 'package_patch', { id: 'no-such-dataset', title: 'x' })).json();
      for (const d of ['trees', 'vault'] as const) {
        if (c === 'editor') {
          // The editor may edit both; sending a title back as it is changes nothing.
          const same = await post(c, 'package_patch', { id: d, title: `Title ${d}` });
          expect(same.statusCode, same.body).toBe(200);
          continue;
        }
        for (const [action, payload] of WRITES(d)) {
          const r = await post(c, action, payload);
          const hidden = c !== 'anonymous' && EXPECT[d][c] === null;
          expect([r.statusCode, r.json().error?.__type], `${c} ${action} ${d} ${r.body}`).toEqual(hidden ? [404, 'Not Found Error'] : [403, 'Authorization Error']);
          expect(r.body).not.toMatch(/SECRET-OWNER|Title vault/);
          if (hidden && action.startsWith('package_')) expect(r.json().error.message).toBe(unknown.error.message);
        }
      }
      expect(state(), 'trees and vault are as they were').toBe(before);
      expect(ctx.catalog.find('intruder')).toBeUndefined();
      if (c !== 'editor') return;
      // The editor on the scratch copy (restricted, so only editors and admins see it).
      const S = 'ckan-scratch';
      expect((await post(c, 'package_patch', { id: S, title: 'Scratch via CKAN' })).json().result.title).toBe('Scratch via CKAN');
      const inserted = await post(c, 'datastore_upsert', { resource_id: S, method: 'insert', records: [{ site_id: 99, district: 'North', species: 'Oak', height: 1, owner: 'SECRET-OWNER-99', lat: 48, lon: 2 }] });
      expect(inserted.statusCode, inserted.body).toBe(200);
      expect(ctx.catalog.get(S).metas.default.records_count).toBe(ROWS.length + 1);
      expect((await post(c, 'datastore_delete', { resource_id: S, filters: { site_id: 99 } })).statusCode).toBe(200);
      expect(ctx.catalog.get(S).metas.default.records_count).toBe(ROWS.length);
      expect((await post(c, 'package_delete', { id: S })).json().result).toBeNull();
      expect(ctx.catalog.get(S).is_published).toBe(false);
      expect((await post(c, 'package_patch', { id: S, state: 'active' })).json().result.state).toBe('active');
      expect((await post(c, 'dataset_purge', { id: S })).json().result).toBeNull();
      expect(ctx.catalog.find(S)).toBeUndefined();
    });
  }
});

describe(SECTION.directory, () => {
  // Users and groups need edit_domain, the audit log an admin (with the admin scope): no matrix caller
  // may read or change them (401 without an identity, 403 otherwise). API keys are each user's own:
  // a caller lists only their own keys, may make a key of their own (within their key's scopes),
  // and another user's key id is as unknown as a missing one (404).
  const A2 = A;
  for (const c of CALLERS) {
    it(`${c}: no user, group or audit entry; their own API keys only`, async () => {
      const gov = await ensureGovernance(ctx);
      const refused = c === 'anonymous' ? 401 : 403;
      const before = JSON.stringify([gov.users().map((u) => [u.username, u.isActive, u.isAdmin]), gov.groups(), gov.members('parks')]);
      const acts: [string, string, object | undefined][] = [
        ['GET', `${A2}/users/`, undefined], ['POST', `${A2}/users/provision/`, [{ username: 'intruder', password: 'password-i' }]],
        ['GET', `${A2}/users/plain/`, undefined], ['PUT', `${A2}/users/plain/`, { is_active: false }], ['DELETE', `${A2}/users/plain/`, undefined],
        ['GET', `${A2}/groups/`, undefined], ['POST', `${A2}/groups/`, { name: 'intruders' }], ['GET', `${A2}/groups/parks/`, undefined],
        ['PUT', `${A2}/groups/parks/`, { permissions: ['edit_domain'] }], ['DELETE', `${A2}/groups/parks/`, undefined],
        ['GET', `${A2}/groups/parks/users/`, undefined], ['POST', `${A2}/groups/parks/users/`, { username: 'plain' }],
        ['DELETE', `${A2}/groups/parks/users/member/`, undefined], ['GET', '/api/auth/audit', undefined], ['GET', '/api/auth/audit.csv', undefined],
      ];
      for (const [method, url, payload] of acts) {
        const r = await app.inject({ method: method as 'GET', url, headers: authOf(c), ...(payload ? { payload } : {}) });
        expect(r.statusCode, `${c} ${method} ${url} ${r.body}`).toBe(refused);
        expect(r.body).not.toMatch(/password-|SECRET-OWNER/);
      }
      expect(JSON.stringify([gov.users().map((u) => [u.username, u.isActive, u.isAdmin]), gov.groups(), gov.members('parks')])).toBe(before);
      const owner = c === 'readonly' ? 'editor' : c;
      const ownKeys = c === 'anonymous' ? [] : gov.apiKeys(owner).map((k) => k.keyId).sort();
      const mine = await get(c, '/api/auth/apikeys');
      const made = await app.inject({ method: 'POST', url: '/api/auth/apikeys', headers: authOf(c), payload: {} });
      const others = gov.apiKeys().filter((k) => k.username !== owner && !k.revoked);
      const del = await app.inject({ method: 'DELETE', url: `/api/auth/apikeys/${others[0].keyId}`, headers: authOf(c) });
      if (c === 'anonymous') {
        for (const r of [mine, made, del]) expect(r.statusCode).toBe(401);
        return;
      }
      expect(mine.json().results.map((k: { key_id: string }) => k.key_id).sort()).toEqual(ownKeys);
      expect(mine.json().results.every((k: { username: string }) => k.username === owner)).toBe(true);
      expect(ownKeys.length).toBeGreaterThan(0);
      expect(made.statusCode, made.body).toBe(201);
      expect(made.json()).toMatchObject({ username: owner, scopes: [] });
      expect(del.statusCode).toBe(404);
      expect(gov.apiKeys().find((k) => k.keyId === others[0].keyId)!.revoked).toBeFalsy();
      // Their own new key they may revoke.
      expect((await app.inject({ method: 'DELETE', url: `/api/auth/apikeys/${made.json().key_id}`, headers: authOf(c) })).statusCode).toBe(204);
    });
  }
});

describe(SECTION.streams, () => {
  // Runs last: it pushes 12 more trees. Each caller's stream must carry exactly the new rows and
  // fields EXPECT allows them, computed from the pushed rows here.
  const NEW = ROWS.map((r) => ({ ...r, site_id: r.site_id + 100, owner: r.owner.replace('SECRET-OWNER', 'SECRET-OWNER-NEW') }));
  it('every caller receives the new rows and fields their rules allow, and nothing of a dataset they cannot see', async () => {
    const made = await app.inject({ method: 'POST', url: `/api/automation/v1.0/datasets/${ctx.catalog.get('trees').dataset_uid}/resources/`, headers: authOf('editor'), payload: { type: 'realtime', title: 'Live' } });
    const { uid, push_key: key } = made.json();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const opened = await Promise.all(CALLERS.map(async (c) => {
      const ctrl = new AbortController();
      const res = await fetch(`${base}${API}/catalog/datasets/trees/records/stream`, { headers: authOf(c), signal: ctrl.signal });
      let text = '';
      const reading = (async () => {
        const dec = new TextDecoder();
        try { for await (const chunk of res.body!) text += dec.decode(chunk as Uint8Array, { stream: true }); } catch { /* aborted */ }
      })();
      return { c, res, ctrl, reading, text: () => text };
    }));
    for (const c of CALLERS) {
      const vault = await fetch(`${base}${API}/catalog/datasets/vault/records/stream`, { headers: authOf(c) });
      if (EXPECT.vault[c] === null) expect(vault.status, c).toBe(404);
      else await vault.body?.cancel();
    }
    const body = NEW.map((r) => ({ site_id: r.site_id, district: r.district, species: r.species, height: r.height, owner: r.owner, lat: r.lat, lon: r.lon, geo_point_2d: [r.lat, r.lon] }));
    expect((await app.inject({ method: 'POST', url: `/api/push/1.0/trees/${uid}/push/?pushkey=${key}`, payload: body })).statusCode).toBe(200);
    await ctx.realtime.flush();
    await new Promise((r) => setTimeout(r, 500));
    for (const o of opened) {
      o.ctrl.abort();
      await o.reading;
      const view = EXPECT.trees[o.c]!;
      const got = o.text().split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)) as Record<string, unknown>);
      const want = NEW.filter(view.rows);
      expect(got.map((g) => g.site_id), o.c).toEqual(want.map((w) => w.site_id));
      for (const g of got) expect(Object.keys(g).sort(), o.c).toEqual([...view.fields].sort());
      const allowedOwners = view.fields.includes('owner') ? new Set(want.map((w) => w.owner)) : new Set<string>();
      for (const token of o.text().match(/SECRET-OWNER-NEW-\d\d/g) ?? []) expect(allowedOwners.has(token), `${o.c}: ${token}`).toBe(true);
    }
  });
});

describe(SECTION.pages, () => {
  // A public page, a restricted one for ana and the parks group, and a draft never published. The
  // restricted page's title is a secret token: nobody else may read it anywhere (list, page, head).
  const SECRET = 'SECRET-PAGE-TITLE';
  const readers: Caller[] = ['ana', 'member', 'admin'];
  beforeAll(async () => {
    const { ensurePages } = await import('../../src/server/pages-store.ts');
    const d = await ensurePages(ctx);
    const now = new Date().toISOString();
    const content = (title: string) => ({ title, description: '', filters: [], blocks: [{ id: 'b1', type: 'kpi' as const, layout: { w: 3, h: 2 }, dataset: 'trees', value: 'count(*)' }] });
    const page = (uid: string, slug: string, title: string, pub: boolean, published: boolean) => ({
      uid, slug, public: pub, featured: false, draft: content(title), published: published ? content(title) : null, readers: { users: ['ana'], groups: ['parks'] },
      first_published_at: published ? now : null, published_at: published ? now : null, created_at: now, updated_at: now, created_by: null, updated_by: null,
    });
    await d.pages.save(page('sp_public', 'open-page', 'Open page', true, true));
    await d.pages.save(page('sp_secret', 'secret-page', SECRET, false, true));
    await d.pages.save(page('sp_draft', 'draft-page', SECRET, true, false));
  });
  for (const c of CALLERS) {
    it(`${c}: reads the public page, the restricted one only as its reader, never a draft; manages nothing`, async () => {
      for (const url of ['/api/agora/v1/pages/open-page', '/pages/open-page', '/embed/pages/open-page/blocks/b1']) expect((await get(c, url)).statusCode, url).toBe(200);
      const secretUrls = ['/api/agora/v1/pages/secret-page', '/pages/secret-page', '/embed/pages/secret-page', '/api/agora/v1/page-head?path=/pages/secret-page'];
      for (const url of secretUrls) {
        const r = await get(c, url);
        const status = url.includes('page-head') ? r.json().status : r.statusCode;
        expect(status, url).toBe(readers.includes(c) ? 200 : 404);
        if (!readers.includes(c)) expect(r.body, url).not.toContain(SECRET);
      }
      for (const url of ['/api/agora/v1/pages/draft-page', '/pages/draft-page']) expect((await get(c, url)).statusCode, url).toBe(404);
      expect([401, 403]).toContain((await get(c, '/api/agora/v1/pages/draft-page?version=draft')).statusCode);
      const list = await get(c, '/api/agora/v1/pages');
      expect(list.json().results.map((p: { slug: string }) => p.slug).sort()).toEqual(readers.includes(c) ? ['open-page', 'secret-page'] : ['open-page']);
      if (!readers.includes(c)) expect(list.body).not.toContain(SECRET);
      // The sitemap is the anonymous view whoever asks.
      const sitemap = (await get(c, '/sitemap.xml')).body;
      expect(sitemap).toContain('http://portal.test/pages/open-page');
      expect(sitemap).not.toMatch(/secret-page|draft-page/);
      // (The admin's key here has no admin scope: it manages nothing, as in the branding routes.)
      // Every route of the pages API, under both of its names.
      const acts = ['pages', 'studio_pages'].flatMap((n) => {
        const P = `${A}/${n}`;
        return [
          ['GET', `${P}/`], ['POST', `${P}/`], ['GET', `${P}/sp_secret/`], ['PUT', `${P}/sp_secret/`], ['DELETE', `${P}/sp_secret/`],
          ['POST', `${P}/sp_secret/publish/`], ['POST', `${P}/sp_public/unpublish/`], ['GET', `${P}/sp_secret/versions/`], ['GET', `${P}/sp_secret/versions/1/`],
          ['POST', `${P}/sp_secret/versions/1/restore/`], ['GET', `${P}/sp_secret/export/`], ['POST', `${P}/import/`],
          ...['users/ana', 'groups/parks'].flatMap((t) => {
            const list = `${P}/sp_secret/security/${t.split('/')[0]}/`;
            return [['GET', list], ['POST', list], ['GET', `${P}/sp_secret/security/${t}/`], ['PUT', `${P}/sp_secret/security/${t}/`], ['DELETE', `${P}/sp_secret/security/${t}/`]];
          }),
        ] as const;
      });
      for (const [method, url] of acts) {
        const r = await app.inject({ method, url, headers: authOf(c), ...(method === 'POST' || method === 'PUT' ? { payload: { slug: 'x', content: { title: 'x' } } } : {}) });
        expect([401, 403], `${c} ${method} ${url}`).toContain(r.statusCode);
        expect(r.body).not.toContain(SECRET);
      }
    });
  }
});

describe(SECTION.reuses, () => {
  // Three reuses put in the store: an approved one of trees and vault (by plain), an approved one of
  // vault only whose title is a secret token (by ana), and a pending one of trees (by plain). The
  // public list holds the approved ones whose datasets the caller may see, naming only those; vault's
  // title never reaches those who cannot see it (nor publish it). Only the editor (domain publish_dataset, key scoped to
  // it) moderates: the admin's and the read-only key carry no publish_dataset scope.
  const SECRET = 'SECRET-REUSE-TITLE';
  const seesVault = (c: Caller) => EXPECT.vault[c] !== null;
  const now = new Date().toISOString();
  const reuse = (uid: string, title: string, datasets: string[], by: string, status: 'pending' | 'approved') => ({
    uid, title, url: `https://apps.example/${uid}`, imageUrl: null, description: '', datasetUids: datasets.map((d) => ctx.catalog.get(d).dataset_uid),
    submittedBy: by, submittedAt: now, status, rejectReason: null, moderatedBy: status === 'approved' ? 'root' : null, moderatedAt: status === 'approved' ? now : null,
  });
  const store = async () => (await (await import('../../src/community/reuses/index.ts')).ensureReuses(ctx)).reuses;
  beforeAll(async () => {
    const s = await store();
    await s.put(reuse('ru_mpublic', 'Tree app', ['trees', 'vault'], 'plain', 'approved'));
    await s.put(reuse('ru_mvault', SECRET, ['vault'], 'ana', 'approved'));
    await s.put(reuse('ru_mpending', 'Pending tree app', ['trees'], 'plain', 'pending'));
  });
  const R = '/api/agora/v1/reuses';
  const uids = (body: { results: Array<{ uid: string }> }) => body.results.map((x) => x.uid).filter((u) => u.startsWith('ru_m')).sort();
  for (const c of CALLERS) {
    const moderator = c === 'editor';
    const signedIn = c !== 'anonymous';
    it(`${c}: lists the approved reuses of datasets they may see; ${moderator ? 'moderates' : 'moderates nothing'}; submits only with datasets they may see`, async () => {
      const ask = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => app.inject({ method, url, headers: authOf(c), ...(payload ? { payload } : {}) });
      // The public list and one reuse: vault appears only to those who may see it.
      const list = await ask('GET', `${R}?limit=100`);
      expect(uids(list.json())).toEqual(seesVault(c) ? ['ru_mpublic', 'ru_mvault'] : ['ru_mpublic']);
      const pub = (await ask('GET', `${R}/ru_mpublic`)).json();
      expect(pub.datasets.map((x: { dataset_id: string }) => x.dataset_id)).toEqual(seesVault(c) || moderator ? ['trees', 'vault'] : ['trees']);
      const secret = await ask('GET', `${R}/ru_mvault`);
      expect(secret.statusCode).toBe(seesVault(c) || moderator ? 200 : 404);
      const byVault = await ask('GET', `${R}?dataset_id=vault`);
      expect(byVault.statusCode).toBe(seesVault(c) ? 200 : 404);
      if (!seesVault(c) && !moderator) for (const r of [list, byVault]) expect(r.body).not.toMatch(new RegExp(`${SECRET}|Title vault|"vault"`));
      if (!seesVault(c) && !moderator) expect(JSON.stringify(pub) + secret.body).not.toMatch(new RegExp(`${SECRET}|Title vault|"vault"`));
      // The pending one: its submitter (plain) and the moderator only.
      expect((await ask('GET', `${R}/ru_mpending`)).statusCode).toBe(c === 'plain' || moderator ? 200 : 404);
      expect(list.body).not.toContain('Pending tree app');
      const mine = await ask('GET', `${R}?mine=true`);
      if (!signedIn) expect(mine.statusCode).toBe(401);
      else expect(uids(mine.json())).toEqual(c === 'plain' ? ['ru_mpending', 'ru_mpublic'] : c === 'ana' ? ['ru_mvault'] : []);
      const queue = await ask('GET', `${R}/moderation?status=all`);
      if (!signedIn) expect(queue.statusCode).toBe(401);
      else expect(uids(queue.json())).toEqual(moderator ? ['ru_mpending', 'ru_mpublic', 'ru_mvault'] : []);
      // Submitting with vault: a 400 as for an unknown dataset to those who cannot see it.
      const made = await ask('POST', R, { title: `By ${c}`, url: `https://apps.example/by-${c}`, dataset_ids: ['vault'] });
      expect(made.statusCode, made.body).toBe(!signedIn ? 401 : seesVault(c) ? 201 : 400);
      if (made.statusCode === 400) expect(made.json().message).toBe('Invalid dataset_ids[0]: unknown dataset "vault"');
      if (made.statusCode === 201) expect((await ask('DELETE', `${R}/${made.json().uid}`)).statusCode).toBe(204); // their own
      // Moderating a fresh pending reuse of trees, and the public one.
      const s = await store();
      await s.put(reuse('ru_mfresh', 'Fresh app', ['trees'], 'nobody', 'pending'));
      const approve = await ask('POST', `${R}/ru_mfresh/approve`);
      const reject = await ask('POST', `${R}/ru_mfresh/reject`, { reason: 'Matrix' });
      const del = await ask('DELETE', `${R}/ru_mfresh`);
      const expected = !signedIn ? [401, 401, 401] : moderator ? [200, 200, 204] : [404, 404, 404];
      expect([approve.statusCode, reject.statusCode, del.statusCode], `${approve.body} ${reject.body} ${del.body}`).toEqual(expected);
      if (moderator) expect(await s.get('ru_mfresh')).toBeUndefined();
      else expect((await s.get('ru_mfresh'))!.status).toBe('pending');
      await s.delete('ru_mfresh');
      if (!moderator) {
        for (const [method, url] of [['POST', `${R}/ru_mpublic/approve`], ['POST', `${R}/ru_mpublic/reject`], ['DELETE', `${R}/ru_mpublic`]] as const) {
          const r = await ask(method, url, method === 'POST' ? { reason: 'Matrix' } : undefined);
          expect(r.statusCode, `${c} ${method} ${url}`).toBe(!signedIn ? 401 : c === 'plain' && method === 'DELETE' ? 204 : 403);
          if (r.statusCode === 204) await s.put(reuse('ru_mpublic', 'Tree app', ['trees', 'vault'], 'plain', 'approved'));
        }
      }
      expect((await s.get('ru_mpublic'))!.status).toBe('approved');
    });
  }
});

describe(SECTION.badKey, () => {
  // A key the portal never issued is a 401 on every route the server has, before anything is read or
  // changed; the parameters are filled with the fixture's real names so a route that forgot would answer.
  it('every route of the inventory answers 401 and reveals nothing; nothing changes', async () => {
    const before = (await get('admin', `${API}/catalog/datasets/trees/records?limit=0`)).json().total_count;
    const fill: Record<string, string> = {
      dataset_id: 'vault', uid: ctx.catalog.get('vault').dataset_uid, record_id: recordIds.get('vault')!.get(1)!, format: 'csv',
      action: 'package_show', slug: 'secret-page', username: 'ana', name: 'ana', key_id: 'x', template: 'default', key: 'title',
      view: 'table', block: 'b1', id: 'vault', tab: 'table', n: '1', sid: 'sc_matrix', puid: 'x', item: 'x', resource_id: 'x',
    };
    const routes = recorder.routes();
    expect(routes.length).toBe(Object.keys(ROUTE_CONTRACT).length);
    for (const route of routes) {
      const [method, pattern] = route.split(' ');
      const url = pattern.replace(/:(\w+)/g, (_, p: string) => fill[p] ?? 'x').replace('*', 'index.html');
      const r = await app.inject({
        method: method as 'GET', url: `${url}${url.includes('?') ? '&' : '?'}id=vault&resource_id=vault`,
        headers: { authorization: `Apikey ${BAD_KEY}`, accept: 'text/html' }, ...(method === 'POST' || method === 'PUT' ? { payload: {} } : {}),
      });
      expect(r.statusCode, `${route} ${r.body.slice(0, 100)}`).toBe(401);
      expect(r.body, route).not.toMatch(/Title vault|SECRET/);
    }
    expect((await get('admin', `${API}/catalog/datasets/trees/records?limit=0`)).json().total_count).toBe(before);
  });
});

describe('the route contract: every caller asked every data route in its section', () => {
  it('each route the contract places in a section was asked there by all eight callers (the bad key: in its sweep)', () => {
    const missing: string[] = [];
    for (const route of Object.keys(ROUTE_CONTRACT)) {
      const c = ROUTE_CONTRACT[route];
      for (const a of 'matrix' in c ? ASKERS : ['badkey' as const]) {
        const section = a === 'badkey' ? SECTION.badKey : (c as { matrix: string }).matrix;
        if (!asked.has(`${route}|${section}|${a}`)) missing.push(`${a} never asked ${route} in "${section}"`);
      }
    }
    expect(missing).toEqual([]);
    // The figures the README gives.
    expect([recorder.routes().length, matrixRoutes().length, ASKERS.length]).toEqual([220, 194, 8]);
  });
});
