// The in-memory DuckDB the PostgreSQL backend borrows for files: PostgreSQL reads neither Parquet
// nor JSON files and the staged file may exist on this node only, so DuckDB's own readers read it
// here; and DuckDB writes the Parquet exports. Holds no data between calls.
import { DuckDBInstance } from '@duckdb/node-api';
import { tmpdir } from 'node:os';

export function openScratch(): Promise<DuckDBInstance> {
  // No extension downloads (offline machines); spills to the system temp dir past its memory limit.
  return DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', temp_directory: tmpdir(),
  });
}
