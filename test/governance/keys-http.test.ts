// API keys over HTTP: a signed-in user lists, creates (the key is shown once) and revokes their
// own keys; a key cannot mint a key with more scopes than it has; another user's keys are only
// reachable with edit_domain (404 otherwise, as for an unknown id).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance } from '../../src/governance/index.ts';

let ctx: AppContext;
let app: FastifyInstance;
let cookie = '';
let csrf = '';
const key: Record<string, string> = {};

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'ana', password: 'ana-password', permissions: ['edit_dataset'] });
  await gov.addUser({ username: 'bo', password: 'bo-password' });
  await gov.addUser({ username: 'clerk', password: 'clerk-password', permissions: ['edit_domain'] });
  key.anaRead = (await gov.createApiKey('ana')).key;
  key.bo = (await gov.createApiKey('bo')).key;
  key.clerk = (await gov.createApiKey('clerk', ['edit_domain'])).key;
  app = await buildApp(ctx, { web: false });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ana', password: 'ana-password' } });
  cookie = String(login.headers['set-cookie']).split(';')[0];
  csrf = login.json().csrf_token;
});
afterAll(async () => { delete process.env.AGORA_RATE_LIMIT_ANONYMOUS; await app?.close(); if (ctx) await closePortal(ctx); });

const withKey = (k: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => app.inject({ method, url, payload, headers: { authorization: `Apikey ${k}` } });

describe('API keys over HTTP', () => {
  let created = '';
  let createdId = '';
  it('creates a key for the signed-in user (CSRF token required), shown once, usable at once', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/auth/apikeys', payload: { scopes: ['edit_dataset'] }, headers: { cookie } })).statusCode).toBe(403);
    const r = await app.inject({ method: 'POST', url: '/api/auth/apikeys', payload: { scopes: ['edit_dataset'] }, headers: { cookie, 'x-csrf-token': csrf } });
    expect(r.statusCode, r.body).toBe(201);
    ({ key: created, key_id: createdId } = r.json());
    expect(r.json()).toMatchObject({ username: 'ana', scopes: ['edit_dataset'] });
    expect(ctx.governance!.authenticateKey(created)?.user.username).toBe('ana');
    const list = await app.inject({ url: '/api/auth/apikeys', headers: { cookie } });
    expect(list.json().results.map((k: { key_id: string }) => k.key_id)).toContain(createdId);
    expect(list.body).not.toContain(created.slice('agk_0123456789abcdef_'.length));
  });
  it('lets a key mint keys only within its own scopes', async () => {
    expect((await withKey(key.anaRead, 'POST', '/api/auth/apikeys', { scopes: ['edit_dataset'] })).statusCode).toBe(403);
    expect((await withKey(key.anaRead, 'POST', '/api/auth/apikeys', {})).statusCode).toBe(201);
    expect((await withKey(created, 'POST', '/api/auth/apikeys', { scopes: ['edit_dataset'] })).statusCode).toBe(201);
    expect((await withKey(created, 'POST', '/api/auth/apikeys', { scopes: ['admin'] })).statusCode).toBe(403);
  });
  it('keeps other users\' keys out of reach without edit_domain', async () => {
    expect((await withKey(key.bo, 'GET', '/api/auth/apikeys?username=ana')).statusCode).toBe(403);
    expect((await withKey(key.bo, 'DELETE', `/api/auth/apikeys/${createdId}`)).statusCode).toBe(404);
    expect((await withKey(key.bo, 'POST', '/api/auth/apikeys', { username: 'ana' })).statusCode).toBe(403);
    expect((await withKey(key.clerk, 'GET', '/api/auth/apikeys?username=ana')).json().results.length).toBeGreaterThanOrEqual(3);
    expect((await app.inject({ url: '/api/auth/apikeys' })).statusCode).toBe(401);
  });
  it('revokes a key, after which it is refused; the changes are audited', async () => {
    expect((await app.inject({ method: 'DELETE', url: `/api/auth/apikeys/${createdId}`, headers: { cookie, 'x-csrf-token': csrf } })).statusCode).toBe(204);
    expect((await withKey(created, 'GET', '/api/auth/apikeys')).statusCode).toBe(401);
    const { entries } = await (await import('../../src/governance/index.ts')).ensureAudit(ctx).then((a) => a.list(100, 0));
    expect(entries.filter((e) => e.action === 'apikey.create').length).toBe(3);
    expect(entries.some((e) => e.action === 'apikey.revoke' && e.detail.key_id === createdId)).toBe(true);
  });
});
