// Analysis of expressions and conditions: resolves fields, types every node, coerces literals
// (numeric strings for numbers, date strings for dates, unquoted numbers for text fields as ODS
// does) and turns ODSQL's implicit forms (bare strings, boolean fields, field:value, multivalued
// equality) into explicit typed nodes.
import type { Expr } from '../ast.ts';
import { parseDateLiteral } from '../dates.ts';
import { odsqlError } from '../errors.ts';
import { analyzeCall } from './calls.ts';
import { resolveField, type Ctx } from './scope.ts';
import { scopeStems, searchTerms, textFieldsOrAll } from './search.ts';
import { freeze, NUMERIC, TEMPORAL, type TExpr, type TField, type TLiteral, type TPeriod, type ValueType } from './typed.ts';

export { NUMERIC, TEMPORAL };

export function typeName(t: ValueType): string { return t === 'null' ? 'null' : t; }

/** An expression producing a value (select items, function arguments, comparison operands). */
export function analyzeValue(e: Expr, ctx: Ctx): TExpr {
  switch (e.kind) {
    case 'field': {
      const label = ctx.labels?.get(e.name);
      if (label && !e.quoted) return label;
      return resolveField(ctx, e.name, e.pos);
    }
    case 'string': return literal('text', e.value);
    case 'number': {
      const lit = literal(Number.isSafeInteger(e.value) && !/[.eE]/.test(e.raw) ? 'int' : 'double', e.value);
      spelling.set(lit, e.raw);
      return lit;
    }
    case 'boolean': return literal('boolean', e.value);
    case 'null': return literal('null', null);
    case 'date': return periodOf(e.text, e.pos, ctx);
    case 'call': return analyzeCall(e, ctx);
    case 'unary': {
      const operand = analyzeValue(e.operand, ctx);
      requireType(operand, NUMERIC, 'a number', e.pos, ctx);
      return freeze({ kind: 'neg', type: operand.type, operand });
    }
    case 'binary': {
      const left = analyzeValue(e.left, ctx);
      const right = analyzeValue(e.right, ctx);
      requireType(left, NUMERIC, 'a number', e.pos, ctx);
      requireType(right, NUMERIC, 'a number', e.pos, ctx);
      const type = e.op !== '/' && left.type === 'int' && right.type === 'int' ? 'int' : 'double';
      return freeze({ kind: 'arith', type, op: e.op, left, right });
    }
    case 'geom': throw odsqlError('ODSQL_TYPE', ctx.clause, e.pos, 'A geometry literal can only be a geo function argument');
    case 'quantity': throw odsqlError('ODSQL_TYPE', ctx.clause, e.pos, `A distance or interval (${e.value}${e.unit}) can only be a function argument`);
    case 'star': throw odsqlError('ODSQL_TYPE', ctx.clause, e.pos, '"*" can only be a function argument');
    default: return analyzeCondition(e, ctx);
  }
}

