// SQL of one facet: rows (value, count, name, state, parent). Value facets count each value (each
// element for multivalued fields); date facets count years, months of refined years and days of
// refined months (UNION ALL of the levels), paths as values, in the request time zone; hierarchical
// text facets count the first part of each value (split on the separator), then the next part under
// each refined path ("Europe" → "Europe/Paris", named "Paris").
import type { CompiledQuery } from '../core/request.ts';
import type { Dataset } from '../core/types.ts';
import type { TExpr, TField } from '../query/analyze/typed.ts';
import type { ShapeMatches } from '../plan/types.ts';
import { SqlBuilder } from './builder.ts';
import type { Dialect } from './dialect.ts';
import { ExprCompiler } from './expr.ts';
import { localDate } from './functions.ts';

export type FacetSort = 'count' | '-count' | 'alphanum' | '-alphanum' | 'num' | '-num';

export interface FacetPlan {
  dataset: Dataset;
  field: TField;
  kind: 'value' | 'date' | 'hierarchy';
  /** The separator of a hierarchy facet. */
  separator?: string;
  where: TExpr | null;
  sort: FacetSort;
  limit: number | null;
  /** Refined / excluded values of this facet (date facets: paths). */
  refined: string[];
  excluded: string[];
  timezone: string;
  /** The exact answers of shape relations in `where` (see Plan.exact). */
  exact?: ShapeMatches;
}

// value and count first: callers reading rows positionally as (value, count) keep working.
const COLUMNS = [
  { name: 'value', type: 'text' as const }, { name: 'count', type: 'int' as const }, { name: 'name', type: 'text' as const },
  { name: 'state', type: 'text' as const }, { name: 'parent', type: 'text' as const },
];

export function compileFacet(p: FacetPlan, dialect: Dialect): CompiledQuery {
  const b = new SqlBuilder(dialect);
  const c = new ExprCompiler(b, p.timezone, p.exact);
  const sql = p.kind === 'date' ? dateFacet(p, c) : p.kind === 'hierarchy' ? hierarchyFacet(p, c) : valueFacet(p, c);
  return { ...b.finish(sql), columns: COLUMNS };
}

function state(v: string, p: FacetPlan, c: ExprCompiler, typed: (x: string) => string): string {
  const list = (xs: string[]) => xs.map(typed).join(', ');
  const whens: string[] = [];
  if (p.refined.length) whens.push(`WHEN ${v} IN (${list(p.refined)}) THEN 'refined'`);
  if (p.excluded.length) whens.push(`WHEN ${v} IN (${list(p.excluded)}) THEN 'excluded'`);
  return whens.length ? `CASE ${whens.join(' ')} ELSE 'displayed' END` : `'displayed'`;
}

function orderBy(sort: FacetSort, value: string, raw: string): string {
  switch (sort) {
    case 'count': return `"count" ASC, ${value} ASC`;
    case '-count': return `"count" DESC, ${value} ASC`;
    case 'alphanum': return `${value} ASC`;
    case '-alphanum': return `${value} DESC`;
    case 'num': return `${raw} ASC`;
    case '-num': return `${raw} DESC`;
  }
}

function valueFacet(p: FacetPlan, c: ExprCompiler): string {
  const b = c.b;
  const d = b.dialect;
  const f = p.field;
  const col = b.ident(f.field.name);
  const numeric = f.type === 'int' || f.type === 'double';
  const text = numeric ? d.numberText('x') : f.type === 'boolean' ? `CASE WHEN x THEN 'true' ELSE 'false' END` : 'x';
  const typed = (v: string) => (numeric ? b.typed(Number(v), f.type === 'int' && Number.isInteger(Number(v)) ? 'bigint' : 'double')
    : f.type === 'boolean' ? b.typed(v === 'true' || v === '1', 'boolean') : b.typed(v, 'text'));
  const head = `SELECT ${text} AS "value", count(*) AS "count", ${text} AS "name", ${state('x', p, c, typed)} AS "state", ${d.cast('NULL', 'text')} AS "parent"`;
  const source = f.multivalued ? d.unnestSelect(col) : col;
  const inner = `SELECT ${source} AS x FROM ${b.ident(p.dataset.table)}${p.where ? ` WHERE ${c.expr(p.where)}` : ''}`;
  let sql = `${head} FROM (${inner}) AS q WHERE x IS NOT NULL GROUP BY x ORDER BY ${orderBy(p.sort, text, 'x')}`;
  if (p.limit !== null) sql += ` LIMIT ${b.typed(p.limit, 'bigint')}`;
  return sql;
}

/** ORDER BY of the levels of a date or hierarchy facet: parents first, then the sort within a level. */
function levelOrder(sort: FacetSort): string {
  const dir = sort === 'alphanum' || sort === 'num' ? 'ASC' : sort === 'count' ? 'count' : sort === '-count' ? '-count' : 'DESC';
  return `lvl ASC, ${dir === 'count' ? 'n ASC, v ASC' : dir === '-count' ? 'n DESC, v ASC' : `v ${dir}`}`;
}

