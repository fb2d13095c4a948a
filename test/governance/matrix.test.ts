// The security matrix: six callers (anonymous, a user without rules, a user with filter_query and
// visible_fields, a group member, an editor, an admin) against every read route: records, single records,
// facets, group_by aggregates, exports, the catalog, and the interop feeds. What each caller may
// see is computed here from the fixture rows in plain JS, independently of the query engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import { importDataset } from '../../src/ingest/index.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance, parseSecurity } from '../../src/governance/index.ts';
import { processorStore } from '../../src/ingest/processors/index.ts';

const API = '/api/explore/v2.1';
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
type Caller = 'anonymous' | 'plain' | 'ana' | 'member' | 'editor' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'plain', 'ana', 'member', 'editor', 'admin'];

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
  },
  vault: {
    anonymous: null,
    plain: null,
    ana: { rows: (r) => r.district === 'South', fields: ['site_id', 'species'] },
    member: { rows: () => false, fields: ALL_FIELDS },
    editor: null,
    admin: { rows: () => true, fields: ALL_FIELDS },
  },
};

let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
const keys: Partial<Record<Caller, string>> = {};
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
  app = await buildApp(ctx);
  for (const id of ['trees', 'vault']) {
    const body = (await get('admin', `${API}/catalog/datasets/${id}/records?limit=100&include_app_metas=true`)).json();
    recordIds.set(id, new Map(body.results.map((r: { site_id: number; _id: string }) => [r.site_id, r._id])));
  }
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS; delete process.env.AGORA_WEB_DIST;
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

describe('the catalog and the interop feeds', () => {
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

describe('the portal branding routes', () => {
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

describe('dataset processors (Automation API)', () => {
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

describe('the push API and real-time resources', () => {
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

describe('scheduled refreshes (schedules, run history, refresh now)', () => {
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

describe('live record streams (SSE) under the access rules', () => {
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

describe('pages (dashboards and stories)', () => {
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
      const A = '/api/automation/v1.0';
      const acts = [
        ['GET', `${A}/pages/`], ['POST', `${A}/pages/`], ['GET', `${A}/pages/sp_secret/`], ['PUT', `${A}/pages/sp_secret/`], ['DELETE', `${A}/pages/sp_secret/`],
        ['POST', `${A}/studio_pages/sp_secret/publish/`], ['POST', `${A}/pages/sp_public/unpublish/`], ['GET', `${A}/pages/sp_secret/versions/`],
        ['POST', `${A}/pages/sp_secret/versions/1/restore/`], ['GET', `${A}/pages/sp_secret/export/`], ['POST', `${A}/pages/import/`],
        ['GET', `${A}/studio_pages/sp_secret/security/users/`], ['POST', `${A}/studio_pages/sp_secret/security/users/`],
        ['GET', `${A}/pages/sp_secret/security/groups/parks/`], ['PUT', `${A}/pages/sp_secret/security/groups/parks/`], ['DELETE', `${A}/pages/sp_secret/security/users/ana/`],
      ] as const;
      for (const [method, url] of acts) {
        const r = await app.inject({ method, url, headers: authOf(c), ...(method === 'POST' || method === 'PUT' ? { payload: { slug: 'x', content: { title: 'x' } } } : {}) });
        expect([401, 403], `${c} ${method} ${url}`).toContain(r.statusCode);
        expect(r.body).not.toContain(SECRET);
      }
    });
  }
});
