// The facets endpoint: for each requested facet (a field name, or facet(name=…, sort=…, limit=…,
// disjunctive=…)) the (value, count) list under where/refine/exclude and the access rules. A
// facet's own exclusions are not applied (their values show with state "excluded"), nor its own
// refinements when disjunctive. Rows: value, count, name, state, parent (facetTree nests them).
// Date facets are hierarchical: years, then months of a refined
// year, then days of a refined month; values are paths "2021", "2021/09", "2021/09/01". So are text
// fields annotated `hierarchical` (the separator), or asked as facet(name=…, hierarchical=true,
// separator="/"): first parts, then the next part under each refined path.
import type { CompiledQuery, RecordsQuery } from '../core/request.ts';
import type { Dataset, Field } from '../core/types.ts';
import { parseDateLiteral } from '../query/dates.ts';
import { odsqlError } from '../query/errors.ts';
import { Parser } from '../query/parser.ts';
import { findField, fieldNode } from '../query/analyze/scope.ts';
import type { Expr } from '../query/ast.ts';
import { compileFacet, type FacetPlan, type FacetSort } from '../sql/facets.ts';
import { scopeFor, whereOf } from './build.ts';
import type { PlanOptions } from './index.ts';
import { parseRefinement, type Refinement } from './refine.ts';

export interface FacetQuery { name: string; query: CompiledQuery; kind: 'value' | 'date' | 'hierarchy' }
export interface FacetValue { name: string; value: string; count: number; state: string; facets?: FacetValue[] }

const SORTS: readonly FacetSort[] = ['count', '-count', 'alphanum', '-alphanum', 'num', '-num'];

interface FacetSpec { field: Field; sort?: FacetSort; limit?: number; disjunctive?: boolean; separator?: string | null }

export function compileFacets(ds: Dataset, q: RecordsQuery, facetNames: string[], o: PlanOptions): FacetQuery[] {
  const scope = scopeFor(ds, q, o);
  return facetNames.map((text) => {
    const spec = parseFacet(text, scope.fields);
    const f = spec.field;
    if (!['text', 'int', 'double', 'boolean', 'date', 'datetime'].includes(f.type)) {
      throw odsqlError('ODSQL_TYPE', 'facet', 0, `Field ${f.name} (${f.type}) cannot be a facet`);
    }
    const disjunctive = spec.disjunctive ?? f.annotations?.disjunctive === true;
    const own = (r: Refinement, kind: 'refine' | 'exclude') => r.field === f && (kind === 'exclude' || disjunctive);
    const where = whereOf(ds, q, scope, o.access, own);
    const mine = (list: string[] | undefined, kind: 'refine' | 'exclude') => (list ?? []).map((r) => parseRefinement(r, kind, scope)).filter((r) => r.field === f).map((r) => r.value);
    const separator = spec.separator === undefined ? f.annotations?.hierarchical ?? null : spec.separator;
    if (separator && f.type !== 'text') throw odsqlError('ODSQL_TYPE', 'facet', 0, `Field ${f.name} (${f.type}) cannot be a hierarchical facet: only text fields split on a separator`);
    const kind = f.type === 'date' || f.type === 'datetime' ? 'date' : separator ? 'hierarchy' : 'value';
    const refined = mine(q.refine, 'refine');
    const excluded = mine(q.exclude, 'exclude');
    const plan: FacetPlan = {
      dataset: ds, field: fieldNode(f), kind, where, timezone: scope.timezone,
      sort: spec.sort ?? (f.annotations?.facetsort as FacetSort | undefined) ?? (kind === 'date' ? '-alphanum' : '-count'),
      limit: spec.limit ?? null,
      refined: kind === 'date' ? withAncestors(refined.map(datePath).filter((p): p is string => !!p)) : kind === 'hierarchy' ? pathAncestors(refined, separator!) : refined,
      ...(kind === 'hierarchy' ? { separator: separator! } : {}),
      excluded: kind === 'date' ? excluded.map(datePath).filter((p): p is string => !!p) : excluded,
      ...(o.exact ? { exact: o.exact } : {}),
    };
    return { name: f.name, query: compileFacet(plan, o.dialect), kind };
  });
}

