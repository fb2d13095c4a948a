// Which datasets a catalog feed describes: every dataset the caller may see or, when the request
// carries the Explore API catalog query parameters (where, refine, exclude, order_by, limit,
// offset), those the catalog query selects. The query goes through plan/ over the catalog search
// table under the caller's access rules, exactly as catalog/datasets does; nothing else is read.
import type { FastifyRequest } from 'fastify';
import type { Dataset } from '../core/types.ts';
import { AgoraError } from '../core/errors.ts';
import { compileRecords } from '../plan/index.ts';
import { catalogSource } from '../server/access.ts';
import type { AppContext } from '../server/context.ts';
import { recordsQuery, type QueryString } from '../server/params.ts';
import { visibleDatasets } from './visibility.ts';

export interface SelectionOptions {
  /** Whether `limit`/`offset` select datasets (false for feeds whose `limit` means something else, RSS). */
  paging: boolean;
}

export async function selectedDatasets(ctx: AppContext, req: FastifyRequest, opts: SelectionOptions = { paging: true }): Promise<Dataset[]> {
  const visible = visibleDatasets(ctx, req);
  const q = recordsQuery((req.query ?? {}) as QueryString);
  const limit = opts.paging ? q.limit : undefined;
  const offset = opts.paging ? q.offset ?? 0 : 0;
  let chosen = visible;
  if (q.where.length || q.refine.length || q.exclude.length || q.order_by) {
    const query = { ...q, select: 'dataset_id', group_by: undefined, limit: undefined, offset: undefined };
    const { dataset, access } = await catalogSource(ctx, visible, req);
    const { records } = compileRecords(dataset, query, { mode: 'export', access, dialect: ctx.dialect });
    const rows = await ctx.backend.query(records.sql, records.params);
    const byId = new Map(visible.map((d) => [d.dataset_id, d]));
    const found = rows.map((r) => byId.get(String(r.dataset_id))).filter((d): d is Dataset => d !== undefined);
    // Without order_by the feed keeps its stable dataset_id order, so paged feeds never skip one.
    const keep = new Set(found);
    chosen = q.order_by ? found : visible.filter((d) => keep.has(d));
  }
  if (offset < 0) throw new AgoraError('PARAMETER_INVALID', `Invalid value for offset: ${offset} (must be 0 or more).`);
  return limit === undefined || limit < 0 ? chosen.slice(offset) : chosen.slice(offset, offset + limit);
}
