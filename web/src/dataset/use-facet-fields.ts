// The facet fields of a dataset: its annotated facets, else the text/boolean fields with a
// browsable number of distinct values (one count(distinct) query on the records API).
import { useMemo } from 'react';
import type { ApiDataset, ApiField, RecordList } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { recordsUrl } from '../api/dataset.ts';
import { NO_FILTERS } from '../state/filters.ts';
import { odsqlField } from '../state/odsql.ts';
import { annotatedFacets, facetCandidates, pickFacets } from './fields.ts';

export function useFacetFields(ds: ApiDataset): { fields: ApiField[]; loading: boolean } {
  const annotated = useMemo(() => annotatedFacets(ds), [ds]);
  const candidates = useMemo(() => (annotated.length ? [] : facetCandidates(ds)), [ds, annotated]);
  const select = candidates.map((f, i) => `count(distinct ${odsqlField(f.name)}) as d${i}`).join(', ');
  const res = useApi<RecordList>(select ? recordsUrl(ds.dataset_id, NO_FILTERS, [['select', select]]) : null);
  return useMemo(() => {
    if (annotated.length) return { fields: annotated, loading: false };
    const row = res.data?.results[0];
    if (!row) return { fields: [], loading: res.loading };
    return { fields: pickFacets(candidates, candidates.map((_, i) => (typeof row[`d${i}`] === 'number' ? row[`d${i}`] as number : null))), loading: false };
  }, [annotated, candidates, res.data, res.loading]);
}
