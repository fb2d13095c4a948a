// Runs a compiled query for a route: through the cache for JSON answers (keyed by dataset and data
// version), and times the engine stage. Exports stream instead and bypass this.
import type { CompiledQuery } from '../core/request.ts';
import type { Dataset } from '../core/types.ts';
import type { Backend, Row } from '../storage/backend.ts';
import type { AppContext } from './context.ts';
import type { Dialect } from '../sql/index.ts';
import type { ShapeReader } from '../plan/index.ts';

/** The engine and dialect a dataset's records and facets queries run on: the node-local copy of the
 *  version when it holds one (PostgreSQL stores), else the store. */
export function engineOf(ctx: AppContext, ds: Dataset): { engine: Pick<Backend, 'query'>; dialect: Dialect; local: boolean } {
  const local = ctx.localCopies?.engineFor(ds);
  return local ? { engine: local, dialect: ctx.localCopies!.dialect, local: true } : { engine: ctx.backend, dialect: ctx.dialect, local: false };
}

/** `engine`: where the query runs (default the store; a node-local copy compiles its own SQL, so the
 *  cache keys of the two never meet). */
export function runCached(ctx: AppContext, ds: Dataset, q: CompiledQuery, engine: Pick<Backend, 'query'> = ctx.backend): Promise<Row[]> {
  const key = ctx.cache.key(ds.dataset_id, ds.data_version, q.sql, q.params);
  return ctx.cache.get(key, () => engine.query(q.sql, q.params));
}

export async function runCount(ctx: AppContext, ds: Dataset, q: CompiledQuery, engine?: Pick<Backend, 'query'>): Promise<number> {
  const rows = await runCached(ctx, ds, q, engine);
  const first = rows[0];
  return first ? Number(Object.values(first)[0]) : 0;
}

/** Where plan/shapes.ts reads a dataset's shape candidates: the engine its queries run on (default the
 *  records engine of engineOf), its answers remembered in the query cache for the data version. */
export function shapeReader(ctx: AppContext, ds: Dataset, on: { engine: Pick<Backend, 'query'>; dialect: Dialect } = engineOf(ctx, ds)): ShapeReader {
  return {
    dialect: on.dialect,
    query: (sql, params) => on.engine.query(sql, params),
    remember: (key, compute) => ctx.cache.get(ctx.cache.key(ds.dataset_id, ds.data_version, key, []), compute),
  };
}
