// CKAN resource_create / resource_update onto the Automation API's resources and publish/: a `url`
// becomes an http resource (checked as the Automation API checks it: refusePrivateAddress, then the
// outbound policy on the download), an `upload` (a multipart file part) an uploaded file; then the
// dataset is published through publishDataset, so the rows are imported into its records. Agora
// gives a package one datastore resource (id = the dataset id): resource_create adds a source whose
// rows join the records (several sources need the same fields), resource_update on that id replaces
// the sources with the new one. A failing import leaves the dataset, its data and its sources as
// they were (the new source and its file are removed).
import { unlink } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { Dataset } from '../../core/types.ts';
import { createResource, publishDataset } from '../../governance/authoring.ts';
import { datasetFor } from '../../governance/automation.ts';
import { newUid, type StoredResource } from '../../governance/drafts.ts';
import type { AppContext } from '../../server/context.ts';
import { CkanError, invalid } from './envelope.ts';
import { resources, type CkanContext } from './package.ts';
import { text, type CkanData } from './params.ts';
import { asCkan, asCkanSync, editablePackage, type CkanUpload, type WriteContext, writeContext } from './write-context.ts';

/** CKAN resource formats (and file extensions) → the Automation API's extractor. */
const FORMATS: Record<string, string> = {
  csv: 'csvfile', tsv: 'tsvfile', tab: 'tsvfile', json: 'jsonfile', jsonl: 'jsonlinesfile', ndjson: 'jsonlinesfile', 'json lines': 'jsonlinesfile',
  geojson: 'geojsonfile', xls: 'xlsfile', xlsx: 'xlsxfile', excel: 'xlsxfile', parquet: 'parquetfile', kml: 'kmlfile', gpx: 'gpxfile', shp: 'shpfile', zip: 'shpfile', shapefile: 'shpfile',
};

function extractor(d: CkanData, name: string): string {
  const format = text(d, 'format')?.toLowerCase().trim();
  if (format) {
    const t = FORMATS[format];
    if (!t) throw invalid('format', `Agora imports ${[...new Set(Object.keys(FORMATS))].join(', ')}: "${format}" is not one of them`);
    return t;
  }
  const ext = extname(name.split(/[?#]/)[0] ?? '').slice(1).toLowerCase();
  const t = FORMATS[ext];
  if (!t) throw invalid('format', 'Missing value: give the format (e.g. CSV) or a file name ending with it');
  return t;
}

function uploadOf(d: CkanData): CkanUpload | undefined {
  const u = d.upload;
  if (u === undefined || u === null || u === '') return undefined;
  if (typeof u === 'object' && !Array.isArray(u) && typeof (u as CkanUpload).path === 'string') return u as CkanUpload;
  throw invalid('upload', 'Must be a file sent as a multipart/form-data part named "upload"');
}

/** The Automation resource body for the url or upload of the call (the upload registered as the dataset's file). */
async function resourceBodyOf(w: WriteContext, ds: Dataset, d: CkanData): Promise<{ body: Record<string, unknown>; fileUid: string | null; source: string }> {
  const upload = uploadOf(d);
  const url = text(d, 'url');
  if (upload && url && url !== upload.filename) throw invalid('url', 'give a url or an upload, not both');
  const title = text(d, 'name') ?? (upload ? upload.filename : url ?? '');
  if (upload) {
    const type = extractor(d, upload.filename);
    const uid = newUid('fi');
    await w.deps.drafts.addFile({ uid, datasetUid: ds.dataset_uid, filename: upload.filename, mimetype: upload.mimetype, size: upload.size, created: new Date().toISOString(), path: upload.path });
    upload.claimed = true;
    await w.audit('dataset.file.upload', ds.dataset_uid, { dataset_id: ds.dataset_id, file_uid: uid, filename: upload.filename, size: upload.size });
    return { body: { type, title: title || upload.filename, datasource: { type: 'uploaded_file', file: { uid } } }, fileUid: uid, source: upload.filename };
  }
  if (!url) throw invalid('url', 'Missing value');
  if (!/^https?:\/\/\S+$/i.test(url)) throw invalid('url', 'Please provide a valid URL (http or https)');
  return { body: { type: extractor(d, url), title: title || url, datasource: { type: 'http', connection: { type: 'http', url } } }, fileUid: null, source: url };
}

async function forgetFile(w: WriteContext, ds: Dataset, fileUid: string | null): Promise<void> {
  if (!fileUid) return;
  const path = await w.deps.drafts.deleteFile(ds.dataset_uid, fileUid);
  if (path) await unlink(path).catch(() => undefined);
}

async function publish(w: WriteContext, ds: Dataset, restore: () => Promise<void>): Promise<Dataset> {
  try {
    const { dataset, rows } = await publishDataset(w.deps, w.caller, ds.dataset_uid);
    await w.audit('dataset.publish', dataset.dataset_uid, { dataset_id: dataset.dataset_id, ...(rows === null ? {} : { rows_loaded: rows }) });
    return dataset;
  } catch (e) {
    await restore();
    throw e;
  }
}

function resourceResult(w: WriteContext, ds: Dataset, d: CkanData, source: string): Record<string, unknown> {
  const c: CkanContext = { baseUrl: w.ctx.config.baseUrl, portalName: w.ctx.config.portalName };
  const r = resources(ds, c)[0]!;
  return { ...r, ...(text(d, 'name') ? { name: text(d, 'name') } : {}), ...(text(d, 'description') ? { description: text(d, 'description') } : {}), agora_source: source };
}

/** edit_dataset (to add the source) and publish_dataset (to import it), both checked before anything is written. */
function authoringTarget(w: WriteContext, id: string, field: string, what?: string): Dataset {
  const ds = editablePackage(w, id, 'edit_dataset', what);
  return asCkanSync(field, () => datasetFor(w.deps, w.caller, ds.dataset_uid, 'publish_dataset'));
}

/** Agora's errors name the Automation resource's keys (datasource.connection.url…): CKAN's are url and upload. */
async function ckanNames<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await asCkan('url', fn);
  } catch (e) {
    if (e instanceof CkanError && e.type === 'Validation Error') {
      const fields = Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k.startsWith('datasource.file') ? 'upload' : k.startsWith('datasource') ? 'url' : k, v]));
      throw new CkanError(e.type, e.message, fields);
    }
    throw e;
  }
}