/** A condition (where clause, NOT/AND/OR operands): bare strings search, boolean fields test true. */
export function analyzeCondition(e: Expr, ctx: Ctx): TExpr {
  switch (e.kind) {
    case 'string': {
      const terms = searchTerms(e.value, 'words', { stems: scopeStems(ctx) });
      if (terms.length === 0) return freeze({ kind: 'const_bool', type: 'boolean', value: true });
      return freeze({ kind: 'text_match', type: 'boolean', mode: 'words', fields: textFieldsOrAll(ctx, []), terms });
    }
    case 'logical': {
      const items = [analyzeCondition(e.left, ctx), analyzeCondition(e.right, ctx)]
        .flatMap((x) => (x.kind === 'logic' && x.op === e.op ? x.items : [x]));
      return freeze({ kind: 'logic', type: 'boolean', op: e.op, items });
    }
    case 'not': return freeze({ kind: 'not', type: 'boolean', operand: analyzeCondition(e.operand, ctx) });
    case 'compare': return compare(e.op, analyzeValue(e.left, ctx), analyzeValue(e.right, ctx), e.pos, ctx);
    case 'field_colon': return compare('=', resolveField(ctx, e.field.name, e.field.pos), analyzeValue(e.value, ctx), e.pos, ctx);
    case 'like': return like(e.left, e.pattern, e.negated, e.pos, ctx);
    case 'is_null': {
      const expr = analyzeValue(e.expr, ctx);
      return freeze({ kind: 'is_null', type: 'boolean', expr, negated: e.negated });
    }
    case 'is_bool': {
      const test = compare('=', analyzeValue(e.expr, ctx), literal('boolean', e.value), e.pos, ctx);
      return e.negated ? freeze({ kind: 'not', type: 'boolean', operand: test }) : test;
    }
    case 'in_list': {
      const expr = analyzeValue(e.expr, ctx);
      const values = e.values.map((v) => coerce(analyzeValue(v, ctx), expr, v.pos, ctx));
      let out: TExpr;
      if (expr.kind === 'field' && expr.multivalued) {
        const field = expr;
        out = freeze({ kind: 'logic', type: 'boolean', op: 'or', items: values.map((value) => freeze({ kind: 'contains', type: 'boolean', field, value, negated: false })) });
      } else {
        for (const v of values) checkComparable(expr, v, e.pos, ctx);
        out = freeze({ kind: 'in_list', type: 'boolean', expr, values });
      }
      return e.negated ? freeze({ kind: 'not', type: 'boolean', operand: out }) : out;
    }
    case 'in_range': {
      const expr = analyzeValue(e.expr, ctx);
      const low = coerce(analyzeValue(e.low, ctx), expr, e.low.pos, ctx);
      const high = coerce(analyzeValue(e.high, ctx), expr, e.high.pos, ctx);
      checkComparable(expr, low, e.pos, ctx);
      checkComparable(expr, high, e.pos, ctx);
      if (!NUMERIC.has(expr.type) && !TEMPORAL.has(expr.type)) throw odsqlError('ODSQL_TYPE', ctx.clause, e.pos, 'IN ranges apply to numeric and date fields');
      const out: TExpr = freeze({ kind: 'in_range', type: 'boolean', expr, low, high, lowInclusive: e.lowInclusive, highInclusive: e.highInclusive });
      return e.negated ? freeze({ kind: 'not', type: 'boolean', operand: out }) : out;
    }
    case 'in_field': {
      const field = resolveField(ctx, e.field.name, e.field.pos);
      const out = compare('=', field, analyzeValue(e.value, ctx), e.pos, ctx);
      return e.negated ? freeze({ kind: 'not', type: 'boolean', operand: out }) : out;
    }
    default: {
      const v = analyzeValue(e, ctx);
      if (v.type !== 'boolean') throw odsqlError('ODSQL_TYPE', ctx.clause, e.pos, `Expected a condition, found a value of type ${typeName(v.type)}`);
      if (v.kind === 'field' || v.kind === 'literal' || v.kind === 'call' && v.fn === 'ifnull') return compare('=', v, literal('boolean', true), e.pos, ctx);
      return v;
    }
  }
}

/** A comparison; multivalued fields compare any element, date literals compare as periods. */
export function compare(op: '=' | '!=' | '<' | '<=' | '>' | '>=', l: TExpr, r: TExpr, pos: number, ctx: Ctx): TExpr {
  if (isConstant(l) && !isConstant(r)) {
    const flip = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;
    return compare(flip[op], r, l, pos, ctx);
  }
  const right = coerce(r, l, pos, ctx);
  if (l.kind === 'field' && l.multivalued) {
    if (op !== '=' && op !== '!=') throw odsqlError('ODSQL_TYPE', ctx.clause, pos, `Field ${l.field.name} is multivalued: only = and != apply`);
    checkComparable({ ...l, multivalued: false }, right, pos, ctx);
    return freeze({ kind: 'contains', type: 'boolean', field: l, value: right, negated: op === '!=' });
  }
  checkComparable(l, right, pos, ctx);
  return freeze({ kind: 'compare', type: 'boolean', op, left: l, right });
}

