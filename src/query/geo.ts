// Geometry literals (geom'WKT' or geom'GeoJSON') parsed to GeoJSON geometry objects, with the
// small geometry the planner needs: bounding boxes, polygon rings, distance units. No SQL here.

export type Position = [number, number];
export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface BBox { xmin: number; ymin: number; xmax: number; ymax: number }

export const DISTANCE_UNITS: Readonly<Record<string, number>> = { m: 1, km: 1000, cm: 0.01, mm: 0.001, mi: 1609.344, yd: 0.9144, ft: 0.3048 };
export const EARTH_RADIUS_M = 6_371_008.8;

/** Parses geometry text; returns an error message instead of throwing. */
export function parseGeometry(text: string): Geometry | string {
  const t = text.trim();
  try {
    return t.startsWith('{') ? fromGeoJson(JSON.parse(t)) : fromWkt(t);
  } catch (e) {
    return (e as Error).message;
  }
}

function fromGeoJson(g: { type?: string; coordinates?: unknown; geometry?: unknown }): Geometry {
  if (g && g.type === 'Feature' && g.geometry) return fromGeoJson(g.geometry as typeof g);
  const depth: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };
  if (!g || typeof g.type !== 'string' || !(g.type in depth)) throw new Error('unsupported GeoJSON geometry type');
  checkCoords(g.coordinates, depth[g.type]);
  return { type: g.type, coordinates: g.coordinates } as Geometry;
}

function checkCoords(c: unknown, depth: number): void {
  if (!Array.isArray(c)) throw new Error('invalid GeoJSON coordinates');
  if (depth === 0) {
    if (c.length < 2 || !c.every((x) => typeof x === 'number' && Number.isFinite(x))) throw new Error('invalid GeoJSON position');
    return;
  }
  if (c.length === 0) throw new Error('empty GeoJSON coordinates');
  for (const x of c) checkCoords(x, depth - 1);
}

function fromWkt(text: string): Geometry {
  const m = /^(POINT|MULTIPOINT|LINESTRING|MULTILINESTRING|POLYGON|MULTIPOLYGON)\s*(\(.*\))$/is.exec(text);
  if (!m) throw new Error('unsupported WKT geometry');
  const type = m[1].toUpperCase();
  const nested = parseWktList(m[2]);
  const names: Record<string, Geometry['type']> = { POINT: 'Point', MULTIPOINT: 'MultiPoint', LINESTRING: 'LineString', MULTILINESTRING: 'MultiLineString', POLYGON: 'Polygon', MULTIPOLYGON: 'MultiPolygon' };
  const depth: Record<string, number> = { POINT: 0, MULTIPOINT: 1, LINESTRING: 1, MULTILINESTRING: 2, POLYGON: 2, MULTIPOLYGON: 3 };
  let coords = nested as unknown;
  if (type === 'POINT') coords = (nested as Position[])[0];
  if (type === 'MULTIPOINT') coords = (nested as unknown[][]).map((p) => (Array.isArray(p[0]) ? (p as Position[])[0] : p));
  checkCoords(coords, depth[type]);
  return { type: names[type], coordinates: coords } as Geometry;
}

/** "(1 2, 3 4)" → [[1,2],[3,4]]; "((…),(…))" → nested lists. */
function parseWktList(s: string): unknown {
  let i = 0;
  const ws = () => { while (/\s/.test(s[i] ?? '')) i++; };
  const list = (): unknown[] => {
    ws();
    if (s[i] !== '(') throw new Error('invalid WKT: expected "("');
    i++;
    const items: unknown[] = [];
    for (;;) {
      ws();
      if (s[i] === '(') items.push(list());
      else {
        const m = /^[-+\d.eE]+(\s+[-+\d.eE]+)+/.exec(s.slice(i));
        if (!m) throw new Error('invalid WKT coordinates');
        i += m[0].length;
        const nums = m[0].trim().split(/\s+/).map(Number);
        if (nums.some((n) => !Number.isFinite(n))) throw new Error('invalid WKT number');
        items.push(nums.slice(0, 2));
      }
      ws();
      if (s[i] === ',') { i++; continue; }
      if (s[i] === ')') { i++; return items; }
      throw new Error('invalid WKT: expected "," or ")"');
    }
  };
  const out = list();
  ws();
  if (i !== s.length) throw new Error('invalid WKT: trailing text');
  return out;
}

export function positions(g: Geometry): Position[] {
  switch (g.type) {
    case 'Point': return [g.coordinates];
    case 'MultiPoint': case 'LineString': return g.coordinates;
    case 'MultiLineString': case 'Polygon': return g.coordinates.flat();
    case 'MultiPolygon': return g.coordinates.flat(2);
  }
}

export function bboxOf(g: Geometry): BBox {
  const ps = positions(g);
  return {
    xmin: Math.min(...ps.map((p) => p[0])), ymin: Math.min(...ps.map((p) => p[1])),
    xmax: Math.max(...ps.map((p) => p[0])), ymax: Math.max(...ps.map((p) => p[1])),
  };
}

/** Every ring (outer and holes) of the polygons of g; empty for points and lines. */
export function polygonRings(g: Geometry): Position[][] {
  if (g.type === 'Polygon') return g.coordinates;
  if (g.type === 'MultiPolygon') return g.coordinates.flat();
  return [];
}

/** Every segment of g's lines and polygon rings. */
export function segments(g: Geometry): Array<[Position, Position]> {
  const lines = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : polygonRings(g);
  const out: Array<[Position, Position]> = [];
  for (const l of lines) for (let i = 0; i + 1 < l.length; i++) out.push([l[i], l[i + 1]]);
  return out;
}
