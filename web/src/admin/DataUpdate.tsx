// /admin/datasets/{uid}/data: replace or append a dataset's data with a file or a URL. A dataset's
// data is its resources (publish/ loads the first with replace semantics and appends the others); data
// loaded without resources (command line) is appended to with a resource marked `append`, consumed by publish/.
// The new source is previewed first: bad rows can be skipped (listed after publishing), a file without rows needs a confirmation.
import { useState, type FormEvent } from 'react';
import { AUTOMATION, deleteResource, extractorFor, getDataset, previewResource, publishWithResources, titleOf, uploadFile, type Paginated, type PublishAnswer } from './api.ts';
import { badRowsProblem, PublishReport, RetrySkipping, SkipBadRowsOption } from './PublishReport.tsx';
import { adminFetch } from './session.ts';
import { useAdminI18n } from './messages.ts';
import { ConfirmDialog, FormError, Outcome, useLoad, useOutcome } from './ui.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/States.tsx';

const dsPath = (uid: string) => `${AUTOMATION}/datasets/${encodeURIComponent(uid)}`;

export interface ResourceSummary { uid: string; type: string; title: string; display_name: string; params: Record<string, unknown>; datasource: Record<string, unknown> }

/** The ODS extractor for a URL's path (…/data.csv → csvfile); CSV when the path has no known extension. */
export function extractorForUrl(url: string): string {
  let path = url;
  try { path = new URL(url).pathname; } catch { /* the server names the bad URL */ }
  return extractorFor(path) ?? 'csvfile';
}

/** POST resources/ with an http datasource: the server checks the URL (and refuses private addresses). */
export const createUrlResource = (uid: string, url: string, append = false, params: Record<string, unknown> = {}) =>
  adminFetch<{ uid: string }>('POST', `${dsPath(uid)}/resources`, { type: extractorForUrl(url), title: url, params, datasource: { type: 'http', connection: { type: 'http', url } }, ...(append ? { append: true } : {}) });

/** POST resources/ for an uploaded file; `append` (Agora extension) adds its rows to data loaded without resources. */
const createFileResource = (uid: string, fileUid: string, filename: string, type: string, append: boolean, params: Record<string, unknown>) =>
  adminFetch<{ uid: string }>('POST', `${dsPath(uid)}/resources`, { type, title: filename, params, datasource: { type: 'uploaded_file', file: { uid: fileUid } }, ...(append ? { append: true } : {}) });

export const listResources = (uid: string) => adminFetch<Paginated<ResourceSummary>>('GET', `${dsPath(uid)}/resources?limit=1000`);

/** The published records count, from the Explore API (as the caller sees it). */
async function recordsCount(datasetId: string): Promise<number> {
  const d = await adminFetch<{ metas: { default: { records_count: number } } }>('GET', `/api/explore/v2.1/catalog/datasets/${encodeURIComponent(datasetId)}`);
  return d.metas.default.records_count;
}

type Mode = 'append' | 'replace';
/** The open confirmation: replacing all the data, or publishing a new source that has no rows. */
type Dialog = { kind: 'replace' } | { kind: 'empty'; mode: Mode; created: string };

