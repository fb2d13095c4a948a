// Dataset processors through the Automation API, in-process: the catalogue, add / read / replace /
// move / delete in ODS's flat DatasetProcessor shape, bad parameters refused naming the parameter,
// YAML and JSON export and import, the 20-record preview with changed cells named, and pushes run
// through the pipeline. Expected values are written here from the rows given.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { parse } from 'yaml';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance } from '../../src/governance/index.ts';
import { importDataset } from '../../src/ingest/index.ts';

const AUTO = '/api/automation/v1.0';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let base: string;
const key: Record<string, string> = {};

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  dir = mkdtempSync(join(tmpdir(), 'agora-proc-api-'));
  ctx = await openPortal({ inMemory: true, dataDir: dir, baseUrl: 'http://portal.test' });
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'password-root', isAdmin: true });
  await gov.addUser({ username: 'ana', password: 'password-ana' });
  key.root = (await gov.createApiKey('root', ['admin'])).key;
  key.ana = (await gov.createApiKey('ana')).key;
  writeFileSync(join(dir, 'shops.csv'), 'Name,City,Price\nCafé &amp; Co,paris,10\nBob,lyon,20\nCy,paris,5\n');
  await importDataset(ctx.catalog, { source: join(dir, 'shops.csv'), datasetId: 'shops', mode: 'create' });
  base = `${AUTO}/datasets/${ctx.catalog.get('shops').dataset_uid}/processors`;
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

function call(who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, type?: string) {
  const headers: Record<string, string> = { authorization: `Apikey ${key[who]}` };
  if (type) headers['content-type'] = type;
  return app.inject({ method, url, headers, ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}), ...(body !== undefined && !type ? { headers: { ...headers, 'content-type': 'application/json' } } : {}) });
}

