// The Automation API v1.0 through the front door: who may list, read, update, publish, unpublish and
// delete datasets and manage their security rulesets (ODS permissions), with ODS's bodies (the
// DatasetUserSecurity example of issue 6, PaginatedResults, the error shapes of the spec), and the
// effect of each change on the Explore API, checked against the fixture rows counted here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { csvPortal } from './support.ts';
import { ensureGovernance, parseSecurity } from '../../src/governance/index.ts';

const AUTO = '/api/automation/v1.0';
const API = '/api/explore/v2.1';
const ROWS = [[1, 'a1', 'b1', 'c1'], [1, 'a2', 'b2', 'c2'], [2, 'a3', 'b3', 'c3'], [3, 'a4', 'b4', 'c4']] as const;
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
const key: Record<string, string> = {};
let parks = '';
let budget = '';

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  const csv = ['site_id,a,b,c', ...ROWS.map((r) => r.join(','))].join('\n');
  ({ ctx, dir } = await csvPortal('auto', ['parks', 'budget'].map((id) => ({ id, title: id, csv, restricted: id === 'budget' }))));
  parks = ctx.catalog.get('parks').dataset_uid;
  budget = ctx.catalog.get('budget').dataset_uid;
  const gov = await ensureGovernance(ctx);
  await gov.addGroup('staff');
  await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true });
  await gov.addUser({ username: 'editor', password: 'password-1', permissions: ['edit_dataset', 'publish_dataset'] });
  await gov.addUser({ username: 'manager', password: 'password-2' });
  await gov.addUser({ username: 'reader', password: 'password-3' });
  await gov.addUser({ username: 'ana', password: 'password-4' });
  await gov.addUser({ username: 'sam', password: 'password-5', groups: ['staff'] });
  const ds = ctx.catalog.get('parks');
  await gov.putRuleset({ datasetUid: parks, target: { kind: 'user', username: 'manager' }, permissions: ['manage_dataset'], security: parseSecurity({}, ds) });
  key.root = (await gov.createApiKey('root', ['admin'])).key;
  key.rootRead = (await gov.createApiKey('root')).key;
  key.editor = (await gov.createApiKey('editor', ['edit_dataset', 'publish_dataset'])).key;
  key.editorRead = (await gov.createApiKey('editor')).key;
  key.manager = (await gov.createApiKey('manager', ['manage_dataset'])).key;
  key.reader = (await gov.createApiKey('reader')).key;
  key.ana = (await gov.createApiKey('ana')).key;
  key.sam = (await gov.createApiKey('sam')).key;
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

function call(who: string | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) {
  return app.inject({ method, url, headers: who ? { authorization: `Apikey ${key[who]}` } : {}, ...(body !== undefined ? { payload: body as object } : {}) });
}

describe('authentication and permissions', () => {
  it('requires an API key', async () => {
    const r = await call(null, 'GET', `${AUTO}/datasets/`);
    expect(r.statusCode).toBe(401);
    expect(r.json()).toEqual({ error_code: 'authentication_required', message: expect.any(String) });
    expect((await app.inject({ url: `${AUTO}/datasets/`, headers: { authorization: 'Apikey nope' } })).statusCode).toBe(401);
  });
  it('lists the datasets each caller can edit, in the PaginatedResults shape', async () => {
    const names = async (who: string) => (await call(who, 'GET', `${AUTO}/datasets/`)).json().results.map((d: { dataset_id: string }) => d.dataset_id).sort();
    expect(await names('root')).toEqual(['budget', 'parks']);
    expect(await names('editor')).toEqual(['budget', 'parks']);
    expect(await names('manager')).toEqual(['parks']);
    expect(await names('reader')).toEqual([]);
    expect(await names('rootRead')).toEqual([]); // an admin's key without scopes only reads
    const pageOne = (await call('root', 'GET', `${AUTO}/datasets/?limit=1`)).json();
    expect(pageOne).toEqual({ total_count: 2, next: expect.stringContaining('offset=1'), previous: null, results: [expect.any(Object)] });
    const byId = (await call('root', 'GET', `${AUTO}/datasets/?dataset_id=parks`)).json();
    expect(byId.results.map((d: { uid: string }) => d.uid)).toEqual([parks]);
  });
  it('retrieves a dataset in the ODS Dataset shape; 403 when visible but not editable, 404 when not visible', async () => {
    const r = await call('editor', 'GET', `${AUTO}/datasets/${parks}/`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      uid: parks, dataset_id: 'parks', is_published: true, is_restricted: false, metadata: { default: { title: { value: 'parks' } } },
      default_security: { is_data_visible: true, visible_fields: null, filter_query: '', api_calls_quota: null },
    });
    expect((await call('reader', 'GET', `${AUTO}/datasets/${parks}/`)).json().error_code).toBe('permission_denied');
    const hidden = await call('reader', 'GET', `${AUTO}/datasets/${budget}/`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual({ error_code: 'not_found', message: `Unknown dataset: ${budget}` });
  });
});

