// Creating and filling datasets through the Automation API: a draft dataset, its resources (an
// uploaded file or a URL), previews, field configurations (stored here, worked out in
// field-configs.ts) and publishing through the normal ingest path. Permission checks live here; HTTP in server/routes.
import { unlink } from 'node:fs/promises';
import { basename } from 'node:path';
import { AgoraError, isAgoraError } from '../core/errors.ts';
import type { Dataset, FieldAnnotations, FieldType } from '../core/types.ts';
import { emptyMetas, newRecordTable, validateDatasetId } from '../catalog/index.ts';
import {
  importDataset, previewSource, skipAdvice, type ImportOptions, type ImportSummary, type ImportWarning, type IngestFormat, type Preview, type SkippedRow,
} from '../ingest/index.ts';
import { quoteIdent } from '../sql/quote.ts';
import { checkUrl, OutboundProblem } from '../outbound/index.ts';
import { RECORD_ID_COLUMN } from '../core/physical.ts';
import { datasetFor, metadataPatch, requireUser, type AutomationDeps } from './automation.ts';
import { configuredFields, fieldFates, layoutOf, parseFieldConfig, reshapes, typeOverrides } from './field-configs.ts';
import { reshapePublished } from './field-reshape.ts';
import { changedNames, putVisibleFields, refuseStaleFilters, rulesShowing } from './field-rules.ts';
import { DraftStore, newUid, type StoredFieldConfig, type StoredFile, type StoredResource } from './drafts.ts';
import { hasPermission, type Caller } from './rules.ts';
import { parseSecurity } from './security.ts';
import { OPEN_SECURITY } from './types.ts';
import { isPlainObject as isObject } from '../core/types.ts';
import { invalidParameter as invalid } from '../core/errors.ts';

export interface AuthoringDeps extends AutomationDeps {
  drafts: DraftStore;
  /** URL → a local file already downloaded for it (a scheduled refresh fetched it conditionally). */
  prefetched?: ReadonlyMap<string, string>;
}

// ---- datasets ----

/** POST /datasets/: a draft (unpublished, no records) with the body's dataset_id and metadata; needs
 *  create_dataset. A creator without the domain edit_dataset permission gets it on this dataset. */
