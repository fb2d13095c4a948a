// SQL for every function of the catalogue, keyed by its name: the catalogue adding a function makes
// this table fail to type-check until the function has SQL. Grouping functions render in grouping.ts.
import type { FunctionName } from '../query/functions.ts';
import type { TCall, TExpr } from '../query/analyze/typed.ts';
import type { DatePart } from './dialect.ts';
import type { ExprCompiler } from './expr.ts';
import { compileDistance, compileGeoAggregate, compileGeoPredicate } from './geo.ts';
import { groupingValue } from './grouping.ts';

type Emitter = (e: TCall, c: ExprCompiler) => string;

const arg = (e: TCall, c: ExprCompiler, i = 0) => c.expr(e.args[i]);
const fn1 = (name: string): Emitter => (e, c) => `${name}(${arg(e, c)})`;
const compiledElsewhere = (what: string): Emitter => (e) => {
  throw new Error(`internal: ${e.fn}() is compiled as ${what}`);
};

/** A date or datetime argument as wall-clock time in the request time zone (a bare null typed, so
 *  the engine does not pick some other temporal type for it). */
export function localDate(e: TExpr, c: ExprCompiler): string {
  if (e.type === 'null') return c.b.dialect.cast('NULL', 'timestamp');
  const sql = c.expr(e);
  return e.type === 'date' ? sql : c.b.dialect.localTime(sql, c.timezoneParam());
}

const datePart = (part: DatePart): Emitter => (e, c) => c.b.dialect.datePart(part, localDate(e.args[0], c));

const EMITTERS: Record<FunctionName, Emitter> = {
  length: fn1('length'),
  lower: fn1('lower'),
  upper: fn1('upper'),
  abs: fn1('abs'),
  floor: (e, c) => `floor(${c.b.dialect.cast(arg(e, c), 'double')})`,
  ceil: (e, c) => `ceil(${c.b.dialect.cast(arg(e, c), 'double')})`,
  round: (e, c) => c.b.dialect.round(arg(e, c), c.b.typed(e.options.digits ?? 0, 'bigint')),
  json_format: (e, c) => {
    const value = arg(e, c);
    return c.b.dialect.jsonFormat(value, e.args[1] ? arg(e, c, 1) : arg(e, c));
  },
  ifnull: (e, c) => `COALESCE(${arg(e, c)}, ${arg(e, c, 1)})`,
  now: compiledElsewhere('a period constant'),
  year: datePart('year'), month: datePart('month'), day: datePart('day'), hour: datePart('hour'),
  minute: datePart('minute'), second: datePart('second'), millisecond: datePart('millisecond'),
  quarter: datePart('quarter'), dayofweek: datePart('isodow'),
  date_format: (e, c) => formatDate(e, c),
  distance: (e, c) => compileDistance(e, c),
  count: (e, c) => {
    if (e.args.length === 0) return 'count(*)';
    const a = e.args[0];
    const target = a.kind === 'field' && a.type === 'geo_point_2d' ? c.geoColumn(a, 'lat') : c.expr(a);
    return `count(${e.distinct ? 'DISTINCT ' : ''}${target})`;
  },
  sum: fn1('sum'),
  avg: fn1('avg'),
  min: fn1('min'),
  max: fn1('max'),
  median: (e, c) => c.b.dialect.percentile(arg(e, c), c.b.typed(0.5, 'double')),
  percentile: (e, c) => c.b.dialect.percentile(arg(e, c), c.b.typed(e.options.fraction ?? 0.5, 'double')),
  envelope: (e, c) => compileGeoAggregate(e, c),
  bbox: (e, c) => compileGeoAggregate(e, c),
  search: compiledElsewhere('a text match'),
  suggest: compiledElsewhere('a text match'),
  startswith: compiledElsewhere('a text match'),
  within_distance: (e, c) => compileGeoPredicate(e, c),
  in_bbox: (e, c) => compileGeoPredicate(e, c),
  intersects: (e, c) => compileGeoPredicate(e, c),
  within: (e, c) => compileGeoPredicate(e, c),
  disjoint: (e, c) => compileGeoPredicate(e, c),
  geometry: compiledElsewhere('intersects/within/disjoint'),
  range: (e) => groupingValue(e),
  geo_cluster: (e) => groupingValue(e),
  random: (e, c) => c.b.dialect.randomKey([c.b.ident('_rid')], c.b.typed(e.options.seed ?? 0, 'bigint')),
  include: compiledElsewhere('a select list'),
  exclude: compiledElsewhere('a select list'),
};

export function emitCall(e: TCall, c: ExprCompiler): string {
  return EMITTERS[e.fn](e, c);
}

/** date_format: numeric parts through the dialect's formatter, names from a bound list by index. */
function formatDate(e: TCall, c: ExprCompiler): string {
  const tokens = e.options.pattern ?? [];
  const parts: string[] = [];
  let run: typeof tokens[number][] = [];
  const flush = () => {
    if (run.length) parts.push(c.b.dialect.formatDate(localDate(e.args[0], c), run, c.b.bind));
    run = [];
  };
  for (const t of tokens) {
    if ('symbol' in t && t.names) {
      flush();
      const index = t.symbol.startsWith('E') ? c.b.dialect.datePart('isodow', localDate(e.args[0], c)) : c.b.dialect.datePart('month', localDate(e.args[0], c));
      parts.push(`(CASE ${index} ${t.names.map((n, i) => `WHEN ${i + 1} THEN ${c.b.typed(n, 'text')}`).join(' ')} END)`);
    } else run.push(t);
  }
  flush();
  if (parts.length === 0) return c.b.typed('', 'text');
  return parts.length === 1 ? parts[0] : `(${parts.join(' || ')})`;
}
