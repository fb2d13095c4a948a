// Geo predicates and aggregates without a spatial extension. Points (geo_point_2d, and geo_shape
// centres) are tested exactly: a numeric bbox range scan first, then great-circle distance or an
// even-odd point-in-polygon test whose edges are bound constants. intersects/within/disjoint on a
// geo_shape field are exact too, but not in SQL: plan/shapes.ts runs the bbox candidate query below,
// tests each candidate's GeoJSON in JS, and the answer (Plan.exact) is rendered here as a bound
// record-id set. Only a plan compiled without that step (compile-only checks, record streams) falls
// back to the shape's bounding box (shapeRelation); within_distance and in_bbox on shapes use the bbox.
import type { CompiledQuery } from '../core/request.ts';
import type { Dataset } from '../core/types.ts';
import { shapeKey } from '../plan/types.ts';
import type { TCall, TField } from '../query/analyze/typed.ts';
import { EARTH_RADIUS_M, polygonRings, positions, type BBox, type Geometry, type Position } from '../query/geo.ts';
import { GEO_SUFFIX } from '../core/physical.ts';
import { SqlBuilder } from './builder.ts';
import type { Dialect } from './dialect.ts';
import type { ExprCompiler } from './expr.ts';

const METERS_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

export function centreOf(g: Geometry, bbox: BBox): Position {
  return g.type === 'Point' ? g.coordinates : [(bbox.xmin + bbox.xmax) / 2, (bbox.ymin + bbox.ymax) / 2];
}

function haversine(lon: string, lat: string, centre: Position, c: ExprCompiler): string {
  const n = (v: number) => c.b.typed(v, 'double');
  return `(${2 * EARTH_RADIUS_M} * asin(sqrt(power(sin(radians(${lat} - ${n(centre[1])}) / 2), 2) + cos(radians(${n(centre[1])})) * cos(radians(${lat})) * power(sin(radians(${lon} - ${n(centre[0])}) / 2), 2))))`;
}

export function compileDistance(e: TCall, c: ExprCompiler): string {
  const f = e.args[0] as TField;
  return haversine(c.geoColumn(f, 'lon'), c.geoColumn(f, 'lat'), centreOf(e.options.geometry!, e.options.bbox!), c);
}

export function compileGeoPredicate(e: TCall, c: ExprCompiler): string {
  const f = e.args[0] as TField;
  const shape = f.type === 'geo_shape';
  const col = (p: 'lon' | 'lat' | 'xmin' | 'ymin' | 'xmax' | 'ymax') => c.geoColumn(f, p);
  const n = (v: number) => c.b.typed(v, 'double');
  switch (e.fn) {
    case 'in_bbox': {
      const b = e.options.bbox!;
      if (shape) return `(${col('xmin')} >= ${n(b.xmin)} AND ${col('xmax')} <= ${n(b.xmax)} AND ${col('ymin')} >= ${n(b.ymin)} AND ${col('ymax')} <= ${n(b.ymax)})`;
      return `(${col('lon')} BETWEEN ${n(b.xmin)} AND ${n(b.xmax)} AND ${col('lat')} BETWEEN ${n(b.ymin)} AND ${n(b.ymax)})`;
    }
    case 'within_distance': {
      const centre = centreOf(e.options.geometry!, e.options.bbox!);
      const meters = e.options.meters!;
      const dLat = meters / METERS_PER_DEGREE;
      const maxLat = Math.min(90, Math.abs(centre[1]) + dLat);
      const dLon = maxLat >= 89.9 ? 360 : dLat / Math.cos((maxLat * Math.PI) / 180);
      if (shape) {
        // Distance from the centre to the nearest point of the shape's bounding box.
        const nearLon = () => `greatest(${col('xmin')}, least(${col('xmax')}, ${n(centre[0])}))`;
        const nearLat = () => `greatest(${col('ymin')}, least(${col('ymax')}, ${n(centre[1])}))`;
        return `(${col('ymax')} >= ${n(centre[1] - dLat)} AND ${col('ymin')} <= ${n(centre[1] + dLat)} AND ${haversineThunks(nearLon, nearLat, centre, c)} <= ${n(meters)})`;
      }
      const lonFilter = () => (dLon >= 180 ? '' : ` AND ${col('lon')} BETWEEN ${n(centre[0] - dLon)} AND ${n(centre[0] + dLon)}`);
      return `(${col('lat')} BETWEEN ${n(centre[1] - dLat)} AND ${n(centre[1] + dLat)}${lonFilter()} AND ${haversine(col('lon'), col('lat'), centre, c)} <= ${n(meters)})`;
    }
    case 'intersects': case 'within': case 'disjoint': {
      const g = e.options.geometry!;
      const b = e.options.bbox!;
      const exact = shape ? c.exact?.get(shapeKey(e)) : undefined;
      const rid = c.b.ident('_rid');
      const hit = exact ? (exact.length ? c.b.dialect.idIn(rid, exact, c.b.bind) : 'FALSE') : shape ? shapeRelation(e.fn === 'within' ? 'within' : 'intersects', g, b, col, c) : pointInGeometry(col('lon'), col('lat'), g, b, c);
      if (e.fn === 'disjoint') return `(${col('lat')} IS NOT NULL AND NOT COALESCE(${hit}, FALSE))`;
      return hit;
    }
    default:
      throw new Error(`internal: ${e.fn}() is not a geo predicate`);
  }
}

