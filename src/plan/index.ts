// The plan stage's one way in: the entry points the HTTP routes, exports and the CLI call. Each
// builds a Plan (access rules, refinements and limits applied here only) and compiles it.
//
// Records rows: the output columns of the select, plus — in 'records' mode without group_by or
// aggregates — a trailing `_rid` column (type 'int'), the record id the route turns into
// `_links`/record id and strips from the body. Default order: `_rid` (stable paging).
import type { AccessRules, CompiledQuery, RecordsQuery } from '../core/request.ts';
import type { Dataset, Field } from '../core/types.ts';
import { compare, literal } from '../query/analyze/expr.ts';
import { fieldNode } from '../query/analyze/scope.ts';
import type { TExpr } from '../query/analyze/typed.ts';
import { analyzeSelectItems, containsAggregate, parseSelect } from '../query/index.ts';
import { odsqlError } from '../query/errors.ts';
import { AgoraError } from '../core/errors.ts';
import { compileCount, compilePlan, compileRecordIdBounds, type Dialect } from '../sql/index.ts';
import { accessFilter } from './access.ts';
import { buildPlan, scopeFor } from './build.ts';
import { allOf } from './refine.ts';
import type { Plan, ShapeMatches } from './types.ts';

export interface PlanOptions {
  mode: 'records' | 'export';
  access: AccessRules;
  dialect: Dialect;
  /** Current time in ms for now() (tests pin it); default Date.now(). */
  now?: number;
  /** Exact answers of the query's shape relations, from exactShapes() (shapes.ts); absent: bbox tests. */
  exact?: ShapeMatches;
}

export interface CompiledRecords {
  records: CompiledQuery;
  count: CompiledQuery;
  /** Deprecated features the query uses, as `FEATURE_ID: message` (the Ods-Explore-Api-Deprecation header). */
  deprecations: string[];
  /** The page the records query returns (limit null: no limit) and whether rows are groups. */
  page: { limit: number | null; offset: number };
  grouped: boolean;
}

export function compileRecords(ds: Dataset, q: RecordsQuery, o: PlanOptions): CompiledRecords {
  return compileRecordsPlan(buildPlan(ds, q, o), o.dialect);
}

/** Compiles a records Plan built beforehand (the route first offers it to the records index). */
export function compileRecordsPlan(plan: Plan, dialect: Dialect): CompiledRecords {
  return {
    records: compilePlan(plan, dialect), count: compileCount(plan, dialect), deprecations: deprecationsOf(plan),
    page: { ...plan.page }, grouped: plan.groupBy !== null,
  };
}

/** An export in stored order, cut into record-id ranges: `bounds` gives the table's smallest and
 *  largest `_rid`, `chunk(after, upTo)` the export's rows with after < _rid <= upTo. Lets the engine
 *  write a long export piece by piece with bounded memory. */
export interface ExportChunks { bounds: CompiledQuery; chunk(after: number, upTo: number): CompiledQuery }

/** Null when the export's rows do not come in stored order (order_by, group_by, aggregates), it
 *  stops early (limit, offset) or keeps the latest record per key (latest_by): those run as one query. Rows are stored in `_rid` order. */
export function compileExportChunks(ds: Dataset, q: RecordsQuery, o: PlanOptions): ExportChunks | null {
  const plan = buildPlan(ds, q, { ...o, mode: 'export' });
  if (plan.groupBy !== null || plan.orderBy.length > 0 || plan.page.limit !== null || plan.page.offset > 0 || plan.latestBy) return null;
  const scope = { ...scopeFor(ds, q, o), clause: 'where' as const };
  const rid = fieldNode(RECORD_ID_FIELD);
  return {
    bounds: compileRecordIdBounds(plan, o.dialect),
    chunk: (after, upTo) => compilePlan({
      ...plan,
      where: allOf([plan.where, compare('>', rid, literal('int', after), 0, scope), compare('<=', rid, literal('int', upTo), 0, scope)].filter((e): e is TExpr => e !== null)),
    }, o.dialect),
  };
}

