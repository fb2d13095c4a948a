// The default compiler: a Plan to one SELECT (and its total-count companion) through a Dialect.
// Plain rows: one SELECT ordered with `_rid` as the last tie-breaker. Aggregations: an inner
// GROUP BY query (keys by position) wrapped by an outer one that labels, filters, orders, pages.
import type { CompiledQuery, ResultColumn } from '../core/request.ts';
import type { FieldType } from '../core/types.ts';
import type { OutputColumn, Plan } from '../plan/types.ts';
import { containsAggregate, sameExpr } from '../query/analyze/clauses.ts';
import type { TExpr } from '../query/analyze/typed.ts';
import { SqlBuilder } from './builder.ts';
import type { Dialect } from './dialect.ts';
import { ExprCompiler } from './expr.ts';
import { groupParts, type GroupParts, type InnerRefs } from './grouping.ts';

/** The extra column of a group_by page (see Plan.withGroupTotal); not in the result columns. */
export const GROUP_TOTAL_COLUMN = '__total';

export function resultColumns(plan: Plan): ResultColumn[] {
  const cols: ResultColumn[] = plan.select.map((c) => ({ name: c.name, type: outputType(c.expr), ...(c.label !== undefined ? { label: c.label } : {}) }));
  if (plan.withRecordId) cols.push({ name: '_rid', type: 'int' });
  return cols;
}

function outputType(e: TExpr): FieldType {
  return e.type === 'null' ? 'text' : e.type;
}

export function compilePlan(plan: Plan, dialect: Dialect): CompiledQuery {
  const b = new SqlBuilder(dialect);
  const sql = plan.groupBy ? groupedSql(plan, b) : rowsSql(plan, b);
  return finish(sql, b, resultColumns(plan));
}

/** total_count: rows matching (plain), groups (group_by), or 1 (aggregates without group_by). */
export function compileCount(plan: Plan, dialect: Dialect): CompiledQuery {
  const b = new SqlBuilder(dialect);
  const c = new ExprCompiler(b, plan.timezone, plan.exact);
  const count = b.ident('total_count');
  let sql: string;
  if (!plan.groupBy) sql = `SELECT count(*) AS ${count} FROM ${b.ident(plan.dataset.table)}${where(plan, c)}`;
  else if (plan.groupBy.length === 0) sql = `SELECT 1 AS ${count}`;
  else {
    const parts = plan.groupBy.map((g) => groupParts(g.expr, c));
    const refs = innerRefs(parts);
    const keys = parts.flatMap((p) => p.keys).map((k, i) => `${k()} AS ${b.ident(`__k${i}`)}`);
    const filters = parts.map((p, i) => p.filter?.(refs[i])).filter((f): f is string => !!f);
    sql = `SELECT count(*) AS ${count} FROM (SELECT ${keys.join(', ')} FROM ${b.ident(plan.dataset.table)}${where(plan, c)} GROUP BY ${keys.map((_, i) => i + 1).join(', ')}) AS q`
      + (filters.length ? ` WHERE ${filters.join(' AND ')}` : '');
  }
  return finish(sql, b, [{ name: 'total_count', type: 'int' }]);
}

/** The smallest and largest record id in the dataset's table (`lo`, `hi`; NULL when empty). */
export function compileRecordIdBounds(plan: Plan, dialect: Dialect): CompiledQuery {
  const b = new SqlBuilder(dialect);
  const rid = b.ident('_rid');
  const sql = `SELECT min(${rid}) AS ${b.ident('lo')}, max(${rid}) AS ${b.ident('hi')} FROM ${b.ident(plan.dataset.table)}`;
  return finish(sql, b, [{ name: 'lo', type: 'int' }, { name: 'hi', type: 'int' }]);
}

function finish(sql: string, b: SqlBuilder, columns: ResultColumn[]): CompiledQuery {
  return { ...b.finish(sql), columns };
}

function where(plan: Plan, c: ExprCompiler): string {
  const filter = plan.where ? c.expr(plan.where) : null;
  if (!plan.latestBy) return filter ? ` WHERE ${filter}` : '';
  // The latest record of each key among those the filter lets through (the filter compiled again for
  // the subquery: its parameters follow the outer ones, in the order they appear).
  const b = c.b;
  const rid = b.ident('_rid');
  const inner = plan.where ? ` WHERE ${c.expr(plan.where)}` : '';
  const latest = `${rid} IN (SELECT max(${rid}) FROM ${b.ident(plan.dataset.table)}${inner} GROUP BY ${b.ident(plan.latestBy)})`;
  return ` WHERE ${filter ? `(${filter}) AND ` : ''}${latest}`;
}

function pageSql(plan: Plan, b: SqlBuilder): string {
  const { limit, offset } = plan.page;
  return (limit !== null ? ` LIMIT ${b.typed(limit, 'bigint')}` : '') + (offset > 0 ? ` OFFSET ${b.typed(offset, 'bigint')}` : '');
}

