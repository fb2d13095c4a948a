// Opens everything a portal process needs, once: the store, the catalog, its search table and the
// query cache. Shared by `agora serve`, the other CLI commands and the in-process tests.
import { RecordsIndex } from '../records-index/index.ts';
import { openStore } from './store.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCopies } from '../local-copy/index.ts';
import type { Backend } from '../storage/backend.ts';
import { Catalog, attachSearchTable } from '../catalog/index.ts';
import { loadConfig, type PortalConfig } from '../core/config.ts';
import { QueryCache } from './cache.ts';
import { Realtime } from '../realtime/index.ts';
import type { AppContext } from './context.ts';
import { secretBox } from '../core/secrets.ts';

/** `inMemory` keeps everything in memory (tests); `subscribe` runs the MQTT subscriptions (the server). */
export async function openPortal(overrides: Partial<PortalConfig> & { inMemory?: boolean; subscribe?: boolean } = {}): Promise<AppContext> {
  const config = loadConfig(overrides);
  const { backend, dialect } = await openStore(config, overrides.inMemory === true);
  const catalog = new Catalog(backend);
  await catalog.open();
  await attachSearchTable(backend, catalog);
  const cache = new QueryCache();
  cache.attach(catalog);
  const ephemeral = overrides.inMemory === true;
  const secrets = secretBox({ dataDir: ephemeral || backend.dialectName !== 'duckdb' ? null : config.dataDir, shared: !ephemeral && backend.dialectName !== 'duckdb' });
  const realtime = await Realtime.open(catalog, { dataDir: ephemeral ? null : config.dataDir, subscribe: overrides.subscribe === true, secrets });
  const recordsIndex = config.recordsIndexMb > 0 ? new RecordsIndex(backend, dialect, { maxBytes: config.recordsIndexMb * 1024 * 1024 }) : undefined;
  if (recordsIndex) catalog.onChange((ds, id) => { if (!ds) recordsIndex.drop(id); });
  const localCopies = backend.dialectName !== 'duckdb' && config.localCopies ? await openLocalCopies(backend, catalog, config, overrides.inMemory === true) : undefined;
  return { config, backend, catalog, dialect, cache, realtime, secrets, ...(recordsIndex ? { recordsIndex } : {}), ...(localCopies ? { localCopies } : {}) };
}

/** In the data directory (a temporary one for an inMemory portal, removed at close). */
async function openLocalCopies(backend: Backend, catalog: Catalog, config: PortalConfig, ephemeral: boolean): Promise<LocalCopies> {
  const dir = ephemeral ? mkdtempSync(join(tmpdir(), 'agora-copies-')) : join(config.dataDir, 'local-copies');
  const copies = new LocalCopies(backend, dir, ephemeral);
  await copies.open(catalog.list());
  catalog.onChange((ds, id) => { if (!ds) copies.drop(id); });
  return copies;
}

export async function closePortal(ctx: AppContext): Promise<void> {
  await ctx.localCopies?.close();
  await ctx.realtime.close();
  await ctx.backend.close();
}
