// The ODS-compatible push API: /api/push/1.0/{dataset_id}/{resource_id}/push/ (one record or an array),
// …/delete/ (records by value) and …/{record_id}/delete/, authorised by ?pushkey=. HTTP wiring, and the
// audit of what was pushed: one `records.push` entry per dataset, resource, action and minute (folded).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AgoraError, isAgoraError } from '../../core/errors.ts';
import { handleError } from '../errors.ts';
import { ensureAudit } from '../../governance/index.ts';
import { FoldedAudit } from '../refusals.ts';

export const PUSH = '/api/push/1.0';
/** The largest push body (ODS's limit). */
export const PUSH_BODY_LIMIT = 5 * 1024 * 1024;

type PushReq = FastifyRequest<{ Params: { dataset_id: string; resource_id: string; record_id?: string }; Querystring: { pushkey?: string } }>;

/** Push error bodies: {"status": "error", "error_code", "message"} plus the record index and field when a record is wrong. */
function pushError(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') err = new AgoraError('PUSH_TOO_LARGE', `The body is larger than the push limit of ${PUSH_BODY_LIMIT} bytes (5 MB): nothing of it was stored; send the records in smaller arrays.`);
  if (!isAgoraError(err)) return handleError(err, req, reply);
  const { record, field } = err.details as { record?: number; field?: string };
  reply.status(err.status).send({
    status: 'error', error_code: err.odsCode, message: err.message,
    ...(record !== undefined ? { record } : {}), ...(field !== undefined ? { field } : {}),
  });
}

export async function registerPushRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (api) => {
    api.setErrorHandler(pushError);
    // Any content type is read as JSON (`curl -d` sends form-urlencoded); errors name where the JSON breaks.
    api.removeAllContentTypeParsers();
    api.addContentTypeParser('*', { parseAs: 'string', bodyLimit: PUSH_BODY_LIMIT }, (_req, text, done) => {
      try {
        done(null, JSON.parse(String(text)));
      } catch (e) {
        done(new AgoraError('PUSH_RECORD_INVALID', `The body is not valid JSON (${(e as Error).message}); nothing was stored.`), undefined);
      }
    });
    const rt = ctx.realtime;
    const ok = { status: 'OK' };
    const audit = new FoldedAudit(await ensureAudit(ctx));
    api.addHook('onClose', async () => { await audit.settled(); });
    /** Written after the records are stored; the key itself never goes to the log, only its resource. */
    const noted = (req: PushReq, action: 'push' | 'delete', records: number) => {
      const { dataset_id, resource_id } = req.params;
      audit.note(req, {
        actor: `pushkey:${resource_id}`, action: 'records.push', target: ctx.catalog.find(dataset_id)?.dataset_uid ?? dataset_id, kind: action,
        detail: { dataset_id, resource_id, action }, records,
      });
    };
    const countOf = (body: unknown) => (Array.isArray(body) ? body.length : 1);
    api.post('/:dataset_id/:resource_id/push', async (req: PushReq) => {
      await rt.push(req.params.dataset_id, req.params.resource_id, req.query.pushkey, req.body);
      noted(req, 'push', countOf(req.body));
      return ok;
    });
    api.post('/:dataset_id/:resource_id/delete', async (req: PushReq) => {
      await rt.deleteByValues(req.params.dataset_id, req.params.resource_id, req.query.pushkey, req.body);
      noted(req, 'delete', countOf(req.body));
      return ok;
    });
    api.get('/:dataset_id/:resource_id/:record_id/delete', async (req: PushReq) => {
      await rt.deleteById(req.params.dataset_id, req.params.resource_id, req.query.pushkey, req.params.record_id ?? '');
      noted(req, 'delete', 1);
      return ok;
    });
  }, { prefix: PUSH });
}
