// A KPI's value as the form shows it: `avg(pm25)` is the aggregate avg over the field pm25,
// `count(*)` a count; any other ODSQL stays a free expression (the "Advanced" box). Pure.
import type { Aggregate } from './model.ts';

export function simpleAggregate(value: string): { agg: Aggregate; field: string } | null {
  if (/^\s*count\(\s*\*\s*\)\s*$/i.test(value)) return { agg: 'count', field: '' };
  const m = /^\s*(sum|avg|min|max)\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$/i.exec(value);
  return m ? { agg: m[1].toLowerCase() as Aggregate, field: m[2] } : null;
}

export function aggregateValue(agg: Aggregate, field: string): string {
  return agg === 'count' ? 'count(*)' : `${agg}(${field})`;
}