/** A live stream of records (real time): `after(rid, limit)` gives the rows past record id `rid` that the
 *  filter and the caller's access rules let through, in record-id order; `latest` the largest record id. */
export interface RecordStream { after(rid: number, limit: number): CompiledQuery; latest: CompiledQuery }

export function compileRecordStream(ds: Dataset, q: RecordsQuery, o: PlanOptions): RecordStream {
  if (q.group_by?.trim() || q.order_by?.trim() || q.limit !== undefined || q.offset !== undefined) {
    throw new AgoraError('PARAMETER_INVALID', 'A record stream takes select, where, refine and exclude only: records arrive in the order they are stored (no group_by, order_by, limit or offset).');
  }
  const plan = buildPlan(ds, q, { ...o, mode: 'records' });
  if (plan.select.some((c) => containsAggregate(c.expr))) throw odsqlError('ODSQL_CLAUSE', 'select', 0, 'Aggregate functions are not allowed in a record stream');
  const scope = { ...scopeFor(ds, q, o), clause: 'where' as const };
  const rid = fieldNode(RECORD_ID_FIELD);
  return {
    latest: compileRecordIdBounds(plan, o.dialect),
    after: (after, limit) => compilePlan({
      ...plan,
      where: allOf([plan.where, compare('>', rid, literal('int', after), 0, scope)].filter((e): e is TExpr => e !== null)),
      page: { limit, offset: 0 },
    }, o.dialect),
  };
}

/** The ODSQL reference deprecates grouping by a geo field in v2.1 (still answered, with a warning). */
export function deprecationsOf(plan: Plan): string[] {
  const geoKeys = (plan.groupBy ?? []).filter((k) => k.expr.kind === 'field' && (k.expr.type === 'geo_point_2d' || k.expr.type === 'geo_shape'));
  return geoKeys.length
    ? [`GROUP_BY_GEO_FIELD: Grouping by a geo field (${geoKeys.map((k) => k.name).join(', ')}) is deprecated and will be removed in the next API version; use geo_cluster() instead`]
    : [];
}

const RECORD_ID_FIELD: Field = Object.freeze({ name: '_rid', label: '_rid', type: 'int', description: null, annotations: {} });

/** One record by its id (the `_rid` as a string), with select and access rules; no row if absent. */
export function compileRecordById(ds: Dataset, recordId: string, q: Pick<RecordsQuery, 'select' | 'lang' | 'timezone'>, o: PlanOptions): CompiledQuery {
  const scope = scopeFor(ds, q, o);
  const selectText = q.select?.trim() || '*';
  const select = analyzeSelectItems(parseSelect(selectText), scope);
  if (select.some((c) => containsAggregate(c.expr))) throw odsqlError('ODSQL_CLAUSE', 'select', 0, 'Aggregate functions are not allowed when reading one record');
  if (select.length === 0) throw odsqlError('ODSQL_CLAUSE', 'select', 0, 'The select clause selects no field');
  const parts: TExpr[] = [];
  const rule = accessFilter(ds, o.access, scope);
  if (rule) parts.push(rule);
  const id = /^\d{1,15}$/.test(recordId.trim()) ? Number(recordId.trim()) : null;
  parts.push(id === null
    ? Object.freeze({ kind: 'const_bool', type: 'boolean', value: false })
    : compare('=', fieldNode(RECORD_ID_FIELD), literal('int', id), 0, { ...scope, clause: 'where' }));
  const plan: Plan = { dataset: ds, select, where: allOf(parts), groupBy: null, orderBy: [], page: { limit: 1, offset: 0 }, withRecordId: false, timezone: scope.timezone, ...(o.exact ? { exact: o.exact } : {}) };
  return compilePlan(plan, o.dialect);
}

export { compileFacets, facetTree, type FacetQuery, type FacetValue } from './facets.ts';
export { duckdbDialect, GROUP_TOTAL_COLUMN, postgresDialect, resultColumns, type Dialect } from '../sql/index.ts';
export { buildPlan } from './build.ts';
export { exactPlan, exactShapes, type ShapeReader } from './shapes.ts';
export type { Plan, ShapeMatches } from './types.ts';
