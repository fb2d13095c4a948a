// Typing the JSON-valued columns of JSON, JSON Lines and GeoJSON sources: scalars are typed like
// text; objects become geo_shape (GeoJSON geometries or Features), geo_point_2d ({lon, lat}
// objects, or the Point geometries of GeoJSON features), else json_blob, as are arrays.
import type { Backend } from '../../storage/backend.ts';
import { quoteIdent } from '../../sql/quote.ts';
import type { StagedColumn } from '../types.ts';
import { one } from './stats.ts';
import { GEOJSON_TYPES_SQL } from './text-rules.ts';

export type JsonKind = 'scalar' | 'geometry' | 'lonlat' | 'json';
export interface JsonColumnKind { kind: JsonKind; pointsOnly: boolean; n: number }

const NUM = "('BIGINT', 'UBIGINT', 'DOUBLE')";

/** Kinds of JSON values, one bit each in a column's profile. */
const K = { SCALAR: 0, NESTED: 1, GEOMETRY: 2, POINT: 3, FEATURE: 4, LONLAT: 5 } as const;
const bit = (k: number): number => 1 << k;

export async function classifyJsonColumns(backend: Backend, table: string, cols: StagedColumn[]): Promise<JsonColumnKind[]> {
  if (cols.length === 0) return [];
  const aggs = cols.map((c, i) => {
    const v = `s.${quoteIdent(c.col)}`;
    const kind = `CASE
      WHEN json_type(${v}) = 'ARRAY' THEN ${K.NESTED}
      WHEN json_type(${v}) <> 'OBJECT' THEN ${K.SCALAR}
      WHEN (${v}->>'$.type') IN ${GEOJSON_TYPES_SQL} AND (json_type(${v}, '$.coordinates') = 'ARRAY' OR json_type(${v}, '$.geometries') = 'ARRAY')
        THEN CASE WHEN (${v}->>'$.type') = 'Point' THEN ${K.POINT} ELSE ${K.GEOMETRY} END
      WHEN (${v}->>'$.type') = 'Feature' THEN ${K.FEATURE}
      WHEN json_type(${v}, '$.lat') IN ${NUM} AND (json_type(${v}, '$.lon') IN ${NUM} OR json_type(${v}, '$.lng') IN ${NUM}) AND len(json_keys(${v})) = 2 THEN ${K.LONLAT}
      ELSE ${K.NESTED} END`;
    return `count(${v}) AS n${i}, bit_or(CASE WHEN ${v} IS NOT NULL THEN CAST(1 AS INTEGER) << (${kind}) END) AS m${i}`;
  });
  const row = await one(backend, `SELECT ${aggs.join(', ')} FROM ${quoteIdent(table)} s`);
  const geo = bit(K.GEOMETRY) | bit(K.POINT) | bit(K.FEATURE);
  return cols.map((c, i) => {
    const n = Number(row[`n${i}`]);
    const mask = Number(row[`m${i}`] ?? 0);
    const pointsOnly = (mask & ~bit(K.POINT)) === 0;
    if (c.role === 'feature-geometry') return { kind: 'geometry', pointsOnly, n };
    if ((mask & ~bit(K.SCALAR)) === 0) return { kind: 'scalar', pointsOnly: false, n };
    if ((mask & ~geo) === 0) return { kind: 'geometry', pointsOnly, n };
    if (mask === bit(K.LONLAT)) return { kind: 'lonlat', pointsOnly: false, n };
    return { kind: 'json', pointsOnly: false, n };
  });
}

export function jsonLonLat(col: string): { lon: string; lat: string } {
  const v = `s.${quoteIdent(col)}`;
  return { lon: `CAST(coalesce(${v}->>'$.lon', ${v}->>'$.lng') AS DOUBLE)`, lat: `CAST(${v}->>'$.lat' AS DOUBLE)` };
}
