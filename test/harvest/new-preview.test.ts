// POST /api/automation/v1.0/harvesters/unsaved_preview/: what a first run of a harvester not saved yet
// would create (ids from the titles, after the prefix), read from a fixture Explore API portal; nothing
// is stored, a wrong setting is named in the validation detail, and only publishers may ask.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance } from '../../src/governance/index.ts';
import { fixture, serve, type Fixture } from './serve.ts';

const AUTO = '/api/automation/v1.0';
const PAGES = [fixture('ods-datasets-1.json'), fixture('ods-datasets-2.json')];
let remote: Fixture; let portal: AppContext; let app: FastifyInstance; let key: string; let viewerKey: string;

beforeAll(async () => {
  process.env.AGORA_OUTBOUND_ALLOW = '127.0.0.1'; // the fixture portal is on the loopback interface
  remote = await serve((url) => (url.pathname === '/api/explore/v2.1/catalog/datasets'
    ? { body: Number(url.searchParams.get('offset')) === 0 ? PAGES[0] : PAGES[1] }
    : { status: 404, body: '{"message":"Unknown route","error_code":"NotFoundError"}' }));
  portal = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  const gov = await ensureGovernance(portal);
  await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true });
  await gov.addUser({ username: 'viewer', password: 'password-1' });
  key = (await gov.createApiKey('root', ['admin'])).key;
  viewerKey = (await gov.createApiKey('viewer', [])).key;
  app = await buildApp(portal, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_OUTBOUND_ALLOW;
  await app?.close();
  if (portal) await closePortal(portal);
  await remote?.close();
});

const post = (body: unknown, k = key) => app.inject({ method: 'POST', url: `${AUTO}/harvesters/unsaved_preview/`, headers: { authorization: `Apikey ${k}` }, payload: body as object });

describe('the preview of a harvester not saved yet', () => {
  it('lists what a first run would create, and stores nothing', async () => {
    const res = await post({ type: 'ods', url: remote.base, dataset_id_prefix: 'ext-' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.results.map((r: { id: string; action: string; dataset_id: string }) => [r.id, r.action, r.dataset_id]))
      .toEqual([['bus-stops', 'create', 'ext-bus-stops'], ['budget@finance', 'create', 'ext-budget'], ['parks-documents', 'create', 'ext-parks-documents']]);
    expect(body.missing).toEqual([]);
    expect((await app.inject({ url: `${AUTO}/harvesters/`, headers: { authorization: `Apikey ${key}` } })).json().total_count).toBe(0);
  });

  it('names a wrong setting in the validation detail', async () => {
    const res = await post({ type: 'ods', url: 'ftp://example.org' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error_code: 'validation_error', detail: { url: [expect.stringMatching(/ftp:/)] } });
  });

  it('is for publishers only', async () => {
    expect((await post({ type: 'ods', url: remote.base }, viewerKey)).statusCode).toBe(403);
  });
});
