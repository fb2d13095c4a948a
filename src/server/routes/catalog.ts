// Catalog routes of the Explore API v2.1: the entry links, datasets (ODSQL over dataset metadata with
// relevance ranking for searches), one dataset, and catalog facets. Visibility comes from access.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { CATALOG_FACETS } from '../../catalog/index.ts';
import { compileFacets, compileRecords } from '../../plan/index.ts';
import { parseSelect } from '../../query/index.ts';
import { toApiRecord } from '../respond/values.ts';
import { all, boolParam, recordsQuery, type QueryString } from '../params.ts';
import { catalogSource, describedDataset, visibleDataset, visibleDatasets } from '../access.ts';
import { apiDataset } from '../dataset-view.ts';
import { runCached } from '../run-query.ts';
import { AgoraError } from '../../core/errors.ts';
import type { AccessRules, RecordsQuery } from '../../core/request.ts';
import type { Dataset } from '../../core/types.ts';
import { facetResponse } from './facet-shape.ts';
import { rankBySearch } from './catalog-rank.ts';

const API = '/api/explore/v2.1';
type Req = FastifyRequest<{ Querystring: QueryString }>;

function checkPage(q: RecordsQuery): { limit: number; offset: number } {
  const limit = q.limit ?? 10;
  const offset = q.offset ?? 0;
  if (limit < -1 || limit > 100 || offset < 0 || (limit > 0 && offset + limit > 10000)) {
    throw new AgoraError('LIMIT_INVALID', `Invalid limit/offset (limit=${limit}, offset=${offset}): limit must be between 0 and 100 and offset + limit at most 10000.`);
  }
  return { limit: limit < 0 ? 100 : limit, offset };
}

export async function registerCatalogRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(`${API}/catalog`, async () => {
    const base = `${ctx.config.baseUrl}${API}/catalog`;
    return { links: [
      { rel: 'self', href: base }, { rel: 'datasets', href: `${base}/datasets` },
      { rel: 'exports', href: `${base}/exports` }, { rel: 'facets', href: `${base}/facets` },
    ] };
  });
  app.get(`${API}`, async () => ({ links: [{ rel: 'catalog', href: `${ctx.config.baseUrl}${API}/catalog` }] }));

  app.get(`${API}/catalog/datasets`, async (req: Req) => {
    const q = recordsQuery(req.query);
    const includeLinks = boolParam(req.query, 'include_links', false);
    const visible = visibleDatasets(ctx, req);
    const { dataset: catalogDs, access } = await catalogSource(ctx, visible, req);
    if (q.group_by) {
      const { records, count } = compileRecords(catalogDs, q, { mode: 'records', access, dialect: ctx.dialect });
      const [rows, total] = await Promise.all([runCached(ctx, catalogDs, records), runCached(ctx, catalogDs, count)]);
      return { total_count: Number(Object.values(total[0] ?? { n: 0 })[0]), results: rows.map((r) => toApiRecord(r, records.columns, q.timezone ?? 'UTC')) };
    }
    const page = checkPage(q);
    const { records } = compileRecords(catalogDs, { ...q, select: 'dataset_id', limit: undefined, offset: undefined }, { mode: 'export', access, dialect: ctx.dialect });
    const rows = await ctx.backend.query(records.sql, records.params);
    let ids = rows.map((r) => String(r.dataset_id));
    if (!q.order_by) ids = rankBySearch(ids, q.where, (id) => ctx.catalog.find(id));
    let results = await Promise.all(ids.slice(page.offset, page.offset + page.limit).map((id) => ctx.catalog.find(id)).filter((d): d is Dataset => !!d)
      .map(async (ds) => apiDataset(await describedDataset(ctx, req, ds), { baseUrl: ctx.config.baseUrl, includeLinks })));
    if (q.select?.trim() && q.select.trim() !== '*') results = await projectDatasets(ctx, catalogDs, q, access, results, includeLinks);
    const body: Record<string, unknown> = { total_count: ids.length, results };
    if (includeLinks) body._links = [{ rel: 'self', href: `${ctx.config.baseUrl}${req.url}` }];
    return body;
  });

  app.get(`${API}/catalog/datasets/:dataset_id`, async (req: FastifyRequest<{ Params: { dataset_id: string }; Querystring: QueryString }>) => {
    const ds = await describedDataset(ctx, req, visibleDataset(ctx, req, req.params.dataset_id));
    return apiDataset(ds, { baseUrl: ctx.config.baseUrl, includeLinks: boolParam(req.query, 'include_links', false) });
  });

  app.get(`${API}/catalog/facets`, async (req: Req) => {
    const q = recordsQuery(req.query);
    const names = all(req.query, 'facet');
    const { dataset: catalogDs, access } = await catalogSource(ctx, visibleDatasets(ctx, req), req);
    const facets = compileFacets(catalogDs, q, names.length ? names : CATALOG_FACETS, { mode: 'records', access, dialect: ctx.dialect });
    const out = await Promise.all(facets.map(async (f) => facetResponse(f.name, await runCached(ctx, catalogDs, f.query))));
    return { _links: [], facets: out };
  });
}

