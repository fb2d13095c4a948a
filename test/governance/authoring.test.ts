// Creating a dataset without the command line, through the Automation API: create a draft, upload a
// file, preview it, change a field's type, publish, and read it back from the Explore API; plus the
// upload limits, hostile file names, a malformed file, permissions, CSRF and the audit log. Expected
// values come from the CSV text written here (counted by hand), never from Agora's own output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureAudit, ensureGovernance } from '../../src/governance/index.ts';
import { displayName, safeExtension } from '../../src/governance/authoring.ts';

const AUTO = '/api/automation/v1.0';
const API = '/api/explore/v2.1';
// 4 rows; "year" looks like an int, "amount" like an int, "name" text.
const CSV = 'name,year,amount\nOak,2020,10\nElm,2021,25\nAsh,2019,7\nYew,2022,3\n';
const LIMIT = 2048;
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
const key: Record<string, string> = {};

beforeAll(async () => {
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  process.env.AGORA_MAX_UPLOAD = String(LIMIT);
  dir = mkdtempSync(join(tmpdir(), 'agora-authoring-'));
  ctx = await openPortal({ inMemory: true, dataDir: dir, baseUrl: 'http://portal.test' });
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'password-0', isAdmin: true });
  await gov.addUser({ username: 'creator', password: 'password-1', permissions: ['create_dataset'] });
  await gov.addUser({ username: 'reader', password: 'password-2' });
  key.root = (await gov.createApiKey('root', ['admin'])).key;
  key.creator = (await gov.createApiKey('creator', ['create_dataset', 'edit_dataset'])).key;
  key.reader = (await gov.createApiKey('reader')).key;
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  delete process.env.AGORA_MAX_UPLOAD;
  await app?.close(); if (ctx) await closePortal(ctx); rmSync(dir, { recursive: true, force: true });
});

function call(who: string | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) {
  return app.inject({ method, url, headers: who ? { authorization: `Apikey ${key[who]}` } : {}, ...(body !== undefined ? { payload: body as object } : {}) });
}

/** A multipart/form-data body with one "file" part; `disposition` is the raw filename parameter. */
function form(disposition: string, content: string | Buffer): { payload: Buffer; headers: Record<string, string> } {
  const b = 'agora-test-boundary-7f3a';
  const payload = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content), Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

function upload(who: string, uid: string, disposition: string, content: string | Buffer, extra: Record<string, string> = {}) {
  const f = form(disposition, content);
  return app.inject({ method: 'POST', url: `${AUTO}/datasets/${uid}/resources/files/`, payload: f.payload, headers: { ...f.headers, authorization: `Apikey ${key[who]}`, ...extra } });
}

const uploadsDir = () => join(dir, 'uploads');
const stored = () => (existsSync(uploadsDir()) ? readdirSync(uploadsDir()) : []);

