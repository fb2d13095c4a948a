// Which datasets the interoperability outputs may show a caller, and with which record rules: the
// single place interop asks. It defers to the server's access module (src/server/access.ts), so
// governance rules added there apply to every feed, CKAN call and export here too.
import type { FastifyRequest } from 'fastify';
import type { AccessRules } from '../core/request.ts';
import type { Dataset } from '../core/types.ts';
import { AgoraError } from '../core/errors.ts';
import type { AppContext } from '../server/context.ts';
import { accessRules, canSee, describedDataset } from '../server/access.ts';

/** Feeds are also built outside HTTP (CLI); without a request the caller is anonymous. */
const ANONYMOUS = {} as FastifyRequest;

/** Visible datasets in a stable order (dataset_id), so paged feeds never skip or repeat one. */
export function visibleDatasets(ctx: Pick<AppContext, 'catalog'>, req?: FastifyRequest): Dataset[] {
  return ctx.catalog.list().filter((ds) => canSee(req ?? ANONYMOUS, ds))
    .sort((a, b) => (a.dataset_id < b.dataset_id ? -1 : a.dataset_id > b.dataset_id ? 1 : 0));
}

/** The dataset if the caller may see it; 404 otherwise (existence does not leak). */
export function visibleDataset(ctx: Pick<AppContext, 'catalog'>, req: FastifyRequest | undefined, datasetId: string): Dataset {
  const ds = ctx.catalog.find(datasetId);
  if (!ds || !canSee(req ?? ANONYMOUS, ds)) throw new AgoraError('DATASET_NOT_FOUND', `Unknown dataset: ${datasetId}`, { dataset_id: datasetId });
  return ds;
}

/** The record rules (row filter, visible fields) of the caller for one dataset. */
export function recordRules(req: FastifyRequest | undefined, ds: Dataset): AccessRules {
  return accessRules(req ?? ANONYMOUS, ds);
}

/** The datasets as the caller may read their descriptions (hidden fields left out, records_count
 *  under their rules): for metadata outputs only, never for planning queries. */
export function describedDatasets(ctx: AppContext, req: FastifyRequest | undefined, list: Dataset[]): Promise<Dataset[]> {
  return Promise.all(list.map((ds) => describedDataset(ctx, req ?? ANONYMOUS, ds)));
}
