// Builds the ECharts option for ChartData: locale-formatted axes and tooltips, Okabe–Ito colours
// with outlines, decal patterns and direct labels, bars from zero, named axes (field, unit), our own
// aria description.
// Pure (plain objects), so it is unit-tested without a browser.
import { formatCompact, formatNumber } from '../../format/format.ts';
import type { ChartData } from './query.ts';
import type { ChartSpec } from './spec.ts';
import { categoryAxisName, keyLabel, seriesName, valueAxisName, type ChartWords } from './labels.ts';
import { AXIS_TEXT, OKABE_ITO, OUTLINE, SYMBOLS } from './palette.ts';

export interface OptionExtras { title?: string; description: string; animation?: boolean }

type Obj = Record<string, unknown>;

function axisNumber(lang: string) {
  return (v: number) => (Math.abs(v) >= 10_000 ? formatCompact(lang, v) : formatNumber(lang, v));
}

function pieOption(data: ChartData, spec: ChartSpec, w: ChartWords, labels: string[]): Obj {
  const s = data.series[0];
  return {
    series: [{
      type: 'pie', name: seriesName(s, spec, w), radius: ['0%', '62%'],
      itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
      label: { show: true, color: AXIS_TEXT, formatter: (p: { name: string; percent: number }) => `${p.name}\n${formatNumber(w.lang, p.percent, 1)} %` },
      data: labels.map((name, i) => ({ name, value: s.values[i] ?? 0 })),
    }],
  };
}

function cartesianOption(data: ChartData, spec: ChartSpec, w: ChartWords, labels: string[]): Obj {
  const horizontal = spec.type === 'bar';
  const isBar = spec.type === 'bar' || spec.type === 'column';
  const many = data.series.length > 1;
  const showValues = isBar && labels.length <= 24 && !spec.stack;
  const fmt = axisNumber(w.lang);
  const axisName = { color: AXIS_TEXT, fontWeight: 'bold' as const };
  // The axis along the bottom is named under its labels; the vertical one above its top end.
  const bottomName = { nameLocation: 'middle', nameGap: 30, nameTextStyle: axisName };
  const topName = { nameLocation: horizontal ? 'start' : 'end', nameGap: 14, nameTextStyle: { ...axisName, align: 'left' } };
  const categoryAxis = {
    type: 'category', data: labels, inverse: horizontal,
    name: categoryAxisName(data, spec, w), ...(horizontal ? topName : bottomName),
    axisLabel: { color: AXIS_TEXT, hideOverlap: true, ...(horizontal ? { width: 140, overflow: 'truncate' } : {}) },
    axisTick: { alignWithLabel: true },
  };
  const valueAxis = {
    type: 'value',
    name: valueAxisName(spec, w), ...(horizontal ? bottomName : topName),
    axisLabel: { color: AXIS_TEXT, formatter: fmt },
    splitLine: { lineStyle: { color: '#d9d9d9' } },
  };
  const series = data.series.map((s, i) => {
    const color = OKABE_ITO[i % OKABE_ITO.length];
    const name = seriesName(s, spec, w);
    const common: Obj = { name, data: s.values, itemStyle: { color, borderColor: OUTLINE, borderWidth: isBar ? 1 : 0.8 } };
    if (spec.stack) common.stack = 'total';
    if (isBar) {
      return { ...common, type: 'bar', barMaxWidth: 48,
        label: { show: showValues, position: horizontal ? 'right' : 'top', color: AXIS_TEXT, formatter: (p: { value: number }) => fmt(p.value) } };
    }
    if (spec.type === 'scatter') return { ...common, type: 'scatter', symbol: SYMBOLS[i % SYMBOLS.length], symbolSize: 9 };
    return {
      ...common, type: 'line', symbol: SYMBOLS[i % SYMBOLS.length], symbolSize: 7, showSymbol: labels.length <= 60,
      lineStyle: { width: 2.5, color, type: i % 3 === 1 ? 'dashed' : i % 3 === 2 ? 'dotted' : 'solid' },
      connectNulls: false,
      ...(spec.type === 'area' ? { areaStyle: { opacity: spec.stack ? 0.75 : 0.35 } } : {}),
      ...(many ? { endLabel: { show: true, formatter: name, color: AXIS_TEXT } } : {}),
    };
  });
  return {
    grid: { left: 8, right: many && !isBar ? 140 : 32, top: many ? 56 : 36, bottom: 36, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series,
  };
}

export function buildOption(data: ChartData, spec: ChartSpec, w: ChartWords, extras: OptionExtras): Obj {
  const labels = data.keys.map((k) => keyLabel(k, data, w));
  const body = spec.type === 'pie' ? pieOption(data, spec, w, labels) : cartesianOption(data, spec, w, labels);
  const titled = !!extras.title;
  const option: Obj = {
    animation: extras.animation ?? false,
    color: OKABE_ITO,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: 'system-ui, sans-serif' },
    aria: { enabled: true, label: { description: extras.description }, decal: { show: true } },
    tooltip: {
      trigger: spec.type === 'pie' ? 'item' : 'axis',
      valueFormatter: (v: number | null) => (v === null || v === undefined ? '–' : formatNumber(w.lang, v)),
    },
    legend: data.series.length > 1 || spec.type === 'pie'
      ? { type: 'scroll', top: titled ? 30 : 0, textStyle: { color: AXIS_TEXT } } : { show: false },
    ...body,
  };
  if (titled) {
    option.title = { text: extras.title, left: 8, top: 0, textStyle: { fontSize: 15, color: '#1b1b1b' } };
    const grid = option.grid as Obj | undefined;
    if (grid) grid.top = (grid.top as number) + 32;
  }
  return option;
}
