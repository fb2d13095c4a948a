// Starts downloading, at boot, the lazy chunk the first page is sure to need: ECharts for a
// dataset's Information or Analyze tab, MapLibre for its Map tab (they would otherwise wait for
// the dataset's answer and the tab's own code), and the default chart's data; a page's chunk and ECharts. Only hints: a
// failure here is retried on use.
import { matchRoute } from './routes.ts';

export function warmFirstPageChunks(pathname: string, search: string): void {
  const route = matchRoute(pathname);
  const warm = (load: () => Promise<unknown>) => { load().catch(() => undefined); };
  // A page (dashboard, story): its own chunk, and ECharts, which most pages draw with.
  if (route.page === 'pageview' || route.page === 'embed-page') {
    warm(() => (route.page === 'pageview' ? import('../pages-view/PageView.tsx') : import('../pages-view/PageEmbed.tsx')));
    warm(() => import('../dataset/analyze/ChartDrawing.tsx'));
    return;
  }
  if (route.page !== 'dataset' && route.page !== 'embed') return;
  const tab = route.page === 'embed' ? route.view : new URLSearchParams(search).get('tab') ?? 'info';
  if (tab === 'info' || tab === 'analyze') warm(() => import('../dataset/analyze/ChartDrawing.tsx'));
  // The Information tab's default chart: its data too, when the page has no filters or chart of its own.
  const sp = new URLSearchParams(search);
  const plain = [...sp.keys()].every((k) => k === 'tab' || k === 'lang');
  if (route.page === 'dataset' && tab === 'info' && plain) {
    const id = route.datasetId;
    warm(() => import('../dataset/analyze/prefetch.ts').then((m) => m.prefetchDefaultChart(id)));
  }
  if (tab === 'map') warm(() => import('../dataset/map/MapTab.tsx'));
}
