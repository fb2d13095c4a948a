// The chart a dataset opens with, chosen from field types (never a blank builder):
// date (+ number) → line over time; category (+ number) → sorted bars, top N plus "Other";
// a lone number → histogram. Pure.
import type { ApiField } from '../../api/types.ts';
import { isDateType, isNumericType } from '../../format/format.ts';
import { DEFAULT_TOP, type ChartSpec, type SeriesSpec } from './spec.ts';

const NOT_A_MEASURE = /(^|_)(id|code|zip|postal|cp|insee|siren|siret|year|annee|lat|lon|lng|latitude|longitude|x|y|rank|num|no)($|_)/i;

export function measureFields(fields: ApiField[]): ApiField[] {
  return fields.filter((f) => isNumericType(f.type) && !NOT_A_MEASURE.test(f.name) && !('id' in (f.annotations ?? {})));
}

function defaultSeries(measure: ApiField | undefined, overTime: boolean): SeriesSpec {
  if (!measure) return { agg: 'count' };
  if (overTime && measure.type === 'double') return { agg: 'avg', field: measure.name };
  return { agg: 'sum', field: measure.name };
}

export function defaultSpec(fields: ApiField[], categories: ApiField[]): ChartSpec | null {
  const date = fields.find((f) => isDateType(f.type));
  const measure = measureFields(fields)[0];
  const category = categories.find((f) => !('id' in (f.annotations ?? {})));
  if (date) return { x: date.name, series: [defaultSeries(measure, true)], type: 'line', stack: false, top: DEFAULT_TOP };
  if (category) return { x: category.name, series: [defaultSeries(measure, false)], type: 'bar', stack: false, top: DEFAULT_TOP };
  const num = measure ?? fields.find((f) => isNumericType(f.type));
  if (num) return { x: num.name, series: [{ agg: 'count' }], type: 'column', stack: false, top: DEFAULT_TOP };
  return null;
}

/** Fields that can be an x axis: dates, numbers, categories. */
export function axisFields(fields: ApiField[]): ApiField[] {
  return fields.filter((f) => isDateType(f.type) || isNumericType(f.type) || f.type === 'text' || f.type === 'boolean');
}
