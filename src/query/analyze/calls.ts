// Analysis of function calls against the function catalogue: existence, clause, arity, argument
// types, and the constants each family needs prepared (geometries, distances, ranges, patterns).
import type { Call, Expr } from '../ast.ts';
import { instantPeriod, NOW_PARAMETERS, nowWith } from '../dates.ts';
import { odsqlError } from '../errors.ts';
import { findFunction, type FunctionName, type FunctionSpec } from '../functions.ts';
import { bboxOf, DISTANCE_UNITS, parseGeometry, type Geometry } from '../geo.ts';
import { analyzeValue, checkComparable, coerce, literal, periodOf, requireType, typeName } from './expr.ts';
import { parseDateFormat } from './joda.ts';
import { analyzeRange } from './ranges.ts';
import { resolveField, type Ctx } from './scope.ts';
import { scopeStems, searchTerms, textFieldsOrAll } from './search.ts';
import { freeze, NUMERIC, TEMPORAL, type CallOptions, type TExpr, type TField, type TextMode, type ValueType } from './typed.ts';

const TEXT = new Set<ValueType>(['text']);
const JSON_TEXT = new Set<ValueType>(['text', 'json_blob']);
const ORDERABLE = new Set<ValueType>(['int', 'double', 'date', 'datetime', 'text']);

export function analyzeCall(e: Call, ctx: Ctx): TExpr {
  let spec = findFunction(e.name);
  if (!spec) throw odsqlError('ODSQL_UNKNOWN_FUNCTION', ctx.clause, e.pos, `Unknown function ${e.name}()`);
  // distance(field, geom, 1km) in a where clause is the v2.0 name of within_distance().
  if (spec.name === 'distance' && e.args.length === 3) spec = findFunction('within_distance')!;
  if (spec.name === 'geometry') return geometryLegacy(e, ctx);
  const clause = ctx.clause === 'refine' || ctx.clause === 'exclude' || ctx.clause === 'facet' ? 'where' : ctx.clause;
  if (!(spec.clauses as readonly string[]).includes(clause)) {
    throw odsqlError('ODSQL_CLAUSE', ctx.clause, e.pos, `Function ${spec.name}() is not allowed in the ${ctx.clause} clause`);
  }
  checkArity(spec, e, ctx);
  if (e.distinct && spec.name !== 'count') throw odsqlError('ODSQL_SYNTAX', ctx.clause, e.pos, 'DISTINCT is only allowed in count()');
  if (e.named.length && spec.name !== 'now') throw odsqlError('ODSQL_TYPE', ctx.clause, e.named[0].pos, `Function ${spec.name}() has no named parameters`);
  const aggregate = spec.category === 'aggregate';
  if (aggregate && ctx.inAggregate) throw odsqlError('ODSQL_CLAUSE', ctx.clause, e.pos, 'Aggregate functions cannot be nested');
  const argCtx: Ctx = aggregate ? { ...ctx, inAggregate: true } : ctx;
  return handlers[spec.name](e, argCtx, spec);
}

type Handler = (e: Call, ctx: Ctx, spec: FunctionSpec & { name: FunctionName }) => TExpr;

function call(fn: FunctionName, type: ValueType, args: TExpr[], options: CallOptions = {}, distinct = false): TExpr {
  const aggregate = findFunction(fn)!.category === 'aggregate';
  return freeze({ kind: 'call', type, fn, args: Object.freeze(args), distinct, aggregate, options: Object.freeze(options) });
}

const unary = (types: ReadonlySet<ValueType>, what: string, result?: ValueType): Handler => (e, ctx, spec) => {
  const a = analyzeValue(e.args[0], ctx);
  requireType(a, types, what, e.args[0].pos, ctx);
  if (a.kind === 'field' && a.multivalued) throw odsqlError('ODSQL_TYPE', ctx.clause, e.args[0].pos, `${spec.name}() does not apply to the multivalued field ${a.field.name}`);
  return call(spec.name, result ?? (spec.returns === 'arg0' ? a.type : spec.returns as ValueType), [a]);
};

const dateUnary: Handler = (e, ctx, spec) => {
  const a = analyzeValue(e.args[0], ctx);
  requireType(a, TEMPORAL, 'a date', e.args[0].pos, ctx);
  return call(spec.name, 'int', [a], { timezone: ctx.timezone });
};

