// The "Source" block of a harvested dataset (metas.harvest): the portal it was harvested from (linked),
// its page there, the licence the source states and when it was harvested, in the reader's locale; for a
// dataset whose data stays at the source, a pointer to the Files tab.
import { useI18n } from '../../i18n/i18n.tsx';
import { useDataset } from '../context.tsx';
import { formatDate } from '../../format/format.ts';
import { harvestOf, safeHref, sourceFiles } from '../harvest.ts';

export function SourceBlock({ onFiles }: { onFiles: () => void }) {
  const { t, lang } = useI18n();
  const { ds } = useDataset();
  const h = harvestOf(ds);
  if (!h) return null;
  const source = safeHref(h.source_url);
  const remote = safeHref(h.remote_url);
  const licence = safeHref(h.license_url);
  const files = sourceFiles(ds);
  return (
    <section aria-labelledby="h-source" className="source-block" data-testid="dataset-source">
      <h2 id="h-source">{t('source.title')}</h2>
      <dl className="meta-list">
        <div><dt>{t('source.from')}</dt><dd>{source ? <a href={source} rel="noopener noreferrer">{h.source_name}</a> : h.source_name}</dd></div>
        {remote && <div><dt>{t('source.original')}</dt><dd><a href={remote} rel="noopener noreferrer">{t('source.originalLink', { name: h.source_name })}</a></dd></div>}
        <div><dt>{t('source.license')}</dt><dd>{h.license ? (licence ? <a href={licence} rel="license noopener noreferrer">{h.license}</a> : h.license) : t('source.noLicense')}</dd></div>
        <div><dt>{t('source.harvestedAt')}</dt><dd><time dateTime={h.harvested_at}>{formatDate(lang, h.harvested_at, true)}</time></dd></div>
      </dl>
      {h.metadata_only && <p>{t('source.metadataOnly')}</p>}
      {files.length > 0 && <p><button type="button" className="link-button" onClick={onFiles}>{t('source.seeFiles', { count: files.length })}</button></p>}
    </section>
  );
}