function hierarchyFacet(p: FacetPlan, c: ExprCompiler): string {
  const b = c.b;
  const d = b.dialect;
  const f = p.field;
  const sep = p.separator!;
  const col = b.ident(f.field.name);
  const source = f.multivalued ? d.unnestSelect(col) : col;
  const inner = `SELECT ${source} AS x FROM ${b.ident(p.dataset.table)}${p.where ? ` WHERE ${c.expr(p.where)}` : ''}`;
  const at = (k: number) => d.pathPrefix('x', b.typed(sep, 'text'), k);
  const depth = (path: string) => path.split(sep).length;
  const level = (k: number) => {
    const conds = ['x IS NOT NULL'];
    if (k > 1) {
      const parents = p.refined.filter((r) => depth(r) === k - 1);
      conds.push(`${at(k - 1)} IN (${parents.map((x) => b.typed(x, 'text')).join(', ')})`, `${at(k)} <> ${at(k - 1)}`);
    }
    return `SELECT ${k} AS lvl, ${at(k)} AS v, ${k > 1 ? at(k - 1) : d.cast('NULL', 'text')} AS parent, count(*) AS n FROM (${inner}) AS q WHERE ${conds.join(' AND ')} GROUP BY 1, 2, 3`;
  };
  const deepest = Math.max(0, ...p.refined.map(depth));
  const levels = [level(1)];
  for (let k = 2; k <= deepest + 1; k++) if (p.refined.some((r) => depth(r) === k - 1)) levels.push(level(k));
  const name = `CASE WHEN parent IS NULL THEN v ELSE substr(v, CAST(length(parent) + ${b.typed(sep.length + 1, 'bigint')} AS INTEGER)) END`;
  const head = `SELECT v AS "value", n AS "count", ${name} AS "name", ${state('v', p, c, (x) => b.typed(x, 'text'))} AS "state", parent AS "parent"`;
  let sql = `${head} FROM (${levels.join(' UNION ALL ')}) AS q ORDER BY ${levelOrder(p.sort)}`;
  if (p.limit !== null) sql += ` LIMIT ${b.typed(p.limit, 'bigint')}`;
  return sql;
}

function dateFacet(p: FacetPlan, c: ExprCompiler): string {
  const b = c.b;
  const d = b.dialect;
  const f = p.field;
  const fmt = (tokens: Parameters<typeof d.formatDate>[1]) => d.formatDate(localDate(f, c), tokens, b.bind);
  const year = () => fmt([{ symbol: 'yyyy' }]);
  const month = () => fmt([{ symbol: 'yyyy' }, { literal: '/' }, { symbol: 'MM' }]);
  const day = () => fmt([{ symbol: 'yyyy' }, { literal: '/' }, { symbol: 'MM' }, { literal: '/' }, { symbol: 'dd' }]);
  const refinedYears = [...new Set(p.refined.map((r) => r.slice(0, 4)))];
  const refinedMonths = [...new Set(p.refined.filter((r) => r.length >= 7).map((r) => r.slice(0, 7)))];
  const textList = (xs: string[]) => xs.map((x) => b.typed(x, 'text')).join(', ');
  const table = b.ident(p.dataset.table);
  const level = (n: number, value: () => string, parent: (() => string) | null, within: { of: () => string; values: string[] } | null) => {
    const conds: string[] = [];
    const select = `SELECT ${n} AS lvl, ${value()} AS v, ${parent ? parent() : 'NULL'} AS parent, count(*) AS n FROM ${table}`;
    if (p.where) conds.push(c.expr(p.where));
    conds.push(`${c.column(f)} IS NOT NULL`);
    if (within) conds.push(`${within.of()} IN (${textList(within.values)})`);
    return `${select} WHERE ${conds.join(' AND ')} GROUP BY 1, 2, 3`;
  };
  const name = `CASE lvl WHEN 1 THEN v ELSE right(v, 2) END`;
  const head = `SELECT v AS "value", n AS "count", ${name} AS "name", ${state('v', p, c, (x) => b.typed(x, 'text'))} AS "state", parent AS "parent"`;
  const levels = [level(1, year, null, null)];
  if (refinedYears.length) levels.push(level(2, month, year, { of: year, values: refinedYears }));
  if (refinedMonths.length) levels.push(level(3, day, month, { of: month, values: refinedMonths }));
  let sql = `${head} FROM (${levels.join(' UNION ALL ')}) AS q ORDER BY ${levelOrder(p.sort)}`;
  if (p.limit !== null) sql += ` LIMIT ${b.typed(p.limit, 'bigint')}`;
  return sql;
}
