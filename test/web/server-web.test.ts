// The web module's server side through the front door (Fastify inject): portal identity, page-view
// counting, framing headers, SPA pages with schema.org JSON-LD, asset paths that cannot escape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { Catalog } from '../../src/catalog/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import type { AppContext } from '../../src/server/context.ts';
import { importDataset } from '../../src/ingest/index.ts';
import { applyMeta } from '../../src/catalog/index.ts';
import { registerWeb } from '../../src/server/web/index.ts';
import { registerSecurityHeaders, securitySettings } from '../../src/server/security-headers.ts';
import { handleError } from '../../src/server/errors.ts';
import { VIEWS_TABLE } from '../../src/server/web/views.ts';
import { datasetUrl } from '../../web/src/api/catalog.ts';
import { countUrl } from '../../web/src/api/dataset.ts';
import { NO_FILTERS } from '../../web/src/state/filters.ts';

let dir: string;
let ctx: AppContext;
let app: FastifyInstance;
const TEMPLATE = '<!doctype html><html><head><title>x</title><meta name="description" content="d"><!--agora:head--></head><body><div id="root"></div></body></html>';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-web-'));
  mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.html'), TEMPLATE);
  writeFileSync(join(dir, 'dist', 'assets', 'app-123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'TOP-SECRET-CONTENT');
  process.env.AGORA_WEB_DIST = join(dir, 'dist');
  process.env.AGORA_PRIMARY_COLOR = 'red;}body{display:none';
  process.env.AGORA_ACCENT_COLOR = '#005a9c';
  // Only what the web module reads (config, backend, catalog): no query stages needed here.
  const backend = new DuckDBBackend({ dataDir: null, readPoolSize: 2 });
  await backend.open();
  const catalog = new Catalog(backend);
  await catalog.open();
  ctx = { config: loadConfig({ portalName: 'Ville de Test', baseUrl: 'http://portal.test', dataDir: dir }), backend, catalog } as unknown as AppContext;
  writeFileSync(join(dir, 'trees.csv'), 'name,height\nOak,12\nElm,7\n');
  for (const id of ['trees', 'benches']) {
    await importDataset(ctx.catalog, { source: join(dir, 'trees.csv'), datasetId: id, mode: 'create', title: id === 'trees' ? 'Trees </script><b>x</b>' : 'Benches' });
  }
  const ds = ctx.catalog.get('trees');
  await ctx.catalog.updateMetas('trees', applyMeta(ds.metas, 'default', 'description', '<p>Every street tree &amp; its height.</p>'));
  app = Fastify();
  app.setErrorHandler(handleError);
  registerSecurityHeaders(app, securitySettings({}));
  await registerWeb(app, ctx);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  if (ctx) await ctx.backend.close();
  delete process.env.AGORA_WEB_DIST;
  delete process.env.AGORA_PRIMARY_COLOR;
  delete process.env.AGORA_ACCENT_COLOR;
  rmSync(dir, { recursive: true, force: true });
});

describe('portal identity', () => {
  it('answers the configured name and only well-formed colours', async () => {
    const res = await app.inject('/api/agora/v1/portal');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.name).toBe('Ville de Test');
    expect(body.colors).toEqual({ primary: '#1f4e8c', accent: '#005a9c' });
    expect(body.languages).toEqual(['en', 'fr']);
    expect(body.basemap_style).toBeNull();
  });
});

describe('page views', () => {
  it('counts a visitor once per dataset and ranks the most viewed', async () => {
    const hit = (id: string, ua: string) => app.inject({ method: 'POST', url: `/api/agora/v1/views/${id}`, headers: { 'user-agent': ua } });
    expect((await hit('trees', 'a')).json()).toEqual({ dataset_id: 'trees', counted: true });
    expect((await hit('trees', 'a')).json()).toEqual({ dataset_id: 'trees', counted: false });
    expect((await hit('trees', 'b')).json().counted).toBe(true);
    expect((await hit('benches', 'a')).json().counted).toBe(true);
    const missing = await hit('nope', 'a');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error_code).toBe('UnknownDatasetError');
    const list = await app.inject('/api/agora/v1/views?limit=5');
    expect(list.json().results).toEqual([{ dataset_id: 'trees', views: 2 }, { dataset_id: 'benches', views: 1 }]);
    expect((await app.inject('/api/agora/v1/views?limit=0')).statusCode).toBe(400);
  });

  it('writes the counts to its table', async () => {
    await app.inject({ method: 'POST', url: '/api/agora/v1/views/benches', headers: { 'user-agent': 'c' } });
    await new Promise((r) => setTimeout(r, 2500));
    const rows = await ctx.backend.query(`SELECT dataset_id, views FROM ${VIEWS_TABLE} ORDER BY dataset_id`);
    expect(rows).toEqual([{ dataset_id: 'benches', views: 2 }, { dataset_id: 'trees', views: 2 }]);
  });
});

