// The text twin of a chart: a sentence with its key values (highest, lowest, and the total of
// additive series: never a placeholder), the rows of its "show data" table and its CSV. Pure.
import { formatNumber } from '../../format/format.ts';
import { OTHER_KEY, type ChartData } from './query.ts';
import type { ChartSpec } from './spec.ts';
import { keyLabel, seriesName, type ChartWords } from './labels.ts';

export interface DescribeWords extends ChartWords {
  typeName: string;
  points: (n: number) => string;
  intro: (vars: { type: string; title: string; points: string }) => string;
  series: (vars: { series: string; max: string; maxAt: string; min: string; minAt: string; total: string }) => string;
  /** The same without a total, for averages, minima and maxima (their total means nothing). */
  seriesNoTotal: (vars: { series: string; max: string; maxAt: string; min: string; minAt: string }) => string;
  /** Categories beyond the top N were grouped as "Other". */
  truncated: (n: number) => string;
  /** Categories beyond the top N are not shown (their "Other" would dwarf the bars). */
  topOnly: (n: number) => string;
}

export function describeChart(data: ChartData, spec: ChartSpec, title: string, w: DescribeWords): string {
  const labels = data.keys.map((k) => keyLabel(k, data, w));
  const parts = [w.intro({ type: w.typeName, title, points: w.points(labels.length) })];
  for (const s of data.series.slice(0, 4)) {
    let max = -Infinity; let min = Infinity; let maxAt = ''; let minAt = ''; let total = 0;
    s.values.forEach((v, i) => {
      if (v === null) return;
      total += v;
      if (v > max) { max = v; maxAt = labels[i]; }
      if (v < min) { min = v; minAt = labels[i]; }
    });
    if (max === -Infinity) continue;
    const additive = s.spec.agg === 'count' || s.spec.agg === 'sum';
    const vars = { series: seriesName(s, spec, w), max: formatNumber(w.lang, max), maxAt, min: formatNumber(w.lang, min), minAt };
    parts.push(additive ? w.series({ ...vars, total: formatNumber(w.lang, total) }) : w.seriesNoTotal(vars));
  }
  if (data.truncated) parts.push(data.keys.includes(OTHER_KEY) || data.series.some((s) => s.split === OTHER_KEY) ? w.truncated(spec.top) : w.topOnly(spec.top));
  return parts.join(' ');
}

export interface DataTable { head: string[]; rows: Array<{ label: string; values: Array<number | null> }> }

export function dataTable(data: ChartData, spec: ChartSpec, w: ChartWords): DataTable {
  return {
    head: [w.fieldLabel(spec.x), ...data.series.map((s) => seriesName(s, spec, w))],
    rows: data.keys.map((k, i) => ({ label: keyLabel(k, data, w), values: data.series.map((s) => s.values[i]) })),
  };
}

function csvCell(v: string): string {
  return /[",\n\r;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV of the chart data: raw keys and plain numbers (machine-readable, not locale-formatted). */
export function chartCsv(data: ChartData, spec: ChartSpec, w: ChartWords): string {
  const t = dataTable(data, spec, w);
  const lines = [t.head.map(csvCell).join(',')];
  data.keys.forEach((k, i) => {
    lines.push([csvCell(k === null ? '' : t.rows[i].label === w.other ? w.other : k), ...t.rows[i].values.map((v) => (v === null ? '' : String(v)))].join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
}
