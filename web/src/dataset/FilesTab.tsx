// The Files tab of a dataset whose data is not here (harvested metadata only): the source's files
// with their format and title, each a link to the source. Shown in place of the table, map and chart.
import { useI18n } from '../i18n/i18n.tsx';
import { useDataset } from './context.tsx';
import { harvestOf, safeHref, sourceFiles } from './harvest.ts';

export function FilesTab() {
  const { t } = useI18n();
  const { ds } = useDataset();
  const files = sourceFiles(ds);
  const name = harvestOf(ds)?.source_name ?? '';
  return (
    <div className="files-tab">
      <h2 id="h-files">{t('source.files')}</h2>
      <p>{t('source.filesIntro', { name })}</p>
      {files.length === 0 ? <p className="muted">{t('source.filesNone')}</p> : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="h-files">
          <table className="data-table source-files">
            <thead><tr><th scope="col">{t('source.format')}</th><th scope="col">{t('source.file')}</th><th scope="col">{t('source.mediaType')}</th></tr></thead>
            <tbody>
              {files.map((f) => (
                <tr key={f.url}>
                  <td><span className="file-format">{f.format ? f.format.toUpperCase() : '?'}</span></td>
                  <th scope="row"><a href={safeHref(f.url)} rel="noopener noreferrer">{f.title || f.url}</a></th>
                  <td className="mono small">{f.media_type ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
