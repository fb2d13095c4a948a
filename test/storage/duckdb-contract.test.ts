// The shared Backend contract (backend-contract.ts) on DuckDB, in memory.
// Values must not depend on the process's time zone: run where local time is not UTC.
process.env.TZ = 'Europe/Paris';
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { runBackendContract } from './backend-contract.ts';

runBackendContract({
  name: 'DuckDB (in memory)',
  async open() {
    const b = new DuckDBBackend({ dataDir: null, readPoolSize: 2 });
    await b.open();
    return b;
  },
  introspectTypes: { id: 'BIGINT', t: 'VARCHAR', b: 'BIGINT', d: 'DOUBLE', f: 'BOOLEAN', day: 'DATE', ts: 'TIMESTAMP WITH TIME ZONE', j: 'JSON', tags: 'VARCHAR[]' },
  // DuckDB's prepared statement reports a JSON column by its storage type, VARCHAR.
  describeTypes: { id: 'BIGINT', t: 'VARCHAR', b: 'BIGINT', d: 'DOUBLE', f: 'BOOLEAN', day: 'DATE', ts: 'TIMESTAMP WITH TIME ZONE', j: 'VARCHAR', tags: 'VARCHAR[]' },
});