function haversineThunks(lon: () => string, lat: () => string, centre: Position, c: ExprCompiler): string {
  const n = (v: number) => c.b.typed(v, 'double');
  return `(${2 * EARTH_RADIUS_M} * asin(sqrt(power(sin(radians(${lat()} - ${n(centre[1])}) / 2), 2) + cos(radians(${n(centre[1])})) * cos(radians(${lat()})) * power(sin(radians(${lon()} - ${n(centre[0])}) / 2), 2))))`;
}

/** A point (column SQL without parameters) inside a polygon or equal to one of the points of g. */
function pointInGeometry(x: string, y: string, g: Geometry, b: BBox, c: ExprCompiler): string {
  const n = (v: number) => c.b.typed(v, 'double');
  const rings = polygonRings(g);
  if (rings.length === 0) {
    return `(${positions(g).map((p) => `(${x} = ${n(p[0])} AND ${y} = ${n(p[1])})`).join(' OR ')})`;
  }
  return `(${x} BETWEEN ${n(b.xmin)} AND ${n(b.xmax)} AND ${y} BETWEEN ${n(b.ymin)} AND ${n(b.ymax)} AND ${evenOdd(x, y, rings, c)})`;
}

/** Even-odd rule over every ring: the horizontal ray from (x, y) crosses an odd number of edges. */
function evenOdd(x: string, y: string, rings: Position[][], c: ExprCompiler): string {
  const n = (v: number) => c.b.typed(v, 'double');
  const crossings: string[] = [];
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x1, y1] = ring[i];
      const [x2, y2] = ring[i + 1];
      if (y1 === y2) continue;
      const k = (x2 - x1) / (y2 - y1);
      crossings.push(`((${y} > ${n(y1)}) <> (${y} > ${n(y2)}) AND ${x} < ${n(k)} * (${y} - ${n(y1)}) + ${n(x1)})`);
    }
  }
  if (crossings.length === 0) return 'FALSE';
  return `(${c.b.dialect.countTrue(crossings)} % 2 = 1)`;
}

type Col = (p: 'lon' | 'lat' | 'xmin' | 'ymin' | 'xmax' | 'ymax') => string;

/** geo_shape against a geometry, through the shape's bounding box R:
 *  within: R inside the bbox of g and R's corners inside g (points: the point inside g);
 *  intersects: R overlaps g's bbox and (a corner or the centre of R is inside g, or a vertex of g is inside R). */
