// Column names and PostgreSQL type names (format_type) of a table, or of a query without reading
// its rows: the query runs under LIMIT 0 with every placeholder bound to NULL.
import type pg from 'pg';
import type { ColumnInfo } from '../backend.ts';
import { quoteIdent } from '../../sql/quote.ts';

export async function tableColumns(pool: pg.Pool, table: string): Promise<ColumnInfo[]> {
  // to_regclass reads the quoted name as a bound value and resolves it through search_path.
  const r = await pool.query<ColumnInfo>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
      WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [quoteIdent(table)]);
  return r.rows;
}

/** The highest `$n` outside string literals and quoted names. */
function placeholderCount(sql: string): number {
  let max = 0;
  for (const m of sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, ' ').matchAll(/\$(\d+)/g)) max = Math.max(max, Number(m[1]));
  return max;
}

export async function describeColumns(pool: pg.Pool, sql: string): Promise<ColumnInfo[]> {
  const params = Array.from({ length: placeholderCount(sql) }, () => null);
  const r = await pool.query(`SELECT * FROM (${sql}) AS agora_described LIMIT 0`, params);
  if (r.fields.length === 0) return [];
  const types = await pool.query<{ type: string }>(
    'SELECT format_type(t.oid, NULLIF(t.mod, -1)) AS type FROM unnest($1::oid[], $2::int[]) WITH ORDINALITY AS t(oid, mod, i) ORDER BY t.i',
    [r.fields.map((f) => f.dataTypeID), r.fields.map((f) => f.dataTypeModifier)]);
  return r.fields.map((f, i) => ({ name: f.name, type: types.rows[i].type }));
}
