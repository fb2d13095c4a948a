// GeoJSON geometries as ingestion meets them: validating their structure and computing their
// bounding box (the store keeps GeoJSON text plus bbox, no spatial extension). Pure functions.

export type Position = number[];
export interface Geometry { type: string; coordinates?: unknown; geometries?: Geometry[] }
export interface BBox { xmin: number; ymin: number; xmax: number; ymax: number }

export const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'] as const;

/** Nesting depth of `coordinates` per type: 0 = a position, 1 = a list of positions, … */
const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/** Returns null when `g` is a valid GeoJSON geometry, else the reason it is not. */
export function geometryProblem(g: unknown): string | null {
  if (g === null || typeof g !== 'object' || Array.isArray(g)) return 'the geometry is not an object';
  const geom = g as Geometry;
  if (geom.type === 'GeometryCollection') {
    if (!Array.isArray(geom.geometries)) return 'a GeometryCollection needs a "geometries" array';
    for (const [i, part] of geom.geometries.entries()) {
      const p = geometryProblem(part);
      if (p) return `geometries[${i}]: ${p}`;
    }
    return null;
  }
  const depth = DEPTH[geom.type];
  if (depth === undefined) return `unknown geometry type ${JSON.stringify(geom.type)}`;
  return coordinatesProblem(geom.coordinates, depth, geom.type);
}

function coordinatesProblem(c: unknown, depth: number, type: string): string | null {
  if (depth === 0) {
    if (!Array.isArray(c) || c.length < 2 || c.length > 4) return `a ${type} position must be [x, y] (got ${short(c)})`;
    if (!c.every((v) => typeof v === 'number' && Number.isFinite(v))) return `a position holds non-numbers: ${short(c)}`;
    return null;
  }
  if (!Array.isArray(c)) return `the coordinates of a ${type} must be nested arrays (got ${short(c)})`;
  for (const part of c) {
    const p = coordinatesProblem(part, depth - 1, type);
    if (p) return p;
  }
  return null;
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

/** The bounding box of a valid geometry, or null when it holds no position (empty collections). */
export function bbox(g: Geometry): BBox | null {
  const box = { xmin: Infinity, ymin: Infinity, xmax: -Infinity, ymax: -Infinity };
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      const [x, y] = c as number[];
      if (x < box.xmin) box.xmin = x;
      if (x > box.xmax) box.xmax = x;
      if (y < box.ymin) box.ymin = y;
      if (y > box.ymax) box.ymax = y;
      return;
    }
    for (const part of c) visit(part);
  };
  const walk = (geom: Geometry): void => {
    if (geom.type === 'GeometryCollection') for (const part of geom.geometries ?? []) walk(part);
    else visit(geom.coordinates);
  };
  walk(g);
  return box.xmin === Infinity ? null : box;
}

/** The geometry inside a GeoJSON text value: a geometry itself, or a Feature's geometry. */
export function geometryOf(value: unknown): unknown {
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'Feature') {
    return (value as { geometry?: unknown }).geometry ?? null;
  }
  return value;
}
