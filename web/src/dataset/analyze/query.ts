// Turns a chart definition into group_by queries on the records API and assembles the answers
// into ChartData (categories × series). Top-N plus "Other" for categories; split series pivoted.
import type { ApiDataset, ApiField, RecordList } from '../../api/types.ts';
import type { Filters } from '../../state/filters.ts';
import { recordsUrl } from '../../api/dataset.ts';
import { getJson } from '../../api/client.ts';
import { isCodeLike, isDateType, isNumericType, parseApiDate, type Granularity } from '../../format/format.ts';
import { odsqlField, odsqlString } from '../../state/odsql.ts';
import { bucketExpr, niceWidth, pickBucketing } from './granularity.ts';
import { keepOther } from './other.ts';
import type { ChartSpec, SeriesSpec } from './spec.ts';

export type XKind = 'date' | 'number' | 'category';
export const OTHER_KEY = '\u0000other';
export const MAX_SPLITS = 8;

export interface ChartSeries { spec: SeriesSpec; split?: string; values: Array<number | null> }

export interface ChartData {
  xKind: XKind;
  gran?: Granularity;
  /** Units of `gran` per time bucket (5 for 5-year periods, 6 for 6-hour ones); 1 when absent. */
  step?: number;
  width?: number;
  keys: Array<string | null>;
  series: ChartSeries[];
  /** Categories beyond the top N were left out: shown as "Other" when keepOther() allows it, else dropped. */
  truncated: boolean;
  /** The x values are years, identifiers or codes: shown as written, without digit grouping. */
  plainKeys?: boolean;
}

/** Integer axes spanning at most this many values are grouped by exact value, not in bins. */
export const MAX_EXACT_INTEGERS = 60;

/** Bins for a number axis: exact values for a short integer span, else a round width (≥ 1 for integers). */
export function numberBins(type: ApiField['type'], lo: number, hi: number): { width?: number } {
  if (type === 'int' && hi - lo < MAX_EXACT_INTEGERS) return {};
  const width = niceWidth(lo, hi);
  return { width: type === 'int' ? Math.max(1, width) : width };
}

type Row = Record<string, unknown>;

export function xKindOf(f: ApiField): XKind {
  return isDateType(f.type) ? 'date' : isNumericType(f.type) ? 'number' : 'category';
}

export function aggExpr(s: SeriesSpec): string {
  return s.agg === 'count' ? 'count(*)' : `${s.agg}(${odsqlField(s.field ?? '')})`;
}

const additive = (s: SeriesSpec) => s.agg === 'count' || s.agg === 'sum';

function keyOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function num(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

async function bounds(ds: ApiDataset, field: string, filters: Filters, signal?: AbortSignal): Promise<[unknown, unknown]> {
  const f = odsqlField(field);
  const body = await getJson<RecordList>(recordsUrl(ds.dataset_id, filters, [['select', `min(${f}) as lo, max(${f}) as hi`]]), signal);
  const row = body.results[0] ?? {};
  return [row.lo, row.hi];
}

async function xExpression(ds: ApiDataset, f: ApiField, spec: ChartSpec, filters: Filters, signal?: AbortSignal) {
  const kind = xKindOf(f);
  const name = odsqlField(f.name);
  if (kind === 'date') {
    let bucket = spec.gran ? { gran: spec.gran, step: 1 } : undefined;
    if (!bucket) {
      const [lo, hi] = await bounds(ds, f.name, filters, signal);
      const a = typeof lo === 'string' ? parseApiDate(lo) : null;
      const b = typeof hi === 'string' ? parseApiDate(hi) : null;
      bucket = a && b && a <= b ? pickBucketing(a, b, f.type === 'datetime') : { gran: 'year' as const, step: 1 };
    }
    return { kind, gran: bucket.gran, step: bucket.step, expr: bucketExpr(name, bucket.gran, bucket.step) };
  }
  if (kind === 'number') {
    const [lo, hi] = await bounds(ds, f.name, filters, signal);
    const { width } = numberBins(f.type, num(lo) ?? 0, num(hi) ?? 0);
    return width === undefined ? { kind, expr: name } : { kind, width, expr: `range(${name}, ${width})` };
  }
  return { kind, expr: name };
}

function fetchRows(ds: ApiDataset, filters: Filters, params: Array<[string, string | number]>, where: string[], signal?: AbortSignal) {
  return getJson<RecordList>(recordsUrl(ds.dataset_id, filters, params, where), signal).then((b) => b.results as Row[]);
}

export async function loadChartData(ds: ApiDataset, spec: ChartSpec, filters: Filters, signal?: AbortSignal): Promise<ChartData> {
  const xf = ds.fields.find((f) => f.name === spec.x);
  if (!xf) throw new Error(`Unknown field ${spec.x}`);
  const x = await xExpression(ds, xf, spec, filters, signal);
  const select = spec.series.map((s, i) => `${aggExpr(s)} as s${i}`).join(', ');
  const split = spec.split && spec.split !== spec.x ? spec.split : undefined;
  const groupBy = `${x.expr} as x${split ? `, ${odsqlField(split)} as k` : ''}`;
  const byCategory = x.kind === 'category';
  const base = { xKind: x.kind, gran: 'gran' in x ? x.gran : undefined, step: 'step' in x && (x.step ?? 1) > 1 ? x.step : undefined, width: 'width' in x ? x.width : undefined, plainKeys: x.kind === 'number' && isCodeLike(xf.name) };

  if (!split) {
    const params: Array<[string, string | number]> = byCategory
      ? [['select', select], ['group_by', groupBy], ['order_by', 's0 desc'], ['limit', spec.top + 1]]
      : [['select', select], ['group_by', groupBy], ['order_by', 'x asc'], ['limit', 20000]];
    let rows = await fetchRows(ds, filters, params, [], signal);
    let truncated = false;
    if (byCategory && rows.length > spec.top) {
      rows = rows.slice(0, spec.top);
      truncated = true;
      const other = await otherRow(ds, xf, rows, select, filters, signal);
      if (other && keepOther(rows.map((r) => num(r.s0)), num(other.s0))) rows.push({ ...other, x: OTHER_KEY });
    }
    return { ...base, truncated, keys: rows.map((r) => keyOf(r.x)), series: spec.series.map((s, i) => ({ spec: s, values: rows.map((r) => num(r[`s${i}`])) })) };
  }
  const rows = await fetchRows(ds, filters, [['select', select], ['group_by', groupBy], ['order_by', 'x asc'], ['limit', 20000]], [], signal);
  return { ...base, ...pivot(rows, spec, byCategory) };
}

async function otherRow(ds: ApiDataset, xf: ApiField, top: Row[], select: string, filters: Filters, signal?: AbortSignal): Promise<Row | null> {
  const values = top.map((r) => r.x).filter((v) => v !== null && v !== undefined);
  const hasNull = top.some((r) => r.x === null || r.x === undefined);
  const field = odsqlField(xf.name);
  const lits = values.map((v) => (typeof v === 'string' ? odsqlString(v) : String(v))).join(', ');
  let where = values.length ? `NOT (${field} IN (${lits}))` : `${field} IS NOT NULL`;
  if (!hasNull && values.length) where = `(${where} OR ${field} IS NULL)`;
  if (hasNull && values.length) where = `${where} AND ${field} IS NOT NULL`;
  const rows = await fetchRows(ds, filters, [['select', select]], [where], signal);
  const row = rows[0];
  return row && Object.values(row).some((v) => num(v)) ? row : null;
}

function pivot(rows: Row[], spec: ChartSpec, byCategory: boolean): Omit<ChartData, 'xKind' | 'gran' | 'step' | 'width'> {
  const first = spec.series[0];
  const totals = new Map<string | null, number>();
  const xTotals = new Map<string | null, number>();
  for (const r of rows) {
    const v = Math.abs(num(r.s0) ?? 0);
    totals.set(keyOf(r.k), (totals.get(keyOf(r.k)) ?? 0) + v);
    xTotals.set(keyOf(r.x), (xTotals.get(keyOf(r.x)) ?? 0) + v);
  }
  const splits = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const kept = splits.slice(0, MAX_SPLITS);
  const fold = splits.length > MAX_SPLITS && additive(first) && spec.series.length === 1;
  let keys = byCategory
    ? [...xTotals.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k).slice(0, spec.top)
    : [...new Set(rows.map((r) => keyOf(r.x)))];
  const keyIndex = new Map(keys.map((k, i) => [k, i]));
  const truncated = splits.length > MAX_SPLITS || (byCategory && xTotals.size > spec.top);
  const series: ChartSeries[] = [];
  spec.series.forEach((s, si) => {
    const bySplit = new Map<string | null, Array<number | null>>();
    for (const k of kept) bySplit.set(k, keys.map(() => null));
    if (fold) bySplit.set(OTHER_KEY, keys.map(() => null));
    for (const r of rows) {
      const xi = keyIndex.get(keyOf(r.x));
      if (xi === undefined) continue;
      const k = keyOf(r.k);
      const target = bySplit.get(k) ?? (fold ? bySplit.get(OTHER_KEY) : undefined);
      if (!target) continue;
      const v = num(r[`s${si}`]);
      target[xi] = v === null ? target[xi] : (target[xi] ?? 0) + v;
    }
    for (const [k, values] of bySplit) series.push({ spec: s, split: k ?? '', values });
  });
  return { keys, series, truncated };
}
