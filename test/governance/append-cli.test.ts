// Appending through the Automation API to a dataset loaded from the command line (no resources): a
// resource marked `"append": true` adds its rows on publish/ instead of replacing the data, and a failing
// append leaves the data as it was. Counts come from the CSV texts written here, read via the Explore API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance } from '../../src/governance/index.ts';
import { importDataset } from '../../src/ingest/index.ts';

const AUTO = '/api/automation/v1.0';
const API = '/api/explore/v2.1';
// 3 rows loaded from the "command line", then 2 appended.
const CLI_CSV = 'name,year\nOak,2020\nElm,2021\nAsh,2019\n';
const MORE_CSV = 'name,year\nYew,2022\nFir,2018\n';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let key: string;
let uid: string;

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  dir = mkdtempSync(join(tmpdir(), 'agora-append-cli-'));
  ctx = await openPortal({ inMemory: true, dataDir: dir, baseUrl: 'http://portal.test' });
  writeFileSync(join(dir, 'trees.csv'), CLI_CSV);
  await importDataset(ctx.catalog, { source: join(dir, 'trees.csv'), datasetId: 'trees', mode: 'create' });
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true });
  key = (await gov.createApiKey('root', ['admin'])).key;
  app = await buildApp(ctx, { web: false });
  uid = ctx.catalog.get('trees').dataset_uid;
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

const call = (method: 'GET' | 'POST', url: string, body?: unknown) =>
  app.inject({ method, url, headers: { authorization: `Apikey ${key}` }, ...(body !== undefined ? { payload: body as object } : {}) });

async function uploadResource(name: string, content: string, append: unknown = true): Promise<{ statusCode: number; body: string }> {
  const b = 'agora-append-boundary';
  const payload = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${b}--\r\n`);
  const f = await app.inject({ method: 'POST', url: `${AUTO}/datasets/${uid}/resources/files/`, payload, headers: { 'content-type': `multipart/form-data; boundary=${b}`, authorization: `Apikey ${key}` } });
  expect(f.statusCode, f.body).toBe(200);
  return call('POST', `${AUTO}/datasets/${uid}/resources/`, { type: 'csvfile', title: name, params: {}, datasource: { type: 'uploaded_file', file: { uid: f.json().uid } }, append });
}
const count = async () => (await call('GET', `${API}/catalog/datasets/trees/records?limit=0`)).json().total_count as number;
const names = async () => ((await call('GET', `${API}/catalog/datasets/trees/records?select=name&order_by=name&limit=100`)).json().results as Array<{ name: string }>).map((r) => r.name);

describe('append to a dataset loaded from the command line', () => {
  it('refuses a non-boolean append flag', async () => {
    const r = await uploadResource('x.csv', MORE_CSV, 'yes');
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('append');
  });

  it('appends the new rows to the old ones, then has no resources again', async () => {
    expect(await count()).toBe(3);
    expect((await uploadResource('more.csv', MORE_CSV)).statusCode).toBe(201);
    const pub = await call('POST', `${AUTO}/datasets/${uid}/publish/`);
    expect(pub.statusCode, pub.body).toBeLessThan(300);
    expect(await count()).toBe(5);
    expect(await names()).toEqual(['Ash', 'Elm', 'Fir', 'Oak', 'Yew']);
    expect((await call('GET', `${AUTO}/datasets/${uid}/resources/`)).json().results).toEqual([]);
    // A later publish/ (e.g. after editing labels) leaves the data alone.
    expect((await call('POST', `${AUTO}/datasets/${uid}/publish/`)).statusCode).toBeLessThan(300);
    expect(await count()).toBe(5);
  });

  it('a failing append (a malformed file) changes nothing', async () => {
    expect((await uploadResource('bad.csv', 'name,year\nPine,2017\nBirch\n')).statusCode).toBe(201);
    const pub = await call('POST', `${AUTO}/datasets/${uid}/publish/`);
    expect(pub.statusCode).toBeGreaterThanOrEqual(400);
    expect(pub.body).toContain('bad.csv');
    expect(await count()).toBe(5);
    expect(await names()).toEqual(['Ash', 'Elm', 'Fir', 'Oak', 'Yew']);
  });
});