const handlers: Record<FunctionName, Handler> = {
  length: unary(TEXT, 'a text'),
  lower: unary(TEXT, 'a text'),
  upper: unary(TEXT, 'a text'),
  abs: unary(NUMERIC, 'a number'),
  floor: unary(NUMERIC, 'a number'),
  ceil: unary(NUMERIC, 'a number'),
  round: (e, ctx) => {
    const a = analyzeValue(e.args[0], ctx);
    requireType(a, NUMERIC, 'a number', e.args[0].pos, ctx);
    const digits = e.args[1] ? integerLiteral(e.args[1], ctx, -15, 15) : 0;
    return call('round', 'double', [a], { digits });
  },
  json_format: (e, ctx) => {
    const a = analyzeValue(e.args[0], ctx);
    requireType(a, JSON_TEXT, 'a text', e.args[0].pos, ctx);
    const args = [a];
    if (e.args[1]) {
      const f = e.args[1];
      if (f.kind !== 'string' && f.kind !== 'null') throw odsqlError('ODSQL_TYPE', ctx.clause, f.pos, 'json_format() fallback must be a text literal or null');
      args.push(f.kind === 'string' ? literal('text', f.value) : literal('null', null));
    }
    return call('json_format', 'text', args);
  },
  ifnull: (e, ctx) => {
    const a = analyzeValue(e.args[0], ctx);
    const b = coerce(analyzeValue(e.args[1], ctx), a, e.args[1].pos, ctx);
    checkComparable(a, b, e.args[1].pos, ctx);
    if (a.kind === 'field' && a.multivalued) throw odsqlError('ODSQL_TYPE', ctx.clause, e.pos, 'ifnull() does not apply to multivalued fields');
    return call('ifnull', a.type === 'null' ? b.type : a.type, [a, b]);
  },
  now: (e, ctx) => {
    const params: Record<string, number> = {};
    for (const n of e.named) {
      const name = n.name.toLowerCase();
      if (!NOW_PARAMETERS.includes(name)) throw odsqlError('ODSQL_TYPE', ctx.clause, n.pos, `Unknown now() parameter: ${n.name}`);
      params[name] = integerLiteral(n.value, ctx, -1e6, 1e6);
    }
    const ms = nowWith(params, ctx.now, ctx.timezone);
    return freeze({ kind: 'period', type: 'datetime', period: instantPeriod(ms, ctx.timezone), text: new Date(ms).toISOString() });
  },
  year: dateUnary, month: dateUnary, day: dateUnary, hour: dateUnary, minute: dateUnary, second: dateUnary,
  millisecond: dateUnary, quarter: dateUnary, dayofweek: dateUnary,
  date_format: (e, ctx) => {
    const a = analyzeValue(e.args[0], ctx);
    requireType(a, TEMPORAL, 'a date', e.args[0].pos, ctx);
    const p = e.args[1];
    if (p.kind !== 'string') throw odsqlError('ODSQL_TYPE', ctx.clause, p.pos, 'date_format() expects a text literal pattern');
    const pattern = parseDateFormat(p.value, ctx.lang);
    if (typeof pattern === 'string') throw odsqlError('ODSQL_TYPE', ctx.clause, p.pos, `Unsupported date_format pattern element: ${pattern}`);
    return call('date_format', 'text', [a], { pattern, lang: ctx.lang, timezone: ctx.timezone });
  },
  distance: (e, ctx) => {
    const field = geoField(e.args[0], ctx);
    const geometry = geometryLiteral(e.args[1], ctx);
    return call('distance', 'double', [field], { geometry, bbox: bboxOf(geometry) });
  },
  count: (e, ctx) => {
    const a = e.args[0];
    if (a.kind === 'star') {
      if (e.distinct) throw odsqlError('ODSQL_TYPE', ctx.clause, a.pos, 'count(distinct *) is not supported');
      return call('count', 'int', []);
    }
    return call('count', 'int', [analyzeValue(a, ctx)], {}, e.distinct);
  },
  sum: (e, ctx) => { const a = numericArg(e, ctx); return call('sum', a.type === 'int' ? 'int' : 'double', [a]); },
  avg: (e, ctx) => call('avg', 'double', [numericArg(e, ctx)]),
  median: (e, ctx) => call('median', 'double', [numericArg(e, ctx)]),
  percentile: (e, ctx) => {
    const a = numericArg(e, ctx);
    const p = numberLiteral(e.args[1], ctx);
    if (p < 0 || p > 100) throw odsqlError('ODSQL_TYPE', ctx.clause, e.args[1].pos, 'percentile() expects a percentile between 0 and 100');
    return call('percentile', 'double', [a], { fraction: p / 100 });
  },
  min: (e, ctx, spec) => minMax(e, ctx, spec.name),
  max: (e, ctx, spec) => minMax(e, ctx, spec.name),
  envelope: (e, ctx) => call('envelope', 'geo_shape', [geoField(e.args[0], ctx)]),
  bbox: (e, ctx) => call('bbox', 'geo_shape', [geoField(e.args[0], ctx)]),
  search: (e, ctx) => textPredicate(e, ctx, 'fuzzy'),
  suggest: (e, ctx) => textPredicate(e, ctx, 'prefix'),
  startswith: (e, ctx) => textPredicate(e, ctx, 'startswith'),
  within_distance: (e, ctx) => {
    const field = geoField(e.args[0], ctx);
    const geometry = geometryLiteral(e.args[1], ctx);
    const d = e.args[2];
    let meters: number;
    if (d.kind === 'quantity' && d.unit in DISTANCE_UNITS) meters = d.value * DISTANCE_UNITS[d.unit];
    else if (d.kind === 'number') meters = d.value;
    else throw odsqlError('ODSQL_TYPE', ctx.clause, d.pos, 'within_distance() expects a distance such as 500m or 1km (units: mi, yd, ft, m, cm, km, mm)');
    if (!(meters >= 0)) throw odsqlError('ODSQL_TYPE', ctx.clause, d.pos, 'The distance must not be negative');
    return call('within_distance', 'boolean', [field], { geometry, bbox: bboxOf(geometry), meters });
  },
  in_bbox: (e, ctx) => {
    const field = geoField(e.args[0], ctx);
    const [lat1, lon1, lat2, lon2] = e.args.slice(1).map((a) => numberLiteral(a, ctx));
    const bbox = { xmin: Math.min(lon1, lon2), xmax: Math.max(lon1, lon2), ymin: Math.min(lat1, lat2), ymax: Math.max(lat1, lat2) };
    return call('in_bbox', 'boolean', [field], { bbox });
  },
  intersects: (e, ctx) => geoRelation(e, ctx, 'intersects'),
  within: (e, ctx) => geoRelation(e, ctx, 'within'),
  disjoint: (e, ctx) => geoRelation(e, ctx, 'disjoint'),
  geometry: (e, ctx) => geometryLegacy(e, ctx),
  range: (e, ctx) => analyzeRange(e, ctx, (fn, type, args, options) => call(fn, type, args, options)),
  geo_cluster: (e, ctx) => {
    const field = geoField(e.args[0], ctx);
    const zoom = integerLiteral(e.args[1], ctx, 0, 25);
    const radius = e.args[2] ? integerLiteral(e.args[2], ctx, 1, 256) : 40;
    return call('geo_cluster', 'geo_point_2d', [field], { cell: (360 / 2 ** zoom) * (radius / 256) });
  },
  random: (e, ctx) => call('random', 'double', [], { seed: integerLiteral(e.args[0], ctx, -(2 ** 31), 2 ** 31) }),
  include: (e, ctx) => { throw odsqlError('ODSQL_CLAUSE', ctx.clause, e.pos, 'include() can only be a select item'); },
  exclude: (e, ctx) => { throw odsqlError('ODSQL_CLAUSE', ctx.clause, e.pos, 'exclude() can only be a select item'); },
};

