// Human text for a chart: series names, category labels (locale dates, ranges, Other, empty),
// title and axis names (field label, time bucket, unit). Pure; the caller passes the translated words.
import { formatBucket, formatNumber } from '../../format/format.ts';
import { OTHER_KEY, type ChartData, type ChartSeries } from './query.ts';
import type { ChartSpec, SeriesSpec } from './spec.ts';

export interface ChartWords {
  lang: string;
  fieldLabel: (name: string) => string;
  aggLabel: (agg: SeriesSpec['agg']) => string;
  countOf: string;
  other: string;
  empty: string;
  granLabel: (g: string) => string;
  /** "{agg} of {field}"; without it, "{agg} – {field}". */
  aggOf?: (agg: string, field: string) => string;
  /** A multiple of a time unit ("5 years"); without it, "5 × year". */
  stepLabel?: (g: string, n: number) => string;
  /** A field's unit ("EUR", "°C"), if known. */
  unitOf?: (name: string) => string | undefined;
}

export function measureName(s: SeriesSpec, w: ChartWords): string {
  if (s.agg === 'count') return w.countOf;
  const agg = w.aggLabel(s.agg);
  const field = w.fieldLabel(s.field ?? '');
  return w.aggOf ? w.aggOf(agg, field) : `${agg} – ${field}`;
}

const withUnit = (text: string, unit: string | undefined) => (unit ? `${text} (${unit})` : text);

/** The time bucket's name: "Month", or "5 years" for a multiple. */
export function bucketName(g: string, step: number | undefined, w: Pick<ChartWords, 'granLabel' | 'stepLabel'>): string {
  if (!step || step === 1) return w.granLabel(g);
  return w.stepLabel ? w.stepLabel(g, step) : `${step} × ${w.granLabel(g).toLowerCase()}`;
}

/** The value axis: the measures with their unit ("Sum of Amount (EUR)", "Number of records"). */
export function valueAxisName(spec: ChartSpec, w: ChartWords): string {
  const names = spec.series.map((s) => withUnit(measureName(s, w), s.agg === 'count' ? undefined : w.unitOf?.(s.field ?? '')));
  return [...new Set(names)].join(' / ');
}

/** The category axis: the x field's label, with the time bucket or the unit of a number axis. */
export function categoryAxisName(data: ChartData, spec: ChartSpec, w: ChartWords): string {
  const label = w.fieldLabel(spec.x);
  if (data.xKind === 'date' && data.gran) return `${label} (${bucketName(data.gran, data.step, w).toLowerCase()})`;
  return withUnit(label, data.xKind === 'number' ? w.unitOf?.(spec.x) : undefined);
}

export function seriesName(s: ChartSeries, spec: ChartSpec, w: ChartWords): string {
  if (s.split === undefined) return measureName(s.spec, w);
  const splitText = s.split === OTHER_KEY ? w.other : s.split === '' ? w.empty : s.split;
  return spec.series.length > 1 ? `${splitText} – ${measureName(s.spec, w)}` : splitText;
}

/** Parses a range() group key such as "[10, 15[" or "10-15" into its bounds. */
export function parseRange(key: string): [number, number] | null {
  const m = /(-?[\d.eE+-]+)\s*(?:,|\.\.|\s-\s|\s*;\s*)\s*(-?[\d.eE+-]+)/.exec(key);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return Number.isFinite(a) && Number.isFinite(b) ? [a, b] : null;
}

export function keyLabel(key: string | null, data: ChartData, w: ChartWords): string {
  if (key === OTHER_KEY) return w.other;
  if (key === null || key === '') return w.empty;
  if (data.xKind === 'date' && data.gran === 'year' && data.step && data.step > 1 && /^-?\d+$/.test(key)) {
    return `${key}–${Number(key) + data.step - 1}`;
  }
  if (data.xKind === 'date' && data.gran) return formatBucket(w.lang, key, data.gran);
  if (data.xKind === 'number') {
    const fmt = (n: number) => (data.plainKeys ? String(n) : formatNumber(w.lang, n));
    const r = parseRange(key);
    if (r) return `${fmt(r[0])} – ${fmt(r[1])}`;
    const n = Number(key);
    if (Number.isFinite(n)) return data.width ? `${fmt(n)} – ${fmt(n + data.width)}` : fmt(n);
  }
  return key;
}

export function chartTitle(spec: ChartSpec, data: ChartData | null, w: ChartWords, by: (y: string, x: string) => string): string {
  const y = spec.series.map((s) => measureName(s, w)).join(', ');
  let x = w.fieldLabel(spec.x);
  const gran = data?.gran ?? spec.gran;
  if (gran && (!data || data.xKind === 'date')) x = `${x} (${bucketName(gran, data?.step, w).toLowerCase()})`;
  if (spec.split) x = `${x}, ${w.fieldLabel(spec.split)}`;
  return by(y, x);
}
