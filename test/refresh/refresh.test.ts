// Scheduled refreshes through the Automation API against a local source server: a schedule's next
// runs, runs when due (a fake clock, no waiting), ETag 304s that skip the import, a failed refresh
// that keeps the published rows and raises an alert, retries with back-off, a stuck source that
// times out, one run per dataset at a time, and the history. Expected values come from the CSV and
// the cron text written here (hourly runs counted by hand), never from Agora's own output.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureAudit, ensureGovernance } from '../../src/governance/index.ts';
import { ensureRefresh, type Refreshing } from '../../src/refresh/index.ts';
import { readFileSync } from 'node:fs';
import { fixture } from '../ingest/helpers.ts';

const AUTO = '/api/automation/v1.0';
const API = '/api/explore/v2.1';
const VERSIONS: Record<string, string> = { v1: 'park,area\nNorth,1.5\nSouth,2\n', v2: 'park,area\nNorth,1.5\nSouth,2\nEast,3\n' };
let version = 'v1';
let broken = false;
let flaky = 0;
const heard: Array<{ url: string; ifNoneMatch: string | undefined }> = [];
let server: Server;
let base: string;
let ctx: AppContext;
let app: FastifyInstance;
let r: Refreshing;
let now = Date.parse('2026-03-02T10:20:00Z');
const sleeps: number[] = [];
let key: string;

function source(req: IncomingMessage, res: import('node:http').ServerResponse): void {
  heard.push({ url: req.url ?? '', ifNoneMatch: req.headers['if-none-match'] });
  if (req.url === '/stuck.csv') return; // never answers
  if (req.url === '/stops.zip') { res.writeHead(200, { 'content-type': 'application/zip' }); res.end(readFileSync(fixture('stops.shp.zip'))); return; }
  if (req.url === '/flaky.csv' && flaky > 0) { flaky--; res.writeHead(503); res.end('busy'); return; }
  if (req.url === '/parks.csv' && broken) { res.writeHead(404, 'Not Found'); res.end(); return; }
  const etag = `"${version}"`;
  if (req.headers['if-none-match'] === etag) { res.writeHead(304, { etag }); res.end(); return; }
  res.writeHead(200, { 'content-type': 'text/csv', etag });
  res.end(VERSIONS[version]);
}

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  process.env.AGORA_OUTBOUND_ALLOW = '127.0.0.1'; // the source server listens on the loopback interface
  process.env.AGORA_CRON_TIMEZONE = 'UTC';
  server = createServer(source);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ctx = await openPortal({ inMemory: true, baseUrl: 'http://portal.test' });
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true });
  key = (await gov.createApiKey('root', ['admin'])).key;
  r = await ensureRefresh(ctx, { clock: () => now, timeoutMs: 1500, retry: { tries: 3, backoffMs: 100, sleep: async (ms) => { sleeps.push(ms); } } });
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  for (const k of ['AGORA_RATE_LIMIT_ANONYMOUS', 'AGORA_OUTBOUND_ALLOW', 'AGORA_CRON_TIMEZONE']) delete process.env[k];
  server.closeAllConnections();
  await app?.close(); await new Promise((ok) => server.close(ok)); if (ctx) await closePortal(ctx);
});

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
  app.inject({ method, url, headers: { authorization: `Apikey ${key}` }, ...(body !== undefined ? { payload: body as object } : {}) });

async function urlDataset(id: string, path: string, type = 'csvfile'): Promise<string> {
  const made = await call('POST', `${AUTO}/datasets/`, { dataset_id: id, metadata: { default: { title: { value: id } } } });
  expect(made.statusCode, made.body).toBe(201);
  const uid = made.json().uid as string;
  const res = await call('POST', `${AUTO}/datasets/${uid}/resources/`, { type, title: id, datasource: { type: 'http', connection: { type: 'http', url: `${base}${path}` } } });
  expect(res.statusCode, res.body).toBe(201);
  return uid;
}
const parks = async (id: string) => (await app.inject({ url: `${API}/catalog/datasets/${id}/records?order_by=park&select=park` })).json().results?.map((x: { park: string }) => x.park);
const at = (iso: string) => { now = Date.parse(iso); return r.scheduler.tick(); };

