// The range-filter fields of a dataset with their unfiltered min/max/median: one records query,
// cached by URL, shared by the range panel and the advanced filter's example.
import { useMemo } from 'react';
import type { ApiDataset, ApiField, RecordList } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { recordsUrl } from '../../api/dataset.ts';
import { NO_FILTERS } from '../../state/filters.ts';
import { rangeFields, readStats, statsSelect, type FieldStats } from './range-fields.ts';

export interface RangeStats { fields: ApiField[]; stats: Map<string, FieldStats>; loading: boolean; error: Error | undefined }

export function rangeStatsUrl(ds: ApiDataset, fields: ApiField[]): string | null {
  return fields.length ? recordsUrl(ds.dataset_id, NO_FILTERS, [['select', statsSelect(fields)], ['limit', 1]]) : null;
}

/** `enabled` false loads nothing (the advanced filter's example while its box is closed). */
export function useRangeStats(ds: ApiDataset, enabled = true): RangeStats {
  const fields = useMemo(() => rangeFields(ds), [ds]);
  const res = useApi<RecordList>(enabled ? rangeStatsUrl(ds, fields) : null);
  const stats = useMemo(() => readStats(res.data?.results[0], fields), [res.data, fields]);
  return { fields, stats, loading: res.loading, error: res.error };
}