function checkArity(spec: FunctionSpec, e: Call, ctx: Ctx): void {
  if (spec.name === 'now') {
    if (e.args.length) throw odsqlError('ODSQL_TYPE', ctx.clause, e.pos, 'now() only takes named parameters, e.g. now(days=-1)');
    return;
  }
  const required = spec.params.filter((p) => !p.optional).length;
  const variadic = spec.params.some((p) => p.variadic);
  const max = variadic ? Infinity : spec.params.length;
  if (e.args.length < required || e.args.length > max) {
    throw odsqlError('ODSQL_TYPE', ctx.clause, e.pos, `Wrong number of arguments for ${spec.syntax}`);
  }
}

function numericArg(e: Call, ctx: Ctx): TExpr {
  const a = analyzeValue(e.args[0], ctx);
  requireType(a, NUMERIC, 'a number', e.args[0].pos, ctx);
  return a;
}

function minMax(e: Call, ctx: Ctx, fn: FunctionName): TExpr {
  const a = analyzeValue(e.args[0], ctx);
  requireType(a, ORDERABLE, 'a number, a date or a text', e.args[0].pos, ctx);
  return call(fn, a.type, [a]);
}

function textPredicate(e: Call, ctx: Ctx, mode: TextMode): TExpr {
  const last = e.args[e.args.length - 1];
  if (last.kind !== 'string') throw odsqlError('ODSQL_TYPE', ctx.clause, last.pos, 'The last argument must be the text to search for');
  const fields: TField[] = [];
  for (const a of e.args.slice(0, -1)) {
    if (a.kind === 'star') continue;
    if (a.kind !== 'field') throw odsqlError('ODSQL_TYPE', ctx.clause, a.pos, 'Expected a text field name or *');
    const f = resolveField(ctx, a.name, a.pos);
    if (f.type !== 'text') throw odsqlError('ODSQL_TYPE', ctx.clause, a.pos, `Field ${f.field.name} is not a text field`);
    fields.push(f);
  }
  const terms = searchTerms(last.value, mode, mode === 'fuzzy' ? { stems: scopeStems(ctx) } : {});
  if (terms.length === 0) return freeze({ kind: 'const_bool', type: 'boolean', value: true });
  return freeze({ kind: 'text_match', type: 'boolean', mode, fields: textFieldsOrAll(ctx, fields), terms });
}

