// A chart's definition (x axis, series, split, type, stacking) and its round trip through the URL.
// Pure data and parsing; no React, no ECharts.
import type { Granularity } from '../../format/format.ts';

export const AGGREGATES = ['count', 'sum', 'avg', 'min', 'max'] as const;
export type Aggregate = (typeof AGGREGATES)[number];
export const CHART_TYPES = ['line', 'column', 'bar', 'pie', 'area', 'scatter'] as const;
export type ChartType = (typeof CHART_TYPES)[number];
export const GRANULARITIES: Granularity[] = ['year', 'month', 'week', 'day', 'hour'];

export interface SeriesSpec { agg: Aggregate; field?: string }

export interface ChartSpec {
  x: string;
  gran?: Granularity;
  series: SeriesSpec[];
  split?: string;
  type: ChartType;
  stack: boolean;
  /** For category axes: how many categories before "Other". */
  top: number;
}

export const DEFAULT_TOP = 10;
const KEYS = ['x', 'gran', 'series', 'split', 'chart', 'stack', 'top'];

export function seriesToText(s: SeriesSpec[]): string {
  return s.map((x) => (x.agg === 'count' ? 'count' : `${x.agg}:${x.field}`)).join(',');
}

export function parseSeries(text: string): SeriesSpec[] {
  const out: SeriesSpec[] = [];
  for (const part of text.split(',')) {
    const [agg, field] = part.split(':');
    if (!(AGGREGATES as readonly string[]).includes(agg)) continue;
    if (agg === 'count') out.push({ agg: 'count' });
    else if (field) out.push({ agg: agg as Aggregate, field });
  }
  return out;
}

/** Reads a chart from the URL; returns null when the URL holds no chart (defaults apply). */
export function readSpec(sp: URLSearchParams): ChartSpec | null {
  const x = sp.get('x');
  if (!x) return null;
  const series = parseSeries(sp.get('series') ?? 'count');
  const gran = sp.get('gran');
  const type = sp.get('chart');
  const top = Number(sp.get('top'));
  return {
    x,
    gran: (GRANULARITIES as string[]).includes(gran ?? '') ? gran as Granularity : undefined,
    series: series.length ? series : [{ agg: 'count' }],
    split: sp.get('split') || undefined,
    type: (CHART_TYPES as readonly string[]).includes(type ?? '') ? type as ChartType : 'column',
    stack: sp.get('stack') === '1',
    top: Number.isInteger(top) && top > 0 && top <= 100 ? top : DEFAULT_TOP,
  };
}

export function writeSpec(sp: URLSearchParams, spec: ChartSpec | null): URLSearchParams {
  const out = new URLSearchParams(sp);
  for (const k of KEYS) out.delete(k);
  if (!spec) return out;
  out.set('x', spec.x);
  if (spec.gran) out.set('gran', spec.gran);
  out.set('series', seriesToText(spec.series));
  if (spec.split) out.set('split', spec.split);
  out.set('chart', spec.type);
  if (spec.stack) out.set('stack', '1');
  if (spec.top !== DEFAULT_TOP) out.set('top', String(spec.top));
  return out;
}

export function chartKeys(): string[] { return [...KEYS]; }
