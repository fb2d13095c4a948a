// What a harvester's run would do, from preview/ or unsaved_preview/: each remote dataset with its
// action (create, update, keep unchanged) and id here, then the datasets the source no longer offers.
import type { HarvestPreview } from './harvest-api.ts';
import { useHarvestI18n, type HarvestKey } from './harvest-messages.ts';

export function previewCounts(p: HarvestPreview): Record<'create' | 'update' | 'unchanged' | 'delete' | 'keep', number> {
  const n = (xs: Array<{ action: string }>, a: string) => xs.filter((x) => x.action === a).length;
  return { create: n(p.results, 'create'), update: n(p.results, 'update'), unchanged: n(p.results, 'unchanged'), delete: n(p.missing, 'delete'), keep: n(p.missing, 'keep') };
}

export function HarvestPreviewTable({ preview, idPrefix }: { preview: HarvestPreview; idPrefix: string }) {
  const { t } = useHarvestI18n();
  const heading = `${idPrefix}-heading`;
  return (
    <section aria-labelledby={heading} className="harvest-preview">
      <h3 id={heading}>{t('hv.previewTitle')}</h3>
      <p>{t('hv.previewSummary', previewCounts(preview))}</p>
      {preview.results.length === 0 && preview.missing.length === 0 && <p className="muted">{t('hv.previewEmpty')}</p>}
      {(preview.results.length > 0 || preview.missing.length > 0) && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={heading}>
          <table className="data-table admin-table">
            <thead>
              <tr>{(['hv.remoteId', 'hv.dsTitle', 'hv.action', 'hv.datasetId', 'hv.formats'] as HarvestKey[]).map((k) => <th key={k} scope="col">{t(k)}</th>)}</tr>
            </thead>
            <tbody>
              {preview.results.map((r) => (
                <tr key={r.id} data-action={r.action}>
                  <td className="mono long-url">{r.remote_url ? <a href={r.remote_url} rel="noopener noreferrer">{r.id}</a> : r.id}</td>
                  <th scope="row">{r.title}</th>
                  <td>{t(`hv.a.${r.action}` as HarvestKey)}</td>
                  <td className="mono long-url">{r.dataset_id}</td>
                  <td>{r.formats.join(', ')}</td>
                </tr>
              ))}
              {preview.missing.map((m) => (
                <tr key={`missing-${m.id}`} data-action={m.action}>
                  <td className="mono long-url">{m.id}</td>
                  <th scope="row" className="muted">{t('hv.missing')}</th>
                  <td>{t(`hv.a.${m.action}` as HarvestKey)}</td>
                  <td className="mono long-url">{m.dataset_id}</td>
                  <td />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
