// Browser security headers through buildApp (inject): the app page, embed and API policies, HSTS only
// when AGORA_HSTS is set, map hosts from AGORA_CSP_MAP_HOSTS and the basemap, bad values refused.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openPortal, closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import { importDataset } from '../../src/ingest/index.ts';
import type { AppContext } from '../../src/server/context.ts';
import { securitySettings } from '../../src/server/security-headers.ts';

let dir: string;
let ctx: AppContext;
const apps: FastifyInstance[] = [];

async function app(env: Record<string, string> = {}): Promise<FastifyInstance> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const a = await buildApp(ctx);
    apps.push(a);
    return a;
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-sec-'));
  mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><html><head><title>x</title><!--agora:head--></head><body><div id="root"></div></body></html>');
  writeFileSync(join(dir, 'dist', 'assets', 'app-1.js'), 'console.log(1)');
  process.env.AGORA_WEB_DIST = join(dir, 'dist');
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test', basemapStyle: 'https://styles.example.org/v1/style.json' });
  writeFileSync(join(dir, 'trees.csv'), 'name,height\nOak,12\n');
  await importDataset(ctx.catalog, { source: join(dir, 'trees.csv'), datasetId: 'trees', mode: 'create' });
});
afterEach(async () => { for (const a of apps.splice(0)) await a.close(); });
afterAll(async () => {
  if (ctx) await closePortal(ctx);
  delete process.env.AGORA_WEB_DIST;
  rmSync(dir, { recursive: true, force: true });
});

function directives(csp: unknown): Map<string, string> {
  return new Map(String(csp).split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...rest] = d.split(/\s+/);
    return [name!, rest.join(' ')];
  }));
}

function expectCommon(headers: Record<string, unknown>): void {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(String(headers['permissions-policy'])).toMatch(/geolocation=\(\).*camera=\(\).*microphone=\(\).*payment=\(\)/);
}

describe('security headers', () => {
  it('gives a portal page the app policy, framed by this origin only', async () => {
    const a = await app();
    for (const url of ['/', '/datasets/trees']) {
      const res = await a.inject({ url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(200);
      expectCommon(res.headers);
      const d = directives(res.headers['content-security-policy']);
      expect(d.get('default-src')).toBe("'self'");
      expect(d.get('script-src')).toBe("'self'");
      expect(d.get('style-src')).toBe("'self' 'unsafe-inline'");
      expect(d.get('worker-src')).toBe("'self' blob:");
      expect(d.get('object-src')).toBe("'none'");
      expect(d.get('base-uri')).toBe("'self'");
      expect(d.get('form-action')).toBe("'self'");
      expect(d.get('frame-ancestors')).toBe("'self'");
      // The basemap's origin: MapLibre fetches its style, tiles and glyphs.
      expect(d.get('connect-src')).toBe("'self' https://styles.example.org");
      expect(d.get('img-src')).toContain('blob:');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    // The HTML 404 page is a page too.
    const missing = await a.inject({ url: '/nowhere', headers: { accept: 'text/html' } });
    expect(missing.statusCode).toBe(404);
    expect(directives(missing.headers['content-security-policy']).get('script-src')).toBe("'self'");
    // A basemap changed while serving (as portal-info reads it) is in the next page's policy.
    const before = ctx.config.basemapStyle;
    try {
      ctx.config.basemapStyle = 'http://127.0.0.1:9999/style.json';
      expect(directives((await a.inject('/')).headers['content-security-policy']).get('connect-src')).toBe("'self' http://127.0.0.1:9999");
    } finally { ctx.config.basemapStyle = before; }
  });

  it('lets any site frame an embed', async () => {
    const res = await (await app()).inject('/embed/datasets/trees/table');
    expect(res.statusCode).toBe(200);
    expectCommon(res.headers);
    const d = directives(res.headers['content-security-policy']);
    expect(d.get('frame-ancestors')).toBe('*');
    expect(d.get('script-src')).toBe("'self'");
    expect(res.headers['x-frame-options']).toBeUndefined();
  });

  it('gives API answers nosniff and a policy that loads and frames nothing', async () => {
    const a = await app();
    for (const url of ['/api/explore/v2.1/catalog/datasets/trees/records', '/api/explore/v2.1/catalog/datasets/nope']) {
      const res = await a.inject(url);
      expect(res.headers['content-type'], url).toMatch(/json/);
      expectCommon(res.headers);
      expect(res.headers['content-security-policy'], url).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers['x-frame-options'], url).toBe('DENY');
    }
    const asset = await a.inject('/assets/app-1.js');
    expectCommon(asset.headers);
    expect(asset.headers['content-security-policy']).toBe("frame-ancestors 'self'");
  });

  it('sends Strict-Transport-Security only when AGORA_HSTS is set', async () => {
    const on = await app({ AGORA_HSTS: 'max-age=31536000; includeSubDomains' });
    for (const url of ['/', '/api/explore/v2.1/catalog/datasets']) {
      expect((await on.inject(url)).headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
    }
    expect((await (await app()).inject('/')).headers['strict-transport-security']).toBeUndefined();
    await expect(app({ AGORA_HSTS: 'forever' })).rejects.toThrow(/AGORA_HSTS/);
  });

  it('adds AGORA_CSP_MAP_HOSTS to the page policy and refuses what is not an http(s) origin', async () => {
    const a = await app({ AGORA_CSP_MAP_HOSTS: 'https://tiles.example.org, https://*.tile.example.net:8443,http://localhost:8081' });
    const d = directives((await a.inject('/')).headers['content-security-policy']);
    expect(d.get('connect-src')).toBe("'self' https://styles.example.org https://tiles.example.org https://*.tile.example.net:8443 http://localhost:8081");
    expect(d.get('img-src')).toContain('http://localhost:8081');
    for (const bad of ['tiles.example.org', 'ftp://tiles.example.org', 'https://tiles.example.org/path', "https://x.org'; script-src *", 'https://user:pw@x.org', 'javascript:alert(1)']) {
      await expect(app({ AGORA_CSP_MAP_HOSTS: bad }), bad).rejects.toThrow(/AGORA_CSP_MAP_HOSTS/);
      expect(() => securitySettings({ AGORA_CSP_MAP_HOSTS: bad }), bad).toThrow(/AGORA_CSP_MAP_HOSTS/);
    }
  });
});
