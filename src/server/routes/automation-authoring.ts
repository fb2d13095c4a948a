// The Automation API routes that create and fill datasets without the command line: POST datasets/,
// resources/files/ (multipart upload into the data dir's staging folder), resources/, previews,
// fields/ (ODS field configurations) and publish/. HTTP wiring only; operations in governance/authoring.ts.
import { createWriteStream } from 'node:fs';
import { mkdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AgoraError } from '../../core/errors.ts';
import {
  createDataset, createFieldConfig, createResource, deleteFieldConfig, deleteResource, displayName, fieldConfigBody, fileBody,
  getFieldConfig, getResource, listFieldConfigs, listResources, previewResource, previewUnsaved, publishDataset, resourceBody,
  safeExtension, updateFieldConfig, updateResource, type AuthoringDeps,
} from '../../governance/authoring.ts';
import { datasetBody, datasetFor } from '../../governance/automation.ts';
import { createRealtime, deleteRealtime, findRealtime, isRealtimeBody, listRealtime, renameRealtime, type RealtimeDeps } from '../../governance/realtime.ts';
import { newUid } from '../../governance/drafts.ts';
import { callerOf } from '../auth.ts';

export type Done = (req: FastifyRequest, action: string, target: string, detail?: Record<string, unknown>) => Promise<void>;
type Q = Record<string, string | undefined>;
type Paginate = (req: FastifyRequest, all: unknown[], q: Q) => Record<string, unknown>;

const DEFAULT_MAX_UPLOAD = 512 * 1024 * 1024;

/** AGORA_MAX_UPLOAD: bytes, or a number with K, M or G (binary units); default 512 MB. */
export function maxUploadBytes(value = process.env.AGORA_MAX_UPLOAD): number {
  if (value === undefined || value.trim() === '') return DEFAULT_MAX_UPLOAD;
  const m = /^\s*(\d+)\s*([kmg]?)b?\s*$/i.exec(value);
  if (!m || Number(m[1]) === 0) throw new AgoraError('CONFIG_INVALID', `AGORA_MAX_UPLOAD="${value}" is not a size (e.g. 536870912, 512M or 2G).`);
  const unit: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
  return Number(m[1]) * unit[m[2].toLowerCase()];
}

/** The 413 answer (error_code payload_too_large in the Automation error handler). */
function tooLarge(limit: number): Error {
  const mb = (limit / 1024 / 1024).toFixed(limit < 1024 * 1024 ? 3 : 0);
  return Object.assign(new Error(`The file is larger than the upload limit of ${limit} bytes (${mb} MB, AGORA_MAX_UPLOAD): nothing was stored.`), { statusCode: 413 });
}

function limitOf(q: Q): number {
  const v = q.limit ?? '20';
  if (!/^\d+$/.test(v) || Number(v) > 1000) throw new AgoraError('PARAMETER_INVALID', `Invalid limit: "${v}" (an integer from 0 to 1000)`, { detail: { limit: ['an integer from 0 to 1000'] } });
  return Number(v);
}

type DsReq = FastifyRequest<{ Params: { uid: string }; Querystring: Q }>;
type ItemReq = FastifyRequest<{ Params: { uid: string; item: string }; Querystring: Q }>;

