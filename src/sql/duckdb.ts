// The DuckDB dialect: `?` placeholders, strip_accents, RE2 regexes, ICU time zones, list lambdas.
// Only what differs from the shared SQL of compile.ts/expr.ts lives here.
import type { DateFormatToken } from '../query/analyze/typed.ts';
import type { Bind, DatePart, Dialect, SqlCastType } from './dialect.ts';
import { quoteIdent } from './quote.ts';

const CAST: Record<SqlCastType, string> = {
  text: 'VARCHAR', bigint: 'BIGINT', double: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', timestamptz: 'TIMESTAMPTZ', timestamp: 'TIMESTAMP',
};

/** Joda symbol → strftime directive (names are rendered by the compiler). */
export const STRFTIME: Record<string, string> = {
  yyyy: '%Y', yy: '%y', xxxx: '%G', ww: '%V', e: '%u', D: '%-j', DDD: '%j', M: '%-m', MM: '%m',
  d: '%-d', dd: '%d', H: '%-H', HH: '%H', h: '%-I', hh: '%I', m: '%-M', mm: '%M', s: '%-S', ss: '%S', a: '%p',
  S: '%g', SS: '%g', SSS: '%g',
};

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  keepsInsertionOrder: true,
  quoteIdent,
  placeholder: () => '?',
  cast: (sql, type) => `CAST(${sql} AS ${CAST[type]})`,
  normalize: (sql) => `strip_accents(lower(${sql}))`,
  regexMatch: (sql, pattern) => `regexp_matches(${sql}, ${pattern})`,
  nonWordClass: '[^\\pL\\pN_]',
  fuzzyWord: (text, term, maxEdits) => `list_bool_or(list_transform(string_split_regex(${text}, '[^\\pL\\pN_]+'), __w -> levenshtein(__w, ${term}) <= ${maxEdits}))`,
  localTime: (sql, tz) => `timezone(${tz}, ${sql})`,
  zonedTime: (sql, tz) => `timezone(${tz}, ${sql})`,
  datePart: (part: DatePart, sql) => (part === 'millisecond' ? `(millisecond(${sql}) % 1000)` : `${part}(${sql})`),
  truncate: (unit, sql) => `date_trunc('${unit}', ${sql})`,
  epochSeconds: (sql) => `epoch(${sql})`,
  fromEpochSeconds: (sql) => `make_timestamp(CAST(round((${sql}) * 1000000) AS BIGINT))`,
  formatDate: (sql: string, tokens: readonly DateFormatToken[], bind: Bind) => {
    const parts: string[] = [];
    let pattern = '';
    const flush = () => { if (pattern) parts.push(`strftime(${sql}, ${bind(pattern)})`); pattern = ''; };
    for (const t of tokens) {
      if ('literal' in t) pattern += t.literal.replace(/%/g, '%%');
      else if (t.symbol === 'xx') { flush(); parts.push(`right(strftime(${sql}, ${bind('%G')}), 2)`); }
      else if (t.symbol === 'w') { flush(); parts.push(`CAST(weekofyear(${sql}) AS VARCHAR)`); }
      else if (t.symbol.startsWith('S')) { flush(); parts.push(`left(lpad(CAST(millisecond(${sql}) % 1000 AS VARCHAR), 3, '0'), ${t.symbol.length})`); }
      else pattern += STRFTIME[t.symbol];
    }
    flush();
    return parts.length === 1 ? parts[0] : `(${parts.join(' || ')})`;
  },
  point: (lon, lat) => `struct_pack(lon := ${lon}, lat := ${lat})`,
  listContains: (list, value) => `list_contains(${list}, ${value})`,
  // A semi-join: list_contains on a constant list scans it per row (5,000 ids × 2M rows: 3.5 s vs 15 ms).
  idIn: (sql, ids, bind) => `${sql} IN (SELECT unnest(CAST(${bind(`[${ids.join(',')}]`)} AS BIGINT[])))`,
  groupableJson: (sql) => sql,
  textListFromJson: (json) => `CAST(CAST(${json} AS JSON) AS VARCHAR[])`,
  listWithout: (list, dropped) => `list_filter(${list}, lambda __f: NOT list_contains(${dropped}, __f))`,
  listAny: (list, elem, pred) => `list_bool_or(list_transform(${list}, ${elem} -> ${pred}))`,
  listToText: (list) => `array_to_string(${list}, ' ')`,
  countTrue: (items) => `len(list_filter([${items.join(', ')}], __c -> __c))`,
  percentile: (sql, fraction) => `quantile_cont(${sql}, ${fraction})`,
  randomKey: (keys, seed) => `hash(${keys.join(', ')}, ${seed})`,
  jsonFormat: (sql, fallback) => `COALESCE(CAST(try(json(${sql})) AS VARCHAR), ${fallback})`,
  numberText: (sql) => `CAST(${sql} AS VARCHAR)`,
  isoText: (sql, kind) => `strftime(${sql}, '${kind === 'date' ? '%Y-%m-%d' : '%Y-%m-%dT%H:%M:%S'}')`,
  pathPrefix: (sql, sep, depth) => `array_to_string(string_split(${sql}, ${sep})[1:${depth}], ${sep})`,
  unnestSelect: (list) => `unnest(${list})`,
  round: (sql, digits) => `CAST(round(CAST(${sql} AS DOUBLE), CAST(${digits} AS INTEGER)) AS DOUBLE)`,
  // Exact convex hull: the distinct points sorted by (lon, lat), then Andrew's monotone chain where
  // each step keeps the longest prefix of the (convex) chain that still turns left before the point.
  hullInput: (lon, lat) => `list_sort(list(DISTINCT struct_pack(lon := ${lon}, lat := ${lat})) FILTER (WHERE ${lon} IS NOT NULL AND ${lat} IS NOT NULL))`,
  ringFromPoints: (l) => {
    const chain = (pts: string) => `array_pop_back(list_reduce(list_transform(${pts}, p -> [p]), (s, qq) -> s[1:list_max(list_filter(range(1, len(s) + 1), k -> k = 1 OR ((s[k].lon - s[k - 1].lon) * (qq[1].lat - s[k - 1].lat) - (s[k].lat - s[k - 1].lat) * (qq[1].lon - s[k - 1].lon)) > 0))] || qq))`;
    const hull = `(CASE WHEN len(${l}) <= 2 THEN ${l} ELSE ${chain(l)} || ${chain(`list_reverse(${l})`)} END)`;
    const ring = `list_transform(${hull} || [${l}[1]], p -> '[' || CAST(p.lon AS VARCHAR) || ',' || CAST(p.lat AS VARCHAR) || ']')`;
    return `CASE WHEN len(${l}) = 0 OR ${l} IS NULL THEN NULL ELSE '{"type":"Polygon","coordinates":[[' || array_to_string(${ring}, ',') || ']]}' END`;
  },
  addInterval: (sql, n, unit) => `(${sql} + INTERVAL ${Math.trunc(n)} ${unit.toUpperCase()})`,
};
