// Runs a compiled query for a route: through the cache for JSON answers (keyed by dataset and data
// version), and times the engine stage. Exports stream instead and bypass this.
import type { CompiledQuery } from '../core/request.ts';
import type { Dataset } from '../core/types.ts';
import type { Row } from '../storage/backend.ts';
import type { AppContext } from './context.ts';

export function runCached(ctx: AppContext, ds: Dataset, q: CompiledQuery): Promise<Row[]> {
  const key = ctx.cache.key(ds.dataset_id, ds.data_version, q.sql, q.params);
  return ctx.cache.get(key, () => ctx.backend.query(q.sql, q.params));
}

export async function runCount(ctx: AppContext, ds: Dataset, q: CompiledQuery): Promise<number> {
  const rows = await runCached(ctx, ds, q);
  const first = rows[0];
  return first ? Number(Object.values(first)[0]) : 0;
}