/** Registers the authoring routes inside the Automation API's plugin (its prefix and error bodies). */
export async function registerAuthoringRoutes(api: FastifyInstance, d: AuthoringDeps & RealtimeDeps, dataDir: string, done: Done, paginated: Paginate): Promise<void> {
  const limit = maxUploadBytes();
  const uploads = join(dataDir, 'uploads');
  await api.register(multipart, { limits: { fileSize: limit, files: 1, fields: 20, parts: 21, fieldSize: 64 * 1024 } });

  api.post('/datasets', async (req, reply) => {
    const c = callerOf(req);
    const ds = await createDataset(d, c, req.body);
    await done(req, 'dataset.create', ds.dataset_uid, { dataset_id: ds.dataset_id });
    const grant = c.user ? d.store.findRuleset(ds.dataset_uid, { kind: 'user', username: c.user.username }) : undefined;
    if (grant) await done(req, 'security.user.create', ds.dataset_uid, { user: { username: grant.target.kind === 'user' ? grant.target.username : '' }, permissions: grant.permissions, reason: 'creator of the dataset' });
    return reply.status(201).send(datasetBody(d, ds));
  });

  api.post('/datasets/:uid/resources/files', async (req: DsReq) => {
    const ds = datasetFor(d, callerOf(req), req.params.uid, 'edit_dataset');
    if (!req.isMultipart()) throw new AgoraError('PARAMETER_INVALID', 'Invalid body: expected multipart/form-data with a "file" part.', { detail: { file: ['is required'] } });
    let part;
    try {
      part = await req.file();
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limit);
      throw new AgoraError('PARAMETER_INVALID', `Invalid body: ${(e as Error).message}.`, { detail: { file: ['unreadable multipart body'] } });
    }
    if (!part || part.fieldname !== 'file') throw new AgoraError('PARAMETER_INVALID', 'Invalid body: expected a "file" part.', { detail: { file: ['is required'] } });
    const filename = displayName(part.filename);
    const uid = newUid('fi');
    await mkdir(uploads, { recursive: true });
    const path = join(uploads, uid + safeExtension(filename));
    try {
      await pipeline(part.file, createWriteStream(path, { flags: 'wx' }));
      if (part.file.truncated) throw tooLarge(limit);
    } catch (e) {
      await unlink(path).catch(() => undefined);
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || (e as Error).message === tooLarge(limit).message) throw tooLarge(limit);
      if ((e as { statusCode?: number }).statusCode === 413) throw new AgoraError('PARAMETER_INVALID', 'Invalid body: send exactly one "file" part.', { detail: { file: ['one file only'] } });
      throw e;
    }
    const size = (await stat(path)).size;
    const f = { uid, datasetUid: ds.dataset_uid, filename, mimetype: part.mimetype || null, size, created: new Date().toISOString(), path };
    await d.drafts.addFile(f);
    await done(req, 'dataset.file.upload', ds.dataset_uid, { dataset_id: ds.dataset_id, file_uid: uid, filename, size });
    return fileBody(f);
  });

  api.get('/datasets/:uid/resources/files/:item', async (req: ItemReq) => {
    const ds = datasetFor(d, callerOf(req), req.params.uid, 'any');
    const f = await d.drafts.file(ds.dataset_uid, req.params.item);
    if (!f) throw new AgoraError('ACCOUNT_NOT_FOUND', `No file "${req.params.item}" was uploaded to dataset ${ds.dataset_id}.`);
    return fileBody(f);
  });

  api.get('/datasets/:uid/resources', async (req: DsReq) => {
    const list = await listResources(d, callerOf(req), req.params.uid);
    const files = await Promise.all(list.map((r) => resourceBody(d, r)));
    return paginated(req, [...files, ...listRealtime(d, callerOf(req), req.params.uid)], req.query);
  });
  api.post('/datasets/:uid/resources', async (req: DsReq, reply) => {
    if (isRealtimeBody(req.body)) {
      const body = await createRealtime(d, callerOf(req), req.params.uid, req.body);
      // The push key is in the answer only: never in the audit log.
      await done(req, 'dataset.resource.create', req.params.uid, { resource_uid: body.uid, type: 'realtime', origin: 'realtime' });
      return reply.status(201).send(body);
    }
    const r = await createResource(d, callerOf(req), req.params.uid, req.body);
    const body = await resourceBody(d, r);
    await done(req, 'dataset.resource.create', req.params.uid, { resource_uid: r.uid, type: body.type, origin: (body.origin as { type: string }).type });
    return reply.status(201).send(body);
  });
  api.post('/datasets/:uid/resources/preview', async (req: DsReq) => previewUnsaved(d, callerOf(req), req.params.uid, req.body, limitOf(req.query)));
  api.get('/datasets/:uid/resources/:item', async (req: ItemReq) =>
    findRealtime(d, callerOf(req), req.params.uid, req.params.item) ?? resourceBody(d, await getResource(d, callerOf(req), req.params.uid, req.params.item)));
  api.put('/datasets/:uid/resources/:item', async (req: ItemReq) => {
    if (findRealtime(d, callerOf(req), req.params.uid, req.params.item)) {
      const body = await renameRealtime(d, callerOf(req), req.params.uid, req.params.item, req.body);
      await done(req, 'dataset.resource.update', req.params.uid, { resource_uid: req.params.item });
      return body;
    }
    const r = await updateResource(d, callerOf(req), req.params.uid, req.params.item, req.body);
    await done(req, 'dataset.resource.update', req.params.uid, { resource_uid: r.uid });
    return resourceBody(d, r);
  });
  api.delete('/datasets/:uid/resources/:item', async (req: ItemReq, reply) => {
    if (findRealtime(d, callerOf(req), req.params.uid, req.params.item)) await deleteRealtime(d, callerOf(req), req.params.uid, req.params.item);
    else await deleteResource(d, callerOf(req), req.params.uid, req.params.item);
    await done(req, 'dataset.resource.delete', req.params.uid, { resource_uid: req.params.item });
    return reply.status(204).send();
  });
  api.get('/datasets/:uid/resources/:item/preview', async (req: ItemReq) => previewResource(d, callerOf(req), req.params.uid, req.params.item, limitOf(req.query)));

  api.get('/datasets/:uid/fields', async (req: DsReq) => paginated(req, (await listFieldConfigs(d, callerOf(req), req.params.uid)).map(fieldConfigBody), req.query));
  api.post('/datasets/:uid/fields', async (req: DsReq, reply) => {
    const f = await createFieldConfig(d, callerOf(req), req.params.uid, req.body);
    await done(req, 'dataset.field.create', req.params.uid, fieldConfigBody(f));
    return reply.status(201).send(fieldConfigBody(f));
  });
  api.get('/datasets/:uid/fields/:item', async (req: ItemReq) => fieldConfigBody(await getFieldConfig(d, callerOf(req), req.params.uid, req.params.item)));
  api.put('/datasets/:uid/fields/:item', async (req: ItemReq) => {
    const f = await updateFieldConfig(d, callerOf(req), req.params.uid, req.params.item, req.body);
    await done(req, 'dataset.field.update', req.params.uid, fieldConfigBody(f));
    return fieldConfigBody(f);
  });
  api.delete('/datasets/:uid/fields/:item', async (req: ItemReq, reply) => {
    await deleteFieldConfig(d, callerOf(req), req.params.uid, req.params.item);
    await done(req, 'dataset.field.delete', req.params.uid, { uid: req.params.item });
    return reply.status(204).send();
  });

  api.post('/datasets/:uid/publish', async (req: DsReq) => {
    const { dataset, rows, report } = await publishDataset(d, callerOf(req), req.params.uid);
    await done(req, 'dataset.publish', dataset.dataset_uid, { dataset_id: dataset.dataset_id, ...(rows === null ? {} : { rows_loaded: rows }), ...(report.skipped.length ? { rows_skipped: report.skipped.length } : {}) });
    // Agora extensions beside the ODS "detail", only when there is something to say: files published
    // without rows (`warnings`), rows skipped with params.skip_bad_rows (`skipped_rows`: file, line, reason),
    // records left out by a processor with skip_on_error (`skipped_by_processors`: record, processor, field, reason).
    return { detail: 'ok', ...(report.warnings.length ? { warnings: report.warnings } : {}), ...(report.skipped.length ? { skipped_rows: report.skipped } : {}),
      ...(report.skippedByProcessors.length ? { skipped_by_processors: report.skippedByProcessors } : {}) };
  });
}