function geoRelation(e: Call, ctx: Ctx, fn: 'intersects' | 'within' | 'disjoint'): TExpr {
  const field = geoField(e.args[0], ctx);
  const geometry = geometryLiteral(e.args[1], ctx);
  if (geometry.type === 'LineString' || geometry.type === 'MultiLineString') {
    throw odsqlError('ODSQL_TYPE', ctx.clause, e.args[1].pos, `${fn}() supports point and polygon geometries, not lines`);
  }
  return call(fn, 'boolean', [field], { geometry, bbox: bboxOf(geometry) });
}

function geometryLegacy(e: Call, ctx: Ctx): TExpr {
  const mode = e.args[2];
  const name = mode && mode.kind === 'field' ? mode.name.toLowerCase() : '';
  if (e.args.length !== 3 || !['intersects', 'within', 'disjoint'].includes(name)) {
    throw odsqlError('ODSQL_TYPE', ctx.clause, e.pos, 'geometry() expects (field, geom\'…\', INTERSECTS|WITHIN|DISJOINT)');
  }
  return analyzeCall({ ...e, name, args: e.args.slice(0, 2) }, ctx);
}

export function geoField(a: Expr, ctx: Ctx): TField {
  if (a.kind !== 'field') throw odsqlError('ODSQL_TYPE', ctx.clause, a.pos, 'Expected a geo field name');
  const f = resolveField(ctx, a.name, a.pos);
  if (f.type !== 'geo_point_2d' && f.type !== 'geo_shape') throw odsqlError('ODSQL_TYPE', ctx.clause, a.pos, `Field ${f.field.name} is not a geo field (found ${typeName(f.type)})`);
  return f;
}

function geometryLiteral(a: Expr, ctx: Ctx): Geometry {
  if (a.kind !== 'geom') throw odsqlError('ODSQL_TYPE', ctx.clause, a.pos, "Expected a geometry literal such as geom'POINT(2.35 48.85)'");
  const g = parseGeometry(a.text);
  if (typeof g === 'string') throw odsqlError('ODSQL_TYPE', ctx.clause, a.pos, `Invalid geometry literal: ${g}`);
  return g;
}

export function numberLiteral(a: Expr, ctx: Ctx): number {
  if (a.kind === 'number') return a.value;
  throw odsqlError('ODSQL_TYPE', ctx.clause, a.pos, 'Expected a number literal');
}

export function integerLiteral(a: Expr, ctx: Ctx, min: number, max: number): number {
  const n = numberLiteral(a, ctx);
  if (!Number.isInteger(n) || n < min || n > max) throw odsqlError('ODSQL_TYPE', ctx.clause, a.pos, `Expected an integer between ${min} and ${max}`);
  return n;
}

export { periodOf };