/** The resource stored through the Automation path; when it is refused, the file uploaded for it goes. */
async function createOrForget(w: Awaited<ReturnType<typeof writeContext>>, ds: Parameters<typeof forgetFile>[1], body: Parameters<typeof createResource>[3], fileUid: Parameters<typeof forgetFile>[2]): Promise<StoredResource> {
  try {
    return await createResource(w.deps, w.caller, ds.dataset_uid, body);
  } catch (e) {
    await forgetFile(w, ds, fileUid);
    throw e;
  }
}

export async function resourceCreate(ctx: AppContext, req: FastifyRequest, d: CkanData): Promise<unknown> {
  const w = await writeContext(ctx, req, 'resource_create');
  const packageId = text(d, 'package_id');
  if (!packageId) throw invalid('package_id', 'Missing value');
  return ckanNames(async () => {
    const ds = authoringTarget(w, packageId, 'package_id');
    const { body, fileUid, source } = await resourceBodyOf(w, ds, d);
    const made = await createOrForget(w, ds, body, fileUid);
    await w.audit('dataset.resource.create', ds.dataset_uid, { resource_uid: made.uid, type: body.type, origin: fileUid ? 'uploaded_file' : 'http' });
    const out = await publish(w, ds, async () => {
      await w.deps.drafts.deleteResource(ds.dataset_uid, made.uid);
      await forgetFile(w, ds, fileUid);
    });
    return resourceResult(w, out, d, source);
  });
}

export async function resourceUpdate(ctx: AppContext, req: FastifyRequest, d: CkanData): Promise<unknown> {
  const w = await writeContext(ctx, req, 'resource_update');
  const id = text(d, 'id');
  if (!id) throw invalid('id', 'Missing value');
  if (id.includes('.')) throw invalid('id', `"${id}" is an export of the dataset, not its datastore resource: update "${id.slice(0, id.indexOf('.'))}"`);
  return ckanNames(async () => {
    const ds = authoringTarget(w, id, 'id', 'Resource was not found.');
    const before = await w.deps.drafts.resources(ds.dataset_uid);
    const { body, fileUid, source } = await resourceBodyOf(w, ds, d);
    const made = await createOrForget(w, ds, body, fileUid);
    for (const r of before) await w.deps.drafts.deleteResource(ds.dataset_uid, r.uid);
    await w.audit('dataset.resource.update', ds.dataset_uid, { resource_uid: made.uid, replaced: before.map((r) => r.uid), type: body.type, origin: fileUid ? 'uploaded_file' : 'http' });
    const out = await publish(w, ds, async () => {
      await w.deps.drafts.deleteResource(ds.dataset_uid, made.uid);
      for (const r of before) await w.deps.drafts.putResource({ uid: r.uid, datasetUid: r.datasetUid, body: r.body, updated: r.updated });
      await forgetFile(w, ds, fileUid);
    });
    return resourceResult(w, out, d, source);
  });
}
