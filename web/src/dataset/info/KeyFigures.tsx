// Key figures at the top of the Information tab: records (with filters), time span of the first
// date field, last update, number of fields.
import { useI18n } from '../../i18n/i18n.tsx';
import { useDataset } from '../context.tsx';
import { useApi } from '../../api/use-api.ts';
import { recordsUrl } from '../../api/dataset.ts';
import type { RecordList } from '../../api/types.ts';
import { dateFields } from '../fields.ts';
import { odsqlField } from '../../state/odsql.ts';
import { formatDate } from '../../format/format.ts';

export function KeyFigures() {
  const { t, n, lang } = useI18n();
  const { ds, filters, count } = useDataset();
  const date = dateFields(ds)[0];
  const span = useApi<RecordList>(date
    ? recordsUrl(ds.dataset_id, filters, [['select', `min(${odsqlField(date.name)}) as lo, max(${odsqlField(date.name)}) as hi`]])
    : null);
  const row = span.data?.results[0];
  const m = ds.metas.default;
  const updated = m.modified ?? m.data_processed; // as the publisher states it (or the last change)
  return (
    <section aria-labelledby="h-key" className="key-figures">
      <h2 id="h-key" className="visually-hidden">{t('info.keyFigures')}</h2>
      <dl>
        <div><dt>{t('info.records')}</dt><dd>{count === undefined ? '…' : n(count)}</dd></div>
        {date && (
          <div>
            <dt>{t('info.timeSpan')} <span className="muted small">({date.label || date.name})</span></dt>
            <dd className="small-figure">{row && typeof row.lo === 'string' && typeof row.hi === 'string'
              ? `${formatDate(lang, row.lo)} – ${formatDate(lang, row.hi)}` : span.loading ? '…' : '–'}</dd>
          </div>
        )}
        {updated && <div><dt>{t('info.lastUpdate')}</dt><dd className="small-figure">{formatDate(lang, updated)}</dd></div>}
        <div><dt>{t('info.fields')}</dt><dd>{n(ds.fields.length)}</dd></div>
      </dl>
    </section>
  );
}
