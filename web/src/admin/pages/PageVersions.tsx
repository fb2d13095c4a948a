// The saved versions of a page (date, author, note, published) with Restore behind a confirmation:
// the server makes that version the draft again, then the editor reloads the page.
import type { PageVersion } from './model.ts';
import { usePagesI18n } from './messages.ts';
import { formatDate } from '../../format/format.ts';
import type { Ask } from './PageManage.tsx';

export function PageVersions({ versions, ask, onRestore }: { versions: PageVersion[] | null; ask: (a: Ask) => void; onRestore: (n: number) => void }) {
  const { t, lang } = usePagesI18n();
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">{t('versions.title')}</h2>
      {versions && versions.length === 0 && <p>{t('versions.none')}</p>}
      {versions && versions.length > 0 && (
        <div className="table-scroll">
          <table className="data-table admin-table versions-table">
            <caption className="visually-hidden">{t('versions.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('versions.n')}</th><th scope="col">{t('versions.date')}</th><th scope="col">{t('versions.author')}</th>
                <th scope="col">{t('versions.note')}</th><th scope="col">{t('versions.publishedCol')}</th><th scope="col"><span className="visually-hidden">{t('versions.restore')}</span></th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <th scope="row">{v.version}</th>
                  <td className="nowrap">{formatDate(lang, v.saved_at, true)}</td>
                  <td className="nowrap">{v.saved_by ?? '—'}</td>
                  <td>{v.note ?? ''}</td>
                  <td>{v.published ? t('yes') : t('no')}</td>
                  <td>
                    <button type="button" aria-label={t('versions.restoreOf', { n: v.version })} onClick={() => ask({
                      title: t('versions.restoreTitle', { n: v.version }), body: t('versions.restoreBody', { n: v.version }), confirm: t('versions.restore'), run: () => onRestore(v.version),
                    })}>{t('versions.restore')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
