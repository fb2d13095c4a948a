// The facet side panel of a dataset page: values with counts under the current filters.
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../api/use-api.ts';
import { facetsUrl } from '../api/dataset.ts';
import type { FacetList } from '../api/types.ts';
import { useDataset } from './context.tsx';
import { useFacetFields } from './use-facet-fields.ts';
import { togglePick } from '../state/filters.ts';
import { FacetPanel } from '../components/FacetPanel.tsx';
import { Loading, filtersOpenAtFirst } from '../components/States.tsx';

export function DatasetFacets() {
  const { t } = useI18n();
  const { ds, filters, setFilters, labelOf } = useDataset();
  const [openAtFirst] = useState(filtersOpenAtFirst);
  const chosen = useFacetFields(ds);
  const names = chosen.fields.map((f) => f.name);
  const res = useApi<FacetList>(names.length ? facetsUrl(ds.dataset_id, filters, names) : null);
  if (!names.length && !chosen.loading) return null;
  return (
    <details className="filters-disclosure" open={openAtFirst}>
      <summary><h2>{t('table.facets')}</h2></summary>
      {res.error && <p className="muted">{t('facet.unavailable')}</p>}
      {(chosen.loading || (!res.data && !res.error)) && <Loading />}
      {res.data && (
        <FacetPanel
          groups={names.map((n) => res.data!.facets.find((g) => g.name === n)).filter((g) => g !== undefined)}
          labelOf={labelOf} refine={filters.refine} exclude={filters.exclude}
          onRefine={(p) => setFilters({ ...filters, refine: togglePick(filters.refine, p) })}
          onExclude={(p) => setFilters({ ...filters, exclude: togglePick(filters.exclude, p) })}
        />
      )}
    </details>
  );
}
