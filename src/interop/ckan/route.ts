// HTTP side of the CKAN Action API: GET (query string) and POST (JSON, form or multipart body) on
// /api/3/action/{name} and /api/action/{name}, CKAN's envelope and error statuses, "Bad request"
// for unknown actions and for write actions asked with GET. A multipart file part ("upload", as
// ckanapi sends it) is staged under the data dir's uploads folder; the action that uses it claims
// it, otherwise it is removed when the call ends.
import { createWriteStream } from 'node:fs';
import { mkdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAgoraError } from '../../core/errors.ts';
import { displayName, safeExtension } from '../../governance/authoring.ts';
import { newUid } from '../../governance/drafts.ts';
import type { AppContext } from '../../server/context.ts';
import { handleError } from '../../server/errors.ts';
import { maxUploadBytes } from '../../server/routes/automation-authoring.ts';
import { CKAN_HANDLERS } from './actions.ts';
import { CKAN_ACTIONS } from './actions-list.ts';
import { CkanError, helpUrl } from './envelope.ts';
import type { CkanData } from './params.ts';
import { ckanErrorOf, type CkanUpload } from './write-context.ts';

const WRITES = new Set(CKAN_ACTIONS.filter((a) => a.write).map((a) => a.name));

/** The fields and the one "upload" file of a multipart body (the file staged at `dir`). */
async function multipartData(req: FastifyRequest, dir: string, limit: number, data: CkanData): Promise<CkanUpload | undefined> {
  let upload: CkanUpload | undefined;
  const bad = (msg: string) => new CkanError('Validation Error', `upload: ${msg}`, { upload: [msg] });
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'upload' || upload) { part.file.resume(); throw bad(part.fieldname !== 'upload' ? `unexpected file part "${part.fieldname}": send the file as "upload"` : 'send one file only'); }
        const filename = displayName(part.filename);
        await mkdir(dir, { recursive: true });
        const path = join(dir, newUid('fi') + safeExtension(filename));
        upload = { path, filename, mimetype: part.mimetype || null, size: 0 };
        await pipeline(part.file, createWriteStream(path, { flags: 'wx' }));
        if (part.file.truncated) throw bad(`The file is larger than the upload limit of ${limit} bytes (AGORA_MAX_UPLOAD): nothing was stored.`);
        upload.size = (await stat(path)).size;
      } else {
        const v = String(part.value);
        const prev = data[part.fieldname];
        data[part.fieldname] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
    }
  } catch (e) {
    if (upload) await unlink(upload.path).catch(() => undefined);
    if (e instanceof CkanError) throw e;
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw bad(`The file is larger than the upload limit of ${limit} bytes (AGORA_MAX_UPLOAD): nothing was stored.`);
    throw bad(`unreadable multipart body (${(e as Error).message})`);
  }
  return upload;
}

async function handle(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, limit: number): Promise<unknown> {
  const { action } = req.params as { action: string };
  const handler = Object.hasOwn(CKAN_HANDLERS, action) ? CKAN_HANDLERS[action] : undefined;
  reply.type('application/json; charset=utf-8');
  if (!handler) return reply.status(400).send(JSON.stringify(`Bad request - Action name not known: ${action}`));
  if (req.method !== 'POST' && WRITES.has(action)) return reply.status(400).send(JSON.stringify('Bad request - JSON Error: Invalid request. Please use POST method for your request'));
  const help = helpUrl(ctx.config.baseUrl, action);
  let data: CkanData;
  let upload: CkanUpload | undefined;
  try {
    if (req.method === 'POST' && req.isMultipart()) {
      data = { ...(req.query as CkanData) };
      upload = await multipartData(req, join(ctx.config.dataDir, 'uploads'), limit, data);
      if (upload) data.upload = upload;
    } else if (req.method === 'POST') {
      if (req.body !== undefined && (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))) {
        return reply.status(400).send(JSON.stringify('Bad request - JSON Error: Request data JSON decoded to a non-dictionary but it needs to be a dictionary.'));
      }
      data = { ...(req.query as CkanData), ...((req.body as CkanData | undefined) ?? {}) };
    } else data = { ...(req.query as CkanData) };
    delete data.callback;
    // An upload only comes from a file part: a text field of that name is not a file.
    if (!upload && typeof data.upload === 'object' && data.upload !== null) delete data.upload;
    const result = await handler(ctx, req, data);
    return reply.send({ help, success: true, result });
  } catch (e) {
    // The read actions name the query in a bad value (as before); the writes name their parameter.
    const err = isAgoraError(e) && e.status === 400 && !WRITES.has(action) ? new CkanError('Validation Error', e.message, { query: [e.message] }) : ckanErrorOf(e, action);
    if (!err) throw e;
    return reply.status(err.status).send({ help, success: false, error: err.body() });
  } finally {
    if (upload && !upload.claimed) await unlink(upload.path).catch(() => undefined);
  }
}

/** An HTML-form body (CKAN also accepts those) as parameters; a repeated key becomes a list. */
export function formFields(body: string): CkanData {
  const out: CkanData = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export async function registerCkanRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // An encapsulated scope, so the form-body parser applies to the CKAN routes only.
  const limit = maxUploadBytes();
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: limit, files: 1, fields: 50, parts: 51, fieldSize: 1024 * 1024 } });
    // A refusal before the action runs (a bad key: 401) in CKAN's body, so CKAN clients read it as NotAuthorized.
    scope.setErrorHandler((err, req, reply) => {
      if (isAgoraError(err) && (err.status === 401 || err.status === 403)) {
        const { action } = (req.params ?? {}) as { action?: string };
        reply.status(err.status).type('application/json; charset=utf-8')
          .send({ help: helpUrl(ctx.config.baseUrl, action ?? ''), success: false, error: { __type: 'Authorization Error', message: `Access denied: ${err.message}` } });
        return;
      }
      handleError(err as Error, req, reply);
    });
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => {
      done(null, formFields(String(body)));
    });
    for (const prefix of ['/api/3/action', '/api/action']) {
      scope.get(`${prefix}/:action`, (req, reply) => handle(ctx, req, reply, limit));
      scope.post(`${prefix}/:action`, (req, reply) => handle(ctx, req, reply, limit));
    }
    scope.get('/api/3', async () => ({ version: 3 }));
  });
}
