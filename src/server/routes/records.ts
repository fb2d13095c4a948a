// Records, a single record and dataset facets of the Explore API v2.1. Each handler reads like the
// architecture: parameters → visible dataset → plan/compile (rules applied there) → run → shape.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { buildPlan, compileFacets, compileRecordById, compileRecordsPlan, deprecationsOf, exactPlan, exactShapes, GROUP_TOTAL_COLUMN, resultColumns, type Plan } from '../../plan/index.ts';
import { Timing } from '../../core/timing.ts';
import { toApiRecord } from '../respond/values.ts';
import { all, boolParam, one, recordsQuery, timezoneParam, type QueryString } from '../params.ts';
import { accessRules, visibleDataset } from '../access.ts';
import { engineOf, runCached, runCount, shapeReader } from '../run-query.ts';
import { AgoraError } from '../../core/errors.ts';
import { RECORD_ID_COLUMN } from '../../core/physical.ts';
import type { Backend, Row } from '../../storage/backend.ts';
import type { CompiledQuery, ResultColumn } from '../../core/request.ts';
import type { Dataset } from '../../core/types.ts';
import { facetResponse } from './facet-shape.ts';
import { deprecationHeader } from '../errors.ts';

const API = '/api/explore/v2.1';
type DatasetReq = FastifyRequest<{ Params: { dataset_id: string }; Querystring: QueryString }>;

export async function registerRecordRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(`${API}/catalog/datasets/:dataset_id/records`, async (req: DatasetReq, reply) => {
    const ds = visibleDataset(ctx, req, req.params.dataset_id);
    const q = recordsQuery(req.query);
    const includeLinks = boolParam(req.query, 'include_links', false);
    const includeAppMetas = boolParam(req.query, 'include_app_metas', false);
    const timing = new Timing();
    const planned = buildPlan(ds, q, { mode: 'records', access: accessRules(req, ds) });
    timing.mark('plan');
    const plan = await exactPlan(planned, shapeReader(ctx, ds));
    if (plan !== planned) timing.mark('shapes');
    const { rows, total, page, columns } = await pageOf(ctx, ds, plan, reply, timing);
    reply.header('Server-Timing', timing.header());
    const base = `${ctx.config.baseUrl}${API}/catalog/datasets/${encodeURIComponent(ds.dataset_id)}`;
    const results = rows.map((r) => recordBody(r, columns, q.timezone ?? 'UTC', { includeLinks, includeAppMetas, base, ds: ds.metas.default.data_processed }));
    const body: Record<string, unknown> = { total_count: total, results };
    if (includeLinks) body._links = pageLinks(req.url, base, page.offset, page.limit ?? 10, total, ctx.config.baseUrl);
    return body;
  });

  app.get(`${API}/catalog/datasets/:dataset_id/records/:record_id`, async (req: FastifyRequest<{ Params: { dataset_id: string; record_id: string }; Querystring: QueryString }>) => {
    const ds = visibleDataset(ctx, req, req.params.dataset_id);
    const tz = timezoneParam(req.query);
    const access = accessRules(req, ds);
    const exact = await exactShapes(ds, { where: [], refine: [], exclude: [] }, { mode: 'filter', access }, shapeReader(ctx, ds, { engine: ctx.backend, dialect: ctx.dialect }));
    const query = compileRecordById(ds, req.params.record_id, { select: one(req.query, 'select'), lang: one(req.query, 'lang'), timezone: tz }, { mode: 'records', access, dialect: ctx.dialect, exact });
    const rows = await runCached(ctx, ds, query);
    if (rows.length === 0) throw new AgoraError('RECORD_NOT_FOUND', `Unknown record: ${req.params.record_id} in dataset ${ds.dataset_id}`);
    return recordBody(rows[0], query.columns, tz, { includeLinks: false, includeAppMetas: false, base: '', ds: null });
  });

  app.get(`${API}/catalog/datasets/:dataset_id/facets`, async (req: DatasetReq) => {
    const ds = visibleDataset(ctx, req, req.params.dataset_id);
    const q = recordsQuery(req.query);
    let names = all(req.query, 'facet');
    if (names.length === 0) names = ds.fields.filter((f) => f.annotations.facet).map((f) => f.name);
    const { engine, dialect } = engineOf(ctx, ds);
    const access = accessRules(req, ds);
    const exact = await exactShapes(ds, q, { mode: 'filter', access }, shapeReader(ctx, ds, { engine, dialect }));
    const facets = compileFacets(ds, q, names, { mode: 'records', access, dialect, exact });
    const out = await Promise.all(facets.map(async (f) => facetResponse(f.name, await runCached(ctx, ds, f.query, engine))));
    return { _links: [], facets: out };
  });
}

