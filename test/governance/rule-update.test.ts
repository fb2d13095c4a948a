// Editing access rules in place through the Automation API (what the back office's Edit sends): a user
// or group rule replaced by one PUT (never deleted then added, never duplicated, readable all along), a
// bad filter_query refused with the ODSQL error and the old rule kept, default_security and its quota
// replaced, and each change in the audit log. Expected rows are counted here from the fixture rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { csvPortal } from './support.ts';
import { ensureGovernance } from '../../src/governance/index.ts';

const AUTO = '/api/automation/v1.0';
const API = '/api/explore/v2.1';
const KINDS = ['Oak', 'Elm', 'Ash'];
const ROWS = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, kind: KINDS[(i * 7) % 3], height: 2 + ((i * 5) % 17), district: `D${1 + (i % 4)}` }));
const count = (p: (r: (typeof ROWS)[number]) => boolean) => ROWS.filter(p).length;

let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
const key: Record<string, string> = {};
let rootKeyId = '';
let uid = '';

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  const csv = ['id,kind,height,district', ...ROWS.map((r) => `${r.id},${r.kind},${r.height},${r.district}`)].join('\n');
  ({ ctx, dir } = await csvPortal('rule-update', [{ id: 'trees', title: 'Trees', csv, restricted: true }]));
  uid = ctx.catalog.get('trees').dataset_uid;
  const gov = await ensureGovernance(ctx);
  await gov.addGroup('crew');
  await gov.addUser({ username: 'root', password: 'password-root', isAdmin: true });
  await gov.addUser({ username: 'ana', password: 'password-ana' });
  await gov.addUser({ username: 'sam', password: 'password-sam', groups: ['crew'] });
  await gov.addUser({ username: 'walker', password: 'password-walker' });
  ({ key: key.root, keyId: rootKeyId } = await gov.createApiKey('root', ['admin']));
  for (const u of ['ana', 'sam', 'walker']) key[u] = (await gov.createApiKey(u)).key;
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); if (dir) rmSync(dir, { recursive: true, force: true });
});

function call(who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) {
  return app.inject({ method, url, headers: { authorization: `Apikey ${key[who]}` }, ...(body !== undefined ? { payload: body as object } : {}) });
}
const records = (who: string) => call(who, 'GET', `${API}/catalog/datasets/trees/records?limit=100`);
const audit = async () => (await call('root', 'GET', '/api/auth/audit?limit=1000')).json() as { total_count: number; results: Array<{ action: string; target: string; actor: string; detail: Record<string, unknown> }> };

describe('editing a user rule in place (PUT security/users/{username}/)', () => {
  const url = `${AUTO}/datasets/${'{uid}'}/security/users/`;
  const u = () => url.replace('{uid}', uid);
  const first = { user: { username: 'ana' }, permissions: ['explore_restricted_dataset'], security: { is_data_visible: true, visible_fields: ['id', 'kind'], filter_query: 'kind = "Oak"', api_calls_quota: null } };
  const second = { user: { username: 'ana' }, permissions: ['explore_restricted_dataset'], security: { is_data_visible: true, visible_fields: ['id', 'height', 'district'], filter_query: 'height >= 10 AND district = "D2"', api_calls_quota: { unit: 'hour', limit: 50 } } };

  it('replaces the rule: one rule, the new values, their effect on the Explore API, readable all along', async () => {
    expect((await call('root', 'POST', u(), first)).statusCode).toBe(201);
    const before = (await records('ana')).json();
    expect(before.total_count).toBe(count((r) => r.kind === 'Oak'));
    const auditBefore = (await audit()).total_count;

    // The PUT races ten reads by ana: on a restricted dataset a moment without her rule would be a 404.
    const [put, ...reads] = await Promise.all([call('root', 'PUT', `${u()}ana/`, second), ...Array.from({ length: 10 }, () => records('ana'))]);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual(second);
    const expected = count((r) => r.height >= 10 && r.district === 'D2');
    for (const r of reads) {
      expect(r.statusCode).toBe(200);
      expect([count((x) => x.kind === 'Oak'), expected]).toContain(r.json().total_count);
    }

    const list = (await call('root', 'GET', u())).json();
    expect(list.total_count).toBe(1);
    expect(list.results).toEqual([second]);
    const after = (await records('ana')).json();
    expect(after.total_count).toBe(expected);
    expect(Object.keys(after.results[0]).sort()).toEqual(['district', 'height', 'id']);
    expect(after.results.map((r: { id: number }) => r.id).sort((a: number, b: number) => a - b))
      .toEqual(ROWS.filter((r) => r.height >= 10 && r.district === 'D2').map((r) => r.id));

    // Audited as one update (no delete, no create), with the new rule and the key used.
    const log = await audit();
    expect(log.total_count).toBe(auditBefore + 1);
    expect(log.results[0]).toMatchObject({ action: 'security.user.update', target: uid, actor: 'user:root', detail: { ...second, key_id: rootKeyId } });
  });

  it('refuses a bad filter_query with the ODSQL error, keeping the old rule and writing no audit entry', async () => {
    const kept = (await call('root', 'GET', `${u()}ana/`)).json();
    const auditBefore = (await audit()).total_count;
    for (const filter_query of ['nosuchfield = 1', 'height >= ', 'kind = ']) {
      const bad = await call('root', 'PUT', `${u()}ana/`, { ...second, security: { ...second.security, filter_query } });
      expect(bad.statusCode, filter_query).toBe(400);
      const body = bad.json();
      expect(body.error_code).toBe('validation_error');
      expect(Object.keys(body.detail)).toEqual(['security.filter_query']);
      expect(body.detail['security.filter_query'][0].length).toBeGreaterThan(0);
      if (filter_query.startsWith('nosuchfield')) expect(body.detail['security.filter_query'][0]).toContain('nosuchfield');
    }
    expect((await call('root', 'GET', `${u()}ana/`)).json()).toEqual(kept);
    expect((await call('root', 'GET', u())).json().total_count).toBe(1);
    expect((await records('ana')).json().total_count).toBe(count((r) => r.height >= 10 && r.district === 'D2'));
    expect((await audit()).total_count).toBe(auditBefore);
  });

  it('answers 404 for a rule that does not exist (PUT does not create)', async () => {
    const r = await call('root', 'PUT', `${u()}walker/`, { security: {} });
    expect(r.statusCode).toBe(404);
    expect((await call('root', 'GET', u())).json().total_count).toBe(1);
  });
});

