// The Backend contract: what the API and ingestion need from a store (DuckDB now, PostgreSQL
// later). Callers hand it compiled SQL with bound parameters; it never builds SQL from user text.

import type { PhysicalColumn } from '../core/physical.ts';

export type Row = Record<string, unknown>;

/** The column of a stageRows table numbering its rows from 1, in the order they were given. */
export const STAGE_ORDER_COLUMN = 'agora_n';
/** The rows stageRows binds as one JSON text, each with its order number first. */
export function numberedRows(rows: ReadonlyArray<Record<string, unknown>>): string {
  return JSON.stringify(rows.map((r, i) => ({ [STAGE_ORDER_COLUMN]: i + 1, ...r })));
}
export type SqlParam = string | number | boolean | null | bigint | Date;

export interface ColumnInfo { name: string; type: string }

/** A local file in a format the engine reads natively, prepared by ingest/. */
export interface StagedSource {
  path: string;
  /** json: a JSON array or JSON Lines, read as one JSON column (`columns[0]`) per record. */
  format: 'csv' | 'ndjson' | 'json' | 'parquet';
  /** CSV only. */
  delimiter?: string;
  /** CSV only: read every column as text (type inference runs afterwards in SQL). */
  allVarchar?: boolean;
  /** CSV only: skip rows with the wrong number of columns and count them. */
  skipBadRows?: boolean;
  /** Column names to read, in order (CSV: replaces the header; NDJSON: the keys). */
  columns?: string[];
  /** NDJSON only: the engine type of each column (e.g. VARCHAR, DOUBLE, JSON). */
  columnTypes?: Record<string, string>;
  /** Called about every 100 ms while the engine reads: the share of the file read (0-1) and rows so far. */
  onProgress?: (p: { fraction: number; rows: number }) => void;
}

export interface LoadResult { table: string; rows: number; rejected: RejectedRow[] }
export interface RejectedRow { line: number; message: string }

export interface Backend {
  readonly dialectName: 'duckdb' | 'postgres';
  open(): Promise<void>;
  close(): Promise<void>;
  /** Runs a read and returns all rows (numbers as JS numbers, dates as Date). */
  query(sql: string, params?: SqlParam[]): Promise<Row[]>;
  /** Streams a read in batches, holding at most one batch in memory. */
  stream(sql: string, params?: SqlParam[]): AsyncIterable<Row[]>;
  /** Column names and engine types of a table. */
  introspect(table: string): Promise<ColumnInfo[]>;
  /** Runs statements on the single writer connection inside one transaction; `onProgress` hears how far
   *  the running statement has got (0-1), about every 100 ms, where the engine can tell. */
  write<T>(fn: (tx: WriteTx) => Promise<T>, opts?: { onProgress?: (fraction: number) => void }): Promise<T>;
  /** Reads a staged file into a new table (outside any published name). The table may be private
   *  to the writer session (DuckDB: a TEMP table): read and drop it inside `write()`. */
  loadStaged(source: StagedSource, table: string): Promise<LoadResult>;
  /** Swaps a dataset's data version in one transaction: `publish` repoints the catalog (and may add
   *  rows, for an append), then the replaced table, if any, is dropped. Either all of it happens or
   *  none: readers see the old version until the commit, the new one after. */
  swap(publish: (tx: WriteTx) => Promise<void>, replacedTable: string | null): Promise<void>;
  /** Lets the engine write a query's result to a local file (Parquet), for exports. */
  copyToFile(sql: string, params: SqlParam[], path: string, format: 'parquet', options: { compression: 'snappy' | 'zstd' }): Promise<void>;
  /** One read snapshot for several statements (one connection, one read transaction), e.g. an
   *  export written piece by piece: it holds a reader connection, as a stream does, until closed. */
  openSnapshot(): Promise<Snapshot>;
  /** The names and engine types of a query's result columns, without running it. */
  describe(sql: string): Promise<ColumnInfo[]>;
  /** Tells the other processes sharing this store that something changed (call after the commit).
   *  A no-op on a store that one process owns (DuckDB). */
  notify(channel: ChangeChannel, payload: string): Promise<void>;
  /** Calls fn with each payload other processes notify on the channel; with null once a lost
   *  connection is back (anything may have changed meanwhile). A no-op where one process owns the store. */
  listen(channel: ChangeChannel, fn: (payload: string | null) => void): Promise<void>;
}

/** What processes sharing one store tell each other changed, one channel per in-memory copy. */
export type ChangeChannel = 'agora_catalog' | 'agora_governance' | 'agora_pages' | 'agora_realtime' | 'agora_branding';

export interface Snapshot {
  query(sql: string, params?: SqlParam[]): Promise<Row[]>;
  /** Lets the engine write a query of one text column to a local file, each value followed by a
   *  line feed and nothing added (no quoting, no header): exports whose lines the SQL already formats. */
  copyLinesToFile(sql: string, params: SqlParam[], path: string): Promise<void>;
  /** Ends the transaction and gives the connection back; safe to call twice. */
  close(): Promise<void>;
}

export interface WriteTx {
  exec(sql: string, params?: SqlParam[]): Promise<void>;
  query(sql: string, params?: SqlParam[]): Promise<Row[]>;
  /** Puts rows (objects keyed by column name, JSON values; a json column as JSON text) into a
   *  temporary table of the writer session, replacing one of that name, with a first column
   *  STAGE_ORDER_COLUMN numbering them from 1 in the order given. */
  stageRows(table: string, columns: readonly PhysicalColumn[], rows: ReadonlyArray<Record<string, unknown>>): Promise<void>;
}
