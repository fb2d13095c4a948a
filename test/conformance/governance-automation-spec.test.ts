// Governance against the official specs in ../shared: every Automation API v1.0 body Agora returns
// (datasets, security rulesets, status, OK, errors) validated with ajv against the ODS Automation
// OpenAPI schemas, and the 429 quota body against the Explore v2.1 spec's `quota` response.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import { importDataset } from '../../src/ingest/index.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance } from '../../src/governance/index.ts';
import { HAVE_SPECS, response, schema, valid } from './automation-spec.ts';

const have = HAVE_SPECS;

const AUTO = '/api/automation/v1.0';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let key = '';
let uid = '';

beforeAll(async () => {
  if (!have) return;
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = '3/day';
  dir = mkdtempSync(join(tmpdir(), 'agora-gov-spec-'));
  writeFileSync(join(dir, 'd.csv'), 'site_id,a,b\n1,x,y\n2,z,w\n');
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  await importDataset(ctx.catalog, { source: join(dir, 'd.csv'), datasetId: 'parks', title: 'Parks', mode: 'create' });
  uid = ctx.catalog.get('parks').dataset_uid;
  const gov = await ensureGovernance(ctx);
  await gov.addGroup('staff');
  await gov.addUser({ username: 'root', password: 'root-password', isAdmin: true });
  await gov.addUser({ username: 'ana', password: 'ana-password' });
  key = (await gov.createApiKey('root', ['admin'])).key;
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); if (dir) rmSync(dir, { recursive: true, force: true });
});

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: { authorization: `Apikey ${key}` } });

