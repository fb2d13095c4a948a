// Two Agora nodes on one PostgreSQL store (the dev machine's, 127.0.0.1:5432, database test), in one
// process as two portals: what one node publishes, grants, saves or deletes, the other answers at
// once (LISTEN/NOTIFY); pushes to both nodes at the same time get distinct record ids (one writer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance } from '../../src/governance/index.ts';
import { importDataset } from '../../src/ingest/index.ts';
import { ensurePages } from '../../src/server/pages-store.ts';
import { eventually } from '../support/eventually.ts';

const URL = process.env.AGORA_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `agora_nodes_${randomBytes(4).toString('hex')}`;
const API = '/api/explore/v2.1';
const AUTO = '/api/automation/v1.0';
interface Node { ctx: AppContext; app: FastifyInstance; dir: string }
let a: Node;
let b: Node;
let rootKey: string;

async function node(): Promise<Node> {
  const dir = mkdtempSync(join(tmpdir(), 'agora-node-'));
  const ctx = await openPortal({ dataDir: dir, store: URL, storeSchema: schema, baseUrl: 'http://portal.test' });
  await ensureGovernance(ctx);
  return { ctx, app: await buildApp(ctx, { web: false }), dir };
}


const get = (n: Node, url: string, key = rootKey) => n.app.inject({ url, headers: { authorization: `Apikey ${key}` } });

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  a = await node();
  b = await node();
  const gov = await ensureGovernance(a.ctx);
  await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true });
  rootKey = (await gov.createApiKey('root', ['admin'])).key;
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  for (const n of [a, b]) {
    if (!n) continue;
    await n.app.close();
    await closePortal(n.ctx);
    rmSync(n.dir, { recursive: true, force: true });
  }
  const c = new pg.Client({ connectionString: URL });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => c.end());
});