async function draft(who: string, id: string): Promise<string> {
  const r = await call(who, 'POST', `${AUTO}/datasets/`, { dataset_id: id, metadata: { default: { title: { value: `Trees ${id}` } } } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().uid as string;
}

describe('upload → preview → change a type → publish → Explore API', () => {
  it('runs the whole flow', async () => {
    const seen: boolean[] = [];
    ctx.catalog.onChange((ds, id) => { if (id === 'trees' && ds) seen.push(ds.is_published); });
    const uid = await draft('root', 'trees');
    expect(seen).not.toContain(true); // the draft was never published, not even for a moment
    const created = (await call('root', 'GET', `${AUTO}/datasets/${uid}/`)).json();
    expect(created).toMatchObject({ uid, dataset_id: 'trees', is_published: false, metadata: { default: { title: { value: 'Trees trees' } } } });
    // A draft is invisible to the public.
    expect((await app.inject({ url: `${API}/catalog/datasets/trees` })).statusCode).toBe(404);

    const up = await upload('root', uid, 'filename="trees.csv"', CSV);
    expect(up.statusCode, up.body).toBe(200);
    const file = up.json();
    expect(file).toEqual({ uid: expect.stringMatching(/^fi_[a-z0-9]+$/), filename: 'trees.csv', mimetype: 'text/csv', created_at: expect.any(String) });
    expect((await call('root', 'GET', `${AUTO}/datasets/${uid}/resources/files/${file.uid}/`)).json()).toEqual(file);
    expect((await call('root', 'GET', `${AUTO}/datasets/${uid}/resources/files/fi_nope/`)).statusCode).toBe(404);

    const res = await call('root', 'POST', `${AUTO}/datasets/${uid}/resources/`, {
      type: 'csvfile', title: 'Trees', params: { separator: ',', encoding: 'utf-8' }, datasource: { type: 'uploaded_file', file: { uid: file.uid } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const resource = res.json();
    expect(resource).toMatchObject({ uid: expect.stringMatching(/^re_/), type: 'csvfile', title: 'Trees', display_name: 'trees.csv',
      datasource: { type: 'uploaded_file', file: { uid: file.uid, filename: 'trees.csv' } } });
    const list = (await call('root', 'GET', `${AUTO}/datasets/${uid}/resources/`)).json();
    expect(list.total_count).toBe(1);
    expect((await call('root', 'GET', `${AUTO}/datasets/${uid}/resources/${resource.uid}/`)).json().uid).toBe(resource.uid);

    const pv = await call('root', 'GET', `${AUTO}/datasets/${uid}/resources/${resource.uid}/preview/`);
    expect(pv.statusCode, pv.body).toBe(200);
    const preview = pv.json();
    expect(preview.fields.map((f: { name: string; type: string }) => [f.name, f.type])).toEqual([['name', 'text'], ['year', 'int'], ['amount', 'int']]);
    expect(preview.records).toEqual([
      { name: 'Oak', year: 2020, amount: 10 }, { name: 'Elm', year: 2021, amount: 25 }, { name: 'Ash', year: 2019, amount: 7 }, { name: 'Yew', year: 2022, amount: 3 },
    ]);
    // Previewing published nothing.
    expect(ctx.catalog.get('trees')).toMatchObject({ is_published: false, has_records: false });

    const t = await call('root', 'POST', `${AUTO}/datasets/${uid}/fields/`, { type: 'type', label: 'Year as text', field: 'year', type_param: 'text' });
    expect(t.statusCode, t.body).toBe(201);
    const d1 = await call('root', 'POST', `${AUTO}/datasets/${uid}/fields/`, { type: 'description', label: 'Describe amount', field: 'amount', description: 'Trees planted' });
    expect(d1.statusCode, d1.body).toBe(201);
    const fc = (await call('root', 'GET', `${AUTO}/datasets/${uid}/fields/`)).json();
    expect(fc.total_count).toBe(2);
    // Update: amount becomes a double instead (the type configuration is replaced, not added).
    const upd = await call('root', 'PUT', `${AUTO}/datasets/${uid}/fields/${t.json().uid}/`, { type: 'type', label: 'Amount as double', field: 'amount', type_param: 'double' });
    expect(upd.statusCode, upd.body).toBe(200);
    await call('root', 'POST', `${AUTO}/datasets/${uid}/fields/`, { type: 'type', label: 'Year as text', field: 'year', type_param: 'text' });
    await call('root', 'POST', `${AUTO}/datasets/${uid}/fields/`, { type: 'annotate', label: 'Unit', field: 'amount', annotation: 'unit', args: ['trees'] });
    const pv2 = (await call('root', 'GET', `${AUTO}/datasets/${uid}/resources/${resource.uid}/preview/?limit=2`)).json();
    expect(pv2.fields.map((f: { name: string; type: string }) => [f.name, f.type])).toEqual([['name', 'text'], ['year', 'text'], ['amount', 'double']]);
    expect(pv2.records).toEqual([{ name: 'Oak', year: '2020', amount: 10 }, { name: 'Elm', year: '2021', amount: 25 }]);

    const pub = await call('root', 'POST', `${AUTO}/datasets/${uid}/publish/`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toEqual({ detail: 'ok' });

    const meta = (await app.inject({ url: `${API}/catalog/datasets/trees` })).json();
    const fields = Object.fromEntries(meta.fields.map((f: { name: string }) => [f.name, f]));
    expect(fields.year.type).toBe('text');
    // ODS writes a valued annotation as a one-element list (dataset-view.ts, as in the ODS exports).
    expect(fields.amount).toMatchObject({ type: 'double', description: 'Trees planted', annotations: { unit: ['trees'] } });
    expect(ctx.catalog.get('trees').fields.find((f) => f.name === 'amount')?.annotations).toEqual({ unit: 'trees' });
    const recs = (await app.inject({ url: `${API}/catalog/datasets/trees/records?order_by=name&limit=10` })).json();
    expect(recs.total_count).toBe(4);
    expect(recs.results.map((r: Record<string, unknown>) => [r.name, r.year, r.amount])).toEqual([
      ['Ash', '2019', 7], ['Elm', '2021', 25], ['Oak', '2020', 10], ['Yew', '2022', 3],
    ]);
    const sum = (await app.inject({ url: `${API}/catalog/datasets/trees/records?select=${encodeURIComponent('sum(amount) as s')}` })).json();
    expect(sum.results[0].s).toBe(45);

    const audit = await ensureAudit(ctx);
    const actions = (await audit.list(1000, 0)).entries.filter((e) => e.target === uid).map((e) => e.action);
    for (const a of ['dataset.create', 'dataset.file.upload', 'dataset.resource.create', 'dataset.field.create', 'dataset.field.update', 'dataset.publish']) expect(actions).toContain(a);
  });

  it('replaces the data atomically on a new publish, and appends a second resource', async () => {
    const uid = ctx.catalog.get('trees').dataset_uid;
    const res = (await call('root', 'GET', `${AUTO}/datasets/${uid}/resources/`)).json().results[0];
    const more = (await upload('root', uid, 'filename="more.csv"', 'name,year,amount\nFir,2023,4\n')).json();
    const r2 = await call('root', 'POST', `${AUTO}/datasets/${uid}/resources/`, { type: 'csvfile', title: 'More', datasource: { type: 'uploaded_file', file: { uid: more.uid } } });
    expect(r2.statusCode, r2.body).toBe(201);
    expect((await call('root', 'POST', `${AUTO}/datasets/${uid}/publish/`)).statusCode).toBe(200);
    const recs = (await app.inject({ url: `${API}/catalog/datasets/trees/records?order_by=name&limit=10` })).json();
    expect(recs.results.map((r: { name: string }) => r.name)).toEqual(['Ash', 'Elm', 'Fir', 'Oak', 'Yew']);
    // A second resource with other fields, or malformed: refused before anything is written.
    const odd = (await upload('root', uid, 'filename="odd.csv"', 'name,height\nFir,12\n')).json();
    await call('root', 'PUT', `${AUTO}/datasets/${uid}/resources/${r2.json().uid}/`, { type: 'csvfile', title: 'More', datasource: { type: 'uploaded_file', file: { uid: odd.uid } } });
    const mismatch = await call('root', 'POST', `${AUTO}/datasets/${uid}/publish/`);
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().message).toMatch(/odd\.csv does not have the fields of trees\.csv: name, height instead of name, year, amount/);
    const torn = (await upload('root', uid, 'filename="torn.csv"', 'name,year,amount\nFir,2023\n')).json();
    await call('root', 'PUT', `${AUTO}/datasets/${uid}/resources/${r2.json().uid}/`, { type: 'csvfile', title: 'More', datasource: { type: 'uploaded_file', file: { uid: torn.uid } } });
    expect((await call('root', 'POST', `${AUTO}/datasets/${uid}/publish/`)).json().message).toMatch(/torn\.csv line 2/);
    expect((await app.inject({ url: `${API}/catalog/datasets/trees/records?limit=0` })).json().total_count).toBe(5);
    // A second file whose value does not fit the first file's type: refused before the first file
    // is swapped in, so the published rows stay the five above (not the first file's four alone).
    const misfit = (await upload('root', uid, 'filename="misfit.csv"', 'name,year,amount\nFir,2023,lots\n')).json();
    await call('root', 'PUT', `${AUTO}/datasets/${uid}/resources/${r2.json().uid}/`, { type: 'csvfile', title: 'More', datasource: { type: 'uploaded_file', file: { uid: misfit.uid } } });
    const notFit = await call('root', 'POST', `${AUTO}/datasets/${uid}/publish/`);
    expect(notFit.statusCode).toBe(400);
    expect(notFit.json().message).toMatch(/misfit\.csv record 1, column "amount": "lots"/);
    const after = (await app.inject({ url: `${API}/catalog/datasets/trees/records?order_by=name&limit=10` })).json();
    expect(after.results.map((r: { name: string }) => r.name)).toEqual(['Ash', 'Elm', 'Fir', 'Oak', 'Yew']);
    // A bad first file: publishing fails and the 5 published rows stay as they were.
    await call('root', 'DELETE', `${AUTO}/datasets/${uid}/resources/${r2.json().uid}/`);
    const bad = (await upload('root', uid, 'filename="bad.csv"', 'name,year,amount\nOak,2020,10\nElm,2021\n')).json();
    await call('root', 'PUT', `${AUTO}/datasets/${uid}/resources/${res.uid}/`, { type: 'csvfile', title: 'Trees', datasource: { type: 'uploaded_file', file: { uid: bad.uid } } });
    const fail = await call('root', 'POST', `${AUTO}/datasets/${uid}/publish/`);
    expect(fail.statusCode).toBe(400);
    expect(fail.json().message).toMatch(/bad\.csv line 3/);
    expect((await app.inject({ url: `${API}/catalog/datasets/trees/records?limit=0` })).json().total_count).toBe(5);
  });
});

describe('uploads', () => {
  let uid = '';
  beforeAll(async () => { uid = await draft('root', 'uploads-test'); });

  it('refuses a file over AGORA_MAX_UPLOAD with 413 and stores nothing', async () => {
    const before = stored();
    const r = await upload('root', uid, 'filename="big.csv"', 'a\n' + 'x'.repeat(LIMIT + 10));
    expect(r.statusCode).toBe(413);
    expect(r.json()).toEqual({ error_code: 'payload_too_large', message: expect.stringContaining(`${LIMIT} bytes`) });
    expect(stored()).toEqual(before);
  });

  it('ignores extra form fields and stores only the first file part', async () => {
    const b = 'two-parts';
    const body = (parts: string[]) => Buffer.from(parts.map((p) => `--${b}\r\n${p}\r\n`).join('') + `--${b}--\r\n`);
    const field = 'Content-Disposition: form-data; name="title"\r\n\r\nTrees';
    const file = (n: string) => `Content-Disposition: form-data; name="file"; filename="${n}"\r\nContent-Type: text/csv\r\n\r\na\n1`;
    const headers = { 'content-type': `multipart/form-data; boundary=${b}`, authorization: `Apikey ${key.root}` };
    const ok = await app.inject({ method: 'POST', url: `${AUTO}/datasets/${uid}/resources/files/`, payload: body([field, file('one.csv')]), headers });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().filename).toBe('one.csv');
    const before = stored();
    const two = await app.inject({ method: 'POST', url: `${AUTO}/datasets/${uid}/resources/files/`, payload: body([file('a.csv'), file('b.csv')]), headers });
    // Only the first file part is taken (one file per upload), the second is never stored.
    expect(two.statusCode, two.body).toBe(200);
    expect(two.json().filename).toBe('a.csv');
    expect(stored().length - before.length).toBe(1);
  });

  it('never uses the client file name as a path', async () => {
    const names: string[] = [];
    for (const disp of ['filename="../../etc/passwd"', "filename*=UTF-8''..%2F..%2Fevil%00.csv", 'filename="..\\\\..\\\\win.csv"']) {
      const r = await upload('root', uid, disp, 'a,b\n1,2\n');
      expect(r.statusCode, r.body).toBe(200);
      const f = r.json();
      expect(f.filename).not.toMatch(/[/\\\u0000]/);
      names.push(f.filename);
      expect(f.uid).toMatch(/^fi_[a-z0-9]+$/);
    }
    expect(names).toEqual(['passwd', 'evil.csv', 'win.csv']);
    // Every stored file is directly inside the staging folder and named by its uid.
    for (const name of stored()) expect(name).toMatch(/^fi_[a-z0-9]+(\.[a-z0-9]+)?$/);
    expect(existsSync(join(dir, '..', '..', 'etc', 'passwd.csv'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['uploads']);
  });

  it('cleans names even when the multipart parser passes them through raw', () => {
    expect(displayName('../../etc/passwd\u0000.csv')).toBe('passwd.csv');
    expect(displayName('..\\..\\boot.ini')).toBe('boot.ini');
    expect(displayName('..')).toBe('upload');
    expect(displayName('\u0000')).toBe('upload');
    expect(safeExtension('a.csv/../../x')).toBe('');
    expect(safeExtension('a.CSV')).toBe('.csv');
    expect(safeExtension('a.c\u0000sv')).toBe('');
  });

  it('a malformed file: preview and publish name the line, nothing is published', async () => {
    const f = (await upload('root', uid, 'filename="broken.csv"', 'a,b\n1,2\n3,4,5\n')).json();
    const body = { type: 'csvfile', title: 'Broken', datasource: { type: 'uploaded_file', file: { uid: f.uid } } };
    const pv = await call('root', 'POST', `${AUTO}/datasets/${uid}/resources/preview/`, body);
    expect(pv.statusCode).toBe(400);
    expect(pv.json()).toMatchObject({ error_code: 'validation_error', message: expect.stringMatching(/broken\.csv line 3: 3 columns where the header has 2/) });
    await call('root', 'POST', `${AUTO}/datasets/${uid}/resources/`, body);
    const pub = await call('root', 'POST', `${AUTO}/datasets/${uid}/publish/`);
    expect(pub.statusCode).toBe(400);
    expect(ctx.catalog.get('uploads-test')).toMatchObject({ is_published: false, has_records: false });
  });

  it('a type the values do not allow names the record and column', async () => {
    const f = (await upload('root', uid, 'filename="t.csv"', 'code,n\nA1,1\nB2,2\n')).json();
    const c = (await call('root', 'POST', `${AUTO}/datasets/${uid}/fields/`, { type: 'type', label: 'code int', field: 'code', type_param: 'int' })).json();
    const pv = await call('root', 'POST', `${AUTO}/datasets/${uid}/resources/preview/`, { type: 'csvfile', datasource: { type: 'uploaded_file', file: { uid: f.uid } } });
    expect(pv.statusCode).toBe(400);
    expect(pv.json().message).toMatch(/t\.csv record 1, column "code": "A1" is not a valid int/);
    await call('root', 'DELETE', `${AUTO}/datasets/${uid}/fields/${c.uid}/`);
  });

  it('rejects resources pointing at unknown files and unsupported sources', async () => {
    const r = await call('root', 'POST', `${AUTO}/datasets/${uid}/resources/`, { type: 'csvfile', title: 'x', datasource: { type: 'uploaded_file', file: { uid: 'fi_nope' } } });
    expect(r.statusCode).toBe(400);
    expect(r.json().detail).toEqual({ 'datasource.file.uid': [expect.stringContaining('fi_nope')] });
    const ftp = await call('root', 'POST', `${AUTO}/datasets/${uid}/resources/`, { type: 'csvfile', title: 'x', datasource: { type: 'ftp' } });
    expect(ftp.statusCode).toBe(400);
    const url = await call('root', 'POST', `${AUTO}/datasets/${uid}/resources/`, { type: 'csvfile', title: 'x', datasource: { type: 'http', connection: { type: 'http', url: 'file:///etc/passwd' } } });
    expect(url.statusCode).toBe(400);
  });
});

describe('a resource from a URL', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/data/parks.csv') { res.setHeader('content-type', 'text/csv'); res.end('park;area\nNorth;1.5\nSouth;2.25\n'); return; }
      res.statusCode = 404; res.end('no');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  afterAll(() => { delete process.env.AGORA_ALLOW_PRIVATE_URLS; });

  it('refuses local and private addresses by default', async () => {
    const uid = await draft('root', 'url-local');
    for (const url of [base, 'http://169.254.169.254', 'http://[::1]:8080', 'http://10.1.2.3', 'http://localhost:9']) {
      const r = await call('root', 'POST', `${AUTO}/datasets/${uid}/resources/`, { type: 'csvfile', title: 'x', datasource: { type: 'http', connection: { type: 'http', url } } });
      expect(r.statusCode, url).toBe(400);
      expect(r.json().detail['datasource.connection.url'][0], url).toMatch(/private or local address/);
    }
  });

  it('previews and publishes it (ODS HTTPDatasource: connection url + relative_url)', async () => {
    process.env.AGORA_ALLOW_PRIVATE_URLS = 'true'; // the test server is on the loopback interface
    const uid = await draft('root', 'url-parks');
    const body = { type: 'csvfile', title: 'Parks', params: { separator: ';' }, datasource: { type: 'http', connection: { type: 'http', url: base, auth: null }, relative_url: '/data/parks.csv' } };
    const r = await call('root', 'POST', `${AUTO}/datasets/${uid}/resources/`, body);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ display_name: `${base}/data/parks.csv`, origin: { type: 'http' } });
    const pv = (await call('root', 'GET', `${AUTO}/datasets/${uid}/resources/${r.json().uid}/preview/`)).json();
    expect(pv.records).toEqual([{ park: 'North', area: 1.5 }, { park: 'South', area: 2.25 }]);
    expect((await call('root', 'POST', `${AUTO}/datasets/${uid}/publish/`)).statusCode).toBe(200);
    const recs = (await app.inject({ url: `${API}/catalog/datasets/url-parks/records?order_by=park` })).json();
    expect(recs.results.map((x: { park: string; area: number }) => [x.park, x.area])).toEqual([['North', 1.5], ['South', 2.25]]);
    // A URL that answers 404: the preview says so and nothing changes.
    const gone = await call('root', 'POST', `${AUTO}/datasets/${uid}/resources/preview/`, { ...body, datasource: { ...body.datasource, relative_url: '/missing.csv' } });
    expect(gone.statusCode).toBe(400);
    expect(gone.json().message).toMatch(/404/);
  });
});

describe('deleting a dataset', () => {
  it('removes its uploaded files, resources and field configurations', async () => {
    const uid = await draft('root', 'short-lived');
    const f = (await upload('root', uid, 'filename="s.csv"', 'a\n1\n')).json();
    await call('root', 'POST', `${AUTO}/datasets/${uid}/resources/`, { type: 'csvfile', title: 's', datasource: { type: 'uploaded_file', file: { uid: f.uid } } });
    expect(stored().filter((n) => n.startsWith(f.uid))).toHaveLength(1);
    expect((await call('root', 'DELETE', `${AUTO}/datasets/${uid}/`)).statusCode).toBe(204);
    expect(stored().filter((n) => n.startsWith(f.uid))).toHaveLength(0);
    expect(ctx.catalog.find('short-lived')).toBeUndefined();
  });
});

describe('permissions and CSRF', () => {
  it('an invalid metadata value creates nothing', async () => {
    const r = await call('root', 'POST', `${AUTO}/datasets/`, { dataset_id: 'bad-meta', metadata: { default: { nope: { value: 1 } } } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error_code).toBe('validation_error');
    expect(ctx.catalog.find('bad-meta')).toBeUndefined();
    const dup = await call('root', 'POST', `${AUTO}/datasets/`, { dataset_id: 'trees' });
    expect(dup.statusCode).toBe(409);
    const badId = await call('root', 'POST', `${AUTO}/datasets/`, { dataset_id: '../Trees' });
    expect(badId.statusCode).toBe(400);
  });

  it('anonymous 401, no create_dataset 403', async () => {
    const anon = await call(null, 'POST', `${AUTO}/datasets/`, { dataset_id: 'nope' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error_code).toBe('authentication_required');
    const reader = await call('reader', 'POST', `${AUTO}/datasets/`, { dataset_id: 'nope' });
    expect(reader.statusCode).toBe(403);
    expect(reader.json()).toEqual({ error_code: 'permission_denied', message: expect.stringContaining('create_dataset') });
    expect(ctx.catalog.find('nope')).toBeUndefined();
  });

  it('a creator edits their own draft, but another user cannot even see it (404)', async () => {
    const uid = await draft('creator', 'mine');
    const up = await upload('creator', uid, 'filename="m.csv"', 'a\n1\n');
    expect(up.statusCode, up.body).toBe(200);
    expect((await upload('reader', uid, 'filename="m.csv"', 'a\n1\n')).statusCode).toBe(404);
    expect((await call('reader', 'GET', `${AUTO}/datasets/${uid}/resources/`)).statusCode).toBe(404);
    const audit = (await (await ensureAudit(ctx)).list(1000, 0)).entries.filter((e) => e.target === uid);
    expect(audit.map((e) => [e.actor, e.action])).toEqual(expect.arrayContaining([['user:creator', 'dataset.create'], ['user:creator', 'security.user.create']]));
    // Publishing needs publish_dataset, which a creator does not get.
    expect((await call('creator', 'POST', `${AUTO}/datasets/${uid}/publish/`)).statusCode).toBe(403);
    expect((await call(null, 'GET', `${AUTO}/datasets/${uid}/fields/`)).statusCode).toBe(401);
  });

  it('a cookie session must send the CSRF token', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'root', password: 'password-0' } });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const token = login.json().csrf_token as string;
    const no = await app.inject({ method: 'POST', url: `${AUTO}/datasets/`, payload: { dataset_id: 'csrf-a' }, headers: { cookie } });
    expect(no.statusCode).toBe(403);
    expect(ctx.catalog.find('csrf-a')).toBeUndefined();
    const uid = ctx.catalog.get('trees').dataset_uid;
    const f = form('filename="c.csv"', 'a\n1\n');
    const noUp = await app.inject({ method: 'POST', url: `${AUTO}/datasets/${uid}/resources/files/`, payload: f.payload, headers: { ...f.headers, cookie } });
    expect(noUp.statusCode).toBe(403);
    const yes = await app.inject({ method: 'POST', url: `${AUTO}/datasets/`, payload: { dataset_id: 'csrf-a' }, headers: { cookie, 'x-csrf-token': token } });
    expect(yes.statusCode, yes.body).toBe(201);
  });
});
