// Colour by a field, the API part: the top categories with their counts (group_by), or a numeric
// field's minimum, maximum and percentiles, under the page's filters. Reads the public API only.
import type { ApiDataset, ApiField, RecordList } from '../../api/types.ts';
import type { Filters } from '../../state/filters.ts';
import { countUrl, recordsUrl } from '../../api/dataset.ts';
import { getJson } from '../../api/client.ts';
import { odsqlField } from '../../state/odsql.ts';
import { isNumericType } from '../../format/format.ts';
import {
  CATEGORY_COLOURS, categoryColouring, classColouring, equalIntervalBreaks, quantileBreaks, quantilePercentiles,
  type ClassMethod, type Colouring,
} from './classes.ts';

/** Fields a map can be coloured by: text and boolean (categories), int and double (classes). */
export function colourableFields(ds: ApiDataset): ApiField[] {
  return ds.fields.filter((f) => f.type === 'text' || f.type === 'boolean' || isNumericType(f.type));
}

async function categories(ds: ApiDataset, field: ApiField, filters: Filters, signal?: AbortSignal): Promise<Colouring> {
  const f = odsqlField(field.name);
  const [groups, counted] = await Promise.all([
    getJson<RecordList>(recordsUrl(ds.dataset_id, filters, [
      ['select', 'count(*) as n'], ['group_by', `${f} as v`], ['order_by', 'n desc, v asc'], ['limit', CATEGORY_COLOURS.length],
    ], [`${f} is not null`]), signal),
    getJson<RecordList>(countUrl(ds.dataset_id, filters), signal),
  ]);
  const counts = groups.results.map((r) => ({ value: String(r.v), count: Number(r.n) }));
  return categoryColouring(field.name, counts, counted.total_count ?? 0);
}

async function classes(ds: ApiDataset, field: ApiField, filters: Filters, method: ClassMethod, signal?: AbortSignal): Promise<Colouring | null> {
  const f = odsqlField(field.name);
  const ps = quantilePercentiles();
  const select = [`min(${f}) as lo`, `max(${f}) as hi`, `count(${f}) as n`, 'count(*) as total', ...ps.map((p, i) => `percentile(${f}, ${p}) as p${i}`)];
  const body = await getJson<RecordList>(recordsUrl(ds.dataset_id, filters, [['select', select.join(', ')]]), signal);
  const r = body.results[0];
  if (!r || r.lo === null || r.lo === undefined) return null;
  const lo = Number(r.lo);
  const hi = Number(r.hi);
  const breaks = method === 'equal' ? equalIntervalBreaks(lo, hi) : quantileBreaks(lo, hi, ps.map((_, i) => Number(r[`p${i}`])));
  return classColouring(field.name, method, breaks, Number(r.total) - Number(r.n));
}

/** The colouring of `field` under the filters, or null when the field has no values. */
export async function loadColouring(ds: ApiDataset, field: ApiField, filters: Filters, method: ClassMethod, signal?: AbortSignal): Promise<Colouring | null> {
  return isNumericType(field.type) ? classes(ds, field, filters, method, signal) : categories(ds, field, filters, signal);
}
