// The embedded DuckDB backend: one database file in the data directory holding the catalog and
// every dataset's records; a reader pool plus one writer connection. No server, no extensions.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DOUBLE, DuckDBInstance, type DuckDBConnection, type DuckDBType, type DuckDBPreparedStatement, type DuckDBResultReader } from '@duckdb/node-api';
import { numberedRows, STAGE_ORDER_COLUMN, type Backend, type ColumnInfo, type LoadResult, type Row, type Snapshot, type SqlParam, type StagedSource, type WriteTx } from '../backend.ts';
import { AgoraError } from '../../core/errors.ts';
import { ConnectionPool } from './pool.ts';
import { Mutex } from '../mutex.ts';
import { swapThenDrop } from '../swap.ts';
import { plainRow } from './values.ts';
import { loadStagedFile } from './load.ts';
import { quoteIdent } from '../../sql/quote.ts';
import type { LogicalSqlType } from '../../core/physical.ts';

/**
 * Bind types where the client's guess fails: an integral number past 2^53 (1e300) would be bound
 * as a BIGINT and overflow; it is a double. Undefined entries let the client infer as usual.
 */
function bindTypes(params: SqlParam[]): Array<DuckDBType | undefined> {
  return params.map((v) => (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v) ? DOUBLE : undefined));
}

/**
 * A query that compiles but whose values overflow (`age * age * …`) or leave a type's range is
 * the asker's error (400), not the server's: DuckDB reports it as an Out of Range or Conversion error.
 */
function evaluationError(e: unknown): unknown {
  const msg = e instanceof Error ? e.message : '';
  const m = /^(Out of Range|Conversion) Error: ([^\n]*)/.exec(msg);
  return m ? new AgoraError('ODSQL_EVALUATION', `The query cannot be evaluated: ${m[2]}`) : e;
}

/** Engine types of staged rows; JSON columns arrive as their text and are cast on insert. */
const STAGE_TYPE: Record<LogicalSqlType, string> = {
  text: 'VARCHAR', bigint: 'BIGINT', double: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', timestamptz: 'TIMESTAMPTZ', json: 'VARCHAR',
};

/** Prepared statements kept per reader connection. */
const STATEMENT_CACHE_SIZE = 64;

/** `readOnly`: opens an existing store file without ever writing it (agora migrate reads its source so). */
export interface DuckDBOptions { dataDir: string | null; readPoolSize?: number; threads?: number; readOnly?: boolean }

export class DuckDBBackend implements Backend {
  readonly dialectName = 'duckdb' as const;
  private instance!: DuckDBInstance;
  private pool!: ConnectionPool;
  private writer!: DuckDBConnection;
  private readonly writeLock = new Mutex();
  private readonly statements = new WeakMap<DuckDBConnection, Map<string, DuckDBPreparedStatement>>();
  constructor(private readonly opts: DuckDBOptions) {}

