// The PostgreSQL backend: every table of the store in one schema of a server the city already runs;
// a reader pool (optionally on a read replica) plus one writer connection. Same rows as DuckDB's.
// Staged files and Parquet go through an in-memory DuckDB (./duck.ts); no SQL is built from values.
import pg from 'pg';
import Cursor from 'pg-cursor';
import type { DuckDBInstance } from '@duckdb/node-api';
import { numberedRows, STAGE_ORDER_COLUMN, type Backend, type ChangeChannel, type ColumnInfo, type LoadResult, type Row, type Snapshot, type SqlParam, type StagedSource, type WriteTx } from '../backend.ts';
import type { LogicalSqlType } from '../../core/physical.ts';
import { quoteIdent } from '../../sql/quote.ts';
import { Mutex } from '../mutex.ts';
import { swapThenDrop } from '../swap.ts';
import { checkSchema, clientConfig, ensureExtensions, isLost, openError, readQuery, readTimeout, storageError, type PostgresOptions } from './connect.ts';
import { agoraTypes } from './values.ts';
import { openScratch } from './duck.ts';
import { loadViaDuckDB } from './load.ts';
import { BATCH_ROWS, beginLongRead, copyLines, setLocalTimeout, writeParquet } from './files.ts';
import { describeColumns, tableColumns } from './describe.ts';
import { numberPlaceholders as pgSql } from './placeholders.ts';
import { Notifier } from './notify.ts';

export type { PostgresOptions } from './connect.ts';

/** Engine types of staged rows; JSON columns arrive as their text and are cast on insert, as in DuckDB's. */
const STAGE_TYPE: Record<LogicalSqlType, string> = {
  text: 'text', bigint: 'bigint', double: 'double precision', boolean: 'boolean', date: 'date', timestamptz: 'timestamptz', json: 'text',
};

/**
 * Where it differs from DuckDB's backend (the contract suite holds both to the same answers otherwise):
 * - `write`'s onProgress is not called (PostgreSQL cannot tell how far a statement has got);
 *   loadStaged's onProgress covers DuckDB's read of the file, not the COPY into PostgreSQL after it.
 * - Staged and loaded tables have no `rowid` pseudo-column, and rows without ORDER BY come in
 *   insertion order only as far as PostgreSQL happens to keep it (small fresh tables do).
 * - A stream or snapshot holds a share lock on the tables it read until it ends: a swap dropping
 *   such a table waits for it. A snapshot reading a table dropped by a swap committed after the
 *   snapshot began gets an error (catalogs are not versioned by snapshots), not the old rows.
 * - describe/introspect name PostgreSQL's types (format_type: `bigint`, `text[]`, `json`).
 * - TEMP tables of the writer are lost with its connection (a reconnect opens a new session).
 * - loadStaged holds the file's rows in the scratch DuckDB (memory, spilling to the temp dir)
 *   until the COPY is done; copyToFile writes numeric columns as DOUBLE.
 */
export class PostgresBackend implements Backend {
  readonly dialectName = 'postgres' as const;
  private readers!: pg.Pool;
  private writer: pg.Client | null = null;
  private duck: Promise<DuckDBInstance> | null = null;
  private readonly writeLock = new Mutex();
  private readonly notifier: Notifier;
  private readonly readUrl: string;
  constructor(private readonly opts: PostgresOptions) {
    checkSchema(opts.schema ?? 'public');
    this.readUrl = opts.readUrl ?? opts.url;
    this.notifier = new Notifier(opts);
  }

  async open(): Promise<void> {
    try {
      const w = await this.connectWriter();
      // Looked up first: a role that owns its schema need not have CREATE on the database.
      const schema = this.opts.schema ?? 'public';
      const found = await w.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      if (found.rows.length === 0) await w.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await ensureExtensions(w);
    } catch (e) {
      await this.writer?.end().catch(() => undefined);
      this.writer = null;
      throw openError(e, this.opts.url);
    }
    this.readers = new pg.Pool({ ...clientConfig(this.readUrl, this.opts, 'read'), max: this.opts.readPoolSize ?? 4, idleTimeoutMillis: 30_000 });
    // A server gone while a client idles must not crash the process; the next query reports it.
    this.readers.on('error', () => undefined);
    this.readers.on('connect', (c) => c.on('error', () => undefined));
    try {
      await this.readers.query('SELECT 1');
    } catch (e) {
      await this.readers.end().catch(() => undefined);
      await this.writer?.end().catch(() => undefined);
      this.writer = null;
      throw openError(e, this.readUrl);
    }
  }

