// The Automation API's real-time resource actions (ODS): resources/{uid}/enable/, disable/ and
// renew_api_key/ (the new key is in that answer only); dead_letters/ of an MQTT subscription and
// realtime_settings/ (silence alert, retention; Agora extensions). HTTP wiring; operations in governance/realtime.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  applyRetentionNow, putRealtimeSettings, realtimeDeadLetters, realtimeSettings, renewRealtimeKey, setRealtimeEnabled, type RealtimeDeps,
} from '../../governance/realtime.ts';
import { callerOf } from '../auth.ts';
import type { Done } from './automation-authoring.ts';

type ItemReq = FastifyRequest<{ Params: { uid: string; item: string } }>;
type DsReq = FastifyRequest<{ Params: { uid: string } }>;

export function registerRealtimeRoutes(api: FastifyInstance, d: RealtimeDeps, done: Done): void {
  for (const enabled of [true, false]) {
    api.post(`/datasets/:uid/resources/:item/${enabled ? 'enable' : 'disable'}`, async (req: ItemReq) => {
      const body = await setRealtimeEnabled(d, callerOf(req), req.params.uid, req.params.item, enabled);
      await done(req, enabled ? 'dataset.resource.enable' : 'dataset.resource.disable', req.params.uid, { resource_uid: req.params.item });
      return body;
    });
  }
  api.get('/datasets/:uid/resources/:item/dead_letters', async (req: ItemReq) => {
    const results = await realtimeDeadLetters(d, callerOf(req), req.params.uid, req.params.item);
    return { total_count: results.length, results };
  });
  // A live dataset's silence alert and retention (Agora extensions), and its alerts now active.
  api.get('/datasets/:uid/realtime_settings', async (req: DsReq) => realtimeSettings(d, callerOf(req), req.params.uid));
  api.put('/datasets/:uid/realtime_settings', async (req: DsReq) => {
    const body = await putRealtimeSettings(d, callerOf(req), req.params.uid, req.body);
    await done(req, 'dataset.realtime_settings.update', req.params.uid, { changes: req.body as Record<string, unknown> });
    return body;
  });
  api.post('/datasets/:uid/realtime_settings/apply_retention', async (req: DsReq) => {
    const body = await applyRetentionNow(d, callerOf(req), req.params.uid);
    await done(req, 'dataset.retention.apply', req.params.uid, body);
    return body;
  });
  api.post('/datasets/:uid/resources/:item/renew_api_key', async (req: ItemReq) => {
    const body = await renewRealtimeKey(d, callerOf(req), req.params.uid, req.params.item);
    await done(req, 'dataset.resource.renew_api_key', req.params.uid, { resource_uid: req.params.item });
    return body;
  });
}
