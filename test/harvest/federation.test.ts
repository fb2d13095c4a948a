// Agora harvesting another Agora on the same machine (federation), through the Automation API's
// /harvesters/: a full harvest imports the source's records (compared with the CSV text written
// here, not with Agora's output), re-runs keep the same datasets (unchanged, then updated when the
// source changes), a metadata-only harvester keeps links to the source's exports, datasets the source
// drops are kept or deleted as set, a stuck source times out without blocking the next run, the
// one schedule runs when due (fake clock), and only publishers may touch harvesters.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance } from '../../src/governance/index.ts';
import { ensureHarvest, type Harvesting } from '../../src/harvest/index.ts';
import { importDataset } from '../../src/ingest/index.ts';

const AUTO = '/api/automation/v1.0';
const API = '/api/explore/v2.1';
const PARKS_V1 = 'park,area\nNorth,1.5\nSouth,2\n';
const PARKS_V2 = 'park,area\nNorth,1.5\nSouth,2\nEast,3\n';
const TREES = 'species,height\nOak,12\nLime,9\nAsh,15\n';

let dir: string;
let source: AppContext; let sourceApp: FastifyInstance; let sourceBase: string;
let portal: AppContext; let app: FastifyInstance; let h: Harvesting;
let stuck: Server; let stuckBase: string;
let key: string; let viewerKey: string;
let now = Date.parse('2026-03-02T10:20:00Z');

async function load(id: string, csv: string, title: string, mode: 'create' | 'replace' = 'create'): Promise<void> {
  const file = join(dir, `${id}-${mode}.csv`);
  writeFileSync(file, csv);
  await importDataset(source.catalog, { source: file, datasetId: id, title, mode });
}

beforeAll(async () => {
  process.env.AGORA_OUTBOUND_ALLOW = '127.0.0.1'; // both the source portal and the stuck server are on the loopback interface
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  dir = mkdtempSync(join(tmpdir(), 'agora-federation-'));
  source = await openPortal({ inMemory: true, dataDir: join(dir, 'source') });
  await load('parks', PARKS_V1, 'Parks of the city');
  await load('trees', TREES, 'Street trees');
  sourceApp = await buildApp(source, { web: false });
  await sourceApp.listen({ port: 0, host: '127.0.0.1' });
  sourceBase = `http://127.0.0.1:${(sourceApp.server.address() as AddressInfo).port}`;
  source.config.baseUrl = sourceBase;
  stuck = createServer(() => { /* never answers */ });
  await new Promise<void>((ok) => stuck.listen(0, '127.0.0.1', ok));
  stuckBase = `http://127.0.0.1:${(stuck.address() as AddressInfo).port}`;

  portal = await openPortal({ inMemory: true, dataDir: join(dir, 'portal'), baseUrl: 'http://portal.test' });
  const gov = await ensureGovernance(portal);
  await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true });
  await gov.addUser({ username: 'viewer', password: 'password-1' });
  key = (await gov.createApiKey('root', ['admin'])).key;
  viewerKey = (await gov.createApiKey('viewer', [])).key;
  h = await ensureHarvest(portal, { clock: () => now++, timeoutMs: 1500 }); // each reading 1 ms later: runs are ordered
  app = await buildApp(portal, { web: false });
});
afterAll(async () => {
  for (const k of ['AGORA_OUTBOUND_ALLOW', 'AGORA_RATE_LIMIT_ANONYMOUS']) delete process.env[k];
  stuck.closeAllConnections();
  await new Promise((ok) => stuck.close(ok));
  await app?.close(); await sourceApp?.close();
  if (portal) await closePortal(portal);
  if (source) await closePortal(source);
});

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, k = key) =>
  app.inject({ method, url, headers: { authorization: `Apikey ${k}` }, ...(body !== undefined ? { payload: body as object } : {}) });
const records = async (id: string, field: string) =>
  (await app.inject({ url: `${API}/catalog/datasets/${id}/records?order_by=${field}&select=${field}` })).json().results?.map((x: Record<string, unknown>) => x[field]);
