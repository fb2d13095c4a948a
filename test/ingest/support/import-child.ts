// A child process for crash tests: imports FILE into DATASET_ID (MODE create|replace|append) in the store
// at DATA_DIR and, at the named point, prints "PAUSED" and waits to be killed (kill -9) by the test.
// Points: staged (the source is in the staging table), created (the new record table exists, its
// transaction not committed), published (the publishing transaction ran every statement, no COMMIT yet).
import { Catalog } from '../../../src/catalog/index.ts';
import { importDataset } from '../../../src/ingest/index.ts';
import { DuckDBBackend } from '../../../src/storage/duckdb/index.ts';
import type { WriteTx } from '../../../src/storage/backend.ts';

const [dataDir, file, datasetId, mode, point] = process.argv.slice(2);
const pause = (): Promise<never> => {
  process.stdout.write('PAUSED\n');
  return new Promise<never>(() => { setInterval(() => undefined, 1000); });
};
const backend = new DuckDBBackend({ dataDir });
await backend.open();
const catalog = new Catalog(backend);
await catalog.open();

const write = backend.write.bind(backend);
backend.write = <T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> => write((tx) => fn({
  query: tx.query,
  stageRows: tx.stageRows,
  exec: async (sql, params) => {
    await tx.exec(sql, params);
    if (point === 'created' && sql.startsWith('CREATE TABLE "rec_')) await pause();
    if (point === 'published' && sql.startsWith('INSERT INTO agora_datasets')) await pause();
  },
}));
const loadStaged = backend.loadStaged.bind(backend);
backend.loadStaged = async (src, table) => {
  const res = await loadStaged(src, table);
  if (point === 'staged') await pause();
  return res;
};

await importDataset(catalog, { source: file, datasetId, mode: mode as 'create' | 'replace' | 'append' });
process.stdout.write('DONE\n');
await backend.close();
