// Portal branding over HTTP: admins only (401/403 for the others, an admin key needs the admin
// scope), every refused value named, nothing saved on a refusal, audited, kept across a reopen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance } from '../../src/governance/index.ts';

const BRANDING = '/api/agora/v1/portal/branding';
// The 8-byte PNG signature and an IHDR chunk start (PNG spec, section 5.2): what a PNG file opens with.
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('0000000d49484452', 'hex'), Buffer.alloc(40, 1)]);

let dir: string;
let ctx: AppContext;
let app: FastifyInstance;
const keys: Record<string, string> = {};

async function open(): Promise<void> {
  ctx = await openPortal({ dataDir: dir, baseUrl: 'http://portal.test', portalName: 'Env City' });
  app = await buildApp(ctx);
}
async function close(): Promise<void> { await app.close(); await closePortal(ctx); }

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  dir = mkdtempSync(join(tmpdir(), 'agora-branding-'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><html><head><title>x</title><!--agora:head--></head><body></body></html>');
  process.env.AGORA_WEB_DIST = join(dir, 'dist');
  await open();
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'password-root', isAdmin: true });
  await gov.addUser({ username: 'domain', password: 'password-domain', permissions: ['edit_domain', 'edit_dataset'] });
  keys.admin = (await gov.createApiKey('root', ['admin'])).key;
  keys.adminScoped = (await gov.createApiKey('root', ['edit_domain'])).key;
  keys.domain = (await gov.createApiKey('domain', ['edit_domain', 'edit_dataset'])).key;
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS; delete process.env.AGORA_WEB_DIST;
  await close(); rmSync(dir, { recursive: true, force: true });
});

const as = (who: string | null) => (who ? { authorization: `Apikey ${keys[who]}` } : {});
const put = (who: string | null, body: unknown) => app.inject({ method: 'PUT', url: BRANDING, headers: as(who), payload: body as object });
const putLogo = (who: string | null, bytes: Buffer, type = 'image/png') =>
  app.inject({ method: 'PUT', url: `${BRANDING}/logo`, headers: { ...as(who), 'content-type': type }, payload: bytes });

const GOOD = {
  name: 'Ville de Lumière', primary_color: '#0B6E4F', accent_color: '#c84',
  home_text: '## Welcome\n\nOpen data of **the city**. <script>alert(1)</script> [evil](javascript:alert(1)) <img src=x onerror=alert(2)>',
  footer_links: [{ label: 'Legal notice', url: 'https://city.example/legal' }, { label: 'Contact', url: 'http://city.example/contact' }],
};

