// What every route handler can reach: configuration, the store, the catalog, the SQL dialect of
// the store and the query cache. Built once at start-up by app.ts.
import type { RecordsIndex } from '../records-index/index.ts';
import type { LocalCopies } from '../local-copy/index.ts';
import type { PortalConfig } from '../core/config.ts';
import type { Backend } from '../storage/backend.ts';
import type { Catalog } from '../catalog/index.ts';
import type { Dialect } from '../sql/index.ts';
import type { QueryCache } from './cache.ts';
import type { GovernanceStore } from '../governance/store.ts';
import type { Realtime } from '../realtime/index.ts';
import type { SecretBox } from '../core/secrets.ts';

export interface AppContext {
  config: PortalConfig;
  backend: Backend;
  catalog: Catalog;
  dialect: Dialect;
  cache: QueryCache;
  /** Accounts, API keys and dataset security (opened by governance's ensureGovernance). */
  governance?: GovernanceStore;
  /** Seals and opens the secrets of connections kept in the store (core/secrets.ts). */
  secrets: SecretBox;
  /** Real-time resources, the intake log and its writer (push API, MQTT). */
  realtime: Realtime;
  /** Answers the records pages it can from in-memory copies of published versions (absent: the engine answers all). */
  recordsIndex?: RecordsIndex;
  /** On a PostgreSQL store: DuckDB copies of published versions on this node, for records queries and facets. */
  localCopies?: LocalCopies;
}