describe('pages and framing', () => {
  it('serves a dataset page with escaped head tags and schema.org JSON-LD', async () => {
    const res = await app.inject('/datasets/trees');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const html = res.body;
    expect(html).toContain('<title>Trees &lt;/script&gt;&lt;b&gt;x&lt;/b&gt; · Ville de Test</title>');
    expect(html).toContain('<meta name="description" content="Every street tree &amp; its height.">');
    const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
    expect(m).not.toBeNull();
    expect(m![1]).not.toContain('</');
    const ld = JSON.parse(m![1]);
    expect(ld['@type']).toBe('Dataset');
    expect(ld.name).toBe('Trees </script><b>x</b>');
    expect(ld.url).toBe('http://portal.test/datasets/trees');
  });

  it('has the browser fetch the API answers the app asks for first while its JavaScript loads', async () => {
    const html = (await app.inject('/datasets/trees')).body;
    const preloads = [...html.matchAll(/<link rel="preload" as="fetch" href="([^"]+)" crossorigin="anonymous">/g)].map((m) => m[1]);
    // The very URLs the app requests (a different string would be fetched twice).
    expect(preloads).toEqual(['/api/agora/v1/portal', datasetUrl('trees'), countUrl('trees', NO_FILTERS)]);
    const filtered = (await app.inject('/datasets/trees?tab=table&refine=name:Oak')).body;
    expect([...filtered.matchAll(/rel="preload" as="fetch" href="([^"]+)"/g)].map((m) => m[1])).toEqual(['/api/agora/v1/portal', datasetUrl('trees')]);
    const home = (await app.inject('/')).body;
    expect([...home.matchAll(/rel="preload" as="fetch" href="([^"]+)"/g)].map((m) => m[1])).toEqual(['/api/agora/v1/portal']);
  });

  it('answers 404 with the app for unknown datasets', async () => {
    const res = await app.inject('/datasets/unknown');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('<div id="root">');
    expect(res.body).not.toContain('ld+json');
  });

  it('answers the same head tags for client-side navigations (page-head route)', async () => {
    const res = await app.inject('/api/agora/v1/page-head?path=%2Fdatasets%2Ftrees');
    expect(res.statusCode).toBe(200);
    const head = res.json();
    expect(head.status).toBe(200);
    expect(head.description).toBe('Every street tree & its height.');
    expect(head.canonical).toBe('http://portal.test/datasets/trees');
    expect(head.json_ld['@type']).toBe('Dataset');
    expect(head.json_ld.name).toBe('Trees </script><b>x</b>');
    const page = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec((await app.inject('/datasets/trees')).body)!;
    expect(head.json_ld).toEqual(JSON.parse(page[1]));
    const home = (await app.inject('/api/agora/v1/page-head?path=/')).json();
    expect(home).toMatchObject({ status: 200, canonical: 'http://portal.test/', json_ld: null, description: null });
    expect((await app.inject('/api/agora/v1/page-head?path=/datasets/unknown')).json()).toMatchObject({ status: 404, json_ld: null });
    const bad = await app.inject('/api/agora/v1/page-head?path=datasets');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('path');
  });

  it('allows framing for /embed only', async () => {
    const embed = await app.inject('/embed/datasets/trees/table?refine=name:Oak');
    expect(embed.statusCode).toBe(200);
    expect(embed.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(embed.headers['x-frame-options']).toBeUndefined();
    for (const url of ['/', '/datasets', '/datasets/trees']) {
      const res = await app.inject(url);
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'self'");
    }
    const api = await app.inject('/api/agora/v1/portal');
    expect(api.headers['x-frame-options']).toBe('DENY');
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('answers 404 for the map embed of a dataset without a geographic field', async () => {
    expect((await app.inject('/embed/datasets/trees/map')).statusCode).toBe(404);
    expect((await app.inject('/embed/datasets/trees/table')).statusCode).toBe(200);
    expect((await app.inject('/api/agora/v1/page-head?path=/embed/datasets/trees/map')).json()).toMatchObject({ status: 404 });
  });

  it('serves hashed assets as immutable and never outside dist/assets', async () => {
    const ok = await app.inject('/assets/app-123.js');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/javascript/);
    expect(ok.headers['cache-control']).toContain('immutable');
    expect(ok.body).toBe('console.log(1)');
    for (const url of ['/assets/../../secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('TOP-SECRET-CONTENT');
    }
  });
});
