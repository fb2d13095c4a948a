// /admin/harvest/{uid}: one harvester — its summary and status (polled and announced while it runs),
// run now / abort, preview, publish or unpublish all its datasets, delete (keeping or deleting them),
// the errors of the last run, the run history, the schedule and the settings form.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  abortHarvester, deleteHarvester, getHarvester, harvesterErrors, listRuns, listTypes, previewHarvester, publishAll, startHarvester,
  type Harvester, type HarvesterType, type HarvestPreview,
} from './harvest-api.ts';
import { useHarvestI18n, type HarvestKey } from './harvest-messages.ts';
import { isBusy, POLL_MS } from './HarvestPage.tsx';
import { HarvestPreviewTable, previewCounts } from './HarvestPreviewTable.tsx';
import { HarvestRuns, LastErrors } from './HarvestRuns.tsx';
import { HarvestSchedule } from './HarvestSchedule.tsx';
import { HarvesterForm } from './HarvesterForm.tsx';
import { DeleteHarvesterDialog } from './DeleteHarvesterDialog.tsx';
import { FormError, Outcome, useLoad, useOutcome } from './ui.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/States.tsx';
import { navigate } from '../app/router.ts';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

function Summary({ h, types }: { h: Harvester; types: HarvesterType[] }) {
  const { t } = useHarvestI18n();
  const type = types.find((x) => x.type === h.type);
  const rows: Array<[HarvestKey, ReactNode]> = [
    ['hv.type', type?.label ?? h.type],
    ['hv.source', <a key="u" href={h.url} rel="noopener noreferrer" className="long-url">{h.url}</a>],
    ['hv.mode', h.metadata_only ? t('hv.yesMeta') : t('hv.yesFull')],
    ['hv.remote', h.remote_datasets_count],
    ['hv.harvested', h.harvested_datasets_count],
    ['hv.datasets', t('hv.attached', { attached: h.attached_datasets_count, published: h.published_datasets_count })],
    ['hv.lastStarted', when(h.last_started_at)],
    ['hv.lastSuccess', when(h.last_success_at)],
  ];
  return (
    <dl className="harvest-summary">
      <div><dt>{t('hv.status')}</dt><dd><span role="status" data-status={h.status}>{t(`hv.st.${h.status}` as HarvestKey)}</span></dd></div>
      {rows.map(([k, v]) => <div key={k}><dt>{t(k)}</dt><dd>{v}</dd></div>)}
      {type?.options.filter((o) => typeof h[o.name] === 'string').map((o) => <div key={o.name}><dt>{o.label}</dt><dd><code>{String(h[o.name])}</code></dd></div>)}
      {h.dataset_id_prefix && <div><dt>{t('hv.prefix')}</dt><dd><code>{h.dataset_id_prefix}</code></dd></div>}
    </dl>
  );
}

