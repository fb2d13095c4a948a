// The exact tests behind intersects/within on geo_shape values: a stored shape (GeoJSON, any type the
// ingestion keeps, GeometryCollection included) against a query geometry (point or polygon), with turf.
// ODS semantics: within = the shape lies entirely inside the geometry (OGC within: boundary contact is
// allowed, some interior is shared); intersects = they share at least one point. No SQL, no I/O here.
import { booleanIntersects } from '@turf/boolean-intersects';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { booleanWithin } from '@turf/boolean-within';
import polylabel from 'polylabel';
import { positions, type Geometry, type Position } from '../query/geo.ts';

type TurfGeometry = Parameters<typeof booleanWithin>[0];
/** A stored shape: the query geometry types plus collections. */
export type Shape = Geometry | { type: 'GeometryCollection'; geometries: Shape[] };

const turf = (g: Shape): TurfGeometry => g as unknown as TurfGeometry;

export function shapeIntersects(shape: Shape, g: Geometry): boolean {
  if (shape.type === 'GeometryCollection') return shape.geometries.some((part) => shapeIntersects(part, g));
  return booleanIntersects(turf(shape), turf(g));
}

export function shapeWithin(shape: Shape, g: Geometry): boolean {
  if (shape.type === 'GeometryCollection') return shape.geometries.length > 0 && shape.geometries.every((part) => shapeWithin(part, g));
  if (g.type === 'Point' || g.type === 'MultiPoint') {
    // Only points lie within points: each of the shape's positions is one of g's.
    if (shape.type !== 'Point' && shape.type !== 'MultiPoint') return false;
    const targets = positions(g);
    return positions(shape).every((p) => targets.some((t) => t[0] === p[0] && t[1] === p[1]));
  }
  // turf tests a MultiLineString against a MultiPolygon only: a polygon is a one-part MultiPolygon.
  const target: Geometry = g.type === 'Polygon' && shape.type === 'MultiLineString' ? { type: 'MultiPolygon', coordinates: [g.coordinates] } : g;
  return booleanWithin(turf(shape), turf(target)) && !holeInside(shape, g);
}

/** turf's within checks the shape's boundary against g's (holes included), not that a hole of g lies
 *  inside the shape: a square around a polygon's hole passes it. Once the shape's boundary is known to
 *  stay out of every hole, a hole is either wholly inside the shape or wholly outside, so one interior
 *  point of each hole (its pole of inaccessibility) decides. */
function holeInside(shape: Shape, g: Geometry): boolean {
  if (shape.type !== 'Polygon' && shape.type !== 'MultiPolygon') return false;
  const holes = g.type === 'Polygon' ? g.coordinates.slice(1) : g.type === 'MultiPolygon' ? g.coordinates.flatMap((p) => p.slice(1)) : [];
  return holes.some((ring) => {
    const p = interiorPoint(ring);
    return p !== null && booleanPointInPolygon(p, turf(shape) as Parameters<typeof booleanPointInPolygon>[1], { ignoreBoundary: true });
  });
}

function interiorPoint(ring: Position[]): Position | null {
  const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
  const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  if (!(extent > 0)) return null;
  const p = polylabel([ring.map((q) => [q[0], q[1]] as [number, number])], extent / 1000);
  return p.distance > 0 ? [p[0], p[1]] : null;
}

/** A stored GeoJSON text as a shape; null when it is not one (never stored by ingestion, but a
 *  hand-edited table must not fail a query). */
export function parseShape(text: unknown): Shape | null {
  if (typeof text !== 'string') return null;
  try {
    const g = JSON.parse(text) as { type?: unknown; coordinates?: unknown; geometries?: unknown };
    if (!g || typeof g.type !== 'string') return null;
    if (g.type === 'GeometryCollection') return Array.isArray(g.geometries) ? (g as Shape) : null;
    return Array.isArray(g.coordinates) ? (g as Shape) : null;
  } catch {
    return null;
  }
}