export function DataUpdate({ uid }: { uid: string }) {
  const { t, n } = useAdminI18n();
  const { data, error, reload } = useLoad(async () => {
    const [dataset, resources] = await Promise.all([getDataset(uid), listResources(uid)]);
    return { dataset, resources: resources.results };
  }, [uid]);
  const [source, setSource] = useState<'file' | 'url'>('file');
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [badRows, setBadRows] = useState<string | null>(null);
  const [report, setReport] = useState<PublishAnswer | null>(null);
  const [lastMode, setLastMode] = useState<Mode>('append');
  const outcome = useOutcome();

  if (error) return <FormError error={error} />;
  if (!data) return <Loading />;
  const name = titleOf(data.dataset);
  // Without resources, published data came from elsewhere (the command line): a new resource marked
  // `append` is added to it by publish/, then dropped. A draft without resources has nothing to append to.
  const appendToLoaded = data.resources.length === 0 && data.dataset.is_published;
  const canAppend = data.resources.length > 0 || appendToLoaded;
  const ready = source === 'file' ? file !== null : url.trim() !== '';

  /** Uploads the file (or names the URL) as a new resource; returns its uid. */
  const createSource = async (mode: Mode, skip: boolean): Promise<string> => {
    const params = skip ? { skip_bad_rows: true } : {};
    const append = mode === 'append' && appendToLoaded;
    if (source === 'url') return (await createUrlResource(uid, url.trim(), append, params)).uid;
    const type = extractorFor(file!.name);
    if (!type) throw new Error(t('upload.unsupported', { name: file!.name }));
    setProgress(0);
    const stored = await uploadFile(uid, file!, setProgress);
    return (await createFileResource(uid, stored.uid, stored.filename, type, append, params)).uid;
  };
  /** Publishes with the new resource (after the others, or instead of them for replace). */
  const finish = async (mode: Mode, created: string): Promise<string> => {
    const previous = data.resources;
    if (mode === 'replace') for (const r of previous) await deleteResource(uid, r.uid);
    try {
      // The first resource replaces the published data in one step; on failure it is untouched.
      setReport(await publishWithResources(uid));
    } catch (e) {
      // The published data is untouched: put the sources back as they were (same order).
      await deleteResource(uid, created).catch(() => undefined);
      if (mode === 'replace') {
        for (const r of previous) {
          await adminFetch('POST', `${dsPath(uid)}/resources`, { type: r.type, title: r.title, params: r.params, datasource: r.datasource }).catch(() => undefined);
        }
      }
      throw e;
    }
    const count = await recordsCount(data.dataset.dataset_id);
    return t(mode === 'replace' ? 'data.replaced' : 'data.appended', { name, count: n(count) });
  };
  const run = async (mode: Mode, skip = skipBadRows) => {
    setBusy(true);
    setBadRows(null);
    setReport(null);
    setLastMode(mode);
    let pending: Dialog | null = null;
    await outcome.run(async () => {
      const created = await createSource(mode, skip);
      let preview;
      try {
        preview = await previewResource(uid, created);
      } catch (e) {
        await deleteResource(uid, created).catch(() => undefined);
        const problem = badRowsProblem(e);
        if (problem) { setBadRows(problem); throw new Error(t('publish.badRows', { problem })); }
        throw e;
      }
      if (preview.fields.length > 0 && preview.records.length === 0) {
        pending = { kind: 'empty', mode, created };
        return t('publish.noRows');
      }
      return finish(mode, created);
    });
    setBusy(false);
    if (pending) setDialog(pending); else reload();
  };
  const confirmed = async (d: Dialog) => {
    setDialog(null);
    if (d.kind === 'replace') { void run('replace'); return; }
    setBusy(true);
    await outcome.run(() => finish(d.mode, d.created));
    setBusy(false);
    reload();
  };
  const cancelled = (d: Dialog) => {
    setDialog(null);
    if (d.kind === 'empty') void deleteResource(uid, d.created).catch(() => undefined);
  };
  const submit = (mode: Mode) => (e?: FormEvent) => {
    e?.preventDefault();
    if (!ready) return;
    if (mode === 'replace') setDialog({ kind: 'replace' }); else void run('append');
  };

  return (
    <section aria-labelledby="data-title">
      <p><Link href={`/admin/datasets/${encodeURIComponent(uid)}`}>{t('data.back', { name })}</Link></p>
      <h1 id="data-title">{t('data.title', { name })}</h1>
      <p className="help">{t('data.help')}</p>
      {data.resources.length > 0 && (
        <>
          <h2 id="data-current">{t('data.current')}</h2>
          <ul aria-labelledby="data-current">{data.resources.map((r) => <li key={r.uid}>{r.display_name}</li>)}</ul>
        </>
      )}
      <form className="admin-form" onSubmit={submit('append')} aria-labelledby="data-title">
        <fieldset>
          <legend>{t('data.source')}</legend>
          <label className="check"><input type="radio" name="data-source" checked={source === 'file'} onChange={() => setSource('file')} /> {t('data.fromFile')}</label>
          <label className="check"><input type="radio" name="data-source" checked={source === 'url'} onChange={() => setSource('url')} /> {t('data.fromUrl')}</label>
        </fieldset>
        {source === 'file' ? (
          <div className="field">
            <label htmlFor="data-file">{t('upload.file')}</label>
            <input id="data-file" type="file" accept=".csv,.tsv,.json,.jsonl,.ndjson,.geojson,.xls,.xlsx,.parquet,.kml,.gpx,.zip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </div>
        ) : (
          <div className="field">
            <label htmlFor="data-url">{t('data.url')}</label>
            <input id="data-url" type="url" inputMode="url" aria-describedby="data-url-help" value={url} onChange={(e) => setUrl(e.target.value)} />
            <p className="help" id="data-url-help">{t('data.urlHelp')}</p>
          </div>
        )}
        {progress !== null && source === 'file' && (
          <p className="upload-progress">
            <label htmlFor="data-progress">{t('upload.progress')}</label>{' '}
            <progress id="data-progress" max={1} value={progress} /> <span>{Math.round(progress * 100)} %</span>
          </p>
        )}
        <SkipBadRowsOption id="data-skip-bad-rows" checked={skipBadRows} onChange={setSkipBadRows} />
        {!canAppend && <p className="help" id="data-no-append">{t('data.noAppendDraft')}</p>}
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy || !ready || !canAppend} aria-describedby={canAppend ? undefined : 'data-no-append'}>{t('data.append')}</button>
          <button type="button" className="danger" disabled={busy || !ready} onClick={() => submit('replace')()}>{t('data.replace')}</button>
        </div>
      </form>
      <Outcome message={outcome.message} error={outcome.error} />
      {badRows && <RetrySkipping disabled={busy} onRetry={() => { setSkipBadRows(true); void run(lastMode, true); }} />}
      <PublishReport answer={report} />
      <ConfirmDialog
        open={dialog !== null}
        title={t(dialog?.kind === 'empty' ? 'publish.confirmEmptyTitle' : 'data.confirmTitle')}
        body={dialog?.kind === 'empty'
          ? t('publish.confirmEmptyBody', { source: source === 'file' ? file?.name ?? '' : url.trim() })
          : t('data.confirmBody', { name, source: source === 'file' ? file?.name ?? '' : url.trim() })}
        confirm={t(dialog?.kind === 'empty' ? 'publish.confirmEmpty' : 'data.replace')}
        onCancel={() => { if (dialog) cancelled(dialog); }}
        onConfirm={() => { if (dialog) void confirmed(dialog); }}
      />
    </section>
  );
}
