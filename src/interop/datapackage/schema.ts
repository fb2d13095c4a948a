// Table Schema for an export: our field types mapped to Frictionless types, with the textual
// forms the CSV must then use (geopoint "lon, lat", UTC datetimes, NaN/INF), constraints observed
// on the exported rows (required, minimum, maximum) and the missing-value marker.
import type { ResultColumn } from '../../core/request.ts';
import type { Dataset, FieldType } from '../../core/types.ts';
import { toGeoPoint, formatDate } from '../../server/respond/values.ts';
import { plainText } from '../metas-read.ts';

export const MISSING = '';

const TYPE: Record<FieldType, { type: string; format?: string }> = {
  text: { type: 'string' }, int: { type: 'integer' }, double: { type: 'number' }, boolean: { type: 'boolean' },
  date: { type: 'date' }, datetime: { type: 'datetime' }, geo_point_2d: { type: 'geopoint' },
  geo_shape: { type: 'geojson' }, json_blob: { type: 'any' }, file: { type: 'object' },
};

/** Datetimes in the Table Schema default form: UTC, second precision, literal Z. */
export function utcDatetime(d: Date): string { return d.toISOString().replace(/\.\d{3}Z$/, 'Z'); }

export function tableNumber(n: number): string { return Number.isNaN(n) ? 'NaN' : n === Infinity ? 'INF' : n === -Infinity ? '-INF' : String(n); }

/** A row value rewritten as the text the Table Schema type expects; null stays null (missing). */
export function tableValue(v: unknown, type: FieldType): unknown {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'geo_point_2d': { const p = toGeoPoint(v); return p ? `${p.lon}, ${p.lat}` : null; }
    case 'datetime': return v instanceof Date ? utcDatetime(v) : v;
    case 'double': return typeof v === 'number' ? tableNumber(v) : v;
    default: return v;
  }
}

/** The column type the CSV renderer should format the rewritten value as. */
export function csvType(type: FieldType): FieldType {
  return type === 'geo_point_2d' || type === 'datetime' || type === 'double' ? 'text' : type;
}

export interface ColumnStats { nonNull: number; min?: unknown; max?: unknown }

function bound(v: unknown, type: FieldType): unknown {
  if (v === null || v === undefined) return undefined;
  if (type === 'date') return v instanceof Date || typeof v === 'string' ? formatDate(v) : undefined;
  if (type === 'datetime') return v instanceof Date ? utcDatetime(v) : undefined;
  if (type === 'int' || type === 'double') { const n = Number(v); return Number.isFinite(n) ? n : undefined; }
  return undefined;
}

export function tableSchema(ds: Dataset, columns: ResultColumn[], stats: Map<string, ColumnStats> | null, rows: number | null): Record<string, unknown> {
  const byName = new Map(ds.fields.map((f) => [f.name, f]));
  const fields = columns.map((c) => {
    const f = byName.get(c.name);
    const t = TYPE[c.type];
    const constraints: Record<string, unknown> = {};
    const s = stats?.get(c.name);
    if (s && rows !== null && rows > 0 && s.nonNull === rows) constraints.required = true;
    const min = s && bound(s.min, c.type), max = s && bound(s.max, c.type);
    if (min !== undefined) constraints.minimum = min;
    if (max !== undefined) constraints.maximum = max;
    if (f?.annotations.id) constraints.unique = true;
    const description = [f?.description ? plainText(f.description) : '', c.type === 'datetime' ? 'UTC, second precision.' : '', f?.annotations.unit ? `Unit: ${f.annotations.unit}.` : '']
      .filter(Boolean).join(' ');
    return {
      name: c.name, title: c.label ?? f?.label ?? c.name, ...t, ...(description ? { description } : {}),
      ...(Object.keys(constraints).length ? { constraints } : {}),
    };
  });
  return { fields, missingValues: [MISSING] };
}
