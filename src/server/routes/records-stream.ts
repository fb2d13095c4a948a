// GET /api/explore/v2.1/catalog/datasets/{id}/records/stream: Server-Sent Events of the records that
// match where/refine/exclude (and the caller's access rules, applied in the plan) as they arrive.
// Resumes after Last-Event-ID (header, or last_event_id for clients that cannot set it). HTTP wiring only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { compileRecordStream } from '../../plan/index.ts';
import { recordsQuery, timezoneParam, type QueryString } from '../params.ts';
import { accessRules, visibleDataset } from '../access.ts';
import { AgoraError } from '../../core/errors.ts';
import { StreamHub } from '../live-streams.ts';

const API = '/api/explore/v2.1';
type StreamReq = FastifyRequest<{ Params: { dataset_id: string }; Querystring: QueryString }>;

function resumeFrom(req: StreamReq): number | null {
  const raw = req.headers['last-event-id'] ?? req.query.last_event_id;
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (v === undefined || v === '') return null;
  if (!/^\d{1,15}$/.test(String(v))) throw new AgoraError('PARAMETER_INVALID', `Invalid Last-Event-ID: "${String(v)}" is not a record id (digits).`);
  return Number(v);
}

export async function registerStreamRoutes(app: FastifyInstance, ctx: AppContext): Promise<StreamHub> {
  const hub = new StreamHub(ctx);
  app.addHook('onClose', async () => hub.close());
  app.get(`${API}/catalog/datasets/:dataset_id/records/stream`, async (req: StreamReq, reply) => {
    const ds = visibleDataset(ctx, req, req.params.dataset_id);
    const query = compileRecordStream(ds, recordsQuery(req.query), { mode: 'records', access: accessRules(req, ds), dialect: ctx.dialect });
    const timezone = timezoneParam(req.query);
    let cursor = resumeFrom(req);
    if (cursor === null) {
      const [row] = await ctx.backend.query(query.latest.sql, query.latest.params);
      cursor = Number(row?.hi ?? 0);
    }
    const columns = query.after(0, 1).columns;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no',
    });
    res.write(`retry: 2000\n: streaming ${ds.dataset_id} after record ${cursor}\n\n`);
    hub.add({ datasetId: ds.dataset_id, table: ds.table, query, columns, timezone, cursor, res });
  });
  return hub;
}
