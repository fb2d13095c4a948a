// The Information tab, answer first: key figures and a default chart, then description, the source of
// a harvested dataset, metadata, schema with field profiles, license, and links to the API and downloads.
// A dataset without fields shows none of the data parts (figures, chart, schema, API links).
import { useI18n } from '../../i18n/i18n.tsx';
import { useDataset } from '../context.tsx';
import { KeyFigures } from './KeyFigures.tsx';
import { SchemaTable } from './SchemaTable.tsx';
import { Metadata } from './Metadata.tsx';
import DefaultChart from './DefaultChart.tsx';
import { sanitizeHtml } from './sanitize.ts';
import { absolute, recordsUrl } from '../../api/dataset.ts';
import { NO_FILTERS } from '../../state/filters.ts';
import { useSearchParams } from '../../app/url-state.ts';
import { SourceBlock } from './SourceBlock.tsx';
import { harvestOf, hasData } from '../harvest.ts';

export function InfoTab() {
  const { t } = useI18n();
  const { ds } = useDataset();
  const [, update] = useSearchParams();
  const m = ds.metas.default;
  const api = absolute(recordsUrl(ds.dataset_id, NO_FILTERS, [['limit', 10]]));
  const data = hasData(ds);
  return (
    <div className="info-tab">
      {data && <KeyFigures />}
      {!data && !harvestOf(ds) && <p className="state state-empty">{t('info.noData')}</p>}
      {data && ds.has_records !== false && (
        <section aria-labelledby="h-glance" className="glance">
          <h2 id="h-glance">{t('info.defaultChart')}</h2>
          <DefaultChart />
        </section>
      )}
      <section aria-labelledby="h-desc">
        <h2 id="h-desc">{t('info.description')}</h2>
        {m.description
          ? <div className="description" dangerouslySetInnerHTML={{ __html: sanitizeHtml(m.description) }} />
          : <p className="muted">{t('info.noDescription')}</p>}
      </section>
      <SourceBlock onFiles={() => update((s) => { s.set('tab', 'files'); }, true)} />
      <Metadata />
      {data && (
        <section aria-labelledby="h-schema">
          <h2 id="h-schema">{t('info.schema')}</h2>
          <SchemaTable />
        </section>
      )}
      <section aria-labelledby="h-license">
        <h2 id="h-license">{t('info.license')}</h2>
        <p>{m.license ? (m.license_url ? <a href={m.license_url} rel="license noopener">{m.license}</a> : m.license) : t('info.noLicense')}</p>
      </section>
      {data && (
        <section aria-labelledby="h-links">
          <h2 id="h-links">{t('info.links')}</h2>
          <ul className="link-list">
            <li><a href={api}>{t('info.openRecords')}</a> <code className="small">{api}</code></li>
            <li><button type="button" className="link-button" onClick={() => update((s) => { s.set('tab', 'export'); }, true)}>{t('info.allExports')}</button></li>
            <li><button type="button" className="link-button" onClick={() => update((s) => { s.set('tab', 'api'); }, true)}>{t('api.title')}</button></li>
          </ul>
        </section>
      )}
    </div>
  );
}
