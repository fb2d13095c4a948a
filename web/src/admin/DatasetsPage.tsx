// /admin: the datasets the signed-in user can edit (Automation API datasets/), with publish /
// unpublish, restricted on/off and delete behind a confirmation dialog.
import { useState } from 'react';
import { deleteDataset, listDatasets, setPublished, setRestricted, titleOf, type AdminDataset } from './api.ts';
import { useAdminI18n } from './messages.ts';
import { ConfirmDialog, FormError, Outcome, useLoad, useOutcome } from './ui.tsx';
import { Link } from '../components/Link.tsx';
import { Loading, Empty } from '../components/States.tsx';
import { datasetHref } from '../app/routes.ts';

export function DatasetsPage() {
  const { t } = useAdminI18n();
  const { data, error, reload } = useLoad(listDatasets, []);
  const outcome = useOutcome();
  const [busy, setBusy] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<AdminDataset | null>(null);

  const act = async (d: AdminDataset, action: () => Promise<unknown>, message: string) => {
    setBusy(d.uid);
    await outcome.run(async () => { await action(); return message; });
    setBusy(null);
    reload();
  };

  return (
    <section aria-labelledby="admin-datasets-title">
      <h1 id="admin-datasets-title">{t('datasets.title')}</h1>
      <Outcome message={outcome.message} error={outcome.error} />
      <FormError error={error} />
      {!data && !error && <Loading />}
      {data && data.results.length === 0 && <Empty>{t('datasets.none')}</Empty>}
      {data && data.results.length > 0 && (
        <div className="table-scroll">
          <table className="data-table admin-table">
            <caption className="visually-hidden">{t('datasets.count', { count: data.total_count })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('datasets.name')}</th>
                <th scope="col">{t('datasets.state')}</th>
                <th scope="col">{t('datasets.restricted')}</th>
                <th scope="col">{t('datasets.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.results.map((d) => {
                const name = titleOf(d);
                return (
                  <tr key={d.uid}>
                    <th scope="row">
                      <Link href={`/admin/datasets/${encodeURIComponent(d.uid)}`} aria-label={t('datasets.editOf', { name })}>{name}</Link>
                      <div className="small muted">{d.dataset_id}</div>
                    </th>
                    <td>
                      <span className={d.is_published ? 'badge badge-on' : 'badge'}>{d.is_published ? t('datasets.published') : t('datasets.unpublished')}</span>{' '}
                      <button type="button" disabled={busy === d.uid} aria-label={t(d.is_published ? 'datasets.unpublish' : 'datasets.publish', { name })}
                        onClick={() => act(d, () => setPublished(d.uid, !d.is_published), t('datasets.changed', { name, state: d.is_published ? t('datasets.unpublished') : t('datasets.published') }))}>
                        {d.is_published ? t('datasets.unpublishShort') : t('datasets.publishShort')}
                      </button>
                    </td>
                    <td>
                      <label className="check">
                        <input type="checkbox" checked={d.is_restricted} disabled={busy === d.uid}
                          onChange={(e) => act(d, () => setRestricted(d.uid, e.target.checked), t('datasets.changed', { name, state: `${t('datasets.restricted')}: ${e.target.checked ? t('common.yes') : t('common.no')}` }))} />
                        <span className="visually-hidden">{t('datasets.restrict', { name })}</span>
                        <span aria-hidden="true">{d.is_restricted ? t('common.yes') : t('common.no')}</span>
                      </label>
                    </td>
                    <td>
                      <div className="button-row">
                        <Link href={`/admin/datasets/${encodeURIComponent(d.uid)}`} className="download" aria-label={t('datasets.editOf', { name })}>{t('datasets.edit')}</Link>
                        <Link href={`/admin/datasets/${encodeURIComponent(d.uid)}/data`} className="download" aria-label={t('datasets.dataOf', { name })}>{t('datasets.data')}</Link>
                        {d.is_published && <Link href={datasetHref(d.dataset_id)} className="download">{t('datasets.view')}<span className="visually-hidden"> {name}</span></Link>}
                        <button type="button" className="danger" disabled={busy === d.uid} aria-label={t('datasets.deleteOf', { name })} onClick={() => setDeleting(d)}>{t('common.delete')}</button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t('datasets.confirmTitle')}
        body={deleting ? t('datasets.confirmBody', { name: titleOf(deleting), id: deleting.dataset_id }) : ''}
        confirm={t('common.delete')}
        onCancel={() => setDeleting(null)}
        onConfirm={() => { const d = deleting!; setDeleting(null); void act(d, () => deleteDataset(d.uid), t('datasets.deleted', { name: titleOf(d) })); }}
      />
    </section>
  );
}
