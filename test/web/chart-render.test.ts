// The ECharts option as ECharts itself draws it (server-side SVG rendering, no browser): bars
// start at zero, axes use the reader's locale and carry their names, colours are Okabe–Ito with
// outlined bars.
// (The aria text lands on the DOM container, so the e2e tests check it in a browser.)
import { describe, expect, it } from 'vitest';
import * as echarts from 'echarts';
import { buildOption } from '../../web/src/dataset/analyze/option.ts';
import type { ChartData } from '../../web/src/dataset/analyze/query.ts';
import type { ChartSpec } from '../../web/src/dataset/analyze/spec.ts';

const words = (lang: string) => ({
  lang, fieldLabel: (n: string) => n, aggLabel: () => 'Sum', countOf: 'Records', other: 'Other', empty: '(empty)', granLabel: (g: string) => g,
});

function render(option: Record<string, unknown>): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 400 });
  chart.setOption(option);
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

const data: ChartData = {
  xKind: 'category', keys: ['A', 'B', 'C'], truncated: false,
  series: [{ spec: { agg: 'count' }, values: [52000, 61000, 58000] }],
};

describe('chart option rendered by ECharts', () => {
  it('starts the value axis of bars at zero even when every value is far from it', () => {
    const spec: ChartSpec = { x: 'k', series: [{ agg: 'count' }], type: 'column', stack: false, top: 10 };
    const svg = render(buildOption(data, spec, words('en'), { description: 'desc' }));
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels).toContain('0');
  });

  it('formats axis and value labels for French readers (narrow no-break space groups digits)', () => {
    const spec: ChartSpec = { x: 'k', series: [{ agg: 'count' }], type: 'bar', stack: false, top: 10 };
    const svg = render(buildOption({ ...data, series: [{ spec: { agg: 'count' }, values: [5200, 6100, 5800] }] }, spec, words('fr'), { description: 'x' }));
    expect(svg).toContain('6\u202f100');
    expect(svg).not.toContain('6,100');
  });

  it('draws series in Okabe–Ito colours with an outline on bars', () => {
    const two: ChartData = { ...data, series: [data.series[0], { spec: { agg: 'count' }, split: 'x', values: [1, 2, 3] }] };
    const spec: ChartSpec = { x: 'k', series: [{ agg: 'count' }], split: 's', type: 'column', stack: true, top: 10 };
    const svg = render(buildOption(two, spec, words('en'), { description: 'd' })).toLowerCase();
    expect(svg).toContain('#0072b2');
    expect(svg).toContain('#d55e00');
    expect(svg).toContain('stroke="#1b1b1b"');
  });

  it('draws the axis names: the measure with its unit and the x field', () => {
    const spec: ChartSpec = { x: 'department', series: [{ agg: 'sum', field: 'amount_eur' }], type: 'column', stack: false, top: 10 };
    const w = { ...words('en'), aggOf: (a: string, f: string) => `${a} of ${f}`, fieldLabel: (n: string) => (n === 'amount_eur' ? 'Amount' : 'Department'), unitOf: (n: string) => (n === 'amount_eur' ? 'EUR' : undefined) };
    const svg = render(buildOption({ ...data, series: [{ spec: spec.series[0], values: [1, 2, 3] }] }, spec, w, { description: 'd' }));
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels).toContain('Sum of Amount (EUR)');
    expect(labels).toContain('Department');
  });
});
