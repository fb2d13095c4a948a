// Published pages (dashboards and data stories) as cards: the home page's featured ones and the
// catalog's, filtered by the catalog search. Reads GET /api/agora/v1/pages with the reader's rights.
import { useApi } from '../api/use-api.ts';
import { buildUrl } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate } from '../format/format.ts';
import { Link } from './Link.tsx';
import { summaryOf, type PageItem } from './page-items.ts';

export { matchingPages, type PageItem } from './page-items.ts';

export function usePages(featuredOnly = false): PageItem[] | null {
  const { data } = useApi<{ results: PageItem[] }>(buildUrl('/api/agora/v1/pages', featuredOnly ? [['featured', 'true']] : []));
  return data?.results ?? null;
}

export function PageCards({ pages, headingLevel = 3 }: { pages: PageItem[]; headingLevel?: 2 | 3 }) {
  const { t, lang } = useI18n();
  const H = `h${headingLevel}` as 'h2' | 'h3';
  return (
    <div className="card-grid">
      {pages.map((p) => (
        <article key={p.uid} className="card page-card">
          <H className="card-title"><Link href={`/pages/${p.slug}`}>{p.title}</Link></H>
          {p.description && <p className="card-summary">{summaryOf(p.description)}</p>}
          <ul className="card-facts">
            <li>{t('pages.card.kind')}</li>
            {p.published_at && <li>{t('card.modified', { date: formatDate(lang, p.published_at) })}</li>}
          </ul>
        </article>
      ))}
    </div>
  );
}
