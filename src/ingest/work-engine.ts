// Where a file is staged, typed and turned into a record table: the store itself when it is the
// embedded DuckDB; on any other store (PostgreSQL) a private in-memory DuckDB of this process, since
// the readers and type inference are DuckDB's, and the finished table is then moved into the store.
import { join } from 'node:path';
import type { Backend } from '../storage/backend.ts';
import { DuckDBBackend } from '../storage/duckdb/index.ts';
import { quoteIdent } from '../sql/quote.ts';
import { readBack, sentAsText } from '../storage/float-text.ts';
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
 * Floats travel as their text (storage/float-text.ts).
 */
export async function moveToStore(work: Backend, store: Backend, table: string, ws: Workspace): Promise<string> {
  const columns = await work.introspect(table);
  if (work === store) return columns.map((c) => quoteIdent(c.name)).join(', ');
  const path = join(ws.dir, `${table}.parquet`);
  await work.copyToFile(`SELECT ${columns.map((c) => sentAsText(c.name, c.type)).join(', ')} FROM ${quoteIdent(table)}`, [], path, 'parquet', { compression: 'snappy' });
  await store.loadStaged({ path, format: 'parquet' }, table);
  return columns.map((c) => `${readBack(c.name, c.type)} AS ${quoteIdent(c.name)}`).join(', ');
}
