// The rules that type a text column, as SQL over its non-empty values `x` (trimmed when the column has
// padded values). Each value falls
// in one syntactic class (CLASS_SQL, one CASE per column, aggregated with bit_or); a rule holds when
// every class met is one it accepts; its test checks values one by one and its build converts them.
// Constants only: no user text ever reaches these strings. The first rule that holds wins.
import type { FieldType } from '../../core/types.ts';

export interface TextRule {
  id: string;
  type: FieldType;
  /** Value classes (C.*) the rule accepts. */
  classes: number[];
  /** Boolean SQL, never NULL for a non-NULL x. */
  test(x: string): string;
  /** Scalar SQL producing the field's value, or lon/lat for points. */
  build(x: string): { expr: string } | { lon: string; lat: string };
  /** Only when "3,5" may be a decimal (files not delimited by commas). */
  needsDecimalComma?: boolean;
}

const lit = (s: string): string => "'" + s.replace(/'/g, "''") + "'";
const re = (x: string, pattern: string): string => `regexp_full_match(${x}, ${lit(pattern)})`;
const safe = (sql: string): string => `coalesce((${sql}), false)`;

// Integers: no leading zero (codes like "01000" stay text), at most 15 digits so every value is
// exact as a JS number in the API (longer digit strings are identifiers, kept as text).
const INT = '[+-]?(0|[1-9][0-9]{0,14})';
const DECIMAL = '[+-]?((0|[1-9][0-9]*)\\.[0-9]*|\\.[0-9]+|(0|[1-9][0-9]*)(\\.[0-9]*)?[eE][+-]?[0-9]{1,3})';
const DECIMAL_COMMA = '[+-]?(0|[1-9][0-9]*),[0-9]+';
const ISO_DATE = '[0-9]{4}-[0-9]{2}-[0-9]{2}';
const TIME = '[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?';
const ZONE = '(Z|[+-][0-9]{2}(:?[0-9]{2})?)';
const ISO_DATETIME = ISO_DATE + TIME;
const ISO_DATETIME_TZ = ISO_DATE + TIME + ZONE;
/** A date optionally followed by a time (no zone): one regex for the datetime rule's check. */
const ISO_DATE_OR_DATETIME = ISO_DATE + '(' + TIME + ')?';
const ISO_DATE_OR_DATETIME_TZ = ISO_DATE + '(' + TIME + ZONE + '?)?';
const DMY = '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}';
const DMY_DATETIME = '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2})?';
const DMY_DATETIME_FORMATS = "['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%YT%H:%M:%S', '%d/%m/%YT%H:%M', '%d/%m/%Y']";
const LAT_LON = '[+-]?[0-9]{1,2}\\.[0-9]+ *, *[+-]?[0-9]{1,3}\\.[0-9]+';
const WKT = '^(?i)(SRID=[0-9]+;)?\\s*(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION)\\s*(Z|M|ZM)?\\s*(\\(|EMPTY)';
export const GEOJSON_TYPES_SQL = "('Point','MultiPoint','LineString','MultiLineString','Polygon','MultiPolygon','GeometryCollection')";

/** Syntactic classes of a text value; one bit each in a column's profile. */
export const C = {
  TEXT: 0, BOOL: 1, INT: 2, DEC: 3, DEC_COMMA: 4, ISO_DATE: 5, ISO_DATETIME: 6, SLASH_BOTH: 7, SLASH_DMY: 8, SLASH_MDY: 9,
  YMD: 10, DMY_DASH: 11, DMY_DOT: 12, DMY_DATETIME: 13, LAT_LON: 14, GEO: 15, JSON: 16, ISO_DATETIME_TZ: 17,
} as const;

const YMD = '[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}';
const DMY_DASH = '[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}';
const DMY_DOT = '[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{4}';
const valid = (cond: string, cls: number): string => `CASE WHEN ${cond} THEN ${cls} ELSE ${C.TEXT} END`;
const strp = (x: string, fmt: string): string => `try_strptime(${x}, ${lit(fmt)}) IS NOT NULL`;
const latLonInRange = (x: string): string =>
  `coalesce(abs(TRY_CAST(split_part(${x}, ',', 1) AS DOUBLE)) <= 90 AND abs(TRY_CAST(split_part(${x}, ',', 2) AS DOUBLE)) <= 180, false)`;
const geoJsonText = (x: string): string => `(${x}->>'$.type') IN ${GEOJSON_TYPES_SQL} OR (${x}->>'$.type') = 'Feature'`;

/** A character no number, date, datetime or "lat, lon" value holds: one test sends "28 boulevard
 *  Diderot" to text without trying each pattern below. */
const NOT_NUMERIC_OR_DATE = '[^0-9eETZ+.,/: -]';

/** SQL giving the class code of a non-NULL trimmed value `x` (a cascade: the first match decides). */
export function classSql(x: string): string {
  // The first character routes a value to the few patterns it could match, so plain words cost one test.
  return `CASE
    WHEN left(${x}, 1) IN ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '-', '+', '.') THEN CASE
      WHEN regexp_matches(${x}, ${lit(NOT_NUMERIC_OR_DATE)}) THEN ${C.TEXT}
      WHEN ${re(x, INT)} THEN ${C.INT}
      WHEN ${re(x, DECIMAL)} THEN ${valid(`isfinite(TRY_CAST(${x} AS DOUBLE))`, C.DEC)}
      WHEN ${re(x, DECIMAL_COMMA)} THEN ${C.DEC_COMMA}
      WHEN ${re(x, ISO_DATE)} THEN ${valid(`TRY_CAST(${x} AS DATE) IS NOT NULL`, C.ISO_DATE)}
      WHEN ${re(x, ISO_DATETIME)} THEN ${valid(`TRY_CAST(${x} AS TIMESTAMP) IS NOT NULL`, C.ISO_DATETIME)}
      WHEN ${re(x, ISO_DATETIME_TZ)} THEN ${valid(`TRY_CAST(${x} AS TIMESTAMPTZ) IS NOT NULL`, C.ISO_DATETIME_TZ)}
      WHEN ${re(x, DMY)} THEN CASE WHEN ${strp(x, '%d/%m/%Y')} THEN (CASE WHEN ${strp(x, '%m/%d/%Y')} THEN ${C.SLASH_BOTH} ELSE ${C.SLASH_DMY} END)
        WHEN ${strp(x, '%m/%d/%Y')} THEN ${C.SLASH_MDY} ELSE ${C.TEXT} END
      WHEN ${re(x, YMD)} THEN ${valid(strp(x, '%Y/%m/%d'), C.YMD)}
      WHEN ${re(x, DMY_DASH)} THEN ${valid(strp(x, '%d-%m-%Y'), C.DMY_DASH)}
      WHEN ${re(x, DMY_DOT)} THEN ${valid(strp(x, '%d.%m.%Y'), C.DMY_DOT)}
      WHEN ${re(x, DMY_DATETIME)} THEN ${valid(`try_strptime(${x}, ${DMY_DATETIME_FORMATS}) IS NOT NULL`, C.DMY_DATETIME)}
      WHEN ${re(x, LAT_LON)} THEN ${valid(latLonInRange(x), C.LAT_LON)}
      ELSE ${C.TEXT} END
    WHEN lower(${x}) IN ('true', 'false') THEN ${C.BOOL}
    WHEN left(${x}, 1) IN ('{', '[') THEN
      CASE WHEN NOT json_valid(${x}) THEN ${C.TEXT} WHEN starts_with(${x}, '{') AND (${geoJsonText(x)}) THEN ${C.GEO} ELSE ${C.JSON} END
    WHEN lower(left(${x}, 1)) IN ('p', 'l', 'm', 'g', 's') AND regexp_matches(${x}, ${lit(WKT)}) THEN ${C.GEO}
    ELSE ${C.TEXT} END`;
}

/** The class test as a per-value check: the value's class is one of `classes`. */
function inClasses(classes: number[]): (x: string) => string {
  return (x) => `coalesce((${classSql(x)}) IN (${classes.join(', ')}), false)`;
}

/** A naive datetime is read as UTC; one with an offset keeps its instant. TIMESTAMP parsing plus
 *  make_timestamptz(µs) is several times faster than TIMESTAMPTZ parsing or timezone('UTC', …). */
export const utc = (ts: string): string => `make_timestamptz(epoch_us(${ts}))`;
const isoInstant = (x: string): string => `CASE WHEN ${re(x, ISO_DATETIME_TZ)} THEN CAST(${x} AS TIMESTAMPTZ) ELSE ${utc(`CAST(${x} AS TIMESTAMP)`)} END`;

function rule(id: string, type: FieldType, classes: number[], build: TextRule['build'], test?: TextRule['test'], needsDecimalComma = false): TextRule {
  return { id, type, classes, test: test ?? inClasses(classes), build, needsDecimalComma };
}
const dateFormat = (id: string, classes: number[], format: string): TextRule =>
  rule(id, 'date', classes, (x) => ({ expr: `CAST(strptime(${x}, ${lit(format)}) AS DATE)` }), (x) => safe(`try_strptime(${x}, ${lit(format)}) IS NOT NULL AND ${inClasses(classes)(x)}`));

export const TEXT_RULES: readonly TextRule[] = [
  rule('boolean', 'boolean', [C.BOOL], (x) => ({ expr: `lower(${x}) = 'true'` }), (x) => safe(`lower(${x}) IN ('true', 'false')`)),
  rule('int', 'int', [C.INT], (x) => ({ expr: `CAST(${x} AS BIGINT)` }), (x) => safe(re(x, INT))),
  rule('double', 'double', [C.INT, C.DEC], (x) => ({ expr: `CAST(${x} AS DOUBLE)` }),
    (x) => safe(`${re(x, INT)} OR (${re(x, DECIMAL)} AND isfinite(TRY_CAST(${x} AS DOUBLE)))`)),
  rule('double-comma', 'double', [C.INT, C.DEC_COMMA], (x) => ({ expr: `CAST(replace(${x}, ',', '.') AS DOUBLE)` }),
    (x) => safe(`${re(x, INT)} OR ${re(x, DECIMAL_COMMA)}`), true),
  rule('date-iso', 'date', [C.ISO_DATE], (x) => ({ expr: `CAST(${x} AS DATE)` }), (x) => safe(`${re(x, ISO_DATE)} AND TRY_CAST(${x} AS DATE) IS NOT NULL`)),
  dateFormat('date-dmy', [C.SLASH_BOTH, C.SLASH_DMY], '%d/%m/%Y'),
  dateFormat('date-ymd', [C.YMD], '%Y/%m/%d'),
  dateFormat('date-mdy', [C.SLASH_BOTH, C.SLASH_MDY], '%m/%d/%Y'),
  dateFormat('date-dmy-dash', [C.DMY_DASH], '%d-%m-%Y'),
  dateFormat('date-dmy-dot', [C.DMY_DOT], '%d.%m.%Y'),
  rule('datetime-iso', 'datetime', [C.ISO_DATE, C.ISO_DATETIME], (x) => ({ expr: utc(`CAST(${x} AS TIMESTAMP)`) }),
    (x) => safe(`${re(x, ISO_DATE_OR_DATETIME)} AND TRY_CAST(${x} AS TIMESTAMP) IS NOT NULL`)),
  rule('datetime-iso-tz', 'datetime', [C.ISO_DATE, C.ISO_DATETIME, C.ISO_DATETIME_TZ], (x) => ({ expr: isoInstant(x) }),
    (x) => safe(`${re(x, ISO_DATE_OR_DATETIME_TZ)} AND TRY_CAST(${x} AS TIMESTAMPTZ) IS NOT NULL`)),
  rule('datetime-dmy', 'datetime', [C.SLASH_BOTH, C.SLASH_DMY, C.DMY_DATETIME], (x) => ({ expr: utc(`strptime(${x}, ${DMY_DATETIME_FORMATS})`) }),
    (x) => safe(`(${re(x, DMY)} OR ${re(x, DMY_DATETIME)}) AND try_strptime(${x}, ${DMY_DATETIME_FORMATS}) IS NOT NULL`)),
  // ODS writes a geo_point_2d as "lat, lon" in its CSV exports.
  rule('geo-latlon', 'geo_point_2d', [C.LAT_LON],
    (x) => ({ lat: `CAST(trim(split_part(${x}, ',', 1)) AS DOUBLE)`, lon: `CAST(trim(split_part(${x}, ',', 2)) AS DOUBLE)` }),
    (x) => safe(`${re(x, LAT_LON)} AND ${latLonInRange(x)}`)),
  // WKT or GeoJSON text; converted (and validated) in JS by the geometry pass.
  rule('geo-text', 'geo_shape', [C.GEO], (x) => ({ expr: x })),
  rule('json', 'json_blob', [C.JSON, C.GEO], (x) => ({ expr: `CAST(${x} AS JSON)` }),
    (x) => safe(`(starts_with(${x}, '{') OR starts_with(${x}, '[')) AND json_valid(${x})`)),
];

/** Shape checks (regexes only) for building unverified columns: a value that does not match raises an
 *  error, and one that matches but is not a real date/number makes the CAST itself fail. */
const GUARDS: Record<string, (x: string) => string> = {
  boolean: (x) => `lower(${x}) IN ('true', 'false')`,
  int: (x) => re(x, INT),
  double: (x) => `${re(x, INT)} OR ${re(x, DECIMAL)}`,
  'double-comma': (x) => `${re(x, INT)} OR ${re(x, DECIMAL_COMMA)}`,
  'date-iso': (x) => re(x, ISO_DATE),
  'date-dmy': (x) => re(x, DMY),
  'date-ymd': (x) => re(x, YMD),
  'date-mdy': (x) => re(x, DMY),
  'date-dmy-dash': (x) => re(x, DMY_DASH),
  'date-dmy-dot': (x) => re(x, DMY_DOT),
  // LIKE is several times cheaper than a regex here; CAST rejects the rest of a malformed value, but it
  // would silently drop a zone offset, hence the checks for one.
  'datetime-iso': (x) => `left(${x}, 1) BETWEEN '0' AND '9' AND ${x} LIKE '____-__-__%' AND NOT contains(substr(${x}, 11), '+') AND NOT contains(substr(${x}, 11), '-') AND NOT ends_with(${x}, 'Z')`,
  'datetime-iso-tz': (x) => re(x, ISO_DATE_OR_DATETIME_TZ),
  'datetime-dmy': (x) => `${re(x, DMY)} OR ${re(x, DMY_DATETIME)}`,
  'geo-latlon': (x) => `${re(x, LAT_LON)} AND ${latLonInRange(x)}`,
  json: (x) => `starts_with(${x}, '{') OR starts_with(${x}, '[')`,
};

/** Marker of the error a guarded build raises, so the pipeline can tell it from other failures. */
export const GUARD_ERROR = 'agora: a value does not match the type inferred from the sample';

/** The rule's build, raising an error on any value the rule does not accept (for columns typed
 *  from a sample and checked while the record table is written). */
export function guardedBuild(rule: TextRule, x: string): { expr: string } | { lon: string; lat: string } {
  const b = rule.build(x);
  const guard = GUARDS[rule.id];
  if (!guard) return b;
  const g = (e: string) => `CASE WHEN ${x} IS NULL OR (${guard(x)}) THEN ${e} ELSE error(${lit(GUARD_ERROR)}) END`;
  return 'expr' in b ? { expr: g(b.expr) } : { lon: g(b.lon), lat: g(b.lat) };
}

export const TEXT_RULE: TextRule = { id: 'text', type: 'text', classes: [C.TEXT], test: () => 'true', build: (x) => ({ expr: x }) };

/** The first rule accepting every class in a column's profile (`mask`: bit k = class k met). */
export function ruleForMask(rules: readonly TextRule[], mask: number): TextRule {
  if (mask === 0) return TEXT_RULE;
  return rules.find((r) => {
    const allowed = r.classes.reduce((m, c) => m | (1 << c), 0);
    return (mask & ~allowed) === 0 && (!r.needsDecimalComma || (mask & (1 << C.DEC_COMMA)) !== 0);
  }) ?? TEXT_RULE;
}
