// Browser sessions through the front door: HTTP-only Secure SameSite cookies, CSRF rejection,
// session fixation, logout, brute-force throttling (429 with the ODS quota body's keys), expiry.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { csvPortal } from './support.ts';
import { ensureGovernance, parseSecurity } from '../../src/governance/index.ts';
import { IDLE_MS, LoginThrottle, SessionStore } from '../../src/governance/sessions.ts';
import { PasswordResets, RESET_TTL_MS } from '../../src/governance/resets.ts';

const AUTO = '/api/automation/v1.0';
const API = '/api/explore/v2.1';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let uid = '';

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  ({ ctx, dir } = await csvPortal('sess', [{ id: 'vault', title: 'Vault', csv: 'id,v\n1,x\n2,y\n3,z\n', restricted: true }]));
  uid = ctx.catalog.get('vault').dataset_uid;
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'ana', password: 'right-password' });
  await gov.addUser({ username: 'bo', password: 'other-password' });
  await gov.putRuleset({ datasetUid: uid, target: { kind: 'user', username: 'ana' }, permissions: ['edit_dataset'], security: parseSecurity({ filter_query: 'id <= 2' }, ctx.catalog.get('vault')) });
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });
function cookieOf(r: LightMyRequestResponse): string {
  const c = r.headers['set-cookie'];
  const first = Array.isArray(c) ? c[0] : String(c);
  return first.split(';')[0];
}

