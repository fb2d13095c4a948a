// Node-local DuckDB copies of published versions, for aggregations on a PostgreSQL store: each node
// takes its own copy of a version in the background (a Parquet file written from PostgreSQL, read
// into a DuckDB file in its data directory), then group_by, aggregates and facets of that version
// run there, with DuckDB's answers, while pages, live data and writes stay on PostgreSQL.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend, Row, SqlParam } from '../storage/backend.ts';
import { DuckDBBackend } from '../storage/duckdb/index.ts';
import type { Dataset } from '../core/types.ts';
import { physicalColumns, RECORD_ID_COLUMN } from '../core/physical.ts';
import { duckdbDialect, type Dialect } from '../sql/index.ts';
import { quoteIdent } from '../sql/quote.ts';
import { DUCKDB_TYPE } from '../ingest/build.ts';

interface Copy { table: string; version: number; state: 'building' | 'ready' | 'failed' }
const META = 'agora_local_copies';

export class LocalCopies {
  readonly dialect: Dialect = duckdbDialect;
  private readonly copies = new Map<string, Copy>();
  private readonly db: DuckDBBackend;
  private queue: Promise<void> = Promise.resolve();
  /** `removeDir`: the directory is this portal's own temporary one, removed at close. */
  constructor(private readonly store: Backend, private readonly dir: string, private readonly removeDir = false) {
    mkdirSync(dir, { recursive: true });
    this.db = new DuckDBBackend({ dataDir: dir });
  }

  /** Opens the copies file and keeps the copies of versions still published (a restart need not copy again). */
  async open(datasets: readonly Dataset[]): Promise<void> {
    await this.db.open();
    await this.db.write((tx) => tx.exec(`CREATE TABLE IF NOT EXISTS ${META} (dataset_id VARCHAR, table_name VARCHAR, version BIGINT)`));
    const current = new Map(datasets.map((d) => [d.dataset_id, d]));
    for (const r of await this.db.query(`SELECT * FROM ${META}`)) {
      const ds = current.get(String(r.dataset_id));
      if (ds && ds.table === r.table_name && ds.data_version === Number(r.version)) this.copies.set(ds.dataset_id, { table: ds.table, version: ds.data_version, state: 'ready' });
      else await this.remove(String(r.dataset_id), String(r.table_name));
    }
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.db.close();
    if (this.removeDir) rmSync(this.dir, { recursive: true, force: true });
  }

  /** The local engine when it holds this very version; otherwise null, and a copy is scheduled
   *  (never for live datasets: their data changes with every push). */
  engineFor(ds: Dataset): Backend | null {
    if (ds.is_live) return null;
    const c = this.copies.get(ds.dataset_id);
    if (c && c.table === ds.table && c.version === ds.data_version) return c.state === 'ready' ? this.db : null;
    if (c?.state === 'building') return null;
    this.schedule(ds);
    return null;
  }

  query(sql: string, params: SqlParam[]): Promise<Row[]> { return this.db.query(sql, params); }

  /** Resolves once no copy is being taken (tests, benchmarks). */
  async settled(): Promise<void> {
    for (;;) {
      const q = this.queue;
      await q;
      if (q === this.queue) return;
    }
  }

  /** Forgets a deleted dataset's copy. */
  drop(datasetId: string): void {
    const c = this.copies.get(datasetId);
    if (!c) return;
    this.copies.delete(datasetId);
    this.queue = this.queue.then(() => this.remove(datasetId, c.table)).catch(() => undefined);
  }

  private schedule(ds: Dataset): void {
    const old = this.copies.get(ds.dataset_id);
    const copy: Copy = { table: ds.table, version: ds.data_version, state: 'building' };
    this.copies.set(ds.dataset_id, copy);
    this.queue = this.queue.then(async () => {
      try {
        if (old) await this.remove(ds.dataset_id, old.table);
        await this.take(ds);
        copy.state = 'ready';
      } catch (e) {
        copy.state = 'failed'; // answered by PostgreSQL; tried again at the next version
        console.error(`[agora] local copy of ${ds.dataset_id} failed, PostgreSQL answers its aggregations: ${(e as Error).message}`);
      }
    });
  }

  /** Parquet from the store, then a typed DuckDB table of the version's own name (the compiled SQL names it). */
  private async take(ds: Dataset): Promise<void> {
    const file = join(this.dir, `${ds.table}.parquet`);
    const cols = [{ name: RECORD_ID_COLUMN, sqlType: 'bigint' as const }, ...ds.fields.flatMap((f) => physicalColumns(f))];
    try {
      await this.store.copyToFile(`SELECT ${cols.map((c) => quoteIdent(c.name)).join(', ')} FROM ${quoteIdent(ds.table)}`, [], file, 'parquet', { compression: 'zstd' });
      const typed = cols.map((c) => `CAST(${quoteIdent(c.name)} AS ${DUCKDB_TYPE[c.sqlType]}) AS ${quoteIdent(c.name)}`);
      await this.db.write(async (tx) => {
        await tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(ds.table)}`);
        // The path is this node's own data directory and a catalog table name, never request text.
        await tx.exec(`CREATE TABLE ${quoteIdent(ds.table)} AS SELECT ${typed.join(', ')} FROM read_parquet('${file.replace(/'/g, "''")}') ORDER BY ${quoteIdent(RECORD_ID_COLUMN)}`);
        await tx.exec(`DELETE FROM ${META} WHERE dataset_id = ?`, [ds.dataset_id]);
        await tx.exec(`INSERT INTO ${META} VALUES (?, ?, ?)`, [ds.dataset_id, ds.table, ds.data_version]);
      });
    } finally {
      rmSync(file, { force: true });
    }
  }

  private async remove(datasetId: string, table: string): Promise<void> {
    await this.db.write(async (tx) => {
      await tx.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
      await tx.exec(`DELETE FROM ${META} WHERE dataset_id = ? AND table_name = ?`, [datasetId, table]);
    });
  }
}
