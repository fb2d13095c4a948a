// The KPI block: one ODSQL aggregate of a dataset with its unit, an optional comparison with the
// previous period of a date field and an optional target (at least / at most a value).
import type { BlockKind } from './kind.ts';
import type { KpiBlock } from '../types.ts';
import { readDataBlock } from './data-block.ts';
import { invalid, object, oneOf, onlyKeys, optInt, optText, text } from '../read.ts';

const PERIODS = ['day', 'week', 'month', 'year'] as const;

export const kpiBlock: BlockKind = {
  type: 'kpi',
  keys: ['dataset', 'where', 'value', 'unit', 'decimals', 'compare', 'target'],
  parse(o, at, env) {
    const { ds, base } = readDataBlock(o, at, env);
    const value = text(o, 'value', at, { max: 1000 }).trim();
    if (!env.query(ds, { select: `${value} as v` }, `${at}.value`).aggregated) {
      throw invalid(`${at}.value`, `"${value}" is not an aggregate; use e.g. avg(field), sum(field) or count(*)`);
    }
    const out: Record<string, unknown> = { ...base, value };
    const unit = optText(o, 'unit', at, 40);
    if (unit) out.unit = unit;
    const decimals = optInt(o, 'decimals', at, 0, 6);
    if (decimals !== undefined) out.decimals = decimals;
    if (o.compare !== undefined && o.compare !== null) {
      const c = object(o.compare, `${at}.compare`);
      onlyKeys(c, ['date_field', 'period'], `${at}.compare`);
      const f = env.field(ds, text(c, 'date_field', `${at}.compare`), `${at}.compare.date_field`, ['date', 'datetime']);
      out.compare = { date_field: f.name, period: oneOf(c, 'period', `${at}.compare`, PERIODS) };
    }
    if (o.target !== undefined && o.target !== null) {
      const t = object(o.target, `${at}.target`);
      onlyKeys(t, ['value', 'direction'], `${at}.target`);
      if (typeof t.value !== 'number' || !Number.isFinite(t.value)) throw invalid(`${at}.target.value`, 'expected a number');
      out.target = { value: t.value, direction: oneOf(t, 'direction', `${at}.target`, ['at_least', 'at_most'] as const) };
    }
    return out;
  },
  datasets: (b) => [(b as KpiBlock).dataset],
};
