// GET /api/automation/v1.0/harvester_types/: every registered harvester type with the options its
// form asks for (a type registered here shows up as the built-in ones do), for publishers only.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance } from '../../src/governance/index.ts';
import { registerHarvester } from '../../src/harvest/registry.ts';
import '../../src/harvest/harvesters/index.ts';

const URL_ = '/api/automation/v1.0/harvester_types/';
let portal: AppContext; let app: FastifyInstance;
let key: string; let viewerKey: string; let publisherKey: string;

beforeAll(async () => {
  registerHarvester({ type: 'zz-test', label: 'Test portal', options: [{ name: 'region', label: 'Region', required: true }], list: async function* () { /* nothing */ } });
  portal = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  const gov = await ensureGovernance(portal);
  await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true });
  await gov.addUser({ username: 'viewer', password: 'password-1' });
  await gov.addUser({ username: 'pub', password: 'password-2', permissions: ['create_dataset', 'publish_dataset'] });
  key = (await gov.createApiKey('root', ['admin'])).key;
  viewerKey = (await gov.createApiKey('viewer', [])).key;
  publisherKey = (await gov.createApiKey('pub', ['create_dataset', 'publish_dataset'])).key; // a key's scopes bound its powers
  app = await buildApp(portal, { web: false });
});
afterAll(async () => {
  await app?.close();
  if (portal) await closePortal(portal);
});

const get = (k?: string) => app.inject({ url: URL_, headers: k ? { authorization: `Apikey ${k}` } : {} });

describe('harvester_types/', () => {
  it('lists every registered type with its options, in type order', async () => {
    const res = await get(key);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.results.map((t: { type: string }) => t.type)).toEqual(['ckan', 'datajson', 'dcat', 'ods', 'socrata', 'zz-test']);
    expect(body.total_count).toBe(6);
    expect(body.results[0]).toMatchObject({ type: 'ckan', label: 'CKAN (Action API)', api_key: true }); // ckan takes the remote portal's key
    expect(body.results[0].options[0]).toEqual({
      name: 'organization', label: 'Organization', required: false, help: 'Only the datasets of this CKAN organization (its name, as in /organization/NAME).',
    });
    expect(body.results[5]).toEqual({ type: 'zz-test', label: 'Test portal', api_key: false, options: [{ name: 'region', label: 'Region', required: true, help: null }] });
  });

  it('answers a user with create_dataset and publish_dataset, as listing harvesters does', async () => {
    expect((await get(publisherKey)).statusCode).toBe(200);
  });

  it('refuses anonymous callers and users without the permissions', async () => {
    expect((await get()).statusCode).toBe(401);
    const res = await get(viewerKey);
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/create_dataset/);
  });
});
