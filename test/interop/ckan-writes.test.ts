// CKAN writes as a script written for CKAN sends them. ckanapi (Python) cannot be installed here (no
// package index reachable), so `remote()` below builds the requests exactly as ckanapi's
// common.prepare_action does — POST {address}/api/action/{name}, a JSON body with Content-Type
// application/json, the key as both `Authorization` and `X-CKAN-API-Key`; with a file, a multipart
// body of string fields and the file part — and reads the answer as reverse_apicontroller_action
// does (result on success, else the error's __type). Expected values come from CKAN's documented
// error texts and from the data the test writes, never from Agora's own output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureAudit, ensureDrafts, ensureGovernance } from '../../src/governance/index.ts';

const BASE = 'http://portal.test';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let source: Server;
let sourceUrl: string;
const keys: Record<'publisher' | 'readonly' | 'reader', string> = { publisher: '', readonly: '', reader: '' };
const TREES_CSV = 'id,name,height\n1,Oak,12\n2,Elm,7.5\n';

interface Answer { status: number; success: boolean; result?: unknown; error?: Record<string, unknown>; raw: unknown }

/** A RemoteCKAN of ckanapi: call(action, data, files) as prepare_action sends it. */
function remote(apikey?: string) {
  return async (action: string, data: Record<string, unknown> = {}, files?: Record<string, { name: string; content: string }>): Promise<Answer> => {
    const headers: Record<string, string> = {};
    if (apikey) { headers['X-CKAN-API-Key'] = apikey; headers.Authorization = apikey; }
    let payload: string | Buffer;
    if (files) {
      const b = 'ckanapiboundary';
      const parts: Buffer[] = [];
      for (const [k, v] of Object.entries(data)) if (v !== null && v !== undefined) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${String(v)}\r\n`));
      for (const [k, f] of Object.entries(files)) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n${f.content}\r\n`));
      parts.push(Buffer.from(`--${b}--\r\n`));
      payload = Buffer.concat(parts);
      headers['Content-Type'] = `multipart/form-data; boundary=${b}`;
    } else {
      payload = JSON.stringify(data);
      headers['Content-Type'] = 'application/json';
    }
    const r = await app.inject({ method: 'POST', url: `/api/action/${action}`, headers, payload });
    const body = r.json();
    return { status: r.statusCode, success: body.success === true, result: body.result, error: body.error, raw: body };
  };
}
const ckan = (k?: keyof typeof keys) => remote(k ? keys[k] : undefined);
/** The result, or the failure with its body shown. */
async function ok(call: Promise<Answer>): Promise<any> {
  const a = await call;
  expect(a.success, JSON.stringify(a.raw)).toBe(true);
  expect(a.status).toBe(200);
  return a.result;
}
async function fails(call: Promise<Answer>, type: string, status: number): Promise<Record<string, unknown>> {
  const a = await call;
  expect([a.status, a.success, a.error?.__type], JSON.stringify(a.raw)).toEqual([status, false, type]);
  return a.error!;
}
const search = async (id: string, extra: Record<string, unknown> = {}) => (await app.inject({ method: 'POST', url: '/api/3/action/datastore_search', payload: { resource_id: id, ...extra } })).json();
const show = async (id: string) => app.inject({ method: 'GET', url: `/api/3/action/package_show?id=${id}` });

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  process.env.AGORA_OUTBOUND_ALLOW = '127.0.0.1'; // the source server listens on the loopback interface
  dir = mkdtempSync(join(tmpdir(), 'agora-ckan-writes-'));
  source = createServer((req, res) => {
    if (req.url === '/trees.csv') { res.writeHead(200, { 'content-type': 'text/csv' }); res.end(TREES_CSV); return; }
    res.writeHead(404); res.end();
  });
  await new Promise<void>((r) => source.listen(0, '127.0.0.1', r));
  sourceUrl = `http://127.0.0.1:${(source.address() as { port: number }).port}`;
  ctx = await openPortal({ inMemory: true, dataDir: dir, baseUrl: BASE, portalName: 'Test City' });
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'pub', password: 'password-p', permissions: ['create_dataset', 'edit_dataset', 'publish_dataset'] });
  await gov.addUser({ username: 'reader', password: 'password-r' });
  keys.publisher = (await gov.createApiKey('pub', ['create_dataset', 'edit_dataset', 'publish_dataset'])).key;
  keys.readonly = (await gov.createApiKey('pub')).key; // no scope: reads as pub, writes nothing
  keys.reader = (await gov.createApiKey('reader', ['create_dataset', 'edit_dataset', 'publish_dataset'])).key; // scopes above the user's own rights
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS; delete process.env.AGORA_OUTBOUND_ALLOW;
  await app?.close(); if (ctx) await closePortal(ctx);
  await new Promise((r) => source?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('a CKAN publishing script', () => {
  it('package_create → resource_create with a URL → datastore_search shows the rows', async () => {
    const pkg = await ok(ckan('publisher')('package_create', {
      name: 'city-trees', title: 'City trees', notes: '<p>Every <b>tree</b> of the city.</p><script>alert(1)</script>',
      tags: [{ name: 'trees' }, { name: 'parks' }], license_id: 'cc-by', extras: [{ key: 'language', value: 'fr' }],
    }));
    expect([pkg.name, pkg.title, pkg.license_id, pkg.state, pkg.private]).toEqual(['city-trees', 'City trees', 'cc-by', 'active', false]);
    expect(pkg.tags.map((t: { name: string }) => t.name).sort()).toEqual(['parks', 'trees']);
    expect(pkg.notes).toContain('Every tree of the city.');
    expect(pkg.notes).not.toMatch(/script|alert/);
    // Published as the read side shows it: anyone reads it with package_show.
    const shown = (await show('city-trees')).json().result;
    expect([shown.name, shown.title, shown.license_id]).toEqual(['city-trees', 'City trees', 'cc-by']);
    expect(shown.extras).toContainEqual({ key: 'language', value: 'fr' });

    const res = await ok(ckan('publisher')('resource_create', { package_id: 'city-trees', url: `${sourceUrl}/trees.csv`, name: 'Trees', format: 'CSV' }));
    expect(res.datastore_active).toBe(true);
    const found = await search(res.id);
    expect(found.success).toBe(true);
    expect(found.result.total).toBe(2);
    expect(found.result.records.map((r: Record<string, unknown>) => [r.id, r.name, r.height])).toEqual([[1, 'Oak', 12], [2, 'Elm', 7.5]]);
  });

  it('resource_update with a file upload (multipart, as ckanapi sends a file) replaces the data', async () => {
    const res = await ok(ckan('publisher')('resource_update', { id: 'city-trees', format: 'CSV' }, { upload: { name: 'trees-2025.csv', content: 'id,name,height\n1,Oak,13\n2,Elm,8\n3,Plane,20\n' } }));
    expect(res.id).toBe('city-trees');
    const found = await search('city-trees');
    expect(found.result.records.map((r: Record<string, unknown>) => [r.id, r.name, r.height])).toEqual([[1, 'Oak', 13], [2, 'Elm', 8], [3, 'Plane', 20]]);
    // A failing import (an empty file) leaves the data and the sources as they were.
    const drafts = await ensureDrafts(ctx);
    const sources = (await drafts.resources(ctx.catalog.get('city-trees').dataset_uid)).map((r) => r.uid);
    await fails(ckan('publisher')('resource_update', { id: 'city-trees', format: 'CSV' }, { upload: { name: 'empty.csv', content: '' } }), 'Validation Error', 409);
    expect((await search('city-trees')).result.total).toBe(3);
    expect((await drafts.resources(ctx.catalog.get('city-trees').dataset_uid)).map((r) => r.uid)).toEqual(sources);
    expect((await drafts.files(ctx.catalog.get('city-trees').dataset_uid)).map((f) => f.filename)).toEqual(['trees-2025.csv']);
  });

  it('a URL on the server\'s own network is refused as the Automation API refuses it', async () => {
    const e = await fails(ckan('publisher')('resource_create', { package_id: 'city-trees', url: 'http://169.254.169.254/latest/meta-data.csv', format: 'CSV' }), 'Validation Error', 409);
    expect(Object.keys(e)).toContain('url');
    expect((await search('city-trees')).result.total).toBe(3);
  });

  it('package_patch changes only the keys given; package_update replaces what CKAN manages', async () => {
    const patched = await ok(ckan('publisher')('package_patch', { id: 'city-trees', title: 'Trees of the city' }));
    expect(patched.title).toBe('Trees of the city');
    expect(patched.tags.map((t: { name: string }) => t.name).sort()).toEqual(['parks', 'trees']);
    expect(patched.license_id).toBe('cc-by');
    // package_show → change → package_update, the usual round trip: read-only keys are accepted back.
    const dict = (await show('city-trees')).json().result;
    const updated = await ok(ckan('publisher')('package_update', { ...dict, tags: [{ name: 'urban-forest' }], license_id: 'odc-odbl' }));
    expect(updated.tags.map((t: { name: string }) => t.name)).toEqual(['urban-forest']);
    expect([updated.license_id, updated.title]).toEqual(['odc-odbl', 'Trees of the city']);
    const bare = await ok(ckan('publisher')('package_update', { id: 'city-trees', title: 'Trees' }));
    expect([bare.tags, bare.license_id, bare.notes]).toEqual([[], 'notspecified', '']);
    expect((await search('city-trees')).result.total).toBe(3);
  });
});

describe('CKAN error bodies', () => {
  it('ValidationError with per-field messages: missing, malformed and duplicate name, unknown organization, bad tags', async () => {
    expect(await fails(ckan('publisher')('package_create', { title: 'No name' }), 'Validation Error', 409)).toMatchObject({ name: ['Missing value'] });
    expect(await fails(ckan('publisher')('package_create', { name: 'city-trees' }), 'Validation Error', 409)).toMatchObject({ name: ['That URL is already in use.'] });
    expect(await fails(ckan('publisher')('package_create', { name: 'Bad Name!' }), 'Validation Error', 409))
      .toMatchObject({ name: ['Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_'] });
    expect(await fails(ckan('publisher')('package_create', { name: 'x' }), 'Validation Error', 409)).toMatchObject({ name: [expect.stringMatching(/at least 2 characters/)] });
    expect(await fails(ckan('publisher')('package_create', { name: 'orgless', owner_org: 'no-such-org' }), 'Validation Error', 409)).toMatchObject({ owner_org: ['Organization does not exist'] });
    expect(await fails(ckan('publisher')('package_create', { name: 'tagged', tags: [{ name: 'ok', colour: 'red' }] }), 'Validation Error', 409))
      .toMatchObject({ tags: ['The input field colour was not expected.'] });
    expect(await fails(ckan('publisher')('package_create', { name: 'tagged', tags: 'trees' }), 'Validation Error', 409)).toHaveProperty('tags');
    expect(await fails(ckan('publisher')('package_create', { name: 'extra', extras: [{ key: 'favourite_colour', value: 'red' }] }), 'Validation Error', 409)).toHaveProperty('extras');
    expect(await fails(ckan('publisher')('package_create', { name: 'mailless', maintainer_email: 'not-an-address' }), 'Validation Error', 409)).toHaveProperty('maintainer_email');
    expect(await fails(ckan('publisher')('package_patch', { id: 'city-trees', maintainer_email: 'not-an-address' }), 'Validation Error', 409)).toHaveProperty('maintainer_email');
    expect((await app.inject('/api/3/action/package_list')).json().result).toEqual(['city-trees']);
  });

  it('NotAuthorized: anonymous, a key without scopes, a user without rights; a bad key; nothing written', async () => {
    const before = JSON.stringify((await show('city-trees')).json().result);
    for (const who of [undefined, 'readonly', 'reader'] as const) {
      await fails(ckan(who)('package_create', { name: 'intruder' }), 'Authorization Error', 403);
      await fails(ckan(who)('package_patch', { id: 'city-trees', title: 'Hijacked' }), 'Authorization Error', 403);
      await fails(ckan(who)('package_delete', { id: 'city-trees' }), 'Authorization Error', 403);
      await fails(ckan(who)('resource_create', { package_id: 'city-trees', url: `${sourceUrl}/trees.csv`, format: 'CSV' }), 'Authorization Error', 403);
      await fails(ckan(who)('datastore_upsert', { resource_id: 'city-trees', records: [{ id: 9 }], method: 'insert' }), 'Authorization Error', 403);
      await fails(ckan(who)('datastore_delete', { resource_id: 'city-trees' }), 'Authorization Error', 403);
    }
    const bad = await remote('not-a-key-of-this-portal')('package_create', { name: 'intruder' });
    expect([bad.status, bad.error?.__type]).toEqual([401, 'Authorization Error']);
    // The two headers naming different keys are refused as a bad key.
    const mixed = await app.inject({ method: 'POST', url: '/api/action/package_patch', headers: { authorization: keys.publisher, 'x-ckan-api-key': keys.readonly }, payload: { id: 'city-trees', title: 'Hijacked' } });
    expect(mixed.statusCode).toBe(401);
    expect(JSON.stringify((await show('city-trees')).json().result)).toBe(before);
    expect((await app.inject('/api/3/action/package_list')).json().result).toEqual(['city-trees']);
    expect((await search('city-trees')).result.total).toBe(3);
  });

  it('writes are POST only; an unknown package is NotFound', async () => {
    const g = await app.inject({ method: 'GET', url: '/api/3/action/package_create?name=by-get', headers: { authorization: keys.publisher } });
    expect([g.statusCode, g.json()]).toEqual([400, 'Bad request - JSON Error: Invalid request. Please use POST method for your request']);
    await fails(ckan('publisher')('package_patch', { id: 'no-such-package', title: 'x' }), 'Not Found Error', 404);
    await fails(ckan('publisher')('datastore_upsert', { resource_id: 'no-such-package', records: [] }), 'Not Found Error', 404);
  });
});

describe('the datastore', () => {
  const readings = async () => (await search('sensors', { sort: 'station' })).result;

  it('datastore_create: fields with CKAN types, records and a primary key', async () => {
    await ok(ckan('publisher')('package_create', { name: 'sensors', title: 'Sensors' }));
    const made = await ok(ckan('publisher')('datastore_create', {
      resource: { package_id: 'sensors' }, primary_key: ['station'],
      fields: [{ id: 'station', type: 'text', info: { label: 'Station' } }, { id: 'reading', type: 'int' }, { id: 'value', type: 'numeric' },
        { id: 'at', type: 'timestamp' }, { id: 'ok', type: 'bool' }, { id: 'meta', type: 'json' }],
      records: [
        { station: 'A', reading: 1, value: 0.5, at: '2024-05-01T08:00:00Z', ok: true, meta: { k: 1 } },
        { station: 'B', reading: '2', value: '1.25', at: '2024-05-01', ok: 'false', meta: null },
      ],
    }));
    expect(made.resource_id).toBe('sensors');
    expect(made.primary_key).toEqual(['station']);
    const r = await readings();
    expect(r.fields.map((f: { id: string; type: string }) => [f.id, f.type])).toEqual([
      ['_id', 'int'], ['station', 'text'], ['reading', 'int'], ['value', 'numeric'], ['at', 'timestamp'], ['ok', 'bool'], ['meta', 'json']]);
    expect(r.fields[1].info.label).toBe('Station');
    expect(r.records.map((x: Record<string, unknown>) => [x.station, x.reading, x.value, x.ok, x.meta])).toEqual([['A', 1, 0.5, true, { k: 1 }], ['B', 2, 1.25, false, null]]);
    expect(String(r.records[1].at)).toMatch(/^2024-05-01T00:00:00/);
  });

  it('datastore_upsert: upsert updates by key (the _id stays) and inserts; update changes only the fields given; insert adds', async () => {
    const idOfA = (await readings()).records[0]._id;
    await ok(ckan('publisher')('datastore_upsert', { resource_id: 'sensors', records: [{ station: 'A', reading: 10 }, { station: 'C', reading: 3, value: 2 }] }));
    let r = await readings();
    expect(r.records.map((x: Record<string, unknown>) => [x.station, x.reading, x.value])).toEqual([['A', 10, 0.5], ['B', 2, 1.25], ['C', 3, 2]]);
    expect(r.records[0]._id).toBe(idOfA);
    await ok(ckan('publisher')('datastore_upsert', { resource_id: 'sensors', method: 'update', records: [{ station: 'B', ok: true }] }));
    r = await readings();
    expect(r.records[1]).toMatchObject({ station: 'B', reading: 2, value: 1.25, ok: true });
    await ok(ckan('publisher')('datastore_upsert', { resource_id: 'sensors', method: 'insert', records: [{ station: 'D', reading: 4 }] }));
    expect((await readings()).records.map((x: Record<string, unknown>) => [x.station, x.reading, x.value])).toEqual([['A', 10, 0.5], ['B', 2, 1.25], ['C', 3, 2], ['D', 4, null]]);
  });

  it('a bad record fails the whole call, naming its index and field; nothing is half-written', async () => {
    const before = JSON.stringify((await readings()).records);
    const type = await fails(ckan('publisher')('datastore_upsert', { resource_id: 'sensors', records: [{ station: 'E', reading: 5 }, { station: 'F', reading: 'abc' }] }), 'Validation Error', 409);
    expect(String((type.records as string[])[0])).toMatch(/index 1.*"reading"/);
    const extra = await fails(ckan('publisher')('datastore_upsert', { resource_id: 'sensors', records: [{ station: 'E', colour: 'red' }] }), 'Validation Error', 409);
    expect(String((extra.records as string[])[0])).toMatch(/index 0 has extra keys "colour"/);
    const dup = await fails(ckan('publisher')('datastore_upsert', { resource_id: 'sensors', method: 'insert', records: [{ station: 'E' }, { station: 'A', reading: 0 }] }), 'Validation Error', 409);
    expect(String((dup.records as string[])[0])).toMatch(/index 1.*duplicate key/);
    const missing = await fails(ckan('publisher')('datastore_upsert', { resource_id: 'sensors', method: 'update', records: [{ station: 'A', reading: 1 }, { station: 'Z', reading: 1 }] }), 'Validation Error', 409);
    expect(String((missing.key as string[])[0])).toMatch(/index 1.*not found/);
    const nokey = await fails(ckan('publisher')('datastore_upsert', { resource_id: 'sensors', records: [{ reading: 1 }] }), 'Validation Error', 409);
    expect(String((nokey.key as string[])[0])).toMatch(/"station" are missing but needed as key/);
    expect(await fails(ckan('publisher')('datastore_upsert', { resource_id: 'sensors', method: 'replace', records: [] }), 'Validation Error', 409)).toHaveProperty('method');
    const badType = await fails(ckan('publisher')('datastore_create', { resource_id: 'sensors', fields: [{ id: 'when', type: 'interval' }] }), 'Validation Error', 409);
    expect(String((badType.fields as string[])[0])).toMatch(/"interval" is not a valid field type/);
    await ok(ckan('publisher')('datastore_upsert', { resource_id: 'sensors', dry_run: true, records: [{ station: 'A', reading: 99 }] }));
    expect(JSON.stringify((await readings()).records)).toBe(before);
  });

  it('datastore_create adds a field to a table with records; a table without a key refuses upsert', async () => {
    await ok(ckan('publisher')('datastore_create', { resource_id: 'sensors', fields: [{ id: 'note', type: 'text' }], records: [{ station: 'E', note: 'new' }] }));
    const r = await readings();
    expect(r.records.map((x: Record<string, unknown>) => [x.station, x.note])).toEqual([['A', null], ['B', null], ['C', null], ['D', null], ['E', 'new']]);
    await ok(ckan('publisher')('package_create', { name: 'keyless' }));
    await ok(ckan('publisher')('datastore_create', { resource_id: 'keyless', fields: [{ id: 'x', type: 'int' }], records: [{ x: 1 }] }));
    expect(await fails(ckan('publisher')('datastore_upsert', { resource_id: 'keyless', records: [{ x: 2 }] }), 'Validation Error', 409)).toMatchObject({ table: ['table does not have a unique key defined'] });
    await ok(ckan('publisher')('datastore_upsert', { resource_id: 'keyless', method: 'insert', records: [{ x: 2 }] }));
    expect((await search('keyless')).result.total).toBe(2);
  });

  it('datastore_delete: rows matching filters, then the whole table', async () => {
    const out = await ok(ckan('publisher')('datastore_delete', { resource_id: 'sensors', filters: { station: ['C', 'D'] } }));
    expect(out.filters).toEqual({ station: ['C', 'D'] });
    expect((await readings()).records.map((x: Record<string, unknown>) => x.station)).toEqual(['A', 'B', 'E']);
    expect(await fails(ckan('publisher')('datastore_delete', { resource_id: 'sensors', filters: { colour: 'red' } }), 'Validation Error', 409)).toMatchObject({ filters: ['field "colour" not in table'] });
    await ok(ckan('publisher')('datastore_delete', { resource_id: 'sensors' }));
    expect((await app.inject('/api/3/action/datastore_search?resource_id=sensors')).statusCode).toBe(404);
    expect((await show('sensors')).json().result.extras).toContainEqual({ key: 'records_count', value: '0' });
  });
});

describe('deleting', () => {
  it('package_delete unpublishes (the name stays taken); state active brings it back; dataset_purge deletes', async () => {
    expect(await ok(ckan('publisher')('package_delete', { id: 'keyless' }))).toBeNull();
    expect((await show('keyless')).statusCode).toBe(404);
    expect((await app.inject('/api/3/action/package_list')).json().result).not.toContain('keyless');
    expect(await fails(ckan('publisher')('package_create', { name: 'keyless' }), 'Validation Error', 409)).toMatchObject({ name: ['That URL is already in use.'] });
    expect((await ok(ckan('publisher')('package_patch', { id: 'keyless', state: 'active' }))).state).toBe('active');
    expect((await search('keyless')).result.total).toBe(2);
    expect(await ok(ckan('publisher')('dataset_purge', { id: 'keyless' }))).toBeNull();
    expect(ctx.catalog.find('keyless')).toBeUndefined();
    await ok(ckan('publisher')('package_create', { name: 'keyless' }));
  });

  it('every write is audited with the Automation API\'s actions, marked as CKAN calls', async () => {
    const { entries } = await (await ensureAudit(ctx)).list(500, 0);
    const ours = entries.filter((e) => e.detail.via === 'ckan');
    const actions = new Set(ours.map((e) => e.action));
    for (const a of ['dataset.create', 'dataset.publish', 'dataset.update', 'dataset.resource.create', 'dataset.resource.update', 'dataset.file.upload',
      'dataset.datastore.create', 'dataset.records.upsert', 'dataset.records.update', 'dataset.records.insert', 'dataset.records.delete', 'dataset.unpublish', 'dataset.delete']) {
      expect(actions, a).toContain(a);
    }
    expect(ours.every((e) => e.actor === 'user:pub' && typeof e.detail.key_id === 'string')).toBe(true);
    // Refused calls are in the log as refusals, not as changes.
    expect(entries.some((e) => e.action === 'dataset.create' && e.detail.dataset_id === 'intruder')).toBe(false);
  });
});
