// Geometry values as the geo processors read them: a point from a geo_point_2d value ({lon, lat}),
// a GeoJSON Point or "lat, lon" text; a shape from a GeoJSON geometry or its text.
import { readPoint } from '../../../realtime/records.ts';
import { geometryOf, geometryProblem, type Geometry } from '../../geo/geometry.ts';
import { StepFailure, type Value } from '../types.ts';

export function pointOf(v: Value | undefined, field: string): { lon: number; lat: number } | null {
  if (v === null || v === undefined || v === '') return null;
  const p = readPoint(v);
  if (!p) throw new StepFailure(field, `${JSON.stringify(v)} is not a point`);
  return p;
}

export function shapeOf(v: Value | undefined, field: string): Geometry | null {
  if (v === null || v === undefined || v === '') return null;
  let g: unknown = v;
  if (typeof v === 'string') {
    try { g = JSON.parse(v); } catch { throw new StepFailure(field, 'the value is not GeoJSON'); }
  }
  const geom = geometryOf(g);
  const problem = geom === null ? 'the value is not a GeoJSON geometry' : geometryProblem(geom);
  if (problem) throw new StepFailure(field, problem);
  return geom as Geometry;
}

export const pointValue = (p: { lon: number; lat: number }): Value => ({ lon: p.lon, lat: p.lat });
