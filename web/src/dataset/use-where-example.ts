// The advanced filter's example for one dataset: its range statistics (median of a measure, period
// of a date) and the most frequent value of its first facet field, loaded once the box is opened.
import { useMemo } from 'react';
import type { ApiDataset, RecordList } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { recordsUrl } from '../api/dataset.ts';
import { NO_FILTERS } from '../state/filters.ts';
import { odsqlField } from '../state/odsql.ts';
import { whereExample, type ExampleHints } from '../state/where-example.ts';
import { isDateType, isNumericType } from '../format/format.ts';
import { annotatedFacets, categoryFields } from './fields.ts';
import { useRangeStats } from './ranges/use-range-stats.ts';

export function useWhereExample(ds: ApiDataset, enabled: boolean): string | null {
  const { fields, stats } = useRangeStats(ds, enabled);
  const textField = useMemo(() => [...annotatedFacets(ds), ...categoryFields(ds)].find((f) => f.type === 'text'), [ds]);
  const topUrl = enabled && textField ? recordsUrl(ds.dataset_id, NO_FILTERS, [
    ['select', 'count(*) as n'], ['group_by', `${odsqlField(textField.name)} as v`], ['where', `${odsqlField(textField.name)} is not null`],
    ['order_by', 'n desc'], ['limit', 1],
  ]) : null;
  const top = useApi<RecordList>(topUrl);
  return useMemo(() => {
    const hints: ExampleHints = {};
    const measure = fields.find((f) => isNumericType(f.type) && typeof stats.get(f.name)?.median === 'number');
    if (measure) hints.number = { field: measure.name, median: stats.get(measure.name)!.median! };
    const date = fields.find((f) => isDateType(f.type) && typeof stats.get(f.name)?.min === 'string');
    if (date) hints.date = { field: date.name, min: String(stats.get(date.name)!.min), max: String(stats.get(date.name)!.max) };
    const value = top.data?.results[0]?.v;
    if (textField && typeof value === 'string' && value) hints.text = { field: textField.name, value };
    return whereExample(hints);
  }, [fields, stats, top.data, textField]);
}
