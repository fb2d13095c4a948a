// Real-time resources through the Automation API: create one (a sample record fixes the fields of a
// dataset that has none), rename, enable, disable, renew its push key, delete; alert and retention settings,
// and silence alerts to the audit log and by e-mail. Permission checks live here.
import type { Dataset } from '../core/types.ts';
import { newRecordTable } from '../catalog/index.ts';
import { emptyRecordTableSql } from '../ingest/index.ts';
import { fieldsFromSample, parseMqttConfig, parseSettings, recordProblem, settingsBody, toPhysical, type AlertEvent, type Realtime, type RealtimeResource } from '../realtime/index.ts';
import type { AuditLog } from './audit.ts';
import { esc, type MailMessage } from './mail.ts';
import { operatorMail } from './operator-mail.ts';
import { refusePrivateAddress } from './authoring.ts';
import { datasetFor, type AutomationDeps } from './automation.ts';
import type { Caller } from './rules.ts';
import { isPlainObject as isObject } from '../core/types.ts';
import { invalidParameter as invalid } from '../core/errors.ts';

export interface RealtimeDeps extends AutomationDeps { realtime: Realtime; baseUrl: string }

/** The resource as the Automation API shows it; `pushKey` only right after it was made (shown once). */
export function realtimeBody(d: RealtimeDeps, ds: Dataset, r: RealtimeResource, pushKey?: string): Record<string, unknown> {
  const push = `${d.baseUrl}/api/push/1.0/${encodeURIComponent(ds.dataset_id)}/${r.uid}`;
  const m = r.mqtt;
  const st = m ? d.realtime.mqttStatus(r.uid) : null;
  return {
    uid: r.uid, type: m ? 'mqtt' : 'realtime', title: r.title, display_name: m ? `${m.url} ${m.topic}` : r.title,
    extraction_infos: m ? { label: 'MQTT', type: 'mqtt' } : { label: 'Realtime', type: 'realtime' },
    origin: m ? { label: 'MQTT broker', type: 'mqtt' } : { label: 'Push API', type: 'realtime' },
    updated_at: r.updated,
    // The password is never shown: only whether one is set.
    params: m ? { url: m.url, topic: m.topic, username: m.username, fields: m.fields, protocol_version: m.protocolVersion, password_set: m.passwordSet } : {},
    datasource: { type: m ? 'mqtt' : 'realtime' },
    ...(m ? { status: { connected: st?.connected ?? false, received: st?.received ?? 0, malformed: st?.malformed ?? 0, last_error: st?.lastError ?? null } } : {}),
    // Agora extensions: the push endpoints, whether pushes are accepted, and the key (once) or its last characters.
    enabled: r.enabled, push_url: `${push}/push/`, delete_url: `${push}/delete/`, push_key_hint: `…${r.keyHint}`,
    ...(pushKey ? { push_key: pushKey } : {}),
  };
}

export function isRealtimeBody(body: unknown): boolean {
  return isObject(body) && (body.type === 'realtime' || body.type === 'mqtt');
}

const MQTT_PARAMS = ['url', 'topic', 'username', 'password', 'fields', 'protocol_version'];

function parseTitle(body: Record<string, unknown>): string {
  if (typeof body.title !== 'string' || !body.title.trim()) throw invalid('title', 'expected a non-empty string');
  return body.title.trim().slice(0, 200);
}

/** POST resources/ with {"type": "realtime", "title", "params": {"sample_record", "field_types"}} (edit_dataset),
 *  or {"type": "mqtt", "params": {"url", "topic", "username", "password", "fields", "sample_record", …}}. */
