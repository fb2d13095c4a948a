// The page for unknown addresses (served with HTTP 404): a search box filled with the words of
// the address, the datasets those words find, and the way back to the catalog.
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../components/Link.tsx';
import { navigate } from '../app/router.ts';
import { anyWordWhere, wordsFromPath } from '../app/path-words.ts';
import { useApi } from '../api/use-api.ts';
import { catalogDatasetsUrl } from '../api/catalog.ts';
import { NO_FILTERS } from '../state/filters.ts';
import type { DatasetList } from '../api/types.ts';
import { DatasetCard } from '../components/DatasetCard.tsx';

const SUGGESTED = 5;

function Suggestions({ words }: { words: string }) {
  const { t } = useI18n();
  const { data } = useApi<DatasetList>(words ? catalogDatasetsUrl({ ...NO_FILTERS, where: anyWordWhere(words) }, 'relevance', SUGGESTED) : null);
  if (!data?.results.length) return null;
  return (
    <section aria-labelledby="not-found-suggestions">
      <h2 id="not-found-suggestions">{t('notFound.suggestions')}</h2>
      <div className="card-list">{data.results.map((ds) => <DatasetCard key={ds.dataset_id} ds={ds} />)}</div>
    </section>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  const [words] = useState(() => wordsFromPath(window.location.pathname));
  const [q, setQ] = useState(words);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/datasets${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`);
  };
  return (
    <div className="page narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <form role="search" className="home-search" onSubmit={submit}>
        <label htmlFor="not-found-q">{t('home.searchLabel')}</label>
        <div className="search-row">
          <input id="not-found-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('home.searchPlaceholder')} />
          <button type="submit" className="primary">{t('home.search')}</button>
        </div>
      </form>
      <Suggestions words={words} />
      <p><Link href="/datasets">{t('notFound.allDatasets')}</Link></p>
    </div>
  );
}
