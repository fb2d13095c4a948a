// The dataset's dates in the back office (issue 10): the `modified` date a publisher may set (empty =
// automatic), beside what the portal computes — data period, last data and metadata changes.
import { useState, type FormEvent } from 'react';
import { putMetadata, type AdminDataset } from './api.ts';
import { useAdminI18n } from './messages.ts';
import { Outcome, useOutcome } from './ui.tsx';

const value = (d: AdminDataset, k: string): unknown => d.metadata.default[k]?.value;
const day = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 10) : '');

export function PublisherDates({ dataset, onSaved }: { dataset: AdminDataset; onSaved: () => void }) {
  const { t } = useAdminI18n();
  const manual = value(dataset, 'modified_updates_on_data_change') === false && value(dataset, 'modified_updates_on_metadata_change') === false;
  const [modified, setModified] = useState(manual ? day(value(dataset, 'modified')) : '');
  const [busy, setBusy] = useState(false);
  const outcome = useOutcome();
  const period = value(dataset, 'temporal_coverage') as { start: string; end: string } | undefined;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const ok = await outcome.run(async () => { await putMetadata(dataset.uid, { modified: { value: modified || null } }); return t('common.saved'); });
    setBusy(false);
    if (ok) onSaved();
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="dates-heading">
      <h2 id="dates-heading">{t('dates.title')}</h2>
      <p className="help" id="dates-help">{t('dates.help')}</p>
      <div className="field">
        <label htmlFor="meta-modified">{t('dates.modified')}</label>
        <input id="meta-modified" type="date" value={modified} aria-describedby="dates-help dates-modified-state" onChange={(e) => setModified(e.target.value)} />
        <p className="help" id="dates-modified-state">{manual ? t('dates.manual') : `${t('dates.auto')} (${day(value(dataset, 'modified'))})`}</p>
      </div>
      <dl className="meta-list">
        <div><dt>{t('dates.period')}</dt><dd>{period ? `${day(period.start)} – ${day(period.end)}` : t('dates.none')}</dd></div>
        <div><dt>{t('dates.dataProcessed')}</dt><dd>{day(value(dataset, 'data_processed')) || t('dates.none')}</dd></div>
        <div><dt>{t('dates.metadataProcessed')}</dt><dd>{day(value(dataset, 'metadata_processed')) || t('dates.none')}</dd></div>
      </dl>
      <button type="submit" className="primary" disabled={busy}>{busy ? t('common.saving') : t('dates.save')}</button>
      <Outcome message={outcome.message} error={outcome.error} />
    </form>
  );
}
