// Field configurations that reshape a dataset, through the Automation API: rename (technical name
// too), delete and order, applied at publish and seen by the Explore API (records, exports, ODSQL,
// dataset fields); bad bodies refused naming the property; security rules kept true (a filter on a
// renamed field refuses the publish, visible_fields follow, nothing extra is ever shown). Expected
// values are computed here from the CSV rows in plain JS, never read back from Agora.
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
import { fieldFates, typeOverrides } from '../../src/governance/field-configs.ts';

const AUTO = '/api/automation/v1.0';
const API = '/api/explore/v2.1';
const ROWS = [
  { name: 'Oak', year: 2020, amount: 10, kind: 'broadleaf' },
  { name: 'Elm', year: 2021, amount: 25, kind: 'broadleaf' },
  { name: 'Ash', year: 2019, amount: 7, kind: 'broadleaf' },
  { name: 'Yew', year: 2022, amount: 3, kind: 'conifer' },
  { name: 'Fir', year: 2018, amount: 12, kind: 'conifer' },
  { name: 'Pine', year: 2023, amount: 5, kind: 'conifer' },
];
const CSV = ['Name,Year,Amount,Kind', ...ROWS.map((r) => `${r.name},${r.year},${r.amount},${r.kind}`)].join('\n') + '\n';
type Row = (typeof ROWS)[number];
const byName = (a: { name?: unknown }, b: { name?: unknown }) => String(a.name).localeCompare(String(b.name));

let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let gov: Awaited<ReturnType<typeof ensureGovernance>>;
const key: Record<string, string> = {};

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  dir = mkdtempSync(join(tmpdir(), 'agora-field-configs-'));
  ctx = await openPortal({ inMemory: true, dataDir: dir, baseUrl: 'http://portal.test' });
  gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'password-root', isAdmin: true });
  await gov.addUser({ username: 'ana', password: 'password-ana' });
  key.root = (await gov.createApiKey('root', ['admin'])).key;
  key.ana = (await gov.createApiKey('ana')).key;
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

function call(who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) {
  return app.inject({ method, url, headers: { authorization: `Apikey ${key[who]}` }, ...(body !== undefined ? { payload: body as object } : {}) });
}

