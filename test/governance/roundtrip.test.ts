// Automation API GET → PUT round trip (issue 10): ODS clients read a dataset, edit it and PUT the body
// back. The exact body read must be accepted (200) and change nothing; computed metadata in it
// (data_processed, metadata_processed, records_count, temporal_coverage) are ignored, `modified` is
// the publisher's value. Datasets with restrictions, field annotations and dcat metadata.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance } from '../../src/governance/index.ts';
import { OPEN_SECURITY } from '../../src/governance/types.ts';
import { csvPortal } from './support.ts';

const AUTO = '/api/automation/v1.0';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
const key: Record<string, string> = {};
const uid = (id: string) => ctx.catalog.get(id).dataset_uid;

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  ({ ctx, dir } = await csvPortal('roundtrip', [
    { id: 'restricted', csv: 'site,secret,when\nA,1,2014-02-01\nB,2,2014-03-01\n', restricted: true },
    { id: 'annotated', csv: 'name,height\nOak,12.5\nElm,8\n' },
    { id: 'described', csv: 'name,year\nOak,2012\n', title: 'Trees' },
  ]));
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true });
  await gov.addUser({ username: 'editor', password: 'password-1', permissions: ['edit_dataset'] });
  key.root = (await gov.createApiKey('root', ['admin'])).key;
  key.editor = (await gov.createApiKey('editor', ['edit_dataset'])).key;
  app = await buildApp(ctx, { web: false });
  const put = async (id: string, path: string, body: unknown) => {
    const r = await call('root', 'PUT', `${AUTO}/datasets/${uid(id)}/${path}`, body);
    expect(r.statusCode, r.body).toBe(200);
  };
  await put('restricted', '', { default_security: { is_data_visible: true, visible_fields: ['site', 'when'], filter_query: 'site = "A"', api_calls_quota: { unit: 'hour', limit: 100 } } });
  for (const body of [{ type: 'annotate', field: 'height', annotation: 'unit', args: ['m'] }, { type: 'annotate', field: 'name', annotation: 'facet', args: [] }, { type: 'description', field: 'height', description: 'Height in metres' }]) {
    const r = await call('root', 'POST', `${AUTO}/datasets/${uid('annotated')}/fields/`, body);
    expect(r.statusCode, r.body).toBe(201);
  }
  expect((await call('root', 'POST', `${AUTO}/datasets/${uid('annotated')}/publish/`)).statusCode).toBe(200);
  await put('described', 'metadata/', {
    default: { keyword: { value: ['trees', 'nature'] }, theme: { value: ['Environment'] }, license: { value: 'ODbL' }, modified: { value: '2015-12-31T00:00:00Z' } },
    dcat: { contact_email: { value: 'data@city.example' }, temporal: { value: '2012/2015' }, accrualperiodicity: { value: 'annual' } },
  });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

function call(who: string, method: 'GET' | 'PUT' | 'POST', url: string, body?: unknown) {
  return app.inject({ method, url, headers: { authorization: `Apikey ${key[who]}` }, ...(body !== undefined ? { payload: body as object } : {}) });
}

/** The body without what a write may move: the metadata change time (and updated_at, which shows it). */
function comparable(body: Record<string, unknown>): unknown {
  const b = structuredClone(body) as { updated_at?: unknown; metadata: { default: Record<string, unknown> } };
  delete b.updated_at;
  delete b.metadata.default.metadata_processed;
  return b;
}

describe('GET → PUT of the exact body', () => {
  for (const id of ['restricted', 'annotated', 'described']) {
    it(`is accepted and changes nothing (${id})`, async () => {
      const first = await call('root', 'GET', `${AUTO}/datasets/${uid(id)}/`);
      expect(first.statusCode).toBe(200);
      const put = await call('root', 'PUT', `${AUTO}/datasets/${uid(id)}/`, first.json());
      expect(put.statusCode, put.body).toBe(200);
      const second = await call('root', 'GET', `${AUTO}/datasets/${uid(id)}/`);
      expect(comparable(second.json())).toEqual(comparable(first.json()));
      const fields = await call('root', 'GET', `/api/explore/v2.1/catalog/datasets/${id}`);
      expect(fields.statusCode).toBe(200);
    });
  }

  it('is accepted from an editor without manage_dataset, the security in it unchanged', async () => {
    const first = (await call('root', 'GET', `${AUTO}/datasets/${uid('restricted')}/`)).json();
    await ensureGovernance(ctx).then((g) => g.putRuleset({ datasetUid: uid('restricted'), target: { kind: 'user', username: 'editor' }, permissions: ['edit_dataset'], security: { ...OPEN_SECURITY } }));
    const put = await call('editor', 'PUT', `${AUTO}/datasets/${uid('restricted')}/`, first);
    expect(put.statusCode, put.body).toBe(200);
    const changed = await call('editor', 'PUT', `${AUTO}/datasets/${uid('restricted')}/`, { ...first, is_restricted: false });
    expect(changed.statusCode).toBe(403);
  });

  it('ignores computed metadata with other values, and takes a new modified as the publisher’s', async () => {
    const first = (await call('root', 'GET', `${AUTO}/datasets/${uid('described')}/`)).json();
    const d = first.metadata.default;
    expect(d.modified.value).toBe('2015-12-31T00:00:00.000Z');
    const edited = structuredClone(first);
    Object.assign(edited.metadata.default, {
      data_processed: { value: '2001-01-01T00:00:00Z' }, metadata_processed: { value: '2001-01-01T00:00:00Z' }, records_count: { value: 999 },
      temporal_coverage: { value: { start: '1900-01-01', end: '1901-01-01', fields: ['x'] } }, modified: { value: '2016-06-30' },
      title: { value: 'Trees of the city' },
    });
    const put = await call('root', 'PUT', `${AUTO}/datasets/${uid('described')}/`, edited);
    expect(put.statusCode, put.body).toBe(200);
    const after = (await call('root', 'GET', `${AUTO}/datasets/${uid('described')}/`)).json().metadata.default;
    expect(after.title.value).toBe('Trees of the city');
    expect(after.modified.value).toBe('2016-06-30T00:00:00.000Z');
    expect(after.data_processed).toEqual(d.data_processed);
    expect(after.records_count).toEqual({ value: 1 });
    expect(after.temporal_coverage).toEqual(d.temporal_coverage);
    expect(after.metadata_processed.value).not.toBe('2001-01-01T00:00:00Z');
  });
});