function rowsSql(plan: Plan, b: SqlBuilder): string {
  const c = new ExprCompiler(b, plan.timezone, plan.exact);
  const rid = b.ident('_rid');
  const cols = plan.select.map((col) => `${c.expr(col.expr)} AS ${b.ident(col.name)}`);
  if (plan.withRecordId) cols.push(`${rid} AS ${rid}`);
  let sql = `SELECT ${cols.join(', ')} FROM ${b.ident(plan.dataset.table)}${where(plan, c)}`;
  const order = plan.orderBy.map((t) => {
    if (t.expr.kind === 'call' && t.expr.fn === 'random') return c.expr(t.expr);
    return `${c.expr(t.expr)} ${t.desc ? 'DESC' : 'ASC'} NULLS LAST`;
  });
  // An export with no order_by streams in record order: an engine that keeps insertion order (the
  // order of `_rid`) gives it without sorting the whole table (faster, and no sort memory).
  if (order.length === 0 && !plan.withRecordId && b.dialect.keepsInsertionOrder) return sql + pageSql(plan, b);
  order.push(`${rid} ASC`);
  sql += ` ORDER BY ${order.join(', ')}`;
  return sql + pageSql(plan, b);
}

function innerRefs(parts: GroupParts[]): InnerRefs[] {
  let k = 0, g = 0;
  return parts.map((p) => ({
    keys: p.keys.map(() => `"__k${k++}"`),
    aggs: p.aggs.map(() => `"__g${g++}"`),
  }));
}

function groupedSql(plan: Plan, b: SqlBuilder): string {
  const c = new ExprCompiler(b, plan.timezone, plan.exact);
  const groups = plan.groupBy ?? [];
  const parts = groups.map((g) => groupParts(g.expr, c));
  const refs = innerRefs(parts);
  const aggregates: TExpr[] = [];
  const aggRef = (e: TExpr) => {
    aggregates.push(e);
    return b.ident(`__a${aggregates.length - 1}`);
  };
  const groupIndex = (e: TExpr) => groups.findIndex((g) => sameExpr(g.expr, e));
  // Outer SELECT list (textual order: placeholders bound here come first).
  const outputs = plan.select.map((col: OutputColumn) => {
    const gi = groupIndex(col.expr);
    let value: string;
    if (gi >= 0) value = parts[gi].output(refs[gi]);
    else if (col.expr.kind === 'call' && col.expr.fn === 'envelope') value = b.dialect.ringFromPoints(aggRef(col.expr));
    else if (containsAggregate(col.expr)) value = aggRef(col.expr);
    else value = c.expr(col.expr);
    return `${value} AS ${b.ident(col.name)}`;
  });
  // The number of groups, counted by the engine over the groups (not the table) before LIMIT.
  if (plan.withGroupTotal) outputs.push(`count(*) OVER () AS ${b.ident(GROUP_TOTAL_COLUMN)}`);
  const orderTerms = plan.orderBy.map((t) => ({ t, gi: groupIndex(t.expr), ref: '' }));
  for (const o of orderTerms) if (o.gi < 0 && containsAggregate(o.t.expr)) o.ref = aggRef(o.t.expr);
  // Inner query: keys, per-group aggregates, then the aggregates the outer query reads.
  const inner: string[] = [];
  parts.forEach((p, i) => {
    p.keys.forEach((k, j) => inner.push(`${k()} AS ${refs[i].keys[j]}`));
    p.aggs.forEach((a, j) => inner.push(`${a()} AS ${refs[i].aggs[j]}`));
  });
  aggregates.forEach((e, i) => inner.push(`${c.expr(e)} AS ${b.ident(`__a${i}`)}`));
  if (inner.length === 0) inner.push('count(*) AS "__n"');
  const keyCount = refs.reduce((n, r) => n + r.keys.length, 0);
  const groupBy = keyCount ? ` GROUP BY ${Array.from({ length: keyCount }, (_, i) => i + 1).join(', ')}` : '';
  let sql = `SELECT ${outputs.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${b.ident(plan.dataset.table)}${where(plan, c)}${groupBy}) AS q`;
  const filters = parts.map((p, i) => p.filter?.(refs[i])).filter((f): f is string => !!f);
  if (filters.length) sql += ` WHERE ${filters.join(' AND ')}`;
  const order: string[] = [];
  for (const o of orderTerms) {
    const dir = o.t.desc ? 'DESC' : 'ASC';
    if (o.t.expr.kind === 'call' && o.t.expr.fn === 'random') {
      const keys = refs.flatMap((r) => r.keys);
      order.push(b.dialect.randomKey(keys.length ? keys : ['1'], b.typed(o.t.expr.options.seed ?? 0, 'bigint')));
    } else if (o.gi >= 0) order.push(...parts[o.gi].sort(refs[o.gi]).map((s) => `${s} ${dir} NULLS LAST`));
    else if (o.ref) order.push(`${o.ref} ${dir} NULLS LAST`);
  }
  // Group keys not already ordered break ties, so pages are stable.
  parts.forEach((p, i) => { if (!orderTerms.some((o) => o.gi === i)) order.push(...p.sort(refs[i]).map((s) => `${s} ASC NULLS LAST`)); });
  if (order.length) sql += ` ORDER BY ${order.join(', ')}`;
  return sql + pageSql(plan, b);
}
