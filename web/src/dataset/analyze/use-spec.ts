// The chart definition of the current URL, or the default one chosen from the dataset's field
// types and data facts (one aggregate query: rows, distinct values, ranges).
import { useMemo } from 'react';
import { useSearchParams } from '../../app/url-state.ts';
import type { ApiDataset, RecordList } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { recordsUrl } from '../../api/dataset.ts';
import { NO_FILTERS } from '../../state/filters.ts';
import { defaultSpec } from './defaults.ts';
import { factsSelect, readFacts } from './facts.ts';
import { readSpec, writeSpec, type ChartSpec } from './spec.ts';

/** The facts query of the default chart (whatever the page's filters: the chart is chosen from all the data). */
export function factsUrl(ds: ApiDataset): string {
  return recordsUrl(ds.dataset_id, NO_FILTERS, [['select', factsSelect(ds)]]);
}

export function useDefaultSpec(ds: ApiDataset): { spec: ChartSpec | null; loading: boolean; error?: Error } {
  const res = useApi<RecordList>(factsUrl(ds));
  return useMemo(() => {
    if (res.loading) return { spec: null, loading: true };
    if (res.error || !res.data) return { spec: null, loading: false, error: res.error };
    try {
      return { spec: defaultSpec(ds.fields, readFacts(ds, res.data)), loading: false };
    } catch (e) {
      return { spec: null, loading: false, error: e as Error };
    }
  }, [ds, res.data, res.error, res.loading]);
}

export function useChartSpec(ds: ApiDataset): { spec: ChartSpec | null; loading: boolean; setSpec: (s: ChartSpec) => void } {
  const [sp, update] = useSearchParams();
  const fallback = useDefaultSpec(ds);
  const fromUrl = useMemo(() => readSpec(sp), [sp]);
  const valid = fromUrl && ds.fields.some((f) => f.name === fromUrl.x) ? fromUrl : null;
  return {
    spec: valid ?? fallback.spec,
    loading: !valid && fallback.loading,
    setSpec: (s) => update((x) => writeSpec(x, s), true),
  };
}