const dataset = async (id: string) => (await app.inject({ url: `${API}/catalog/datasets/${id}` }));
async function runOf(uid: string): Promise<Record<string, unknown>> {
  const started = await call('POST', `${AUTO}/harvesters/${uid}/start/`);
  expect(started.statusCode, started.body).toBe(200);
  expect(started.json().status).toBe('processing');
  await h.runner.drain();
  const runs = await call('GET', `${AUTO}/harvesters/${uid}/runs/`);
  return runs.json().results[0];
}

let full: string;

describe('a full harvest of another Agora (ods harvester)', () => {
  it('is created through the Automation API, as ODS shapes a harvester', async () => {
    const res = await call('POST', `${AUTO}/harvesters/`, { type: 'ods', name: 'Source city', url: sourceBase });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    expect(b).toMatchObject({ type: 'ods', name: 'Source city', url: sourceBase, status: 'new', metadata_only: false, delete_missing_datasets: false, attached_datasets_count: 0, updated_by: { username: 'root' } });
    full = b.uid;
  });

  it('previews what a run would create', async () => {
    const res = await call('GET', `${AUTO}/harvesters/${full}/preview/`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results.map((r: { id: string; action: string; dataset_id: string }) => [r.id, r.action, r.dataset_id]))
      .toEqual([['parks', 'create', 'parks-of-the-city'], ['trees', 'create', 'street-trees']]);
  });

  it('imports the records of every dataset, with the source as provenance', async () => {
    const run = await runOf(full);
    expect(run).toMatchObject({ outcome: 'done', remote_datasets_count: 2, created: 2, updated: 0, errors: {} });
    expect(await records('parks-of-the-city', 'park')).toEqual(['North', 'South']);
    expect(await records('street-trees', 'height')).toEqual([9, 12, 15]);
    const ds = (await dataset('parks-of-the-city')).json();
    expect(ds.metas.default.title).toBe('Parks of the city');
    expect(ds.metas.default.references).toBe(`${sourceBase}/explore/dataset/parks/`);
    expect(ds.metas.harvest).toMatchObject({ source_uid: full, source_name: 'Source city', source_type: 'ods', source_url: sourceBase, remote_id: 'parks', metadata_only: false });
    expect(ds.metas.harvest.files.map((f: { format: string }) => f.format)).toEqual(['csv', 'json']);
    const body = (await call('GET', `${AUTO}/harvesters/${full}/`)).json();
    expect(body).toMatchObject({ status: 'idle', remote_datasets_count: 2, harvested_datasets_count: 2, attached_datasets_count: 2, published_datasets_count: 2, has_error: false });
  });

  it('keeps the same datasets on a re-run: unchanged, then updated when the source changes', async () => {
    expect(await runOf(full)).toMatchObject({ outcome: 'done', created: 0, updated: 0, unchanged: 2 });
    await new Promise((ok) => setTimeout(ok, 5)); // the source's `modified` moves on
    await load('parks', PARKS_V2, 'Parks of the city', 'replace');
    expect(await runOf(full)).toMatchObject({ outcome: 'done', created: 0, updated: 1, unchanged: 1 });
    expect(await records('parks-of-the-city', 'park')).toEqual(['East', 'North', 'South']);
    expect((await app.inject({ url: `${API}/catalog/datasets?limit=100` })).json().total_count).toBe(2);
  });

  it('keeps a dataset the source dropped, or deletes it when delete_missing_datasets is set', async () => {
    await source.catalog.delete('trees');
    expect(await runOf(full)).toMatchObject({ outcome: 'done', removed: 0 });
    expect((await dataset('street-trees')).statusCode).toBe(200);
    const put = await call('PUT', `${AUTO}/harvesters/${full}/`, { delete_missing_datasets: true });
    expect(put.statusCode, put.body).toBe(200);
    expect(await runOf(full)).toMatchObject({ outcome: 'done', removed: 1 });
    expect((await dataset('street-trees')).statusCode).toBe(404);
    await load('trees', TREES, 'Street trees');
  });
});

