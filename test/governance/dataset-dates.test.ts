// The dates of a dataset (issue 10), as ODS distinguishes them: the data period (temporal_coverage,
// from the date and datetime fields; also DCAT dct:temporal), the last data change (data_processed),
// the last metadata change (metadata_processed) and `modified`, which the publisher may set through the
// Automation API. Expected periods are computed here from the fixture rows, not read from Agora.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import type { FastifyInstance } from 'fastify';
import { closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance } from '../../src/governance/index.ts';
import { importDataset } from '../../src/ingest/index.ts';
import { OPEN_SECURITY } from '../../src/governance/types.ts';
import { csvPortal } from './support.ts';

const AUTO = '/api/automation/v1.0';
const API = '/api/explore/v2.1';
const ROWS = [
  { station: 'A', measured_on: '2013-04-02', read_at: '2013-04-02T08:00:00Z', value: 3 },
  { station: 'B', measured_on: '2012-01-15', read_at: '2012-01-15T09:30:00Z', value: 5 },
  { station: 'C', measured_on: '2015-12-31', read_at: '2015-12-30T23:00:00Z', value: 2 },
];
const csv = (rows: typeof ROWS) => `station,measured_on,read_at,value\n${rows.map((r) => `${r.station},${r.measured_on},${r.read_at},${r.value}`).join('\n')}\n`;

/** The earliest and latest instant over the given values, written as the value had it. */
function period(values: string[]): { start: string; end: string } {
  const at = (v: string) => Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
  const sorted = [...values].sort((a, b) => at(a) - at(b));
  return { start: sorted[0]!, end: sorted.at(-1)! };
}

let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
const key: Record<string, string> = {};

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  ({ ctx, dir } = await csvPortal('dates', [{ id: 'readings', csv: csv(ROWS) }, { id: 'no-dates', csv: 'name,n\na,1\n' }]));
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true });
  await gov.addUser({ username: 'ana', password: 'password-1' });
  key.root = (await gov.createApiKey('root', ['admin'])).key;
  key.ana = (await gov.createApiKey('ana')).key;
  // ana sees station A only, without the measured_on field.
  await gov.putRuleset({
    datasetUid: ctx.catalog.get('readings').dataset_uid, target: { kind: 'user', username: 'ana' }, permissions: [],
    security: { ...OPEN_SECURITY, visible_fields: ['station', 'read_at', 'value'], filter_query: 'station = "A"' },
  });
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

const call = (who: string | null, method: 'GET' | 'PUT', url: string, body?: unknown) =>
  app.inject({ method, url, headers: who ? { authorization: `Apikey ${key[who]}` } : {}, ...(body !== undefined ? { payload: body as object } : {}) });
const metas = async (who: string | null = null, id = 'readings') => (await call(who, 'GET', `${API}/catalog/datasets/${id}`)).json().metas.default;

describe('the data period', () => {
  it('is the earliest and latest value of the date and datetime fields', async () => {
    const m = await metas();
    const expected = period(ROWS.flatMap((r) => [r.measured_on, r.read_at]));
    expect(m.temporal_coverage).toEqual({ ...expected, start: expected.start.replace('.000Z', 'Z'), fields: ['measured_on', 'read_at'] });
    expect((await metas(null, 'no-dates')).temporal_coverage).toBeNull();
  });

  it('follows the caller’s rules: hidden fields and rows do not count', async () => {
    const mine = ROWS.filter((r) => r.station === 'A');
    expect((await metas('ana')).temporal_coverage).toEqual({ ...period(mine.map((r) => r.read_at)), fields: ['read_at'] });
  });

  it('is the DCAT dct:temporal of a dataset whose dcat.temporal is unset', async () => {
    const ttl = (await call(null, 'GET', `${API}/catalog/exports/dcat?format=ttl`)).body;
    const quads = new Parser().parse(ttl);
    const startOf = quads.filter((q) => q.predicate.value === 'http://www.w3.org/ns/dcat#startDate').map((q) => q.object.value);
    const endOf = quads.filter((q) => q.predicate.value === 'http://www.w3.org/ns/dcat#endDate').map((q) => q.object.value);
    const expected = period(ROWS.flatMap((r) => [r.measured_on, r.read_at]));
    expect(startOf).toEqual([expected.start]);
    expect(endOf).toEqual([expected.end]);
  });
});

describe('data changes, metadata changes and modified', () => {
  it('a metadata change moves metadata_processed and modified, not data_processed', async () => {
    const before = await metas();
    expect(before.data_processed).toBeTruthy();
    const uid = ctx.catalog.get('readings').dataset_uid;
    const r = await call('root', 'PUT', `${AUTO}/datasets/${uid}/metadata/default/publisher/`, { value: 'Air quality office' });
    expect(r.statusCode, r.body).toBe(200);
    const after = await metas();
    expect(after.data_processed).toBe(before.data_processed);
    expect(after.modified).toBe(after.metadata_processed);
    expect(after.modified_updates_on_metadata_change).toBe(true);
  });

  it('the publisher sets modified; it then stays through metadata and data changes, which move their own dates', async () => {
    const uid = ctx.catalog.get('readings').dataset_uid;
    const set = await call('root', 'PUT', `${AUTO}/datasets/${uid}/metadata/default/modified/`, { value: '2016-01-31' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ value: '2016-01-31T00:00:00.000Z' });
    let m = await metas();
    expect(m.modified).toBe('2016-01-31T00:00:00.000Z');
    expect([m.modified_updates_on_metadata_change, m.modified_updates_on_data_change]).toEqual([false, false]);

    await call('root', 'PUT', `${AUTO}/datasets/${uid}/metadata/default/publisher/`, { value: 'Environment department' });
    const dataBefore = (await metas()).data_processed;
    const more = [{ station: 'D', measured_on: '2016-03-01', read_at: '2016-03-01T10:00:00Z', value: 9 }];
    const file = join(dir, 'more.csv');
    writeFileSync(file, csv(more));
    await importDataset(ctx.catalog, { source: file, datasetId: 'readings', mode: 'append' });
    m = await metas();
    expect(m.modified).toBe('2016-01-31T00:00:00.000Z');
    expect(m.data_processed).not.toBe(dataBefore);
    expect(m.temporal_coverage.end).toBe(period([...ROWS, ...more].flatMap((r) => [r.measured_on, r.read_at])).end);

    // Emptied, modified is automatic again: the latest of the data and metadata changes.
    const auto = await call('root', 'PUT', `${AUTO}/datasets/${uid}/metadata/default/modified/`, { value: null });
    expect(auto.statusCode, auto.body).toBe(200);
    m = await metas();
    expect(m.modified_updates_on_data_change).toBe(true);
    expect(m.modified).toBe([m.data_processed, m.metadata_processed].sort().at(-1));
  });

  it('refuses a modified that is not a date, and computed dates set one by one, naming them', async () => {
    const uid = ctx.catalog.get('readings').dataset_uid;
    const bad = await call('root', 'PUT', `${AUTO}/datasets/${uid}/metadata/default/modified/`, { value: 'yesterday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toHaveProperty(['metadata.default.modified']);
    const computed = await call('root', 'PUT', `${AUTO}/datasets/${uid}/metadata/default/data_processed/`, { value: '2001-01-01T00:00:00Z' });
    expect(computed.statusCode).toBe(400);
    expect(computed.json().message).toContain('data_processed');
  });
});
