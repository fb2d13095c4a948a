// Where a file is staged, typed and turned into a record table: the store itself when it is the
// embedded DuckDB; on any other store (PostgreSQL) a private in-memory DuckDB of this process, since
// the readers and type inference are DuckDB's, and the finished table is then moved into the store.
import { join } from 'node:path';
import type { Backend } from '../storage/backend.ts';
import { DuckDBBackend } from '../storage/duckdb/index.ts';
import { quoteIdent } from '../sql/quote.ts';
import type { Workspace } from './sources/files.ts';

/** Runs fn with the engine that stages and types files for this store (opened and closed around it). */
export async function withWorkEngine<T>(store: Backend, fn: (work: Backend) => Promise<T>): Promise<T> {
  if (store.dialectName === 'duckdb') return fn(store);
  const work = new DuckDBBackend({ dataDir: null, readPoolSize: 1 });
  await work.open();
  try {
    return await fn(work);
  } finally {
    await work.close();
  }
}

/**
 * Moves a table of the work engine into the store as a private table of the store's writer session
 * (read it inside the store's next `write()`), by way of a Parquet file in the workspace; returns the
 * SELECT list that reads it back with the work engine's types (no-op and plain names when they are one).
 * Floats travel as their text: DuckDB's Parquet dictionaries take -0.0 for 0.0 in repetitive columns.
 */
export async function moveToStore(work: Backend, store: Backend, table: string, ws: Workspace): Promise<string> {
  const columns = await work.introspect(table);
  const float = (type: string) => /^(DOUBLE|FLOAT)(\[\])?$/.exec(type);
  if (work === store) return columns.map((c) => quoteIdent(c.name)).join(', ');
  const path = join(ws.dir, `${table}.parquet`);
  const sent = columns.map((c) => (float(c.type) ? `CAST(${quoteIdent(c.name)} AS VARCHAR${c.type.endsWith('[]') ? '[]' : ''}) AS ${quoteIdent(c.name)}` : quoteIdent(c.name)));
  await work.copyToFile(`SELECT ${sent.join(', ')} FROM ${quoteIdent(table)}`, [], path, 'parquet', { compression: 'snappy' });
  await store.loadStaged({ path, format: 'parquet' }, table);
  return columns.map((c) => {
    const f = float(c.type);
    return f ? `CAST(${quoteIdent(c.name)} AS ${f[1] === 'DOUBLE' ? 'DOUBLE PRECISION' : 'REAL'}${f[2] ?? ''}) AS ${quoteIdent(c.name)}` : quoteIdent(c.name);
  }).join(', ');
}
