// The back office's "preview as a user" (Automation extension datasets/{uid}/security/preview/): for
// each kind of user it must equal what the Explore API answers to that user's own API key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { csvPortal } from './support.ts';
import { ensureGovernance, parseSecurity } from '../../src/governance/index.ts';

const EXPLORE = '/api/explore/v2.1/catalog/datasets';
const AUTO = '/api/automation/v1.0/datasets';
interface Row { site_id: number; district: string; species: string; height: number; owner: string }
const DISTRICTS = ['North', 'South', 'East'];
const SPECIES = ['Oak', 'Elm', 'Plane', 'Oak'];
const ROWS: Row[] = Array.from({ length: 15 }, (_, i) => ({
  site_id: i + 1, district: DISTRICTS[i % 3], species: SPECIES[i % 4], height: [3, 12.5, 7, 20, 9.5, 4, 15, 2, 11, 6, 8.5, 30, 1, 5, 14][i],
  owner: `SECRET-OWNER-${i + 1}`,
}));
const ALL = ['site_id', 'district', 'species', 'height', 'owner'];

/** What each user may see of "trees", from the fixture rows in plain JS. */
const EXPECT: Record<string, { rows: (r: Row) => boolean; fields: string[] }> = {
  ana: { rows: (r) => r.district === 'North' && r.height < 15, fields: ['site_id', 'district', 'species'] },
  member: { rows: (r) => r.species === 'Oak', fields: ALL },
  plain: { rows: (r) => r.height < 10, fields: ['site_id', 'district', 'species', 'height'] },
  admin: { rows: () => true, fields: ALL },
};

let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
const keys: Record<string, string> = {};
let treesUid = '';
let vaultUid = '';

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  const csv = ['site_id,district,species,height,owner', ...ROWS.map((r) => [r.site_id, r.district, r.species, r.height, r.owner].join(','))].join('\n');
  ({ ctx, dir } = await csvPortal('preview', ['trees', 'vault'].map((id) => ({ id, title: `Title ${id}`, csv, restricted: id === 'vault' }))));
  const gov = await ensureGovernance(ctx);
  await gov.addGroup('parks');
  await gov.addUser({ username: 'plain', password: 'password-p' });
  await gov.addUser({ username: 'ana', password: 'password-a' });
  await gov.addUser({ username: 'member', password: 'password-m', groups: ['parks'] });
  await gov.addUser({ username: 'admin', password: 'password-r', isAdmin: true });
  await gov.addUser({ username: 'manager', password: 'password-g' });
  await gov.addUser({ username: 'editor', password: 'password-e', permissions: ['edit_dataset'] });
  const trees = ctx.catalog.get('trees');
  const vault = ctx.catalog.get('vault');
  treesUid = trees.dataset_uid;
  vaultUid = vault.dataset_uid;
  const put = (ds: typeof trees, target: Parameters<typeof gov.putRuleset>[0]['target'], security: unknown, permissions: Parameters<typeof gov.putRuleset>[0]['permissions'] = []) =>
    gov.putRuleset({ datasetUid: ds.dataset_uid, target, permissions, security: parseSecurity(security, ds) });
  await put(trees, { kind: 'default' }, { is_data_visible: true, visible_fields: ['site_id', 'district', 'species', 'height'], filter_query: 'height < 10' });
  await put(trees, { kind: 'user', username: 'ana' }, { visible_fields: ['site_id', 'district', 'species'], filter_query: 'district = "North" AND height < 15' });
  await put(trees, { kind: 'group', name: 'parks' }, { filter_query: 'species = "Oak"' });
  // manager holds manage_dataset on trees only, through a ruleset (which also gives them a view).
  await put(trees, { kind: 'user', username: 'manager' }, { is_data_visible: true }, ['manage_dataset']);
  for (const u of ['plain', 'ana', 'member', 'editor']) keys[u] = (await gov.createApiKey(u)).key;
  keys.admin = (await gov.createApiKey('admin', ['admin'])).key;
  keys.manager = (await gov.createApiKey('manager', ['manage_dataset'])).key;
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

const get = (as: string, url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Apikey ${keys[as]}` } });
const preview = (as: string, uid: string, username: string, limit = 10) => get(as, `${AUTO}/${uid}/security/preview/?username=${encodeURIComponent(username)}&limit=${limit}`);

describe('preview as a user', () => {
  for (const user of Object.keys(EXPECT)) {
    it(`${user}: equals the Explore API answer to ${user}'s own key, and the fixture`, async () => {
      const res = await preview('manager', treesUid, user);
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json();
      const own = await get(user, `${EXPLORE}/trees/records?limit=10`);
      expect(own.statusCode).toBe(200);
      const e = own.json();
      expect(p.dataset_visible).toBe(true);
      expect(p.data_visible).toBe(true);
      expect(p.total_count).toBe(e.total_count);
      expect(p.results).toEqual(e.results);
      // Independent of both: the fixture.
      const rows = ROWS.filter(EXPECT[user].rows);
      expect(p.total_count).toBe(rows.length);
      expect(p.fields.map((f: { name: string }) => f.name)).toEqual(EXPECT[user].fields);
      expect(p.results.length).toBe(Math.min(10, rows.length));
      for (const r of p.results) expect(Object.keys(r).sort()).toEqual([...EXPECT[user].fields].sort());
      expect(new Set(p.results.map((r: { site_id: number }) => r.site_id))).toEqual(new Set(p.results.map((r: { site_id: number }) => r.site_id).filter((id: number) => EXPECT[user].rows(ROWS[id - 1]))));
    });
  }

  it('limit bounds the records, not the count', async () => {
    const p = (await preview('manager', treesUid, 'admin', 3)).json();
    expect(p.results).toHaveLength(3);
    expect(p.total_count).toBe(ROWS.length);
  });

  it('a restricted dataset the user may not see: not visible, as the Explore API 404', async () => {
    const p = await preview('admin', vaultUid, 'plain');
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({ dataset_visible: false, total_count: 0, results: [], fields: [] });
    expect((await get('plain', `${EXPLORE}/vault/records`)).statusCode).toBe(404);
  });

  it('an unknown username is a 404 naming it', async () => {
    const res = await preview('manager', treesUid, 'nobody-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('nobody-here');
  });

  it('needs manage_dataset: 403 for an editor and a plain user, 404 on a dataset the manager cannot see, 401 anonymous', async () => {
    expect((await preview('editor', treesUid, 'ana')).statusCode).toBe(403);
    expect((await preview('plain', treesUid, 'ana')).statusCode).toBe(403);
    expect((await preview('ana', treesUid, 'plain')).statusCode).toBe(403);
    expect((await preview('manager', vaultUid, 'ana')).statusCode).toBe(404);
    const anon = await app.inject({ method: 'GET', url: `${AUTO}/${treesUid}/security/preview/?username=ana` });
    expect(anon.statusCode).toBe(401);
  });

  it('rejects a bad limit and a missing username', async () => {
    expect((await get('manager', `${AUTO}/${treesUid}/security/preview/?limit=10`)).statusCode).toBe(400);
    expect((await preview('manager', treesUid, 'ana', 1000)).statusCode).toBe(400);
  });
});