describe('the processor catalogue and a dataset pipeline', () => {
  it('lists every registered processor with its parameters', async () => {
    const res = await call('root', 'GET', `${AUTO}/processors/`);
    expect(res.statusCode).toBe(200);
    const types = res.json().map((p: { type: string }) => p.type);
    expect(types).toEqual(expect.arrayContaining(['string_replace', 'regex_replace', 'normalize_date', 'geojoin_dataset', 'expression', 'geomasking']));
    const sr = res.json().find((p: { type: string }) => p.type === 'string_replace');
    expect(sr.parameters.map((p: { name: string }) => p.name)).toEqual(['field', 'old', 'new']);
  });

  it('adds, reads, replaces, moves and deletes processors in the ODS shape', async () => {
    const made = await call('root', 'POST', base, { type: 'decode_html_entities', label: 'Entities', field: 'name' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ type: 'decode_html_entities', label: 'Entities', field: 'name', skip_on_error: false });
    expect(made.json().uid).toMatch(/^pr_/);
    const second = (await call('root', 'POST', base, { type: 'string_replace', label: 'City', field: 'city', old: 'p', new: 'P' })).json();
    expect((await call('root', 'GET', `${base}/${second.uid}/`)).json()).toMatchObject({ old: 'p', new: 'P' });
    const put = await call('root', 'PUT', `${base}/${second.uid}/`, { type: 'string_replace', label: 'City', field: 'city', old: 'paris', new: 'Paris' });
    expect(put.json()).toMatchObject({ uid: second.uid, old: 'paris', new: 'Paris' });
    const moved = await call('root', 'POST', `${base}/${second.uid}/move/`, { position: 1 });
    expect(moved.json().results.map((p: { uid: string }) => p.uid)).toEqual([second.uid, made.json().uid]);
    expect((await call('root', 'DELETE', `${base}/${second.uid}/`)).statusCode).toBe(204);
    expect((await call('root', 'GET', base)).json()).toMatchObject({ total_count: 1 });
    expect((await call('root', 'GET', `${base}/${second.uid}/`)).statusCode).toBe(404);
  });

  it('refuses bad bodies naming the parameter, and stores nothing', async () => {
    const cases: Array<[unknown, string, string]> = [
      [{ type: 'no_such_thing' }, 'type', 'not a processor type'],
      [{ type: 'string_replace', field: 'name' }, 'old', 'required'],
      [{ type: 'string_replace', field: 'nope', old: 'a' }, 'field', '"nope" is not a field'],
      [{ type: 'regex_replace', field: 'name', regex: '(' }, 'regex', 'not a valid regular expression'],
      [{ type: 'copy_field', field: 'name', new_field: 'Bad Name' }, 'new_field', 'not a valid field name'],
      [{ type: 'skip_records', condition: 'price >' }, 'condition', 'Syntax error'],
      [{ type: 'expression', expression: 'eval(name)', output_field: 'x' }, 'expression', 'not available'],
      [{ type: 'join_dataset', field: 'name', dataset: 'missing', remote_field: 'x' }, 'dataset', 'no dataset'],
      [{ type: 'string_replace', field: 'name', old: 'a', colour: 'red' }, 'colour', 'unknown parameter'],
    ];
    for (const [body, where, text] of cases) {
      const res = await call('root', 'POST', base, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error_code).toBe('validation_error');
      expect(Object.keys(res.json().detail), JSON.stringify(body)).toEqual([where]);
      expect(res.json().message).toContain(text);
    }
    expect((await call('root', 'GET', base)).json().total_count).toBe(1);
  });

  it('needs edit_dataset on the dataset', async () => {
    for (const [m, url] of [['GET', base], ['POST', base], ['GET', `${base}/export/`], ['POST', `${base}/preview/`], ['PUT', base]] as const) {
      expect([403, 404], `${m} ${url}`).toContain((await call('ana', m, url, m === 'GET' ? undefined : { type: 'add_field', field: 'x' })).statusCode);
    }
  });

  it('exports YAML and JSON, and imports them back', async () => {
    await call('root', 'POST', base, { type: 'string_replace', label: 'Paris', field: 'city', old: 'paris', new: 'Paris' });
    const yamlText = (await call('root', 'GET', `${base}/export/?format=yaml`)).body;
    expect(parse(yamlText)).toEqual({ processors: [
      { type: 'decode_html_entities', label: 'Entities', field: 'name', skip_on_error: false },
      { type: 'string_replace', label: 'Paris', field: 'city', old: 'paris', new: 'Paris', skip_on_error: false },
    ] });
    const json = JSON.parse((await call('root', 'GET', `${base}/export/?format=json`)).body);
    expect(json).toEqual(parse(yamlText));
    const back = await call('root', 'PUT', base, yamlText.replace('label: Paris', 'label: Capital'), 'application/yaml');
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().results.map((p: { label: string }) => p.label)).toEqual(['Entities', 'Capital']);
    const bad = await call('root', 'PUT', base, 'processors:\n  - type: string_replace\n    field: city\n', 'application/yaml');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('processors[0]');
    expect((await call('root', 'GET', base)).json().total_count).toBe(2);
  });

  it('previews the first records before and after, with the changed fields named', async () => {
    const res = await call('root', 'POST', `${base}/preview/`, {});
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.records.map((r: { before: { name: string } }) => r.before.name)).toEqual(['Café &amp; Co', 'Bob', 'Cy']);
    expect(p.records[0].after).toEqual([{ name: 'Café & Co', city: 'Paris', price: 10 }]);
    expect(p.records[0].changed.sort()).toEqual(['city', 'name']);
    expect(p.records[1].changed).toEqual([]);
    // A draft pipeline is previewed without being stored.
    const draft = await call('root', 'POST', `${base}/preview/`, { processors: [{ type: 'skip_records', condition: 'price < 10' }, { type: 'delete_field', field: 'city' }] });
    expect(draft.json().records.map((r: { after: unknown[] }) => r.after)).toEqual([[{ name: 'Café &amp; Co', price: 10 }], [{ name: 'Bob', price: 20 }], []]);
    expect(draft.json().removed).toEqual(['city']);
    expect((await call('root', 'GET', base)).json().total_count).toBe(2);
  });

  it('runs the pipeline on pushed records', async () => {
    const made = await call('root', 'POST', `${AUTO}/datasets/${ctx.catalog.get('shops').dataset_uid}/resources/`, { type: 'realtime', title: 'Live' });
    expect(made.statusCode, made.body).toBe(201);
    const { uid, push_key: pk } = made.json();
    const res = await app.inject({ method: 'POST', url: `/api/push/1.0/shops/${uid}/push/?pushkey=${encodeURIComponent(pk)}`, payload: [{ name: 'D&eacute;j&agrave;', city: 'paris', price: 1 }] });
    expect(res.statusCode, res.body).toBe(200);
    await ctx.realtime.flush();
    const rows = await ctx.backend.query(`SELECT name, city FROM "${ctx.catalog.get('shops').table}" ORDER BY _rid`);
    expect(rows.at(-1)).toEqual({ name: 'Déjà', city: 'Paris' });
  });
});
