// How a logical field maps to physical columns in every backend. Geometry is stored without
// a spatial extension (unavailable offline): GeoJSON text plus numeric bbox and a lon/lat point.
import type { Field, FieldType } from './types.ts';

/** Column suffixes for geo fields. A geo_point_2d `f` is stored as f__lon, f__lat.
 *  A geo_shape `f` is stored as f (GeoJSON geometry text), f__lon/f__lat (a representative
 *  point, the bbox centre), f__xmin, f__ymin, f__xmax, f__ymax. */
export const GEO_SUFFIX = { lon: '__lon', lat: '__lat', xmin: '__xmin', ymin: '__ymin', xmax: '__xmax', ymax: '__ymax' } as const;

/** Hidden column holding the record id (stable per load, string in the API). */
export const RECORD_ID_COLUMN = '_rid';

export interface PhysicalColumn { name: string; sqlType: LogicalSqlType }
/** Engine-neutral column types; a dialect maps them to its own names. */
export type LogicalSqlType = 'text' | 'bigint' | 'double' | 'boolean' | 'date' | 'timestamptz' | 'json';

export function physicalColumns(field: Pick<Field, 'name' | 'type'>): PhysicalColumn[] {
  const n = field.name;
  switch (field.type) {
    case 'geo_point_2d':
      return [{ name: n + GEO_SUFFIX.lon, sqlType: 'double' }, { name: n + GEO_SUFFIX.lat, sqlType: 'double' }];
    case 'geo_shape':
      return [
        { name: n, sqlType: 'text' },
        ...(['lon', 'lat', 'xmin', 'ymin', 'xmax', 'ymax'] as const).map((k) => ({ name: n + GEO_SUFFIX[k], sqlType: 'double' as const })),
      ];
    default:
      return [{ name: n, sqlType: scalarSqlType(field.type) }];
  }
}

export function scalarSqlType(t: FieldType): LogicalSqlType {
  switch (t) {
    case 'int': return 'bigint';
    case 'double': return 'double';
    case 'boolean': return 'boolean';
    case 'date': return 'date';
    case 'datetime': return 'timestamptz';
    case 'json_blob': return 'json';
    default: return 'text';
  }
}