export async function createRealtime(d: RealtimeDeps, c: Caller, uid: string, body: unknown): Promise<Record<string, unknown>> {
  let ds = datasetFor(d, c, uid, 'edit_dataset');
  if (!isObject(body)) throw invalid('body', 'expected a Resource object');
  const known = new Set(['type', 'title', 'params', 'datasource']);
  for (const k of Object.keys(body)) if (!known.has(k)) throw invalid(k, 'unknown key');
  const title = parseTitle(body);
  const params = body.params ?? {};
  if (!isObject(params)) throw invalid('params', 'expected an object');
  const isMqtt = body.type === 'mqtt';
  const allowed = ['sample_record', 'field_types', ...(isMqtt ? MQTT_PARAMS : [])];
  for (const k of Object.keys(params)) if (!allowed.includes(k)) throw invalid(`params.${k}`, `unknown key (expected ${allowed.join(', ')})`);
  if (body.datasource !== undefined && !(isObject(body.datasource) && body.datasource.type === body.type)) throw invalid('datasource', `expected {"type": "${String(body.type)}"} or nothing`);
  const mqtt = isMqtt ? parseMqttConfig(params) : null;
  if (mqtt) await refusePrivateAddress(mqtt.url.replace(/^(mqtt|ws)s?:/, 'http:'), 'params.url');
  if (ds.fields.length === 0) {
    if (params.sample_record === undefined) throw invalid('params.sample_record', 'the dataset has no fields yet: give one sample record (not stored) to fix them');
    const fields = fieldsFromSample(params.sample_record, params.field_types ?? {});
    const table = newRecordTable(ds.dataset_id);
    await d.catalog.backend.write((tx) => tx.exec(emptyRecordTableSql(table, fields)));
    ds = await d.catalog.publishVersion({ datasetId: ds.dataset_id, table, fields, recordsCount: 0, mode: 'replace' });
  } else if (params.sample_record !== undefined) {
    if (params.field_types !== undefined) throw invalid('params.field_types', 'the dataset already has fields: change their types with field configurations');
    try { toPhysical(ds.fields, params.sample_record, 0); } catch (e) { throw invalid('params.sample_record', recordProblem(e)); }
  }
  const { resource, pushKey } = await d.realtime.addResource(ds.dataset_uid, title, mqtt);
  return realtimeBody(d, ds, resource, pushKey);
}

export function listRealtime(d: RealtimeDeps, c: Caller, uid: string): Array<Record<string, unknown>> {
  const ds = datasetFor(d, c, uid, 'any');
  return d.realtime.resources.list(ds.dataset_uid).map((r) => realtimeBody(d, ds, r));
}

/** The real-time resource `item` of the dataset, or undefined when `item` is another kind of resource. */
export function findRealtime(d: RealtimeDeps, c: Caller, uid: string, item: string): Record<string, unknown> | undefined {
  const ds = datasetFor(d, c, uid, 'any');
  const r = d.realtime.resources.find(ds.dataset_uid, item);
  return r && realtimeBody(d, ds, r);
}

export async function renameRealtime(d: RealtimeDeps, c: Caller, uid: string, item: string, body: unknown): Promise<Record<string, unknown>> {
  const ds = datasetFor(d, c, uid, 'edit_dataset');
  if (!isObject(body)) throw invalid('body', 'expected a Resource object');
  const r = await d.realtime.resources.rename(ds.dataset_uid, item, parseTitle(body));
  return realtimeBody(d, ds, r);
}

export async function setRealtimeEnabled(d: RealtimeDeps, c: Caller, uid: string, item: string, enabled: boolean): Promise<Record<string, unknown>> {
  const ds = datasetFor(d, c, uid, 'edit_dataset');
  return realtimeBody(d, ds, await d.realtime.setEnabled(ds.dataset_uid, item, enabled));
}

export async function renewRealtimeKey(d: RealtimeDeps, c: Caller, uid: string, item: string): Promise<Record<string, unknown>> {
  const ds = datasetFor(d, c, uid, 'edit_dataset');
  const { resource, pushKey } = await d.realtime.resources.renewKey(ds.dataset_uid, item);
  return realtimeBody(d, ds, resource, pushKey);
}

export async function deleteRealtime(d: RealtimeDeps, c: Caller, uid: string, item: string): Promise<void> {
  const ds = datasetFor(d, c, uid, 'edit_dataset');
  await d.realtime.removeResource(ds.dataset_uid, item);
}

