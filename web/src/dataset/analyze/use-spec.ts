// The chart definition of the current URL, or the default one for the dataset's field types
// (categories are the browsable facet fields, so a unique name never becomes a bar chart).
import { useMemo } from 'react';
import { useSearchParams } from '../../app/url-state.ts';
import type { ApiDataset } from '../../api/types.ts';
import { useFacetFields } from '../use-facet-fields.ts';
import { defaultSpec } from './defaults.ts';
import { isDateType } from '../../format/format.ts';
import { readSpec, writeSpec, type ChartSpec } from './spec.ts';

export function useDefaultSpec(ds: ApiDataset): { spec: ChartSpec | null; loading: boolean } {
  const facets = useFacetFields(ds);
  // A dataset with a date charts over time, whatever its categories: no need to wait for them.
  const overTime = ds.fields.some((f) => isDateType(f.type));
  return useMemo(() => (facets.loading && !overTime ? { spec: null, loading: true } : { spec: defaultSpec(ds.fields, facets.fields), loading: false }),
    [ds, facets.fields, facets.loading, overTime]);
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
