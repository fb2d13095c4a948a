// /admin/audit (edit_domain): the audit log, newest first, paged (GET /api/auth/audit), with a
// link to the whole log as CSV (/api/auth/audit.csv, sent with the session cookie).
import { useState } from 'react';
import { listAudit } from './api.ts';
import { useAdminI18n } from './messages.ts';
import { FormError, useLoad } from './ui.tsx';
import { Loading, Empty } from '../components/States.tsx';
import { Pagination } from '../components/Pagination.tsx';

const PAGE = 50;

export function AuditPage() {
  const { t, lang } = useAdminI18n();
  const [page, setPage] = useState(1);
  const log = useLoad(() => listAudit(PAGE, (page - 1) * PAGE), [page]);
  const date = (iso: string) => { const d = new Date(iso); return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang); };
  const detail = (v: unknown) => v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return (
    <div>
      <h1>{t('audit.title')}</h1>
      <p><a className="download" href="/api/auth/audit.csv" download>{t('audit.csv')}</a></p>
      <FormError error={log.error} />
      {!log.data && !log.error && <Loading />}
      {log.data && log.data.total_count === 0 && <Empty>{t('audit.none')}</Empty>}
      {log.data && log.data.results.length > 0 && (
        <>
          <p role="status">{t('audit.count', { count: log.data.total_count })}</p>
          <div className="table-scroll">
            <table className="data-table admin-table">
              <caption className="visually-hidden">{t('audit.title')}</caption>
              <thead><tr>
                <th scope="col">{t('audit.at')}</th><th scope="col">{t('audit.actor')}</th><th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.target')}</th><th scope="col">{t('audit.ip')}</th><th scope="col">{t('audit.detail')}</th>
              </tr></thead>
              <tbody>
                {log.data.results.map((e, i) => (
                  <tr key={`${e.at}-${i}`}>
                    <td>{date(e.at)}</td><td className="nowrap">{e.actor}</td><td><code>{e.action}</code></td><td className="nowrap">{e.target}</td><td className="nowrap">{e.ip ?? ''}</td>
                    <td className="audit-detail">{detail(e.detail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pages={Math.max(1, Math.ceil(log.data.total_count / PAGE))} onPage={setPage} />
        </>
      )}
    </div>
  );
}