describe('a metadata-only harvester', () => {
  it('creates published datasets without records, linking to the source\'s files', async () => {
    const res = await call('POST', `${AUTO}/harvesters/`, { type: 'ods', name: 'Links only', url: sourceBase, metadata_only: true, dataset_id_prefix: 'meta-', forced_metas: { default: { publisher: 'Source city' } } });
    expect(res.statusCode, res.body).toBe(201);
    expect(await runOf(res.json().uid)).toMatchObject({ outcome: 'done', created: 2 });
    const ds = (await dataset('meta-street-trees')).json();
    expect(ds.metas.default.records_count).toBe(0);
    expect(ds.metas.default.publisher).toBe('Source city');
    expect(ds.metas.harvest.metadata_only).toBe(true);
    expect(ds.metas.harvest.files.map((f: { url: string }) => f.url)).toContain(`${sourceBase}/api/explore/v2.1/catalog/datasets/trees/exports/csv`);
  });
});

describe('a harvester with the source\'s API key', () => {
  it('sees what the key may see at the source; the key is sealed at rest and never shown', async () => {
    const gov = await ensureGovernance(source);
    await gov.addUser({ username: 'reader', password: 'password-r', permissions: ['explore_restricted_dataset'] });
    const sourceKey = (await gov.createApiKey('reader', ['explore_restricted_dataset'])).key;
    await load('budget', 'line,amount\nParks,10\n', 'City budget');
    await source.catalog.updateFlags('budget', { is_restricted: true });
    const res = await call('POST', `${AUTO}/harvesters/`, { type: 'ods', name: 'With key', url: sourceBase, api_key: sourceKey, metadata_only: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ api_key: null, has_api_key: true });
    expect(res.body).not.toContain(sourceKey);
    const uid = res.json().uid;
    const ids = async () => (await call('GET', `${AUTO}/harvesters/${uid}/preview/`)).json().results.map((r: { id: string }) => r.id);
    expect(await ids()).toEqual(['budget', 'parks', 'trees']);
    const [row] = await portal.backend.query('SELECT api_key FROM agora_harvest_sources WHERE uid = ?', [uid]);
    expect(String(row!.api_key)).toMatch(/^agora-sealed:v1:/);
    expect(String(row!.api_key)).not.toContain(sourceKey);
    expect((await call('PUT', `${AUTO}/harvesters/${uid}/`, { name: 'Renamed' })).json().has_api_key).toBe(true); // absent: kept
    expect((await call('PUT', `${AUTO}/harvesters/${uid}/`, { api_key: null })).json().has_api_key).toBe(false);
    expect(await ids()).toEqual(['parks', 'trees']);
    const refused = await call('POST', `${AUTO}/harvesters/`, { type: 'socrata', url: sourceBase, api_key: 'x' });
    expect(refused.json().message).toMatch(/the socrata harvester takes no API key/);
    await call('DELETE', `${AUTO}/harvesters/${uid}/?delete_attached_datasets=true`);
    await source.catalog.delete('budget');
  });
});

