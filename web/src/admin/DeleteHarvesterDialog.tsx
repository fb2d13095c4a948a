// Deleting a harvester asks what becomes of the datasets it created (ODS's delete_attached_datasets):
// kept (no longer harvested) or deleted too. A native modal <dialog>: focus kept inside, Escape cancels.
import { useEffect, useRef, useState } from 'react';
import type { Harvester } from './harvest-api.ts';
import { useHarvestI18n } from './harvest-messages.ts';
import { useAdminI18n } from './messages.ts';

export function DeleteHarvesterDialog({ harvester, open, onConfirm, onCancel }: {
  harvester: Harvester; open: boolean; onConfirm: (withDatasets: boolean) => void; onCancel: () => void;
}) {
  const { t } = useHarvestI18n();
  const admin = useAdminI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [withDatasets, setWithDatasets] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) { setWithDatasets(false); d.showModal(); }
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="confirm-dialog harvest-delete" aria-labelledby="hv-delete-title" aria-describedby="hv-delete-body"
      onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h2 id="hv-delete-title">{t('hv.deleteTitle', { name: harvester.name })}</h2>
      <fieldset>
        <legend id="hv-delete-body">{t('hv.deleteBody', { count: harvester.attached_datasets_count })}</legend>
        <label className="check"><input type="radio" name="hv-delete-datasets" checked={!withDatasets} onChange={() => setWithDatasets(false)} /> {t('hv.keepDatasets')}</label>
        <label className="check"><input type="radio" name="hv-delete-datasets" checked={withDatasets} onChange={() => setWithDatasets(true)} /> {t('hv.deleteDatasets')}</label>
      </fieldset>
      <div className="button-row">
        <button type="button" autoFocus onClick={onCancel}>{admin.t('common.cancel')}</button>
        <button type="button" className="danger" onClick={() => onConfirm(withDatasets)}>{t('hv.delete')}</button>
      </div>
    </dialog>
  );
}
