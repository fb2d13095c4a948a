// Scheduled refreshes through the Automation API: ODS's dataset schedules (`cron_schedule`; list,
// create, read, update, delete) and Agora's run history and "refresh now". Reading needs a right to
// edit the dataset, changing a schedule or refreshing needs publish_dataset. HTTP wiring in server/routes.
import { AgoraError, invalidParameter as invalid } from '../core/errors.ts';
import { isPlainObject } from '../core/types.ts';
import { datasetFor } from '../governance/automation.ts';
import { resourceUrl } from '../governance/authoring.ts';
import { newUid } from '../governance/drafts.ts';
import type { Caller } from '../governance/rules.ts';
import { nextRuns, parseCron } from './cron.ts';
import type { Refreshing } from './index.ts';
import type { Run, Schedule } from './store.ts';

/** ODS DatasetSchedule plus the next three run times (Agora extension). */
export function scheduleBody(r: Refreshing, s: Schedule): Record<string, unknown> {
  return { uid: s.uid, cron_schedule: s.cron, next_runs: nextRuns(s.cron, new Date(r.refresher.d.clock()), 3).map((t) => t.toISOString()), created_at: s.created, created_by: s.owner };
}

export function runBody(run: Run): Record<string, unknown> {
  return {
    uid: run.uid, trigger: run.trigger === 'manual' ? 'manual' : 'schedule', schedule_uid: run.trigger === 'manual' ? null : run.trigger,
    started_at: run.started, finished_at: run.finished, outcome: run.outcome, message: run.message, records_count: run.rows, attempts: run.attempts,
  };
}

function parseBody(body: unknown, uid?: string): string {
  if (!isPlainObject(body)) throw invalid('body', 'expected {"cron_schedule": "…"}');
  for (const k of Object.keys(body)) {
    if (k === 'uid' && (uid === undefined || body.uid === uid)) continue; // ODS clients send the read-only uid back
    if (k !== 'cron_schedule') throw invalid(k, 'unknown key (expected cron_schedule)');
  }
  return parseCron(body.cron_schedule);
}

export function listSchedules(r: Refreshing, c: Caller, uid: string): Schedule[] {
  const ds = datasetFor(r.refresher.d, c, uid, 'any');
  return r.store.schedulesOf(ds.dataset_uid);
}

export function getSchedule(r: Refreshing, c: Caller, uid: string, scheduleUid: string, perm: 'any' | 'publish_dataset' = 'any'): Schedule {
  const ds = datasetFor(r.refresher.d, c, uid, perm);
  const s = r.store.schedulesOf(ds.dataset_uid).find((x) => x.uid === scheduleUid);
  if (!s) throw new AgoraError('ACCOUNT_NOT_FOUND', `No schedule "${scheduleUid}" in dataset ${ds.dataset_id}.`);
  return s;
}

/** A schedule needs a URL resource to refresh from; it runs with the permissions of who sets it. */
export async function createSchedule(r: Refreshing, c: Caller, uid: string, body: unknown): Promise<Schedule> {
  const ds = datasetFor(r.refresher.d, c, uid, 'publish_dataset');
  const cron = parseBody(body);
  const urls = (await r.refresher.d.drafts.resources(ds.dataset_uid)).map(resourceUrl).filter(Boolean);
  if (urls.length === 0) throw invalid('cron_schedule', `dataset ${ds.dataset_id} has no URL resource to refresh: add one (datasource type "http") first`);
  const s: Schedule = { uid: newUid('sc'), datasetUid: ds.dataset_uid, cron, owner: c.user!.username, created: new Date(r.refresher.d.clock()).toISOString() };
  await r.store.putSchedule(s);
  return s;
}

export async function updateSchedule(r: Refreshing, c: Caller, uid: string, scheduleUid: string, body: unknown): Promise<Schedule> {
  const old = getSchedule(r, c, uid, scheduleUid, 'publish_dataset');
  const s: Schedule = { ...old, cron: parseBody(body, old.uid), owner: c.user!.username };
  await r.store.putSchedule(s);
  return s;
}

export async function deleteSchedule(r: Refreshing, c: Caller, uid: string, scheduleUid: string): Promise<void> {
  await r.store.deleteSchedule(getSchedule(r, c, uid, scheduleUid, 'publish_dataset').uid);
}

export async function listRuns(r: Refreshing, c: Caller, uid: string): Promise<Run[]> {
  return r.store.runsOf(datasetFor(r.refresher.d, c, uid, 'any').dataset_uid);
}

/** POST refresh/: runs now as the caller, and answers with the run once it ended. */
export async function refreshNow(r: Refreshing, c: Caller, uid: string): Promise<Run> {
  const ds = datasetFor(r.refresher.d, c, uid, 'publish_dataset');
  return r.refresher.run(ds.dataset_uid, 'manual', c.user!.username);
}
