// /admin/pages: the pages the account may edit (Automation API pages/) with their status, access,
// featured flag, last change and a badge when the draft has problems; a link to create one and
// the import of an exported page.
import { listPages } from './pages-api.ts';
import { usePagesI18n } from './messages.ts';
import { FormError, useLoad } from '../ui.tsx';
import { Link } from '../../components/Link.tsx';
import { Empty, Loading } from '../../components/States.tsx';
import { formatDate } from '../../format/format.ts';
import { PageImport } from './PageImport.tsx';

export function PagesListPage() {
  const { t, lang } = usePagesI18n();
  const { data, error, reload } = useLoad(listPages, []);
  return (
    <section aria-labelledby="admin-pages-title">
      <h1 id="admin-pages-title">{t('list.title')}</h1>
      <p>{t('list.intro')}</p>
      <p><Link href="/admin/pages/new" className="download">{t('list.new')}</Link></p>
      <FormError error={error} />
      {!data && !error && <Loading />}
      {data && data.results.length === 0 && <Empty>{t('list.none')}</Empty>}
      {data && data.results.length > 0 && (
        <div className="table-scroll">
          <table className="data-table admin-table">
            <caption className="visually-hidden">{t('list.count', { count: data.total_count })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('list.name')}</th>
                <th scope="col">{t('list.status')}</th>
                <th scope="col">{t('list.access')}</th>
                <th scope="col">{t('list.featured')}</th>
                <th scope="col">{t('list.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {data.results.map((p) => {
                const name = p.content.title || p.slug;
                const problems = p.problems?.length ?? 0;
                return (
                  <tr key={p.uid}>
                    <th scope="row">
                      <Link href={`/admin/pages/${encodeURIComponent(p.uid)}`} aria-label={t('list.editOf', { name })}>{name}</Link>
                      <div className="small muted long-url">/pages/{p.slug}</div>
                      {problems > 0 && <span className="badge badge-warn">{t('list.problems', { count: problems })}</span>}
                    </th>
                    <td><span className={p.status === 'draft' ? 'badge' : 'badge badge-on'}>{t(`status.${p.status}`)}</span></td>
                    <td>{p.public ? t('access.public') : t('access.restricted')}</td>
                    <td>{p.featured ? t('yes') : t('no')}</td>
                    <td className="nowrap">{formatDate(lang, p.updated_at, true)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <PageImport onImported={reload} />
    </section>
  );
}
