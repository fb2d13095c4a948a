// /admin/reuses: the reuses the signed-in user may moderate (approve, reject with a reason, delete),
// filtered by status, and their own submissions with the moderation outcome (withdraw one).
import { useMemo, useState } from 'react';
import { approveReuse, deleteReuse, moderationQueue, myReuses, rejectReuse, type ApiReuse } from '../api/reuses.ts';
import { sanitizeHtml } from '../dataset/info/sanitize.ts';
import { Link } from '../components/Link.tsx';
import { Loading, Empty } from '../components/States.tsx';
import { datasetHref } from '../app/routes.ts';
import { useReusesI18n } from './reuses-messages.ts';
import { ConfirmDialog, FormError, Outcome, useLoad, useOutcome } from './ui.tsx';

type Status = 'pending' | 'approved' | 'rejected' | 'all';
const STATUSES: Status[] = ['pending', 'approved', 'rejected', 'all'];

function Item({ r, onDone, run, own }: { r: ApiReuse; onDone: () => void; run: ReturnType<typeof useOutcome>['run']; own?: boolean }) {
  const { t, lang } = useReusesI18n();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const html = useMemo(() => sanitizeHtml(r.description_html), [r.description_html]);
  const date = new Date(r.submitted_at).toLocaleString(lang);
  const act = (action: () => Promise<string | null>) => { void run(action).then((ok) => { if (ok) onDone(); }); };
  const reasonId = `reason-${r.uid}`;
  return (
    <li className="card reuse-item">
      <h3 className="card-title"><a href={r.url} rel="noopener noreferrer nofollow ugc">{r.title}</a> <span className={`tag tag-${r.status}`}>{t(`ru.s.${r.status}`)}</span></h3>
      <p className="muted">{t('ru.by', { name: r.submitted_by ?? '', date })} · <code>{r.url}</code></p>
      <p>{t('ru.datasets')} {r.datasets.map((d, i) => <span key={d.dataset_id}>{i > 0 && ', '}<Link href={datasetHref(d.dataset_id)}>{d.title}</Link></span>)}</p>
      {html && <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />}
      {r.status === 'rejected' && r.reject_reason && <p>{t('ru.reason', { reason: r.reject_reason })}</p>}
      <div className="button-row">
        {!own && r.status !== 'approved' && (
          <button type="button" aria-label={t('ru.approve', { title: r.title })} onClick={() => act(async () => { await approveReuse(r.uid); return t('ru.approved', { title: r.title }); })}>{t('ru.approveShort')}</button>
        )}
        {!own && r.status !== 'rejected' && <button type="button" aria-expanded={rejecting} aria-controls={`${reasonId}-form`} onClick={() => setRejecting((x) => !x)}>{t('ru.reject')}</button>}
        <button type="button" className="danger" onClick={() => setConfirming(true)}>{own ? t('ru.withdraw') : t('ru.delete')}</button>
      </div>
      {rejecting && (
        <form id={`${reasonId}-form`} onSubmit={(e) => { e.preventDefault(); act(async () => { await rejectReuse(r.uid, reason); setRejecting(false); return t('ru.rejected', { title: r.title }); }); }}>
          <label className="field" htmlFor={reasonId}><span>{t('ru.rejectReason', { title: r.title })}</span>
            <textarea id={reasonId} required maxLength={1000} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} /></label>
          <button type="submit">{t('ru.rejectConfirm')}</button>
        </form>
      )}
      <ConfirmDialog open={confirming} title={t('ru.deleteTitle', { title: r.title })} body={t('ru.deleteBody')} confirm={own ? t('ru.withdraw') : t('ru.delete')}
        onCancel={() => setConfirming(false)} onConfirm={() => { setConfirming(false); act(async () => { await deleteReuse(r.uid); return t('ru.deleted', { title: r.title }); }); }} />
    </li>
  );
}

export function ReusesPage() {
  const { t } = useReusesI18n();
  const [status, setStatus] = useState<Status>('pending');
  const queue = useLoad(() => moderationQueue(status), [status]);
  const mine = useLoad(() => myReuses(), []);
  const outcome = useOutcome();
  const reload = () => { queue.reload(); mine.reload(); };
  return (
    <div>
      <h1>{t('ru.title')}</h1>
      <p>{t('ru.help')}</p>
      <label className="field inline-field" htmlFor="ru-status"><span>{t('ru.status')}</span>
        <select id="ru-status" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
          {STATUSES.map((s) => <option key={s} value={s}>{t(`ru.s.${s}`)}</option>)}
        </select></label>
      <div className="ru-outcome"><Outcome message={outcome.message} error={outcome.error} /></div>
      <FormError error={queue.error} />
      {!queue.data && !queue.error && <Loading />}
      {queue.data && (
        <>
          <p role="status" aria-live="polite">{t('ru.count', { count: queue.data.total_count })}</p>
          {queue.data.results.length === 0 ? <Empty>{t('ru.none')}</Empty> : (
            <ul className="card-list plain-list">{queue.data.results.map((r) => <Item key={r.uid} r={r} run={outcome.run} onDone={reload} />)}</ul>
          )}
        </>
      )}
      <h2>{t('ru.mine')}</h2>
      <FormError error={mine.error} />
      {mine.data && (mine.data.results.length === 0 ? <Empty>{t('ru.mineNone')}</Empty> : (
        <ul className="card-list plain-list">{mine.data.results.map((r) => <Item key={r.uid} r={r} own run={outcome.run} onDone={reload} />)}</ul>
      ))}
    </div>
  );
}