describe('a dataset refreshed every hour', () => {
  let uid: string;
  it('refuses bad cron texts, naming the key, and schedules without a URL resource', async () => {
    const bare = (await call('POST', `${AUTO}/datasets/`, { dataset_id: 'bare', metadata: { default: { title: { value: 'b' } } } })).json().uid;
    const none = await call('POST', `${AUTO}/datasets/${bare}/schedules/`, { cron_schedule: '0 * * * *' });
    expect([none.statusCode, none.json().detail.cron_schedule[0]]).toEqual([400, expect.stringMatching(/no URL resource/)]);
    uid = await urlDataset('parks', '/parks.csv');
    for (const [cron, why] of [['61 * * * *', /not a valid cron schedule/], ['0 * * *', /has 4 fields; expected 5/], ['* * * * *', /more often than every 5 minutes/], ['', /expected a cron text/]] as const) {
      const bad = await call('POST', `${AUTO}/datasets/${uid}/schedules/`, { cron_schedule: cron });
      expect(bad.statusCode, cron).toBe(400);
      expect(bad.json().detail.cron_schedule[0], cron).toMatch(why);
    }
    expect((await call('POST', `${AUTO}/datasets/${uid}/schedules/`, { cron_schedule: '0 * * * *', every: 1 })).json().detail).toHaveProperty('every');
  });

  it('shows its next runs, and runs when due, once', async () => {
    const made = await call('POST', `${AUTO}/datasets/${uid}/schedules/`, { cron_schedule: '0  * * * *' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ cron_schedule: '0 * * * *', next_runs: ['2026-03-02T11:00:00.000Z', '2026-03-02T12:00:00.000Z', '2026-03-02T13:00:00.000Z'] });
    expect((await call('GET', `${AUTO}/datasets/${uid}/schedules/`)).json()).toMatchObject({ total_count: 1, results: [{ uid: made.json().uid }] });
    expect(await at('2026-03-02T10:59:00Z')).toEqual([]);
    const [run] = await at('2026-03-02T11:00:10Z');
    expect(run).toMatchObject({ outcome: 'updated', rows: 2, trigger: made.json().uid });
    expect(await parks('parks')).toEqual(['North', 'South']);
    expect(await at('2026-03-02T11:30:00Z')).toEqual([]);
  });

  it('skips an unchanged source (304 to If-None-Match)', async () => {
    heard.length = 0;
    const [run] = await at('2026-03-02T12:00:05Z');
    expect(run.outcome).toBe('unchanged');
    expect(heard).toEqual([{ url: '/parks.csv', ifNoneMatch: '"v1"' }]);
  });

  it('publishes a changed source; a failed refresh keeps the published rows and raises an alert, resolved by the next success', async () => {
    version = 'v2';
    expect((await at('2026-03-02T13:00:00Z'))[0]).toMatchObject({ outcome: 'updated', rows: 3 });
    broken = true;
    const [failed] = await at('2026-03-02T14:00:00Z');
    expect(failed.outcome).toBe('failed');
    expect(failed.message).toBe(`Cannot fetch ${base}/parks.csv: HTTP 404 Not Found.`);
    expect(await parks('parks')).toEqual(['East', 'North', 'South']);
    const audit = await ensureAudit(ctx);
    expect((await audit.list(5, 0)).entries.find((e) => e.action === 'source.refresh_failed')).toMatchObject({ actor: 'system', target: uid, detail: { dataset_id: 'parks', run_uid: failed.uid } });
    broken = false;
    version = 'v1';
    expect((await at('2026-03-02T15:00:00Z'))[0]).toMatchObject({ outcome: 'updated', rows: 2 });
    expect((await audit.list(5, 0)).entries.map((e) => e.action)).toContain('source.refresh_recovered');
    const runs = (await call('GET', `${AUTO}/datasets/${uid}/refresh_runs/`)).json();
    expect(runs.results.map((x: { outcome: string }) => x.outcome)).toEqual(['updated', 'failed', 'updated', 'unchanged', 'updated']);
    expect(runs.results[1]).toMatchObject({ trigger: 'schedule', started_at: '2026-03-02T14:00:00.000Z', records_count: null });
  });

  it('after a restart, the next run follows from the stored schedule and the last run', async () => {
    const { RefreshStore, RefreshScheduler, Refresher } = await import('../../src/refresh/index.ts');
    // A run the process was in the middle of when it stopped.
    await r.store.putRun({ uid: 'rr_cut', datasetUid: uid, trigger: 'manual', started: '2026-03-02T15:30:00.000Z', finished: null, outcome: 'running', message: null, rows: null, attempts: 1 });
    const store = new RefreshStore(ctx.backend);
    await store.open();
    expect((await store.runsOf(uid)).find((x) => x.uid === 'rr_cut')).toMatchObject({ outcome: 'failed', message: 'the server stopped during the run' });
    const again = new RefreshScheduler(store, new Refresher({ ...r.refresher.d, refresh: store }), () => now);
    expect((await again.nextDue(uid))?.at).toBe(Date.parse('2026-03-02T16:00:00Z'));
    now = Date.parse('2026-03-02T18:30:00Z'); // down over two due times: one run catches up
    expect((await again.tick()).map((x) => x.outcome)).toEqual(['unchanged']);
    expect((await again.nextDue(uid))?.at).toBe(Date.parse('2026-03-02T19:00:00Z'));
  });

  it('updates and deletes the schedule', async () => {
    const sid = (await call('GET', `${AUTO}/datasets/${uid}/schedules/`)).json().results[0].uid;
    const put = await call('PUT', `${AUTO}/datasets/${uid}/schedules/${sid}/`, { uid: sid, cron_schedule: '30 6 * * 1' });
    expect(put.json().next_runs[0]).toBe('2026-03-09T06:30:00.000Z'); // the Monday after Monday 2 March 18:30
    expect((await call('DELETE', `${AUTO}/datasets/${uid}/schedules/${sid}/`)).statusCode).toBe(204);
    expect((await call('GET', `${AUTO}/datasets/${uid}/schedules/${sid}/`)).statusCode).toBe(404);
  });
});

