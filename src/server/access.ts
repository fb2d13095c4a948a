// Who may see which dataset, and with which rules. The one place routes ask; the rules themselves
// are applied by plan/ only. The caller and their rulesets come from auth.ts (governance).
import type { FastifyRequest } from 'fastify';
import type { AccessRules } from '../core/request.ts';
import { NO_RULES } from '../core/request.ts';
import type { Dataset } from '../core/types.ts';
import { AgoraError } from '../core/errors.ts';
import type { AppContext } from './context.ts';
import { callerCanSee, callerRules } from './auth.ts';

export function canSee(req: FastifyRequest, ds: Dataset): boolean {
  return callerCanSee(req, ds);
}

/** The dataset if the caller may see it; otherwise 404 (never 403: existence does not leak). */
export function visibleDataset(ctx: AppContext, req: FastifyRequest, datasetId: string): Dataset {
  const ds = ctx.catalog.find(datasetId);
  if (!ds || !canSee(req, ds)) throw new AgoraError('DATASET_NOT_FOUND', `Unknown dataset: ${datasetId}`, { dataset_id: datasetId });
  return ds;
}

export function visibleDatasets(ctx: AppContext, req: FastifyRequest): Dataset[] {
  return ctx.catalog.list().filter((ds) => canSee(req, ds));
}

export function accessRules(req: FastifyRequest, ds: Dataset): AccessRules {
  return callerRules(req, ds);
}

/** Rules for catalog queries (datasets, facets, exports): hide the datasets the caller may not see. */
export function catalogAccess(ctx: AppContext, visible: Dataset[]): AccessRules {
  if (visible.length === ctx.catalog.list().length) return NO_RULES;
  if (visible.length === 0) return { isDataVisible: false };
  return { filterQuery: `dataset_id IN (${visible.map((d) => JSON.stringify(d.dataset_id)).join(', ')})` };
}
