// The dataset page's shared filters: full-text search, an ODSQL where (its example from the dataset's
// own fields), removable chips, and the live record count (announced to screen readers on every change).
import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useDataset } from './context.tsx';
import { hasFilters } from '../state/filters.ts';
import { ActiveFilters } from '../components/ActiveFilters.tsx';
import { ErrorBox, LiveStatus } from '../components/States.tsx';
import { useWhereExample } from './use-where-example.ts';
import { isLive } from './live/use-live.ts';

export function RecordCount() {
  const { t, tp, n } = useI18n();
  const { count, total, filters, countError } = useDataset();
  let text = countError ? t('dataset.countUnavailable') : t('common.loading');
  if (count !== undefined && !countError) {
    text = hasFilters(filters) && total !== undefined && total !== count
      ? t('dataset.recordsOf', { count: n(count), total: n(total) })
      : tp('dataset.records', count);
  }
  return <LiveStatus className="record-count">{text}</LiveStatus>;
}

/** Live datasets: every record, or only the latest of each sensor (a text or int field), in every tab. */
function LatestPicker() {
  const { t } = useI18n();
  const { ds, filters, setFilters, labelOf } = useDataset();
  const keys = ds.fields.filter((f) => f.type === 'text' || f.type === 'int');
  if (keys.length === 0) return null;
  return (
    <label className="latest-picker">
      <span>{t('live.show')}</span>
      <select value={filters.latest ?? ''} onChange={(e) => setFilters({ ...filters, latest: e.target.value || undefined })}>
        <option value="">{t('live.every')}</option>
        {keys.map((f) => <option key={f.name} value={f.name}>{t('live.latestOf', { field: labelOf(f.name) })}</option>)}
      </select>
    </label>
  );
}

export function FilterBar() {
  const { t } = useI18n();
  const { ds, filters, setFilters, labelOf, countError } = useDataset();
  const [advancedOpen, setAdvancedOpen] = useState(!!filters.where);
  const example = useWhereExample(ds, advancedOpen);
  const [q, setQ] = useState(filters.q);
  const [where, setWhere] = useState(filters.where);
  useEffect(() => setQ(filters.q), [filters.q]);
  useEffect(() => setWhere(filters.where), [filters.where]);

  const submitQ = (e: FormEvent) => { e.preventDefault(); setFilters({ ...filters, q: q.trim() }); };
  const submitWhere = (e: FormEvent) => { e.preventDefault(); setFilters({ ...filters, where: where.trim() }); };

  return (
    <div className="filter-bar">
      <div className="filter-row">
        <form role="search" onSubmit={submitQ} className="dataset-search">
          <label htmlFor="ds-q" className="visually-hidden">{t('dataset.search')}</label>
          <input id="ds-q" type="search" value={q} placeholder={t('dataset.search')} onChange={(e) => setQ(e.target.value)} />
          <button type="submit">{t('home.search')}</button>
        </form>
        {isLive(ds) && <LatestPicker />}
        <RecordCount />
      </div>
      <details className="advanced" open={!!filters.where || undefined} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}>
        <summary>{t('dataset.advanced')}</summary>
        <form onSubmit={submitWhere} className="where-form">
          <label htmlFor="ds-where">{t('dataset.where')}</label>
          <div className="search-row">
            <input id="ds-where" className="mono" value={where} placeholder={example ?? undefined} onChange={(e) => setWhere(e.target.value)}
              aria-describedby="ds-where-help" spellCheck={false} />
            <button type="submit">{t('dataset.apply')}</button>
          </div>
          <p id="ds-where-help" className="help">{example ? t('dataset.whereExample', { example }) : t('dataset.whereHelp')}</p>
        </form>
      </details>
      <ActiveFilters filters={filters} labelOf={labelOf} onChange={setFilters} />
      {countError && <ErrorBox error={countError} />}
    </div>
  );
}
