// Pushed records against a dataset's fields: checks each value's type and turns it into the values of
// the field's physical columns (src/core/physical.ts). Pure; errors name the record's index and the field.
import { AgoraError } from '../core/errors.ts';
import type { Field } from '../core/types.ts';
import { GEO_SUFFIX } from '../core/physical.ts';
import { bbox, geometryOf, geometryProblem, type Geometry } from '../ingest/geo/geometry.ts';

/** A record as stored: physical column name → a JSON value the engine reads with the column's type. */
export type PhysicalRecord = Record<string, string | number | boolean | null>;

/** A date (YYYY-MM-DD) and an ISO 8601 date and time, as pushed values are read (sample.ts infers by them too). */
export const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const NOT_STORED = '; nothing of this push was stored.';

/** A record error's message without the note that nothing was stored (for a sample or an MQTT message). */
export function recordProblem(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.endsWith(NOT_STORED) ? m.slice(0, -NOT_STORED.length) : m;
}

function refuse(index: number, field: string, message: string): AgoraError {
  return new AgoraError('PUSH_RECORD_INVALID', `Record at index ${index}: field "${field}" ${message}${NOT_STORED}`, { record: index, field });
}

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A datetime as an ISO 8601 instant in UTC; a time without an offset is read as UTC. */
function instant(s: string): string | null {
  if (!DATETIME.test(s)) return null;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(s) ? s : `${s}Z`;
  const t = Date.parse(zoned.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** [lat, lon], {lat, lon} ({lon, lat}, or lng) or "lat, lon" → lon/lat, or null when unreadable. */
export function readPoint(v: unknown): { lon: number; lat: number } | null {
  let lat: unknown; let lon: unknown;
  if (Array.isArray(v) && v.length === 2) [lat, lon] = v;
  else if (typeof v === 'string') {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(v);
    if (!m) return null;
    [lat, lon] = [Number(m[1]), Number(m[2])];
  } else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o.type === 'Point' && Array.isArray(o.coordinates)) [lon, lat] = o.coordinates as unknown[];
    else { lat = o.lat; lon = o.lon ?? o.lng; }
  }
  if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return null;
  return { lon, lat };
}

function scalar(field: Field, v: unknown, index: number): string | number | boolean {
  const name = field.name;
  switch (field.type) {
    case 'int':
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw refuse(index, name, `is an int field: ${JSON.stringify(v)} is not an integer`);
      return v;
    case 'double':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw refuse(index, name, `is a double field: ${JSON.stringify(v)} is not a number`);
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') throw refuse(index, name, `is a boolean field: ${JSON.stringify(v)} is not true or false`);
      return v;
    case 'date':
      if (typeof v !== 'string' || !validDate(v)) throw refuse(index, name, `is a date field: ${JSON.stringify(v)} is not a date (YYYY-MM-DD)`);
      return v;
    case 'datetime': {
      const t = typeof v === 'string' ? instant(v) : null;
      if (t === null) throw refuse(index, name, `is a datetime field: ${JSON.stringify(v)} is not an ISO 8601 date and time`);
      return t;
    }
    case 'json_blob':
      return JSON.stringify(v);
    default:
      if (typeof v !== 'string') throw refuse(index, name, `is a text field: ${JSON.stringify(v)} is not a string`);
      return v;
  }
}

/** Checks one pushed record (a JSON object) and gives its physical values; a field left out is null. */
export function toPhysical(fields: readonly Field[], record: unknown, index: number): PhysicalRecord {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new AgoraError('PUSH_RECORD_INVALID', `Record at index ${index} is not a JSON object${NOT_STORED}`, { record: index });
  }
  const byName = new Map(fields.map((f) => [f.name, f]));
  for (const k of Object.keys(record)) {
    if (!byName.has(k)) {
      throw new AgoraError('PUSH_RECORD_INVALID',
        `Record at index ${index}: unknown field "${k}" (the dataset's fields are ${fields.map((f) => f.name).join(', ')})${NOT_STORED}`, { record: index, field: k });
    }
  }
  const out: PhysicalRecord = {};
  const values = record as Record<string, unknown>;
  for (const f of fields) {
    const v = values[f.name];
    const blank = v === undefined || v === null;
    if (f.type === 'geo_point_2d') {
      const p = blank ? null : readPoint(v);
      if (!blank && !p) throw refuse(index, f.name, `is a geo_point_2d field: ${JSON.stringify(v)} is not a point ([lat, lon], {"lat", "lon"} or "lat, lon")`);
      out[f.name + GEO_SUFFIX.lon] = p?.lon ?? null;
      out[f.name + GEO_SUFFIX.lat] = p?.lat ?? null;
    } else if (f.type === 'geo_shape') {
      Object.assign(out, shapeColumns(f.name, blank ? null : v, index));
    } else {
      out[f.name] = blank ? null : scalar(f, v, index);
    }
  }
  return out;
}

function shapeColumns(name: string, v: unknown, index: number): PhysicalRecord {
  const cols = (g: string | null, b: { xmin: number; ymin: number; xmax: number; ymax: number } | null): PhysicalRecord => ({
    [name]: g,
    [name + GEO_SUFFIX.lon]: b ? (b.xmin + b.xmax) / 2 : null, [name + GEO_SUFFIX.lat]: b ? (b.ymin + b.ymax) / 2 : null,
    [name + GEO_SUFFIX.xmin]: b?.xmin ?? null, [name + GEO_SUFFIX.ymin]: b?.ymin ?? null, [name + GEO_SUFFIX.xmax]: b?.xmax ?? null, [name + GEO_SUFFIX.ymax]: b?.ymax ?? null,
  });
  if (v === null) return cols(null, null);
  const g = geometryOf(v);
  const problem = geometryProblem(g);
  if (problem) throw refuse(index, name, `is a geo_shape field: ${problem}`);
  return cols(JSON.stringify(g), bbox(g as Geometry));
}

/** The records of a push body: one object or an array of them (at least one). */
export function recordsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) {
    if (body.length === 0) throw new AgoraError('PUSH_RECORD_INVALID', 'The body is an empty array: push one record (a JSON object) or an array of records.');
    return body;
  }
  if (body === null || typeof body !== 'object') throw new AgoraError('PUSH_RECORD_INVALID', 'The body must be a JSON object (one record) or an array of records.');
  return [body];
}
