// Per-connection type parsers giving the values DuckDB's backend gives (duckdb/values.ts): int8 and
// numeric as JS numbers, date as a Date at UTC midnight, timestamp as a Date read as UTC, json as
// its text, arrays as arrays of those. Passed as each client's `types`; pg's globals stay untouched.
import pg from 'pg';

type Parser = (text: string) => unknown;

const number: Parser = (v) => Number(v);
const utc: Parser = (v) => {
  if (v === 'infinity' || v === '-infinity') return v === 'infinity' ? Infinity : -Infinity;
  const bc = v.endsWith(' BC');
  const d = new Date((bc ? v.slice(0, -3) : v).replace(' ', 'T') + (v.includes(':') ? 'Z' : 'T00:00:00Z'));
  if (bc) d.setUTCFullYear(1 - d.getUTCFullYear());
  return d;
};
const text: Parser = (v) => v;

/** Scalar types by OID whose pg default differs from what DuckDB's backend returns. */
const SCALAR: Record<number, Parser> = {
  20: number, 1700: number, // int8, numeric
  1082: utc, 1114: utc, // date, timestamp (no zone: read as UTC, as DuckDB does)
  114: text, 3802: text, // json, jsonb
};

/** Array OID → element OID, for arrays parsed element by element. */
const ARRAY: Record<number, number> = {
  1005: 21, 1007: 23, 1016: 20, 1021: 700, 1022: 701, 1231: 1700, 1000: 16,
  1182: 1082, 1115: 1114, 1185: 1184, 199: 114, 3807: 3802,
};

const defaultParser = pg.types.getTypeParser as (oid: number, format: 'text' | 'binary') => unknown;
const textArray = defaultParser(1009, 'text') as (v: string) => unknown[];

function scalar(oid: number): Parser {
  return SCALAR[oid] ?? (defaultParser(oid, 'text') as Parser);
}

function mapDeep(a: unknown[], f: Parser): unknown[] {
  return a.map((x) => (x === null ? null : Array.isArray(x) ? mapDeep(x, f) : f(x as string)));
}

function parserFor(oid: number): Parser {
  const elem = ARRAY[oid];
  if (elem !== undefined) {
    const f = scalar(elem);
    return (v) => mapDeep(textArray(v), f);
  }
  return scalar(oid);
}

const cache = new Map<number, Parser>();

/** The `types` option of every client of this backend. */
export const agoraTypes = {
  getTypeParser: ((oid: number, format?: string) => {
    if (format === 'binary') return defaultParser(oid, 'binary');
    let p = cache.get(oid);
    if (!p) cache.set(oid, p = parserFor(oid));
    return p;
  }) as typeof pg.types.getTypeParser,
};

/** Raw text of every value (arrays still split into string arrays): for writing files. */
export const rawTypes = {
  getTypeParser: ((oid: number) => (ARRAY[oid] !== undefined || oid === 1009 || oid === 1015 ? textArray : text)) as typeof pg.types.getTypeParser,
};
