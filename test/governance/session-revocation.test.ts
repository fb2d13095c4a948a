// Session revocation: a new password or a lock (PUT /users/ is_active, `agora user lock`) ends the
// user's sessions in the same transaction as the change; an unlock does not bring them back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { csvPortal } from './support.ts';
import { ensureGovernance } from '../../src/governance/index.ts';

const AUTO = '/api/automation/v1.0';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;

beforeAll(async () => {
  ({ ctx, dir } = await csvPortal('revoke', []));
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'ana', password: 'right-password' });
  await gov.addUser({ username: 'bo', password: 'other-password' });
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => { await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

const login = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
function cookieOf(r: LightMyRequestResponse): string {
  const c = r.headers['set-cookie'];
  return (Array.isArray(c) ? c[0] : String(c)).split(';')[0];
}

describe('a new password or a lock ends the sessions', () => {
  const signedIn = async (cookie: string) => (await app.inject({ url: '/api/auth/session', headers: { cookie } })).statusCode;
  it('a password change ends every session of the user, not the others', async () => {
    const gov = await ensureGovernance(ctx);
    const bo = cookieOf(await login('bo', 'other-password'));
    const ana = cookieOf(await login('ana', 'right-password'));
    expect(await signedIn(bo)).toBe(200);
    await gov.updateUser('bo', { password: 'changed-password' });
    expect(await signedIn(bo)).toBe(401);
    expect(await signedIn(ana)).toBe(200);
    expect((await login('bo', 'other-password')).statusCode).toBe(401);
    expect((await login('bo', 'changed-password')).statusCode).toBe(200);
  });

  it('a locked account stays signed out after it is unlocked (PUT /users/ is_active)', async () => {
    const gov = await ensureGovernance(ctx);
    await gov.addUser({ username: 'root2', password: 'root-password', isAdmin: true });
    const admin = await login('root2', 'root-password');
    const headers = { cookie: cookieOf(admin), 'x-csrf-token': admin.json().csrf_token, 'content-type': 'application/json' };
    const bo = cookieOf(await login('bo', 'changed-password'));
    const lock = await app.inject({ method: 'PUT', url: `${AUTO}/users/bo/`, headers, payload: { is_active: false } });
    expect(lock.statusCode, lock.body).toBe(200);
    expect(await signedIn(bo)).toBe(401);
    expect((await app.inject({ method: 'PUT', url: `${AUTO}/users/bo/`, headers, payload: { is_active: true } })).statusCode).toBe(200);
    expect(await signedIn(bo)).toBe(401);
    expect((await login('bo', 'changed-password')).statusCode).toBe(200);
  });
});