  async open(): Promise<void> {
    let path = ':memory:';
    if (this.opts.dataDir) {
      if (!this.opts.readOnly) mkdirSync(this.opts.dataDir, { recursive: true });
      path = join(this.opts.dataDir, 'agora.duckdb');
    }
    // late_materialization_max_rows=0: DuckDB's Top-N late materialization re-scans the whole table for
    // a semi-join on rowid; a records page (ORDER BY … LIMIT 20) runs ~3× faster without it.
    const config: Record<string, string> = { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', late_materialization_max_rows: '0' };
    if (this.opts.threads) config.threads = String(this.opts.threads);
    if (this.opts.readOnly) config.access_mode = 'READ_ONLY';
    try {
      this.instance = await DuckDBInstance.create(path, config);
    } catch (e) {
      const msg = (e as Error).message;
      const lock = /Could not set lock on file[\s\S]*?\(PID (\d+)\)/.exec(msg);
      if (lock) {
        throw new AgoraError('STORAGE_FAILED',
          `The store at ${path} is in use by another process (PID ${lock[1]}, e.g. a running "agora serve"): one process opens it at a time, so stop that one first.`,
          { path, pid: Number(lock[1]) });
      }
      throw new AgoraError('STORAGE_FAILED', `Cannot open the store at ${path}: ${msg.split('\n')[0]}`);
    }
    this.writer = await this.instance.connect();
    // Lets loadStaged report how far a long read has got (connection.progress), without printing.
    await this.writer.run('SET enable_progress_bar = true');
    await this.writer.run('SET enable_progress_bar_print = false');
    this.pool = await ConnectionPool.create(this.instance, this.opts.readPoolSize ?? 4);
  }

  async close(): Promise<void> {
    await this.writeLock.run(async () => {
      this.pool.closeAll();
      this.writer.closeSync();
      this.instance.closeSync();
    });
  }

  query(sql: string, params: SqlParam[] = []): Promise<Row[]> {
    return this.pool.use(async (c) => {
      try {
        const reader = params.length ? await this.runPrepared(c, sql, params) : await c.runAndReadAll(sql);
        return reader.getRowObjectsJS().map(plainRow);
      } catch (e) {
        throw evaluationError(e);
      }
    });
  }

  /**
   * Runs a parameterised statement through a small per-connection cache of prepared statements:
   * the API sends the same SQL text with new bound values, so parsing and planning are done once
   * (records pages ~2× faster). A cached statement that fails is dropped and the query retried fresh.
   */
  private async runPrepared(c: DuckDBConnection, sql: string, params: SqlParam[]): Promise<DuckDBResultReader> {
    let cache = this.statements.get(c);
    if (!cache) this.statements.set(c, cache = new Map());
    const cached = cache.get(sql);
    if (cached) {
      cache.delete(sql);
      try {
        cached.bind(params as never, bindTypes(params) as never);
        const reader = await cached.runAndReadAll();
        cache.set(sql, cached);
        return reader;
      } catch {
        cached.destroySync();
      }
    }
    let stmt: DuckDBPreparedStatement;
    try {
      stmt = await c.prepare(sql);
    } catch {
      return c.runAndReadAll(sql, params as never, bindTypes(params) as never); // several statements, or an error to report as usual
    }
    try {
      stmt.bind(params as never, bindTypes(params) as never);
      const reader = await stmt.runAndReadAll();
      cache.set(sql, stmt);
      if (cache.size > STATEMENT_CACHE_SIZE) {
        const [oldest, old] = cache.entries().next().value as [string, DuckDBPreparedStatement];
        cache.delete(oldest);
        old.destroySync();
      }
      return reader;
    } catch (e) {
      stmt.destroySync();
      throw e;
    }
  }

  async *stream(sql: string, params: SqlParam[] = []): AsyncIterable<Row[]> {
    const c = await this.pool.acquire();
    try {
      const result = await c.stream(sql, params as never, bindTypes(params) as never);
      for await (const batch of result.yieldRowObjectJs()) yield batch.map(plainRow);
    } catch (e) {
      throw evaluationError(e);
    } finally {
      this.pool.release(c);
    }
  }

  async introspect(table: string): Promise<ColumnInfo[]> {
    const rows = await this.query(
      'SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position',
      [table],
    );
    return rows as unknown as ColumnInfo[];
  }

  write<T>(fn: (tx: WriteTx) => Promise<T>, opts: { onProgress?: (fraction: number) => void } = {}): Promise<T> {
    return this.writeLock.run(async () => {
      const w = this.writer;
      const onProgress = opts.onProgress;
      const timer = onProgress ? setInterval(() => {
        const p = w.progress.percentage;
        if (p >= 0) onProgress(Math.min(1, p / 100));
      }, 100) : null;
      const tx: WriteTx = {
        exec: async (sql, params = []) => { await w.run(sql, params as never); },
        query: async (sql, params = []) => (await w.runAndReadAll(sql, params as never, bindTypes(params) as never)).getRowObjectsJS().map(plainRow),
        stageRows: async (table, columns, rows) => {
          // One bound JSON text read by DuckDB's JSON reader into typed columns: no file, no SQL from values.
          const struct = JSON.stringify(Object.fromEntries([[STAGE_ORDER_COLUMN, 'BIGINT'], ...columns.map((c) => [c.name, STAGE_TYPE[c.sqlType]])]));
          await w.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS SELECT unnest(from_json(?::JSON, '[${struct.replace(/'/g, "''")}]'), recursive := true)`, [numberedRows(rows)]);
        },
      };
      await w.run('BEGIN TRANSACTION');
      try {
        const out = await fn(tx);
        await w.run('COMMIT');
        return out;
      } catch (e) {
        await w.run('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        if (timer) clearInterval(timer);
      }
    });
  }

  swap(publish: (tx: WriteTx) => Promise<void>, replacedTable: string | null): Promise<void> {
    return swapThenDrop(this, publish, replacedTable);
  }

  copyToFile(sql: string, params: SqlParam[], path: string, _format: 'parquet', options: { compression: 'snappy' | 'zstd' }): Promise<void> {
    const compression = options.compression === 'zstd' ? 'zstd' : 'snappy';
    const target = "'" + path.replace(/'/g, "''") + "'";
    return this.pool.use(async (c) => { await c.run(`COPY (${sql}) TO ${target} (FORMAT parquet, COMPRESSION ${compression})`, params as never); });
  }

  async openSnapshot(): Promise<Snapshot> {
    const c = await this.pool.acquire();
    try {
      // DuckDB starts a database's transaction lazily, when a statement first reads its catalog: read
      // it now, so the snapshot is the store as openSnapshot returns, not as the first query runs.
      await c.run('BEGIN TRANSACTION');
      await c.run('SELECT count(*) FROM duckdb_tables()');
    } catch (e) {
      this.pool.release(c);
      throw e;
    }
    let open = true;
    return {
      query: async (sql, params = []) => (await c.runAndReadAll(sql, params as never, bindTypes(params) as never)).getRowObjectsJS().map(plainRow),
      copyLinesToFile: async (sql, params, path) => {
        const target = "'" + path.replace(/'/g, "''") + "'";
        // QUOTE '' turns quoting off: the single column is written exactly as the SQL built it.
        await c.run(`COPY (${sql}) TO ${target} (FORMAT csv, HEADER false, QUOTE '', ESCAPE '')`, params as never);
      },
      close: async () => {
        if (!open) return;
        open = false;
        await c.run('ROLLBACK').catch(() => undefined);
        this.pool.release(c);
      },
    };
  }

  /** One process owns a DuckDB file: nobody else to tell. */
  async notify(): Promise<void> {}
  async listen(): Promise<void> {}

  describe(sql: string): Promise<ColumnInfo[]> {
    return this.pool.use(async (c) => {
      const stmt = await c.prepare(sql);
      try {
        return Array.from({ length: stmt.columnCount }, (_, i) => ({ name: stmt.columnName(i), type: stmt.columnType(i).toString() }));
      } finally {
        stmt.destroySync();
      }
    });
  }

  loadStaged(source: StagedSource, table: string): Promise<LoadResult> {
    return this.writeLock.run(() => loadStagedFile(this.writer, source, table));
  }
}
