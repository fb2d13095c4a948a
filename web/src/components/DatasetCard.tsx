// A dataset in a result list: title, summary, themes, record count, last modified, features.
import type { ApiDataset } from '../api/types.ts';
import { Link } from './Link.tsx';
import { datasetHref } from '../app/routes.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate } from '../format/format.ts';
import { firstSentence, plainText } from '../api/catalog.ts';

export function DatasetCard({ ds, headingLevel = 3 }: { ds: ApiDataset; headingLevel?: 2 | 3 }) {
  const { t, tp, lang } = useI18n();
  const m = ds.metas.default;
  const H = `h${headingLevel}` as 'h2' | 'h3';
  const summary = firstSentence(plainText(m.description));
  const count = m.records_count;
  return (
    <article className="card dataset-card">
      <H className="card-title"><Link href={datasetHref(ds.dataset_id)}>{m.title || ds.dataset_id}</Link></H>
      {summary && <p className="card-summary">{summary}</p>}
      <ul className="card-facts">
        {typeof count === 'number' && <li>{tp('card.records', count)}</li>}
        {m.modified && <li>{t('card.modified', { date: formatDate(lang, m.modified) })}</li>}
        {m.publisher && <li>{m.publisher}</li>}
      </ul>
      {(m.theme?.length || ds.features?.length) ? (
        <ul className="tags">
          {(m.theme ?? []).map((x) => <li key={`t-${x}`} className="tag">{x}</li>)}
          {(ds.features ?? []).filter((f) => f === 'geo' || f === 'timeserie').map((f) => (
            <li key={`f-${f}`} className="tag tag-feature">{t(f === 'geo' ? 'feature.geo' : 'feature.timeserie')}</li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