describe('two nodes on one PostgreSQL store', () => {
  it('a key made on one node opens the other; a user signs in on either', async () => {
    await eventually(async () => expect((await get(b, `${API}/catalog/datasets`)).statusCode).toBe(200));
    const login = await b.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'root', password: 'password-0' } });
    expect(login.statusCode, login.body).toBe(200);
  });

  it('a dataset imported on one node is listed and queried on the other, and a delete there removes it here', async () => {
    const file = join(a.dir, 'stations.csv');
    writeFileSync(file, 'station;city;bikes\nA01;Paris;12\nA02;Paris;7\nB01;Lyon;20\n');
    await importDataset(a.ctx.catalog, { source: file, datasetId: 'stations', title: 'Stations', mode: 'create' });
    await eventually(async () => {
      const r = await get(b, `${API}/catalog/datasets/stations/records?select=city,sum(bikes)%20as%20n&group_by=city&order_by=city`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().results).toEqual([{ city: 'Lyon', n: 20 }, { city: 'Paris', n: 19 }]);
    });
    // A new version published on B replaces what A answers (its caches and records index included).
    await get(a, `${API}/catalog/datasets/stations/records?limit=1`);
    writeFileSync(file, 'station;city;bikes\nC01;Évry;4\n');
    await importDataset(b.ctx.catalog, { source: file, datasetId: 'stations', mode: 'replace' });
    await eventually(async () => expect((await get(a, `${API}/catalog/datasets/stations/records`)).json().total_count).toBe(1));
    await b.ctx.catalog.delete('stations');
    await eventually(async () => expect((await get(a, `${API}/catalog/datasets/stations`)).statusCode).toBe(404));
  });

  it('a node whose notification connection is cut reconnects and catches up with what changed meanwhile', async () => {
    const c = new pg.Client({ connectionString: URL });
    await c.connect();
    const cut = await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [`agora-notify:${schema}`]);
    await c.end();
    expect(cut.rows.length).toBeGreaterThanOrEqual(2);
    const file = join(a.dir, 'late.csv');
    writeFileSync(file, 'k;v\nx;1\n');
    await importDataset(a.ctx.catalog, { source: file, datasetId: 'late', mode: 'create' });
    await eventually(async () => expect((await get(b, `${API}/catalog/datasets/late/records`)).json().total_count).toBe(1), 10_000);
  });

  it('an anonymous rate limit holds for the cluster, not per node (counts shared about every second)', async () => {
    process.env.AGORA_RATE_LIMIT_ANONYMOUS = '10/hour';
    const [la, lb] = [await buildApp(a.ctx, { web: false }), await buildApp(b.ctx, { web: false })];
    delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
    try {
      const call = (app: FastifyInstance) => app.inject({ url: `${API}/catalog/datasets` }).then((r) => r.statusCode);
      const pause = () => new Promise((r) => setTimeout(r, 1600));
      for (let i = 0; i < 6; i++) expect(await call(la)).toBe(200);
      await pause();
      expect(await call(lb)).toBe(200);
      await pause(); // B has now heard of A's 6 calls: 7 of 10 are used
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await call(lb));
      expect(answers).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await la.close();
      await lb.close();
    }
  });

  it('failed sign-ins count for the cluster: 5 wrong passwords spread over both nodes lock the username on each', async () => {
    const gov = await ensureGovernance(a.ctx);
    await gov.addUser({ username: 'target', password: 'the-right-one' });
    await eventually(async () => expect((await ensureGovernance(b.ctx)).findUser('target')).toBeDefined());
    const login = (n: Node, password: string) => n.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'target', password } }).then((r) => r.statusCode);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await login(i % 2 ? b : a, `wrong-${i}`));
    expect(answers).toEqual([401, 401, 401, 401, 401]);
    // Per node alone, A saw 3 failures and B 2: neither would have locked the name.
    expect(await login(a, 'the-right-one')).toBe(429);
    expect(await login(b, 'the-right-one')).toBe(429);
  });

  it('a page saved on one node is served by the other', async () => {
    const pa = await ensurePages(a.ctx);
    const pb = await ensurePages(b.ctx);
    const made = await a.app.inject({ method: 'POST', url: `${AUTO}/pages/`, headers: { authorization: `Apikey ${rootKey}` }, payload: { slug: 'about-the-data', content: { title: 'About the data', description: 'What is here', blocks: [{ type: 'text', markdown: 'Hello' }] } } });
    expect(made.statusCode, made.body).toBeLessThan(300);
    expect(pa.pages.findBySlug('about-the-data')).toBeDefined();
    await eventually(async () => expect(pb.pages.findBySlug('about-the-data')).toBeDefined());
  });

  it('pushes to both nodes at once keep every record under a distinct id', async () => {
    const auth = { authorization: `Apikey ${rootKey}` };
    const uid = (await a.app.inject({ method: 'POST', url: `${AUTO}/datasets/`, headers: auth, payload: { dataset_id: 'air' } })).json().uid;
    const res = (await a.app.inject({ method: 'POST', url: `${AUTO}/datasets/${uid}/resources/`, headers: auth, payload: { type: 'realtime', title: 'S', params: { sample_record: { sensor: 'S', pm25: 1.5 } } } })).json();
    expect((await a.app.inject({ method: 'POST', url: `${AUTO}/datasets/${uid}/publish/`, headers: auth })).statusCode).toBeLessThan(300);
    const url = `/api/push/1.0/air/${res.uid}/push/?pushkey=${res.push_key}`;
    await eventually(async () => expect(b.ctx.catalog.find('air')?.is_live).toBe(true));
    // B knows the resource and its key once A's notification arrived: its first push is accepted.
    await eventually(async () => expect((await b.app.inject({ method: 'POST', url, payload: { sensor: 'first', pm25: 0 } })).statusCode).toBe(200));
    const sends = Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).app.inject({ method: 'POST', url, payload: { sensor: `S${i}`, pm25: i } }));
    for (const r of await Promise.all(sends)) expect(r.statusCode, r.body).toBe(200);
    await Promise.all([a.ctx.realtime.flush(), b.ctx.realtime.flush()]);
    const rows = await a.ctx.backend.query(`SELECT _rid, sensor FROM ${a.ctx.catalog.get('air').table} ORDER BY _rid`);
    expect(rows).toHaveLength(41);
    expect(new Set(rows.map((r) => r._rid)).size).toBe(41);
    expect(new Set(rows.map((r) => r.sensor)).size).toBe(41);
  });
});
