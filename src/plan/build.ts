// Builds the Plan of a records/export query: the caller's scope (visible fields, time zone,
// language, clock), where + access filter + refine/exclude, select/group_by/order_by rules, paging.
import { AgoraError } from '../core/errors.ts';
import type { AccessRules, RecordsQuery } from '../core/request.ts';
import type { Dataset } from '../core/types.ts';
import {
  analyzeGroupItems, analyzeOrderItems, analyzeSelectItems, analyzeWhereExpr, containsAggregate, isValidTimeZone,
  parseGroupBy, parseOrderBy, parseSelect, parseWhere, sameExpr, type OutputColumn, type Scope, type TExpr,
} from '../query/index.ts';
import { odsqlError } from '../query/errors.ts';
import { stemLanguagesFor } from '../query/analyze/stems.ts';
import { children } from '../query/analyze/clauses.ts';
import { accessFilter, visibleFields } from './access.ts';
import { resolvePage } from './limits.ts';
import { allOf, parseRefinement, refineConditions, type Refinement } from './refine.ts';
import type { Plan, ShapeMatches } from './types.ts';

export interface BuildOptions {
  mode: 'records' | 'export';
  access: AccessRules;
  /** Current time for now() (tests pin it); default Date.now(). */
  now?: number;
  /** Exact answers of the query's shape relations (plan/shapes.ts exactShapes); absent: bbox tests. */
  exact?: ShapeMatches;
}

const LANG = /^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*$/;

export function scopeFor(ds: Dataset, q: Pick<RecordsQuery, 'timezone' | 'lang'>, o: BuildOptions): Scope {
  const timezone = q.timezone?.trim() || 'UTC';
  if (!isValidTimeZone(timezone)) throw new AgoraError('PARAMETER_INVALID', `Invalid value for timezone: ${JSON.stringify(timezone)} is not a known time zone.`, { timezone });
  const lang = q.lang?.trim() || 'fr';
  if (!LANG.test(lang)) throw new AgoraError('PARAMETER_INVALID', `Invalid value for lang: ${JSON.stringify(lang)}.`, { lang });
  return {
    fields: visibleFields(ds, o.access), timezone, lang: lang.replace('_', '-'), now: o.now ?? Date.now(),
    stemLanguages: stemLanguagesFor(ds.metas.default?.language),
  };
}

/** Access filter, where clauses, refinements and exclusions ANDed (null when nothing filters). */
export function whereOf(ds: Dataset, q: Pick<RecordsQuery, 'where' | 'refine' | 'exclude'>, scope: Scope, access: AccessRules, skip?: (r: Refinement, kind: 'refine' | 'exclude') => boolean): TExpr | null {
  const parts: TExpr[] = [];
  const rule = accessFilter(ds, access, scope);
  if (rule) parts.push(rule);
  for (const w of q.where ?? []) if (w.trim()) parts.push(analyzeWhereExpr(parseWhere(w), scope));
  const refines = (q.refine ?? []).map((r) => parseRefinement(r, 'refine', scope)).filter((r) => !skip?.(r, 'refine'));
  const excludes = (q.exclude ?? []).map((r) => parseRefinement(r, 'exclude', scope)).filter((r) => !skip?.(r, 'exclude'));
  parts.push(...refineConditions(refines, excludes, scope));
  return parts.length ? allOf(parts) : null;
}

