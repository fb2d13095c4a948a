// Users and groups through the Automation API (/users/, /groups/): edit_domain required, admins
// alone grant admin rights, local provisioning with a password that then signs in, and group
// permissions taking effect on the Explore API at once. No password hash ever leaves the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { csvPortal } from './support.ts';
import { ensureGovernance } from '../../src/governance/index.ts';

const AUTO = '/api/automation/v1.0';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
const key: Record<string, string> = {};

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  ({ ctx, dir } = await csvPortal('dir', [{ id: 'vault', csv: 'id,v\n1,x\n2,y\n', restricted: true }]));
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'root-password', isAdmin: true });
  await gov.addUser({ username: 'clerk', password: 'clerk-password', permissions: ['edit_domain'] });
  await gov.addUser({ username: 'reader', password: 'reader-password' });
  key.root = (await gov.createApiKey('root', ['admin'])).key;
  key.clerk = (await gov.createApiKey('clerk', ['edit_domain'])).key;
  key.clerkRead = (await gov.createApiKey('clerk')).key;
  key.reader = (await gov.createApiKey('reader')).key;
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

function call(who: string | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
  return app.inject({ method, url, headers: who ? { authorization: `Apikey ${key[who]}` } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
}
const explore = (k: string | null) => app.inject({ url: '/api/explore/v2.1/catalog/datasets/vault/records', headers: k ? { authorization: `Apikey ${k}` } : {} });

describe('users', () => {
  it('needs edit_domain (and a key scoped for it)', async () => {
    expect((await call(null, 'GET', `${AUTO}/users/`)).statusCode).toBe(401);
    expect((await call('reader', 'GET', `${AUTO}/users/`)).statusCode).toBe(403);
    expect((await call('clerkRead', 'GET', `${AUTO}/users/`)).statusCode).toBe(403);
    const list = await call('clerk', 'GET', `${AUTO}/users/?search=cle`);
    expect(list.json()).toMatchObject({ total_count: 1, results: [{ username: 'clerk', permissions: ['edit_domain'], is_admin: false }] });
    expect(list.json().results[0].groups).toBeUndefined();
  });
  it('provisions local users whose password then signs in; only admins create admins', async () => {
    const r = await call('clerk', 'POST', `${AUTO}/users/provision/`, [
      { username: 'zoe', email: 'zoe@city.example', identity_provider: { uid: 'local' }, identity_provider_attributes: { password: 'zoe-password' } },
      { username: 'boss', identity_provider: { uid: 'local' }, identity_provider_attributes: { password: 'boss-password' }, is_admin: true },
      { username: 'sso', identity_provider: { uid: 'google' } },
    ]);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body['0']).toMatchObject({ status_code: 'success', data: { username: 'zoe', email: 'zoe@city.example', is_active: true } });
    expect(body['1']).toMatchObject({ status_code: 'error', error: { error_code: 'permission_denied' } });
    expect(body['2']).toMatchObject({ status_code: 'error', error: { error_code: 'validation_error' } });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zoe', password: 'zoe-password' } });
    expect(login.statusCode).toBe(200);
    expect(r.body).not.toMatch(/scrypt|zoe-password/);
    key.zoe = (await ctx.governance!.createApiKey('zoe')).key;
  });
  it('updates users; admin rights only from an admin; deactivation shuts the user out', async () => {
    const u = await call('clerk', 'PUT', `${AUTO}/users/zoe/`, { permissions: ['create_dataset'], email: 'z@city.example' });
    expect(u.json()).toMatchObject({ username: 'zoe', permissions: ['create_dataset'], email: 'z@city.example' });
    expect((await call('clerk', 'PUT', `${AUTO}/users/zoe/`, { is_admin: true })).statusCode).toBe(403);
    expect((await call('clerk', 'PUT', `${AUTO}/users/zoe/`, { permissions: ['fly'] })).json()).toMatchObject({ error_code: 'validation_error', detail: { permissions: [expect.stringContaining('fly')] } });
    expect((await call('clerk', 'PUT', `${AUTO}/users/zoe/`, { is_active: false })).statusCode).toBe(200);
    expect((await explore(key.zoe)).statusCode).toBe(401);
    expect((await call('clerk', 'PUT', `${AUTO}/users/zoe/`, { is_active: true })).statusCode).toBe(200);
    expect((await call('root', 'PUT', `${AUTO}/users/zoe/`, { is_admin: true })).json().is_admin).toBe(true);
    expect((await call('root', 'PUT', `${AUTO}/users/zoe/`, { is_admin: false })).json().is_admin).toBe(false);
  });
});

describe('groups', () => {
  it('creates a group from a title; membership grants its permissions on the Explore API at once', async () => {
    expect((await explore(key.zoe)).statusCode).toBe(404);
    const g = await call('clerk', 'POST', `${AUTO}/groups/`, { title: 'Park Rangers', description: 'Field staff', permissions: ['explore_restricted_dataset'] });
    expect(g.statusCode, g.body).toBe(201);
    expect(g.json()).toMatchObject({ uid: 'park_rangers', title: 'Park Rangers', description: 'Field staff', user_count: 0, permissions: ['explore_restricted_dataset'] });
    expect((await call('clerk', 'POST', `${AUTO}/groups/`, { title: 'Park Rangers' })).json().uid).toBe('park_rangers_2');
    const add = await call('clerk', 'POST', `${AUTO}/groups/park_rangers/users/`, { username: 'zoe' });
    expect(add.statusCode).toBe(201);
    expect(add.json().groups).toEqual([{ uid: 'park_rangers' }]);
    expect((await explore(key.zoe)).json().total_count).toBe(2);
    expect((await call('clerk', 'GET', `${AUTO}/groups/park_rangers/users/`)).json().results.map((u: { username: string }) => u.username)).toEqual(['zoe']);
    expect((await call('clerk', 'GET', `${AUTO}/groups/park_rangers/`)).json().user_count).toBe(1);
    expect((await call('clerk', 'PUT', `${AUTO}/groups/park_rangers/`, { title: 'Rangers', permissions: [] })).json()).toMatchObject({ uid: 'park_rangers', title: 'Rangers', permissions: [] });
    expect((await explore(key.zoe)).statusCode).toBe(404);
    await call('clerk', 'PUT', `${AUTO}/groups/park_rangers/`, { permissions: ['explore_restricted_dataset'] });
    expect((await call('clerk', 'DELETE', `${AUTO}/groups/park_rangers/users/zoe/`)).statusCode).toBe(204);
    expect((await explore(key.zoe)).statusCode).toBe(404);
    expect((await call('clerk', 'POST', `${AUTO}/groups/park_rangers/users/`, { username: 'ghost' })).json().error_code).toBe('validation_error');
    expect((await call('clerk', 'DELETE', `${AUTO}/groups/park_rangers_2/`)).statusCode).toBe(204);
    expect((await call('clerk', 'GET', `${AUTO}/groups/park_rangers_2/`)).statusCode).toBe(404);
    expect((await call('reader', 'POST', `${AUTO}/groups/`, { title: 'x' })).statusCode).toBe(403);
  });
  it('deletes users, but not oneself, and an admin only by an admin', async () => {
    expect((await call('clerk', 'DELETE', `${AUTO}/users/clerk/`)).json().error_code).toBe('validation_error');
    expect((await call('clerk', 'DELETE', `${AUTO}/users/root/`)).statusCode).toBe(403);
    expect((await call('clerk', 'DELETE', `${AUTO}/users/zoe/`)).statusCode).toBe(204);
    expect((await call('clerk', 'GET', `${AUTO}/users/zoe/`)).statusCode).toBe(404);
    expect((await explore(key.zoe)).statusCode).toBe(401);
    const audit = (await call('root', 'GET', '/api/auth/audit?limit=100')).json().results.map((e: { action: string }) => e.action);
    for (const a of ['user.add', 'user.update', 'group.add', 'group.member.add', 'group.member.remove', 'group.delete', 'user.delete']) expect(audit).toContain(a);
  });
});
