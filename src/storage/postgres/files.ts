// Files written from a PostgreSQL query, read through a server-side cursor one batch at a time:
// text lines (each value of the single column + \n) and Parquet, written by the scratch DuckDB from
// the values' PostgreSQL text cast to DuckDB types (COPY … TO STDOUT cannot take bound parameters).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type pg from 'pg';
import Cursor from 'pg-cursor';
import type { DuckDBInstance } from '@duckdb/node-api';
import type { SqlParam } from '../backend.ts';
import { quoteIdent } from '../../sql/quote.ts';
import { rawTypes } from './values.ts';

/** Rows read from a cursor at once: DuckDB's vector size, so both backends' streams batch alike. */
export const BATCH_ROWS = 2048;

/** Sets statement_timeout for the rest of the current transaction (milliseconds, 0 = none). */
export async function setLocalTimeout(c: pg.ClientBase, ms: number): Promise<void> {
  await c.query("SELECT set_config('statement_timeout', $1, true)", [String(Math.max(0, Math.trunc(ms)))]);
}

/** PostgreSQL's statement_timeout runs over a whole cursor, not each batch, and would cut a long
 *  export: a cursor read runs in a read-only transaction with it off (keepalive still finds a lost server). */
export async function beginLongRead(c: pg.ClientBase): Promise<void> {
  await c.query('BEGIN READ ONLY');
  await setLocalTimeout(c, 0);
}

type Field = { name: string; dataTypeID: number };

/** One cursor read, with the result's fields (known even when no row comes). */
function read(cursor: Cursor, n: number): Promise<{ rows: unknown[][]; fields: Field[] }> {
  return new Promise((resolve, reject) => {
    cursor.read(n, (err, rows, result) => (err ? reject(err) : resolve({ rows: rows as unknown[][], fields: result?.fields ?? [] })));
  });
}

async function* batches(c: pg.ClientBase, sql: string, params: SqlParam[]): AsyncGenerator<{ rows: unknown[][]; fields: Field[] }> {
  const cursor = c.query(new Cursor(sql, params, { rowMode: 'array', types: rawTypes }));
  try {
    for (let first = true; ; first = false) {
      const batch = await read(cursor, BATCH_ROWS);
      if (batch.rows.length === 0 && !first) return;
      yield batch;
      if (batch.rows.length === 0) return;
    }
  } finally {
    await cursor.close().catch(() => undefined);
  }
}

export async function copyLines(c: pg.ClientBase, sql: string, params: SqlParam[], path: string): Promise<void> {
  const out = createWriteStream(path);
  try {
    for await (const { rows } of batches(c, sql, params)) {
      if (rows.length === 0) continue;
      if (!out.write(rows.map((r) => (r[0] === null ? '' : String(r[0])) + '\n').join(''))) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
}

/** PostgreSQL type OID → the DuckDB type its text is cast to (unknown types stay text). */
const DUCK_TYPE: Record<number, string> = {
  16: 'BOOLEAN', 20: 'BIGINT', 21: 'SMALLINT', 23: 'INTEGER', 700: 'FLOAT', 701: 'DOUBLE', 1700: 'DOUBLE',
  1082: 'DATE', 1114: 'TIMESTAMP', 1184: 'TIMESTAMPTZ', 114: 'JSON', 3802: 'JSON', 2950: 'UUID',
  1000: 'BOOLEAN[]', 1016: 'BIGINT[]', 1005: 'SMALLINT[]', 1007: 'INTEGER[]', 1021: 'FLOAT[]', 1022: 'DOUBLE[]', 1231: 'DOUBLE[]',
  1182: 'DATE[]', 1115: 'TIMESTAMP[]', 1185: 'TIMESTAMPTZ[]', 1009: 'VARCHAR[]', 1015: 'VARCHAR[]', 199: 'JSON[]', 3807: 'JSON[]',
};

export async function writeParquet(c: pg.ClientBase, duck: DuckDBInstance, sql: string, params: SqlParam[], path: string, compression: 'snappy' | 'zstd'): Promise<void> {
  const d = await duck.connect();
  try {
    let typed = '';
    for await (const { rows, fields } of batches(c, sql, params)) {
      if (!typed) {
        const types = fields.map((f) => DUCK_TYPE[f.dataTypeID] ?? 'VARCHAR');
        // Rows arrive as one bound JSON text of {cN: text or [text]} objects, cast column by column.
        const struct = JSON.stringify(Object.fromEntries(types.map((t, i) => [`c${i}`, t.endsWith('[]') ? 'VARCHAR[]' : 'VARCHAR'])));
        await d.run(`CREATE TEMP TABLE agora_out (${fields.map((f, i) => `${quoteIdent(f.name)} ${types[i]}`).join(', ')})`);
        typed = `INSERT INTO agora_out SELECT ${types.map((t, i) => `CAST(x.c${i} AS ${t})`).join(', ')}
          FROM (SELECT unnest(from_json($1::JSON, '[${struct.replace(/'/g, "''")}]')) AS x)`;
      }
      if (rows.length === 0) continue;
      await d.run(typed, [JSON.stringify(rows.map((r) => Object.fromEntries(r.map((v, i) => [`c${i}`, v]))))]);
    }
    if (!typed) throw new Error('copyToFile: the query returned no result columns');
    const target = "'" + path.replace(/'/g, "''") + "'";
    await d.run(`COPY agora_out TO ${target} (FORMAT parquet, COMPRESSION ${compression === 'zstd' ? 'zstd' : 'snappy'})`);
  } finally {
    d.closeSync();
  }
}
