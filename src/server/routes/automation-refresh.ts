// Scheduled refreshes in the Automation API: ODS's /datasets/{uid}/schedules/ (cron_schedule), and
// Agora's /datasets/{uid}/refresh_runs/ (the run history) and /datasets/{uid}/refresh/ ("refresh
// now"). HTTP wiring only; operations and permission checks in refresh/api.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { ensureRefresh } from '../../refresh/index.ts';
import { createSchedule, deleteSchedule, getSchedule, listRuns, listSchedules, refreshNow, runBody, scheduleBody, updateSchedule } from '../../refresh/api.ts';
import { callerOf } from '../auth.ts';
import type { Done } from './automation-authoring.ts';

type Q = Record<string, string | undefined>;
type Paginate = (req: FastifyRequest, all: unknown[], q: Q) => Record<string, unknown>;
type DsReq = FastifyRequest<{ Params: { uid: string }; Querystring: Q }>;
type ScReq = FastifyRequest<{ Params: { uid: string; sid: string }; Querystring: Q }>;

export async function registerRefreshRoutes(api: FastifyInstance, ctx: AppContext, done: Done, paginated: Paginate): Promise<void> {
  const r = await ensureRefresh(ctx);
  api.get('/datasets/:uid/schedules', async (req: DsReq) => paginated(req, listSchedules(r, callerOf(req), req.params.uid).map((s) => scheduleBody(r, s)), req.query));
  api.post('/datasets/:uid/schedules', async (req: DsReq, reply) => {
    const s = await createSchedule(r, callerOf(req), req.params.uid, req.body);
    await done(req, 'dataset.schedule.create', s.datasetUid, { schedule_uid: s.uid, cron_schedule: s.cron });
    return reply.status(201).send(scheduleBody(r, s));
  });
  api.get('/datasets/:uid/schedules/:sid', async (req: ScReq) => scheduleBody(r, getSchedule(r, callerOf(req), req.params.uid, req.params.sid)));
  api.put('/datasets/:uid/schedules/:sid', async (req: ScReq) => {
    const s = await updateSchedule(r, callerOf(req), req.params.uid, req.params.sid, req.body);
    await done(req, 'dataset.schedule.update', s.datasetUid, { schedule_uid: s.uid, cron_schedule: s.cron });
    return scheduleBody(r, s);
  });
  api.delete('/datasets/:uid/schedules/:sid', async (req: ScReq, reply) => {
    await deleteSchedule(r, callerOf(req), req.params.uid, req.params.sid);
    await done(req, 'dataset.schedule.delete', req.params.uid, { schedule_uid: req.params.sid });
    return reply.status(204).send();
  });
  api.get('/datasets/:uid/refresh_runs', async (req: DsReq) => paginated(req, (await listRuns(r, callerOf(req), req.params.uid)).map(runBody), req.query));
  api.post('/datasets/:uid/refresh', async (req: DsReq) => {
    const run = await refreshNow(r, callerOf(req), req.params.uid);
    await done(req, 'dataset.refresh', req.params.uid, { run_uid: run.uid, outcome: run.outcome });
    return runBody(run);
  });
}
