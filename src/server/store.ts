// Opens the store a portal runs on: the embedded DuckDB file in the data directory, or a PostgreSQL
// database (AGORA_STORE=postgres://…) that several nodes share; with the SQL dialect that goes with it.
import { randomBytes } from 'node:crypto';
import type { PortalConfig } from '../core/config.ts';
import { AgoraError } from '../core/errors.ts';
import { duckdbDialect, postgresDialect, type Dialect } from '../plan/index.ts';
import type { Backend } from '../storage/backend.ts';
import { DuckDBBackend } from '../storage/duckdb/index.ts';
import { PostgresBackend } from '../storage/postgres/index.ts';

export function isPostgresUrl(store: string): boolean { return /^postgres(ql)?:\/\//i.test(store); }

/** `ephemeral`: nothing outlives the process (DuckDB in memory; on PostgreSQL a fresh schema dropped at close). */
export async function openStore(config: PortalConfig, ephemeral: boolean): Promise<{ backend: Backend; dialect: Dialect }> {
  const backend = createBackend(config, ephemeral);
  await backend.open();
  return { backend, dialect: backend.dialectName === 'postgres' ? postgresDialect : duckdbDialect };
}

function createBackend(config: PortalConfig, ephemeral: boolean): Backend {
  if (!config.store || config.store === 'duckdb') return new DuckDBBackend({ dataDir: ephemeral ? null : config.dataDir, readPoolSize: config.readPoolSize });
  if (!isPostgresUrl(config.store)) {
    throw new AgoraError('CONFIG_INVALID', `AGORA_STORE / --store must be empty (the embedded store) or a postgres:// URL, not ${JSON.stringify(config.store.replace(/\/\/[^@/]*@/, '//***@'))}.`);
  }
  return new PostgresBackend({
    url: config.store,
    schema: ephemeral ? `agora_tmp_${randomBytes(6).toString('hex')}` : config.storeSchema,
    dropSchemaOnClose: ephemeral,
    readPoolSize: config.readPoolSize,
    ...(config.storeReadUrl ? { readUrl: config.storeReadUrl } : {}),
  });
}
