// Who may see which dataset, and with which rules. The one place routes ask; the rules themselves
// are applied by plan/ only. The caller and their rulesets come from auth.ts (governance).
import type { FastifyRequest } from 'fastify';
import type { AccessRules } from '../core/request.ts';
import { NO_RULES } from '../core/request.ts';
import type { Dataset } from '../core/types.ts';
import { AgoraError } from '../core/errors.ts';
import type { AppContext } from './context.ts';
import { callerCanSee, callerRules } from './auth.ts';
import { catalogMaskedDataset, catalogSearchDataset, coverageFromRow, FEATURES_MASK, featuresMask, featuresOf, temporalFields } from '../catalog/index.ts';
import { compileRecords } from '../plan/index.ts';
import { runCached, runCount } from './run-query.ts';

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

/** Rules for catalog queries (datasets, facets, exports): hide the datasets the caller may not see.
 *  With `req`, a caller whose rules hide rows or fields of a visible dataset also loses the catalog's
 *  records_count and has_records fields, which would otherwise reveal the unfiltered counts. */
export function catalogAccess(ctx: AppContext, visible: Dataset[], req?: FastifyRequest): AccessRules {
  const ruled = req !== undefined && visible.some((ds) => hasRules(callerRules(req, ds, false)));
  const fields = ruled ? catalogSearchDataset().fields.map((f) => f.name).filter((n) => n !== 'records_count' && n !== 'has_records') : null;
  if (visible.length === ctx.catalog.list().length) return fields ? { visibleFields: fields } : NO_RULES;
  if (visible.length === 0) return { isDataVisible: false, visibleFields: fields };
  return { filterQuery: `dataset_id IN (${visible.map((d) => JSON.stringify(d.dataset_id)).join(', ')})`, visibleFields: fields };
}

export interface CatalogSource { dataset: Dataset; access: AccessRules }

/**
 * The catalog table and rules a caller's catalog query (datasets, facets, exports, feed selection)
 * runs with: catalogAccess's rules and, when the caller's rules hide a dataset's only geo or date
 * field (or all its rows), the masked catalog view with one row per dataset carrying the features
 * the caller's own view of it has (describedDataset), so where/refine/facets on `features` match
 * what catalog/datasets shows. Datasets without rules for the caller cost nothing extra.
 */
export async function catalogSource(ctx: AppContext, visible: Dataset[], req: FastifyRequest): Promise<CatalogSource> {
  const access = catalogAccess(ctx, visible, req);
  const ruled = visible.filter((ds) => hasRules(callerRules(req, ds, false)));
  const masks = await Promise.all(ruled.map(async (ds): Promise<[id: string, mask: string]> =>
    [ds.dataset_id, featuresMask(featuresOf(ds), featuresOf(await describedDataset(ctx, req, ds)))]));
  const masked = masks.filter(([, mask]) => mask !== '');
  if (!masked.length) return { dataset: catalogSearchDataset(), access };
  const dataset = catalogMaskedDataset();
  const q = (v: string) => JSON.stringify(v);
  const byMask = new Map<string, string[]>();
  for (const [id, mask] of masked) byMask.set(mask, [...(byMask.get(mask) ?? []), q(id)]);
  const pick = [
    `(${FEATURES_MASK} = "" AND NOT dataset_id IN (${masked.map(([id]) => q(id)).join(', ')}))`,
    ...[...byMask].map(([mask, ids]) => `(${FEATURES_MASK} = ${q(mask)} AND dataset_id IN (${ids.join(', ')}))`),
  ].join(' OR ');
  const shown = (access.visibleFields ?? dataset.fields.map((f) => f.name)).filter((n) => n !== FEATURES_MASK);
  const filterQuery = access.filterQuery ? `(${access.filterQuery}) AND (${pick})` : pick;
  return { dataset, access: { ...access, filterQuery, visibleFields: shown } };
}

function hasRules(r: AccessRules): boolean {
  return r.isDataVisible === false || !!r.filterQuery || (r.visibleFields !== undefined && r.visibleFields !== null);
}

/** The dataset as the caller may read its description (catalog, dataset pages): hidden fields left
 *  out, records_count, has_records and the temporal coverage worked out under the caller's rules. For display only: never
 *  hand it to plan/ (the rules' filter may use the fields it leaves out). */
export async function describedDataset(ctx: AppContext, req: FastifyRequest, ds: Dataset): Promise<Dataset> {
  const rules = callerRules(req, ds, false);
  if (!hasRules(rules)) return ds;
  const shown = rules.visibleFields ? new Set(rules.visibleFields) : null;
  const fields = shown ? ds.fields.filter((f) => shown.has(f.name)) : ds.fields;
  let count = 0;
  if (rules.isDataVisible !== false) {
    const { count: q } = compileRecords(ds, { where: [], refine: [], exclude: [] }, { mode: 'records', access: rules, dialect: ctx.dialect });
    count = await runCount(ctx, ds, q);
  }
  const coverage = count > 0 ? await coverageUnder(ctx, ds, rules, fields) : null;
  const metas = { ...ds.metas, default: { ...ds.metas.default, records_count: count, temporal_coverage: coverage } };
  return { ...ds, fields, metas, has_records: count > 0, data_visible: rules.isDataVisible !== false };
}

/** The data period of the records and date fields the caller may see (min and max through plan/). */
async function coverageUnder(ctx: AppContext, ds: Dataset, rules: AccessRules, fields: Dataset['fields']) {
  const temporal = temporalFields(fields);
  if (temporal.length === 0) return null;
  const field = (name: string) => `\`${name.replace(/`/g, '')}\``;
  const select = temporal.map((f, i) => `min(${field(f.name)}) as lo${i}, max(${field(f.name)}) as hi${i}`).join(', ');
  const { records } = compileRecords(ds, { select, where: [], refine: [], exclude: [] }, { mode: 'records', access: rules, dialect: ctx.dialect });
  const [row] = await runCached(ctx, ds, records);
  return coverageFromRow(temporal, row);
}