/** "2021-09" / "2021/09/01" → "2021/09" / "2021/09/01" (the facet path), null when not a date. */
export function datePath(value: string): string | null {
  const p = parseDateLiteral(value, 'UTC');
  if (!p) return null;
  const [y, m, d] = p.startDate.split('-');
  return p.precision === 'year' ? y : p.precision === 'month' ? `${y}/${m}` : `${y}/${m}/${d}`;
}

/** A refined day also marks its month and year as refined. */
function withAncestors(paths: string[]): string[] {
  return [...new Set(paths.flatMap((p) => [p.slice(0, 4), p.slice(0, 7), p].filter((x, i, a) => x.length >= 4 && a.indexOf(x) === i)))];
}

/** A refined "Europe/France/Paris" also marks "Europe" and "Europe/France" as refined. */
function pathAncestors(paths: string[], sep: string): string[] {
  return [...new Set(paths.flatMap((p) => p.split(sep).map((_, i, parts) => parts.slice(0, i + 1).join(sep))))];
}

function parseFacet(text: string, fields: readonly Field[]): FacetSpec {
  let e: Expr;
  try {
    e = new Parser(text, 'facet').parseExpression();
  } catch {
    e = { kind: 'field', name: text.trim(), quoted: true, pos: 0 };
  }
  if (e.kind === 'field') return { field: facetField(e.name, fields) };
  if (e.kind !== 'call' || e.name.toLowerCase() !== 'facet') throw odsqlError('ODSQL_SYNTAX', 'facet', e.pos, 'Expected a field name or facet(name="…")');
  const named = new Map(e.named.map((n) => [n.name.toLowerCase(), n.value]));
  const str = (k: string) => { const v = named.get(k); return v && v.kind === 'string' ? v.value : undefined; };
  const name = str('name');
  if (!name) throw odsqlError('ODSQL_SYNTAX', 'facet', e.pos, 'facet() needs name="field"');
  const sort = str('sort');
  if (sort !== undefined && !SORTS.includes(sort as FacetSort)) throw odsqlError('ODSQL_TYPE', 'facet', e.pos, `Invalid facet sort ${JSON.stringify(sort)}`);
  const lim = named.get('limit');
  if (lim && (lim.kind !== 'number' || !Number.isInteger(lim.value) || lim.value < 1)) throw odsqlError('ODSQL_TYPE', 'facet', lim.pos, 'facet limit must be a positive integer');
  const dis = named.get('disjunctive');
  const hier = named.get('hierarchical');
  if (hier && hier.kind !== 'boolean') throw odsqlError('ODSQL_TYPE', 'facet', hier.pos, 'facet hierarchical must be true or false');
  const sepArg = str('separator');
  if (named.has('separator') && !sepArg) throw odsqlError('ODSQL_TYPE', 'facet', named.get('separator')!.pos, 'facet separator must be a non-empty string');
  if (hier?.kind === 'boolean' && hier.value && !sepArg) throw odsqlError('ODSQL_TYPE', 'facet', hier.pos, 'facet(hierarchical=true) needs separator="…" (e.g. separator="/")');
  const separator = hier?.kind === 'boolean' ? (hier.value ? sepArg! : null) : sepArg;
  return {
    ...(separator !== undefined ? { separator } : {}),
    field: facetField(name, fields), sort: sort as FacetSort | undefined,
    limit: lim && lim.kind === 'number' ? lim.value : undefined,
    disjunctive: dis && dis.kind === 'boolean' ? dis.value : undefined,
  };
}

function facetField(name: string, fields: readonly Field[]): Field {
  const f = findField(fields, name);
  if (!f) throw odsqlError('ODSQL_UNKNOWN_FIELD', 'facet', 0, `Unknown field: ${name}`);
  return f;
}

/** Nests facet rows (columns value, count, name, state, parent) into the API's facet tree. */
export function facetTree(rows: ReadonlyArray<Record<string, unknown>>): FacetValue[] {
  const byValue = new Map<string, FacetValue>();
  const top: FacetValue[] = [];
  for (const r of rows) {
    const v: FacetValue = { name: String(r.name), value: String(r.value), count: Number(r.count), state: String(r.state) };
    byValue.set(v.value, v);
    const parent = r.parent === null || r.parent === undefined ? null : byValue.get(String(r.parent));
    if (parent) (parent.facets ??= []).push(v);
    else top.push(v);
  }
  return top;
}