  private async connectWriter(): Promise<pg.Client> {
    const c = new pg.Client(clientConfig(this.opts.url, this.opts, 'write'));
    const lost = () => { if (this.writer === c) this.writer = null; };
    c.on('error', lost);
    c.on('end', lost);
    try {
      await c.connect();
    } catch (e) {
      await c.end().catch(() => undefined);
      throw e;
    }
    this.writer = c;
    return c;
  }

  /** The writer connection, opened again if the last one was lost (its TEMP tables are gone with it). */
  private async writerClient(): Promise<pg.Client> {
    if (this.writer) return this.writer;
    try {
      return await this.connectWriter();
    } catch (e) {
      throw storageError(e, this.opts.url);
    }
  }

  async close(): Promise<void> {
    await this.notifier.close();
    await this.writeLock.run(async () => {
      await this.readers?.end().catch(() => undefined);
      if (this.opts.dropSchemaOnClose && this.opts.schema && this.opts.schema !== 'public') {
        await this.writer?.query(`DROP SCHEMA IF EXISTS ${quoteIdent(this.opts.schema)} CASCADE`).catch(() => undefined);
      }
      await this.writer?.end().catch(() => undefined);
      this.writer = null;
      const duck = this.duck;
      this.duck = null;
      if (duck) (await duck.catch(() => null))?.closeSync();
    });
  }

  query(sql: string, params: SqlParam[] = []): Promise<Row[]> {
    return this.onReaders(async (pool) => (await pool.query(readQuery(pgSql(sql), params, this.opts))).rows);
  }

  /** Runs on the reader pool, reporting a lost or timed-out server as STORAGE_UNAVAILABLE. */
  private async onReaders<T>(fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
    try {
      return await fn(this.readers);
    } catch (e) {
      throw storageError(e, this.readUrl);
    }
  }

  async *stream(sql: string, params: SqlParam[] = []): AsyncIterable<Row[]> {
    let client: pg.PoolClient;
    try {
      client = await this.readers.connect();
    } catch (e) {
      throw storageError(e, this.readUrl);
    }
    try {
      await beginLongRead(client);
    } catch (e) {
      client.release(e as Error);
      throw storageError(e, this.readUrl);
    }
    let broken: Error | undefined;
    const cursor = client.query(new Cursor<Row>(pgSql(sql), params, { types: agoraTypes }));
    try {
      for (;;) {
        let rows: Row[];
        try {
          rows = await cursor.read(BATCH_ROWS);
        } catch (e) {
          broken = e as Error;
          throw storageError(e, this.readUrl);
        }
        if (rows.length === 0) break;
        yield rows;
      }
    } finally {
      // Early break or error: close the portal, then hand the connection back (or drop it if broken).
      if (!broken) await cursor.close().catch((e: Error) => { broken = e; });
      if (!broken) await client.query('COMMIT').catch((e: Error) => { broken = e; });
      client.release(broken);
    }
  }

  introspect(table: string): Promise<ColumnInfo[]> {
    return this.onReaders((pool) => tableColumns(pool, table));
  }

