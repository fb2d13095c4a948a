// Shared test helpers for ingestion: an in-memory (or temp-dir) store, importing a fixture, and reading
// a dataset's records back in load order, straight from its table.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Catalog } from '../../src/catalog/index.ts';
import { DuckDBBackend } from '../../src/storage/duckdb/index.ts';
import { importDataset, type ImportOptions, type ImportSummary } from '../../src/ingest/index.ts';
import type { Row } from '../../src/storage/backend.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/ingest/', import.meta.url));
export const fixture = (name: string): string => join(FIXTURES, name);

export interface Store { backend: DuckDBBackend; catalog: Catalog; dir: string | null; close(): Promise<void> }

/** A fresh store; on disk in a temp dir when `onDisk`, else in memory. */
export async function openStore(onDisk = false): Promise<Store> {
  const dir = onDisk ? mkdtempSync(join(tmpdir(), 'agora-ingest-test-')) : null;
  const backend = new DuckDBBackend({ dataDir: dir, readPoolSize: 2 });
  await backend.open();
  const catalog = new Catalog(backend);
  await catalog.open();
  return {
    backend, catalog, dir,
    close: async () => { await backend.close(); if (dir) rmSync(dir, { recursive: true, force: true }); },
  };
}

export function importFile(store: Store, file: string, datasetId: string, opts: Partial<ImportOptions> = {}): Promise<ImportSummary> {
  return importDataset(store.catalog, { source: file, datasetId, mode: 'create', ...opts });
}

/** Every record of a dataset, in `_rid` order. */
export function records(store: Store, datasetId: string): Promise<Row[]> {
  const ds = store.catalog.get(datasetId);
  return store.backend.query(`SELECT * FROM "${ds.table}" ORDER BY _rid`);
}

export function types(s: ImportSummary): Record<string, string> {
  return Object.fromEntries(s.fields.map((f) => [f.name, f.type]));
}

/** Column name → engine type of a dataset's table. */
export async function columnTypes(store: Store, datasetId: string): Promise<Record<string, string>> {
  const cols = await store.backend.introspect(store.catalog.get(datasetId).table);
  return Object.fromEntries(cols.map((c) => [c.name, c.type]));
}

/** The AgoraError (or other error) an async call throws; fails the test if none. */
export async function failure(p: Promise<unknown>): Promise<Error & { code?: string; details?: Record<string, unknown> }> {
  try { await p; } catch (e) { return e as Error & { code?: string }; }
  throw new Error('expected a failure, got success');
}
