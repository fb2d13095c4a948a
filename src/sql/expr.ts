// Typed expressions to SQL text, one visitor per node kind (a new kind fails type-checking until it
// is handled here). Constants are bound through SqlBuilder markers, numbered at the end.
import { GEO_SUFFIX } from '../core/physical.ts';
import type { TExpr, TField } from '../query/analyze/typed.ts';
import type { ShapeMatches } from '../plan/types.ts';
import type { SqlBuilder } from './builder.ts';
import { emitCall } from './functions.ts';
import { comparePeriod, periodBound } from './periods.ts';
import { compileTextMatch } from './text.ts';

type Visitors = { [K in TExpr['kind']]: (e: Extract<TExpr, { kind: K }>, c: ExprCompiler) => string };

const CAST_OF = { int: 'bigint', double: 'double', text: 'text', boolean: 'boolean' } as const;
const SQL_OP = { '=': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' } as const;

export class ExprCompiler {
  /** `exact`: the resolved shape relations of the plan (sql/geo.ts renders them as record-id sets). */
  constructor(readonly b: SqlBuilder, readonly timezone: string, readonly exact?: ShapeMatches) {}

  expr(e: TExpr): string {
    return (visitors[e.kind] as (e: TExpr, c: ExprCompiler) => string)(e, this);
  }

  /** The column(s) of a field as a value: geo points become {lon, lat}. */
  column(f: TField): string {
    const name = f.field.name;
    if (f.type === 'geo_point_2d') {
      const lat = this.b.ident(name + GEO_SUFFIX.lat);
      return `CASE WHEN ${lat} IS NULL THEN NULL ELSE ${this.b.dialect.point(this.b.ident(name + GEO_SUFFIX.lon), lat)} END`;
    }
    return this.b.ident(name);
  }

  /** A geo field's physical column with a suffix (__lon, __lat, __xmin, …). */
  geoColumn(f: TField, part: keyof typeof GEO_SUFFIX): string {
    return this.b.ident(f.field.name + GEO_SUFFIX[part]);
  }

  timezoneParam(): string {
    return this.b.bind(this.timezone);
  }
}

const visitors: Visitors = {
  field: (e, c) => c.column(e),
  literal: (e, c) => {
    if (e.value === null || e.type === 'null') return 'NULL';
    const t = e.type === 'int' && !Number.isInteger(e.value) ? 'double' : e.type;
    return c.b.typed(e.value, CAST_OF[t as keyof typeof CAST_OF] ?? 'text');
  },
  period: (e, c) => periodBound(e.period, 'start', 'datetime', c),
  call: (e, c) => emitCall(e, c),
  arith: (e, c) => {
    if (e.op === '/') return `(${c.b.dialect.cast(c.expr(e.left), 'double')} / NULLIF(${c.expr(e.right)}, 0))`;
    if (e.op === '%') return `(${c.expr(e.left)} % NULLIF(${c.expr(e.right)}, 0))`;
    return `(${c.expr(e.left)} ${e.op} ${c.expr(e.right)})`;
  },
  // -null stays an untyped NULL: the engine would type `- NULL` as a number and reject it in text functions.
  neg: (e, c) => (e.operand.type === 'null' ? 'NULL' : `(- ${c.expr(e.operand)})`),
  compare: (e, c) => {
    if (e.right.kind === 'period') return comparePeriod(() => c.expr(e.left), e.left.type, e.op, e.right.period, c);
    return `(${c.expr(e.left)} ${SQL_OP[e.op]} ${c.expr(e.right)})`;
  },
  logic: (e, c) => `(${e.items.map((x) => c.expr(x)).join(e.op === 'and' ? ' AND ' : ' OR ')})`,
  // ODSQL (like the search engine it stems from) keeps records where the negated test is unknown.
  not: (e, c) => `(NOT COALESCE(${c.expr(e.operand)}, FALSE))`,
  in_list: (e, c) => {
    if (e.values.some((v) => v.kind === 'period')) {
      return `(${e.values.map((v) => (v.kind === 'period' ? comparePeriod(() => c.expr(e.expr), e.expr.type, '=', v.period, c) : `(${c.expr(e.expr)} = ${c.expr(v)})`)).join(' OR ')})`;
    }
    return `(${c.expr(e.expr)} IN (${e.values.map((v) => c.expr(v)).join(', ')}))`;
  },
  in_range: (e, c) => {
    const side = (bound: TExpr, low: boolean, inclusive: boolean): string => {
      if (bound.kind === 'period') {
        // [a..b] on periods: from the start of a to the end of b; ]a..b[ excludes both periods.
        const op = low ? (inclusive ? '>=' : '>') : (inclusive ? '<=' : '<');
        return comparePeriod(() => c.expr(e.expr), e.expr.type, op, bound.period, c);
      }
      const op = low ? (inclusive ? '>=' : '>') : (inclusive ? '<=' : '<');
      return `(${c.expr(e.expr)} ${op} ${c.expr(bound)})`;
    };
    return `(${side(e.low, true, e.lowInclusive)} AND ${side(e.high, false, e.highInclusive)})`;
  },
  is_null: (e, c) => {
    const target = e.expr.kind === 'field' && e.expr.type === 'geo_point_2d' ? c.geoColumn(e.expr, 'lat') : c.expr(e.expr);
    return `(${target} IS ${e.negated ? 'NOT ' : ''}NULL)`;
  },
  contains: (e, c) => {
    const test = c.b.dialect.listContains(c.column(e.field), c.expr(e.value));
    return e.negated ? `(NOT ${test})` : test;
  },
  const_bool: (e) => (e.value ? 'TRUE' : 'FALSE'),
  text_match: (e, c) => compileTextMatch(e, c),
};
