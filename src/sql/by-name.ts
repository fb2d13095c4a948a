// The dialect of a backend, by the name the backend reports: for stores that write their own tables
// (catalog, governance, pages) on whichever engine the portal runs on.
import type { Dialect } from './dialect.ts';
import { duckdbDialect } from './duckdb.ts';
import { postgresDialect } from './postgres.ts';

export function dialectFor(backend: { readonly dialectName: Dialect['name'] }): Dialect {
  return backend.dialectName === 'postgres' ? postgresDialect : duckdbDialect;
}
