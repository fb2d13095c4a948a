// Top-level layout and page switch. Pages are plain components; embeds render without chrome.
import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import { useLocationKey } from './router.ts';
import { matchRoute } from './routes.ts';
import { Header } from '../components/Header.tsx';
import { Footer } from '../components/Footer.tsx';
import { HomePage } from '../pages/HomePage.tsx';
import { CatalogPage } from '../pages/CatalogPage.tsx';
import { DatasetPage } from '../pages/DatasetPage.tsx';
import { ReusesPage } from '../pages/ReusesPage.tsx';
import { EmbedPage } from '../pages/EmbedPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { usePageHead } from './head.ts';
import { Loading } from '../components/States.tsx';

// The back office (sign-in, datasets, accounts, audit) is its own lazy chunk: readers never load it.
const AdminApp = lazy(() => import('../admin/AdminApp.tsx'));
// Pages (dashboards, stories) and their embeds: their own chunk, charts and maps lazier still.
const PageView = lazy(() => import('../pages-view/PageView.tsx'));
const PageEmbed = lazy(() => import('../pages-view/PageEmbed.tsx'));

export function App() {
  const location = useLocationKey();
  const pathname = location.split('?')[0];
  const route = useMemo(() => matchRoute(pathname), [pathname]);
  const { t } = useI18n();
  usePageHead(pathname);
  // After a client-side page change, focus moves to the main region (as a page load would put
  // keyboard and screen-reader users at the start), without scrolling.
  const firstPath = useRef(pathname);
  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = '';
    document.getElementById('content')?.focus({ preventScroll: true });
  }, [pathname]);

  if (route.page === 'embed') return <EmbedPage datasetId={route.datasetId} view={route.view} />;
  if (route.page === 'embed-page') return <Suspense fallback={<main className="embed"><Loading /></main>}><PageEmbed key={route.slug} slug={route.slug} blockId={route.blockId} /></Suspense>;
  return (
    <>
      <a className="skip-link" href="#content">{t('app.skip')}</a>
      <Header />
      <main id="content" tabIndex={-1}>
        {route.page === 'home' && <HomePage />}
        {route.page === 'catalog' && <CatalogPage />}
        {route.page === 'reuses' && <ReusesPage />}
        {route.page === 'dataset' && <DatasetPage key={route.datasetId} datasetId={route.datasetId} />}
        {route.page === 'pageview' && <Suspense fallback={<Loading />}><PageView key={route.slug} slug={route.slug} /></Suspense>}
        {route.page === 'not-found' && <NotFoundPage />}
        {route.page === 'signin' && <Suspense fallback={<Loading />}><AdminApp path="/signin" /></Suspense>}
        {route.page === 'admin' && <Suspense fallback={<Loading />}><AdminApp path={route.path} /></Suspense>}
      </main>
      <Footer />
    </>
  );
}
