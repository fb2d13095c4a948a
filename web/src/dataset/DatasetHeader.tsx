// The dataset page's compact header: breadcrumb, title with actions (API, download: the source's files
// when the data is not here), one line of key facts (records, theme, publisher, licence, data period)
// and the description clamped to two lines.
import { useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { plainText } from '../api/catalog.ts';
import type { ApiDataset } from '../api/types.ts';
import { Link } from '../components/Link.tsx';
import { formatDate } from '../format/format.ts';
import '../styles/dataset-head.css';
import { useDataset } from './context.tsx';
import { LiveBadge } from './live/LiveBadge.tsx';
import { harvestOf, hasData } from './harvest.ts';

/** "2012-01-01/2015-12-31" (dcat.temporal) in the reader's locale; other forms are shown as written. */
function period(lang: string, temporal: string | null | undefined): string | null {
  if (!temporal) return null;
  const [a, b] = temporal.split('/');
  const day = /^\d{4}-\d{2}-\d{2}$/;
  return b !== undefined && day.test(a) && day.test(b) ? `${formatDate(lang, a)} – ${formatDate(lang, b)}` : temporal.replace('/', ' – ');
}

function Description({ text }: { text: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLParagraphElement>(null);
  const [open, setOpen] = useState(false);
  const [clamped, setClamped] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || open) return;
    const measure = () => setClamped(el.scrollHeight > el.clientHeight + 1);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [text, open]);
  return (
    <div className="dataset-desc">
      <p ref={ref} id="ds-desc" className={open ? 'lede' : 'lede clamped'}>{text}</p>
      {(clamped || open) && (
        <button type="button" className="link-button" aria-controls="ds-desc" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('dataset.less') : t('dataset.more')}
        </button>
      )}
    </div>
  );
}

export function DatasetHeader({ ds, tabs, onTab }: { ds: ApiDataset; tabs: readonly string[]; onTab: (tab: 'api' | 'export' | 'files') => void }) {
  const { t, tp, lang } = useI18n();
  const m = ds.metas.default;
  const title = m.title || ds.dataset_id;
  const temporal = ds.metas.dcat?.temporal;
  const span = period(lang, typeof temporal === 'string' ? temporal : null);
  const atSource = !hasData(ds) && harvestOf(ds) !== null;
  const facts = [
    atSource ? t('source.dataAtSource') : tp('dataset.records', m.records_count ?? 0),
    m.theme?.length ? m.theme.join(' · ') : null,
    m.publisher,
    m.license ?? null,
    span,
  ].filter((x): x is string => !!x);
  const text = plainText(m.description);
  const { live } = useDataset();
  return (
    <header className="dataset-head">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol><li><Link href="/datasets">{t('app.datasets')}</Link></li><li aria-current="page">{title}</li></ol>
      </nav>
      <div className="dataset-title-row">
        <h1>{title}</h1>
        <div className="dataset-actions">
          <LiveBadge live={live} />
          {tabs.includes('api') && <button type="button" onClick={() => onTab('api')}>{t('tab.api')}</button>}
          {tabs.includes('export') && <button type="button" onClick={() => onTab('export')}>{t('dataset.download')}</button>}
          {tabs.includes('files') && <button type="button" onClick={() => onTab('files')}>{t('dataset.download')}</button>}
        </div>
      </div>
      <ul className="key-facts" title={facts.join(' · ')}>{facts.map((f, i) => <li key={i}>{f}</li>)}</ul>
      {text && <Description text={text} />}
    </header>
  );
}