/** Top-level members of a dataset body that a catalog select names directly (`select=dataset_id, fields`). */
const DATASET_MEMBERS = new Set(['dataset_id', 'dataset_uid', 'attachments', 'has_records', 'data_visible', 'features', 'metas', 'fields']);

/**
 * A catalog `select`: members of the dataset body named directly are kept as they are; any other
 * item is ODSQL over the catalog table (e.g. `records_count * 2 as double`, `title`), added flat.
 */
async function projectDatasets(ctx: AppContext, catalogDs: Dataset, q: RecordsQuery, access: AccessRules, bodies: Array<Record<string, unknown>>, includeLinks: boolean): Promise<Array<Record<string, unknown>>> {
  // Checked as written first, so an error names the position in the caller's own select text.
  const memberFields = [...DATASET_MEMBERS].filter((m) => !catalogDs.fields.some((f) => f.name === m))
    .map((name) => ({ name, label: name, type: 'text' as const, description: null, annotations: {} }));
  compileRecords({ ...catalogDs, fields: [...catalogDs.fields, ...memberFields] }, { select: q.select, where: [], refine: [], exclude: [], lang: q.lang, timezone: q.timezone }, { mode: 'export', access, dialect: ctx.dialect });
  const members = new Set<string>();
  const rest: string[] = [];
  for (const item of parseSelect(q.select!)) {
    if (item.kind === 'select_expr' && item.expr.kind === 'field' && !item.alias && DATASET_MEMBERS.has(item.expr.name)) members.add(item.expr.name);
    else if (item.kind === 'select_all') for (const m of DATASET_MEMBERS) members.add(m);
    else if (item.kind === 'select_expr') rest.push(item.alias ? `${item.text} as \`${item.alias.replace(/`/g, '')}\`` : item.text);
    else throw new AgoraError('ODSQL_CLAUSE', 'ODSQL query is malformed: include() and exclude() are not supported in a catalog select. Clause(s) containing the error(s): select.', { clause: 'select', position: item.pos });
  }
  let extra = new Map<string, Record<string, unknown>>();
  if (rest.length && bodies.length) {
    const ids = bodies.map((b) => String(b.dataset_id));
    const { records } = compileRecords(catalogDs, {
      select: `${rest.join(', ')}, dataset_id as __agora_id`, where: [`dataset_id IN (${ids.map((id) => JSON.stringify(id)).join(', ')})`],
      refine: [], exclude: [], lang: q.lang, timezone: q.timezone,
    }, { mode: 'export', access, dialect: ctx.dialect });
    const rows = await runCached(ctx, catalogDs, records);
    const columns = records.columns.filter((c) => c.name !== '__agora_id');
    extra = new Map(rows.map((r) => [String(r.__agora_id), toApiRecord(r, columns, q.timezone ?? 'UTC')]));
  }
  return bodies.map((b) => {
    const out: Record<string, unknown> = {};
    if (includeLinks && b._links) out._links = b._links;
    for (const [k, v] of Object.entries(b)) if (members.has(k)) out[k] = v;
    return { ...out, ...extra.get(String(b.dataset_id)) };
  });
}
