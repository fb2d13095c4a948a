// Exact geometry, the step between plan and SQL (issue 16): intersects/within/disjoint on a geo_shape
// field cannot be decided in SQL without a spatial extension, so for each such call of a plan this
// runs a candidate query on the dataset's current table (bounding boxes overlap, or lie inside for
// within; only the record id and the shape's GeoJSON are read, internally: the access rules apply in
// the main query afterwards), tests each candidate exactly with turf (shape-tests.ts), and hands the
// SQL compiler the matching record ids (Plan.exact), bound as one parameter. Counts, pages,
// aggregations, facets and exports then all read the same exact answer. Answers are remembered per
// dataset data version, field, relation and geometry, so polling apps do not test the shapes again.
// Reads through a ShapeReader only: no route, HTTP or cache type here.
import type { AccessRules, RecordsQuery } from '../core/request.ts';
import type { Dataset } from '../core/types.ts';
import type { SqlParam, Row } from '../storage/backend.ts';
import { children } from '../query/analyze/clauses.ts';
import type { TCall, TExpr } from '../query/analyze/typed.ts';
import { compileShapeCandidates, type Dialect } from '../sql/index.ts';
import { buildPlan, scopeFor, whereOf } from './build.ts';
import { parseShape, shapeIntersects, shapeWithin } from './shape-tests.ts';
import { shapeKey, type Plan, type ShapeMatches } from './types.ts';

/** Where the candidates are read: the engine (and its dialect) the main query will run on. */
export interface ShapeReader {
  readonly dialect: Dialect;
  query(sql: string, params: SqlParam[]): Promise<Row[]>;
  /** Keeps an answer for the dataset's current data version under a key (a query cache); absent: none. */
  remember?(key: string, compute: () => Promise<number[]>): Promise<number[]>;
}

const NONE: ShapeMatches = new Map();

/** The plan with its shape relations answered exactly (unchanged when it has none). */
export async function exactPlan(plan: Plan, reader: ShapeReader): Promise<Plan> {
  const calls = shapeCalls([plan.where, ...plan.select.map((c) => c.expr), ...(plan.groupBy ?? []).map((g) => g.expr), ...plan.orderBy.map((t) => t.expr)]);
  return calls.length ? { ...plan, exact: await answer(plan.dataset, calls, reader) } : plan;
}

/**
 * The exact answers for a query the caller compiles later through PlanOptions.exact (exports, facets):
 * `mode` is the plan mode it will use; 'filter' looks at where/refine/exclude and the access rules only
 * (facets, which take no select).
 */
export async function exactShapes(ds: Dataset, q: RecordsQuery, o: { mode: 'records' | 'export' | 'filter'; access: AccessRules; now?: number }, reader: ShapeReader): Promise<ShapeMatches> {
  if (!ds.fields.some((f) => f.type === 'geo_shape')) return NONE;
  if (o.mode === 'filter') {
    const where = whereOf(ds, q, scopeFor(ds, q, { mode: 'records', access: o.access, now: o.now }), o.access);
    const calls = shapeCalls([where]);
    return calls.length ? answer(ds, calls, reader) : NONE;
  }
  return (await exactPlan(buildPlan(ds, q, { mode: o.mode, access: o.access, now: o.now }), reader)).exact ?? NONE;
}

/** The intersects/within/disjoint calls on geo_shape fields in some expressions, one per key. */
function shapeCalls(exprs: ReadonlyArray<TExpr | null>): TCall[] {
  const found = new Map<string, TCall>();
  const visit = (e: TExpr): void => {
    if (e.kind === 'call' && (e.fn === 'intersects' || e.fn === 'within' || e.fn === 'disjoint') && e.args[0]?.type === 'geo_shape') {
      const k = shapeKey(e);
      if (!found.has(k)) found.set(k, e);
    }
    children(e).forEach(visit);
  };
  for (const e of exprs) if (e) visit(e);
  return [...found.values()];
}

async function answer(ds: Dataset, calls: TCall[], reader: ShapeReader): Promise<ShapeMatches> {
  const entries = await Promise.all(calls.map(async (call) => {
    const key = shapeKey(call);
    const compute = () => matchingIds(ds, call, reader);
    const ids = reader.remember ? await reader.remember(`exact-shapes\u0000${ds.table}\u0000${key}`, compute) : await compute();
    return [key, ids] as const;
  }));
  return new Map(entries);
}

/** Record ids whose shape intersects the geometry (intersects, disjoint) or lies within it (within), sorted. */
async function matchingIds(ds: Dataset, call: TCall, reader: ShapeReader): Promise<number[]> {
  const q = compileShapeCandidates(ds, call, reader.dialect);
  const rows = await reader.query(q.sql, q.params);
  const g = call.options.geometry!;
  const test = call.fn === 'within' ? shapeWithin : shapeIntersects;
  const ids: number[] = [];
  for (const r of rows) {
    const shape = parseShape(r.shape);
    if (shape && test(shape, g)) ids.push(Number(r._rid));
  }
  return ids.sort((a, b) => a - b);
}
