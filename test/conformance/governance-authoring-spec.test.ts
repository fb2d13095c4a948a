// Creating a dataset through the Automation API against the official ODS Automation v1.0 spec in
// ../shared: the spec's own request examples (Resource "Uploaded file", field configurations "Type",
// "Describe", "Set field unit", "Rename", "Order", "Delete") are sent as they are, every body is
// validated with ajv against its schema, and every answer too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureGovernance } from '../../src/governance/index.ts';
import { HAVE_SPECS, example, fieldConfigSchema, response, schema, valid } from './automation-spec.ts';

const have = HAVE_SPECS;

const AUTO = '/api/automation/v1.0';
// The spec's "Uploaded file" example reads a ';'-separated CSV named fromages.csv.
const CSV = 'fromage;lait;affinage_mois\nComté;vache;18\nRoquefort;brebis;5\nCrottin;chèvre;1\n';
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let key = '';

beforeAll(async () => {
  if (!have) return;
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  dir = mkdtempSync(join(tmpdir(), 'agora-authoring-spec-'));
  ctx = await openPortal({ inMemory: true, dataDir: dir, baseUrl: 'http://portal.test' });
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'root', password: 'root-password', isAdmin: true });
  key = (await gov.createApiKey('root', ['admin'])).key;
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  delete process.env.AGORA_RATE_LIMIT_ANONYMOUS;
  await app?.close(); if (ctx) await closePortal(ctx); if (dir) rmSync(dir, { recursive: true, force: true });
});

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: { authorization: `Apikey ${key}` } });
/** Uploads fromages.csv (multipart, one `file` part) to the dataset's files. */
function uploadFromages(uid: string) {
  const b = 'spec-boundary';
  const payload = Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="fromages.csv"\r\nContent-Type: text/csv\r\n\r\n`), Buffer.from(CSV), Buffer.from(`\r\n--${b}--\r\n`)]);
  return app.inject({ method: 'POST', url: `${AUTO}/datasets/${uid}/resources/files/`, payload, headers: { authorization: `Apikey ${key}`, 'content-type': `multipart/form-data; boundary=${b}` } });
}

describe.skipIf(!have)('creating a dataset with the ODS Automation v1.0 bodies', () => {
  it('create → upload → resource → preview → fields → publish', async () => {
    const created = await call('POST', `${AUTO}/datasets/`, { dataset_id: 'fromages', metadata: { default: { title: { value: 'Fromages' } } } });
    expect(created.statusCode, created.body).toBe(201);
    valid(response('/datasets/', 'post', '201'), created.json());
    const uid = created.json().uid as string;

    const up = await uploadFromages(uid);
    expect(up.statusCode, up.body).toBe(200);
    valid(response('/datasets/{dataset_uid}/resources/files/', 'post', '200'), up.json());
    valid(response('/datasets/{dataset_uid}/resources/files/{file_uid}/', 'get', '200'), (await call('GET', `${AUTO}/datasets/${uid}/resources/files/${up.json().uid}/`)).json());

    const body = example('/datasets/{dataset_uid}/resources/', 'post', 'Uploaded file');
    (body.datasource as { file: { uid: string } }).file.uid = up.json().uid;
    valid(schema('automation#/components/schemas/Resource'), body);
    const res = await call('POST', `${AUTO}/datasets/${uid}/resources/`, body);
    expect(res.statusCode, res.body).toBe(201);
    valid(response('/datasets/{dataset_uid}/resources/', 'post', '201'), res.json());
    valid(response('/datasets/{dataset_uid}/resources/', 'get', '200'), (await call('GET', `${AUTO}/datasets/${uid}/resources/`)).json());
    valid(response('/datasets/{dataset_uid}/resources/{resource_uid}/', 'get', '200'), (await call('GET', `${AUTO}/datasets/${uid}/resources/${res.json().uid}/`)).json());

    const previewSchema = schema('automation#/components/responses/ResourcePreview/content/application~1json/schema');
    const unsaved = await call('POST', `${AUTO}/datasets/${uid}/resources/preview/`, { type: body.type, params: body.params, datasource: body.datasource });
    expect(unsaved.statusCode, unsaved.body).toBe(200);
    valid(previewSchema, unsaved.json());
    expect(unsaved.json().records).toHaveLength(3);

    // The spec's field configuration examples, pointed at this file's columns.
    const typeCfg = { ...example('/datasets/{dataset_uid}/fields/{field_uid}/', 'put', 'Type dataset field'), field: 'affinage_mois', type_param: 'double' };
    const describeCfg = { ...example('/datasets/{dataset_uid}/fields/{field_uid}/', 'put', 'Describe dataset field'), field: 'lait' };
    const unitCfg = { ...example('/datasets/{dataset_uid}/fields/{field_uid}/', 'put', 'Set field unit'), field: 'affinage_mois' };
    let typeUid = '';
    for (const cfg of [typeCfg, describeCfg, unitCfg]) {
      const r = await call('POST', `${AUTO}/datasets/${uid}/fields/`, cfg);
      expect(r.statusCode, r.body).toBe(201);
      valid(response('/datasets/{dataset_uid}/fields/', 'post', '201'), r.json());
      if (!typeUid) typeUid = r.json().uid;
    }
    valid(response('/datasets/{dataset_uid}/fields/', 'get', '200'), (await call('GET', `${AUTO}/datasets/${uid}/fields/`)).json());
    valid(response('/datasets/{dataset_uid}/fields/{field_uid}/', 'get', '200'), (await call('GET', `${AUTO}/datasets/${uid}/fields/${typeUid}/`)).json());
    const put = await call('PUT', `${AUTO}/datasets/${uid}/fields/${typeUid}/`, typeCfg);
    valid(response('/datasets/{dataset_uid}/fields/{field_uid}/', 'put', '200'), put.json());

    const saved = await call('GET', `${AUTO}/datasets/${uid}/resources/${res.json().uid}/preview/`);
    valid(previewSchema, saved.json());
    const fields = Object.fromEntries(saved.json().fields.map((f: { name: string }) => [f.name, f]));
    expect(fields.affinage_mois).toMatchObject({ type: 'double', annotations: [{ name: 'unit', args: ['km2'] }] });
    expect(fields.lait).toMatchObject({ type: 'text', description: 'The user friendly description' });

    const pub = await call('POST', `${AUTO}/datasets/${uid}/publish/`);
    valid(schema('automation#/components/responses/OK/content/application~1json/schema'), pub.json());
    const recs = (await app.inject({ url: `/api/explore/v2.1/catalog/datasets/fromages/records?order_by=fromage` })).json();
    expect(recs.results.map((r: Record<string, unknown>) => [r.fromage, r.lait, r.affinage_mois])).toEqual([['Comté', 'vache', 18], ['Crottin', 'chèvre', 1], ['Roquefort', 'brebis', 5]]);
    valid(response('/datasets/{dataset_uid}/', 'get', '200'), (await call('GET', `${AUTO}/datasets/${uid}/`)).json());
  });

  it('rename (technical name), order and delete: the spec\'s examples are accepted, applied at publish, and bodies the spec refuses are refused', async () => {
    const created = await call('POST', `${AUTO}/datasets/`, { dataset_id: 'fromages-2' });
    expect(created.statusCode, created.body).toBe(201);
    const uid = created.json().uid as string;
    const up = await uploadFromages(uid);
    const body = example('/datasets/{dataset_uid}/resources/', 'post', 'Uploaded file');
    (body.datasource as { file: { uid: string } }).file.uid = up.json().uid;
    expect((await call('POST', `${AUTO}/datasets/${uid}/resources/`, body)).statusCode).toBe(201);

    // The spec's examples: the rename keeps its to_name "new_field_id", pointed at affinage_mois.
    const own = (cfg: Record<string, unknown>) => fieldConfigSchema(String(cfg.type));
    const renameCfg: Record<string, unknown> = { ...example('/datasets/{dataset_uid}/fields/', 'post', 'Rename dataset field'), from_name: 'affinage_mois' };
    const orderCfg = { ...example('/datasets/{dataset_uid}/fields/', 'post', 'Order dataset field'), args: ['new_field_id', 'fromage', 'lait'] };
    const deleteCfg = { ...example('/datasets/{dataset_uid}/fields/', 'post', 'Delete dataset field'), field: 'lait' };
    expect(renameCfg.to_name).toBe('new_field_id');
    const uids: string[] = [];
    for (const cfg of [renameCfg, orderCfg, deleteCfg]) {
      valid(own(cfg), cfg);
      const r = await call('POST', `${AUTO}/datasets/${uid}/fields/`, cfg);
      expect(r.statusCode, r.body).toBe(201);
      valid(response('/datasets/{dataset_uid}/fields/', 'post', '201'), r.json());
      valid(own(cfg), r.json());
      uids.push(r.json().uid as string);
    }
    for (const u of uids) valid(response('/datasets/{dataset_uid}/fields/{field_uid}/', 'get', '200'), (await call('GET', `${AUTO}/datasets/${uid}/fields/${u}/`)).json());
    const putOrder = await call('PUT', `${AUTO}/datasets/${uid}/fields/${uids[1]}/`, orderCfg);
    expect(putOrder.statusCode, putOrder.body).toBe(200);
    valid(response('/datasets/{dataset_uid}/fields/{field_uid}/', 'put', '200'), putOrder.json());
    valid(response('/datasets/{dataset_uid}/fields/', 'get', '200'), (await call('GET', `${AUTO}/datasets/${uid}/fields/`)).json());

    // Bodies the spec's own schema refuses are refused, naming the missing property.
    const broken: Array<[Record<string, unknown>, string]> = [
      [{ type: 'rename', label: 'x', from_name: 'fromage', field_label: 'x' }, 'to_name'],
      [{ type: 'order', label: 'x' }, 'args'],
      [{ type: 'order', label: 'x', args: [1, 2] }, 'args[0]'],
      [{ type: 'delete', label: 'x' }, 'field'],
      [{ type: 'delete', label: 'x', field: '' }, 'field'],
    ];
    for (const [cfg, prop] of broken) {
      expect(own(cfg)(cfg), JSON.stringify(cfg)).toBe(false);
      const r = await call('POST', `${AUTO}/datasets/${uid}/fields/`, cfg);
      expect(r.statusCode, JSON.stringify(cfg)).toBe(400);
      expect(Object.keys(r.json().detail)).toEqual([prop]);
    }

    const pub = await call('POST', `${AUTO}/datasets/${uid}/publish/`);
    expect(pub.statusCode, pub.body).toBe(200);
    // Expected from the CSV text: lait deleted, affinage_mois renamed, the order's fields first.
    const [head, ...lines] = CSV.trim().split('\n').map((l) => l.split(';'));
    const rows = lines.map((l) => Object.fromEntries(head.map((h, i) => [h, l[i]])));
    const expected = rows.map((r) => ({ new_field_id: Number(r.affinage_mois), fromage: r.fromage })).sort((x, y) => x.fromage.localeCompare(y.fromage));
    const recs = (await app.inject({ url: `/api/explore/v2.1/catalog/datasets/fromages-2/records?order_by=fromage` })).json();
    expect(recs.results).toEqual(expected);
    const meta = (await app.inject({ url: `/api/explore/v2.1/catalog/datasets/fromages-2` })).json();
    expect(meta.fields.map((f: { name: string; label: string }) => [f.name, f.label])).toEqual([['new_field_id', renameCfg.field_label], ['fromage', 'fromage']]);
  });
});
