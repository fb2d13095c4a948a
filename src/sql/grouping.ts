// How each group_by key renders: the inner GROUP BY expressions, extra per-group aggregates, the
// output value built in the outer query from the inner columns, its sort order and row filter.
// range() keys are bucket numbers labelled "[lo, hi[" outside; geo_cluster() keys are grid cells.
import type { TCall, TExpr, TField, TPeriod } from '../query/analyze/typed.ts';
import type { ExprCompiler } from './expr.ts';
import { localDate } from './functions.ts';
import { periodBound } from './periods.ts';

export interface InnerRefs { keys: readonly string[]; aggs: readonly string[] }

export interface GroupParts {
  /** GROUP BY expressions, compiled in the inner query. */
  keys: Array<() => string>;
  /** Extra aggregates per group, compiled in the inner query. */
  aggs: Array<() => string>;
  /** The output value, from quoted inner column names. */
  output: (r: InnerRefs) => string;
  sort: (r: InnerRefs) => string[];
  /** Condition on the inner columns that keeps a group (static ranges drop out-of-range rows). */
  filter?: (r: InnerRefs) => string;
}

const SECONDS = { millisecond: 0.001, second: 1, minute: 60, hour: 3600, day: 86400 } as const;

export function groupParts(e: TExpr, c: ExprCompiler): GroupParts {
  if (e.kind === 'call' && e.fn === 'range') return rangeParts(e, c);
  if (e.kind === 'call' && e.fn === 'geo_cluster') return clusterParts(e, c);
  if (e.kind === 'call' && e.fn === 'date_format') { const unit = truncatingUnit(e); if (unit) return truncatedFormatParts(e, unit, c); }
  const json = e.type === 'geo_point_2d' || e.type === 'geo_shape';
  return { keys: [() => (json ? c.b.dialect.groupableJson(c.expr(e)) : c.expr(e))], aggs: [], output: (r) => r.keys[0], sort: (r) => [r.keys[0]] };
}

