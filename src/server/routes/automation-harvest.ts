// Harvesters in the Automation API: ODS's /harvesters/ (list, create, read, update, delete, start,
// abort, publish, unpublish, errors, preview, unsaved_preview, schedules), Agora's
// /harvesters/{uid}/runs/ (the run history), /harvesters/unsaved_preview/ (a new harvester's first run) and
// /harvester_types/ (the types and their options). HTTP wiring only; operations and permission checks in harvest/api.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { ensureHarvest } from '../../harvest/index.ts';
import * as op from '../../harvest/api.ts';
import type { HarvestSource } from '../../harvest/store.ts';
import { callerOf } from '../auth.ts';
import type { Done } from './automation-authoring.ts';

type Q = Record<string, string | undefined>;
type Paginate = (req: FastifyRequest, all: unknown[], q: Q) => Record<string, unknown>;
type HaReq = FastifyRequest<{ Params: { uid: string }; Querystring: Q }>;
type ScReq = FastifyRequest<{ Params: { uid: string; sid: string }; Querystring: Q }>;

export async function registerHarvestRoutes(api: FastifyInstance, ctx: AppContext, done: Done, paginated: Paginate): Promise<void> {
  const h = await ensureHarvest(ctx);
  const body = (s: HarvestSource) => op.sourceBody(h, s);
  api.get('/harvester_types', async (req: HaReq) => paginated(req, op.listTypes(h, callerOf(req)), req.query));
  api.get('/harvesters', async (req: HaReq) => {
    const all = await Promise.all(op.listSources(h, callerOf(req)).map(body));
    return paginated(req, all, req.query);
  });
  api.post('/harvesters', async (req: HaReq, reply) => {
    const s = await op.createSource(h, callerOf(req), req.body);
    await done(req, 'harvester.create', s.uid, { type: s.type, url: s.url, name: s.name });
    return reply.status(201).send(await body(s));
  });
  api.post('/harvesters/unsaved_preview', async (req: HaReq) => op.previewNew(h, callerOf(req), req.body));
  api.get('/harvesters/:uid', async (req: HaReq) => body(op.getSource(h, callerOf(req), req.params.uid)));
  api.put('/harvesters/:uid', async (req: HaReq) => {
    const s = await op.updateSource(h, callerOf(req), req.params.uid, req.body);
    await done(req, 'harvester.update', s.uid, { type: s.type, url: s.url, name: s.name });
    return body(s);
  });
  api.delete('/harvesters/:uid', async (req: HaReq, reply) => {
    const deleted = await op.deleteSource(h, callerOf(req), req.params.uid, req.query.delete_attached_datasets);
    await done(req, 'harvester.delete', req.params.uid, { deleted_datasets: deleted });
    return reply.status(204).send();
  });
  api.post('/harvesters/:uid/start', async (req: HaReq) => {
    const c = callerOf(req);
    const s = op.getSource(h, c, req.params.uid);
    void op.startSource(h, c, s.uid);
    await done(req, 'harvester.start', s.uid);
    return body(s);
  });
  api.post('/harvesters/:uid/abort', async (req: HaReq) => {
    op.abortSource(h, callerOf(req), req.params.uid);
    await done(req, 'harvester.abort', req.params.uid);
    return body(op.getSource(h, callerOf(req), req.params.uid));
  });
  for (const [path, published] of [['publish', true], ['unpublish', false]] as const) {
    api.post(`/harvesters/:uid/${path}`, async (req: HaReq) => {
      const n = await op.publishAttached(h, callerOf(req), req.params.uid, published);
      await done(req, `harvester.${path}`, req.params.uid, { datasets: n });
      return {};
    });
  }
  api.get('/harvesters/:uid/errors', async (req: HaReq) => op.sourceErrors(h, callerOf(req), req.params.uid));
  api.get('/harvesters/:uid/runs', async (req: HaReq) => paginated(req, (await op.listRuns(h, callerOf(req), req.params.uid)).map(op.runBody), req.query));
  api.get('/harvesters/:uid/preview', async (req: HaReq) => op.previewSource(h, callerOf(req), op.getSource(h, callerOf(req), req.params.uid)));
  api.post('/harvesters/:uid/unsaved_preview', async (req: HaReq) => {
    const c = callerOf(req);
    const old = op.getSource(h, c, req.params.uid);
    return op.previewSource(h, c, op.parseSource(req.body, c, old.updated, op.sealer(h), old));
  });
  api.get('/harvesters/:uid/schedules', async (req: HaReq) => {
    const s = op.getSource(h, callerOf(req), req.params.uid);
    return paginated(req, s.schedule ? [op.scheduleBody(s)] : [], req.query);
  });
  api.post('/harvesters/:uid/schedules', async (req: HaReq, reply) => {
    const s = await op.createSchedule(h, callerOf(req), req.params.uid, req.body);
    await done(req, 'harvester.schedule.create', s.uid, { schedule_uid: s.schedule!.uid, cron_schedule: s.schedule!.cron, timezone: s.schedule!.timezone });
    return reply.status(201).send(op.scheduleBody(s));
  });
  api.get('/harvesters/:uid/schedules/:sid', async (req: ScReq) => op.scheduleBody(op.getSchedule(h, callerOf(req), req.params.uid, req.params.sid)));
  api.put('/harvesters/:uid/schedules/:sid', async (req: ScReq) => {
    const s = await op.updateSchedule(h, callerOf(req), req.params.uid, req.params.sid, req.body);
    await done(req, 'harvester.schedule.update', s.uid, { schedule_uid: s.schedule!.uid, cron_schedule: s.schedule!.cron, timezone: s.schedule!.timezone });
    return op.scheduleBody(s);
  });
  api.delete('/harvesters/:uid/schedules/:sid', async (req: ScReq, reply) => {
    await op.deleteSchedule(h, callerOf(req), req.params.uid, req.params.sid);
    await done(req, 'harvester.schedule.delete', req.params.uid, { schedule_uid: req.params.sid });
    return reply.status(204).send();
  });
}
