// The PostgreSQL dialect: `$n` placeholders, unaccent (extension), POSIX regexes, AT TIME ZONE,
// to_char patterns, arrays with ANY/unnest, levenshtein from fuzzystrmatch (extension).
import type { DateFormatToken } from '../query/analyze/typed.ts';
import type { Bind, DatePart, Dialect, SqlCastType } from './dialect.ts';
import { quoteIdent } from './quote.ts';

const CAST: Record<SqlCastType, string> = {
  text: 'text', bigint: 'bigint', double: 'double precision', boolean: 'boolean', date: 'date', timestamptz: 'timestamptz', timestamp: 'timestamp',
};
/** Joda symbol → to_char template pattern (FM drops padding). */
export const TO_CHAR: Record<string, string> = {
  yyyy: 'YYYY', yy: 'YY', xxxx: 'IYYY', xx: 'IY', w: 'FMIW', ww: 'IW', e: 'ID', D: 'FMDDD', DDD: 'DDD', M: 'FMMM', MM: 'MM',
  d: 'FMDD', dd: 'DD', H: 'FMHH24', HH: 'HH24', h: 'FMHH12', hh: 'HH12', m: 'FMMI', mm: 'MI', s: 'FMSS', ss: 'SS', a: 'AM',
  S: 'FMMS', SS: 'MS', SSS: 'MS',
};
const PART: Record<DatePart, string> = {
  year: 'YEAR', month: 'MONTH', day: 'DAY', hour: 'HOUR', minute: 'MINUTE', second: 'SECOND', millisecond: 'MILLISECONDS', quarter: 'QUARTER', isodow: 'ISODOW',
};

function directions(): Array<[number, number]> {
  return Array.from({ length: 64 }, (_, k) => [Math.cos((2 * Math.PI * k) / 64), Math.sin((2 * Math.PI * k) / 64)]
    .map((v) => (Math.abs(v) < 1e-12 ? 0 : Number(v.toFixed(15)))) as [number, number]);
}

export const postgresDialect: Dialect = {
  name: 'postgres',
  keepsInsertionOrder: false,
  quoteIdent,
  placeholder: (n) => `$${n}`,
  cast: (sql, type) => `CAST(${sql} AS ${CAST[type]})`,
  normalize: (sql) => `unaccent(lower(${sql}))`,
  regexMatch: (sql, pattern) => `(${sql} ~ ${pattern})`,
  nonWordClass: '[^[:alnum:]_]',
  fuzzyWord: (text, term, maxEdits) => `EXISTS (SELECT 1 FROM regexp_split_to_table(${text}, '[^[:alnum:]_]+') AS __w(w) WHERE levenshtein(__w.w, ${term}) <= ${maxEdits})`,
  localTime: (sql, tz) => `(${sql} AT TIME ZONE ${tz})`,
  zonedTime: (sql, tz) => `(${sql} AT TIME ZONE ${tz})`,
  datePart: (part, sql) => (part === 'millisecond'
    ? `CAST(floor(EXTRACT(MILLISECONDS FROM ${sql})) AS bigint) % 1000`
    : `CAST(EXTRACT(${PART[part]} FROM ${sql}) AS bigint)`),
  truncate: (unit, sql) => `date_trunc('${unit}', ${sql})`,
  epochSeconds: (sql) => `EXTRACT(EPOCH FROM ${sql})`,
  fromEpochSeconds: (sql) => `(to_timestamp(${sql}) AT TIME ZONE 'UTC')`,
  formatDate: (sql: string, tokens: readonly DateFormatToken[], bind: Bind) => {
    let pattern = '';
    for (const t of tokens) {
      if ('literal' in t) pattern += `"${t.literal.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
      else pattern += TO_CHAR[t.symbol];
    }
    return `to_char(${sql}, ${bind(pattern)})`;
  },
  point: (lon, lat) => `json_build_object('lon', ${lon}, 'lat', ${lat})`,
  listContains: (list, value) => `(${value} = ANY(${list}))`,
  idIn: (sql, ids, bind) => `(${sql} = ANY(CAST(${bind(`{${ids.join(',')}}`)} AS bigint[])))`,
  // The text is what the backend returns for json values anyway (values.ts), so the answer is the same.
  groupableJson: (sql) => `CAST(${sql} AS text)`,
  textListFromJson: (json) => `ARRAY(SELECT json_array_elements_text(CAST(${json} AS json)))`,
  listWithout: (list, dropped) => `ARRAY(SELECT __u.f FROM unnest(${list}) WITH ORDINALITY AS __u(f, i) WHERE NOT (__u.f = ANY(${dropped})) ORDER BY __u.i)`,
  listAny: (list, elem, pred) => `EXISTS (SELECT 1 FROM unnest(${list}) AS ${elem} WHERE ${pred})`,
  listToText: (list) => `array_to_string(${list}, ' ')`,
  countTrue: (items) => `(SELECT count(*) FROM unnest(ARRAY[${items.join(', ')}]) AS __c(c) WHERE __c.c)`,
  percentile: (sql, fraction) => `percentile_cont(${fraction}) WITHIN GROUP (ORDER BY ${sql})`,
  randomKey: (keys, seed) => `md5(concat_ws('|', ${keys.join(', ')}, ${seed}))`,
  jsonFormat: (sql, fallback) => `COALESCE(CASE WHEN ${sql} IS JSON THEN CAST(CAST(${sql} AS jsonb) AS text) END, ${fallback})`,
  numberText: (sql) => `CAST(${sql} AS text)`,
  isoText: (sql, kind) => `to_char(${sql}, '${kind === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM-DD"T"HH24:MI:SS'}')`,
  pathPrefix: (sql, sep, depth) => `array_to_string((string_to_array(${sql}, ${sep}))[1:${depth}], ${sep})`,
  unnestSelect: (list) => `unnest(${list})`,
  round: (sql, digits) => `CAST(round(CAST(${sql} AS numeric), CAST(${digits} AS integer)) AS double precision)`,
  // Approximation (no list lambdas): the extreme point in each of 64 directions, in angular order.
  hullInput: (lon, lat) => `ARRAY[${directions().map(([cx, sy]) => `(array_agg(json_build_object('lon', ${lon}, 'lat', ${lat}) ORDER BY ${lon} * ${cx} + ${lat} * ${sy} DESC) FILTER (WHERE ${lat} IS NOT NULL AND ${lon} IS NOT NULL))[1]`).join(', ')}]`,
  ringFromPoints: (l) => `CASE WHEN ${l}[1] IS NULL THEN NULL ELSE '{"type":"Polygon","coordinates":[[' || (SELECT string_agg('[' || (p->>'lon') || ',' || (p->>'lat') || ']', ',' ORDER BY i) FROM (SELECT p, i FROM unnest(${l} || ${l}[1]) WITH ORDINALITY AS u(p, i) WHERE i = 1 OR (CAST(p AS text) <> CAST((${l} || ${l}[1])[i - 1] AS text) AND (i = cardinality(${l}) + 1 OR CAST(p AS text) <> CAST(${l}[1] AS text)))) AS d) || ']]}' END`,
  addInterval: (sql, n, unit) => `(${sql} + INTERVAL '${Math.trunc(n)} ${unit}')`,
};