export async function createDataset(d: AuthoringDeps, c: Caller, body: unknown): Promise<Dataset> {
  requireUser(c);
  if (!hasPermission(d.store, c, 'create_dataset')) throw new AgoraError('FORBIDDEN', 'Permission denied: create_dataset is required to create a dataset.');
  if (!isObject(body)) throw invalid('body', 'expected a Dataset object');
  const known = new Set(['dataset_id', 'metadata', 'is_restricted', 'default_security', 'uid', 'created_at', 'updated_at', 'is_published']);
  for (const k of Object.keys(body)) if (!known.has(k)) throw invalid(k, 'unknown key');
  if (body.is_published === true) throw invalid('is_published', 'a new dataset is a draft: publish it with publish/');
  const id = body.dataset_id === undefined ? newUid('da').replace('_', '-') : body.dataset_id;
  if (typeof id !== 'string' || !id) throw invalid('dataset_id', 'expected a non-empty string');
  try { validateDatasetId(id); } catch (e) { throw invalid('dataset_id', (e as Error).message); }
  if (d.catalog.find(id)) throw new AgoraError('DATASET_EXISTS', `Dataset "${id}" already exists.`);
  if (body.is_restricted !== undefined && typeof body.is_restricted !== 'boolean') throw invalid('is_restricted', 'expected true or false');
  const security = body.default_security !== undefined ? parseSecurity(body.default_security, null, 'default_security') : null;
  if (body.metadata !== undefined) metadataPatch(emptyMetas(id, new Date().toISOString()), body.metadata); // checked before anything is created
  const table = newRecordTable(id);
  await d.catalog.backend.write((tx) => tx.exec(`CREATE TABLE ${quoteIdent(table)} (${quoteIdent(RECORD_ID_COLUMN)} BIGINT)`));
  let ds: Dataset;
  try {
    ds = await d.catalog.publishVersion({
      datasetId: id, table, fields: [], recordsCount: 0, mode: 'create', initialFlags: { is_published: false, is_restricted: body.is_restricted === true },
    });
  } catch (e) {
    await d.catalog.backend.write((tx) => tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`)).catch(() => undefined);
    throw e;
  }
  if (body.metadata !== undefined) {
    try {
      ds = await d.catalog.updateMetas(id, metadataPatch(ds.metas, body.metadata));
    } catch (e) {
      await d.catalog.delete(id);
      throw e;
    }
  }
  if (security) await d.store.putRuleset({ datasetUid: ds.dataset_uid, target: { kind: 'default' }, permissions: [], security });
  if (!hasPermission(d.store, c, 'edit_dataset', ds)) {
    await d.store.putRuleset({ datasetUid: ds.dataset_uid, target: { kind: 'user', username: c.user!.username }, permissions: ['edit_dataset'], security: { ...OPEN_SECURITY } });
  }
  return ds;
}

/** Deletes what was prepared for a dataset (its uploaded files too); called after the dataset goes. */
export async function forgetDrafts(d: AuthoringDeps, datasetUid: string): Promise<void> {
  for (const p of await d.drafts.forgetDataset(datasetUid)) await unlink(p).catch(() => undefined);
}

// ---- files ----

export function fileBody(f: StoredFile): Record<string, unknown> {
  return { uid: f.uid, filename: f.filename, mimetype: f.mimetype, created_at: f.created };
}

/** The client's file name, for display only: no directories, control characters or NUL, ≤ 200 chars. */
export function displayName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(-200);
  return clean && clean !== '.' && clean !== '..' ? clean : 'upload';
}

/** A safe extension (letters and digits) from the client's name, kept for format detection. */
export function safeExtension(name: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? `.${m[1].toLowerCase()}` : '';
}

// ---- resources ----

const EXTRACTORS: Record<string, { format: IngestFormat; label: string }> = {
  csvfile: { format: 'csv', label: 'CSV File' },
  tsvfile: { format: 'tsv', label: 'TSV File' },
  jsonfile: { format: 'json', label: 'JSON File' },
  jsonlinesfile: { format: 'jsonl', label: 'JSON Lines File' },
  geojsonfile: { format: 'geojson', label: 'GeoJSON File' },
  xlsfile: { format: 'xlsx', label: 'Excel File' },
  xlsxfile: { format: 'xlsx', label: 'Excel File' },
  parquetfile: { format: 'parquet', label: 'Parquet File' },
  kmlfile: { format: 'kml', label: 'KML File' },
  gpxfile: { format: 'gpx', label: 'GPX File' },
  shpfile: { format: 'shapefile', label: 'Shapefile (zip)' },
};

/** `append` (Agora extension): on a dataset whose data came without resources (the command line),
 *  publish/ appends this resource's rows instead of replacing the data, then drops the resource. */
interface ResourceSpec { type: string; title: string; params: Record<string, unknown>; datasource: Record<string, unknown>; append?: boolean }

/** Where a resource's data is and how to read it. */
interface ResolvedSource {
  source: string; /** The staged file's own name, shown as `display` in messages. */ stored?: string; format?: IngestFormat;
  delimiter?: string; encoding?: string; sheet?: string; /** params.skip_bad_rows (Agora extension) */ skipBadRows?: boolean;
  display: string; origin: 'uploaded_file' | 'http';
}

function httpUrl(ds: Record<string, unknown>): string {
  const conn = ds.connection;
  if (!isObject(conn)) throw invalid('datasource.connection', 'expected {"type": "http", "url": …}');
  if (typeof conn.uid === 'string' && conn.url === undefined) throw invalid('datasource.connection.uid', 'reusable connections are not supported: give the connection\'s url');
  if (typeof conn.url !== 'string' || !/^https?:\/\/[^\s]+$/i.test(conn.url)) throw invalid('datasource.connection.url', 'expected an http(s) URL');
  if (conn.auth !== undefined && conn.auth !== null) throw invalid('datasource.connection.auth', 'authenticated sources are not supported');
  if (ds.headers !== undefined && (!Array.isArray(ds.headers) || ds.headers.length > 0)) throw invalid('datasource.headers', 'custom headers are not supported');
  const rel = ds.relative_url;
  if (rel !== undefined && typeof rel !== 'string') throw invalid('datasource.relative_url', 'expected a string');
  const url = rel ? conn.url.replace(/\/$/, '') + (rel.startsWith('/') ? rel : `/${rel}`) : conn.url;
  try { return new URL(url).href; } catch { throw invalid('datasource.relative_url', `"${url}" is not a valid URL`); }
}

/** A URL resource may not point at the server's own network (loopback, private, link-local — e.g. a
 *  cloud metadata service — and the other rules of outbound/policy.ts) unless AGORA_OUTBOUND_ALLOW
 *  covers it: checked here to answer early; the download checks again, and every redirect too. */
export async function refusePrivateAddress(url: string, where = 'datasource.connection.url'): Promise<void> {
  try {
    await checkUrl(url);
  } catch (e) {
    if (e instanceof OutboundProblem) throw invalid(where, e.reason);
    throw e;
  }
}

function parseSpec(body: unknown, requireTitle: boolean): ResourceSpec {
  if (!isObject(body)) throw invalid('body', 'expected a Resource object');
  const known = new Set(['uid', 'type', 'title', 'params', 'datasource', 'display_name', 'extraction_infos', 'origin', 'updated_at', 'append']);
  for (const k of Object.keys(body)) if (!known.has(k)) throw invalid(k, 'unknown key');
  if (typeof body.type !== 'string' || !EXTRACTORS[body.type]) throw invalid('type', `expected one of ${Object.keys(EXTRACTORS).join(', ')}`);
  if (requireTitle && (typeof body.title !== 'string' || !body.title)) throw invalid('title', 'expected a non-empty string');
  if (body.params !== undefined && !isObject(body.params)) throw invalid('params', 'expected an object');
  if (!isObject(body.datasource) || typeof body.datasource.type !== 'string') throw invalid('datasource', 'expected {"type": "uploaded_file" | "http", …}');
  if (!['uploaded_file', 'http'].includes(body.datasource.type)) throw invalid('datasource.type', 'expected uploaded_file or http');
  if (body.append !== undefined && typeof body.append !== 'boolean') throw invalid('append', 'expected true or false');
  return { type: body.type, title: typeof body.title === 'string' ? body.title : '', params: (body.params as Record<string, unknown> | undefined) ?? {}, datasource: body.datasource, ...(body.append === true ? { append: true } : {}) };
}

async function resolveSpec(d: AuthoringDeps, ds: Dataset, spec: ResourceSpec): Promise<ResolvedSource> {
  const p = spec.params;
  const opt = (k: string): string | undefined => {
    const v = p[k];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') throw invalid(`params.${k}`, 'expected a string');
    return v;
  };
  const skip = p.skip_bad_rows;
  if (skip !== undefined && skip !== null && typeof skip !== 'boolean') throw invalid('params.skip_bad_rows', 'expected true or false');
  const base = { format: EXTRACTORS[spec.type].format, delimiter: opt('separator'), encoding: opt('encoding'), sheet: opt('sheet'), skipBadRows: skip === true };
  if (spec.datasource.type === 'uploaded_file') {
    const f = spec.datasource.file;
    if (!isObject(f) || typeof f.uid !== 'string') throw invalid('datasource.file.uid', 'expected the uid of a file uploaded with resources/files/');
    const stored = await d.drafts.file(ds.dataset_uid, f.uid);
    if (!stored) throw invalid('datasource.file.uid', `no file "${f.uid}" was uploaded to this dataset`);
    return { ...base, source: stored.path, stored: basename(stored.path), display: stored.filename, origin: 'uploaded_file' };
  }
  const url = httpUrl(spec.datasource);
  const local = d.prefetched?.get(url);
  if (local) return { ...base, source: local, stored: basename(local), display: url, origin: 'http' };
  await refusePrivateAddress(url);
  return { ...base, source: url, display: url, origin: 'http' };
}

/** The URL an http resource reads (null for an uploaded file, or a URL that no longer parses). */
export function resourceUrl(r: StoredResource): string | null {
  const ds = (r.body as unknown as ResourceSpec).datasource;
  if (ds.type !== 'http') return null;
  try { return httpUrl(ds); } catch { return null; }
}

export async function resourceBody(d: AuthoringDeps, r: StoredResource): Promise<Record<string, unknown>> {
  const b = r.body as unknown as ResourceSpec;
  const ext = EXTRACTORS[b.type];
  const datasource = { ...b.datasource };
  let display = b.title;
  if (datasource.type === 'uploaded_file' && isObject(datasource.file)) {
    const f = await d.drafts.file(r.datasetUid, String(datasource.file.uid));
    if (f) { datasource.file = fileBody(f); display = f.filename; }
  } else if (datasource.type === 'http') {
    try { display = httpUrl(datasource); } catch { /* kept as the title */ }
  }
  return {
    uid: r.uid, type: b.type, title: b.title, display_name: display || b.title,
    extraction_infos: { label: ext.label, type: b.type },
    origin: datasource.type === 'http' ? { label: 'HTTP', type: 'http' } : { label: 'Uploaded file', type: 'uploaded_file' },
    updated_at: r.updated, params: b.params, datasource,
  };
}

/** POST resources/ (edit_dataset): checks the file or URL form now; the data is read on preview and publish. */
export async function createResource(d: AuthoringDeps, c: Caller, uid: string, body: unknown): Promise<StoredResource> {
  const ds = datasetFor(d, c, uid, 'edit_dataset');
  const spec = parseSpec(body, true);
  await resolveSpec(d, ds, spec);
  return d.drafts.putResource({ uid: newUid('re'), datasetUid: ds.dataset_uid, body: spec as unknown as Record<string, unknown>, updated: new Date().toISOString() });
}

export async function updateResource(d: AuthoringDeps, c: Caller, uid: string, resourceUid: string, body: unknown): Promise<StoredResource> {
  const old = await getResource(d, c, uid, resourceUid, 'edit_dataset');
  const ds = datasetFor(d, c, uid, 'edit_dataset');
  const spec = parseSpec(body, true);
  await resolveSpec(d, ds, spec);
  return d.drafts.putResource({ uid: old.uid, datasetUid: ds.dataset_uid, body: spec as unknown as Record<string, unknown>, updated: new Date().toISOString() });
}

export async function listResources(d: AuthoringDeps, c: Caller, uid: string): Promise<StoredResource[]> {
  const ds = datasetFor(d, c, uid, 'any');
  return d.drafts.resources(ds.dataset_uid);
}

export async function getResource(d: AuthoringDeps, c: Caller, uid: string, resourceUid: string, perm: 'any' | 'edit_dataset' = 'any'): Promise<StoredResource> {
  const ds = datasetFor(d, c, uid, perm);
  const r = (await d.drafts.resources(ds.dataset_uid)).find((x) => x.uid === resourceUid);
  if (!r) throw new AgoraError('ACCOUNT_NOT_FOUND', `No resource "${resourceUid}" in dataset ${ds.dataset_id}.`);
  return r;
}

export async function deleteResource(d: AuthoringDeps, c: Caller, uid: string, resourceUid: string): Promise<void> {
  const r = await getResource(d, c, uid, resourceUid, 'edit_dataset');
  await d.drafts.deleteResource(r.datasetUid, r.uid);
}

// ---- field configurations ----

export function fieldConfigBody(c: StoredFieldConfig): Record<string, unknown> {
  return { uid: c.uid, ...c.body };
}

export async function listFieldConfigs(d: AuthoringDeps, c: Caller, uid: string): Promise<StoredFieldConfig[]> {
  return d.drafts.fieldConfigs(datasetFor(d, c, uid, 'any').dataset_uid);
}

export async function getFieldConfig(d: AuthoringDeps, c: Caller, uid: string, configUid: string, perm: 'any' | 'edit_dataset' = 'any'): Promise<StoredFieldConfig> {
  const ds = datasetFor(d, c, uid, perm);
  const f = (await d.drafts.fieldConfigs(ds.dataset_uid)).find((x) => x.uid === configUid);
  if (!f) throw new AgoraError('ACCOUNT_NOT_FOUND', `No field configuration "${configUid}" in dataset ${ds.dataset_id}.`);
  return f;
}

export async function createFieldConfig(d: AuthoringDeps, c: Caller, uid: string, body: unknown): Promise<StoredFieldConfig> {
  const ds = datasetFor(d, c, uid, 'edit_dataset');
  return d.drafts.putFieldConfig({ uid: newUid('fc'), datasetUid: ds.dataset_uid, body: parseFieldConfig(body) });
}

export async function updateFieldConfig(d: AuthoringDeps, c: Caller, uid: string, configUid: string, body: unknown): Promise<StoredFieldConfig> {
  const old = await getFieldConfig(d, c, uid, configUid, 'edit_dataset');
  return d.drafts.putFieldConfig({ uid: old.uid, datasetUid: old.datasetUid, body: parseFieldConfig(body) });
}

export async function deleteFieldConfig(d: AuthoringDeps, c: Caller, uid: string, configUid: string): Promise<void> {
  const old = await getFieldConfig(d, c, uid, configUid, 'edit_dataset');
  await d.drafts.deleteFieldConfig(old.datasetUid, old.uid);
}

function annotationList(a: FieldAnnotations): Array<{ name: string; args: string[] }> {
  return Object.entries(a).filter(([, v]) => v !== undefined && v !== false).map(([name, v]) => ({ name, args: v === true ? [] : [String(v)] }));
}

// ---- preview and publish ----

/** How a bad-row error advises skipping such rows through this API (the ingest stage names the CLI flag). */
const SKIP_OPTION = '"skip_bad_rows": true in the resource params';

/** Runs an ingest step; errors name the file as the publisher uploaded it, not its staged name, and
 *  bad-row errors advise params.skip_bad_rows, named in `detail` so a client can offer to retry with it. */
async function naming<T>(src: ResolvedSource | ResolvedSource[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const shown = (text: string) => (Array.isArray(src) ? src : [src]).reduce((t, one) => (one.stored ? t.split(one.stored).join(one.display) : t), text);
    if (e instanceof Error) e.message = shown(e.message);
    if (isAgoraError(e) && typeof e.details.problem === 'string') {
      const problem = shown(e.details.problem);
      e.message = `${problem}${skipAdvice(Number(e.details.rejected ?? 1), SKIP_OPTION)}.`;
      Object.assign(e.details, { problem, detail: { 'params.skip_bad_rows': [problem] } });
    }
    throw e;
  }
}

/** What a publish tells the publisher beyond "ok": files without rows, rows skipped (line and reason). */
/** `skippedByProcessors`: records a processor with skip_on_error left out (record, processor, field, reason). */
export interface PublishReport { warnings: ImportWarning[]; skipped: SkippedRow[]; skippedByProcessors: ImportSummary['skippedByProcessors'] }

function reportOf(s: ImportSummary, sources: ResolvedSource[]): PublishReport {
  const shown = (file: string) => sources.find((x) => x.stored === file)?.display ?? file;
  return {
    warnings: s.warnings.map((w) => ({ ...w, file: shown(w.file), message: sources.reduce((m, x) => (x.stored ? m.split(x.stored).join(x.display) : m), w.message) })),
    skipped: s.skipped.map((r) => ({ ...r, file: shown(r.file) })),
    skippedByProcessors: s.skippedByProcessors,
  };
}

/** Every resource published as one data version (or one append): the first file leads, the others follow its fields. */
function importAll(d: AuthoringDeps, ds: Dataset, sources: ResolvedSource[], mode: 'replace' | 'append', more: Pick<ImportOptions, 'fieldTypes' | 'fieldLayout'>) {
  const [first, ...rest] = sources;
  const read = (s: ResolvedSource) => ({ source: s.source, format: s.format, delimiter: s.delimiter, encoding: s.encoding, sheet: s.sheet, skipBadRows: s.skipBadRows });
  return naming(sources, () => importDataset(d.catalog, { ...read(first!), datasetId: ds.dataset_id, mode, ...more, more: rest.map(read) }));
}

function previewBody(p: Preview, configs: StoredFieldConfig[], datasetId: string): Record<string, unknown> {
  const fates = fieldFates(p.fields.map((f) => f.name), configs, datasetId).filter((f) => !f.deleted);
  const source = new Map(p.fields.map((f) => [f.name, f]));
  return {
    fields: fates.map((f) => {
      const pf = source.get(f.from)!;
      const annotations = annotationList(f.annotations as FieldAnnotations);
      return { name: f.name, label: f.label ?? pf.label, type: pf.type, original_name: pf.original_name, ...(f.description ? { description: f.description } : {}), annotations };
    }),
    records: p.records.map((r) => Object.fromEntries(fates.map((f) => [f.name, r[f.from]]))),
  };
}

async function preview(d: AuthoringDeps, ds: Dataset, spec: ResourceSpec, limit: number): Promise<Record<string, unknown>> {
  const src = await resolveSpec(d, ds, spec);
  const configs = await d.drafts.fieldConfigs(ds.dataset_uid);
  const p = await naming(src, () => previewSource(d.catalog, {
    source: src.source, format: src.format, delimiter: src.delimiter, encoding: src.encoding, sheet: src.sheet, skipBadRows: src.skipBadRows, fieldTypes: typeOverrides(configs), limit,
  }));
  return previewBody(p, configs, ds.dataset_id);
}

/** POST resources/preview/ (an unsaved resource) — edit_dataset; nothing is written. */
export async function previewUnsaved(d: AuthoringDeps, c: Caller, uid: string, body: unknown, limit = 20): Promise<Record<string, unknown>> {
  const ds = datasetFor(d, c, uid, 'edit_dataset');
  return preview(d, ds, parseSpec(body, false), limit);
}

/** GET resources/{resource_uid}/preview/ — nothing is written. */
export async function previewResource(d: AuthoringDeps, c: Caller, uid: string, resourceUid: string, limit = 20): Promise<Record<string, unknown>> {
  const r = await getResource(d, c, uid, resourceUid, 'edit_dataset');
  return preview(d, datasetFor(d, c, uid, 'edit_dataset'), r.body as unknown as ResourceSpec, limit);
}

/** POST publish/ (publish_dataset): loads the resources through the ingest pipeline as ONE new data
 *  version — every file read and matched to the first one's fields before anything is written; on
 *  failure the published data and flags are untouched — with the field
 *  configurations applied (types, renames, deletes and order shape the written table). Without
 *  resources, renames and deletes rewrite the published table and the rest only changes the fields'
 *  description. On a dataset with records whose resources are all marked `append`, those are appended
 *  instead and then removed. Security rules follow renamed fields (see field-rules.ts). Returns the
 *  dataset and rows loaded. */
export async function publishDataset(d: AuthoringDeps, c: Caller, uid: string): Promise<{ dataset: Dataset; rows: number | null; report: PublishReport }> {
  let ds = datasetFor(d, c, uid, 'publish_dataset');
  const resources = await d.drafts.resources(ds.dataset_uid);
  const configs = await d.drafts.fieldConfigs(ds.dataset_uid);
  // The published fields through the configurations: how their names change (the security rules
  // were written for these names), and what a publish without new data applies to them.
  const published = ds.fields.length > 0 ? fieldFates(ds.fields.map((f) => f.name), configs, ds.dataset_id, true) : null;
  let changed = published ? changedNames(published) : new Map<string, string | null>();
  refuseStaleFilters(d.store, ds, changed);
  const shown = rulesShowing(d.store, ds, changed);
  await putVisibleFields(d.store, shown, changed, 'hide');
  let rows: number | null = null;
  let report: PublishReport = { warnings: [], skipped: [], skippedByProcessors: [] };
  let fates = published ?? [];
  let applied = false; // the published data already has the new names
  try {
    // Data loaded without resources (the command line) plus resources all marked `append`: their rows
    // are added to the published data (all of them in one transaction) and the resources dropped, so
    // the dataset again has no resources and a later publish/ leaves its data alone.
    const appendOnly = resources.length > 0 && resources.every((r) => (r.body as unknown as ResourceSpec).append === true) && ds.metas.default.records_count > 0;
    if (appendOnly) {
      const sources = [];
      for (const r of resources) sources.push(await resolveSpec(d, ds, r.body as unknown as ResourceSpec));
      if (published && reshapes(published)) { ds = await reshapePublished(d.catalog, ds, published); applied = true; }
      const fieldLayout = (fields: ReadonlyArray<{ name: string }>) => layoutOf(fieldFates(fields.map((f) => f.name), configs, ds.dataset_id));
      const summary = await importAll(d, ds, sources, 'append', { fieldLayout });
      rows = summary.rowsLoaded;
      report = reportOf(summary, sources);
      for (const r of resources) await d.drafts.deleteResource(ds.dataset_uid, r.uid);
      ds = d.catalog.get(ds.dataset_id);
    } else if (resources.length > 0) {
      const sources = [];
      for (const r of resources) sources.push(await resolveSpec(d, ds, r.body as unknown as ResourceSpec));
      const fieldTypes = typeOverrides(configs);
      if (sources.length > 1) await checkSameFields(d, sources, fieldTypes);
      // The source's fields through the configurations decide the written table; on a dataset never
      // published with fields, the rules were written for the source's names.
      const fieldLayout = (fields: ReadonlyArray<{ name: string }>) => {
        const f = fieldFates(fields.map((x) => x.name), configs, ds.dataset_id);
        if (!published) {
          changed = changedNames(f);
          refuseStaleFilters(d.store, ds, changed);
        }
        fates = f;
        return layoutOf(f);
      };
      const summary = await importAll(d, ds, sources, 'replace', { fieldTypes, fieldLayout });
      rows = summary.rowsLoaded;
      report = reportOf(summary, sources);
      applied = true;
      ds = d.catalog.get(ds.dataset_id);
    } else if (published) {
      for (const f of published) {
        const now = ds.fields.find((x) => x.name === f.from);
        if (f.type && now && now.type !== f.type) throw invalid('fields', `field "${f.from}" is ${now.type}: changing its type to ${f.type} needs the data — add a resource first`);
      }
      if (reshapes(published)) ds = await reshapePublished(d.catalog, ds, published);
    }
  } catch (e) {
    await putVisibleFields(d.store, shown, changed, applied ? 'map' : 'restore');
    throw e;
  }
  if (configs.length > 0) ds = await d.catalog.updateFields(ds.dataset_id, configuredFields(ds.fields, fates));
  await putVisibleFields(d.store, published ? shown : rulesShowing(d.store, ds, changed), changed, 'map');
  if (!ds.is_published) ds = await d.catalog.updateFlags(ds.dataset_id, { is_published: true });
  return { dataset: ds, rows, report };
}

/** Reads every file before writing anything, so a malformed later resource, one with other fields,
 *  or one whose values do not fit the first file's types (a field read with another type is read
 *  again with the first file's) fails while the published data is untouched. */
async function checkSameFields(d: AuthoringDeps, sources: ResolvedSource[], fieldTypes: Record<string, FieldType>): Promise<void> {
  const read = (s: ResolvedSource, types?: Record<string, FieldType>) => naming(s, () => previewSource(d.catalog, {
    source: s.source, format: s.format, delimiter: s.delimiter, encoding: s.encoding, sheet: s.sheet, skipBadRows: s.skipBadRows, fieldTypes: types, limit: 0,
  }));
  const first = await read(sources[0], fieldTypes);
  const firstNames = first.fields.map((f) => f.name);
  const firstTypes: Record<string, FieldType> = Object.fromEntries(first.fields.map((f) => [f.name, f.type]));
  for (const s of sources.slice(1)) {
    const later = await read(s);
    const names = later.fields.map((f) => f.name);
    if (names.join('\u0000') !== firstNames.join('\u0000')) {
      throw new AgoraError('INGEST_SCHEMA_MISMATCH', `${s.display} does not have the fields of ${sources[0].display}: ${names.join(', ')} instead of ${firstNames.join(', ')}.`);
    }
    if (later.fields.some((f) => f.type !== firstTypes[f.name])) await read(s, firstTypes);
  }
}
