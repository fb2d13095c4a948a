// Order-independent table checksums computed in SQL on DuckDB and on PostgreSQL alike: each value
// becomes one canonical text (same text on both engines for the same value), hashed with md5.
// Builds SQL from quoted identifiers and constants only; never reads or writes rows itself.
import { quoteIdent } from '../../sql/quote.ts';

export type Engine = 'duckdb' | 'postgres';
export interface SourceColumn { name: string; /** the DuckDB type of the source column */ type: string }

type Kind = 'text' | 'float' | 'date' | 'timestamp' | 'json' | { list: Kind };

/** How a DuckDB type is made canonical (the target's column is the type loadStaged maps it to). */
function kindOf(type: string): Kind {
  const list = /^(.+)\[\]$/.exec(type);
  if (list) return /^(STRUCT|MAP|UNION)\(|\]$/.test(list[1]) ? 'json' : { list: kindOf(list[1]) };
  if (/^(STRUCT|MAP|UNION)\(/.test(type)) return 'json';
  if (type === 'DOUBLE' || type === 'FLOAT') return 'float';
  if (type === 'DATE') return 'date';
  if (type.startsWith('TIMESTAMP')) return 'timestamp';
  return 'text';
}

const dblType = (e: Engine) => (e === 'duckdb' ? 'DOUBLE' : 'double precision');

/** Parts of a double's shortest round-trip text (which both engines print) the canonical form is made
 *  of, computed once per value in derived tables: the lowercase text, then mantissa, exponent and sign. */
const part = (i: number, p: 's' | 'm' | 'x' | 'g') => `agora_ck_${p}${i}`;
function textLevel(e: Engine, x: string, i: number): string {
  return `lower(CAST(CAST(${x} AS ${dblType(e)}) AS VARCHAR)) AS ${part(i, 's')}`;
}
function partsLevel(i: number): string {
  const s = part(i, 's');
  return `split_part(ltrim(${s}, '-'), 'e', 1) AS ${part(i, 'm')}, `
    + `(CASE WHEN strpos(${s}, 'e') > 0 THEN CAST(split_part(${s}, 'e', 2) AS INTEGER) ELSE 0 END) AS ${part(i, 'x')}, `
    + `(CASE WHEN left(${s}, 1) = '-' THEN '-' ELSE '' END) AS ${part(i, 'g')}`;
}

/** The text rewritten as digits·10^exponent: `-0.0`/`-0`, `100.0`/`100`, `1e+15`/`1000000000000000.0`
 *  all meet. NaN and infinities by name. `m`, `exp`, `sign`: the parts above (or inline expressions). */
function floatCanonical(e: Engine, v: string, m: string, exp: string, sign: string): string {
  const special = (name: string) => `CAST('${name}' AS ${dblType(e)})`;
  const point = `(CASE WHEN strpos(${m}, '.') > 0 THEN strpos(${m}, '.') - 1 ELSE length(${m}) END)`;
  const d = `replace(${m}, '.', '')`;
  const lead = `(length(${d}) - length(ltrim(${d}, '0')))`;
  const digits = `rtrim(ltrim(${d}, '0'), '0')`;
  return `(CASE WHEN ${v} = ${special('NaN')} THEN 'nan' WHEN ${v} = ${special('Infinity')} THEN 'inf' WHEN ${v} = ${special('-Infinity')} THEN '-inf'`
    + ` WHEN ${digits} = '' THEN ${sign} || '0' ELSE ${sign} || ${digits} || 'e' || CAST(${point} + ${exp} - ${lead} AS VARCHAR) END)`;
}

/** A double inside a list (no derived table there): the same canonical form, its parts inline. */
function floatText(e: Engine, x: string): string {
  const s = `lower(CAST(CAST(${x} AS ${dblType(e)}) AS VARCHAR))`;
  const exp = `(CASE WHEN strpos(${s}, 'e') > 0 THEN CAST(split_part(${s}, 'e', 2) AS INTEGER) ELSE 0 END)`;
  return floatCanonical(e, x, `split_part(ltrim(${s}, '-'), 'e', 1)`, exp, `(CASE WHEN left(${s}, 1) = '-' THEN '-' ELSE '' END)`);
}

/** The canonical text of a non-null value. */
function valueText(e: Engine, x: string, kind: Kind): string {
  if (typeof kind === 'object') return listText(e, x, kind.list);
  switch (kind) {
    case 'float': return floatText(e, x);
    case 'date': return `CAST(${x} - DATE '1970-01-01' AS VARCHAR)`;
    // Microseconds since the epoch (what both engines keep).
    case 'timestamp': return e === 'duckdb' ? `CAST(epoch_us(${x}) AS VARCHAR)` : `CAST(CAST(extract(epoch FROM ${x}) * 1000000 AS BIGINT) AS VARCHAR)`;
    // Struct/map columns travel as their DuckDB JSON text, kept verbatim in a json column.
    case 'json': return e === 'duckdb' ? `CAST(to_json(${x}) AS VARCHAR)` : `CAST(${x} AS VARCHAR)`;
    default: return `CAST(${x} AS VARCHAR)`;
  }
}

/** A list: its elements' tokens in order, comma-separated ('' for an empty list). */
function listText(e: Engine, x: string, element: Kind): string {
  if (e === 'duckdb') return `array_to_string(list_transform(${x}, agora_el -> ${token(e, 'agora_el', element)}), ',')`;
  return `array_to_string(ARRAY(SELECT ${token(e, 'agora_el', element)} FROM unnest(${x}) WITH ORDINALITY AS agora_u(agora_el, agora_o) ORDER BY agora_o), ',')`;
}

/** N for NULL, else V and the md5 of the canonical text: NULL and '' differ, no separator can collide. */
function token(e: Engine, x: string, kind: Kind): string {
  return `(CASE WHEN ${x} IS NULL THEN 'N' ELSE 'V' || md5(${valueText(e, x, kind)}) END)`;
}

/** `SELECT keep…, md5(the row's canonical text) AS agora_h FROM table` (columns in the source's order). */
export function rowHashQuery(e: Engine, table: string, columns: readonly SourceColumn[], keep: readonly string[] = []): string {
  const floats = columns.map((c, i) => [c, i] as const).filter(([c]) => kindOf(c.type) === 'float');
  const parts = columns.map((c, i) => {
    const x = quoteIdent(c.name);
    if (kindOf(c.type) !== 'float') return token(e, x, kindOf(c.type));
    return `(CASE WHEN ${x} IS NULL THEN 'N' ELSE 'V' || md5(${floatCanonical(e, x, part(i, 'm'), part(i, 'x'), part(i, 'g'))}) END)`;
  });
  const hash = `md5(${parts.length ? parts.join(` || ',' || `) : "''"})`;
  let from = quoteIdent(table);
  if (floats.length) {
    from = `(SELECT *, ${floats.map(([c, i]) => textLevel(e, quoteIdent(c.name), i)).join(', ')} FROM ${from}) AS agora_ck_1`;
    from = `(SELECT *, ${floats.map(([, i]) => partsLevel(i)).join(', ')} FROM ${from}) AS agora_ck_2`;
  }
  return `SELECT ${[...keep.map(quoteIdent), `${hash} AS agora_h`].join(', ')} FROM ${from}`;
}

/** One row {rows, sum_hi, sum_lo} as text: the row count and the sums of two 60-bit slices of every
 *  row's hash (exact: DuckDB sums BIGINT into HUGEINT, PostgreSQL into numeric). Order-independent. */
export function checksumSql(e: Engine, table: string, columns: readonly SourceColumn[]): string {
  const slice = (from: number) => e === 'duckdb'
    ? `CAST('0x' || substr(agora_h, ${from}, 15) AS BIGINT)`
    : `CAST(CAST('x0' || substr(agora_h, ${from}, 15) AS bit(64)) AS BIGINT)`;
  return `SELECT CAST(count(*) AS VARCHAR) AS rows, CAST(coalesce(sum(${slice(1)}), 0) AS VARCHAR) AS sum_hi,`
    + ` CAST(coalesce(sum(${slice(16)}), 0) AS VARCHAR) AS sum_lo FROM (${rowHashQuery(e, table, columns)}) AS agora_rows`;
}
