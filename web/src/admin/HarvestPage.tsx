// /admin/harvest: the harvesters (name, type, source, status, last run with its counts, attached and
// published datasets, schedule), polled while one runs, and the form to add one (saved, it opens at
// /admin/harvest/{uid}).
import { useEffect } from 'react';
import { listHarvesters, listRuns, listTypes, type Harvester, type HarvesterType, type HarvestRun } from './harvest-api.ts';
import { useHarvestI18n, type HarvestKey } from './harvest-messages.ts';
import { HarvesterForm } from './HarvesterForm.tsx';
import { FormError, useLoad } from './ui.tsx';
import { Link } from '../components/Link.tsx';
import { Empty, Loading } from '../components/States.tsx';
import { navigate } from '../app/router.ts';

export const harvesterHref = (uid: string) => `/admin/harvest/${encodeURIComponent(uid)}`;
/** How often a page showing a running harvester asks for its status. */
export const POLL_MS = 1000;
export const isBusy = (h: Harvester) => h.status === 'processing' || h.status === 'aborting';

interface Row { h: Harvester; last: HarvestRun | null }

async function loadRows(): Promise<Row[]> {
  const all = await listHarvesters();
  return Promise.all(all.map(async (h) => ({ h, last: (await listRuns(h.uid, 1))[0] ?? null })));
}

export function OutcomeBadge({ outcome }: { outcome: HarvestRun['outcome'] }) {
  const { t } = useHarvestI18n();
  const tone = outcome === 'done' ? 'badge-on' : outcome === 'running' ? '' : 'badge-error';
  return <span className={`badge ${tone}`} data-outcome={outcome}>{t(`hv.o.${outcome}` as HarvestKey)}</span>;
}

export function LastRun({ run }: { run: HarvestRun | null }) {
  const { t } = useHarvestI18n();
  if (!run) return <span className="muted">{t('hv.noRun')}</span>;
  const errors = Object.keys(run.errors).length;
  return (
    <>
      <OutcomeBadge outcome={run.outcome} />{' '}
      <span className="small">{new Date(run.started_at).toLocaleString()}</span>
      <div className="small">{t('hv.counts', { created: run.created, updated: run.updated, unchanged: run.unchanged, removed: run.removed })}</div>
      {errors > 0 && <div className="small harvest-errors-count">{t('hv.withErrors', { count: errors })}</div>}
      {run.message && <div className="small muted">{run.message}</div>}
    </>
  );
}

function HarvesterTable({ rows, types }: { rows: Row[]; types: HarvesterType[] }) {
  const { t } = useHarvestI18n();
  const label = (type: string) => types.find((x) => x.type === type)?.label ?? type;
  return (
    <div className="table-scroll">
      <table className="data-table admin-table harvesters">
        <caption className="visually-hidden">{t('hv.count', { count: rows.length })}</caption>
        <thead>
          <tr>{(['hv.name', 'hv.type', 'hv.source', 'hv.status', 'hv.lastRun', 'hv.datasets', 'hv.schedule'] as HarvestKey[]).map((k) => <th key={k} scope="col">{t(k)}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map(({ h, last }) => (
            <tr key={h.uid}>
              <th scope="row"><Link href={harvesterHref(h.uid)} aria-label={t('hv.manageOf', { name: h.name })}>{h.name}</Link></th>
              <td>{label(h.type)}</td>
              <td className="long-url"><a href={h.url} rel="noopener noreferrer">{h.url}</a></td>
              <td>{t(`hv.st.${h.status}` as HarvestKey)}</td>
              <td><LastRun run={last} /></td>
              <td>{t('hv.attached', { attached: h.attached_datasets_count, published: h.published_datasets_count })}</td>
              <td>{h.schedule ? <><code>{h.schedule.cron_schedule}</code> <span className="small">({h.schedule.timezone})</span></> : <span className="muted">{t('hv.noSchedule')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function HarvestPage() {
  const { t } = useHarvestI18n();
  const types = useLoad(listTypes, []);
  const rows = useLoad(loadRows, []);
  const running = rows.data?.some((r) => isBusy(r.h)) ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(rows.reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [running, rows.data, rows.reload]);
  return (
    <section aria-labelledby="harvest-title">
      <h1 id="harvest-title">{t('hv.title')}</h1>
      <p className="help">{t('hv.help')}</p>
      <section aria-labelledby="harvest-list">
        <h2 id="harvest-list">{t('hv.list')}</h2>
        <FormError error={rows.error} />
        {!rows.data && !rows.error && <Loading />}
        {rows.data?.length === 0 && <Empty>{t('hv.none')}</Empty>}
        {rows.data && rows.data.length > 0 && <HarvesterTable rows={rows.data} types={types.data ?? []} />}
      </section>
      <FormError error={types.error} />
      {types.data && types.data.length > 0 && <HarvesterForm types={types.data} idPrefix="hv-new" onSaved={(h) => navigate(harvesterHref(h.uid))} />}
    </section>
  );
}
