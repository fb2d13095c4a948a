// Runtime configuration from flags and environment, with defaults. Read once at start-up.
import { resolve } from 'node:path';

export interface PortalConfig {
  dataDir: string;
  port: number;
  host: string;
  portalName: string;
  /** MapLibre style URL for the basemap (AGORA_BASEMAP, alias AGORA_BASEMAP_STYLE); empty means
   * the offline world basemap bundled with the web app. */
  basemapStyle: string;
  /** Public base URL used in links and feeds. */
  baseUrl: string;
  readPoolSize: number;
  /** Memory for the records index's in-memory copies, in MB (AGORA_RECORDS_INDEX_MB; 0 turns it off). */
  recordsIndexMb: number;
  /** Which proxies' X-Forwarded-For to believe (AGORA_TRUST_PROXY: `true`, or the proxies' IPs/CIDRs
   * comma-separated). Off by default, so a client cannot pick its own address for rate limits. */
  trustProxy?: boolean | string;
  /** Where the portal keeps everything (AGORA_STORE, `--store`): empty for the embedded DuckDB store
   * in dataDir, or a PostgreSQL URL (postgres://user@host:5432/db) shared by any number of nodes. */
  store: string;
  /** The PostgreSQL schema of the store (AGORA_STORE_SCHEMA, default public). */
  storeSchema: string;
  /** A read replica's URL for reads (AGORA_STORE_READ_URL); empty: reads go to the store's URL. */
  storeReadUrl: string;
  /** On a PostgreSQL store, answer records queries and facets of published versions from a DuckDB copy
   *  this node takes of each (AGORA_LOCAL_COPIES, default on; `off` sends them all to PostgreSQL). */
  localCopies: boolean;
}

function trustProxySetting(value: string | undefined): boolean | string {
  if (!value || value === 'false') return false;
  return value === 'true' ? true : value;
}

export function loadConfig(overrides: Partial<PortalConfig> = {}): PortalConfig {
  const env = process.env;
  const port = overrides.port ?? Number(env.PORT ?? 8080);
  const host = overrides.host ?? env.HOST ?? '0.0.0.0';
  return {
    dataDir: resolve(overrides.dataDir ?? env.AGORA_DATA ?? './agora-data'),
    port,
    host,
    portalName: overrides.portalName ?? env.AGORA_PORTAL_NAME ?? 'Agora',
    basemapStyle: overrides.basemapStyle ?? env.AGORA_BASEMAP ?? env.AGORA_BASEMAP_STYLE ?? '',
    baseUrl: (overrides.baseUrl ?? env.AGORA_BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    readPoolSize: overrides.readPoolSize ?? Number(env.AGORA_READ_POOL ?? 4),
    recordsIndexMb: overrides.recordsIndexMb ?? Number(env.AGORA_RECORDS_INDEX_MB ?? 512),
    trustProxy: overrides.trustProxy ?? trustProxySetting(env.AGORA_TRUST_PROXY),
    store: overrides.store ?? env.AGORA_STORE ?? '',
    storeSchema: overrides.storeSchema ?? env.AGORA_STORE_SCHEMA ?? 'public',
    storeReadUrl: overrides.storeReadUrl ?? env.AGORA_STORE_READ_URL ?? '',
    localCopies: overrides.localCopies ?? env.AGORA_LOCAL_COPIES !== 'off',
  };
}
