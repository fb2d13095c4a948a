// The reuses gallery (/reuses): every approved reuse the reader may see, newest approval first,
// 24 a page, each with the datasets it uses; the count is announced politely.
import { useApi } from '../api/use-api.ts';
import { reusesUrl, type ReuseList } from '../api/reuses.ts';
import { useSearchParams } from '../app/url-state.ts';
import { useDocumentTitle } from '../app/title.ts';
import { usePortal } from '../app/portal.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Empty, ErrorBox, Loading } from '../components/States.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { ReuseCard } from '../reuses/ReuseCard.tsx';

const PAGE = 24;

export function ReusesPage() {
  const { t, tp } = useI18n();
  const portal = usePortal();
  useDocumentTitle(t('reuses.heading'), portal.name);
  const [sp, update] = useSearchParams();
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const list = useApi<ReuseList>(reusesUrl({ limit: PAGE, offset: (page - 1) * PAGE }));
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total_count / PAGE)) : 1;
  return (
    <div className="page reuses-page">
      <h1>{t('reuses.heading')}</h1>
      <p>{t('reuses.intro')}</p>
      {list.error ? <ErrorBox error={list.error} /> : !list.data ? <Loading /> : (
        <>
          <p role="status" aria-live="polite">{tp('reuses.count', list.data.total_count)}</p>
          {list.data.results.length === 0 ? <Empty>{t('reuses.galleryEmpty')}</Empty> : (
            <div className="card-grid">{list.data.results.map((r) => <ReuseCard key={r.uid} reuse={r} headingLevel={2} />)}</div>
          )}
          {pages > 1 && <Pagination page={page} pages={pages} onPage={(p) => update((s) => { if (p === 1) s.delete('page'); else s.set('page', String(p)); })} />}
        </>
      )}
    </div>
  );
}