  write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    // onProgress is not supported: PostgreSQL does not report how far a running statement has got.
    return this.writeLock.run(async () => {
      const w = await this.writerClient();
      const tx: WriteTx = {
        exec: async (sql, params = []) => { await w.query(pgSql(sql), params); },
        query: async (sql, params = []) => (await w.query(pgSql(sql), params)).rows,
        stageRows: async (table, columns, rows) => {
          // One bound JSON text turned into typed rows by PostgreSQL itself: no SQL from values.
          const defs = [`${STAGE_ORDER_COLUMN} bigint`, ...columns.map((c) => `${quoteIdent(c.name)} ${STAGE_TYPE[c.sqlType]}`)].join(', ');
          await w.query(`DROP TABLE IF EXISTS pg_temp.${quoteIdent(table)}`);
          await w.query(`CREATE TEMP TABLE ${quoteIdent(table)} AS SELECT * FROM json_to_recordset($1::json) AS r(${defs})`, [numberedRows(rows)]);
        },
      };
      try {
        await w.query('BEGIN');
        // One writer at a time across every process on this store, as DuckDB has one writer: the
        // stores' MAX()+1 numbering and read-then-write steps stay safe with several nodes.
        await w.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`agora:${this.opts.schema ?? 'public'}`]);
        const out = await fn(tx);
        await w.query('COMMIT');
        return out;
      } catch (e) {
        await w.query('ROLLBACK').catch(() => undefined);
        this.dropWriterIfLost(w, e);
        throw storageError(e, this.opts.url);
      }
    });
  }

  swap(publish: (tx: WriteTx) => Promise<void>, replacedTable: string | null): Promise<void> {
    return swapThenDrop(this, publish, replacedTable);
  }

  async copyToFile(sql: string, params: SqlParam[], path: string, _format: 'parquet', options: { compression: 'snappy' | 'zstd' }): Promise<void> {
    const client = await this.readClient();
    let broken: Error | undefined;
    try {
      await beginLongRead(client);
      await writeParquet(client, await this.scratch(), pgSql(sql), params, path, options.compression);
      await client.query('COMMIT');
    } catch (e) {
      broken = e as Error; // the connection is dropped rather than reused after a failed cursor
      throw storageError(e, this.readUrl);
    } finally {
      client.release(broken);
    }
  }

  async openSnapshot(): Promise<Snapshot> {
    const c = await this.readClient();
    try {
      // REPEATABLE READ takes its snapshot at the first statement, not at BEGIN: take it now.
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await c.query('SELECT 1');
    } catch (e) {
      c.release(e as Error);
      throw storageError(e, this.readUrl);
    }
    let open = true;
    return {
      query: async (sql, params = []) => {
        try { return (await c.query(readQuery(pgSql(sql), params, this.opts))).rows; } catch (e) { throw storageError(e, this.readUrl); }
      },
      copyLinesToFile: async (sql, params, path) => {
        try {
          await setLocalTimeout(c, 0); // the timeout would run over the whole cursor (see beginLongRead)
          await copyLines(c, pgSql(sql), params, path);
          await setLocalTimeout(c, readTimeout(this.opts));
        } catch (e) {
          throw storageError(e, this.readUrl);
        }
      },
      close: async () => {
        if (!open) return;
        open = false;
        let broken: Error | undefined;
        await c.query('ROLLBACK').catch((e: Error) => { broken = e; });
        c.release(broken);
      },
    };
  }

  async notify(channel: ChangeChannel, payload: string): Promise<void> {
    try { await this.notifier.notify(channel, payload); } catch (e) { throw storageError(e, this.opts.url); }
  }

  async listen(channel: ChangeChannel, fn: (payload: string | null) => void): Promise<void> {
    try { await this.notifier.listen(channel, fn); } catch (e) { throw storageError(e, this.opts.url); }
  }

  describe(sql: string): Promise<ColumnInfo[]> {
    return this.onReaders((pool) => describeColumns(pool, pgSql(sql)));
  }

  loadStaged(source: StagedSource, table: string): Promise<LoadResult> {
    return this.writeLock.run(async () => {
      const w = await this.writerClient();
      try {
        return await loadViaDuckDB(await this.scratch(), w, source, table);
      } catch (e) {
        this.dropWriterIfLost(w, e);
        throw storageError(e, this.opts.url);
      }
    });
  }

  /** A writer whose connection is gone is closed and forgotten; the next write opens a new one. */
  private dropWriterIfLost(w: pg.Client, e: unknown): void {
    if (!isLost(e) || this.writer !== w) return;
    this.writer = null;
    void w.end().catch(() => undefined);
  }

  private async readClient(): Promise<pg.PoolClient> {
    try {
      return await this.readers.connect();
    } catch (e) {
      throw storageError(e, this.readUrl);
    }
  }

  /** The in-memory DuckDB that reads staged files and writes Parquet, opened on first use. */
  private scratch(): Promise<DuckDBInstance> {
    if (!this.duck) this.duck = openScratch();
    return this.duck;
  }
}