describe('editing a group rule in place (PUT security/groups/{uid}/)', () => {
  it('replaces the group rule; members get the new rows', async () => {
    const url = `${AUTO}/datasets/${uid}/security/groups/`;
    const body = { group: { uid: 'crew' }, permissions: [], security: { is_data_visible: true, visible_fields: null, filter_query: 'district = "D1"', api_calls_quota: null } };
    expect((await call('root', 'POST', url, body)).statusCode).toBe(201);
    expect((await records('sam')).json().total_count).toBe(count((r) => r.district === 'D1'));
    const edited = { ...body, security: { ...body.security, filter_query: 'kind = "Elm" OR kind = "Ash"' } };
    const put = await call('root', 'PUT', `${url}crew/`, edited);
    expect(put.statusCode, put.body).toBe(200);
    expect((await call('root', 'GET', url)).json()).toMatchObject({ total_count: 1, results: [edited] });
    expect((await records('sam')).json().total_count).toBe(count((r) => r.kind !== 'Oak'));
    expect((await audit()).results[0]).toMatchObject({ action: 'security.group.update', target: uid, detail: { group: { uid: 'crew' } } });
  });
});

describe('editing default_security in place (PUT datasets/{uid}/), quota included', () => {
  it('replaces the default access and its quota for callers without a rule; audited as dataset.update', async () => {
    await call('root', 'PUT', `${AUTO}/datasets/${uid}/`, { is_restricted: false });
    const def = { is_data_visible: true, visible_fields: ['id', 'kind'], filter_query: 'height < 8', api_calls_quota: { unit: 'hour', limit: 2 } };
    const put = await call('root', 'PUT', `${AUTO}/datasets/${uid}/`, { default_security: def });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().default_security).toEqual(def);
    expect((await audit()).results[0]).toMatchObject({ action: 'dataset.update', target: uid, detail: { dataset_id: 'trees', changes: { default_security: def } } });

    // walker has no rule: the default applies, two calls per hour, then the ODS quota error.
    for (let i = 0; i < 2; i++) {
      const r = (await records('walker')).json();
      expect(r.total_count).toBe(count((x) => x.height < 8));
      expect(Object.keys(r.results[0]).sort()).toEqual(['id', 'kind']);
    }
    const over = await records('walker');
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ errorcode: 10002, call_limit: 2, limit_time_unit: 'hour' });
    // ana's own rule is not the default: her quota (50/hour) still lets her through.
    expect((await records('ana')).statusCode).toBe(200);
  });

  it('refuses a bad default filter_query with the ODSQL error and keeps the saved default', async () => {
    const kept = (await call('root', 'GET', `${AUTO}/datasets/${uid}/`)).json().default_security;
    const auditBefore = (await audit()).total_count;
    const bad = await call('root', 'PUT', `${AUTO}/datasets/${uid}/`, { default_security: { ...kept, filter_query: 'heigth < 8' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail['default_security.filter_query'][0]).toContain('heigth');
    expect((await call('root', 'GET', `${AUTO}/datasets/${uid}/`)).json().default_security).toEqual(kept);
    expect((await audit()).total_count).toBe(auditBefore);
  });
});
