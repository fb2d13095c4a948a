// GeoJSON geometries to ESRI shapefile record contents (ESRI Shapefile Technical Description, 1998):
// Point, MultiPoint, PolyLine and Polygon, little-endian, with outer rings clockwise and holes
// counter-clockwise as the format requires. One geometry may give one record per shape type.
import type { GeoJsonGeometry } from './values.ts';
import type { BBox, Position } from './geo.ts';

export const SHAPE_TYPE = { Null: 0, Point: 1, PolyLine: 3, Polygon: 5, MultiPoint: 8 } as const;
export type ShapeType = (typeof SHAPE_TYPE)[keyof typeof SHAPE_TYPE];

export interface ShapeContent { shapeType: ShapeType; content: Buffer; bbox: BBox }

interface Parts { points: Position[]; multiPoints: Position[]; lines: Position[][]; rings: Array<{ ring: Position[]; outer: boolean }> }

function gather(g: GeoJsonGeometry, acc: Parts): void {
  const c = g.coordinates as never;
  switch (g.type) {
    case 'Point': if (Array.isArray(c) && (c as number[]).length >= 2) acc.points.push(c); break;
    case 'MultiPoint': acc.multiPoints.push(...((c ?? []) as Position[])); break;
    case 'LineString': acc.lines.push(c ?? []); break;
    case 'MultiLineString': acc.lines.push(...((c ?? []) as Position[][])); break;
    case 'Polygon': ((c ?? []) as Position[][]).forEach((ring, i) => acc.rings.push({ ring, outer: i === 0 })); break;
    case 'MultiPolygon':
      for (const poly of (c ?? []) as Position[][][]) poly.forEach((ring, i) => acc.rings.push({ ring, outer: i === 0 }));
      break;
    case 'GeometryCollection': for (const part of g.geometries ?? []) gather(part, acc); break;
    default: break;
  }
}

/** Twice the signed area (shoelace); positive for counter-clockwise rings in x-right/y-up axes. */
export function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return s;
}

function orientRing(ring: Position[], outer: boolean): Position[] {
  const closed = ring.length && (ring[0]![0] !== ring[ring.length - 1]![0] || ring[0]![1] !== ring[ring.length - 1]![1])
    ? [...ring, ring[0]!] : ring;
  const area = signedArea2(closed);
  return (outer && area > 0) || (!outer && area < 0) ? [...closed].reverse() : closed;
}

function bboxOf(points: Position[]): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x = 0, y = 0] of points) {
    if (x < b[0]) b[0] = x; if (y < b[1]) b[1] = y; if (x > b[2]) b[2] = x; if (y > b[3]) b[3] = y;
  }
  return b;
}

function multiPointContent(points: Position[]): ShapeContent {
  const bbox = bboxOf(points);
  const buf = Buffer.alloc(40 + 16 * points.length);
  buf.writeInt32LE(SHAPE_TYPE.MultiPoint, 0);
  bbox.forEach((v, i) => buf.writeDoubleLE(v, 4 + 8 * i));
  buf.writeInt32LE(points.length, 36);
  points.forEach(([x = 0, y = 0], i) => { buf.writeDoubleLE(x, 40 + 16 * i); buf.writeDoubleLE(y, 48 + 16 * i); });
  return { shapeType: SHAPE_TYPE.MultiPoint, content: buf, bbox };
}

function partsContent(shapeType: ShapeType, parts: Position[][]): ShapeContent {
  const points = parts.flat();
  const bbox = bboxOf(points);
  const buf = Buffer.alloc(44 + 4 * parts.length + 16 * points.length);
  buf.writeInt32LE(shapeType, 0);
  bbox.forEach((v, i) => buf.writeDoubleLE(v, 4 + 8 * i));
  buf.writeInt32LE(parts.length, 36);
  buf.writeInt32LE(points.length, 40);
  let start = 0;
  parts.forEach((p, i) => { buf.writeInt32LE(start, 44 + 4 * i); start += p.length; });
  const base = 44 + 4 * parts.length;
  points.forEach(([x = 0, y = 0], i) => { buf.writeDoubleLE(x, base + 16 * i); buf.writeDoubleLE(y, base + 8 + 16 * i); });
  return { shapeType, content: buf, bbox };
}

/** The shapefile record contents for one geometry: at most one per shape type, none when empty. */
export function toShapeContents(g: GeoJsonGeometry): ShapeContent[] {
  const acc: Parts = { points: [], multiPoints: [], lines: [], rings: [] };
  gather(g, acc);
  const out: ShapeContent[] = [];
  if (acc.points.length === 1 && acc.multiPoints.length === 0) {
    const [x = 0, y = 0] = acc.points[0]!;
    const buf = Buffer.alloc(20);
    buf.writeInt32LE(SHAPE_TYPE.Point, 0);
    buf.writeDoubleLE(x, 4);
    buf.writeDoubleLE(y, 12);
    out.push({ shapeType: SHAPE_TYPE.Point, content: buf, bbox: [x, y, x, y] });
  } else if (acc.points.length + acc.multiPoints.length > 0) {
    out.push(multiPointContent([...acc.points, ...acc.multiPoints]));
  }
  const lines = acc.lines.filter((l) => l.length >= 2);
  if (lines.length) out.push(partsContent(SHAPE_TYPE.PolyLine, lines));
  const rings = acc.rings.filter((r) => r.ring.length >= 3).map((r) => orientRing(r.ring, r.outer));
  if (rings.length) out.push(partsContent(SHAPE_TYPE.Polygon, rings));
  return out;
}