describe('portal branding', () => {
  it('is read and changed by admins only', async () => {
    expect((await app.inject({ method: 'GET', url: BRANDING })).statusCode).toBe(401);
    expect((await put(null, GOOD)).statusCode).toBe(401);
    for (const who of ['domain', 'adminScoped']) {
      expect((await app.inject({ method: 'GET', url: BRANDING, headers: as(who) })).statusCode, who).toBe(403);
      expect((await put(who, GOOD)).statusCode, who).toBe(403);
      expect((await putLogo(who, PNG)).statusCode, who).toBe(403);
      expect((await app.inject({ method: 'DELETE', url: `${BRANDING}/logo`, headers: as(who) })).statusCode, who).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: '/api/agora/v1/portal' })).json().name).toBe('Env City');
  });

  it('refuses bad values naming each field, and saves nothing', async () => {
    const r = await put('admin', {
      name: 'x'.repeat(81), primary_color: 'red', accent_color: '#12345', colour: '#fff',
      footer_links: [{ label: 'Bad', url: 'javascript:alert(1)' }, { label: '', url: 'https://ok.example' }, { label: 'Ftp', url: 'ftp://files.example' }],
    });
    expect(r.statusCode).toBe(400);
    const fields = r.json().errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['accent_color', 'colour', 'footer_links[0].url', 'footer_links[1].label', 'footer_links[2].url', 'name', 'primary_color'].sort());
    expect(r.json().message).toContain('primary_color "red" is not a hex colour');
    expect(r.json().message).toContain('footer_links[0].url "javascript:alert(1)" is not an http:// or https:// address');
    const now = (await app.inject({ method: 'GET', url: BRANDING, headers: as('admin') })).json();
    expect(now.name).toBeNull();
    expect(now.footer_links).toEqual([]);
  });

  it('applies saved branding to the portal identity, the home text sanitised, and the page titles', async () => {
    const r = await put('admin', GOOD);
    expect(r.statusCode).toBe(200);
    const info = (await app.inject({ method: 'GET', url: '/api/agora/v1/portal' })).json();
    expect(info.name).toBe('Ville de Lumière');
    expect(info.colors).toEqual({ primary: '#0b6e4f', accent: '#c84' });
    expect(info.footer_links).toEqual(GOOD.footer_links);
    expect(info.home_html).toContain('<h2>Welcome</h2>');
    expect(info.home_html).toContain('<strong>the city</strong>');
    expect(info.home_html).not.toMatch(/<script|onerror|javascript:|<img/i);
    const page = await app.inject({ method: 'GET', url: '/datasets' });
    expect(page.body).toContain('<title>Datasets · Ville de Lumière</title>');
  });

  it('takes a logo checked by its bytes and size, and serves it', async () => {
    const fake = await putLogo('admin', Buffer.from('<html><script>alert(1)</script></html>'), 'image/png');
    expect(fake.statusCode).toBe(400);
    expect(fake.json().errors).toEqual([{ field: 'logo', message: 'the file is not a PNG, JPEG, GIF, WebP or SVG image' }]);
    const big = await putLogo('admin', Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]));
    expect(big.statusCode).toBe(400);
    expect(big.json().errors[0].field).toBe('logo');
    expect(big.json().message).toContain('1 MB');
    const ok = await putLogo('admin', PNG);
    expect(ok.statusCode).toBe(200);
    const url = (await app.inject({ method: 'GET', url: '/api/agora/v1/portal' })).json().logo as string;
    expect(url).toMatch(/^\/api\/agora\/v1\/portal\/logo\?v=[0-9a-f]{12}$/);
    const img = await app.inject({ method: 'GET', url });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.headers['content-security-policy']).toContain('sandbox');
    expect(img.rawPayload.equals(PNG)).toBe(true);
  });

  it('audits each change with its actor', async () => {
    const log = (await app.inject({ method: 'GET', url: '/api/auth/audit?limit=20', headers: as('admin') })).json();
    const actions = log.results.filter((e: { target: string }) => e.target === 'portal').map((e: { action: string; actor: string }) => `${e.actor} ${e.action}`);
    expect(actions).toEqual(['user:root portal.logo.update', 'user:root portal.branding.update']);
    const update = log.results.find((e: { action: string }) => e.action === 'portal.branding.update');
    expect(update.detail.changed.sort()).toEqual(['accent_color', 'footer_links', 'home_text', 'name', 'primary_color']);
  });

  it('keeps branding and logo across a restart', async () => {
    await close();
    await open();
    const info = (await app.inject({ method: 'GET', url: '/api/agora/v1/portal' })).json();
    expect(info.name).toBe('Ville de Lumière');
    expect(info.footer_links).toEqual(GOOD.footer_links);
    expect((await app.inject({ method: 'GET', url: info.logo })).rawPayload.equals(PNG)).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/' })).body).toContain('<title>Ville de Lumière</title>');
    // Back to the defaults: null values, logo removed.
    expect((await put('admin', { name: null })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `${BRANDING}/logo`, headers: as('admin') })).statusCode).toBe(200);
    const back = (await app.inject({ method: 'GET', url: '/api/agora/v1/portal' })).json();
    expect(back.name).toBe('Env City');
    expect(back.logo).toBeNull();
    expect((await app.inject({ method: 'GET', url: '/api/agora/v1/portal/logo' })).statusCode).toBe(404);
  });
});
