// Automation API calls for a dataset's scheduled refreshes: its schedules (ODS cron_schedule), the
// run history and "refresh now" (Agora extensions), and whether it has a URL resource to refresh.
import { adminFetch } from './session.ts';
import { AUTOMATION, type Paginated } from './api.ts';

export interface RefreshSchedule { uid: string; cron_schedule: string; next_runs: string[]; created_at: string; created_by: string }
export interface RefreshRun {
  uid: string; trigger: 'schedule' | 'manual'; schedule_uid: string | null; started_at: string; finished_at: string | null;
  outcome: 'running' | 'updated' | 'unchanged' | 'failed'; message: string | null; records_count: number | null; attempts: number;
}

const ds = (uid: string) => `${AUTOMATION}/datasets/${encodeURIComponent(uid)}`;
export const listSchedules = async (uid: string) => (await adminFetch<Paginated<RefreshSchedule>>('GET', `${ds(uid)}/schedules?limit=100`)).results;
export const createSchedule = (uid: string, cron: string) => adminFetch<RefreshSchedule>('POST', `${ds(uid)}/schedules`, { cron_schedule: cron });
export const updateSchedule = (uid: string, sid: string, cron: string) => adminFetch<RefreshSchedule>('PUT', `${ds(uid)}/schedules/${encodeURIComponent(sid)}`, { cron_schedule: cron });
export const deleteSchedule = (uid: string, sid: string) => adminFetch<void>('DELETE', `${ds(uid)}/schedules/${encodeURIComponent(sid)}`);
export const listRuns = async (uid: string) => (await adminFetch<Paginated<RefreshRun>>('GET', `${ds(uid)}/refresh_runs?limit=20`)).results;
export const refreshNow = (uid: string) => adminFetch<RefreshRun>('POST', `${ds(uid)}/refresh`);
export const urlResources = async (uid: string) =>
  (await adminFetch<Paginated<{ uid: string; datasource: { type: string }; display_name: string }>>('GET', `${ds(uid)}/resources?limit=1000`)).results.filter((r) => r.datasource.type === 'http');