describe('datasets', () => {
  it('updates metadata with edit_dataset; changing security needs manage_dataset', async () => {
    const r = await call('editor', 'PUT', `${AUTO}/datasets/${parks}/`, { metadata: { default: { title: { value: 'City parks' }, keyword: { value: ['green'] } } } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().metadata.default.title).toEqual({ value: 'City parks' });
    expect((await call(null, 'GET', `${API}/catalog/datasets/parks`)).json().metas.default.title).toBe('City parks');
    const denied = await call('editor', 'PUT', `${AUTO}/datasets/${parks}/`, { is_restricted: true });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error_code).toBe('permission_denied');
    const bad = await call('editor', 'PUT', `${AUTO}/datasets/${parks}/`, { metadata: { default: { colour: { value: 'red' } } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error_code: 'validation_error', detail: { 'metadata.default.colour': [expect.stringContaining('Unknown metadata')] } });
  });
  it('restricts a dataset and sets its default_security with manage_dataset; the Explore API follows', async () => {
    const r = await call('manager', 'PUT', `${AUTO}/datasets/${parks}/`, { default_security: { is_data_visible: true, visible_fields: ['site_id', 'a'], filter_query: 'site_id = 1' } });
    expect(r.statusCode, r.body).toBe(200);
    const anon = (await call(null, 'GET', `${API}/catalog/datasets/parks/records?limit=100`)).json();
    expect(anon.total_count).toBe(ROWS.filter((x) => x[0] === 1).length);
    expect(Object.keys(anon.results[0]).sort()).toEqual(['a', 'site_id']);
    expect((await call('manager', 'PUT', `${AUTO}/datasets/${parks}/`, { is_restricted: true })).json().is_restricted).toBe(true);
    expect((await call(null, 'GET', `${API}/catalog/datasets/parks/records`)).statusCode).toBe(404);
    expect((await call('manager', 'PUT', `${AUTO}/datasets/${parks}/`, { is_restricted: false, default_security: {} })).statusCode).toBe(200);
    expect((await call(null, 'GET', `${API}/catalog/datasets/parks/records`)).json().total_count).toBe(ROWS.length);
    const bad = await call('manager', 'PUT', `${AUTO}/datasets/${parks}/`, { default_security: { visible_fields: ['zzz'] } });
    expect(bad.json()).toMatchObject({ error_code: 'validation_error', detail: { 'default_security.visible_fields': [expect.stringContaining('zzz')] } });
  });
  it('unpublishes and publishes with publish_dataset', async () => {
    expect((await call('manager', 'POST', `${AUTO}/datasets/${parks}/unpublish/`)).statusCode).toBe(403);
    const r = await call('editor', 'POST', `${AUTO}/datasets/${parks}/unpublish/`);
    expect(r.json()).toEqual({ detail: 'ok' });
    expect((await call(null, 'GET', `${API}/catalog/datasets/parks`)).statusCode).toBe(404);
    expect((await call('editor', 'GET', `${AUTO}/datasets/${parks}/status/`)).json()).toMatchObject({ status: 'idle', is_published: false });
    expect((await call('editor', 'POST', `${AUTO}/datasets/${parks}/publish/`)).statusCode).toBe(200);
    expect((await call(null, 'GET', `${API}/catalog/datasets/parks`)).statusCode).toBe(200);
  });
});

describe('security rulesets', () => {
  // The body of issue 6, on this fixture's fields.
  const anaRule = { user: { username: 'ana' }, permissions: ['explore_restricted_dataset'], security: { is_data_visible: true, visible_fields: ['a', 'b'], filter_query: 'site_id = 1' } };
  it('creates, lists, retrieves, updates and deletes a user ruleset, which the Explore API applies', async () => {
    const url = `${AUTO}/datasets/${budget}/security/users/`;
    expect((await call('manager', 'POST', url, anaRule)).statusCode).toBe(404); // not the manager's dataset
    const created = await call('root', 'POST', url, anaRule);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toEqual({ ...anaRule, security: { ...anaRule.security, api_calls_quota: null } });
    const seen = (await call('ana', 'GET', `${API}/catalog/datasets/budget/records?limit=100`)).json();
    expect(seen.total_count).toBe(ROWS.filter((x) => x[0] === 1).length);
    expect(seen.results.every((x: object) => Object.keys(x).sort().join() === 'a,b')).toBe(true);
    expect((await call('root', 'POST', url, anaRule)).json().error_code).toBe('validation_error');
    const list = (await call('root', 'GET', url)).json();
    expect(list).toMatchObject({ total_count: 1, next: null, previous: null, results: [{ user: { username: 'ana' } }] });
    expect((await call('root', 'GET', `${url}ana/`)).json().security.filter_query).toBe('site_id = 1');
    const upd = await call('root', 'PUT', `${url}ana/`, { permissions: [], security: { filter_query: 'site_id = 2' } });
    expect(upd.statusCode, upd.body).toBe(200);
    expect((await call('ana', 'GET', `${API}/catalog/datasets/budget/records`)).json().total_count).toBe(ROWS.filter((x) => x[0] === 2).length);
    expect((await call('root', 'PUT', `${url}ana/`, { user: { username: 'sam' } })).json().error_code).toBe('validation_error');
    expect((await call('root', 'DELETE', `${url}ana/`)).statusCode).toBe(204);
    expect((await call('ana', 'GET', `${API}/catalog/datasets/budget/records`)).statusCode).toBe(404);
    expect((await call('root', 'GET', `${url}ana/`)).statusCode).toBe(404);
    const unknownUser = await call('root', 'POST', url, { user: { username: 'ghost' } });
    expect(unknownUser.json()).toMatchObject({ error_code: 'validation_error', detail: { 'user.username': [expect.stringContaining('ghost')] } });
    const badPerm = await call('root', 'POST', url, { user: { username: 'ana' }, permissions: ['fly'] });
    expect(badPerm.json().error_code).toBe('validation_error');
  });
  it('manages group rulesets the same way', async () => {
    const url = `${AUTO}/datasets/${budget}/security/groups/`;
    const r = await call('root', 'POST', url, { group: { uid: 'staff' }, security: { is_data_visible: false } });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toEqual({ group: { uid: 'staff' }, permissions: [], security: { is_data_visible: false, visible_fields: null, filter_query: '', api_calls_quota: null } });
    const sam = (await call('sam', 'GET', `${API}/catalog/datasets/budget/records`)).json();
    expect(sam.total_count).toBe(0);
    expect((await call('root', 'GET', url)).json().results).toHaveLength(1);
    expect((await call('root', 'DELETE', `${url}staff/`)).statusCode).toBe(204);
    expect((await call('sam', 'GET', `${API}/catalog/datasets/budget/records`)).statusCode).toBe(404);
  });
  it('lets only managers touch rulesets', async () => {
    expect((await call('editor', 'GET', `${AUTO}/datasets/${parks}/security/users/`)).statusCode).toBe(403);
    expect((await call('manager', 'GET', `${AUTO}/datasets/${parks}/security/users/`)).json().total_count).toBe(1);
  });
});

describe('metadata', () => {
  it('reads the templates as {"value"} objects, the same values the Explore API shows', async () => {
    const r = await call('editor', 'GET', `${AUTO}/datasets/${parks}/metadata/`);
    expect(r.statusCode).toBe(200);
    const explore = (await call(null, 'GET', `${API}/catalog/datasets/parks`)).json().metas.default;
    expect(r.json().default.title).toEqual({ value: explore.title });
    expect(r.json().default.keyword).toEqual({ value: explore.keyword });
    expect(Object.keys(r.json()).sort()).toEqual(['dcat', 'default']);
    expect((await call('editor', 'GET', `${AUTO}/datasets/${parks}/metadata/default/title/`)).json()).toEqual({ value: explore.title });
    expect((await call('editor', 'GET', `${AUTO}/datasets/${parks}/metadata/nope/`)).statusCode).toBe(404);
    expect((await call('editor', 'GET', `${AUTO}/datasets/${parks}/metadata/default/nope/`)).statusCode).toBe(404);
  });
  it('sets, replaces and unsets values with edit_dataset, sanitising HTML and checking each value', async () => {
    const d = await call('editor', 'PUT', `${AUTO}/datasets/${parks}/metadata/default/description/`, { value: '<p>Green <script>alert(1)</script>spaces</p>' });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().value).not.toContain('<script');
    expect((await call(null, 'GET', `${API}/catalog/datasets/parks`)).json().metas.default.description).toBe(d.json().value);
    const whole = await call('editor', 'PUT', `${AUTO}/datasets/${parks}/metadata/`, { default: { publisher: { value: 'Parks department' } }, dcat: { contact_email: { value: 'parks@city.example' } } });
    expect(whole.json()).toMatchObject({ default: { publisher: { value: 'Parks department' } }, dcat: { contact_email: { value: 'parks@city.example' } } });
    const bad = await call('editor', 'PUT', `${AUTO}/datasets/${parks}/metadata/dcat/contact_email/`, { value: 'not-an-email' });
    expect(bad.json()).toMatchObject({ error_code: 'validation_error', detail: { 'metadata.dcat.contact_email': [expect.stringContaining('not-an-email')] } });
    expect((await call('editor', 'DELETE', `${AUTO}/datasets/${parks}/metadata/default/keyword/`)).statusCode).toBe(204);
    expect((await call(null, 'GET', `${API}/catalog/datasets/parks`)).json().metas.default.keyword).toEqual([]);
    expect((await call('editor', 'DELETE', `${AUTO}/datasets/${parks}/metadata/default/title/`)).statusCode).toBe(400);
    expect((await call('manager', 'PUT', `${AUTO}/datasets/${parks}/metadata/default/title/`, { value: 'x' })).statusCode).toBe(403);
    expect((await call('reader', 'GET', `${AUTO}/datasets/${parks}/metadata/`)).statusCode).toBe(403);
  });
});

