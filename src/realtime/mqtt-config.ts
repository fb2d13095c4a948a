// An MQTT subscription's settings and how a message becomes a record: the topic template
// (`city/air/{sensor_id}`: captured segments become fields, the filter is `city/air/+`) and JSON paths
// into the payload (`$.pm25`, `$.reading.values[0]`). Pure; errors name the setting that is wrong.
import { invalidParameter as invalid } from '../core/errors.ts';

export interface MqttConfig {
  /** mqtt://, mqtts://, ws:// or wss:// host and port, without credentials. */
  url: string;
  topic: string;
  username: string | null;
  password: string | null;
  /** Field name → JSON path in the payload; null: the payload's keys are the fields. */
  fields: Record<string, string> | null;
  /** 5 (default) or 4 (MQTT 3.1.1, for brokers without MQTT 5). */
  protocolVersion: 4 | 5;
}

export interface TopicTemplate { filter: string; captures: Array<{ segment: number; field: string }> }

const PATH = /^\$((\.[A-Za-z_][A-Za-z0-9_]*)|(\[\d+\]))*$/;

export function parseTopic(topic: string): TopicTemplate {
  if (!topic || topic.length > 500) throw invalid('params.topic', 'expected a topic filter of 1-500 characters');
  const captures: TopicTemplate['captures'] = [];
  const segments = topic.split('/');
  const filter = segments.map((s, i) => {
    const m = /^\{([a-z0-9_]+)\}$/.exec(s);
    if (m) { captures.push({ segment: i, field: m[1] }); return '+'; }
    if (s === '#' && i !== segments.length - 1) throw invalid('params.topic', '"#" may only be the last level');
    if (s !== '+' && s !== '#' && /[+#{}]/.test(s)) throw invalid('params.topic', `level "${s}" mixes a wildcard or {field} with text`);
    return s;
  }).join('/');
  return { filter, captures };
}

export function parseMqttConfig(params: Record<string, unknown>): MqttConfig {
  const str = (k: string, required: boolean): string | null => {
    const v = params[k];
    if (v === undefined || v === null || v === '') { if (required) throw invalid(`params.${k}`, 'is required'); return null; }
    if (typeof v !== 'string') throw invalid(`params.${k}`, 'expected a string');
    return v;
  };
  const url = str('url', true)!;
  let u: URL;
  try { u = new URL(url); } catch { throw invalid('params.url', `"${url}" is not a URL (e.g. mqtt://broker.example:1883)`); }
  if (!['mqtt:', 'mqtts:', 'ws:', 'wss:'].includes(u.protocol)) throw invalid('params.url', 'expected an mqtt://, mqtts://, ws:// or wss:// URL');
  if (u.username || u.password) throw invalid('params.url', 'put the credentials in params.username and params.password, not in the URL');
  const topic = str('topic', true)!;
  parseTopic(topic);
  const fields = params.fields;
  if (fields !== undefined && fields !== null) {
    if (typeof fields !== 'object' || Array.isArray(fields)) throw invalid('params.fields', 'expected an object of field name → JSON path ("$.pm25")');
    for (const [k, p] of Object.entries(fields)) if (typeof p !== 'string' || !PATH.test(p)) throw invalid(`params.fields.${k}`, `"${String(p)}" is not a JSON path such as $.pm25 or $.values[0]`);
  }
  const version = params.protocol_version ?? 5;
  if (version !== 4 && version !== 5) throw invalid('params.protocol_version', 'expected 5 (MQTT 5) or 4 (MQTT 3.1.1)');
  return {
    url: u.href.replace(/\/$/, ''), topic, username: str('username', false), password: str('password', false),
    fields: (fields as Record<string, string> | undefined) ?? null, protocolVersion: version,
  };
}

function at(value: unknown, path: string): unknown {
  let v = value;
  for (const m of path.slice(1).matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = m[1] !== undefined ? (v as Record<string, unknown>)[m[1]] : (v as unknown[])[Number(m[2])];
  }
  return v;
}

/** The record a message gives (before the dataset's type checks), or an Error saying why it gives none. */
export function messageRecord(cfg: MqttConfig, template: TopicTemplate, topic: string, payload: Buffer): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch (e) {
    throw new Error(`the payload is not JSON (${(e as Error).message})`);
  }
  const record: Record<string, unknown> = {};
  if (cfg.fields) {
    for (const [field, path] of Object.entries(cfg.fields)) {
      const v = at(body, path);
      if (v !== undefined) record[field] = v;
    }
  } else {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new Error('the payload is not a JSON object (set params.fields to pick values out of it)');
    Object.assign(record, body);
  }
  const levels = topic.split('/');
  for (const c of template.captures) record[c.field] = levels[c.segment];
  return record;
}
