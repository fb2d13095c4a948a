// The back office's scheduled-refresh section of a dataset with a URL source: its schedules with
// their next runs (removable), the schedule picker (SchedulePicker.tsx), "refresh now" and the run
// history with each outcome. A dataset without a URL source gets a pointer to its data page.
import { useState } from 'react';
import type { AdminDataset } from './api.ts';
import { createSchedule, deleteSchedule, listRuns, listSchedules, refreshNow, urlResources, type RefreshRun } from './refresh-api.ts';
import { useRefreshI18n, type RefreshKey } from './refresh-messages.ts';
import { FormError, Outcome, useLoad, useOutcome } from './ui.tsx';
import { SchedulePicker } from './SchedulePicker.tsx';
import { Link } from '../components/Link.tsx';

function Runs({ runs }: { runs: RefreshRun[] }) {
  const { t } = useRefreshI18n();
  if (runs.length === 0) return <p className="muted">{t('rf.runsNone')}</p>;
  return (
    <table className="admin-table">
      <caption>{t('rf.runs')}</caption>
      <thead><tr>{(['rf.started', 'rf.trigger', 'rf.outcome', 'rf.records', 'rf.message'] as RefreshKey[]).map((k) => <th key={k} scope="col">{t(k)}</th>)}</tr></thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.uid}>
            <td>{new Date(r.started_at).toLocaleString()}</td>
            <td>{t(r.trigger === 'manual' ? 'rf.manual' : 'rf.schedule')}</td>
            <td><span className={`state ${r.outcome === 'failed' ? 'state-error' : ''}`}>{t(`rf.o.${r.outcome}` as RefreshKey)}</span></td>
            <td className="num">{r.records_count ?? ''}</td>
            <td className="small">{r.message ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RefreshSection({ dataset }: { dataset: AdminDataset }) {
  const { t } = useRefreshI18n();
  const [version, setVersion] = useState(0);
  const sources = useLoad(() => urlResources(dataset.uid), [dataset.uid]);
  const schedules = useLoad(() => listSchedules(dataset.uid), [dataset.uid, version]);
  const runs = useLoad(() => listRuns(dataset.uid), [dataset.uid, version]);
  const outcome = useOutcome();
  const [busy, setBusy] = useState(false);
  const changed = () => setVersion((v) => v + 1);
  if (!sources.data) return <FormError error={sources.error} />;
  const now = async () => {
    setBusy(true);
    await outcome.run(async () => {
      const run = await refreshNow(dataset.uid);
      changed();
      if (run.outcome === 'failed') throw new Error(run.message ?? t('rf.o.failed'));
      return t(`rf.o.${run.outcome}` as RefreshKey);
    });
    setBusy(false);
  };
  return (
    <section className="admin-form" aria-labelledby="rf-heading">
      <h2 id="rf-heading">{t('rf.heading')}</h2>
      {sources.data.length === 0 ? (
        <p className="help">{t('rf.noUrl')} <Link href={`/admin/datasets/${encodeURIComponent(dataset.uid)}/data`}>{t('rf.dataPage')}</Link></p>
      ) : (
        <>
          <p className="help">{t('rf.help')}</p>
          <p className="small">{t('rf.sources')} {sources.data.map((s) => <code key={s.uid}>{s.display_name}</code>)}</p>
          <h3>{t('rf.schedules')}</h3>
          <FormError error={schedules.error} />
          {schedules.data?.length === 0 && <p className="muted">{t('rf.none')}</p>}
          <ul>
            {schedules.data?.map((s) => (
              <li key={s.uid}>
                <code>{s.cron_schedule}</code> — {t('rf.next')} {s.next_runs.map((n) => new Date(n).toLocaleString()).join(' · ')}{' '}
                <button type="button" onClick={() => void outcome.run(async () => { await deleteSchedule(dataset.uid, s.uid); changed(); return t('rf.deleted'); })}>
                  {t('rf.delete')}<span className="visually-hidden"> {s.cron_schedule}</span>
                </button>
              </li>
            ))}
          </ul>
          <SchedulePicker save={(cron) => createSchedule(dataset.uid, cron)} onSaved={changed} />
          <div className="button-row"><button type="button" onClick={() => void now()} disabled={busy}>{busy ? t('rf.running') : t('rf.now')}</button></div>
          <div className="rf-outcome"><Outcome message={outcome.message} error={outcome.error} /></div>
          <FormError error={runs.error} />
          {runs.data && <Runs runs={runs.data} />}
        </>
      )}
    </section>
  );
}
