// Geometry helpers for the geo renderers: which column carries a row's geometry (the first geo_shape,
// else the first geo_point_2d, as ODS does), bounding boxes, a representative point, and projection
// to the few EPSG codes we support without a projection library (4326 as is, 3857 spherical Mercator).
import type { ResultColumn } from '../../core/request.ts';
import type { Row } from '../../storage/backend.ts';
import { toGeoPoint, toGeometry, type GeoJsonGeometry, type GeoPoint } from './values.ts';

export type Position = number[];
export type BBox = [number, number, number, number];

/** The column whose value becomes each feature's geometry; null when the result has no geo column. */
export function geometryColumn(columns: ResultColumn[]): ResultColumn | null {
  return columns.find((c) => c.type === 'geo_shape') ?? columns.find((c) => c.type === 'geo_point_2d') ?? null;
}

/** The row's geometry from `column` (a geo_point_2d becomes a GeoJSON Point); null when missing. */
export function rowGeometry(row: Row, column: ResultColumn | null): GeoJsonGeometry | null {
  if (!column) return null;
  const v = row[column.name];
  if (column.type === 'geo_point_2d') {
    const p = toGeoPoint(v);
    return p ? { type: 'Point', coordinates: [p.lon, p.lat] } : null;
  }
  return toGeometry(v);
}

/** Calls `fn` on every position of a geometry (collections included). */
export function forEachPosition(g: GeoJsonGeometry, fn: (p: Position) => void): void {
  if (g.type === 'GeometryCollection') {
    for (const part of g.geometries ?? []) forEachPosition(part, fn);
    return;
  }
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') fn(c as Position);
    else for (const x of c) walk(x);
  };
  walk(g.coordinates);
}

export function geometryBBox(g: GeoJsonGeometry): BBox | null {
  let b: BBox | null = null;
  forEachPosition(g, ([x, y]) => {
    if (x === undefined || y === undefined) return;
    if (!b) b = [x, y, x, y];
    else { b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y); }
  });
  return b;
}

export function mergeBBox(a: BBox | null, b: BBox | null): BBox | null {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/**
 * One point standing for the row (GPX waypoints, OV2 POIs): the row's geo_point_2d when there is one
 * (ODS computes it as the shape's centre), else the point itself, else the centre of the shape's bbox.
 */
export function representativePoint(row: Row, columns: ResultColumn[]): GeoPoint | null {
  const pointColumn = columns.find((c) => c.type === 'geo_point_2d');
  const p = pointColumn ? toGeoPoint(row[pointColumn.name]) : null;
  if (p) return p;
  const g = rowGeometry(row, geometryColumn(columns));
  if (!g) return null;
  if (g.type === 'Point' && Array.isArray(g.coordinates)) {
    const [lon, lat] = g.coordinates as number[];
    return lon === undefined || lat === undefined ? null : { lon, lat };
  }
  const b = geometryBBox(g);
  return b ? { lon: (b[0] + b[2]) / 2, lat: (b[1] + b[3]) / 2 } : null;
}

const EARTH_RADIUS = 6378137;
const MAX_MERCATOR_LAT = 85.0511287798066;

/** A position-mapping function for an EPSG code; identity for 4326. */
export function projector(epsg: number | undefined): ((p: Position) => Position) | null {
  if (!epsg || epsg === 4326) return null;
  if (epsg === 3857) {
    return ([lon = 0, lat = 0, ...rest]) => {
      const clamped = Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat));
      return [
        EARTH_RADIUS * (lon * Math.PI) / 180,
        EARTH_RADIUS * Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360)),
        ...rest,
      ];
    };
  }
  throw new Error(`No projection to EPSG:${epsg}`);
}

/** A copy of the geometry with every position projected. */
export function projectGeometry(g: GeoJsonGeometry, project: ((p: Position) => Position) | null): GeoJsonGeometry {
  if (!project) return g;
  if (g.type === 'GeometryCollection') return { type: g.type, geometries: (g.geometries ?? []).map((x) => projectGeometry(x, project)) };
  const map = (c: unknown): unknown => {
    if (!Array.isArray(c)) return c;
    return typeof c[0] === 'number' ? project(c as Position) : c.map(map);
  };
  return { type: g.type, coordinates: map(g.coordinates) };
}

/** OGC WKT of the supported coordinate systems (the ESRI flavour, as .prj files use). */
export const PRJ_WKT: Record<number, string> = {
  4326: 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  3857: 'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]',
};
