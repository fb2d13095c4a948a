// One reuse in a list: its title linking to it, its image (alt text: the title), the description
// (HTML the server rendered and sanitised, sanitised here again) and the datasets it uses.
import { useMemo } from 'react';
import type { ApiReuse } from '../api/reuses.ts';
import { shownImage } from '../api/reuses.ts';
import { sanitizeHtml } from '../dataset/info/sanitize.ts';
import { Link } from '../components/Link.tsx';
import { datasetHref } from '../app/routes.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function ReuseCard({ reuse, headingLevel = 3, showDatasets = true }: { reuse: ApiReuse; headingLevel?: 2 | 3; showDatasets?: boolean }) {
  const { t } = useI18n();
  const H = `h${headingLevel}` as 'h2' | 'h3';
  const html = useMemo(() => sanitizeHtml(reuse.description_html), [reuse.description_html]);
  const image = shownImage(reuse);
  return (
    <article className="card reuse-card">
      {image && <img className="reuse-image" src={image} alt={reuse.title} loading="lazy" referrerPolicy="no-referrer" />}
      <H className="card-title"><a href={reuse.url} rel="noopener noreferrer nofollow ugc">{reuse.title}</a></H>
      {html && <div className="prose reuse-description" dangerouslySetInnerHTML={{ __html: html }} />}
      {showDatasets && reuse.datasets.length > 0 && (
        <p className="card-facts">
          <span>{t('reuses.uses')}</span>{' '}
          {reuse.datasets.map((d, i) => <span key={d.dataset_id}>{i > 0 && ', '}<Link href={datasetHref(d.dataset_id)}>{d.title}</Link></span>)}
        </p>
      )}
    </article>
  );
}