describe('sign-in and session cookies', () => {
  it('sets an HTTP-only, Secure, SameSite cookie and returns a CSRF token; the cookie authenticates', async () => {
    const r = await login('ana', 'right-password');
    expect(r.statusCode, r.body).toBe(200);
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toMatch(/^agora_session=[A-Za-z0-9_-]{43};/);
    for (const attr of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/']) expect(setCookie).toContain(attr);
    expect(r.json()).toEqual({ username: 'ana', is_admin: false, csrf_token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
    const cookie = cookieOf(r);
    const records = await app.inject({ url: `${API}/catalog/datasets/vault/records`, headers: { cookie } });
    expect(records.json().total_count).toBe(2);
    expect((await app.inject({ url: `${API}/catalog/datasets/vault/records` })).statusCode).toBe(404);
    const me = await app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(me.json()).toMatchObject({ username: 'ana', csrf_token: r.json().csrf_token });
    // A dataset ruleset is no domain permission: the session lists none.
    expect(me.json().permissions).toEqual([]);
    const rows = await ctx.backend.query('SELECT * FROM agora_sessions');
    expect(JSON.stringify(rows)).not.toContain(cookie.split('=')[1]);
  });
  it('lists the domain permissions of the account and of its groups', async () => {
    const gov = await ensureGovernance(ctx);
    await gov.addGroup('editors', ['manage_page']);
    await gov.addUser({ username: 'eve', password: 'eve-password-1', permissions: ['edit_page'], groups: ['editors'] });
    const cookie = cookieOf(await login('eve', 'eve-password-1'));
    const me = (await app.inject({ url: '/api/auth/session', headers: { cookie } })).json();
    expect([...me.permissions].sort()).toEqual(['edit_page', 'manage_page']);
  });
  it('rejects unsafe cookie requests without the right CSRF token, accepts them with it', async () => {
    const r = await login('ana', 'right-password');
    const cookie = cookieOf(r);
    const body = { metadata: { default: { title: { value: 'Renamed' } } } };
    for (const headers of [{ cookie }, { cookie, 'x-csrf-token': 'forged' }]) {
      const put = await app.inject({ method: 'PUT', url: `${AUTO}/datasets/${uid}/`, payload: body, headers });
      expect(put.statusCode).toBe(403);
      expect(put.json().error_code).toBe('permission_denied');
    }
    expect(ctx.catalog.get('vault').metas.default.title).toBe('Vault');
    const ok = await app.inject({ method: 'PUT', url: `${AUTO}/datasets/${uid}/`, payload: body, headers: { cookie, 'x-csrf-token': r.json().csrf_token } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ctx.catalog.get('vault').metas.default.title).toBe('Renamed');
  });
  it('never adopts a session id chosen before sign-in, and ends the old one (session fixation)', async () => {
    const planted = 'agora_session=' + 'A'.repeat(43);
    const first = await login('ana', 'right-password', { cookie: planted });
    expect(cookieOf(first)).not.toBe(planted);
    const again = await login('ana', 'right-password', { cookie: cookieOf(first) });
    expect(cookieOf(again)).not.toBe(cookieOf(first));
    expect((await app.inject({ url: '/api/auth/session', headers: { cookie: cookieOf(first) } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/auth/session', headers: { cookie: cookieOf(again) } })).statusCode).toBe(200);
  });
  it('logs out (with the CSRF token), after which the cookie is dead', async () => {
    const r = await login('ana', 'right-password');
    const cookie = cookieOf(r);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(403);
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': r.json().csrf_token } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await app.inject({ url: `${API}/catalog/datasets/vault/records`, headers: { cookie } })).statusCode).toBe(404);
  });
  it('accepts only JSON sign-in bodies (which a cross-site form cannot send)', async () => {
    const form = await app.inject({ method: 'POST', url: '/api/auth/login', payload: 'username=ana&password=right-password', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.statusCode).toBe(415);
    const text = await app.inject({ method: 'POST', url: '/api/auth/login', payload: JSON.stringify({ username: 'ana', password: 'right-password' }), headers: { 'content-type': 'text/plain' } });
    expect(text.statusCode).toBe(400);
    expect(text.headers['set-cookie']).toBeUndefined();
  });
});

describe('brute force', () => {
  it('locks a username after 5 failures, even for the right password, with the quota body', async () => {
    for (let i = 0; i < 5; i++) expect((await login('bo', `wrong-${i}`)).statusCode).toBe(401);
    const locked = await login('bo', 'other-password');
    expect(locked.statusCode).toBe(429);
    expect(Object.keys(locked.json()).sort()).toEqual(['call_limit', 'error', 'errorcode', 'limit_time_unit', 'reset_time']);
    expect(locked.json()).toMatchObject({ errorcode: 10002, call_limit: 5 });
    expect((await login('ana', 'right-password', {})).statusCode).toBe(200); // another user, same address
  });
  it('opens again once the failures leave the window; unknown users answer like wrong passwords', async () => {
    let now = 0;
    const t = new LoginThrottle(2, 1000, () => now);
    await t.fail(['k']); now = 500; await t.fail(['k']);
    await expect(t.check(['k'])).rejects.toThrow(/Too many failed logins/);
    now = 1001;
    await expect(t.check(['k'])).resolves.toBeUndefined();
    const ghost = await login('ghost', 'whatever-pw');
    expect(ghost.statusCode).toBe(401);
    expect(ghost.json().message).toBe((await login('ana', 'wrong-password')).json().message);
  });
});

describe('expiry', () => {
  it('ends a session left idle past the idle timeout', async () => {
    let now = Date.now();
    const store = new SessionStore(ctx.backend, ctx.governance!, () => now);
    const { id } = await store.create(ctx.governance!.getUser('ana'));
    expect(await store.find(id)).not.toBeNull();
    now += IDLE_MS + 1;
    expect(await store.find(id)).toBeNull();
  });
});

describe('password reset', () => {
  it('notes the request on the console without a token, answers alike for unknown users; an administrator\'s token sets the password and ends sessions', async () => {
    await ctx.governance!.addUser({ username: 'cy', password: 'old-password' });
    const session = cookieOf(await login('cy', 'old-password'));
    const logs: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { logs.push(a.join(' ')); });
    const req = (username: string) => app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { username }, remoteAddress: '203.0.113.5' });
    const known = await req('cy');
    const unknown = await req('nobody-here');
    spy.mockRestore();
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('agora user reset-password cy');
    expect(logs[0]).not.toMatch(/[A-Za-z0-9_-]{43}/);
    expect(await ctx.backend.query('SELECT * FROM agora_password_resets')).toEqual([]);
    // What `agora user reset-password cy` does: the token goes to the administrator's terminal only.
    const token = await new PasswordResets(ctx.backend, ctx.governance!).issue('cy');
    const confirm = (t: string, password: string) => app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token: t, password } });
    expect((await confirm(token, 'short')).statusCode).toBe(400);
    expect((await confirm(token, 'brand-new-password')).statusCode).toBe(204);
    expect((await confirm(token, 'another-password')).statusCode).toBe(400); // used once
    expect((await login('cy', 'old-password')).statusCode).toBe(401);
    expect((await login('cy', 'brand-new-password')).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/session', headers: { cookie: session } })).statusCode).toBe(401);
    const rows = JSON.stringify(await ctx.backend.query('SELECT * FROM agora_password_resets'));
    expect(rows).not.toContain(token);
  });
  it('expires tokens after an hour', async () => {
    let now = Date.now();
    const resets = new PasswordResets(ctx.backend, ctx.governance!, () => now);
    const token = await resets.issue('ana');
    now += RESET_TTL_MS + 1;
    await expect(resets.consume(token, 'whatever-long')).rejects.toThrow('Invalid or expired password reset token.');
  });
});
