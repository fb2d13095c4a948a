// Reuses over HTTP: GET /api/agora/v1/reuses (approved ones, ?dataset_id=, ?mine=true for the caller's
// own), GET …/reuses/moderation (what the caller may moderate, ?status=), GET …/reuses/{uid}, POST
// …/reuses (submit), POST …/{uid}/approve and …/{uid}/reject, DELETE …/{uid}. Every change is in the
// audit log. HTTP wiring only; operations and permission checks in community/reuses/api.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AgoraError } from '../../core/errors.ts';
import { actorOf, ensureAudit } from '../../governance/index.ts';
import {
  REUSE_STATUSES, approveReuse, deleteReuse, descriptionHtml, ensureReuses, getReuse, listReuses, moderationQueue, rejectReuse, reuseBody, submitReuse,
  type Reuse, type ReuseStatus,
} from '../../community/reuses/index.ts';
import { callerOf } from '../auth.ts';

export const REUSES_API = '/api/agora/v1/reuses';
/** A reuse body is a few KB at most (10,000 characters of description): anything far larger is refused whole. */
const BODY_LIMIT = 64 * 1024;

type Q = Record<string, string | undefined>;
type Req = FastifyRequest<{ Querystring: Q }>;
type UidReq = FastifyRequest<{ Params: { uid: string }; Querystring: Q }>;

function page(q: Q): { limit: number; offset: number } {
  const num = (name: string, dflt: number, max: number) => {
    const v = q[name];
    if (v === undefined || v === '') return dflt;
    if (!/^\d+$/.test(v) || Number(v) > max) throw new AgoraError('PARAMETER_INVALID', `Invalid ${name}: "${v}" (an integer from 0 to ${max})`, { detail: { [name]: [`an integer from 0 to ${max}`] } });
    return Number(v);
  };
  return { limit: num('limit', 20, 100), offset: num('offset', 0, Number.MAX_SAFE_INTEGER) };
}

function flag(q: Q, name: string): boolean {
  const v = q[name];
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  throw new AgoraError('PARAMETER_INVALID', `Invalid ${name}: "${v}" (true or false)`, { detail: { [name]: ['true or false'] } });
}

export async function registerReuseRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const d = await ensureReuses(ctx);
  const audit = await ensureAudit(ctx);
  const body = (req: FastifyRequest, r: Reuse) => reuseBody(d, callerOf(req), r, descriptionHtml);
  const list = (req: Req, all: Reuse[]) => {
    const { limit, offset } = page(req.query);
    return { total_count: all.length, results: all.slice(offset, offset + limit).map((r) => body(req, r)) };
  };
  const done = async (req: FastifyRequest, action: string, r: Reuse, detail: Record<string, unknown> = {}) => {
    const c = callerOf(req);
    const base = { title: r.title, url: r.url, dataset_uids: r.datasetUids, ...detail };
    await audit.record({ actor: actorOf(c.user), action, target: r.uid, detail: c.key ? { ...base, key_id: c.key.keyId } : base, ip: req.ip });
  };
  const personal = (reply: { header: (k: string, v: string) => unknown }) => reply.header('Cache-Control', 'private, no-store');

  app.get(REUSES_API, async (req: Req, reply) => {
    const mine = flag(req.query, 'mine');
    if (mine) personal(reply);
    return list(req, await listReuses(d, callerOf(req), { datasetId: req.query.dataset_id, mine }));
  });
  app.get(`${REUSES_API}/moderation`, async (req: Req, reply) => {
    const s = req.query.status ?? 'pending';
    if (s !== 'all' && !(REUSE_STATUSES as readonly string[]).includes(s)) {
      throw new AgoraError('PARAMETER_INVALID', `Invalid status: "${s}" (pending, approved, rejected or all)`, { detail: { status: ['pending, approved, rejected or all'] } });
    }
    personal(reply);
    return list(req, await moderationQueue(d, callerOf(req), s as ReuseStatus | 'all'));
  });
  app.get(`${REUSES_API}/:uid`, async (req: UidReq, reply) => {
    const r = await getReuse(d, callerOf(req), req.params.uid);
    if (r.status !== 'approved') personal(reply);
    return body(req, r);
  });
  app.post(REUSES_API, { bodyLimit: BODY_LIMIT }, async (req: Req, reply) => {
    const r = await submitReuse(d, callerOf(req), req.body);
    await done(req, 'reuse.submit', r);
    return reply.status(201).send(body(req, r));
  });
  app.post(`${REUSES_API}/:uid/approve`, async (req: UidReq) => {
    const r = await approveReuse(d, callerOf(req), req.params.uid);
    await done(req, 'reuse.approve', r);
    return body(req, r);
  });
  app.post(`${REUSES_API}/:uid/reject`, { bodyLimit: BODY_LIMIT }, async (req: UidReq) => {
    const r = await rejectReuse(d, callerOf(req), req.params.uid, req.body);
    await done(req, 'reuse.reject', r, { reason: r.rejectReason });
    return body(req, r);
  });
  app.delete(`${REUSES_API}/:uid`, async (req: UidReq, reply) => {
    const r = await deleteReuse(d, callerOf(req), req.params.uid);
    await done(req, 'reuse.delete', r, { status: r.status, submitted_by: r.submittedBy });
    return reply.status(204).send();
  });
}
