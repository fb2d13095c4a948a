// latest_by (Agora extension of records and exports): of the records that pass the filters and the
// caller's rules, only the latest (largest record id) of each value of a field — the last reading of
// each sensor for a map. Checked against the pushed readings and against DuckDB's own answer to a
// hand-written window query over the same table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance, parseSecurity } from '../../src/governance/index.ts';

const API = '/api/explore/v2.1/catalog/datasets/air';
const AUTO = '/api/automation/v1.0';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
const keys: Record<string, string> = {};
// Readings in push order: A 10, B 20, A 15, C 5, B 25, A 12.
const READINGS = [['A', 10, 'North'], ['B', 20, 'South'], ['A', 15, 'North'], ['C', 5, 'South'], ['B', 25, 'South'], ['A', 12, 'North']] as const;

const get = async (q: string, who = 'root') => {
  const res = await app.inject({ url: `${API}${q}`, headers: { authorization: `Apikey ${keys[who]}` } });
  return { status: res.statusCode, get body() { return res.json(); }, text: res.body };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-latest-'));
  ctx = await openPortal({ inMemory: true, dataDir: dir, baseUrl: 'http://portal.test' });
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true });
  await gov.addUser({ username: 'south', password: 'password-1' });
  keys.root = (await gov.createApiKey('root', ['admin'])).key;
  keys.south = (await gov.createApiKey('south')).key;
  app = await buildApp(ctx, { web: false });
  const auth = { authorization: `Apikey ${keys.root}` };
  const uid = (await app.inject({ method: 'POST', url: `${AUTO}/datasets/`, headers: auth, payload: { dataset_id: 'air' } })).json().uid;
  const r = (await app.inject({ method: 'POST', url: `${AUTO}/datasets/${uid}/resources/`, headers: auth, payload: { type: 'realtime', title: 'S', params: { sample_record: { sensor_id: 'S', pm25: 1.5, district: 'd' } } } })).json();
  await app.inject({ method: 'POST', url: `${AUTO}/datasets/${uid}/publish/`, headers: auth });
  for (const [sensor_id, pm25, district] of READINGS) {
    await app.inject({ method: 'POST', url: `/api/push/1.0/air/${r.uid}/push/?pushkey=${r.push_key}`, payload: { sensor_id, pm25, district } });
  }
  await ctx.realtime.flush();
  const air = ctx.catalog.get('air');
  await gov.putRuleset({ datasetUid: air.dataset_uid, target: { kind: 'user', username: 'south' }, permissions: [], security: parseSecurity({ filter_query: 'district = "South"', visible_fields: ['sensor_id', 'pm25'] }, air) });
});
afterAll(async () => { await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true }); });

describe('latest_by', () => {
  it('keeps the last reading of each sensor, with total_count the number of sensors', async () => {
    const { body } = await get('/records?latest_by=sensor_id&order_by=sensor_id');
    expect(body.total_count).toBe(3);
    expect(body.results.map((r: { sensor_id: string; pm25: number }) => [r.sensor_id, r.pm25])).toEqual([['A', 12], ['B', 25], ['C', 5]]);
    // The store's own answer to the same question, written by hand in SQL both engines read.
    const table = ctx.catalog.get('air').table;
    const duck = await ctx.backend.query(`SELECT sensor_id, pm25 FROM (SELECT *, row_number() OVER (PARTITION BY sensor_id ORDER BY _rid DESC) AS k FROM "${table}") AS t WHERE k = 1 ORDER BY sensor_id`);
    expect(duck.map((r) => [r.sensor_id, r.pm25])).toEqual([['A', 12], ['B', 25], ['C', 5]]);
  });

  it('takes the latest among the records the filter lets through, and works with group_by and exports', async () => {
    const { body } = await get(`/records?latest_by=sensor_id&where=${encodeURIComponent('pm25 < 14')}&order_by=sensor_id`);
    expect(body.results.map((r: { sensor_id: string; pm25: number }) => [r.sensor_id, r.pm25])).toEqual([['A', 12], ['C', 5]]);
    const avg = await get('/records?latest_by=sensor_id&select=avg(pm25)%20as%20m');
    expect(avg.body.results[0].m).toBeCloseTo((12 + 25 + 5) / 3, 10);
    const csv = await get('/exports/csv?latest_by=sensor_id&order_by=sensor_id&select=sensor_id,pm25');
    expect(csv.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/)).toEqual(['sensor_id;pm25', 'A;12.0', 'B;25.0', 'C;5.0']); // doubles as ODS writes them
  });

  it('applies the caller\'s rules first: a restricted user gets the latest of the rows they may see', async () => {
    const { body } = await get('/records?latest_by=sensor_id&order_by=sensor_id', 'south');
    expect(body.results).toEqual([{ sensor_id: 'B', pm25: 25 }, { sensor_id: 'C', pm25: 5 }]);
    const hidden = await get('/records?latest_by=district', 'south');
    expect(hidden.status).toBe(400);
    expect(hidden.body.message).toContain('unknown field "district"');
  });

  it('refuses an unknown field or one of the wrong type', async () => {
    const unknown = await get('/records?latest_by=nosuch');
    expect(unknown.status, unknown.text).toBe(400);
    const typed = await get('/records?latest_by=pm25');
    expect(typed.status).toBe(400);
    expect(typed.body.message).toContain('double field');
  });
});