// date_format keys that only show whole units from the year down (yyyy, MM, dd, HH, mm, ss; any
// literal text between them): grouping by the date truncated to the finest unit shown, then
// formatting each group once, gives the same groups and labels as formatting every row first, at a
// fraction of the cost (DuckDB on 3M rows: 24 ms against 106 ms). Sorted by the label, as before.
const TRUNCATING: ReadonlyArray<readonly [string, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second']> =
  [['yyyy', 'year'], ['MM', 'month'], ['dd', 'day'], ['HH', 'hour'], ['mm', 'minute'], ['ss', 'second']];

function truncatingUnit(e: TCall): (typeof TRUNCATING)[number][1] | null {
  const symbols = (e.options.pattern ?? []).flatMap((t) => ('symbol' in t ? [t.symbol] : []));
  if (symbols.length === 0 || symbols.length > TRUNCATING.length) return null;
  // Exactly the first n units, each once, in any order of display.
  const shown = new Set(symbols);
  if (shown.size !== symbols.length) return null;
  const units = TRUNCATING.slice(0, symbols.length);
  return units.every(([sym]) => shown.has(sym)) ? units[units.length - 1][1] : null;
}

function truncatedFormatParts(e: TCall, unit: (typeof TRUNCATING)[number][1], c: ExprCompiler): GroupParts {
  const d = c.b.dialect;
  const label = (r: InnerRefs) => d.formatDate(r.keys[0], e.options.pattern!, c.b.bind);
  return { keys: [() => d.truncate(unit, localDate(e.args[0], c))], aggs: [], output: label, sort: (r) => [label(r)] };
}

export function groupingValue(e: TCall): string {
  throw new Error(`internal: ${e.fn}() renders only as a group_by key`);
}

function rangeParts(e: TCall, c: ExprCompiler): GroupParts {
  const x = e.args[0];
  const d = c.b.dialect;
  const o = e.options;
  if (o.width !== undefined) {
    const intWidth = x.type === 'int' && Number.isInteger(o.width);
    const width = () => c.b.typed(o.width!, intWidth ? 'bigint' : 'double');
    const bucket = () => `floor(${d.cast(c.expr(x), 'double')} / ${width()})`;
    const lo = (k: string) => (intWidth ? `${d.cast(k, 'bigint')} * ${width()}` : `${k} * ${width()}`);
    const hi = (k: string) => (intWidth ? `(${d.cast(k, 'bigint')} + 1) * ${width()}` : `(${k} + 1) * ${width()}`);
    return {
      keys: [bucket], aggs: [],
      output: (r) => `CASE WHEN ${r.keys[0]} IS NULL THEN NULL ELSE '[' || ${d.numberText(lo(r.keys[0]))} || ', ' || ${d.numberText(hi(r.keys[0]))} || '[' END`,
      sort: (r) => [r.keys[0]],
    };
  }
  if (o.interval) {
    const { n, unit } = o.interval;
    const asDate = x.type === 'date' && !(unit in SECONDS && unit !== 'day');
    const kind = asDate ? 'date' : 'timestamp';
    const start = (): string => {
      const local = localDate(x, c);
      if (unit in SECONDS && !(n === 1 && unit !== 'millisecond')) {
        const step = n * SECONDS[unit as keyof typeof SECONDS];
        return d.fromEpochSeconds(`floor(${d.epochSeconds(local)} / ${c.b.typed(step, 'double')}) * ${c.b.typed(step, 'double')}`);
      }
      return d.truncate(unit as 'day', local);
    };
    const key = () => (asDate ? d.cast(start(), 'date') : d.cast(start(), 'timestamp'));
    const end = (k: string) => (asDate ? d.cast(d.addInterval(k, n, unit), 'date') : d.addInterval(k, n, unit));
    return {
      keys: [key], aggs: [],
      output: (r) => `CASE WHEN ${r.keys[0]} IS NULL THEN NULL ELSE '[' || ${d.isoText(r.keys[0], kind)} || ', ' || ${d.isoText(end(r.keys[0]), kind)} || '[' END`,
      sort: (r) => [r.keys[0]],
    };
  }
  const bounds = o.bounds ?? [];
  const kind = x.type === 'date' ? 'date' : 'datetime';
  const bound = (b: number | TPeriod) => (typeof b === 'number' ? c.b.typed(b, Number.isInteger(b) && x.type === 'int' ? 'bigint' : 'double') : periodBound(b.period, 'start', kind, c));
  const label = (b: number | TPeriod | null) => (b === null ? '*' : typeof b === 'number' ? String(b) : kind === 'date' ? b.period.startDate : new Date(b.period.start).toISOString());
  const buckets = bounds.slice(0, -1).map((lo, i) => ({ lo, hi: bounds[i + 1], text: `[${label(lo)}, ${label(bounds[i + 1])}[` }));
  const key = () => {
    const whens = buckets.map((bk, i) => {
      const conds: string[] = [];
      if (bk.lo !== null) conds.push(`${c.expr(x)} >= ${bound(bk.lo)}`);
      if (bk.hi !== null) conds.push(`${c.expr(x)} < ${bound(bk.hi)}`);
      return `WHEN ${conds.join(' AND ')} THEN ${i}`;
    });
    return `CASE WHEN ${c.expr(x)} IS NULL THEN NULL ${whens.join(' ')} ELSE -1 END`;
  };
  return {
    keys: [key], aggs: [],
    output: (r) => `CASE ${r.keys[0]} ${buckets.map((bk, i) => `WHEN ${i} THEN ${c.b.typed(bk.text, 'text')}`).join(' ')} END`,
    sort: (r) => [r.keys[0]],
    filter: (r) => `(${r.keys[0]} IS NULL OR ${r.keys[0]} >= 0)`,
  };
}

function clusterParts(e: TCall, c: ExprCompiler): GroupParts {
  const f = e.args[0] as TField;
  const cell = e.options.cell!;
  const lon = () => c.geoColumn(f, 'lon');
  const lat = () => c.geoColumn(f, 'lat');
  return {
    keys: [() => `floor(${lon()} / ${c.b.typed(cell, 'double')})`, () => `floor(${lat()} / ${c.b.typed(cell, 'double')})`],
    aggs: [() => `CASE WHEN count(${lat()}) = 0 THEN NULL ELSE ${c.b.dialect.point(`avg(${lon()})`, `avg(${lat()})`)} END`],
    output: (r) => r.aggs[0],
    sort: (r) => [r.keys[0], r.keys[1]],
  };
}
