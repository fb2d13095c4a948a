// loadStaged on PostgreSQL: DuckDB reads the staged file with the very reader and options DuckDB's
// backend uses (duckdb/load.ts: delimiter, allVarchar, skipBadRows and its rejected rows, columns,
// columnTypes), then its rows stream into a TEMP table of the writer session with COPY FROM STDIN.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { LoadResult, StagedSource } from '../backend.ts';
import { quoteIdent } from '../../sql/quote.ts';
import { loadStagedFile } from '../duckdb/load.ts';

interface Mapped { name: string; pgType: string; select: string; array: boolean }

const SCALAR: Record<string, string> = {
  BOOLEAN: 'boolean', TINYINT: 'smallint', SMALLINT: 'smallint', INTEGER: 'integer', BIGINT: 'bigint',
  UTINYINT: 'smallint', USMALLINT: 'integer', UINTEGER: 'bigint', UBIGINT: 'numeric', HUGEINT: 'numeric', UHUGEINT: 'numeric',
  FLOAT: 'real', DOUBLE: 'double precision', VARCHAR: 'text', JSON: 'json', UUID: 'uuid', DATE: 'date', TIME: 'time',
  TIMESTAMP: 'timestamp', TIMESTAMP_S: 'timestamp', TIMESTAMP_MS: 'timestamp', TIMESTAMP_NS: 'timestamp', 'TIMESTAMP WITH TIME ZONE': 'timestamptz',
};

/** A DuckDB column type → the PostgreSQL column and the DuckDB expression giving its COPY text. */
function mapColumn(name: string, type: string): Mapped {
  const col = quoteIdent(name);
  const decimal = /^DECIMAL\((\d+),(\d+)\)$/.exec(type);
  if (decimal) return { name, pgType: `numeric(${decimal[1]},${decimal[2]})`, select: `CAST(${col} AS VARCHAR)`, array: false };
  const list = /^(.+)\[\]$/.exec(type);
  if (list && SCALAR[list[1]]) return { name, pgType: `${SCALAR[list[1]]}[]`, select: `CAST(${col} AS VARCHAR[])`, array: true };
  if (SCALAR[type]) return { name, pgType: SCALAR[type], select: `CAST(${col} AS VARCHAR)`, array: false };
  // Structs, maps, nested lists: their JSON, in a json column.
  if (/^(STRUCT|MAP|UNION)\(|\]$/.test(type)) return { name, pgType: 'json', select: `CAST(to_json(${col}) AS VARCHAR)`, array: false };
  return { name, pgType: 'text', select: `CAST(${col} AS VARCHAR)`, array: false };
}

/** COPY text format: backslash, tab, newline and carriage return escaped, NULL as \N. */
function copyText(v: string): string {
  return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** An array literal of text elements, each quoted: `{"a","b\"c",NULL}`. */
function arrayLiteral(items: unknown[]): string {
  return '{' + items.map((x) => (x === null ? 'NULL' : '"' + String(x).replace(/[\\"]/g, (c) => '\\' + c) + '"')).join(',') + '}';
}

function copyLine(row: unknown[], cols: Mapped[]): string {
  return row.map((v, i) => (v === null ? '\\N' : copyText(cols[i].array ? arrayLiteral(v as unknown[]) : String(v)))).join('\t') + '\n';
}

async function* copyLines(c: DuckDBConnection, table: string, cols: Mapped[]): AsyncGenerator<string> {
  const result = await c.stream(`SELECT ${cols.map((m) => m.select).join(', ')} FROM ${quoteIdent(table)}`);
  for await (const rows of result.yieldRowsJs()) yield rows.map((r) => copyLine(r, cols)).join('');
}

export async function loadViaDuckDB(duck: DuckDBInstance, w: pg.Client, src: StagedSource, table: string): Promise<LoadResult> {
  const c = await duck.connect();
  try {
    if (src.onProgress) {
      await c.run('SET enable_progress_bar = true');
      await c.run('SET enable_progress_bar_print = false');
    }
    const read = await loadStagedFile(c, src, table);
    const described = await c.runAndReadAll('SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position', [table]);
    const cols = described.getRows().map(([n, t]) => mapColumn(String(n), String(t)));
    const t = quoteIdent(table);
    await w.query(`DROP TABLE IF EXISTS pg_temp.${t}`);
    await w.query(`CREATE TEMP TABLE ${t} (${cols.map((m) => `${quoteIdent(m.name)} ${m.pgType}`).join(', ')})`);
    if (cols.length > 0) {
      await pipeline(Readable.from(copyLines(c, table, cols)), w.query(copyFrom(`COPY ${t} FROM STDIN`)));
    }
    return { table, rows: read.rows, rejected: read.rejected };
  } finally {
    c.closeSync(); // its TEMP table goes with it
  }
}