/** The rows and total_count of a records plan: from the records index where it can answer, from the
 *  engine otherwise (through the query cache). */
interface Page { rows: Row[]; total: number; page: Plan['page']; columns: ResultColumn[] }

async function pageOf(ctx: AppContext, ds: Dataset, plan: Plan, reply: FastifyReply, timing: Timing): Promise<Page> {
  deprecationHeader(reply, deprecationsOf(plan));
  const indexed = ctx.recordsIndex?.answer(plan);
  if (indexed) {
    timing.mark('index');
    return { ...indexed, page: plan.page, columns: resultColumns(plan) };
  }
  const { engine, dialect, local } = engineOf(ctx, ds);
  const { records, count, page, grouped } = compileRecordsPlan(plan, dialect);
  timing.mark('compile');
  const [rows, total] = grouped ? await groupsAndTotal(ctx, ds, records, count, page, engine) : await Promise.all([runCached(ctx, ds, records, engine), runCount(ctx, ds, count, engine)]);
  timing.mark(local ? 'local' : 'engine');
  return { rows, total, page, columns: records.columns };
}

/**
 * A group_by page carries the number of groups in a `__total` column (a window over the groups, so
 * one pass over the table); only a page past the last group needs the count query.
 */
async function groupsAndTotal(ctx: AppContext, ds: Dataset, records: CompiledQuery, count: CompiledQuery, page: { limit: number | null; offset: number }, engine: Pick<Backend, 'query'>): Promise<[Row[], number]> {
  const rows = await runCached(ctx, ds, records, engine);
  const first = rows[0];
  if (first && first[GROUP_TOTAL_COLUMN] !== undefined) return [rows, Number(first[GROUP_TOTAL_COLUMN])];
  if (page.offset === 0 && page.limit !== 0) return [rows, 0];
  return [rows, await runCount(ctx, ds, count, engine)];
}

interface RecordBodyOptions { includeLinks: boolean; includeAppMetas: boolean; base: string; ds: string | null }

function recordBody(row: Row, columns: ResultColumn[], tz: string, o: RecordBodyOptions): Record<string, unknown> {
  const rid = row[RECORD_ID_COLUMN];
  const visible = columns.filter((c) => c.name !== RECORD_ID_COLUMN);
  const rec = toApiRecord(row, visible, tz);
  if (rid === undefined || (!o.includeLinks && !o.includeAppMetas)) return rec;
  const head: Record<string, unknown> = {};
  if (o.includeLinks) head._links = [{ rel: 'self', href: `${o.base}/records/${rid}` }, { rel: 'dataset', href: o.base }];
  if (o.includeAppMetas) { head._id = String(rid); head._timestamp = o.ds; }
  return { ...head, ...rec };
}

function pageLinks(url: string, base: string, offset: number, limit: number, total: number, origin: string): Array<{ rel: string; href: string }> {
  const u = new URL(url, origin);
  const at = (off: number) => { u.searchParams.set('offset', String(Math.max(0, off))); return `${base}/records?${u.searchParams}`; };
  const links = [{ rel: 'self', href: at(offset) }, { rel: 'first', href: at(0) }, { rel: 'last', href: at(Math.max(0, Math.floor((total - 1) / Math.max(limit, 1)) * limit)) }];
  if (offset + limit < total) links.push({ rel: 'next', href: at(offset + limit) });
  return links;
}