/** GET resources/{uid}/dead_letters/ (Agora): the newest messages of an MQTT subscription that gave no record, and why. */
export async function realtimeDeadLetters(d: RealtimeDeps, c: Caller, uid: string, item: string): Promise<Array<Record<string, unknown>>> {
  const ds = datasetFor(d, c, uid, 'any');
  const r = d.realtime.resources.get(ds.dataset_uid, item);
  return d.realtime.deadLetters(r.uid) as unknown as Promise<Array<Record<string, unknown>>>;
}

// ---- alerts and retention settings (Agora extensions) ----

/** GET realtime_settings/: the silence alert and retention settings, with the alerts now active. */
export function realtimeSettings(d: RealtimeDeps, c: Caller, uid: string): Record<string, unknown> {
  const ds = datasetFor(d, c, uid, 'any');
  const named = (types: string[]) => ds.fields.filter((f) => types.includes(f.type)).map((f) => f.name);
  return {
    ...settingsBody(d.realtime.settingsOf(ds.dataset_uid)), alerts: alertsBody(d, ds.dataset_uid),
    // The fields each setting may name, for forms.
    choices: { sensor_field: named(['text', 'int']), time_field: named(['datetime', 'date']) },
  };
}

export async function putRealtimeSettings(d: RealtimeDeps, c: Caller, uid: string, body: unknown): Promise<Record<string, unknown>> {
  const ds = datasetFor(d, c, uid, 'edit_dataset');
  await d.realtime.putSettings(ds.dataset_uid, parseSettings(ds, body, d.realtime.settingsOf(ds.dataset_uid)));
  return realtimeSettings(d, c, uid);
}

export async function applyRetentionNow(d: RealtimeDeps, c: Caller, uid: string): Promise<Record<string, unknown>> {
  const ds = datasetFor(d, c, uid, 'edit_dataset');
  const s = d.realtime.settingsOf(ds.dataset_uid);
  if (s.retentionDays === null) throw invalid('retention_days', 'the dataset has no retention: set retention_days and time_field in realtime_settings/');
  const r = await d.realtime.retain(ds.dataset_uid);
  return { records_deleted: r.deleted, records_added: r.inserted };
}

function alertsBody(d: RealtimeDeps, datasetUid: string): Array<Record<string, unknown>> {
  return d.realtime.alerts(datasetUid).map((a) => ({ sensor: a.sensor, last_record: a.lastSeen, raised: a.raised, minutes: a.minutes }));
}

/** The text of a silence alert or its end, for the e-mail (English: the portal's operators read it). */
export function alertMessage(e: AlertEvent, portal: string, link: string): MailMessage {
  const a = e.alert;
  const what = a.sensor === null ? `dataset ${a.datasetId}` : `sensor "${a.sensor}" of dataset ${a.datasetId}`;
  const subject = e.kind === 'raised' ? `[${portal}] No data from ${what} for ${a.minutes} minutes` : `[${portal}] Data again from ${what}`;
  const text = e.kind === 'raised'
    ? `No record has arrived from ${what} since ${a.lastSeen} (the alert is set at ${a.minutes} minutes).\n\nThe dataset: ${link}\n`
    : `Records arrive again from ${what} (silent since ${a.lastSeen}).\n\nThe dataset: ${link}\n`;
  return { subject, text, html: `<p>${esc(text.split('\n\n')[0])}</p><p><a href="${esc(link)}">${esc(link)}</a></p>` };
}

/** Silence alerts go to the audit log and, when a mail server is set, to the admins' addresses and AGORA_ALERT_EMAIL. */
export function wireSilenceAlerts(d: RealtimeDeps, audit: AuditLog, env: NodeJS.ProcessEnv, portal: () => string): void {
  const mail = operatorMail(d.store, audit, env, d.baseUrl, portal);
  d.realtime.onAlert(async (e) => {
    const a = e.alert;
    await audit.record({ actor: 'system', action: e.kind === 'raised' ? 'realtime.silence' : 'realtime.silence_resolved', target: a.datasetUid, detail: { dataset_id: a.datasetId, sensor: a.sensor, last_record: a.lastSeen, minutes: a.minutes }, ip: null });
    const link = `${d.baseUrl}/admin/datasets/${encodeURIComponent(a.datasetUid)}`;
    await mail?.(alertMessage(e, portal(), link), a.datasetUid, 'realtime.silence.mail_failed');
  });
}
