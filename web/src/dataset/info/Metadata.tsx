// Metadata lists: the dataset's dates told apart (data period from the date fields, last modified as
// the publisher states it, last data and metadata changes), the default template's useful entries
// and every filled DCAT entry.
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDataset } from '../context.tsx';
import { formatDate } from '../../format/format.ts';
import type { MessageKey } from '../../i18n/en.ts';

const DEFAULT_KEYS = ['publisher', 'theme', 'keyword', 'language', 'territory', 'references', 'attributions', 'timezone'] as const;
const DATE_ROWS = ['modified', 'data_processed', 'metadata_processed'] as const;
const DATE_KEYS = new Set(['modified', 'data_processed', 'metadata_processed', 'issued']);

function show(value: unknown, key: string, lang: string): ReactNode {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return null;
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'string' && DATE_KEYS.has(key)) return formatDate(lang, value);
  if (typeof value === 'string' && /^https?:\/\//.test(value)) return <a href={value} rel="noopener noreferrer">{value}</a>;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

interface Coverage { start: string; end: string }

/** The data period, the last modification and the last data and metadata changes, each labelled. */
function Dates({ m }: { m: Record<string, unknown> }) {
  const { t, lang } = useI18n();
  const c = m.temporal_coverage as Coverage | null | undefined;
  const rows = DATE_ROWS.map((k) => [k, show(m[k], k, lang)] as const).filter(([, v]) => v !== null);
  return (
    <section aria-labelledby="h-dates">
      <h2 id="h-dates">{t('meta.dates')}</h2>
      <dl className="meta-list" data-testid="dataset-dates">
        <div data-date="temporal_coverage"><dt>{t('meta.temporal_coverage')}</dt>
          <dd>{c ? `${formatDate(lang, c.start)} – ${formatDate(lang, c.end)}` : t('meta.noPeriod')}</dd></div>
        {rows.map(([k, v]) => <div key={k} data-date={k}><dt>{t(`meta.${k}` as MessageKey)}</dt><dd>{v}</dd></div>)}
      </dl>
    </section>
  );
}

export function Metadata() {
  const { t, lang } = useI18n();
  const { ds } = useDataset();
  const m = ds.metas.default as Record<string, unknown>;
  const dcat = (ds.metas.dcat ?? {}) as Record<string, unknown>;
  const rows = DEFAULT_KEYS.map((k) => [k, show(m[k], k, lang)] as const).filter(([, v]) => v !== null);
  const dcatRows = Object.entries(dcat).map(([k, v]) => [k, show(v, k, lang)] as const).filter(([, v]) => v !== null);
  return (
    <>
      <Dates m={m} />
      <section aria-labelledby="h-meta">
        <h2 id="h-meta">{t('info.metadata')}</h2>
        <dl className="meta-list">
          <div><dt>{t('meta.datasetId')}</dt><dd className="mono">{ds.dataset_id}</dd></div>
          {rows.map(([k, v]) => <div key={k}><dt>{t(`meta.${k}` as MessageKey)}</dt><dd>{v}</dd></div>)}
        </dl>
      </section>
      {dcatRows.length > 0 && (
        <section aria-labelledby="h-dcat">
          <h2 id="h-dcat">{t('info.dcat')}</h2>
          <dl className="meta-list">{dcatRows.map(([k, v]) => <div key={k}><dt className="mono">{k}</dt><dd>{v}</dd></div>)}</dl>
        </section>
      )}
    </>
  );
}
