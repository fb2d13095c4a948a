// The audit log: changes made through the Automation API and sign-ins are recorded with who, what,
// when and from where; only admins (edit_domain) read it; the CSV export is read back by DuckDB's
// own CSV reader; no password, key secret or session id ever lands in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { csvPortal } from './support.ts';
import { ensureGovernance } from '../../src/governance/index.ts';
import { duckdbAnswer } from '../support/duckdb-oracle.ts';
import { eventually } from '../support/eventually.ts';

const AUTO = '/api/automation/v1.0';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let rootKey = '';
let rootKeyId = '';
let readerKey = '';
let uid = '';

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  ({ ctx, dir } = await csvPortal('audit', [{ id: 'parks', csv: 'id,v\n1,x\n' }]));
  uid = ctx.catalog.get('parks').dataset_uid;
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'root-password', isAdmin: true });
  await gov.addUser({ username: 'reader', password: 'reader-password' });
  ({ key: rootKey, keyId: rootKeyId } = await gov.createApiKey('root', ['admin']));
  readerKey = (await gov.createApiKey('reader')).key;
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

const as = (key: string | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, remoteAddress = '127.0.0.1') =>
  app.inject({ method, url, payload, remoteAddress, headers: key ? { authorization: `Apikey ${key}` } : {} });

describe('audit log', () => {
  it('records changes and sign-ins with actor, action, target, time and address', async () => {
    const before = Date.now();
    expect((await as(rootKey, 'PUT', `${AUTO}/datasets/${uid}/`, { is_restricted: true }, '192.0.2.7')).statusCode).toBe(200);
    expect((await as(rootKey, 'POST', `${AUTO}/datasets/${uid}/security/users/`, { user: { username: 'reader' }, permissions: ['explore_restricted_dataset'] }, '192.0.2.7')).statusCode).toBe(201);
    expect((await as(rootKey, 'POST', `${AUTO}/datasets/${uid}/unpublish/`, undefined, '192.0.2.7')).statusCode).toBe(200);
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'reader', password: 'not-the-password' }, remoteAddress: '198.51.100.9' });
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'reader', password: 'reader-password' }, remoteAddress: '198.51.100.9' });
    const r = await as(rootKey, 'GET', '/api/auth/audit');
    expect(r.statusCode).toBe(200);
    const { total_count, results } = r.json();
    expect(total_count).toBe(5);
    expect(results.map((e: { action: string }) => e.action)).toEqual(['login.success', 'login.failure', 'dataset.unpublish', 'security.user.create', 'dataset.update']);
    const update = results[4];
    expect(update).toMatchObject({ actor: 'user:root', target: uid, ip: '192.0.2.7', detail: { dataset_id: 'parks', changes: { is_restricted: true }, key_id: rootKeyId } });
    expect(Date.parse(update.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(results[3].detail).toMatchObject({ user: { username: 'reader' }, permissions: ['explore_restricted_dataset'] });
    expect(results[1]).toMatchObject({ actor: 'anonymous', target: 'reader', ip: '198.51.100.9' });
    const raw = JSON.stringify(await ctx.backend.query('SELECT * FROM agora_audit_log'));
    for (const secret of ['not-the-password', 'reader-password', rootKey.slice('agk_0123456789abcdef_'.length)]) expect(raw).not.toContain(secret);
  });
  it('is for admins only', async () => {
    expect((await as(null, 'GET', '/api/auth/audit')).statusCode).toBe(401);
    expect((await as(readerKey, 'GET', '/api/auth/audit')).statusCode).toBe(403);
    expect((await as(readerKey, 'GET', '/api/auth/audit.csv')).statusCode).toBe(403);
  });
  it('records the refused reads of the audit log (after the answers), once per caller and route', async () => {
    await eventually(async () => {
      const refused = (await as(rootKey, 'GET', '/api/auth/audit?limit=1000')).json().results.filter((e: { action: string }) => e.action === 'access.refused');
      expect(refused.map((e: { actor: string; target: string; detail: { status: number } }) => [e.actor, e.target, e.detail.status]).reverse()).toEqual([
        ['anonymous', '/api/auth/audit', 401], ['user:reader', '/api/auth/audit', 403], ['user:reader', '/api/auth/audit.csv', 403],
      ]);
    });
  });
  it('exports as CSV that DuckDB reads back entry for entry', async () => {
    const csv = await as(rootKey, 'GET', '/api/auth/audit.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const file = join(dir, 'audit.csv');
    writeFileSync(file, csv.body);
    const rows = await duckdbAnswer(`SELECT * FROM read_csv(?, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`, [file]);
    const json = (await as(rootKey, 'GET', '/api/auth/audit?limit=1000')).json().results;
    expect(rows.map((r) => [r.action, r.actor, r.target, r.ip ?? null])).toEqual(json.map((e: Record<string, unknown>) => [e.action, e.actor, e.target, e.ip]));
    expect(JSON.parse(String(rows.find((r) => r.action === 'dataset.update')!.detail))).toMatchObject({ changes: { is_restricted: true } });
  });
});