describe('refresh now', () => {
  it('retries a busy server with doubling waits', async () => {
    const uid = await urlDataset('flaky', '/flaky.csv');
    flaky = 2;
    sleeps.length = 0;
    const run = await call('POST', `${AUTO}/datasets/${uid}/refresh/`);
    expect(run.json()).toMatchObject({ trigger: 'manual', outcome: 'updated', attempts: 3, records_count: 2 }); // v1: North, South
    expect(sleeps).toEqual([100, 200]);
  });

  it('refreshes a zipped shapefile source (the shpfile extractor)', async () => {
    const uid = await urlDataset('stops', '/stops.zip', 'shpfile');
    expect((await call('POST', `${AUTO}/datasets/${uid}/refresh/`)).json()).toMatchObject({ outcome: 'updated', records_count: 3 });
    const names = (await app.inject({ url: `${API}/catalog/datasets/stops/records?select=name&order_by=name` })).json().results.map((x: { name: string }) => x.name);
    expect(names).toEqual(['Lyon', 'Marseille', 'Paris']);
  });

  it('times out a stuck source, one run at a time', async () => {
    const uid = await urlDataset('stuck', '/stuck.csv');
    const first = call('POST', `${AUTO}/datasets/${uid}/refresh/`);
    await new Promise((ok) => setTimeout(ok, 100));
    const second = await call('POST', `${AUTO}/datasets/${uid}/refresh/`);
    expect([second.statusCode, second.json().message]).toEqual([409, 'A refresh of dataset stuck is running; wait for it to end.']);
    const done = (await first).json();
    expect(done.outcome).toBe('failed');
    expect(done.message).toMatch(/Cannot fetch .*\/stuck\.csv: .*(1\.\d+ s|ran out of time)/);
    expect((await app.inject({ url: `${API}/catalog/datasets/stuck/records` })).statusCode).toBe(404); // never published
  });
});

describe('the alert e-mail', () => {
  it('names the dataset, the time and the reason, with the reason escaped in HTML', async () => {
    const { refreshAlertMessage } = await import('../../src/refresh/alerts.ts');
    const run = { uid: 'rr_x', datasetUid: 'da_1', trigger: 'sc_1', started: '2026-03-02T14:00:00.000Z', finished: null, outcome: 'failed' as const, message: 'Cannot fetch <x>: HTTP 404 Not Found.', rows: null, attempts: 1 };
    const m = refreshAlertMessage({ kind: 'failed', run, datasetId: 'parks' }, 'City', 'http://portal.test/admin/datasets/da_1');
    expect(m.subject).toBe('[City] The refresh of dataset parks failed');
    expect(m.text).toBe('The refresh of dataset parks started at 2026-03-02T14:00:00.000Z failed; the published data is unchanged. Cannot fetch <x>: HTTP 404 Not Found.\n\nThe dataset: http://portal.test/admin/datasets/da_1\n');
    expect(m.html).toContain('Cannot fetch &#60;x&#62;: HTTP 404');
  });
});