describe.skipIf(!have)('Automation API bodies against the ODS Automation v1.0 spec', () => {
  const issueExample = { user: { username: 'ana' }, permissions: ['explore_restricted_dataset'], security: { is_data_visible: true, visible_fields: ['a', 'b'], filter_query: 'site_id = 1' } };
  it('accepts request bodies that the spec accepts (the issue\'s example is a valid DatasetUserSecurity)', () => {
    valid(schema('automation#/components/schemas/DatasetUserSecurity'), issueExample);
  });
  it('datasets: list, retrieve, update, status, publish', async () => {
    valid(response('/datasets/', 'get', '200'), (await call('GET', `${AUTO}/datasets/`)).json());
    valid(response('/datasets/{dataset_uid}/', 'get', '200'), (await call('GET', `${AUTO}/datasets/${uid}/`)).json());
    const put = await call('PUT', `${AUTO}/datasets/${uid}/`, { is_restricted: true, default_security: { is_data_visible: false } });
    expect(put.statusCode).toBe(200);
    valid(response('/datasets/{dataset_uid}/', 'put', '200'), put.json());
    const status = (await call('GET', `${AUTO}/datasets/${uid}/status/`)).json();
    valid(schema('automation#/components/responses/DatasetProcessingStatus/content/application~1json/schema'), status);
    valid(schema('automation#/components/responses/OK/content/application~1json/schema'), (await call('POST', `${AUTO}/datasets/${uid}/publish/`)).json());
  });
  it('security rulesets: create, list, retrieve, update for users and groups', async () => {
    const users = `/datasets/{dataset_uid}/security/users/`;
    const created = await call('POST', `${AUTO}/datasets/${uid}/security/users/`, issueExample);
    expect(created.statusCode).toBe(201);
    valid(response(users, 'post', '201'), created.json());
    valid(response(users, 'get', '200'), (await call('GET', `${AUTO}/datasets/${uid}/security/users/`)).json());
    valid(response(`${users}{username}/`, 'get', '200'), (await call('GET', `${AUTO}/datasets/${uid}/security/users/ana/`)).json());
    valid(response(`${users}{username}/`, 'put', '200'), (await call('PUT', `${AUTO}/datasets/${uid}/security/users/ana/`, { security: { api_calls_quota: { unit: 'day', limit: 100 } } })).json());
    const groups = `/datasets/{dataset_uid}/security/groups/`;
    const g = await call('POST', `${AUTO}/datasets/${uid}/security/groups/`, { group: { uid: 'staff' }, permissions: ['edit_dataset'] });
    valid(response(groups, 'post', '201'), g.json());
    valid(response(groups, 'get', '200'), (await call('GET', `${AUTO}/datasets/${uid}/security/groups/`)).json());
  });
  it('rules edited in place: the update bodies, and a refused filter_query as a ValidationError', async () => {
    const edited = { group: { uid: 'staff' }, permissions: ['explore_restricted_dataset'], security: { is_data_visible: true, visible_fields: ['a'], filter_query: 'site_id = 2', api_calls_quota: { unit: 'hour', limit: 10 } } };
    valid(schema('automation#/components/schemas/DatasetGroupSecurity'), edited);
    const put = await call('PUT', `${AUTO}/datasets/${uid}/security/groups/staff/`, edited);
    expect(put.statusCode, put.body).toBe(200);
    valid(response('/datasets/{dataset_uid}/security/groups/{group_uid}/', 'put', '200'), put.json());
    const bad = await call('PUT', `${AUTO}/datasets/${uid}/security/users/ana/`, { security: { filter_query: 'site_id = ' } });
    expect(bad.statusCode).toBe(400);
    valid(schema('automation#/components/responses/ValidationError/content/application~1json/schema'), bad.json());
    const def = await call('PUT', `${AUTO}/datasets/${uid}/`, { default_security: { is_data_visible: true, visible_fields: null, filter_query: 'site_id = 1', api_calls_quota: { unit: 'day', limit: 100 } } });
    expect(def.statusCode, def.body).toBe(200);
    valid(response('/datasets/{dataset_uid}/', 'put', '200'), def.json());
  });
  it('metadata: all templates, one template value, an updated value', async () => {
    valid(response('/datasets/{dataset_uid}/metadata/', 'get', '200'), (await call('GET', `${AUTO}/datasets/${uid}/metadata/`)).json());
    const put = await call('PUT', `${AUTO}/datasets/${uid}/metadata/default/keyword/`, { value: ['green', 'parks'] });
    expect(put.statusCode).toBe(200);
    valid(response('/datasets/{dataset_uid}/metadata/{template_name}/{template_field_name}/', 'put', '200'), put.json());
    valid(response('/datasets/{dataset_uid}/metadata/{template_name}/{template_field_name}/', 'get', '200'), (await call('GET', `${AUTO}/datasets/${uid}/metadata/default/title/`)).json());
  });
  it('users and groups: list, retrieve, provision, create a group, add a member', async () => {
    valid(response('/users/', 'get', '200'), (await call('GET', `${AUTO}/users/`)).json());
    valid(response('/users/{username}/', 'get', '200'), (await call('GET', `${AUTO}/users/ana/`)).json());
    const prov = await call('POST', `${AUTO}/users/provision/`, { username: 'zoe', email: 'zoe@city.example', identity_provider: { uid: 'local' }, identity_provider_attributes: { password: 'zoe-password' } });
    valid(response('/users/provision/', 'post', '200'), prov.json());
    const g = await call('POST', `${AUTO}/groups/`, { title: 'Park Rangers', permissions: ['explore_restricted_dataset'] });
    expect(g.statusCode).toBe(201);
    valid(response('/groups/', 'post', '201'), g.json());
    valid(response('/groups/', 'get', '200'), (await call('GET', `${AUTO}/groups/`)).json());
    const m = await call('POST', `${AUTO}/groups/park_rangers/users/`, { username: 'zoe' });
    valid(response('/groups/{group_uid}/users/', 'post', '201'), m.json());
    valid(response('/groups/{group_uid}/users/', 'get', '200'), (await call('GET', `${AUTO}/groups/park_rangers/users/`)).json());
  });
  it('errors: NotFound and ValidationError', async () => {
    const nf = await call('GET', `${AUTO}/datasets/da_nope/`);
    expect(nf.statusCode).toBe(404);
    valid(schema('automation#/components/responses/NotFound/content/application~1json/schema'), nf.json());
    const bad = await call('PUT', `${AUTO}/datasets/${uid}/`, { default_security: { visible_fields: 'a' } });
    expect(bad.statusCode).toBe(400);
    valid(schema('automation#/components/responses/ValidationError/content/application~1json/schema'), bad.json());
  });
  it('the 429 body matches the Explore v2.1 spec\'s quota response', async () => {
    let last = await app.inject({ url: '/api/explore/v2.1/catalog' });
    while (last.statusCode === 200) last = await app.inject({ url: '/api/explore/v2.1/catalog' });
    expect(last.statusCode).toBe(429);
    valid(schema(`explore#/components/responses/quota/content/application~1json; charset=utf-8/schema`), last.json());
  });
});