async function upload(uid: string, content: string): Promise<string> {
  const b = 'agora-field-configs-boundary';
  const payload = Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="trees.csv"\r\nContent-Type: text/csv\r\n\r\n`), Buffer.from(content), Buffer.from(`\r\n--${b}--\r\n`)]);
  const r = await app.inject({ method: 'POST', url: `${AUTO}/datasets/${uid}/resources/files/`, payload, headers: { authorization: `Apikey ${key.root}`, 'content-type': `multipart/form-data; boundary=${b}` } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().uid as string;
}

/** A draft with the CSV as its resource; returns the dataset uid and the resource uid. */
async function draftWithCsv(id: string, extra: Record<string, unknown> = {}): Promise<{ uid: string; res: string }> {
  const created = await call('root', 'POST', `${AUTO}/datasets/`, { dataset_id: id, ...extra });
  expect(created.statusCode, created.body).toBe(201);
  const uid = created.json().uid as string;
  const file = await upload(uid, CSV);
  const res = await call('root', 'POST', `${AUTO}/datasets/${uid}/resources/`, { type: 'csvfile', title: 'Trees', params: { separator: ',' }, datasource: { type: 'uploaded_file', file: { uid: file } } });
  expect(res.statusCode, res.body).toBe(201);
  return { uid, res: res.json().uid as string };
}

async function config(uid: string, body: Record<string, unknown>): Promise<string> {
  const r = await call('root', 'POST', `${AUTO}/datasets/${uid}/fields/`, body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().uid as string;
}
const publish = (uid: string) => call('root', 'POST', `${AUTO}/datasets/${uid}/publish/`);
const fieldNames = async (id: string) => (await call('root', 'GET', `${API}/catalog/datasets/${id}`)).json().fields.map((f: { name: string }) => f.name) as string[];
const records = async (who: string, id: string, q = '') => call(who, 'GET', `${API}/catalog/datasets/${id}/records?limit=100${q}`);

describe('rename (technical name), delete and order at publish', () => {
  it('publishes the renamed, ordered fields without the deleted one; records, exports and ODSQL use the new names', async () => {
    const { uid, res } = await draftWithCsv('reshaped');
    await config(uid, { type: 'rename', label: 'Amount is planted', from_name: 'amount', to_name: 'planted', field_label: 'Trees planted' });
    await config(uid, { type: 'delete', label: 'No kind', field: 'kind' });
    // The spec's order: listed fields first, in this order; the others keep theirs after.
    await config(uid, { type: 'order', label: 'Planted first', args: ['planted', 'name'] });
    await config(uid, { type: 'description', label: 'Describe', field: 'planted', description: 'How many' });
    const expected = ROWS.map((r) => ({ planted: r.amount, name: r.name, year: r.year }));

    const pv = (await call('root', 'GET', `${AUTO}/datasets/${uid}/resources/${res}/preview/`)).json();
    expect(pv.fields.map((f: { name: string }) => f.name)).toEqual(['planted', 'name', 'year']);
    expect(pv.fields[0]).toMatchObject({ label: 'Trees planted', original_name: 'Amount', description: 'How many' });
    expect(pv.records).toEqual(expected);

    const pub = await publish(uid);
    expect(pub.statusCode, pub.body).toBe(200);
    const meta = (await call('root', 'GET', `${API}/catalog/datasets/reshaped`)).json();
    expect(meta.fields.map((f: { name: string }) => f.name)).toEqual(['planted', 'name', 'year']);
    expect(meta.fields[0]).toMatchObject({ label: 'Trees planted', type: 'int', description: 'How many' });

    const recs = (await records('root', 'reshaped', '&order_by=name')).json();
    expect(recs.total_count).toBe(ROWS.length);
    expect([...recs.results].sort(byName)).toEqual([...expected].sort(byName));
    for (const r of recs.results) expect(Object.keys(r)).toEqual(['planted', 'name', 'year']);

    const where = (await records('root', 'reshaped', `&where=${encodeURIComponent('planted > 6')}`)).json();
    expect(where.total_count).toBe(ROWS.filter((r) => r.amount > 6).length);
    const agg = (await records('root', 'reshaped', `&select=${encodeURIComponent('sum(planted) as s')}`)).json();
    expect(agg.results[0].s).toBe(ROWS.reduce((s, r) => s + r.amount, 0));
    for (const old of ['amount > 6', 'kind = "conifer"']) {
      expect((await records('root', 'reshaped', `&where=${encodeURIComponent(old)}`)).statusCode, old).toBe(400);
    }

    const csv = await call('root', 'GET', `${API}/catalog/datasets/reshaped/exports/csv?order_by=name`);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines[0].split(';')).toEqual(['planted', 'name', 'year']);
    expect(lines.slice(1)).toEqual([...expected].sort(byName).map((r) => `${r.planted};${r.name};${r.year}`));
    const json = (await call('root', 'GET', `${API}/catalog/datasets/reshaped/exports/json`)).json() as Row[];
    expect([...json].sort(byName)).toEqual([...expected].sort(byName));

    const facets = (await call('root', 'GET', `${API}/catalog/datasets/reshaped/facets?facet=name`)).json();
    expect(facets.facets.find((f: { name: string }) => f.name === 'name').facets.length).toBe(ROWS.length);

    // Publishing again with the same configurations changes nothing.
    expect((await publish(uid)).statusCode).toBe(200);
    expect(await fieldNames('reshaped')).toEqual(['planted', 'name', 'year']);
    expect((await records('root', 'reshaped')).json().total_count).toBe(ROWS.length);
  });

  it('swaps two technical names through a temporary one', async () => {
    const { uid } = await draftWithCsv('swapped');
    await config(uid, { type: 'rename', label: 'a', from_name: 'year', to_name: 'tmp', field_label: 'tmp' });
    await config(uid, { type: 'rename', label: 'b', from_name: 'amount', to_name: 'year', field_label: 'Year (was amount)' });
    await config(uid, { type: 'rename', label: 'c', from_name: 'tmp', to_name: 'amount', field_label: 'Amount (was year)' });
    expect((await publish(uid)).statusCode).toBe(200);
    expect(await fieldNames('swapped')).toEqual(['name', 'amount', 'year', 'kind']);
    const recs = (await records('root', 'swapped')).json().results;
    expect([...recs].sort(byName)).toEqual(ROWS.map((r) => ({ name: r.name, amount: r.year, year: r.amount, kind: r.kind })).sort(byName));
  });

  it('applies a type configuration written for the new name', async () => {
    const { uid } = await draftWithCsv('typed');
    await config(uid, { type: 'rename', label: 'r', from_name: 'year', to_name: 'planted_in', field_label: 'Planted in' });
    await config(uid, { type: 'type', label: 't', field: 'planted_in', type_param: 'text' });
    expect((await publish(uid)).statusCode).toBe(200);
    const meta = (await call('root', 'GET', `${API}/catalog/datasets/typed`)).json();
    expect(meta.fields.find((f: { name: string }) => f.name === 'planted_in')).toMatchObject({ type: 'text', label: 'Planted in' });
    const recs = (await records('root', 'typed')).json().results;
    expect(recs.map((r: { planted_in: unknown }) => r.planted_in).sort()).toEqual(ROWS.map((r) => String(r.year)).sort());
  });
});

describe('bad field configurations', () => {
  it('refuses bad bodies with 400 naming the property', async () => {
    const uid = (await call('root', 'POST', `${AUTO}/datasets/`, { dataset_id: 'bad-bodies' })).json().uid as string;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: 'rename', label: 'x', from_name: 'year', to_name: 'Planted In', field_label: 'x' }, 'to_name'],
      [{ type: 'rename', label: 'x', from_name: 'year', to_name: '_rid', field_label: 'x' }, 'to_name'],
      [{ type: 'rename', label: 'x', from_name: 'year', to_name: 'a__lon', field_label: 'x' }, 'to_name'],
      [{ type: 'rename', label: 'x', from_name: 'year', to_name: 'x'.repeat(101), field_label: 'x' }, 'to_name'],
      [{ type: 'rename', label: 'x', from_name: 'year', to_name: 'ok' }, 'field_label'],
      [{ type: 'order', label: 'x' }, 'args'],
      [{ type: 'order', label: 'x', args: [] }, 'args'],
      [{ type: 'order', label: 'x', args: 'name' }, 'args'],
      [{ type: 'order', label: 'x', args: ['name', 3] }, 'args[1]'],
      [{ type: 'order', label: 'x', args: ['name', 'name'] }, 'args'],
      [{ type: 'order', label: 'x', args: ['name'], field: 'name' }, 'field'],
      [{ type: 'delete', label: 'x' }, 'field'],
      [{ type: 'delete', label: 'x', field: '' }, 'field'],
      [{ type: 'delete', label: 'x', field: 'name', args: [] }, 'args'],
      [{ type: 'remove', label: 'x', field: 'name' }, 'type'],
    ];
    for (const [body, prop] of cases) {
      const r = await call('root', 'POST', `${AUTO}/datasets/${uid}/fields/`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(Object.keys(r.json().detail ?? {}), JSON.stringify(body)).toEqual([prop]);
    }
    expect((await call('root', 'GET', `${AUTO}/datasets/${uid}/fields/`)).json().total_count).toBe(0);
  });

  it('refuses at publish a rename onto an existing field, and deleting every field; nothing is published', async () => {
    const { uid } = await draftWithCsv('clash');
    const c = await config(uid, { type: 'rename', label: 'x', from_name: 'amount', to_name: 'year', field_label: 'Year' });
    const r = await publish(uid);
    expect(r.statusCode).toBe(400);
    expect(Object.keys(r.json().detail)).toEqual(['to_name']);
    expect(r.json().detail.to_name[0]).toContain('field "year" already exists');
    expect(ctx.catalog.get('clash')).toMatchObject({ is_published: false, has_records: false });
    await call('root', 'DELETE', `${AUTO}/datasets/${uid}/fields/${c}/`);
    for (const f of ['name', 'year', 'amount', 'kind']) await config(uid, { type: 'delete', label: f, field: f });
    const all = await publish(uid);
    expect(all.statusCode).toBe(400);
    expect(all.json().detail.fields[0]).toContain('remove every field');
    expect(ctx.catalog.get('clash')).toMatchObject({ is_published: false, has_records: false });
  });
});

describe('security rules and renamed or deleted fields', () => {
  it('refuses a publish that renames a field a filter_query names; visible_fields follow renames and lose deleted fields', async () => {
    const { uid } = await draftWithCsv('guarded', { is_restricted: true });
    expect((await publish(uid)).statusCode).toBe(200);
    const rule = { user: { username: 'ana' }, permissions: ['explore_restricted_dataset'], security: { is_data_visible: true, visible_fields: ['name', 'kind', 'amount'], filter_query: 'kind = "conifer"', api_calls_quota: null } };
    const put = await call('root', 'POST', `${AUTO}/datasets/${uid}/security/users/`, rule);
    expect(put.statusCode, put.body).toBeLessThan(300);
    const conifers = ROWS.filter((r) => r.kind === 'conifer').map((r) => ({ name: r.name, kind: r.kind, amount: r.amount }));
    const before = (await records('ana', 'guarded')).json();
    expect([...before.results].sort(byName)).toEqual([...conifers].sort(byName));

    await config(uid, { type: 'rename', label: 'r', from_name: 'kind', to_name: 'species', field_label: 'Species' });
    const refused = await publish(uid);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail.fields[0]).toContain('user "ana"');
    expect(refused.json().detail.fields[0]).toContain('"kind"');
    expect(await fieldNames('guarded')).toEqual(['name', 'year', 'amount', 'kind']);
    expect((await records('ana', 'guarded')).json()).toEqual(before);

    // The rule no longer filters on kind: the publish goes through, visible_fields follow.
    await call('root', 'PUT', `${AUTO}/datasets/${uid}/security/users/ana/`, { ...rule, security: { ...rule.security, filter_query: 'year >= 2020' } });
    await config(uid, { type: 'delete', label: 'd', field: 'amount' });
    expect((await publish(uid)).statusCode).toBe(200);
    expect(await fieldNames('guarded')).toEqual(['name', 'year', 'species']);
    const saved = (await call('root', 'GET', `${AUTO}/datasets/${uid}/security/users/ana/`)).json();
    expect(saved.security.visible_fields).toEqual(['name', 'species']);
    const after = (await records('ana', 'guarded')).json();
    const expected = ROWS.filter((r) => r.year >= 2020).map((r) => ({ name: r.name, species: r.kind }));
    expect([...after.results].sort(byName)).toEqual([...expected].sort(byName));
    const facets = (await call('root', 'GET', `${API}/catalog/datasets/guarded/facets?facet=species`)).json();
    const counts = Object.fromEntries(facets.facets[0].facets.map((f: { name: string; count: number }) => [f.name, f.count]));
    expect(facets.facets[0].name).toBe('species');
    expect(counts).toEqual({ broadleaf: ROWS.filter((r) => r.kind === 'broadleaf').length, conifer: ROWS.filter((r) => r.kind === 'conifer').length });
    // Publishing again (renames already applied) leaves the rule alone.
    expect((await publish(uid)).statusCode).toBe(200);
    expect((await call('root', 'GET', `${AUTO}/datasets/${uid}/security/users/ana/`)).json().security.visible_fields).toEqual(['name', 'species']);
  });

  it('a publish that fails leaves the rules as they were', async () => {
    const { uid } = await draftWithCsv('kept', { is_restricted: true });
    expect((await publish(uid)).statusCode).toBe(200);
    const rule = { user: { username: 'ana' }, permissions: ['explore_restricted_dataset'], security: { is_data_visible: true, visible_fields: ['name', 'kind'], filter_query: '', api_calls_quota: null } };
    expect((await call('root', 'POST', `${AUTO}/datasets/${uid}/security/users/`, rule)).statusCode).toBeLessThan(300);
    await config(uid, { type: 'rename', label: 'r', from_name: 'kind', to_name: 'species', field_label: 'Species' });
    const bad = await upload(uid, 'Name,Year,Amount,Kind\nOak,2020,10,broadleaf,extra\n');
    expect((await call('root', 'POST', `${AUTO}/datasets/${uid}/resources/`, { type: 'csvfile', title: 'Bad', datasource: { type: 'uploaded_file', file: { uid: bad } } })).statusCode).toBe(201);
    expect((await publish(uid)).statusCode).toBe(400);
    expect((await call('root', 'GET', `${AUTO}/datasets/${uid}/security/users/ana/`)).json().security.visible_fields).toEqual(['name', 'kind']);
    expect(await fieldNames('kept')).toEqual(['name', 'year', 'amount', 'kind']);
    const seen = (await records('ana', 'kept')).json().results;
    expect([...seen].sort(byName)).toEqual(ROWS.map((r) => ({ name: r.name, kind: r.kind })).sort(byName));
  });

  it('refuses a publish deleting a field while a filter searches whole records', async () => {
    const { uid } = await draftWithCsv('searched', { is_restricted: true });
    expect((await publish(uid)).statusCode).toBe(200);
    const rule = { user: { username: 'ana' }, permissions: ['explore_restricted_dataset'], security: { is_data_visible: true, visible_fields: null, filter_query: 'not "conifer"', api_calls_quota: null } };
    expect((await call('root', 'POST', `${AUTO}/datasets/${uid}/security/users/`, rule)).statusCode).toBeLessThan(300);
    await config(uid, { type: 'delete', label: 'd', field: 'kind' });
    const r = await publish(uid);
    expect(r.statusCode).toBe(400);
    expect(r.json().detail.fields[0]).toContain('searches whole records');
  });

  it('a rule whose filter names a field that no longer exists shows no rows at all', async () => {
    // A rule written past the checks (as a store restored from an old backup could hold).
    const { uid } = await draftWithCsv('stale', { is_restricted: true });
    await config(uid, { type: 'rename', label: 'r', from_name: 'kind', to_name: 'species', field_label: 'Species' });
    expect((await publish(uid)).statusCode).toBe(200);
    await gov.putRuleset({ datasetUid: uid, target: { kind: 'user', username: 'ana' }, permissions: ['explore_restricted_dataset'],
      security: { is_data_visible: true, visible_fields: null, filter_query: 'kind = "conifer"', api_calls_quota: null } });
    const r = await records('ana', 'stale');
    expect(r.statusCode).not.toBe(200);
    expect(JSON.stringify(r.json())).not.toContain('Oak');
    const csv = await call('ana', 'GET', `${API}/catalog/datasets/stale/exports/csv`);
    expect(csv.body).not.toContain('Oak');
    expect(csv.body).not.toContain('Yew');
  });
});

describe('data loaded without resources (the command line)', () => {
  it('renames and deletes in the published table, then appends a file with the source names', async () => {
    writeFileSync(join(dir, 'cli.csv'), CSV);
    await importDataset(ctx.catalog, { source: join(dir, 'cli.csv'), datasetId: 'cli', mode: 'create' });
    const uid = ctx.catalog.get('cli').dataset_uid;
    await config(uid, { type: 'rename', label: 'r', from_name: 'name', to_name: 'tree', field_label: 'Tree' });
    await config(uid, { type: 'delete', label: 'd', field: 'year' });
    await config(uid, { type: 'order', label: 'o', args: ['kind'] });
    expect((await publish(uid)).statusCode).toBe(200);
    expect(await fieldNames('cli')).toEqual(['kind', 'tree', 'amount']);
    const byTree = (a: { tree?: unknown }, b: { tree?: unknown }) => String(a.tree).localeCompare(String(b.tree));
    const expected = ROWS.map((r) => ({ kind: r.kind, tree: r.name, amount: r.amount }));
    expect([...(await records('root', 'cli')).json().results].sort(byTree)).toEqual([...expected].sort(byTree));

    // An `append` resource in the source's own names lands in the renamed fields.
    const more = [{ name: 'Lime', year: 2024, amount: 4, kind: 'broadleaf' }];
    const file = await upload(uid, ['Name,Year,Amount,Kind', ...more.map((r) => `${r.name},${r.year},${r.amount},${r.kind}`)].join('\n') + '\n');
    const res = await call('root', 'POST', `${AUTO}/datasets/${uid}/resources/`, { type: 'csvfile', title: 'More', append: true, datasource: { type: 'uploaded_file', file: { uid: file } } });
    expect(res.statusCode, res.body).toBe(201);
    const pub = await publish(uid);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(await fieldNames('cli')).toEqual(['kind', 'tree', 'amount']);
    const all = [...expected, ...more.map((r) => ({ kind: r.kind, tree: r.name, amount: r.amount }))];
    expect([...(await records('root', 'cli')).json().results].sort(byTree)).toEqual([...all].sort(byTree));
  });
});

describe('working out the configurations (pure)', () => {
  const c = (body: Record<string, unknown>) => ({ body });
  const kept = (names: string[], configs: Array<{ body: Record<string, unknown> }>, published = false) =>
    fieldFates(names, configs, 'x', published).filter((f) => !f.deleted).map((f) => `${f.from}>${f.name}`);

  it('orders listed fields first, skips unknown names, keeps the others in their order', () => {
    expect(kept(['a', 'b', 'c', 'd'], [c({ type: 'order', args: ['c', 'nope', 'a'] })])).toEqual(['c>c', 'a>a', 'b>b', 'd>d']);
  });
  it('reads each configuration with the names of its moment', () => {
    const cfgs = [c({ type: 'order', args: ['b'] }), c({ type: 'rename', from_name: 'b', to_name: 'z', field_label: 'Z' }), c({ type: 'delete', field: 'a' }), c({ type: 'delete', field: 'b' })];
    expect(kept(['a', 'b', 'c'], cfgs)).toEqual(['b>z', 'c>c']);
  });
  it('on published names, renames already applied are undone first, so the result is the same', () => {
    const cfgs = [c({ type: 'order', args: ['a', 'b'] }), c({ type: 'rename', from_name: 'a', to_name: 'z', field_label: 'Z' }), c({ type: 'delete', field: 'c' })];
    const first = kept(['a', 'b', 'c'], cfgs).map((s) => s.split('>')[1]);
    expect(first).toEqual(['z', 'b']);
    expect(kept(first, cfgs, true)).toEqual(['z>z', 'b>b']);
  });
  it('types by source name, following renames', () => {
    expect(typeOverrides([c({ type: 'rename', from_name: 'a', to_name: 'b' }), c({ type: 'type', field: 'b', type_param: 'text' }), c({ type: 'type', field: 'a', type_param: 'int' })])).toEqual({ a: 'text' });
  });
});