function shapeRelation(op: 'within' | 'intersects', g: Geometry, b: BBox, col: Col, c: ExprCompiler): string {
  const n = (v: number) => c.b.typed(v, 'double');
  const corners: Array<[string, string]> = [[col('xmin'), col('ymin')], [col('xmin'), col('ymax')], [col('xmax'), col('ymin')], [col('xmax'), col('ymax')]];
  if (op === 'within') {
    return `(${col('xmin')} >= ${n(b.xmin)} AND ${col('xmax')} <= ${n(b.xmax)} AND ${col('ymin')} >= ${n(b.ymin)} AND ${col('ymax')} <= ${n(b.ymax)} AND ${corners.map(([x, y]) => pointInGeometry(x, y, g, b, c)).join(' AND ')})`;
  }
  const overlap = `${col('xmax')} >= ${n(b.xmin)} AND ${col('xmin')} <= ${n(b.xmax)} AND ${col('ymax')} >= ${n(b.ymin)} AND ${col('ymin')} <= ${n(b.ymax)}`;
  const inside = [[col('lon'), col('lat')] as [string, string], ...corners].map(([x, y]) => pointInGeometry(x, y, g, b, c));
  const vertices = positions(g).map((p) => `(${col('xmin')} <= ${n(p[0])} AND ${col('xmax')} >= ${n(p[0])} AND ${col('ymin')} <= ${n(p[1])} AND ${col('ymax')} >= ${n(p[1])})`);
  return `(${overlap} AND (${[...inside, `(${c.b.dialect.countTrue(vertices)} > 0)`].join(' OR ')}))`;
}

/** The candidates of a shape relation: record id (`_rid`) and GeoJSON text (`shape`) of every row
 *  whose shape's bounding box overlaps the geometry's (within: lies inside it). Internal reading for
 *  plan/shapes.ts, never returned to a caller; the main query applies the access rules afterwards. */
export function compileShapeCandidates(ds: Dataset, call: TCall, dialect: Dialect): CompiledQuery {
  const f = call.args[0] as TField;
  const b = new SqlBuilder(dialect);
  const col = (p: 'xmin' | 'ymin' | 'xmax' | 'ymax') => b.ident(f.field.name + GEO_SUFFIX[p]);
  const n = (v: number) => b.typed(v, 'double');
  const g = call.options.bbox!;
  const box = call.fn === 'within'
    ? `${col('xmin')} >= ${n(g.xmin)} AND ${col('xmax')} <= ${n(g.xmax)} AND ${col('ymin')} >= ${n(g.ymin)} AND ${col('ymax')} <= ${n(g.ymax)}`
    : `${col('xmax')} >= ${n(g.xmin)} AND ${col('xmin')} <= ${n(g.xmax)} AND ${col('ymax')} >= ${n(g.ymin)} AND ${col('ymin')} <= ${n(g.ymax)}`;
  const rid = b.ident('_rid');
  const sql = `SELECT ${rid} AS ${rid}, ${b.ident(f.field.name)} AS ${b.ident('shape')} FROM ${b.ident(ds.table)} WHERE ${box} AND ${b.ident(f.field.name)} IS NOT NULL`;
  return { ...b.finish(sql), columns: [{ name: '_rid', type: 'int' }, { name: 'shape', type: 'text' }] };
}

/** bbox(): a GeoJSON Polygon of the extent; envelope(): the dialect's hull input (the outer query
 *  of compile.ts turns it into a ring with dialect.ringFromPoints). */
export function compileGeoAggregate(e: TCall, c: ExprCompiler): string {
  const f = e.args[0] as TField;
  const shape = f.type === 'geo_shape';
  const d = c.b.dialect;
  if (e.fn === 'bbox') {
    const [x0, y0, x1, y1] = shape
      ? [`min(${c.geoColumn(f, 'xmin')})`, `min(${c.geoColumn(f, 'ymin')})`, `max(${c.geoColumn(f, 'xmax')})`, `max(${c.geoColumn(f, 'ymax')})`]
      : [`min(${c.geoColumn(f, 'lon')})`, `min(${c.geoColumn(f, 'lat')})`, `max(${c.geoColumn(f, 'lon')})`, `max(${c.geoColumn(f, 'lat')})`];
    const pos = (x: string, y: string) => `'[' || ${d.numberText(x)} || ',' || ${d.numberText(y)} || ']'`;
    const ring = [pos(x0, y0), pos(x1, y0), pos(x1, y1), pos(x0, y1), pos(x0, y0)].join(` || ',' || `);
    return `CASE WHEN ${x0} IS NULL THEN NULL ELSE '{"type":"Polygon","coordinates":[[' || ${ring} || ']]}' END`;
  }
  return d.hullInput(c.geoColumn(f, 'lon'), c.geoColumn(f, 'lat'));
}
