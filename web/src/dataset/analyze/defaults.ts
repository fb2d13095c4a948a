// The chart a dataset opens with, chosen from field types and data facts: date (+ measure) → line
// over 12–60 time buckets; category (2–60 values, never near-unique) + measure → the measure by
// category, top N; a lone number → histogram; nothing meaningful → null. Pure.
import type { ApiField } from '../../api/types.ts';
import { isDateType, isNumericType, parseApiDate } from '../../format/format.ts';
import { DEFAULT_TOP, type ChartSpec, type SeriesSpec } from './spec.ts';
import type { DataFacts } from './facts.ts';
import { aggregateFor } from './meaning.ts';

const NOT_A_MEASURE = /(^|_)(id|code|zip|postal|cp|insee|siren|siret|year|annee|month|mois|week|day|jour|hour|heure|quarter|lat|lon|lng|latitude|longitude|x|y|rank|num|no)($|_)/i;
/** A category with at most this many values is charted whole or as a readable top N. */
export const MAX_CATEGORY_VALUES = 60;

const hasId = (f: ApiField) => Object.prototype.hasOwnProperty.call(f.annotations ?? {}, 'id');
const hasFacet = (f: ApiField) => Object.prototype.hasOwnProperty.call(f.annotations ?? {}, 'facet');

export function measureFields(fields: ApiField[]): ApiField[] {
  return fields.filter((f) => isNumericType(f.type) && !NOT_A_MEASURE.test(f.name) && !hasId(f));
}

/** Near-unique: more distinct values than half the rows (names, identifiers): never a chart's categories. */
export function isNearUnique(distinct: number, rows: number): boolean {
  return distinct > rows / 2;
}

/** The category to chart: text or boolean, 2+ values, not near-unique; facets first, then field
 *  order; one with at most MAX_CATEGORY_VALUES values if any. */
export function chartCategory(fields: ApiField[], facts: DataFacts): ApiField | undefined {
  const texts = fields.filter((f) => (f.type === 'text' || f.type === 'boolean') && !hasId(f));
  const ordered = [...texts.filter(hasFacet), ...texts.filter((f) => !hasFacet(f))];
  const eligible = ordered.filter((f) => {
    const d = facts.fields.get(f.name)?.distinct;
    return d !== undefined && d >= 2 && !isNearUnique(d, facts.rows);
  });
  return eligible.find((f) => facts.fields.get(f.name)!.distinct! <= MAX_CATEGORY_VALUES) ?? eligible[0];
}

function varies(f: ApiField, facts: DataFacts): boolean {
  const { min, max } = facts.fields.get(f.name) ?? {};
  return min !== undefined && max !== undefined && min !== null && max !== null && min !== max;
}

/** The first measure whose values vary (a constant charts as a flat line). */
export function chartMeasure(fields: ApiField[], facts: DataFacts): ApiField | undefined {
  return measureFields(fields).find((f) => varies(f, facts));
}

/** The first date field spanning more than one instant. */
export function chartDate(fields: ApiField[], facts: DataFacts): ApiField | undefined {
  return fields.find((f) => {
    if (!isDateType(f.type) || !varies(f, facts)) return false;
    const { min, max } = facts.fields.get(f.name)!;
    return typeof min === 'string' && typeof max === 'string' && !!parseApiDate(min) && !!parseApiDate(max);
  });
}

function series(measure: ApiField | undefined, overTime: boolean): SeriesSpec {
  return measure ? { agg: aggregateFor(measure, overTime), field: measure.name } : { agg: 'count' };
}

export function defaultSpec(fields: ApiField[], facts: DataFacts): ChartSpec | null {
  if (facts.rows === 0) return null;
  const base = { stack: false, top: DEFAULT_TOP };
  const measure = chartMeasure(fields, facts);
  const date = chartDate(fields, facts);
  if (date) return { ...base, x: date.name, series: [series(measure, true)], type: 'line' };
  const category = chartCategory(fields, facts);
  if (category) return { ...base, x: category.name, series: [series(measure, false)], type: 'bar' };
  const num = measure ?? fields.find((f) => isNumericType(f.type) && !hasId(f) && varies(f, facts));
  if (num) return { ...base, x: num.name, series: [{ agg: 'count' }], type: 'column' };
  return null;
}

/** Fields that can be an x axis: dates, numbers, categories. */
export function axisFields(fields: ApiField[]): ApiField[] {
  return fields.filter((f) => isDateType(f.type) || isNumericType(f.type) || f.type === 'text' || f.type === 'boolean');
}