describe('runs that go wrong', () => {
  let stuckUid: string;
  it('a source that never answers times out, is reported, and does not block the next run', async () => {
    const res = await call('POST', `${AUTO}/harvesters/`, { type: 'ods', name: 'Stuck', url: stuckBase });
    stuckUid = res.json().uid;
    const run = await runOf(stuckUid);
    expect(run.outcome).toBe('aborted');
    expect(String(run.message)).toMatch(/timed out/);
    expect((await call('GET', `${AUTO}/harvesters/${stuckUid}/errors/`)).json().harvester).toMatch(/timed out/);
    expect((await call('GET', `${AUTO}/harvesters/${stuckUid}/`)).json()).toMatchObject({ status: 'idle', has_error: true });
    expect((await runOf(stuckUid)).outcome).toBe('aborted'); // a second run starts: the first one is over
  });

  it('refuses a second start while running, and an abort when idle, with ODS\'s invalid_harvester_status', async () => {
    const first = await call('POST', `${AUTO}/harvesters/${stuckUid}/start/`);
    expect(first.statusCode).toBe(200);
    const again = await call('POST', `${AUTO}/harvesters/${stuckUid}/start/`);
    expect(again.statusCode).toBe(400);
    expect(again.json().error_code).toBe('invalid_harvester_status');
    const aborted = await call('POST', `${AUTO}/harvesters/${stuckUid}/abort/`);
    expect(aborted.statusCode, aborted.body).toBe(200);
    await h.runner.drain();
    const [run] = (await call('GET', `${AUTO}/harvesters/${stuckUid}/runs/`)).json().results;
    expect(run).toMatchObject({ outcome: 'aborted', message: 'The run was aborted by root.' });
    const idle = await call('POST', `${AUTO}/harvesters/${stuckUid}/abort/`);
    expect(idle.statusCode).toBe(400);
    expect(idle.json().error_code).toBe('invalid_harvester_status');
  });

  it('names a wrong setting', async () => {
    const bad = await call('POST', `${AUTO}/harvesters/`, { type: 'ods', url: sourceBase, organisation: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/organisation/);
    const type = await call('POST', `${AUTO}/harvesters/`, { type: 'nope', url: sourceBase });
    expect(type.json().message).toMatch(/"nope" is not a harvester type/);
    const url = await call('POST', `${AUTO}/harvesters/`, { type: 'ods', url: 'ftp://example.org' });
    expect(url.json().message).toMatch(/ftp: is not http: or https:/);
  });
});

describe('the schedule of a harvester', () => {
  it('is one per harvester, and runs when due', async () => {
    const made = await call('POST', `${AUTO}/harvesters/${full}/schedules/`, { cron_schedule: '0 * * * *', timezone: 'UTC' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().next_runs).toHaveLength(3);
    const second = await call('POST', `${AUTO}/harvesters/${full}/schedules/`, { cron_schedule: '0 6 * * *', timezone: 'UTC' });
    expect(second.statusCode).toBe(400);
    const zone = await call('PUT', `${AUTO}/harvesters/${full}/schedules/${made.json().uid}/`, { cron_schedule: '0 * * * *', timezone: 'Mars/Olympus' });
    expect(zone.json().message).toMatch(/Mars\/Olympus/);
    now = Date.parse('2026-03-02T10:59:00Z');
    expect(await h.scheduler.tick()).toEqual([]);
    now = Date.parse('2026-03-02T11:00:30Z'); // the schedule was made at 10:20: its first run is 11:00
    const [run] = await h.scheduler.tick();
    expect(run).toMatchObject({ outcome: 'done', trigger: made.json().uid });
    expect(await h.scheduler.tick()).toEqual([]); // not again before 12:00
  });
});

describe('who may manage harvesters', () => {
  it('anonymous callers and users without create_dataset/publish_dataset are refused', async () => {
    expect((await app.inject({ url: `${AUTO}/harvesters/` })).statusCode).toBe(401);
    const res = await call('GET', `${AUTO}/harvesters/`, undefined, viewerKey);
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/create_dataset/);
    expect((await call('POST', `${AUTO}/harvesters/${full}/start/`, undefined, viewerKey)).statusCode).toBe(403);
  });

  it('delete asks what to do with the datasets, and takes them along when told to', async () => {
    expect((await call('DELETE', `${AUTO}/harvesters/${full}/`)).statusCode).toBe(400);
    const res = await call('DELETE', `${AUTO}/harvesters/${full}/?delete_attached_datasets=true`);
    expect(res.statusCode, res.body).toBe(204);
    expect((await dataset('parks-of-the-city')).statusCode).toBe(404);
    expect((await call('GET', `${AUTO}/harvesters/${full}/`)).statusCode).toBe(404);
  });
});
