// The dataset page: compact header, tabs (Information, Table, Map, Analyze, API, Export) and the shared
// filter bar at the top of each tab, all reading the one filter state kept in the URL; under Information, the
// dataset's reuses. A dataset without fields (harvested metadata only) has no data views: Information,
// and the source's Files when it has some. Also counts the page view.
import { lazy, Suspense, useCallback, useEffect, useMemo } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../api/use-api.ts';
import { ApiError } from '../api/client.ts';
import { adminFetch, loadSession } from '../admin/session.ts';
import { datasetUrl } from '../api/catalog.ts';
import { countUrl } from '../api/dataset.ts';
import type { ApiDataset, RecordList } from '../api/types.ts';
import { useSearchParams } from '../app/url-state.ts';
import { readFilters, writeFilters, type Filters } from '../state/filters.ts';
import { RANGE_PREFIX } from '../state/ranges.ts';
import { DatasetCtx, type DatasetView } from '../dataset/context.tsx';
import { geoFields, labelOf } from '../dataset/fields.ts';
import { Tabs, panelId, tabId, type TabDef } from '../components/Tabs.tsx';
import { ErrorBox, Loading } from '../components/States.tsx';
import { Link } from '../components/Link.tsx';
import { FilterBar } from '../dataset/FilterBar.tsx';
import { DatasetHeader } from '../dataset/DatasetHeader.tsx';
import { useLive } from '../dataset/live/use-live.ts';
import { DatasetFacets } from '../dataset/DatasetFacets.tsx';
import { RangeFilters } from '../dataset/ranges/RangeFilters.tsx';
import { rangesForDataset } from '../dataset/ranges/range-fields.ts';
import { InfoTab } from '../dataset/info/InfoTab.tsx';
import { TableTab } from '../dataset/table/TableTab.tsx';
import { ApiTab } from '../dataset/ApiTab.tsx';
import { ExportTab } from '../dataset/ExportTab.tsx';
import { FilesTab } from '../dataset/FilesTab.tsx';
import { hasData, sourceFiles } from '../dataset/harvest.ts';
import { useDocumentTitle } from '../app/title.ts';
import { usePortal } from '../app/portal.tsx';
import { DatasetReuses } from '../reuses/DatasetReuses.tsx';
import type { MessageKey } from '../i18n/en.ts';

const MapTab = lazy(() => import('../dataset/map/MapTab.tsx'));
const AnalyzeTab = lazy(() => import('../dataset/analyze/AnalyzeTab.tsx'));

export type TabName = 'info' | 'table' | 'map' | 'analyze' | 'api' | 'export' | 'files';

export function availableTabs(ds: ApiDataset): TabName[] {
  if (!hasData(ds)) return sourceFiles(ds).length ? ['info', 'files'] : ['info'];
  const tabs: TabName[] = ['info', 'table'];
  if (geoFields(ds).length) tabs.push('map');
  if (ds.fields.length) tabs.push('analyze');
  tabs.push('api', 'export');
  return tabs;
}

export function useDatasetView(ds: ApiDataset, embedded: boolean): DatasetView {
  const [sp, update] = useSearchParams();
  const ranges = [...sp].filter(([k]) => k.startsWith(RANGE_PREFIX)).map(([k, v]) => `${k}=${v}`);
  const filterText = [sp.get('q'), sp.get('where'), ...sp.getAll('refine'), '|', ...sp.getAll('exclude'), '|', ...ranges, '|', sp.get('latest')].join('\u0001');
  const filters = useMemo(() => { const f = readFilters(sp); return { ...f, ranges: rangesForDataset(ds, f.ranges ?? []) }; }, [filterText, ds]);
  const count = useApi<RecordList>(countUrl(ds.dataset_id, filters));
  const setFilters = useCallback((f: Filters) => update((s) => writeFilters(s, f), true), [update]);
  const label = useCallback((name: string) => labelOf(ds, name), [ds]);
  const live = useLive(ds, filters);
  return useMemo(() => ({
    ds, filters, embedded, setFilters, labelOf: label, live,
    count: count.data?.total_count,
    countError: count.error,
    total: ds.metas.default.records_count,
  }), [ds, filters, embedded, setFilters, label, count.data, count.error, live]);
}

function TabPanel({ tab }: { tab: TabName }) {
  switch (tab) {
    case 'info': return <InfoTab />;
    case 'table': return <TableTab />;
    case 'map': return <MapTab />;
    case 'analyze': return <AnalyzeTab />;
    case 'api': return <ApiTab />;
    case 'export': return <ExportTab />;
    case 'files': return <FilesTab />;
  }
}

function DatasetBody({ ds }: { ds: ApiDataset }) {
  const { t } = useI18n();
  const portal = usePortal();
  const view = useDatasetView(ds, false);
  const [sp, update] = useSearchParams();
  const tabs = availableTabs(ds);
  const requested = sp.get('tab') as TabName | null;
  const tab: TabName = requested && tabs.includes(requested) ? requested : 'info';
  const m = ds.metas.default;
  const title = m.title || ds.dataset_id;
  useDocumentTitle(title, portal.name);
  const defs: TabDef[] = tabs.map((id) => ({ id, label: t(`tab.${id}` as MessageKey) }));
  const withFacets = tab !== 'info' && tab !== 'files';
  const selectTab = (id: string) => update((s) => { if (id === 'info') s.delete('tab'); else s.set('tab', id); }, true);
  return (
    <DatasetCtx.Provider value={view}>
      <div className="page dataset">
        <DatasetHeader ds={ds} tabs={tabs} onTab={selectTab} />
        <Tabs tabs={defs} selected={tab} label={t('dataset.tabs')} idPrefix="ds" onSelect={selectTab} />
        <div role="tabpanel" id={panelId('ds', tab)} aria-labelledby={tabId('ds', tab)} className="tabpanel">
          {hasData(ds) && <FilterBar />}
          {withFacets ? (
            <div className="with-sidebar">
              <aside className="sidebar"><DatasetFacets /><RangeFilters /></aside>
              <div className="tab-main"><Suspense fallback={<Loading />}><TabPanel tab={tab} /></Suspense></div>
            </div>
          ) : <Suspense fallback={<Loading />}><TabPanel tab={tab} /></Suspense>}
        </div>
        {tab === 'info' && <DatasetReuses datasetId={ds.dataset_id} />}
      </div>
    </DatasetCtx.Provider>
  );
}

export function DatasetPage({ datasetId }: { datasetId: string }) {
  const { t } = useI18n();
  const ds = useApi<ApiDataset>(datasetUrl(datasetId));
  useEffect(() => {
    // Signed in, the count is a cookie request like any other: it waits for the session and its CSRF token.
    loadSession().then(() => adminFetch('POST', `/api/agora/v1/views/${encodeURIComponent(datasetId)}`, {}))
      .catch(() => { /* counting is best effort */ });
  }, [datasetId]);
  if (ds.error) {
    return (
      <div className="page narrow">
        <h1>{ds.error instanceof ApiError && ds.error.status === 404 ? t('error.notFound') : t('common.error')}</h1>
        <ErrorBox error={ds.error} />
        <p><Link href="/datasets">{t('app.datasets')}</Link></p>
      </div>
    );
  }
  if (!ds.data) return <div className="page"><Loading /></div>;
  return <DatasetBody ds={ds.data} />;
}
