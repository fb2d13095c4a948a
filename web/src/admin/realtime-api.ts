// Automation API calls for a dataset's real-time resources (push API and MQTT subscriptions):
// list, create, enable/disable, renew the push key, delete, and an MQTT subscription's dead letters.
import { adminFetch } from './session.ts';
import { AUTOMATION, type Paginated } from './api.ts';

export interface RealtimeResource {
  uid: string; type: 'realtime' | 'mqtt' | string; title: string; enabled?: boolean;
  push_url?: string; delete_url?: string; push_key_hint?: string; push_key?: string;
  params: { url?: string; topic?: string; username?: string | null; fields?: Record<string, string> | null; password_set?: boolean };
  status?: { connected: boolean; received: number; malformed: number; last_error: string | null };
}
export interface DeadLetter { received: string; topic: string; payload: string; error: string }

const base = (uid: string) => `${AUTOMATION}/datasets/${encodeURIComponent(uid)}/resources`;
export const isRealtime = (r: { type: string }) => r.type === 'realtime' || r.type === 'mqtt';

export const listRealtime = async (uid: string) =>
  (await adminFetch<Paginated<RealtimeResource>>('GET', `${base(uid)}?limit=1000`)).results.filter(isRealtime);
export const createRealtime = (uid: string, body: Record<string, unknown>) => adminFetch<RealtimeResource>('POST', base(uid), body);
export const setRealtimeEnabled = (uid: string, r: string, on: boolean) => adminFetch<RealtimeResource>('POST', `${base(uid)}/${r}/${on ? 'enable' : 'disable'}`);
export const renewPushKey = (uid: string, r: string) => adminFetch<RealtimeResource>('POST', `${base(uid)}/${r}/renew_api_key`);
export const deleteRealtime = (uid: string, r: string) => adminFetch<void>('DELETE', `${base(uid)}/${r}`);
export const deadLetters = async (uid: string, r: string) => (await adminFetch<Paginated<DeadLetter>>('GET', `${base(uid)}/${r}/dead_letters`)).results;

export interface LiveSettings {
  silence_minutes: number | null; sensor_field: string | null; retention_days: number | null; time_field: string | null; downsample_hourly: boolean;
  alerts: Array<{ sensor: string | null; last_record: string; raised: string; minutes: number }>;
  choices: { sensor_field: string[]; time_field: string[] };
}
const settingsUrl = (uid: string) => `${AUTOMATION}/datasets/${encodeURIComponent(uid)}/realtime_settings`;
export const getLiveSettings = (uid: string) => adminFetch<LiveSettings>('GET', settingsUrl(uid));
export const putLiveSettings = (uid: string, body: Partial<LiveSettings>) => adminFetch<LiveSettings>('PUT', settingsUrl(uid), body);
export const applyRetention = (uid: string) => adminFetch<{ records_deleted: number; records_added: number }>('POST', `${settingsUrl(uid)}/apply_retention`);
