// Human text for a chart: series names, category labels (locale dates, ranges, Other, empty),
// title. Pure; the caller passes the translated words.
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
}

export function measureName(s: SeriesSpec, w: ChartWords): string {
  if (s.agg === 'count') return w.countOf;
  return `${w.aggLabel(s.agg)} – ${w.fieldLabel(s.field ?? '')}`;
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
  if (gran && (!data || data.xKind === 'date')) x = `${x} (${w.granLabel(gran).toLowerCase()})`;
  if (spec.split) x = `${x}, ${w.fieldLabel(spec.split)}`;
  return by(y, x);
}