export function buildPlan(ds: Dataset, q: RecordsQuery, o: BuildOptions): Plan {
  const scope = scopeFor(ds, q, o);
  const where = whereOf(ds, q, scope, o.access);
  const groupText = q.group_by?.trim();
  const groups = groupText ? analyzeGroupItems(parseGroupBy(groupText), scope) : null;
  const selectText = q.select?.trim();
  let select: OutputColumn[] = selectText ? analyzeSelectItems(parseSelect(selectText), scope) : groups ? [] : analyzeSelectItems(parseSelect('*'), scope);
  const aggregated = select.some((c) => containsAggregate(c.expr));
  if (groups) {
    for (const c of select) {
      if (!containsAggregate(c.expr) && !isConstant(c.expr) && !groups.some((g) => sameExpr(g.expr, c.expr))) {
        throw odsqlError('ODSQL_CLAUSE', 'select', 0, `${c.name} must be an aggregate or appear in the group_by clause`);
      }
    }
    // Group keys are always returned; those the select does not list come after its items.
    const missing = groups.filter((g) => !select.some((c) => sameExpr(c.expr, g.expr) && c.name === g.name));
    const clash = select.find((c) => missing.some((g) => g.name.toLowerCase() === c.name.toLowerCase()));
    if (clash) throw odsqlError('ODSQL_CLAUSE', 'select', 0, `Duplicate output name ${JSON.stringify(clash.name)}: it is also a group_by key`);
    select = [...select, ...missing];
  } else if (aggregated) {
    for (const c of select) {
      if (!containsAggregate(c.expr) && !isConstant(c.expr)) throw odsqlError('ODSQL_CLAUSE', 'select', 0, `${c.name} must be an aggregate, or be grouped with group_by`);
    }
  }
  for (const c of select) checkEnvelope(c);
  const groupBy = groups ?? (aggregated ? [] : null);
  if (!groupBy && select.length === 0) throw odsqlError('ODSQL_CLAUSE', 'select', 0, 'The select clause selects no field');
  if (!groupBy && o.mode === 'records' && select.some((c) => c.name.toLowerCase() === '_rid')) {
    throw odsqlError('ODSQL_CLAUSE', 'select', 0, 'The label _rid is reserved');
  }
  const labels = new Map<string, TExpr>();
  for (const c of [...(groups ?? []), ...select]) if (c.expr.kind !== 'field' || c.name !== c.expr.field.name) labels.set(c.name, c.expr);
  const orderText = q.order_by?.trim();
  const orderBy = orderText ? analyzeOrderItems(parseOrderBy(orderText), { ...scope, labels }) : [];
  for (const t of orderBy) {
    const random = t.expr.kind === 'call' && t.expr.fn === 'random';
    if (t.expr.type === 'geo_point_2d' || t.expr.type === 'geo_shape') throw odsqlError('ODSQL_TYPE', 'order_by', 0, 'Geo values cannot be sorted');
    if (groupBy) {
      if (!random && !containsAggregate(t.expr) && !isConstant(t.expr) && !groupBy.some((g) => sameExpr(g.expr, t.expr))) {
        throw odsqlError('ODSQL_CLAUSE', 'order_by', 0, 'With group_by, order_by accepts aggregates, group_by expressions and their labels');
      }
    } else if (containsAggregate(t.expr)) {
      throw odsqlError('ODSQL_CLAUSE', 'order_by', 0, 'Aggregate functions in order_by need a group_by clause or an aggregated select');
    }
  }
  const page = resolvePage(o.mode, groupBy !== null && groupBy.length > 0, q.limit, q.offset);
  // A literal (`order_by=null`, `order_by="x"`) orders nothing: it is dropped, not sent to the engine.
  const ordering = orderBy.filter((t) => t.expr.kind !== 'literal');
  const latestBy = latestKey(q.latest_by, scope);
  return {
    dataset: ds, select, where, groupBy, orderBy: ordering, page, withRecordId: o.mode === 'records' && !groupBy, withGroupTotal: o.mode === 'records' && !!groupBy,
    timezone: scope.timezone, ...(latestBy ? { latestBy } : {}), ...(o.exact ? { exact: o.exact } : {}),
  };
}

/** latest_by names a field the caller may see (a hidden one is unknown, as everywhere) of one column. */
function latestKey(name: string | undefined, scope: Scope): string | null {
  const n = name?.trim().replace(/^`|`$/g, '');
  if (!n) return null;
  const f = scope.fields.find((x) => x.name === n);
  if (!f) throw new AgoraError('ODSQL_UNKNOWN_FIELD', `Invalid value for latest_by: unknown field "${n}".`, { latest_by: n });
  if (!['text', 'int', 'date', 'boolean', 'datetime'].includes(f.type)) {
    throw new AgoraError('PARAMETER_INVALID', `Invalid value for latest_by: field "${n}" is a ${f.type} field; use a text, int, date, datetime or boolean field (e.g. the sensor's id).`, { latest_by: n });
  }
  return f.name;
}

function isConstant(e: TExpr): boolean {
  if (e.kind === 'field') return false;
  return children(e).every(isConstant);
}

/** envelope() is rendered by the outer query of an aggregation: it must be a whole select item. */
function checkEnvelope(c: OutputColumn): void {
  const nested = (e: TExpr): boolean => children(e).some((x) => (x.kind === 'call' && x.fn === 'envelope') || nested(x));
  if (nested(c.expr)) throw odsqlError('ODSQL_CLAUSE', 'select', 0, 'envelope() must be a select item of its own');
}
