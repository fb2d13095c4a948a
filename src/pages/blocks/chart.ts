// The chart block: the chart builder's settings (type, x, series of aggregates, split, time
// granularity, stacking, top N) over a dataset, each field checked against the dataset.
import type { BlockKind } from './kind.ts';
import { AGGREGATES, CHART_TYPES, GRANULARITIES, type ChartBlock } from '../types.ts';
import { readDataBlock } from './data-block.ts';
import { invalid, list, object, oneOf, onlyKeys, optBool, optInt, optText, text } from '../read.ts';

export const chartBlock: BlockKind = {
  type: 'chart',
  keys: ['dataset', 'where', 'chart'],
  parse(o, at, env) {
    const { ds, base } = readDataBlock(o, at, env);
    const cAt = `${at}.chart`;
    const c = object(o.chart, cAt);
    onlyKeys(c, ['type', 'x', 'gran', 'series', 'split', 'stack', 'top'], cAt);
    const x = env.field(ds, text(c, 'x', cAt), `${cAt}.x`);
    const chart: Record<string, unknown> = { type: oneOf(c, 'type', cAt, CHART_TYPES), x: x.name };
    if (c.gran !== undefined && c.gran !== null) {
      if (x.type !== 'date' && x.type !== 'datetime') throw invalid(`${cAt}.gran`, `a time granularity needs a date x axis; "${x.name}" is ${x.type}`);
      chart.gran = oneOf(c, 'gran', cAt, GRANULARITIES);
    }
    const series = list(c, 'series', cAt, 8);
    if (series.length === 0) throw invalid(`${cAt}.series`, 'at least one series, e.g. {"agg": "count"}');
    chart.series = series.map((raw, i) => {
      const sAt = `${cAt}.series[${i}]`;
      const s = object(raw, sAt);
      onlyKeys(s, ['agg', 'field'], sAt);
      const agg = oneOf(s, 'agg', sAt, AGGREGATES);
      if (agg === 'count') return { agg };
      return { agg, field: env.field(ds, text(s, 'field', sAt), `${sAt}.field`, ['int', 'double']).name };
    });
    const split = optText(c, 'split', cAt, 200);
    if (split) chart.split = env.field(ds, split, `${cAt}.split`).name;
    const stack = optBool(c, 'stack', cAt);
    if (stack !== undefined) chart.stack = stack;
    const top = optInt(c, 'top', cAt, 1, 100);
    if (top !== undefined) chart.top = top;
    return { ...base, chart };
  },
  datasets: (b) => [(b as ChartBlock).dataset],
};
