// Opens everything a portal process needs, once: the store, the catalog, its search table and the
// query cache. Shared by `agora serve`, the other CLI commands and the in-process tests.
import { DuckDBBackend } from '../storage/duckdb/index.ts';
import { Catalog, attachSearchTable } from '../catalog/index.ts';
import { duckdbDialect } from '../plan/index.ts';
import { loadConfig, type PortalConfig } from '../core/config.ts';
import { QueryCache } from './cache.ts';
import type { AppContext } from './context.ts';

/** `dataDir: null` keeps everything in memory (tests). */
export async function openPortal(overrides: Partial<PortalConfig> & { inMemory?: boolean } = {}): Promise<AppContext> {
  const config = loadConfig(overrides);
  const backend = new DuckDBBackend({ dataDir: overrides.inMemory ? null : config.dataDir, readPoolSize: config.readPoolSize });
  await backend.open();
  const catalog = new Catalog(backend);
  await catalog.open();
  await attachSearchTable(backend, catalog);
  const cache = new QueryCache();
  cache.attach(catalog);
  return { config, backend, catalog, dialect: duckdbDialect, cache };
}

export async function closePortal(ctx: AppContext): Promise<void> {
  await ctx.backend.close();
}
