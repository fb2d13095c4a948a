// DuckDB's own answer to a query over a file (read_csv, read_parquet, read_json): the independent
// oracle tests compare the API with, whichever store the portal under test runs on.
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import type { Row, SqlParam } from '../../src/storage/backend.ts';

let oracle: Promise<DuckDBBackend> | null = null;

/** Rows as the DuckDB backend gives them (numbers as numbers, dates as Date), from a private in-memory DuckDB. */
export async function duckdbAnswer(sql: string, params: SqlParam[] = []): Promise<Row[]> {
  oracle ??= (async () => { const b = new DuckDBBackend({ dataDir: null }); await b.open(); return b; })();
  return (await oracle).query(sql, params);
}

