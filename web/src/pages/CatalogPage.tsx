// Catalog: full-text search with suggestions, facets with counts, sorting, paged result cards, and the
// pages (dashboards, stories) matching the search. Every state (q, refine, exclude, sort, page) lives in the URL.
import { useCallback, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSearchParams } from '../app/url-state.ts';
import { useApi } from '../api/use-api.ts';
import { exploreUrl, getJson } from '../api/client.ts';
import { CATALOG_FACETS, catalogDatasetsUrl, catalogFacetsUrl, effectiveSort, type CatalogSort } from '../api/catalog.ts';
import { readFilters, togglePick, writeFilters, type Filters } from '../state/filters.ts';
import { suggestClause } from '../state/odsql.ts';
import type { DatasetList, FacetList, FacetValue } from '../api/types.ts';
import { SearchBox, type Suggestion } from '../components/SearchBox.tsx';
import { FacetPanel } from '../components/FacetPanel.tsx';
import { ActiveFilters } from '../components/ActiveFilters.tsx';
import { DatasetCard } from '../components/DatasetCard.tsx';
import { PageCards, matchingPages, usePages } from '../components/PageCards.tsx';
import { Empty, ErrorBox, LiveStatus, Loading, filtersOpenAtFirst } from '../components/States.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { navigate } from '../app/router.ts';
import { datasetHref } from '../app/routes.ts';
import { useDocumentTitle } from '../app/title.ts';
import { usePortal } from '../app/portal.tsx';
import type { MessageKey } from '../i18n/en.ts';

const PAGE_SIZE = 20;

export function CatalogPage() {
  const { t, tp } = useI18n();
  const portal = usePortal();
  const [sp, update] = useSearchParams();
  const [openAtFirst] = useState(filtersOpenAtFirst);
  const filters = readFilters(sp);
  const sort = effectiveSort(sp.get('sort'), !!filters.q);
  const page = Math.max(1, Number(sp.get('page') ?? 1) || 1);
  useDocumentTitle(t('catalog.title'), portal.name);

  const list = useApi<DatasetList>(catalogDatasetsUrl(filters, sort, PAGE_SIZE, (page - 1) * PAGE_SIZE));
  const facets = useApi<FacetList>(catalogFacetsUrl(filters));
  // Pages (dashboards, stories) beside the datasets: those matching the search; facets and where are the datasets' own.
  const allPages = usePages();
  const pageResults = allPages && !filters.refine.length && !filters.exclude.length && !filters.where.trim() ? matchingPages(allPages, filters.q) : [];

  const setFilters = (f: Filters) => update((s) => { const o = writeFilters(s, f); o.delete('page'); return o; }, true);
  const labelOf = (name: string) => t(`facet.${name}` as MessageKey);
  const valueLabel = (facet: string, v: FacetValue) =>
    facet === 'features' && ['geo', 'analyze', 'timeserie'].includes(v.value) ? t(`feature.${v.value}` as MessageKey) : v.name;

  const suggest = useCallback(async (q: string, signal: AbortSignal): Promise<Suggestion[]> => {
    const url = exploreUrl('/catalog/datasets', [['where', suggestClause(q)], ['limit', 6]]);
    const body = await getJson<DatasetList>(url, signal);
    return body.results.map((d) => ({ id: d.dataset_id, label: d.metas.default.title || d.dataset_id, detail: d.metas.default.publisher ?? undefined }));
  }, []);

  const total = list.data?.total_count ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <div className="page catalog">
      <h1>{t('catalog.title')}</h1>
      <SearchBox
        label={t('home.searchLabel')} value={filters.q} placeholder={t('home.searchPlaceholder')}
        submitLabel={t('home.search')} suggestionsLabel={t('catalog.suggestions')} suggest={suggest}
        onSubmit={(q) => setFilters({ ...filters, q })}
        onPick={(s) => navigate(datasetHref(s.id))}
      />
      <div className="with-sidebar">
        <aside className="sidebar">
          <details className="filters-disclosure" open={openAtFirst}>
            <summary><h2>{t('catalog.filters')}</h2></summary>
            {facets.error && <ErrorBox error={facets.error} />}
            {facets.data && !CATALOG_FACETS.some((name) => facets.data!.facets.find((g) => g.name === name)?.facets.length) && (
              <p className="muted">{t('facet.empty')}</p>
            )}
            {facets.data && (
              <FacetPanel
                groups={CATALOG_FACETS.map((name) => facets.data!.facets.find((g) => g.name === name)).filter((g) => g && g.facets.length) as FacetList['facets']}
                labelOf={labelOf} valueLabel={valueLabel}
                refine={filters.refine} exclude={filters.exclude}
                onRefine={(p) => setFilters({ ...filters, refine: togglePick(filters.refine, p) })}
                onExclude={(p) => setFilters({ ...filters, exclude: togglePick(filters.exclude, p) })}
              />
            )}
          </details>
        </aside>
        <section className="results" aria-labelledby="results-count">
          <div className="results-bar">
            <LiveStatus className="results-count"><span id="results-count">{list.data ? tp('catalog.count', total) : t('common.loading')}</span></LiveStatus>
            <label className="inline-field">
              <span>{t('catalog.sort')}</span>
              <select value={sort} onChange={(e) => update((s) => { s.set('sort', e.target.value); s.delete('page'); }, true)}>
                {(filters.q ? ['relevance', 'modified', 'title', 'records'] : ['modified', 'title', 'records']).map((k) => (
                  <option key={k} value={k}>{t(`catalog.sort.${k as CatalogSort}`)}</option>
                ))}
              </select>
            </label>
          </div>
          <ActiveFilters filters={filters} labelOf={labelOf} onChange={setFilters} />
          {pageResults.length > 0 && page === 1 && (
            <section className="page-results" aria-labelledby="h-page-results">
              <h2 id="h-page-results">{t('catalog.pages')}</h2>
              <PageCards pages={pageResults} />
            </section>
          )}
          {list.error && <ErrorBox error={list.error} />}
          {!list.data && !list.error && <Loading />}
          {list.data && list.data.results.length === 0 && <Empty>{t('catalog.empty')}</Empty>}
          {list.data && list.data.results.length > 0 && (
            <div className="card-list" aria-busy={list.loading}>
              {list.data.results.map((ds) => <DatasetCard key={ds.dataset_id} ds={ds} headingLevel={2} />)}
            </div>
          )}
          {pages > 1 && (
            <Pagination page={page} pages={pages}
              onPage={(p) => update((s) => { if (p > 1) s.set('page', String(p)); else s.delete('page'); }, true)} />
          )}
        </section>
      </div>
    </div>
  );
}
