// The dataset page's shared filters: full-text search, an ODSQL where, removable chips, and the
// live record count (announced to screen readers on every change).
import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useDataset } from './context.tsx';
import { hasFilters } from '../state/filters.ts';
import { ActiveFilters } from '../components/ActiveFilters.tsx';
import { ErrorBox, LiveStatus } from '../components/States.tsx';

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

export function FilterBar() {
  const { t } = useI18n();
  const { filters, setFilters, labelOf, countError } = useDataset();
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
        <RecordCount />
      </div>
      <details className="advanced" open={!!filters.where || undefined}>
        <summary>{t('dataset.advanced')}</summary>
        <form onSubmit={submitWhere} className="where-form">
          <label htmlFor="ds-where">{t('dataset.where')}</label>
          <div className="search-row">
            <input id="ds-where" className="mono" value={where} onChange={(e) => setWhere(e.target.value)}
              aria-describedby="ds-where-help" spellCheck={false} />
            <button type="submit">{t('dataset.apply')}</button>
          </div>
          <p id="ds-where-help" className="help">{t('dataset.whereHelp')}</p>
        </form>
      </details>
      <ActiveFilters filters={filters} labelOf={labelOf} onChange={setFilters} />
      {countError && <ErrorBox error={countError} />}
    </div>
  );
}
