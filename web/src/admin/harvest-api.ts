// Automation API calls of the harvesting back office: the types (harvester_types/), harvesters
// (list, create, read, update, delete, start, abort, publish, unpublish, errors, runs, previews) and the one schedule each.
import { adminFetch } from './session.ts';
import { AUTOMATION, type Paginated } from './api.ts';

export interface HarvesterOption { name: string; label: string; required: boolean; help: string | null }
/** api_key: whether the type takes the remote portal's API key. */
export interface HarvesterType { type: string; label: string; api_key?: boolean; options: HarvesterOption[] }
export interface HarvestSchedule { uid: string; cron_schedule: string; timezone: string; next_runs: string[]; created_at: string }
export type HarvesterStatus = 'new' | 'idle' | 'processing' | 'aborting';

/** The ODS Harvester body; the type's own options are members too (e.g. `where` of an ods harvester). */
export interface Harvester {
  uid: string; type: string; name: string; url: string; status: HarvesterStatus;
  metadata_only: boolean; delete_missing_datasets: boolean; restrict_datasets_visibility: boolean; dataset_id_prefix: string;
  remote_datasets_count: number; harvested_datasets_count: number; published_datasets_count: number; attached_datasets_count: number;
  has_error: boolean; resource_errors_count: number; last_started_at: string | null; last_success_at: string | null;
  updated_by: { username: string }; schedule: HarvestSchedule | null;
  [option: string]: unknown;
}

export interface HarvestRun {
  uid: string; trigger: 'manual' | 'schedule'; schedule_uid: string | null; started_at: string; finished_at: string | null;
  outcome: 'running' | 'done' | 'failed' | 'aborted'; message: string | null; remote_datasets_count: number;
  created: number; updated: number; unchanged: number; removed: number;
  /** Remote id → what went wrong with that dataset. */
  errors: Record<string, string>;
}

export type PreviewAction = 'create' | 'update' | 'unchanged';
export interface HarvestPreview {
  total_count: number;
  results: Array<{ id: string; title: string; description: string; action: PreviewAction; dataset_id: string; remote_url: string | null; formats: string[] }>;
  /** Datasets of earlier runs the source no longer offers: deleted or kept, as the harvester is set. */
  missing: Array<{ id: string; dataset_id: string; action: 'delete' | 'keep' }>;
  duplicates: unknown[];
}

export interface HarvestErrors { harvester: string | null; resources: Record<string, string> }

/** What the add/edit form sends (ODS Harvester settings plus the type's options as members). */
export interface HarvesterSettings {
  type: string; name: string; url: string; metadata_only: boolean; delete_missing_datasets: boolean;
  restrict_datasets_visibility: boolean; dataset_id_prefix: string; options: Record<string, string>;
  /** A new API key ('' keeps the stored one); removeApiKey drops the stored one. */
  api_key: string; removeApiKey: boolean;
}

const ha = (uid: string) => `${AUTOMATION}/harvesters/${encodeURIComponent(uid)}`;

/** The body of a harvester from the form: empty name and options are left out (the server's defaults). */
export function settingsBody(s: HarvesterSettings, type: HarvesterType | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: s.type, url: s.url.trim(), metadata_only: s.metadata_only, delete_missing_datasets: s.delete_missing_datasets,
    restrict_datasets_visibility: s.restrict_datasets_visibility, dataset_id_prefix: s.dataset_id_prefix.trim(),
  };
  if (s.name.trim()) body.name = s.name.trim();
  if (type?.api_key && (s.api_key.trim() || s.removeApiKey)) body.api_key = s.removeApiKey ? null : s.api_key.trim();
  for (const o of type?.options ?? []) body[o.name] = (s.options[o.name] ?? '').trim();
  return body;
}

/** The form's settings of a stored harvester. */
export function settingsOf(h: Harvester, type: HarvesterType | undefined): HarvesterSettings {
  const options: Record<string, string> = {};
  for (const o of type?.options ?? []) options[o.name] = typeof h[o.name] === 'string' ? h[o.name] as string : '';
  return {
    type: h.type, name: h.name, url: h.url, metadata_only: h.metadata_only, delete_missing_datasets: h.delete_missing_datasets,
    restrict_datasets_visibility: h.restrict_datasets_visibility, dataset_id_prefix: h.dataset_id_prefix, options, api_key: '', removeApiKey: false,
  };
}

export const listTypes = async () => (await adminFetch<Paginated<HarvesterType>>('GET', `${AUTOMATION}/harvester_types/?limit=1000`)).results;
export const listHarvesters = async () => (await adminFetch<Paginated<Harvester>>('GET', `${AUTOMATION}/harvesters/?limit=1000`)).results;
export const getHarvester = (uid: string) => adminFetch<Harvester>('GET', `${ha(uid)}/`);
export const createHarvester = (body: Record<string, unknown>) => adminFetch<Harvester>('POST', `${AUTOMATION}/harvesters/`, body);
export const updateHarvester = (uid: string, body: Record<string, unknown>) => adminFetch<Harvester>('PUT', `${ha(uid)}/`, body);
export const deleteHarvester = (uid: string, withDatasets: boolean) => adminFetch<void>('DELETE', `${ha(uid)}/?delete_attached_datasets=${withDatasets}`);
export const startHarvester = (uid: string) => adminFetch<Harvester>('POST', `${ha(uid)}/start/`);
export const abortHarvester = (uid: string) => adminFetch<Harvester>('POST', `${ha(uid)}/abort/`);
export const publishAll = (uid: string, publish: boolean) => adminFetch<unknown>('POST', `${ha(uid)}/${publish ? 'publish' : 'unpublish'}/`);
export const harvesterErrors = (uid: string) => adminFetch<HarvestErrors>('GET', `${ha(uid)}/errors/`);
export const listRuns = async (uid: string, limit = 20) => (await adminFetch<Paginated<HarvestRun>>('GET', `${ha(uid)}/runs/?limit=${limit}`)).results;
export const previewHarvester = (uid: string) => adminFetch<HarvestPreview>('GET', `${ha(uid)}/preview/`);
/** The preview of settings not saved yet: of a new harvester (no uid), or of changes to a stored one. */
export const previewUnsaved = (uid: string | null, body: Record<string, unknown>) =>
  adminFetch<HarvestPreview>('POST', uid ? `${ha(uid)}/unsaved_preview/` : `${AUTOMATION}/harvesters/unsaved_preview/`, body);
export const createSchedule = (uid: string, cron: string, timezone: string) => adminFetch<HarvestSchedule>('POST', `${ha(uid)}/schedules/`, { cron_schedule: cron, timezone });
export const updateSchedule = (uid: string, sid: string, cron: string, timezone: string) =>
  adminFetch<HarvestSchedule>('PUT', `${ha(uid)}/schedules/${encodeURIComponent(sid)}/`, { cron_schedule: cron, timezone });
export const deleteSchedule = (uid: string, sid: string) => adminFetch<void>('DELETE', `${ha(uid)}/schedules/${encodeURIComponent(sid)}/`);