function like(leftAst: Expr, patternAst: Expr, negated: boolean, pos: number, ctx: Ctx): TExpr {
  const left = analyzeValue(leftAst, ctx);
  if (left.kind !== 'field' || left.type !== 'text') throw odsqlError('ODSQL_TYPE', ctx.clause, pos, 'LIKE applies to a text field');
  if (patternAst.kind !== 'string') throw odsqlError('ODSQL_TYPE', ctx.clause, patternAst.pos, 'LIKE expects a text literal');
  const terms = searchTerms(patternAst.value, 'words');
  const m: TExpr = terms.length === 0
    ? freeze({ kind: 'const_bool', type: 'boolean', value: true })
    : freeze({ kind: 'text_match', type: 'boolean', mode: 'words', fields: [left as TField], terms });
  return negated ? freeze({ kind: 'not', type: 'boolean', operand: m }) : m;
}

export function literal(type: ValueType, value: string | number | boolean | null): TLiteral {
  return freeze({ kind: 'literal', type, value });
}

export function periodOf(text: string, pos: number, ctx: Ctx): TPeriod {
  const period = parseDateLiteral(text, ctx.timezone);
  if (!period) throw odsqlError('ODSQL_TYPE', ctx.clause, pos, `Invalid date literal: ${JSON.stringify(text)}`);
  return freeze({ kind: 'period', type: 'datetime', period, text });
}

function isConstant(e: TExpr): boolean { return e.kind === 'literal' || e.kind === 'period'; }

/** Literal text that names a number or a date becomes one when compared with such a value. */
/** How an unquoted number was written (016107 stays 016107 when it is compared with a text field). */
const spelling = new WeakMap<TExpr, string>();

export function coerce(v: TExpr, against: TExpr, pos: number, ctx: Ctx): TExpr {
  // Lenient like ODS: an unquoted number against a text field (stationcode = 16107) is that text.
  if (v.kind === 'literal' && (v.type === 'int' || v.type === 'double') && (against.type === 'text' || against.type === 'file')) {
    return literal('text', spelling.get(v) ?? String(v.value));
  }
  if (v.kind !== 'literal' || v.type !== 'text' || typeof v.value !== 'string') return v;
  if (NUMERIC.has(against.type) && v.value.trim() !== '' && Number.isFinite(Number(v.value))) {
    const n = Number(v.value);
    return literal(Number.isSafeInteger(n) ? 'int' : 'double', n);
  }
  if (TEMPORAL.has(against.type)) return periodOf(v.value, pos, ctx);
  if (against.type === 'boolean' && /^(true|false)$/i.test(v.value)) return literal('boolean', v.value.toLowerCase() === 'true');
  return v;
}

export function checkComparable(l: TExpr, r: TExpr, pos: number, ctx: Ctx): void {
  const a = l.type, b = r.type;
  if (a === 'null' || b === 'null') return;
  const ok = (NUMERIC.has(a) && NUMERIC.has(b)) || (TEMPORAL.has(a) && TEMPORAL.has(b)) || a === b
    || ((a === 'text' || a === 'file') && (b === 'text' || b === 'file'));
  if (!ok || a === 'geo_point_2d' || a === 'geo_shape') {
    throw odsqlError('ODSQL_TYPE', ctx.clause, pos, `Cannot compare a value of type ${typeName(a)} with a value of type ${typeName(b)}`);
  }
}

export function requireType(e: TExpr, types: ReadonlySet<ValueType>, what: string, pos: number, ctx: Ctx): void {
  if (e.type !== 'null' && !types.has(e.type)) throw odsqlError('ODSQL_TYPE', ctx.clause, pos, `Expected ${what}, found a value of type ${typeName(e.type)}`);
}