export function HarvesterPage({ uid }: { uid: string }) {
  const { t } = useHarvestI18n();
  const types = useLoad(listTypes, []);
  const harvester = useLoad(() => getHarvester(uid), [uid]);
  const [version, setVersion] = useState(0);
  const runs = useLoad(() => listRuns(uid), [uid, version]);
  const errors = useLoad(() => harvesterErrors(uid), [uid, version]);
  const [preview, setPreview] = useState<HarvestPreview | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const outcome = useOutcome();
  const h = harvester.data;
  const running = h ? isBusy(h) : false;
  // A run started here or seen running is watched: the harvester and its runs are read again every
  // POLL_MS until it has stopped and the history holds a run newer than `before` with its outcome, announced.
  const watch = useRef<{ before: string | null } | null>(null);
  const sinceLast = () => { const last = runs.data?.[0]; return { before: last && last.outcome !== 'running' ? last.uid : null }; };
  useEffect(() => {
    if (running && !watch.current) watch.current = sinceLast();
    const w = watch.current;
    if (!w) return;
    const last = runs.data?.[0];
    if (!running && last && last.outcome !== 'running' && last.uid !== w.before) {
      watch.current = null;
      void outcome.run(async () => t('hv.runEnded', { outcome: t(`hv.o.${last.outcome}` as HarvestKey) }));
      return;
    }
    const timer = setTimeout(() => { harvester.reload(); setVersion((v) => v + 1); }, POLL_MS);
    return () => clearTimeout(timer);
  }, [running, h, runs.data]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!h) return harvester.error ? <FormError error={harvester.error} /> : <Loading />;
  const act = async (name: string, action: () => Promise<string>) => {
    setBusy(name);
    await outcome.run(action);
    setBusy(null);
    harvester.reload();
  };
  const start = () => act('run', async () => {
    setPreview(null);
    watch.current = sinceLast();
    try { await startHarvester(uid); } catch (e) { watch.current = null; throw e; }
    return t('hv.started');
  });
  const abort = () => act('abort', async () => { await abortHarvester(uid); return t('hv.aborted'); });
  const showPreview = () => act('preview', async () => { setPreview(null); const p = await previewHarvester(uid); setPreview(p); return t('hv.previewSummary', previewCounts(p)); });
  const publish = (on: boolean) => act(on ? 'publish' : 'unpublish', async () => { await publishAll(uid, on); return t(on ? 'hv.published' : 'hv.unpublished'); });
  const remove = (withDatasets: boolean) => {
    setDeleting(false);
    void act('delete', async () => { await deleteHarvester(uid, withDatasets); navigate('/admin/harvest'); return t('hv.deleted', { name: h.name }); });
  };
  return (
    <section aria-labelledby="hv-title">
      <p><Link href="/admin/harvest">← {t('hv.back')}</Link></p>
      <h1 id="hv-title">{h.name}</h1>
      <section aria-labelledby="hv-summary">
        <h2 id="hv-summary" className="visually-hidden">{t('hv.summary')}</h2>
        <Summary h={h} types={types.data ?? []} />
      </section>
      <section aria-labelledby="hv-actions" className="harvest-actions">
        <h2 id="hv-actions" className="visually-hidden">{t('hv.actions')}</h2>
        <div className="button-row">
          <button type="button" className="primary" onClick={() => void start()} disabled={running || busy !== null}>{t('hv.run')}</button>
          {running && <button type="button" onClick={() => void abort()} disabled={h.status === 'aborting' || busy !== null}>{t('hv.abort')}</button>}
          <button type="button" onClick={() => void showPreview()} disabled={busy !== null}>{busy === 'preview' ? t('hv.previewing') : t('hv.preview')}</button>
          <button type="button" onClick={() => void publish(true)} disabled={busy !== null || h.attached_datasets_count === 0}>{t('hv.publishAll')}</button>
          <button type="button" onClick={() => void publish(false)} disabled={busy !== null || h.published_datasets_count === 0}>{t('hv.unpublishAll')}</button>
          <button type="button" className="danger" onClick={() => setDeleting(true)} disabled={running || busy !== null}>{t('hv.delete')}</button>
        </div>
        <Outcome message={busy === 'preview' ? t('hv.previewing') : outcome.message} error={outcome.error} />
        {preview && <HarvestPreviewTable preview={preview} idPrefix="hv-preview" />}
      </section>
      {errors.data && <LastErrors errors={errors.data} />}
      <section aria-labelledby="hv-runs">
        <h2 id="hv-runs">{t('hv.runs')}</h2>
        <FormError error={runs.error ?? errors.error} />
        {runs.data && <HarvestRuns runs={runs.data} />}
      </section>
      <HarvestSchedule harvester={h} onChanged={harvester.reload} />
      {types.data && <HarvesterForm types={types.data} existing={h} idPrefix="hv-edit" onSaved={() => harvester.reload()} />}
      <DeleteHarvesterDialog harvester={h} open={deleting} onConfirm={remove} onCancel={() => setDeleting(false)} />
      <FormError error={types.error} />
    </section>
  );
}
