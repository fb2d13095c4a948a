// The Plan: what one Explore API query will do once names, types, access rules, refinements and
// limits are settled. Plain data produced by plan/, compiled by sql/. No SQL text here.
import type { Dataset } from '../core/types.ts';
import type { OutputColumn, OrderTerm } from '../query/analyze/clauses.ts';
import type { TCall, TExpr } from '../query/analyze/typed.ts';

export interface Plan {
  readonly dataset: Dataset;
  /** Output columns, in order (the records route reads rows by these names). */
  readonly select: readonly OutputColumn[];
  /** Access filter, where clauses, refine and exclude, ANDed; null = every row. */
  readonly where: TExpr | null;
  /** Group keys; null = no group_by. With aggregates and no group_by, an empty list (one group). */
  readonly groupBy: readonly OutputColumn[] | null;
  readonly orderBy: readonly OrderTerm[];
  /** limit null = no limit (exports). */
  readonly page: { readonly limit: number | null; readonly offset: number };
  /** Append the record id as a trailing `_rid` column (records endpoint, plain rows only). */
  readonly withRecordId: boolean;
  /** group_by pages: a trailing `__total` column holding the number of groups (the records route's total_count). */
  readonly withGroupTotal?: boolean;
  /** IANA time zone for date functions (already validated). */
  readonly timezone: string;
  /** Only the latest record (largest `_rid`) per value of this column, among those `where` lets through. */
  readonly latestBy?: string;
  /** The exact answers of the plan's shape relations (plan/shapes.ts); absent: tested by bounding box. */
  readonly exact?: ShapeMatches;
}

/** For each intersects/within/disjoint call on a geo_shape field (keyed by shapeKey), the record ids
 *  whose shape intersects the geometry (intersects, disjoint) or lies within it (within), sorted. */
export type ShapeMatches = ReadonlyMap<string, readonly number[]>;

/** One relation of one field to one geometry: the same call anywhere in a request shares its answer. */
export function shapeKey(call: TCall): string {
  const f = call.args[0];
  const field = f.kind === 'field' ? f.field.name : '';
  // disjoint is answered from the intersecting ids, so it shares intersects' entry.
  const op = call.fn === 'within' ? 'within' : 'intersects';
  return `${op}\u0000${field}\u0000${JSON.stringify(call.options.geometry)}`;
}

export type { OutputColumn, OrderTerm };