describe('injection through the rules', () => {
  it('rejects a filter_query that is not one ODSQL expression, and the store is untouched', async () => {
    const url = `${AUTO}/datasets/${parks}/security/users/`;
    for (const filter_query of ['site_id = 1; DROP TABLE agora_users', "site_id = 1' OR '1'='1", 'site_id = 1) OR (1 = 1', '1 = 1 --', 'a IN (SELECT password_hash FROM agora_users)']) {
      const r = await call('root', 'POST', url, { user: { username: 'ana' }, security: { filter_query } });
      expect(r.statusCode, filter_query).toBe(400);
      expect(r.json().error_code).toBe('validation_error');
    }
    expect(ctx.governance!.rulesets(parks).some((r) => r.target.kind === 'user' && r.target.username === 'ana')).toBe(false);
    expect((await ctx.backend.query('SELECT COUNT(*) AS n FROM agora_users'))[0].n).toBe(6);
  });
  it('treats a quoted string in a filter as a value, never as SQL', async () => {
    const evil = `x'); DROP TABLE agora_users; --`;
    const r = await call('root', 'POST', `${AUTO}/datasets/${parks}/security/users/`, { user: { username: 'ana' }, security: { filter_query: `a = ${JSON.stringify(evil)} OR site_id = 2` } });
    expect(r.statusCode, r.body).toBe(201);
    const seen = (await call('ana', 'GET', `${API}/catalog/datasets/parks/records?limit=100`)).json();
    expect(seen.total_count).toBe(ROWS.filter((x) => x[0] === 2).length);
    expect((await ctx.backend.query('SELECT COUNT(*) AS n FROM agora_users'))[0].n).toBe(6);
    expect((await call('root', 'DELETE', `${AUTO}/datasets/${parks}/security/users/ana/`)).statusCode).toBe(204);
  });
  it('rejects visible_fields naming anything but a field of the dataset', async () => {
    for (const visible_fields of [['site_id"; DROP TABLE x; --'], ['*'], ['_rid']]) {
      const r = await call('root', 'PUT', `${AUTO}/datasets/${parks}/`, { default_security: { visible_fields } });
      expect(r.statusCode, JSON.stringify(visible_fields)).toBe(400);
    }
  });
});

describe('deleting', () => {
  it('deletes a dataset with edit_dataset, and it is gone from both APIs', async () => {
    expect((await call('manager', 'DELETE', `${AUTO}/datasets/${parks}/`)).statusCode).toBe(403);
    expect((await call('root', 'DELETE', `${AUTO}/datasets/${budget}/`)).statusCode).toBe(204);
    expect((await call('root', 'GET', `${AUTO}/datasets/${budget}/`)).statusCode).toBe(404);
    expect((await call('root', 'GET', `${API}/catalog/datasets/budget`)).statusCode).toBe(404);
    expect(ctx.governance!.rulesets(budget)).toEqual([]);
  });
});
