// Processors benchmark: the 3,000,000 flights CSV (vega-datasets) imported plain, then replaced with
// a 10-processor pipeline, in the same run; prints rows/s of each and the ratio. Every processor here
// has a SQL form, so the publish runs the pipeline as one DuckDB statement over the staged table
// (src/ingest/processors/sql-run.ts); the engine that ran is printed (js if a record needed JS).
// With BENCH_JS=1 it then also times the pipeline alone over the plain import's table both ways (the
// SQL statement, then the JS path every publish took before, batch by batch), outside any import.
// Usage: npm run bench:processors   (BENCH_ROWS=n to cut the file to its first n rows)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Catalog } from '../src/catalog/index.ts';
import { importDataset } from '../src/ingest/index.ts';
import { parseProcessor, pfield, planPipeline, portalContext, processInto, processorStore } from '../src/ingest/processors/index.ts';
import { DuckDBBackend } from '../src/storage/duckdb/index.ts';
import { vegaFile } from '../src/demo/index.ts';

const PIPELINE = [
  { type: 'rename_field', field: 'destination', new_name: 'dest' },
  { type: 'copy_field', field: 'origin', new_field: 'origin_code' },
  { type: 'string_replace', field: 'origin_code', old: 'A', new: 'a' },
  { type: 'regex_replace', field: 'dest', regex: '^([A-Z])', replace: '$1-' },
  { type: 'concatenate', fields: 'origin,dest', new_field: 'route', separator: '→' },
  { type: 'expression', expression: 'delay * 60', output_field: 'delay_s', output_type: 'double' },
  { type: 'skip_records', condition: 'distance > 4000' },
  { type: 'add_field', field: 'source', value: 'BTS' },
  { type: 'normalize_unicode', field: 'route' },
  { type: 'delete_field', field: 'origin_code' },
];

const work = mkdtempSync(join(tmpdir(), 'agora-bench-proc-'));
try {
  const csv = join(work, 'flights.csv');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const limit = process.env.BENCH_ROWS ? ` LIMIT ${Math.trunc(Number(process.env.BENCH_ROWS))}` : '';
  await c.run(`COPY (SELECT * FROM read_parquet($1)${limit}) TO '${csv}' (FORMAT csv, HEADER true)`, [vegaFile('flights-3m.parquet')]);
  const backend = new DuckDBBackend({ dataDir: join(work, 'data') });
  await backend.open();
  const catalog = new Catalog(backend);
  await catalog.open();
  let t = performance.now();
  const plain = await importDataset(catalog, { source: csv, datasetId: 'flights', mode: 'create' });
  const plainS = (performance.now() - t) / 1000;
  const ds = catalog.get('flights');
  const configs = PIPELINE.map((p, i) => parseProcessor(p, `pr_${i}`));
  const alone: string[] = [];
  if (process.env.BENCH_JS) {
    const planned = await planPipeline(configs, ds.fields.map(pfield), portalContext(catalog));
    for (const engine of ['sql', 'js'] as const) {
      const s0 = performance.now();
      const r = await processInto(backend, planned, ds.table, `bench_proc_${engine}`, engine);
      const s = (performance.now() - s0) / 1000;
      alone.push(`pipeline alone (${r.engine}):  ${plain.rowsLoaded.toLocaleString('en')} rows in ${s.toFixed(2)} s (${Math.round(plain.rowsLoaded / s).toLocaleString('en')} rows/s), ${r.rows.toLocaleString('en')} kept`);
      await backend.write((tx) => tx.exec(`DROP TABLE bench_proc_${engine}`));
    }
  }
  await (await processorStore(catalog)).putPipeline(ds.dataset_uid, configs);
  t = performance.now();
  const piped = await importDataset(catalog, { source: csv, datasetId: 'flights', mode: 'replace' });
  const pipedS = (performance.now() - t) / 1000;
  await backend.close();
  const rate = (rows: number, s: number) => Math.round(rows / s).toLocaleString('en');
  console.log(`plain import:           ${plain.rowsLoaded.toLocaleString('en')} rows in ${plainS.toFixed(2)} s (${rate(plain.rowsLoaded, plainS)} rows/s)`);
  console.log(`with ${PIPELINE.length} processors (${piped.processorsEngine}): ${plain.rowsLoaded.toLocaleString('en')} rows in ${pipedS.toFixed(2)} s (${rate(plain.rowsLoaded, pipedS)} rows/s), ${piped.rowsLoaded.toLocaleString('en')} kept`);
  console.log(`ratio (with / plain time): ${(pipedS / plainS).toFixed(1)}×; target 500,000 rows/s through the pipeline`);
  for (const line of alone) console.log(line);
} finally {
  rmSync(work, { recursive: true, force: true });
}
