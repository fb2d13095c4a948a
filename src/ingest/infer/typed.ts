// Field types of columns a typed source declares (Parquet): the engine type decides, except text
// columns, which are typed from their values like CSV columns. Pure mapping to SQL expressions.
import type { FieldType } from '../../core/types.ts';
import { quoteIdent } from '../../sql/quote.ts';
import { utc } from './text-rules.ts';

export type TypedDecision =
  | { type: FieldType; expr: string }
  | { type: 'geo_point_2d'; lon: string; lat: string }
  | { type: 'text-values' }
  | { type: 'json-values' };

const INTS = /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER)$/;
const WIDE_INTS = /^(UBIGINT|HUGEINT|UHUGEINT)$/;
const FLOATS = /^(FLOAT|DOUBLE|REAL)$/;

export function decideTyped(col: string, engineType: string): TypedDecision {
  const v = `s.${quoteIdent(col)}`;
  const t = engineType.toUpperCase();
  if (t === 'VARCHAR') return { type: 'text-values' };
  if (t === 'JSON') return { type: 'json-values' };
  if (INTS.test(t)) return { type: 'int', expr: `CAST(${v} AS BIGINT)` };
  if (WIDE_INTS.test(t) || FLOATS.test(t)) return { type: 'double', expr: `CAST(${v} AS DOUBLE)` };
  const dec = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(t);
  if (dec) return Number(dec[2]) === 0 && Number(dec[1]) <= 18 ? { type: 'int', expr: `CAST(${v} AS BIGINT)` } : { type: 'double', expr: `CAST(${v} AS DOUBLE)` };
  if (t === 'BOOLEAN') return { type: 'boolean', expr: v };
  if (t === 'DATE') return { type: 'date', expr: v };
  if (t === 'TIMESTAMP WITH TIME ZONE') return { type: 'datetime', expr: v };
  if (/^TIMESTAMP(_S|_MS|_NS)?$/.test(t)) return { type: 'datetime', expr: utc(`CAST(${v} AS TIMESTAMP)`) };
  const point = structPoint(engineType);
  if (point) return { type: 'geo_point_2d', lon: `CAST(struct_extract(${v}, '${point.lon}') AS DOUBLE)`, lat: `CAST(struct_extract(${v}, 'lat') AS DOUBLE)` };
  if (/^(STRUCT|MAP|UNION)\(|\[\d*\]$/.test(t)) return { type: 'json_blob', expr: `to_json(${v})` };
  return { type: 'text', expr: `CAST(${v} AS VARCHAR)` };
}

/** STRUCT(lon DOUBLE, lat DOUBLE) and its lng / integer variants, nothing else inside. */
function structPoint(t: string): { lon: 'lon' | 'lng' } | null {
  const m = /^STRUCT\((.*)\)$/i.exec(t.trim());
  if (!m) return null;
  const members = m[1].split(',').map((p) => p.trim().split(/\s+/));
  if (members.length !== 2) return null;
  const byName = new Map(members.map(([n, ty]) => [n.replace(/"/g, '').toLowerCase(), (ty ?? '').toUpperCase()]));
  const numeric = (ty: string | undefined) => !!ty && (FLOATS.test(ty) || INTS.test(ty) || /^DECIMAL/.test(ty));
  if (!numeric(byName.get('lat'))) return null;
  if (numeric(byName.get('lon'))) return { lon: 'lon' };
  if (numeric(byName.get('lng'))) return { lon: 'lng' };
  return null;
}
