// /embed/datasets/{id}/{table|map|analyze}: one view with the URL's filters, no site chrome,
// made to live inside another site's iframe (the server allows framing for /embed only).
import { lazy, Suspense } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../api/use-api.ts';
import { datasetUrl } from '../api/catalog.ts';
import type { ApiDataset } from '../api/types.ts';
import { DatasetCtx } from '../dataset/context.tsx';
import { useDatasetView } from './DatasetPage.tsx';
import { TableTab } from '../dataset/table/TableTab.tsx';
import { RecordCount } from '../dataset/FilterBar.tsx';
import { Empty, ErrorBox, Loading } from '../components/States.tsx';
import { geoFields } from '../dataset/fields.ts';
import { datasetHref, type EmbedView } from '../app/routes.ts';
import { useSearchParams } from '../app/url-state.ts';
import { useDocumentTitle } from '../app/title.ts';

const MapTab = lazy(() => import('../dataset/map/MapTab.tsx'));
const AnalyzeTab = lazy(() => import('../dataset/analyze/AnalyzeTab.tsx'));

function EmbedBody({ ds, view }: { ds: ApiDataset; view: EmbedView }) {
  const { t } = useI18n();
  const ctx = useDatasetView(ds, true);
  const [sp] = useSearchParams();
  const full = new URLSearchParams(sp);
  full.delete('lang');
  full.set('tab', view);
  const title = ds.metas.default.title || ds.dataset_id;
  useDocumentTitle(`${title} – ${t(`tab.${view}`)}`);
  return (
    <DatasetCtx.Provider value={ctx}>
      <main className="embed" id="content">
        <header className="embed-head">
          <h1><a href={datasetHref(ds.dataset_id, full)} target="_blank" rel="noopener">{title}</a></h1>
          <RecordCount />
        </header>
        <Suspense fallback={<Loading />}>
          {view === 'table' && <TableTab height={Math.max(200, window.innerHeight - 140)} />}
          {view === 'map' && (geoFields(ds).length ? <MapTab /> : (
            <Empty>{t('embed.noMap')} <a href={datasetHref(ds.dataset_id, full)} target="_blank" rel="noopener">{t('embed.open')}</a></Empty>
          ))}
          {view === 'analyze' && <AnalyzeTab />}
        </Suspense>
      </main>
    </DatasetCtx.Provider>
  );
}

export function EmbedPage({ datasetId, view }: { datasetId: string; view: EmbedView }) {
  const ds = useApi<ApiDataset>(datasetUrl(datasetId));
  if (ds.error) return <main className="embed"><ErrorBox error={ds.error} /></main>;
  if (!ds.data) return <main className="embed"><Loading /></main>;
  return <EmbedBody ds={ds.data} view={view} />;
}
