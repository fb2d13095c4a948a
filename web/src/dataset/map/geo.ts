// Pure geometry helpers for the map: bounds of GeoJSON, the in_bbox clause of a view, parsing
// geo_cluster group keys, the map view in the URL. No MapLibre here.
import { odsqlField } from '../../state/odsql.ts';

export type Bounds = [west: number, south: number, east: number, north: number];
export interface View { zoom: number; lat: number; lon: number }
export interface Cluster { lon: number; lat: number; count: number }

export function extendBounds(b: Bounds | null, coords: unknown): Bounds | null {
  if (!Array.isArray(coords)) return b;
  if (typeof coords[0] === 'number' && typeof coords[1] === 'number') {
    const [x, y] = coords as number[];
    if (!b) return [x, y, x, y];
    return [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
  }
  let out = b;
  for (const c of coords) out = extendBounds(out, c);
  return out;
}

export function geometryBounds(g: unknown): Bounds | null {
  if (!g) return null;
  if (typeof g === 'string') { try { return geometryBounds(JSON.parse(g)); } catch { return null; } }
  if (typeof g !== 'object') return null;
  const o = g as { type?: string; coordinates?: unknown; geometry?: unknown; geometries?: unknown[]; features?: unknown[]; lon?: number; lat?: number };
  if (typeof o.lon === 'number' && typeof o.lat === 'number') return [o.lon, o.lat, o.lon, o.lat];
  if (o.type === 'Feature') return geometryBounds(o.geometry);
  if (o.type === 'FeatureCollection') return (o.features ?? []).reduce<Bounds | null>((b, f) => union(b, geometryBounds(f)), null);
  if (o.type === 'GeometryCollection') return (o.geometries ?? []).reduce<Bounds | null>((b, x) => union(b, geometryBounds(x)), null);
  return extendBounds(null, o.coordinates);
}

export function union(a: Bounds | null, b: Bounds | null): Bounds | null {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

const clampLat = (v: number) => Math.max(-90, Math.min(90, v));
const clampLon = (v: number) => Math.max(-180, Math.min(180, v));

/** ODSQL in_bbox(field, lat1, lon1, lat2, lon2) for a view's bounds. */
export function bboxClause(field: string, b: Bounds): string {
  const r = (v: number) => Number(v.toFixed(6));
  return `in_bbox(${odsqlField(field)}, ${r(clampLat(b[3]))}, ${r(clampLon(b[0]))}, ${r(clampLat(b[1]))}, ${r(clampLon(b[2]))})`;
}

function point(v: unknown): { lon: number; lat: number } | null {
  if (!v) return null;
  if (typeof v === 'string') {
    try { return point(JSON.parse(v)); } catch { /* "lat, lon" text */ }
    const m = /^\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*$/.exec(v);
    return m ? { lat: Number(m[1]), lon: Number(m[2]) } : null;
  }
  if (typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (typeof o.lon === 'number' && typeof o.lat === 'number') return { lon: o.lon, lat: o.lat };
  if (o.type === 'Point' && Array.isArray(o.coordinates)) return { lon: Number(o.coordinates[0]), lat: Number(o.coordinates[1]) };
  for (const k of ['cluster_center', 'center', 'centroid', 'geometry']) if (o[k]) return point(o[k]);
  return null;
}

/** Reads geo_cluster group rows ({c: centre, n: count}) into clusters. */
export function parseClusters(rows: Array<Record<string, unknown>>, key = 'c', countKey = 'n'): Cluster[] {
  const out: Cluster[] = [];
  for (const r of rows) {
    const p = point(r[key]);
    const count = Number(r[countKey] ?? (r[key] as Record<string, unknown> | null)?.count ?? 0);
    if (p && Number.isFinite(p.lon) && Number.isFinite(p.lat) && count > 0) out.push({ ...p, count });
  }
  return out;
}

export function readView(raw: string | null): View | null {
  if (!raw) return null;
  const [z, lat, lon] = raw.split('/').map(Number);
  if (![z, lat, lon].every(Number.isFinite)) return null;
  return { zoom: z, lat, lon };
}

export function viewText(v: View): string {
  return `${v.zoom.toFixed(2)}/${v.lat.toFixed(5)}/${v.lon.toFixed(5)}`;
}

const LABEL_NAME = /^(name|nom|title|titre|label|libelle|libellé|denomination|designation)/i;

/** The property that names a feature in lists and popups. */
export function labelField(fields: Array<{ name: string; type: string }>): string | undefined {
  const texts = fields.filter((f) => f.type === 'text');
  return (texts.find((f) => LABEL_NAME.test(f.name)) ?? texts[0])?.name;
}
