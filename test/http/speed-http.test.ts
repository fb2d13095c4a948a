// HTTP for browsers and crawlers: compressed answers (brotli/gzip, never for formats that are
// already compressed), precompressed immutable assets, the HTML 404 page, redirects from CKAN and
// ODS addresses, robots.txt and sitemap.xml (anonymous view only). Decompression by node:zlib,
// file signatures from the formats' specifications (zip "PK\3\4", Parquet "PAR1").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import { importDataset } from '../../src/ingest/index.ts';
import type { AppContext } from '../../src/server/context.ts';
import { precompressDir } from '../../web/precompress.ts';
import { odsSearch } from '../../src/server/web/redirects.ts';
import { anyWordWhere, wordsFromPath } from '../../web/src/app/path-words.ts';

const API = '/api/explore/v2.1/catalog/datasets';
let dir: string;
let ctx: AppContext;
let app: FastifyInstance;
const SCRIPT = `export const words = [${Array.from({ length: 3000 }, (_, i) => `"word${i % 97}"`).join(',')}];\n`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-speed-http-'));
  mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><html><head><title>x</title><!--agora:head--></head><body><div id="root"></div></body></html>');
  writeFileSync(join(dir, 'dist', 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(dir, 'dist', 'assets', 'tiny-abc123.js'), 'console.log(1)');
  expect(precompressDir(join(dir, 'dist', 'assets'))).toBe(1);
  writeFileSync(join(dir, 'dist', 'assets', 'late-abc123.js'), SCRIPT); // built without the copies
  process.env.AGORA_WEB_DIST = join(dir, 'dist');
  const rows = Array.from({ length: 400 }, (_, i) => `${i + 1},Street ${i % 17},${(i * 1.5).toFixed(1)},${48 + i / 1000},${2 + i / 1000}`);
  writeFileSync(join(dir, 'stops.csv'), ['id,street,height,lat,lon', ...rows].join('\n'));
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  for (const id of ['bus-stops', 'vault', 'draft-stops']) {
    await importDataset(ctx.catalog, { source: join(dir, 'stops.csv'), datasetId: id, title: `Title ${id}`, mode: 'create' });
  }
  await ctx.catalog.updateFlags('vault', { is_restricted: true });
  await ctx.catalog.updateFlags('draft-stops', { is_published: false });
  app = await buildApp(ctx);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  if (ctx) await closePortal(ctx);
  delete process.env.AGORA_WEB_DIST;
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('compressed answers', () => {
  it('API JSON goes out as brotli or gzip as the client asks, and decodes to the same answer', async () => {
    const plain = await get(`${API}/bus-stops/records?limit=100`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await get(`${API}/bus-stops/records?limit=100`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const gz = await get(`${API}/bus-stops/records?limit=100`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('streamed text exports (CSV, GeoJSON) are compressed', async () => {
    for (const format of ['csv', 'geojson']) {
      const plain = await get(`${API}/bus-stops/exports/${format}`);
      const gz = await get(`${API}/bus-stops/exports/${format}`, { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding'], format).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString('utf8'), format).toBe(plain.body);
    }
  });

  it('already compressed exports (xlsx, shapefile zip, parquet) are sent as they are', async () => {
    for (const [format, magic] of [['xlsx', 'PK\x03\x04'], ['shp', 'PK\x03\x04'], ['parquet', 'PAR1']] as const) {
      const r = await get(`${API}/bus-stops/exports/${format}`, { 'accept-encoding': 'br, gzip' });
      expect(r.statusCode, format).toBe(200);
      expect(r.headers['content-encoding'], format).toBeUndefined();
      expect(r.rawPayload.subarray(0, magic.length).toString('latin1'), format).toBe(magic);
    }
  });

  it('small answers are not worth compressing', async () => {
    const r = await get(`${API}/bus-stops/records?limit=0`, { 'accept-encoding': 'br' });
    expect(r.rawPayload.length).toBeLessThan(1024);
    expect(r.headers['content-encoding']).toBeUndefined();
  });
});

describe('assets and pages', () => {
  it('hashed assets: the build\'s brotli/gzip copies, cached a year as immutable', async () => {
    const original = readFileSync(join(dir, 'dist', 'assets', 'index-abc123.js'));
    for (const [enc, decode] of [['br', brotliDecompressSync], ['gzip', gunzipSync]] as const) {
      const r = await get('/assets/index-abc123.js', { 'accept-encoding': enc });
      expect(r.headers['content-encoding'], enc).toBe(enc);
      expect(r.headers['content-type']).toMatch(/javascript/);
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(r.headers.vary).toMatch(/accept-encoding/i);
      expect(decode(r.rawPayload).equals(original), enc).toBe(true);
    }
    const raw = await get('/assets/index-abc123.js');
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(raw.rawPayload.equals(original)).toBe(true);
    // Below the size where compression pays, no copy is written.
    expect(existsSync(join(dir, 'dist', 'assets', 'tiny-abc123.js.br'))).toBe(false);
    // An asset without the build's copies is compressed as it is sent.
    const late = await get('/assets/late-abc123.js', { 'accept-encoding': 'br' });
    expect(late.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(late.rawPayload).equals(original)).toBe(true);
  });

  it('pages are revalidated on every visit (no-cache), unlike assets', async () => {
    const r = await get('/datasets/bus-stops', { accept: 'text/html' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('no-cache');
  });

  it('unknown addresses: HTML 404 page for a browser, the JSON error for API clients and assets', async () => {
    const page = await get('/foo/bar', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toMatch(/<title>Not found · [^<]+<\/title>/);
    expect(page.body).toContain('<div id="root">');
    const head = await app.inject({ method: 'HEAD', url: '/foo', headers: { accept: 'text/html' } });
    expect(head.statusCode).toBe(404);
    for (const [url, accept] of [['/foo/bar', 'application/json'], ['/api/explore/v2.1/nope', 'text/html'], ['/assets/missing.js', 'text/html']]) {
      const r = await get(url, { accept });
      expect(r.statusCode, url).toBe(404);
      expect(r.json(), url).toEqual({ message: expect.stringContaining('No route for GET'), error_code: 'NotFoundError' });
    }
    expect((await app.inject({ method: 'POST', url: '/foo', headers: { accept: 'text/html' } })).headers['content-type']).toMatch(/json/);
  });

  it('a restricted or draft dataset page is the same 404 page as an unknown one', async () => {
    for (const id of ['vault', 'draft-stops', 'no-such-dataset']) {
      const r = await get(`/datasets/${id}`, { accept: 'text/html' });
      expect(r.statusCode, id).toBe(404);
      expect(r.body, id).not.toContain(`Title ${id}`);
    }
  });
});

describe('addresses of other portals', () => {
  it('CKAN /dataset/<id> and its resource pages move permanently to /datasets/<id>', async () => {
    for (const [from, to] of [['/dataset/us-airports', '/datasets/us-airports'], ['/dataset/us-airports/resource/1f2e', '/datasets/us-airports'],
      ['/dataset?q=trees', '/datasets?q=trees'], ['/dataset/caf%C3%A9s', '/datasets/caf%C3%A9s']]) {
      const r = await get(from);
      expect(r.statusCode, from).toBe(301);
      expect(r.headers.location, from).toBe(to);
    }
  });

  it('ODS /explore/dataset/<id>/<tab>/ keeps the tab, q and refine.<field>', async () => {
    const r = await get('/explore/dataset/bus-stops/table/?refine.street=Street+3&q=shelter&disjunctive.street&sort=id');
    expect(r.statusCode).toBe(301);
    const to = new URL(String(r.headers.location), 'http://x');
    expect(to.pathname).toBe('/datasets/bus-stops');
    expect(to.searchParams.get('tab')).toBe('table');
    expect(to.searchParams.get('q')).toBe('shelter');
    expect(to.searchParams.getAll('refine')).toEqual(['street:Street 3']);
    expect((await get('/explore/dataset/bus-stops/information/')).headers.location).toBe('/datasets/bus-stops');
    expect((await get('/explore/?q=bus')).headers.location).toBe('/datasets?q=bus');
    expect(odsSearch('exclude.street=A&basemap=x&location=12,48,2').toString()).toBe('exclude=street%3AA');
  });

  it('the 404 page proposes a search from the address\'s words', () => {
    expect(wordsFromPath('/dataset/us-airports')).toBe('us airports');
    expect(wordsFromPath('/explore/dataset/arbres_remarquables/table/')).toBe('arbres remarquables');
    expect(wordsFromPath('/foo')).toBe('foo');
    expect(wordsFromPath('/caf%C3%A9s/2024/index.html')).toBe('cafés');
    expect(wordsFromPath('/%E0%A4%A')).toBe('%e0%a4%a');
    expect(anyWordWhere('us "airports')).toBe('"us" OR "\\"airports"');
  });

  it('the 404 page\'s query finds datasets matching any of the words, through the catalog API', async () => {
    const where = anyWordWhere(wordsFromPath('/old-site/stops/bus.html'));
    const r = await get(`${API}?where=${encodeURIComponent(where)}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().results.map((d: { dataset_id: string }) => d.dataset_id)).toEqual(['bus-stops']);
  });
});

describe('robots.txt and sitemap.xml', () => {
  it('robots.txt keeps the back office out and names the sitemap', async () => {
    const r = await get('/robots.txt');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    const lines = r.body.split('\n');
    expect(lines[0]).toBe('User-agent: *');
    expect(lines).toContain('Disallow: /admin');
    expect(lines).toContain('Sitemap: http://portal.test/sitemap.xml');
  });

  it('sitemap.xml lists the public pages and datasets, never a restricted dataset or a draft, whoever asks', async () => {
    const r = await get('/sitemap.xml');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/xml/);
    expect(r.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')).toBe(true);
    const locs = [...r.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toEqual(['http://portal.test/', 'http://portal.test/datasets', 'http://portal.test/datasets/bus-stops']);
    const lastmod = /<url><loc>http:\/\/portal.test\/datasets\/bus-stops<\/loc><lastmod>([^<]+)<\/lastmod><\/url>/.exec(r.body)?.[1];
    expect(lastmod).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(Math.abs(Date.parse(lastmod!) - Date.now())).toBeLessThan(3_600_000);
  });
});
