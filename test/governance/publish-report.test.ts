// What a publish tells the publisher (issue 10): a header-only CSV is published with a `no_rows` warning
// through the Automation API; a ragged file is refused with `detail` naming params.skip_bad_rows, and
// with it the good rows load and `skipped_rows` lists the others. Line numbers and counts are computed
// here from the CSV text, never read from Agora's output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { closePortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance } from '../../src/governance/index.ts';
import { csvPortal } from './support.ts';

const AUTO = '/api/automation/v1.0';
const API = '/api/explore/v2.1';
const HEADER_ONLY = 'site,measured_on,value\n';
// Rows with a column too few or too many are bad; the others are good.
const RAGGED = 'site,value\nA,1\nB\nC,3\nD,4,extra\nE,5\n';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let key: string;

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  ({ ctx, dir } = await csvPortal('publish-report', []));
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true });
  key = (await gov.createApiKey('root', ['admin'])).key;
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

const call = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
  app.inject({ method, url, headers: { authorization: `Apikey ${key}` }, ...(body !== undefined ? { payload: body as object } : {}) });

/** A draft with one uploaded CSV resource; returns the dataset and resource uids. */
async function draftWith(id: string, name: string, csv: string, params: Record<string, unknown> = {}): Promise<{ uid: string; resource: string }> {
  const created = await call('POST', `${AUTO}/datasets/`, { dataset_id: id, metadata: { default: { title: { value: id } } } });
  expect(created.statusCode, created.body).toBe(201);
  const uid = created.json().uid as string;
  const b = 'publish-report-boundary';
  const payload = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${b}--\r\n`);
  const f = await app.inject({ method: 'POST', url: `${AUTO}/datasets/${uid}/resources/files/`, payload, headers: { 'content-type': `multipart/form-data; boundary=${b}`, authorization: `Apikey ${key}` } });
  expect(f.statusCode, f.body).toBe(200);
  const r = await call('POST', `${AUTO}/datasets/${uid}/resources/`, { type: 'csvfile', title: name, params, datasource: { type: 'uploaded_file', file: { uid: f.json().uid } } });
  expect(r.statusCode, r.body).toBe(201);
  return { uid, resource: r.json().uid as string };
}

/** The 1-based physical lines of `csv` whose column count differs from the header's, computed here. */
function badLines(csv: string): number[] {
  const lines = csv.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
  const width = lines[0]!.split(',').length;
  return lines.map((l, i) => [i + 1, l.split(',').length] as const).filter(([, n]) => n !== width).map(([line]) => line);
}

describe('a header-only CSV', () => {
  it('previews with its fields and no records, and publishes 0 records with a no_rows warning', async () => {
    const { uid, resource } = await draftWith('empty-sites', 'sites.csv', HEADER_ONLY);
    const preview = await call('GET', `${AUTO}/datasets/${uid}/resources/${resource}/preview/`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().fields.map((f: { name: string }) => f.name)).toEqual(HEADER_ONLY.trim().split(','));
    expect(preview.json().records).toEqual([]);
    const pub = await call('POST', `${AUTO}/datasets/${uid}/publish/`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().detail).toBe('ok');
    expect(pub.json().warnings).toEqual([{ code: 'no_rows', file: 'sites.csv', message: 'sites.csv has columns but no rows: the dataset has 0 records.' }]);
    const count = await call('GET', `${API}/catalog/datasets/empty-sites/records?limit=0`);
    expect(count.json().total_count).toBe(0);
  });

  it('a file with rows publishes without warnings (the ODS body, unchanged)', async () => {
    const { uid } = await draftWith('full-sites', 'full.csv', 'site,value\nA,1\n');
    const pub = await call('POST', `${AUTO}/datasets/${uid}/publish/`);
    expect(pub.json()).toEqual({ detail: 'ok' });
  });
});

describe('ragged rows', () => {
  const bad = badLines(RAGGED);
  const good = RAGGED.trim().split('\n').length - 1 - bad.length;

  it('are refused naming the first bad line, with the API option to skip them in detail', async () => {
    const { uid, resource } = await draftWith('ragged-sites', 'ragged.csv', RAGGED);
    const preview = await call('GET', `${AUTO}/datasets/${uid}/resources/${resource}/preview/`);
    expect(preview.statusCode).toBe(400);
    const body = preview.json();
    expect(body.message).toContain(`ragged.csv line ${bad[0]}: 1 columns where the header has 2`);
    expect(body.message).toContain('"skip_bad_rows": true in the resource params');
    expect(body.message).not.toContain('--skip-bad-rows');
    expect(body.detail['params.skip_bad_rows'][0]).toMatch(new RegExp(`^ragged\\.csv line ${bad[0]}:`));
    const pub = await call('POST', `${AUTO}/datasets/${uid}/publish/`);
    expect(pub.statusCode).toBe(400);
    expect((await call('GET', `${AUTO}/datasets/${uid}/`)).json().is_published).toBe(false);
  });

  it('with params.skip_bad_rows, load the good rows and list the skipped lines with a reason', async () => {
    const { uid, resource } = await draftWith('skipping-sites', 'ragged.csv', RAGGED, { skip_bad_rows: true });
    const preview = await call('GET', `${AUTO}/datasets/${uid}/resources/${resource}/preview/`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().records).toHaveLength(good);
    const pub = await call('POST', `${AUTO}/datasets/${uid}/publish/`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().skipped_rows.map((r: { file: string; line: number }) => [r.file, r.line])).toEqual(bad.map((l) => ['ragged.csv', l]));
    expect(pub.json().skipped_rows.map((r: { reason: string }) => r.reason)).toEqual(['1 columns where the header has 2', '3 columns where the header has 2']);
    const count = await call('GET', `${API}/catalog/datasets/skipping-sites/records?limit=0`);
    expect(count.json().total_count).toBe(good);
  });

  it('refuses a skip_bad_rows that is not a boolean, naming it', async () => {
    const created = await call('POST', `${AUTO}/datasets/`, { dataset_id: 'odd-params' });
    const r = await call('POST', `${AUTO}/datasets/${created.json().uid}/resources/`, {
      type: 'csvfile', title: 'x', params: { skip_bad_rows: 'yes' }, datasource: { type: 'http', connection: { type: 'http', url: 'http://example.com/x.csv' } },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().detail).toHaveProperty(['params.skip_bad_rows']);
  });
});
