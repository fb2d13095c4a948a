// Home: search box, featured pages (dashboards, stories), themes with dataset counts, newest and most-viewed datasets.
import { useState, type FormEvent } from 'react';
import { usePortal } from '../app/portal.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../app/router.ts';
import { useApi } from '../api/use-api.ts';
import { buildUrl } from '../api/client.ts';
import { catalogDatasetsUrl, catalogFacetsUrl, datasetsByIdUrl } from '../api/catalog.ts';
import { NO_FILTERS } from '../state/filters.ts';
import type { DatasetList, FacetList, ViewCount } from '../api/types.ts';
import { DatasetCard } from '../components/DatasetCard.tsx';
import { Link } from '../components/Link.tsx';
import { Empty, ErrorBox, Loading } from '../components/States.tsx';
import { useDocumentTitle } from '../app/title.ts';
import { sanitizeHtml } from '../dataset/info/sanitize.ts';
import { PageCards, usePages } from '../components/PageCards.tsx';

function HomeSearch() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/datasets${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`);
  };
  return (
    <form role="search" className="home-search" onSubmit={submit}>
      <label htmlFor="home-q">{t('home.searchLabel')}</label>
      <div className="search-row">
        <input id="home-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('home.searchPlaceholder')} />
        <button type="submit" className="primary">{t('home.search')}</button>
      </div>
    </form>
  );
}

function Themes() {
  const { t, n } = useI18n();
  const { data, error } = useApi<FacetList>(catalogFacetsUrl(NO_FILTERS, ['theme']));
  if (error) return <ErrorBox error={error} />;
  if (!data) return <Loading />;
  const themes = data.facets.find((f) => f.name === 'theme')?.facets ?? [];
  if (!themes.length) return <Empty>{t('home.noThemes')}</Empty>;
  return (
    <ul className="theme-grid">
      {themes.map((th) => (
        <li key={th.value}>
          <Link className="theme-tile" href={`/datasets?refine=${encodeURIComponent(`theme:${th.value}`)}`}>
            <span className="theme-name">{th.name}</span>
            {typeof th.count === 'number' && <span className="theme-count">{n(th.count)}</span>}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Newest() {
  const { t } = useI18n();
  const { data, error } = useApi<DatasetList>(catalogDatasetsUrl(NO_FILTERS, 'modified', 6));
  if (error) return <ErrorBox error={error} />;
  if (!data) return <Loading />;
  return (
    <>
      <div className="card-grid">{data.results.map((ds) => <DatasetCard key={ds.dataset_id} ds={ds} />)}</div>
      <p><Link href="/datasets" className="more-link">{t('home.all', { count: data.total_count })}</Link></p>
    </>
  );
}

function MostViewed() {
  const { t } = useI18n();
  const views = useApi<{ results: ViewCount[] }>(buildUrl('/api/agora/v1/views', [['limit', 6]]));
  const ids = (views.data?.results ?? []).map((v) => v.dataset_id);
  const list = useApi<DatasetList>(ids.length ? datasetsByIdUrl(ids) : null);
  if (views.error) return <ErrorBox error={views.error} />;
  if (!views.data) return <Loading />;
  if (!ids.length) return <Empty>{t('home.noViews')}</Empty>;
  if (list.error) return <ErrorBox error={list.error} />;
  if (!list.data) return <Loading />;
  const byId = new Map(list.data.results.map((d) => [d.dataset_id, d]));
  const ordered = ids.map((id) => byId.get(id)).filter((d) => d !== undefined);
  return <div className="card-grid">{ordered.map((ds) => <DatasetCard key={ds.dataset_id} ds={ds} />)}</div>;
}

/** The pages the portal features; nothing at all when it features none. */
function FeaturedPages() {
  const { t } = useI18n();
  const pages = usePages(true);
  if (!pages?.length) return null;
  return (
    <section aria-labelledby="h-pages">
      <h2 id="h-pages">{t('home.pages')}</h2>
      <PageCards pages={pages} />
    </section>
  );
}

export function HomePage() {
  const portal = usePortal();
  const { t } = useI18n();
  useDocumentTitle(portal.name);
  return (
    <div className="page home">
      <section className="hero">
        <h1>{portal.name}</h1>
        <p className="tagline">{t('home.tagline')}</p>
        {/* The back office's home text: sanitised by the server, and again here (defence in depth). */}
        {portal.home_html && <div className="home-text description" dangerouslySetInnerHTML={{ __html: sanitizeHtml(portal.home_html) }} />}
        <HomeSearch />
      </section>
      <FeaturedPages />
      <section aria-labelledby="h-themes">
        <h2 id="h-themes">{t('home.themes')}</h2>
        <Themes />
      </section>
      <section aria-labelledby="h-newest">
        <h2 id="h-newest">{t('home.newest')}</h2>
        <Newest />
      </section>
      <section aria-labelledby="h-viewed">
        <h2 id="h-viewed">{t('home.mostViewed')}</h2>
        <MostViewed />
      </section>
    </div>
  );
}
