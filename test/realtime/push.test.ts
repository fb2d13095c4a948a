// The push API end to end, in-process: a real-time resource made through the Automation API (a sample
// record fixes the fields), pushes of one record and of arrays, unique-key upserts, both deletes, bad
// input of every kind (nothing of a refused batch stored), disabled pushes, renewed keys. Expected
// values are the records pushed here, read back through the Explore API.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureAudit, ensureGovernance } from '../../src/governance/index.ts';
import { redactUrl } from '../../src/server/auth.ts';

const AUTO = '/api/automation/v1.0';
const API = '/api/explore/v2.1';
const SAMPLE = { sensor_id: 'S1', pm25: 12.5, reading_count: 3, measured_at: '2026-12-01T10:00:00Z', ok: true, position: { lat: 48.85, lon: 2.35 } };
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let rootKey: string;
let readerKey: string;
let uid: string;
let resource: Record<string, unknown>;

const auto = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, key = rootKey) =>
  app.inject({ method, url: `${AUTO}${url}`, headers: { authorization: `Apikey ${key}` }, ...(body !== undefined ? { payload: body as object } : {}) });
const pushUrl = (what = 'push', key = String(resource.push_key)) => `/api/push/1.0/air/${resource.uid}/${what}/?pushkey=${encodeURIComponent(key)}`;
const push = (body: unknown, key?: string) => app.inject({ method: 'POST', url: pushUrl('push', key), payload: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function records(q = ''): Promise<Array<Record<string, unknown>>> {
  await ctx.realtime.flush();
  const res = await app.inject({ url: `${API}/catalog/datasets/air/records?limit=100&include_app_metas=true&order_by=sensor_id,pm25${q}`, headers: { authorization: `Apikey ${rootKey}` } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().results;
}

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  dir = mkdtempSync(join(tmpdir(), 'agora-push-'));
  ctx = await openPortal({ inMemory: true, dataDir: dir, baseUrl: 'http://portal.test' });
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true });
  await gov.addUser({ username: 'reader', password: 'password-1' });
  rootKey = (await gov.createApiKey('root', ['admin'])).key;
  readerKey = (await gov.createApiKey('reader')).key;
  app = await buildApp(ctx, { web: false });
  const created = await auto('POST', '/datasets/', { dataset_id: 'air', metadata: { default: { title: { value: 'Air sensors' } } } });
  expect(created.statusCode, created.body).toBe(201);
  uid = created.json().uid;
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

describe('a real-time resource through the Automation API', () => {
  it('refuses a resource without a sample on a dataset without fields, and a sample key that is not a field name', async () => {
    const none = await auto('POST', `/datasets/${uid}/resources/`, { type: 'realtime', title: 'Sensors' });
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toContain('params.sample_record');
    const bad = await auto('POST', `/datasets/${uid}/resources/`, { type: 'realtime', title: 'Sensors', params: { sample_record: { 'PM 2.5': 3 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('"PM 2.5" is not a field name');
    expect(ctx.catalog.get('air').fields).toEqual([]);
  });

  it('fixes the fields from the sample (not stored) and shows the push key once', async () => {
    const res = await auto('POST', `/datasets/${uid}/resources/`, { type: 'realtime', title: 'Sensors', params: { sample_record: SAMPLE, field_types: { reading_count: 'double' } } });
    expect(res.statusCode, res.body).toBe(201);
    resource = res.json();
    expect(resource.type).toBe('realtime');
    expect(resource.push_url).toBe(`http://portal.test/api/push/1.0/air/${resource.uid}/push/`);
    expect(String(resource.push_key).length).toBeGreaterThanOrEqual(32);
    expect(resource.push_key_hint).toBe(`…${String(resource.push_key).slice(-4)}`);
    const types = Object.fromEntries(ctx.catalog.get('air').fields.map((f) => [f.name, f.type]));
    expect(types).toEqual({ sensor_id: 'text', pm25: 'double', reading_count: 'double', measured_at: 'datetime', ok: 'boolean', position: 'geo_point_2d' });
    expect(ctx.catalog.get('air').metas.default.records_count).toBe(0);
    const again = await auto('GET', `/datasets/${uid}/resources/${resource.uid}/`);
    expect(again.statusCode).toBe(200);
    expect(again.json().push_key).toBeUndefined();
    const list = await auto('GET', `/datasets/${uid}/resources/`);
    expect(list.json().results.map((r: { uid: string }) => r.uid)).toEqual([resource.uid]);
    // Publishing a dataset with only a real-time resource keeps its fields and loads nothing.
    const published = await auto('POST', `/datasets/${uid}/publish/`);
    expect(published.statusCode, published.body).toBe(200);
    expect(ctx.catalog.get('air').is_published).toBe(true);
    expect(ctx.catalog.get('air').fields).toHaveLength(6);
    // A dataset with an enabled real-time resource has the feature "realtime" (the web app goes live on it).
    const body = (await app.inject({ url: `${API}/catalog/datasets/air` })).json();
    expect(body.features).toContain('realtime');
    const found = (await app.inject({ url: `${API}/catalog/datasets?where=${encodeURIComponent('features = "realtime"')}` })).json();
    expect(found.results.map((d: { dataset_id: string }) => d.dataset_id)).toEqual(['air']);
  });

  it('keeps the key out of the audit log and out of logged URLs', async () => {
    const audit = await ensureAudit(ctx);
    const entries = JSON.stringify(await audit.list(100, 0));
    expect(entries).toContain(String(resource.uid));
    expect(entries).not.toContain(String(resource.push_key));
    expect(redactUrl(pushUrl())).not.toContain(String(resource.push_key));
  });

  it('refuses to create or change resources for a caller without edit_dataset', async () => {
    const res = await auto('POST', `/datasets/${uid}/resources/`, { type: 'realtime', title: 'Mine' }, readerKey);
    expect([403, 404]).toContain(res.statusCode);
    const dis = await auto('POST', `/datasets/${uid}/resources/${resource.uid}/disable/`, undefined, readerKey);
    expect([403, 404]).toContain(dis.statusCode);
  });
});

describe('pushing records', () => {
  it('takes one record, answers {"status": "OK"}, and the record is in the Explore API', async () => {
    const res = await push({ ...SAMPLE, sensor_id: 'A', pm25: 8 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ status: 'OK' });
    const rows = await records();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ sensor_id: 'A', pm25: 8, reading_count: 3, ok: true, position: { lon: 2.35, lat: 48.85 } });
    expect(String(rows[0].measured_at)).toMatch(/^2026-12-01T10:00:00(\.000)?(Z|\+00:00)$/);
    expect(ctx.catalog.get('air').metas.default.records_count).toBe(1);
  });

  it('takes an array, with missing fields as null, and a body sent as form-urlencoded (curl -d)', async () => {
    const res = await push([{ sensor_id: 'B', pm25: 20.25 }, { sensor_id: 'C', pm25: 31, position: [45.75, 4.85] }]);
    expect(res.json()).toEqual({ status: 'OK' });
    const curl = await app.inject({ method: 'POST', url: pushUrl(), payload: JSON.stringify({ sensor_id: 'D', pm25: 1 }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(curl.json()).toEqual({ status: 'OK' });
    const rows = await records();
    expect(rows.map((r) => [r.sensor_id, r.pm25])).toEqual([['A', 8], ['B', 20.25], ['C', 31], ['D', 1]]);
    expect(rows[1].ok).toBeNull();
    expect(rows[2].position).toEqual({ lon: 4.85, lat: 45.75 });
  });

  it('refuses a batch with an unknown field or a wrong type, naming the record index and field, storing nothing of it', async () => {
    const unknown = await push([{ sensor_id: 'E', pm25: 1 }, { sensor_id: 'F', pm25: 2, colour: 'red' }]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ status: 'error', record: 1, field: 'colour' });
    expect(unknown.json().message).toContain('Record at index 1: unknown field "colour"');
    const wrong = await push([{ sensor_id: 'E', pm25: 1 }, { sensor_id: 'F', pm25: 2 }, { sensor_id: 'G', pm25: 'high' }]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ record: 2, field: 'pm25' });
    expect(wrong.json().message).toContain('"high" is not a number');
    for (const [body, field] of [[{ measured_at: 'yesterday' }, 'measured_at'], [{ ok: 'yes' }, 'ok'], [{ position: [200, 3] }, 'position'], [{ sensor_id: 7 }, 'sensor_id']] as const) {
      const res = await push(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().field).toBe(field);
    }
    const notJson = await push('{"sensor_id": "E",');
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().message).toContain('not valid JSON');
    expect(await push([])).toMatchObject({ statusCode: 400 });
    expect(await push('[1, 2]')).toMatchObject({ statusCode: 400 });
    expect((await records()).map((r) => r.sensor_id)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('refuses a body over 5 MB with 413 and a clear message', async () => {
    const big = JSON.stringify(Array.from({ length: 60_000 }, (_, i) => ({ sensor_id: `S${i}`.padEnd(80, 'x'), pm25: i })));
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
    const res = await push(big);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toContain('5 MB');
    expect(await records()).toHaveLength(4);
  });

  it('refuses a missing, wrong or other resource\'s key with 401', async () => {
    const none = await app.inject({ method: 'POST', url: `/api/push/1.0/air/${resource.uid}/push/`, payload: SAMPLE });
    expect(none.statusCode).toBe(401);
    expect(none.json().message).toContain('pushkey');
    expect((await push(SAMPLE, 'not-the-key')).statusCode).toBe(401);
    const otherDataset = await app.inject({ method: 'POST', url: `/api/push/1.0/nosuch/${resource.uid}/push/?pushkey=${resource.push_key}`, payload: SAMPLE });
    expect(otherDataset.statusCode).toBe(401);
    expect(await records()).toHaveLength(4);
  });
});

describe('the audit of pushes', () => {
  it('writes one folded records.push entry per resource, action and minute, naming the resource, never the key', async () => {
    // The pushes above: one record, an array of two, one by curl, each within the same minute.
    const audit = await ensureAudit(ctx);
    let pushes: Array<{ actor: string; target: string; detail: Record<string, unknown> }> = [];
    await vi.waitFor(async () => {
      pushes = (await audit.list(200, 0)).entries.filter((e) => e.action === 'records.push');
      expect(pushes).toHaveLength(1);
    });
    expect(pushes[0].actor).toBe(`pushkey:${resource.uid}`);
    expect(pushes[0].target).toBe(uid);
    expect(pushes[0].detail).toMatchObject({ dataset_id: 'air', resource_id: resource.uid, action: 'push', records: 1, folded_records: 0, repeats: 0 });
    expect(JSON.stringify(pushes)).not.toContain(String(resource.push_key));
  });
});

describe('deleting and replacing', () => {
  it('deletes a record by its id and records equal to a pushed one', async () => {
    const rows = await records();
    const b = rows.find((r) => r.sensor_id === 'B')!;
    const byId = await app.inject({ method: 'GET', url: pushUrl(`${String(b._id)}/delete`) });
    expect(byId.statusCode, byId.body).toBe(200);
    const byValue = await app.inject({ method: 'POST', url: pushUrl('delete'), payload: { sensor_id: 'D', pm25: 1 } });
    expect(byValue.json()).toEqual({ status: 'OK' });
    expect((await records()).map((r) => r.sensor_id)).toEqual(['A', 'C']);
    const bad = await app.inject({ method: 'GET', url: pushUrl('12abc/delete') });
    expect(bad.statusCode).toBe(400);
  });

  it('with sensor_id as the unique key, a pushed record replaces the one with the same key (last of a batch wins)', async () => {
    const ds = ctx.catalog.get('air');
    await ctx.catalog.updateFields('air', ds.fields.map((f) => (f.name === 'sensor_id' ? { ...f, annotations: { ...f.annotations, id: true } } : f)));
    await push([{ sensor_id: 'A', pm25: 9 }, { sensor_id: 'E', pm25: 5 }, { sensor_id: 'A', pm25: 10 }]);
    expect((await records()).map((r) => [r.sensor_id, r.pm25])).toEqual([['A', 10], ['C', 31], ['E', 5]]);
    // Deleting by value matches on the key only.
    await app.inject({ method: 'POST', url: pushUrl('delete'), payload: { sensor_id: 'C' } });
    expect((await records()).map((r) => r.sensor_id)).toEqual(['A', 'E']);
    expect(ctx.catalog.get('air').metas.default.records_count).toBe(2);
  });
});

describe('disabling and renewing', () => {
  it('refuses pushes while disabled (409, data kept), accepts them again once enabled', async () => {
    const dis = await auto('POST', `/datasets/${uid}/resources/${resource.uid}/disable/`);
    expect(dis.statusCode, dis.body).toBe(200);
    expect(dis.json().enabled).toBe(false);
    const refused = await push({ sensor_id: 'Z', pm25: 1 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('disabled');
    expect(await records()).toHaveLength(2);
    expect((await auto('POST', `/datasets/${uid}/resources/${resource.uid}/enable/`)).json().enabled).toBe(true);
    expect((await push({ sensor_id: 'Z', pm25: 1 })).statusCode).toBe(200);
    expect(await records()).toHaveLength(3);
  });

  it('renews the key: the old one stops working, the new one works', async () => {
    const old = String(resource.push_key);
    const renewed = await auto('POST', `/datasets/${uid}/resources/${resource.uid}/renew_api_key/`);
    expect(renewed.statusCode).toBe(200);
    const fresh = String(renewed.json().push_key);
    expect(fresh).not.toBe(old);
    expect((await push({ sensor_id: 'Y', pm25: 1 }, old)).statusCode).toBe(401);
    expect((await push({ sensor_id: 'Y', pm25: 1 }, fresh)).statusCode).toBe(200);
    resource.push_key = fresh;
  });

  it('deleting the resource revokes its key and keeps the data', async () => {
    const before = (await records()).length;
    expect((await auto('DELETE', `/datasets/${uid}/resources/${resource.uid}/`)).statusCode).toBe(204);
    expect((await push({ sensor_id: 'X', pm25: 1 })).statusCode).toBe(401);
    expect(await records()).toHaveLength(before);
    expect((await app.inject({ url: `${API}/catalog/datasets/air` })).json().features).not.toContain('realtime');
  });
});
